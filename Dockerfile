# covermap in a Debian 12 image, for the tile jobs of deploy/k8s (and any container scheduler): the packages
# come from scripts/install-deps.sh, the same list `make test` installs from. The tests run at build time, so
# an image that builds is one whose covermap passed its suite on this base.
#   docker build -t covermap:latest .
#   docker run --rm -v "$PWD:/work" covermap:latest covermap tiles /work/map.yaml -o /work/t.pmtiles --zoom 0-8
FROM debian:12
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src/covermap
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j"$(nproc)" \
    && (cd build && ctest --output-on-failure -j"$(nproc)") \
    && install -m 755 build/app/covermap /usr/local/bin/covermap \
    && rm -rf build
# The boundary cache goes to a writable folder whatever user the pod runs as.
ENV COVERMAP_CACHE_DIR=/tmp/covermap-cache
WORKDIR /work
CMD ["covermap", "--help"]

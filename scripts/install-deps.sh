#!/usr/bin/env bash
# Installs every Debian package covermap's build, tests, fonts and examples need (Mapnik too: a test compares
# tiles with it; Chromium and GDAL as real clients of `covermap serve` and of the vector tiles), and the npm
# packages the tests drive them with (playwright-core, pmtiles, MapLibre GL JS, @mapbox/vector-tile + pbf, the
# style validator) into $COVERMAP_NPM_DIR (default build/npm). Flags add what only some make targets need: --bench
# the other peers the benchmarks compare against (geopandas, nginx) and the tools that time them (GNU time, wrk,
# curl); --fuzz clang and its libFuzzer runtime (make fuzz); --lint clang and clang-tidy (make lint); --slurm
# Slurm's daemons, client and munge (make test-slurm starts a one-node cluster).
# Idempotent: apt and npm are called only for what is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
npm_dir=${COVERMAP_NPM_DIR:-$root/build/npm}
npm_packages=(playwright-core@1.65.1 pmtiles@3.2.1 maplibre-gl@5.24.1 @mapbox/vector-tile@3.0.0 pbf@5.1.2
  @maplibre/maplibre-gl-style-spec@26.6.0)

packages=(
  # build
  cmake g++ make pkg-config
  # libraries (DESIGN.md: dependencies; protozero: the protobuf wire format of vector tiles)
  libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev libnetcdf-dev libhdf5-dev libicu-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev
  libsqlite3-dev libpng-dev zlib1g-dev libdeflate-dev libwebp-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libxxhash-dev
  libprotozero-dev libcpp-httplib-dev
  # the preview page's map library, built into covermap (no CDN at run time)
  libjs-leaflet
  # built-in boundaries and fonts for Chinese text
  gmt-dcw fonts-noto-cjk fontconfig
  # the South China Sea islands of the inset (GSHHG full-resolution shorelines)
  gmt-gshhg-full
  # tests (python3-mapnik: tests/app/tiles_mapnik_test.cpp compares tiles with Mapnik's, via /usr/bin/python3)
  libgtest-dev libgmock-dev libbenchmark-dev poppler-utils python3 python3-mapnik
  # serve's and the vector tiles' tests: a real browser (MapLibre, the preview page), and the TileJSON
  # schema checked by a real validator
  chromium python3-jsonschema
)
with_npm=1
for flag in "$@"; do
  case "$flag" in
    # the npm packages are the tests' (and the preview's MapLibre): make demo does without them
    --no-npm) with_npm=0 ;;
    # python3-gdal: bench/mvt_gaps.py draws vector tiles to count the gaps between neighbours; mapnik-utils:
    # shapeindex, the spatial index of bench/tiles.sh's pre-projected Mapnik peer
    --bench) packages+=(python3-geopandas python3-matplotlib time wrk nginx-light curl python3-gdal mapnik-utils) ;;
    # libclang-rt-14-dev holds libFuzzer and the sanitizer runtimes; clang only recommends it.
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    --lint) packages+=(clang clang-tidy) ;;
    --slurm) packages+=(slurmctld slurmd slurm-client munge) ;;
    *) echo "install-deps: unknown flag $flag (--bench, --fuzz, --lint, --slurm, --no-npm)" >&2; exit 1 ;;
  esac
done
# Node from Debian unless one is already there (e.g. NodeSource's, which carries its own npm).
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi

# npm packages for the tests, pinned, into the build tree (never committed).
npm_missing=()
for package in "${npm_packages[@]}"; do
  name=${package%@*}
  version=${package##*@}
  installed=$(node -p "require('$npm_dir/node_modules/$name/package.json').version" 2>/dev/null || true)
  [[ "$installed" == "$version" ]] || npm_missing+=("$package")
done
if [[ $with_npm -eq 1 && ${#npm_missing[@]} -gt 0 ]]; then
  echo "install-deps: npm installing ${npm_missing[*]} into $npm_dir"
  mkdir -p "$npm_dir"
  # Test-only packages: without the registry (a machine offline, or behind a TLS proxy npm does not trust)
  # the build still goes on; the tests that drive them skip, and serve's preview is built without MapLibre.
  # Few, short retries: an unreachable registry costs seconds, not npm's minutes of back-off.
  if ! npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error --fetch-retries=1 \
    --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=10000 --fetch-timeout=60000 \
    "${npm_missing[@]}" >/dev/null; then
    echo "install-deps: warning: npm could not install ${npm_missing[*]}; the browser and npm-client tests" \
      "will skip, and the preview page will not show vector tile sets" >&2
  fi
fi

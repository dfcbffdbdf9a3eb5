# The two commands of the README. Both install what they need first.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: deps build test demo golden bench bench-tiles format clean

deps:
	scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

demo: build
	scripts/build-atlas.sh $(BUILD)/app/covermap examples/china-2023/atlas.yaml

golden: build
	scripts/update-golden.sh $(BUILD)/app/covermap

bench: build
	scripts/install-deps.sh --bench
	bench/render_vs_peers.sh $(BUILD)/app/covermap
	bench/figure.sh $(BUILD)/app/covermap
	bench/join_bench.sh $(BUILD)
	bench/tiles.sh $(BUILD)/app/covermap

bench-tiles: build
	scripts/install-deps.sh --bench
	bench/tiles_vs_mapnik.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) out

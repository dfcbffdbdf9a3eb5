# The two commands of the README, and the routine's checks (test-sanitize, fuzz, lint). Each installs what it
# needs first.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
SANITIZE_BUILD ?= build-sanitize
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= map_file table boundary_cache pmtiles tile_route row_deflate zoom_geometry
LINT_BUILD ?= build-lint

# Sanitizer settings for every instrumented process, the covermap CLI the tests start included.
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: deps build test test-slurm test-sanitize fuzz lint demo golden bench bench-tiles bench-scaleout format clean

deps:
	COVERMAP_NPM_DIR=$(abspath $(BUILD))/npm scripts/install-deps.sh $(DEPS_FLAGS)

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# deploy/slurm on a one-node Slurm cluster started on this machine (root; about 25 s): shares as a job array,
# the merge after them, compared with a single run byte for byte. Exit 77 of the script (no Slurm can start
# here) is a skip.
test-slurm: build
	scripts/install-deps.sh --slurm
	scripts/test-slurm.sh $(BUILD)/app/covermap || [ $$? -eq 77 ]

# The whole suite under AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer, in its own build.
test-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOVERMAP_SANITIZE=address,undefined
	$(SANITIZER_ENV) cmake --build $(SANITIZE_BUILD) -j$(JOBS)
	cd $(SANITIZE_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j$(JOBS)

# The libFuzzer targets of tests/fuzz, built with clang, each run for FUZZ_SECONDS from its seed corpus.
fuzz:
	scripts/install-deps.sh --fuzz
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCOVERMAP_SANITIZE=address,undefined -DCOVERMAP_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	$(SANITIZER_ENV) scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# clang-tidy (.clang-tidy) over every project source, with the compile commands of a clang build.
lint:
	scripts/install-deps.sh --lint
	scripts/lint.sh $(LINT_BUILD) $(JOBS)

# The demo needs no npm package (they are the tests'): none is fetched for it.
demo: DEPS_FLAGS = --no-npm
demo: build
	$(BUILD)/app/covermap build examples/china-2023/atlas.yaml -j 2
	@echo; echo "The atlas (examples/china-2023/atlas.yaml) is in out/china-2023/:"; ls out/china-2023

golden: build
	scripts/update-golden.sh $(BUILD)/app/covermap

bench: build
	COVERMAP_NPM_DIR=$(abspath $(BUILD))/npm scripts/install-deps.sh --bench
	bench/render_vs_peers.sh $(BUILD)/app/covermap
	bench/figure.sh $(BUILD)/app/covermap
	bench/join_bench.sh $(BUILD)
	bench/tiles.sh $(BUILD)/app/covermap
	bench/build.sh $(BUILD)/app/covermap
	bench/serve.sh $(BUILD)/app/covermap
	bench/mvt.sh $(BUILD)/app/covermap

bench-scaleout: build
	scripts/install-deps.sh --bench
	bench/scaleout.sh $(BUILD)/app/covermap
	bench/merge_memory.sh $(BUILD)/app/covermap

bench-tiles: build
	scripts/install-deps.sh --bench
	bench/tiles_vs_mapnik.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD) $(LINT_BUILD) out

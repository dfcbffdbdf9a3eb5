#!/usr/bin/env bash
# clang-tidy over every project source: scripts/lint.sh BUILD JOBS. BUILD is a clang configuration, used only
# for its compile_commands.json (nothing is compiled). The checks and header filter are in .clang-tidy.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1 jobs=$2
# COVERMAP_FUZZ adds the fuzz targets' sources to the compile commands.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release -DCOVERMAP_FUZZ=ON >/dev/null
# Every translation unit CMake compiles: the libraries, the CLI, the tests and the benchmarks.
run-clang-tidy -quiet -p "$build" -j "$jobs" "$PWD/(geo|boundaries|styles|render|outputs|app|tests|bench)/"

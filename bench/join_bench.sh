#!/usr/bin/env bash
# Load and join timings on the real county layer, covermap beside geopandas.read_file, in one run.
# Usage: bench/join_bench.sh [BUILD_DIR]   env: RUNS=5, DATA=…/china-admin.gpkg
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
data=${DATA:-$here/../../shared/data/china-admin.gpkg}
runs=${RUNS:-5}
[[ -f "$data" ]] || { echo "join_bench: skipped, $data not found" >&2; exit 0; }
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
COVERMAP_CACHE_DIR=$cache "$build/bench/join_bench" "$data" "$runs"
/usr/bin/python3 "$here/peer_geopandas_load.py" "$data" "$runs"

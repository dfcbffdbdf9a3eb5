#!/usr/bin/env bash
# Regenerates every golden image from its map file. Look at the results before committing them.
set -euo pipefail
covermap=${1:?usage: update-golden.sh COVERMAP}
root=$(cd "$(dirname "$0")/.." && pwd)
for map in "$root"/tests/golden/*/map.yaml; do
  case_dir=$(dirname "$map")
  "$covermap" render "$map" -o "$case_dir/expected.png" --dpi 72 >/dev/null
  echo "updated ${case_dir#$root/}/expected.png"
done

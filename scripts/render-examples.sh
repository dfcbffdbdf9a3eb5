#!/usr/bin/env bash
# Renders every example map into OUT_DIR as PDF, SVG and PNG, with its join report, and (one map per file only)
# as a PMTiles pyramid (z0-6) with its TileJSON.
set -euo pipefail
covermap=${1:?usage: render-examples.sh COVERMAP OUT_DIR}
out=${2:?usage: render-examples.sh COVERMAP OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
for map in "$root"/examples/*.yaml; do
  name=$(basename "$map" .yaml)
  "$covermap" join "$map" --report "$out/$name.join.json"
  "$covermap" render "$map" -o "$out/$name.pdf"
  "$covermap" render "$map" -o "$out/$name.svg"
  "$covermap" render "$map" -o "$out/$name.png" --dpi 150
  # A page of panels is a figure only: a tile pyramid shows one map.
  grep -q '^panels:' "$map" || "$covermap" tiles "$map" -o "$out/$name.pmtiles" --zoom 0-6
done
echo
echo "Example maps are in $(cd "$out" && pwd):"
ls -1 "$out" | sed 's/^/  /'

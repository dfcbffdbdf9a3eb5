#!/usr/bin/env bash
# Builds the example project (examples/demo.yaml: every example map as PDF, SVG and PNG, and the one-map
# files as PMTiles pyramids, z0-6, with their TileJSON) into out/, and writes each map's join report there.
# Run again, it redraws only what changed since.
set -euo pipefail
covermap=${1:?usage: render-examples.sh COVERMAP}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/out"
mkdir -p "$out"
for map in "$root"/examples/*.yaml; do
  name=$(basename "$map" .yaml)
  [ "$name" = demo ] && continue  # the project file, not a map
  "$covermap" join "$map" --report "$out/$name.join.json"
done
"$covermap" build "$root/examples/demo.yaml"
echo
echo "Example maps are in $out:"
ls -1 "$out" | sed 's/^/  /'

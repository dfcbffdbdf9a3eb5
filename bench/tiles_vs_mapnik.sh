#!/bin/sh
# Tile benchmark: covermap's tile renderer against Mapnik on the county choropleth, side by side, as ratios.
# usage: bench/tiles_vs_mapnik.sh [BUILD_DIR]   env: MAX_ZOOM (8), DATA (../shared/data/china-admin.gpkg)
# See bench/README.md, "Tiles".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
max_zoom=${MAX_ZOOM:-8}
data=${DATA:-$here/../../shared/data/china-admin.gpkg}
[ -f "$data" ] || { echo "no $data: nothing to benchmark" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$here/peer_mapnik_tiles.py" export "$data" "$work" >/dev/null
covermap=$("$build/bench/covermap_tile_bench" "$work/counties.gpkg" 0 "$max_zoom" 1 2)
mapnik=$(/usr/bin/python3 "$here/peer_mapnik_tiles.py" render "$work/counties.shp" 0 "$max_zoom")

field() { echo "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p" | head -n 1; }
echo "z0-$max_zoom, 256 px tiles over China's counties"
echo "$covermap" | sed 's/^/covermap /'
echo "mapnik   $mapnik"
m_rate=$(field "$mapnik" tiles_per_s)
m_cpu=$(field "$mapnik" cpu_s)
m_bytes=$(field "$mapnik" bytes)
echo "$covermap" | while read -r line; do
  awk -v t="$(field "$line" threads)" -v r="$(field "$line" tiles_per_s)" -v c="$(field "$line" cpu_s)" \
      -v b="$(field "$line" bytes)" -v mr="$m_rate" -v mc="$m_cpu" -v mb="$m_bytes" 'BEGIN {
    printf "threads=%s: %.1fx Mapnik tiles/s (wall), %.1fx by CPU seconds, bytes %.2fx Mapnik\n", t, r / mr, mc / c, b / mb }'
done

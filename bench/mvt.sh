#!/usr/bin/env bash
# The vector tile benchmark of issue 16: the 2,884-county choropleth as Mapbox Vector Tiles, z0-MAX_ZOOM, with
# `covermap tiles --format mvt` (one thread and two) against GDAL's MVT writer (`ogr2ogr -f MVT`, the tool a user
# without tippecanoe has) on the same data pre-joined into a GeoPackage: wall and CPU seconds, bytes of tiles,
# peak RSS, and the gaps between neighbouring units at each of GAP_ZOOMS in each tile set (bench/mvt_gaps.py). GDAL's
# writer has no thread option; it runs once, with its defaults (no simplification) and, as a user shrinking
# tiles would, with SIMPLIFICATION=GDAL_SIMPLIFICATION tile units. See bench/README.md, "Vector tiles".
# usage: bench/mvt.sh [COVERMAP]   env: MAX_ZOOM=10, GAP_ZOOMS="5", RUNS=3, GDAL_SIMPLIFICATION=2,
#                                       DATA=../shared/data/china-admin.gpkg
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
max_zoom=${MAX_ZOOM:-10}
gap_zooms=${GAP_ZOOMS:-${GAP_ZOOM:-5}}
runs=${RUNS:-3}
simplification=${GDAL_SIMPLIFICATION:-2}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")
python=/usr/bin/python3

[[ -f "$data" ]] || { echo "mvt bench: skipped, $data is absent"; exit 0; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: no /usr/bin/time (apt-get install time)" >&2; exit 1; }
$python -c 'from osgeo import gdal; import numpy' 2>/dev/null ||
  { echo "error: $python cannot import osgeo.gdal and numpy (scripts/install-deps.sh --bench)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache

# The data (untimed): one value per county (bench/county_values.sh), covermap's map file, and the same values
# joined to the counties in a GeoPackage for GDAL.
"$root/bench/county_values.sh" "$data" "$tmp/values.csv" "$tmp/counties.yaml"
echo "labels: {field: name}" >>"$tmp/counties.yaml"
ogr2ogr -f GPKG "$tmp/prejoin.gpkg" "$data" county -nln county
ogr2ogr -update "$tmp/prejoin.gpkg" "$tmp/values.csv" -nln vals -oo AUTODETECT_TYPE=YES
ogr2ogr -f GPKG "$tmp/joined.gpkg" "$tmp/prejoin.gpkg" -nln county -dialect sqlite \
  -sql "SELECT c.geom AS geom, c.adcode AS adcode, c.name AS name, v.value AS value FROM county c JOIN vals v ON c.adcode = CAST(v.adcode AS TEXT)"
# Untimed warm-up: files in the page cache and covermap's boundary cache filled, as a regeneration sees them.
"$covermap" tiles "$tmp/counties.yaml" -o "$tmp/warm" --zoom 0 --format mvt >/dev/null

results=$tmp/results.tsv
tile_bytes() { find "$1" -name '*.pbf' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
tile_count() { find "$1" -name '*.pbf' | wc -l; }
# One timed run: tool name, output folder, command...
timed() {
  local tool=$1 out=$2
  shift 2
  rm -rf "$out"
  /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" "$@" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
  read -r wall rss user sys <"$tmp/time"
  printf "z0-%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$max_zoom" "$tool" "$wall" "$((rss / 1024))" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(tile_bytes "$out")" "$(tile_count "$out")" \
    "$out" >>"$results"
}

# Every zoom prepared in each timed run (its cached geometry removed first: GDAL has no such cache), and then
# once more with the zoom cache a regeneration of the same boundaries finds (covermap-t1-warm).
cold() { rm -f "$tmp"/cache/zoom-*.bin; }
for ((run = 0; run < runs; run++)); do
  cold
  timed covermap-t1 "$tmp/covermap-t1" "$covermap" tiles "$tmp/counties.yaml" -o "$tmp/covermap-t1" \
    --zoom "0-$max_zoom" --format mvt --threads 1
  cold
  timed covermap-t2 "$tmp/covermap-t2" "$covermap" tiles "$tmp/counties.yaml" -o "$tmp/covermap-t2" \
    --zoom "0-$max_zoom" --format mvt --threads 2
done
timed covermap-t1-warm "$tmp/covermap-t1-warm" "$covermap" tiles "$tmp/counties.yaml" \
  -o "$tmp/covermap-t1-warm" --zoom "0-$max_zoom" --format mvt --threads 1
diff -r -q "$tmp/covermap-t1" "$tmp/covermap-t1-warm" >/dev/null ||
  { echo "error: the zoom cache changed the tiles" >&2; exit 1; }
diff -r -q "$tmp/covermap-t1" "$tmp/covermap-t2" >/dev/null ||
  { echo "error: 1 and 2 threads wrote different tiles" >&2; exit 1; }
timed gdal "$tmp/gdal" ogr2ogr -f MVT "$tmp/gdal" "$tmp/joined.gpkg" -dsco MINZOOM=0 -dsco "MAXZOOM=$max_zoom"
timed "gdal-simplify$simplification" "$tmp/gdal-simplified" ogr2ogr -f MVT "$tmp/gdal-simplified" \
  "$tmp/joined.gpkg" -dsco MINZOOM=0 -dsco "MAXZOOM=$max_zoom" -dsco "SIMPLIFICATION=$simplification"

gaps() { $python "$root/bench/mvt_gaps.py" "$@" "$data" county adcode; }
: >"$tmp/gaps"
for zoom in $gap_zooms; do
  echo "z$zoom covermap $(gaps "$tmp/covermap-t1" "$zoom" units id)" >>"$tmp/gaps"
  echo "z$zoom gdal $(gaps "$tmp/gdal" "$zoom" county adcode)" >>"$tmp/gaps"
  echo "z$zoom gdal-simplify$simplification $(gaps "$tmp/gdal-simplified" "$zoom" county adcode)" >>"$tmp/gaps"
done

# Medians per tool; ratios against covermap on one thread.
awk -F'\t' -v runs="$runs" '
  function median(list,   v, n, i, j, x) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) { x = v[i] + 0; for (j = i - 1; j > 0 && v[j] + 0 > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  !($2 in wall) { order[++count] = $2 }
  { wall[$2] = wall[$2] " " $3; rss[$2] = rss[$2] " " $4; cpu[$2] = cpu[$2] " " $5; bytes[$2] = $6; tiles[$2] = $7 }
  END {
    printf "%-16s %8s %8s %10s %8s %10s %8s %8s\n", "tool", "wall s", "CPU s", "tiles", "MB", "max RSS MB", "wall x", "bytes x"
    base = median(wall[order[1]]); base_bytes = bytes[order[1]]
    for (i = 1; i <= count; i++) {
      t = order[i]; w = median(wall[t])
      printf "%-16s %8.2f %8.2f %10d %8.2f %10.0f %8.2f %8.2f\n", t, w, median(cpu[t]), tiles[t], bytes[t] / 1e6, median(rss[t]), w / base, bytes[t] / base_bytes
    }
    printf "(covermap: median of %d runs; GDAL: one run each; x = tool / covermap-t1)\n", runs
  }' "$results"
echo
echo "gaps between neighbours at z${gap_zooms// /, z} (pairs of units with daylight between them, gap pixels, units drawn):"
cat "$tmp/gaps"

#!/usr/bin/env bash
# The tile benchmark of issue 5, on the real CLI: `covermap tiles` (the 2,884-county choropleth, 256 px PNG tiles
# into a PMTiles archive) with --threads 1 and 2, against Mapnik rendering the same pre-joined data to png8 one
# tile at a time (bench/peer_mapnik_tiles.py, called as it is). Prints tiles/s over the same tile range, bytes,
# peak RSS and the ratios covermap / Mapnik and 2 threads / 1 thread. See bench/README.md, "Tiles: the CLI".
# usage: bench/tiles.sh [COVERMAP]   env: MAX_ZOOM=10, MAPNIK_MAX_ZOOM=10, RUNS=3, DATA=../shared/data/china-admin.gpkg
#   covermap runs z0-MAPNIK_MAX_ZOOM (compared with Mapnik) and, when larger, z0-MAX_ZOOM, RUNS times each with
#   1 and 2 threads in turn (the medians are printed); Mapnik (minutes at z10) runs once.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
max_zoom=${MAX_ZOOM:-10}
mapnik_max_zoom=${MAPNIK_MAX_ZOOM:-10}
runs=${RUNS:-3}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")
python=/usr/bin/python3
peer=$root/bench/peer_mapnik_tiles.py

[[ -f "$data" ]] || { echo "tiles bench: skipped, $data is absent"; exit 0; }
$python -c 'import mapnik' 2>/dev/null ||
  { echo "error: $python cannot import mapnik (scripts/install-deps.sh --bench)" >&2; exit 1; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: no /usr/bin/time (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache

# The pre-joined data both draw (untimed): the county layer with a `fill` colour from a hash of the adcode.
$python "$peer" export "$data" "$tmp" >/dev/null
ogr2ogr -f CSV "$tmp/fills.csv" "$tmp/counties.gpkg" -sql "SELECT adcode, fill FROM counties"
cat >"$tmp/counties.yaml" <<MAP
boundaries: {source: "$tmp/counties.gpkg", layer: counties, id: adcode, name: name}
data: {source: fills.csv, key: adcode, match: code}
value: fill
classify: {method: categorical, categories: {"#ffffcc": "#ffffcc", "#a1dab4": "#a1dab4", "#41b6c4": "#41b6c4", "#2c7fb8": "#2c7fb8", "#253494": "#253494"}}
borders: {color: "#ffffff", width_pt: 0.3}
MAP
# Untimed warm-up: the files in the page cache and covermap's boundary cache filled, as a regeneration sees them.
"$covermap" tiles "$tmp/counties.yaml" -o "$tmp/warm.pmtiles" --zoom 0 >/dev/null

results=$tmp/results.txt
# One timed run of covermap: zooms, threads -> a line of the results.
run_covermap() {
  local zooms=$1 threads=$2 out=$tmp/z$1-t$2.pmtiles
  /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" \
    "$covermap" tiles "$tmp/counties.yaml" -o "$out" --zoom "0-$zooms" --threads "$threads" >"$tmp/log"
  local written in_range
  written=$(sed -n 's/.*(\([0-9]*\) tiles of \([0-9]*\).*/\1/p' "$tmp/log")
  in_range=$(sed -n 's/.*(\([0-9]*\) tiles of \([0-9]*\).*/\2/p' "$tmp/log")
  read -r wall rss user sys <"$tmp/time"
  echo "z0-$zooms covermap-t$threads $in_range $written $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $(stat -c %s "$out") $((rss / 1024))" >>"$results"
}

run_mapnik() {
  local zooms=$1
  /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" \
    $python "$peer" render "$tmp/counties.shp" 0 "$zooms" >"$tmp/log"
  local tiles bytes
  tiles=$(sed -n 's/.*tiles=\([0-9]*\) .*/\1/p' "$tmp/log")
  bytes=$(sed -n 's/.*bytes=\([0-9]*\) .*/\1/p' "$tmp/log")
  read -r wall rss user sys <"$tmp/time"
  echo "z0-$zooms mapnik $tiles $tiles $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $bytes $((rss / 1024))" >>"$results"
  echo "mapnik z0-$zooms, its render loop only: $(cat "$tmp/log")" >"$tmp/mapnik-loop.txt"
}

zoom_sets=("$mapnik_max_zoom")
((max_zoom > mapnik_max_zoom)) && zoom_sets+=("$max_zoom")
for zooms in "${zoom_sets[@]}"; do
  for ((run = 0; run < runs; run++)); do
    run_covermap "$zooms" 1
    run_covermap "$zooms" 2
  done
  cmp -s "$tmp/z$zooms-t1.pmtiles" "$tmp/z$zooms-t2.pmtiles" ||
    { echo "error: z0-$zooms: 1 and 2 threads wrote different bytes" >&2; exit 1; }
done
run_mapnik "$mapnik_max_zoom"

# The median wall and CPU seconds of each case (Mapnik: its one run), the largest peak RSS.
awk '{ k = $1 " " $2; n[k]++; wall[k, n[k]] = $5; cpu[k, n[k]] = $6; key[k] = $1 " " $2 " " $3 " " $4
       bytes[k] = $7; if ($8 > rss[k]) rss[k] = $8 }
  function median(a, k, count,   i, j, v, t) {
    for (i = 1; i <= count; i++) v[i] = a[k, i]
    for (i = 2; i <= count; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END { for (k in n) print key[k], median(wall, k, n[k]), median(cpu, k, n[k]), bytes[k], rss[k], n[k] }' \
  "$results" | sort -k1,1V -k2,2 >"$tmp/summary.txt"

echo "256 px PNG tiles of China's 2,884 counties; tiles/s = tiles in the range / wall seconds of the whole process"
echo "(covermap leaves out tiles outside every unit; Mapnik renders all; bytes: the .pmtiles file, Mapnik's png8 sum)"
awk '{
  printf "%-6s %-12s in range %6d written %6d  wall %7.1f s  cpu %7.1f s  %7.1f tiles/s  %7.1f tiles/cpu-s  bytes %10d  peak RSS %4d MB  (runs %d)\n",
    $1, $2, $3, $4, $5, $6, $3 / $5, $3 / $6, $7, $8, $9
}' "$tmp/summary.txt"
cat "$tmp/mapnik-loop.txt"
awk -v z="z0-$mapnik_max_zoom" '
  { wall[$1 " " $2] = $5; cpu[$1 " " $2] = $6; bytes[$1 " " $2] = $7; rss[$1 " " $2] = $8; range[$1 " " $2] = $3 }
  END {
    m = z " mapnik"
    for (t = 1; t <= 2; t++) {
      c = z " covermap-t" t
      if (range[c] != range[m]) printf "warning: %s has %d tiles in range, Mapnik %d\n", z, range[c], range[m]
      printf "%s covermap threads=%d / Mapnik: %.2fx tiles/s (wall), %.2fx by CPU seconds, bytes %.2fx, peak RSS %.2fx\n",
        z, t, wall[m] / wall[c], cpu[m] / cpu[c], bytes[c] / bytes[m], rss[c] / rss[m]
    }
    for (k in wall) if (k ~ /covermap-t1$/) {
      split(k, p, " ")
      printf "%s covermap threads=2 / threads=1: %.2fx tiles/s (wall), CPU seconds %.2fx those of 1 thread\n",
        p[1], wall[k] / wall[p[1] " covermap-t2"], cpu[p[1] " covermap-t2"] / cpu[k]
    }
  }' "$tmp/summary.txt"

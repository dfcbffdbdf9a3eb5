#!/usr/bin/env bash
# The tile benchmark of issues 5 and 13, on the real CLI: `covermap tiles` (the 2,884-county choropleth, 256 px
# PNG tiles) into each kind of output (folder, MBTiles, PMTiles) with --threads 1 and 2, with borders and
# without, at z0-8 and z0-MAPNIK_MAX_ZOOM, against Mapnik drawing the same pre-joined data to png8
# (bench/peer_mapnik_tiles.py): pre-projected to EPSG:3857 in 8 x 8 metatiles (the headline), pre-projected tile
# by tile, and reprojected from WGS 84 on the fly. Also the floor (only writing the same tiles:
# covermap_tile_write_floor) and the fixed cost of a z0-0 run. Prints every case and the ratios.
# See bench/README.md, "Tiles: the CLI".
# usage: bench/tiles.sh [COVERMAP]
#   env: MAPNIK_MAX_ZOOM=10, RUNS=3 (covermap's runs of each case, medians printed; Mapnik runs once),
#        DATA=../shared/data/china-admin.gpkg, FLOOR=<COVERMAP's build>/bench/covermap_tile_write_floor
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
floor=$(realpath -m "${FLOOR:-$(dirname "$covermap")/../bench/covermap_tile_write_floor}")
max_zoom=${MAPNIK_MAX_ZOOM:-10}
runs=${RUNS:-3}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")
python=/usr/bin/python3
peer=$root/bench/peer_mapnik_tiles.py

[[ -f "$data" ]] || { echo "tiles bench: skipped, $data is absent"; exit 0; }
$python -c 'import mapnik' 2>/dev/null ||
  { echo "error: $python cannot import mapnik (scripts/install-deps.sh --bench)" >&2; exit 1; }
command -v shapeindex >/dev/null ||
  { echo "error: no shapeindex, the pre-projected peer's index (scripts/install-deps.sh --bench)" >&2; exit 1; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }
[[ -x "$floor" ]] || { echo "error: no covermap_tile_write_floor at $floor (make build)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: no /usr/bin/time (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache
mkdir "$tmp/out"

# The pre-joined data both draw (untimed): the county layer with a `fill` colour from a hash of the adcode, in
# WGS 84 for covermap and the on-the-fly peer, and in EPSG:3857 (with Mapnik's shapeindex) for the headline peer.
$python "$peer" export "$data" "$tmp" >/dev/null
ogr2ogr -f CSV "$tmp/fills.csv" "$tmp/counties.gpkg" -sql "SELECT adcode, fill FROM counties"
for style in borders no-borders; do
  borders='{color: "#ffffff", width_pt: 0.3}'
  [[ $style == no-borders ]] && borders=none
  cat >"$tmp/$style.yaml" <<MAP
boundaries: {source: "$tmp/counties.gpkg", layer: counties, id: adcode, name: name}
data: {source: fills.csv, key: adcode, match: code}
value: fill
classify: {method: categorical, categories: {"#ffffcc": "#ffffcc", "#a1dab4": "#a1dab4", "#41b6c4": "#41b6c4", "#2c7fb8": "#2c7fb8", "#253494": "#253494"}}
borders: $borders
MAP
done
zoom_sets=($((max_zoom < 8 ? max_zoom : 8)))
((max_zoom > 8)) && zoom_sets+=("$max_zoom")
# Untimed warm-up: the files in the page cache and covermap's cache (boundaries, and each zoom's prepared
# geometry) filled, as a regeneration finds them. The first run of a new map is timed apart ("cold").
for style in borders no-borders; do
  "$covermap" tiles "$tmp/$style.yaml" -o "$tmp/warm.pmtiles" --zoom "0-${zoom_sets[-1]}" >/dev/null
done

# Each core's speed: the same 1-thread run (z0-8 without borders into PMTiles, the median of 3) pinned to
# each core in turn, before the cases and after them. On this kind of virtual machine one core can run
# memory-bound code a quarter slower than the other for minutes at a time (the host places its virtual CPUs;
# arithmetic alone runs at one speed on both), so a 1-thread run's time depends on the core it lands on, and
# two threads can at most give 1 + the slower core's speed / the faster's.
core_speeds=$tmp/cores.txt
measure_cores() {  # label
  local cpu run times line=$1
  for ((cpu = 0; cpu < $(nproc); cpu++)); do
    times=()
    for run in 1 2 3; do
      set_aside "$tmp/out/core.pmtiles" "$tmp/out/core.pmtiles.json"
      /usr/bin/time -o "$tmp/time" -f "%e" taskset -c "$cpu" "$covermap" tiles "$tmp/no-borders.yaml" \
        -o "$tmp/out/core.pmtiles" --zoom "0-${zoom_sets[0]}" --threads 1 >/dev/null
      times+=("$(cat "$tmp/time")")
    done
    line="$line $(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)"
  done
  echo "$line" >>"$core_speeds"
}

kinds=(folder mbtiles pmtiles)
output() {  # zooms style kind threads -> the output's path
  local name=$tmp/out/z$1-$2-t$4
  case $3 in folder) echo "$name" ;; *) echo "$name.$3" ;; esac
}
size_of() { find "$1" -type f -printf '%s\n' | awk '{ total += $1 } END { print total + 0 }'; }
# An earlier output is moved aside into the bench's folder (removed with it at the end), not deleted: ext4
# passes over the inodes of files deleted moments before (recently_deleted) when it makes new ones, so a
# folder of 14,437 tiles written just after deleting the last one took 6-9 s of system CPU, against 0.5 s.
set_aside() {
  local trash
  trash=$(mktemp -d "$tmp/aside.XXXX")
  for path in "$@"; do [[ -e $path ]] && mv "$path" "$trash/"; done
  return 0
}
cpu_of() { awk -v u="$1" -v s="$2" 'BEGIN { print u + s }'; }

# Each line of the results: zooms style tool tiles-in-range tiles-written wall-s cpu-s bytes peak-RSS-MB.
results=$tmp/results.txt
run_covermap() {  # zooms style kind threads [cold: an empty cache, as the first run of a new map]
  local out tool=covermap-$3-t$4 cache=$COVERMAP_CACHE_DIR
  out=$(output "$@")
  set_aside "$out" "$out.json"
  [[ ${5:-} == cold ]] && { tool=covermap-$3-t$4-cold; cache=$(mktemp -d "$tmp/cold.XXXX"); }
  COVERMAP_CACHE_DIR=$cache /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" "$covermap" tiles "$tmp/$2.yaml" \
    -o "$out" --zoom "0-$1" --threads "$4" >"$tmp/log"
  local written in_range wall rss user sys
  written=$(sed -n 's/.*(\([0-9]*\) tiles of \([0-9]*\).*/\1/p' "$tmp/log")
  in_range=$(sed -n 's/.*(\([0-9]*\) tiles of \([0-9]*\).*/\2/p' "$tmp/log")
  read -r wall rss user sys <"$tmp/time"
  echo "z0-$1 $2 $tool $in_range $written $wall $(cpu_of "$user" "$sys") $(size_of "$out") $((rss / 1024))" \
    >>"$results"
}

# Two 1-thread PMTiles runs of the same job at once, each into its own output: what this machine's two cores
# give work that shares nothing (the caches and memory they share slow each a little). 2 x the 1-thread run /
# the pair's wall is the ceiling of 2 threads / 1 thread here.
run_pair() {  # zooms style
  local a=$tmp/out/pair-a.pmtiles b=$tmp/out/pair-b.pmtiles
  set_aside "$a" "$a.json" "$b" "$b.json"
  /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" bash -c '"$1" tiles "$2" -o "$3" --zoom "0-$5" --threads 1 & \
    "$1" tiles "$2" -o "$4" --zoom "0-$5" --threads 1; wait' pair "$covermap" "$tmp/$2.yaml" "$a" "$b" "$1" \
    >"$tmp/log"
  local wall rss user sys
  read -r wall rss user sys <"$tmp/time"
  echo "z0-$1 $2 covermap-pair 0 0 $wall $(cpu_of "$user" "$sys") 0 0" >>"$results"
}

run_mapnik() {  # zooms style tool, then the peer's options
  local zooms=$1 style=$2 tool=$3
  shift 3
  /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" $python "$peer" render "$@" 0 "$zooms" >"$tmp/log"
  local tiles bytes wall rss user sys
  tiles=$(sed -n 's/.*tiles=\([0-9]*\) .*/\1/p' "$tmp/log")
  bytes=$(sed -n 's/.*bytes=\([0-9]*\) .*/\1/p' "$tmp/log")
  read -r wall rss user sys <"$tmp/time"
  echo "z0-$zooms $style $tool $tiles $tiles $wall $(cpu_of "$user" "$sys") $bytes $((rss / 1024))" >>"$results"
}

run_floor() {  # zooms style kind: the 1-thread output's tiles written again into a new output of its kind
  local source copy
  source=$(output "$1" "$2" "$3" 1)
  copy=$tmp/out/floor-$(basename "$source")
  set_aside "$copy" "$copy.json"
  "$floor" "$source" "$copy" >"$tmp/log"
  local tiles write_s write_cpu_s
  tiles=$(sed -n 's/.*tiles=\([0-9]*\) .*/\1/p' "$tmp/log")
  write_s=$(sed -n 's/.*write_s=\([0-9.]*\) .*/\1/p' "$tmp/log")
  write_cpu_s=$(sed -n 's/.*write_cpu_s=\([0-9.]*\).*/\1/p' "$tmp/log")
  echo "z0-$1 $2 floor-$3 0 $tiles $write_s $write_cpu_s $(size_of "$copy") 0" >>"$results"
  # The copy is the run's output byte for byte (tiles, directories, metadata), so the floor writes the same.
  diff -rq "$source" "$copy" >/dev/null || echo "warning: $copy differs from $source" >&2
}

same=$tmp/same.txt
measure_cores before
for zooms in "${zoom_sets[@]}"; do
  for style in borders no-borders; do
    for ((run = 0; run < runs; run++)); do
      for kind in "${kinds[@]}"; do
        run_covermap "$zooms" "$style" "$kind" 1
        run_covermap "$zooms" "$style" "$kind" 2
        run_floor "$zooms" "$style" "$kind"
      done
      run_pair "$zooms" "$style"
    done
    for kind in "${kinds[@]}"; do
      verdict=same
      diff -rq "$(output "$zooms" "$style" "$kind" 1)" "$(output "$zooms" "$style" "$kind" 2)" >/dev/null ||
        verdict=DIFFERENT
      echo "z0-$zooms $style $kind $verdict" >>"$same"
    done
  done
done
measure_cores after
for ((run = 0; run < (runs > 5 ? runs : 5); run++)); do run_covermap 0 borders pmtiles 1; done
for zooms in "${zoom_sets[@]}"; do run_covermap "$zooms" borders pmtiles 1 cold; done

for zooms in "${zoom_sets[@]}"; do
  run_mapnik "$zooms" borders mapnik-meta "$tmp/counties_3857.shp" --mercator --metatile=8
  run_mapnik "$zooms" no-borders mapnik-meta "$tmp/counties_3857.shp" --mercator --metatile=8 --no-borders
  run_mapnik "$zooms" borders mapnik-tile "$tmp/counties_3857.shp" --mercator
  run_mapnik "$zooms" borders mapnik-fly "$tmp/counties.shp"
done

# The median wall and CPU seconds of each case (Mapnik: its one run), the largest peak RSS.
awk '{ k = $1 " " $2 " " $3; n[k]++; wall[k, n[k]] = $6; cpu[k, n[k]] = $7; key[k] = k " " $4 " " $5
       bytes[k] = $8; if ($9 > rss[k]) rss[k] = $9 }
  function median(a, k, count,   i, j, v, t) {
    for (i = 1; i <= count; i++) v[i] = a[k, i]
    for (i = 2; i <= count; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END { for (k in n) print key[k], median(wall, k, n[k]), median(cpu, k, n[k]), bytes[k], rss[k], n[k] }' \
  "$results" | sort -k1,1V -k2,2 -k3,3 >"$tmp/summary.txt"

cat <<'LEGEND'
256 px PNG tiles of China's 2,884 counties. tiles/s = tiles in the range / wall seconds of the whole process.
covermap leaves out tiles outside every unit, Mapnik renders all. bytes: the output (folder: its files), Mapnik's
png8 sum. Mapnik: meta = pre-projected EPSG:3857 shapefile + shapeindex, 8x8 metatiles (the headline); tile =
the same, tile by tile; fly = WGS 84 shapefile reprojected per tile, tile by tile. floor-KIND: only writing the
1-thread output's tiles into a new output of that kind (wall = write seconds, in-process). covermap runs find
its cache warm (boundaries and each zoom's prepared geometry), as a regeneration does; -cold: the first run of a
new map, with an empty cache. The ceiling: two 1-thread PMTiles runs at once.
LEGEND
awk '$3 !~ /^floor/ && $3 != "covermap-pair" {
  printf "%-6s %-10s %-24s in range %6d written %6d  wall %6.2f s  cpu %6.2f s  %7.1f tiles/s  bytes %9d  RSS %4d MB  (runs %d)\n",
    $1, $2, $3, $4, $5, $6, $7, $4 / $6, $8, $9, $10 }' "$tmp/summary.txt"
# Each case's 1-thread and 2-thread runs of one round ran back to back: the median of the rounds' ratios. This
# machine's speed drifts by 20-40 % within minutes, which moves both runs of a round alike, so it cancels in
# the round's ratio and not in the ratio of two medians taken over different rounds.
paired=$tmp/paired.txt
awk '$3 ~ /^covermap-.*-t[12]$/ { k = $1 " " $2 " " substr($3, 1, length($3) - 3); t = substr($3, length($3))
       wall[k, t, ++n[k, t]] = $6; cases[k] = 1 }
  END { for (k in cases) {
          rounds = n[k, "1"] < n[k, "2"] ? n[k, "1"] : n[k, "2"]
          for (i = 1; i <= rounds; i++) r[i] = wall[k, "1", i] / wall[k, "2", i]
          for (i = 2; i <= rounds; i++) for (j = i; j > 1 && r[j - 1] > r[j]; j--) { x = r[j]; r[j] = r[j - 1]; r[j - 1] = x }
          print k, rounds % 2 ? r[(rounds + 1) / 2] : (r[rounds / 2] + r[rounds / 2 + 1]) / 2 } }' \
  "$results" >"$paired"

awk -v kinds="${kinds[*]}" -v same_file="$same" -v paired_file="$paired" '
  BEGIN { while ((getline line < same_file) > 0) { split(line, part, " "); same[part[1] " " part[2] " " part[3]] = part[4] }
          while ((getline line < paired_file) > 0) { split(line, part, " "); paired[part[1] " " part[2] " " part[3]] = part[4] }
          count = split(kinds, kind, " ") }
  { wall[$1 " " $2 " " $3] = $6; cpu[$1 " " $2 " " $3] = $7; range[$1 " " $2 " " $3] = $4
    if ($3 ~ /^mapnik-meta/) { cases[++ncases] = $1 " " $2 } }
  END {
    print "\ncovermap 1 thread / Mapnik pre-projected, 8x8 metatiles (goals: z0-8 >= 5x, z0-10 >= 8x), by wall (CPU) seconds:"
    for (c = 1; c <= ncases; c++) {
      line = sprintf("  %-6s %-10s", substr(cases[c], 1, index(cases[c], " ") - 1), substr(cases[c], index(cases[c], " ") + 1))
      m = cases[c] " mapnik-meta"
      for (i = 1; i <= count; i++) {
        k = cases[c] " covermap-" kind[i] "-t1"
        if (range[k] != range[m]) printf "warning: %s: covermap has %d tiles in range, Mapnik %d\n", cases[c], range[k], range[m]
        line = line sprintf("  %-7s %5.2fx (%5.2fx)", kind[i], wall[m] / wall[k], cpu[m] / cpu[k])
      }
      print line
    }
    print "covermap 1 thread (pmtiles, borders) / the other Mapnik peers, and its first run (empty cache) / the headline peer:"
    for (c = 1; c <= ncases; c++) if (cases[c] ~ / borders$/) {
      k = cases[c] " covermap-pmtiles-t1"; m = cases[c] " mapnik-meta"
      printf "  %-6s pre-projected tile by tile %5.2fx (%5.2fx)  on the fly %5.2fx (%5.2fx)  first run / meta %5.2fx (%5.2fx)\n",
        substr(cases[c], 1, index(cases[c], " ") - 1),
        wall[cases[c] " mapnik-tile"] / wall[k], cpu[cases[c] " mapnik-tile"] / cpu[k],
        wall[cases[c] " mapnik-fly"] / wall[k], cpu[cases[c] " mapnik-fly"] / cpu[k],
        wall[m] / wall[k "-cold"], cpu[m] / cpu[k "-cold"]
    }
    print "covermap 2 threads / 1 thread, by wall seconds (goal >= 1.8x): the median of the rounds (each round a 1-thread"
    print "run and a 2-thread run back to back), then (the median 1-thread run / the median 2-thread run); bytes of 1"
    print "and 2 threads; and the ceiling,"
    print "2 x the 1-thread PMTiles run / two such runs at once (this machine, work that shares nothing):"
    for (c = 1; c <= ncases; c++) {
      line = sprintf("  %-6s %-10s", substr(cases[c], 1, index(cases[c], " ") - 1), substr(cases[c], index(cases[c], " ") + 1))
      for (i = 1; i <= count; i++) {
        k = cases[c] " covermap-" kind[i]
        line = line sprintf("  %-7s %5.2fx (%5.2fx) %-9s", kind[i], paired[k], wall[k "-t1"] / wall[k "-t2"],
                            same[cases[c] " " kind[i]])
      }
      p = wall[cases[c] " covermap-pair"]
      print line sprintf("  ceiling %5.2fx (the pair %.2f s)", 2 * wall[cases[c] " covermap-pmtiles-t1"] / p, p)
    }
    print "floor: only writing the tiles (seconds, and its share of the 1-thread run):"
    for (c = 1; c <= ncases; c++) {
      line = sprintf("  %-6s %-10s", substr(cases[c], 1, index(cases[c], " ") - 1), substr(cases[c], index(cases[c], " ") + 1))
      for (i = 1; i <= count; i++) {
        f = wall[cases[c] " floor-" kind[i]]; k = wall[cases[c] " covermap-" kind[i] "-t1"]
        line = line sprintf("  %-7s %5.3f s of %5.2f s (%4.1f%%)", kind[i], f, k, 100 * f / k)
      }
      print line
    }
    printf "fixed cost: z0-0 (one tile, warm cache), pmtiles, 1 thread: %.2f s wall, %.2f s CPU (goal <= 0.2 s)\n",
      wall["z0-0 borders covermap-pmtiles-t1"], cpu["z0-0 borders covermap-pmtiles-t1"]
  }' "$tmp/summary.txt"
echo "each core: the 1-thread z0-${zoom_sets[0]} run without borders into PMTiles pinned to it (median of 3), before"
echo "the cases and after them; two threads can give at most 1 + the slower core's speed / the faster's:"
awk '{ line = sprintf("  %-6s", $1); fast = $2; slow = $2
       for (i = 2; i <= NF; i++) { line = line sprintf("  cpu%d %5.2f s", i - 2, $i); if ($i < fast) fast = $i; if ($i > slow) slow = $i }
       printf "%s  (the slower at %.2f of the faster: at most %.2fx)\n", line, fast / slow, 1 + fast / slow }' "$core_speeds"
! grep -q DIFFERENT "$same" || { echo "error: 1 and 2 threads wrote different bytes (above)" >&2; exit 1; }

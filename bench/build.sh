#!/usr/bin/env bash
# The batch-regeneration benchmark of the build issue: a project of the 2,884-county choropleth as tiles z0-10
# (PMTiles), a PDF and a 300 dpi PNG, built by `covermap build`:
#   full     the first build (no state file, the boundary cache warm, as a regeneration finds it)
#   no-op    the same build again, nothing changed
#   one      one county's value changed so that its class changes
#   ten      10% of the counties changed so that their classes change
# Each is a whole process timed with GNU time; the tiles drawn come from the build report. The classes are
# manual breaks (the data's quintiles, computed once), so that a changed county changes its class without
# moving the breaks (with quantile breaks that move, a build redraws every tile and says so). Round 1 also
# checks that each update wrote the bytes of a fresh `covermap tiles` of the same data.
# usage: bench/build.sh [COVERMAP]
#   env: RUNS=3, MAX_ZOOM=10, THREADS=2 (the tile set's), JOBS=2 (outputs at once), DATA=../shared/data/china-admin.gpkg
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
runs=${RUNS:-3}
max_zoom=${MAX_ZOOM:-10}
threads=${THREADS:-2}
jobs=${JOBS:-2}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")
county=110101 # Dongcheng, Beijing's inner district: a small county, as most changes are

[[ -f "$data" ]] || { echo "build bench: skipped, $data is absent"; exit 0; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache
results=$tmp/results.tsv

"$root/bench/county_values.sh" "$data" "$tmp/values.csv"
# Quintile breaks of the values, and a value in another class for each county: the highest value for
# counties below the top class, the lowest for counties in it.
breaks=$(tail -n +2 "$tmp/values.csv" | cut -d, -f2 | sort -g |
  awk '{ v[NR] = $1 } END { printf "%s", v[1]; for (q = 1; q < 5; q++) printf ", %s", v[int(NR * q / 5)]; printf ", %s", v[NR] }')
top=$(echo "$breaks" | awk -F', ' '{ print $5 }')
lowest=$(echo "$breaks" | awk -F', ' '{ print $1 }')
highest=$(echo "$breaks" | awk -F', ' '{ print $6 }')
changed() { # changed EVERY: the values with every EVERY-th county (and $county) moved to another class
  awk -F, -v every="$1" -v county="$county" -v top="$top" -v low="$lowest" -v high="$highest" \
    'NR == 1 { print; next }
     { n++; if ($1 == county || (every > 0 && n % every == 0)) $2 = ($2 + 0 >= top + 0) ? low : high; print $1 "," $2 }' \
    "$tmp/values.csv"
}

mkdir -p "$tmp/project"
cat >"$tmp/project/counties.yaml" <<MAP
boundaries: {source: "$data", layer: county, id: adcode, name: name}
data: {source: values.csv, key: adcode}
value: value
classify: {method: manual, breaks: [$breaks]}
palette: YlGnBu
borders: {color: "#ffffff", width_pt: 0.3}
projection: china-albers
legend: {position: none}
page: {width_mm: 180, height_mm: 150, dpi: 300}
MAP
cat >"$tmp/project/project.yaml" <<PROJECT
maps:
  - map: counties.yaml
    outputs: [out/counties.pdf, out/counties.png]
    tiles: {output: out/counties.pmtiles, zoom: 0-$max_zoom, threads: $threads}
PROJECT

# build CASE ROUND: one timed build of the project, with the tiles it drew
build() {
  if ! /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$covermap" build "$tmp/project/project.yaml" \
    -j "$jobs" --report "$tmp/report.json" >"$tmp/log" 2>&1; then
    echo "error: the $1 build failed:" >&2
    cat "$tmp/log" >&2
    exit 1
  fi
  local drawn wall user sys
  # The tiles drawn, and the tile set's own seconds (its job, from after the join to the rename).
  drawn=$(/usr/bin/python3 -c 'import json, sys
tiles = [o for o in json.load(open(sys.argv[1]))["outputs"] if o["path"].endswith(".pmtiles")][0]
print(tiles["tiles_rendered"], tiles["seconds"])' "$tmp/report.json")
  read -r wall user sys <"$tmp/time"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
    "${drawn// /$'\t'}" >>"$results"
  grep -h "counties.pmtiles" "$tmp/log" | sed "s/^/  $1: /"
}

# same_as_fresh CASE: the updated archive against `covermap tiles` of the same data
same_as_fresh() {
  # Beside the build's output: the metadata names the map file relative to the archive's folder.
  "$covermap" tiles "$tmp/project/counties.yaml" -o "$tmp/project/out/fresh.pmtiles" --zoom "0-$max_zoom" \
    --threads "$threads" >/dev/null
  if cmp -s "$tmp/project/out/fresh.pmtiles" "$tmp/project/out/counties.pmtiles"; then
    echo "  $1: the updated archive is byte-identical to a fresh covermap tiles run"
  else
    echo "error: $1: the updated archive differs from a fresh run" >&2
    exit 1
  fi
}

# The boundary cache filled and the files in the page cache, as a regeneration finds them.
cp "$tmp/values.csv" "$tmp/project/values.csv"
"$covermap" tiles "$tmp/project/counties.yaml" -o "$tmp/warm.pmtiles" --zoom 0 >/dev/null

for ((round = 1; round <= runs; round++)); do
  echo "round $round of $runs"
  rm -rf "$tmp/project/out" "$tmp/project/.project.covermap-build.json"
  cp "$tmp/values.csv" "$tmp/project/values.csv"
  build full "$round"
  build no-op "$round"
  changed 0 >"$tmp/project/values.csv"
  build one "$round"
  ((round == 1)) && same_as_fresh one
  changed 10 >"$tmp/project/values.csv"
  build ten "$round"
  ((round == 1)) && same_as_fresh ten
done

# The county's box, the tiles it meets at each zoom widened by a pixel (an upper bound of the tiles the
# county touches), and the floor of an update on today's renderer: `covermap tiles` of that box alone loads
# and joins the counties, prepares every zoom and draws only those tiles.
box=$(ogrinfo -ro -q "$data" -sql "SELECT ST_MinX(geom), ST_MinY(geom), ST_MaxX(geom), ST_MaxY(geom)
  FROM county WHERE adcode = '$county'" | awk -F'= ' '/ST_M/ { v[++n] = $2 } END { print v[1] "," v[2] "," v[3] "," v[4] }')
tiles_of_box=$(/usr/bin/python3 -c 'import math, sys
w, s, e, n = map(float, sys.argv[1].split(","))
def tile(lon, lat, z):
    y = math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat)))
    return (lon + 180) / 360 * 2 ** z, (1 - y / math.pi) / 2 * 2 ** z
total, pad = 0, 1 / 256
for z in range(int(sys.argv[2]) + 1):
    (x0, y0), (x1, y1) = tile(w, n, z), tile(e, s, z)
    total += (int(x1 + pad) - int(x0 - pad) + 1) * (int(y1 + pad) - int(y0 - pad) + 1)
print(total)' "$box" "$max_zoom")
for n in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$covermap" tiles "$tmp/project/counties.yaml" -o "$tmp/floor.pmtiles" \
    --zoom "0-$max_zoom" --threads "$threads" --bounds "$box" >/dev/null
  read -r wall user sys <"$tmp/time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >>"$tmp/floor.txt"
done
floor=$(sort -n "$tmp/floor.txt" | sed -n 2p)

echo
echo "The 2,884-county choropleth: tiles z0-$max_zoom (PMTiles, $threads threads), a PDF and a 300 dpi PNG, -j $jobs;"
echo "wall and CPU seconds of the whole build process, median of $runs rounds (min-max of the wall seconds);"
echo "the tile set's tiles drawn and its own wall seconds from the build report; % of the full build's median"
awk -F'\t' '{ k = $1; n[k]++; wall[k, n[k]] = $3; cpu[k, n[k]] = $4; drawn[k] = $5; job[k, n[k]] = $6 }
  function median(a, k,   i, j, v, x, c) {
    c = n[k]
    for (i = 1; i <= c; i++) v[i] = a[k, i]
    for (i = 2; i <= c; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { x = v[j]; v[j] = v[j - 1]; v[j - 1] = x }
    lo = v[1]; hi = v[c]
    return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
  }
  END {
    split("full no-op one ten", order, " ")
    for (i = 1; i <= 4; i++) {
      k = order[i]
      w[k] = median(wall, k); wl[k] = lo; wh[k] = hi
      c[k] = median(cpu, k); t[k] = median(job, k)
    }
    for (i = 1; i <= 4; i++) {
      k = order[i]
      printf "%-6s wall %7.2f s (%6.2f-%6.2f) %5.1f%%  cpu %7.2f s %5.1f%%  tiles drawn %6d  tile set %6.2f s %5.1f%%\n",
        k, w[k], wl[k], wh[k], 100 * w[k] / w["full"], c[k], 100 * c[k] / c["full"], drawn[k], t[k], 100 * t[k] / t["full"]
    }
  }' "$results"
echo "the county $county: its box meets $tiles_of_box tiles at z0-$max_zoom (an upper bound of the tiles it touches)"
echo "floor of an update today (covermap tiles of the county's box alone: load, join, prepare z0-$max_zoom, draw): wall ${floor% *} s, cpu ${floor#* } s (median of 3)"
echo "goals: no-op < 0.5 s; one county: the tiles it touches, rebuild < 5% of the full build"

#!/usr/bin/env bash
# Renders the same choropleth PNG with covermap, Mapnik and geopandas, RUNS times each (interleaved, after one
# warm-up round), and prints the median wall time and median peak memory (max RSS) per tool, with peer/covermap
# ratios. Cases: all 2,884 counties of china-admin.gpkg (skipped if absent) and the built-in provinces.
# usage: bench/render_vs_peers.sh [COVERMAP]
# env: RUNS=5, DATA=../shared/data/china-admin.gpkg, KEEP=DIR (copy the last PNGs there, to look at them)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
runs=${RUNS:-5}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")
python=/usr/bin/python3 # Debian's, which has mapnik and geopandas
width=1063 height=886 dpi=150 # 180 x 150 mm at 150 dpi

if ! $python -c 'import mapnik, geopandas, matplotlib' 2>/dev/null; then
  echo "error: $python lacks mapnik, geopandas or matplotlib (python3-mapnik python3-geopandas python3-matplotlib)" >&2
  exit 1
fi
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results.tsv # case, tool, run, seconds, KB

# run CASE TOOL RUN OUT.png COMMAND...: one timed run; fails unless it wrote a WIDTHxHEIGHT PNG
run() {
  local case=$1 tool=$2 n=$3 out=$4
  shift 4
  rm -f "$out"
  if ! /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/log" 2>&1; then
    echo "error: $case/$tool failed:" >&2
    cat "$tmp/log" >&2
    exit 1
  fi
  local size="" # from the PNG's IHDR chunk: width and height, big-endian, at byte 16
  [[ -f "$out" && $(head -c 4 "$out" | tail -c 3) == PNG ]] &&
    size=$(od -An -tu1 -j16 -N8 "$out" |
      awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 " x " (($5 * 256 + $6) * 256 + $7) * 256 + $8 }')
  if [[ "$size" != "$width x $height" ]]; then
    echo "error: $case/$tool wrote '${size:-no PNG}' to $out, expected $width x $height" >&2
    exit 1
  fi
  [[ $n == warm-up ]] || printf '%s\t%s\t%s\t%s\n' "$case" "$tool" "$n" "$(tr ' ' '\t' <"$tmp/time")" >>"$results"
}

# bench CASE GPKG LAYER CSV VALUE MAP.yaml: covermap renders MAP.yaml, the peers GPKG:LAYER joined to CSV on adcode
bench() {
  local case=$1 gpkg=$2 layer=$3 csv=$4 value=$5 map=$6
  local peer_args=("$gpkg" "$layer" adcode "$csv" adcode "$value")
  echo "$case: warm-up, then $runs interleaved runs of each tool"
  for n in warm-up $(seq "$runs"); do
    run "$case" covermap "$n" "$tmp/$case-covermap.png" \
      "$covermap" render "$map" -o "$tmp/$case-covermap.png" --dpi $dpi
    run "$case" mapnik "$n" "$tmp/$case-mapnik.png" \
      $python "$root/bench/peer_mapnik.py" "${peer_args[@]}" "$tmp/$case-mapnik.png" $width $height $dpi
    run "$case" geopandas "$n" "$tmp/$case-geopandas.png" \
      $python "$root/bench/peer_geopandas.py" "${peer_args[@]}" "$tmp/$case-geopandas.png" $width $height $dpi
  done
  [[ -z "${KEEP:-}" ]] || cp "$tmp/$case"-*.png "$KEEP/"
}

# Case 1: counties. One deterministic value per county, derived from its adcode.
if [[ -f "$data" ]]; then
  "$root/bench/county_values.sh" "$data" "$tmp/values.csv" "$tmp/counties.yaml"
  cat >>"$tmp/counties.yaml" <<EOF
title: "Benchmark: value by county"
borders: {color: "#ffffff", width_pt: 0.3}
projection: china-albers
page: {width_mm: 180, height_mm: 150}
EOF
  bench counties "$data" county "$tmp/values.csv" value "$tmp/counties.yaml"
else
  echo "counties: skipped, $data is absent (the county boundaries are not distributed with covermap)"
fi

# Case 2: provinces, covermap's built-in boundaries and a fixture table (tests/data); the peers read them
# exported to a GeoPackage.
"$covermap" boundaries export builtin:china-provinces -o "$tmp/provinces.gpkg" >/dev/null
cat >"$tmp/provinces.yaml" <<EOF
title: "Benchmark: children reached by province"
boundaries: {source: "builtin:china-provinces"}
data: {source: "$root/tests/data/children-reached.csv", key: Province}
value: "Children reached"
classify: {method: quantile, classes: 5}
palette: YlGnBu
borders: {color: "#ffffff", width_pt: 0.3}
projection: china-albers
labels: {field: name_en, size_pt: 5.5}
page: {width_mm: 180, height_mm: 150, dpi: 300}
EOF
bench provinces "$tmp/provinces.gpkg" china-provinces "$root/tests/data/children-reached.csv" "Children reached" \
  "$tmp/provinces.yaml"

# Medians per case and tool, in the order run; then the table and one summary line per case.
echo
awk -F'\t' -v runs="$runs" -f "$root/bench/summarize.awk" "$results"

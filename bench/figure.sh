#!/usr/bin/env bash
# The report-figure benchmark of the figures issue: the 2,884-county choropleth, 180 x 150 mm, labels off, as a
# PDF and as a PNG at 300 dpi, made by covermap and by geopandas + matplotlib (the peer) from the same file.
# covermap runs twice per round: with its boundary cache (what a batch regeneration sees, the boundaries being
# unchanged) and with the cache off (reading and repairing the GeoPackage like the peer does).
# Prints median wall time, peak memory and file size per tool, with ratios to covermap.
# usage: bench/figure.sh [COVERMAP]     env: RUNS=5, DATA=../shared/data/china-admin.gpkg, KEEP=DIR
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
runs=${RUNS:-5}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")
python=/usr/bin/python3
dpi=300 width=2126 height=1772 # 180 x 150 mm at 300 dpi

[[ -f "$data" ]] || { echo "figure bench: skipped, $data is absent"; exit 0; }
$python -c 'import geopandas, matplotlib' 2>/dev/null ||
  { echo "error: $python lacks geopandas or matplotlib (scripts/install-deps.sh --bench)" >&2; exit 1; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results=$tmp/results.tsv

"$root/bench/county_values.sh" "$data" "$tmp/values.csv" "$tmp/counties.yaml"
cat >>"$tmp/counties.yaml" <<MAP
borders: {color: "#ffffff", width_pt: 0.3}
projection: china-albers
legend: {position: none}
page: {width_mm: 180, height_mm: 150}
MAP

# run CASE TOOL RUN OUT COMMAND...: one timed run, recorded with the output's size
run() {
  local case=$1 tool=$2 n=$3 out=$4
  shift 4
  rm -f "$out"
  if ! /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/log" 2>&1 || [[ ! -s "$out" ]]; then
    echo "error: $case/$tool failed:" >&2
    cat "$tmp/log" >&2
    exit 1
  fi
  [[ $n == warm-up ]] ||
    printf '%s\t%s\t%s\t%s\t%s\n' "$case" "$tool" "$n" "$(tr ' ' '\t' <"$tmp/time")" "$(stat -c %s "$out")" >>"$results"
}

export COVERMAP_CACHE_DIR=$tmp/cache
for format in pdf png; do
  echo "$format: warm-up, then $runs interleaved runs of each tool"
  for n in warm-up $(seq "$runs"); do
    run "counties-$format" covermap "$n" "$tmp/covermap.$format" \
      "$covermap" render "$tmp/counties.yaml" -o "$tmp/covermap.$format" --dpi $dpi
    run "counties-$format" covermap-nocache "$n" "$tmp/nocache.$format" \
      env COVERMAP_CACHE_DIR=off "$covermap" render "$tmp/counties.yaml" -o "$tmp/nocache.$format" --dpi $dpi
    run "counties-$format" geopandas "$n" "$tmp/geopandas.$format" \
      $python "$root/bench/peer_geopandas.py" "$data" county adcode "$tmp/values.csv" adcode value \
      "$tmp/geopandas.$format" $width $height $dpi
  done
done
[[ -z "${KEEP:-}" ]] || cp "$tmp"/covermap.* "$tmp"/geopandas.* "$KEEP/"

echo
awk -F'\t' -v runs="$runs" -f "$root/bench/summarize.awk" "$results"

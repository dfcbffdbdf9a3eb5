#!/usr/bin/env bash
# Merge memory benchmark (issue 14, "merging is streaming"): the peak RSS of `covermap merge` (/usr/bin/time)
# joining the 2 shares of the county pyramid (2,884 counties, 256 px PNG) to z9, z10 and z11, into PMTiles and
# into MBTiles, and whether each merged archive is the single run's bytes. The floor is a merge of z0 alone:
# the process with its libraries and no tiles. With BASELINE (another covermap binary, e.g. one built before
# the sinks' index went to disk), the same merges through it too, side by side. See docs/scale-out.md.
# usage: bench/merge_memory.sh [COVERMAP [BASELINE]]   env: ZOOMS="9 10 11", DATA=../shared/data/china-admin.gpkg
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
baseline=${2:+$(realpath -m "$2")}
zooms=${ZOOMS:-9 10 11}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")

[[ -f "$data" ]] || { echo "merge memory bench: skipped, $data is absent"; exit 0; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }
[[ -z "$baseline" || -x "$baseline" ]] || { echo "error: no covermap at $baseline" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: no /usr/bin/time (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache
"$root/bench/county_values.sh" "$data" "$tmp/values.csv" "$tmp/counties.yaml"
map=$tmp/counties.yaml

# Peak RSS in MB and wall seconds of `BINARY merge PARTS -o OUT`; "same" when OUT equals the single run's.
merge_once() {
  local binary=$1 out=$2 single=$3
  shift 3
  rm -f "$out"
  /usr/bin/time -o "$tmp/time" -f "%M %e" "$binary" merge "$@" -o "$out" >"$tmp/merge.log"
  local rss wall
  read -r rss wall <"$tmp/time"
  local same=-
  if [[ -n "$single" ]]; then
    if cmp -s "$out" "$single"; then same=same; else same=differs; fi
  fi
  printf "%6d %6.1f  %-7s" $((rss / 1024)) "$wall" "$same"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine is shared: other work may run)"
printf "%-6s %9s   %-29s %-29s" zoom tiles "PMTiles: MB, s, vs one run" "MBTiles: MB, s, vs one run"
[[ -z "$baseline" ]] || printf "   %-22s %-22s" "baseline PMTiles" "baseline MBTiles"
echo
for max in 0 $zooms; do
  zoom=0-$max
  mkdir -p "$tmp/$max/one"
  parts=()
  for k in 0 1; do
    parts+=("$tmp/$max/part$k.pmtiles")
    "$covermap" tiles "$map" -o "${parts[-1]}" --zoom "$zoom" --threads 2 --shard "$k/2" >/dev/null
  done
  for kind in pmtiles mbtiles; do
    "$covermap" tiles "$map" -o "$tmp/$max/one/tiles.$kind" --zoom "$zoom" --threads 2 >/dev/null
  done
  mkdir -p "$tmp/$max/merged"
  line=""
  for kind in pmtiles mbtiles; do
    line+=$(merge_once "$covermap" "$tmp/$max/merged/tiles.$kind" "$tmp/$max/one/tiles.$kind" "${parts[@]}")
    line+="        "
  done
  if [[ -n "$baseline" ]]; then
    for kind in pmtiles mbtiles; do
      line+=$(merge_once "$baseline" "$tmp/$max/merged/tiles.$kind" "" "${parts[@]}")
      line+="   "
    done
  fi
  tiles=$(sed -n 's/.*(\([0-9]*\) tiles from.*/\1/p' "$tmp/merge.log")
  printf "z%-5s %9s  %s\n" "$zoom" "$tiles" "$line"
  rm -rf "$tmp/$max"
done
echo "MB: peak RSS of the merge; z0-0 is the floor (no tiles to speak of)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

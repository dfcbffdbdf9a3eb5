#!/usr/bin/env bash
# Scale-out benchmark (issue 14): the county pyramid (2,884 counties, 256 px PNG into PMTiles) as one process
# with 2 threads, and as 2 shard processes (`--shard 0/2`, `1/2`, one thread each, at once) plus `covermap
# merge`, on this machine's 2 cores: wall times, the merge's share of the sharded run, and whether the merged
# archive is the single run's bytes. Then each share alone on one thread against `--plan 2`'s estimate, and
# every zoom alone (the per-zoom costs docs/scale-out.md projects from). See docs/scale-out.md.
# usage: bench/scaleout.sh [COVERMAP]   env: MAX_ZOOM=11, DATA=../shared/data/china-admin.gpkg
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
max_zoom=${MAX_ZOOM:-11}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")

[[ -f "$data" ]] || { echo "scaleout bench: skipped, $data is absent"; exit 0; }
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: no /usr/bin/time (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache
"$root/bench/county_values.sh" "$data" "$tmp/values.csv" "$tmp/counties.yaml"
map=$tmp/counties.yaml
zoom=0-$max_zoom
# Untimed warm-up: the files in the page cache and the boundary cache filled.
"$covermap" tiles "$map" -o "$tmp/warm.pmtiles" --zoom 0 >/dev/null

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine is shared: other work may run)"
"$covermap" tiles "$map" --zoom "$zoom" --plan 2 --threads 1 >"$tmp/plan.txt"
cat "$tmp/plan.txt"

mkdir -p "$tmp/one"
start=$(now)
"$covermap" tiles "$map" -o "$tmp/one/tiles.pmtiles" --zoom "$zoom" --threads 2 >/dev/null
one=$(since "$start")

mkdir -p "$tmp/merged"
start=$(now)
"$covermap" tiles "$map" -o "$tmp/part0.pmtiles" --zoom "$zoom" --threads 1 --shard 0/2 >/dev/null &
first=$!
"$covermap" tiles "$map" -o "$tmp/part1.pmtiles" --zoom "$zoom" --threads 1 --shard 1/2 >/dev/null
wait "$first"
shards=$(since "$start")
/usr/bin/time -o "$tmp/merge.time" -f "%e %M" \
  "$covermap" merge "$tmp/part0.pmtiles" "$tmp/part1.pmtiles" -o "$tmp/merged/tiles.pmtiles" >"$tmp/merge.log"
read -r merge merge_rss <"$tmp/merge.time"
same=no
cmp -s "$tmp/one/tiles.pmtiles" "$tmp/merged/tiles.pmtiles" && same=yes

echo
echo "z$zoom counties            wall s"
echo "one process, 2 threads    $one"
echo "2 shards, 1 thread each   $shards"
echo "merge                     $merge"
awk -v o="$one" -v s="$shards" -v m="$merge" 'BEGIN {
  printf "shards + merge            %.2f  (merge %.1f%% of it; one process / sharded = %.2f)\n", s + m,
         100 * m / (s + m), o / (s + m) }'
echo "merged archive == single run, byte for byte: $same"
echo "merge: $(sed -n 's/.*(\([0-9]*\) tiles from.*/\1/p' "$tmp/merge.log") tiles, peak RSS $((merge_rss / 1024)) MB"

echo
setup=$(sed -n 's/^each share first loads .*: \([0-9.]*\) s here/\1/p' "$tmp/plan.txt")
echo "share   estimated s (tiles + set-up $setup)   measured s (alone, 1 thread)   measured / estimated"
for k in 0 1; do
  estimate=$(sed -n "s|^share $k/2: .* estimated \([0-9.]*\) s.*|\1|p" "$tmp/plan.txt")
  estimate=$(awk -v e="$estimate" -v s="$setup" 'BEGIN { print e + s }')
  start=$(now)
  "$covermap" tiles "$map" -o "$tmp/alone$k.pmtiles" --zoom "$zoom" --threads 1 --shard "$k/2" >/dev/null
  measured=$(since "$start")
  awk -v k="$k" -v e="$estimate" -v m="$measured" 'BEGIN { printf "%d/2     %32.2f   %28.2f   %20.2f\n", k, e, m, m / e }'
done

echo
echo "zoom    tiles   drawn   estimated s   measured s (alone, 1 thread, with start-up)"
for ((z = 0; z <= max_zoom; ++z)); do
  line=$(grep "^zoom $z:" "$tmp/plan.txt")
  tiles=$(sed -n 's/^zoom [0-9]*: \([0-9,]*\) tiles.*/\1/p' <<<"$line")
  drawn=$(sed -n 's/.* tiles, \([0-9,]*\) drawn.*/\1/p' <<<"$line")
  estimate=$(sed -n 's/.* estimated \([0-9.]*\) s.*/\1/p' <<<"$line")
  start=$(now)
  "$covermap" tiles "$map" -o "$tmp/zoom$z.pmtiles" --zoom "$z" --threads 1 >/dev/null
  printf "%4d %8s %7s %13s %12s\n" "$z" "$tiles" "$drawn" "$estimate" "$(since "$start")"
done
start=$(now)
"$covermap" tiles "$map" --zoom 0 --plan 1 --threads 1 >/dev/null
echo "start-up (load the boundaries, join, classify; --plan 1 at z0): $(since "$start") s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

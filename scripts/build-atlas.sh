#!/usr/bin/env bash
# Builds every output of a project file (examples/china-2023/atlas.yaml) with `covermap render` and
# `covermap tiles`, two at a time, and lists what it wrote. Stands in for `covermap build` until that lands:
# it reads only the project file's flow-style entries as the atlas writes them
#   - map: X.yaml
#     outputs: [a.pdf, a.png]
#     tiles: {output: a.pmtiles, zoom: 0-8}
set -euo pipefail
covermap=$(realpath "${1:?usage: build-atlas.sh COVERMAP PROJECT.yaml}")
project=$(realpath "${2:?usage: build-atlas.sh COVERMAP PROJECT.yaml}")
dir=$(dirname "$project")
jobs=${JOBS:-2}

# One line per output: "render MAP OUTPUT" or "tiles MAP OUTPUT ZOOM", paths relative to the project.
awk '
  /^[[:space:]]*- map:/ { sub(/^[[:space:]]*- map:[[:space:]]*/, ""); map = $0; next }
  /^[[:space:]]*outputs:/ {
    line = $0; sub(/^[^[]*\[/, "", line); sub(/\].*$/, "", line)
    n = split(line, outputs, /,[[:space:]]*/)
    for (i = 1; i <= n; i++) print "render", map, outputs[i]
    next
  }
  /^[[:space:]]*tiles:/ {
    output = $0; sub(/.*output:[[:space:]]*/, "", output); sub(/[,}].*$/, "", output)
    zoom = $0; sub(/.*zoom:[[:space:]]*/, "", zoom); sub(/[,}].*$/, "", zoom)
    print "tiles", map, output, zoom
  }
' "$project" > "${TMPDIR:-/tmp}/atlas-jobs.$$"
trap 'rm -f "${TMPDIR:-/tmp}/atlas-jobs.$$"' EXIT

# The first output of each boundary set is made alone: it loads the set into covermap's cache, which the
# others then read (two processes filling the cache at once would both do the work: 13 s and 800 MB for the
# world's countries on a fresh machine).
declare -A seen
first=() rest=()
while read -r verb map output zoom; do
  mkdir -p "$(dirname "$dir/$output")"
  if [[ "$verb" == tiles ]]; then
    job="$covermap tiles '$dir/$map' -o '$dir/$output' --zoom $zoom --threads 1"
  else
    job="$covermap render '$dir/$map' -o '$dir/$output'"
  fi
  boundaries=$(grep -m1 '^boundaries:' "$dir/$map" || true)
  if [[ -z "${seen[$boundaries]:-}" ]]; then
    seen[$boundaries]=1
    first+=("$job")
  else
    rest+=("$job")
  fi
done < "${TMPDIR:-/tmp}/atlas-jobs.$$"
for job in "${first[@]}"; do sh -c "$job > /dev/null"; done
printf '%s\0' "${rest[@]}" | xargs -0 -P "$jobs" -I{} sh -c '{} > /dev/null'

echo
echo "The atlas ($(basename "$project")) is in:"
while read -r verb map output zoom; do
  path=$(realpath "$dir/$output")
  printf '  %s\n' "${path#"$PWD"/}"
done < "${TMPDIR:-/tmp}/atlas-jobs.$$"

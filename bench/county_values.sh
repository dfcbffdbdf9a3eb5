#!/usr/bin/env bash
# The benchmarks' county data, shared by bench/figure.sh, bench/render_vs_peers.sh and bench/mvt.sh: one value per
# county of DATA's `county` layer, a spread-out hash of its adcode (adcode x 2654435761 mod 100000 / 100), as CSV
# `adcode,value`; with MAP.yaml also the map file they share (the counties joined on adcode, quantile, 5 classes,
# YlGnBu), to which each benchmark appends its own keys. MAP.yaml must be in OUT.csv's folder.
# usage: bench/county_values.sh DATA OUT.csv [MAP.yaml]
set -euo pipefail
data=${1:?usage: county_values.sh DATA OUT.csv [MAP.yaml]}
out=${2:?usage: county_values.sh DATA OUT.csv [MAP.yaml]}
ogr2ogr -f CSV /vsistdout/ "$data" -sql "SELECT adcode FROM county" |
  awk -F, 'NR == 1 { print "adcode,value"; next }
           { gsub(/"/, "", $1); printf "%s,%.1f\n", $1, ($1 * 2654435761) % 100000 / 100 }' >"$out"
if [[ -n "${3:-}" ]]; then
  cat >"$3" <<MAP
boundaries: {source: "$data", layer: county, id: adcode, name: name}
data: {source: $(basename "$out"), key: adcode}
value: value
classify: {method: quantile, classes: 5}
palette: YlGnBu
MAP
fi

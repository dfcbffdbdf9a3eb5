#!/usr/bin/env bash
# The benchmarks' county data, shared by bench/figure.sh and bench/render_vs_peers.sh: one value per county of
# DATA's `county` layer, a spread-out hash of its adcode (adcode x 2654435761 mod 100000 / 100), as CSV
# `adcode,value`.
# usage: bench/county_values.sh DATA OUT.csv
set -euo pipefail
data=${1:?usage: county_values.sh DATA OUT.csv}
out=${2:?usage: county_values.sh DATA OUT.csv}
ogr2ogr -f CSV /vsistdout/ "$data" -sql "SELECT adcode FROM county" |
  awk -F, 'NR == 1 { print "adcode,value"; next }
           { gsub(/"/, "", $1); printf "%s,%.1f\n", $1, ($1 * 2654435761) % 100000 / 100 }' >"$out"

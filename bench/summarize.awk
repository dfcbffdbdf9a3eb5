# Medians per case and tool from a TSV of runs: case, tool, run, wall seconds, max RSS KB[, output bytes].
# Prints a table and one summary line per case, with ratios peer / covermap (the first tool of each case).
# usage: awk -F'\t' -v runs=N -f bench/summarize.awk results.tsv
function sorted(list, v,   n, i, j, x) { # split list into v, ascending; returns the count
  n = split(list, v, " ")
  for (i = 2; i <= n; i++) { x = v[i] + 0; for (j = i - 1; j > 0 && v[j] + 0 > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
  return n
}
function median(list,   v, n) { n = sorted(list, v); return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
function range(list,   v, n) { n = sorted(list, v); return sprintf("%.2f-%.2f", v[1], v[n]) }
!(($1, $2) in secs) { order[++count] = $1 SUBSEP $2 }
{ secs[$1, $2] = secs[$1, $2] " " $4; kb[$1, $2] = kb[$1, $2] " " $5; if (NF >= 6) bytes[$1, $2] = $6 }
END {
  printf "%-14s %-15s %8s %12s %10s %8s %8s %10s %8s\n", "case", "tool", "wall s", "(min-max)", "max RSS MB", "wall x", "RSS x", "output MB", "size x"
  for (i = 1; i <= count; i++) {
    split(order[i], key, SUBSEP); c = key[1]; t = key[2]
    s = median(secs[c, t]); m = median(kb[c, t]) / 1024; b = ((c, t) in bytes) ? bytes[c, t] / 1e6 : 0
    if (!(c in base_s)) {
      base_s[c] = s; base_m[c] = m; base_b[c] = b; cases[++ncases] = c
      line[c] = sprintf("%s: %s %.2f s, %.0f MB RSS", c, t, s, m) (b ? sprintf(", %.2f MB file", b) : "")
    } else {
      line[c] = line[c] sprintf(" | %s %.2f s (%.1fx), %.0f MB RSS (%.1fx)", t, s, s / base_s[c], m, m / base_m[c])
      if (b && base_b[c]) line[c] = line[c] sprintf(", %.2f MB file (%.1fx)", b, b / base_b[c])
    }
    printf "%-14s %-15s %8.2f %12s %10.0f %8.2f %8.2f %10.2f %8.2f\n", c, t, s, range(secs[c, t]), m, s / base_s[c], m / base_m[c], b, base_b[c] ? b / base_b[c] : 0
  }
  printf "\n(median of %d runs each; x = tool / the case's first tool)\n", runs
  for (i = 1; i <= ncases; i++) print line[cases[i]]
}

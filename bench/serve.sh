#!/usr/bin/env bash
# The tile server benchmark of issue 15: wrk on loopback, 64 connections, against `covermap serve` and nginx
# (Debian's nginx-light with deploy/nginx/covermap-tiles.conf) serving the same county tile set z0-8 (the
# 2,884-county choropleth, 256 px PNG) as a folder; then covermap serving the same tiles from the PMTiles and
# MBTiles archives. The requests cycle through every tile of the set (real tile URLs, each one a 200). Prints
# requests/s, latency percentiles, errors, the connections the kernel dropped for a full accept queue, covermap's
# RSS over the run, and the ratios covermap / nginx.
# usage: bench/serve.sh [COVERMAP]   env: SECONDS_PER_RUN=60, CONNECTIONS=64, MAX_ZOOM=8,
#                                         DATA=../shared/data/china-admin.gpkg
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
duration=${SECONDS_PER_RUN:-60}
connections=${CONNECTIONS:-64}
max_zoom=${MAX_ZOOM:-8}
data=$(realpath -m "${DATA:-$root/../shared/data/china-admin.gpkg}")

[[ -f "$data" ]] || { echo "serve bench: skipped, $data is absent"; exit 0; }
for tool in wrk nginx; do
  command -v $tool >/dev/null || [[ -x /usr/sbin/$tool ]] ||
    { echo "error: no $tool (scripts/install-deps.sh --bench)" >&2; exit 1; }
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x "$covermap" ]] || { echo "error: no covermap at $covermap (make build)" >&2; exit 1; }

tmp=$(mktemp -d)
chmod 755 "$tmp"  # nginx's workers (www-data) read the tiles
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$tmp"' EXIT
export COVERMAP_CACHE_DIR=$tmp/cache

# The county choropleth (values from bench/county_values.sh), as a folder, a PMTiles and an MBTiles.
"$root/bench/county_values.sh" "$data" "$tmp/values.csv"
cat >"$tmp/counties.yaml" <<MAP
boundaries: {source: "$data", layer: county, id: adcode, name: name}
data: {source: values.csv, key: adcode, match: code}
value: value
classify: {method: quantile, classes: 5}
palette: YlGnBu
borders: {color: "#ffffff", width_pt: 0.3}
MAP
mkdir -p "$tmp/www"
for out in "$tmp/www/counties" "$tmp/counties.pmtiles" "$tmp/counties.mbtiles"; do
  "$covermap" tiles "$tmp/counties.yaml" -o "$out" --zoom "0-$max_zoom" >/dev/null
done
(cd "$tmp/www" && find counties -name '*.png' | sort | awk '{ print "/" $0 }') >"$tmp/urls.txt"
tiles=$(wc -l <"$tmp/urls.txt")
bytes=$(du -sb "$tmp/www/counties" | cut -f1)

# A port nothing listens on.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# nginx as shipped, with its root and port set for this run, in the foreground with its files in $tmp.
sed -e "s|listen 8080;|listen 127.0.0.1:$port;|" -e "s|root /srv/tiles;|root $tmp/www;|" \
  "$root/deploy/nginx/covermap-tiles.conf" >"$tmp/site.conf"
cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
daemon off;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy; fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;
  include $tmp/site.conf;
}
CONF

wait_for_port() {
  for _ in $(seq 100); do
    kill -0 "$server_pid" 2>/dev/null || { echo "error: the server stopped:" >&2; cat "$tmp"/*.log >&2; exit 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "error: nothing listens on port $port" >&2
  exit 1
}

results=$tmp/results.txt
# The kernel's count of connections dropped because a server's accept queue was full (TcpExt
# ListenOverflows): each one a handshake the client retries a second or more later.
listen_overflows() {
  awk '$1 == "TcpExt:" { if (!names) { for (i = 2; i <= NF; i++) if ($i == "ListenOverflows") col = i; names = 1 }
                         else print $col }' /proc/net/netstat
}
# One wrk run against the server on $port: label, the pid whose RSS is sampled (or "").
run_wrk() {
  local label=$1 pid=$2 first_path
  first_path=$(head -1 "$tmp/urls.txt")
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$first_path") == 200 ]] ||
    { echo "error: $label does not serve $first_path" >&2; cat "$tmp"/*.log >&2 2>/dev/null; exit 1; }
  : >"$tmp/rss.txt"
  if [[ -n "$pid" ]]; then
    (while sleep 5 && kill -0 "$pid" 2>/dev/null; do
       awk '/VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null >>"$tmp/rss.txt"
     done) &
    sampler=$!
  fi
  local overflows_before
  overflows_before=$(listen_overflows)
  URLS=$tmp/urls.txt wrk -t2 -c"$connections" -d"${duration}s" -s "$root/bench/serve_urls.lua" \
    "http://127.0.0.1:$port" >"$tmp/wrk.txt"
  [[ -n "$pid" ]] && { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; }
  local rps p50 p99 p999 errors rss_first rss_last rss_max overflows
  overflows=$(($(listen_overflows) - overflows_before))
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$tmp/wrk.txt")
  p50=$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' "$tmp/wrk.txt")
  p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' "$tmp/wrk.txt")
  p999=$(sed -n 's/.*p999_ms=\([0-9.]*\).*/\1/p' "$tmp/wrk.txt")
  errors=$(sed -n 's/^errors=\([0-9]*\).*/\1/p' "$tmp/wrk.txt")
  [[ "$errors" == 0 ]] || { echo "$label:"; grep -E '^errors=|Socket errors|Non-2xx' "$tmp/wrk.txt"; }
  rss_first=$(head -1 "$tmp/rss.txt"); rss_last=$(tail -1 "$tmp/rss.txt")
  rss_max=$(sort -n "$tmp/rss.txt" | tail -1)
  echo "$label $rps $p50 $p99 $errors ${rss_first:-0} ${rss_last:-0} ${rss_max:-0} $p999 $overflows" >>"$results"
}

"$nginx" -p "$tmp" -c "$tmp/nginx.conf" &
server_pid=$!
wait_for_port
run_wrk nginx-folder ""
stop_server

for source in "www/counties" counties.pmtiles counties.mbtiles; do
  "$covermap" serve "$tmp/$source" --port "$port" >/dev/null &
  server_pid=$!
  wait_for_port
  run_wrk "covermap-$(basename "$source" | sed 's/counties\.\{0,1\}//; s/^$/folder/')" "$server_pid"
  stop_server
done

echo "GET of every tile of the 2,884-county set z0-$max_zoom ($tiles tiles, $((bytes / 1024 / 1024)) MB as a folder),"
echo "wrk -t2 -c$connections -d${duration}s on loopback, one server at a time; dropped: connections the kernel"
echo "dropped for a full accept queue (retried by wrk a second later); covermap's RSS at 5 s and at the end (KB)"
awk '{ printf "%-17s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %7.2f ms  errors %d  dropped %d", $1, $2, $3,
         $4, $9, $5, $10
       if ($6 > 0) printf "  RSS %d -> %d KB (max %d)", $6, $7, $8
       printf "\n" }' "$results"
awk '$1 == "nginx-folder" { nginx = $2 } { rps[$1] = $2 }
     END { for (k in rps) if (k != "nginx-folder") printf "%s / nginx: %.2fx requests/s\n", k, rps[k] / nginx }' \
  "$results" | sort

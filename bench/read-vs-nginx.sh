#!/usr/bin/env bash
# Read path of cachet-server next to nginx serving the same response bytes, in one run.
#
#   bench/read-vs-nginx.sh              # SQLite and PostgreSQL
#   BACKENDS=sqlite DURATION=5s bench/read-vs-nginx.sh
#
# For each backend: a fresh database seeded with `cachet seed` (50 components, 2 groups, 200 incidents,
# 30 days, 100 points per metric), a release cachet-server on it, the bytes of each path saved with curl
# (no Accept-Encoding, like wrk) into a temp nginx root, nginx in the foreground (worker_processes 2,
# sendfile on, access_log off) on another port, then wrk -t2 -c64 --latency against both, one at a time.
# Prints requests/s, p50, p99 and cachet/nginx per path.
set -euo pipefail
cd "$(dirname "$0")/.."
backends=${BACKENDS:-"sqlite postgres"}
duration=${DURATION:-10s}
port=${PORT:-18080}
nginx_port=${NGINX_PORT:-18081}
paths=("/" "/api/v2/summary.json" "/api/v1/components")

[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p cachet-http -p cachet-cli
work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as an unprivileged user when started by root
server_pid=""; nginx_pid=""; db=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  sleep 0.5
  [ -n "$db" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# wrk: "rps p50 p99 errors"
measure() {
  local out
  out=$(wrk -t2 -c64 -d"$duration" --latency "$1")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="50%" {print $2}') \
$(echo "$out" | awk '$1=="99%" {print $2}') $(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s;", $0}' | tr ' ' '_')"
}

mkdir -p "$work/root/api/v2" "$work/root/api/v1" "$work/nginx"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { text/html html; application/json json; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/root;
    location = / { default_type text/html; try_files /index.html =404; }
    location = /api/v1/components { default_type application/json; try_files /api/v1/components.json =404; }
  }
}
CONF

echo "cachet-server vs nginx $(nginx -v 2>&1 | sed 's/.*: //'), wrk -t2 -c64 -d$duration --latency; server, nginx and wrk share $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-9s %-22s %8s %12s %9s %9s %12s %9s %9s %7s\n' backend path bytes cachet_rps p50 p99 nginx_rps p50 p99 ratio
for backend in $backends; do
  case "$backend" in
    sqlite) url="sqlite://$work/bench.db" ;;
    postgres)
      db="cachet_bench_nginx_$$"
      psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
      url="postgres://postgres@127.0.0.1:5432/$db" ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  target/release/cachet --database-url "$url" seed --components 50 --groups 2 --incidents 200 --days 30 \
    --metric-points 100 >/dev/null
  CACHET_LOG=warn target/release/cachet-server --database-url "$url" --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/ping" >/dev/null && break; sleep 0.1; done
  curl -sf -o "$work/root/index.html" "http://127.0.0.1:$port/"
  curl -sf -o "$work/root/api/v2/summary.json" "http://127.0.0.1:$port/api/v2/summary.json"
  curl -sf -o "$work/root/api/v1/components.json" "http://127.0.0.1:$port/api/v1/components"
  nginx -c "$work/nginx.conf" -p "$work/nginx" >"$work/nginx/stdout" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/" && break; sleep 0.1; done
  for path in "${paths[@]}"; do
    a=$(curl -s "http://127.0.0.1:$port$path" | sha256sum | cut -c1-16)
    b=$(curl -s "http://127.0.0.1:$nginx_port$path" | sha256sum | cut -c1-16)
    bytes=$(curl -s "http://127.0.0.1:$nginx_port$path" | wc -c)
    [ "$a" = "$b" ] || echo "warning: $path bytes differ between cachet and nginx" >&2
    read -r crps cp50 cp99 cerr <<<"$(measure "http://127.0.0.1:$port$path")"
    read -r nrps np50 np99 nerr <<<"$(measure "http://127.0.0.1:$nginx_port$path")"
    ratio=$(awk -v a="$crps" -v b="$nrps" 'BEGIN {printf "%.2f", a / b}')
    printf '%-9s %-22s %8s %12s %9s %9s %12s %9s %9s %7s %s %s\n' "$backend" "$path" "$bytes" "$crps" "$cp50" "$cp99" \
      "$nrps" "$np50" "$np99" "$ratio" "${cerr:-}" "${nerr:-}"
  done
  kill "$server_pid" "$nginx_pid"; wait "$server_pid" "$nginx_pid" 2>/dev/null || true
  server_pid=""; nginx_pid=""
  if [ "$backend" = postgres ]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; db=""
  fi
done

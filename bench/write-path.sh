#!/usr/bin/env bash
# Write path: incident creation and metric point POSTs per second through the API with 16 concurrent
# clients (wrk -t2 -c16 with a Lua script), next to the same inserts made directly through cachet-core
# (`Store::create_incident` / `Store::add_metric_point` from 16 threads, cachet-core/benches/write_path.rs),
# on SQLite and PostgreSQL. Prints writes/s for each and the API/library ratio.
#
#   bench/write-path.sh                        # SQLite and PostgreSQL, 10 s per figure
#   BACKENDS=sqlite DURATION=5 bench/write-path.sh
set -euo pipefail
cd "$(dirname "$0")/.."
backends=${BACKENDS:-"sqlite postgres"}
duration=${DURATION:-10}
port=${PORT:-18082}

[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p cachet-http -p cachet-cli
cargo bench -q -p cachet-core --bench write_path --no-run 2>/dev/null
lib_bench=$(ls -t target/release/deps/write_path-* | grep -v '\.d$' | head -n1)
work=$(mktemp -d)
server_pid=""; db=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  sleep 0.5
  [ -n "$db" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/incident.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Cachet-Token"] = os.getenv("CACHET_TOKEN")
wrk.body = '{"name":"API write","status":1,"message":"Written by the write-path bench.","visible":1}'
LUA
cat >"$work/point.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Cachet-Token"] = os.getenv("CACHET_TOKEN")
wrk.body = '{"value":1.5}'
LUA

# wrk: "rps non2xx"
api() {
  local out
  out=$(CACHET_TOKEN=$token wrk -t2 -c16 -d"${duration}s" -s "$1" "$2")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '/Non-2xx/ {print $NF; f=1} END {if (!f) print 0}')"
}

echo "write path, 16 concurrent clients, ${duration}s per figure; server/bench and wrk share $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-9s %-22s %12s %12s %7s\n' backend operation api_per_s lib_per_s ratio
for backend in $backends; do
  case "$backend" in
    sqlite) url="sqlite://$work/bench.db" ;;
    postgres)
      db="cachet_bench_write_$$"
      psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
      url="postgres://postgres@127.0.0.1:5432/$db" ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  target/release/cachet --database-url "$url" seed --components 50 --groups 2 --incidents 200 --days 30 \
    --metric-points 100 >/dev/null
  CACHET_LOG=warn target/release/cachet-server --database-url "$url" --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/ping" >/dev/null && break; sleep 0.1; done
  token=$(grep -o 'token=[A-Za-z0-9_]*' "$work/server.log" | head -n1 | cut -d= -f2)
  [ -n "$token" ] || { echo "no token in the server log" >&2; cat "$work/server.log" >&2; exit 1; }
  metric=$(curl -sf "http://127.0.0.1:$port/api/v1/metrics" | sed -E 's/^[^[]*\[\{"id":([0-9]+).*/\1/')
  read -r inc_api inc_err <<<"$(api "$work/incident.lua" "http://127.0.0.1:$port/api/v1/incidents")"
  read -r pt_api pt_err <<<"$(api "$work/point.lua" "http://127.0.0.1:$port/api/v1/metrics/$metric/points")"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  lib=$(CACHET_BENCH_URL=$url CACHET_BENCH_METRIC=$metric CACHET_BENCH_SECONDS=$duration "$lib_bench")
  inc_lib=$(echo "$lib" | awk '$1=="create_incident" {print $4}')
  pt_lib=$(echo "$lib" | awk '$1=="add_metric_point" {print $4}')
  for row in "create_incident $inc_api $inc_lib $inc_err" "add_metric_point $pt_api $pt_lib $pt_err"; do
    set -- $row
    printf '%-9s %-22s %12s %12s %7s %s\n' "$backend" "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.2f", a / b}')" \
      "$([ "$4" != 0 ] && echo "non-2xx: $4")"
  done
  if [ "$backend" = postgres ]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; db=""
  fi
done

#!/usr/bin/env bash
# Read-path benchmark of cachet-server: wrk -t2 -c64 -d10s against the public API on a database
# seeded with N components (default 50), then the server's RSS after the load.
#
#   bench/read-path.sh sqlite            # temp SQLite file
#   bench/read-path.sh postgres          # fresh database on 127.0.0.1:5432
#   COMPONENTS=50 DURATION=10s bench/read-path.sh sqlite
#
# Prints one line per endpoint: requests/s, p50, p99 (wrk's latency distribution).
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
components=${COMPONENTS:-50}
duration=${DURATION:-10s}
port=${PORT:-18080}
paths=${PATHS:-"/api/v1/components /api/v2/summary.json /api/v1/status"}

cargo build --release -q -p cachet-http --bin cachet-server
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
case "$backend" in
  sqlite) url="sqlite://$work/bench.db" ;;
  postgres)
    db="cachet_bench_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
    trap 'kill "${server_pid:-}" 2>/dev/null || true; sleep 0.5; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; rm -rf "$work"' EXIT
    url="postgres://postgres@127.0.0.1:5432/$db" ;;
  mysql)
    db="cachet_bench_$$"
    mariadb -h 127.0.0.1 -uroot -e "CREATE DATABASE $db"
    trap 'kill "${server_pid:-}" 2>/dev/null || true; sleep 0.5; mariadb -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db"; rm -rf "$work"' EXIT
    url="mysql://root@127.0.0.1:3306/$db" ;;
  *) echo "usage: $0 sqlite|postgres|mysql" >&2; exit 2 ;;
esac

CACHET_LOG=warn target/release/cachet-server --database-url "$url" --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(grep -o 'token=[A-Za-z0-9]*' "$work/server.log" | head -n1 | cut -d= -f2)
[ -n "$token" ] || { echo "no token in the server log" >&2; cat "$work/server.log" >&2; exit 1; }

group=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/components/groups" -H "X-Cachet-Token: $token" \
  -H 'Content-Type: application/json' -d '{"name":"Platform","visible":1}' | sed -E 's/.*"id":([0-9]+).*/\1/')
for i in $(seq 1 "$components"); do
  status=$(( (i % 10 == 0) ? 3 : 1 ))
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/components" -H "X-Cachet-Token: $token" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"Service $i\",\"status\":$status,\"group_id\":$(( i % 2 == 0 ? group : 0 )),\"description\":\"Component number $i\",\"tags\":\"tier-$(( i % 3 ))\"}" >/dev/null
done
curl -sf -X POST "http://127.0.0.1:$port/api/v1/incidents" -H "X-Cachet-Token: $token" -H 'Content-Type: application/json' \
  -d '{"name":"Elevated errors","status":2,"message":"Investigating elevated error rates.","component_id":1,"component_status":3}' >/dev/null

echo "backend=$backend components=$components wrk -t2 -c64 -d$duration (server and wrk share $(nproc) cores)"
for path in $paths; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  if [ "$code" != 200 ]; then echo "$path: HTTP $code, skipped"; continue; fi
  out=$(wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port$path")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  printf '%-28s %10s req/s   p50 %-8s p99 %-8s %s\n' "$path" "$rps" "$p50" "$p99" "$errors"
done
rss=$(awk '/VmRSS/ {print $2, $3}' "/proc/$server_pid/status")
hwm=$(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status")
echo "server RSS after load: $rss (peak $hwm)"

#!/usr/bin/env bash
# Start-up time of cachet-server: from exec to the first 200 on /api/v1/ping, with an existing
# (already migrated and seeded) SQLite database. The median of RUNS runs (default 20).
#
#   bench/startup.sh
#   RUNS=50 bench/startup.sh
#
# Each run: record `date +%s%N`, exec the release server in the background, poll /api/v1/ping with
# curl as fast as it answers (a refused connection fails at once), record the time of the first 200,
# kill the server. The curl poll costs ~3-5 ms per try, so the figure includes up to one poll's delay.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
port=${PORT:-18090}
[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p cachet-http -p cachet-cli
work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
url="sqlite://$work/bench.db"
target/release/cachet --database-url "$url" seed --components 50 --groups 2 --incidents 1000 --days 90 \
  --metric-points 1000 >/dev/null
# One start to create the first token and warm the page cache of the file.
CACHET_LOG=warn target/release/cachet-server --database-url "$url" --bind "127.0.0.1:$port" >/dev/null 2>&1 &
server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/ping"; do sleep 0.05; done
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

times=()
for _ in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  CACHET_LOG=warn target/release/cachet-server --database-url "$url" --bind "127.0.0.1:$port" >/dev/null 2>&1 &
  server_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/ping" 2>/dev/null; do :; done
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000 )))
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$runs" '
  { t[NR] = $1 }
  END { printf "start-up to first 200 on /api/v1/ping (SQLite, 50 components, 1,000 incidents), %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n",
        runs, (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) / 1000, t[1] / 1000, t[NR] / 1000 }'
echo "($(nproc) cores shared with other work; load average $(cut -d' ' -f1-3 /proc/loadavg))"

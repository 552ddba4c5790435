#!/usr/bin/env bash
# Scale: cachet-server on SQLite datasets made by `cachet seed`, small and large. For each: the cold
# render time of `/` (first request after start, then the first request after a write), the time of
# GET /api/v1/incidents and /api/v1/components (first request, then the median of 5 more), and the
# server's peak RSS (VmHWM) after a short wrk load on those three paths.
#
#   bench/scale.sh                                  # both sizes, databases kept in $SCALE_DIR
#   SIZES=small bench/scale.sh
#   SIZES="small incidents" bench/scale.sh          # 100 components with 1,000,000 incidents
#   LARGE_POINTS=3333334 bench/scale.sh             # points per metric of the large set (3 metrics)
#
# The databases are seeded once into SCALE_DIR (default /tmp/cachet-scale) and reused when present;
# CLEAN=1 deletes them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"small large"}
dir=${SCALE_DIR:-/tmp/cachet-scale}
port=${PORT:-18083}
load=${LOAD:-5s}
large_points=${LARGE_POINTS:-333334}
mkdir -p "$dir"
[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p cachet-http -p cachet-cli
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; [ "${CLEAN:-0}" = 1 ] && rm -rf "$dir"' EXIT

seed_args() {
  case "$1" in
    small) echo "--components 100 --groups 10 --incidents 10000 --days 365 --metric-points 333334" ;;
    # The small set's components with the large set's incidents: separates the two kinds of growth.
    incidents) echo "--components 100 --groups 10 --incidents 1000000 --days 365 --metric-points 333334" ;;
    large) echo "--components 1000 --groups 20 --incidents 1000000 --days 365 --metric-points $large_points" ;;
  esac
}
t() { curl -s -o /dev/null -w '%{time_total}' "$@"; }
ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
median5() { for _ in 1 2 3 4 5; do t "$1"; echo; done | sort -n | sed -n 3p; }

echo "SQLite, release cachet-server; $(nproc) cores shared with other work (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for size in $sizes; do
  db="$dir/$size.db"
  args=$(seed_args "$size")
  if [ ! -f "$db" ]; then
    start=$(date +%s)
    # shellcheck disable=SC2086
    target/release/cachet --database-url "sqlite://$db" seed $args >/dev/null
    echo "seeded $size ($args) in $(( $(date +%s) - start )) s, $(du -h "$db" | cut -f1)"
  fi
  sync
  CACHET_LOG=warn target/release/cachet-server --database-url "sqlite://$db" --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  server_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/ping" 2>/dev/null; do sleep 0.02; done
  token=$(grep -o 'token=[A-Za-z0-9_]*' "$dir/server.log" | head -n1 | cut -d= -f2 || true)
  # A database kept from an earlier run already had its first token: make one for the write.
  [ -n "$token" ] || token=$(target/release/cachet --database-url "sqlite://$db" token create "scale-$(date +%s%N)")
  base="http://127.0.0.1:$port"
  page_cold=$(t "$base/")
  page_bytes=$(curl -s -o /dev/null -w '%{size_download}' "$base/")
  page_warm=$(median5 "$base/")
  inc_cold=$(t "$base/api/v1/incidents"); inc_warm=$(median5 "$base/api/v1/incidents")
  comp_cold=$(t "$base/api/v1/components"); comp_warm=$(median5 "$base/api/v1/components")
  if [ -n "$token" ]; then
    curl -sf -o /dev/null -X PUT "$base/api/v1/components/1" -H "X-Cachet-Token: $token" \
      -H 'Content-Type: application/json' -d '{"status":2}'
    page_write=$(ms "$(t "$base/")")
  else
    page_write="n/a (no token: the database already had one)"
  fi
  for path in / /api/v1/incidents /api/v1/components; do
    wrk -t2 -c64 -d"$load" "$base$path" | awk -v p="$path" '/Requests\/sec/ {printf "  wrk %s: %s req/s\n", p, $2}'
  done
  hwm=$(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$server_pid/status")
  rss=$(awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$server_pid/status")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "$size: $args"
  echo "  GET / cold $(ms "$page_cold"), warm median $(ms "$page_warm"), first after a write $page_write, $page_bytes bytes"
  echo "  GET /api/v1/incidents first $(ms "$inc_cold"), then median $(ms "$inc_warm")"
  echo "  GET /api/v1/components first $(ms "$comp_cold"), then median $(ms "$comp_warm")"
  echo "  server peak RSS (VmHWM) $hwm, RSS after load $rss"
done

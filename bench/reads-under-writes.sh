#!/usr/bin/env bash
# Reads under writes: wrk -t2 -c32 -d10s --latency on / and on /api/v2/summary.json, first alone,
# then while a write stream and a staleness probe run (bench/reads_under_writes.py), in one run on
# one seeded database (100 components in 5 groups, 2,000 incidents over 100 days, 10,000 points
# per metric). The write stream is one keep-alive client posting ~50 metric points/s, every 20th
# write a component status change (1..4): a monitor fleet during an incident. The probe renames a
# second component to a unique marker every 0.5 s and polls GET / every 10 ms until the page shows
# it: staleness is the time from the write's 200 to the end of the GET / that shows the marker.
#
#   bench/reads-under-writes.sh              # temp SQLite file
#   bench/reads-under-writes.sh postgres     # fresh database on 127.0.0.1:5432 (user postgres)
#   NO_BUILD=1 DURATION=10 RATE=50 bench/reads-under-writes.sh
#
# Prints per path: req/s alone and under writes and their ratio (target >= 0.8), p99 alone and under
# writes and their ratio (target <= 2); the writer's count of writes and non-200 answers; staleness
# p50/p99/max over all probes (target p99 < 1 s); the server's RSS at the end. The probe's own
# GET / polls (up to ~100/s) are part of the load "under writes". Exits 1 after printing if any
# write was not answered 200 or the server died.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
duration=${DURATION:-10}
rate=${RATE:-50}
port=${PORT:-18097}
paths=${PATHS:-"/ /api/v2/summary.json"}
base="http://127.0.0.1:$port"

[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p cachet-http -p cachet-cli
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
work=$(mktemp -d)
server_pid=""; db=""; helpers=""
cleanup() {
  for pid in $helpers; do kill "$pid" 2>/dev/null || true; done
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  sleep 0.5
  [ -n "$db" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

case "$backend" in
  sqlite) url="sqlite://$work/bench.db" ;;
  postgres)
    db="cachet_bench_rw_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
    url="postgres://postgres@127.0.0.1:5432/$db" ;;
  *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
esac

seeded=$(target/release/cachet --database-url "$url" seed --components 100 --groups 5 --incidents 2000 --days 100 \
  --metric-points 10000)
CACHET_LOG=warn target/release/cachet-server --database-url "$url" --bind "127.0.0.1:$port" \
  --rate-limit-token-writes 0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do curl -sf "$base/api/v1/ping" >/dev/null && break; sleep 0.1; done
token=$(grep -o 'token=[A-Za-z0-9_]*' "$work/server.log" | head -n1 | cut -d= -f2)
[ -n "$token" ] || { echo "no token in the server log" >&2; cat "$work/server.log" >&2; exit 1; }

# The first metric; the first enabled component takes the status changes, the last enabled one on
# the first page of the list is renamed by the probe.
metric=$(curl -sf "$base/api/v1/metrics" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["id"])')
read -r status_component probe_component < <(curl -sf "$base/api/v1/components?per_page=100" | python3 -c '
import json, sys
ids = [c["id"] for c in json.load(sys.stdin)["data"] if c.get("enabled", True)]
print(ids[0], ids[-1])')
[ "$status_component" != "$probe_component" ] || { echo "need two enabled components" >&2; exit 1; }

# The probe's marker must show on the page at all: rename once and wait for it (10 s at most).
curl -sf -o /dev/null -X PUT "$base/api/v1/components/$probe_component" -H "X-Cachet-Token: $token" \
  -H 'Content-Type: application/json' -d '{"name":"probe-check"}'
for i in $(seq 1 100); do
  curl -sf "$base/" | grep -q 'probe-check' && break
  [ "$i" = 100 ] && { echo "the renamed component never showed on GET /" >&2; exit 1; }
  sleep 0.1
done

# wrk's latency ("812.00us", "3.21ms", "1.02s", "1.50m") in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN {
  n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
  if (f < 0) { print "nan"; exit } printf "%.3f", n * f }'; }
# "rps p99 errors" of one wrk run.
run_wrk() {
  local out
  out=$(wrk -t2 -c32 -d"${duration}s" --latency "$base$1")
  echo "$out" >>"$work/wrk.log"
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}')" \
    "$(echo "$out" | awk '/Non-2xx|Socket errors/ {gsub(/ +/, "_"); printf "%s;", $0}')"
}

echo "backend=$backend: $(echo "$seeded" | tail -n1)"
echo "wrk -t2 -c32 -d${duration}s per figure; writes ~${rate}/s (every 20th a status change of component $status_component, metric $metric); probe renames component $probe_component every 0.5 s"
echo "server, wrk, writer and probe share $(nproc) cores (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
rows=(); writer_lines=(); probe_lines=(); notes=(); phase=0
for path in $paths; do
  phase=$((phase + 1))
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  [ "$code" = 200 ] || { echo "$path: HTTP $code" >&2; exit 1; }
  read -r rps_alone p99_alone err_alone < <(run_wrk "$path")
  # The writer and the probe start 0.5 s before wrk and stop 0.5 s after it.
  python3 bench/reads_under_writes.py write "127.0.0.1:$port" "$token" "$metric" "$status_component" \
    "$((duration + 1))" "$rate" >"$work/writer.out" 2>"$work/writer.err" &
  writer_pid=$!
  python3 bench/reads_under_writes.py probe "127.0.0.1:$port" "$token" "$probe_component" \
    "$((duration + 1))" "probe$phase" "$work/staleness.txt" >"$work/probe.out" 2>"$work/probe.err" &
  probe_pid=$!
  helpers="$writer_pid $probe_pid"
  sleep 0.5
  read -r rps_writes p99_writes err_writes < <(run_wrk "$path")
  wait "$writer_pid" || notes+=("writer exited with $?")
  wait "$probe_pid" || notes+=("probe exited with $?")
  helpers=""
  writer_lines+=("$path: $(cat "$work/writer.out")")
  probe_lines+=("$path: $(cat "$work/probe.out")")
  [ -s "$work/writer.err" ] && notes+=("writer ($path): $(head -n5 "$work/writer.err" | tr '\n' ' ')")
  [ -s "$work/probe.err" ] && notes+=("probe ($path): $(head -n5 "$work/probe.err" | tr '\n' ' ')")
  [ -n "$err_alone$err_writes" ] && notes+=("wrk ($path): alone ${err_alone:-none}, under writes ${err_writes:-none}")
  kill -0 "$server_pid" 2>/dev/null || { notes+=("server died during $path"); break; }
  rows+=("$path $rps_alone $rps_writes $p99_alone $p99_writes")
done

echo
printf '%-22s %12s %12s %7s %10s %10s %7s\n' path 'req/s alone' 'req/s writes' ratio 'p99 alone' 'p99 writes' 'p99 x'
for row in "${rows[@]}"; do
  set -- $row
  a=$(to_ms "$4"); b=$(to_ms "$5")
  printf '%-22s %12s %12s %7s %10s %10s %7s\n' "$1" "$2" "$3" \
    "$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.2f", b / a}')" "$4" "$5" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", b / a}')"
done
echo "(targets: ratio >= 0.8, p99 x <= 2)"
for line in "${writer_lines[@]}"; do echo "writer $line"; done
for line in "${probe_lines[@]}"; do echo "probe  $line"; done
echo "staleness (write 200 -> GET / showing it): $(python3 bench/reads_under_writes.py stats "$work/staleness.txt") (target p99 < 1000ms)"
if kill -0 "$server_pid" 2>/dev/null; then
  echo "server RSS at the end: $(awk '/VmRSS/ {print $2, $3}' "/proc/$server_pid/status") (peak $(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status"))"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
errors=$(grep -c -E 'ERROR|panicked' "$work/server.log" || true)
[ "$errors" = 0 ] || notes+=("server log: $errors ERROR/panic lines, first: $(grep -m1 -E 'ERROR|panicked' "$work/server.log")")
for note in "${notes[@]}"; do echo "note: $note"; done

status=0
kill -0 "$server_pid" 2>/dev/null || { echo "FAILED: the server is not running" >&2; status=1; }
for line in "${writer_lines[@]}" "${probe_lines[@]}"; do
  case "$line" in *non200=0\ errors=0*) ;; *) status=1 ;; esac
done
[ "$status" = 0 ] || echo "FAILED: some writes were not answered 200 (see above)" >&2
exit "$status"

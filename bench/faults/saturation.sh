#!/usr/bin/env bash
# Fault: one minute at saturation. wrk -t2 -c64 -d60s against a mix of GET /, GET /api/v1/components
# and GET /api/v2/summary.json (round robin per connection) on a release server; while it runs, the
# server's VmRSS is sampled every 5 s. Passes when wrk reports no socket errors and no non-2xx
# answers, and RSS at the end is within 10 % (or 4 MB) of RSS after the first 10 s of load.
#
#   bench/faults/saturation.sh [sqlite|postgres|mysql]
#   DURATION=60 COMPONENTS=50 bench/faults/saturation.sh sqlite
source "$(dirname "$0")/lib.sh"
backend=${1:-sqlite}
duration=${DURATION:-60}
components=${COMPONENTS:-50}
build_server
fresh_database "$backend"
start_server
for i in $(seq 1 "$components"); do
  api POST /api/v1/components "{\"name\":\"Service $i\",\"status\":$(( i % 10 == 0 ? 3 : 1 )),\"description\":\"Component $i\"}" >/dev/null
done
api POST /api/v1/incidents '{"name":"Elevated errors","status":2,"message":"Investigating.","component_id":1,"component_status":3}' >/dev/null
for path in / /api/v1/components /api/v2/summary.json; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path"); [ "$code" = 200 ] || { echo "$path: $code" >&2; exit 1; }
done
cat >"$work/mix.lua" <<'LUA'
local paths = {"/", "/api/v1/components", "/api/v2/summary.json"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
rss_start=$(rss_kb "$server_pid")
wrk -t2 -c64 -d"${duration}s" --latency -s "$work/mix.lua" "$base" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
samples=()
for t in $(seq 5 5 "$duration"); do
  sleep 5
  samples+=("${t}s:$(rss_kb "$server_pid")")
done
wait "$wrk_pid"
sleep 1
rss_end=$(rss_kb "$server_pid")
cat "$work/wrk.out"
echo "RSS (kB) before load: $rss_start; every 5 s: ${samples[*]}; 1 s after: $rss_end; peak $(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")"
kill -0 "$server_pid" || { echo "FAIL: the server died"; exit 1; }
errors=$(grep -E 'Socket errors|Non-2xx' "$work/wrk.out" || true)
at10=${samples[1]#*:}
last=${samples[-1]#*:}
growth=$(( last - at10 ))
limit=$(( at10 / 10 > 4096 ? at10 / 10 : 4096 ))
echo "RSS growth from 10 s to ${duration} s: ${growth} kB (limit ${limit} kB)"
if [ -z "$errors" ] && [ "$growth" -le "$limit" ]; then echo PASS; else echo "FAIL ${errors}"; exit 1; fi

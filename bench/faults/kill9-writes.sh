#!/usr/bin/env bash
# Fault: `kill -9` the release server in the middle of a stream of concurrent writes, restart it on
# the same database, and check that every write answered 200 is there with its fields and that
# nothing is half-written (every incident has its incident_components row, every component has the
# status its latest incident gave it, every acknowledged metric point has its value).
#
#   bench/faults/kill9-writes.sh sqlite|postgres|mysql
#   WRITES=2000 CONCURRENCY=16 KILL_AFTER=1000 bench/faults/kill9-writes.sh sqlite
#
# Writes alternate: incident n (even n) on component n/2 % 4 with component_status n/2 % 4 + 1,
# metric point n (odd n) with value n. The CI version is cachet-http/tests/faults.rs.
source "$(dirname "$0")/lib.sh"
backend=${1:-sqlite}
writes=${WRITES:-2000}
concurrency=${CONCURRENCY:-16}
kill_after=${KILL_AFTER:-$((writes / 2))}

build_server
fresh_database "$backend"
start_server
for i in 0 1 2 3; do api POST /api/v1/components "{\"name\":\"c$i\",\"status\":1}" >/dev/null; done
api POST /api/v1/metrics '{"name":"latency","suffix":"ms","description":"d","default_value":0}' >/dev/null
components=$(api GET '/api/v1/components?per_page=10' | head -n1 | python3 -c 'import json,sys; print(" ".join(str(c["id"]) for c in json.load(sys.stdin)["data"]))')
read -r -a comp <<<"$components"

acked=$work/acked
: >"$acked"
write_one() {
  local n=$1 body code out
  if (( n % 2 == 0 )); then
    body="{\"name\":\"fault $n\",\"status\":$(( n % 4 + 1 )),\"message\":\"message $n\",\"component_id\":${comp[$(( n / 2 % 4 ))]},\"component_status\":$(( n / 2 % 4 + 1 ))}"
    out=$(curl -s -m 10 -X POST "$base/api/v1/incidents" -H "X-Cachet-Token: $token" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}') || return 0
  else
    out=$(curl -s -m 10 -X POST "$base/api/v1/metrics/1/points" -H "X-Cachet-Token: $token" -H 'Content-Type: application/json' -d "{\"value\":$n}" -w '\n%{http_code}') || return 0
  fi
  code=${out##*$'\n'}
  if [ "$code" = 200 ]; then
    echo "$n $(sed -E 's/^\{"data":\{"id":([0-9]+).*/\1/' <<<"${out%$'\n'*}")" >>"$acked"
  elif [ "$code" != 000 ]; then
    echo "write $n refused: $code ${out%$'\n'*}" >>"$work/refused"
  fi
}
export -f write_one
export base token acked work
export comp_list="${comp[*]}"
started=$(date +%s.%N)
seq 0 $((writes - 1)) | xargs -P "$concurrency" -I{} bash -c 'read -r -a comp <<<"$comp_list"; write_one {}' &
writers=$!
while [ "$(wc -l <"$acked")" -lt "$kill_after" ]; do sleep 0.01; done
kill -9 "$server_pid"
killed_at=$(wc -l <"$acked")
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
wait "$server_pid" 2>/dev/null || true
wait "$writers" || true
server_pid=
echo "backend=$backend: $killed_at writes answered 200 in ${elapsed}s when SIGKILL was sent; $(wc -l <"$acked") answered 200 in all"
[ -s "$work/refused" ] && { echo "FAIL: writes refused before the kill:"; head "$work/refused"; exit 1; }

start_server
python3 - "$base" "$token" "$acked" "$components" <<'PY'
import json, sys, urllib.request
base, token, acked_file, components = sys.argv[1], sys.argv[2], sys.argv[3], [int(c) for c in sys.argv[4].split()]
def get(path):
    req = urllib.request.Request(base + path, headers={"X-Cachet-Token": token})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
def every(path):
    items, page = [], 1
    while True:
        body = get(f"{path}?per_page=1000&page={page}")
        items += body["data"]
        if page >= body["meta"]["pagination"]["total_pages"]:
            return items
        page += 1
acked = [tuple(map(int, line.split())) for line in open(acked_file) if line.strip()]
incidents = {i["id"]: i for i in every("/api/v1/incidents")}
points = {p["id"]: p["value"] for p in every("/api/v1/metrics/1/points")}
failures = []
def expect(n):
    return components[n // 2 % 4], n // 2 % 4 + 1
for n, id in acked:
    if n % 2 == 0:
        i = incidents.get(id)
        c, s = expect(n)
        if i is None or i["name"] != f"fault {n}" or i["message"] != f"message {n}" or i["status"] != n % 4 + 1:
            failures.append(f"acknowledged incident {id} (write {n}) missing or wrong: {i}")
    elif points.get(id) != float(n):
        failures.append(f"acknowledged point {id} (write {n}) missing or wrong: {points.get(id)}")
latest = {}
for id, i in incidents.items():
    n = int(i["name"].removeprefix("fault "))
    c, s = expect(n)
    if i["components"] != [{"id": c, "status": s}]:
        failures.append(f"incident {id} half-written: components {i['components']}")
    if id > latest.get(c, (0, 0))[0]:
        latest[c] = (id, s)
for c, (id, s) in latest.items():
    got = get(f"/api/v1/components/{c}")["data"]["status"]
    if got != s:
        failures.append(f"component {c} has status {got}, its latest incident {id} set {s}")
n_inc = sum(1 for n, _ in acked if n % 2 == 0)
print(f"after restart: {len(incidents)} incidents stored ({n_inc} acknowledged), {len(points)} points stored "
      f"({len(acked) - n_inc} acknowledged), {len(latest)} components checked")
if failures:
    print("FAIL:\n" + "\n".join(failures[:20]))
    sys.exit(1)
print("PASS: every acknowledged write is there, nothing half-written")
PY
code=$(api POST /api/v1/incidents "{\"name\":\"after\",\"status\":1,\"message\":\"m\"}" | tail -n1)
[ "$code" = 200 ] && echo "PASS: the restarted server takes writes" || { echo "FAIL: write after restart: $code"; exit 1; }

#!/usr/bin/env bash
# Fault: restart the database server (PostgreSQL or MariaDB) under load. While it is down, requests
# that need the database must fail cleanly (JSON 503, never a 500 or a 400); once it is back the
# server must recover by itself within seconds, without a restart.
#
#   bench/faults/db-restart.sh postgres|mysql
#   OUTAGE=3 bench/faults/db-restart.sh postgres
#
# WARNING: this stops the machine's shared database service for OUTAGE seconds (default 3); it is
# always started again on exit. Not for CI.
#
# Load: 4 clients in a loop, each sending in turn POST /api/v1/incidents, a signed-in
# GET /api/v1/incidents?per_page=5 (not served from the public cache), GET /api/v1/components and
# GET /readyz. Every answer is logged with its time; the summary counts status codes per phase and
# reports the time from the database being back to the first run of successful writes.
source "$(dirname "$0")/lib.sh"
backend=${1:-postgres}
outage=${OUTAGE:-3}
case "$backend" in
  postgres)
    cluster=$(ls /etc/postgresql | head -n1)
    db_stop() { pg_ctlcluster --skip-systemctl-redirect "$cluster" main stop; }
    db_start() { pg_ctlcluster --skip-systemctl-redirect "$cluster" main start; }
    db_ready() { pg_isready -q -h 127.0.0.1; } ;;
  mysql)
    db_stop() { mariadb-admin -uroot shutdown; }
    db_start() { start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd; }
    db_ready() { mariadb-admin -h 127.0.0.1 -uroot ping >/dev/null 2>&1; } ;;
  *) echo "usage: $0 postgres|mysql" >&2; exit 2 ;;
esac
build_server
fresh_database "$backend"
start_server --pool-timeout 2
api POST /api/v1/components '{"name":"API","status":1}' >/dev/null
api POST /api/v1/incidents '{"name":"Before","status":1,"message":"m","component_id":1,"component_status":2}' >/dev/null

answers=$work/answers
: >"$answers"
stop_load=$work/stop-load
load() {
  local i=0 method path body out code
  while [ ! -e "$stop_load" ]; do
    case $(( i % 4 )) in
      0) method=POST path=/api/v1/incidents body='{"name":"Load","status":1,"message":"m","component_id":1,"component_status":2}' ;;
      1) method=GET path='/api/v1/incidents?per_page=5' body= ;;
      2) method=GET path=/api/v1/components body= ;;
      3) method=GET path=/readyz body= ;;
    esac
    out=$(curl -s -m 15 -X "$method" "$base$path" -H "X-Cachet-Token: $token" -H 'Content-Type: application/json' \
      ${body:+-d "$body"} -w '\n%{http_code} %{content_type} %{time_total}' || true)
    code=$(tail -n1 <<<"$out")
    # time, method, path, status, content type, seconds, start of the body
    echo "$(date +%s.%N) $method ${path%%\?*} $code $(head -n1 <<<"$out" | tr -d ' ' | cut -c1-160)" >>"$answers"
    i=$(( i + 1 ))
    sleep 0.02
  done
}
for _ in 1 2 3 4; do load & done
sleep 3
restarted=0
cleanups=("[ \$restarted = 1 ] || db_start" "${cleanups[@]}")
down_at=$(date +%s.%N)
db_stop
stopped_at=$(date +%s.%N)
echo "database stopped ($(echo "$(date +%s.%N) - $down_at" | bc | cut -c1-5) s to stop)"
sleep "$outage"
start_at=$(date +%s.%N)
db_start
for _ in $(seq 1 600); do db_ready && break; sleep 0.1; done
db_ready || { echo "the database did not come back within 60 s" >&2; exit 1; }
restarted=1
up_at=$(date +%s.%N)
echo "database started again, ready after $(echo "$up_at - $start_at" | bc | cut -c1-5) s; outage $(echo "$up_at - $down_at" | bc | cut -c1-5) s"
sleep 10
touch "$stop_load"
wait $(jobs -p | grep -v "^$server_pid$") 2>/dev/null || true
echo "server still the same process: $(kill -0 "$server_pid" && echo yes, pid $server_pid)"

[ -n "${KEEP:-}" ] && cp "$answers" "$KEEP"
python3 - "$answers" "$down_at" "$stopped_at" "$start_at" "$up_at" <<'PY'
import sys, collections
answers, down, stopped, start, up = sys.argv[1], *map(float, sys.argv[2:])
rows = []
for line in open(answers):
    parts = line.rstrip("\n").split(" ", 6)
    if len(parts) < 7:
        parts += [""] * (7 - len(parts))
    t, method, path, code, ctype, secs, body = parts
    rows.append((float(t), method, path, code, ctype, float(secs or 0), body))
def phase(t):
    # An answer's time is when it arrived; a request sent just before a boundary lands after it.
    for limit, name in ((down, "1 before"), (stopped, "2 stopping"), (start, "3 down"), (up, "4 starting")):
        if t < limit:
            return name
    return "5 after"
counts = collections.Counter((phase(t), f"{m} {p}", c) for t, m, p, c, *_ in rows)
for key in sorted(counts):
    print(f"  {key[0]:10} {key[1]:24} {key[2]:>4} x{counts[key]}")
bad = [r for r in rows if r[3] not in ("200",) and not (r[3] == "503" and r[4].startswith("application/json"))]
for r in bad[:10]:
    print("  UNCLEAN:", r[1], r[2], r[3], r[4], r[6][:160])
writes_after = sorted((t, c) for t, m, p, c, *_ in rows if m == "POST" and t >= up)
failed_after = [t for t, c in writes_after if c != "200"]
recovered = max(failed_after) - up if failed_after else 0.0
first_ok = min((t for t, c in writes_after if c == "200"), default=None)
if first_ok is not None:
    print(f"  first successful write {first_ok - up:.2f} s after the database was ready")
print(f"  slowest answer while down: {max([r[5] for r in rows if phase(r[0]) == '3 down'] or [0]):.2f} s")
print(f"  writes after the database was ready: {len(writes_after)}, failed {len(failed_after)}; "
      f"last failure {recovered:.2f} s after ready")
ok = not bad and recovered < 5 and any(c == "200" for _, c in writes_after)
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY

#!/usr/bin/env bash
# Fault: schemathesis against the server's own /api/openapi.json, every operation, signed in with
# a token, every check: no 5xx, every answer matches the document.
#
#   bench/faults/schemathesis.sh                 # SQLite, 180 s budget
#   MAX_TIME=300 bench/faults/schemathesis.sh
#
# Installs schemathesis into target/venv-faults on first use. The database is seeded with one of
# each resource so that path ids have something to find. Extra `st run` flags: ST_ARGS.
source "$(dirname "$0")/lib.sh"
venv=$root/target/venv-faults
[ -x "$venv/bin/st" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis; }
build_server
fresh_database sqlite
# A fuzzer sends wrong tokens and guest writes by the hundred from one address: the rate limits
# (tested in cachet-http/tests/hardening.rs) would answer 429, which is not what this run checks.
CACHET_LOG=info start_server --rate-limit-auth-failures 0 --rate-limit-guest-writes 0 --rate-limit-token-writes 0
api POST /api/v1/components/groups '{"name":"Platform","visible":1}' >/dev/null
api POST /api/v1/components '{"name":"API","status":1,"group_id":1}' >/dev/null
api POST /api/v1/incidents '{"name":"Errors","status":2,"message":"Looking","component_id":1,"component_status":3}' >/dev/null
api POST /api/v1/incidents/1/updates '{"status":3,"message":"Fixed the cause"}' >/dev/null
api POST /api/v1/metrics '{"name":"Latency","suffix":"ms","description":"p50","default_value":0}' >/dev/null
api POST /api/v1/metrics/1/points '{"value":12}' >/dev/null
api POST /api/v1/schedules '{"name":"Upgrade","status":0,"message":"DB upgrade","scheduled_at":"2030-01-01 10:00"}' >/dev/null
api POST /api/v1/subscribers '{"email":"ops@example.com","verify":true}' >/dev/null
"$venv/bin/st" --version
set +e
"$venv/bin/st" run "$base/api/openapi.json" -H "X-Cachet-Token: $token" --checks all \
  --max-time "${MAX_TIME:-180}" --workers "${WORKERS:-2}" --request-timeout 10 --no-color ${ST_ARGS:-} \
  2>&1 | tee "$work/st.out"
status=${PIPESTATUS[0]}
set -e
echo "server answers by status during the run: $(grep -o 'status=[0-9]*' "$work/server.log" | sort | uniq -c | tr '\n' ' ')"
echo "5xx logged by the server: $(grep -c 'status=5' "$work/server.log" || true)"
exit "$status"

#!/usr/bin/env bash
# Half-open connection flood: starts the release cachet-server (or $SERVER) on a fresh SQLite
# database with default flags, holds N unfinished requests (default 20,000, 100 per loopback
# source address) with bench/idle_flood.py, and reports the server's open files and the latency
# of GET / and /api/v1/ping from a fresh client meanwhile; then SIGTERM while the flood is held,
# and the time to exit.
#
#   bench/idle-flood.sh
#   N=20000 SERVER=/path/to/older/cachet-server bench/idle-flood.sh   # the same on another build
#
# Runs as root to raise the open-file limit for both processes (ulimit -n 65536).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-20000}
port=${PORT:-18095}
server=${SERVER:-target/release/cachet-server}
[ -n "${SERVER:-}" ] || cargo build --release -q -p cachet-http --bin cachet-server
ulimit -Hn 65536 2>/dev/null || true
ulimit -Sn "$(ulimit -Hn)"
work=$(mktemp -d)
trap 'kill -9 "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
CACHET_LOG=info "$server" --database-url "sqlite://$work/flood.db" --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
python3 bench/idle_flood.py "127.0.0.1:$port" "$server_pid" "$n" 100 "${HOLD:-5}"
echo "server log: $(grep -c ERROR "$work/server.log" || true) ERROR lines"
status=0; wait "$server_pid" 2>/dev/null || status=$?; echo "exit status: $status"

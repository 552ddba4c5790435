# Shared helpers of the fault scripts (sourced): start/stop a release cachet-server, make a fresh
# database per backend, JSON calls with the token.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
server_bin=$root/target/release/cachet-server
work=$(mktemp -d /tmp/cachet-faults.XXXXXX)
server_pid=
cleanups=()
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid"; wait "$server_pid"; } 2>/dev/null || true
  local c
  for c in "${cleanups[@]+"${cleanups[@]}"}"; do eval "$c" || true; done
  rm -rf "$work"
}
trap cleanup EXIT

build_server() { [ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q -p cachet-http --bin cachet-server; }

# fresh_database BACKEND: sets $db_url to a new, empty database dropped on exit.
fresh_database() {
  local name="cachet_fault_$$"
  case "$1" in
    sqlite) db_url="sqlite://$work/cachet.db" ;;
    postgres)
      psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $name" >/dev/null
      cleanups+=("psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)' >/dev/null")
      db_url="postgres://postgres@127.0.0.1:5432/$name" ;;
    mysql)
      mariadb -h 127.0.0.1 -uroot -e "CREATE DATABASE $name"
      cleanups+=("mariadb -h 127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS $name'")
      db_url="mysql://root@127.0.0.1:3306/$name" ;;
    *) echo "unknown backend $1 (sqlite|postgres|mysql)" >&2; exit 2 ;;
  esac
}

# start_server [extra flags]: starts on $db_url at $port (default 18090), waits for /healthz,
# sets $server_pid and, on the first start, $token.
start_server() {
  port=${PORT:-18090}
  CACHET_LOG=${CACHET_LOG:-warn} "$server_bin" --database-url "$db_url" --bind "127.0.0.1:$port" "$@" \
    >>"$work/server.log" 2>&1 &
  server_pid=$!
  local _
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
  if [ -z "${token:-}" ]; then
    token=$(grep -o 'token=[A-Za-z0-9]*' "$work/server.log" | head -n1 | cut -d= -f2)
  fi
  base="http://127.0.0.1:$port"
}

stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; }

# api METHOD PATH [JSON]: prints the body, then a last line with the HTTP status.
api() {
  curl -s -X "$1" "$base$2" -H "X-Cachet-Token: $token" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} -w '\n%{http_code}\n'
}

# rss_kb PID: the resident set size in kB.
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

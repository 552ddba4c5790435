#!/usr/bin/env bash
# Fault: the SQLite database's disk becomes full under a running release server: writes must get
# a clear JSON error (503 saying the database cannot take writes), reads must keep working, and the server
# must take writes again once the disk has room, without a restart. Then the database is made
# read-only and the server started on it.
#
#   bench/faults/sqlite-readonly.sh        # needs root (mounts a small tmpfs)
#
# Root ignores file permissions, so `chmod 0444` proves nothing here: the database lives on a
# dedicated 8 MB tmpfs that is filled with a file (disk full, ENOSPC) and remounted read-only
# (`mount -o remount,ro`, EROFS). WANT=400 checks the status of the old behaviour.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "needs root to mount a tmpfs" >&2; exit 2; }
build_server
mnt=$work/mnt
mkdir -p "$mnt"
mount -t tmpfs -o size=8m tmpfs "$mnt"
cleanups+=("stop_server; umount '$mnt'")
db_url="sqlite://$mnt/cachet.db"
start_server
api POST /api/v1/components '{"name":"API","status":1}' >/dev/null
api POST /api/v1/incidents '{"name":"Before","status":1,"message":"m","component_id":1,"component_status":2}' >/dev/null
fail=0
# check LABEL METHOD PATH [JSON] EXPECTED_CODE: prints the answer, counts a mismatch.
check() {
  local label=$1 method=$2 path=$3 body=$4 want=$5 out code
  out=$(api "$method" "$path" "$body")
  code=$(tail -n1 <<<"$out")
  printf '%-10s %-5s %-34s -> %s %s\n' "$label" "$method" "$path" "$code" "$(head -n1 <<<"$out" | cut -c1-220)"
  [ "$code" = "$want" ] || { echo "  FAIL: expected $want"; fail=1; }
}
reads() {
  check "$1" GET /api/v1/components '' 200
  check "$1" GET /api/v1/incidents/1 '' 200
  check "$1" GET /api/v2/summary.json '' 200
  check "$1" GET /readyz '' 200
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "$base/")
  printf '%-10s %-5s %-34s -> %s\n' "$1" GET / "$code"; [ "$code" = 200 ] || { echo "  FAIL: expected 200"; fail=1; }
}
writes() {
  check "$1" POST /api/v1/incidents '{"name":"During","status":1,"message":"m","component_id":1,"component_status":3}' "$2"
  check "$1" PUT /api/v1/components/1 '{"status":4}' "$2"
  check "$1" POST /api/v1/metrics '{"name":"m","suffix":"ms","description":"d","default_value":0}' "$2"
}
want=${WANT:-503}

echo "== disk full ($(df -h --output=size "$mnt" | tail -n1 | tr -d ' '))"
dd if=/dev/zero of="$mnt/filler" bs=64k status=none 2>/dev/null || true
df -h --output=used,avail "$mnt" | tail -n1
writes full "$want"
reads full
rm -f "$mnt/filler"
writes freed 200
reads freed

echo "== read-only (server stopped, mount -o remount,ro, server started again)"
# A live remount fails while the server holds the files open for writing ("mount point is busy"),
# so the read-only case is a start on a read-only database.
stop_server
mount -o remount,ro "$mnt"
if "$server_bin" --database-url "$db_url" --bind "127.0.0.1:$port" >"$work/ro.log" 2>&1; then
  echo "  read-only start: exited 0"; fail=1
else
  echo "read-only start: exit $?, $(tail -n1 "$work/ro.log")"
fi
mount -o remount,rw "$mnt"
start_server
writes rw-again 200
reads rw-again
grep -iE 'warn|error' "$work/server.log" | tail -n 4 | cut -c1-300
[ "$fail" = 0 ] && echo "PASS" || { echo "FAIL"; exit 1; }

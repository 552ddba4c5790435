#!/usr/bin/env bash
# The status page at scale: bytes, elements and brotli size of GET /, the background render of /
# after a one-component change, and the server's RSS, for COMPONENTS components in COMPONENT_GROUPS groups
# (default 1,000 in 20, as the seed makes them: a third of the groups open, the rest collapsed).
#
#   bench/page-weight.sh
#   COMPONENTS=100 COMPONENT_GROUPS=5 bench/page-weight.sh
set -euo pipefail
cd "$(dirname "$0")/.."
components=${COMPONENTS:-1000}
groups=${COMPONENT_GROUPS:-20}
port=${PORT:-18096}
[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p cachet-http -p cachet-cli
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
url="sqlite://$work/weight.db"
target/release/cachet --database-url "$url" seed --components "$components" --groups "$groups" --incidents 10000 \
  --days 100 --metric-points 1000 >/dev/null
CACHET_LOG=warn,cachet_http::web::refresh=debug target/release/cachet-server --database-url "$url" \
  --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(grep -o 'token=[A-Za-z0-9]*' "$work/server.log" | head -n1 | cut -d= -f2)
t0=$(date +%s%N)
curl -sf "http://127.0.0.1:$port/" -o "$work/page.html"
t1=$(date +%s%N)
curl -sf -H 'Accept-Encoding: br' "http://127.0.0.1:$port/" -o "$work/page.br"
python3 - "$work/page.html" "$(stat -c %s "$work/page.br")" "$(( (t1 - t0) / 1000000 ))" "$components" <<'PY'
import sys
from html.parser import HTMLParser
class Count(HTMLParser):
    n = 0
    def handle_starttag(self, tag, attrs): self.n += 1
    def handle_startendtag(self, tag, attrs): self.n += 1
html = open(sys.argv[1], encoding="utf-8").read()
c = Count(); c.feed(html)
bars = html.count('<svg class="bar"')
print(f"GET / with {sys.argv[4]} components: {len(html.encode()):,} bytes, {c.n:,} elements, "
      f"{int(sys.argv[2]):,} bytes brotli; first (cold) render and answer {sys.argv[3]} ms; "
      f"{bars} bars in the first document")
PY
# One component changes: the background renderer makes / again; its log line has the time.
id=$(curl -sf "http://127.0.0.1:$port/api/v1/components?per_page=1" | sed -E 's/.*"data":\[\{"id":([0-9]+).*/\1/')
for status in 4 1 3 1 2; do
  curl -sf -X PUT "http://127.0.0.1:$port/api/v1/components/$id" -H "X-Cachet-Token: $token" \
    -H 'Content-Type: application/json' -d "{\"status\":$status}" >/dev/null
  sleep 1.2
done
grep 'rendered' "$work/server.log" | grep -F '|/?|' | grep -o 'render_ms=[0-9.]*' | tail -n 5 | cut -d= -f2 \
  | sort -n | awk '{ t[NR] = $1 } END { printf "background render of / after a one-component change (5 changes): median %.1f ms, max %.1f ms\n", t[int((NR + 1) / 2)], t[NR] }'
echo "server RSS: $(awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$server_pid/status")"

#!/usr/bin/env python3
"""Write stream and staleness probe for bench/reads-under-writes.sh (stdlib only).

    bench/reads_under_writes.py write HOST:PORT TOKEN METRIC_ID COMPONENT_ID SECONDS [RATE]
    bench/reads_under_writes.py probe HOST:PORT TOKEN COMPONENT_ID SECONDS PREFIX OUT_FILE
    bench/reads_under_writes.py stats FILE...

write: one keep-alive client paces writes at RATE per second (default 50) for SECONDS: a metric
point (POST /api/v1/metrics/METRIC_ID/points {"value": N}), and every 20th write a status change
of COMPONENT_ID (PUT /api/v1/components/COMPONENT_ID {"status": 1..4}). Prints one line:
    writes=N points=N status_changes=N seconds=S rate=R/s non200=N errors=N latency_p50_ms=.. latency_p99_ms=.. cpu_s=..
and the first few non-200 answers on stderr. cpu_s is the client's own CPU time, taken from the
cores it shares with the server and wrk.

probe: every 0.5 s renames COMPONENT_ID to a unique marker (PUT {"name": "PREFIX-000001z"}),
takes the time its 200 arrived, then polls GET / on a keep-alive connection every 10 ms until
the page contains the marker; the delay (200 of the write to the end of the GET / that shows it)
is appended to OUT_FILE in milliseconds, one per line ("timeout" after 10 s without it). Prints
one line: probes=N seen=N timeouts=N non200=N errors=N polls=N cpu_s=S.

stats: p50, p99 and max of the delays in the files, one line (a timeout counts as infinite).
"""

import http.client
import json
import math
import sys
import time

PROBE_INTERVAL = 0.5
POLL_INTERVAL = 0.010
PROBE_TIMEOUT = 10.0


def connect(hostport):
    host, port = hostport.rsplit(":", 1)
    return http.client.HTTPConnection(host, int(port), timeout=10)


class Client:
    """A keep-alive connection that reconnects after a failure."""

    def __init__(self, hostport, token=None):
        self.hostport = hostport
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            self.headers["X-Cachet-Token"] = token
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body bytes); raises OSError/HTTPException after closing the connection."""
        if self.conn is None:
            self.conn = connect(self.hostport)
        try:
            data = None if body is None else json.dumps(body).encode()
            self.conn.request(method, path, body=data, headers=headers or self.headers)
            resp = self.conn.getresponse()
            payload = resp.read()
            if resp.will_close:
                self.conn.close()
                self.conn = None
            return resp.status, payload
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def write(hostport, token, metric_id, component_id, seconds, rate=50.0):
    client = Client(hostport, token)
    interval = 1.0 / rate
    points = changes = non200 = errors = 0
    latencies = []
    shown = 0
    start = time.perf_counter()
    end = start + seconds
    i = 0
    while True:
        due = start + i * interval
        now = time.perf_counter()
        if due >= end:
            break
        if due > now:
            time.sleep(due - now)
        i += 1
        if i % 20 == 0:
            method, path, body = "PUT", f"/api/v1/components/{component_id}", {"status": (i // 20) % 4 + 1}
        else:
            method, path, body = "POST", f"/api/v1/metrics/{metric_id}/points", {"value": i % 100}
        sent = time.perf_counter()
        try:
            status, payload = client.request(method, path, body)
        except (OSError, http.client.HTTPException) as e:
            errors += 1
            if errors <= 5:
                print(f"write {i} {method} {path}: {e!r}", file=sys.stderr)
            continue
        latencies.append(time.perf_counter() - sent)
        if method == "PUT":
            changes += 1
        else:
            points += 1
        if status != 200:
            non200 += 1
            if shown < 5:
                shown += 1
                print(f"write {i} {method} {path}: HTTP {status} {payload[:200]!r}", file=sys.stderr)
    elapsed = time.perf_counter() - start
    latencies.sort()
    total = points + changes
    print(f"writes={total} points={points} status_changes={changes} seconds={elapsed:.1f} "
          f"rate={total / elapsed:.1f}/s non200={non200} errors={errors} "
          f"latency_p50_ms={percentile(latencies, 50) * 1000:.1f} "
          f"latency_p99_ms={percentile(latencies, 99) * 1000:.1f} cpu_s={time.process_time():.2f}")


def probe(hostport, token, component_id, seconds, prefix, out_file):
    writer = Client(hostport, token)
    reader = Client(hostport)
    page_headers = {"Accept": "text/html"}
    probes = seen = timeouts = non200 = errors = polls = 0
    start = time.perf_counter()
    end = start + seconds
    n = 0
    with open(out_file, "a") as out:
        next_probe = start
        while True:
            now = time.perf_counter()
            if next_probe >= end:
                break
            if next_probe > now:
                time.sleep(next_probe - now)
            next_probe += PROBE_INTERVAL
            n += 1
            marker = f"{prefix}-{n:06d}z"
            try:
                status, payload = writer.request("PUT", f"/api/v1/components/{component_id}", {"name": marker})
            except (OSError, http.client.HTTPException) as e:
                errors += 1
                print(f"probe {n}: {e!r}", file=sys.stderr)
                continue
            written = time.perf_counter()
            probes += 1
            if status != 200:
                non200 += 1
                print(f"probe {n}: HTTP {status} {payload[:200]!r}", file=sys.stderr)
                continue
            needle = marker.encode()
            while True:
                try:
                    status, page = reader.request("GET", "/", headers=page_headers)
                except (OSError, http.client.HTTPException) as e:
                    errors += 1
                    print(f"probe {n} GET /: {e!r}", file=sys.stderr)
                    status, page = 0, b""
                polls += 1
                got = time.perf_counter()
                if status == 200 and needle in page:
                    seen += 1
                    out.write(f"{(got - written) * 1000:.1f}\n")
                    break
                if status not in (0, 200):
                    non200 += 1
                if got - written > PROBE_TIMEOUT:
                    timeouts += 1
                    out.write("timeout\n")
                    break
                time.sleep(POLL_INTERVAL)
            out.flush()
            # A probe that took longer than its slot starts the next one right away, not a burst.
            next_probe = max(next_probe, time.perf_counter())
    print(f"probes={probes} seen={seen} timeouts={timeouts} non200={non200} errors={errors} polls={polls} cpu_s={time.process_time():.2f}")


def stats(files):
    delays, timeouts = [], 0
    for name in files:
        with open(name) as f:
            for line in f:
                line = line.strip()
                if line == "timeout":
                    timeouts += 1
                elif line:
                    delays.append(float(line))
    # A probe that never saw its marker counts as infinitely stale.
    delays = sorted(delays + [float("inf")] * timeouts)
    print(f"probes={len(delays)} p50={percentile(delays, 50):.1f}ms p99={percentile(delays, 99):.1f}ms "
          f"max={(delays[-1] if delays else float('nan')):.1f}ms timeouts={timeouts}")


def main(argv):
    if len(argv) >= 6 and argv[0] == "write":
        write(argv[1], argv[2], int(argv[3]), int(argv[4]), float(argv[5]), float(argv[6]) if len(argv) > 6 else 50.0)
    elif len(argv) == 7 and argv[0] == "probe":
        probe(argv[1], argv[2], int(argv[3]), float(argv[4]), argv[5], argv[6])
    elif len(argv) >= 2 and argv[0] == "stats":
        stats(argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

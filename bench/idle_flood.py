#!/usr/bin/env python3
"""Half-open connection flood against a running cachet-server, and what a fresh client sees.

Opens N connections from loopback source addresses 127.0.1.x (PER_SOURCE each), sends each an
unfinished request head, holds them, and times GET / and GET /api/v1/ping from fresh
connections (from 127.0.0.1) while they are held. Prints the server's open file count (from
/proc/PID/fd), how many flood connections the server still held, and latency percentiles, or
how many fresh requests failed. Then sends SIGTERM while the flood is held and times the exit.

    bench/idle_flood.py HOST:PORT SERVER_PID [N] [PER_SOURCE] [HOLD_SECONDS]
"""

import asyncio
import os
import resource
import sys
import time

PARTIAL = b"GET / HTTP/1.1\r\nHost: flood.example\r\nX-Slow: "


async def open_one(host, port, source):
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, local_addr=(source, 0)), timeout=5)
        writer.write(PARTIAL)
        await writer.drain()
        return reader, writer
    except (OSError, asyncio.TimeoutError):
        return None


async def fresh_get(host, port, path):
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, local_addr=("127.0.0.1", 0)), timeout=5)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout=5)
        writer.close()
        if not data.startswith(b"HTTP/1.1 200"):
            return None
        return time.perf_counter() - started
    except (OSError, asyncio.TimeoutError):
        return None


def still_open(conns):
    """Flood connections the server has not closed (a closed one reads EOF at once)."""
    alive = 0
    for c in conns:
        if c is not None and not c[0].at_eof():
            alive += 1
    return alive


def percentile(sorted_times, p):
    return sorted_times[min(len(sorted_times) - 1, int(len(sorted_times) * p))] * 1000


async def main():
    target, pid = sys.argv[1], int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    per_source = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    hold = float(sys.argv[5]) if len(sys.argv) > 5 else 5
    host, port = target.rsplit(":", 1)
    port = int(port)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    conns = []
    for start in range(0, count, 500):
        batch = [open_one(host, port, f"127.0.{1 + (i // per_source) // 250}.{1 + (i // per_source) % 250}")
                 for i in range(start, min(count, start + 500))]
        conns.extend(await asyncio.gather(*batch))
    opened = sum(1 for c in conns if c is not None)
    await asyncio.sleep(0.5)
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    results = {}
    deadline = time.perf_counter() + hold
    for path in ["/", "/api/v1/ping"]:
        times, failed = [], 0
        while time.perf_counter() < deadline or len(times) + failed < 20:
            t = await fresh_get(host, port, path)
            if t is None:
                failed += 1
            else:
                times.append(t)
            if len(times) + failed >= 200:
                break
        results[path] = (sorted(times), failed)
    await asyncio.sleep(0.2)
    alive = still_open(conns)
    print(f"flood: {opened} of {count} connections opened, {alive} still held by the server; server open files: {fds}")
    for path, (times, failed) in results.items():
        if times:
            print(f"GET {path} from a fresh client: {len(times)} ok, {failed} failed; "
                  f"p50 {percentile(times, 0.5):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, max {times[-1] * 1000:.1f} ms")
        else:
            print(f"GET {path} from a fresh client: 0 ok, {failed} failed (no answer within 5 s)")
    # SIGTERM while the flood is still held: how long until the process is gone.
    os.kill(pid, 15)
    started = time.perf_counter()
    while time.perf_counter() - started < 30:
        try:
            with open(f"/proc/{pid}/status") as f:
                if "\nState:\tZ" in f.read():
                    break
        except FileNotFoundError:
            break
        await asyncio.sleep(0.05)
    else:
        print("SIGTERM with the flood held: still running after 30 s")
        started = None
    if started is not None:
        print(f"SIGTERM with the flood held: exited after {(time.perf_counter() - started) * 1000:.0f} ms")
    for c in conns:
        if c is not None:
            c[1].close()


asyncio.run(main())

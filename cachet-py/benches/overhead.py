"""The Python side of the overhead figures: calls per second of ``components.list()`` (first page
of 20, out of 50 components) and ``incidents.create()`` on a temporary SQLite file, the same work
``examples/overhead.rs`` does in Rust. Build with ``maturin develop --release`` first.

    python cachet-py/benches/overhead.py [seconds]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import cachet


def rate(budget: float, f: Callable[[], object]) -> float:
    """Calls per second of ``f`` over about ``budget`` seconds."""
    calls = 0
    start = time.perf_counter()
    while time.perf_counter() - start < budget:
        f()
        calls += 1
    return calls / (time.perf_counter() - start)


def main() -> None:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    with tempfile.TemporaryDirectory() as tmp, cachet.Cachet(f"sqlite://{Path(tmp) / 'bench.db'}") as c:
        for i in range(50):
            c.components.create(f"svc-{i}", cachet.ComponentStatus.OPERATIONAL)
        listing = rate(budget, c.components.list)
        creating = rate(budget, lambda: c.incidents.create("Outage", cachet.IncidentStatus.INVESTIGATING,
                                                            "Looking into it"))
    print(f"python components.list  {listing:>10.0f} calls/s")
    print(f"python incidents.create {creating:>10.0f} calls/s")


if __name__ == "__main__":
    main()

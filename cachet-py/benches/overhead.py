"""The Python side of the overhead figures: calls per second of ``components.list()`` (first page
of 20, out of 50 components) and ``incidents.create()`` on a temporary SQLite file, the same work
``examples/overhead.rs`` does in Rust. Build with ``maturin develop --release`` first.

    python cachet-py/benches/overhead.py [seconds per round]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import cachet


ROUNDS = 5  # the best round is reported, as the machine may be busy with other work


def rate(budget: float, f: Callable[[], object]) -> float:
    """The best calls per second of ``f`` over ``ROUNDS`` rounds of about ``budget`` seconds."""
    best = 0.0
    for _ in range(ROUNDS):
        calls = 0
        start = time.perf_counter()
        while time.perf_counter() - start < budget:
            f()
            calls += 1
        best = max(best, calls / (time.perf_counter() - start))
    return best


def main() -> None:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
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

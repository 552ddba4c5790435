"""One Cachet object shared by many threads."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import cachet
from conftest import Database


def test_threads_share_one_handle_for_writes_and_reads(c: cachet.Cachet) -> None:
    def work(i: int) -> int:
        made = c.components.create(f"svc-{i}", i % 5)
        c.components.set_status(made.id, cachet.ComponentStatus.OPERATIONAL, reason=f"thread {i}")
        return c.components.get(made.id).id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(work, range(40)))
    assert len(set(ids)) == 40
    page = c.components.list(per_page=100)
    assert page.total == 40
    assert {x.status for x in page} == {cachet.ComponentStatus.OPERATIONAL}


def test_threads_run_while_another_waits_on_the_database(c: cachet.Cachet) -> None:
    # Reads from many threads at once complete, and each sees the same data.
    c.incidents.create("Outage", cachet.IncidentStatus.INVESTIGATING, "Looking into it")
    with ThreadPoolExecutor(max_workers=8) as pool:
        totals = list(pool.map(lambda _: c.incidents.list().total, range(32)))
    assert totals == [1] * 32


def test_the_gil_is_released_while_a_call_waits_on_the_database(database: Database) -> None:
    # Another connection holds SQLite's write lock, so a write through cachet waits (busy_timeout).
    # If that wait held the GIL, this thread could not run any Python until it ended.
    if database.backend != "sqlite":
        pytest.skip("uses SQLite's file lock to make a call wait")
    path = database.url[len("sqlite://"):]
    with database.open() as c:
        c.components.create("API")
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        writer = threading.Thread(target=lambda: c.components.create("Waiting"))
        writer.start()
        time.sleep(0.2)
        started = time.perf_counter()
        spins = sum(1 for _ in range(200_000))  # pure Python: needs the GIL
        spent = time.perf_counter() - started
        assert writer.is_alive(), "the write should still be waiting on the lock"
        blocker.execute("ROLLBACK")
        blocker.close()
        writer.join(timeout=15)
        assert spins == 200_000 and spent < 5
        assert [x.name for x in c.components.list(sort="id")] == ["API", "Waiting"]

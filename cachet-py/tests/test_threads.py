"""One Cachet object shared by many threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import cachet


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

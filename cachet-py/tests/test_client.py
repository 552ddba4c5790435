"""The Cachet handle: opening, closing, the banner and uptime."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

import cachet
from conftest import Database


def test_sqlite_url_with_three_slashes_opens_an_absolute_path(tmp_path: Path) -> None:
    path = tmp_path / "status.db"
    absolute = str(path).lstrip("/")
    with cachet.Cachet(f"sqlite:///{absolute}") as c:
        c.components.create("API")
    assert path.exists()
    with cachet.Cachet(f"sqlite:////{absolute}") as again:  # SQLAlchemy's spelling works too
        assert [x.name for x in again.components.list()] == ["API"]


def test_handle_reports_backend_and_hides_password(database: Database) -> None:
    with database.open() as c:
        assert c.backend == database.backend
        assert "***" not in c.url or ":***@" in c.url
        assert repr(c).startswith("Cachet(")


def test_context_manager_closes_the_handle(database: Database) -> None:
    with database.open() as c:
        assert not c.closed
    assert c.closed
    with pytest.raises(cachet.CachetError, match="closed"):
        c.components.list()


def test_close_twice_is_harmless(database: Database) -> None:
    c = database.open()
    c.close()
    c.close()
    assert c.closed


def test_ping_and_revision_answer(c: cachet.Cachet) -> None:
    c.ping()
    before = c.revision()
    c.components.create("API")
    assert c.revision() > before


def test_unsupported_scheme_is_a_database_error() -> None:
    with pytest.raises(cachet.DatabaseError, match="unsupported scheme"):
        cachet.Cachet("redis://localhost")


def test_unreachable_server_is_a_database_error() -> None:
    with pytest.raises(cachet.DatabaseError):
        cachet.Cachet("postgres://nobody@127.0.0.1:1/none", timeout=1.0)


def test_bad_pool_size_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        cachet.Cachet(f"sqlite://{tmp_path / 'x.db'}", pool_size=0)
    assert err.value.field == "pool_size"


def test_status_is_green_when_everything_is_operational(c: cachet.Cachet) -> None:
    c.components.create("API", cachet.ComponentStatus.OPERATIONAL)
    status = c.status()
    assert (status.status, status.message, status.under_maintenance) == ("success", "System operational", False)
    assert status.to_dict() == {"status": "success", "message": "System operational", "under_maintenance": False}


def test_status_turns_red_on_a_major_outage(c: cachet.Cachet) -> None:
    c.components.create("API", cachet.ComponentStatus.MAJOR_OUTAGE)
    assert c.status().status == "danger"


def test_status_reports_maintenance_in_progress(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    window = c.schedules.create("Upgrade", start, components=[api.id])
    c.schedules.start(window.id)
    assert c.status().under_maintenance is True


def test_uptime_counts_seconds_per_status(c: cachet.Cachet) -> None:
    api = c.components.create("API", cachet.ComponentStatus.OPERATIONAL)
    time.sleep(1.1)  # uptime counts whole seconds since the component was created
    today = dt.datetime.now(dt.timezone.utc).date()
    days = c.uptime(api.id, today - dt.timedelta(days=1), today)
    assert [d.date for d in days] == [today - dt.timedelta(days=1), today]
    assert days[0].uptime is None and days[0].worst is None
    assert days[1].worst is cachet.ComponentStatus.OPERATIONAL
    assert days[1].uptime == 100.0
    assert set(days[1].seconds) == set(cachet.ComponentStatus)
    assert days[1].to_dict()["date"] == today


def test_uptime_rejects_an_unknown_time_zone(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    today = dt.date.today()
    with pytest.raises(cachet.ValidationError) as err:
        c.uptime(api.id, today, today, tz="Mars/Olympus")
    assert err.value.field == "tz"


def test_uptime_of_a_missing_component_is_not_found(c: cachet.Cachet) -> None:
    today = dt.date.today()
    with pytest.raises(cachet.NotFoundError):
        c.uptime(999, today, today)

"""Schedules, metrics and points, subscribers, settings and tokens."""

from __future__ import annotations

import datetime as dt

import pytest

import cachet
from cachet import MetricCalcType, MetricView, MetricVisibility, ScheduleStatus

NOW = dt.datetime.now(dt.timezone.utc)


def test_schedule_lifecycle(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    window = c.schedules.create("Upgrade", NOW + dt.timedelta(days=1), message="DB upgrade",
                                completed_at=NOW + dt.timedelta(days=1, hours=2), components=[api.id])
    assert (window.status, window.components) == (ScheduleStatus.UPCOMING, [api.id])
    assert c.schedules.start(window.id).status is ScheduleStatus.IN_PROGRESS
    assert c.schedules.complete(window.id).status is ScheduleStatus.COMPLETE
    assert c.schedules.update(window.id, name="Big upgrade").name == "Big upgrade"
    assert [s.name for s in c.schedules.list(status=ScheduleStatus.COMPLETE)] == ["Big upgrade"]
    assert c.schedules.get(window.id).message == "DB upgrade"
    c.schedules.delete(window.id)
    with pytest.raises(cachet.NotFoundError):
        c.schedules.get(window.id)


def test_schedule_ending_before_it_starts_is_rejected(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        c.schedules.create("Backwards", NOW, completed_at=NOW - dt.timedelta(hours=1))
    assert err.value.field == "completed_at"


def test_metric_lifecycle(c: cachet.Cachet) -> None:
    m = c.metrics.create("Latency", "ms", calc_type=MetricCalcType.AVERAGE, default_view=MetricView.LAST_HOUR,
                         visible=MetricVisibility.HIDDEN, places=1)
    assert (m.calc_type, m.default_view, m.visible, m.places) == (
        MetricCalcType.AVERAGE, MetricView.LAST_HOUR, MetricVisibility.HIDDEN, 1)
    assert c.metrics.get(m.id).suffix == "ms"
    assert c.metrics.update(m.id, suffix="s", threshold=10).threshold == 10
    assert [x.name for x in c.metrics.list(sort="name")] == ["Latency"]
    c.metrics.delete(m.id)
    with pytest.raises(cachet.NotFoundError):
        c.metrics.get(m.id)


def test_metric_with_bad_threshold_names_the_field(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        c.metrics.create("Latency", "ms", threshold=7)
    assert err.value.field == "threshold"


def test_metric_points_lifecycle(c: cachet.Cachet) -> None:
    m = c.metrics.create("Latency", "ms")
    at = dt.datetime(2025, 1, 1, 12, 0, 10, tzinfo=dt.timezone.utc)
    p = c.metric_points.create(m.id, 42.0, at)
    assert (p.metric_id, p.value, p.counter, p.calculated_value) == (m.id, 42.0, 1, 42.0)
    assert p.created_at == dt.datetime(2025, 1, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert c.metric_points.get(m.id, p.id).value == 42.0
    assert c.metric_points.update(m.id, p.id, value=7.5).value == 7.5
    assert [x.id for x in c.metric_points.list(m.id)] == [p.id]
    between = c.metric_points.between(m.id, at - dt.timedelta(hours=1), at + dt.timedelta(hours=1))
    assert [x.id for x in between] == [p.id]
    c.metric_points.delete(m.id, p.id)
    with pytest.raises(cachet.NotFoundError):
        c.metric_points.get(m.id, p.id)


def test_subscriber_lifecycle(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    s = c.subscribers.create("Ops@Example.com", components=[api.id])
    assert (s.email, s.is_global, s.verified_at) == ("ops@example.com", False, None)
    assert [x.component_id for x in s.subscriptions] == [api.id]
    assert c.subscribers.create("ops@example.com").id == s.id
    assert c.subscribers.verify(s.id).verified_at is not None
    assert c.subscribers.find("ops@example.com").id == s.id
    assert c.subscribers.list().total == 1
    c.subscribers.unsubscribe(s.subscriptions[0].id)
    assert c.subscribers.get(s.id).subscriptions == []
    c.subscribers.delete(s.id)
    with pytest.raises(cachet.NotFoundError):
        c.subscribers.get(s.id)


def test_subscriber_with_a_bad_address_names_the_field(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        c.subscribers.create("not-an-address")
    assert err.value.field == "email"


def test_settings_are_typed_and_validated(c: cachet.Cachet) -> None:
    assert c.settings.get("app_name") == "Cachet"
    assert c.settings.set("app_name", "Acme Status") == "Acme Status"
    assert c.settings.set("always_authenticate", True) == "1"
    assert c.settings.get_bool("always_authenticate") is True
    assert c.settings.set("app_incident_days", 14) == "14"
    assert c.settings.list()["app_incident_days"] == "14"
    assert c.settings.get("nothing_here", "fallback") == "fallback"
    c.settings.delete("app_name")
    assert c.settings.get("app_name") == "Cachet"


def test_bad_setting_value_names_the_key(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        c.settings.set("app_timezone", "Mars/Olympus")
    assert err.value.field == "app_timezone"
    with pytest.raises(TypeError):
        c.settings.set("app_name", ["x"])  # type: ignore[arg-type]


def test_token_secret_authenticates_until_revoked(c: cachet.Cachet) -> None:
    issued = c.tokens.create("deploy-bot")
    assert issued.secret not in repr(issued)
    assert c.tokens.authenticate(issued.secret).name == "deploy-bot"
    assert [t.name for t in c.tokens.list()] == ["deploy-bot"]
    assert c.tokens.revoke("deploy-bot").revoked_at is not None
    with pytest.raises(cachet.AuthenticationError):
        c.tokens.authenticate(issued.secret)


def test_duplicate_token_name_is_a_conflict(c: cachet.Cachet) -> None:
    c.tokens.create("deploy-bot")
    with pytest.raises(cachet.ConflictError):
        c.tokens.create("deploy-bot")

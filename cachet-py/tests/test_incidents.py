"""Incidents and their updates."""

from __future__ import annotations

import datetime as dt

import pytest

import cachet
from cachet import ComponentStatus, IncidentStatus


def test_incident_sets_the_status_of_affected_components(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    inc = c.incidents.create("API down", IncidentStatus.INVESTIGATING, "Looking into it",
                             components={api.id: ComponentStatus.MAJOR_OUTAGE})
    assert inc.status is IncidentStatus.INVESTIGATING and not inc.is_resolved
    assert [(a.component_id, a.status) for a in inc.components] == [(api.id, ComponentStatus.MAJOR_OUTAGE)]
    assert c.components.get(api.id).status is ComponentStatus.MAJOR_OUTAGE


def test_occurred_at_is_converted_to_utc(c: cachet.Cachet) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    inc = c.incidents.create("Old", 4, "done", occurred_at=dt.datetime(2024, 3, 1, 13, 0, tzinfo=paris))
    assert inc.occurred_at == dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert inc.occurred_at.tzinfo == dt.timezone.utc


def test_naive_datetime_is_rejected(c: cachet.Cachet) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        c.incidents.create("Old", 4, "done", occurred_at=dt.datetime(2024, 3, 1, 12, 0))


def test_update_adds_an_update_and_moves_the_status(c: cachet.Cachet) -> None:
    inc = c.incidents.create("API down", 1, "Looking")
    update = c.incidents.update(inc.id, IncidentStatus.IDENTIFIED, "Found it")
    assert (update.incident_id, update.status, update.message) == (inc.id, IncidentStatus.IDENTIFIED, "Found it")
    again = c.incidents.get(inc.id)
    assert again.status is IncidentStatus.IDENTIFIED
    assert [u.message for u in again.updates] == ["Found it"]
    assert again.to_dict()["updates"][0]["message"] == "Found it"


def test_resolve_fixes_the_incident_and_restores_components(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    inc = c.incidents.create("API down", 1, "Looking", components={api.id: 4})
    done = c.incidents.resolve(inc.id, "Back to normal")
    assert done.is_resolved and done.status is IncidentStatus.FIXED
    assert c.components.get(api.id).status is ComponentStatus.OPERATIONAL


def test_edit_changes_the_incident_fields(c: cachet.Cachet) -> None:
    inc = c.incidents.create("API down", 1, "Looking")
    edited = c.incidents.edit(inc.id, name="API slow", stickied=True, meta={"ticket": "OPS-1"})
    assert (edited.name, edited.stickied, edited.meta) == ("API slow", True, {"ticket": "OPS-1"})


def test_list_filters_on_component_and_resolution(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    first = c.incidents.create("a", 1, "x", components={api.id: 3})
    c.incidents.create("b", 1, "x")
    c.incidents.resolve(first.id)
    assert [i.name for i in c.incidents.list(component=api.id)] == ["a"]
    assert [i.name for i in c.incidents.list(resolved=False)] == ["b"]
    assert [i.name for i in c.incidents.list(sort="name", order="desc")] == ["b", "a"]


def test_delete_removes_the_incident(c: cachet.Cachet) -> None:
    inc = c.incidents.create("a", 1, "x")
    c.incidents.delete(inc.id)
    with pytest.raises(cachet.NotFoundError):
        c.incidents.get(inc.id)


def test_incident_with_a_missing_component_names_the_field(c: cachet.Cachet) -> None:
    with pytest.raises((cachet.ValidationError, cachet.NotFoundError)):
        c.incidents.create("a", 1, "x", components={999: 4})


def test_incident_update_collection_lifecycle(c: cachet.Cachet) -> None:
    inc = c.incidents.create("a", 1, "x")
    u = c.incident_updates.create(inc.id, IncidentStatus.WATCHING, "Fix deployed")
    assert c.incident_updates.get(inc.id, u.id).message == "Fix deployed"
    changed = c.incident_updates.update(inc.id, u.id, status=IncidentStatus.FIXED, message="All good")
    assert (changed.status, changed.message) == (IncidentStatus.FIXED, "All good")
    page = c.incident_updates.list(inc.id)
    assert page.total == 1 and page[0].id == u.id
    c.incident_updates.delete(inc.id, u.id)
    with pytest.raises(cachet.NotFoundError):
        c.incident_updates.get(inc.id, u.id)


def test_update_with_status_zero_is_rejected(c: cachet.Cachet) -> None:
    inc = c.incidents.create("a", 1, "x")
    with pytest.raises(cachet.ValidationError) as err:
        c.incident_updates.create(inc.id, IncidentStatus.SCHEDULED, "no")
    assert err.value.field == "status"


def test_template_renders_the_incident_message(c: cachet.Cachet) -> None:
    t = c.templates.create("Outage", "{{ incident.name }} in {{ region }}")
    assert (t.slug, c.templates.get(t.id).template) == ("outage", "{{ incident.name }} in {{ region }}")
    inc = c.incidents.create("API down", 1, template=t.slug, vars={"region": "eu-west"})
    assert inc.message == "API down in eu-west"
    assert [x.slug for x in c.templates.list(sort="slug")] == ["outage"]
    c.templates.delete(t.id)
    with pytest.raises(cachet.NotFoundError):
        c.templates.get(t.id)


def test_duplicate_template_slug_is_a_conflict(c: cachet.Cachet) -> None:
    c.templates.create("Outage", "x")
    with pytest.raises(cachet.ConflictError):
        c.templates.create("outage", "y")

"""Components and groups."""

from __future__ import annotations

import datetime as dt

import pytest

import cachet
from cachet import ComponentStatus


def test_create_returns_a_typed_component(c: cachet.Cachet) -> None:
    api = c.components.create("API", ComponentStatus.PARTIAL_OUTAGE, description="Public API", tags=["Core Services"],
                              meta={"owner": "ops", "tier": 1})
    assert api.id > 0
    assert api.name == "API"
    assert api.status is ComponentStatus.PARTIAL_OUTAGE
    assert api.description == "Public API"
    assert [(t.slug, t.name) for t in api.tags] == [("core-services", "Core Services")]
    assert api.meta == {"owner": "ops", "tier": 1}
    assert api.enabled is True and api.group_id is None and api.link is None
    assert api.created_at.tzinfo is not None and api.created_at.utcoffset() == dt.timedelta(0)


def test_create_accepts_a_plain_int_status(c: cachet.Cachet) -> None:
    assert c.components.create("API", 4).status is ComponentStatus.MAJOR_OUTAGE


def test_out_of_range_status_is_a_value_error_naming_the_field(c: cachet.Cachet) -> None:
    with pytest.raises(ValueError) as err:
        c.components.create("API", 9)
    assert isinstance(err.value, cachet.ValidationError)
    assert err.value.field == "status"
    assert err.value.reason == "must be one of 0, 1, 2, 3, 4"


def test_status_of_the_wrong_type_is_a_type_error(c: cachet.Cachet) -> None:
    with pytest.raises(TypeError, match="status"):
        c.components.create("API", "operational")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        c.components.create("API", True)


def test_empty_name_is_a_validation_error(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        c.components.create("  ")
    assert err.value.field == "name"


def test_get_and_find_return_the_component(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    assert c.components.get(api.id).name == "API"
    assert c.components.find("API").id == api.id


def test_get_of_a_missing_component_is_not_found(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.NotFoundError) as err:
        c.components.get(404)
    assert isinstance(err.value, LookupError)
    assert (err.value.resource, err.value.id) == ("component", "404")


def test_list_filters_sorts_and_pages(c: cachet.Cachet) -> None:
    for name, status in [("b", 1), ("a", 4), ("c", 4)]:
        c.components.create(name, status)
    page = c.components.list(status=ComponentStatus.MAJOR_OUTAGE, sort="name", order="desc", per_page=1)
    assert (page.total, page.page, page.per_page, page.total_pages, page.has_next) == (2, 1, 1, 2, True)
    assert len(page) == 1 and page[0].name == "c" and [x.name for x in page] == ["c"]
    second = c.components.list(status=4, sort="name", order="desc", page=2, per_page=1)
    assert [x.name for x in second.items] == ["a"]
    assert "Page(page=2" in repr(second)


def test_list_by_group_and_ungrouped(c: cachet.Cachet) -> None:
    g = c.groups.create("Edge")
    c.components.create("CDN", group=g.id)
    c.components.create("API")
    assert [x.name for x in c.components.list(group=g.id)] == ["CDN"]
    assert [x.name for x in c.components.list(group=0)] == ["API"]


def test_list_rejects_an_unknown_sort_key(c: cachet.Cachet) -> None:
    with pytest.raises(cachet.ValidationError) as err:
        c.components.list(sort="colour")
    assert err.value.field == "sort"
    with pytest.raises(cachet.ValidationError) as err:
        c.components.list(order="sideways")
    assert err.value.field == "order"
    with pytest.raises(cachet.ValidationError) as err:
        c.components.list(page=0)
    assert err.value.field == "page"


def test_update_changes_only_given_fields(c: cachet.Cachet) -> None:
    g = c.groups.create("Edge")
    api = c.components.create("API", description="old", group=g.id)
    changed = c.components.update(api.id, name="Public API", enabled=False, group=0, link="https://example.com")
    assert (changed.name, changed.description, changed.enabled, changed.group_id, changed.link) == (
        "Public API", "old", False, None, "https://example.com")


def test_set_status_records_the_reason_in_the_history(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    assert c.components.set_status(api.id, ComponentStatus.MAJOR_OUTAGE, reason="probe failed").status == 4
    latest = c.components.history(api.id)[0]
    assert (latest.old_status, latest.new_status, latest.reason) == (1, ComponentStatus.MAJOR_OUTAGE, "probe failed")


def test_delete_removes_the_component(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    c.components.delete(api.id)
    with pytest.raises(cachet.NotFoundError):
        c.components.get(api.id)
    with pytest.raises(cachet.NotFoundError):
        c.components.delete(api.id)


def test_to_dict_and_repr(c: cachet.Cachet) -> None:
    api = c.components.create("API", tags=["db"])
    d = api.to_dict()
    assert d["name"] == "API" and d["status"] == 1 and d["tags"] == [{"slug": "db", "name": "db"}]
    assert set(d) >= {"id", "description", "link", "order", "group_id", "enabled", "meta", "created_at", "updated_at"}
    assert repr(api) == f"Component(id={api.id}, name='API', status=<ComponentStatus.OPERATIONAL: 1>, group_id=None)"


def test_records_are_read_only(c: cachet.Cachet) -> None:
    api = c.components.create("API")
    with pytest.raises(AttributeError):
        api.name = "x"  # type: ignore[misc]


def test_group_lifecycle(c: cachet.Cachet) -> None:
    g = c.groups.create("Edge", collapsed=cachet.GroupCollapsed.COLLAPSED_UNLESS_ISSUES, visible=True, order=2)
    assert (g.collapsed, g.visible, g.order) == (cachet.GroupCollapsed.COLLAPSED_UNLESS_ISSUES, True, 2)
    assert c.groups.get(g.id).name == "Edge" and c.groups.find("Edge").id == g.id
    assert c.groups.update(g.id, name="Network", visible=False).to_dict()["name"] == "Network"
    assert [x.name for x in c.groups.list(visible=False, sort="name")] == ["Network"]
    member = c.components.create("CDN", group=g.id)
    c.groups.delete(g.id)
    assert c.components.get(member.id).group_id is None
    with pytest.raises(cachet.NotFoundError):
        c.groups.get(g.id)


//! Incidents: defaults, affected components and their side effects, templates, listing and delete.

use cachet_core::model::*;
use serde_json::json;

use crate::util::{assert_invalid, assert_not_found, at, component, count_rows, exec_sql, store_at};

fn affecting(name: &str, affected: &[(i64, ComponentStatus)]) -> NewIncident {
    let mut input = NewIncident::new(name, IncidentStatus::Investigating, "Looking into it.");
    input.components =
        affected.iter().map(|&(component_id, status)| AffectedComponent { component_id, status }).collect();
    input
}

fn names(page: Page<Incident>) -> Vec<String> {
    page.items.into_iter().map(|i| i.name).collect()
}

cachet_core::backend_tests! {
    fn an_incident_is_created_with_cachet_defaults(store: &Store) {
        let store = store_at(store, "2026-03-04T10:20:30Z");
        let i = store.create_incident(NewIncident::new("Slow API", IncidentStatus::Identified, "We know why.")).unwrap();
        assert_eq!((i.name.as_str(), i.message.as_str(), i.status), ("Slow API", "We know why.", IncidentStatus::Identified));
        assert!(i.visible && i.notify && !i.stickied);
        assert!(!i.is_resolved);
        assert_eq!(i.occurred_at, at("2026-03-04T10:20:30Z"), "occurred_at defaults to now");
        assert_eq!(i.created_at, i.occurred_at);
        assert_eq!(i.component_id, 0);
        assert!(i.components.is_empty() && i.updates.is_empty());
        assert_eq!(store.incident(i.id).unwrap(), i);
    }

    fn an_incident_created_as_fixed_is_resolved(store: &Store) {
        let i = store.create_incident(NewIncident::new("Blip", IncidentStatus::Fixed, "Over.")).unwrap();
        assert!(i.is_resolved);
    }

    fn invalid_incidents_are_rejected(store: &Store) {
        assert_invalid(store.create_incident(NewIncident::new(" ", IncidentStatus::Investigating, "x")), "name");
        assert_invalid(store.create_incident(NewIncident::new("Down", IncidentStatus::Investigating, " ")), "message");
        let mut bad_meta = NewIncident::new("Down", IncidentStatus::Investigating, "x");
        bad_meta.meta = Some(json!("text"));
        assert_invalid(store.create_incident(bad_meta), "meta");
        let c = component(store, "API");
        let twice = affecting("Down", &[(c.id, ComponentStatus::MajorOutage), (c.id, ComponentStatus::PartialOutage)]);
        assert_invalid(store.create_incident(twice), "components");
        assert_invalid(store.create_incident(affecting("Down", &[(4242, ComponentStatus::MajorOutage)])), "component_id");
        let all = store.list_incidents(&IncidentQuery { viewer: Viewer::Authenticated, ..Default::default() }).unwrap();
        assert_eq!(all.total, 0);
    }

    fn an_affected_component_takes_the_incident_status_and_records_why(store: &Store) {
        let c = component(store, "API");
        let i = store.create_incident(affecting("Down", &[(c.id, ComponentStatus::MajorOutage)])).unwrap();
        assert_eq!(i.component_id, c.id);
        assert_eq!(i.components, [AffectedComponent { component_id: c.id, status: ComponentStatus::MajorOutage }]);
        assert_eq!(store.component(c.id).unwrap().status, ComponentStatus::MajorOutage);
        let latest = &store.status_history(c.id, 1).unwrap()[0];
        assert_eq!((latest.old_status, latest.new_status), (Some(ComponentStatus::Operational), ComponentStatus::MajorOutage));
        assert_eq!(latest.reason, format!("incident #{}", i.id));
    }

    fn several_affected_components_each_take_their_own_status(store: &Store) {
        let (a, b, c) = (component(store, "A"), component(store, "B"), component(store, "C"));
        let i = store
            .create_incident(affecting("Degraded", &[(b.id, ComponentStatus::PartialOutage), (a.id, ComponentStatus::PerformanceIssues)]))
            .unwrap();
        assert_eq!(i.component_id, b.id, "component_id is the first affected component");
        let ids: Vec<_> = i.components.iter().map(|x| x.component_id).collect();
        assert_eq!(ids, [a.id, b.id], "listed by component id");
        assert_eq!(store.component(a.id).unwrap().status, ComponentStatus::PerformanceIssues);
        assert_eq!(store.component(b.id).unwrap().status, ComponentStatus::PartialOutage);
        assert_eq!(store.component(c.id).unwrap().status, ComponentStatus::Operational);
        for id in [a.id, b.id] {
            assert_eq!(store.status_history(id, 1).unwrap()[0].reason, format!("incident #{}", i.id));
        }
        assert_eq!(store.status_history(c.id, 10).unwrap().len(), 1, "an unaffected component has only its creation");
    }

    fn a_template_renders_the_message_from_vars_and_the_incident(store: &Store) {
        let c = component(store, "Search");
        store.create_template("Service Down", "{{ incident.name }}: {{ incident.component.name }} is down ({{ cause | upper }}).").unwrap();
        let mut input = affecting("Outage", &[(c.id, ComponentStatus::MajorOutage)]);
        input.message = String::new();
        input.template = Some("service-down".into());
        input.vars = Some(json!({"cause": "disk full"}));
        let i = store.create_incident(input).unwrap();
        assert_eq!(i.message, "Outage: Search is down (DISK FULL).");
    }

    fn an_unknown_template_slug_keeps_the_message(store: &Store) {
        let mut input = NewIncident::new("Outage", IncidentStatus::Investigating, "Written by hand.");
        input.template = Some("no-such-template".into());
        assert_eq!(store.create_incident(input).unwrap().message, "Written by hand.");
    }

    fn template_vars_must_be_an_object(store: &Store) {
        store.create_template("Plain", "{{ x }}").unwrap();
        let mut input = NewIncident::new("Outage", IncidentStatus::Investigating, "m");
        input.template = Some("plain".into());
        input.vars = Some(json!([1]));
        assert_invalid(store.create_incident(input), "vars");
    }

    fn updating_an_incident_replaces_the_affected_set(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let i = store.create_incident(affecting("Down", &[(a.id, ComponentStatus::MajorOutage)])).unwrap();
        let u = store
            .update_incident(i.id, IncidentPatch {
                components: Some(vec![AffectedComponent { component_id: b.id, status: ComponentStatus::PartialOutage }]),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(u.components, [AffectedComponent { component_id: b.id, status: ComponentStatus::PartialOutage }]);
        assert_eq!(u.component_id, b.id);
        assert_eq!(store.component(b.id).unwrap().status, ComponentStatus::PartialOutage);
        assert_eq!(u.name, "Down", "other fields are kept");
        let cleared = store.update_incident(i.id, IncidentPatch { components: Some(vec![]), ..Default::default() }).unwrap();
        assert!(cleared.components.is_empty());
        assert_eq!(cleared.component_id, 0);
    }

    fn updating_an_incident_changes_only_the_given_fields(store: &Store) {
        let i = store.create_incident(NewIncident::new("Down", IncidentStatus::Investigating, "m")).unwrap();
        let u = store
            .update_incident(i.id, IncidentPatch {
                status: Some(IncidentStatus::Fixed),
                stickied: Some(true),
                meta: Some(json!({"ticket": "OPS-1"})),
                ..Default::default()
            })
            .unwrap();
        assert_eq!((u.status, u.stickied, u.is_resolved), (IncidentStatus::Fixed, true, true));
        assert_eq!(u.meta, Some(json!({"ticket": "OPS-1"})));
        assert_eq!((u.name.as_str(), u.message.as_str(), u.visible), ("Down", "m", true));
        assert_invalid(store.update_incident(i.id, IncidentPatch { message: Some("".into()), ..Default::default() }), "message");
        assert_not_found(store.update_incident(9999, IncidentPatch::default()));
    }

    fn meta_round_trips(store: &Store) {
        let mut input = NewIncident::new("Down", IncidentStatus::Investigating, "m");
        input.meta = Some(json!({"source": "pagerduty", "id": 42}));
        let i = store.create_incident(input).unwrap();
        assert_eq!(store.incident(i.id).unwrap().meta, Some(json!({"source": "pagerduty", "id": 42})));
    }

    fn guests_do_not_see_hidden_incidents(store: &Store) {
        let mut hidden = NewIncident::new("Internal", IncidentStatus::Investigating, "m");
        hidden.visible = false;
        let hidden = store.create_incident(hidden).unwrap();
        store.create_incident(NewIncident::new("Public", IncidentStatus::Investigating, "m")).unwrap();
        assert_eq!(names(store.list_incidents(&IncidentQuery::default()).unwrap()), ["Public"]);
        let all = store.list_incidents(&IncidentQuery { viewer: Viewer::Authenticated, ..Default::default() }).unwrap();
        assert_eq!(names(all), ["Internal", "Public"]);
        assert_eq!(store.incident(hidden.id).unwrap().name, "Internal", "fetching by id is not filtered");
    }

    fn incident_listing_filters_on_every_field(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let mut one = affecting("one", &[(a.id, ComponentStatus::MajorOutage)]);
        one.occurred_at = Some(at("2026-01-01T00:00:00Z"));
        one.user_id = Some(7);
        store.create_incident(one).unwrap();
        let mut two = affecting("two", &[(b.id, ComponentStatus::PartialOutage), (a.id, ComponentStatus::PartialOutage)]);
        two.status = IncidentStatus::Fixed;
        two.occurred_at = Some(at("2026-02-01T00:00:00Z"));
        two.stickied = true;
        store.create_incident(two).unwrap();
        let mut three = NewIncident::new("three", IncidentStatus::Watching, "m");
        three.occurred_at = Some(at("2026-03-01T00:00:00Z"));
        three.visible = false;
        store.create_incident(three).unwrap();

        let list = |q: IncidentQuery| names(store.list_incidents(&IncidentQuery { viewer: Viewer::Authenticated, ..q }).unwrap());
        assert_eq!(list(IncidentQuery { component_id: Some(a.id), ..Default::default() }), ["one", "two"]);
        assert_eq!(list(IncidentQuery { component_id: Some(b.id), ..Default::default() }), ["two"]);
        assert_eq!(list(IncidentQuery { status: Some(IncidentStatus::Fixed), ..Default::default() }), ["two"]);
        assert_eq!(list(IncidentQuery { resolved: Some(false), ..Default::default() }), ["one", "three"]);
        assert_eq!(list(IncidentQuery { visible: Some(false), ..Default::default() }), ["three"]);
        assert_eq!(list(IncidentQuery { stickied: Some(true), ..Default::default() }), ["two"]);
        assert_eq!(list(IncidentQuery { user_id: Some(7), ..Default::default() }), ["one"]);
        assert_eq!(list(IncidentQuery { name: Some("three".into()), ..Default::default() }), ["three"]);
        assert_eq!(
            list(IncidentQuery {
                occurred_after: Some(at("2026-01-15T00:00:00Z")),
                occurred_before: Some(at("2026-03-01T00:00:00Z")),
                ..Default::default()
            }),
            ["two"],
            "after is inclusive, before exclusive"
        );
    }

    fn incident_listing_sorts_and_pages(store: &Store) {
        for (name, day) in [("b", "02"), ("c", "01"), ("a", "03")] {
            let mut input = NewIncident::new(name, IncidentStatus::Investigating, "m");
            input.occurred_at = Some(at(&format!("2026-01-{day}T00:00:00Z")));
            store.create_incident(input).unwrap();
        }
        let list = |q: IncidentQuery| store.list_incidents(&q).unwrap();
        assert_eq!(names(list(IncidentQuery::default())), ["b", "c", "a"], "by id by default");
        let newest = IncidentQuery { sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)), ..Default::default() };
        assert_eq!(names(list(newest.clone())), ["a", "b", "c"]);
        assert_eq!(names(list(IncidentQuery { sort: Some((IncidentSort::Name, SortOrder::Asc)), ..Default::default() })), ["a", "b", "c"]);
        let page = list(IncidentQuery { page: PageRequest::new(2, 2), ..newest });
        assert_eq!((page.total, page.page, page.per_page, page.total_pages()), (3, 2, 2, 2));
        assert_eq!(names(page), ["c"]);
        let beyond = list(IncidentQuery { page: PageRequest::new(5, 2), ..Default::default() });
        assert!(beyond.items.is_empty());
        assert_eq!(beyond.total, 3);
    }

    fn listing_totals_follow_creates_visibility_changes_and_deletes(store: &Store) {
        let totals = |visible: Option<bool>| {
            let guest = store.list_incidents(&IncidentQuery { visible, ..Default::default() }).unwrap().total;
            let signed_in = store.list_incidents(&IncidentQuery { visible, viewer: Viewer::Authenticated, ..Default::default() });
            (guest, signed_in.unwrap().total)
        };
        let mut ids = Vec::new();
        for (i, visible) in [true, true, true, false, false].into_iter().enumerate() {
            let input = NewIncident { visible, ..NewIncident::new(format!("i{i}"), IncidentStatus::Investigating, "m") };
            ids.push(store.create_incident(input).unwrap().id);
        }
        assert_eq!((totals(None), totals(Some(false)), totals(Some(true))), ((3, 5), (0, 2), (3, 3)));

        store.update_incident(ids[0], IncidentPatch { visible: Some(false), ..Default::default() }).unwrap();
        store.update_incident(ids[1], IncidentPatch { visible: Some(true), name: Some("same".into()), ..Default::default() }).unwrap();
        assert_eq!((totals(None), totals(Some(false))), ((2, 5), (0, 3)));
        store.delete_incident(ids[3]).unwrap();
        store.delete_incident(ids[1]).unwrap();
        assert_eq!(totals(None), (1, 3));
        assert_invalid(store.create_incident(affecting("bad", &[(4242, ComponentStatus::MajorOutage)])), "component_id");
        assert_eq!(totals(None), (1, 3), "a rolled-back insert is not counted");
        assert_eq!(count_rows(store, "incidents"), 3);
        // A filter other than visibility counts rows.
        assert_eq!(store.list_incidents(&IncidentQuery { name: Some("i2".into()), ..Default::default() }).unwrap().total, 1);
    }

    fn rows_written_behind_the_store_are_counted(store: &Store) {
        let row = "(0, 'raw', 1, TRUE, FALSE, FALSE, FALSE, 'm', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')";
        exec_sql(store, &format!(
            "INSERT INTO incidents (component_id, name, status, visible, stickied, notify, is_resolved, message, \
             occurred_at, created_at, updated_at) VALUES {row}, {row}, {}",
            row.replace("TRUE", "FALSE")
        ));
        let all = IncidentQuery { viewer: Viewer::Authenticated, ..Default::default() };
        assert_eq!(store.list_incidents(&IncidentQuery::default()).unwrap().total, 2);
        assert_eq!(store.list_incidents(&all).unwrap().total, 3);
        exec_sql(store, "UPDATE incidents SET visible = TRUE");
        assert_eq!(store.list_incidents(&IncidentQuery::default()).unwrap().total, 3);
        exec_sql(store, "DELETE FROM incidents WHERE visible = TRUE");
        assert_eq!(store.list_incidents(&all).unwrap().total, 0);
    }

    fn deleting_an_incident_removes_its_updates_and_keeps_component_statuses(store: &Store) {
        let c = component(store, "API");
        let i = store.create_incident(affecting("Down", &[(c.id, ComponentStatus::MajorOutage)])).unwrap();
        let u = store
            .create_incident_update(i.id, NewIncidentUpdate { status: IncidentStatus::Identified, message: "found".into(), user_id: None })
            .unwrap();
        store.delete_incident(i.id).unwrap();
        assert_not_found(store.incident(i.id));
        assert_not_found(store.incident_update(i.id, u.id));
        assert_eq!(count_rows(store, "incident_updates"), 0);
        assert_eq!(count_rows(store, "incident_components"), 0);
        assert_eq!(store.component(c.id).unwrap().status, ComponentStatus::MajorOutage);
        assert_not_found(store.delete_incident(i.id));
    }

    fn resolving_adds_a_fixed_update_and_makes_components_operational(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let i = store
            .create_incident(affecting("Down", &[(a.id, ComponentStatus::MajorOutage), (b.id, ComponentStatus::PartialOutage)]))
            .unwrap();
        let r = store.resolve_incident(i.id, "All good now.").unwrap();
        assert_eq!(r.status, IncidentStatus::Fixed);
        assert!(r.is_resolved);
        assert_eq!(r.updates.len(), 1);
        assert_eq!((r.updates[0].status, r.updates[0].message.as_str()), (IncidentStatus::Fixed, "All good now."));
        for id in [a.id, b.id] {
            assert_eq!(store.component(id).unwrap().status, ComponentStatus::Operational);
            assert_eq!(store.status_history(id, 1).unwrap()[0].reason, format!("incident #{} resolved", i.id));
        }
        assert!(!store.has_unresolved_incident().unwrap());
    }

    fn resolving_needs_a_message_and_an_existing_incident(store: &Store) {
        let i = store.create_incident(NewIncident::new("Down", IncidentStatus::Investigating, "m")).unwrap();
        assert_invalid(store.resolve_incident(i.id, "  "), "message");
        assert_not_found(store.resolve_incident(9999, "done"));
        assert!(!store.incident(i.id).unwrap().is_resolved);
    }
}

//! What guests see, by id and in listings: no disabled component, no component of a hidden
//! group, no hidden group, no metric that is not public and no hidden incident; a valid token
//! sees everything.

use cachet_core::model::*;
use cachet_core::{Error, Store};

use crate::util::{assert_not_found, component};

/// A visible and a hidden group, with an enabled member each, a disabled component, an
/// ungrouped enabled one, and metrics of each visibility.
struct Page {
    shown_group: i64,
    hidden_group: i64,
    in_shown: i64,
    in_hidden: i64,
    disabled: i64,
    ungrouped: i64,
    public_metric: i64,
    private_metrics: [i64; 2],
    hidden_incident: i64,
}

fn arrange(store: &Store) -> Page {
    let shown = store.create_group(NewGroup { visible: true, ..NewGroup::new("Shown") }).unwrap();
    let hidden = store.create_group(NewGroup { visible: false, ..NewGroup::new("Hidden") }).unwrap();
    let member = |name: &str, group: i64| {
        let input = NewComponent { group_id: Some(group), ..NewComponent::new(name, ComponentStatus::Operational) };
        store.create_component(input).unwrap().id
    };
    let in_shown = member("In shown", shown.id);
    let in_hidden = member("In hidden", hidden.id);
    let disabled = store
        .create_component(NewComponent {
            enabled: false,
            ..NewComponent::new("Disabled", ComponentStatus::Operational)
        })
        .unwrap()
        .id;
    let ungrouped = component(store, "Ungrouped").id;
    let metric =
        |name: &str, visible| store.create_metric(NewMetric { visible, ..NewMetric::new(name, "ms") }).unwrap().id;
    let public_metric = metric("Public", MetricVisibility::Public);
    let private_metrics =
        [metric("Signed in", MetricVisibility::Authenticated), metric("Hidden", MetricVisibility::Hidden)];
    for id in [public_metric, private_metrics[0], private_metrics[1]] {
        store.add_metric_point(id, 1.0, None).unwrap();
    }
    let hidden_incident = store
        .create_incident(NewIncident {
            visible: false,
            ..NewIncident::new("Internal", IncidentStatus::Investigating, "m")
        })
        .unwrap()
        .id;
    Page {
        shown_group: shown.id,
        hidden_group: hidden.id,
        in_shown,
        in_hidden,
        disabled,
        ungrouped,
        public_metric,
        private_metrics,
        hidden_incident,
    }
}

cachet_core::backend_tests! {
    fn guests_are_told_what_they_may_not_see_does_not_exist(store: &Store) {
        let page = arrange(store);
        let guest = store.view(Viewer::Guest);
        for id in [page.in_shown, page.ungrouped] {
            assert_eq!(guest.component(id).unwrap().id, id);
        }
        for id in [page.in_hidden, page.disabled] {
            assert_not_found(guest.component(id));
            let day = store.now().date_naive();
            assert_not_found(guest.component_uptime(id, day, day, chrono_tz::UTC));
            assert_eq!(guest.component_if_visible(id).unwrap(), None);
        }
        assert_eq!(guest.group(page.shown_group).unwrap().id, page.shown_group);
        assert_not_found(guest.group(page.hidden_group));
        assert_eq!(guest.metric(page.public_metric).unwrap().id, page.public_metric);
        assert_eq!(guest.metric_points(page.public_metric, PageRequest::default()).unwrap().total, 1);
        for id in page.private_metrics {
            assert_not_found(guest.metric(id));
            assert_not_found(guest.metric_points(id, PageRequest::default()));
            assert_not_found(guest.metric_points_between(id, store.now() - chrono::Duration::hours(1), store.now()));
        }
        assert_not_found(guest.incident(page.hidden_incident));
        assert_not_found(guest.incident_updates(page.hidden_incident, None, PageRequest::default()));
        // Hidden things read exactly like ids that were never used.
        match (guest.component(page.disabled), guest.component(99_999)) {
            (Err(Error::NotFound { resource: a, id: x }), Err(Error::NotFound { resource: b, .. })) => {
                assert_eq!((a, x), (b, page.disabled.to_string()));
            }
            other => panic!("{other:?}"),
        }
    }

    fn a_valid_token_sees_everything_by_id(store: &Store) {
        let page = arrange(store);
        let signed_in = store.view(Viewer::Authenticated);
        for id in [page.in_shown, page.in_hidden, page.disabled, page.ungrouped] {
            assert_eq!(signed_in.component(id).unwrap().id, id);
            let day = store.now().date_naive();
            assert_eq!(signed_in.component_uptime(id, day, day, chrono_tz::UTC).unwrap().len(), 1);
        }
        for id in [page.shown_group, page.hidden_group] {
            assert_eq!(signed_in.group(id).unwrap().id, id);
        }
        for id in [page.public_metric, page.private_metrics[0], page.private_metrics[1]] {
            assert_eq!(signed_in.metric(id).unwrap().id, id);
            assert_eq!(signed_in.metric_points(id, PageRequest::default()).unwrap().total, 1);
        }
        assert_eq!(signed_in.incident(page.hidden_incident).unwrap().id, page.hidden_incident);
        assert_not_found(signed_in.component(99_999));
    }

    fn guest_listings_follow_the_same_rule(store: &Store) {
        let page = arrange(store);
        let ids = |viewer| {
            let q = ComponentQuery { viewer, ..Default::default() };
            store.list_components(&q).unwrap().items.into_iter().map(|c| c.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(Viewer::Guest), vec![page.in_shown, page.ungrouped]);
        assert_eq!(ids(Viewer::Authenticated), vec![page.in_shown, page.in_hidden, page.disabled, page.ungrouped]);
        let in_hidden_group = ComponentQuery { group_id: Some(Some(page.hidden_group)), ..Default::default() };
        assert_eq!(store.list_components(&in_hidden_group).unwrap().total, 0);
        let metrics = |viewer| store.list_metrics(&MetricQuery { viewer, ..Default::default() }).unwrap();
        let guest = metrics(Viewer::Guest);
        assert_eq!((guest.total, guest.items[0].id), (1, page.public_metric));
        assert_eq!(metrics(Viewer::Authenticated).total, 3);
        // The overview counts what a guest may see by id, and nothing else.
        let overview = store.status_overview(Viewer::Guest).unwrap();
        let counted: Vec<i64> = overview.components.iter().map(|c| c.component.id).collect();
        for id in counted {
            assert!(store.view(Viewer::Guest).component(id).is_ok(), "component {id}");
        }
    }
}

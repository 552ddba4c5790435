//! Export and import: every table, ids kept, and identical exports across backends.

use cachet_core::model::*;
use cachet_core::testing::{TestDb, configured_backends};
use cachet_core::{DataExport, SeedOptions, Store};
use serde_json::json;

use cachet_core::Error;

use crate::util::{assert_conflict, assert_invalid};

/// A little of everything, written through the ordinary API (so timestamps carry microseconds).
fn fill(store: &Store) {
    let group = store.create_group(NewGroup::new("Backend")).unwrap();
    let mut api = NewComponent::new("API", ComponentStatus::Operational);
    api.group_id = Some(group.id);
    api.tags = vec!["Core".into()];
    api.meta = Some(json!({"team": "core"}));
    let api = store.create_component(api).unwrap();
    let mut incident = NewIncident::new("Errors", IncidentStatus::Investigating, "Looking");
    incident.components = vec![AffectedComponent { component_id: api.id, status: ComponentStatus::MajorOutage }];
    let incident = store.create_incident(incident).unwrap();
    store.resolve_incident(incident.id, "Fixed").unwrap();
    let mut window = NewSchedule::new("Upgrade", store.now());
    window.components = vec![api.id];
    store.create_schedule(window).unwrap();
    let metric = store.create_metric(NewMetric::new("Latency", "ms")).unwrap();
    store.add_metric_point(metric.id, 12.5, None).unwrap();
    store
        .create_subscriber(NewSubscriber {
            email: "ops@example.com".into(),
            components: Some(vec![api.id]),
            ..Default::default()
        })
        .unwrap();
    store.set_setting("app_name", "Example").unwrap();
    store.create_token("deploy").unwrap();
    store.create_template("Outage", "{{ name }} is down").unwrap();
    store.seed(&SeedOptions { components: 3, groups: 1, incidents: 25, days: 10, metric_points: 5, seed: 4 }).unwrap();
}

cachet_core::backend_tests! {
    fn an_export_holds_every_table(store: &Store) {
        fill(store);
        let data = store.export_data().unwrap();
        assert_eq!(data.format, cachet_core::EXPORT_FORMAT);
        assert_eq!(data.components.len(), 4);
        assert_eq!(data.component_tags.len(), 1);
        assert_eq!(data.incidents.len(), 26);
        assert_eq!(data.subscriptions.len(), 1);
        assert_eq!(data.api_tokens.len(), 1);
        assert_eq!(data.incident_templates.len(), 1);
        assert!(data.settings.iter().any(|s| s.name == "app_name" && s.value == "Example"));
    }

    fn an_import_into_sqlite_exports_identically(store: &Store) {
        fill(store);
        let original = store.export_data().unwrap();
        let copy = TestDb::new(cachet_core::Backend::Sqlite).unwrap();
        copy.store().import_data(&original).unwrap();
        assert_eq!(copy.store().export_data().unwrap(), original);
    }

    fn an_import_keeps_ids_and_later_inserts_continue_after_them(store: &Store) {
        let other = TestDb::new(cachet_core::Backend::Sqlite).unwrap();
        fill(&other.store());
        store.import_data(&other.store().export_data().unwrap()).unwrap();
        assert_eq!(store.find_component("API").unwrap().id, 1);
        let next = store.create_component(NewComponent::new("Next", ComponentStatus::Operational)).unwrap();
        assert_eq!(next.id, 5);
    }

    fn imported_tokens_still_authenticate(store: &Store) {
        let other = TestDb::new(cachet_core::Backend::Sqlite).unwrap();
        let issued = other.store().create_token("ci").unwrap();
        store.import_data(&other.store().export_data().unwrap()).unwrap();
        assert_eq!(store.authenticate(&issued.secret).unwrap().name, "ci");
    }

    fn an_import_into_a_database_with_data_is_refused(store: &Store) {
        store.create_component(NewComponent::new("Here", ComponentStatus::Operational)).unwrap();
        assert_conflict(store.import_data(&DataExport { format: cachet_core::EXPORT_FORMAT, ..Default::default() }));
    }

    fn an_import_is_validated_as_the_api_validates_and_a_bad_row_writes_nothing(store: &Store) {
        let other = TestDb::new(cachet_core::Backend::Sqlite).unwrap();
        fill(&other.store());
        let good = other.store().export_data().unwrap();
        let mut hostile = good.clone();
        let id = hostile.components[2].id;
        hostile.components[2].link = Some("javascript:alert(1)".into());
        match store.import_data(&hostile) {
            Err(Error::Invalid { field, reason }) => {
                assert_eq!(field, format!("components[id={id}].link"));
                assert!(reason.contains("http"), "{reason}");
            }
            other => panic!("expected the link to be refused, got {other:?}"),
        }
        let mut hostile = good.clone();
        let id = hostile.incidents[0].id;
        hostile.incidents[0].name = "Errors\n<script>".into();
        assert_invalid(store.import_data(&hostile), &format!("incidents[id={id}].name"));
        let mut hostile = good.clone();
        let id = hostile.subscribers[0].id;
        hostile.subscribers[0].email = "not an address".into();
        assert_invalid(store.import_data(&hostile), &format!("subscribers[id={id}].email"));
        assert_eq!(store.export_data().unwrap().row_count(), 0, "nothing was written");
        assert_eq!(store.import_data(&good).unwrap(), good.row_count(), "the same document without the bad rows loads");
    }

    fn an_export_of_another_format_is_refused(store: &Store) {
        let result = store.import_data(&DataExport { format: 99, ..Default::default() });
        assert!(matches!(result, Err(cachet_core::Error::Invalid { field, .. }) if field == "format"));
    }
}

#[test]
fn an_export_moves_through_every_configured_backend_unchanged() {
    let source = TestDb::new(cachet_core::Backend::Sqlite).unwrap();
    fill(&source.store());
    let original = source.store().export_data().unwrap();
    let text = serde_json::to_string(&original).unwrap();
    for backend in configured_backends() {
        let Some(db) = TestDb::new(backend) else { continue };
        let parsed: DataExport = serde_json::from_str(&text).unwrap();
        db.store().import_data(&parsed).unwrap();
        let again = serde_json::to_string(&db.store().export_data().unwrap()).unwrap();
        assert_eq!(again, text, "export differs after a round trip through {}", backend.name());
    }
}

//! Demo data: deterministic, consistent with the rules, and added after existing rows.

use cachet_core::model::*;
use cachet_core::{SeedOptions, StatusOverview, Store};

fn small(seed: u64) -> SeedOptions {
    SeedOptions { components: 5, groups: 2, incidents: 40, days: 30, metric_points: 20, seed }
}

fn overview(store: &Store) -> StatusOverview {
    store.status_overview(Viewer::Authenticated).unwrap()
}

cachet_core::backend_tests! {
    fn seeding_reports_and_writes_the_requested_counts(store: &Store) {
        let report = store.seed(&small(7)).unwrap();
        assert_eq!((report.groups, report.components, report.incidents, report.metrics), (2, 5, 40, 3));
        assert_eq!(report.metric_points, 60);
        let page = store.list_incidents(&IncidentQuery { page: PageRequest::new(1, 100), ..Default::default() }).unwrap();
        assert_eq!(page.total, 40);
        assert_eq!(store.list_components(&ComponentQuery::default()).unwrap().total, 5);
    }

    fn the_same_seed_gives_the_same_data(store: &Store) {
        store.seed(&small(42)).unwrap();
        let first = store.export_data().unwrap();
        let other = cachet_core::testing::TestDb::new(cachet_core::Backend::Sqlite).unwrap();
        other.store().seed(&small(42)).unwrap();
        assert_eq!(other.store().export_data().unwrap(), first);
    }

    fn a_different_seed_gives_different_incidents(store: &Store) {
        store.seed(&small(1)).unwrap();
        let other = cachet_core::testing::TestDb::new(cachet_core::Backend::Sqlite).unwrap();
        other.store().seed(&small(2)).unwrap();
        assert_ne!(other.store().export_data().unwrap().incidents, store.export_data().unwrap().incidents);
    }

    fn seeded_incidents_are_resolved_and_the_page_is_operational(store: &Store) {
        store.seed(&small(3)).unwrap();
        assert!(!store.has_unresolved_incident().unwrap());
        let o = overview(store);
        assert_eq!(o.banner.status.as_str(), "success");
        let incident = store.incident(1).unwrap();
        assert_eq!(incident.status, IncidentStatus::Fixed);
        assert_eq!(incident.updates.first().map(|u| u.status), Some(IncidentStatus::Fixed));
        assert_eq!(incident.components.len(), 1);
    }

    fn seeded_history_gives_uptime_dips(store: &Store) {
        let options = SeedOptions { components: 1, groups: 0, incidents: 30, days: 30, metric_points: 0, seed: 9 };
        store.seed(&options).unwrap();
        let today = store.now().date_naive();
        let days = store.uptime(1, today - chrono::Duration::days(30), today, chrono_tz::UTC).unwrap();
        let percent = cachet_core::status::uptime_percent(&days).unwrap();
        assert!(percent < 100.0 && percent > 50.0, "uptime {percent}");
    }

    fn seeding_twice_adds_after_existing_rows(store: &Store) {
        store.create_component(NewComponent::new("Mine", ComponentStatus::Operational)).unwrap();
        store.seed(&small(5)).unwrap();
        store.seed(&small(5)).unwrap();
        assert_eq!(store.list_components(&ComponentQuery::default()).unwrap().total, 11);
        // Ordinary inserts still get fresh ids afterwards (sequences moved past seeded ids).
        let next = store.create_component(NewComponent::new("After", ComponentStatus::Operational)).unwrap();
        assert_eq!(next.id, 12);
    }

    fn seeding_rejects_incidents_without_components(store: &Store) {
        let options = SeedOptions { components: 0, incidents: 5, ..SeedOptions::default() };
        assert!(matches!(store.seed(&options), Err(cachet_core::Error::Invalid { field, .. }) if field == "components"));
    }
}

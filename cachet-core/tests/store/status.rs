//! The status overview: Cachet 2.4's banner, maintenance, guests and hidden groups, group status.

use cachet_core::model::*;
use cachet_core::status::BannerLevel;

use crate::util::{at, component, store_at};

fn with_status(store: &cachet_core::Store, name: &str, status: ComponentStatus) -> Component {
    store.create_component(NewComponent::new(name, status)).unwrap()
}

fn in_group(store: &cachet_core::Store, name: &str, status: ComponentStatus, group: i64) -> Component {
    store.create_component(NewComponent { group_id: Some(group), ..NewComponent::new(name, status) }).unwrap()
}

fn banner(store: &cachet_core::Store, viewer: Viewer) -> (BannerLevel, &'static str) {
    let b = store.status_overview(viewer).unwrap().banner;
    (b.status, b.message)
}

cachet_core::backend_tests! {
    fn no_components_is_operational(store: &Store) {
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Success, "System operational"));
        let o = store.status_overview(Viewer::Guest).unwrap();
        assert!(o.components.is_empty() && o.groups.is_empty() && !o.under_maintenance);
    }

    fn all_operational_components_are_a_success(store: &Store) {
        component(store, "A");
        component(store, "B");
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Success, "All systems are operational"));
    }

    fn all_unknown_components_are_info(store: &Store) {
        with_status(store, "A", ComponentStatus::Unknown);
        with_status(store, "B", ComponentStatus::Unknown);
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Info, "Some systems are experiencing issues"));
    }

    fn half_the_components_in_major_outage_is_danger(store: &Store) {
        component(store, "A");
        with_status(store, "B", ComponentStatus::MajorOutage);
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Danger, "Some systems are experiencing major issues"));
        store.set_setting("major_outage_rate", "60").unwrap();
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Info, "Some systems are experiencing issues"));
        component(store, "C");
        store.set_setting("major_outage_rate", "50").unwrap();
        assert_eq!(banner(store, Viewer::Guest).0, BannerLevel::Info, "one in three is below 50%");
    }

    fn a_single_component_in_major_outage_uses_the_singular_message(store: &Store) {
        with_status(store, "A", ComponentStatus::MajorOutage);
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Danger, "The system is experiencing major issues"));
    }

    fn a_hidden_unresolved_incident_makes_the_banner_info(store: &Store) {
        component(store, "A");
        let mut hidden = NewIncident::new("Internal", IncidentStatus::Investigating, "m");
        hidden.visible = false;
        let i = store.create_incident(hidden).unwrap();
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Info, "The system is experiencing issues"));
        store.create_incident_update(i.id, NewIncidentUpdate { status: IncidentStatus::Fixed, message: "ok".into(), user_id: None }).unwrap();
        assert_eq!(banner(store, Viewer::Guest), (BannerLevel::Success, "System operational"));
    }

    fn a_maintenance_window_puts_its_components_under_maintenance(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.completed_at = Some(at("2026-05-01T12:00:00Z"));
        input.components = vec![a.id];
        store.create_schedule(input).unwrap();

        let during = store_at(store, "2026-05-01T11:00:00Z").status_overview(Viewer::Guest).unwrap();
        assert!(during.under_maintenance);
        assert_eq!(during.active_schedules.len(), 1);
        let effective: Vec<_> = during.components.iter().map(|c| (c.component.id, c.effective)).collect();
        assert_eq!(effective, [(a.id, EffectiveStatus::UnderMaintenance), (b.id, EffectiveStatus::Status(ComponentStatus::Operational))]);
        assert_eq!(during.components[0].component.status, ComponentStatus::Operational, "the stored status is unchanged");

        let after = store_at(store, "2026-05-01T12:30:00Z").status_overview(Viewer::Guest).unwrap();
        assert!(!after.under_maintenance);
        assert_eq!(after.components[0].effective, EffectiveStatus::Status(ComponentStatus::Operational));
    }

    fn an_outage_during_maintenance_still_shows_as_an_outage(store: &Store) {
        let a = with_status(store, "A", ComponentStatus::MajorOutage);
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.status = ScheduleStatus::InProgress;
        input.components = vec![a.id];
        store.create_schedule(input).unwrap();
        let o = store_at(store, "2026-05-01T11:00:00Z").status_overview(Viewer::Guest).unwrap();
        assert_eq!(o.components[0].effective, EffectiveStatus::Status(ComponentStatus::MajorOutage));
        assert!(o.under_maintenance, "a window is active");
    }

    fn guests_do_not_count_members_of_hidden_groups(store: &Store) {
        let hidden = store.create_group(NewGroup::new("Internal")).unwrap();
        in_group(store, "Secret", ComponentStatus::MajorOutage, hidden.id);
        component(store, "Public");
        let guest = store.status_overview(Viewer::Guest).unwrap();
        assert_eq!(guest.components.iter().map(|c| c.component.name.as_str()).collect::<Vec<_>>(), ["Public"]);
        assert!(guest.groups.is_empty());
        assert_eq!((guest.banner.status, guest.banner.message), (BannerLevel::Success, "System operational"));
        let signed_in = store.status_overview(Viewer::Authenticated).unwrap();
        assert_eq!(signed_in.components.len(), 2);
        assert_eq!(signed_in.banner.status, BannerLevel::Danger);
    }

    fn disabled_components_are_not_counted(store: &Store) {
        component(store, "A");
        store.create_component(NewComponent { enabled: false, ..NewComponent::new("Off", ComponentStatus::MajorOutage) }).unwrap();
        assert_eq!(banner(store, Viewer::Authenticated), (BannerLevel::Success, "System operational"));
    }

    fn a_group_shows_its_worst_member(store: &Store) {
        let g = store.create_group(NewGroup { visible: true, collapsed: GroupCollapsed::CollapsedUnlessIssues, ..NewGroup::new("Backend") }).unwrap();
        let empty = store.create_group(NewGroup { visible: true, ..NewGroup::new("Empty") }).unwrap();
        in_group(store, "A", ComponentStatus::Operational, g.id);
        in_group(store, "B", ComponentStatus::PartialOutage, g.id);
        in_group(store, "C", ComponentStatus::Unknown, g.id);
        let o = store.status_overview(Viewer::Guest).unwrap();
        let backend = o.groups.iter().find(|x| x.group.id == g.id).unwrap();
        assert_eq!(backend.status, Some(ComponentStatus::PartialOutage));
        assert!(!backend.collapsed, "a group with issues is expanded");
        let empty = o.groups.iter().find(|x| x.group.id == empty.id).unwrap();
        assert_eq!(empty.status, None);
    }
}

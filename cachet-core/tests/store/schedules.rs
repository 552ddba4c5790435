//! Scheduled maintenance: CRUD, covered components, start and complete, window validation and
//! which windows are active by the store's clock.

use cachet_core::model::*;

use crate::util::{assert_invalid, assert_not_found, at, component, store_at};

cachet_core::backend_tests! {
    fn a_schedule_is_created_with_defaults_and_its_components(store: &Store) {
        let c = component(store, "DB");
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.completed_at = Some(at("2026-05-01T12:00:00Z"));
        input.components = vec![c.id];
        let s = store.create_schedule(input).unwrap();
        assert_eq!((s.name.as_str(), s.status, s.notify), ("Upgrade", ScheduleStatus::Upcoming, false));
        assert_eq!((s.scheduled_at, s.completed_at), (at("2026-05-01T10:00:00Z"), Some(at("2026-05-01T12:00:00Z"))));
        assert_eq!(s.components, [c.id]);
        assert_eq!(store.schedule(s.id).unwrap(), s);
    }

    fn a_window_ending_before_it_starts_is_rejected(store: &Store) {
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.completed_at = Some(at("2026-05-01T09:59:59Z"));
        assert_invalid(store.create_schedule(input), "completed_at");
        let s = store.create_schedule(NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"))).unwrap();
        let patch = SchedulePatch { completed_at: Some(Some(at("2026-04-30T00:00:00Z"))), ..Default::default() };
        assert_invalid(store.update_schedule(s.id, patch), "completed_at");
        let patch = SchedulePatch { scheduled_at: Some(at("2026-06-01T00:00:00Z")), ..Default::default() };
        store.update_schedule(s.id, patch).unwrap();
        assert_eq!(store.list_schedules(&ScheduleQuery::default()).unwrap().total, 1);
    }

    fn unknown_covered_components_are_rejected(store: &Store) {
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.components = vec![4242];
        assert_invalid(store.create_schedule(input), "components");
        assert_eq!(store.list_schedules(&ScheduleQuery::default()).unwrap().total, 0);
        assert_invalid(store.create_schedule(NewSchedule::new("", at("2026-05-01T10:00:00Z"))), "name");
    }

    fn updating_a_schedule_replaces_its_components(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.components = vec![a.id];
        let s = store.create_schedule(input).unwrap();
        let u = store
            .update_schedule(s.id, SchedulePatch { components: Some(vec![b.id]), message: Some("New plan".into()), ..Default::default() })
            .unwrap();
        assert_eq!(u.components, [b.id]);
        assert_eq!((u.name.as_str(), u.message.as_str()), ("Upgrade", "New plan"));
        assert_not_found(store.update_schedule(9999, SchedulePatch::default()));
    }

    fn schedules_are_listed_filtered_and_deleted(store: &Store) {
        let first = store.create_schedule(NewSchedule::new("First", at("2026-05-02T00:00:00Z"))).unwrap();
        let mut second = NewSchedule::new("Second", at("2026-05-01T00:00:00Z"));
        second.status = ScheduleStatus::InProgress;
        let second = store.create_schedule(second).unwrap();
        let ids = |q: ScheduleQuery| store.list_schedules(&q).unwrap().items.into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(ScheduleQuery::default()), [first.id, second.id]);
        assert_eq!(ids(ScheduleQuery { status: Some(ScheduleStatus::InProgress), ..Default::default() }), [second.id]);
        assert_eq!(ids(ScheduleQuery { sort: Some((ScheduleSort::ScheduledAt, SortOrder::Asc)), ..Default::default() }), [second.id, first.id]);
        store.delete_schedule(first.id).unwrap();
        assert_not_found(store.schedule(first.id));
        assert_eq!(ids(ScheduleQuery::default()), [second.id]);
        assert_not_found(store.delete_schedule(first.id));
    }

    fn starting_and_completing_a_schedule_follow_the_clock(store: &Store) {
        let s = store.create_schedule(NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"))).unwrap();
        let started = store_at(store, "2026-05-01T09:30:00Z").start_schedule(s.id).unwrap();
        assert_eq!(started.status, ScheduleStatus::InProgress);
        assert_eq!(started.scheduled_at, at("2026-05-01T09:30:00Z"), "starting early moves the start");
        let done = store_at(store, "2026-05-01T11:00:00Z").complete_schedule(s.id).unwrap();
        assert_eq!(done.status, ScheduleStatus::Complete);
        assert_eq!(done.completed_at, Some(at("2026-05-01T11:00:00Z")));
        assert_invalid(store.start_schedule(s.id), "status");
        assert_not_found(store.start_schedule(9999));
    }

    fn active_schedules_are_those_whose_window_holds_now(store: &Store) {
        let mut input = NewSchedule::new("Upgrade", at("2026-05-01T10:00:00Z"));
        input.completed_at = Some(at("2026-05-01T12:00:00Z"));
        let s = store.create_schedule(input).unwrap();
        store.create_schedule(NewSchedule::new("Later", at("2026-06-01T00:00:00Z"))).unwrap();
        let active = |t: &str| store_at(store, t).active_schedules().unwrap().into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert!(active("2026-05-01T09:59:00Z").is_empty());
        assert_eq!(active("2026-05-01T10:00:00Z"), [s.id]);
        assert_eq!(active("2026-05-01T11:59:00Z"), [s.id]);
        assert!(active("2026-05-01T12:00:00Z").is_empty(), "the end is exclusive");
        assert_eq!(store_at(store, "2026-05-01T11:00:00Z").open_schedules().unwrap().len(), 2);
    }
}

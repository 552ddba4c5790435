//! Times far from today: maintenance planned decades ahead and incidents dated after 2038 are
//! stored and read back to the microsecond on every backend, and found by time filters; a year no
//! backend stores is refused naming the field, and an import carrying one fails without writing.

use cachet_core::model::*;

use crate::util::{assert_invalid, at, store_at};

cachet_core::backend_tests! {
    fn a_schedule_after_2038_round_trips_exactly(store: &Store) {
        let mut input = NewSchedule::new("Far upgrade", at("2040-06-01T10:00:00.123456Z"));
        input.completed_at = Some(at("2099-12-31T23:59:59.999999Z"));
        let s = store.create_schedule(input).unwrap();
        assert_eq!(s.scheduled_at, at("2040-06-01T10:00:00.123456Z"));
        assert_eq!(s.completed_at, Some(at("2099-12-31T23:59:59.999999Z")));
        let read = store.schedule(s.id).unwrap();
        assert_eq!(read, s);
        let patch = SchedulePatch { scheduled_at: Some(at("2090-01-19T03:14:08Z")), ..Default::default() };
        let updated = store.update_schedule(s.id, patch).unwrap();
        assert_eq!(store.schedule(s.id).unwrap().scheduled_at, at("2090-01-19T03:14:08Z"));
        assert_eq!(updated.completed_at, Some(at("2099-12-31T23:59:59.999999Z")));
        // Compared with a bound time after 2038 too: by 2095 the window is under way.
        let later = store_at(store, "2095-01-01T00:00:00Z");
        let active: Vec<_> = later.active_schedules().unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(active, [s.id]);
        assert!(store.active_schedules().unwrap().is_empty());
    }

    fn an_incident_after_2038_round_trips_exactly(store: &Store) {
        let mut input = NewIncident::new("Future outage", IncidentStatus::Investigating, "Later.");
        input.occurred_at = Some(at("2050-03-04T05:06:07.654321Z"));
        let i = store.create_incident(input).unwrap();
        assert_eq!(i.occurred_at, at("2050-03-04T05:06:07.654321Z"));
        assert_eq!(store.incident(i.id).unwrap(), i);
        let patch = IncidentPatch { occurred_at: Some(at("2099-01-01T00:00:00Z")), ..Default::default() };
        store.update_incident(i.id, patch).unwrap();
        assert_eq!(store.incident(i.id).unwrap().occurred_at, at("2099-01-01T00:00:00Z"));
        // Written while the clock stands in 2060: the record times are after 2038 too.
        let later = store_at(store, "2060-07-08T09:10:11.5Z");
        let j = later.create_incident(NewIncident::new("Then", IncidentStatus::Fixed, "Done.")).unwrap();
        let read = store.incident(j.id).unwrap();
        let then = at("2060-07-08T09:10:11.5Z");
        assert_eq!((read.occurred_at, read.created_at, read.updated_at), (then, then, then));
    }

    fn the_first_and_last_storable_times_round_trip(store: &Store) {
        let mut input = NewSchedule::new("Edges", at("1000-01-01T00:00:00Z"));
        input.completed_at = Some(at("9999-12-31T23:59:59.999999Z"));
        let s = store.create_schedule(input).unwrap();
        let read = store.schedule(s.id).unwrap();
        assert_eq!((read.scheduled_at, read.completed_at), (at("1000-01-01T00:00:00Z"), Some(at("9999-12-31T23:59:59.999999Z"))));
        let metric = store.create_metric(NewMetric::new("Load", "")).unwrap();
        let point = store.add_metric_point(metric.id, 1.0, Some(at("2100-02-03T04:05:00Z"))).unwrap();
        assert_eq!(store.metric_point(metric.id, point.id).unwrap().created_at, at("2100-02-03T04:05:00Z"));
    }

    fn a_year_no_backend_stores_is_refused_naming_the_field(store: &Store) {
        let year_10000 = chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc();
        assert_invalid(store.create_schedule(NewSchedule::new("Too far", year_10000)), "scheduled_at");
        let mut input = NewSchedule::new("Ends too far", at("2040-01-01T00:00:00Z"));
        input.completed_at = Some(year_10000);
        assert_invalid(store.create_schedule(input), "completed_at");
        let mut input = NewIncident::new("Too far", IncidentStatus::Investigating, "x");
        input.occurred_at = Some(year_10000);
        assert_invalid(store.create_incident(input), "occurred_at");
        let year_0 = chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc();
        assert_invalid(store.create_schedule(NewSchedule::new("Too early", year_0)), "scheduled_at");
        assert_eq!(store.list_schedules(&ScheduleQuery::default()).unwrap().total, 0);
        // Changes too, leaving the row as it was.
        let s = store.create_schedule(NewSchedule::new("Near", at("2040-01-01T00:00:00Z"))).unwrap();
        let patch = SchedulePatch { completed_at: Some(Some(year_10000)), ..Default::default() };
        assert_invalid(store.update_schedule(s.id, patch), "completed_at");
        let patch = SchedulePatch { scheduled_at: Some(year_10000), ..Default::default() };
        assert_invalid(store.update_schedule(s.id, patch), "scheduled_at");
        assert_eq!(store.schedule(s.id).unwrap(), s);
        let i = store.create_incident(NewIncident::new("Near", IncidentStatus::Investigating, "x")).unwrap();
        let patch = IncidentPatch { occurred_at: Some(year_10000), ..Default::default() };
        assert_invalid(store.update_incident(i.id, patch), "occurred_at");
        assert_eq!(store.incident(i.id).unwrap(), i);
        let metric = store.create_metric(NewMetric::new("Load", "")).unwrap();
        assert_invalid(store.add_metric_point(metric.id, 1.0, Some(year_10000)), "timestamp");
        let point = store.add_metric_point(metric.id, 1.0, Some(at("2040-01-01T00:00:00Z"))).unwrap();
        assert_invalid(store.update_metric_point(metric.id, point.id, None, Some(year_0)), "timestamp");
        // A filter beyond the range is no error: it reads as the edge of the range.
        let query = IncidentQuery { occurred_before: Some(year_10000), ..Default::default() };
        assert_eq!(store.list_incidents(&query).unwrap().total, 1);
        let query = IncidentQuery { occurred_after: Some(year_0), ..Default::default() };
        assert_eq!(store.list_incidents(&query).unwrap().total, 1);
    }

    fn an_import_with_a_time_beyond_9999_fails_cleanly(store: &Store) {
        let other = cachet_core::testing::TestDb::new(store.backend()).unwrap();
        other.store().create_schedule(NewSchedule::new("Later", at("2040-01-01T00:00:00Z"))).unwrap();
        let mut data = other.store().export_data().unwrap();
        let year_10000 = chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        data.schedules[0].scheduled_at = cachet_core::db::types::DbTime(year_10000);
        let error = store.import_data(&data).unwrap_err();
        assert_eq!(error.to_string(), "schedules[id=1].scheduled_at: must be between the years 1000 and 9999");
        assert_eq!(store.list_schedules(&ScheduleQuery::default()).unwrap().total, 0, "nothing imported");
    }
}

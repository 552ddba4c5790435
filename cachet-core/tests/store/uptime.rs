//! Uptime through the store: status changes placed at chosen times with `Store::with_clock`.

use cachet_core::model::*;
use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::util::store_at;

const HOUR: i64 = 3600;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
}

/// A component created at 2026-01-10 00:00 UTC, in a major outage from 23:00 to 01:00 the next day.
fn outage_across_midnight(store: &cachet_core::Store) -> i64 {
    let c = store_at(store, "2026-01-10T00:00:00Z")
        .create_component(NewComponent::new("API", ComponentStatus::Operational))
        .unwrap();
    store_at(store, "2026-01-10T23:00:00Z").set_component_status(c.id, ComponentStatus::MajorOutage, "down").unwrap();
    store_at(store, "2026-01-11T01:00:00Z").set_component_status(c.id, ComponentStatus::Operational, "up").unwrap();
    c.id
}

cachet_core::backend_tests! {
    fn an_outage_across_midnight_counts_on_both_days(store: &Store) {
        let id = outage_across_midnight(store);
        let days = store_at(store, "2026-01-20T00:00:00Z").uptime(id, day(10), day(12), Tz::UTC).unwrap();
        let seconds: Vec<_> = days.iter().map(|d| (d.date, d.seconds[1], d.seconds[4])).collect();
        assert_eq!(seconds, [(day(10), 23 * HOUR, HOUR), (day(11), 23 * HOUR, HOUR), (day(12), 24 * HOUR, 0)]);
        let percent = 23.0 * 100.0 / 24.0;
        assert!((days[0].uptime.unwrap() - percent).abs() < 1e-9);
        assert!(days[0].uptime.unwrap() < 100.0, "a day with a major outage is not 100%");
        assert_eq!(days[0].worst, Some(ComponentStatus::MajorOutage));
        assert_eq!((days[2].uptime, days[2].worst), (Some(100.0), Some(ComponentStatus::Operational)));
    }

    fn days_are_cut_at_midnight_in_the_given_time_zone(store: &Store) {
        let id = outage_across_midnight(store);
        // Paris is UTC+1 in January: the outage is 00:00-02:00 on the 11th, local time.
        let days = store_at(store, "2026-01-20T00:00:00Z").uptime(id, day(10), day(11), chrono_tz::Europe::Paris).unwrap();
        let seconds: Vec<_> = days.iter().map(|d| (d.seconds[1], d.seconds[4])).collect();
        assert_eq!(seconds, [(23 * HOUR, 0), (22 * HOUR, 2 * HOUR)], "the 10th begins at creation, 01:00 local");
        assert_eq!(days[0].uptime, Some(100.0));
        assert!((days[1].uptime.unwrap() - 22.0 * 100.0 / 24.0).abs() < 1e-9);
    }

    fn time_before_creation_and_after_now_is_not_counted(store: &Store) {
        let id = outage_across_midnight(store);
        let days = store_at(store, "2026-01-11T12:00:00Z").uptime(id, day(9), day(12), Tz::UTC).unwrap();
        let known: Vec<_> = days.iter().map(|d| d.seconds.iter().sum::<i64>()).collect();
        assert_eq!(known, [0, 24 * HOUR, 12 * HOUR, 0]);
        assert_eq!((days[0].uptime, days[3].uptime), (None, None));
    }

    fn an_uptime_range_must_be_in_order(store: &Store) {
        let id = outage_across_midnight(store);
        crate::util::assert_invalid(store.uptime(id, day(12), day(10), Tz::UTC), "to");
        crate::util::assert_not_found(store.uptime(9999, day(10), day(12), Tz::UTC));
    }

    fn uptime_of_many_components_matches_one_at_a_time(store: &Store) {
        let outage = outage_across_midnight(store);
        let late = store_at(store, "2026-01-11T06:00:00Z")
            .create_component(NewComponent::new("Late", ComponentStatus::PartialOutage))
            .unwrap();
        store_at(store, "2026-01-12T03:00:00Z").set_component_status(late.id, ComponentStatus::Operational, "ok").unwrap();
        let steady = store_at(store, "2026-01-01T00:00:00Z")
            .create_component(NewComponent::new("Steady", ComponentStatus::PerformanceIssues))
            .unwrap();
        let ids = [outage, late.id, steady.id];
        for (now, tz) in [("2026-01-12T12:00:00Z", Tz::UTC), ("2026-01-12T12:00:00Z", chrono_tz::Europe::Paris), ("2026-01-30T00:00:00Z", Tz::UTC)] {
            let clocked = store_at(store, now);
            let many = clocked.uptime_of(&ids, day(9), day(12), tz).unwrap();
            assert_eq!(many.len(), 3);
            for id in ids {
                assert_eq!(many[&id], clocked.uptime(id, day(9), day(12), tz).unwrap(), "component {id} at {now} in {tz}");
            }
        }
    }

    fn uptime_of_stays_right_as_days_close_and_history_changes(store: &Store) {
        let outage = outage_across_midnight(store);
        let check = |ids: &[i64], now: &str, from: NaiveDate| {
            let clocked = store_at(store, now);
            let many = clocked.uptime_of(ids, from, day(14), Tz::UTC).unwrap();
            for id in ids {
                assert_eq!(many[id], clocked.uptime(*id, from, day(14), Tz::UTC).unwrap(), "component {id} at {now}");
            }
        };
        // The first call keeps the days up to the 13th; the second is answered from them.
        check(&[outage], "2026-01-14T12:00:00Z", day(9));
        check(&[outage], "2026-01-14T12:00:00Z", day(9));
        store_at(store, "2026-01-14T13:00:00Z").set_component_status(outage, ComponentStatus::PartialOutage, "today").unwrap();
        check(&[outage], "2026-01-14T14:00:00Z", day(9));
        // Only today on screen: nothing has closed.
        check(&[outage], "2026-01-14T14:00:00Z", day(14));
        // A change dated inside a closed day (a process with a slow clock, an import, a seed).
        store_at(store, "2026-01-12T10:00:00Z").set_component_status(outage, ComponentStatus::MajorOutage, "late").unwrap();
        check(&[outage], "2026-01-14T14:00:00Z", day(9));
        // A component it never saw, another first day, and the next day closing.
        let late = store_at(store, "2026-01-13T08:00:00Z")
            .create_component(NewComponent::new("Late", ComponentStatus::MajorOutage))
            .unwrap();
        check(&[outage, late.id], "2026-01-14T14:00:00Z", day(9));
        check(&[outage, late.id], "2026-01-14T14:00:00Z", day(11));
        check(&[outage, late.id], "2026-01-15T00:10:00Z", day(11));
    }
}

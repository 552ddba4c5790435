//! Daily uptime from a component's status history.
//!
//! A component is *up* while Operational or showing Performance Issues, *down* during a Partial or
//! Major Outage; time in Unknown, before the component existed, and in the future is not counted.
//! Days are calendar days in the page's time zone, so a day may have 23 or 25 hours.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::model::ComponentStatus;

/// One day of one component: seconds spent in each status and the resulting uptime.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayUptime {
    /// The local calendar day.
    pub date: NaiveDate,
    /// Seconds in each status, indexed by the status value (0 Unknown .. 4 Major Outage).
    pub seconds: [i64; 5],
    /// Percentage of known time that was up, or `None` when nothing is known about the day.
    pub uptime: Option<f64>,
    /// The worst status seen that day (Unknown ranks best), `None` when no status applied.
    pub worst: Option<ComponentStatus>,
}

impl DayUptime {
    fn up_and_known(&self) -> (i64, i64) {
        let up = self.seconds[1] + self.seconds[2];
        (up, up + self.seconds[3] + self.seconds[4])
    }
}

/// Uptime per local day from `from` to `to` (inclusive) in `tz`.
///
/// `initial` is the status in effect when the range starts (`None` if the component did not exist
/// yet); `changes` are the status changes inside the range, oldest first. Time after `now` is not
/// counted.
pub fn daily_uptime(
    initial: Option<ComponentStatus>,
    changes: &[(DateTime<Utc>, ComponentStatus)],
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    now: DateTime<Utc>,
) -> Vec<DayUptime> {
    let mut days = Vec::new();
    let mut current = initial;
    let mut next_change = changes.iter().peekable();
    let mut day = from;
    while day <= to {
        let start = local_midnight(day, tz);
        let Some(next_day) = day.checked_add_days(Days::new(1)) else { break };
        let end = local_midnight(next_day, tz);
        let mut entry = DayUptime { date: day, seconds: [0; 5], uptime: None, worst: None };
        // Changes before this day's start only set the status the day opens with.
        while let Some((at, status)) = next_change.next_if(|(at, _)| *at <= start) {
            let _ = at;
            current = Some(*status);
        }
        let mut cursor = start;
        let note = |entry: &mut DayUptime, status: Option<ComponentStatus>, a: DateTime<Utc>, b: DateTime<Utc>| {
            let b = b.min(now);
            if let Some(status) = status
                && b > a
            {
                entry.seconds[status.value() as usize] += (b - a).num_seconds();
                if entry.worst.is_none_or(|w| status.severity() > w.severity()) {
                    entry.worst = Some(status);
                }
            }
        };
        while let Some((at, status)) = next_change.next_if(|(at, _)| *at < end) {
            note(&mut entry, current, cursor, *at);
            current = Some(*status);
            cursor = *at;
        }
        note(&mut entry, current, cursor, end);
        let (up, known) = entry.up_and_known();
        if known > 0 {
            entry.uptime = Some(up as f64 * 100.0 / known as f64);
        }
        days.push(entry);
        day = next_day;
    }
    days
}

/// Uptime over several days together, weighting each by its known time.
pub fn uptime_percent(days: &[DayUptime]) -> Option<f64> {
    let (up, known) = days.iter().map(DayUptime::up_and_known).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    (known > 0).then(|| up as f64 * 100.0 / known as f64)
}

/// The first instant of a local day; on a day whose midnight is skipped by a DST change, the first
/// instant that exists.
pub fn local_midnight(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut t = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..4 {
        if let Some(dt) = tz.from_local_datetime(&t).earliest() {
            return dt.with_timezone(&Utc);
        }
        t += chrono::Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComponentStatus::*;

    fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap()
    }
    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn a_quiet_day_is_fully_up() {
        let days = daily_uptime(Some(Operational), &[], date(1), date(1), Tz::UTC, utc(5, 0, 0));
        assert_eq!(days[0].seconds[1], 86_400);
        assert_eq!(days[0].uptime, Some(100.0));
        assert_eq!(days[0].worst, Some(Operational));
    }

    #[test]
    fn a_day_with_a_major_outage_is_not_full() {
        let changes = [(utc(1, 12, 0), MajorOutage), (utc(1, 12, 36), Operational)];
        let days = daily_uptime(Some(Operational), &changes, date(1), date(1), Tz::UTC, utc(5, 0, 0));
        assert_eq!(days[0].seconds[4], 36 * 60);
        let expected = (86_400.0 - 2_160.0) * 100.0 / 86_400.0;
        assert!((days[0].uptime.unwrap() - expected).abs() < 1e-9);
        assert!(days[0].uptime.unwrap() < 100.0);
        assert_eq!(days[0].worst, Some(MajorOutage));
    }

    #[test]
    fn an_outage_across_midnight_counts_on_both_days() {
        let changes = [(utc(1, 23, 0), MajorOutage), (utc(2, 1, 0), Operational)];
        let days = daily_uptime(Some(Operational), &changes, date(1), date(3), Tz::UTC, utc(5, 0, 0));
        assert_eq!(days[0].seconds[4], 3_600);
        assert_eq!(days[1].seconds[4], 3_600);
        assert_eq!(days[2].seconds[4], 0);
        assert_eq!(days[2].uptime, Some(100.0));
    }

    #[test]
    fn days_follow_the_time_zone() {
        // 23:30 UTC on the 1st is 00:30 on the 2nd in Paris (UTC+1 in early March).
        let changes = [(utc(1, 23, 30), MajorOutage), (utc(2, 0, 30), Operational)];
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let days = daily_uptime(Some(Operational), &changes, date(1), date(2), paris, utc(5, 0, 0));
        assert_eq!(days[0].seconds[4], 0);
        assert_eq!(days[1].seconds[4], 3_600);
        let utc_days = daily_uptime(Some(Operational), &changes, date(1), date(2), Tz::UTC, utc(5, 0, 0));
        assert_eq!((utc_days[0].seconds[4], utc_days[1].seconds[4]), (1_800, 1_800));
    }

    #[test]
    fn a_dst_day_has_23_hours() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let days = daily_uptime(Some(Operational), &[], date(29), date(29), paris, utc(31, 0, 0));
        assert_eq!(days[0].seconds[1], 23 * 3_600);
    }

    #[test]
    fn unknown_time_before_creation_and_future_are_not_counted() {
        let changes = [(utc(1, 6, 0), Unknown), (utc(1, 12, 0), PartialOutage)];
        let days = daily_uptime(None, &changes, date(1), date(2), Tz::UTC, utc(1, 18, 0));
        assert_eq!(days[0].seconds, [21_600, 0, 0, 21_600, 0]);
        assert_eq!(days[0].uptime, Some(0.0));
        assert_eq!(days[1].uptime, None);
        assert_eq!(days[1].worst, None);
    }

    #[test]
    fn changes_before_the_range_set_the_opening_status() {
        let changes = [(utc(1, 0, 0), MajorOutage)];
        let days = daily_uptime(Some(Operational), &changes, date(2), date(2), Tz::UTC, utc(5, 0, 0));
        assert_eq!(days[0].seconds[4], 86_400);
    }

    #[test]
    fn range_uptime_weights_days_by_known_time() {
        let changes = [(utc(1, 0, 0), Operational), (utc(2, 0, 0), MajorOutage), (utc(2, 12, 0), Operational)];
        let days = daily_uptime(None, &changes, date(1), date(2), Tz::UTC, utc(5, 0, 0));
        assert_eq!(uptime_percent(&days), Some(75.0));
        assert_eq!(uptime_percent(&[]), None);
    }
}

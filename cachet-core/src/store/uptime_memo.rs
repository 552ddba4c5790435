//! The closed days of the uptime bars, kept between calls.
//!
//! A status page shows 90 days of uptime for every component and is rendered again after every
//! write and every minute; reading 90 days of status changes each time costs as much as the
//! history holds. But a day that has ended does not change: writes record status changes at the
//! current time. So the days up to yesterday are computed once, with the status each component
//! ended them in, and later calls read only the changes since.
//!
//! What could still change a closed day is checked on every call, in this process or another: an
//! import, a seed or a write with an earlier clock adds change rows newer than the memo whose time
//! falls before its end (one indexed lookup finds the first), and rows that went away leave the
//! newest row older than the memo's. A day counts as closed only some minutes after it ended, so
//! clocks a little apart across processes do not matter.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::model::ComponentStatus;
use crate::status::{DayUptime, local_midnight};

/// How long after its end a day is taken as closed.
const SETTLE: Duration = Duration::minutes(5);

/// One component's closed days.
#[derive(Debug, Clone)]
pub(crate) struct ClosedDays {
    /// Days from the memo's first day to its last, oldest first.
    pub days: Vec<DayUptime>,
    /// The status the component ended the last day in (`None` if it did not exist yet).
    pub end_status: Option<ComponentStatus>,
}

/// The memo's key: everything the closed days were computed for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub tz: Tz,
    pub from: NaiveDate,
    pub through: NaiveDate,
}

impl Span {
    /// The first instant after the span, where the open days begin.
    pub fn end(&self) -> DateTime<Utc> {
        local_midnight(self.through.succ_opt().unwrap_or(self.through), self.tz)
    }
}

#[derive(Debug)]
struct Held {
    span: Span,
    /// The newest status change row read when it was built.
    newest_change: i64,
    components: HashMap<i64, ClosedDays>,
}

/// The memo shared by the clones of a store.
#[derive(Debug, Default)]
pub(crate) struct UptimeMemo {
    held: Mutex<Option<Held>>,
}

/// The last day of `from..=to` that ended at least [`SETTLE`] before `now` in `tz`.
pub(crate) fn last_closed_day(from: NaiveDate, to: NaiveDate, tz: Tz, now: DateTime<Utc>) -> Option<NaiveDate> {
    let mut day = to;
    while day >= from {
        if local_midnight(day.succ_opt()?, tz) + SETTLE <= now {
            return Some(day);
        }
        day = day.pred_opt()?;
    }
    None
}

impl UptimeMemo {
    /// The closed days of `ids` held for `span`, when every one of them is held and the memo
    /// was built from `newest_change` or a history that only grew after its end.
    pub fn get(&self, span: &Span, ids: &[i64], newest_change: i64) -> Option<(i64, HashMap<i64, ClosedDays>)> {
        let guard = self.held.lock().ok()?;
        let held = guard.as_ref().filter(|h| h.span == *span && h.newest_change <= newest_change)?;
        let found: HashMap<i64, ClosedDays> =
            ids.iter().map(|id| held.components.get(id).map(|d| (*id, d.clone()))).collect::<Option<_>>()?;
        Some((held.newest_change, found))
    }

    /// Keeps `components` as the closed days of `span`, read up to change row `newest_change`.
    pub fn put(&self, span: Span, newest_change: i64, components: HashMap<i64, ClosedDays>) {
        if let Ok(mut guard) = self.held.lock() {
            *guard = Some(Held { span, newest_change, components });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn span(through: NaiveDate) -> Span {
        Span { tz: chrono_tz::UTC, from: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), through }
    }

    #[test]
    fn a_day_is_closed_some_minutes_after_it_ends() {
        let from = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let yesterday = today.pred_opt().unwrap();
        let just_after = Utc.with_ymd_and_hms(2026, 11, 29, 0, 1, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2026, 11, 29, 0, 6, 0).unwrap();
        assert_eq!(last_closed_day(from, today, chrono_tz::UTC, just_after), yesterday.pred_opt());
        assert_eq!(last_closed_day(from, today, chrono_tz::UTC, later), Some(yesterday));
        assert_eq!(last_closed_day(today, today, chrono_tz::UTC, later), None);
    }

    #[test]
    fn the_memo_answers_only_for_its_span_and_components_and_a_history_not_shrunk() {
        let memo = UptimeMemo::default();
        let through = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let days = ClosedDays { days: Vec::new(), end_status: Some(ComponentStatus::Operational) };
        memo.put(span(through), 10, HashMap::from([(1, days.clone()), (2, days)]));
        assert!(memo.get(&span(through), &[1, 2], 10).is_some());
        assert!(memo.get(&span(through), &[1, 2], 12).is_some(), "newer rows are checked by the caller");
        assert!(memo.get(&span(through), &[1, 3], 10).is_none(), "a component it does not hold");
        assert!(memo.get(&span(through), &[1], 9).is_none(), "rows went away");
        assert!(memo.get(&span(through.succ_opt().unwrap()), &[1], 10).is_none(), "another day closed");
        let berlin = Span { tz: chrono_tz::Europe::Berlin, ..span(through) };
        assert!(memo.get(&berlin, &[1], 10).is_none(), "another time zone");
    }
}

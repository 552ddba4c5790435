//! The component status history and the uptime computed from it.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use diesel::dsl::max;
use diesel::prelude::*;

use super::rows::{enum_value, naive, utc};
use super::uptime_memo::{self, ClosedDays, Span};
use super::{Store, components};
use crate::db::AnyConnection;
use crate::db::schema::{component_status_changes as changes, components as component_table};
use crate::db::types::DbTime;
use crate::error::{Error, Result};
use crate::model::{ComponentStatus, StatusChange};
use crate::status::{DayUptime, daily_uptime};

/// Longest uptime range one call computes (a little over two years of days).
pub const MAX_UPTIME_DAYS: i64 = 800;

pub(super) fn record(
    c: &mut AnyConnection,
    component_id: i64,
    old: Option<ComponentStatus>,
    new: ComponentStatus,
    reason: &str,
    at: DbTime,
) -> Result<()> {
    diesel::insert_into(changes::table)
        .values((
            changes::component_id.eq(component_id),
            changes::old_status.eq(old.map(ComponentStatus::value)),
            changes::new_status.eq(new.value()),
            changes::reason.eq(reason),
            changes::changed_at.eq(at),
        ))
        .execute(c)?;
    Ok(())
}

type ChangeRow = (i64, i64, Option<i16>, i16, String, NaiveDateTime);

/// Component, time, old and new status of a change.
type LaterChange = (i64, NaiveDateTime, Option<i16>, i16);

fn to_change(row: ChangeRow) -> Result<StatusChange> {
    let (id, component_id, old, new, reason, at) = row;
    Ok(StatusChange {
        id,
        component_id,
        old_status: old.map(|o| enum_value(o, ComponentStatus::from_value)).transpose()?,
        new_status: enum_value(new, ComponentStatus::from_value)?,
        reason,
        changed_at: utc(at),
    })
}

impl Store {
    /// A component's status changes, newest first, at most `limit` of them.
    pub fn status_history(&self, component_id: i64, limit: u32) -> Result<Vec<StatusChange>> {
        self.read(|c| {
            components::load(c, component_id)?;
            changes::table
                .filter(changes::component_id.eq(component_id))
                .order((changes::changed_at.desc(), changes::id.desc()))
                .limit(i64::from(limit.clamp(1, 10_000)))
                .load::<ChangeRow>(c)?
                .into_iter()
                .map(to_change)
                .collect()
        })
    }

    /// Uptime of a component for each local day from `from` to `to` (inclusive) in `tz`, from its
    /// status history. Reads only the changes inside the range plus the one before it.
    pub fn uptime(&self, component_id: i64, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<DayUptime>> {
        let (start, end) = window(from, to, tz)?;
        let now = self.now();
        self.read(|c| {
            components::load(c, component_id)?;
            let before: Option<i16> = changes::table
                .filter(changes::component_id.eq(component_id))
                .filter(changes::changed_at.le(start))
                .order((changes::changed_at.desc(), changes::id.desc()))
                .select(changes::new_status)
                .first(c)
                .optional()?;
            let inside: Vec<(NaiveDateTime, i16)> = changes::table
                .filter(changes::component_id.eq(component_id))
                .filter(changes::changed_at.gt(start))
                .filter(changes::changed_at.lt(end))
                .order((changes::changed_at.asc(), changes::id.asc()))
                .select((changes::changed_at, changes::new_status))
                .load(c)?;
            let initial = before.map(|s| enum_value(s, ComponentStatus::from_value)).transpose()?;
            let inside = inside
                .into_iter()
                .map(|(at, s)| Ok((utc(at), enum_value(s, ComponentStatus::from_value)?)))
                .collect::<Result<Vec<_>>>()?;
            Ok(daily_uptime(initial, &inside, from, to, tz, now))
        })
    }

    /// Uptime of several components over a range that reaches today, for a status page with
    /// many components: the days that have ended come from the memo (see [`uptime_memo`]), built
    /// once with two queries whatever the number of components, and only the changes since are
    /// read on each call. Ranges that end before today are computed component by component.
    pub fn uptime_of(
        &self,
        component_ids: &[i64],
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
    ) -> Result<HashMap<i64, Vec<DayUptime>>> {
        let (start, end) = window(from, to, tz)?;
        let now = self.now();
        if end < naive(now) {
            return component_ids.iter().map(|&id| Ok((id, self.uptime(id, from, to, tz)?))).collect();
        }
        let Some(through) = uptime_memo::last_closed_day(from, to, tz, now) else {
            // Nothing has ended yet: every day is open.
            return self.read(|c| {
                let closed = closed_days(c, component_ids, start, None, tz, now)?;
                open_days(c, closed, start, from, to, tz, now)
            });
        };
        let span = Span { tz, from, through };
        let memo = &self.inner.uptime_memo;
        self.read(|c| {
            let newest: i64 = changes::table.select(max(changes::id)).first::<Option<i64>>(c)?.unwrap_or(0);
            let held = match memo.get(&span, component_ids, newest) {
                Some((seen, held)) if seen == newest || !backdated(c, seen, span.end())? => held,
                _ => {
                    let built = closed_days(c, component_ids, start, Some(&span), tz, now)?;
                    memo.put(span.clone(), newest, built.clone());
                    built
                }
            };
            let open_from = through.succ_opt().unwrap_or(through);
            open_days(c, held, naive(span.end()), open_from, to, tz, now)
        })
    }
}

/// Whether a change row newer than `seen` is dated before `end` (history before `end` changed).
fn backdated(c: &mut AnyConnection, seen: i64, end: DateTime<Utc>) -> Result<bool> {
    let found: Option<i64> = changes::table
        .filter(changes::id.gt(seen))
        .filter(changes::changed_at.lt(naive(end)))
        .select(changes::id)
        .first(c)
        .optional()?;
    Ok(found.is_some())
}

/// Each component's days of `span` (none when `span` is `None`) and the status it ended them
/// in, from one read of the changes since `start`: the status each had when the range opened is
/// the `old_status` of its first later change, else its current status.
fn closed_days(
    c: &mut AnyConnection,
    component_ids: &[i64],
    start: DbTime,
    span: Option<&Span>,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<HashMap<i64, ClosedDays>> {
    let current: Vec<(i64, i16)> = component_table::table
        .filter(component_table::id.eq_any(component_ids))
        .select((component_table::id, component_table::status))
        .load(c)?;
    let later: Vec<LaterChange> = changes::table
        .filter(changes::component_id.eq_any(component_ids))
        .filter(changes::changed_at.gt(start))
        .order((changes::component_id, changes::changed_at.asc(), changes::id.asc()))
        .select((changes::component_id, changes::changed_at, changes::old_status, changes::new_status))
        .load(c)?;
    let status = |s: i16| enum_value(s, ComponentStatus::from_value);
    // One pass to group the rows, so the work grows with rows + components, not their product.
    let mut by_component: HashMap<i64, Vec<&LaterChange>> = HashMap::new();
    for row in &later {
        by_component.entry(row.0).or_default().push(row);
    }
    let end = span.map(Span::end);
    let mut out = HashMap::with_capacity(current.len());
    for (id, now_status) in current {
        let mine = by_component.remove(&id).unwrap_or_default();
        let initial = match mine.first() {
            Some(first) => first.2.map(status).transpose()?,
            None => Some(status(now_status)?),
        };
        let inside = mine
            .iter()
            .take_while(|row| end.is_none_or(|end| utc(row.1) < end))
            .map(|row| Ok((utc(row.1), status(row.3)?)))
            .collect::<Result<Vec<_>>>()?;
        let closed = match span {
            Some(span) => ClosedDays {
                days: daily_uptime(initial, &inside, span.from, span.through, tz, now),
                end_status: inside.last().map_or(initial, |(_, s)| Some(*s)),
            },
            None => ClosedDays { days: Vec::new(), end_status: initial },
        };
        out.insert(id, closed);
    }
    Ok(out)
}

/// `closed` followed by the days `from..=to`, computed from the changes after `after`.
fn open_days(
    c: &mut AnyConnection,
    closed: HashMap<i64, ClosedDays>,
    after: DbTime,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<HashMap<i64, Vec<DayUptime>>> {
    let ids: Vec<i64> = closed.keys().copied().collect();
    let rows: Vec<(i64, NaiveDateTime, i16)> = changes::table
        .filter(changes::component_id.eq_any(&ids))
        .filter(changes::changed_at.ge(after))
        .order((changes::component_id, changes::changed_at.asc(), changes::id.asc()))
        .select((changes::component_id, changes::changed_at, changes::new_status))
        .load(c)?;
    let mut by_component: HashMap<i64, Vec<(DateTime<Utc>, ComponentStatus)>> = HashMap::new();
    for (id, at, s) in rows {
        by_component.entry(id).or_default().push((utc(at), enum_value(s, ComponentStatus::from_value)?));
    }
    Ok(closed
        .into_iter()
        .map(|(id, mut held)| {
            let open = by_component.remove(&id).unwrap_or_default();
            held.days.extend(daily_uptime(held.end_status, &open, from, to, tz, now));
            (id, held.days)
        })
        .collect())
}

/// The stored-time bounds of an uptime range: its first local midnight, and two days past its last
/// day (so changes up to the end of `to` in any zone are read).
fn window(from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<(DbTime, DbTime)> {
    if to < from {
        return Err(Error::invalid("to", "must not be before from"));
    }
    if (to - from).num_days() >= MAX_UPTIME_DAYS {
        return Err(Error::invalid("to", format!("the range must be shorter than {MAX_UPTIME_DAYS} days")));
    }
    let start = tz.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest();
    let end_day = to.checked_add_days(Days::new(2)).unwrap_or(to);
    let end = tz.from_local_datetime(&end_day.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest();
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Error::invalid("from", "is not a valid day in that time zone"));
    };
    Ok((naive(start.to_utc()), naive(end.to_utc())))
}

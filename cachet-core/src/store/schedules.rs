//! Scheduled maintenance windows and the components they cover.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::components::sorted;
use super::rows::{Db, enum_value, naive, utc};
use super::{Resource, Store, validate};
use crate::db::schema::{components, schedule_components as covered, schedules};
use crate::db::types::DbTime;
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{NewSchedule, Page, Schedule, SchedulePatch, ScheduleQuery, ScheduleSort, ScheduleStatus};
use crate::status::schedule_is_active;

#[derive(Queryable, Selectable)]
#[diesel(table_name = schedules)]
struct ScheduleRow {
    id: i64,
    name: String,
    message: String,
    status: i16,
    scheduled_at: NaiveDateTime,
    completed_at: Option<NaiveDateTime>,
    notify: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn assemble(c: &mut AnyConnection, rows: Vec<ScheduleRow>) -> Result<Vec<Schedule>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut members: HashMap<i64, Vec<i64>> = HashMap::new();
    if !ids.is_empty() {
        let links: Vec<(i64, i64)> = covered::table
            .filter(covered::schedule_id.eq_any(&ids))
            .order((covered::schedule_id, covered::component_id))
            .load(c)?;
        for (schedule, component) in links {
            members.entry(schedule).or_default().push(component);
        }
    }
    rows.into_iter()
        .map(|r| {
            Ok(Schedule {
                id: r.id,
                name: r.name,
                message: r.message,
                status: enum_value(r.status, ScheduleStatus::from_value)?,
                scheduled_at: utc(r.scheduled_at),
                completed_at: r.completed_at.map(utc),
                notify: r.notify,
                components: members.remove(&r.id).unwrap_or_default(),
                created_at: utc(r.created_at),
                updated_at: utc(r.updated_at),
            })
        })
        .collect()
}

fn load(c: &mut AnyConnection, id: i64) -> Result<Schedule> {
    let row = schedules::table
        .find(id)
        .select(ScheduleRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("schedule", id))?;
    Ok(assemble(c, vec![row])?.remove(0))
}

fn replace_components(c: &mut AnyConnection, id: i64, ids: &[i64]) -> Result<()> {
    diesel::delete(covered::table.filter(covered::schedule_id.eq(id))).execute(c)?;
    let mut seen = Vec::with_capacity(ids.len());
    for &component in ids {
        if seen.contains(&component) {
            continue;
        }
        let found: i64 = components::table.filter(components::id.eq(component)).count().get_result(c)?;
        if found == 0 {
            return Err(Error::invalid("components", format!("no component has id {component}")));
        }
        diesel::insert_into(covered::table)
            .values((covered::schedule_id.eq(id), covered::component_id.eq(component)))
            .execute(c)?;
        seen.push(component);
    }
    Ok(())
}

fn check_window(start: DbTime, end: Option<DbTime>) -> Result<()> {
    if end.is_some_and(|end| end < start) {
        return Err(Error::invalid("completed_at", "must not be before scheduled_at"));
    }
    Ok(())
}

fn filtered(q: &ScheduleQuery) -> schedules::BoxedQuery<'_, Db> {
    let mut query = schedules::table.into_boxed();
    if let Some(id) = q.id {
        query = query.filter(schedules::id.eq(id));
    }
    if let Some(name) = &q.name {
        query = query.filter(schedules::name.eq(name));
    }
    if let Some(status) = q.status {
        query = query.filter(schedules::status.eq(status.value()));
    }
    query
}

impl Store {
    /// Schedules a maintenance window over the given components.
    pub fn create_schedule(&self, input: NewSchedule) -> Result<Schedule> {
        let name = validate::name("name", &input.name)?;
        let message = validate::text("message", &input.message)?;
        let scheduled_at = validate::time("scheduled_at", input.scheduled_at)?;
        let completed_at = validate::optional_time("completed_at", input.completed_at)?;
        let (start, end) = (naive(scheduled_at), completed_at.map(naive));
        check_window(start, end)?;
        let now = naive(self.now());
        self.write(Resource::Schedule, |c| {
            diesel::insert_into(schedules::table)
                .values((
                    schedules::name.eq(&name),
                    schedules::message.eq(&message),
                    schedules::status.eq(input.status.value()),
                    schedules::scheduled_at.eq(start),
                    schedules::completed_at.eq(end),
                    schedules::notify.eq(input.notify),
                    schedules::created_at.eq(now),
                    schedules::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            replace_components(c, id, &input.components)?;
            load(c, id)
        })
    }

    /// One window by id.
    pub fn schedule(&self, id: i64) -> Result<Schedule> {
        self.read(|c| load(c, id))
    }

    /// A page of windows matching the query.
    pub fn list_schedules(&self, q: &ScheduleQuery) -> Result<Page<Schedule>> {
        self.read(|c| {
            let total: i64 = filtered(q).count().get_result(c)?;
            let query = filtered(q).select(ScheduleRow::as_select());
            let query = match q.sort {
                None => query.order_by(schedules::id.asc()),
                Some((key, order)) => match key {
                    ScheduleSort::Id => sorted!(query, schedules::id, order),
                    ScheduleSort::Name => sorted!(query, schedules::name, order),
                    ScheduleSort::Status => sorted!(query, schedules::status, order),
                    ScheduleSort::ScheduledAt => sorted!(query, schedules::scheduled_at, order),
                    ScheduleSort::CompletedAt => sorted!(query, schedules::completed_at, order),
                    ScheduleSort::CreatedAt => sorted!(query, schedules::created_at, order),
                    ScheduleSort::UpdatedAt => sorted!(query, schedules::updated_at, order),
                }
                .then_order_by(schedules::id.asc()),
            };
            let rows = query.offset(q.page.offset()).limit(q.page.limit()).load(c)?;
            Ok(Page {
                items: assemble(c, rows)?,
                total: total as u64,
                page: q.page.page.max(1),
                per_page: q.page.limit() as u32,
            })
        })
    }

    /// Windows not yet complete (upcoming and in progress), by start time.
    pub fn open_schedules(&self) -> Result<Vec<Schedule>> {
        let now = naive(self.now());
        self.read(|c| {
            let rows = schedules::table
                .filter(schedules::status.ne(ScheduleStatus::Complete.value()))
                .filter(schedules::completed_at.is_null().or(schedules::completed_at.gt(now)))
                .order((schedules::scheduled_at, schedules::id))
                .select(ScheduleRow::as_select())
                .load(c)?;
            assemble(c, rows)
        })
    }

    /// Windows active now (see [`crate::status::schedule_is_active`]).
    pub fn active_schedules(&self) -> Result<Vec<Schedule>> {
        let now = self.now();
        Ok(self
            .open_schedules()?
            .into_iter()
            .filter(|s| schedule_is_active(s.status, s.scheduled_at, s.completed_at, now))
            .collect())
    }

    /// Changes the given fields of a window.
    pub fn update_schedule(&self, id: i64, patch: SchedulePatch) -> Result<Schedule> {
        let name = patch.name.as_deref().map(|n| validate::name("name", n)).transpose()?;
        let message = patch.message.as_deref().map(|m| validate::text("message", m)).transpose()?;
        validate::optional_time("scheduled_at", patch.scheduled_at)?;
        validate::optional_time("completed_at", patch.completed_at.flatten())?;
        let now = naive(self.now());
        self.write(Resource::Schedule, |c| {
            let current = load(c, id)?;
            let start = patch.scheduled_at.map_or(naive(current.scheduled_at), naive);
            let end = match patch.completed_at {
                Some(end) => end.map(naive),
                None => current.completed_at.map(naive),
            };
            check_window(start, end)?;
            let target = schedules::table.find(id);
            if let Some(name) = name {
                diesel::update(target).set(schedules::name.eq(name)).execute(c)?;
            }
            if let Some(message) = message {
                diesel::update(target).set(schedules::message.eq(message)).execute(c)?;
            }
            if let Some(status) = patch.status {
                diesel::update(target).set(schedules::status.eq(status.value())).execute(c)?;
            }
            if let Some(notify) = patch.notify {
                diesel::update(target).set(schedules::notify.eq(notify)).execute(c)?;
            }
            if let Some(components) = &patch.components {
                replace_components(c, id, components)?;
            }
            diesel::update(target)
                .set((
                    schedules::scheduled_at.eq(start),
                    schedules::completed_at.eq(end),
                    schedules::updated_at.eq(now),
                ))
                .execute(c)?;
            load(c, id)
        })
    }

    /// Starts a window now: in progress, and its start moved to now if it was later.
    pub fn start_schedule(&self, id: i64) -> Result<Schedule> {
        let now = self.now();
        let current = self.schedule(id)?;
        if current.status == ScheduleStatus::Complete {
            return Err(Error::invalid("status", "the maintenance is already complete"));
        }
        let completed_at = current.completed_at.filter(|end| *end > now);
        self.update_schedule(
            id,
            SchedulePatch {
                status: Some(ScheduleStatus::InProgress),
                scheduled_at: Some(current.scheduled_at.min(now)),
                completed_at: Some(completed_at),
                ..SchedulePatch::default()
            },
        )
    }

    /// Completes a window now.
    pub fn complete_schedule(&self, id: i64) -> Result<Schedule> {
        let now = self.now();
        let current = self.schedule(id)?;
        self.update_schedule(
            id,
            SchedulePatch {
                status: Some(ScheduleStatus::Complete),
                scheduled_at: Some(current.scheduled_at.min(now)),
                completed_at: Some(Some(now)),
                ..SchedulePatch::default()
            },
        )
    }

    /// Deletes a window.
    pub fn delete_schedule(&self, id: i64) -> Result<()> {
        self.write(Resource::Schedule, |c| {
            load(c, id)?;
            diesel::delete(covered::table.filter(covered::schedule_id.eq(id))).execute(c)?;
            diesel::delete(schedules::table.find(id)).execute(c)?;
            Ok(())
        })
    }
}

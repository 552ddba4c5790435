//! Maintenance windows on either backend.

use cachet_core::model::{NewSchedule, ScheduleQuery, ScheduleStatus};
use serde_json::{Value, json as j};

use super::{Backend, all_pages, api_time, json, read_api_time};
use crate::error::{CliError, CliResult, Kind};

fn not_found(e: CliError, id: i64) -> CliError {
    if e.kind == Kind::NotFound { CliError::new(Kind::NotFound, format!("unknown maintenance \"{id}\"")) } else { e }
}

impl Backend {
    /// Every maintenance window.
    pub fn schedules(&self) -> CliResult<Vec<Value>> {
        match self {
            Backend::Embedded(s) => all_pages(|page| s.list_schedules(&ScheduleQuery { page, ..Default::default() })),
            Backend::Remote(c) => c.get_all("/schedules", ""),
        }
    }

    /// One maintenance window.
    pub fn schedule(&self, id: i64) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.schedule(id).map_err(|e| not_found(e.into(), id))?),
            Backend::Remote(c) => c.get(&format!("/schedules/{id}")).map_err(|e| not_found(e, id)),
        }
    }

    /// Plans a maintenance window.
    pub fn create_schedule(&self, input: NewSchedule) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.create_schedule(input)?),
            Backend::Remote(c) => {
                let body = j!({
                    "name": input.name, "message": input.message, "status": input.status.value(),
                    "scheduled_at": api_time(input.scheduled_at), "completed_at": input.completed_at.map(api_time),
                    "notify": input.notify, "components": input.components,
                });
                c.post("/schedules", &body)
            }
        }
    }

    /// Starts a window now.
    pub fn start_schedule(&self, id: i64) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.start_schedule(id).map_err(|e| not_found(e.into(), id))?),
            Backend::Remote(c) => {
                let current = self.schedule(id)?;
                if crate::output::int(&current, "status") == Some(i64::from(ScheduleStatus::Complete.value())) {
                    return Err(CliError::invalid("status: the maintenance is already complete"));
                }
                let now = chrono::Utc::now();
                let start = read_api_time(&current["scheduled_at"]).map_or(now, |t| t.min(now));
                let body = j!({"status": ScheduleStatus::InProgress.value(), "scheduled_at": api_time(start)});
                c.put(&format!("/schedules/{id}"), &body)
            }
        }
    }

    /// Completes a window now.
    pub fn complete_schedule(&self, id: i64) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.complete_schedule(id).map_err(|e| not_found(e.into(), id))?),
            Backend::Remote(c) => {
                let current = self.schedule(id)?;
                let now = chrono::Utc::now();
                let start = read_api_time(&current["scheduled_at"]).map_or(now, |t| t.min(now));
                let body = j!({
                    "status": ScheduleStatus::Complete.value(), "scheduled_at": api_time(start),
                    "completed_at": api_time(now),
                });
                c.put(&format!("/schedules/{id}"), &body)
            }
        }
    }

    /// Deletes a window.
    pub fn delete_schedule(&self, id: i64) -> CliResult<()> {
        match self {
            Backend::Embedded(s) => s.delete_schedule(id).map_err(|e| not_found(e.into(), id)),
            Backend::Remote(c) => c.delete(&format!("/schedules/{id}")).map_err(|e| not_found(e, id)),
        }
    }
}

//! Maintenance windows: planned, started, completed.

use cachet_core::model::{self as core, NewSchedule, SchedulePatch, ScheduleQuery, ScheduleSort};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{Enum, UtcTime, enum_out, opt, opt_time, page_request, sort_by};
use crate::page::Page;
use crate::record::record;

record! {
    /// A planned maintenance window and the components it covers.
    pub struct Schedule {
        /// Row id.
        pub id: i64,
        /// Title.
        pub name: String,
        /// Markdown message.
        pub message: String,
        /// Stored state (a `ScheduleStatus`).
        pub status: Py<PyAny>,
        /// When it starts (UTC).
        pub scheduled_at: DateTime<Utc>,
        /// When it ends (planned) or ended (UTC), or None.
        pub completed_at: Option<DateTime<Utc>>,
        /// Subscribers are told.
        pub notify: bool,
        /// Ids of the components it covers.
        pub components: Vec<i64>,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, name, status, scheduled_at)
}

impl Schedule {
    fn from_core(py: Python<'_>, s: core::Schedule) -> PyResult<Py<Schedule>> {
        let record = Schedule {
            id: s.id,
            name: s.name,
            message: s.message,
            status: enum_out(py, s.status)?,
            scheduled_at: s.scheduled_at,
            completed_at: s.completed_at,
            notify: s.notify,
            components: s.components,
            created_at: s.created_at,
            updated_at: s.updated_at,
        };
        Py::new(py, record)
    }
}

collection! {
    /// Maintenance windows (`cachet.Cachet.schedules`).
    Schedules, "Schedules"
}

#[pymethods]
impl Schedules {
    /// Plans a maintenance window starting at `scheduled_at` (a timezone-aware datetime) and
    /// covering `components` (ids).
    #[pyo3(signature = (name, scheduled_at, *, message = String::new(), status = Enum(core::ScheduleStatus::Upcoming), completed_at = None, notify = false, components = None))]
    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        py: Python<'_>,
        name: String,
        scheduled_at: UtcTime,
        message: String,
        status: Enum<core::ScheduleStatus>,
        completed_at: Option<UtcTime>,
        notify: bool,
        components: Option<Vec<i64>>,
    ) -> PyResult<Py<Schedule>> {
        let input = NewSchedule {
            name,
            message,
            status: status.0,
            scheduled_at: scheduled_at.0,
            completed_at: opt_time(completed_at),
            notify,
            components: components.unwrap_or_default(),
        };
        let s = run(py, &self.client, |st| st.create_schedule(input))?;
        Schedule::from_core(py, s)
    }

    /// The window with this id; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<Schedule>> {
        let s = run(py, &self.client, |st| st.schedule(id))?;
        Schedule::from_core(py, s)
    }

    /// A page of windows. `sort` is one of id, name, status, scheduled_at, completed_at,
    /// created_at, updated_at.
    #[pyo3(signature = (*, status = None, name = None, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        py: Python<'_>,
        status: Option<Enum<core::ScheduleStatus>>,
        name: Option<String>,
        sort: Option<String>,
        order: String,
        page: i64,
        per_page: i64,
    ) -> PyResult<Page> {
        let query = ScheduleQuery {
            status: opt(status),
            name,
            sort: sort_by(sort.as_deref(), &order, ScheduleSort::parse, ScheduleSort::ALL, ScheduleSort::key)?,
            page: page_request(page, per_page)?,
            ..ScheduleQuery::default()
        };
        let found = run(py, &self.client, |st| st.list_schedules(&query))?;
        Page::new(py, found, |s| Ok(Schedule::from_core(py, s)?.into_any()))
    }

    /// Changes the given fields; others stay. `components` replaces the covered components.
    #[pyo3(signature = (id, *, name = None, message = None, status = None, scheduled_at = None, completed_at = None, notify = None, components = None))]
    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        py: Python<'_>,
        id: i64,
        name: Option<String>,
        message: Option<String>,
        status: Option<Enum<core::ScheduleStatus>>,
        scheduled_at: Option<UtcTime>,
        completed_at: Option<UtcTime>,
        notify: Option<bool>,
        components: Option<Vec<i64>>,
    ) -> PyResult<Py<Schedule>> {
        let patch = SchedulePatch {
            name,
            message,
            status: opt(status),
            scheduled_at: opt_time(scheduled_at),
            completed_at: opt_time(completed_at).map(Some),
            notify,
            components,
        };
        let s = run(py, &self.client, |st| st.update_schedule(id, patch))?;
        Schedule::from_core(py, s)
    }

    /// Marks the window as in progress.
    fn start(&self, py: Python<'_>, id: i64) -> PyResult<Py<Schedule>> {
        let s = run(py, &self.client, |st| st.start_schedule(id))?;
        Schedule::from_core(py, s)
    }

    /// Marks the window as complete.
    fn complete(&self, py: Python<'_>, id: i64) -> PyResult<Py<Schedule>> {
        let s = run(py, &self.client, |st| st.complete_schedule(id))?;
        Schedule::from_core(py, s)
    }

    /// Deletes the window.
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |st| st.delete_schedule(id))
    }
}

//! Incident updates: the status changes and messages posted on an incident.

use cachet_core::model::{self as core, IncidentUpdatePatch, IncidentUpdateSort, NewIncidentUpdate};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{Enum, enum_out, opt, page_request, sort_by};
use crate::page::Page;
use crate::record::record;

record! {
    /// A status change and message added to an incident.
    pub struct IncidentUpdate {
        /// Row id.
        pub id: i64,
        /// The incident.
        pub incident_id: i64,
        /// The status this update set (an `IncidentStatus`).
        pub status: Py<PyAny>,
        /// Markdown message.
        pub message: String,
        /// The author, or None.
        pub user_id: Option<i64>,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, incident_id, status, message)
}

impl IncidentUpdate {
    /// The Python record for a core update.
    pub fn from_core(py: Python<'_>, u: core::IncidentUpdate) -> PyResult<Py<IncidentUpdate>> {
        let record = IncidentUpdate {
            id: u.id,
            incident_id: u.incident_id,
            status: enum_out(py, u.status)?,
            message: u.message,
            user_id: u.user_id,
            created_at: u.created_at,
            updated_at: u.updated_at,
        };
        Py::new(py, record)
    }
}

collection! {
    /// The updates of incidents (`cachet.Cachet.incident_updates`).
    IncidentUpdates, "IncidentUpdates"
}

#[pymethods]
impl IncidentUpdates {
    /// Adds an update (status 1-4) to an incident, which takes its status.
    #[pyo3(signature = (incident, status, message, *, user_id = None))]
    fn create(
        &self,
        py: Python<'_>,
        incident: i64,
        status: Enum<core::IncidentStatus>,
        message: String,
        user_id: Option<i64>,
    ) -> PyResult<Py<IncidentUpdate>> {
        let input = NewIncidentUpdate { status: status.0, message, user_id };
        let u = run(py, &self.client, |s| s.create_incident_update(incident, input))?;
        IncidentUpdate::from_core(py, u)
    }

    /// One update of an incident; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, incident: i64, id: i64) -> PyResult<Py<IncidentUpdate>> {
        let u = run(py, &self.client, |s| s.incident_update(incident, id))?;
        IncidentUpdate::from_core(py, u)
    }

    /// A page of an incident's updates, newest first; `sort` (id, status, user_id) orders
    /// updates made at the same time.
    #[pyo3(signature = (incident, *, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    fn list(
        &self,
        py: Python<'_>,
        incident: i64,
        sort: Option<String>,
        order: String,
        page: i64,
        per_page: i64,
    ) -> PyResult<Page> {
        let sort = sort_by(
            sort.as_deref(),
            &order,
            IncidentUpdateSort::parse,
            IncidentUpdateSort::ALL,
            IncidentUpdateSort::key,
        )?;
        let page = page_request(page, per_page)?;
        let found = run(py, &self.client, |s| s.list_incident_updates(incident, sort, page))?;
        Page::new(py, found, |u| Ok(IncidentUpdate::from_core(py, u)?.into_any()))
    }

    /// Changes an update's status or message; the latest update's status is the incident's.
    #[pyo3(signature = (incident, id, *, status = None, message = None))]
    fn update(
        &self,
        py: Python<'_>,
        incident: i64,
        id: i64,
        status: Option<Enum<core::IncidentStatus>>,
        message: Option<String>,
    ) -> PyResult<Py<IncidentUpdate>> {
        let patch = IncidentUpdatePatch { status: opt(status), message };
        let u = run(py, &self.client, |s| s.update_incident_update(incident, id, patch))?;
        IncidentUpdate::from_core(py, u)
    }

    /// Deletes an update.
    fn delete(&self, py: Python<'_>, incident: i64, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_incident_update(incident, id))
    }
}

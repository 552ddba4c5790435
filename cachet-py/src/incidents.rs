//! Incidents: open one (with the components it affects), add updates, resolve it.

use std::collections::HashMap;

use cachet_core::model::{
    self as core, AffectedComponent as CoreAffected, IncidentPatch, IncidentQuery, IncidentSort, NewIncident,
    NewIncidentUpdate, Viewer,
};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{Enum, Json, UtcTime, enum_out, meta_out, opt, opt_time, page_request, sort_by};
use crate::page::Page;
use crate::record::{record, wrap_all};
use crate::updates::IncidentUpdate;

record! {
    /// A component an incident affects and the status the incident gives it.
    pub struct AffectedComponent {
        /// The component.
        pub component_id: i64,
        /// Its status because of this incident (a `ComponentStatus`).
        pub status: Py<PyAny>,
    }
    repr(component_id, status)
}

record! {
    /// Something that went wrong, and what was said about it.
    pub struct Incident {
        /// Row id.
        pub id: i64,
        /// Who opened it, or None.
        pub user_id: Option<i64>,
        /// The first affected component (Cachet 2.4's single field), 0 for none.
        pub component_id: i64,
        /// Title.
        pub name: String,
        /// Current status (an `IncidentStatus`; the latest update's once there are updates).
        pub status: Py<PyAny>,
        /// Markdown message.
        pub message: String,
        /// Hidden incidents are shown to signed-in users only.
        pub visible: bool,
        /// Pinned to the top of the page.
        pub stickied: bool,
        /// Subscribers are told.
        pub notify: bool,
        /// Whether it is over.
        pub is_resolved: bool,
        /// Free-form JSON object, or None.
        pub meta: Option<Py<PyAny>>,
        /// When it began (UTC).
        pub occurred_at: DateTime<Utc>,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
        /// The components it affects.
        pub components: Vec<Py<AffectedComponent>>,
        /// Its updates, newest first.
        pub updates: Vec<Py<IncidentUpdate>>,
    }
    repr(id, name, status, is_resolved)
}

impl Incident {
    /// The Python record for a core incident.
    pub fn from_core(py: Python<'_>, i: core::Incident) -> PyResult<Py<Incident>> {
        let components = i
            .components
            .iter()
            .map(|a| Ok(AffectedComponent { component_id: a.component_id, status: enum_out(py, a.status)? }))
            .collect::<PyResult<Vec<_>>>()?;
        let updates = i.updates.into_iter().map(|u| IncidentUpdate::from_core(py, u)).collect::<PyResult<Vec<_>>>()?;
        let record = Incident {
            id: i.id,
            user_id: i.user_id,
            component_id: i.component_id,
            name: i.name,
            status: enum_out(py, i.status)?,
            message: i.message,
            visible: i.visible,
            stickied: i.stickied,
            notify: i.notify,
            is_resolved: i.is_resolved,
            meta: meta_out(py, &i.meta)?,
            occurred_at: i.occurred_at,
            created_at: i.created_at,
            updated_at: i.updated_at,
            components: wrap_all(py, components)?,
            updates,
        };
        Py::new(py, record)
    }
}

/// `{component_id: status}` as the core's list, in id order.
fn affected(components: HashMap<i64, Enum<core::ComponentStatus>>) -> Vec<CoreAffected> {
    let mut list: Vec<CoreAffected> =
        components.into_iter().map(|(component_id, Enum(status))| CoreAffected { component_id, status }).collect();
    list.sort_by_key(|a| a.component_id);
    list
}

collection! {
    /// The incidents of the page (`cachet.Cachet.incidents`).
    Incidents, "Incidents"
}

#[pymethods]
impl Incidents {
    /// Opens an incident. `components` maps component ids to the status the incident gives them
    /// (set on those components in the same transaction); `template` is a template slug that
    /// renders the message from `vars`.
    #[pyo3(signature = (name, status, message = String::new(), *, components = None, visible = true, stickied = false, notify = true, occurred_at = None, template = None, vars = None, meta = None, user_id = None))]
    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        py: Python<'_>,
        name: String,
        status: Enum<core::IncidentStatus>,
        message: String,
        components: Option<HashMap<i64, Enum<core::ComponentStatus>>>,
        visible: bool,
        stickied: bool,
        notify: bool,
        occurred_at: Option<UtcTime>,
        template: Option<String>,
        vars: Option<Json>,
        meta: Option<Json>,
        user_id: Option<i64>,
    ) -> PyResult<Py<Incident>> {
        let input = NewIncident {
            name,
            status: status.0,
            message,
            visible,
            stickied,
            notify,
            occurred_at: opt_time(occurred_at),
            components: affected(components.unwrap_or_default()),
            template,
            vars: vars.map(|v| v.0),
            meta: meta.map(|m| m.0),
            user_id,
        };
        let i = run(py, &self.client, |s| s.create_incident(input))?;
        Incident::from_core(py, i)
    }

    /// The incident with this id, with its components and updates; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<Incident>> {
        let i = run(py, &self.client, |s| s.incident(id))?;
        Incident::from_core(py, i)
    }

    /// A page of incidents (hidden ones included). `component` keeps incidents affecting that
    /// component; `resolved` filters on whether they are over; `sort` is one of id, user_id,
    /// name, status, visible, stickied, message, occurred_at, created_at.
    #[pyo3(signature = (*, status = None, component = None, name = None, visible = None, stickied = None, resolved = None, occurred_after = None, occurred_before = None, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        py: Python<'_>,
        status: Option<Enum<core::IncidentStatus>>,
        component: Option<i64>,
        name: Option<String>,
        visible: Option<bool>,
        stickied: Option<bool>,
        resolved: Option<bool>,
        occurred_after: Option<UtcTime>,
        occurred_before: Option<UtcTime>,
        sort: Option<String>,
        order: String,
        page: i64,
        per_page: i64,
    ) -> PyResult<Page> {
        let query = IncidentQuery {
            status: opt(status),
            component_id: component,
            name,
            visible,
            stickied,
            resolved,
            occurred_after: opt_time(occurred_after),
            occurred_before: opt_time(occurred_before),
            sort: sort_by(sort.as_deref(), &order, IncidentSort::parse, IncidentSort::ALL, IncidentSort::key)?,
            page: page_request(page, per_page)?,
            viewer: Viewer::Authenticated,
            ..IncidentQuery::default()
        };
        let found = run(py, &self.client, |s| s.list_incidents(&query))?;
        Page::new(py, found, |i| Ok(Incident::from_core(py, i)?.into_any()))
    }

    /// Adds an update (status 1-4 and a message) to the incident, which takes its status.
    /// Returns the new update.
    #[pyo3(signature = (id, status, message, *, user_id = None))]
    fn update(
        &self,
        py: Python<'_>,
        id: i64,
        status: Enum<core::IncidentStatus>,
        message: String,
        user_id: Option<i64>,
    ) -> PyResult<Py<IncidentUpdate>> {
        let input = NewIncidentUpdate { status: status.0, message, user_id };
        let u = run(py, &self.client, |s| s.create_incident_update(id, input))?;
        IncidentUpdate::from_core(py, u)
    }

    /// Resolves the incident: adds a Fixed update with `message` and sets every affected
    /// component back to Operational, in one transaction.
    #[pyo3(signature = (id, message = "Resolved.".to_string()))]
    fn resolve(&self, py: Python<'_>, id: i64, message: String) -> PyResult<Py<Incident>> {
        let i = run(py, &self.client, |s| s.resolve_incident(id, &message))?;
        Incident::from_core(py, i)
    }

    /// Changes the incident's own fields; others stay. `components` replaces the affected
    /// components.
    #[pyo3(signature = (id, *, name = None, status = None, message = None, components = None, visible = None, stickied = None, notify = None, occurred_at = None, template = None, vars = None, meta = None))]
    #[allow(clippy::too_many_arguments)]
    fn edit(
        &self,
        py: Python<'_>,
        id: i64,
        name: Option<String>,
        status: Option<Enum<core::IncidentStatus>>,
        message: Option<String>,
        components: Option<HashMap<i64, Enum<core::ComponentStatus>>>,
        visible: Option<bool>,
        stickied: Option<bool>,
        notify: Option<bool>,
        occurred_at: Option<UtcTime>,
        template: Option<String>,
        vars: Option<Json>,
        meta: Option<Json>,
    ) -> PyResult<Py<Incident>> {
        let patch = IncidentPatch {
            name,
            status: opt(status),
            message,
            visible,
            stickied,
            notify,
            occurred_at: opt_time(occurred_at),
            components: components.map(affected),
            template,
            vars: vars.map(|v| v.0),
            meta: meta.map(|m| m.0),
        };
        let i = run(py, &self.client, |s| s.update_incident(id, patch))?;
        Incident::from_core(py, i)
    }

    /// Deletes the incident and its updates (component statuses stay as they are).
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_incident(id))
    }
}

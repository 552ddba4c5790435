//! Components: the services whose status the page shows, with their tags and status history.

use cachet_core::model::{self as core, ComponentPatch, ComponentQuery, ComponentSort, NewComponent, Viewer};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{Enum, Json, enum_out, meta_out, opt, page_request, small, sort_by};
use crate::page::Page;
use crate::record::{record, wrap_all};

record! {
    /// A tag on a component.
    pub struct Tag {
        /// Lower-case, dash-separated form of the name.
        pub slug: String,
        /// As written.
        pub name: String,
    }
    repr(slug, name)
}

record! {
    /// A service or part of a system whose status the page shows.
    pub struct Component {
        /// Row id.
        pub id: i64,
        /// Display name.
        pub name: String,
        /// Free text shown under the name.
        pub description: String,
        /// An optional http(s) link.
        pub link: Option<String>,
        /// The component's own status (a `ComponentStatus`).
        pub status: Py<PyAny>,
        /// Position among its siblings.
        pub order: i32,
        /// The group it belongs to, or None.
        pub group_id: Option<i64>,
        /// Disabled components are hidden from visitors.
        pub enabled: bool,
        /// Free-form JSON object, or None.
        pub meta: Option<Py<PyAny>>,
        /// Tags, ordered by slug.
        pub tags: Vec<Py<Tag>>,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, name, status, group_id)
}

record! {
    /// One recorded change of a component's status.
    pub struct StatusChange {
        /// Row id.
        pub id: i64,
        /// The component.
        pub component_id: i64,
        /// Status before, or None for the component's creation.
        pub old_status: Option<Py<PyAny>>,
        /// Status after.
        pub new_status: Py<PyAny>,
        /// Why ("created", "updated", "incident #12", ...).
        pub reason: String,
        /// When (UTC).
        pub changed_at: DateTime<Utc>,
    }
    repr(component_id, old_status, new_status, reason)
}

impl Component {
    /// The Python record for a core component.
    pub fn from_core(py: Python<'_>, c: core::Component) -> PyResult<Py<Component>> {
        let tags = c.tags.into_iter().map(|t| Tag { slug: t.slug, name: t.name }).collect();
        let record = Component {
            id: c.id,
            name: c.name,
            description: c.description,
            link: c.link,
            status: enum_out(py, c.status)?,
            order: c.order,
            group_id: c.group_id,
            enabled: c.enabled,
            meta: meta_out(py, &c.meta)?,
            tags: wrap_all(py, tags)?,
            created_at: c.created_at,
            updated_at: c.updated_at,
        };
        Py::new(py, record)
    }
}

collection! {
    /// The components of the page (`cachet.Cachet.components`).
    Components, "Components"
}

/// `group=0` means "no group", as in Cachet's API.
fn group_arg(group: Option<i64>) -> Option<Option<i64>> {
    group.map(|g| if g == 0 { None } else { Some(g) })
}

#[pymethods]
impl Components {
    /// Adds a component. `group` is a group id; `tags` are names (slugs are derived).
    #[pyo3(signature = (name, status = Enum(core::ComponentStatus::Operational), *, description = String::new(), link = None, order = 0, group = None, enabled = true, meta = None, tags = None))]
    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        py: Python<'_>,
        name: String,
        status: Enum<core::ComponentStatus>,
        description: String,
        link: Option<String>,
        order: i64,
        group: Option<i64>,
        enabled: bool,
        meta: Option<Json>,
        tags: Option<Vec<String>>,
    ) -> PyResult<Py<Component>> {
        let input = NewComponent {
            name,
            status: status.0,
            description,
            link,
            order: small("order", order)?,
            group_id: group_arg(group).flatten(),
            enabled,
            meta: meta.map(|m| m.0),
            tags: tags.unwrap_or_default(),
        };
        let c = run(py, &self.client, |s| s.create_component(input))?;
        Component::from_core(py, c)
    }

    /// The component with this id; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<Component>> {
        let c = run(py, &self.client, |s| s.component(id))?;
        Component::from_core(py, c)
    }

    /// The component with this id (as text) or exact name.
    fn find(&self, py: Python<'_>, id_or_name: String) -> PyResult<Py<Component>> {
        let c = run(py, &self.client, |s| s.find_component(&id_or_name))?;
        Component::from_core(py, c)
    }

    /// A page of components (disabled ones included). Filters are exact; `group=0` lists
    /// ungrouped components; `tags` keeps components carrying any of these slugs. `sort` is one of
    /// id, name, status, order, group_id, enabled; `order` is "asc" or "desc".
    #[pyo3(signature = (*, status = None, group = None, name = None, enabled = None, tags = None, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        py: Python<'_>,
        status: Option<Enum<core::ComponentStatus>>,
        group: Option<i64>,
        name: Option<String>,
        enabled: Option<bool>,
        tags: Option<Vec<String>>,
        sort: Option<String>,
        order: String,
        page: i64,
        per_page: i64,
    ) -> PyResult<Page> {
        let query = ComponentQuery {
            status: opt(status),
            group_id: group_arg(group),
            name,
            enabled,
            tags: tags.unwrap_or_default(),
            sort: sort_by(sort.as_deref(), &order, ComponentSort::parse, ComponentSort::ALL, ComponentSort::key)?,
            page: page_request(page, per_page)?,
            viewer: Viewer::Authenticated,
            ..ComponentQuery::default()
        };
        let found = run(py, &self.client, |s| s.list_components(&query))?;
        Page::new(py, found, |c| Ok(Component::from_core(py, c)?.into_any()))
    }

    /// Changes the given fields; others stay. `group=0` ungroups, `link=""` removes the link;
    /// `reason` is recorded in the status history when the status changes.
    #[pyo3(signature = (id, *, name = None, status = None, description = None, link = None, order = None, group = None, enabled = None, meta = None, tags = None, reason = None))]
    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        py: Python<'_>,
        id: i64,
        name: Option<String>,
        status: Option<Enum<core::ComponentStatus>>,
        description: Option<String>,
        link: Option<String>,
        order: Option<i64>,
        group: Option<i64>,
        enabled: Option<bool>,
        meta: Option<Json>,
        tags: Option<Vec<String>>,
        reason: Option<String>,
    ) -> PyResult<Py<Component>> {
        let patch = ComponentPatch {
            name,
            status: opt(status),
            description,
            link,
            order: order.map(|o| small("order", o)).transpose()?,
            group_id: group_arg(group),
            enabled,
            meta: meta.map(|m| m.0),
            tags,
            reason,
        };
        let c = run(py, &self.client, |s| s.update_component(id, patch))?;
        Component::from_core(py, c)
    }

    /// Sets the status and records `reason` in the history.
    #[pyo3(signature = (id, status, reason = "updated".to_string()))]
    fn set_status(
        &self,
        py: Python<'_>,
        id: i64,
        status: Enum<core::ComponentStatus>,
        reason: String,
    ) -> PyResult<Py<Component>> {
        let c = run(py, &self.client, |s| s.set_component_status(id, status.0, &reason))?;
        Component::from_core(py, c)
    }

    /// Deletes the component; raises `NotFoundError` when it does not exist.
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_component(id))
    }

    /// The component's status changes, newest first, at most `limit`.
    #[pyo3(signature = (id, limit = 100))]
    fn history(&self, py: Python<'_>, id: i64, limit: i64) -> PyResult<Vec<StatusChange>> {
        let limit = crate::convert::count("limit", limit)?;
        let changes = run(py, &self.client, |s| s.status_history(id, limit))?;
        changes
            .into_iter()
            .map(|ch| {
                Ok(StatusChange {
                    id: ch.id,
                    component_id: ch.component_id,
                    old_status: ch.old_status.map(|o| enum_out(py, o)).transpose()?,
                    new_status: enum_out(py, ch.new_status)?,
                    reason: ch.reason,
                    changed_at: ch.changed_at,
                })
            })
            .collect()
    }
}

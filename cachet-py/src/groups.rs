//! Component groups: sets of components shown together.

use cachet_core::model::{self as core, GroupPatch, GroupQuery, GroupSort, NewGroup, Viewer};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{Enum, enum_out, opt, page_request, small, sort_by};
use crate::page::Page;
use crate::record::record;

record! {
    /// A set of components shown together.
    pub struct ComponentGroup {
        /// Row id.
        pub id: i64,
        /// Display name.
        pub name: String,
        /// Position among groups.
        pub order: i32,
        /// How the page shows it (a `GroupCollapsed`).
        pub collapsed: Py<PyAny>,
        /// Hidden groups are shown to signed-in users only.
        pub visible: bool,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, name, collapsed, visible)
}

impl ComponentGroup {
    fn from_core(py: Python<'_>, g: core::ComponentGroup) -> PyResult<Py<ComponentGroup>> {
        let record = ComponentGroup {
            id: g.id,
            name: g.name,
            order: g.order,
            collapsed: enum_out(py, g.collapsed)?,
            visible: g.visible,
            created_at: g.created_at,
            updated_at: g.updated_at,
        };
        Py::new(py, record)
    }
}

collection! {
    /// The component groups of the page (`cachet.Cachet.groups`).
    Groups, "Groups"
}

#[pymethods]
impl Groups {
    /// Adds a group. Groups are hidden from visitors unless `visible=True` (Cachet's default).
    #[pyo3(signature = (name, *, order = 0, collapsed = Enum(core::GroupCollapsed::Expanded), visible = false))]
    fn create(
        &self,
        py: Python<'_>,
        name: String,
        order: i64,
        collapsed: Enum<core::GroupCollapsed>,
        visible: bool,
    ) -> PyResult<Py<ComponentGroup>> {
        let input = NewGroup { name, order: small("order", order)?, collapsed: collapsed.0, visible };
        let g = run(py, &self.client, |s| s.create_group(input))?;
        ComponentGroup::from_core(py, g)
    }

    /// The group with this id; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<ComponentGroup>> {
        let g = run(py, &self.client, |s| s.group(id))?;
        ComponentGroup::from_core(py, g)
    }

    /// The group with this id (as text) or exact name.
    fn find(&self, py: Python<'_>, id_or_name: String) -> PyResult<Py<ComponentGroup>> {
        let g = run(py, &self.client, |s| s.find_group(&id_or_name))?;
        ComponentGroup::from_core(py, g)
    }

    /// A page of groups (hidden ones included). `sort` is one of id, name, order, collapsed,
    /// visible.
    #[pyo3(signature = (*, name = None, collapsed = None, visible = None, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        py: Python<'_>,
        name: Option<String>,
        collapsed: Option<Enum<core::GroupCollapsed>>,
        visible: Option<bool>,
        sort: Option<String>,
        order: String,
        page: i64,
        per_page: i64,
    ) -> PyResult<Page> {
        let query = GroupQuery {
            name,
            collapsed: opt(collapsed),
            visible,
            sort: sort_by(sort.as_deref(), &order, GroupSort::parse, GroupSort::ALL, GroupSort::key)?,
            page: page_request(page, per_page)?,
            viewer: Viewer::Authenticated,
            ..GroupQuery::default()
        };
        let found = run(py, &self.client, |s| s.list_groups(&query))?;
        Page::new(py, found, |g| Ok(ComponentGroup::from_core(py, g)?.into_any()))
    }

    /// Changes the given fields; others stay.
    #[pyo3(signature = (id, *, name = None, order = None, collapsed = None, visible = None))]
    fn update(
        &self,
        py: Python<'_>,
        id: i64,
        name: Option<String>,
        order: Option<i64>,
        collapsed: Option<Enum<core::GroupCollapsed>>,
        visible: Option<bool>,
    ) -> PyResult<Py<ComponentGroup>> {
        let patch = GroupPatch {
            name,
            order: order.map(|o| small("order", o)).transpose()?,
            collapsed: opt(collapsed),
            visible,
        };
        let g = run(py, &self.client, |s| s.update_group(id, patch))?;
        ComponentGroup::from_core(py, g)
    }

    /// Deletes the group; its components become ungrouped.
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_group(id))
    }
}

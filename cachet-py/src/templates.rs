//! Incident templates: reusable messages with `{{ placeholders }}`, rendered by `incidents.create`.

use cachet_core::model::{self as core, TemplateSort};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{page_request, sort_by};
use crate::page::Page;
use crate::record::record;

record! {
    /// A reusable incident message with `{{ placeholders }}`.
    pub struct IncidentTemplate {
        /// Row id.
        pub id: i64,
        /// Display name.
        pub name: String,
        /// Unique, derived from the name; pass it as `template=` to `incidents.create`.
        pub slug: String,
        /// The text with placeholders.
        pub template: String,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, name, slug)
}

impl IncidentTemplate {
    fn from_core(py: Python<'_>, t: core::IncidentTemplate) -> PyResult<Py<IncidentTemplate>> {
        let record = IncidentTemplate {
            id: t.id,
            name: t.name,
            slug: t.slug,
            template: t.template,
            created_at: t.created_at,
            updated_at: t.updated_at,
        };
        Py::new(py, record)
    }
}

collection! {
    /// Incident templates (`cachet.Cachet.templates`).
    Templates, "Templates"
}

#[pymethods]
impl Templates {
    /// Adds a template; its slug comes from the name and must be unique (`ConflictError`).
    fn create(&self, py: Python<'_>, name: String, template: String) -> PyResult<Py<IncidentTemplate>> {
        let t = run(py, &self.client, |s| s.create_template(&name, &template))?;
        IncidentTemplate::from_core(py, t)
    }

    /// The template with this id; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<IncidentTemplate>> {
        let t = run(py, &self.client, |s| s.template(id))?;
        IncidentTemplate::from_core(py, t)
    }

    /// A page of templates. `sort` is one of id, name, slug.
    #[pyo3(signature = (*, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    fn list(&self, py: Python<'_>, sort: Option<String>, order: String, page: i64, per_page: i64) -> PyResult<Page> {
        let sort = sort_by(sort.as_deref(), &order, TemplateSort::parse, TemplateSort::ALL, TemplateSort::key)?;
        let page = page_request(page, per_page)?;
        let found = run(py, &self.client, |s| s.list_templates(sort, page))?;
        Page::new(py, found, |t| Ok(IncidentTemplate::from_core(py, t)?.into_any()))
    }

    /// Deletes the template.
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_template(id))
    }
}

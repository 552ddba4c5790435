//! Incident templates (read through the API; written by the CLI and the library).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::components::sorted;
use super::rows::{naive, slugify, utc};
use super::{Resource, Store, validate};
use crate::db::schema::incident_templates as templates;
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{IncidentTemplate, Page, PageRequest, SortOrder, TemplateSort};

#[derive(Queryable, Selectable)]
#[diesel(table_name = templates)]
struct TemplateRow {
    id: i64,
    name: String,
    slug: String,
    template: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl From<TemplateRow> for IncidentTemplate {
    fn from(r: TemplateRow) -> Self {
        IncidentTemplate {
            id: r.id,
            name: r.name,
            slug: r.slug,
            template: r.template,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
        }
    }
}

/// The template with this slug; `None` for no slug or an unknown one (Cachet then keeps the
/// message as given).
pub(super) fn by_slug(c: &mut AnyConnection, slug: Option<&str>) -> Result<Option<IncidentTemplate>> {
    let Some(slug) = slug.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    Ok(templates::table
        .filter(templates::slug.eq(slug))
        .select(TemplateRow::as_select())
        .first(c)
        .optional()?
        .map(IncidentTemplate::from))
}

impl Store {
    /// Creates a template; its slug comes from the name and must be unique.
    pub fn create_template(&self, name: &str, template: &str) -> Result<IncidentTemplate> {
        let name = validate::name("name", name)?;
        let template = validate::required_text("template", template)?;
        let slug = slugify(&name);
        if slug.is_empty() {
            return Err(Error::invalid("name", "must contain a letter or digit"));
        }
        let now = naive(self.now());
        self.write(Resource::Template, |c| {
            if by_slug(c, Some(&slug))?.is_some() {
                return Err(Error::Conflict(format!("a template with slug {slug:?} exists")));
            }
            diesel::insert_into(templates::table)
                .values((
                    templates::name.eq(&name),
                    templates::slug.eq(&slug),
                    templates::template.eq(&template),
                    templates::created_at.eq(now),
                    templates::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            Ok(templates::table.find(id).select(TemplateRow::as_select()).first(c)?.into())
        })
    }

    /// One template by id.
    pub fn template(&self, id: i64) -> Result<IncidentTemplate> {
        self.read(|c| {
            Ok(templates::table
                .find(id)
                .select(TemplateRow::as_select())
                .first(c)
                .optional()?
                .ok_or_else(|| Error::not_found("incident template", id))?
                .into())
        })
    }

    /// A page of templates.
    pub fn list_templates(
        &self,
        sort: Option<(TemplateSort, SortOrder)>,
        page: PageRequest,
    ) -> Result<Page<IncidentTemplate>> {
        self.read(|c| {
            let total: i64 = templates::table.count().get_result(c)?;
            let query = templates::table.select(TemplateRow::as_select()).into_boxed();
            let query = match sort {
                None => query.order_by(templates::id.asc()),
                Some((TemplateSort::Id, o)) => sorted!(query, templates::id, o),
                Some((TemplateSort::Name, o)) => sorted!(query, templates::name, o),
                Some((TemplateSort::Slug, o)) => sorted!(query, templates::slug, o),
            }
            .then_order_by(templates::id.asc());
            let rows = query.offset(page.offset()).limit(page.limit()).load(c)?;
            Ok(Page {
                items: rows.into_iter().map(IncidentTemplate::from).collect(),
                total: total as u64,
                page: page.page.max(1),
                per_page: page.limit() as u32,
            })
        })
    }

    /// Deletes a template.
    pub fn delete_template(&self, id: i64) -> Result<()> {
        self.write(Resource::Template, |c| {
            let n = diesel::delete(templates::table.find(id)).execute(c)?;
            if n == 0 {
                return Err(Error::not_found("incident template", id));
            }
            Ok(())
        })
    }
}

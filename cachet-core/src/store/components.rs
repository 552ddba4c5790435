//! Components: create, read, update, delete, list, and status changes with history.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::rows::{Db, enum_value, json, naive, slugify, utc};
use super::{Resource, Store, history, validate};
use crate::db::schema::{
    component_groups, component_status_changes, component_tags, components, incident_components, incidents,
    schedule_components, subscriptions,
};
use crate::db::types::DbTime;
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{
    Component, ComponentPatch, ComponentQuery, ComponentSort, ComponentStatus, NewComponent, Page, Tag,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = components)]
pub(super) struct ComponentRow {
    id: i64,
    name: String,
    description: String,
    link: Option<String>,
    status: i16,
    position: i32,
    group_id: Option<i64>,
    enabled: bool,
    meta: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl ComponentRow {
    fn into_component(self, tags: Vec<Tag>) -> Result<Component> {
        Ok(Component {
            id: self.id,
            name: self.name,
            description: self.description,
            link: self.link,
            status: enum_value(self.status, ComponentStatus::from_value)?,
            order: self.position,
            group_id: self.group_id,
            enabled: self.enabled,
            meta: json(self.meta),
            tags,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }
}

/// Tag names to (slug, name) pairs, without duplicates or empty slugs.
fn tag_pairs(names: &[String]) -> Result<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let name = validate::short("tags", name)?;
        let slug = slugify(&name);
        if !slug.is_empty() && !pairs.iter().any(|(s, _)| *s == slug) {
            pairs.push((slug, name));
        }
    }
    Ok(pairs)
}

/// `Some(0)` is Cachet's "no group".
fn group_ref(group_id: Option<i64>) -> Option<i64> {
    group_id.filter(|id| *id != 0)
}

fn ensure_group(c: &mut AnyConnection, group_id: Option<i64>) -> Result<()> {
    if let Some(id) = group_id {
        let found: i64 = component_groups::table.filter(component_groups::id.eq(id)).count().get_result(c)?;
        if found == 0 {
            return Err(Error::invalid("group_id", format!("no component group has id {id}")));
        }
    }
    Ok(())
}

fn replace_tags(c: &mut AnyConnection, id: i64, pairs: &[(String, String)]) -> Result<()> {
    diesel::delete(component_tags::table.filter(component_tags::component_id.eq(id))).execute(c)?;
    // One row at a time: diesel's multi-backend connection has no batch insert, and tags are few.
    for (slug, name) in pairs {
        diesel::insert_into(component_tags::table)
            .values((component_tags::component_id.eq(id), component_tags::slug.eq(slug), component_tags::name.eq(name)))
            .execute(c)?;
    }
    Ok(())
}

/// Loads components with their tags, keeping the order of `rows`.
pub(super) fn with_tags(c: &mut AnyConnection, rows: Vec<ComponentRow>) -> Result<Vec<Component>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut tags: HashMap<i64, Vec<Tag>> = HashMap::new();
    if !ids.is_empty() {
        let found: Vec<(i64, String, String)> = component_tags::table
            .filter(component_tags::component_id.eq_any(&ids))
            .order((component_tags::component_id, component_tags::slug))
            .load(c)?;
        for (id, slug, name) in found {
            tags.entry(id).or_default().push(Tag { slug, name });
        }
    }
    rows.into_iter()
        .map(|r| {
            let t = tags.remove(&r.id).unwrap_or_default();
            r.into_component(t)
        })
        .collect()
}

pub(super) fn load(c: &mut AnyConnection, id: i64) -> Result<Component> {
    let row = components::table
        .find(id)
        .select(ComponentRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("component", id))?;
    Ok(with_tags(c, vec![row])?.remove(0))
}

/// Sets a component's status and records the change; a no-op when the status is unchanged.
pub(super) fn change_status(
    c: &mut AnyConnection,
    id: i64,
    status: ComponentStatus,
    reason: &str,
    now: DbTime,
) -> Result<bool> {
    let current: i16 = components::table
        .find(id)
        .select(components::status)
        .first(c)
        .optional()?
        .ok_or_else(|| Error::invalid("component_id", format!("no component has id {id}")))?;
    if current == status.value() {
        return Ok(false);
    }
    diesel::update(components::table.find(id))
        .set((components::status.eq(status.value()), components::updated_at.eq(now)))
        .execute(c)?;
    history::record(c, id, Some(enum_value(current, ComponentStatus::from_value)?), status, reason, now)?;
    Ok(true)
}

fn filtered(q: &ComponentQuery) -> components::BoxedQuery<'_, Db> {
    let mut query = components::table.into_boxed();
    if let Some(id) = q.id {
        query = query.filter(components::id.eq(id));
    }
    if let Some(name) = &q.name {
        query = query.filter(components::name.eq(name));
    }
    if let Some(status) = q.status {
        query = query.filter(components::status.eq(status.value()));
    }
    if let Some(order) = q.order {
        query = query.filter(components::position.eq(order));
    }
    match q.group_id.map(group_ref) {
        Some(Some(group)) => query = query.filter(components::group_id.eq(group)),
        Some(None) => query = query.filter(components::group_id.is_null()),
        None => {}
    }
    if let Some(enabled) = q.enabled {
        query = query.filter(components::enabled.eq(enabled));
    }
    if !q.viewer.sees_private() {
        // Viewer::sees_component in SQL: enabled, and not in a hidden group.
        let hidden_groups =
            component_groups::table.filter(component_groups::visible.eq(false)).select(component_groups::id.nullable());
        query = query
            .filter(components::enabled.eq(true))
            .filter(components::group_id.is_null().or(diesel::dsl::not(components::group_id.eq_any(hidden_groups))));
    }
    if !q.tags.is_empty() {
        let slugs: Vec<String> = q.tags.iter().map(|t| slugify(t)).collect();
        query = query.filter(components::id.eq_any(
            component_tags::table.filter(component_tags::slug.eq_any(slugs)).select(component_tags::component_id),
        ));
    }
    query
}

macro_rules! sorted {
    ($query:expr, $column:expr, $order:expr) => {
        match $order {
            $crate::model::SortOrder::Asc => $query.order_by($column.asc()),
            $crate::model::SortOrder::Desc => $query.order_by($column.desc()),
        }
    };
}
pub(super) use sorted;

impl Store {
    /// Creates a component and records its first status in the history.
    pub fn create_component(&self, input: NewComponent) -> Result<Component> {
        let name = validate::name("name", &input.name)?;
        let description = validate::text("description", &input.description)?;
        let link = validate::link("link", input.link.as_deref())?;
        let meta = validate::meta("meta", input.meta.as_ref())?;
        let tags = tag_pairs(&input.tags)?;
        let group_id = group_ref(input.group_id);
        self.write(Resource::Component, |c| {
            // Read the clock once the write lock is held, so history times follow commit order.
            let now = naive(self.now());
            ensure_group(c, group_id)?;
            diesel::insert_into(components::table)
                .values((
                    components::name.eq(&name),
                    components::description.eq(&description),
                    components::link.eq(&link),
                    components::status.eq(input.status.value()),
                    components::position.eq(input.order),
                    components::group_id.eq(group_id),
                    components::enabled.eq(input.enabled),
                    components::meta.eq(&meta),
                    components::created_at.eq(now),
                    components::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            replace_tags(c, id, &tags)?;
            history::record(c, id, None, input.status, "created", now)?;
            load(c, id)
        })
    }

    /// One component by id, whatever its visibility.
    pub fn component(&self, id: i64) -> Result<Component> {
        self.read(|c| load(c, id))
    }

    /// One component by id, or else by exact name (for frontends where users type names).
    pub fn find_component(&self, id_or_name: &str) -> Result<Component> {
        let id_or_name = id_or_name.trim();
        if let Ok(id) = id_or_name.parse::<i64>() {
            return self.component(id);
        }
        self.read(|c| {
            let id: i64 = components::table
                .filter(components::name.eq(id_or_name))
                .select(components::id)
                .order(components::id)
                .first(c)
                .optional()?
                .ok_or_else(|| Error::not_found("component", format!("{id_or_name:?}")))?;
            load(c, id)
        })
    }

    /// A page of components matching the query.
    pub fn list_components(&self, q: &ComponentQuery) -> Result<Page<Component>> {
        self.read(|c| {
            let total: i64 = filtered(q).count().get_result(c)?;
            let query = filtered(q).select(ComponentRow::as_select());
            let query = match q.sort {
                None => query.order_by(components::id.asc()),
                Some((key, order)) => match key {
                    ComponentSort::Id => sorted!(query, components::id, order),
                    ComponentSort::Name => sorted!(query, components::name, order),
                    ComponentSort::Status => sorted!(query, components::status, order),
                    ComponentSort::Order => sorted!(query, components::position, order),
                    ComponentSort::GroupId => sorted!(query, components::group_id, order),
                    ComponentSort::Enabled => sorted!(query, components::enabled, order),
                }
                .then_order_by(components::id.asc()),
            };
            let rows = query.offset(q.page.offset()).limit(q.page.limit()).load(c)?;
            Ok(Page {
                items: with_tags(c, rows)?,
                total: total as u64,
                page: q.page.page.max(1),
                per_page: q.page.limit() as u32,
            })
        })
    }

    /// Every enabled component of the given groups, by group, then order, then id.
    pub fn enabled_components_of(&self, group_ids: &[i64]) -> Result<Vec<Component>> {
        self.read(|c| {
            let rows = components::table
                .filter(components::group_id.eq_any(group_ids))
                .filter(components::enabled.eq(true))
                .order((components::group_id, components::position, components::id))
                .select(ComponentRow::as_select())
                .load(c)?;
            with_tags(c, rows)
        })
    }

    /// Changes the given fields; a status change is recorded in the history.
    pub fn update_component(&self, id: i64, patch: ComponentPatch) -> Result<Component> {
        let name = patch.name.as_deref().map(|n| validate::name("name", n)).transpose()?;
        let description = patch.description.as_deref().map(|d| validate::text("description", d)).transpose()?;
        let link = patch.link.as_deref().map(|l| validate::link("link", Some(l))).transpose()?;
        let meta = patch.meta.as_ref().map(|m| validate::meta("meta", Some(m))).transpose()?;
        let tags = patch.tags.as_deref().map(tag_pairs).transpose()?;
        let group_id = patch.group_id.map(group_ref);
        let reason = patch.reason.clone().unwrap_or_else(|| "updated".into());
        self.write(Resource::Component, |c| {
            // Read the clock once the write lock is held, so history times follow commit order.
            let now = naive(self.now());
            load(c, id)?;
            if let Some(group_id) = group_id {
                ensure_group(c, group_id)?;
                diesel::update(components::table.find(id)).set(components::group_id.eq(group_id)).execute(c)?;
            }
            let target = components::table.find(id);
            if let Some(name) = name {
                diesel::update(target).set(components::name.eq(name)).execute(c)?;
            }
            if let Some(description) = description {
                diesel::update(target).set(components::description.eq(description)).execute(c)?;
            }
            if let Some(link) = link {
                diesel::update(target).set(components::link.eq(link)).execute(c)?;
            }
            if let Some(order) = patch.order {
                diesel::update(target).set(components::position.eq(order)).execute(c)?;
            }
            if let Some(enabled) = patch.enabled {
                diesel::update(target).set(components::enabled.eq(enabled)).execute(c)?;
            }
            if let Some(meta) = meta {
                diesel::update(target).set(components::meta.eq(meta)).execute(c)?;
            }
            if let Some(tags) = &tags {
                replace_tags(c, id, tags)?;
            }
            if let Some(status) = patch.status {
                change_status(c, id, status, &reason, now)?;
            }
            diesel::update(target).set(components::updated_at.eq(now)).execute(c)?;
            load(c, id)
        })
    }

    /// Sets a component's status, recording why in the history.
    pub fn set_component_status(&self, id: i64, status: ComponentStatus, reason: &str) -> Result<Component> {
        let reason = validate::short("reason", if reason.trim().is_empty() { "updated" } else { reason.trim() })?;
        self.write(Resource::Component, |c| {
            // Read the clock once the write lock is held, so history times follow commit order.
            let now = naive(self.now());
            load(c, id)?;
            change_status(c, id, status, &reason, now)?;
            load(c, id)
        })
    }

    /// Deletes a component with its tags, history, subscriptions and incident and maintenance links.
    pub fn delete_component(&self, id: i64) -> Result<()> {
        self.write(Resource::Component, |c| {
            load(c, id)?;
            diesel::delete(component_tags::table.filter(component_tags::component_id.eq(id))).execute(c)?;
            diesel::delete(component_status_changes::table.filter(component_status_changes::component_id.eq(id)))
                .execute(c)?;
            diesel::delete(incident_components::table.filter(incident_components::component_id.eq(id))).execute(c)?;
            diesel::delete(schedule_components::table.filter(schedule_components::component_id.eq(id))).execute(c)?;
            diesel::delete(subscriptions::table.filter(subscriptions::component_id.eq(id))).execute(c)?;
            diesel::update(incidents::table.filter(incidents::component_id.eq(id)))
                .set(incidents::component_id.eq(0))
                .execute(c)?;
            diesel::delete(components::table.find(id)).execute(c)?;
            Ok(())
        })
    }
}

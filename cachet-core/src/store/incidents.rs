//! Incidents and the components they affect.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{Value, json};

use super::components::{self, sorted};
use super::rows::{Db, enum_value, json, naive, utc};
use super::updates::{self, UpdateRow};
use super::{Resource, Store, templates, validate};
use crate::db::schema::{
    components as component_table, incident_components, incident_counts, incident_updates, incidents,
};
use crate::db::types::DbTime;
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{
    AffectedComponent, ComponentStatus, Incident, IncidentPatch, IncidentQuery, IncidentSort, IncidentStatus,
    NewIncident, NewIncidentUpdate, Page,
};
use crate::status::incident_is_resolved;

#[derive(Queryable, Selectable)]
#[diesel(table_name = incidents)]
struct IncidentRow {
    id: i64,
    user_id: Option<i64>,
    component_id: i64,
    name: String,
    status: i16,
    visible: bool,
    stickied: bool,
    notify: bool,
    is_resolved: bool,
    message: String,
    meta: Option<String>,
    occurred_at: NaiveDateTime,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Loads incidents with their affected components and updates, keeping the order of `rows`.
fn assemble(c: &mut AnyConnection, rows: Vec<IncidentRow>) -> Result<Vec<Incident>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut affected: HashMap<i64, Vec<AffectedComponent>> = HashMap::new();
    let mut updates: HashMap<i64, Vec<_>> = HashMap::new();
    if !ids.is_empty() {
        let links: Vec<(i64, i64, i16)> = incident_components::table
            .filter(incident_components::incident_id.eq_any(&ids))
            .order((incident_components::incident_id, incident_components::component_id))
            .load(c)?;
        for (incident, component_id, status) in links {
            let status = enum_value(status, ComponentStatus::from_value)?;
            affected.entry(incident).or_default().push(AffectedComponent { component_id, status });
        }
        let found: Vec<UpdateRow> = incident_updates::table
            .filter(incident_updates::incident_id.eq_any(&ids))
            .order((incident_updates::incident_id, incident_updates::id.desc()))
            .select(UpdateRow::as_select())
            .load(c)?;
        for row in found {
            let update = row.into_update()?;
            updates.entry(update.incident_id).or_default().push(update);
        }
    }
    rows.into_iter()
        .map(|r| {
            Ok(Incident {
                id: r.id,
                user_id: r.user_id,
                component_id: r.component_id,
                name: r.name,
                status: enum_value(r.status, IncidentStatus::from_value)?,
                message: r.message,
                visible: r.visible,
                stickied: r.stickied,
                notify: r.notify,
                is_resolved: r.is_resolved,
                meta: json(r.meta),
                occurred_at: utc(r.occurred_at),
                created_at: utc(r.created_at),
                updated_at: utc(r.updated_at),
                components: affected.remove(&r.id).unwrap_or_default(),
                updates: updates.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect()
}

pub(super) fn load(c: &mut AnyConnection, id: i64) -> Result<Incident> {
    let row = incidents::table
        .find(id)
        .select(IncidentRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("incident", id))?;
    Ok(assemble(c, vec![row])?.remove(0))
}

/// Recomputes `is_resolved` from the incident's status and its latest update.
pub(super) fn refresh_resolution(c: &mut AnyConnection, id: i64) -> Result<()> {
    let status: i16 = incidents::table.find(id).select(incidents::status).first(c)?;
    let latest: Option<i16> = incident_updates::table
        .filter(incident_updates::incident_id.eq(id))
        .order(incident_updates::id.desc())
        .select(incident_updates::status)
        .first(c)
        .optional()?;
    let resolved = incident_is_resolved(
        enum_value(status, IncidentStatus::from_value)?,
        latest.map(|s| enum_value(s, IncidentStatus::from_value)).transpose()?,
    );
    diesel::update(incidents::table.find(id)).set(incidents::is_resolved.eq(resolved)).execute(c)?;
    Ok(())
}

/// Checks the affected components: each exists, none twice.
fn check_affected(c: &mut AnyConnection, affected: &[AffectedComponent]) -> Result<()> {
    for (i, a) in affected.iter().enumerate() {
        if affected[..i].iter().any(|b| b.component_id == a.component_id) {
            return Err(Error::invalid("components", format!("component {} is listed twice", a.component_id)));
        }
        let found: i64 = component_table::table.filter(component_table::id.eq(a.component_id)).count().get_result(c)?;
        if found == 0 {
            return Err(Error::invalid("component_id", format!("no component has id {}", a.component_id)));
        }
    }
    Ok(())
}

/// Replaces the affected set and gives each component the incident's status for it.
fn apply_affected(c: &mut AnyConnection, id: i64, affected: &[AffectedComponent], now: DbTime) -> Result<()> {
    diesel::delete(incident_components::table.filter(incident_components::incident_id.eq(id))).execute(c)?;
    for a in affected {
        diesel::insert_into(incident_components::table)
            .values((
                incident_components::incident_id.eq(id),
                incident_components::component_id.eq(a.component_id),
                incident_components::status.eq(a.status.value()),
            ))
            .execute(c)?;
        components::change_status(c, a.component_id, a.status, &format!("incident #{id}"), now)?;
    }
    let first = affected.first().map_or(0, |a| a.component_id);
    diesel::update(incidents::table.find(id)).set(incidents::component_id.eq(first)).execute(c)?;
    Ok(())
}

/// The values a template sees: the caller's `vars`, and `incident` with the incident's fields.
fn template_values(
    c: &mut AnyConnection,
    vars: Option<&Value>,
    incident: Value,
    affected: Option<&AffectedComponent>,
) -> Result<Value> {
    let mut values = match vars {
        Some(Value::Object(map)) => Value::Object(map.clone()),
        None | Some(Value::Null) => json!({}),
        Some(_) => return Err(Error::invalid("vars", "must be a JSON object")),
    };
    let mut incident = incident;
    if let Some(a) = affected {
        let component = components::load(c, a.component_id)?;
        incident["component"] = json!({"id": component.id, "name": component.name, "status": component.status});
        incident["component_status"] = json!(a.status.value());
    }
    values["incident"] = incident;
    Ok(values)
}

fn filtered(q: &IncidentQuery) -> incidents::BoxedQuery<'_, Db> {
    let mut query = incidents::table.into_boxed();
    if let Some(id) = q.id {
        query = query.filter(incidents::id.eq(id));
    }
    if let Some(user_id) = q.user_id {
        query = query.filter(incidents::user_id.eq(user_id));
    }
    if let Some(component_id) = q.component_id {
        query = query.filter(
            incidents::component_id.eq(component_id).or(incidents::id.eq_any(
                incident_components::table
                    .filter(incident_components::component_id.eq(component_id))
                    .select(incident_components::incident_id),
            )),
        );
    }
    if let Some(name) = &q.name {
        query = query.filter(incidents::name.eq(name));
    }
    if let Some(status) = q.status {
        query = query.filter(incidents::status.eq(status.value()));
    }
    if let Some(visible) = q.visible {
        query = query.filter(incidents::visible.eq(visible));
    }
    if let Some(stickied) = q.stickied {
        query = query.filter(incidents::stickied.eq(stickied));
    }
    if let Some(resolved) = q.resolved {
        query = query.filter(incidents::is_resolved.eq(resolved));
    }
    if let Some(after) = q.occurred_after {
        query = query.filter(incidents::occurred_at.ge(naive(after)));
    }
    if let Some(before) = q.occurred_before {
        query = query.filter(incidents::occurred_at.lt(naive(before)));
    }
    if !q.viewer.sees_private() {
        query = query.filter(incidents::visible.eq(true));
    }
    query
}

/// How many incidents match the query. A query that filters on visibility at most reads the
/// totals the triggers keep in `incident_counts`; any other filter counts matching rows.
fn total(c: &mut AnyConnection, q: &IncidentQuery) -> Result<i64> {
    // Exhaustive on purpose: a new filter must be considered here, or totals would be wrong.
    let IncidentQuery {
        id,
        user_id,
        component_id,
        name,
        status,
        visible,
        stickied,
        resolved,
        occurred_after,
        occurred_before,
        sort: _,
        page: _,
        viewer,
    } = q;
    let only_visibility = id.is_none()
        && user_id.is_none()
        && component_id.is_none()
        && name.is_none()
        && status.is_none()
        && stickied.is_none()
        && resolved.is_none()
        && occurred_after.is_none()
        && occurred_before.is_none();
    if !only_visibility {
        return Ok(filtered(q).count().get_result(c)?);
    }
    let counts: Vec<(bool, i64)> = incident_counts::table.load(c)?;
    Ok(counts
        .into_iter()
        .filter(|(v, _)| visible.is_none_or(|want| *v == want) && (*v || viewer.sees_private()))
        .map(|(_, n)| n)
        .sum())
}

impl Store {
    /// Opens an incident; each affected component takes the status the incident gives it. With a
    /// template, the rendered template becomes the message (an unknown slug keeps the message).
    pub fn create_incident(&self, input: NewIncident) -> Result<Incident> {
        let name = validate::name("name", &input.name)?;
        let meta = validate::meta("meta", input.meta.as_ref())?;
        validate::optional_time("occurred_at", input.occurred_at)?;
        self.write(Resource::Incident, |c| {
            // Read the clock once the write lock is held, so history times follow commit order.
            let now = self.now();
            let occurred_at = naive(input.occurred_at.unwrap_or(now));
            let now = naive(now);
            check_affected(c, &input.components)?;
            let mut message = input.message.clone();
            if let Some(template) = templates::by_slug(c, input.template.as_deref())? {
                let incident = json!({
                    "name": name, "status": input.status.value(), "message": input.message,
                    "visible": input.visible, "notify": input.notify, "stickied": input.stickied,
                    "occurred_at": occurred_at.0.format("%Y-%m-%d %H:%M:%S").to_string(),
                });
                let values = template_values(c, input.vars.as_ref(), incident, input.components.first())?;
                message = crate::template::render(&template.template, &values);
            }
            let message = validate::required_text("message", &message)?;
            diesel::insert_into(incidents::table)
                .values((
                    incidents::user_id.eq(input.user_id),
                    incidents::component_id.eq(0),
                    incidents::name.eq(&name),
                    incidents::status.eq(input.status.value()),
                    incidents::visible.eq(input.visible),
                    incidents::stickied.eq(input.stickied),
                    incidents::notify.eq(input.notify),
                    incidents::is_resolved.eq(incident_is_resolved(input.status, None)),
                    incidents::message.eq(&message),
                    incidents::meta.eq(&meta),
                    incidents::occurred_at.eq(occurred_at),
                    incidents::created_at.eq(now),
                    incidents::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            apply_affected(c, id, &input.components, now)?;
            load(c, id)
        })
    }

    /// One incident by id with its components and updates, whatever its visibility.
    pub fn incident(&self, id: i64) -> Result<Incident> {
        self.read(|c| load(c, id))
    }

    /// A page of incidents matching the query, each with its components and updates.
    pub fn list_incidents(&self, q: &IncidentQuery) -> Result<Page<Incident>> {
        self.read(|c| {
            let total = total(c, q)?;
            let query = filtered(q).select(IncidentRow::as_select());
            let query = match q.sort {
                None => query.order_by(incidents::id.asc()),
                Some((key, order)) => match key {
                    IncidentSort::Id => sorted!(query, incidents::id, order),
                    IncidentSort::UserId => sorted!(query, incidents::user_id, order),
                    IncidentSort::Name => sorted!(query, incidents::name, order),
                    IncidentSort::Status => sorted!(query, incidents::status, order),
                    IncidentSort::Visible => sorted!(query, incidents::visible, order),
                    IncidentSort::Stickied => sorted!(query, incidents::stickied, order),
                    IncidentSort::Message => sorted!(query, incidents::message, order),
                    IncidentSort::OccurredAt => sorted!(query, incidents::occurred_at, order),
                    IncidentSort::CreatedAt => sorted!(query, incidents::created_at, order),
                }
                .then_order_by(incidents::id.asc()),
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

    /// Whether any incident, visible or not, is unresolved (Cachet's banner counts hidden ones).
    pub fn has_unresolved_incident(&self) -> Result<bool> {
        self.read(|c| {
            let open: Option<i64> =
                incidents::table.filter(incidents::is_resolved.eq(false)).select(incidents::id).first(c).optional()?;
            Ok(open.is_some())
        })
    }

    /// Changes the given fields. New affected components replace the old set and take their
    /// statuses; a template re-renders the message.
    pub fn update_incident(&self, id: i64, patch: IncidentPatch) -> Result<Incident> {
        let name = patch.name.as_deref().map(|n| validate::name("name", n)).transpose()?;
        let meta = patch.meta.as_ref().map(|m| validate::meta("meta", Some(m))).transpose()?;
        validate::optional_time("occurred_at", patch.occurred_at)?;
        self.write(Resource::Incident, |c| {
            // Read the clock once the write lock is held, so history times follow commit order.
            let now = naive(self.now());
            let current = load(c, id)?;
            if let Some(affected) = &patch.components {
                check_affected(c, affected)?;
            }
            let target = incidents::table.find(id);
            let mut message = patch.message.clone();
            if let Some(template) = templates::by_slug(c, patch.template.as_deref())? {
                let incident = json!({
                    "name": name.as_deref().unwrap_or(&current.name),
                    "status": patch.status.unwrap_or(current.status).value(),
                    "message": message.as_deref().unwrap_or(&current.message),
                    "visible": patch.visible.unwrap_or(current.visible),
                    "notify": patch.notify.unwrap_or(current.notify),
                    "stickied": patch.stickied.unwrap_or(current.stickied),
                    "occurred_at": patch.occurred_at.unwrap_or(current.occurred_at).format("%Y-%m-%d %H:%M:%S").to_string(),
                });
                let first = patch.components.as_ref().and_then(|a| a.first()).or(current.components.first()).copied();
                let values = template_values(c, patch.vars.as_ref(), incident, first.as_ref())?;
                message = Some(crate::template::render(&template.template, &values));
            }
            if let Some(message) = message {
                let message = validate::required_text("message", &message)?;
                diesel::update(target).set(incidents::message.eq(message)).execute(c)?;
            }
            if let Some(name) = name {
                diesel::update(target).set(incidents::name.eq(name)).execute(c)?;
            }
            if let Some(status) = patch.status {
                diesel::update(target).set(incidents::status.eq(status.value())).execute(c)?;
            }
            if let Some(visible) = patch.visible {
                diesel::update(target).set(incidents::visible.eq(visible)).execute(c)?;
            }
            if let Some(stickied) = patch.stickied {
                diesel::update(target).set(incidents::stickied.eq(stickied)).execute(c)?;
            }
            if let Some(notify) = patch.notify {
                diesel::update(target).set(incidents::notify.eq(notify)).execute(c)?;
            }
            if let Some(at) = patch.occurred_at {
                diesel::update(target).set(incidents::occurred_at.eq(naive(at))).execute(c)?;
            }
            if let Some(meta) = meta {
                diesel::update(target).set(incidents::meta.eq(meta)).execute(c)?;
            }
            if let Some(affected) = &patch.components {
                apply_affected(c, id, affected, now)?;
            }
            diesel::update(target).set(incidents::updated_at.eq(now)).execute(c)?;
            refresh_resolution(c, id)?;
            load(c, id)
        })
    }

    /// Resolves an incident: adds a Fixed update with `message` and sets every affected component
    /// back to Operational, all in one transaction.
    pub fn resolve_incident(&self, id: i64, message: &str) -> Result<Incident> {
        let message = validate::required_text("message", message)?;
        self.write(Resource::Incident, |c| {
            // Read the clock once the write lock is held, so history times follow commit order.
            let now = naive(self.now());
            let incident = load(c, id)?;
            updates::insert(c, id, &NewIncidentUpdate { status: IncidentStatus::Fixed, message, user_id: None }, now)?;
            for a in &incident.components {
                components::change_status(
                    c,
                    a.component_id,
                    ComponentStatus::Operational,
                    &format!("incident #{id} resolved"),
                    now,
                )?;
            }
            load(c, id)
        })
    }

    /// Deletes an incident with its updates and component links (component statuses stay).
    pub fn delete_incident(&self, id: i64) -> Result<()> {
        self.write(Resource::Incident, |c| {
            load(c, id)?;
            diesel::delete(incident_updates::table.filter(incident_updates::incident_id.eq(id))).execute(c)?;
            diesel::delete(incident_components::table.filter(incident_components::incident_id.eq(id))).execute(c)?;
            diesel::delete(incidents::table.find(id)).execute(c)?;
            Ok(())
        })
    }
}

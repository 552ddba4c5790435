//! Incident updates: each one sets its incident's status.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::rows::{enum_value, naive, utc};
use super::{Resource, Store, incidents, validate};
use crate::db::schema::{incident_updates as updates, incidents as incident_table};
use crate::db::types::DbTime;
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{
    IncidentStatus, IncidentUpdate, IncidentUpdatePatch, IncidentUpdateSort, NewIncidentUpdate, Page, PageRequest,
    SortOrder,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = updates)]
pub(super) struct UpdateRow {
    id: i64,
    incident_id: i64,
    status: i16,
    message: String,
    user_id: Option<i64>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl UpdateRow {
    pub(super) fn into_update(self) -> Result<IncidentUpdate> {
        Ok(IncidentUpdate {
            id: self.id,
            incident_id: self.incident_id,
            status: enum_value(self.status, IncidentStatus::from_value)?,
            message: self.message,
            user_id: self.user_id,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }
}

/// Updates use statuses 1-4; the legacy 0 belongs to incidents only.
fn update_status(status: IncidentStatus) -> Result<IncidentStatus> {
    if status == IncidentStatus::Scheduled {
        return Err(Error::invalid("status", "must be one of 1, 2, 3, 4"));
    }
    Ok(status)
}

/// Adds an update and makes its status the incident's.
pub(super) fn insert(c: &mut AnyConnection, incident_id: i64, input: &NewIncidentUpdate, now: DbTime) -> Result<i64> {
    diesel::insert_into(updates::table)
        .values((
            updates::incident_id.eq(incident_id),
            updates::status.eq(input.status.value()),
            updates::message.eq(&input.message),
            updates::user_id.eq(input.user_id),
            updates::created_at.eq(now),
            updates::updated_at.eq(now),
        ))
        .execute(c)?;
    let id = last_insert_id(c)?;
    diesel::update(incident_table::table.find(incident_id))
        .set((incident_table::status.eq(input.status.value()), incident_table::updated_at.eq(now)))
        .execute(c)?;
    incidents::refresh_resolution(c, incident_id)?;
    Ok(id)
}

fn load(c: &mut AnyConnection, incident_id: i64, id: i64) -> Result<IncidentUpdate> {
    updates::table
        .find(id)
        .filter(updates::incident_id.eq(incident_id))
        .select(UpdateRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("incident update", id))?
        .into_update()
}

impl Store {
    /// Adds an update to an incident; the incident takes its status.
    pub fn create_incident_update(&self, incident_id: i64, input: NewIncidentUpdate) -> Result<IncidentUpdate> {
        let input = NewIncidentUpdate {
            status: update_status(input.status)?,
            message: validate::required_text("message", &input.message)?,
            user_id: input.user_id,
        };
        let now = naive(self.now());
        self.write(Resource::Incident, |c| {
            incidents::load(c, incident_id)?;
            let id = insert(c, incident_id, &input, now)?;
            load(c, incident_id, id)
        })
    }

    /// One update of an incident.
    pub fn incident_update(&self, incident_id: i64, id: i64) -> Result<IncidentUpdate> {
        self.read(|c| {
            incidents::load(c, incident_id)?;
            load(c, incident_id, id)
        })
    }

    /// A page of an incident's updates, newest first; `sort` orders within equal times.
    pub fn list_incident_updates(
        &self,
        incident_id: i64,
        sort: Option<(IncidentUpdateSort, SortOrder)>,
        page: PageRequest,
    ) -> Result<Page<IncidentUpdate>> {
        self.read(|c| {
            incidents::load(c, incident_id)?;
            let base = || updates::table.filter(updates::incident_id.eq(incident_id)).into_boxed();
            let total: i64 = base().count().get_result(c)?;
            let query = base().select(UpdateRow::as_select()).order_by(updates::created_at.desc());
            let query = match sort {
                None => query.then_order_by(updates::id.desc()),
                Some((key, order)) => {
                    let desc = order == SortOrder::Desc;
                    match (key, desc) {
                        (IncidentUpdateSort::Id, false) => query.then_order_by(updates::id.asc()),
                        (IncidentUpdateSort::Id, true) => query.then_order_by(updates::id.desc()),
                        (IncidentUpdateSort::Status, false) => query.then_order_by(updates::status.asc()),
                        (IncidentUpdateSort::Status, true) => query.then_order_by(updates::status.desc()),
                        (IncidentUpdateSort::UserId, false) => query.then_order_by(updates::user_id.asc()),
                        (IncidentUpdateSort::UserId, true) => query.then_order_by(updates::user_id.desc()),
                    }
                    .then_order_by(updates::id.desc())
                }
            };
            let rows = query.offset(page.offset()).limit(page.limit()).load(c)?;
            Ok(Page {
                items: rows.into_iter().map(UpdateRow::into_update).collect::<Result<_>>()?,
                total: total as u64,
                page: page.page.max(1),
                per_page: page.limit() as u32,
            })
        })
    }

    /// Changes an update; when it is the latest, the incident takes its new status.
    pub fn update_incident_update(
        &self,
        incident_id: i64,
        id: i64,
        patch: IncidentUpdatePatch,
    ) -> Result<IncidentUpdate> {
        let status = patch.status.map(update_status).transpose()?;
        let message = patch.message.as_deref().map(|m| validate::required_text("message", m)).transpose()?;
        let now = naive(self.now());
        self.write(Resource::Incident, |c| {
            load(c, incident_id, id)?;
            if let Some(message) = message {
                diesel::update(updates::table.find(id)).set(updates::message.eq(message)).execute(c)?;
            }
            if let Some(status) = status {
                diesel::update(updates::table.find(id)).set(updates::status.eq(status.value())).execute(c)?;
                let latest: i64 = updates::table
                    .filter(updates::incident_id.eq(incident_id))
                    .select(updates::id)
                    .order(updates::id.desc())
                    .first(c)?;
                if latest == id {
                    diesel::update(incident_table::table.find(incident_id))
                        .set(incident_table::status.eq(status.value()))
                        .execute(c)?;
                }
            }
            diesel::update(updates::table.find(id)).set(updates::updated_at.eq(now)).execute(c)?;
            incidents::refresh_resolution(c, incident_id)?;
            load(c, incident_id, id)
        })
    }

    /// Deletes an update.
    pub fn delete_incident_update(&self, incident_id: i64, id: i64) -> Result<()> {
        self.write(Resource::Incident, |c| {
            load(c, incident_id, id)?;
            diesel::delete(updates::table.find(id)).execute(c)?;
            incidents::refresh_resolution(c, incident_id)?;
            Ok(())
        })
    }
}

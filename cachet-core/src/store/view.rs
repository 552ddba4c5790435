//! Reads by id as one [`Viewer`] sees them. A guest asking for a disabled component, a component
//! of a hidden group, a hidden group, a metric that is not public or a hidden incident is told it
//! does not exist, exactly as for an id that was never used, so the answer leaks nothing. The
//! rule itself is [`Viewer`]'s; frontends read through [`Store::view`] and cannot forget it.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::{Store, components, groups, incidents, metrics};
use crate::error::{Error, Result};
use crate::model::{
    Component, ComponentGroup, Incident, IncidentUpdate, IncidentUpdateSort, Metric, MetricPoint, Page, PageRequest,
    SortOrder, Viewer,
};
use crate::status::DayUptime;

/// The store's reads by id for one viewer; see [`Store::view`].
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    store: &'a Store,
    viewer: Viewer,
}

impl Store {
    /// Reads by id as `viewer` sees them: for a guest, what guests may not see is not found.
    pub fn view(&self, viewer: Viewer) -> View<'_> {
        View { store: self, viewer }
    }
}

impl View<'_> {
    /// The viewer these reads are for.
    pub fn viewer(&self) -> Viewer {
        self.viewer
    }

    /// One component, if this viewer may see it (guests: enabled and not in a hidden group).
    pub fn component(&self, id: i64) -> Result<Component> {
        self.store.read(|c| {
            let component = components::load(c, id)?;
            if self.viewer.sees_private() {
                return Ok(component);
            }
            // A group that is gone hides nothing; any other error is the database's.
            let group = match component.group_id {
                Some(group_id) => groups::load(c, group_id).map(Some).or_else(|e| match e {
                    Error::NotFound { .. } => Ok(None),
                    other => Err(other),
                })?,
                None => None,
            };
            if self.viewer.sees_component(&component, group.as_ref()) {
                Ok(component)
            } else {
                Err(Error::not_found("component", id))
            }
        })
    }

    /// A component's daily uptime ([`Store::uptime`]), if this viewer may see the component.
    pub fn component_uptime(&self, id: i64, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<DayUptime>> {
        self.component(id)?;
        self.store.uptime(id, from, to, tz)
    }

    /// One component group, if this viewer may see it (guests: visible ones).
    pub fn group(&self, id: i64) -> Result<ComponentGroup> {
        let group = self.store.read(|c| groups::load(c, id))?;
        if self.viewer.sees_group(&group) { Ok(group) } else { Err(Error::not_found("component group", id)) }
    }

    /// One metric, if this viewer may see it (guests: public ones).
    pub fn metric(&self, id: i64) -> Result<Metric> {
        let metric = self.store.read(|c| metrics::load(c, id))?;
        if self.viewer.sees_metric(&metric) { Ok(metric) } else { Err(Error::not_found("metric", id)) }
    }

    /// A page of a metric's points ([`Store::list_metric_points`]), if this viewer may see it.
    pub fn metric_points(&self, metric_id: i64, page: PageRequest) -> Result<Page<MetricPoint>> {
        self.metric(metric_id)?;
        self.store.list_metric_points(metric_id, page)
    }

    /// A metric's points in `[from, to)` ([`Store::metric_points_between`]), if this viewer may
    /// see it.
    pub fn metric_points_between(
        &self,
        metric_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<MetricPoint>> {
        self.metric(metric_id)?;
        self.store.metric_points_between(metric_id, from, to)
    }

    /// One incident with its components and updates, if this viewer may see it (guests:
    /// visible ones).
    pub fn incident(&self, id: i64) -> Result<Incident> {
        let incident = self.store.read(|c| incidents::load(c, id))?;
        if self.viewer.sees_incident(&incident) { Ok(incident) } else { Err(Error::not_found("incident", id)) }
    }

    /// A page of an incident's updates ([`Store::list_incident_updates`]), if this viewer may see
    /// the incident.
    pub fn incident_updates(
        &self,
        incident_id: i64,
        sort: Option<(IncidentUpdateSort, SortOrder)>,
        page: PageRequest,
    ) -> Result<Page<IncidentUpdate>> {
        self.incident(incident_id)?;
        self.store.list_incident_updates(incident_id, sort, page)
    }

    /// One update of an incident ([`Store::incident_update`]), if this viewer may see the incident.
    pub fn incident_update(&self, incident_id: i64, id: i64) -> Result<IncidentUpdate> {
        self.incident(incident_id)?;
        self.store.incident_update(incident_id, id)
    }

    /// The component, or `None` when this viewer may not see it or it does not exist (for pages
    /// that list what an incident or a maintenance window affects).
    pub fn component_if_visible(&self, id: i64) -> Result<Option<Component>> {
        match self.component(id) {
            Ok(component) => Ok(Some(component)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

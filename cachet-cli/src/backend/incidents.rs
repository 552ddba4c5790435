//! Incidents and their updates on either backend.

use cachet_core::model::{
    IncidentQuery, IncidentSort, IncidentStatus, NewIncident, NewIncidentUpdate, PageRequest, SortOrder, Viewer,
};
use serde_json::{Value, json as j};

use super::{Backend, api_time, json};
use crate::error::{CliError, CliResult, Kind};

impl Backend {
    /// The newest `limit` incidents, newest first.
    pub fn incidents(&self, limit: u32) -> CliResult<Vec<Value>> {
        match self {
            Backend::Embedded(s) => {
                let q = IncidentQuery {
                    sort: Some((IncidentSort::Id, SortOrder::Desc)),
                    page: PageRequest::new(1, limit),
                    viewer: Viewer::Authenticated,
                    ..Default::default()
                };
                s.list_incidents(&q)?.items.into_iter().map(json).collect()
            }
            Backend::Remote(c) => c.get_page("/incidents", &format!("sort=id&order=desc&per_page={limit}")),
        }
    }

    /// One incident with its updates.
    pub fn incident(&self, id: i64) -> CliResult<Value> {
        let not_found = |e: CliError| {
            if e.kind == Kind::NotFound {
                CliError::new(Kind::NotFound, format!("unknown incident \"{id}\""))
            } else {
                e
            }
        };
        match self {
            Backend::Embedded(s) => json(s.incident(id).map_err(|e| not_found(e.into()))?),
            Backend::Remote(c) => c.get(&format!("/incidents/{id}")).map_err(not_found),
        }
    }

    /// Opens an incident.
    pub fn create_incident(&self, input: NewIncident) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.create_incident(input)?),
            Backend::Remote(c) => {
                let components: Vec<Value> =
                    input.components.iter().map(|a| j!({"id": a.component_id, "status": a.status.value()})).collect();
                let mut body = j!({
                    "name": input.name, "status": input.status.value(), "message": input.message,
                    "visible": input.visible, "stickied": input.stickied, "notify": input.notify,
                    "components": components,
                });
                if let Some(at) = input.occurred_at {
                    body["occurred_at"] = Value::String(api_time(at));
                }
                c.post("/incidents", &body)
            }
        }
    }

    /// Adds an update (status and message) to an incident; returns the incident.
    pub fn add_incident_update(&self, id: i64, input: NewIncidentUpdate) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => {
                s.create_incident_update(id, input).map_err(|e| incident_not_found(e.into(), id))?;
                json(s.incident(id)?)
            }
            Backend::Remote(c) => {
                let body = j!({"status": input.status.value(), "message": input.message});
                c.post(&format!("/incidents/{id}/updates"), &body).map_err(|e| incident_not_found(e, id))?;
                c.get(&format!("/incidents/{id}"))
            }
        }
    }

    /// Resolves an incident: a Fixed update, and its components back to operational.
    pub fn resolve_incident(&self, id: i64, message: &str) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => {
                json(s.resolve_incident(id, message).map_err(|e| incident_not_found(e.into(), id))?)
            }
            Backend::Remote(c) => {
                let incident = self.incident(id)?;
                let body = j!({"status": IncidentStatus::Fixed.value(), "message": message});
                c.post(&format!("/incidents/{id}/updates"), &body)?;
                // API v1 has no resolve call: put the affected components back as the core does.
                for affected in incident["components"].as_array().into_iter().flatten() {
                    if let Some(cid) =
                        crate::output::int(affected, "id").or_else(|| crate::output::int(affected, "component_id"))
                    {
                        c.put(&format!("/components/{cid}"), &j!({"status": 1}))?;
                    }
                }
                c.get(&format!("/incidents/{id}"))
            }
        }
    }

    /// Deletes an incident.
    pub fn delete_incident(&self, id: i64) -> CliResult<()> {
        match self {
            Backend::Embedded(s) => s.delete_incident(id).map_err(|e| incident_not_found(e.into(), id)),
            Backend::Remote(c) => c.delete(&format!("/incidents/{id}")).map_err(|e| incident_not_found(e, id)),
        }
    }
}

fn incident_not_found(e: CliError, id: i64) -> CliError {
    if e.kind == Kind::NotFound { CliError::new(Kind::NotFound, format!("unknown incident \"{id}\"")) } else { e }
}

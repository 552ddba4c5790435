//! Statuspage's JSON objects (`page`, `status`, components, incidents, maintenances) built from
//! one consistent read of the store, as a guest sees it.
//!
//! Ids are strings. Cachet keeps groups apart from components and maintenance apart from incidents,
//! while Statuspage mixes them in one id space, so groups are `group-{id}` and maintenance windows
//! `maintenance-{id}`; components and incidents keep their plain ids. Times are ISO 8601 with
//! milliseconds and the offset of the request's time zone (`Time-Zone` header, else
//! `app_timezone`).
//!
//! Statuspage keeps an incident's text in its updates only, so the incident's opening message is
//! served as its oldest update (id `incident-{id}`; its status is the incident's when there are no
//! updates, else `investigating`, since Cachet does not record the opening status). A maintenance
//! window's message is served the same way (id `maintenance-{id}`).

use std::collections::HashMap;

use cachet_core::model::{
    Incident, IncidentQuery, IncidentSort, IncidentStatus, PageRequest, Schedule, ScheduleQuery, ScheduleSort,
    SortOrder, Viewer,
};
use cachet_core::{Settings, StatusOverview, Store};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::status;
use crate::api::error::ApiError;

/// How many incidents `incidents.json` lists, and maintenance windows `scheduled-maintenances.json`.
pub const RECENT: u32 = 50;

/// ISO 8601 with milliseconds and offset, in `tz`.
pub fn time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

fn opt_time(t: Option<DateTime<Utc>>, tz: Tz) -> Value {
    t.map_or(Value::Null, |t| Value::String(time(t, tz)))
}

/// Everything the v2 endpoints show, read once per request.
pub struct Snapshot {
    tz: Tz,
    base_url: String,
    page_id: String,
    now: DateTime<Utc>,
    page: Value,
    status: Value,
    /// Component objects in page order: each group followed by its members, then ungrouped ones.
    components: Vec<Value>,
    /// Public component objects by component id.
    by_id: HashMap<i64, Value>,
    unresolved: Vec<Incident>,
    open_schedules: Vec<Schedule>,
}

impl Snapshot {
    /// Reads the overview, the open incidents and the open maintenance windows; times are shown
    /// in `tz`, links start with `base_url`.
    pub fn load(store: &Store, settings: &Settings, tz: Tz, base_url: &str) -> Result<Snapshot, ApiError> {
        let overview = store.status_overview(Viewer::Guest)?;
        let unresolved = store
            .list_incidents(&IncidentQuery {
                resolved: Some(false),
                sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
                page: PageRequest::new(1, cachet_core::model::MAX_PER_PAGE),
                viewer: Viewer::Guest,
                ..IncidentQuery::default()
            })?
            .items;
        let open_schedules = store.open_schedules()?;
        let app_tz = settings.timezone();
        let mut snapshot = Snapshot {
            tz,
            base_url: base_url.to_string(),
            page_id: page_id(settings.app_name()),
            now: store.now(),
            page: Value::Null,
            status: Value::Null,
            components: Vec::new(),
            by_id: HashMap::new(),
            unresolved,
            open_schedules,
        };
        snapshot.build_components(&overview);
        let updated_at = overview
            .components
            .iter()
            .map(|c| c.component.updated_at)
            .chain(overview.groups.iter().map(|g| g.group.updated_at))
            .chain(snapshot.unresolved.iter().map(|i| i.updated_at))
            .chain(snapshot.open_schedules.iter().map(|s| s.updated_at))
            .max()
            .unwrap_or(snapshot.now);
        snapshot.page = json!({
            "id": snapshot.page_id,
            "name": settings.app_name(),
            "url": snapshot.base_url,
            "time_zone": app_tz.name(),
            "updated_at": time(updated_at, snapshot.tz),
        });
        let statuses: Vec<&str> = overview.components.iter().map(|c| status::component_status(c.effective)).collect();
        let (indicator, description) =
            status::rollup(statuses, !snapshot.unresolved.is_empty(), !overview.active_schedules.is_empty());
        snapshot.status = json!({"indicator": indicator, "description": description});
        Ok(snapshot)
    }

    fn build_components(&mut self, overview: &StatusOverview) {
        let tz = self.tz;
        let component = |c: &cachet_core::ComponentOverview, page_id: &str| {
            json!({
                "id": c.component.id.to_string(),
                "name": c.component.name,
                "status": status::component_status(c.effective),
                "created_at": time(c.component.created_at, tz),
                "updated_at": time(c.component.updated_at, tz),
                "position": c.component.order,
                "description": if c.component.description.is_empty() {
                    Value::Null
                } else {
                    Value::String(c.component.description.clone())
                },
                "showcase": true,
                "start_date": null,
                "group_id": c.component.group_id.map(|g| format!("group-{g}")),
                "page_id": page_id,
                "group": false,
                "only_show_if_degraded": false,
            })
        };
        for c in &overview.components {
            self.by_id.insert(c.component.id, component(c, &self.page_id));
        }
        for g in &overview.groups {
            let members: Vec<_> =
                overview.components.iter().filter(|c| c.component.group_id == Some(g.group.id)).collect();
            if members.is_empty() {
                continue;
            }
            let worst = members
                .iter()
                .map(|c| status::component_status(c.effective))
                .max_by_key(|s| status::component_severity(s))
                .unwrap_or("operational");
            self.components.push(json!({
                "id": format!("group-{}", g.group.id),
                "name": g.group.name,
                "status": worst,
                "created_at": time(g.group.created_at, tz),
                "updated_at": time(g.group.updated_at, tz),
                "position": g.group.order,
                "description": null,
                "showcase": false,
                "start_date": null,
                "group_id": null,
                "page_id": self.page_id,
                "group": true,
                "only_show_if_degraded": false,
                "components": members.iter().map(|c| c.component.id.to_string()).collect::<Vec<_>>(),
            }));
            self.components.extend(members.iter().map(|c| self.by_id[&c.component.id].clone()));
        }
        let ungrouped = overview
            .components
            .iter()
            .filter(|c| c.component.group_id.is_none_or(|g| !overview.groups.iter().any(|x| x.group.id == g)));
        self.components.extend(ungrouped.map(|c| self.by_id[&c.component.id].clone()).collect::<Vec<_>>());
    }

    /// `page`.
    pub fn page(&self) -> Value {
        self.page.clone()
    }

    /// `status`.
    pub fn status(&self) -> Value {
        self.status.clone()
    }

    /// `components[]`.
    pub fn components(&self) -> Value {
        Value::Array(self.components.clone())
    }

    /// Open incidents, newest first.
    pub fn unresolved(&self) -> Value {
        Value::Array(self.unresolved.iter().map(|i| self.incident(i)).collect())
    }

    /// Incident objects for `incidents`.
    pub fn incidents(&self, incidents: &[Incident]) -> Value {
        Value::Array(incidents.iter().map(|i| self.incident(i)).collect())
    }

    /// Upcoming and in-progress windows (by start).
    pub fn open_maintenances(&self) -> Value {
        self.maintenances(&self.open_schedules)
    }

    /// Windows not yet started.
    pub fn upcoming_maintenances(&self) -> Value {
        let upcoming: Vec<Schedule> =
            self.open_schedules.iter().filter(|s| self.maintenance_status(s) == "scheduled").cloned().collect();
        self.maintenances(&upcoming)
    }

    /// Windows active now.
    pub fn active_maintenances(&self) -> Value {
        let active: Vec<Schedule> =
            self.open_schedules.iter().filter(|s| self.maintenance_status(s) == "in_progress").cloned().collect();
        self.maintenances(&active)
    }

    /// Maintenance objects for `scheduled_maintenances`.
    pub fn maintenances(&self, schedules: &[Schedule]) -> Value {
        Value::Array(schedules.iter().map(|s| self.maintenance(s)).collect())
    }

    fn maintenance_status(&self, s: &Schedule) -> &'static str {
        status::maintenance_status(s.status, s.scheduled_at, s.completed_at, self.now)
    }

    fn affected(&self, ids: impl IntoIterator<Item = i64>) -> Vec<Value> {
        ids.into_iter().filter_map(|id| self.by_id.get(&id).cloned()).collect()
    }

    fn incident(&self, i: &Incident) -> Value {
        let tz = self.tz;
        let oldest_with = |wanted: IncidentStatus| i.updates.iter().rev().find(|u| u.status == wanted);
        let monitoring_at = match oldest_with(IncidentStatus::Watching) {
            Some(u) => Some(u.created_at),
            None => (i.status == IncidentStatus::Watching).then_some(i.updated_at),
        };
        let resolved_at =
            i.is_resolved.then(|| oldest_with(IncidentStatus::Fixed).map_or(i.updated_at, |u| u.created_at));
        let mut updates: Vec<Value> = i
            .updates
            .iter()
            .map(|u| {
                self.update(
                    u.id.to_string(),
                    i.id.to_string(),
                    status::incident_status(u.status),
                    &u.message,
                    u.created_at,
                    u.updated_at,
                    i.notify,
                )
            })
            .collect();
        if !i.message.is_empty() {
            let opening = if i.updates.is_empty() { status::incident_status(i.status) } else { "investigating" };
            updates.push(self.update(
                format!("incident-{}", i.id),
                i.id.to_string(),
                opening,
                &i.message,
                i.occurred_at,
                i.created_at,
                i.notify,
            ));
        }
        json!({
            "id": i.id.to_string(),
            "name": i.name,
            "status": status::incident_status(i.status),
            "impact": status::impact(i.components.iter().map(|c| c.status)),
            "created_at": time(i.created_at, tz),
            "updated_at": time(i.updated_at, tz),
            "started_at": time(i.occurred_at, tz),
            "monitoring_at": opt_time(monitoring_at, tz),
            "resolved_at": opt_time(resolved_at, tz),
            "shortlink": format!("{}/incidents/{}", self.base_url, i.id),
            "page_id": self.page_id,
            "incident_updates": updates,
            "components": self.affected(i.components.iter().map(|c| c.component_id)),
        })
    }

    fn maintenance(&self, s: &Schedule) -> Value {
        let tz = self.tz;
        let state = self.maintenance_status(s);
        let id = format!("maintenance-{}", s.id);
        let resolved_at = (state == "completed").then(|| s.completed_at.unwrap_or(s.updated_at));
        let updates = if s.message.is_empty() {
            Vec::new()
        } else {
            vec![self.update(id.clone(), id.clone(), state, &s.message, s.created_at, s.updated_at, s.notify)]
        };
        json!({
            "id": id,
            "name": s.name,
            "status": state,
            "impact": "maintenance",
            "created_at": time(s.created_at, tz),
            "updated_at": time(s.updated_at, tz),
            "started_at": time(s.scheduled_at, tz),
            "monitoring_at": null,
            "resolved_at": opt_time(resolved_at, tz),
            "shortlink": format!("{}/schedules/{}", self.base_url, s.id),
            "page_id": self.page_id,
            "incident_updates": updates,
            "components": self.affected(s.components.iter().copied()),
            "scheduled_for": time(s.scheduled_at, tz),
            "scheduled_until": opt_time(s.completed_at, tz),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        id: String,
        incident_id: String,
        status: &str,
        body: &str,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
        notify: bool,
    ) -> Value {
        json!({
            "id": id,
            "incident_id": incident_id,
            "status": status,
            "body": body,
            "created_at": time(created_at, self.tz),
            "updated_at": time(updated_at, self.tz),
            "display_at": time(created_at, self.tz),
            "affected_components": null,
            "deliver_notifications": notify,
            "custom_tweet": null,
            "tweet_id": null,
        })
    }
}

/// The recent visible incidents, newest first.
pub fn recent_incidents(store: &Store) -> Result<Vec<Incident>, ApiError> {
    Ok(store
        .list_incidents(&IncidentQuery {
            sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
            page: PageRequest::new(1, RECENT),
            viewer: Viewer::Guest,
            ..IncidentQuery::default()
        })?
        .items)
}

/// The recent maintenance windows, latest start first.
pub fn recent_schedules(store: &Store) -> Result<Vec<Schedule>, ApiError> {
    Ok(store
        .list_schedules(&ScheduleQuery {
            sort: Some((ScheduleSort::ScheduledAt, SortOrder::Desc)),
            page: PageRequest::new(1, RECENT),
            ..ScheduleQuery::default()
        })?
        .items)
}

/// A stable page id from the page name: lower-case letters and digits, at least one character.
fn page_id(name: &str) -> String {
    let id: String = name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    if id.is_empty() { "cachet".into() } else { id }
}

//! `/incidents/{id}` (an incident with its update timeline) and `/schedules/{id}` (a maintenance
//! window), read as a guest sees them: a hidden incident is not found, and the components listed
//! are those a guest may see (enabled, not in a hidden group).

use askama::Template;
use cachet_core::model::Viewer;
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;

use super::page::Layout;
use super::present::{IncidentView, ScheduleView, StatusLook, status_look};
use super::{render_template, serve, with_state};
use crate::state::AppState;

/// An incident's page.
#[derive(Template)]
#[template(path = "incident.html")]
struct IncidentPage {
    layout: Layout,
    incident: IncidentView,
    /// Affected components: name and the status the incident gives them.
    components: Vec<(String, StatusLook)>,
}

/// A maintenance window's page.
#[derive(Template)]
#[template(path = "schedule.html")]
struct SchedulePage {
    layout: Layout,
    schedule: ScheduleView,
    /// Names of the covered components.
    components: Vec<String>,
}

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/incidents/{id}"), ("GET", "/schedules/{id}")];

/// The detail routes.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let html = "text/html; charset=utf-8";
    let cache = "public, max-age=0, must-revalidate";
    let incident = warp::path!("incidents" / i64)
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state.clone()))
        .then(move |id: i64, headers: HeaderMap, state: AppState| async move {
            serve(state, format!("/incidents/{id}"), headers, html, cache, move |ctx| {
                let guest = ctx.store.view(Viewer::Guest);
                let incident = guest.incident(id)?;
                let mut components = Vec::with_capacity(incident.components.len());
                for affected in &incident.components {
                    if let Some(c) = guest.component_if_visible(affected.component_id)? {
                        components.push((c.name, status_look(affected.status)));
                    }
                }
                let tz = ctx.settings.timezone();
                render_template(&IncidentPage {
                    layout: Layout::new(ctx, Some(&incident.name)),
                    incident: IncidentView::new(&incident, tz),
                    components,
                })
            })
            .await
        });
    let schedule = warp::path!("schedules" / i64)
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .then(move |id: i64, headers: HeaderMap, state: AppState| async move {
            serve(state, format!("/schedules/{id}"), headers, html, cache, move |ctx| {
                let schedule = ctx.store.schedule(id)?;
                let guest = ctx.store.view(Viewer::Guest);
                let mut components = Vec::with_capacity(schedule.components.len());
                for id in &schedule.components {
                    components.extend(guest.component_if_visible(*id)?.map(|c| c.name));
                }
                render_template(&SchedulePage {
                    layout: Layout::new(ctx, Some(&schedule.name)),
                    schedule: ScheduleView::new(&schedule, ctx.now, ctx.settings.timezone()),
                    components,
                })
            })
            .await
        });
    incident.or(schedule).unify().boxed()
}

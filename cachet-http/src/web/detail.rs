//! `/incidents/{id}` (an incident with its update timeline) and `/schedules/{id}` (a maintenance
//! window). Hidden incidents are not found for visitors.

use askama::Template;
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;

use super::page::Layout;
use super::present::{IncidentView, ScheduleView, StatusLook, status_look};
use super::{render_template, serve, with_state};
use crate::api::error::ApiError;
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
                let incident = ctx.store.incident(id)?;
                if !incident.visible {
                    return Err(ApiError::not_found());
                }
                let components = incident
                    .components
                    .iter()
                    .filter_map(|a| {
                        let c = ctx.store.component(a.component_id).ok()?;
                        c.enabled.then(|| (c.name, status_look(a.status)))
                    })
                    .collect();
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
                let components = schedule
                    .components
                    .iter()
                    .filter_map(|id| ctx.store.component(*id).ok().filter(|c| c.enabled).map(|c| c.name))
                    .collect();
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

//! The Statuspage-compatible public API under `/api/v2/` (see `spec/statuspage-v2.md`), so
//! exporters, aggregators and widgets written for Statuspage pages read this server unchanged.
//!
//! Public data only, whoever asks: enabled components outside hidden groups, visible groups and
//! visible incidents. Every answer is a snapshot served as the status page is (`web::serve`):
//! cached, compressed and tagged, and never making a reader wait for a render after a write. The mapping rules are in [`status`], the objects in
//! [`present`].

pub mod present;
pub mod status;

use cachet_core::Store;
use serde_json::{Value, json};
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use self::present::{Snapshot, recent_incidents, recent_schedules};
use super::error::ApiError;
use super::request::Ctx;

/// Every v2 route as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v2/summary.json"),
    ("GET", "/api/v2/status.json"),
    ("GET", "/api/v2/components.json"),
    ("GET", "/api/v2/incidents.json"),
    ("GET", "/api/v2/incidents/unresolved.json"),
    ("GET", "/api/v2/scheduled-maintenances.json"),
    ("GET", "/api/v2/scheduled-maintenances/upcoming.json"),
    ("GET", "/api/v2/scheduled-maintenances/active.json"),
];

/// Public: a page may be read every few seconds by widgets, so shared caches may keep it briefly.
const CACHE_CONTROL: &str = "public, max-age=10";

/// The v2 routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let summary =
        warp::path!("api" / "v2" / "summary.json").and(crate::respond::get_or_head()).and(ctx.clone()).then(summary);
    let status =
        warp::path!("api" / "v2" / "status.json").and(crate::respond::get_or_head()).and(ctx.clone()).then(status);
    let components = warp::path!("api" / "v2" / "components.json")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(components);
    let incidents = warp::path!("api" / "v2" / "incidents.json")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(incidents);
    let unresolved = warp::path!("api" / "v2" / "incidents" / "unresolved.json")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(unresolved);
    let maintenances = warp::path!("api" / "v2" / "scheduled-maintenances.json")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(maintenances);
    let upcoming = warp::path!("api" / "v2" / "scheduled-maintenances" / "upcoming.json")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(upcoming);
    let active = warp::path!("api" / "v2" / "scheduled-maintenances" / "active.json")
        .and(crate::respond::get_or_head())
        .and(ctx)
        .then(active);
    summary
        .or(status)
        .unify()
        .or(components)
        .unify()
        .or(incidents)
        .unify()
        .or(unresolved)
        .unify()
        .or(maintenances)
        .unify()
        .or(upcoming)
        .unify()
        .or(active)
        .unify()
        .boxed()
}

/// Answers with the JSON `body` makes of the page's snapshot. v2 is read-only and the same for
/// everyone, so it is served as the pages are: the last snapshot while the next is rendered in
/// the background after a write (`web::refresh`), keyed by path and time zone.
async fn snapshot(ctx: Ctx, body: fn(&Store, &Snapshot) -> Result<Value, ApiError>) -> Response {
    let tz = ctx.tz;
    let key = format!("{}|{}", ctx.path, tz.name());
    crate::web::serve(ctx.state.clone(), key, ctx.headers.clone(), "application/json", CACHE_CONTROL, move |r| {
        let s = Snapshot::load(r.store, r.settings, tz, &r.base_url)?;
        serde_json::to_vec(&body(r.store, &s)?).map_err(|e| ApiError::internal(e.to_string()))
    })
    .await
}

/// Page, status, components, open incidents, upcoming and in-progress maintenance.
async fn summary(ctx: Ctx) -> Response {
    snapshot(ctx, |_, s| {
        Ok(json!({
            "page": s.page(),
            "components": s.components(),
            "incidents": s.unresolved(),
            "scheduled_maintenances": s.open_maintenances(),
            "status": s.status(),
        }))
    })
    .await
}

async fn status(ctx: Ctx) -> Response {
    snapshot(ctx, |_, s| Ok(json!({"page": s.page(), "status": s.status()}))).await
}

async fn components(ctx: Ctx) -> Response {
    snapshot(ctx, |_, s| Ok(json!({"page": s.page(), "components": s.components()}))).await
}

/// The latest [`present::RECENT`] visible incidents, resolved or not, newest first.
async fn incidents(ctx: Ctx) -> Response {
    snapshot(ctx, |store, s| {
        let recent = recent_incidents(store)?;
        Ok(json!({"page": s.page(), "incidents": s.incidents(&recent)}))
    })
    .await
}

async fn unresolved(ctx: Ctx) -> Response {
    snapshot(ctx, |_, s| Ok(json!({"page": s.page(), "incidents": s.unresolved()}))).await
}

/// The latest [`present::RECENT`] maintenance windows, whatever their state, latest start first.
async fn maintenances(ctx: Ctx) -> Response {
    snapshot(ctx, |store, s| {
        let recent = recent_schedules(store)?;
        Ok(json!({"page": s.page(), "scheduled_maintenances": s.maintenances(&recent)}))
    })
    .await
}

async fn upcoming(ctx: Ctx) -> Response {
    snapshot(ctx, |_, s| Ok(json!({"page": s.page(), "scheduled_maintenances": s.upcoming_maintenances()}))).await
}

async fn active(ctx: Ctx) -> Response {
    snapshot(ctx, |_, s| Ok(json!({"page": s.page(), "scheduled_maintenances": s.active_maintenances()}))).await
}

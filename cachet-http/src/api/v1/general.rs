//! `/api/v1/ping`, `/api/v1/version` and `/api/v1/status`.

use cachet_core::status::BannerLevel;
use serde_json::json;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use crate::api::request::Ctx;

/// The version Cachet clients switch features on.
pub const CACHET_VERSION: &str = "2.4.1";

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/api/v1/ping"), ("GET", "/api/v1/version"), ("GET", "/api/v1/status")];

/// The general routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let ping = warp::path!("api" / "v1" / "ping").and(crate::respond::get_or_head()).and(ctx.clone()).then(ping);
    let version =
        warp::path!("api" / "v1" / "version").and(crate::respond::get_or_head()).and(ctx.clone()).then(version);
    let status = warp::path!("api" / "v1" / "status").and(crate::respond::get_or_head()).and(ctx).then(status);
    ping.or(version).unify().or(status).unify().boxed()
}

async fn ping(ctx: Ctx) -> Response {
    ctx.read("no-cache", |_, _| Ok(json!({"data": "Pong!"}))).await
}

/// Static: this server does not look up releases on the internet.
async fn version(ctx: Ctx) -> Response {
    ctx.read("no-cache", |_, _| {
        Ok(json!({
            "meta": {
                "on_latest": true,
                "latest": {"tag_name": format!("v{CACHET_VERSION}"), "prelease": false, "draft": false},
                "server": {"name": "cachet-rs", "version": env!("CARGO_PKG_VERSION")},
            },
            "data": CACHET_VERSION,
        }))
    })
    .await
}

/// The banner, plus (beyond 2.4) maintenance and each component's effective status.
async fn status(ctx: Ctx) -> Response {
    ctx.read("public, max-age=10", |store, ctx| {
        let overview = store.status_overview(ctx.viewer())?;
        Ok(json!({
            "data": {
                "status": match overview.banner.status {
                    BannerLevel::Success => "success",
                    BannerLevel::Info => "info",
                    BannerLevel::Danger => "danger",
                },
                "message": overview.banner.message,
                "under_maintenance": overview.under_maintenance,
                "components": overview.components.iter().map(|c| json!({
                    "id": c.component.id,
                    "name": c.component.name,
                    "status": c.component.status.value(),
                    "status_name": c.component.status.label(),
                    "effective_status": c.effective.slug(),
                    "effective_status_name": c.effective.label(),
                })).collect::<Vec<_>>(),
            }
        }))
    })
    .await
}

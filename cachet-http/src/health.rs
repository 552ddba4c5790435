//! `/healthz` (the process answers) and `/readyz` (the database answers too).

use serde_json::json;
use warp::filters::BoxedFilter;
use warp::http::StatusCode;
use warp::reply::Response;
use warp::{Filter, Reply};

use crate::state::AppState;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/healthz"), ("GET", "/readyz")];

/// The probe routes.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let healthz = warp::path!("healthz")
        .and(crate::respond::get_or_head())
        .map(|| warp::reply::json(&json!({"status": "ok"})).into_response());
    let readyz = warp::path!("readyz")
        .and(crate::respond::get_or_head())
        .and(warp::any().map(move || state.clone()))
        .then(ready);
    healthz.or(readyz).unify().boxed()
}

async fn ready(state: AppState) -> Response {
    let store = state.store.clone();
    match state.blocking.run(move || Ok(store.ping()?)).await {
        Ok(()) => warp::reply::json(&json!({"status": "ok", "database": "ok"})).into_response(),
        Err(_) => warp::reply::with_status(
            warp::reply::json(&json!({"status": "unavailable", "database": "unreachable"})),
            StatusCode::SERVICE_UNAVAILABLE,
        )
        .into_response(),
    }
}

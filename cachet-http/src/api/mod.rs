//! The JSON APIs: Cachet's v1 under `/api/v1`, the Statuspage-compatible v2 under `/api/v2` and
//! the OpenAPI document of both, with Cachet's error format for every API path.

pub mod error;
pub mod input;
pub mod openapi;
pub mod request;
pub mod v1;
pub mod v2;

use warp::Filter;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use crate::state::AppState;

/// Every API route.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let ctx = request::ctx(state);
    v1::routes(ctx.clone()).or(v2::routes(ctx)).unify().or(openapi::routes()).unify().boxed()
}

/// Every route the server answers (API and health probes) as `(method, path template)`, with
/// path parameters written `{name}` as in the OpenAPI document.
pub fn route_table() -> Vec<(&'static str, &'static str)> {
    [v1::route_table(), v2::ROUTES.to_vec(), openapi::ROUTES.to_vec(), crate::health::ROUTES.to_vec()].concat()
}

//! Cachet's REST API v1, route for route (see `spec/cachet-api-v1.md`).

mod components;
pub mod general;
mod groups;
mod incidents;
mod metrics;
pub mod pagination;
pub mod present;
mod schedules;
mod subscribers;
mod templates;

use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::request::Ctx;

/// Every v1 route as `(method, path template)`, from each module's `ROUTES`.
pub fn route_table() -> Vec<(&'static str, &'static str)> {
    [
        general::ROUTES,
        groups::ROUTES,
        components::ROUTES,
        templates::ROUTES,
        incidents::ROUTES,
        metrics::ROUTES,
        schedules::ROUTES,
        subscribers::ROUTES,
    ]
    .concat()
}

/// Every v1 route. Groups and templates come before the `{id}` routes they would otherwise shadow.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    general::routes(ctx.clone())
        .or(groups::routes(ctx.clone()))
        .unify()
        .or(components::routes(ctx.clone()))
        .unify()
        .or(templates::routes(ctx.clone()))
        .unify()
        .or(incidents::routes(ctx.clone()))
        .unify()
        .or(metrics::routes(ctx.clone()))
        .unify()
        .or(schedules::routes(ctx.clone()))
        .unify()
        .or(subscribers::routes(ctx))
        .unify()
        .boxed()
}

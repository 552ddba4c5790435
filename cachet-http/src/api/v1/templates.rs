//! `/api/v1/incidents/templates`: read-only, as in Cachet 2.4.

use cachet_core::model::TemplateSort;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::pagination::{list, page_request, sort};
use super::present::{self, item};
use crate::api::input::Fields;
use crate::api::request::Ctx;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] =
    &[("GET", "/api/v1/incidents/templates"), ("GET", "/api/v1/incidents/templates/{id}")];

/// The template routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index = warp::path!("api" / "v1" / "incidents" / "templates")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(index);
    let show = warp::path!("api" / "v1" / "incidents" / "templates" / i64)
        .and(crate::respond::get_or_head())
        .and(ctx)
        .then(show);
    index.or(show).unify().boxed()
}

async fn index(ctx: Ctx) -> Response {
    ctx.read("no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let sort = sort(&mut f, TemplateSort::parse);
        let page = page_request(&mut f);
        f.finish()?;
        let page = store.list_templates(sort, page)?;
        Ok(list(ctx, &page, |t| present::template(t, ctx.tz)))
    })
    .await
}

async fn show(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| Ok(item(present::template(&store.template(id)?, ctx.tz)))).await
}

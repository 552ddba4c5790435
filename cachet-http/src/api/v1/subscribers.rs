//! `/api/v1/subscribers` and `/api/v1/subscriptions`: token required for every route.

use cachet_core::model::NewSubscriber;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::pagination::{list, page_request};
use super::present::{self, item};
use crate::api::error::ApiError;
use crate::api::input::Fields;
use crate::api::request::Ctx;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/subscribers"),
    ("POST", "/api/v1/subscribers"),
    ("DELETE", "/api/v1/subscribers/{id}"),
    ("DELETE", "/api/v1/subscriptions/{id}"),
];

/// The subscriber routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index =
        warp::path!("api" / "v1" / "subscribers").and(crate::respond::get_or_head()).and(ctx.clone()).then(index);
    let create = warp::path!("api" / "v1" / "subscribers").and(warp::post()).and(ctx.clone()).then(create);
    let delete = warp::path!("api" / "v1" / "subscribers" / i64).and(warp::delete()).and(ctx.clone()).then(delete);
    let unsubscribe =
        warp::path!("api" / "v1" / "subscriptions" / i64).and(warp::delete()).and(ctx).then(delete_subscription);
    index.or(create).unify().or(delete).unify().or(unsubscribe).unify().boxed()
}

async fn index(ctx: Ctx) -> Response {
    if let Err(e) = ctx.require_token() {
        return warp::Reply::into_response(e);
    }
    ctx.read("private, no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let page = page_request(&mut f);
        f.finish()?;
        let page = store.list_subscribers(page)?;
        Ok(list(ctx, &page, |s| present::subscriber(s, ctx.tz)))
    })
    .await
}

async fn create(ctx: Ctx) -> Response {
    ctx.write(|store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let email = f.string("email");
        let email = f.required("email", email);
        let verify = f.bool("verify");
        let components = f.ids("components");
        f.finish()?;
        let input = NewSubscriber {
            email: email.unwrap_or_default(),
            verified: verify.unwrap_or_else(|| ctx.settings.skip_subscriber_verification()),
            components: components.filter(|c| !c.is_empty()),
            ..NewSubscriber::default()
        };
        let (subscriber, _created) = store.create_subscriber(input).map_err(ApiError::from_write)?;
        Ok(Some(item(present::subscriber(&subscriber, ctx.tz))))
    })
    .await
}

async fn delete(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_subscriber(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

async fn delete_subscription(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_subscription(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

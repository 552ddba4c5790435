//! `/api/v1/schedules`: maintenance windows. Beyond Cachet 2.4, `components` (ids) names the
//! components the window covers; they show as under maintenance while it is active.

use cachet_core::model::{NewSchedule, SchedulePatch, ScheduleQuery, ScheduleSort, ScheduleStatus};
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::pagination::{list, page_request, sort};
use super::present::{self, item};
use crate::api::error::ApiError;
use crate::api::input::Fields;
use crate::api::request::Ctx;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/schedules"),
    ("GET", "/api/v1/schedules/{id}"),
    ("POST", "/api/v1/schedules"),
    ("PUT", "/api/v1/schedules/{id}"),
    ("DELETE", "/api/v1/schedules/{id}"),
];

/// The schedule routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index = warp::path!("api" / "v1" / "schedules").and(crate::respond::get_or_head()).and(ctx.clone()).then(index);
    let show =
        warp::path!("api" / "v1" / "schedules" / i64).and(crate::respond::get_or_head()).and(ctx.clone()).then(show);
    let create = warp::path!("api" / "v1" / "schedules").and(warp::post()).and(ctx.clone()).then(create);
    let update = warp::path!("api" / "v1" / "schedules" / i64).and(warp::put()).and(ctx.clone()).then(update);
    let delete = warp::path!("api" / "v1" / "schedules" / i64).and(warp::delete()).and(ctx).then(delete);
    index.or(show).unify().or(create).unify().or(update).unify().or(delete).unify().boxed()
}

async fn index(ctx: Ctx) -> Response {
    ctx.read("no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let query = ScheduleQuery {
            id: f.int("id"),
            name: f.string("name"),
            status: f.enumeration("status", ScheduleStatus::from_value),
            sort: sort(&mut f, ScheduleSort::parse),
            page: page_request(&mut f),
        };
        f.finish()?;
        let page = store.list_schedules(&query)?;
        Ok(list(ctx, &page, |s| present::schedule(s, ctx.tz)))
    })
    .await
}

async fn show(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| Ok(item(present::schedule(&store.schedule(id)?, ctx.tz)))).await
}

async fn create(ctx: Ctx) -> Response {
    ctx.write(|store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let name = f.string("name");
        let name = f.required("name", name);
        let status = f.enumeration("status", ScheduleStatus::from_value);
        let status = f.required("status", status);
        let scheduled_at = f.datetime("scheduled_at");
        let scheduled_at = f.required("scheduled_at", scheduled_at);
        let message = f.string("message");
        let completed_at = f.datetime("completed_at");
        let components = f.ids("components");
        let notify = f.bool("notify");
        f.finish()?;
        let (Some(name), Some(status), Some(scheduled_at)) = (name, status, scheduled_at) else {
            return Err(ApiError::invalid(vec![]));
        };
        let input = NewSchedule {
            message: message.unwrap_or_default(),
            status,
            completed_at,
            notify: notify.unwrap_or(false),
            components: components.unwrap_or_default(),
            ..NewSchedule::new(name, scheduled_at)
        };
        let schedule = store.create_schedule(input).map_err(ApiError::from_write)?;
        Ok(Some(item(present::schedule(&schedule, ctx.tz))))
    })
    .await
}

async fn update(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let patch = SchedulePatch {
            name: f.string("name"),
            message: f.string("message"),
            status: f.enumeration("status", ScheduleStatus::from_value),
            scheduled_at: f.datetime("scheduled_at"),
            completed_at: f.datetime("completed_at").map(Some),
            notify: f.bool("notify"),
            components: f.ids("components"),
        };
        f.finish()?;
        let schedule = store.update_schedule(id, patch).map_err(ApiError::from_write)?;
        Ok(Some(item(present::schedule(&schedule, ctx.tz))))
    })
    .await
}

async fn delete(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_schedule(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

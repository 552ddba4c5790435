//! `/api/v1/components`: components, their uptime, and the listing filters of Cachet 2.4.

use cachet_core::model::{ComponentPatch, ComponentQuery, ComponentSort, ComponentStatus, NewComponent};
use cachet_core::status::uptime_percent;
use chrono::{Days, Utc};
use serde_json::json;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::pagination::{list, order_filter, page_request, sort};
use super::present::{self, item};
use crate::api::error::ApiError;
use crate::api::input::Fields;
use crate::api::request::Ctx;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/components"),
    ("GET", "/api/v1/components/{id}"),
    ("GET", "/api/v1/components/{id}/uptime"),
    ("POST", "/api/v1/components"),
    ("PUT", "/api/v1/components/{id}"),
    ("DELETE", "/api/v1/components/{id}"),
];

/// The component routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index =
        warp::path!("api" / "v1" / "components").and(crate::respond::get_or_head()).and(ctx.clone()).then(index);
    let show =
        warp::path!("api" / "v1" / "components" / i64).and(crate::respond::get_or_head()).and(ctx.clone()).then(show);
    let uptime = warp::path!("api" / "v1" / "components" / i64 / "uptime")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(uptime);
    let create = warp::path!("api" / "v1" / "components").and(warp::post()).and(ctx.clone()).then(create);
    let update = warp::path!("api" / "v1" / "components" / i64).and(warp::put()).and(ctx.clone()).then(update);
    let delete = warp::path!("api" / "v1" / "components" / i64).and(warp::delete()).and(ctx).then(delete);
    index.or(show).unify().or(uptime).unify().or(create).unify().or(update).unify().or(delete).unify().boxed()
}

async fn index(ctx: Ctx) -> Response {
    ctx.read("no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let query = ComponentQuery {
            id: f.int("id"),
            name: f.string("name"),
            status: f.enumeration("status", ComponentStatus::from_value),
            order: order_filter(&mut f, ctx.input.get("order")),
            group_id: f.reference("group_id"),
            enabled: f.bool("enabled"),
            tags: f.list("tags").unwrap_or_default(),
            sort: sort(&mut f, ComponentSort::parse),
            page: page_request(&mut f),
            viewer: ctx.viewer(),
        };
        f.finish()?;
        let page = store.list_components(&query)?;
        Ok(list(ctx, &page, |c| present::component(c, ctx.tz)))
    })
    .await
}

async fn show(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        Ok(item(present::component(&store.view(ctx.viewer()).component(id)?, ctx.tz)))
    })
    .await
}

/// Daily uptime from the status history (beyond Cachet 2.4): `?from=YYYY-MM-DD&to=YYYY-MM-DD`
/// in the request's time zone; the last 90 days by default.
async fn uptime(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let today = Utc::now().with_timezone(&ctx.tz).date_naive();
        let to = f.date("to").unwrap_or(today);
        let from = f.date("from").unwrap_or_else(|| to.checked_sub_days(Days::new(89)).unwrap_or(to));
        f.finish()?;
        let days = store.view(ctx.viewer()).component_uptime(id, from, to, ctx.tz)?;
        Ok(json!({
            "meta": {
                "component_id": id, "from": from.to_string(), "to": to.to_string(),
                "time_zone": ctx.tz.name(), "uptime": uptime_percent(&days),
            },
            "data": days.iter().map(|d| json!({
                "date": d.date.to_string(),
                "uptime": d.uptime,
                "worst_status": d.worst.map(ComponentStatus::value),
                "seconds": {
                    "unknown": d.seconds[0], "operational": d.seconds[1], "performance_issues": d.seconds[2],
                    "partial_outage": d.seconds[3], "major_outage": d.seconds[4],
                },
            })).collect::<Vec<_>>(),
        }))
    })
    .await
}

async fn create(ctx: Ctx) -> Response {
    ctx.write(|store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let name = f.string("name");
        let name = f.required("name", name);
        let status = f.enumeration("status", ComponentStatus::from_value);
        let status = f.required("status", status);
        let description = f.string("description");
        let link = f.string("link");
        let order = f.int32("order");
        let group_id = f.reference("group_id");
        let enabled = f.bool("enabled");
        let meta = f.object("meta");
        let tags = f.list("tags");
        f.finish()?;
        let (Some(name), Some(status)) = (name, status) else { return Err(ApiError::invalid(vec![])) };
        let input = NewComponent {
            description: description.unwrap_or_default(),
            link,
            order: order.unwrap_or(0),
            group_id: group_id.flatten(),
            enabled: enabled.unwrap_or(true),
            meta,
            tags: tags.unwrap_or_default(),
            ..NewComponent::new(name, status)
        };
        let component = store.create_component(input).map_err(ApiError::from_write)?;
        Ok(Some(item(present::component(&component, ctx.tz))))
    })
    .await
}

async fn update(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let patch = ComponentPatch {
            name: f.string("name"),
            status: f.enumeration("status", ComponentStatus::from_value),
            description: f.string("description"),
            link: f.string("link"),
            order: f.int32("order"),
            group_id: f.reference("group_id"),
            enabled: f.bool("enabled"),
            meta: f.object("meta"),
            tags: f.list("tags"),
            reason: Some("API".into()),
        };
        let _silent = f.bool("silent");
        f.finish()?;
        let component = store.update_component(id, patch).map_err(ApiError::from_write)?;
        Ok(Some(item(present::component(&component, ctx.tz))))
    })
    .await
}

async fn delete(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_component(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

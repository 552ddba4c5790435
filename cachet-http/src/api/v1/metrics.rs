//! `/api/v1/metrics` and their points (counter de-duplication and 30 s rounding live in the core).

use cachet_core::model::{
    MetricCalcType, MetricPatch, MetricQuery, MetricSort, MetricView, MetricVisibility, NewMetric,
};
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
    ("GET", "/api/v1/metrics"),
    ("GET", "/api/v1/metrics/{id}"),
    ("POST", "/api/v1/metrics"),
    ("PUT", "/api/v1/metrics/{id}"),
    ("DELETE", "/api/v1/metrics/{id}"),
    ("GET", "/api/v1/metrics/{id}/points"),
    ("POST", "/api/v1/metrics/{id}/points"),
    ("PUT", "/api/v1/metrics/{id}/points/{point_id}"),
    ("DELETE", "/api/v1/metrics/{id}/points/{point_id}"),
];

/// The metric and point routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index = warp::path!("api" / "v1" / "metrics").and(crate::respond::get_or_head()).and(ctx.clone()).then(index);
    let show =
        warp::path!("api" / "v1" / "metrics" / i64).and(crate::respond::get_or_head()).and(ctx.clone()).then(show);
    let create = warp::path!("api" / "v1" / "metrics").and(warp::post()).and(ctx.clone()).then(create);
    let update = warp::path!("api" / "v1" / "metrics" / i64).and(warp::put()).and(ctx.clone()).then(update);
    let delete = warp::path!("api" / "v1" / "metrics" / i64).and(warp::delete()).and(ctx.clone()).then(delete);
    let points = warp::path!("api" / "v1" / "metrics" / i64 / "points")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(points);
    let add_point =
        warp::path!("api" / "v1" / "metrics" / i64 / "points").and(warp::post()).and(ctx.clone()).then(add_point);
    let edit_point =
        warp::path!("api" / "v1" / "metrics" / i64 / "points" / i64).and(warp::put()).and(ctx.clone()).then(edit_point);
    let delete_point =
        warp::path!("api" / "v1" / "metrics" / i64 / "points" / i64).and(warp::delete()).and(ctx).then(delete_point);
    index
        .or(show)
        .unify()
        .or(create)
        .unify()
        .or(update)
        .unify()
        .or(delete)
        .unify()
        .or(points)
        .unify()
        .or(add_point)
        .unify()
        .or(edit_point)
        .unify()
        .or(delete_point)
        .unify()
        .boxed()
}

async fn index(ctx: Ctx) -> Response {
    ctx.read("no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let query =
            MetricQuery { sort: sort(&mut f, MetricSort::parse), page: page_request(&mut f), viewer: ctx.viewer() };
        f.finish()?;
        let page = store.list_metrics(&query)?;
        Ok(list(ctx, &page, |m| present::metric(m, ctx.tz)))
    })
    .await
}

async fn show(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| Ok(item(present::metric(&store.view(ctx.viewer()).metric(id)?, ctx.tz))))
        .await
}

/// `default_view`, or its 2.4 alias `view`.
fn view(f: &mut Fields<'_>) -> Option<MetricView> {
    f.enumeration("default_view", MetricView::from_value).or_else(|| f.enumeration("view", MetricView::from_value))
}

fn places(f: &mut Fields<'_>) -> Option<i16> {
    let n = f.int("places")?;
    match i16::try_from(n) {
        Ok(n) if (0..=4).contains(&n) => Some(n),
        _ => {
            f.error("places", "must be from 0 to 4");
            None
        }
    }
}

async fn create(ctx: Ctx) -> Response {
    ctx.write(|store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let name = f.string("name");
        let name = f.required("name", name);
        let suffix = f.string("suffix");
        let suffix = f.required("suffix", suffix);
        let default_value = f.number("default_value");
        let default_value = f.required("default_value", default_value);
        let description = f.string("description");
        let calc_type = f.enumeration("calc_type", MetricCalcType::from_value);
        let display_chart = f.bool("display_chart");
        let places = places(&mut f);
        let default_view = view(&mut f);
        let threshold = f.int32("threshold");
        let order = f.int32("order");
        let visible = f.enumeration("visible", MetricVisibility::from_value);
        f.finish()?;
        let defaults = NewMetric::new(name.unwrap_or_default(), suffix.unwrap_or_default());
        let input = NewMetric {
            description: description.unwrap_or_default(),
            default_value: default_value.unwrap_or(0.0),
            calc_type: calc_type.unwrap_or(defaults.calc_type),
            display_chart: display_chart.unwrap_or(defaults.display_chart),
            places: places.unwrap_or(defaults.places),
            default_view: default_view.unwrap_or(defaults.default_view),
            threshold: threshold.unwrap_or(defaults.threshold),
            order: order.unwrap_or(0),
            visible: visible.unwrap_or(defaults.visible),
            ..defaults
        };
        let metric = store.create_metric(input).map_err(ApiError::from_write)?;
        Ok(Some(item(present::metric(&metric, ctx.tz))))
    })
    .await
}

async fn update(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let patch = MetricPatch {
            name: f.string("name"),
            suffix: f.string("suffix"),
            description: f.string("description"),
            default_value: f.number("default_value"),
            calc_type: f.enumeration("calc_type", MetricCalcType::from_value),
            display_chart: f.bool("display_chart"),
            places: places(&mut f),
            default_view: view(&mut f),
            threshold: f.int32("threshold"),
            order: f.int32("order"),
            visible: f.enumeration("visible", MetricVisibility::from_value),
        };
        f.finish()?;
        let metric = store.update_metric(id, patch).map_err(ApiError::from_write)?;
        Ok(Some(item(present::metric(&metric, ctx.tz))))
    })
    .await
}

async fn delete(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_metric(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

async fn points(metric: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let page = page_request(&mut f);
        f.finish()?;
        let page = store.view(ctx.viewer()).metric_points(metric, page)?;
        Ok(list(ctx, &page, |p| present::point(p, ctx.tz)))
    })
    .await
}

async fn add_point(metric: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let value = f.number("value");
        let value = f.required("value", value);
        let at = f.timestamp("timestamp");
        f.finish()?;
        let point = store.add_metric_point(metric, value.unwrap_or(0.0), at).map_err(ApiError::from_write)?;
        Ok(Some(item(present::point(&point, ctx.tz))))
    })
    .await
}

async fn edit_point(metric: i64, id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let value = f.number("value");
        let at = f.timestamp("timestamp");
        f.finish()?;
        let point = store.update_metric_point(metric, id, value, at).map_err(ApiError::from_write)?;
        Ok(Some(item(present::point(&point, ctx.tz))))
    })
    .await
}

async fn delete_point(metric: i64, id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_metric_point(metric, id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

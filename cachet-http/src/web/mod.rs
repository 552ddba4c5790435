//! The public status page and everything a visitor or a feed reader fetches without a token:
//! the page at `/`, incident and maintenance pages, Atom/RSS feeds, the maintenance calendar, SVG
//! badges, the live-update stream and the page's static assets.
//!
//! Handlers stay thin: they read the core (status overview, uptime, incidents by date range,
//! schedules, metric points), shape view models in [`present`] and render askama templates.
//! Rendered bodies are cached per database revision in the shared response cache (keys start with
//! `page|`) and served with ETag, 304 and compression by [`crate::respond::send`].

mod assets;
mod badge;
mod calendar;
mod detail;
mod events;
mod feeds;
mod markdown;
mod metrics_chart;
mod page;
mod present;
pub(crate) mod refresh;
mod timeline;
mod uptime_bar;

use std::sync::Arc;

use cachet_core::{Settings, Store};
use chrono::{DateTime, Utc};
use warp::filters::BoxedFilter;
use warp::http::{HeaderMap, StatusCode};
use warp::reply::Response;
use warp::{Filter, Reply};

use crate::api::error::ApiError;
use crate::cache::Lookup;
use crate::respond;
use crate::state::AppState;

/// Every public page route as `(method, path template)`, from each module's `ROUTES`.
pub fn route_table() -> Vec<(&'static str, &'static str)> {
    [
        page::ROUTES,
        detail::ROUTES,
        timeline::ROUTES,
        feeds::ROUTES,
        calendar::ROUTES,
        badge::ROUTES,
        events::ROUTES,
        assets::ROUTES,
    ]
    .concat()
}

/// Every public page route.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    page::routes(state.clone())
        .or(detail::routes(state.clone()))
        .unify()
        .or(timeline::routes(state.clone()))
        .unify()
        .or(feeds::routes(state.clone()))
        .unify()
        .or(calendar::routes(state.clone()))
        .unify()
        .or(badge::routes(state.clone()))
        .unify()
        .or(events::routes(state))
        .unify()
        .or(assets::routes())
        .unify()
        .boxed()
}

/// What a renderer gets: the store, the settings and the time of the request.
pub(crate) struct RenderCtx<'a> {
    /// The database.
    pub store: &'a Store,
    /// Settings at this revision.
    pub settings: &'a Settings,
    /// The store's clock at the request.
    pub now: DateTime<Utc>,
    /// The public base URL, without a trailing slash.
    pub base_url: String,
    /// The database revision the response is built for.
    pub revision: i64,
}

/// A filter handing out the state.
pub(crate) fn with_state(
    state: AppState,
) -> impl Filter<Extract = (AppState,), Error = std::convert::Infallible> + Clone {
    warp::any().map(move || state.clone())
}

/// Renders one page's bytes.
pub(crate) type Render = Arc<dyn Fn(&RenderCtx<'_>) -> Result<Vec<u8>, ApiError> + Send + Sync>;

/// Serves the snapshot cached under `key`. Readers never wait for a render: a snapshot made
/// before the latest write (or in an earlier minute: pages depend on the clock too) is served
/// while [`refresh::run`] renders the next one in the background. Only a page never rendered
/// yet is rendered on the request, once for all the requests that want it.
pub(crate) async fn serve(
    state: AppState,
    key: String,
    headers: HeaderMap,
    content_type: &'static str,
    cache_control: &'static str,
    render: impl Fn(&RenderCtx<'_>) -> Result<Vec<u8>, ApiError> + Send + Sync + 'static,
) -> Response {
    // An error answers in the kind of document asked for: JSON in the API's format, else HTML.
    let error_page = |e: &ApiError| {
        if content_type.starts_with("application/json") { e.clone().into_response() } else { error_page(e) }
    };
    let settings = match state.settings().await {
        Ok(s) => s,
        Err(e) => return error_page(&e),
    };
    let base = state.base_url(&settings, &headers);
    let now = state.store.now();
    let revision = state.revision();
    let minute = now.timestamp() / 60;
    let key = format!("page|{base}|{key}");
    let page = || refresh::Page { key: key.clone(), base: base.clone(), content_type, render: Arc::new(render) };
    match state.cache.lookup(revision, minute, &key) {
        Lookup::Fresh(body) => return respond::send(&body, StatusCode::OK, &headers, cache_control),
        Lookup::Stale(body) => {
            state.pages.wanted(page());
            return respond::send(&body, StatusCode::OK, &headers, cache_control);
        }
        Lookup::Missing => {}
    }
    let page = page();
    // One render per key at a time: requests arriving while it runs wait and share its result.
    let flight = crate::cache::in_flight(&key);
    let _turn = flight.lock().await;
    if let Some(body) = state.cache.get(revision, minute, &key) {
        return respond::send(&body, StatusCode::OK, &headers, cache_control);
    }
    match refresh::render(&state, &page, settings, now, revision).await {
        Ok(body) => {
            state.pages.wanted(page);
            respond::send(&body, StatusCode::OK, &headers, cache_control)
        }
        Err(e) => error_page(&e),
    }
}

/// A short plain HTML page for an error (404 for a missing incident, 400 naming a bad parameter).
fn error_page(e: &ApiError) -> Response {
    if let Some(cause) = &e.cause {
        tracing::error!(%cause, "status page failed");
    }
    let reason = e.status.canonical_reason().unwrap_or("Error");
    let detail = e.details.join(" ");
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{reason}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body><main><h1>{reason}</h1><p>{}</p><p><a href=\"/\">Back to the status page</a></p></main></body></html>",
        present::escape_text(&detail)
    );
    let mut response = warp::reply::html(html).into_response();
    *response.status_mut() = e.status;
    response
}

/// Renders an askama template, turning a template failure into a 500.
pub(crate) fn render_template(t: &impl askama::Template) -> Result<Vec<u8>, ApiError> {
    let mut html = t.render().map_err(|e| ApiError::internal(format!("template: {e}")))?;
    // The cache keeps the body as long as it serves it: without the growth slack.
    html.shrink_to_fit();
    Ok(html.into_bytes())
}

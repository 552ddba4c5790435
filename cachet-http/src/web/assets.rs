//! The page's stylesheet and its few lines of progressive-enhancement JavaScript, compiled into
//! the binary and served compressed with an ETag.

use std::sync::{Arc, LazyLock};

use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::{HeaderMap, StatusCode};
use warp::reply::Response;

use crate::cache::CachedBody;
use crate::respond;

static CSS: LazyLock<Arc<CachedBody>> = LazyLock::new(|| {
    Arc::new(CachedBody::new("text/css; charset=utf-8", include_bytes!("../../static/status.css").to_vec()))
});
static JS: LazyLock<Arc<CachedBody>> = LazyLock::new(|| {
    Arc::new(CachedBody::new("text/javascript; charset=utf-8", include_bytes!("../../static/status.js").to_vec()))
});

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/assets/status.css"), ("GET", "/assets/status.js")];

/// `/assets/status.css` and `/assets/status.js`.
pub fn routes() -> BoxedFilter<(Response,)> {
    let cache = "public, max-age=300";
    let css = warp::path!("assets" / "status.css")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .map(move |headers: HeaderMap| respond::send(&CSS, StatusCode::OK, &headers, cache));
    let js = warp::path!("assets" / "status.js")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .map(move |headers: HeaderMap| respond::send(&JS, StatusCode::OK, &headers, cache));
    css.or(js).unify().boxed()
}

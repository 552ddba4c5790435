//! Building responses: JSON bodies with an entity tag, `304 Not Modified` when the client has
//! them, and the compressed form the client accepts.

use std::sync::Arc;

use warp::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use warp::reply::Reply;

use crate::cache::CachedBody;

/// The encodings a client accepts, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Brotli.
    Brotli,
    /// Gzip.
    Gzip,
    /// None.
    Identity,
}

impl Encoding {
    /// The best encoding listed in `Accept-Encoding` (ignoring `q=0`).
    pub fn negotiate(headers: &HeaderMap) -> Encoding {
        let Some(accept) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
            return Encoding::Identity;
        };
        let accepts = |name: &str| {
            accept.split(',').any(|part| {
                let mut bits = part.split(';');
                let coding = bits.next().unwrap_or("").trim();
                let refused = bits.any(|p| p.trim().replace(' ', "") == "q=0" || p.trim() == "q=0.0");
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if accepts("br") {
            Encoding::Brotli
        } else if accepts("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

/// Matches GET, and HEAD answered as GET: hyper sends a HEAD answer's headers (length, type,
/// ETag) without its body. Uptime monitors and link checkers probe pages with HEAD.
pub fn get_or_head() -> impl warp::Filter<Extract = (), Error = warp::Rejection> + Clone + Send + Sync + 'static {
    use warp::Filter;
    warp::get().or(warp::head()).map(|_| ()).untuple_one()
}

/// Answers with a cached body: 304 when `If-None-Match` matches, else the best encoding.
pub fn send(
    body: &Arc<CachedBody>,
    status: StatusCode,
    request: &HeaderMap,
    cache_control: &'static str,
) -> warp::reply::Response {
    let not_modified = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim().trim_start_matches("W/") == body.etag || t.trim() == "*"));
    let mut builder = Response::builder()
        .header(header::ETAG, &body.etag)
        .header(header::CACHE_CONTROL, cache_control)
        .header(header::VARY, "Accept-Encoding");
    if not_modified && status == StatusCode::OK {
        return builder.status(StatusCode::NOT_MODIFIED).body(Vec::new()).map(Reply::into_response).unwrap_or_default();
    }
    builder = builder.status(status).header(header::CONTENT_TYPE, body.content_type);
    let encoding = Encoding::negotiate(request);
    match encoding {
        Encoding::Brotli => builder = builder.header(header::CONTENT_ENCODING, HeaderValue::from_static("br")),
        Encoding::Gzip => builder = builder.header(header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
        Encoding::Identity => {}
    }
    let bytes = body.encoded(encoding);
    builder.body(bytes).map(Reply::into_response).unwrap_or_default()
}

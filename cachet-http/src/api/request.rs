//! The request context every API handler receives: who is asking, in which time zone, with which
//! parameters, plus the rules that apply before any handler (406, body limit, token check).

use std::sync::Arc;

use bytes::Bytes;
use cachet_core::model::Viewer;
use cachet_core::{Settings, Store};
use chrono_tz::Tz;
use futures_util::StreamExt;
use serde_json::Value;
use warp::http::{HeaderMap, Method, StatusCode, header};
use warp::{Buf, Filter, Rejection};

use super::error::{ApiError, Rejected};
use super::input::Input;
use crate::cache::CachedBody;
use crate::client::Client;
use crate::limits::{Limited, TooManyRequests};
use crate::respond;
use crate::state::AppState;

/// What the token header said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No token given.
    Missing,
    /// A token that is unknown or revoked.
    Invalid,
    /// A valid token.
    Valid,
}

/// One API request, parsed.
#[derive(Clone)]
pub struct Ctx {
    /// Server state.
    pub state: AppState,
    /// The request method.
    pub method: Method,
    /// Path, without the query.
    pub path: String,
    /// Raw query string.
    pub query: String,
    /// Request headers.
    pub headers: HeaderMap,
    /// Merged parameters.
    pub input: Input,
    /// Token state.
    pub auth: Auth,
    /// Time zone for dates in and out (`Time-Zone` header, else `app_timezone`).
    pub tz: Tz,
    /// Settings at this request.
    pub settings: Arc<Settings>,
    /// Who is asking.
    pub client: Client,
    /// The public base URL for links in this answer.
    base_url: String,
    /// The id of the valid token, if any.
    token_id: Option<i64>,
    /// Whether the request carried a body.
    has_body: bool,
}

impl Ctx {
    /// Guests unless the token is valid.
    pub fn viewer(&self) -> Viewer {
        if self.auth == Auth::Valid { Viewer::Authenticated } else { Viewer::Guest }
    }

    /// The public base URL: configured, else `app_domain`, else from the client's host
    /// ([`AppState::base_url`]).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// 401 unless the token is valid.
    pub fn require_token(&self) -> Result<(), ApiError> {
        if self.auth == Auth::Valid { Ok(()) } else { Err(ApiError::unauthorized()) }
    }

    /// Runs a read on the blocking pool and answers `{…}` JSON. Guest reads are served from the
    /// response cache while the revision stands.
    pub async fn read(
        self,
        cache_control: &'static str,
        f: impl FnOnce(&Store, &Ctx) -> Result<Value, ApiError> + Send + 'static,
    ) -> warp::reply::Response {
        match self.read_inner(cache_control, f).await {
            Ok(response) => response,
            Err(e) => warp::Reply::into_response(e),
        }
    }

    async fn read_inner(
        self,
        cache_control: &'static str,
        f: impl FnOnce(&Store, &Ctx) -> Result<Value, ApiError> + Send + 'static,
    ) -> Result<warp::reply::Response, ApiError> {
        let revision = self.state.revision();
        let cacheable = self.auth != Auth::Valid && !self.has_body;
        // Everything that shapes the bytes, and nothing else: the links' base (it may come from
        // the Host header), the parameters a route reads, the time zone.
        let key = format!("api|{}|{}?{}|{}", self.base_url, self.path, self.input.cache_key(), self.tz.name());
        // Answers depend on the clock as well (a maintenance window starting makes components
        // under maintenance), so a cached one serves for the minute it was made in.
        let minute = self.state.store.now().timestamp() / 60;
        if cacheable && let Some(body) = self.state.cache.get(revision, minute, &key) {
            return Ok(respond::send(&body, StatusCode::OK, &self.headers, cache_control));
        }
        // One computation per key at a time: the requests that arrive meanwhile share it instead
        // of each running the same queries (a new revision or minute under load).
        let flight = cacheable.then(|| crate::cache::in_flight(&key));
        let _turn = match &flight {
            Some(flight) => Some(flight.lock().await),
            None => None,
        };
        if cacheable && let Some(body) = self.state.cache.get(revision, minute, &key) {
            return Ok(respond::send(&body, StatusCode::OK, &self.headers, cache_control));
        }
        let state = self.state.clone();
        let headers = self.headers.clone();
        let blocking = state.blocking.clone();
        let work = move || {
            let value = f(&self.state.store, &self)?;
            let bytes = serde_json::to_vec(&value).map_err(|e| ApiError::internal(e.to_string()))?;
            Ok(Arc::new(CachedBody::new("application/json", bytes)))
        };
        // Guest reads that missed the cache render within their share of the pool; a token
        // holder's reads are not cached and run as writes do.
        let body = if cacheable { blocking.render(work).await? } else { blocking.run(work).await? };
        if cacheable {
            state.cache.put(revision, minute, key, body.clone());
        }
        Ok(respond::send(&body, StatusCode::OK, &headers, cache_control))
    }

    /// Runs a write (token required) on the blocking pool; `Some(value)` answers 200 with it,
    /// `None` answers 204.
    pub async fn write(
        self,
        f: impl FnOnce(&Store, &Ctx) -> Result<Option<Value>, ApiError> + Send + 'static,
    ) -> warp::reply::Response {
        if let Err(e) = self.require_token() {
            return warp::Reply::into_response(e);
        }
        if let Some(id) = self.token_id
            && let Err(wait) = self.state.rate_limits.check_token_write(id)
        {
            return crate::limits::too_many_requests(wait);
        }
        let state = self.state.clone();
        match state.blocking.run(move || f(&self.state.store, &self)).await {
            Ok(Some(value)) => warp::Reply::into_response(warp::reply::json(&value)),
            Ok(None) => warp::Reply::into_response(StatusCode::NO_CONTENT),
            Err(e) => warp::Reply::into_response(e),
        }
    }
}

/// Whether an `Accept` header allows a JSON answer.
fn accepts_json(headers: &HeaderMap) -> bool {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else { return true };
    if accept.trim().is_empty() {
        return true;
    }
    accept.split(',').any(|part| {
        let media = part.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        matches!(media.as_str(), "*/*" | "application/*" | "application/json" | "text/json") || media.ends_with("+json")
    })
}

/// The secret from `X-Cachet-Token` or `Authorization: Bearer`.
fn token(headers: &HeaderMap) -> Option<String> {
    if let Some(t) = headers.get("x-cachet-token").and_then(|v| v.to_str().ok()) {
        return Some(t.trim().to_string());
    }
    let auth = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = auth.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim().to_string())
}

/// Reads the body up to the limit; more is 413. A body that stops arriving for `timeout` is
/// a 408 (a slow client cannot hold a connection and a handler forever).
async fn read_body(
    limit: u64,
    timeout: std::time::Duration,
    length: Option<u64>,
    body: impl futures_util::Stream<Item = Result<impl Buf, warp::Error>> + Unpin,
) -> Result<Bytes, Rejection> {
    if length.is_some_and(|n| n > limit) {
        return Err(warp::reject::custom(Rejected(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE))));
    }
    let mut body = body;
    let mut data = Vec::new();
    loop {
        let next = tokio::time::timeout(timeout, body.next())
            .await
            .map_err(|_| warp::reject::custom(Rejected(ApiError::new(StatusCode::REQUEST_TIMEOUT))))?;
        let Some(chunk) = next else { break };
        let mut chunk =
            chunk.map_err(|_| warp::reject::custom(Rejected(ApiError::field("body", "could not be read"))))?;
        if data.len() as u64 + chunk.remaining() as u64 > limit {
            return Err(warp::reject::custom(Rejected(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE))));
        }
        while chunk.has_remaining() {
            let piece = chunk.chunk();
            data.extend_from_slice(piece);
            let n = piece.len();
            chunk.advance(n);
        }
    }
    Ok(data.into())
}

/// Routes that answer without a token even when `always_authenticate` is on.
const ALWAYS_OPEN: &[&str] = &["/api/v1/ping", "/api/v1/version", "/api/v1/status"];

/// The filter that builds a [`Ctx`] for API routes.
pub fn ctx(state: AppState) -> impl Filter<Extract = (Ctx,), Error = Rejection> + Clone {
    let (limit, timeout) = (state.body_limit, state.body_timeout);
    warp::method()
        .and(warp::path::full())
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<Client>())
        .and(warp::header::optional::<u64>("content-length"))
        .and(warp::body::stream())
        .and_then(move |method, path, query, headers: HeaderMap, client, length: Option<u64>, body| async move {
            // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 §6.3):
            // most reads, which then skip the stream and its timer.
            let bodiless = length == Some(0) || (length.is_none() && !headers.contains_key(header::TRANSFER_ENCODING));
            let body = if bodiless { Bytes::new() } else { read_body(limit, timeout, length, Box::pin(body)).await? };
            Ok::<_, Rejection>((method, path, query, headers, client, body))
        })
        .untuple_one()
        .and(warp::any().map(move || state.clone()))
        .and_then(build)
}

async fn build(
    method: Method,
    path: warp::path::FullPath,
    query: String,
    headers: HeaderMap,
    client: Option<Client>,
    body: Bytes,
    state: AppState,
) -> Result<Ctx, Rejection> {
    let reject = |e: ApiError| warp::reject::custom(Rejected(e));
    let too_many = |wait| warp::reject::custom(TooManyRequests(wait));
    let client = client.unwrap_or_else(Client::unknown);
    if !accepts_json(&headers) {
        return Err(reject(ApiError::new(StatusCode::NOT_ACCEPTABLE)));
    }
    let is_write = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase);
    let input = Input::parse(&query, &body, content_type.as_deref(), is_write).map_err(reject)?;
    let settings = state.settings().await.map_err(reject)?;
    let (auth, token_id) = match token(&headers) {
        None => (Auth::Missing, None),
        Some(secret) => {
            if let Some(wait) = state.rate_limits.auth_locked(client.ip) {
                return Err(too_many(wait));
            }
            let store = state.store.clone();
            match state.blocking.run(move || Ok(store.authenticate(&secret))).await.map_err(reject)? {
                Ok(token) => (Auth::Valid, Some(token.id)),
                Err(cachet_core::Error::Unauthorized) => {
                    state.rate_limits.check(Limited::AuthFailure, client.ip).map_err(too_many)?;
                    (Auth::Invalid, None)
                }
                Err(e) => return Err(reject(e.into())),
            }
        }
    };
    if is_write && auth != Auth::Valid {
        state.rate_limits.check(Limited::GuestWrite, client.ip).map_err(too_many)?;
    }
    let path = path.as_str().to_string();
    if settings.always_authenticate() && auth != Auth::Valid && !ALWAYS_OPEN.contains(&path.as_str()) {
        return Err(reject(ApiError::unauthorized()));
    }
    let tz = match headers.get("time-zone").and_then(|v| v.to_str().ok()) {
        Some(name) => name
            .trim()
            .parse::<Tz>()
            .map_err(|_| reject(ApiError::field("Time-Zone header", "is not a known time zone")))?,
        None => settings.timezone(),
    };
    let base_url = state.base_url(&settings, &headers);
    Ok(Ctx {
        state,
        method,
        path,
        query,
        headers,
        input,
        auth,
        tz,
        settings,
        client,
        base_url,
        token_id,
        has_body: !body.is_empty(),
    })
}

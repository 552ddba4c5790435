//! Headers every answer carries, set in one place after routing:
//!
//! - `X-Content-Type-Options: nosniff` and a `Referrer-Policy` everywhere;
//! - a `Content-Security-Policy` with no inline script or style (the page has none), framing
//!   only as `--frame-ancestors` allows;
//! - CORS on the public read API (`/api/v2/*`, `/api/openapi.json` and guest reads of
//!   `/api/v1/*`), so status widgets on other sites can read it, and answers to its preflight;
//! - `Cache-Control: private, no-store` on every answer to a request that carried a token, so
//!   no shared cache keeps what only a token holder may see.

use warp::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use warp::reply::Response;

/// The policies, built once from the settings.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    page_policy: HeaderValue,
    api_policy: HeaderValue,
    deny_frames: bool,
}

/// Headers a browser may send on a cross-origin read of the public API.
const CORS_REQUEST_HEADERS: &str = "Accept, Accept-Language, Content-Type, If-None-Match, Time-Zone";
/// Headers a cross-origin reader may see.
const CORS_EXPOSED_HEADERS: &str = "ETag, Link, Retry-After";

impl SecurityHeaders {
    /// Policies allowing frames from `frame_ancestors` (CSP sources; `'none'` for none).
    pub fn new(frame_ancestors: &str) -> Self {
        let frame_ancestors = frame_ancestors.trim();
        let page = format!(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
             manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
        );
        let api = "default-src 'none'; frame-ancestors 'none'".to_string();
        SecurityHeaders {
            page_policy: HeaderValue::from_str(&page)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
            api_policy: HeaderValue::from_str(&api).unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
            deny_frames: frame_ancestors == "'none'",
        }
    }

    /// Adds the headers to `response`, the answer to `method path` with request `headers`.
    pub fn apply(&self, method: &Method, path: &str, request: &HeaderMap, response: &mut Response) {
        let api = path.starts_with("/api/");
        let out = response.headers_mut();
        out.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        out.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
        out.insert(
            header::CONTENT_SECURITY_POLICY,
            if api { self.api_policy.clone() } else { self.page_policy.clone() },
        );
        if self.deny_frames || api {
            out.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        let credentials = carries_credentials(request);
        if credentials {
            out.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        }
        if api && !credentials && is_public_read(method, path) {
            out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            out.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(CORS_EXPOSED_HEADERS));
        }
        if api && is_public_read(&Method::GET, path) {
            // The answer differs with the token (guest or not): a shared cache keys on it.
            out.append(header::VARY, HeaderValue::from_static("Authorization, X-Cachet-Token"));
        }
    }

    /// The answer to `OPTIONS path`: the methods the route serves, and for the public read API
    /// a CORS preflight allowing cross-origin reads. `None` when no route has this path.
    pub fn options(&self, path: &str, request: &HeaderMap) -> Option<Response> {
        let mut methods = crate::server::allowed_methods(path);
        if methods.is_empty() {
            return None;
        }
        methods.push("OPTIONS");
        let mut response = Response::new(Default::default());
        *response.status_mut() = StatusCode::NO_CONTENT;
        let out = response.headers_mut();
        out.insert(header::ALLOW, HeaderValue::from_str(&methods.join(", ")).ok()?);
        if path.starts_with("/api/") && is_public_read(&Method::GET, path) && request.contains_key(header::ORIGIN) {
            out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            out.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, OPTIONS"));
            out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(CORS_REQUEST_HEADERS));
            out.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        }
        Some(response)
    }
}

/// Whether the request carries a token (valid or not).
pub fn carries_credentials(request: &HeaderMap) -> bool {
    request.contains_key("x-cachet-token") || request.contains_key(header::AUTHORIZATION)
}

/// Reads anyone may make from another site: everything under `/api/v2`, the OpenAPI document,
/// and `GET`/`HEAD` under `/api/v1` except the subscriber list (token only).
fn is_public_read(method: &Method, path: &str) -> bool {
    if !matches!(*method, Method::GET | Method::HEAD) {
        return false;
    }
    path.starts_with("/api/v2/")
        || path == "/api/openapi.json"
        || (path.starts_with("/api/v1/") && !path.starts_with("/api/v1/subscribers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(method: Method, path: &str, request: &[(&str, &str)]) -> Response {
        let mut headers = HeaderMap::new();
        for (k, v) in request {
            headers
                .insert(warp::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        let mut response = Response::new(Default::default());
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=10"));
        SecurityHeaders::new("'none'").apply(&method, path, &headers, &mut response);
        response
    }

    #[test]
    fn a_token_makes_the_answer_private() {
        let r = answer(Method::GET, "/api/v1/status", &[("x-cachet-token", "t")]);
        assert_eq!(r.headers()[header::CACHE_CONTROL], "private, no-store");
        assert!(!r.headers().contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
        let r = answer(Method::GET, "/api/v1/status", &[]);
        assert_eq!(r.headers()[header::CACHE_CONTROL], "public, max-age=10");
        assert_eq!(r.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    }

    #[test]
    fn writes_and_the_subscriber_list_get_no_cors() {
        assert!(
            !answer(Method::POST, "/api/v1/components", &[])
                .headers()
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        );
        assert!(
            !answer(Method::GET, "/api/v1/subscribers", &[])
                .headers()
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        );
        assert!(
            answer(Method::GET, "/api/v2/summary.json", &[])
                .headers()
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        );
    }

    #[test]
    fn pages_forbid_inline_script_and_framing_by_default() {
        let r = answer(Method::GET, "/", &[]);
        let csp = r.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(r.headers()[header::X_FRAME_OPTIONS], "DENY");
    }

    #[test]
    fn a_frame_ancestors_setting_allows_embedding() {
        let mut response = Response::new(Default::default());
        SecurityHeaders::new("https://intranet.example.com").apply(&Method::GET, "/", &HeaderMap::new(), &mut response);
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.ends_with("frame-ancestors https://intranet.example.com"));
        assert!(!response.headers().contains_key(header::X_FRAME_OPTIONS));
    }
}

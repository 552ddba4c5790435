//! A real server per test on a fresh database, and a small HTTP client around it.

use cachet_core::testing::TestDb;
use cachet_core::{Backend, Store};
use cachet_http::{RunningServer, ServeArgs};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A running server, its database and a valid token.
pub struct Api {
    pub url: String,
    pub token: String,
    pub client: reqwest::Client,
    pub server: RunningServer,
    pub db: TestDb,
}

impl Api {
    /// A server on a fresh database of `backend`, or `None` when that backend is not configured.
    pub async fn start(backend: Backend) -> Option<Api> {
        let db = TestDb::new(backend)?;
        // The auth matrix sends dozens of wrong tokens from one address; the rate limits have
        // their own tests (tests/hardening.rs).
        let args =
            ServeArgs { rate_limit_auth_failures: 0, rate_limit_guest_writes: 0, ..ServeArgs::for_database(&db.url) };
        let server = cachet_http::start(args).await.expect("server starts");
        let store = server.state.store.clone();
        let token = tokio::task::spawn_blocking(move || store.create_token("tests").unwrap().secret).await.unwrap();
        let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
        Some(Api { url: server.url(), token, client, server, db })
    }

    /// The store behind the server (for arranging data and checking effects).
    pub fn store(&self) -> Store {
        self.server.state.store.clone()
    }

    /// Runs a store call off the async runtime.
    pub async fn with_store<T: Send + 'static>(&self, f: impl FnOnce(&Store) -> T + Send + 'static) -> T {
        let store = self.store();
        tokio::task::spawn_blocking(move || f(&store)).await.unwrap()
    }

    /// A request without a token.
    pub fn anon(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.url))
    }

    /// A request with the valid token.
    pub fn authed(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.anon(method, path).header("X-Cachet-Token", &self.token)
    }

    /// Sends and returns the status and the JSON body (`Null` for an empty body).
    pub async fn send(&self, request: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let response = request.send().await.expect("request");
        let status = response.status();
        let text = response.text().await.unwrap();
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        (status, body)
    }

    /// GET as a guest.
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.anon(Method::GET, path)).await
    }

    /// GET with the token.
    pub async fn get_authed(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.authed(Method::GET, path)).await
    }

    /// A JSON write with the token.
    pub async fn write(&self, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.authed(method, path).json(&body)).await
    }

    /// POST JSON with the token; asserts 200 and returns `data`.
    pub async fn create(&self, path: &str, body: Value) -> Value {
        let (status, body) = self.write(Method::POST, path, body).await;
        assert_eq!(status, StatusCode::OK, "POST {path}: {body}");
        body["data"].clone()
    }
}

/// Asserts a 400 whose details name `field`.
#[track_caller]
pub fn assert_bad_field(status: StatusCode, body: &Value, field: &str) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let details = body["meta"]["details"].as_array().expect("meta.details");
    assert!(
        details.iter().any(|d| d.as_str().is_some_and(|d| d.contains(&format!("The {field} ")))),
        "no detail names {field}: {body}"
    );
    assert_eq!(body["errors"][0]["status"], 400);
    assert_eq!(body["errors"][0]["meta"]["details"], body["meta"]["details"]);
}

/// Defines each async test once and runs it on every backend, each on its own server.
#[macro_export]
macro_rules! api_tests {
    ($(async fn $name:ident($api:ident : &Api) $body:block)*) => {
        $(async fn $name($api: &$crate::support::Api) $body)*
        $crate::api_tests!(@backend sqlite, Sqlite, $($name)*);
        $crate::api_tests!(@backend postgres, Postgres, $($name)*);
        $crate::api_tests!(@backend mysql, Mysql, $($name)*);
    };
    (@backend $module:ident, $backend:ident, $($name:ident)*) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(api) = $crate::support::Api::start(cachet_core::Backend::$backend).await {
                        super::$name(&api).await;
                        api.server.stop().await;
                    }
                }
            )*
        }
    };
}

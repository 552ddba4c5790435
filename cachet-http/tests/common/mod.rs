//! Shared by the integration tests: a real server on a fresh database per test and backend, a
//! plain HTTP client, and a macro that runs one async test body on every configured backend.

#![allow(dead_code)]

pub mod process;

use cachet_core::testing::TestDb;
use cachet_core::{Backend, Store};
use cachet_http::{RunningServer, ServeArgs};
use reqwest::StatusCode;
use serde_json::Value;

/// A running server, its database, and a valid API token.
pub struct Server {
    /// `http://127.0.0.1:port`.
    pub url: String,
    /// A valid token.
    pub token: String,
    /// A client that asks for no compression.
    pub client: reqwest::Client,
    /// The server.
    pub server: RunningServer,
    /// Its database (dropped after the server).
    pub db: TestDb,
}

impl Server {
    /// A server on a fresh `backend` database, or `None` when that backend is not configured.
    pub async fn start(backend: Backend) -> Option<Server> {
        let db = tokio::task::spawn_blocking(move || TestDb::new(backend)).await.expect("test database")?;
        let server = cachet_http::start(ServeArgs::for_database(&db.url)).await.expect("server starts");
        let store = server.state.store.clone();
        let token =
            tokio::task::spawn_blocking(move || store.create_token("tests").expect("token").secret).await.unwrap();
        let client = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
        Some(Server { url: server.url(), token, client, server, db })
    }

    /// Runs a store call (arranging data) off the async runtime. The public snapshots (pages, API v2) are rendered again in the background after a write:
    /// this waits until they show it, which must take under a second.
    pub async fn with_store<T: Send + 'static>(&self, f: impl FnOnce(&Store) -> T + Send + 'static) -> T {
        let store = self.server.state.store.clone();
        let (result, revision) = tokio::task::spawn_blocking(move || {
            let result = f(&store);
            (result, store.revision().expect("revision"))
        })
        .await
        .expect("store call");
        let shown = self.server.state.pages_show(revision, std::time::Duration::from_secs(1)).await;
        assert!(shown, "the snapshots show revision {revision} within a second of the write");
        result
    }

    /// GET as a guest: the status and the JSON body (`Null` when empty).
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self.client.get(format!("{}{path}", self.url)).send().await.expect("request");
        let status = response.status();
        let text = response.text().await.expect("body");
        (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).expect("JSON body") })
    }

    /// GET as a guest, asserting 200; the JSON body.
    pub async fn get_ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    /// Stops the server, then drops the database.
    pub async fn stop(self) {
        self.server.stop().await;
        let db = self.db;
        tokio::task::spawn_blocking(move || drop(db)).await.expect("drop database");
    }
}

/// Defines each `async fn name(server: &Server)` once and runs it on SQLite, PostgreSQL and
/// MariaDB (the latter two when configured), each run on its own server and database.
#[macro_export]
macro_rules! backend_tests {
    ($(async fn $name:ident($server:ident : &Server) $body:block)*) => {
        $(async fn $name($server: &$crate::common::Server) $body)*
        $crate::backend_tests!(@backend sqlite, Sqlite, $($name)*);
        $crate::backend_tests!(@backend postgres, Postgres, $($name)*);
        $crate::backend_tests!(@backend mysql, Mysql, $($name)*);
    };
    (@backend $module:ident, $backend:ident, $($name:ident)*) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(server) = $crate::common::Server::start(cachet_core::Backend::$backend).await {
                        super::$name(&server).await;
                        server.stop().await;
                    }
                }
            )*
        }
    };
}

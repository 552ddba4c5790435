//! A real server per test on a fresh database, with helpers to seed it and read pages.

use cachet_core::testing::TestDb;
use cachet_core::{Backend, Store};
use cachet_http::{RunningServer, ServeArgs};

/// Text that breaks out of HTML, attributes, XML and Markdown unless every layer escapes it.
pub const HOSTILE: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>&amp; [x](javascript:alert(1)) ]]>";

/// A running server and its database.
pub struct Site {
    pub url: String,
    pub client: reqwest::Client,
    pub server: RunningServer,
    pub _db: TestDb,
}

impl Site {
    /// A server on a fresh database of `backend`, or `None` when that backend is not configured.
    pub async fn start(backend: Backend) -> Option<Site> {
        let db = TestDb::new(backend)?;
        let server = cachet_http::start(ServeArgs::for_database(&db.url)).await.expect("server starts");
        let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
        Some(Site { url: server.url(), client, server, _db: db })
    }

    /// Runs a store call off the async runtime.
    pub async fn with_store<T: Send + 'static>(&self, f: impl FnOnce(&Store) -> T + Send + 'static) -> T {
        let store = self.server.state.store.clone();
        tokio::task::spawn_blocking(move || f(&store)).await.unwrap()
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.url)).send().await.expect("request")
    }

    /// GET `path`, asserting 200, returning the body.
    pub async fn text(&self, path: &str) -> String {
        let response = self.get(path).await;
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_eq!(status, reqwest::StatusCode::OK, "GET {path}: {body}");
        body
    }
}

/// The part of `html` from the element with `id` to the next element of the same kind of section.
pub fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in page"));
    let rest = &html[start..];
    let end = rest[1..].find("<section").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// Defines each test once and runs it on every configured backend.
macro_rules! site_tests {
    ($(async fn $name:ident($site:ident : Site) $body:block)*) => {
        $(async fn $name($site: crate::support::Site) $body)*
        site_tests!(@backend sqlite, Sqlite, $($name)*);
        site_tests!(@backend postgres, Postgres, $($name)*);
        site_tests!(@backend mysql, Mysql, $($name)*);
    };
    (@backend $module:ident, $backend:ident, $($name:ident)*) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(site) = crate::support::Site::start(cachet_core::Backend::$backend).await {
                        super::$name(site).await;
                    }
                }
            )*
        }
    };
}
pub(crate) use site_tests;

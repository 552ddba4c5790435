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

    /// Runs a store call off the async runtime, then waits until the pages show it: pages are
    /// rendered again in the background after a write, and must be within a second.
    pub async fn with_store<T: Send + 'static>(&self, f: impl FnOnce(&Store) -> T + Send + 'static) -> T {
        let store = self.server.state.store.clone();
        let (result, revision) = tokio::task::spawn_blocking(move || {
            let result = f(&store);
            (result, store.revision().unwrap())
        })
        .await
        .unwrap();
        let shown = self.server.state.pages_show(revision, std::time::Duration::from_secs(1)).await;
        assert!(shown, "the pages show revision {revision} within a second of the write");
        result
    }

    /// Runs `sql` on the site's database behind the store's back (rows written by hand, by another
    /// program or before a rule existed). Writes made so do not bump the revision: run them before
    /// the first request that reads them.
    pub fn execute(&self, sql: &str) {
        tokio::task::block_in_place(|| self._db.execute(sql));
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

/// Whether XML 1.0 allows `c` (the `Char` production), written here independently of the code
/// under test.
fn xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Asserts that `xml` is a well-formed XML document: only characters XML 1.0 allows, every tag
/// closed in order, attribute values quoted, no raw `<` or stray `&` in text.
#[track_caller]
pub fn assert_well_formed_xml(xml: &str) {
    if let Some((at, c)) = xml.char_indices().find(|(_, c)| !xml_char(*c)) {
        panic!("{c:?} (not allowed in XML) at byte {at}: {xml}");
    }
    let entity_ok = |text: &str| {
        text.split('&').skip(1).all(|rest| {
            let name = rest.split(';').next().unwrap_or("");
            rest.contains(';')
                && (["amp", "lt", "gt", "quot", "apos"].contains(&name)
                    || name.strip_prefix('#').is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty()))
        })
    };
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        assert!(entity_ok(text), "bad entity in text {text:?}");
        rest = &rest[start..];
        if let Some(decl) = rest.strip_prefix("<?") {
            rest = &decl[decl.find("?>").expect("unclosed declaration") + 2..];
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = &comment[comment.find("-->").expect("unclosed comment") + 3..];
            continue;
        }
        let end = rest.find('>').unwrap_or_else(|| panic!("unclosed tag: {rest}"));
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name.trim()), "closing tag </{name}> out of order");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split_whitespace().next().expect("a tag name");
        // Attributes: name="value" pairs; values hold no '<' and only known entities.
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let (key, after) = attrs.split_once('=').unwrap_or_else(|| panic!("attribute without value in <{tag}>"));
            assert!(!key.trim().is_empty() && !key.contains(char::is_whitespace), "bad attribute name in <{tag}>");
            let after = after.trim_start();
            let quote = after
                .chars()
                .next()
                .filter(|q| *q == '"' || *q == '\'')
                .unwrap_or_else(|| panic!("unquoted attribute in <{tag}>"));
            let value_end = after[1..].find(quote).unwrap_or_else(|| panic!("unclosed attribute in <{tag}>"));
            let value = &after[1..1 + value_end];
            assert!(!value.contains('<') && entity_ok(value), "bad attribute value {value:?}");
            attrs = after[value_end + 2..].trim_start();
        }
        if !self_closing {
            open.push(name);
        }
    }
    assert!(entity_ok(rest), "bad entity in text {rest:?}");
    assert!(open.is_empty(), "unclosed elements {open:?}");
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

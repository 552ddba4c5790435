//! A real headless Chromium, driven over the W3C WebDriver protocol by chromedriver, loads the
//! page: no console errors, the banner and a component read right, a screenshot lands in
//! `target/screenshots/`, and a status change made through the API shows on the open page within
//! two seconds through the event stream. Skipped (with a note) when chromedriver is not
//! installed, unless `CACHET_TEST_REQUIRE_ALL=1`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use cachet_core::Backend;
use cachet_core::model::{ComponentStatus, GroupCollapsed, NewComponent, NewGroup};
use serde_json::{Value, json};

use crate::support::Site;

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
    http: reqwest::Client,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

impl Driver {
    async fn start() -> Option<Driver> {
        let (Some(driver), Some(browser)) =
            (find(&["chromedriver"]), find(&["chromium", "chromium-browser", "google-chrome"]))
        else {
            if std::env::var("CACHET_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1") {
                panic!("chromedriver and chromium must be installed (apt: chromium chromium-driver)");
            }
            eprintln!("skipping the browser test: chromedriver or chromium not found");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut d =
            Driver { child, url: format!("http://127.0.0.1:{port}"), http: reqwest::Client::new(), session: None };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = d.http.get(format!("{}/status", d.url)).send().await
                && r.json::<Value>().await.is_ok_and(|v| v["value"]["ready"] == true)
            {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile_dir();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": browser.to_string_lossy(),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1200,1600",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let created = d.call(reqwest::Method::POST, "/session", Some(caps)).await;
        d.session = Some(created["sessionId"].as_str().expect("a session id").to_string());
        Some(d)
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.http.request(method, format!("{}{path}", self.url));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response: Value = request.send().await.expect("webdriver answers").json().await.expect("webdriver JSON");
        assert!(response["value"].get("error").is_none(), "webdriver {path}: {response}");
        response["value"].clone()
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session.as_deref().unwrap_or(""))
    }

    async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, &self.session_path("/url"), Some(json!({"url": url}))).await;
    }

    async fn eval(&self, script: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            &self.session_path("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    async fn screenshot(&self) -> Vec<u8> {
        let b64 = self.call(reqwest::Method::GET, &self.session_path("/screenshot"), None).await;
        base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap()
    }

    /// Severe entries of the browser console (chromedriver's log endpoint).
    async fn console_errors(&self) -> Vec<String> {
        let log =
            self.call(reqwest::Method::POST, &self.session_path("/se/log"), Some(json!({"type": "browser"}))).await;
        log.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cachet-chromium-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

fn screenshot_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("target"));
    target.join("screenshots").join("status-page.png")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_change_reaches_the_open_page_within_two_seconds() {
    let Some(site) = Site::start(Backend::Sqlite).await else { return };
    let Some(driver) = Driver::start().await else { return };
    let (id, group, token) = site
        .with_store(|s| {
            s.set_setting("app_name", "Acme Status").unwrap();
            let c = s.create_component(NewComponent::new("Checkout API", ComponentStatus::Operational)).unwrap();
            s.create_component(NewComponent::new("Website", ComponentStatus::Operational)).unwrap();
            let closed = s
                .create_group(NewGroup {
                    collapsed: GroupCollapsed::Collapsed,
                    visible: true,
                    ..NewGroup::new("Backend")
                })
                .unwrap();
            s.create_component(NewComponent {
                group_id: Some(closed.id),
                ..NewComponent::new("Queue", ComponentStatus::Operational)
            })
            .unwrap();
            (c.id, closed.id, s.create_token("browser").unwrap().secret)
        })
        .await;
    driver.goto(&format!("{}/", site.url)).await;
    let banner = driver.eval("return document.querySelector('.banner .message').textContent").await;
    assert_eq!(banner, "All systems are operational");
    let status_js = format!("return document.querySelector('#component-{id} [data-status] .label').textContent");
    assert_eq!(driver.eval(&status_js).await, "Operational");
    let shot = driver.screenshot().await;
    let path = screenshot_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &shot).unwrap();
    assert!(shot.starts_with(b"\x89PNG"), "a PNG screenshot");

    // Let the page's event stream connect (its first event carries the revision it saw).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let response = site
        .client
        .put(format!("{}/api/v1/components/{id}", site.url))
        .header("X-Cachet-Token", &token)
        .json(&json!({"status": 4}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let changed = Instant::now();
    loop {
        if driver.eval(&status_js).await == "Major Outage" {
            break;
        }
        assert!(changed.elapsed() < Duration::from_secs(2), "the page did not update within 2 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // One of the three components is down: the banner changed with it.
    let banner = driver.eval("return document.querySelector('.banner .message').textContent").await;
    assert_eq!(banner, "Some systems are experiencing issues");

    // A day of an uptime bar, under the pointer, in words.
    let tip = driver
        .eval(&format!(
            "var bar = document.querySelector('#component-{id} svg.bar'); var r = bar.getBoundingClientRect();
             bar.dispatchEvent(new MouseEvent('mousemove', {{bubbles: true, clientX: r.right - 2, clientY: r.top + 5}}));
             var tip = bar.parentNode.querySelector('.bar-tip'); return tip ? tip.textContent : null"
        ))
        .await;
    assert!(tip.as_str().is_some_and(|t| t.contains("uptime") && t.contains("worst: Major Outage")), "tooltip: {tip}");
    // A collapsed group fetches its members' bars when opened.
    let bars = format!("return document.querySelectorAll('#group-{group} svg.bar').length");
    assert_eq!(driver.eval(&bars).await, 0, "no bars in the collapsed group at first");
    driver.eval(&format!("document.getElementById('group-{group}').open = true; return true")).await;
    let opened = Instant::now();
    while driver.eval(&bars).await != 1 {
        assert!(opened.elapsed() < Duration::from_secs(2), "the group's bars did not arrive");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let errors = driver.eval("return window.__errors || ['status.js did not run']").await;
    assert_eq!(errors, json!([]), "page errors");
    assert_eq!(driver.console_errors().await, Vec::<String>::new(), "console errors");
    let _ = driver.call(reqwest::Method::DELETE, &driver.session_path(""), None).await;
}

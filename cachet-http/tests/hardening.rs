//! The server on the open internet: the real `cachet-server` binary, attacked over real sockets.
//! Half-open connection floods, unfinished headers, SIGTERM with idle connections, Host
//! poisoning, junk query keys, security headers and CORS, rate limits on bad tokens, bad
//! settings, and two processes racing a first start.

mod common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use cachet_core::Backend;
use cachet_core::testing::TestDb;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use common::process::ServerProcess;

/// The flood test needs nearly every file this process may open: the other tests wait for it.
static FILES: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// A partial request head: the request line and one header, never finished.
const PARTIAL_HEAD: &[u8] = b"GET / HTTP/1.1\r\nHost: flood.example\r\nX-Slow: ";

fn sqlite() -> TestDb {
    TestDb::new(Backend::Sqlite).expect("SQLite always runs")
}

/// A client for one fresh connection per request, from `127.0.0.1`.
fn fresh_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .local_address(IpAddr::V4(Ipv4Addr::LOCALHOST))
        .timeout(Duration::from_secs(10))
        .no_gzip()
        .no_brotli()
        .build()
        .expect("client")
}

/// Raises this process's open-file limit (children inherit it) so a test can hold `wanted`
/// sockets; returns the soft limit reached.
fn raise_file_limit(wanted: u64) -> u64 {
    let (_, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE).expect("getrlimit");
    // Root may raise the hard limit too (CI runs as root); otherwise stay under it.
    let target = wanted.max(hard);
    if rlimit::setrlimit(rlimit::Resource::NOFILE, target, target).is_err() {
        let _ = rlimit::setrlimit(rlimit::Resource::NOFILE, hard, hard);
    }
    rlimit::getrlimit(rlimit::Resource::NOFILE).expect("getrlimit").0
}

/// Opens `count` connections to `server` from loopback addresses `127.0.0.2` upwards, `per_source`
/// from each, and sends each an unfinished request head.
async fn half_open(server: SocketAddr, count: usize, per_source: usize) -> Vec<TcpStream> {
    let mut streams = Vec::with_capacity(count);
    for i in 0..count {
        let source = Ipv4Addr::new(127, 0, (2 + i / per_source / 250) as u8, (2 + i / per_source % 250) as u8);
        let socket = TcpSocket::new_v4().expect("socket");
        socket.bind(SocketAddr::new(source.into(), 0)).expect("bind a loopback source");
        match socket.connect(server).await {
            Ok(mut stream) => {
                let _ = stream.write_all(PARTIAL_HEAD).await;
                streams.push(stream);
            }
            Err(e) => panic!("connection {i} from {source} failed: {e}"),
        }
    }
    streams
}

/// Times `GET path` from fresh connections `n` times; the sorted latencies.
async fn time_gets(url: &str, path: &str, n: usize) -> Vec<Duration> {
    let client = fresh_client();
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let response = client.get(format!("{url}{path}")).send().await.expect("a fresh client is answered");
        assert_eq!(response.status(), StatusCode::OK);
        response.bytes().await.expect("body");
        times.push(started.elapsed());
    }
    times.sort();
    times
}

fn p99(sorted: &[Duration]) -> Duration {
    sorted[(sorted.len() * 99 / 100).min(sorted.len() - 1)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_half_open_connections_do_not_starve_a_fresh_client() {
    let _files = FILES.write().await;
    const FLOOD: usize = 20_000;
    // This process holds one end of every connection; where the hard limit cannot be raised
    // (20,000 on some machines), the flood stays just under it.
    let limit = raise_file_limit(65_536);
    let flood = FLOOD.min(limit.saturating_sub(500) as usize);
    // The server (a child, with the same limit) holds at most three quarters of its limit and
    // closes the oldest silent connections beyond that.
    let held_by_server = flood.min(limit as usize * 3 / 4);
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--header-timeout", "60"]);
    let before = time_gets(&server.url, "/", 20).await;
    // 100 connections per source address, well under the per-address cap.
    let held = half_open(server.addr, flood, 100).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let files = server.open_files();
    let during = time_gets(&server.url, "/", 50).await;
    let ping = time_gets(&server.url, "/api/v1/ping", 20).await;
    eprintln!(
        "flood of {flood} (file limit {limit}): server open files {files}; GET / p99 {:?} before, {:?} during; ping p99 {:?}",
        p99(&before),
        p99(&during),
        p99(&ping)
    );
    assert!(files >= held_by_server, "the server holds the flood ({files} files for {flood} connections)");
    assert!(p99(&during) < Duration::from_secs(1), "GET / under the flood: {during:?}");
    assert!(p99(&ping) < Duration::from_secs(1), "ping under the flood: {ping:?}");
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(server.error_lines().is_empty(), "clients going away are not errors: {:?}", server.error_lines());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_connection_cap_the_oldest_silent_connection_makes_room() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--header-timeout", "60", "--max-connections", "50"]);
    let mut held = half_open(server.addr, 80, 10).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let times = time_gets(&server.url, "/api/v1/ping", 10).await;
    assert!(p99(&times) < Duration::from_secs(1), "{times:?}");
    // The oldest ones were closed to make room: reading them ends at once.
    let mut closed = 0;
    for stream in held.iter_mut().take(40) {
        let mut buf = [0u8; 64];
        if let Ok(Ok(0) | Err(_)) = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
            closed += 1;
        }
    }
    assert!(closed >= 30, "only {closed} of the 40 oldest silent connections were closed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_hold_more_than_its_share() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--header-timeout", "60", "--max-connections-per-ip", "20"]);
    // 40 from one source address: the first 20 are held, the rest closed at once.
    let mut held = half_open(server.addr, 40, 40).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut closed = 0;
    for stream in &mut held {
        let mut buf = [0u8; 64];
        if let Ok(Ok(0) | Err(_)) = tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf)).await {
            closed += 1;
        }
    }
    assert_eq!(closed, 20, "connections beyond the per-address cap are closed");
    // Another address is still served.
    time_gets(&server.url, "/api/v1/ping", 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unfinished_header_is_closed_within_the_timeout() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--header-timeout", "1"]);
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream.write_all(PARTIAL_HEAD).await.expect("write");
    let started = Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buf)).await;
    let waited = started.elapsed();
    assert!(read.is_ok(), "the server closed the connection");
    assert!(waited >= Duration::from_millis(900) && waited < Duration::from_secs(3), "closed after {waited:?}");
    // A silent connection too.
    let mut silent = TcpStream::connect(server.addr).await.expect("connect");
    let started = Instant::now();
    let read = tokio::time::timeout(Duration::from_secs(5), silent.read_to_end(&mut buf)).await;
    assert!(read.is_ok() && started.elapsed() < Duration::from_secs(3), "a silent connection is closed too");
    assert!(server.error_lines().is_empty(), "{:?}", server.error_lines());
}

/// Starts a server with `flags`, holds 50 silent connections (and with `busy`, kept-alive
/// connections and an open event stream too), sends SIGTERM: the time to a clean exit.
async fn exit_after_sigterm(flags: &[&str], busy: bool) -> Duration {
    let db = sqlite();
    let mut server = ServerProcess::spawn_with(&db.url, flags);
    let _held = half_open(server.addr, 50, 50).await;
    let client = reqwest::Client::builder().build().expect("client");
    let mut _events = None;
    if busy {
        for _ in 0..5 {
            client.get(format!("{}/api/v1/ping", server.url)).send().await.expect("ping");
        }
        let events = client.get(format!("{}/events", server.url)).send().await.expect("events");
        assert_eq!(events.status(), StatusCode::OK);
        _events = Some(events);
    }
    let (status, took) =
        tokio::task::block_in_place(|| server.terminate(Duration::from_secs(10))).expect("exits after SIGTERM");
    assert!(status.success(), "exit status {status:?}");
    took
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_open_connections_exits_within_the_deadline() {
    let _files = FILES.read().await;
    let took = exit_after_sigterm(&["--header-timeout", "120", "--shutdown-timeout", "2"], true).await;
    assert!(took < Duration::from_secs(4), "took {took:?} with a 2 s deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_silent_connections_at_once() {
    let _files = FILES.read().await;
    let took = exit_after_sigterm(&["--header-timeout", "120", "--shutdown-timeout", "30"], false).await;
    assert!(took < Duration::from_secs(2), "took {took:?}: nothing was in flight");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_host_never_reaches_other_visitors() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn(&db.url);
    let token = server.token.clone().expect("first token");
    let client = fresh_client();
    let created = client
        .post(format!("{}/api/v1/incidents", server.url))
        .header("X-Cachet-Token", &token)
        .json(&json!({"name": "Outage", "message": "Looking", "status": 1, "visible": 1}))
        .send()
        .await
        .expect("create");
    assert_eq!(created.status(), StatusCode::OK);
    let paths =
        ["/api/v1/incidents", "/api/v2/summary.json", "/api/v2/incidents.json", "/atom", "/rss", "/schedules.ics", "/"];
    for path in paths {
        // The attacker goes first, with a forged Host and forged forwarding headers.
        let poisoned = client.get(format!("{}{path}", server.url)).header("Host", "evil.example").send().await;
        assert_eq!(poisoned.expect("poisoned").status(), StatusCode::OK, "{path}");
        let forged = client
            .get(format!("{}{path}", server.url))
            .header("X-Forwarded-Host", "evil2.example")
            .header("Forwarded", "host=evil3.example;proto=https")
            .send()
            .await
            .expect("forged")
            .text()
            .await
            .unwrap();
        assert!(!forged.contains("evil2.example") && !forged.contains("evil3.example"), "{path}: {forged}");
        let visitor = client.get(format!("{}{path}", server.url)).send().await.expect("visitor").text().await.unwrap();
        assert!(!visitor.contains("evil"), "{path} served another Host's links: {visitor}");
    }
    // A malformed Host cannot go into a link at all.
    let odd = client
        .get(format!("{}/api/v1/incidents", server.url))
        .header("Host", "x\"><script>")
        .send()
        .await
        .expect("odd host")
        .text()
        .await
        .unwrap();
    assert!(!odd.contains("<script>"), "{odd}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarding_headers_are_believed_from_a_trusted_proxy_only() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--trusted-proxies", "127.0.0.1/32"]);
    // The page URL that API v2 reports to a client from `source` sending forwarding headers.
    let page_url = |source: Ipv4Addr| {
        let url = format!("{}/api/v2/summary.json", server.url);
        async move {
            let client = reqwest::Client::builder().local_address(IpAddr::V4(source)).build().expect("client");
            let request =
                client.get(url).header("X-Forwarded-Host", "status.example.com").header("X-Forwarded-Proto", "https");
            let body: Value = request.send().await.expect("summary").json().await.expect("JSON");
            body["page"]["url"].clone()
        }
    };
    assert_eq!(page_url(Ipv4Addr::LOCALHOST).await, "https://status.example.com");
    // The same headers from an address that is not trusted are ignored.
    assert_eq!(page_url(Ipv4Addr::new(127, 0, 0, 9)).await, format!("http://{}", server.addr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn junk_query_keys_are_cache_hits_and_do_not_slow_writes() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--rate-limit-token-writes", "0"]);
    let token = server.token.clone().expect("first token");
    let client = reqwest::Client::new();
    let component: Value = client
        .post(format!("{}/api/v1/components", server.url))
        .header("X-Cachet-Token", &token)
        .json(&json!({"name": "API", "status": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = component["data"]["id"].as_i64().unwrap();
    // Same bytes, same entity tag: the junk key did not make a new render.
    let etag = |path: String| {
        let client = client.clone();
        async move { client.get(path).send().await.unwrap().headers()["etag"].to_str().unwrap().to_string() }
    };
    assert_eq!(etag(format!("{}/", server.url)).await, etag(format!("{}/?x=1&utm_source=y", server.url)).await);
    assert_eq!(
        etag(format!("{}/api/v1/components", server.url)).await,
        etag(format!("{}/api/v1/components?junk=2", server.url)).await
    );
    // Writes while 16 clients read cached pages, then while they read with unique junk keys.
    async fn writes_under(server: &ServerProcess, token: &str, id: i64, junk: bool) -> Duration {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut readers = Vec::new();
        for r in 0..16 {
            let (url, stop) = (server.url.clone(), stop.clone());
            readers.push(tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut n = 0u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = if junk { format!("{url}/?x={r}-{n}") } else { format!("{url}/") };
                    let _ = client.get(path).send().await.map(|r| r.bytes());
                    n += 1;
                }
            }));
        }
        let client = reqwest::Client::new();
        let mut times = Vec::new();
        for i in 0..40 {
            let started = Instant::now();
            let response = client
                .put(format!("{}/api/v1/components/{id}", server.url))
                .header("X-Cachet-Token", token)
                .json(&json!({"status": 1 + i % 4}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            times.push(started.elapsed());
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for reader in readers {
            let _ = reader.await;
        }
        times.sort();
        times[times.len() / 2]
    }
    let cached = writes_under(&server, &token, id, false).await;
    let junk = writes_under(&server, &token, id, true).await;
    eprintln!("median PUT: {cached:?} under cached reads, {junk:?} under junk-key reads");
    assert!(junk.as_secs_f64() <= cached.as_secs_f64() * 3.0 + 0.005, "junk {junk:?} vs cached {cached:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_feeds_and_the_public_api_carry_the_security_headers_and_cors() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn(&db.url);
    let token = server.token.clone().expect("first token");
    let client = fresh_client();
    for path in ["/", "/atom", "/rss", "/badge.svg"] {
        let r = client.get(format!("{}{path}", server.url)).send().await.unwrap();
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(!h.contains_key("access-control-allow-origin"), "{path} is not an API");
    }
    for path in ["/api/v2/summary.json", "/api/v1/components", "/api/v1/status"] {
        let r = client
            .get(format!("{}{path}", server.url))
            .header("Origin", "https://widget.example")
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff", "{path}");
        let preflight = client
            .request(reqwest::Method::OPTIONS, format!("{}{path}", server.url))
            .header("Origin", "https://widget.example")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "time-zone")
            .send()
            .await
            .unwrap();
        assert_eq!(preflight.status(), StatusCode::NO_CONTENT, "{path}");
        let h = preflight.headers();
        assert_eq!(h["access-control-allow-origin"], "*");
        assert!(h["access-control-allow-methods"].to_str().unwrap().contains("GET"));
        assert!(h["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase().contains("time-zone"));
    }
    let missing =
        client.request(reqwest::Method::OPTIONS, format!("{}/api/v1/nothing", server.url)).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // What a token holder reads is for them only.
    let private =
        client.get(format!("{}/api/v1/status", server.url)).header("X-Cachet-Token", &token).send().await.unwrap();
    assert_eq!(private.headers()["cache-control"], "private, no-store");
    assert!(!private.headers().contains_key("access-control-allow-origin"));
    let public = client.get(format!("{}/api/v1/status", server.url)).send().await.unwrap();
    assert_ne!(public.headers()["cache-control"], "private, no-store");
    let vary =
        public.headers().get_all("vary").iter().map(|v| v.to_str().unwrap().to_ascii_lowercase()).collect::<Vec<_>>();
    assert!(vary.iter().any(|v| v.contains("x-cachet-token")), "{vary:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn framing_is_allowed_only_where_the_setting_says() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--frame-ancestors", "https://intranet.example.com"]);
    let r = fresh_client().get(format!("{}/", server.url)).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors https://intranet.example.com"), "{csp}");
    assert!(!r.headers().contains_key("x-frame-options"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_bad_tokens_get_429_with_retry_after_even_for_a_right_token() {
    let db = sqlite();
    let server = ServerProcess::spawn(&db.url);
    let token = server.token.clone().expect("first token");
    let client = fresh_client();
    let attempt = |secret: String| {
        let (client, url) = (client.clone(), server.url.clone());
        async move {
            client
                .post(format!("{url}/api/v1/components"))
                .header("X-Cachet-Token", secret)
                .json(&json!({"name": "x", "status": 1}))
                .send()
                .await
                .unwrap()
        }
    };
    let mut statuses = Vec::new();
    for i in 0..12 {
        statuses.push(attempt(format!("wrong-{i}")).await.status());
    }
    assert!(statuses[..10].iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    let limited = attempt("wrong-again".into()).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["errors"][0]["status"], 429);
    // Locked out: a right guess is not told apart.
    assert_eq!(attempt(token.clone()).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another address is not held.
    let other = reqwest::Client::builder().local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 7))).build().unwrap();
    let ok = other
        .post(format!("{}/api/v1/components", server.url))
        .header("X-Cachet-Token", &token)
        .json(&json!({"name": "x", "status": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guest_writes_are_limited_per_address() {
    let _files = FILES.read().await;
    let db = sqlite();
    let server = ServerProcess::spawn_with(&db.url, &["--rate-limit-guest-writes", "5"]);
    let client = fresh_client();
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let r =
            client.post(format!("{}/api/v1/components", server.url)).json(&json!({"name": "x"})).send().await.unwrap();
        statuses.push(r.status());
    }
    assert_eq!(&statuses[..5], &[StatusCode::UNAUTHORIZED; 5]);
    assert_eq!(statuses[6], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}

#[test]
fn a_bad_setting_stops_the_start_with_one_line_naming_it() {
    let _files = FILES.blocking_read();
    let db = sqlite();
    for (flags, named) in [
        (&["--log-level", "cachet=notalevel[["][..], "--log-level"),
        (&["--public-url", "ftp://x"][..], "--public-url"),
        (&["--trusted-proxies", "10.0.0.0/99"][..], "--trusted-proxies"),
        (&["--frame-ancestors", "x; script-src *"][..], "--frame-ancestors"),
    ] {
        let log = ServerProcess::try_spawn(&db.url, flags).err().unwrap_or_else(|| panic!("{flags:?} must not start"));
        assert!(log.contains(named), "{flags:?}: {log}");
    }
    let first = ServerProcess::spawn(&db.url);
    let taken = first.addr.to_string();
    let log = std::process::Command::new(env!("CARGO_BIN_EXE_cachet-server"))
        .args(["--database-url", &db.url, "--bind", &taken])
        .output()
        .expect("runs");
    assert!(!log.status.success());
    let stderr = String::from_utf8_lossy(&log.stderr);
    assert!(stderr.contains("--bind"), "{stderr}");
}

#[test]
fn database_passwords_never_reach_the_log() {
    let _files = FILES.blocking_read();
    let log = ServerProcess::try_spawn("postgres://cachet:s3cret-pw@127.0.0.1:1/none", &["--pool-timeout", "1"])
        .err()
        .expect("an unreachable database stops the start");
    assert!(!log.contains("s3cret-pw"), "{log}");
}

/// Two processes starting at once on one empty database: exactly one first token, both serve.
fn race_first_start(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let url = db.url.clone();
    let (a, b) = std::thread::scope(|s| {
        let one = s.spawn(|| ServerProcess::spawn(&url));
        let two = s.spawn(|| ServerProcess::spawn(&url));
        (one.join().expect("first"), two.join().expect("second"))
    });
    let tokens = [a.token.is_some(), b.token.is_some()].iter().filter(|t| **t).count();
    assert_eq!(tokens, 1, "exactly one start makes the first token");
    let store = db.store();
    assert_eq!(store.list_tokens().expect("tokens").len(), 1);
    for server in [&a, &b] {
        assert_eq!(status_line(server.addr, "/readyz"), "HTTP/1.1 200 OK", "{} is ready", server.url);
    }
}

/// The status line of a plain `GET path` (for tests without a runtime).
fn status_line(addr: SocketAddr, path: &str) -> String {
    use std::io::{BufRead, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("write");
    let mut line = String::new();
    std::io::BufReader::new(stream).read_line(&mut line).expect("read");
    line.trim_end().to_string()
}

#[test]
fn two_processes_racing_a_first_start_on_postgres_make_one_token() {
    let _files = FILES.blocking_read();
    race_first_start(Backend::Postgres);
}

#[test]
fn two_processes_racing_a_first_start_on_mariadb_make_one_token() {
    let _files = FILES.blocking_read();
    race_first_start(Backend::Mysql);
}

#[test]
fn two_processes_racing_a_first_start_on_sqlite_make_one_token() {
    let _files = FILES.blocking_read();
    race_first_start(Backend::Sqlite);
}

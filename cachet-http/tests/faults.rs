//! Fault tests that fit in CI: the real `cachet-server` binary is killed with SIGKILL in the
//! middle of a stream of concurrent writes and started again on the same database. Every write
//! that was answered 200 must be there with its fields, and nothing may be half-written (an
//! incident without its affected-component row, or a component whose status is not the one its
//! latest incident set). Runs on every configured backend. The longer fault runs (database
//! restarts, read-only and full disks, schemathesis, saturation) are scripts under `bench/faults/`.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cachet_core::Backend;
use cachet_core::testing::TestDb;
use reqwest::StatusCode;
use serde_json::{Value, json};

use common::process::ServerProcess;

/// Components the incidents are spread over.
const COMPONENTS: usize = 4;
/// Concurrent writers.
const WRITERS: usize = 8;
/// Writes answered 200 before the kill.
const ACKED_BEFORE_KILL: usize = 60;

/// A JSON client bound to one server and token.
#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Client {
    fn new(url: &str, token: &str) -> Client {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("client");
        Client { http, url: url.to_string(), token: token.to_string() }
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Result<(StatusCode, Value)> {
        let response = self
            .http
            .post(format!("{}{path}", self.url))
            .header("X-Cachet-Token", &self.token)
            .json(&body)
            .send()
            .await?;
        let status = response.status();
        Ok((status, response.json().await.unwrap_or(Value::Null)))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .http
            .get(format!("{}{path}", self.url))
            .header("X-Cachet-Token", &self.token)
            .send()
            .await
            .expect("GET answered");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Every item of a paginated list (as a signed-in user).
    async fn all(&self, path: &str) -> Vec<Value> {
        let mut items = Vec::new();
        for page in 1.. {
            let (status, body) = self.get(&format!("{path}?per_page=1000&page={page}")).await;
            assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
            items.extend(body["data"].as_array().expect("data").iter().cloned());
            if page >= body["meta"]["pagination"]["total_pages"].as_u64().unwrap_or(1) {
                break;
            }
        }
        items
    }
}

/// What the n-th write of the stream sends: an incident on even n, a metric point on odd n.
fn incident_body(n: usize, component: i64) -> Value {
    json!({
        "name": format!("fault {n}"),
        "status": n % 4 + 1,
        "message": format!("message {n}"),
        "component_id": component,
        "component_status": component_status(n),
    })
}

fn component_status(n: usize) -> u64 {
    (n / 2 % 4 + 1) as u64
}

/// A write answered 200: which one of the stream, and the id it got.
#[derive(Debug, Clone, Copy)]
struct Acked {
    n: usize,
    id: i64,
}

async fn kill_9_during_writes_loses_no_acknowledged_write(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let first = ServerProcess::spawn(&db.url);
    let token = first.token.clone().expect("the first start creates a token");
    let client = Client::new(&first.url, &token);

    let mut components = Vec::new();
    for i in 0..COMPONENTS {
        let (status, body) =
            client.post("/api/v1/components", json!({"name": format!("c{i}"), "status": 1})).await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        components.push(body["data"]["id"].as_i64().unwrap());
    }
    let (status, metric) = client
        .post("/api/v1/metrics", json!({"name": "latency", "suffix": "ms", "description": "d", "default_value": 0}))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK, "{metric}");
    let metric = metric["data"]["id"].as_i64().unwrap();
    let points = format!("/api/v1/metrics/{metric}/points");

    let next = Arc::new(AtomicUsize::new(0));
    let incidents = Arc::new(Mutex::new(Vec::<Acked>::new()));
    let acked_points = Arc::new(Mutex::new(Vec::<Acked>::new()));
    let refused = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        let (client, next, incidents, acked_points, refused, components, points) = (
            client.clone(),
            next.clone(),
            incidents.clone(),
            acked_points.clone(),
            refused.clone(),
            components.clone(),
            points.clone(),
        );
        writers.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                let is_incident = n % 2 == 0;
                let answer = if is_incident {
                    client.post("/api/v1/incidents", incident_body(n, components[n / 2 % COMPONENTS])).await
                } else {
                    client.post(&points, json!({"value": n})).await
                };
                match answer {
                    Ok((StatusCode::OK, body)) => {
                        let acked = Acked { n, id: body["data"]["id"].as_i64().expect("id") };
                        if is_incident { &incidents } else { &acked_points }.lock().unwrap().push(acked);
                    }
                    Ok((status, body)) => refused.lock().unwrap().push(format!("write {n}: {status} {body}")),
                    // The server is gone: this write may or may not have committed.
                    Err(_) => break,
                }
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    while incidents.lock().unwrap().len() + acked_points.lock().unwrap().len() < ACKED_BEFORE_KILL {
        assert!(Instant::now() < deadline, "too few writes answered before the kill");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill_9();
    for writer in writers {
        writer.await.unwrap();
    }
    let sent = next.load(Ordering::SeqCst);
    assert!(refused.lock().unwrap().is_empty(), "writes refused before the kill: {:?}", refused.lock().unwrap());

    let second = ServerProcess::spawn(&db.url);
    assert!(second.token.is_none(), "a restart keeps the existing token");
    let client = Client::new(&second.url, &token);
    assert_eq!(client.get("/readyz").await.0, StatusCode::OK);

    // Every acknowledged incident, with its fields and its affected component.
    let incidents = incidents.lock().unwrap().clone();
    for Acked { n, id } in &incidents {
        let (status, body) = client.get(&format!("/api/v1/incidents/{id}")).await;
        assert_eq!(status, StatusCode::OK, "acknowledged incident {id} (write {n}) is gone: {body}");
        let data = &body["data"];
        assert_eq!(data["name"], format!("fault {n}"));
        assert_eq!(data["message"], format!("message {n}"));
        assert_eq!(data["status"], (n % 4 + 1) as u64);
        let component = components[n / 2 % COMPONENTS];
        assert_eq!(data["components"], json!([{"id": component, "status": component_status(*n)}]), "incident {id}");
    }

    // Every incident in the database, acknowledged or not, is whole.
    let stored = client.all("/api/v1/incidents").await;
    assert!(stored.len() >= incidents.len());
    let mut latest: HashMap<i64, (i64, u64)> = HashMap::new();
    for incident in &stored {
        let id = incident["id"].as_i64().unwrap();
        let n: usize = incident["name"].as_str().unwrap().trim_start_matches("fault ").parse().unwrap();
        let component = components[n / 2 % COMPONENTS];
        assert_eq!(incident["message"], format!("message {n}"), "incident {id}");
        assert_eq!(
            incident["components"],
            json!([{"id": component, "status": component_status(n)}]),
            "incident {id} lacks its affected component"
        );
        let entry = latest.entry(component).or_insert((id, component_status(n)));
        if id > entry.0 {
            *entry = (id, component_status(n));
        }
    }
    // Each component carries the status its latest incident gave it.
    for (component, (incident, status)) in &latest {
        let (_, body) = client.get(&format!("/api/v1/components/{component}")).await;
        assert_eq!(body["data"]["status"], *status, "component {component} after incident {incident}");
    }

    // Every acknowledged metric point, with its value.
    let stored_points: HashMap<i64, f64> =
        client.all(&points).await.iter().map(|p| (p["id"].as_i64().unwrap(), p["value"].as_f64().unwrap())).collect();
    for Acked { n, id } in acked_points.lock().unwrap().iter() {
        assert_eq!(stored_points.get(id), Some(&(*n as f64)), "acknowledged point {id} (write {n})");
    }

    eprintln!(
        "{}: {sent} writes sent, {} incidents and {} points answered 200 before SIGKILL, {} incidents stored",
        backend.name(),
        incidents.len(),
        acked_points.lock().unwrap().len(),
        stored.len()
    );
    // And the restarted server takes writes.
    let (status, body) =
        client.post("/api/v1/incidents", incident_body(sent + sent % 2, components[0])).await.expect("POST answered");
    assert_eq!(status, StatusCode::OK, "{body}");
    drop(second);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_writes_loses_no_acknowledged_write_sqlite() {
    kill_9_during_writes_loses_no_acknowledged_write(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_writes_loses_no_acknowledged_write_postgres() {
    kill_9_during_writes_loses_no_acknowledged_write(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_writes_loses_no_acknowledged_write_mysql() {
    kill_9_during_writes_loses_no_acknowledged_write(Backend::Mysql).await;
}

//! The OpenAPI document at `/api/openapi.json`, over real HTTP: it is OpenAPI 3.1 JSON, it
//! documents exactly the routes the code declares (`cachet_http::api::route_table`), every
//! declared route is really served, and its references resolve.

mod common;

use std::collections::{BTreeSet, HashMap};

use cachet_core::Store;
use cachet_core::model::{
    ComponentStatus, IncidentStatus, NewComponent, NewGroup, NewIncident, NewIncidentUpdate, NewMetric, NewSchedule,
    NewSubscriber,
};
use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::Value;

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options", "trace"];

async fn document(server: &Server) -> Value {
    server.get_ok("/api/openapi.json").await
}

/// `(METHOD, path)` pairs the document describes.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths object");
    paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("path item object")
                .keys()
                .filter(|k| METHODS.contains(&k.as_str()))
                .map(move |method| (method.to_ascii_uppercase(), path.clone()))
        })
        .collect()
}

fn declared() -> BTreeSet<(String, String)> {
    cachet_http::api::route_table().into_iter().map(|(m, p)| (m.to_string(), p.to_string())).collect()
}

/// One row of every resource, for filling in path parameters.
fn seed(store: &Store) -> HashMap<&'static str, i64> {
    let group = store.create_group(NewGroup::new("Core")).unwrap().id;
    let component = store
        .create_component(NewComponent {
            group_id: Some(group),
            ..NewComponent::new("API", ComponentStatus::Operational)
        })
        .unwrap()
        .id;
    let incident =
        store.create_incident(NewIncident::new("Down", IncidentStatus::Investigating, "Looking.")).unwrap().id;
    let update = store
        .create_incident_update(
            incident,
            NewIncidentUpdate { status: IncidentStatus::Identified, message: "Found.".into(), user_id: None },
        )
        .unwrap()
        .id;
    let template = store.create_template("Outage", "{{ name }} is down").unwrap().id;
    let metric = store.create_metric(NewMetric::new("Latency", "ms")).unwrap().id;
    let point = store.add_metric_point(metric, 12.0, None).unwrap().id;
    let schedule = store.create_schedule(NewSchedule::new("Upgrade", store.now())).unwrap().id;
    let (subscriber, _) = store
        .create_subscriber(NewSubscriber {
            email: "ops@example.com".into(),
            verified: true,
            components: Some(vec![component]),
            ..NewSubscriber::default()
        })
        .unwrap();
    HashMap::from([
        ("groups", group),
        ("components", component),
        ("incidents", incident),
        ("updates", update),
        ("templates", template),
        ("metrics", metric),
        ("points", point),
        ("schedules", schedule),
        ("subscribers", subscriber.id),
        ("subscriptions", subscriber.subscriptions[0].id),
    ])
}

/// The path template with each `{param}` replaced by the id of a real row of the resource named
/// by the segment before it.
fn concrete(template: &str, ids: &HashMap<&'static str, i64>) -> String {
    let segments: Vec<&str> = template.split('/').collect();
    segments
        .iter()
        .enumerate()
        .map(|(i, segment)| {
            if segment.starts_with('{') {
                let resource = segments[i - 1];
                ids.get(resource).unwrap_or_else(|| panic!("no row for {resource} in {template}")).to_string()
            } else {
                segment.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

backend_tests! {
    async fn document_is_openapi_3_1_json(server: &Server) {
        let response = server.client.get(format!("{}/api/openapi.json", server.url)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        let doc: Value = serde_json::from_str(&response.text().await.unwrap()).expect("the document is JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
        assert!(doc["paths"].as_object().is_some_and(|p| !p.is_empty()));
    }

    async fn document_declares_both_token_schemes(server: &Server) {
        let doc = document(server).await;
        let schemes = &doc["components"]["securitySchemes"];
        assert_eq!(schemes["cachetToken"]["type"], "apiKey");
        assert_eq!(schemes["cachetToken"]["in"], "header");
        assert_eq!(schemes["cachetToken"]["name"], "X-Cachet-Token");
        assert_eq!(schemes["bearer"]["type"], "http");
        assert_eq!(schemes["bearer"]["scheme"], "bearer");
        let create = &doc["paths"]["/api/v1/components"]["post"];
        assert_eq!(create["security"], serde_json::json!([{"cachetToken": []}, {"bearer": []}]));
        assert_eq!(create["responses"]["401"]["$ref"], "#/components/responses/Unauthorized");
    }

    async fn every_route_in_code_is_documented_and_nothing_else(server: &Server) {
        let doc = document(server).await;
        let documented = documented(&doc);
        let declared = declared();
        let undocumented: Vec<_> = declared.difference(&documented).collect();
        let unserved: Vec<_> = documented.difference(&declared).collect();
        assert!(undocumented.is_empty(), "routes in code but not in the document: {undocumented:?}");
        assert!(unserved.is_empty(), "routes in the document but not in code: {unserved:?}");
    }

    async fn every_declared_route_is_served(server: &Server) {
        let ids = server.with_store(seed).await;
        let mut routes = cachet_http::api::route_table();
        // Deletes last, nested ones (longer paths) before their parents.
        routes.sort_by_key(|(method, path)| (*method == "DELETE", std::cmp::Reverse(if *method == "DELETE" { path.len() } else { 0 })));
        for (method, template) in routes {
            let path = concrete(template, &ids);
            let response = server
                .client
                .request(Method::from_bytes(method.as_bytes()).unwrap(), format!("{}{path}", server.url))
                .header("X-Cachet-Token", &server.token)
                .json(&serde_json::json!({}))
                .send()
                .await
                .unwrap();
            let status = response.status();
            assert!(
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED && !status.is_server_error(),
                "{method} {path} (from {template}) answered {status}: {}",
                response.text().await.unwrap_or_default()
            );
        }
    }

    async fn every_path_parameter_is_declared(server: &Server) {
        let doc = document(server).await;
        for (path, item) in doc["paths"].as_object().unwrap() {
            let wanted: BTreeSet<&str> =
                path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
            for (method, op) in item.as_object().unwrap() {
                let declared: BTreeSet<&str> = op["parameters"]
                    .as_array()
                    .map(|ps| ps.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect())
                    .unwrap_or_default();
                assert_eq!(declared, wanted, "{method} {path}");
                assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path} has responses");
                assert!(op["operationId"].is_string(), "{method} {path} has an operationId");
            }
        }
    }

    async fn parameters_are_unique_per_operation(server: &Server) {
        let doc = document(server).await;
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let mut seen = BTreeSet::new();
                for p in op["parameters"].as_array().into_iter().flatten() {
                    let key = (p["in"].as_str().unwrap().to_string(), p["name"].as_str().unwrap().to_string());
                    assert!(seen.insert(key.clone()), "{method} {path} declares {key:?} twice");
                }
            }
        }
    }

    async fn every_reference_resolves(server: &Server) {
        let doc = document(server).await;
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        assert!(!refs.is_empty());
        for r in refs {
            let pointer = r.strip_prefix('#').unwrap_or_else(|| panic!("{r} is not local"));
            assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }

    async fn operation_ids_are_unique(server: &Server) {
        let doc = document(server).await;
        let mut seen = BTreeSet::new();
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                let id = op["operationId"].as_str().unwrap().to_string();
                assert!(seen.insert(id.clone()), "duplicate operationId {id}");
            }
        }
    }

    async fn document_is_cacheable_with_an_etag(server: &Server) {
        let url = format!("{}/api/openapi.json", server.url);
        let first = server.client.get(&url).send().await.unwrap();
        assert!(first.headers()["cache-control"].to_str().unwrap().starts_with("public"));
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let again = server.client.get(&url).header("If-None-Match", etag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    }
}

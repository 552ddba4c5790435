use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::Api;

/// Every write route with a body that succeeds given a good token (ids of real rows filled in).
async fn write_routes(api: &Api) -> Vec<(Method, String, Value)> {
    let c = api.create("/api/v1/components", json!({"name": "C", "status": 1})).await;
    let g = api.create("/api/v1/components/groups", json!({"name": "G"})).await;
    let i = api.create("/api/v1/incidents", json!({"name": "I", "status": 1, "message": "m"})).await;
    let u = api.create(&format!("/api/v1/incidents/{}/updates", i["id"]), json!({"status": 2, "message": "u"})).await;
    let m = api.create("/api/v1/metrics", json!({"name": "M", "suffix": "ms", "default_value": 0})).await;
    let p = api.create(&format!("/api/v1/metrics/{}/points", m["id"]), json!({"value": 1})).await;
    let s =
        api.create("/api/v1/schedules", json!({"name": "S", "status": 0, "scheduled_at": "2030-01-01 10:00"})).await;
    let sub = api.create("/api/v1/subscribers", json!({"email": "a@example.com", "components": [c["id"]]})).await;
    let (c, g, i, u, m, p, s) = (&c["id"], &g["id"], &i["id"], &u["id"], &m["id"], &p["id"], &s["id"]);
    vec![
        (Method::POST, "/api/v1/components".into(), json!({"name": "N", "status": 1})),
        (Method::PUT, format!("/api/v1/components/{c}"), json!({"status": 2})),
        (Method::POST, "/api/v1/components/groups".into(), json!({"name": "N"})),
        (Method::PUT, format!("/api/v1/components/groups/{g}"), json!({"name": "N"})),
        (Method::POST, "/api/v1/incidents".into(), json!({"name": "N", "status": 1, "message": "m"})),
        (Method::PUT, format!("/api/v1/incidents/{i}"), json!({"name": "N"})),
        (Method::POST, format!("/api/v1/incidents/{i}/updates"), json!({"status": 3, "message": "m"})),
        (Method::PUT, format!("/api/v1/incidents/{i}/updates/{u}"), json!({"message": "m2"})),
        (Method::POST, "/api/v1/metrics".into(), json!({"name": "N", "suffix": "s", "default_value": 1})),
        (Method::PUT, format!("/api/v1/metrics/{m}"), json!({"name": "N"})),
        (Method::POST, format!("/api/v1/metrics/{m}/points"), json!({"value": 5})),
        (Method::PUT, format!("/api/v1/metrics/{m}/points/{p}"), json!({"value": 6})),
        (
            Method::POST,
            "/api/v1/schedules".into(),
            json!({"name": "N", "status": 0, "scheduled_at": "2030-01-01 10:00"}),
        ),
        (Method::PUT, format!("/api/v1/schedules/{s}"), json!({"name": "N"})),
        (Method::POST, "/api/v1/subscribers".into(), json!({"email": "b@example.com"})),
        (Method::DELETE, format!("/api/v1/subscriptions/{}", sub["subscriptions"][0]["id"]), json!({})),
        (Method::DELETE, format!("/api/v1/subscribers/{}", sub["id"]), json!({})),
        (Method::DELETE, format!("/api/v1/metrics/{m}/points/{p}"), json!({})),
        (Method::DELETE, format!("/api/v1/incidents/{i}/updates/{u}"), json!({})),
        (Method::DELETE, format!("/api/v1/incidents/{i}"), json!({})),
        (Method::DELETE, format!("/api/v1/metrics/{m}"), json!({})),
        (Method::DELETE, format!("/api/v1/schedules/{s}"), json!({})),
        (Method::DELETE, format!("/api/v1/components/groups/{g}"), json!({})),
        (Method::DELETE, format!("/api/v1/components/{c}"), json!({})),
    ]
}

crate::api_tests! {
    async fn every_write_needs_a_valid_unrevoked_token(api: &Api) {
        let revoked = api.with_store(|s| {
            let t = s.create_token("old").unwrap();
            s.revoke_token("old").unwrap();
            t.secret
        })
        .await;
        let routes = write_routes(api).await;
        let before = api.store().revision().unwrap();
        for (method, path, body) in &routes {
            for (label, token) in [("no token", None), ("wrong token", Some("wrong")), ("revoked token", Some(revoked.as_str()))] {
                let mut request = api.anon(method.clone(), path).json(body);
                if let Some(token) = token {
                    request = request.header("X-Cachet-Token", token);
                }
                let (status, response) = api.send(request).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} with {label}: {response}");
                assert_eq!(response["errors"][0]["status"], 401);
            }
        }
        assert_eq!(api.store().revision().unwrap(), before, "rejected writes change nothing");
        for (i, (method, path, body)) in routes.iter().enumerate() {
            // Alternate the two accepted header forms.
            let request = if i % 2 == 0 {
                api.authed(method.clone(), path).json(body)
            } else {
                api.anon(method.clone(), path).header("Authorization", format!("Bearer {}", api.token)).json(body)
            };
            let (status, response) = api.send(request).await;
            assert!(status == StatusCode::OK || status == StatusCode::NO_CONTENT, "{method} {path}: {status} {response}");
        }
    }

    async fn always_authenticate_closes_reads_but_not_ping_version_status(api: &Api) {
        api.with_store(|s| s.set_setting("always_authenticate", "1").unwrap()).await;
        assert_eq!(api.get("/api/v1/components").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(api.get_authed("/api/v1/components").await.0, StatusCode::OK);
        for open in ["/api/v1/ping", "/api/v1/version", "/api/v1/status"] {
            assert_eq!(api.get(open).await.0, StatusCode::OK, "{open}");
        }
    }
}

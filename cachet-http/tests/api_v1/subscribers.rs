use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::assert_bad_field;

crate::api_tests! {
    async fn subscribers_are_idempotent_by_email(api: &Api) {
        let s = api.create("/api/v1/subscribers", json!({"email": "ops@example.com"})).await;
        assert_eq!(s["verified_at"], serde_json::Value::Null);
        assert_eq!(s["global"], true);
        let again = api.create("/api/v1/subscribers", json!({"email": "OPS@example.com", "verify": true})).await;
        assert_eq!(again["id"], s["id"]);
        assert_eq!(again["verified_at"], serde_json::Value::Null, "an existing subscriber is returned unchanged");
        let verified = api.create("/api/v1/subscribers", json!({"email": "dev@example.com", "verify": true})).await;
        assert!(verified["verified_at"].is_string());
        let (status, body) = api.write(Method::POST, "/api/v1/subscribers", json!({"email": "not-an-email"})).await;
        assert_bad_field(status, &body, "email");
    }

    async fn subscriber_components_become_subscriptions_in_order(api: &Api) {
        let a = api.create("/api/v1/components", json!({"name": "A", "status": 1})).await;
        api.create("/api/v1/components", json!({"name": "B", "status": 1})).await;
        let c = api.create("/api/v1/components", json!({"name": "C", "status": 1})).await;
        let s = api.create("/api/v1/subscribers", json!({"email": "x@example.com", "components": [a["id"], c["id"]]})).await;
        let subs = s["subscriptions"].as_array().unwrap();
        assert_eq!(subs.len(), 2);
        assert_eq!((subs[0]["component_id"].clone(), subs[1]["component_id"].clone()), (a["id"].clone(), c["id"].clone()));
        assert_eq!(s["global"], false);
        let all = api.create("/api/v1/subscribers", json!({"email": "all@example.com"})).await;
        assert_eq!(all["subscriptions"].as_array().unwrap().len(), 3, "no list means every component");
        assert_eq!(api.send(api.authed(Method::DELETE, &format!("/api/v1/subscriptions/{}", subs[0]["id"]))).await.0, StatusCode::NO_CONTENT);
        assert_eq!(api.send(api.authed(Method::DELETE, &format!("/api/v1/subscribers/{}", s["id"]))).await.0, StatusCode::NO_CONTENT);
        let (_, list) = api.get_authed("/api/v1/subscribers").await;
        assert_eq!(list["meta"]["pagination"]["total"], 1);
    }

    async fn listing_subscribers_needs_a_token(api: &Api) {
        assert_eq!(api.get("/api/v1/subscribers").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(api.get_authed("/api/v1/subscribers").await.0, StatusCode::OK);
    }
}

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::assert_bad_field;

crate::api_tests! {
    async fn metrics_are_created_with_defaults_and_view_alias(api: &Api) {
        let m = api.create("/api/v1/metrics", json!({"name": "Latency", "suffix": "ms", "default_value": 0, "view": 3})).await;
        for key in ["id", "name", "suffix", "description", "default_value", "calc_type", "display_chart", "places", "default_view", "threshold", "order", "visible", "created_at", "updated_at", "default_view_name"] {
            assert!(m.get(key).is_some(), "missing {key}");
        }
        assert_eq!(m["default_view"], 3);
        assert_eq!(m["default_view_name"], "Month");
        assert_eq!((m["places"].clone(), m["threshold"].clone(), m["display_chart"].clone(), m["visible"].clone()), (json!(2), json!(5), json!(true), json!(1)));
        let (_, updated) = api.write(Method::PUT, &format!("/api/v1/metrics/{}", m["id"]), json!({"view": 2})).await;
        assert_eq!(updated["data"]["default_view"], 2);
        let (status, body) = api.write(Method::POST, "/api/v1/metrics", json!({"name": "x", "places": 9, "threshold": 7})).await;
        assert_bad_field(status, &body, "suffix");
        assert_bad_field(status, &body, "default_value");
        assert_bad_field(status, &body, "places");
        assert_eq!(api.get("/api/v1/metrics/999").await.0, StatusCode::NOT_FOUND);
    }

    async fn points_round_to_30_seconds_and_count_repeats(api: &Api) {
        let m = api.create("/api/v1/metrics", json!({"name": "Load", "suffix": "", "default_value": 0})).await;
        let points = format!("/api/v1/metrics/{}/points", m["id"]);
        let p = api.create(&points, json!({"value": 1.5, "timestamp": 1434369116})).await;
        assert_eq!(p["created_at"], "2015-06-15 11:52:00");
        assert_eq!(p["value"], 1.5);
        assert_eq!(p["counter"], 1);
        let again = api.create(&points, json!({"value": "1.5", "timestamp": "1434369130"})).await;
        assert_eq!((again["id"].clone(), again["counter"].clone(), again["calculated_value"].clone()), (p["id"].clone(), json!(2), json!(3.0)));
        let r = api.authed(Method::POST, &points).header("Time-Zone", "Europe/Paris").json(&json!({"value": 9, "timestamp": 1434369116}));
        let (_, paris) = api.send(r).await;
        assert_eq!(paris["data"]["created_at"], "2015-06-15 13:52:00");
        let (_, list) = api.get(&points).await;
        assert_eq!(list["meta"]["pagination"]["total"], 2);
        let (status, body) = api.write(Method::POST, &points, json!({"value": "abc"})).await;
        assert_bad_field(status, &body, "value");
        let (status, edited) = api.write(Method::PUT, &format!("{points}/{}", p["id"]), json!({"value": 2})).await;
        assert_eq!((status, edited["data"]["value"].clone()), (StatusCode::OK, json!(2.0)));
        assert_eq!(api.send(api.authed(Method::DELETE, &format!("{points}/{}", p["id"]))).await.0, StatusCode::NO_CONTENT);
        assert_eq!(api.send(api.authed(Method::DELETE, &format!("/api/v1/metrics/{}", m["id"]))).await.0, StatusCode::NO_CONTENT);
        assert_eq!(api.get(&points).await.0, StatusCode::NOT_FOUND, "points go with their metric");
    }
}

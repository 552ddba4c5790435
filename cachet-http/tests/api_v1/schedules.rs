use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::assert_bad_field;

crate::api_tests! {
    async fn schedules_round_trip(api: &Api) {
        let s = api.create("/api/v1/schedules", json!({"name": "Upgrade", "message": "DB upgrade", "status": 0, "scheduled_at": "2030-01-01 10:00", "completed_at": "2030-01-01 11:00"})).await;
        for key in ["id", "name", "message", "status", "scheduled_at", "completed_at", "created_at", "updated_at", "deleted_at", "components", "human_status"] {
            assert!(s.get(key).is_some(), "missing {key}");
        }
        assert_eq!((s["name"].clone(), s["message"].clone(), s["status"].clone()), (json!("Upgrade"), json!("DB upgrade"), json!(0)));
        assert_eq!(s["scheduled_at"], "2030-01-01 10:00:00");
        assert_eq!(s["human_status"], "Upcoming");
        let path = format!("/api/v1/schedules/{}", s["id"]);
        let (_, shown) = api.get(&path).await;
        assert_eq!(shown["data"]["id"], s["id"]);
        let (_, updated) = api.write(Method::PUT, &path, json!({"status": 2})).await;
        assert_eq!(updated["data"]["human_status"], "Complete");
        let (_, list) = api.get("/api/v1/schedules?sort=scheduled_at&order=desc").await;
        assert_eq!(list["meta"]["pagination"]["total"], 1);
        let (status, body) = api.write(Method::POST, "/api/v1/schedules", json!({"name": "x", "status": 5, "scheduled_at": "nope"})).await;
        assert_bad_field(status, &body, "status");
        assert_bad_field(status, &body, "scheduled_at");
        let (status, body) = api.write(Method::POST, "/api/v1/schedules", json!({"name": "x", "status": 0, "scheduled_at": "2030-01-02 10:00", "completed_at": "2030-01-01 10:00"})).await;
        assert_bad_field(status, &body, "completed_at");
        assert_eq!(api.send(api.authed(Method::DELETE, &path)).await.0, StatusCode::NO_CONTENT);
        assert_eq!(api.get(&path).await.0, StatusCode::NOT_FOUND);
    }
}

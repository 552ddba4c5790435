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

    async fn times_after_2038_round_trip_and_beyond_9999_answer_400(api: &Api) {
        let s = api.create("/api/v1/schedules", json!({"name": "Far", "status": 0, "scheduled_at": "2040-06-01 10:00", "completed_at": "2099-12-31 23:59:59"})).await;
        assert_eq!((s["scheduled_at"].clone(), s["completed_at"].clone()), (json!("2040-06-01 10:00:00"), json!("2099-12-31 23:59:59")));
        let (_, shown) = api.get(&format!("/api/v1/schedules/{}", s["id"])).await;
        assert_eq!(shown["data"]["completed_at"], "2099-12-31 23:59:59");
        let i = api.create("/api/v1/incidents", json!({"name": "Later", "status": 1, "message": "m", "occurred_at": "2050-03-04 05:06:07"})).await;
        let (_, shown) = api.get(&format!("/api/v1/incidents/{}", i["id"])).await;
        assert_eq!(shown["data"]["occurred_at"], "2050-03-04 05:06:07");
        // 253402300800 is 10000-01-01T00:00:00Z.
        let (status, body) = api.write(Method::POST, "/api/v1/incidents", json!({"name": "x", "status": 1, "message": "m", "occurred_at": 253402300800_i64})).await;
        assert_bad_field(status, &body, "occurred_at");
        let (status, body) = api.write(Method::PUT, &format!("/api/v1/schedules/{}", s["id"]), json!({"scheduled_at": 253402300800_i64})).await;
        assert_bad_field(status, &body, "scheduled_at");
        let m = api.create("/api/v1/metrics", json!({"name": "Load", "suffix": "", "description": "d", "default_value": 0})).await;
        let (status, body) = api.write(Method::POST, &format!("/api/v1/metrics/{}/points", m["id"]), json!({"value": 1, "timestamp": 253402300800_i64})).await;
        assert_bad_field(status, &body, "timestamp");
        // Query bounds outside the stored range read as its edges rather than failing.
        let (status, _) = api.send(api.anon(Method::GET, "/?start_date=0500-01-01").header("Accept", "text/html")).await;
        assert_eq!(status, StatusCode::OK);
        let c = api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        let (status, body) = api.get(&format!("/api/v1/components/{}/uptime?from=0500-01-01&to=0500-01-05", c["id"])).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

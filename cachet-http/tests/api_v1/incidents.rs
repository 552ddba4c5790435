use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::assert_bad_field;

crate::api_tests! {
    async fn incident_with_component_status_updates_the_component(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        let i = api
            .create("/api/v1/incidents", json!({"name": "Down", "status": 1, "message": "Looking", "component_id": c["id"], "component_status": 4}))
            .await;
        let keys = ["id", "user_id", "component_id", "name", "status", "visible", "stickied", "notifications", "message",
                    "occurred_at", "created_at", "updated_at", "deleted_at", "is_resolved", "meta", "updates", "human_status",
                    "latest_update_id", "latest_status", "latest_human_status", "latest_icon", "permalink", "duration"];
        for key in keys {
            assert!(i.get(key).is_some(), "missing {key}: {i}");
        }
        assert_eq!(i["component_id"], c["id"]);
        assert_eq!(i["visible"], 1);
        assert_eq!(i["notifications"], true);
        assert_eq!(i["stickied"], false);
        assert_eq!(i["is_resolved"], false);
        assert_eq!(i["human_status"], "Investigating");
        assert_eq!(i["meta"], json!({}));
        assert_eq!(i["permalink"], format!("{}/incidents/{}", api.url, i["id"]));
        assert_eq!(api.get(&format!("/api/v1/components/{}", c["id"])).await.1["data"]["status"], 4);
    }

    async fn incidents_may_affect_several_components(api: &Api) {
        let a = api.create("/api/v1/components", json!({"name": "A", "status": 1})).await;
        let b = api.create("/api/v1/components", json!({"name": "B", "status": 1})).await;
        let i = api
            .create("/api/v1/incidents", json!({"name": "Net", "status": 2, "message": "m", "components": [{"id": a["id"], "status": 3}, {"id": b["id"], "status": 2}]}))
            .await;
        assert_eq!(i["components"], json!([{"id": a["id"], "status": 3}, {"id": b["id"], "status": 2}]));
        assert_eq!(api.get(&format!("/api/v1/components/{}", a["id"])).await.1["data"]["status"], 3);
        assert_eq!(api.get(&format!("/api/v1/components/{}", b["id"])).await.1["data"]["status"], 2);
        let (_, by_component) = api.get(&format!("/api/v1/incidents?component_id={}", b["id"])).await;
        assert_eq!(by_component["meta"]["pagination"]["total"], 1);
    }

    async fn invalid_incidents_are_rejected_whole(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "A", "status": 1})).await;
        let (status, body) = api.write(Method::POST, "/api/v1/incidents", json!({"message": "x"})).await;
        assert_bad_field(status, &body, "name");
        assert_bad_field(status, &body, "status");
        let (status, body) = api.write(Method::POST, "/api/v1/incidents", json!({"name": "x", "status": 1, "message": "m", "component_id": c["id"]})).await;
        assert_bad_field(status, &body, "component_status");
        let (status, body) = api.write(Method::POST, "/api/v1/incidents", json!({"name": "x", "status": 1, "message": "m", "occurred_at": "not a date"})).await;
        assert_bad_field(status, &body, "occurred_at");
        let (status, body) = api.write(Method::POST, "/api/v1/incidents", json!({"name": "x", "status": 1, "message": "m", "components": [{"id": c["id"], "status": 4}, {"id": 9999, "status": 4}]})).await;
        assert_bad_field(status, &body, "component_id");
        assert_eq!(api.get(&format!("/api/v1/components/{}", c["id"])).await.1["data"]["status"], 1, "nothing half-written");
        assert_eq!(api.get_authed("/api/v1/incidents").await.1["meta"]["pagination"]["total"], 0);
    }

    async fn templates_render_with_vars_and_stay_inert(api: &Api) {
        api.with_store(|s| {
            s.create_template("Outage", "{{ incident.name }} hit {{ region }}. {{ 7*7 }} {% include '/etc/passwd' %}").unwrap();
        })
        .await;
        let (_, templates) = api.get("/api/v1/incidents/templates").await;
        assert_eq!(templates["data"][0]["slug"], "outage");
        let i = api.create("/api/v1/incidents", json!({"name": "DB", "status": 1, "template": "outage", "vars": {"region": "eu"}})).await;
        assert_eq!(i["message"], "DB hit eu. {{ 7*7 }} {% include '/etc/passwd' %}");
        let (_, updated) = api.write(Method::PUT, &format!("/api/v1/incidents/{}", i["id"]), json!({"name": "Cache", "template": "outage", "vars": {"region": "us"}})).await;
        assert_eq!(updated["data"]["message"], "Cache hit us. {{ 7*7 }} {% include '/etc/passwd' %}");
        let unknown = api.create("/api/v1/incidents", json!({"name": "X", "status": 1, "message": "kept", "template": "nope"})).await;
        assert_eq!(unknown["message"], "kept");
        let (_, template) = api.get(&format!("/api/v1/incidents/templates/{}", templates["data"][0]["id"])).await;
        assert_eq!(template["data"]["name"], "Outage");
        assert_eq!(api.get("/api/v1/incidents/templates/999").await.0, StatusCode::NOT_FOUND);
    }

    async fn put_keeps_omitted_flags_and_meta_is_echoed(api: &Api) {
        let i = api.create("/api/v1/incidents", json!({"name": "X", "status": 1, "message": "m", "visible": 0, "stickied": true, "notify": false, "meta": {"id": 123456789}})).await;
        assert_eq!(i["meta"], json!({"id": 123456789}));
        let (_, body) = api.write(Method::PUT, &format!("/api/v1/incidents/{}", i["id"]), json!({"name": "Y"})).await;
        let d = &body["data"];
        assert_eq!((d["name"].clone(), d["visible"].clone(), d["stickied"].clone(), d["notifications"].clone(), d["user_id"].clone()), (json!("Y"), json!(0), json!(true), json!(false), Value::Null));
    }

    async fn guests_do_not_see_hidden_incidents(api: &Api) {
        let hidden = api.create("/api/v1/incidents", json!({"name": "Secret", "status": 1, "message": "m", "visible": false})).await;
        api.create("/api/v1/incidents", json!({"name": "Public", "status": 1, "message": "m"})).await;
        assert_eq!(api.get("/api/v1/incidents").await.1["meta"]["pagination"]["total"], 1);
        assert_eq!(api.get_authed("/api/v1/incidents").await.1["meta"]["pagination"]["total"], 2);
        assert_eq!(api.get(&format!("/api/v1/incidents/{}", hidden["id"])).await.0, StatusCode::NOT_FOUND);
        assert_eq!(api.get_authed(&format!("/api/v1/incidents/{}", hidden["id"])).await.0, StatusCode::OK);
        let (_, status) = api.get("/api/v1/status").await;
        assert_eq!(status["data"]["status"], "info", "an unresolved hidden incident still counts");
    }

    async fn updates_set_the_incident_status_and_list_newest_first(api: &Api) {
        let i = api.create("/api/v1/incidents", json!({"name": "X", "status": 1, "message": "m"})).await;
        let base = format!("/api/v1/incidents/{}/updates", i["id"]);
        let first = api.create(&base, json!({"status": 2, "message": "found it"})).await;
        assert_eq!(first["incident_id"], i["id"]);
        assert_eq!(first["human_status"], "Identified");
        assert_eq!(first["permalink"], format!("{}/incidents/{}#update-{}", api.url, i["id"], first["id"]));
        let second = api.create(&base, json!({"status": 4, "message": "fixed"})).await;
        let (_, incident) = api.get(&format!("/api/v1/incidents/{}", i["id"])).await;
        assert_eq!(incident["data"]["status"], 4);
        assert_eq!(incident["data"]["is_resolved"], true);
        assert_eq!(incident["data"]["latest_update_id"], second["id"]);
        assert_eq!(incident["data"]["latest_human_status"], "Fixed");
        assert_eq!(incident["data"]["updates"][0]["id"], second["id"], "embedded updates newest first");
        let (_, list) = api.get(&base).await;
        assert_eq!(list["data"][0]["id"], second["id"]);
        assert_eq!(list["data"][1]["id"], first["id"]);
        let (status, edited) = api.write(Method::PUT, &format!("{base}/{}", first["id"]), json!({"message": "edited"})).await;
        assert_eq!((status, edited["data"]["message"].clone()), (StatusCode::OK, json!("edited")));
        let (status, body) = api.write(Method::POST, &base, json!({"status": 0, "message": "m"})).await;
        assert_bad_field(status, &body, "status");
        let (status, body) = api.write(Method::POST, &base, json!({"status": 1})).await;
        assert_bad_field(status, &body, "message");
        assert_eq!(api.send(api.authed(Method::DELETE, &format!("{base}/{}", first["id"]))).await.0, StatusCode::NO_CONTENT);
        assert_eq!(api.get(&format!("{base}/{}", first["id"])).await.0, StatusCode::NOT_FOUND);
        assert_eq!(api.get("/api/v1/incidents/0").await.0, StatusCode::NOT_FOUND);
        assert_eq!(api.send(api.authed(Method::DELETE, &format!("/api/v1/incidents/{}", i["id"]))).await.0, StatusCode::NO_CONTENT);
    }

    async fn incidents_sort_and_filter_with_pages(api: &Api) {
        for (n, status) in [("b", 1), ("a", 4), ("c", 1)] {
            api.create("/api/v1/incidents", json!({"name": n, "status": status, "message": "m"})).await;
        }
        let (_, body) = api.get("/api/v1/incidents?status=1&sort=name&order=desc&per_page=1&page=2").await;
        assert_eq!(body["data"][0]["name"], "b");
        assert_eq!(body["meta"]["pagination"]["total"], 2);
        let (_, asc) = api.get("/api/v1/incidents?sort=name&order=asc").await;
        let names: Vec<_> = asc["data"].as_array().unwrap().iter().map(|i| i["name"].clone()).collect();
        assert_eq!(names, [json!("a"), json!("b"), json!("c")]);
    }
}

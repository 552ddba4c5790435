use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::assert_bad_field;

fn names(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {body}"))
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

crate::api_tests! {
    async fn a_full_component_is_created_and_shown(api: &Api) {
        let group = api.create("/api/v1/components/groups", json!({"name": "Core", "visible": 1})).await;
        let c = api
            .create(
                "/api/v1/components",
                json!({"name": "API", "status": 2, "description": "d", "link": "https://x.io", "order": 3,
                       "group_id": group["id"], "enabled": "1", "meta": {"id": 123456789}, "tags": "Foo,Bar"}),
            )
            .await;
        let keys = ["id", "name", "description", "link", "status", "order", "group_id", "created_at", "updated_at",
                    "deleted_at", "enabled", "meta", "status_name", "tags"];
        for key in keys {
            assert!(c.get(key).is_some(), "missing {key}: {c}");
        }
        assert_eq!(c["status"], 2);
        assert_eq!(c["status_name"], "Performance Issues");
        assert_eq!(c["enabled"], true);
        assert_eq!(c["order"], 3);
        assert_eq!(c["group_id"], group["id"]);
        assert_eq!(c["meta"], json!({"id": 123456789}));
        assert_eq!(c["tags"], json!({"bar": "Bar", "foo": "Foo"}));
        assert_eq!(c["deleted_at"], Value::Null);
        assert!(c["created_at"].as_str().unwrap().len() == 19, "Y-m-d H:i:s");
        let (status, shown) = api.get(&format!("/api/v1/components/{}", c["id"])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(shown["data"], c);
    }

    async fn minimal_component_gets_defaults_and_empty_tags_object(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "Web", "status": 1})).await;
        assert_eq!(c["enabled"], true);
        assert_eq!(c["group_id"], 0);
        assert_eq!(c["tags"], json!({}));
        let disabled = api.create("/api/v1/components", json!({"name": "Old", "status": 1, "enabled": 0})).await;
        assert_eq!(disabled["enabled"], false);
    }

    async fn invalid_components_name_each_bad_field(api: &Api) {
        let (status, body) = api.write(Method::POST, "/api/v1/components", json!({})).await;
        assert_bad_field(status, &body, "name");
        assert_bad_field(status, &body, "status");
        let (status, body) = api.write(Method::POST, "/api/v1/components", json!({"name": "X", "status": 7})).await;
        assert_bad_field(status, &body, "status");
        let (status, body) =
            api.write(Method::POST, "/api/v1/components", json!({"name": "X", "status": 1, "link": "javascript:alert(1)"})).await;
        assert_bad_field(status, &body, "link");
        let (status, body) =
            api.write(Method::POST, "/api/v1/components", json!({"name": "X", "status": 1, "group_id": 4242})).await;
        assert_bad_field(status, &body, "group_id");
        let (status, body) = api.write(Method::POST, "/api/v1/components", json!({"name": "X", "status": 1, "enabled": "maybe"})).await;
        assert_bad_field(status, &body, "enabled");
        assert_eq!(api.get_authed("/api/v1/components").await.1["meta"]["pagination"]["total"], 0);
    }

    async fn put_changes_given_fields_only_and_accepts_query_parameters(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "API", "status": 1, "enabled": false, "tags": "a,b"})).await;
        let path = format!("/api/v1/components/{}", c["id"]);
        let (status, body) = api.write(Method::PUT, &path, json!({"name": "API v2", "tags": ["c"]})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["data"]["name"], "API v2");
        assert_eq!(body["data"]["enabled"], false, "enabled kept");
        assert_eq!(body["data"]["tags"], json!({"c": "c"}));
        let (status, body) = api.send(api.authed(Method::PUT, &format!("{path}?status=4"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["data"]["status"], 4);
        let (status, body) = api.write(Method::PUT, &path, json!({"meta": {"x": 1}})).await;
        assert_eq!((status, &body["data"]["meta"]), (StatusCode::OK, &json!({"x": 1})));
        assert_eq!(api.write(Method::PUT, "/api/v1/components/9999", json!({"name": "x"})).await.0, StatusCode::NOT_FOUND);
    }

    async fn delete_answers_204_and_removes(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        let path = format!("/api/v1/components/{}", c["id"]);
        let (status, body) = api.send(api.authed(Method::DELETE, &path).json(&json!({}))).await;
        assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
        assert_eq!(api.get(&path).await.0, StatusCode::NOT_FOUND);
    }

    async fn guests_see_enabled_components_only(api: &Api) {
        api.create("/api/v1/components", json!({"name": "On", "status": 1})).await;
        api.create("/api/v1/components", json!({"name": "Off", "status": 1, "enabled": false})).await;
        assert_eq!(names(&api.get("/api/v1/components").await.1), ["On"]);
        assert_eq!(names(&api.get_authed("/api/v1/components").await.1), ["On", "Off"]);
        let bad_token = api.send(api.anon(Method::GET, "/api/v1/components").header("X-Cachet-Token", "nope")).await;
        assert_eq!(names(&bad_token.1), ["On"], "an invalid token on a read is a guest");
    }

    async fn filters_sort_order_and_pagination_work_together(api: &Api) {
        for (i, status) in [1, 4, 1, 3, 1, 1].into_iter().enumerate() {
            api.create("/api/v1/components", json!({"name": format!("c{i}"), "status": status, "order": 10 - i, "tags": if i % 2 == 0 { "even" } else { "odd" }})).await;
        }
        let (_, body) = api.get("/api/v1/components?status=1&per_page=2&page=2&sort=order&order=desc&unknown=x").await;
        assert_eq!(names(&body), ["c4", "c5"]);
        let p = &body["meta"]["pagination"];
        assert_eq!((p["total"].clone(), p["count"].clone(), p["per_page"].clone(), p["current_page"].clone(), p["total_pages"].clone()), (json!(4), json!(2), json!(2), json!(2), json!(2)));
        assert_eq!(p["links"]["next_page"], Value::Null);
        let prev = p["links"]["previous_page"].as_str().unwrap();
        assert!(prev.starts_with(&api.url), "absolute: {prev}");
        assert!(prev.contains("status=1") && prev.contains("sort=order") && prev.contains("page=1") && prev.contains("per_page=2"), "{prev}");
        let (_, first) = api.get("/api/v1/components?status=1&per_page=2&sort=order&order=desc").await;
        assert_eq!(names(&first), ["c0", "c2"]);
        assert!(first["meta"]["pagination"]["links"]["next_page"].as_str().unwrap().contains("page=2"));
        let (_, asc) = api.get("/api/v1/components?sort=name&order=asc&per_page=3").await;
        assert_eq!(names(&asc), ["c0", "c1", "c2"]);
        let (_, tagged) = api.get("/api/v1/components?tags[]=odd").await;
        assert_eq!(names(&tagged), ["c1", "c3", "c5"]);
        let (_, ignored) = api.get("/api/v1/components?sort=password").await;
        assert_eq!(ignored["data"].as_array().unwrap().len(), 6, "an unknown sort key is ignored");
        let (_, in_body) = api.send(api.anon(Method::GET, "/api/v1/components").json(&json!({"status": 4}))).await;
        assert_eq!(names(&in_body), ["c1"], "filters may come in a GET body");
        let (status, _) = api.send(api.anon(Method::GET, "/api/v1/components").body("\"{}\"")).await;
        assert_eq!(status, StatusCode::OK, "a GET body that is not an object is ignored");
    }

    async fn per_page_is_capped_and_total_pages_at_least_one(api: &Api) {
        let (_, body) = api.get("/api/v1/components?per_page=100000").await;
        assert_eq!(body["meta"]["pagination"]["per_page"], 1000);
        assert_eq!(body["meta"]["pagination"]["total_pages"], 1);
        let (status, body) = api.get("/api/v1/components?page=abc").await;
        assert_bad_field(status, &body, "page");
    }

    async fn groups_list_members_and_ungroup_on_delete(api: &Api) {
        let g = api.create("/api/v1/components/groups", json!({"name": "Core", "order": 1, "visible": true})).await;
        for key in ["id", "name", "created_at", "updated_at", "order", "collapsed", "visible", "enabled_components", "enabled_components_lowest", "lowest_human_status"] {
            assert!(g.get(key).is_some(), "missing {key}");
        }
        let hidden = api.create("/api/v1/components/groups", json!({"name": "Secret"})).await;
        assert_eq!(hidden["visible"], 0, "groups are hidden by default");
        let a = api.create("/api/v1/components", json!({"name": "A", "status": 1, "group_id": g["id"], "order": 2})).await;
        api.create("/api/v1/components", json!({"name": "B", "status": 3, "group_id": g["id"], "order": 1})).await;
        let (_, shown) = api.get(&format!("/api/v1/components/groups/{}", g["id"])).await;
        let members: Vec<_> = shown["data"]["enabled_components"].as_array().unwrap().iter().map(|c| c["name"].clone()).collect();
        assert_eq!(members, [json!("B"), json!("A")]);
        assert_eq!(shown["data"]["enabled_components_lowest"][0]["name"], "B");
        assert_eq!(shown["data"]["lowest_human_status"], "Partial Outage");
        let (_, guest) = api.get("/api/v1/components/groups").await;
        assert_eq!(guest["meta"]["pagination"]["total"], 1, "guests see visible groups only");
        let (_, all) = api.get_authed("/api/v1/components/groups").await;
        assert_eq!(all["meta"]["pagination"]["total"], 2);
        let (status, body) = api.write(Method::PUT, &format!("/api/v1/components/groups/{}", g["id"]), json!({"collapsed": 2, "name": "Core 2"})).await;
        assert_eq!((status, body["data"]["collapsed"].clone(), body["data"]["name"].clone()), (StatusCode::OK, json!(2), json!("Core 2")));
        let (status, body) = api.write(Method::POST, "/api/v1/components/groups", json!({"collapsed": 9})).await;
        assert_bad_field(status, &body, "name");
        assert_bad_field(status, &body, "collapsed");
        let (status, _) = api.send(api.authed(Method::DELETE, &format!("/api/v1/components/groups/{}", g["id"]))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, member) = api.get(&format!("/api/v1/components/{}", a["id"])).await;
        assert_eq!(member["data"]["group_id"], 0, "members are ungrouped");
        assert_eq!(api.get("/api/v1/components/groups/424242").await.0, StatusCode::NOT_FOUND);
    }

    async fn uptime_reports_days_from_the_history(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        let today = chrono::Utc::now().date_naive();
        let path = format!("/api/v1/components/{}/uptime?from={}&to={}", c["id"], today, today);
        let (status, body) = api.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["data"].as_array().unwrap().len(), 1);
        assert_eq!(body["data"][0]["date"], today.to_string());
        assert_eq!(body["data"][0]["worst_status"], 1);
        let (status, body) = api.get(&format!("/api/v1/components/{}/uptime?from=yesterday", c["id"])).await;
        assert_bad_field(status, &body, "from");
        assert_eq!(api.get("/api/v1/components/999/uptime").await.0, StatusCode::NOT_FOUND);
    }
}

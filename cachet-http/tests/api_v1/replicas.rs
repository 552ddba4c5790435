use std::time::{Duration, Instant};

use cachet_http::ServeArgs;
use reqwest::Method;
use serde_json::json;

crate::api_tests! {
    async fn two_servers_on_one_database_see_each_others_writes_within_a_second(api: &Api) {
        let replica = cachet_http::start(ServeArgs::for_database(&api.db.url)).await.expect("second server");
        let replica_url = format!("{}/api/v1/components", replica.url());
        let client = reqwest::Client::new();
        let count = |body: serde_json::Value| body["meta"]["pagination"]["total"].as_u64().unwrap();
        // Warm the replica's snapshot so a stale cache would show.
        let before: serde_json::Value = client.get(&replica_url).send().await.unwrap().json().await.unwrap();
        assert_eq!(count(before), 0);
        let written = Instant::now();
        api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        loop {
            let body: serde_json::Value = client.get(&replica_url).send().await.unwrap().json().await.unwrap();
            if count(body) == 1 {
                break;
            }
            assert!(written.elapsed() < Duration::from_secs(1), "the replica served stale data for over a second");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // And the other way round, for a write through the replica.
        let token = api.token.clone();
        let response = client
            .request(Method::PUT, format!("{}/api/v1/components/1", replica.url()))
            .header("X-Cachet-Token", token)
            .json(&json!({"status": 4}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let written = Instant::now();
        loop {
            let (_, body) = api.get("/api/v1/status").await;
            if body["data"]["status"] == "danger" {
                break;
            }
            assert!(written.elapsed() < Duration::from_secs(1), "the first server served stale data for over a second");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        replica.stop().await;
    }
}

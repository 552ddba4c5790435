use reqwest::{Method, StatusCode};
use serde_json::json;

crate::api_tests! {
    async fn ping_answers_pong(api: &Api) {
        let (status, body) = api.get("/api/v1/ping").await;
        assert_eq!((status, body), (StatusCode::OK, json!({"data": "Pong!"})));
    }

    async fn version_is_a_2_4_string_with_latest_meta(api: &Api) {
        let (status, body) = api.get("/api/v1/version").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body["data"].as_str().unwrap().starts_with("2.4"));
        assert_eq!(body["meta"]["on_latest"], true);
        assert!(body["meta"]["latest"]["tag_name"].is_string());
        assert_eq!(body["meta"]["latest"]["prelease"], false);
        assert_eq!(body["meta"]["latest"]["draft"], false);
    }

    async fn status_without_components_is_operational_and_cacheable(api: &Api) {
        let response = api.anon(Method::GET, "/api/v1/status").send().await.unwrap();
        assert!(response.headers()["cache-control"].to_str().unwrap().contains("public"));
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["data"]["status"], "success");
        assert_eq!(body["data"]["message"], "System operational");
    }

    async fn status_follows_component_changes_at_once(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        assert_eq!(api.get("/api/v1/status").await.1["data"]["status"], "success");
        api.write(Method::PUT, &format!("/api/v1/components/{}", c["id"]), json!({"status": 3})).await;
        let (_, body) = api.get("/api/v1/status").await;
        assert_eq!(body["data"]["status"], "info");
        assert_eq!(body["data"]["message"], "The system is experiencing issues");
        assert_eq!(body["data"]["components"][0]["effective_status"], "partial_outage");
    }

    async fn maintenance_shows_in_the_effective_status(api: &Api) {
        let c = api.create("/api/v1/components", json!({"name": "DB", "status": 1})).await;
        api.create(
            "/api/v1/schedules",
            json!({"name": "Upgrade", "status": 1, "scheduled_at": "2020-01-01 10:00", "components": [c["id"]]}),
        )
        .await;
        let (_, body) = api.get("/api/v1/status").await;
        assert_eq!(body["data"]["under_maintenance"], true);
        assert_eq!(body["data"]["components"][0]["effective_status"], "under_maintenance");
        assert_eq!(body["data"]["components"][0]["status"], 1, "the 0-4 status is unchanged");
    }

    async fn unknown_routes_answer_json_404(api: &Api) {
        let (status, body) = api.get("/api/v1/nothing/here").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["errors"][0]["status"], 404);
        assert_eq!(body["errors"][0]["title"], "Not Found");
        assert!(body["errors"][0]["id"].as_str().unwrap().len() >= 32);
        let (status, _) = api.get("/api/v1/components/999999").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn wrong_method_answers_405(api: &Api) {
        let (status, body) = api.send(api.authed(Method::PATCH, "/api/v1/components")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
        assert_eq!(body["errors"][0]["status"], 405);
    }

    async fn wrong_method_lists_the_allowed_ones(api: &Api) {
        for (method, path, allow) in [
            (Method::DELETE, "/api/v1/ping", "GET, HEAD"),
            (Method::PATCH, "/api/v1/components/1", "GET, HEAD, PUT, DELETE"),
            (Method::PATCH, "/api/v1/components", "GET, HEAD, POST"),
            (Method::DELETE, "/api/v1/incidents/templates", "GET, HEAD"),
            (Method::POST, "/api/v1/incidents/1/updates/2", "GET, HEAD, PUT, DELETE"),
            (Method::GET, "/api/v1/subscribers/1", "DELETE"),
            (Method::POST, "/api/v2/summary.json", "GET, HEAD"),
            (Method::DELETE, "/", "GET, HEAD"),
            (Method::POST, "/incidents/1", "GET, HEAD"),
            (Method::PUT, "/atom", "GET, HEAD"),
            (Method::PUT, "/rss/3", "GET, HEAD"),
            (Method::POST, "/components/1/badge.svg", "GET, HEAD"),
            (Method::DELETE, "/healthz", "GET, HEAD"),
            (Method::POST, "/history/2026-11-02", "GET, HEAD"),
        ] {
            let response = api.authed(method.clone(), path).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert_eq!(response.headers()["allow"], allow, "{method} {path}");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["errors"][0]["status"], 405, "{method} {path}");
        }
        // HEAD is listed exactly when the server answers it.
        let head = api.anon(Method::HEAD, "/api/v1/ping").send().await.unwrap();
        let allow = api.anon(Method::DELETE, "/api/v1/ping").send().await.unwrap().headers()["allow"].clone();
        assert_eq!(head.status() != StatusCode::METHOD_NOT_ALLOWED, allow.to_str().unwrap().contains("HEAD"));
    }

    async fn head_answers_like_get_without_a_body(api: &Api) {
        for path in ["/api/v1/ping", "/api/v1/components", "/api/v2/summary.json", "/", "/atom", "/badge.svg", "/healthz"] {
            let get = api.anon(Method::GET, path).send().await.unwrap();
            let (get_status, get_headers) = (get.status(), get.headers().clone());
            let get_body = get.bytes().await.unwrap();
            let head = api.anon(Method::HEAD, path).send().await.unwrap();
            assert_eq!((head.status(), get_status), (StatusCode::OK, StatusCode::OK), "{path}");
            for name in ["content-type", "etag"] {
                assert_eq!(head.headers().get(name), get_headers.get(name), "{name} of {path}");
            }
            if let Some(length) = head.headers().get("content-length") {
                assert_eq!(length.to_str().unwrap(), get_body.len().to_string(), "{path}");
            }
            assert!(head.bytes().await.unwrap().is_empty(), "{path}: a HEAD answer has no body");
        }
        // HEAD is a read: no token needed, and a write route does not take it.
        let (status, _) = api.send(api.anon(Method::HEAD, "/api/v1/subscribers")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "guests may not list subscribers, by HEAD either");
    }

    async fn every_route_answers_other_methods_with_405_and_allow(api: &Api) {
        // A value each path parameter takes.
        fn sample(segment: &str) -> &str {
            match segment {
                "{date}" => "2026-11-02",
                s if s.starts_with('{') => "1",
                s => s,
            }
        }
        let methods = [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE];
        for (_, template) in cachet_http::route_table() {
            let path: String =
                template.split('/').map(sample).collect::<Vec<_>>().join("/");
            let allowed = cachet_http::allowed_methods(&path);
            assert!(!allowed.is_empty(), "{path}");
            for method in methods.iter().filter(|m| !allowed.contains(&m.as_str())) {
                let response = api.authed(method.clone(), &path).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path} (from {template})");
                assert_eq!(response.headers()["allow"], allowed.join(", "), "{method} {path}");
            }
        }
    }

    async fn wrong_method_on_an_unknown_path_answers_404(api: &Api) {
        for (method, path) in [
            (Method::DELETE, "/api/v1/nothing/here"),
            (Method::PATCH, "/nothing"),
            (Method::DELETE, "/api/v1/components/abc"),
            (Method::POST, "/api/v1/ping/extra"),
            (Method::PUT, "/incidents/x"),
            (Method::DELETE, "/assets/other.css"),
            (Method::POST, "/api"),
        ] {
            let response = api.authed(method.clone(), path).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
            assert!(response.headers().get("allow").is_none(), "{method} {path}");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["errors"][0]["status"], 404, "{method} {path}");
        }
    }

    async fn accept_without_json_answers_406(api: &Api) {
        let (status, body) = api.send(api.anon(Method::GET, "/api/v1/ping").header("Accept", "text/html")).await;
        assert_eq!(status, StatusCode::NOT_ACCEPTABLE);
        assert_eq!(body["errors"][0]["status"], 406);
        let (status, _) = api.send(api.anon(Method::GET, "/api/v1/ping").header("Accept", "text/html, */*;q=0.8")).await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn bodies_over_the_limit_answer_413(api: &Api) {
        // Announce a body over the 1 MiB limit: the server answers 413 without reading it all.
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(api.server.addr).await.unwrap();
        let head = format!(
            "POST /api/v1/components HTTP/1.1\r\nHost: x\r\nX-Cachet-Token: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"name\": \"",
            api.token,
            1024 * 1024 + 10
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read_to_end(&mut response)).await;
        let response = String::from_utf8_lossy(&response);
        assert!(response.starts_with("HTTP/1.1 413"), "{response}");
        let body: serde_json::Value = serde_json::from_str(response.split("\r\n\r\n").nth(1).unwrap_or("")).unwrap();
        assert_eq!(body["errors"][0]["status"], 413);
        // A chunked body without a length is cut off at the limit too.
        let big = "x".repeat(1024 * 1024 + 10);
        let chunks = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(format!("{{\"name\": \"{big}\", \"status\": 1}}"))]);
        let result = api.authed(Method::POST, "/api/v1/components").body(reqwest::Body::wrap_stream(chunks)).send().await;
        if let Ok(r) = result {
            assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        }
        assert_eq!(api.get_authed("/api/v1/components").await.1["meta"]["pagination"]["total"], 0);
    }

    async fn public_reads_carry_etags_and_answer_304(api: &Api) {
        api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        let first = api.anon(Method::GET, "/api/v1/components").send().await.unwrap();
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let again = api.anon(Method::GET, "/api/v1/components").header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        api.create("/api/v1/components", json!({"name": "Web", "status": 1})).await;
        let changed = api.anon(Method::GET, "/api/v1/components").header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(changed.status(), StatusCode::OK, "a write must invalidate the snapshot");
        let body: serde_json::Value = changed.json().await.unwrap();
        assert_eq!(body["meta"]["pagination"]["total"], 2);
    }

    async fn responses_are_compressed_when_accepted(api: &Api) {
        for (accept, encoding) in [("br", "br"), ("gzip", "gzip"), ("gzip, br", "br")] {
            let r = api.anon(Method::GET, "/api/v1/ping").header("Accept-Encoding", accept).send().await.unwrap();
            assert_eq!(r.headers()["content-encoding"], encoding);
        }
        let plain = api.anon(Method::GET, "/api/v1/ping").send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        let decoding = reqwest::Client::new();
        let body: serde_json::Value = decoding.get(format!("{}/api/v1/ping", api.url)).send().await.unwrap().json().await.unwrap();
        assert_eq!(body["data"], "Pong!");
    }

    async fn health_probes_answer(api: &Api) {
        assert_eq!(api.get("/healthz").await.0, StatusCode::OK);
        let (status, body) = api.get("/readyz").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["database"], "ok");
    }

    async fn time_zone_header_changes_dates_out_and_in(api: &Api) {
        let r = api
            .authed(Method::POST, "/api/v1/incidents")
            .header("Time-Zone", "Europe/Paris")
            .json(&json!({"name": "X", "status": 1, "message": "m", "occurred_at": "2026-01-05 10:30"}));
        let (_, body) = api.send(r).await;
        assert_eq!(body["data"]["occurred_at"], "2026-01-05 10:30:00");
        let (_, utc) = api.get(&format!("/api/v1/incidents/{}", body["data"]["id"])).await;
        assert_eq!(utc["data"]["occurred_at"], "2026-01-05 09:30:00");
        let (status, body) = api.send(api.anon(Method::GET, "/api/v1/ping").header("Time-Zone", "Mars/Base")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }
}

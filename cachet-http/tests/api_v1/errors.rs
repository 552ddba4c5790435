//! Errors in the database's own words (constraint, table and index names, values) never reach a
//! client: a unique violation is a 409 in the store's words, any other database failure a fixed
//! sentence; the driver's text goes to the server's log only.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Phrases of the drivers' error texts on SQLite, PostgreSQL and MySQL/MariaDB.
const DRIVER_TEXT: [&str; 9] = [
    "UNIQUE constraint",
    "duplicate key",
    "Duplicate entry",
    "constraint",
    "no such table",
    "does not exist",
    "doesn't exist",
    "relation",
    "components_name_unique",
];

#[track_caller]
fn assert_no_driver_text(body: &Value) {
    let text = body.to_string();
    for phrase in DRIVER_TEXT {
        assert!(!text.to_lowercase().contains(&phrase.to_lowercase()), "{phrase:?} in {text}");
    }
}

crate::api_tests! {
    async fn a_unique_violation_is_a_409_in_the_stores_words(api: &Api) {
        // The schema has no unique key the API can reach past its own checks, so add one.
        tokio::task::block_in_place(|| api.db.execute("CREATE UNIQUE INDEX components_name_unique ON components (name)"));
        api.create("/api/v1/components", json!({"name": "API", "status": 1})).await;
        let (status, body) = api.write(Method::POST, "/api/v1/components", json!({"name": "API", "status": 1})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["meta"]["details"], json!(["a component like this one already exists"]));
        assert_no_driver_text(&body);
    }

    async fn a_database_failure_is_a_fixed_sentence(api: &Api) {
        api.create("/api/v1/components", json!({"name": "Web", "status": 1})).await;
        tokio::task::block_in_place(|| api.db.execute("DROP TABLE component_tags"));
        let (status, body) = api.write(Method::POST, "/api/v1/components", json!({"name": "API", "status": 1, "tags": "core"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(body["meta"]["details"], json!(["The database failed."]));
        assert_no_driver_text(&body);
        let (status, body) = api.get_authed("/api/v1/components").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        assert_no_driver_text(&body);
    }
}

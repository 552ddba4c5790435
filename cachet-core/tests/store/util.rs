//! Helpers shared by the behaviour suite.

use cachet_core::Error;

/// Asserts that `result` is an `Invalid` error naming `field`.
#[track_caller]
pub fn assert_invalid<T: std::fmt::Debug>(result: Result<T, Error>, field: &str) {
    match result {
        Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field, "wrong field named"),
        other => panic!("expected Invalid {{ field: {field:?} }}, got {other:?}"),
    }
}

/// Asserts that `result` is a `NotFound` error.
#[track_caller]
pub fn assert_not_found<T: std::fmt::Debug>(result: Result<T, Error>) {
    assert!(matches!(result, Err(Error::NotFound { .. })), "expected NotFound, got {result:?}");
}

/// Asserts that `result` is a `Conflict` error.
#[track_caller]
pub fn assert_conflict<T: std::fmt::Debug>(result: Result<T, Error>) {
    assert!(matches!(result, Err(Error::Conflict(_))), "expected Conflict, got {result:?}");
}

/// A UTC instant from an RFC 3339 text such as `2026-01-10T23:00:00Z`.
#[track_caller]
pub fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text).expect("an RFC 3339 time").to_utc()
}

/// A handle on the same database whose clock stands still at `text`.
pub fn store_at(store: &cachet_core::Store, text: &str) -> cachet_core::Store {
    let t = at(text);
    store.with_clock(move || t)
}

/// Rows in `table`, counted behind the store's back (for side effects the API cannot show).
pub fn count_rows(store: &cachet_core::Store, table: &str) -> i64 {
    use diesel::prelude::*;
    let url = cachet_core::db::DatabaseUrl::parse(&store.redacted_url()).expect("the test URL has no password");
    let mut conn = cachet_core::db::ConnectionManager::new(url).connect().expect("connect");
    diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!("(SELECT COUNT(*) FROM {table})")))
        .get_result(&mut conn)
        .expect("count")
}

/// An operational component named `name`.
pub fn component(store: &cachet_core::Store, name: &str) -> cachet_core::model::Component {
    use cachet_core::model::{ComponentStatus, NewComponent};
    store.create_component(NewComponent::new(name, ComponentStatus::Operational)).expect("create component")
}

/// Runs `sql` behind the store's back (for rows written by other programs or by hand).
pub fn exec_sql(store: &cachet_core::Store, sql: &str) {
    use diesel::connection::SimpleConnection;
    let url = cachet_core::db::DatabaseUrl::parse(&store.redacted_url()).expect("the test URL has no password");
    let mut conn = cachet_core::db::ConnectionManager::new(url).connect().expect("connect");
    conn.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

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

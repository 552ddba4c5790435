//! Every error path: one line on stderr naming the problem, and the documented exit code.

use crate::cli_tests;
use crate::util::{cachet, fails, ok, stderr};

cli_tests! {
    fn an_unknown_component_is_named(db: &TestDb) {
        let err = fails(db, &["component", "set-status", "api", "1"], 66);
        assert_eq!(err, "cachet: unknown component \"api\"\n");
    }

    fn a_status_out_of_range_is_refused(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        let err = fails(db, &["component", "set-status", "api", "7"], 65);
        assert!(err.contains("status must be 0-4"), "{err}");
        let err = fails(db, &["component", "add", "Web", "--status", "broken"], 65);
        assert!(err.contains("status must be 0-4"), "{err}");
    }

    fn an_unknown_incident_is_named(db: &TestDb) {
        let err = fails(db, &["incident", "resolve", "42"], 66);
        assert!(err.contains("unknown incident \"42\""), "{err}");
    }

    fn an_unreadable_time_is_refused(db: &TestDb) {
        let err = fails(db, &["maintenance", "schedule", "Work", "--start", "next tuesday"], 65);
        assert!(err.contains("--start must be a time"), "{err}");
    }

    fn a_duplicate_token_is_a_conflict(db: &TestDb) {
        ok(db, &["token", "create", "ci"]);
        fails(db, &["token", "create", "ci"], 67);
    }

    fn an_import_into_a_database_with_data_is_a_conflict(db: &TestDb) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("export.json");
        ok(db, &["component", "add", "API"]);
        ok(db, &["export", file.to_str().unwrap()]);
        let err = fails(db, &["import", file.to_str().unwrap()], 67);
        assert!(err.contains("empty database"), "{err}");
    }
}

#[test]
fn an_unreachable_database_is_named_with_exit_code_69() {
    let out = cachet("postgres://cachet@127.0.0.1:1/cachet").args(["component", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(69));
    let err = stderr(&out);
    assert!(err.starts_with("cachet: cannot reach the database"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn an_unsupported_database_url_is_a_configuration_error() {
    let out = cachet("oracle://db/x").args(["component", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
}

#[test]
fn a_missing_import_file_is_a_file_error() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    let out = cachet(&url).args(["import", "/nonexistent/export.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(74), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_64_without_touching_a_database() {
    let out = cachet("sqlite:///nonexistent/dir/c.db").args(["component", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(64));
}

#[test]
fn embedded_only_commands_are_refused_in_remote_mode() {
    for args in [&["token", "list"][..], &["seed"], &["export"], &["migrate"], &["setting", "list"]] {
        let out = cachet("sqlite://unused.db").args(["--server", "http://127.0.0.1:9"]).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(78), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("--database-url"), "{}", stderr(&out));
    }
}

#[test]
fn an_unreachable_server_is_named_with_exit_code_69() {
    let out = cachet("sqlite://unused.db").args(["--server", "http://127.0.0.1:9", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(69));
    assert!(stderr(&out).starts_with("cachet: cannot reach the server at http://127.0.0.1:9"), "{}", stderr(&out));
}

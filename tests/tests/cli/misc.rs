//! Tokens, settings, metrics, subscribers, completions and the man page.

use crate::cli_tests;
use crate::util::{cachet, fails, json, ok, stdout};

cli_tests! {
    fn token_create_prints_only_the_token(db: &TestDb) {
        let out = ok(db, &["token", "create", "deploy"]);
        let token = out.trim_end_matches('\n');
        assert_eq!(out.lines().count(), 1);
        assert!(token.len() >= 32 && token.chars().all(|c| c.is_ascii_alphanumeric()), "{out:?}");
    }

    fn revoked_tokens_show_when_they_were_revoked(db: &TestDb) {
        ok(db, &["token", "create", "deploy"]);
        ok(db, &["token", "revoke", "deploy"]);
        let list = json(db, &["token", "list"]);
        assert!(list[0]["revoked_at"].is_string(), "{list}");
        fails(db, &["token", "revoke", "nobody"], 66);
    }

    fn settings_are_set_and_read_back(db: &TestDb) {
        ok(db, &["setting", "set", "app_name", "Example Status"]);
        assert_eq!(ok(db, &["setting", "get", "app_name"]), "Example Status\n");
        assert!(ok(db, &["setting", "list"]).contains("Example Status"));
        let err = fails(db, &["setting", "set", "major_outage_rate", "500"], 65);
        assert!(err.contains("major_outage_rate"), "{err}");
    }

    fn metric_points_are_recorded(db: &TestDb) {
        ok(db, &["metric", "add", "Latency", "--suffix", "ms", "--calc", "average"]);
        let point = json(db, &["metric", "point", "latency", "12.5", "--at", "2026-01-01 10:00"]);
        assert_eq!(point["value"], 12.5);
        assert_eq!(json(db, &["metric", "show", "Latency"])["calc_type"], 1);
        ok(db, &["metric", "remove", "Latency"]);
        assert_eq!(json(db, &["metric", "list"]), serde_json::json!([]));
    }

    fn subscribers_are_added_and_removed_by_address(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["subscriber", "add", "ops@example.com", "--verified", "--component", "api"]);
        let list = json(db, &["subscriber", "list"]);
        assert_eq!((list[0]["email"].as_str(), list[0]["global"].as_bool()), (Some("ops@example.com"), Some(false)));
        ok(db, &["subscriber", "remove", "ops@example.com"]);
        assert_eq!(json(db, &["subscriber", "list"]), serde_json::json!([]));
    }

    fn migrate_reports_nothing_to_do_on_a_current_schema(db: &TestDb) {
        ok(db, &["migrate"]);
        assert_eq!(json(db, &["migrate"])["applied"], 0);
    }
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = cachet("sqlite://unused.db").args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        assert!(stdout(&out).contains("maintenance"), "{shell} completion lacks subcommands");
    }
}

#[test]
fn the_man_page_is_roff() {
    let out = cachet("sqlite://unused.db").arg("man").output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).starts_with(".ie") || stdout(&out).contains(".TH cachet"), "{}", stdout(&out));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = cachet("sqlite://unused.db").arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("Exit codes:") && help.contains("66  not found"), "{help}");
}

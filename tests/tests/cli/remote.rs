//! Remote mode: the same commands through a running server's API v1.

use std::path::Path;
use std::process::Command;

use crate::remote_tests;
use crate::server::Server;
use crate::util::{cachet_bin, stderr, stdout};

/// Runs `cachet ARGS` against the server, asserting success; returns stdout.
fn ok(server: &Server, args: &[&str]) -> String {
    let out = server.cachet().args(args).output().expect("run cachet");
    assert!(out.status.success(), "cachet {args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// Runs `cachet ARGS --json` against the server and parses stdout.
fn json(server: &Server, args: &[&str]) -> serde_json::Value {
    let out = ok(server, &[args, &["--json"]].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: no JSON ({e}): {out}"))
}

/// Exit code and stderr of `cachet ARGS` against the server.
fn fails(server: &Server, args: &[&str]) -> (Option<i32>, String) {
    let out = server.cachet().args(args).output().expect("run cachet");
    (out.status.code(), stderr(&out))
}

remote_tests! {
    fn components_are_added_changed_and_listed_through_the_api(server: &Server) {
        ok(server, &["component", "add", "API"]);
        ok(server, &["component", "set-status", "api", "major-outage"]);
        let list = json(server, &["component", "list"]);
        assert_eq!((list[0]["name"].as_str(), list[0]["status"].as_i64()), (Some("API"), Some(4)));
        assert!(ok(server, &["component", "list"]).contains("Major Outage"));
    }

    fn an_incident_sets_and_resolving_restores_component_statuses(server: &Server) {
        ok(server, &["component", "add", "API"]);
        ok(server, &["incident", "open", "Errors", "--component", "api=partial-outage", "-m", "Looking"]);
        assert_eq!(json(server, &["component", "show", "api"])["status"], 3);
        assert_eq!(server.cachet().args(["status", "-q"]).output().unwrap().status.code(), Some(1));
        ok(server, &["incident", "update", "1", "--status", "identified", "-m", "Found"]);
        ok(server, &["incident", "resolve", "1"]);
        assert_eq!(json(server, &["component", "show", "api"])["status"], 1);
        assert_eq!(server.cachet().args(["status", "-q"]).output().unwrap().status.code(), Some(0));
    }

    fn the_deploy_script_runs_in_remote_mode(server: &Server) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/deploy.sh");
        let bin_dir = cachet_bin().parent().unwrap().to_path_buf();
        let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
        let out = Command::new("sh")
            .arg(script)
            .env("PATH", path)
            .env("CACHET_SERVER", &server.url)
            .env("CACHET_TOKEN", &server.token)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }

    fn maintenance_windows_cover_the_named_components(server: &Server) {
        ok(server, &["component", "add", "API"]);
        ok(server, &["maintenance", "schedule", "Upgrade", "--component", "api"]);
        let table = ok(server, &["maintenance", "list"]);
        assert!(table.lines().nth(1).is_some_and(|row| row.trim_end().ends_with(" 1")), "{table}");
        ok(server, &["maintenance", "start", "1"]);
        assert_eq!(server.cachet().args(["status", "-q"]).output().unwrap().status.code(), Some(3));
    }

    fn an_unknown_component_is_named_by_the_remote_client_too(server: &Server) {
        let (code, err) = fails(server, &["component", "set-status", "api", "1"]);
        assert_eq!((code, err.as_str()), (Some(66), "cachet: unknown component \"api\"\n"));
    }

    fn a_token_rejected_by_the_server_exits_77(server: &Server) {
        let (code, err) = fails(server, &["--token", "not-a-token", "component", "add", "API"]);
        assert_eq!(code, Some(77));
        assert_eq!(err, "cachet: token rejected by the server (unknown or revoked)\n");
    }

    fn a_write_without_a_token_asks_for_one(server: &Server) {
        let out = server.cachet().env_remove("CACHET_TOKEN").args(["component", "add", "API"]).output().unwrap();
        assert_eq!(out.status.code(), Some(77));
        assert!(stderr(&out).contains("--token"), "{}", stderr(&out));
    }

    fn metrics_groups_and_subscribers_work_remotely(server: &Server) {
        ok(server, &["group", "add", "Backend", "--visible"]);
        ok(server, &["component", "add", "API", "--group", "Backend"]);
        assert_eq!(json(server, &["component", "show", "API"])["group_id"], 1);
        ok(server, &["metric", "add", "Latency", "--suffix", "ms"]);
        assert_eq!(json(server, &["metric", "point", "Latency", "12"])["value"], 12.0);
        ok(server, &["subscriber", "add", "ops@example.com", "--verified"]);
        ok(server, &["subscriber", "remove", "ops@example.com"]);
        assert_eq!(json(server, &["subscriber", "list"]), serde_json::json!([]));
    }
}

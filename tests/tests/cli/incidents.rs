//! Incidents, maintenance and the status exit codes through the command line.

use crate::cli_tests;
use crate::util::{json, ok, status_code};

cli_tests! {
    fn status_exit_codes_follow_the_banner(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["component", "add", "Web"]);
        assert_eq!(status_code(db), 0);
        ok(db, &["component", "set-status", "web", "partial-outage"]);
        assert_eq!(status_code(db), 1);
        ok(db, &["component", "set-status", "api", "4"]);
        ok(db, &["component", "set-status", "web", "4"]);
        assert_eq!(status_code(db), 2);
    }

    fn status_prints_the_banner_and_json(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        assert_eq!(ok(db, &["status"]).trim(), "System operational");
        let status = json(db, &["status"]);
        assert_eq!((status["status"].as_str(), status["exit_code"].as_i64()), (Some("success"), Some(0)));
    }

    fn opening_an_incident_sets_its_components_and_resolving_restores_them(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["component", "add", "Web"]);
        let opened = json(db, &["incident", "open", "Errors", "--component", "api=major-outage", "--component", "web=2", "-m", "Looking"]);
        let id = opened["id"].as_i64().unwrap().to_string();
        assert_eq!(json(db, &["component", "show", "api"])["status"], 4);
        assert_eq!(json(db, &["component", "show", "web"])["status"], 2);
        json(db, &["incident", "update", &id, "--status", "identified", "-m", "Found it"]);
        let resolved = json(db, &["incident", "resolve", &id, "-m", "Fixed"]);
        assert_eq!((resolved["status"].as_i64(), resolved["is_resolved"].as_bool()), (Some(4), Some(true)));
        assert_eq!(resolved["updates"].as_array().unwrap().len(), 2);
        assert_eq!(json(db, &["component", "show", "api"])["status"], 1);
        assert_eq!(status_code(db), 0);
    }

    fn incident_show_lists_updates(db: &TestDb) {
        ok(db, &["incident", "open", "Slow", "--status", "watching", "-m", "Watching it"]);
        ok(db, &["incident", "update", "1", "--status", "fixed", "-m", "All good"]);
        let shown = ok(db, &["incident", "show", "1"]);
        assert!(shown.contains("All good") && shown.contains("Fixed"), "{shown}");
        assert_eq!(json(db, &["incident", "list"]).as_array().unwrap().len(), 1);
        ok(db, &["incident", "remove", "1"]);
        assert_eq!(json(db, &["incident", "list"]), serde_json::json!([]));
    }

    fn an_active_maintenance_window_gives_exit_code_3(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        let id = ok(db, &["maintenance", "schedule", "Deploy", "--start", "2036-01-01 10:00", "--component", "api", "-q"]);
        let id = id.trim();
        assert_eq!(status_code(db), 0, "an upcoming window does not count");
        ok(db, &["maintenance", "start", id]);
        assert_eq!(status_code(db), 3);
        ok(db, &["maintenance", "complete", id]);
        assert_eq!(status_code(db), 0);
        let shown = json(db, &["maintenance", "show", id]);
        assert_eq!(shown["status"], 2);
    }

    fn incident_open_with_quiet_prints_only_the_id(db: &TestDb) {
        assert_eq!(ok(db, &["incident", "open", "Errors", "--quiet"]), "1\n");
    }

    fn a_major_outage_wins_over_maintenance(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["maintenance", "schedule", "Work", "--component", "api"]);
        ok(db, &["maintenance", "start", "1"]);
        ok(db, &["component", "set-status", "api", "major-outage"]);
        assert_eq!(status_code(db), 2);
    }
}

//! Components and groups through the command line.

use crate::cli_tests;
use crate::util::{json, ok};

cli_tests! {
    fn an_added_component_appears_in_the_table(db: &TestDb) {
        ok(db, &["component", "add", "API", "--status", "operational"]);
        let table = ok(db, &["component", "list"]);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("ID  NAME  STATUS"), "{table}");
        assert!(lines[1].contains("API") && lines[1].contains("Operational"), "{table}");
    }

    fn list_json_is_an_array_of_components(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["component", "add", "Web", "--status", "2"]);
        let list = json(db, &["component", "list"]);
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["API", "Web"]);
        assert_eq!(list[1]["status"], 2);
    }

    fn set_status_takes_a_name_and_a_status_name(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["component", "set-status", "api", "major-outage"]);
        assert_eq!(json(db, &["component", "show", "API"])["status"], 4);
        ok(db, &["component", "set-status", "1", "performance_issues"]);
        assert_eq!(json(db, &["component", "show", "1"])["status"], 2);
    }

    fn update_moves_a_component_into_a_group_and_out(db: &TestDb) {
        ok(db, &["group", "add", "Backend", "--visible"]);
        ok(db, &["component", "add", "API"]);
        ok(db, &["component", "update", "API", "--group", "backend", "--description", "Public API"]);
        let shown = json(db, &["component", "show", "API"]);
        assert_eq!((shown["group_id"].as_i64(), shown["description"].as_str()), (Some(1), Some("Public API")));
        ok(db, &["component", "update", "API", "--no-group"]);
        assert!(json(db, &["component", "show", "API"])["group_id"].is_null());
    }

    fn removed_components_are_gone(db: &TestDb) {
        ok(db, &["component", "add", "API"]);
        ok(db, &["component", "remove", "API"]);
        assert_eq!(json(db, &["component", "list"]), serde_json::json!([]));
    }

    fn groups_are_added_updated_listed_and_removed(db: &TestDb) {
        ok(db, &["group", "add", "Backend", "--collapsed", "unless-issues"]);
        ok(db, &["group", "update", "Backend", "--name", "Core", "--visible", "true"]);
        let shown = json(db, &["group", "show", "Core"]);
        assert_eq!((shown["collapsed"].as_i64(), shown["visible"].as_bool()), (Some(2), Some(true)));
        assert!(ok(db, &["group", "list"]).contains("Collapsed unless there are issues"));
        ok(db, &["group", "remove", "1"]);
        assert_eq!(json(db, &["group", "list"]), serde_json::json!([]));
    }

    fn quiet_prints_nothing_on_success(db: &TestDb) {
        assert_eq!(ok(db, &["--quiet", "component", "add", "API"]), "");
        assert_eq!(ok(db, &["component", "list", "-q"]), "");
    }
}

//! `cachet seed`, `cachet export` and `cachet import` across backends.

use cachet_core::Backend;

use crate::util::{TestDb, ok};

/// Fills a database through the command line (timestamps with microseconds) and with seed data.
fn fill(db: &TestDb) {
    ok(db, &["group", "add", "Backend", "--visible"]);
    ok(db, &["component", "add", "API", "--group", "Backend", "--tag", "core"]);
    ok(db, &["incident", "open", "Errors", "--component", "api=4", "-m", "Looking"]);
    ok(db, &["incident", "resolve", "1"]);
    ok(db, &["metric", "add", "Latency", "--suffix", "ms"]);
    ok(db, &["metric", "point", "Latency", "12.25"]);
    ok(db, &["subscriber", "add", "ops@example.com", "--verified"]);
    ok(db, &["setting", "set", "app_name", "Example"]);
    ok(db, &["token", "create", "ci"]);
    ok(
        db,
        &["seed", "--components", "5", "--groups", "2", "--incidents", "200", "--days", "20", "--metric-points", "50"],
    );
}

#[test]
fn export_import_round_trip_sqlite_postgres_mariadb_gives_identical_output() {
    let sqlite = TestDb::new(Backend::Sqlite).unwrap();
    fill(&sqlite);
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    ok(&sqlite, &["export", &path("sqlite.json")]);
    let mut previous = path("sqlite.json");
    for backend in [Backend::Postgres, Backend::Mysql] {
        let Some(db) = TestDb::new(backend) else { continue };
        ok(&db, &["import", &previous]);
        let next = path(&format!("{}.json", backend.name()));
        ok(&db, &["export", &next]);
        let (a, b) = (std::fs::read_to_string(&previous).unwrap(), std::fs::read_to_string(&next).unwrap());
        assert!(a == b, "export after importing into {} differs", backend.name());
        previous = next;
    }
}

#[test]
fn export_to_stdout_is_the_same_document_as_to_a_file() {
    let db = TestDb::new(Backend::Sqlite).unwrap();
    ok(&db, &["component", "add", "API"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.json");
    ok(&db, &["export", file.to_str().unwrap()]);
    assert_eq!(ok(&db, &["export"]), std::fs::read_to_string(file).unwrap());
}

#[test]
fn seed_with_the_same_seed_exports_the_same_data() {
    let args =
        ["seed", "--components", "4", "--incidents", "100", "--days", "10", "--metric-points", "10", "--seed", "9"];
    let (a, b) = (TestDb::new(Backend::Sqlite).unwrap(), TestDb::new(Backend::Sqlite).unwrap());
    ok(&a, &args);
    ok(&b, &args);
    assert!(ok(&a, &["export"]) == ok(&b, &["export"]), "two seeds with --seed 9 differ");
}

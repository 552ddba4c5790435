//! Runs the `embedded` example as a user would and checks what it prints.

use std::process::Command;

#[test]
fn the_embedded_example_prints_the_banner_and_effective_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("run.db").display());
    let output = Command::new(env!("CARGO_BIN_EXE_embedded")).env("CACHET_DATABASE_URL", &url).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("[info] Some systems are experiencing issues"), "{stdout}");
    assert!(stdout.contains("Platform (Partial Outage)"), "{stdout}");
    assert!(stdout.contains("  API: Partial Outage\n"), "{stdout}");
    assert!(stdout.contains("  Website: Operational\n"), "{stdout}");
    assert!(dir.path().join("run.db").exists(), "CACHET_DATABASE_URL is used");
}

#[test]
fn the_embedded_example_runs_without_configuration() {
    let output = Command::new(env!("CARGO_BIN_EXE_embedded")).env_remove("CACHET_DATABASE_URL").output().unwrap();
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("example.db"));
}

#[test]
fn a_bad_database_url_is_reported_without_a_panic() {
    let output = Command::new(env!("CARGO_BIN_EXE_embedded")).env("CACHET_DATABASE_URL", "redis://x").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: invalid database URL"), "{stderr}");
}

//! The deploy scenario as a shell script (`deploy.sh`), run with the real binary on PATH.

use std::path::Path;
use std::process::Command;

use crate::cli_tests;
use crate::util::cachet_bin;

/// Runs `deploy.sh` against `url`; panics with its output when it fails.
fn run_script(url: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/deploy.sh");
    let bin_dir = cachet_bin().parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh")
        .arg(script)
        .env("PATH", path)
        .env("CACHET_DATABASE_URL", url)
        .env_remove("CACHET_SERVER")
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    assert!(
        out.status.success(),
        "deploy.sh failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

cli_tests! {
    fn the_deploy_script_sees_the_expected_status_at_each_step(db: &TestDb) {
        run_script(&db.url);
    }
}

//! Helpers of the CLI tests: the `cachet` binary, a fresh database per test, assertions.

use std::path::PathBuf;
use std::process::Output;
use std::sync::OnceLock;

pub use cachet_core::testing::TestDb;

/// The path of the `cachet` binary, built once per test run (this crate cannot depend on a
/// binary-only crate, so the harness asks cargo to build it).
pub fn cachet_bin() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let release = !cfg!(debug_assertions);
        let mut build = std::process::Command::new(cargo);
        build.current_dir(&root).args(["build", "--quiet", "-p", "cachet-cli", "--bin", "cachet"]);
        if release {
            build.arg("--release");
        }
        let status = build.status().expect("run cargo build");
        assert!(status.success(), "cargo build -p cachet-cli failed");
        let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
        target.join(if release { "release" } else { "debug" }).join("cachet")
    })
}

/// A `cachet` command with a clean environment: no colour, no server, the given database.
pub fn cachet(database_url: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(cachet_bin());
    cmd.env_remove("CACHET_SERVER")
        .env_remove("CACHET_TOKEN")
        .env("NO_COLOR", "1")
        .env("CACHET_DATABASE_URL", database_url);
    cmd
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `cachet ARGS --json` and parses stdout, asserting success.
pub fn json(db: &TestDb, args: &[&str]) -> serde_json::Value {
    let out = cachet(&db.url).args(args).arg("--json").output().expect("run cachet");
    assert!(out.status.success(), "cachet {args:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("cachet {args:?} printed no JSON ({e}): {}", stdout(&out)))
}

/// Runs `cachet ARGS`, asserting success; returns stdout.
pub fn ok(db: &TestDb, args: &[&str]) -> String {
    let out = cachet(&db.url).args(args).output().expect("run cachet");
    assert!(out.status.success(), "cachet {args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// Runs `cachet ARGS` expecting exit `code`; returns stderr.
#[track_caller]
pub fn fails(db: &TestDb, args: &[&str], code: i32) -> String {
    let out = cachet(&db.url).args(args).output().expect("run cachet");
    assert_eq!(out.status.code(), Some(code), "cachet {args:?}: {}{}", stdout(&out), stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line on stderr, got {err:?}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    err
}

/// The exit code of `cachet status`.
pub fn status_code(db: &TestDb) -> i32 {
    cachet(&db.url).args(["status", "--quiet"]).output().expect("run cachet").status.code().unwrap_or(-1)
}

/// Defines each test once and runs it on every configured backend with a fresh database.
#[macro_export]
macro_rules! cli_tests {
    ($(fn $name:ident($db:ident : &TestDb) $body:block)*) => {
        $(fn $name($db: &$crate::util::TestDb) $body)*
        $crate::cli_tests!(@backend sqlite, Sqlite, $($name)*);
        $crate::cli_tests!(@backend postgres, Postgres, $($name)*);
        $crate::cli_tests!(@backend mysql, Mysql, $($name)*);
    };
    (@backend $module:ident, $backend:ident, $($name:ident)*) => {
        mod $module {
            $(
                #[test]
                fn $name() {
                    if let Some(db) = $crate::util::TestDb::new(cachet_core::Backend::$backend) {
                        super::$name(&db);
                    }
                }
            )*
        }
    };
}

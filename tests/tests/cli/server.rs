//! A `cachet serve` process for the remote-mode tests: a fresh database, a free port, a token.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::{TestDb, cachet, cachet_bin};

/// A running server on its own database; killed when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// A valid API token.
    pub token: String,
    child: Child,
    _db: TestDb,
}

impl Server {
    /// Starts `cachet serve` on a fresh database of `backend`, or `None` when it is not configured.
    pub fn start(backend: cachet_core::Backend) -> Option<Server> {
        let db = TestDb::new(backend)?;
        let out = cachet(&db.url).args(["token", "create", "tests"]).output().expect("run cachet");
        assert!(out.status.success(), "token create: {}", String::from_utf8_lossy(&out.stderr));
        let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let mut child = Command::new(cachet_bin())
            .args(["serve", "--bind", "127.0.0.1:0", "--log-format", "json", "--log-level", "info"])
            .env("CACHET_DATABASE_URL", &db.url)
            .env_remove("CACHET_SERVER")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start cachet serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = mpsc::channel();
        // Keeps reading the log so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("\"addr\":\"").nth(1) {
                    let _ = tx.send(rest.split('"').next().unwrap_or_default().to_string());
                }
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("cachet serve did not report its address within a minute");
            }
        };
        Some(Server { url: format!("http://{addr}"), token, child, _db: db })
    }

    /// A `cachet` command in remote mode against this server.
    pub fn cachet(&self) -> assert_cmd::Command {
        let mut cmd = cachet("sqlite:///nonexistent/never-used.db");
        cmd.env("CACHET_SERVER", &self.url).env("CACHET_TOKEN", &self.token);
        cmd
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Defines each remote test once and runs it against a server on every configured backend.
#[macro_export]
macro_rules! remote_tests {
    ($(fn $name:ident($server:ident : &Server) $body:block)*) => {
        $(fn $name($server: &$crate::server::Server) $body)*
        $crate::remote_tests!(@backend sqlite, Sqlite, $($name)*);
        $crate::remote_tests!(@backend postgres, Postgres, $($name)*);
        $crate::remote_tests!(@backend mysql, Mysql, $($name)*);
    };
    (@backend $module:ident, $backend:ident, $($name:ident)*) => {
        mod $module {
            $(
                #[test]
                fn $name() {
                    if let Some(server) = $crate::server::Server::start(cachet_core::Backend::$backend) {
                        super::$name(&server);
                    }
                }
            )*
        }
    };
}

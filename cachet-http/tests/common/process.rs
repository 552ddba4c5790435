//! The real `cachet-server` binary as a child process: started on a free port with extra flags,
//! its log drained (and kept, so a test can read it), stopped with a signal or SIGKILL.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// A `cachet-server` child process.
pub struct ServerProcess {
    pub child: Child,
    /// `http://addr`.
    pub url: String,
    /// The address it listens on.
    pub addr: std::net::SocketAddr,
    /// The first-token secret, when this start created one.
    pub token: Option<String>,
    /// Every log line so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts the binary on `database_url` on a free port and waits for its "listening" line.
    pub fn spawn(database_url: &str) -> ServerProcess {
        ServerProcess::spawn_with(database_url, &[])
    }

    /// [`ServerProcess::spawn`] with extra flags.
    pub fn spawn_with(database_url: &str, flags: &[&str]) -> ServerProcess {
        ServerProcess::try_spawn(database_url, flags)
            .unwrap_or_else(|log| panic!("cachet-server did not start:\n{log}"))
    }

    /// Starts the binary; `Err(log)` when it exits or never reports listening.
    pub fn try_spawn(database_url: &str, flags: &[&str]) -> Result<ServerProcess, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cachet-server"))
            .args(["--database-url", database_url, "--bind", "127.0.0.1:0"])
            .args(flags)
            .env("CACHET_LOG", "info")
            .env("CACHET_LOG_FORMAT", "text")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cachet-server starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = mpsc::channel::<String>();
        let log = Arc::new(Mutex::new(Vec::new()));
        // Keep draining the log so the server never blocks on a full pipe.
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                kept.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut token = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = rx.recv_timeout(left) else {
                let _ = child.kill();
                let _ = child.wait();
                return Err(log.lock().unwrap().join("\n"));
            };
            if let Some(secret) = field(&line, "token=") {
                token = Some(secret);
            }
            if line.contains("cachet-server listening") {
                let addr: std::net::SocketAddr =
                    field(&line, "addr=").expect("addr in the listening line").parse().expect("an address");
                return Ok(ServerProcess { child, url: format!("http://{addr}"), addr, token, log });
            }
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Open file descriptors of the process (Linux).
    pub fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid())).map(Iterator::count).unwrap_or(0)
    }

    /// Log lines at ERROR level so far.
    pub fn error_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().iter().filter(|l| l.contains("ERROR")).cloned().collect()
    }

    /// Sends SIGTERM and waits up to `within` for the exit; `None` if it is still running.
    pub fn terminate(&mut self, within: Duration) -> Option<(ExitStatus, Duration)> {
        let started = Instant::now();
        let sent = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().expect("kill runs");
        assert!(sent.success(), "SIGTERM sent");
        while started.elapsed() < within {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some((status, started.elapsed()));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// SIGKILL, then reap.
    pub fn kill_9(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value after `key` in a log line, up to the next space.
pub fn field(line: &str, key: &str) -> Option<String> {
    let start = line.find(key)? + key.len();
    Some(line[start..].split_whitespace().next()?.to_string())
}

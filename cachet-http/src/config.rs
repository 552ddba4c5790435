//! Server settings: command-line flags with environment fallbacks.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

/// Flags of `cachet-server` (and of `cachet serve`, which reuses them).
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Database URL: sqlite://FILE (or a plain file path), postgres://, mysql:// or mariadb://.
    #[arg(long, env = "CACHET_DATABASE_URL", default_value = "sqlite://cachet.db")]
    pub database_url: String,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "CACHET_BIND", default_value = "127.0.0.1:8000")]
    pub bind: SocketAddr,
    /// The page's public URL, used in permalinks and pagination links (default: from the Host header).
    #[arg(long, env = "CACHET_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Most database connections in the pool (also bounds concurrent database work).
    #[arg(long, env = "CACHET_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,
    /// Seconds to wait for a database connection before answering 503.
    #[arg(long, env = "CACHET_POOL_TIMEOUT", default_value_t = 5)]
    pub pool_timeout: u64,
    /// Largest request body accepted, in bytes (larger ones get 413).
    #[arg(long, env = "CACHET_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: u64,
    /// Log filter, e.g. `info` or `cachet_http=debug,warn`.
    #[arg(long, env = "CACHET_LOG", default_value = "info")]
    pub log_level: String,
    /// Log format.
    #[arg(long, env = "CACHET_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// How often, in milliseconds, to check the database's change counter for writes made by other
    /// server processes (caches are dropped when it moves).
    #[arg(long, env = "CACHET_REVISION_POLL_MS", default_value_t = 500)]
    pub revision_poll_ms: u64,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

impl ServeArgs {
    /// Defaults for a server on `database_url`, listening on a free local port (for tests and
    /// embedding).
    pub fn for_database(database_url: &str) -> Self {
        ServeArgs {
            database_url: database_url.to_string(),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: None,
            pool_size: 8,
            pool_timeout: 5,
            body_limit: 1024 * 1024,
            log_level: "warn".into(),
            log_format: LogFormat::Text,
            revision_poll_ms: 500,
        }
    }

    /// The revision poll interval.
    pub fn revision_poll(&self) -> Duration {
        Duration::from_millis(self.revision_poll_ms.max(50))
    }
}

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
    /// Seconds a client has to send a request's headers; a connection waiting for its next
    /// request is closed after this long too.
    #[arg(long, env = "CACHET_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,
    /// Seconds a connection may make no progress while a body is read or an answer written.
    #[arg(long, env = "CACHET_IDLE_TIMEOUT", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,
    /// Most open connections (default: three quarters of the open-file limit, which the server
    /// raises to its hard limit at start). At the cap, the oldest connection that has not sent a
    /// request yet is closed to let a new one in.
    #[arg(long, env = "CACHET_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// Most open connections from one client address (an IPv6 /64 counts as one; trusted
    /// proxies are exempt); 0 for no limit.
    #[arg(long, env = "CACHET_MAX_CONNECTIONS_PER_IP", default_value_t = 256)]
    pub max_connections_per_ip: usize,
    /// Seconds SIGTERM waits for in-flight requests before the process exits anyway.
    #[arg(long, env = "CACHET_SHUTDOWN_TIMEOUT", default_value_t = 10)]
    pub shutdown_timeout: u64,
    /// Proxies whose `X-Forwarded-For`, `X-Forwarded-Proto`, `X-Forwarded-Host` and `Forwarded`
    /// headers are believed: comma-separated addresses or CIDR ranges.
    #[arg(long, env = "CACHET_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Failed token checks allowed per client address and minute before 429.
    #[arg(long, env = "CACHET_RATE_LIMIT_AUTH_FAILURES", default_value_t = 10)]
    pub rate_limit_auth_failures: u32,
    /// Writes without a valid token allowed per client address and minute before 429.
    #[arg(long, env = "CACHET_RATE_LIMIT_GUEST_WRITES", default_value_t = 30)]
    pub rate_limit_guest_writes: u32,
    /// Writes allowed per token and second before 429 (monitors and imports stay well below).
    #[arg(long, env = "CACHET_RATE_LIMIT_TOKEN_WRITES", default_value_t = 500)]
    pub rate_limit_token_writes: u32,
    /// Who may show the page in a frame: CSP `frame-ancestors` sources such as
    /// `'self' https://intranet.example.com`; by default no one.
    #[arg(long, env = "CACHET_FRAME_ANCESTORS", default_value = "'none'")]
    pub frame_ancestors: String,
}

/// An address or a CIDR range (`10.0.0.0/8`, `::1`).
fn parse_proxy(value: &str) -> Result<ipnet::IpNet, String> {
    let value = value.trim();
    value
        .parse::<ipnet::IpNet>()
        .or_else(|_| value.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{value:?} is not an IP address or CIDR range"))
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
            header_timeout: 10,
            idle_timeout: 60,
            max_connections: None,
            max_connections_per_ip: 256,
            shutdown_timeout: 10,
            trusted_proxies: Vec::new(),
            rate_limit_auth_failures: 10,
            rate_limit_guest_writes: 30,
            rate_limit_token_writes: 500,
            frame_ancestors: "'none'".into(),
        }
    }

    /// The revision poll interval.
    pub fn revision_poll(&self) -> Duration {
        Duration::from_millis(self.revision_poll_ms.max(50))
    }

    /// Checks what clap cannot: the log filter, the frame ancestors. The error names the
    /// setting, so a bad value stops the start before anything is served.
    pub fn validate(&self) -> anyhow::Result<()> {
        tracing_subscriber::EnvFilter::try_new(&self.log_level)
            .map_err(|e| anyhow::anyhow!("--log-level (CACHET_LOG) {:?}: {e}", self.log_level))?;
        if self.frame_ancestors.trim().is_empty()
            || self.frame_ancestors.chars().any(|c| c.is_control() || matches!(c, ';' | ','))
        {
            anyhow::bail!(
                "--frame-ancestors (CACHET_FRAME_ANCESTORS) {:?}: expected CSP sources separated by spaces",
                self.frame_ancestors
            );
        }
        if let Some(url) = &self.public_url {
            // The core's rule for links, limited to the web: links are built on this URL.
            let ok = cachet_core::text::safe_link(url).is_some_and(|u| u.to_ascii_lowercase().starts_with("http"));
            if !ok {
                anyhow::bail!("--public-url (CACHET_PUBLIC_URL) {url:?}: expected an http:// or https:// URL");
            }
        }
        Ok(())
    }
}

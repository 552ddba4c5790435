//! `cachet serve`: the server of `cachet-server`, with its flags. They are parsed by
//! `cachet_http::ServeArgs` itself, so both commands always take the same flags.

use clap::Parser;

use super::Cli;
use crate::error::{CliError, CliResult, Kind};

/// Everything after `cachet serve`, handed to the server's own parser.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Server flags (see `cachet serve --help`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "FLAGS")]
    pub flags: Vec<String>,
}

/// The server's command line.
#[derive(Debug, Parser)]
#[command(name = "cachet serve", about = "Serve Cachet's API v1 and the status page")]
struct ServeCli {
    #[command(flatten)]
    serve: cachet_http::ServeArgs,
}

/// Runs the server until SIGINT or SIGTERM.
pub fn run(cli: &Cli, args: &Args) -> CliResult<i32> {
    if cli.server.as_deref().is_some_and(|s| !s.is_empty()) {
        return Err(CliError::new(Kind::Config, "`cachet serve` runs a server itself: drop --server"));
    }
    let mut argv = vec!["cachet serve".to_string()];
    // `cachet --database-url X serve` (or CACHET_DATABASE_URL) reaches the server too.
    if !args.flags.iter().any(|f| f == "--database-url" || f.starts_with("--database-url=")) {
        argv.push(format!("--database-url={}", cli.database_url));
    }
    argv.extend(args.flags.iter().cloned());
    let parsed = match ServeCli::try_parse_from(&argv) {
        Ok(parsed) => parsed,
        Err(e) => {
            let code = if e.use_stderr() { Kind::Usage.exit_code() } else { 0 };
            let _ = e.print();
            return Ok(code);
        }
    };
    cachet_http::run_blocking(parsed.serve).map_err(|e| {
        let message = format!("{e:#}");
        let kind = if message.contains("connect") || message.contains("database") {
            Kind::Unavailable
        } else {
            Kind::Internal
        };
        CliError::new(kind, message)
    })?;
    Ok(0)
}

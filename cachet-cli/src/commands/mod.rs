//! The command-line definition (clap derive) and the dispatch to one module per command group.

mod component;
mod docs;
mod group;
mod incident;
mod maintenance;
mod metric;
mod serve;
mod setting;
mod status;
mod subscriber;
mod token;
mod transfer;

use clap::{Parser, Subcommand};

use crate::backend::Backend;
use crate::error::{CliError, CliResult, EXIT_CODES, Kind};
use crate::output::Output;
use crate::remote::Client;

const AFTER_HELP: &str = "\
Modes:
  Embedded (default): works on the database named by --database-url / CACHET_DATABASE_URL
  (sqlite://cachet.db by default; postgres://, mysql:// and mariadb:// URLs work too).
  Remote: with --server / CACHET_SERVER (and --token / CACHET_TOKEN for writes), works through a
  running cachet-server's API v1. token, setting, seed, export, import and migrate are
  embedded-only.

Examples:
  cachet component add API --status operational
  cachet component set-status api major-outage
  cachet incident open \"API down\" --component api=major-outage --message \"Investigating\"
  cachet --server https://status.example.com --token $TOKEN status
";

/// Top-level options and the command.
#[derive(Debug, Parser)]
#[command(name = "cachet", version, about = "Run a Cachet status page from a terminal or a shell script")]
#[command(after_help = format!("{AFTER_HELP}\n{EXIT_CODES}"))]
pub struct Cli {
    /// Database to work on (embedded mode).
    #[arg(
        long,
        global = true,
        env = "CACHET_DATABASE_URL",
        default_value = "sqlite://cachet.db",
        hide_env_values = true
    )]
    pub database_url: String,
    /// Work through the API v1 of the cachet-server at this URL (remote mode).
    #[arg(long, global = true, env = "CACHET_SERVER", hide_env_values = true)]
    pub server: Option<String>,
    /// API token for remote mode.
    #[arg(long, global = true, env = "CACHET_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Print JSON instead of tables (lists, shows and changes).
    #[arg(long, global = true)]
    pub json: bool,
    /// Print nothing on success; errors still go to stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending database migrations (embedded only).
    Migrate,
    /// Run the status page and API server (the same server and flags as `cachet-server`).
    #[command(disable_help_flag = true)]
    Serve(serve::Args),
    /// Show the overall status; the exit code tells it (0 operational, 1 issues, 2 major outage, 3 maintenance).
    Status(status::Args),
    /// Manage API tokens (embedded only).
    #[command(
        subcommand,
        after_help = "Examples:\n  export CACHET_TOKEN=$(cachet token create deploy-bot)\n  cachet token list\n  cachet token revoke deploy-bot"
    )]
    Token(token::Command),
    /// Manage components.
    #[command(
        subcommand,
        after_help = "Examples:\n  cachet component list --json\n  cachet component add API --group Backend\n  cachet component set-status api major-outage\n  cachet component show api"
    )]
    Component(component::Command),
    /// Manage component groups.
    #[command(
        subcommand,
        after_help = "Examples:\n  cachet group add Backend --visible\n  cachet group list\n  cachet group update backend --collapsed unless-issues"
    )]
    Group(group::Command),
    /// Manage incidents.
    #[command(
        subcommand,
        after_help = "Examples:\n  id=$(cachet incident open \"API errors\" --component api=partial-outage -m \"Looking into it\" -q)\n  cachet incident update $id --status identified -m \"Rolling back\"\n  cachet incident resolve $id -m \"Rolled back\"\n  cachet incident list --limit 5"
    )]
    Incident(incident::Command),
    /// Manage scheduled maintenance.
    #[command(
        subcommand,
        after_help = "Examples:\n  id=$(cachet maintenance schedule \"Deploy\" --start \"2026-05-01 22:00\" --end \"2026-05-01 23:00\" --component api -q)\n  cachet maintenance start $id\n  cachet maintenance complete $id"
    )]
    Maintenance(maintenance::Command),
    /// Manage metrics and record their values.
    #[command(
        subcommand,
        after_help = "Examples:\n  cachet metric add \"Response time\" --suffix ms --calc average\n  cachet metric point \"Response time\" 123.4"
    )]
    Metric(metric::Command),
    /// Manage subscribers.
    #[command(
        subcommand,
        after_help = "Examples:\n  cachet subscriber add ops@example.com --verified --component api\n  cachet subscriber remove ops@example.com"
    )]
    Subscriber(subscriber::Command),
    /// Read and change settings (embedded only).
    #[command(
        subcommand,
        after_help = "Examples:\n  cachet setting get app_name\n  cachet setting set app_name \"Example Status\""
    )]
    Setting(setting::Command),
    /// Fill the database with deterministic demo data (embedded only).
    Seed(transfer::SeedArgs),
    /// Write all data as JSON to FILE or stdout (embedded only).
    Export(transfer::ExportArgs),
    /// Load all data from a JSON export into an empty database (embedded only).
    Import(transfer::ImportArgs),
    /// Print a shell completion script.
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Runs the command; returns the exit code.
pub fn run(cli: Cli) -> CliResult<i32> {
    let out = Output::new(cli.json, cli.quiet);
    let backend = || -> CliResult<Backend> {
        match &cli.server {
            Some(url) if !url.is_empty() => Ok(Backend::Remote(Client::new(url, cli.token.clone())?)),
            _ => Backend::embedded(&cli.database_url, true),
        }
    };
    match &cli.command {
        Command::Completions(args) => docs::completions(args),
        Command::Man => docs::man(&out),
        Command::Migrate => {
            if cli.server.as_deref().is_some_and(|s| !s.is_empty()) {
                return Err(CliError::embedded_only("migrate"));
            }
            let b = Backend::embedded(&cli.database_url, false)?;
            let store = b.store("migrate")?;
            let n = store.migrate()?;
            out.done(
                &format!("{n} migration(s) applied to {}", store.redacted_url()),
                Some(&serde_json::json!({ "applied": n })),
            );
            Ok(0)
        }
        Command::Serve(args) => serve::run(&cli, args),
        Command::Status(args) => status::run(&backend()?, &out, args),
        Command::Token(c) => token::run(&backend()?, &out, c),
        Command::Component(c) => component::run(&backend()?, &out, c),
        Command::Group(c) => group::run(&backend()?, &out, c),
        Command::Incident(c) => incident::run(&backend()?, &out, c),
        Command::Maintenance(c) => maintenance::run(&backend()?, &out, c),
        Command::Metric(c) => metric::run(&backend()?, &out, c),
        Command::Subscriber(c) => subscriber::run(&backend()?, &out, c),
        Command::Setting(c) => setting::run(&backend()?, &out, c),
        Command::Seed(args) => transfer::seed(&backend()?, &out, args),
        Command::Export(args) => transfer::export(&backend()?, &out, args),
        Command::Import(args) => transfer::import(&backend()?, &out, args),
    }
}

/// A row id given on the command line.
pub(crate) fn parse_id(what: &str, s: &str) -> CliResult<i64> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| CliError::new(Kind::Invalid, format!("{what} must be a positive integer id, not {s:?}")))
}

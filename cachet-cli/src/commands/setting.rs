//! `cachet setting`: Cachet's settings (embedded only; API v1 has no settings routes).

use clap::Subcommand;
use serde_json::{Value, json};

use crate::backend::Backend;
use crate::error::{CliError, CliResult, Kind};
use crate::output::{self, Column, Output};

/// Setting commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List settings, with defaults for unset known ones.
    List,
    /// Print one setting's value.
    Get {
        /// Setting name, e.g. app_name.
        name: String,
    },
    /// Change a setting (known settings are checked: booleans, numbers, time zones, URLs).
    #[command(
        after_help = "Examples:\n  cachet setting set app_name \"Example Status\"\n  cachet setting set major_outage_rate 25"
    )]
    Set {
        /// Setting name.
        name: String,
        /// New value.
        value: String,
    },
}

/// Runs a setting command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    let store = backend.store("setting")?;
    match command {
        Command::List => {
            let settings = store.settings()?;
            let rows: Vec<Value> = settings.iter().map(|(k, v)| json!({"name": k, "value": v})).collect();
            let columns = [
                Column { header: "name", cell: |v| output::text(v, "name").into() },
                Column { header: "value", cell: |v| output::text(v, "value").into() },
            ];
            out.list(&rows, &columns);
        }
        Command::Get { name } => {
            let settings = store.settings()?;
            let value = settings
                .get(name)
                .ok_or_else(|| CliError::new(Kind::NotFound, format!("unknown setting \"{name}\"")))?;
            if out.json {
                out.done("", Some(&json!({"name": name, "value": value})));
            } else {
                out.raw(value);
            }
        }
        Command::Set { name, value } => {
            let stored = store.set_setting(name, value)?;
            out.done(&format!("{name} = {stored}"), Some(&json!({"name": name, "value": stored})));
        }
    }
    Ok(0)
}

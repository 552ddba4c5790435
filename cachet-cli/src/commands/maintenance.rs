//! `cachet maintenance`: scheduled maintenance windows, for example around a deploy.

use cachet_core::model::NewSchedule;
use clap::Subcommand;

use super::parse_id;
use crate::backend::Backend;
use crate::error::CliResult;
use crate::output::{self, Column, Output};
use crate::parse;

/// Maintenance commands. MAINTENANCE is an id.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List maintenance windows.
    List,
    /// Show one window.
    Show {
        /// Window id.
        maintenance: String,
    },
    /// Plan a window; prints its id with --quiet too, for scripts.
    #[command(after_help = "\
Times are ISO 8601 (2026-05-01T22:00:00Z) or \"YYYY-MM-DD HH:MM\" in UTC.

Example (a deploy job):
  id=$(cachet maintenance schedule \"Deploy v2\" --start \"2026-05-01 22:00\" --end \"2026-05-01 23:00\" --component api --quiet)
  cachet maintenance start $id
  ./deploy.sh
  cachet maintenance complete $id")]
    Schedule {
        /// Title.
        name: String,
        /// Start (defaults to now).
        #[arg(long)]
        start: Option<String>,
        /// Planned end.
        #[arg(long)]
        end: Option<String>,
        /// A covered component, by id or name (repeatable).
        #[arg(long = "component")]
        components: Vec<String>,
        /// Message (Markdown).
        #[arg(long, short, default_value = "")]
        message: String,
        /// Notify subscribers.
        #[arg(long)]
        notify: bool,
    },
    /// Start a window now.
    Start {
        /// Window id.
        maintenance: String,
    },
    /// Complete a window now.
    Complete {
        /// Window id.
        maintenance: String,
    },
    /// Remove a window.
    Remove {
        /// Window id.
        maintenance: String,
    },
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "name", cell: |v| output::text(v, "name").into() },
        Column { header: "status", cell: output::schedule_status },
        Column { header: "start", cell: |v| output::time(v, "scheduled_at").into() },
        Column { header: "end", cell: |v| output::time(v, "completed_at").into() },
        Column {
            header: "components",
            cell: |v| {
                let ids: Vec<String> = v["components"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| match output::int(c, "component_id").or_else(|| output::int(c, "id")) {
                        // The core lists ids; the API lists `{schedule_id, component_id}` rows.
                        Some(id) => id.to_string(),
                        None => c.to_string(),
                    })
                    .collect();
                if ids.is_empty() { "-".to_string() } else { ids.join(", ") }.into()
            },
        },
    ]
}

/// Runs a maintenance command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    match command {
        Command::List => out.list(&backend.schedules()?, &columns()),
        Command::Show { maintenance } => {
            out.item(&backend.schedule(parse_id("maintenance", maintenance)?)?, &columns())
        }
        Command::Schedule { name, start, end, components, message, notify } => {
            let start = match start {
                Some(s) => parse::time("--start", s)?,
                None => chrono::Utc::now(),
            };
            let mut input = NewSchedule::new(name.clone(), start);
            input.completed_at = end.as_deref().map(|e| parse::time("--end", e)).transpose()?;
            input.message = message.clone();
            input.notify = *notify;
            for c in components {
                input.components.push(backend.component_id(c)?);
            }
            let created = backend.create_schedule(input)?;
            let id = output::text(&created, "id");
            if out.quiet && !out.json {
                out.raw(&id);
            } else {
                out.done(&format!("maintenance {id} scheduled: {name}"), Some(&created));
            }
        }
        Command::Start { maintenance } => {
            let id = parse_id("maintenance", maintenance)?;
            let started = backend.start_schedule(id)?;
            out.done(&format!("maintenance {id} started"), Some(&started));
        }
        Command::Complete { maintenance } => {
            let id = parse_id("maintenance", maintenance)?;
            let done = backend.complete_schedule(id)?;
            out.done(&format!("maintenance {id} complete"), Some(&done));
        }
        Command::Remove { maintenance } => {
            let id = parse_id("maintenance", maintenance)?;
            backend.delete_schedule(id)?;
            out.done(&format!("maintenance {id} removed"), None);
        }
    }
    Ok(0)
}

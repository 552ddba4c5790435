//! `cachet incident`: incidents, the components they affect, and their updates.

use cachet_core::model::{AffectedComponent, ComponentStatus, NewIncident, NewIncidentUpdate};
use clap::Subcommand;
use serde_json::Value;

use super::parse_id;
use crate::backend::Backend;
use crate::error::CliResult;
use crate::output::{self, Column, Output};
use crate::parse;

/// Incident commands. INCIDENT is an id.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the newest incidents, newest first.
    List {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show an incident with its updates.
    Show {
        /// Incident id.
        incident: String,
    },
    /// Open an incident; affected components take the given statuses. With --quiet, prints its id.
    #[command(after_help = "\
Examples:
  cachet incident open \"API errors\" --component api=major-outage --message \"We are looking into it\"
  cachet incident open \"Slow pages\" --status identified --component web=2 --component 7=3")]
    Open {
        /// Title.
        name: String,
        /// Message (Markdown); defaults to the title.
        #[arg(long, short)]
        message: Option<String>,
        /// investigating, identified, watching or fixed (1-4).
        #[arg(long, default_value = "investigating")]
        status: String,
        /// An affected component as NAME=STATUS or ID=STATUS (repeatable); a bare NAME takes partial-outage.
        #[arg(long = "component", value_name = "COMPONENT=STATUS")]
        components: Vec<String>,
        /// When it began (ISO 8601 or "YYYY-MM-DD HH:MM" UTC); defaults to now.
        #[arg(long)]
        at: Option<String>,
        /// Hide it from guests.
        #[arg(long)]
        hidden: bool,
        /// Pin it to the top of the page.
        #[arg(long)]
        sticky: bool,
        /// Do not notify subscribers.
        #[arg(long)]
        no_notify: bool,
    },
    /// Add an update (status and message) to an incident.
    #[command(
        after_help = "Example:\n  cachet incident update 12 --status identified --message \"A bad deploy; rolling back\""
    )]
    Update {
        /// Incident id.
        incident: String,
        /// investigating, identified, watching or fixed (1-4).
        #[arg(long)]
        status: String,
        /// What changed.
        #[arg(long, short)]
        message: String,
    },
    /// Resolve an incident: a fixed update, and its components back to operational.
    Resolve {
        /// Incident id.
        incident: String,
        /// The closing message.
        #[arg(long, short, default_value = "Resolved")]
        message: String,
    },
    /// Remove an incident and its updates.
    Remove {
        /// Incident id.
        incident: String,
    },
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "name", cell: |v| output::text(v, "name").into() },
        Column { header: "status", cell: output::incident_status },
        Column {
            header: "resolved",
            cell: |v| if output::flag(v, "is_resolved") { "yes" } else { "no" }.to_string().into(),
        },
        Column { header: "occurred", cell: |v| output::time(v, "occurred_at").into() },
        Column { header: "components", cell: |v| affected(v).into() },
    ]
}

/// `id=status` pairs, from the core's `component_id` or the API's `id`.
fn affected(v: &Value) -> String {
    let pairs: Vec<String> = v["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let id = output::int(a, "component_id").or_else(|| output::int(a, "id")).unwrap_or_default();
            let status = output::int(a, "status")
                .and_then(|n| ComponentStatus::from_value(n).ok())
                .map_or_else(|| "?".to_string(), |s| s.label().to_string());
            format!("{id}: {status}")
        })
        .collect();
    if pairs.is_empty() { "-".to_string() } else { pairs.join(", ") }
}

fn fields() -> Vec<Column> {
    let mut f = columns();
    f.push(Column { header: "message", cell: |v| output::text(v, "message").into() });
    f.push(Column {
        header: "updates",
        cell: |v| {
            let lines: Vec<String> = v["updates"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|u| {
                    format!(
                        "\n  {}  {}  {}",
                        output::time(u, "created_at"),
                        output::incident_status(u).text,
                        output::text(u, "message")
                    )
                })
                .collect();
            if lines.is_empty() { "-".to_string() } else { lines.concat() }.into()
        },
    });
    f
}

/// Runs an incident command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    match command {
        Command::List { limit } => out.list(&backend.incidents(*limit)?, &columns()),
        Command::Show { incident } => out.item(&backend.incident(parse_id("incident", incident)?)?, &fields()),
        Command::Open { name, message, status, components, at, hidden, sticky, no_notify } => {
            let status = parse::incident_status(status)?;
            let mut affected = Vec::new();
            for spec in components {
                let (component, component_status) = parse::component_with_status(spec, ComponentStatus::PartialOutage)?;
                affected.push(AffectedComponent {
                    component_id: backend.component_id(&component)?,
                    status: component_status,
                });
            }
            let mut input = NewIncident::new(name.clone(), status, message.clone().unwrap_or_else(|| name.clone()));
            input.components = affected;
            input.occurred_at = at.as_deref().map(|t| parse::time("--at", t)).transpose()?;
            input.visible = !hidden;
            input.stickied = *sticky;
            input.notify = !no_notify;
            let created = backend.create_incident(input)?;
            let id = output::text(&created, "id");
            if out.quiet && !out.json {
                // The new id is what a script needs for `incident update` and `resolve`.
                out.raw(&id);
            } else {
                out.done(&format!("incident {id} opened: {name}"), Some(&created));
            }
        }
        Command::Update { incident, status, message } => {
            let id = parse_id("incident", incident)?;
            let input =
                NewIncidentUpdate { status: parse::incident_status(status)?, message: message.clone(), user_id: None };
            let label = input.status.label();
            let updated = backend.add_incident_update(id, input)?;
            out.done(&format!("incident {id} updated: {label}"), Some(&updated));
        }
        Command::Resolve { incident, message } => {
            let id = parse_id("incident", incident)?;
            let resolved = backend.resolve_incident(id, message)?;
            out.done(&format!("incident {id} resolved"), Some(&resolved));
        }
        Command::Remove { incident } => {
            let id = parse_id("incident", incident)?;
            backend.delete_incident(id)?;
            out.done(&format!("incident {id} removed"), None);
        }
    }
    Ok(0)
}

//! `cachet component`: the services whose status the page shows.

use cachet_core::model::{ComponentPatch, NewComponent};
use clap::Subcommand;
use serde_json::Value;

use crate::backend::{Backend, id_of};
use crate::error::CliResult;
use crate::output::{self, Column, Output};
use crate::parse;

/// Component commands. COMPONENT is an id or an exact name.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List components.
    List,
    /// Show one component.
    Show {
        /// Id or name.
        component: String,
    },
    /// Add a component.
    #[command(after_help = "Example:\n  cachet component add API --status operational --group Backend --tag core")]
    Add {
        /// Display name.
        name: String,
        /// Status: 0-4 or unknown, operational, performance-issues, partial-outage, major-outage.
        #[arg(long, default_value = "operational")]
        status: String,
        /// Free text shown under the name.
        #[arg(long, default_value = "")]
        description: String,
        /// An http(s) link.
        #[arg(long)]
        link: Option<String>,
        /// Position among its siblings.
        #[arg(long, default_value_t = 0)]
        order: i32,
        /// Group, by id or name.
        #[arg(long)]
        group: Option<String>,
        /// Hide it from guests.
        #[arg(long)]
        disabled: bool,
        /// A tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// Change a component's fields.
    #[command(after_help = "Example:\n  cachet component update api --name \"Public API\" --no-group")]
    Update {
        /// Id or name.
        component: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        /// New status (0-4 or a name).
        #[arg(long)]
        status: Option<String>,
        /// New description.
        #[arg(long)]
        description: Option<String>,
        /// New link ("" removes it).
        #[arg(long)]
        link: Option<String>,
        /// New position.
        #[arg(long)]
        order: Option<i32>,
        /// New group, by id or name.
        #[arg(long, conflicts_with = "no_group")]
        group: Option<String>,
        /// Take it out of its group.
        #[arg(long)]
        no_group: bool,
        /// Enable or disable (true/false).
        #[arg(long)]
        enabled: Option<String>,
        /// Replace the tags (repeatable).
        #[arg(long = "tag")]
        tags: Option<Vec<String>>,
    },
    /// Set a component's status.
    #[command(
        after_help = "Examples:\n  cachet component set-status api major-outage\n  cachet component set-status 3 1"
    )]
    SetStatus {
        /// Id or name.
        component: String,
        /// 0-4 or unknown, operational, performance-issues, partial-outage, major-outage.
        status: String,
        /// Why, for the status history.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Remove a component.
    Remove {
        /// Id or name.
        component: String,
    },
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "name", cell: |v| output::text(v, "name").into() },
        Column { header: "status", cell: output::component_status },
        Column { header: "group", cell: |v| group_cell(v).into() },
        Column { header: "order", cell: |v| output::text(v, "order").into() },
        Column { header: "enabled", cell: |v| output::text(v, "enabled").into() },
    ]
}

fn group_cell(v: &Value) -> String {
    match output::int(v, "group_id") {
        Some(0) | None => "-".to_string(),
        Some(id) => id.to_string(),
    }
}

fn fields() -> Vec<Column> {
    let mut f = columns();
    f.extend([
        Column { header: "description", cell: |v| output::text(v, "description").into() },
        Column { header: "link", cell: |v| output::text(v, "link").into() },
        Column { header: "tags", cell: |v| tags(v).into() },
        Column { header: "updated", cell: |v| output::time(v, "updated_at").into() },
    ]);
    f
}

/// Tags as names, from the core's `[{slug, name}]` or the API's `{slug: name}`.
fn tags(v: &Value) -> String {
    let names: Vec<String> = match &v["tags"] {
        Value::Array(a) => a.iter().map(|t| output::text(t, "name")).collect(),
        Value::Object(o) => o.values().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    if names.is_empty() { "-".to_string() } else { names.join(", ") }
}

fn group_id(backend: &Backend, group: Option<&str>) -> CliResult<Option<i64>> {
    group.map(|g| id_of(&backend.group(g)?)).transpose()
}

/// Runs a component command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    match command {
        Command::List => out.list(&backend.components()?, &columns()),
        Command::Show { component } => out.item(&backend.component(component)?, &fields()),
        Command::Add { name, status, description, link, order, group, disabled, tags } => {
            let mut input = NewComponent::new(name.clone(), parse::component_status(status)?);
            input.description = description.clone();
            input.link = link.clone();
            input.order = *order;
            input.group_id = group_id(backend, group.as_deref())?;
            input.enabled = !disabled;
            input.tags = tags.clone();
            let created = backend.create_component(input)?;
            out.done(&format!("component {} added: {}", output::text(&created, "id"), name), Some(&created));
        }
        Command::Update { component, name, status, description, link, order, group, no_group, enabled, tags } => {
            let id = backend.component_id(component)?;
            let patch = ComponentPatch {
                name: name.clone(),
                status: status.as_deref().map(parse::component_status).transpose()?,
                description: description.clone(),
                link: link.clone(),
                order: *order,
                group_id: if *no_group { Some(None) } else { group_id(backend, group.as_deref())?.map(Some) },
                enabled: enabled.as_deref().map(|e| parse::boolean("enabled", e)).transpose()?,
                tags: tags.clone(),
                ..ComponentPatch::default()
            };
            let updated = backend.update_component(id, patch)?;
            out.done(&format!("component {id} updated"), Some(&updated));
        }
        Command::SetStatus { component, status, reason } => {
            let status = parse::component_status(status)?;
            let id = backend.component_id(component)?;
            let patch = ComponentPatch { status: Some(status), reason: reason.clone(), ..ComponentPatch::default() };
            let updated = backend.update_component(id, patch)?;
            out.done(&format!("component {id} is now {}", status.label()), Some(&updated));
        }
        Command::Remove { component } => {
            let id = backend.component_id(component)?;
            backend.delete_component(id)?;
            out.done(&format!("component {id} removed"), None);
        }
    }
    Ok(0)
}

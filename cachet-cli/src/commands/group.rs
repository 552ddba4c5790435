//! `cachet group`: component groups.

use cachet_core::model::{GroupCollapsed, GroupPatch, NewGroup};
use clap::Subcommand;

use crate::backend::{Backend, id_of};
use crate::error::{CliError, CliResult};
use crate::output::{self, Column, Output};
use crate::parse;

/// Group commands. GROUP is an id or an exact name.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List groups.
    List,
    /// Show one group.
    Show {
        /// Id or name.
        group: String,
    },
    /// Add a group.
    #[command(after_help = "Example:\n  cachet group add Backend --visible --collapsed unless-issues")]
    Add {
        /// Display name.
        name: String,
        /// Position among groups.
        #[arg(long, default_value_t = 0)]
        order: i32,
        /// expanded, collapsed or unless-issues (0, 1, 2).
        #[arg(long, default_value = "expanded")]
        collapsed: String,
        /// Show it to guests (hidden by default, as in Cachet's API).
        #[arg(long)]
        visible: bool,
    },
    /// Change a group.
    Update {
        /// Id or name.
        group: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        /// New position.
        #[arg(long)]
        order: Option<i32>,
        /// expanded, collapsed or unless-issues (0, 1, 2).
        #[arg(long)]
        collapsed: Option<String>,
        /// Visible to guests (true/false).
        #[arg(long)]
        visible: Option<String>,
    },
    /// Remove a group; its components become ungrouped.
    Remove {
        /// Id or name.
        group: String,
    },
}

fn collapsed(s: &str) -> CliResult<GroupCollapsed> {
    match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "0" | "expanded" => Ok(GroupCollapsed::Expanded),
        "1" | "collapsed" => Ok(GroupCollapsed::Collapsed),
        "2" | "unless-issues" | "collapsed-unless-issues" => Ok(GroupCollapsed::CollapsedUnlessIssues),
        _ => Err(CliError::invalid(format!("collapsed must be expanded, collapsed or unless-issues (0-2), not {s:?}"))),
    }
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "name", cell: |v| output::text(v, "name").into() },
        Column { header: "order", cell: |v| output::text(v, "order").into() },
        Column {
            header: "collapsed",
            cell: |v| {
                output::int(v, "collapsed")
                    .and_then(|n| GroupCollapsed::from_value(n).ok())
                    .map_or_else(|| output::text(v, "collapsed"), |c| c.label().to_string())
                    .into()
            },
        },
        Column {
            header: "visible",
            cell: |v| if output::flag(v, "visible") { "yes" } else { "no" }.to_string().into(),
        },
    ]
}

/// Runs a group command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    match command {
        Command::List => out.list(&backend.groups()?, &columns()),
        Command::Show { group } => out.item(&backend.group(group)?, &columns()),
        Command::Add { name, order, collapsed: c, visible } => {
            let input = NewGroup { name: name.clone(), order: *order, collapsed: collapsed(c)?, visible: *visible };
            let created = backend.create_group(input)?;
            out.done(&format!("group {} added: {name}", output::text(&created, "id")), Some(&created));
        }
        Command::Update { group, name, order, collapsed: c, visible } => {
            let id = id_of(&backend.group(group)?)?;
            let patch = GroupPatch {
                name: name.clone(),
                order: *order,
                collapsed: c.as_deref().map(collapsed).transpose()?,
                visible: visible.as_deref().map(|v| parse::boolean("visible", v)).transpose()?,
            };
            let updated = backend.update_group(id, patch)?;
            out.done(&format!("group {id} updated"), Some(&updated));
        }
        Command::Remove { group } => {
            let id = id_of(&backend.group(group)?)?;
            backend.delete_group(id)?;
            out.done(&format!("group {id} removed"), None);
        }
    }
    Ok(0)
}

//! `cachet subscriber`: people told about incidents.

use cachet_core::model::NewSubscriber;
use clap::Subcommand;

use crate::backend::Backend;
use crate::error::CliResult;
use crate::output::{self, Column, Output};

/// Subscriber commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List subscribers.
    List,
    /// Add a subscriber (an existing address is left as it is).
    #[command(after_help = "Example:\n  cachet subscriber add ops@example.com --verified --component api")]
    Add {
        /// E-mail address.
        email: String,
        /// Mark the address as verified (no verification mail).
        #[arg(long)]
        verified: bool,
        /// Follow only this component, by id or name (repeatable); all components when absent.
        #[arg(long = "component")]
        components: Vec<String>,
    },
    /// Remove a subscriber by id or e-mail address.
    Remove {
        /// Id or e-mail address.
        subscriber: String,
    },
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "email", cell: |v| output::text(v, "email").into() },
        Column { header: "verified", cell: |v| output::time(v, "verified_at").into() },
        Column { header: "global", cell: |v| if output::flag(v, "global") { "yes" } else { "no" }.to_string().into() },
    ]
}

/// Runs a subscriber command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    match command {
        Command::List => out.list(&backend.subscribers()?, &columns()),
        Command::Add { email, verified, components } => {
            let ids = if components.is_empty() {
                None
            } else {
                Some(components.iter().map(|c| backend.component_id(c)).collect::<CliResult<Vec<_>>>()?)
            };
            let input = NewSubscriber {
                email: email.clone(),
                verified: *verified,
                components: ids,
                ..NewSubscriber::default()
            };
            let created = backend.create_subscriber(input)?;
            out.done(&format!("subscriber {} added: {email}", output::text(&created, "id")), Some(&created));
        }
        Command::Remove { subscriber } => {
            let id = backend.delete_subscriber(subscriber)?;
            out.done(&format!("subscriber {id} removed"), None);
        }
    }
    Ok(0)
}

//! `cachet token`: API tokens (embedded only: a token is what remote mode needs in the first place).

use clap::Subcommand;
use serde_json::Value;

use crate::backend::{Backend, json};
use crate::error::CliResult;
use crate::output::{self, Column, Output};

/// Token commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a token; prints only the secret on stdout (shown once, stored as a hash).
    #[command(after_help = "Example:\n  export CACHET_TOKEN=$(cachet token create deploy-bot)")]
    Create {
        /// A unique name for the token.
        name: String,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token by name; it authenticates nothing afterwards.
    Revoke {
        /// The token's name.
        name: String,
    },
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "name", cell: |v| output::text(v, "name").into() },
        Column { header: "created", cell: |v| output::time(v, "created_at").into() },
        Column { header: "last used", cell: |v| output::time(v, "last_used_at").into() },
        Column { header: "revoked", cell: |v| output::time(v, "revoked_at").into() },
    ]
}

/// Runs a token command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    let store = backend.store("token")?;
    match command {
        Command::Create { name } => {
            let issued = store.create_token(name)?;
            out.raw(&issued.secret);
        }
        Command::List => {
            let rows: Vec<Value> = store.list_tokens()?.into_iter().map(json).collect::<CliResult<_>>()?;
            out.list(&rows, &columns());
        }
        Command::Revoke { name } => {
            let token = store.revoke_token(name)?;
            out.done(&format!("token {name:?} revoked"), Some(&json(token)?));
        }
    }
    Ok(0)
}

//! The `cachet` command: every Cachet operation from a terminal or a shell script, on a database
//! directly (embedded) or through a running server's API v1 (remote).
//!
//! - [`commands`]: the clap definitions, one module per command group, each with its `run`.
//! - [`backend`]: the embedded and remote ways to reach the data behind one type.
//! - [`output`]: tables, JSON and quiet mode; [`error`]: messages and exit codes.

mod backend;
mod commands;
mod error;
mod output;
mod parse;
mod remote;

use clap::Parser;

use crate::commands::Cli;
use crate::error::Kind;

// The allocator of `cachet-server`, for `cachet serve` (see there).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let code = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Kind::Usage.exit_code(),
                _ => Kind::Usage.exit_code(),
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    match commands::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // One line, whatever the driver put in its message.
            let message = e.message.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("cachet: {message}");
            std::process::exit(e.kind.exit_code());
        }
    }
}

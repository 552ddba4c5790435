//! Shell completions and the man page, generated from the same clap definitions.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use crate::error::{CliError, CliResult, Kind};
use crate::output::Output;

/// Options of `cachet completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  cachet completions bash > /etc/bash_completion.d/cachet")]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

/// Prints the completion script.
pub fn completions(args: &CompletionsArgs) -> CliResult<i32> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "cachet", &mut std::io::stdout());
    Ok(0)
}

/// Prints the man page.
pub fn man(_out: &Output) -> CliResult<i32> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(&mut std::io::stdout()).map_err(|e| CliError::new(Kind::Io, e.to_string()))?;
    Ok(0)
}

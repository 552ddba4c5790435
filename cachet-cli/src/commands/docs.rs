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
    // Generated into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "cachet", &mut script);
    write_stdout(&script)
}

/// Writes `bytes` to stdout; a reader that went away early (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> CliResult<i32> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::new(Kind::Io, e.to_string())),
        _ => Ok(0),
    }
}

/// Prints the man page.
pub fn man(_out: &Output) -> CliResult<i32> {
    let page = clap_mangen::Man::new(Cli::command());
    let mut roff = Vec::new();
    page.render(&mut roff).map_err(|e| CliError::new(Kind::Io, e.to_string()))?;
    write_stdout(&roff)
}

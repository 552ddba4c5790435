//! Errors of the `cachet` command and the exit code of each kind, so scripts can branch on them.
//! The codes follow BSD's sysexits where one fits; 1-3 are left to `cachet status`.

use std::fmt;

/// What went wrong, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad command-line usage (unknown flag, missing argument).
    Usage,
    /// A value is not acceptable (status out of range, unreadable time, invalid field).
    Invalid,
    /// The named component, incident, ... does not exist.
    NotFound,
    /// The write clashes with existing data (duplicate name, non-empty database on import).
    Conflict,
    /// The database or the server cannot be reached.
    Unavailable,
    /// The database or the server failed while answering.
    Internal,
    /// A file could not be read or written.
    Io,
    /// The token is missing, unknown or revoked.
    Unauthorized,
    /// The command cannot run in this mode (embedded-only command against a server, bad database URL).
    Config,
}

impl Kind {
    /// The process exit code for this kind.
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Usage => 64,
            Kind::Invalid => 65,
            Kind::NotFound => 66,
            Kind::Conflict => 67,
            Kind::Unavailable => 69,
            Kind::Internal => 70,
            Kind::Io => 74,
            Kind::Unauthorized => 77,
            Kind::Config => 78,
        }
    }
}

/// The table shown in `cachet --help` and the README.
pub const EXIT_CODES: &str = "\
Exit codes:
  0   success (for `cachet status`: all systems operational)
  1   `cachet status`: some systems have issues or an incident is open
  2   `cachet status`: major outage
  3   `cachet status`: under maintenance (unless there is a major outage)
  64  usage error: unknown command or flag, missing argument
  65  invalid value: status out of range, unreadable time, field rejected
  66  not found: unknown component, group, incident, metric, ...
  67  conflict: duplicate name, import into a database that holds data
  69  unavailable: cannot reach the database or the server
  70  internal: the database or the server failed
  74  file error: cannot read or write a file
  77  unauthorized: token missing, unknown or rejected by the server
  78  not available here: embedded-only command in remote mode, invalid database URL";

/// An error with its kind and a one-line message for stderr.
#[derive(Debug)]
pub struct CliError {
    /// Decides the exit code.
    pub kind: Kind,
    /// Shown after `cachet: `.
    pub message: String,
}

impl CliError {
    /// An error of `kind`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        CliError { kind, message: message.into() }
    }

    /// An invalid value.
    pub fn invalid(message: impl Into<String>) -> Self {
        CliError::new(Kind::Invalid, message)
    }

    /// A command that only runs against a database.
    pub fn embedded_only(command: &str) -> Self {
        CliError::new(
            Kind::Config,
            format!("`cachet {command}` works on a database only: use --database-url instead of --server"),
        )
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

impl From<cachet_core::Error> for CliError {
    fn from(e: cachet_core::Error) -> Self {
        use cachet_core::Error as E;
        let kind = match &e {
            E::NotFound { .. } => Kind::NotFound,
            E::Invalid { .. } => Kind::Invalid,
            E::Conflict(_) => Kind::Conflict,
            E::Unauthorized => Kind::Unauthorized,
            E::InvalidUrl(_) => Kind::Config,
            E::Connect(_) | E::Pool(_) | E::Storage(_) => Kind::Unavailable,
            _ => Kind::Internal,
        };
        let message = match e {
            E::NotFound { resource, id } => format!("unknown {resource} {}", quoted(&id)),
            E::Connect(reason) => format!("cannot reach the database: {reason}"),
            other => other.to_string(),
        };
        CliError { kind, message }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::new(Kind::Io, e.to_string())
    }
}

/// `id` in double quotes unless it already is.
fn quoted(id: &str) -> String {
    if id.starts_with('"') { id.to_string() } else { format!("\"{id}\"") }
}

/// The result of every command.
pub type CliResult<T> = Result<T, CliError>;

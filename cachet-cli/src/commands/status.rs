//! `cachet status`: the banner, with an exit code a script can branch on.

use serde_json::json;

use crate::backend::Backend;
use crate::error::CliResult;
use crate::output::{Output, colors};

/// Options of `cachet status`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit codes: 0 all operational, 1 issues (a component not operational or an open incident),
2 major outage (the banner is red), 3 under maintenance. A major outage wins over maintenance;
maintenance wins over lesser issues, which are expected while work is under way.

Example:
  cachet status --quiet; case $? in 0) echo ok;; 3) echo maintenance;; *) echo trouble;; esac")]
pub struct Args {}

/// The exit code for a banner level and the maintenance flag.
pub fn exit_code(level: &str, under_maintenance: bool) -> i32 {
    match (level, under_maintenance) {
        ("danger", _) => 2,
        (_, true) => 3,
        ("success", false) => 0,
        _ => 1,
    }
}

/// Prints the banner; returns its exit code.
pub fn run(backend: &Backend, out: &Output, _args: &Args) -> CliResult<i32> {
    let o = backend.overall()?;
    let code = exit_code(&o.status, o.under_maintenance);
    if out.json {
        out.done(
            "",
            Some(&json!({
                "status": o.status, "message": o.message, "under_maintenance": o.under_maintenance,
                "maintenance": o.maintenance, "exit_code": code,
            })),
        );
    } else if !out.quiet {
        let color = match code {
            0 => colors::GREEN,
            2 => colors::RED,
            3 => colors::BLUE,
            _ => colors::YELLOW,
        };
        let line = if out.color { format!("\x1b[{color}m{}\x1b[0m", o.message) } else { o.message.clone() };
        out.done(&line, None);
        for name in &o.maintenance {
            out.done(&format!("Under maintenance: {name}"), None);
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::exit_code;

    #[test]
    fn major_outage_wins_over_maintenance_which_wins_over_issues() {
        assert_eq!(exit_code("success", false), 0);
        assert_eq!(exit_code("info", false), 1);
        assert_eq!(exit_code("danger", false), 2);
        assert_eq!(exit_code("danger", true), 2);
        assert_eq!(exit_code("info", true), 3);
        assert_eq!(exit_code("success", true), 3);
    }
}

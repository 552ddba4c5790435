//! `cachet seed`, `cachet export` and `cachet import`: bulk data, done by the core in batches
//! (embedded only: these move whole databases, which API v1 cannot).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

use cachet_core::{DataExport, SeedOptions};

use crate::backend::{Backend, json};
use crate::error::{CliError, CliResult, Kind};
use crate::output::Output;

/// Options of `cachet seed`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The same --seed on the same day gives the same data. Incidents are spread over the last --days
days, each with updates and a status history for its component, so uptime bars show real dips.

Example:
  cachet seed --components 1000 --groups 20 --incidents 1000000 --days 365 --metric-points 10000")]
pub struct SeedArgs {
    /// Components to add.
    #[arg(long, default_value_t = 10)]
    pub components: u32,
    /// Groups to spread them over.
    #[arg(long, default_value_t = 3)]
    pub groups: u32,
    /// Incidents to add.
    #[arg(long, default_value_t = 50)]
    pub incidents: u64,
    /// Days of history.
    #[arg(long, default_value_t = 90)]
    pub days: u32,
    /// Points per metric (three metrics; 0 for none).
    #[arg(long, default_value_t = 1000)]
    pub metric_points: u32,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Options of `cachet export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  cachet export backup.json\n  cachet --database-url postgres://localhost/cachet import backup.json"
)]
pub struct ExportArgs {
    /// Where to write; stdout when absent or `-`.
    pub file: Option<PathBuf>,
}

/// Options of `cachet import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// An export written by `cachet export`; `-` reads stdin.
    pub file: PathBuf,
}

/// Adds demo data.
pub fn seed(backend: &Backend, out: &Output, args: &SeedArgs) -> CliResult<i32> {
    let store = backend.store("seed")?;
    let options = SeedOptions {
        components: args.components,
        groups: args.groups,
        incidents: args.incidents,
        days: args.days,
        metric_points: args.metric_points,
        seed: args.seed,
    };
    let started = Instant::now();
    let report = store.seed(&options)?;
    let seconds = started.elapsed().as_secs_f64();
    let message = format!(
        "seeded {} groups, {} components, {} incidents ({} updates), {} maintenance windows, {} metrics ({} points) in {seconds:.1} s",
        report.groups,
        report.components,
        report.incidents,
        report.incident_updates,
        report.schedules,
        report.metrics,
        report.metric_points
    );
    out.done(&message, Some(&json(&report)?));
    Ok(0)
}

/// Writes all data as JSON.
pub fn export(backend: &Backend, out: &Output, args: &ExportArgs) -> CliResult<i32> {
    let store = backend.store("export")?;
    let data = store.export_data()?;
    let text = serde_json::to_string_pretty(&data).map_err(|e| CliError::new(Kind::Internal, e.to_string()))?;
    match args.file.as_ref().filter(|f| f.as_os_str() != "-") {
        Some(path) => {
            let mut file = std::fs::File::create(path)
                .map_err(|e| CliError::new(Kind::Io, format!("cannot write {}: {e}", path.display())))?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.write_all(b"\n"))
                .map_err(|e| CliError::new(Kind::Io, format!("cannot write {}: {e}", path.display())))?;
            out.done(&format!("exported {} rows to {}", data.row_count(), path.display()), None);
        }
        None => out.raw(&text),
    }
    Ok(0)
}

/// Loads an export into an empty database.
pub fn import(backend: &Backend, out: &Output, args: &ImportArgs) -> CliResult<i32> {
    let store = backend.store("import")?;
    let name = args.file.display().to_string();
    let mut text = String::new();
    if args.file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(&args.file)
            .map_err(|e| CliError::new(Kind::Io, format!("cannot read {name}: {e}")))?;
    }
    let data: DataExport =
        serde_json::from_str(&text).map_err(|e| CliError::invalid(format!("{name} is not a cachet export: {e}")))?;
    let rows = store.import_data(&data)?;
    out.done(
        &format!("imported {rows} rows into {}", store.redacted_url()),
        Some(&serde_json::json!({ "rows": rows })),
    );
    Ok(0)
}

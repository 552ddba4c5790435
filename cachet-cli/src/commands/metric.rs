//! `cachet metric`: metrics and the values recorded for them.

use cachet_core::model::{MetricCalcType, NewMetric};
use clap::Subcommand;

use crate::backend::{Backend, id_of};
use crate::error::{CliError, CliResult};
use crate::output::{self, Column, Output};
use crate::parse;

/// Metric commands. METRIC is an id or an exact name.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List metrics.
    List,
    /// Show one metric.
    Show {
        /// Id or name.
        metric: String,
    },
    /// Add a metric.
    #[command(after_help = "Example:\n  cachet metric add \"Response time\" --suffix ms --calc average")]
    Add {
        /// Display name.
        name: String,
        /// Unit shown after values.
        #[arg(long, default_value = "")]
        suffix: String,
        /// Free text.
        #[arg(long, default_value = "")]
        description: String,
        /// Value of a period without points.
        #[arg(long, default_value_t = 0.0)]
        default_value: f64,
        /// sum or average.
        #[arg(long, default_value = "sum")]
        calc: String,
        /// Decimal places shown (0-4).
        #[arg(long, default_value_t = 2)]
        places: i16,
    },
    /// Record a value.
    #[command(
        after_help = "Examples:\n  cachet metric point \"Response time\" 123.4\n  cachet metric point 1 7 --at \"2026-05-01 22:00\""
    )]
    Point {
        /// Id or name.
        metric: String,
        /// The value.
        #[arg(allow_negative_numbers = true)]
        value: String,
        /// When (ISO 8601 or "YYYY-MM-DD HH:MM" UTC); defaults to now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Remove a metric and its points.
    Remove {
        /// Id or name.
        metric: String,
    },
}

fn columns() -> Vec<Column> {
    vec![
        Column { header: "id", cell: |v| output::text(v, "id").into() },
        Column { header: "name", cell: |v| output::text(v, "name").into() },
        Column { header: "suffix", cell: |v| output::text(v, "suffix").into() },
        Column {
            header: "calc",
            cell: |v| {
                output::int(v, "calc_type")
                    .and_then(|n| MetricCalcType::from_value(n).ok())
                    .map_or_else(|| "-".to_string(), |c| c.label().to_string())
                    .into()
            },
        },
        Column { header: "default", cell: |v| output::text(v, "default_value").into() },
        Column { header: "places", cell: |v| output::text(v, "places").into() },
    ]
}

/// Runs a metric command.
pub fn run(backend: &Backend, out: &Output, command: &Command) -> CliResult<i32> {
    match command {
        Command::List => out.list(&backend.metrics()?, &columns()),
        Command::Show { metric } => out.item(&backend.metric(metric)?, &columns()),
        Command::Add { name, suffix, description, default_value, calc, places } => {
            let mut input = NewMetric::new(name.clone(), suffix.clone());
            input.description = description.clone();
            input.default_value = *default_value;
            input.calc_type = match calc.to_ascii_lowercase().as_str() {
                "0" | "sum" => MetricCalcType::Sum,
                "1" | "average" | "avg" => MetricCalcType::Average,
                _ => return Err(CliError::invalid(format!("calc must be sum or average, not {calc:?}"))),
            };
            input.places = *places;
            let created = backend.create_metric(input)?;
            out.done(&format!("metric {} added: {name}", output::text(&created, "id")), Some(&created));
        }
        Command::Point { metric, value, at } => {
            let number: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| CliError::invalid(format!("value must be a number, not {value:?}")))?;
            let at = at.as_deref().map(|t| parse::time("--at", t)).transpose()?;
            let id = id_of(&backend.metric(metric)?)?;
            let point = backend.add_metric_point(id, number, at)?;
            out.done(&format!("metric {id}: recorded {number}"), Some(&point));
        }
        Command::Remove { metric } => {
            let id = id_of(&backend.metric(metric)?)?;
            backend.delete_metric(id)?;
            out.done(&format!("metric {id} removed"), None);
        }
    }
    Ok(0)
}

//! Metrics, their points, and subscribers on either backend.

use cachet_core::model::{MetricQuery, NewMetric, NewSubscriber, Viewer};
use chrono::{DateTime, Utc};
use serde_json::{Value, json as j};

use super::components::{ignoring_case, remote_find, rename};
use super::{Backend, all_pages, json};
use crate::error::{CliError, CliResult, Kind};

impl Backend {
    /// Every metric.
    pub fn metrics(&self) -> CliResult<Vec<Value>> {
        match self {
            Backend::Embedded(s) => all_pages(|page| {
                s.list_metrics(&MetricQuery { page, viewer: Viewer::Authenticated, ..Default::default() })
            }),
            Backend::Remote(c) => c.get_all("/metrics", ""),
        }
    }

    /// A metric by id or name (ignoring case when no name matches exactly).
    pub fn metric(&self, id_or_name: &str) -> CliResult<Value> {
        match self.metric_exact(id_or_name) {
            Err(e) if e.kind == Kind::NotFound => ignoring_case(self.metrics()?, id_or_name).ok_or(e),
            other => other,
        }
    }

    fn metric_exact(&self, id_or_name: &str) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.find_metric(id_or_name).map_err(|e| rename(e, "metric", id_or_name))?),
            Backend::Remote(c) => remote_find(c, "/metrics", "metric", "name", id_or_name),
        }
    }

    /// Creates a metric.
    pub fn create_metric(&self, m: NewMetric) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.create_metric(m)?),
            Backend::Remote(c) => {
                let body = j!({
                    "name": m.name, "suffix": m.suffix, "description": m.description,
                    "default_value": m.default_value, "calc_type": m.calc_type.value(),
                    "display_chart": m.display_chart, "places": m.places, "default_view": m.default_view.value(),
                    "threshold": m.threshold, "order": m.order, "visible": m.visible.value(),
                });
                c.post("/metrics", &body)
            }
        }
    }

    /// Records a value of a metric.
    pub fn add_metric_point(&self, id: i64, value: f64, at: Option<DateTime<Utc>>) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.add_metric_point(id, value, at)?),
            Backend::Remote(c) => {
                let mut body = j!({"value": value});
                if let Some(at) = at {
                    body["timestamp"] = j!(at.timestamp());
                }
                c.post(&format!("/metrics/{id}/points"), &body)
            }
        }
    }

    /// Deletes a metric with its points.
    pub fn delete_metric(&self, id: i64) -> CliResult<()> {
        match self {
            Backend::Embedded(s) => Ok(s.delete_metric(id)?),
            Backend::Remote(c) => c.delete(&format!("/metrics/{id}")),
        }
    }

    /// Every subscriber.
    pub fn subscribers(&self) -> CliResult<Vec<Value>> {
        match self {
            Backend::Embedded(s) => all_pages(|page| s.list_subscribers(page)),
            Backend::Remote(c) => c.get_all("/subscribers", ""),
        }
    }

    /// Adds a subscriber (an existing address is returned unchanged).
    pub fn create_subscriber(&self, input: NewSubscriber) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.create_subscriber(input)?.0),
            Backend::Remote(c) => {
                let mut body = j!({"email": input.email, "verify": input.verified});
                if let Some(components) = input.components {
                    body["components"] = j!(components);
                }
                c.post("/subscribers", &body)
            }
        }
    }

    /// Removes a subscriber named by id or e-mail address.
    pub fn delete_subscriber(&self, id_or_email: &str) -> CliResult<i64> {
        let not_found = || CliError::new(Kind::NotFound, format!("unknown subscriber \"{id_or_email}\""));
        match self {
            Backend::Embedded(s) => {
                let sub = s.find_subscriber(id_or_email).map_err(|e| rename(e, "subscriber", id_or_email))?;
                s.delete_subscriber(sub.id)?;
                Ok(sub.id)
            }
            Backend::Remote(c) => {
                let wanted = id_or_email.trim().to_lowercase();
                let id = match wanted.parse::<i64>() {
                    Ok(id) => id,
                    Err(_) => {
                        let all = c.get_all("/subscribers", "")?;
                        let found =
                            all.iter().find(|s| s["email"].as_str().map(str::to_lowercase) == Some(wanted.clone()));
                        found.and_then(|s| crate::output::int(s, "id")).ok_or_else(not_found)?
                    }
                };
                c.delete(&format!("/subscribers/{id}"))
                    .map_err(|e| if e.kind == Kind::NotFound { not_found() } else { e })?;
                Ok(id)
            }
        }
    }
}

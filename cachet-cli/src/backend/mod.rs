//! The two ways to reach the data behind one type, so every command is written once:
//! [`Backend::Embedded`] calls cachet-core on a database directly; [`Backend::Remote`] calls a
//! running server's API v1. Both hand back JSON values: the core's types serialised, or the
//! API's objects.

mod components;
mod incidents;
mod metrics;
mod schedules;

use cachet_core::model::{MAX_PER_PAGE, Page, PageRequest, Viewer};
use cachet_core::status::{BannerLevel, schedule_is_active};
use cachet_core::{Store, StoreOptions};
use serde::Serialize;
use serde_json::Value;

use crate::error::{CliError, CliResult, Kind};
use crate::remote::Client;

/// Where the data lives.
pub enum Backend {
    /// A database opened in this process.
    Embedded(Store),
    /// A `cachet-server` reached over HTTP.
    Remote(Client),
}

/// The overall status, as `cachet status` reports it.
#[derive(Debug, Serialize)]
pub struct Overall {
    /// `success`, `info` or `danger`.
    pub status: String,
    /// Cachet's banner message.
    pub message: String,
    /// Whether a maintenance window is active now.
    pub under_maintenance: bool,
    /// Names of the active maintenance windows.
    pub maintenance: Vec<String>,
}

/// A core value as JSON.
pub(crate) fn json<T: Serialize>(v: T) -> CliResult<Value> {
    serde_json::to_value(v).map_err(|e| CliError::new(Kind::Internal, e.to_string()))
}

/// Every page of an embedded listing.
pub(crate) fn all_pages<T: Serialize>(
    mut fetch: impl FnMut(PageRequest) -> cachet_core::Result<Page<T>>,
) -> CliResult<Vec<Value>> {
    let mut rows = Vec::new();
    let mut page = 1;
    loop {
        let p = fetch(PageRequest::new(page, MAX_PER_PAGE))?;
        let more = p.has_next();
        for item in p.items {
            rows.push(json(item)?);
        }
        if !more {
            return Ok(rows);
        }
        page += 1;
    }
}

/// The id in a JSON object.
pub(crate) fn id_of(v: &Value) -> CliResult<i64> {
    crate::output::int(v, "id").ok_or_else(|| CliError::new(Kind::Internal, "an object without an id"))
}

/// A time as the API takes it (ISO 8601, UTC).
pub(crate) fn api_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Reads a time the API wrote (`YYYY-MM-DD HH:MM:SS` in UTC, or ISO 8601).
pub(crate) fn read_api_time(v: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    let s = v.as_str()?;
    crate::parse::time("time", s).ok()
}

impl Backend {
    /// Opens a database (`migrate` applies pending migrations first).
    pub fn embedded(url: &str, migrate: bool) -> CliResult<Backend> {
        let options = StoreOptions { pool_size: 2, migrate, ..StoreOptions::default() };
        Ok(Backend::Embedded(Store::open_with(url, options)?))
    }

    /// The store, or an error for commands that only work on a database.
    pub fn store(&self, command: &str) -> CliResult<&Store> {
        match self {
            Backend::Embedded(store) => Ok(store),
            Backend::Remote(_) => Err(CliError::embedded_only(command)),
        }
    }

    /// The banner and whether maintenance is under way.
    pub fn overall(&self) -> CliResult<Overall> {
        match self {
            Backend::Embedded(store) => {
                let o = store.status_overview(Viewer::Authenticated)?;
                Ok(Overall {
                    status: o.banner.status.as_str().to_string(),
                    message: o.banner.message.to_string(),
                    under_maintenance: o.under_maintenance,
                    maintenance: o.active_schedules.iter().map(|s| s.name.clone()).collect(),
                })
            }
            Backend::Remote(client) => {
                let banner = client.get("/status")?;
                let now = chrono::Utc::now();
                let active: Vec<String> = client
                    .get_all("/schedules", "")?
                    .iter()
                    .filter(|s| {
                        let status = crate::output::int(s, "status")
                            .and_then(|n| cachet_core::model::ScheduleStatus::from_value(n).ok());
                        let start = read_api_time(&s["scheduled_at"]);
                        match (status, start) {
                            (Some(status), Some(start)) => {
                                schedule_is_active(status, start, read_api_time(&s["completed_at"]), now)
                            }
                            _ => false,
                        }
                    })
                    .map(|s| crate::output::text(s, "name"))
                    .collect();
                Ok(Overall {
                    status: banner["status"].as_str().unwrap_or(BannerLevel::Info.as_str()).to_string(),
                    message: banner["message"].as_str().unwrap_or_default().to_string(),
                    // The server's own verdict (from the core) when it gives one; a plain Cachet 2.4
                    // server does not, so the active windows decide.
                    under_maintenance: banner["under_maintenance"].as_bool().unwrap_or(!active.is_empty()),
                    maintenance: active,
                })
            }
        }
    }
}

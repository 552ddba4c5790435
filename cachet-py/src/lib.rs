//! Python bindings for cachet-core: the private native module `cachet._cachet`, re-exported by the
//! small `cachet` Python package (which also defines the status enums and the exception classes).
//!
//! - [`client`]: the `Cachet` handle (opens the store, context manager, banner, uptime).
//! - one module per resource (`components`, `groups`, `incidents`, ...): a collection object with
//!   `create`/`get`/`list`/`update`/`delete` and the typed record it returns.
//! - [`convert`], [`record`], [`page`], [`error`]: the boundary: enums, datetimes and JSON in and
//!   out, result records with `to_dict()`/`repr()`, listing pages, and errors as exceptions.
//!
//! Every store call runs with the interpreter detached (`Python::detach`), so one `Cachet` object
//! serves many Python threads at once; the store's connection pool does the rest.

use pyo3::prelude::*;

mod client;
mod components;
mod convert;
mod error;
mod groups;
mod incidents;
mod metrics;
mod page;
mod record;
mod schedules;
mod settings;
mod subscribers;
mod templates;
mod tokens;
mod updates;

#[pymodule]
fn _cachet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<client::Cachet>()?;
    m.add_class::<client::Status>()?;
    m.add_class::<client::DayUptime>()?;
    m.add_class::<page::Page>()?;
    m.add_class::<components::Components>()?;
    m.add_class::<components::Component>()?;
    m.add_class::<components::Tag>()?;
    m.add_class::<components::StatusChange>()?;
    m.add_class::<groups::Groups>()?;
    m.add_class::<groups::ComponentGroup>()?;
    m.add_class::<incidents::Incidents>()?;
    m.add_class::<incidents::Incident>()?;
    m.add_class::<incidents::AffectedComponent>()?;
    m.add_class::<updates::IncidentUpdates>()?;
    m.add_class::<updates::IncidentUpdate>()?;
    m.add_class::<schedules::Schedules>()?;
    m.add_class::<schedules::Schedule>()?;
    m.add_class::<metrics::Metrics>()?;
    m.add_class::<metrics::Metric>()?;
    m.add_class::<metrics::MetricPoints>()?;
    m.add_class::<metrics::MetricPoint>()?;
    m.add_class::<subscribers::Subscribers>()?;
    m.add_class::<subscribers::Subscriber>()?;
    m.add_class::<subscribers::Subscription>()?;
    m.add_class::<settings::SettingsCollection>()?;
    m.add_class::<templates::Templates>()?;
    m.add_class::<templates::IncidentTemplate>()?;
    m.add_class::<tokens::Tokens>()?;
    m.add_class::<tokens::ApiToken>()?;
    m.add_class::<tokens::IssuedToken>()?;
    Ok(())
}

//! # cachet-core
//!
//! The library behind every Cachet frontend (the HTTP server, the `cachet` command, the Python
//! bindings): the domain of a status page and the rules that govern it, persisted through diesel on
//! SQLite, PostgreSQL, MySQL or MariaDB, chosen at run time from a URL.
//!
//! - [`model`]: plain types (components, incidents, maintenance, metrics, subscribers, tokens) and
//!   Cachet's enums with their 2.4 numbering and labels.
//! - [`status`]: pure status rules: the overall banner, group and effective component status,
//!   incident resolution, maintenance windows and daily uptime.
//! - [`Store`]: the handle to a database. Every write is validated (errors name the field), runs in
//!   one transaction with its side effects, and bumps a revision counter that caches compare.
//! - [`template`]: the incident template sandbox (substitution only).
//! - [`text`]: text that cannot break a document: XML characters, escaping, safe link schemes.
//! - [`settings`]: typed access to Cachet's settings.
//!
//! ```no_run
//! use cachet_core::{Store, model::{ComponentStatus, NewComponent}};
//! let store = Store::open("sqlite://status.db")?;
//! let api = store.create_component(NewComponent::new("API", ComponentStatus::Operational))?;
//! store.set_component_status(api.id, ComponentStatus::MajorOutage, "health check failed")?;
//! println!("{}", store.status_overview(Default::default())?.banner.message);
//! # Ok::<(), cachet_core::Error>(())
//! ```

pub mod db;
mod error;
pub mod model;
pub mod settings;
pub mod status;
mod store;

pub mod template;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod text;

pub use db::Backend;
pub use error::{Error, Result};
pub use settings::Settings;
pub use store::seed::{SeedOptions, SeedReport};
pub use store::transfer::{DataExport, EXPORT_FORMAT};
pub use store::{Change, ComponentOverview, GroupOverview, Resource, StatusOverview, Store, StoreOptions, View};
pub use store::{seed, transfer};

//! The behaviour suite of cachet-core, written once and run on SQLite always and on PostgreSQL and
//! MySQL/MariaDB when their test URLs are set (see `cachet_core::testing`).

mod components;
mod far_dates;
mod groups;
mod incidents;
mod metrics;
mod schedules;
mod seed;
mod settings;
mod status;
mod store;
mod subscribers;
mod templates;
mod text;
mod tokens;
mod transfer;
mod updates;
mod uptime;
mod util;
mod visibility;

//! Database plumbing: the schema, backend selection from a URL, the pool and migrations.

mod connection;
mod migrate;
pub mod schema;
pub mod types;
mod url;

pub use connection::{AnyConnection, ConnectionManager, last_insert_id};
pub use migrate::run_migrations;
pub use url::{Backend, DatabaseUrl};

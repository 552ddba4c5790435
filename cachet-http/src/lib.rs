//! # cachet-http
//!
//! The standalone server: Cachet's REST API v1 (exactly, so Cachet 2.4 clients work unchanged),
//! health probes and, in later modules, the Statuspage v2 API and the public status page. All
//! logic lives in `cachet-core`; this crate parses requests, calls the store on a bounded blocking
//! pool and renders answers.
//!
//! - [`routes`] builds the whole warp filter for a [`Store`](cachet_core::Store).
//! - [`start`] binds and serves it in the background (tests, embedding); [`run`] serves until
//!   SIGINT/SIGTERM, letting in-flight requests finish.
//! - Reads are served from a response cache valid for one database revision: every write here
//!   moves it at once, and a poller notices writes made by other processes on the same database.

pub mod api;
mod blocking;
mod cache;
mod client;
mod config;
mod headers;
mod health;
mod limits;
mod listener;
mod respond;
mod server;
mod state;
mod web;

pub use config::{LogFormat, ServeArgs};
pub use server::{RunningServer, allowed_methods, init_logging, route_table, routes, run, run_blocking, start};
pub use state::AppState;

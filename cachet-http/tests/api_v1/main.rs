//! Cachet API v1 over real HTTP, on SQLite always and on PostgreSQL and MariaDB when their test
//! URLs are set: every route's success path, the listed errors, the auth matrix, pagination,
//! sorting, filters and guest visibility.

mod auth;
mod components;
mod errors;
mod general;
mod incidents;
mod metrics;
mod replicas;
mod schedules;
mod subscribers;
mod support;
mod visibility;

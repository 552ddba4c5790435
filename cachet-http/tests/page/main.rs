//! The public status page over real HTTP on SQLite always and on PostgreSQL and MariaDB when
//! their test URLs are set: rendering of every section with real data, hostile text in every
//! user field, caching, feeds and the calendar read back by standard parsers, badges, the event
//! stream, and a real headless Chromium watching a status change arrive.

mod browser;
mod feeds;
mod render;
mod stored_text;
mod support;

//! The `cachet` binary run as a process: embedded mode on every configured backend, errors and
//! exit codes, the deploy script scenario, export/import across backends and remote mode.

mod components;
mod deploy;
mod errors;
mod incidents;
mod misc;
mod remote;
mod server;
mod transfer;
mod util;

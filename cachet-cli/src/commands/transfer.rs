//! `cachet seed`, `cachet export` and `cachet import`: bulk data, done by the core in batches.

use crate::backend::Backend;
use crate::error::CliResult;
use crate::output::Output;

/// Options of `cachet seed`.
#[derive(Debug, clap::Args)]
pub struct SeedArgs {}
/// Options of `cachet export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {}
/// Options of `cachet import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {}

pub fn seed(_b: &Backend, _o: &Output, _a: &SeedArgs) -> CliResult<i32> {
    Ok(0)
}
pub fn export(_b: &Backend, _o: &Output, _a: &ExportArgs) -> CliResult<i32> {
    Ok(0)
}
pub fn import(_b: &Backend, _o: &Output, _a: &ImportArgs) -> CliResult<i32> {
    Ok(0)
}

//! Embedded migrations per backend, applied under a lock so that two processes opening one new
//! database at the same moment do not both try to create it.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::connection::AnyConnection;
use crate::error::{Error, Result};

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const MYSQL: EmbeddedMigrations = embed_migrations!("migrations/mysql");

/// A key shared by every Cachet process, for PostgreSQL's advisory lock.
const PG_LOCK_KEY: i64 = 0x0CAC_4E7D;

/// Applies every pending migration; a no-op when the schema is current. Returns how many ran.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<usize> {
    let failed = |e: Box<dyn std::error::Error + Send + Sync>| Error::Migration(e.to_string());
    match conn {
        AnyConnection::Sqlite(c) => {
            // An exclusive transaction serialises concurrent openers; diesel's own per-migration
            // transactions become savepoints inside it.
            c.exclusive_transaction(|c| {
                c.run_pending_migrations(SQLITE).map(|v| v.len()).map_err(|e| MigrationFailed(e.to_string()))
            })
            .map_err(|e: MigrationFailed| Error::Migration(e.0))
        }
        AnyConnection::Postgres(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({PG_LOCK_KEY})")).execute(c)?;
            let applied = c.run_pending_migrations(POSTGRES).map(|v| v.len()).map_err(failed);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({PG_LOCK_KEY})")).execute(c)?;
            applied
        }
        AnyConnection::Mysql(c) => {
            // DDL commits implicitly on MySQL, so a transaction cannot serialise migrations;
            // a named lock held by the session can.
            let got: Option<i64> =
                diesel::select(diesel::dsl::sql::<Nullable<BigInt>>("GET_LOCK('cachet_migrations', 60)"))
                    .get_result(c)?;
            if got != Some(1) {
                return Err(Error::Migration("timed out waiting for the migration lock".into()));
            }
            let applied = c.run_pending_migrations(MYSQL).map(|v| v.len()).map_err(failed);
            diesel::select(diesel::dsl::sql::<Nullable<BigInt>>("RELEASE_LOCK('cachet_migrations')"))
                .get_result::<Option<i64>>(c)?;
            applied
        }
    }
}

/// Lets a migration failure leave diesel's transaction closure (which needs `From<diesel::Error>`).
#[derive(Debug)]
struct MigrationFailed(String);

impl From<diesel::result::Error> for MigrationFailed {
    fn from(e: diesel::result::Error) -> Self {
        MigrationFailed(e.to_string())
    }
}

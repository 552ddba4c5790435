//! One connection type over every backend, and the r2d2 manager that opens it.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel::{MysqlConnection, PgConnection, SqliteConnection};

use super::url::{Backend, DatabaseUrl};

/// A connection to whichever backend the URL named; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL.
    Postgres(PgConnection),
    /// MySQL or MariaDB.
    Mysql(MysqlConnection),
    /// SQLite.
    Sqlite(SqliteConnection),
}

impl AnyConnection {
    /// The backend behind this connection.
    pub fn backend(&self) -> Backend {
        match self {
            AnyConnection::Postgres(_) => Backend::Postgres,
            AnyConnection::Mysql(_) => Backend::Mysql,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }

    fn open(url: &DatabaseUrl) -> ConnectionResult<Self> {
        Ok(match url.backend {
            Backend::Postgres => AnyConnection::Postgres(PgConnection::establish(&url.target)?),
            Backend::Mysql => {
                let mut conn = MysqlConnection::establish(&url.target)?;
                // Timestamps are UTC everywhere; MySQL must not shift them by the server's zone.
                conn.batch_execute("SET time_zone = '+00:00'").map_err(ConnectionError::CouldntSetupConfiguration)?;
                AnyConnection::Mysql(conn)
            }
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&url.target)?;
                // WAL lets readers run beside the writer; busy_timeout makes writers queue
                // instead of failing with "database is locked".
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; \
                     PRAGMA synchronous = NORMAL;",
                )
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
                let _ = conn.batch_execute("PRAGMA journal_mode = WAL;");
                AnyConnection::Sqlite(conn)
            }
        })
    }
}

/// The id of the row the last `INSERT` on this connection created.
pub fn last_insert_id(conn: &mut AnyConnection) -> QueryResult<i64> {
    use diesel::dsl::sql;
    match conn {
        AnyConnection::Postgres(c) => diesel::select(sql::<BigInt>("lastval()")).get_result(c),
        AnyConnection::Mysql(c) => diesel::select(sql::<diesel::sql_types::Unsigned<BigInt>>("LAST_INSERT_ID()"))
            .get_result::<u64>(c)
            .map(|id| id as i64),
        AnyConnection::Sqlite(c) => diesel::select(sql::<BigInt>("last_insert_rowid()")).get_result(c),
    }
}

/// Opens connections for r2d2, naming the real cause when a connection fails (a wrong password,
/// an unreachable host) instead of diesel's generic "invalid connection url".
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    /// A manager for `url`.
    pub fn new(url: DatabaseUrl) -> Self {
        ConnectionManager { url }
    }

    /// Opens one connection outside the pool, so connection errors are reported at once.
    pub fn connect(&self) -> Result<AnyConnection, crate::Error> {
        AnyConnection::open(&self.url)
            .map_err(|e| crate::Error::Connect(format!("{} ({})", e.to_string().trim(), self.url.redacted())))
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = AnyConnection;
    type Error = ConnectionError;

    fn connect(&self) -> Result<AnyConnection, ConnectionError> {
        AnyConnection::open(&self.url)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), ConnectionError> {
        conn.batch_execute("SELECT 1").map_err(ConnectionError::CouldntSetupConfiguration)
    }

    fn has_broken(&self, _conn: &mut AnyConnection) -> bool {
        false
    }
}

//! The one error type of the library. Frontends map it to an HTTP status, an exit code or an exception.

use crate::store::Resource;

/// Everything that can go wrong in a store call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No row of this kind has that id (or name).
    #[error("{resource} {id} not found")]
    NotFound {
        /// The kind of thing looked up, for example `component`.
        resource: &'static str,
        /// The id or name that was asked for.
        id: String,
    },
    /// A field of the input is not acceptable; nothing was written.
    #[error("{field}: {reason}")]
    Invalid {
        /// The input field, as clients name it (`status`, `component_id`, ...).
        field: String,
        /// What is wrong with it, in words a user understands.
        reason: String,
    },
    /// The write clashes with data already there (a duplicate name, for instance). The message is
    /// the store's own words, never the database's, so any frontend may show it.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The API token is missing, unknown or revoked.
    #[error("the API token is missing, unknown or revoked")]
    Unauthorized,
    /// The database URL is malformed or names an unsupported backend.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// The database could not be reached or refused the login.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// No pooled connection became free within the configured timeout.
    #[error("the database did not answer in time: {0}")]
    Pool(String),
    /// Applying the embedded migrations failed.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// The database reported an error while running a query. The text is the driver's: for the
    /// operator and the server's log, not for clients ([`Error::public_message`]).
    #[error("database error: {0}")]
    Database(String),
    /// The database cannot store the write: its disk is full or it is read-only. Reads still work,
    /// and writes will again once space is freed or the database is writable, without a restart.
    #[error("the database cannot take writes: {0}")]
    Storage(String),
}

impl Error {
    /// An [`Error::Invalid`] for `field`.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), reason: reason.into() }
    }

    /// An [`Error::NotFound`] for a resource looked up by `id`.
    pub fn not_found(resource: &'static str, id: impl ToString) -> Self {
        Error::NotFound { resource, id: id.to_string() }
    }

    /// What a client that is not the operator (an HTTP caller) may be told: the message itself for
    /// errors about the request, a fixed sentence for failures of the database, whose driver text
    /// names tables, constraints, values and hosts. Servers log the full `Display` text instead.
    pub fn public_message(&self) -> String {
        match self {
            Error::NotFound { .. } | Error::Invalid { .. } | Error::Conflict(_) | Error::Unauthorized => {
                self.to_string()
            }
            Error::InvalidUrl(_) | Error::Connect(_) | Error::Pool(_) => "the database is unavailable".into(),
            Error::Storage(_) => "the database cannot take writes: it is full or read-only".into(),
            Error::Migration(_) | Error::Database(_) => "the database failed".into(),
        }
    }

    /// A unique violation reported during a write of `resource`, in words about that resource.
    pub(crate) fn in_write_of(self, resource: Resource) -> Self {
        match self {
            Error::Conflict(message) if message == DUPLICATE => Error::Conflict(duplicate_of(resource).into()),
            other => other,
        }
    }
}

/// A unique violation before the store knows what was written; see [`Error::in_write_of`].
const DUPLICATE: &str = "the write clashes with data that already exists";

/// A foreign key violation: a row refers to one that is not there (or no longer).
const MISSING_REFERENCE: &str = "the write refers to data that does not exist, or removes data still in use";

/// How a unique violation reads for each resource. The driver's own text ("UNIQUE constraint
/// failed: ...", "duplicate key value violates ...", "Duplicate entry ... for key ...") names
/// tables, indexes and values and differs per backend, so it is never passed on.
fn duplicate_of(resource: Resource) -> &'static str {
    match resource {
        Resource::Component => "a component like this one already exists",
        Resource::Group => "a component group like this one already exists",
        Resource::Incident => "the incident already has this component or update",
        Resource::Template => "a template with this name already exists",
        Resource::Schedule => "the maintenance window already covers this component",
        Resource::Metric => "a metric or point like this one already exists",
        Resource::Subscriber => "a subscriber with this e-mail address already exists",
        Resource::Setting => "this setting already exists",
        Resource::Token => "a token with this name already exists",
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error as D};
        match e {
            D::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => Error::Conflict(DUPLICATE.into()),
            D::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => Error::Conflict(MISSING_REFERENCE.into()),
            D::DatabaseError(_, info) if is_storage_failure(info.message()) => {
                Error::Storage(info.message().to_string())
            }
            other => Error::Database(other.to_string()),
        }
    }
}

/// Whether a database's error message says it is out of space or read-only, on any backend:
/// SQLite's SQLITE_FULL and SQLITE_READONLY, PostgreSQL's disk_full (53100) and
/// read_only_sql_transaction (25006), MySQL/MariaDB's "table is full" (1114), "disk full" (1021)
/// and `--read-only` (1290). The drivers give these no kind of their own, so the text is matched.
fn is_storage_failure(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "database or disk is full",
        "attempt to write a readonly database",
        "no space left on device",
        "read-only transaction",
        "disk full",
        "--read-only option",
    ]
    .iter()
    .any(|needle| message.contains(needle))
        || (message.starts_with("the table") && message.ends_with("is full"))
}

impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Self {
        Error::Pool(e.to_string())
    }
}

/// The result of every store call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, RunQueryDsl, SqliteConnection};

    use super::Error;

    /// SQLite answering SQLITE_FULL for real: a database capped at its current size by
    /// `max_page_count`, then a row too large for it.
    #[test]
    fn a_full_sqlite_database_is_a_storage_error() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        c.batch_execute("CREATE TABLE t (b BLOB); PRAGMA max_page_count = 2;").unwrap();
        let e = diesel::sql_query("INSERT INTO t VALUES (zeroblob(100000))").execute(&mut c).unwrap_err();
        assert!(matches!(Error::from(e), Error::Storage(m) if m.contains("full")));
    }

    #[test]
    fn read_only_messages_of_every_backend_are_storage_errors() {
        for message in [
            "attempt to write a readonly database",
            "cannot execute INSERT in a read-only transaction",
            "could not extend file \"base/16384/16400\": No space left on device",
            "The table 'incidents' is full",
            "The MariaDB server is running with the --read-only option so it cannot execute this statement",
        ] {
            assert!(super::is_storage_failure(message), "{message}");
        }
    }

    /// The drivers' texts for these name tables, indexes and values; clients get fixed words.
    #[test]
    fn unique_and_foreign_key_violations_are_conflicts_without_the_drivers_text() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        c.batch_execute(
            "PRAGMA foreign_keys = ON; CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT UNIQUE); \
             CREATE TABLE k (p_id INTEGER REFERENCES p (id)); INSERT INTO p VALUES (1, 'x');",
        )
        .unwrap();
        let unique = diesel::sql_query("INSERT INTO p VALUES (2, 'x')").execute(&mut c).unwrap_err();
        let error = Error::from(unique).in_write_of(crate::store::Resource::Token);
        assert!(matches!(&error, Error::Conflict(m) if m == "a token with this name already exists"), "{error:?}");
        let foreign = diesel::sql_query("INSERT INTO k VALUES (9)").execute(&mut c).unwrap_err();
        let error = Error::from(foreign);
        assert!(matches!(&error, Error::Conflict(m) if m == super::MISSING_REFERENCE), "{error:?}");
        for error in [error, Error::Conflict(super::DUPLICATE.into()).in_write_of(crate::store::Resource::Component)] {
            let shown = error.public_message().to_lowercase();
            for driver in ["unique", "constraint", "foreign key", "p.name"] {
                assert!(!shown.contains(driver), "{driver} in {shown}");
            }
        }
    }

    #[test]
    fn database_failures_have_fixed_public_messages() {
        let cases = [
            (Error::Database("relation \"components\" does not exist".into()), "the database failed"),
            (Error::Migration("near \"CREATE\": syntax error".into()), "the database failed"),
            (
                Error::Storage("attempt to write a readonly database".into()),
                "the database cannot take writes: it is full or read-only",
            ),
            (
                Error::Connect("password authentication failed for user \"cachet\"".into()),
                "the database is unavailable",
            ),
            (Error::Pool("timed out waiting for connection".into()), "the database is unavailable"),
        ];
        for (error, public) in cases {
            assert_eq!(error.public_message(), public, "{error}");
        }
        assert_eq!(Error::invalid("name", "is required").public_message(), "name: is required");
    }

    #[test]
    fn other_database_errors_stay_database_errors() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        let e = diesel::sql_query("SELECT * FROM missing").execute(&mut c).unwrap_err();
        assert!(matches!(Error::from(e), Error::Database(_)));
    }
}

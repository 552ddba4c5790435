//! The one error type of the library. Frontends map it to an HTTP status, an exit code or an exception.

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
    /// The write clashes with data already there (a duplicate name, for instance).
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
    /// The database reported an error while running a query.
    #[error("database error: {0}")]
    Database(String),
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
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error as D};
        match e {
            D::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => Error::Conflict(info.message().to_string()),
            other => Error::Database(other.to_string()),
        }
    }
}

impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Self {
        Error::Pool(e.to_string())
    }
}

/// The result of every store call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

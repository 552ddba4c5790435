//! Parsing the database URL that picks the backend at run time.

use crate::error::{Error, Result};

/// The database engines the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    Mysql,
}

impl Backend {
    /// The backend's name as users write it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
            Backend::Mysql => "mysql",
        }
    }
}

/// A database URL, normalised for the backend's driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    /// The backend the URL names.
    pub backend: Backend,
    /// What the driver is given: a file path for SQLite, a URL otherwise.
    pub target: String,
}

impl DatabaseUrl {
    /// Reads `sqlite://path`, a plain file path, `postgres://`, `postgresql://`, `mysql://` or
    /// `mariadb://` (rewritten to `mysql://`, as the MySQL client speaks to both).
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        if url.is_empty() {
            return Err(Error::InvalidUrl("the database URL is empty".into()));
        }
        let (backend, target) = match url.split_once("://") {
            Some(("sqlite", path)) => (Backend::Sqlite, path.to_string()),
            Some(("postgres" | "postgresql", _)) => (Backend::Postgres, url.to_string()),
            Some(("mysql", _)) => (Backend::Mysql, url.to_string()),
            Some(("mariadb", rest)) => (Backend::Mysql, format!("mysql://{rest}")),
            Some((scheme, _)) => {
                return Err(Error::InvalidUrl(format!(
                    "unsupported scheme {scheme:?}: use sqlite://, postgres://, mysql:// or mariadb://"
                )));
            }
            None if url.starts_with("sqlite:") => (Backend::Sqlite, url["sqlite:".len()..].to_string()),
            None => (Backend::Sqlite, url.to_string()),
        };
        if target.is_empty() {
            return Err(Error::InvalidUrl(format!("{url:?} names no database")));
        }
        Ok(DatabaseUrl { backend, target })
    }

    /// The URL with any password replaced, for logs and error messages.
    pub fn redacted(&self) -> String {
        match self.backend {
            Backend::Sqlite => format!("sqlite://{}", self.target),
            _ => redact_password(&self.target),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((userinfo, host)) = rest.split_once('@') else { return url.to_string() };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_pick_the_backend() {
        let cases = [
            ("sqlite://cachet.db", Backend::Sqlite, "cachet.db"),
            ("sqlite:///tmp/x.db", Backend::Sqlite, "/tmp/x.db"),
            ("sqlite::memory:", Backend::Sqlite, ":memory:"),
            ("status.db", Backend::Sqlite, "status.db"),
            ("postgres://u@h/db", Backend::Postgres, "postgres://u@h/db"),
            ("postgresql://u@h/db", Backend::Postgres, "postgresql://u@h/db"),
            ("mysql://root@h/db", Backend::Mysql, "mysql://root@h/db"),
            ("mariadb://root@h/db", Backend::Mysql, "mysql://root@h/db"),
        ];
        for (url, backend, target) in cases {
            let parsed = DatabaseUrl::parse(url).unwrap();
            assert_eq!((parsed.backend, parsed.target.as_str()), (backend, target), "{url}");
        }
    }

    #[test]
    fn unknown_scheme_and_empty_url_are_rejected() {
        assert!(matches!(DatabaseUrl::parse("redis://x"), Err(Error::InvalidUrl(_))));
        assert!(matches!(DatabaseUrl::parse(""), Err(Error::InvalidUrl(_))));
        assert!(matches!(DatabaseUrl::parse("sqlite://"), Err(Error::InvalidUrl(_))));
    }

    #[test]
    fn passwords_are_redacted() {
        let url = DatabaseUrl::parse("postgres://bob:secret@db:5432/cachet").unwrap();
        assert_eq!(url.redacted(), "postgres://bob:***@db:5432/cachet");
    }
}

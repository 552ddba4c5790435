//! A test fixture: a fresh, migrated database per test on every configured backend.
//!
//! SQLite (a temporary file) always runs. PostgreSQL and MySQL/MariaDB run when
//! `CACHET_TEST_POSTGRES_URL` / `CACHET_TEST_MYSQL_URL` name a server URL that may create
//! databases; each test gets its own `cachet_t_<random>` database, dropped afterwards, so tests run
//! in parallel. With `CACHET_TEST_REQUIRE_ALL=1` (set by CI) a missing URL fails the test instead
//! of skipping it.

use rand::Rng;
use rand::distr::Alphanumeric;

use crate::db::{AnyConnection, Backend, ConnectionManager, DatabaseUrl};
use crate::{Store, StoreOptions};
use diesel::connection::SimpleConnection;

/// A database that exists for one test.
pub struct TestDb {
    /// The URL of the fresh database.
    pub url: String,
    backend: Backend,
    admin_url: Option<String>,
    name: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A fresh database on `backend`, or `None` when that backend is not configured.
    pub fn new(backend: Backend) -> Option<TestDb> {
        let name = format!(
            "cachet_t_{}",
            rand::rng().sample_iter(Alphanumeric).take(12).map(char::from).collect::<String>().to_lowercase()
        );
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite://{}", dir.path().join("cachet.db").display());
                Some(TestDb { url, backend, admin_url: None, name, _dir: Some(dir) })
            }
            Backend::Postgres | Backend::Mysql => {
                let var = match backend {
                    Backend::Postgres => "CACHET_TEST_POSTGRES_URL",
                    _ => "CACHET_TEST_MYSQL_URL",
                };
                let Ok(admin) = std::env::var(var) else {
                    if std::env::var("CACHET_TEST_REQUIRE_ALL").is_ok_and(|v| v == "1") {
                        panic!("{var} is not set but CACHET_TEST_REQUIRE_ALL=1: the {} suite must run", backend.name());
                    }
                    eprintln!("skipping: {var} is not set");
                    return None;
                };
                admin_exec(&admin, &format!("CREATE DATABASE {name}"));
                let url = with_database(&admin, &name);
                Some(TestDb { url, backend, admin_url: Some(admin), name, _dir: None })
            }
        }
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `sql` on this database behind the store's back: rows written by hand, by another
    /// program or before a rule existed, which the store's own writes would refuse.
    pub fn execute(&self, sql: &str) {
        let url = DatabaseUrl::parse(&self.url).expect("test URL");
        let mut conn =
            ConnectionManager::new(url).connect().unwrap_or_else(|e| panic!("cannot reach {}: {e}", self.url));
        conn.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// A store on this database, migrated.
    pub fn store(&self) -> Store {
        Store::open_with(&self.url, StoreOptions { pool_size: 4, ..StoreOptions::default() })
            .unwrap_or_else(|e| panic!("open {}: {e}", self.url))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(admin) = &self.admin_url {
            let sql = match self.backend {
                Backend::Postgres => format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
                _ => format!("DROP DATABASE IF EXISTS {}", self.name),
            };
            admin_exec(admin, &sql);
        }
    }
}

/// The backends this run covers: SQLite, plus each server whose URL is set.
pub fn configured_backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    if std::env::var("CACHET_TEST_POSTGRES_URL").is_ok() {
        all.push(Backend::Postgres);
    }
    if std::env::var("CACHET_TEST_MYSQL_URL").is_ok() {
        all.push(Backend::Mysql);
    }
    all
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

fn admin_exec(admin: &str, sql: &str) {
    let url = DatabaseUrl::parse(admin).expect("admin URL");
    let mut conn: AnyConnection =
        ConnectionManager::new(url).connect().unwrap_or_else(|e| panic!("cannot reach the test server: {e}"));
    conn.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Defines each test once and runs it on every backend: `mod sqlite`, `mod postgres` and
/// `mod mysql` get one `#[test]` per function, each on a fresh database.
///
/// ```ignore
/// cachet_core::backend_tests! {
///     fn creates_a_component(store: &Store) { /* ... */ }
/// }
/// ```
#[macro_export]
macro_rules! backend_tests {
    ($(fn $name:ident($store:ident : &Store) $body:block)*) => {
        $(fn $name($store: &$crate::Store) $body)*

        $crate::backend_tests!(@backend sqlite, Sqlite, $($name)*);
        $crate::backend_tests!(@backend postgres, Postgres, $($name)*);
        $crate::backend_tests!(@backend mysql, Mysql, $($name)*);
    };
    (@backend $module:ident, $backend:ident, $($name:ident)*) => {
        mod $module {
            $(
                #[test]
                fn $name() {
                    if let Some(db) = $crate::testing::TestDb::new($crate::Backend::$backend) {
                        super::$name(&db.store());
                    }
                }
            )*
        }
    };
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_replaced() {
        assert_eq!(with_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(with_database("mysql://root@127.0.0.1:3306", "x"), "mysql://root@127.0.0.1:3306/x");
        assert_eq!(with_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
    }
}

//! API tokens: the secret is shown once, stored as a hash; revocation, conflicts, last use.

use std::sync::{Arc, Barrier};

use cachet_core::model::{ComponentStatus, NewComponent};
use cachet_core::{Backend, Error, Store, StoreOptions};

use crate::util::{assert_conflict, assert_invalid, assert_not_found, at, exec_sql, store_at};

/// A handle on `store`'s database that can read but not write: SQLite opened with `mode=ro`,
/// PostgreSQL with `default_transaction_read_only`, MySQL/MariaDB as a user granted `SELECT` only.
/// The user it may create is dropped with the guard.
fn read_only(store: &Store) -> (Store, impl Drop) {
    struct DropUser(Option<(Store, String)>);
    impl Drop for DropUser {
        fn drop(&mut self) {
            if let Some((store, user)) = &self.0 {
                exec_sql(store, &format!("DROP USER IF EXISTS '{user}'@'%'"));
            }
        }
    }
    let url = store.redacted_url();
    let database = url.rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    let (url, guard) = match store.backend() {
        Backend::Sqlite => (format!("sqlite://file:{}?mode=ro", url.trim_start_matches("sqlite://")), DropUser(None)),
        Backend::Postgres => {
            exec_sql(store, &format!("ALTER DATABASE {database} SET default_transaction_read_only = on"));
            (url, DropUser(None))
        }
        Backend::Mysql => {
            let user = format!("ro_{database}");
            exec_sql(store, &format!("CREATE USER '{user}'@'%'; GRANT SELECT ON {database}.* TO '{user}'@'%'"));
            let (_, host) = url.split_once('@').unwrap();
            (format!("mysql://{user}@{host}"), DropUser(Some((store.clone(), user))))
        }
    };
    let options = StoreOptions { migrate: false, pool_size: 2, ..StoreOptions::default() };
    let handle = Store::open_with(&url, options).unwrap_or_else(|e| panic!("open {url}: {e}"));
    (handle, guard)
}

cachet_core::backend_tests! {
    fn a_new_token_shows_its_secret_once_and_authenticates(store: &Store) {
        let issued = store.create_token("deploy-bot").unwrap();
        assert_eq!(issued.secret.len(), 40);
        assert!(issued.secret.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(issued.token.name, "deploy-bot");
        assert!(issued.token.revoked_at.is_none() && issued.token.last_used_at.is_none());
        assert_eq!(store.authenticate(&issued.secret).unwrap().id, issued.token.id);
        assert_eq!(store.authenticate(&format!("  {}\n", issued.secret)).unwrap().id, issued.token.id);
        assert_eq!(crate::util::count_rows(store, "api_tokens"), 1);
        assert!(store.has_active_token().unwrap());
    }

    fn a_wrong_secret_is_unauthorized(store: &Store) {
        let issued = store.create_token("deploy-bot").unwrap();
        let mut wrong = issued.secret.clone();
        wrong.replace_range(0..1, if wrong.starts_with('a') { "b" } else { "a" });
        for secret in [wrong.as_str(), "", "   ", &"x".repeat(1000)] {
            assert!(matches!(store.authenticate(secret), Err(Error::Unauthorized)), "{secret:?}");
        }
    }

    fn a_revoked_token_is_unauthorized(store: &Store) {
        let issued = store.create_token("deploy-bot").unwrap();
        let revoked = store_at(store, "2026-02-02T02:02:02Z").revoke_token("deploy-bot").unwrap();
        assert_eq!(revoked.revoked_at, Some(at("2026-02-02T02:02:02Z")));
        assert!(matches!(store.authenticate(&issued.secret), Err(Error::Unauthorized)));
        assert!(!store.has_active_token().unwrap());
        assert_not_found(store.revoke_token("nobody"));
    }

    fn token_names_are_unique_and_required(store: &Store) {
        store.create_token("deploy-bot").unwrap();
        assert_conflict(store.create_token("deploy-bot"));
        assert_invalid(store.create_token("  "), "name");
        assert_eq!(store.list_tokens().unwrap().len(), 1);
    }

    fn authenticating_records_the_last_use(store: &Store) {
        let issued = store.create_token("deploy-bot").unwrap();
        store_at(store, "2026-03-01T08:00:00Z").authenticate(&issued.secret).unwrap();
        assert_eq!(store.list_tokens().unwrap()[0].last_used_at, Some(at("2026-03-01T08:00:00Z")));
        store_at(store, "2026-03-01T08:00:30Z").authenticate(&issued.secret).unwrap();
        assert_eq!(store.list_tokens().unwrap()[0].last_used_at, Some(at("2026-03-01T08:00:00Z")), "at most once a minute");
        store_at(store, "2026-03-01T09:00:00Z").authenticate(&issued.secret).unwrap();
        assert_eq!(store.list_tokens().unwrap()[0].last_used_at, Some(at("2026-03-01T09:00:00Z")));
    }

    fn processes_starting_at_once_on_an_empty_database_make_exactly_one_first_token(store: &Store) {
        let url = store.redacted_url();
        let starters = 4;
        let barrier = Arc::new(Barrier::new(starters));
        let handles: Vec<_> = (0..starters)
            .map(|i| {
                // Each thread is its own process as far as the database can tell: its own store,
                // pool and connections.
                let own = Store::open_with(&url, StoreOptions { pool_size: 1, ..StoreOptions::default() }).unwrap();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    own.create_first_token(&format!("admin-{i}"))
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let secrets: Vec<String> = results.into_iter().filter_map(|r| r.expect("no starter fails")).collect();
        assert_eq!(secrets.len(), 1, "exactly one starter made the first token");
        let tokens = store.list_tokens().unwrap();
        assert_eq!(tokens.len(), 1);
        assert_eq!(store.authenticate(&secrets[0]).unwrap().id, tokens[0].id);
        assert_eq!(store.create_first_token("admin-late").unwrap(), None, "a later start makes none");
        assert_eq!(store.list_tokens().unwrap().len(), 1);
    }

    fn a_first_token_is_made_again_when_every_token_is_revoked(store: &Store) {
        store.create_token("old").unwrap();
        assert_eq!(store.create_first_token("admin").unwrap(), None);
        store.revoke_token("old").unwrap();
        let secret = store.create_first_token("admin").unwrap().expect("a working token again");
        assert_eq!(store.authenticate(&secret).unwrap().name, "admin");
    }

    fn a_valid_token_authenticates_on_a_database_that_refuses_writes(store: &Store) {
        let issued = store.create_token("reader").unwrap();
        let (read_only, _guard) = read_only(store);
        assert!(
            read_only.create_component(NewComponent::new("API", ComponentStatus::Operational)).is_err(),
            "the handle cannot write"
        );
        let later = read_only.with_clock(|| at("2030-01-01T00:00:00Z"));
        for _ in 0..3 {
            assert_eq!(later.authenticate(&issued.secret).unwrap().id, issued.token.id);
        }
        assert!(matches!(later.authenticate("wrong"), Err(Error::Unauthorized)));
        assert_eq!(store.list_tokens().unwrap()[0].last_used_at, None, "the stamp was not written, and no matter");
    }
}

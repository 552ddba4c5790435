//! API tokens: the secret is shown once, stored as a hash; revocation, conflicts, last use.

use cachet_core::Error;

use crate::util::{assert_conflict, assert_invalid, assert_not_found, at, store_at};

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
}

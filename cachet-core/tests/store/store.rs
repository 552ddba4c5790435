//! The store as a whole: the revision counter and change listeners, atomic writes, concurrent
//! writers, migrations (twice and concurrently) and how opening fails.

use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use cachet_core::model::*;
use cachet_core::testing::{TestDb, configured_backends};
use cachet_core::{Backend, Change, Error, Resource, Store, StoreOptions};

use crate::util::{assert_invalid, component, exec_sql};

cachet_core::backend_tests! {
    fn every_write_bumps_the_revision(store: &Store) {
        let r0 = store.revision().unwrap();
        let c = component(store, "API");
        let r1 = store.revision().unwrap();
        assert!(r1 > r0);
        store.set_component_status(c.id, ComponentStatus::MajorOutage, "down").unwrap();
        let r2 = store.revision().unwrap();
        assert!(r2 > r1);
        store.list_components(&ComponentQuery::default()).unwrap();
        store.status_overview(Viewer::Guest).unwrap();
        assert_eq!(store.revision().unwrap(), r2, "reads do not change the revision");
    }

    fn listeners_hear_each_write_after_it_commits(store: &Store) {
        let heard: Arc<Mutex<Vec<(Change, u64)>>> = Arc::default();
        let (sink, reader) = (heard.clone(), store.clone());
        store.on_change(move |change| {
            // Read through another pooled connection: the write must already be visible.
            let q = ComponentQuery { viewer: Viewer::Authenticated, ..Default::default() };
            let seen = reader.list_components(&q).map(|p| p.total).unwrap_or(u64::MAX);
            sink.lock().unwrap().push((*change, seen));
        });
        component(store, "API");
        store.create_group(NewGroup::new("G")).unwrap();
        let revision = store.revision().unwrap();
        let heard = heard.lock().unwrap().clone();
        assert_eq!(heard.len(), 2);
        assert_eq!(heard[0].0.resource, Resource::Component);
        assert_eq!(heard[0].1, 1, "the new component is visible to the listener");
        assert_eq!(heard[1].0, Change { resource: Resource::Group, revision });
        assert!(heard[0].0.revision < heard[1].0.revision);
    }

    fn a_unique_violation_is_a_conflict_in_the_stores_words_not_the_drivers(store: &Store) {
        // No unique key of the schema is reachable through the store's checks, so add one.
        exec_sql(store, "CREATE UNIQUE INDEX components_name_unique ON components (name)");
        component(store, "API");
        match store.create_component(NewComponent::new("API", ComponentStatus::Operational)) {
            Err(Error::Conflict(message)) => {
                assert_eq!(message, "a component like this one already exists");
                for driver in ["UNIQUE constraint", "duplicate key", "Duplicate entry", "components_name_unique"] {
                    assert!(!message.contains(driver), "{driver} in {message}");
                }
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        let all = store.list_components(&ComponentQuery { viewer: Viewer::Authenticated, ..Default::default() });
        assert_eq!(all.unwrap().total, 1);
    }

    fn a_failed_write_leaves_nothing_behind(store: &Store) {
        let heard = Arc::new(Mutex::new(0));
        let sink = heard.clone();
        store.on_change(move |_| *sink.lock().unwrap() += 1);
        let c = component(store, "API");
        let revision = store.revision().unwrap();
        let mut input = NewIncident::new("Down", IncidentStatus::Investigating, "m");
        input.components = vec![
            AffectedComponent { component_id: c.id, status: ComponentStatus::MajorOutage },
            AffectedComponent { component_id: c.id + 1000, status: ComponentStatus::MajorOutage },
        ];
        assert_invalid(store.create_incident(input), "component_id");
        let all = store.list_incidents(&IncidentQuery { viewer: Viewer::Authenticated, ..Default::default() }).unwrap();
        assert_eq!(all.total, 0, "no incident row");
        assert_eq!(crate::util::count_rows(store, "incidents"), 0);
        assert_eq!(store.component(c.id).unwrap().status, ComponentStatus::Operational);
        assert_eq!(store.status_history(c.id, 10).unwrap().len(), 1);
        assert_eq!(store.revision().unwrap(), revision, "the revision bump rolled back too");
        assert_eq!(*heard.lock().unwrap(), 1, "listeners hear only the write that committed");
    }

    fn a_failed_update_leaves_the_incident_as_it_was(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let mut input = NewIncident::new("Down", IncidentStatus::Investigating, "m");
        input.components = vec![AffectedComponent { component_id: a.id, status: ComponentStatus::PartialOutage }];
        let before = store.create_incident(input).unwrap();
        let patch = IncidentPatch {
            name: Some("Renamed".into()),
            components: Some(vec![
                AffectedComponent { component_id: b.id, status: ComponentStatus::MajorOutage },
                AffectedComponent { component_id: 4242, status: ComponentStatus::MajorOutage },
            ]),
            ..Default::default()
        };
        assert_invalid(store.update_incident(before.id, patch), "component_id");
        assert_eq!(store.incident(before.id).unwrap(), before);
        assert_eq!(store.component(b.id).unwrap().status, ComponentStatus::Operational);
    }

    fn two_threads_changing_one_component_both_succeed_and_the_history_stays_consistent(store: &Store) {
        let c = component(store, "API");
        for round in 0..5 {
            let barrier = Arc::new(Barrier::new(2));
            let threads: Vec<_> = [ComponentStatus::MajorOutage, ComponentStatus::PartialOutage]
                .into_iter()
                .map(|status| {
                    let (store, barrier) = (store.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        store.set_component_status(c.id, status, &format!("round {round}")).map(|_| status)
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e}"));
            }
            let status = store.component(c.id).unwrap().status;
            assert!(matches!(status, ComponentStatus::MajorOutage | ComponentStatus::PartialOutage));
            assert_eq!(store.status_history(c.id, 1).unwrap()[0].new_status, status, "round {round}: the newest change is the status");
            store.set_component_status(c.id, ComponentStatus::Operational, "reset").unwrap();
        }
        let mut history = store.status_history(c.id, 100).unwrap();
        history.reverse();
        assert_eq!(history.len(), 1 + 5 * 3, "creation, then two changes and a reset per round");
        for pair in history.windows(2) {
            assert_eq!(pair[1].old_status, Some(pair[0].new_status), "each change starts where the last ended: {pair:?}");
        }
    }

    fn migrations_applied_twice_apply_nothing_the_second_time(store: &Store) {
        assert_eq!(store.migrate().unwrap(), 0);
        assert_eq!(store.migrate().unwrap(), 0);
        component(store, "still works");
    }
}

#[test]
fn several_stores_migrating_one_new_database_at_once_all_succeed() {
    for backend in configured_backends() {
        let Some(db) = TestDb::new(backend) else { continue };
        let barrier = Arc::new(Barrier::new(4));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (url, barrier) = (db.url.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open_with(&url, StoreOptions { pool_size: 2, ..StoreOptions::default() })
                })
            })
            .collect();
        let stores: Vec<Store> = threads
            .into_iter()
            .map(|t| t.join().unwrap().unwrap_or_else(|e| panic!("{}: {e}", backend.name())))
            .collect();
        for store in &stores {
            assert_eq!(store.migrate().unwrap(), 0, "{}", backend.name());
        }
        component(&stores[0], "API");
        assert_eq!(stores[3].list_components(&ComponentQuery::default()).unwrap().total, 1);
    }
}

#[test]
fn a_store_opened_without_migrating_migrates_on_request() {
    for backend in configured_backends() {
        let Some(db) = TestDb::new(backend) else { continue };
        let store = Store::open_with(&db.url, StoreOptions { migrate: false, ..StoreOptions::default() }).unwrap();
        assert!(store.migrate().unwrap() > 0, "{}", backend.name());
        assert_eq!(store.migrate().unwrap(), 0);
    }
}

/// Opens `url` and checks that it fails with the expected error within a few seconds.
#[track_caller]
fn fails_quickly(url: &str, expected: fn(&Error) -> bool) {
    let started = Instant::now();
    let result =
        Store::open_with(url, StoreOptions { connect_timeout: Duration::from_secs(2), ..StoreOptions::default() });
    let took = started.elapsed();
    match result {
        Err(e) => assert!(expected(&e), "{url}: unexpected error {e:?}"),
        Ok(_) => panic!("{url}: opened"),
    }
    assert!(took < Duration::from_secs(5), "{url}: took {took:?}");
}

fn is_connect(e: &Error) -> bool {
    matches!(e, Error::Connect(_))
}

/// The server part (`host:port/db?...`) of a test URL, with `userinfo` in front.
fn with_user(url: &str, userinfo: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("scheme");
    let server = rest.rsplit_once('@').map_or(rest, |(_, s)| s);
    format!("{scheme}://{userinfo}@{server}")
}

#[test]
fn unsupported_schemes_and_empty_urls_are_invalid() {
    for url in ["redis://127.0.0.1/0", "", "sqlite://"] {
        fails_quickly(url, |e| matches!(e, Error::InvalidUrl(_)));
    }
}

#[test]
fn unreachable_servers_fail_to_connect_at_once() {
    // Port 1 on the loopback: nothing listens there, so the connection is refused.
    fails_quickly("postgres://postgres@127.0.0.1:1/cachet", is_connect);
    fails_quickly("mysql://root@127.0.0.1:1/cachet", is_connect);
    fails_quickly("mariadb://root@127.0.0.1:1/cachet", is_connect);
    fails_quickly("sqlite:///nonexistent-directory/for/cachet.db", is_connect);
}

#[test]
fn a_wrong_login_fails_to_connect_and_says_so() {
    if let Ok(url) = std::env::var("CACHET_TEST_POSTGRES_URL") {
        // The test server trusts local users, so an unknown role is what a wrong login looks like.
        fails_quickly(&with_user(&url, "cachet_no_such_role:wrong"), is_connect);
    }
    if let Ok(url) = std::env::var("CACHET_TEST_MYSQL_URL") {
        let bad = with_user(&url, "root:definitely-wrong-password");
        fails_quickly(&bad, is_connect);
        let Err(Error::Connect(message)) = Store::open(&bad) else { panic!("opened") };
        assert!(message.contains("denied"), "{message}");
        assert!(!message.contains("definitely-wrong-password"), "the password is not echoed: {message}");
    }
}

#[test]
fn mariadb_urls_open_the_mysql_backend() {
    let Some(db) = TestDb::new(Backend::Mysql) else { return };
    let url = db.url.replacen("mysql://", "mariadb://", 1);
    assert!(url.starts_with("mariadb://"));
    let store = Store::open(&url).unwrap();
    assert_eq!(store.backend(), Backend::Mysql);
    component(&store, "API");
    assert_eq!(store.list_components(&ComponentQuery::default()).unwrap().total, 1);
}

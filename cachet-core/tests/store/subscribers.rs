//! Subscribers: idempotent by e-mail, global by default, explicit components, deletes.

use cachet_core::model::*;

use crate::util::{assert_invalid, assert_not_found, component};

fn subscribe(email: &str, components: Option<Vec<i64>>) -> NewSubscriber {
    NewSubscriber { email: email.into(), components, ..Default::default() }
}

fn followed(s: &Subscriber) -> Vec<i64> {
    s.subscriptions.iter().map(|x| x.component_id).collect()
}

cachet_core::backend_tests! {
    fn subscribing_is_idempotent_by_email_whatever_its_case(store: &Store) {
        let (first, created) = store.create_subscriber(subscribe("Ops@Example.com", None)).unwrap();
        assert!(created);
        assert_eq!(first.email, "ops@example.com");
        assert_eq!(first.verify_code.len(), 42);
        assert!(first.verified_at.is_none());
        let (again, created) = store.create_subscriber(subscribe("OPS@example.COM", Some(vec![]))).unwrap();
        assert!(!created);
        assert_eq!(again, first, "the existing subscriber is returned unchanged");
        assert_eq!(store.list_subscribers(PageRequest::default()).unwrap().total, 1);
        assert_eq!(store.find_subscriber("OPS@EXAMPLE.COM").unwrap().id, first.id);
    }

    fn a_subscriber_without_components_follows_all_of_them(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let (s, _) = store.create_subscriber(subscribe("ops@example.com", None)).unwrap();
        assert!(s.global);
        assert_eq!(followed(&s), [a.id, b.id]);
    }

    fn a_subscriber_may_follow_chosen_components(store: &Store) {
        component(store, "A");
        let b = component(store, "B");
        let (s, _) = store.create_subscriber(subscribe("ops@example.com", Some(vec![b.id, b.id]))).unwrap();
        assert!(!s.global);
        assert_eq!(followed(&s), [b.id], "only B, once");
    }

    fn subscribing_to_an_unknown_component_is_rejected(store: &Store) {
        let a = component(store, "A");
        assert_invalid(store.create_subscriber(subscribe("ops@example.com", Some(vec![a.id, 4242]))), "components");
        assert_not_found(store.find_subscriber("ops@example.com"));
    }

    fn invalid_subscriber_fields_are_rejected(store: &Store) {
        assert_invalid(store.create_subscriber(subscribe("not-an-address", None)), "email");
        assert_invalid(store.create_subscriber(subscribe("", None)), "email");
        let input = NewSubscriber { slack_webhook_url: Some("ftp://hooks".into()), ..subscribe("a@example.com", None) };
        assert_invalid(store.create_subscriber(input), "slack_webhook_url");
        assert_eq!(store.list_subscribers(PageRequest::default()).unwrap().total, 0);
    }

    fn a_subscriber_may_be_verified_at_once_or_later(store: &Store) {
        let (s, _) = store.create_subscriber(NewSubscriber { verified: true, ..subscribe("a@example.com", None) }).unwrap();
        assert!(s.verified_at.is_some());
        let (t, _) = store.create_subscriber(subscribe("b@example.com", None)).unwrap();
        assert!(store.verify_subscriber(t.id).unwrap().verified_at.is_some());
        assert_not_found(store.verify_subscriber(9999));
    }

    fn deleting_a_subscription_keeps_the_subscriber(store: &Store) {
        let (a, b) = (component(store, "A"), component(store, "B"));
        let (s, _) = store.create_subscriber(subscribe("ops@example.com", Some(vec![a.id, b.id]))).unwrap();
        let first = s.subscriptions.iter().find(|x| x.component_id == a.id).unwrap().id;
        store.delete_subscription(first).unwrap();
        assert_eq!(followed(&store.subscriber(s.id).unwrap()), [b.id]);
        assert_not_found(store.delete_subscription(first));
    }

    fn deleting_a_subscriber_deletes_their_subscriptions(store: &Store) {
        component(store, "A");
        let (s, _) = store.create_subscriber(subscribe("ops@example.com", None)).unwrap();
        store.delete_subscriber(s.id).unwrap();
        assert_not_found(store.subscriber(s.id));
        assert_eq!(crate::util::count_rows(store, "subscriptions"), 0);
        assert_not_found(store.delete_subscriber(s.id));
        let (again, created) = store.create_subscriber(subscribe("ops@example.com", None)).unwrap();
        assert!(created, "the address may subscribe again");
        assert_ne!(again.id, s.id);
    }
}

use cachet_core::model::*;
use serde_json::json;

use crate::util::{assert_invalid, assert_not_found};

cachet_core::backend_tests! {
    fn a_component_is_created_with_cachet_defaults(store: &Store) {
        let c = store.create_component(NewComponent::new("API", ComponentStatus::Operational)).unwrap();
        assert_eq!(c.name, "API");
        assert_eq!(c.status, ComponentStatus::Operational);
        assert!(c.enabled);
        assert_eq!(c.group_id, None);
        assert_eq!(c.description, "");
        assert!(c.tags.is_empty());
        assert_eq!(store.component(c.id).unwrap(), c);
    }

    fn tags_meta_and_link_round_trip(store: &Store) {
        let mut input = NewComponent::new("Web", ComponentStatus::PartialOutage);
        input.tags = vec!["Foo".into(), "Bar Baz".into(), "foo".into()];
        input.meta = Some(json!({"id": 123456789, "team": "core"}));
        input.link = Some("https://example.com/web".into());
        let c = store.create_component(input).unwrap();
        let tags: Vec<_> = c.tags.iter().map(|t| (t.slug.as_str(), t.name.as_str())).collect();
        assert_eq!(tags, [("bar-baz", "Bar Baz"), ("foo", "Foo")]);
        assert_eq!(c.meta, Some(json!({"id": 123456789, "team": "core"})));
        assert_eq!(c.link.as_deref(), Some("https://example.com/web"));
    }

    fn invalid_components_are_rejected_and_nothing_is_written(store: &Store) {
        assert_invalid(store.create_component(NewComponent::new("  ", ComponentStatus::Operational)), "name");
        let mut bad_link = NewComponent::new("X", ComponentStatus::Operational);
        bad_link.link = Some("javascript:alert(1)".into());
        assert_invalid(store.create_component(bad_link), "link");
        let mut bad_meta = NewComponent::new("X", ComponentStatus::Operational);
        bad_meta.meta = Some(json!([1, 2]));
        assert_invalid(store.create_component(bad_meta), "meta");
        let mut bad_group = NewComponent::new("X", ComponentStatus::Operational);
        bad_group.group_id = Some(999);
        assert_invalid(store.create_component(bad_group), "group_id");
        let all = store.list_components(&ComponentQuery { viewer: Viewer::Authenticated, ..Default::default() }).unwrap();
        assert_eq!(all.total, 0);
    }

    fn updates_change_only_given_fields_and_tags_replace(store: &Store) {
        let mut input = NewComponent::new("API", ComponentStatus::Operational);
        input.tags = vec!["a".into(), "b".into()];
        input.enabled = false;
        let c = store.create_component(input).unwrap();
        let updated = store
            .update_component(c.id, ComponentPatch { name: Some("API v2".into()), tags: Some(vec!["c".into()]), ..Default::default() })
            .unwrap();
        assert_eq!(updated.name, "API v2");
        assert!(!updated.enabled, "enabled must be kept");
        assert_eq!(updated.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), ["c"]);
        assert_not_found(store.update_component(9999, ComponentPatch::default()));
    }

    fn status_changes_are_recorded_in_the_history(store: &Store) {
        let c = store.create_component(NewComponent::new("API", ComponentStatus::Operational)).unwrap();
        store.set_component_status(c.id, ComponentStatus::MajorOutage, "health check failed").unwrap();
        store.set_component_status(c.id, ComponentStatus::MajorOutage, "again").unwrap();
        store.update_component(c.id, ComponentPatch { status: Some(ComponentStatus::Operational), ..Default::default() }).unwrap();
        let history = store.status_history(c.id, 10).unwrap();
        let seen: Vec<_> = history.iter().rev().map(|h| (h.old_status, h.new_status, h.reason.as_str())).collect();
        assert_eq!(
            seen,
            [
                (None, ComponentStatus::Operational, "created"),
                (Some(ComponentStatus::Operational), ComponentStatus::MajorOutage, "health check failed"),
                (Some(ComponentStatus::MajorOutage), ComponentStatus::Operational, "updated"),
            ]
        );
    }

    fn listing_filters_sorts_and_pages_in_sql(store: &Store) {
        for (i, status) in [1, 4, 1, 3, 1].into_iter().enumerate() {
            let mut input = NewComponent::new(format!("c{i}"), ComponentStatus::from_value(status).unwrap());
            input.order = 10 - i as i32;
            input.enabled = i != 4;
            input.tags = if i % 2 == 0 { vec!["even".into()] } else { vec![] };
            store.create_component(input).unwrap();
        }
        let auth = |q: ComponentQuery| store.list_components(&ComponentQuery { viewer: Viewer::Authenticated, ..q }).unwrap();
        let names = |p: Page<Component>| p.items.into_iter().map(|c| c.name).collect::<Vec<_>>();

        let guest = store.list_components(&ComponentQuery::default()).unwrap();
        assert_eq!(guest.total, 4, "guests see enabled components only");
        assert_eq!(auth(ComponentQuery::default()).total, 5);

        let ops = auth(ComponentQuery { status: Some(ComponentStatus::Operational), ..Default::default() });
        assert_eq!(names(ops), ["c0", "c2", "c4"]);

        let sorted = auth(ComponentQuery { sort: Some((ComponentSort::Order, SortOrder::Asc)), ..Default::default() });
        assert_eq!(names(sorted), ["c4", "c3", "c2", "c1", "c0"]);
        let desc = auth(ComponentQuery { sort: Some((ComponentSort::Name, SortOrder::Desc)), ..Default::default() });
        assert_eq!(names(desc), ["c4", "c3", "c2", "c1", "c0"]);

        let page2 = auth(ComponentQuery {
            status: Some(ComponentStatus::Operational),
            page: PageRequest::new(2, 2),
            ..Default::default()
        });
        assert_eq!((page2.total, page2.total_pages(), page2.page), (3, 2, 2));
        assert_eq!(names(page2), ["c4"]);

        let tagged = auth(ComponentQuery { tags: vec!["Even".into()], ..Default::default() });
        assert_eq!(names(tagged), ["c0", "c2", "c4"]);
    }

    fn components_are_found_by_id_or_name(store: &Store) {
        let c = store.create_component(NewComponent::new("Search API", ComponentStatus::Operational)).unwrap();
        assert_eq!(store.find_component("Search API").unwrap().id, c.id);
        assert_eq!(store.find_component(&c.id.to_string()).unwrap().id, c.id);
        assert_not_found(store.find_component("nope"));
    }

    fn deleting_a_component_removes_its_links(store: &Store) {
        let c = store.create_component(NewComponent::new("API", ComponentStatus::Operational)).unwrap();
        let mut incident = NewIncident::new("Down", IncidentStatus::Investigating, "x");
        incident.components = vec![AffectedComponent { component_id: c.id, status: ComponentStatus::MajorOutage }];
        let incident = store.create_incident(incident).unwrap();
        store.delete_component(c.id).unwrap();
        assert_not_found(store.component(c.id));
        let incident = store.incident(incident.id).unwrap();
        assert!(incident.components.is_empty());
        assert_eq!(incident.component_id, 0);
    }
}

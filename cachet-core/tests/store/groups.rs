//! Component groups: create, read, update, list options, visibility and delete.

use cachet_core::model::*;

use crate::util::{assert_invalid, assert_not_found, component};

cachet_core::backend_tests! {
    fn a_group_is_created_with_the_api_defaults(store: &Store) {
        let g = store.create_group(NewGroup::new("Backend")).unwrap();
        assert_eq!(g.name, "Backend");
        assert_eq!(g.order, 0);
        assert_eq!(g.collapsed, GroupCollapsed::Expanded);
        assert!(!g.visible, "groups are hidden unless asked, as in Cachet's API");
        assert_eq!(store.group(g.id).unwrap(), g);
        assert_eq!(store.find_group("Backend").unwrap().id, g.id);
        assert_eq!(store.find_group(&g.id.to_string()).unwrap().id, g.id);
    }

    fn a_group_without_a_name_is_rejected(store: &Store) {
        assert_invalid(store.create_group(NewGroup::new("   ")), "name");
        let g = store.create_group(NewGroup::new("Backend")).unwrap();
        assert_invalid(store.update_group(g.id, GroupPatch { name: Some(String::new()), ..Default::default() }), "name");
        assert_eq!(store.group(g.id).unwrap().name, "Backend");
    }

    fn updating_a_group_changes_only_the_given_fields(store: &Store) {
        let mut input = NewGroup::new("Backend");
        input.order = 3;
        let g = store.create_group(input).unwrap();
        let u = store
            .update_group(g.id, GroupPatch {
                collapsed: Some(GroupCollapsed::CollapsedUnlessIssues),
                visible: Some(true),
                ..Default::default()
            })
            .unwrap();
        assert_eq!((u.name.as_str(), u.order), ("Backend", 3));
        assert_eq!(u.collapsed, GroupCollapsed::CollapsedUnlessIssues);
        assert!(u.visible);
        assert_not_found(store.update_group(9999, GroupPatch::default()));
        assert_not_found(store.group(9999));
        assert_not_found(store.find_group("nope"));
    }

    fn group_listing_filters_sorts_pages_and_hides_invisible_groups_from_guests(store: &Store) {
        for (name, order, visible, collapsed) in [
            ("b", 2, true, GroupCollapsed::Expanded),
            ("a", 3, false, GroupCollapsed::Collapsed),
            ("c", 1, true, GroupCollapsed::Collapsed),
        ] {
            store.create_group(NewGroup { name: name.into(), order, visible, collapsed }).unwrap();
        }
        let names = |p: Page<ComponentGroup>| p.items.into_iter().map(|g| g.name).collect::<Vec<_>>();
        let auth = |q: GroupQuery| store.list_groups(&GroupQuery { viewer: Viewer::Authenticated, ..q }).unwrap();

        assert_eq!(names(store.list_groups(&GroupQuery::default()).unwrap()), ["c", "b"], "guests: visible, by order");
        assert_eq!(names(auth(GroupQuery::default())), ["c", "b", "a"]);
        assert_eq!(names(auth(GroupQuery { visible: Some(false), ..Default::default() })), ["a"]);
        assert_eq!(names(auth(GroupQuery { collapsed: Some(GroupCollapsed::Collapsed), ..Default::default() })), ["c", "a"]);
        assert_eq!(names(auth(GroupQuery { name: Some("b".into()), ..Default::default() })), ["b"]);
        assert_eq!(names(auth(GroupQuery { sort: Some((GroupSort::Name, SortOrder::Desc)), ..Default::default() })), ["c", "b", "a"]);
        let page = auth(GroupQuery { page: PageRequest::new(2, 2), ..Default::default() });
        assert_eq!((page.total, page.total_pages()), (3, 2));
        assert_eq!(names(page), ["a"]);
    }

    fn deleting_a_group_ungroups_its_members(store: &Store) {
        let g = store.create_group(NewGroup::new("Backend")).unwrap();
        let mut input = NewComponent::new("API", ComponentStatus::Operational);
        input.group_id = Some(g.id);
        let member = store.create_component(input).unwrap();
        let other = component(store, "Web");
        store.delete_group(g.id).unwrap();
        assert_not_found(store.group(g.id));
        assert_eq!(store.component(member.id).unwrap().group_id, None);
        assert_eq!(store.component(member.id).unwrap().status, ComponentStatus::Operational);
        assert_eq!(store.component(other.id).unwrap().group_id, None);
        assert_not_found(store.delete_group(g.id));
    }
}

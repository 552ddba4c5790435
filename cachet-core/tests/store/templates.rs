//! Incident templates: slugs, uniqueness, listing, delete and the substitution-only sandbox.

use cachet_core::model::*;

use crate::util::{assert_conflict, assert_invalid, assert_not_found};

cachet_core::backend_tests! {
    fn a_template_gets_a_slug_from_its_name(store: &Store) {
        let t = store.create_template("Database Down", "{{ incident.name }}").unwrap();
        assert_eq!((t.name.as_str(), t.slug.as_str(), t.template.as_str()), ("Database Down", "database-down", "{{ incident.name }}"));
        assert_eq!(store.template(t.id).unwrap(), t);
    }

    fn template_slugs_are_unique(store: &Store) {
        store.create_template("Database Down", "a").unwrap();
        assert_conflict(store.create_template("database   down", "b"));
        assert_eq!(store.list_templates(None, PageRequest::default()).unwrap().total, 1);
    }

    fn invalid_templates_are_rejected(store: &Store) {
        assert_invalid(store.create_template(" ", "x"), "name");
        assert_invalid(store.create_template("!!!", "x"), "name");
        assert_invalid(store.create_template("Empty", "  "), "template");
    }

    fn templates_are_listed_sorted_and_deleted(store: &Store) {
        let b = store.create_template("Beta", "b").unwrap();
        let a = store.create_template("Alpha", "a").unwrap();
        let ids = |p: Page<IncidentTemplate>| p.items.into_iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(store.list_templates(None, PageRequest::default()).unwrap()), [b.id, a.id]);
        assert_eq!(ids(store.list_templates(Some((TemplateSort::Name, SortOrder::Asc)), PageRequest::default()).unwrap()), [a.id, b.id]);
        store.delete_template(b.id).unwrap();
        assert_not_found(store.template(b.id));
        assert_not_found(store.delete_template(b.id));
    }

    fn a_template_cannot_run_code_or_read_files(store: &Store) {
        store.create_template("Sneaky", "{% include '/etc/passwd' %}{{ incident.name }}{{ 7*7 }}{{ x | system }}").unwrap();
        let mut input = NewIncident::new("Down", IncidentStatus::Investigating, "");
        input.template = Some("sneaky".into());
        let i = store.create_incident(input).unwrap();
        assert_eq!(i.message, "{% include '/etc/passwd' %}Down{{ 7*7 }}{{ x | system }}");
    }
}

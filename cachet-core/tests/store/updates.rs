//! Incident updates: their effect on the incident, validation, order, edits and deletes.

use cachet_core::model::*;

use crate::util::{assert_invalid, assert_not_found};

fn update(status: IncidentStatus, message: &str) -> NewIncidentUpdate {
    NewIncidentUpdate { status, message: message.into(), user_id: None }
}

fn open(store: &cachet_core::Store, name: &str) -> Incident {
    store.create_incident(NewIncident::new(name, IncidentStatus::Investigating, "m")).unwrap()
}

cachet_core::backend_tests! {
    fn an_update_sets_the_incident_status_and_resolution(store: &Store) {
        let i = open(store, "Down");
        let u = store.create_incident_update(i.id, update(IncidentStatus::Fixed, "Fixed it.")).unwrap();
        assert_eq!((u.incident_id, u.status, u.message.as_str()), (i.id, IncidentStatus::Fixed, "Fixed it."));
        let fixed = store.incident(i.id).unwrap();
        assert_eq!((fixed.status, fixed.is_resolved), (IncidentStatus::Fixed, true));
        store.create_incident_update(i.id, update(IncidentStatus::Watching, "It came back.")).unwrap();
        let reopened = store.incident(i.id).unwrap();
        assert_eq!((reopened.status, reopened.is_resolved), (IncidentStatus::Watching, false));
    }

    fn an_update_with_status_0_or_no_message_is_rejected(store: &Store) {
        let i = open(store, "Down");
        assert_invalid(store.create_incident_update(i.id, update(IncidentStatus::Scheduled, "x")), "status");
        assert_invalid(store.create_incident_update(i.id, update(IncidentStatus::Identified, " ")), "message");
        assert_not_found(store.create_incident_update(9999, update(IncidentStatus::Identified, "x")));
        assert!(store.incident(i.id).unwrap().updates.is_empty());
    }

    fn updates_are_listed_newest_first(store: &Store) {
        let i = open(store, "Down");
        let ids: Vec<i64> = [IncidentStatus::Identified, IncidentStatus::Watching, IncidentStatus::Fixed]
            .into_iter()
            .map(|s| store.create_incident_update(i.id, update(s, "step")).unwrap().id)
            .collect();
        let page = store.list_incident_updates(i.id, None, PageRequest::default()).unwrap();
        assert_eq!(page.total, 3);
        assert_eq!(page.items.iter().map(|u| u.id).collect::<Vec<_>>(), [ids[2], ids[1], ids[0]]);
        let embedded: Vec<_> = store.incident(i.id).unwrap().updates.iter().map(|u| u.id).collect();
        assert_eq!(embedded, [ids[2], ids[1], ids[0]]);
        let second = store.list_incident_updates(i.id, None, PageRequest::new(2, 2)).unwrap();
        assert_eq!(second.items.iter().map(|u| u.id).collect::<Vec<_>>(), [ids[0]]);
        assert_not_found(store.list_incident_updates(9999, None, PageRequest::default()));
    }

    fn editing_the_latest_update_changes_the_incident_status(store: &Store) {
        let i = open(store, "Down");
        let first = store.create_incident_update(i.id, update(IncidentStatus::Identified, "a")).unwrap();
        let latest = store.create_incident_update(i.id, update(IncidentStatus::Watching, "b")).unwrap();
        let edited = store
            .update_incident_update(i.id, latest.id, IncidentUpdatePatch { status: Some(IncidentStatus::Fixed), message: Some("done".into()) })
            .unwrap();
        assert_eq!((edited.status, edited.message.as_str()), (IncidentStatus::Fixed, "done"));
        let incident = store.incident(i.id).unwrap();
        assert_eq!((incident.status, incident.is_resolved), (IncidentStatus::Fixed, true));
        store
            .update_incident_update(i.id, first.id, IncidentUpdatePatch { status: Some(IncidentStatus::Investigating), message: None })
            .unwrap();
        assert_eq!(store.incident(i.id).unwrap().status, IncidentStatus::Fixed, "an older update does not change the incident");
        assert_invalid(
            store.update_incident_update(i.id, first.id, IncidentUpdatePatch { status: Some(IncidentStatus::Scheduled), message: None }),
            "status",
        );
    }

    fn deleting_the_fixed_update_reopens_the_incident(store: &Store) {
        let i = open(store, "Down");
        let u = store.create_incident_update(i.id, update(IncidentStatus::Fixed, "done")).unwrap();
        // The incident's own status is now Fixed too, so it stays resolved (Cachet's rule).
        store.update_incident(i.id, IncidentPatch { status: Some(IncidentStatus::Watching), ..Default::default() }).unwrap();
        assert!(store.incident(i.id).unwrap().is_resolved, "the latest update is Fixed");
        store.delete_incident_update(i.id, u.id).unwrap();
        assert_not_found(store.incident_update(i.id, u.id));
        assert!(!store.incident(i.id).unwrap().is_resolved);
        assert_not_found(store.delete_incident_update(i.id, u.id));
    }

    fn an_update_is_not_found_through_another_incident(store: &Store) {
        let (a, b) = (open(store, "A"), open(store, "B"));
        let u = store.create_incident_update(a.id, update(IncidentStatus::Identified, "x")).unwrap();
        assert_eq!(store.incident_update(a.id, u.id).unwrap(), u);
        assert_not_found(store.incident_update(b.id, u.id));
        assert_not_found(store.update_incident_update(b.id, u.id, IncidentUpdatePatch::default()));
        assert_not_found(store.delete_incident_update(b.id, u.id));
        assert_not_found(store.incident_update(9999, u.id));
        assert_eq!(store.incident_update(a.id, u.id).unwrap(), u, "nothing changed through the wrong incident");
    }
}

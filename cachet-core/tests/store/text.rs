//! Text rules on every write: names and labels on one line without control characters, long texts
//! with line breaks and tabs but no other control characters, links only http, https or mailto.

use cachet_core::model::*;

use crate::util::{assert_invalid, component};

/// Values no name may hold.
const BAD_NAMES: [&str; 5] = ["Two\nlines", "Carriage\rreturn", "Tab\tbed", "NUL\0", "Escape\u{1b}[31m"];

cachet_core::backend_tests! {
    fn every_name_refuses_line_breaks_and_control_characters(store: &Store) {
        let api = component(store, "API");
        let incident = store.create_incident(NewIncident::new("Errors", IncidentStatus::Investigating, "m")).unwrap();
        let schedule = store.create_schedule(NewSchedule::new("Upgrade", store.now())).unwrap();
        let metric = store.create_metric(NewMetric::new("Latency", "ms")).unwrap();
        let group = store.create_group(NewGroup::new("Core")).unwrap();
        for bad in BAD_NAMES {
            assert_invalid(store.create_component(NewComponent::new(bad, ComponentStatus::Operational)), "name");
            assert_invalid(store.update_component(api.id, ComponentPatch { name: Some(bad.into()), ..Default::default() }), "name");
            assert_invalid(store.update_component(api.id, ComponentPatch { tags: Some(vec![bad.into()]), ..Default::default() }), "tags");
            assert_invalid(store.set_component_status(api.id, ComponentStatus::MajorOutage, bad), "reason");
            assert_invalid(store.create_group(NewGroup::new(bad)), "name");
            assert_invalid(store.update_group(group.id, GroupPatch { name: Some(bad.into()), ..Default::default() }), "name");
            assert_invalid(store.create_incident(NewIncident::new(bad, IncidentStatus::Investigating, "m")), "name");
            assert_invalid(store.update_incident(incident.id, IncidentPatch { name: Some(bad.into()), ..Default::default() }), "name");
            assert_invalid(store.create_schedule(NewSchedule::new(bad, store.now())), "name");
            assert_invalid(store.update_schedule(schedule.id, SchedulePatch { name: Some(bad.into()), ..Default::default() }), "name");
            assert_invalid(store.create_metric(NewMetric::new(bad, "ms")), "name");
            assert_invalid(store.create_metric(NewMetric::new("Load", bad)), "suffix");
            assert_invalid(store.update_metric(metric.id, MetricPatch { name: Some(bad.into()), ..Default::default() }), "name");
            assert_invalid(store.create_template(bad, "{{ name }} is down"), "name");
            assert_invalid(store.create_token(bad), "name");
            assert_invalid(store.create_first_token(bad), "name");
            assert_invalid(
                store.create_subscriber(NewSubscriber {
                    email: "ops@example.com".into(),
                    phone_number: Some(bad.into()),
                    ..Default::default()
                }),
                "phone_number",
            );
            assert_invalid(store.set_setting("app_name", bad), "app_name");
        }
        let unchanged = store.component(api.id).unwrap();
        assert_eq!((unchanged.name.as_str(), unchanged.status), ("API", ComponentStatus::Operational));
        assert!(store.list_tokens().unwrap().is_empty());
        assert_eq!(store.settings().unwrap().app_name(), "Cachet");
    }

    fn messages_keep_line_breaks_and_tabs_but_refuse_other_control_characters(store: &Store) {
        let text = "Line one\r\nLine two\n\n\tindented";
        let incident = store.create_incident(NewIncident::new("Errors", IncidentStatus::Investigating, text)).unwrap();
        assert_eq!(store.incident(incident.id).unwrap().message, text);
        let mut input = NewComponent::new("API", ComponentStatus::Operational);
        input.description = text.into();
        assert_eq!(store.create_component(input).unwrap().description, text);
        for bad in ["NUL \0 byte", "bell \u{7}", "escape \u{1b}[2J", "form feed \u{c}"] {
            assert_invalid(store.create_incident(NewIncident::new("Errors", IncidentStatus::Investigating, bad)), "message");
            let update = NewIncidentUpdate { status: IncidentStatus::Identified, message: bad.into(), user_id: None };
            assert_invalid(store.create_incident_update(incident.id, update), "message");
            assert_invalid(store.resolve_incident(incident.id, bad), "message");
            let mut input = NewComponent::new("API", ComponentStatus::Operational);
            input.description = bad.into();
            assert_invalid(store.create_component(input), "description");
            let mut input = NewSchedule::new("Upgrade", store.now());
            input.message = bad.into();
            assert_invalid(store.create_schedule(input), "message");
            assert_invalid(store.create_template("Outage", bad), "template");
            assert_invalid(store.set_setting("app_about", bad), "app_about");
        }
        assert_eq!(store.incident(incident.id).unwrap().updates.len(), 0);
    }

    fn links_are_http_https_or_mailto(store: &Store) {
        for (link, kept) in [("https://status.example.com", true), ("mailto:ops@example.com", true), ("javascript:alert(1)", false), ("data:text/html,x", false), ("ftp://x.io", false)] {
            let mut input = NewComponent::new("API", ComponentStatus::Operational);
            input.link = Some(link.into());
            let result = store.create_component(input);
            if kept {
                assert_eq!(result.unwrap().link.as_deref(), Some(link));
            } else {
                assert_invalid(result, "link");
            }
        }
        let api = component(store, "Mail");
        let patch = ComponentPatch { link: Some("JavaScript:alert(1)".into()), ..Default::default() };
        assert_invalid(store.update_component(api.id, patch), "link");
        let subscriber = NewSubscriber {
            email: "ops@example.com".into(),
            slack_webhook_url: Some("mailto:ops@example.com".into()),
            ..Default::default()
        };
        assert_invalid(store.create_subscriber(subscriber), "slack_webhook_url");
    }
}

//! Text the API would refuse today, in rows written before the rules, by hand or by another
//! program: characters XML 1.0 forbids never reach a feed or a badge, and a link with a scheme
//! other than http, https or mailto never reaches the page.

use cachet_core::model::{
    AffectedComponent, ComponentStatus, IncidentStatus, NewComponent, NewGroup, NewIncident, NewIncidentUpdate,
};

use crate::support::{assert_well_formed_xml, site_tests};

/// Characters XML 1.0 forbids that a Rust string can hold.
const FORBIDDEN: [char; 4] = ['\u{1}', '\u{8}', '\u{FFFE}', '\u{FFFF}'];

fn parse_feed(body: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(body.as_bytes()).unwrap_or_else(|e| panic!("feed does not parse: {e}\n{body}"))
}

site_tests! {
    async fn characters_xml_forbids_never_reach_feeds_or_badges(site: Site) {
        // U+FFFE and U+FFFF pass the name rule (they are not control characters); the C0 controls
        // come from rows written behind the store's back.
        let (group, api, incident) = site.with_store(|s| {
            let group = s.create_group(NewGroup { visible: true, ..NewGroup::new("Core \u{FFFE}") }).unwrap();
            let api = s
                .create_component(NewComponent { group_id: Some(group.id), ..NewComponent::new("API \u{FFFF}", ComponentStatus::MajorOutage) })
                .unwrap();
            let incident = s
                .create_incident(NewIncident {
                    components: vec![AffectedComponent { component_id: api.id, status: ComponentStatus::MajorOutage }],
                    ..NewIncident::new("Outage \u{FFFE}\u{FFFF}", IncidentStatus::Investigating, "Details \u{FFFF}")
                })
                .unwrap();
            let update = NewIncidentUpdate { status: IncidentStatus::Identified, message: "Found \u{FFFE}".into(), user_id: None };
            s.create_incident_update(incident.id, update).unwrap();
            s.set_setting("app_name", "Status \u{FFFF}").unwrap();
            (group.id, api.id, incident.id)
        })
        .await;
        site.execute(&format!(
            "UPDATE incidents SET name = 'Old \u{1} row \u{FFFE} end', message = 'Bell \u{8} and \u{1} here' WHERE id = {incident}; \
             UPDATE incident_updates SET message = 'Back\u{8}space' WHERE incident_id = {incident}; \
             UPDATE components SET name = 'Old\u{1}API\u{FFFF}' WHERE id = {api}"
        ));
        for path in ["/atom".to_string(), "/rss".into(), "/history.atom".into(), "/history.rss".into(), format!("/atom/{group}"), format!("/rss/{group}")] {
            let body = site.text(&path).await;
            assert!(!body.contains(FORBIDDEN), "{path} holds a character XML forbids: {body:?}");
            assert_well_formed_xml(&body);
            let feed = parse_feed(&body);
            assert_eq!(feed.entries.len(), 1, "{path}");
            assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Old  row  end", "{path}: the rest of the title stays");
        }
        for path in [format!("/components/{api}/badge.svg"), "/badge.svg".into(), "/favicon.svg".into()] {
            let body = site.text(&path).await;
            assert!(!body.contains(FORBIDDEN), "{path}: {body:?}");
            assert_well_formed_xml(&body);
        }
        assert!(site.text(&format!("/components/{api}/badge.svg")).await.contains("OldAPI: major outage"));
    }

    async fn a_stored_link_with_another_scheme_never_reaches_the_page(site: Site) {
        let (bad, data, good, incident) = site.with_store(|s| {
            let link = |name: &str, link: &str| {
                s.create_component(NewComponent { link: Some(link.into()), ..NewComponent::new(name, ComponentStatus::Operational) }).unwrap().id
            };
            let message = "[a](vbscript:msgbox(1)) [b](data:text/html,x) [c](ftp://x.io/f) [d](https://docs.example.com)";
            let incident = s.create_incident(NewIncident::new("Errors", IncidentStatus::Investigating, message)).unwrap();
            (
                link("Script", "https://placeholder.example.com"),
                link("Data", "https://placeholder.example.com"),
                link("Docs", "https://docs.example.com/status"),
                incident.id,
            )
        })
        .await;
        // As an old row or a hand edit would have them: the store refuses these links today.
        site.execute(&format!(
            "UPDATE components SET link = 'javascript:alert(1)' WHERE id = {bad}; \
             UPDATE components SET link = ' JavaScript:alert(2)' WHERE id = {data}"
        ));
        for path in ["/".to_string(), format!("/incidents/{incident}")] {
            let html = site.text(&path).await.to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:text", "ftp:"] {
                assert!(!html.contains(scheme), "{path} carries {scheme}");
            }
            assert!(html.contains("href=\"https://docs.example.com"), "{path}: good links stay");
        }
        let html = site.text("/").await;
        assert!(html.contains("<span class=\"name\">Script</span>"), "the name stays, without a link");
        assert!(html.contains("href=\"https://docs.example.com/status\""));
        for (id, link) in [(bad, serde_json::Value::Null), (data, serde_json::Value::Null), (good, "https://docs.example.com/status".into())] {
            let body: serde_json::Value = site.get(&format!("/api/v1/components/{id}")).await.json().await.unwrap();
            assert_eq!(body["data"]["link"], link, "component {id} in the API");
        }
    }
}

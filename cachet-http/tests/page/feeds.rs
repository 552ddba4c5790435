//! Feeds read back with feed-rs, the calendar with the `ical` parser, badges as SVG, and the
//! event stream as raw Server-Sent Events.

use std::time::Duration as StdDuration;

use cachet_core::model::{
    ComponentStatus, IncidentStatus, NewComponent, NewGroup, NewIncident, NewIncidentUpdate, NewSchedule,
};
use chrono::{Duration, TimeZone, Utc};
use futures_util::StreamExt;
use reqwest::StatusCode;

use crate::support::{HOSTILE, Site, site_tests};

async fn seed_incidents(site: &Site) -> (i64, i64) {
    site.with_store(|s| {
        let group = s.create_group(NewGroup { visible: true, ..NewGroup::new("Core") }).unwrap();
        let api = s
            .create_component(NewComponent {
                group_id: Some(group.id),
                ..NewComponent::new("API", ComponentStatus::Operational)
            })
            .unwrap();
        let first = s
            .create_incident(NewIncident {
                components: vec![cachet_core::model::AffectedComponent {
                    component_id: api.id,
                    status: ComponentStatus::PartialOutage,
                }],
                ..NewIncident::new("API errors", IncidentStatus::Investigating, "Looking into **it**")
            })
            .unwrap();
        s.create_incident_update(
            first.id,
            NewIncidentUpdate { status: IncidentStatus::Fixed, message: "Fixed the pool".into(), user_id: None },
        )
        .unwrap();
        s.create_incident(NewIncident::new(HOSTILE, IncidentStatus::Investigating, HOSTILE)).unwrap();
        (group.id, first.id)
    })
    .await
}

fn parse_feed(body: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(body.as_bytes()).unwrap_or_else(|e| panic!("feed does not parse: {e}\n{body}"))
}

site_tests! {
    async fn the_atom_feed_parses_and_lists_incidents_with_updates(site: Site) {
        let (_, id) = seed_incidents(&site).await;
        let response = site.get("/atom").await;
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
        let feed = parse_feed(&response.text().await.unwrap());
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.entries.len(), 2);
        let entry = feed.entries.iter().find(|e| e.title.as_ref().unwrap().content == "API errors").unwrap();
        assert!(entry.links[0].href.ends_with(&format!("/incidents/{id}")));
        let content = entry.content.as_ref().unwrap().body.as_ref().unwrap();
        assert!(content.contains("<strong>it</strong>") && content.contains("Fixed the pool"), "{content}");
        assert!(feed.entries.iter().any(|e| e.title.as_ref().unwrap().content == HOSTILE), "hostile title round-trips as text");
    }

    async fn the_rss_feed_parses_and_lists_incidents(site: Site) {
        seed_incidents(&site).await;
        for path in ["/rss", "/history.rss"] {
            let feed = parse_feed(&site.text(path).await);
            assert_eq!(feed.feed_type, feed_rs::model::FeedType::RSS2, "{path}");
            assert_eq!(feed.entries.len(), 2);
            assert!(feed.entries.iter().any(|e| e.title.as_ref().unwrap().content == "API errors"));
            assert!(feed.entries.iter().all(|e| e.published.is_some()));
        }
        assert_eq!(parse_feed(&site.text("/history.atom").await).entries.len(), 2);
    }

    async fn a_group_feed_has_only_incidents_of_its_components(site: Site) {
        let (group, _) = seed_incidents(&site).await;
        for path in [format!("/atom/{group}"), format!("/rss/{group}")] {
            let feed = parse_feed(&site.text(&path).await);
            let titles: Vec<_> = feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
            assert_eq!(titles, vec!["API errors".to_string()], "{path}");
        }
        assert_eq!(site.get("/atom/99999").await.status(), StatusCode::NOT_FOUND);
    }

    async fn the_calendar_parses_with_utc_times_and_escaped_text(site: Site) {
        let start = Utc.with_ymd_and_hms(2030, 5, 1, 22, 0, 0).unwrap();
        let id = site.with_store(move |s| {
            s.create_schedule(NewSchedule {
                message: "Line one; still, one\nLine two".into(),
                completed_at: Some(start + Duration::hours(2)),
                ..NewSchedule::new(format!("Database upgrade {}", "x".repeat(80)), start)
            })
            .unwrap()
            .id
        })
        .await;
        let response = site.get("/schedules.ics").await;
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
        let body = response.text().await.unwrap();
        assert!(body.lines().count() > 5 && body.split("\r\n").all(|l| l.len() <= 75), "CRLF and folded lines");
        assert!(!body.replace("\r\n", "").contains('\n'), "only CRLF line ends");
        let calendar = ical::IcalParser::new(std::io::BufReader::new(body.as_bytes())).next().unwrap().unwrap();
        assert_eq!(calendar.events.len(), 1);
        let prop = |name: &str| {
            calendar.events[0].properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_else(|| panic!("no {name}"))
        };
        assert_eq!(prop("DTSTART"), "20300501T220000Z");
        assert_eq!(prop("DTEND"), "20300502T000000Z");
        assert!(prop("UID").starts_with(&format!("schedule-{id}@")));
        assert!(prop("DTSTAMP").ends_with('Z'));
        assert_eq!(prop("SUMMARY"), format!("Database upgrade {}", "x".repeat(80)), "unfolded");
        assert_eq!(prop("DESCRIPTION"), "Line one\\; still\\, one\\nLine two");
    }

    async fn badges_are_svg_with_escaped_labels_and_a_short_cache(site: Site) {
        let (ok, down) = site.with_store(|s| {
            (
                s.create_component(NewComponent::new("<API & \"co\">", ComponentStatus::Operational)).unwrap().id,
                s.create_component(NewComponent::new("Mail", ComponentStatus::MajorOutage)).unwrap().id,
            )
        })
        .await;
        let response = site.get(&format!("/components/{ok}/badge.svg")).await;
        assert_eq!(response.headers()["cache-control"], "public, max-age=60");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("image/svg+xml"));
        let svg = response.text().await.unwrap();
        assert!(svg.contains("&lt;API &amp; &quot;co&quot;&gt;: operational") && !svg.contains("<API"), "{svg}");
        assert!(svg.contains("#2e7d32"));
        let svg = site.text(&format!("/components/{down}/badge.svg")).await;
        assert!(svg.contains("Mail: major outage") && svg.contains("#c62828"));
        let overall = site.text("/badge.svg").await;
        assert!(overall.contains("major outage"), "{overall}");
        assert_eq!(site.get("/components/99999/badge.svg").await.status(), StatusCode::NOT_FOUND);
    }

    async fn the_favicon_follows_the_status(site: Site) {
        let green = site.text("/favicon.svg").await;
        assert!(green.starts_with("<svg") && green.contains("#2e7d32"), "operational: {green}");
        let id = site.with_store(|s| s.create_component(NewComponent::new("API", ComponentStatus::PerformanceIssues)).unwrap().id).await;
        assert!(site.text("/favicon.svg").await.contains("#8a6d00"), "medium while a component is degraded");
        site.with_store(move |s| s.set_component_status(id, ComponentStatus::MajorOutage, "down").unwrap()).await;
        assert!(site.text("/favicon.svg").await.contains("#c62828"), "alert during a major outage");
        assert!(site.text("/").await.contains(r#"<link rel="icon" type="image/svg+xml" href="/favicon.svg">"#));
    }

    async fn the_event_stream_names_each_change(site: Site) {
        let response = site.client.get(format!("{}/events", site.url)).send().await.unwrap();
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        let mut stream = response.bytes_stream();
        let mut seen = String::new();
        let first = tokio::time::timeout(StdDuration::from_secs(5), stream.next()).await.unwrap().unwrap().unwrap();
        seen.push_str(&String::from_utf8_lossy(&first));
        assert!(seen.contains("event:hello"), "{seen}");
        site.with_store(|s| s.create_component(NewComponent::new("API", ComponentStatus::Operational)).unwrap()).await;
        let deadline = tokio::time::Instant::now() + StdDuration::from_secs(5);
        while !seen.contains("event:component") {
            let chunk = tokio::time::timeout_at(deadline, stream.next()).await.expect("event in time").unwrap().unwrap();
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

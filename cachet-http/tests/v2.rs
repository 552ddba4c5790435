//! The Statuspage-compatible API v2 over real HTTP, on SQLite always and on PostgreSQL and
//! MariaDB when their test URLs are set: every endpoint's shape, field by field (names, types,
//! nulls, enum strings), on a page with groups, a hidden group, a disabled component, an outage,
//! an open incident with updates on two components, a resolved and a hidden incident, and an
//! upcoming and an active maintenance window.

mod common;

use cachet_core::Store;
use cachet_core::model::{
    AffectedComponent, ComponentStatus, IncidentStatus, NewComponent, NewGroup, NewIncident, NewIncidentUpdate,
    NewSchedule,
};
use chrono::{DateTime, Duration, FixedOffset, Offset, TimeZone};
use common::Server;
use serde_json::Value;

/// Ids of what [`seed`] made.
#[derive(Clone, Copy)]
struct Seed {
    core: i64,
    internal: i64,
    api: i64,
    web: i64,
    secret: i64,
    cdn: i64,
    mail: i64,
    old: i64,
    open: i64,
    watching_update: i64,
    identified_update: i64,
    resolved: i64,
    hidden: i64,
    upcoming: i64,
    active: i64,
}

const TIME_ZONE: &str = "Europe/Berlin";

/// The page every test reads (see the file's doc).
fn seed(store: &Store) -> Seed {
    store.set_setting("app_name", "Acme Status").unwrap();
    store.set_setting("app_timezone", TIME_ZONE).unwrap();
    let core = store.create_group(NewGroup { order: 1, visible: true, ..NewGroup::new("Core") }).unwrap().id;
    let internal = store.create_group(NewGroup { order: 2, visible: false, ..NewGroup::new("Internal") }).unwrap().id;
    let component = |name: &str, status, group_id, order| {
        store
            .create_component(NewComponent {
                group_id,
                order,
                description: if name == "API" { "Public REST API".into() } else { String::new() },
                ..NewComponent::new(name, status)
            })
            .unwrap()
            .id
    };
    let api = component("API", ComponentStatus::Operational, Some(core), 1);
    let web = component("Web", ComponentStatus::Operational, Some(core), 2);
    let secret = component("Secret DB", ComponentStatus::MajorOutage, Some(internal), 1);
    let cdn = component("CDN", ComponentStatus::Operational, None, 3);
    let mail = component("Mail", ComponentStatus::Unknown, None, 4);
    let old = store
        .create_component(NewComponent { enabled: false, ..NewComponent::new("Old", ComponentStatus::MajorOutage) })
        .unwrap()
        .id;
    let now = store.now();
    let open = store
        .create_incident(NewIncident {
            occurred_at: Some(now - Duration::minutes(30)),
            components: vec![
                AffectedComponent { component_id: api, status: ComponentStatus::MajorOutage },
                AffectedComponent { component_id: web, status: ComponentStatus::PerformanceIssues },
            ],
            ..NewIncident::new("API down", IncidentStatus::Investigating, "We are looking into it.")
        })
        .unwrap()
        .id;
    let update = |status, message: &str| {
        store
            .create_incident_update(open, NewIncidentUpdate { status, message: message.into(), user_id: None })
            .unwrap()
            .id
    };
    let identified_update = update(IncidentStatus::Identified, "A bad deploy.");
    let watching_update = update(IncidentStatus::Watching, "Rolled back; watching.");
    let resolved = store
        .create_incident(NewIncident {
            occurred_at: Some(now - Duration::days(2)),
            ..NewIncident::new("Slow logins", IncidentStatus::Identified, "Logins are slow.")
        })
        .unwrap()
        .id;
    store.resolve_incident(resolved, "Fixed.").unwrap();
    let hidden = store
        .create_incident(NewIncident {
            visible: false,
            ..NewIncident::new("Internal only", IncidentStatus::Investigating, "Not for guests.")
        })
        .unwrap()
        .id;
    let upcoming = store
        .create_schedule(NewSchedule {
            message: "Database upgrade.".into(),
            completed_at: Some(now + Duration::days(1) + Duration::hours(2)),
            components: vec![web],
            ..NewSchedule::new("Upgrade", now + Duration::days(1))
        })
        .unwrap()
        .id;
    let active = store
        .create_schedule(NewSchedule {
            message: "Moving the CDN.".into(),
            completed_at: Some(now + Duration::hours(1)),
            components: vec![cdn],
            ..NewSchedule::new("CDN move", now - Duration::hours(1))
        })
        .unwrap()
        .id;
    Seed {
        core,
        internal,
        api,
        web,
        secret,
        cdn,
        mail,
        old,
        open,
        watching_update,
        identified_update,
        resolved,
        hidden,
        upcoming,
        active,
    }
}

async fn seeded(server: &Server) -> Seed {
    server.with_store(seed).await
}

/// Asserts `value` is an object with exactly these keys.
#[track_caller]
fn assert_keys(value: &Value, keys: &[&str]) {
    let object = value.as_object().unwrap_or_else(|| panic!("not an object: {value}"));
    let mut got: Vec<&str> = object.keys().map(String::as_str).collect();
    let mut want = keys.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "keys of {value}");
}

/// Asserts an ISO 8601 time with the page's offset at that instant; returns it.
#[track_caller]
fn assert_time(value: &Value) -> DateTime<FixedOffset> {
    let text = value.as_str().unwrap_or_else(|| panic!("not a time string: {value}"));
    let t = DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let tz: chrono_tz::Tz = TIME_ZONE.parse().unwrap();
    let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    assert_eq!(*t.offset(), offset, "{text} is not in {TIME_ZONE}");
    t
}

#[track_caller]
fn find<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {list}"))
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["id"].as_str().expect("string id").to_string()).collect()
}

const COMPONENT_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "position",
    "description",
    "showcase",
    "start_date",
    "group_id",
    "page_id",
    "group",
    "only_show_if_degraded",
];
const INCIDENT_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "impact",
    "created_at",
    "updated_at",
    "started_at",
    "monitoring_at",
    "resolved_at",
    "shortlink",
    "page_id",
    "incident_updates",
    "components",
];
const UPDATE_KEYS: &[&str] = &[
    "id",
    "incident_id",
    "status",
    "body",
    "created_at",
    "updated_at",
    "display_at",
    "affected_components",
    "deliver_notifications",
    "custom_tweet",
    "tweet_id",
];

backend_tests! {
    async fn page_object_names_the_configured_page(server: &Server) {
        seeded(server).await;
        let body = server.get_ok("/api/v2/status.json").await;
        let page = &body["page"];
        assert_keys(page, &["id", "name", "url", "time_zone", "updated_at"]);
        assert_eq!(page["id"], "acmestatus");
        assert_eq!(page["name"], "Acme Status");
        assert_eq!(page["url"], server.url.as_str());
        assert_eq!(page["time_zone"], TIME_ZONE);
        assert_time(&page["updated_at"]);
    }

    async fn status_json_is_critical_during_a_major_outage(server: &Server) {
        seeded(server).await;
        let body = server.get_ok("/api/v2/status.json").await;
        assert_keys(&body, &["page", "status"]);
        assert_keys(&body["status"], &["indicator", "description"]);
        assert_eq!(body["status"]["indicator"], "critical");
        assert_eq!(body["status"]["description"], "Major System Outage");
    }

    async fn status_json_is_all_operational_on_a_quiet_page(server: &Server) {
        server
            .with_store(|s| s.create_component(NewComponent::new("API", ComponentStatus::Operational)).unwrap())
            .await;
        let body = server.get_ok("/api/v2/status.json").await;
        assert_eq!(body["status"]["indicator"], "none");
        assert_eq!(body["status"]["description"], "All Systems Operational");
    }

    async fn status_json_says_maintenance_during_an_active_window(server: &Server) {
        server
            .with_store(|s| {
                let c = s.create_component(NewComponent::new("API", ComponentStatus::Operational)).unwrap();
                let now = s.now();
                s.create_schedule(NewSchedule { components: vec![c.id], ..NewSchedule::new("Work", now) }).unwrap();
            })
            .await;
        let body = server.get_ok("/api/v2/status.json").await;
        assert_eq!(body["status"]["indicator"], "maintenance");
        assert_eq!(body["status"]["description"], "Service Under Maintenance");
    }

    async fn components_json_lists_public_components_with_groups(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/components.json").await;
        assert_keys(&body, &["page", "components"]);
        let components = &body["components"];
        let group = format!("group-{}", seed.core);
        assert_eq!(
            ids(components),
            [group.clone(), seed.api.to_string(), seed.web.to_string(), seed.cdn.to_string(), seed.mail.to_string()],
            "groups first with their members, then ungrouped; hidden group, its member and disabled ones left out"
        );
        for hidden in [format!("group-{}", seed.internal), seed.secret.to_string(), seed.old.to_string()] {
            assert!(!ids(components).contains(&hidden), "{hidden} must not be public");
        }
    }

    async fn group_component_carries_its_members(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/components.json").await;
        let group = find(&body["components"], &format!("group-{}", seed.core));
        let mut keys = COMPONENT_KEYS.to_vec();
        keys.push("components");
        assert_keys(group, &keys);
        assert_eq!(group["name"], "Core");
        assert_eq!(group["group"], true);
        assert_eq!(group["group_id"], Value::Null);
        assert_eq!(group["status"], "major_outage", "a group shows its worst member");
        assert_eq!(group["components"], serde_json::json!([seed.api.to_string(), seed.web.to_string()]));
        assert_eq!(group["position"], 1);
        assert_eq!(group["description"], Value::Null);
        assert_eq!(group["page_id"], "acmestatus");
        assert_time(&group["created_at"]);
        assert_time(&group["updated_at"]);
    }

    async fn member_component_fields_follow_statuspage(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/components.json").await;
        let api = find(&body["components"], &seed.api.to_string());
        assert_keys(api, COMPONENT_KEYS);
        assert_eq!(api["name"], "API");
        assert_eq!(api["status"], "major_outage");
        assert_eq!(api["position"], 1);
        assert_eq!(api["description"], "Public REST API");
        assert_eq!(api["showcase"], true);
        assert_eq!(api["start_date"], Value::Null);
        assert_eq!(api["group_id"], format!("group-{}", seed.core));
        assert_eq!(api["page_id"], "acmestatus");
        assert_eq!(api["group"], false);
        assert_eq!(api["only_show_if_degraded"], false);
        assert_time(&api["created_at"]);
        assert_time(&api["updated_at"]);
        let mail = find(&body["components"], &seed.mail.to_string());
        assert_eq!(mail["description"], Value::Null, "an empty description is null");
        assert_eq!(mail["group_id"], Value::Null);
    }

    async fn component_statuses_map_to_statuspage_strings(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/components.json").await;
        let status = |id: i64| find(&body["components"], &id.to_string())["status"].clone();
        assert_eq!(status(seed.api), "major_outage");
        assert_eq!(status(seed.web), "degraded_performance");
        assert_eq!(status(seed.cdn), "under_maintenance", "inside an active window");
        assert_eq!(status(seed.mail), "degraded_performance", "unknown is not known to be fine");
    }

    async fn unresolved_incident_fields_follow_statuspage(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/incidents/unresolved.json").await;
        assert_keys(&body, &["page", "incidents"]);
        assert_eq!(ids(&body["incidents"]), [seed.open.to_string()]);
        let incident = &body["incidents"][0];
        assert_keys(incident, INCIDENT_KEYS);
        assert_eq!(incident["name"], "API down");
        assert_eq!(incident["status"], "monitoring", "the latest update's status");
        assert_eq!(incident["impact"], "critical", "worst affected status is a major outage");
        assert_eq!(incident["resolved_at"], Value::Null);
        let started = assert_time(&incident["started_at"]);
        assert!(assert_time(&incident["created_at"]) > started);
        assert_time(&incident["updated_at"]);
        assert_time(&incident["monitoring_at"]);
        assert_eq!(incident["shortlink"], format!("{}/incidents/{}", server.url, seed.open));
        assert_eq!(incident["page_id"], "acmestatus");
        assert_eq!(ids(&incident["components"]), [seed.api.to_string(), seed.web.to_string()]);
        assert_keys(&incident["components"][0], COMPONENT_KEYS);
    }

    async fn incident_updates_are_newest_first_with_the_opening_message_last(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/incidents/unresolved.json").await;
        let updates = &body["incidents"][0]["incident_updates"];
        assert_eq!(
            ids(updates),
            [seed.watching_update.to_string(), seed.identified_update.to_string(), format!("incident-{}", seed.open)]
        );
        let statuses: Vec<&str> = updates.as_array().unwrap().iter().map(|u| u["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["monitoring", "identified", "investigating"]);
        let latest = &updates[0];
        assert_keys(latest, UPDATE_KEYS);
        assert_eq!(latest["incident_id"], seed.open.to_string());
        assert_eq!(latest["body"], "Rolled back; watching.");
        assert_eq!(latest["affected_components"], Value::Null);
        assert_eq!(latest["deliver_notifications"], true);
        assert_eq!(latest["custom_tweet"], Value::Null);
        assert_eq!(latest["tweet_id"], Value::Null);
        assert_eq!(latest["display_at"], latest["created_at"]);
        assert_time(&latest["created_at"]);
        assert_time(&latest["updated_at"]);
        assert_eq!(updates[2]["body"], "We are looking into it.");
    }

    async fn incidents_json_lists_recent_visible_incidents_newest_first(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/incidents.json").await;
        assert_keys(&body, &["page", "incidents"]);
        assert_eq!(ids(&body["incidents"]), [seed.open.to_string(), seed.resolved.to_string()]);
        assert!(!ids(&body["incidents"]).contains(&seed.hidden.to_string()), "hidden incidents stay private");
    }

    async fn resolved_incident_has_resolved_status_and_time(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/incidents.json").await;
        let incident = find(&body["incidents"], &seed.resolved.to_string());
        assert_keys(incident, INCIDENT_KEYS);
        assert_eq!(incident["status"], "resolved");
        assert_eq!(incident["impact"], "none", "it affected no component");
        assert_eq!(incident["monitoring_at"], Value::Null);
        assert_eq!(incident["components"], serde_json::json!([]));
        let resolved_at = assert_time(&incident["resolved_at"]);
        assert!(resolved_at > assert_time(&incident["started_at"]));
        assert_eq!(incident["incident_updates"][0]["status"], "resolved");
        assert_eq!(incident["incident_updates"][0]["body"], "Fixed.");
    }

    async fn scheduled_maintenances_json_lists_every_window(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/scheduled-maintenances.json").await;
        assert_keys(&body, &["page", "scheduled_maintenances"]);
        assert_eq!(
            ids(&body["scheduled_maintenances"]),
            [format!("maintenance-{}", seed.upcoming), format!("maintenance-{}", seed.active)],
            "latest start first"
        );
    }

    async fn upcoming_maintenance_fields_follow_statuspage(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/scheduled-maintenances/upcoming.json").await;
        assert_keys(&body, &["page", "scheduled_maintenances"]);
        assert_eq!(ids(&body["scheduled_maintenances"]), [format!("maintenance-{}", seed.upcoming)]);
        let m = &body["scheduled_maintenances"][0];
        let mut keys = INCIDENT_KEYS.to_vec();
        keys.extend(["scheduled_for", "scheduled_until"]);
        assert_keys(m, &keys);
        assert_eq!(m["name"], "Upgrade");
        assert_eq!(m["status"], "scheduled");
        assert_eq!(m["impact"], "maintenance");
        let from = assert_time(&m["scheduled_for"]);
        assert_eq!(assert_time(&m["scheduled_until"]) - from, Duration::hours(2));
        assert_eq!(m["started_at"], m["scheduled_for"]);
        assert_eq!(m["monitoring_at"], Value::Null);
        assert_eq!(m["resolved_at"], Value::Null);
        assert_eq!(m["shortlink"], format!("{}/schedules/{}", server.url, seed.upcoming));
        assert_eq!(ids(&m["components"]), [seed.web.to_string()]);
        assert_keys(&m["incident_updates"][0], UPDATE_KEYS);
        assert_eq!(m["incident_updates"][0]["body"], "Database upgrade.");
        assert_eq!(m["incident_updates"][0]["status"], "scheduled");
    }

    async fn active_maintenance_is_in_progress(server: &Server) {
        let seed = seeded(server).await;
        let body = server.get_ok("/api/v2/scheduled-maintenances/active.json").await;
        assert_eq!(ids(&body["scheduled_maintenances"]), [format!("maintenance-{}", seed.active)]);
        let m = &body["scheduled_maintenances"][0];
        assert_eq!(m["status"], "in_progress");
        assert_eq!(m["impact"], "maintenance");
        assert_eq!(m["components"][0]["status"], "under_maintenance");
    }

    async fn completed_maintenance_is_completed_with_resolved_at(server: &Server) {
        let id = server
            .with_store(|s| {
                let now = s.now();
                s.create_schedule(NewSchedule {
                    completed_at: Some(now - Duration::hours(1)),
                    ..NewSchedule::new("Done", now - Duration::hours(3))
                })
                .unwrap()
                .id
            })
            .await;
        let body = server.get_ok("/api/v2/scheduled-maintenances.json").await;
        let m = find(&body["scheduled_maintenances"], &format!("maintenance-{id}"));
        assert_eq!(m["status"], "completed");
        assert_eq!(m["resolved_at"], m["scheduled_until"]);
        assert_eq!(m["incident_updates"], serde_json::json!([]), "no message, no update");
        let upcoming = server.get_ok("/api/v2/scheduled-maintenances/upcoming.json").await;
        assert_eq!(upcoming["scheduled_maintenances"], serde_json::json!([]));
    }

    async fn summary_json_combines_the_page(server: &Server) {
        let seed = seeded(server).await;
        let summary = server.get_ok("/api/v2/summary.json").await;
        assert_keys(&summary, &["page", "status", "components", "incidents", "scheduled_maintenances"]);
        let components = server.get_ok("/api/v2/components.json").await;
        let status = server.get_ok("/api/v2/status.json").await;
        assert_eq!(summary["page"], status["page"]);
        assert_eq!(summary["status"], status["status"]);
        assert_eq!(summary["components"], components["components"]);
        assert_eq!(ids(&summary["incidents"]), [seed.open.to_string()], "unresolved only");
        assert_eq!(
            ids(&summary["scheduled_maintenances"]),
            [format!("maintenance-{}", seed.active), format!("maintenance-{}", seed.upcoming)],
            "in progress and upcoming, by start"
        );
    }

    async fn responses_are_tagged_and_revalidate_to_304(server: &Server) {
        seeded(server).await;
        let url = format!("{}/api/v2/summary.json", server.url);
        let first = server.client.get(&url).send().await.unwrap();
        assert_eq!(first.status(), 200);
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(first.headers()["cache-control"].to_str().unwrap().contains("public"));
        let again = server.client.get(&url).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304);
    }

    async fn a_token_does_not_reveal_private_rows(server: &Server) {
        let seed = seeded(server).await;
        let response = server
            .client
            .get(format!("{}/api/v2/summary.json", server.url))
            .header("X-Cachet-Token", &server.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        let components = ids(&body["components"]);
        assert!(!components.contains(&format!("group-{}", seed.internal)));
        assert!(!components.contains(&seed.secret.to_string()));
        assert!(!components.contains(&seed.old.to_string()));
        assert!(!ids(&body["incidents"]).contains(&seed.hidden.to_string()));
    }

    async fn time_zone_header_sets_the_offset_of_times(server: &Server) {
        seeded(server).await;
        let response = server
            .client
            .get(format!("{}/api/v2/status.json", server.url))
            .header("Time-Zone", "Asia/Kolkata")
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert!(body["page"]["updated_at"].as_str().unwrap().ends_with("+05:30"), "{body}");
        assert_eq!(body["page"]["time_zone"], TIME_ZONE, "the page's own zone stays");
    }

    async fn a_write_is_seen_by_the_next_read(server: &Server) {
        let seed = seeded(server).await;
        server.get_ok("/api/v2/components.json").await;
        server
            .with_store(move |s| s.set_component_status(seed.mail, ComponentStatus::Operational, "fixed").unwrap())
            .await;
        let body = server.get_ok("/api/v2/components.json").await;
        assert_eq!(find(&body["components"], &seed.mail.to_string())["status"], "operational");
    }
}

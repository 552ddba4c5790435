//! What the page at `/` and the detail pages show.

use cachet_core::model::{
    ComponentStatus, GroupCollapsed, IncidentStatus, MetricCalcType, NewComponent, NewGroup, NewIncident,
    NewIncidentUpdate, NewMetric, NewSchedule, ScheduleStatus,
};
use chrono::{Duration, Utc};
use reqwest::StatusCode;

use crate::support::{HOSTILE, section, site_tests};

fn component(name: &str, status: ComponentStatus) -> NewComponent {
    NewComponent::new(name, status)
}

site_tests! {
    async fn banner_reads_all_systems_operational(site: Site) {
        site.with_store(|s| {
            s.create_component(component("API", ComponentStatus::Operational)).unwrap();
            s.create_component(component("Web", ComponentStatus::Operational)).unwrap();
        })
        .await;
        let html = site.text("/").await;
        let banner = section(&html, "live-banner");
        assert!(banner.contains("All systems are operational"), "{banner}");
        assert!(banner.contains("class=\"banner success\""), "{banner}");
    }

    async fn banner_reads_major_issues_when_half_are_down(site: Site) {
        site.with_store(|s| {
            s.create_component(component("API", ComponentStatus::MajorOutage)).unwrap();
            s.create_component(component("Web", ComponentStatus::Operational)).unwrap();
        })
        .await;
        let html = site.text("/").await;
        assert!(section(&html, "live-banner").contains("Some systems are experiencing major issues"));
        assert!(section(&html, "live-banner").contains("banner danger"));
    }

    async fn components_show_their_status_as_text_and_icon(site: Site) {
        let id = site.with_store(|s| s.create_component(component("Payments", ComponentStatus::PartialOutage)).unwrap().id).await;
        let html = site.text("/").await;
        let row = &html[html.find(&format!("id=\"component-{id}\"")).unwrap()..];
        let row = &row[..row.find("</li>\n").unwrap_or(row.len())];
        assert!(row.contains("Payments"));
        assert!(row.contains("class=\"status s-partial_outage\""), "{row}");
        assert!(row.contains("<span class=\"label\">Partial Outage</span>"), "{row}");
        assert!(row.contains("aria-hidden=\"true\">◐</span>"), "{row}");
    }

    async fn groups_open_or_collapse_as_configured(site: Site) {
        site.with_store(|s| {
            let add = |name: &str, collapsed, status| {
                let g = s.create_group(NewGroup { collapsed, visible: true, ..NewGroup::new(name) }).unwrap();
                s.create_component(NewComponent { group_id: Some(g.id), ..component(&format!("{name} member"), status) }).unwrap();
                g.id
            };
            (
                add("Expanded", GroupCollapsed::Expanded, ComponentStatus::Operational),
                add("Collapsed", GroupCollapsed::Collapsed, ComponentStatus::MajorOutage),
                add("QuietTwo", GroupCollapsed::CollapsedUnlessIssues, ComponentStatus::Operational),
                add("BusyTwo", GroupCollapsed::CollapsedUnlessIssues, ComponentStatus::PerformanceIssues),
            )
        })
        .await;
        let html = site.text("/").await;
        let opened = |name: &str| {
            let at = html.find(&format!("<h3>{name}</h3>")).unwrap_or_else(|| panic!("{name} missing"));
            let tag_start = html[..at].rfind("<details").unwrap();
            html[tag_start..at].contains(" open>")
        };
        assert!(opened("Expanded"));
        assert!(!opened("Collapsed"));
        assert!(!opened("QuietTwo"));
        assert!(opened("BusyTwo"));
    }

    async fn a_group_shows_its_worst_member(site: Site) {
        let gid = site.with_store(|s| {
            let g = s.create_group(NewGroup { visible: true, ..NewGroup::new("Core") }).unwrap();
            for (n, st) in [("a", ComponentStatus::Operational), ("b", ComponentStatus::PartialOutage), ("c", ComponentStatus::PerformanceIssues)] {
                s.create_component(NewComponent { group_id: Some(g.id), ..component(n, st) }).unwrap();
            }
            g.id
        })
        .await;
        let html = site.text("/").await;
        let group = &html[html.find(&format!("id=\"group-{gid}\"")).unwrap()..];
        let summary = &group[..group.find("</summary>").unwrap()];
        assert!(summary.contains("s-partial_outage") && summary.contains("Partial Outage"), "{summary}");
    }

    async fn hidden_groups_and_disabled_components_stay_off_the_page(site: Site) {
        site.with_store(|s| {
            let hidden = s.create_group(NewGroup { visible: false, ..NewGroup::new("Secret group") }).unwrap();
            s.create_component(NewComponent { group_id: Some(hidden.id), ..component("Secret member", ComponentStatus::Operational) }).unwrap();
            s.create_component(NewComponent { enabled: false, ..component("Disabled thing", ComponentStatus::Operational) }).unwrap();
            s.create_component(component("Public thing", ComponentStatus::Operational)).unwrap();
        })
        .await;
        let html = site.text("/").await;
        assert!(html.contains("Public thing"));
        for hidden in ["Secret group", "Secret member", "Disabled thing"] {
            assert!(!html.contains(hidden), "{hidden} shown");
        }
    }

    async fn hostile_text_in_every_field_is_escaped_or_sanitized(site: Site) {
        let (incident_id, schedule_id) = site.with_store(|s| {
            for name in ["app_name", "app_about", "app_banner"] {
                s.set_setting(name, HOSTILE).unwrap();
            }
            s.set_setting("display_graphs", "1").unwrap();
            let g = s.create_group(NewGroup { visible: true, ..NewGroup::new(HOSTILE) }).unwrap();
            s.create_component(NewComponent {
                group_id: Some(g.id),
                description: HOSTILE.into(),
                ..component(HOSTILE, ComponentStatus::Operational)
            })
            .unwrap();
            let incident = s
                .create_incident(NewIncident { stickied: true, ..NewIncident::new(HOSTILE, IncidentStatus::Investigating, HOSTILE) })
                .unwrap();
            s.create_incident_update(incident.id, NewIncidentUpdate { status: IncidentStatus::Identified, message: HOSTILE.into(), user_id: None }).unwrap();
            let schedule = s
                .create_schedule(NewSchedule { message: HOSTILE.into(), ..NewSchedule::new(HOSTILE, s.now() + Duration::hours(2)) })
                .unwrap();
            s.create_metric(NewMetric { description: HOSTILE.into(), ..NewMetric::new(HOSTILE, HOSTILE) }).unwrap();
            (incident.id, schedule.id)
        })
        .await;
        for path in ["/".to_string(), format!("/incidents/{incident_id}"), format!("/schedules/{schedule_id}")] {
            let html = site.text(&path).await;
            for raw in ["<script>alert", "<img src=x onerror", "onerror=\"", "href=\"javascript:", "\"'><img"] {
                assert!(!html.contains(raw), "{path} contains {raw}");
            }
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains("&#60;script&#62;"), "{path}: names not shown escaped");
        }
    }

    async fn uptime_bars_have_ninety_days_with_date_and_percent(site: Site) {
        let id = site
            .with_store(|s| {
                // Created two days ago: yesterday is a full day of history.
                let earlier = s.with_clock(|| Utc::now() - Duration::days(2));
                earlier.create_component(component("API", ComponentStatus::Operational)).unwrap().id
            })
            .await;
        let html = site.text("/").await;
        let row = &html[html.find(&format!("id=\"component-{id}\"")).unwrap()..];
        let bar = &row[row.find("<svg class=\"bar\"").unwrap()..];
        let bar = &bar[..bar.find("</svg>").unwrap()];
        let days = attribute(bar, "data-days");
        assert_eq!(days.len(), 90, "{bar}");
        let first = (Utc::now() - Duration::days(89)).format("%Y-%m-%d").to_string();
        assert_eq!(attribute(bar, "data-from"), first);
        assert!(days.ends_with("11"), "yesterday and today operational: {days}");
        assert!(days.starts_with('-'), "days before the component existed have no data");
        assert!(attribute(bar, "data-dips").is_empty(), "no day under 100%");
        assert!(bar.contains("class=\"s-operational\"") && bar.contains("class=\"s-none\""));
        let label = attribute(bar, "aria-label");
        assert!(label.contains("over the last 90 days") && label.contains("days operational") && label.contains("no data"), "{label}");
        assert!(bar.matches("<path ").count() <= 6, "one path per status, not one element per day");
        assert!(row.contains("100% uptime"));
    }

    async fn an_outage_colours_the_day_and_lowers_uptime(site: Site) {
        let id = site
            .with_store(|s| {
                let earlier = s.with_clock(|| Utc::now() - Duration::days(3));
                let c = earlier.create_component(component("API", ComponentStatus::Operational)).unwrap();
                let down = s.with_clock(|| Utc::now() - Duration::days(2));
                down.set_component_status(c.id, ComponentStatus::MajorOutage, "down").unwrap();
                let up = s.with_clock(|| Utc::now() - Duration::days(2) + Duration::hours(6));
                up.set_component_status(c.id, ComponentStatus::Operational, "back").unwrap();
                c.id
            })
            .await;
        let html = site.text("/").await;
        let row = &html[html.find(&format!("id=\"component-{id}\"")).unwrap()..];
        let bar = &row[..row.find("</svg>").unwrap()];
        let days = attribute(bar, "data-days");
        let outage = days.find('4').expect("a red day");
        assert_eq!(outage, 87, "two days ago: {days}");
        assert!(bar.contains("class=\"s-major_outage\""));
        let dip = attribute(bar, "data-dips");
        let uptime: f64 = dip.strip_prefix("87:").and_then(|d| d.trim_end_matches(';').parse().ok()).expect("the outage day's uptime");
        assert!(uptime < 100.0 && uptime > 50.0, "{dip}");
        let legend = &row[row.find("<p class=\"legend\">").unwrap()..];
        let percent = &legend["<p class=\"legend\">".len()..];
        assert!(!percent.starts_with("100%") && percent.contains("% uptime"), "{percent}");
    }

    async fn collapsed_groups_ship_without_bars_and_fetch_them_from_their_page(site: Site) {
        let (open, closed, hidden) = site
            .with_store(|s| {
                let open = s.create_group(NewGroup { collapsed: GroupCollapsed::Expanded, visible: true, ..NewGroup::new("Open") }).unwrap();
                let closed = s.create_group(NewGroup { collapsed: GroupCollapsed::Collapsed, visible: true, ..NewGroup::new("Closed") }).unwrap();
                let hidden = s.create_group(NewGroup { visible: false, ..NewGroup::new("Hidden") }).unwrap();
                for (name, group) in [("A", open.id), ("B", closed.id), ("C", hidden.id)] {
                    s.create_component(NewComponent { group_id: Some(group), ..component(name, ComponentStatus::Operational) }).unwrap();
                }
                (open.id, closed.id, hidden.id)
            })
            .await;
        let html = site.text("/").await;
        let group = |id: i64| {
            let start = html.find(&format!("id=\"group-{id}\"")).unwrap();
            html[start..start + html[start..].find("</details>").unwrap()].to_string()
        };
        assert!(group(open).contains("<svg class=\"bar\""));
        let collapsed = group(closed);
        assert!(!collapsed.contains("<svg class=\"bar\""), "no bars in the first document: {collapsed}");
        assert!(collapsed.contains("% uptime") || collapsed.contains("No data yet"), "the uptime figure stays");
        assert!(collapsed.contains(&format!("href=\"/groups/{closed}\"")), "a link for readers without JavaScript");
        let page = site.text(&format!("/groups/{closed}")).await;
        assert!(page.contains(&format!("id=\"group-{closed}\"")) && page.contains("<svg class=\"bar\""));
        assert_eq!(site.get(&format!("/groups/{hidden}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(site.get("/groups/99999").await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_hundred_components_make_a_light_page(site: Site) {
        site.with_store(|s| {
            for g in 0..5 {
                let group = s.create_group(NewGroup { visible: true, ..NewGroup::new(format!("Group {g}")) }).unwrap();
                for c in 0..20 {
                    let new = NewComponent { group_id: Some(group.id), ..component(&format!("Service {g}-{c}"), ComponentStatus::Operational) };
                    s.create_component(new).unwrap();
                }
            }
        })
        .await;
        let html = site.text("/").await;
        // Every start tag is an element.
        let elements = html.matches('<').count() - html.matches("</").count() - html.matches("<!").count();
        assert!(elements < 2_000, "{elements} elements for 100 components");
        assert!(html.len() < 150_000, "{} bytes", html.len());
        assert_eq!(html.matches("<svg class=\"bar\"").count(), 100);
    }

    async fn the_timeline_groups_incidents_by_local_day(site: Site) {
        let tz: chrono_tz::Tz = "Pacific/Kiritimati".parse().unwrap();
        let at = Utc::now() - Duration::hours(30);
        site.with_store(move |s| {
            s.set_setting("app_timezone", "Pacific/Kiritimati").unwrap();
            s.create_incident(NewIncident { occurred_at: Some(at), ..NewIncident::new("Database slow", IncidentStatus::Fixed, "All good now") }).unwrap();
        })
        .await;
        let html = site.text("/").await;
        let day = at.with_timezone(&tz).date_naive().format("%Y-%m-%d").to_string();
        assert_eq!(html.matches("<section class=\"day\"").count(), 7);
        let that_day = section(&html, &format!("day-{day}"));
        assert!(that_day.contains("Database slow"), "not under {day}");
        let today = Utc::now().with_timezone(&tz).date_naive().format("%Y-%m-%d").to_string();
        assert!(section(&html, &format!("day-{today}")).contains("No incidents reported"));
    }

    async fn the_timeline_pages_with_start_date(site: Site) {
        let at = Utc::now() - Duration::days(10);
        site.with_store(move |s| {
            s.create_incident(NewIncident { occurred_at: Some(at), ..NewIncident::new("Old outage", IncidentStatus::Fixed, "x") }).unwrap();
        })
        .await;
        let first = site.text("/").await;
        assert!(!first.contains("Old outage"));
        let older = Utc::now() - Duration::days(7);
        let older = older.format("%Y-%m-%d").to_string();
        assert!(first.contains(&format!("href=\"/?start_date={older}\"")), "older link");
        let page = site.text(&format!("/?start_date={older}")).await;
        assert!(page.contains("Old outage"));
        assert!(page.contains("Newer incidents"));
    }

    async fn only_disrupted_days_skips_quiet_days(site: Site) {
        let now = Utc::now();
        site.with_store(move |s| {
            s.set_setting("only_disrupted_days", "1").unwrap();
            s.set_setting("app_incident_days", "2").unwrap();
            for (name, days) in [("Recent cut", 1), ("Middle cut", 20), ("Ancient cut", 40)] {
                let at = Some(now - Duration::days(days));
                s.create_incident(NewIncident { occurred_at: at, ..NewIncident::new(name, IncidentStatus::Fixed, "x") }).unwrap();
            }
        })
        .await;
        let html = site.text("/").await;
        assert_eq!(html.matches("<section class=\"day\"").count(), 2);
        assert!(html.contains("Recent cut") && html.contains("Middle cut") && !html.contains("Ancient cut"));
        assert!(!html.contains("No incidents reported"));
        let older = (now - Duration::days(40)).format("%Y-%m-%d").to_string();
        assert!(html.contains(&format!("href=\"/?start_date={older}\"")), "older page starts at the next disrupted day");
        let page = site.text(&format!("/?start_date={older}")).await;
        assert!(page.contains("Ancient cut") && !page.contains("Recent cut"));
    }

    async fn a_bad_start_date_is_a_clear_400(site: Site) {
        let response = site.get("/?start_date=yesterday").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(response.text().await.unwrap().contains("start_date"));
    }

    async fn a_busy_day_shows_its_newest_incidents_and_links_to_the_rest(site: Site) {
        let noon = (Utc::now() - Duration::days(3)).date_naive().and_hms_opt(12, 0, 0).unwrap().and_utc();
        site.with_store(move |s| {
            for i in 0..60 {
                let at = Some(noon + Duration::seconds(i));
                s.create_incident(NewIncident { occurred_at: at, ..NewIncident::new(format!("Flap {i:02}"), IncidentStatus::Fixed, "x") })
                    .unwrap();
            }
            let at = Some(noon - Duration::days(1));
            s.create_incident(NewIncident { occurred_at: at, ..NewIncident::new("Day before", IncidentStatus::Fixed, "x") }).unwrap();
        })
        .await;
        let day = noon.format("%Y-%m-%d").to_string();
        let html = site.text("/").await;
        let busy = section(&html, &format!("day-{day}"));
        assert_eq!(busy.matches("<article class=\"incident\"").count(), 20, "{busy}");
        assert!(busy.contains("Flap 59") && busy.contains("Flap 40") && !busy.contains("Flap 39"), "the newest 20");
        assert!(busy.contains(&format!("href=\"/history/{day}\">40 more incidents on this day")), "{busy}");
        let before = (noon - Duration::days(1)).format("%Y-%m-%d").to_string();
        assert!(section(&html, &format!("day-{before}")).contains("Day before"), "a busy day hides nothing of the others");

        let first = site.text(&format!("/history/{day}")).await;
        assert_eq!(first.matches("<article class=\"incident\"").count(), 50);
        assert!(first.contains("60 incidents, newest first") && first.contains("Flap 59") && !first.contains("Flap 09"));
        assert!(first.contains(&format!("href=\"/history/{day}?page=2\" rel=\"next\"")), "older page link");
        let second = site.text(&format!("/history/{day}?page=2")).await;
        assert_eq!(second.matches("<article class=\"incident\"").count(), 10);
        assert!(second.contains("Flap 09") && second.contains("Flap 00") && !second.contains("Day before"));
        assert!(second.contains(&format!("href=\"/history/{day}\" rel=\"prev\"")), "newer page link");
        assert_eq!(site.get(&format!("/history/{day}?page=3")).await.status(), StatusCode::NOT_FOUND);
        let quiet = site.text(&format!("/history/{}", (noon + Duration::days(1)).format("%Y-%m-%d"))).await;
        assert!(quiet.contains("No incidents reported"));
    }

    async fn the_day_page_names_a_bad_date_or_page(site: Site) {
        for (path, field) in [("/history/yesterday", "date"), ("/history/2026-02-30", "date"), ("/history/2026-11-02?page=0", "page")] {
            let response = site.get(path).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
            assert!(response.text().await.unwrap().contains(field), "{path}");
        }
    }

    async fn stickied_incidents_are_pinned_above_components(site: Site) {
        site.with_store(|s| {
            s.create_incident(NewIncident { stickied: true, ..NewIncident::new("Pinned notice", IncidentStatus::Watching, "*watching*") }).unwrap();
        })
        .await;
        let html = site.text("/").await;
        let stickied = section(&html, "live-stickied");
        assert!(stickied.contains("Stickied Incidents") && stickied.contains("Pinned notice"));
        assert!(stickied.contains("<em>watching</em>"), "markdown rendered");
        assert!(html.find("live-stickied").unwrap() < html.find("live-components").unwrap());
    }

    async fn maintenance_in_progress_and_upcoming_are_shown(site: Site) {
        site.with_store(|s| {
            let now = s.now();
            s.create_schedule(NewSchedule { status: ScheduleStatus::InProgress, completed_at: Some(now + Duration::hours(1)), ..NewSchedule::new("Database upgrade", now - Duration::minutes(10)) }).unwrap();
            s.create_schedule(NewSchedule::new("Network work", now + Duration::days(2))).unwrap();
            s.create_schedule(NewSchedule { status: ScheduleStatus::Complete, ..NewSchedule::new("Old work", now - Duration::days(2)) }).unwrap();
        })
        .await;
        let html = site.text("/").await;
        let m = section(&html, "live-maintenance");
        assert!(m.contains("Database upgrade") && m.contains("In Progress"), "{m}");
        assert!(m.contains("Network work") && m.contains("Upcoming"), "{m}");
        assert!(!m.contains("Old work"));
    }

    async fn the_incident_page_shows_its_update_timeline(site: Site) {
        let id = site.with_store(|s| {
            let i = s.create_incident(NewIncident::new("Login errors", IncidentStatus::Investigating, "Looking")).unwrap();
            s.create_incident_update(i.id, NewIncidentUpdate { status: IncidentStatus::Identified, message: "Found a bad deploy".into(), user_id: None }).unwrap();
            s.create_incident_update(i.id, NewIncidentUpdate { status: IncidentStatus::Fixed, message: "Rolled back".into(), user_id: None }).unwrap();
            i.id
        })
        .await;
        let html = site.text(&format!("/incidents/{id}")).await;
        assert!(html.contains("<h1>Login errors</h1>"));
        let found = html.find("Found a bad deploy").unwrap();
        let rolled = html.find("Rolled back").unwrap();
        assert!(rolled < found, "newest update first");
        assert!(html.contains("Fixed") && html.contains("Identified"));
    }

    async fn hidden_and_missing_incidents_are_not_found(site: Site) {
        let id = site.with_store(|s| s.create_incident(NewIncident { visible: false, ..NewIncident::new("Internal", IncidentStatus::Investigating, "x") }).unwrap().id).await;
        assert_eq!(site.get(&format!("/incidents/{id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(site.get("/incidents/999999").await.status(), StatusCode::NOT_FOUND);
        assert!(!site.text("/").await.contains("Internal"));
    }

    async fn the_schedule_page_shows_the_window(site: Site) {
        let id = site.with_store(|s| {
            let c = s.create_component(component("Mail", ComponentStatus::Operational)).unwrap();
            s.create_schedule(NewSchedule { message: "We **upgrade** mail".into(), components: vec![c.id], ..NewSchedule::new("Mail upgrade", s.now() + Duration::days(1)) }).unwrap().id
        })
        .await;
        let html = site.text(&format!("/schedules/{id}")).await;
        assert!(html.contains("<h1>Mail upgrade</h1>") && html.contains("<strong>upgrade</strong>") && html.contains("Mail"));
        assert!(html.contains("Upcoming"));
    }

    async fn metric_charts_are_svg_with_default_values_in_gaps(site: Site) {
        site.with_store(|s| {
            s.set_setting("display_graphs", "1").unwrap();
            let m = s.create_metric(NewMetric { default_value: 7.0, calc_type: MetricCalcType::Sum, places: 0, ..NewMetric::new("Requests", "req") }).unwrap();
            s.add_metric_point(m.id, 40.0, Some(s.now() - Duration::minutes(5))).unwrap();
        })
        .await;
        let html = site.text("/?period=hour").await;
        let metrics = section(&html, "metrics");
        assert!(metrics.contains("<svg class=\"chart\""));
        assert_eq!(metrics.matches("<rect ").count(), 60, "one bar per minute");
        assert!(metrics.contains(": 7 req</title>"), "gaps take the default value");
        assert!(metrics.contains(": 40 req</title>"), "the point's bucket");
        assert!(metrics.contains("<strong aria-current=\"true\">Last hour</strong>"));
        assert_eq!(site.text("/?period=week").await.matches("<rect ").count(), 7);
        assert_eq!(site.get("/?period=year").await.status(), StatusCode::BAD_REQUEST);
    }

    async fn the_page_reloads_itself_without_javascript_when_a_refresh_rate_is_set(site: Site) {
        assert!(!site.text("/").await.contains("http-equiv=\"refresh\""));
        site.with_store(|s| s.set_setting("app_refresh_rate", "30").unwrap()).await;
        assert!(site.text("/").await.contains("<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>"));
    }

    async fn the_page_is_cached_with_an_etag_and_compressed(site: Site) {
        let first = site.get("/").await;
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let again = site.client.get(format!("{}/", site.url)).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let gz = site.client.get(format!("{}/", site.url)).header("Accept-Encoding", "br").send().await.unwrap();
        assert_eq!(gz.headers()["content-encoding"], "br");
        site.with_store(|s| s.create_component(component("New one", ComponentStatus::Operational)).unwrap()).await;
        let after = site.client.get(format!("{}/", site.url)).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(after.status(), StatusCode::OK, "a write invalidates the page");
        assert!(after.text().await.unwrap().contains("New one"));
    }

    async fn about_text_is_markdown(site: Site) {
        site.with_store(|s| s.set_setting("app_about", "We run **things**. [Docs](https://example.com)").unwrap()).await;
        let html = site.text("/").await;
        assert!(html.contains("<strong>things</strong>"));
        assert!(html.contains("href=\"https://example.com\""));
    }
}

/// The value of the first `name="…"` attribute in `html`.
fn attribute<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("no {name} in {html}")) + name.len() + 3;
    &html[start..start + html[start..].find('"').unwrap()]
}

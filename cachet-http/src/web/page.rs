//! The status page at `/`: app name, about and banner text, the overall status banner,
//! maintenance, stickied incidents, groups and components with 90-day uptime bars, metric charts
//! and the incident timeline.

use std::collections::HashMap;

use askama::Template;
use cachet_core::StatusOverview;
use cachet_core::model::{IncidentQuery, IncidentSort, PageRequest, SortOrder, Viewer};
use cachet_core::status::{BannerLevel, uptime_percent};
use cachet_core::text::safe_link;
use chrono::{Days, NaiveDate};
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;
use warp::{Filter, Reply};

use super::metrics_chart::{self, MetricChart};
use super::present::{IncidentView, ScheduleView, StatusLook, effective_look, status_look};
use super::timeline::{self, Timeline};
use super::uptime_bar::{UptimeBar, uptime_bar};
use super::{RenderCtx, markdown, render_template, serve, with_state};
use crate::api::error::ApiError;
use crate::state::AppState;

/// Days in an uptime bar.
pub const UPTIME_DAYS: u64 = 90;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/"), ("GET", "/groups/{id}")];

/// `GET /` and `GET /groups/{id}`.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let group = warp::path!("groups" / i64)
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state.clone()))
        .then(|id: i64, headers: HeaderMap, state: AppState| async move {
            let key = format!("/groups/{id}");
            serve(state, key, headers, "text/html; charset=utf-8", "public, max-age=0, must-revalidate", move |ctx| {
                render_template(&build_group(ctx, id)?)
            })
            .await
        });
    let index = warp::path::end()
        .and(crate::respond::get_or_head())
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .then(|query: String, headers: HeaderMap, state: AppState| async move {
            let params: HashMap<String, String> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            let start_date = match timeline::parse_start_date(params.get("start_date").map(String::as_str)) {
                Ok(d) => d,
                Err(e) => return e.into_response(),
            };
            let period = match metrics_chart::parse_period(params.get("period").map(String::as_str)) {
                Ok(p) => p,
                Err(e) => return e.into_response(),
            };
            let key = format!("/?{}|{}", start_date.map(|d| d.to_string()).unwrap_or_default(), query_period(period));
            serve(state, key, headers, "text/html; charset=utf-8", "public, max-age=0, must-revalidate", move |ctx| {
                render_template(&build(ctx, start_date, period)?)
            })
            .await
        });
    index.or(group).unify().boxed()
}

fn query_period(period: Option<cachet_core::model::MetricView>) -> &'static str {
    metrics_chart::PERIODS.iter().find(|(_, _, v)| Some(*v) == period).map_or("", |(k, _, _)| k)
}

/// The page's frame: name, about, banner and reload interval.
#[derive(Debug, Clone)]
pub struct Layout {
    /// `app_name`.
    pub app_name: String,
    /// Page title.
    pub title: String,
    /// Seconds between reloads when JavaScript is off (0 = never).
    pub refresh_rate: u32,
    /// The time zone times are shown in.
    pub timezone: String,
    /// The revision the page shows (live updates compare it).
    pub revision: i64,
}

impl Layout {
    /// The frame for a page titled `title`.
    pub fn new(ctx: &RenderCtx<'_>, title: Option<&str>) -> Self {
        let app_name = ctx.settings.app_name().to_string();
        Layout {
            title: title.map_or_else(|| app_name.clone(), |t| format!("{t} · {app_name}")),
            app_name,
            refresh_rate: ctx.settings.refresh_rate(),
            timezone: ctx.settings.timezone().name().to_string(),
            revision: ctx.revision,
        }
    }
}

/// A component row.
#[derive(Debug, Clone)]
pub struct ComponentView {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Optional link: http, https or mailto ([`cachet_core::text::safe_link`], checked again here
    /// for rows written before the rule or by hand).
    pub link: Option<String>,
    /// Visible status.
    pub look: StatusLook,
    /// The 90-day bar; none for members of a collapsed group in the first document (fetched
    /// when the group is opened).
    pub bar: Option<UptimeBar>,
    /// 90-day uptime, `99.98% uptime`, or `No data yet`.
    pub uptime_percent: String,
}

/// A group with its members.
#[derive(Debug, Clone)]
pub struct GroupView {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Worst member status.
    pub look: StatusLook,
    /// Shown open (and its members' bars shipped).
    pub open: bool,
    /// Members in order.
    pub components: Vec<ComponentView>,
}

/// The page.
#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage {
    /// Frame.
    pub layout: Layout,
    /// Sanitized HTML of `app_about`.
    pub about_html: Option<String>,
    /// Sanitized HTML of `app_banner` (a text notice).
    pub notice_html: Option<String>,
    /// Banner class: `success`, `info` or `danger`.
    pub banner_class: &'static str,
    /// Banner icon.
    pub banner_icon: &'static str,
    /// Cachet's banner message.
    pub banner_message: &'static str,
    /// Maintenance in progress or upcoming.
    pub maintenance: Vec<ScheduleView>,
    /// Stickied incidents.
    pub stickied: Vec<IncidentView>,
    /// Groups with enabled members.
    pub groups: Vec<GroupView>,
    /// Components outside groups.
    pub ungrouped: Vec<ComponentView>,
    /// Metric charts.
    pub charts: Vec<MetricChart>,
    /// Incident timeline.
    pub timeline: Timeline,
}

fn build(
    ctx: &RenderCtx<'_>,
    start_date: Option<NaiveDate>,
    period: Option<cachet_core::model::MetricView>,
) -> Result<IndexPage, ApiError> {
    let tz = ctx.settings.timezone();
    let overview = ctx.store.status_overview(Viewer::Guest)?;
    let (groups, ungrouped) = component_views(ctx, &overview, false)?;
    let maintenance = ctx.store.open_schedules()?.iter().map(|s| ScheduleView::new(s, ctx.now, tz)).collect();
    let stickied = ctx
        .store
        .list_incidents(&IncidentQuery {
            stickied: Some(true),
            viewer: Viewer::Guest,
            sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
            page: PageRequest::new(1, 50),
            ..IncidentQuery::default()
        })?
        .items
        .iter()
        .map(|i| IncidentView::new(i, tz))
        .collect();
    let (banner_class, banner_icon) = match overview.banner.status {
        BannerLevel::Success => ("success", "✓"),
        BannerLevel::Info => ("info", "!"),
        BannerLevel::Danger => ("danger", "✕"),
    };
    Ok(IndexPage {
        layout: Layout::new(ctx, None),
        about_html: ctx.settings.app_about().map(markdown::to_html),
        notice_html: ctx.settings.app_banner().filter(|_| !banner_is_image(ctx)).map(markdown::to_html),
        banner_class,
        banner_icon,
        banner_message: overview.banner.message,
        maintenance,
        stickied,
        groups,
        ungrouped,
        charts: metrics_chart::charts(ctx, period)?,
        timeline: timeline::build(ctx, start_date)?,
    })
}

/// The groups the page shows with their members, and the other components, in order. Members
/// of a collapsed group carry no uptime bar unless `all_bars` (the page fetches them when the
/// group is opened), so a page of many groups stays light.
fn component_views(
    ctx: &RenderCtx<'_>,
    overview: &StatusOverview,
    all_bars: bool,
) -> Result<(Vec<GroupView>, Vec<ComponentView>), ApiError> {
    let tz = ctx.settings.timezone();
    let today = ctx.now.with_timezone(&tz).date_naive();
    let from = today.checked_sub_days(Days::new(UPTIME_DAYS - 1)).unwrap_or(today);
    // Groups the page shows, and whether each is open.
    let shown: HashMap<i64, bool> =
        overview.groups.iter().filter(|g| g.status.is_some()).map(|g| (g.group.id, !g.collapsed)).collect();
    let ids: Vec<i64> = overview.components.iter().map(|c| c.component.id).collect();
    let mut uptime = ctx.store.uptime_of(&ids, from, today, tz)?;
    // Each view moves to its group (a page can hold 90,000 uptime days: no copies); members of a
    // group the page does not show stay on it, ungrouped, in their order.
    let mut members: HashMap<i64, Vec<ComponentView>> = HashMap::new();
    let mut ungrouped = Vec::new();
    for c in &overview.components {
        let days = uptime.remove(&c.component.id).unwrap_or_default();
        let group = c.component.group_id.filter(|g| shown.contains_key(g));
        let with_bar = all_bars || group.is_none_or(|g| shown[&g]);
        let view = ComponentView {
            id: c.component.id,
            name: c.component.name.clone(),
            description: c.component.description.clone(),
            link: c.component.link.as_deref().and_then(safe_link).map(str::to_string),
            look: effective_look(c.effective),
            bar: with_bar.then(|| uptime_bar(&c.component.name, &days)),
            uptime_percent: uptime_percent(&days)
                .map_or_else(|| "No data yet".into(), |p| format!("{}% uptime", pct(p))),
        };
        match group {
            Some(g) => members.entry(g).or_default().push(view),
            None => ungrouped.push(view),
        }
    }
    let groups = overview
        .groups
        .iter()
        .filter_map(|g| {
            Some(GroupView {
                id: g.group.id,
                name: g.group.name.clone(),
                look: status_look(g.status?),
                open: !g.collapsed,
                components: members.remove(&g.group.id)?,
            })
        })
        .collect();
    Ok((groups, ungrouped))
}

/// One group with every member's uptime bar: what the page fetches when a collapsed group is
/// opened, and where its link leads without JavaScript.
#[derive(Template)]
#[template(path = "group.html")]
pub struct GroupPage {
    /// Frame.
    pub layout: Layout,
    /// The group.
    pub group: GroupView,
}

fn build_group(ctx: &RenderCtx<'_>, id: i64) -> Result<GroupPage, ApiError> {
    let overview = ctx.store.status_overview(Viewer::Guest)?;
    let (groups, _) = component_views(ctx, &overview, true)?;
    let mut group = groups.into_iter().find(|g| g.id == id).ok_or_else(ApiError::not_found)?;
    group.open = true;
    Ok(GroupPage { layout: Layout::new(ctx, Some(&group.name)), group })
}

/// Cachet 2.4 stored an uploaded banner image (base64) in `app_banner` with its MIME type in
/// `app_banner_type`; such a value is not text to show.
fn banner_is_image(ctx: &RenderCtx<'_>) -> bool {
    ctx.settings.get("app_banner_type").is_some_and(|t| t.starts_with("image/"))
}

fn pct(p: f64) -> String {
    if p >= 100.0 {
        "100".into()
    } else {
        // Never round a bad day up to a perfect one.
        let floored = (p * 100.0).floor() / 100.0;
        format!("{floored:.2}")
    }
}

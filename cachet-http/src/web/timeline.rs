//! The incident timeline: `app_incident_days` local days ending at `?start_date` (today by
//! default), newest first, each with its newest incidents (at most [`DAY_LIMIT`], the rest counted
//! and linked to the day's own page) or "No incidents reported", and links to the older and newer
//! pages. Only the days on screen are read from the database, a bounded page per day, so the
//! render costs the same whatever the history holds. With `only_disrupted_days` the quiet days are
//! skipped: the page shows the `app_incident_days` most recent days that had incidents, up to
//! `?start_date`.
//!
//! `/history/{date}` lists every incident of one local day, [`HISTORY_PER_PAGE`] at a time.

use std::collections::HashMap;

use askama::Template;
use cachet_core::model::{Incident, IncidentQuery, IncidentSort, Page, PageRequest, SortOrder, Viewer};
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;
use warp::{Filter, Reply};

use super::page::Layout;
use super::present::IncidentView;
use super::{RenderCtx, render_template, serve, with_state};
use crate::api::error::ApiError;
use crate::state::AppState;

/// Incidents shown per day on the status page; a busier day links to its own page for the rest.
pub const DAY_LIMIT: u32 = 20;

/// Incidents per page of `/history/{date}`.
pub const HISTORY_PER_PAGE: u32 = 50;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/history/{date}")];

/// One local day of the timeline.
#[derive(Debug, Clone)]
pub struct DayView {
    /// `Sunday, November 22, 2026`.
    pub label: String,
    /// `2026-11-22` (a date's `Display`).
    pub date: String,
    /// Incidents that occurred that day, newest first (at most [`DAY_LIMIT`]).
    pub incidents: Vec<IncidentView>,
    /// Incidents of that day not shown here.
    pub more: u64,
}

/// The days on screen and the paging links.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Days, newest first.
    pub days: Vec<DayView>,
    /// `?start_date=` of the older page, unless nothing older can be shown.
    pub older: Option<String>,
    /// `?start_date=` of the newer page, unless this page ends today.
    pub newer: Option<String>,
}

/// Parses `start_date` (`YYYY-MM-DD`); `None` when absent.
pub fn parse_start_date(value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::field("start_date", "must be a date written YYYY-MM-DD")),
    }
}

pub use cachet_core::status::local_midnight;

/// The timeline ending at `start_date` (today when `None`, never after today).
pub fn build(ctx: &RenderCtx<'_>, start_date: Option<NaiveDate>) -> Result<Timeline, ApiError> {
    let tz = ctx.settings.timezone();
    let today = ctx.now.with_timezone(&tz).date_naive();
    let last = start_date.unwrap_or(today).min(today);
    let days = u64::from(ctx.settings.incident_days().clamp(1, 365));
    if ctx.settings.only_disrupted_days() {
        return disrupted_days(ctx, last, days, tz);
    }
    let first = last.checked_sub_days(Days::new(days - 1)).unwrap_or(last);
    let mut out = Vec::with_capacity(days as usize);
    let mut day = last;
    loop {
        out.push(day_view(ctx, day, tz)?);
        if day <= first {
            break;
        }
        let Some(previous) = day.pred_opt() else { break };
        day = previous;
    }
    let older = first.pred_opt().map(|d| d.to_string());
    let newer = (last < today).then(|| {
        let next = last.checked_add_days(Days::new(days)).unwrap_or(today).min(today);
        next.to_string()
    });
    Ok(Timeline { days: out, older, newer })
}

/// The visible incidents that occurred before `before` (and at or after `after`), newest first.
fn newest(
    ctx: &RenderCtx<'_>,
    after: Option<DateTime<Utc>>,
    before: DateTime<Utc>,
    page: PageRequest,
) -> Result<Page<Incident>, ApiError> {
    Ok(ctx.store.list_incidents(&IncidentQuery {
        occurred_after: after,
        occurred_before: Some(before),
        sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
        page,
        viewer: Viewer::Guest,
        ..IncidentQuery::default()
    })?)
}

/// One local day with its newest incidents and the count of the others.
fn day_view(ctx: &RenderCtx<'_>, day: NaiveDate, tz: Tz) -> Result<DayView, ApiError> {
    let (after, before) = day_bounds(day, tz);
    let found = newest(ctx, Some(after), before, PageRequest::new(1, DAY_LIMIT))?;
    Ok(DayView {
        label: day_label(day),
        date: day.to_string(),
        more: found.total.saturating_sub(found.items.len() as u64),
        incidents: found.items.iter().map(|i| IncidentView::new(i, tz)).collect(),
    })
}

/// `Sunday, November 22, 2026`.
fn day_label(day: NaiveDate) -> String {
    day.format("%A, %B %-d, %Y").to_string()
}

/// The first instant of `day` and of the day after, in `tz`.
fn day_bounds(day: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    (local_midnight(day, tz), local_midnight(day.checked_add_days(Days::new(1)).unwrap_or(day), tz))
}

/// The `count` most recent days with incidents on or before `last`: two bounded queries per day
/// (the newest incident before the current edge, then that day's page).
fn disrupted_days(ctx: &RenderCtx<'_>, last: NaiveDate, count: u64, tz: Tz) -> Result<Timeline, ApiError> {
    let mut edge = day_bounds(last, tz).1;
    let mut out: Vec<DayView> = Vec::new();
    let mut older = None;
    while let Some(latest) = newest(ctx, None, edge, PageRequest::new(1, 1))?.items.first() {
        let day = latest.occurred_at.with_timezone(&tz).date_naive();
        if out.len() as u64 == count {
            older = Some(day.to_string());
            break;
        }
        out.push(day_view(ctx, day, tz)?);
        edge = day_bounds(day, tz).0;
    }
    let today = ctx.now.with_timezone(&tz).date_naive();
    Ok(Timeline {
        days: out,
        older,
        // Going back up: the page that ends today shows the newest disrupted days.
        newer: (last < today).then(|| today.to_string()),
    })
}

/// `/history/{date}`: every visible incident of one local day.
#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    layout: Layout,
    /// `Sunday, November 22, 2026`.
    label: String,
    /// `2026-11-22`.
    date: String,
    incidents: Vec<IncidentView>,
    /// Incidents that day.
    total: u64,
    /// `?page=` of the newer and older pages, when there are.
    newer: Option<u32>,
    older: Option<u32>,
}

/// `GET /history/{date}?page=N`.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    warp::path!("history" / String)
        .and(crate::respond::get_or_head())
        .and(warp::query::<HashMap<String, String>>())
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .then(|date: String, query: HashMap<String, String>, headers: HeaderMap, state: AppState| async move {
            let day = match parse_start_date(Some(&date)) {
                Ok(Some(day)) => day,
                Ok(None) => return ApiError::not_found().into_response(),
                Err(_) => return ApiError::field("date", "must be a date written YYYY-MM-DD").into_response(),
            };
            let page = match query.get("page").map(|p| p.trim().parse::<u32>()) {
                None => 1,
                Some(Ok(p)) if p >= 1 => p,
                Some(_) => return ApiError::field("page", "must be a whole number of at least 1").into_response(),
            };
            let html = "text/html; charset=utf-8";
            let cache = "public, max-age=0, must-revalidate";
            serve(state, format!("/history/{day}?{page}"), headers, html, cache, move |ctx| {
                let tz = ctx.settings.timezone();
                let (after, before) = day_bounds(day, tz);
                let found = newest(ctx, Some(after), before, PageRequest::new(page, HISTORY_PER_PAGE))?;
                if found.items.is_empty() && page > 1 {
                    return Err(ApiError::not_found());
                }
                let label = day_label(day);
                let shown = u64::from(page) * u64::from(HISTORY_PER_PAGE);
                render_template(&HistoryPage {
                    layout: Layout::new(ctx, Some(&format!("Incidents on {label}"))),
                    label,
                    date: day.to_string(),
                    incidents: found.items.iter().map(|i| IncidentView::new(i, tz)).collect(),
                    total: found.total,
                    newer: (page > 1).then(|| page - 1),
                    older: (shown < found.total).then(|| page + 1),
                })
            })
            .await
        })
        .boxed()
}

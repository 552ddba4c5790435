//! The incident timeline: `app_incident_days` local days ending at `?start_date` (today by
//! default), newest first, each with its incidents or "No incidents reported", and links to the
//! older and newer pages. Only the days on screen are read from the database. With
//! `only_disrupted_days` the quiet days are skipped: the page shows the `app_incident_days` most
//! recent days that had incidents, up to `?start_date`.

use cachet_core::model::{IncidentQuery, IncidentSort, MAX_PER_PAGE, PageRequest, SortOrder, Viewer};
use chrono::{Days, NaiveDate};
use chrono_tz::Tz;

use super::RenderCtx;
use super::present::IncidentView;
use crate::api::error::ApiError;

/// One local day of the timeline.
#[derive(Debug, Clone)]
pub struct DayView {
    /// `Sunday, November 22, 2026`.
    pub label: String,
    /// `2026-11-22`.
    pub date: String,
    /// Incidents that occurred that day, newest first.
    pub incidents: Vec<IncidentView>,
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
    let after = local_midnight(first, tz);
    let before = local_midnight(last.checked_add_days(Days::new(1)).unwrap_or(last), tz);
    let incidents = ctx
        .store
        .list_incidents(&IncidentQuery {
            occurred_after: Some(after),
            occurred_before: Some(before),
            sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
            page: PageRequest::new(1, MAX_PER_PAGE),
            viewer: Viewer::Guest,
            ..IncidentQuery::default()
        })?
        .items;
    let mut out = Vec::with_capacity(days as usize);
    let mut day = last;
    loop {
        let on_day: Vec<IncidentView> = incidents
            .iter()
            .filter(|i| i.occurred_at.with_timezone(&tz).date_naive() == day)
            .map(|i| IncidentView::new(i, tz))
            .collect();
        out.push(DayView {
            label: day.format("%A, %B %-d, %Y").to_string(),
            date: day.format("%Y-%m-%d").to_string(),
            incidents: on_day,
        });
        if day <= first {
            break;
        }
        let Some(previous) = day.pred_opt() else { break };
        day = previous;
    }
    let older = first.pred_opt().map(|d| d.format("%Y-%m-%d").to_string());
    let newer = (last < today).then(|| {
        let next = last.checked_add_days(Days::new(days)).unwrap_or(today).min(today);
        next.format("%Y-%m-%d").to_string()
    });
    Ok(Timeline { days: out, older, newer })
}

/// The `count` most recent days with incidents on or before `last`, reading incidents newest
/// first only until one more day than needed has been seen.
fn disrupted_days(ctx: &RenderCtx<'_>, last: NaiveDate, count: u64, tz: Tz) -> Result<Timeline, ApiError> {
    const BATCH: u32 = 200;
    let before = local_midnight(last.checked_add_days(Days::new(1)).unwrap_or(last), tz);
    let mut out: Vec<DayView> = Vec::new();
    let mut older = None;
    let mut page = 1;
    'pages: loop {
        let batch = ctx
            .store
            .list_incidents(&IncidentQuery {
                occurred_before: Some(before),
                sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
                page: PageRequest::new(page, BATCH),
                viewer: Viewer::Guest,
                ..IncidentQuery::default()
            })?
            .items;
        for incident in &batch {
            let day = incident.occurred_at.with_timezone(&tz).date_naive();
            let date = day.format("%Y-%m-%d").to_string();
            if out.last().is_none_or(|d| d.date != date) {
                if out.len() as u64 == count {
                    older = Some(date);
                    break 'pages;
                }
                out.push(DayView { label: day.format("%A, %B %-d, %Y").to_string(), date, incidents: Vec::new() });
            }
            if let Some(current) = out.last_mut() {
                current.incidents.push(IncidentView::new(incident, tz));
            }
        }
        if batch.len() < BATCH as usize {
            break;
        }
        page += 1;
    }
    let today = ctx.now.with_timezone(&tz).date_naive();
    Ok(Timeline {
        days: out,
        older,
        // Going back up: the page that ends today shows the newest disrupted days.
        newer: (last < today).then(|| today.format("%Y-%m-%d").to_string()),
    })
}

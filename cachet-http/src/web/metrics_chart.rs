//! Metric charts drawn on the server as SVG bars (one per bucket, each with a `<title>` for
//! hover), so they show without JavaScript. The numbers come from the core's bucketing
//! ([`cachet_core::status::bucket_points`]); this module only draws them.

use std::fmt::Write;

use cachet_core::model::{Metric, MetricQuery, MetricSort, MetricView, PageRequest, SortOrder, Viewer};
use cachet_core::status::{MetricBucket, bucket_points, view_edges};
use chrono_tz::Tz;

use super::RenderCtx;
use super::present::escape_text;
use crate::api::error::ApiError;

/// The chart periods, as `?period=` names them.
pub const PERIODS: [(&str, &str, MetricView); 4] = [
    ("hour", "Last hour", MetricView::LastHour),
    ("12h", "Last 12 hours", MetricView::Last12Hours),
    ("week", "Last week", MetricView::LastWeek),
    ("month", "Last month", MetricView::LastMonth),
];

/// Parses `?period=`; `None` when absent (each metric's default view applies).
pub fn parse_period(value: Option<&str>) -> Result<Option<MetricView>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => PERIODS
            .iter()
            .find(|(key, _, _)| *key == v)
            .map(|(_, _, view)| Some(*view))
            .ok_or_else(|| ApiError::field("period", "must be one of hour, 12h, week, month")),
    }
}

/// A link to another period.
#[derive(Debug, Clone)]
pub struct PeriodLink {
    /// `?period=week`.
    pub key: &'static str,
    /// `Last week`.
    pub label: &'static str,
    /// Whether this is the period shown.
    pub current: bool,
}

/// One chart on the page.
#[derive(Debug, Clone)]
pub struct MetricChart {
    /// Metric name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The latest bucket's value with its suffix.
    pub latest: String,
    /// The SVG markup (built here with every text escaped).
    pub svg: String,
    /// Period links.
    pub periods: Vec<PeriodLink>,
}

/// Charts of the public metrics that have `display_chart`, in their order.
pub fn charts(ctx: &RenderCtx<'_>, period: Option<MetricView>) -> Result<Vec<MetricChart>, ApiError> {
    if !ctx.settings.display_graphs() {
        return Ok(Vec::new());
    }
    let tz = ctx.settings.timezone();
    let metrics = ctx
        .store
        .list_metrics(&MetricQuery {
            sort: Some((MetricSort::Order, SortOrder::Asc)),
            page: PageRequest::new(1, 100),
            viewer: Viewer::Guest,
        })?
        .items;
    metrics
        .into_iter()
        .filter(|m| m.display_chart)
        .map(|m| chart(ctx, &m, period.unwrap_or(m.default_view), tz))
        .collect()
}

fn chart(ctx: &RenderCtx<'_>, metric: &Metric, view: MetricView, tz: Tz) -> Result<MetricChart, ApiError> {
    let edges = view_edges(view, ctx.now, tz);
    let (Some(from), Some(to)) = (edges.first(), edges.last()) else {
        return Err(ApiError::internal("a chart view without buckets".into()));
    };
    let points: Vec<_> = ctx
        .store
        .view(Viewer::Guest)
        .metric_points_between(metric.id, *from, *to)?
        .into_iter()
        .map(|p| (p.created_at, p.value, p.counter))
        .collect();
    let buckets = bucket_points(&points, metric.calc_type, metric.default_value, &edges);
    let places = usize::try_from(metric.places.clamp(0, 4)).unwrap_or(2);
    let latest = buckets.last().map_or(0.0, |b| b.value);
    Ok(MetricChart {
        name: metric.name.clone(),
        description: metric.description.clone(),
        latest: format!("{latest:.places$} {}", metric.suffix).trim().to_string(),
        svg: svg(metric, &buckets, view, tz, places),
        periods: PERIODS.iter().map(|(key, label, v)| PeriodLink { key, label, current: *v == view }).collect(),
    })
}

/// Bars scaled to the largest value; labels for the scale and the first and last bucket.
fn svg(metric: &Metric, buckets: &[MetricBucket], view: MetricView, tz: Tz, places: usize) -> String {
    const W: f64 = 600.0;
    const H: f64 = 160.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 20.0;
    let max = buckets.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let min = buckets.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let plot = H - TOP - BOTTOM;
    let n = buckets.len().max(1) as f64;
    let slot = W / n;
    let suffix = escape_text(&metric.suffix);
    let fmt_time = |b: &MetricBucket| {
        let local = b.start.with_timezone(&tz);
        match view {
            MetricView::LastHour | MetricView::Last12Hours => local.format("%H:%M").to_string(),
            _ => local.format("%b %-d").to_string(),
        }
    };
    let mut out = String::with_capacity(buckets.len() * 120 + 512);
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} chart\" preserveAspectRatio=\"none\">",
        escape_text(&metric.name)
    );
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"0\" y1=\"{y}\" x2=\"{W}\" y2=\"{y}\"/>\
         <text class=\"scale\" x=\"2\" y=\"10\">{max:.places$} {suffix}</text>",
        y = H - BOTTOM
    );
    for (i, b) in buckets.iter().enumerate() {
        let h = ((b.value - min) / span * plot).max(1.0);
        let x = i as f64 * slot;
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\"><title>{t}: {v:.places$} {suffix}</title></rect>",
            y = H - BOTTOM - h,
            w = (slot - 1.0).max(0.5),
            t = escape_text(&fmt_time(b)),
            v = b.value,
        );
    }
    if let (Some(first), Some(last)) = (buckets.first(), buckets.last()) {
        let _ = write!(
            out,
            "<text class=\"scale\" x=\"2\" y=\"{y}\">{}</text><text class=\"scale\" x=\"{W}\" y=\"{y}\" text-anchor=\"end\">{}</text>",
            escape_text(&fmt_time(first)),
            escape_text(&fmt_time(last)),
            y = H - 4.0
        );
    }
    out.push_str("</svg>");
    out
}

//! Shields-style SVG badges: `/badge.svg` (the page's overall status) and
//! `/components/{id}/badge.svg` (a component's name and status, for components guests may see).
//! Colour follows the status, the text says it too, labels are XML-escaped (characters XML forbids
//! dropped), and caches keep a badge for a minute.

use cachet_core::model::{ComponentStatus, EffectiveStatus, Viewer};
use cachet_core::status::BannerLevel;
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;

use super::present::escape_text;
use super::{serve, with_state};
use crate::api::error::ApiError;
use crate::state::AppState;

const SVG: &str = "image/svg+xml; charset=utf-8";
const CACHE: &str = "public, max-age=60";

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] =
    &[("GET", "/badge.svg"), ("GET", "/components/{id}/badge.svg"), ("GET", "/favicon.svg")];

/// The badge routes.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let overall = warp::path!("badge.svg")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state.clone()))
        .then(|headers: HeaderMap, state: AppState| async move {
            serve(state, "/badge.svg".into(), headers, SVG, CACHE, |ctx| {
                let overview = ctx.store.status_overview(Viewer::Guest)?;
                let (message, color) = match overview.banner.status {
                    BannerLevel::Success if overview.under_maintenance => ("under maintenance", BLUE),
                    BannerLevel::Success => ("operational", GREEN),
                    BannerLevel::Info => ("degraded", ORANGE),
                    BannerLevel::Danger => ("major outage", RED),
                };
                Ok(badge(ctx.settings.app_name(), message, color).into_bytes())
            })
            .await
        });
    let component = warp::path!("components" / i64 / "badge.svg")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state.clone()))
        .then(|id: i64, headers: HeaderMap, state: AppState| async move {
            serve(state, format!("/components/{id}/badge.svg"), headers, SVG, CACHE, move |ctx| {
                // What guests may not see has no badge: the core's rule, before any work.
                ctx.store.view(Viewer::Guest).component(id)?;
                let overview = ctx.store.status_overview(Viewer::Guest)?;
                let shown =
                    overview.components.iter().find(|c| c.component.id == id).ok_or_else(ApiError::not_found)?;
                let status = shown.effective;
                Ok(badge(&shown.component.name, &status.label().to_lowercase(), color(status)).into_bytes())
            })
            .await
        });
    let favicon = warp::path!("favicon.svg")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .then(|headers: HeaderMap, state: AppState| async move {
            serve(state, "/favicon.svg".into(), headers, SVG, CACHE, |ctx| {
                let overview = ctx.store.status_overview(Viewer::Guest)?;
                let degraded = overview.components.iter().any(|c| {
                    matches!(c.component.status, ComponentStatus::PerformanceIssues | ComponentStatus::PartialOutage)
                });
                Ok(favicon(favicon_color(overview.banner.status, degraded, overview.under_maintenance)).into_bytes())
            })
            .await
        });
    overall.or(component).unify().or(favicon).unify().boxed()
}

/// Cachet's favicon rule: an alert for danger and info, a medium sign when a component has
/// performance issues or a partial outage, else operational (or maintenance).
fn favicon_color(level: BannerLevel, degraded: bool, maintenance: bool) -> &'static str {
    match level {
        BannerLevel::Danger => RED,
        BannerLevel::Info if degraded => YELLOW,
        BannerLevel::Info => ORANGE,
        BannerLevel::Success if maintenance => BLUE,
        BannerLevel::Success => GREEN,
    }
}

/// A round status icon for browser tabs.
fn favicon(color: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="{color}"/></svg>"#
    )
}

const GREEN: &str = "#2e7d32";
const YELLOW: &str = "#8a6d00";
const ORANGE: &str = "#c25400";
const RED: &str = "#c62828";
const GREY: &str = "#616161";
const BLUE: &str = "#1565c0";

/// Background colour of a status (dark enough for white text).
fn color(status: EffectiveStatus) -> &'static str {
    match status {
        EffectiveStatus::Status(ComponentStatus::Operational) => GREEN,
        EffectiveStatus::Status(ComponentStatus::PerformanceIssues) => YELLOW,
        EffectiveStatus::Status(ComponentStatus::PartialOutage) => ORANGE,
        EffectiveStatus::Status(ComponentStatus::MajorOutage) => RED,
        EffectiveStatus::Status(ComponentStatus::Unknown) => GREY,
        EffectiveStatus::UnderMaintenance => BLUE,
    }
}

/// Approximate width of `text` in 11px Verdana.
fn text_width(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 4,
            'm' | 'w' | 'M' | 'W' => 10,
            c if c.is_ascii_uppercase() => 8,
            _ => 7,
        })
        .sum()
}

/// A flat badge: grey label on the left, coloured message on the right.
pub fn badge(label: &str, message: &str, color: &str) -> String {
    let label: String = label.chars().take(60).collect();
    let lw = text_width(&label) + 12;
    let mw = text_width(message) + 12;
    let w = lw + mw;
    let (l, m) = (escape_text(&label), escape_text(message));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{l}: {m}\">\
<title>{l}: {m}</title>\
<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\
<clipPath id=\"r\"><rect width=\"{w}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>\
<g clip-path=\"url(#r)\"><rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{mw}\" height=\"20\" fill=\"{color}\"/><rect width=\"{w}\" height=\"20\" fill=\"url(#s)\"/></g>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"{lx}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{l}</text><text x=\"{lx}\" y=\"14\">{l}</text>\
<text x=\"{mx}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{m}</text><text x=\"{mx}\" y=\"14\">{m}</text></g></svg>",
        lx = lw / 2,
        mx = lw + mw / 2,
    )
}

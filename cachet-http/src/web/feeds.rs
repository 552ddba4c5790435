//! Atom (RFC 4287) and RSS 2.0 feeds of incidents and their updates: `/atom`, `/rss`, per
//! component group `/atom/{group_id}` and `/rss/{group_id}`, and Statuspage's `/history.atom`
//! and `/history.rss`. One entry per incident; its content carries the message and every update,
//! and its `updated` time moves with each update so readers show it again.

use std::fmt::Write;

use cachet_core::model::{Incident, IncidentQuery, IncidentSort, PageRequest, SortOrder, Viewer};
use chrono::{DateTime, Utc};
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;

use super::present::{escape_text, iso};
use super::{RenderCtx, markdown, serve, with_state};
use crate::api::error::ApiError;
use crate::state::AppState;

/// Entries in a feed.
const FEED_ENTRIES: usize = 50;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Atom,
    Rss,
}

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/atom"),
    ("GET", "/history.atom"),
    ("GET", "/rss"),
    ("GET", "/history.rss"),
    ("GET", "/atom/{group}"),
    ("GET", "/rss/{group}"),
];

/// The feed routes.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let all = warp::path!("atom")
        .map(|| (Format::Atom, None))
        .or(warp::path!("history.atom").map(|| (Format::Atom, None)))
        .unify()
        .or(warp::path!("rss").map(|| (Format::Rss, None)))
        .unify()
        .or(warp::path!("history.rss").map(|| (Format::Rss, None)))
        .unify()
        .or(warp::path!("atom" / i64).map(|g| (Format::Atom, Some(g))))
        .unify()
        .or(warp::path!("rss" / i64).map(|g| (Format::Rss, Some(g))))
        .unify();
    all.and(crate::respond::get_or_head())
        .and(warp::path::full())
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .then(
            |(format, group): (Format, Option<i64>),
             path: warp::path::FullPath,
             headers: HeaderMap,
             state: AppState| {
                let content_type = match format {
                    Format::Atom => "application/atom+xml; charset=utf-8",
                    Format::Rss => "application/rss+xml; charset=utf-8",
                };
                let path = path.as_str().to_string();
                async move {
                    serve(state, path.clone(), headers, content_type, "public, max-age=60", move |ctx| {
                        let (title, incidents) = incidents(ctx, group)?;
                        Ok(match format {
                            Format::Atom => atom(ctx, &title, &path, &incidents),
                            Format::Rss => rss(ctx, &title, &path, &incidents),
                        }
                        .into_bytes())
                    })
                    .await
                }
            },
        )
        .boxed()
}

/// The feed's title and its incidents, newest first: all visible ones, or those affecting a
/// member of a visible group.
fn incidents(ctx: &RenderCtx<'_>, group: Option<i64>) -> Result<(String, Vec<Incident>), ApiError> {
    let app = ctx.settings.app_name();
    let query = |per_page| IncidentQuery {
        viewer: Viewer::Guest,
        sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
        page: PageRequest::new(1, per_page),
        ..IncidentQuery::default()
    };
    let Some(group_id) = group else {
        let items = ctx.store.list_incidents(&query(FEED_ENTRIES as u32))?.items;
        return Ok((format!("{app} incidents"), items));
    };
    let group = ctx.store.view(Viewer::Guest).group(group_id)?;
    let members: Vec<i64> = ctx.store.enabled_components_of(&[group_id])?.iter().map(|c| c.id).collect();
    // Recent incidents only: a group's feed never scans the whole history.
    let items = ctx
        .store
        .list_incidents(&query(500))?
        .items
        .into_iter()
        .filter(|i| i.components.iter().any(|a| members.contains(&a.component_id)) || members.contains(&i.component_id))
        .take(FEED_ENTRIES)
        .collect();
    Ok((format!("{app} incidents: {}", group.name), items))
}

/// When an entry last changed: its own change or its newest update.
fn entry_updated(incident: &Incident) -> DateTime<Utc> {
    incident.updates.iter().map(|u| u.updated_at.max(u.created_at)).fold(incident.updated_at, DateTime::max)
}

/// The entry's HTML: the message, then each update, newest first.
fn entry_html(incident: &Incident) -> String {
    let mut html = format!("<p><strong>{}</strong></p>", escape_text(incident.status.label()));
    html.push_str(&markdown::to_html(&incident.message));
    for update in &incident.updates {
        let _ = write!(
            html,
            "<hr><p><strong>{}</strong> — {}</p>{}",
            escape_text(update.status.label()),
            escape_text(&update.created_at.format("%Y-%m-%d %H:%M UTC").to_string()),
            markdown::to_html(&update.message)
        );
    }
    html
}

fn atom(ctx: &RenderCtx<'_>, title: &str, path: &str, incidents: &[Incident]) -> String {
    let base = &ctx.base_url;
    let updated = incidents.iter().map(entry_updated).max().unwrap_or(ctx.now);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = write!(
        out,
        "<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        escape_text(title),
        escape_text(&format!("{base}{path}")),
        escape_text(&format!("{base}{path}")),
        escape_text(base),
        iso(updated),
        escape_text(ctx.settings.app_name()),
    );
    for incident in incidents {
        let url = format!("{base}/incidents/{}", incident.id);
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape_text(&incident.name),
            escape_text(&url),
            escape_text(&url),
            iso(incident.occurred_at),
            iso(entry_updated(incident)),
            escape_text(incident.status.label()),
            escape_text(&entry_html(incident)),
        );
    }
    out.push_str("</feed>\n");
    out
}

fn rss(ctx: &RenderCtx<'_>, title: &str, path: &str, incidents: &[Incident]) -> String {
    let base = &ctx.base_url;
    let updated = incidents.iter().map(entry_updated).max().unwrap_or(ctx.now);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let _ = write!(
        out,
        "<title>{}</title>\n<link>{}/</link>\n<description>{}</description>\n\
         <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n<lastBuildDate>{}</lastBuildDate>\n",
        escape_text(title),
        escape_text(base),
        escape_text(&format!("Incidents and their updates from {}", ctx.settings.app_name())),
        escape_text(&format!("{base}{path}")),
        updated.to_rfc2822(),
    );
    for incident in incidents {
        let url = format!("{base}/incidents/{}", incident.id);
        let _ = write!(
            out,
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n\
             <description>{}</description>\n</item>\n",
            escape_text(&incident.name),
            escape_text(&url),
            escape_text(&url),
            incident.occurred_at.to_rfc2822(),
            escape_text(&entry_html(incident)),
        );
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

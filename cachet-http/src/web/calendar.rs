//! `/schedules.ics`: maintenance windows as an iCalendar (RFC 5545) feed a calendar app can
//! subscribe to: CRLF line ends, lines folded at 75 octets, TEXT values escaped, one VEVENT per
//! window with a stable UID, DTSTAMP and times in UTC.

use cachet_core::model::{PageRequest, Schedule, ScheduleQuery, ScheduleSort, SortOrder};
use chrono::{DateTime, Utc};
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::reply::Response;

use super::{RenderCtx, serve, with_state};
use crate::state::AppState;

/// Windows in the calendar (the newest by start time).
const CALENDAR_EVENTS: u32 = 500;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/schedules.ics")];

/// `GET /schedules.ics`.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    warp::path!("schedules.ics")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .and(with_state(state))
        .then(|headers: HeaderMap, state: AppState| async move {
            serve(
                state,
                "/schedules.ics".into(),
                headers,
                "text/calendar; charset=utf-8",
                "public, max-age=300",
                |ctx| {
                    let schedules = ctx
                        .store
                        .list_schedules(&ScheduleQuery {
                            sort: Some((ScheduleSort::ScheduledAt, SortOrder::Desc)),
                            page: PageRequest::new(1, CALENDAR_EVENTS),
                            ..ScheduleQuery::default()
                        })?
                        .items;
                    Ok(calendar(ctx, &schedules).into_bytes())
                },
            )
            .await
        })
        .boxed()
}

fn calendar(ctx: &RenderCtx<'_>, schedules: &[Schedule]) -> String {
    let host = ctx.base_url.split("://").nth(1).unwrap_or("localhost").trim_end_matches('/').to_string();
    let mut out = String::new();
    let mut line = |s: String| push_folded(&mut out, &s);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Cachet//Status page maintenance//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("X-WR-CALNAME:{}", escape(&format!("{} maintenance", ctx.settings.app_name()))));
    for s in schedules {
        line("BEGIN:VEVENT".into());
        line(format!("UID:schedule-{}@{}", s.id, escape(&host)));
        line(format!("DTSTAMP:{}", utc(s.updated_at)));
        line(format!("LAST-MODIFIED:{}", utc(s.updated_at)));
        line(format!("DTSTART:{}", utc(s.scheduled_at)));
        if let Some(end) = s.completed_at.filter(|end| *end >= s.scheduled_at) {
            line(format!("DTEND:{}", utc(end)));
        }
        line(format!("SUMMARY:{}", escape(&s.name)));
        if !s.message.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&s.message)));
        }
        line(format!("URL:{}/schedules/{}", ctx.base_url, s.id));
        line(format!("STATUS:{}", "CONFIRMED"));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// `20261122T140500Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded into lines of at most 75 octets (continuations start with a space),
/// never splitting a UTF-8 character, each ended by CRLF.
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_separators_and_newlines() {
        assert_eq!(escape("a;b,c\\d\r\ne\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        push_folded(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }
}

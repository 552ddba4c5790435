//! The 90-day uptime bar of a component, drawn compactly: one inline SVG with one path per
//! status class (days in a row with the same status make one rectangle), instead of an element
//! per day. A page of 1,000 components stays light this way.
//!
//! Reading it does not need the picture: the SVG is an image whose label says, in words, how
//! many days had each status, and the uptime figure is printed beside it. The day-by-day detail
//! (date, uptime, worst status) rides along in two short data attributes that the page's script
//! turns into a tooltip on hover or keyboard focus.

use std::fmt::Write;

use cachet_core::model::ComponentStatus;
use cachet_core::status::DayUptime;

use super::present::status_look;

/// A bar ready for the template: the SVG markup (every piece of it made here from numbers and
/// fixed names, nothing from users but the escaped label).
#[derive(Debug, Clone)]
pub struct UptimeBar {
    /// `<svg …>…</svg>`.
    pub svg: String,
}

/// The one-letter code of a day in `data-days`, and its CSS class.
fn code_and_class(worst: Option<ComponentStatus>) -> (char, &'static str) {
    match worst {
        None => ('-', "s-none"),
        Some(status) => {
            let code = char::from_digit(u32::try_from(status.value()).unwrap_or(0), 10).unwrap_or('-');
            (code, status_look(status).class)
        }
    }
}

/// The bar of `name` over `days` (oldest first).
pub fn uptime_bar(name: &str, days: &[DayUptime]) -> UptimeBar {
    let n = days.len().max(1);
    // One path per class, in a fixed order; runs of equal days become one rectangle.
    let mut paths: Vec<(&'static str, String)> = Vec::new();
    let mut codes = String::with_capacity(days.len());
    let mut dips = String::new();
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let (code, class) = code_and_class(days[i].worst);
        let mut end = i + 1;
        while end < days.len() && code_and_class(days[end].worst).1 == class {
            end += 1;
        }
        let d = match paths.iter_mut().find(|(c, _)| *c == class) {
            Some((_, d)) => d,
            None => {
                paths.push((class, String::new()));
                &mut paths.last_mut().expect("just pushed").1
            }
        };
        let _ = write!(d, "M{i} 0h{}v1h-{}z", end - i, end - i);
        match counts.iter_mut().find(|(c, _)| *c == class) {
            Some((_, count)) => *count += end - i,
            None => counts.push((class, end - i)),
        }
        for (at, day) in days.iter().enumerate().take(end).skip(i) {
            codes.push(code);
            if let Some(u) = day.uptime.filter(|u| *u < 100.0) {
                let _ = write!(dips, "{at}:{};", trim(u));
            }
        }
        i = end;
    }
    let label = label(name, &counts);
    let first = days.first().map(|d| d.date.to_string()).unwrap_or_default();
    let mut svg = format!(
        "<svg class=\"bar\" viewBox=\"0 0 {n} 1\" preserveAspectRatio=\"none\" role=\"img\" tabindex=\"0\" \
         aria-label=\"{}\" data-from=\"{first}\" data-days=\"{codes}\" data-dips=\"{dips}\">",
        super::present::escape_text(&label)
    );
    for (class, d) in &paths {
        let _ = write!(svg, "<path class=\"{class}\" d=\"{d}\"/>");
    }
    svg.push_str("</svg>");
    UptimeBar { svg }
}

/// `Daily status of API over the last 90 days: 88 days operational, 2 days partial outage`.
fn label(name: &str, counts: &[(&'static str, usize)]) -> String {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = counts
        .iter()
        .map(|(class, n)| {
            let what = match *class {
                "s-none" => "no data".to_string(),
                class => class.trim_start_matches("s-").replace('_', " "),
            };
            format!("{n} day{} {what}", if *n == 1 { "" } else { "s" })
        })
        .collect();
    format!("Daily status of {name} over the last {total} days: {}", parts.join(", "))
}

/// A percentage with at most two decimals and no trailing zeros, rounded down: a bad day never
/// reads as a perfect one.
fn trim(p: f64) -> String {
    let s = format!("{:.2}", (p * 100.0).floor() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(n: u32, worst: Option<ComponentStatus>, uptime: Option<f64>) -> DayUptime {
        DayUptime { date: NaiveDate::from_ymd_opt(2026, 11, n).unwrap(), seconds: [0; 5], uptime, worst }
    }

    #[test]
    fn runs_of_equal_days_make_one_rectangle_per_run_and_one_path_per_status() {
        let days = [
            day(1, None, None),
            day(2, Some(ComponentStatus::Operational), Some(100.0)),
            day(3, Some(ComponentStatus::Operational), Some(100.0)),
            day(4, Some(ComponentStatus::PartialOutage), Some(97.5)),
            day(5, Some(ComponentStatus::Operational), Some(100.0)),
        ];
        let bar = uptime_bar("API <x>", &days).svg;
        assert_eq!(bar.matches("<path ").count(), 3, "{bar}");
        assert!(bar.contains("class=\"s-operational\" d=\"M1 0h2v1h-2zM4 0h1v1h-1z\""), "{bar}");
        assert!(bar.contains("data-days=\"-1131\""), "{bar}");
        assert!(bar.contains("data-dips=\"3:97.5;\""), "{bar}");
        assert!(bar.contains("data-from=\"2026-11-01\""));
        assert!(
            bar.contains("aria-label=\"Daily status of API &lt;x&gt; over the last 5 days: 1 day no data, 3 days operational, 1 day partial outage\""),
            "{bar}"
        );
    }
}

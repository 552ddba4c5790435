//! Parsing of the values people type: statuses by number or name, times, `name=status` pairs.
//! Every error names the argument and what it accepts.

use cachet_core::model::{ComponentStatus, IncidentStatus};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::error::{CliError, CliResult};

/// `major-outage`, `Major_Outage` and `major outage` all become `majoroutage`.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// A component status: `0`-`4` or a name (`operational`, `performance-issues`, `partial-outage`,
/// `major-outage`, `unknown`; dashes, underscores and spaces alike).
pub fn component_status(s: &str) -> CliResult<ComponentStatus> {
    if let Ok(n) = s.trim().parse::<i64>() {
        return ComponentStatus::from_value(n)
            .map_err(|_| CliError::invalid(format!("status must be 0-4 or a status name, not {s:?}")));
    }
    let wanted = squash(s);
    ComponentStatus::ALL.iter().copied().find(|v| squash(v.label()) == wanted).ok_or_else(|| {
        CliError::invalid(format!(
            "status must be 0-4 or one of unknown, operational, performance-issues, partial-outage, major-outage, not {s:?}"
        ))
    })
}

/// An incident status: `0`-`4` or a name (`investigating`, `identified`, `watching`, `fixed`;
/// `scheduled` for 0; `resolved` as a synonym of fixed).
pub fn incident_status(s: &str) -> CliResult<IncidentStatus> {
    if let Ok(n) = s.trim().parse::<i64>() {
        return IncidentStatus::from_value(n)
            .map_err(|_| CliError::invalid(format!("incident status must be 0-4 or a status name, not {s:?}")));
    }
    let wanted = squash(s);
    if wanted == "resolved" {
        return Ok(IncidentStatus::Fixed);
    }
    IncidentStatus::ALL.iter().copied().find(|v| squash(v.label()) == wanted).ok_or_else(|| {
        CliError::invalid(format!(
            "incident status must be 1-4 or one of investigating, identified, watching, fixed, not {s:?}"
        ))
    })
}

/// A time: ISO 8601 with a zone (`2026-05-01T22:00:00Z`, `...+02:00`), or `YYYY-MM-DD HH:MM[:SS]`
/// / `YYYY-MM-DDTHH:MM[:SS]` / `YYYY-MM-DD` read as UTC.
pub fn time(field: &str, s: &str) -> CliResult<DateTime<Utc>> {
    let t = s.trim();
    if let Ok(z) = DateTime::parse_from_rfc3339(t) {
        return Ok(z.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f"]
    {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(n.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    Err(CliError::invalid(format!(
        "{field} must be a time such as 2026-05-01T22:00:00Z or \"2026-05-01 22:00\" (UTC), not {s:?}"
    )))
}

/// `NAME=STATUS` (or a bare `NAME`, which takes `default`), as in `--component api=major-outage`.
pub fn component_with_status(s: &str, default: ComponentStatus) -> CliResult<(String, ComponentStatus)> {
    match s.rsplit_once('=') {
        Some((name, status)) if !name.trim().is_empty() => Ok((name.trim().to_string(), component_status(status)?)),
        Some(_) => Err(CliError::invalid(format!("--component must be NAME=STATUS, not {s:?}"))),
        None => Ok((s.trim().to_string(), default)),
    }
}

/// A boolean flag value: `true`/`false`, `yes`/`no`, `1`/`0`, `on`/`off`.
pub fn boolean(field: &str, s: &str) -> CliResult<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(CliError::invalid(format!("{field} must be true or false, not {s:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_by_number_or_name() {
        assert_eq!(component_status("4").ok(), Some(ComponentStatus::MajorOutage));
        assert_eq!(component_status("major-outage").ok(), Some(ComponentStatus::MajorOutage));
        assert_eq!(component_status("major_outage").ok(), Some(ComponentStatus::MajorOutage));
        assert_eq!(component_status("Performance Issues").ok(), Some(ComponentStatus::PerformanceIssues));
        assert!(component_status("7").is_err());
        assert_eq!(incident_status("resolved").ok(), Some(IncidentStatus::Fixed));
    }

    #[test]
    fn times_are_read_as_iso_or_cachet_format() {
        let want = NaiveDate::from_ymd_opt(2026, 5, 1).and_then(|d| d.and_hms_opt(22, 0, 0)).map(|n| n.and_utc());
        assert_eq!(time("at", "2026-05-01 22:00").ok(), want);
        assert_eq!(time("at", "2026-05-01T22:00:00Z").ok(), want);
        assert_eq!(time("at", "2026-05-02T00:00:00+02:00").ok(), want);
        assert!(time("at", "tomorrow").is_err());
    }

    #[test]
    fn component_pairs_split_on_the_last_equals_sign() {
        let (name, status) = component_with_status("api=4", ComponentStatus::PartialOutage).unwrap();
        assert_eq!((name.as_str(), status), ("api", ComponentStatus::MajorOutage));
        let (name, status) = component_with_status("web", ComponentStatus::PartialOutage).unwrap();
        assert_eq!((name.as_str(), status), ("web", ComponentStatus::PartialOutage));
    }
}

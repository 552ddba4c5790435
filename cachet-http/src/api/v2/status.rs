//! The Statuspage vocabulary for our statuses: component, incident and maintenance enums, and the
//! page's top-level `status` rollup. Pure functions, so the rules are tested without a server.
//!
//! Rollup rule for `status.indicator` / `status.description`, over the effective (maintenance-aware)
//! statuses of the components a guest sees, first match wins:
//!
//! | Condition | indicator | description |
//! |---|---|---|
//! | any `major_outage` | `critical` | Major System Outage |
//! | any `partial_outage` | `major` | Partial System Outage |
//! | every component `degraded_performance` | `minor` | Degraded System Service |
//! | some component `degraded_performance` | `minor` | Partially Degraded Service |
//! | an unresolved visible incident | `minor` | Minor Service Outage |
//! | any `under_maintenance`, or an active window | `maintenance` | Service Under Maintenance |
//! | otherwise | `none` | All Systems Operational |
//!
//! An open incident counts (as on Cachet's own banner, which says "issues" while one is open) but
//! only as `minor`: Statuspage blends component states, and an incident's own severity is its
//! `impact`.

use cachet_core::model::{ComponentStatus, EffectiveStatus, IncidentStatus, ScheduleStatus};
use cachet_core::status::schedule_is_active;
use chrono::{DateTime, Utc};

/// `component.status` from the effective status: 0 unknown reads as `degraded_performance` (not
/// known to be fine, and the format has no "unknown"); a component inside an active maintenance
/// window reads as `under_maintenance`, unless its own status is an outage or degradation, which
/// stays visible (the core's effective-status rule, shared with `/api/v1/status` and the page).
pub fn component_status(status: EffectiveStatus) -> &'static str {
    match status {
        EffectiveStatus::UnderMaintenance => "under_maintenance",
        EffectiveStatus::Status(ComponentStatus::Operational) => "operational",
        EffectiveStatus::Status(ComponentStatus::Unknown | ComponentStatus::PerformanceIssues) => {
            "degraded_performance"
        }
        EffectiveStatus::Status(ComponentStatus::PartialOutage) => "partial_outage",
        EffectiveStatus::Status(ComponentStatus::MajorOutage) => "major_outage",
    }
}

/// How bad a Statuspage component status is, for "worst of" (a group's status).
pub fn component_severity(status: &str) -> u8 {
    match status {
        "major_outage" => 4,
        "partial_outage" => 3,
        "degraded_performance" => 2,
        "under_maintenance" => 1,
        _ => 0,
    }
}

/// `incident.status`: Cachet's legacy 0 ("scheduled", unlabelled) reads as `investigating`.
pub fn incident_status(status: IncidentStatus) -> &'static str {
    match status {
        IncidentStatus::Scheduled | IncidentStatus::Investigating => "investigating",
        IncidentStatus::Identified => "identified",
        IncidentStatus::Watching => "monitoring",
        IncidentStatus::Fixed => "resolved",
    }
}

/// `incident.impact` from the worst status the incident gives its components.
pub fn impact(affected: impl IntoIterator<Item = ComponentStatus>) -> &'static str {
    match affected.into_iter().map(ComponentStatus::severity).max() {
        Some(4) => "critical",
        Some(3) => "major",
        Some(2) => "minor",
        _ => "none",
    }
}

/// A maintenance window's status from the window at `now`: `in_progress` while active,
/// `completed` once complete or past its end, else `scheduled`.
pub fn maintenance_status(
    status: ScheduleStatus,
    scheduled_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> &'static str {
    if schedule_is_active(status, scheduled_at, completed_at, now) {
        "in_progress"
    } else if status == ScheduleStatus::Complete || completed_at.is_some_and(|end| end <= now) {
        "completed"
    } else {
        "scheduled"
    }
}

/// The page's `status` rollup (see the module doc): `(indicator, description)`.
pub fn rollup<'a>(
    statuses: impl IntoIterator<Item = &'a str>,
    has_open_incident: bool,
    has_active_window: bool,
) -> (&'static str, &'static str) {
    let statuses: Vec<&str> = statuses.into_iter().collect();
    let any = |s: &str| statuses.contains(&s);
    if any("major_outage") {
        ("critical", "Major System Outage")
    } else if any("partial_outage") {
        ("major", "Partial System Outage")
    } else if any("degraded_performance") {
        if statuses.iter().all(|s| *s == "degraded_performance") {
            ("minor", "Degraded System Service")
        } else {
            ("minor", "Partially Degraded Service")
        }
    } else if has_open_incident {
        ("minor", "Minor Service Outage")
    } else if has_active_window || any("under_maintenance") {
        ("maintenance", "Service Under Maintenance")
    } else {
        ("none", "All Systems Operational")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn unknown_reads_as_degraded_and_maintenance_as_under_maintenance() {
        assert_eq!(component_status(EffectiveStatus::Status(ComponentStatus::Unknown)), "degraded_performance");
        assert_eq!(component_status(EffectiveStatus::Status(ComponentStatus::Operational)), "operational");
        assert_eq!(component_status(EffectiveStatus::Status(ComponentStatus::MajorOutage)), "major_outage");
        assert_eq!(component_status(EffectiveStatus::UnderMaintenance), "under_maintenance");
    }

    #[test]
    fn impact_is_the_worst_affected_status() {
        use ComponentStatus::*;
        assert_eq!(impact([]), "none");
        assert_eq!(impact([Operational, Unknown]), "none");
        assert_eq!(impact([PerformanceIssues, Operational]), "minor");
        assert_eq!(impact([PerformanceIssues, PartialOutage]), "major");
        assert_eq!(impact([MajorOutage, PartialOutage]), "critical");
    }

    #[test]
    fn maintenance_status_follows_the_window() {
        let t = |h| Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap();
        use ScheduleStatus::*;
        assert_eq!(maintenance_status(Upcoming, t(10), Some(t(12)), t(9)), "scheduled");
        assert_eq!(maintenance_status(Upcoming, t(10), Some(t(12)), t(11)), "in_progress");
        assert_eq!(maintenance_status(Upcoming, t(10), Some(t(12)), t(13)), "completed");
        assert_eq!(maintenance_status(InProgress, t(10), None, t(9)), "in_progress");
        assert_eq!(maintenance_status(Complete, t(10), None, t(11)), "completed");
    }

    #[test]
    fn rollup_takes_the_worst_condition_first() {
        assert_eq!(rollup(["operational", "major_outage", "partial_outage"], true, true).0, "critical");
        assert_eq!(rollup(["partial_outage", "degraded_performance"], false, false).0, "major");
        assert_eq!(rollup(["degraded_performance"], false, false), ("minor", "Degraded System Service"));
        assert_eq!(
            rollup(["degraded_performance", "operational"], false, false),
            ("minor", "Partially Degraded Service")
        );
        assert_eq!(rollup(["operational"], true, true), ("minor", "Minor Service Outage"));
        assert_eq!(rollup(["operational"], false, true), ("maintenance", "Service Under Maintenance"));
        assert_eq!(rollup(["under_maintenance"], false, false).0, "maintenance");
        assert_eq!(rollup([], false, false), ("none", "All Systems Operational"));
    }
}

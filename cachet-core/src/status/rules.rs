//! Small status rules: group status, effective status, maintenance windows, incident resolution.

use chrono::{DateTime, Utc};

use crate::model::{ComponentStatus, EffectiveStatus, IncidentStatus, ScheduleStatus};

/// A group's status: its worst member's (Unknown counts as best, as on Cachet's page), or `None`
/// for a group without members.
pub fn group_status(members: impl IntoIterator<Item = ComponentStatus>) -> Option<ComponentStatus> {
    members.into_iter().max_by_key(|s| s.severity())
}

/// What visitors see for a component: an active maintenance window shows it as under
/// maintenance, unless its own status is worse than operational (an outage during maintenance
/// still shows as an outage, by Cachet 3.x's severity order 4 > 3 > 2 > maintenance > 0 > 1).
pub fn effective_status(status: ComponentStatus, in_maintenance: bool) -> EffectiveStatus {
    match status {
        ComponentStatus::Unknown | ComponentStatus::Operational if in_maintenance => EffectiveStatus::UnderMaintenance,
        other => EffectiveStatus::Status(other),
    }
}

/// Whether a maintenance window is active at `now`: started (by status, or by its start time
/// while still upcoming), not complete, and not past its end.
pub fn schedule_is_active(
    status: ScheduleStatus,
    scheduled_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let before_end = completed_at.is_none_or(|end| now < end);
    match status {
        ScheduleStatus::Complete => false,
        ScheduleStatus::InProgress => before_end,
        ScheduleStatus::Upcoming => scheduled_at <= now && before_end,
    }
}

/// Cachet's rule: an incident is unresolved when its status is not Fixed and it has no updates or
/// its latest update is not Fixed.
pub fn incident_is_resolved(status: IncidentStatus, latest_update: Option<IncidentStatus>) -> bool {
    status.is_resolved() || latest_update.is_some_and(IncidentStatus::is_resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComponentStatus::*;
    use chrono::TimeZone;

    #[test]
    fn group_status_is_the_worst_member() {
        assert_eq!(group_status([]), None);
        assert_eq!(group_status([Operational, Unknown]), Some(Operational));
        assert_eq!(group_status([Unknown]), Some(Unknown));
        assert_eq!(group_status([Operational, MajorOutage, PartialOutage]), Some(MajorOutage));
        assert_eq!(group_status([PerformanceIssues, Operational]), Some(PerformanceIssues));
    }

    #[test]
    fn maintenance_overrides_only_good_or_unknown_statuses() {
        let cases = [
            (Operational, false, EffectiveStatus::Status(Operational)),
            (Operational, true, EffectiveStatus::UnderMaintenance),
            (Unknown, true, EffectiveStatus::UnderMaintenance),
            (PerformanceIssues, true, EffectiveStatus::Status(PerformanceIssues)),
            (MajorOutage, true, EffectiveStatus::Status(MajorOutage)),
            (PartialOutage, false, EffectiveStatus::Status(PartialOutage)),
        ];
        for (status, maint, want) in cases {
            assert_eq!(effective_status(status, maint), want, "{status:?} {maint}");
        }
    }

    #[test]
    fn schedule_activity_follows_status_and_window() {
        let t = |h| Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap();
        use ScheduleStatus::*;
        let cases = [
            (Upcoming, t(10), None, t(9), false),
            (Upcoming, t(10), None, t(10), true),
            (Upcoming, t(10), Some(t(12)), t(11), true),
            (Upcoming, t(10), Some(t(12)), t(12), false),
            (InProgress, t(10), None, t(9), true),
            (InProgress, t(10), Some(t(12)), t(13), false),
            (Complete, t(10), None, t(11), false),
        ];
        for (status, start, end, now, want) in cases {
            assert_eq!(schedule_is_active(status, start, end, now), want, "{status:?} {start} {end:?} {now}");
        }
    }

    #[test]
    fn incident_resolution_follows_status_and_latest_update() {
        use IncidentStatus::*;
        assert!(!incident_is_resolved(Investigating, None));
        assert!(!incident_is_resolved(Scheduled, None));
        assert!(incident_is_resolved(Fixed, None));
        assert!(incident_is_resolved(Fixed, Some(Watching)));
        assert!(incident_is_resolved(Watching, Some(Fixed)));
        assert!(!incident_is_resolved(Watching, Some(Identified)));
    }
}

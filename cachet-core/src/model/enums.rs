//! Cachet's enumerations, with the integers of the 2.4 API and the labels Cachet shows.

use serde::{Deserialize, Serialize};

/// Defines an integer-backed enum with Cachet's numbering and labels, and its conversions.
macro_rules! int_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal { $($(#[$vdoc:meta])* $variant:ident = $value:literal => $label:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "i64", into = "i64")]
        pub enum $name {
            $($(#[$vdoc])* $variant = $value,)+
        }

        impl $name {
            /// Every value, in numeric order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The integer used in the API and the database.
            pub fn value(self) -> i16 {
                self as i16
            }

            /// The human label Cachet shows.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// The value for `n`, or an [`crate::Error::Invalid`] naming the field.
            pub fn from_value(n: i64) -> crate::Result<Self> {
                match n {
                    $($value => Ok($name::$variant),)+
                    _ => Err(crate::Error::invalid(
                        $field,
                        format!("must be one of {}", Self::ALL.iter().map(|v| v.value().to_string()).collect::<Vec<_>>().join(", ")),
                    )),
                }
            }
        }

        impl TryFrom<i64> for $name {
            type Error = crate::Error;
            fn try_from(n: i64) -> crate::Result<Self> {
                Self::from_value(n)
            }
        }

        impl From<$name> for i64 {
            fn from(v: $name) -> i64 {
                v as i64
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

int_enum! {
    /// A component's own status. Higher is worse, except that Unknown (0) counts as best.
    ComponentStatus, "status" {
        /// Nothing is known about the component yet.
        Unknown = 0 => "Unknown",
        /// Working normally.
        Operational = 1 => "Operational",
        /// Working, but slowly.
        PerformanceIssues = 2 => "Performance Issues",
        /// Partly unavailable.
        PartialOutage = 3 => "Partial Outage",
        /// Unavailable.
        MajorOutage = 4 => "Major Outage",
    }
}

int_enum! {
    /// The state of an incident (and of each of its updates, which use 1 to 4).
    IncidentStatus, "status" {
        /// Cachet 2.x's legacy "scheduled" incident, shown without a label.
        Scheduled = 0 => "Scheduled",
        /// The cause is being looked for.
        Investigating = 1 => "Investigating",
        /// The cause is known.
        Identified = 2 => "Identified",
        /// A fix is in place and being watched.
        Watching = 3 => "Watching",
        /// Resolved.
        Fixed = 4 => "Fixed",
    }
}

int_enum! {
    /// The stored state of a maintenance window.
    ScheduleStatus, "status" {
        /// Planned, not started.
        Upcoming = 0 => "Upcoming",
        /// Under way.
        InProgress = 1 => "In Progress",
        /// Finished.
        Complete = 2 => "Complete",
    }
}

int_enum! {
    /// How a component group is shown on the status page.
    GroupCollapsed, "collapsed" {
        /// Always expanded.
        Expanded = 0 => "Expanded",
        /// Always collapsed.
        Collapsed = 1 => "Collapsed",
        /// Collapsed unless a member has a problem (status above Operational).
        CollapsedUnlessIssues = 2 => "Collapsed unless there are issues",
    }
}

int_enum! {
    /// How a metric's points are combined per bucket.
    MetricCalcType, "calc_type" {
        /// The sum of value × counter.
        Sum = 0 => "Sum",
        /// The average value.
        Average = 1 => "Average",
    }
}

int_enum! {
    /// The period a metric chart shows by default.
    MetricView, "default_view" {
        /// The last hour, per minute.
        LastHour = 0 => "Last Hour",
        /// The last 12 hours, per hour.
        Last12Hours = 1 => "Last 12 Hours",
        /// The last week, per day.
        LastWeek = 2 => "Week",
        /// The last month, per day.
        LastMonth = 3 => "Month",
    }
}

int_enum! {
    /// Who may see a metric.
    MetricVisibility, "visible" {
        /// Signed-in users only.
        Authenticated = 0 => "Authenticated",
        /// Everyone.
        Public = 1 => "Public",
        /// Nobody on the page (API only).
        Hidden = 2 => "Hidden",
    }
}

impl ComponentStatus {
    /// Severity for "worst of": Unknown ranks below Operational, as on Cachet's page.
    pub fn severity(self) -> u8 {
        match self {
            ComponentStatus::Unknown => 0,
            other => other as u8,
        }
    }
}

impl IncidentStatus {
    /// Whether this status ends the incident.
    pub fn is_resolved(self) -> bool {
        self == IncidentStatus::Fixed
    }

    /// Cachet's icon class for the status, as in `latest_icon`.
    pub fn icon(self) -> &'static str {
        match self {
            IncidentStatus::Scheduled => "icon ion-android-calendar",
            IncidentStatus::Investigating => "icon ion-flag oranges",
            IncidentStatus::Identified => "icon ion-alert yellows",
            IncidentStatus::Watching => "icon ion-eye blues",
            IncidentStatus::Fixed => "icon ion-checkmark greens",
        }
    }
}

/// A component's status as visitors should see it: its own status, or under maintenance while an
/// active maintenance window covers it. Exposed only in new fields; the 0-4 numbering never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EffectiveStatus {
    /// The component's own status applies.
    Status(ComponentStatus),
    /// An active maintenance window covers the component.
    UnderMaintenance,
}

impl EffectiveStatus {
    /// A stable slug: `unknown`, `operational`, `performance_issues`, `partial_outage`,
    /// `major_outage` or `under_maintenance`.
    pub fn slug(self) -> &'static str {
        match self {
            EffectiveStatus::Status(ComponentStatus::Unknown) => "unknown",
            EffectiveStatus::Status(ComponentStatus::Operational) => "operational",
            EffectiveStatus::Status(ComponentStatus::PerformanceIssues) => "performance_issues",
            EffectiveStatus::Status(ComponentStatus::PartialOutage) => "partial_outage",
            EffectiveStatus::Status(ComponentStatus::MajorOutage) => "major_outage",
            EffectiveStatus::UnderMaintenance => "under_maintenance",
        }
    }

    /// The human label.
    pub fn label(self) -> &'static str {
        match self {
            EffectiveStatus::Status(s) => s.label(),
            EffectiveStatus::UnderMaintenance => "Under Maintenance",
        }
    }
}

impl Serialize for EffectiveStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_labels_follow_cachet() {
        let component: Vec<_> = ComponentStatus::ALL.iter().map(|s| (s.value(), s.label())).collect();
        assert_eq!(
            component,
            [(0, "Unknown"), (1, "Operational"), (2, "Performance Issues"), (3, "Partial Outage"), (4, "Major Outage")]
        );
        let incident: Vec<_> = IncidentStatus::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(incident, ["Scheduled", "Investigating", "Identified", "Watching", "Fixed"]);
        assert_eq!(ScheduleStatus::InProgress.label(), "In Progress");
        assert_eq!(MetricView::LastWeek.value(), 2);
    }

    #[test]
    fn out_of_range_values_name_the_field() {
        match ComponentStatus::from_value(5) {
            Err(crate::Error::Invalid { field, reason }) => {
                assert_eq!(field, "status");
                assert_eq!(reason, "must be one of 0, 1, 2, 3, 4");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(MetricVisibility::from_value(-1).is_err());
    }

    #[test]
    fn enums_serialize_as_integers() {
        assert_eq!(serde_json::to_string(&ComponentStatus::MajorOutage).unwrap(), "4");
        let back: IncidentStatus = serde_json::from_str("3").unwrap();
        assert_eq!(back, IncidentStatus::Watching);
        assert!(serde_json::from_str::<ComponentStatus>("9").is_err());
    }
}

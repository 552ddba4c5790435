//! The overall status banner, by Cachet 2.4's rule.

use serde::Serialize;

use crate::model::ComponentStatus;

/// The banner's colour class, as `/api/v1/status` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BannerLevel {
    /// Everything is operational and no incident is open.
    Success,
    /// Something is not operational, or an incident is open.
    Info,
    /// At least `major_outage_rate` percent of components are in a major outage.
    Danger,
}

impl BannerLevel {
    /// `success`, `info` or `danger`.
    pub fn as_str(self) -> &'static str {
        match self {
            BannerLevel::Success => "success",
            BannerLevel::Info => "info",
            BannerLevel::Danger => "danger",
        }
    }
}

/// The banner: a level and Cachet's exact message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Banner {
    /// The colour class.
    pub status: BannerLevel,
    /// One of Cachet's six messages.
    pub message: &'static str,
}

/// Cachet 2.4's banner for the counted components' statuses (enabled ones; for guests, not in a
/// hidden group). `has_unresolved_incident` counts every incident, even hidden ones, as Cachet does.
/// `major_outage_rate` is a percentage (setting `major_outage_rate`, 50 by default).
pub fn banner(statuses: &[ComponentStatus], has_unresolved_incident: bool, major_outage_rate: f64) -> Banner {
    let total = statuses.len();
    let single = total <= 1;
    let major = statuses.iter().filter(|s| **s == ComponentStatus::MajorOutage).count();
    if total > 0 && (major as f64 / total as f64) * 100.0 >= major_outage_rate {
        return Banner {
            status: BannerLevel::Danger,
            message: if single {
                "The system is experiencing major issues"
            } else {
                "Some systems are experiencing major issues"
            },
        };
    }
    let all_operational = statuses.iter().all(|s| *s == ComponentStatus::Operational);
    if all_operational && !has_unresolved_incident {
        Banner {
            status: BannerLevel::Success,
            message: if single { "System operational" } else { "All systems are operational" },
        }
    } else {
        Banner {
            status: BannerLevel::Info,
            message: if single { "The system is experiencing issues" } else { "Some systems are experiencing issues" },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComponentStatus::*;

    #[test]
    fn banner_follows_cachet_2_4() {
        let cases: &[(&[ComponentStatus], bool, f64, BannerLevel, &str)] = &[
            (&[], false, 50.0, BannerLevel::Success, "System operational"),
            (&[], true, 50.0, BannerLevel::Info, "The system is experiencing issues"),
            (&[Operational], false, 50.0, BannerLevel::Success, "System operational"),
            (&[Operational, Operational], false, 50.0, BannerLevel::Success, "All systems are operational"),
            (&[Unknown], false, 50.0, BannerLevel::Info, "The system is experiencing issues"),
            (&[Unknown, Unknown], false, 50.0, BannerLevel::Info, "Some systems are experiencing issues"),
            (&[PartialOutage], false, 50.0, BannerLevel::Info, "The system is experiencing issues"),
            (&[Operational, PerformanceIssues], false, 50.0, BannerLevel::Info, "Some systems are experiencing issues"),
            (&[Operational, Operational], true, 50.0, BannerLevel::Info, "Some systems are experiencing issues"),
            (&[MajorOutage], false, 50.0, BannerLevel::Danger, "The system is experiencing major issues"),
            // exactly the rate counts as danger
            (
                &[MajorOutage, Operational],
                false,
                50.0,
                BannerLevel::Danger,
                "Some systems are experiencing major issues",
            ),
            // one of three is below 50 %
            (
                &[MajorOutage, Operational, Operational],
                false,
                50.0,
                BannerLevel::Info,
                "Some systems are experiencing issues",
            ),
            // ... but above a 25 % rate
            (
                &[MajorOutage, Operational, Operational],
                false,
                25.0,
                BannerLevel::Danger,
                "Some systems are experiencing major issues",
            ),
            (
                &[MajorOutage, MajorOutage],
                true,
                50.0,
                BannerLevel::Danger,
                "Some systems are experiencing major issues",
            ),
        ];
        for (statuses, open, rate, level, message) in cases {
            let got = banner(statuses, *open, *rate);
            assert_eq!((got.status, got.message), (*level, *message), "{statuses:?} open={open} rate={rate}");
        }
    }
}

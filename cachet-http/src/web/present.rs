//! View models: the core's types turned into exactly what templates print (labels, CSS classes,
//! icons, local times, sanitized Markdown), so templates hold no logic beyond loops and ifs.

use cachet_core::model::{ComponentStatus, EffectiveStatus, Incident, IncidentStatus, Schedule, ScheduleStatus};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::markdown;

/// How a status looks: a CSS class, a text label and an icon (never colour alone).
#[derive(Debug, Clone)]
pub struct StatusLook {
    /// `s-operational`, `s-major_outage`, ...
    pub class: &'static str,
    /// Human label.
    pub label: &'static str,
    /// A glyph shown next to the label (hidden from screen readers).
    pub icon: &'static str,
}

/// The look of a component's visible status.
pub fn effective_look(status: EffectiveStatus) -> StatusLook {
    let (class, icon) = match status {
        EffectiveStatus::Status(ComponentStatus::Unknown) => ("s-unknown", "?"),
        EffectiveStatus::Status(ComponentStatus::Operational) => ("s-operational", "✓"),
        EffectiveStatus::Status(ComponentStatus::PerformanceIssues) => ("s-performance_issues", "!"),
        EffectiveStatus::Status(ComponentStatus::PartialOutage) => ("s-partial_outage", "◐"),
        EffectiveStatus::Status(ComponentStatus::MajorOutage) => ("s-major_outage", "✕"),
        EffectiveStatus::UnderMaintenance => ("s-under_maintenance", "⚒"),
    };
    debug_assert_eq!(class.strip_prefix("s-"), Some(status.slug()));
    StatusLook { class, label: status.label(), icon }
}

/// The look of a component's own status.
pub fn status_look(status: ComponentStatus) -> StatusLook {
    effective_look(EffectiveStatus::Status(status))
}

/// The look of an incident status.
pub fn incident_look(status: IncidentStatus) -> StatusLook {
    let (class, icon) = match status {
        IncidentStatus::Scheduled => ("i-scheduled", "◷"),
        IncidentStatus::Investigating => ("i-investigating", "⚑"),
        IncidentStatus::Identified => ("i-identified", "!"),
        IncidentStatus::Watching => ("i-watching", "◉"),
        IncidentStatus::Fixed => ("i-fixed", "✓"),
    };
    StatusLook { class, label: status.label(), icon }
}

/// A local date and time for people: `Nov 22, 2026 14:05 CET`.
pub fn local_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%b %-d, %Y %H:%M %Z").to_string()
}

/// An ISO 8601 timestamp for `<time datetime>`.
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// One update of an incident.
#[derive(Debug, Clone)]
pub struct UpdateView {
    /// Status set by the update.
    pub look: StatusLook,
    /// Sanitized HTML of the message.
    pub message_html: String,
    /// Local time.
    pub time: String,
    /// ISO time.
    pub iso: String,
}

/// An incident as the page shows it.
#[derive(Debug, Clone)]
pub struct IncidentView {
    /// Row id.
    pub id: i64,
    /// Title (escaped by the template).
    pub name: String,
    /// Current status.
    pub look: StatusLook,
    /// Local time it occurred.
    pub time: String,
    /// ISO time it occurred.
    pub iso: String,
    /// Sanitized HTML of the message.
    pub message_html: String,
    /// Updates, newest first.
    pub updates: Vec<UpdateView>,
}

impl IncidentView {
    /// The view of `incident` in `tz`.
    pub fn new(incident: &Incident, tz: Tz) -> Self {
        IncidentView {
            id: incident.id,
            name: incident.name.clone(),
            look: incident_look(incident.status),
            time: local_time(incident.occurred_at, tz),
            iso: iso(incident.occurred_at),
            message_html: markdown::to_html(&incident.message),
            updates: incident
                .updates
                .iter()
                .map(|u| UpdateView {
                    look: incident_look(u.status),
                    message_html: markdown::to_html(&u.message),
                    time: local_time(u.created_at, tz),
                    iso: iso(u.created_at),
                })
                .collect(),
        }
    }
}

/// A maintenance window as the page shows it.
#[derive(Debug, Clone)]
pub struct ScheduleView {
    /// Row id.
    pub id: i64,
    /// Title.
    pub name: String,
    /// `Upcoming`, `In Progress` or `Complete`, as it stands now.
    pub state: &'static str,
    /// CSS class of the state.
    pub class: &'static str,
    /// Local start.
    pub starts: String,
    /// ISO start.
    pub starts_iso: String,
    /// Local end, when known.
    pub ends: Option<String>,
    /// Sanitized HTML of the message.
    pub message_html: String,
}

impl ScheduleView {
    /// The view of `schedule` at `now` in `tz`.
    pub fn new(schedule: &Schedule, now: DateTime<Utc>, tz: Tz) -> Self {
        let active =
            cachet_core::status::schedule_is_active(schedule.status, schedule.scheduled_at, schedule.completed_at, now);
        let done = schedule.status == ScheduleStatus::Complete || schedule.completed_at.is_some_and(|end| end <= now);
        let (state, class) = if active {
            ("In Progress", "m-active")
        } else if done {
            ("Complete", "m-complete")
        } else {
            ("Upcoming", "m-upcoming")
        };
        ScheduleView {
            id: schedule.id,
            name: schedule.name.clone(),
            state,
            class,
            starts: local_time(schedule.scheduled_at, tz),
            starts_iso: iso(schedule.scheduled_at),
            ends: schedule.completed_at.map(|t| local_time(t, tz)),
            message_html: markdown::to_html(&schedule.message),
        }
    }
}

/// Escapes text for HTML and XML (element content and quoted attributes): the core's one rule.
pub use cachet_core::template::escape_html as escape_text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_text_escapes_markup_and_drops_control_characters() {
        assert_eq!(escape_text("<a href=\"x\">'&'</a>\u{1}"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}

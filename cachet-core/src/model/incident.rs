//! Incidents, their updates, the components they affect, and message templates.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::{ComponentStatus, IncidentStatus, PageRequest, SortOrder, Viewer, list::sort_keys};

/// Something that went wrong, and what was said about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Row id.
    pub id: i64,
    /// Who opened it, when known.
    pub user_id: Option<i64>,
    /// The first affected component (Cachet 2.4's single-component field), 0 for none.
    pub component_id: i64,
    /// Title.
    pub name: String,
    /// Current status (the latest update's, once there are updates).
    pub status: IncidentStatus,
    /// Markdown message.
    pub message: String,
    /// Hidden incidents are shown to signed-in users only.
    pub visible: bool,
    /// Pinned to the top of the page.
    pub stickied: bool,
    /// Subscribers are told.
    pub notify: bool,
    /// Whether it counts as over (see [`crate::status::incident_is_resolved`]).
    pub is_resolved: bool,
    /// Free-form JSON object.
    pub meta: Option<Value>,
    /// When it began.
    pub occurred_at: DateTime<Utc>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// The components it affects, each with the status it gives them, by component id.
    pub components: Vec<AffectedComponent>,
    /// Its updates, newest first.
    pub updates: Vec<IncidentUpdate>,
}

/// A component an incident affects and the status the incident gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AffectedComponent {
    /// The component.
    pub component_id: i64,
    /// Its status because of this incident.
    pub status: ComponentStatus,
}

/// Input for a new incident.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident {
    /// Required, non-empty.
    pub name: String,
    /// Required status.
    pub status: IncidentStatus,
    /// Markdown; may be empty only when `template` produces the text.
    pub message: String,
    /// Defaults to `true`.
    pub visible: bool,
    /// Defaults to `false`.
    pub stickied: bool,
    /// Defaults to `true`.
    pub notify: bool,
    /// Defaults to now.
    pub occurred_at: Option<DateTime<Utc>>,
    /// Affected components; each takes the given status.
    pub components: Vec<AffectedComponent>,
    /// Slug of a template that renders the message.
    pub template: Option<String>,
    /// Values the template may substitute.
    pub vars: Option<Value>,
    /// A JSON object.
    pub meta: Option<Value>,
    /// The author, when known.
    pub user_id: Option<i64>,
}

impl NewIncident {
    /// An incident with Cachet's defaults for everything but name, status and message.
    pub fn new(name: impl Into<String>, status: IncidentStatus, message: impl Into<String>) -> Self {
        NewIncident {
            name: name.into(),
            status,
            message: message.into(),
            visible: true,
            stickied: false,
            notify: true,
            occurred_at: None,
            components: Vec::new(),
            template: None,
            vars: None,
            meta: None,
            user_id: None,
        }
    }
}

/// A partial update of an incident.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncidentPatch {
    /// New title.
    pub name: Option<String>,
    /// New status.
    pub status: Option<IncidentStatus>,
    /// New message.
    pub message: Option<String>,
    /// New visibility.
    pub visible: Option<bool>,
    /// Pin or unpin.
    pub stickied: Option<bool>,
    /// Notify or not.
    pub notify: Option<bool>,
    /// New start time.
    pub occurred_at: Option<DateTime<Utc>>,
    /// Replaces the affected components; each takes the given status.
    pub components: Option<Vec<AffectedComponent>>,
    /// Re-render the message from this template slug.
    pub template: Option<String>,
    /// Values for the template.
    pub vars: Option<Value>,
    /// Replaces the meta object.
    pub meta: Option<Value>,
}

sort_keys! {
    /// Columns an incident listing can be sorted by.
    IncidentSort {
        Id => "id",
        UserId => "user_id",
        Name => "name",
        Status => "status",
        Visible => "visible",
        Stickied => "stickied",
        Message => "message",
        OccurredAt => "occurred_at",
        CreatedAt => "created_at",
    }
}

/// Filters, sort and page of an incident listing.
#[derive(Debug, Clone, Default)]
pub struct IncidentQuery {
    /// Only this id.
    pub id: Option<i64>,
    /// Only by this author.
    pub user_id: Option<i64>,
    /// Only incidents affecting this component.
    pub component_id: Option<i64>,
    /// Only this exact name.
    pub name: Option<String>,
    /// Only this status.
    pub status: Option<IncidentStatus>,
    /// Only visible (or hidden) incidents.
    pub visible: Option<bool>,
    /// Only stickied (or not).
    pub stickied: Option<bool>,
    /// Only resolved (or unresolved) incidents.
    pub resolved: Option<bool>,
    /// Only incidents that occurred at or after this time.
    pub occurred_after: Option<DateTime<Utc>>,
    /// Only incidents that occurred before this time.
    pub occurred_before: Option<DateTime<Utc>>,
    /// Sort column and direction; default by id.
    pub sort: Option<(IncidentSort, SortOrder)>,
    /// Which page.
    pub page: PageRequest,
    /// Guests see visible incidents only.
    pub viewer: Viewer,
}

/// A status change and message added to an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentUpdate {
    /// Row id.
    pub id: i64,
    /// The incident.
    pub incident_id: i64,
    /// The status this update set.
    pub status: IncidentStatus,
    /// Markdown message.
    pub message: String,
    /// The author, when known.
    pub user_id: Option<i64>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Input for an incident update.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncidentUpdate {
    /// Required, 1-4.
    pub status: IncidentStatus,
    /// Required, non-empty.
    pub message: String,
    /// The author, when known.
    pub user_id: Option<i64>,
}

/// A partial change of an incident update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncidentUpdatePatch {
    /// New status, 1-4.
    pub status: Option<IncidentStatus>,
    /// New message.
    pub message: Option<String>,
}

sort_keys! {
    /// Secondary sort keys of an update listing (newest first always comes first).
    IncidentUpdateSort {
        Id => "id",
        Status => "status",
        UserId => "user_id",
    }
}

/// A reusable incident message with `{{ placeholders }}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentTemplate {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Unique, derived from the name.
    pub slug: String,
    /// The text with placeholders.
    pub template: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

sort_keys! {
    /// Columns a template listing can be sorted by.
    TemplateSort {
        Id => "id",
        Name => "name",
        Slug => "slug",
    }
}

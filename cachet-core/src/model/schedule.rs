//! Scheduled maintenance windows.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{PageRequest, ScheduleStatus, SortOrder, list::sort_keys};

/// A planned maintenance window and the components it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    /// Row id.
    pub id: i64,
    /// Title.
    pub name: String,
    /// Markdown message.
    pub message: String,
    /// Stored state.
    pub status: ScheduleStatus,
    /// When it starts.
    pub scheduled_at: DateTime<Utc>,
    /// When it ends (planned) or ended.
    pub completed_at: Option<DateTime<Utc>>,
    /// Subscribers are told.
    pub notify: bool,
    /// Ids of the components it covers.
    pub components: Vec<i64>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Input for a new maintenance window.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSchedule {
    /// Required, non-empty.
    pub name: String,
    /// Markdown.
    pub message: String,
    /// Defaults to upcoming.
    pub status: ScheduleStatus,
    /// Required start.
    pub scheduled_at: DateTime<Utc>,
    /// Planned end, if known; must not precede the start.
    pub completed_at: Option<DateTime<Utc>>,
    /// Defaults to `false`.
    pub notify: bool,
    /// Covered components.
    pub components: Vec<i64>,
}

impl NewSchedule {
    /// A window with defaults for everything but name and start.
    pub fn new(name: impl Into<String>, scheduled_at: DateTime<Utc>) -> Self {
        NewSchedule {
            name: name.into(),
            message: String::new(),
            status: ScheduleStatus::Upcoming,
            scheduled_at,
            completed_at: None,
            notify: false,
            components: Vec::new(),
        }
    }
}

/// A partial update of a maintenance window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchedulePatch {
    /// New title.
    pub name: Option<String>,
    /// New message.
    pub message: Option<String>,
    /// New state.
    pub status: Option<ScheduleStatus>,
    /// New start.
    pub scheduled_at: Option<DateTime<Utc>>,
    /// New end; `Some(None)` clears it.
    pub completed_at: Option<Option<DateTime<Utc>>>,
    /// Notify or not.
    pub notify: Option<bool>,
    /// Replaces the covered components.
    pub components: Option<Vec<i64>>,
}

sort_keys! {
    /// Columns a schedule listing can be sorted by.
    ScheduleSort {
        Id => "id",
        Name => "name",
        Status => "status",
        ScheduledAt => "scheduled_at",
        CompletedAt => "completed_at",
        CreatedAt => "created_at",
        UpdatedAt => "updated_at",
    }
}

/// Filters, sort and page of a schedule listing.
#[derive(Debug, Clone, Default)]
pub struct ScheduleQuery {
    /// Only this id.
    pub id: Option<i64>,
    /// Only this exact name.
    pub name: Option<String>,
    /// Only this state.
    pub status: Option<ScheduleStatus>,
    /// Sort column and direction; default by id.
    pub sort: Option<(ScheduleSort, SortOrder)>,
    /// Which page.
    pub page: PageRequest,
}

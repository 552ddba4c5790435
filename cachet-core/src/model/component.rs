//! Components, their groups, tags and status history.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::{ComponentStatus, GroupCollapsed, PageRequest, SortOrder, Viewer, list::sort_keys};

/// A tag on a component: a display name and the slug that filters match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// Lower-case, dash-separated form of the name.
    pub slug: String,
    /// As the user wrote it.
    pub name: String,
}

/// A service or part of a system whose status the page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Free text shown under the name.
    pub description: String,
    /// An optional http(s) link.
    pub link: Option<String>,
    /// The component's own status.
    pub status: ComponentStatus,
    /// Position among its siblings.
    pub order: i32,
    /// The group it belongs to, if any.
    pub group_id: Option<i64>,
    /// Disabled components are hidden from guests.
    pub enabled: bool,
    /// Free-form JSON object attached by API clients.
    pub meta: Option<Value>,
    /// Tags, ordered by slug.
    pub tags: Vec<Tag>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Input for a new component.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComponent {
    /// Required, non-empty, at most 255 characters.
    pub name: String,
    /// Required status.
    pub status: ComponentStatus,
    /// Free text.
    pub description: String,
    /// An http(s) URL, or `None`.
    pub link: Option<String>,
    /// Position among siblings.
    pub order: i32,
    /// An existing group, or `None`.
    pub group_id: Option<i64>,
    /// Defaults to `true`.
    pub enabled: bool,
    /// A JSON object, or `None`.
    pub meta: Option<Value>,
    /// Tag names; slugs are derived.
    pub tags: Vec<String>,
}

impl NewComponent {
    /// A component with Cachet's defaults for everything but the name and status.
    pub fn new(name: impl Into<String>, status: ComponentStatus) -> Self {
        NewComponent {
            name: name.into(),
            status,
            description: String::new(),
            link: None,
            order: 0,
            group_id: None,
            enabled: true,
            meta: None,
            tags: Vec::new(),
        }
    }
}

/// A partial update of a component: `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComponentPatch {
    /// New name.
    pub name: Option<String>,
    /// New status (recorded in the history when it differs).
    pub status: Option<ComponentStatus>,
    /// New description.
    pub description: Option<String>,
    /// New link; `Some("")` removes it.
    pub link: Option<String>,
    /// New position.
    pub order: Option<i32>,
    /// New group; `Some(None)` ungroups.
    pub group_id: Option<Option<i64>>,
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// Replaces the whole meta object.
    pub meta: Option<Value>,
    /// Replaces the whole tag set.
    pub tags: Option<Vec<String>>,
    /// Why the status changed, for the history (defaults to "updated").
    pub reason: Option<String>,
}

sort_keys! {
    /// Columns a component listing can be sorted by.
    ComponentSort {
        Id => "id",
        Name => "name",
        Status => "status",
        Order => "order",
        GroupId => "group_id",
        Enabled => "enabled",
    }
}

/// Filters, sort and page of a component listing. Filters are exact matches.
#[derive(Debug, Clone, Default)]
pub struct ComponentQuery {
    /// Only this id.
    pub id: Option<i64>,
    /// Only this exact name.
    pub name: Option<String>,
    /// Only this status.
    pub status: Option<ComponentStatus>,
    /// Only this position.
    pub order: Option<i32>,
    /// Only members of this group; `Some(None)` means ungrouped.
    pub group_id: Option<Option<i64>>,
    /// Only enabled (or disabled) ones.
    pub enabled: Option<bool>,
    /// Only components carrying any of these tag slugs.
    pub tags: Vec<String>,
    /// Sort column and direction; default by id.
    pub sort: Option<(ComponentSort, SortOrder)>,
    /// Which page.
    pub page: PageRequest,
    /// Guests see enabled components only.
    pub viewer: Viewer,
}

/// A set of components shown together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentGroup {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Position among groups.
    pub order: i32,
    /// How the page shows it.
    pub collapsed: GroupCollapsed,
    /// Hidden groups are shown to signed-in users only.
    pub visible: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Input for a new group.
#[derive(Debug, Clone, PartialEq)]
pub struct NewGroup {
    /// Required, non-empty.
    pub name: String,
    /// Position among groups.
    pub order: i32,
    /// Defaults to expanded.
    pub collapsed: GroupCollapsed,
    /// Defaults to `false`, as in Cachet's API.
    pub visible: bool,
}

impl NewGroup {
    /// A group with Cachet's API defaults.
    pub fn new(name: impl Into<String>) -> Self {
        NewGroup { name: name.into(), order: 0, collapsed: GroupCollapsed::Expanded, visible: false }
    }
}

/// A partial update of a group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupPatch {
    /// New name.
    pub name: Option<String>,
    /// New position.
    pub order: Option<i32>,
    /// New collapse mode.
    pub collapsed: Option<GroupCollapsed>,
    /// New visibility.
    pub visible: Option<bool>,
}

sort_keys! {
    /// Columns a group listing can be sorted by.
    GroupSort {
        Id => "id",
        Name => "name",
        Order => "order",
        Collapsed => "collapsed",
        Visible => "visible",
    }
}

/// Filters, sort and page of a group listing.
#[derive(Debug, Clone, Default)]
pub struct GroupQuery {
    /// Only this id.
    pub id: Option<i64>,
    /// Only this exact name.
    pub name: Option<String>,
    /// Only this position.
    pub order: Option<i32>,
    /// Only this collapse mode.
    pub collapsed: Option<GroupCollapsed>,
    /// Only visible (or hidden) groups.
    pub visible: Option<bool>,
    /// Sort column and direction; default by order, then id.
    pub sort: Option<(GroupSort, SortOrder)>,
    /// Which page.
    pub page: PageRequest,
    /// Guests see visible groups only.
    pub viewer: Viewer,
}

/// One recorded change of a component's status; uptime is computed from these.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    /// Row id.
    pub id: i64,
    /// The component.
    pub component_id: i64,
    /// Status before; `None` for the component's creation.
    pub old_status: Option<ComponentStatus>,
    /// Status after.
    pub new_status: ComponentStatus,
    /// Why: "created", "updated", "incident #12", "import"...
    pub reason: String,
    /// When.
    pub changed_at: DateTime<Utc>,
}

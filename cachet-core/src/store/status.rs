//! The status overview: what a status page shows at a glance, computed by the pure rules in
//! [`crate::status`] from one consistent read.

use std::collections::HashSet;

use diesel::prelude::*;
use serde::Serialize;

use super::Store;
use super::components::{ComponentRow, with_tags};
use crate::db::schema::{component_groups, components};
use crate::error::Result;
use crate::model::MAX_PER_PAGE;
use crate::model::{
    Component, ComponentGroup, ComponentStatus, EffectiveStatus, GroupQuery, PageRequest, Schedule, Viewer,
};
use crate::status::{Banner, banner, effective_status, group_status};

/// A component as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentOverview {
    /// The component.
    pub component: Component,
    /// Its status as visitors see it (maintenance-aware).
    pub effective: EffectiveStatus,
}

/// A group with its members' worst status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupOverview {
    /// The group.
    pub group: ComponentGroup,
    /// Worst member status; `None` without enabled members.
    pub status: Option<ComponentStatus>,
    /// Whether the page should show it collapsed now.
    pub collapsed: bool,
}

/// Everything the top of a status page needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusOverview {
    /// Cachet's banner.
    pub banner: Banner,
    /// Counted components (enabled; for guests, not in hidden groups), by group order, then order.
    pub components: Vec<ComponentOverview>,
    /// Groups the viewer may see, by order.
    pub groups: Vec<GroupOverview>,
    /// Maintenance windows active now.
    pub active_schedules: Vec<Schedule>,
    /// Whether any component is under maintenance now or any window is active.
    pub under_maintenance: bool,
}

impl Store {
    /// The banner, each counted component's effective status, groups and active maintenance.
    pub fn status_overview(&self, viewer: Viewer) -> Result<StatusOverview> {
        let settings = self.settings()?;
        let groups = self
            .list_groups(&GroupQuery { viewer, page: PageRequest::new(1, MAX_PER_PAGE), ..GroupQuery::default() })?
            .items;
        let hidden_groups: HashSet<i64> = if viewer.sees_private() {
            HashSet::new()
        } else {
            self.read(|c| {
                Ok(component_groups::table
                    .filter(component_groups::visible.eq(false))
                    .select(component_groups::id)
                    .load::<i64>(c)?
                    .into_iter()
                    .collect())
            })?
        };
        let all: Vec<Component> = self.read(|c| {
            let rows = components::table
                .filter(components::enabled.eq(true))
                .order((components::position, components::id))
                .select(ComponentRow::as_select())
                .load(c)?;
            with_tags(c, rows)
        })?;
        let counted: Vec<Component> =
            all.into_iter().filter(|c| c.group_id.is_none_or(|g| !hidden_groups.contains(&g))).collect();
        let active_schedules = self.active_schedules()?;
        let maintained: HashSet<i64> = active_schedules.iter().flat_map(|s| s.components.iter().copied()).collect();
        let has_unresolved = self.has_unresolved_incident()?;
        let statuses: Vec<ComponentStatus> = counted.iter().map(|c| c.status).collect();
        let banner = banner(&statuses, has_unresolved, settings.major_outage_rate());
        let components: Vec<ComponentOverview> = counted
            .into_iter()
            .map(|component| {
                let effective = effective_status(component.status, maintained.contains(&component.id));
                ComponentOverview { component, effective }
            })
            .collect();
        let groups = groups
            .into_iter()
            .map(|group| {
                let status = group_status(
                    components.iter().filter(|c| c.component.group_id == Some(group.id)).map(|c| c.component.status),
                );
                let collapsed = match group.collapsed {
                    crate::model::GroupCollapsed::Expanded => false,
                    crate::model::GroupCollapsed::Collapsed => true,
                    crate::model::GroupCollapsed::CollapsedUnlessIssues => {
                        status.is_none_or(|s| s.severity() <= ComponentStatus::Operational.severity())
                    }
                };
                GroupOverview { group, status, collapsed }
            })
            .collect();
        let under_maintenance =
            !active_schedules.is_empty() || components.iter().any(|c| c.effective == EffectiveStatus::UnderMaintenance);
        Ok(StatusOverview { banner, components, groups, active_schedules, under_maintenance })
    }
}

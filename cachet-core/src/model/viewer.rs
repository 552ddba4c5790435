//! Who is looking, and what guests may see: the one visibility rule every read applies, by id
//! and in listings alike, on every frontend.

use super::{Component, ComponentGroup, Incident, Metric, MetricVisibility};

/// Who is looking: guests see only public data; a valid token sees everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Viewer {
    /// Anyone, without a token.
    #[default]
    Guest,
    /// A caller with a valid API token.
    Authenticated,
}

impl Viewer {
    /// Whether non-public rows are included.
    pub fn sees_private(self) -> bool {
        self == Viewer::Authenticated
    }

    /// Whether this viewer may see `group`: guests only visible ones.
    pub fn sees_group(self, group: &ComponentGroup) -> bool {
        self.sees_private() || group.visible
    }

    /// Whether this viewer may see `component`, which belongs to `group` (its group, or `None`
    /// when it has none or the group is gone): guests only enabled components outside hidden
    /// groups, as the page counts them.
    pub fn sees_component(self, component: &Component, group: Option<&ComponentGroup>) -> bool {
        self.sees_private() || (component.enabled && group.is_none_or(|g| self.sees_group(g)))
    }

    /// Whether this viewer may see `metric`: guests only public ones.
    pub fn sees_metric(self, metric: &Metric) -> bool {
        self.sees_private() || metric.visible == MetricVisibility::Public
    }

    /// Whether this viewer may see `incident` (and its updates): guests only visible ones.
    pub fn sees_incident(self, incident: &Incident) -> bool {
        self.sees_private() || incident.visible
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::model::{ComponentStatus, GroupCollapsed, MetricVisibility::*, NewMetric};

    fn group(visible: bool) -> ComponentGroup {
        let t = Utc.timestamp_opt(0, 0).unwrap();
        ComponentGroup {
            id: 1,
            name: "G".into(),
            order: 0,
            collapsed: GroupCollapsed::Expanded,
            visible,
            created_at: t,
            updated_at: t,
        }
    }

    fn component(enabled: bool) -> Component {
        let t = Utc.timestamp_opt(0, 0).unwrap();
        Component {
            id: 1,
            name: "C".into(),
            description: String::new(),
            link: None,
            status: ComponentStatus::Operational,
            order: 0,
            group_id: Some(1),
            enabled,
            meta: None,
            tags: Vec::new(),
            created_at: t,
            updated_at: t,
        }
    }

    fn metric(visible: MetricVisibility) -> Metric {
        let t = Utc.timestamp_opt(0, 0).unwrap();
        let m = NewMetric::new("M", "ms");
        Metric {
            id: 1,
            name: m.name,
            suffix: m.suffix,
            description: m.description,
            default_value: m.default_value,
            calc_type: m.calc_type,
            display_chart: m.display_chart,
            places: m.places,
            default_view: m.default_view,
            threshold: m.threshold,
            order: m.order,
            visible,
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn guests_see_enabled_components_outside_hidden_groups() {
        let (shown, hidden) = (group(true), group(false));
        // (enabled, group visibility (None: no group), guest sees it)
        let cases = [
            (true, None, true),
            (true, Some(&shown), true),
            (true, Some(&hidden), false),
            (false, None, false),
            (false, Some(&shown), false),
            (false, Some(&hidden), false),
        ];
        for (enabled, group, guest) in cases {
            let c = component(enabled);
            assert_eq!(Viewer::Guest.sees_component(&c, group), guest, "enabled {enabled}, group {group:?}");
            assert!(Viewer::Authenticated.sees_component(&c, group), "a token sees everything");
        }
    }

    #[test]
    fn guests_see_visible_groups_only() {
        for (visible, guest) in [(true, true), (false, false)] {
            assert_eq!(Viewer::Guest.sees_group(&group(visible)), guest);
            assert!(Viewer::Authenticated.sees_group(&group(visible)));
        }
    }

    #[test]
    fn guests_see_public_metrics_only() {
        for (visible, guest) in [(Public, true), (Authenticated, false), (Hidden, false)] {
            assert_eq!(Viewer::Guest.sees_metric(&metric(visible)), guest, "{visible:?}");
            assert!(Viewer::Authenticated.sees_metric(&metric(visible)));
        }
    }
}

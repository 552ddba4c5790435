//! What an import must pass before anything is written: every row held to the rules the API
//! applies when it writes (names, lengths, control characters, statuses, links, e-mail addresses,
//! times), unique keys unique and references to rows the document holds. The first bad row stops
//! the import with an [`Error::Invalid`] naming table, key and field, such as
//! `components[id=3].link`, so an export edited by hand or written by another program cannot put
//! on the page what the API would have refused.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

use serde_json::Value;

use super::DataExport;
use crate::db::types::DbTime;
use crate::error::{Error, Result};
use crate::model::{
    ComponentStatus, GroupCollapsed, IncidentStatus, MetricCalcType, MetricView, MetricVisibility, ScheduleStatus,
};
use crate::settings::normalize;
use crate::store::metrics::{check_places, check_threshold};
use crate::store::validate;

/// One row of the document, for naming it in errors: `components[id=3]`.
struct Row {
    at: String,
}

impl Row {
    fn new(table: &str, key: impl Display) -> Row {
        Row { at: format!("{table}[{key}]") }
    }

    fn by_id(table: &str, id: i64) -> Row {
        Row::new(table, format_args!("id={id}"))
    }

    /// `result` with its field renamed to this row's `field`.
    fn field<T>(&self, field: &str, result: Result<T>) -> Result<T> {
        result.map_err(|e| match e {
            Error::Invalid { reason, .. } => self.invalid(field, reason),
            other => other,
        })
    }

    fn invalid(&self, field: &str, reason: impl Into<String>) -> Error {
        Error::invalid(format!("{}.{field}", self.at), reason)
    }

    /// A name: required, one line, at most 255 characters.
    fn name(&self, field: &str, value: &str) -> Result<()> {
        self.field(field, validate::name(field, value)).map(drop)
    }

    fn short(&self, field: &str, value: &str) -> Result<()> {
        self.field(field, validate::short(field, value)).map(drop)
    }

    fn text(&self, field: &str, value: &str) -> Result<()> {
        self.field(field, validate::text(field, value)).map(drop)
    }

    fn required_text(&self, field: &str, value: &str) -> Result<()> {
        self.field(field, validate::required_text(field, value)).map(drop)
    }

    fn time(&self, field: &str, value: DbTime) -> Result<()> {
        self.field(field, validate::time(field, value.0.and_utc())).map(drop)
    }

    fn times(&self, times: &[(&str, DbTime)]) -> Result<()> {
        times.iter().try_for_each(|(field, t)| self.time(field, *t))
    }

    fn optional_time(&self, field: &str, value: Option<DbTime>) -> Result<()> {
        value.map_or(Ok(()), |t| self.time(field, t))
    }

    /// An enum stored as its integer.
    fn one_of<T>(&self, field: &str, value: i16, from: fn(i64) -> Result<T>) -> Result<()> {
        self.field(field, from(i64::from(value))).map(drop)
    }

    /// Stored JSON text: nothing, or an object.
    fn meta(&self, field: &str, value: Option<&str>) -> Result<()> {
        let Some(text) = value else { return Ok(()) };
        let parsed: Value = serde_json::from_str(text).map_err(|_| self.invalid(field, "must be a JSON object"))?;
        self.field(field, validate::meta(field, Some(&parsed))).map(drop)
    }

    /// A reference to a row of `table` the document must hold.
    fn refers(&self, field: &str, id: i64, table: &str, ids: &HashSet<i64>) -> Result<()> {
        if ids.contains(&id) { Ok(()) } else { Err(self.invalid(field, format!("no row of {table} has id {id}"))) }
    }
}

/// Collects the keys of a table, refusing the second row with a key already seen.
fn unique<K: Eq + Hash>(seen: &mut HashSet<K>, key: K, row: &Row, field: &str) -> Result<()> {
    if seen.insert(key) { Ok(()) } else { Err(row.invalid(field, "appears twice in the import")) }
}

/// The ids of a table, each checked to be unique.
fn ids<T>(table: &str, rows: &[T], id: impl Fn(&T) -> i64) -> Result<HashSet<i64>> {
    let mut seen = HashSet::new();
    for r in rows {
        unique(&mut seen, id(r), &Row::by_id(table, id(r)), "id")?;
    }
    Ok(seen)
}

/// Checks every row of `data`; the first bad one is the error.
pub(super) fn check(data: &DataExport) -> Result<()> {
    let groups = ids("component_groups", &data.component_groups, |r| r.id)?;
    let components = ids("components", &data.components, |r| r.id)?;
    let incidents = ids("incidents", &data.incidents, |r| r.id)?;
    let schedules = ids("schedules", &data.schedules, |r| r.id)?;
    let metrics = ids("metrics", &data.metrics, |r| r.id)?;
    let subscribers = ids("subscribers", &data.subscribers, |r| r.id)?;
    for (table, rows) in [
        ("component_status_changes", data.component_status_changes.iter().map(|r| r.id).collect::<Vec<_>>()),
        ("incident_updates", data.incident_updates.iter().map(|r| r.id).collect()),
        ("incident_templates", data.incident_templates.iter().map(|r| r.id).collect()),
        ("metric_points", data.metric_points.iter().map(|r| r.id).collect()),
        ("subscriptions", data.subscriptions.iter().map(|r| r.id).collect()),
        ("api_tokens", data.api_tokens.iter().map(|r| r.id).collect()),
    ] {
        ids(table, &rows, |id| *id)?;
    }

    for r in &data.component_groups {
        let row = Row::by_id("component_groups", r.id);
        row.name("name", &r.name)?;
        row.one_of("collapsed", r.collapsed, GroupCollapsed::from_value)?;
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    for r in &data.components {
        let row = Row::by_id("components", r.id);
        row.name("name", &r.name)?;
        row.text("description", &r.description)?;
        row.field("link", validate::link("link", r.link.as_deref()))?;
        row.one_of("status", r.status, ComponentStatus::from_value)?;
        row.meta("meta", r.meta.as_deref())?;
        if let Some(group) = r.group_id {
            row.refers("group_id", group, "component_groups", &groups)?;
        }
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut tags = HashSet::new();
    for r in &data.component_tags {
        let row = Row::new("component_tags", format_args!("component_id={},slug={:?}", r.component_id, r.slug));
        row.refers("component_id", r.component_id, "components", &components)?;
        row.name("slug", &r.slug)?;
        row.name("name", &r.name)?;
        unique(&mut tags, (r.component_id, &r.slug), &row, "slug")?;
    }
    for r in &data.component_status_changes {
        let row = Row::by_id("component_status_changes", r.id);
        row.refers("component_id", r.component_id, "components", &components)?;
        if let Some(old) = r.old_status {
            row.one_of("old_status", old, ComponentStatus::from_value)?;
        }
        row.one_of("new_status", r.new_status, ComponentStatus::from_value)?;
        row.short("reason", &r.reason)?;
        row.time("changed_at", r.changed_at)?;
    }
    for r in &data.incidents {
        let row = Row::by_id("incidents", r.id);
        row.name("name", &r.name)?;
        row.one_of("status", r.status, IncidentStatus::from_value)?;
        row.text("message", &r.message)?;
        row.meta("meta", r.meta.as_deref())?;
        // 0 is Cachet's "no component"; the store writes it when the component is deleted.
        if r.component_id != 0 {
            row.refers("component_id", r.component_id, "components", &components)?;
        }
        row.times(&[("occurred_at", r.occurred_at), ("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut affected = HashSet::new();
    for r in &data.incident_components {
        let row = Row::new(
            "incident_components",
            format_args!("incident_id={},component_id={}", r.incident_id, r.component_id),
        );
        row.refers("incident_id", r.incident_id, "incidents", &incidents)?;
        row.refers("component_id", r.component_id, "components", &components)?;
        row.one_of("status", r.status, ComponentStatus::from_value)?;
        unique(&mut affected, (r.incident_id, r.component_id), &row, "component_id")?;
    }
    for r in &data.incident_updates {
        let row = Row::by_id("incident_updates", r.id);
        row.refers("incident_id", r.incident_id, "incidents", &incidents)?;
        // Updates use statuses 1-4; the legacy 0 belongs to incidents only.
        if IncidentStatus::from_value(i64::from(r.status)).is_ok_and(|s| s == IncidentStatus::Scheduled) {
            return Err(row.invalid("status", "must be one of 1, 2, 3, 4"));
        }
        row.one_of("status", r.status, IncidentStatus::from_value)?;
        row.required_text("message", &r.message)?;
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut slugs = HashSet::new();
    for r in &data.incident_templates {
        let row = Row::by_id("incident_templates", r.id);
        row.name("name", &r.name)?;
        row.name("slug", &r.slug)?;
        row.required_text("template", &r.template)?;
        unique(&mut slugs, &r.slug, &row, "slug")?;
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    for r in &data.schedules {
        let row = Row::by_id("schedules", r.id);
        row.name("name", &r.name)?;
        row.text("message", &r.message)?;
        row.one_of("status", r.status, ScheduleStatus::from_value)?;
        row.optional_time("completed_at", r.completed_at)?;
        row.times(&[("scheduled_at", r.scheduled_at), ("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut covered = HashSet::new();
    for r in &data.schedule_components {
        let row = Row::new(
            "schedule_components",
            format_args!("schedule_id={},component_id={}", r.schedule_id, r.component_id),
        );
        row.refers("schedule_id", r.schedule_id, "schedules", &schedules)?;
        row.refers("component_id", r.component_id, "components", &components)?;
        unique(&mut covered, (r.schedule_id, r.component_id), &row, "component_id")?;
    }
    for r in &data.metrics {
        let row = Row::by_id("metrics", r.id);
        row.name("name", &r.name)?;
        row.short("suffix", &r.suffix)?;
        row.text("description", &r.description)?;
        row.field("default_value", validate::finite("default_value", r.default_value))?;
        row.one_of("calc_type", r.calc_type, MetricCalcType::from_value)?;
        row.field("places", check_places(r.places))?;
        row.one_of("default_view", r.default_view, MetricView::from_value)?;
        row.field("threshold", check_threshold(r.threshold))?;
        row.one_of("visible", r.visible, MetricVisibility::from_value)?;
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    for r in &data.metric_points {
        let row = Row::by_id("metric_points", r.id);
        row.refers("metric_id", r.metric_id, "metrics", &metrics)?;
        row.field("value", validate::finite("value", r.value))?;
        if r.counter < 1 {
            return Err(row.invalid("counter", "must be at least 1"));
        }
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut emails = HashSet::new();
    for r in &data.subscribers {
        let row = Row::by_id("subscribers", r.id);
        let email = row.field("email", validate::email("email", &r.email))?;
        unique(&mut emails, email, &row, "email")?;
        row.name("verify_code", &r.verify_code)?;
        if let Some(phone) = &r.phone_number {
            row.short("phone_number", phone)?;
        }
        row.field("slack_webhook_url", validate::web_url("slack_webhook_url", r.slack_webhook_url.as_deref()))?;
        row.optional_time("verified_at", r.verified_at)?;
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut subscriptions = HashSet::new();
    for r in &data.subscriptions {
        let row = Row::by_id("subscriptions", r.id);
        row.refers("subscriber_id", r.subscriber_id, "subscribers", &subscribers)?;
        row.refers("component_id", r.component_id, "components", &components)?;
        unique(&mut subscriptions, (r.subscriber_id, r.component_id), &row, "component_id")?;
        row.times(&[("created_at", r.created_at), ("updated_at", r.updated_at)])?;
    }
    let mut settings = HashSet::new();
    for r in &data.settings {
        let row = Row::new("settings", format_args!("name={:?}", r.name));
        normalize(&r.name, &r.value).map_err(|e| match e {
            Error::Invalid { field, reason } => row.invalid(if field == "name" { "name" } else { "value" }, reason),
            other => other,
        })?;
        unique(&mut settings, &r.name, &row, "name")?;
    }
    let mut token_names = HashSet::new();
    let mut token_hashes = HashSet::new();
    for r in &data.api_tokens {
        let row = Row::by_id("api_tokens", r.id);
        row.name("name", &r.name)?;
        unique(&mut token_names, &r.name, &row, "name")?;
        if r.token_hash.len() != 64 || !r.token_hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(row.invalid("token_hash", "must be a SHA-256 hash in lower-case hex"));
        }
        unique(&mut token_hashes, &r.token_hash, &row, "token_hash")?;
        row.optional_time("last_used_at", r.last_used_at)?;
        row.optional_time("revoked_at", r.revoked_at)?;
        row.time("created_at", r.created_at)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::transfer::{ComponentRecord, GroupRecord, IncidentRecord, SettingRecord};

    fn t() -> DbTime {
        DbTime(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap())
    }

    fn component(id: i64) -> ComponentRecord {
        ComponentRecord {
            id,
            name: "API".into(),
            description: String::new(),
            link: None,
            status: 1,
            position: 0,
            group_id: None,
            enabled: true,
            meta: None,
            created_at: t(),
            updated_at: t(),
        }
    }

    fn incident(id: i64) -> IncidentRecord {
        IncidentRecord {
            id,
            user_id: None,
            component_id: 0,
            name: "Errors".into(),
            status: 1,
            visible: true,
            stickied: false,
            notify: false,
            is_resolved: false,
            message: "Looking".into(),
            meta: None,
            occurred_at: t(),
            created_at: t(),
            updated_at: t(),
        }
    }

    /// The field an import of `data` is refused for.
    fn refused(data: &DataExport) -> String {
        match check(data) {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_document_passes() {
        let data = DataExport {
            components: vec![component(1), ComponentRecord { link: Some("https://x.io".into()), ..component(2) }],
            incidents: vec![incident(1)],
            ..Default::default()
        };
        check(&data).unwrap();
    }

    #[test]
    fn the_first_bad_row_is_named_by_table_key_and_field() {
        let cases: Vec<(DataExport, &str)> = vec![
            (
                DataExport {
                    components: vec![
                        component(1),
                        ComponentRecord { link: Some("javascript:alert(1)".into()), ..component(3) },
                    ],
                    ..Default::default()
                },
                "components[id=3].link",
            ),
            (
                DataExport {
                    components: vec![ComponentRecord { name: "A\nB".into(), ..component(2) }],
                    ..Default::default()
                },
                "components[id=2].name",
            ),
            (
                DataExport { components: vec![ComponentRecord { status: 9, ..component(2) }], ..Default::default() },
                "components[id=2].status",
            ),
            (
                DataExport {
                    components: vec![ComponentRecord { group_id: Some(7), ..component(2) }],
                    ..Default::default()
                },
                "components[id=2].group_id",
            ),
            (
                DataExport {
                    components: vec![ComponentRecord { meta: Some("[1]".into()), ..component(2) }],
                    ..Default::default()
                },
                "components[id=2].meta",
            ),
            (DataExport { components: vec![component(4), component(4)], ..Default::default() }, "components[id=4].id"),
            (
                DataExport {
                    incidents: vec![IncidentRecord { message: "NUL \0".into(), ..incident(5) }],
                    ..Default::default()
                },
                "incidents[id=5].message",
            ),
            (
                DataExport { incidents: vec![IncidentRecord { component_id: 8, ..incident(5) }], ..Default::default() },
                "incidents[id=5].component_id",
            ),
            (
                DataExport {
                    component_groups: vec![GroupRecord {
                        id: 1,
                        name: String::new(),
                        position: 0,
                        collapsed: 0,
                        visible: true,
                        created_at: t(),
                        updated_at: t(),
                    }],
                    ..Default::default()
                },
                "component_groups[id=1].name",
            ),
            (
                DataExport {
                    settings: vec![SettingRecord { name: "app_name".into(), value: "Status\npage".into() }],
                    ..Default::default()
                },
                "settings[name=\"app_name\"].value",
            ),
        ];
        for (data, field) in cases {
            assert_eq!(refused(&data), field);
        }
    }
}

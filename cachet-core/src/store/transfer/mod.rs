//! Export and import of all data as one JSON document, ids preserved, so a page can move from
//! one backend to another (SQLite to PostgreSQL, say) and an export of the copy is identical to
//! the original's. Rows are written in multi-row batches on each backend's own connection
//! (the multi-backend connection has no batch insert); demo data ([`super::seed`]) uses the same
//! path.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

mod check;

use super::{Resource, Store};
use crate::db::AnyConnection;
use crate::db::schema::{
    api_tokens, component_groups, component_status_changes, component_tags, components, incident_components,
    incident_templates, incident_updates, incidents, metric_points, metrics, schedule_components, schedules, settings,
    subscribers, subscriptions,
};
use crate::db::types::DbTime;
use crate::error::{Error, Result};

/// The version of the export format this library writes and reads.
pub const EXPORT_FORMAT: u32 = 1;

/// Most bind parameters one insert statement carries: under SQLite's 32,766 and the 65,535 of
/// PostgreSQL and MySQL.
const MAX_BINDS: usize = 30_000;

/// Declares a record type mirroring one table, usable for reading, batch inserts and JSON.
macro_rules! record {
    ($(#[$doc:meta])* $name:ident, $table:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Queryable, Selectable, Insertable)]
        #[diesel(table_name = $table, treat_none_as_null = true)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty,)+
        }

        impl $name {
            /// Columns per row, to size insert batches.
            pub(crate) const COLUMNS: usize = [$(stringify!($field)),+].len();
        }
    };
}

record! {
    /// A `component_groups` row.
    GroupRecord, component_groups {
        /// Row id.
        id: i64, /// Name.
        name: String, /// Position.
        position: i32, /// Collapse mode (0-2).
        collapsed: i16, /// Visible to guests.
        visible: bool, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `components` row.
    ComponentRecord, components {
        /// Row id.
        id: i64, /// Name.
        name: String, /// Description.
        description: String, /// Link.
        link: Option<String>, /// Status (0-4).
        status: i16, /// Position.
        position: i32, /// Group.
        group_id: Option<i64>, /// Enabled.
        enabled: bool, /// Meta JSON text.
        meta: Option<String>, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `component_tags` row.
    TagRecord, component_tags {
        /// Component.
        component_id: i64, /// Slug.
        slug: String, /// Name.
        name: String,
    }
}

record! {
    /// A `component_status_changes` row.
    StatusChangeRecord, component_status_changes {
        /// Row id.
        id: i64, /// Component.
        component_id: i64, /// Status before.
        old_status: Option<i16>, /// Status after.
        new_status: i16, /// Why.
        reason: String, /// When (UTC).
        changed_at: DbTime,
    }
}

record! {
    /// An `incidents` row.
    IncidentRecord, incidents {
        /// Row id.
        id: i64, /// Author.
        user_id: Option<i64>, /// First affected component, 0 for none.
        component_id: i64, /// Title.
        name: String, /// Status (0-4).
        status: i16, /// Visible.
        visible: bool, /// Stickied.
        stickied: bool, /// Notify.
        notify: bool, /// Resolved.
        is_resolved: bool, /// Message.
        message: String, /// Meta JSON text.
        meta: Option<String>, /// Occurred (UTC).
        occurred_at: DbTime, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// An `incident_components` row.
    IncidentComponentRecord, incident_components {
        /// Incident.
        incident_id: i64, /// Component.
        component_id: i64, /// Status the incident gives it.
        status: i16,
    }
}

record! {
    /// An `incident_updates` row.
    IncidentUpdateRecord, incident_updates {
        /// Row id.
        id: i64, /// Incident.
        incident_id: i64, /// Status (1-4).
        status: i16, /// Message.
        message: String, /// Author.
        user_id: Option<i64>, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// An `incident_templates` row.
    TemplateRecord, incident_templates {
        /// Row id.
        id: i64, /// Name.
        name: String, /// Slug.
        slug: String, /// Template text.
        template: String, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `schedules` row.
    ScheduleRecord, schedules {
        /// Row id.
        id: i64, /// Name.
        name: String, /// Message.
        message: String, /// Status (0-2).
        status: i16, /// Start (UTC).
        scheduled_at: DbTime, /// End (UTC).
        completed_at: Option<DbTime>, /// Notify.
        notify: bool, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `schedule_components` row.
    ScheduleComponentRecord, schedule_components {
        /// Schedule.
        schedule_id: i64, /// Component.
        component_id: i64,
    }
}

record! {
    /// A `metrics` row.
    MetricRecord, metrics {
        /// Row id.
        id: i64, /// Name.
        name: String, /// Unit.
        suffix: String, /// Description.
        description: String, /// Default value.
        default_value: f64, /// Calculation (0-1).
        calc_type: i16, /// Chart shown.
        display_chart: bool, /// Decimal places.
        places: i16, /// Default view (0-3).
        default_view: i16, /// Threshold (minutes).
        threshold: i32, /// Position.
        position: i32, /// Visibility (0-2).
        visible: i16, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `metric_points` row.
    MetricPointRecord, metric_points {
        /// Row id.
        id: i64, /// Metric.
        metric_id: i64, /// Value.
        value: f64, /// Counter.
        counter: i32, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `subscribers` row.
    SubscriberRecord, subscribers {
        /// Row id.
        id: i64, /// E-mail.
        email: String, /// Verification code.
        verify_code: String, /// Phone.
        phone_number: Option<String>, /// Slack webhook.
        slack_webhook_url: Option<String>, /// Verified (UTC).
        verified_at: Option<DbTime>, /// Global.
        global: bool, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `subscriptions` row.
    SubscriptionRecord, subscriptions {
        /// Row id.
        id: i64, /// Subscriber.
        subscriber_id: i64, /// Component.
        component_id: i64, /// Created (UTC).
        created_at: DbTime, /// Updated (UTC).
        updated_at: DbTime,
    }
}

record! {
    /// A `settings` row.
    SettingRecord, settings {
        /// Name.
        name: String, /// Value.
        value: String,
    }
}

record! {
    /// An `api_tokens` row (the hash only; secrets are never stored).
    TokenRecord, api_tokens {
        /// Row id.
        id: i64, /// Name.
        name: String, /// SHA-256 of the secret.
        token_hash: String, /// Created (UTC).
        created_at: DbTime, /// Last use (UTC).
        last_used_at: Option<DbTime>, /// Revoked (UTC).
        revoked_at: Option<DbTime>,
    }
}

/// All data of a status page, table by table, in primary-key order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DataExport {
    /// [`EXPORT_FORMAT`] of the writer.
    pub format: u32,
    /// Component groups.
    pub component_groups: Vec<GroupRecord>,
    /// Components.
    pub components: Vec<ComponentRecord>,
    /// Component tags.
    pub component_tags: Vec<TagRecord>,
    /// Status history.
    pub component_status_changes: Vec<StatusChangeRecord>,
    /// Incidents.
    pub incidents: Vec<IncidentRecord>,
    /// Components affected by incidents.
    pub incident_components: Vec<IncidentComponentRecord>,
    /// Incident updates.
    pub incident_updates: Vec<IncidentUpdateRecord>,
    /// Incident templates.
    pub incident_templates: Vec<TemplateRecord>,
    /// Maintenance windows.
    pub schedules: Vec<ScheduleRecord>,
    /// Components covered by maintenance.
    pub schedule_components: Vec<ScheduleComponentRecord>,
    /// Metrics.
    pub metrics: Vec<MetricRecord>,
    /// Metric points.
    pub metric_points: Vec<MetricPointRecord>,
    /// Subscribers.
    pub subscribers: Vec<SubscriberRecord>,
    /// Subscriptions.
    pub subscriptions: Vec<SubscriptionRecord>,
    /// Stored settings (defaults are not stored).
    pub settings: Vec<SettingRecord>,
    /// API tokens (hashes).
    pub api_tokens: Vec<TokenRecord>,
}

impl DataExport {
    /// Rows in all tables.
    pub fn row_count(&self) -> usize {
        self.component_groups.len()
            + self.components.len()
            + self.component_tags.len()
            + self.component_status_changes.len()
            + self.incidents.len()
            + self.incident_components.len()
            + self.incident_updates.len()
            + self.incident_templates.len()
            + self.schedules.len()
            + self.schedule_components.len()
            + self.metrics.len()
            + self.metric_points.len()
            + self.subscribers.len()
            + self.subscriptions.len()
            + self.settings.len()
            + self.api_tokens.len()
    }
}

/// Inserts `rows` into `table` in multi-row statements on the backend's own connection.
macro_rules! insert_batches {
    ($conn:expr, $table:expr, $rows:expr, $record:ty) => {{
        let per_batch = (MAX_BINDS / <$record>::COLUMNS).max(1);
        for chunk in $rows.chunks(per_batch) {
            match &mut *$conn {
                AnyConnection::Postgres(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                AnyConnection::Mysql(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                AnyConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
    }};
}

/// Writes every row of `data` as it is (ids included), parents before children.
pub(crate) fn insert_all(conn: &mut AnyConnection, data: &DataExport) -> Result<()> {
    insert_batches!(conn, component_groups::table, data.component_groups, GroupRecord);
    insert_batches!(conn, components::table, data.components, ComponentRecord);
    insert_batches!(conn, component_tags::table, data.component_tags, TagRecord);
    insert_batches!(conn, component_status_changes::table, data.component_status_changes, StatusChangeRecord);
    insert_batches!(conn, incidents::table, data.incidents, IncidentRecord);
    insert_batches!(conn, incident_components::table, data.incident_components, IncidentComponentRecord);
    insert_batches!(conn, incident_updates::table, data.incident_updates, IncidentUpdateRecord);
    insert_batches!(conn, incident_templates::table, data.incident_templates, TemplateRecord);
    insert_batches!(conn, schedules::table, data.schedules, ScheduleRecord);
    insert_batches!(conn, schedule_components::table, data.schedule_components, ScheduleComponentRecord);
    insert_batches!(conn, metrics::table, data.metrics, MetricRecord);
    insert_batches!(conn, metric_points::table, data.metric_points, MetricPointRecord);
    insert_batches!(conn, subscribers::table, data.subscribers, SubscriberRecord);
    insert_batches!(conn, subscriptions::table, data.subscriptions, SubscriptionRecord);
    insert_batches!(conn, settings::table, data.settings, SettingRecord);
    insert_batches!(conn, api_tokens::table, data.api_tokens, TokenRecord);
    Ok(())
}

/// Tables whose ids come from a sequence on PostgreSQL.
const SERIAL_TABLES: &[&str] = &[
    "component_groups",
    "components",
    "component_status_changes",
    "incidents",
    "incident_updates",
    "incident_templates",
    "schedules",
    "metrics",
    "metric_points",
    "subscribers",
    "subscriptions",
    "api_tokens",
];

/// After rows were inserted with explicit ids, moves PostgreSQL's sequences past them so the
/// next ordinary insert does not collide. MySQL and SQLite advance their counters by themselves.
pub(crate) fn advance_sequences(conn: &mut AnyConnection) -> Result<()> {
    if let AnyConnection::Postgres(c) = conn {
        let sql: String = SERIAL_TABLES
            .iter()
            .map(|t| {
                format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {t}), 0) + 1, false);"
                )
            })
            .collect();
        c.batch_execute(&sql)?;
    }
    Ok(())
}

/// The largest id in each table `seed` extends, so new rows follow the existing ones.
pub(crate) fn max_id(conn: &mut AnyConnection, table: &str) -> Result<i64> {
    use diesel::dsl::sql;
    use diesel::sql_types::{BigInt, Nullable};
    let query = format!("COALESCE(MAX(id), 0) FROM {table}");
    let value: Option<i64> = match conn {
        AnyConnection::Postgres(c) => diesel::select(sql::<Nullable<BigInt>>(&query)).get_result(c)?,
        AnyConnection::Mysql(c) => diesel::select(sql::<Nullable<BigInt>>(&query)).get_result(c)?,
        AnyConnection::Sqlite(c) => diesel::select(sql::<Nullable<BigInt>>(&query)).get_result(c)?,
    };
    Ok(value.unwrap_or(0))
}

impl Store {
    /// Every row of every table (except the revision counter), in primary-key order, so two
    /// databases holding the same data export the same document.
    pub fn export_data(&self) -> Result<DataExport> {
        self.read(|c| {
            c.transaction::<_, Error, _>(|c| {
                let mut data = DataExport {
                    format: EXPORT_FORMAT,
                    component_groups: component_groups::table
                        .order(component_groups::id)
                        .select(GroupRecord::as_select())
                        .load(c)?,
                    components: components::table.order(components::id).select(ComponentRecord::as_select()).load(c)?,
                    component_tags: component_tags::table.select(TagRecord::as_select()).load(c)?,
                    component_status_changes: component_status_changes::table
                        .order(component_status_changes::id)
                        .select(StatusChangeRecord::as_select())
                        .load(c)?,
                    incidents: incidents::table.order(incidents::id).select(IncidentRecord::as_select()).load(c)?,
                    incident_components: incident_components::table
                        .select(IncidentComponentRecord::as_select())
                        .load(c)?,
                    incident_updates: incident_updates::table
                        .order(incident_updates::id)
                        .select(IncidentUpdateRecord::as_select())
                        .load(c)?,
                    incident_templates: incident_templates::table
                        .order(incident_templates::id)
                        .select(TemplateRecord::as_select())
                        .load(c)?,
                    schedules: schedules::table.order(schedules::id).select(ScheduleRecord::as_select()).load(c)?,
                    schedule_components: schedule_components::table
                        .select(ScheduleComponentRecord::as_select())
                        .load(c)?,
                    metrics: metrics::table.order(metrics::id).select(MetricRecord::as_select()).load(c)?,
                    metric_points: metric_points::table
                        .order(metric_points::id)
                        .select(MetricPointRecord::as_select())
                        .load(c)?,
                    subscribers: subscribers::table
                        .order(subscribers::id)
                        .select(SubscriberRecord::as_select())
                        .load(c)?,
                    subscriptions: subscriptions::table
                        .order(subscriptions::id)
                        .select(SubscriptionRecord::as_select())
                        .load(c)?,
                    settings: settings::table.select(SettingRecord::as_select()).load(c)?,
                    api_tokens: api_tokens::table.order(api_tokens::id).select(TokenRecord::as_select()).load(c)?,
                };
                // Composite keys and text keys: sort here, since collations differ per backend.
                data.component_tags.sort_by(|a, b| (a.component_id, &a.slug).cmp(&(b.component_id, &b.slug)));
                data.incident_components.sort_by_key(|r| (r.incident_id, r.component_id));
                data.schedule_components.sort_by_key(|r| (r.schedule_id, r.component_id));
                data.settings.sort_by(|a, b| a.name.cmp(&b.name));
                Ok(data)
            })
        })
    }

    /// Loads an export into this database, which must hold no data yet (settings aside, which
    /// the export's replace). Ids are kept; everything is written in one transaction.
    ///
    /// Every row is first held to the rules the API writes by (names, lengths, control
    /// characters, statuses, links, e-mail addresses, times, unique keys, references); the first
    /// bad row fails the import with an [`Error::Invalid`] naming it, such as
    /// `components[id=3].link`, and nothing is written.
    pub fn import_data(&self, data: &DataExport) -> Result<usize> {
        if data.format != EXPORT_FORMAT {
            return Err(Error::invalid("format", format!("must be {EXPORT_FORMAT}, this export is {}", data.format)));
        }
        check::check(data)?;
        self.write(Resource::Component, |c| {
            for table in SERIAL_TABLES {
                if max_id(c, table)? != 0 {
                    return Err(Error::Conflict(format!(
                        "the database already holds data (table {table}); import needs an empty database"
                    )));
                }
            }
            diesel::delete(settings::table).execute(c)?;
            // The checks above leave little for the database to refuse (a key equal only under
            // MySQL's case-insensitive collation, say); a clash is the document's, not a component's.
            insert_all(c, data).map_err(|e| match e {
                Error::Conflict(_) => Error::Conflict(
                    "the import holds rows that clash with each other or refer to rows it does not hold".into(),
                ),
                other => other,
            })?;
            advance_sequences(c)?;
            Ok(data.row_count())
        })
    }
}

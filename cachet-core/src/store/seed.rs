//! Deterministic demo data: groups, components with a status history, incidents with updates,
//! maintenance and metric points, generated from a seed and written in multi-row batches (the
//! path [`super::transfer`] uses for imports), so a million incidents load in minutes. The same
//! seed on the same day gives the same rows; uptime bars get real history.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use super::transfer::{
    ComponentRecord, DataExport, GroupRecord, IncidentComponentRecord, IncidentRecord, IncidentUpdateRecord,
    MetricPointRecord, MetricRecord, ScheduleComponentRecord, ScheduleRecord, StatusChangeRecord, advance_sequences,
    insert_all, max_id,
};
use super::{Resource, Store};
use crate::db::types::DbTime;
use crate::error::{Error, Result};

/// How much demo data to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedOptions {
    /// Components to add.
    pub components: u32,
    /// Groups to spread them over (0: ungrouped).
    pub groups: u32,
    /// Incidents to add, spread over the period.
    pub incidents: u64,
    /// Length of the period of history, in days back from today.
    pub days: u32,
    /// Points per metric (three metrics are added when this is above zero).
    pub metric_points: u32,
    /// The random seed: the same seed gives the same data.
    pub seed: u64,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions { components: 10, groups: 3, incidents: 50, days: 90, metric_points: 1000, seed: 1 }
    }
}

/// What a seed added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SeedReport {
    /// Groups added.
    pub groups: u64,
    /// Components added.
    pub components: u64,
    /// Incidents added.
    pub incidents: u64,
    /// Incident updates added.
    pub incident_updates: u64,
    /// Status changes recorded.
    pub status_changes: u64,
    /// Maintenance windows added.
    pub schedules: u64,
    /// Metrics added.
    pub metrics: u64,
    /// Metric points added.
    pub metric_points: u64,
}

/// Incidents generated and written per transaction-internal batch, to bound memory.
const INCIDENTS_PER_BATCH: u64 = 20_000;

/// SplitMix64: tiny, fast, and stable across library versions (unlike `StdRng`), which keeps
/// seeded data the same from one release to the next.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SERVICES: &[&str] = &[
    "API",
    "Website",
    "Dashboard",
    "Database",
    "Search",
    "Payments",
    "Login",
    "CDN",
    "E-mail",
    "Webhooks",
    "Storage",
    "Queue",
    "DNS",
    "Mobile App",
    "Billing",
    "Reports",
];
const AREAS: &[&str] = &["Core Services", "Customer Facing", "Infrastructure", "Integrations", "Internal Tools"];
const TROUBLES: &[&str] = &[
    "Elevated error rates",
    "Degraded performance",
    "Partial outage",
    "Service unavailable",
    "Increased latency",
    "Intermittent timeouts",
    "Delayed processing",
];
const FIRST_WORDS: &[&str] = &[
    "We are investigating reports of problems.",
    "Some requests are failing; we are looking into it.",
    "Our monitoring detected an issue and engineers are on it.",
];
const CAUSES: &[&str] = &[
    "A faulty deploy has been identified and is being rolled back.",
    "A database node ran out of disk space; we are adding capacity.",
    "An upstream provider has an outage; we are routing around it.",
    "A configuration change caused the issue and has been reverted.",
];
const ENDINGS: &[&str] = &[
    "The issue is resolved and all systems are operating normally.",
    "A fix has been deployed and error rates are back to normal.",
    "Service has been fully restored. We apologise for the disruption.",
];

impl Store {
    /// Adds demo data after whatever is there; see [`SeedOptions`].
    pub fn seed(&self, options: &SeedOptions) -> Result<SeedReport> {
        if options.components == 0 && options.incidents > 0 {
            return Err(Error::invalid("components", "must be at least 1 when incidents are asked for"));
        }
        if options.days == 0 {
            return Err(Error::invalid("days", "must be at least 1"));
        }
        // The day, not the second, anchors the data: seeding twice on a day gives the same rows.
        let today = self.now().date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
        let start = today - Duration::days(i64::from(options.days));
        let span_minutes = i64::from(options.days) * 24 * 60;
        let mut rng = Rng(options.seed);
        self.write(Resource::Component, |c| {
            let mut report = SeedReport::default();
            let group_base = max_id(c, "component_groups")?;
            let component_base = max_id(c, "components")?;
            let mut change_id = max_id(c, "component_status_changes")?;
            let incident_base = max_id(c, "incidents")?;
            let mut update_id = max_id(c, "incident_updates")?;
            let schedule_base = max_id(c, "schedules")?;
            let metric_base = max_id(c, "metrics")?;
            let mut point_id = max_id(c, "metric_points")?;

            let mut base = DataExport::default();
            for g in 1..=i64::from(options.groups) {
                let area = AREAS[(g as usize - 1) % AREAS.len()];
                base.component_groups.push(GroupRecord {
                    id: group_base + g,
                    name: format!("{area} {}", group_base + g),
                    position: g as i32,
                    collapsed: (g % 3) as i16,
                    visible: true,
                    created_at: DbTime(start),
                    updated_at: DbTime(start),
                });
            }
            for k in 1..=i64::from(options.components) {
                let id = component_base + k;
                let service = SERVICES[(k as usize - 1) % SERVICES.len()];
                let group_id = (options.groups > 0).then(|| group_base + 1 + (k - 1) % i64::from(options.groups));
                base.components.push(ComponentRecord {
                    id,
                    name: format!("{service} {id}"),
                    description: format!("The {service} service"),
                    link: None,
                    status: 1,
                    position: k as i32,
                    group_id,
                    enabled: true,
                    meta: None,
                    created_at: DbTime(start),
                    updated_at: DbTime(start),
                });
                change_id += 1;
                base.component_status_changes.push(StatusChangeRecord {
                    id: change_id,
                    component_id: id,
                    old_status: None,
                    new_status: 1,
                    reason: "created".to_string(),
                    changed_at: DbTime(start),
                });
            }
            report.groups = base.component_groups.len() as u64;
            report.components = base.components.len() as u64;
            // Maintenance: one finished last week, one planned for tomorrow.
            if options.components > 0 {
                for (n, (name, from, status)) in
                    [("Database upgrade", -7, 2), ("Network maintenance", 1, 0)].into_iter().enumerate()
                {
                    let id = schedule_base + n as i64 + 1;
                    let at = today + Duration::days(from) + Duration::hours(22);
                    base.schedules.push(ScheduleRecord {
                        id,
                        name: name.to_string(),
                        message: format!("{name}: short interruptions are possible."),
                        status,
                        scheduled_at: DbTime(at),
                        completed_at: Some(DbTime(at + Duration::hours(2))),
                        notify: false,
                        created_at: DbTime(start),
                        updated_at: DbTime(start),
                    });
                    base.schedule_components.push(ScheduleComponentRecord {
                        schedule_id: id,
                        component_id: component_base + 1 + rng.below(u64::from(options.components)) as i64,
                    });
                }
            }
            report.schedules = base.schedules.len() as u64;
            if options.metric_points > 0 {
                let specs = [("Response time", "ms", 1i16), ("Requests", "req", 0), ("Error rate", "%", 1)];
                for (n, (name, suffix, calc)) in specs.into_iter().enumerate() {
                    let metric_id = metric_base + n as i64 + 1;
                    base.metrics.push(MetricRecord {
                        id: metric_id,
                        name: format!("{name} {metric_id}"),
                        suffix: suffix.to_string(),
                        description: String::new(),
                        default_value: 0.0,
                        calc_type: calc,
                        display_chart: true,
                        places: 2,
                        default_view: 1,
                        threshold: 5,
                        position: n as i32,
                        visible: 1,
                        created_at: DbTime(start),
                        updated_at: DbTime(start),
                    });
                    let step = (span_minutes * 60 / i64::from(options.metric_points)).max(30);
                    for p in 0..i64::from(options.metric_points) {
                        point_id += 1;
                        let at = today - Duration::seconds(step * p);
                        let value = match n {
                            0 => 80.0 + rng.below(120) as f64,
                            1 => 500.0 + rng.below(1500) as f64,
                            _ => rng.below(300) as f64 / 100.0,
                        };
                        base.metric_points.push(MetricPointRecord {
                            id: point_id,
                            metric_id,
                            value,
                            counter: 1,
                            created_at: DbTime(at),
                            updated_at: DbTime(at),
                        });
                    }
                }
            }
            report.metrics = base.metrics.len() as u64;
            report.metric_points = base.metric_points.len() as u64;
            insert_all(c, &base)?;

            let mut done = 0;
            while done < options.incidents {
                let batch_end = (done + INCIDENTS_PER_BATCH).min(options.incidents);
                let mut batch = DataExport::default();
                for n in done..batch_end {
                    let id = incident_base + n as i64 + 1;
                    let component_id = component_base + 1 + rng.below(u64::from(options.components)) as i64;
                    let component_status = 2 + rng.below(3) as i16;
                    let occurred = start + Duration::minutes(rng.below(span_minutes as u64) as i64);
                    let lasted = Duration::minutes(10 + rng.below(6 * 60) as i64);
                    let ended: NaiveDateTime = (occurred + lasted).min(today);
                    let trouble = rng.pick(TROUBLES);
                    batch.incidents.push(IncidentRecord {
                        id,
                        user_id: None,
                        component_id,
                        name: format!("{trouble} on {}", component_name(component_id, component_base)),
                        status: 4,
                        visible: true,
                        stickied: false,
                        notify: true,
                        is_resolved: true,
                        message: rng.pick(FIRST_WORDS).to_string(),
                        meta: None,
                        occurred_at: DbTime(occurred),
                        created_at: DbTime(occurred),
                        updated_at: DbTime(ended),
                    });
                    batch.incident_components.push(IncidentComponentRecord {
                        incident_id: id,
                        component_id,
                        status: component_status,
                    });
                    if rng.below(2) == 0 {
                        update_id += 1;
                        let at = occurred + lasted / 3;
                        batch.incident_updates.push(IncidentUpdateRecord {
                            id: update_id,
                            incident_id: id,
                            status: 2,
                            message: rng.pick(CAUSES).to_string(),
                            user_id: None,
                            created_at: DbTime(at),
                            updated_at: DbTime(at),
                        });
                    }
                    update_id += 1;
                    batch.incident_updates.push(IncidentUpdateRecord {
                        id: update_id,
                        incident_id: id,
                        status: 4,
                        message: rng.pick(ENDINGS).to_string(),
                        user_id: None,
                        created_at: DbTime(ended),
                        updated_at: DbTime(ended),
                    });
                    for (at, old, new, reason) in [
                        (occurred, 1, component_status, format!("incident #{id}")),
                        (ended, component_status, 1, format!("incident #{id} resolved")),
                    ] {
                        change_id += 1;
                        batch.component_status_changes.push(StatusChangeRecord {
                            id: change_id,
                            component_id,
                            old_status: Some(old),
                            new_status: new,
                            reason,
                            changed_at: DbTime(at),
                        });
                    }
                }
                report.incidents += batch.incidents.len() as u64;
                report.incident_updates += batch.incident_updates.len() as u64;
                report.status_changes += batch.component_status_changes.len() as u64;
                insert_all(c, &batch)?;
                done = batch_end;
            }
            report.status_changes += report.components;
            advance_sequences(c)?;
            Ok(report)
        })
    }
}

/// The generated name of a seeded component, without looking it up.
fn component_name(id: i64, base: i64) -> String {
    let service = SERVICES[((id - base - 1) as usize) % SERVICES.len()];
    format!("{service} {id}")
}

//! Cachet 2.4's response objects. Top-level dates are `Y-m-d H:i:s` in the request's time zone;
//! nested relation rows (incident updates, group members, subscriptions) are raw rows in UTC, as
//! Cachet serialises them.

use cachet_core::model::*;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use crate::api::request::Ctx;

/// `Y-m-d H:i:s` in `tz`.
pub fn date(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn opt_date(t: Option<DateTime<Utc>>, tz: Tz) -> Value {
    t.map_or(Value::Null, |t| Value::String(date(t, tz)))
}

/// A JSON number that is an integer when it has no fraction.
pub fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9e15 { json!(x as i64) } else { json!(x) }
}

fn tags(c: &Component) -> Value {
    Value::Object(c.tags.iter().map(|t| (t.slug.clone(), Value::String(t.name.clone()))).collect::<Map<_, _>>())
}

/// The component's link when a page may carry it (http, https, mailto): a row written before the
/// rule or by hand never hands a `javascript:` link to a client that renders it.
fn link(c: &Component) -> Option<&str> {
    c.link.as_deref().and_then(cachet_core::text::safe_link)
}

/// The component row Cachet embeds in other objects (no presenter extras, UTC).
pub fn component_row(c: &Component) -> Value {
    json!({
        "id": c.id, "name": c.name, "description": c.description, "link": link(c),
        "status": c.status.value(), "order": c.order, "group_id": c.group_id.unwrap_or(0),
        "enabled": c.enabled, "meta": c.meta,
        "created_at": date(c.created_at, Tz::UTC), "updated_at": date(c.updated_at, Tz::UTC), "deleted_at": null,
    })
}

/// A component.
pub fn component(c: &Component, tz: Tz) -> Value {
    json!({
        "id": c.id, "name": c.name, "description": c.description, "link": link(c),
        "status": c.status.value(), "order": c.order, "group_id": c.group_id.unwrap_or(0),
        "created_at": date(c.created_at, tz), "updated_at": date(c.updated_at, tz), "deleted_at": null,
        "enabled": c.enabled, "meta": c.meta, "status_name": c.status.label(), "tags": tags(c),
    })
}

/// A group with its enabled members.
pub fn group(g: &ComponentGroup, members: &[&Component], tz: Tz) -> Value {
    let mut lowest: Vec<&&Component> = members.iter().collect();
    lowest.sort_by_key(|c| std::cmp::Reverse(c.status.severity()));
    let worst = cachet_core::status::group_status(members.iter().map(|c| c.status));
    json!({
        "id": g.id, "name": g.name, "order": g.order, "collapsed": g.collapsed.value(),
        "visible": i32::from(g.visible),
        "created_at": date(g.created_at, tz), "updated_at": date(g.updated_at, tz),
        "enabled_components": members.iter().map(|c| component_row(c)).collect::<Vec<_>>(),
        "enabled_components_lowest": lowest.iter().map(|c| component_row(c)).collect::<Vec<_>>(),
        "lowest_human_status": worst.map(ComponentStatus::label),
    })
}

fn update_row(u: &IncidentUpdate) -> Value {
    json!({
        "id": u.id, "incident_id": u.incident_id, "status": u.status.value(), "message": u.message,
        "user_id": u.user_id, "created_at": date(u.created_at, Tz::UTC), "updated_at": date(u.updated_at, Tz::UTC),
    })
}

/// An incident update.
pub fn update(u: &IncidentUpdate, ctx: &Ctx) -> Value {
    let mut v = update_row(u);
    v["created_at"] = json!(date(u.created_at, ctx.tz));
    v["updated_at"] = json!(date(u.updated_at, ctx.tz));
    v["human_status"] = json!(u.status.label());
    v["permalink"] = json!(format!("{}/incidents/{}#update-{}", ctx.base_url(), u.incident_id, u.id));
    v
}

/// An incident with its updates.
pub fn incident(i: &Incident, ctx: &Ctx, now: DateTime<Utc>) -> Value {
    let latest = i.updates.first();
    let latest_status = latest.map_or(i.status, |u| u.status);
    let duration = match latest {
        None => 0,
        Some(u) if i.is_resolved => (u.created_at - i.occurred_at).num_seconds().max(0),
        Some(_) => (now - i.occurred_at).num_seconds().max(0),
    };
    json!({
        "id": i.id, "user_id": i.user_id, "component_id": i.component_id, "name": i.name,
        "status": i.status.value(), "visible": i32::from(i.visible), "stickied": i.stickied,
        "notifications": i.notify, "message": i.message,
        "occurred_at": date(i.occurred_at, ctx.tz), "created_at": date(i.created_at, ctx.tz),
        "updated_at": date(i.updated_at, ctx.tz), "deleted_at": null, "is_resolved": i.is_resolved,
        "meta": i.meta.clone().unwrap_or_else(|| json!({})),
        "updates": i.updates.iter().map(update_row).collect::<Vec<_>>(),
        "human_status": i.status.label(),
        "latest_update_id": latest.map(|u| u.id),
        "latest_status": latest_status.value(),
        "latest_human_status": latest_status.label(),
        "latest_icon": latest_status.icon(),
        "permalink": format!("{}/incidents/{}", ctx.base_url(), i.id),
        "duration": duration,
        "components": i.components.iter().map(|a| json!({"id": a.component_id, "status": a.status.value()})).collect::<Vec<_>>(),
    })
}

/// An incident template.
pub fn template(t: &IncidentTemplate, tz: Tz) -> Value {
    json!({
        "id": t.id, "name": t.name, "slug": t.slug, "template": t.template,
        "created_at": date(t.created_at, tz), "updated_at": date(t.updated_at, tz), "deleted_at": null,
    })
}

/// A metric.
pub fn metric(m: &Metric, tz: Tz) -> Value {
    json!({
        "id": m.id, "name": m.name, "suffix": m.suffix, "description": m.description,
        "default_value": number(m.default_value), "calc_type": m.calc_type.value(),
        "display_chart": m.display_chart, "places": m.places, "default_view": m.default_view.value(),
        "threshold": m.threshold, "order": m.order, "visible": m.visible.value(),
        "created_at": date(m.created_at, tz), "updated_at": date(m.updated_at, tz),
        "default_view_name": m.default_view.label(),
    })
}

/// A metric point.
pub fn point(p: &MetricPoint, tz: Tz) -> Value {
    json!({
        "id": p.id, "metric_id": p.metric_id, "value": p.value, "counter": p.counter,
        "created_at": date(p.created_at, tz), "updated_at": date(p.updated_at, tz),
        "calculated_value": p.calculated_value(),
    })
}

/// A maintenance window.
pub fn schedule(s: &Schedule, tz: Tz) -> Value {
    json!({
        "id": s.id, "name": s.name, "message": s.message, "status": s.status.value(),
        "scheduled_at": date(s.scheduled_at, tz), "completed_at": opt_date(s.completed_at, tz),
        "created_at": date(s.created_at, tz), "updated_at": date(s.updated_at, tz), "deleted_at": null,
        "components": s.components.iter().map(|c| json!({"schedule_id": s.id, "component_id": c})).collect::<Vec<_>>(),
        "human_status": s.status.label(),
        "notify": s.notify,
    })
}

/// A subscriber with subscriptions.
pub fn subscriber(s: &Subscriber, tz: Tz) -> Value {
    json!({
        "id": s.id, "email": s.email, "verify_code": s.verify_code, "phone_number": s.phone_number,
        "slack_webhook_url": s.slack_webhook_url, "verified_at": opt_date(s.verified_at, tz),
        "global": s.global, "created_at": date(s.created_at, tz), "updated_at": date(s.updated_at, tz),
        "subscriptions": s.subscriptions.iter().map(|x| json!({
            "id": x.id, "subscriber_id": x.subscriber_id, "component_id": x.component_id,
            "created_at": date(x.created_at, Tz::UTC), "updated_at": date(x.updated_at, Tz::UTC),
        })).collect::<Vec<_>>(),
    })
}

/// `{"data": value}`.
pub fn item(value: Value) -> Value {
    json!({ "data": value })
}

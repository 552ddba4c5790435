//! `/api/v1/incidents`: incidents (with templates, affected components and meta) and their
//! updates.

use cachet_core::model::{
    AffectedComponent, ComponentStatus, IncidentPatch, IncidentQuery, IncidentSort, IncidentStatus,
    IncidentUpdatePatch, IncidentUpdateSort, NewIncident, NewIncidentUpdate,
};
use serde_json::{Map, Value};
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::pagination::{list, page_request, sort};
use super::present::{self, item};
use crate::api::error::ApiError;
use crate::api::input::Fields;
use crate::api::request::Ctx;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/incidents"),
    ("GET", "/api/v1/incidents/{id}"),
    ("POST", "/api/v1/incidents"),
    ("PUT", "/api/v1/incidents/{id}"),
    ("DELETE", "/api/v1/incidents/{id}"),
    ("GET", "/api/v1/incidents/{id}/updates"),
    ("GET", "/api/v1/incidents/{id}/updates/{update_id}"),
    ("POST", "/api/v1/incidents/{id}/updates"),
    ("PUT", "/api/v1/incidents/{id}/updates/{update_id}"),
    ("DELETE", "/api/v1/incidents/{id}/updates/{update_id}"),
];

/// The incident and incident update routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index = warp::path!("api" / "v1" / "incidents").and(crate::respond::get_or_head()).and(ctx.clone()).then(index);
    let show =
        warp::path!("api" / "v1" / "incidents" / i64).and(crate::respond::get_or_head()).and(ctx.clone()).then(show);
    let create = warp::path!("api" / "v1" / "incidents").and(warp::post()).and(ctx.clone()).then(create);
    let update = warp::path!("api" / "v1" / "incidents" / i64).and(warp::put()).and(ctx.clone()).then(update);
    let delete = warp::path!("api" / "v1" / "incidents" / i64).and(warp::delete()).and(ctx.clone()).then(delete);
    let updates = warp::path!("api" / "v1" / "incidents" / i64 / "updates")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(list_updates);
    let show_update = warp::path!("api" / "v1" / "incidents" / i64 / "updates" / i64)
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(show_update);
    let create_update = warp::path!("api" / "v1" / "incidents" / i64 / "updates")
        .and(warp::post())
        .and(ctx.clone())
        .then(create_update);
    let edit_update = warp::path!("api" / "v1" / "incidents" / i64 / "updates" / i64)
        .and(warp::put())
        .and(ctx.clone())
        .then(edit_update);
    let delete_update = warp::path!("api" / "v1" / "incidents" / i64 / "updates" / i64)
        .and(warp::delete())
        .and(ctx)
        .then(delete_update);
    index
        .or(show)
        .unify()
        .or(create)
        .unify()
        .or(update)
        .unify()
        .or(delete)
        .unify()
        .or(updates)
        .unify()
        .or(show_update)
        .unify()
        .or(create_update)
        .unify()
        .or(edit_update)
        .unify()
        .or(delete_update)
        .unify()
        .boxed()
}

async fn index(ctx: Ctx) -> Response {
    ctx.read("no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let query = IncidentQuery {
            id: f.int("id"),
            user_id: f.int("user_id"),
            component_id: f.int("component_id"),
            name: f.string("name"),
            status: f.enumeration("status", IncidentStatus::from_value),
            visible: f.bool("visible"),
            stickied: f.bool("stickied"),
            sort: sort(&mut f, IncidentSort::parse),
            page: page_request(&mut f),
            viewer: ctx.viewer(),
            ..IncidentQuery::default()
        };
        f.finish()?;
        let page = store.list_incidents(&query)?;
        let now = store.now();
        Ok(list(ctx, &page, |i| present::incident(i, ctx, now)))
    })
    .await
}

async fn show(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        // Hidden incidents are for signed-in users only (Cachet 2.4 showed them to anyone by id).
        let incident = store.view(ctx.viewer()).incident(id)?;
        Ok(item(present::incident(&incident, ctx, store.now())))
    })
    .await
}

/// Affected components from `components: [{id, status}]` or the `component_id` +
/// `component_status` shorthand (which must come together).
fn affected(f: &mut Fields<'_>) -> Option<Vec<AffectedComponent>> {
    let mut out = Vec::new();
    let id = f.reference("component_id").flatten();
    let status = f.enumeration("component_status", ComponentStatus::from_value);
    match (id, status) {
        (Some(component_id), Some(status)) => out.push(AffectedComponent { component_id, status }),
        (Some(_), None) => f.error("component_status", "field is required when component_id is present"),
        (None, Some(_)) => f.error("component_id", "field is required when component_status is present"),
        (None, None) => {}
    }
    if let Some(list) = f.objects("components") {
        for entry in list {
            match parse_affected(&entry) {
                Some(a) if !out.iter().any(|b: &AffectedComponent| b.component_id == a.component_id) => out.push(a),
                Some(_) => {}
                None => {
                    f.error("components", "must be a list of {\"id\": component id, \"status\": 0-4}");
                    return None;
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

fn parse_affected(entry: &Map<String, Value>) -> Option<AffectedComponent> {
    let int = |v: &Value| v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
    let component_id = entry.get("id").or_else(|| entry.get("component_id")).and_then(int).filter(|id| *id > 0)?;
    let status = entry.get("status").or_else(|| entry.get("component_status")).and_then(int)?;
    Some(AffectedComponent { component_id, status: ComponentStatus::from_value(status).ok()? })
}

async fn create(ctx: Ctx) -> Response {
    ctx.write(|store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let name = f.string("name");
        let name = f.required("name", name);
        let status = f.enumeration("status", IncidentStatus::from_value);
        let status = f.required("status", status);
        let message = f.string("message");
        let visible = f.bool("visible");
        let stickied = f.bool("stickied");
        let notify = f.bool("notify");
        let occurred_at = f.datetime("occurred_at");
        let components = affected(&mut f);
        let template = f.string("template");
        let vars = f.object("vars");
        let meta = f.object("meta");
        f.finish()?;
        let input = NewIncident {
            visible: visible.unwrap_or(true),
            stickied: stickied.unwrap_or(false),
            notify: notify.unwrap_or(true),
            occurred_at,
            components: components.unwrap_or_default(),
            template,
            vars,
            meta,
            ..NewIncident::new(
                name.unwrap_or_default(),
                status.unwrap_or(IncidentStatus::Investigating),
                message.unwrap_or_default(),
            )
        };
        let incident = store.create_incident(input).map_err(ApiError::from_write)?;
        Ok(Some(item(present::incident(&incident, ctx, store.now()))))
    })
    .await
}

async fn update(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let patch = IncidentPatch {
            name: f.string("name"),
            status: f.enumeration("status", IncidentStatus::from_value),
            message: f.string("message"),
            visible: f.bool("visible"),
            stickied: f.bool("stickied"),
            notify: f.bool("notify"),
            occurred_at: f.datetime("occurred_at"),
            components: affected(&mut f),
            template: f.string("template"),
            vars: f.object("vars"),
            meta: f.object("meta"),
        };
        f.finish()?;
        let incident = store.update_incident(id, patch).map_err(ApiError::from_write)?;
        Ok(Some(item(present::incident(&incident, ctx, store.now()))))
    })
    .await
}

async fn delete(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_incident(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

async fn list_updates(incident: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let sort = sort(&mut f, IncidentUpdateSort::parse);
        let page = page_request(&mut f);
        f.finish()?;
        let page = store.view(ctx.viewer()).incident_updates(incident, sort, page)?;
        Ok(list(ctx, &page, |u| present::update(u, ctx)))
    })
    .await
}

async fn show_update(incident: i64, id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        Ok(item(present::update(&store.view(ctx.viewer()).incident_update(incident, id)?, ctx)))
    })
    .await
}

async fn create_update(incident: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let status = f.enumeration("status", IncidentStatus::from_value);
        let status = f.required("status", status);
        let message = f.string("message");
        let message = f.required("message", message);
        f.finish()?;
        let input = NewIncidentUpdate {
            status: status.unwrap_or(IncidentStatus::Investigating),
            message: message.unwrap_or_default(),
            user_id: None,
        };
        let update = store.create_incident_update(incident, input).map_err(ApiError::from_write)?;
        Ok(Some(item(present::update(&update, ctx))))
    })
    .await
}

async fn edit_update(incident: i64, id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let patch = IncidentUpdatePatch {
            status: f.enumeration("status", IncidentStatus::from_value),
            message: f.string("message"),
        };
        f.finish()?;
        let update = store.update_incident_update(incident, id, patch).map_err(ApiError::from_write)?;
        Ok(Some(item(present::update(&update, ctx))))
    })
    .await
}

async fn delete_update(incident: i64, id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_incident_update(incident, id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

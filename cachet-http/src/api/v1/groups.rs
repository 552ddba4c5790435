//! `/api/v1/components/groups`: component groups with their enabled members.

use cachet_core::Store;
use cachet_core::model::{ComponentGroup, GroupCollapsed, GroupPatch, GroupQuery, GroupSort, NewGroup};
use serde_json::Value;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::pagination::{list, order_filter, page_request, sort};
use super::present::{self, item};
use crate::api::error::ApiError;
use crate::api::input::Fields;
use crate::api::request::Ctx;

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/components/groups"),
    ("GET", "/api/v1/components/groups/{id}"),
    ("POST", "/api/v1/components/groups"),
    ("PUT", "/api/v1/components/groups/{id}"),
    ("DELETE", "/api/v1/components/groups/{id}"),
];

/// The group routes.
pub fn routes(
    ctx: impl Filter<Extract = (Ctx,), Error = Rejection> + Clone + Send + Sync + 'static,
) -> BoxedFilter<(Response,)> {
    let index = warp::path!("api" / "v1" / "components" / "groups")
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(index);
    let show = warp::path!("api" / "v1" / "components" / "groups" / i64)
        .and(crate::respond::get_or_head())
        .and(ctx.clone())
        .then(show);
    let create = warp::path!("api" / "v1" / "components" / "groups").and(warp::post()).and(ctx.clone()).then(create);
    let update =
        warp::path!("api" / "v1" / "components" / "groups" / i64).and(warp::put()).and(ctx.clone()).then(update);
    let delete = warp::path!("api" / "v1" / "components" / "groups" / i64).and(warp::delete()).and(ctx).then(delete);
    index.or(show).unify().or(create).unify().or(update).unify().or(delete).unify().boxed()
}

/// Groups presented with their enabled members, loaded in one query.
fn present_all(store: &Store, ctx: &Ctx, groups: &[ComponentGroup]) -> Result<Vec<Value>, ApiError> {
    let ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
    let members = store.enabled_components_of(&ids)?;
    Ok(groups
        .iter()
        .map(|g| {
            let mine: Vec<_> = members.iter().filter(|c| c.group_id == Some(g.id)).collect();
            present::group(g, &mine, ctx.tz)
        })
        .collect())
}

async fn index(ctx: Ctx) -> Response {
    ctx.read("no-cache", |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let query = GroupQuery {
            id: f.int("id"),
            name: f.string("name"),
            order: order_filter(&mut f, ctx.input.get("order")),
            collapsed: f.enumeration("collapsed", GroupCollapsed::from_value),
            visible: f.bool("visible"),
            sort: sort(&mut f, GroupSort::parse),
            page: page_request(&mut f),
            viewer: ctx.viewer(),
        };
        f.finish()?;
        let page = store.list_groups(&query)?;
        let presented = present_all(store, ctx, &page.items)?;
        let mut out = list(ctx, &page, |_| Value::Null);
        out["data"] = Value::Array(presented);
        Ok(out)
    })
    .await
}

async fn show(id: i64, ctx: Ctx) -> Response {
    ctx.read("no-cache", move |store, ctx| {
        let group = store.view(ctx.viewer()).group(id)?;
        Ok(item(present_all(store, ctx, &[group])?.remove(0)))
    })
    .await
}

async fn create(ctx: Ctx) -> Response {
    ctx.write(|store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let name = f.string("name");
        let name = f.required("name", name);
        let order = f.int32("order");
        let collapsed = f.enumeration("collapsed", GroupCollapsed::from_value);
        let visible = f.bool("visible");
        f.finish()?;
        let input = NewGroup {
            order: order.unwrap_or(0),
            collapsed: collapsed.unwrap_or(GroupCollapsed::Expanded),
            visible: visible.unwrap_or(false),
            ..NewGroup::new(name.unwrap_or_default())
        };
        let group = store.create_group(input).map_err(ApiError::from_write)?;
        Ok(Some(item(present_all(store, ctx, &[group])?.remove(0))))
    })
    .await
}

async fn update(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, ctx| {
        let mut f = Fields::new(&ctx.input, ctx.tz);
        let patch = GroupPatch {
            name: f.string("name"),
            order: f.int32("order"),
            collapsed: f.enumeration("collapsed", GroupCollapsed::from_value),
            visible: f.bool("visible"),
        };
        f.finish()?;
        let group = store.update_group(id, patch).map_err(ApiError::from_write)?;
        Ok(Some(item(present_all(store, ctx, &[group])?.remove(0))))
    })
    .await
}

async fn delete(id: i64, ctx: Ctx) -> Response {
    ctx.write(move |store, _| {
        store.delete_group(id).map_err(ApiError::from_write)?;
        Ok(None)
    })
    .await
}

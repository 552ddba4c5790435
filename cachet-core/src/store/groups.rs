//! Component groups.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::components::sorted;
use super::rows::{Db, enum_value, naive, utc};
use super::{Resource, Store, validate};
use crate::db::schema::{component_groups as groups, components};
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{ComponentGroup, GroupCollapsed, GroupPatch, GroupQuery, GroupSort, NewGroup, Page};

#[derive(Queryable, Selectable)]
#[diesel(table_name = groups)]
struct GroupRow {
    id: i64,
    name: String,
    position: i32,
    collapsed: i16,
    visible: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl GroupRow {
    fn into_group(self) -> Result<ComponentGroup> {
        Ok(ComponentGroup {
            id: self.id,
            name: self.name,
            order: self.position,
            collapsed: enum_value(self.collapsed, GroupCollapsed::from_value)?,
            visible: self.visible,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }
}

pub(super) fn load(c: &mut AnyConnection, id: i64) -> Result<ComponentGroup> {
    groups::table
        .find(id)
        .select(GroupRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("component group", id))?
        .into_group()
}

fn filtered(q: &GroupQuery) -> groups::BoxedQuery<'_, Db> {
    let mut query = groups::table.into_boxed();
    if let Some(id) = q.id {
        query = query.filter(groups::id.eq(id));
    }
    if let Some(name) = &q.name {
        query = query.filter(groups::name.eq(name));
    }
    if let Some(order) = q.order {
        query = query.filter(groups::position.eq(order));
    }
    if let Some(collapsed) = q.collapsed {
        query = query.filter(groups::collapsed.eq(collapsed.value()));
    }
    if let Some(visible) = q.visible {
        query = query.filter(groups::visible.eq(visible));
    }
    if !q.viewer.sees_private() {
        query = query.filter(groups::visible.eq(true));
    }
    query
}

impl Store {
    /// Creates a group.
    pub fn create_group(&self, input: NewGroup) -> Result<ComponentGroup> {
        let name = validate::name("name", &input.name)?;
        let now = naive(self.now());
        self.write(Resource::Group, |c| {
            diesel::insert_into(groups::table)
                .values((
                    groups::name.eq(&name),
                    groups::position.eq(input.order),
                    groups::collapsed.eq(input.collapsed.value()),
                    groups::visible.eq(input.visible),
                    groups::created_at.eq(now),
                    groups::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            load(c, id)
        })
    }

    /// One group by id, whatever its visibility.
    pub fn group(&self, id: i64) -> Result<ComponentGroup> {
        self.read(|c| load(c, id))
    }

    /// One group by id, or else by exact name.
    pub fn find_group(&self, id_or_name: &str) -> Result<ComponentGroup> {
        let id_or_name = id_or_name.trim();
        if let Ok(id) = id_or_name.parse::<i64>() {
            return self.group(id);
        }
        self.read(|c| {
            groups::table
                .filter(groups::name.eq(id_or_name))
                .order(groups::id)
                .select(GroupRow::as_select())
                .first(c)
                .optional()?
                .ok_or_else(|| Error::not_found("component group", format!("{id_or_name:?}")))?
                .into_group()
        })
    }

    /// A page of groups matching the query, by order then id unless sorted otherwise.
    pub fn list_groups(&self, q: &GroupQuery) -> Result<Page<ComponentGroup>> {
        self.read(|c| {
            let total: i64 = filtered(q).count().get_result(c)?;
            let query = filtered(q).select(GroupRow::as_select());
            let query = match q.sort {
                None => query.order_by(groups::position.asc()),
                Some((key, order)) => match key {
                    GroupSort::Id => sorted!(query, groups::id, order),
                    GroupSort::Name => sorted!(query, groups::name, order),
                    GroupSort::Order => sorted!(query, groups::position, order),
                    GroupSort::Collapsed => sorted!(query, groups::collapsed, order),
                    GroupSort::Visible => sorted!(query, groups::visible, order),
                },
            }
            .then_order_by(groups::id.asc());
            let rows = query.offset(q.page.offset()).limit(q.page.limit()).load(c)?;
            Ok(Page {
                items: rows.into_iter().map(GroupRow::into_group).collect::<Result<_>>()?,
                total: total as u64,
                page: q.page.page.max(1),
                per_page: q.page.limit() as u32,
            })
        })
    }

    /// Changes the given fields of a group.
    pub fn update_group(&self, id: i64, patch: GroupPatch) -> Result<ComponentGroup> {
        let name = patch.name.as_deref().map(|n| validate::name("name", n)).transpose()?;
        let now = naive(self.now());
        self.write(Resource::Group, |c| {
            load(c, id)?;
            let target = groups::table.find(id);
            if let Some(name) = name {
                diesel::update(target).set(groups::name.eq(name)).execute(c)?;
            }
            if let Some(order) = patch.order {
                diesel::update(target).set(groups::position.eq(order)).execute(c)?;
            }
            if let Some(collapsed) = patch.collapsed {
                diesel::update(target).set(groups::collapsed.eq(collapsed.value())).execute(c)?;
            }
            if let Some(visible) = patch.visible {
                diesel::update(target).set(groups::visible.eq(visible)).execute(c)?;
            }
            diesel::update(target).set(groups::updated_at.eq(now)).execute(c)?;
            load(c, id)
        })
    }

    /// Deletes a group; its members become ungrouped.
    pub fn delete_group(&self, id: i64) -> Result<()> {
        let now = naive(self.now());
        self.write(Resource::Group, |c| {
            load(c, id)?;
            diesel::update(components::table.filter(components::group_id.eq(id)))
                .set((components::group_id.eq(None::<i64>), components::updated_at.eq(now)))
                .execute(c)?;
            diesel::delete(groups::table.find(id)).execute(c)?;
            Ok(())
        })
    }
}

//! Components and component groups on either backend.

use cachet_core::model::{ComponentPatch, ComponentQuery, GroupPatch, GroupQuery, NewComponent, NewGroup, Viewer};
use serde_json::{Map, Value, json as j};

use super::{Backend, all_pages, id_of, json};
use crate::error::{CliError, CliResult, Kind};
use crate::remote::{Client, encode};

/// Looks up `what` (`components` or `components/groups`) by id or exact name on a server.
pub(crate) fn remote_find(
    client: &Client,
    path: &str,
    resource: &str,
    key: &str,
    id_or_name: &str,
) -> CliResult<Value> {
    let not_found = || CliError::new(Kind::NotFound, format!("unknown {resource} \"{id_or_name}\""));
    let wanted = id_or_name.trim();
    if let Ok(id) = wanted.parse::<i64>() {
        match client.get(&format!("{path}/{id}")) {
            Ok(v) if !v.is_null() => return Ok(v),
            Ok(_) => return Err(not_found()),
            Err(e) if e.kind == Kind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let rows = client.get_page(path, &format!("{key}={}&per_page=2", encode(wanted)))?;
    rows.into_iter().find(|r| r[key].as_str() == Some(wanted)).ok_or_else(not_found)
}

impl Backend {
    /// Every component, disabled ones included.
    pub fn components(&self) -> CliResult<Vec<Value>> {
        match self {
            Backend::Embedded(s) => all_pages(|page| {
                s.list_components(&ComponentQuery { page, viewer: Viewer::Authenticated, ..Default::default() })
            }),
            Backend::Remote(c) => c.get_all("/components", "sort=id&order=asc"),
        }
    }

    /// A component by id or name; a name that matches no component exactly may match one
    /// ignoring case (`api` for `API`).
    pub fn component(&self, id_or_name: &str) -> CliResult<Value> {
        match self.component_exact(id_or_name) {
            Err(e) if e.kind == Kind::NotFound => ignoring_case(self.components()?, id_or_name).ok_or(e),
            other => other,
        }
    }

    fn component_exact(&self, id_or_name: &str) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.find_component(id_or_name).map_err(|e| rename(e, "component", id_or_name))?),
            Backend::Remote(c) => remote_find(c, "/components", "component", "name", id_or_name),
        }
    }

    /// The id of a component named by id or name.
    pub fn component_id(&self, id_or_name: &str) -> CliResult<i64> {
        id_of(&self.component(id_or_name)?)
    }

    /// Creates a component.
    pub fn create_component(&self, input: NewComponent) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.create_component(input)?),
            Backend::Remote(c) => {
                let body = j!({
                    "name": input.name, "status": input.status.value(), "description": input.description,
                    "link": input.link, "order": input.order, "group_id": input.group_id.unwrap_or(0),
                    "enabled": input.enabled, "tags": input.tags.join(","),
                });
                c.post("/components", &body)
            }
        }
    }

    /// Changes a component.
    pub fn update_component(&self, id: i64, patch: ComponentPatch) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.update_component(id, patch)?),
            Backend::Remote(c) => {
                let mut body = Map::new();
                put(&mut body, "name", patch.name);
                put(&mut body, "status", patch.status.map(|s| s.value()));
                put(&mut body, "description", patch.description);
                put(&mut body, "link", patch.link);
                put(&mut body, "order", patch.order);
                put(&mut body, "group_id", patch.group_id.map(|g| g.unwrap_or(0)));
                put(&mut body, "enabled", patch.enabled);
                put(&mut body, "tags", patch.tags.map(|t| t.join(",")));
                c.put(&format!("/components/{id}"), &Value::Object(body))
            }
        }
    }

    /// Deletes a component.
    pub fn delete_component(&self, id: i64) -> CliResult<()> {
        match self {
            Backend::Embedded(s) => Ok(s.delete_component(id)?),
            Backend::Remote(c) => c.delete(&format!("/components/{id}")),
        }
    }

    /// Every group, hidden ones included.
    pub fn groups(&self) -> CliResult<Vec<Value>> {
        match self {
            Backend::Embedded(s) => all_pages(|page| {
                s.list_groups(&GroupQuery { page, viewer: Viewer::Authenticated, ..Default::default() })
            }),
            Backend::Remote(c) => c.get_all("/components/groups", ""),
        }
    }

    /// A group by id or name (ignoring case when no name matches exactly).
    pub fn group(&self, id_or_name: &str) -> CliResult<Value> {
        match self.group_exact(id_or_name) {
            Err(e) if e.kind == Kind::NotFound => ignoring_case(self.groups()?, id_or_name).ok_or(e),
            other => other,
        }
    }

    fn group_exact(&self, id_or_name: &str) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.find_group(id_or_name).map_err(|e| rename(e, "group", id_or_name))?),
            Backend::Remote(c) => remote_find(c, "/components/groups", "group", "name", id_or_name),
        }
    }

    /// Creates a group.
    pub fn create_group(&self, input: NewGroup) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.create_group(input)?),
            Backend::Remote(c) => {
                let body = j!({
                    "name": input.name, "order": input.order, "collapsed": input.collapsed.value(),
                    "visible": input.visible,
                });
                c.post("/components/groups", &body)
            }
        }
    }

    /// Changes a group.
    pub fn update_group(&self, id: i64, patch: GroupPatch) -> CliResult<Value> {
        match self {
            Backend::Embedded(s) => json(s.update_group(id, patch)?),
            Backend::Remote(c) => {
                let mut body = Map::new();
                put(&mut body, "name", patch.name);
                put(&mut body, "order", patch.order);
                put(&mut body, "collapsed", patch.collapsed.map(|v| v.value()));
                put(&mut body, "visible", patch.visible);
                c.put(&format!("/components/groups/{id}"), &Value::Object(body))
            }
        }
    }

    /// Deletes a group; its members become ungrouped.
    pub fn delete_group(&self, id: i64) -> CliResult<()> {
        match self {
            Backend::Embedded(s) => Ok(s.delete_group(id)?),
            Backend::Remote(c) => c.delete(&format!("/components/groups/{id}")),
        }
    }
}

/// Sets `key` in a request body when the value is given.
pub(crate) fn put<T: serde::Serialize>(body: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        body.insert(key.to_string(), serde_json::to_value(v).unwrap_or(Value::Null));
    }
}

/// A not-found error naming what the user typed, whatever the store looked up.
pub(crate) fn rename(e: cachet_core::Error, resource: &str, typed: &str) -> CliError {
    match e {
        cachet_core::Error::NotFound { .. } => CliError::new(Kind::NotFound, format!("unknown {resource} \"{typed}\"")),
        other => other.into(),
    }
}

/// The one row whose name equals `name` ignoring case, if exactly one does.
pub(crate) fn ignoring_case(rows: Vec<Value>, name: &str) -> Option<Value> {
    let wanted = name.trim().to_lowercase();
    let mut found =
        rows.into_iter().filter(|r| r["name"].as_str().map(str::to_lowercase).as_deref() == Some(wanted.as_str()));
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

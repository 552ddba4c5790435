//! The OpenAPI 3.1 document of both APIs (Cachet v1, Statuspage v2) and the health probes, served
//! at `GET /api/openapi.json`.
//!
//! The document is built in code from a table of operations, one entry per route of
//! [`super::route_table`], so a test can hold the two against each other: a route served but not
//! documented, or documented but not served, fails `tests/openapi.rs`. It is rendered and
//! compressed once per process and answered with an ETag.

use std::sync::{Arc, LazyLock};

use serde_json::{Map, Value, json};
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::http::StatusCode;
use warp::reply::Response;

use crate::cache::CachedBody;
use crate::respond;

/// The document's own route.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/api/openapi.json")];

/// `GET /api/openapi.json`.
pub fn routes() -> BoxedFilter<(Response,)> {
    warp::path!("api" / "openapi.json")
        .and(crate::respond::get_or_head())
        .and(warp::header::headers_cloned())
        .map(|headers| respond::send(&RENDERED, StatusCode::OK, &headers, "public, max-age=3600"))
        .boxed()
}

static RENDERED: LazyLock<Arc<CachedBody>> = LazyLock::new(|| {
    let bytes = serde_json::to_vec(&document()).unwrap_or_default();
    Arc::new(CachedBody::new("application/json", bytes))
});

/// Who may call an operation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// No token needed (a valid token may show private rows).
    Public,
    /// A valid token is required.
    Token,
    /// Outside the API's auth rules (health probes, Statuspage v2, this document).
    Open,
}

/// What a successful call answers.
#[derive(Clone, Copy)]
enum Answer {
    /// `{"data": <schema>}`, 200.
    Item(&'static str),
    /// A paginated list of the schema, 200.
    List(&'static str),
    /// 204, no body.
    Empty,
    /// A whole body of this schema, 200.
    Body(&'static str),
}

/// A parameter or body field: name, JSON type, description, required.
type Field = (&'static str, &'static str, &'static str, bool);

struct Op {
    method: &'static str,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    access: Access,
    query: &'static [Field],
    body: &'static [Field],
    answer: Answer,
}

const PAGE: &[Field] = &[
    ("page", "count", "Page number, from 1.", false),
    ("per_page", "count", "Items per page (default 20, at most 1000; more is read as 1000).", false),
    ("sort", "string", "A sortable column; anything else is ignored.", false),
    ("order", "string", "`asc` (default) or `desc`.", false),
];

/// Components and groups read `order` both ways: `asc`/`desc` is the direction, a number filters.
const ORDER_FILTER: &str = "`asc` or `desc`: the sort direction; an integer: only this position.";

macro_rules! fields {
    ($($f:expr),* $(,)?) => { &[$($f),*] };
}

const COMPONENT_FILTERS: &[Field] = fields![
    ("id", "integer", "Exact id.", false),
    ("name", "string", "Exact name.", false),
    ("status", "integer", "Status 0-4.", false),
    ("order", "position-or-direction", ORDER_FILTER, false),
    ("group_id", "integer", "Group id; 0 for ungrouped.", false),
    ("enabled", "boolean", "Enabled or not.", false),
    ("tags", "string", "Tag slug(s), comma separated; any match.", false),
];
const COMPONENT_BODY: &[Field] = fields![
    ("name", "string", "Name.", true),
    ("status", "integer", "0 Unknown, 1 Operational, 2 Performance Issues, 3 Partial Outage, 4 Major Outage.", true),
    ("description", "string", "Free text.", false),
    ("link", "string", "An http(s) URL.", false),
    ("order", "integer", "Position among siblings.", false),
    ("group_id", "integer", "Group id; 0 for none.", false),
    ("enabled", "boolean", "Defaults to true.", false),
    ("meta", "object", "Free-form object.", false),
    ("tags", "string", "Comma-separated tag names (or a list).", false),
];
const GROUP_FILTERS: &[Field] = fields![
    ("id", "integer", "Exact id.", false),
    ("name", "string", "Exact name.", false),
    ("order", "position-or-direction", ORDER_FILTER, false),
    ("collapsed", "integer", "0 expanded, 1 collapsed, 2 collapsed unless issues.", false),
    ("visible", "boolean", "Visible to guests or not.", false),
];
const GROUP_BODY: &[Field] = fields![
    ("name", "string", "Name.", true),
    ("order", "integer", "Position.", false),
    ("collapsed", "integer", "0 expanded (default), 1 collapsed, 2 collapsed unless issues.", false),
    ("visible", "boolean", "Visible to guests (default false).", false),
];
const INCIDENT_FILTERS: &[Field] = fields![
    ("id", "integer", "Exact id.", false),
    ("user_id", "integer", "Author.", false),
    ("component_id", "integer", "Affected component.", false),
    ("name", "string", "Exact name.", false),
    ("status", "integer", "Status 0-4.", false),
    ("visible", "boolean", "Visible to guests or not.", false),
    ("stickied", "boolean", "Pinned or not.", false),
];
const INCIDENT_BODY: &[Field] = fields![
    ("name", "string", "Title.", true),
    ("status", "integer", "0 Scheduled, 1 Investigating, 2 Identified, 3 Watching, 4 Fixed.", true),
    ("message", "string", "Markdown; may be empty when `template` renders one.", true),
    ("visible", "boolean", "Defaults to true.", false),
    ("stickied", "boolean", "Defaults to false.", false),
    ("notify", "boolean", "Defaults to true.", false),
    ("occurred_at", "string", "`Y-m-d H:i[:s]` in the request's time zone, or ISO 8601.", false),
    ("component_id", "integer", "A single affected component (with `component_status`).", false),
    ("component_status", "integer", "Its status 0-4 (with `component_id`).", false),
    ("components", "array", "Affected components: `[{\"id\", \"status\"}]`.", false),
    ("template", "string", "Slug of a template rendering the message.", false),
    ("vars", "object", "Values the template may substitute.", false),
    ("meta", "object", "Free-form object.", false),
];
const UPDATE_BODY: &[Field] = fields![
    ("status", "integer", "1 Investigating, 2 Identified, 3 Watching, 4 Fixed.", true),
    ("message", "string", "Markdown.", true),
];
const METRIC_BODY: &[Field] = fields![
    ("name", "string", "Name.", true),
    ("suffix", "string", "Unit.", true),
    ("default_value", "number", "Value of empty buckets.", true),
    ("description", "string", "Free text.", false),
    ("calc_type", "integer", "0 sum (default), 1 average.", false),
    ("display_chart", "boolean", "Defaults to true.", false),
    ("places", "integer", "Decimal places 0-4 (default 2).", false),
    ("default_view", "integer", "0 last hour, 1 last 12 hours (default), 2 week, 3 month; alias `view`.", false),
    ("threshold", "integer", "Minutes per point de-duplication window (default 5, divides 60).", false),
    ("order", "integer", "Position.", false),
    ("visible", "integer", "0 authenticated, 1 public (default), 2 hidden.", false),
];
const POINT_BODY: &[Field] = fields![
    ("value", "number", "The value.", true),
    ("timestamp", "integer", "Unix seconds (default now); rounded to 30 s.", false),
];
const SCHEDULE_FILTERS: &[Field] = fields![
    ("id", "integer", "Exact id.", false),
    ("name", "string", "Exact name.", false),
    ("status", "integer", "Status 0-2.", false),
];
const SCHEDULE_BODY: &[Field] = fields![
    ("name", "string", "Title.", true),
    ("status", "integer", "0 Upcoming, 1 In Progress, 2 Complete.", true),
    ("scheduled_at", "string", "Start: `Y-m-d H:i[:s]` in the request's time zone, or ISO 8601.", true),
    ("message", "string", "Markdown.", false),
    ("completed_at", "string", "Planned or actual end.", false),
    ("components", "array", "Covered component ids.", false),
    ("notify", "boolean", "Defaults to false.", false),
];
const SUBSCRIBER_BODY: &[Field] = fields![
    ("email", "string", "Address; an existing one is answered unchanged.", true),
    ("verify", "boolean", "Mark verified at once (default `skip_subscriber_verification`).", false),
    ("components", "array", "Component ids to follow (default all).", false),
];
const UPTIME_QUERY: &[Field] = fields![
    ("from", "string", "First day, `YYYY-MM-DD` (default 89 days before `to`).", false),
    ("to", "string", "Last day, `YYYY-MM-DD` (default today).", false),
];

fn op(
    method: &'static str,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    access: Access,
    answer: Answer,
) -> Op {
    Op { method, path, tag, summary, access, query: &[], body: &[], answer }
}

impl Op {
    fn query(mut self, query: &'static [Field]) -> Op {
        self.query = query;
        self
    }

    fn body(mut self, body: &'static [Field]) -> Op {
        self.body = body;
        self
    }
}

/// Every documented operation.
fn operations() -> Vec<Op> {
    use Access::*;
    use Answer::*;
    vec![
        op("GET", "/healthz", "Health", "The process answers", Open, Body("Health")),
        op("GET", "/readyz", "Health", "The database answers too (503 when not)", Open, Body("Health")),
        op("GET", "/api/openapi.json", "Meta", "This document", Open, Body("OpenApiDocument")),
        op("GET", "/api/v1/ping", "General", "Pong", Public, Body("Ping")),
        op("GET", "/api/v1/version", "General", "The Cachet version clients switch on", Public, Body("Version")),
        op("GET", "/api/v1/status", "General", "Banner and effective component statuses", Public, Body("SystemStatus")),
        op("GET", "/api/v1/components", "Components", "List components", Public, List("Component"))
            .query(COMPONENT_FILTERS),
        op("POST", "/api/v1/components", "Components", "Create a component", Token, Item("Component"))
            .body(COMPONENT_BODY),
        op("GET", "/api/v1/components/{id}", "Components", "Show a component", Public, Item("Component")),
        op("PUT", "/api/v1/components/{id}", "Components", "Update a component", Token, Item("Component"))
            .body(COMPONENT_BODY),
        op("DELETE", "/api/v1/components/{id}", "Components", "Delete a component", Token, Empty),
        op(
            "GET",
            "/api/v1/components/{id}/uptime",
            "Components",
            "Daily uptime from the status history",
            Public,
            Body("Uptime"),
        )
        .query(UPTIME_QUERY),
        op("GET", "/api/v1/components/groups", "Component groups", "List groups", Public, List("ComponentGroup"))
            .query(GROUP_FILTERS),
        op("POST", "/api/v1/components/groups", "Component groups", "Create a group", Token, Item("ComponentGroup"))
            .body(GROUP_BODY),
        op("GET", "/api/v1/components/groups/{id}", "Component groups", "Show a group", Public, Item("ComponentGroup")),
        op(
            "PUT",
            "/api/v1/components/groups/{id}",
            "Component groups",
            "Update a group",
            Token,
            Item("ComponentGroup"),
        )
        .body(GROUP_BODY),
        op(
            "DELETE",
            "/api/v1/components/groups/{id}",
            "Component groups",
            "Delete a group (members are ungrouped)",
            Token,
            Empty,
        ),
        op("GET", "/api/v1/incidents", "Incidents", "List incidents", Public, List("Incident")).query(INCIDENT_FILTERS),
        op("POST", "/api/v1/incidents", "Incidents", "Create an incident", Token, Item("Incident")).body(INCIDENT_BODY),
        op("GET", "/api/v1/incidents/{id}", "Incidents", "Show an incident", Public, Item("Incident")),
        op("PUT", "/api/v1/incidents/{id}", "Incidents", "Update an incident", Token, Item("Incident"))
            .body(INCIDENT_BODY),
        op("DELETE", "/api/v1/incidents/{id}", "Incidents", "Delete an incident", Token, Empty),
        op(
            "GET",
            "/api/v1/incidents/templates",
            "Incident templates",
            "List templates",
            Public,
            List("IncidentTemplate"),
        ),
        op(
            "GET",
            "/api/v1/incidents/templates/{id}",
            "Incident templates",
            "Show a template",
            Public,
            Item("IncidentTemplate"),
        ),
        op(
            "GET",
            "/api/v1/incidents/{id}/updates",
            "Incident updates",
            "List an incident's updates, newest first",
            Public,
            List("IncidentUpdate"),
        ),
        op(
            "POST",
            "/api/v1/incidents/{id}/updates",
            "Incident updates",
            "Add an update (sets the incident's status)",
            Token,
            Item("IncidentUpdate"),
        )
        .body(UPDATE_BODY),
        op(
            "GET",
            "/api/v1/incidents/{id}/updates/{update_id}",
            "Incident updates",
            "Show an update",
            Public,
            Item("IncidentUpdate"),
        ),
        op(
            "PUT",
            "/api/v1/incidents/{id}/updates/{update_id}",
            "Incident updates",
            "Change an update",
            Token,
            Item("IncidentUpdate"),
        )
        .body(UPDATE_BODY),
        op(
            "DELETE",
            "/api/v1/incidents/{id}/updates/{update_id}",
            "Incident updates",
            "Delete an update",
            Token,
            Empty,
        ),
        op("GET", "/api/v1/metrics", "Metrics", "List metrics", Public, List("Metric")),
        op("POST", "/api/v1/metrics", "Metrics", "Create a metric", Token, Item("Metric")).body(METRIC_BODY),
        op("GET", "/api/v1/metrics/{id}", "Metrics", "Show a metric", Public, Item("Metric")),
        op("PUT", "/api/v1/metrics/{id}", "Metrics", "Update a metric", Token, Item("Metric")).body(METRIC_BODY),
        op("DELETE", "/api/v1/metrics/{id}", "Metrics", "Delete a metric and its points", Token, Empty),
        op(
            "GET",
            "/api/v1/metrics/{id}/points",
            "Metric points",
            "List points, newest first",
            Public,
            List("MetricPoint"),
        ),
        op(
            "POST",
            "/api/v1/metrics/{id}/points",
            "Metric points",
            "Add a point (a repeat within the threshold increments the counter)",
            Token,
            Item("MetricPoint"),
        )
        .body(POINT_BODY),
        op(
            "PUT",
            "/api/v1/metrics/{id}/points/{point_id}",
            "Metric points",
            "Change a point",
            Token,
            Item("MetricPoint"),
        )
        .body(POINT_BODY),
        op("DELETE", "/api/v1/metrics/{id}/points/{point_id}", "Metric points", "Delete a point", Token, Empty),
        op("GET", "/api/v1/schedules", "Schedules", "List maintenance windows", Public, List("Schedule"))
            .query(SCHEDULE_FILTERS),
        op("POST", "/api/v1/schedules", "Schedules", "Create a maintenance window", Token, Item("Schedule"))
            .body(SCHEDULE_BODY),
        op("GET", "/api/v1/schedules/{id}", "Schedules", "Show a maintenance window", Public, Item("Schedule")),
        op("PUT", "/api/v1/schedules/{id}", "Schedules", "Update a maintenance window", Token, Item("Schedule"))
            .body(SCHEDULE_BODY),
        op("DELETE", "/api/v1/schedules/{id}", "Schedules", "Delete a maintenance window", Token, Empty),
        op("GET", "/api/v1/subscribers", "Subscribers", "List subscribers", Token, List("Subscriber")),
        op(
            "POST",
            "/api/v1/subscribers",
            "Subscribers",
            "Subscribe an address (idempotent by email)",
            Token,
            Item("Subscriber"),
        )
        .body(SUBSCRIBER_BODY),
        op("DELETE", "/api/v1/subscribers/{id}", "Subscribers", "Delete a subscriber", Token, Empty),
        op("DELETE", "/api/v1/subscriptions/{id}", "Subscribers", "Delete one subscription", Token, Empty),
        op(
            "GET",
            "/api/v2/summary.json",
            "Statuspage v2",
            "Page, status, components, unresolved incidents, upcoming and in-progress maintenance",
            Open,
            Body("SpSummary"),
        ),
        op("GET", "/api/v2/status.json", "Statuspage v2", "Page and status rollup", Open, Body("SpStatusBody")),
        op("GET", "/api/v2/components.json", "Statuspage v2", "Page and components", Open, Body("SpComponents")),
        op("GET", "/api/v2/incidents.json", "Statuspage v2", "The 50 most recent incidents", Open, Body("SpIncidents")),
        op(
            "GET",
            "/api/v2/incidents/unresolved.json",
            "Statuspage v2",
            "Unresolved incidents",
            Open,
            Body("SpIncidents"),
        ),
        op(
            "GET",
            "/api/v2/scheduled-maintenances.json",
            "Statuspage v2",
            "The 50 most recent maintenance windows",
            Open,
            Body("SpMaintenances"),
        ),
        op(
            "GET",
            "/api/v2/scheduled-maintenances/upcoming.json",
            "Statuspage v2",
            "Windows not yet started",
            Open,
            Body("SpMaintenances"),
        ),
        op(
            "GET",
            "/api/v2/scheduled-maintenances/active.json",
            "Statuspage v2",
            "Windows in progress",
            Open,
            Body("SpMaintenances"),
        ),
    ]
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn response_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/responses/{name}")})
}

fn field_schema(ty: &str, description: &str) -> Value {
    match ty {
        "array" => json!({"type": "array", "description": description}),
        "object" => json!({"type": "object", "description": description}),
        // Smaller numbers are a 400.
        "count" => json!({"type": "integer", "minimum": 1, "description": description}),
        "position-or-direction" => json!({"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["asc", "desc"]}]}),
        other => json!({"type": other, "description": description}),
    }
}

fn operation(op: &Op) -> Value {
    let mut parameters: Vec<Value> = op
        .path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "integer"}}))
        .collect();
    let list = matches!(op.answer, Answer::List(_));
    let shared = PAGE.iter().filter(|p| list && !op.query.iter().any(|q| q.0 == p.0));
    let query: Vec<&Field> = shared.chain(op.query.iter()).collect();
    parameters.extend(query.into_iter().map(|(name, ty, description, required)| {
        json!({"name": name, "in": "query", "required": required, "description": description,
               "schema": field_schema(ty, "")})
    }));
    if op.path.starts_with("/api/v1/") {
        parameters.push(json!({
            "name": "Time-Zone", "in": "header", "required": false,
            "description": "Time zone for dates in and out (default `app_timezone`); an unknown name is a 400.",
            "schema": reference("TimeZone"),
        }));
    }
    let success = match op.answer {
        Answer::Item(schema) => (
            "200",
            json!({"description": "OK", "content": {"application/json": {"schema": {
                "type": "object", "required": ["data"], "properties": {"data": reference(schema)}}}}}),
        ),
        Answer::List(schema) => (
            "200",
            json!({"description": "OK", "content": {"application/json": {"schema": {
                "type": "object", "required": ["meta", "data"],
                "properties": {"meta": reference("ListMeta"), "data": {"type": "array", "items": reference(schema)}}}}}}),
        ),
        Answer::Body(schema) => {
            ("200", json!({"description": "OK", "content": {"application/json": {"schema": reference(schema)}}}))
        }
        Answer::Empty => ("204", json!({"description": "Deleted"})),
    };
    let mut responses = Map::new();
    responses.insert(success.0.into(), success.1);
    if op.method == "GET" && op.access != Access::Token {
        responses.insert("304".into(), json!({"description": "Not modified (`If-None-Match` matched the ETag)"}));
    }
    if op.path.starts_with("/api/v") {
        // Every API v1 operation reads the Time-Zone header, and answers 400 to an unknown zone.
        if op.access == Access::Token || !op.query.is_empty() || list || op.path.starts_with("/api/v1/") {
            responses.insert("400".into(), response_ref("BadRequest"));
        }
        if op.access == Access::Token {
            responses.insert("401".into(), response_ref("Unauthorized"));
        }
        if op.path.contains('{') {
            responses.insert("404".into(), response_ref("NotFound"));
        }
        responses.insert("406".into(), response_ref("NotAcceptable"));
        if !op.body.is_empty() {
            responses.insert("413".into(), response_ref("PayloadTooLarge"));
        }
    }
    if op.path == "/readyz" {
        responses.insert(
            "503".into(),
            json!({"description": "The database is unreachable", "content": {"application/json": {
                "schema": reference("Health")}}}),
        );
    }
    let mut out = json!({
        "tags": [op.tag],
        "summary": op.summary,
        "operationId": operation_id(op),
        "responses": responses,
    });
    if !parameters.is_empty() {
        out["parameters"] = Value::Array(parameters);
    }
    match op.access {
        Access::Token => out["security"] = json!([{"cachetToken": []}, {"bearer": []}]),
        Access::Public => out["security"] = json!([{}, {"cachetToken": []}, {"bearer": []}]),
        Access::Open => out["security"] = json!([]),
    }
    if !op.body.is_empty() {
        let properties: Map<String, Value> = op
            .body
            .iter()
            .map(|(name, ty, description, _)| (name.to_string(), field_schema(ty, description)))
            .collect();
        let required: Vec<&str> =
            if op.method == "POST" { op.body.iter().filter(|f| f.3).map(|f| f.0).collect() } else { Vec::new() };
        let schema = json!({"type": "object", "properties": properties, "required": required});
        out["requestBody"] = json!({
            "required": op.method == "POST",
            "description": "Fields may also come as query parameters or a form-encoded body.",
            "content": {
                "application/json": {"schema": schema},
                "application/x-www-form-urlencoded": {"schema": schema},
            },
        });
    }
    out
}

fn operation_id(op: &Op) -> String {
    let mut id = op.method.to_ascii_lowercase();
    for segment in op.path.split('/').filter(|s| !s.is_empty() && *s != "api") {
        let clean: String = segment
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect::<String>()
            .trim_matches('_')
            .to_string();
        id.push('_');
        id.push_str(&clean);
    }
    id
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for op in operations() {
        let entry = paths.entry(op.path.to_string()).or_insert_with(|| json!({}));
        entry[op.method.to_ascii_lowercase()] = operation(&op);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Cachet",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Cachet's REST API v1 (as Cachet 2.4 serves it, with additions as new fields and \
    routes), the Statuspage-compatible public API v2, and the health probes. Errors of the JSON APIs share one \
    shape (`Error`).",
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "General"}, {"name": "Components"}, {"name": "Component groups"}, {"name": "Incidents"},
            {"name": "Incident templates"}, {"name": "Incident updates"}, {"name": "Metrics"},
            {"name": "Metric points"}, {"name": "Schedules"}, {"name": "Subscribers"},
            {"name": "Statuspage v2", "description": "Atlassian Statuspage's public JSON format."},
            {"name": "Health"}, {"name": "Meta"},
        ],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "cachetToken": {"type": "apiKey", "in": "header", "name": "X-Cachet-Token"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
            "responses": {
                "BadRequest": error_response("Invalid input; `meta.details` names each bad field"),
                "Unauthorized": error_response("A valid token is required"),
                "NotFound": error_response("No such route or row"),
                "NotAcceptable": error_response("`Accept` excludes JSON"),
                "PayloadTooLarge": error_response("The body is over the limit (default 1 MiB)"),
            },
            "schemas": with_time_zone(schemas()),
        },
    })
}

/// Adds the `TimeZone` schema: the IANA names the `Time-Zone` header accepts.
fn with_time_zone(mut schemas: Value) -> Value {
    let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    schemas["TimeZone"] = json!({"type": "string", "description": "An IANA time zone name.", "enum": names});
    schemas
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": reference("Error")}}})
}

fn object(required: &[&str], properties: Value) -> Value {
    json!({"type": "object", "required": required, "properties": properties})
}

fn nullable(ty: &str) -> Value {
    json!({"type": [ty, "null"]})
}

fn schemas() -> Value {
    let int = json!({"type": "integer"});
    let string = json!({"type": "string"});
    let boolean = json!({"type": "boolean"});
    let date = json!({"type": "string", "description": "`YYYY-MM-DD HH:MM:SS` in the request's time zone"});
    let iso = json!({"type": "string", "format": "date-time"});
    let sp_component_status = json!({"type": "string", "enum":
        ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]});
    let array = |items: Value| json!({"type": "array", "items": items});
    let update_row = object(
        &["id", "incident_id", "status", "message", "user_id", "created_at", "updated_at"],
        json!({"id": int, "incident_id": int, "status": int, "message": string, "user_id": nullable("integer"),
               "created_at": date, "updated_at": date}),
    );
    let component_row = object(
        &["id", "name", "status", "group_id", "enabled"],
        json!({"id": int, "name": string, "description": string, "link": nullable("string"), "status": int,
               "order": int, "group_id": int, "enabled": boolean, "meta": nullable("object"),
               "created_at": date, "updated_at": date, "deleted_at": {"type": "null"}}),
    );
    let sp_update = object(
        &[
            "id",
            "incident_id",
            "status",
            "body",
            "created_at",
            "updated_at",
            "display_at",
            "affected_components",
            "deliver_notifications",
            "custom_tweet",
            "tweet_id",
        ],
        json!({"id": string, "incident_id": string, "status": string, "body": string, "created_at": iso,
               "updated_at": iso, "display_at": iso,
               "affected_components": {"type": ["array", "null"], "items": object(
                   &["code", "name", "old_status", "new_status"],
                   json!({"code": string, "name": string, "old_status": string, "new_status": string}))},
               "deliver_notifications": boolean, "custom_tweet": nullable("string"),
               "tweet_id": nullable("string")}),
    );
    let incident_fields = json!({
        "id": string, "name": string,
        "status": {"type": "string", "enum": ["investigating", "identified", "monitoring", "resolved", "postmortem"]},
        "impact": {"type": "string", "enum": ["none", "minor", "major", "critical", "maintenance"]},
        "created_at": iso, "updated_at": iso, "started_at": iso,
        "monitoring_at": {"type": ["string", "null"], "format": "date-time"},
        "resolved_at": {"type": ["string", "null"], "format": "date-time"},
        "shortlink": string, "page_id": string,
        "incident_updates": array(reference("SpIncidentUpdate")),
        "components": array(reference("SpComponent")),
    });
    let incident_required = [
        "id",
        "name",
        "status",
        "impact",
        "created_at",
        "updated_at",
        "started_at",
        "monitoring_at",
        "resolved_at",
        "shortlink",
        "page_id",
        "incident_updates",
        "components",
    ];
    let mut maintenance_fields = incident_fields.clone();
    maintenance_fields["status"] =
        json!({"type": "string", "enum": ["scheduled", "in_progress", "verifying", "completed"]});
    maintenance_fields["scheduled_for"] = iso.clone();
    maintenance_fields["scheduled_until"] = json!({"type": ["string", "null"], "format": "date-time"});
    let mut maintenance_required = incident_required.to_vec();
    maintenance_required.extend(["scheduled_for", "scheduled_until"]);
    json!({
        "Error": object(&["errors"], json!({
            "errors": array(object(&["id", "status", "title", "detail"], json!({
                "id": string, "status": int, "title": string, "detail": string,
                "meta": {"type": "object", "properties": {"details": array(string.clone())}},
            }))),
            "meta": {"type": "object", "properties": {"details": array(string.clone())}},
        })),
        "ListMeta": object(&["pagination"], json!({"pagination": object(
            &["total", "count", "per_page", "current_page", "total_pages", "links"],
            json!({"total": int, "count": int, "per_page": int, "current_page": int, "total_pages": int,
                   "links": object(&["next_page", "previous_page"], json!({
                       "next_page": nullable("string"), "previous_page": nullable("string")}))}))})),
        "Health": object(&["status"], json!({"status": string, "database": string})),
        "OpenApiDocument": {"type": "object", "description": "This document."},
        "Ping": object(&["data"], json!({"data": {"const": "Pong!"}})),
        "Version": object(&["meta", "data"], json!({
            "data": string,
            "meta": object(&["on_latest", "latest"], json!({"on_latest": boolean, "latest": object(
                &["tag_name", "prelease", "draft"], json!({"tag_name": string, "prelease": boolean, "draft": boolean}))})),
        })),
        "SystemStatus": object(&["data"], json!({"data": object(&["status", "message"], json!({
            "status": {"type": "string", "enum": ["success", "info", "danger"]},
            "message": string,
            "under_maintenance": boolean,
            "components": array(object(&["id", "status", "effective_status"], json!({
                "id": int, "name": string, "status": int, "status_name": string,
                "effective_status": {"type": "string", "enum": ["unknown", "operational", "performance_issues",
                    "partial_outage", "major_outage", "under_maintenance"]},
                "effective_status_name": string}))),
        }))})),
        "Component": object(
            &["id", "name", "description", "link", "status", "order", "group_id", "created_at", "updated_at",
              "deleted_at", "enabled", "meta", "status_name", "tags"],
            json!({"id": int, "name": string, "description": string, "link": nullable("string"),
                   "status": {"type": "integer", "enum": [0, 1, 2, 3, 4]}, "order": int, "group_id": int,
                   "created_at": date, "updated_at": date, "deleted_at": {"type": "null"}, "enabled": boolean,
                   "meta": nullable("object"), "status_name": string,
                   "tags": {"type": "object", "additionalProperties": string,
                            "description": "`{slug: name}`; `{}` when empty"}}),
        ),
        "ComponentRow": component_row,
        "ComponentGroup": object(
            &["id", "name", "order", "collapsed", "visible", "created_at", "updated_at", "enabled_components",
              "enabled_components_lowest", "lowest_human_status"],
            json!({"id": int, "name": string, "order": int, "collapsed": {"type": "integer", "enum": [0, 1, 2]},
                   "visible": {"type": "integer", "enum": [0, 1]}, "created_at": date, "updated_at": date,
                   "enabled_components": array(reference("ComponentRow")),
                   "enabled_components_lowest": array(reference("ComponentRow")),
                   "lowest_human_status": nullable("string")}),
        ),
        "Uptime": object(&["meta", "data"], json!({
            "meta": object(&["component_id", "from", "to", "time_zone", "uptime"], json!({
                "component_id": int, "from": string, "to": string, "time_zone": string,
                "uptime": nullable("number")})),
            "data": array(object(&["date", "uptime", "worst_status", "seconds"], json!({
                "date": string, "uptime": nullable("number"), "worst_status": nullable("integer"),
                "seconds": {"type": "object", "additionalProperties": {"type": "integer"}}}))),
        })),
        "Incident": object(
            &["id", "user_id", "component_id", "name", "status", "visible", "stickied", "notifications", "message",
              "occurred_at", "created_at", "updated_at", "deleted_at", "is_resolved", "meta", "updates",
              "human_status", "latest_update_id", "latest_status", "latest_human_status", "latest_icon",
              "permalink", "duration"],
            json!({"id": int, "user_id": nullable("integer"), "component_id": int, "name": string,
                   "status": {"type": "integer", "enum": [0, 1, 2, 3, 4]}, "visible": int, "stickied": boolean,
                   "notifications": boolean, "message": string, "occurred_at": date, "created_at": date,
                   "updated_at": date, "deleted_at": {"type": "null"}, "is_resolved": boolean,
                   "meta": {"type": ["object", "array"]}, "updates": array(update_row),
                   "human_status": string, "latest_update_id": nullable("integer"),
                   "latest_status": nullable("integer"), "latest_human_status": nullable("string"),
                   "latest_icon": nullable("string"), "permalink": string, "duration": int,
                   "components": array(object(&["id", "status"], json!({"id": int, "status": int})))}),
        ),
        "IncidentUpdate": object(
            &["id", "incident_id", "status", "message", "user_id", "created_at", "updated_at", "human_status",
              "permalink"],
            json!({"id": int, "incident_id": int, "status": {"type": "integer", "enum": [1, 2, 3, 4]},
                   "message": string, "user_id": nullable("integer"), "created_at": date, "updated_at": date,
                   "human_status": string, "permalink": string}),
        ),
        "IncidentTemplate": object(
            &["id", "name", "slug", "template", "created_at", "updated_at", "deleted_at"],
            json!({"id": int, "name": string, "slug": string, "template": string, "created_at": date,
                   "updated_at": date, "deleted_at": {"type": "null"}}),
        ),
        "Metric": object(
            &["id", "name", "suffix", "description", "default_value", "calc_type", "display_chart", "places",
              "default_view", "threshold", "order", "visible", "created_at", "updated_at", "default_view_name"],
            json!({"id": int, "name": string, "suffix": string, "description": string, "default_value": {"type": "number"},
                   "calc_type": {"type": "integer", "enum": [0, 1]}, "display_chart": boolean, "places": int,
                   "default_view": {"type": "integer", "enum": [0, 1, 2, 3]}, "threshold": int, "order": int,
                   "visible": {"type": "integer", "enum": [0, 1, 2]}, "created_at": date, "updated_at": date,
                   "default_view_name": string}),
        ),
        "MetricPoint": object(
            &["id", "metric_id", "value", "counter", "created_at", "updated_at", "calculated_value"],
            json!({"id": int, "metric_id": int, "value": {"type": "number"}, "counter": int, "created_at": date,
                   "updated_at": date, "calculated_value": {"type": "number"}}),
        ),
        "Schedule": object(
            &["id", "name", "message", "status", "scheduled_at", "completed_at", "created_at", "updated_at",
              "deleted_at", "components", "human_status"],
            json!({"id": int, "name": string, "message": string, "status": {"type": "integer", "enum": [0, 1, 2]},
                   "scheduled_at": date, "completed_at": nullable("string"), "created_at": date,
                   "updated_at": date, "deleted_at": {"type": "null"}, "components": array(json!({})),
                   "human_status": string}),
        ),
        "Subscriber": object(
            &["id", "email", "verify_code", "phone_number", "slack_webhook_url", "verified_at", "global",
              "created_at", "updated_at", "subscriptions"],
            json!({"id": int, "email": string, "verify_code": string, "phone_number": nullable("string"),
                   "slack_webhook_url": nullable("string"), "verified_at": nullable("string"), "global": boolean,
                   "created_at": date, "updated_at": date,
                   "subscriptions": array(object(&["id", "subscriber_id", "component_id"], json!({
                       "id": int, "subscriber_id": int, "component_id": int, "created_at": date,
                       "updated_at": date})))}),
        ),
        "SpPage": object(&["id", "name", "url", "time_zone", "updated_at"], json!({
            "id": string, "name": string, "url": string, "time_zone": string, "updated_at": iso})),
        "SpStatus": object(&["indicator", "description"], json!({
            "indicator": {"type": "string", "enum": ["none", "minor", "major", "critical", "maintenance"]},
            "description": {"type": "string", "enum": ["All Systems Operational", "Partially Degraded Service",
                "Degraded System Service", "Minor Service Outage", "Partial System Outage", "Major System Outage",
                "Service Under Maintenance"]}})),
        "SpComponent": object(
            &["id", "name", "status", "created_at", "updated_at", "position", "description", "showcase",
              "start_date", "group_id", "page_id", "group", "only_show_if_degraded"],
            json!({"id": string, "name": string, "status": sp_component_status, "created_at": iso,
                   "updated_at": iso, "position": int, "description": nullable("string"), "showcase": boolean,
                   "start_date": nullable("string"), "group_id": nullable("string"), "page_id": string,
                   "group": boolean, "only_show_if_degraded": boolean,
                   "components": {"type": "array", "items": string,
                                  "description": "Member ids; present only when `group` is true"}}),
        ),
        "SpIncidentUpdate": sp_update,
        "SpIncident": {"type": "object", "required": incident_required, "properties": incident_fields},
        "SpMaintenance": {"type": "object", "required": maintenance_required, "properties": maintenance_fields},
        "SpSummary": object(&["page", "components", "incidents", "scheduled_maintenances", "status"], json!({
            "page": reference("SpPage"), "components": array(reference("SpComponent")),
            "incidents": array(reference("SpIncident")),
            "scheduled_maintenances": array(reference("SpMaintenance")), "status": reference("SpStatus")})),
        "SpStatusBody": object(&["page", "status"], json!({"page": reference("SpPage"), "status": reference("SpStatus")})),
        "SpComponents": object(&["page", "components"], json!({
            "page": reference("SpPage"), "components": array(reference("SpComponent"))})),
        "SpIncidents": object(&["page", "incidents"], json!({
            "page": reference("SpPage"), "incidents": array(reference("SpIncident"))})),
        "SpMaintenances": object(&["page", "scheduled_maintenances"], json!({
            "page": reference("SpPage"), "scheduled_maintenances": array(reference("SpMaintenance"))})),
    })
}

#[cfg(test)]
mod document_tests {
    use super::*;

    #[test]
    fn every_documented_time_zone_is_accepted_by_the_header_parser() {
        let doc = document();
        let names = doc["components"]["schemas"]["TimeZone"]["enum"].as_array().unwrap();
        assert!(names.len() > 300);
        for name in names {
            assert!(name.as_str().unwrap().parse::<chrono_tz::Tz>().is_ok(), "{name}");
        }
    }

    #[test]
    fn page_numbers_are_documented_from_1() {
        let doc = document();
        let list = &doc["paths"]["/api/v1/components"]["get"]["parameters"];
        for name in ["page", "per_page"] {
            let p = list.as_array().unwrap().iter().find(|p| p["name"] == name).unwrap();
            assert_eq!(p["schema"]["minimum"], 1, "{name}");
        }
    }

    #[test]
    fn every_api_v1_operation_documents_the_400_of_an_unknown_time_zone() {
        let doc = document();
        for (path, item) in doc["paths"].as_object().unwrap().iter().filter(|(p, _)| p.starts_with("/api/v1/")) {
            for (method, op) in item.as_object().unwrap() {
                assert!(op["responses"]["400"].is_object(), "{method} {path}");
            }
        }
    }
}

//! List envelopes and the query parameters every listing shares (`page`, `per_page`, `sort`,
//! `order`).

use cachet_core::model::{DEFAULT_PER_PAGE, MAX_PER_PAGE, Page, PageRequest, SortOrder};
use serde_json::{Value, json};

use crate::api::input::Fields;
use crate::api::request::Ctx;

/// `page` and `per_page`, with Cachet's default of 20 and a cap of [`MAX_PER_PAGE`].
pub fn page_request(f: &mut Fields<'_>) -> PageRequest {
    let page = f.int("page").unwrap_or(1);
    let per_page = f.int("per_page").unwrap_or(i64::from(DEFAULT_PER_PAGE));
    if page < 1 {
        f.error("page", "must be at least 1");
    }
    if per_page < 1 {
        f.error("per_page", "must be at least 1");
    }
    PageRequest::new(
        u32::try_from(page.max(1)).unwrap_or(u32::MAX),
        u32::try_from(per_page.clamp(1, i64::from(MAX_PER_PAGE))).unwrap_or(MAX_PER_PAGE),
    )
}

/// `sort` from the whitelist (anything else is ignored, as in Cachet) and `order` (asc by default).
pub fn sort<S>(f: &mut Fields<'_>, parse: fn(&str) -> Option<S>) -> Option<(S, SortOrder)> {
    let key = f.string("sort")?;
    let column = parse(key.trim())?;
    let order = f.string("order").and_then(|o| SortOrder::parse(&o)).unwrap_or(SortOrder::Asc);
    Some((column, order))
}

/// The `order` filter of components and groups. `order` also carries the sort direction, so
/// `asc`/`desc` are read as the direction and only a number filters.
pub fn order_filter(f: &mut Fields<'_>, raw: Option<&serde_json::Value>) -> Option<i32> {
    if raw.and_then(|v| v.as_str()).and_then(SortOrder::parse).is_some() {
        return None;
    }
    f.int32("order")
}

/// The list envelope: `meta.pagination` with absolute links that keep the other parameters.
pub fn list<T>(ctx: &Ctx, page: &Page<T>, present: impl Fn(&T) -> Value) -> Value {
    let total_pages = page.total_pages();
    let link = |n: u32| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(ctx.query.as_bytes()) {
            if k != "page" {
                query.append_pair(&k, &v);
            }
        }
        query.append_pair("page", &n.to_string());
        format!("{}{}?{}", ctx.base_url(), ctx.path, query.finish())
    };
    json!({
        "meta": {
            "pagination": {
                "total": page.total,
                "count": page.items.len(),
                "per_page": page.per_page,
                "current_page": page.page,
                "total_pages": total_pages,
                "links": {
                    "next_page": if page.page < total_pages { Value::String(link(page.page + 1)) } else { Value::Null },
                    "previous_page": if page.page > 1 { Value::String(link((page.page - 1).min(total_pages))) } else { Value::Null },
                },
            },
        },
        "data": page.items.iter().map(present).collect::<Vec<_>>(),
    })
}

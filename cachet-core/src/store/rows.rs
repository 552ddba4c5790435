//! Conversions between database rows and domain values.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use crate::db::types::{self, DbTime};
use crate::error::{Error, Result};

/// The backend type every query is built for.
pub(crate) type Db = <crate::db::AnyConnection as diesel::Connection>::Backend;

/// A stored (UTC) timestamp as a zoned one.
pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// A zoned timestamp as bound into a query (UTC), held within the range every backend stores
/// ([`types::MIN`]..=[`types::MAX`]). Writes check the times they are given first
/// (`validate::time`), so only query bounds are ever moved into the range.
pub(crate) fn naive(t: DateTime<Utc>) -> DbTime {
    DbTime(t.naive_utc().clamp(types::MIN, types::MAX))
}

/// A stored JSON text as a value; text that does not parse is kept as a string rather than lost.
pub(crate) fn json(text: Option<String>) -> Option<Value> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

/// A stored enum integer as the enum; an out-of-range value (written by hand into the database)
/// becomes a database error rather than a panic.
pub(crate) fn enum_value<T>(n: i16, from: fn(i64) -> Result<T>) -> Result<T> {
    from(i64::from(n)).map_err(|_| Error::Database(format!("unexpected enum value {n} in the database")))
}

/// Cachet's slug: lower-case ASCII letters and digits, other runs become one dash.
pub(crate) fn slugify(s: &str) -> String {
    let mut slug = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_lower_case_and_dashed() {
        assert_eq!(slugify("Foo Bar"), "foo-bar");
        assert_eq!(slugify("  API / v2!! "), "api-v2");
        assert_eq!(slugify("Ünïcode"), "ünïcode");
        assert_eq!(slugify("---"), "");
    }
}

//! Request parameters as Cachet 2.4 reads them: the query string, a form body and a JSON body
//! merged into one map, with lenient typing (booleans as `1`/`"true"`/`1.0`, numbers as strings,
//! `null` meaning "not given"). A [`Fields`] reader collects every bad field so one 400 names them
//! all.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use super::error::{ApiError, field_message};

/// Every parameter any API route reads. Anything else in a request is ignored, and left out of
/// cache keys.
pub const PARAMETERS: &[&str] = &[
    "calc_type",
    "collapsed",
    "completed_at",
    "component_id",
    "component_status",
    "components",
    "default_value",
    "default_view",
    "description",
    "display_chart",
    "email",
    "enabled",
    "from",
    "group_id",
    "id",
    "link",
    "message",
    "meta",
    "name",
    "notify",
    "occurred_at",
    "order",
    "page",
    "per_page",
    "places",
    "scheduled_at",
    "silent",
    "sort",
    "status",
    "stickied",
    "suffix",
    "tags",
    "template",
    "threshold",
    "timestamp",
    "to",
    "user_id",
    "value",
    "vars",
    "verify",
    "view",
    "visible",
];

/// The merged parameters of a request.
#[derive(Debug, Clone, Default)]
pub struct Input {
    values: Map<String, Value>,
}

impl Input {
    /// Parameters from a raw query string and a body, the body winning on clashes. A body that is
    /// neither a JSON object nor a form is an error on writes and ignored on reads.
    pub fn parse(query: &str, body: &[u8], content_type: Option<&str>, is_write: bool) -> Result<Input, ApiError> {
        let mut values = Map::new();
        merge_pairs(&mut values, form_urlencoded::parse(query.as_bytes()));
        let text = std::str::from_utf8(body).map_err(|_| ApiError::field("body", "must be UTF-8 text"))?;
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            // Clients that send JSON without saying so (curl -d) still mean JSON.
            let form = content_type.is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
                && !(trimmed.starts_with('{') && serde_json::from_str::<Value>(trimmed).is_ok_and(|v| v.is_object()));
            if form {
                merge_pairs(&mut values, form_urlencoded::parse(trimmed.as_bytes()));
            } else {
                match serde_json::from_str::<Value>(trimmed) {
                    Ok(Value::Object(map)) => values.extend(map),
                    Ok(_) if !is_write => {}
                    Ok(_) => return Err(ApiError::field("body", "must be a JSON object")),
                    Err(_) if !is_write => {}
                    Err(e) => return Err(ApiError::field("body", &format!("is not valid JSON ({e})"))),
                }
            }
        }
        Ok(Input { values })
    }

    /// The raw value of `key`, `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&Value> {
        // A parameter missing from PARAMETERS would be left out of cache keys: answers for
        // different values would be mixed up. The server suites run with debug assertions (the
        // unit tests here read made-up keys).
        debug_assert!(cfg!(test) || PARAMETERS.contains(&key), "{key:?} must be listed in api::input::PARAMETERS");
        self.values.get(key).filter(|v| !v.is_null())
    }

    /// The parameters that can shape an answer, in a stable order, for a cache key. Keys no
    /// route reads (junk, cache busters) are left out, so they cannot make a cache miss.
    pub fn cache_key(&self) -> String {
        let mut known: Vec<(&String, &Value)> =
            self.values.iter().filter(|(k, v)| !v.is_null() && PARAMETERS.contains(&k.as_str())).collect();
        known.sort_by(|a, b| a.0.cmp(b.0));
        let mut key = String::new();
        for (name, value) in known {
            key.push_str(name);
            key.push('=');
            key.push_str(&value.to_string());
            key.push('&');
        }
        key
    }

    /// Whether `key` was given (and not null).
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every given key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.values.iter().filter(|(_, v)| !v.is_null()).map(|(k, _)| k.as_str())
    }
}

/// Adds `key=value` pairs; `a[]=x` builds a list and `a[k]=x` an object.
fn merge_pairs<'a>(
    values: &mut Map<String, Value>,
    pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
) {
    for (key, value) in pairs {
        let value = Value::String(value.into_owned());
        if let Some(base) = key.strip_suffix("[]") {
            let entry = values.entry(base.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            match entry {
                Value::Array(list) => list.push(value),
                other => *other = Value::Array(vec![other.take(), value]),
            }
        } else if let Some((base, rest)) = key.split_once('[')
            && let Some(inner) = rest.strip_suffix(']')
        {
            let entry = values.entry(base.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = entry {
                map.insert(inner.to_string(), value);
            }
        } else {
            values.insert(key.into_owned(), value);
        }
    }
}

/// Reads typed fields from an [`Input`], remembering every error.
pub struct Fields<'a> {
    input: &'a Input,
    tz: Tz,
    errors: Vec<String>,
}

impl<'a> Fields<'a> {
    /// A reader over `input`; dates without a zone are read in `tz`.
    pub fn new(input: &'a Input, tz: Tz) -> Self {
        Fields { input, tz, errors: Vec::new() }
    }

    /// Records an error for `field`.
    pub fn error(&mut self, field: &str, reason: &str) {
        self.errors.push(field_message(field, reason));
    }

    /// Ends reading: `Err` naming every bad field, if any.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ApiError::invalid(self.errors)) }
    }

    /// Records a missing required field.
    pub fn required<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() && !self.input.has(field) {
            self.error(field, "field is required");
        }
        value
    }

    /// Text (numbers are taken as their text).
    pub fn string(&mut self, field: &str) -> Option<String> {
        match self.input.get(field)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(if *b { "1" } else { "0" }.into()),
            _ => {
                self.error(field, "must be a string");
                None
            }
        }
    }

    /// A boolean: `true`/`false`, `1`/`0` (also as text or `1.0`), `"true"`/`"false"` in any case,
    /// `yes`/`no`, `on`/`off`.
    pub fn bool(&mut self, field: &str) -> Option<bool> {
        let parsed = match self.input.get(field)? {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_f64() {
                Some(1.0) => Some(true),
                Some(0.0) => Some(false),
                _ => None,
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" | "1.0" => Some(true),
                "0" | "false" | "no" | "off" | "0.0" | "" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if parsed.is_none() {
            self.error(field, "field must be true or false");
        }
        parsed
    }

    /// An integer (also as text, or a float without a fraction).
    pub fn int(&mut self, field: &str) -> Option<i64> {
        let parsed = match self.input.get(field)? {
            Value::Number(n) => {
                n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
            }
            Value::String(s) => {
                let s = s.trim();
                s.parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
            }
            Value::Bool(b) => Some(i64::from(*b)),
            _ => None,
        };
        if parsed.is_none() {
            self.error(field, "must be an integer");
        }
        parsed
    }

    /// An integer that fits in 32 bits.
    pub fn int32(&mut self, field: &str) -> Option<i32> {
        let n = self.int(field)?;
        match i32::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(field, "is out of range");
                None
            }
        }
    }

    /// A finite number (also as text).
    pub fn number(&mut self, field: &str) -> Option<f64> {
        let parsed = match self.input.get(field)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|f| f.is_finite());
        if parsed.is_none() {
            self.error(field, "must be a number");
        }
        parsed
    }

    /// An id reference: a positive integer; `0` means none (Cachet's convention), as `Some(None)`.
    pub fn reference(&mut self, field: &str) -> Option<Option<i64>> {
        let n = self.int(field)?;
        if n < 0 {
            self.error(field, "must be a positive integer");
            return None;
        }
        Some((n != 0).then_some(n))
    }

    /// A value of one of the core's integer enums.
    pub fn enumeration<T>(&mut self, field: &str, from: fn(i64) -> cachet_core::Result<T>) -> Option<T> {
        let n = self.int(field)?;
        match from(n) {
            Ok(v) => Some(v),
            Err(cachet_core::Error::Invalid { reason, .. }) => {
                self.error(field, &reason);
                None
            }
            Err(e) => {
                self.error(field, &e.to_string());
                None
            }
        }
    }

    /// A JSON object (`{}` when given as an empty list, as PHP clients send it).
    pub fn object(&mut self, field: &str) -> Option<Value> {
        match self.input.get(field)? {
            v @ Value::Object(_) => Some(v.clone()),
            Value::Array(a) if a.is_empty() => Some(Value::Object(Map::new())),
            Value::String(s) => match serde_json::from_str::<Value>(s) {
                Ok(v @ Value::Object(_)) => Some(v),
                _ => {
                    self.error(field, "must be an object");
                    None
                }
            },
            _ => {
                self.error(field, "must be an object");
                None
            }
        }
    }

    /// A list of texts: a JSON array, or comma-separated text.
    pub fn list(&mut self, field: &str) -> Option<Vec<String>> {
        match self.input.get(field)? {
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        _ => {
                            self.error(field, "must be a list of values");
                            return None;
                        }
                    }
                }
                Some(out)
            }
            Value::String(s) => Some(s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()),
            Value::Number(n) => Some(vec![n.to_string()]),
            Value::Object(map) => Some(map.values().filter_map(|v| v.as_str().map(str::to_string)).collect()),
            _ => {
                self.error(field, "must be a list");
                None
            }
        }
    }

    /// A list of ids.
    pub fn ids(&mut self, field: &str) -> Option<Vec<i64>> {
        let items = self.list(field)?;
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            match item.trim().parse::<i64>() {
                Ok(id) if id > 0 => ids.push(id),
                _ => {
                    self.error(field, "must be a list of ids");
                    return None;
                }
            }
        }
        Some(ids)
    }

    /// A list of objects (e.g. `components: [{id, status}]`).
    pub fn objects(&mut self, field: &str) -> Option<Vec<Map<String, Value>>> {
        match self.input.get(field)? {
            Value::Array(items) if items.iter().all(Value::is_object) => {
                Some(items.iter().filter_map(|v| v.as_object().cloned()).collect())
            }
            Value::Object(map) if map.values().all(Value::is_object) => {
                Some(map.values().filter_map(|v| v.as_object().cloned()).collect())
            }
            _ => {
                self.error(field, "must be a list of objects");
                None
            }
        }
    }

    /// A date and time: `YYYY-MM-DD HH:MM[:SS]` (in the request's time zone), ISO 8601 with or
    /// without an offset, or unix seconds.
    pub fn datetime(&mut self, field: &str) -> Option<DateTime<Utc>> {
        let parsed = match self.input.get(field)? {
            Value::Number(n) => n.as_i64().and_then(|s| Utc.timestamp_opt(s, 0).single()),
            Value::String(s) => parse_datetime(s.trim(), self.tz),
            _ => None,
        };
        if parsed.is_none() {
            self.error(field, "is not a valid date (use YYYY-MM-DD HH:MM or ISO 8601)");
        }
        parsed
    }

    /// Unix seconds, as a number or text.
    pub fn timestamp(&mut self, field: &str) -> Option<DateTime<Utc>> {
        let secs = match self.input.get(field)? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        let parsed = secs.and_then(|s| Utc.timestamp_opt(s, 0).single());
        if parsed.is_none() {
            self.error(field, "must be a unix timestamp");
        }
        parsed
    }

    /// A calendar day `YYYY-MM-DD`.
    pub fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let text = self.string(field)?;
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.error(field, "must be a date (YYYY-MM-DD)");
        }
        parsed
    }
}

/// Parses the date formats Cachet clients send.
pub fn parse_datetime(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_utc());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%z"] {
        if let Ok(dt) = DateTime::parse_from_str(s, format) {
            return Some(dt.to_utc());
        }
    }
    for format in
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f"]
    {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, format) {
            return tz.from_local_datetime(&naive).earliest().map(|dt| dt.to_utc());
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return tz.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).earliest().map(|dt| dt.to_utc());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(query: &str, body: &str) -> Input {
        Input::parse(query, body.as_bytes(), Some("application/json"), true).unwrap()
    }

    #[test]
    fn query_and_body_merge_with_brackets() {
        let i = input("tags[]=a&tags[]=b&vars[name]=x&page=2", r#"{"page": 3}"#);
        assert_eq!(i.get("tags"), Some(&serde_json::json!(["a", "b"])));
        assert_eq!(i.get("vars"), Some(&serde_json::json!({"name": "x"})));
        assert_eq!(i.get("page"), Some(&serde_json::json!(3)));
    }

    #[test]
    fn lenient_booleans_and_integers() {
        let i = input("", r#"{"a": "True", "b": 1.0, "c": "0", "d": "maybe", "n": "42", "f": 2.5}"#);
        let mut f = Fields::new(&i, Tz::UTC);
        assert_eq!((f.bool("a"), f.bool("b"), f.bool("c")), (Some(true), Some(true), Some(false)));
        assert_eq!(f.bool("d"), None);
        assert_eq!(f.int("n"), Some(42));
        assert_eq!(f.int("f"), None);
        let err = f.finish().unwrap_err();
        assert_eq!(err.details, ["The d field must be true or false.", "The f must be an integer."]);
    }

    #[test]
    fn non_object_bodies_are_ignored_on_reads_only() {
        assert!(Input::parse("", br#""{}""#, Some("application/json"), false).is_ok());
        assert!(Input::parse("", br#""{}""#, Some("application/json"), true).is_err());
        assert!(Input::parse("", b"{bad", None, true).is_err());
    }

    #[test]
    fn dates_in_cachet_and_iso_formats() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let want = Utc.with_ymd_and_hms(2026, 1, 5, 9, 30, 0).unwrap();
        assert_eq!(parse_datetime("2026-01-05 10:30", paris), Some(want));
        assert_eq!(parse_datetime("2026-01-05 10:30:00", paris), Some(want));
        assert_eq!(parse_datetime("2026-01-05T09:30:00Z", paris), Some(want));
        assert_eq!(parse_datetime("2026-01-05T10:30:00+01:00", Tz::UTC), Some(want));
        assert_eq!(parse_datetime("yesterday", Tz::UTC), None);
    }
}

//! Input checks shared by every write; each names the field it rejects.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::db::types;
use crate::error::{Error, Result};

/// Longest text kept in an indexed column.
const MAX_NAME: usize = 255;
/// Longest message or description (well above any real incident write-up).
const MAX_TEXT: usize = 100_000;

/// A required, trimmed, non-empty name of at most 255 characters.
pub(crate) fn name(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    short(field, value)
}

/// An optional text of at most 255 characters.
pub(crate) fn short(field: &str, value: &str) -> Result<String> {
    if value.chars().count() > MAX_NAME {
        return Err(Error::invalid(field, format!("must be at most {MAX_NAME} characters")));
    }
    Ok(value.to_string())
}

/// A long text (message, description) within the size limit.
pub(crate) fn text(field: &str, value: &str) -> Result<String> {
    if value.len() > MAX_TEXT {
        return Err(Error::invalid(field, format!("must be at most {MAX_TEXT} bytes")));
    }
    Ok(value.to_string())
}

/// A required long text.
pub(crate) fn required_text(field: &str, value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    text(field, value)
}

/// An http(s) URL, or `None` for an empty one. `javascript:` and other schemes are refused so a
/// link can never run script on the page.
pub(crate) fn link(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let lower = value.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !value.chars().any(char::is_whitespace) && value.len() <= 2048 => {
            Ok(Some(value.to_string()))
        }
        _ => Err(Error::invalid(field, "must be an http:// or https:// URL")),
    }
}

/// A JSON object (or nothing), stored as text.
pub(crate) fn meta(field: &str, value: Option<&Value>) -> Result<Option<String>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::Object(_)) => Ok(Some(v.to_string())),
        Some(_) => Err(Error::invalid(field, "must be a JSON object")),
    }
}

/// An e-mail address: one `@`, something on each side, a dot in the domain, no spaces.
pub(crate) fn email(field: &str, value: &str) -> Result<String> {
    let value = value.trim().to_lowercase();
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !ok {
        return Err(Error::invalid(field, "must be a valid e-mail address"));
    }
    short(field, &value)
}

/// A finite number (no NaN or infinity, which no backend stores alike).
pub(crate) fn finite(field: &str, value: f64) -> Result<f64> {
    if value.is_finite() { Ok(value) } else { Err(Error::invalid(field, "must be a finite number")) }
}

/// A time every backend stores: from the year 1000 to the end of 9999 (MySQL's `DATETIME` range;
/// SQLite's text sorts in time order only with four-digit years). Later or earlier times are
/// refused rather than stored differently by each backend.
pub(crate) fn time(field: &str, value: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if (types::MIN..=types::MAX).contains(&value.naive_utc()) {
        Ok(value)
    } else {
        Err(Error::invalid(field, "must be between the years 1000 and 9999"))
    }
}

/// [`time`] for an optional value.
pub(crate) fn optional_time(field: &str, value: Option<DateTime<Utc>>) -> Result<Option<DateTime<Utc>>> {
    value.map(|v| time(field, v)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn times_must_be_in_the_years_1000_to_9999() {
        let at = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc();
        for ok in [at(1000, 1, 1), at(2040, 6, 1), at(9999, 12, 31), types::MAX.and_utc()] {
            assert_eq!(time("t", ok).unwrap(), ok);
        }
        for bad in [at(999, 12, 31), at(10_000, 1, 1), at(0, 1, 1), at(-5, 1, 1)] {
            assert!(matches!(time("t", bad), Err(Error::Invalid { ref field, .. }) if field == "t"), "{bad}");
        }
    }

    #[test]
    fn links_must_be_http() {
        assert_eq!(link("link", Some("https://x.io/a")).unwrap().as_deref(), Some("https://x.io/a"));
        assert_eq!(link("link", Some("")).unwrap(), None);
        for bad in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "ftp://x", "http://", "https://a b"] {
            assert!(link("link", Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(name("name", "  API ").unwrap(), "API");
        assert!(name("name", "   ").is_err());
        assert!(name("name", &"x".repeat(256)).is_err());
    }

    #[test]
    fn meta_must_be_an_object() {
        assert_eq!(meta("meta", Some(&json!({"a": 1}))).unwrap().as_deref(), Some(r#"{"a":1}"#));
        assert!(meta("meta", Some(&json!([1]))).is_err());
        assert_eq!(meta("meta", Some(&Value::Null)).unwrap(), None);
    }

    #[test]
    fn emails_are_checked_and_lower_cased() {
        assert_eq!(email("email", " Bob@Example.COM ").unwrap(), "bob@example.com");
        for bad in ["bob", "bob@", "@x.io", "bob@localhost", "a b@x.io", "a@b@c.io"] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }
}

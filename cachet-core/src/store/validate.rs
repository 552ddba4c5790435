//! Input checks shared by every write; each names the field it rejects.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::db::types;
use crate::error::{Error, Result};
use crate::text;

/// Longest text kept in an indexed column.
const MAX_NAME: usize = 255;
/// Longest message or description (well above any real incident write-up).
const MAX_TEXT: usize = 100_000;

/// A required, trimmed, non-empty name of at most 255 characters, on one line.
pub(crate) fn name(field: &str, value: &str) -> Result<String> {
    // Control characters are refused before trimming, so a trailing line break is an error
    // rather than silently dropped.
    let value = short(field, value)?;
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(value.to_string())
}

/// An optional text of at most 255 characters, on one line: names and labels end up in titles,
/// headers, badges and feeds, where a line break or a control character (NUL, escape, ...)
/// breaks the document or hides what follows it.
pub(crate) fn short(field: &str, value: &str) -> Result<String> {
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain line breaks, tabs or other control characters"));
    }
    if value.chars().count() > MAX_NAME {
        return Err(Error::invalid(field, format!("must be at most {MAX_NAME} characters")));
    }
    Ok(value.to_string())
}

/// Whether a long text may hold `c`: line breaks and tabs are part of a message, the other C0
/// control characters (NUL, backspace, escape, ...) are not.
fn allowed_in_text(c: char) -> bool {
    c >= ' ' || matches!(c, '\n' | '\r' | '\t')
}

/// A long text (message, description) within the size limit, without control characters other
/// than line breaks and tabs.
pub(crate) fn text(field: &str, value: &str) -> Result<String> {
    if value.len() > MAX_TEXT {
        return Err(Error::invalid(field, format!("must be at most {MAX_TEXT} bytes")));
    }
    if !value.chars().all(allowed_in_text) {
        return Err(Error::invalid(field, "must not contain control characters other than line breaks and tabs"));
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

/// A link a page may carry ([`text::safe_link`]: http, https or mailto), or `None` for an empty
/// one. `javascript:` and other schemes are refused so a link can never run script on the page;
/// pages check again when they render, for rows written before this rule or by hand.
pub(crate) fn link(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    match text::safe_link(value) {
        Some(link) => Ok(Some(link.to_string())),
        None => Err(Error::invalid(field, "must be an http://, https:// or mailto: link")),
    }
}

/// An http(s) URL a server calls (a webhook), or `None` for an empty one: [`link`] without
/// `mailto:`.
pub(crate) fn web_url(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let url = link(field, value)?;
    if url.as_deref().is_some_and(|u| !u.to_ascii_lowercase().starts_with("http")) {
        return Err(Error::invalid(field, "must be an http:// or https:// URL"));
    }
    Ok(url)
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
    fn links_must_be_http_https_or_mailto() {
        assert_eq!(link("link", Some("https://x.io/a")).unwrap().as_deref(), Some("https://x.io/a"));
        assert_eq!(link("link", Some(" mailto:ops@x.io ")).unwrap().as_deref(), Some("mailto:ops@x.io"));
        assert_eq!(link("link", Some("")).unwrap(), None);
        assert_eq!(link("link", None).unwrap(), None);
        for bad in
            ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "ftp://x", "http://", "https://a b"]
        {
            assert!(
                matches!(link("link", Some(bad)), Err(Error::Invalid { ref field, .. }) if field == "link"),
                "{bad}"
            );
        }
        assert_eq!(web_url("hook", Some("https://hooks.x.io/a")).unwrap().as_deref(), Some("https://hooks.x.io/a"));
        assert!(web_url("hook", Some("mailto:ops@x.io")).is_err(), "a webhook is called, not mailed");
        assert!(web_url("hook", Some("javascript:alert(1)")).is_err());
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(name("name", "  API ").unwrap(), "API");
        assert!(name("name", "   ").is_err());
        assert!(name("name", &"x".repeat(256)).is_err());
        assert_eq!(name("name", &"é".repeat(255)).unwrap().chars().count(), 255, "characters, not bytes");
    }

    /// Names and short texts: one line of printable text.
    #[test]
    fn names_refuse_line_breaks_and_control_characters() {
        let refused = [
            "API\n",
            "A\nB",
            "A\rB",
            "A\tB",
            "\0",
            "A\0B",
            "A\u{1}B",
            "A\u{1b}[31mB",
            "A\u{7f}B",
            "A\u{85}B",
            "A\u{9f}B",
        ];
        for value in refused {
            for (field, result) in [("name", name("name", value)), ("suffix", short("suffix", value))] {
                match result {
                    Err(Error::Invalid { field: f, reason }) => {
                        assert_eq!(f, field, "{value:?}");
                        assert!(reason.contains("control characters"), "{reason}");
                    }
                    other => panic!("{field} {value:?} was accepted: {other:?}"),
                }
            }
        }
        for kept in ["API", "Caf\u{e9} \u{1F600}", "a\u{a0}b", "x\u{FFFE}y"] {
            assert_eq!(name("name", kept).unwrap(), kept);
            assert_eq!(short("suffix", kept).unwrap(), kept);
        }
    }

    /// Long texts: line breaks and tabs are part of a message; the other C0 controls are not.
    #[test]
    fn long_texts_keep_line_breaks_and_tabs_but_refuse_other_c0_controls() {
        for kept in ["Line one\nLine two", "a\r\nb", "col\tcol", "DEL \u{7f} and C1 \u{85}", ""] {
            assert_eq!(text("message", kept).unwrap(), kept, "{kept:?}");
        }
        for refused in ["NUL \0", "bell \u{7}", "escape \u{1b}[0m", "vertical tab \u{b}", "form feed \u{c}", "\u{1f}"] {
            assert!(
                matches!(text("message", refused), Err(Error::Invalid { ref field, .. }) if field == "message"),
                "{refused:?}"
            );
            assert!(required_text("message", refused).is_err(), "{refused:?}");
        }
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

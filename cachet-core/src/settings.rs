//! Cachet's settings: a key/value table with typed accessors and validation of the known keys.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::store::validate;

/// The kind of value a known setting holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// One line: a name, a label or a format shown in titles and headers.
    Line,
    /// Free text, line breaks allowed (Markdown, HTML snippets, CSS).
    Text,
    Bool,
    /// An integer within the bounds.
    Int(i64, i64),
    /// A number within the bounds.
    Number(f64, f64),
    TimeZone,
    Url,
}

/// Known settings: name, kind and default (`None`: unset).
const KNOWN: &[(&str, Kind, Option<&str>)] = &[
    ("app_name", Kind::Line, Some("Cachet")),
    ("app_domain", Kind::Url, None),
    ("app_about", Kind::Text, None),
    ("app_timezone", Kind::TimeZone, Some("UTC")),
    ("app_locale", Kind::Line, Some("en")),
    ("app_incident_days", Kind::Int(1, 365), Some("7")),
    ("app_refresh_rate", Kind::Int(0, 86_400), Some("0")),
    ("app_banner", Kind::Text, None),
    ("app_banner_type", Kind::Line, None),
    ("show_support", Kind::Bool, Some("1")),
    ("show_timezone", Kind::Bool, Some("0")),
    ("automatic_localization", Kind::Bool, Some("0")),
    ("enable_external_dependencies", Kind::Bool, Some("1")),
    ("dashboard_login_link", Kind::Bool, Some("1")),
    ("enable_subscribers", Kind::Bool, Some("1")),
    ("skip_subscriber_verification", Kind::Bool, Some("0")),
    ("suppress_notifications_in_maintenance", Kind::Bool, Some("1")),
    ("only_disrupted_days", Kind::Bool, Some("0")),
    ("always_authenticate", Kind::Bool, Some("0")),
    ("display_graphs", Kind::Bool, Some("1")),
    ("major_outage_rate", Kind::Number(0.0, 100.0), Some("50")),
    ("incident_date_format", Kind::Line, Some("l jS F Y H:i:s")),
    ("date_format", Kind::Line, None),
    ("allowed_domains", Kind::Text, None),
    ("header", Kind::Text, None),
    ("footer", Kind::Text, None),
    ("stylesheet", Kind::Text, None),
];

/// Checks a value for the setting `name` and returns it normalised (booleans as `0`/`1`).
/// Unknown names are accepted when they look like setting names, so extensions can keep data.
pub fn normalize(name: &str, value: &str) -> Result<String> {
    if name.is_empty()
        || name.len() > 255
        || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(Error::invalid("name", "must be lower-case letters, digits and underscores"));
    }
    let Some((_, kind, _)) = KNOWN.iter().find(|(n, _, _)| *n == name) else {
        return validate::text(name, value);
    };
    let raw = value;
    let value = value.trim();
    let bad = |reason: String| Error::invalid(name, reason);
    match kind {
        // Checked before trimming, so a trailing control character is refused rather than dropped.
        Kind::Line => validate::short(name, raw).map(|_| value.to_string()),
        Kind::Text => validate::text(name, raw).map(|_| value.to_string()),
        Kind::Bool => match value.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok("1".into()),
            "0" | "false" | "no" | "off" | "" => Ok("0".into()),
            _ => Err(bad("must be true or false (1 or 0)".into())),
        },
        Kind::Int(lo, hi) => match value.parse::<i64>() {
            Ok(n) if (*lo..=*hi).contains(&n) => Ok(n.to_string()),
            _ => Err(bad(format!("must be a whole number from {lo} to {hi}"))),
        },
        Kind::Number(lo, hi) => match value.parse::<f64>() {
            Ok(n) if n.is_finite() && (*lo..=*hi).contains(&n) => Ok(value.to_string()),
            _ => Err(bad(format!("must be a number from {lo} to {hi}"))),
        },
        Kind::TimeZone => value
            .parse::<Tz>()
            .map(|_| value.to_string())
            .map_err(|_| bad(format!("unknown time zone {value:?} (use an IANA name such as Europe/Paris)"))),
        Kind::Url => {
            if value.is_empty() || value.starts_with("http://") || value.starts_with("https://") {
                Ok(value.trim_end_matches('/').to_string())
            } else {
                Err(bad("must be an http:// or https:// URL".into()))
            }
        }
    }
}

/// All settings, with defaults filled in for known keys that are unset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    values: BTreeMap<String, String>,
}

impl Settings {
    /// Settings from stored rows, with the defaults of known keys underneath.
    pub fn from_rows(rows: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut values: BTreeMap<String, String> =
            KNOWN.iter().filter_map(|(name, _, default)| default.map(|d| (name.to_string(), d.to_string()))).collect();
        values.extend(rows);
        Settings { values }
    }

    /// The raw value of any setting.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Every setting, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn flag(&self, name: &str) -> bool {
        self.get(name) == Some("1")
    }

    fn int(&self, name: &str, default: u32) -> u32 {
        self.get(name).and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    /// The page's name (`app_name`).
    pub fn app_name(&self) -> &str {
        self.get("app_name").unwrap_or("Cachet")
    }

    /// The public URL of the page (`app_domain`), if set.
    pub fn app_domain(&self) -> Option<&str> {
        self.get("app_domain").filter(|s| !s.is_empty())
    }

    /// Markdown shown at the top of the page (`app_about`).
    pub fn app_about(&self) -> Option<&str> {
        self.get("app_about").filter(|s| !s.is_empty())
    }

    /// A banner text (`app_banner`), if set.
    pub fn app_banner(&self) -> Option<&str> {
        self.get("app_banner").filter(|s| !s.is_empty())
    }

    /// The page's time zone (`app_timezone`), UTC when unset or unknown.
    pub fn timezone(&self) -> Tz {
        self.get("app_timezone").and_then(|v| v.parse().ok()).unwrap_or(Tz::UTC)
    }

    /// Days of incident history on the page (`app_incident_days`, 7).
    pub fn incident_days(&self) -> u32 {
        self.int("app_incident_days", 7).max(1)
    }

    /// Seconds between page reloads (`app_refresh_rate`); 0 turns reloading off.
    pub fn refresh_rate(&self) -> u32 {
        self.int("app_refresh_rate", 0)
    }

    /// The share of components in major outage, in percent, that turns the banner red.
    pub fn major_outage_rate(&self) -> f64 {
        self.get("major_outage_rate").and_then(|v| v.parse().ok()).unwrap_or(50.0)
    }

    /// Whether every API route but ping, version and status needs a token.
    pub fn always_authenticate(&self) -> bool {
        self.flag("always_authenticate")
    }

    /// Whether new subscribers are verified without an e-mail round trip.
    pub fn skip_subscriber_verification(&self) -> bool {
        self.flag("skip_subscriber_verification")
    }

    /// Whether the incident timeline shows only days with incidents.
    pub fn only_disrupted_days(&self) -> bool {
        self.flag("only_disrupted_days")
    }

    /// Whether metric charts are shown on the page.
    pub fn display_graphs(&self) -> bool {
        self.flag("display_graphs")
    }

    /// Whether the page shows its time zone.
    pub fn show_timezone(&self) -> bool {
        self.flag("show_timezone")
    }

    /// Whether visitors may subscribe.
    pub fn enable_subscribers(&self) -> bool {
        self.flag("enable_subscribers")
    }

    /// Whether notifications are held back while maintenance is in progress.
    pub fn suppress_notifications_in_maintenance(&self) -> bool {
        self.flag("suppress_notifications_in_maintenance")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_unset_known_keys() {
        let s = Settings::from_rows([("app_name".to_string(), "Acme".to_string())]);
        assert_eq!(s.app_name(), "Acme");
        assert_eq!(s.incident_days(), 7);
        assert_eq!(s.major_outage_rate(), 50.0);
        assert_eq!(s.timezone(), Tz::UTC);
        assert!(s.display_graphs());
        assert!(!s.always_authenticate());
    }

    #[test]
    fn known_values_are_validated_and_normalised() {
        assert_eq!(normalize("always_authenticate", "true").unwrap(), "1");
        assert_eq!(normalize("app_timezone", "Europe/Paris").unwrap(), "Europe/Paris");
        assert_eq!(normalize("app_domain", "https://status.example.com/").unwrap(), "https://status.example.com");
        assert_eq!(normalize("custom_thing", "anything").unwrap(), "anything");
        assert_eq!(normalize("app_about", "Line one\n\nLine two").unwrap(), "Line one\n\nLine two");
        for (name, value) in [
            ("app_timezone", "Mars/Olympus"),
            ("major_outage_rate", "150"),
            ("major_outage_rate", "NaN"),
            ("app_incident_days", "0"),
            ("always_authenticate", "maybe"),
            ("app_domain", "javascript:alert(1)"),
            ("app_name", "Status\nPage"),
            ("app_name", "Status\u{0}"),
            ("date_format", "Y-m-d\tH:i"),
            ("app_about", "About \u{1b}[31m"),
            ("custom_thing", "NUL \u{0}"),
        ] {
            match normalize(name, value) {
                Err(Error::Invalid { field, .. }) => assert_eq!(field, name),
                other => panic!("{name}={value} gave {other:?}"),
            }
        }
        assert!(matches!(normalize("Bad Name", "x"), Err(Error::Invalid { field, .. }) if field == "name"));
    }
}

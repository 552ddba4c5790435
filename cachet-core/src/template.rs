//! Incident templates: `{{ incident.name }}`-style placeholders filled from values, and nothing
//! else. There is no expression language, no tags, no includes and no file access: anything in the
//! text that is not a plain placeholder is left exactly as written, so a template cannot run code.
//!
//! A placeholder is `{{ path }}` or `{{ path | filter }}`, where `path` is dot-separated names into
//! the values and `filter` is one of `escape`/`e` (HTML), `upper`, `lower`, `trim`. A path that
//! names nothing renders as empty text, as in Twig.

use serde_json::Value;

/// Fills the placeholders of `template` from `values`.
pub fn render(template: &str, values: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                let inner = &after[..close];
                match substitute(inner, values) {
                    Some(text) => out.push_str(&text),
                    None => {
                        out.push_str("{{");
                        out.push_str(inner);
                        out.push_str("}}");
                    }
                }
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text for one placeholder body, or `None` when it is not a plain placeholder.
fn substitute(inner: &str, values: &Value) -> Option<String> {
    let mut parts = inner.split('|');
    let path = parts.next()?.trim();
    if path.is_empty() || !path.split('.').all(is_name) {
        return None;
    }
    let mut text = path.split('.').try_fold(values, |v, key| v.get(key)).map(as_text).unwrap_or_default();
    for filter in parts {
        text = match filter.trim() {
            "e" | "escape" => escape_html(&text),
            "upper" => text.to_uppercase(),
            "lower" => text.to_lowercase(),
            "trim" => text.trim().to_string(),
            _ => return None,
        };
    }
    Some(text)
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn as_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "1" } else { "" }.to_string(),
        other => other.to_string(),
    }
}

/// Escapes text for HTML and XML (the `escape` filter): see [`crate::text::escape_html`].
pub use crate::text::escape_html;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_are_substituted() {
        let values = json!({"incident": {"name": "API down", "status": 2}, "region": "eu"});
        assert_eq!(
            render("{{ incident.name }} in {{region}} (status {{ incident.status }})", &values),
            "API down in eu (status 2)"
        );
    }

    #[test]
    fn filters_from_the_whitelist_apply() {
        let values = json!({"x": "<b>Hi</b>"});
        assert_eq!(
            render("{{ x|e }} {{ x | upper }} {{ x|escape|lower }}", &values),
            "&lt;b&gt;Hi&lt;/b&gt; <B>HI</B> &lt;b&gt;hi&lt;/b&gt;"
        );
    }

    #[test]
    fn missing_values_render_empty() {
        assert_eq!(render("[{{ nothing.here }}]", &json!({})), "[]");
    }

    #[test]
    fn anything_beyond_substitution_stays_inert_text() {
        let values = json!({"a": 1});
        for hostile in [
            "{{ 7*7 }}",
            "{% include '/etc/passwd' %}",
            "{{ source('/etc/passwd') }}",
            "{{ _self.env.registerUndefinedFilterCallback('exec') }}",
            "{{ a|raw }}",
            "{{ a|map(x => x) }}",
            "{% if a %}yes{% endif %}",
            "{{ unclosed",
        ] {
            assert_eq!(render(hostile, &values), hostile);
        }
    }
}

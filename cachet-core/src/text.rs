//! Text that cannot break the documents it is put into: the characters XML 1.0 allows, escaping
//! for HTML and XML, and the link schemes a page may carry. Frontends call these when they render
//! (feeds, badges, charts, pages); the store calls [`safe_link`] when it writes, so the rule for a
//! link is the same in both places.

/// The schemes a link may have, on the page and in stored `link` fields. Anything else
/// (`javascript:`, `data:`, `vbscript:`, `file:` ...) is refused when written and dropped when
/// rendered.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Longest link kept.
const MAX_LINK: usize = 2048;

/// Whether XML 1.0 allows `c` in a document: tab, line feed, carriage return and everything from
/// U+0020 except U+FFFE and U+FFFF (surrogates cannot occur in a Rust `char`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= '\u{20}' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// Escapes text for HTML and XML element content and quoted attributes, dropping the characters
/// XML 1.0 forbids rather than letting them break a feed or a badge.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The link, trimmed, when a page may carry it: an `http://` or `https://` URL with a host, or a
/// `mailto:` address; at most 2048 characters, without spaces or control characters. `None` for
/// anything else, including an empty text.
pub fn safe_link(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.len() > MAX_LINK || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = url.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    if !LINK_SCHEMES.contains(&scheme.as_str()) {
        return None;
    }
    let has_target = match scheme.as_str() {
        "mailto" => !rest.is_empty(),
        _ => rest.strip_prefix("//").is_some_and(|host| !host.is_empty() && !host.starts_with('/')),
    };
    has_target.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_characters_follow_xml_1_0() {
        for ok in ['\t', '\n', '\r', ' ', 'a', 'é', '\u{7f}', '\u{85}', '\u{D7FF}', '\u{E000}', '\u{FFFD}', '\u{10000}']
        {
            assert!(is_xml_char(ok), "{:?}", ok);
        }
        for bad in ['\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(bad), "{:?}", bad);
        }
    }

    #[test]
    fn escaping_escapes_markup_and_drops_what_xml_forbids() {
        let cases = [
            ("<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"),
            ("a\u{1}b\u{0}c", "abc"),
            ("x\u{FFFE}y\u{FFFF}z", "xyz"),
            ("line\r\nnext\tcell", "line\r\nnext\tcell"),
            ("caf\u{e9} \u{1F600}", "caf\u{e9} \u{1F600}"),
        ];
        for (input, escaped) in cases {
            assert_eq!(escape_html(input), escaped, "{input:?}");
        }
    }

    #[test]
    fn links_keep_only_http_https_and_mailto() {
        let kept = [
            ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
            ("  http://x.io  ", "http://x.io"),
            ("HTTPS://X.IO", "HTTPS://X.IO"),
            ("mailto:ops@example.com", "mailto:ops@example.com"),
        ];
        for (input, link) in kept {
            assert_eq!(safe_link(input), Some(link), "{input:?}");
        }
        let dropped = [
            "",
            "   ",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://x.io",
            "http://",
            "https:///path",
            "https:example.com",
            "mailto:",
            "https://a b",
            "https://x.io/\u{0}",
            "https://x.io/\na",
            "//x.io",
            "/relative",
            "example.com",
        ];
        for input in dropped {
            assert_eq!(safe_link(input), None, "{input:?}");
        }
        assert_eq!(safe_link(&format!("https://x.io/{}", "a".repeat(2048))), None, "too long");
    }
}

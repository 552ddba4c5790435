//! User Markdown (incident and update messages, maintenance notes, the about text) to HTML that
//! is safe to put on the page: rendered by pulldown-cmark, then cleaned by ammonia, which keeps
//! formatting and links but drops scripts, event handlers and styles, and keeps only URLs with the
//! core's link schemes ([`cachet_core::text::LINK_SCHEMES`]: http, https, mailto) or relative ones.
//! This runs on every render, so text stored before a rule or by hand is held to it too.

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(Some("noopener noreferrer nofollow"));
    builder.url_schemes(cachet_core::text::LINK_SCHEMES.into_iter().collect());
    builder
});

/// Markdown to sanitized HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    CLEANER.clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_formatting_and_links() {
        let html = to_html("**bold** [docs](https://example.com)");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = to_html(
            "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) \
             <a href=\"javascript:alert(2)\">y</a><iframe src=//evil></iframe>",
        );
        assert!(html.contains(">x</a>"), "the Markdown link stays, without its URL: {html}");
        for bad in ["<script", "onerror", "href=\"javascript:", "<iframe"] {
            assert!(!html.to_ascii_lowercase().contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn links_keep_only_http_https_mailto_and_relative_urls() {
        let html = to_html(
            "[a](https://x.io) [b](http://x.io) [c](mailto:ops@x.io) [d](/incidents/1) \
             [e](ftp://x.io) [f](data:text/html,x) [g](vbscript:x) [h](tel:123) ![i](data:image/png;base64,AA)",
        );
        for kept in
            ["href=\"https://x.io\"", "href=\"http://x.io\"", "href=\"mailto:ops@x.io\"", "href=\"/incidents/1\""]
        {
            assert!(html.contains(kept), "{kept} dropped from {html}");
        }
        for dropped in ["ftp:", "data:", "vbscript:", "tel:"] {
            assert!(!html.contains(dropped), "{dropped} kept in {html}");
        }
    }
}

//! Editorial pages (`content/trang/*.md`) through pulldown-cmark. Raw HTML
//! in the Markdown is shown as text, never passed through, and root-relative
//! links (`/du-lieu/`) are moved under the site's base path.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

use crate::config::Config;

pub fn to_html(markdown: &str, config: &Config) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Parser::new_ext(markdown, options).map(|ev| match ev {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rebase(dest_url, config),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rebase(dest_url, config),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// `/x/` -> `<base path>x/`; other URLs (relative, `https:`, `#a`) as written.
fn rebase<'a>(url: CowStr<'a>, config: &Config) -> CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") {
        CowStr::from(config.href(&url))
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        let mut c = Config::default();
        c.set_base_url("https://example.org/archive/").unwrap();
        c
    }

    #[test]
    fn raw_html_is_text() {
        let out = to_html(
            "a <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>",
            &cfg(),
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn root_links_go_under_the_base_path() {
        let out = to_html("[dữ liệu](/du-lieu/) [x](https://a.b/) [y](#z)", &cfg());
        assert!(out.contains("href=\"/archive/du-lieu/\""), "{out}");
        assert!(out.contains("href=\"https://a.b/\""), "{out}");
        assert!(out.contains("href=\"#z\""), "{out}");
    }
}

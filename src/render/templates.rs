//! The template set: the built-in templates are compiled into the binary,
//! and a file of the same name in the user's `templates/` replaces one, so a
//! site can be restyled without recompiling and `build` works with no
//! `templates/` at all. A set is parsed once, and again only when one of
//! its templates changes: parsing is a fixed cost, about a fifth of a
//! `serve` rebuild's instructions at 1,000 articles.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tera::Tera;

use crate::error::{Error, Result};

/// The built-in set, by the name templates use in `extends`/`include`.
const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "districts.html",
        include_str!("../../templates/districts.html"),
    ),
    (
        "district.html",
        include_str!("../../templates/district.html"),
    ),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("people.html", include_str!("../../templates/people.html")),
    ("person.html", include_str!("../../templates/person.html")),
    ("data.html", include_str!("../../templates/data.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
];

/// Escape for HTML text and quoted attributes. Tera's default also escapes
/// `/`, which makes every URL in the output harder to read for no gain.
pub(super) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped_html(&mut out, s);
    out
}

/// `s` escaped as `escape_html` does, appended to `out`.
///
/// Every page's text passes through here (an article page is mostly body
/// text), so it jumps from one special character to the next with two
/// vectorised scans (one per group, as `memchr` takes at most three bytes)
/// and copies the runs between them whole; most text has none at all
/// (Vietnamese prose quotes with “ ”). The special characters are ASCII,
/// so a byte index of one is always a char boundary.
pub(super) fn push_escaped_html(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let markup =
        |from: usize| memchr::memchr3(b'&', b'<', b'>', &b[from..]).map_or(b.len(), |k| from + k);
    let quote =
        |from: usize| memchr::memchr2(b'"', b'\'', &b[from..]).map_or(b.len(), |k| from + k);
    let (mut next_markup, mut next_quote) = (markup(0), quote(0));
    let mut run = 0;
    loop {
        let i = next_markup.min(next_quote);
        if i == b.len() {
            break;
        }
        out.push_str(&s[run..i]);
        out.push_str(match b[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        run = i + 1;
        // Only the scan that found `i` has to look again.
        if i == next_markup {
            next_markup = markup(run);
        } else {
            next_quote = quote(run);
        }
    }
    out.push_str(&s[run..]);
}

/// A Tera error with its causes, on one line: Tera puts the useful part
/// (the line and the unknown variable) in the source chain.
fn chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

pub fn template_error(name: &str, e: &tera::Error) -> Error {
    Error::Template {
        name: name.to_string(),
        message: chain(e),
    }
}

/// The last template set parsed, with its templates' text.
type Parsed = (BTreeMap<String, String>, Arc<Tera>);
static LAST_PARSED: Mutex<Option<Parsed>> = Mutex::new(None);

/// The built-in templates overridden by those in `dir` (if it exists);
/// the set parsed last time if no template's text changed.
pub fn load(dir: Option<&Path>) -> Result<Arc<Tera>> {
    load_remembering(dir, &LAST_PARSED)
}

/// `load`, with `last` the set parsed last time.
fn load_remembering(dir: Option<&Path>, last: &Mutex<Option<Parsed>>) -> Result<Arc<Tera>> {
    let mut set: BTreeMap<String, String> = BUILTIN
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        for file in crate::load::files_under(dir)? {
            let rel = file.strip_prefix(dir).unwrap_or(&file);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if name.starts_with('.') {
                continue;
            }
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            set.insert(name, text);
        }
    }
    // A poisoned lock only means a parse panicked elsewhere: parse anew.
    if let Ok(last) = last.lock() {
        if let Some((_, tera)) = last.as_ref().filter(|(texts, _)| *texts == set) {
            return Ok(Arc::clone(tera));
        }
    }
    let tera = Arc::new(parse(&set, dir)?);
    if let Ok(mut last) = last.lock() {
        *last = Some((set, Arc::clone(&tera)));
    }
    Ok(tera)
}

/// Parse `set` (name -> text); `dir` is where overrides came from, for
/// the message when one does not parse.
fn parse(set: &BTreeMap<String, String>, dir: Option<&Path>) -> Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(set.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| {
            // Tera names the failing template in its message.
            Error::Template {
                name: dir
                    .map(|d| d.display().to_string())
                    .unwrap_or_else(|| "built-in".into()),
                message: chain(&e),
            }
        })?;
    Ok(tera)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_set_is_parsed_again_only_when_a_template_changes() {
        let last = Mutex::new(None);
        let dir = tempfile::tempdir().unwrap();
        let first = load_remembering(Some(dir.path()), &last).unwrap();
        let again = load_remembering(Some(dir.path()), &last).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same set is not parsed twice"
        );

        let page = |tera: &Tera| tera.render("404.html", &tera::Context::new());
        std::fs::write(dir.path().join("404.html"), "Không thấy: {{ 1 + 1 }}").unwrap();
        let changed = load_remembering(Some(dir.path()), &last).unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_eq!(page(&changed).unwrap(), "Không thấy: 2");

        std::fs::write(dir.path().join("404.html"), "Không thấy: {{ 1 + 2 }}").unwrap();
        let edited = load_remembering(Some(dir.path()), &last).unwrap();
        assert_eq!(page(&edited).unwrap(), "Không thấy: 3");

        // A template that does not parse is an error every time, not a
        // set remembered.
        std::fs::write(dir.path().join("404.html"), "{% if %}").unwrap();
        assert!(load_remembering(Some(dir.path()), &last).is_err());
        assert!(load_remembering(Some(dir.path()), &last).is_err());
        std::fs::remove_file(dir.path().join("404.html")).unwrap();
        let back = load_remembering(Some(dir.path()), &last).unwrap();
        assert!(page(&back).map_or(true, |p| !p.contains("Không thấy")));
        assert!(
            back.get_template("404.html").is_ok(),
            "the built-in 404 page is back"
        );
    }

    /// The escaper `push_escaped_html` replaced: a byte-by-byte rule.
    fn escape_html_before(s: &str) -> String {
        crate::text::replace_runs(s, |bytes, i| {
            let entity = match bytes[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => return None,
            };
            Some((entity, 1))
        })
    }

    #[test]
    fn escaping_matches_the_rule_it_replaced() {
        let specials = [
            "&", "<", ">", "\"", "'", "&<", "\"'", "<\"", "'>&", "&&", "''",
        ];
        let plain = ["", "a", "Đống Đa", "“Hà Nội”", " "];
        let mut samples: Vec<String> = Vec::new();
        for x in plain {
            for sp in specials {
                for y in plain {
                    samples.push(format!("{x}{sp}{y}"));
                    samples.push(format!("{sp}{x}{sp}{y}{sp}"));
                }
            }
            samples.push(x.to_string());
        }
        samples.push(r#"<a href="x?a=1&b='2'">Đại hội > “Đảng bộ”</a>"#.to_string());
        for s in &samples {
            let mut out = String::from("giữ ");
            push_escaped_html(&mut out, s);
            assert_eq!(out, format!("giữ {}", escape_html_before(s)), "{s:?}");
            assert_eq!(escape_html(s), escape_html_before(s), "{s:?}");
        }
    }

    #[test]
    fn builtin_set_parses() {
        let t = load(None).unwrap();
        assert!(t.get_template_names().any(|n| n == "article.html"));
    }

    #[test]
    fn a_user_template_replaces_the_builtin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("404.html"), "mine {{ 1 + 1 }}").unwrap();
        let t = load(Some(dir.path())).unwrap();
        let out = t.render("404.html", &tera::Context::new()).unwrap();
        assert_eq!(out, "mine 2");
    }

    #[test]
    fn a_broken_template_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.html"), "{% if %}").unwrap();
        let e = load(Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("page.html"), "{e}");
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escape_html("Đống Đa & “Hà Nội”"), "Đống Đa &amp; “Hà Nội”");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("<"), "&lt;");
    }
}

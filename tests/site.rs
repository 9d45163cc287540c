//! The built site as a visitor (and a link checker) sees it: the seeds in
//! `content/` built under a sub-path, `https://example.org/archive/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use civic_archive::config::Config;
use civic_archive::{build, BuildReport, Paths};

const BASE_URL: &str = "https://example.org/archive/";
const BASE_PATH: &str = "/archive/";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_site(content: &Path, out: &Path) -> BuildReport {
    let mut config = Config::default();
    config.set_base_url(BASE_URL).unwrap();
    let paths = Paths {
        content: content.to_path_buf(),
        output: out.to_path_buf(),
        templates: repo().join("templates"),
        static_dir: repo().join("static"),
    };
    build(&paths, &config).unwrap()
}

/// The seeds, built once per test into a fresh temp dir.
fn seeds() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_site(&repo().join("content"), &out);
    (dir, out)
}

/// Every file of a tree: relative path -> bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(root) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    files
}

// ------------------------------------------------------------------ a tiny HTML tokenizer
//
// Enough HTML to find tags and attributes the way a browser would: quoted
// and unquoted attribute values, comments, and the raw-text elements whose
// content is not markup (title, textarea, script, style).

#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let table = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
            ("&apos;", '\''),
            ("&#x27;", '\''),
            ("&#x2F;", '/'),
            ("&amp", '&'),
            ("&lt", '<'),
            ("&gt", '>'),
            ("&quot", '"'),
            ("&LT", '<'),
            ("&GT", '>'),
            ("&AMP", '&'),
        ];
        match table.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tags, and the text outside tags (decoded), of an HTML document.
fn parse_html(html: &str) -> (Vec<Tag>, String) {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            text.push_str(&decode_entities(&html[text_start..i]));
            i = html[i..].find("-->").map(|j| i + j + 3).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            text.push_str(&decode_entities(&html[text_start..i]));
            i = html[i..].find('>').map(|j| i + j + 1).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        text.push_str(&decode_entities(&html[text_start..i]));
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let a0 = j;
            while j < b.len() && !b"\t\n\x0c\r />=".contains(&b[j]) {
                j += 1;
            }
            let an = html[a0..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = html[j + 1..].find(q as char).map(|k| j + 1 + k).unwrap();
                        value = decode_entities(&html[j + 1..end]);
                        j = end + 1;
                    }
                    _ => {
                        let v0 = j;
                        while j < b.len()
                            && !b.get(j).unwrap().is_ascii_whitespace()
                            && b[j] != b'>'
                        {
                            j += 1;
                        }
                        value = decode_entities(&html[v0..j]);
                    }
                }
            }
            attrs.push((an, value));
        }
        i = j;
        text_start = i;
        if !closing && matches!(name.as_str(), "title" | "textarea" | "script" | "style") {
            let end_tag = format!("</{name}");
            let end = html[i..]
                .to_ascii_lowercase()
                .find(&end_tag)
                .map(|k| i + k)
                .unwrap_or(b.len());
            text.push_str(&decode_entities(&html[i..end]));
            i = end;
            text_start = i;
        }
        if !closing {
            tags.push(Tag { name, attrs });
        }
    }
    text.push_str(&decode_entities(&html[text_start..]));
    (tags, text)
}

fn html_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<(&String, String)> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b.clone()).unwrap()))
        .collect()
}

// ------------------------------------------------------------------ tests

#[test]
fn the_parser_finds_real_tags_only() {
    let (tags, text) = parse_html(
        "<title><script>x</script></title><p id=a class=\"b c\">&lt;img src=x&gt; {{ y }}</p><a href=/z/#q>k</a>",
    );
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["title", "p", "a"]);
    assert_eq!(tags[1].attr("id"), Some("a"));
    assert_eq!(tags[2].attr("href"), Some("/z/#q"));
    assert!(text.contains("<script>x</script>"));
    assert!(text.contains("<img src=x> {{ y }}"));
}

fn articles_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("du-lieu/articles.json")).unwrap()).unwrap()
}

#[test]
fn every_path_of_the_url_table_exists() {
    let (_dir, out) = seeds();
    for p in [
        "index.html",
        "quan-huyen/index.html",
        "dong-thoi-gian/index.html",
        "nhan-vat/index.html",
        "du-lieu/index.html",
        "du-lieu/articles.json",
        "du-lieu/events.json",
        "du-lieu/articles.csv",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".nojekyll",
        "style.css",
        "trang/gioi-thieu/index.html",
    ] {
        assert!(out.join(p).is_file(), "missing {p}");
    }
    let json = articles_json(&out);
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5, "five seeds, five articles");
    let mut districts = BTreeSet::new();
    for a in articles {
        let url = a["url"].as_str().unwrap();
        let dir = out.join(url.trim_start_matches('/'));
        assert!(dir.join("index.html").is_file(), "missing page {url}");
        let raw = fs::read(
            repo()
                .join("content")
                .join(a["source_file"].as_str().unwrap()),
        )
        .unwrap();
        assert_eq!(
            fs::read(dir.join("nguon.txt")).unwrap(),
            raw,
            "nguon.txt of {url}"
        );
        for d in a["districts"].as_array().unwrap() {
            districts.insert(d.as_str().unwrap().to_string());
        }
    }
    for d in &districts {
        let slug = civic_archive::text::slug_of(d, 80);
        assert!(
            out.join(format!("quan-huyen/{slug}/index.html")).is_file(),
            "district {d}"
        );
    }
    let people: serde_json::Value = json.clone();
    for a in people["articles"].as_array().unwrap() {
        for p in a["people"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            let people_page = fs::read_to_string(out.join("nhan-vat/index.html")).unwrap();
            assert!(people_page.contains(name), "{name} not on the people page");
        }
    }
    // The three seed districts (issue 2, acceptance 1).
    assert!(
        !districts.is_empty(),
        "no district extracted from the seeds"
    );
    for slug in ["dong-da", "hai-ba-trung", "ba-dinh"] {
        assert!(
            out.join(format!("quan-huyen/{slug}/index.html")).is_file(),
            "district page {slug}"
        );
    }
}

/// Every internal href/src of every page resolves to a file of the output
/// under the base path, and every #fragment to an id in that file.
#[test]
fn every_internal_link_resolves() {
    let (_dir, out) = seeds();
    let files = tree(&out);
    let pages = html_files(&files);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(String, String, &str)> = Vec::new();
    for (path, html) in &pages {
        let (tags, _) = parse_html(html);
        let set = ids.entry(path.to_string()).or_default();
        for t in &tags {
            if let Some(id) = t.attr("id") {
                assert!(set.insert(id.to_string()), "{path}: duplicate id {id}");
            }
            for a in ["href", "src"] {
                if let Some(v) = t.attr(a) {
                    links.push((
                        path.to_string(),
                        v.to_string(),
                        if a == "src" { "src" } else { "href" },
                    ));
                }
            }
        }
    }
    let mut checked = 0;
    for (from, url, attr) in &links {
        // Canonical links are absolute under the base URL: check them as paths.
        let url = match url.strip_prefix(BASE_URL) {
            Some(rest) => format!("{BASE_PATH}{rest}"),
            None => url.clone(),
        };
        if url.starts_with("http://") || url.starts_with("https://") {
            // Only a link to an article's original source may leave the site;
            // nothing is ever loaded from elsewhere.
            assert_eq!(*attr, "href", "{from}: external {attr} {url}");
            continue;
        }
        let (target, fragment) = match url.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (url.as_str(), None),
        };
        let file = if target.is_empty() {
            from.clone()
        } else {
            let rest = target
                .strip_prefix(BASE_PATH)
                .unwrap_or_else(|| panic!("{from}: {url} is not under {BASE_PATH}"));
            if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            }
        };
        assert!(
            files.contains_key(&file),
            "{from}: {url} -> {file} does not exist"
        );
        if let Some(f) = fragment {
            let set = ids
                .get(&file)
                .unwrap_or_else(|| panic!("{from}: #{f} in a non-HTML file"));
            assert!(set.contains(f), "{from}: {url}: no id `{f}` in {file}");
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} links checked");
    // The feed's links are absolute under the base URL and resolve too.
    let feed = String::from_utf8(files["feed.xml"].clone()).unwrap();
    for part in feed.split("href=\"").skip(1) {
        let url = &part[..part.find('"').unwrap()];
        let rest = url
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("feed: {url}"));
        let file = if rest.is_empty() || rest.ends_with('/') {
            format!("{rest}index.html")
        } else {
            rest.to_string()
        };
        assert!(files.contains_key(&file), "feed: {url}");
    }
}

#[test]
fn the_json_files_follow_the_contract() {
    let (_dir, out) = seeds();
    let json = articles_json(&out);
    assert_eq!(json["schema"], "civic-archive/articles@1");
    let fields = [
        "id",
        "url",
        "source_file",
        "title",
        "title_derived",
        "kicker",
        "published",
        "authors",
        "publisher",
        "source_url",
        "districts",
        "event",
        "events_mentioned",
        "people",
        "documents",
        "figures",
        "body",
        "removed",
    ];
    for a in json["articles"].as_array().unwrap() {
        let obj = a.as_object().unwrap();
        for f in fields {
            assert!(obj.contains_key(f), "article field `{f}` missing");
        }
        let id = a["id"].as_str().unwrap();
        assert!(id.is_ascii() && !id.is_empty());
        assert_eq!(a["url"], format!("/bai-viet/{id}/"));
        assert!(a["title_derived"].is_boolean());
        for b in a["body"].as_array().unwrap() {
            let t = b["type"].as_str().unwrap();
            assert!(
                ["paragraph", "heading", "caption", "quote"].contains(&t),
                "{t}"
            );
            assert!(b["text"].is_string());
        }
        for r in a["removed"].as_array().unwrap() {
            assert!(r["line"].is_u64() && r["text"].is_string() && r["reason"].is_string());
        }
        if let Some(e) = a["event"].as_object() {
            for f in [
                "kind",
                "level",
                "district",
                "ordinal",
                "term_number",
                "term",
                "start",
                "end",
                "precision",
                "inferred",
                "basis",
                "evidence",
            ] {
                assert!(e.contains_key(f), "event field `{f}` missing");
            }
        }
        for p in a["people"].as_array().unwrap() {
            assert!(p["name"].is_string() && p["roles"].is_array() && p["evidence"].is_array());
        }
    }
    let events: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("du-lieu/events.json")).unwrap()).unwrap();
    assert_eq!(events["schema"], "civic-archive/events@1");
    for e in events["events"].as_array().unwrap() {
        for f in [
            "id",
            "kind",
            "level",
            "district",
            "ordinal",
            "term_number",
            "term",
            "start",
            "end",
            "precision",
            "inferred",
            "articles",
            "title",
        ] {
            assert!(
                e.as_object().unwrap().contains_key(f),
                "event field `{f}` missing"
            );
        }
    }
    let csv = fs::read_to_string(out.join("du-lieu/articles.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(rows.records().count(), 5);
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, one) = seeds();
    let (_b, two) = seeds();
    let (t1, t2) = (tree(&one), tree(&two));
    assert_eq!(t1.keys().collect::<Vec<_>>(), t2.keys().collect::<Vec<_>>());
    for (p, bytes) in &t1 {
        assert!(bytes == &t2[p], "{p} differs between two builds");
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_fails_the_build_and_keeps_the_old_site() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(&content).unwrap();
    let seed = "000_b8d88402085bc711.txt";
    fs::copy(repo().join("content").join(seed), content.join(seed)).unwrap();
    let out = dir.path().join("public");
    let run = |cwd: &Path| {
        Command::new(env!("CARGO_BIN_EXE_civic-archive"))
            .current_dir(cwd)
            .args([
                "build",
                "--quiet",
                "--content",
                "content",
                "--output",
                "public",
            ])
            .output()
            .unwrap()
    };
    let first = run(dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = tree(&out);
    assert!(before.contains_key("index.html"));

    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), content.join("broken.txt")).unwrap();
    let second = run(dir.path());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        !second.status.success(),
        "a dangling symlink must fail the build"
    );
    assert!(
        stderr.contains("broken.txt"),
        "the message names the file: {stderr}"
    );
    assert_eq!(
        stderr.matches("error:").count(),
        1,
        "printed once: {stderr}"
    );
    assert_eq!(tree(&out), before, "the previous site is left as it was");
}

/// Article text is data: markup and template syntax in it show as text on
/// every page, in the feed and in the JSON. The fixture writes its markup
/// as a page shows it ("&lt;script&gt;"): tags a scrape left in raw are
/// dropped by the cleaner, so only shown markup reaches the pages as text.
#[test]
fn article_text_is_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_site(&repo().join("tests/fixtures/site/xss"), &out);
    let files = tree(&out);
    let mut shown = false;
    for (path, html) in html_files(&files) {
        let (tags, text) = parse_html(&html);
        for t in &tags {
            // Our own scripts (search, timeline filters) are files of the
            // site, loaded by src; anything else is article text leaking.
            let own_script = t.name == "script"
                && t.attrs.iter().any(|(n, v)| {
                    (n == "src"
                        && (v.ends_with("/tim-kiem/search.js") || v.ends_with("/timeline.js")))
                        || (n == "type" && v == "application/ld+json")
                });
            assert!(
                own_script || (t.name != "script" && t.name != "img"),
                "{path}: a <{}> tag",
                t.name
            );
            assert!(
                t.attrs.iter().all(|(n, _)| !n.starts_with("on")),
                "{path}: an event handler attribute in <{}>",
                t.name
            );
        }
        assert!(
            !text.contains("{% if") || text.contains("{% if true %}x{% endif %}"),
            "{path}"
        );
        // Structured data: the text is inside, JSON-escaped, and nothing in it
        // can end the script element.
        for chunk in html.split("ld+json").skip(1) {
            let body = chunk.split_once('>').map(|(_, b)| b).unwrap_or("");
            let json = body.split("</script>").next().unwrap_or("");
            assert!(!json.contains('<'), "{path}: raw < in JSON-LD");
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            if path.starts_with("bai-viet/") {
                assert!(
                    v["headline"].as_str().unwrap_or("").contains("<script>"),
                    "{path}: {v}"
                );
            }
        }
        if path.starts_with("bai-viet/") {
            assert!(
                text.contains("<script>alert(1)</script>"),
                "{path}: title not shown as text"
            );
            assert!(
                text.contains("<img src=x onerror=alert(2)>"),
                "{path}: body not shown as text"
            );
            assert!(
                text.contains("{{ config }}"),
                "{path}: template syntax not shown as text"
            );
            shown = true;
        }
    }
    assert!(shown, "the article page was checked");

    let feed = String::from_utf8(files["feed.xml"].clone()).unwrap();
    let mut reader = quick_xml::Reader::from_str(&feed);
    let mut title_text = String::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert!(name != "script" && name != "img", "feed: <{name}> element");
            }
            quick_xml::events::Event::Text(t) => title_text.push_str(&t.unescape().unwrap()),
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        title_text.contains("<script>alert(1)</script>"),
        "feed shows the title as text"
    );

    let json = articles_json(&out);
    let a = &json["articles"][0];
    assert!(a["title"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    let body: String = a["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert!(body.contains("<img src=x onerror=alert(2)>") && body.contains("{{ config }}"));
}

/// Parse an XML file fully (well-formedness) and collect the text of `tag`.
fn xml_texts(xml: &str, tag: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                depth += 1;
                inside = e.name().as_ref() == tag.as_bytes();
            }
            Ok(quick_xml::events::Event::End(_)) => {
                depth -= 1;
                inside = false;
            }
            Ok(quick_xml::events::Event::Text(t)) if inside => {
                out.push(t.unescape().unwrap().into_owned())
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    out
}

#[test]
fn feed_and_sitemap_are_well_formed_and_list_every_article() {
    let (_dir, out) = seeds();
    let json = articles_json(&out);
    let urls: Vec<String> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| format!("https://example.org/archive{}", a["url"].as_str().unwrap()))
        .collect();
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    let ids = xml_texts(&feed, "id");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs = xml_texts(&sitemap, "loc");
    for u in &urls {
        assert!(ids.contains(u), "feed lacks {u}");
        assert!(locs.contains(u), "sitemap lacks {u}");
    }
    assert!(locs.contains(&BASE_URL.to_string()));
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/archive/sitemap.xml"));
}

#[test]
fn pages_carry_the_required_head_and_navigation() {
    let (_dir, out) = seeds();
    let files = tree(&out);
    for (path, html) in html_files(&files) {
        let (tags, _) = parse_html(&html);
        let html_tag = tags.iter().find(|t| t.name == "html").unwrap();
        assert_eq!(html_tag.attr("lang"), Some("vi"), "{path}");
        let has = |name: &str, attr: &str, value: &str| {
            tags.iter()
                .any(|t| t.name == name && t.attr(attr) == Some(value))
        };
        assert!(has("link", "rel", "canonical"), "{path}: canonical");
        assert!(
            has("link", "type", "application/atom+xml"),
            "{path}: feed link"
        );
        assert!(has("a", "href", "#noi-dung"), "{path}: skip link");
        for nav in [
            "/archive/",
            "/archive/quan-huyen/",
            "/archive/dong-thoi-gian/",
            "/archive/nhan-vat/",
            "/archive/du-lieu/",
        ] {
            assert!(has("a", "href", nav), "{path}: nav link {nav}");
        }
    }
    let article = html_files(&files)
        .into_iter()
        .find(|(p, _)| p.starts_with("bai-viet/"))
        .unwrap()
        .1;
    assert!(article.contains("Phần đã lược bỏ") || !article.contains("<details"));
    assert!(article.contains("Xem bản gốc"));
    assert!(article.contains("Dữ kiện"));
}

/// The main navigation marks the item of the page's own section as the
/// current page, and only that one: every page of a section (its listing
/// and the pages under it) marks the section's item; article, editorial
/// and 404 pages, which have no item, mark none.
#[test]
fn the_navigation_marks_the_section_of_the_page_current() {
    let (_dir, out) = seeds();
    let files = tree(&out);
    let sections = [
        "quan-huyen/",
        "dong-thoi-gian/",
        "nhan-vat/",
        "tim-kiem/",
        "du-lieu/",
    ];
    let mut marked = BTreeSet::new();
    for (path, html) in html_files(&files) {
        let start = html
            .find(r#"<nav aria-label="Điều hướng chính">"#)
            .unwrap_or_else(|| panic!("{path}: no main navigation"));
        let nav = &html[start..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        let current: Vec<&str> = nav
            .split("<li>")
            .filter(|item| item.contains(r#"aria-current="page""#))
            .map(|item| {
                let href = &item[item.find(r#"href=""#).unwrap() + 6..];
                &href[..href.find('"').unwrap()]
            })
            .collect();
        let expected = if path == "index.html" {
            Some(String::new())
        } else {
            sections
                .iter()
                .find(|s| path.starts_with(*s))
                .map(|s| s.to_string())
        }
        .map(|s| format!("{BASE_PATH}{s}"));
        assert_eq!(
            current,
            expected.iter().map(String::as_str).collect::<Vec<_>>(),
            "{path}"
        );
        marked.extend(expected);
    }
    assert_eq!(marked.len(), sections.len() + 1, "{marked:?}");
}

/// The sidebar with every kind of fact, on a hand-made article (extraction
/// is tested on its own; here only the page is): each fact links to its
/// block, dates keep their precision, editor corrections and inferences show.
#[test]
fn the_facts_sidebar_links_every_fact_to_its_evidence() {
    use civic_archive::model::*;
    let doc = CleanDoc {
        source_file: "a.txt".into(),
        title: "Hội nghị Ban Chấp hành Đảng bộ quận Đống Đa".into(),
        title_derived: true,
        published: Some("2022-01-06T09:05".into()),
        authors: vec!["X.Sinh".into()],
        body: vec![
            Block {
                kind: BlockKind::Paragraph,
                text: "Sáng nay (6/1) Đảng bộ quận Đống Đa họp.".into(),
            },
            Block {
                kind: BlockKind::Caption,
                text: "Quang cảnh hội nghị.".into(),
            },
            Block {
                kind: BlockKind::Heading,
                text: "Kết quả".into(),
            },
            Block {
                kind: BlockKind::Quote,
                text: "Đoàn kết".into(),
            },
        ],
        removed: vec![Removed {
            line: 9,
            text: "X.Sinh".into(),
            reason: RemovalReason::Byline,
        }],
        ..CleanDoc::default()
    };
    let mut event = Event::new(EventKind::Plenum, Level::District);
    event.district = Some("Đống Đa".into());
    event.ordinal = Some(10);
    event.term_number = Some(28);
    event.term = Some("2020-2025".into());
    event.start = Some("2022-01".into());
    event.precision = Some(Precision::Month);
    event.inferred = true;
    event.basis = Some("năm suy ra từ: 'công tác năm 2021'".into());
    event.evidence = Some(Evidence::in_block(0, "Sáng nay (6/1)"));
    let facts = Facts {
        districts: vec![DistrictMention {
            name: "Đống Đa".into(),
            evidence: Evidence::in_block(0, "quận Đống Đa"),
        }],
        event: Some(event),
        people: vec![Person {
            name: "Đinh Trường Thọ".into(),
            roles: vec!["Bí thư Quận ủy Đống Đa".into()],
            evidence: vec![Evidence::editor("sidecar")],
            source: FactSource::Editor,
        }],
        documents: vec![Document {
            kind: "Chỉ thị".into(),
            number: Some("05-CT/TW".into()),
            date: Some("2016-05-15".into()),
            issuer: Some("Bộ Chính trị".into()),
            evidence: Some(Evidence::in_block(3, "Chỉ thị 05")),
        }],
        ..Facts::default()
    };
    let mut article = Article::assemble(doc, facts, "UTF-8");
    article.corrected = vec!["people".into()];
    let archive = civic_archive::link::link(
        vec![article],
        vec![],
        &civic_archive::extract::Gazetteer::builtin(),
    );
    let mut config = Config::default();
    config.set_base_url(BASE_URL).unwrap();
    let pages = civic_archive::render::render(&archive, &[], &config, None, &|_, _| {}).unwrap();
    let page = pages
        .iter()
        .find(|p| p.path.starts_with("bai-viet/"))
        .unwrap();
    let html = String::from_utf8(page.bytes.clone()).unwrap();
    let (tags, text) = parse_html(&html);
    let ids: BTreeSet<&str> = tags.iter().filter_map(|t| t.attr("id")).collect();
    for id in ["tieu-de", "b0", "b1", "b2", "b3", "l9"] {
        assert!(ids.contains(id), "no id {id}");
    }
    let has = |name: &str, id: &str| {
        tags.iter()
            .any(|t| t.name == name && t.attr("id") == Some(id))
    };
    assert!(has("p", "b0") && has("figure", "b1") && has("h2", "b2") && has("blockquote", "b3"));
    let evidence: Vec<&str> = tags
        .iter()
        .filter(|t| t.attr("class") == Some("evidence"))
        .filter_map(|t| t.attr("href"))
        .collect();
    assert!(evidence.contains(&"#b0"), "{evidence:?}");
    assert!(evidence.contains(&"#b3"), "document evidence: {evidence:?}");
    assert!(evidence.contains(&"#l9"), "author evidence: {evidence:?}");
    for e in &evidence {
        if let Some(id) = e.strip_prefix('#') {
            assert!(ids.contains(id), "evidence link {e} has no target");
        }
    }
    assert!(text.contains("tiêu đề do hệ thống đặt"));
    assert!(text.contains("tháng 1/2022"), "month precision");
    assert!(!text.contains("1/1/2022"), "no made-up day");
    assert!(text.contains("suy luận") && text.contains("năm suy ra từ"));
    assert!(text.contains("XXVIII") && text.contains("2020–2025"));
    assert!(text.contains("biên tập viên sửa"));
    assert!(text.contains("Phần đã lược bỏ") && text.contains("tên tác giả"));
    assert!(text.contains("6/1/2022, 09:05"));
}

/// The timeline is written in pieces, its long event lists made while the
/// page is written: text that looks like the marks it is cut at stays text.
#[test]
fn the_timeline_keeps_text_that_looks_like_its_piece_marks() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(&content).unwrap();
    let look_alike = "\u{1}civic-archive-piece-0\u{1}";
    fs::write(
        content.join("a.txt"),
        format!(
            "Đại hội Đảng bộ quận Tây Hồ {look_alike} lần thứ XXVI\n\n\
             Ngày 15/7/2020, Đảng bộ quận Tây Hồ tổ chức Đại hội đại biểu lần thứ XXVI, \
             nhiệm kỳ 2020 – 2025.\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("public");
    build_site(&content, &out);
    let timeline = fs::read_to_string(out.join("dong-thoi-gian/index.html")).unwrap();
    // Clean drops the control characters; the rest stays text.
    assert!(timeline.contains("Tây Hồ civic-archive-piece-0 lần thứ XXVI"));
    // The JSON-LD list of events, made in its own piece, is whole.
    let (_, ld) = timeline.split_once("application/ld+json\">").unwrap();
    let (ld, _) = ld.split_once("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["itemListElement"].as_array().unwrap().len(), 1);
}

/// A site may go where no folder is yet; the build's spill file (made
/// beside the site) leaves nothing behind.
#[test]
fn a_site_can_be_built_under_folders_not_made_yet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chua/co/public");
    build_site(&repo().join("content"), &out);
    assert!(out.join("index.html").is_file());
    let beside: Vec<String> = fs::read_dir(dir.path().join("chua/co"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, vec!["public".to_string()]);
}

/// Scraped text now and then carries control characters. No page, feed or
/// download may hold one (XML forbids them: one in a title made the feed
/// unreadable); `nguon.txt` keeps the bytes as they were.
#[test]
fn control_characters_in_the_text_reach_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(&content).unwrap();
    let raw = "Quận Tây Hồ\u{1} tổng kết\u{7f} công tác năm 2021\n\n\
               Ngày 5/1/2022, Quận ủy Tây Hồ\u{8} tổ chức hội nghị tổng kết công tác năm 2021.\u{1b}\n\n\
               Đồng chí Lê Văn\u{85}Đồng - Bí thư Quận ủy Tây Hồ\u{9f} chủ trì hội nghị.\n";
    fs::write(content.join("a.txt"), raw).unwrap();
    let out = dir.path().join("public");
    build_site(&content, &out);
    let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    for (path, bytes) in tree(&out) {
        if path.ends_with("nguon.txt") {
            assert_eq!(bytes, raw.as_bytes());
            continue;
        }
        if let Ok(text) = String::from_utf8(bytes) {
            assert!(!text.chars().any(is_control), "{path}");
        }
    }
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&feed);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("feed.xml: {e}"),
        }
    }
    assert!(
        feed.contains("Quận Tây Hồ tổng kết công tác năm 2021"),
        "{feed}"
    );
}

//! What the templates see: plain serialisable views, built from the archive
//! with every href, label and date already worked out, so templates only lay
//! things out. Lookups are by id (built once in `Lookups::new`), so building
//! one page never walks the whole archive.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::link::{article_date, Archive, DistrictEntry, PersonEntry};
use crate::load::EditorialPage;
use crate::model::{
    ArchiveEvent, Article, Block, BlockKind, Event, EventKind, Evidence, FactSource, Level,
    OwnParts, Place, Removed,
};
use crate::render::dates::{self, DateView};
use crate::render::templates::push_escaped_html;
use crate::text::{name_key, to_roman};

/// The abolition of Hanoi's district level, said on every district page.
pub const DISTRICT_LEVEL_NOTE: &str = "Cấp quận, huyện của Hà Nội đã chấm dứt hoạt động từ ngày 1/7/2025 theo chủ trương sắp xếp đơn vị hành chính hai cấp.";

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// What every page shares: the site, its navigation and footer.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub lang: String,
    /// The base path (`/` or `/archive/`); templates may build links on it.
    pub base: String,
    pub home: String,
    pub css: String,
    pub feed: String,
    pub nav: Vec<NavItem>,
    pub pages: Vec<Link>,
    pub data_links: Vec<Link>,
    /// The footer's navigation, `pages` then `data_links`, as HTML (see
    /// `footer_nav_html`).
    pub footer_nav_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub section: &'static str,
}

impl SiteView {
    pub fn new(config: &Config, pages: &[EditorialPage]) -> SiteView {
        let nav = [
            ("", "Trang chủ", "home"),
            ("quan-huyen/", "Quận/huyện", "districts"),
            ("dong-thoi-gian/", "Dòng thời gian", "timeline"),
            ("nhan-vat/", "Nhân vật", "people"),
            ("tim-kiem/", "Tìm kiếm", "search"),
            ("du-lieu/", "Dữ liệu", "data"),
        ]
        .into_iter()
        .map(|(p, l, s)| NavItem {
            href: config.href(p),
            label: l.to_string(),
            section: s,
        })
        .collect();
        let link = |p: &str, l: &str| Link {
            href: config.href(p),
            label: l.to_string(),
        };
        let mut site = SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            lang: config.language.clone(),
            base: config.base_path.clone(),
            home: config.href(""),
            css: config.href("style.css"),
            feed: config.href("feed.xml"),
            nav,
            pages: pages
                .iter()
                .map(|p| link(&page_path(p), &p.title))
                .collect(),
            data_links: vec![
                link("du-lieu/articles.json", "articles.json"),
                link("du-lieu/events.json", "events.json"),
                link("du-lieu/articles.csv", "articles.csv"),
                link("feed.xml", "Atom feed"),
            ],
            footer_nav_html: String::new(),
        };
        site.footer_nav_html = site.footer_nav();
        site
    }

    /// The site navigation as HTML, the item of `section` (a `PageMeta`
    /// section) marked as the current page; what `base.html` gets as
    /// `page.nav_html`. It is the same for every page of a section, and
    /// looping over `nav` in Tera on every page cost over a quarter of
    /// the render.
    pub fn nav_html(&self, section: &str) -> String {
        let mut out = String::with_capacity(128 * self.nav.len());
        for n in &self.nav {
            out.push_str("<li><a href=\"");
            push_escaped_html(&mut out, &n.href);
            out.push('"');
            if n.section == section {
                out.push_str(" aria-current=\"page\"");
            }
            out.push('>');
            push_escaped_html(&mut out, &n.label);
            out.push_str("</a></li>\n");
        }
        out
    }

    /// The footer's two lists of links: the editorial pages (left out when
    /// there are none) and the data downloads.
    fn footer_nav(&self) -> String {
        fn items(out: &mut String, links: &[Link]) {
            out.push_str("<ul>\n");
            for l in links {
                out.push_str("<li>");
                super::fragments::link(out, &l.href, &l.label);
                out.push_str("</li>\n");
            }
            out.push_str("\n</ul>\n</nav>");
        }
        let mut out = String::with_capacity(128 * (self.pages.len() + self.data_links.len()) + 128);
        if !self.pages.is_empty() {
            out.push_str("<nav aria-label=\"Giới thiệu\">\n");
            items(&mut out, &self.pages);
        }
        out.push_str("\n<nav aria-label=\"Dữ liệu\">\n");
        items(&mut out, &self.data_links);
        out
    }
}

/// Per-page head: title, description, canonical URL, nav section.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub section: &'static str,
    /// Open Graph type: `website`, or `article` on article pages.
    pub og_type: &'static str,
    /// JSON-LD for the page, already made safe for a script element.
    pub jsonld: Option<String>,
}

impl PageMeta {
    pub fn new(config: &Config, path: &str, title: &str, section: &'static str) -> PageMeta {
        PageMeta {
            title: title.to_string(),
            description: config.description.clone(),
            canonical: config.absolute(path),
            section,
            og_type: "website",
            jsonld: None,
        }
    }

    /// Attach structured data (see `jsonld::script_safe`).
    pub fn with_jsonld<T: serde::Serialize>(mut self, v: &T) -> PageMeta {
        self.jsonld = Some(super::jsonld::script_safe(v));
        self
    }

    pub fn described(mut self, description: String) -> PageMeta {
        if !description.trim().is_empty() {
            self.description = description;
        }
        self
    }
}

pub fn page_path(p: &EditorialPage) -> String {
    format!("trang/{}/", p.slug)
}

pub fn district_path(slug: &str) -> String {
    ["quan-huyen/", slug, "/"].concat()
}

pub fn person_path(slug: &str) -> String {
    ["nhan-vat/", slug, "/"].concat()
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
// The derived code becomes `ArticleRef::serialize`, which the `Serialize`
// impl below calls; the impl may give the hash instead.
#[serde(remote = "Self")]
pub struct ArticleRef {
    pub title: String,
    pub href: String,
    pub date: Option<DateView>,
    pub districts: Vec<String>,
    pub summary: String,
    /// The hash of the fields above, once `Lookups::hash_refs` ran; else 0.
    #[serde(skip)]
    pub made_from: u64,
}

impl Serialize for ArticleRef {
    /// The fields, except inside `digest::hash_listed`, which hashes a
    /// page's view: there a hashed ref is its hash. A person or district
    /// page lists thousands of articles, each listed by dozens of pages;
    /// hashing the views in full cost as much as rendering them.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.made_from != 0 && crate::digest::listing() {
            s.serialize_u64(self.made_from)
        } else {
            ArticleRef::serialize(self, s)
        }
    }
}

/// Lookups by id, built once per build.
pub struct Lookups<'a> {
    pub config: &'a Config,
    pub archive: &'a Archive,
    pub refs: HashMap<&'a str, ArticleRef>,
    pub events: HashMap<&'a str, &'a ArchiveEvent>,
    pub district_slug: HashMap<String, &'a str>,
    pub person_slug: HashMap<String, &'a str>,
    pub person_name: HashMap<&'a str, &'a str>,
    /// Article ids, newest first.
    pub newest: Vec<&'a str>,
    /// `name_key` of each district and person name the archive states and
    /// of each role it gives, as link worked them out (`Archive::name_keys`):
    /// a few hundred strings recur across thousands of articles and pages,
    /// and each key costs a normalisation.
    name_keys: &'a rustc_hash::FxHashMap<String, String>,
}

/// The date an article is listed under.
fn list_date(a: &Article) -> Option<DateView> {
    if let Some(p) = &a.published {
        let mut d = dates::published(p);
        // Lists show the day; the page shows the time too.
        if let Some((day, _)) = p.split_once('T') {
            d = dates::date(day, None);
        }
        return Some(d);
    }
    let e = a.event.as_ref()?;
    e.start.as_deref().map(|s| dates::date(s, e.precision))
}

impl<'a> Lookups<'a> {
    pub fn new(archive: &'a Archive, config: &'a Config) -> Lookups<'a> {
        // Every page waits for these: build them on all cores.
        let (refs, newest) = rayon::join(
            || {
                archive
                    .articles
                    .par_iter()
                    .map(|a| {
                        (
                            a.id.as_str(),
                            ArticleRef {
                                title: a.title.clone(),
                                href: config.href(&a.url),
                                date: list_date(a),
                                districts: a.districts.clone(),
                                summary: a.summary(),
                                made_from: 0,
                            },
                        )
                    })
                    .collect()
            },
            || {
                let mut newest: Vec<&Article> = archive.articles.iter().collect();
                newest.sort_by(|a, b| {
                    article_date(b)
                        .cmp(&article_date(a))
                        .then_with(|| a.id.cmp(&b.id))
                });
                newest
            },
        );
        let name_keys = &*archive.name_keys;
        let key = |s: &str| name_keys.get(s).cloned().unwrap_or_else(|| name_key(s));
        Lookups {
            config,
            archive,
            refs,
            events: archive.events.iter().map(|e| (e.id.as_str(), e)).collect(),
            district_slug: archive
                .districts
                .iter()
                .map(|d| (key(&d.name), d.slug.as_str()))
                .collect(),
            person_slug: archive
                .people
                .iter()
                .map(|p| (key(&p.name), p.slug.as_str()))
                .collect(),
            person_name: archive
                .people
                .iter()
                .map(|p| (p.slug.as_str(), p.name.as_str()))
                .collect(),
            newest: newest.into_iter().map(|a| a.id.as_str()).collect(),
            name_keys,
        }
    }

    /// `name_key(s)`, worked out once per build for the names and roles
    /// the archive states.
    pub fn name_key<'s>(&'s self, s: &str) -> std::borrow::Cow<'s, str> {
        match self.name_keys.get(s) {
            Some(key) => std::borrow::Cow::Borrowed(key),
            None => std::borrow::Cow::Owned(name_key(s)),
        }
    }

    /// The slug of the page of the district called `name`, if it has one.
    pub fn district_slug_of(&self, name: &str) -> Option<&'a str> {
        self.district_slug
            .get(self.name_key(name).as_ref())
            .copied()
    }

    /// The slug of the page of the person called `name`, if they have one.
    pub fn person_slug_of(&self, name: &str) -> Option<&'a str> {
        self.person_slug.get(self.name_key(name).as_ref()).copied()
    }

    /// Hash each listed article (`ArticleRef::made_from`), for a build
    /// that compares what pages are made from with the last build's.
    pub fn hash_refs(&mut self) {
        self.refs
            .par_iter_mut()
            .for_each(|(_, r)| r.made_from = crate::digest::hash(r).max(1));
    }

    /// The listed articles, borrowed: a person or district page lists
    /// thousands, and the view only lives until the page is rendered.
    pub fn article_refs<'s>(&self, ids: impl IntoIterator<Item = &'s String>) -> Vec<&ArticleRef> {
        ids.into_iter()
            .filter_map(|id| self.refs.get(id.as_str()))
            .collect()
    }

    fn district_link(&self, name: &str) -> Option<Link> {
        self.district_slug_of(name).map(|slug| Link {
            href: self.config.href(&district_path(slug)),
            label: name.to_string(),
        })
    }

    fn person_link(&self, slug: &str) -> Option<Link> {
        self.person_name.get(slug).map(|name| Link {
            href: self.config.href(&person_path(slug)),
            label: name.to_string(),
        })
    }

    pub fn event_view(&self, e: &ArchiveEvent) -> EventView<'_> {
        EventView {
            id: e.id.clone(),
            title: e.title.clone(),
            kind: e.kind.label_vi(),
            kind_slug: e.kind.slug(),
            level: level_vi(e.level),
            district: e.district.as_deref().and_then(|d| self.district_link(d)),
            place: match (e.level, e.district.as_deref()) {
                (Level::District, Some(d)) => crate::text::slug_of(d, 80),
                (Level::District, None) => "quan-huyen".to_string(),
                (Level::City, _) => "thanh-pho".to_string(),
                (Level::National, _) => "toan-quoc".to_string(),
                (Level::Commune, _) => "phuong-xa".to_string(),
            },
            date: e
                .start
                .as_deref()
                .map(|s| dates::range(s, e.end.as_deref(), e.precision)),
            term: e.term.as_deref().map(term_label),
            inferred: e.inferred,
            basis: e.basis.clone(),
            editor: e.source == FactSource::Editor,
            articles: self.article_refs(&e.articles),
            conflicts: e.conflicts.clone(),
            href: self.config.href(&format!("dong-thoi-gian/#{}", e.id)),
        }
    }
}

pub fn level_vi(l: Level) -> &'static str {
    match l {
        Level::District => "cấp quận, huyện",
        Level::City => "cấp thành phố",
        Level::National => "toàn quốc",
        Level::Commune => "cấp phường, xã",
    }
}

/// "2020-2025" -> "2020–2025".
fn term_label(t: &str) -> String {
    t.replacen('-', "–", 1)
}

/// An event on the timeline and district pages.
#[derive(Debug, Clone, Serialize)]
pub struct EventView<'l> {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub kind_slug: &'static str,
    pub level: &'static str,
    pub district: Option<Link>,
    /// The filter key of the body holding the event: a district's slug,
    /// `thanh-pho` or `toan-quoc`.
    pub place: String,
    pub date: Option<DateView>,
    pub term: Option<String>,
    pub inferred: bool,
    pub basis: Option<String>,
    pub editor: bool,
    pub articles: Vec<&'l ArticleRef>,
    pub conflicts: Vec<String>,
    pub href: String,
}

// ---------------------------------------------------------------- article

/// Borrows the article's text rather than copying it: a page's body is
/// most of its bytes, and the view only lives until the page is rendered.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    pub id: String,
    pub title: String,
    pub title_derived: bool,
    pub title_editor: bool,
    pub kicker: Option<String>,
    pub published: Option<DateView>,
    pub breadcrumbs: Vec<Link>,
    pub blocks: Vec<BlockView<'a>>,
    pub facts: Vec<FactGroup>,
    pub removed: Vec<RemovedView<'a>>,
    pub source_href: String,
    pub source_file: String,
    pub related: Vec<ArticleRef>,
    /// "Trích dẫn": how to cite this page.
    pub citation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockView<'a> {
    pub index: usize,
    pub kind: &'static str,
    pub text: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct RemovedView<'a> {
    /// The HTML id (`l42`), absent when a line number repeats.
    pub id: Option<String>,
    pub line: usize,
    pub text: &'a str,
    pub reason: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactGroup {
    pub title: String,
    pub items: Vec<Fact>,
}

/// One fact in the sidebar, with where it was read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fact {
    pub label: Option<String>,
    pub value: String,
    /// A page about the value (district, person, timeline), or an external source.
    pub href: Option<String>,
    pub external: bool,
    pub date: Option<DateView>,
    pub note: Option<String>,
    pub evidence: Option<EvidenceLink>,
    /// Set or changed by an editor in a sidecar file.
    pub editor: bool,
    /// The value was inferred; the basis in words (may be empty).
    pub inferred: bool,
    pub basis: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLink {
    pub href: String,
    pub label: String,
    pub text: String,
}

/// Per-article context for facts: which fields an editor corrected, and how
/// to point at a block.
struct FactCtx<'a> {
    article: &'a Article,
    /// The article's body, read back if it was spilled.
    body: &'a [Block],
    /// Its removed lines, likewise.
    removed: &'a [Removed],
    source_href: String,
}

impl FactCtx<'_> {
    fn corrected(&self, field: &str) -> bool {
        self.article.corrected.iter().any(|c| {
            c == field
                || c.strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }

    /// A link to the block (or title) a fact was read from. A block index
    /// outside the body gives no link rather than a broken one.
    fn evidence(&self, ev: &Evidence) -> Option<EvidenceLink> {
        let (href, label) = match ev.place {
            Place::Editor => return None,
            Place::Title | Place::Kicker => ("#tieu-de".to_string(), "tiêu đề".to_string()),
            Place::Body => {
                let b = ev.block.filter(|b| *b < self.body.len())?;
                (format!("#b{b}"), format!("đoạn {}", b + 1))
            }
        };
        Some(EvidenceLink {
            href,
            label,
            text: ev.text.clone(),
        })
    }

    /// The removed raw line numbered `line`, if it is one.
    fn at_line(&self, line: usize) -> Option<EvidenceLink> {
        let r = self.removed.iter().find(|r| r.line == line)?;
        Some(EvidenceLink {
            href: format!("#l{line}"),
            label: format!("dòng {line}"),
            text: r.text.clone(),
        })
    }

    /// Where a metadata value (an author, the date line) came from: the
    /// removed line that held it, else the block that holds it, else the raw file.
    fn locate(&self, value: &str) -> EvidenceLink {
        let finder = memchr::memmem::Finder::new(value);
        let holds = |text: &str| finder.find(text.as_bytes()).is_some();
        // Only the first removed line with a given number is looked at
        // (later ones have no anchor of their own); checking earlier lines
        // only on a match is cheaper than hashing every line number.
        let removed = self.removed;
        for (i, r) in removed.iter().enumerate() {
            if holds(&r.text) && !removed[..i].iter().any(|p| p.line == r.line) {
                return EvidenceLink {
                    href: format!("#l{}", r.line),
                    label: format!("dòng {}", r.line),
                    text: r.text.clone(),
                };
            }
        }
        if holds(&self.article.title) {
            return EvidenceLink {
                href: "#tieu-de".into(),
                label: "tiêu đề".into(),
                text: self.article.title.clone(),
            };
        }
        for (i, b) in self.body.iter().enumerate() {
            if holds(&b.text) {
                return EvidenceLink {
                    href: format!("#b{i}"),
                    label: format!("đoạn {}", i + 1),
                    text: value.to_string(),
                };
            }
        }
        EvidenceLink {
            href: self.source_href.clone(),
            label: "bản gốc".into(),
            text: value.to_string(),
        }
    }
}

fn fact(label: &str, value: impl Into<String>) -> Fact {
    Fact {
        label: Some(label.to_string()).filter(|l| !l.is_empty()),
        value: value.into(),
        ..Fact::default()
    }
}

/// One article's own statement of an event, as sidebar rows.
fn event_facts(
    e: &Event,
    cx: &FactCtx,
    lk: &Lookups,
    field: &str,
    event_id: Option<&str>,
) -> Vec<Fact> {
    let ev = e.evidence.as_ref().and_then(|ev| cx.evidence(ev));
    let by_editor = e.source == FactSource::Editor
        || e.evidence
            .as_ref()
            .is_some_and(|ev| ev.place == Place::Editor);
    let mark = |mut f: Fact, sub: &str| {
        f.evidence = ev.clone();
        f.editor = by_editor || cx.corrected(field) || cx.corrected(&format!("{field}.{sub}"));
        f
    };
    // Up to seven rows; a Fact is large, so grow once.
    let mut out = Vec::with_capacity(7);
    let mut kind = fact("Loại", e.kind.label_vi());
    if let Some(ev) = event_id.and_then(|id| lk.events.get(id)) {
        kind.note = Some(ev.title.clone());
        kind.href = Some(lk.config.href(&format!("dong-thoi-gian/#{}", ev.id)));
    }
    out.push(mark(kind, "kind"));
    out.push(mark(fact("Cấp", level_vi(e.level)), "level"));
    if let Some(d) = &e.district {
        let mut f = fact("Quận, huyện", d.clone());
        f.href = lk.district_link(d).map(|l| l.href);
        out.push(mark(f, "district"));
    }
    if let Some(o) = e.ordinal {
        out.push(mark(fact("Lần thứ", to_roman(o)), "ordinal"));
    }
    if let Some(k) = e.term_number {
        out.push(mark(fact("Khóa", to_roman(k)), "term_number"));
    }
    if let Some(t) = &e.term {
        out.push(mark(fact("Nhiệm kỳ", term_label(t)), "term"));
    }
    if let Some(s) = &e.start {
        let d = dates::range(s, e.end.as_deref(), e.precision);
        let mut f = fact("Thời gian", d.label.clone());
        f.date = Some(d);
        f.inferred = e.inferred;
        f.basis = e.basis.clone();
        let mut f = mark(f, "start");
        f.editor = f.editor || cx.corrected(&format!("{field}.end"));
        out.push(f);
    }
    out
}

/// A one-line summary of a mentioned event.
fn event_line(e: &Event) -> String {
    let mut s = e.kind.label_vi().to_string();
    if let Some(d) = &e.district {
        s.push_str(&format!(" — {d}"));
    }
    if let Some(o) = e.ordinal {
        s.push_str(&format!(" lần thứ {}", to_roman(o)));
    }
    if let Some(t) = &e.term {
        s.push_str(&format!(", nhiệm kỳ {}", term_label(t)));
    }
    s
}

/// The view of article `a`'s page; `own` is what only the page shows
/// (read back by the caller when it was spilled).
pub fn article<'a>(a: &'a Article, own: &'a OwnParts<'a>, lk: &Lookups) -> ArticleView<'a> {
    let body: &[Block] = &own.body;
    let config = lk.config;
    let source_href = config.href(&format!("{}nguon.txt", a.url));
    let cx = FactCtx {
        article: a,
        body,
        removed: &own.removed,
        source_href: source_href.clone(),
    };
    let mut facts = Vec::new();

    // Districts.
    let items: Vec<Fact> = a
        .districts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let ev = a.district_evidence.get(i);
            Fact {
                href: lk.district_link(d).map(|l| l.href),
                evidence: ev.and_then(|e| cx.evidence(e)),
                editor: cx.corrected("districts") || ev.is_some_and(|e| e.place == Place::Editor),
                ..fact("", d.clone())
            }
        })
        .collect();
    if !items.is_empty() {
        facts.push(FactGroup {
            title: "Quận, huyện".into(),
            items,
        });
    }

    if let Some(e) = &a.event {
        facts.push(FactGroup {
            title: "Sự kiện".into(),
            items: event_facts(e, &cx, lk, "event", a.event_id.as_deref()),
        });
    }

    let items: Vec<Fact> = a
        .events_mentioned
        .iter()
        .map(|e| {
            let date = e
                .start
                .as_deref()
                .map(|s| dates::range(s, e.end.as_deref(), e.precision));
            Fact {
                note: date.as_ref().map(|d| d.label.clone()),
                date,
                evidence: e.evidence.as_ref().and_then(|ev| cx.evidence(ev)),
                editor: e.source == FactSource::Editor,
                inferred: e.inferred,
                basis: e.basis.clone(),
                ..fact("", event_line(e))
            }
        })
        .collect();
    if !items.is_empty() {
        facts.push(FactGroup {
            title: "Sự kiện được nhắc đến".into(),
            items,
        });
    }

    let items: Vec<Fact> = a
        .people
        .iter()
        .map(|p| Fact {
            href: lk
                .person_slug_of(&p.name)
                .map(|s| config.href(&person_path(s))),
            note: Some(p.roles.join("; ")).filter(|r| !r.is_empty()),
            evidence: p.evidence.iter().find_map(|e| cx.evidence(e)),
            editor: p.source == FactSource::Editor
                || p.evidence.iter().any(|e| e.place == Place::Editor)
                || cx.corrected("people"),
            ..fact("", p.name.clone())
        })
        .collect();
    if !items.is_empty() {
        facts.push(FactGroup {
            title: "Nhân vật".into(),
            items,
        });
    }

    let items: Vec<Fact> = own
        .documents
        .iter()
        .map(|d| {
            let mut value = d.kind.clone();
            if let Some(n) = &d.number {
                value.push_str(&format!(" số {n}"));
            }
            let mut note = Vec::new();
            if let Some(i) = &d.issuer {
                note.push(i.clone());
            }
            if let Some(date) = &d.date {
                note.push(format!("ngày {}", dates::date(date, None).label));
            }
            Fact {
                note: Some(note.join(", ")).filter(|n| !n.is_empty()),
                evidence: d.evidence.as_ref().and_then(|e| cx.evidence(e)),
                editor: d
                    .evidence
                    .as_ref()
                    .is_some_and(|e| e.place == Place::Editor),
                ..fact("", value)
            }
        })
        .collect();
    if !items.is_empty() {
        facts.push(FactGroup {
            title: "Văn bản được dẫn".into(),
            items,
        });
    }

    let items: Vec<Fact> = own
        .figures
        .iter()
        .map(|f| Fact {
            note: Some(f.context.clone()).filter(|c| !c.is_empty()),
            evidence: f.evidence.as_ref().and_then(|e| cx.evidence(e)),
            ..fact("", f.text.clone())
        })
        .collect();
    if !items.is_empty() {
        facts.push(FactGroup {
            title: "Số liệu".into(),
            items,
        });
    }

    let mut items = Vec::with_capacity(a.authors.len() + 4);
    for author in &a.authors {
        items.push(Fact {
            evidence: Some(cx.locate(author)),
            editor: cx.corrected("authors"),
            ..fact("Tác giả", author.clone())
        });
    }
    if let Some(p) = &a.publisher {
        // The line the name was read on; an outlet's canonical name is
        // not in the text when the article abbreviates it ("HNM").
        let written = a.publisher_evidence.as_ref();
        let evidence = written
            .and_then(|w| cx.at_line(w.line))
            .unwrap_or_else(|| cx.locate(p));
        items.push(Fact {
            evidence: Some(evidence),
            editor: cx.corrected("publisher"),
            note: written
                .filter(|w| w.text != *p)
                .map(|w| format!("bài ghi: {}", w.text)),
            ..fact("Cơ quan đăng", p.clone())
        });
    }
    if let Some(p) = &a.published {
        let d = dates::published(p);
        // The date line in the raw text is written "19/07/2020", not ISO:
        // look for the year, which both forms share.
        let year = p.get(..4).unwrap_or(p);
        let mut evidence = cx.locate(year);
        if evidence.label == "bản gốc" || !evidence.href.starts_with("#l") {
            evidence = cx.locate(p);
        }
        items.push(Fact {
            evidence: Some(evidence),
            editor: cx.corrected("published"),
            date: Some(d.clone()),
            ..fact("Ngày đăng", d.label)
        });
    }
    if let Some(u) = &a.source_url {
        let safe = u.starts_with("https://") || u.starts_with("http://");
        items.push(Fact {
            href: safe.then(|| u.clone()),
            external: true,
            evidence: Some(cx.locate(u)),
            editor: cx.corrected("source_url"),
            ..fact("Đường dẫn gốc", u.clone())
        });
    }
    items.push(Fact {
        href: Some(source_href.clone()),
        note: Some(format!("mã hóa {}", a.encoding)).filter(|_| !a.encoding.is_empty()),
        ..fact("Tệp gốc", a.source_file.clone())
    });
    facts.push(FactGroup {
        title: "Nguồn".into(),
        items,
    });

    let mut seen = HashSet::new();
    let removed = own
        .removed
        .iter()
        .map(|r| RemovedView {
            id: seen.insert(r.line).then(|| format!("l{}", r.line)),
            line: r.line,
            text: &r.text,
            reason: r.reason.label_vi(),
        })
        .collect();

    let mut breadcrumbs = vec![Link {
        href: config.href(""),
        label: "Trang chủ".into(),
    }];
    if let Some(d) = a.districts.first().and_then(|d| lk.district_link(d)) {
        breadcrumbs.push(Link {
            href: config.href("quan-huyen/"),
            label: "Quận/huyện".into(),
        });
        breadcrumbs.push(d);
    }

    ArticleView {
        id: a.id.clone(),
        title: a.title.clone(),
        title_derived: a.title_derived,
        title_editor: cx.corrected("title"),
        kicker: a.kicker.clone(),
        published: a.published.as_deref().map(dates::published),
        breadcrumbs,
        blocks: body
            .iter()
            .enumerate()
            .map(|(index, b)| BlockView {
                index,
                kind: match b.kind {
                    BlockKind::Paragraph => "paragraph",
                    BlockKind::Heading => "heading",
                    BlockKind::Caption => "caption",
                    BlockKind::Quote => "quote",
                },
                text: &b.text,
            })
            .collect(),
        facts,
        removed,
        source_href,
        source_file: a.source_file.clone(),
        related: lk
            .article_refs(lk.archive.related.get(&a.id).into_iter().flatten())
            .into_iter()
            .cloned()
            .collect(),
        citation: super::jsonld::citation(a, config),
    }
}

// ---------------------------------------------------------------- lists

#[derive(Debug, Clone, Serialize)]
pub struct DistrictSummary {
    pub name: String,
    pub slug: String,
    pub href: String,
    pub articles: usize,
    pub events: usize,
    pub people: usize,
}

pub fn district_summary(d: &DistrictEntry, lk: &Lookups) -> DistrictSummary {
    DistrictSummary {
        name: d.name.clone(),
        slug: d.slug.clone(),
        href: lk.config.href(&district_path(&d.slug)),
        articles: d.articles.len(),
        events: d.events.len(),
        people: d.people.len(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub term: String,
    pub congress: Option<Link>,
    pub congress_date: Option<DateView>,
    pub secretaries: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictView<'l> {
    pub name: String,
    pub note: &'static str,
    pub articles: Vec<&'l ArticleRef>,
    pub events: Vec<EventView<'l>>,
    pub terms: Vec<TermView>,
    pub people: Vec<Link>,
}

pub fn district<'l>(d: &DistrictEntry, lk: &'l Lookups) -> DistrictView<'l> {
    DistrictView {
        name: d.name.clone(),
        note: DISTRICT_LEVEL_NOTE,
        articles: lk.article_refs(&d.articles),
        events: d
            .events
            .iter()
            .filter_map(|id| lk.events.get(id.as_str()))
            .map(|e| lk.event_view(e))
            .collect(),
        terms: term_views(d, lk),
        people: d.people.iter().filter_map(|s| lk.person_link(s)).collect(),
    }
}

/// A district's terms (nhiệm kỳ), each with the congress that opened it
/// and the secretaries named during it.
fn term_views(d: &DistrictEntry, lk: &Lookups) -> Vec<TermView> {
    d.terms
        .iter()
        .map(|t| {
            let congress = t.congress.as_deref().and_then(|id| lk.events.get(id));
            TermView {
                term: term_label(&t.term),
                congress: congress.map(|e| Link {
                    href: lk.config.href(&format!("dong-thoi-gian/#{}", e.id)),
                    label: e.title.clone(),
                }),
                congress_date: congress.and_then(|e| {
                    e.start
                        .as_deref()
                        .map(|s| dates::range(s, e.end.as_deref(), e.precision))
                }),
                secretaries: t
                    .secretaries
                    .iter()
                    .filter_map(|s| lk.person_link(s))
                    .collect(),
            }
        })
        .collect()
}

/// One district's band on the timeline: its terms in order.
#[derive(Debug, Clone, Serialize)]
pub struct TermBand {
    pub district: String,
    pub href: String,
    pub terms: Vec<TermView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearGroup<'l> {
    pub id: String,
    pub year: String,
    pub events: Vec<EventView<'l>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindGroup {
    pub id: String,
    pub slug: &'static str,
    pub label: &'static str,
    pub events: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineView<'l> {
    pub years: Vec<YearGroup<'l>>,
    pub kinds: Vec<KindGroup>,
    pub districts: Vec<DistrictSummary>,
    pub bands: Vec<TermBand>,
    pub count: usize,
}

pub fn timeline<'l>(lk: &'l Lookups) -> TimelineView<'l> {
    let mut years: Vec<YearGroup> = Vec::new();
    for e in &lk.archive.events {
        let year = e
            .start
            .as_deref()
            .and_then(|d| d.get(..4)?.parse::<i32>().ok());
        let (id, year) = match year {
            Some(y) => (format!("nam-{y}"), y.to_string()),
            None => ("khong-ro-nam".to_string(), "Chưa rõ năm".to_string()),
        };
        match years.last_mut() {
            Some(g) if g.id == id => g.events.push(lk.event_view(e)),
            _ => years.push(YearGroup {
                id,
                year,
                events: vec![lk.event_view(e)],
            }),
        }
    }
    let kinds = EventKind::ALL
        .iter()
        .map(|k| KindGroup {
            id: format!("loai-{}", k.slug()),
            slug: k.slug(),
            label: k.label_vi(),
            events: lk
                .archive
                .events
                .iter()
                .filter(|e| e.kind == *k)
                .map(|e| Link {
                    href: format!("#{}", e.id),
                    label: e.title.clone(),
                })
                .collect(),
        })
        .filter(|g| !g.events.is_empty())
        .collect();
    TimelineView {
        years,
        kinds,
        districts: lk
            .archive
            .districts
            .iter()
            .filter(|d| !d.events.is_empty())
            .map(|d| {
                let mut s = district_summary(d, lk);
                s.href = lk
                    .config
                    .href(&format!("{}#su-kien", district_path(&d.slug)));
                s
            })
            .collect(),
        bands: lk
            .archive
            .districts
            .iter()
            .filter(|d| !d.terms.is_empty())
            .map(|d| TermBand {
                district: d.name.clone(),
                href: lk.config.href(&district_path(&d.slug)),
                terms: term_views(d, lk),
            })
            .collect(),
        count: lk.archive.events.len(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub name: String,
    pub href: String,
    pub roles: Vec<String>,
    pub articles: usize,
}

/// Distinct roles in the order first stated.
fn distinct_roles(p: &PersonEntry, lk: &Lookups) -> Vec<String> {
    let mut seen = HashSet::new();
    p.roles
        .iter()
        .filter(|r| seen.insert(lk.name_key(&r.role)))
        .map(|r| r.role.clone())
        .collect()
}

pub fn person_summary(p: &PersonEntry, lk: &Lookups) -> PersonSummary {
    PersonSummary {
        name: p.name.clone(),
        href: lk.config.href(&person_path(&p.slug)),
        roles: distinct_roles(p, lk),
        articles: p.articles.len(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView<'l> {
    pub role: String,
    pub date: Option<DateView>,
    pub article: Option<&'l ArticleRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView<'l> {
    pub name: String,
    pub roles: Vec<RoleView<'l>>,
    pub articles: Vec<&'l ArticleRef>,
}

pub fn person<'l>(p: &PersonEntry, lk: &'l Lookups) -> PersonView<'l> {
    PersonView {
        name: p.name.clone(),
        roles: p
            .roles
            .iter()
            .map(|r| RoleView {
                role: r.role.clone(),
                date: r
                    .date
                    .as_deref()
                    .map(|d| dates::date(d.split('T').next().unwrap_or(d), None)),
                article: lk.refs.get(r.article.as_str()),
            })
            .collect(),
        articles: lk.article_refs(&p.articles),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub articles: usize,
    pub events: usize,
    pub districts: usize,
    pub people: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView<'l> {
    pub counts: Counts,
    pub newest: Vec<&'l ArticleRef>,
    pub events: Vec<EventView<'l>>,
    pub districts: Vec<DistrictSummary>,
}

/// How many articles and events the home page lists.
const HOME_ARTICLES: usize = 10;
const HOME_EVENTS: usize = 6;

pub fn home<'l>(lk: &'l Lookups) -> HomeView<'l> {
    let a = lk.archive;
    // The latest dated events, newest first.
    let events = a
        .events
        .iter()
        .filter(|e| e.start.is_some())
        .rev()
        .take(HOME_EVENTS)
        .map(|e| lk.event_view(e))
        .collect();
    HomeView {
        counts: counts(a),
        newest: lk
            .newest
            .iter()
            .take(HOME_ARTICLES)
            .filter_map(|id| lk.refs.get(id))
            .collect(),
        events,
        districts: a
            .districts
            .iter()
            .map(|d| district_summary(d, lk))
            .collect(),
    }
}

pub fn counts(a: &Archive) -> Counts {
    Counts {
        articles: a.articles.len(),
        events: a.events.len(),
        districts: a.districts.len(),
        people: a.people.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, CleanDoc, Facts, Part, RemovalReason, Removed};

    /// The keys `Lookups` works out once are `name_key`'s, for every name
    /// and role of the seeds and generated articles, and a name it never
    /// saw is keyed on the spot: the views find the same pages as when
    /// they keyed each name where they met it.
    #[test]
    fn lookups_key_names_as_name_key_does() {
        let archive = crate::corpus::sample_archive(4, 80);
        let config = Config::default();
        let lk = Lookups::new(&archive, &config);
        let mut names: Vec<&str> = Vec::new();
        for a in &archive.articles {
            names.extend(a.districts.iter().map(String::as_str));
            for p in &a.people {
                names.push(&p.name);
                names.extend(p.roles.iter().map(String::as_str));
            }
        }
        for p in &archive.people {
            names.extend(p.roles.iter().map(|r| r.role.as_str()));
        }
        assert!(names.len() > 300, "{}", names.len());
        let unseen = [
            "Quận ủy Hoàn Kiếm",
            "Nguyễn Văn Ánh",
            "Phó Bí thư Thường trực",
            "ĐỐNG ĐA",
        ];
        for name in names.iter().copied().chain(unseen) {
            assert_eq!(lk.name_key(name), name_key(name), "{name:?}");
            let key = name_key(name);
            assert_eq!(
                lk.district_slug_of(name),
                lk.district_slug.get(&key).copied()
            );
            assert_eq!(lk.person_slug_of(name), lk.person_slug.get(&key).copied());
        }
        // Every district page and person page is found by its own name.
        for d in &archive.districts {
            assert_eq!(lk.district_slug_of(&d.name), Some(d.slug.as_str()));
        }
        for p in &archive.people {
            assert_eq!(lk.person_slug_of(&p.name), Some(p.slug.as_str()));
        }
        // And names the archive states all come from the worked-out keys.
        assert!(names.iter().all(|n| lk.name_keys.contains_key(*n)));
    }

    /// `FactCtx::locate` as it was before it stopped hashing line numbers.
    fn locate_before(cx: &FactCtx, value: &str) -> EvidenceLink {
        let mut seen = HashSet::new();
        for r in cx.removed {
            if seen.insert(r.line) && r.text.contains(value) {
                return EvidenceLink {
                    href: format!("#l{}", r.line),
                    label: format!("dòng {}", r.line),
                    text: r.text.clone(),
                };
            }
        }
        if cx.article.title.contains(value) {
            return EvidenceLink {
                href: "#tieu-de".into(),
                label: "tiêu đề".into(),
                text: cx.article.title.clone(),
            };
        }
        for (i, b) in cx.body.iter().enumerate() {
            if b.text.contains(value) {
                return EvidenceLink {
                    href: format!("#b{i}"),
                    label: format!("đoạn {}", i + 1),
                    text: value.to_string(),
                };
            }
        }
        EvidenceLink {
            href: cx.source_href.clone(),
            label: "bản gốc".into(),
            text: value.to_string(),
        }
    }

    #[test]
    fn a_hashed_ref_stands_for_its_fields_only_in_a_listing_hash() {
        let mut r = ArticleRef {
            title: "Đại hội <Ba Đình>".into(),
            href: "/bai-viet/a/".into(),
            date: None,
            districts: vec!["Ba Đình".into()],
            summary: "Tóm tắt".into(),
            made_from: 0,
        };
        let full = serde_json::to_string(&r).unwrap();
        assert!(full.contains("Tóm tắt") && !full.contains("made_from"));
        // Unhashed, a listing hash reads the fields.
        assert_eq!(crate::digest::hash_listed(&r), crate::digest::hash(&r));
        r.made_from = crate::digest::hash(&r);
        assert_eq!(
            crate::digest::hash_listed(&[&r]),
            crate::digest::hash(&[r.made_from])
        );
        // The listing ends with the hash: pages and data get the fields.
        assert_eq!(serde_json::to_string(&r).unwrap(), full);
        assert!(!crate::digest::listing());
    }

    #[test]
    fn locate_matches_the_search_it_replaced() {
        let doc = CleanDoc {
            source_file: "a.txt".into(),
            title: "Đại hội Đảng bộ quận <Ba Đình> & \"Đống Đa\"".into(),
            body: Block::paragraphs(&["Tác giả: Minh Anh viết", "ngày 19/07/2020 tại Hà Nội"]),
            ..CleanDoc::default()
        };
        let mut a = Article::assemble(doc, Facts::default(), "UTF-8");
        let removed = |line: usize, text: &str| Removed {
            line,
            text: text.into(),
            reason: RemovalReason::Banner,
        };
        // Line 3 repeats: its second text must not be found under line 3.
        a.removed = Part::Held(vec![
            removed(3, "TIN TỨC SỰ KIỆN"),
            removed(3, "Thu Hà - Báo Hànộimới"),
            removed(7, "Cập nhật: 19/07/2020 08:00"),
            removed(9, "Thu Hà"),
        ]);
        let cx = FactCtx {
            article: &a,
            body: a.body.held(),
            removed: a.removed.held(),
            source_href: "/bai-viet/a/nguon.txt".into(),
        };
        for value in [
            "Thu Hà",
            "2020",
            "TIN",
            "<Ba Đình>",
            "\"Đống Đa\"",
            "Minh Anh",
            "Hà Nội",
            "Không có",
            "",
            "Báo Hànộimới",
        ] {
            let (new, old) = (cx.locate(value), locate_before(&cx, value));
            assert_eq!(
                (new.href, new.label, new.text),
                (old.href, old.label, old.text),
                "{value:?}"
            );
        }
    }
}

#[cfg(test)]
mod site_nav_tests {
    //! The navigation and footer HTML against the `base.html` loops they
    //! replaced.
    use super::*;

    /// The loops as `base.html` had them.
    const OLD: &str = r#"{% for n in site.nav %}<li><a href="{{ n.href }}"{% if n.section == page.section %} aria-current="page"{% endif %}>{{ n.label }}</a></li>
{% endfor %}|{% if site.pages %}<nav aria-label="Giới thiệu">
<ul>
{% for p in site.pages %}<li><a href="{{ p.href }}">{{ p.label }}</a></li>
{% endfor %}
</ul>
</nav>{% endif %}
<nav aria-label="Dữ liệu">
<ul>
{% for d in site.data_links %}<li><a href="{{ d.href }}">{{ d.label }}</a></li>
{% endfor %}
</ul>
</nav>"#;

    const NASTY: &str = r#"<b>"Đống Đa" & 'Ba Đình'</b>"#;

    fn nasty(mut site: SiteView) -> SiteView {
        for n in &mut site.nav {
            n.href = format!("{}?q={NASTY}", n.href);
            n.label = format!("{} {NASTY}", n.label);
        }
        for l in site.pages.iter_mut().chain(&mut site.data_links) {
            l.href = format!("{}#{NASTY}", l.href);
            l.label = format!("{NASTY} {}", l.label);
        }
        site.footer_nav_html = site.footer_nav();
        site
    }

    #[test]
    fn nav_and_footer_match_the_template_loops_they_replaced() {
        let mut tera = (*crate::render::templates::load(None).unwrap()).clone();
        tera.add_raw_template("old.html", OLD).unwrap();
        let config = Config::default();
        let page = |slug: &str, title: &str| EditorialPage {
            slug: slug.into(),
            title: title.into(),
            order: 0,
            markdown: String::new(),
            source_file: String::new(),
        };
        let pages = [page("gioi-thieu", "Giới thiệu"), page("a&b", NASTY)];
        let sites = [
            SiteView::new(&config, &pages),
            SiteView::new(&config, &[]),
            nasty(SiteView::new(&config, &pages)),
        ];
        for site in &sites {
            let sections = site.nav.iter().map(|n| n.section);
            for section in sections.chain(["articles", "pages", "", "Home"]) {
                let mut ctx = tera::Context::new();
                ctx.insert("site", site);
                ctx.insert("page", &serde_json::json!({ "section": section }));
                let old = tera.render("old.html", &ctx).unwrap();
                let new = format!("{}|{}", site.nav_html(section), site.footer_nav_html);
                assert_eq!(new, old, "{section:?}");
            }
        }
    }
}

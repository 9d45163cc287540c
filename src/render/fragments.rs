//! The repeated parts of an article page, written as HTML in Rust: the body
//! blocks, the fact list with where each fact was read, the table of removed
//! lines and the related articles. A page has dozens of these rows, and
//! walking them in Tera (a variable lookup and an escape per field, a macro
//! call per date) was most of the cost of rendering an article page.
//!
//! Each function writes exactly what the template loop it replaced wrote,
//! byte for byte; `templates/article.html` says which variable holds which
//! fragment. Every piece of text goes through `push_escaped_html`, the escaper
//! Tera uses for the rest of the page: article text stays data, never markup.

use std::fmt::Write;

use serde::Serialize;

use super::dates::DateView;
use super::templates::push_escaped_html;
use super::views::{
    ArticleRef, ArticleView, BlockView, DistrictSummary, DistrictView, EventView, FactGroup, Link,
    PersonView, RemovedView, TermBand, TermView, TimelineView,
};

/// Append `s` escaped for HTML text or a quoted attribute.
fn text(out: &mut String, s: &str) {
    push_escaped_html(out, s);
}

/// Append a link, `<a href="href">label</a>`, both escaped.
pub(crate) fn link(out: &mut String, href: &str, label: &str) {
    out.push_str("<a href=\"");
    text(out, href);
    out.push_str("\">");
    text(out, label);
    out.push_str("</a>");
}

/// A date as the `date` macro in `macros.html` writes it.
pub fn date(out: &mut String, d: &DateView) {
    match d.iso.as_deref().filter(|iso| !iso.is_empty()) {
        Some(iso) => {
            out.push_str("<time datetime=\"");
            text(out, iso);
            out.push_str("\">");
            text(out, &d.label);
            out.push_str("</time>");
        }
        None => text(out, &d.label),
    }
}

/// A value that Tera would treat as true: present and not empty.
fn filled(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// The body blocks, each on its own line, with its `b<index>` anchor.
pub fn body(blocks: &[BlockView]) -> String {
    let size: usize = blocks.iter().map(|b| b.text.len() + 40).sum();
    let mut out = String::with_capacity(size + size / 8);
    for b in blocks {
        let (open, close) = match b.kind {
            "heading" => ("<h2 id=\"b", "</h2>"),
            "caption" => ("<figure id=\"b", "</figcaption></figure>"),
            "quote" => ("<blockquote id=\"b", "</p></blockquote>"),
            _ => ("<p id=\"b", "</p>"),
        };
        out.push_str(open);
        // Writing to a String cannot fail.
        let _ = write!(out, "{}", b.index);
        out.push_str(match b.kind {
            "caption" => "\"><figcaption>",
            "quote" => "\"><p>",
            _ => "\">",
        });
        text(&mut out, b.text);
        out.push_str(close);
        out.push('\n');
    }
    out
}

/// The fact sidebar: one section per group, one item per fact, each with
/// its marks (inferred, corrected by an editor) and a link to its evidence.
pub fn facts(groups: &[FactGroup]) -> String {
    let mut out = String::with_capacity(4096);
    for g in groups {
        out.push_str("<section>\n<h3>");
        text(&mut out, &g.title);
        out.push_str("</h3>\n<ul>\n");
        for f in &g.items {
            out.push_str("<li>\n");
            if let Some(label) = filled(&f.label) {
                out.push_str("<span class=\"fact-label\">");
                text(&mut out, label);
                out.push_str(":</span> ");
            }
            out.push_str("<span class=\"fact-value\">");
            let href = filled(&f.href);
            if let Some(href) = href {
                out.push_str("<a href=\"");
                text(&mut out, href);
                out.push('"');
                if f.external {
                    out.push_str(" rel=\"nofollow noopener\"");
                }
                out.push('>');
            }
            match &f.date {
                Some(d) => date(&mut out, d),
                None => text(&mut out, &f.value),
            }
            if href.is_some() {
                out.push_str("</a>");
            }
            out.push_str("</span>\n");
            if let Some(note) = filled(&f.note) {
                out.push_str("<span class=\"fact-note\">");
                text(&mut out, note);
                out.push_str("</span>");
            }
            out.push('\n');
            if f.inferred {
                out.push_str("<span class=\"mark\" title=\"");
                text(&mut out, f.basis.as_deref().unwrap_or(""));
                out.push_str("\">suy luận</span>");
                if let Some(basis) = filled(&f.basis) {
                    out.push_str(" <span class=\"fact-note\">");
                    text(&mut out, basis);
                    out.push_str("</span>");
                }
            }
            out.push('\n');
            if f.editor {
                out.push_str("<span class=\"mark editor\">biên tập viên sửa</span>");
            }
            out.push('\n');
            if let Some(ev) = &f.evidence {
                out.push_str("<a class=\"evidence\" href=\"");
                text(&mut out, &ev.href);
                out.push_str("\" title=\"");
                text(&mut out, &ev.text);
                out.push_str("\">↪ ");
                text(&mut out, &ev.label);
                out.push_str("</a>");
            }
            out.push_str("\n</li>\n");
        }
        out.push_str("\n</ul>\n</section>\n");
    }
    out
}

/// The rows of the removed-lines table; a repeated line number has no id.
pub fn removed_rows(removed: &[RemovedView]) -> String {
    let size: usize = removed.iter().map(|r| r.text.len() + 60).sum();
    let mut out = String::with_capacity(size + size / 8);
    for r in removed {
        out.push_str("<tr");
        if let Some(id) = filled(&r.id) {
            out.push_str(" id=\"");
            text(&mut out, id);
            out.push('"');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "><td>{}</td><td>", r.line);
        text(&mut out, r.text);
        out.push_str("</td><td>");
        text(&mut out, r.reason);
        out.push_str("</td></tr>\n");
    }
    out
}

/// A list of articles as the `article_list` macro in `macros.html` writes
/// it, surrounding newlines included.
pub fn article_list<'a>(items: impl IntoIterator<Item = &'a ArticleRef>) -> String {
    let items = items.into_iter();
    let mut out = String::with_capacity(64 + items.size_hint().0 * 256);
    out.push_str("\n<ul class=\"article-list\">\n");
    for a in items {
        out.push_str("<li>\n<a href=\"");
        text(&mut out, &a.href);
        out.push_str("\">");
        text(&mut out, &a.title);
        out.push_str("</a>\n<span class=\"meta\">");
        if let Some(d) = &a.date {
            date(&mut out, d);
            if !a.districts.is_empty() {
                out.push_str(" · ");
            }
        }
        text(&mut out, &a.districts.join(", "));
        out.push_str("</span>\n</li>\n");
    }
    out.push_str("\n</ul>\n");
    out
}

/// An event as the `event` macro in `macros.html` writes it, surrounding
/// newlines included.
pub fn event(out: &mut String, e: &EventView, with_articles: bool) {
    out.push_str("\n<h3 class=\"event-title\">");
    if let Some(d) = &e.date {
        out.push_str("<span class=\"event-date\">");
        date(out, d);
        out.push_str("</span> ");
    }
    text(out, &e.title);
    out.push_str("</h3>\n<p class=\"meta\">");
    text(out, e.kind);
    out.push_str(" · ");
    text(out, e.level);
    if let Some(d) = &e.district {
        out.push_str(" · <a href=\"");
        text(out, &d.href);
        out.push_str("\">");
        text(out, &d.label);
        out.push_str("</a>");
    }
    if e.editor {
        out.push_str(" <span class=\"mark editor\">biên tập viên sửa</span>");
    }
    out.push_str("</p>\n");
    if e.inferred {
        out.push_str("<p class=\"inferred\"><span class=\"mark\">suy luận</span>");
        if let Some(basis) = filled(&e.basis) {
            out.push(' ');
            text(out, basis);
        }
        out.push_str("</p>");
    }
    out.push('\n');
    if !e.conflicts.is_empty() {
        out.push_str("<ul class=\"conflicts\">");
        for c in &e.conflicts {
            out.push_str("<li>");
            text(out, c);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push('\n');
    if with_articles && !e.articles.is_empty() {
        out.push_str("<p class=\"sources\">Nguồn: ");
        for (i, a) in e.articles.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            link(out, &a.href, &a.title);
        }
        out.push_str("</p>");
    }
    out.push('\n');
}

/// Where an event's list item on a page says the event belongs, for the
/// timeline's filters; district pages need no filter.
#[derive(Clone, Copy)]
enum EventItem {
    Plain,
    Filterable,
}

/// Events as `<li>` items, one per line, each with its anchor and the
/// event with its sources.
fn event_items(events: &[EventView], item: EventItem) -> String {
    let mut out = String::with_capacity(events.len() * 768);
    for e in events {
        out.push_str("<li id=\"");
        text(&mut out, &e.id);
        if let EventItem::Filterable = item {
            out.push_str("\" data-district=\"");
            text(&mut out, &e.place);
            out.push_str("\" data-kind=\"");
            text(&mut out, e.kind_slug);
        }
        out.push_str("\">");
        event(&mut out, e, true);
        out.push_str("</li>\n");
    }
    out
}

/// Links as `<li>` items, one per line.
fn link_items(links: &[Link]) -> String {
    let mut out = String::with_capacity(links.len() * 160);
    for l in links {
        out.push_str("<li><a href=\"");
        text(&mut out, &l.href);
        out.push_str("\">");
        text(&mut out, &l.label);
        out.push_str("</a></li>\n");
    }
    out
}

/// What `district.html` sees as `district` (see the template's header).
#[derive(Serialize)]
pub struct DistrictPage<'v> {
    pub name: &'v str,
    pub note: &'static str,
    pub article_count: usize,
    pub event_count: usize,
    pub terms: &'v [TermView],
    pub people: &'v [Link],
    /// Empty when the district has no events.
    pub events_html: String,
    /// Empty when the district has no articles.
    pub articles_html: String,
}

impl<'v> DistrictPage<'v> {
    pub fn new(v: &'v DistrictView) -> DistrictPage<'v> {
        DistrictPage {
            name: &v.name,
            note: v.note,
            article_count: v.articles.len(),
            event_count: v.events.len(),
            terms: &v.terms,
            people: &v.people,
            events_html: event_items(&v.events, EventItem::Plain),
            articles_html: if v.articles.is_empty() {
                String::new()
            } else {
                article_list(v.articles.iter().copied())
            },
        }
    }
}

/// One year of the timeline, its events made.
#[derive(Serialize)]
pub struct YearPage<'v> {
    pub id: &'v str,
    pub year: &'v str,
    pub events_html: String,
}

/// One kind of event on the timeline, its links made.
#[derive(Serialize)]
pub struct KindPage<'v> {
    pub id: &'v str,
    pub slug: &'static str,
    pub label: &'static str,
    pub count: usize,
    pub events_html: String,
}

/// What `timeline.html` sees as `timeline` (see the template's header).
#[derive(Serialize)]
pub struct TimelinePage<'v> {
    pub years: Vec<YearPage<'v>>,
    pub kinds: Vec<KindPage<'v>>,
    pub districts: &'v [DistrictSummary],
    pub bands: &'v [TermBand],
    pub count: usize,
}

impl<'v> TimelinePage<'v> {
    /// The page with `list(n)` standing for event list `n` (see `list`).
    pub fn with_lists(
        v: &'v TimelineView,
        mut list: impl FnMut(usize) -> String,
    ) -> TimelinePage<'v> {
        TimelinePage {
            years: v
                .years
                .iter()
                .enumerate()
                .map(|(n, y)| YearPage {
                    id: &y.id,
                    year: &y.year,
                    events_html: list(n),
                })
                .collect(),
            kinds: v
                .kinds
                .iter()
                .enumerate()
                .map(|(k, kind)| KindPage {
                    id: &kind.id,
                    slug: kind.slug,
                    label: kind.label,
                    count: kind.events.len(),
                    events_html: list(v.years.len() + k),
                })
                .collect(),
            districts: &v.districts,
            bands: &v.bands,
            count: v.count,
        }
    }

    /// Event list `n`: year `n`'s events, or past the years, kind
    /// `n - years`'s links.
    pub fn list(v: &TimelineView, n: usize) -> String {
        match v.years.get(n) {
            Some(y) => event_items(&y.events, EventItem::Filterable),
            None => v
                .kinds
                .get(n - v.years.len())
                .map(|k| link_items(&k.events))
                .unwrap_or_default(),
        }
    }
}

/// What `person.html` sees as `person` (see the template's header).
#[derive(Serialize)]
pub struct PersonPage<'v> {
    pub name: &'v str,
    /// Empty when no article states a role.
    pub roles_html: String,
    pub articles_html: String,
}

impl<'v> PersonPage<'v> {
    pub fn new(v: &'v PersonView) -> PersonPage<'v> {
        let mut roles = String::with_capacity(v.roles.len() * 256);
        for r in &v.roles {
            roles.push_str("<tr><td>");
            text(&mut roles, &r.role);
            roles.push_str("</td><td>");
            match &r.date {
                Some(d) => date(&mut roles, d),
                None => roles.push('—'),
            }
            roles.push_str("</td><td>");
            if let Some(a) = r.article {
                link(&mut roles, &a.href, &a.title);
            }
            roles.push_str("</td></tr>\n");
        }
        PersonPage {
            name: &v.name,
            roles_html: roles,
            articles_html: article_list(v.articles.iter().copied()),
        }
    }
}

/// What `article.html` sees as `article`: the few single values as they
/// are, and the repeated parts as escaped HTML (see the template's header).
#[derive(Serialize)]
pub struct ArticlePage<'v> {
    pub title: &'v str,
    pub title_derived: bool,
    pub title_editor: bool,
    pub kicker: Option<&'v str>,
    pub published: Option<&'v DateView>,
    pub breadcrumbs: &'v [Link],
    pub facts_html: String,
    pub body_html: String,
    pub removed_count: usize,
    pub removed_html: String,
    pub source_href: &'v str,
    pub source_file: &'v str,
    pub citation: &'v str,
    /// Empty when there are no related articles, so the section is left out.
    pub related_html: String,
}

impl<'v> ArticlePage<'v> {
    pub fn new(v: &'v ArticleView) -> ArticlePage<'v> {
        ArticlePage {
            title: &v.title,
            title_derived: v.title_derived,
            title_editor: v.title_editor,
            kicker: v.kicker.as_deref(),
            published: v.published.as_ref(),
            breadcrumbs: &v.breadcrumbs,
            facts_html: facts(&v.facts),
            body_html: body(&v.blocks),
            removed_count: v.removed.len(),
            removed_html: removed_rows(&v.removed),
            source_href: &v.source_href,
            source_file: &v.source_file,
            citation: &v.citation,
            related_html: if v.related.is_empty() {
                String::new()
            } else {
                article_list(&v.related)
            },
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each fragment against the template loop it replaced, on views that
    //! take every branch and carry text that needs escaping.
    use super::*;
    use crate::render::views::{EvidenceLink, Fact};

    /// The loops as `article.html` and `macros.html` had them.
    const OLD: &str = r#"{% import "macros.html" as m %}{% for g in facts %}<section>
<h3>{{ g.title }}</h3>
<ul>
{% for f in g.items %}<li>
{% if f.label %}<span class="fact-label">{{ f.label }}:</span> {% endif %}<span class="fact-value">{% if f.href %}<a href="{{ f.href }}"{% if f.external %} rel="nofollow noopener"{% endif %}>{% endif %}{% if f.date %}{{ m::date(d=f.date) }}{% else %}{{ f.value }}{% endif %}{% if f.href %}</a>{% endif %}</span>
{% if f.note %}<span class="fact-note">{{ f.note }}</span>{% endif %}
{% if f.inferred %}<span class="mark" title="{{ f.basis | default(value='') }}">suy luận</span>{% if f.basis %} <span class="fact-note">{{ f.basis }}</span>{% endif %}{% endif %}
{% if f.editor %}<span class="mark editor">biên tập viên sửa</span>{% endif %}
{% if f.evidence %}<a class="evidence" href="{{ f.evidence.href }}" title="{{ f.evidence.text }}">↪ {{ f.evidence.label }}</a>{% endif %}
</li>
{% endfor %}
</ul>
</section>
{% endfor %}|{% for b in blocks %}{% if b.kind == "heading" %}<h2 id="b{{ b.index }}">{{ b.text }}</h2>
{% elif b.kind == "caption" %}<figure id="b{{ b.index }}"><figcaption>{{ b.text }}</figcaption></figure>
{% elif b.kind == "quote" %}<blockquote id="b{{ b.index }}"><p>{{ b.text }}</p></blockquote>
{% else %}<p id="b{{ b.index }}">{{ b.text }}</p>
{% endif %}{% endfor %}|{% for r in removed %}<tr{% if r.id %} id="{{ r.id }}"{% endif %}><td>{{ r.line }}</td><td>{{ r.text }}</td><td>{{ r.reason }}</td></tr>
{% endfor %}|{{ m::article_list(items=related) }}"#;

    const NASTY: &str = r#"<b>"Đống Đa" & 'Ba Đình'</b>"#;

    fn day(iso: Option<&str>) -> DateView {
        DateView {
            label: format!("1/7/2025 {NASTY}"),
            iso: iso.map(str::to_string),
        }
    }

    fn sample_facts() -> Vec<FactGroup> {
        let evidence = EvidenceLink {
            href: "#b1".into(),
            label: "đoạn 2".into(),
            text: NASTY.into(),
        };
        let items = vec![
            Fact {
                value: NASTY.into(),
                ..Fact::default()
            },
            Fact {
                label: Some(NASTY.into()),
                value: "v".into(),
                href: Some("https://example.org/?a=1&b=\"2\"".into()),
                external: true,
                note: Some(NASTY.into()),
                evidence: Some(evidence.clone()),
                editor: true,
                ..Fact::default()
            },
            Fact {
                label: Some(String::new()),
                value: "v".into(),
                href: Some(String::new()),
                date: Some(day(Some("2025-07-01"))),
                note: Some(String::new()),
                inferred: true,
                ..Fact::default()
            },
            Fact {
                value: "v".into(),
                href: Some("/quan-huyen/ba-dinh/".into()),
                date: Some(day(Some(""))),
                inferred: true,
                basis: Some(NASTY.into()),
                evidence: Some(evidence),
                ..Fact::default()
            },
            Fact {
                value: "v".into(),
                date: Some(day(None)),
                inferred: true,
                basis: Some(String::new()),
                ..Fact::default()
            },
        ];
        vec![
            FactGroup {
                title: NASTY.into(),
                items,
            },
            FactGroup {
                title: "Trống".into(),
                items: Vec::new(),
            },
        ]
    }

    fn sample_related() -> Vec<ArticleRef> {
        let article = |date, districts: &[&str]| ArticleRef {
            title: NASTY.into(),
            href: "/bai-viet/a&b/".into(),
            date,
            districts: districts.iter().map(|d| d.to_string()).collect(),
            summary: String::new(),
            made_from: 0,
        };
        vec![
            article(Some(day(Some("2025-07-01"))), &["Ba Đình", NASTY]),
            article(Some(day(None)), &[]),
            article(None, &["Đống Đa"]),
            article(None, &[]),
        ]
    }

    #[test]
    fn fragments_match_the_template_loops_they_replaced() {
        let mut tera = (*crate::render::templates::load(None).unwrap()).clone();
        tera.add_raw_template("old.html", OLD).unwrap();
        let kinds = ["paragraph", "heading", "caption", "quote"];
        let blocks: Vec<BlockView> = (0..6)
            .map(|index| BlockView {
                index,
                kind: kinds[index % kinds.len()],
                text: NASTY,
            })
            .collect();
        let removed = vec![
            RemovedView {
                id: Some("l3".into()),
                line: 3,
                text: NASTY,
                reason: "quảng cáo",
            },
            RemovedView {
                id: None,
                line: 3,
                text: "",
                reason: NASTY,
            },
        ];
        let facts = sample_facts();
        let related = sample_related();
        for related in [&related[..], &[]] {
            let mut ctx = tera::Context::new();
            ctx.insert("facts", &facts);
            ctx.insert("blocks", &blocks);
            ctx.insert("removed", &removed);
            ctx.insert("related", related);
            let old = tera.render("old.html", &ctx).unwrap();
            let new = [
                super::facts(&facts),
                body(&blocks),
                removed_rows(&removed),
                article_list(related),
            ]
            .join("|");
            assert_eq!(new, old);
        }
        assert_eq!(body(&[]), "");
        assert_eq!(removed_rows(&[]), "");
    }

    /// The list loops as `district.html`, `timeline.html` and `person.html`
    /// had them.
    const OLD_LISTS: &str = r#"{% import "macros.html" as m %}{% for e in events %}<li id="{{ e.id }}">{{ m::event(e=e, with_articles=true) }}</li>
{% endfor %}|{% for e in events %}<li id="{{ e.id }}" data-district="{{ e.place }}" data-kind="{{ e.kind_slug }}">{{ m::event(e=e, with_articles=true) }}</li>
{% endfor %}|{% for e in links %}<li><a href="{{ e.href }}">{{ e.label }}</a></li>
{% endfor %}|{% for r in roles %}<tr><td>{{ r.role }}</td><td>{% if r.date %}{{ m::date(d=r.date) }}{% else %}—{% endif %}</td><td>{% if r.article %}<a href="{{ r.article.href }}">{{ r.article.title }}</a>{% endif %}</td></tr>
{% endfor %}|{{ m::article_list(items=articles) }}"#;

    #[test]
    fn list_fragments_match_the_template_loops_they_replaced() {
        use crate::render::views::RoleView;
        let mut tera = (*crate::render::templates::load(None).unwrap()).clone();
        tera.add_raw_template("old_lists.html", OLD_LISTS).unwrap();
        let refs = sample_related();
        let link = Link {
            href: "/quan-huyen/a&b/".into(),
            label: NASTY.into(),
        };
        let full = EventView {
            id: "ba-dinh-dai-hoi-\"1\"".into(),
            title: NASTY.into(),
            kind: "Đại hội",
            kind_slug: "dai-hoi",
            level: "cấp quận, huyện",
            district: Some(link.clone()),
            place: NASTY.into(),
            date: Some(day(Some("2025-07-01"))),
            term: Some("2025-2030".into()),
            inferred: true,
            basis: Some(NASTY.into()),
            editor: true,
            articles: refs.iter().collect(),
            conflicts: vec![NASTY.into(), "hai".into()],
            href: "/dong-thoi-gian/#x".into(),
        };
        let bare = EventView {
            district: None,
            date: Some(day(None)),
            basis: Some(String::new()),
            editor: false,
            articles: Vec::new(),
            conflicts: Vec::new(),
            ..full.clone()
        };
        let bare_inferred = EventView {
            date: None,
            basis: None,
            inferred: true,
            ..bare.clone()
        };
        let plain = EventView {
            inferred: false,
            articles: vec![&refs[0]],
            ..bare.clone()
        };
        let events = vec![full, bare, bare_inferred, plain];
        let roles = vec![
            RoleView {
                role: NASTY.into(),
                date: Some(day(Some("2025-07-01"))),
                article: Some(&refs[0]),
            },
            RoleView {
                role: "Bí thư".into(),
                date: None,
                article: None,
            },
            RoleView {
                role: String::new(),
                date: Some(day(None)),
                article: Some(&refs[1]),
            },
        ];
        let links = vec![link.clone(), link];
        let mut ctx = tera::Context::new();
        ctx.insert("events", &events);
        ctx.insert("links", &links);
        ctx.insert("roles", &roles);
        ctx.insert("articles", &refs);
        let old = tera.render("old_lists.html", &ctx).unwrap();
        let person = PersonView {
            name: NASTY.into(),
            roles,
            articles: refs.iter().collect(),
        };
        let person = PersonPage::new(&person);
        let new = [
            event_items(&events, EventItem::Plain),
            event_items(&events, EventItem::Filterable),
            link_items(&links),
            person.roles_html,
            person.articles_html,
        ]
        .join("|");
        assert_eq!(new, old);
        assert_eq!(event_items(&[], EventItem::Plain), "");
    }
}

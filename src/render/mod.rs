//! render: Archive -> pages. Tera templates (embedded, overridable from
//! `templates/`) to HTML, plus the feed, sitemap and data downloads.
//! Render never parses article text: it only lays out what link produced,
//! and article text only ever reaches a page as escaped template data.

pub mod data;
mod dates;
mod feed;
mod fragments;
pub mod jsonld;
mod markdown;
mod templates;
pub mod views;

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::error::Result;
use crate::link::Archive;
use crate::model::{Article, RawDoc};
use crate::write::{Collect, Page, Sink};
use views::{Lookups, PageMeta, SiteView};

/// Told how many article pages are done, out of how many; for a progress bar.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Everything one template render needs besides its own data.
struct Renderer<'s> {
    tera: std::sync::Arc<Tera>,
    /// The context every page starts from: `site`, converted for Tera once
    /// rather than once per page.
    shared: Context,
    /// Contexts holding `site` that are free to render a page in: one is
    /// taken, given `page` and the page's data, and put back without them.
    /// Cloning `site` (a few dozen strings) for every page cost more than
    /// the lock.
    free: std::sync::Mutex<Vec<Context>>,
    /// `page.nav_html` by section (see `SiteView::nav_html`), and for a
    /// section the navigation does not have.
    navs: Vec<(&'static str, String)>,
    other_nav: String,
    sink: &'s dyn Sink,
    /// A random number for `mark`.
    nonce: u64,
    /// Whether pages are compared with the last build's (a remembering
    /// build): `page_unless_kept` hashes what each is made from.
    compare: bool,
    /// How many pages `page_unless_kept` made (rather than kept).
    listing_pages_made: std::sync::atomic::AtomicUsize,
}

impl Renderer<'_> {
    /// Render `template` with the shared context plus `key` = `data` into
    /// the sink, as the page at site path `path` (`quan-huyen/` ->
    /// `quan-huyen/index.html`). Returns the file's path.
    fn page<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        meta: &PageMeta,
        key: &str,
        data: &T,
    ) -> Result<String> {
        let (file, html) = self.render(template, path, meta, key, data)?;
        self.sink.put(&file, &html)?;
        Ok(file)
    }

    /// Render `template` as `page`, returning the file's path and bytes.
    fn render<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        meta: &PageMeta,
        key: &str,
        data: &T,
    ) -> Result<(String, Vec<u8>)> {
        debug_assert!(key != "site" && key != "page", "{key} is taken");
        // A poisoned lock only means a render panicked elsewhere.
        let free = self.free.lock().ok().and_then(|mut free| free.pop());
        let mut ctx = free.unwrap_or_else(|| self.shared.clone());
        ctx.insert(
            "page",
            &PageContext {
                meta,
                nav_html: self.nav_html(meta.section),
            },
        );
        ctx.insert(key, data);
        // Into bytes: `render` would check the whole page is UTF-8 again.
        let mut html = Vec::with_capacity(64 * 1024);
        let done = self.tera.render_to(template, &ctx, &mut html);
        // Back to `site` alone, for the next page.
        ctx.remove("page");
        ctx.remove(key);
        if let Ok(mut free) = self.free.lock() {
            free.push(ctx);
        }
        done.map_err(|e| templates::template_error(template, &e))?;
        Ok((file_of(path), html))
    }

    /// `page.nav_html` for a page of `section`.
    fn nav_html(&self, section: &str) -> &str {
        self.navs
            .iter()
            .find(|(s, _)| *s == section)
            .map_or(&self.other_nav, |(_, html)| html)
    }

    /// `page`, unless the last build made the page at `path` from the
    /// same template, meta and `view` (`data` is made from `view` alone)
    /// and the site still holds it, which is then kept. Returns the
    /// file's path and, when the build compares pages, the hash of what it
    /// is made from, for the next build.
    #[allow(clippy::too_many_arguments)]
    fn page_unless_kept<V: Serialize, T: Serialize>(
        &self,
        last: Option<&HashMap<String, u64>>,
        template: &str,
        path: &str,
        meta: &PageMeta,
        key: &str,
        view: &V,
        data: impl FnOnce() -> T,
    ) -> Result<(String, Option<u64>)> {
        let made_from = self
            .compare
            .then(|| crate::digest::hash_listed(&(template, meta, view)));
        let file = file_of(path);
        if made_from.is_some()
            && last.and_then(|l| l.get(&file)) == made_from.as_ref()
            && self.sink.keep(&file)?
        {
            return Ok((file, made_from));
        }
        self.listing_pages_made
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let file = self.page(template, path, meta, key, &data())?;
        Ok((file, made_from))
    }

    /// The start of a mark `page_in_pieces` replaces. Clean drops control
    /// characters such as U+0001 from article text, and a mark carries this
    /// build's random number besides: no text can stand for one.
    fn mark_start(&self) -> String {
        format!("\u{1}civic-archive-piece-{:016x}-", self.nonce)
    }

    /// Marks where piece `n` goes in a page made by `page_in_pieces`.
    fn mark(&self, n: usize) -> String {
        format!("{}{n}\u{1}", self.mark_start())
    }

    /// `page` for a page with long parts (the timeline's event lists and
    /// its JSON-LD, megabytes each on a large archive): the template is
    /// rendered with `mark(n)` standing for piece `n` in `meta` and
    /// `data`, and each piece is made by `piece(n, w)` while the page is
    /// written, so the pieces are never all held, nor copied into the
    /// template's context and again into the page.
    fn page_in_pieces<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        meta: &PageMeta,
        key: &str,
        data: &T,
        piece: &(dyn Fn(usize, &mut dyn std::io::Write) -> std::io::Result<()> + Sync),
    ) -> Result<String> {
        let (file, shell) = self.render(template, path, meta, key, data)?;
        self.sink.put_stream(&file, &mut |w| {
            // Wherever a template puts a mark, and however often.
            let start = self.mark_start();
            let mut rest = shell.as_slice();
            while let Some(at) = memchr::memmem::find(rest, start.as_bytes()) {
                let after = &rest[at + start.len()..];
                let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
                let n = std::str::from_utf8(&after[..digits])
                    .ok()
                    .and_then(|d| d.parse::<usize>().ok());
                match (n, after.get(digits)) {
                    (Some(n), Some(1)) => {
                        w.write_all(&rest[..at])?;
                        piece(n, w)?;
                        rest = &after[digits + 1..];
                    }
                    _ => {
                        w.write_all(&rest[..at + start.len()])?;
                        rest = after;
                    }
                }
            }
            w.write_all(rest)
        })?;
        Ok(file)
    }
}

/// What templates get as `page`: the page's head, and the site
/// navigation made for its section.
#[derive(Serialize)]
struct PageContext<'a> {
    #[serde(flatten)]
    meta: &'a PageMeta,
    nav_html: &'a str,
}

/// The file of the page at site path `path`: `quan-huyen/` ->
/// `quan-huyen/index.html`.
fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Render every page of the site into memory, with `raws` published as
/// each article's `nguon.txt`. For tests and tools; `build` streams.
pub fn render(
    archive: &Archive,
    raws: &[RawDoc],
    config: &Config,
    templates_dir: Option<&Path>,
    progress: Progress,
) -> Result<Vec<Page>> {
    let sink = Collect::default();
    let by_file: HashMap<&str, &RawDoc> =
        raws.iter().map(|r| (r.source_file.as_str(), r)).collect();
    let raw_file = |a: &Article| match by_file.get(a.source_file.as_str()) {
        Some(raw) => sink.put(&format!("{}nguon.txt", a.url), raw.bytes()),
        None => Ok(()),
    };
    render_into(
        archive,
        config,
        templates_dir,
        progress,
        &sink,
        &Reuse::default(),
        &raw_file,
    )?;
    let mut pages = sink.into_pages();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Render every page of the site into `sink`, each page as soon as it is
/// made; `raw_file(article)` puts the article's raw file beside its page.
///
/// `templates_dir` holds templates that replace built-in ones by name;
/// `progress` hears about article pages, the bulk of the work.
pub fn render_into(
    archive: &Archive,
    config: &Config,
    templates_dir: Option<&Path>,
    progress: Progress,
    sink: &dyn Sink,
    reuse: &Reuse,
    raw_file: &RawFile,
) -> Result<Rendered> {
    let mut lk = Lookups::new(archive, config);
    if reuse.keys.is_some() {
        lk.hash_refs();
    }
    let site = SiteView::new(config, &archive.pages);
    let mut shared = Context::new();
    shared.insert("site", &site);
    let r = Renderer {
        tera: templates::load(templates_dir)?,
        shared,
        free: Default::default(),
        navs: site
            .nav
            .iter()
            .map(|n| (n.section, site.nav_html(n.section)))
            .collect(),
        other_nav: site.nav_html(""),
        sink,
        nonce: {
            use std::hash::{BuildHasher, Hasher};
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        },
        compare: reuse.keys.is_some(),
        listing_pages_made: Default::default(),
    };
    let meta = |path: &str, title: &str, section| PageMeta::new(config, path, title, section);

    let total = archive.articles.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let shown = reuse.keys.map(|_| Shown::new(archive, &lk));
    // The article pages are the bulk of the work; the data downloads and
    // the gathered pages (the timeline alone is megabytes) are each made on
    // one thread, so they run beside the article pages, not after them.
    let gathered = || -> Result<Gathered> {
        if let Some(last) = reuse.gathered {
            if sink.keep_all(&last.paths)? {
                return Ok(last.clone());
            }
            // A page went missing from the site: make them all again.
        }
        let article_pages = archive
            .articles
            .iter()
            .map(|a| format!("{}index.html", a.url))
            .collect();
        let last = reuse.gathered_pages.map(|g| &g.made_from);
        let pieces = reuse
            .pieces
            .zip(shown.as_ref())
            .map(|(memo, shown)| PieceSource {
                memo,
                events: &shown.events,
            });
        render_gathered(archive, config, &r, &lk, article_pages, last, pieces)
    };
    let (article_pages, (articles_json, (gathered, articles_csv))) = rayon::join(
        || {
            archive
                .articles
                .par_iter()
                .map(|a| {
                    // Beside the page, not after all pages: the file goes
                    // into the folder just made, and a 100,000-article
                    // build writes it while others still render.
                    raw_file(a)?;
                    let made_from = reuse
                        .keys
                        .and_then(|keys| keys.get(&a.id))
                        .zip(shown.as_ref())
                        .map(|(key, shown)| shown.page_hash(a, *key, &lk));
                    let path = format!("{}index.html", a.url);
                    let unchanged = made_from.is_some()
                        && reuse.pages.and_then(|last| last.get(&a.id)) == made_from.as_ref();
                    if unchanged && sink.keep(&path)? {
                        return Ok((a.id.clone(), made_from, false));
                    }
                    let own = a.own_parts()?;
                    let view = views::article(a, &own, &lk);
                    let event = a
                        .event_id
                        .as_deref()
                        .and_then(|id| lk.events.get(id).copied());
                    let mut m = meta(&a.url, &a.title, "articles")
                        .described(
                            lk.refs
                                .get(a.id.as_str())
                                .map(|r| r.summary.clone())
                                .unwrap_or_default(),
                        )
                        .with_jsonld(&jsonld::article(a, config, event));
                    m.og_type = "article";
                    let page = fragments::ArticlePage::new(&view);
                    r.page("article.html", &a.url, &m, "article", &page)?;
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(n, total);
                    Ok((a.id.clone(), made_from, true))
                })
                .collect::<Result<Vec<_>>>()
        },
        || {
            rayon::join(
                || match reuse.pieces {
                    Some(memo) => sink.put_stream("du-lieu/articles.json", &mut |w| {
                        let line = |n, a: &Article| {
                            memo.of_article(Piece::ArticleLine, n, a, &|| data::article_line(a))
                        };
                        data::write_articles_json_with(&archive.articles, &line, w)
                    }),
                    None => sink.put_stream("du-lieu/articles.json", &mut |w| {
                        data::write_articles_json(&archive.articles, w)
                    }),
                },
                || {
                    rayon::join(gathered, || {
                        sink.put_stream("du-lieu/articles.csv", &mut |w| {
                            data::write_articles_csv(archive, reuse.pieces, w)
                        })
                    })
                },
            )
        },
    );
    let article_pages = article_pages?;
    articles_json?;
    articles_csv?;
    Ok(Rendered {
        gathered: gathered?,
        listing_pages_made: r.listing_pages_made.into_inner(),
        made: article_pages.iter().filter(|(_, _, made)| *made).count(),
        pages: article_pages
            .into_iter()
            .filter_map(|(id, hash, _)| Some((id, hash?)))
            .collect(),
    })
}

/// What `render_into` did.
pub struct Rendered {
    /// The pages made from many articles, written or kept, with
    /// `events.json`: the next build keeps them if nothing changed, and
    /// compares some page by page if something did.
    pub gathered: Gathered,
    /// Each article page's hash of what it was made from, by article id,
    /// when `Reuse::keys` was given.
    pub pages: HashMap<String, u64>,
    /// How many article pages were made anew (not kept from the last build).
    pub made: usize,
    /// How many district, person, list and home pages were made anew.
    pub listing_pages_made: usize,
}

/// What an article page shows of other articles and of the archive's
/// gatherings, hashed once per build: the page's event (its title,
/// timeline anchor and JSON-LD), the district and person pages it links
/// to, and the related articles it lists (by `ArticleRef::made_from`).
/// `views::article` and the page's `PageMeta` read nothing else from
/// outside the article but the site itself (configuration, templates,
/// editorial pages), which the builder compares for all pages at once.
struct Shown<'a> {
    events: HashMap<&'a str, u64>,
    /// The slug of the page of each district name the articles state.
    district_slugs: rustc_hash::FxHashMap<&'a str, Option<&'a str>>,
    /// The slug of the page of each person name the articles state.
    person_slugs: rustc_hash::FxHashMap<&'a str, Option<&'a str>>,
}

impl<'a> Shown<'a> {
    fn new(archive: &'a Archive, lk: &Lookups<'a>) -> Shown<'a> {
        use crate::digest::hash;
        let events = archive
            .events
            .par_iter()
            .map(|e| (e.id.as_str(), hash(e)))
            .collect();
        // The same few hundred names recur across thousands of articles:
        // each is looked up once, not once per page.
        let mut districts = rustc_hash::FxHashSet::default();
        let mut people = rustc_hash::FxHashSet::default();
        for a in &archive.articles {
            districts.extend(a.districts.iter().map(String::as_str));
            districts.extend(a.event.as_ref().and_then(|e| e.district.as_deref()));
            people.extend(a.people.iter().map(|p| p.name.as_str()));
        }
        Shown {
            events,
            district_slugs: districts
                .into_iter()
                .map(|n| (n, lk.district_slug_of(n)))
                .collect(),
            person_slugs: people
                .into_iter()
                .map(|n| (n, lk.person_slug_of(n)))
                .collect(),
        }
    }

    /// The hash of what article `a`'s page is made from, its raw file's
    /// content key being `key`.
    fn page_hash(&self, a: &Article, key: u128, lk: &Lookups) -> u64 {
        use std::hash::Hasher as _;
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.write_u128(key);
        for s in [
            a.id.as_str(),
            a.url.as_str(),
            a.event_id.as_deref().unwrap_or("\0"),
        ] {
            h.write(s.as_bytes());
            h.write_u8(0xff);
        }
        h.write_u64(
            a.event_id
                .as_deref()
                .and_then(|id| self.events.get(id))
                .copied()
                .unwrap_or_default(),
        );
        // The slug each district and person the page links is found under.
        let districts = a
            .districts
            .iter()
            .chain(a.event.as_ref().and_then(|e| e.district.as_ref()))
            .map(|d| self.district_slugs.get(d.as_str()).copied().flatten());
        let people = a
            .people
            .iter()
            .map(|p| self.person_slugs.get(p.name.as_str()).copied().flatten());
        for slug in districts.chain(people) {
            h.write(slug.map_or(b"\0".as_slice(), |s| s.as_bytes()));
            h.write_u8(0xff);
        }
        for id in lk.archive.related.get(&a.id).into_iter().flatten() {
            h.write(id.as_bytes());
            h.write_u64(lk.refs.get(id.as_str()).map_or(0, |r| r.made_from));
        }
        h.digest()
    }
}

/// The pages made from many articles: districts, people, the timeline, the
/// home page, the sitemap and feed, and the fixed pages. Returns the paths
/// written (with `events.json`), for the next build to keep.
///
/// The parts are made side by side: beside a full build's article pages
/// that hardly matters, but a rebuild after a changed fact makes few
/// article pages and waits for these.
fn render_gathered(
    archive: &Archive,
    config: &Config,
    r: &Renderer,
    lk: &Lookups,
    article_pages: Vec<String>,
    last: Option<&HashMap<String, u64>>,
    pieces: Option<PieceSource>,
) -> Result<Gathered> {
    let sink = r.sink;
    let meta = |path: &str, title: &str, section| PageMeta::new(config, path, title, section);

    let district_pages = || -> Result<Vec<(String, Option<u64>)>> {
        archive
            .districts
            .par_iter()
            .map(|d| {
                let path = views::district_path(&d.slug);
                let m = meta(&path, &d.name, "districts").with_jsonld(&jsonld::district(d, config));
                let view = views::district(d, lk);
                r.page_unless_kept(last, "district.html", &path, &m, "district", &view, || {
                    fragments::DistrictPage::new(&view)
                })
            })
            .collect()
    };
    let person_pages = || -> Result<Vec<(String, Option<u64>)>> {
        archive
            .people
            .par_iter()
            .map(|p| {
                let path = views::person_path(&p.slug);
                let m = meta(&path, &p.name, "people");
                let view = views::person(p, lk);
                r.page_unless_kept(last, "person.html", &path, &m, "person", &view, || {
                    fragments::PersonPage::new(&view)
                })
            })
            .collect()
    };
    let timeline = || -> Result<Vec<String>> {
        let view = views::timeline(lk);
        // Piece 0 is the JSON-LD list of events, in the head; piece n + 1
        // is event list n.
        let mut m = meta("dong-thoi-gian/", "Dòng thời gian", "timeline");
        m.jsonld = Some(r.mark(0));
        Ok(vec![r.page_in_pieces(
            "timeline.html",
            "dong-thoi-gian/",
            &m,
            "timeline",
            &fragments::TimelinePage::with_lists(&view, |n| r.mark(n + 1)),
            &|n, w| match n {
                0 => match pieces {
                    Some(p) => jsonld::write_events_with(
                        &archive.events,
                        &|e, w| {
                            let make = || Ok(jsonld::event_item(e, config));
                            w.write_all(&p.of_event(Piece::EventItem, e, &make)?)
                        },
                        w,
                    ),
                    None => jsonld::write_events(&archive.events, config, w),
                },
                n => w.write_all(fragments::TimelinePage::list(&view, n - 1).as_bytes()),
            },
        )?])
    };
    let lists = || -> Result<Vec<(String, Option<u64>)>> {
        let summaries: Vec<views::DistrictSummary> = archive
            .districts
            .iter()
            .map(|d| views::district_summary(d, lk))
            .collect();
        let mut listed = vec![r.page_unless_kept(
            last,
            "districts.html",
            "quan-huyen/",
            &meta("quan-huyen/", "Quận, huyện", "districts"),
            "districts",
            &summaries,
            || &summaries,
        )?];
        let people: Vec<views::PersonSummary> = archive
            .people
            .iter()
            .map(|p| views::person_summary(p, lk))
            .collect();
        listed.push(r.page_unless_kept(
            last,
            "people.html",
            "nhan-vat/",
            &meta("nhan-vat/", "Nhân vật", "people"),
            "people",
            &people,
            || &people,
        )?);
        let home = views::home(lk);
        listed.push(r.page_unless_kept(
            last,
            "index.html",
            "",
            &meta("", &config.title, "home"),
            "home",
            &home,
            || &home,
        )?);
        Ok(listed)
    };
    let fixed = || -> Result<Vec<String>> {
        let mut listed = vec![r.page(
            "data.html",
            "du-lieu/",
            &meta("du-lieu/", "Dữ liệu", "data"),
            "counts",
            &views::counts(archive),
        )?];
        #[derive(Serialize)]
        struct SearchView {
            action: String,
            script: String,
            articles: usize,
            districts: String,
            timeline: String,
            people: String,
        }
        listed.push(r.page(
            "search.html",
            "tim-kiem/",
            &meta("tim-kiem/", "Tìm kiếm", "search"),
            "search",
            &SearchView {
                action: config.href("tim-kiem/"),
                script: config.href("tim-kiem/search.js"),
                articles: archive.articles.len(),
                districts: config.href("quan-huyen/"),
                timeline: config.href("dong-thoi-gian/"),
                people: config.href("nhan-vat/"),
            },
        )?);
        // The 404 page is served at any depth: its links are root-relative
        // under the base path already, so no <base> is needed.
        listed.push(r.page(
            "404.html",
            "404.html",
            &meta("404.html", "Không tìm thấy trang", ""),
            "missing",
            &(),
        )?);
        for p in &archive.pages {
            let path = views::page_path(p);
            #[derive(Serialize)]
            struct Editorial<'a> {
                title: &'a str,
                html: String,
            }
            let view = Editorial {
                title: &p.title,
                html: markdown::to_html(&p.markdown, config),
            };
            listed.push(r.page(
                "page.html",
                &path,
                &meta(&path, &p.title, "pages"),
                "editorial",
                &view,
            )?);
        }
        Ok(listed)
    };
    let data = || -> Result<Vec<String>> {
        let (events, feed) = rayon::join(
            || {
                let json = match pieces {
                    Some(p) => data::events_json_with(archive, &|e| {
                        p.of_event(Piece::EventObject, e, &|| data::event_object(e))
                    })
                    .map_err(|e| crate::error::Error::io("du-lieu/events.json", e))?,
                    None => data::events_json(archive),
                };
                sink.put("du-lieu/events.json", &json)
            },
            || {
                sink.put_stream("feed.xml", &mut |w| {
                    feed::write_atom(archive, lk, config, pieces.map(|p| p.memo), w)
                })
            },
        );
        events?;
        feed?;
        Ok(vec!["du-lieu/events.json".into(), "feed.xml".into()])
    };
    let ((districts, people), ((timeline, lists), (fixed, data))) = rayon::join(
        || rayon::join(district_pages, person_pages),
        || rayon::join(|| rayon::join(timeline, lists), || rayon::join(fixed, data)),
    );
    let mut gathered = Vec::new();
    let mut made_from = HashMap::default();
    for part in [districts, people, lists] {
        for (path, hash) in part? {
            if let Some(hash) = hash {
                made_from.insert(path.clone(), hash);
            }
            gathered.push(path);
        }
    }
    for part in [timeline, fixed] {
        gathered.extend(part?);
    }

    // Every HTML page but the 404 goes into the sitemap.
    let mut urls: Vec<String> = article_pages
        .iter()
        .chain(&gathered)
        .filter(|p| *p != "404.html")
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    urls.sort();
    gathered.extend(data?);
    for (path, bytes) in feed::sitemaps(&urls, config) {
        sink.put(&path, &bytes)?;
        gathered.push(path);
    }
    for (path, bytes) in [
        ("robots.txt", feed::robots(config)),
        (".nojekyll", Vec::new()),
    ] {
        sink.put(path, &bytes)?;
        gathered.push(path.to_string());
    }
    Ok(Gathered {
        paths: gathered,
        made_from,
    })
}

/// The pages `render_gathered` wrote or kept.
#[derive(Default, Clone)]
pub struct Gathered {
    /// Their paths, with `events.json`.
    pub paths: Vec<String>,
    /// The hash of what each page that is compared page by page was made
    /// from, by path (see `Renderer::page_unless_kept`).
    pub made_from: HashMap<String, u64>,
}

/// Pages a build may keep from the site already written, because nothing
/// they are made from changed since it was written.
#[derive(Default)]
pub struct Reuse<'a> {
    /// Each article's raw-file content key, by article id: given, the
    /// article pages' hashes of what they are made from are worked out
    /// (`Rendered::pages`).
    pub keys: Option<&'a HashMap<String, u128>>,
    /// The last build's article page hashes, by article id, when it was
    /// made with the same setup: a page whose hash is the same is kept.
    pub pages: Option<&'a HashMap<String, u64>>,
    /// The pages made from many articles, if none of them changed.
    pub gathered: Option<&'a Gathered>,
    /// The pages made from many articles by the last build made with the
    /// same setup and editorial pages: those compared page by page are kept
    /// where what they are made from hashes the same.
    pub gathered_pages: Option<&'a Gathered>,
    /// The data files' pieces the last build made, each kept while what
    /// it is made from is unchanged.
    pub pieces: Option<&'a dyn Pieces>,
}

/// Puts an article's raw file (`nguon.txt`) beside its page.
pub type RawFile<'a> = dyn Fn(&Article) -> Result<()> + Sync + 'a;

/// What one article or one event makes of a data file. The files are
/// these pieces joined, so a rebuild after one article changed can join
/// the last build's pieces for all the others.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Piece {
    /// An article's line of `articles.json`.
    ArticleLine,
    /// An article's record in `articles.csv`.
    ArticleRecord,
    /// An article's `<entry>` in `feed.xml`.
    FeedEntry,
    /// An event's object in `events.json`.
    EventObject,
    /// An event's item in the timeline's JSON-LD list, but its position.
    EventItem,
}

/// Makes a piece anew.
pub type MakePiece<'a> = dyn Fn() -> std::io::Result<Vec<u8>> + 'a;

/// The pieces of the data files a remembering build keeps for the next
/// one (see `Piece`): each the last build's, when what it is made from is
/// unchanged, else `make`'s.
pub trait Pieces: Sync {
    /// Article `a`'s piece, `n` being its place in the archive's order. An
    /// article piece is made from the article alone and the setup.
    fn of_article(
        &self,
        piece: Piece,
        n: usize,
        a: &Article,
        make: &MakePiece,
    ) -> std::io::Result<Arc<Vec<u8>>>;

    /// The piece of an event whose serde form hashes to `hash`. An event
    /// piece is made from the event alone and the setup.
    fn of_event(&self, piece: Piece, hash: u64, make: &MakePiece) -> std::io::Result<Arc<Vec<u8>>>;
}

/// A memo that keeps nothing: every piece is made. For tests holding
/// files joined from pieces to the files written whole.
#[cfg(test)]
pub(crate) struct MakeEach;

#[cfg(test)]
impl Pieces for MakeEach {
    fn of_article(
        &self,
        _: Piece,
        _: usize,
        _: &Article,
        make: &MakePiece,
    ) -> std::io::Result<Arc<Vec<u8>>> {
        make().map(Arc::new)
    }

    fn of_event(&self, _: Piece, _: u64, make: &MakePiece) -> std::io::Result<Arc<Vec<u8>>> {
        make().map(Arc::new)
    }
}

/// A memo and the event hashes it keys event pieces by.
#[derive(Clone, Copy)]
struct PieceSource<'a> {
    memo: &'a dyn Pieces,
    events: &'a HashMap<&'a str, u64>,
}

impl PieceSource<'_> {
    fn of_event(
        &self,
        piece: Piece,
        e: &crate::model::ArchiveEvent,
        make: &MakePiece,
    ) -> std::io::Result<Arc<Vec<u8>>> {
        match self.events.get(e.id.as_str()) {
            Some(hash) => self.memo.of_event(piece, *hash, make),
            None => make().map(Arc::new),
        }
    }
}

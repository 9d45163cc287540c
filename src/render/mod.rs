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

use std::collections::{HashMap, HashSet};
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
    tera: Tera,
    /// The context every page starts from: `site`, converted for Tera once
    /// rather than once per page.
    shared: Context,
    sink: &'s dyn Sink,
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
        let mut ctx = self.shared.clone();
        ctx.insert("page", meta);
        ctx.insert(key, data);
        // Into bytes: `render` would check the whole page is UTF-8 again.
        let mut html = Vec::with_capacity(64 * 1024);
        self.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| templates::template_error(template, &e))?;
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        self.sink.put(&file, &html)?;
        Ok(file)
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
    render_into(
        archive,
        config,
        templates_dir,
        progress,
        &sink,
        &Reuse::default(),
    )?;
    let by_file: HashMap<&str, &RawDoc> =
        raws.iter().map(|r| (r.source_file.as_str(), r)).collect();
    for a in &archive.articles {
        if let Some(raw) = by_file.get(a.source_file.as_str()) {
            sink.put(&format!("{}nguon.txt", a.url), raw.bytes())?;
        }
    }
    let mut pages = sink.into_pages();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Render every page of the site (all but the raw `nguon.txt` files) into
/// `sink`, each page as soon as it is made.
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
) -> Result<Vec<String>> {
    let mut shared = Context::new();
    shared.insert("site", &SiteView::new(config, &archive.pages));
    let r = Renderer {
        tera: templates::load(templates_dir)?,
        shared,
        sink,
    };
    let lk = Lookups::new(archive, config);
    let meta = |path: &str, title: &str, section| PageMeta::new(config, path, title, section);

    let total = archive.articles.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    // The article pages are the bulk of the work; the data downloads and
    // the gathered pages (the timeline alone is megabytes) are each made on
    // one thread, so they run beside the article pages, not after them.
    let gathered = || -> Result<Vec<String>> {
        if let Some(paths) = reuse.gathered {
            if sink.keep_all(paths)? {
                return Ok(paths.to_vec());
            }
            // A page went missing from the site: make them all again.
        }
        sink.put("du-lieu/events.json", &data::events_json(archive))?;
        let article_pages = archive
            .articles
            .iter()
            .map(|a| format!("{}index.html", a.url))
            .collect();
        render_gathered(archive, config, &r, &lk, article_pages)
    };
    let (article_pages, (articles_json, (gathered, articles_csv))) = rayon::join(
        || {
            archive.articles.par_iter().try_for_each(|a| {
                if reuse.articles.contains(&a.id) && sink.keep(&format!("{}index.html", a.url))? {
                    return Ok(());
                }
                let view = views::article(a, &lk);
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
                Ok(())
            })
        },
        || {
            rayon::join(
                || match reuse.article_lines {
                    Some(line) => sink.put_stream("du-lieu/articles.json", &mut |w| {
                        data::write_articles_json_with(&archive.articles, line, w)
                    }),
                    None => sink.put_stream("du-lieu/articles.json", &mut |w| {
                        data::write_articles_json(&archive.articles, w)
                    }),
                },
                || {
                    rayon::join(gathered, || {
                        sink.put("du-lieu/articles.csv", &data::articles_csv(archive))
                    })
                },
            )
        },
    );
    article_pages?;
    articles_json?;
    articles_csv?;
    gathered
}

/// The pages made from many articles: districts, people, the timeline, the
/// home page, the sitemap and feed, and the fixed pages. Returns the paths
/// written (with `events.json`), for the next build to keep.
fn render_gathered(
    archive: &Archive,
    config: &Config,
    r: &Renderer,
    lk: &Lookups,
    mut listed: Vec<String>,
) -> Result<Vec<String>> {
    let sink = r.sink;
    let articles = listed.len();
    let meta = |path: &str, title: &str, section| PageMeta::new(config, path, title, section);

    let districts: Vec<String> = archive
        .districts
        .par_iter()
        .map(|d| {
            let path = views::district_path(&d.slug);
            let m = meta(&path, &d.name, "districts").with_jsonld(&jsonld::district(d, config));
            r.page(
                "district.html",
                &path,
                &m,
                "district",
                &fragments::DistrictPage::new(&views::district(d, lk)),
            )
        })
        .collect::<Result<_>>()?;
    listed.extend(districts);

    let people: Vec<String> = archive
        .people
        .par_iter()
        .map(|p| {
            let path = views::person_path(&p.slug);
            let m = meta(&path, &p.name, "people");
            let view = views::person(p, lk);
            r.page(
                "person.html",
                &path,
                &m,
                "person",
                &fragments::PersonPage::new(&view),
            )
        })
        .collect::<Result<_>>()?;
    listed.extend(people);

    let summaries: Vec<views::DistrictSummary> = archive
        .districts
        .iter()
        .map(|d| views::district_summary(d, lk))
        .collect();
    listed.push(r.page(
        "districts.html",
        "quan-huyen/",
        &meta("quan-huyen/", "Quận, huyện", "districts"),
        "districts",
        &summaries,
    )?);
    let people: Vec<views::PersonSummary> = archive
        .people
        .iter()
        .map(|p| views::person_summary(p, lk))
        .collect();
    listed.push(r.page(
        "people.html",
        "nhan-vat/",
        &meta("nhan-vat/", "Nhân vật", "people"),
        "people",
        &people,
    )?);
    listed.push(
        r.page(
            "timeline.html",
            "dong-thoi-gian/",
            &meta("dong-thoi-gian/", "Dòng thời gian", "timeline")
                .with_jsonld(&jsonld::events(&archive.events, config)),
            "timeline",
            &fragments::TimelinePage::new(&views::timeline(lk)),
        )?,
    );
    listed.push(r.page(
        "index.html",
        "",
        &meta("", &config.title, "home"),
        "home",
        &views::home(lk),
    )?);
    listed.push(r.page(
        "data.html",
        "du-lieu/",
        &meta("du-lieu/", "Dữ liệu", "data"),
        "counts",
        &views::counts(archive),
    )?);
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

    // Every HTML page but the 404 goes into the sitemap.
    let mut urls: Vec<String> = listed
        .iter()
        .filter(|p| *p != "404.html")
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    urls.sort();
    let mut gathered = listed.split_off(articles);
    for (path, bytes) in feed::sitemaps(&urls, config) {
        sink.put(&path, &bytes)?;
        gathered.push(path);
    }
    for (path, bytes) in [
        ("feed.xml", feed::atom(archive, lk, config)),
        ("robots.txt", feed::robots(config)),
        (".nojekyll", Vec::new()),
    ] {
        sink.put(path, &bytes)?;
        gathered.push(path.to_string());
    }
    gathered.push("du-lieu/events.json".to_string());
    Ok(gathered)
}

/// Pages a build may keep from the site already written, because nothing
/// they are made from changed since it was written.
#[derive(Default)]
pub struct Reuse<'a> {
    /// Articles (by id) whose page is unchanged.
    pub articles: HashSet<String>,
    /// The pages made from many articles, if none of them changed.
    pub gathered: Option<&'a [String]>,
    /// Each article's line of `articles.json`, kept or made anew.
    pub article_lines: Option<&'a ArticleLines<'a>>,
}

/// Gives article `n`'s line of `articles.json`.
pub type ArticleLines<'a> = dyn Fn(usize, &Article) -> Arc<Vec<u8>> + Sync + 'a;

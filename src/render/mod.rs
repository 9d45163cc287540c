//! render: Archive -> pages. Tera templates (embedded, overridable from
//! `templates/`) to HTML, plus the feed, sitemap and data downloads.
//! Render never parses article text: it only lays out what link produced,
//! and article text only ever reaches a page as escaped template data.

pub mod data;
mod dates;
mod feed;
pub mod jsonld;
mod markdown;
mod templates;
pub mod views;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::error::Result;
use crate::link::Archive;
use crate::model::RawDoc;
use crate::write::Page;
use views::{Lookups, PageMeta, SiteView};

/// Told how many article pages are done, out of how many; for a progress bar.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Everything one template render needs besides its own data.
struct Renderer {
    tera: Tera,
    site: SiteView,
}

impl Renderer {
    /// Render `template` with the shared context plus `key` = `data`.
    /// `path` is the site path of the page (`quan-huyen/` -> `quan-huyen/index.html`).
    fn page<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        meta: &PageMeta,
        key: &str,
        data: &T,
    ) -> Result<Page> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("page", meta);
        ctx.insert(key, data);
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| templates::template_error(template, &e))?;
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        Ok(Page {
            path: file,
            bytes: html.into_bytes(),
        })
    }
}

/// Render every page of the site.
///
/// `templates_dir` holds templates that replace built-in ones by name;
/// `progress` hears about article pages, the bulk of the work.
pub fn render(
    archive: &Archive,
    raws: &[RawDoc],
    config: &Config,
    templates_dir: Option<&Path>,
    progress: Progress,
) -> Result<Vec<Page>> {
    let r = Renderer {
        tera: templates::load(templates_dir)?,
        site: SiteView::new(config, &archive.pages),
    };
    let lk = Lookups::new(archive, config);
    let meta = |path: &str, title: &str, section| PageMeta::new(config, path, title, section);

    let total = archive.articles.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    // The data downloads are large and serialised on one thread each: let
    // them run beside the article pages instead of after everything else.
    let (article_pages, (articles_json, (events_json, articles_csv))) = rayon::join(
        || {
            archive
                .articles
                .par_iter()
                .map(|a| {
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
                    let page = r.page("article.html", &a.url, &m, "article", &view);
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(n, total);
                    page
                })
                .collect::<Result<Vec<Page>>>()
        },
        || {
            rayon::join(
                || data::articles_json(archive),
                || {
                    rayon::join(
                        || data::events_json(archive),
                        || data::articles_csv(archive),
                    )
                },
            )
        },
    );
    let mut pages = article_pages?;

    let districts: Vec<Page> = archive
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
                &views::district(d, &lk),
            )
        })
        .collect::<Result<_>>()?;
    pages.extend(districts);

    let people: Vec<Page> = archive
        .people
        .par_iter()
        .map(|p| {
            let path = views::person_path(&p.slug);
            let m = meta(&path, &p.name, "people");
            r.page("person.html", &path, &m, "person", &views::person(p, &lk))
        })
        .collect::<Result<_>>()?;
    pages.extend(people);

    let summaries: Vec<views::DistrictSummary> = archive
        .districts
        .iter()
        .map(|d| views::district_summary(d, &lk))
        .collect();
    pages.push(r.page(
        "districts.html",
        "quan-huyen/",
        &meta("quan-huyen/", "Quận, huyện", "districts"),
        "districts",
        &summaries,
    )?);
    let people: Vec<views::PersonSummary> = archive
        .people
        .iter()
        .map(|p| views::person_summary(p, &lk))
        .collect();
    pages.push(r.page(
        "people.html",
        "nhan-vat/",
        &meta("nhan-vat/", "Nhân vật", "people"),
        "people",
        &people,
    )?);
    pages.push(
        r.page(
            "timeline.html",
            "dong-thoi-gian/",
            &meta("dong-thoi-gian/", "Dòng thời gian", "timeline")
                .with_jsonld(&jsonld::events(&archive.events, config)),
            "timeline",
            &views::timeline(&lk),
        )?,
    );
    pages.push(r.page(
        "index.html",
        "",
        &meta("", &config.title, "home"),
        "home",
        &views::home(&lk),
    )?);
    pages.push(r.page(
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
    pages.push(r.page(
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
    pages.push(r.page(
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
        pages.push(r.page(
            "page.html",
            &path,
            &meta(&path, &p.title, "pages"),
            "editorial",
            &view,
        )?);
    }

    // Every HTML page but the 404 goes into the sitemap.
    let mut listed: Vec<String> = pages
        .iter()
        .filter(|p| p.path != "404.html")
        .map(|p| p.path.trim_end_matches("index.html").to_string())
        .collect();
    listed.sort();
    pages.extend(
        feed::sitemaps(&listed, config)
            .into_iter()
            .map(|(path, bytes)| Page { path, bytes }),
    );
    pages.push(Page {
        path: "feed.xml".into(),
        bytes: feed::atom(archive, &lk, config),
    });
    pages.push(Page {
        path: "robots.txt".into(),
        bytes: feed::robots(config),
    });
    pages.push(Page {
        path: "du-lieu/articles.json".into(),
        bytes: articles_json,
    });
    pages.push(Page {
        path: "du-lieu/events.json".into(),
        bytes: events_json,
    });
    pages.push(Page {
        path: "du-lieu/articles.csv".into(),
        bytes: articles_csv,
    });
    pages.push(Page {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });

    let by_file: HashMap<&str, &RawDoc> =
        raws.iter().map(|r| (r.source_file.as_str(), r)).collect();
    for a in &archive.articles {
        if let Some(raw) = by_file.get(a.source_file.as_str()) {
            pages.push(Page {
                path: format!("{}nguon.txt", a.url),
                bytes: raw.bytes.clone(),
            });
        }
    }
    Ok(pages)
}

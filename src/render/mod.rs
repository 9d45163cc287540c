//! render: Archive -> pages. Tera templates (embedded, overridable from
//! `templates/`) to HTML, plus the feed, sitemap and data downloads.
//! Render never parses article text: it only lays out what link produced.

pub mod data;

use crate::config::Config;
use crate::error::Result;
use crate::link::Archive;
use crate::model::RawDoc;
use crate::write::Page;

/// Render every page of the site.
pub fn render(archive: &Archive, raws: &[RawDoc], _config: &Config) -> Result<Vec<Page>> {
    let mut pages = vec![
        Page {
            path: "du-lieu/articles.json".into(),
            bytes: data::articles_json(archive),
        },
        Page {
            path: "du-lieu/events.json".into(),
            bytes: data::events_json(archive),
        },
        Page {
            path: "du-lieu/articles.csv".into(),
            bytes: data::articles_csv(archive),
        },
        Page {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
        },
    ];
    let by_file: std::collections::HashMap<&str, &RawDoc> =
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

//! The data downloads: `articles.json`, `events.json`, `articles.csv`.
//! The JSON is the serde form of the model types: the contract in DESIGN.md.

use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;

use crate::link::Archive;
use crate::model::{ArchiveEvent, Article, ARTICLES_SCHEMA, EVENTS_SCHEMA};

#[derive(Serialize)]
struct EventsFile<'a> {
    schema: &'static str,
    events: &'a [ArchiveEvent],
}

/// `articles.json`: one article per line, so two versions diff article by
/// article, and the file is written as it is made (on a 100,000-article
/// archive it is over a gigabyte; pretty-printing would double that).
pub fn write_articles_json(articles: &[Article], w: &mut dyn Write) -> std::io::Result<()> {
    write_articles_json_with(articles, &|_, a| Arc::new(article_line(a)), w)
}

/// One article's line of `articles.json`.
pub fn article_line(a: &Article) -> Vec<u8> {
    serde_json::to_vec(a).unwrap_or_default()
}

/// `articles.json` from each article's line, `line(n, article)`: lines are
/// made in parallel a chunk at a time and written in order, so only a
/// chunk of them is in memory.
pub fn write_articles_json_with(
    articles: &[Article],
    line: &(dyn Fn(usize, &Article) -> Arc<Vec<u8>> + Sync),
    w: &mut dyn Write,
) -> std::io::Result<()> {
    const CHUNK: usize = 1024;
    write!(w, "{{\"schema\":\"{ARTICLES_SCHEMA}\",\"articles\":[")?;
    for (c, chunk) in articles.chunks(CHUNK).enumerate() {
        let lines: Vec<Arc<Vec<u8>>> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, a)| line(c * CHUNK + k, a))
            .collect();
        for (k, l) in lines.iter().enumerate() {
            w.write_all(if c == 0 && k == 0 { b"\n" } else { b",\n" })?;
            w.write_all(l)?;
        }
    }
    w.write_all(b"\n]}\n")
}

/// `articles.json` in memory.
pub fn articles_json(archive: &Archive) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_articles_json(&archive.articles, &mut out);
    out
}

/// `events.json`, pretty-printed: it is small, and read by people.
pub fn events_json(archive: &Archive) -> Vec<u8> {
    serde_json::to_vec_pretty(&EventsFile {
        schema: EVENTS_SCHEMA,
        events: &archive.events,
    })
    .unwrap_or_default()
}

/// A spreadsheet opens a cell starting with one of these as a formula;
/// prefix it with an apostrophe so article text stays text.
fn defuse_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// `articles.csv`: one row per article, the flat fields a spreadsheet needs.
pub fn articles_csv(archive: &Archive) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "url",
        "source_file",
        "title",
        "published",
        "authors",
        "publisher",
        "source_url",
        "districts",
        "event_kind",
        "event_level",
        "event_district",
        "event_ordinal",
        "event_term",
        "event_start",
        "event_end",
        "event_inferred",
        "people",
        "words",
    ];
    let _ = w.write_record(header);
    for a in &archive.articles {
        let e = a.event.as_ref();
        let opt = |s: Option<String>| s.unwrap_or_default();
        let words: usize = a
            .body
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum();
        let row = [
            a.id.clone(),
            format!("/{}", a.url.trim_start_matches('/')),
            a.source_file.clone(),
            a.title.clone(),
            opt(a.published.clone()),
            a.authors.join("; "),
            opt(a.publisher.clone()),
            opt(a.source_url.clone()),
            a.districts.join("; "),
            opt(e.map(|e| format!("{:?}", e.kind).to_lowercase())),
            opt(e.map(|e| format!("{:?}", e.level).to_lowercase())),
            opt(e.and_then(|e| e.district.clone())),
            opt(e.and_then(|e| e.ordinal).map(|o| o.to_string())),
            opt(e.and_then(|e| e.term.clone())),
            opt(e.and_then(|e| e.start.clone())),
            opt(e.and_then(|e| e.end.clone())),
            e.map(|e| e.inferred.to_string()).unwrap_or_default(),
            a.people
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            words.to_string(),
        ];
        let _ = w.write_record(row.iter().map(|c| defuse_formula(c)));
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse_formula("=1+1"), "'=1+1");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("Đống Đa"), "Đống Đa");
    }
}

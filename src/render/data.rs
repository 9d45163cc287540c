//! The data downloads: `articles.json`, `events.json`, `articles.csv`.
//! The JSON is the serde form of the model types: the contract in DESIGN.md.

use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;

use crate::link::Archive;
use crate::model::{ArchiveEvent, Article, Block, Part, ARTICLES_SCHEMA, EVENTS_SCHEMA};

#[derive(Serialize)]
struct EventsFile<'a> {
    schema: &'static str,
    events: &'a [ArchiveEvent],
}

/// `articles.json`: one article per line, so two versions diff article by
/// article, and the file is written as it is made (on a 100,000-article
/// archive it is over a gigabyte; pretty-printing would double that).
pub fn write_articles_json(articles: &[Article], w: &mut dyn Write) -> std::io::Result<()> {
    // Lines are written a chunk at a time, each run of a chunk into one of
    // a few buffers kept from chunk to chunk: a buffer per line was a fresh
    // allocation for each, whose pages the kernel zeroed anew once the
    // allocator had returned the last chunk's.
    const CHUNK: usize = 1024;
    const RUN: usize = 32;
    write!(w, "{{\"schema\":\"{ARTICLES_SCHEMA}\",\"articles\":[")?;
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); CHUNK / RUN];
    for (c, chunk) in articles.chunks(CHUNK).enumerate() {
        buffers
            .par_iter_mut()
            .zip(chunk.par_chunks(RUN))
            .enumerate()
            .try_for_each(|(r, (buf, run))| {
                buf.clear();
                for (k, a) in run.iter().enumerate() {
                    let first = c == 0 && r == 0 && k == 0;
                    buf.extend_from_slice(if first { b"\n" } else { b",\n" });
                    serde_json::to_writer(&mut *buf, a)?;
                }
                std::io::Result::Ok(())
            })?;
        let runs = chunk.len().div_ceil(RUN);
        for buf in &buffers[..runs] {
            w.write_all(buf)?;
        }
    }
    w.write_all(b"\n]}\n")
}

/// One article's line of `articles.json`. Fails only when a spilled body
/// cannot be read back.
pub fn article_line(a: &Article) -> std::io::Result<Vec<u8>> {
    // Most of a line is the body and the removed lines, some of it quoted
    // again as evidence: room for twice that means the buffer is rarely
    // regrown (and copied) while the line is written.
    let removed = match &a.removed {
        Part::Held(r) => r.iter().map(|r| r.text.len()).sum(),
        Part::Spilled(s) => s.bytes(),
    };
    let text: usize = a.body.text_len() + removed;
    let mut line = Vec::with_capacity(2 * text + 1024);
    serde_json::to_writer(&mut line, a)?;
    Ok(line)
}

/// `articles.json` from each article's line, `line(n, article)`: lines are
/// made in parallel a chunk at a time and written in order, so only a
/// chunk of them is in memory.
pub fn write_articles_json_with(
    articles: &[Article],
    line: &super::ArticleLines,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    const CHUNK: usize = 1024;
    write!(w, "{{\"schema\":\"{ARTICLES_SCHEMA}\",\"articles\":[")?;
    for (c, chunk) in articles.chunks(CHUNK).enumerate() {
        let lines: Vec<Arc<Vec<u8>>> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, a)| line(c * CHUNK + k, a))
            .collect::<std::io::Result<_>>()?;
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
fn defuse_formula(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The words of a body, as `articles.csv` gives them.
pub fn body_words(body: &[Block]) -> usize {
    body.iter().map(|b| word_count(&b.text)).sum()
}

/// The words of `s` as `str::split_whitespace` counts them, without
/// decoding characters: continuation bytes are skipped, and only the lead
/// bytes of the few non-ASCII whitespace characters are looked at further
/// (see `is_wide_space`). Counting the body's words was most of the time
/// `articles.csv` took.
fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    for (i, &b) in bytes.iter().enumerate() {
        let space = match b {
            b'\t'..=b'\r' | b' ' => true,
            // Inside a character whose lead byte was already looked at.
            0x80..=0xBF => continue,
            0xC2 | 0xE1..=0xE3 => is_wide_space(&bytes[i..]),
            _ => false,
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

/// Whether `b` starts with a non-ASCII character `char::is_whitespace`
/// holds for, in UTF-8: U+0085, U+00A0, U+1680, U+2000..=U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000. Vietnamese letters (U+1Exx) share the
/// lead byte 0xE1, so the whole sequence is compared, not just its start.
fn is_wide_space(b: &[u8]) -> bool {
    matches!(
        b,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// `items` joined with `"; "` into `buf`, which is cleared first.
fn join_into<'s>(buf: &mut String, items: impl IntoIterator<Item = &'s str>) -> &str {
    buf.clear();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            buf.push_str("; ");
        }
        buf.push_str(item);
    }
    buf
}

const CSV_HEADER: [&str; 19] = [
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

/// An absent text field's cell: empty.
fn opt(s: Option<&String>) -> &str {
    s.map_or("", String::as_str)
}

/// `articles.csv`: one row per article, the flat fields a spreadsheet needs.
/// Cells borrow the article's text; the joined ones reuse one buffer each.
pub fn articles_csv(archive: &Archive) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(archive.articles.len() * 512));
    let _ = w.write_record(CSV_HEADER);
    let (mut url, mut authors, mut districts, mut people) =
        (String::new(), String::new(), String::new(), String::new());
    // Counting reads every body: on all cores, ahead of the one-thread
    // writer, and only for articles `process` did not count.
    let word_counts: Vec<usize> = archive
        .articles
        .par_iter()
        // `process` counts every article a build spills the body of.
        .map(|a| a.words.unwrap_or_else(|| body_words(a.body.held())))
        .collect();
    for (a, words) in archive.articles.iter().zip(word_counts) {
        let e = a.event.as_ref();
        url.clear();
        url.push('/');
        url.push_str(a.url.trim_start_matches('/'));
        let kind = e.map(|e| format!("{:?}", e.kind).to_lowercase());
        let level = e.map(|e| format!("{:?}", e.level).to_lowercase());
        let ordinal = e.and_then(|e| e.ordinal).map(|o| o.to_string());
        let row: [&str; 19] = [
            &a.id,
            &url,
            &a.source_file,
            &a.title,
            opt(a.published.as_ref()),
            join_into(&mut authors, a.authors.iter().map(String::as_str)),
            opt(a.publisher.as_ref()),
            opt(a.source_url.as_ref()),
            join_into(&mut districts, a.districts.iter().map(String::as_str)),
            kind.as_deref().unwrap_or_default(),
            level.as_deref().unwrap_or_default(),
            opt(e.and_then(|e| e.district.as_ref())),
            ordinal.as_deref().unwrap_or_default(),
            opt(e.and_then(|e| e.term.as_ref())),
            opt(e.and_then(|e| e.start.as_ref())),
            opt(e.and_then(|e| e.end.as_ref())),
            match e {
                Some(e) if e.inferred => "true",
                Some(_) => "false",
                None => "",
            },
            join_into(&mut people, a.people.iter().map(|p| p.name.as_str())),
            &words.to_string(),
        ];
        for cell in row {
            let _ = w.write_field(&*defuse_formula(cell));
        }
        let _ = w.write_record(None::<&[u8]>);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, CleanDoc, Event, EventKind, Facts, Level, Person};

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse_formula("=1+1"), "'=1+1");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("Đống Đa"), "Đống Đa");
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        let samples = [
            "",
            " ",
            "một",
            "  Đảng bộ quận\tBa Đình\n\ntổ chức  ",
            "a\u{85}b\u{a0}c\u{1680}d\u{2000}e\u{200a}f\u{2028}g\u{2029}h\u{202f}i\u{205f}j\u{3000}k",
            "nhiệm kỳ 2020–2025… “trích” \u{2011}không\u{200b}tách\u{feff}",
            "\u{0b}\u{0c}\r x \u{c2a0}\u{e000}",
        ];
        for s in samples {
            assert_eq!(word_count(s), s.split_whitespace().count(), "{s:?}");
        }
        // Every character between two letters, and alone.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), c.to_string(), format!(" {c}{c} ")] {
                assert_eq!(word_count(&s), s.split_whitespace().count(), "{s:?}");
            }
        }
    }

    /// The `articles.csv` writer as it was before cells borrowed the
    /// article's text: the new one must write the same bytes.
    fn articles_csv_before(archive: &Archive) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(CSV_HEADER);
        for a in &archive.articles {
            let e = a.event.as_ref();
            let opt = |s: Option<String>| s.unwrap_or_default();
            let words: usize = a
                .body
                .held()
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
            let _ = w.write_record(row.iter().map(|c| defuse_formula(c).into_owned()));
        }
        w.into_inner().unwrap_or_default()
    }

    fn article(title: &str, body: &[&str]) -> Article {
        let doc = CleanDoc {
            source_file: format!("{title}.txt"),
            title: title.into(),
            body: Block::paragraphs(body),
            ..CleanDoc::default()
        };
        let mut a = Article::assemble(doc, Facts::default(), "UTF-8");
        a.id = crate::text::slug_of(title, 80);
        a.url = format!("bai-viet/{}/", a.id);
        a
    }

    fn event(inferred: bool, full: bool) -> Event {
        let some = |s: &str| full.then(|| s.to_string());
        Event {
            kind: EventKind::Congress,
            level: if full {
                Level::District
            } else {
                Level::National
            },
            district: some("Ba Đình, \"cũ\""),
            ordinal: full.then_some(26),
            term_number: None,
            term: some("2020-2025"),
            start: some("2020-04-01"),
            end: some("-2020-04-02"),
            precision: None,
            inferred,
            basis: None,
            evidence: None,
            source: Default::default(),
        }
    }

    #[test]
    fn articles_json_is_the_lines_joined() {
        // Enough articles for several runs and chunks, and one that is
        // the first of a run but not of the file.
        let articles: Vec<Article> = (0..1100)
            .map(|n| article(&format!("Bài {n} \"Đống Đa\""), &["Đảng bộ\n\tquận"]))
            .collect();
        for n in [0, 1, 32, 33, 1024, 1100] {
            let mut joined = Vec::new();
            write_articles_json_with(
                &articles[..n],
                &|_, a| article_line(a).map(Arc::new),
                &mut joined,
            )
            .unwrap();
            let mut written = Vec::new();
            write_articles_json(&articles[..n], &mut written).unwrap();
            assert!(joined == written, "{n} articles");
        }
    }

    #[test]
    fn articles_csv_matches_the_writer_it_replaced() {
        let mut full = article(
            "=Đại hội \"Đảng bộ\", quận Ba Đình",
            &[
                "Từ ngày 1 – 2/4/2020,\u{a0}Đảng bộ\n quận",
                "  Ba\u{3000}Đình  ",
            ],
        );
        full.published = Some("+2020-04-01T08:00".into());
        full.authors = vec!["Minh Anh".into(), "@Thu; Hà".into()];
        full.publisher = Some("Báo \"Hà Nội\"\r\nMới".into());
        full.source_url = Some("https://example.vn/a?b=1,2".into());
        full.districts = vec!["Ba Đình".into(), "Đống Đa".into()];
        full.event = Some(event(true, true));
        full.people = vec![
            Person {
                name: "-Hoàng Quốc Thắng".into(),
                roles: vec![],
                evidence: vec![],
                source: Default::default(),
            },
            Person {
                name: "Kiều Thu Phương".into(),
                roles: vec![],
                evidence: vec![],
                source: Default::default(),
            },
        ];
        let mut sparse = article("\tTin ngắn", &[]);
        sparse.event = Some(event(false, false));
        let bare = article("Không có gì", &["một"]);
        let archive = Archive {
            articles: vec![full, sparse, bare],
            ..Archive::default()
        };
        let new = articles_csv(&archive);
        assert_eq!(
            String::from_utf8_lossy(&new),
            String::from_utf8_lossy(&articles_csv_before(&archive))
        );
    }
}

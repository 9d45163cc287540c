//! The data downloads: `articles.json`, `events.json`, `articles.csv`.
//! The JSON is the serde form of the model types: the contract in DESIGN.md.

use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;

use crate::link::Archive;
use crate::model::{ArchiveEvent, Article, Block, Part, ARTICLES_SCHEMA, EVENTS_SCHEMA};

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
        // Handed over in place, not copied into the writer's buffer.
        let mut slices: Vec<std::io::IoSlice> = buffers[..runs]
            .iter()
            .map(|b| std::io::IoSlice::new(b))
            .collect();
        write_all_vectored(w, &mut slices)?;
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

/// Gives article `n`'s line of `articles.json`.
pub type ArticleLine<'a> = dyn Fn(usize, &Article) -> std::io::Result<Arc<Vec<u8>>> + Sync + 'a;

/// `articles.json` from each article's line, `line(n, article)`: lines are
/// made in parallel a chunk at a time and written in order, so only a
/// chunk of them is in memory.
pub fn write_articles_json_with(
    articles: &[Article],
    line: &ArticleLine,
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
        // Handed to the writer where they are: 16 MB of lines copied into
        // its buffer first was a fifth of what a rebuild spent on the file.
        let mut slices = Vec::with_capacity(2 * lines.len());
        for (k, l) in lines.iter().enumerate() {
            let first = c == 0 && k == 0;
            slices.push(std::io::IoSlice::new(if first { b"\n" } else { b",\n" }));
            slices.push(std::io::IoSlice::new(l));
        }
        write_all_vectored(w, &mut slices)?;
    }
    w.write_all(b"\n]}\n")
}

/// Write all of `bufs` to `w`, as the unstable `Write::write_all_vectored`.
fn write_all_vectored(w: &mut dyn Write, mut bufs: &mut [std::io::IoSlice]) -> std::io::Result<()> {
    std::io::IoSlice::advance_slices(&mut bufs, 0);
    while !bufs.is_empty() {
        match w.write_vectored(bufs) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut bufs, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// `articles.json` in memory.
pub fn articles_json(archive: &Archive) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_articles_json(&archive.articles, &mut out);
    out
}

/// `events.json`, pretty-printed: it is small, and read by people. Joined
/// from each event's object, as a rebuild joins kept ones, so the file
/// has one writer.
pub fn events_json(archive: &Archive) -> Vec<u8> {
    // Serialising an event into memory cannot fail.
    events_json_with(archive, &|e| event_object(e).map(Arc::new)).unwrap_or_default()
}

/// `events.json` joined from each event's object, `object(event)` (made by
/// `event_object`, or kept from the last build): the file as serde_json
/// pretty-prints `{"schema": …, "events": […]}`.
pub fn events_json_with(
    archive: &Archive,
    object: &(dyn Fn(&ArchiveEvent) -> std::io::Result<Arc<Vec<u8>>> + Sync),
) -> std::io::Result<Vec<u8>> {
    let objects: Vec<Arc<Vec<u8>>> = archive
        .events
        .par_iter()
        .map(object)
        .collect::<std::io::Result<_>>()?;
    let mut out = Vec::with_capacity(objects.iter().map(|o| o.len() + 6).sum::<usize>() + 64);
    out.extend_from_slice(b"{\n  \"schema\": ");
    serde_json::to_writer(&mut out, EVENTS_SCHEMA)?;
    out.extend_from_slice(b",\n  \"events\": [");
    for (i, o) in objects.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        out.extend_from_slice(o);
    }
    // serde_json writes an empty array as `[]`.
    if !objects.is_empty() {
        out.extend_from_slice(b"\n  ");
    }
    out.extend_from_slice(b"]\n}");
    Ok(out)
}

/// An event as `events.json` holds it: pretty-printed two levels deep (in
/// the file's object, in its `events` array). A JSON string holds no raw
/// newline, so every newline is one the printer put before a line.
pub fn event_object(e: &ArchiveEvent) -> std::io::Result<Vec<u8>> {
    let flat = serde_json::to_vec_pretty(e)?;
    let mut out = Vec::with_capacity(flat.len() + flat.len() / 4);
    for (i, line) in flat.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\n    ");
        }
        out.extend_from_slice(line);
    }
    Ok(out)
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
/// decoding characters. Eight bytes are read at a time (`words_in_eight`)
/// where they hold no lead byte of a non-ASCII whitespace character; the
/// rest is read a byte at a time (`words_in_bytes`). Counting the body's
/// words was most of the time `articles.csv` took, and then the largest
/// single cost of extracting an article.
fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut words = 0;
    // Whether the last character read was not whitespace.
    let mut in_word = false;
    let mut at = 0;
    // Nine bytes: the ninth says whether an 0xE1 at the eighth begins U+1680.
    while let Some(nine) = bytes.get(at..at + 9) {
        let (mut eight, mut next) = ([0; 8], [0; 8]);
        eight.copy_from_slice(&nine[..8]);
        next.copy_from_slice(&nine[1..]);
        let (x, next) = (u64::from_le_bytes(eight), u64::from_le_bytes(next));
        if let Some((starts, ends_in_word)) = words_in_eight(x, next, in_word) {
            words += starts;
            in_word = ends_in_word;
            at += 8;
            continue;
        }
        let end = at + 8;
        words_in_bytes(bytes, at..end, &mut words, &mut in_word);
        // The rest of a character begun in those bytes: a chunk read eight
        // at a time starts on a character whose lead byte it sees.
        at = end
            + bytes[end..]
                .iter()
                .take_while(|&&b| b & 0xC0 == 0x80)
                .count();
    }
    words_in_bytes(bytes, at..bytes.len(), &mut words, &mut in_word);
    words
}

/// Count the words that start in `bytes[range]` (`range` may begin inside
/// a character: its continuation bytes are skipped), as `word_count` does,
/// a byte at a time: continuation bytes are skipped, and only the lead
/// bytes of the few non-ASCII whitespace characters are looked at further
/// (see `is_wide_space`).
fn words_in_bytes(
    bytes: &[u8],
    range: std::ops::Range<usize>,
    words: &mut usize,
    in_word: &mut bool,
) {
    for i in range {
        let Some(&b) = bytes.get(i) else { break };
        let space = match b {
            b'\t'..=b'\r' | b' ' => true,
            // Inside a character whose lead byte was already looked at.
            0x80..=0xBF => continue,
            0xC2 | 0xE1..=0xE3 => bytes.get(i..).is_some_and(is_wide_space),
            _ => false,
        };
        if !space && !*in_word {
            *words += 1;
        }
        *in_word = !space;
    }
}

/// Each byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a `u64`.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that equals `b`, exactly (no carry
/// crosses bytes: the sum of two 7-bit halves stays within its byte).
fn bytes_equal(x: u64, b: u8) -> u64 {
    let v = x ^ (ONES * u64::from(b));
    !(((v & !HIGHS) + !HIGHS) | v) & HIGHS
}

/// The words that start in eight bytes of UTF-8 (`x`, little-endian; `next`
/// is the same bytes shifted on by one, to see the byte after an 0xE1 at
/// the end), and whether the last character is not whitespace; `None` when
/// one of them may begin a non-ASCII whitespace character (lead byte 0xC2,
/// 0xE2, 0xE3, or 0xE1 0x9A), which is left to `words_in_bytes`.
///
/// The bytes start on a character (or inside one that is not whitespace),
/// so a character's continuation bytes are counted with it: as not
/// whitespace. A word starts at a lead byte that is not whitespace after
/// one that is.
fn words_in_eight(x: u64, next: u64, in_word: bool) -> Option<(usize, bool)> {
    let wide_lead = bytes_equal(x, 0xC2)
        | bytes_equal(x & !ONES, 0xE2)
        | (bytes_equal(x, 0xE1) & bytes_equal(next, 0x9A));
    if wide_lead != 0 {
        return None;
    }
    let ascii = !x & HIGHS;
    // Per byte, (b | 0x80) - n keeps its high bit when b & 0x7F >= n, and
    // borrows from no other byte.
    let at_least = |n: u8| (x | HIGHS).wrapping_sub(ONES * u64::from(n)) & HIGHS;
    // '\t' ..= '\r' and ' ', as `char::is_whitespace` has them in ASCII.
    let space = (at_least(0x09) & !at_least(0x0E) & ascii) | bytes_equal(x, b' ');
    // 0b10xx_xxxx: the high bit set and the next one clear.
    let continuation = x & !(x << 1) & HIGHS;
    let lead_not_space = !space & !continuation & HIGHS;
    let space_before = (space << 8) | if in_word { 0 } else { 0x80 };
    // One bit a byte, at most eight: a multiply adds them into the top
    // byte (`count_ones` is a long sequence without the popcnt instruction).
    let starts = ((((lead_not_space & space_before) >> 7).wrapping_mul(ONES)) >> 56) as usize;
    Some((starts, space >> 63 == 0))
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
    let mut out = Vec::with_capacity(archive.articles.len() * 512);
    // Writing into a Vec cannot fail.
    let _ = write_articles_csv(archive, None, &mut out);
    out
}

/// `articles_csv`, written to `w` a batch of rows at a time. Rows are made
/// on all cores, a chunk of articles each: a CSV record depends on nothing
/// before it, so the chunks join as one file; only one batch of chunks is
/// held at a time (at 100,000 articles the file is 50 MB).
pub fn write_articles_csv(
    archive: &Archive,
    pieces: Option<&dyn super::Pieces>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut header = csv::Writer::from_writer(Vec::new());
    let _ = header.write_record(CSV_HEADER);
    w.write_all(&header.into_inner().unwrap_or_default())?;
    match pieces {
        None => write_in_runs(&archive.articles, w, |run| Ok(csv_rows(run))),
        // A record depends on nothing before it: records join as rows do.
        Some(memo) => {
            let numbered: Vec<(usize, &Article)> = archive.articles.iter().enumerate().collect();
            write_in_runs(&numbered, w, |run| {
                let mut out = Vec::new();
                for &(n, a) in run {
                    let make = || Ok(csv_rows(std::slice::from_ref(a)));
                    out.extend_from_slice(&memo.of_article(
                        super::Piece::ArticleRecord,
                        n,
                        a,
                        &make,
                    )?);
                }
                Ok(out)
            })
        }
    }
}

/// Write what `make` makes of `items` to `w`, in order: `make` is given
/// runs of 256 items, run on all cores, 16 runs at a time, so only those
/// runs' text is held (the feed and `articles.csv`, which join as one file
/// whatever the runs).
pub(crate) fn write_in_runs<T: Sync>(
    items: &[T],
    w: &mut dyn std::io::Write,
    make: impl Fn(&[T]) -> std::io::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    const RUN: usize = 256;
    for batch in items.chunks(RUN * 16) {
        let runs: Vec<Vec<u8>> = batch
            .par_chunks(RUN)
            .map(&make)
            .collect::<std::io::Result<_>>()?;
        for r in &runs {
            w.write_all(r)?;
        }
    }
    Ok(())
}

/// The `articles.csv` records of `articles`.
fn csv_rows(articles: &[Article]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(articles.len() * 512));
    let (mut url, mut authors, mut districts, mut people) =
        (String::new(), String::new(), String::new(), String::new());
    for a in articles {
        // `process` counts every article a build spills the body of.
        let words = a.words.unwrap_or_else(|| body_words(a.body.held()));
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

    /// Texts long enough to be read eight bytes at a time, with every
    /// kind of character at every offset of a chunk: ASCII spaces and
    /// controls, the non-ASCII whitespace, Vietnamese letters (lead 0xE1,
    /// as U+1680 has), other characters with the lead bytes of wide spaces
    /// ("©", "“", "、"), continuation bytes 0x9A ("Ú") and 0x80 ("Ā").
    #[test]
    fn word_count_in_eights_agrees_with_split_whitespace() {
        let pieces = [
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{1c}",
            "a",
            "Hà",
            "Nội",
            "Đống",
            "Đa",
            "ệ",
            "ữ",
            "Ú",
            "Ā",
            "©",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{1e9a}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{2029}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "“",
            "”",
            "–",
            "…",
            "、",
            "2020",
            ".",
            ",",
            "\u{7f}",
            "\u{10348}",
            "\u{feff}",
        ];
        for s in crate::text::random_joinings(&pieces, 20_000, 40) {
            assert_eq!(word_count(&s), s.split_whitespace().count(), "{s:?}");
        }
        // Each piece at each offset of the first chunks, between words
        // and between spaces.
        for p in pieces {
            for pad in 0..18 {
                for (fill, around) in [("x", " "), (" ", "y"), ("ạ", " "), (" ", "ạ")] {
                    let s = format!("{}{around}{p}{around}{}", fill.repeat(pad), fill.repeat(20));
                    assert_eq!(word_count(&s), s.split_whitespace().count(), "{s:?}");
                }
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
            unit: None,
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

    /// A writer taking a few bytes at a time still gets every line whole,
    /// from runs of lines (more than one here) and from lines one by one.
    #[test]
    fn lines_written_a_few_bytes_at_a_time_arrive_whole() {
        let articles: Vec<Article> = (0..40)
            .map(|n| article(&format!("Bài {n}"), &["Đảng bộ quận Ba Đình"]))
            .collect();
        let mut trickled = crate::write::Trickle {
            got: Vec::new(),
            most: 3,
        };
        write_articles_json_with(
            &articles,
            &|_, a| article_line(a).map(Arc::new),
            &mut trickled,
        )
        .unwrap();
        let mut written = Vec::new();
        write_articles_json(&articles, &mut written).unwrap();
        assert!(trickled.got == written);
        let mut trickled = crate::write::Trickle {
            got: Vec::new(),
            most: 3,
        };
        write_articles_json(&articles, &mut trickled).unwrap();
        assert!(trickled.got == written);
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
        // More articles than a chunk of rows: one header, every row in order.
        let many = Archive {
            articles: (0..600)
                .map(|n| article(&format!("Bài \"{n}\",\nmới"), &["một hai"]))
                .collect(),
            ..Archive::default()
        };
        assert_eq!(articles_csv(&many), articles_csv_before(&many));
        // Joined from records, as a rebuild joins kept ones.
        for archive in [&archive, &many] {
            let mut joined = Vec::new();
            write_articles_csv(archive, Some(&crate::render::MakeEach), &mut joined).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&joined),
                String::from_utf8_lossy(&articles_csv(archive))
            );
        }
    }

    /// `events.json` as one value, pretty-printed: what the file is.
    #[derive(serde::Serialize)]
    struct EventsFile<'a> {
        schema: &'static str,
        events: &'a [ArchiveEvent],
    }

    #[test]
    fn events_json_is_the_objects_joined() {
        let mut archive = crate::corpus::sample_archive(7, 40);
        assert!(archive.events.len() > 2);
        // Quotes, a tab and a newline in a title: escaped, never a line.
        archive.events[0].title = "Đại hội \"XXV\"\n\tmới".into();
        let joined = |archive: &Archive| {
            events_json_with(archive, &|e| event_object(e).map(Arc::new)).unwrap()
        };
        let whole = |archive: &Archive| {
            let file = EventsFile {
                schema: crate::model::EVENTS_SCHEMA,
                events: &archive.events,
            };
            serde_json::to_vec_pretty(&file).unwrap()
        };
        let one = Archive {
            events: archive.events[..1].to_vec(),
            ..Archive::default()
        };
        for archive in [&archive, &one, &Archive::default()] {
            let whole = String::from_utf8(whole(archive)).unwrap();
            let n = archive.events.len();
            assert_eq!(
                String::from_utf8(joined(archive)).unwrap(),
                whole,
                "{n} events"
            );
            assert_eq!(String::from_utf8(events_json(archive)).unwrap(), whole);
        }
    }
}

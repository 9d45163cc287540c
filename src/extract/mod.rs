//! extract: CleanDoc -> Facts. Districts, the event, people and roles,
//! documents, figures; each fact with its evidence (the block it was read
//! from and the sentence), so the page can link a fact to its sentence.
//!
//! Each rule lives with its kind of fact: `districts` (the gazetteer),
//! `dates`, `ordinals`, `events`, `people`, `documents`, `figures`;
//! `corrections` applies an editor's sidecar on top.

mod corrections;
pub mod dates;
pub mod districts;
pub mod documents;
pub mod events;
pub mod figures;
pub mod ordinals;
pub mod outlets;
pub mod people;

use std::ops::Range;

pub use corrections::apply_corrections;
pub use districts::Gazetteer;

use crate::model::{Article, BlockKind, CleanDoc, DistrictMention, Evidence, Facts, Place};
use crate::text::name_key;

/// Where a text of the article sits: a body block, or the title or kicker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub block: Option<usize>,
    pub place: Place,
}

impl Source {
    pub fn evidence(&self, text: String) -> Evidence {
        Evidence {
            block: self.block,
            text,
            place: self.place,
        }
    }
}

/// Read the facts of one cleaned article. Pure.
pub fn extract(doc: &CleanDoc, gazetteer: &Gazetteer) -> Facts {
    let texts = article_texts(doc);
    let districts = rank_districts(&texts, gazetteer);
    let subject = districts.first().map(|d| d.name.clone());
    let ctx = events::Context {
        subject: subject.as_deref(),
        published: doc.published.as_deref(),
        lede: lede_index(doc),
    };
    let (event, events_mentioned) = events::events(&texts, &ctx, gazetteer);
    let people = people::find_people(&texts, subject.as_deref(), gazetteer);
    let mut documents: Vec<crate::model::Document> = Vec::new();
    for (src, text) in &texts {
        for d in documents::documents_in(text, src.block, src.place) {
            let dup = documents
                .iter_mut()
                .find(|e| e.kind == d.kind && e.number == d.number);
            match dup {
                // A later statement may add the date or issuer.
                Some(e) => {
                    e.date = e.date.take().or(d.date);
                    e.issuer = e.issuer.take().or(d.issuer);
                }
                None => documents.push(d),
            }
        }
    }
    let figures = texts
        .iter()
        .filter(|(s, _)| s.place == Place::Body)
        .flat_map(|(s, t)| figures::figures_in(t, s.block, s.place))
        .collect();
    // An outlet the table does not know keeps its name, in the archive's
    // spelling ("Huyện uỷ" -> "Huyện ủy").
    let publisher = doc.publisher.as_deref().map(|p| {
        outlets::Outlets::builtin()
            .canonical(p)
            .map_or_else(|| crate::text::canonical(p), str::to_string)
    });
    Facts {
        districts,
        event,
        events_mentioned,
        people,
        documents,
        figures,
        publisher,
    }
}

/// Title, kicker, then every body block, each with where it sits.
fn article_texts(doc: &CleanDoc) -> Vec<(Source, &str)> {
    let mut texts = vec![(
        Source {
            block: None,
            place: Place::Title,
        },
        doc.title.as_str(),
    )];
    if let Some(k) = &doc.kicker {
        texts.push((
            Source {
                block: None,
                place: Place::Kicker,
            },
            k.as_str(),
        ));
    }
    for (i, b) in doc.body.iter().enumerate() {
        texts.push((
            Source {
                block: Some(i),
                place: Place::Body,
            },
            b.text.as_str(),
        ));
    }
    texts
}

/// The lede: the first paragraph long enough to report something (a byline
/// or a share button left in the body is not it).
fn lede_index(doc: &CleanDoc) -> Option<usize> {
    doc.body
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph && b.text.split_whitespace().count() >= 15)
}

/// The districts an article names, the subject first: administrative
/// mentions ("quận Đống Đa", "Quận ủy Ba Đình") outweigh bare names, and the
/// title and kicker outweigh the body.
fn rank_districts(texts: &[(Source, &str)], g: &Gazetteer) -> Vec<DistrictMention> {
    struct Tally {
        score: u32,
        first: usize,
        best: (districts::Strength, Evidence),
    }
    let mut tallies: Vec<(String, Tally)> = Vec::new();
    let mut order = 0usize;
    for (src, text) in texts {
        let sentences = Sentences::new(text);
        for m in districts::find_mentions(text, g) {
            let weight = match m.strength {
                districts::Strength::Administrative => 3,
                districts::Strength::Bare => 1,
            } * if src.block.is_none() { 3 } else { 1 };
            let ev = src.evidence(sentences.at(m.span.start).to_string());
            order += 1;
            match tallies.iter_mut().find(|(n, _)| *n == m.name) {
                Some((_, t)) => {
                    t.score += weight;
                    if m.strength > t.best.0 {
                        t.best = (m.strength, ev);
                    }
                }
                None => tallies.push((
                    m.name.clone(),
                    Tally {
                        score: weight,
                        first: order,
                        best: (m.strength, ev),
                    },
                )),
            }
        }
    }
    tallies.sort_by(|(_, a), (_, b)| b.score.cmp(&a.score).then(a.first.cmp(&b.first)));
    tallies
        .into_iter()
        .map(|(name, t)| DistrictMention {
            name,
            evidence: t.best.1,
        })
        .collect()
}

/// The byte range of the sentence around `pos`. Sentences end at ". ", "!",
/// "?", "…" or a line break; "Q. Ba Đình" and "TP. Hà Nội" do not end one.
#[cfg(test)]
pub(crate) fn sentence_range(text: &str, pos: usize) -> Range<usize> {
    Sentences::new(text).range(pos)
}

/// The sentences of one text, found on first use: for a loop over the
/// matches in a text, which used to rescan it from the start per match.
pub(crate) struct Sentences<'t> {
    text: &'t str,
    ends: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> Sentences<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Sentences {
            text,
            ends: std::cell::OnceCell::new(),
        }
    }

    /// The byte range of the sentence around `pos` (see `sentence_range`).
    pub(crate) fn range(&self, pos: usize) -> Range<usize> {
        let ends = self.ends.get_or_init(|| sentence_ends(self.text));
        // The sentence is the first to end after `pos`.
        let k = ends.partition_point(|&e| e <= pos);
        let start = if k == 0 { 0 } else { ends[k - 1] };
        let end = ends.get(k).copied().unwrap_or(self.text.len());
        trim_range(self.text, start..end)
    }

    /// The sentence around `pos`, as text.
    pub(crate) fn at(&self, pos: usize) -> &'t str {
        &self.text[self.range(pos)]
    }
}

/// Where each sentence of `text` ends (byte offsets, ascending): after a
/// line break, and after ".", "!", "?" or "…" followed by white space or
/// the end, unless the "." ends an abbreviation.
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    // Only these characters can end a sentence: find them by byte ("…" is
    // E2 80 A6) instead of decoding every character. They are few, so
    // memchr finds them (in two sets, merged in order) faster than a loop
    // looks at every byte.
    let bytes = text.as_bytes();
    let mut stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut breaks = memchr::memchr2_iter(b'\n', 0xE2, bytes).peekable();
    let candidates = std::iter::from_fn(|| match (stops.peek(), breaks.peek()) {
        (Some(s), Some(b)) if s < b => stops.next(),
        (Some(_), None) => stops.next(),
        _ => breaks.next(),
    });
    for i in candidates {
        let Some(&b) = bytes.get(i) else { continue };
        let len = match b {
            b'\n' => {
                ends.push(i + 1);
                continue;
            }
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA6]) => 3,
            _ => continue,
        };
        let next_is_space = text
            .get(i + len..)
            .is_none_or(|rest| rest.chars().next().is_none_or(char::is_whitespace));
        if next_is_space && !(b == b'.' && ends_abbreviation(&text[..i])) {
            ends.push(i + len);
        }
    }
    ends
}

/// Does a "." after `before` end an abbreviation ("Q.", "TP.")? The word
/// before it (from the start of the last run of letters and digits, or of
/// the text) is at most two characters, all capitals.
fn ends_abbreviation(before: &str) -> bool {
    // Three characters back decide it: a longer word is no abbreviation.
    let mut word = 0;
    let mut in_run = false;
    for c in before.chars().rev() {
        let alnum = crate::text::is_alphanumeric(c);
        if in_run && !alnum {
            break;
        }
        in_run |= alnum;
        word += 1;
        if word > 2 || !c.is_uppercase() {
            return false;
        }
    }
    true
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

/// The sentence around `pos`, as text.
#[cfg(test)]
pub(crate) fn sentence_at(text: &str, pos: usize) -> &str {
    &text[sentence_range(text, pos)]
}

/// What looks doubtful about one article's facts, for `check`: no district,
/// no event, no event date, dates that disagree, a person with no role.
pub fn doubts(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    if article.districts.is_empty() {
        out.push("no district found (không tìm thấy quận, huyện)".to_string());
    }
    match &article.event {
        None => out.push("no main event found (không xác định được sự kiện chính)".to_string()),
        Some(e) => {
            if e.start.is_none() {
                out.push("the event has no date (sự kiện không có ngày)".to_string());
            }
            if let (Some(s), Some(en)) = (&e.start, &e.end) {
                if s > en {
                    out.push(format!("the event ends ({en}) before it starts ({s})"));
                }
            }
            if e.inferred {
                if let Some(b) = &e.basis {
                    out.push(format!("the event's year is inferred: {b}"));
                }
            }
            if let (Some(y), Some(p)) = (e.year(), article.published.as_deref()) {
                let py: Option<i32> = p.get(..4).and_then(|s| s.parse().ok());
                if py.is_some_and(|py| (py - y).abs() > 1) {
                    out.push(format!(
                        "the event's date ({}) is far from the publication date ({p})",
                        e.start.as_deref().unwrap_or("")
                    ));
                }
            }
            // Another mention of the same event with a different year.
            for m in &article.events_mentioned {
                let same = m.kind == e.kind
                    && m.level == e.level
                    && m.ordinal.is_some()
                    && m.ordinal == e.ordinal
                    && m.district == e.district;
                if same && m.year().is_some() && m.year() != e.year() {
                    out.push(format!(
                        "two different dates for one event: {} and {}",
                        e.start.as_deref().unwrap_or("?"),
                        m.start.as_deref().unwrap_or("?")
                    ));
                }
            }
        }
    }
    if let (Some(e), Some(subject)) = (&article.event, article.districts.first()) {
        if let Some(d) = &e.district {
            if name_key(d) != name_key(subject) {
                out.push(format!(
                    "the event's district ({d}) is not the article's subject ({subject})"
                ));
            }
        }
    }
    for p in &article.people {
        if p.roles.is_empty() {
            out.push(format!("{} has no role (không rõ chức vụ)", p.name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    /// `sentence_ends` as it was first written, char by char.
    fn sentence_ends_by_chars(text: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut chars = text.char_indices().peekable();
        let mut prev_word_start = 0;
        let mut in_word = false;
        while let Some((i, c)) = chars.next() {
            if crate::text::is_alphanumeric(c) {
                if !in_word {
                    prev_word_start = i;
                    in_word = true;
                }
                continue;
            }
            let word = &text[prev_word_start..i];
            in_word = false;
            let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            let abbreviation =
                c == '.' && word.chars().count() <= 2 && word.chars().all(char::is_uppercase);
            let ends_here =
                c == '\n' || (matches!(c, '.' | '!' | '?' | '…') && next_is_space && !abbreviation);
            if ends_here {
                ends.push(i + c.len_utf8());
            }
        }
        ends
    }

    #[test]
    fn sentence_ends_agree_with_the_char_by_char_reading() {
        for t in [
            "",
            ".",
            ". a",
            "A. b",
            "AB. c",
            "ABC. d",
            "Ab. e",
            "Q.) f",
            "Q) . g",
            "x A). h",
            "TP. Hà Nội. Q. Ba Đình… Xong!\nMới? Hết.",
            "Đ. Ư.\u{a0}a",
            "12. a… b…c",
        ] {
            assert_eq!(sentence_ends(t), sentence_ends_by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let t = "Đại hội Đảng bộ Q. Ba Đình khai mạc. Hội nghị sau đó.";
        assert_eq!(sentence_at(t, 5), "Đại hội Đảng bộ Q. Ba Đình khai mạc.");
        assert_eq!(sentence_at(t, t.len() - 3), "Hội nghị sau đó.");
    }

    fn doc(title: &str, body: &[&str]) -> CleanDoc {
        CleanDoc {
            title: title.into(),
            body: Block::paragraphs(body),
            ..CleanDoc::default()
        }
    }

    #[test]
    fn subject_is_the_administrative_title_mention() {
        let d = doc(
            "Đảng bộ huyện Gia Lâm tổng kết công tác năm 2021",
            &["Đoàn đã thăm đền Hai Bà Trưng và làm việc với quận Long Biên, huyện Gia Lâm."],
        );
        let f = extract(&d, &Gazetteer::builtin());
        let names: Vec<&str> = f.districts.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["Gia Lâm", "Long Biên"]);
        assert_eq!(f.districts[0].evidence.place, Place::Title);
    }

    #[test]
    fn every_fact_has_evidence() {
        let d = doc(
            "Hội nghị Ban Chấp hành Đảng bộ thị xã Sơn Tây",
            &["Sáng 15/7/2021, Thị ủy Sơn Tây tổ chức Hội nghị Ban Chấp hành Đảng bộ thị xã lần thứ 5, khóa XXIII. Bí thư Thị ủy Nguyễn Văn An chủ trì. Thu ngân sách đạt 1.234,5 tỷ đồng theo Chỉ thị số 05-CT/TW."],
        );
        let f = extract(&d, &Gazetteer::builtin());
        let e = f.event.as_ref().unwrap();
        assert_eq!(e.start.as_deref(), Some("2021-07-15"));
        assert_eq!(e.term_number, Some(23));
        assert!(e
            .evidence
            .as_ref()
            .is_some_and(|ev| ev.text.contains("15/7/2021")));
        assert!(f.people.iter().all(|p| !p.evidence.is_empty()));
        assert_eq!(f.people[0].roles, vec!["Bí thư Thị ủy Sơn Tây".to_string()]);
        assert!(f.documents.iter().all(|d| d.evidence.is_some()));
        assert!(f.figures.iter().all(|d| d.evidence.is_some()));
        assert_eq!(f.figures[0].value, 1234.5);
    }

    #[test]
    fn doubts_name_missing_facts() {
        let d = doc("Một bài không rõ", &["Không có gì cả."]);
        let f = extract(&d, &Gazetteer::builtin());
        let a = Article::assemble(d, f, "utf-8");
        let ds = doubts(&a);
        assert!(ds.iter().any(|d| d.contains("no district")));
        assert!(ds.iter().any(|d| d.contains("no main event")));
    }
}

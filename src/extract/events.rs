//! The article's main event (kind, level, ordinal, term, dates) and the other
//! events it refers to.
//!
//! Every phrase naming an event ("Đại hội ...", "Hội nghị Ban Chấp hành ...",
//! "Lễ kỷ niệm ...", "bầu cử ...") is an *occurrence*, read from a window
//! that runs from the phrase to the next event phrase or clause end. The main
//! event is the best-placed occurrence the text says was held ("tổ chức",
//! "diễn ra", a date); the others become `events_mentioned`.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{dates_in, infer_year, DateSpan, PartialDate, YearBasis};
use super::districts::{mentions, Gazetteer};
use super::ordinals::{ordinal_after_lan_thu, parse_ordinal};
use super::{Sentences, Source};
use crate::model::{Event, EventKind, Level, Precision};
use crate::text::{ascii_fold, end_window, to_roman, WordRegex};

/// National Party congresses by ordinal: a known fact, stated as the basis.
const NATIONAL_CONGRESSES: &[(u32, i32)] = &[
    (9, 2001),
    (10, 2006),
    (11, 2011),
    (12, 2016),
    (13, 2021),
    (14, 2026),
];

/// National Assembly elections by the khóa they elect.
const ASSEMBLY_ELECTIONS: &[(u32, i32)] = &[(13, 2011), (14, 2016), (15, 2021), (16, 2026)];

/// A phrase naming an event: "Đại hội", "Hội nghị", "Lễ kỷ niệm", "Lễ gắn
/// biển", "bầu cử".
static HEAD: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(đại\s+hội|hội\s+nghị|lễ\s+(?:kỷ|kỉ)\s+niệm|lễ\s+(?:mít\s+tinh|míttinh|trao|công\s+bố|khánh\s+thành|khởi\s+công|gắn\s+biển|ra\s+mắt|tuyên\s+dương|phát\s+động|đón\s+nhận|khai\s+giảng)|(?:cuộc\s+)?bầu\s+cử)\b",
    )
});

/// Words before an event phrase that make it a reference, not the event
/// reported: "Nghị quyết Đại hội", "chào mừng Đại hội", "tiến tới Đại hội",
/// "dự Đại hội", "văn kiện Đại hội", "giữa nhiệm kỳ Đại hội", and the
/// work before one: "đề án nhân sự Đại hội", "dự thảo … trình Đại hội".
static REFERENCE_BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(nghị\s+quyết|văn\s+kiện|chào\s+mừng|tiến\s+tới|hướng\s+tới|dự|sau|trước|nhiệm\s+kỳ|thực\s+hiện|kết\s+quả|tinh\s+thần|của|chuẩn\s+bị|tham\s+gia|công\s+tác|tại|trong|nhân\s+sự|đề\s+án|trình|phục\s+vụ|dự\s+thảo|dự\s+kiến)\s*$",
    )
});

/// Verbs saying an event was held: "tổ chức", "diễn ra", "khai mạc".
static HELD: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(tổ\s+chức|diễn\s+ra|khai\s+mạc|bế\s+mạc|long\s+trọng|tiến\s+hành|đã\s+họp)\b",
    )
});

/// "khóa XXVIII", "khoá 26", "khóa XV".
static KHOA: LazyLock<WordRegex> =
    LazyLock::new(|| crate::text::static_word_regex(r"(?i)\bkh(?:óa|oá)\s+([IVXLC]+|\d{1,2})\b"));

/// "nhiệm kỳ 2020 – 2025", "nhiệm kỳ 2020- 2025", "nhiệm kỳ Đại hội 2015-2020".
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"(?i)nhiệm\s+kỳ\s*(?:đại\s+hội\s*)?\(?\s*(\d{4})\s*[-–—]\s*(\d{4})")
});

/// A bare ordinal right after the phrase: "Đại hội XIII", "Đại hội 13 của
/// Đảng", "Đại hội đại biểu toàn quốc XIII", "Hội nghị Trung ương 4".
static BARE_ORDINAL: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)^(?:đại\s+hội|hội\s+nghị)(?:\s+đại\s+biểu)?(?:\s+toàn\s+quốc)?(?:\s+(?:ban\s+chấp\s+hành\s+)?(?P<tw>trung\s+ương))?\s+(?P<n>[IVXLC]+|\d{1,2})\b",
    )
});

/// Where a window ends: the next clause that is not about this event.
///
/// Who attended ("Dự Đại hội có đồng chí …, Phó Bí thư Thành ủy") ends it:
/// the office of a guest is not the event's level.
///
/// A purpose ("để", "nhằm") or a document the event acts on ("công bố
/// quyết định của Ban Thường vụ Thành ủy", "quán triệt Nghị quyết Trung
/// ương 4 khóa XII") ends it too: the level, khóa and term after them are
/// the document's, not the event's. A resolution named without a number
/// or issuer ("thông qua Nghị quyết nhiệm kỳ 2020–2025") is the event's
/// own, and its term the event's; "quyết định" in lower case is mostly the
/// verb ("quyết định phương hướng, nhiệm vụ nhiệm kỳ 2020–2025").
static WINDOW_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"[;:]|\s+và\s+|\s+cùng\s+|\s+với\s+|\.\s|\s+(?:để|nhằm|có)\s+|\s+(?:đồng\s+chí|các\s+đồng\s+chí|đ/c)\s|\s+(?:Quyết định|Chỉ thị|Kết luận)\s|\s+(?:quyết định|chỉ thị|kết luận|nghị quyết)\s+(?:số|của)\s|\s+Nghị quyết\s+(?:số|Trung|của|\d)",
    )
});

/// Markers of the level an event belongs to, the first in the text wins:
/// "toàn quốc", "của Đảng", "Trung ương", "Quốc hội" -> national;
/// "Thành phố", "TP", "Thành ủy" -> city; "quận", "huyện", "Quận ủy" ->
/// district (see `level_marker`).
///
/// The three are searched apart, not as one pattern with a group for
/// each: asking which group matched ran regex's slowest engine over the
/// rest of every event's window, and two of them have a word boundary only
/// at each end, which `WordRegex` checks by hand.
static NATIONAL_MARKER: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(toàn\s+quốc|của\s+Đảng(?:\s+bộ)?|Trung\s+ương|Quốc\s+hội)\b",
    )
});

/// "Thành phố", "TP.", "Thủ đô", "Thành ủy", then white space, a comma or
/// the end; after a word boundary, which `level_marker` checks.
static CITY_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"(?i)(Thành\s+phố|TP\.?|Thủ\s+đô|Thành\s+[uủ][yỷ])(?:\s|$|,)")
});

/// "quận", "huyện", "thị xã", "Quận ủy", "Huyện ủy", "Thị ủy".
static DISTRICT_MARKER: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(quận|huyện|thị\s+xã|Quận\s+[uủ][yỷ]|Huyện\s+[uủ][yỷ]|Thị\s+[uủ][yỷ])\b",
    )
});

/// One event phrase and what its window says.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub kind: EventKind,
    pub level: Option<Level>,
    pub district: Option<String>,
    pub ordinal: Option<u32>,
    pub term_number: Option<u32>,
    pub term: Option<String>,
    /// Which text (index into the article's texts).
    pub text: usize,
    pub head: Range<usize>,
    pub sentence: Range<usize>,
    /// Named as a reference ("Nghị quyết Đại hội ..."), not as the event held.
    pub reference: bool,
    /// Which sentence of the article (counted over its texts): the
    /// occurrences of one sentence share what is read from it (see
    /// `SentenceFacts`).
    pub sentence_id: usize,
}

/// The kind of event a phrase names, given its window; None for phrases
/// that are not an event of the archive ("Đại hội Đoàn", "Đại hội Đảng các
/// cấp").
///
/// `before` is the sentence up to the phrase: "Ban Chấp hành Đảng bộ quận
/// họp Hội nghị lần thứ năm" names its plenum before the phrase.
fn kind_of(head: &str, window: &str, before: &str) -> Option<EventKind> {
    let h = ascii_fold(head);
    // Nothing below reads past the first `KIND_CHARS` characters of the
    // rest, folded and trimmed (a congress's, past its longest
    // `not_party`): fold only those, not the whole sentence.
    let rest = |n: usize| fold_prefix(&window[head.len().min(window.len())..], n);
    if h.starts_with("dai hoi") {
        let not_party = [
            "doan",
            "hoi ",
            "cong doan",
            "the duc",
            "co dong",
            "phu nu",
            "cuu chien binh",
            "thi dua",
            "mat tran",
            "chi bo",
            "cac cap",
            "dang cac cap",
            "dang bo cac cap",
            "dai bieu phu nu",
            "dai bieu mat tran",
            "dai bieu hoi",
            "dai bieu doan",
        ];
        let rest = rest(not_party.iter().map(|p| p.len()).max().unwrap_or(0));
        let rest = rest.trim_start();
        if not_party.iter().any(|p| rest.starts_with(p)) {
            return None;
        }
        return Some(EventKind::Congress);
    }
    if h.starts_with("hoi nghi") {
        let rest = rest(KIND_CHARS);
        let first: String = rest.trim_start().chars().take(KIND_CHARS).collect();
        if first.contains("ban chap hanh")
            || first.starts_with("bch")
            || first.starts_with("trung uong")
            || first.contains("quan uy lan thu")
            || first.contains("huyen uy lan thu")
            || first.contains("thanh uy lan thu")
        {
            return Some(EventKind::Plenum);
        }
        if first.starts_with("lan thu") && numbered_by_committee(&first, before) {
            return Some(EventKind::Plenum);
        }
        if first.starts_with("so ket") || first.starts_with("tong ket") {
            return Some(EventKind::Review);
        }
        return Some(EventKind::Meeting);
    }
    if h.starts_with("le ") {
        return Some(EventKind::Ceremony);
    }
    if h.contains("bau cu") {
        // "đơn vị bầu cử số 1", "khu vực bầu cử", "Tổ bầu cử": a place or
        // a body of the election, named in a report of something else.
        let tail = ascii_fold(super::people::last_words(before.trim_end(), 2));
        let named_by = ["don vi", "khu vuc", "to", "hoi dong", "ban", "uy ban"];
        if named_by
            .iter()
            .any(|w| tail == *w || tail.ends_with(&format!(" {w}")))
        {
            return None;
        }
        return Some(EventKind::Election);
    }
    None
}

/// The most characters of the folded rest of a window `kind_of` reads.
const KIND_CHARS: usize = 60;

/// `ascii_fold(s)` as far as its first `n` characters past leading white
/// space (all of it when shorter): a prefix of `ascii_fold(s)`, since the
/// fold goes character by character (`ascii_fold_is_by_character` in the
/// tests). The first `n` characters past the white space fold to enough
/// unless some fold to nothing (marks); then it is folded whole.
fn fold_prefix(s: &str, n: usize) -> String {
    let lead = s.len() - s.trim_start().len();
    let cut = s[lead..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| lead + i);
    let head = ascii_fold(&s[..cut]);
    if cut == s.len() || head.trim_start().chars().take(n).count() == n {
        head
    } else {
        ascii_fold(s)
    }
}

/// A numbered "Hội nghị lần thứ N" is the executive committee's when the
/// committee is its subject ("Ban Chấp hành … họp Hội nghị lần thứ năm") or
/// the number is counted within a khóa ("Hội nghị lần thứ 5, khóa XXVI").
fn numbered_by_committee(after: &str, before: &str) -> bool {
    let tail: String = {
        let b = ascii_fold(before);
        let n = b.chars().count();
        b.chars().skip(n.saturating_sub(80)).collect()
    };
    let within_khoa = after.chars().take(40).collect::<String>().contains("khoa ");
    within_khoa || tail.contains("ban chap hanh") || tail.contains("bch ")
}

/// The byte range of the event's window: from the phrase to the next event
/// phrase, clause end or sentence end (elections keep "và": "bầu cử đại biểu
/// Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 – 2026").
///
/// `next_head` is where the next event phrase after this one starts (the
/// next of `HEAD.find_iter`, which is `HEAD.find_at(text, head.end)`).
fn window(
    text: &str,
    head: Range<usize>,
    next_head: Option<usize>,
    sentence_end: usize,
    kind: EventKind,
) -> Range<usize> {
    let mut end = sentence_end;
    if let Some(next) = next_head.filter(|&start| start < end) {
        end = next;
    }
    let limit = floor_boundary(text, (head.start + 220).min(end));
    end = end.min(limit);
    let slice = &text[head.end..end];
    for m in WINDOW_END.find_iter(slice) {
        let s = m.as_str();
        let is_and = s.trim() == "và" || s.trim() == "cùng" || s.trim() == "với";
        if kind == EventKind::Election && is_and {
            continue;
        }
        end = head.end + m.start();
        break;
    }
    head.start..end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A commune-level party committee: "Đảng bộ phường Hoàn Kiếm", "Đảng ủy
/// xã Hồng Vân", "Đảng bộ thị trấn Phùng", or unnamed, "Đảng bộ xã" (group
/// `name` then absent).
static COMMUNE_COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?:Đảng|đảng)\s+(?:bộ|ủy|uỷ)\s+(?P<kind>phường|xã|thị\s+trấn)(?:\s+(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}|\d{1,2}))?",
    )
});

/// A commune-level unit named anywhere: "phường Hoàn Kiếm", "xã Sóc Sơn".
static COMMUNE_UNIT: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"\b(?P<kind>phường|xã|thị\s+trấn)\s+(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})",
    )
});

/// "phường  Hoàn Kiếm" from a match's groups, its white space single.
fn unit_of(c: &regex::Captures) -> Option<String> {
    let kind = c
        .name("kind")?
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = c
        .name("name")?
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(format!("{kind} {name}"))
}

/// The first commune-level unit the article names outside brackets (a
/// venue's "(phường Ngọc Lâm)" is not the organiser), for an event of an
/// unnamed "Đảng bộ xã".
fn first_unit(texts: &[(Source, &str)]) -> Option<String> {
    texts.iter().find_map(|(_, t)| {
        COMMUNE_UNIT
            .captures_iter(t)
            .find(|c| c.get(0).is_some_and(|m| !in_brackets(t, m.start())))
            .and_then(|c| unit_of(&c))
    })
}

/// The commune-level unit named last before the phrase of `o` in its
/// sentence, outside brackets: its organiser ("Đảng ủy phường Giang Biên đã
/// tổ chức Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 12").
fn organiser_unit(texts: &[(Source, &str)], o: &Occurrence) -> Option<String> {
    let (_, text) = texts.get(o.text)?;
    let before = &text[o.sentence.start..o.head.start];
    COMMUNE_UNIT
        .captures_iter(before)
        .filter(|c| c.get(0).is_some_and(|m| !in_brackets(before, m.start())))
        .last()
        .and_then(|c| unit_of(&c))
}

/// Is `p` inside brackets opened just before it, with at most a unit's
/// kind between: "(quận Tây Hồ)", "(phường Ngọc Lâm, …)"?
fn in_brackets(text: &str, p: usize) -> bool {
    text[..p]
        .rfind('(')
        .is_some_and(|o| p - o <= 16 && !text[o..p].contains(')'))
}

/// The level named in a text, and the district (for a commune, the unit,
/// when named) if it is one. A city named in brackets after a unit ("Đảng
/// bộ phường Hoàn Kiếm (TP Hà Nội)") locates the unit; it is not the level,
/// and neither is a district in brackets.
fn level_in(text: &str, g: &Gazetteer) -> Option<(Level, Option<String>)> {
    let bracketed = |p: usize| in_brackets(text, p);
    let city_alias = g.first_city_alias(text).filter(|&p| !bracketed(p));
    let mut from = 0;
    let marker = loop {
        match level_marker(&text[from..]) {
            Some((p, _)) if bracketed(from + p) => match text[from + p..].find(')') {
                Some(close) => from += p + close + 1,
                None => break None,
            },
            Some((p, l)) => break Some((from + p, l)),
            None => break None,
        }
    };
    // "tại Hội trường … (quận Tây Hồ)": a place in brackets locates, as
    // the city does after a unit.
    let district = mentions(text, g).find(|d| !bracketed(d.span.start));
    let commune = COMMUNE_COMMITTEE.captures(text);
    let mut best: Option<(usize, Level)> = marker;
    if let Some(d) = &district {
        if best.is_none_or(|(p, _)| d.span.start < p) {
            best = Some((d.span.start, Level::District));
        }
    }
    if let Some(c) = commune.as_ref().and_then(|c| c.get(0)) {
        if best.is_none_or(|(p, _)| c.start() <= p) {
            best = Some((c.start(), Level::Commune));
        }
    }
    if let Some(p) = city_alias {
        if best.is_none_or(|(q, _)| p < q) {
            best = Some((p, Level::City));
        }
    }
    let (_, level) = best?;
    let name = match level {
        Level::District => district.map(|d| d.name),
        Level::Commune => commune.as_ref().and_then(unit_of),
        _ => None,
    };
    Some((level, name))
}

/// Where the first level marker in `text` starts, and its level; none
/// when the first is "của Đảng bộ" (a district or city party committee,
/// not national).
///
/// As one pattern of the three markers in turn would find it: the marker
/// that starts first, and of two that start at one place, the national
/// before the city before the district.
fn level_marker(text: &str) -> Option<(usize, Level)> {
    let national = NATIONAL_MARKER.find(text);
    let mut best = national.map(|m| (m.start(), Level::National));
    let city = city_marker_start(text).map(|p| (p, Level::City));
    let district = DISTRICT_MARKER
        .find(text)
        .map(|m| (m.start(), Level::District));
    for found in [city, district].into_iter().flatten() {
        if best.is_none_or(|(p, _)| found.0 < p) {
            best = Some(found);
        }
    }
    match (best, national) {
        (Some((_, Level::National)), Some(m)) if m.as_str().ends_with("bộ") => None,
        _ => best,
    }
}

/// Where `CITY_MARKER` first matches after a word boundary: its matches
/// start, in order, at every place the marker with the boundary can.
fn city_marker_start(text: &str) -> Option<usize> {
    let mut at = 0;
    loop {
        let m = CITY_MARKER.find_at(text, at)?;
        if crate::text::is_word_boundary(text, m.start()) {
            return Some(m.start());
        }
        at = m.start() + text[m.start()..].chars().next()?.len_utf8();
    }
}

/// "khóa XXVIII" -> 28.
fn khoa_in(text: &str) -> Option<u32> {
    KHOA.captures_at(text, 0)
        .and_then(|c| c.get(1))
        .and_then(|m| parse_ordinal(m.as_str()))
}

/// The last "khóa X" of `text`, and where it ends.
fn last_khoa_in(text: &str) -> Option<(u32, usize)> {
    let mut last = None;
    let mut at = 0;
    while let Some(c) = KHOA.captures_at(text, at) {
        let (Some(whole), Some(n)) = (c.get(0), c.get(1)) else {
            break;
        };
        if let Some(k) = parse_ordinal(n.as_str()) {
            last = Some((k, whole.end()));
        }
        at = whole.end();
    }
    last
}

/// "nhiệm kỳ 2020 – 2025" -> "2020-2025" (terms run 2 to 5 years).
pub fn term_in(text: &str) -> Option<String> {
    TERM.find_iter(text).find_map(|m| {
        let (first, last) = term_years(m.as_str())?;
        let a: i32 = first.parse().ok()?;
        let b: i32 = last.parse().ok()?;
        (2..=5).contains(&(b - a)).then(|| format!("{a}-{b}"))
    })
}

/// The two years of `TERM`'s match `m`, as its groups would give them, read
/// from the matched text (asking regex for the groups runs its slowest
/// engine): the match ends with the last year's four digits, and before
/// them, past white space, a dash and white space, are the first year's
/// (no digit is white space or a dash).
fn term_years(m: &str) -> Option<(&str, &str)> {
    let last_chars = |s: &str, n: usize| s.char_indices().rev().nth(n - 1).map(|(i, _)| i);
    let last = last_chars(m, 4)?;
    let before = m[..last].trim_end();
    let before = before.strip_suffix(['-', '–', '—'])?.trim_end();
    let first = last_chars(before, 4)?;
    Some((&before[first..], &m[last..]))
}

/// The ordinal in an event's window: "lần thứ X" or a bare numeral after the
/// phrase ("Đại hội XIII"), with whether it was "Trung ương N".
fn ordinal_in(window: &str) -> (Option<u32>, bool) {
    if let Some((n, _)) = ordinal_after_lan_thu(window) {
        return (Some(n), false);
    }
    match BARE_ORDINAL.captures(window) {
        Some(c) => (
            c.name("n").and_then(|m| parse_ordinal(m.as_str())),
            c.name("tw").is_some(),
        ),
        None => (None, false),
    }
}

/// Every event phrase in the article's texts.
pub fn occurrences(texts: &[(Source, &str)], g: &Gazetteer) -> Vec<Occurrence> {
    let mut out: Vec<Occurrence> = Vec::new();
    let mut sentence_id = 0;
    for (ti, (_, text)) in texts.iter().enumerate() {
        let sentences = Sentences::new(text);
        // All at once: each phrase's window ends at the next.
        let heads: Vec<regex::Match> = HEAD.find_iter(text).collect();
        for (k, m) in heads.iter().enumerate() {
            let sentence = sentences.range(m.start());
            let before = &text[sentence.start..m.start()];
            let Some(kind) = kind_of(m.as_str(), &text[m.start()..sentence.end], before) else {
                continue;
            };
            let next_head = heads.get(k + 1).map(|n| n.start());
            let w = window(text, m.range(), next_head, sentence.end, kind);
            let win = &text[w.clone()];
            let (ordinal, central) = ordinal_in(win);
            let (mut level, mut district) = match level_in(&win[m.len()..], g) {
                Some((l, d)) => (Some(l), d),
                None => (None, None),
            };
            if central {
                level = Some(Level::National);
                district = None;
            }
            let term_number = match kind {
                // A congress's ordinal is the khóa of the committee it elects.
                EventKind::Congress => ordinal,
                _ => khoa_in(win),
            };
            if out
                .last()
                .is_some_and(|o| o.text != ti || o.sentence != sentence)
            {
                sentence_id += 1;
            }
            out.push(Occurrence {
                kind,
                level,
                district,
                ordinal: if kind == EventKind::Election {
                    None
                } else {
                    ordinal
                },
                term_number,
                term: term_in(win),
                text: ti,
                head: m.range(),
                sentence: sentence.clone(),
                reference: REFERENCE_BEFORE.is_match_at(before, end_window(before)),
                sentence_id,
            });
        }
    }
    out
}

/// What the occurrences' sentences say, read once for each sentence and
/// only when a rule asks: whether the event was held ("tổ chức", "diễn
/// ra"), and the sentence's first event date. Several occurrences share a
/// sentence, and most are decided before either is needed.
struct SentenceFacts<'a> {
    texts: &'a [(Source, &'a str)],
    held: Vec<OnceCell<bool>>,
    date: Vec<OnceCell<Option<DateSpan>>>,
}

impl<'a> SentenceFacts<'a> {
    fn new(texts: &'a [(Source, &'a str)], occ: &[Occurrence]) -> Self {
        let n = occ.last().map_or(0, |o| o.sentence_id + 1);
        SentenceFacts {
            texts,
            held: (0..n).map(|_| OnceCell::new()).collect(),
            date: (0..n).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The sentence says it was held.
    fn held(&self, o: &Occurrence) -> bool {
        let (Some(cell), Some((_, text))) = (self.held.get(o.sentence_id), self.texts.get(o.text))
        else {
            return false;
        };
        *cell.get_or_init(|| HELD.is_match(&text[o.sentence.clone()]))
    }

    /// The sentence's first event date (see `event_dates`).
    fn first_date(&self, o: &Occurrence) -> Option<&DateSpan> {
        let cell = self.date.get(o.sentence_id)?;
        let (_, text) = self.texts.get(o.text)?;
        cell.get_or_init(|| event_dates(text, o.sentence.clone()).next())
            .as_ref()
    }
}

/// The article as the rules that read all of it see it: its texts joined,
/// and the committees' terms by khóa in them, each made when first needed.
struct ArticleText<'a> {
    texts: &'a [(Source, &'a str)],
    joined: OnceCell<String>,
    khoa_terms: OnceCell<BTreeMap<u32, String>>,
}

impl<'a> ArticleText<'a> {
    fn new(texts: &'a [(Source, &'a str)]) -> Self {
        ArticleText {
            texts,
            joined: OnceCell::new(),
            khoa_terms: OnceCell::new(),
        }
    }

    fn text(&self) -> &str {
        self.joined.get_or_init(|| {
            self.texts
                .iter()
                .map(|(_, t)| *t)
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    fn khoa_terms(&self) -> &BTreeMap<u32, String> {
        self.khoa_terms.get_or_init(|| khoa_terms(self.text()))
    }
}

/// How strongly an occurrence looks like the article's own event: what
/// its placement and kind give (`placed_score`), 3 if its sentence says it
/// was held, 3 if the sentence has an event date.
#[cfg(test)]
fn main_score(
    o: &Occurrence,
    texts: &[(Source, &str)],
    lede: Option<usize>,
    facts: &SentenceFacts,
) -> i32 {
    let Some(score) = placed_score(o, texts, lede) else {
        return i32::MIN;
    };
    score + sentence_score(o, facts)
}

/// What a sentence adds to the score of an occurrence in it.
fn sentence_score(o: &Occurrence, facts: &SentenceFacts) -> i32 {
    let held = if facts.held(o) { 3 } else { 0 };
    let dated = if facts.first_date(o).is_some() { 3 } else { 0 };
    held + dated
}

/// The most `sentence_score` adds.
const SENTENCE_SCORE_MAX: i32 = 6;

/// `main_score` but for what the sentence says; none for an occurrence
/// that cannot be the main event.
fn placed_score(o: &Occurrence, texts: &[(Source, &str)], lede: Option<usize>) -> Option<i32> {
    if o.reference {
        return None;
    }
    let (source, _) = texts.get(o.text)?;
    let specific = o.ordinal.is_some() || o.level.is_some();
    if o.kind == EventKind::Congress && !specific {
        return None;
    }
    let mut score = 0;
    match source.block {
        None => score += 4,
        Some(b) if Some(b) == lede => score += 3,
        Some(b) if lede.is_some_and(|l| b < l + 2) => score += 1,
        Some(_) => {}
    }
    if matches!(o.kind, EventKind::Congress | EventKind::Plenum) {
        score += 1;
    }
    Some(score)
}

/// The occurrence of the highest `main_score` of at least 4, the earliest
/// of equals. A later occurrence must score more than the best so far, so
/// its sentence is read only when it could (finding dates costs most).
fn main_occurrence(
    occ: &[Occurrence],
    texts: &[(Source, &str)],
    lede: Option<usize>,
    facts: &SentenceFacts,
) -> Option<usize> {
    let mut best: Option<(i32, usize)> = None;
    for (i, o) in occ.iter().enumerate() {
        let Some(placed) = placed_score(o, texts, lede) else {
            continue;
        };
        let needed = best.map_or(4, |(s, _)| s + 1);
        if placed + SENTENCE_SCORE_MAX < needed {
            continue;
        }
        let score = placed + sentence_score(o, facts);
        if score >= needed {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// A document's date ("số 05-CT/TW ngày 15/5/2016") or a cut-off ("tính đến
/// ngày 30/12/2021") is not the event's date.
static NOT_EVENT_DATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)([A-ZĐ]{1,6}/[A-ZĐ]{1,6}\s+ngày|tính\s+đến\s+ngày|đến\s+hết\s+ngày|tính\s+đến|kể\s+từ\s+ngày)\s*$",
    )
});

/// The dates of a sentence that can be an event's: cued, not an
/// anniversary span, not a document's date or a cut-off.
fn event_dates(text: &str, sentence: Range<usize>) -> impl Iterator<Item = DateSpan> + '_ {
    let s = &text[sentence.clone()];
    dates_in(s).filter(move |d| {
        let before = &s[..d.span.start];
        d.cued
            && !d.is_anniversary_span()
            && !NOT_EVENT_DATE_BEFORE.is_match_at(before, end_window(before))
    })
}

/// Two occurrences name the same event.
fn same_event(a: &Occurrence, b: &Occurrence) -> bool {
    let fits = |x: Option<u32>, y: Option<u32>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    a.kind == b.kind
        && fits(a.ordinal, b.ordinal)
        && (a.level.is_none() || b.level.is_none() || a.level == b.level)
        && (a.district.is_none() || b.district.is_none() || a.district == b.district)
}

/// What extract knows of the article beyond its texts.
pub struct Context<'a> {
    pub subject: Option<&'a str>,
    pub published: Option<&'a str>,
    pub lede: Option<usize>,
}

/// The article's main event and the other events it mentions.
pub fn events(
    texts: &[(Source, &str)],
    ctx: &Context,
    g: &Gazetteer,
) -> (Option<Event>, Vec<Event>) {
    let occ = occurrences(texts, g);
    let facts = SentenceFacts::new(texts, &occ);
    let article = ArticleText::new(texts);
    let best = main_occurrence(&occ, texts, ctx.lede, &facts);
    let main = best.and_then(|i| build_main(&occ, i, ctx, &facts, &article, g));
    let mentioned = mentioned_events(&occ, main.as_ref(), texts, ctx, &article, g);
    (main, mentioned)
}

fn build_main(
    occ: &[Occurrence],
    best: usize,
    ctx: &Context,
    facts: &SentenceFacts,
    article: &ArticleText,
    g: &Gazetteer,
) -> Option<Event> {
    let texts = article.texts;
    let m = occ.get(best)?;
    // The same event named elsewhere fills in what this phrase leaves out.
    let mut same: Vec<&Occurrence> = vec![m];
    same.extend(
        occ.iter()
            .enumerate()
            .filter(|(i, o)| *i != best && !o.reference && same_event(m, o))
            .map(|(_, o)| o),
    );
    let mut e = Event::new(m.kind, Level::District);
    e.ordinal = same.iter().find_map(|o| o.ordinal);
    e.term_number = same.iter().find_map(|o| o.term_number);
    e.term = same.iter().find_map(|o| o.term.clone());
    // The level: the phrase's own words, else the organiser before it
    // ("Đảng bộ quận Đống Đa tổ chức Hội nghị ..."), else another phrase
    // naming the same event, which may say less of it ("Đại hội điểm cấp
    // xã của Thủ đô").
    let mut level = m.level;
    let mut district = m.district.clone();
    if level.is_none() {
        let (_, text) = texts.get(m.text)?;
        if let Some((l, d)) = level_in(&text[m.sentence.start..m.head.start], g) {
            level = Some(l);
            district = d;
        }
    }
    if level.is_none() {
        level = same.iter().find_map(|o| o.level);
    }
    if district.is_none() {
        district = same
            .iter()
            .filter(|o| o.level == level)
            .find_map(|o| o.district.clone());
    }
    e.level = level.unwrap_or(Level::District);
    match e.level {
        Level::District => e.district = district.or_else(|| ctx.subject.map(str::to_string)),
        Level::Commune => {
            e.unit = district
                .or_else(|| organiser_unit(texts, m))
                .or_else(|| first_unit(texts));
            // A ward of the district the article is about (before July
            // 2025 every ward was in one).
            e.district = ctx.subject.map(str::to_string);
        }
        _ => {}
    }
    // A plenum's term from the congress that opened it: "giữa nhiệm kỳ Đại
    // hội lần thứ XXV Đảng bộ quận nhiệm kỳ 2015 – 2020".
    if e.kind == EventKind::Plenum && (e.term_number.is_none() || e.term.is_none()) {
        let (_, text) = texts.get(m.text)?;
        // "Ban Chấp hành Đảng bộ huyện khóa XXIII, nhiệm kỳ 2020-2025 tổ
        // chức Hội nghị lần thứ 20": the committee meeting names its khóa
        // before the phrase.
        let before = &text[m.sentence.start..m.head.start];
        if e.term_number.is_none() {
            if let Some(k) = last_khoa_in(before) {
                e.term_number = Some(k.0);
                e.term = e.term.take().or_else(|| term_in(&before[k.1..]));
            }
        }
        let rest = &text[m.head.end..m.sentence.end];
        if e.term_number.is_none() {
            e.term_number = occ
                .iter()
                .filter(|o| {
                    o.text == m.text && o.head.start > m.head.start && o.head.end <= m.sentence.end
                })
                .find(|o| o.kind == EventKind::Congress)
                .and_then(|o| o.ordinal);
        }
        if e.term.is_none() {
            e.term = term_in(rest);
        }
    }
    // The date: from the main phrase's sentence, else from a sentence
    // naming the same event.
    let dated = same.iter().find_map(|o| {
        let (source, text) = texts.get(o.text)?;
        let d = facts.first_date(o)?.clone();
        Some((d, *source, &text[o.sentence.clone()]))
    });
    // "Sáng 20/7, … khai mạc. Đại hội diễn ra từ ngày 19 đến 21/7": a day
    // of the event, then the days it spans; the span is the event's.
    let dated = dated.map(|(d, source, sentence)| {
        if d.start != d.end {
            return (d, source, sentence);
        }
        same.iter()
            .find_map(|o| {
                let (source, text) = texts.get(o.text)?;
                let mut span = event_dates(text, o.sentence.clone())
                    .find(|r| r.start != r.end && span_holds(r, &d.start))?;
                // "Chiều 24/7/2020, … (22-24/7)": the day's year is the
                // span's, or the next for a day before the turn of a year.
                let turn = span.start.month > span.end.month && d.start.month >= span.start.month;
                span.end.year = span.end.year.or(d.end.year.map(|y| y + i32::from(turn)));
                Some((span, *source, &text[o.sentence.clone()]))
            })
            .unwrap_or((d, source, sentence))
    });
    let (ev_source, ev_text) = match &dated {
        Some((_, s, t)) => (*s, t.to_string()),
        None => {
            let (s, t) = texts.get(m.text)?;
            (*s, t[m.sentence.clone()].to_string())
        }
    };
    if let Some((d, _, sentence)) = dated {
        match d.end.year {
            Some(y) => {
                if let Some((s, en)) = d.resolve(y) {
                    set_dates(&mut e, s, en, d.start.precision());
                }
            }
            None => {
                if let Some(YearBasis { year, basis }) =
                    infer_year(&d.end, sentence, article.text(), ctx.published)
                {
                    if let Some((s, en)) = d.resolve(year) {
                        set_dates(&mut e, s, en, d.start.precision());
                        e.inferred = true;
                        e.basis = Some(basis);
                    }
                }
            }
        }
        if d.start == d.end {
            start_from_closing(&mut e, &d, sentence);
        }
    }
    if e.start.is_none() {
        if let Some(y) = same.iter().find_map(|o| {
            let (_, text) = texts.get(o.text)?;
            stated_year(&text[o.sentence.clone()])
        }) {
            let y = y.to_string();
            set_dates(&mut e, y.clone(), y, Precision::Year);
        }
    }
    e.evidence = Some(ev_source.evidence(ev_text));
    Some(e)
}

/// A year the sentence itself puts the event in, when it gives no day:
/// "Năm 2020, Đại hội … đã thành công", "Đại hội … diễn ra trong năm 2020".
/// Only a sentence with a single such year counts; two years are ambiguous.
fn stated_year(sentence: &str) -> Option<i32> {
    static IN_YEAR: LazyLock<WordRegex> = LazyLock::new(|| {
        crate::text::static_word_regex(r"(?i)(?:^|[\s,(])(?:trong\s+)?năm\s+((?:19|20)\d\d)\b")
    });
    let mut years = IN_YEAR
        .captures_iter(sentence)
        .filter_map(|c| c[1].parse::<i32>().ok());
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// Whether the days of `span` hold `day`, by month and day, and by year
/// where both are written.
fn span_holds(span: &DateSpan, day: &PartialDate) -> bool {
    let Some(d) = day.day else {
        return false;
    };
    let years_agree = |p: &PartialDate| match (p.year, day.year) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let key = |p: &PartialDate| (p.month, p.day.unwrap_or(0));
    let (from, to, at) = (key(&span.start), key(&span.end), (day.month, d));
    let inside = if from <= to {
        from <= at && at <= to
    } else {
        // "30/12 – 2/1": over the turn of the year.
        at >= from || at <= to
    };
    inside && (years_agree(&span.start) || years_agree(&span.end))
}

/// "Chiều 25-7, sau 3 ngày làm việc, Đại hội … đã bế mạc": the day is the
/// last of the event, and its first is counted back from it, marked
/// inferred with the words it rests on. Only a closing with its length in
/// days ("sau 3 ngày", "sau hai ngày làm việc") moves the start.
fn start_from_closing(e: &mut Event, d: &DateSpan, sentence: &str) {
    static CLOSED_AFTER_DAYS: LazyLock<WordRegex> = LazyLock::new(|| {
        crate::text::static_word_regex(
            r"(?i)\bsau\s+(\d|hai|ba|bốn|năm)\s+ngày(?:\s+làm\s+việc)?\b",
        )
    });
    static CLOSED: LazyLock<WordRegex> =
        LazyLock::new(|| crate::text::static_word_regex(r"(?i)\bbế\s+mạc\b"));
    let Some(end) = e
        .end
        .as_deref()
        .and_then(|iso| iso.get(..4)?.parse::<i32>().ok())
    else {
        return;
    };
    if !CLOSED.is_match(sentence) {
        return;
    }
    let Some(caps) = CLOSED_AFTER_DAYS.captures(sentence) else {
        return;
    };
    let days: i64 = match &caps[1].to_lowercase()[..] {
        "hai" => 2,
        "ba" => 3,
        "bốn" => 4,
        "năm" => 5,
        n => n.parse().unwrap_or(0),
    };
    let Some(last) = d.end.day_in(end) else {
        return;
    };
    if !(2..=7).contains(&days) {
        return;
    }
    let Some(first) = last.checked_sub(time::Duration::days(days - 1)) else {
        return;
    };
    e.start = Some(format!(
        "{:04}-{:02}-{:02}",
        first.year(),
        u8::from(first.month()),
        first.day()
    ));
    e.inferred = true;
    let counted = format!("ngày bắt đầu tính lùi từ: '{}', '{}'", &caps[0], "bế mạc");
    e.basis = Some(match e.basis.take() {
        Some(year) => format!("{year}; {counted}"),
        None => counted,
    });
}

fn set_dates(e: &mut Event, start: String, end: String, p: Precision) {
    e.start = Some(start);
    e.end = Some(end);
    e.precision = Some(p);
}

/// Identity of a mentioned event within one article.
type MentionKey = (EventKind, Level, Option<String>, Option<u32>, Option<u32>);

fn mentioned_events(
    occ: &[Occurrence],
    main: Option<&Event>,
    texts: &[(Source, &str)],
    ctx: &Context,
    article: &ArticleText,
    g: &Gazetteer,
) -> Vec<Event> {
    let mut out: BTreeMap<MentionKey, (usize, Event)> = BTreeMap::new();
    for (i, o) in occ.iter().enumerate() {
        // Only events the text identifies: an ordinal, or an election's khóa/term.
        let identified = match o.kind {
            EventKind::Election => o.term_number.is_some() || o.term.is_some(),
            EventKind::Congress | EventKind::Plenum => o.ordinal.is_some(),
            _ => false,
        };
        if !identified {
            continue;
        }
        // "thực hiện Nghị quyết Đại hội XVI", "văn kiện Đại hội XIII": no
        // level and no district named, so the article's district is a
        // guess, and one a number far from its own congress's belies: the
        // city's or the Party's congress, more likely. Left out; the
        // district's congresses before and after its own are kept.
        let bare = o.level.is_none() && o.district.is_none();
        if bare {
            let far = main.is_some_and(|m| {
                m.kind == o.kind
                    && m.ordinal
                        .zip(o.ordinal)
                        .is_some_and(|(a, b)| a.abs_diff(b) > 2)
            });
            if far {
                continue;
            }
        }
        // A bare mention in the article of a national or city congress
        // ("sau 5 năm thực hiện Nghị quyết Đại hội XIII" in one about the
        // XIV) is of that level: the article's district is no guess there.
        let inherited = main
            .filter(|m| bare && m.kind == o.kind && m.level != Level::District)
            .map(|m| m.level);
        let level = o.level.or(inherited).unwrap_or(Level::District);
        let district = (level == Level::District)
            .then(|| {
                o.district
                    .clone()
                    .or_else(|| ctx.subject.map(str::to_string))
            })
            .flatten();
        // A commune's event names its unit, or its organiser does before the
        // phrase; one that names neither is not identified.
        let unit = (level == Level::Commune)
            .then(|| {
                o.district
                    .clone()
                    .or_else(|| organiser_unit(texts, o))
                    // In a commune's article, an unnamed "Đảng bộ xã" is its.
                    .or_else(|| {
                        main.filter(|m| m.level == Level::Commune)
                            .and_then(|m| m.unit.clone())
                    })
            })
            .flatten();
        if level == Level::Commune && unit.is_none() {
            continue;
        }
        let district = match level {
            Level::Commune => ctx.subject.map(str::to_string),
            _ => district,
        };
        let place = if level == Level::Commune {
            unit.clone()
        } else {
            district.clone()
        };
        let key: MentionKey = (o.kind, level, place, o.ordinal, o.term_number);
        if let Some(m) = main {
            // A phrase naming no level ("Đại hội đại biểu lần thứ XXVI")
            // with the main event's kind and number is the main event.
            let same = m.kind == o.kind
                && m.ordinal == o.ordinal
                && (o.level.is_none() && o.district.is_none()
                    || m.level == level
                        && (m.district == district || level != Level::District)
                        && (m.unit == unit || level != Level::Commune));
            if same {
                continue;
            }
        }
        let Some((source, text)) = texts.get(o.text) else {
            continue;
        };
        let entry = out.entry(key).or_insert_with(|| {
            let mut e = Event::new(o.kind, level);
            e.district = district.clone();
            e.unit = unit.clone();
            e.ordinal = o.ordinal;
            e.evidence = Some(source.evidence(text[o.sentence.clone()].to_string()));
            (i, e)
        });
        let e = &mut entry.1;
        e.term_number = e.term_number.or(o.term_number);
        e.term = e.term.clone().or_else(|| o.term.clone());
        if e.start.is_none() {
            // "Đại hội Đảng bộ phường Lê Lợi lần thứ XXI đã được tổ chức
            // thành công ngày 22/4/2020": a whole date written after the
            // phrase, before the next, is the event's.
            let next = occ
                .iter()
                .filter(|n| n.text == o.text && n.head.start > o.head.start)
                .map(|n| n.head.start)
                .min()
                .unwrap_or(o.sentence.end)
                .min(o.sentence.end);
            let after = &text[o.head.end..floor_boundary(text, next.min(o.head.end + 200))];
            let stated = dates_in(after)
                .find(|d| d.cued && d.has_year() && !d.is_anniversary_span())
                .and_then(|d| {
                    let (start, end) = d.resolve(d.end.year?)?;
                    Some((start, end, d.start.precision()))
                });
            if let Some((start, end, p)) = stated {
                set_dates(e, start, end, p);
                e.evidence = Some(source.evidence(text[o.sentence.clone()].to_string()));
            }
        }
        if e.start.is_none() {
            if let Some(y) = mention_year(o, e, main, &text[o.sentence.clone()], article, g) {
                e.start = Some(y.year.to_string());
                e.end = Some(y.year.to_string());
                e.precision = Some(Precision::Year);
                e.inferred = true;
                e.basis = Some(y.basis);
                e.evidence = Some(source.evidence(text[o.sentence.clone()].to_string()));
            }
        }
    }
    let mut v: Vec<(usize, Event)> = out.into_values().collect();
    v.sort_by_key(|(i, _)| *i);
    v.into_iter().map(|(_, e)| e).collect()
}

/// "khóa XXV, nhiệm kỳ 2015 – 2020" anywhere in the article: the term of a
/// committee by its khóa.
///
/// The pattern is `\bKHOA_TERM`, with the `\b` checked by hand: with it,
/// regex's fast engine gives up on non-ASCII text and a slow one searched
/// the rest of the article at every "khóa". A match holds no "kh" but its
/// first, so one that does not start a word hides no match of the pattern
/// inside it, and dropping it leaves exactly the pattern's matches.
fn khoa_terms(text: &str) -> BTreeMap<u32, String> {
    KHOA_TERM
        .captures_iter(text)
        .filter(|c| {
            c.get(0)
                .is_some_and(|m| crate::text::is_word_boundary(text, m.start()))
        })
        .filter_map(|c| {
            let k = parse_ordinal(c.get(1)?.as_str())?;
            Some((k, format!("{}-{}", c.get(2)?.as_str(), c.get(3)?.as_str())))
        })
        .collect()
}

/// "khóa XIV, nhiệm kỳ 2016 – 2021", "Khoá 26 nhiệm kỳ 2020-2025".
static KHOA_TERM: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)kh(?:óa|oá)\s+([IVXLC]+|\d{1,2}),?\s+nhiệm\s+kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})",
    )
});

/// The year of a mentioned event, from the strongest rule that applies.
fn mention_year(
    o: &Occurrence,
    e: &mut Event,
    main: Option<&Event>,
    sentence: &str,
    article: &ArticleText,
    g: &Gazetteer,
) -> Option<YearBasis> {
    let start_of = |t: &str| t.get(..4).and_then(|y| y.parse::<i32>().ok());
    // A congress or election opens the term it names.
    if matches!(o.kind, EventKind::Congress | EventKind::Election) {
        if let Some(t) = &o.term {
            return Some(YearBasis {
                year: start_of(t)?,
                basis: format!("năm suy ra từ: mở đầu nhiệm kỳ {}", t.replace('-', " – ")),
            });
        }
    }
    let ord = o.ordinal.map(to_roman).unwrap_or_default();
    match (o.kind, e.level, o.ordinal) {
        (EventKind::Congress, Level::National, Some(n)) => {
            let y = NATIONAL_CONGRESSES.iter().find(|(k, _)| *k == n)?.1;
            return Some(YearBasis {
                year: y,
                basis: format!("Đại hội đại biểu toàn quốc lần thứ {ord} của Đảng họp năm {y}"),
            });
        }
        (EventKind::Congress, Level::City, Some(n)) => {
            let y = *g.city_congresses.get(&n)?;
            return Some(YearBasis {
                year: y,
                basis: format!("Đại hội Đảng bộ Thành phố lần thứ {ord} họp năm {y}"),
            });
        }
        (EventKind::Election, Level::National, _) => {
            if let Some(k) = o.term_number {
                let y = ASSEMBLY_ELECTIONS.iter().find(|(n, _)| *n == k)?.1;
                return Some(YearBasis {
                    year: y,
                    basis: format!("bầu cử Quốc hội khóa {} năm {y}", to_roman(k)),
                });
            }
        }
        _ => {}
    }
    if o.kind != EventKind::Congress {
        return None;
    }
    let n = o.ordinal?;
    // The committee of khóa N served the term written next to "khóa N".
    if let Some(t) = article.khoa_terms().get(&n) {
        e.term = e.term.clone().or_else(|| Some(t.clone()));
        return Some(YearBasis {
            year: start_of(t)?,
            basis: format!(
                "năm suy ra từ: khóa {ord}, nhiệm kỳ {}",
                t.replace('-', " – ")
            ),
        });
    }
    // The congress before (or of) the main event's term, same district.
    if let Some(m) = main.filter(|m| m.district == e.district && e.level == Level::District) {
        if let (Some(k), Some(t)) = (m.term_number, m.term.as_deref()) {
            let a = start_of(t)?;
            let (year, term) = if n == k {
                (a, t.to_string())
            } else if n + 1 == k {
                (a - 5, format!("{}-{}", a - 5, a))
            } else {
                return review_year(sentence, article);
            };
            e.term = e.term.clone().or(Some(term.clone()));
            let relation = if n == k {
                format!("Đại hội lần thứ {ord} bầu Ban Chấp hành khóa {ord}")
            } else {
                format!(
                    "Đại hội lần thứ {ord} là đại hội nhiệm kỳ trước khóa {}",
                    to_roman(k)
                )
            };
            return Some(YearBasis {
                year,
                basis: format!(
                    "năm suy ra từ: {relation}, mở nhiệm kỳ {}",
                    term.replace('-', " – ")
                ),
            });
        }
    }
    review_year(sentence, article)
}

/// "Đặc biệt trong năm, ... Đại hội ..." in an article reviewing a year
/// ("tổng kết công tác xây dựng Đảng năm 2020"): that year.
fn review_year(sentence: &str, article: &ArticleText) -> Option<YearBasis> {
    static IN_THE_YEAR: LazyLock<WordRegex> =
        LazyLock::new(|| crate::text::static_word_regex(r"(?i)\btrong\s+năm(?:\s+(\d{4}))?"));
    static REVIEWED: LazyLock<Regex> =
        LazyLock::new(|| crate::text::static_regex(r"(?i)tổng\s+kết\s+[^.;]{0,60}?năm\s+(\d{4})"));
    let c = IN_THE_YEAR.captures(sentence)?;
    if let Some(y) = c.get(1).and_then(|m| m.as_str().parse().ok()) {
        return Some(YearBasis {
            year: y,
            basis: format!("năm ghi trong câu: '{}'", c.get(0)?.as_str()),
        });
    }
    let r = REVIEWED.captures(article.text())?;
    Some(YearBasis {
        year: r.get(1)?.as_str().parse().ok()?,
        basis: format!(
            "năm suy ra từ: 'trong năm' của bài tổng kết — '{}'",
            r.get(0)?.as_str().trim()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The level markers as one pattern, a group for each, as first
    /// written: the definition `level_marker` is tested against.
    static LEVEL_MARKER: LazyLock<WordRegex> = LazyLock::new(|| {
        crate::text::static_word_regex(
            r"(?i)\b(?P<n>toàn\s+quốc|của\s+Đảng(?:\s+bộ)?|Trung\s+ương|Quốc\s+hội)\b|\b(?P<c>Thành\s+phố|TP\.?|Thủ\s+đô|Thành\s+[uủ][yỷ])(?:\s|$|,)|\b(?P<d>quận|huyện|thị\s+xã|Quận\s+[uủ][yỷ]|Huyện\s+[uủ][yỷ]|Thị\s+[uủ][yỷ])\b",
        )
    });

    fn level_marker_by_groups(text: &str) -> Option<(usize, Level)> {
        LEVEL_MARKER.captures_at(text, 0).and_then(|c| {
            let (m, level) = if let Some(m) = c.name("n") {
                if m.as_str().ends_with("bộ") {
                    return None;
                }
                (m, Level::National)
            } else if let Some(m) = c.name("c") {
                (m, Level::City)
            } else {
                (c.name("d")?, Level::District)
            };
            Some((m.start(), level))
        })
    }

    #[test]
    fn level_markers_searched_apart_are_the_groups_of_one_pattern() {
        let pieces = [
            "toàn quốc",
            "TOÀN  QUỐC",
            "của Đảng",
            "của đảng",
            " bộ",
            "bộ",
            "Trung ương",
            "Quốc hội",
            "Thành phố",
            "thành\u{a0}phố",
            "TP",
            "TP.",
            "tp",
            "Thủ đô",
            "Thành ủy",
            "Thành uỷ",
            "quận",
            "Quận uỷ",
            "huyện",
            "Huyện ủy",
            "thị xã",
            "Thị ủy",
            "Hà Nội",
            "Đống Đa",
            " ",
            "  ",
            ",",
            ".",
            "x",
            "2",
            "ạ",
            "-",
            "\n",
        ];
        let samples = crate::text::samples_with(
            &[
                "Đại hội đại biểu Đảng bộ Thành phố lần thứ XVII",
                "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
                "Hội nghị Ban Chấp hành Đảng bộ quận Đống Đa",
                "của Đảng bộ quận Ba Đình",
                "TPHCM, TP. Hà Nội",
                "xtoàn quốc, quận",
                "Thành phốx Thủ đô",
            ],
            &pieces,
            4000,
            8,
        );
        for s in samples {
            assert_eq!(level_marker(&s), level_marker_by_groups(&s), "{s:?}");
        }
    }

    /// Folding a string whole is folding it character by character: the
    /// fold drops every combining mark, and only characters of a nonzero
    /// combining class, all of them marks, are reordered by the
    /// decomposition, so no character's fold depends on its neighbours.
    #[test]
    fn ascii_fold_is_by_character() {
        use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
        let reordered_kept: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| canonical_combining_class(c) != 0 && !is_combining_mark(c))
            .collect();
        assert_eq!(reordered_kept, Vec::<char>::new());
        let mut texts = crate::text::seed_texts();
        texts.extend(crate::text::samples_with(
            &[],
            &[
                "Đống Đa",
                "hoà",
                "\u{301}",
                "\u{345}",
                " ",
                "ǅ",
                "ﬀ",
                "Σ",
                "İ",
                "\u{1100}",
            ],
            3000,
            12,
        ));
        for t in &texts {
            let whole = ascii_fold(t);
            let mut by_char = String::new();
            for c in t.chars() {
                crate::text::ascii_fold_into(c.encode_utf8(&mut [0; 4]), &mut by_char);
            }
            assert_eq!(by_char, whole, "{t:?}");
        }
    }

    /// `fold_prefix` is a prefix of the whole fold, as long as `kind_of`
    /// reads (or all of it).
    #[test]
    fn fold_prefix_is_the_start_of_the_whole_fold() {
        let mut texts = crate::text::seed_texts();
        texts.extend(crate::text::samples_with(
            &["  \u{a0} Ban Chấp hành", "\u{301}\u{301}\u{301}"],
            &[" ", "\u{301}", "\n", "Đ", "hoà"],
            3000,
            40,
        ));
        texts.extend((0..40).map(|i| crate::corpus::article(3, i).text));
        let mut cut_short = 0;
        for t in &texts {
            let whole = ascii_fold(t);
            for n in [1, 17, KIND_CHARS] {
                let head = fold_prefix(t, n);
                assert!(whole.starts_with(&head), "{t:?} {n}");
                let long_enough = head.trim_start().chars().count() >= n;
                assert!(long_enough || head == whole, "{t:?} {n}");
                cut_short += usize::from(head.len() < whole.len());
            }
        }
        assert!(cut_short > 1000, "{cut_short}");
    }

    /// `main_occurrence` skips what cannot win; the definition scores
    /// every occurrence.
    #[test]
    fn main_occurrence_is_the_best_scored() {
        let g = Gazetteer::builtin();
        let mut articles = crate::text::seed_texts();
        articles.extend((0..300).map(|i| crate::corpus::article(5, i).text));
        let mut found = 0;
        for a in &articles {
            let texts: Vec<(Source, &str)> = a
                .lines()
                .filter(|l| !l.trim().is_empty())
                .enumerate()
                .map(|(k, t)| {
                    let block = k.checked_sub(1);
                    (
                        Source {
                            block,
                            place: Place::Body,
                        },
                        t,
                    )
                })
                .collect();
            let occ = occurrences(&texts, &g);
            let facts = SentenceFacts::new(&texts, &occ);
            for lede in [None, Some(0), Some(1), Some(4)] {
                let by_definition = occ
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (main_score(o, &texts, lede, &facts), i))
                    .filter(|(s, _)| *s >= 4)
                    .max_by_key(|(s, i)| (*s, std::cmp::Reverse(*i)))
                    .map(|(_, i)| i);
                assert_eq!(
                    main_occurrence(&occ, &texts, lede, &facts),
                    by_definition,
                    "{a:?}"
                );
                found += usize::from(by_definition.is_some_and(|i| i > 0));
            }
        }
        assert!(found > 200, "{found}");
    }

    #[test]
    fn term_years_are_the_patterns_groups() {
        let pieces = [
            "nhiệm kỳ",
            "Nhiệm  Kỳ",
            "NHIỆM\u{a0}KỲ",
            " đại hội",
            " ",
            "(",
            "2020",
            "2025",
            "١٢٣٤",
            "12345",
            "-",
            "–",
            "—",
            " - ",
            "\n",
            "x",
            "ạ",
            "nhiệm kỳ 2020",
            "nhiệm kỳ (2015",
            "nhiệm kỳ đại hội2010",
            "2020-2025",
            "2020 – 2025",
            "١٢٣٤-2020",
        ];
        let texts = crate::text::pattern_samples(&pieces, 4, 50_000, 10);
        let mut matched = 0;
        for t in &texts {
            let by_captures: Vec<_> = TERM
                .captures_iter(t)
                .filter_map(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())))
                .collect();
            matched += by_captures.len();
            let by_reading: Vec<_> = TERM
                .find_iter(t)
                .filter_map(|m| term_years(m.as_str()))
                .collect();
            assert_eq!(by_reading, by_captures, "{t:?}");
        }
        assert!(matched > 2_000, "{matched}");
    }

    /// `khoa_terms` as first written: the pattern with its `\b`, through
    /// `WordRegex`.
    fn khoa_terms_with_word_boundary(text: &str) -> BTreeMap<u32, String> {
        let pattern =
            crate::text::static_word_regex(&format!(r"(?i)\b{}", &KHOA_TERM.as_str()[4..]));
        assert!(pattern.as_str().starts_with(r"(?i)\bkh(?:óa"));
        pattern
            .captures_iter(text)
            .filter_map(|c| {
                let k = parse_ordinal(c.get(1)?.as_str())?;
                Some((k, format!("{}-{}", c.get(2)?.as_str(), c.get(3)?.as_str())))
            })
            .collect()
    }

    #[test]
    fn khoa_terms_start_a_word_as_the_pattern_with_its_boundary() {
        let generated: Vec<String> = (0..40).map(|i| crate::corpus::article(1, i).text).collect();
        let texts = [
            "",
            "Ban Chấp hành khóa XXV, nhiệm kỳ 2015 – 2020 và khoá 26 nhiệm kỳ 2020-2025",
            "xkhóa XXV, nhiệm kỳ 2015 – 2020; KHOÁ XIV nhiệm kỳ 2016—2021",
            "ĐKhóa 5, nhiệm kỳ 2010-2015 (khóa 6, nhiệm kỳ 2015 - 2020)",
            "\u{212A}hóa 7 nhiệm kỳ 2020 – 2025, 1khóa 8 nhiệm kỳ 2020-2025, _khóa 9 nhiệm kỳ 2020-2025",
            "khóa khóa 3, nhiệm kỳ 2000-2005",
        ];
        for t in texts
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            assert_eq!(khoa_terms(t), khoa_terms_with_word_boundary(t), "{t:?}");
        }
        assert_eq!(khoa_terms(texts[2]).len(), 1);
    }
    use crate::model::Place;

    fn src() -> Source {
        Source {
            block: Some(0),
            place: Place::Body,
        }
    }

    /// An event's first and last days.
    fn days(e: &Event) -> (Option<&str>, Option<&str>) {
        (e.start.as_deref(), e.end.as_deref())
    }

    fn main_of(text: &str, subject: Option<&str>, published: Option<&str>) -> Option<Event> {
        let g = Gazetteer::builtin();
        let ctx = Context {
            subject,
            published,
            lede: Some(0),
        };
        events(&[(src(), text)], &ctx, &g).0
    }

    #[test]
    fn a_mention_takes_a_whole_date_written_after_it() {
        let g = Gazetteer::builtin();
        let ctx = Context {
            subject: Some("Sơn Tây"),
            published: Some("2020-07-10"),
            lede: Some(0),
        };
        let text = "Sáng 9/7/2020, Đảng bộ thị xã Sơn Tây tổ chức Đại hội đại biểu lần thứ XVIII. Đại hội điểm Đảng bộ phường Lê Lợi lần thứ XXI đã được tổ chức thành công ngày 22/4/2020. Đại hội Đảng bộ xã Kim Sơn lần thứ XX diễn ra trong tháng 5/2020.";
        let (_, mentioned) = events(&[(src(), text)], &ctx, &g);
        let dates: Vec<_> = mentioned
            .iter()
            .map(|m| {
                (
                    m.unit.clone().unwrap_or_default(),
                    m.start.clone(),
                    m.precision,
                    m.inferred,
                )
            })
            .collect();
        assert_eq!(
            dates,
            [
                (
                    "phường Lê Lợi".to_string(),
                    Some("2020-04-22".to_string()),
                    Some(Precision::Day),
                    false
                ),
                (
                    "xã Kim Sơn".to_string(),
                    Some("2020-05".to_string()),
                    Some(Precision::Month),
                    false
                ),
            ]
        );
    }

    #[test]
    fn a_bare_mention_takes_the_level_of_a_national_main_event() {
        let g = Gazetteer::builtin();
        let ctx = Context {
            subject: None,
            published: Some("2026-01-20"),
            lede: Some(0),
        };
        let text = "Sáng 20/1/2026, Đại hội đại biểu toàn quốc lần thứ XIV của Đảng khai mạc. Sau 5 năm thực hiện Nghị quyết Đại hội XIII, đất nước đạt nhiều thành tựu.";
        let (main, mentioned) = events(&[(src(), text)], &ctx, &g);
        assert_eq!(
            main.map(|m| (m.level, m.ordinal)),
            Some((Level::National, Some(14)))
        );
        let m: Vec<_> = mentioned
            .iter()
            .map(|m| (m.level, m.ordinal, m.district.clone()))
            .collect();
        assert_eq!(m, [(Level::National, Some(13), None)]);
    }

    #[test]
    fn a_decision_the_meeting_announces_does_not_give_it_the_city_level() {
        let e = main_of(
            "Ngày 18/3/2022, Ban Chấp hành Đảng bộ huyện Thanh Oai khóa XXV tổ chức Hội nghị để công bố quyết định của Ban Thường vụ Thành ủy Hà Nội về công tác cán bộ.",
            Some("Thanh Oai"),
            None,
        )
        .unwrap();
        assert_eq!(
            (e.level, e.district.as_deref()),
            (Level::District, Some("Thanh Oai"))
        );
        let e = main_of(
            "Sáng 18/3/2022, huyện Thanh Oai tổ chức Hội nghị công bố Quyết định số 625-QĐ/TU của Ban Thường vụ Thành ủy.",
            Some("Thanh Oai"),
            None,
        )
        .unwrap();
        assert_eq!(
            (e.level, e.district.as_deref()),
            (Level::District, Some("Thanh Oai"))
        );
        // The meeting's own resolution carries its term.
        let e = main_of(
            "Ngày 15/7/2020, Đảng bộ quận Tây Hồ tổ chức Đại hội đại biểu lần thứ XXVI, thông qua Nghị quyết nhiệm kỳ 2020 – 2025.",
            Some("Tây Hồ"),
            None,
        )
        .unwrap();
        assert_eq!(e.term.as_deref(), Some("2020-2025"));
        // A guest's office is not the level.
        let e = main_of(
            "Sáng 24/7/2025, Đảng bộ phường Hoàn Kiếm tổ chức Đại hội đại biểu lần thứ I. Dự Đại hội có đồng chí Nguyễn Văn Phong, Phó Bí thư Thành ủy Hà Nội.",
            None,
            None,
        )
        .unwrap();
        assert_eq!(
            (e.level, e.unit.as_deref(), e.ordinal),
            (Level::Commune, Some("phường Hoàn Kiếm"), Some(1))
        );
        // An election's place or body names no election.
        let e = main_of(
            "Sáng 15/10/2022, Tổ đại biểu Quốc hội đơn vị bầu cử số 1 tiếp xúc cử tri quận Ba Đình.",
            Some("Ba Đình"),
            None,
        );
        assert!(
            e.as_ref().is_none_or(|e| e.kind != EventKind::Election),
            "{e:?}"
        );
        // Work toward a congress, and a planned one, are not the congress.
        let e = main_of(
            "Chiều 19/9/2019, Ban Thường vụ Quận ủy cho ý kiến vào dự thảo đề án nhân sự Đại hội đại biểu Đảng bộ quận lần thứ XXV. Dự kiến đại hội điểm được tổ chức trong tháng 3/2020.",
            Some("Thanh Xuân"),
            None,
        );
        assert!(
            e.as_ref().is_none_or(|e| e.kind != EventKind::Congress),
            "{e:?}"
        );
        // "quyết định" the verb.
        let e = main_of(
            "Ngày 15/7/2020, Đảng bộ quận Tây Hồ tổ chức Đại hội đại biểu lần thứ XXVI để quyết định phương hướng nhiệm kỳ 2020 – 2025.",
            Some("Tây Hồ"),
            None,
        )
        .unwrap();
        assert_eq!(e.ordinal, Some(26));
        // The meeting's own level, named in its phrase, still counts.
        let e = main_of(
            "Sáng 5/8/2021, Hội nghị Ban Chấp hành Đảng bộ Thành phố lần thứ 5 khóa XVII đã khai mạc.",
            None,
            None,
        )
        .unwrap();
        assert_eq!((e.level, e.term_number), (Level::City, Some(17)));
    }

    #[test]
    fn plenum_with_word_ordinal_khoa_and_term() {
        let e = main_of(
            "Sáng nay (6/1) Đảng bộ quận Đống Đa tổ chức Hội nghị Ban Chấp hành lần thứ Mười khóa XXVIII, nhiệm kỳ 2020 – 2025. Hội nghị thông qua Tờ trình Báo cáo tổng kết công tác năm 2021 và dự thảo Chương trình công tác năm 2022.",
            Some("Đống Đa"),
            None,
        )
        .unwrap();
        assert_eq!(e.kind, EventKind::Plenum);
        assert_eq!(e.level, Level::District);
        assert_eq!(e.district.as_deref(), Some("Đống Đa"));
        assert_eq!((e.ordinal, e.term_number), (Some(10), Some(28)));
        assert_eq!(e.term.as_deref(), Some("2020-2025"));
        assert_eq!(e.start.as_deref(), Some("2022-01-06"));
        assert!(e.inferred);
        assert!(e.basis.unwrap().contains("tổng kết công tác năm 2021"));
    }

    #[test]
    fn a_plenum_named_by_its_committees_khoa_before_the_phrase() {
        let e = main_of(
            "Ngày 5/1/2024, Ban Chấp hành Đảng bộ huyện Thanh Trì khóa XXIII, nhiệm kỳ 2020-2025 tổ chức Hội nghị lần thứ 20 để cho ý kiến vào dự thảo văn kiện trình Đại hội Đảng bộ huyện lần thứ XXIV, nhiệm kỳ 2025-2030.",
            Some("Thanh Trì"),
            None,
        )
        .unwrap();
        assert_eq!(e.kind, EventKind::Plenum);
        assert_eq!((e.ordinal, e.term_number), (Some(20), Some(23)));
        assert_eq!(e.term.as_deref(), Some("2020-2025"));
    }

    #[test]
    fn a_closing_after_n_days_gives_the_first_day() {
        let e = main_of(
            "Chiều 25-7, sau 3 ngày làm việc khẩn trương, Đại hội đại biểu Đảng bộ huyện Mê Linh lần thứ XXIII, nhiệm kỳ 2020-2025 đã bế mạc.",
            Some("Mê Linh"),
            Some("2020-07-25T19:05"),
        )
        .unwrap();
        assert_eq!(e.start.as_deref(), Some("2020-07-23"));
        assert_eq!(e.end.as_deref(), Some("2020-07-25"));
        assert!(e.inferred);
        let basis = e.basis.unwrap();
        assert!(basis.contains("ngày đăng bài"), "{basis}");
        assert!(basis.contains("sau 3 ngày làm việc"), "{basis}");
        // Counted back over the end of a month, in words.
        let e = main_of(
            "Ngày 1/8/2020, sau hai ngày làm việc, Đại hội đại biểu Đảng bộ quận Tây Hồ lần thứ XXVII bế mạc.",
            Some("Tây Hồ"),
            None,
        )
        .unwrap();
        assert_eq!(days(&e), (Some("2020-07-31"), Some("2020-08-01")));
        // An opening day stays the start.
        let e = main_of(
            "Sáng 23/7/2020, Đại hội đại biểu Đảng bộ huyện Mê Linh lần thứ XXIII khai mạc và sẽ làm việc trong 3 ngày.",
            Some("Mê Linh"),
            None,
        )
        .unwrap();
        assert_eq!(days(&e), (Some("2020-07-23"), Some("2020-07-23")));
        assert!(!e.inferred);
    }

    #[test]
    fn the_days_an_event_spans_win_over_one_of_them() {
        // Another sentence of the lede gives the span.
        let e = main_of(
            "Sáng 20/7, Đảng bộ quận Cầu Giấy long trọng khai mạc Đại hội đại biểu lần thứ VI, nhiệm kỳ 2020-2025. Đại hội diễn ra từ ngày 19 đến 21/7, với 300 đại biểu.",
            Some("Cầu Giấy"),
            Some("2020-07-20T11:42"),
        )
        .unwrap();
        assert_eq!(days(&e), (Some("2020-07-19"), Some("2020-07-21")));
        // The same sentence, after the closing day.
        let e = main_of(
            "Chiều 24/7/2020, Đại hội đại biểu Đảng bộ quận Long Biên lần thứ VI bế mạc sau 3 ngày làm việc (22-24/7).",
            Some("Long Biên"),
            None,
        )
        .unwrap();
        assert_eq!(days(&e), (Some("2020-07-22"), Some("2020-07-24")));
        assert!(!e.inferred);
        // A span that does not hold the day is another event's.
        let e = main_of(
            "Sáng 5/8/2020, Đại hội đại biểu Đảng bộ quận Tây Hồ lần thứ XXVII khai mạc. Đại hội trước diễn ra từ ngày 19 đến 21/7/2015.",
            Some("Tây Hồ"),
            None,
        )
        .unwrap();
        assert_eq!(days(&e), (Some("2020-08-05"), Some("2020-08-05")));
    }

    #[test]
    fn a_day_the_calendar_does_not_have_is_no_date() {
        let e = main_of(
            "Ngày 30/2/2021, Đảng bộ quận Ba Đình tổ chức Hội nghị Ban Chấp hành lần thứ 5.",
            Some("Ba Đình"),
            None,
        )
        .unwrap();
        assert_eq!((e.start, e.end), (None, None));
    }

    #[test]
    fn a_year_stated_in_the_sentence_dates_the_event_to_the_year() {
        assert_eq!(
            stated_year("Năm 2020, Đại hội đại biểu Đảng bộ quận lần thứ XXVI đã thành công."),
            Some(2020)
        );
        assert_eq!(
            stated_year("Đại hội diễn ra trong năm 2015 và tổng kết năm 2016."),
            None
        );
        assert_eq!(stated_year("Đại hội lần thứ XXVI thành công."), None);
    }

    #[test]
    fn committee_before_the_phrase_makes_a_plenum() {
        let k = |sentence: &str| {
            let at = sentence.find("Hội nghị").unwrap();
            kind_of("Hội nghị", &sentence[at..], &sentence[..at])
        };
        assert_eq!(
            k("Ngày 4/7/2021, Ban Chấp hành Đảng bộ quận Tây Hồ họp Hội nghị lần thứ năm, khóa XXVI."),
            Some(EventKind::Plenum)
        );
        assert_eq!(
            k("Quận ủy Tây Hồ tổ chức Hội nghị lần thứ 5, khóa XXVI, nhiệm kỳ 2020 – 2025."),
            Some(EventKind::Plenum)
        );
        // A numbered conference of something else stays a meeting.
        assert_eq!(
            k("UBND quận tổ chức Hội nghị lần thứ hai về chuyển đổi số."),
            Some(EventKind::Meeting)
        );
    }

    #[test]
    fn congress_with_day_range() {
        let e = main_of(
            "Từ ngày 2 - 4/6/2020, Đảng bộ quận Ba Đình tổ chức Đại hội lần thứ XXVI, nhiệm kỳ 2020 - 2025.",
            Some("Ba Đình"),
            None,
        )
        .unwrap();
        assert_eq!(e.kind, EventKind::Congress);
        assert_eq!((e.ordinal, e.term_number), (Some(26), Some(26)));
        assert_eq!(e.start.as_deref(), Some("2020-06-02"));
        assert_eq!(e.end.as_deref(), Some("2020-06-04"));
        assert!(!e.inferred);
    }

    #[test]
    fn plenum_term_from_the_congress_that_opened_it() {
        let e = main_of(
            "Ngày 5/4, Quận ủy quận Ba Đình đã tổ chức Hội nghị Ban chấp hành Đảng bộ quận lần thứ 12, sơ kết công tác giữa nhiệm kỳ Đại hội lần thứ XXV Đảng bộ quận nhiệm kỳ 2015 – 2020. Đối với nhiệm vụ trong năm 2018, Phó Bí thư yêu cầu.",
            Some("Ba Đình"),
            None,
        )
        .unwrap();
        assert_eq!(e.kind, EventKind::Plenum);
        assert_eq!((e.ordinal, e.term_number), (Some(12), Some(25)));
        assert_eq!(e.term.as_deref(), Some("2015-2020"));
        assert_eq!(e.start.as_deref(), Some("2018-04-05"));
    }

    #[test]
    fn ceremony_year_from_anniversary() {
        let e = main_of(
            "Hôm nay (27/1), Đảng bộ quận Hai Bà Trưng long trọng tổ chức Lễ kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam.",
            Some("Hai Bà Trưng"),
            None,
        )
        .unwrap();
        assert_eq!(e.kind, EventKind::Ceremony);
        assert_eq!(e.ordinal, None);
        assert_eq!(e.start.as_deref(), Some("2021-01-27"));
        assert!(e.basis.unwrap().contains("91 năm"));
    }

    #[test]
    fn no_year_support_leaves_the_date_empty() {
        let e = main_of(
            "Sáng 12/3, Huyện ủy Gia Lâm tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ mười lăm.",
            Some("Gia Lâm"),
            None,
        )
        .unwrap();
        assert_eq!(e.ordinal, Some(15));
        assert_eq!(e.district.as_deref(), Some("Gia Lâm"));
        assert_eq!((e.start, e.precision), (None, None));
    }

    #[test]
    fn references_are_not_the_main_event() {
        let e = main_of(
            "Quận ủy chủ động quán triệt, triển khai thực hiện Nghị quyết Đại hội XIII của Đảng.",
            Some("Đống Đa"),
            None,
        );
        assert!(e.is_none());
    }

    #[test]
    fn a_bare_congress_far_from_the_districts_own_is_not_the_districts() {
        let g = Gazetteer::builtin();
        let ctx = Context {
            subject: Some("Hoàn Kiếm"),
            published: None,
            lede: Some(0),
        };
        let text = "Sáng 20/7/2020, Đảng bộ quận Hoàn Kiếm khai mạc Đại hội đại biểu lần thứ XXVI, nhiệm kỳ 2020-2025. Quận đã thực hiện thắng lợi Nghị quyết Đại hội XXV và Nghị quyết Đại hội XVI.";
        let (main, m) = events(&[(src(), text)], &ctx, &g);
        assert_eq!(main.unwrap().ordinal, Some(26));
        let ordinals: Vec<Option<u32>> = m.iter().map(|e| e.ordinal).collect();
        assert_eq!(ordinals, vec![Some(25)], "{m:?}");
    }

    #[test]
    fn mentioned_congresses_get_their_years() {
        let g = Gazetteer::builtin();
        let ctx = Context {
            subject: Some("Đống Đa"),
            published: None,
            lede: Some(0),
        };
        let text = "Quận ủy triển khai thực hiện Nghị quyết Đại hội XIII của Đảng và bầu đoàn đại biểu dự Đại hội Đảng bộ Thành phố Hà Nội lần thứ XVII. Cuộc bầu cử đại biểu Quốc hội khoá XV và đại biểu HĐND các cấp nhiệm kỳ 2021 – 2026 thành công.";
        let (_, m) = events(&[(src(), text)], &ctx, &g);
        let national = m
            .iter()
            .find(|e| e.level == Level::National && e.kind == EventKind::Congress)
            .unwrap();
        assert_eq!(
            (national.ordinal, national.start.as_deref()),
            (Some(13), Some("2021"))
        );
        let election = m.iter().find(|e| e.kind == EventKind::Election).unwrap();
        assert_eq!(election.term.as_deref(), Some("2021-2026"));
        assert_eq!(election.start.as_deref(), Some("2021"));
        let city = m.iter().find(|e| e.level == Level::City).unwrap();
        assert_eq!(city.ordinal, Some(17));
    }
}

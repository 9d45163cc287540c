//! The title: the first substantive line, a kicker above it ("Đại hội …:"),
//! or, when the article has no title line, one derived from the lede.

use std::sync::LazyLock;

use regex::Regex;

use super::typography;
use crate::text::truncate_words;

/// Longest derived title, in characters.
pub const DERIVED_TITLE_MAX: usize = 120;

/// A time adverbial opening a lede: "Hôm nay (27/1), ", "Sáng nay (6/1) ",
/// "Ngày 5/4, ", "Chiều 6/1/2022, ", "Sáng qua, ", "Sáng 12-8, ", and the
/// spans "Từ ngày 8/8 đến ngày 10/8/2020, ", "Từ ngày 2 - 4/6, ", "Trong 2
/// ngày 21 và 22/7, ". Either "nay"/"qua" or a date with its month must be
/// there, so "Ngày thành lập …" is left alone.
static TIME_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^(?:(?:Sáng|Chiều|Tối|Trưa|Hôm|Ngày|Từ ngày|Trong\s+(?:\d|hai|ba)\s+ngày)(?:\s+(?:nay|qua|mai|ngày))?\s*\(?\s*(?:\d{1,2}\s*(?:[-–]|và|đến(?:\s+ngày)?)\s*\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?|\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?(?:\s*(?:[-–]|đến(?:\s+ngày)?)\s*\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?)?)\s*\)?|(?:Sáng|Chiều|Tối|Trưa|Hôm)\s+(?:nay|qua))\s*,?\s+",
    )
});

/// The end of the first sentence: a full stop (or ! ?) then a capital.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"[.!?…]\s+\p{Lu}"));

/// Words a derived title must not end on ("… và", "… của").
const DANGLING: &[&str] = &[
    "và", "của", "cho", "với", "tại", "trong", "các", "những", "là", "để", "về", "theo", "đã",
    "được", "có", "từ",
];

/// Could this line be a headline? Short, and not ending like a sentence.
pub fn looks_like_title(text: &str) -> bool {
    let n = text.chars().count();
    (10..=250).contains(&n)
        && text.split_whitespace().count() >= 3
        && !text.ends_with(['.', ';', ','])
}

/// A kicker over the title: a short line ending in ":" followed by a title
/// line ("Đại hội Đảng bộ Quận Ba Đình lần thứ XXVI, nhiệm kỳ 2020-2025:").
/// Returns the kicker without its colon.
pub fn kicker_of(line: &str, next: &str) -> Option<String> {
    let kicker = line.strip_suffix(':')?.trim();
    (kicker.chars().count() <= 200 && looks_like_title(next)).then(|| kicker.to_string())
}

/// The name of a series over one of its parts' titles: "Gia Lâm trên hành
/// trình lên quận" over "Bài 1: Quyết tâm chính trị của Đảng bộ huyện".
pub fn series_of(line: &str, next: &str) -> Option<String> {
    (PART_OF_SERIES.is_match(next) && looks_like_title(line) && !PART_OF_SERIES.is_match(line))
        .then(|| line.to_string())
}

/// The title of a series' part: "Bài 1: …", "Kỳ 2 - …", "Phần 3. …".
static PART_OF_SERIES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"^(?:Bài|Kỳ|Phần)\s+(?:\d{1,2}|[IVX]{1,4})\s*[:.\-–]\s+\S")
});

/// A title derived from the lede: its first sentence, without the opening
/// time adverbial, cut to at most 120 characters on a word and not ending on
/// a dangling word. "Hôm nay (27/1), Đảng bộ quận Hai Bà Trưng long trọng tổ
/// chức Lễ kỷ niệm …" -> "Đảng bộ quận Hai Bà Trưng long trọng tổ chức Lễ kỷ niệm …".
pub fn derive_title(lede: &str) -> String {
    let first = match SENTENCE_END.find(lede) {
        Some(m) => &lede[..m.start()],
        None => lede.trim_end_matches(['.', '!', '?', '…']),
    };
    let first = TIME_LEAD.replace(first, "");
    let mut title = cut_at_clause(first.trim(), DERIVED_TITLE_MAX);
    loop {
        let trimmed = title.trim_end_matches([',', ';', ':', ' ', '(', '-', '–']);
        match trimmed.rsplit_once(' ') {
            Some((head, last)) if DANGLING.contains(&last.to_lowercase().as_str()) => {
                title = head.to_string();
            }
            _ => {
                title = trimmed.to_string();
                break;
            }
        }
    }
    capitalise_first(&title)
}

/// Shortest derived title worth cutting at a clause boundary for.
const CLAUSE_MIN: usize = 50;

/// Cut a long sentence at its last clause boundary (", " or " và ") that
/// fits, so the title ends on a whole phrase; else on a word.
fn cut_at_clause(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let fits = truncate_words(s, max);
    let boundary = [", ", " và "]
        .iter()
        .filter_map(|b| fits.rfind(b))
        .max()
        .filter(|&i| fits[..i].chars().count() >= CLAUSE_MIN);
    match boundary {
        Some(i) => fits[..i].to_string(),
        None => fits,
    }
}

fn capitalise_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The sentences of a line: a sentence ends at final punctuation ('.',
/// '!', '?', '…') followed by a space, which is left out of both.
fn sentence_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    // Every line is looked at: the punctuation is found by byte (fewer
    // places than the spaces), and the byte after it read.
    // The searcher for '…' is made once, not for every line.
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));
    let bytes = text.as_bytes();
    let mut ends: Vec<usize> = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .map(|i| i + 1)
        .chain(ELLIPSIS.find_iter(bytes).map(|i| i + '…'.len_utf8()))
        .filter(|&i| bytes.get(i) == Some(&b' '))
        .collect();
    ends.sort_unstable();
    let mut spans = Vec::with_capacity(ends.len() + 1);
    let mut start = 0;
    for i in ends {
        spans.push(start..i);
        start = i + 1;
    }
    spans.push(start..text.len());
    spans
}

/// Split off a whole sentence of `text` that is the title (compared by
/// `title_key`, a `typography::compare_key`): `(rest, the sentence)`.
/// `None` when no sentence is the title, or the title is all there is.
/// `starters`: `text` is made of NFC starters (`text::is_nfc_starters`).
pub fn split_title_sentence(
    text: &str,
    title_key: &str,
    starters: bool,
) -> Option<(String, String)> {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '…');
    let spans = sentence_spans(text);
    if spans.len() < 2 {
        return None;
    }
    let title = if starters {
        typography::KeyMatcher::new_nfc(text, title_key)
    } else {
        typography::KeyMatcher::new(text, title_key)
    };
    let hit = spans.iter().position(|r| {
        let sentence = text[r.clone()].trim().trim_end_matches(ends);
        title.matches(sentence)
    })?;
    let cut = text[spans[hit].clone()].trim().to_string();
    let rest: Vec<&str> = spans
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != hit)
        .map(|(_, r)| text[r.clone()].trim())
        .collect();
    Some((rest.join(" "), cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_name_over_a_parts_title() {
        assert_eq!(
            series_of(
                "Gia Lâm trên hành trình lên quận",
                "Bài 1: Quyết tâm chính trị của Đảng bộ huyện"
            )
            .as_deref(),
            Some("Gia Lâm trên hành trình lên quận")
        );
        assert_eq!(
            series_of("Gia Lâm trên hành trình lên quận", "Quyết tâm chính trị"),
            None
        );
        assert_eq!(
            series_of("Bài 1: Quyết tâm", "Bài 2: Khơi thông nguồn lực"),
            None
        );
    }

    #[test]
    fn sentences_end_where_a_space_follows_final_punctuation() {
        let by_spaces = |text: &str| {
            let mut spans = Vec::new();
            let mut start = 0;
            for i in memchr::memchr_iter(b' ', text.as_bytes()) {
                if text[..i].ends_with(['.', '!', '?', '…']) {
                    spans.push(start..i);
                    start = i + 1;
                }
            }
            spans.push(start..text.len());
            spans
        };
        for text in [
            "",
            " ",
            ". . ",
            "Duy trì tốt công tác tiếp dân. Xây dựng quận theo mô hình “Chính quyền đô thị”.",
            "Vì sao? Bởi vì… Thế thôi! Hết.",
            "a.b ! c… ?d ",
            "…… …",
            "3.5 triệu đồng. ",
            "Ông Nguyễn Văn A. Phó Chủ tịch… UBND quận!",
        ] {
            assert_eq!(sentence_spans(text), by_spaces(text), "{text:?}");
        }
    }

    #[test]
    fn the_title_glued_as_a_sentence_is_split_off() {
        let key = typography::compare_key("Xây dựng quận theo mô hình “Chính quyền đô thị”");
        let (rest, cut) = split_title_sentence(
            "Duy trì tốt công tác tiếp dân. Xây dựng quận theo mô hình “Chính quyền đô thị”.",
            &key,
            false,
        )
        .unwrap();
        assert_eq!(rest, "Duy trì tốt công tác tiếp dân.");
        assert_eq!(cut, "Xây dựng quận theo mô hình “Chính quyền đô thị”.");
        // A sentence that only quotes part of the title stays.
        assert!(split_title_sentence(
            "Quận xác định xây dựng quận theo mô hình “Chính quyền đô thị” là nhiệm vụ trọng tâm. Hết.",
            &key,
            false,
        )
        .is_none());
        // A line that is the title alone is another rule's business.
        assert!(split_title_sentence(
            "Xây dựng quận theo mô hình “Chính quyền đô thị”.",
            &key,
            true
        )
        .is_none());
    }

    #[test]
    fn titles_and_sentences() {
        assert!(looks_like_title(
            "Đảng bộ quận Đống Đa lãnh đạo, chỉ đạo thực hiện hiệu quả các nhiệm vụ chính trị"
        ));
        assert!(looks_like_title(
            "Xây dựng quận theo mô hình “Chính quyền đô thị”"
        ));
        assert!(!looks_like_title(
            "Hội nghị lần thứ Mười Ban chấp hành Đảng bộ quận."
        ));
        assert!(!looks_like_title("Chia sẻ"));
    }

    #[test]
    fn kicker_ends_in_a_colon() {
        assert_eq!(
            kicker_of(
                "Đại hội Đảng bộ Quận Ba Đình lần thứ XXVI, nhiệm kỳ 2020-2025:",
                "Xây dựng quận theo mô hình “Chính quyền đô thị”"
            )
            .as_deref(),
            Some("Đại hội Đảng bộ Quận Ba Đình lần thứ XXVI, nhiệm kỳ 2020-2025")
        );
        assert_eq!(
            kicker_of("Chủ đề Đại hội là:", "Theo đó, quận đạt nhiều kết quả."),
            None
        );
    }

    #[test]
    fn derived_title_keeps_the_subject_and_ends_on_a_word() {
        let lede = "Hôm nay (27/1), Đảng bộ quận Hai Bà Trưng long trọng tổ chức Lễ kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam và tổng kết công tác xây dựng Đảng năm 2020, triển khai nhiệm vụ năm 2021. Tới dự có …";
        let t = derive_title(lede);
        assert!(
            t.starts_with("Đảng bộ quận Hai Bà Trưng long trọng tổ chức"),
            "{t}"
        );
        assert!(t.chars().count() <= DERIVED_TITLE_MAX);
        assert!(
            lede.contains(&t),
            "a derived title is words of the lede: {t}"
        );
        assert!(!t.ends_with(" và"));
        assert_eq!(
            t,
            "Đảng bộ quận Hai Bà Trưng long trọng tổ chức Lễ kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam"
        );
    }

    #[test]
    fn time_leads_are_dropped_from_derived_titles() {
        assert_eq!(
            derive_title("Ngày 5/4, Quận ủy quận Ba Đình tổ chức Hội nghị."),
            "Quận ủy quận Ba Đình tổ chức Hội nghị"
        );
        assert_eq!(
            derive_title("Sáng nay (6/1) Đảng bộ quận Đống Đa tổ chức Hội nghị."),
            "Đảng bộ quận Đống Đa tổ chức Hội nghị"
        );
        assert_eq!(
            derive_title("Ngày thành lập Đảng được tổ chức trọng thể."),
            "Ngày thành lập Đảng được tổ chức trọng thể"
        );
        // Spans of days, and hyphens.
        for lede in [
            "Từ ngày 8/8 đến ngày 10/8/2020, Đảng bộ huyện Mỹ Đức tổ chức Đại hội.",
            "Từ ngày 2 - 4/6/2020, Đảng bộ huyện Mỹ Đức tổ chức Đại hội.",
            "Trong 2 ngày 21 và 22/7, Đảng bộ huyện Mỹ Đức tổ chức Đại hội.",
            "Sáng 12-8, Đảng bộ huyện Mỹ Đức tổ chức Đại hội.",
        ] {
            assert_eq!(
                derive_title(lede),
                "Đảng bộ huyện Mỹ Đức tổ chức Đại hội",
                "{lede}"
            );
        }
        assert_eq!(
            derive_title("Ngày 5 tháng 4, Quận ủy tổ chức Hội nghị."),
            "Ngày 5 tháng 4, Quận ủy tổ chức Hội nghị"
        );
    }
}

//! Documents cited: "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
//! "Chương trình số 10-CTr/QU của Quận ủy", "Nghị quyết Trung ương 4
//! (khóa XI, XII)", "Nghị định 35/2021/NĐ-CP".

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use crate::model::{Document, Evidence, Place};

/// A document kind and its number:
/// - "Chỉ thị số 05-CT/TW", "Chương trình số 10-CTr/QU", "Kết luận 01-KL/TW"
/// - "Nghị định 35/2021/NĐ-CP", "Quyết định số 1234/QĐ-UBND"
/// - "Chỉ thị 05" (a bare number: the short form articles use once the
///   full one is known)
/// - "Nghị quyết Trung ương 4 (khóa XI, XII)", "Nghị quyết Trung ương 4 khóa XII"
///
/// A number ends at a word boundary, written `(?:\W|$)` rather than `\b`:
/// after a digit or a letter the two hold at the same places, but regex's
/// fast engine gives up on `\b` in non-ASCII text, and the slow one then
/// searched the rest of the block for every document. The match may take
/// one more character (a non-word one, which cannot begin the next
/// document's kind); nothing reads past the number's own group.
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?x)
        (?P<kind>Chỉ\s+thị|Nghị\s+quyết|Chương\s+trình(?:\s+hành\s+động)?|Kế\s+hoạch|Quyết\s+định|Kết\s+luận|Quy\s+định|Thông\s+báo|Hướng\s+dẫn|Công\s+văn|Nghị\s+định|Thông\s+tư|Đề\s+án|Chỉ\s+thị\s+liên\s+tịch|Luật)
        \s+
        (?:
            (?:số\s+)?(?P<num>\d{1,5}(?:/\d{4})?[-/][\p{Lu}Đ][\p{L}\d/\-]*)
          | (?P<tw>Trung\s+ương\s+\d{1,2}\s*(?:\((?:khóa|khoá)[^)]{1,20}\)|(?:khóa|khoá)\s+[IVXLC]+(?:\s*,\s*(?:khóa\s+|khoá\s+)?[IVXLC]+)*)?)
          | số\s+(?P<bare>\d{1,5})(?:\W|$)
          | (?P<short>\d{1,3})\s+(?:của|về)(?:\W|$)
        )",
    )
});

/// "của Bộ Chính trị", "của Quận ủy", "của Ban Thường vụ Thành ủy", "của
/// Ban Tuyên giáo Trung ương": the issuer is the run of capitalised words
/// (and the lower-case words of committees' names) after "của", past the
/// document's date ("ngày 18-6-2016" too). A "." inside a word ("TP.HCM")
/// is the word's; one that ends it ends the sentence, and the issuer.
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^\s*(?:ngày\s+[\d/.\-]+\s+)?(?:của|do)\s+((?:\p{Lu}(?:\p{L}|\.\p{L})*)(?:\s+(?:\p{Lu}(?:\p{L}|\.\p{L})*|ủy|uỷ|chính|trị|thường|vụ|ương|phủ|bí|thư|chấp|hành|dân|nhân|tuyên|giáo|tổ|chức|kiểm|tra|dân\s+vận|nội|hội|đồng|ban|bộ|khối|quận|huyện|thị\s+xã|phường|xã|thành\s+phố))*)",
    )
});

/// More numbers of the same kind after a document's: "Nghị quyết số
/// 10-NQ/TW, 11-NQ/TW và 12-NQ/TW ngày 3/6/2017 của …", each a document
/// with the date and issuer written after the last.
static LISTED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^\s*(?:,|và)\s*(?:số\s+)?(\d{1,5}(?:/\d{4})?[-/][\p{Lu}Đ][\p{L}\d/\-]*)",
    )
});

/// What joins two documents of one list: an optional date of the first,
/// then "và" or a comma.
static JOINED: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"^\s*(?:ngày\s+[\d/.\-]+\s*)?(?:,|và|cùng)\s*(?:các\s+)?$")
});

/// Where the kind and the number of `DOCUMENT`'s match `m` lie in it, as
/// its captures would say (`kind`, and whichever of `num`, `tw`, `bare`
/// and `short` took part), read from the matched text: asking regex for
/// the groups runs its slowest engine over every match, and in a match
/// they are plain to see.
///
/// The kind is its first two words ("Luật": one), or four for "Chỉ thị
/// liên tịch" and "Chương trình hành động" ("liên" and "hành" can begin no
/// number, so the shorter kind cannot have matched). After it and its white space, the number:
/// - "Trung ương 4 ...": `tw`, to the end;
/// - "số" and white space, then `num` to the end when a "-" or "/" comes
///   before the last character ("05-CT/TW"), else `bare`: the digits, with
///   no more than one non-word character after them, which is left out;
/// - digits: `short` up to white space ("05 của"), or `num` to the end
///   ("35/2021/NĐ-CP" has no white space).
fn document_parts(m: &str) -> (Range<usize>, Range<usize>) {
    let skip_space = |from: usize| {
        m[from..]
            .find(|c: char| !c.is_whitespace())
            .map_or(m.len(), |i| from + i)
    };
    let word_end = |from: usize| {
        m[from..]
            .find(char::is_whitespace)
            .map_or(m.len(), |i| from + i)
    };
    let mut words = Vec::with_capacity(4);
    let mut at = 0;
    while words.len() < 4 && at < m.len() {
        let end = word_end(at);
        words.push(&m[at..end]);
        at = skip_space(end);
    }
    let kind_words = match words.as_slice() {
        ["Luật", ..] => 1,
        ["Chỉ", "thị", "liên", ..] => 4,
        ["Chương", "trình", "hành", ..] => 4,
        _ => 2,
    };
    let mut kind_end = 0;
    for _ in 0..kind_words {
        kind_end = word_end(skip_space(kind_end));
    }
    let rest = skip_space(kind_end);
    let number = if m[rest..].starts_with("Trung") {
        rest..m.len()
    } else if let Some(after) = m[rest..].strip_prefix("số") {
        let digits = skip_space(m.len() - after.len());
        let tail = &m[digits..];
        let last = tail.chars().next_back();
        let before_last = &tail[..tail.len() - last.map_or(0, char::len_utf8)];
        match last {
            _ if before_last.contains(['-', '/']) => digits..m.len(),
            Some(c) if !regex_syntax::is_word_character(c) => digits..m.len() - c.len_utf8(),
            _ => digits..m.len(),
        }
    } else {
        match m[rest..].find(char::is_whitespace) {
            Some(i) => rest..rest + i,
            None => rest..m.len(),
        }
    };
    (0..kind_end, number)
}

/// Documents cited in one text.
pub fn documents_in(text: &str, block: Option<usize>, place: Place) -> Vec<Document> {
    let mut out: Vec<Document> = Vec::new();
    let sentences = super::Sentences::new(text);
    // Where the last document's number ended, and how many documents it gave.
    let mut last: Option<(usize, usize)> = None;
    for whole in DOCUMENT.find_iter(text) {
        let (kind, number) = document_parts(whole.as_str());
        let words = |r: Range<usize>| {
            whole.as_str()[r]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut number_end = whole.start() + number.end;
        let shaped = whole.as_str()[number.clone()].contains(['-', '/']);
        let (kind, number) = (words(kind), words(number));
        let mut numbers = vec![number];
        while let Some(c) = LISTED_NUMBER
            .captures(&text[number_end..])
            .filter(|_| shaped)
        {
            let (Some(all), Some(n)) = (c.get(0), c.get(1)) else {
                break;
            };
            numbers.push(n.as_str().trim_end_matches(['-', '/']).to_string());
            number_end += all.end();
        }
        // From the end of the number: "Chỉ thị 05 của Bộ Chính trị" keeps its "của".
        let after = &text[number_end..];
        // "ngày 15/5/2016" right after the number is the document's date.
        let date = after
            .trim_start()
            .strip_prefix("ngày")
            .and_then(|rest| {
                find_dates(rest)
                    .into_iter()
                    .next()
                    .filter(|d| d.span.start <= 2)
            })
            .and_then(|d| {
                let y = d.end.year.filter(|&y| d.start.exists_in(y))?;
                Some(d.start.iso(y))
            });
        let issuer = ISSUER
            .captures(after)
            .and_then(|c| c.get(1))
            .map(|m| crate::text::canonical(m.as_str().trim()));
        // "Chỉ thị số 11-CT/TU ngày 14/2/2022 và Chỉ thị số 12-CT/TU … của
        // Ban Thường vụ Thành ủy": joined to the one before by "và" or a
        // comma, a document gives its issuer to those with none.
        if let (Some(i), Some((end, n))) = (&issuer, last) {
            if JOINED.is_match(&text[end..whole.start()]) {
                for d in out.iter_mut().rev().take(n).filter(|d| d.issuer.is_none()) {
                    d.issuer = Some(i.clone());
                }
            }
        }
        last = Some((number_end, numbers.len()));
        let sentence = sentences.at(whole.start());
        for number in numbers {
            out.push(Document {
                kind: kind.clone(),
                number: Some(number),
                date: date.clone(),
                issuer: issuer.clone(),
                evidence: Some(Evidence {
                    block,
                    text: sentence.to_string(),
                    place,
                }),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str) -> Vec<Document> {
        documents_in(text, Some(0), Place::Body)
    }

    /// `DOCUMENT` as first written, with `\b` after the bare and short
    /// numbers, searched through `WordRegex`.
    static DOCUMENT_WITH_WORD_BOUNDARIES: LazyLock<crate::text::WordRegex> = LazyLock::new(|| {
        crate::text::static_word_regex(
            &DOCUMENT
                .as_str()
                .replace(r"(?P<bare>\d{1,5})(?:\W|$)", r"(?P<bare>\d{1,5})\b")
                .replace(r"(?:của|về)(?:\W|$)", r"(?:của|về)\b"),
        )
    });

    /// The start and every group of each match, as the old pattern reads them.
    fn readings(text: &str, old: bool) -> Vec<Vec<Option<(usize, usize)>>> {
        let groups = |c: regex::Captures| {
            let mut g: Vec<_> = ["kind", "num", "tw", "bare", "short"]
                .iter()
                .map(|n| c.name(n).map(|m| (m.start(), m.end())))
                .collect();
            g.push(c.get(0).map(|m| (m.start(), m.start())));
            g
        };
        if old {
            DOCUMENT_WITH_WORD_BOUNDARIES
                .captures_iter(text)
                .map(groups)
                .collect()
        } else {
            DOCUMENT.captures_iter(text).map(groups).collect()
        }
    }

    #[test]
    fn numbers_end_where_the_word_boundary_pattern_ended_them() {
        assert!(DOCUMENT_WITH_WORD_BOUNDARIES
            .as_str()
            .contains(r"\d{1,5})\b"));
        assert!(DOCUMENT_WITH_WORD_BOUNDARIES.as_str().contains(r"về)\b"));
        for t in [
            "",
            "Chỉ thị số 05",
            "Chỉ thị số 05.",
            "Chỉ thị số 05a và Chỉ thị số 06",
            "Chỉ thị số 123456 của Bộ",
            "Chỉ thị số 05,Nghị quyết số 7 của Quận ủy",
            "Chỉ thị 05 của Bộ Chính trị, Chỉ thị 06 về",
            "Chỉ thị 05 củaa Bộ; Kế hoạch 12 về\u{a0}việc",
            "Kế hoạch 12 vềKế hoạch 13 về",
            "Nghị quyết số 1Nghị quyết số 2",
            "Quyết định số 1234/QĐ-UBND ngày 5/6/2021, Thông báo số 7—Luật số 8",
            "Nghị quyết Trung ương 4 (khóa XI, XII) gắn với Chỉ thị 05 của Bộ Chính trị",
            "theo Nghị định 35/2021/NĐ-CP của Chính phủ và Đề án số 09_x",
            "Hướng dẫn số 3\u{301} và Công văn số 4ĐẢNG, Thông tư 5 về\u{300}",
            "Chỉ thị số ٣ và Chỉ thị số 05 của",
        ] {
            assert_eq!(readings(t, false), readings(t, true), "{t:?}");
        }
    }

    /// The kind and number of each match as `DOCUMENT`'s captures give
    /// them (ranges within the match).
    fn parts_by_captures(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
        DOCUMENT
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let kind = c.get(1)?;
                let number = ["num", "tw", "bare", "short"]
                    .iter()
                    .find_map(|n| c.name(n))?;
                let local = |m: regex::Match| m.start() - whole.start()..m.end() - whole.start();
                Some((local(kind), local(number)))
            })
            .collect()
    }

    #[test]
    fn document_parts_are_the_patterns_groups() {
        let pieces = [
            "Chỉ thị",
            "Chỉ  thị",
            "Chỉ\u{a0}thị",
            " liên tịch",
            "Nghị quyết",
            "Luật",
            "Quy định",
            "Quyết định",
            "Kết luận",
            " ",
            "\n",
            "số ",
            "số\t",
            "05",
            "١٢",
            "123456",
            "2021",
            "-CT/TW",
            "/",
            "-",
            "/2021/NĐ-CP",
            "/QĐ-UBND",
            "Đ",
            "a",
            "ạ",
            " của ",
            " về",
            "của",
            " Trung ương 4",
            " (khóa XI, XII)",
            " khóa XI, khoá XII",
            ".",
            ",",
            "“",
            "\u{301}",
            "_",
        ];
        let texts = crate::text::pattern_samples(&pieces, 3, 60_000, 10);
        let mut matched = 0;
        for t in &texts {
            let by_captures = parts_by_captures(t);
            matched += by_captures.len();
            let by_reading: Vec<_> = DOCUMENT
                .find_iter(t)
                .map(|m| document_parts(m.as_str()))
                .collect();
            assert_eq!(by_reading, by_captures, "{t:?}");
        }
        assert!(matched > 2_000, "{matched}");
    }

    #[test]
    fn directive_with_number_date_and_issuer() {
        let d = docs(
            "gắn với thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị. Tăng cường",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, "Chỉ thị");
        assert_eq!(d[0].number.as_deref(), Some("05-CT/TW"));
        assert_eq!(d[0].date.as_deref(), Some("2016-05-15"));
        assert_eq!(d[0].issuer.as_deref(), Some("Bộ Chính trị"));
    }

    #[test]
    fn programme_of_the_district_committee() {
        let d = docs(
            "triển khai thực hiện nghiêm túc Chương trình số 10-CTr/QU của Quận ủy về “Đẩy mạnh",
        );
        assert_eq!(d[0].kind, "Chương trình");
        assert_eq!(d[0].number.as_deref(), Some("10-CTr/QU"));
        assert_eq!(d[0].issuer.as_deref(), Some("Quận ủy"));
        let d = docs("theo Nghị quyết số 30-NQ/TU của Thành ủy Hà Nội. Ban Tuyên giáo Huyện ủy đã");
        assert_eq!(d[0].issuer.as_deref(), Some("Thành ủy Hà Nội"));
    }

    #[test]
    fn action_programmes_hyphen_dates_and_committees_names() {
        let d = docs(
            "quán triệt Chương trình hành động số 16-CTr/TU ngày 17/6/2022 của Thành ủy Hà Nội; Nghị quyết số 15-NQ/TU ngày 10-8-2017 của Thành ủy và Hướng dẫn số 01-HD/BTGTW ngày 5/2/2021 của Ban Tuyên giáo Trung ương.",
        );
        // Kind, number, date, issuer.
        type Parts<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let got: Vec<Parts> = d
            .iter()
            .map(|d| {
                (
                    d.kind.as_str(),
                    d.number.as_deref(),
                    d.date.as_deref(),
                    d.issuer.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Chương trình hành động",
                    Some("16-CTr/TU"),
                    Some("2022-06-17"),
                    Some("Thành ủy Hà Nội")
                ),
                (
                    "Nghị quyết",
                    Some("15-NQ/TU"),
                    Some("2017-08-10"),
                    Some("Thành ủy")
                ),
                (
                    "Hướng dẫn",
                    Some("01-HD/BTGTW"),
                    Some("2021-02-05"),
                    Some("Ban Tuyên giáo Trung ương")
                ),
            ]
        );
    }

    #[test]
    fn central_resolution_by_plenum() {
        let d = docs("thực hiện Nghị quyết Trung ương 4 (khóa XI, XII) về xây dựng Đảng");
        assert_eq!(d[0].number.as_deref(), Some("Trung ương 4 (khóa XI, XII)"));
        let d = docs("Thực hiện tốt Nghị quyết Trung ương 4 khóa XI, khóa XII gắn với");
        assert_eq!(
            d[0].number.as_deref(),
            Some("Trung ương 4 khóa XI, khóa XII")
        );
    }

    #[test]
    fn decree_with_year_in_number() {
        let d = docs("theo Nghị định 35/2021/NĐ-CP của Chính phủ");
        assert_eq!(d[0].number.as_deref(), Some("35/2021/NĐ-CP"));
        assert_eq!(d[0].issuer.as_deref(), Some("Chính phủ"));
    }

    #[test]
    fn a_list_of_numbers_shares_the_date_and_issuer_after_it() {
        let d = docs("Quán triệt các Nghị quyết số 10-NQ/TW, 11-NQ/TW và 12-NQ/TW ngày 3/6/2017 của Ban Chấp hành Trung ương Đảng khóa XII.");
        let numbers: Vec<_> = d
            .iter()
            .map(|d| d.number.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(numbers, ["10-NQ/TW", "11-NQ/TW", "12-NQ/TW"]);
        for doc in &d {
            assert_eq!(doc.kind, "Nghị quyết");
            assert_eq!(doc.date.as_deref(), Some("2017-06-03"));
            assert_eq!(doc.issuer.as_deref(), Some("Ban Chấp hành Trung ương Đảng"));
        }
        // A kind said again shares the issuer after the last.
        let d = docs("Thực hiện Chỉ thị số 11-CT/TU ngày 14/2/2022 và Chỉ thị số 12-CT/TU ngày 21/3/2022 của Ban Thường vụ Thành ủy.");
        let issuers: Vec<_> = d.iter().map(|d| d.issuer.as_deref()).collect();
        assert_eq!(
            issuers,
            [
                Some("Ban Thường vụ Thành ủy"),
                Some("Ban Thường vụ Thành ủy")
            ]
        );
        assert_eq!(d[0].date.as_deref(), Some("2022-02-14"));
        // Not across other words.
        let d = docs(
            "Chỉ thị số 11-CT/TU đã được quán triệt; Chỉ thị số 12-CT/TU của Thành ủy cũng vậy.",
        );
        assert_eq!(d[0].issuer, None);
        // A bare count after a number is not another number.
        let d = docs("Chỉ thị số 05-CT/TW, 3 năm qua quận đã làm tốt.");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn an_issuer_keeps_the_lower_case_words_of_its_name() {
        let d = docs("Kết luận số 150-KL/TW ngày 14.4.2025 của Bộ Chính trị đến 100% chi bộ.");
        assert_eq!(d[0].date.as_deref(), Some("2025-04-14"));
        assert_eq!(d[0].issuer.as_deref(), Some("Bộ Chính trị"));
        let d =
            docs("Nghị quyết số 15/2008/QH12 ngày 29/5/2008 của Quốc hội về điều chỉnh địa giới.");
        assert_eq!(d[0].issuer.as_deref(), Some("Quốc hội"));
        let d = docs("Nghị quyết số 08-NQ/HU ngày 2/3/2021 của Ban Chấp hành Đảng bộ huyện về phát triển nông nghiệp.");
        assert_eq!(d[0].issuer.as_deref(), Some("Ban Chấp hành Đảng bộ huyện"));
    }

    #[test]
    fn short_form_keeps_its_issuer() {
        let d = docs(
            "Nghị quyết Trung ương 4 (khóa XI, XII) gắn với Chỉ thị 05 của Bộ Chính trị, qua đó",
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].number.as_deref(), Some("05"));
        assert_eq!(d[1].issuer.as_deref(), Some("Bộ Chính trị"));
    }

    #[test]
    fn unnumbered_mentions_are_not_documents() {
        assert!(docs("quán triệt các Chỉ thị, Nghị quyết của Trung ương").is_empty());
        assert!(docs("thực hiện Nghị quyết Đại hội Đảng bộ quận").is_empty());
        assert!(docs("10 Chương trình công tác của Thành ủy").is_empty());
    }
}

//! Documents cited: "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
//! "Chương trình số 10-CTr/QU của Quận ủy", "Nghị quyết Trung ương 4
//! (khóa XI, XII)", "Nghị định 35/2021/NĐ-CP".

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use crate::model::{Document, Evidence, Place};
use crate::text::WordRegex;

/// A document kind and its number:
/// - "Chỉ thị số 05-CT/TW", "Chương trình số 10-CTr/QU", "Kết luận 01-KL/TW"
/// - "Nghị định 35/2021/NĐ-CP", "Quyết định số 1234/QĐ-UBND"
/// - "Chỉ thị 05" (a bare number: the short form articles use once the
///   full one is known)
/// - "Nghị quyết Trung ương 4 (khóa XI, XII)", "Nghị quyết Trung ương 4 khóa XII"
static DOCUMENT: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?x)
        (?P<kind>Chỉ\s+thị|Nghị\s+quyết|Chương\s+trình|Kế\s+hoạch|Quyết\s+định|Kết\s+luận|Quy\s+định|Thông\s+báo|Hướng\s+dẫn|Công\s+văn|Nghị\s+định|Thông\s+tư|Đề\s+án|Chỉ\s+thị\s+liên\s+tịch|Luật)
        \s+
        (?:
            (?:số\s+)?(?P<num>\d{1,5}(?:/\d{4})?[-/][\p{Lu}Đ][\p{L}\d/\-]*)
          | (?P<tw>Trung\s+ương\s+\d{1,2}\s*(?:\((?:khóa|khoá)[^)]{1,20}\)|(?:khóa|khoá)\s+[IVXLC]+(?:\s*,\s*(?:khóa\s+|khoá\s+)?[IVXLC]+)*)?)
          | số\s+(?P<bare>\d{1,5})\b
          | (?P<short>\d{1,3})\s+(?:của|về)\b
        )",
    )
});

/// "của Bộ Chính trị", "của Quận ủy", "của Ban Thường vụ Thành ủy": the
/// issuer is the run of capitalised words (and "ủy") after "của".
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^\s*(?:ngày\s+[\d/]+\s+)?(?:của|do)\s+((?:\p{Lu}[\p{L}.]*)(?:\s+(?:\p{Lu}[\p{L}.]*|ủy|uỷ|chính|trị|thường|vụ|ương|phủ|bí|thư|chấp|hành|dân|nhân))*)",
    )
});

/// Documents cited in one text.
pub fn documents_in(text: &str, block: Option<usize>, place: Place) -> Vec<Document> {
    let mut out = Vec::new();
    let sentences = super::Sentences::new(text);
    for caps in DOCUMENT.captures_iter(text) {
        let (Some(whole), Some(kind)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let kind = kind
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let number_match = ["num", "tw", "bare", "short"]
            .iter()
            .find_map(|n| caps.name(n));
        let number =
            number_match.map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "));
        // From the end of the number: "Chỉ thị 05 của Bộ Chính trị" keeps its "của".
        let after = &text[number_match.map_or(whole.end(), |m| m.end())..];
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
            .and_then(|d| d.end.year.map(|y| d.start.iso(y)));
        let issuer = ISSUER
            .captures(after)
            .and_then(|c| c.get(1))
            .map(|m| crate::text::canonical(m.as_str().trim()));
        let sentence = sentences.at(whole.start());
        out.push(Document {
            kind,
            number,
            date,
            issuer,
            evidence: Some(Evidence {
                block,
                text: sentence.to_string(),
                place,
            }),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str) -> Vec<Document> {
        documents_in(text, Some(0), Place::Body)
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

//! Figures: amounts and percentages with their unit and the phrase they
//! qualify ("12.065,06 tỷ đồng", "111,5% dự toán", "14/15 chỉ tiêu"), read
//! in the Vietnamese number format (dot thousands, comma decimals).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Evidence, Figure, Place};

/// A number and its unit:
/// - money: "12.065,06 tỷ đồng", "12.789 tỷ đồng", "500 triệu đồng", "1,2 triệu USD"
/// - percent: "111,5%", "99%", "10 %"
/// - a share of a whole: "14/15 chỉ tiêu", "12/12 chỉ tiêu"
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?x)
        (?P<share>(?P<part>\d{1,4})/(?P<whole>\d{1,4})\s+(?P<what>chỉ\s+tiêu|tiêu\s+chí|nhiệm\s+vụ|xã|phường|đơn\s+vị|tổ\s+chức\s+cơ\s+sở\s+đảng|chi\s+bộ))
        | (?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)
          \s*(?P<unit>%|nghìn\s+tỷ\s+đồng|tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|triệu\s+USD|tỷ\s+USD|USD)
        ",
    )
});

/// What every match of `FIGURE` holds: a share's "/" before a digit, or a
/// unit, which has "%" or "USD" in it, or "đồng" after one of
/// `DONG_SCALES`. "đồng" alone is no mark: it is in every "đồng chí".
const FIGURE_MARKS: [&str; 2] = ["%", "USD"];
const DONG_SCALES: [&str; 3] = ["tỷ", "triệu", "nghìn"];

/// Can `text` hold a figure? Most blocks have no unit and no share, and
/// `FIGURE` begins with a digit, which gives regex no literal to look for:
/// this skips them before the pattern reads every byte. Dates ("5/3/2021")
/// pass, as a share would.
fn may_hold_figure(text: &str) -> bool {
    let bytes = text.as_bytes();
    FIGURE_MARKS.iter().any(|m| text.contains(m))
        || memchr::memchr_iter(b'/', bytes)
            .any(|i| text[i + 1..].chars().next().is_some_and(char::is_numeric))
        || (text.contains("đồng") && DONG_SCALES.iter().any(|s| text.contains(s)))
}

/// The groups of a `FIGURE` match, read from its text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FigureParts<'t> {
    /// "14/15 chỉ tiêu": `part`, `whole` and `what`.
    Share {
        part: &'t str,
        whole: &'t str,
        what: &'t str,
    },
    /// "12.065,06 tỷ đồng": `num` and `unit`.
    Amount { num: &'t str, unit: &'t str },
}

/// The groups of `FIGURE`'s match `m`, as its captures would give them,
/// but read from the matched text: asking regex for the groups runs its
/// slowest engine over every match, and the groups are plain to see. A
/// share has a "/" and an amount none (a number is digits, "." and ",",
/// its unit letters or "%"). In a share the part ends at the "/", the whole
/// at the white space, and what it counts begins after it; in an amount
/// the number ends at white space or the unit's first character ("%",
/// "n", "t" or "U", none of them a digit), and the unit begins there after
/// the white space.
fn figure_parts(m: &str) -> FigureParts<'_> {
    match m.split_once('/') {
        Some((part, rest)) => {
            let (whole, what) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            FigureParts::Share {
                part,
                whole,
                what: what.trim_start(),
            }
        }
        None => {
            let end = m
                .find(|c: char| c.is_whitespace() || matches!(c, '%' | 'n' | 't' | 'U'))
                .unwrap_or(m.len());
            let (num, unit) = m.split_at(end);
            FigureParts::Amount {
                num,
                unit: unit.trim_start(),
            }
        }
    }
}

/// What a unit is counted by, when the text right after a figure says:
/// "/năm", "/người/năm" (each "/" then a word of letters); "" for none, and
/// for "/2021", a code's or a date's.
fn per_unit(after: &str) -> &str {
    let mut end = 0;
    while let Some(rest) = after[end..].strip_prefix('/') {
        let word = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if word == 0 {
            break;
        }
        end += 1 + word;
    }
    &after[..end]
}

/// "12.065,06" -> 12065.06; "111,5" -> 111.5; "12.789" -> 12789.
pub fn parse_vietnamese_number(s: &str) -> Option<f64> {
    let t: String = s.chars().filter(|c| *c != '.').collect();
    t.replace(',', ".").parse().ok()
}

/// The phrase a figure qualifies: the clause around it, cut at ";" and
/// sentence ends, at most a few words each side.
fn clause_around(text: &str, start: usize, end: usize) -> String {
    // A "." inside a number ("12.065") is not a clause end: only one
    // followed by a space is.
    let is_end = |t: &str, i: usize| {
        let c = t.as_bytes()[i];
        c == b';' || c == b':' || (c == b'.' && t[i + 1..].starts_with(char::is_whitespace))
    };
    let left = (0..start)
        .rev()
        .find(|&i| text.is_char_boundary(i) && is_end(text, i))
        .map_or(0, |i| i + 1);
    let right = (end..text.len())
        .find(|&i| text.is_char_boundary(i) && is_end(text, i))
        .unwrap_or(text.len());
    let clause = text[left..right].trim();
    crate::text::truncate_words(clause, 200)
}

/// Figures in one text.
pub fn figures_in(text: &str, block: Option<usize>, place: Place) -> Vec<Figure> {
    let mut out = Vec::new();
    if !may_hold_figure(text) {
        return out;
    }
    let sentences = super::Sentences::new(text);
    for whole in FIGURE.find_iter(text) {
        // A rate: "12,6%/năm", "68 triệu đồng/người/năm".
        let per = per_unit(&text[whole.end()..]);
        // Glued to a date or a code ("35/2021/NĐ-CP"): not a figure.
        if text[..whole.start()].ends_with(['/', '-'])
            || per.is_empty() && text[whole.end()..].starts_with('/')
        {
            continue;
        }
        let (value, unit) = match figure_parts(whole.as_str()) {
            // "14/15 chỉ tiêu/năm" is no share this reads.
            FigureParts::Share { .. } if !per.is_empty() => continue,
            FigureParts::Share { part, whole, what } => {
                match (
                    parse_vietnamese_number(part),
                    parse_vietnamese_number(whole),
                ) {
                    (Some(p), Some(w)) if p <= w && w > 0.0 => (p, what.to_string()),
                    _ => continue,
                }
            }
            FigureParts::Amount { num, unit } => match parse_vietnamese_number(num) {
                Some(v) => (
                    v,
                    unit.split_whitespace().collect::<Vec<_>>().join(" ") + per,
                ),
                None => continue,
            },
        };
        let end = whole.end() + per.len();
        let context = clause_around(text, whole.start(), end);
        out.push(Figure {
            text: text[whole.start()..end].to_string(),
            value,
            unit,
            context: context.clone(),
            evidence: Some(Evidence {
                block,
                text: sentences.at(whole.start()).to_string(),
                place,
            }),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(String, f64, String)> {
        figures_in(text, Some(0), Place::Body)
            .into_iter()
            .map(|f| (f.text, f.value, f.unit))
            .collect()
    }

    #[test]
    fn vietnamese_number_format() {
        assert_eq!(parse_vietnamese_number("12.065,06"), Some(12065.06));
        assert_eq!(parse_vietnamese_number("111,5"), Some(111.5));
        assert_eq!(parse_vietnamese_number("12.789"), Some(12789.0));
    }

    #[test]
    fn money_and_percent() {
        let f = figs("Thu ngân sách tính đến ngày 30/12/2021 là 12.065,06 tỷ đồng, đạt 111,5% dự toán Thành phố giao.");
        assert_eq!(
            f,
            vec![
                (
                    "12.065,06 tỷ đồng".to_string(),
                    12065.06,
                    "tỷ đồng".to_string()
                ),
                ("111,5%".to_string(), 111.5, "%".to_string()),
            ]
        );
    }

    #[test]
    fn rates_keep_what_they_are_counted_by() {
        let f = figs(
            "tăng trưởng bình quân đạt 12,6%/năm; thu nhập bình quân 68 triệu đồng/người/năm.",
        );
        assert_eq!(
            f,
            vec![
                ("12,6%/năm".to_string(), 12.6, "%/năm".to_string()),
                (
                    "68 triệu đồng/người/năm".to_string(),
                    68.0,
                    "triệu đồng/người/năm".to_string()
                ),
            ]
        );
        // A code or a date after the "/" is no rate, and no figure.
        assert!(figs("Quyết định 12%/2021/QĐ").is_empty());
    }

    #[test]
    fn share_of_targets_with_context() {
        let all = figures_in(
            "hoàn thành các nhiệm vụ chủ yếu, 14/15 chỉ tiêu hoàn thành; tổng thu",
            Some(3),
            Place::Body,
        );
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].text, "14/15 chỉ tiêu");
        assert_eq!(all[0].value, 14.0);
        assert!(all[0].context.contains("14/15 chỉ tiêu hoàn thành"));
        assert!(!all[0].context.contains("tổng thu"));
    }

    #[test]
    fn every_figure_has_a_mark() {
        // The pattern's two ways: a share "a/b", or a number and a unit.
        let pattern = FIGURE.as_str();
        assert!(pattern.contains(r"(?P<part>\d{1,4})/(?P<whole>"));
        let units = pattern
            .split("(?P<unit>")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .unwrap_or_default();
        assert!(units.contains("USD"));
        for unit in units.split('|') {
            let dong = unit.ends_with("đồng") && DONG_SCALES.iter().any(|s| unit.contains(s));
            assert!(
                dong || FIGURE_MARKS.iter().any(|m| unit.contains(m)),
                "{unit}"
            );
        }
        let texts = [
            "Thu ngân sách đạt 12.065,06 tỷ đồng, 111,5% dự toán",
            "12 triệu USD và 5 USD",
            "14/15 chỉ tiêu",
            "1/５ xã",
            "99 %",
            "Năm 2021 có 12 xã, 3 đơn vị, 1.234 người",
            "Đồng chí Nguyễn Văn A, hội đồng nhân dân",
            "ngày 5/3/2021, đồng chí",
            "",
        ];
        let pieces = [
            "1",
            "2021",
            "５",
            "٣",
            "/",
            "%",
            " ",
            "\u{a0}",
            ".",
            ",",
            "đồng",
            "đồng chí",
            "tỷ",
            "triệu",
            "nghìn",
            "USD",
            "xã",
            "chỉ",
            "tiêu",
            "chi bộ",
            "Đảng",
            "a",
        ];
        let samples = crate::text::pattern_samples(&pieces, 2, 20_000, 9);
        for t in texts.iter().map(|t| t.to_string()).chain(samples) {
            for line in t.lines() {
                if !may_hold_figure(line) {
                    assert!(FIGURE.find(line).is_none(), "{line:?}");
                }
            }
        }
        // The check is not the pattern: plain words and dates pass it.
        assert!(!may_hold_figure("Đồng chí Nguyễn Văn A, hội đồng nhân dân"));
        assert!(may_hold_figure("ngày 5/3/2021"));
    }

    /// The groups of each match as `FIGURE`'s captures give them.
    fn parts_by_captures(text: &str) -> Vec<FigureParts<'_>> {
        FIGURE
            .captures_iter(text)
            .map(|c| {
                let group = |n: &str| c.name(n).map_or("", |m| m.as_str());
                match c.name("share") {
                    Some(_) => FigureParts::Share {
                        part: group("part"),
                        whole: group("whole"),
                        what: group("what"),
                    },
                    None => FigureParts::Amount {
                        num: group("num"),
                        unit: group("unit"),
                    },
                }
            })
            .collect()
    }

    fn parts_by_reading(text: &str) -> Vec<FigureParts<'_>> {
        FIGURE
            .find_iter(text)
            .map(|m| figure_parts(m.as_str()))
            .collect()
    }

    #[test]
    fn figure_parts_are_the_patterns_groups() {
        let pieces = [
            "12.065,06",
            "1.234",
            "12.5",
            "111,5",
            "5,",
            "14/15",
            "3/",
            "/2021",
            "١٢",
            "٣/٤",
            "0",
            "%",
            " ",
            "\u{a0}",
            "\u{2009}",
            "\n",
            "tỷ đồng",
            "nghìn tỷ đồng",
            "nghìn\u{a0}tỷ  đồng",
            "triệu USD",
            "USD",
            "chỉ tiêu",
            "chỉ\ttiêu",
            "tổ chức cơ sở đảng",
            "xã",
            "phường",
            "đơn vị",
            "Đồng",
            "năm ",
            "ạ",
            "-",
            ",",
            ".",
        ];
        let texts = crate::text::pattern_samples(&pieces, 3, 20_000, 12);
        let mut matched = 0;
        for t in &texts {
            let by_captures = parts_by_captures(t);
            matched += by_captures.len();
            assert_eq!(parts_by_reading(t), by_captures, "{t:?}");
        }
        assert!(matched > 5_000, "{matched}");
    }

    #[test]
    fn dates_are_not_figures() {
        assert!(figs("ngày 15/5/2016 của Bộ Chính trị").is_empty());
    }
}

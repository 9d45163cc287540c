//! Display typography: the text as a reader should see it, without changing
//! a word. Scraped pages leave no-break spaces, doubled spaces, zero-width
//! characters and lopsided dashes in number ranges; quotations, capitals and
//! punctuation inside the text stay exactly as written.

use std::sync::LazyLock;

use regex::Regex;

/// A dash with space on only one side (or on both) between two numbers:
/// "2020- 2025", "2020 -2025", "2 - 4/6/2020". Written "2020 – 2025".
static NUMBER_RANGE_DASH: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"(\d)(?:[ ]*[-–—][ ]+|[ ]+[-–—][ ]*)(\d)"));

/// A range of two years, however it is spaced or dashed: "2020- 2025",
/// "2015 – 2020", "2020-2025". Written "2020–2025": an unspaced en dash, the
/// form a term (nhiệm kỳ) takes in the archive's metadata.
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"\b((?:19|20)\d\d)[ ]*[-–—][ ]*((?:19|20)\d\d)\b"));

/// Space characters other than U+0020 that pages use: no-break (U+00A0),
/// the U+2000 block, narrow no-break, medium mathematical, ideographic, tab.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t'
    )
}

/// Characters with no width that only get in the way of comparisons:
/// zero-width space, word joiner, BOM, soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// True when a raw line holds nothing but (any kind of) white space.
pub fn is_blank(raw: &str) -> bool {
    raw.chars()
        .all(|c| c.is_whitespace() || is_odd_space(c) || is_invisible(c))
}

/// The line as displayed: NFC, odd spaces to plain spaces, invisible
/// characters dropped, runs of spaces folded, trimmed; a range of years
/// written "2020–2025", other lopsided number ranges with a spaced en dash.
pub fn display(s: &str) -> String {
    // One pass for what was filter, map, split_whitespace and join: odd
    // spaces are all white space, so runs of either fold to one ' '. Runs of
    // other characters are copied whole.
    let nfc = crate::text::nfc_cow(s);
    let mut folded = String::with_capacity(nfc.len());
    let mut space = false;
    let mut run = 0;
    for (i, c) in nfc.char_indices() {
        let gap = c.is_whitespace() || is_odd_space(c);
        if !gap && !is_invisible(c) {
            continue;
        }
        // `c` ends the run of kept characters before it.
        if run < i {
            if space && !folded.is_empty() {
                folded.push(' ');
            }
            space = false;
            folded.push_str(&nfc[run..i]);
        }
        space |= gap;
        run = i + c.len_utf8();
    }
    if run < nfc.len() {
        if space && !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(&nfc[run..]);
    }
    // Both rewrites need a dash; most lines have none.
    if !folded.contains(['-', '–', '—']) {
        return folded;
    }
    let years = YEAR_RANGE.replace_all(&folded, "$1–$2");
    NUMBER_RANGE_DASH
        .replace_all(&years, "$1 – $2")
        .into_owned()
}

/// A key for comparing two lines that differ only in typography: display
/// form, lower case, dashes folded to "-" with the spaces around them gone.
pub fn compare_key(s: &str) -> String {
    let d = display(s).to_lowercase();
    let mut out = String::with_capacity(d.len());
    for c in d.chars() {
        match c {
            '-' | '–' | '—' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('-');
            }
            ' ' if out.ends_with('-') => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lopsided_range_dash_is_spaced() {
        assert_eq!(display("Từ ngày 21 - 23/7"), "Từ ngày 21 – 23/7");
        assert_eq!(display("Từ ngày 2 - 4/6/2020"), "Từ ngày 2 – 4/6/2020");
    }

    #[test]
    fn year_ranges_take_an_unspaced_en_dash() {
        assert_eq!(display("nhiệm kỳ 2020- 2025"), "nhiệm kỳ 2020–2025");
        assert_eq!(display("2015 -2020"), "2015–2020");
        assert_eq!(display("nhiệm kỳ 2020 – 2025."), "nhiệm kỳ 2020–2025.");
        assert_eq!(display("nhiệm kỳ 2020-2025"), "nhiệm kỳ 2020–2025");
        // Not years: a phone number's groups are left alone.
        assert_eq!(display("0243-9421865"), "0243-9421865");
    }

    #[test]
    fn words_and_unspaced_ranges_are_untouched() {
        assert_eq!(display("KT - XH"), "KT - XH");
        assert_eq!(display("Covid-19"), "Covid-19");
        assert_eq!(display("số 05-CT/TW"), "số 05-CT/TW");
    }

    #[test]
    fn no_break_and_doubled_spaces_fold() {
        assert_eq!(
            display("\u{a0}Toàn cảnh  Hội nghị.\u{a0}"),
            "Toàn cảnh Hội nghị."
        );
        assert_eq!(display("18:40 \u{a0}|\u{a0}Lượt xem"), "18:40 | Lượt xem");
    }

    #[test]
    fn nfd_becomes_nfc() {
        // "Đống" with the circumflex and the acute as combining marks.
        assert_eq!(display("Đo\u{302}\u{301}ng Đa"), "Đống Đa");
    }

    #[test]
    fn slogans_keep_their_capitals_and_quotes() {
        let s = "Chủ đề: “PHÁT HUY TRUYỀN THỐNG YÊU NƯỚC”";
        assert_eq!(display(s), s);
    }

    #[test]
    fn invisible_characters_join_and_spaces_fold() {
        assert_eq!(display("ab\u{200B}cd"), "abcd");
        assert_eq!(display(" a \u{200B} \u{a0}b\t "), "a b");
        assert_eq!(display("\u{FEFF}\u{00AD}"), "");
    }

    #[test]
    fn keys_fold_dashes_and_case() {
        assert_eq!(compare_key("2020 – 2025"), compare_key("2020-2025"));
        assert_eq!(compare_key("Đống Đa"), compare_key("ĐỐNG ĐA"));
        assert_ne!(compare_key("Ba Đình"), compare_key("Đống Đa"));
    }

    #[test]
    fn blank_lines_include_no_break_only_lines() {
        assert!(is_blank(" \u{a0}\t"));
        assert!(!is_blank("\u{a0}x"));
    }
}

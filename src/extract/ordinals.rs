//! Ordinals as Vietnamese articles write them: Roman ("XXVIII"), Arabic
//! ("26") or words ("lần thứ Mười", "lần thứ mười hai", "hai mươi mốt").

use std::sync::LazyLock;

use crate::text::WordRegex;

/// A Roman numeral up to a few hundred: "XXVIII" -> 28. Rejects
/// non-canonical forms ("IIII", "VX") so a stray capital word is not a number.
pub fn ordinal_from_roman(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    // Round-trip through the canonical form to refuse "IIII", "IC", "VV".
    (total > 0 && crate::text::to_roman(total) == s.to_ascii_uppercase()).then_some(total)
}

/// Vietnamese number words, 1..=99: "nhất", "Mười", "mười hai", "mười lăm",
/// "hai mươi", "hai mươi mốt", "hai mươi tư". Case-insensitive; old/new
/// tone placement alike.
pub fn ordinal_from_words(s: &str) -> Option<u32> {
    let key = crate::text::name_key(s);
    let words: Vec<&str> = key.split_whitespace().collect();
    let unit = |w: &str, after_tens: bool| -> Option<u32> {
        Some(match w {
            // "mười một" (11) but "hai mươi mốt" (21).
            "một" => 1,
            "mốt" if after_tens => 1,
            "nhất" if !after_tens => 1,
            "hai" => 2,
            "ba" => 3,
            "bốn" => 4,
            "tư" => 4,
            "năm" => 5,
            "lăm" if after_tens => 5,
            "sáu" => 6,
            "bảy" | "bẩy" => 7,
            "tám" => 8,
            "chín" => 9,
            _ => return None,
        })
    };
    match words.as_slice() {
        [w] if *w == "mười" => Some(10),
        [w] => unit(w, false),
        ["mười", u] => Some(10 + unit(u, true)?),
        [t, "mươi"] => Some(10 * unit(t, false).filter(|t| *t >= 2)?),
        [t, "mươi", u] => Some(10 * unit(t, false).filter(|t| *t >= 2)? + unit(u, true)?),
        _ => None,
    }
}

/// Any of the three forms: "XXVI", "26", "mười hai".
pub fn parse_ordinal(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|n| (1..=200).contains(n));
    }
    ordinal_from_roman(s).or_else(|| ordinal_from_words(s))
}

/// "lần thứ XXVIII" / "lần thứ 12" / "lần thứ Mười" / "lần thứ mười hai".
/// The words alternative is greedy; `ordinal_after_lan_thu` trims it.
static LAN_THU: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)lần\s+thứ\s+([IVXLC]+\b|\d{1,3}\b|(?:(?:nhất|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi)\b\s*){1,3})",
    )
});

/// The first "lần thứ N" in `text`: its value and the byte span of the
/// whole phrase. Word ordinals are cut to the longest prefix that parses,
/// so "lần thứ nhất năm 2020" reads 1, not "nhất năm".
pub fn ordinal_after_lan_thu(text: &str) -> Option<(u32, std::ops::Range<usize>)> {
    for caps in LAN_THU.captures_iter(text) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let raw = num.as_str().trim();
        let words: Vec<&str> = raw.split_whitespace().collect();
        for n in (1..=words.len()).rev() {
            let candidate = words[..n].join(" ");
            if let Some(v) = parse_ordinal(&candidate) {
                // Span ends after the accepted words only.
                let end = num.start() + raw.find(words[n - 1]).unwrap_or(0) + words[n - 1].len();
                return Some((v, whole.start()..end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_up_to_thirty() {
        assert_eq!(ordinal_from_roman("XXVIII"), Some(28));
        assert_eq!(ordinal_from_roman("XIII"), Some(13));
        assert_eq!(ordinal_from_roman("XXX"), Some(30));
        assert_eq!(ordinal_from_roman("XIX"), Some(19));
        assert_eq!(ordinal_from_roman("IV"), Some(4));
        assert_eq!(ordinal_from_roman("IIII"), None);
        assert_eq!(ordinal_from_roman("TW"), None);
    }

    #[test]
    fn words_first_to_fifteenth() {
        let expected = [
            ("nhất", 1),
            ("hai", 2),
            ("ba", 3),
            ("tư", 4),
            ("năm", 5),
            ("sáu", 6),
            ("bảy", 7),
            ("tám", 8),
            ("chín", 9),
            ("Mười", 10),
            ("mười một", 11),
            ("mười hai", 12),
            ("mười ba", 13),
            ("mười bốn", 14),
            ("mười lăm", 15),
        ];
        for (w, n) in expected {
            assert_eq!(ordinal_from_words(w), Some(n), "{w}");
        }
        assert_eq!(ordinal_from_words("hai mươi mốt"), Some(21));
        assert_eq!(ordinal_from_words("hai mươi tư"), Some(24));
        assert_eq!(ordinal_from_words("mười năm hai"), None);
    }

    #[test]
    fn lan_thu_in_each_form() {
        let f = |s: &str| ordinal_after_lan_thu(s).map(|(v, _)| v);
        assert_eq!(
            f("Hội nghị Ban Chấp hành lần thứ Mười khóa XXVIII"),
            Some(10)
        );
        assert_eq!(
            f("Đại hội đại biểu quận Đống Đa lần thứ XXVIII, nhiệm kỳ"),
            Some(28)
        );
        assert_eq!(
            f("Đại hội đại biểu Đảng bộ quận lần thứ 26 thành công"),
            Some(26)
        );
        assert_eq!(f("Hội nghị lần thứ mười hai Ban Chấp hành"), Some(12));
        assert_eq!(f("Hội nghị lần thứ nhất năm 2020"), Some(1));
        assert_eq!(f("Hội nghị lần thứ mười lăm"), Some(15));
        assert_eq!(f("không có thứ tự"), None);
    }

    #[test]
    fn lan_thu_span_covers_only_the_number() {
        let s = "Hội nghị lần thứ nhất năm 2020";
        let (_, span) = ordinal_after_lan_thu(s).unwrap();
        assert_eq!(&s[span], "lần thứ nhất");
    }
}

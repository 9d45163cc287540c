//! Text helpers shared by the stages: one normalisation for comparing
//! Vietnamese names, and a diacritic fold for search and slugs.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Compile one of the program's own regular expressions, held in a
/// `LazyLock` static. The pattern is a literal in the source, never input:
/// each is compiled by the unit tests of its rule, so a bad one fails
/// `cargo test`, not a user's build. This is the one place that may panic
/// on it.
#[allow(clippy::expect_used)]
pub fn static_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a static pattern of the program")
}

/// Old-style tone placement ("hoà", "uỷ") to the new style ("hòa", "ủy"),
/// so two spellings of one name compare equal. Applied to NFC text.
const TONE_PLACEMENT: &[(&str, &str)] = &[
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
    ("Oà", "Òa"),
    ("Oá", "Óa"),
    ("Oả", "Ỏa"),
    ("Oã", "Õa"),
    ("Oạ", "Ọa"),
    ("Uỳ", "Ùy"),
    ("Uý", "Úy"),
    ("Uỷ", "Ủy"),
    ("Uỹ", "Ũy"),
    ("Uỵ", "Ụy"),
];

/// NFC with tone marks in the new placement ("Quận uỷ" -> "Quận ủy").
/// "qu" + vowel keeps the mark on the vowel after "u" ("quý" stays "quý").
pub fn canonical(s: &str) -> String {
    let mut out: String = s.nfc().collect();
    for (old, new) in TONE_PLACEMENT {
        if !out.contains(old) {
            continue;
        }
        let mut fixed = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(old) {
            let before = &rest[..i];
            // "quý", "quỳ": the u belongs to the consonant, the mark stays.
            let after_q = before.ends_with(['q', 'Q']) && old.starts_with(['u', 'U']);
            fixed.push_str(before);
            fixed.push_str(if after_q { old } else { new });
            rest = &rest[i + old.len()..];
        }
        fixed.push_str(rest);
        out = fixed;
    }
    out
}

/// The key two names are compared by: canonical, lower case, spaces folded.
pub fn name_key(s: &str) -> String {
    canonical(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strip diacritics and fold đ -> d, lower case: "Đống Đa" -> "dong da".
/// Used for search and for comparing misspellings ("Đóng Đa").
pub fn ascii_fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Cut `s` to at most `max` characters, ending on a whole word.
pub fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) if i > 0 => cut[..i].trim_end_matches([',', ';', ':', ' ']).to_string(),
        _ => cut,
    }
}

/// Roman numeral for display ("Đại hội lần thứ XXVIII").
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// An ASCII slug: "Đống Đa" -> "dong-da". At most `max` bytes, cut at a hyphen.
pub fn slug_of(s: &str, max: usize) -> String {
    let s = slug::slugify(ascii_fold(s));
    if s.len() <= max {
        return s;
    }
    if s.as_bytes()[max] == b'-' {
        return s[..max].to_string();
    }
    let cut = &s[..max];
    cut.rfind('-').map(|i| &cut[..i]).unwrap_or(cut).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_tone_placement_compare_equal() {
        assert_eq!(name_key("Quận uỷ"), name_key("Quận ủy"));
        assert_eq!(name_key("Hoà"), name_key("Hòa"));
        assert_eq!(canonical("quý"), "quý");
    }

    #[test]
    fn fold_handles_d_stroke() {
        assert_eq!(ascii_fold("Đống Đa"), "dong da");
        assert_eq!(ascii_fold("đong đa"), "dong da");
    }

    #[test]
    fn roman() {
        assert_eq!(to_roman(28), "XXVIII");
        assert_eq!(to_roman(17), "XVII");
        assert_eq!(to_roman(30), "XXX");
    }

    #[test]
    fn slugs_are_ascii_and_bounded() {
        assert_eq!(slug_of("Đống Đa", 80), "dong-da");
        assert_eq!(slug_of("Hai Bà Trưng và Ba Đình", 12), "hai-ba-trung");
    }

    #[test]
    fn truncation_ends_on_a_word() {
        assert_eq!(truncate_words("một hai ba bốn", 9), "một hai");
    }
}

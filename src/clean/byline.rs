//! Bylines: a short line naming the author(s). Only the shape is judged
//! here ("X.Sinh", "Vân Nhi", "THANH THANH", "PV", "Nhóm PV",
//! "Minh Anh - Hoàng Long"); whether a name-shaped line *is* a byline depends
//! on where it stands (under the title or after the last paragraph), which
//! the caller decides.

use std::sync::LazyLock;

use regex::Regex;

/// A label before the names: "Bài và ảnh: ", "Bài, ảnh: ", "Tin, ảnh: ",
/// "Tác giả: ",
/// "Nhóm phóng viên: ", "Thực hiện: ".
static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^(?i:(?:bài|tin)\s*(?:(?:và|,|&|-)\s*ảnh)?|ảnh|tác\s+giả|thực\s+hiện|nhóm\s+thực\s+hiện|nhóm\s+phóng\s+viên|phóng\s+viên)\s*:\s*",
    )
});

/// Separators between several authors: " - ", ", ", " và ", " / ", "; ".
static AUTHOR_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"\s+[-–]\s+|\s*[,;/&]\s*|\s+và\s+"));

/// A name written with initials: "X.Sinh", "N. Hương", "T.T.Hà", "H.V".
static INITIALS_NAME: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"^(?:\p{Lu}\.\s?){1,3}\p{Lu}\p{Ll}*\.?$"));

/// A newsroom credit instead of a name: "PV", "Nhóm PV", "PV - CTV", "BTV",
/// and a desk's team, "Nhóm PV Chính trị".
static PRESS_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^(?:Nhóm\s+(?:PV|[Pp]hóng viên)\s+\p{Lu}\p{Ll}*(?:\s+\p{Ll}+){0,2}|(?:Nhóm\s+)?(?:PV|CTV|BTV|NV|Phóng viên|phóng viên))\.?$",
    )
});

/// One syllable of a capitalised name: "Vân", "Đinh" (not "và", not "2020").
fn is_name_syllable(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() <= 7
        && cs.all(char::is_lowercase)
}

/// One syllable in capitals: "THANH".
fn is_caps_syllable(w: &str) -> bool {
    w.chars().count() <= 7 && w.chars().all(char::is_uppercase)
}

/// One author's name in a byline shape: 2–5 capitalised syllables, all in
/// capitals, initials, or a newsroom credit.
pub fn is_name_shaped(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if PRESS_CREDIT.is_match(part) || INITIALS_NAME.is_match(part) {
        return true;
    }
    (2..=5).contains(&words.len())
        && (words.iter().all(|w| is_name_syllable(w)) || words.iter().all(|w| is_caps_syllable(w)))
}

/// The author names of a byline-shaped line ("Minh Anh - Hoàng Long" ->
/// ["Minh Anh", "Hoàng Long"]; "Bài và ảnh: Vân Nhi" -> ["Vân Nhi"]), or
/// `None` when the line is not byline-shaped.
pub fn byline_names(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > 80 {
        return None;
    }
    let text = text.trim_end_matches('.');
    let names_part = BYLINE_LABEL.replace(text, "");
    let names: Vec<String> = AUTHOR_SEPARATOR
        .split(without_outlet(names_part.trim()))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let shaped = !names.is_empty() && names.len() <= 4 && names.iter().all(|n| is_name_shaped(n));
    shaped.then_some(names)
}

/// The names of a byline without the outlet it ends with: "Văn Điệp
/// (TTXVN)", "Minh Nghĩa (TTXVN/Vietnam+)", "Ngọc Anh/VOV.VN" -> the name.
/// An outlet in brackets is at most three words, each in capitals or a
/// site's name;
/// after a "/", one word that is no name ("Minh Anh/Hoàng Long" is two).
fn without_outlet(names: &str) -> &str {
    if let Some(open) = names.strip_suffix(')').and_then(|n| n.rfind('(')) {
        let outlet = &names[open + 1..names.len() - 1];
        // An agency's short name: capitals, or a site's ("Vietnam+", "VOV.VN").
        let agency = |w: &str| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                || w.contains(['.', '+', '/'])
        };
        let words = outlet.split_whitespace().count();
        // Or the writer's unit: "Minh Khôi (Quận ủy Bắc Từ Liêm)", "Thu
        // Trang (Trung tâm VH-TT&TT quận)".
        const UNITS: [&str; 12] = [
            "Quận", "Huyện", "Thành", "Thị", "Đảng", "Trung", "Văn", "Phòng", "UBND", "Báo", "Đài",
            "Cổng",
        ];
        let unit = words <= 6
            && outlet
                .split_whitespace()
                .next()
                .is_some_and(|w| UNITS.contains(&w));
        if outlet.chars().next().is_some_and(char::is_uppercase)
            && (words <= 3 && outlet.split_whitespace().all(agency) || unit)
        {
            return names[..open].trim_end();
        }
    }
    match names.rsplit_once('/') {
        Some((before, outlet))
            if !outlet.trim().contains(char::is_whitespace)
                && outlet.trim().chars().any(char::is_uppercase)
                && !is_name_shaped(outlet.trim()) =>
        {
            before.trim_end()
        }
        _ => names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Option<Vec<String>> {
        byline_names(s)
    }

    #[test]
    fn seed_bylines() {
        assert_eq!(names("X.Sinh"), Some(vec!["X.Sinh".to_string()]));
        assert_eq!(names("Vân Nhi"), Some(vec!["Vân Nhi".to_string()]));
        assert_eq!(names("THANH THANH"), Some(vec!["THANH THANH".to_string()]));
    }

    #[test]
    fn newsroom_credits_and_several_authors() {
        assert_eq!(names("PV"), Some(vec!["PV".to_string()]));
        assert_eq!(names("Nhóm PV"), Some(vec!["Nhóm PV".to_string()]));
        assert_eq!(
            names("Nhóm PV Chính trị"),
            Some(vec!["Nhóm PV Chính trị".to_string()])
        );
        assert_eq!(names("Nhóm bạn trẻ tình nguyện"), None);
        assert_eq!(
            names("Minh Khôi (Quận ủy Bắc Từ Liêm)"),
            Some(vec!["Minh Khôi".to_string()])
        );
        assert_eq!(
            names("Tin, ảnh: Thu Trang (Trung tâm VH-TT&TT quận)"),
            Some(vec!["Thu Trang".to_string()])
        );
        assert_eq!(
            names("Minh Anh - Hoàng Long"),
            Some(vec!["Minh Anh".to_string(), "Hoàng Long".to_string()])
        );
        assert_eq!(
            names("Bài và ảnh: Nguyễn Thị Lan"),
            Some(vec!["Nguyễn Thị Lan".to_string()])
        );
        assert_eq!(names("T.T.Hà"), Some(vec!["T.T.Hà".to_string()]));
    }

    #[test]
    fn a_byline_with_its_outlet_or_a_label_of_news() {
        for (line, name) in [
            ("Văn Điệp (TTXVN)", "Văn Điệp"),
            ("Minh Nghĩa (TTXVN/Vietnam+)", "Minh Nghĩa"),
            ("Ngọc Anh/VOV.VN", "Ngọc Anh"),
            ("Tin, ảnh: KHÁNH AN", "KHÁNH AN"),
        ] {
            assert_eq!(names(line), Some(vec![name.to_string()]), "{line}");
        }
        assert_eq!(
            names("Minh Anh/Hoàng Long"),
            Some(vec!["Minh Anh".to_string(), "Hoàng Long".to_string()])
        );
        assert_eq!(names("Ban Chấp Hành (Khóa XXIII)"), None);
    }

    #[test]
    fn subheadings_and_sentences_are_not_bylines() {
        assert_eq!(names("Đẩy mạnh cải cách hành chính"), None);
        assert_eq!(names("Hiệu quả từ “5 rõ”"), None);
        assert_eq!(names("Tin đọc nhiều"), None);
        assert_eq!(names("Toàn cảnh Hội nghị."), None);
        assert_eq!(names("TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN TIN TỨC"), None);
        assert_eq!(names("Hoàng"), None);
    }
}

//! Photo captions. Scrapes mark them in several ways: a trailing " |"
//! (the photo credit column, emptied), a leading no-break space (the image
//! itself, gone), the caption fused with its own alt text, a line right after
//! the title repeated as alt text, or a photo credit "(Ảnh: …)".

use std::sync::LazyLock;

use regex::Regex;

use super::typography::{is_odd_space, longer_than};

/// Longest line taken for a caption by a marker alone.
pub const CAPTION_MAX: usize = 400;

/// A photo credit closing a line: "… phát biểu. (Ảnh: TTXVN)",
/// "… Hội nghị. Ảnh: Vân Nhi", "(Ảnh minh họa)", or a credit on a line of
/// its own under the photo, "Ảnh: Thanh Hải".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?:\((?:Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)[^()]{0,50}\)|(?:^|[\s.])Ảnh\s*:\s*[^.:()]{2,50})\s*\.?$",
    )
});

/// The caption of a line ending in the credit column's " |"
/// ("Phó Trưởng Ban … “trong sạch vững mạnh tiêu biểu” |").
pub fn strip_pipe_marker(text: &str) -> Option<&str> {
    let body = text.strip_suffix('|')?.trim_end();
    (!body.is_empty() && !longer_than(body, CAPTION_MAX)).then_some(body)
}

/// The raw line starts with a no-break (or other non-ASCII) space, where
/// the image stood: "\u{a0}Toàn cảnh Hội nghị."
pub fn has_image_gap(raw: &str) -> bool {
    raw.starts_with(is_odd_space)
        && !longer_than(
            raw.trim_matches(|c: char| c.is_whitespace() || is_odd_space(c)),
            CAPTION_MAX,
        )
}

/// A caption fused with its duplicate ("…Đảng bộ Q. Ba ĐìnhQuận Ba Đình …
/// Đảng bộ Q. Ba Đình"): the line is one text written twice. Returns the
/// text once and the copy that is dropped.
pub fn split_fused_duplicate(text: &str) -> Option<(&str, &str)> {
    let mid = text.len() / 2;
    // The halves may be joined by nothing or by a few spaces.
    (mid.saturating_sub(2)..=mid + 2)
        .filter(|&i| text.is_char_boundary(i))
        .find_map(|i| {
            let (a, b) = (text[..i].trim_end(), text[i..].trim_start());
            (a == b && a.chars().count() >= 12).then_some((a, &text[i..]))
        })
}

/// What an embedded video or graphic shows, labelled by its kind:
/// "Video: Toàn cảnh Hội nghị", "Infographic: Gia Lâm sau 2 năm …".
static MEDIA_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^(?:Video|VIDEO|Clip|CLIP|Infographic|INFOGRAPHIC|Inforgraphic|Audio|Podcast)\s*:\s+\S",
    )
});

/// `MEDIA_LABEL`, on a caption's length.
pub fn is_media_label(text: &str) -> bool {
    // Every label opens with one of these letters: most lines are spared
    // the pattern.
    text.starts_with(['V', 'C', 'I', 'A', 'P'])
        && !longer_than(text, 200)
        && MEDIA_LABEL.is_match(text)
}

/// A photo credit on a line of its own, under the photo's caption: "Ảnh:
/// Quang Thái", "(Ảnh: PV)", "Ảnh: TTXVN".
pub fn is_credit_alone(text: &str) -> bool {
    let t = text.trim_start_matches('(');
    (t.starts_with("Ảnh:") || t.starts_with("Ảnh :"))
        && !longer_than(t, 60)
        && has_photo_credit(text)
}

/// The most words of a line taken for a caption because a credit stands
/// alone under it: captions are a sentence; paragraphs run longer.
pub const CAPTION_ABOVE_CREDIT_WORDS: usize = 35;

/// A line ending with a photo credit.
pub fn has_photo_credit(text: &str) -> bool {
    // Every credit names "Ảnh" (or "Nguồn ảnh"): a substring search rules
    // out most lines before the regex, which is slow on these patterns.
    // Searchers made once: every pending line is asked, and `str::contains`
    // makes its searcher at each call.
    static PHOTO: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Ảnh"));
    static PHOTO_SOURCE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Nguồn ảnh"));
    let bytes = text.as_bytes();
    (PHOTO.find(bytes).is_some() || PHOTO_SOURCE.find(bytes).is_some())
        && !longer_than(text, CAPTION_MAX)
        && PHOTO_CREDIT.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_pipe_marks_a_caption() {
        assert_eq!(
            strip_pipe_marker("Phó Bí thư trao Giấy khen cho các tập thể |"),
            Some("Phó Bí thư trao Giấy khen cho các tập thể")
        );
        assert_eq!(strip_pipe_marker("Ngày đăng 19/07/2020 | 18:40"), None);
        assert_eq!(strip_pipe_marker("|"), None);
    }

    #[test]
    fn leading_no_break_space_marks_a_caption() {
        assert!(has_image_gap("\u{a0}Toàn cảnh Hội nghị."));
        assert!(has_image_gap("\u{202f}Đại biểu biểu quyết."));
        assert!(!has_image_gap("Toàn cảnh Hội nghị."));
        assert!(!has_image_gap(" Toàn cảnh Hội nghị."));
    }

    #[test]
    fn fused_duplicates_split_once() {
        let once = "Quận Ba Đình tổ chức Lễ gắn biển công trình Đảng bộ Q. Ba Đình";
        let fused = format!("{once}{once}");
        let (keep, dropped) = split_fused_duplicate(&fused).unwrap();
        assert_eq!(keep, once);
        assert_eq!(dropped, once);
        let spaced = format!("{once} {once}");
        assert_eq!(split_fused_duplicate(&spaced).unwrap().0, once);
        assert!(split_fused_duplicate(once).is_none());
        assert!(split_fused_duplicate("Hà NộiHà Nội").is_none());
    }

    #[test]
    fn photo_credits() {
        assert!(has_photo_credit("Toàn cảnh Hội nghị. (Ảnh: TTXVN)"));
        assert!(has_photo_credit("Đồng chí Bí thư phát biểu. Ảnh: Vân Nhi"));
        assert!(has_photo_credit("Quang cảnh buổi lễ (Ảnh minh họa)"));
        assert!(!has_photo_credit("Các đại biểu chụp ảnh lưu niệm."));
        assert!(has_photo_credit("Ảnh: Thanh Hải"));
        assert!(is_credit_alone("Ảnh: Thanh Hải"));
        assert!(is_media_label(
            "Infographic: Gia Lâm sau hơn 2 năm thực hiện Nghị quyết"
        ));
        assert!(is_media_label("VIDEO: Toàn cảnh phiên khai mạc"));
        assert!(!is_media_label(
            "Video clip ghi lại buổi lễ đã được chia sẻ rộng rãi."
        ));
        assert!(is_credit_alone("(Ảnh: PV)"));
        assert!(!is_credit_alone("Toàn cảnh Hội nghị. Ảnh: Vân Nhi"));
        assert!(!has_photo_credit("Ảnh hưởng của dịch bệnh: rất lớn"));
    }
}

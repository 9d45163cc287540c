//! Site furniture: the parts of a scraped page that belong to the site, not
//! the article. Each test looks at one line's shape (a label said twice, a
//! line made only of share words, a footer with a contact address), not at a
//! particular site's wording, so the rules carry over to other sites.
//! Input is a line already in display form (`typography::display`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::WordRegex;

/// An e-mail address: "baophunuthudo@gmail.com".
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"));

/// A Vietnamese phone number: "0243.9421865", "024 3825 3067",
/// "+84 24 3825 3067", "0912-345-678". Digits are counted separately.
static PHONE: LazyLock<WordRegex> =
    LazyLock::new(|| crate::text::static_word_regex(r"(?:\+84[ .]?|\b0)\d[\d .\-]{6,14}\d\b"));

/// A view counter on its own: "Lượt xem: 174", "Lượt đọc 2.015", "174 lượt xem".
static VIEW_COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)^(?:(?:số\s+)?lượt\s+(?:xem|đọc|truy cập|thích|bình luận)|views?)\s*:?\s*[\d.,]+$|^[\d.,]+\s+(?:lượt\s+(?:xem|đọc)|views?)$|^(?:bình\s+luận|ý\s+kiến|phản\s+hồi)\s*(?:\(\s*\d+\s*\)|:\s*\d+)$",
    )
});

/// Mojibake of UTF-8 read as a single-byte code page: "Äáº£ng", "Ä‘", "Æ°".
/// These pairs never occur in Vietnamese written correctly. No pair can
/// overlap another (no second character is a first one), so the matches of
/// the alternation are all the pairs' occurrences.
static DOUBLE_ENCODED: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex("áº|á»|Ä‘|Æ°|Ã¡|Ã |Ã´|Ãª|Ä\u{90}"));

/// Placeholder or mojibake: a line mostly of "?" or U+FFFD
/// ("????????"), or with several double-encoded UTF-8 pairs.
pub fn is_mojibake(text: &str) -> bool {
    // Junk is rare: count it by bytes, in one pass, and the visible
    // characters only when there is enough of it to matter. U+FFFD and "□"
    // are found by their first bytes (EF, E2), as a searcher for each would
    // find them; no occurrence of either can overlap another.
    let bytes = text.as_bytes();
    let junk = memchr::memchr3_iter(b'?', 0xEF, 0xE2, bytes)
        .filter(|&i| match bytes[i] {
            b'?' => true,
            0xEF => bytes[i..].starts_with("\u{FFFD}".as_bytes()),
            _ => bytes[i..].starts_with("□".as_bytes()),
        })
        .count();
    if junk >= 3 {
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        if junk * 2 >= visible {
            return true;
        }
    }
    may_be_double_encoded(bytes) && DOUBLE_ENCODED.find_iter(text).nth(1).is_some()
}

/// Can `DOUBLE_ENCODED` match? Each of its pairs has a C2 byte (its second
/// character is U+0080..U+00BF) but "Ä‘" and "Ã ": Vietnamese written
/// correctly has almost no C2 byte, and most lines are spared the pattern.
fn may_be_double_encoded(bytes: &[u8]) -> bool {
    static LEFT_QUOTE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Ä‘"));
    static SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Ã "));
    memchr::memchr(0xC2, bytes).is_some()
        || LEFT_QUOTE.find(bytes).is_some()
        || SPACE.find(bytes).is_some()
}

/// A section label printed twice on one line, as menus scrape:
/// "TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN", "Thời sự Chính trị Thời sự Chính trị".
/// The repeated unit has at least two words, so a doubled name
/// ("THANH THANH") is not a label.
pub fn is_repeated_label(text: &str) -> bool {
    if super::typography::longer_than(text, 100) || text.ends_with(['.', '!', '?']) {
        return false;
    }
    // A capital sigma lowers by what follows it in its word: the long way.
    if text.contains('Σ') {
        return is_repeated_label_by_lowering(text);
    }
    // Words are compared lowered character by character, as they are read,
    // not lowered into copies first: most lines differ at the first
    // character of the first word compared.
    let same = |a: &&str, b: &&str| {
        a == b
            || a.chars()
                .flat_map(char::to_lowercase)
                .eq(b.chars().flat_map(char::to_lowercase))
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    (2..=n / 2).any(|k| {
        n.is_multiple_of(k)
            && words
                .chunks(k)
                .all(|c| c.iter().zip(&words[..k]).all(|(a, b)| same(a, b)))
    })
}

/// `is_repeated_label` past its length test, by the definition: each word
/// lowered, then the units compared.
fn is_repeated_label_by_lowering(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let n = words.len();
    (2..=n / 2).any(|k| n.is_multiple_of(k) && words.chunks(k).all(|c| c == &words[..k]))
}

/// A breadcrumb trail: "Trang chủ > Thời sự > Chính trị", "Tin tức » Hà Nội".
pub fn is_breadcrumb(text: &str) -> bool {
    // Most lines are long prose: the cheap test first.
    if super::typography::longer_than(text, 100) {
        return false;
    }
    short_parts(text, &['>', '»', '›'], 2)
}

/// Is `text` split by `seps` into at least `least` parts, each of one to
/// five words: the items of a menu or of a path through one.
fn short_parts(text: &str, seps: &[char], least: usize) -> bool {
    let parts: Vec<&str> = text.split(seps).map(str::trim).collect();
    parts.len() >= least
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.split_whitespace().count() <= 5)
}

/// A site's menu or a path through it on one line: "Giới thiệu | Tin tức -
/// Sự kiện | Văn bản", "Đăng nhập | Đăng ký", "Trang chủ / Chính trị /
/// Xây dựng Đảng", or a breadcrumb (`is_breadcrumb`). Never a headline.
pub fn is_menu(text: &str) -> bool {
    if super::typography::longer_than(text, 160) {
        return false;
    }
    is_breadcrumb(text)
        || short_parts(text, &['|'], 2)
        || !text.chars().any(|c| c.is_ascii_digit()) && short_parts(text, &['/'], 3)
}

/// A short all-capitals label ("THỜI SỰ", "CHÍNH TRỊ - XÃ HỘI"): a section
/// name when it stands above the title. Only a candidate: the caller decides
/// by position.
pub fn is_caps_label(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let has_letters = text.chars().any(char::is_alphabetic);
    has_letters
        && (1..=6).contains(&words)
        && !text.chars().any(|c| c.is_ascii_digit())
        && !text.ends_with(['.', '!', '?', ':'])
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Words a share/like/print toolbar is made of. A line of only these words
/// (and counts) is a toolbar.
const SHARE_WORDS: &[&str] = &[
    "chia",
    "sẻ",
    "share",
    "facebook",
    "fb",
    "twitter",
    "zalo",
    "email",
    "e-mail",
    "in",
    "bài",
    "viết",
    "gửi",
    "bình",
    "luận",
    "thích",
    "like",
    "tweet",
    "lưu",
    "copy",
    "link",
    "sao",
    "chép",
    "liên",
    "kết",
    "google",
    "linkedin",
    "messenger",
    "pinterest",
    "telegram",
    "print",
    "theo",
    "dõi",
    "trang",
    "này",
    "bản",
    "x",
    "tin",
    // "[ Quay lại ] [ In trang ]", "Xem link gốc", a video player's buttons.
    "quay",
    "lại",
    "xem",
    "gốc",
    "play",
    "pause",
    "mute",
    "unmute",
    "fullscreen",
];

/// The words that make a line a toolbar rather than a phrase that happens to
/// use common words ("in", "bài").
const SHARE_CUES: &[&str] = &[
    "sẻ",
    "share",
    "facebook",
    "fb",
    "twitter",
    "zalo",
    "tweet",
    "like",
    "thích",
    "print",
    "messenger",
    "linkedin",
    "pinterest",
    "telegram",
    "email",
    "luận",
    "gốc",
    "play",
    "pause",
    "mute",
    "unmute",
    "fullscreen",
];

/// A "follow us" line ("Theo dõi Báo Lao Động trên Google News") or a
/// video player's clock ("00:00 / 03:15").
static PAGE_WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)^(?:(?:theo\s+dõi|follow)\s[^.!?]{0,60}\btrên\s+(?:google\s+news|google\s+tin\s+tức|facebook|zalo|youtube|tiktok)\.?|\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2})$",
    )
});

/// A widget of the page around the article: see `PAGE_WIDGET`.
pub fn is_page_widget(text: &str) -> bool {
    text.len() < 120
        && text.starts_with(|c: char| matches!(c, 'T' | 't' | 'F' | 'f') || c.is_ascii_digit())
        && PAGE_WIDGET.is_match(text)
}

/// A share/like/print toolbar: "Chia sẻ", "Chia sẻ Facebook Zalo",
/// "Like 12 | Share", "In bài viết | Gửi email | Chia sẻ".
pub fn is_share_line(text: &str) -> bool {
    // Most lines are prose: word by word, stopping at the first word that is
    // not a toolbar's, without lower-casing the whole line. The words read so
    // far are the ones lower-casing first would give as long as lower-casing
    // keeps each character read on its side of the word/separator line;
    // if one does not (İ, …), take the long way.
    let is_word_char = |c: char| crate::text::is_alphanumeric(c) || c == '-';
    let stable =
        |c: char| c.is_ascii() || c.to_lowercase().all(|l| is_word_char(l) == is_word_char(c));
    let mut count = 0;
    let mut cued = false;
    let mut word = String::new();
    let mut chars = text.chars();
    loop {
        let c = chars.next();
        if let Some(c) = c {
            if !stable(c) {
                return is_share_line_by_lowering(text);
            }
            if is_word_char(c) {
                word.extend(c.to_lowercase());
                continue;
            }
        }
        // A separator or the end closes the word being read.
        if !word.is_empty() {
            count += 1;
            let known = is_share_word(&word) || word.chars().all(|c| c.is_ascii_digit());
            if count > 12 || !known {
                return false;
            }
            cued |= SHARE_CUES.contains(&word.as_str());
            word.clear();
        }
        if c.is_none() {
            return cued;
        }
    }
}

/// Is `word` (lower case) one of `SHARE_WORDS`? Asked of the first word of
/// every line: a set made once answers in one probe, where reading the
/// list compared the word with each.
fn is_share_word(word: &str) -> bool {
    static SHARE_WORD_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| SHARE_WORDS.iter().copied().collect());
    SHARE_WORD_SET.contains(word)
}

/// `is_share_line` by the definition: lower-case the line, then look at its words.
fn is_share_line_by_lowering(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(crate::text::is_alphanumeric(c) || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && words
            .iter()
            .all(|w| SHARE_WORDS.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
        && words.iter().any(|w| SHARE_CUES.contains(w))
}

/// A view counter standing alone: "Lượt xem: 174".
pub fn is_view_counter(text: &str) -> bool {
    VIEW_COUNTER.is_match(text.trim_matches(['|', ' ']))
}

/// An e-mail address or a phone number (9 to 11 digits) in the line.
pub fn has_contact(text: &str) -> bool {
    // An address has an "@"; a number starts with "+84" or "0".
    // '@' found by `memchr`, not `str::contains`, which reads a word at a
    // time: every line that is not other furniture is asked.
    memchr::memchr(b'@', text.as_bytes()).is_some() && EMAIL.is_match(text)
        || may_open_phone(text.as_bytes())
            && PHONE.find_iter(text).any(|m| {
                let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
                (9..=12).contains(&digits)
            })
}

/// Can `PHONE` match? A number opens with "+84", or with a "0" at a word
/// boundary followed by at least eight digits (`\d`), spaces, dots or
/// dashes. Looked for by byte: a "0" after an ASCII letter, digit or "_"
/// (the "0"s of years and amounts) opens none, nor one followed by a "/"
/// (a date), and non-ASCII bytes before or after it are let through to the
/// pattern (they may be a letter, or a digit of another script).
fn may_open_phone(bytes: &[u8]) -> bool {
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let number_byte =
        |b: &u8| b.is_ascii_digit() || matches!(b, b' ' | b'.' | b'-') || !b.is_ascii();
    memchr::memchr2_iter(b'+', b'0', bytes).any(|i| {
        if bytes[i] == b'+' {
            return bytes[i + 1..].starts_with(b"84");
        }
        // The pattern's `\d[\d .\-]{6,14}\d`: eight characters at least,
        // each one byte or several non-ASCII ones.
        let after = bytes
            .get(i + 1..i + 9)
            .is_some_and(|run| run.iter().all(number_byte));
        let before = i.checked_sub(1).is_none_or(|j| !word_byte(bytes[j]));
        after && before
    })
}

/// How site footers open: "Bạn đang đọc bài viết …", "© 2020 …",
/// "Bản quyền thuộc …", "Ghi rõ nguồn …", "Giấy phép số …".
const FOOTER_OPENINGS: &[&str] = &[
    "bạn đang đọc",
    "bạn đang xem",
    "©",
    "copyright",
    "bản quyền",
    "ghi rõ nguồn",
    "cơ quan chủ quản",
    "giấy phép",
    "tổng biên tập:",
    "chịu trách nhiệm",
    "tòa soạn:",
    "toà soạn:",
    "địa chỉ tòa soạn",
];

/// Words that say a phone number or address is the site's contact, not news.
const CONTACT_CUES: &[&str] = &[
    "liên hệ",
    "hotline",
    "đường dây nóng",
    "sđt",
    "điện thoại",
    "đt:",
    "email",
    "e-mail",
    "hòm thư",
    "fax",
    "gửi về",
    "góp ý",
];

/// A site footer: a line opening like one ("Bạn đang đọc bài viết … tại
/// chuyên mục …"), or a contact line (an e-mail or phone number with a
/// contact word: "Mọi góp ý xin gửi về hòm thư toasoan@… , SĐT 024…").
pub fn is_site_footer(text: &str) -> bool {
    // Lower-case only what the openings can match, and the whole line only
    // for a line with a contact in it.
    opens_with_any(text, FOOTER_OPENINGS)
        || super::metadata::is_owner_line(text)
        || (has_contact(text) && {
            let lower = text.to_lowercase();
            CONTACT_CUES.iter().any(|c| lower.contains(c))
        })
}

/// Does `text`, lower-cased character by character, begin with one of
/// `prefixes` (all lower case)? The same as lower-casing the whole line
/// first (lower-casing never shortens a character, and only a final sigma
/// depends on what follows, which no prefix here contains), but nothing is
/// made: the prefixes are compared byte by byte with the lowered line,
/// which is lowered only as far as some prefix still agrees with it. Most
/// lines differ from every prefix in their first byte or two.
fn opens_with_any(text: &str, prefixes: &[&str]) -> bool {
    debug_assert!(prefixes.iter().all(|p| p.len() <= LoweredHead::ROOM));
    let mut head = LoweredHead {
        bytes: [0; LoweredHead::ROOM],
        len: 0,
        rest: text.chars(),
    };
    prefixes.iter().any(|p| {
        p.bytes()
            .enumerate()
            .all(|(k, b)| head.byte(k).is_some_and(|h| h == b))
    })
}

/// The head of a line lowered character by character, as far as it has
/// been read.
struct LoweredHead<'a> {
    bytes: [u8; LoweredHead::ROOM],
    len: usize,
    rest: std::str::Chars<'a>,
}

impl LoweredHead<'_> {
    /// Bytes held; no opening is half as long.
    const ROOM: usize = 64;

    /// Byte `k` of the lowered line; `None` past its end, and (never for
    /// the openings here) past `ROOM`, where no prefix is taken to agree.
    #[inline]
    fn byte(&mut self, k: usize) -> Option<u8> {
        while self.len <= k {
            let c = self.rest.next()?;
            let mut push = |l: char| {
                let end = self.len + l.len_utf8();
                match self.bytes.get_mut(self.len..end) {
                    Some(room) => {
                        l.encode_utf8(room);
                        self.len = end;
                        true
                    }
                    None => false,
                }
            };
            let pushed = match crate::text::lower_one(c) {
                Some(l) => push(l),
                None => c.to_lowercase().all(push),
            };
            if !pushed {
                return None;
            }
        }
        self.bytes.get(k).copied()
    }
}

/// Headings of related-links boxes, as sites word them.
const RELATED_HEADS: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "tin bài liên quan",
    "bài viết liên quan",
    "tin tức liên quan",
    "chủ đề liên quan",
    "tin đọc nhiều",
    "đọc nhiều",
    "đọc nhiều nhất",
    "bài đọc nhiều",
    "tin xem nhiều",
    "xem nhiều",
    "xem nhiều nhất",
    "tin cùng chuyên mục",
    "cùng chuyên mục",
    "tin cùng loại",
    "tin mới",
    "tin mới nhất",
    "tin mới hơn",
    "tin cũ hơn",
    "tin khác",
    "các tin khác",
    "các tin đã đưa",
    "có thể bạn quan tâm",
    "bạn có thể quan tâm",
    "xem thêm",
    "đọc thêm",
    "tin nổi bật",
    "tin tiêu điểm",
    "cùng chủ đề",
    "tin cùng chủ đề",
    "bài cùng chủ đề",
    "bài viết cùng chủ đề",
    "tin nóng",
    "tin hay",
    "từ khóa",
    "từ khoá",
    "tags",
    "tag",
];

/// The heading of an article's tags on a line of its own: "Tags", "Từ
/// khóa:". The lines under it are tags, even when shaped like names.
pub fn is_tag_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    let head = lower.trim_end_matches([':', ' ']);
    ["từ khóa", "từ khoá", "tags", "tag"].contains(&head)
}

/// A related-links heading ("Tin đọc nhiều", "Tin liên quan:"), or a line
/// opening with one ("Xem thêm: Hà Nội …", "Từ khóa: Đại hội, Ba Đình").
pub fn is_related_heading(text: &str) -> bool {
    // Both tests below need the line to begin with a heading.
    if !opens_with_any(text, RELATED_HEADS) {
        return false;
    }
    let lower = text.to_lowercase();
    let head = lower.trim_end_matches([':', '.', ' ', '»', '>']);
    RELATED_HEADS.contains(&head)
        || RELATED_HEADS.iter().any(|h| {
            lower
                .strip_prefix(h)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_labels_are_found_as_by_lowering_each_word() {
        let by_lowering = |t: &str| {
            !(crate::clean::typography::longer_than(t, 100) || t.ends_with(['.', '!', '?']))
                && is_repeated_label_by_lowering(t)
        };
        let pieces = [
            "TIN", "Tin", "tin", "TỨC", "tức", " ", "  ", "\u{a0}", "ΑΣ", "ας", "Σ", "σ", "ǅ", "İ",
            "i̇", "Thời", "sự", "SỰ", ".", "x",
        ];
        let units = crate::text::random_joinings(&pieces, 3000, 5);
        let mut repeated = 0;
        for (k, u) in units.iter().enumerate() {
            let other = &units[(k + 7) % units.len()];
            for t in [
                u.clone(),
                format!("{u} {u}"),
                format!("{u} {}", u.to_uppercase()),
                format!("{} {u} {u}", u.to_lowercase()),
                format!("{u} {other}"),
                format!("{u} {u} {other}"),
            ] {
                let want = by_lowering(&t);
                repeated += usize::from(want);
                assert_eq!(is_repeated_label(&t), want, "{t:?}");
            }
        }
        assert!(repeated > 100, "{repeated}");
    }

    #[test]
    fn share_words_are_found_as_in_the_list() {
        let pieces = [
            "chia", "sẻ", "s", "ẻ", "in", "x", "bài", "1", "-", "Chia", "e-mail", "",
        ];
        let words = SHARE_WORDS
            .iter()
            .map(|w| w.to_string())
            .chain(crate::text::random_joinings(&pieces, 3000, 4));
        for w in words {
            assert_eq!(
                is_share_word(&w),
                SHARE_WORDS.contains(&w.as_str()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn openings_are_found_as_in_the_lower_cased_line() {
        let by_lowering = |t: &str, prefixes: &[&str]| {
            let lower: String = t.chars().flat_map(char::to_lowercase).collect();
            prefixes.iter().any(|p| lower.starts_with(p))
        };
        for prefixes in [
            FOOTER_OPENINGS,
            RELATED_HEADS,
            &["", "đọc"][..],
            &["đọc"][..],
            &["i̇s"][..],
            &[][..],
        ] {
            for t in [
                "",
                "Tin liên quan:",
                "TIN LIÊN QUAN",
                "tin liên",
                "Bạn đang đọc bài viết tại chuyên mục Thời sự",
                "© 2021 Báo Hà Nội Mới",
                "Đọc thêm",
                "İstanbul",
                "Σ",
                "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị",
                "Tin",
                "Tin mới hơn nữa",
                "TIN CŨ HƠN",
                "Tin đọc",
                "Từ khoá: Đại hội",
                "Xem thêm",
                "Bạn có thể",
                "BẠN CÓ THỂ QUAN TÂM",
                "Tổng biên tập: Nguyễn Văn A",
                "TOÀ SOẠN:",
                "Tags",
                "İS",
                "ΣΣ",
            ] {
                assert_eq!(
                    opens_with_any(t, prefixes),
                    by_lowering(t, prefixes),
                    "{t:?}"
                );
            }
        }
        // Heads made of the prefixes' own words in any case and order, so
        // that many lines agree with a prefix for a long way.
        let pieces = [
            "tin", "Tin", "TIN", " ", "liên", "LIÊN", "quan", "Quan", "đọc", "ĐỌC", "Đ", "©",
            "bạn", "Bạn", "có", "thể", "İ", "Σ", "s", ":", "ạ", "xem", "thêm", "a\u{301}", "tòa",
            "toà", "soạn", "nhiều", "😀",
        ];
        for t in crate::text::random_joinings(&pieces, 20_000, 8) {
            for prefixes in [
                FOOTER_OPENINGS,
                RELATED_HEADS,
                &["", "đọc"][..],
                &["i̇s"][..],
            ] {
                assert_eq!(
                    opens_with_any(&t, prefixes),
                    by_lowering(&t, prefixes),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn openings_fit_the_lowered_head() {
        for p in FOOTER_OPENINGS.iter().chain(RELATED_HEADS) {
            assert!(p.len() <= LoweredHead::ROOM, "{p:?}");
        }
    }

    #[test]
    fn every_double_encoded_pair_passes_the_byte_test() {
        let pairs = DOUBLE_ENCODED.as_str().split('|').collect::<Vec<_>>();
        assert_eq!(pairs.len(), 9);
        for pair in pairs {
            assert!(may_be_double_encoded(pair.as_bytes()), "{pair:?}");
            assert!(may_be_double_encoded(format!("Đảng {pair} bộ").as_bytes()));
        }
        assert!(!may_be_double_encoded(
            "Đảng bộ quận Đống Đa, ‘nhiệm kỳ’".as_bytes()
        ));
    }

    #[test]
    fn phone_openings_are_found_by_byte_as_by_the_pattern() {
        let pieces = [
            "0",
            "9",
            "12",
            "+84",
            "+8",
            "+",
            " ",
            ".",
            "-",
            "a",
            "_",
            "ồ",
            "٣",
            "2020",
            "SĐT",
            "0912 345 678",
            "024.3825",
            "0243",
            "3825-30",
            "/",
            "٣٤٥٦٧٨",
        ];
        let mut numbers = 0;
        for s in &crate::text::joinings(&pieces, 4) {
            // The byte test lets through every line the pattern matches.
            if PHONE.find_iter(s).next().is_some() {
                assert!(may_open_phone(s.as_bytes()), "{s:?}");
                numbers += 1;
            }
        }
        assert!(numbers > 1_000, "{numbers}");
        assert!(!may_open_phone(b"nhiem ky 2020 - 2025, 100 ty dong"));
        assert!(!may_open_phone("Sáng 05/04/2021, lúc 08:30".as_bytes()));
        assert!(may_open_phone("Hotline: 0912 345 678".as_bytes()));
    }

    #[test]
    fn junk_is_counted_as_by_searching_for_each_kind() {
        let by_search = |t: &str| {
            let b = t.as_bytes();
            memchr::memchr_iter(b'?', b).count()
                + memchr::memmem::find_iter(b, "\u{FFFD}").count()
                + memchr::memmem::find_iter(b, "□").count()
        };
        let pieces = [
            "?", "\u{FFFD}", "□", "“", "–", "ồ", "a", " ", "\u{FEFF}", "■",
        ];
        for t in &crate::text::joinings(&pieces, 5) {
            let visible = t.chars().filter(|c| !c.is_whitespace()).count();
            let junk = by_search(t);
            let by_count =
                junk >= 3 && junk * 2 >= visible || DOUBLE_ENCODED.find_iter(t).nth(1).is_some();
            assert_eq!(is_mojibake(t), by_count, "{t:?}");
        }
    }

    #[test]
    fn question_mark_runs_are_mojibake() {
        assert!(is_mojibake(
            "????????????????????????????????????????????????"
        ));
        assert!(is_mojibake("?? ??? ????"));
        assert!(is_mojibake("Äáº£ng bá»™ quáº\u{AD}n"));
        assert!(!is_mojibake("Vì sao? Vì dân."));
        assert!(!is_mojibake("Đảng bộ quận Đống Đa"));
    }

    #[test]
    fn labels_said_twice_are_banners() {
        assert!(is_repeated_label("TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN"));
        assert!(is_repeated_label("Thời sự Chính trị Thời sự Chính trị"));
        assert!(is_repeated_label("CHÍNH TRỊ CHÍNH TRỊ CHÍNH TRỊ CHÍNH TRỊ"));
        assert!(!is_repeated_label("THANH THANH"));
        assert!(!is_repeated_label("Đẩy mạnh cải cách hành chính"));
    }

    #[test]
    fn breadcrumbs_and_caps_labels() {
        assert!(is_breadcrumb("Trang chủ > Thời sự > Chính trị"));
        assert!(is_breadcrumb("Tin tức » Hà Nội"));
        assert!(!is_breadcrumb(
            "Tăng trưởng > 7% năm 2021 là mục tiêu của quận"
        ));
        assert!(is_caps_label("THỜI SỰ"));
        assert!(is_caps_label("CHÍNH TRỊ - XÃ HỘI"));
        assert!(!is_caps_label("Thời sự"));
        assert!(!is_caps_label(
            "ĐẠI HỘI ĐẢNG BỘ QUẬN BA ĐÌNH LẦN THỨ XXVI NHIỆM KỲ"
        ));
    }

    #[test]
    fn share_toolbars_of_several_sites() {
        assert!(is_share_line("Chia sẻ"));
        assert!(is_share_line("Chia sẻ bài viết"));
        assert!(is_share_line("Chia sẻ Facebook Zalo"));
        assert!(is_share_line("Like 12 | Share"));
        assert!(is_share_line("In bài viết | Gửi email | Chia sẻ"));
        assert!(!is_share_line("In bài"));
        assert!(!is_share_line("Chia sẻ kinh nghiệm xây dựng Đảng"));
        assert!(is_share_line("[ Quay lại ]   [ In trang ]   [ Gửi email ]"));
        assert!(is_share_line("Xem link gốc"));
        assert!(is_share_line("Bình luận"));
        assert!(is_share_line("Play"));
        assert!(is_share_line("Mute"));
        assert!(!is_share_line("Xem lại"));
        assert!(!is_share_line("Bình luận về Nghị quyết"));
    }

    #[test]
    fn follow_lines_and_player_clocks_are_widgets() {
        assert!(is_page_widget("Theo dõi Báo Lao Động trên Google News"));
        assert!(is_page_widget("Theo dõi VietNamNet trên Zalo."));
        assert!(is_page_widget("00:00 / 03:15"));
        assert!(!is_page_widget(
            "Theo dõi sát tình hình trên địa bàn, Quận ủy chỉ đạo kịp thời."
        ));
        assert!(!is_page_widget(
            "Theo dõi trên Facebook, nhiều người dân đã góp ý cho dự thảo."
        ));
        assert!(!is_page_widget("Thời gian: 08:00 / 11:30"));
    }

    #[test]
    fn view_counters() {
        assert!(is_view_counter("Lượt xem: 174"));
        assert!(is_view_counter("Lượt đọc 2.015"));
        assert!(is_view_counter("| Lượt xem: 174"));
        assert!(is_view_counter("174 lượt xem"));
        assert!(!is_view_counter("Lượt xem phim tăng 20%."));
        assert!(is_view_counter("Bình luận (1)"));
        assert!(is_view_counter("Ý kiến (0)"));
        assert!(!is_view_counter("Bình luận về Nghị quyết số 15"));
    }

    #[test]
    fn footers_of_two_sites() {
        assert!(is_site_footer(
            "Bạn đang đọc bài viết Xây dựng quận tại chuyên mục Thời sự của Báo phụ nữ thủ đô. Mọi thông tin góp ý và chia sẻ, xin vui lòng liên hệ SĐT: 0243.9421865 hoặc gửi về hòm thư baophunuthudo@gmail.com"
        ));
        // Another site's wording.
        assert!(is_site_footer(
            "Mọi ý kiến đóng góp xin gửi về email toasoan@hanoimoi.com.vn, điện thoại 024 3825 3067."
        ));
        assert!(is_site_footer(
            "© 2020 Báo Kinh tế & Đô thị. Ghi rõ nguồn khi phát hành lại."
        ));
        assert!(is_site_footer("Hotline: 0912 345 678"));
        assert!(!is_site_footer(
            "Thu ngân sách nhà nước trên địa bàn đạt 12.065,06 tỷ đồng."
        ));
    }

    #[test]
    fn contacts_need_enough_digits() {
        assert!(has_contact("SĐT: 0243.9421865"));
        assert!(has_contact("+84 24 3825 3067"));
        assert!(has_contact("gửi về toasoan@kinhtedothi.vn"));
        assert!(!has_contact("đạt 12.065,06 tỷ đồng"));
        assert!(!has_contact("ngày 05/4/2018"));
    }

    #[test]
    fn share_lines_by_word_agree_with_lowering_first() {
        for t in [
            "Chia sẻ Facebook Zalo",
            "Like 12 | Share",
            "In bài viết | Gửi email | Chia sẻ",
            "CHIA SẺ",
            "Chia sẻ kinh nghiệm",
            "İn bài",
            "in bài viết",
            "",
        ] {
            assert_eq!(is_share_line(t), is_share_line_by_lowering(t), "{t}");
        }
    }

    #[test]
    fn related_heads() {
        assert!(is_related_heading("Tin đọc nhiều"));
        assert!(is_related_heading("Tin liên quan:"));
        assert!(is_related_heading("Có thể bạn quan tâm"));
        assert!(is_related_heading("Xem thêm: Hà Nội chuẩn bị Đại hội"));
        assert!(is_related_heading("Từ khóa: Đại hội, Ba Đình"));
        assert!(!is_related_heading("Tin mới về Đại hội Đảng bộ quận"));
        assert!(!is_related_heading("Đã hoàn thành tốt nhiều nhiệm vụ"));
    }
}

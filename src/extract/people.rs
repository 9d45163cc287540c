//! People and their roles: a Vietnamese family name plus capitalised
//! syllables, tied to the role written next to it, before ("Bí thư Quận uỷ
//! Đống Đa Đinh Trường Thọ") or after ("Hoàng Minh Dũng Tiến - Bí thư quận
//! ủy Ba Đình").

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::districts::{mentions, Gazetteer, Mention};
use crate::model::{FactSource, Person};
use crate::text::{canonical, end_window, name_key, WordRegex};

/// Common Vietnamese family names (họ).
pub(crate) const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Mai", "Trịnh", "Lương", "Tạ", "Cao", "Chu", "Lưu",
    "Hà", "Kiều", "Phùng", "Tô", "Thái", "Quách", "Văn", "Vương", "Lại", "Triệu", "Nghiêm",
    "Khuất", "Đàm", "Lâm", "Tăng", "Vi", "Doãn", "Mạc", "Từ", "Ninh", "Tống", "Giang", "Khổng",
    "Âu", "La", "Hứa", "Đoàn", "Trương", "Tôn", "Lò", "Hầu", "Nông", "Thân", "Lục", "Ông", "Bạch",
    "Đồng", "Diệp", "Kim", "Phương", "Lã", "Cù", "Khúc", "Ung", "Viên", "Tiêu",
];

/// A family name and 1–3 capitalised syllables: "Đinh Trường Thọ",
/// "Hoàng Minh Dũng Tiến", "Ngô Thị Thanh Hằng".
static NAME: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(&format!(r"\b{}\b", name_without_boundaries()))
});

/// `NAME` without its `\b`s.
fn name_without_boundaries() -> String {
    let families = FAMILY_NAMES.join("|");
    format!(r"(?:{families})(?:[ \u{{a0}}]+\p{{Lu}}\p{{Ll}}+){{1,3}}")
}

/// `NAME`'s faster searcher, made once.
static NAME_STARTS: LazyLock<NameStarts> = LazyLock::new(NameStarts::new);

/// Where `NAME` matches, found faster than regex finds it.
///
/// Every match of `NAME` begins with a family name and a space, and the
/// first byte of a family name (of any UTF-8 text) starts a character. The
/// places a match can start are found by one pass over the bytes for the
/// first two bytes of a family name, then a comparison with the few family
/// names that begin so; only a place that passes, with a word boundary
/// before it, is matched, by `NAME` without its `\b`s anchored there. Those
/// places, in order, are where `WordRegex::find_at` tries `NAME` (the first
/// match of the pattern without `\b`, at a word boundary); regex's own
/// search for them ran every byte of every text through its automaton.
struct NameStarts {
    /// `NAME` without its `\b`s, anchored at the start of the text.
    anchored: regex::Regex,
    /// The first two bytes of each family name, as `pair_index` gives
    /// them -> 1 + the index in `by_pair` of the family names that begin
    /// so; 0 for the two bytes at most places in a text, which begin none
    /// (a capital alone does not: "Tổ", "Việt").
    first_pairs: Box<[u8; 1 << 16]>,
    /// The family names, as bytes, grouped by their first two bytes: one
    /// to four in a group, where a first byte alone had up to thirteen.
    by_pair: Vec<Vec<&'static [u8]>>,
    /// Every family name begins with a byte `may_begin_family` lets
    /// through, so the bytes are read eight at a time (see `next_pair`).
    by_words: bool,
}

/// The index of two bytes in `NameStarts::first_pairs`.
fn pair_index(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

/// Each byte of `x`, in the high bit of its own byte of the answer: is it
/// an ASCII capital, or 0xC3 or 0xC4 (the lead bytes of "Â", "Ô", "Đ")?
///
/// The family names begin so, and most bytes of a text do not (lower case,
/// spaces, the later bytes of a letter), so a word of eight bytes without
/// any is passed over at once; a byte-by-byte look at the first two bytes
/// cost about fifteen instructions a byte. Each byte is compared on its
/// low seven bits, which no sum here carries out of.
fn may_begin_family(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = x & LOW7;
    // `low + (0x80 - n)` has its high bit set when `low >= n`.
    let at_least = |n: u64| low.wrapping_add(ONES * (0x80 - n)) & HIGH;
    let capital = at_least(0x41) & !at_least(0x5b) & !x;
    let lead = at_least(0x43) & !at_least(0x45) & x;
    (capital | lead) & HIGH
}

/// Does `may_begin_family` let `b` through?
fn may_begin_family_byte(b: u8) -> bool {
    b.is_ascii_uppercase() || matches!(b, 0xc3 | 0xc4)
}

impl NameStarts {
    fn new() -> NameStarts {
        let mut by_pair: Vec<Vec<&'static [u8]>> = Vec::new();
        let mut first_pairs = Box::new([0u8; 1 << 16]);
        let mut by_words = true;
        for f in FAMILY_NAMES {
            if let [first, second, ..] = *f.as_bytes() {
                let slot = &mut first_pairs[pair_index(first, second)];
                if *slot == 0 {
                    by_pair.push(Vec::new());
                    // Fewer than 255 pairs: the names are a short list.
                    *slot = u8::try_from(by_pair.len()).unwrap_or(u8::MAX);
                }
                if let Some(group) = by_pair.get_mut(usize::from(*slot) - 1) {
                    group.push(f.as_bytes());
                }
                by_words &= may_begin_family_byte(first);
            }
        }
        NameStarts {
            anchored: crate::text::static_regex(&format!("^(?:{})", name_without_boundaries())),
            first_pairs,
            by_pair,
            by_words,
        }
    }

    /// The first place at or after `from` whose two bytes begin a family
    /// name, with `first_pairs` of them.
    fn next_pair(&self, bytes: &[u8], from: usize) -> Option<(usize, u8)> {
        let pair_at = |i: usize| match (bytes.get(i), bytes.get(i + 1)) {
            (Some(&a), Some(&b)) => self.first_pairs[pair_index(a, b)],
            _ => 0,
        };
        let mut i = from;
        if self.by_words {
            while let Some(word) = bytes.get(i..i + 8) {
                let mut lanes =
                    may_begin_family(u64::from_le_bytes(word.try_into().unwrap_or_default()));
                while lanes != 0 {
                    // Little-endian: the first byte is the lowest.
                    let at = i + (lanes.trailing_zeros() / 8) as usize;
                    let group = pair_at(at);
                    if group != 0 {
                        return Some((at, group));
                    }
                    lanes &= lanes - 1;
                }
                i += 8;
            }
        }
        while i + 1 < bytes.len() {
            let group = pair_at(i);
            if group != 0 {
                return Some((i, group));
            }
            i += 1;
        }
        None
    }

    /// The span of `NAME.find_at(text, start)`.
    fn find_at(&self, text: &str, start: usize) -> Option<Range<usize>> {
        const NO_BREAK_SPACE: &[u8] = "\u{a0}".as_bytes();
        let bytes = text.as_bytes();
        let mut here = start;
        loop {
            let (at, group) = self.next_pair(bytes, here)?;
            here = at + 1;
            let rest = bytes.get(at..).unwrap_or_default();
            let families = self
                .by_pair
                .get(usize::from(group) - 1)
                .map_or(&[][..], Vec::as_slice);
            // The space after the name first: one byte rules most out.
            let family_then_space = families.iter().any(|f| {
                rest.get(f.len()..).is_some_and(|after| {
                    after.starts_with(b" ") || after.starts_with(NO_BREAK_SPACE)
                }) && rest.starts_with(f)
            });
            if !family_then_space || !crate::text::is_word_boundary(text, at) {
                continue;
            }
            let Some(m) = text.get(at..).and_then(|t| self.anchored.find(t)) else {
                continue;
            };
            let end = at + m.end();
            if crate::text::is_word_boundary(text, end) {
                return Some(at..end);
            }
            // A shorter way through the name may end at a word boundary:
            // the pattern itself decides, from here.
            return NAME.find_at(text, at).map(|m| m.range());
        }
    }
}

/// Words before a name that make it a place or a thing named after a
/// person: "Trường Tiểu học Hoàng Diệu", "đền ...", "phố ...", "tư tưởng
/// Hồ Chí Minh", "TP Hồ Chí Minh".
static PLACE_BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(trường(\s+(tiểu\s+học|thcs|thpt|mầm\s+non|trung\s+học\s+(cơ\s+sở|phổ\s+thông)|đại\s+học|chính\s+trị))?|đền|chùa|đình|miếu|phố|đường|ngõ|cầu|quảng\s+trường|công\s+viên|tượng\s+đài|lăng|khu|nhà\s+văn\s+hóa|nhà\s+văn\s+hoá|giải(\s+thưởng)?|quỹ|tư\s+tưởng|phong\s+cách|tấm\s+gương|đạo\s+đức|di\s+chúc|bệnh\s+viện|sân\s+vận\s+động|chợ|bến|làng|thôn|học\s+viện)[\s\-–—]*$",
    )
});

/// Administrative units named after people ("phường Nguyễn Du", "TP Hồ
/// Chí Minh"); but "Chủ tịch UBND phường Nguyễn Văn A" is a person, so these
/// block a name only when no role stands before it.
static UNIT_BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(thành\s+phố|tp\.?|tỉnh|huyện|quận|phường|xã|thị\s+xã|thị\s+trấn)\s*$",
    )
});

/// Honorifics that say a bare name is a person: "đồng chí", "ông", "bà".
static HONORIFIC_BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(r"(?i)(?:\b(?:đồng\s+chí|ông|bà|anh|chị|cụ)|đ/c)\s*$")
});

/// What stands between a name and the office it was elected or appointed
/// to: "…, 45 tuổi, được bầu giữ chức", "tái đắc cử", "giữ chức", "được bổ
/// nhiệm làm", "được Ban Thường vụ Thành ủy chỉ định làm". Anchored: only
/// right after the name.
static ELECTED_TO: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)^\s*(?:,\s*(?:\d{1,3}\s+tuổi|sinh\s+năm\s+\d{4})\s*,\s*|\(\s*(?:sinh\s+năm\s+)?\d{4}\s*\)\s*)?(?:(?:đã|vừa|tiếp\s+tục|lại)\s+)*(?:được\s+(?:[^,.;()]{1,40}?\s+)??(?:tín\s+nhiệm\s+)?(?:bầu(?:\s+lại)?|bổ\s+nhiệm|phân\s+công|chỉ\s+định|điều\s+động|luân\s+chuyển)|tái\s+đắc\s+cử|tái\s+cử|đắc\s+cử|trúng\s+cử|giữ|đảm\s+nhiệm|đảm\s+nhận)\s+(?:(?:giữ\s+)?(?:chức(?:\s+vụ)?|làm|là)\s+)?",
    )
});

/// The words that begin a role: "Bí thư", "Phó Bí thư", "Chủ tịch",
/// "Phó Trưởng Ban", "Ủy viên", "Giám đốc", ...
const ROLE_HEADS: &[&str] = &[
    "phó",
    "bí thư",
    "chủ tịch",
    "trưởng",
    "ủy viên",
    "uỷ viên",
    "giám đốc",
    "tổng bí thư",
    "thủ tướng",
    "bộ trưởng",
    "thứ trưởng",
    "chánh",
    "chủ nhiệm",
    "đại biểu",
    "thường trực",
    "tư lệnh",
    "chỉ huy",
    "tổng giám đốc",
    "hiệu trưởng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "nguyên",
    "quyền",
    // A member of a committee, named by it: "Thành ủy viên, Bí thư Quận
    // ủy", "UV BTV Huyện ủy".
    "thành ủy viên",
    "quận ủy viên",
    "huyện ủy viên",
    "thị ủy viên",
    "đảng ủy viên",
    "uv",
];

/// Lower-case words that can sit inside a role ("Bí thư quận ủy", "Chủ
/// tịch UBND quận", "Ban Tuyên giáo"); any capitalised word can too.
const ROLE_WORDS: &[&str] = &[
    "ủy",
    "uỷ",
    "quận",
    "huyện",
    "thị",
    "xã",
    "phường",
    "thành",
    "phố",
    "thường",
    "trực",
    "vụ",
    "thư",
    "tịch",
    "giáo",
    "chức",
    "kiểm",
    "tra",
    "vận",
    "chính",
    "đảng",
    "bộ",
    "nhân",
    "dân",
    "hội",
    "đồng",
    "viên",
    "ban",
    "trưởng",
    "phó",
    "chấp",
    "hành",
    "mặt",
    "trận",
    "tổ",
    "quốc",
    "ủy",
    "đoàn",
    "thanh",
    "niên",
    "liên",
    "hiệp",
    "phụ",
    "nữ",
    "cựu",
    "chiến",
    "binh",
    "công",
    "an",
    "quân",
    "sự",
    "trị",
    "nội",
    "văn",
    "phòng",
    "tuyên",
    "kinh",
    "tế",
    "đốc",
    "giám",
    "sở",
    "tỉnh",
    "trung",
    "ương",
    "đại",
    "biểu",
    "quốc",
    "tài",
    "ngân",
    "sách",
    // The state's offices: "Chủ tịch nước", "Thủ tướng Chính phủ", "Viện
    // trưởng Viện kiểm sát", "Chánh án Tòa án", "Bí thư Đảng ủy khối";
    // and the words of heads ("Thủ tướng", "Đại tá", "Tư lệnh") that
    // follow no role ("chủ", "nhiệm" and "huy" do: "chủ trì", "nhiệm kỳ",
    // "huy động").
    "tướng",
    "tá",
    "lệnh",
    "bí",
    "nước",
    "phủ",
    "viện",
    "sát",
    "tòa",
    "toà",
    "án",
    "pháp",
    "khối",
    "nông",
    // "nguyên Bí thư Huyện ủy": a former office.
    "nguyên",
];

/// A role: its text and byte span in the block.
fn is_role_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || is_lower_role_word(w)
}

/// Is `w`, lower-cased, one of `ROLE_WORDS`? Every token before a name is
/// asked: a set answers in one probe where the list was read through, and
/// a token already lower case (most) is looked up as it is, not copied.
fn is_lower_role_word(w: &str) -> bool {
    static ROLE_WORD_SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| ROLE_WORDS.iter().copied().collect());
    // A character that lowers to itself is its own `to_lowercase`, and a
    // capital sigma (the one character `str::to_lowercase` lowers by its
    // neighbours) does not.
    if w.chars().all(|c| crate::text::lower_one(c) == Some(c)) {
        ROLE_WORD_SET.contains(w)
    } else {
        ROLE_WORD_SET.contains(w.to_lowercase().as_str())
    }
}

/// Lower-case words that are part of a role only beside certain others:
/// "Chủ nhiệm" but not "nhiệm kỳ", "Chỉ huy trưởng" but not "huy động",
/// "Đảng ủy Khối các cơ quan", "Khối các doanh nghiệp".
fn is_role_word_between(prev: &str, tok: &str, next: &str) -> bool {
    let is = |w: &str, lower: &str| w == lower || w.to_lowercase() == lower;
    match tok {
        "nhiệm" => is(prev, "chủ") && next != "kỳ",
        "huy" => is(prev, "chỉ") && next != "động",
        "các" => is(prev, "khối") && (next == "cơ" || next == "doanh"),
        "cơ" => prev == "các" && next == "quan",
        "quan" => prev == "cơ",
        "doanh" => prev == "các" && next == "nghiệp",
        "nghiệp" => prev == "doanh",
        _ => false,
    }
}

fn starts_with_role_head(s: &str) -> bool {
    // A role head has at most three words, and `name_key` keeps words
    // apart (white space composes with nothing, and is never inside a
    // word): the key of the first four words begins as the key of all of
    // `s` does, for as long as any head and the character after it.
    let k = name_key(first_words(s, ROLE_HEAD_WORDS + 1));
    ROLE_HEADS
        .iter()
        .any(|h| k.starts_with(h) && k[h.len()..].chars().next().is_none_or(|c| c == ' '))
}

/// The most words of any of `ROLE_HEADS`.
const ROLE_HEAD_WORDS: usize = 3;

/// `s` up to the end of its `n`th word (words as `split_whitespace` has
/// them), or all of it.
fn first_words(s: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word && words == n {
                return &s[..i];
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    s
}

/// `s` from the start of its `n`th word from the end (words as
/// `split_whitespace` has them), or all of it.
pub(super) fn last_words(s: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().rev() {
        if c.is_whitespace() {
            if in_word && words == n {
                return &s[i + c.len_utf8()..];
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    s
}

/// The role phrase written before a name, back to the previous boundary:
/// "…, Phó Bí thư Thường trực Quận ủy, Chủ tịch HĐND quận " -> two roles.
pub fn roles_before(before: &str, memo: &mut ArticleMemo) -> Vec<String> {
    // Walk back over role words and commas.
    let trimmed_end = before.trim_end().len();
    let mut start = trimmed_end;
    let mut next = "";
    let mut toks = token_positions_rev(&before[..trimmed_end]).peekable();
    while let Some((pos, tok)) = toks.next() {
        let prev = toks.peek().map_or("", |t| t.1);
        if tok == "," || is_role_word(tok) || is_role_word_between(prev, tok, next) {
            start = pos;
            next = tok;
        } else {
            break;
        }
    }
    if start >= trimmed_end {
        return Vec::new();
    }
    split_roles(&before[start..trimmed_end], memo)
}

/// The roles after a name, after a dash, comma or bracket or the words of
/// an election ("được bầu giữ chức", `ELECTED_TO`), and any more after
/// commas: "Hoàng Minh Dũng Tiến - Bí thư quận ủy Ba Đình cho biết"
/// -> ["Bí thư quận ủy Ba Đình"]; "Lê Văn Tuấn, Ủy viên Ban Thường vụ
/// Thành ủy, Bí thư Huyện ủy Sóc Sơn dự" -> both roles. With them, where
/// in `after` the last of them ends (0 for none: the roles are that name's,
/// not the next one's), and whether they are an election's ("được bầu
/// làm"), which names joined to this one by "và" share.
pub fn roles_after(after: &str, memo: &mut ArticleMemo) -> (Vec<String>, usize, bool) {
    let mut roles = Vec::new();
    let mut taken = 0;
    let elected = ELECTED_TO.find(after);
    let mut opened = match elected {
        Some(m) => Some(&after[m.end()..]),
        None => after.trim_start().strip_prefix(['-', '–', '—', ',', '(']),
    };
    while let Some(rest) = opened {
        let rest = rest.trim_start();
        // `rest` is a tail of `after`.
        let at = after.len() - rest.len();
        let mut end = 0;
        let mut prev = "";
        let mut toks = token_positions(rest).peekable();
        while let Some((pos, tok)) = toks.next() {
            let next = toks.peek().map_or("", |t| t.1);
            if tok == "," || tok == ")" {
                break;
            }
            if !is_role_word(tok) && !is_role_word_between(prev, tok, next) {
                break;
            }
            end = pos + tok.len();
            prev = tok;
        }
        let role = rest[..end].trim();
        // "A, Phó Trưởng Ban … Nguyễn Thanh Minh": a role followed by a name
        // belongs to that name, and so do the roles after it.
        if role.is_empty()
            || next_name(role, 0, memo).is_some()
            || !memo.starts_with_role_head(role)
        {
            break;
        }
        roles.push(role.to_string());
        taken = at + end;
        // Only a comma goes on to another role: "A - Bí thư Quận ủy, Chủ
        // tịch UBND quận"; anything else ends the list.
        opened = rest[end..].trim_start().strip_prefix(',');
    }
    let elected = elected.is_some() && !roles.is_empty();
    (roles, taken, elected)
}

/// Words and commas with their byte positions; other punctuation is its
/// own token so it stops a role. Read lazily: a role ends at its first
/// other word, long before the end of the text.
fn token_positions(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (i, c) = chars.next()?;
        if crate::text::is_alphanumeric(c) {
            let mut end = i + c.len_utf8();
            while let Some((j, d)) = chars.next_if(|&(_, d)| crate::text::is_alphanumeric(d)) {
                end = j + d.len_utf8();
            }
            return Some((i, &s[i..end]));
        }
        if !c.is_whitespace() {
            return Some((i, &s[i..i + c.len_utf8()]));
        }
    })
}

/// `token_positions` from the end back: the role before a name is read
/// from the name back to its first other word, not from the start of the
/// text before it.
fn token_positions_rev(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = s.char_indices().rev().peekable();
    std::iter::from_fn(move || loop {
        let (i, c) = chars.next()?;
        let end = i + c.len_utf8();
        if crate::text::is_alphanumeric(c) {
            let mut start = i;
            while let Some((j, _)) = chars.next_if(|&(_, d)| crate::text::is_alphanumeric(d)) {
                start = j;
            }
            return Some((start, &s[start..end]));
        }
        if !c.is_whitespace() {
            return Some((i, &s[i..end]));
        }
    })
}

/// "Phó Bí thư Thường trực Quận ủy, Chủ tịch HĐND quận" -> both roles; words
/// before the first role head ("Tới dự có") are dropped.
fn split_roles(phrase: &str, memo: &mut ArticleMemo) -> Vec<String> {
    let mut roles = Vec::new();
    for part in phrase.split(',') {
        let part = part.trim();
        // Find the first role head inside the part.
        let head = token_positions(part)
            .find(|(p, _)| memo.starts_with_role_head(&part[*p..]))
            .map(|(p, _)| p);
        match head {
            Some(p) => roles.push(part[p..].trim().to_string()),
            // A part without a head breaks the chain: roles are the ones after it.
            None => roles.clear(),
        }
    }
    roles
}

/// Whether a role's key ends as a district-level role does: a district
/// committee ("… quận ủy") or a district's office ("… quận").
fn ends_district_level(key: &str) -> bool {
    ["quận ủy", "huyện ủy", "thị ủy"]
        .iter()
        .any(|w| key.ends_with(w))
        || [" quận", " huyện", " thị xã"]
            .iter()
            .any(|w| key.ends_with(w))
}

/// Canonical spelling of a role, with the subject district added to a
/// district-level role that does not name one: "Bí thư quận uỷ" ->
/// "Bí thư Quận ủy Ba Đình"; "Chủ tịch HĐND quận" -> "Chủ tịch HĐND quận Ba Đình".
pub fn normalise_role(role: &str, district: Option<&str>, g: &Gazetteer) -> String {
    let mut r = canonical(role.trim());
    capitalise_role_words(&mut r);
    // A district written misspelt or short ("Quận ủy Đóng Đa", "Quận ủy
    // HBT") takes the gazetteer's spelling, so that one office is one role.
    let named: Vec<Mention> = mentions(&r, g).collect();
    for m in named.iter().rev() {
        if r[m.span.clone()] != m.name {
            r.replace_range(m.span.clone(), &m.name);
        }
    }
    let Some(d) = district else {
        return r;
    };
    // The endings asked for span two words and the space before them: the
    // key of the last three words ends as the key of the role does (see
    // `starts_with_role_head`).
    let tail = name_key(last_words(&r, 3));
    // "Huyện ủy" is not the committee of a quận: a role of another kind
    // of unit than the subject's is some other district's.
    // Asked only of a role that would be completed: most roles are not.
    let same_kind = || {
        g.lookup(d).is_none_or(|unit| {
            let kinds = std::iter::once(&unit.kind).chain(&unit.former_kinds);
            let kind_of_tail = if tail.ends_with("quận ủy") || tail.ends_with(" quận") {
                "quận"
            } else if tail.ends_with("huyện ủy") || tail.ends_with(" huyện") {
                "huyện"
            } else {
                "thị xã"
            };
            kinds.into_iter().any(|k| k == kind_of_tail)
        })
    };
    if ends_district_level(&tail) && named.is_empty() && same_kind() {
        r.push(' ');
        r.push_str(d);
    }
    r
}

/// Words of a role written with the capitals the archive uses, each with
/// the same letters and byte length as what it replaces.
const ROLE_CAPITALS: [(&str, &str); 10] = [
    ("quận ủy", "Quận ủy"),
    ("huyện ủy", "Huyện ủy"),
    ("thành ủy", "Thành ủy"),
    ("thị ủy", "Thị ủy"),
    ("đảng ủy", "Đảng ủy"),
    ("Ban chấp hành", "Ban Chấp hành"),
    ("Ban thường vụ", "Ban Thường vụ"),
    ("Phó bí thư", "Phó Bí thư"),
    ("Phó chủ tịch", "Phó Chủ tịch"),
    ("Thường trực quận", "Thường trực Quận"),
];

/// `ROLE_CAPITALS` with the first of each pair in lower case, as a searcher
/// made once (`str::find` prepared one for each role and word) and its
/// length.
static ROLE_CAPITALS_LOWER: LazyLock<Vec<(memchr::memmem::Finder<'static>, usize, &str)>> =
    LazyLock::new(|| {
        ROLE_CAPITALS
            .iter()
            .map(|(from, to)| {
                let from = from.to_lowercase();
                (
                    memchr::memmem::Finder::new(from.as_bytes()).into_owned(),
                    from.len(),
                    *to,
                )
            })
            .collect()
    });

/// `replace_word` with each of `ROLE_CAPITALS`, in order.
fn capitalise_role_words(r: &mut String) {
    // A replacement changes only capitals, in place, so the lower case of
    // the role stays the same throughout: made once. Unless some letter's
    // lower case has another length, when its offsets are not the role's.
    // Lowered a character at a time, as `to_lowercase` does but for a
    // capital sigma (which no role word holds, and which lowers to the
    // same length either way), in the pass that checks the lengths.
    let mut lower = String::with_capacity(r.len());
    let same_lengths = r.chars().all(|c| match crate::text::lower_one(c) {
        Some(l) if l.len_utf8() == c.len_utf8() => {
            lower.push(l);
            true
        }
        _ => false,
    });
    if !same_lengths {
        for (from, to) in ROLE_CAPITALS {
            *r = replace_word(r, from, to);
        }
        return;
    }
    for (from, from_len, to) in ROLE_CAPITALS_LOWER.iter() {
        let mut i = 0;
        // A byte match of UTF-8 in UTF-8 starts and ends on characters.
        while let Some(off) = lower.get(i..).and_then(|l| from.find(l.as_bytes())) {
            let (at, end) = (i + off, i + off + from_len);
            let word_start = r
                .get(..at)
                .and_then(|before| before.chars().next_back())
                .is_none_or(|c| !crate::text::is_alphanumeric(c));
            let word_end = r
                .get(end..)
                .and_then(|after| after.chars().next())
                .is_none_or(|c| !crate::text::is_alphanumeric(c));
            if word_start && word_end && to.len() == end - at {
                r.replace_range(at..end, to);
            }
            i = end;
        }
    }
}

/// Replace whole-word occurrences, case-insensitively on the first letter.
fn replace_word(s: &str, from: &str, to: &str) -> String {
    let lower = s.to_lowercase();
    let from_l = from.to_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(off) = lower.get(i..).and_then(|l| l.find(&from_l)) {
        let at = i + off;
        let end = at + from_l.len();
        // Offsets in the lower case are the text's only while lower-casing
        // kept byte lengths ("İ" does not): a match that falls inside a
        // character of the text ends the replacing.
        let (Some(head), Some(pre), Some(_)) = (s.get(..at), s.get(i..at), s.get(at..end)) else {
            break;
        };
        let word_start = head
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c));
        let word_end = s
            .get(end..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !crate::text::is_alphanumeric(c));
        out.push_str(pre);
        if word_start && word_end {
            out.push_str(to);
        } else {
            out.push_str(&s[at..end]);
        }
        i = end;
    }
    out.push_str(s.get(i..).unwrap_or(""));
    out
}

/// Is this name really a place ("Hà Nội", a district) glued to a name?
/// Returns how many leading syllables to drop ("Hà Nội Ngô Thị Thanh Hằng"
/// -> 2), or None when the whole match is not a name.
fn leading_place_syllables(name: &str, g: &Gazetteer) -> usize {
    let words: Vec<&str> = name.split_whitespace().collect();
    for n in (2..=3).rev() {
        if words.len() < n {
            continue;
        }
        let head = words[..n].join(" ");
        if g.is_city_key(&name_key(&head)) || g.lookup(&head).is_some() {
            return n;
        }
    }
    0
}

/// What has been worked out about one article's names and roles, each
/// answer once: an article names the same people, the places before them
/// and their roles again and again, and each answer costs folds and
/// look-ups. Holds `leading_place_syllables` by name, `may_begin_place` by
/// word and `starts_with_role_head` by a phrase's first words.
pub struct ArticleMemo<'g> {
    g: &'g Gazetteer,
    known: FxHashMap<String, usize>,
    /// `Gazetteer::may_begin_place` of the first words met.
    may_begin: FxHashMap<String, bool>,
    /// `starts_with_role_head` by a phrase's first words: an article
    /// writes the same roles again and again, and each answer costs a key.
    role_heads: FxHashMap<String, bool>,
}

impl<'g> ArticleMemo<'g> {
    pub fn new(g: &'g Gazetteer) -> Self {
        ArticleMemo {
            g,
            known: FxHashMap::default(),
            may_begin: FxHashMap::default(),
            role_heads: FxHashMap::default(),
        }
    }

    /// `leading_place_syllables(name, g)`.
    fn of(&mut self, name: &str) -> usize {
        if let Some(&n) = self.known.get(name) {
            return n;
        }
        // Most names begin with a word no place begins with (a family
        // name), which says 0 for every name it begins; an article names
        // many people of a few families.
        let mut words = name.split_whitespace();
        let n = match (words.next(), words.next()) {
            (Some(first), Some(_)) if !self.may_begin_place(first) => 0,
            _ => leading_place_syllables(name, self.g),
        };
        self.known.insert(name.to_string(), n);
        n
    }

    /// `starts_with_role_head(s)`, which reads only the words kept here
    /// (and gives them the same answer as `s`).
    fn starts_with_role_head(&mut self, s: &str) -> bool {
        let words = first_words(s, ROLE_HEAD_WORDS + 1);
        if let Some(&head) = self.role_heads.get(words) {
            return head;
        }
        let head = starts_with_role_head(words);
        self.role_heads.insert(words.to_string(), head);
        head
    }

    /// `Gazetteer::may_begin_place(word)`.
    fn may_begin_place(&mut self, word: &str) -> bool {
        if let Some(&may) = self.may_begin.get(word) {
            return may;
        }
        let may = self.g.may_begin_place(word);
        self.may_begin.insert(word.to_string(), may);
        may
    }
}

/// A name found in a block, with the roles around it.
#[derive(Debug, Clone, PartialEq)]
pub struct NameHit {
    pub name: String,
    pub span: Range<usize>,
    pub roles: Vec<String>,
    pub honorific: bool,
}

/// The next personal name from `pos`, skipping places that look like one:
/// "Thành ủy Hà Nội Đinh Thị Lan Duyên" -> "Đinh Thị Lan Duyên"; "Huyện ủy
/// Gia Lâm Lê Anh Quân" -> "Lê Anh Quân" (the place began a word earlier).
fn next_name(text: &str, mut pos: usize, memo: &mut ArticleMemo) -> Option<Range<usize>> {
    while let Some(span) = NAME_STARTS.find_at(text, pos) {
        let m = &text[span.clone()];
        let prev_word = text[..span.start]
            .strip_suffix(' ')
            .and_then(|t| t.rsplit(|c: char| !crate::text::is_alphanumeric(c)).next())
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase));
        let drop = match prev_word {
            Some(w) => memo.of(&format!("{w} {m}")).saturating_sub(1),
            None => 0,
        }
        .max(memo.of(m));
        if drop == 0 {
            return Some(without_title_word(text, span));
        }
        let starts: Vec<usize> = super::districts::word_spans(m)
            .into_iter()
            .map(|r| r.start)
            .collect();
        pos = span.start + starts.get(drop).copied().unwrap_or(m.len());
    }
    None
}

/// "Ông Nguyễn Văn Hưng, 52 tuổi, …": "Ông" is a family name ("Ông Ích
/// Khiêm") and the word a sentence opens "ông" with; before another family
/// name (but "Văn") it is the latter, and the name starts after it.
fn without_title_word(text: &str, span: Range<usize>) -> Range<usize> {
    let name = &text[span.clone()];
    let Some(rest) = name.strip_prefix("Ông") else {
        return span;
    };
    let after = rest.trim_start_matches([' ', '\u{a0}']);
    let family = after.split([' ', '\u{a0}']).next().unwrap_or("");
    let more = after.split([' ', '\u{a0}']).nth(1).is_some();
    // "Văn" is on the list of family names, and far more often a middle one.
    if after.len() < rest.len() && more && family != "Văn" && FAMILY_NAMES.contains(&family) {
        span.end - after.len()..span.end
    } else {
        span
    }
}

/// Is the word at `at` the last word of a proper name, capitalised after
/// another capitalised word: "Đình" of "quận Ba Đình", "Anh" of "huyện
/// Đông Anh"? Then it is not the place word ("đình", a communal house) or
/// the honorific ("anh") it is spelled like.
fn ends_proper_name(text: &str, at: usize) -> bool {
    let word = text[at..].trim_start();
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    trimmed.len() < before.len()
        && trimmed
            .rsplit([' ', '\u{a0}'])
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Names in one text, each with the roles written next to it.
pub fn names_in(text: &str, memo: &mut ArticleMemo) -> Vec<NameHit> {
    let mut hits: Vec<NameHit> = Vec::new();
    // Per hit, for `share_elections`.
    let mut after_roles: Vec<AfterRoles> = Vec::new();
    let mut boundary = 0usize;
    let mut pos = 0usize;
    while let Some(span) = next_name(text, pos, memo) {
        pos = span.end;
        let name = text[span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let before = &text[boundary.min(span.start)..span.start];
        boundary = span.end;
        let is_uncle_ho = name == "Hồ Chí Minh";
        // The patterns before a name are anchored at its end: search the
        // tail only (see `end_window`).
        let window = end_window(before);
        let place = PLACE_BEFORE
            .find_at(before, window)
            .filter(|m| !ends_proper_name(before, m.start()));
        if place.is_some() || is_uncle_ho && !before.trim_end().ends_with("Chủ tịch") {
            continue;
        }
        // "Bí thư Quận ủy, đồng chí Nguyễn Văn A": the role is before the
        // honorific. The match ends the text, so cutting it off is the
        // `replace(before, "")` this was.
        let honorific = HONORIFIC_BEFORE
            .find_at(before, window)
            .filter(|m| !ends_proper_name(before, m.start()));
        let stripped = &before[..honorific.map_or(before.len(), |m| m.start())];
        let mut roles = roles_before(stripped.trim_end().trim_end_matches(','), memo);
        if roles.is_empty() && UNIT_BEFORE.is_match_at(before, window) {
            continue;
        }
        let (after, taken, elected) = roles_after(&text[span.end..], memo);
        after_roles.push(AfterRoles {
            count: after.len(),
            elected,
        });
        roles.extend(after);
        // The next name's roles are read from after these.
        boundary = span.end + taken;
        hits.push(NameHit {
            name,
            span,
            roles,
            honorific: honorific.is_some(),
        });
    }
    share_elections(text, &mut hits, &after_roles);
    hits
}

/// "bà Nguyễn Thị Hồng Vân và ông Đào Trọng Tuyên được bầu làm Phó Bí thư
/// Huyện ủy": names joined by "và" or a comma (and an honorific) before a
/// name elected to an office were elected to it too, back along the list.
fn share_elections(text: &str, hits: &mut [NameHit], after_roles: &[AfterRoles]) {
    static JOINED: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::text::static_regex(r"(?i)^\s*(?:,|và)\s*(?:(?:đồng\s+chí|ông|bà)\s+)?$")
    });
    let mut shared: Option<Vec<String>> = None;
    for k in (0..hits.len()).rev() {
        let AfterRoles { count, elected } = after_roles[k];
        if elected {
            // The roles after a name are the last of its roles.
            let roles = &hits[k].roles;
            shared = Some(roles[roles.len() - count..].to_vec());
            continue;
        }
        let joined = count == 0
            && hits
                .get(k + 1)
                .is_some_and(|next| JOINED.is_match(&text[hits[k].span.end..next.span.start]));
        match (&shared, joined) {
            (Some(roles), true) => hits[k].roles.extend(roles.iter().cloned()),
            _ => shared = None,
        }
    }
}

/// Per name found, how many of its roles were written after it, and
/// whether they are the office it was elected or appointed to.
#[derive(Clone, Copy)]
struct AfterRoles {
    count: usize,
    elected: bool,
}

/// People of an article: one per name (through `name_key`), all roles,
/// every place they were named as evidence. A name with neither a role nor
/// an honorific ("đồng chí", "ông") is left out: most such matches are
/// street, school or prize names.
pub fn find_people(
    blocks: &[(super::Source, &str)],
    district: Option<&str>,
    g: &Gazetteer,
) -> Vec<Person> {
    let mut order: Vec<String> = Vec::new();
    let mut by_key: BTreeMap<String, Person> = BTreeMap::new();
    // An article repeats a person's role as often as it names them: each
    // role as written is normalised once (`normalise_role` is pure).
    let mut normalised: FxHashMap<String, String> = FxHashMap::default();
    let mut memo = ArticleMemo::new(g);
    let mut keys = NameKeys::default();
    for (src, text) in blocks {
        let sentences = super::Sentences::new(text);
        for hit in names_in(text, &mut memo) {
            let qualifies = !hit.roles.is_empty() || hit.honorific || hit.name == "Hồ Chí Minh";
            if !qualifies {
                continue;
            }
            keys.learn(&hit.name);
            let key = keys.of(&hit.name).into_owned();
            let person = by_key.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Person {
                    name: hit.name.clone(),
                    roles: Vec::new(),
                    evidence: Vec::new(),
                    source: FactSource::Text,
                }
            });
            for r in &hit.roles {
                let role = match normalised.get(r.as_str()) {
                    Some(n) => n.clone(),
                    None => {
                        let n = normalise_role(r, district, g);
                        normalised.insert(r.clone(), n.clone());
                        n
                    }
                };
                add_role(&mut person.roles, role, &mut keys);
            }
            let sentence = sentences.at(hit.span.start);
            let ev = src.evidence(sentence.to_string());
            if !person.evidence.contains(&ev) {
                person.evidence.push(ev);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .collect()
}

/// Add a role unless it is already there; a shorter statement of a longer
/// role ("Phó Bí thư Thường trực" of "Phó Bí thư Thường trực Thành ủy Hà Nội")
/// gives way to the longer.
fn add_role(roles: &mut Vec<String>, role: String, keys: &mut NameKeys) {
    // A first role is compared with nothing: its key is worked out when a
    // second comes, if one does.
    if roles.is_empty() {
        roles.push(role);
        return;
    }
    keys.learn(&role);
    for r in roles.iter() {
        keys.learn(r);
    }
    let k = keys.of(&role);
    if roles.iter().any(|r| keys.of(r).starts_with(k.as_ref())) {
        return;
    }
    roles.retain(|r| !k.starts_with(keys.of(r).as_ref()));
    roles.push(role);
}

/// `name_key` of the names and roles met in one article, each worked out
/// once: an article repeats a person's name and roles, and `add_role`
/// compares each new role with every role before it.
#[derive(Default)]
struct NameKeys(FxHashMap<String, String>);

impl NameKeys {
    /// Work out `name_key(s)`, if not yet known.
    fn learn(&mut self, s: &str) {
        if !self.0.contains_key(s) {
            self.0.insert(s.to_string(), name_key(s));
        }
    }

    /// `name_key(s)`, borrowed when known.
    fn of(&self, s: &str) -> std::borrow::Cow<'_, str> {
        match self.0.get(s) {
            Some(k) => std::borrow::Cow::Borrowed(k),
            None => std::borrow::Cow::Owned(name_key(s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_are_found_as_in_the_lowered_list() {
        let pieces = [
            "ủy", "Ủy", "ỦY", "uỷ", "quận", "QUẬN", "Quận", "bí", "thư", "BÍ", "ǅ", "Σ", "σ", "İ",
            "\u{212A}", "a", "x", "đ", "Đ", "ư",
        ];
        let tokens = ROLE_WORDS
            .iter()
            .map(|w| w.to_string())
            .chain(ROLE_WORDS.iter().map(|w| w.to_uppercase()))
            .chain(crate::text::random_joinings(&pieces, 5000, 3))
            .chain(crate::text::FOLD_SAMPLES.iter().map(|s| s.to_string()));
        for w in tokens {
            let by_list = w.chars().next().is_some_and(char::is_uppercase)
                || ROLE_WORDS.contains(&w.to_lowercase().as_str());
            assert_eq!(is_role_word(&w), by_list, "{w:?}");
            assert_eq!(
                is_lower_role_word(&w),
                ROLE_WORDS.contains(&w.to_lowercase().as_str()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn name_starts_find_what_the_pattern_finds() {
        let mut pieces: Vec<&str> = FAMILY_NAMES.to_vec();
        pieces.extend([
            " ",
            "  ",
            "\u{a0}",
            "Văn",
            "Thị",
            "Minh",
            "Ánh",
            "Đức",
            "ĐỨC",
            "Nội",
            "A",
            "x",
            "ạ",
            "đ",
            "1",
            ",",
            "-",
            "Vie",
            "Việt",
            "Ǆ",
            "ǅa",
            "\u{301}",
            "\n",
            "Hồ Chí Minh",
            "Ngoc",
            "Viên",
            "Tôn",
        ]);
        let samples = crate::text::samples_with(
            &[
                "Bí thư Quận ủy Đống Đa Đinh Trường Thọ",
                "Thành ủy Hà Nội Đinh Thị Lan Duyên phát biểu",
                "ông Nguyễn Văn A, bà Ngô Thị Thanh Hằng Hoa",
                "Nguyễn\u{a0}Văn Bình2 và Lê  Anh Quân",
                "xNguyễn Văn An Lê Hoà",
                "Hoàng Minh Dũng Tiến Sĩ Nam",
            ],
            &pieces,
            3000,
            10,
        );
        for s in samples {
            for (start, _) in s.char_indices().chain([(s.len(), ' ')]) {
                assert_eq!(
                    NAME_STARTS.find_at(&s, start),
                    NAME.find_at(&s, start).map(|m| m.range()),
                    "{s:?} from {start}"
                );
            }
        }
    }

    #[test]
    fn bytes_let_through_eight_at_a_time_are_those_let_through_one_by_one() {
        assert!(
            NAME_STARTS.by_words,
            "a family name begins with another byte"
        );
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for b in 0..=255u8 {
            for lane in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let mut word = seed.to_le_bytes();
                word[lane] = b;
                let lanes = may_begin_family(u64::from_le_bytes(word));
                for (k, &w) in word.iter().enumerate() {
                    let through = lanes >> (8 * k) & 0x80 != 0;
                    assert_eq!(through, may_begin_family_byte(w), "{word:?} at {k}");
                }
            }
        }
    }

    #[test]
    fn name_starts_find_what_the_pattern_finds_in_articles() {
        let texts = crate::text::seed_texts()
            .into_iter()
            .chain((0..40).map(|i| crate::corpus::article(3, i).text));
        for t in texts {
            let mut found = 0;
            let mut start = 0;
            loop {
                let fast = NAME_STARTS.find_at(&t, start);
                assert_eq!(
                    fast,
                    NAME.find_at(&t, start).map(|m| m.range()),
                    "from {start}"
                );
                let Some(span) = fast else { break };
                found += 1;
                start = span.start + t[span.start..].chars().next().map_or(1, char::len_utf8);
            }
            assert!(found > 0 || !t.contains("Nguyễn "), "{t:?}");
        }
    }

    /// Texts a role is read from: role words and heads in every case,
    /// with district names, the city, other words, and the tricky pieces.
    fn role_samples() -> Vec<String> {
        let mut pieces: Vec<&str> = ROLE_HEADS.to_vec();
        pieces.extend(ROLE_WORDS);
        pieces.extend([
            " ",
            "  ",
            "\u{a0}",
            "\t",
            ",",
            "Quận ủy",
            "QUẬN UỶ",
            "Huyện uỷ",
            "Thị ủy",
            "thị xã",
            "Phó Bí thư",
            "Tổng Giám đốc",
            "Ba Đình",
            "Đống Đa",
            "Hà Nội",
            "Sơn Tây",
            "UBND",
            "HĐND",
            "ΑΣ",
            "Σ",
            "ǅ",
            "İ",
            "o\u{302}\u{301}",
            "\u{301}",
            "x",
            "2",
            "-",
            "(",
        ]);
        let mut samples = crate::text::samples_with(
            &[
                "Phó Bí thư Thường trực Quận ủy",
                "Chủ tịch UBND quận",
                "Bí thư quận uỷ Ba Đình",
                "Tổng bí thư  Nguyễn Phú Trọng",
                "tổng giám đốc\u{a0}Σ ΑΣ x",
                // District-level, and naming a district.
                "Bí thư Đảng ủy phường Ba Đình Quận ủy",
                "Phó Chủ tịch UBND Đống Đa quận",
                "Chủ tịch Sơn Tây thị xã",
            ],
            &pieces,
            4000,
            8,
        );
        samples.extend(crate::text::seed_texts().iter().flat_map(|t| {
            t.split(['.', '\n', ','])
                .take(40)
                .map(str::to_string)
                .collect::<Vec<_>>()
        }));
        samples
    }

    #[test]
    fn role_heads_read_off_the_first_words_are_those_of_the_whole_key() {
        let most = ROLE_HEADS
            .iter()
            .map(|h| h.split_whitespace().count())
            .max();
        assert_eq!(most, Some(ROLE_HEAD_WORDS));
        for s in role_samples() {
            let k = name_key(&s);
            let by_definition = ROLE_HEADS
                .iter()
                .any(|h| k.starts_with(h) && k[h.len()..].chars().next().is_none_or(|c| c == ' '));
            assert_eq!(starts_with_role_head(&s), by_definition, "{s:?}");
        }
    }

    #[test]
    fn role_heads_remembered_per_article_are_those_worked_out() {
        let g = Gazetteer::builtin();
        let mut samples = role_samples();
        for t in crate::text::seed_texts() {
            samples.extend(t.lines().map(str::to_string));
            samples.extend(t.split(',').map(|p| p.trim().to_string()));
        }
        let mut memo = ArticleMemo::new(&g);
        let mut heads = 0;
        // Twice: the second time every answer is a remembered one.
        for _ in 0..2 {
            for s in &samples {
                let want = starts_with_role_head(s);
                heads += usize::from(want);
                assert_eq!(memo.starts_with_role_head(s), want, "{s:?}");
            }
        }
        assert!(heads > 100, "{heads}");
    }

    #[test]
    fn the_subject_district_completes_only_a_role_of_its_kind_of_unit() {
        let g = Gazetteer::builtin();
        assert_eq!(
            normalise_role("Bí thư Huyện ủy", Some("Ba Đình"), &g),
            "Bí thư Huyện ủy"
        );
        assert_eq!(
            normalise_role("Bí thư Quận ủy", Some("Ba Đình"), &g),
            "Bí thư Quận ủy Ba Đình"
        );
        // Hà Đông was a thị xã before it was a quận.
        assert_eq!(
            normalise_role("Bí thư Thị ủy", Some("Hà Đông"), &g),
            "Bí thư Thị ủy Hà Đông"
        );
    }

    #[test]
    fn roles_run_on_through_words_they_share_with_other_phrases() {
        let p = people(
            "Dự có Chủ tịch UBND quận Ba Đình Hoàng Anh Tuấn, Chủ tịch UBND huyện Đông Anh Nguyễn Xuân Linh và đồng chí Phạm Thị Thu Hằng – Chủ nhiệm Ủy ban Kiểm tra Quận ủy; ông Lê Văn Hải, Chỉ huy trưởng Ban Chỉ huy Quân sự quận huy động lực lượng.",
            Some("Ba Đình"),
        );
        let roles = |n: &str| p.iter().find(|(name, _)| name == n).map(|(_, r)| r.clone());
        assert_eq!(
            roles("Hoàng Anh Tuấn"),
            Some(vec!["Chủ tịch UBND quận Ba Đình".to_string()])
        );
        assert_eq!(
            roles("Nguyễn Xuân Linh"),
            Some(vec!["Chủ tịch UBND huyện Đông Anh".to_string()])
        );
        assert_eq!(
            roles("Phạm Thị Thu Hằng"),
            Some(vec!["Chủ nhiệm Ủy ban Kiểm tra Quận ủy Ba Đình".to_string()])
        );
        // "huy động" is not part of the role.
        assert_eq!(
            roles("Lê Văn Hải"),
            Some(vec![
                "Chỉ huy trưởng Ban Chỉ huy Quân sự quận Ba Đình".to_string()
            ])
        );
        let p = people(
            "Tham dự có các đồng chí: Nông Đức Mạnh, nguyên Tổng Bí thư; Nguyễn Minh Triết, nguyên Chủ tịch nước. Đồng chí Trần Văn Nam được bầu giữ chức Bí thư Đảng ủy Khối các cơ quan Thành phố nhiệm kỳ 2020-2025.",
            None,
        );
        let roles = |n: &str| p.iter().find(|(name, _)| name == n).map(|(_, r)| r.clone());
        assert_eq!(
            roles("Nông Đức Mạnh"),
            Some(vec!["nguyên Tổng Bí thư".to_string()])
        );
        assert_eq!(
            roles("Trần Văn Nam"),
            Some(vec!["Bí thư Đảng ủy Khối các cơ quan Thành phố".to_string()])
        );
    }

    #[test]
    fn a_role_names_its_district_as_the_gazetteer_spells_it() {
        let g = Gazetteer::builtin();
        for written in ["Bí thư Quận uỷ Đóng Đa", "Bí thư Quận ủy Đống Đa"] {
            assert_eq!(
                normalise_role(written, Some("Đống Đa"), &g),
                "Bí thư Quận ủy Đống Đa"
            );
        }
        assert_eq!(
            normalise_role("Chủ tịch UBND quận HBT", None, &g),
            "Chủ tịch UBND quận Hai Bà Trưng"
        );
    }

    #[test]
    fn roles_normalised_as_by_the_definition() {
        fn by_definition(role: &str, district: Option<&str>, g: &Gazetteer) -> String {
            let mut r = canonical(role.trim());
            capitalise_role_words(&mut r);
            for m in mentions(&r, g).collect::<Vec<_>>().into_iter().rev() {
                r.replace_range(m.span, &m.name);
            }
            let names_district = mentions(&r, g).next().is_some();
            if let (Some(d), false) = (district, names_district) {
                let key = name_key(&r);
                let unit = g.lookup(d).unwrap();
                let kind = ["quận", "huyện", "thị"]
                    .into_iter()
                    .find(|k| {
                        key.ends_with(&format!("{k} ủy"))
                            || key.ends_with(&format!(" {k}"))
                            || key.ends_with(&format!(" {k} xã"))
                    })
                    .map(|k| if k == "thị" { "thị xã" } else { k });
                let same_kind = kind
                    .is_some_and(|k| unit.kind == k || unit.former_kinds.iter().any(|f| f == k));
                if ends_district_level(&key) && same_kind {
                    r.push(' ');
                    r.push_str(d);
                }
            }
            r
        }
        let g = Gazetteer::builtin();
        for s in role_samples() {
            for d in [None, Some("Ba Đình"), Some("Sơn Tây")] {
                assert_eq!(
                    normalise_role(&s, d, &g),
                    by_definition(&s, d, &g),
                    "{s:?} {d:?}"
                );
            }
        }
    }

    #[test]
    fn place_syllables_are_those_of_the_definition() {
        let g = Gazetteer::builtin();
        let mut pieces: Vec<String> = FAMILY_NAMES.iter().map(|f| f.to_string()).collect();
        for d in &g.districts {
            pieces.push(d.name.clone());
            pieces.extend(d.aliases.iter().cloned());
        }
        pieces.push(g.city.clone());
        pieces.extend(g.city_aliases.iter().cloned());
        pieces.extend(
            [
                "Quận",
                "QUẬN",
                "Huyện",
                "Thị",
                "Thị xã",
                "TX",
                "Tx.",
                "Q.",
                "Q",
                "H.",
                "H",
                "Văn",
                "Thị",
                "Minh",
                "Nội",
                "Hà",
                "Ha\u{300}",
                "ΑΣ",
                "Σ",
                "ǅ",
                "İ",
                "Uỷ",
                "Hoà",
                "\u{301}",
                "\u{345}",
                "2",
                "Đ",
                "x",
                ".",
                "-",
                "\u{a0}",
                "Thủ",
                "Đô",
            ]
            .map(str::to_string),
        );
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        // Words glued as they come, and apart as names have them.
        let spaced: Vec<String> = pieces.iter().map(|p| format!("{p} ")).collect();
        let spaced: Vec<&str> = spaced.iter().map(String::as_str).collect();
        let names = crate::text::random_joinings(&pieces, 20000, 5)
            .into_iter()
            .chain(crate::text::random_joinings(&spaced, 20000, 5));
        let mut memo = ArticleMemo::new(&g);
        let mut found = 0;
        for name in names {
            let n = memo.of(&name);
            assert_eq!(n, leading_place_syllables(&name, &g), "{name:?}");
            found += usize::from(n > 0);
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn roles_added_with_known_keys_are_those_added_by_the_definition() {
        fn add_by_definition(roles: &mut Vec<String>, role: String) {
            let k = name_key(&role);
            if roles.iter().any(|r| name_key(r).starts_with(&k)) {
                return;
            }
            roles.retain(|r| !k.starts_with(&name_key(r)));
            roles.push(role);
        }
        let written = [
            "Phó Bí thư Thường trực",
            "Phó Bí thư Thường trực Thành ủy Hà Nội",
            "phó bí thư  thường trực",
            "Chủ tịch UBND quận",
            "Chủ tịch",
            "Chủ tịch UBND quận Đống Đa",
            "Bí thư Quận uỷ",
            "Bí thư Quận ủy",
            "",
            "Giám đốc Sở",
            "Chủ tịch",
        ];
        // Every order of a few, and all of them in each direction.
        let mut orders: Vec<Vec<&str>> =
            vec![written.to_vec(), written.iter().rev().copied().collect()];
        for a in &written[..5] {
            for b in &written[3..] {
                orders.push(vec![a, b, a]);
            }
        }
        for order in orders {
            let (mut by_definition, mut known, mut keys) =
                (Vec::new(), Vec::new(), NameKeys::default());
            for r in &order {
                add_by_definition(&mut by_definition, r.to_string());
                add_role(&mut known, r.to_string(), &mut keys);
            }
            assert_eq!(known, by_definition, "{order:?}");
        }
    }

    #[test]
    fn tokens_read_backwards_are_the_tokens_reversed() {
        for t in [
            "",
            " ",
            "Phó Bí thư, Chủ tịch HĐND quận ",
            "a,b (c) – d…",
            "ô2x  Ư",
        ] {
            let mut forward: Vec<(usize, &str)> = token_positions(t).collect();
            forward.reverse();
            assert_eq!(token_positions_rev(t).collect::<Vec<_>>(), forward, "{t:?}");
        }
        let words: Vec<&str> = token_positions("Bí thư, Quận ủy (Ba Đình)")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            words,
            ["Bí", "thư", ",", "Quận", "ủy", "(", "Ba", "Đình", ")"]
        );
    }
    use crate::model::Place;

    fn people(text: &str, district: Option<&str>) -> Vec<(String, Vec<String>)> {
        let g = Gazetteer::builtin();
        let src = super::super::Source {
            block: Some(0),
            place: Place::Body,
        };
        find_people(&[(src, text)], district, &g)
            .into_iter()
            .map(|p| (p.name, p.roles))
            .collect()
    }

    #[test]
    fn role_words_capitalised_as_replace_word_does() {
        for role in [
            "phó bí thư Thường trực quận ủy, Chủ tịch hđnd quận",
            "ban chấp hành đảng ủy phường; BAN THƯỜNG VỤ Thành Ủy",
            "Bí thư Quận ủyx quận ủy",
            "İstanbul quận ủy Σ quận ủy",
            "ΣΑΣ phó chủ tịch",
            "",
            "quận ủyquận ủy quận ủy",
            "thường trực quận ủy, Thường trực quận huyện ủy thị ủy",
            "Phó bí thư2 phó chủ tịch",
        ] {
            let mut fast = role.to_string();
            capitalise_role_words(&mut fast);
            let slow = ROLE_CAPITALS
                .iter()
                .fold(role.to_string(), |r, (from, to)| replace_word(&r, from, to));
            assert_eq!(fast, slow, "{role:?}");
        }
    }

    #[test]
    fn role_before_name_gets_canonical_spelling() {
        let p = people(
            "Đồng chí Đinh Trường Thọ – Bí thư Quận uỷ Đống Đa chủ trì Hội nghị.",
            Some("Đống Đa"),
        );
        assert_eq!(
            p,
            vec![(
                "Đinh Trường Thọ".into(),
                vec!["Bí thư Quận ủy Đống Đa".into()]
            )]
        );
        let p = people("Bí thư Quận uỷ Đống Đa Đinh Trường Thọ phát biểu", None);
        assert_eq!(p[0].1, vec!["Bí thư Quận ủy Đống Đa".to_string()]);
    }

    #[test]
    fn four_syllable_name_with_role_after_a_dash() {
        let p = people(
            "Đồng chí Hoàng Minh Dũng Tiến - Bí thư quận ủy Ba Đình cho biết: Với vị trí",
            Some("Ba Đình"),
        );
        assert_eq!(
            p,
            vec![(
                "Hoàng Minh Dũng Tiến".into(),
                vec!["Bí thư Quận ủy Ba Đình".into()]
            )]
        );
    }

    #[test]
    fn roles_after_a_name_go_on_past_commas() {
        let p = people(
            "Đồng chí Lê Văn Tuấn, Ủy viên Ban Thường vụ Thành ủy, Bí thư Huyện ủy Sóc Sơn dự và chỉ đạo.",
            Some("Sóc Sơn"),
        );
        assert_eq!(
            p,
            vec![(
                "Lê Văn Tuấn".into(),
                vec![
                    "Ủy viên Ban Thường vụ Thành ủy".into(),
                    "Bí thư Huyện ủy Sóc Sơn".into()
                ]
            )]
        );
        // In a bracket too, and a word that is no role ends the list.
        let p = people(
            "Ông Nguyễn Văn Nam (Bí thư Quận ủy, Chủ tịch HĐND quận) cho biết, quận đã hoàn thành.",
            Some("Cầu Giấy"),
        );
        assert_eq!(
            p[0].1,
            vec![
                "Bí thư Quận ủy Cầu Giấy".to_string(),
                "Chủ tịch HĐND quận Cầu Giấy".to_string()
            ]
        );
    }

    #[test]
    fn a_sentence_opening_ong_is_no_part_of_the_name() {
        let p = people(
            "Ông Nguyễn Văn Hưng, 52 tuổi, được bầu giữ chức Bí thư Quận ủy Nam Từ Liêm. Ông Nguyễn Văn Hưng cảm ơn các đại biểu.",
            Some("Nam Từ Liêm"),
        );
        assert_eq!(
            p,
            vec![(
                "Nguyễn Văn Hưng".into(),
                vec!["Bí thư Quận ủy Nam Từ Liêm".into()]
            )]
        );
        // The family name "Ông", before a given name, stays.
        let p = people("Phố Ông Ích Khiêm; đồng chí Ông Văn Tài phát biểu.", None);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Ông Văn Tài");
    }

    #[test]
    fn a_role_with_a_letter_whose_lower_case_is_longer_does_not_panic() {
        // "İ" lowers to two characters: the offsets of the lower case are
        // not the role's after it.
        let g = Gazetteer::builtin();
        for role in [
            "hộiİtrậnđảng ủy viênQuận ủybansở",
            "Bí thư İİ đảng ủy viên quận ủy",
        ] {
            let r = normalise_role(role, None, &g);
            assert_eq!(
                r.chars().filter(|&c| c == 'İ').count(),
                role.matches('İ').count()
            );
            let mut r = role.to_string();
            capitalise_role_words(&mut r);
            assert_eq!(r.matches('İ').count(), role.matches('İ').count());
            assert_eq!(replace_word(role, "đảng ủy", "Đảng ủy").len(), role.len());
        }
    }

    #[test]
    fn a_committee_member_named_by_the_committee_is_a_role() {
        let p = people(
            "Dự có đồng chí Nguyễn Văn Thắng, Thành ủy viên, Bí thư Quận ủy Cầu Giấy; bà Đặng Thị Hương, UV BTV Huyện ủy, Chủ tịch Ủy ban MTTQ huyện.",
            Some("Gia Lâm"),
        );
        assert_eq!(
            p,
            vec![
                (
                    "Nguyễn Văn Thắng".into(),
                    vec!["Thành ủy viên".into(), "Bí thư Quận ủy Cầu Giấy".into()]
                ),
                (
                    "Đặng Thị Hương".into(),
                    vec![
                        "UV BTV Huyện ủy Gia Lâm".into(),
                        "Chủ tịch Ủy ban MTTQ huyện Gia Lâm".into()
                    ]
                ),
            ]
        );
    }

    #[test]
    fn offices_of_the_state_are_roles() {
        let p = people(
            "Dự Đại hội có Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng và Thủ tướng Chính phủ Phạm Minh Chính.",
            None,
        );
        assert_eq!(
            p,
            vec![
                (
                    "Nguyễn Phú Trọng".into(),
                    vec!["Tổng Bí thư".into(), "Chủ tịch nước".into()]
                ),
                ("Phạm Minh Chính".into(), vec!["Thủ tướng Chính phủ".into()]),
            ]
        );
    }

    #[test]
    fn the_office_a_name_was_elected_to_is_a_role() {
        for text in [
            "Chiều 20/7, ông Nguyễn Xuân Linh, 45 tuổi, được bầu giữ chức Bí thư Huyện ủy Đông Anh khóa XXVII.",
            "Đồng chí Nguyễn Xuân Linh tiếp tục được bầu làm Bí thư Huyện ủy Đông Anh.",
            "Đồng chí Nguyễn Xuân Linh tái đắc cử Bí thư Huyện ủy Đông Anh nhiệm kỳ 2020-2025.",
            "Ông Nguyễn Xuân Linh, sinh năm 1975, được điều động làm Bí thư Huyện ủy Đông Anh.",
            "Hội nghị bầu đồng chí Nguyễn Xuân Linh giữ chức Bí thư Huyện ủy Đông Anh.",
        ] {
            let p = people(text, Some("Đông Anh"));
            assert_eq!(
                p,
                vec![(
                    "Nguyễn Xuân Linh".into(),
                    vec!["Bí thư Huyện ủy Đông Anh".into()]
                )],
                "{text}"
            );
        }
        // Names joined before the one elected were elected with it.
        let p = people(
            "Hội nghị đã bầu bà Nguyễn Thị Hồng Vân và ông Đào Trọng Tuyên được bầu làm Phó Bí thư Huyện ủy.",
            Some("Chương Mỹ"),
        );
        assert_eq!(p.len(), 2, "{p:?}");
        for (name, roles) in &p {
            assert_eq!(
                roles,
                &vec!["Phó Bí thư Huyện ủy Chương Mỹ".to_string()],
                "{name}"
            );
        }
        // Appointed by a body named between.
        let p = people(
            "Đồng chí Nguyễn Đăng Khoa được Ban Thường vụ Thành ủy chỉ định làm Bí thư Thị ủy Sơn Tây.",
            Some("Sơn Tây"),
        );
        assert_eq!(p[0].1, vec!["Bí thư Thị ủy Sơn Tây".to_string()]);
        // A name with its own role before the "và" keeps only its own.
        let p = people(
            "Đồng chí Lê Văn An, Chủ tịch UBND huyện và đồng chí Trần Văn Bình được bầu làm Phó Bí thư Huyện ủy.",
            Some("Chương Mỹ"),
        );
        assert_eq!(p[0].1, vec!["Chủ tịch UBND huyện Chương Mỹ".to_string()]);
        assert_eq!(p[1].1, vec!["Phó Bí thư Huyện ủy Chương Mỹ".to_string()]);
        // Elected to a body, not an office: no role.
        let p = people(
            "Đồng chí Nguyễn Xuân Linh được bầu vào Ban Chấp hành Đảng bộ huyện.",
            Some("Đông Anh"),
        );
        assert!(p.iter().all(|(_, roles)| roles.is_empty()), "{p:?}");
    }

    #[test]
    fn a_role_after_a_comma_that_leads_to_a_name_is_that_names() {
        let p = people(
            "Dự có đồng chí Trần Văn Hải, Bí thư Quận ủy, Trưởng ban Tổ chức Quận ủy Lê Thị Mai và các đại biểu.",
            Some("Tây Hồ"),
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].1, vec!["Bí thư Quận ủy Tây Hồ".to_string()]);
        assert_eq!(p[1].0, "Lê Thị Mai");
        assert_eq!(
            p[1].1,
            vec!["Trưởng ban Tổ chức Quận ủy Tây Hồ".to_string()]
        );
    }

    #[test]
    fn two_roles_before_and_district_added() {
        let p = people(
            "Phó Bí thư Thường trực Quận ủy, Chủ tịch HĐND quận Trần Quyết Thắng và Phó Bí thư Quận ủy, Chủ tịch UBND quận Nguyễn Quang Trung trao Giấy khen",
            Some("Hai Bà Trưng"),
        );
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].1,
            vec![
                "Phó Bí thư Thường trực Quận ủy Hai Bà Trưng".to_string(),
                "Chủ tịch HĐND quận Hai Bà Trưng".to_string()
            ]
        );
        assert_eq!(p[1].0, "Nguyễn Quang Trung");
        assert!(p[1]
            .1
            .contains(&"Chủ tịch UBND quận Hai Bà Trưng".to_string()));
    }

    #[test]
    fn city_name_is_not_a_family_name() {
        let p = people(
            "Tới dự có Phó Trưởng Ban Tuyên giáo Thành ủy Hà Nội Đinh Thị Lan Duyên, Phó Trưởng Ban Tổ chức Thành ủy Hà Nội Nguyễn Thanh Minh.",
            Some("Hai Bà Trưng"),
        );
        let names: Vec<&str> = p.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Đinh Thị Lan Duyên", "Nguyễn Thanh Minh"]);
        assert_eq!(
            p[0].1,
            vec!["Phó Trưởng Ban Tuyên giáo Thành ủy Hà Nội".to_string()]
        );
    }

    #[test]
    fn a_district_name_ending_in_a_family_name_is_not_part_of_the_name() {
        let p = people(
            "Bí thư Huyện uỷ Gia Lâm Lê Anh Quân cho biết",
            Some("Gia Lâm"),
        );
        assert_eq!(
            p,
            vec![("Lê Anh Quân".into(), vec!["Bí thư Huyện ủy Gia Lâm".into()])]
        );
    }

    #[test]
    fn places_named_after_people_are_not_people() {
        assert!(people(
            "Lễ gắn biển công trình - Trường Tiểu học Hoàng Diệu chào mừng",
            None
        )
        .is_empty());
        assert!(people(
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            None
        )
        .is_empty());
        assert!(people("trên đường Lê Duẩn và phố Trần Hưng Đạo", None).is_empty());
    }

    #[test]
    fn one_person_named_twice_has_all_roles() {
        let p = people(
            "Phó Bí thư Thường trực Ngô Thị Thanh Hằng phát biểu. Phó Bí thư Thường trực Thành ủy Hà Nội Ngô Thị Thanh Hằng yêu cầu.",
            Some("Ba Đình"),
        );
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].1,
            vec!["Phó Bí thư Thường trực Thành ủy Hà Nội".to_string()]
        );
    }

    #[test]
    fn name_without_role_or_honorific_is_skipped() {
        assert!(people("Giải thưởng mang tên Nguyễn Văn Linh được trao", None).is_empty());
        assert_eq!(people("ông Nguyễn Văn An cho biết", None).len(), 1);
    }

    #[test]
    fn searching_the_end_window_finds_what_searching_everything_does() {
        let long = "Trường Trung học phổ thông ".repeat(5);
        let cases = [
            "tại trường trung học phổ thông  - ",
            "Bí thư Quận ủy, đồng chí ",
            "Ông ",
            "xông ",
            "thành phố",
            "đ/c",
            "",
            long.as_str(),
        ];
        for case in cases {
            let before = format!("{long}{case}");
            for re in [&*PLACE_BEFORE, &*UNIT_BEFORE, &*HONORIFIC_BEFORE] {
                assert_eq!(
                    re.find_at(&before, end_window(&before)).map(|m| m.range()),
                    re.find(&before).map(|m| m.range()),
                    "{case:?}"
                );
            }
        }
    }
}

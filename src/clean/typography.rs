//! Display typography: the text as a reader should see it, without changing
//! a word. Scraped pages leave no-break spaces, doubled spaces, zero-width
//! characters and lopsided dashes in number ranges; quotations, capitals and
//! punctuation inside the text stay exactly as written.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::WordRegex;

/// A dash with space on only one side (or on both) between two numbers:
/// "2020- 2025", "2020 -2025", "2 - 4/6/2020". Written "2020 – 2025".
static NUMBER_RANGE_DASH: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"(\d)(?:[ ]*[-–—][ ]+|[ ]+[-–—][ ]*)(\d)"));

/// A range of two years, however it is spaced or dashed: "2020- 2025",
/// "2015 – 2020", "2020-2025". Written "2020–2025": an unspaced en dash, the
/// form a term (nhiệm kỳ) takes in the archive's metadata.
static YEAR_RANGE: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(r"\b((?:19|20)\d\d)[ ]*[-–—][ ]*((?:19|20)\d\d)\b")
});

/// Space characters other than U+0020 that pages use: no-break (U+00A0),
/// the U+2000 block, narrow no-break, medium mathematical, ideographic, tab.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t'
    )
}

/// Characters with no width that only get in the way of comparisons:
/// zero-width space, word joiner, BOM, soft hyphen; and the control
/// characters that are not white space (C0, DEL, C1), which scraped text
/// carries now and then and which no page may hold: one in a title made
/// the Atom feed, XML, unreadable.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{0}'..='\u{8}'
            | '\u{E}'..='\u{1F}'
            | '\u{7F}'..='\u{84}'
            | '\u{86}'..='\u{9F}'
    )
}

/// Does `text` have more than `limit` characters (`text.chars().count() >
/// limit`)? The rules ask it of every line, most of them paragraphs far
/// past any limit: a character is one to four bytes, so the byte length
/// decides unless it lies between `limit` and four times `limit`, and
/// only then are the characters counted.
pub fn longer_than(text: &str, limit: usize) -> bool {
    let bytes = text.len();
    if bytes <= limit {
        return false;
    }
    if bytes / 4 > limit {
        return true;
    }
    text.chars().count() > limit
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
    display_nfc(&crate::text::nfc_cow(s))
}

/// A tag a scrape left in the text: "<p>", "</strong>", "<br/>", "<span
/// style=…>". Text in angle brackets that does not open like a tag ("< 5%",
/// "<<Tin liên quan>>") is not one.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r#"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>"#));

/// An image tag's alt text, which is what the image showed in words.
static IMAGE_ALT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r#"(?i)<img\b[^<>]*?\balt\s*=\s*"([^"<>]*)"[^<>]*>"#)
});

/// The text of a line without the HTML a scrape left in it: tags dropped
/// (an image's alt text kept), then entities decoded ("&nbsp;", "&amp;",
/// "&#8211;"). Decoding comes last, so an escaped tag ("&lt;p&gt;") is
/// text the page showed, and stays.
pub fn without_markup(line: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr2(b'<', b'&', line.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut text = line.to_string();
    if text.contains('<') {
        text = IMAGE_ALT.replace_all(&text, " $1 ").into_owned();
        text = TAG.replace_all(&text, " ").into_owned();
    }
    if text.contains('&') {
        text = crate::text::nfc(&html_escape::decode_html_entities(&text));
    }
    if text == line {
        std::borrow::Cow::Borrowed(line)
    } else {
        std::borrow::Cow::Owned(text)
    }
}

/// `display` of a text already NFC.
pub fn display_nfc(nfc: &str) -> String {
    let unmarked = without_markup(nfc);
    let nfc = unmarked.as_ref();
    let folded = if is_folded(nfc) {
        nfc.to_string()
    } else {
        fold_spaces(nfc)
    };
    // Both rewrites need a dash between digits; most lines have none, and
    // in most of the rest it is written as the rewrite would write it.
    let text = if has_year_range_to_rewrite(&folded) {
        write_year_ranges(&folded)
            .unwrap_or_else(|| YEAR_RANGE.replace_all(&folded, "$1–$2").into_owned())
    } else {
        folded
    };
    if !has_number_range_to_rewrite(&text) {
        return text;
    }
    NUMBER_RANGE_DASH.replace_all(&text, "$1 – $2").into_owned()
}

/// A dash ('-', '–', '—') in a line, with the plain spaces on each side.
struct DashSite<'a> {
    /// The line before the spaces before the dash.
    before: &'a str,
    spaces_before: usize,
    en_dash: bool,
    spaces_after: usize,
    /// The line after the spaces after the dash.
    after: &'a str,
}

impl DashSite<'_> {
    /// Written as `display` writes it, between `spaces` spaces on each side.
    fn is_en_dash_between(&self, spaces: usize) -> bool {
        self.en_dash && self.spaces_before == spaces && self.spaces_after == spaces
    }
}

/// The dashes of `text`, in order.
fn dash_sites(text: &str) -> impl Iterator<Item = DashSite<'_>> {
    // Found by byte: '-' is 2D, '–' and '—' are E2 80 93 and E2 80 94.
    // Decoding every character to find them cost more than the rewrites.
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'-', 0xE2, bytes).filter_map(move |i| {
        let (len, en_dash) = match bytes.get(i..) {
            Some([b'-', ..]) => (1, false),
            Some([0xE2, 0x80, 0x93, ..]) => (3, true),
            Some([0xE2, 0x80, 0x94, ..]) => (3, false),
            _ => return None,
        };
        let before = text[..i].trim_end_matches(' ');
        let after = text[i + len..].trim_start_matches(' ');
        Some(DashSite {
            before,
            spaces_before: i - before.len(),
            en_dash,
            spaces_after: text.len() - (i + len) - after.len(),
            after,
        })
    })
}

/// Can `YEAR_RANGE` change `text`? Only where a dash has, past any plain
/// spaces, what may be a year (`(?:19|20)\d\d`) on each side, and is not
/// already an unspaced en dash: every match is such a place, and a match
/// already written "2020–2025" is replaced by itself. (`char::is_numeric`
/// holds for every `\d` and more: a line it lets through is only searched.)
fn has_year_range_to_rewrite(text: &str) -> bool {
    let century = |a: Option<char>, b: Option<char>| {
        matches!((a, b), (Some('1'), Some('9')) | (Some('2'), Some('0')))
    };
    let numeric = |c: Option<char>| c.is_some_and(char::is_numeric);
    dash_sites(text).any(|site| {
        let mut before = site.before.chars().rev();
        let (d4, d3, d2, d1) = (before.next(), before.next(), before.next(), before.next());
        let mut after = site.after.chars();
        let (e1, e2, e3, e4) = (after.next(), after.next(), after.next(), after.next());
        !site.is_en_dash_between(0)
            && century(d1, d2)
            && numeric(d3)
            && numeric(d4)
            && century(e1, e2)
            && numeric(e3)
            && numeric(e4)
    })
}

/// `YEAR_RANGE.replace_all(text, "$1–$2")` written by hand, or `None` for a
/// line with a year of other digits than 0-9 (`\d` is Unicode), left to
/// the pattern. A quarter of the lines have a term ("2020 - 2025") to
/// rewrite, and the pattern's `\b` sent each of them to the slow engines.
///
/// Every match is at a dash (`dash_sites`): four digits ending right before
/// the spaces before it, starting at a word boundary, and four after the
/// spaces after it, ending at one. Matches are taken left to right, each
/// after the last one's end, as `replace_all` takes them.
fn write_year_ranges(text: &str) -> Option<String> {
    let is_year = |y: &[u8]| matches!(y, [b'1', b'9', c, d] | [b'2', b'0', c, d] if c.is_ascii_digit() && d.is_ascii_digit());
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for site in dash_sites(text) {
        let before = site.before.as_bytes();
        let after = site.after.as_bytes();
        let (Some(start), Some(first), Some(second)) = (
            before.len().checked_sub(4),
            before.last_chunk::<4>(),
            after.first_chunk::<4>(),
        ) else {
            if other_digits_around(&site) {
                return None;
            }
            continue;
        };
        if !is_year(first) || !is_year(second) {
            if other_digits_around(&site) {
                return None;
            }
            continue;
        }
        let end = text.len() - after.len() + 4;
        if start < copied
            || !crate::text::is_word_boundary(text, start)
            || !crate::text::is_word_boundary(text, end)
        {
            continue;
        }
        out.push_str(&text[copied..start + 4]);
        out.push('–');
        out.push_str(&text[end - 4..end]);
        copied = end;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Could a year at this dash be written in digits other than 0-9: a
/// non-ASCII numeric character among the four characters on either side?
fn other_digits_around(site: &DashSite) -> bool {
    let other = |c: char| !c.is_ascii() && c.is_numeric();
    site.before.chars().rev().take(4).any(other) || site.after.chars().take(4).any(other)
}

/// Can `NUMBER_RANGE_DASH` change `text`? Only where a dash has, past any
/// plain spaces, a digit on each side, with a space on at least one side,
/// and is not already an en dash between single spaces (which a match
/// there is replaced by).
fn has_number_range_to_rewrite(text: &str) -> bool {
    dash_sites(text).any(|site| {
        site.spaces_before + site.spaces_after > 0
            && !site.is_en_dash_between(1)
            && site
                .before
                .chars()
                .next_back()
                .is_some_and(char::is_numeric)
            && site.after.chars().next().is_some_and(char::is_numeric)
    })
}

/// Odd spaces and white space folded to one ' ', invisible characters
/// dropped, trimmed: `display` before its number-range rewrites.
fn fold_spaces(text: &str) -> String {
    // Runs of kept characters are copied whole; only a byte that can begin
    // a white space or invisible character is decoded and looked at.
    let mut folded = String::with_capacity(text.len());
    let mut space = false;
    let mut run = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !may_begin_gap(b, bytes.get(i + 1).copied()) {
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
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
            folded.push_str(&text[run..i]);
        }
        space |= gap;
        run = i + c.len_utf8();
    }
    if run < text.len() {
        if space && !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(&text[run..]);
    }
    folded
}

/// Is `fold_spaces(text) == text`: single spaces between words, nothing
/// else that folds? True for most lines, which are then copied whole.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Each test is one vectorised pass over the line, where looking at
    // every byte in turn cost more than the rest of `display`. Plain spaces
    // fold only when doubled; ASCII white space other than ' ' always does.
    // The searchers are made once: making one costs more than a search of
    // a line.
    static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    // U+1680, the Ogham space mark, begins with these two bytes.
    static OGHAM_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"\xE1\x9A"));
    if DOUBLE_SPACE.find(bytes).is_some() || has_ascii_control(bytes) {
        return false;
    }
    // The other characters that fold begin with one of these bytes (see
    // `may_begin_gap`); most lines have none, or only quotes and dashes.
    let folds_at = |i: usize| {
        let c = text.get(i..).and_then(|rest| rest.chars().next());
        c.is_some_and(|c| c.is_whitespace() || is_odd_space(c) || is_invisible(c))
    };
    !(OGHAM_SPACE.find_iter(bytes).any(folds_at)
        || memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(folds_at)
        || memchr::memchr_iter(0xEF, bytes).any(folds_at))
}

/// Does `bytes` hold an ASCII control character (white space other than
/// ' ' included)? Eight bytes at a time: a byte below 0x20 is found by the
/// borrow it leaves subtracting 0x20 from each byte ("hasless" in Sean
/// Anderson's bit hacks), exact for bytes below 0x80; DEL by `memchr`.
fn has_ascii_control(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x2020_2020_2020_2020;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let below_space = chunks.by_ref().any(|c| {
        let mut word = [0; 8];
        word.copy_from_slice(c);
        let x = u64::from_le_bytes(word);
        x.wrapping_sub(LOW) & !x & HIGH != 0
    });
    below_space
        || chunks.remainder().iter().any(|&b| b < 0x20)
        || memchr::memchr(0x7F, bytes).is_some()
}

/// `is_folded` as first written, byte by byte: the definition the fast
/// one is tested against.
#[cfg(test)]
fn is_folded_by_bytes(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        // Most bytes are none of these: one table lookup passes them.
        if !MAY_BEGIN_GAP_OR_SPACE[usize::from(b)] {
            after_space = false;
            continue;
        }
        if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        if may_begin_gap(b, bytes.get(i + 1).copied()) {
            let c = text.get(i..).and_then(|rest| rest.chars().next());
            if c.is_some_and(|c| c.is_whitespace() || is_odd_space(c) || is_invisible(c)) {
                return false;
            }
        }
    }
    true
}

/// The bytes `is_folded_by_bytes` has to look at: ' ', and every byte for
/// which `may_begin_gap` can say yes.
#[cfg(test)]
static MAY_BEGIN_GAP_OR_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b == b' ' as usize || may_begin_gap(b as u8, Some(0x9A));
        b += 1;
    }
    table
};

/// Can the character starting with byte `b` (followed by `next`) be white
/// space, an odd space or invisible? Those are ASCII white space and
/// control characters, U+0080..U+00AD (0xC2 ..), U+1680 (0xE1 0x9A ..),
/// U+2000..U+206F (0xE2 ..), U+3000 (0xE3 ..) and U+FEFF (0xEF ..). 0xE1
/// also begins every Vietnamese letter of U+1E00..U+1EFF, hence the look at
/// `next`.
#[inline]
const fn may_begin_gap(b: u8, next: Option<u8>) -> bool {
    match b {
        0x00..=b' ' | 0x7F | 0xC2 | 0xE2 | 0xE3 | 0xEF => true,
        0xE1 => matches!(next, Some(0x9A)),
        _ => false,
    }
}

/// Does `text` hold a capital sigma, whose lower case depends on what
/// surrounds it? Searched for by its two bytes with a searcher made once:
/// `str::contains` looks for its last byte, which 'ã' and 'ợ' share.
fn has_capital_sigma(text: &str) -> bool {
    static SIGMA: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Σ"));
    SIGMA.find(text.as_bytes()).is_some()
}

/// A key for comparing two lines that differ only in typography: display
/// form, lower case, dashes folded to "-" with the spaces around them gone.
pub fn compare_key(s: &str) -> String {
    compare_key_nfc(&crate::text::nfc_cow(s))
}

/// `compare_key` of a text already NFC.
pub fn compare_key_nfc(nfc: &str) -> String {
    // A capital sigma lower-cases by what surrounds it: the long way.
    if has_capital_sigma(nfc) {
        return fold_dashes(&display_nfc(nfc).to_lowercase());
    }
    let mut out = String::with_capacity(nfc.len());
    walk_key(nfc, |c| {
        out.push(c);
        true
    });
    out
}

/// Hands `visit` the characters of `compare_key` of an NFC text without a
/// capital sigma, in order, while it asks for more (returns true); true
/// when every character was handed over. `KeyChars` written as one loop:
/// a key is read for every line of an article, and the iterator's
/// bookkeeping per character cost more than the work.
#[inline]
fn walk_key(nfc: &str, mut visit: impl FnMut(char) -> bool) -> bool {
    let (mut space, mut begun, mut after_dash) = (false, false, false);
    for c in nfc.chars() {
        // Most of a line is ASCII, and its tests are short: ASCII white
        // space is '\t'..='\r' and ' ', the other controls are invisible,
        // and no ASCII character is a dash but '-'.
        let dash = if c.is_ascii() {
            if matches!(c, '\t'..='\r' | ' ') {
                space = true;
                continue;
            }
            if c.is_ascii_control() {
                continue;
            }
            c == '-'
        } else {
            if c.is_whitespace() || is_odd_space(c) {
                space = true;
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            matches!(c, '–' | '—')
        };
        if std::mem::take(&mut space) && begun && !after_dash && !dash && !visit(' ') {
            return false;
        }
        begun = true;
        after_dash = dash;
        let more = if dash {
            visit('-')
        } else if c.is_ascii() {
            visit(c.to_ascii_lowercase())
        } else {
            match crate::text::lower_one(c) {
                Some(l) => visit(l),
                None => c.to_lowercase().all(&mut visit),
            }
        };
        if !more {
            return false;
        }
    }
    true
}

/// Is `key` the `compare_key` of `nfc`, an NFC text without a capital
/// sigma? Stops at the first character that differs.
fn key_equals(nfc: &str, key: &str) -> bool {
    let mut want = key.chars();
    walk_key(nfc, |c| want.next() == Some(c)) && want.next().is_none()
}

/// Compares parts of one line (its sentences, say) with a key: is
/// `compare_key(part) == key`? Each comparison stops at the first character
/// that differs, which for most sentences compared with a title is the
/// first.
pub struct KeyMatcher<'k> {
    key: &'k str,
    /// The line is NFC by `nfc_cow`'s test, and so is each part of it (both
    /// of its tests hold for every part of a text that passes them), and has
    /// no capital sigma: a part's key can be read off its characters.
    simple: bool,
}

impl<'k> KeyMatcher<'k> {
    pub fn new(line: &str, key: &'k str) -> Self {
        let nfc = matches!(crate::text::nfc_cow(line), std::borrow::Cow::Borrowed(_));
        KeyMatcher {
            key,
            simple: nfc && !has_capital_sigma(line),
        }
    }

    /// `new` for a line of NFC starters (`text::is_nfc_starters`), whose
    /// every part is NFC too.
    pub fn new_nfc(line: &str, key: &'k str) -> Self {
        KeyMatcher {
            key,
            simple: !has_capital_sigma(line),
        }
    }

    /// `compare_key(part) == key`, for `part` a substring of the line.
    pub fn matches(&self, part: &str) -> bool {
        if self.simple {
            key_equals(part, self.key)
        } else {
            compare_key(part) == self.key
        }
    }
}

/// A display line's `compare_key`, read only as far as a question needs:
/// most lines differ from the title in their first character and from
/// every other line of the article in their first few, so the whole key
/// is seldom made.
pub struct LineKey<'a> {
    line: &'a str,
    /// As `KeyMatcher::simple`: the key can be read off the characters.
    simple: bool,
}

impl<'a> LineKey<'a> {
    /// `starters`: the line is made of NFC starters
    /// (`text::is_nfc_starters`), so it is NFC without a check.
    pub fn new(line: &'a str, starters: bool) -> Self {
        let nfc = starters || matches!(crate::text::nfc_cow(line), std::borrow::Cow::Borrowed(_));
        LineKey {
            line,
            simple: nfc && !has_capital_sigma(line),
        }
    }

    /// `compare_key(line) == key`, stopping at the first character that
    /// differs.
    pub fn equals(&self, key: &str) -> bool {
        if self.simple {
            key_equals(self.line, key)
        } else {
            compare_key(self.line) == key
        }
    }

    /// `compare_key(line) == compare_key(other's line)`, stopping at the
    /// first character that differs: lines that open alike (and so share a
    /// head) mostly part soon after it, and making the whole key of either
    /// would read the rest of a paragraph.
    pub fn same_key(&self, other: &LineKey) -> bool {
        if self.simple && other.simple {
            let mut want = KeyChars::new(other.line);
            walk_key(self.line, |c| want.next() == Some(c)) && want.next().is_none()
        } else {
            self.full() == other.full()
        }
    }

    /// The whole key: `compare_key(line)`.
    pub fn full(&self) -> String {
        if self.simple {
            compare_key_nfc(self.line)
        } else {
            compare_key(self.line)
        }
    }

    /// A hash of the key's first `n` characters, and how many there are
    /// (`n` at most). Two lines with equal keys have equal heads.
    pub fn head(&self, n: usize) -> (u64, usize) {
        use std::hash::Hasher;
        let mut hash = rustc_hash::FxHasher::default();
        let mut count = 0;
        let mut take = |c: char| {
            hash.write_u32(u32::from(c));
            count += 1;
            count < n
        };
        if self.simple {
            if n > 0 {
                walk_key(self.line, take);
            }
        } else {
            compare_key(self.line)
                .chars()
                .take(n)
                .for_each(|c| _ = take(c));
        }
        (hash.finish(), count)
    }
}

/// `compare_key` folding of dashes in a lower-case display line.
fn fold_dashes(d: &str) -> String {
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

/// The characters of `compare_key` of an NFC text without a capital sigma,
/// as an iterator, for reading two keys side by side. In one pass: `display`'s space folding, lower case char by char (the
/// same as `str::to_lowercase` without a sigma), dashes folded.
///
/// `display`'s number-range rewrites are skipped: they only respace and
/// swap the dash between two digits, which the dash folding undoes.
struct KeyChars<'a> {
    chars: std::str::Chars<'a>,
    /// Lower case of the current character not yet given out: one
    /// character (most), or the rest of several.
    pending: Option<char>,
    lower: Option<std::char::ToLowercase>,
    /// White space seen since the last character given out.
    space: bool,
    /// Anything given out yet; the last was a dash.
    begun: bool,
    after_dash: bool,
}

impl<'a> KeyChars<'a> {
    fn new(nfc: &'a str) -> Self {
        KeyChars {
            chars: nfc.chars(),
            pending: None,
            lower: None,
            space: false,
            begun: false,
            after_dash: false,
        }
    }
}
impl Iterator for KeyChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(l) = self.pending.take() {
            return Some(l);
        }
        if let Some(l) = self.lower.as_mut().and_then(Iterator::next) {
            return Some(l);
        }
        loop {
            let c = self.chars.next()?;
            if c.is_ascii() {
                // Most of a line: ASCII white space is '\t'..='\r' and ' ',
                // the other controls are invisible, no ASCII character is a
                // dash but '-', and each has one lower case.
                if matches!(c, '\t'..='\r' | ' ') {
                    self.space = true;
                    continue;
                }
                if c.is_ascii_control() {
                    continue;
                }
                let dash = c == '-';
                let space = std::mem::take(&mut self.space) && self.begun && !self.after_dash;
                self.begun = true;
                self.after_dash = dash;
                let l = c.to_ascii_lowercase();
                if space && !dash {
                    self.pending = Some(l);
                    return Some(' ');
                }
                return Some(l);
            }
            if c.is_whitespace() || is_odd_space(c) {
                self.space = true;
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            // A dash takes the place of the spaces on both of its sides.
            let dash = matches!(c, '-' | '–' | '—');
            let space = std::mem::take(&mut self.space) && self.begun && !self.after_dash;
            self.begun = true;
            self.after_dash = dash;
            if dash {
                return Some('-');
            }
            if let Some(l) = crate::text::lower_one(c) {
                if space {
                    self.pending = Some(l);
                    return Some(' ');
                }
                return Some(l);
            }
            let mut lower = c.to_lowercase();
            if space {
                self.lower = Some(lower);
                return Some(' ');
            }
            let first = lower.next();
            self.lower = Some(lower);
            return first;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_a_scrape_left_is_dropped_and_entities_decoded() {
        assert_eq!(
            display("<p><strong>Sáng 4/11,</strong> Quận ủy Ba Đình</p>"),
            "Sáng 4/11, Quận ủy Ba Đình"
        );
        assert_eq!(
            display("nhiệm kỳ 2020&nbsp;-&nbsp;2025"),
            "nhiệm kỳ 2020–2025"
        );
        assert_eq!(
            display("Kinh tế &amp; Đô thị &quot;Thủ đô&quot;"),
            "Kinh tế & Đô thị \"Thủ đô\""
        );
        assert_eq!(display("&nbsp;"), "");
        assert_eq!(
            display(r#"<img src="a.jpg" alt="Quang cảnh Hội nghị">"#),
            "Quang cảnh Hội nghị"
        );
        // Not tags, and an escaped tag is text.
        assert_eq!(display("tỷ lệ < 5% và > 3%"), "tỷ lệ < 5% và > 3%");
        assert_eq!(display("&lt;p&gt; là thẻ"), "<p> là thẻ");
        assert_eq!(display("Kinh tế & Đô thị"), "Kinh tế & Đô thị");
        // A decoded entity is NFC like the rest: "a" + combining grave.
        assert_eq!(display("a&#768;"), "à");
    }

    #[test]
    fn walked_keys_agree_with_key_chars() {
        let pieces = [
            "a", "Đ", "ố", "Ế", " ", "  ", "\u{a0}", "\u{2003}", "\t", "\u{200B}", "\u{1}", "-",
            "–", "—", " - ", "İ", "ǅ", "ß", "\u{212A}", "東", "😀", "2020", "x", "\u{7f}", "\r\n",
            "\u{b}", "\u{85}",
        ];
        let lines: Vec<String> = crate::text::FOLD_SAMPLES
            .iter()
            .map(|s| crate::text::nfc(s))
            .chain(crate::text::random_joinings(&pieces, 3000, 14))
            .filter(|s| !has_capital_sigma(s))
            .collect();
        for (k, a) in lines.iter().enumerate() {
            let key: String = KeyChars::new(a).collect();
            assert_eq!(compare_key_nfc(a), key, "{a:?}");
            assert!(key_equals(a, &key), "{a:?}");
            let line_key = LineKey::new(a, false);
            for n in [0, 1, 2, 5, 32] {
                let mut hash = rustc_hash::FxHasher::default();
                let mut count = 0;
                KeyChars::new(a).take(n).for_each(|c| {
                    std::hash::Hasher::write_u32(&mut hash, u32::from(c));
                    count += 1;
                });
                let want = (std::hash::Hasher::finish(&hash), count);
                assert_eq!(line_key.head(n), want, "{a:?} {n}");
            }
            // Each line against a few others, and against its key cut short
            // or lengthened.
            for b in lines.iter().skip(k).take(5) {
                let same = KeyChars::new(a).eq(KeyChars::new(b));
                assert_eq!(key_equals(a, &KeyChars::new(b).collect::<String>()), same);
                assert_eq!(
                    line_key.same_key(&LineKey::new(b, false)),
                    same,
                    "{a:?} {b:?}"
                );
            }
            let mut shorter = key.clone();
            if shorter.pop().is_some() {
                assert!(!key_equals(a, &shorter), "{a:?}");
            }
            assert!(!key_equals(a, &format!("{key}x")), "{a:?}");
        }
    }

    #[test]
    fn longer_than_counts_characters_as_chars_count_does() {
        let pieces = [
            "a",
            " ",
            "ạ",
            "Đ",
            "ố",
            "o\u{302}\u{301}",
            "\u{301}",
            "東",
            "😀",
            "\u{a0}",
            "–",
        ];
        let samples = crate::text::samples_with(&[], &pieces, 3000, 40);
        for s in samples {
            let n = s.chars().count();
            for limit in [
                0,
                1,
                2,
                3,
                5,
                8,
                9,
                10,
                11,
                12,
                20,
                39,
                40,
                41,
                100,
                n.saturating_sub(1),
                n,
                n + 1,
            ] {
                assert_eq!(longer_than(&s, limit), n > limit, "{s:?} {limit}");
            }
        }
    }

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
    fn number_range_precheck_lets_every_range_through() {
        for s in [
            "2020- 2025",
            "2 - 4/6",
            "21 -23",
            "1 —2",
            "٢ — ٣",
            "x 5 - 6 y",
            "1  –  2",
        ] {
            assert!(has_number_range_to_rewrite(s), "{s:?}");
        }
        let already = ["1–2", "21 – 23", "5-6", "Covid-19"];
        for s in ["KT - XH", "a – b", "5 , - 6", "-", "2020 -"]
            .iter()
            .chain(&already)
        {
            assert!(!has_number_range_to_rewrite(s), "{s:?}");
        }
        for s in [
            "2020- 2025",
            "1999—2000",
            "2015 – 2020",
            "2020-2025",
            "x1920 -2099",
        ] {
            assert!(has_year_range_to_rewrite(s), "{s:?}");
        }
        for s in [
            "2020–2025",
            "2020 – 20",
            "1820-2025",
            "2020 - 2125",
            "số 05-CT",
        ] {
            assert!(!has_year_range_to_rewrite(s), "{s:?}");
        }
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
    fn keys_agree_with_the_definition() {
        let definition = |s: &str| fold_dashes(&display(s).to_lowercase());
        for s in [
            "",
            " - a",
            "a -- b",
            "a - - b",
            "a \u{200B}b",
            "\u{a0}Nhiệm kỳ 2020 - 2025 \u{2003}",
            "Từ ngày 21 - 23/7 –",
            "ĐỐNG ĐA  —  Ba Đình",
            "ΣΑΣ Σ",
            "İstanbul",
            "Đo\u{302}\u{301}ng Đa",
        ] {
            assert_eq!(compare_key(s), definition(s), "{s:?}");
            if !s.contains('Σ') {
                let by_chars: String = KeyChars::new(&crate::text::nfc(s)).collect();
                assert_eq!(compare_key(s), by_chars, "{s:?}");
            }
            let key = definition(s);
            assert!(KeyMatcher::new(s, &key).matches(s), "{s:?}");
        }
        assert!(!KeyMatcher::new("Đống Đa", "đống").matches("Đống Đa"));
        assert!(!KeyMatcher::new("Đống", "đống đa").matches("Đống"));
    }

    #[test]
    fn key_chars_of_ascii_agree_with_the_definition() {
        let definition = |s: &str| fold_dashes(&display(s).to_lowercase());
        for c in (0u8..0x80).map(char::from) {
            for s in [
                format!("{c}"),
                format!("Hà {c} Nội"),
                format!("a{c}b"),
                format!(" - {c} -x"),
                format!("{c}\u{a0}{c}—Đa"),
            ] {
                let by_chars: String = KeyChars::new(&crate::text::nfc(&s)).collect();
                assert_eq!(by_chars, definition(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn capital_sigma_is_found_as_by_characters() {
        for s in ["", "Σ", "ΣΑΣ", "xΣ", "Hà Nội ã ợ", "σς", "ΑΒΓ Σ."] {
            assert_eq!(has_capital_sigma(s), s.contains('Σ'), "{s:?}");
        }
    }

    #[test]
    fn folded_lines_are_found_as_byte_by_byte() {
        let chars = (0u32..0x3100)
            .chain([0xFEFF, 0xFFFD, 0x1F600])
            .filter_map(char::from_u32);
        for c in chars {
            for s in [
                format!("{c}"),
                format!("a{c}b"),
                format!("Hà Nội {c}x"),
                format!("Đống Đa{c}"),
                format!("“Quận” {c}{c} – 2020"),
            ] {
                assert_eq!(is_folded(&s), is_folded_by_bytes(&s), "{s:?}");
            }
        }
        for s in [
            "",
            " ",
            "a  b",
            "a b ",
            " a",
            "Hà Nội, ngày 2/9.",
            "a\tb",
            "x\u{a0}y",
        ] {
            assert_eq!(is_folded(s), is_folded_by_bytes(s), "{s:?}");
        }
    }

    #[test]
    fn display_agrees_with_both_rewrites_run_on_every_line() {
        let by_regexes = |s: &str| {
            let folded = fold_spaces(&crate::text::nfc(s));
            let years = YEAR_RANGE.replace_all(&folded, "$1–$2");
            NUMBER_RANGE_DASH
                .replace_all(&years, "$1 – $2")
                .into_owned()
        };
        for s in [
            "nhiệm kỳ 2020- 2025",
            "nhiệm kỳ 2020 -2025, 2015 – 2020 và 1990—1995",
            "2020 - 2025 - 2030",
            "Từ ngày 21 - 23/7, số 0243-9421865",
            "năm 1920-21; 12020-2025; 2020-20255",
            "x2020-2025y và 2020-2025",
            "٢٠٢٠ - ٢٠٢٥",
            "1999 –  2000",
            "19 - 20",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị",
            "\u{a0}Nhiệm kỳ 2020  -  2025 \u{2003}",
            "-2020 - 2025-",
            "2020–2025 và 2015 - 2020",
            "21 – 23 và 5 -6",
            "1 - 2 - 3",
            "2020–2025-2030",
            "1 – 2–3",
            "2020-2021-2022 - 2023",
            "2020 -2021 2022- 2023",
            "_2020-2025 và 2020-2025_ và ồ2020-2025 và 2020-2025ồ",
            "(2020 - 2025), 1999-2000.",
            "٢٠٢٠ - 2025 và 2020 - ٢٠٢٥ và 2020 - 2025",
            "20٢٠ - 2025 và 2020-2025",
            "Nhiệm kỳ 2020 - 2025 của Đảng bộ quận Hoàn Kiếm, 2025 - 2030",
        ] {
            assert_eq!(display(s), by_regexes(s), "{s:?}");
        }
        // Every line of up to four of these pieces.
        let pieces = [
            "2020", "1999", "5", "٣", " ", "  ", "-", "–", "—", "a", "Hà", "19", "205", "_", "ồ",
            ".",
        ];
        for s in &crate::text::joinings(&pieces, 4) {
            assert_eq!(display(s), by_regexes(s), "{s:?}");
        }
    }

    #[test]
    fn line_keys_agree_with_compare_key() {
        let lines = [
            "",
            "Đống Đa",
            "ĐỐNG ĐA  —  Ba Đình",
            "Nhiệm kỳ 2020 - 2025",
            "nhiệm kỳ 2020–2025",
            "ΣΑΣ Σ",
            "İstanbul",
            "Đo\u{302}\u{301}ng Đa",
            "e\u{200B}\u{301}",
            "a \u{200B}b",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành lần thứ Mười.",
            "SÁNG 6/1, ĐẢNG BỘ QUẬN CẦU GIẤY TỔ CHỨC HỘI NGHỊ BAN CHẤP HÀNH LẦN THỨ MƯỜI.",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành lần thứ Mười",
            "Sáng 6/1,  Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành lần thứ Mười.",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành lần thứ Mười. ",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành - lần thứ Mười.",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành – lần thứ Mười.",
            "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành lần thứ Σ.",
        ];
        for a in lines {
            let starters = crate::text::is_nfc_starters(a);
            for line_key in [LineKey::new(a, starters), LineKey::new(a, false)] {
                let key = compare_key(a);
                assert_eq!(line_key.full(), key, "{a:?}");
                let head: String = key.chars().take(8).collect();
                let mut hash = rustc_hash::FxHasher::default();
                head.chars()
                    .for_each(|c| std::hash::Hasher::write_u32(&mut hash, u32::from(c)));
                let want = (std::hash::Hasher::finish(&hash), head.chars().count());
                assert_eq!(line_key.head(8), want, "{a:?}");
                for b in lines {
                    assert_eq!(line_key.equals(&compare_key(b)), key == compare_key(b));
                    let same = key == compare_key(b);
                    let starters = crate::text::is_nfc_starters(b);
                    for other in [LineKey::new(b, starters), LineKey::new(b, false)] {
                        assert_eq!(line_key.same_key(&other), same, "{a:?} {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_controls_are_found_as_byte_by_byte() {
        let bytes: Vec<u8> = (0u8..=0xFF).collect();
        for b in 0u8..=0xFF {
            for at in 0..20 {
                // `b` at every place of a word and of the tail, among
                // plain letters and among the bytes of "Đống Đa".
                for filler in [
                    "abcdefghijklmnopqrstu".as_bytes(),
                    "Đống Đa Đống Đa".as_bytes(),
                ] {
                    let mut s = filler[..filler.len().min(20)].to_vec();
                    if at < s.len() {
                        s[at] = b;
                    }
                    let expected = s.iter().any(|&x| x < 0x20 || x == 0x7F);
                    assert_eq!(has_ascii_control(&s), expected, "{s:?}");
                }
            }
        }
        assert!(!has_ascii_control(&bytes[0x20..0x7F]));
        assert!(has_ascii_control(&bytes));
    }

    #[test]
    fn gap_bytes_cover_every_gap() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if c.is_whitespace() || is_odd_space(c) || is_invisible(c) {
                let mut buf = [0; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                assert!(may_begin_gap(b[0], b.get(1).copied()), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_byte_table_covers_every_gap_byte() {
        for b in 0..=255u8 {
            for next in (0..=255u8).map(Some).chain([None]) {
                if b == b' ' || may_begin_gap(b, next) {
                    assert!(MAY_BEGIN_GAP_OR_SPACE[usize::from(b)], "{b:#x}");
                }
            }
        }
    }

    #[test]
    fn blank_lines_include_no_break_only_lines() {
        assert!(is_blank(" \u{a0}\t"));
        assert!(!is_blank("\u{a0}x"));
    }
}

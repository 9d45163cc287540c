//! Text helpers shared by the stages: one normalisation for comparing
//! Vietnamese names, and a diacritic fold for search and slugs.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Compile one of the program's own regular expressions, held in a
/// `LazyLock` static. The pattern is a literal in the source, never input:
/// each is compiled by the unit tests of its rule, so a bad one fails
/// `cargo test`, not a user's build. This is the one place that may panic
/// on it.
#[allow(clippy::expect_used)]
pub fn static_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a static pattern of the program")
}

/// A regular expression with Unicode word boundaries (`\b`), searched
/// through a prefilter.
///
/// regex's fast engine (the lazy DFA) gives up on `\b` as soon as the text
/// has a non-ASCII byte, which Vietnamese text has in every word, and the
/// slow engines then scan the whole text. The prefilter is the same pattern
/// with every `\b` left out, which the DFA runs: it matches wherever the
/// pattern does (an assertion left out only lets more through), so no match
/// of the pattern starts before the prefilter's first match, and the
/// pattern is started from there. Every answer is the pattern's own.
///
/// Most patterns are `\b X \b`, `\b X` or `X \b`, with no other `\b`:
/// for them the slow engine is mostly not needed at all (see
/// `find_with_source`).
pub struct WordRegex {
    /// The pattern as written, compiled when first needed: with `edges`,
    /// most searches never need it (compiling costs more than many
    /// searches).
    source: String,
    pattern: std::sync::OnceLock<Regex>,
    prefilter: Regex,
    /// The pattern is `X` with a `\b` before it, after it or both, and the
    /// prefilter `X`; none for any other pattern.
    edges: Option<Edges>,
}

/// Where a `WordRegex`'s pattern has its only `\b`s: first, last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edges {
    start: bool,
    end: bool,
}

impl WordRegex {
    /// The first match of the pattern starting at or after `start`, as
    /// `Regex::find_at`.
    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<regex::Match<'t>> {
        self.find_with_source(text, start).map(|(m, _)| m)
    }

    /// `find_at`, and whether the match is the prefilter's own: the same
    /// way through `X`, so with the same groups.
    fn find_with_source<'t>(
        &self,
        text: &'t str,
        start: usize,
    ) -> Option<(regex::Match<'t>, bool)> {
        let Some(edges) = self.edges else {
            let from = self.prefilter.find_at(text, start)?.start();
            return self.pattern().find_at(text, from).map(|m| (m, false));
        };
        // The prefilter's matches start, in order, at every place a match
        // of the pattern can start. Where `X`'s preferred match there has
        // the pattern's word boundaries, it is the pattern's preferred
        // match too; without the one at the start, the pattern has no match
        // there. Only a missing boundary at the end (a less preferred way
        // through `X` may still end at one) needs the pattern itself.
        let mut at = start;
        loop {
            let m = self.prefilter.find_at(text, at)?;
            if edges.start && !is_word_boundary(text, m.start()) {
                let next = text[m.start()..].chars().next()?.len_utf8();
                at = m.start() + next;
                continue;
            }
            if !edges.end || is_word_boundary(text, m.end()) {
                return Some((m, true));
            }
            return self.pattern().find_at(text, m.start()).map(|m| (m, false));
        }
    }

    /// `Regex::captures_at`. Where the match is the prefilter's own, its
    /// groups are read by the prefilter, which the fast engines can run.
    pub fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<regex::Captures<'t>> {
        if self.edges.is_none() {
            let from = self.prefilter.find_at(text, start)?.start();
            return self.pattern().captures_at(text, from);
        }
        // No match starts before the one found, so searching from its start
        // finds it again, the same way through `X`.
        let (m, own) = self.find_with_source(text, start)?;
        let by = if own { &self.prefilter } else { self.pattern() };
        by.captures_at(text, m.start())
    }

    /// `Regex::replace_all` with a replacement string (`$1` expanded).
    pub fn replace_all<'t>(&self, text: &'t str, replacement: &str) -> std::borrow::Cow<'t, str> {
        let mut matches = self.captures_iter(text).peekable();
        if matches.peek().is_none() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for c in matches {
            let Some(m) = c.get(0) else { continue };
            out.push_str(&text[last..m.start()]);
            c.expand(replacement, &mut out);
            last = m.end();
        }
        out.push_str(&text[last..]);
        std::borrow::Cow::Owned(out)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_at(text, 0)
    }

    /// `Regex::is_match_at`. Most texts have no match: the prefilter says
    /// so without finding where a match starts.
    pub fn is_match_at(&self, text: &str, start: usize) -> bool {
        self.prefilter.is_match_at(text, start) && self.find_at(text, start).is_some()
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn pattern(&self) -> &Regex {
        self.pattern.get_or_init(|| static_regex(&self.source))
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.find_at(text, 0)
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.captures_at(text, 0)
    }

    /// `Regex::find_iter`, for a pattern that never matches the empty
    /// string (each search starts where the last match ended).
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> + 'r
    where
        't: 'r,
    {
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let m = self.find_at(text, at?)?;
            at = (m.end() > m.start()).then_some(m.end());
            Some(m)
        })
    }

    /// `Regex::captures_iter`, for a pattern that never matches the empty
    /// string.
    pub fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Captures<'t>> + 'r
    where
        't: 'r,
    {
        let mut at = Some(0);
        std::iter::from_fn(move || {
            let c = self.captures_at(text, at?)?;
            at = c.get(0).filter(|m| m.end() > m.start()).map(|m| m.end());
            Some(c)
        })
    }
}

/// `static_regex` for a pattern with `\b`, searched through a prefilter
/// (see `WordRegex`).
pub fn static_word_regex(pattern: &str) -> WordRegex {
    let word = WordRegex {
        source: pattern.to_string(),
        pattern: std::sync::OnceLock::new(),
        prefilter: static_regex(&pattern.replace(r"\b", "")),
        edges: word_boundary_edges(pattern),
    };
    // Under test the pattern is compiled at once, so the unit tests of
    // its rule catch a bad one even if no search of theirs needs it.
    #[cfg(test)]
    word.pattern();
    word
}

/// Is `pattern` `\b X \b`, `\b X` or `X \b`: a Unicode word boundary
/// first, last or both at the top level, and no other `\b` (as the
/// prefilter drops every `\b`)? Where they stand, if so.
fn word_boundary_edges(pattern: &str) -> Option<Edges> {
    use regex_syntax::hir::{HirKind, Look};
    let hir = regex_syntax::parse(pattern).ok()?;
    let is_boundary =
        |h: &regex_syntax::hir::Hir| matches!(h.kind(), HirKind::Look(Look::WordUnicode));
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let edges = Edges {
        start: parts.first().is_some_and(is_boundary),
        end: parts.last().is_some_and(is_boundary),
    };
    let at_edges = usize::from(edges.start) + usize::from(edges.end);
    (at_edges > 0 && parts.len() > at_edges && pattern.matches(r"\b").count() == at_edges)
        .then_some(edges)
}

/// Does `\b` (Unicode) hold at byte `at` of `text`: a word character on
/// exactly one side of it?
pub(crate) fn is_word_boundary(text: &str, at: usize) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    let after = text.get(at..).and_then(|t| t.chars().next());
    is_word(before) != is_word(after)
}

/// Old-style tone placement ("hoà", "uỷ") to the new style ("hòa", "ủy"),
/// so two spellings of one name compare equal. Applied to NFC text, and
/// only where the pair ends its syllable (`ends_syllable`): the two styles
/// differ only there, and both write "Hoàng", "hoạch", "khuỷu".
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
/// "qu" + vowel keeps the mark on the vowel after "u" ("quý" stays "quý"),
/// and a pair followed by a letter keeps it too ("Hoàn Kiếm").
pub fn canonical(s: &str) -> String {
    canonical_cow(s).into_owned()
}

/// `canonical`, borrowing `s` when it already is (most names and roles
/// are): for a caller that reads it once, as `name_key` does.
pub fn canonical_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let nfc = nfc_cow(s);
    // Every old-style pair is o/O/u/U followed by a toned vowel: one pass to
    // see whether any can occur saves the pass that rewrites them on most
    // names.
    if !has_old_tone_pair(&nfc) {
        return nfc;
    }
    std::borrow::Cow::Owned(new_tone_placement(&nfc))
}

/// `TONE_PLACEMENT` applied to `s`, in one pass: each old-style pair is
/// rewritten where it stands, but for "qu" + vowel.
///
/// The same as replacing each pair in turn through the whole text (as
/// `canonical_by_pairs` does): a pair is an untoned o/O/u/U and a toned
/// vowel, and its rewrite is a toned o/u and an untoned vowel, which can
/// neither begin nor end a pair; so no two pairs overlap, no rewrite makes
/// or unmakes another, and the letter before a pair (the "q" of "quý") is
/// never rewritten.
fn new_tone_placement(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.char_indices().peekable();
    // The letter before the one being read, for "qu".
    let mut before = None;
    while let Some((i, c)) = chars.next() {
        let after_q = matches!(before, Some('q' | 'Q'));
        before = Some(c);
        if matches!(c, 'o' | 'O') || matches!(c, 'u' | 'U') && !after_q {
            let rewrite = chars.peek().and_then(|&(j, next)| {
                let rest = &s[j + next.len_utf8()..];
                TONE_PLACEMENT.iter().find(|(old, _)| {
                    let mut o = old.chars();
                    o.next() == Some(c) && o.next() == Some(next) && ends_syllable(rest)
                })
            });
            if let Some((_, new)) = rewrite {
                out.push_str(new);
                before = chars.next().map(|(_, next)| next);
                continue;
            }
        }
        out.push_str(&s[i..i + c.len_utf8()]);
    }
    out
}

/// Whether a vowel pair followed by `rest` ends its syllable: no letter
/// comes next ("hoà," and "uỷ" do; "hoàn", "hoài" and "khuỷu" do not).
fn ends_syllable(rest: &str) -> bool {
    !rest.chars().next().is_some_and(char::is_alphabetic)
}

/// `canonical_cow`'s rewrite as first written, one pair at a time through
/// the whole text: the definition `new_tone_placement` is tested against.
#[cfg(test)]
fn canonical_by_pairs(s: &str) -> String {
    let mut out = nfc(s);
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
            rest = &rest[i + old.len()..];
            // "hoàn", "khuỷu": a letter after the pair, the mark stays.
            let closed = rest.chars().next().is_some_and(char::is_alphabetic);
            fixed.push_str(before);
            fixed.push_str(if after_q || closed { old } else { new });
        }
        fixed.push_str(rest);
        out = fixed;
    }
    out
}

/// NFC of `s`, without rebuilding it when it already is (text from `load`
/// always is): a build calls this per name and line.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// `nfc`, borrowing `s` when it already is NFC.
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc_given(s, is_nfc_starters(s)) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.nfc().collect())
}

/// Is `s` NFC by `nfc_cow`'s test, `starters` being `is_nfc_starters(s)`
/// found already?
pub fn is_nfc_given(s: &str, starters: bool) -> bool {
    starters || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// The code point of the one- to three-byte character of UTF-8 `bytes` (a
/// `str`'s) that starts at byte `at`, and its length, decoded from the
/// bytes: `str::get` and `chars` check what the `str` already holds, and
/// the loops that ask read every letter of every text (the NFC check,
/// search terms, district mentions). `None` past the end, and for a
/// four-byte character, which lies past the tables those loops read.
#[inline]
pub fn code_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let lead = u32::from(*bytes.get(at)?);
    let cont = |k: usize| bytes.get(at + k).map_or(0, |&b| u32::from(b & 0x3F));
    match lead {
        0x00..=0x7F => Some((lead, 1)),
        0xC0..=0xDF => Some(((lead & 0x1F) << 6 | cont(1), 2)),
        0xE0..=0xEF => Some(((lead & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)),
        _ => None,
    }
}

/// `code_at` as a `char`, four-byte characters included.
#[inline]
pub fn char_at(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    if let Some((code, len)) = code_at(bytes, at) {
        return Some((char::from_u32(code)?, len));
    }
    let lead = u32::from(*bytes.get(at)?);
    let next = |i: usize| bytes.get(at + i).map(|&b| u32::from(b & 0x3F));
    let code = (lead & 0x07) << 18 | next(1)? << 12 | next(2)? << 6 | next(3)?;
    Some((char::from_u32(code)?, 4))
}

/// Is `s` made only of starters that never combine with what follows (every
/// Vietnamese letter, precomposed, is one)? Such a text is NFC, and so is
/// any part of it, or the parts of several put together: a caller that
/// checks a whole text once can skip the check for its lines.
pub fn is_nfc_starters(s: &str) -> bool {
    let table = &*CHAR_CLASSES;
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most of a Vietnamese text is ASCII, in runs of a few letters
        // between accented ones: read eight bytes at once, and passed up to
        // the first that is not ASCII (or all eight).
        if b < 0x80 {
            match bytes
                .get(i..i + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                Some(chunk) => {
                    let high = u64::from_le_bytes(chunk) & 0x8080_8080_8080_8080;
                    // In little-endian order the lowest set bit is the
                    // first byte with its high bit set; none means eight.
                    i += (high.trailing_zeros() / 8) as usize;
                }
                None => i += 1,
            }
            continue;
        }
        // One character; one past the table is no known starter.
        let Some((cp, len)) = code_at(bytes, i) else {
            return false;
        };
        if !table.starter(cp) {
            return false;
        }
        i += len;
    }
    true
}

/// `c.is_alphanumeric()`, from a table for the scripts an article is
/// written in (the standard library's lookup for non-ASCII letters was one
/// of a build's largest costs).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match CHAR_CLASSES.get(c) {
        Some(k) => k.alphanumeric,
        None => c.is_alphanumeric(),
    }
}

/// `c.to_lowercase()` when that is one character (all but a few), from a
/// table for the scripts an article is written in.
#[inline]
pub fn lower_one(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match CHAR_CLASSES.get(c) {
        Some(k) => k.lower,
        None => {
            let mut lower = c.to_lowercase();
            lower.next().filter(|_| lower.next().is_none())
        }
    }
}

/// Properties of one character, computed once for the first code points.
#[derive(Clone, Copy, Default)]
struct CharClass {
    alphanumeric: bool,
    /// `lower_one`.
    lower: Option<char>,
    /// Canonical combining class 0 and NFC quick check Yes: a string of
    /// only such characters is NFC.
    nfc_starter: bool,
}

/// `CharClass` of U+0000..U+20FF (Latin with its Vietnamese extensions,
/// combining marks, Greek, Cyrillic, …, and the quotes, dashes and "…" of
/// General Punctuation, which most lines have).
struct CharClasses(Vec<CharClass>);

impl CharClasses {
    const END: u32 = 0x2100;

    fn new() -> CharClasses {
        CharClasses(
            (0..Self::END)
                .map(|cp| match char::from_u32(cp) {
                    Some(c) => CharClass {
                        alphanumeric: c.is_alphanumeric(),
                        lower: {
                            let mut lower = c.to_lowercase();
                            lower.next().filter(|_| lower.next().is_none())
                        },
                        nfc_starter: unicode_normalization::char::canonical_combining_class(c) == 0
                            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes,
                    },
                    None => CharClass::default(),
                })
                .collect(),
        )
    }

    #[inline]
    fn get(&self, c: char) -> Option<CharClass> {
        self.0.get(c as usize).copied()
    }

    /// The `nfc_starter` of code point `cp`; false past the table.
    #[inline]
    fn starter(&self, cp: u32) -> bool {
        self.0.get(cp as usize).is_some_and(|k| k.nfc_starter)
    }
}

static CHAR_CLASSES: LazyLock<CharClasses> = LazyLock::new(CharClasses::new);

/// The second characters of the `TONE_PLACEMENT` pairs (the toned a, e
/// and y), found once: looking through the pairs after every "o" and "u"
/// of a name was most of `name_key`'s time.
static OLD_TONE_SECONDS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut seconds: Vec<char> = TONE_PLACEMENT
        .iter()
        .filter_map(|(old, _)| old.chars().nth(1))
        .collect();
    seconds.sort_unstable();
    seconds.dedup();
    seconds
});

/// Could `s` hold one of the `TONE_PLACEMENT` pairs? True for every text
/// that does (it may say yes for a text that does not).
fn has_old_tone_pair(s: &str) -> bool {
    let seconds = &*OLD_TONE_SECONDS;
    let mut prev = ' ';
    for c in s.chars() {
        if matches!(prev, 'o' | 'O' | 'u' | 'U') && seconds.contains(&c) {
            return true;
        }
        prev = c;
    }
    false
}

/// The key two names are compared by: canonical, lower case, spaces folded.
pub fn name_key(s: &str) -> String {
    let canonical = canonical_cow(s);
    // A capital sigma lower-cases by what surrounds it: the long way.
    if canonical.contains('Σ') {
        return canonical
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    // Otherwise lower case is char by char: one pass, one allocation.
    let mut key = String::with_capacity(canonical.len());
    for word in canonical.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            match lower_one(c) {
                Some(l) => key.push(l),
                None => key.extend(c.to_lowercase()),
            }
        }
    }
    key
}

/// Strip diacritics and fold đ -> d, lower case: "Đống Đa" -> "dong da".
/// Used for search and for comparing misspellings ("Đóng Đa").
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    ascii_fold_into(s, &mut out);
    out
}

/// `ascii_fold(s)` appended to `out`: for callers that fold many words and
/// would otherwise allocate a string for each.
pub fn ascii_fold_into(s: &str, out: &mut String) {
    let start = out.len();
    if s.is_ascii() {
        // Copied whole and lowered in place, not pushed char by char.
        out.push_str(s);
        if let Some(copied) = out.get_mut(start..) {
            copied.make_ascii_lowercase();
        }
        return;
    }
    let table = &*CHAR_FOLDS;
    for c in s.chars() {
        match table.get(c).fold() {
            Some(folded) => out.push(folded),
            None => {
                out.truncate(start);
                out.push_str(&ascii_fold_slow(s));
                return;
            }
        }
    }
}

/// The words of `text` (runs of `is_alphanumeric` characters) with their
/// `ascii_fold`s, found in one pass over the text: each word's byte range
/// in `text`, and the range of its fold in `folded`, where the folds are
/// appended one after another (one buffer per text, not one per word).
///
/// The same as folding each word of `text` found separately. The build
/// no longer folds whole texts (district mentions fold only the words they
/// look at); this is the definition their search is tested against.
#[cfg(test)]
pub fn fold_words_into(
    text: &str,
    folded: &mut String,
    words: &mut Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
) {
    let table = &*CHAR_FOLDS;
    // The word being read: where it starts in `text` and in `folded`, and
    // whether a character of it has no fold in the table (the word is then
    // folded whole by the definition, as `ascii_fold_into` does).
    let mut word: Option<(usize, usize, bool)> = None;
    for (i, c) in text.char_indices() {
        // One lookup says both whether `c` is in a word and its fold.
        let k = table.get(c);
        if !k.is_word() {
            if let Some((start, fold_start, slow)) = word.take() {
                end_word(text, start..i, fold_start, slow, folded, words);
            }
            continue;
        }
        let slow = &mut word.get_or_insert((i, folded.len(), false)).2;
        if *slow {
            continue;
        }
        match k.fold() {
            Some(f) => folded.push(f),
            None => *slow = true,
        }
    }
    if let Some((start, fold_start, slow)) = word {
        end_word(text, start..text.len(), fold_start, slow, folded, words);
    }
}

/// `fold_words_into`'s end of a word: fold it by the definition if the
/// table could not, and record it.
#[cfg(test)]
fn end_word(
    text: &str,
    span: std::ops::Range<usize>,
    fold_start: usize,
    slow: bool,
    folded: &mut String,
    words: &mut Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
) {
    if slow {
        folded.truncate(fold_start);
        folded.push_str(&ascii_fold_slow(&text[span.clone()]));
    }
    words.push((span, fold_start..folded.len()));
}

/// `ascii_fold` by the definition: decompose, drop marks, fold đ, lower case.
fn ascii_fold_slow(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// What one character is to the folds: whether it is alphanumeric (so part
/// of a word), and its `ascii_fold` when folding it alone is safe and gives
/// one character; one lookup answers both, so a text is split into words
/// and folded in one pass.
///
/// Folding a string char by char gives the same result as folding it whole
/// as long as no character's decomposition begins with a combining mark:
/// canonical reordering then never moves a mark across a character
/// boundary, and marks are dropped anyway. Characters for which that does
/// not hold, that fold to several characters, or that lie past the table,
/// have no fold here and send the whole string (or word) down the slow
/// path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharFold(u32);

impl CharFold {
    /// The low bits hold the fold (a `char` needs 21).
    const CHAR: u32 = (1 << 21) - 1;
    /// The character is alphanumeric.
    const WORD: u32 = 1 << 24;
    /// The low bits hold the character's fold.
    const FOLDS: u32 = 1 << 25;
    /// The fold is alphanumeric.
    const FOLD_WORD: u32 = 1 << 26;

    /// By the definitions, for a character of the table.
    fn of(c: char) -> CharFold {
        let mut bits = if c.is_alphanumeric() { Self::WORD } else { 0 };
        let starts_with_starter = std::iter::once(c)
            .nfd()
            .next()
            .is_some_and(|d| unicode_normalization::char::canonical_combining_class(d) == 0);
        let fold = ascii_fold_slow(c.encode_utf8(&mut [0; 4]));
        let mut chars = fold.chars();
        if let (true, Some(f), None) = (starts_with_starter, chars.next(), chars.next()) {
            bits |= Self::FOLDS | u32::from(f);
            if f.is_alphanumeric() {
                bits |= Self::FOLD_WORD;
            }
        }
        CharFold(bits)
    }

    /// Whether the character is alphanumeric (`is_alphanumeric`).
    #[inline]
    pub fn is_word(self) -> bool {
        self.0 & Self::WORD != 0
    }

    /// The character's `ascii_fold`, if the table has it.
    #[inline]
    pub fn fold(self) -> Option<char> {
        if self.0 & Self::FOLDS == 0 {
            return None;
        }
        char::from_u32(self.0 & Self::CHAR)
    }

    /// Whether `fold()` is alphanumeric (false when there is none).
    #[inline]
    pub fn fold_is_word(self) -> bool {
        self.0 & Self::FOLD_WORD != 0
    }
}

/// `CharFold` of U+0000..U+20FF (ASCII, Latin with its Vietnamese
/// extensions, combining marks, Greek, Cyrillic, …, and the quotes, dashes
/// and "…" of General Punctuation), computed once by the definitions.
pub struct CharFolds(Vec<CharFold>);

impl CharFolds {
    /// The first code point past the table.
    pub const END: u32 = 0x2100;

    fn new() -> CharFolds {
        CharFolds(
            (0..Self::END)
                .map(|cp| char::from_u32(cp).map_or(CharFold(0), CharFold::of))
                .collect(),
        )
    }

    /// The `CharFold` of `c`; past the table, whether it is alphanumeric
    /// and no fold.
    #[inline]
    pub fn get(&self, c: char) -> CharFold {
        match self.0.get(c as usize) {
            Some(&k) => k,
            None if c.is_alphanumeric() => CharFold(CharFold::WORD),
            None => CharFold(0),
        }
    }

    /// The `CharFold` of the character at byte `at` of UTF-8 `bytes`, and
    /// its length: `char_at` and `get`, with no `char` made where the table
    /// answers (a code point decoded from UTF-8 is a `char`).
    #[inline(always)]
    pub fn at(&self, bytes: &[u8], at: usize) -> Option<(CharFold, usize)> {
        if let Some((cp, len)) = code_at(bytes, at) {
            if let Some(&k) = self.0.get(cp as usize) {
                return Some((k, len));
            }
        }
        let (c, len) = char_at(bytes, at)?;
        Some((self.get(c), len))
    }

    /// The `CharFold` of code point `cp`, for a caller that decodes UTF-8
    /// itself (`code_at`); past the table, no fold and not a word (such a
    /// caller folds the text another way when a character has no fold).
    #[inline]
    pub fn get_code(&self, cp: u32) -> CharFold {
        self.0.get(cp as usize).copied().unwrap_or(CharFold(0))
    }
}

static CHAR_FOLDS: LazyLock<CharFolds> = LazyLock::new(CharFolds::new);

/// The table of `CharFold`s: for a caller that splits and folds a text
/// itself (taken once per text, not per character).
pub fn char_folds() -> &'static CharFolds {
    &CHAR_FOLDS
}

/// The `CharFold` of `c`.
#[inline]
pub fn char_fold(c: char) -> CharFold {
    CHAR_FOLDS.get(c)
}

/// Every text made of one to `up_to` of `pieces` in a row, for tests that
/// hold a fast path to its definition on all the ways the pieces meet.
#[cfg(test)]
pub(crate) fn joinings(pieces: &[&str], up_to: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut lines = vec![String::new()];
    for _ in 0..up_to {
        lines = lines
            .iter()
            .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
            .collect();
        all.extend(lines.iter().cloned());
    }
    all
}

/// `count` texts of fewer than `max_len` of `pieces` each, drawn by a fixed
/// pseudo-random sequence (xorshift), so a failure repeats.
#[cfg(test)]
pub(crate) fn random_joinings(pieces: &[&str], count: usize, max_len: u64) -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count)
        .map(|_| {
            let len = next() % max_len;
            (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        })
        .collect()
}

/// The texts a fast path is held to its definition on: `FOLD_SAMPLES`,
/// then `extra`, then `count` random joinings of `pieces` (see
/// `random_joinings`).
#[cfg(test)]
pub(crate) fn samples_with(
    extra: &[&str],
    pieces: &[&str],
    count: usize,
    max_len: u64,
) -> Vec<String> {
    FOLD_SAMPLES
        .iter()
        .chain(extra)
        .map(|s| s.to_string())
        .chain(random_joinings(pieces, count, max_len))
        .collect()
}

/// The texts a pattern read without its capture groups is held to the
/// captures on: every joining of up to `up_to` of `pieces`, `count`
/// random ones shorter than `max_len` pieces, and 40 generated articles.
#[cfg(test)]
pub(crate) fn pattern_samples(
    pieces: &[&str],
    up_to: usize,
    count: usize,
    max_len: u64,
) -> Vec<String> {
    let mut texts = joinings(pieces, up_to);
    texts.extend(random_joinings(pieces, count, max_len));
    texts.extend((0..40).map(|i| crate::corpus::article(1, i).text));
    texts
}

/// The seeds' texts (content/*.txt), for tests that hold a fast path to
/// its definition on real articles.
#[cfg(test)]
pub(crate) fn seed_texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    texts.sort();
    assert!(!texts.is_empty(), "no seed texts in {dir}");
    texts
}

/// Texts the folds are tested on: Vietnamese as written (NFC) and
/// decomposed (NFD), đ/Đ, digits, punctuation, other scripts, the
/// Kelvin sign (which folds to "k"), characters past the tables, and
/// edge cases.
#[cfg(test)]
pub(crate) const FOLD_SAMPLES: &[&str] = &[
    "",
    " ",
    "x",
    "Quận Đống Đa, HOÀNG MAI – “Ba Đình”",
    "  Hà Nội2021 ǅx İy o\u{302}\u{301}z ß Σ ",
    "Ngõ 5/12 phố Kim Mã",
    "Quận Hoàn Kiếm: 1.234,5 tỷ đồng (12%)… đến năm 2030!",
    "Qua\u{309}n Ho\u{300}an Kie\u{302}\u{301}m",
    "\u{301}đầu \u{301}",
    "đĐđ ĐỐNG đa",
    "Ολυμπία Москва 東京 서울 ١٢٣",
    "5\u{212A} \u{212A}elvin x\u{212A}y",
    "ﬁnal ﬀ Ǆ ǆ ŉ ẞ",
    "a\u{2070}b ²³ ½ Ⅻ",
    "tab\tnew\nline\r\u{a0}nbsp\u{2009}thin",
    "emoji 😀 and \u{FFFD}",
];

/// Where to start searching `s` with a pattern anchored at its end, such as
/// `(?i)\b(quận|thị\s+xã)\s*$`, so the search costs the tail, not the
/// whole text before a match.
///
/// Counts characters back from the end, not counting white space and
/// dashes, until it has passed [`END_PATTERN_CHARS`] of them. A match of a
/// pattern whose alternatives hold at most that many other characters, and
/// which ends in a run of white space or dashes, cannot start before the
/// returned index; searching from it with `find_at`/`captures_at` (which see
/// the text before it for `\b`) finds exactly what searching all of `s`
/// does.
pub fn end_window(s: &str) -> usize {
    let mut counted = 0;
    for (i, c) in s.char_indices().rev() {
        if c.is_whitespace() || matches!(c, '-' | '–' | '—') {
            continue;
        }
        counted += 1;
        if counted > END_PATTERN_CHARS {
            return i;
        }
    }
    0
}

/// The most characters other than white space any end-anchored pattern
/// searched through [`end_window`] can match ("trường trung học phổ thông"
/// has 22), with room to spare.
pub const END_PATTERN_CHARS: usize = 40;

/// Cut `s` to at most `max` characters, ending on a whole word.
pub fn truncate_words(s: &str, max: usize) -> String {
    // Where character `max` starts: the text is only read that far, and
    // the cut is a slice of it, not a string rebuilt a character at a time
    // (every list of articles cuts every article's first paragraph).
    let Some((end, _)) = s.char_indices().nth(max) else {
        return s.to_string();
    };
    let cut = &s[..end];
    match cut.rfind(' ') {
        Some(i) if i > 0 => cut[..i].trim_end_matches([',', ';', ':', ' ']).to_string(),
        _ => cut.to_string(),
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

/// Copy `s`, replacing what `rule` names: called at each byte offset with
/// the bytes and the offset, it gives the text to put instead and how many
/// bytes that replaces, or `None` to keep the byte. The runs between
/// replacements are copied whole, which is what makes escaping cheap.
/// `rule` must only replace whole characters.
pub fn replace_runs(
    s: &str,
    rule: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        match rule(bytes, i) {
            Some((with, len)) => {
                out.push_str(&s[run..i]);
                out.push_str(with);
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_in_one_pass_is_each_pair_in_turn() {
        let pieces = [
            "o",
            "O",
            "u",
            "U",
            "q",
            "Q",
            "à",
            "á",
            "ả",
            "ã",
            "ạ",
            "è",
            "é",
            "ẻ",
            "ẽ",
            "ẹ",
            "ỳ",
            "ý",
            "ỷ",
            "ỹ",
            "ỵ",
            "a",
            "y",
            "ò",
            "ú",
            "À",
            "Ý",
            "e\u{301}",
            "y\u{309}",
            "u\u{309}",
            " ",
            "Quận uỷ ",
            "hoà",
            "Thuý",
            "quý",
            "Quỳnh",
            "khoá",
            "Đ",
            "x",
        ];
        let samples = samples_with(
            &[
                "Quận uỷ Hoàn Kiếm",
                "Thành uỷ Hà Nội, Khoá XVII",
                "quý quỳ Quý QUÝ qUý",
                "oàoáoả uỷuýuỹ",
                "Oà Oè Uỷ Uỳ",
                "ho\u{300}a thu\u{309}y",
                "uỷ",
                "q",
            ],
            &pieces,
            3000,
            12,
        );
        for s in samples {
            assert_eq!(canonical_cow(&s), canonical_by_pairs(&s), "{s:?}");
        }
    }

    #[test]
    fn word_regex_sees_which_patterns_are_bounded() {
        let both = Some(Edges {
            start: true,
            end: true,
        });
        assert_eq!(word_boundary_edges(r"(?i)\b(đại\s+hội|hội\s+nghị)\b"), both);
        assert_eq!(word_boundary_edges(r"\bkh(?:óa|oá)\s+(\d+)\b"), both);
        assert_eq!(
            word_boundary_edges(r"(?i)\b(dự|sau)\s*$"),
            Some(Edges {
                start: true,
                end: false
            })
        );
        assert_eq!(
            word_boundary_edges(r"(?:^|\s)năm\s+(\d+)\b"),
            Some(Edges {
                start: false,
                end: true
            })
        );
        // A `\b` inside, or alone: searched the general way.
        assert_eq!(word_boundary_edges(r"\ba\bb\b"), None);
        assert_eq!(word_boundary_edges(r"a\b|\bb"), None);
        assert_eq!(word_boundary_edges(r"\b(a\b|b)\b"), None);
        assert_eq!(word_boundary_edges(r"(?:\ba|b)\s*$"), None);
        assert_eq!(word_boundary_edges(r"\b"), None);
    }

    #[test]
    fn word_boundaries_are_regex_word_boundaries() {
        let b = static_regex(r"\b");
        for text in ["Đại hội, đại-hội 2020 ở Hà Nội.", "", " x", "ứ", "a_b 1"] {
            let expected: Vec<usize> = b.find_iter(text).map(|m| m.start()).collect();
            let found: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i) && is_word_boundary(text, i))
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    /// Every search of a `WordRegex` answers as `Regex` does with the
    /// pattern alone, from every start.
    #[test]
    fn word_regex_finds_what_the_pattern_finds() {
        let patterns = [
            r"(?i)\b(đại\s+hội|hội\s+nghị|lễ\s+(?:kỷ|kỉ)\s+niệm|(?:cuộc\s+)?bầu\s+cử)\b",
            r"\b(?:Nguyễn|Lê|Trần)(?:[ \u{a0}]+\p{Lu}\p{Ll}+){1,3}\b",
            // `X`'s preferred match ends inside a word, a later one does not.
            r"\b(?:ab|abc)\b",
            r"\b(?:a|ab)(?:c|)\b",
            r"(?i)\b(dự|sau)\s*$",
            r"x\b|\by",
            // A boundary at one end only; groups the prefilter reads.
            r"(?i)\b(nghị\s+quyết|dự|sau|của|trong)\s*$",
            r"(?i)(?:^|[\s,(])(?:trong\s+)?năm\s+((?:19|20)\d\d)\b",
            r"(?i)\btrong\s+năm(?:\s+(\d{4}))?",
            r"\b(?:a|ab)(c)?",
            r"(?:(a)|(ab))(c|)\b",
            r"(?i)\bkh(?:óa|oá)\s+([IVXLC]+|\d{1,2})\b",
        ];
        let mut texts: Vec<String> = [
            "Đại hội Đảng bộ; tiếp đó hội nghị và lễ kỷ niệm, cuộc bầu cử.",
            "siêuđại hội, Đại hộiX, đại  hội_ và Hội Nghị",
            "ông Nguyễn Văn An, bà Lê Thị Bình và Trần Văn CườngX, NguyễnVăn An",
            "abc ab abcd xab ab, a ac abc",
            "sau dự  ",
            "x yx xy y",
            "Nghị quyết của  ",
            "thực hiện Nghị Quyết",
            "trong năm 2020, Trong năm, (năm 1999) năm 20201 ,năm 2021",
            "khóa XV, Khoá 26x, xkhóa 3 KHÓA IV",
        ]
        .map(String::from)
        .to_vec();
        texts.extend(samples_with(
            &[],
            &[
                "trong", " năm", " 2020", "của", "dự", "sau", "x", "ạ", " ", "\u{a0}", "(", ",",
                "khóa", " XV", "1", "a", "ab", "c", "Nghị", " quyết", "_",
            ],
            3000,
            8,
        ));
        for p in patterns {
            let word = static_word_regex(p);
            let plain = static_regex(p);
            for text in &texts {
                let text = text.as_str();
                for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    assert_eq!(
                        word.find_at(text, start).map(|m| m.range()),
                        plain.find_at(text, start).map(|m| m.range()),
                        "{p} in {text:?} from {start}"
                    );
                    let groups = |c: Option<regex::Captures>| {
                        c.map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
                    };
                    assert_eq!(
                        groups(word.captures_at(text, start)),
                        groups(plain.captures_at(text, start)),
                        "{p} in {text:?} from {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn old_and_new_tone_placement_compare_equal() {
        assert_eq!(name_key("Quận uỷ"), name_key("Quận ủy"));
        assert_eq!(name_key("Hoà"), name_key("Hòa"));
        assert_eq!(canonical("quý"), "quý");
    }

    #[test]
    fn name_keys_agree_with_the_definition() {
        let definition = |s: &str| {
            canonical(s)
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for s in ["", "  Quận  uỷ\u{a0}Ba Đình ", "ΟΔΟΣ Σ", "İ Hà Nội", "Ｋ K"] {
            assert_eq!(name_key(s), definition(s), "{s:?}");
        }
    }

    #[test]
    fn fold_handles_d_stroke() {
        assert_eq!(ascii_fold("Đống Đa"), "dong da");
        assert_eq!(ascii_fold("đong đa"), "dong da");
    }

    #[test]
    fn fast_fold_agrees_with_the_definition() {
        for c in (0x20u32..0x2100).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            assert_eq!(ascii_fold(&s), ascii_fold_slow(&s), "U+{:04X}", c as u32);
        }
        for s in [
            "Đống Đa",
            "HOÀNG MAI – “Quận ủy”",
            "o\u{302}\u{301}",
            "ǅ İ ß",
        ] {
            assert_eq!(ascii_fold(s), ascii_fold_slow(s), "{s}");
        }
    }

    #[test]
    fn old_tone_pairs_are_seen_as_by_looking_through_the_pairs() {
        let by_pairs = |s: &str| {
            let mut prev = ' ';
            s.chars().any(|c| {
                let hit = matches!(prev, 'o' | 'O' | 'u' | 'U')
                    && TONE_PLACEMENT
                        .iter()
                        .any(|(old, _)| old.chars().nth(1) == Some(c));
                prev = c;
                hit
            })
        };
        let samples = FOLD_SAMPLES.iter().copied().chain([
            "Thanh Hoá",
            "Quận uỷ",
            "quý",
            "HOÀ BÌNH",
            "Nguyễn Văn Thuỵ",
            "Hoà\u{300}",
            "o",
            "oa",
            "Oà",
            "Uỵ",
            "Uy",
        ]);
        for s in samples {
            assert_eq!(has_old_tone_pair(s), by_pairs(s), "{s:?}");
            assert_eq!(canonical_cow(s), canonical(s), "{s:?}");
        }
        for c in (0x20u32..0x2100).filter_map(char::from_u32) {
            for s in [format!("o{c}"), format!("U{c}x"), format!("{c}u")] {
                assert_eq!(has_old_tone_pair(&s), by_pairs(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn tone_placement_moves_only_in_an_open_syllable() {
        // The styles differ only where the pair ends the syllable.
        assert_eq!(canonical("Hoà Bình, Thuỵ Khuê."), "Hòa Bình, Thụy Khuê.");
        assert_eq!(canonical("khoá XXVIII"), "khóa XXVIII");
        // A consonant or vowel after the pair: one spelling, kept.
        for word in [
            "Hoàn Kiếm",
            "Hoàng Mai",
            "kế hoạch",
            "Đoàn",
            "toán",
            "hoài",
            "khuỷu",
            "Huỳnh",
            "HOÀNG",
        ] {
            assert_eq!(canonical(word), word, "{word:?}");
        }
    }

    #[test]
    fn canonical_without_old_tone_pairs_is_nfc() {
        assert_eq!(canonical("Đo\u{302}\u{301}ng Đa"), "Đống Đa");
        assert_eq!(canonical("Thanh Hoá uỷ"), "Thanh Hóa ủy");
    }

    #[test]
    fn char_table_agrees_with_the_standard_library() {
        for c in (0u32..0x2100).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
            let s = format!("a{c}");
            assert_eq!(nfc(&s), s.nfc().collect::<String>(), "U+{:04X}", c as u32);
            let lower: Vec<char> = c.to_lowercase().collect();
            assert_eq!(
                lower_one(c).map(|l| vec![l]),
                (lower.len() == 1).then_some(lower)
            );
        }
    }

    #[test]
    fn starters_agree_with_the_char_by_char_reading() {
        let by_chars = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii() || CHAR_CLASSES.get(c).is_some_and(|k| k.nfc_starter))
        };
        for c in (0x20u32..0x2200)
            .chain([0xFFFD, 0x1F600])
            .filter_map(char::from_u32)
        {
            for s in [
                format!("{c}"),
                format!("abcdefghi{c}xyz"),
                format!("Hà Nội {c}"),
            ] {
                assert_eq!(is_nfc_starters(&s), by_chars(&s), "U+{:04X}", c as u32);
            }
            // The character at every place of an eight-byte read, with
            // ASCII on both sides longer and shorter than one.
            for before in 0..10 {
                for after in [0, 3, 9] {
                    let s = format!("{}{c}{}", "a".repeat(before), "b".repeat(after));
                    assert_eq!(is_nfc_starters(&s), by_chars(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn char_fold_at_a_byte_is_char_at_then_get() {
        let table = char_folds();
        let mut texts: Vec<String> = FOLD_SAMPLES.iter().map(|s| s.to_string()).collect();
        // Every character of the table and a few past it, each cut short
        // at the end of the text too.
        let all: String = (0u32..0x2200)
            .chain([0x212A, 0x3000, 0x6771, 0xFB01, 0xFFFD, 0x1F600])
            .filter_map(char::from_u32)
            .collect();
        texts.push(all);
        texts.extend(seed_texts());
        for t in &texts {
            let bytes = t.as_bytes();
            // Every byte, not only the characters' first: the same answer
            // even where no character begins.
            for n in 0..=bytes.len() {
                let cut = &bytes[..n];
                for at in n.saturating_sub(4)..=n {
                    let by_char = char_at(cut, at).map(|(c, len)| (table.get(c), len));
                    assert_eq!(
                        table.at(cut, at),
                        by_char,
                        "{at} of {:?}",
                        &cut[at.saturating_sub(4)..]
                    );
                }
            }
        }
    }

    #[test]
    fn char_folds_agree_with_the_definitions() {
        for c in (0u32..0x2200)
            .chain([0x212A, 0x2160, 0x3000, 0x6771, 0xFB01, 0x1F600])
            .filter_map(char::from_u32)
        {
            let k = char_fold(c);
            let at = format!("U+{:04X}", c as u32);
            assert_eq!(k.is_word(), c.is_alphanumeric(), "{at}");
            if let Some(f) = k.fold() {
                assert_eq!(f.to_string(), ascii_fold_slow(&c.to_string()), "{at}");
                assert_eq!(k.fold_is_word(), f.is_alphanumeric(), "{at}");
            } else {
                assert!(!k.fold_is_word(), "{at}");
            }
        }
        // The Vietnamese letters and the punctuation articles use all fold
        // by the table.
        for c in
            "aăâbdđeêioôơuưyàảãáạằẳẵắặầẩẫấậđềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ“”–—…".chars()
        {
            assert!(char_fold(c).fold().is_some(), "{c}");
        }
    }

    #[test]
    fn fast_fold_agrees_with_the_definition_on_texts() {
        for s in FOLD_SAMPLES {
            assert_eq!(ascii_fold(s), ascii_fold_slow(s), "{s:?}");
        }
    }

    #[test]
    fn words_folded_in_one_pass_agree_with_folding_each_word() {
        for text in FOLD_SAMPLES {
            let (mut folded, mut words) = (String::new(), Vec::new());
            fold_words_into(text, &mut folded, &mut words);
            let by_word: Vec<(&str, String)> = text
                .split(|c: char| !is_alphanumeric(c))
                .filter(|w| !w.is_empty())
                .map(|w| (w, ascii_fold_slow(w)))
                .collect();
            let one_pass: Vec<(&str, String)> = words
                .iter()
                .map(|(w, f)| (&text[w.clone()], folded[f.clone()].to_string()))
                .collect();
            assert_eq!(one_pass, by_word, "{text:?}");
        }
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

    /// `truncate_words` as it was, counting and collecting characters.
    fn truncate_words_before(s: &str, max: usize) -> String {
        if s.chars().count() <= max {
            return s.to_string();
        }
        let cut: String = s.chars().take(max).collect();
        match cut.rfind(' ') {
            Some(i) if i > 0 => cut[..i].trim_end_matches([',', ';', ':', ' ']).to_string(),
            _ => cut,
        }
    }

    /// The slice cut gives what the character-by-character cut gave, at
    /// every length around each text's own, on seeds, generated articles
    /// and joinings of tricky pieces (no space, a space first, punctuation
    /// at the cut, NFD marks, other scripts).
    #[test]
    fn truncation_cuts_as_it_did() {
        let pieces = [
            "một",
            " ",
            "hai,",
            " ba;",
            ":",
            "  ",
            "Đống Đa",
            "e\u{301}",
            "漢字",
            "x",
            ", ",
            "—",
            "\u{a0}",
        ];
        let mut texts: Vec<String> = random_joinings(&pieces, 3000, 9);
        texts.extend(
            seed_texts()
                .iter()
                .flat_map(|t| t.lines().map(str::to_string)),
        );
        texts.extend((0..20).map(|i| crate::corpus::article(2, i).text));
        texts.extend(["", " ", "  a", "a ", ",,, ,", "một"].map(String::from));
        let mut cut = 0;
        for t in &texts {
            let n = t.chars().count();
            for max in [
                0,
                1,
                2,
                3,
                n.saturating_sub(1),
                n,
                n + 1,
                n / 2,
                9,
                200,
                220,
            ] {
                let want = truncate_words_before(t, max);
                cut += usize::from(want.len() < t.len());
                assert_eq!(truncate_words(t, max), want, "{t:?} at {max}");
            }
        }
        assert!(cut > 5000, "{cut}");
    }
}

//! The district gazetteer (`data/districts.toml`) and district mentions in
//! text: which units an article names, and which one it is about.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::text::{ascii_fold, end_window, name_key, WordRegex};

/// The built-in gazetteer file, embedded so a build needs no data path.
const BUILTIN: &str = include_str!("../../data/districts.toml");

/// One district-level unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// Canonical NFC name ("Đống Đa").
    pub name: String,
    /// "quận", "huyện" or "thị xã".
    pub kind: String,
    /// Kinds the unit had earlier ("thị xã Hà Đông" before 2006).
    #[serde(default)]
    pub former_kinds: Vec<String>,
    /// Other spellings and abbreviations ("Đóng Đa", "HBT").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO date the unit ceased to exist, if before the city-wide abolition.
    #[serde(default)]
    pub until: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Elsewhere {
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGazetteer {
    city: String,
    #[serde(default)]
    city_aliases: Vec<String>,
    #[serde(default)]
    abolished: Option<String>,
    #[serde(default)]
    city_congresses: BTreeMap<String, i32>,
    #[serde(default)]
    elsewhere: Elsewhere,
    #[serde(rename = "district")]
    districts: Vec<District>,
}

/// A city's district-level units with their aliases, plus what extract needs
/// to tell this city's units from same-named units elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Gazetteer {
    pub city: String,
    pub city_aliases: Vec<String>,
    /// When the city's district level was abolished ("2025-07-01").
    pub abolished: Option<String>,
    pub districts: Vec<District>,
    /// Year of the city Party congress, by ordinal.
    pub city_congresses: BTreeMap<u32, i32>,
    /// Other provinces, folded ("thanh hoa").
    elsewhere: Vec<String>,
    /// Folded syllables of every name and alias -> index into `districts`,
    /// longest first so "Nam Từ Liêm" wins over "Từ Liêm".
    folded: Vec<(Vec<String>, usize)>,
    /// First folded syllable -> indices into `folded`, in `folded`'s order,
    /// so a word of text is tried only against names it can begin.
    /// (Looked up for every word of every text: a fast hash of our own keys.)
    by_first: FxHashMap<String, Vec<usize>>,
    /// `name_key` of the city and each of its aliases, made once: a name
    /// found in text is compared with them for every match.
    city_keys: Vec<String>,
    /// A searcher for each of `city_aliases`, made once: every event's
    /// window is searched for each alias.
    city_alias_finders: Finders,
    /// `folded` as a trie: each word of a text is looked up as it is read.
    names: NameTrie,
    /// The common family names no place may begin with, worked out once:
    /// most names begin with one, and each answer costs a few folds.
    no_place_families: rustc_hash::FxHashSet<String>,
}

/// Substring searchers made once; equal when they search for the same
/// needles (a searcher has no `==` of its own).
#[derive(Debug, Clone, Default)]
struct Finders(Vec<memchr::memmem::Finder<'static>>);

impl Finders {
    fn new<'a>(needles: impl IntoIterator<Item = &'a String>) -> Finders {
        Finders(
            needles
                .into_iter()
                .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned())
                .collect(),
        )
    }

    /// Where the first of the needles found in `text` starts (a byte match
    /// of UTF-8 in UTF-8 starts on a character), as `text.find` would say.
    fn first_in(&self, text: &str) -> Option<usize> {
        self.0.iter().filter_map(|f| f.find(text.as_bytes())).min()
    }
}

impl PartialEq for Finders {
    fn eq(&self, other: &Finders) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a.needle() == b.needle())
    }
}

static BUILTIN_GAZETTEER: LazyLock<Result<Gazetteer, String>> =
    LazyLock::new(|| Gazetteer::from_toml(BUILTIN));

impl Gazetteer {
    /// The built-in Hanoi gazetteer, parsed once. A broken built-in file is
    /// caught by the unit tests; if it ever ships broken, extraction runs
    /// with an empty gazetteer rather than aborting the build.
    pub fn builtin() -> Gazetteer {
        match &*BUILTIN_GAZETTEER {
            Ok(g) => g.clone(),
            Err(_) => Gazetteer::empty(),
        }
    }

    fn empty() -> Gazetteer {
        Gazetteer {
            city: String::new(),
            city_aliases: Vec::new(),
            abolished: None,
            districts: Vec::new(),
            city_congresses: BTreeMap::new(),
            elsewhere: Vec::new(),
            folded: Vec::new(),
            by_first: FxHashMap::default(),
            city_keys: Vec::new(),
            city_alias_finders: Finders::default(),
            names: NameTrie::new(&[]),
            no_place_families: Default::default(),
        }
    }

    /// Parse a gazetteer file (the format of `data/districts.toml`).
    pub fn from_toml(text: &str) -> Result<Gazetteer, String> {
        let raw: RawGazetteer = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut city_congresses = BTreeMap::new();
        for (k, year) in raw.city_congresses {
            let n: u32 = k
                .parse()
                .map_err(|_| format!("city_congresses: `{k}` is not a number"))?;
            city_congresses.insert(n, year);
        }
        let mut folded = Vec::new();
        for (i, d) in raw.districts.iter().enumerate() {
            if !["quận", "huyện", "thị xã"].contains(&d.kind.as_str()) {
                return Err(format!(
                    "district `{}`: kind `{}` is not quận, huyện or thị xã",
                    d.name, d.kind
                ));
            }
            for n in std::iter::once(&d.name).chain(&d.aliases) {
                let f: Vec<String> = fold_words(n);
                if !f.is_empty() {
                    folded.push((f, i));
                }
            }
        }
        folded.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (k, (words, _)) in folded.iter().enumerate() {
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        let city_keys = std::iter::once(&raw.city)
            .chain(&raw.city_aliases)
            .map(|n| name_key(n))
            .collect();
        let mut g = Gazetteer {
            no_place_families: Default::default(),
            names: NameTrie::new(&folded),
            city_keys,
            city_alias_finders: Finders::new(&raw.city_aliases),
            city: raw.city,
            city_aliases: raw.city_aliases,
            abolished: raw.abolished,
            districts: raw.districts,
            city_congresses,
            elsewhere: raw.elsewhere.names.iter().map(|n| ascii_fold(n)).collect(),
            folded,
            by_first,
        };
        g.no_place_families = super::people::FAMILY_NAMES
            .iter()
            .filter(|f| !g.may_begin_place(f))
            .map(|f| f.to_string())
            .collect();
        Ok(g)
    }

    /// The canonical name for any spelling: "Đóng Đa", "Q. Đống Đa",
    /// "quận Đống Đa", "DONG DA", "HBT" -> the unit.
    pub fn lookup(&self, name: &str) -> Option<&District> {
        // The name's folded syllables are read off one folded string, not
        // copied into a list: most names looked up are no place, and
        // differ from every place in their first syllable.
        let folded = ascii_fold(strip_admin_prefix(name));
        let words = || folded_syllables(&folded);
        let first = words().next()?;
        // Only names that begin with the same syllable can be equal, and
        // `by_first` lists them in `folded`'s order.
        self.by_first
            .get(first)?
            .iter()
            .filter_map(|&k| self.folded.get(k))
            .find(|(f, _)| f.iter().map(String::as_str).eq(words()))
            .and_then(|(_, i)| self.districts.get(*i))
    }

    /// Can a name of two words or more whose first word is `word` be the
    /// city (`is_city_key` of its `name_key`) or a place `lookup` finds?
    /// False only when it cannot: most names begin with a family name no
    /// place begins with, and this costs a fold and a key of one word
    /// where those cost a fold, a key and a look-up of the whole name.
    ///
    /// A word followed by a space folds, keys and lowers as it does alone:
    /// white space composes with nothing and ends the context of a capital
    /// sigma. So the name's first folded syllable, which `lookup` looks up
    /// first, is the word's fold (when that is one syllable), unless an
    /// administrative prefix is cut off the name first; every prefix holds
    /// a space or a full stop, which no character but themselves lowers
    /// to, so it can only be cut off a word without a full stop that,
    /// lowered, begins one. And the name's key begins with the word's key
    /// and a space.
    pub fn may_begin_place(&self, word: &str) -> bool {
        if self.no_place_families.contains(word) {
            return false;
        }
        if word.is_empty() || word.contains(['.', ' ']) {
            return true;
        }
        // Each character lowers to one or more: a longer word holds no
        // prefix's first word and the space after it.
        if word.chars().nth(ADMIN_PREFIX_CHARS).is_none() {
            let mut lower: String = word.chars().flat_map(char::to_lowercase).collect();
            lower.push(' ');
            if ADMIN_PREFIXES.iter().any(|p| p.starts_with(lower.as_str())) {
                return true;
            }
        }
        let folded = ascii_fold(word);
        if folded.is_empty()
            || !folded.chars().all(crate::text::is_alphanumeric)
            || self.by_first.contains_key(&folded)
        {
            return true;
        }
        let mut key = name_key(word);
        key.push(' ');
        self.city_keys.iter().any(|k| k.starts_with(key.as_str()))
    }

    /// Where the first of `city_aliases` written in `text` starts.
    pub fn first_city_alias(&self, text: &str) -> Option<usize> {
        self.city_alias_finders.first_in(text)
    }

    /// Is `key` (a `name_key`) the city's name or one of its aliases?
    pub fn is_city_key(&self, key: &str) -> bool {
        self.city_keys.iter().any(|k| k == key)
    }

    /// The canonical name for a spelling, as a string.
    pub fn canonical(&self, name: &str) -> Option<String> {
        self.lookup(name).map(|d| d.name.clone())
    }

    /// Is this folded name another province ("thanh hoa")?
    fn is_elsewhere(&self, folded: &str) -> bool {
        self.elsewhere
            .iter()
            .any(|e| folded.starts_with(e.as_str()))
    }
}

/// The administrative words a name may be written after, lower case.
const ADMIN_PREFIXES: [&str; 9] = [
    "thị xã ",
    "tx. ",
    "tx.",
    "tx ",
    "quận ",
    "q. ",
    "q.",
    "huyện ",
    "h. ",
];

/// Characters in the longest of `ADMIN_PREFIXES`.
const ADMIN_PREFIX_CHARS: usize = 7;

/// "Quận Đống Đa" -> "Đống Đa"; "Q. Ba Đình" -> "Ba Đình".
fn strip_admin_prefix(name: &str) -> &str {
    let t = name.trim();
    // Only the head is lowered, character by character: as many characters
    // as the longest prefix has, each lowered to one or more, is enough to
    // hold any prefix, and only a capital sigma lowers differently in the
    // whole line, which no prefix holds.
    let lower: String = t
        .chars()
        .take(ADMIN_PREFIX_CHARS)
        .flat_map(char::to_lowercase)
        .collect();
    for p in ADMIN_PREFIXES {
        if lower.starts_with(p) {
            // Prefixes are ASCII or fixed-width in lower and upper case alike.
            if let Some(rest) = t.get(p.len()..) {
                return rest.trim();
            }
        }
    }
    t
}

/// Folded syllables: "Đống  Đa" -> ["dong", "da"].
fn fold_words(s: &str) -> Vec<String> {
    folded_syllables(&ascii_fold(s))
        .map(str::to_string)
        .collect()
}

/// The syllables of a folded name: "dong  da" -> "dong", "da".
fn folded_syllables(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !crate::text::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
}

/// How sure a mention is that it names the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Bare name, spelled exactly, capitalised, not a street or temple.
    Bare,
    /// After "quận", "Q.", "huyện", "thị xã", "Quận ủy", ... of a matching kind.
    Administrative,
}

/// One district named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub name: String,
    pub span: Range<usize>,
    pub strength: Strength,
}

/// An administrative prefix right before a name, and the kind it implies.
/// Matches the end of the text before a name: "Đảng bộ quận ", "Quận uỷ ",
/// "Q. ", "UBND huyện ", "thị xã ", "Thị ủy ", "TP. ".
static ADMIN_PREFIX: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(quận\s+[uủ][yỷ]|huyện\s+[uủ][yỷ]|thị\s+[uủ][yỷ]|thị\s+xã|quận|huyện|thành\s+phố|tx\.?|tp\.?|q\.|h\.)\s*$",
    )
});

/// Words that make a following name a place that is not the district:
/// "đền Hai Bà Trưng", "phố Hai Bà Trưng", "Quảng trường Ba Đình", "hồ Hoàn
/// Kiếm", "phường Thanh Xuân Bắc", "cầu Long Biên".
static NOT_A_DISTRICT_BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    crate::text::static_word_regex(
        r"(?i)\b(đền|chùa|đình|miếu|phố|đường|ngõ|ngách|hồ|quảng\s+trường|cầu|phường|xã|thị\s+trấn|sông|núi|trường|công\s+viên|chợ|ga|bến\s+xe|bệnh\s+viện|khu|cụm|tòa|nhà|khách\s+sạn|rạp|sân|tượng\s+đài|di\s+tích|lăng|vườn|làng|thôn|ấp|tổ\s+dân\s+phố)[\s\-–—]*$",
    )
});

/// Another province right after a name: ", Thanh Hóa", " (Đà Nẵng)",
/// " - tỉnh Nghệ An", " thuộc tỉnh Quảng Ngãi".
static AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"^\s*(?:,|\(|-|–|—|thuộc)?\s*(?:tỉnh|tp\.?|thành\s+phố)?\s*")
});

/// Find every district of the gazetteer named in `text`, in order.
pub fn find_mentions(text: &str, g: &Gazetteer) -> Vec<Mention> {
    mentions(text, g).collect()
}

/// The districts of the gazetteer named in `text`, in order, found as they
/// are asked for: a caller that needs only the first, or whether there is
/// one, stops reading the text there.
pub fn mentions<'a>(text: &'a str, g: &'a Gazetteer) -> Mentions<'a> {
    Mentions {
        text,
        g,
        at: 0,
        fold: String::new(),
    }
}

/// The iterator of `mentions`. Each word of the text is read once, walking
/// the trie of names as it is read; most words fall out of it at their
/// first or second letter, and the rest of such a word is only read for its
/// end. The words after one that ends a name's first syllable are read on
/// through the trie only while some name still fits them, so a name is
/// matched with no word folded into a string (but a word with a character
/// the table cannot fold, which is folded whole).
pub struct Mentions<'a> {
    text: &'a str,
    g: &'a Gazetteer,
    /// Where the next word is looked for.
    at: usize,
    /// The fold of a word with a character the table cannot fold.
    fold: String,
}

impl Iterator for Mentions<'_> {
    type Item = Mention;

    fn next(&mut self) -> Option<Mention> {
        let (text, g) = (self.text, self.g);
        let table = crate::text::char_folds();
        let trie = &g.names;
        while let Some(start) = word_start(text.as_bytes(), self.at, table) {
            let (first_end, mut state) =
                read_word(text, start, NameTrie::ROOT, trie, table, &mut self.fold);
            self.at = first_end;
            // The longest name read (its index into `folded`) and the end
            // of its last word. Names are nested in the words read, so the
            // last one found is the longest, as `folded`'s order has it.
            let mut hit = None;
            let mut end = first_end;
            while state != NameTrie::DEAD {
                if let Some(k) = trie.name(state) {
                    hit = Some((k, end));
                }
                state = trie.step_column(state, trie.sep);
                if state == NameTrie::DEAD {
                    break;
                }
                let Some(next) = word_start(text.as_bytes(), end, table) else {
                    break;
                };
                (end, state) = read_word(text, next, state, trie, table, &mut self.fold);
            }
            let Some((k, end)) = hit else {
                continue;
            };
            let Some(district) = g.folded.get(k).and_then(|(_, di)| g.districts.get(*di)) else {
                continue;
            };
            let span = start..end;
            if let Some(strength) = classify_mention(text, span.clone(), district, g) {
                // The words of the name are not tried again.
                self.at = span.end;
                return Some(Mention {
                    name: district.name.clone(),
                    span,
                    strength,
                });
            }
        }
        self.at = text.len();
        None
    }
}

/// Where the first word (a run of alphanumeric characters, as
/// `fold_words_into` splits) at or after byte `at` of `bytes` begins.
#[inline(always)]
fn word_start(bytes: &[u8], mut at: usize, table: &crate::text::CharFolds) -> Option<usize> {
    loop {
        let &b = bytes.get(at)?;
        match BYTE_KINDS[usize::from(b)] {
            ByteKind::AsciiWord => return Some(at),
            ByteKind::AsciiOther => {
                at += 1;
                continue;
            }
            ByteKind::NotAscii => {}
        }
        let (k, len) = table.at(bytes, at)?;
        if k.is_word() {
            return Some(at);
        }
        at += len;
    }
}

/// Read the word that begins at byte `start` of `text` through the trie
/// from `state`: where the word ends, and the state its fold leads to.
/// The word is folded a character at a time through the table, as it is
/// read; only a word with a character the table cannot fold is folded
/// whole (into `fold`), as `fold_words_into` does.
#[inline(always)]
fn read_word(
    text: &str,
    start: usize,
    from: usize,
    trie: &NameTrie,
    table: &crate::text::CharFolds,
    fold: &mut String,
) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut state = from;
    let mut at = start;
    let mut slow = false;
    // Most of a Vietnamese text is ASCII: one look-up says whether the byte
    // is in a word and where its fold leads.
    while let Some(&b) = bytes.get(at) {
        let col = trie.byte_column(b);
        if col < NameTrie::NOT_IN_WORD {
            state = trie.step_column(state, col);
            at += 1;
        } else if col == NameTrie::NOT_IN_WORD {
            break;
        } else {
            let Some((k, len)) = table.at(bytes, at) else {
                break;
            };
            if !k.is_word() {
                break;
            }
            match k.fold() {
                Some(f) if f.is_ascii() => state = trie.step(state, f as u8),
                Some(f) => {
                    for &b in f.encode_utf8(&mut [0; 4]).as_bytes() {
                        state = trie.step(state, b);
                    }
                }
                None => slow = true,
            }
            at += len;
        }
        if state == NameTrie::DEAD {
            let (end, unfolded) = word_end(bytes, at, table);
            at = end;
            slow |= unfolded;
            break;
        }
    }
    if slow {
        fold.clear();
        if let Some(word) = text.get(start..at) {
            crate::text::ascii_fold_into(word, fold);
        }
        state = fold.bytes().fold(from, |s, b| trie.step(s, b));
    }
    (at, state)
}

/// Where the word read up to byte `at` ends, and whether the rest of it
/// has a character the table cannot fold.
#[inline(always)]
fn word_end(bytes: &[u8], mut at: usize, table: &crate::text::CharFolds) -> (usize, bool) {
    let mut unfolded = false;
    while let Some(&b) = bytes.get(at) {
        match BYTE_KINDS[usize::from(b)] {
            ByteKind::AsciiWord => {
                at += 1;
                continue;
            }
            ByteKind::AsciiOther => break,
            ByteKind::NotAscii => {}
        }
        let Some((k, len)) = table.at(bytes, at) else {
            break;
        };
        if !k.is_word() {
            break;
        }
        unfolded |= k.fold().is_none();
        at += len;
    }
    (at, unfolded)
}

/// What one byte of text says about the words: an ASCII byte is in a word
/// when alphanumeric, and ends one otherwise; any other byte is part of a
/// character to decode.
#[derive(Clone, Copy, PartialEq)]
enum ByteKind {
    AsciiWord,
    AsciiOther,
    NotAscii,
}

/// `ByteKind` by byte: one look-up per byte of the words read only for
/// their end.
static BYTE_KINDS: [ByteKind; 256] = {
    let mut kinds = [ByteKind::NotAscii; 256];
    let mut b = 0u8;
    while b < 128 {
        kinds[b as usize] = match b.is_ascii_alphanumeric() {
            true => ByteKind::AsciiWord,
            false => ByteKind::AsciiOther,
        };
        b += 1;
    }
    kinds
};

/// The gazetteer's names (the syllables of `folded`) as a trie over the
/// bytes of their folds, syllables joined by a column of their own that no
/// byte of text reaches. A text's words walk it while they are read, so
/// they are folded and matched with no string made, and most words fall
/// out of it at their first or second letter (a dead state they stay in).
#[derive(Debug, Clone, PartialEq)]
struct NameTrie {
    /// Byte -> column of `next`; column 0 is every byte no syllable has.
    column: [usize; 256],
    /// Byte of text -> the column of its fold when ASCII (itself in lower
    /// case), `NOT_IN_WORD` when ASCII but not alphanumeric (so it ends a
    /// word), `NOT_ASCII` for the bytes of other characters.
    ascii: [usize; 256],
    /// The column between two syllables.
    sep: usize,
    /// How many columns a state has.
    width: usize,
    /// State * `width` + column -> the next state.
    next: Vec<usize>,
    /// State -> the name whose syllables end there (the first of
    /// `folded` with them).
    name: Vec<Option<usize>>,
}

impl NameTrie {
    /// The state nothing continues from.
    const DEAD: usize = 0;
    /// The state before the first byte.
    const ROOT: usize = 1;
    /// In `ascii`, an ASCII byte that is no part of a word.
    const NOT_IN_WORD: usize = usize::MAX - 1;
    /// In `ascii`, a byte of a character that is not ASCII.
    const NOT_ASCII: usize = usize::MAX;

    fn new(folded: &[(Vec<String>, usize)]) -> NameTrie {
        let mut column = [0; 256];
        let mut width = 1;
        for &b in folded
            .iter()
            .flat_map(|(f, _)| f)
            .flat_map(|s| s.as_bytes())
        {
            if column[usize::from(b)] == 0 {
                column[usize::from(b)] = width;
                width += 1;
            }
        }
        let sep = width;
        width += 1;
        let ascii = std::array::from_fn(|b| match u8::try_from(b) {
            Ok(b) if b.is_ascii_alphanumeric() => column[usize::from(b.to_ascii_lowercase())],
            Ok(b) if b.is_ascii() => Self::NOT_IN_WORD,
            _ => Self::NOT_ASCII,
        });
        let mut trie = NameTrie {
            column,
            ascii,
            sep,
            width,
            next: vec![Self::DEAD; 2 * width],
            name: vec![None, None],
        };
        for (k, (f, _)) in folded.iter().enumerate() {
            let mut state = Self::ROOT;
            for (j, s) in f.iter().enumerate() {
                let seps = (j > 0).then_some(sep);
                let bytes = s.bytes().map(|b| trie.column[usize::from(b)]);
                for col in seps.into_iter().chain(bytes) {
                    let at = state * width + col;
                    if trie.next[at] == Self::DEAD {
                        trie.next[at] = trie.name.len();
                        trie.next.extend(std::iter::repeat_n(Self::DEAD, width));
                        trie.name.push(None);
                    }
                    state = trie.next[at];
                }
            }
            // `folded` is longest first and stable: the first with these
            // syllables is the one a search in its order finds.
            if trie.name[state].is_none() {
                trie.name[state] = Some(k);
            }
        }
        trie
    }

    /// The state after `state` reads byte `b` of a fold.
    #[inline]
    fn step(&self, state: usize, b: u8) -> usize {
        self.step_column(state, self.column[usize::from(b)])
    }

    /// The state after `state` reads a byte of column `col`.
    #[inline]
    fn step_column(&self, state: usize, col: usize) -> usize {
        self.next
            .get(state * self.width + col)
            .copied()
            .unwrap_or(Self::DEAD)
    }

    /// For a byte of text, the column of its fold when ASCII and
    /// alphanumeric, else `NOT_IN_WORD` or `NOT_ASCII`.
    #[inline]
    fn byte_column(&self, b: u8) -> usize {
        self.ascii[usize::from(b)]
    }

    /// The name (index into `folded`) whose syllables lead to `state`.
    #[inline]
    fn name(&self, state: usize) -> Option<usize> {
        self.name.get(state).copied().flatten()
    }
}

/// Is this matched name the district, and how sure are we?
fn classify_mention(
    text: &str,
    span: Range<usize>,
    d: &District,
    g: &Gazetteer,
) -> Option<Strength> {
    let before = &text[..span.start];
    let matched = &text[span.clone()];
    let after = &text[span.end..];
    if names_other_province(after, g) {
        return None;
    }
    if let Some(prefix) = admin_prefix(before) {
        return kind_fits(prefix, d).then_some(Strength::Administrative);
    }
    bare_mention_ok(before, matched, after, d).then_some(Strength::Bare)
}

/// The administrative word `ADMIN_PREFIX` finds at the end of `before`
/// (its group 1). No alternative of the group ends in white space, so the
/// group is the match without the `\s*` after it: found by a search, with
/// no captures (a second, slower search) made.
fn admin_prefix(before: &str) -> Option<&str> {
    ADMIN_PREFIX
        .find_at(before, end_window(before))
        .map(|m| m.as_str().trim_end())
}

/// Does the administrative word before a name fit the unit's kind?
/// "thị xã Hoàng Mai" is Nghệ An's, not Hanoi's quận Hoàng Mai.
fn kind_fits(prefix: &str, d: &District) -> bool {
    let p = ascii_fold(prefix);
    let kind = if p.starts_with("thi") || p.starts_with("tx") {
        "thị xã"
    } else if p.starts_with("quan") || p == "q." {
        "quận"
    } else if p.starts_with("huyen") || p == "h." {
        "huyện"
    } else {
        "thành phố"
    };
    d.kind == kind || d.former_kinds.iter().any(|k| k == kind)
}

/// A bare name counts only if spelled like the canonical name or an alias,
/// capitalised, and not part of a longer proper name or a street, temple,
/// square or lake.
fn bare_mention_ok(before: &str, matched: &str, after: &str, d: &District) -> bool {
    let key = name_key(matched);
    let spelled = std::iter::once(&d.name)
        .chain(&d.aliases)
        .any(|n| name_key(n) == key);
    let capitalised = matched
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !spelled || !capitalised || NOT_A_DISTRICT_BEFORE.is_match_at(before, end_window(before)) {
        return false;
    }
    // "Nguyễn Thị Thanh Xuân", "Thanh Xuân Bắc": a capitalised neighbour
    // makes it part of another name.
    let prev = before.trim_end();
    let prev_word_cap = !prev.ends_with([',', '.', ';', ':', '(', '-', '–', '—', '"', '“'])
        && prev
            .rsplit(char::is_whitespace)
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
    let next_word_cap = after
        .strip_prefix(' ')
        .and_then(|a| a.chars().next())
        .is_some_and(char::is_uppercase);
    !prev_word_cap && !next_word_cap
}

/// ", Thanh Hóa", "(Đà Nẵng)", " tỉnh Nghệ An" right after the name.
fn names_other_province(after: &str, g: &Gazetteer) -> bool {
    let Some(m) = AFTER_NAME.find(after) else {
        return false;
    };
    // Only a punctuated or explicit attachment counts: "Ba Đình Thanh Hóa"
    // without either is too loose to judge.
    if m.as_str().trim().is_empty() {
        return false;
    }
    let rest: String = after[m.end()..].chars().take(30).collect();
    g.is_elsewhere(&ascii_fold(&rest))
}

/// Byte spans of the alphanumeric runs of `text`.
pub(crate) fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (crate::text::is_alphanumeric(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_names_worked_out_once_answer_as_may_begin_place() {
        let g = Gazetteer::builtin();
        assert!(
            g.no_place_families.len() > 30,
            "{}",
            g.no_place_families.len()
        );
        let mut worked_out = g.clone();
        worked_out.no_place_families.clear();
        let mut words: Vec<String> = crate::extract::people::FAMILY_NAMES
            .iter()
            .map(|f| f.to_string())
            .collect();
        words.extend(g.districts.iter().map(|d| d.name.clone()));
        words.extend(
            [
                "Hà",
                "HÀ",
                "Ha\u{300}",
                "Từ",
                "Đống",
                "Quận",
                "Q.",
                "TP",
                "",
            ]
            .map(String::from),
        );
        for t in crate::text::seed_texts() {
            words.extend(t.split_whitespace().map(String::from));
        }
        for w in &words {
            assert_eq!(g.may_begin_place(w), worked_out.may_begin_place(w), "{w:?}");
        }
    }

    #[test]
    fn admin_prefixes_are_stripped_as_after_lowering_the_whole_name() {
        let by_lowering = |name: &str| -> String {
            let t = name.trim();
            let lower = t.to_lowercase();
            for p in ADMIN_PREFIXES {
                if lower.starts_with(p) {
                    if let Some(rest) = t.get(p.len()..) {
                        return rest.trim().to_string();
                    }
                }
            }
            t.to_string()
        };
        assert!(ADMIN_PREFIXES
            .iter()
            .all(|p| p.chars().count() <= ADMIN_PREFIX_CHARS));
        let pieces = [
            "Thị",
            "THỊ",
            "thị",
            " ",
            "xã",
            "XÃ",
            "Tx",
            "TX",
            ".",
            "Q",
            "q",
            "Quận",
            "QUẬN",
            "Huyện",
            "H",
            "Đống Đa",
            "Σ",
            "İ",
            "\u{212A}",
            "Ba Đình",
            "  ",
        ];
        for name in crate::text::random_joinings(&pieces, 5000, 6)
            .iter()
            .map(String::as_str)
            .chain(crate::text::FOLD_SAMPLES.iter().copied())
        {
            assert_eq!(strip_admin_prefix(name), by_lowering(name), "{name:?}");
        }
    }

    #[test]
    fn lookup_reads_syllables_as_fold_words_lists_them() {
        let g = Gazetteer::builtin();
        let pieces = [
            "Đống", "Đa", "Ba", "Đình", " ", "-", "Hai", "Bà", "Trưng", "quận ", "Gia", "Lâm", "x",
        ];
        for name in crate::text::random_joinings(&pieces, 3000, 5) {
            let words = fold_words(strip_admin_prefix(&name));
            let by_list = words.first().and_then(|first| {
                g.by_first
                    .get(first)?
                    .iter()
                    .filter_map(|&k| g.folded.get(k))
                    .find(|(f, _)| *f == words)
                    .and_then(|(_, i)| g.districts.get(*i))
            });
            assert_eq!(
                g.lookup(&name).map(|d| &d.name),
                by_list.map(|d| &d.name),
                "{name:?}"
            );
        }
    }

    #[test]
    fn first_city_alias_is_where_str_find_finds_one_first() {
        let g = Gazetteer::builtin();
        assert!(!g.city_aliases.is_empty());
        let mut texts = vec![
            String::new(),
            "Đại hội Đảng bộ quận Ba Đình".to_string(),
            "HÀ NỘI hà nội".to_string(),
        ];
        for (i, a) in g.city_aliases.iter().enumerate() {
            texts.push(format!(
                "ở {a} và {}",
                g.city_aliases[(i + 1) % g.city_aliases.len()]
            ));
            texts.push(a.to_string());
            texts.push(format!("Thủ đô – {a}, {a}"));
        }
        for t in &texts {
            let by_find = g
                .city_aliases
                .iter()
                .filter_map(|a| t.find(a.as_str()))
                .min();
            assert_eq!(g.first_city_alias(t), by_find, "{t:?}");
        }
    }

    /// `find_mentions` as it was before `Mentions`: every word of the
    /// text folded first, then each looked up in `by_first`.
    fn find_mentions_by_definition(text: &str, g: &Gazetteer) -> Vec<Mention> {
        let mut buf = String::new();
        let mut words = Vec::new();
        crate::text::fold_words_into(text, &mut buf, &mut words);
        let folded = |k: usize| words.get(k).and_then(|(_, fold)| buf.get(fold.clone()));
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = folded(i)
                .and_then(|first| g.by_first.get(first))
                .into_iter()
                .flatten()
                .filter_map(|&k| g.folded.get(k))
                .find(|(f, _)| {
                    f.len() <= words.len() - i
                        && f.iter()
                            .enumerate()
                            .all(|(j, a)| folded(i + j) == Some(a.as_str()))
                });
            let Some((f, di)) = hit else {
                i += 1;
                continue;
            };
            let n = f.len();
            let span = words[i].0.start..words[i + n - 1].0.end;
            let district = &g.districts[*di];
            match classify_mention(text, span.clone(), district, g) {
                Some(strength) => {
                    out.push(Mention {
                        name: district.name.clone(),
                        span,
                        strength,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn mentions_are_those_found_by_folding_every_word() {
        let g = Gazetteer::builtin();
        let pieces = [
            "quận ",
            "Quận uỷ ",
            "Đống Đa",
            "ĐỐNG ĐA",
            "Đóng Đa",
            "dong da",
            "Nam Từ Liêm",
            "Từ Liêm",
            "Ba Đình",
            "Hai Bà Trưng",
            "HBT",
            ", Thanh Hóa",
            " (Đà Nẵng)",
            "phố ",
            "bà Nguyễn Thị ",
            "Thanh Xuân",
            " Bắc",
            " ",
            "\n",
            "năm 2020, ",
            // A decomposed accent and a ligature: characters the table
            // cannot fold alone, so the word is folded whole.
            "Đo\u{302}\u{301}ng",
            "Đa\u{301}",
            "ﬁ",
            "Ǆ",
            "x",
        ];
        let mut texts = crate::text::joinings(&pieces, 3);
        texts.push(String::new());
        texts.push("Ba".to_string());
        // Words out of the trie with a character the table cannot fold
        // further on, other scripts, four-byte characters and punctuation,
        // in random joinings; the seeds and generated articles.
        let more = [
            "xo\u{302}\u{301}ng",
            "Dongﬁ",
            "Đống Đa\u{301}",
            "Москва",
            "東京",
            "😀",
            "–",
            "“Ba Đình”",
            "quận Hoàn Kiếm",
            "Hà Nội",
            "thành phố ",
            "ǅx",
            // Names read on across punctuation and other spaces, old and
            // new tone placement, and names cut short.
            "Hai. Bà\u{a0}Trưng",
            "Nam\u{1680}Từ",
            "Ứng Hoà",
            "ỨNG HÒA",
            "Mê Linh",
            "Thạch Thất",
            "Sơn",
            "“",
            "”",
            " — ",
            "…",
            "«",
            "»",
            "2020",
            "Quận Ủy ",
            "Quận Uỷ ",
        ];
        let all: Vec<&str> = pieces.iter().chain(&more).copied().collect();
        texts.extend(crate::text::pattern_samples(&all, 1, 20_000, 16));
        texts.extend(crate::text::seed_texts());
        texts.extend(
            (2..5).flat_map(|seed| (0..40).map(move |i| crate::corpus::article(seed, i).text)),
        );
        for t in &texts {
            assert_eq!(
                find_mentions(t, &g),
                find_mentions_by_definition(t, &g),
                "{t:?}"
            );
            let first = find_mentions_by_definition(t, &g).into_iter().next();
            assert_eq!(mentions(t, &g).next(), first, "{t:?}");
        }
        let empty = Gazetteer::empty();
        assert!(find_mentions("quận Đống Đa", &empty).is_empty());
    }

    #[test]
    fn admin_prefix_is_the_patterns_group() {
        let pieces = [
            "quận",
            "Quận",
            "QUẬN",
            "huyện",
            "thị",
            "Thị",
            "xã",
            "uỷ",
            "ủy",
            "Ủy",
            "UỶ",
            "thành",
            "phố",
            "TP",
            "tp.",
            "Tx",
            "tx.",
            "Q.",
            "h.",
            "H.",
            " ",
            "  ",
            "\n",
            "\u{a0}",
            "\u{1680}",
            "\u{2003}",
            "-",
            "–",
            "“",
            ".",
            ",",
            "UBND",
            "Đảng bộ",
            "x",
            "2020",
        ];
        let texts = crate::text::samples_with(&[], &pieces, 20_000, 8);
        for t in texts.iter().chain(&crate::text::seed_texts()) {
            // The text before each place a name could begin.
            for (i, _) in t.char_indices() {
                let before = &t[..i];
                let by_group = ADMIN_PREFIX
                    .captures_at(before, end_window(before))
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str());
                assert_eq!(admin_prefix(before), by_group, "{before:?}");
            }
        }
    }

    #[test]
    fn name_trie_knows_exactly_the_names() {
        let g = Gazetteer::builtin();
        let t = &g.names;
        // Syllables joined by the column no byte reaches.
        let read = |syllables: &[&str]| {
            syllables
                .iter()
                .enumerate()
                .fold(NameTrie::ROOT, |state, (j, s)| {
                    let state = match j {
                        0 => state,
                        _ => t.step_column(state, t.sep),
                    };
                    s.bytes().fold(state, |state, b| t.step(state, b))
                })
        };
        assert!(t.column.iter().all(|&c| c != t.sep));
        let first_with = |f: &[&str]| {
            g.folded
                .iter()
                .position(|(n, _)| n.iter().map(String::as_str).eq(f.iter().copied()))
        };
        for (f, _) in &g.folded {
            let f: Vec<&str> = f.iter().map(String::as_str).collect();
            assert_eq!(t.name(read(&f)), first_with(&f), "{f:?}");
            // Every shorter run of syllables and bytes is a name only if
            // `folded` has it.
            for j in 0..f.len() {
                for cut in 0..f[j].len() {
                    let mut part = f[..j].to_vec();
                    part.push(&f[j][..cut]);
                    assert_eq!(t.name(read(&part)), first_with(&part), "{part:?}");
                }
            }
        }
        for words in [
            &["xyz"][..],
            &[""],
            &["dong", "da", "x"],
            &["dongda"],
            &["hb", "t"],
            &["\u{e0}"],
        ] {
            assert_eq!(t.name(read(words)), first_with(words), "{words:?}");
        }
    }

    fn names(text: &str) -> Vec<String> {
        find_mentions(text, &Gazetteer::builtin())
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn builtin_parses_with_all_units() {
        let g = Gazetteer::from_toml(BUILTIN).unwrap();
        let count = |k: &str| g.districts.iter().filter(|d| d.kind == k).count();
        assert_eq!(count("quận"), 12);
        // 17 huyện of 2008–2025 plus Từ Liêm (until 2014).
        assert_eq!(count("huyện"), 18);
        assert_eq!(count("thị xã"), 1);
        assert_eq!(g.city_congresses.get(&17), Some(&2020));
    }

    #[test]
    fn lookup_folds_spelling_case_and_prefix() {
        let g = Gazetteer::builtin();
        for s in [
            "Đóng Đa",
            "Q. Đống Đa",
            "quận Đống Đa",
            "DONG DA",
            "Quận uỷ",
        ] {
            let want = if s == "Quận uỷ" {
                None
            } else {
                Some("Đống Đa")
            };
            assert_eq!(g.lookup(s).map(|d| d.name.as_str()), want, "{s}");
        }
        assert_eq!(g.canonical("huyện Gia Lâm").as_deref(), Some("Gia Lâm"));
        assert_eq!(g.canonical("thị xã Sơn Tây").as_deref(), Some("Sơn Tây"));
        assert_eq!(g.canonical("HBT").as_deref(), Some("Hai Bà Trưng"));
        assert_eq!(g.canonical("Hải Châu"), None);
    }

    #[test]
    fn prefixed_misspelling_and_capitals_are_found() {
        assert_eq!(
            names("Đại hội Đảng bộ Quận Đóng Đa lần thứ XXVIII"),
            ["Đống Đa"]
        );
        assert_eq!(names("XÂY DỰNG QUẬN ĐỐNG ĐA VĂN MINH"), ["Đống Đa"]);
        assert_eq!(names("Đại hội Đảng bộ Q. Ba Đình"), ["Ba Đình"]);
        assert_eq!(
            names("Huyện ủy Gia Lâm và thị xã Sơn Tây"),
            ["Gia Lâm", "Sơn Tây"]
        );
    }

    #[test]
    fn longest_name_wins() {
        assert_eq!(names("quận Nam Từ Liêm"), ["Nam Từ Liêm"]);
        assert_eq!(names("huyện Từ Liêm (cũ)"), ["Từ Liêm"]);
    }

    #[test]
    fn places_named_like_districts_are_not_districts() {
        assert!(names("Quần thể di tích đền - chùa - đình Hai Bà Trưng").is_empty());
        assert!(names("trên phố Hai Bà Trưng").is_empty());
        assert!(names("tại Quảng trường Ba Đình").is_empty());
        assert!(names("quanh hồ Hoàn Kiếm").is_empty());
        assert!(names("bà Nguyễn Thị Thanh Xuân").is_empty());
        assert!(names("phường Thanh Xuân Bắc").is_empty());
    }

    #[test]
    fn same_names_in_other_provinces_are_not_hanoi() {
        assert!(names("thị xã Hoàng Mai, Nghệ An").is_empty());
        assert!(names("huyện Sơn Tây (Quảng Ngãi)").is_empty());
        assert!(names("phường Ba Đình, Thanh Hóa").is_empty());
        assert!(names("Ba Đình, Thanh Hóa").is_empty());
        assert!(names("quận Hải Châu (Đà Nẵng)").is_empty());
        assert_eq!(names("quận Ba Đình, Hà Nội"), ["Ba Đình"]);
    }

    #[test]
    fn bare_name_in_a_title_counts() {
        assert_eq!(
            names("Ba Đình cần khai thác tốt hơn nữa lợi thế của quận trung tâm"),
            ["Ba Đình"]
        );
    }
}

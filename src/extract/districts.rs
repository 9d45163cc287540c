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
    /// The keys of `by_first` as a trie: each word of a text is looked up
    /// as it is read.
    first_syllables: FirstSyllables,
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
            first_syllables: FirstSyllables::new(&FxHashMap::default()),
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
            first_syllables: FirstSyllables::new(&by_first),
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
        ahead: Vec::new(),
        ahead_folds: String::new(),
    }
}

/// The iterator of `mentions`. Each word of the text is read once and
/// folded only when its first two letters could begin a name (most words
/// cannot); the words after one that begins a name are folded only then,
/// as far as the longest name it can begin. So no fold of the whole text
/// is made, and the buffers are a word or a name long.
pub struct Mentions<'a> {
    text: &'a str,
    g: &'a Gazetteer,
    /// Where the next word is looked for.
    at: usize,
    /// The fold of the word being tried.
    fold: String,
    /// The words after it (span in `text`, span in `ahead_folds`), folded
    /// when it begins a name.
    ahead: Vec<(Range<usize>, Range<usize>)>,
    ahead_folds: String,
}

impl Iterator for Mentions<'_> {
    type Item = Mention;

    fn next(&mut self) -> Option<Mention> {
        let (text, g) = (self.text, self.g);
        let table = crate::text::char_folds();
        while let Some((word, names)) = self.next_word_with_names(table) {
            self.at = word.end;
            let Some(names) = names else {
                continue;
            };
            // The longest name it can begin comes first: the words after
            // this one that any of them could need.
            let longest = names
                .first()
                .and_then(|&k| g.folded.get(k))
                .map_or(0, |(f, _)| f.len());
            self.ahead.clear();
            self.ahead_folds.clear();
            let mut from = word.end;
            while self.ahead.len() + 1 < longest {
                let Some(next) = next_word(text, from, table) else {
                    break;
                };
                from = next.end;
                let start = self.ahead_folds.len();
                crate::text::ascii_fold_into(&text[next.clone()], &mut self.ahead_folds);
                self.ahead.push((next, start..self.ahead_folds.len()));
            }
            let ahead_fold = |j: usize| {
                self.ahead
                    .get(j)
                    .and_then(|(_, f)| self.ahead_folds.get(f.clone()))
            };
            let hit = names
                .iter()
                .filter_map(|&k| g.folded.get(k))
                .find(|(f, _)| {
                    f.len() <= self.ahead.len() + 1
                        && f.iter()
                            .skip(1)
                            .enumerate()
                            .all(|(j, a)| ahead_fold(j) == Some(a.as_str()))
                });
            let Some((f, di)) = hit else {
                continue;
            };
            let end = match f.len().checked_sub(2) {
                Some(last) => match self.ahead.get(last) {
                    Some((span, _)) => span.end,
                    None => continue,
                },
                None => word.end,
            };
            let span = word.start..end;
            let Some(district) = g.districts.get(*di) else {
                continue;
            };
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

impl<'a> Mentions<'a> {
    /// The next word at or after `at`, and the names (indices into
    /// `folded`, longest first) it can begin, if any. The word is folded
    /// through the trie of first syllables as it is read, a character at a
    /// time; only a word with a character the table cannot fold is folded
    /// whole and looked up.
    fn next_word_with_names(
        &mut self,
        table: &crate::text::CharFolds,
    ) -> Option<(Range<usize>, Option<&'a [usize]>)> {
        let (text, g) = (self.text, self.g);
        let trie = &g.first_syllables;
        let bytes = text.as_bytes();
        let mut at = self.at;
        // The word's first character.
        let start = loop {
            let &b = bytes.get(at)?;
            if b.is_ascii() {
                if trie.ascii_column(b).is_some() {
                    break at;
                }
                at += 1;
                continue;
            }
            let (c, len) = crate::text::char_at(bytes, at)?;
            if table.get(c).is_word() {
                break at;
            }
            at += len;
        };
        let mut state = FirstSyllables::ROOT;
        let mut slow = false;
        // Most of a Vietnamese text is ASCII: one look-up says whether the
        // byte is in a word and where its fold leads. Most words fall out
        // of the trie at their first or second letter; the rest of such a
        // word is only read for its end and for a character the table
        // cannot fold.
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                let Some(col) = trie.ascii_column(b) else {
                    break;
                };
                state = trie.step_column(state, col);
                at += 1;
            } else {
                let Some((c, len)) = crate::text::char_at(bytes, at) else {
                    break;
                };
                let k = table.get(c);
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
            if state == FirstSyllables::DEAD {
                let (end, unfolded) = word_end(bytes, at, trie, table);
                at = end;
                slow |= unfolded;
                break;
            }
        }
        let end = at;
        let span = start..end;
        let names = if slow {
            // As `fold_words_into` does: such a word is folded by the
            // definition, whole.
            self.fold.clear();
            crate::text::ascii_fold_into(&text[span.clone()], &mut self.fold);
            g.by_first.get(self.fold.as_str()).map(Vec::as_slice)
        } else {
            trie.names(state)
        };
        Some((span, names))
    }
}

/// Where the word read up to byte `at` ends, and whether the rest of it
/// has a character the table cannot fold.
fn word_end(
    bytes: &[u8],
    mut at: usize,
    trie: &FirstSyllables,
    table: &crate::text::CharFolds,
) -> (usize, bool) {
    let mut unfolded = false;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            if trie.ascii_column(b).is_none() {
                break;
            }
            at += 1;
            continue;
        }
        let Some((c, len)) = crate::text::char_at(bytes, at) else {
            break;
        };
        let k = table.get(c);
        if !k.is_word() {
            break;
        }
        unfolded |= k.fold().is_none();
        at += len;
    }
    (at, unfolded)
}

/// The span of the first word (a run of alphanumeric characters, as
/// `fold_words_into` splits) that starts at or after byte `from` of `text`
/// (a character boundary).
fn next_word(text: &str, from: usize, table: &crate::text::CharFolds) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let mut start = None;
    for (i, c) in rest.char_indices() {
        let in_word = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            table.get(c).is_word()
        };
        match (in_word, start) {
            (true, None) => start = Some(from + i),
            (false, Some(s)) => return Some(s..from + i),
            _ => {}
        }
    }
    start.map(|s| s..text.len())
}

/// The first syllables of the gazetteer's names (the keys of `by_first`)
/// as a trie over the bytes of their folds. A word of text walks it while
/// it is read, so it is folded and looked up with no string made, and most
/// words fall out of it at their first or second letter (a dead state they
/// stay in).
#[derive(Debug, Clone, PartialEq)]
struct FirstSyllables {
    /// Byte -> column of `next`; column 0 is every byte no syllable has.
    column: Vec<usize>,
    /// ASCII byte -> the column of its fold (itself in lower case), or
    /// `NOT_IN_WORD` when it is not alphanumeric and so ends a word.
    ascii: Vec<usize>,
    /// How many columns a state has.
    width: usize,
    /// State * `width` + column -> the next state.
    next: Vec<usize>,
    /// State -> the names beginning with the syllable that ends there.
    names: Vec<Option<Vec<usize>>>,
}

impl FirstSyllables {
    /// The state no syllable continues from.
    const DEAD: usize = 0;
    /// The state before the first byte.
    const ROOT: usize = 1;
    /// In `ascii`, a byte that is no part of a word.
    const NOT_IN_WORD: usize = usize::MAX;

    fn new(by_first: &FxHashMap<String, Vec<usize>>) -> FirstSyllables {
        // Sorted, so the same gazetteer always makes the same trie.
        let mut syllables: Vec<(&String, &Vec<usize>)> = by_first.iter().collect();
        syllables.sort();
        let mut column = vec![0; 256];
        let mut width = 1;
        for (s, _) in &syllables {
            for &b in s.as_bytes() {
                if let Some(col @ 0) = column.get_mut(usize::from(b)) {
                    *col = width;
                    width += 1;
                }
            }
        }
        let ascii = (0..128u8)
            .map(|b| match b.is_ascii_alphanumeric() {
                true => column[usize::from(b.to_ascii_lowercase())],
                false => Self::NOT_IN_WORD,
            })
            .collect();
        let mut trie = FirstSyllables {
            column,
            ascii,
            width,
            next: vec![Self::DEAD; 2 * width],
            names: vec![None, None],
        };
        for (s, names) in syllables {
            let mut state = Self::ROOT;
            for &b in s.as_bytes() {
                let at = state * width + trie.column[usize::from(b)];
                if trie.next[at] == Self::DEAD {
                    trie.next[at] = trie.names.len();
                    trie.next.extend(std::iter::repeat_n(Self::DEAD, width));
                    trie.names.push(None);
                }
                state = trie.next[at];
            }
            trie.names[state] = Some(names.clone());
        }
        trie
    }

    /// The state after `state` reads byte `b` of a fold.
    #[inline]
    fn step(&self, state: usize, b: u8) -> usize {
        let col = self.column.get(usize::from(b)).copied().unwrap_or(0);
        self.step_column(state, col)
    }

    /// The state after `state` reads a byte of column `col`.
    #[inline]
    fn step_column(&self, state: usize, col: usize) -> usize {
        self.next
            .get(state * self.width + col)
            .copied()
            .unwrap_or(Self::DEAD)
    }

    /// For an ASCII byte of text, the column of its fold, or none when it
    /// ends a word.
    #[inline]
    fn ascii_column(&self, b: u8) -> Option<usize> {
        match self.ascii.get(usize::from(b)) {
            Some(&col) if col != Self::NOT_IN_WORD => Some(col),
            _ => None,
        }
    }

    /// The names beginning with the syllable read to reach `state`.
    fn names(&self, state: usize) -> Option<&[usize]> {
        self.names.get(state)?.as_deref()
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
    if let Some(prefix) = ADMIN_PREFIX
        .captures_at(before, end_window(before))
        .and_then(|c| c.get(1))
    {
        return kind_fits(prefix.as_str(), d).then_some(Strength::Administrative);
    }
    bare_mention_ok(before, matched, after, d).then_some(Strength::Bare)
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
        ];
        let all: Vec<&str> = pieces.iter().chain(&more).copied().collect();
        texts.extend(crate::text::pattern_samples(&all, 1, 20_000, 16));
        texts.extend(crate::text::seed_texts());
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
    fn first_syllables_trie_knows_exactly_the_first_syllables() {
        let g = Gazetteer::builtin();
        let t = &g.first_syllables;
        let read = |word: &str| {
            word.bytes()
                .fold(FirstSyllables::ROOT, |state, b| t.step(state, b))
        };
        for (first, names) in &g.by_first {
            assert_eq!(t.names(read(first)), Some(names.as_slice()), "{first}");
        }
        for word in ["", "d", "don", "dongg", "xyz", "hb", "\u{e0}"] {
            if !g.by_first.contains_key(word) {
                assert_eq!(t.names(read(word)), None, "{word}");
            }
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

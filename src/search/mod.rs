//! The search index: a compact, sharded, static inverted index that the
//! search page reads with a few small requests.
//!
//! Why our own and not Pagefind: Vietnamese is written in syllables, so a
//! two-word query ("dong da") is answered best by syllable bigrams, and the
//! reader must find "Đống Đa" typing "dong da" — which needs đ → d folding
//! that Pagefind does not do. The index holds only folded (ASCII) terms.
//!
//! Layout under `tim-kiem/`:
//! - `meta.json`: `{"v":1,"docs":N,"buckets":B,"shard":S}`
//! - `t/<b>.json`: `{"term":[packed postings…]}` for the terms hashing to bucket b;
//!   a posting is `delta_doc * 4 + weight`, weight 0–3 (3 = title/name hit).
//! - `d/<k>.json`: `[[url, title, date, districts, excerpt], …]` for docs k*S..(k+1)*S.
//!
//! A query loads meta, one bucket per query term, and the doc shards of the
//! results it shows: a few tens of KB on a 10,000-article archive.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::link::{article_date, Archive};
use crate::model::{Article, Block};
use crate::text::{ascii_fold, ascii_fold_into, char_folds, CharFolds};
use crate::write::{Page, Sink};

/// Documents per doc shard: ten results touch at most ten shards of about
/// 13 KB each; a 100,000-article archive has 4,000 of them.
pub const SHARD: usize = 25;

/// The search script, embedded so the site needs no download.
pub const SCRIPT: &str = include_str!("search.js");

/// Weight of a term in a document, two bits.
const BODY_ONCE: u8 = 0;
const BODY_MANY: u8 = 1;
const NAME_HIT: u8 = 3;

/// Number of buckets for `docs` documents: a power of two, about one bucket
/// per four documents, so a bucket stays a few KB as the archive grows.
pub fn bucket_count(docs: usize) -> u32 {
    (docs / 4).clamp(64, 8192).next_power_of_two() as u32
}

/// Number of term groups the index is gathered in, in parallel: a term's
/// group is its hash modulo `GROUPS`. Bucket counts are powers of two of at
/// least `GROUPS`, so every bucket lies in one group (`bucket % GROUPS`) and
/// each group can be gathered, patched and written on its own.
const GROUPS: usize = 64;

/// FNV-1a over the term's bytes: the hash a term's bucket and group come
/// from.
fn term_hash(term: &str) -> u32 {
    fnv_extend(FNV_OFFSET, term.as_bytes())
}

/// FNV-1a of a string continued over `bytes`: FNV-1a reads bytes in order,
/// so a bigram's hash is its first syllable's, extended by the rest.
fn fnv_extend(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a over the term's bytes; the script computes the same.
pub fn bucket_of(term: &str, buckets: u32) -> u32 {
    term_hash(term) % buckets
}

/// The group of a term with hash `hash`.
fn group_of(hash: u32) -> usize {
    hash as usize % GROUPS
}

/// Folded syllables of a text: "Đống Đa, 2020" -> ["dong", "da", "2020"].
pub fn tokens(text: &str) -> Vec<String> {
    split_tokens(&ascii_fold(text))
        .map(str::to_string)
        .collect()
}

/// The syllables of an already folded text, borrowed: the runs of
/// alphanumeric characters. Folded text is nearly all ASCII, so it is
/// scanned by bytes, decoding only the rare other characters.
fn split_tokens(folded: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (word, len) = char_class_at(folded, at)?;
            if word {
                break at;
            }
            at += len;
        };
        while let Some((true, len)) = char_class_at(folded, at) {
            at += len;
        }
        Some(&folded[start..at])
    })
}

/// Whether the character at byte `at` of `s` is alphanumeric, and its
/// length; `None` at the end.
fn char_class_at(s: &str, at: usize) -> Option<(bool, usize)> {
    let b = *s.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let c = s[at..].chars().next()?;
    Some((crate::text::is_alphanumeric(c), c.len_utf8()))
}

/// The hasher for maps keyed by a `term_hash`: spreads it over 64 bits
/// (the table picks slots by the low bits and tags by the high ones). The
/// high half of the product is folded into the low one: the terms of one
/// group share their hash's low bits, which a product alone keeps, and
/// would all crowd into a sixty-fourth of the slots.
#[derive(Default, Clone, Copy)]
struct Spread(u64);

impl std::hash::Hasher for Spread {
    fn finish(&self) -> u64 {
        let h = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }
}

type HashedMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Spread>>;

/// The distinct terms of one article with their weights.
///
/// Every term is a slice of one string, the article's folded syllables
/// written one space apart: a bigram ("dong da") is then the slice that
/// spans two neighbouring syllables. An article's terms so cost two
/// allocations rather than one per term, which was most of the index's
/// time, and is what a rebuilding builder keeps per article.
#[derive(Debug, PartialEq, Eq)]
pub struct Terms {
    /// The syllables of each block (body paragraph or name), one space
    /// apart; a newline ends a block, so no bigram spans two blocks.
    text: String,
    /// The distinct terms, ordered by group.
    entries: Vec<TermEntry>,
    /// Where each group's terms end in `entries`.
    group_ends: [u32; GROUPS],
}

/// One distinct term of an article: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TermEntry {
    start: u32,
    end: u32,
    /// `term_hash` of the term, computed once.
    hash: u32,
    weight: u8,
}

impl Terms {
    /// No terms.
    fn none() -> Terms {
        Terms {
            text: String::new(),
            entries: Vec::new(),
            group_ends: [0; GROUPS],
        }
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Each term with its weight, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        self.entries.iter().map(|e| (self.term(e), e.weight))
    }

    fn term(&self, e: &TermEntry) -> &str {
        &self.text[e.start as usize..e.end as usize]
    }

    /// The terms of group `g`.
    fn group(&self, g: usize) -> &[TermEntry] {
        let from = if g == 0 { 0 } else { self.group_ends[g - 1] };
        &self.entries[from as usize..self.group_ends[g] as usize]
    }
}

/// FNV-1a's offset basis and prime (`fnv_extend`).
const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// One syllable of an article's text, with the hashes its terms need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Syllable {
    /// Its span in the text.
    start: u32,
    end: u32,
    /// `term_hash` of the syllable.
    hash: u32,
    /// `term_hash` of the bigram that ends with it (the previous syllable,
    /// a space, this one); 0 for a block's first syllable, which ends none.
    pair: u32,
}

impl Syllable {
    /// The syllable that ends at byte `end` of a block written from byte
    /// `base`, begun at `start`; `pair` is hashed along with the rest, but
    /// a block's first syllable (no `has_previous`) ends no bigram.
    fn ended(
        base: usize,
        start: usize,
        end: usize,
        hash: u32,
        pair: u32,
        has_previous: bool,
    ) -> Self {
        Syllable {
            start: (base + start) as u32,
            end: (base + end) as u32,
            hash,
            pair: if has_previous { pair } else { 0 },
        }
    }
}

/// Append the folded syllables of `raw` to `text` (UTF-8) as one block,
/// recording each syllable's span and hashes; `folded` is a scratch buffer.
fn push_block(raw: &str, text: &mut Vec<u8>, folded: &mut String, syllables: &mut Vec<Syllable>) {
    let (text_len, syllables_len) = (text.len(), syllables.len());
    // Room for the fold as it is written, which is no longer than `raw`
    // unless a character folds to a longer one (then the fold below).
    text.resize(text_len + raw.len() + 8, 0);
    let written = match text.get_mut(text_len..) {
        Some(out) => fold_syllables(raw, out, text_len, syllables),
        None => None,
    };
    if let Some(n) = written {
        text.truncate(text_len + n);
        text.push(b'\n');
        return;
    }
    // A character the table cannot fold alone: the block is folded whole.
    text.truncate(text_len);
    syllables.truncate(syllables_len);
    folded.clear();
    ascii_fold_into(raw, folded);
    let mut previous: Option<u32> = None;
    for t in split_tokens(folded) {
        if previous.is_some() {
            text.push(b' ');
        }
        let start = text.len() as u32;
        text.extend_from_slice(t.as_bytes());
        let hash = term_hash(t);
        let pair = previous.map_or(0, |p| fnv_extend(fnv_extend(p, b" "), t.as_bytes()));
        syllables.push(Syllable {
            start,
            end: text.len() as u32,
            hash,
            pair,
        });
        previous = Some(hash);
    }
    text.push(b'\n');
}

/// The fold of each ASCII byte that is alphanumeric (the byte in lower
/// case), 0 for the others and for every byte past ASCII: one lookup
/// tells most of a text's bytes apart.
const ASCII_WORD: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// `FOLD_BYTES` of a character `fold_syllables` reads through its
/// `CharFold`.
const OTHER: u8 = 0x80;

/// What each character of the `CharFolds` table is to `fold_syllables`,
/// by code point, worked out once from the table: its fold when that is
/// an ASCII letter or digit (lower case), 0 when its fold is not
/// alphanumeric (it splits syllables), `OTHER` for the rest (no fold of
/// its own, or one past ASCII). One byte answers what the Vietnamese
/// letters (all of them one of the first two) need, where their
/// `CharFold` took several tests each.
static FOLD_BYTES: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    let table = char_folds();
    (0..CharFolds::END)
        .map(|cp| {
            let k = table.get_code(cp);
            match k.fold() {
                Some(_) if !k.fold_is_word() => 0,
                Some(f) if f.is_ascii() => f as u8,
                _ => OTHER,
            }
        })
        .collect()
});

/// One FNV-1a step (`fnv_extend` of one byte).
#[inline(always)]
fn fnv_step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(FNV_PRIME)
}

/// `push_block`'s syllables, folded into `out` (which lies at `base` in the
/// article's text) as `raw` is read, each character folded and split by
/// what it folds to: the same as splitting `ascii_fold(raw)`
/// (`split_tokens`), without writing the fold first. Each syllable's hash,
/// and its bigram's, are taken byte by byte as it is written (FNV-1a reads
/// bytes in order), not in a second pass. ASCII, most of the text, is
/// folded by `ASCII_WORD`, without decoding, and the other characters
/// of the table by `FOLD_BYTES`. The number of bytes written;
/// `None`, with `syllables` part written, if a character of `raw` has no fold of its own
/// (`CharFold::fold`) or `out` is too short.
///
/// Not inlined: apart, its loop keeps its state in registers.
#[inline(never)]
fn fold_syllables(
    raw: &str,
    out: &mut [u8],
    base: usize,
    syllables: &mut Vec<Syllable>,
) -> Option<usize> {
    let bytes = raw.as_bytes();
    let table = char_folds();
    let fold_bytes: &[u8] = &FOLD_BYTES;
    // Bytes written to `out`.
    let mut n = 0;
    // The syllable being read, if `in_word`: its start in `out`, its hash
    // and its bigram's so far.
    let (mut in_word, mut start, mut hash, mut pair) = (false, 0, 0u32, 0u32);
    // Whether the block has a previous syllable, and the hash of the
    // bigram it begins as far as the space (taken once it ends).
    let (mut has_previous, mut previous) = (false, 0u32);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let mut f = ASCII_WORD[usize::from(b)];
        if b < 0x80 {
            i += 1;
        } else {
            // Four bytes lie past the tables: the block is folded the
            // other way.
            let (cp, len) = crate::text::code_at(bytes, i)?;
            i += len;
            f = fold_bytes.get(cp as usize).copied().unwrap_or(OTHER);
            if f == OTHER {
                // No fold of its own, or one past ASCII that is
                // alphanumeric (Greek, Cyrillic, …; `FOLD_BYTES` has the
                // rest): rare, and written and hashed whole.
                let folded = table.get_code(cp).fold()?;
                let mut utf8 = [0; 4];
                let folded = folded.encode_utf8(&mut utf8).as_bytes();
                if !in_word {
                    (start, hash, pair) = (begin(out, &mut n, has_previous)?, FNV_OFFSET, previous);
                    in_word = true;
                }
                out.get_mut(n..n + folded.len())?.copy_from_slice(folded);
                n += folded.len();
                hash = fnv_extend(hash, folded);
                pair = fnv_extend(pair, folded);
                continue;
            }
        }
        if f == 0 {
            if in_word {
                syllables.push(Syllable::ended(base, start, n, hash, pair, has_previous));
                (has_previous, previous, in_word) = (true, fnv_step(hash, b' '), false);
            }
            continue;
        }
        if !in_word {
            (start, hash, pair) = (begin(out, &mut n, has_previous)?, FNV_OFFSET, previous);
            in_word = true;
        }
        *out.get_mut(n)? = f;
        n += 1;
        hash = fnv_step(hash, f);
        pair = fnv_step(pair, f);
    }
    if in_word {
        syllables.push(Syllable::ended(base, start, n, hash, pair, has_previous));
    }
    Some(n)
}

/// Begin a syllable at `out[*n]`, after a space if the block has a
/// previous syllable: where it starts; `None` if `out` is too short.
#[inline]
fn begin(out: &mut [u8], n: &mut usize, has_previous: bool) -> Option<usize> {
    if has_previous {
        *out.get_mut(*n)? = b' ';
        *n += 1;
    }
    Some(*n)
}

/// Buffers `article_terms` reuses from one article to the next on a
/// thread: sized for the longest article so far, they cost no allocation
/// (a fresh table per article was mostly allocating and zeroing).
#[derive(Default)]
struct Scratch {
    folded: String,
    /// The syllables of the article's `text`.
    syllables: Vec<Syllable>,
    /// The syllable ranges of the blocks, and whether each is a name.
    blocks: Vec<(std::ops::Range<usize>, bool)>,
    /// The distinct terms in the order found.
    found: Vec<TermEntry>,
    /// The dedupe table: open addressing on the term's hash, each slot
    /// 0 (empty) or 1 + the term's index in `found`; a power of two at
    /// least twice the article's terms, so probes stay short.
    slots: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The terms of one article with their weights: the unigrams and adjacent
/// bigrams of each body block, weighted by how often they occur, and those
/// of the title, kicker, districts and people, which weigh most.
pub fn article_terms(a: &Article) -> Result<Terms> {
    let body = a.blocks()?;
    Ok(SCRATCH.with(|scratch| article_terms_with(a, &body, &mut scratch.borrow_mut())))
}

/// `article_terms`, for the index's gathering, which takes terms that
/// cannot fail: a failure is kept in `failed` (the first one) and gives no
/// terms, and the caller reports it once the index is made.
pub fn article_terms_or_keep_error(a: &Article, failed: &Mutex<Option<Error>>) -> Terms {
    article_terms(a).unwrap_or_else(|e| {
        if let Ok(mut first) = failed.lock() {
            first.get_or_insert(e);
        }
        Terms::none()
    })
}

/// The first error `article_terms_or_keep_error` kept, if any.
pub fn kept_error(failed: Mutex<Option<Error>>) -> Result<()> {
    match failed.into_inner() {
        Ok(None) => Ok(()),
        Ok(Some(e)) => Err(e),
        Err(poisoned) => poisoned.into_inner().map_or(Ok(()), Err),
    }
}

/// The texts an article's terms come from, each with whether it is a name
/// (title, kicker, district, person: a hit there weighs most): the body's
/// blocks, then the names.
fn term_sources<'a>(
    a: &'a Article,
    body: &'a [Block],
) -> impl Iterator<Item = (&'a str, bool)> + Clone + 'a {
    let names = std::iter::once(a.title.as_str())
        .chain(a.kicker.as_deref())
        .chain(a.districts.iter().map(String::as_str))
        .chain(a.people.iter().map(|p| p.name.as_str()));
    let raws = body.iter().map(|b| (b.text.as_str(), false));
    raws.chain(names.map(|n| (n, true)))
}

fn article_terms_with(a: &Article, body: &[Block], scratch: &mut Scratch) -> Terms {
    let Scratch {
        folded,
        syllables,
        blocks,
        found,
        slots,
    } = scratch;
    syllables.clear();
    blocks.clear();
    found.clear();

    let raws = term_sources(a, body);
    // Folding mostly shortens text: the raw length is a fair capacity.
    let raw_len: usize = raws.clone().map(|(r, _)| r.len() + 1).sum();
    // (And `push_block` asks for a few bytes more than it writes.)
    let raw_len = raw_len + 8;
    let mut text = Vec::with_capacity(raw_len);
    for (raw, is_name) in raws {
        let from = syllables.len();
        push_block(raw, &mut text, folded, syllables);
        blocks.push((from..syllables.len(), is_name));
    }

    // At most a unigram and a bigram per syllable; at least half the
    // slots stay empty.
    let size = (syllables.len() * 4).next_power_of_two().max(16);
    slots.clear();
    slots.resize(size, 0);

    let mut table = Dedupe {
        text: &text,
        slots,
        shift: 32 - size.trailing_zeros(),
        entries: found,
    };
    for (range, is_name) in blocks.iter() {
        let spans = &syllables[range.clone()];
        table.add_block(spans, if *is_name { NAME_HIT } else { BODY_ONCE });
    }
    let (entries, group_ends) = by_group(found);
    // Only whole characters were written: ASCII bytes, a fold's UTF-8,
    // and slices of a `str` split at characters.
    let text = String::from_utf8(text).unwrap_or_else(|e| {
        debug_assert!(false, "search text is not UTF-8: {e}");
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    });
    Terms {
        text,
        entries,
        group_ends,
    }
}

/// Whether `a` and `b` are equal, compared in line by whole words: a
/// term is a few bytes, and most terms are seen again, each time compared
/// with the one it matches (a call to `bcmp` cost more, and so did a loop
/// over the bytes past the last eight). Eight bytes at a time, the last
/// eight overlapping those before; four and the last four below eight;
/// the first, middle and last byte below four, which are all of them.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        s.get(at..)?
            .first_chunk::<8>()
            .map(|w| u64::from_ne_bytes(*w))
    };
    let half = |s: &[u8], at: usize| {
        s.get(at..)?
            .first_chunk::<4>()
            .map(|w| u32::from_ne_bytes(*w))
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if word(a, at) != word(b, at) {
                    return false;
                }
                at += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

/// An article's distinct terms as they are found, and the table that tells
/// a term seen before.
struct Dedupe<'a> {
    text: &'a [u8],
    slots: &'a mut [u32],
    /// A hash's first slot is its top bits: 32 - log2(slots).
    shift: u32,
    entries: &'a mut Vec<TermEntry>,
}

impl Dedupe<'_> {
    /// Count the unigrams, then the bigrams, of a block of syllables found
    /// with weight `weight` (see `add`). Not inlined: apart, its loops
    /// keep their state in registers.
    #[inline(never)]
    fn add_block(&mut self, spans: &[Syllable], weight: u8) {
        for s in spans {
            self.add(s.start, s.end, s.hash, weight);
        }
        // "a b" was hashed as "a" extended by " b", as "b" was read.
        for w in spans.windows(2) {
            self.add(w[0].start, w[1].end, w[1].pair, weight);
        }
    }

    /// Count a term, `text[start..end]` of hash `hash`, found with weight
    /// `weight` (`BODY_ONCE` in the body, `NAME_HIT` in a name): a body
    /// term seen again weighs `BODY_MANY`, a name's always `NAME_HIT`.
    #[inline(always)]
    fn add(&mut self, start: u32, end: u32, hash: u32, weight: u8) {
        let mask = self.slots.len() - 1;
        let term = &self.text[start as usize..end as usize];
        // Multiplied, so the top bits depend on all of the hash.
        let mut at = (hash.wrapping_mul(0x9e37_79b9) >> self.shift) as usize;
        loop {
            let Some(slot) = self.slots.get_mut(at & mask) else {
                return;
            };
            let Some(i) = slot.checked_sub(1) else {
                *slot = self.entries.len() as u32 + 1;
                self.entries.push(TermEntry {
                    start,
                    end,
                    hash,
                    weight,
                });
                return;
            };
            if let Some(e) = self.entries.get_mut(i as usize) {
                if e.hash == hash && same_bytes(&self.text[e.start as usize..e.end as usize], term)
                {
                    e.weight = if weight == NAME_HIT {
                        NAME_HIT
                    } else {
                        e.weight.max(BODY_MANY)
                    };
                    return;
                }
            }
            at += 1;
        }
    }
}

/// `entries` ordered by group (a counting sort: the order within a group
/// does not matter), with where each group ends.
fn by_group(entries: &[TermEntry]) -> (Vec<TermEntry>, [u32; GROUPS]) {
    let mut ends = [0u32; GROUPS];
    for e in entries {
        ends[group_of(e.hash)] += 1;
    }
    let mut total = 0;
    for end in &mut ends {
        total += *end;
        *end = total;
    }
    // Each group is filled from its end down.
    let mut next = ends;
    let mut sorted = entries.to_vec();
    for e in entries {
        let at = &mut next[group_of(e.hash)];
        *at -= 1;
        sorted[*at as usize] = *e;
    }
    (sorted, ends)
}

/// Postings of one term while the index is made, in document order, kept
/// as the file writes them: deltas, `(doc - previous doc) * 4 + weight`,
/// each a LEB128 varint. A common term's delta fits a byte, so the index
/// of 100,000 articles (about a hundred million postings) holds about
/// 150 MB of them rather than the 500 MB a `Vec<u32>` took.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    /// The last posting's document.
    last: u32,
}

impl Postings {
    /// Add `doc * 4 + weight` for a document after every one already in.
    fn push(&mut self, entry: u32) {
        let doc = entry / 4;
        debug_assert!(self.bytes.is_empty() || doc > self.last);
        let mut delta = (doc - self.last) * 4 + entry % 4;
        self.last = doc;
        loop {
            let low = (delta & 0x7f) as u8;
            delta >>= 7;
            if delta == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The deltas, as the file has them.
    fn deltas(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.bytes.iter();
        std::iter::from_fn(move || {
            let mut value = 0u32;
            let mut shift = 0;
            loop {
                let b = *bytes.next()?;
                value |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    return Some(value);
                }
                shift += 7;
            }
        })
    }

    /// Each posting, `doc * 4 + weight`.
    fn entries(&self) -> impl Iterator<Item = u32> + '_ {
        let mut doc = 0;
        self.deltas().map(move |d| {
            doc += d / 4;
            doc * 4 + d % 4
        })
    }

    /// Set document `doc`'s posting to `entry` (`None`: remove it). For a
    /// rebuild's patch, a few terms at a time: the postings are read out
    /// and written again.
    fn set(&mut self, doc: u32, entry: Option<u32>) {
        let mut all: Vec<u32> = self.entries().collect();
        match (all.binary_search_by_key(&doc, |e| e / 4), entry) {
            (Ok(i), Some(e)) => all[i] = e,
            (Ok(i), None) => {
                all.remove(i);
            }
            (Err(i), Some(e)) => all.insert(i, e),
            (Err(_), None) => return,
        }
        *self = Postings::default();
        for e in all {
            self.push(e);
        }
    }
}

/// A bucket file's terms, sorted, as serde_json writes them as a JSON
/// object (what a `BTreeMap<String, Vec<u64>>` serialises to): the
/// definition `bucket_json` is tested against.
#[cfg(test)]
struct Bucket<'a>(Vec<(&'a str, &'a Postings)>);

/// One term's postings as the file has them: deltas.
#[cfg(test)]
struct Deltas<'a>(&'a Postings);

#[cfg(test)]
impl Serialize for Bucket<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(t, p)| (t, Deltas(p))))
    }
}

#[cfg(test)]
impl Serialize for Deltas<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.deltas())
    }
}

/// A bucket file: its terms, sorted, with their postings' deltas, as the
/// JSON object serde_json writes for them (`Bucket`), written directly. A
/// bucket is mostly numbers, and serde's writer spent several times the
/// work of formatting one on each (a build's index is a million of them
/// per thousand articles). A term is written as it is unless JSON must
/// escape a byte of it (folded terms never need to), then by serde_json.
fn bucket_json(terms: &[(&str, &Postings)]) -> Vec<u8> {
    // A delta's varint byte holds under seven bits, at most three digits
    // and a comma: a fair capacity.
    let room: usize = terms
        .iter()
        .map(|(t, p)| t.len() + 5 + 4 * p.bytes.len())
        .sum();
    let mut out = Vec::with_capacity(room + 2);
    let mut digits = itoa::Buffer::new();
    out.push(b'{');
    for (k, (term, postings)) in terms.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let plain = term.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
        if plain {
            out.push(b'"');
            out.extend_from_slice(term.as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(serde_json::to_string(term).unwrap_or_default().as_bytes());
        }
        out.extend_from_slice(b":[");
        let mut deltas = postings.deltas();
        if let Some(d) = deltas.next() {
            push_short(&mut out, digits.format(d).as_bytes());
        }
        for d in deltas {
            out.push(b',');
            push_short(&mut out, digits.format(d).as_bytes());
        }
        out.push(b']');
    }
    out.push(b'}');
    out
}

/// Append `bytes`, a number's few digits: a copy of a length known here is
/// a few moves, where `extend_from_slice` of any length calls `memcpy`,
/// which cost more than formatting the number.
#[inline(always)]
fn push_short(out: &mut Vec<u8>, bytes: &[u8]) {
    match *bytes {
        [a] => out.push(a),
        [a, b] => out.extend_from_slice(&[a, b]),
        [a, b, c] => out.extend_from_slice(&[a, b, c]),
        [a, b, c, d] => out.extend_from_slice(&[a, b, c, d]),
        _ => out.extend_from_slice(bytes),
    }
}

#[derive(Serialize)]
struct Meta {
    v: u32,
    docs: usize,
    buckets: u32,
    shard: usize,
}

/// A made index, kept by a rebuilding builder: the next index is patched
/// for the articles whose terms changed instead of gathered anew.
pub struct SearchIndex {
    /// Article ids in document order.
    ids: Vec<String>,
    /// Each document's terms.
    terms: Vec<Arc<Terms>>,
    /// The postings of each group's terms.
    groups: Vec<Group>,
    buckets: u32,
}

/// One group's part of the index: its terms with their postings. Terms
/// are found by their `term_hash`, kept from the article's terms, so a
/// posting costs no hashing of the term; terms of equal hash are chained.
#[derive(Default)]
struct Group {
    /// The first term of each hash, by index in `terms`.
    first: HashedMap<u32, u32>,
    terms: Vec<GroupTerm>,
}

struct GroupTerm {
    term: Box<str>,
    /// The next term of the same hash, if any.
    next: Option<u32>,
    /// Empty once a patch removed every document: the term is then
    /// skipped, not removed, which would renumber the rest.
    postings: Postings,
}

impl Group {
    /// Index in `terms` of the term with hash `hash`, if the group has it.
    fn find(&self, hash: u32, term: &str) -> Option<usize> {
        let mut at = self.first.get(&hash).copied();
        while let Some(i) = at {
            let t = &self.terms[i as usize];
            if &*t.term == term {
                return Some(i as usize);
            }
            at = t.next;
        }
        None
    }

    /// The postings of a term with hash `hash`, if the group has it.
    fn get_mut(&mut self, hash: u32, term: &str) -> Option<&mut Postings> {
        let i = self.find(hash, term)?;
        Some(&mut self.terms[i].postings)
    }

    /// The postings of a term with hash `hash`, added empty if new.
    fn entry(&mut self, hash: u32, term: &str) -> &mut Postings {
        let i = match self.find(hash, term) {
            Some(i) => i,
            None => {
                let next = self.first.insert(hash, self.terms.len() as u32);
                self.terms.push(GroupTerm {
                    term: term.into(),
                    next,
                    postings: Postings::default(),
                });
                self.terms.len() - 1
            }
        };
        &mut self.terms[i].postings
    }
}

/// The index's files, and the bucket files left as they were.
pub struct IndexFiles {
    pub pages: Vec<Page>,
    /// Bucket files the previous index wrote that are still right.
    pub unchanged: Vec<String>,
}

impl SearchIndex {
    /// An index of nothing, that no archive matches: the next index is
    /// gathered whole, and kept.
    pub fn empty() -> SearchIndex {
        SearchIndex {
            ids: Vec::new(),
            terms: Vec::new(),
            groups: Vec::new(),
            buckets: 0,
        }
    }

    /// Each document's terms, in document order.
    pub fn terms(&self) -> &[Arc<Terms>] {
        &self.terms
    }
}

fn bucket_path(b: u32) -> String {
    format!("tim-kiem/t/{b}.json")
}

/// Build the index files for an archive.
pub fn index(archive: &Archive, config: &Config) -> Result<Vec<Page>> {
    let sink = crate::write::Collect::default();
    index_into(archive, config, &sink)?;
    Ok(sink.into_pages())
}

/// The index of `archive` written into `sink` as it is made: a group's
/// bucket files as soon as the group is gathered, the doc shards one by
/// one. Neither is ever all in memory (on 100,000 articles they are a
/// quarter of a gigabyte).
pub fn index_into(archive: &Archive, config: &Config, sink: &dyn Sink) -> Result<()> {
    let failed = Mutex::new(None);
    let terms_of = |_, a: &Article| Arc::new(article_terms_or_keep_error(a, &failed));
    let buckets = bucket_count(archive.articles.len());
    let (groups, _) = gather(&archive.articles, &terms_of, false);
    kept_error(failed)?;
    groups
        .into_par_iter()
        .enumerate()
        .try_for_each(|(g, group)| {
            bucket_files(g, &group, buckets, None)
                .into_iter()
                .try_for_each(|(_, page)| sink.put(&page.path, &page.bytes))
        })?;
    doc_files(archive, config, &|page| sink.put(&page.path, &page.bytes))
}

/// Build the index files, taking each article's terms from `terms_of`
/// (called with the document number and the article). With `previous`
/// (the last build's index, of the same articles in the same order), only
/// the postings of documents whose terms changed are redone, and only the
/// bucket files they touch are written; the rest are listed unchanged.
/// Returns the index to keep for the next build when `previous` was given.
pub fn index_with(
    archive: &Archive,
    config: &Config,
    terms_of: &(dyn Fn(usize, &Article) -> Arc<Terms> + Sync),
    previous: Option<SearchIndex>,
) -> (IndexFiles, Option<SearchIndex>) {
    let docs = &archive.articles;
    let buckets = bucket_count(docs.len());
    debug_assert_eq!(
        buckets as usize % GROUPS,
        0,
        "a bucket must lie in one group"
    );
    let keep = previous.is_some();
    let same_docs = |p: &SearchIndex| {
        p.buckets == buckets
            && p.ids.len() == docs.len()
            && p.ids.iter().zip(docs).all(|(i, a)| *i == a.id)
    };
    let (groups, terms, dirty) = match previous.filter(same_docs) {
        Some(mut p) => {
            let terms: Vec<Arc<Terms>> = docs
                .par_iter()
                .enumerate()
                .map(|(n, a)| terms_of(n, a))
                .collect();
            let mut dirty = vec![false; buckets as usize];
            for (n, (old, new)) in p.terms.iter().zip(&terms).enumerate() {
                if Arc::ptr_eq(old, new) {
                    continue;
                }
                patch(&mut p.groups, n, old, new, buckets, &mut dirty);
            }
            (p.groups, terms, Some(dirty))
        }
        None => {
            let (groups, terms) = gather(docs, terms_of, keep);
            (groups, terms, None)
        }
    };
    let mut unchanged = Vec::new();
    if let Some(d) = &dirty {
        unchanged = (0..buckets)
            .filter(|b| !d[*b as usize])
            .map(bucket_path)
            .collect();
    }
    let dirty = dirty.as_deref();
    let (mut numbered, groups): (Vec<(u32, Page)>, _) = if keep {
        let files = groups
            .par_iter()
            .enumerate()
            .flat_map_iter(|(g, group)| bucket_files(g, group, buckets, dirty))
            .collect();
        (files, Some(groups))
    } else {
        // Each group is dropped once written: the postings and the files
        // made from them are not all held at once.
        let files = groups
            .into_par_iter()
            .enumerate()
            .flat_map_iter(|(g, group)| bucket_files(g, &group, buckets, dirty))
            .collect();
        (files, None)
    };
    numbered.sort_unstable_by_key(|(b, _)| *b);
    let mut pages: Vec<Page> = numbered.into_iter().map(|(_, p)| p).collect();
    let shards = Mutex::new(Vec::new());
    // Pushing cannot fail.
    let _ = doc_files(archive, config, &|page| {
        if let Ok(mut s) = shards.lock() {
            s.push(page);
        }
        Ok(())
    });
    // Made in parallel, so in no set order: files are written by path.
    pages.extend(shards.into_inner().unwrap_or_default());
    let kept = groups.map(|groups| SearchIndex {
        ids: docs.iter().map(|a| a.id.clone()).collect(),
        terms,
        groups,
        buckets,
    });
    (IndexFiles { pages, unchanged }, kept)
}

/// The bucket files of group `g` (numbered, as they lie in no order), or
/// only those marked in `dirty` when given.
fn bucket_files(g: usize, group: &Group, buckets: u32, dirty: Option<&[bool]>) -> Vec<(u32, Page)> {
    // The group's buckets are g, g + GROUPS, g + 2 * GROUPS, …
    let per_group = buckets as usize / GROUPS;
    let mut by_bucket: Vec<Vec<(&str, &Postings)>> = vec![Vec::new(); per_group];
    for t in group.terms.iter().filter(|t| !t.postings.is_empty()) {
        let b = bucket_of(&t.term, buckets) as usize;
        by_bucket[b / GROUPS].push((&t.term, &t.postings));
    }
    by_bucket
        .into_iter()
        .enumerate()
        .map(|(k, terms)| ((k * GROUPS + g) as u32, terms))
        .filter(|(b, _)| dirty.is_none_or(|d| d[*b as usize]))
        .map(|(b, mut terms)| {
            terms.sort_unstable_by(|x, y| x.0.cmp(y.0));
            let page = Page {
                path: bucket_path(b),
                bytes: bucket_json(&terms),
            };
            (b, page)
        })
        .collect()
}

/// Gather postings in document order, so they come out sorted and the
/// output is deterministic. Documents go in chunks: the terms of one chunk
/// are found in parallel while the previous chunk's are gathered, each
/// group by its own task, and unless `keep` only two chunks' worth of
/// per-document terms is held at a time.
fn gather(
    docs: &[Article],
    terms_of: &(dyn Fn(usize, &Article) -> Arc<Terms> + Sync),
    keep: bool,
) -> (Vec<Group>, Vec<Arc<Terms>>) {
    const CHUNK: usize = 512;
    let mut groups: Vec<Group> = (0..GROUPS).map(|_| Group::default()).collect();
    let mut kept = Vec::new();
    let add = |groups: &mut [Group], first: usize, chunk: &[Arc<Terms>]| {
        groups.par_iter_mut().enumerate().for_each(|(g, group)| {
            for (k, terms) in chunk.iter().enumerate() {
                let n = (first + k) as u32;
                for e in terms.group(g) {
                    let entry = n * 4 + u32::from(e.weight);
                    group.entry(e.hash, terms.term(e)).push(entry);
                }
            }
        });
    };
    let mut pending: Option<(usize, Vec<Arc<Terms>>)> = None;
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let (done, terms) = rayon::join(
            || {
                let p = pending.take();
                if let Some((first, terms)) = &p {
                    add(&mut groups, *first, terms);
                }
                p
            },
            || {
                chunk
                    .par_iter()
                    .enumerate()
                    .map(|(k, a)| terms_of(c * CHUNK + k, a))
                    .collect::<Vec<_>>()
            },
        );
        if let (true, Some((_, t))) = (keep, done) {
            kept.extend(t);
        }
        pending = Some((c * CHUNK, terms));
    }
    if let Some((first, terms)) = pending.take() {
        add(&mut groups, first, &terms);
        if keep {
            kept.extend(terms);
        }
    }
    (groups, kept)
}

/// Move document `n` from its `old` terms to its `new` ones, marking the
/// buckets whose files change.
fn patch(
    groups: &mut [Group],
    n: usize,
    old: &Terms,
    new: &Terms,
    buckets: u32,
    dirty: &mut [bool],
) {
    let n = n as u32;
    // Only the terms whose posting of this document changes: an edited
    // sentence leaves most of an article's terms and weights as they were,
    // and the files of their buckets byte for byte the same.
    let mut before: HashMap<(u32, &str), u8> = old
        .entries
        .iter()
        .map(|e| ((e.hash, old.term(e)), e.weight))
        .collect();
    for e in &new.entries {
        let term = new.term(e);
        if before.remove(&(e.hash, term)) == Some(e.weight) {
            continue;
        }
        let entry = n * 4 + u32::from(e.weight);
        groups[group_of(e.hash)]
            .entry(e.hash, term)
            .set(n, Some(entry));
        dirty[(e.hash % buckets) as usize] = true;
    }
    for (hash, term) in before.into_keys() {
        if let Some(p) = groups[group_of(hash)].get_mut(hash, term) {
            p.set(n, None);
        }
        dirty[(hash % buckets) as usize] = true;
    }
}

/// The doc shards (what a result shows: URL, title, date, districts,
/// snippet), the meta file and the script.
fn doc_files(
    archive: &Archive,
    config: &Config,
    emit: &(dyn Fn(Page) -> Result<()> + Sync),
) -> Result<()> {
    let docs = &archive.articles;
    docs.par_chunks(SHARD)
        .enumerate()
        .try_for_each(|(k, chunk)| {
            let rows: Vec<(String, &str, Option<&str>, String, String)> = chunk
                .iter()
                .map(|a| {
                    (
                        config.href(&a.url),
                        a.title.as_str(),
                        article_date(a),
                        a.districts.join(", "),
                        a.summary(),
                    )
                })
                .collect();
            emit(Page {
                path: format!("tim-kiem/d/{k}.json"),
                bytes: serde_json::to_vec(&rows).unwrap_or_default(),
            })
        })?;
    let meta = Meta {
        v: 1,
        docs: docs.len(),
        buckets: bucket_count(docs.len()),
        shard: SHARD,
    };
    emit(Page {
        path: "tim-kiem/meta.json".into(),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    })?;
    emit(Page {
        path: "tim-kiem/search.js".into(),
        bytes: SCRIPT.as_bytes().to_vec(),
    })
}

/// Answer a query from the index files, as the script does: the reference
/// the script is tested against, and what tests use to check the index.
/// Returns document numbers, best first.
pub fn query(files: &BTreeMap<String, Vec<u8>>, q: &str) -> Vec<usize> {
    let Some(meta) = files
        .get("tim-kiem/meta.json")
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
    else {
        return Vec::new();
    };
    let buckets = meta["buckets"].as_u64().unwrap_or(1) as u32;
    let toks = tokens(q);
    if toks.is_empty() {
        return Vec::new();
    }
    let postings = |term: &str| -> BTreeMap<usize, u8> {
        let path = format!("tim-kiem/t/{}.json", bucket_of(term, buckets));
        let mut out = BTreeMap::new();
        let Some(v) = files
            .get(&path)
            .and_then(|b| serde_json::from_slice::<BTreeMap<String, Vec<u64>>>(b).ok())
        else {
            return out;
        };
        let mut doc = 0usize;
        for p in v.get(term).into_iter().flatten() {
            doc += (p / 4) as usize;
            out.insert(doc, (p % 4) as u8);
        }
        out
    };
    // Every syllable must occur; adjacent pairs and name hits rank higher.
    let mut scores: Option<BTreeMap<usize, u32>> = None;
    for t in &toks {
        let p = postings(t);
        scores = Some(match scores {
            None => p.iter().map(|(d, w)| (*d, 1 + u32::from(*w))).collect(),
            Some(s) => s
                .into_iter()
                .filter_map(|(d, sc)| p.get(&d).map(|w| (d, sc + 1 + u32::from(*w))))
                .collect(),
        });
    }
    let mut scores = scores.unwrap_or_default();
    for w in toks.windows(2) {
        for (d, weight) in postings(&format!("{} {}", w[0], w[1])) {
            if let Some(s) = scores.get_mut(&d) {
                *s += 4 + 4 * u32::from(weight);
            }
        }
    }
    let mut ranked: Vec<(usize, u32)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(d, _)| d).collect()
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;
    use crate::model::{Block, CleanDoc, Facts};

    #[test]
    fn syllables_folded_as_read_agree_with_splitting_the_fold() {
        let samples = crate::text::FOLD_SAMPLES.iter().copied();
        let samples = samples.chain(["Trưởng\u{301}thôn", "a\u{301}\u{302}b", "İstanbul ǅ"]);
        for raw in samples {
            let first = Syllable {
                start: 0,
                end: 1,
                hash: 1,
                pair: 2,
            };
            let (mut text, mut syllables) = (b"x\n".to_vec(), vec![first]);
            push_block(raw, &mut text, &mut String::new(), &mut syllables);
            let text = String::from_utf8(text).unwrap();
            let folded = ascii_fold(raw);
            let by_definition: Vec<&str> = split_tokens(&folded).collect();
            let mut expected = format!("x\n{}", by_definition.join(" "));
            expected.push('\n');
            assert_eq!(text, expected, "{raw:?}");
            let read: Vec<&str> = syllables[1..]
                .iter()
                .map(|s| &text[s.start as usize..s.end as usize])
                .collect();
            assert_eq!(read, by_definition, "{raw:?}");
            for (k, s) in syllables[1..].iter().enumerate() {
                assert_eq!(s.hash, term_hash(read[k]), "{raw:?}");
                let pair = if k == 0 {
                    0
                } else {
                    term_hash(&format!("{} {}", read[k - 1], read[k]))
                };
                assert_eq!(s.pair, pair, "{raw:?}");
            }
        }
    }

    /// Block texts for holding `article_terms_with` to its reference:
    /// the fold samples, the seeds' lines, and random joinings of pieces
    /// with non-ASCII letters, characters without a fold of their own,
    /// digits, punctuation and blanks.
    fn term_samples() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let mut seeds: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .flat_map(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                text.lines().map(str::to_string).collect::<Vec<_>>()
            })
            .collect();
        assert!(seeds.len() > 20, "the seeds' lines were not read");
        let pieces = [
            "Đống",
            " ",
            "Đa",
            "đa",
            "ĐA",
            ", ",
            "2020",
            "x",
            "A",
            "a",
            "ố",
            "–",
            "“",
            "”",
            "…",
            "\t",
            "\n",
            "Ω",
            "ß",
            "Москва",
            "ﬁ",
            "İ",
            "\u{301}",
            "o\u{302}",
            "½",
            "😀",
            "東京",
            "\u{212A}",
            "-",
            "5",
            "Hà Nội",
            "Quận",
            "hoà",
            "hòa",
            "HOÀ",
            "uỷ",
            "ủy",
            "u\u{309}y",
            "  ",
            "",
        ];
        let extra = ["", " ", ",,", "a", "a a a", "đđ đđ", "x y x y x y"];
        let mut texts = crate::text::samples_with(&extra, &pieces, 3000, 40);
        texts.append(&mut seeds);
        // The lines of generated articles.
        for i in 0..40 {
            let text = crate::corpus::article(2, i).text;
            texts.extend(text.lines().map(str::to_string));
        }
        texts
    }

    /// An article of `body` blocks and names made of `texts`.
    fn article_of(texts: &[String]) -> Article {
        let (title, rest) = texts
            .split_first()
            .map_or(("", &[][..]), |(t, r)| (t.as_str(), r));
        let mut a = article(title, "", None);
        let (names, body) = rest.split_at(rest.len() / 4);
        let body: Vec<&str> = body.iter().map(String::as_str).collect();
        a.body = Block::paragraphs(&body).into();
        a.kicker = names.first().cloned();
        let (districts, people) = names.split_at(names.len() / 2);
        a.districts = districts.iter().skip(1).cloned().collect();
        a.people = people
            .iter()
            .map(|n| crate::model::Person {
                name: n.clone(),
                roles: Vec::new(),
                evidence: Vec::new(),
                source: Default::default(),
            })
            .collect();
        a
    }

    #[test]
    fn same_bytes_agrees_with_comparing_slices() {
        // Slices of up to twenty bytes of a random text of two letters:
        // every way two short terms can differ, at every place.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let text: Vec<u8> = (0..160)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                b'a' + (seed % 2) as u8
            })
            .collect();
        for len in 0..=20 {
            for a in 0..text.len() - len {
                for b in 0..text.len() - len {
                    let (x, y) = (&text[a..a + len], &text[b..b + len]);
                    assert_eq!(same_bytes(x, y), x == y, "{a} {b} {len}");
                    assert!(!same_bytes(x, &text[b..b + len + 1]));
                }
            }
        }
    }

    #[test]
    fn a_fold_that_does_not_fit_is_refused_not_cut() {
        let samples = term_samples();
        for raw in samples.iter().take(400) {
            let mut whole = vec![0; raw.len() + 8];
            let mut syllables = Vec::new();
            let Some(n) = fold_syllables(raw, &mut whole, 0, &mut syllables) else {
                continue;
            };
            for room in 0..n {
                let mut out = vec![0; room];
                let mut short = Vec::new();
                assert_eq!(
                    fold_syllables(raw, &mut out, 0, &mut short),
                    None,
                    "{raw:?}"
                );
            }
        }
    }

    #[test]
    fn article_terms_match_the_previous_definition() {
        let texts = term_samples();
        let (mut scratch, mut old) = (Scratch::default(), reference::Scratch::default());
        let mut checked = 0;
        // Articles of a few texts each, and one of every text (whose table
        // is larger), each compared term for term and in order.
        let one_of_each = [&texts[..]];
        for group in texts.chunks(7).chain(texts.chunks(1)).chain(one_of_each) {
            let a = article_of(group);
            let body = a.blocks().unwrap();
            let new = article_terms_with(&a, &body, &mut scratch);
            let expected = reference::article_terms_with(&a, &body, &mut old);
            assert_eq!(new, expected, "{group:?}");
            checked += new.len();
        }
        // Generated articles whole, a block a line.
        for i in 0..40 {
            let text = crate::corpus::article(6, i).text;
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            let a = article_of(&lines);
            let body = a.blocks().unwrap();
            let new = article_terms_with(&a, &body, &mut scratch);
            let expected = reference::article_terms_with(&a, &body, &mut old);
            assert_eq!(new, expected, "generated article {i}");
        }
        assert!(checked > 50_000, "too few terms compared: {checked}");
    }

    fn article(title: &str, body: &str, district: Option<&str>) -> Article {
        let doc = CleanDoc {
            source_file: format!("{title}.txt"),
            title: title.into(),
            body: vec![Block {
                kind: BlockKind::Paragraph,
                text: body.into(),
            }],
            ..CleanDoc::default()
        };
        let mut a = Article::assemble(doc, Facts::default(), "UTF-8");
        a.districts = district.into_iter().map(str::to_string).collect();
        a.url = format!("bai-viet/{}/", crate::text::slug_of(title, 80));
        a.id = crate::text::slug_of(title, 80);
        a
    }

    fn files(archive: &Archive) -> BTreeMap<String, Vec<u8>> {
        index(archive, &Config::default())
            .unwrap()
            .into_iter()
            .map(|p| (p.path, p.bytes))
            .collect()
    }

    fn sample() -> Archive {
        Archive {
            articles: vec![
                article(
                    "Hội nghị Quận ủy Ba Đình",
                    "Quận ủy Ba Đình họp. Đồng chí dự.",
                    Some("Ba Đình"),
                ),
                article(
                    "Đại hội Đảng bộ quận Đống Đa",
                    "Đảng bộ quận Đống Đa tổ chức Đại hội.",
                    Some("Đống Đa"),
                ),
                article(
                    "Tin Hai Bà Trưng",
                    "Cán bộ đông đủ; đa số tán thành. Nhắc đến Đống Đa.",
                    Some("Hai Bà Trưng"),
                ),
            ],
            ..Archive::default()
        }
    }

    #[test]
    fn dong_da_finds_dong_da_with_or_without_marks() {
        let f = files(&sample());
        for q in ["dong da", "Đống Đa", "Dong Da", "đong đa", "DONG DA"] {
            let hits = query(&f, q);
            assert_eq!(hits.first(), Some(&1), "query {q:?} gave {hits:?}");
            assert!(
                hits.contains(&2),
                "query {q:?} misses the mention: {hits:?}"
            );
            assert!(!hits.contains(&0), "query {q:?} matched Ba Đình: {hits:?}");
        }
    }

    #[test]
    fn title_hits_rank_before_body_mentions() {
        let f = files(&sample());
        assert_eq!(query(&f, "dong da"), vec![1, 2]);
    }

    #[test]
    fn unknown_words_find_nothing() {
        let f = files(&sample());
        assert!(query(&f, "xyzzy").is_empty());
        assert!(query(&f, "   ").is_empty());
    }

    #[test]
    fn buckets_grow_with_the_archive() {
        assert_eq!(bucket_count(10), 64);
        assert_eq!(bucket_count(10_000), 4096);
        assert_eq!(bucket_count(1_000_000), 8192);
    }

    /// The terms as first defined: a count per term over the body blocks,
    /// then names, each term an owned string.
    fn reference_terms(a: &Article) -> BTreeMap<String, u8> {
        fn each_term(text: &str, mut f: impl FnMut(String)) {
            let folded = ascii_fold(text);
            let toks: Vec<&str> = folded
                .split(|c: char| !crate::text::is_alphanumeric(c))
                .filter(|t| !t.is_empty())
                .collect();
            toks.iter().for_each(|t| f(t.to_string()));
            toks.windows(2)
                .for_each(|w| f(format!("{} {}", w[0], w[1])));
        }
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for b in a.body.held() {
            each_term(&b.text, |t| *counts.entry(t).or_default() += 1);
        }
        let mut weights: BTreeMap<String, u8> = counts
            .into_iter()
            .map(|(t, n)| (t, if n > 1 { BODY_MANY } else { BODY_ONCE }))
            .collect();
        let names = std::iter::once(a.title.as_str())
            .chain(a.kicker.as_deref())
            .chain(a.districts.iter().map(String::as_str));
        for name in names {
            each_term(name, |t| {
                weights.insert(t, NAME_HIT);
            });
        }
        weights
    }

    fn terms_map(t: &Terms) -> BTreeMap<String, u8> {
        let map: BTreeMap<String, u8> = t.iter().map(|(s, w)| (s.to_string(), w)).collect();
        assert_eq!(map.len(), t.len(), "a term listed twice");
        map
    }

    #[test]
    fn article_terms_match_the_reference() {
        let mut a = article(
            "Quận Đống Đa: Đống Đa đổi mới",
            "Đống Đa, đống đa — ĐỐNG ĐA!\tHà Nội (2020) họp; họp họp.",
            Some("Đống Đa"),
        );
        let mut body = a.body.held().to_vec();
        body.extend(Block::paragraphs(&[
            "Đa số. Cán bộ đông đủ, x½y ﬁ № 5",
            " ,, ",
        ]));
        a.body = body.into();
        for a in sample().articles.iter().chain([&a]) {
            assert_eq!(terms_map(&article_terms(a).unwrap()), reference_terms(a));
        }
    }

    #[test]
    fn terms_are_ordered_by_group() {
        let t = article_terms(&sample().articles[1]).unwrap();
        let mut seen = 0;
        for g in 0..GROUPS {
            for e in t.group(g) {
                assert_eq!(group_of(e.hash), g);
                assert_eq!(e.hash, term_hash(t.term(e)));
                seen += 1;
            }
        }
        assert_eq!(seen, t.len());
    }

    #[test]
    fn split_tokens_splits_at_non_alphanumerics() {
        for text in ["dong da, 2020", "  a--b  ", "", "x½y ﬁ № 5 ü", "α β,γ"] {
            let expected: Vec<&str> = text
                .split(|c: char| !crate::text::is_alphanumeric(c))
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(split_tokens(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn bigram_hash_extends_the_first_syllable() {
        assert_eq!(fnv_extend(term_hash("dong"), b" da"), term_hash("dong da"));
    }

    #[test]
    fn postings_keep_their_entries_as_varint_deltas() {
        // Deltas of one to five bytes.
        let docs = [
            0u32,
            1,
            2,
            40,
            31 + 40,
            5_000,
            5_001,
            1 << 20,
            1 << 28,
            (1 << 30) - 1,
        ];
        let entries: Vec<u32> = docs.iter().zip(0..).map(|(d, w)| d * 4 + w % 4).collect();
        let mut p = Postings::default();
        for e in &entries {
            p.push(*e);
        }
        assert_eq!(p.entries().collect::<Vec<_>>(), entries);
        let mut last = 0;
        let deltas: Vec<u32> = entries
            .iter()
            .map(|e| {
                let d = (e / 4 - last) * 4 + e % 4;
                last = e / 4;
                d
            })
            .collect();
        assert_eq!(p.deltas().collect::<Vec<_>>(), deltas);
        assert_eq!(p.bytes.len(), 1 + 1 + 1 + 2 + 1 + 3 + 1 + 4 + 5 + 5);

        // What a rebuild's patch does, against a plain list.
        let mut plain = entries.clone();
        for (doc, entry) in [
            (40, Some(40 * 4 + 3)),
            (41, Some(41 * 4)),
            (5_000, None),
            (7, None),
            (0, None),
        ] {
            p.set(doc, entry);
            match (plain.binary_search_by_key(&doc, |e| e / 4), entry) {
                (Ok(i), Some(e)) => plain[i] = e,
                (Ok(i), None) => {
                    plain.remove(i);
                }
                (Err(i), Some(e)) => plain.insert(i, e),
                (Err(_), None) => {}
            }
            assert_eq!(p.entries().collect::<Vec<_>>(), plain, "{doc}");
        }
        assert!(!p.is_empty());
    }

    #[test]
    fn bucket_json_is_what_serde_json_writes() {
        let postings = |docs: &[u32]| {
            let mut p = Postings::default();
            for (k, d) in docs.iter().enumerate() {
                p.push(d * 4 + k as u32 % 4);
            }
            p
        };
        // Deltas of one to five varint bytes, one posting, none.
        let long = postings(&[0, 1, 2, 40, 71, 5_000, 1 << 20, 1 << 28, (1 << 30) - 1]);
        let (one, none) = (postings(&[7]), postings(&[]));
        let mut terms: Vec<String> = [
            "", "a", "dong da", "2020", "đa", "Ω µ", "a\"b", "\\", "x\ny\tz", "\u{1}", "\u{1f}",
            "\u{7f}", "😀", "/",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        terms.sort();
        for n in 0..=terms.len() {
            for p in [&long, &one, &none] {
                let bucket: Vec<(&str, &Postings)> =
                    terms[..n].iter().map(|t| (t.as_str(), p)).collect();
                let expected = serde_json::to_vec(&Bucket(bucket.clone())).unwrap();
                assert_eq!(bucket_json(&bucket), expected, "{n}");
            }
        }
        // The buckets of an index of generated articles, each file.
        let mut archive = Archive::default();
        for i in 0..60 {
            let text = crate::corpus::article(4, i).text;
            let mut lines = text.lines();
            let title = lines.next().unwrap_or_default();
            let body: Vec<&str> = lines.collect();
            let mut a = article(title, "", None);
            a.body = Block::paragraphs(&body).into();
            archive.articles.push(a);
        }
        let terms_of = |_: usize, a: &Article| Arc::new(article_terms(a).unwrap());
        let (groups, _) = gather(&archive.articles, &terms_of, false);
        let buckets = bucket_count(archive.articles.len());
        let mut files = 0;
        for (g, group) in groups.iter().enumerate() {
            for (b, page) in bucket_files(g, group, buckets, None) {
                let mut terms: Vec<(&str, &Postings)> = group
                    .terms
                    .iter()
                    .filter(|t| !t.postings.is_empty())
                    .filter(|t| bucket_of(&t.term, buckets) == b)
                    .map(|t| (&*t.term, &t.postings))
                    .collect();
                terms.sort_unstable_by(|x, y| x.0.cmp(y.0));
                let expected = serde_json::to_vec(&Bucket(terms)).unwrap();
                assert_eq!(page.bytes, expected, "bucket {b}");
                files += 1;
            }
        }
        assert_eq!(files, buckets as usize);
    }

    #[test]
    fn a_group_tells_terms_of_equal_hash_apart() {
        let mut g = Group::default();
        g.entry(7, "mot").push(1);
        g.entry(7, "hai").push(2);
        g.entry(7, "mot").push(5);
        let entries = |p: &mut Postings| p.entries().collect::<Vec<_>>();
        assert_eq!(g.get_mut(7, "mot").map(entries), Some(vec![1, 5]));
        assert_eq!(g.get_mut(7, "hai").map(entries), Some(vec![2]));
        assert!(g.get_mut(7, "ba").is_none());
        assert!(g.get_mut(8, "mot").is_none());
    }

    #[test]
    fn every_bucket_lies_in_one_group() {
        for docs in [0, 10, 300, 10_000, 1_000_000] {
            assert_eq!(bucket_count(docs) as usize % GROUPS, 0);
        }
        let h = term_hash("dong da");
        assert_eq!(
            group_of(h),
            bucket_of("dong da", bucket_count(10_000)) as usize % GROUPS
        );
    }

    #[test]
    fn a_patched_index_equals_a_fresh_one() {
        let config = Config::default();
        let mut archive = sample();
        let terms_of = |_: usize, a: &Article| Arc::new(article_terms(a).unwrap());
        let (_, kept) = index_with(&archive, &config, &terms_of, Some(SearchIndex::empty()));
        // A term leaves one document and enters another; one is new.
        archive.articles[0].body = Block::paragraphs(&["Tổ chức họp. Quận Đống Đa"]).into();
        archive.articles[2].body = Block::paragraphs(&["Cán bộ đông đủ."]).into();
        let (patched, _) = index_with(&archive, &config, &terms_of, kept);
        let fresh: BTreeMap<String, Vec<u8>> = index(&archive, &config)
            .unwrap()
            .into_iter()
            .map(|p| (p.path, p.bytes))
            .collect();
        assert!(!patched.unchanged.is_empty());
        for page in &patched.pages {
            assert_eq!(fresh.get(&page.path), Some(&page.bytes), "{}", page.path);
        }
        let rewritten = patched.pages.len() + patched.unchanged.len();
        assert_eq!(rewritten, fresh.len());
    }

    #[test]
    fn a_patch_rewrites_only_the_buckets_whose_postings_change() {
        let config = Config::default();
        let mut archive = sample();
        let terms_of = |_: usize, a: &Article| Arc::new(article_terms(a).unwrap());
        let (_, kept) = index_with(&archive, &config, &terms_of, Some(SearchIndex::empty()));
        let before = terms_map(&article_terms(&archive.articles[1]).unwrap());
        // A sentence added: most of the article's terms and weights stay.
        archive.articles[1].body =
            Block::paragraphs(&["Đảng bộ quận Đống Đa tổ chức Đại hội.", "Mưa rào."]).into();
        let after = terms_map(&article_terms(&archive.articles[1]).unwrap());
        let buckets = bucket_count(archive.articles.len());
        let changed: std::collections::BTreeSet<String> = before
            .iter()
            .filter(|(t, w)| after.get(*t) != Some(*w))
            .chain(after.iter().filter(|(t, w)| before.get(*t) != Some(*w)))
            .map(|(t, _)| bucket_path(bucket_of(t, buckets)))
            .collect();
        assert!(changed.len() < before.len() / 2, "{changed:?}");
        let (patched, _) = index_with(&archive, &config, &terms_of, kept);
        let rewritten: std::collections::BTreeSet<String> = patched
            .pages
            .iter()
            .map(|p| p.path.clone())
            .filter(|p| p.starts_with("tim-kiem/t/"))
            .collect();
        assert_eq!(rewritten, changed);
    }

    #[test]
    fn spread_uses_every_slot_for_one_group() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        // Hashes of one group (equal low bits) must reach every low-bit slot.
        let build = BuildHasherDefault::<Spread>::default();
        let slots: std::collections::BTreeSet<u64> = (0..4096u32)
            .map(|k| build.hash_one(k * GROUPS as u32 + 5) % 256)
            .collect();
        assert_eq!(slots.len(), 256);
    }

    #[test]
    fn bucket_hash_is_fnv1a() {
        // FNV-1a of "a" is 0xe40c292c; the script must agree.
        assert_eq!(bucket_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
    }
}

//! The term extraction as it was before it hashed while folding and kept
//! its own dedupe table: the definition `article_terms_with` is tested
//! against, term for term and in the same order.

use super::*;

/// Append the folded syllables of `raw` to `text` as one block, recording
/// each syllable's span; `folded` is a scratch buffer.
pub(super) fn push_block(
    raw: &str,
    text: &mut String,
    folded: &mut String,
    syllables: &mut Vec<(u32, u32)>,
) {
    let (text_len, syllables_len) = (text.len(), syllables.len());
    if push_syllables_folding(raw, text, syllables) {
        text.push('\n');
        return;
    }
    // A character the table cannot fold alone: the block is folded whole.
    text.truncate(text_len);
    syllables.truncate(syllables_len);
    folded.clear();
    ascii_fold_into(raw, folded);
    for (i, t) in split_tokens(folded).enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let start = text.len() as u32;
        text.push_str(t);
        syllables.push((start, text.len() as u32));
    }
    text.push('\n');
}

/// `push_block`'s syllables written as `raw` is read, each character
/// folded straight into `text` and split by what it folds to: the same as
/// splitting `ascii_fold(raw)` (`split_tokens`), without writing the fold
/// first. False, with `text` and `syllables` part written, if a character
/// of `raw` has no fold of its own (`CharFold::fold`).
fn push_syllables_folding(raw: &str, text: &mut String, syllables: &mut Vec<(u32, u32)>) -> bool {
    let first = syllables.len();
    // Where the syllable being read starts in `text`.
    let mut syllable: Option<u32> = None;
    let table = char_folds();
    for c in raw.chars() {
        let k = table.get(c);
        let Some(f) = k.fold() else {
            return false;
        };
        if k.fold_is_word() {
            if syllable.is_none() {
                if syllables.len() > first {
                    text.push(' ');
                }
                syllable = Some(text.len() as u32);
            }
            text.push(f);
        } else if let Some(start) = syllable.take() {
            syllables.push((start, text.len() as u32));
        }
    }
    if let Some(start) = syllable {
        syllables.push((start, text.len() as u32));
    }
    true
}

/// Buffers `article_terms` reuses from one article to the next on a
/// thread: sized for the longest article so far, they cost no allocation
/// (a fresh table per article was mostly allocating and zeroing).
#[derive(Default)]
pub(super) struct Scratch {
    folded: String,
    /// Span of each syllable in the article's `text`.
    syllables: Vec<(u32, u32)>,
    /// The syllable ranges of the blocks, and whether each is a name.
    blocks: Vec<(std::ops::Range<usize>, bool)>,
    /// `term_hash` of each syllable of the current block.
    hashes: Vec<u32>,
    /// The distinct terms in the order found.
    found: Vec<TermEntry>,
    /// The first term of each hash, by index in the entries; further terms
    /// of the same hash are chained by `next`.
    first: HashedMap<u32, u32>,
    next: Vec<Option<u32>>,
}

pub(super) fn article_terms_with(a: &Article, body: &[Block], scratch: &mut Scratch) -> Terms {
    let Scratch {
        folded,
        syllables,
        blocks,
        hashes,
        found,
        first,
        next,
    } = scratch;
    syllables.clear();
    blocks.clear();
    found.clear();
    first.clear();
    next.clear();

    let raws = super::term_sources(a, body);
    // Folding mostly shortens text: the raw length is a fair capacity.
    let raw_len: usize = raws.clone().map(|(r, _)| r.len() + 1).sum();
    let mut text = String::with_capacity(raw_len);
    for (raw, is_name) in raws {
        let from = syllables.len();
        push_block(raw, &mut text, folded, syllables);
        blocks.push((from..syllables.len(), is_name));
    }

    let entries = found;
    for (range, is_name) in blocks.iter() {
        let spans = &syllables[range.clone()];
        hashes.clear();
        hashes.extend(
            spans
                .iter()
                .map(|&(s, e)| term_hash(&text[s as usize..e as usize])),
        );
        let unigrams = spans.iter().zip(hashes.iter()).map(|(&span, &h)| (span, h));
        // "a b" hashes as "a" extended by " b".
        let bigrams = spans.windows(2).zip(hashes.iter()).map(|(w, &h)| {
            let rest = &text.as_bytes()[w[0].1 as usize..w[1].1 as usize];
            ((w[0].0, w[1].1), fnv_extend(h, rest))
        });
        for ((start, end), hash) in unigrams.chain(bigrams) {
            let term = &text.as_bytes()[start as usize..end as usize];
            let mut at = first.get(&hash).copied();
            while let Some(i) = at {
                let e = &entries[i as usize];
                if &text.as_bytes()[e.start as usize..e.end as usize] == term {
                    break;
                }
                at = next[i as usize];
            }
            match at {
                Some(i) => {
                    let w = &mut entries[i as usize].weight;
                    *w = if *is_name {
                        NAME_HIT
                    } else {
                        (*w).max(BODY_MANY)
                    };
                }
                None => {
                    next.push(first.insert(hash, entries.len() as u32));
                    entries.push(TermEntry {
                        start,
                        end,
                        hash,
                        weight: if *is_name { NAME_HIT } else { BODY_ONCE },
                    });
                }
            }
        }
    }
    let (entries, group_ends) = by_group(entries);
    Terms {
        text,
        entries,
        group_ends,
    }
}

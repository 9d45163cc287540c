//! clean: RawDoc -> CleanDoc. Title, kicker, lede, headings, captions,
//! paragraphs; every dropped line recorded with its reason.
//!
//! The rules judge a line by its shape and where it stands, never by a
//! site's exact words, because the archive takes articles from many sites.
//! They run as passes over the non-blank lines, each pass deciding only the
//! lines still pending, from the most certain (furniture that looks the same
//! anywhere) to the most positional (a short line between paragraphs is a
//! subheading). Whatever is left is a paragraph, so no sentence is lost.

mod byline;
mod captions;
mod furniture;
mod headings;
pub(crate) mod metadata;
mod title;
pub mod typography;

use rustc_hash::FxHashMap;

use crate::model::{Block, BlockKind, CleanDoc, RawDoc, RemovalReason, Removed};

/// Clean one raw article. Pure: reads only `raw.text` and `raw.source_file`.
pub fn clean(raw: &RawDoc) -> CleanDoc {
    let mut c = Cleaner::new(&raw.text, raw.starters);
    c.furniture();
    c.related_block();
    c.tail();
    c.top();
    c.duplicates();
    c.title_sentences();
    c.captions();
    c.dateline();
    c.headings();
    c.finish(&raw.source_file)
}

/// The publication time from the first date line, unless a later one gives
/// the same day with its time: a masthead's "Thứ Hai, 20/07/2020" above
/// the article's "20/07/2020 11:42".
fn keep_published(found: &mut Option<String>, p: String) {
    match found {
        Some(day) if day.len() == 10 && p.len() > 10 && p.starts_with(day.as_str()) => {
            *found = Some(p)
        }
        Some(_) => {}
        None => *found = Some(p),
    }
}

/// Lines read from the top for the lede when the headline may stand under
/// a page's menus (`headline_below_furniture`).
const TOP_LOOK: usize = 40;

/// A line is dropped as said twice only when its key has at least this
/// many characters: short lines ("Ảnh minh họa") repeat by right.
const DUPLICATE_MIN: usize = 20;

/// Characters of a key hashed to find the lines that may repeat another;
/// at least `DUPLICATE_MIN`, so the head also tells a key's length apart.
const KEY_HEAD: usize = 32;

/// What a line has become so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Pending,
    Title,
    Kicker,
    Byline,
    Body(BlockKind),
    Gone,
}

#[derive(Debug)]
struct Line<'a> {
    /// 1-based line number in the raw file.
    no: usize,
    raw: &'a str,
    /// Display text; for a body line, the block's text.
    text: String,
    slot: Slot,
}

#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    kicker: Option<String>,
    /// (line, names), sorted by line at the end.
    authors: Vec<(usize, Vec<String>)>,
    published: Option<String>,
    /// The URL and its line.
    source_url: Option<(String, usize)>,
    /// Publisher candidates with their lines, strongest first when resolved.
    attribution: Option<(String, usize)>,
    dateline: Option<(String, usize)>,
    footer: Option<(String, usize)>,
    masthead: Option<(String, usize)>,
    removed: Vec<Removed>,
}

struct Cleaner<'a> {
    /// The whole raw text, which the lines are slices of.
    source: &'a str,
    lines: Vec<Line<'a>>,
    found: Found,
    /// A leading no-break space marks a caption only when few lines have
    /// one; a site that indents every paragraph with it says nothing.
    gap_marks_caption: bool,
    /// The text is made of NFC starters (`text::is_nfc_starters`), as are
    /// its lines and their display text: none of them needs its own NFC
    /// check.
    starters: bool,
}

impl<'a> Cleaner<'a> {
    fn new(text: &'a str, starters: bool) -> Self {
        let lines = raw_lines(text)
            .enumerate()
            .filter(|(_, l)| !typography::is_blank(l))
            .map(|(i, raw)| Line {
                no: i + 1,
                raw,
                text: if starters {
                    typography::display_nfc(raw)
                } else {
                    typography::display(raw)
                },
                slot: Slot::Pending,
            })
            .collect();
        let lines: Vec<Line> = join_hard_wraps(text, lines);
        let gaps = lines
            .iter()
            .filter(|l| captions::has_image_gap(l.raw))
            .count();
        Cleaner {
            source: text,
            gap_marks_caption: gaps * 2 <= lines.len(),
            lines,
            found: Found::default(),
            starters,
        }
    }

    fn pending(&self) -> Vec<usize> {
        (0..self.lines.len())
            .filter(|&i| self.lines[i].slot == Slot::Pending)
            .collect()
    }

    /// Drop a whole line with its reason.
    fn remove(&mut self, i: usize, reason: RemovalReason) {
        let line = &mut self.lines[i];
        line.slot = Slot::Gone;
        self.found.removed.push(Removed {
            line: line.no,
            text: line.raw.trim().to_string(),
            reason,
        });
    }

    /// Record a part of a line that was cut (the rest stays in the body).
    fn remove_part(&mut self, i: usize, part: &str, reason: RemovalReason) {
        self.found.removed.push(Removed {
            line: self.lines[i].no,
            text: part.trim().to_string(),
            reason,
        });
    }

    fn byline(&mut self, i: usize, names: Vec<String>) {
        self.found.authors.push((self.lines[i].no, names));
        self.remove(i, RemovalReason::Byline);
        self.lines[i].slot = Slot::Byline;
    }

    /// Lines that are furniture wherever they stand.
    fn furniture(&mut self) {
        use RemovalReason as R;
        for i in self.pending() {
            // Borrowed beside `self.found`, not copied: every line passes here.
            let t = self.lines[i].text.as_str();
            let reason = if t.is_empty() {
                // Only markup, which display text drops.
                R::Markup
            } else if furniture::is_mojibake(t) {
                R::Mojibake
            } else if let Some(url) = metadata::url_line(t) {
                self.found.source_url = Some((url, self.lines[i].no));
                R::Url
            } else if let Some(p) = metadata::published_from_line(t) {
                keep_published(&mut self.found.published, p);
                R::Metadata
            } else if metadata::is_yearless_date_line(t) {
                R::Metadata
            } else if let Some((site, p)) = metadata::site_then_date(t) {
                keep_published(&mut self.found.published, p);
                self.found.masthead.get_or_insert((site, self.lines[i].no));
                R::Metadata
            } else if let Some((published, names)) = metadata_pieces(t) {
                if let Some(p) = published {
                    keep_published(&mut self.found.published, p);
                }
                if names.is_empty() {
                    R::Metadata
                } else {
                    self.found.authors.push((self.lines[i].no, names));
                    R::Byline
                }
            } else if furniture::is_view_counter(t) {
                R::Counter
            } else if furniture::is_share_line(t) || furniture::is_page_widget(t) {
                R::Share
            } else if furniture::is_site_footer(t) {
                if let Some(p) = metadata::footer_publication(t) {
                    self.found.footer.get_or_insert((p, self.lines[i].no));
                }
                R::Footer
            } else if let Some(source) = metadata::source_attribution(t) {
                // "Theo Ánh Dương/Kinh tế & Đô thị": the writer, then the
                // paper. A writer has a name of two words or more; "Theo
                // TTXVN/Vietnam+" is two agencies, the first the source.
                let writer = source
                    .split_once('/')
                    .filter(|(w, p)| w.split_whitespace().nth(1).is_some() && !p.trim().is_empty())
                    .and_then(|(w, p)| Some((byline::byline_names(w.trim())?, p.trim())));
                match writer {
                    Some((names, paper)) => {
                        self.found.authors.push((self.lines[i].no, names));
                        let no = self.lines[i].no;
                        self.found
                            .attribution
                            .get_or_insert((paper.to_string(), no));
                        R::Byline
                    }
                    None => {
                        self.found
                            .attribution
                            .get_or_insert((source, self.lines[i].no));
                        R::Metadata
                    }
                }
            } else if furniture::is_repeated_label(t) || furniture::is_breadcrumb(t) {
                R::Banner
            } else {
                continue;
            };
            self.remove(i, reason);
        }
    }

    /// A related-links box: its heading ("Tin đọc nhiều", "Tin liên quan")
    /// after the article has begun, and the link titles under it (lines that
    /// are not prose). A name under it is left for the byline rule.
    fn related_block(&mut self) {
        let pending = self.pending();
        let mut seen_prose = false;
        let mut in_box = false;
        // Under "Tags" or "Từ khóa" a name is a tag ("Sóc Sơn"), not a byline.
        let mut in_tags = false;
        for i in pending {
            let t = self.lines[i].text.as_str();
            let prose = headings::is_prose(t);
            if seen_prose && furniture::is_related_heading(t) {
                in_tags = furniture::is_tag_heading(t);
                self.remove(i, RemovalReason::Related);
                in_box = true;
                continue;
            }
            if in_box && !prose && (in_tags || byline::byline_names(t).is_none()) {
                self.remove(i, RemovalReason::Related);
                continue;
            }
            in_box &= !prose;
            seen_prose |= prose;
        }
    }

    /// The end of the article: bylines after the last paragraph, and a run of
    /// two or more short non-prose lines (link titles of a related box whose
    /// heading is worded in a way not known here).
    fn tail(&mut self) {
        let mut run = Vec::new();
        for i in (0..self.lines.len()).rev() {
            match self.lines[i].slot {
                Slot::Gone | Slot::Byline => continue,
                Slot::Pending => {}
                _ => break,
            }
            let t = self.lines[i].text.clone();
            if self.has_caption_marker(i) || headings::is_prose(&t) {
                break;
            }
            if let Some(names) = byline::byline_names(&t) {
                self.byline(i, names);
            } else {
                run.push(i);
            }
        }
        // The whole article is never a "tail".
        let body_before = run
            .iter()
            .min()
            .is_some_and(|&first| self.lines[..first].iter().any(|l| l.slot == Slot::Pending));
        if run.len() >= 2 && body_before {
            for i in run {
                self.remove(i, RemovalReason::Related);
            }
        }
    }

    /// Section labels above the title, the kicker and the title, and
    /// bylines between the title and the lede.
    fn top(&mut self) {
        self.join_split_headline();
        let pending = self.pending();
        if let Some(k) = self.headline_below_furniture(&pending) {
            self.title_below_furniture(&pending, k);
            return;
        }
        let mut k = 0;
        // Labels above the title ("THỜI SỰ", "Tin tức"), when a title follows.
        while let (Some(&i), Some(&j)) = (pending.get(k), pending.get(k + 1)) {
            let (t, next) = (&self.lines[i].text, &self.lines[j].text);
            let title_follows = title::looks_like_title(next) || next.ends_with(':');
            let label = !headings::is_prose(t)
                && t.split_whitespace().count() <= 6
                && (furniture::is_caps_label(t) || !title::looks_like_title(t));
            if !(label && title_follows) {
                break;
            }
            if furniture::is_caps_label(t) {
                self.remove(i, RemovalReason::Banner);
            } else if let Some(names) = byline::byline_names(t) {
                self.byline(i, names);
            } else {
                self.remove(i, RemovalReason::Banner);
            }
            k += 1;
        }
        let Some(&i) = pending.get(k) else { return };
        let next = pending.get(k + 1).copied();
        if let Some(j) = next {
            let (line, next) = (&self.lines[i].text, &self.lines[j].text);
            let kicker = title::kicker_of(line, next).or_else(|| title::series_of(line, next));
            if let Some(kicker) = kicker {
                self.found.kicker = Some(kicker);
                self.lines[i].slot = Slot::Kicker;
                self.found.title = Some(self.lines[j].text.clone());
                self.lines[j].slot = Slot::Title;
                k += 2;
            }
        }
        if self.found.title.is_none() && title::looks_like_title(&self.lines[i].text) {
            self.found.title = Some(self.lines[i].text.clone());
            self.lines[i].slot = Slot::Title;
            k += 1;
        }
        // Bylines under the title (or at the very top when there is no
        // title line), before the lede.
        for &j in pending.iter().skip(k).take(3) {
            let t = self.lines[j].text.clone();
            if headings::is_prose(&t) {
                break;
            }
            if let Some(names) = byline::byline_names(&t) {
                self.byline(j, names);
            }
        }
    }

    /// A headline the page broke after a comma ("Khai mạc Đại hội … lần
    /// thứ XXVI," / "nhiệm kỳ 2020 - 2025"): the two lines are one, as the
    /// title and in the body.
    fn join_split_headline(&mut self) {
        let pending = self.pending();
        let top = &pending[..pending.len().min(TOP_LOOK)];
        let split = top.windows(2).find(|w| {
            let (a, b) = (&self.lines[w[0]], &self.lines[w[1]]);
            let n = a.text.chars().count();
            a.text.ends_with(',')
                && (20..=200).contains(&n)
                && b.no == a.no + 1
                && b.text.chars().next().is_some_and(char::is_lowercase)
                && !typography::longer_than(&b.text, 80)
                && !b.text.ends_with(['.', ';', ',', ':'])
        });
        let Some(&[i, j]) = split else { return };
        let second = self.lines.remove(j);
        join_line(self.source, &mut self.lines[i], &second);
    }

    /// Where in `pending` the headline stands when lines a scrape took
    /// from the page around the article come before it (a masthead, a
    /// menu, "Đăng nhập | Đăng ký", a section name): the last line that
    /// looks like a title before the lede, the first line of prose, with
    /// only bylines and short toolbar words ("In bài") between. `None`
    /// when the first line is that line, or no lede is near the top; the
    /// plain rules of `top` read those.
    fn headline_below_furniture(&self, pending: &[usize]) -> Option<usize> {
        let text = |k: usize| self.lines[pending[k]].text.as_str();
        let lede = (0..pending.len().min(TOP_LOOK)).find(|&k| headings::is_prose(text(k)))?;
        let mut k = lede;
        while k > 0 {
            k -= 1;
            let t = text(k);
            if byline::byline_names(t).is_some() {
                continue;
            }
            if title::looks_like_title(t) && !furniture::is_menu(t) {
                // The headline said twice (the second an image's alt
                // text): the first is the headline.
                let key = typography::compare_key(t);
                while k > 0 && typography::compare_key(text(k - 1)) == key {
                    k -= 1;
                }
                return (k > 0).then_some(k);
            }
            if t.split_whitespace().count() > 2 {
                return None;
            }
        }
        None
    }

    /// `top` for a headline at `pending[k]` under lines of the page's
    /// furniture: those are dropped as banners, a kicker right above the
    /// headline ("…:") kept, and bylines under it read.
    fn title_below_furniture(&mut self, pending: &[usize], k: usize) {
        let (i, above) = (pending[k], pending[k - 1]);
        let mut first = k;
        let kicker = title::kicker_of(&self.lines[above].text, &self.lines[i].text)
            .or_else(|| title::series_of(&self.lines[above].text, &self.lines[i].text));
        if let Some(kicker) = kicker {
            self.found.kicker = Some(kicker);
            self.lines[above].slot = Slot::Kicker;
            first = k - 1;
        }
        for &j in &pending[..first] {
            self.remove(j, RemovalReason::Banner);
        }
        self.found.title = Some(self.lines[i].text.clone());
        self.lines[i].slot = Slot::Title;
        for &j in pending.iter().skip(k + 1).take(3) {
            let t = self.lines[j].text.clone();
            if headings::is_prose(&t) {
                break;
            }
            if let Some(names) = byline::byline_names(&t) {
                self.byline(j, names);
            }
        }
    }

    /// The title (or kicker) repeated, as an image's alt text: dropped, and
    /// the line right under it is that image's caption. Any other line said
    /// twice is dropped the second time.
    fn duplicates(&mut self) {
        let key_of = |s: &Option<String>| s.as_deref().map(typography::compare_key);
        let (title_key, kicker_key) = (key_of(&self.found.title), key_of(&self.found.kicker));
        // The lines long enough to count when said twice, by the head of
        // their key: only lines sharing a head have whole keys compared.
        let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        let mut begun = false;
        for i in self.pending() {
            if self.lines[i].slot != Slot::Pending {
                continue; // made a caption by the line above it
            }
            let key = typography::LineKey::new(&self.lines[i].text, self.starters);
            let headline = [&title_key, &kicker_key]
                .into_iter()
                .flatten()
                .any(|k| key.equals(k));
            if headline {
                self.remove(i, RemovalReason::Duplicate);
                // Under the headline itself, a repeat is the page's second
                // headline, and the line below it is the lede, not a caption.
                let no = self.lines[i].no;
                if let Some(next) = self.lines.get_mut(i + 1).filter(|_| begun) {
                    if next.no == no + 1
                        && next.slot == Slot::Pending
                        && next.text.chars().count() <= captions::CAPTION_MAX
                    {
                        next.slot = Slot::Body(BlockKind::Caption);
                    }
                }
            } else {
                let (head, len) = key.head(KEY_HEAD);
                if len >= DUPLICATE_MIN {
                    let earlier = seen.entry(head).or_default();
                    let repeat = earlier.iter().any(|&j| {
                        typography::LineKey::new(&self.lines[j].text, self.starters).same_key(&key)
                    });
                    if repeat {
                        self.remove(i, RemovalReason::Duplicate);
                    } else {
                        earlier.push(i);
                    }
                }
            }
            begun |= self.lines[i].slot == Slot::Pending && headings::is_prose(&self.lines[i].text);
        }
    }

    /// The headline glued into the text as a sentence of its own ("… giải
    /// quyết đơn thư. Xây dựng quận theo mô hình “Chính quyền đô thị”."): the
    /// sentence is cut as a duplicate of the title; the paragraph stays.
    fn title_sentences(&mut self) {
        let Some(title_key) = self.found.title.as_deref().map(typography::compare_key) else {
            return;
        };
        for i in self.pending() {
            if let Some((keep, cut)) =
                title::split_title_sentence(&self.lines[i].text, &title_key, self.starters)
            {
                self.remove_part(i, &cut, RemovalReason::Duplicate);
                self.lines[i].text = keep;
            }
        }
    }

    /// Lines marked as captions by the scrape: " |", a leading no-break
    /// space, a fused duplicate, a photo credit.
    fn captions(&mut self) {
        for i in self.pending() {
            let line = &self.lines[i];
            if let Some(c) = captions::strip_pipe_marker(&line.text) {
                let c = c.to_string();
                self.set_body(i, BlockKind::Caption, c);
            } else if let Some((keep, dropped)) = captions::split_fused_duplicate(&line.text) {
                let (keep, dropped) = (keep.to_string(), dropped.to_string());
                self.remove_part(i, &dropped, RemovalReason::Duplicate);
                self.set_body(i, BlockKind::Caption, keep);
            } else if self.has_caption_marker(i) {
                self.lines[i].slot = Slot::Body(BlockKind::Caption);
            }
        }
        // A credit alone on its line ("Ảnh: Quang Thái") stands under the
        // photo's caption: the line above it, when that is a sentence's
        // length, is the caption too.
        let live: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].slot != Slot::Gone)
            .collect();
        for w in live.windows(2) {
            let (above, credit) = (w[0], w[1]);
            let text = &self.lines[above].text;
            if self.lines[credit].slot == Slot::Body(BlockKind::Caption)
                && self.lines[above].slot == Slot::Pending
                && captions::is_credit_alone(&self.lines[credit].text)
                && text
                    .split_whitespace()
                    .nth(captions::CAPTION_ABOVE_CREDIT_WORDS)
                    .is_none()
                && !text.ends_with(':')
                && !has_sentence_break(text)
                && !opens_with_adverbial(text)
            {
                self.lines[above].slot = Slot::Body(BlockKind::Caption);
            }
        }
    }

    /// A site name opening the lede ("Kinhtedothi - Ngày 5/4, …") is the
    /// publisher; the lede keeps the rest.
    fn dateline(&mut self) {
        let lede = self
            .pending()
            .into_iter()
            .find(|&i| headings::is_prose(&self.lines[i].text));
        let Some(i) = lede else { return };
        if let Some((name, cut, rest)) = metadata::split_dateline(&self.lines[i].text) {
            self.found.dateline = Some((name, self.lines[i].no));
            self.remove_part(i, &cut, RemovalReason::Metadata);
            self.lines[i].text = rest;
        }
    }

    /// Subheadings: heading-shaped lines with body text above and a
    /// paragraph below. The rest are quotations or paragraphs.
    fn headings(&mut self) {
        let live: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].slot != Slot::Gone && self.lines[i].slot != Slot::Byline)
            .collect();
        for (k, &i) in live.iter().enumerate() {
            if self.lines[i].slot != Slot::Pending {
                continue;
            }
            let t = &self.lines[i].text;
            let body_above = k > 0
                && matches!(
                    self.lines[live[k - 1]].slot,
                    Slot::Pending | Slot::Body(BlockKind::Paragraph | BlockKind::Caption)
                );
            let prose_below = live.get(k + 1).is_some_and(|&j| {
                self.lines[j].slot == Slot::Pending && headings::is_prose(&self.lines[j].text)
            });
            let kind = if headings::looks_like_heading(t) && body_above && prose_below {
                BlockKind::Heading
            } else if headings::is_quotation(t) {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            self.lines[i].slot = Slot::Body(kind);
        }
    }

    /// A line the scrape marked as a caption by its shape alone.
    fn has_caption_marker(&self, i: usize) -> bool {
        let line = &self.lines[i];
        captions::strip_pipe_marker(&line.text).is_some()
            || (self.gap_marks_caption && captions::has_image_gap(line.raw))
            || captions::split_fused_duplicate(&line.text).is_some()
            || captions::has_photo_credit(&line.text)
            || captions::is_media_label(&line.text)
    }

    fn set_body(&mut self, i: usize, kind: BlockKind, text: String) {
        self.lines[i].slot = Slot::Body(kind);
        self.lines[i].text = text;
    }

    fn finish(mut self, source_file: &str) -> CleanDoc {
        // The lines are done with: their text moves into the blocks.
        let body: Vec<Block> = std::mem::take(&mut self.lines)
            .into_iter()
            .filter_map(|l| match l.slot {
                Slot::Body(kind) => Some(Block { kind, text: l.text }),
                _ => None,
            })
            .collect();
        let found = &mut self.found;
        let (title, title_derived) = match found.title.take() {
            Some(t) => (t, false),
            None => {
                let lede = body
                    .iter()
                    .find(|b| b.kind == BlockKind::Paragraph)
                    .or(body.first());
                (
                    lede.map(|b| title::derive_title(&b.text))
                        .unwrap_or_default(),
                    true,
                )
            }
        };
        found.authors.sort_by_key(|(no, _)| *no);
        let mut authors: Vec<String> = Vec::new();
        for name in found.authors.drain(..).flat_map(|(_, n)| n) {
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
        use crate::model::{PublisherEvidence, PublisherSource as From};
        let host = found
            .source_url
            .as_ref()
            .and_then(|(url, no)| Some((metadata::host_of(url)?, *no)));
        let evidence = |from: From| {
            move |(text, line): (String, usize)| PublisherEvidence { from, line, text }
        };
        let publisher_evidence = found
            .attribution
            .take()
            .map(evidence(From::Attribution))
            .or(found.dateline.take().map(evidence(From::Dateline)))
            .or(found.footer.take().map(evidence(From::Footer)))
            .or(found.masthead.take().map(evidence(From::Masthead)))
            .or(host.map(evidence(From::SourceUrl)));
        found.removed.sort_by_key(|r| r.line);
        CleanDoc {
            source_file: source_file.to_string(),
            title,
            title_derived,
            kicker: found.kicker.take(),
            published: found.published.take(),
            authors,
            publisher: publisher_evidence.as_ref().map(|e| e.text.clone()),
            publisher_evidence,
            source_url: found.source_url.take().map(|(url, _)| url),
            body,
            removed: std::mem::take(&mut found.removed),
        }
    }
}

/// A line this long or longer may have been cut by a hard wrap.
const WRAP_MIN: usize = 45;

/// Lines of a hard-wrapped text are at most this long.
const WRAP_MAX: usize = 100;

/// Is this a text wrapped at a fixed width ("…, Bí thư Quận ủy Hai Bà" /
/// "Trưng chủ trì hội nghị.")? Its long lines are no longer than a width
/// (paragraphs written one to a line run far past it), and many of them
/// end mid-sentence.
fn is_hard_wrapped(lines: &[Line]) -> bool {
    let long: Vec<&Line> = lines
        .iter()
        .filter(|l| typography::longer_than(&l.text, WRAP_MIN - 1))
        .collect();
    let within = long
        .iter()
        .filter(|l| !typography::longer_than(&l.text, WRAP_MAX))
        .count();
    let cut = long.iter().filter(|l| !ends_sentence(&l.text)).count();
    long.len() >= 4 && within * 5 >= long.len() * 4 && cut >= 3 && cut * 5 >= long.len() * 2
}

/// Does a line end where a sentence or a heading may: ".", "!", "?", "…",
/// ":", ";", or a closing quote or bracket after one of them?
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', ')', '»', ' ']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// The lines of a hard-wrapped text joined back into the paragraphs they
/// were cut from: a long line that ends mid-sentence runs on into the next
/// line when no blank line stands between them. The joined line keeps the
/// first line's number, and its raw text spans the lines it joins.
fn join_hard_wraps<'a>(text: &'a str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    if !is_hard_wrapped(&lines) {
        return lines;
    }
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut last_no = 0;
    // Whether the line read last (not all that it was joined to) is long.
    let mut last_long = false;
    for line in lines {
        let runs_on = out.last().is_some_and(|prev: &Line| {
            // The first line is the headline's, which ends without a full
            // stop; it runs on only after a comma ("…lần thứ XXVI," /
            // "nhiệm kỳ 2020 - 2025").
            let headline = out.len() == 1 && !prev.text.ends_with(',');
            // A short line ends its paragraph, unless what follows cannot
            // start a sentence: a lower-case word, or a number after a
            // lower-case word ("… ngày" / "5/5/2022 của …").
            let next = line.text.chars().next();
            let continues = next.is_some_and(char::is_lowercase)
                || next.is_some_and(|c| c.is_ascii_digit())
                    && prev
                        .text
                        .chars()
                        .next_back()
                        .is_some_and(char::is_lowercase);
            last_no + 1 == line.no
                && (last_long || continues)
                && !headline
                && !ends_sentence(&prev.text)
                && !opens_list_item(&line.text)
                && metadata::published_from_line(&line.text).is_none()
                && !metadata::is_yearless_date_line(&line.text)
        });
        last_no = line.no;
        last_long = typography::longer_than(&line.text, WRAP_MIN - 1);
        match out.last_mut() {
            Some(prev) if runs_on => join_line(text, prev, &line),
            _ => out.push(line),
        }
    }
    out
}

/// Join `next`, a later line of `source`, onto `line`: the raw text spans
/// both (and what lies between), the display texts are joined by a space.
fn join_line<'a>(source: &'a str, line: &mut Line<'a>, next: &Line<'a>) {
    // Both raw texts are slices of `source`.
    let offset = |s: &str| s.as_ptr() as usize - source.as_ptr() as usize;
    let (start, end) = (offset(line.raw), offset(next.raw) + next.raw.len());
    line.raw = &source[start..end];
    line.text.push(' ');
    line.text.push_str(&next.text);
}

/// A line that opens a list item ("- ", "+ ", "• ", "1. ", "a) ") starts
/// anew even when the line above ends mid-sentence.
fn opens_list_item(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with(['-', '+', '•', '*', '–']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_alphanumeric).count();
    (1..=2).contains(&digits)
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..].starts_with(' ')
}

/// Does `text` open with a connective or a time set off by a comma
/// ("Trước đó, …", "Theo đó, …", "Sáng 4/11, …"), as prose does and a
/// caption does not?
fn opens_with_adverbial(text: &str) -> bool {
    text.split_whitespace().take(3).any(|w| w.ends_with(','))
}

/// Does `text` hold more than one sentence: ". " (or "!", "?") and a
/// capital after it? A caption is one.
fn has_sentence_break(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?')
            && chars.next_if_eq(&' ').is_some()
            && chars.peek().is_some_and(|n| n.is_uppercase())
        {
            return true;
        }
    }
    false
}

/// `text.lines()`, with the line ends found by `memchr`: the standard
/// library's search for '\n' reads a word at a time, and every article's
/// whole text is split here.
fn raw_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain([None])
        .filter_map(move |end| match end {
            Some(end) => {
                let line = &text[start..end];
                start = end + 1;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            // The text after the last '\n', if any, with its '\r' kept
            // (as `lines` keeps it: no '\n' follows it).
            None => (start < text.len()).then(|| &text[start..]),
        })
}

/// A line of metadata pieces between "|": "Vân Nhi | 05/04/2018 10:20",
/// "PV | Lượt xem: 12 | Chia sẻ". Returns the date and the author names;
/// `None` unless every piece is one of these and one is a date or a name.
fn metadata_pieces(text: &str) -> Option<(Option<String>, Vec<String>)> {
    // Most lines have no '|': one piece, not a list. Found by byte before
    // any piece is cut out.
    memchr::memchr(b'|', text.as_bytes())?;
    let pieces: Vec<&str> = text
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() < 2 {
        return None;
    }
    let (mut published, mut names) = (None, Vec::new());
    for p in pieces {
        if let Some(d) = metadata::published_from_line(p) {
            published.get_or_insert(d);
        } else if let Some(n) = byline::byline_names(p) {
            names.extend(n);
        } else if !(furniture::is_view_counter(p) || furniture::is_share_line(p)) {
            return None;
        }
    }
    (published.is_some() || !names.is_empty()).then_some((published, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_lines_are_the_lines_of_str() {
        let pieces = [
            "a",
            "ạ",
            " ",
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            "Đống Đa",
            "\u{a0}",
            "o\u{302}",
        ];
        let samples = crate::text::samples_with(
            &["", "\n", "\r", "\r\n", "a\r", "a\n\r", "\n\na"],
            &pieces,
            3000,
            16,
        );
        for s in samples {
            let fast: Vec<&str> = raw_lines(&s).collect();
            let plain: Vec<&str> = s.lines().collect();
            assert_eq!(fast, plain, "{s:?}");
        }
    }

    #[test]
    fn a_line_without_a_bar_is_no_metadata_pieces() {
        for t in ["Vân Nhi", "05/04/2018 10:20", "Lượt xem: 12", "", "PV"] {
            assert_eq!(metadata_pieces(t), None, "{t:?}");
        }
        assert!(metadata_pieces("Vân Nhi | 05/04/2018 10:20").is_some());
    }

    fn doc(text: &str) -> CleanDoc {
        clean(&RawDoc {
            source_file: "x.txt".into(),
            source_bytes: None,
            text: text.into(),
            starters: crate::text::is_nfc_starters(text),
            encoding: "UTF-8",
            corrections: None,
        })
    }

    fn reasons(d: &CleanDoc) -> Vec<(usize, RemovalReason)> {
        d.removed.iter().map(|r| (r.line, r.reason)).collect()
    }

    const LEDE: &str = "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị Ban Chấp hành lần thứ Mười, nhiệm kỳ 2020–2025.";
    const PARA: &str = "Hội nghị đã thông qua báo cáo tổng kết công tác năm 2021 và chương trình công tác năm 2022.";

    #[test]
    fn caption_after_an_image_alt_line() {
        let t = "Quận Cầu Giấy tổng kết công tác năm 2021\n\n{LEDE}\n\nQuận Cầu Giấy tổng kết công tác năm 2021\nToàn cảnh hội nghị\n\n{PARA}\n"
            .replace("{LEDE}", LEDE)
            .replace("{PARA}", PARA);
        let d = doc(&t);
        assert_eq!(d.title, "Quận Cầu Giấy tổng kết công tác năm 2021");
        assert_eq!(reasons(&d), vec![(5, RemovalReason::Duplicate)]);
        let kinds: Vec<BlockKind> = d.body.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Caption,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(d.body[1].text, "Toàn cảnh hội nghị");
    }

    #[test]
    fn pv_byline_and_source_line_at_the_end() {
        let t = format!("Quận Cầu Giấy tổng kết công tác năm 2021\n\n{LEDE}\n\n{PARA}\n\nPV\n(Theo Hà Nội Mới)\n");
        let d = doc(&t);
        assert_eq!(d.authors, vec!["PV".to_string()]);
        assert_eq!(d.publisher.as_deref(), Some("Hà Nội Mới"));
        assert_eq!(
            reasons(&d),
            vec![(7, RemovalReason::Byline), (8, RemovalReason::Metadata)]
        );
        assert_eq!(d.body.len(), 2);
    }

    #[test]
    fn theo_ttxvn_is_the_publisher() {
        let t = format!("Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA}\nTheo TTXVN\n");
        let d = doc(&t);
        assert_eq!(d.publisher.as_deref(), Some("TTXVN"));
        assert_eq!(reasons(&d), vec![(4, RemovalReason::Metadata)]);
    }

    #[test]
    fn theo_a_writer_slash_a_paper_names_both() {
        let t = format!("Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA}\nTheo Ánh Dương/Kinh tế & Đô thị\n");
        let d = doc(&t);
        assert_eq!(d.authors, vec!["Ánh Dương".to_string()]);
        assert_eq!(d.publisher.as_deref(), Some("Kinh tế & Đô thị"));
        assert_eq!(reasons(&d), vec![(4, RemovalReason::Byline)]);
        // An agency before the slash is the source, not a writer.
        let t = format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA}\nTheo TTXVN/Vietnam+\n"
        );
        let d = doc(&t);
        assert!(d.authors.is_empty(), "{:?}", d.authors);
        assert_eq!(d.publisher.as_deref(), Some("TTXVN/Vietnam+"));
    }

    #[test]
    fn subheading_between_paragraphs_is_not_a_byline() {
        let t = format!("Quận Cầu Giấy tổng kết công tác năm 2021\n\n{LEDE}\n\nĐẩy mạnh cải cách hành chính\n\n{PARA}\n\nMinh Anh - Hoàng Long\n");
        let d = doc(&t);
        assert_eq!(d.body[1].kind, BlockKind::Heading);
        assert_eq!(d.body[1].text, "Đẩy mạnh cải cách hành chính");
        assert_eq!(
            d.authors,
            vec!["Minh Anh".to_string(), "Hoàng Long".to_string()]
        );
    }

    #[test]
    fn another_sites_share_line_and_footer() {
        let t = format!(
            "THỜI SỰ\nQuận Cầu Giấy tổng kết công tác năm 2021\nChia sẻ Facebook Zalo\n{LEDE}\n{PARA}\nTin liên quan\nHà Nội chuẩn bị Đại hội Đảng bộ thành phố\n© 2021 Báo Hà Nội Mới. Ghi rõ nguồn khi phát hành lại.\nMọi ý kiến xin gửi về email toasoan@hanoimoi.com.vn, điện thoại 024 3825 3067.\n"
        );
        let d = doc(&t);
        use RemovalReason as R;
        assert_eq!(
            reasons(&d),
            vec![
                (1, R::Banner),
                (3, R::Share),
                (6, R::Related),
                (7, R::Related),
                (8, R::Footer),
                (9, R::Footer)
            ]
        );
        assert_eq!(d.title, "Quận Cầu Giấy tổng kết công tác năm 2021");
        assert!(d.body.iter().all(|b| !b.text.contains("3825")));
    }

    #[test]
    fn no_title_line_derives_one_from_the_lede() {
        let d = doc(&format!("{LEDE}\n{PARA}\n"));
        assert!(d.title_derived);
        assert!(d.title.contains("Cầu Giấy"), "{}", d.title);
        assert!(d.title.chars().count() <= 120);
        assert_eq!(d.body.len(), 2, "the lede stays in the body");
    }

    #[test]
    fn byline_and_date_on_one_line() {
        assert_eq!(
            metadata_pieces("Vân Nhi | 05/04/2018 10:20"),
            Some((Some("2018-04-05T10:20".into()), vec!["Vân Nhi".into()]))
        );
        assert_eq!(
            metadata_pieces("PV | Lượt xem: 12 | Chia sẻ"),
            Some((None, vec!["PV".into()]))
        );
        assert_eq!(metadata_pieces("Kinh tế | Xã hội"), None);
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\nVân Nhi | 05/04/2018 10:20\n{LEDE}\n"
        ));
        assert_eq!(d.authors, vec!["Vân Nhi".to_string()]);
        assert_eq!(d.published.as_deref(), Some("2018-04-05T10:20"));
        assert_eq!(reasons(&d), vec![(2, RemovalReason::Byline)]);
    }

    #[test]
    fn a_headline_under_the_pages_menus_is_the_title() {
        let t = format!(
            "Hànộimới\nĐăng nhập | Đăng ký\nTrang chủ\nChính trị\nKinh tế\nTrang chủ / Chính trị / Xây dựng Đảng\nChính trị\nQuận Cầu Giấy tổng kết công tác năm 2021\nMinh Anh\n{LEDE}\n{PARA}\n"
        );
        let d = doc(&t);
        assert_eq!(d.title, "Quận Cầu Giấy tổng kết công tác năm 2021");
        assert!(!d.title_derived);
        assert_eq!(d.authors, vec!["Minh Anh".to_string()]);
        let banners: Vec<usize> = reasons(&d)
            .into_iter()
            .filter(|(_, r)| *r == RemovalReason::Banner)
            .map(|(line, _)| line)
            .collect();
        assert_eq!(banners, (1..=7).collect::<Vec<_>>());
        assert_eq!(d.body.len(), 2);
        // A kicker over the headline stays the kicker.
        let t = format!(
            "Thời sự\nĐại hội Đảng bộ quận Cầu Giấy lần thứ VI:\nQuận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n"
        );
        let d = doc(&t);
        assert_eq!(
            d.kicker.as_deref(),
            Some("Đại hội Đảng bộ quận Cầu Giấy lần thứ VI")
        );
        assert_eq!(d.title, "Quận Cầu Giấy tổng kết công tác năm 2021");
    }

    #[test]
    fn tags_under_their_heading_are_no_bylines() {
        let t = format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA}\nHẢI NGUYÊN\nTin liên quan\nHuyện Sóc Sơn tổng kết năm 2021\nTừ khóa\nSóc Sơn\nĐại hội Đảng bộ\nHà Nội\n"
        );
        let d = doc(&t);
        assert_eq!(d.authors, vec!["HẢI NGUYÊN".to_string()]);
        assert_eq!(
            reasons(&d),
            vec![
                (4, RemovalReason::Byline),
                (5, RemovalReason::Related),
                (6, RemovalReason::Related),
                (7, RemovalReason::Related),
                (8, RemovalReason::Related),
                (9, RemovalReason::Related),
                (10, RemovalReason::Related)
            ]
        );
    }

    #[test]
    fn the_day_with_its_time_beats_the_day_alone() {
        let t = format!(
            "Hànộimới\nThứ Hai, 20/07/2020\nTrang chủ\nQuận Cầu Giấy tổng kết công tác năm 2021\n20/07/2020 11:42\n{LEDE}\n{PARA}\n"
        );
        assert_eq!(doc(&t).published.as_deref(), Some("2020-07-20T11:42"));
        // Another day later on is not the article's.
        let t = format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\nNgày đăng 19/07/2020\n{LEDE}\n{PARA}\nCập nhật: 21/07/2020 09:15\n"
        );
        assert_eq!(doc(&t).published.as_deref(), Some("2020-07-19"));
    }

    #[test]
    fn menus_are_never_headlines() {
        assert!(furniture::is_menu("Đăng nhập | Đăng ký"));
        assert!(furniture::is_menu(
            "Giới thiệu | Tin tức - Sự kiện | Văn bản"
        ));
        assert!(furniture::is_menu("Trang chủ / Chính trị / Xây dựng Đảng"));
        assert!(!furniture::is_menu(
            "Nghị quyết số 15/NQ-TU của Thành ủy về đô thị"
        ));
        assert!(!furniture::is_menu(
            "Quận Cầu Giấy tổng kết công tác năm 2021"
        ));
    }

    #[test]
    fn headline_repeated_under_itself_leaves_the_lede_alone() {
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\nQuận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n"
        ));
        assert_eq!(reasons(&d), vec![(2, RemovalReason::Duplicate)]);
        assert_eq!(d.body[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn no_break_indents_everywhere_are_not_captions() {
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n\u{a0}{LEDE}\n\u{a0}Toàn cảnh hội nghị.\n\u{a0}{PARA}\n"
        ));
        assert!(d.body.iter().all(|b| b.kind == BlockKind::Paragraph));
    }

    #[test]
    fn byline_at_the_top_without_a_title() {
        let d = doc(&format!("Vân Nhi\n{LEDE}\n{PARA}\n"));
        assert_eq!(d.authors, vec!["Vân Nhi".to_string()]);
        assert!(d.title_derived);
    }

    #[test]
    fn the_publisher_keeps_its_line_and_the_strongest_source_wins() {
        use crate::model::PublisherSource;
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n(HNMO) - {LEDE}\n{PARA}\nTheo TTXVN\nhttps://hanoimoi.vn/a.html\n"
        ));
        let e = d.publisher_evidence.unwrap();
        assert_eq!(d.publisher.as_deref(), Some("TTXVN"));
        assert_eq!((e.from, e.line), (PublisherSource::Attribution, 4));
        // A source URL alone names the site it is on.
        let d = doc(&format!("Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA}\nhttps://www.hanoimoi.vn/a.html\n"));
        let e = d.publisher_evidence.unwrap();
        assert_eq!(
            (e.from, e.line, e.text.as_str()),
            (PublisherSource::SourceUrl, 4, "hanoimoi.vn")
        );
    }

    #[test]
    fn a_line_of_markup_alone_is_removed_as_markup() {
        let d = doc(&format!(
            "<p>Quận Cầu Giấy tổng kết công tác năm 2021</p>\n&nbsp;\n<p>{LEDE}</p>\n"
        ));
        assert_eq!(d.title, "Quận Cầu Giấy tổng kết công tác năm 2021");
        assert_eq!(d.removed[0].reason, RemovalReason::Markup);
        assert_eq!(d.body[0].text, LEDE);
    }

    #[test]
    fn the_line_above_a_credit_alone_is_its_caption() {
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\nĐồng chí Bí thư Quận ủy phát biểu tại hội nghị\nẢnh: Quang Thái\n{PARA}\n"
        ));
        let kinds: Vec<_> = d.body.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Caption,
                BlockKind::Caption,
                BlockKind::Paragraph
            ]
        );
        // Nor is a sentence that opens as prose does.
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\nTheo đó, năm 2024 quận tập trung cải tạo không gian phố cổ.\nẢnh: Như Ý\n{PARA}\n"
        ));
        assert_eq!(d.body[1].kind, BlockKind::Paragraph);
        // A paragraph above a credit is not a caption.
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA} Quận đề ra 12 nhiệm vụ.\nẢnh: Quang Thái\n"
        ));
        assert_eq!(d.body[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn hard_wrapped_lines_are_joined_into_their_paragraphs() {
        let text = "Quận Hai Bà Trưng hoàn thành 19/22 chỉ tiêu chủ yếu\n\
            Thứ Năm, 27/04/2023 17:25\n\n\
            Sáng 27-4, Ban Chấp hành Đảng bộ quận Hai Bà Trưng tổ chức Hội nghị lần\n\
            thứ 14 sơ kết giữa nhiệm kỳ. Đồng chí Vũ Thu Hà, Bí thư Quận ủy Hai Bà\n\
            Trưng chủ trì hội nghị.\n\n\
            Báo cáo cho thấy, sau hơn nửa nhiệm kỳ, quận đã hoàn thành 19/22 chỉ tiêu\n\
            chủ yếu; tổng thu ngân sách nhà nước trên địa bàn năm 2021-2022 đạt 21.350\n\
            tỷ đồng, tăng bình quân 8,7%/năm. Quận đã giải phóng mặt bằng 12 dự án.\n\n\
            Các nhiệm vụ trọng tâm gồm:\n\
            - Cải tạo chung cư cũ ở các phường Thanh Nhàn, Quỳnh Lôi và Bạch Mai trong\n\
            năm 2024.\n\
            - Hoàn thành giải phóng mặt bằng các dự án giao thông trọng điểm của quận\n";
        let d = doc(text);
        assert_eq!(
            d.title,
            "Quận Hai Bà Trưng hoàn thành 19/22 chỉ tiêu chủ yếu"
        );
        let texts: Vec<&str> = d.body.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts[0].starts_with("Sáng 27-4") && texts[0].ends_with("chủ trì hội nghị."),
            "{texts:?}"
        );
        assert!(texts[1].contains("đạt 21.350 tỷ đồng"), "{texts:?}");
        assert_eq!(texts[2], "Các nhiệm vụ trọng tâm gồm:");
        // A list item starts anew.
        assert!(
            texts[3].starts_with("- Cải tạo") && texts[3].ends_with("trong năm 2024."),
            "{texts:?}"
        );
        assert!(texts[4].starts_with("- Hoàn thành"), "{texts:?}");
        // Paragraphs written one to a line are not joined.
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n{LEDE}\n{PARA}\n"
        ));
        assert_eq!(d.body.len(), 2);
    }

    #[test]
    fn dateline_goes_to_publisher() {
        let d = doc(&format!(
            "Quận Cầu Giấy tổng kết công tác năm 2021\n(HNMO) - {LEDE}\n"
        ));
        assert_eq!(d.publisher.as_deref(), Some("HNMO"));
        assert_eq!(d.body[0].text, LEDE);
        assert_eq!(d.removed[0].text, "(HNMO) -");
    }
}

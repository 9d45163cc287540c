//! The data contract as types. Their `Serialize` *is* `articles.json` and
//! `events.json` (see DESIGN.md): there is no second copy of the schema, so a
//! renamed field here is a breaking change for researchers.

use serde::{Deserialize, Serialize};

/// Schema tags written at the top of the JSON exports.
pub const ARTICLES_SCHEMA: &str = "civic-archive/articles@1";
pub const EVENTS_SCHEMA: &str = "civic-archive/events@1";

/// One raw file from `content/`, decoded and NFC-normalised.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Path relative to the content directory, with `/` separators
    /// (`000_b8d88402085bc711.txt`, `2020/ba-dinh/x.txt`).
    pub source_file: String,
    /// The bytes exactly as they are on disk, published as `nguon.txt`,
    /// when they are not `text`'s own: most files are UTF-8 already NFC
    /// with `\n` line ends, kept once, as `text`. Read through `bytes()`.
    pub source_bytes: Option<Vec<u8>>,
    /// Decoded text, NFC, line endings folded to `\n`.
    pub text: String,
    /// `text` is made of NFC starters (`text::is_nfc_starters`): found
    /// once by `load`, for `clean`, which would otherwise look again.
    pub starters: bool,
    /// Which decoding was used ("utf-8", "utf-16le", "windows-1258", ...).
    pub encoding: &'static str,
    /// An editor's corrections from the sidecar `NAME.toml`, already parsed.
    pub corrections: Option<Corrections>,
}

impl RawDoc {
    /// The bytes exactly as they are on disk.
    pub fn bytes(&self) -> &[u8] {
        self.source_bytes.as_deref().unwrap_or(self.text.as_bytes())
    }
}

/// Where a fact was read. `block` indexes `Article::body`; a fact read from
/// the title or kicker has no block and says so in `place`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub block: Option<usize>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Place::is_body")]
    pub place: Place,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    #[default]
    Body,
    Title,
    Kicker,
    /// Set by an editor in a sidecar file, not read from the text.
    Editor,
}

impl Place {
    pub fn is_body(&self) -> bool {
        *self == Place::Body
    }
}

impl Evidence {
    pub fn in_block(block: usize, text: impl Into<String>) -> Self {
        Evidence {
            block: Some(block),
            text: text.into(),
            place: Place::Body,
        }
    }

    pub fn editor(text: impl Into<String>) -> Self {
        Evidence {
            block: None,
            text: text.into(),
            place: Place::Editor,
        }
    }
}

/// Who stated a fact: the article's text, or an editor's sidecar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    #[default]
    Text,
    Editor,
}

impl FactSource {
    pub fn is_text(&self) -> bool {
        *self == FactSource::Text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Caption,
    Quote,
}

/// An article's body: held while the article is made, then, in a build,
/// moved to the build's spill file (`crate::spill`) until a page shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Held(Vec<Block>),
    Spilled(crate::spill::SpilledBody),
}

impl Body {
    /// The blocks, read back from the spill file if they are there.
    pub fn blocks(&self) -> std::io::Result<std::borrow::Cow<'_, [Block]>> {
        match self {
            Body::Held(blocks) => Ok(std::borrow::Cow::Borrowed(blocks)),
            Body::Spilled(s) => s.read().map(std::borrow::Cow::Owned),
        }
    }

    /// The blocks of a body not spilled; empty for a spilled one. For the
    /// stages before the spill (clean, extract) and tests.
    pub fn held(&self) -> &[Block] {
        match self {
            Body::Held(blocks) => blocks,
            Body::Spilled(_) => &[],
        }
    }

    /// About how many bytes of text the body has (a spilled body counts
    /// its blocks' headers too): for a buffer's capacity.
    pub fn text_len(&self) -> usize {
        match self {
            Body::Held(blocks) => blocks.iter().map(|b| b.text.len()).sum(),
            Body::Spilled(s) => s.bytes(),
        }
    }

    /// The first paragraph, which lists show; kept in memory when the rest
    /// is spilled.
    pub fn first_paragraph(&self) -> Option<&Block> {
        match self {
            Body::Held(blocks) => blocks.iter().find(|b| b.kind == BlockKind::Paragraph),
            Body::Spilled(s) => s.first_paragraph(),
        }
    }
}

impl Default for Body {
    fn default() -> Body {
        Body::Held(Vec::new())
    }
}

impl From<Vec<Block>> for Body {
    fn from(blocks: Vec<Block>) -> Body {
        Body::Held(blocks)
    }
}

/// The blocks, as `articles.json` has them; a spilled body is read back.
impl Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Body::Held(blocks) => blocks.serialize(s),
            Body::Spilled(spilled) => spilled
                .read()
                .map_err(serde::ser::Error::custom)?
                .serialize(s),
        }
    }
}

/// A part of an article that only its own page and its `articles.json`
/// line show (figures, documents, removed lines): held while the article
/// is made, then, in a build, spilled beside the body as its JSON, which
/// the line takes back as it is and the page reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Part<T> {
    Held(T),
    Spilled(crate::spill::SpilledJson),
}

impl<T: Clone + serde::de::DeserializeOwned> Part<T> {
    /// The value, read back from the spill file if it is there.
    pub fn get(&self) -> std::io::Result<std::borrow::Cow<'_, T>> {
        match self {
            Part::Held(v) => Ok(std::borrow::Cow::Borrowed(v)),
            Part::Spilled(s) => serde_json::from_str(&s.read()?)
                .map(std::borrow::Cow::Owned)
                .map_err(std::io::Error::other),
        }
    }
}

impl<E> Part<Vec<E>> {
    /// The items of a part not spilled; none for a spilled one. For the
    /// stages before the spill (clean, extract, `check`) and tests.
    pub fn held(&self) -> &[E] {
        match self {
            Part::Held(v) => v,
            Part::Spilled(_) => &[],
        }
    }
}

impl<T: Default> Default for Part<T> {
    fn default() -> Part<T> {
        Part::Held(T::default())
    }
}

impl<T> From<T> for Part<T> {
    fn from(v: T) -> Part<T> {
        Part::Held(v)
    }
}

/// The value; a spilled one is the JSON it was spilled as.
impl<T: Serialize> Serialize for Part<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Part::Held(v) => v.serialize(s),
            Part::Spilled(spilled) => {
                let json = spilled.read().map_err(serde::ser::Error::custom)?;
                serde_json::value::RawValue::from_string(json)
                    .map_err(serde::ser::Error::custom)?
                    .serialize(s)
            }
        }
    }
}

/// An article's parts that only its own page shows, read back together.
pub struct OwnParts<'a> {
    pub body: std::borrow::Cow<'a, [Block]>,
    pub removed: std::borrow::Cow<'a, Vec<Removed>>,
    pub figures: std::borrow::Cow<'a, Vec<Figure>>,
    pub documents: std::borrow::Cow<'a, Vec<Document>>,
}

/// One block of the cleaned body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    /// Paragraph blocks of `texts`, for tests that build a body by hand.
    #[cfg(test)]
    pub(crate) fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
            })
            .collect()
    }
}

/// Why a raw line is not in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// A site banner or section label ("TIN TỨC SỰ KIỆN").
    Banner,
    /// Share/like/print buttons.
    Share,
    /// A related-links block ("Tin đọc nhiều").
    Related,
    /// A site footer ("Bạn đang đọc bài viết … SĐT … hòm thư …").
    Footer,
    /// A view counter ("Lượt xem: 174").
    Counter,
    /// Placeholder or mojibake ("????????").
    Mojibake,
    /// A line repeated elsewhere (the title as an image's alt text).
    Duplicate,
    /// A byline, now in `authors`.
    Byline,
    /// A bare URL, now in `source_url`.
    Url,
    /// A line whose content became metadata in another form ("Ngày đăng …").
    Metadata,
    /// HTML the scrape left and nothing else ("&nbsp;", "<br>").
    Markup,
}

impl RemovalReason {
    /// The reason in Vietnamese, for the "Phần đã lược bỏ" section.
    pub fn label_vi(&self) -> &'static str {
        match self {
            RemovalReason::Banner => "băng rôn / nhãn chuyên mục",
            RemovalReason::Share => "nút chia sẻ",
            RemovalReason::Related => "tin liên quan",
            RemovalReason::Footer => "chân trang",
            RemovalReason::Counter => "bộ đếm lượt xem",
            RemovalReason::Mojibake => "ký tự lỗi",
            RemovalReason::Duplicate => "trùng lặp",
            RemovalReason::Byline => "tên tác giả",
            RemovalReason::Url => "đường dẫn nguồn",
            RemovalReason::Metadata => "thông tin đã đưa vào siêu dữ liệu",
            RemovalReason::Markup => "mã HTML còn sót",
        }
    }
}

/// A raw line that is not in the body, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub line: usize,
    pub text: String,
    pub reason: RemovalReason,
}

/// Which kind of line named the publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublisherSource {
    /// "Theo TTXVN", "Nguồn: hanoimoi.vn", "Theo X/Kinh tế & Đô thị".
    Attribution,
    /// The site's name opening the lede: "(HNM) - Sáng 20/7, …".
    Dateline,
    /// A site footer: "… của Báo phụ nữ thủ đô".
    Footer,
    /// The site's name before the date line: "Hànộimới 09/08/2015 08:15".
    Masthead,
    /// The host of the article's source URL.
    SourceUrl,
}

/// Where the publisher was read: the kind of line, its 1-based number in
/// the raw file, and the name as written there ("HNM"), which the
/// `publisher` field may give in the outlet's canonical form ("Hà Nội Mới").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherEvidence {
    pub from: PublisherSource,
    pub line: usize,
    pub text: String,
}

/// The output of `clean`: the article's text structure, before any fact is read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanDoc {
    pub source_file: String,
    pub title: String,
    pub title_derived: bool,
    pub kicker: Option<String>,
    /// ISO: `2020-07-19T18:40` or `2020-07-19`.
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The publisher as written.
    pub publisher: Option<String>,
    pub publisher_evidence: Option<PublisherEvidence>,
    pub source_url: Option<String>,
    pub body: Vec<Block>,
    pub removed: Vec<Removed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Congress,
    Plenum,
    Ceremony,
    Review,
    Election,
    Meeting,
}

impl EventKind {
    pub fn label_vi(&self) -> &'static str {
        match self {
            EventKind::Congress => "Đại hội",
            EventKind::Plenum => "Hội nghị Ban Chấp hành",
            EventKind::Ceremony => "Lễ kỷ niệm",
            EventKind::Review => "Sơ kết / tổng kết",
            EventKind::Election => "Bầu cử",
            EventKind::Meeting => "Hội nghị",
        }
    }

    pub fn slug(&self) -> &'static str {
        match self {
            EventKind::Congress => "dai-hoi",
            EventKind::Plenum => "hoi-nghi-bch",
            EventKind::Ceremony => "le",
            EventKind::Review => "so-ket-tong-ket",
            EventKind::Election => "bau-cu",
            EventKind::Meeting => "hoi-nghi",
        }
    }

    pub const ALL: [EventKind; 6] = [
        EventKind::Congress,
        EventKind::Plenum,
        EventKind::Ceremony,
        EventKind::Review,
        EventKind::Election,
        EventKind::Meeting,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    District,
    City,
    National,
    /// A ward's, commune's or township's party committee (phường, xã, thị
    /// trấn): below a district until July 2025, directly under the city
    /// since. The event names it in `unit`.
    Commune,
}

/// How much of a date the text supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// An event as one article states it.
///
/// Dates are ISO strings at their precision: `2022-01-06` (day),
/// `2020-06` (month) or `2020` (year); `precision` says which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    pub level: Level,
    pub district: Option<String>,
    /// A commune-level unit with its kind, as written: "phường Hoàn Kiếm".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub ordinal: Option<u32>,
    pub term_number: Option<u32>,
    pub term: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: Option<Precision>,
    /// The year (or more) was not written next to the date.
    pub inferred: bool,
    /// Why an inferred value is what it is, in words.
    pub basis: Option<String>,
    pub evidence: Option<Evidence>,
    #[serde(default, skip_serializing_if = "FactSource::is_text")]
    pub source: FactSource,
}

impl Event {
    /// An event with only its kind and level known.
    pub fn new(kind: EventKind, level: Level) -> Self {
        Event {
            kind,
            level,
            district: None,
            unit: None,
            ordinal: None,
            term_number: None,
            term: None,
            start: None,
            end: None,
            precision: None,
            inferred: false,
            basis: None,
            evidence: None,
            source: FactSource::Text,
        }
    }

    /// The first year the event's dates name, if any.
    pub fn year(&self) -> Option<i32> {
        self.start.as_deref().and_then(|d| d.get(..4)?.parse().ok())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub roles: Vec<String>,
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "FactSource::is_text")]
    pub source: FactSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// "Chỉ thị", "Nghị quyết", "Chương trình", "Kế hoạch", ...
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub evidence: Option<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub context: String,
    pub evidence: Option<Evidence>,
}

/// The subject district and others, each with where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictMention {
    pub name: String,
    pub evidence: Evidence,
}

/// Extracted facts of one article (the output of `extract`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    pub districts: Vec<DistrictMention>,
    pub event: Option<Event>,
    pub events_mentioned: Vec<Event>,
    pub people: Vec<Person>,
    pub documents: Vec<Document>,
    pub figures: Vec<Figure>,
    /// The outlet's canonical name, when the publisher as written is one
    /// `data/outlets.toml` knows.
    pub publisher: Option<String>,
}

/// One article as it appears in `articles.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: String,
    /// The site path, `bai-viet/<id>/`; written `/bai-viet/<id>/` in the
    /// JSON, as the contract has it (a path under the site's base path).
    #[serde(serialize_with = "serialize_site_path")]
    pub url: String,
    pub source_file: String,
    pub title: String,
    pub title_derived: bool,
    pub kicker: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The outlet's canonical name, or the name as written.
    pub publisher: Option<String>,
    /// Where the publisher was read, and how it was written there; none
    /// when an editor gave it.
    pub publisher_evidence: Option<PublisherEvidence>,
    pub source_url: Option<String>,
    /// Canonical district names, the subject first.
    pub districts: Vec<String>,
    /// Where each district was read, parallel to `districts`.
    pub district_evidence: Vec<Evidence>,
    pub event: Option<Event>,
    pub events_mentioned: Vec<Event>,
    pub people: Vec<Person>,
    pub documents: Part<Vec<Document>>,
    pub figures: Part<Vec<Figure>>,
    pub body: Body,
    pub removed: Part<Vec<Removed>>,
    /// Fields an editor corrected in a sidecar file (`"title"`, `"event.start"`).
    pub corrected: Vec<String>,
    /// Text encoding of the raw file.
    pub encoding: String,
    /// The id of the event in `events.json` this article is about (set by link).
    pub event_id: Option<String>,
    /// The body's word count once the article is final (set by
    /// `process`), for `articles.csv`; a rebuild keeps it with the article
    /// rather than reading every body again.
    #[serde(skip)]
    pub words: Option<usize>,
}

fn serialize_site_path<S: serde::Serializer>(path: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("/{}", path.trim_start_matches('/')))
}

/// One real-world event, merged across articles (`events.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveEvent {
    pub id: String,
    pub kind: EventKind,
    pub level: Level,
    pub district: Option<String>,
    /// A commune-level unit with its kind, as written: "phường Hoàn Kiếm".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub ordinal: Option<u32>,
    pub term_number: Option<u32>,
    pub term: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: Option<Precision>,
    pub inferred: bool,
    pub basis: Option<String>,
    /// Articles whose main event this is, or that mention it.
    pub articles: Vec<String>,
    /// The raw files of those articles (`source_file`), for provenance.
    pub sources: Vec<String>,
    /// Articles whose main event this is.
    pub main_articles: Vec<String>,
    pub title: String,
    /// Where the articles disagree (dates, term), for `check` and the page.
    pub conflicts: Vec<String>,
    #[serde(default, skip_serializing_if = "FactSource::is_text")]
    pub source: FactSource,
}

/// An editor's corrections from a sidecar `NAME.toml`, raw as written.
/// Every field is optional; an unknown key is an error naming the file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    pub title: Option<String>,
    pub kicker: Option<String>,
    pub published: Option<String>,
    pub authors: Option<Vec<String>>,
    pub publisher: Option<String>,
    pub source_url: Option<String>,
    pub districts: Option<Vec<String>>,
    pub event: Option<EventCorrection>,
    pub people: Option<Vec<PersonCorrection>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventCorrection {
    pub kind: Option<EventKind>,
    pub level: Option<Level>,
    pub district: Option<String>,
    /// A commune-level unit: "phường Hoàn Kiếm".
    pub unit: Option<String>,
    pub ordinal: Option<u32>,
    pub term_number: Option<u32>,
    pub term: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: Option<Precision>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonCorrection {
    pub name: String,
    #[serde(default)]
    pub roles: Vec<String>,
}

impl Article {
    /// The body's blocks, read back if the body was spilled; an error
    /// names the spill file and the article's source file.
    pub fn blocks(&self) -> crate::error::Result<std::borrow::Cow<'_, [Block]>> {
        self.body.blocks().map_err(|e| self.spill_error(e))
    }

    /// What only the article's own page shows, read back if spilled.
    pub fn own_parts(&self) -> crate::error::Result<OwnParts<'_>> {
        let read = |e| self.spill_error(e);
        Ok(OwnParts {
            body: self.blocks()?,
            removed: self.removed.get().map_err(read)?,
            figures: self.figures.get().map_err(read)?,
            documents: self.documents.get().map_err(read)?,
        })
    }

    fn spill_error(&self, e: std::io::Error) -> crate::error::Error {
        let file = match &self.body {
            Body::Spilled(s) => s.describe(),
            Body::Held(_) => self.source_file.clone().into(),
        };
        let e = std::io::Error::new(e.kind(), format!("{}: {e}", self.source_file));
        crate::error::Error::io(file, e)
    }

    /// The first paragraph, cut to a snippet's length: what lists and
    /// search results show of an article.
    pub fn summary(&self) -> String {
        self.body
            .first_paragraph()
            .map(|b| crate::text::truncate_words(&b.text, 220))
            .unwrap_or_default()
    }

    /// Put a cleaned document and its facts together. `id` and `url` are
    /// given by link, which sees all articles.
    pub fn assemble(doc: CleanDoc, facts: Facts, encoding: &str) -> Article {
        let (districts, district_evidence) = facts
            .districts
            .into_iter()
            .map(|d| (d.name, d.evidence))
            .unzip();
        Article {
            id: String::new(),
            url: String::new(),
            source_file: doc.source_file,
            title: doc.title,
            title_derived: doc.title_derived,
            kicker: doc.kicker,
            published: doc.published,
            authors: doc.authors,
            publisher: facts.publisher.or(doc.publisher),
            publisher_evidence: doc.publisher_evidence,
            source_url: doc.source_url,
            districts,
            district_evidence,
            event: facts.event,
            events_mentioned: facts.events_mentioned,
            people: facts.people,
            documents: facts.documents.into(),
            figures: facts.figures.into(),
            body: Body::Held(doc.body),
            removed: doc.removed.into(),
            corrected: Vec::new(),
            encoding: encoding.to_string(),
            event_id: None,
            words: None,
        }
    }
}

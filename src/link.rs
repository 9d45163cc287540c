//! link: [Article] -> Archive. Cross-article work: stable slugs, event
//! identity and merging, the timeline, districts, people, related articles.
//!
//! Everything here is keyed through `BTreeMap`s so the output order never
//! depends on file order or thread scheduling.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::extract::Gazetteer;
use crate::load::EditorialPage;
use crate::model::{ArchiveEvent, Article, Event, EventKind, FactSource, Level, Precision};
use crate::text::{name_key, slug_of, to_roman};

/// Slugs are cut at this many bytes so URLs stay readable.
const SLUG_MAX: usize = 80;

/// The whole archive, ready to render.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// Articles sorted by id.
    pub articles: Vec<Article>,
    /// Real-world events, in date order (undated last).
    pub events: Vec<ArchiveEvent>,
    /// Districts with content, by name.
    pub districts: Vec<DistrictEntry>,
    /// People, sorted the Vietnamese way (given name, then the rest).
    pub people: Vec<PersonEntry>,
    /// Editorial pages (`/trang/<slug>/`).
    pub pages: Vec<EditorialPage>,
    /// Related article ids per article id: same event first, then same district.
    pub related: BTreeMap<String, Vec<String>>,
    /// Things the build should say: slug collisions, date disagreements.
    pub notices: Vec<String>,
    /// `name_key` of every district, person name and role the articles
    /// state, as link worked them out: render looks pages up by the same
    /// keys, and each costs a normalisation. Empty for an archive not made
    /// by link; a name missing here is keyed where it is looked up.
    pub name_keys: Arc<FxHashMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DistrictEntry {
    pub name: String,
    pub slug: String,
    /// Article ids whose subject is this district or that mention it, newest first.
    pub articles: Vec<String>,
    /// Event ids held by this district, in date order.
    pub events: Vec<String>,
    /// Terms (nhiệm kỳ) known for this district, oldest first.
    pub terms: Vec<TermEntry>,
    /// Person slugs with a role in this district.
    pub people: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TermEntry {
    /// "2020-2025"
    pub term: String,
    /// The congress that opened the term, if known.
    pub congress: Option<String>,
    /// Secretaries (Bí thư) named in that term's articles: person slugs.
    pub secretaries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PersonEntry {
    pub name: String,
    pub slug: String,
    /// Each role as stated, with the article stating it and that article's date.
    pub roles: Vec<RoleStatement>,
    /// Article ids, newest first.
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RoleStatement {
    pub role: String,
    pub article: String,
    pub date: Option<String>,
}

/// Link articles into an archive. Pure. The gazetteer gives each district
/// its kind (quận, huyện, thị xã) for event titles.
pub fn link(articles: Vec<Article>, pages: Vec<EditorialPage>, gazetteer: &Gazetteer) -> Archive {
    // A one-off link has no next link to keep titles' slugs for.
    let mut memo = LinkMemo {
        slugs: None,
        ..LinkMemo::default()
    };
    link_with(articles, pages, gazetteer, &mut memo)
}

/// What one link works out that the next can look up rather than work out
/// again: the name key of each name, the slug of each title. A rebuilding
/// builder keeps one; it holds what every link it made was given, since a
/// key or a slug depends on its string alone.
pub struct LinkMemo {
    names: Arc<FxHashMap<String, String>>,
    /// Title -> its slug, where the slug is not empty, for every title
    /// linked so far (a title's slug never changes); `None` keeps none.
    slugs: Option<FxHashMap<String, String>>,
}

impl Default for LinkMemo {
    fn default() -> Self {
        LinkMemo {
            names: Arc::default(),
            slugs: Some(FxHashMap::default()),
        }
    }
}

/// `link`, looking up in `memo` what the last link worked out, and leaving
/// in it what this one did.
pub fn link_with(
    mut articles: Vec<Article>,
    pages: Vec<EditorialPage>,
    gazetteer: &Gazetteer,
    memo: &mut LinkMemo,
) -> Archive {
    let mut notices = Vec::new();
    assign_ids(&mut articles, &mut notices, &mut memo.slugs);
    // Ids are distinct: an unstable sort gives the one order, and moves
    // each article fewer times than a merge sort.
    articles.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    memo.names = name_keys(&articles, &memo.names);
    let names = &memo.names;
    let keys: Vec<Keys> = articles.par_iter().map(|a| Keys::of(a, names)).collect();
    let events = merge_events(&mut articles, &keys, &mut notices, gazetteer);
    // Each gathering reads the articles only: side by side.
    let ((people, districts), related) = rayon::join(
        || {
            let people = collect_people(&articles, &keys);
            let districts = collect_districts(&articles, &keys, &events, &people);
            (people, districts)
        },
        || related_articles(&articles, &keys),
    );
    Archive {
        articles,
        events,
        districts,
        people,
        pages,
        related,
        notices,
        name_keys: Arc::clone(names),
    }
}

/// `name_key` of every district, name and role the articles state. It
/// normalises Unicode, the costliest step of linking, and the same few
/// hundred strings recur across thousands of articles: each is keyed once,
/// in parallel, unless `known` has it. `known` is kept whole, so a
/// rebuild whose articles state nothing new only looks its strings up;
/// a key is only ever looked up, and a string no longer stated costs a
/// few bytes.
fn name_keys(
    articles: &[Article],
    known: &Arc<FxHashMap<String, String>>,
) -> Arc<FxHashMap<String, String>> {
    let unknown: FxHashSet<&str> = articles
        .par_iter()
        .fold(FxHashSet::default, |mut unknown, a| {
            for_each_name(a, |s| {
                if !known.contains_key(s) {
                    unknown.insert(s);
                }
            });
            unknown
        })
        .reduce(FxHashSet::default, |mut a, b| {
            a.extend(b);
            a
        });
    if unknown.is_empty() {
        return Arc::clone(known);
    }
    let unknown: Vec<&str> = unknown.into_iter().collect();
    let keyed: Vec<(String, String)> = unknown
        .into_par_iter()
        .map(|s| (s.to_string(), name_key(s)))
        .collect();
    let mut all = (**known).clone();
    all.extend(keyed);
    Arc::new(all)
}

/// Call `f` with every district, person name, role and event district
/// `a` states: what `name_keys` keys.
fn for_each_name<'a>(a: &'a Article, mut f: impl FnMut(&'a str)) {
    a.districts.iter().for_each(|d| f(d));
    for p in &a.people {
        f(&p.name);
        p.roles.iter().for_each(|r| f(r));
    }
    let events = a.event.iter().chain(&a.events_mentioned);
    events
        .filter_map(|e| e.district.as_deref().or(e.unit.as_deref()))
        .for_each(f);
}

/// The name keys of one article, looked up in `name_keys`.
struct Keys<'m> {
    /// One per entry of `districts`.
    districts: Vec<&'m str>,
    /// One per entry of `people`: the name's key and its roles' keys.
    people: Vec<(&'m str, Vec<&'m str>)>,
    /// One per event, the main event first, then those mentioned: the
    /// district's key, empty when the event has no district.
    events: Vec<&'m str>,
}

impl<'m> Keys<'m> {
    fn of(a: &Article, memo: &'m FxHashMap<String, String>) -> Keys<'m> {
        // Every string was keyed by `name_keys`; "" is only a fallback.
        let key = |s: &str| memo.get(s).map_or("", String::as_str);
        Keys {
            districts: a.districts.iter().map(|d| key(d)).collect(),
            people: a
                .people
                .iter()
                .map(|p| (key(&p.name), p.roles.iter().map(|r| key(r)).collect()))
                .collect(),
            events: a
                .event
                .iter()
                .chain(&a.events_mentioned)
                .map(|e| e.district.as_deref().or(e.unit.as_deref()).map_or("", key))
                .collect(),
        }
    }
}

/// The date an article is filed under: publication, else its event's start.
pub fn article_date(a: &Article) -> Option<&str> {
    a.published
        .as_deref()
        .or_else(|| a.event.as_ref().and_then(|e| e.start.as_deref()))
}

/// Newest first, undated last, then by id for stability.
fn newest_first<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<String> {
    let mut v: Vec<&Article> = articles.into_iter().collect();
    v.sort_by(|a, b| {
        let (da, db) = (article_date(a), article_date(b));
        match (da, db) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.id.cmp(&b.id))
    });
    v.into_iter().map(|a| a.id.clone()).collect()
}

/// Give each article a distinct, stable slug. Ties are broken by source
/// file name, so the result does not depend on the order files were read.
/// `slugs` holds titles' slugs worked out before; those of these articles'
/// titles are added to it when there is one.
fn assign_ids(
    articles: &mut [Article],
    notices: &mut Vec<String>,
    slugs: &mut Option<FxHashMap<String, String>>,
) {
    // Slugging the titles is the costly part: on all cores. Each base
    // says whether it is its title's slug.
    let known = slugs.as_ref();
    let bases: Vec<(String, bool)> = articles
        .par_iter()
        .map(|a| {
            let title = known
                .and_then(|k| k.get(&a.title).cloned())
                .unwrap_or_else(|| slug_of(&a.title, SLUG_MAX));
            if !title.is_empty() {
                return (title, true);
            }
            let base = slug_of(&a.source_file, SLUG_MAX);
            if base.is_empty() {
                ("bai-viet".to_string(), false)
            } else {
                (base, false)
            }
        })
        .collect();
    if let Some(slugs) = slugs {
        // A title's slug never changes: only new titles are added.
        for (a, (base, of_title)) in articles.iter().zip(&bases) {
            if *of_title && !slugs.contains_key(&a.title) {
                slugs.insert(a.title.clone(), base.clone());
            }
        }
    }
    // An article alone with its base has it as its id; those sharing one
    // are numbered, in base order, around every id already taken.
    let mut count: FxHashMap<&str, u32> = FxHashMap::default();
    count.reserve(bases.len());
    for (base, _) in &bases {
        *count.entry(base).or_insert(0) += 1;
    }
    let mut shared: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (base, _)) in bases.iter().enumerate() {
        if count.get(base.as_str()).is_some_and(|&n| n > 1) {
            shared.entry(base).or_default().push(i);
        }
    }
    let mut given: Vec<(usize, String)> = Vec::new();
    let mut numbered: FxHashSet<String> = FxHashSet::default();
    for (base, mut idx) in shared {
        idx.sort_by(|&x, &y| articles[x].source_file.cmp(&articles[y].source_file));
        let files: Vec<&str> = idx
            .iter()
            .map(|&i| articles[i].source_file.as_str())
            .collect();
        notices.push(format!(
            "{} articles share the slug `{base}`; numbered in file-name order: {}",
            idx.len(),
            files.join(", ")
        ));
        let mut n = 1;
        for i in idx {
            let mut id = if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            };
            while count.get(id.as_str()) == Some(&1) || numbered.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            numbered.insert(id.clone());
            given.push((i, id));
            n += 1;
        }
    }
    drop(count);
    for (a, (base, _)) in articles.iter_mut().zip(bases) {
        a.id = base;
    }
    for (i, id) in given {
        articles[i].id = id;
    }
    for a in articles.iter_mut() {
        a.url = format!("bai-viet/{}/", a.id);
    }
}

/// What makes two mentions one real event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum EventKey {
    /// Numbered events: level, district, kind, ordinal, and for plenums the
    /// term (a plenum is numbered within its term).
    Numbered(Level, String, EventKind, u32, Option<u32>),
    /// Unnumbered events with a day: level, district, kind, date.
    Dated(Level, String, EventKind, String),
    /// Nothing to identify it by: one per article.
    Single(String, usize),
}

/// `district` is the key of the event's district (see `Keys::events`).
fn event_key(e: &Event, district: &str, article: &str, n: usize) -> EventKey {
    // A ward is one of its name in its district: "phường Quang Trung" of
    // Hà Đông is not Sơn Tây's.
    let district = match (e.level, &e.unit) {
        (Level::Commune, Some(u)) => format!("{district}|{}", name_key(u)),
        _ => district.to_string(),
    };
    match (e.ordinal, &e.start, e.precision) {
        (Some(o), _, _) => {
            let term = if e.kind == EventKind::Plenum {
                e.term_number.or_else(|| {
                    e.term
                        .as_deref()
                        .and_then(term_start_year)
                        .map(|y| y as u32)
                })
            } else {
                None
            };
            EventKey::Numbered(e.level, district, e.kind, o, term)
        }
        (None, Some(start), Some(Precision::Day)) => {
            EventKey::Dated(e.level, district, e.kind, start.clone())
        }
        _ => EventKey::Single(article.to_string(), n),
    }
}

fn term_start_year(term: &str) -> Option<i32> {
    term.get(..4)?.parse().ok()
}

fn precision_rank(p: Option<Precision>) -> u8 {
    match p {
        Some(Precision::Day) => 3,
        Some(Precision::Month) => 2,
        Some(Precision::Year) => 1,
        None => 0,
    }
}

/// An editor's date wins; then the more precise; then a stated date over an
/// inferred one. A less precise stated date that disagrees with the chosen
/// one is reported as a conflict, not silently dropped.
fn date_rank(e: &Event) -> (u8, u8, u8) {
    (
        u8::from(e.source == FactSource::Editor),
        precision_rank(e.precision),
        u8::from(!e.inferred),
    )
}

fn event_id(e: &Event, places: &Places) -> String {
    let district_slug = |d: &str| match places.get(d) {
        Some((slug, _)) => slug.clone(),
        None => slug_of(d, 40),
    };
    let place = match (e.level, &e.district) {
        (Level::District, Some(d)) => district_slug(d),
        (Level::District, None) => "quan-huyen".to_string(),
        (Level::City, _) => "thanh-pho".to_string(),
        (Level::National, _) => "toan-quoc".to_string(),
        (Level::Commune, _) => {
            let unit = e
                .unit
                .as_deref()
                .map_or("phuong-xa".to_string(), |u| slug_of(u, 40));
            match e.district.as_deref() {
                Some(d) => format!("{}-{unit}", district_slug(d)),
                None => unit,
            }
        }
    };
    let mut id = format!("{place}-{}", e.kind.slug());
    if e.kind == EventKind::Plenum {
        if let Some(t) = e.term_number {
            id.push_str(&format!("-khoa-{t}"));
        } else if let Some(t) = &e.term {
            id.push_str(&format!("-{}", slug_of(t, 20)));
        }
    }
    match (e.ordinal, &e.start) {
        (Some(o), _) => id.push_str(&format!("-{o}")),
        (None, Some(d)) => id.push_str(&format!("-{d}")),
        (None, None) => {}
    }
    id
}

/// A reader's title for an event: "Đại hội Đảng bộ quận Đống Đa lần thứ XXVIII".
/// `unit` is the district's kind ("quận", "huyện", "thị xã") when known.
pub fn event_title(e: &ArchiveEvent, unit: Option<&str>) -> String {
    let body = match (e.level, &e.district) {
        (Level::District, Some(d)) => match unit {
            Some(u) => format!("Đảng bộ {u} {d}"),
            None => format!("Đảng bộ {d}"),
        },
        (Level::District, None) => "Đảng bộ quận, huyện".to_string(),
        (Level::City, _) => "Đảng bộ Thành phố".to_string(),
        (Level::National, _) => "toàn quốc".to_string(),
        (Level::Commune, _) => {
            let unit = e.unit.as_deref().unwrap_or("phường, xã");
            match &e.district {
                Some(d) => format!("Đảng bộ {unit} ({d})"),
                None => format!("Đảng bộ {unit}"),
            }
        }
    };
    let mut t = match e.kind {
        EventKind::Congress if e.level == Level::National => {
            "Đại hội đại biểu toàn quốc".to_string()
        }
        EventKind::Congress => format!("Đại hội {body}"),
        EventKind::Plenum => format!("Hội nghị Ban Chấp hành {body}"),
        EventKind::Ceremony => format!("Lễ kỷ niệm — {body}"),
        EventKind::Review => format!("Hội nghị sơ kết, tổng kết — {body}"),
        EventKind::Election => match e.level {
            Level::National => "Bầu cử Quốc hội".to_string(),
            _ => format!("Bầu cử — {body}"),
        },
        EventKind::Meeting => format!("Hội nghị — {body}"),
    };
    if let Some(o) = e.ordinal {
        t.push_str(&format!(" lần thứ {}", to_roman(o)));
    }
    if e.kind == EventKind::Congress && e.level == Level::National {
        t.push_str(" của Đảng");
    }
    match (e.kind, e.term_number, &e.term) {
        (EventKind::Plenum, Some(k), _) => t.push_str(&format!(" (khóa {})", to_roman(k))),
        (_, _, Some(term)) => t.push_str(&format!(", nhiệm kỳ {}", term.replace('-', "–"))),
        _ => {}
    }
    t
}

/// Each event district as stated: the slug it gives an event's id, and
/// its kind ("quận", "huyện", "thị xã") when the gazetteer knows it.
type Places<'a> = FxHashMap<&'a str, (String, Option<&'a str>)>;

/// Article id, the event as that article states it, whether it is the
/// article's main event.
type Mention<'a> = (&'a str, &'a Event, bool);

/// One event made from the mentions of one group (`source_of` gives each
/// article id's source file), with the id it would have if no other event
/// had it: `None` for an empty group.
fn merge_group(
    mentions: &[Mention],
    source_of: &HashMap<&str, &str>,
    places: &Places,
    gazetteer: &Gazetteer,
) -> Option<(String, ArchiveEvent)> {
    // A group is made by its first mention, so it has one.
    let (_, first, _) = mentions.first()?;
    // Fill the merged event from its mentions: the best-ranked dates,
    // and any field one mention knows and another does not.
    let mut best = (*first).clone();
    for (_, e, _) in mentions {
        if date_rank(e) > date_rank(&best) {
            best.start = e.start.clone();
            best.end = e.end.clone();
            best.precision = e.precision;
            best.inferred = e.inferred;
            best.basis = e.basis.clone();
            best.source = e.source;
        }
        best.term = best.term.take().or_else(|| e.term.clone());
        best.term_number = best.term_number.or(e.term_number);
        best.district = best.district.take().or_else(|| e.district.clone());
    }
    let mut conflicts = Vec::new();
    let day_dates: BTreeMap<(Option<String>, Option<String>), Vec<&str>> = mentions
        .iter()
        .filter(|(_, e, _)| e.precision == Some(Precision::Day))
        .fold(BTreeMap::new(), |mut m, (id, e, _)| {
            m.entry((e.start.clone(), e.end.clone()))
                .or_insert_with(Vec::new)
                .push(*id);
            m
        });
    if day_dates.len() > 1 {
        let parts: Vec<String> = day_dates
            .iter()
            .map(|((s, e), ids)| {
                let range = match (s, e) {
                    (Some(s), Some(e)) if s != e => format!("{s} – {e}"),
                    (Some(s), _) => s.clone(),
                    _ => "?".into(),
                };
                format!("{range} ({})", ids.join(", "))
            })
            .collect();
        conflicts.push(format!("các bài ghi ngày khác nhau: {}", parts.join("; ")));
    }
    let years: BTreeSet<i32> = mentions.iter().filter_map(|(_, e, _)| e.year()).collect();
    if years.len() > 1 && day_dates.len() <= 1 {
        let ys: Vec<String> = years.iter().map(|y| y.to_string()).collect();
        conflicts.push(format!("các bài ghi năm khác nhau: {}", ys.join(", ")));
    }
    let mut all: Vec<String> = mentions.iter().map(|(a, _, _)| a.to_string()).collect();
    all.sort();
    all.dedup();
    let mut sources: Vec<String> = mentions
        .iter()
        .filter_map(|(a, _, _)| source_of.get(a).map(|s| s.to_string()))
        .collect();
    sources.sort();
    sources.dedup();
    let mut main: Vec<String> = mentions
        .iter()
        .filter(|(_, _, m)| *m)
        .map(|(a, _, _)| a.to_string())
        .collect();
    main.sort();
    main.dedup();
    let base_id = event_id(&best, places);
    let b = best;
    let mut ev = ArchiveEvent {
        id: String::new(),
        kind: b.kind,
        level: b.level,
        district: b.district,
        unit: b.unit,
        ordinal: b.ordinal,
        term_number: b.term_number,
        term: b.term,
        start: b.start,
        end: b.end,
        precision: b.precision,
        inferred: b.inferred,
        basis: b.basis,
        articles: all,
        sources,
        main_articles: main,
        title: String::new(),
        conflicts,
        source: b.source,
    };
    let unit = ev.district.as_deref().and_then(|d| match places.get(d) {
        Some((_, unit)) => *unit,
        None => gazetteer.lookup(d).map(|d| d.kind.as_str()),
    });
    ev.title = event_title(&ev, unit);
    Some((base_id, ev))
}

fn merge_events(
    articles: &mut [Article],
    keys: &[Keys],
    notices: &mut Vec<String>,
    gazetteer: &Gazetteer,
) -> Vec<ArchiveEvent> {
    // Groups of mentions in first-seen order, found by key.
    let mut groups: Vec<(EventKey, Vec<Mention>)> = Vec::new();
    let mut group_of: FxHashMap<EventKey, usize> = FxHashMap::default();
    // The group of each article's main event, by article index.
    let mut main_group: Vec<Option<usize>> = vec![None; articles.len()];
    let read: &[Article] = articles;
    for ((a, k), main_group) in read.iter().zip(keys).zip(&mut main_group) {
        let main = a.event.iter().map(|e| (e, true));
        let others = a.events_mentioned.iter().map(|e| (e, false));
        for (n, ((e, is_main), district)) in main.chain(others).zip(&k.events).enumerate() {
            let key = event_key(e, district, &a.id, n);
            let g = *group_of.entry(key).or_insert_with_key(|key| {
                groups.push((key.clone(), Vec::new()));
                groups.len() - 1
            });
            if is_main {
                *main_group = Some(g);
            }
            groups[g].1.push((&a.id, e, is_main));
        }
    }
    drop(group_of);
    // Ids are given in key order, so they never depend on file order.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_unstable_by(|&x, &y| groups[x].0.cmp(&groups[y].0));
    // A few dozen districts, named in thousands of events: each one's
    // slug and unit worked out once.
    let mut places: Places = FxHashMap::default();
    for (_, mentions) in &groups {
        for (_, e, _) in mentions {
            if let Some(d) = e.district.as_deref() {
                places.entry(d).or_insert_with(|| {
                    let unit = gazetteer.lookup(d).map(|d| d.kind.as_str());
                    (slug_of(d, 40), unit)
                });
            }
        }
    }
    let source_of: HashMap<&str, &str> = read
        .iter()
        .map(|a| (a.id.as_str(), a.source_file.as_str()))
        .collect();
    // Each group is merged on its own, on all cores; the ids, which must
    // differ, are then given one by one in key order.
    let merged: Vec<Option<(String, ArchiveEvent)>> = order
        .par_iter()
        .map(|&gi| merge_group(&groups[gi].1, &source_of, &places, gazetteer))
        .collect();
    let mut events = Vec::with_capacity(groups.len());
    let mut id_of_group: Vec<String> = vec![String::new(); groups.len()];
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    for (gi, merged) in order.into_iter().zip(merged) {
        let Some((base_id, mut ev)) = merged else {
            continue;
        };
        let mut id = base_id.clone();
        let mut n = 2;
        while used_ids.contains(&id) {
            id = format!("{base_id}-{n}");
            n += 1;
        }
        used_ids.insert(id.clone());
        id_of_group[gi] = id.clone();
        ev.id = id;
        for c in &ev.conflicts {
            notices.push(format!("event `{}`: {c}", ev.id));
        }
        events.push(ev);
    }
    for (a, g) in articles.iter_mut().zip(main_group) {
        a.event_id = g.map(|g| id_of_group[g].clone());
    }
    events.sort_by(|a, b| {
        (a.start.is_none(), &a.start, &a.id).cmp(&(b.start.is_none(), &b.start, &b.id))
    });
    events
}

/// The Vietnamese sort key of a full name: given name first, then the rest
/// in order ("Đinh Trường Thọ" sorts under "Thọ").
pub fn vietnamese_sort_key(name: &str) -> String {
    let key = name_key(name);
    let mut parts: Vec<&str> = key.split(' ').collect();
    if let Some(given) = parts.pop() {
        parts.insert(0, given);
    }
    parts
        .iter()
        .map(|p| crate::text::ascii_fold(p) + "\u{1}" + p)
        .collect::<Vec<_>>()
        .join(" ")
}

fn collect_people(articles: &[Article], keys: &[Keys]) -> Vec<PersonEntry> {
    // Each person by key, with the articles naming them, first seen first;
    // then in key order, which the slugs below are numbered in.
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut listed: Vec<(&str, PersonEntry, Vec<&Article>)> = Vec::new();
    for (a, k) in articles.iter().zip(keys) {
        let date = article_date(a);
        for (p, (key, _)) in a.people.iter().zip(&k.people) {
            let at = *index.entry(key).or_insert_with(|| {
                let entry = PersonEntry {
                    name: p.name.clone(),
                    slug: String::new(),
                    roles: Vec::new(),
                    articles: Vec::new(),
                };
                listed.push((key, entry, Vec::new()));
                listed.len() - 1
            });
            let (_, entry, list) = &mut listed[at];
            for r in &p.roles {
                entry.roles.push(RoleStatement {
                    role: r.clone(),
                    article: a.id.clone(),
                    date: date.map(str::to_string),
                });
            }
            list.push(a);
        }
    }
    // Keys are distinct: an unstable sort gives the one order.
    listed.sort_unstable_by(|x, y| x.0.cmp(y.0));
    let listed: Vec<(PersonEntry, Vec<&Article>)> =
        listed.into_iter().map(|(_, p, list)| (p, list)).collect();
    // Each person's articles put in order on all cores: hundreds each.
    let mut people: Vec<PersonEntry> = listed
        .into_par_iter()
        .map(|(mut p, list)| {
            p.articles = newest_first(list);
            p.articles.dedup();
            p
        })
        .collect();
    // Slugs: folded names; two people whose names fold alike ("Đông"/"Đồng")
    // are numbered by their canonical key order, which is stable.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for p in &mut people {
        let base = slug_of(&p.name, SLUG_MAX);
        let base = if base.is_empty() {
            "nguoi".to_string()
        } else {
            base
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        p.slug = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    people.sort_by_cached_key(|p| vietnamese_sort_key(&p.name));
    people
}

fn collect_districts(
    articles: &[Article],
    keys: &[Keys],
    events: &[ArchiveEvent],
    people: &[PersonEntry],
) -> Vec<DistrictEntry> {
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    let mut arts: HashMap<&str, Vec<(&Article, &Keys)>> = HashMap::new();
    for (a, k) in articles.iter().zip(keys) {
        for (d, key) in a.districts.iter().zip(&k.districts) {
            names.entry(key).or_insert(d);
            arts.entry(key).or_default().push((a, k));
        }
    }
    let person_slug: HashMap<String, &str> = people
        .iter()
        .map(|p| (name_key(&p.name), p.slug.as_str()))
        .collect();
    // Events by district key, in date order: keyed once rather than once
    // per district.
    let mut events_of: HashMap<String, Vec<&ArchiveEvent>> = HashMap::new();
    for e in events {
        if let Some(d) = &e.district {
            events_of.entry(name_key(d)).or_default().push(e);
        }
    }
    names
        .into_iter()
        .map(|(key, name)| {
            let list = arts.remove(key).unwrap_or_default();
            let mut ids = newest_first(list.iter().map(|(a, _)| *a));
            ids.dedup();
            let district_events = events_of.remove(key).unwrap_or_default();
            let mut terms: BTreeMap<String, TermEntry> = BTreeMap::new();
            for e in &district_events {
                if let Some(t) = &e.term {
                    let entry = terms.entry(t.clone()).or_insert_with(|| TermEntry {
                        term: t.clone(),
                        congress: None,
                        secretaries: Vec::new(),
                    });
                    if e.kind == EventKind::Congress {
                        entry.congress = Some(e.id.clone());
                    }
                }
            }
            // People with a role naming this district (or its Quận ủy, as a
            // district article's roles are given their district by extract).
            let mut district_people = BTreeSet::new();
            for (a, k) in &list {
                let article_term = a.event.as_ref().and_then(|e| e.term.as_ref());
                for (name, roles) in &k.people {
                    let in_district = roles.iter().any(|r| r.contains(key));
                    if !in_district {
                        continue;
                    }
                    let Some(slug) = person_slug.get(*name) else {
                        continue;
                    };
                    district_people.insert(slug.to_string());
                    let is_secretary = roles
                        .iter()
                        .any(|r| r.starts_with("bí thư") && !r.starts_with("bí thư chi bộ"));
                    if let (true, Some(t)) = (is_secretary, &article_term) {
                        if let Some(entry) = terms.get_mut(t.as_str()) {
                            if !entry.secretaries.iter().any(|s| s == slug) {
                                entry.secretaries.push(slug.to_string());
                            }
                        }
                    }
                }
            }
            DistrictEntry {
                slug: slug_of(name, SLUG_MAX),
                name: name.to_string(),
                articles: ids,
                events: district_events.iter().map(|e| e.id.clone()).collect(),
                terms: terms.into_values().collect(),
                people: district_people.into_iter().collect(),
            }
        })
        .collect()
}

/// Same main event first, then same subject district; at most six.
fn related_articles(articles: &[Article], keys: &[Keys]) -> BTreeMap<String, Vec<String>> {
    const MAX: usize = 6;
    let mut by_event: HashMap<&str, Vec<&Article>> = HashMap::new();
    let mut by_district: HashMap<&str, Vec<&Article>> = HashMap::new();
    for (a, k) in articles.iter().zip(keys) {
        if let Some(e) = &a.event_id {
            by_event.entry(e).or_default().push(a);
        }
        if let Some(d) = k.districts.first() {
            by_district.entry(d).or_default().push(a);
        }
    }
    // Each group is ordered once, not once per member: a district holds
    // hundreds of articles in a large archive.
    let by_event: HashMap<&str, Vec<String>> = by_event
        .into_iter()
        .map(|(e, list)| (e, newest_first(list)))
        .collect();
    let by_district: HashMap<&str, Vec<String>> = by_district
        .into_iter()
        .map(|(d, list)| (d, newest_first(list)))
        .collect();
    let mut related = BTreeMap::new();
    for (a, k) in articles.iter().zip(keys) {
        let mut out: Vec<String> = Vec::new();
        if let Some(list) = a.event_id.as_deref().and_then(|e| by_event.get(e)) {
            out.extend(list.iter().filter(|id| **id != a.id).take(MAX).cloned());
        }
        if let Some(list) = k.districts.first().and_then(|d| by_district.get(d)) {
            for id in list {
                if out.len() >= MAX {
                    break;
                }
                if *id != a.id && !out.contains(id) {
                    out.push(id.clone());
                }
            }
        }
        out.truncate(MAX);
        related.insert(a.id.clone(), out);
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{CleanDoc, Facts, Person};

    fn article(file: &str, title: &str, event: Option<Event>, mentioned: Vec<Event>) -> Article {
        let doc = CleanDoc {
            source_file: file.into(),
            title: title.into(),
            ..CleanDoc::default()
        };
        let facts = Facts {
            event,
            events_mentioned: mentioned,
            ..Facts::default()
        };
        Article::assemble(doc, facts, "UTF-8")
    }

    fn congress(district: &str, ordinal: u32, start: &str, end: &str, p: Precision) -> Event {
        let mut e = Event::new(EventKind::Congress, Level::District);
        e.district = Some(district.into());
        e.ordinal = Some(ordinal);
        e.start = Some(start.into());
        e.end = Some(end.into());
        e.precision = Some(p);
        e
    }

    /// An article on the opening of Cầu Giấy's 26th congress, 10–12/6/2020.
    fn opening_of_cau_giay_26(file: &str) -> Article {
        article(
            file,
            "Khai mạc Đại hội",
            Some(congress(
                "Cầu Giấy",
                26,
                "2020-06-10",
                "2020-06-12",
                Precision::Day,
            )),
            vec![],
        )
    }

    #[test]
    fn a_link_that_looks_up_the_last_link_s_work_links_alike() {
        let articles = || {
            vec![
                opening_of_cau_giay_26("a.txt"),
                article("b.txt", "Khai mạc Đại hội", None, vec![]),
                article("c.txt", "", None, vec![]),
            ]
        };
        let gazetteer = Gazetteer::builtin();
        let alone = link(articles(), Vec::new(), &gazetteer);
        let mut memo = LinkMemo::default();
        let first = link_with(articles(), Vec::new(), &gazetteer, &mut memo);
        let slugs = memo.slugs.as_ref().expect("a memo keeps slugs");
        assert_eq!(
            slugs.get("Khai mạc Đại hội").map(String::as_str),
            Some("khai-mac-dai-hoi")
        );
        assert!(
            !slugs.contains_key(""),
            "an empty title has no slug of its own"
        );
        assert_eq!(
            memo.names.get("Cầu Giấy").map(String::as_str),
            Some(name_key("Cầu Giấy").as_str())
        );
        let again = link_with(articles(), Vec::new(), &gazetteer, &mut memo);
        for archive in [&first, &again] {
            let ids = |a: &Archive| a.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(archive), ids(&alone));
            assert_eq!(archive.events, alone.events);
            assert_eq!(archive.districts, alone.districts);
        }
    }

    #[test]
    fn one_congress_from_a_range_and_a_year_only_mention() {
        let a = opening_of_cau_giay_26("a.txt");
        let b = article(
            "b.txt",
            "Nhìn lại nhiệm kỳ",
            None,
            vec![congress("Cầu Giấy", 26, "2020", "2020", Precision::Year)],
        );
        let archive = link(vec![b, a], vec![], &Gazetteer::builtin());
        assert_eq!(archive.events.len(), 1, "{:#?}", archive.events);
        let e = &archive.events[0];
        assert_eq!(e.start.as_deref(), Some("2020-06-10"));
        assert_eq!(e.end.as_deref(), Some("2020-06-12"));
        assert_eq!(e.precision, Some(Precision::Day));
        assert_eq!(e.sources, vec!["a.txt", "b.txt"]);
        assert_eq!(e.main_articles.len(), 1);
        assert!(e.conflicts.is_empty(), "{:?}", e.conflicts);
    }

    #[test]
    fn disagreeing_days_are_reported() {
        let mut p1 = Event::new(EventKind::Plenum, Level::District);
        p1.district = Some("Tây Hồ".into());
        p1.ordinal = Some(5);
        p1.term_number = Some(26);
        p1.start = Some("2021-07-03".into());
        p1.end = p1.start.clone();
        p1.precision = Some(Precision::Day);
        let mut p2 = p1.clone();
        p2.start = Some("2021-07-04".into());
        p2.end = p2.start.clone();
        let archive = link(
            vec![
                article("x.txt", "Hội nghị lần thứ 5", Some(p1), vec![]),
                article("y.txt", "Hội nghị Quận ủy", Some(p2), vec![]),
            ],
            vec![],
            &Gazetteer::builtin(),
        );
        assert_eq!(archive.events.len(), 1);
        assert_eq!(archive.events[0].conflicts.len(), 1);
        assert!(archive
            .notices
            .iter()
            .any(|n| n.contains("2021-07-03") && n.contains("2021-07-04")));
    }

    #[test]
    fn plenums_of_different_terms_are_different_events() {
        let mut p1 = Event::new(EventKind::Plenum, Level::District);
        p1.district = Some("Tây Hồ".into());
        p1.ordinal = Some(5);
        p1.term_number = Some(25);
        let mut p2 = p1.clone();
        p2.term_number = Some(26);
        let archive = link(
            vec![
                article("x.txt", "A", Some(p1), vec![]),
                article("y.txt", "B", Some(p2), vec![]),
            ],
            vec![],
            &Gazetteer::builtin(),
        );
        assert_eq!(archive.events.len(), 2);
        assert_ne!(archive.events[0].id, archive.events[1].id);
    }

    #[test]
    fn events_are_in_date_order_undated_last() {
        let late = congress("Ba Đình", 26, "2020-06-02", "2020-06-04", Precision::Day);
        let early = congress("Ba Đình", 25, "2015", "2015", Precision::Year);
        let mut undated = Event::new(EventKind::Congress, Level::District);
        undated.district = Some("Ba Đình".into());
        undated.ordinal = Some(24);
        let archive = link(
            vec![article("a.txt", "A", Some(late), vec![undated, early])],
            vec![],
            &Gazetteer::builtin(),
        );
        let ordinals: Vec<Option<u32>> = archive.events.iter().map(|e| e.ordinal).collect();
        assert_eq!(ordinals, vec![Some(25), Some(26), Some(24)]);
    }

    #[test]
    fn same_titles_get_distinct_slugs_whatever_the_file_order() {
        let make = |order: &[&str]| {
            let articles = order
                .iter()
                .map(|f| article(f, "Đại hội Đảng bộ quận", None, vec![]))
                .collect();
            link(articles, vec![], &Gazetteer::builtin())
                .articles
                .into_iter()
                .map(|a| (a.source_file, a.id))
                .collect::<BTreeMap<_, _>>()
        };
        let one = make(&["c.txt", "a.txt", "b.txt"]);
        let two = make(&["b.txt", "c.txt", "a.txt"]);
        assert_eq!(one, two);
        let ids: BTreeSet<&String> = one.values().collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(one["a.txt"], "dai-hoi-dang-bo-quan");
    }

    #[test]
    fn a_numbered_slug_steps_over_a_title_that_has_it() {
        // "Họp" twice would be hop and hop-2; a third article's own title
        // slugs to hop-2, so the second "Họp" steps on to hop-3.
        let archive = link(
            vec![
                article("c.txt", "Họp 2", None, vec![]),
                article("b.txt", "Họp", None, vec![]),
                article("a.txt", "Họp", None, vec![]),
            ],
            Vec::new(),
            &Gazetteer::builtin(),
        );
        let id_of = |file: &str| {
            let a = archive.articles.iter().find(|a| a.source_file == file);
            a.map(|a| a.id.as_str())
        };
        assert_eq!(id_of("a.txt"), Some("hop"));
        assert_eq!(id_of("b.txt"), Some("hop-3"));
        assert_eq!(id_of("c.txt"), Some("hop-2"));
        assert_eq!(archive.notices.len(), 1, "{:?}", archive.notices);
    }

    #[test]
    fn a_memo_of_earlier_links_changes_nothing_a_link_makes() {
        // The memo keeps every title and name it was given; a later link
        // of other articles must come out as a link without it.
        let gazetteer = Gazetteer::builtin();
        let mut memo = LinkMemo::default();
        let mut before = opening_of_cau_giay_26("a.txt");
        before.people = vec![Person {
            name: "Nguyễn Văn A".into(),
            roles: vec!["Bí thư Quận ủy Cầu Giấy".into()],
            evidence: Vec::new(),
            source: FactSource::Text,
        }];
        link_with(vec![before.clone()], Vec::new(), &gazetteer, &mut memo);
        let mut after = before;
        after.title = "Bế mạc Đại hội".into();
        after.people[0].name = "Trần Thị B".into();
        let other = article("b.txt", "Khai mạc Đại hội", None, vec![]);
        let articles = vec![after, other];
        let remembered = link_with(articles.clone(), Vec::new(), &gazetteer, &mut memo);
        let alone = link(articles, Vec::new(), &gazetteer);
        let ids = |a: &Archive| a.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&remembered), ids(&alone));
        assert_eq!(remembered.people, alone.people);
        assert_eq!(remembered.events, alone.events);
        assert_eq!(remembered.districts, alone.districts);
        assert_eq!(remembered.related, alone.related);
        assert_eq!(remembered.people.len(), 1);
        assert_eq!(remembered.people[0].name, "Trần Thị B");
    }

    #[test]
    fn tone_mark_only_differences_get_distinct_slugs() {
        let archive = link(
            vec![
                article("1.txt", "Đông", None, vec![]),
                article("2.txt", "Đồng", None, vec![]),
            ],
            vec![],
            &Gazetteer::builtin(),
        );
        let ids: BTreeSet<&str> = archive.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn a_person_named_in_two_articles_is_one_person_with_both_roles() {
        let mut a = article("a.txt", "A", None, vec![]);
        a.published = Some("2020-06-02".into());
        a.people = vec![Person {
            name: "Hoàng Minh Dũng Tiến".into(),
            roles: vec!["Bí thư Quận ủy Ba Đình".into()],
            evidence: vec![],
            source: FactSource::Text,
        }];
        let mut b = article("b.txt", "B", None, vec![]);
        b.people = vec![Person {
            name: "Hoàng Minh Dũng Tiến".into(),
            roles: vec!["Chủ tịch UBND quận Ba Đình".into()],
            evidence: vec![],
            source: FactSource::Text,
        }];
        let archive = link(vec![a, b], vec![], &Gazetteer::builtin());
        assert_eq!(archive.people.len(), 1);
        let p = &archive.people[0];
        assert_eq!(p.roles.len(), 2);
        assert_eq!(
            p.roles
                .iter()
                .find(|r| r.role.starts_with("Bí thư"))
                .and_then(|r| r.date.as_deref()),
            Some("2020-06-02")
        );
        assert_eq!(p.articles.len(), 2);
    }

    #[test]
    fn related_puts_the_same_event_first() {
        let e = congress("Ba Đình", 26, "2020-06-02", "2020-06-04", Precision::Day);
        let mut a = article("a.txt", "A", Some(e.clone()), vec![]);
        let mut b = article("b.txt", "B", Some(e), vec![]);
        let mut c = article("c.txt", "C", None, vec![]);
        for x in [&mut a, &mut b, &mut c] {
            x.districts = vec!["Ba Đình".into()];
        }
        c.published = Some("2030-01-01".into());
        let archive = link(vec![a, b, c], vec![], &Gazetteer::builtin());
        let a_id = &archive
            .articles
            .iter()
            .find(|x| x.source_file == "a.txt")
            .unwrap()
            .id;
        let b_id = &archive
            .articles
            .iter()
            .find(|x| x.source_file == "b.txt")
            .unwrap()
            .id;
        assert_eq!(&archive.related[a_id][0], b_id);
        assert_eq!(archive.related[a_id].len(), 2);
    }

    #[test]
    fn district_terms_know_their_congress_and_secretary() {
        let e = {
            let mut e = congress("Ba Đình", 26, "2020-06-02", "2020-06-04", Precision::Day);
            e.term = Some("2020-2025".into());
            e
        };
        let mut a = article("a.txt", "A", Some(e), vec![]);
        a.districts = vec!["Ba Đình".into()];
        a.people = vec![Person {
            name: "Hoàng Minh Dũng Tiến".into(),
            roles: vec!["Bí thư Quận ủy Ba Đình".into()],
            evidence: vec![],
            source: FactSource::Text,
        }];
        let archive = link(vec![a], vec![], &Gazetteer::builtin());
        let d = &archive.districts[0];
        assert_eq!(d.slug, "ba-dinh");
        assert_eq!(d.terms.len(), 1);
        assert!(d.terms[0].congress.is_some());
        assert_eq!(d.terms[0].secretaries, vec!["hoang-minh-dung-tien"]);
        assert_eq!(d.people, vec!["hoang-minh-dung-tien"]);
    }

    #[test]
    fn given_name_sorts_first() {
        let mut names = vec![
            "Đinh Trường Thọ",
            "Ngô Thị Thanh Hằng",
            "Nguyễn Quang Trung",
        ];
        names.sort_by_cached_key(|n| vietnamese_sort_key(n));
        assert_eq!(
            names,
            vec![
                "Ngô Thị Thanh Hằng",
                "Đinh Trường Thọ",
                "Nguyễn Quang Trung"
            ]
        );
    }

    #[test]
    fn congress_title_uses_roman_numerals() {
        let e = ArchiveEvent {
            id: "x".into(),
            kind: EventKind::Congress,
            level: Level::District,
            district: Some("Đống Đa".into()),
            unit: None,
            ordinal: Some(28),
            term_number: Some(28),
            term: Some("2020-2025".into()),
            start: None,
            end: None,
            precision: None,
            inferred: false,
            basis: None,
            articles: vec![],
            sources: vec![],
            main_articles: vec![],
            title: String::new(),
            conflicts: vec![],
            source: FactSource::Text,
        };
        assert_eq!(
            event_title(&e, Some("quận")),
            "Đại hội Đảng bộ quận Đống Đa lần thứ XXVIII, nhiệm kỳ 2020–2025"
        );
    }
}

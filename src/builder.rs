//! Builds that remember: what one build learnt (processed articles by
//! content hash, search terms, what each page was made from) saves work in
//! the next. `build` runs a builder once; `serve` keeps one alive, so a
//! rebuild after one article changed cleans that article only, renders only
//! the pages whose inputs changed and patches the search index.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::digest::{feed, Feed};
use crate::error::{Error, Result};
use crate::extract::Gazetteer;
use crate::link::{self, Archive};
use crate::load::{self, EditorialPage};
use crate::model::{self, Article, Body, Part};
use crate::spill::SpillFile;
use crate::write::{self, Sink as _};
use crate::{process, render, search, stage, BuildReport, Paths};

/// An article as processed from one raw file, with what identifies that
/// file's content: the cache key, and the raw bytes' hash for `nguon.txt`.
#[derive(Clone)]
struct Processed {
    key: u128,
    raw_hash: u64,
    article: Arc<Article>,
    /// The stamps of the raw file and its sidecar when they were read, if
    /// they can be trusted to change with the content (`Stamp`).
    stamps: Option<(Stamp, Option<Stamp>)>,
}

/// What a file's metadata says of its content, as git's index keeps it: a
/// later build that finds the same stamp takes the file as unchanged and
/// does not read it. Any write changes the change time (ctime), which no
/// tool can set back; a file replaced by a rename has a new inode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
    #[cfg(unix)]
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of the file at `path`; `Ok(None)` when there is none.
    fn of(path: &Path) -> std::io::Result<Option<Stamp>> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt as _;
        Ok(Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
            #[cfg(unix)]
            changed: (meta.ctime(), meta.ctime_nsec()),
        }))
    }

    /// Whether the file may have been written within `SETTLE` before
    /// `read_at`, when it was read: a write in the same clock tick as the
    /// read could leave the stamp as it was (git's "racy" files). Such a
    /// file is read again by the next build.
    fn settled(&self, read_at: std::time::SystemTime) -> bool {
        const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);
        let before = |t: std::time::SystemTime| t + SETTLE < read_at;
        #[cfg(unix)]
        let changed = std::time::UNIX_EPOCH
            .checked_add(std::time::Duration::new(
                u64::try_from(self.changed.0).unwrap_or(u64::MAX),
                u32::try_from(self.changed.1).unwrap_or(0),
            ))
            .is_some_and(before);
        #[cfg(not(unix))]
        let changed = true;
        self.modified.is_some_and(before) && changed
    }
}

/// Runs builds, keeping what one build learnt for the next: each raw
/// file's processed article by content hash, so a rebuild cleans and
/// extracts only the files that changed, and writes only the files of the
/// site that changed. `build` uses a fresh one; `serve` keeps one alive.
#[derive(Default)]
pub struct Builder {
    /// Processed articles by the hash of their raw file and sidecar, as
    /// the last build linked them: link sets their id, url and event_id
    /// again, and changes nothing else.
    articles: HashMap<u128, Processed>,
    /// Whether to keep what was learnt (a one-off build need not).
    remember: bool,
    /// What the last build's pages were made from.
    made_from: Option<MadeFrom>,
    /// The last build's pages made from many articles.
    gathered: render::Gathered,
    /// The last build's article pages: the hash of what each was made
    /// from, by article id.
    pages: HashMap<String, u64>,
    /// Search terms of each processed article, by content key.
    terms: HashMap<u128, Arc<search::Terms>>,
    /// The last build's search index, patched by the next.
    search: Option<search::SearchIndex>,
    /// The last build's pieces of the data files (`render::Piece`).
    pieces: KeptPieces,
    /// Each processed article's `own_hash` by content key.
    own_hashes: HashMap<u128, u64>,
    /// What the last link made besides the articles, and from what.
    linked: Option<Linked>,
    /// Names' keys and titles' slugs, as the last link worked them out.
    link_memo: link::LinkMemo,
    /// The content key of each article in `articles`, by source file.
    by_file: HashMap<String, u128>,
    /// How many content files this build read (the others' stamps said
    /// they were unchanged).
    files_read: std::sync::atomic::AtomicUsize,
    /// Spill every article's own parts, as a large archive does, however
    /// small this one is (for tests that held and spilled agree).
    spill_all: bool,
}

/// A link's result but the articles, with what each article brought to it
/// and was given by it. Link reads no body: a rebuild whose articles all
/// bring what they brought last time (a typo fixed, a sentence added) would
/// link them to the same events, districts and people, so it takes this.
struct Linked {
    /// By source file: the article's `own_hash` and what link set in it.
    articles: HashMap<String, LinkedArticle>,
    events: Vec<model::ArchiveEvent>,
    districts: Vec<link::DistrictEntry>,
    people: Vec<link::PersonEntry>,
    related: std::collections::BTreeMap<String, Vec<String>>,
    notices: Vec<String>,
    name_keys: Arc<rustc_hash::FxHashMap<String, String>>,
}

struct LinkedArticle {
    own: u64,
    id: String,
    url: String,
    event_id: Option<String>,
}

impl Linked {
    /// Keep what link made from `archive`, whose articles' own hashes are
    /// `own` (by content key, through `key_of`).
    fn keep(
        archive: &mut Archive,
        own: &HashMap<u128, u64>,
        key_of: &dyn Fn(&Article) -> Option<u128>,
    ) -> Option<Linked> {
        let articles = archive
            .articles
            .iter()
            .map(|a| {
                let own = *own.get(&key_of(a)?)?;
                Some((
                    a.source_file.clone(),
                    LinkedArticle {
                        own,
                        id: a.id.clone(),
                        url: a.url.clone(),
                        event_id: a.event_id.clone(),
                    },
                ))
            })
            .collect::<Option<HashMap<_, _>>>()?;
        Some(Linked {
            articles,
            events: std::mem::take(&mut archive.events),
            districts: std::mem::take(&mut archive.districts),
            people: std::mem::take(&mut archive.people),
            related: std::mem::take(&mut archive.related),
            notices: archive.notices.clone(),
            name_keys: Arc::clone(&archive.name_keys),
        })
    }

    /// The archive link would make of `articles` (whose own hashes are
    /// `owns`) and `pages`, when they are the files it was made from last
    /// time and each brings what it brought then; otherwise the articles
    /// and pages back, for link.
    fn reuse(
        self,
        mut articles: Vec<Article>,
        owns: &[u64],
        pages: Vec<EditorialPage>,
    ) -> std::result::Result<Archive, (Vec<Article>, Vec<EditorialPage>)> {
        // Source files are distinct, so equal counts and every file found
        // with its hash means the same files, each bringing the same.
        let same = articles.len() == self.articles.len()
            && articles.iter().zip(owns).all(|(a, own)| {
                self.articles
                    .get(&a.source_file)
                    .is_some_and(|l| l.own == *own)
            });
        if !same {
            drop_later(self);
            return Err((articles, pages));
        }
        for a in &mut articles {
            if let Some(l) = self.articles.get(&a.source_file) {
                a.id.clone_from(&l.id);
                a.url.clone_from(&l.url);
                a.event_id.clone_from(&l.event_id);
            }
        }
        // Ids are distinct: an unstable sort gives the one order.
        articles.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(Archive {
            articles,
            events: self.events,
            districts: self.districts,
            people: self.people,
            pages,
            related: self.related,
            notices: self.notices,
            name_keys: self.name_keys,
        })
    }
}

/// Pieces of the data files (`render::Piece`) as a build made them, for
/// the next: an article's by its raw file's content key, with the hash of
/// what link gave it (`MadeFrom::articles`); an event's by its hash.
#[derive(Default)]
struct KeptPieces {
    articles: HashMap<(render::Piece, u128), PartAndPiece>,
    events: HashMap<(render::Piece, u64), Arc<Vec<u8>>>,
}

/// An article's part of `MadeFrom::gathered` when its piece was made, and
/// the piece.
type PartAndPiece = (u64, Arc<Vec<u8>>);

/// The pieces a build gives render: the last build's where they still
/// stand, and those this build used, kept for the next.
struct PieceMemo<'b> {
    last: &'b KeptPieces,
    /// Each article's part of `MadeFrom::gathered`, in the archive's order.
    parts: &'b [u64],
    key_of: &'b (dyn Fn(&Article) -> Option<u128> + Sync),
    kept: std::sync::Mutex<KeptPieces>,
}

impl render::Pieces for PieceMemo<'_> {
    fn of_article(
        &self,
        piece: render::Piece,
        n: usize,
        a: &Article,
        make: &render::MakePiece,
    ) -> std::io::Result<Arc<Vec<u8>>> {
        // Without a content key or a part the piece is made, not kept.
        let (Some(key), Some(&part)) = ((self.key_of)(a), self.parts.get(n)) else {
            return make().map(Arc::new);
        };
        let bytes = match self.last.articles.get(&(piece, key)) {
            Some((p, bytes)) if *p == part => Arc::clone(bytes),
            _ => Arc::new(make()?),
        };
        if let Ok(mut kept) = self.kept.lock() {
            kept.articles
                .insert((piece, key), (part, Arc::clone(&bytes)));
        }
        Ok(bytes)
    }

    fn of_event(
        &self,
        piece: render::Piece,
        hash: u64,
        make: &render::MakePiece,
    ) -> std::io::Result<Arc<Vec<u8>>> {
        let bytes = match self.last.events.get(&(piece, hash)) {
            Some(bytes) => Arc::clone(bytes),
            None => Arc::new(make()?),
        };
        if let Ok(mut kept) = self.kept.lock() {
            kept.events.insert((piece, hash), Arc::clone(&bytes));
        }
        Ok(bytes)
    }
}

/// What a build's pages were made from, as hashes: a page whose inputs
/// hash the same as last time is kept as the last build wrote it.
struct MadeFrom {
    /// The configuration, templates and static files.
    setup: u64,
    /// Everything a page may show of an article other than its own: all
    /// but the bodies (each body's first paragraph, shown in lists, is in).
    gathered: u64,
    /// The editorial pages, which every page links to.
    site: u64,
    /// Article id -> the content key of its raw file.
    pages: HashMap<String, u128>,
    /// Each article's part of `gathered` (everything of it but its body).
    articles: Vec<u64>,
}

/// Hash the configuration and the files of the templates and static folders.
fn setup_hash(config: &Config, paths: &Paths) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(format!("{config:?}").as_bytes());
    for dir in [&paths.templates, &paths.static_dir] {
        h.update(b"\0dir\0");
        for file in load::files_under(dir).unwrap_or_default() {
            h.update(file.to_string_lossy().as_bytes());
            // An unreadable file hashes as changed, every time.
            match std::fs::read(&file) {
                Ok(bytes) => h.update(&bytes),
                Err(_) => h.update(
                    &std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap_or_default()
                        .as_nanos()
                        .to_le_bytes(),
                ),
            }
        }
    }
    h.digest()
}

/// Hash what an article brings from its own raw file, through the serde
/// form (which covers every field, including ones added later): all but
/// its body, removed lines and the three fields link sets (id, url,
/// event_id), plus its first paragraph, which lists show. Link changes
/// nothing else of an article, so this depends on the content key alone
/// and a rebuilding builder keeps it per key.
fn own_hash(a: &mut Article) -> u64 {
    let mut f = Feed::new();
    let body = std::mem::take(&mut a.body);
    let removed = std::mem::take(&mut a.removed);
    let id = std::mem::take(&mut a.id);
    let url = std::mem::take(&mut a.url);
    let event_id = a.event_id.take();
    feed(&mut f, a);
    feed(&mut f, &body.first_paragraph());
    a.body = body;
    a.removed = removed;
    a.id = id;
    a.url = url;
    a.event_id = event_id;
    f.digest()
}

/// Hash all the archive's pages are made from but the article bodies (see
/// `MadeFrom`). `own` holds each article's `own_hash` where a previous
/// build made it. Returns the whole hash, and each article's part and own
/// hash.
fn gathered_hash(
    archive: &mut Archive,
    own: &(dyn Fn(&Article) -> Option<u64> + Sync),
) -> (u64, Vec<u64>, Vec<u64>) {
    let (per_article, owns): (Vec<u64>, Vec<u64>) = archive
        .articles
        .par_iter_mut()
        .map(|a| {
            let mine = own(a).unwrap_or_else(|| own_hash(a));
            let mut f = Feed::new();
            feed(&mut f, &(mine, &a.id, &a.url, &a.event_id));
            (f.digest(), mine)
        })
        .unzip();
    // The events, districts, people and related lists need no hashing of
    // their own (megabytes of serde form): link makes them from the
    // articles' parts hashed here, and reads nothing else of an article
    // (the premise `Linked::reuse` rests on too).
    let parts = [
        crate::digest::hash(&per_article),
        crate::digest::hash(&archive.pages),
    ];
    (crate::digest::hash(&parts), per_article, owns)
}

impl Builder {
    /// A builder for one build.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// A builder whose later builds reuse the work of earlier ones.
    pub fn incremental() -> Builder {
        Builder {
            remember: true,
            ..Builder::default()
        }
    }

    /// This builder, spilling every article's own parts to disk as an
    /// archive of over `HOLD_MAX_FILES` files (or a remembering builder)
    /// does, whatever its size. The site is the same; tests use it to show
    /// that.
    pub fn spilling_all(self) -> Builder {
        Builder {
            spill_all: true,
            ..self
        }
    }

    /// load → clean → extract → link → render → write.
    pub fn build(
        &mut self,
        paths: &Paths,
        config: &Config,
        progress: render::Progress,
    ) -> Result<BuildReport> {
        let started = Instant::now();
        // Refuse a foreign output directory before doing any work.
        write::check_output(&paths.output)?;
        let gazetteer = Gazetteer::builtin();
        // What only an article's own page shows waits for render in a file
        // beside the site, not in memory (`spill_own_parts`), unless the
        // archive is small (`HoldBudget`).
        let beside = match paths.output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let spill = std::fs::create_dir_all(beside)
            .and_then(|_| SpillFile::new_in(beside))
            .map_err(|e| spill_failed(beside, e))?;
        self.files_read = Default::default();
        let (processed, pages, warnings) = self.read_all(&paths.content, &gazetteer, &spill)?;
        stage("load+clean+extract", started);

        // source_file -> (content key, hash of the raw bytes, stamps).
        let hashes: HashMap<String, (u128, u64, _)> = processed
            .iter()
            .map(|p| {
                let known = (p.key, p.raw_hash, p.stamps);
                (p.article.source_file.clone(), known)
            })
            .collect();
        let key_of = |a: &Article| hashes.get(&a.source_file).map(|h| h.0);
        // The kept articles go to link without a copy: the cache lets go of
        // them here and takes them back, linked, when the build succeeds.
        self.articles.clear();
        let mut articles: Vec<Article> = processed
            .into_iter()
            .map(|p| Arc::try_unwrap(p.article).unwrap_or_else(|a| (*a).clone()))
            .collect();
        let (mut archive, linked) = match self.linked.take() {
            Some(last) => {
                // Own hashes of the articles not seen before join the
                // cache, where `gathered_hash` below finds them too.
                let owns: Vec<u64> = articles
                    .par_iter_mut()
                    .map(|a| {
                        let key = key_of(a);
                        match key.and_then(|k| self.own_hashes.get(&k)) {
                            Some(own) => (*own, None),
                            None => {
                                let own = own_hash(a);
                                (own, key.map(|k| (k, own)))
                            }
                        }
                    })
                    .collect::<Vec<_>>()
                    .into_iter()
                    .map(|(own, new)| {
                        self.own_hashes.extend(new);
                        own
                    })
                    .collect();
                match last.reuse(articles, &owns, pages) {
                    Ok(archive) => (archive, false),
                    Err((articles, pages)) => (self.link(articles, pages, &gazetteer), true),
                }
            }
            None => (self.link(articles, pages, &gazetteer), true),
        };
        stage("link", started);

        // What the pages are made from, to tell which the last build made
        // from the same inputs (only a remembering builder looks).
        let made_from = self.remember.then(|| {
            let pages: HashMap<String, u128> = archive
                .articles
                .iter()
                .filter_map(|a| Some((a.id.clone(), key_of(a)?)))
                .collect();
            let cached = |a: &Article| key_of(a).and_then(|k| self.own_hashes.get(&k).copied());
            let (gathered, articles, owns) = gathered_hash(&mut archive, &cached);
            self.own_hashes = archive
                .articles
                .iter()
                .zip(owns)
                .filter_map(|(a, own)| Some((key_of(a)?, own)))
                .collect();
            MadeFrom {
                setup: setup_hash(config, paths),
                gathered,
                site: crate::digest::hash(&archive.pages),
                articles,
                pages,
            }
        });
        let mut reuse = render::Reuse {
            keys: made_from.as_ref().map(|m| &m.pages),
            ..render::Reuse::default()
        };
        if let (Some(now), Some(before)) = (&made_from, &self.made_from) {
            if now.setup == before.setup {
                if now.site == before.site {
                    reuse.pages = Some(&self.pages);
                    reuse.gathered_pages = Some(&self.gathered);
                }
                if now.gathered == before.gathered {
                    reuse.gathered = Some(&self.gathered);
                }
            }
        }

        // The data files' pieces, each kept while what it is made from is
        // unchanged: the last build's count only if made with this setup.
        let setup = made_from.as_ref().map(|m| m.setup);
        let empty = KeptPieces::default();
        let pieces = PieceMemo {
            last: match (&self.made_from, setup) {
                (Some(before), Some(now)) if before.setup == now => &self.pieces,
                _ => &empty,
            },
            parts: made_from.as_ref().map_or(&[], |m| m.articles.as_slice()),
            key_of: &key_of,
            kept: Default::default(),
        };
        if self.remember {
            reuse.pieces = Some(&pieces);
        }

        let writer = write::SiteWriter::begin(&paths.output, true)?;
        let mut new_search = None;
        let mut previous_search = self.search.take();
        let written = (|| {
            let previous_search = previous_search.take();
            // The search index before the pages: its postings are freed
            // before the pages need their memory, so the two never add up.
            if self.remember {
                let (pages, kept) =
                    self.index_files(&archive, config, &key_of, &writer, previous_search)?;
                new_search = kept;
                // Thousands of small files: written in parallel, like the pages.
                pages
                    .par_iter()
                    .try_for_each(|page| writer.put(&page.path, &page.bytes))?;
            } else {
                search::index_into(&archive, config, &writer)?;
            }
            stage("search", started);
            let raw_file = |a: &Article| {
                let hash = hashes.get(&a.source_file).map(|h| h.1).unwrap_or_default();
                writer.copy(
                    &format!("{}nguon.txt", a.url),
                    &paths.content.join(&a.source_file),
                    hash,
                )
            };
            let rendered = render::render_into(
                &archive,
                config,
                Some(&paths.templates),
                progress,
                &writer,
                &reuse,
                &raw_file,
            )?;
            stage("render", started);
            writer.put_static(&paths.static_dir)?;
            Ok(rendered)
        })();
        let kept_pieces = pieces.kept.into_inner().unwrap_or_else(|p| p.into_inner());
        let (files, rendered) = match written {
            Ok(rendered) => {
                let (files, spent) = writer.finish_leaving_spent()?;
                match spent {
                    // `serve` reloads the page without waiting for the
                    // replaced files to be freed.
                    Some(spent) if self.remember => {
                        std::thread::spawn(move || spent.remove());
                    }
                    Some(spent) => spent.remove(),
                    None => {}
                }
                (files, rendered)
            }
            Err(e) => {
                writer.abandon();
                self.made_from = None;
                self.search = None;
                self.linked = None;
                return Err(e);
            }
        };
        if self.remember {
            drop_later((
                std::mem::replace(&mut self.made_from, made_from),
                std::mem::replace(&mut self.pages, rendered.pages),
            ));
            self.gathered = rendered.gathered;
            let terms = new_search
                .as_ref()
                .map(|kept: &search::SearchIndex| {
                    archive
                        .articles
                        .iter()
                        .zip(kept.terms())
                        .filter_map(|(a, t)| Some((key_of(a)?, Arc::clone(t))))
                        .collect()
                })
                .unwrap_or_default();
            self.search = new_search;
            drop_later((
                std::mem::replace(&mut self.terms, terms),
                std::mem::replace(&mut self.pieces, kept_pieces),
            ));
        }
        let article_count = archive.articles.len();
        if self.remember {
            self.linked = Linked::keep(&mut archive, &self.own_hashes, &key_of);
            self.articles = std::mem::take(&mut archive.articles)
                .into_iter()
                .filter_map(|a| {
                    let (key, raw_hash, stamps) = *hashes.get(&a.source_file)?;
                    let article = Arc::new(a);
                    Some((
                        key,
                        Processed {
                            key,
                            raw_hash,
                            article,
                            stamps,
                        },
                    ))
                })
                .collect();
            let by_file = self
                .articles
                .iter()
                .map(|(key, p)| (p.article.source_file.clone(), *key))
                .collect();
            drop_later(std::mem::replace(&mut self.by_file, by_file));
        }
        drop_later(hashes);
        let notices = std::mem::take(&mut archive.notices);
        // Freeing every article, on one core after the site is in place,
        // kept a command-line build from exiting for 0.13 s at 10,000 and
        // 0.45 s at 100,000: a thread of its own does it, and the process
        // exits without waiting for it.
        drop_later(archive);
        stage("write", started);
        Ok(BuildReport {
            articles: article_count,
            files,
            seconds: started.elapsed().as_secs_f64(),
            notices,
            warnings,
            linked,
            article_pages_made: rendered.made,
            listing_pages_made: rendered.listing_pages_made,
            files_read: self.files_read.load(std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Link, looking up what the last link worked out when this builder
    /// remembers (a one-off build would only fill the memo).
    fn link(
        &mut self,
        articles: Vec<Article>,
        pages: Vec<EditorialPage>,
        gazetteer: &Gazetteer,
    ) -> Archive {
        if self.remember {
            link::link_with(articles, pages, gazetteer, &mut self.link_memo)
        } else {
            link::link(articles, pages, gazetteer)
        }
    }

    /// Read every content file; clean and extract each article that was
    /// not processed before. Each file is read, cleaned and extracted in one
    /// go, so no raw text outlives its article. Every failing file is
    /// reported, not only the first.
    fn read_all(
        &self,
        content: &Path,
        gazetteer: &Gazetteer,
        spill: &Arc<SpillFile>,
    ) -> Result<(Vec<Processed>, Vec<EditorialPage>, Vec<String>)> {
        let listing = load::scan(content)?;
        // `serve` keeps its articles for the whole session: they stay small.
        let hold = match self.spill_all || self.remember {
            true => HoldBudget::none(),
            false => HoldBudget::for_files(listing.files.len()),
        };
        let mut warnings = listing.warnings;
        let mut pages = Vec::new();
        let mut processed = Vec::with_capacity(listing.files.len());
        let mut errors = Vec::new();
        // Most articles have no sidecar: the listing says which do, so no
        // build looks for the others' one by one.
        let sidecars = &listing.sidecars;
        let results: Vec<Result<ContentFile>> = listing
            .files
            .par_iter()
            .map(|path| {
                let sidecar = path.with_extension("toml");
                let sidecar = sidecars.contains(&sidecar).then_some(sidecar);
                self.read_and_process(content, path, sidecar, gazetteer, (spill, &hold))
            })
            .collect();
        for r in results {
            match r {
                Ok(ContentFile::Article(p)) => processed.push(p),
                Ok(ContentFile::Page(p)) => pages.push(p),
                Ok(ContentFile::Skipped(w)) => warnings.push(w),
                Err(e) => errors.push(e),
            }
        }
        match errors.len() {
            0 => {}
            1 => return Err(errors.remove(0)),
            _ => return Err(Error::Many(errors)),
        }
        load::sort_pages(&mut pages);
        Ok((processed, pages, warnings))
    }

    /// The search index files, patched from the last build's index for the
    /// articles whose terms changed; bucket files it leaves as they were are
    /// kept in the site. Returns the files and the index to keep.
    fn index_files(
        &self,
        archive: &Archive,
        config: &Config,
        key_of: &(dyn Fn(&Article) -> Option<u128> + Sync),
        writer: &write::SiteWriter,
        previous: Option<search::SearchIndex>,
    ) -> Result<(Vec<write::Page>, Option<search::SearchIndex>)> {
        let terms = &self.terms;
        let failed = std::sync::Mutex::new(None);
        let terms_of = |_, a: &Article| {
            key_of(a)
                .and_then(|key| terms.get(&key))
                .map(Arc::clone)
                .unwrap_or_else(|| Arc::new(search::article_terms_or_keep_error(a, &failed)))
        };
        let previous = previous.unwrap_or_else(search::SearchIndex::empty);
        let (mut files, mut kept) = search::index_with(archive, config, &terms_of, Some(previous));
        // Keeping nothing needs no site (a first build writes into none).
        if !files.unchanged.is_empty() && !writer.keep_all(&files.unchanged)? {
            // A bucket file went missing from the site: make them all.
            (files, kept) = search::index_with(
                archive,
                config,
                &terms_of,
                Some(search::SearchIndex::empty()),
            );
        }
        search::kept_error(failed)?;
        Ok((files.pages, kept))
    }

    /// Read one content file and, for an article, clean and extract it,
    /// unless an article with the same bytes was processed before.
    /// `sidecar` is the article's sidecar file, if the listing has one.
    fn read_and_process(
        &self,
        content: &Path,
        path: &Path,
        sidecar: Option<PathBuf>,
        gazetteer: &Gazetteer,
        (spill, hold): (&Arc<SpillFile>, &HoldBudget),
    ) -> Result<ContentFile> {
        let is_article = path.extension().is_some_and(|e| e == "txt");
        let source_file = load::relative(content, path);
        // An article whose file and sidecar have the stamps they had when
        // the last build read them is not read again.
        let read_at = std::time::SystemTime::now();
        let sidecar_stamp = || sidecar.as_deref().map_or(Ok(None), Stamp::of);
        let stamps = match (is_article && self.remember).then(|| (Stamp::of(path), sidecar_stamp()))
        {
            Some((Ok(Some(file)), Ok(sidecar))) => Some((file, sidecar)),
            // Unreadable metadata: reading the file reports what is wrong.
            _ => None,
        };
        if let Some(now) = stamps {
            let known = self.by_file.get(&source_file);
            if let Some(p) = known.and_then(|key| self.articles.get(key)) {
                if p.stamps == Some(now) {
                    return Ok(ContentFile::Article(p.clone()));
                }
            }
        }
        let trusted = stamps.filter(|(file, sidecar)| {
            file.settled(read_at) && sidecar.is_none_or(|s| s.settled(read_at))
        });
        self.files_read
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        // The key is taken from the bytes on disk, before decoding, so an
        // unchanged article costs a read and a hash, nothing more.
        let (key, raw_hash) = if is_article {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(source_file.as_bytes());
            h.update(&[0]);
            h.update(&bytes);
            match sidecar.as_deref().map(|s| (s, std::fs::read(s))) {
                Some((_, Ok(toml))) => {
                    h.update(b"\0sidecar\0");
                    h.update(&toml);
                }
                Some((_, Err(e))) if e.kind() == std::io::ErrorKind::NotFound => {}
                Some((s, Err(e))) => return Err(Error::io(s, e)),
                None => {}
            }
            let key = h.digest128();
            if let Some(p) = self.articles.get(&key) {
                return Ok(ContentFile::Article(Processed {
                    stamps: trusted,
                    ..p.clone()
                }));
            }
            (key, write::content_hash(&bytes))
        } else {
            (0, 0)
        };
        let raw_len = bytes.len() as u64;
        let raw = match load::load_bytes(content, path, bytes)? {
            load::Loaded::Doc(raw) => raw,
            load::Loaded::Page(p) => return Ok(ContentFile::Page(p)),
            load::Loaded::Skipped(w) => return Ok(ContentFile::Skipped(w)),
        };
        let mut article = process(&raw, gazetteer).map_err(|message| Error::Sidecar {
            path: path.with_extension("toml"),
            message,
        })?;
        if !hold.take(raw_len) {
            spill_own_parts(&mut article, spill).map_err(|e| spill_failed(&spill.describe(), e))?;
        }
        Ok(ContentFile::Article(Processed {
            key,
            raw_hash,
            article: Arc::new(article),
            stamps: trusted,
        }))
    }
}

/// Drop `value` on a thread of its own. What a rebuild replaces (the last
/// build's maps of 10,000 entries, the last link's people and events) is
/// tens of thousands of allocations, freed in milliseconds the rebuild
/// need not wait for.
fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// How many raw bytes' worth of articles may keep their own parts (body,
/// removed lines, figures, documents) in memory instead of spilling them.
///
/// Spilling costs a write and a read back per article, about 5 % of a
/// 10,000-article build; it is what keeps a 100,000-article build's memory
/// flat. A one-off build of a small archive holds everything; a large one
/// (over `HOLD_MAX_FILES` content files) spills everything, so its peak is
/// the same as without holding. The byte budget bounds a small archive of
/// very long articles. A remembering builder (`serve`) spills: it keeps
/// the articles for the whole session, and its rebuilds, which read back
/// only the changed pages' parts, measured no faster holding them. Held or
/// spilled, the output is the same.
struct HoldBudget(std::sync::atomic::AtomicU64);

/// Above this many content files, an archive spills every article.
const HOLD_MAX_FILES: usize = 20_000;
/// Raw bytes of articles a small archive may hold; own parts in memory
/// take about twice their raw bytes.
const HOLD_RAW_BYTES: u64 = 256 << 20;

impl HoldBudget {
    fn for_files(files: usize) -> HoldBudget {
        let budget = if files <= HOLD_MAX_FILES {
            HOLD_RAW_BYTES
        } else {
            0
        };
        HoldBudget(std::sync::atomic::AtomicU64::new(budget))
    }

    fn none() -> HoldBudget {
        HoldBudget(std::sync::atomic::AtomicU64::new(0))
    }

    /// Whether an article of `raw` bytes may hold its own parts; if so,
    /// its bytes are taken from the budget.
    fn take(&self, raw: u64) -> bool {
        use std::sync::atomic::Ordering;
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(raw)
            })
            .is_ok()
    }
}

/// Move what only the article's own page shows (body, removed lines,
/// figures, documents) to the spill file: link never reads it.
fn spill_own_parts(a: &mut Article, spill: &Arc<SpillFile>) -> std::io::Result<()> {
    if let Body::Held(blocks) = &a.body {
        a.body = Body::Spilled(spill.spill(blocks)?);
    }
    let (Part::Held(documents), Part::Held(figures), Part::Held(removed)) =
        (&a.documents, &a.figures, &a.removed)
    else {
        return Ok(());
    };
    let parts = [
        serde_json::to_vec(documents)?,
        serde_json::to_vec(figures)?,
        serde_json::to_vec(removed)?,
    ];
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    if let [documents, figures, removed] = &spill.spill_json(&parts)?[..] {
        a.documents = Part::Spilled(documents.clone());
        a.figures = Part::Spilled(figures.clone());
        a.removed = Part::Spilled(removed.clone());
    }
    Ok(())
}

/// The spill file (at `path`) could not be made or written: nothing of the
/// site was touched yet.
fn spill_failed(path: &Path, e: std::io::Error) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: format!(
            "the build's spill file could not be written ({e}); the previous site is left as it was"
        ),
    }
}

/// What one content file became.
enum ContentFile {
    Article(Processed),
    Page(load::EditorialPage),
    Skipped(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn a_small_archive_holds_articles_until_the_budget_is_spent() {
        let hold = HoldBudget::for_files(10);
        assert!(hold.take(HOLD_RAW_BYTES - 10));
        assert!(!hold.take(11), "past the budget");
        assert!(hold.take(10), "what is left still fits");
        assert!(!hold.take(1));
    }

    #[test]
    fn a_large_archive_spills_every_article() {
        assert!(HoldBudget::for_files(HOLD_MAX_FILES).take(1));
        assert!(!HoldBudget::for_files(HOLD_MAX_FILES + 1).take(1));
        assert!(!HoldBudget::none().take(1));
        assert!(HoldBudget::none().take(0), "an empty file takes nothing");
    }

    #[test]
    fn a_stamp_counts_only_once_the_file_has_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Đại hội").unwrap();
        let stamp = Stamp::of(&path).unwrap().unwrap();
        let now = SystemTime::now();
        assert!(!stamp.settled(now), "just written");
        assert!(!stamp.settled(now + Duration::from_secs(1)));
        assert!(stamp.settled(now + Duration::from_secs(3)));
        // Set back, the modification time is old; the change time is not.
        let old = now - Duration::from_secs(3600);
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(old).unwrap();
        let stamp = Stamp::of(&path).unwrap().unwrap();
        assert_eq!(stamp.modified, Some(old));
        #[cfg(unix)]
        assert!(!stamp.settled(SystemTime::now()));
        assert_eq!(Stamp::of(&dir.path().join("b.toml")).unwrap(), None);
    }
}

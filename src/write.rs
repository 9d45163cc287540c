//! write: pages -> output directory. Minify HTML, write everything into a
//! temporary directory beside the target, then swap it in, so a failed or
//! killed build leaves the previous site whole. One of the two stages that
//! touch the disk; it never decides content.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result};

/// A file of the site: a path relative to the output root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go: the site being written, or memory.
pub trait Sink: Sync {
    /// Add a file of the site.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Add a file written piece by piece (the large data downloads), so it
    /// is never whole in memory when the sink is a disk.
    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Error::io(path, e))?;
        self.put(path, &bytes)
    }

    /// Keep the file at `path` as the site already has it, if it can;
    /// `false` means it must be made again.
    fn keep(&self, _path: &str) -> Result<bool> {
        Ok(false)
    }

    /// Keep all of `paths`, or none of them.
    fn keep_all(&self, _paths: &[String]) -> Result<bool> {
        Ok(false)
    }
}

/// Pages kept in memory, in the order they came (for tests and fuzzing).
#[derive(Default)]
pub struct Collect(pub Mutex<Vec<Page>>);

impl Collect {
    pub fn into_pages(self) -> Vec<Page> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let mut pages = self.0.lock().map_err(|_| poisoned(Path::new(path)))?;
        pages.push(Page {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        });
        Ok(())
    }
}

impl Sink for SiteWriter {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        SiteWriter::put(self, path, bytes)
    }

    fn keep(&self, path: &str) -> Result<bool> {
        self.keep_all(std::slice::from_ref(&path.to_string()))
    }

    fn keep_all(&self, paths: &[String]) -> Result<bool> {
        let Mode::Update(old) = &self.mode else {
            return Ok(false);
        };
        let hashes: Option<Vec<u64>> = paths
            .iter()
            .map(|p| old.get(p).copied().filter(|_| self.has_file(p)))
            .collect();
        let Some(hashes) = hashes else {
            return Ok(false);
        };
        for (path, hash) in paths.iter().zip(hashes) {
            self.claim(path, hash)?;
        }
        Ok(true)
    }

    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        // Written to a scratch name first: whether it changed is known
        // only once it is whole.
        let scratch = self
            .tmp
            .join(format!("{}.partial", path.replace('/', "__")));
        let file = fs::File::create(&scratch).map_err(|e| Error::io(&scratch, e))?;
        let mut out = HashingWriter {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
        };
        write(&mut out)
            .and_then(|_| out.inner.flush())
            .map_err(|e| Error::io(&scratch, e))?;
        let hash = out.hasher.digest();
        if self.claim(path, hash)? {
            let dest = self.tmp.join(path);
            self.parent_made(&dest)?;
            fs::rename(&scratch, &dest).map_err(|e| Error::io(&dest, e))?;
        } else {
            fs::remove_file(&scratch).map_err(|e| Error::io(&scratch, e))?;
        }
        Ok(())
    }
}

/// Hashes what passes through, for the manifest.
struct HashingWriter<W: Write> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    /// Handed on whole: a buffered writer writes slices larger than its
    /// buffer straight to the file, not through the buffer.
    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        let n = self.inner.write_vectored(bufs)?;
        let mut hashed = 0;
        for b in bufs {
            let take = b.len().min(n - hashed);
            self.hasher.update(&b[..take]);
            hashed += take;
            if hashed == n {
                break;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The stylesheet and the timeline's script, compiled in like the
/// templates: a build run where there is no `static/` folder still makes a
/// styled site with a working timeline. A file of the same name in the
/// static folder replaces one.
pub const BUILTIN_STATIC: [(&str, &str); 2] = [
    ("style.css", include_str!("../static/style.css")),
    ("timeline.js", include_str!("../static/timeline.js")),
];

/// The marker that says "this directory was written by civic-archive";
/// `build` refuses to replace a non-empty directory without it.
pub const MARKER: &str = ".civic-archive";

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{tag}"))
}

/// Check that `output` may be replaced: absent, empty, or ours.
pub fn check_output(output: &Path) -> Result<()> {
    // A previous build killed between its two renames left the old site
    // beside the target: put it back first.
    let old = sibling(output, "old");
    if !output.exists() && old.join(MARKER).exists() {
        fs::rename(&old, output).map_err(|e| Error::io(&old, e))?;
    }
    match fs::read_dir(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(output, e)),
        Ok(mut entries) => {
            if entries.next().is_none() || output.join(MARKER).exists() {
                Ok(())
            } else {
                Err(Error::Output {
                    path: output.to_path_buf(),
                    message: format!(
                        "refusing to replace a non-empty directory that civic-archive did not create (no `{MARKER}` file in it); choose another --output or empty it yourself"
                    ),
                })
            }
        }
    }
}

/// Is `rel` a plain relative path that stays inside the output directory?
fn is_safe_relative(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Minify a stylesheet or script copied from `static/`; any other file, and
/// a file minify-html cannot improve, is copied as it is. Pages are not
/// minified one by one: their templates are written compact, and the bulk of
/// a page is article text that minifying cannot shrink (measured: 1 % on a
/// 10,000-article site, for a third of the write time).
fn minify_static(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::default()
    };
    let (open, close) = if name.ends_with(".css") {
        ("<style>", "</style>")
    } else if name.ends_with(".js") {
        ("<script>", "</script>")
    } else {
        return bytes;
    };
    let mut wrapped = open.as_bytes().to_vec();
    wrapped.extend_from_slice(&bytes);
    wrapped.extend_from_slice(close.as_bytes());
    let out = minify_html::minify(&wrapped, &cfg);
    match out
        .strip_prefix(open.as_bytes())
        .and_then(|o| o.strip_suffix(close.as_bytes()))
    {
        Some(inner) if inner.len() < bytes.len() => inner.to_vec(),
        _ => bytes,
    }
}

/// The content hash the manifest keeps for a file.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Every file of a written site with its content hash, kept in the marker
/// file: what the next build compares against to write only what changed.
/// Looked up once per file of the site, by path: hashed, not ordered (a
/// tree compared long paths that share their first 40 bytes).
pub type Manifest = rustc_hash::FxHashMap<String, u64>;

const MANIFEST_HEADER: &str = "civic-archive site manifest 1; safe to delete with the site";

fn manifest_text(m: &Manifest) -> String {
    use std::fmt::Write as _;
    let mut files: Vec<(&String, &u64)> = m.iter().collect();
    files.sort_unstable();
    let mut s = String::with_capacity(m.len() * 64 + 64);
    s.push_str(MANIFEST_HEADER);
    s.push('\n');
    for (path, hash) in files {
        // Writing to a String cannot fail.
        let _ = writeln!(s, "{hash:016x} {path}");
    }
    s
}

/// The manifest of the site at `output`, if it has one this version wrote.
pub fn read_manifest(output: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(output.join(MARKER)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MANIFEST_HEADER {
        return None;
    }
    lines
        .map(|l| {
            let (hash, path) = l.split_once(' ')?;
            Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

/// How the new site reaches `output`.
enum Mode {
    /// Every file into the temp dir, then the temp dir swapped in.
    Fresh,
    /// Only changed files into the temp dir; at the end they are moved over
    /// the current site and files no longer produced are removed.
    Update(Manifest),
}

/// Writes a site as its pages are rendered, so no build holds the whole
/// site in memory. Nothing under `output` changes before `finish`: a
/// failed or killed build leaves the previous site whole.
pub struct SiteWriter {
    output: PathBuf,
    tmp: PathBuf,
    mode: Mode,
    /// The site folder, open, for an update: a kept page is looked for
    /// relative to it, without walking the output's whole path each time.
    #[cfg(target_os = "linux")]
    site: Option<rustix::fd::OwnedFd>,
    /// Every file of the new site with its hash.
    files: Mutex<Manifest>,
    /// Directories made in the temp dir, so each is made once.
    dirs: Mutex<HashSet<PathBuf>>,
}

/// A finished update's temp dir, holding the files the update replaced:
/// removing it frees their pages (for a 159 MB `articles.json`, tens of
/// milliseconds), which `serve` does after the page has reloaded.
#[must_use = "the temp dir stays on disk until removed"]
pub struct Spent(PathBuf);

impl Spent {
    /// Remove the temp dir; a failure leaves it for the next build's
    /// sweep of leftovers, so it is not an error of this one.
    pub fn remove(self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Above this share of changed files an update costs more than a fresh
/// tree, and a kill while moving files in would leave a mixed site longer.
const UPDATE_MAX_CHANGED: f64 = 0.25;

impl SiteWriter {
    /// Start writing the site for `output`. With `incremental`, a site
    /// already there with a manifest is updated in place of being rewritten.
    pub fn begin(output: &Path, incremental: bool) -> Result<SiteWriter> {
        check_output(output)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        remove_stale_temps(output)?;
        let tmp = sibling(output, &format!("tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mode = match incremental.then(|| read_manifest(output)).flatten() {
            Some(m) => Mode::Update(m),
            None => Mode::Fresh,
        };
        #[cfg(target_os = "linux")]
        let site = match mode {
            Mode::Update(_) => {
                use rustix::fs::{open, Mode as Perm, OFlags};
                let flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
                // Without it, pages are looked for by their whole path.
                open(output, flags, Perm::empty()).ok()
            }
            Mode::Fresh => None,
        };
        Ok(SiteWriter {
            output: output.to_path_buf(),
            tmp,
            mode,
            #[cfg(target_os = "linux")]
            site,
            files: Mutex::new(Manifest::default()),
            dirs: Mutex::new(HashSet::new()),
        })
    }

    /// Whether the site being updated has a file at `path` (a user may
    /// have deleted one the manifest lists).
    fn has_file(&self, path: &str) -> bool {
        #[cfg(target_os = "linux")]
        if let Some(site) = &self.site {
            use rustix::fs::{statat, AtFlags, FileType};
            return statat(site, path, AtFlags::empty())
                .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::RegularFile);
        }
        self.output.join(path).is_file()
    }

    /// Record `path` as a file of the new site; an unsafe or repeated path
    /// is refused (the second would silently replace the first).
    fn claim(&self, path: &str, hash: u64) -> Result<bool> {
        if !is_safe_relative(path) || path == MARKER || path.split('/').next() == Some(REPLACED) {
            return Err(Error::Output {
                path: PathBuf::from(path),
                message: "page path would leave the output directory".into(),
            });
        }
        let mut files = self.files.lock().map_err(|_| poisoned(&self.tmp))?;
        if files.insert(path.to_string(), hash).is_some() {
            return Err(Error::Output {
                path: PathBuf::from(path),
                message: "two pages would be written to this path".into(),
            });
        }
        Ok(match &self.mode {
            Mode::Fresh => true,
            Mode::Update(old) => old.get(path) != Some(&hash),
        })
    }

    fn parent_made(&self, dest: &Path) -> Result<()> {
        let Some(dir) = dest.parent() else {
            return Ok(());
        };
        if self
            .dirs
            .lock()
            .map_err(|_| poisoned(&self.tmp))?
            .contains(dir)
        {
            return Ok(());
        }
        // Made outside the lock: a folder a page needs is usually new, and
        // making it under the lock made every other writer wait for the
        // disk. Two writers making the same folder is harmless
        // (`create_dir_all` accepts one that exists).
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        self.dirs
            .lock()
            .map_err(|_| poisoned(&self.tmp))?
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Add a file to the new site.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if self.claim(path, content_hash(bytes))? {
            let dest = self.tmp.join(path);
            self.parent_made(&dest)?;
            fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))?;
        }
        Ok(())
    }

    /// Add a copy of the file at `from`, whose content hash is `hash`.
    pub fn copy(&self, path: &str, from: &Path, hash: u64) -> Result<()> {
        if self.claim(path, hash)? {
            let dest = self.tmp.join(path);
            self.parent_made(&dest)?;
            copy_file(from, &dest)?;
        }
        Ok(())
    }

    /// Add the files of `static_dir` (stylesheets and scripts minified),
    /// and each built-in static file it does not replace.
    pub fn put_static(&self, static_dir: &Path) -> Result<()> {
        let mut given = HashSet::new();
        if static_dir.is_dir() {
            for file in crate::load::files_under(static_dir)? {
                let rel = file.strip_prefix(static_dir).unwrap_or(&file);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let rel = rel.join("/");
                let bytes = fs::read(&file).map_err(|e| Error::io(&file, e))?;
                self.put(&rel, &minify_static(&rel, bytes))?;
                given.insert(rel);
            }
        }
        for (name, text) in BUILTIN_STATIC {
            if !given.contains(name) {
                self.put(name, &minify_static(name, text.as_bytes().to_vec()))?;
            }
        }
        Ok(())
    }

    /// Put the new site in place; returns how many files it has.
    pub fn finish(self) -> Result<usize> {
        let (files, spent) = self.finish_leaving_spent()?;
        if let Some(spent) = spent {
            spent.remove();
        }
        Ok(files)
    }

    /// `finish`, leaving an update's temp dir (with the files it replaced)
    /// for the caller to remove when it likes.
    pub fn finish_leaving_spent(self) -> Result<(usize, Option<Spent>)> {
        let result = self.finish_inner();
        if result.is_err() {
            // Best effort: the error is the one worth reporting.
            let _ = fs::remove_dir_all(&self.tmp);
        }
        result.map_err(|e| not_written(&self.output, e))
    }

    /// Give up: remove the temp dir; the previous site stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }

    fn finish_inner(&self) -> Result<(usize, Option<Spent>)> {
        let files = std::mem::take(&mut *self.files.lock().map_err(|_| poisoned(&self.tmp))?);
        let marker = manifest_text(&files);
        match &self.mode {
            Mode::Fresh => {
                write_marker(&self.tmp, &marker)?;
                swap_in(&self.tmp, &self.output)?;
            }
            Mode::Update(old) => {
                let changed = files
                    .iter()
                    .filter(|(p, h)| old.get(*p) != Some(*h))
                    .count();
                if changed as f64 > UPDATE_MAX_CHANGED * files.len().max(1) as f64 {
                    // Too much changed to move file by file: fill the temp
                    // dir with the unchanged files and swap it in whole.
                    for path in files.keys().filter(|p| old.get(*p) == files.get(*p)) {
                        let dest = self.tmp.join(path);
                        self.parent_made(&dest)?;
                        let from = self.output.join(path);
                        copy_file(&from, &dest)?;
                    }
                    write_marker(&self.tmp, &marker)?;
                    swap_in(&self.tmp, &self.output)?;
                } else {
                    // The journal says the temp dir is complete: from here a
                    // killed build is finished by the next one.
                    write_marker(&self.tmp, &marker)?;
                    apply_update(&self.tmp, &self.output, old, &files, false)?;
                    // Named apart from any spent dir still being removed.
                    static SPENT: std::sync::atomic::AtomicU64 =
                        std::sync::atomic::AtomicU64::new(0);
                    let n = SPENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let spent = sibling(
                        &self.output,
                        &format!("tmp-{}.spent-{n}", std::process::id()),
                    );
                    fs::rename(&self.tmp, &spent).map_err(|e| Error::io(&spent, e))?;
                    return Ok((files.len(), Some(Spent(spent))));
                }
            }
        }
        Ok((files.len(), None))
    }
}

/// Copy `from` to `to`, read and then written, so that an error names the
/// file it is about (`fs::copy` reports a full disk as the source's fault).
/// Copy the bytes of `from` into a new file `to`. `io::copy` between two
/// files lets the kernel copy them (copy_file_range on Linux) instead of
/// reading them into memory and writing them out again; unlike `fs::copy`
/// it leaves the new file the usual permissions, not the source's.
fn copy_file(from: &Path, to: &Path) -> Result<()> {
    let mut source = fs::File::open(from).map_err(|e| Error::io(from, e))?;
    let mut dest = fs::File::create(to).map_err(|e| Error::io(to, e))?;
    std::io::copy(&mut source, &mut dest).map_err(|e| Error::io(to, e))?;
    Ok(())
}

fn poisoned(path: &Path) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: "a writer thread panicked".into(),
    }
}

fn write_marker(dir: &Path, text: &str) -> Result<()> {
    let marker = dir.join(MARKER);
    fs::write(&marker, text).map_err(|e| Error::io(&marker, e))
}

/// Move the changed files of `tmp` over `output`, remove the files the new
/// site no longer has, then move in the new manifest. Each file is
/// replaced at once, so a reader never sees half a file; the marker in
/// `tmp` lets a later build finish this if it is interrupted (`resume`).
/// The replaced files end up in `tmp`, which the caller removes.
fn apply_update(
    tmp: &Path,
    output: &Path,
    old: &Manifest,
    new: &Manifest,
    resume: bool,
) -> Result<()> {
    let replaced = tmp.join(REPLACED);
    fs::create_dir_all(&replaced).map_err(|e| Error::io(&replaced, e))?;
    for (n, (path, hash)) in new.iter().enumerate() {
        if old.get(path) == Some(hash) {
            continue;
        }
        let from = tmp.join(path);
        if !from.exists() {
            // Moved already by an earlier, interrupted run of this update.
            continue;
        }
        if resume && file_hash(&from)? != *hash {
            // The old file an interrupted exchange left in its place.
            continue;
        }
        let to = output.join(path);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        replace(&from, &to, &replaced.join(n.to_string())).map_err(|e| Error::io(&to, e))?;
    }
    for path in old.keys().filter(|p| !new.contains_key(*p)) {
        let gone = output.join(path);
        match fs::remove_file(&gone) {
            Ok(()) => {
                // Leave no empty article folder behind.
                if let Some(dir) = gone.parent().filter(|d| *d != output) {
                    let _ = fs::remove_dir(dir);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&gone, e)),
        }
    }
    fs::rename(tmp.join(MARKER), output.join(MARKER)).map_err(|e| Error::io(output, e))
}

/// The folder of an update's temp dir that the replaced files go to.
const REPLACED: &str = ".replaced";

/// Put the new file `from` at `to`. Where `to` exists and the system can,
/// the two are exchanged (one `renameat2`) and the old file then moved to
/// `aside`: a plain rename over an existing file makes ext4 write the new
/// file's data out at once and free the old one's pages then and there,
/// which for `articles.json` was most of a rebuild's writing.
fn replace(from: &Path, to: &Path, aside: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if fs::symlink_metadata(to).is_ok() {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, from, CWD, to, RenameFlags::EXCHANGE) {
            Ok(()) => return fs::rename(from, aside),
            // A file system or kernel without exchange: a plain rename.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let _ = aside;
    fs::rename(from, to)
}

/// The content hash of the file at `path`, as the manifest has it.
fn file_hash(path: &Path) -> Result<u64> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(content_hash(&bytes))
}

/// Write the site: `pages` plus a copy of `static_dir` (if it exists) into
/// `output`, replacing what was there. For callers that have every page.
pub fn write(pages: &[Page], static_dir: Option<&Path>, output: &Path) -> Result<usize> {
    check_pages(pages)?;
    let writer = SiteWriter::begin(output, false)?;
    let written = (|| {
        if let Some(dir) = static_dir {
            writer.put_static(dir)?;
        }
        pages
            .par_iter()
            .try_for_each(|page| writer.put(&page.path, &page.bytes))
    })();
    match written {
        Ok(()) => writer.finish(),
        Err(e) => {
            writer.abandon();
            Err(not_written(output, e))
        }
    }
}

/// A write that failed, said so that the reader knows nothing was lost.
fn not_written(output: &Path, e: Error) -> Error {
    Error::Output {
        path: output.to_path_buf(),
        message: format!(
            "the new site could not be written ({e}); the previous site is left as it was"
        ),
    }
}

/// Refuse the whole site before writing a byte: a path that would leave the
/// output directory, or two pages on one path (the second would silently
/// overwrite the first, in whatever order the threads ran).
fn check_pages(pages: &[Page]) -> Result<()> {
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for page in pages {
        if !is_safe_relative(&page.path) {
            errors.push(Error::Output {
                path: PathBuf::from(&page.path),
                message: "page path would leave the output directory".into(),
            });
        } else if !seen.insert(page.path.as_str()) {
            errors.push(Error::Output {
                path: PathBuf::from(&page.path),
                message: "two pages would be written to this path".into(),
            });
        }
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(Error::Many(errors)),
    }
}

/// The pid in a temp dir name `.<name>.tmp-<pid>` beside `output`, or in
/// a spent one, `.<name>.tmp-<pid>.spent-<n>`.
fn temp_pid(output: &Path, file_name: &str) -> Option<u32> {
    let name = output.file_name()?.to_string_lossy().into_owned();
    let rest = file_name.strip_prefix(&format!(".{name}.tmp-"))?;
    let pid = match rest.split_once(".spent-") {
        Some((pid, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => pid,
        Some(_) => return None,
        None => rest,
    };
    pid.parse().ok()
}

/// Is process `pid` still running? Where that cannot be told (no /proc),
/// say no: a leftover then goes, which is what a single user wants.
fn is_alive(pid: u32) -> bool {
    Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists()
}

/// Remove temp dirs left beside `output` by builds that were killed; a dir
/// of a build still running is left alone.
fn remove_stale_temps(output: &Path) -> Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let entries = match fs::read_dir(parent) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(parent, e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_pid(output, &name) else {
            continue;
        };
        if pid == std::process::id() || is_alive(pid) {
            continue;
        }
        let path = entry.path();
        // A temp dir with its manifest was complete when its build was
        // killed: finish moving it in rather than lose that build.
        if let Some(new) = read_manifest(&path) {
            if output.join(MARKER).exists() || !output.exists() {
                let old = read_manifest(output).unwrap_or_default();
                apply_update(&path, output, &old, &new, true)?;
                fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
                continue;
            }
        }
        fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Replace `output` by `tmp`: two renames, with the old site kept aside
/// until the new one is in place.
fn swap_in(tmp: &Path, output: &Path) -> Result<()> {
    let old = sibling(output, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    if output.exists() {
        fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
    }
    if let Err(e) = fs::rename(tmp, output) {
        let _ = fs::rename(&old, output);
        return Err(Error::io(output, e));
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(())
}

/// A writer that takes at most `most` bytes a call, as a pipe or a full
/// disk may: for tests of writers that must not lose a part.
#[cfg(test)]
pub(crate) struct Trickle {
    pub got: Vec<u8>,
    pub most: usize,
}

#[cfg(test)]
impl Write for Trickle {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.most);
        self.got.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        let mut n = 0;
        for b in bufs {
            let take = b.len().min(self.most - n);
            self.got.extend_from_slice(&b[..take]);
            n += take;
            if n == self.most {
                break;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slices written in part are hashed in part: the manifest's hash is
    /// the hash of the bytes the file got.
    #[test]
    fn a_hashing_writer_hashes_what_vectored_writes_wrote() {
        let parts: Vec<Vec<u8>> = (0..40)
            .map(|n| format!("dòng {n}: {}\n", "Đảng bộ ".repeat(n % 7)).into_bytes())
            .collect();
        for most in [1, 5, 64, 1 << 20] {
            let mut w = HashingWriter {
                inner: Trickle {
                    got: Vec::new(),
                    most,
                },
                hasher: xxhash_rust::xxh3::Xxh3::new(),
            };
            let mut slices: Vec<std::io::IoSlice> =
                parts.iter().map(|p| std::io::IoSlice::new(p)).collect();
            let mut left = slices.as_mut_slice();
            while !left.is_empty() {
                let n = w.write_vectored(left).unwrap();
                std::io::IoSlice::advance_slices(&mut left, n);
            }
            assert_eq!(w.inner.got, parts.concat(), "{most}");
            assert_eq!(w.hasher.digest(), content_hash(&parts.concat()), "{most}");
        }
    }

    #[test]
    fn paths_that_escape_are_refused() {
        assert!(is_safe_relative("bai-viet/a/index.html"));
        assert!(!is_safe_relative("../etc/passwd"));
        assert!(!is_safe_relative("/abs"));
        assert!(!is_safe_relative("a/../../b"));
    }

    #[test]
    fn foreign_directory_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "mine").unwrap();
        let err = write(&[], None, &out).unwrap_err().to_string();
        assert!(err.contains("refusing"), "{err}");
        assert!(out.join("thesis.docx").exists());
    }

    #[test]
    fn rewrite_replaces_our_own_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let page = |p: &str, b: &str| Page {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write(&[page("a.txt", "1")], None, &out).unwrap();
        write(&[page("b.txt", "2")], None, &out).unwrap();
        assert!(!out.join("a.txt").exists());
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "2");
    }

    fn page(p: &str, b: &str) -> Page {
        Page {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_refused_site_leaves_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[page("a.txt", "old")], None, &out).unwrap();
        for bad in [
            vec![page("b.txt", "new"), page("../escape.txt", "x")],
            vec![page("b.txt", "new"), page("b.txt", "other")],
        ] {
            let err = write(&bad, None, &out).unwrap_err().to_string();
            assert!(err.contains("escape.txt") || err.contains("b.txt"), "{err}");
            assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "old");
            assert!(!out.join("b.txt").exists());
            assert!(!dir.path().join("escape.txt").exists());
            // No temp dir is left behind.
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        }
    }

    fn read(out: &Path, p: &str) -> String {
        fs::read_to_string(out.join(p)).unwrap()
    }

    #[test]
    fn an_update_writes_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[page("a.txt", "1"), page("d/b.txt", "2")], None, &out).unwrap();
        let w = SiteWriter::begin(&out, true).unwrap();
        w.put("d/c.txt", b"3").unwrap();
        assert!(w.keep("a.txt").unwrap());
        assert!(!w.keep("nowhere.txt").unwrap());
        assert_eq!(w.finish().unwrap(), 2);
        assert_eq!(read(&out, "a.txt"), "1");
        assert_eq!(read(&out, "d/c.txt"), "3");
        assert!(!out.join("d/b.txt").exists());
        let m = read_manifest(&out).unwrap();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a.txt", "d/c.txt"]);
        assert_eq!(m["d/c.txt"], content_hash(b"3"));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "leftovers");
    }

    #[test]
    fn a_page_gone_from_the_site_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let pages = [
            page("a.txt", "1"),
            page("d/b.txt", "2"),
            page("d/c.txt", "3"),
        ];
        write(&pages, None, &out).unwrap();
        fs::remove_file(out.join("d/b.txt")).unwrap();
        fs::remove_file(out.join("d/c.txt")).unwrap();
        fs::create_dir(out.join("d/c.txt")).unwrap();
        let w = SiteWriter::begin(&out, true).unwrap();
        assert!(w.keep("a.txt").unwrap());
        assert!(!w.keep("d/b.txt").unwrap(), "deleted");
        assert!(!w.keep("d/c.txt").unwrap(), "a folder now");
        assert!(!w.keep("d/never.txt").unwrap(), "not in the manifest");
        w.abandon();
    }

    #[test]
    fn a_repeated_path_is_refused_even_when_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[page("a.txt", "1")], None, &out).unwrap();
        let w = SiteWriter::begin(&out, true).unwrap();
        assert!(w.keep("a.txt").unwrap());
        let err = w.put("a.txt", b"1").unwrap_err().to_string();
        assert!(err.contains("two pages"), "{err}");
        w.abandon();
        assert_eq!(read(&out, "a.txt"), "1");
    }

    /// A build killed after its temp dir was complete, while moving files
    /// in, is finished by the next build.
    #[cfg(target_os = "linux")]
    /// Leave `w`'s update as a build killed in `finish` would: the journal
    /// written, then `moves` done on its temp dir, which is then renamed as
    /// a dead build's. Returns the new manifest and that dir.
    fn killed_mid_update(
        w: SiteWriter,
        out: &Path,
        moves: impl FnOnce(&Path),
    ) -> (Manifest, PathBuf) {
        let files = std::mem::take(&mut *w.files.lock().unwrap());
        write_marker(&w.tmp, &manifest_text(&files)).unwrap();
        moves(&w.tmp);
        let dead = sibling(out, "tmp-999999999");
        fs::rename(&w.tmp, &dead).unwrap();
        std::mem::forget(w);
        (files, dead)
    }

    #[test]
    fn an_interrupted_update_is_finished_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(
            &[page("a.txt", "1"), page("b.txt", "2"), page("old.txt", "x")],
            None,
            &out,
        )
        .unwrap();
        let w = SiteWriter::begin(&out, true).unwrap();
        assert!(w.keep("a.txt").unwrap());
        w.put("b.txt", b"two").unwrap();
        w.put("c.txt", b"three").unwrap();
        // What finish does up to the kill: the journal, then one file moved.
        let (files, dead) = killed_mid_update(w, &out, |tmp| {
            fs::rename(tmp.join("b.txt"), out.join("b.txt")).unwrap();
        });

        SiteWriter::begin(&out, true).unwrap().abandon();
        assert!(!dead.exists());
        assert_eq!(read(&out, "a.txt"), "1");
        assert_eq!(read(&out, "b.txt"), "two");
        assert_eq!(read(&out, "c.txt"), "three");
        assert!(!out.join("old.txt").exists());
        assert_eq!(read_manifest(&out).unwrap(), files);
    }

    #[test]
    fn an_update_killed_after_an_exchange_keeps_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&[page("a.txt", "1"), page("b.txt", "2")], None, &out).unwrap();
        let w = SiteWriter::begin(&out, true).unwrap();
        w.put("a.txt", b"one").unwrap();
        w.put("b.txt", b"two").unwrap();
        // Killed between exchanging b.txt and moving the old one aside:
        // the temp dir holds the old b.txt where the new one was.
        let (files, dead) = killed_mid_update(w, &out, |tmp| {
            fs::rename(out.join("b.txt"), dir.path().join("b.old")).unwrap();
            fs::rename(tmp.join("b.txt"), out.join("b.txt")).unwrap();
            fs::rename(dir.path().join("b.old"), tmp.join("b.txt")).unwrap();
        });

        SiteWriter::begin(&out, true).unwrap().abandon();
        assert!(!dead.exists());
        assert_eq!(read(&out, "a.txt"), "one");
        assert_eq!(read(&out, "b.txt"), "two");
        assert_eq!(read_manifest(&out).unwrap(), files);
    }

    #[test]
    fn an_update_leaves_the_replaced_files_in_a_spent_dir_until_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        // Few enough changes for an update rather than a fresh tree.
        let kept: Vec<Page> = (0..8).map(|k| page(&format!("{k}.txt"), "same")).collect();
        let mut first = kept.clone();
        first.push(page("a.txt", "1"));
        write(&first, None, &out).unwrap();
        let w = SiteWriter::begin(&out, true).unwrap();
        for p in &kept {
            assert!(w.keep(&p.path).unwrap());
        }
        w.put("a.txt", b"one").unwrap();
        w.put("d.txt", b"4").unwrap();
        let (files, spent) = w.finish_leaving_spent().unwrap();
        assert_eq!(files, 10);
        let spent = spent.expect("an update leaves its temp dir");
        assert_eq!(read(&out, "a.txt"), "one");
        assert_eq!(read(&out, "d.txt"), "4");
        // Nothing is left in the site of the update's own folders.
        assert!(!out.join(REPLACED).exists());
        assert!(spent.0.exists());
        // The old a.txt, exchanged for the new one and set aside.
        #[cfg(target_os = "linux")]
        {
            let aside: Vec<String> = fs::read_dir(spent.0.join(REPLACED))
                .unwrap()
                .flatten()
                .map(|e| fs::read_to_string(e.path()).unwrap())
                .collect();
            assert_eq!(aside, vec!["1".to_string()]);
        }
        assert_eq!(
            temp_pid(&out, &spent.0.file_name().unwrap().to_string_lossy()),
            Some(std::process::id())
        );
        spent.remove();
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn spent_dirs_are_named_for_their_build() {
        let out = Path::new("/x/site");
        assert_eq!(temp_pid(out, ".site.tmp-42"), Some(42));
        assert_eq!(temp_pid(out, ".site.tmp-42.spent-3"), Some(42));
        assert_eq!(temp_pid(out, ".site.tmp-42.spent-"), None);
        assert_eq!(temp_pid(out, ".site.tmp-42.spent-x"), None);
        assert_eq!(temp_pid(out, ".other.tmp-42"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_killed_builds_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        // pid 1 is always running; 999999999 is above any pid_max.
        let live = dir.path().join(".site.tmp-1");
        let dead = dir.path().join(".site.tmp-999999999");
        let other = dir.path().join(".elsewhere.tmp-999999999");
        for d in [&live, &dead, &other] {
            fs::create_dir_all(d.join("bai-viet")).unwrap();
        }
        write(&[page("a.txt", "1")], None, &out).unwrap();
        assert!(live.exists());
        assert!(!dead.exists());
        assert!(other.exists());
    }
}

//! load: content/ -> RawDoc. Walk, read, decode, normalise to NFC; keep the
//! raw bytes for `nguon.txt`. One of the two stages that touch the disk.

pub mod legacy;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::model::{Corrections, RawDoc};

/// An editorial page, `content/trang/<name>.md`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EditorialPage {
    pub slug: String,
    pub title: String,
    pub order: i64,
    pub markdown: String,
    pub source_file: String,
}

/// Everything read from the content directory.
#[derive(Debug, Default)]
pub struct Content {
    /// Articles, sorted by `source_file`.
    pub docs: Vec<RawDoc>,
    /// Editorial pages, sorted by `order` then slug.
    pub pages: Vec<EditorialPage>,
    /// Files skipped (not text, empty) and links not followed: `path: why`.
    pub warnings: Vec<String>,
}

/// One file of the content directory, read.
pub enum Loaded {
    Doc(Box<RawDoc>),
    Page(EditorialPage),
    Skipped(String),
}

/// The files under a content directory, before any is read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Articles (`.txt`) and editorial pages (`.md`), sorted by path.
    pub files: Vec<PathBuf>,
    /// Links not followed: `path: why`.
    pub warnings: Vec<String>,
    /// The sidecars (`.toml`) found, each beside its article.
    pub sidecars: std::collections::HashSet<PathBuf>,
}

/// List the articles and pages under `dir`, without reading them. Every
/// unreadable entry and every sidecar without an article is an error, all
/// of them reported together.
pub fn scan(dir: &Path) -> Result<Listing> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::Input {
            path: dir.to_path_buf(),
            message: "is not a directory".into(),
        });
    }
    // Walked in the file system's order and sorted once at the end: the
    // walk's own sorting took each pair of names apart from their paths
    // again, most of the listing's time in a rebuild. The order is that of
    // a walk that sorts each folder by name (`component_order`).
    let mut errors: Vec<(PathBuf, Error)> = Vec::new();
    let mut warnings: Vec<(PathBuf, String)> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true) {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                // A link back to an ancestor only leads to files already
                // read through the real path: nothing is lost, so warn.
                if let Some(ancestor) = e.loop_ancestor() {
                    let warning = format!(
                        "{}: symbolic link loop (points back to {}); not followed",
                        path.display(),
                        ancestor.display()
                    );
                    warnings.push((path, warning));
                    continue;
                }
                let message = e
                    .io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| e.to_string());
                errors.push((path.clone(), Error::Input { path, message }));
            }
        }
    }
    files.sort_by_cached_key(|p| component_order(p));
    errors.sort_by_cached_key(|(p, _)| component_order(p));
    warnings.sort_by_cached_key(|(p, _)| component_order(p));
    let mut errors: Vec<Error> = errors.into_iter().map(|(_, e)| e).collect();
    let warnings: Vec<String> = warnings.into_iter().map(|(_, w)| w).collect();
    // Sidecars without an article are a mistake worth stopping for: the
    // editor's correction would silently apply to nothing.
    for p in &files {
        if p.extension().is_some_and(|e| e == "toml") && !p.with_extension("txt").exists() {
            errors.push(Error::Sidecar {
                path: p.clone(),
                message:
                    "correction file has no article beside it (expected the same name with .txt)"
                        .into(),
            });
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(Error::Many(errors)),
    }
    let sidecars = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .cloned()
        .collect();
    files.retain(|p| is_content_file(dir, p));
    Ok(Listing {
        files,
        warnings,
        sidecars,
    })
}

/// A key whose byte order is `Path`'s order, component by component: the
/// components joined by a zero byte, which no name holds and which sorts
/// before every byte a name does ("a" and its files before "a-b" and
/// "a.txt"). Made once per path, where comparing two `Path`s parses both.
fn component_order(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
    }
    key
}

/// Read every article and editorial page under `dir`.
///
/// Files are read in parallel. Every unreadable file is reported, not only
/// the first: the error lists them all with their paths.
pub fn load(dir: &Path) -> Result<Content> {
    let listing = scan(dir)?;
    let results: Vec<Result<Loaded>> = listing
        .files
        .par_iter()
        .map(|p| load_file(dir, p))
        .collect();
    let mut content = Content {
        warnings: listing.warnings,
        ..Content::default()
    };
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Loaded::Doc(d)) => content.docs.push(*d),
            Ok(Loaded::Page(p)) => content.pages.push(p),
            Ok(Loaded::Skipped(w)) => content.warnings.push(w),
            Err(e) => errors.push(e),
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(Error::Many(errors)),
    }
    content
        .docs
        .sort_by(|a, b| a.source_file.cmp(&b.source_file));
    sort_pages(&mut content.pages);
    Ok(content)
}

/// Editorial pages in the footer's order: `order`, then slug.
pub fn sort_pages(pages: &mut [EditorialPage]) {
    pages.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));
}

/// Every file under `dir` (following links), sorted by path; an unreadable
/// entry is an error naming it. For the folders read whole: templates,
/// static files.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Input {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf()),
            message: e.to_string(),
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn is_content_file(root: &Path, path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let hidden = path
        .strip_prefix(root)
        .map(|rel| {
            rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .unwrap_or(false);
    !hidden && matches!(ext, "txt" | "md")
}

/// `path` relative to `root`, with `/` separators: an article's `source_file`.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Read one file found by `scan`: an article with its sidecar, an
/// editorial page, or a reason it is skipped.
pub fn load_file(root: &Path, path: &Path) -> Result<Loaded> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    load_bytes(root, path, bytes)
}

/// `load_file` for a file whose bytes are read already.
pub fn load_bytes(root: &Path, path: &Path, bytes: Vec<u8>) -> Result<Loaded> {
    let source_file = relative(root, path);
    if path.extension().is_some_and(|e| e == "md") {
        let Some((text, _)) = decode(&bytes) else {
            return Ok(Loaded::Skipped(format!(
                "{}: {}",
                path.display(),
                Skip::Binary.message()
            )));
        };
        return editorial_page(path, &source_file, &text).map(Loaded::Page);
    }
    let mut doc = match raw_doc(&source_file, bytes) {
        Ok(doc) => doc,
        Err(skip) => {
            return Ok(Loaded::Skipped(format!(
                "{}: {}",
                path.display(),
                skip.message()
            )))
        }
    };
    let sidecar = path.with_extension("toml");
    doc.corrections = match std::fs::read_to_string(&sidecar) {
        Ok(t) => Some(parse_corrections(&sidecar, &t)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&sidecar, e)),
    };
    Ok(Loaded::Doc(Box::new(doc)))
}

/// Why a file under content/ is not an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// NUL bytes or control characters: an image, a PDF, a Word file.
    Binary,
    /// No text at all, or only spaces and line ends.
    Empty,
}

impl Skip {
    pub fn message(&self) -> &'static str {
        match self {
            Skip::Binary => "not a text file (binary bytes); skipped — save it as plain text (.txt) to include it",
            Skip::Empty => "empty file (no text); skipped — add the article's text or delete the file",
        }
    }
}

/// Decode one article's bytes into a `RawDoc` (without its sidecar), or
/// say why it is skipped. Pure: the fuzz targets call it on arbitrary bytes.
pub fn raw_doc(source_file: &str, bytes: Vec<u8>) -> std::result::Result<RawDoc, Skip> {
    let (text, starters, encoding, source_bytes) = match decode_in_place(bytes) {
        Ok((text, starters)) => (text, starters, "UTF-8", None),
        Err(bytes) => {
            let (text, encoding) = decode(&bytes).ok_or(Skip::Binary)?;
            let starters = crate::text::is_nfc_starters(&text);
            (text, starters, encoding, Some(bytes))
        }
    };
    if text.trim().is_empty() {
        return Err(Skip::Empty);
    }
    Ok(RawDoc {
        source_file: source_file.to_string(),
        source_bytes,
        starters,
        text,
        encoding,
        corrections: None,
    })
}

/// Parse a sidecar correction file; errors name the file and the key.
pub fn parse_corrections(path: &Path, text: &str) -> Result<Corrections> {
    toml::from_str(text).map_err(|e| Error::Sidecar {
        path: path.to_path_buf(),
        message: e.to_string().trim().to_string(),
    })
}

/// Bytes looked at to decide whether a file is text.
const BINARY_SAMPLE: usize = 64 * 1024;

/// Decode bytes to NFC text with `\n` line ends, and name the encoding.
/// `None` for binary data.
///
/// Order: a BOM (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM (every other
/// byte zero); binary (NUL or many control bytes) is refused; valid UTF-8;
/// then the legacy Vietnamese encodings, decided by scoring
/// (`legacy::decode_legacy`).
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (text, encoding): (String, &'static str) =
        if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
            let (t, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            (t.into_owned(), enc.name())
        } else if let Some(enc) = utf16_without_bom(bytes) {
            let (t, _) = enc.decode_without_bom_handling(bytes);
            (t.into_owned(), enc.name())
        } else if looks_binary(bytes) {
            return None;
        } else {
            match std::str::from_utf8(bytes) {
                Ok(t) => (t.to_string(), "UTF-8"),
                Err(_) => {
                    let (t, enc) = legacy::decode_legacy(bytes);
                    (t, enc)
                }
            }
        };
    if text.contains('\0') {
        return None;
    }
    // Most files are already NFC with \n line ends: then the text is
    // returned as decoded, without another copy.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let text = match crate::text::nfc_cow(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(nfc) => nfc,
    };
    Some((text, encoding))
}

/// `decode` of bytes that are their own text (UTF-8 without a BOM, not
/// binary, no '\r', NFC), taking them without a copy; the bytes back
/// otherwise. Most articles are such files. With the text, whether it is
/// made of NFC starters, found on the way.
fn decode_in_place(bytes: Vec<u8>) -> std::result::Result<(String, bool), Vec<u8>> {
    // Without a NUL byte the bytes are neither UTF-16 without a BOM (its
    // ASCII has a zero in every pair) nor binary by `looks_binary`'s first
    // test, so of `decode`'s tests only the count of control bytes is left.
    if encoding_rs::Encoding::for_bom(&bytes).is_some()
        || memchr::memchr2(0, b'\r', &bytes).is_some()
        || too_many_controls(&bytes)
    {
        return Err(bytes);
    }
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: the bytes were just checked to be UTF-8 (`simdutf8` checks
    // what `String::from_utf8` does, with vector instructions; the standard
    // check passes only ASCII quickly, and a Vietnamese text has a non-ASCII
    // letter every few bytes).
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    let starters = crate::text::is_nfc_starters(&text);
    if crate::text::is_nfc_given(&text, starters) {
        Ok((text, starters))
    } else {
        Err(text.into_bytes())
    }
}

/// NUL bytes, or more than 1 in 20 bytes a control character other than
/// tab, line ends and form feed: not text.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some() || too_many_controls(bytes)
}

/// More than 1 in 20 of the first `BINARY_SAMPLE` bytes a control
/// character other than tab, line ends and form feed.
fn too_many_controls(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    // Counted in blocks of at most 255 into a byte, a form the compiler
    // turns into vector instructions: every byte of every file is looked at.
    let controls: usize = head
        .chunks(255)
        .map(|block| {
            let n = block.iter().fold(0u8, |n, &b| {
                let control = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F;
                n + u8::from(control)
            });
            usize::from(n)
        })
        .sum();
    controls * 20 > head.len()
}

/// UTF-16 saved without a BOM: mostly ASCII, so one byte of each pair is
/// zero. Needs an even length and a clear pattern (zeros on one side only).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(BINARY_SAMPLE) & !1];
    if !bytes.len().is_multiple_of(2) || head.len() < 4 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let pairs = head.len() / 2;
    let enc = if odd * 2 >= pairs && even * 100 <= pairs {
        encoding_rs::UTF_16LE
    } else if even * 2 >= pairs && odd * 100 <= pairs {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    // Unpaired surrogates or control characters: binary after all.
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C'))
        .count();
    (!malformed && controls * 20 <= text.chars().count()).then_some(enc)
}

fn editorial_page(path: &Path, source_file: &str, text: &str) -> Result<EditorialPage> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FrontMatter {
        title: String,
        #[serde(default)]
        order: i64,
        slug: Option<String>,
    }
    let err = |message: String| Error::Input {
        path: path.to_path_buf(),
        message,
    };
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| err("line 1: an editorial page starts with TOML front matter between `+++` lines (title = \"…\", order = 1)".into()))?;
    let (front, markdown) = rest
        .split_once("\n+++")
        .ok_or_else(|| err("front matter has no closing `+++` line".into()))?;
    let fm: FrontMatter = toml::from_str(front)
        .map_err(|e| err(format!("front matter: {}", e.to_string().trim())))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = slug::slugify(fm.slug.as_deref().unwrap_or(&stem));
    if slug.is_empty() {
        return Err(err(
            "the page needs a name or `slug` with letters or digits".into(),
        ));
    }
    Ok(EditorialPage {
        slug,
        title: fm.title,
        order: fm.order,
        markdown: markdown.trim_start_matches(['\n', '+']).to_string(),
        source_file: source_file.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_component_key_orders_paths_as_path_does() {
        let pieces = [
            "a", "a.txt", "a-b", "a b", "a!", "A", "ab", "Đa", "đa", "0", "z",
        ];
        let mut paths = Vec::new();
        for x in pieces {
            paths.push(PathBuf::from("/c").join(x));
            for y in pieces {
                paths.push(PathBuf::from("/c").join(x).join(y));
            }
        }
        for a in &paths {
            for b in &paths {
                assert_eq!(
                    component_order(a).cmp(&component_order(b)),
                    a.cmp(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// The listing is in the order of a walk that sorts every folder by
    /// name (its definition before the sort moved after the walk), on
    /// names where the two could part: a folder and a file that start
    /// alike ("a", "a.txt", "a-b", "a b"), bytes below and above '/',
    /// Vietnamese names and nesting.
    #[test]
    fn files_are_listed_in_the_order_of_a_walk_sorted_by_name() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let names = [
            "a.txt",
            "a/x.txt",
            "a/b/c.txt",
            "a-b/y.txt",
            "a b/z.txt",
            "a!.txt",
            "a0.txt",
            "ab.txt",
            "A.txt",
            "Đống Đa/bài.txt",
            "Dong Da/bai.txt",
            "z/a.txt",
            "000/000123_0f.txt",
            "000/000122_ff.txt",
            "001/000999_00.txt",
            "trang/gioi-thieu.md",
        ];
        for name in names {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, "Tiêu đề\n\nNội dung.\n")?;
        }
        let by_sorted_walk: Vec<PathBuf> = WalkDir::new(dir.path())
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| is_content_file(dir.path(), p))
            .collect();
        assert_eq!(by_sorted_walk.len(), names.len());
        let listing = scan(dir.path()).map_err(|e| std::io::Error::other(e.to_string()))?;
        assert_eq!(listing.files, by_sorted_walk);
        Ok(())
    }

    /// Taking the bytes as they are gives `decode`'s text, and they come
    /// back untouched whenever `decode` has more to do.
    #[test]
    fn bytes_taken_in_place_decode_as_decode_does() {
        let controls = |n: usize| {
            let mut b = "Hà Nội\x01\x7f".repeat(n).into_bytes();
            b.extend(std::iter::repeat_n(b'a', 300));
            b
        };
        let inputs: Vec<Vec<u8>> = vec![
            "Hà Nội, ngày 2/9.\nĐại hội Đảng bộ".into(),
            b"plain ascii\n".to_vec(),
            "\u{feff}với BOM".into(),
            b"line\r\nends\r".to_vec(),
            b"a\0b".to_vec(),
            b"\xff\xfe not utf-8 \xe0".to_vec(),
            "Ho\u{300}a ke\u{301}p".into(),
            b"H\0a\0".to_vec(),
            b"\0H\0a\0l\0l\0o".to_vec(),
            b"\x01\x02\x03abc".to_vec(),
            b"tab\tform\x0cfeed\n".to_vec(),
            controls(10),
            controls(50),
            b"".to_vec(),
        ];
        for bytes in &inputs {
            let bytes = bytes.as_slice();
            match decode_in_place(bytes.to_vec()) {
                Ok((text, starters)) => {
                    assert_eq!(starters, crate::text::is_nfc_starters(&text));
                    assert_eq!(text.as_bytes(), bytes);
                    assert_eq!(decode(bytes), Some((text, "UTF-8")), "{bytes:?}");
                }
                Err(back) => {
                    assert_eq!(back, bytes);
                    assert!(
                        decode(bytes).is_none_or(|(t, _)| t.as_bytes() != bytes),
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_is_taken_in_place_as_the_standard_check_takes_it() {
        // Valid and broken sequences of every length, alone and inside
        // Vietnamese text long enough for the vector path.
        let pieces: [&[u8]; 14] = [
            "Đảng bộ quận Đống Đa ".as_bytes(),
            b"abc ",
            b"\xC3",
            b"\xC3\xA1",
            b"\xE1\xBA",
            b"\xE1\xBA\xA1",
            b"\xF0\x9F\x98\x80",
            b"\xF0\x9F\x98",
            b"\xC0\xAF",
            b"\xED\xA0\x80",
            b"\xF4\x90\x80\x80",
            b"\x80",
            b"\xFF",
            b"\n",
        ];
        let long = "Sáng 6/1, Đảng bộ quận Cầu Giấy tổ chức Hội nghị. ".repeat(4);
        for a in pieces {
            for b in pieces {
                for at in [0, 7, long.len()] {
                    let mut bytes = long.as_bytes()[..at].to_vec();
                    bytes.extend_from_slice(a);
                    bytes.extend_from_slice(b);
                    bytes.extend_from_slice(long.as_bytes());
                    let valid = std::str::from_utf8(&bytes).is_ok();
                    let taken = decode_in_place(bytes.clone()).is_ok();
                    assert!(!taken || valid, "{bytes:?}");
                    if valid {
                        assert!(taken, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn control_bytes_are_counted_as_one_by_one() {
        let by_byte = |bytes: &[u8]| {
            let head = &bytes[..bytes.len().min(BINARY_SAMPLE)];
            let controls = head
                .iter()
                .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
                .count();
            controls * 20 > head.len()
        };
        // Every byte value, in runs that cross the blocks counted at once,
        // and past the part of a file looked at.
        for every in [1, 2, 19, 20, 21, 255, 256] {
            for len in [0, 1, 254, 255, 256, 5000, BINARY_SAMPLE + 3000] {
                for b in 0..=255u8 {
                    let bytes: Vec<u8> = (0..len)
                        .map(|i| if i % every == 0 { b } else { b'x' })
                        .collect();
                    assert_eq!(
                        too_many_controls(&bytes),
                        by_byte(&bytes),
                        "{every} {len} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_doc_keeps_its_bytes_exactly() {
        for bytes in [
            "Tin tức Hà Nội\n".as_bytes(),
            b"CRLF\r\nline",
            "Ho\u{300}a".as_bytes(),
        ] {
            let Ok(doc) = raw_doc("x.txt", bytes.to_vec()) else {
                panic!("{bytes:?} is an article");
            };
            assert_eq!(doc.bytes(), bytes);
            assert_eq!(doc.starters, crate::text::is_nfc_starters(&doc.text));
        }
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (t, enc) = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(t, "abc");
        assert_eq!(enc, "UTF-8");
    }

    #[test]
    fn utf16le_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Đống Đa".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().0, "Đống Đa");
    }

    #[test]
    fn crlf_and_nfd_are_normalised() {
        let nfd = "Đo\u{302}\u{301}ng\r\nb\r";
        let (t, _) = decode(nfd.as_bytes()).unwrap();
        assert_eq!(t, "Đống\nb\n");
    }

    #[test]
    fn zero_heavy_binary_is_not_taken_for_utf16() {
        // Zeros on odd bytes like UTF-16 LE, but the "text" is control codes.
        let b: Vec<u8> = (0..400u32).flat_map(|i| [(i % 8) as u8 + 1, 0]).collect();
        assert!(decode(&b).is_none());
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0").is_none());
    }
}

//! write: pages -> output directory. Minify HTML, write everything into a
//! temporary directory beside the target, then swap it in, so a failed or
//! killed build leaves the previous site whole. One of the two stages that
//! touch the disk; it never decides content.

use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// A file of the site: a path relative to the output root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

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

fn minify(bytes: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(bytes, &cfg)
}

/// Write the site: `pages` plus a copy of `static_dir` (if it exists) into `output`.
pub fn write(pages: &[Page], static_dir: Option<&Path>, output: &Path) -> Result<usize> {
    check_output(output)?;
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    check_pages(pages)?;
    remove_stale_temps(output)?;
    let tmp = sibling(output, &format!("tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    let result = write_tree(pages, static_dir, &tmp).and_then(|n| swap_in(&tmp, output).map(|_| n));
    result.map_err(|e| {
        // Best effort: the error below is the one worth reporting.
        let _ = fs::remove_dir_all(&tmp);
        Error::Output {
            path: output.to_path_buf(),
            message: format!(
                "the new site could not be written ({e}); the previous site is left as it was"
            ),
        }
    })
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

/// The pid in a temp dir name `.<name>.tmp-<pid>` beside `output`.
fn temp_pid(output: &Path, file_name: &str) -> Option<u32> {
    let name = output.file_name()?.to_string_lossy().into_owned();
    file_name
        .strip_prefix(&format!(".{name}.tmp-"))?
        .parse()
        .ok()
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
        fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

fn write_tree(pages: &[Page], static_dir: Option<&Path>, tmp: &Path) -> Result<usize> {
    fs::create_dir_all(tmp).map_err(|e| Error::io(tmp, e))?;
    let mut count = 0;
    if let Some(dir) = static_dir.filter(|d| d.is_dir()) {
        for file in crate::load::files_under(dir)? {
            let rel = file.strip_prefix(dir).unwrap_or(&file);
            let dest = tmp.join(rel);
            if let Some(p) = dest.parent() {
                fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
            }
            fs::copy(&file, &dest).map_err(|e| Error::io(&file, e))?;
            count += 1;
        }
    }
    let mut dirs: Vec<PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent().map(|d| tmp.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    pages.par_iter().try_for_each(|page| {
        let dest = tmp.join(&page.path);
        let bytes = if page.path.ends_with(".html") {
            minify(&page.bytes)
        } else {
            page.bytes.clone()
        };
        fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))
    })?;
    count += pages.len();
    let marker = tmp.join(MARKER);
    fs::write(
        &marker,
        "written by civic-archive; safe to delete with the site\n",
    )
    .map_err(|e| Error::io(&marker, e))?;
    Ok(count)
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

#[cfg(test)]
mod tests {
    use super::*;

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

//! civic-archive: raw news articles about local government in, a browsable,
//! trustworthy static archive out.
//!
//! The pipeline runs one way: load → clean → extract → link → render → write.
//! Only `load` and `write` touch the filesystem; the stages between are pure
//! functions over owned data, run in parallel over articles where they can.

// A user's bad file must get a message naming it, never a panic.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod check;
pub mod clean;
pub mod config;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod link;
pub mod load;
pub mod model;
pub mod render;
pub mod search;
pub mod serve;
pub mod text;
pub mod write;

mod builder;
mod digest;
pub mod spill;
pub use builder::Builder;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::extract::Gazetteer;
use crate::link::Archive;
use crate::model::{Article, RawDoc};

/// `mi_option_purge_delay` in mimalloc.h (the same index in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tell mimalloc, when it is the global allocator (the binary and the
/// rebuild example make it so), to keep the memory a program frees rather
/// than hand it back to the kernel a moment later (1 s in mimalloc 3, the
/// version the `mimalloc` crate builds). A build frees hundreds of
/// megabytes at the end of each stage and chunk and allocates as much
/// again; every page handed back came back zeroed by the kernel, which was
/// about 6 % of a 10,000-article build's CPU (`clear_page_erms`). The cost:
/// the process keeps its peak memory until it exits.
pub fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's option values; any value is valid
    // for this option (-1: never purge).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Where a build reads and writes.
#[derive(Debug, Clone)]
pub struct Paths {
    pub content: PathBuf,
    pub output: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
}

/// What a finished build did, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub articles: usize,
    pub files: usize,
    pub seconds: f64,
    pub notices: Vec<String>,
    pub warnings: Vec<String>,
    /// Whether link ran. A rebuild whose articles all bring link what they
    /// brought last time (an edited sentence, not a changed fact) takes the
    /// last link's events, districts and people instead.
    pub linked: bool,
    /// How many article pages were made anew; the rest were kept as the
    /// last build wrote them, since nothing they show changed.
    pub article_pages_made: usize,
    /// How many district, person, list and home pages were made anew; the
    /// rest were kept, since nothing they show changed.
    pub listing_pages_made: usize,
    /// How many content files were read. A rebuilding builder does not read
    /// an article whose file and sidecar have the stamps (size, times,
    /// inode) they had when it last read them.
    pub files_read: usize,
}

/// The archive after load..link, with what load read, for `build` and `check`.
pub struct Analysis {
    pub raws: Vec<RawDoc>,
    pub archive: Archive,
    pub warnings: Vec<String>,
}

/// clean → extract (+ an editor's corrections) for one raw article. Pure.
pub fn process(raw: &RawDoc, gazetteer: &Gazetteer) -> std::result::Result<Article, String> {
    let doc = clean::clean(raw);
    let facts = extract::extract(&doc, gazetteer);
    let mut article = Article::assemble(doc, facts, raw.encoding);
    if let Some(c) = &raw.corrections {
        article.corrected = extract::apply_corrections(&mut article, c, gazetteer)?;
    }
    article.words = Some(render::data::body_words(article.body.held()));
    Ok(article)
}

/// load → clean → extract → link.
pub fn analyse(content: &Path) -> Result<Analysis> {
    let t = Instant::now();
    let loaded = load::load(content)?;
    stage("load", t);
    let gazetteer = Gazetteer::builtin();
    let results: Vec<std::result::Result<Article, Error>> = loaded
        .docs
        .par_iter()
        .map(|raw| {
            process(raw, &gazetteer).map_err(|message| Error::Sidecar {
                path: content.join(&raw.source_file).with_extension("toml"),
                message,
            })
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(e),
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(Error::Many(errors)),
    }
    stage("clean+extract", t);
    let archive = link::link(articles, loaded.pages, &gazetteer);
    stage("link", t);
    Ok(Analysis {
        raws: loaded.docs,
        archive,
        warnings: loaded.warnings,
    })
}

/// With `CIVIC_ARCHIVE_TIMINGS` set, print how long each stage took (cumulative
/// since `start`), for profiling a build without a profiler.
pub(crate) fn stage(name: &str, start: Instant) {
    if std::env::var_os("CIVIC_ARCHIVE_TIMINGS").is_some() {
        let known = |v: Option<String>| v.unwrap_or_else(|| "unknown".to_string());
        eprintln!(
            "timing: {name}: {:.3} s (process CPU so far: {}, memory now: {})",
            start.elapsed().as_secs_f64(),
            known(process_cpu().map(|s| format!("{s:.2} s"))),
            known(resident_mib().map(|m| format!("{m} MiB"))),
        );
    }
}

/// Resident memory of this process in MiB, from /proc (Linux); `None`
/// elsewhere. Only for the timing printout.
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// User plus system CPU time of this process, from /proc (Linux); `None`
/// elsewhere. Only for the timing printout.
fn process_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ');
    let utime: f64 = fields.nth(11)?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    // Linux reports in clock ticks, 100 per second on every mainstream kernel.
    Some((utime + stime) / 100.0)
}

/// The whole pipeline: analyse, render, write.
pub fn build(paths: &Paths, config: &Config) -> Result<BuildReport> {
    build_with_progress(paths, config, &|_, _| {})
}

/// `build`, telling `progress` how many article pages are rendered (for a
/// progress bar on a terminal).
pub fn build_with_progress(
    paths: &Paths,
    config: &Config,
    progress: render::Progress,
) -> Result<BuildReport> {
    Builder::new().build(paths, config, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_documents() {
        // Its default in mimalloc 3 is 1000 ms (`options.c`): a wrong index
        // would read another option's value.
        // SAFETY: reads one of mimalloc's option values.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            1000
        );
    }
}

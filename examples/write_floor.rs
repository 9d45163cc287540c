//! The cost of writing a built site's files and nothing else: read every
//! file of SITE into memory, then make its folders and write its files
//! into OUT on every core, as a build's write stage would with the bytes
//! in hand, and print the time. What a build of that site cannot go
//! below on this machine, whatever its own code costs.
//!
//!     cargo run --release --example write_floor -- SITE OUT [ROUNDS]
//!
//! OUT is removed before each round and left in place after the last.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(site), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: write_floor SITE OUT [ROUNDS]".into());
    };
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let site = PathBuf::from(site);
    let out = PathBuf::from(out);

    let mut folders: Vec<PathBuf> = Vec::new();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(&site).min_depth(1) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(&site)?.to_path_buf();
        if entry.file_type().is_dir() {
            folders.push(rel);
        } else {
            files.push((rel, fs::read(entry.path())?));
        }
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    eprintln!(
        "{} folders, {} files, {:.0} MB",
        folders.len(),
        files.len(),
        bytes as f64 / 1e6
    );

    for round in 1..=rounds {
        if out.exists() {
            fs::remove_dir_all(&out)?;
        }
        let start = Instant::now();
        fs::create_dir_all(&out)?;
        // Each folder after its parent: walkdir lists a folder before what
        // is in it, and folders of one depth are made in parallel.
        let mut by_depth: Vec<Vec<&Path>> = Vec::new();
        for f in &folders {
            let depth = f.components().count();
            if by_depth.len() < depth {
                by_depth.resize(depth, Vec::new());
            }
            by_depth[depth - 1].push(f);
        }
        for level in &by_depth {
            level
                .par_iter()
                .try_for_each(|f| fs::create_dir(out.join(f)))?;
        }
        files
            .par_iter()
            .try_for_each(|(rel, data)| fs::write(out.join(rel), data))?;
        println!("round {round}: {:.3} s", start.elapsed().as_secs_f64());
    }
    Ok(())
}

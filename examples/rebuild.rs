//! Measure an incremental rebuild, as `serve` does one: build CONTENT into
//! OUTPUT, append a sentence to one article, rebuild with the same builder
//! (which keeps the processed articles), and print both times.
//!
//!     cargo run --release --example rebuild -- CONTENT OUTPUT [ROUNDS]
//!
//! The article is restored afterwards. `bench/run.sh` runs this.

use std::path::PathBuf;
use std::time::Instant;

use civic_archive::config::Config;

/// The allocator the `civic-archive` binary uses, so the times match `serve`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use civic_archive::{Builder, Paths};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    civic_archive::keep_freed_memory();
    let mut args = std::env::args().skip(1);
    let (Some(content), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: rebuild CONTENT OUTPUT [ROUNDS]".into());
    };
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);
    let content = PathBuf::from(content);
    let paths = Paths {
        content: content.clone(),
        output: PathBuf::from(output),
        templates: PathBuf::from("templates"),
        static_dir: PathBuf::from("static"),
    };
    let config = Config::default();
    let mut builder = Builder::incremental();
    let t = Instant::now();
    builder.build(&paths, &config, &|_, _| {})?;
    let full = t.elapsed().as_secs_f64();

    // The middle article of the archive, so neither end is favoured.
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let victim = files.get(files.len() / 2).ok_or("no articles")?.clone();
    let original = std::fs::read(&victim)?;
    let mut times = Vec::new();
    for round in 0..rounds {
        let mut text = original.clone();
        text.extend_from_slice(
            format!("\nCâu thêm lần {round} để đo thời gian xây dựng lại.\n").as_bytes(),
        );
        std::fs::write(&victim, &text)?;
        let t = Instant::now();
        let result = builder.build(&paths, &config, &|_, _| {});
        times.push(t.elapsed().as_secs_f64());
        if let Err(e) = result {
            std::fs::write(&victim, &original)?;
            return Err(e.into());
        }
    }
    std::fs::write(&victim, &original)?;
    times.sort_by(f64::total_cmp);
    println!(
        "full {:.3} s; rebuild after one article changed: median {:.3} s, best {:.3} s ({} rounds)",
        full,
        times[times.len() / 2],
        times[0],
        rounds
    );
    Ok(())
}

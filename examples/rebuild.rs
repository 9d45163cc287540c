//! Measure an incremental rebuild, as `serve` does one: build CONTENT into
//! OUTPUT, add a sentence to one article's body, rebuild with the same builder
//! (which keeps the processed articles), and print both times. Then the
//! same with a sentence that brings the article a new fact (an event it
//! mentions), which link must place: a second line of times.
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
    // Sentences go at the end of the paragraph that ends first after the
    // middle of the file: in the body, as an edit is. Appended to the file
    // they would move the byline and the site's footer off its end, and as
    // a paragraph of their own they would renumber the paragraphs after
    // them, which the facts' evidence cites: either changes the facts the
    // first time.
    let at = memchr::memmem::find(&original[original.len() / 2..], b"\n\n")
        .map_or(original.len(), |i| original.len() / 2 + i);
    let mut rebuild =
        |sentence: &dyn Fn(usize) -> String| -> Result<(Vec<f64>, usize, usize), Box<dyn std::error::Error>> {
            let mut times = Vec::new();
            let mut linked = 0;
            let mut made = 0;
            for round in 0..rounds {
                let mut text = original[..at].to_vec();
                text.extend_from_slice(format!(" {}", sentence(round)).as_bytes());
                text.extend_from_slice(&original[at..]);
                std::fs::write(&victim, &text)?;
                let t = Instant::now();
                let result = builder.build(&paths, &config, &|_, _| {});
                times.push(t.elapsed().as_secs_f64());
                match result {
                    Ok(report) => {
                        linked += usize::from(report.linked);
                        made = made.max(report.article_pages_made);
                    }
                    Err(e) => {
                        std::fs::write(&victim, &original)?;
                        return Err(e.into());
                    }
                }
            }
            times.sort_by(f64::total_cmp);
            Ok((times, linked, made))
        };
    let (edited, edited_linked, edited_made) =
        rebuild(&|round| format!("Câu thêm lần {round} để đo thời gian xây dựng lại."))?;
    // A plenum of the Hoàn Kiếm committee, numbered by the round: a new
    // event for the article, and for the archive.
    let (fact, fact_linked, fact_made) = rebuild(&|round| {
        format!(
            "Ngày 5/3/2021, Hội nghị lần thứ {} Ban Chấp hành Đảng bộ quận Hoàn Kiếm khóa XIII được tổ chức.",
            40 + round
        )
    })?;
    std::fs::write(&victim, &original)?;
    println!(
        "full {:.3} s; rebuild after one article changed: median {:.3} s, best {:.3} s ({} rounds, link ran in {}, at most {} article pages made)",
        full,
        edited[edited.len() / 2],
        edited[0],
        rounds,
        edited_linked,
        edited_made
    );
    println!(
        "rebuild after one article's facts changed: median {:.3} s, best {:.3} s ({} rounds, link ran in {}, at most {} article pages made)",
        fact[fact.len() / 2],
        fact[0],
        rounds,
        fact_linked,
        fact_made
    );
    Ok(())
}

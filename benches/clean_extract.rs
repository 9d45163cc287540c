//! clean + extract of one article (`civic_archive::process`), on each seed
//! in `content/` and on one generated article of each outlet's length.
//!
//!     cargo bench --bench clean_extract
//!
//! This is the per-article cost the whole build multiplies by N; the other
//! stages (load, link, render, write) are measured end to end by bench/run.sh.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use civic_archive::extract::Gazetteer;
use civic_archive::model::RawDoc;

fn raw(source_file: String, bytes: Vec<u8>) -> RawDoc {
    let (text, encoding) = civic_archive::load::decode(&bytes).expect("seed articles are text");
    RawDoc {
        source_file,
        source_bytes: Some(bytes),
        starters: civic_archive::text::is_nfc_starters(&text),
        text,
        encoding,
        corrections: None,
    }
}

fn seeds() -> Vec<RawDoc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("content/ holds the seed articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            raw(
                name.unwrap_or_default(),
                std::fs::read(&p).expect("readable seed"),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let gazetteer = Gazetteer::builtin();
    let mut group = c.benchmark_group("process");
    let generated = (0..3).map(|i| {
        let g = civic_archive::corpus::article(1, i);
        raw(format!("generated-{i}"), g.text.into_bytes())
    });
    for doc in seeds().into_iter().chain(generated) {
        group.throughput(Throughput::Bytes(doc.bytes().len() as u64));
        group.bench_function(doc.source_file.clone(), |b| {
            b.iter(|| civic_archive::process(black_box(&doc), &gazetteer))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

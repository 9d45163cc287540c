//! The fuzz targets' checks without libFuzzer: every crash the fuzzer ever
//! found (tests/fixtures/robust/fuzz/), the seeds, and a short bounded run
//! of seeded mutations, so `cargo test` keeps them fixed on stable Rust.
//!
//! A crash found by `scripts/fuzz.sh` becomes a regression test by copying
//! its artifact into tests/fixtures/robust/fuzz/ (for the `sidecar` target:
//! the article as `<name>.txt` and the sidecar as `<name>.toml`).

#[path = "../fuzz/common.rs"]
mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file());
    v.sort();
    v
}

fn seeds() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = files_in(&manifest().join("content"))
        .into_iter()
        .chain(files_in(
            &manifest().join("tests/fixtures/robust/encodings"),
        ))
        .map(|p| fs::read(p).unwrap())
        .collect();
    v.push(Vec::new());
    v
}

#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = manifest().join("tests/fixtures/robust/fuzz");
    for p in files_in(&dir) {
        let bytes = fs::read(&p).unwrap();
        match p.extension().and_then(|e| e.to_str()) {
            Some("toml") => {
                let article = fs::read(p.with_extension("txt")).unwrap_or_default();
                common::check_sidecar(&article, &String::from_utf8_lossy(&bytes));
            }
            _ => {
                common::check_decode(&bytes);
                common::check_pipeline(&bytes);
            }
        }
    }
}

#[test]
fn seeds_pass_every_check() {
    for s in seeds() {
        common::check_decode(&s);
        common::check_pipeline(&s);
        common::check_sidecar(&s, "title = \"Tiêu đề sửa\"\n");
    }
}

/// xorshift64*: deterministic, so a failure here reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that sit on decoding edges: BOMs, NUL, CR, legacy letters,
/// UTF-8 lead bytes, combining marks, HTML and template syntax.
const SPICE: &[&[u8]] = &[
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\0",
    b"\r",
    b"\r\n",
    b"\xA7\xE8ng",
    b"\xD1o\xE1ng",
    b"\xCC\xEC\xD2\xDE\xF2",
    b"\xC3",
    b"\xE1\xBB",
    b"\xCC\x81\xCC\x81",
    b"</script>",
    b"{{ x }}{% if %}",
    b"=cmd|' /C calc'!A0",
    b"../../",
    b"\n\n\n",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        match rng.below(5) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            1 => {
                let s = SPICE[rng.below(SPICE.len())];
                let i = rng.below(b.len() + 1);
                b.splice(i..i, s.iter().copied());
            }
            2 if !b.is_empty() => {
                let i = rng.below(b.len());
                b.truncate(i);
            }
            3 if b.len() > 2 => {
                let i = rng.below(b.len() - 1);
                let j = i + rng.below(b.len() - i);
                b.drain(i..j);
            }
            _ => {
                let len = rng.below(64);
                b.extend((0..len).map(|_| rng.next() as u8));
            }
        }
    }
    b
}

/// A bounded, libFuzzer-free fuzz run: a fixed number of mutated seeds
/// (each through the whole pipeline, render included), deterministic so a
/// failure reproduces; set ROBUST_FUZZ_SECONDS for a longer timed run.
#[test]
fn bounded_mutation_run() {
    let timed: Option<u64> = std::env::var("ROBUST_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let (budget, max_runs) = match timed {
        Some(secs) => (secs, 200_000),
        None => (600, 150),
    };
    let seeds: Vec<Vec<u8>> = seeds()
        .into_iter()
        // Short seeds keep a debug build fast: the first 4 KB of each.
        .map(|s| s[..s.len().min(4096)].to_vec())
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let mut runs = 0;
    while started.elapsed() < Duration::from_secs(budget) && runs < max_runs {
        let seed = rng.below(seeds.len());
        let input = mutate(&mut rng, &seeds[seed]);
        let r = std::panic::catch_unwind(|| {
            common::check_decode(&input);
            common::check_pipeline(&input);
        });
        if r.is_err() {
            let path = std::env::temp_dir().join(format!("robust-fuzz-crash-{runs}.bin"));
            fs::write(&path, &input).unwrap();
            panic!("crash after {runs} runs; input saved to {}", path.display());
        }
        runs += 1;
    }
    eprintln!("bounded fuzz: {runs} inputs in {:?}", started.elapsed());
    assert!(runs >= max_runs.min(100), "only {runs} inputs ran");
}

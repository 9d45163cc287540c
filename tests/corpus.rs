//! The corpus generator: deterministic, seed-like, and buildable.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use civic_archive::corpus::{self, article, district_names, PER_FOLDER};

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn same_count_and_seed_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    corpus::generate(120, 42, &a).unwrap();
    corpus::generate(120, 42, &b).unwrap();
    corpus::generate(120, 43, &c).unwrap();
    let (fa, fb, fc) = (files(&a), files(&b), files(&c));
    assert_eq!(fa.len(), 120);
    assert_eq!(fa, fb, "same (n, seed) must give the same bytes");
    assert_ne!(fa, fc, "another seed must give another corpus");
}

#[test]
fn a_larger_corpus_starts_with_the_smaller_one() {
    // Article i depends only on (seed, i): 1k is a prefix of 10k, so
    // numbers at different sizes measure the same kind of text.
    for i in [0, 1, 57, 999] {
        assert_eq!(article(9, i), article(9, i));
    }
    let dir = tempfile::tempdir().unwrap();
    corpus::generate(30, 9, &dir.path().join("small")).unwrap();
    let small = files(&dir.path().join("small"));
    for (i, (path, bytes)) in small.iter().enumerate() {
        let g = article(9, i);
        assert_eq!(path, &PathBuf::from(format!("{}.txt", g.stem)));
        assert_eq!(bytes, g.text.as_bytes());
    }
}

#[test]
fn folders_hold_at_most_a_thousand_articles() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    corpus::generate(PER_FOLDER + 5, 1, &out).unwrap();
    let mut per_folder: BTreeMap<String, usize> = BTreeMap::new();
    for path in files(&out).keys() {
        let folder = path.parent().unwrap().to_string_lossy().into_owned();
        *per_folder.entry(folder).or_default() += 1;
    }
    assert_eq!(per_folder.len(), 2, "{per_folder:?}");
    assert_eq!(per_folder["000"], PER_FOLDER);
    assert_eq!(per_folder["001"], 5);
}

#[test]
fn refuses_a_directory_with_files_in_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mine.txt"), "keep me").unwrap();
    let err = corpus::generate(3, 1, dir.path()).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("mine.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn articles_look_like_the_seeds() {
    let all: Vec<_> = (0..2000).map(|i| article(1, i)).collect();
    let text = |needle: &str| all.iter().filter(|g| g.text.contains(needle)).count();

    // Every district is the subject of some article.
    let subjects: BTreeSet<&str> = all.iter().map(|g| g.districts[0].as_str()).collect();
    for d in district_names() {
        assert!(subjects.contains(d), "no article about {d}");
    }
    // The furniture the cleaner removes, each in a fair share of articles.
    for noise in [
        "TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN",
        "\nChia sẻ\n",
        "Kinhtedothi - ",
        "Ngày đăng ",
        "| Lượt xem: ",
        "????????????",
        "Tin đọc nhiều",
        "SĐT: 0243.9421865",
        "@gmail.com",
        "\nhttps://laodongthudo.vn/",
    ] {
        assert!(text(noise) > 100, "too few articles with {noise:?}");
    }
    // Events, ordinals in three notations, terms, documents, figures, dates.
    for fact in [
        "Đại hội",
        "Hội nghị Ban Chấp hành",
        "năm Ngày thành lập Đảng",
        "sơ kết",
        "tổng kết",
        "lần thứ X",
        "lần thứ Mười",
        "lần thứ 2",
        "2010",
        "2015 - 2020",
        "2020-2025",
        "-CT/TW ngày ",
        " tỷ đồng",
        "%",
        "Từ ngày ",
        "Sáng nay (",
        "Bí thư Quận ủy",
        "Bí thư Huyện ủy",
        "Quận uỷ",
    ] {
        assert!(text(fact) > 20, "too few articles with {fact:?}");
    }
    // Sizes like the seeds (6–12 KB), spread over 2–20 KB.
    let sizes: Vec<usize> = all.iter().map(|g| g.text.len()).collect();
    assert!(sizes.iter().all(|s| (2_000..=20_000).contains(s)));
    let mid = sizes
        .iter()
        .filter(|s| (4_000..=12_000).contains(*s))
        .count();
    assert!(mid > all.len() / 2, "{mid} of {}", all.len());
    assert!(sizes.iter().any(|s| *s < 4_000) && sizes.iter().any(|s| *s > 14_000));
}

#[test]
fn some_articles_share_a_headline_and_an_event() {
    let all: Vec<_> = (0..1000).map(|i| article(1, i)).collect();
    let mut by_title: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for g in &all {
        *by_title
            .entry((g.title.as_str(), g.date.as_str(), g.districts[0].as_str()))
            .or_default() += 1;
    }
    let repeated: usize = by_title.values().filter(|n| **n > 1).map(|n| n - 1).sum();
    // About 7% are second reports of an earlier article's event.
    assert!((30..=120).contains(&repeated), "{repeated} repeats");
}

#[test]
fn hugo_pages_carry_the_same_text_and_front_matter() {
    let g = article(5, 3);
    let md = g.hugo_markdown();
    assert!(md.starts_with("+++\ntitle = \""), "{md}");
    assert!(md.contains(&format!("\ndate = {}\n", g.date)));
    assert!(md.contains(&format!("districts = [\"{}\"", g.districts[0])));
    for line in g.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(md.contains(line), "missing line {line:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    corpus::generate_hugo(4, 5, dir.path()).unwrap();
    let written = files(dir.path());
    let path = PathBuf::from(format!("{}.md", g.stem));
    assert_eq!(written[&path], md.as_bytes());
}

#[test]
fn a_generated_corpus_builds() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    corpus::generate(60, 3, &content).unwrap();
    let paths = civic_archive::Paths {
        content,
        output: dir.path().join("public"),
        templates: dir.path().join("templates"),
        static_dir: dir.path().join("static"),
    };
    let config = civic_archive::config::Config::default();
    let report = civic_archive::build(&paths, &config).unwrap();
    assert_eq!(report.articles, 60);
}

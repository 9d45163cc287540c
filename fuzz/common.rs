//! The checks each fuzz target runs, shared with `tests/robust_fuzz.rs`
//! (which replays every crash the fuzzer found, and seeds, without
//! libFuzzer). A check panics on a broken invariant; a panic anywhere in
//! load, clean or extract is a crash.

// Each target and the regression test use only some of the checks.
#![allow(dead_code)]

use civic_archive::extract::Gazetteer;
use civic_archive::load;
use unicode_normalization::is_nfc;

/// load's decoder: text out is NFC, with `\n` line ends and no NUL.
pub fn check_decode(bytes: &[u8]) {
    if let Some((text, encoding)) = load::decode(bytes) {
        assert!(!text.contains('\r'), "CR left in text ({encoding})");
        assert!(!text.contains('\0'), "NUL left in text ({encoding})");
        assert!(is_nfc(&text), "text not NFC ({encoding})");
        assert!(!encoding.is_empty());
    }
}

/// load -> clean -> extract -> link -> data export, on one file's bytes.
pub fn check_pipeline(bytes: &[u8]) {
    let Ok(raw) = load::raw_doc("fuzz.txt", bytes.to_vec()) else {
        return;
    };
    let gazetteer = Gazetteer::builtin();
    let Ok(article) = civic_archive::process(&raw, &gazetteer) else {
        return;
    };
    check_article(article, &raw);
}

/// The same, with an editor's sidecar file beside the article.
pub fn check_sidecar(bytes: &[u8], sidecar: &str) {
    let Ok(mut raw) = load::raw_doc("fuzz.txt", bytes.to_vec()) else {
        return;
    };
    let Ok(corrections) = load::parse_corrections(std::path::Path::new("fuzz.toml"), sidecar)
    else {
        return;
    };
    raw.corrections = Some(corrections);
    let gazetteer = Gazetteer::builtin();
    if let Ok(article) = civic_archive::process(&raw, &gazetteer) {
        check_article(article, &raw);
    }
}

fn check_article(article: civic_archive::model::Article, raw: &civic_archive::model::RawDoc) {
    let archive = civic_archive::link::link(vec![article], Vec::new(), &Gazetteer::builtin());
    let a = &archive.articles[0];
    assert!(
        !a.id.is_empty()
            && a.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "slug {:?} is not a safe path segment",
        a.id
    );
    // The whole render, so the fuzzer also reaches the templates.
    let pages = civic_archive::render::render(
        &archive,
        std::slice::from_ref(raw),
        &civic_archive::config::Config::default(),
        None,
        &|_, _| {},
    )
    .expect("render never fails on content");
    let json = pages
        .iter()
        .find(|p| p.path == "du-lieu/articles.json")
        .expect("articles.json is rendered");
    let parsed: serde_json::Value =
        serde_json::from_slice(&json.bytes).expect("articles.json parses");
    assert_eq!(
        parsed["articles"][0]["source_file"],
        raw.source_file.as_str()
    );
    for p in &pages {
        assert!(
            !p.path.starts_with('/') && !p.path.split('/').any(|s| s == ".."),
            "page path {:?} leaves the output",
            p.path
        );
    }
}

//! Issue 5: event identity across articles, conflict reporting, ordering,
//! built from fixture articles written for it (tests/fixtures/archive/).

use std::path::{Path, PathBuf};

use civic_archive::config::Config;
use civic_archive::model::{EventKind, Precision};
use civic_archive::{analyse, build, Paths};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive")
}

#[test]
fn two_articles_about_one_congress_make_one_event_with_the_range() {
    let analysis = analyse(&fixtures()).unwrap();
    let congresses: Vec<_> = analysis
        .archive
        .events
        .iter()
        .filter(|e| {
            e.kind == EventKind::Congress
                && e.district.as_deref() == Some("Cầu Giấy")
                && e.ordinal == Some(26)
        })
        .collect();
    assert_eq!(congresses.len(), 1, "{congresses:#?}");
    let e = congresses[0];
    assert_eq!(e.start.as_deref(), Some("2020-06-10"));
    assert_eq!(e.end.as_deref(), Some("2020-06-12"));
    assert_eq!(e.precision, Some(Precision::Day));
    assert_eq!(
        e.sources,
        vec![
            "cau-giay-dai-hoi-khai-mac.txt",
            "cau-giay-mot-nam-nghi-quyet.txt"
        ]
    );
    assert!(e.conflicts.is_empty(), "{:?}", e.conflicts);
}

#[test]
fn two_articles_that_disagree_on_the_day_are_one_event_with_a_conflict() {
    let analysis = analyse(&fixtures()).unwrap();
    let plenums: Vec<_> = analysis
        .archive
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Plenum && e.district.as_deref() == Some("Tây Hồ"))
        .collect();
    assert_eq!(plenums.len(), 1, "{plenums:#?}");
    assert_eq!(plenums[0].ordinal, Some(5));
    assert_eq!(plenums[0].sources.len(), 2);
    assert_eq!(plenums[0].conflicts.len(), 1, "{:?}", plenums[0].conflicts);
    assert!(
        analysis
            .archive
            .notices
            .iter()
            .any(|n| n.contains("2021-07-03") && n.contains("2021-07-04")),
        "{:?}",
        analysis.archive.notices
    );
}

#[test]
fn events_json_is_in_date_order_and_districts_are_kept_apart() {
    let out = tempfile::tempdir().unwrap();
    let paths = Paths {
        content: fixtures(),
        output: out.path().join("site"),
        templates: out.path().join("no-templates"),
        static_dir: out.path().join("no-static"),
    };
    build(&paths, &Config::default()).unwrap();
    let text = std::fs::read_to_string(paths.output.join("du-lieu/events.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let events = json["events"].as_array().unwrap();
    let dated: Vec<&str> = events.iter().filter_map(|e| e["start"].as_str()).collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted, "events.json is not in date order");
    let districts_of = |kind: &str| -> Vec<&str> {
        events
            .iter()
            .filter(|e| e["kind"] == kind && e["level"] == "district")
            .filter_map(|e| e["district"].as_str())
            .collect()
    };
    assert!(districts_of("ceremony").contains(&"Long Biên"));
    assert!(!districts_of("congress").contains(&"Long Biên"));
    // Congress (2020) before plenum (2021) before ceremony (2022).
    let pos = |kind: &str, d: &str| {
        events
            .iter()
            .position(|e| e["kind"] == kind && e["district"] == d)
            .unwrap()
    };
    assert!(pos("congress", "Cầu Giấy") < pos("plenum", "Tây Hồ"));
    assert!(pos("plenum", "Tây Hồ") < pos("ceremony", "Long Biên"));
}

#[test]
fn a_build_without_a_static_folder_still_gets_the_stylesheet_and_script() {
    let out = tempfile::tempdir().unwrap();
    let mut paths = Paths {
        content: fixtures(),
        output: out.path().join("site"),
        templates: out.path().join("no-templates"),
        static_dir: out.path().join("no-static"),
    };
    build(&paths, &Config::default()).unwrap();
    let css = std::fs::read_to_string(paths.output.join("style.css")).unwrap();
    assert!(
        css.contains("body"),
        "built-in stylesheet missing: {css:.80}"
    );
    assert!(paths.output.join("timeline.js").is_file());

    // A file in the static folder replaces the built-in one of its name;
    // the others stay.
    let own = out.path().join("own-static");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("style.css"), "main{color:red}").unwrap();
    paths.static_dir = own;
    build(&paths, &Config::default()).unwrap();
    let css = std::fs::read_to_string(paths.output.join("style.css")).unwrap();
    assert_eq!(css.trim(), "main{color:red}");
    assert!(paths.output.join("timeline.js").is_file());
}

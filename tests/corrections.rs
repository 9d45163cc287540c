//! Issue 4, acceptance 3: an editor's sidecar correction shows on the page,
//! in articles.json and in events.json, marked as a correction.

use std::path::Path;

use civic_archive::config::Config;
use civic_archive::{build, Paths};
use serde_json::Value;

#[test]
fn a_sidecar_correction_reaches_page_and_exports_marked_as_editorial() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        content: root.join("tests/fixtures/corrections"),
        output: dir.path().join("site"),
        templates: root.join("templates"),
        static_dir: root.join("static"),
    };
    build(&paths, &Config::default()).unwrap();
    let read = |p: &str| std::fs::read_to_string(paths.output.join(p)).unwrap();

    let articles: Value = serde_json::from_str(&read("du-lieu/articles.json")).unwrap();
    let a = &articles["articles"][0];
    // The text says only "Ngày 15/6": without the sidecar there is no year.
    assert_eq!(a["event"]["start"], "2020-06-15");
    assert_eq!(a["event"]["end"], "2020-06-17");
    assert_eq!(a["event"]["source"], "editor");
    let corrected: Vec<&str> = a["corrected"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        corrected.contains(&"event.start") && corrected.contains(&"event.end"),
        "{corrected:?}"
    );

    let events: Value = serde_json::from_str(&read("du-lieu/events.json")).unwrap();
    let e = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "congress" && e["district"] == "Thanh Xuân")
        .unwrap();
    assert_eq!(e["start"], "2020-06-15");
    assert_eq!(e["end"], "2020-06-17");
    assert_eq!(e["source"], "editor");

    let page = read(&format!(
        "{}index.html",
        a["url"].as_str().unwrap().trim_start_matches('/')
    ));
    assert!(
        page.contains("15–17/6/2020") || page.contains("15-17/6/2020"),
        "corrected dates not on the page"
    );
    assert!(
        page.contains("biên tập viên sửa"),
        "the correction is not marked on the page"
    );
    let timeline = read("dong-thoi-gian/index.html");
    assert!(
        timeline.contains("biên tập viên sửa"),
        "the correction is not marked on the timeline"
    );
}

#[test]
fn a_sidecar_with_an_unknown_key_names_the_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("a.txt"),
        "Tiêu đề\n\nNgày 5/4/2018, Quận ủy Ba Đình tổ chức Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 12.\n",
    )
    .unwrap();
    std::fs::write(content.join("a.toml"), "[event]\nstrat = \"2018-04-05\"\n").unwrap();
    let paths = Paths {
        content: content.clone(),
        output: dir.path().join("site"),
        templates: dir.path().join("none"),
        static_dir: dir.path().join("none"),
    };
    let err = build(&paths, &Config::default()).unwrap_err().to_string();
    assert!(err.contains("a.toml") && err.contains("strat"), "{err}");

    std::fs::write(content.join("a.toml"), "[event]\nstart = \"5/4/2018\"\n").unwrap();
    let err = build(&paths, &Config::default()).unwrap_err().to_string();
    assert!(
        err.contains("a.toml") && err.contains("event.start"),
        "{err}"
    );
    assert!(!paths.output.exists(), "nothing written on a bad sidecar");
}

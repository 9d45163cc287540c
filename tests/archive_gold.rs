//! Issue 5, acceptance 1: events.json for the seeds holds each required event
//! of ../shared/gold/seeds.json with its dates, and no real event twice.

use std::path::{Path, PathBuf};

use civic_archive::config::Config;
use civic_archive::{build, Paths};
use serde_json::Value;

fn gold() -> Option<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/seeds.json");
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(serde_json::from_str(&t).unwrap()),
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{}: {e}",
                path.display()
            );
            eprintln!("skipped: {} not readable ({e})", path.display());
            None
        }
    }
}

fn built_events() -> Vec<Value> {
    let out = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let paths = Paths {
        content: root.join("content"),
        output: out.path().join("site"),
        templates: root.join("templates"),
        static_dir: root.join("static"),
    };
    build(&paths, &Config::default()).unwrap();
    let text = std::fs::read_to_string(paths.output.join("du-lieu/events.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["events"].as_array().unwrap().clone()
}

fn matches(event: &Value, want: &Value) -> bool {
    let same = |k: &str| {
        want.get(k)
            .is_none_or(|w| event.get(k).unwrap_or(&Value::Null) == w)
    };
    let year_ok = want.get("year").is_none_or(|y| {
        event["start"]
            .as_str()
            .and_then(|s| s.get(..4))
            .map(|s| s.to_string())
            == y.as_i64().map(|y| y.to_string())
    });
    same("kind") && same("district") && same("ordinal") && same("level") && year_ok
}

#[test]
fn every_required_event_is_there_once_with_its_dates() {
    let Some(gold) = gold() else { return };
    let events = built_events();
    for want in gold["events_required"].as_array().unwrap() {
        let found: Vec<&Value> = events.iter().filter(|e| matches(e, want)).collect();
        assert_eq!(
            found.len(),
            1,
            "want exactly one event like {want}, found {found:#?}"
        );
        let e = found[0];
        for k in ["start", "end"] {
            if let Some(w) = want.get(k) {
                assert_eq!(&e[k], w, "{k} of {want}");
            }
        }
        for s in want["sources"].as_array().unwrap() {
            assert!(
                e["sources"].as_array().unwrap().contains(s),
                "{s} not a source of {e}"
            );
        }
    }
}

#[test]
fn no_real_event_twice() {
    if gold().is_none() {
        return;
    }
    let events = built_events();
    let mut keys: Vec<String> = events
        .iter()
        .filter(|e| !e["ordinal"].is_null())
        .map(|e| {
            format!(
                "{}|{}|{}|{}|{}",
                e["level"],
                e["district"],
                e["kind"],
                e["ordinal"],
                if e["kind"] == "plenum" {
                    e["term_number"].to_string()
                } else {
                    String::new()
                }
            )
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "an event appears twice in events.json");
}

#[test]
fn bonus_events_found() {
    let Some(gold) = gold() else { return };
    let events = built_events();
    let found = gold["events_bonus"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|want| events.iter().any(|e| matches(e, want)))
        .count();
    eprintln!(
        "bonus events found: {found}/{}",
        gold["events_bonus"].as_array().unwrap().len()
    );
    assert!(found >= 2, "only {found} bonus events found");
}

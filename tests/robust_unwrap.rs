//! No `unwrap()` / `expect()` on a path a user's file can reach: a bad file
//! must give a message naming it, never a panic. Test code may unwrap.
//!
//! `lib.rs` also denies clippy's `unwrap_used` / `expect_used` outside
//! tests; this grep covers `main.rs` too and names each offender.

use std::fs;
use std::path::Path;

/// The one reviewed exception: compiling the program's own literal regex
/// patterns (`text::static_regex`), which the unit tests all exercise.
const ALLOWED: &str = "#[allow(clippy::expect_used)]";

/// Lines of `text` outside `#[cfg(test)]` items and the reviewed exception,
/// with their line numbers.
fn non_test_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") || t.starts_with(ALLOWED) {
            // Skip the item that follows, up to its closing brace.
            let mut depth = 0i32;
            let mut opened = false;
            for (_, l) in lines.by_ref() {
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                if opened && depth <= 0 {
                    break;
                }
            }
            continue;
        }
        out.push((n + 1, line));
    }
    out
}

fn offenders(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        for (n, line) in non_test_lines(&text) {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(".unwrap()") || code.contains(".expect(") {
                found.push(format!("{}:{n}: {}", entry.path().display(), line.trim()));
            }
        }
    }
    found
}

/// The exception stays one function, the regex constructor.
#[test]
fn the_only_allowed_expect_is_the_static_regex_constructor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut allowed = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.trim_start().starts_with(ALLOWED) {
                allowed.push(
                    lines
                        .get(i + 1)
                        .map(|n| n.trim().to_string())
                        .unwrap_or_default(),
                );
            }
        }
    }
    assert_eq!(
        allowed,
        vec!["pub fn static_regex(pattern: &str) -> Regex {".to_string()]
    );
}

#[test]
fn no_unwrap_or_expect_outside_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = offenders(&src);
    assert!(
        found.is_empty(),
        "unwrap()/expect() outside tests:\n{}",
        found.join("\n")
    );
}

/// The checker itself finds an unwrap, and ignores one inside a test module.
#[test]
fn the_checker_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("x.rs"),
        "fn a() { b().unwrap(); }\n#[cfg(test)]\nmod tests {\n    fn t() { c().expect(\"x\"); }\n}\nfn d() { e().expect(\"y\"); }\n",
    )
    .unwrap();
    let found = offenders(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("x.rs:1: fn a() { b().unwrap(); }"));
    assert!(found[1].contains("x.rs:6:"));
}

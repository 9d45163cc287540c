//! Every page of the built seeds passes the Nu HTML Checker (vnu).
//!
//! `.ci/run` installs the checker (npm package `vnu-jar`) and sets
//! `VNU_JAR`. Without the jar or Java the test says why and skips — except
//! under `CI=true`, where a missing checker is a failure, not a pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use civic_archive::config::Config;
use civic_archive::{build, Paths};

fn skip_or_fail(reason: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the HTML checker cannot run: {reason}");
    }
    eprintln!("skipping the Nu HTML Checker: {reason} (set VNU_JAR, or run .ci/run)");
}

fn vnu_jar() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VNU_JAR").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/vnu-jar/build/dist/vnu.jar")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = vnu_jar() else {
        return skip_or_fail("no vnu.jar (VNU_JAR unset or not a file)");
    };
    if Command::new("java").arg("-version").output().is_err() {
        return skip_or_fail("no `java` on PATH");
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut config = Config::default();
    config.set_base_url("https://example.org/archive/").unwrap();
    let paths = Paths {
        content: repo.join("content"),
        output: out.clone(),
        templates: repo.join("templates"),
        static_dir: repo.join("static"),
    };
    build(&paths, &config).unwrap();
    // The escaping fixture too: hostile text must not make a page invalid.
    let xss_out = dir.path().join("xss");
    let xss = Paths {
        content: repo.join("tests/fixtures/site/xss"),
        output: xss_out.clone(),
        ..paths
    };
    build(&xss, &config).unwrap();

    let run = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--also-check-css"])
        .arg(&out)
        .arg(&xss_out)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "the Nu HTML Checker found errors:\n{report}"
    );
}

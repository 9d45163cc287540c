//! The command line as an editor uses it.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_civic-archive"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn version_and_help() {
    let v = bin().arg("--version").output().unwrap();
    assert!(v.status.success());
    assert!(String::from_utf8_lossy(&v.stdout).contains(env!("CARGO_PKG_VERSION")));
    let h = bin().arg("--help").output().unwrap();
    let h = String::from_utf8_lossy(&h.stdout);
    assert!(h.contains("build") && h.contains("check"), "{h}");
}

#[test]
fn a_bad_config_key_is_named_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("archive.toml");
    fs::write(&cfg, "titel = \"x\"\n").unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["build", "--content"])
        .arg(repo().join("content"))
        .args(["--output", "public"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("titel") && err.contains("archive.toml"),
        "{err}"
    );
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn build_prints_one_summary_line_and_no_bar_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["build", "--content"])
        .arg(repo().join("content"))
        .args([
            "--output",
            "site",
            "--base-url",
            "https://example.org/archive/",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("built 5 articles"), "{stdout}");
    // Built-in templates are used where there is no templates/ folder.
    let home = fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(home.contains("/archive/quan-huyen/"));
}

#[test]
fn user_templates_replace_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Lạc đường rồi</h1>{% endblock content %}",
    )
    .unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["build", "--quiet", "--content"])
        .arg(repo().join("content"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = fs::read_to_string(dir.path().join("public/404.html")).unwrap();
    assert!(page.contains("Lạc đường rồi"));
}

#[test]
fn check_reports_every_article() {
    let out = bin()
        .args([
            "check",
            "--config",
            "/nonexistent/archive.toml",
            "--content",
        ])
        .arg(repo().join("content"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for f in fs::read_dir(repo().join("content")).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            assert!(text.contains(&name), "{name} not in the report:\n{text}");
        }
    }
    let code = out.status.code().unwrap();
    let clean = text.contains("; 0 to look at");
    assert_eq!(code, if clean { 0 } else { 1 }, "{text}");
}

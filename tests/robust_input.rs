//! Bad input: every encoding an old government file comes in, hostile text,
//! huge and empty files, names that try to leave the output, symlink loops.
//!
//! Everything goes through `civic_archive::build` or `analyse`, so these
//! tests keep covering the real clean and extract stages once they land.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use civic_archive::config::Config;
use civic_archive::{analyse, build, BuildReport, Paths};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/robust")
}

fn paths(content: &Path, root: &Path) -> Paths {
    Paths {
        content: content.to_path_buf(),
        output: root.join("public"),
        templates: root.join("no-templates"),
        static_dir: root.join("no-static"),
    }
}

fn build_in(content: &Path, root: &Path) -> civic_archive::error::Result<BuildReport> {
    build(&paths(content, root), &Config::default())
}

fn articles_json(root: &Path) -> serde_json::Value {
    let text = fs::read_to_string(root.join("public/du-lieu/articles.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// One content dir holding `files` (name, bytes).
fn content_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    dir
}

// ---------------------------------------------------------------- encodings

/// Each fixture is the same Vietnamese text in another encoding or form;
/// each must load as the same NFC text, with the encoding named.
#[test]
fn every_encoding_decodes_to_the_same_nfc_text() {
    let dir = fixtures().join("encodings");
    let expected = fs::read_to_string(dir.join("expected.txt")).unwrap();
    let cases = [
        ("utf8-bom.txt", "UTF-8"),
        ("utf16le-bom.txt", "UTF-16LE"),
        ("utf16be-bom.txt", "UTF-16BE"),
        ("utf16le-nobom.txt", "UTF-16LE"),
        ("nfd-crlf.txt", "UTF-8"),
        ("cr-only.txt", "UTF-8"),
        ("windows-1258.txt", "windows-1258"),
        ("tcvn3.txt", "TCVN3"),
        ("vni.txt", "VNI-Windows"),
    ];
    for (file, encoding) in cases {
        let content = content_with(&[(file, &fs::read(dir.join(file)).unwrap())]);
        let loaded = civic_archive::load::load(content.path()).unwrap();
        assert_eq!(loaded.docs.len(), 1, "{file}");
        let doc = &loaded.docs[0];
        assert_eq!(doc.encoding, encoding, "{file}");
        assert_eq!(doc.text, expected, "{file}");
        // The raw bytes are kept for nguon.txt, byte for byte.
        assert_eq!(doc.bytes(), fs::read(dir.join(file)).unwrap(), "{file}");
    }
}

/// The encoding reaches articles.json, and the legacy file's title is
/// converted Unicode, not mojibake.
#[test]
fn legacy_file_builds_with_unicode_title() {
    let dir = fixtures().join("encodings");
    let content = content_with(&[("cu.txt", &fs::read(dir.join("tcvn3.txt")).unwrap())]);
    let root = tempfile::tempdir().unwrap();
    build_in(content.path(), root.path()).unwrap();
    let json = articles_json(root.path());
    let a = &json["articles"][0];
    assert_eq!(a["encoding"], "TCVN3");
    // The all-caps first line is a section label the cleaner removes; it
    // and the title behind it are converted Unicode.
    let removed: Vec<&str> = a["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert!(removed.contains(&"ĐẢNG BỘ QUẬN ĐỐNG ĐA"), "{removed:?}");
    assert!(
        a["title"].as_str().unwrap().contains("Đống Đa"),
        "{}",
        a["title"]
    );
    // nguon.txt is the raw file, unconverted.
    let id = a["id"].as_str().unwrap();
    let raw = fs::read(root.path().join(format!("public/bai-viet/{id}/nguon.txt"))).unwrap();
    assert_eq!(raw, fs::read(dir.join("tcvn3.txt")).unwrap());
}

// ------------------------------------------------------------- not text

#[test]
fn binary_and_empty_files_are_skipped_with_a_warning_naming_them() {
    let content = content_with(&[
        ("anh.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"),
        (
            "controls.txt",
            b"\x01\x02\x03\x04\x05\x06\x07\x08abc\x0e\x0f\x10\x11",
        ),
        ("rong.txt", b""),
        ("khoang-trang.txt", b"  \n\t\r\n   \n"),
        ("bai.txt", "Tiêu đề\n\nĐoạn văn.".as_bytes()),
    ]);
    let analysis = analyse(content.path()).unwrap();
    assert_eq!(analysis.archive.articles.len(), 1);
    let w = analysis.warnings.join("\n");
    for (file, why) in [
        ("anh.txt", "not a text file"),
        ("controls.txt", "not a text file"),
        ("rong.txt", "empty file"),
        ("khoang-trang.txt", "empty file"),
    ] {
        assert!(
            analysis
                .warnings
                .iter()
                .any(|l| l.contains(file) && l.contains(why)),
            "no warning `{why}` for {file} in:\n{w}"
        );
    }
    // And the build carries them to the report (what `build`/`check` print).
    let root = tempfile::tempdir().unwrap();
    let report = build_in(content.path(), root.path()).unwrap();
    assert_eq!(report.warnings.len(), 4, "{:?}", report.warnings);
}

// ------------------------------------------------------ sizes and shapes

#[test]
fn title_only_file_builds_an_article() {
    let content = content_with(&[("chi-tieu-de.txt", "Chỉ có tiêu đề".as_bytes())]);
    let root = tempfile::tempdir().unwrap();
    let report = build_in(content.path(), root.path()).unwrap();
    assert_eq!(report.articles, 1);
    let json = articles_json(root.path());
    assert_eq!(json["articles"][0]["title"], "Chỉ có tiêu đề");
    assert_eq!(json["articles"][0]["body"], serde_json::json!([]));
}

#[test]
fn ten_thousand_line_article_builds() {
    let mut text = String::from("Bài rất dài\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "Dòng {i}: Đảng bộ quận Đống Đa tổ chức Hội nghị Ban Chấp hành.\n"
        ));
    }
    let content = content_with(&[("dai.txt", text.as_bytes())]);
    let root = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let report = build_in(content.path(), root.path()).unwrap();
    assert_eq!(report.articles, 1);
    assert!(started.elapsed() < Duration::from_secs(60));
    let json = articles_json(root.path());
    let body = json["articles"][0]["body"].as_array().unwrap();
    assert_eq!(body.len(), 10_000);
}

/// 20 MB in one article: builds, in reasonable time even in a debug build.
#[test]
fn twenty_megabyte_article_builds() {
    let para = "Đại hội đại biểu Đảng bộ quận Đống Đa lần thứ XXVIII, nhiệm kỳ 2020 - 2025 có nhiệm vụ tập trung đánh giá kết quả thực hiện Nghị quyết.\n";
    let mut text = String::from("Bài rất lớn\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(para);
    }
    let content = content_with(&[("lon.txt", text.as_bytes())]);
    let root = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let report = build_in(content.path(), root.path()).unwrap();
    let took = started.elapsed();
    assert_eq!(report.articles, 1);
    eprintln!("20 MB article built in {took:?}");
    assert!(took < Duration::from_secs(120), "took {took:?}");
    let raw = root.path().join("public/bai-viet/bai-rat-lon/nguon.txt");
    assert_eq!(fs::metadata(raw).unwrap().len(), text.len() as u64);
}

/// The published raw file is a copy of the bytes, not of the source file's
/// permissions: a read-only or executable article in `content/` still
/// gives an ordinary file the next build can replace.
#[cfg(unix)]
#[test]
fn raw_file_copy_keeps_bytes_not_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let text = "Hội nghị Ban Chấp hành Đảng bộ quận Đống Đa\n\nNgày 5/3/2024, Quận ủy Đống Đa tổ chức hội nghị.\n";
    let content = content_with(&[("khoa.txt", text.as_bytes())]);
    let source = content.path().join("khoa.txt");
    fs::set_permissions(&source, fs::Permissions::from_mode(0o555)).unwrap();
    let root = tempfile::tempdir().unwrap();
    build_in(content.path(), root.path()).unwrap();
    let raw = fs::read_dir(root.path().join("public/bai-viet"))
        .unwrap()
        .map(|e| e.unwrap().path().join("nguon.txt"))
        .find(|p| p.exists())
        .expect("a nguon.txt");
    assert_eq!(fs::read(&raw).unwrap(), text.as_bytes());
    let mode = fs::metadata(&raw).unwrap().permissions().mode();
    assert_eq!(mode & 0o200, 0o200, "owner can write: {mode:o}");
    assert_eq!(mode & 0o111, 0, "not executable: {mode:o}");
    // And a second build over the first replaces it without a hitch.
    build_in(content.path(), root.path()).unwrap();
}

/// One 20 MB line in a legacy encoding: detection samples, it does not
/// score the whole file three times.
#[test]
fn twenty_megabyte_legacy_line_decodes() {
    let tcvn3 = fs::read(fixtures().join("encodings/tcvn3.txt")).unwrap();
    let line: Vec<u8> = tcvn3.iter().copied().filter(|&b| b != b'\n').collect();
    let mut bytes = Vec::new();
    while bytes.len() < 20 * 1024 * 1024 {
        bytes.extend_from_slice(&line);
        bytes.push(b' ');
    }
    let started = Instant::now();
    let (text, enc) = civic_archive::load::decode(&bytes).unwrap();
    assert_eq!(enc, "TCVN3");
    assert!(text.contains("Đống Đa"));
    assert!(started.elapsed() < Duration::from_secs(60));
}

// --------------------------------------------------------- hostile text

const HOSTILE_TITLE: &str =
    "=HYPERLINK(\"http://x\") </script><script>alert(1)</script> {{ config }} {% raw %} \"' & <b>";

/// `text` as a page shows it, escaped as HTML source holds it: "<" as
/// "&lt;", which the cleaner decodes back (tags a scrape left in are
/// dropped; text that shows a "<" is kept).
fn as_shown(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// JSON and CSV keep hostile text exactly, as data: the JSON parses back to
/// the same string, the CSV cell is defused against formula injection.
#[test]
fn hostile_text_stays_data_in_json_and_csv() {
    let text = format!(
        "{}\n\n+SUM(A1:A9)\n-2+3\n@cmd\n{}\n",
        as_shown(HOSTILE_TITLE),
        as_shown("</script>{{ x }}{% if %}\"onload=\"x")
    );
    let content = content_with(&[("doc-hai.txt", text.as_bytes())]);
    let root = tempfile::tempdir().unwrap();
    build_in(content.path(), root.path()).unwrap();
    let json = articles_json(root.path());
    let a = &json["articles"][0];
    assert_eq!(a["title"], HOSTILE_TITLE);
    let bodies: Vec<&str> = a["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    // The cleaner may keep the hostile line or list it as removed (as the
    // raw file has it); either way the JSON holds it exactly, as data.
    let removed: Vec<&str> = a["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["text"].as_str())
        .collect();
    let hostile = "</script>{{ x }}{% if %}\"onload=\"x";
    assert!(
        bodies.contains(&hostile) || removed.contains(&as_shown(hostile).as_str()),
        "{bodies:?} {removed:?}"
    );

    let csv_text = fs::read_to_string(root.path().join("public/du-lieu/articles.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let title_col = headers.iter().position(|h| h == "title").unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][title_col], format!("'{HOSTILE_TITLE}"));
    // No cell of any row starts a formula.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
    }
}

// ----------------------------------------------------------------- slugs

fn ids_by_source(root: &Path) -> Vec<(String, String)> {
    let json = articles_json(root);
    let mut v: Vec<(String, String)> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["source_file"].as_str().unwrap().to_string(),
                a["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// 1,000 articles with one title: 1,000 distinct slugs, the same whatever
/// order the files were written in.
#[test]
fn thousand_same_title_articles_get_distinct_stable_slugs() {
    let title = "Hội nghị Ban Chấp hành Đảng bộ quận";
    let make = |order: &mut dyn Iterator<Item = usize>| {
        let dir = tempfile::tempdir().unwrap();
        for i in order {
            fs::write(
                dir.path().join(format!("{i:04}.txt")),
                format!("{title}\n\nBài số {i}."),
            )
            .unwrap();
        }
        dir
    };
    let forward = make(&mut (0..1000));
    let backward = make(&mut (0..1000).rev());
    let (r1, r2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let report = build_in(forward.path(), r1.path()).unwrap();
    build_in(backward.path(), r2.path()).unwrap();
    let a = ids_by_source(r1.path());
    let b = ids_by_source(r2.path());
    assert_eq!(a.len(), 1000);
    assert_eq!(a, b, "slugs depend on the order files were written");
    let distinct: std::collections::BTreeSet<&String> = a.iter().map(|(_, id)| id).collect();
    assert_eq!(distinct.len(), 1000);
    // Numbered in file-name order, and the build says so.
    assert_eq!(a[0].1, "hoi-nghi-ban-chap-hanh-dang-bo-quan");
    assert_eq!(a[1].1, "hoi-nghi-ban-chap-hanh-dang-bo-quan-2");
    assert!(report
        .notices
        .iter()
        .any(|n| n.contains("1000 articles share")));
}

/// "Đông" and "Đồng" fold to the same ASCII slug: still two pages.
#[test]
fn names_differing_only_in_tone_marks_get_distinct_slugs() {
    let content = content_with(&[
        ("a.txt", "Đông\n\nMột.".as_bytes()),
        ("b.txt", "Đồng\n\nHai.".as_bytes()),
    ]);
    let root = tempfile::tempdir().unwrap();
    build_in(content.path(), root.path()).unwrap();
    let ids = ids_by_source(root.path());
    assert_eq!(
        ids,
        vec![
            ("a.txt".to_string(), "dong".to_string()),
            ("b.txt".to_string(), "dong-2".to_string())
        ]
    );
    assert!(root.path().join("public/bai-viet/dong/nguon.txt").exists());
    assert!(root
        .path()
        .join("public/bai-viet/dong-2/nguon.txt")
        .exists());
}

// ----------------------------------------------------------------- paths

/// Every file under `dir`, relative.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

/// A title or a file name that tries `../` cannot put a file outside the
/// output directory.
#[test]
fn names_cannot_leave_the_output_directory() {
    let content = content_with(&[
        (
            "..%2f..%2fescape.txt",
            "../../../../tmp/pwned\n\nx".as_bytes(),
        ),
        ("sub/..\\..\\x.txt", "/etc/passwd\n\ny".as_bytes()),
        ("z.txt", "..\n\nz".as_bytes()),
    ]);
    let root = tempfile::tempdir().unwrap();
    build_in(content.path(), root.path()).unwrap();
    // Only the output dir (and nothing else) appeared in the build root.
    let top: Vec<PathBuf> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into())
        .collect();
    assert_eq!(top, vec![PathBuf::from("public")]);
    for p in tree(&root.path().join("public")) {
        assert!(
            p.components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{p:?}"
        );
    }
    for id in ids_by_source(root.path()).iter().map(|(_, id)| id) {
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
    }
}

/// A symlink loop in content/ is a warning naming the link; the files are
/// still read once through their real path.
#[cfg(unix)]
#[test]
fn symlink_loop_is_a_warning_naming_the_path() {
    let content = content_with(&[("quan/bai.txt", "Tiêu đề\n\nThân bài.".as_bytes())]);
    std::os::unix::fs::symlink(content.path(), content.path().join("quan/vong")).unwrap();
    let analysis = analyse(content.path()).unwrap();
    assert_eq!(analysis.archive.articles.len(), 1);
    assert!(
        analysis
            .warnings
            .iter()
            .any(|w| w.contains("quan/vong") && w.contains("symbolic link loop")),
        "{:?}",
        analysis.warnings
    );
}

/// A dangling symlink is an error naming it: the article it pointed at is
/// missing, and an archive must not lose it silently.
#[cfg(unix)]
#[test]
fn dangling_symlink_is_an_error_naming_the_path() {
    let content = content_with(&[("bai.txt", "Tiêu đề\n\nThân bài.".as_bytes())]);
    std::os::unix::fs::symlink("/nonexistent/bai.txt", content.path().join("mat.txt")).unwrap();
    let err = analyse(content.path())
        .err()
        .expect("a dangling link fails");
    assert!(err.to_string().contains("mat.txt"), "{err}");
}

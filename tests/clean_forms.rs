//! The clean stage on forms the seeds do not have, written here from other
//! sites' habits: a CRLF file, an NFD file, another site's breadcrumb, date
//! line, share toolbar, photo credit, related box, footer and source line.

use std::path::PathBuf;

use civic_archive::clean::clean;
use civic_archive::load::decode;
use civic_archive::model::{BlockKind, CleanDoc, RawDoc, RemovalReason as R};

fn fixture(name: &str) -> (Vec<u8>, CleanDoc) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clean")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let (text, encoding) = decode(&bytes).unwrap();
    let doc = clean(&RawDoc {
        source_file: name.to_string(),
        source_bytes: Some(bytes.clone()),
        starters: civic_archive::text::is_nfc_starters(&text),
        text,
        encoding,
        corrections: None,
    });
    (bytes, doc)
}

fn reasons(d: &CleanDoc) -> Vec<(usize, R)> {
    d.removed.iter().map(|r| (r.line, r.reason)).collect()
}

fn texts(d: &CleanDoc, kind: BlockKind) -> Vec<&str> {
    d.body
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn crlf_file() {
    let (bytes, d) = fixture("crlf.txt");
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture really is CRLF"
    );
    assert_eq!(d.title, "Quận Hoàn Kiếm tổng kết công tác năm 2021");
    assert_eq!(d.authors, vec!["PV".to_string()]);
    assert_eq!(d.publisher.as_deref(), Some("TTXVN"));
    assert_eq!(
        reasons(&d),
        vec![(3, R::Byline), (4, R::Share), (10, R::Metadata)]
    );
    assert_eq!(d.body.len(), 2);
    assert!(d.body.iter().all(|b| !b.text.contains('\r')));
    assert!(d.removed.iter().all(|r| !r.text.contains('\r')));
}

#[test]
fn nfd_file() {
    let (bytes, d) = fixture("nfd.txt");
    // "Đống" decomposed: o + combining circumflex + combining acute.
    assert!(std::str::from_utf8(&bytes)
        .unwrap()
        .contains("o\u{302}\u{301}"));
    assert_eq!(d.title, "Đảng bộ quận Đống Đa tổng kết công tác năm 2021");
    assert_eq!(
        texts(&d, BlockKind::Heading),
        vec!["Đẩy mạnh cải cách hành chính"]
    );
    assert_eq!(d.authors, vec!["X.Sinh".to_string()]);
    assert!(d.body[0]
        .text
        .starts_with("Sáng nay (6/1) Đảng bộ quận Đống Đa"));
}

#[test]
fn another_sites_furniture() {
    let (_, d) = fixture("other_site.txt");
    assert_eq!(
        d.title,
        "Quận Cầu Giấy tổng kết công tác xây dựng Đảng năm 2021"
    );
    assert!(!d.title_derived);
    assert_eq!(d.published.as_deref(), Some("2022-01-13T15:20"));
    assert_eq!(
        d.authors,
        vec!["Minh Anh".to_string(), "Hoàng Long".to_string()]
    );
    // The source line names the original publication; it wins over the dateline.
    assert_eq!(d.publisher.as_deref(), Some("Hà Nội Mới"));
    assert_eq!(
        reasons(&d),
        vec![
            (1, R::Banner),
            (4, R::Metadata),
            (5, R::Share),
            (7, R::Metadata),
            (19, R::Byline),
            (20, R::Metadata),
            (22, R::Related),
            (23, R::Related),
            (24, R::Related),
            (26, R::Footer),
            (27, R::Footer),
        ]
    );
    assert_eq!(
        texts(&d, BlockKind::Caption),
        vec!["Quang cảnh Hội nghị. (Ảnh: Minh Anh)"]
    );
    assert_eq!(texts(&d, BlockKind::Heading), vec!["Những kết quả nổi bật"]);
    assert_eq!(
        d.body.iter().filter(|b| b.kind == BlockKind::Quote).count(),
        1
    );
    assert!(d.body[0].text.starts_with("Chiều 13/1, Quận ủy Cầu Giấy"));
    assert!(d.body.iter().any(|b| b.text.contains("kinh tế - xã hội")));
    for b in &d.body {
        assert!(
            !b.text.contains('@') && !b.text.contains("3825"),
            "{}",
            b.text
        );
    }
}

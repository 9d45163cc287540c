//! Forms the seeds do not show, through `process` (clean + extract) on
//! fixture articles in `tests/fixtures/extract/`: a huyện congress over a
//! range across months, a thị xã plenum in December, a date with nothing to
//! give its year, places and provinces that must not be taken for Hanoi's
//! districts or for people.

use std::path::PathBuf;

use civic_archive::extract::{doubts, Gazetteer};
use civic_archive::model::{
    Article, BlockKind, EventKind, Level, Precision, PublisherSource, RawDoc,
};

fn process(name: &str) -> Article {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/extract")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let (text, encoding) = civic_archive::load::decode(&bytes).unwrap();
    let raw = RawDoc {
        source_file: name.into(),
        source_bytes: Some(bytes),
        starters: civic_archive::text::is_nfc_starters(&text),
        text,
        encoding,
        corrections: None,
    };
    civic_archive::process(&raw, &Gazetteer::builtin()).unwrap()
}

#[test]
fn huyen_congress_over_a_range_across_months() {
    let a = process("huyen_gia_lam.txt");
    assert_eq!(
        a.districts,
        vec!["Gia Lâm".to_string(), "Thanh Trì".to_string()]
    );
    let e = a.event.as_ref().unwrap();
    assert_eq!((e.kind, e.level), (EventKind::Congress, Level::District));
    assert_eq!(e.district.as_deref(), Some("Gia Lâm"));
    assert_eq!((e.ordinal, e.term_number), (Some(26), Some(26)));
    assert_eq!(e.term.as_deref(), Some("2020-2025"));
    assert_eq!(e.start.as_deref(), Some("2020-06-30"));
    assert_eq!(e.end.as_deref(), Some("2020-07-02"));
    assert!(!e.inferred);
}

#[test]
fn people_with_roles_before_after_and_not_places() {
    let a = process("huyen_gia_lam.txt");
    let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Phong", "Lê Anh Quân"]);
    assert_eq!(
        a.people[0].roles,
        vec!["Phó Bí thư Thành ủy Hà Nội".to_string()]
    );
    assert_eq!(
        a.people[1].roles,
        vec!["Bí thư Huyện ủy Gia Lâm".to_string()]
    );
}

#[test]
fn documents_and_figures_of_another_site() {
    let a = process("huyen_gia_lam.txt");
    let d = a
        .documents
        .held()
        .iter()
        .find(|d| d.number.as_deref() == Some("35-CT/TW"))
        .unwrap();
    assert_eq!(d.date.as_deref(), Some("2019-05-30"));
    assert_eq!(d.issuer.as_deref(), Some("Bộ Chính trị"));
    let money = a
        .figures
        .held()
        .iter()
        .find(|f| f.unit == "tỷ đồng")
        .unwrap();
    assert_eq!(money.value, 2345.6);
    assert!(a.figures.held().iter().any(|f| f.text == "17/18 chỉ tiêu"));
    assert!(a
        .figures
        .held()
        .iter()
        .any(|f| f.unit == "%" && f.value == 125.3));
}

#[test]
fn thi_xa_plenum_in_december_takes_the_reviewed_year() {
    let a = process("thi_xa_son_tay.txt");
    assert_eq!(a.districts.first().map(String::as_str), Some("Sơn Tây"));
    let e = a.event.as_ref().unwrap();
    assert_eq!(e.kind, EventKind::Plenum);
    assert_eq!((e.ordinal, e.term_number), (Some(12), Some(23)));
    assert_eq!(e.start.as_deref(), Some("2022-12-28"));
    assert!(e.inferred);
    assert!(e
        .basis
        .as_deref()
        .unwrap()
        .contains("tổng kết công tác năm 2022"));
    let p = &a.people[0];
    assert_eq!(p.name, "Phùng Thị Hồng Hà");
    assert_eq!(p.roles, vec!["Bí thư Thị ủy Sơn Tây".to_string()]);
}

#[test]
fn no_year_anywhere_means_no_date_and_a_doubt() {
    let a = process("khong_nam.txt");
    let e = a.event.as_ref().unwrap();
    assert_eq!(
        (e.ordinal, e.district.as_deref()),
        (Some(8), Some("Tây Hồ"))
    );
    assert_eq!((e.start.as_deref(), e.precision), (None, None::<Precision>));
    assert!(doubts(&a).iter().any(|d| d.contains("no date")));
}

// Articles written in the ways of other sites than the seeds', each a form
// the seeds do not show: a page's menus above the headline, hyphenated
// dates, a closing after N days, a span of days joined by "và", an
// anniversary with its years, "Theo <writer>/<paper>", a domain as the
// source, state offices, and offices one is elected to.

#[test]
fn hanoimoi_menus_hyphen_dates_and_a_closing_after_three_days() {
    let a = process("hanoimoi_hyphen_dates.txt");
    assert_eq!(
        a.title,
        "Bế mạc Đại hội đại biểu Đảng bộ huyện Mê Linh lần thứ XXIII"
    );
    // The outlet's one name, with the line that wrote it as a domain.
    assert_eq!(a.publisher.as_deref(), Some("Hà Nội Mới"));
    let written = a.publisher_evidence.as_ref().unwrap();
    assert_eq!((written.line, written.text.as_str()), (9, "hanoimoi.vn"));
    assert_eq!(written.from, PublisherSource::Attribution);
    assert_eq!(a.published.as_deref(), Some("2020-07-25T19:05"));
    let e = a.event.as_ref().unwrap();
    assert_eq!((e.kind, e.ordinal), (EventKind::Congress, Some(23)));
    assert_eq!(e.district.as_deref(), Some("Mê Linh"));
    // "Chiều 25-7, sau 3 ngày làm việc … đã bế mạc".
    assert_eq!(e.start.as_deref(), Some("2020-07-23"));
    assert_eq!(e.end.as_deref(), Some("2020-07-25"));
    assert!(e.inferred);
    let roles = |name: &str| {
        a.people
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.roles.clone())
            .unwrap_or_default()
    };
    assert_eq!(roles("Hoàng Anh Tuấn"), vec!["Bí thư Huyện ủy Mê Linh"]);
    assert_eq!(
        roles("Đào Minh Toàn"),
        vec![
            "Ủy viên Ban Thường vụ Thành ủy",
            "Trưởng ban Nội chính Thành ủy"
        ]
    );
    assert!(a.figures.held().iter().any(|f| f.text == "3.512 tỷ đồng"));
    // The path above the headline and the source line are gone; the
    // photo credit on its own line is a caption.
    let removed: Vec<&str> = a.removed.held().iter().map(|r| r.text.as_str()).collect();
    assert!(removed.contains(&"Trang chủ > Chính trị > Xây dựng Đảng"));
    assert!(removed.contains(&"Nguồn: hanoimoi.vn"));
    assert!(a
        .body
        .held()
        .iter()
        .any(|b| b.text == "Ảnh: Thái Hiền" && b.kind == BlockKind::Caption));
}

#[test]
fn nhandan_two_days_joined_by_va_and_state_offices() {
    let a = process("nhandan_two_days.txt");
    let e = a.event.as_ref().unwrap();
    assert_eq!(e.start.as_deref(), Some("2020-07-21"));
    assert_eq!(e.end.as_deref(), Some("2020-07-22"));
    assert_eq!(a.authors, vec!["Hải Yến".to_string()]);
    assert_eq!(a.publisher.as_deref(), Some("Nhân Dân"));
    let trong = a
        .people
        .iter()
        .find(|p| p.name == "Nguyễn Phú Trọng")
        .unwrap();
    assert_eq!(trong.roles, vec!["Tổng Bí thư", "Chủ tịch nước"]);
}

#[test]
fn an_anniversary_with_its_years_dates_the_ceremony() {
    let a = process("tttd_anniversary.txt");
    assert!(a.published.is_none());
    let e = a.event.as_ref().unwrap();
    assert_eq!(e.kind, EventKind::Ceremony);
    assert_eq!(e.start.as_deref(), Some("2021-12-14"));
    assert!(e.inferred);
    assert!(e.basis.as_deref().unwrap().contains("1996"));
    let d = a.documents.held();
    assert_eq!(d[0].number.as_deref(), Some("74/CP"));
    assert_eq!(d[0].date.as_deref(), Some("1996-11-22"));
}

// Two more articles written here in other sites' styles, with the forms of
// session 15: a ward's congress after July 2025 with HTML left in the
// scrape, and a hard-wrapped plenum report.

#[test]
fn a_ward_congress_in_a_scrape_with_markup() {
    let a = process("phuong_congress_markup.txt");
    // The headline the page broke after a comma, under a masthead and section.
    assert_eq!(
        a.title,
        "Đảng bộ phường Ngọc Hà tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025–2030"
    );
    assert_eq!(a.authors, ["Thanh Hà"]);
    assert_eq!(a.published.as_deref(), Some("2025-07-26T15:10"));
    assert_eq!(a.publisher.as_deref(), Some("Tiền Phong"));
    // A ward's event, not the city's: "(TP Hà Nội)" locates the ward and
    // the guest's office is not the level.
    let e = a.event.as_ref().unwrap();
    assert_eq!((e.kind, e.level), (EventKind::Congress, Level::Commune));
    assert_eq!(e.unit.as_deref(), Some("phường Ngọc Hà"));
    assert_eq!((e.ordinal, e.term.as_deref()), (Some(1), Some("2025-2030")));
    // "25 và 26.7": a span of dotted days, the year from the date line.
    assert_eq!(
        (e.start.as_deref(), e.end.as_deref()),
        (Some("2025-07-25"), Some("2025-07-26"))
    );
    // Tags dropped, entities decoded; a line of markup alone removed.
    let text: Vec<&str> = a.body.held().iter().map(|b| b.text.as_str()).collect();
    assert!(
        text.iter().all(|t| !t.contains('<') || t.contains("< 1%")),
        "{text:?}"
    );
    assert!(text
        .iter()
        .any(|t| t.contains("1.250 tỷ đồng & tỷ lệ hộ nghèo < 1%")));
    assert!(a
        .removed
        .get()
        .unwrap()
        .iter()
        .any(|r| r.reason == civic_archive::model::RemovalReason::Markup));
    // The line above a lone credit is its caption.
    let caption = a
        .body
        .held()
        .iter()
        .find(|b| b.kind == BlockKind::Caption)
        .unwrap();
    assert_eq!(
        caption.text,
        "Các đại biểu biểu quyết thông qua Nghị quyết Đại hội"
    );
    let nhung = a
        .people
        .iter()
        .find(|p| p.name == "Lê Thị Hồng Nhung")
        .unwrap();
    assert_eq!(nhung.roles, ["Bí thư Đảng ủy phường Ngọc Hà"]);
}

#[test]
fn a_hard_wrapped_plenum_report() {
    let a = process("wrapped_plenum.txt");
    assert_eq!(
        a.title,
        "Quận Long Biên sơ kết giữa nhiệm kỳ: hoàn thành 17/20 chỉ tiêu"
    );
    assert_eq!(a.publisher.as_deref(), Some("Nhân Dân"));
    assert_eq!(a.authors, ["Minh Châu"]);
    let blocks = a.body.held();
    // Lines cut at the width are one paragraph again; the list items stay apart.
    assert!(
        blocks[0].text.starts_with("Sáng 4-5") && blocks[0].text.ends_with("chủ trì hội nghị.")
    );
    assert!(blocks.iter().any(|b| b.text == "- Hoàn thành giải phóng mặt bằng các dự án đường vành đai và cầu Tứ Liên trên địa bàn quận."));
    let e = a.event.as_ref().unwrap();
    assert_eq!(
        (e.kind, e.district.as_deref()),
        (EventKind::Plenum, Some("Long Biên"))
    );
    assert_eq!((e.ordinal, e.term_number), (Some(15), Some(5)));
    assert_eq!(e.start.as_deref(), Some("2023-05-04"));
    let hoa = a
        .people
        .iter()
        .find(|p| p.name == "Đoàn Thị Thu Hà")
        .unwrap();
    assert_eq!(hoa.roles, ["Bí thư Quận ủy Long Biên"]);
    // A number and its unit across a cut, a dotted date, an issuer across one.
    assert!(a
        .figures
        .get()
        .unwrap()
        .iter()
        .any(|f| f.text == "12.480 tỷ đồng"));
    let d = &a.documents.get().unwrap()[0];
    assert_eq!(d.date.as_deref(), Some("2021-03-12"));
    assert_eq!(d.issuer.as_deref(), Some("Ban Thường vụ Thành ủy"));
}

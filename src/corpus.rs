//! corpus: a generator of realistic raw articles, for benchmarks and tests.
//!
//! The five seed articles in `content/` are too few to measure a build or to
//! exercise cross-article linking, and the real scrape cannot be shipped in
//! bulk. This module writes any number of articles that look like the seeds:
//! the same outlets' furniture (banners, bylines, "Chia sẻ", datelines,
//! "Ngày đăng …", captions after a repeated title, "????" mojibake, related
//! blocks, footers with phone and e-mail, a trailing URL), all 30 Hanoi
//! district-level units, congresses, plenums, anniversaries and reviews with
//! their ordinals in Roman, Arabic and words, terms, dates in the forms
//! reporters use, people with roles, documents cited and figures.
//!
//! Deterministic: article `i` of seed `s` is a pure function of `(s, i)`, so
//! the same `(n, seed)` gives identical bytes on every machine and articles
//! can be generated in parallel. Only integer arithmetic decides anything.
//!
//! The facts are plausible, not the historical record: ordinals, names and
//! figures are drawn, not looked up.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

/// Articles per subfolder, so no directory grows past a thousand entries.
pub const PER_FOLDER: usize = 1000;

/// One generated article, with the facts it was written from (the Hugo
/// conversion uses them as front matter; tests check the text against them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Path relative to the corpus root, `/`-separated, without extension:
    /// `000/000123_0f3a9c1d2b4e5f60`.
    pub stem: String,
    /// The raw article text, as a scraper would have saved it.
    pub text: String,
    /// The headline the article was written under (also for outlets whose
    /// scrape lost the title line).
    pub title: String,
    /// The event's first day, ISO `YYYY-MM-DD`.
    pub date: String,
    /// The article's subject district first.
    pub districts: Vec<String>,
}

/// Write `n` raw articles (`.txt`) for seed `seed` under `out`, in
/// subfolders of at most [`PER_FOLDER`] files.
///
/// `out` must be absent or empty: a stale larger corpus left underneath would
/// silently change what a benchmark measures.
pub fn generate(n: usize, seed: u64, out: &Path) -> io::Result<()> {
    write_all(n, seed, out, "txt", |g| g.text.clone())
}

/// Write the same `n` articles as Hugo content pages (`.md` with TOML front
/// matter: title, date, districts), so Hugo and civic-archive read the same
/// words. The body is the raw text, one Markdown paragraph per line.
pub fn generate_hugo(n: usize, seed: u64, out: &Path) -> io::Result<()> {
    write_all(n, seed, out, "md", Generated::hugo_markdown)
}

fn write_all(
    n: usize,
    seed: u64,
    out: &Path,
    ext: &str,
    render: impl Fn(&Generated) -> String + Sync,
) -> io::Result<()> {
    ensure_empty_dir(out)?;
    for folder in 0..n.div_ceil(PER_FOLDER) {
        fs::create_dir_all(out.join(folder_name(folder)))?;
    }
    (0..n).into_par_iter().try_for_each(|i| {
        let g = article(seed, i);
        let path = out.join(format!("{}.{ext}", g.stem));
        fs::write(&path, render(&g)).map_err(|e| annotate(e, &path))
    })
}

fn ensure_empty_dir(out: &Path) -> io::Result<()> {
    match fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "`{}` is not empty; give a new or empty directory so no stale articles are mixed in",
                        out.display()
                    ),
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(out),
        Err(e) => Err(annotate(e, out)),
    }
}

fn annotate(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn folder_name(folder: usize) -> String {
    format!("{folder:03}")
}

impl Generated {
    /// This article as a Hugo page: TOML front matter, then each non-blank
    /// raw line as its own paragraph.
    pub fn hugo_markdown(&self) -> String {
        let mut md = String::with_capacity(self.text.len() + 256);
        md.push_str("+++\n");
        let _ = writeln!(md, "title = {}", toml_string(&self.title));
        let _ = writeln!(md, "date = {}", self.date);
        let districts: Vec<String> = self.districts.iter().map(|d| toml_string(d)).collect();
        let _ = writeln!(md, "districts = [{}]", districts.join(", "));
        md.push_str("+++\n\n");
        for line in self.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            md.push_str(line);
            md.push_str("\n\n");
        }
        md
    }
}

fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Randomness: SplitMix64. Hand-rolled so the bytes never change with a
// dependency's version, and seeded per (seed, index, stream) so any article
// (or any article's plan, for duplicates and related links) can be recomputed
// on its own.

const STREAM_PLAN: u64 = 0x9e37_79b9_7f4a_7c15;
const STREAM_TEXT: u64 = 0xc2b2_ae3d_27d4_eb4f;

struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: usize, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream);
        r.0 =
            r.0.wrapping_add((index as u64).wrapping_mul(0xd6e8_feb8_6659_fd93));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the modulo bias is irrelevant here.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn range(&mut self, lo: u64, hi_inclusive: u64) -> u64 {
        lo + self.below(hi_inclusive - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------
// The gazetteer the generator writes from.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Quan,
    Huyen,
    ThiXa,
}

impl Unit {
    /// "quận", "huyện", "thị xã".
    fn word(self) -> &'static str {
        match self {
            Unit::Quan => "quận",
            Unit::Huyen => "huyện",
            Unit::ThiXa => "thị xã",
        }
    }

    /// The Party committee: "Quận ủy", "Huyện ủy", "Thị ủy".
    fn committee(self) -> &'static str {
        match self {
            Unit::Quan => "Quận ủy",
            Unit::Huyen => "Huyện ủy",
            Unit::ThiXa => "Thị ủy",
        }
    }
}

/// A district with the ordinal of its congress for the 2020–2025 term
/// (plausible values; the districts created in 2013 are on their second).
struct District {
    name: &'static str,
    unit: Unit,
    ordinal_2020: u64,
}

const fn d(name: &'static str, unit: Unit, ordinal_2020: u64) -> District {
    District {
        name,
        unit,
        ordinal_2020,
    }
}

const DISTRICTS: [District; 30] = [
    d("Ba Đình", Unit::Quan, 26),
    d("Hoàn Kiếm", Unit::Quan, 27),
    d("Tây Hồ", Unit::Quan, 7),
    d("Long Biên", Unit::Quan, 5),
    d("Cầu Giấy", Unit::Quan, 7),
    d("Đống Đa", Unit::Quan, 28),
    d("Hai Bà Trưng", Unit::Quan, 26),
    d("Hoàng Mai", Unit::Quan, 5),
    d("Thanh Xuân", Unit::Quan, 7),
    d("Nam Từ Liêm", Unit::Quan, 2),
    d("Bắc Từ Liêm", Unit::Quan, 2),
    d("Hà Đông", Unit::Quan, 23),
    d("Sóc Sơn", Unit::Huyen, 26),
    d("Đông Anh", Unit::Huyen, 26),
    d("Gia Lâm", Unit::Huyen, 25),
    d("Thanh Trì", Unit::Huyen, 24),
    d("Mê Linh", Unit::Huyen, 25),
    d("Ba Vì", Unit::Huyen, 24),
    d("Phúc Thọ", Unit::Huyen, 24),
    d("Đan Phượng", Unit::Huyen, 24),
    d("Hoài Đức", Unit::Huyen, 24),
    d("Quốc Oai", Unit::Huyen, 24),
    d("Thạch Thất", Unit::Huyen, 24),
    d("Chương Mỹ", Unit::Huyen, 25),
    d("Thanh Oai", Unit::Huyen, 24),
    d("Thường Tín", Unit::Huyen, 25),
    d("Phú Xuyên", Unit::Huyen, 25),
    d("Ứng Hòa", Unit::Huyen, 25),
    d("Mỹ Đức", Unit::Huyen, 24),
    d("Sơn Tây", Unit::ThiXa, 22),
];

/// The names of all 30 district-level units, in the order above.
pub fn district_names() -> Vec<&'static str> {
    DISTRICTS.iter().map(|d| d.name).collect()
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Lưu", "Tạ", "Chu", "Kiều",
];
const MIDDLE_M: &[&str] = &[
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Trường",
    "Quốc",
    "Tiến",
    "Mạnh",
    "Xuân",
    "Thanh",
    "Công",
    "Anh",
    "Duy",
];
const MIDDLE_F: &[&str] = &[
    "Thị",
    "Thị Thanh",
    "Thị Lan",
    "Thu",
    "Hồng",
    "Ngọc",
    "Thị Minh",
    "Thúy",
    "Thanh",
];
const GIVEN_M: &[&str] = &[
    "Thọ", "Dũng", "Tiến", "Thắng", "Trung", "Minh", "Hùng", "Tuấn", "Hải", "Sơn", "Long", "Nam",
    "Bình", "Cường", "Kiên", "Quân", "Hiếu", "Khánh", "Phong", "Thành", "Vinh", "Toàn", "Lâm",
];
const GIVEN_F: &[&str] = &[
    "Hằng", "Duyên", "Hà", "Lan", "Hương", "Phương", "Giang", "Thủy", "Thảo", "Linh", "Nga",
    "Hạnh", "Yến", "Mai", "Oanh",
];

/// A person's name from a stable key, so the same office holder (say, the
/// Bí thư of Ba Đình in the 2020–2025 term) has one name in every article.
fn person(seed: u64, key: u64) -> String {
    let mut r = Rng::new(seed, key as usize, 0x5851_f42d_4c95_7f2d);
    let family = *r.pick(FAMILY);
    if r.chance(30) {
        format!("{family} {} {}", r.pick(MIDDLE_F), r.pick(GIVEN_F))
    } else {
        format!("{family} {} {}", r.pick(MIDDLE_M), r.pick(GIVEN_M))
    }
}

// ---------------------------------------------------------------------------
// Numbers in the forms the press writes them.

/// Roman numerals, as the archive itself writes them: 28 -> "XXVIII".
fn roman(n: u64) -> String {
    crate::text::to_roman(u32::try_from(n).unwrap_or(u32::MAX))
}

/// An ordinal in Vietnamese words, capitalised as in "lần thứ Mười hai"
/// (1..=99; "thứ Nhất", "thứ Tư", "Hai mươi mốt", "Hai mươi lăm").
fn ordinal_words(n: u64) -> String {
    const UNITS: [&str; 10] = [
        "", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let w = match n {
        1 => "nhất".to_string(),
        4 => "tư".to_string(),
        2..=9 => UNITS[n as usize].to_string(),
        10 => "mười".to_string(),
        11..=19 => {
            let u = n % 10;
            let tail = if u == 5 { "lăm" } else { UNITS[u as usize] };
            format!("mười {tail}")
        }
        20..=99 => {
            let (t, u) = (n / 10, n % 10);
            let tail = match u {
                0 => String::new(),
                1 => " mốt".into(),
                4 => " tư".into(),
                5 => " lăm".into(),
                u => format!(" {}", UNITS[u as usize]),
            };
            format!("{} mươi{tail}", UNITS[t as usize])
        }
        _ => n.to_string(),
    };
    capitalise(&w)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An ordinal in one of the three ways articles write it.
fn ordinal(r: &mut Rng, n: u64) -> String {
    match r.below(10) {
        0..=5 => roman(n),
        6..=7 => n.to_string(),
        _ => ordinal_words(n),
    }
}

/// Vietnamese number format: "." groups thousands, "," marks decimals:
/// (1206506, 2) -> "12.065,06".
fn vn_number(value: u64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let (int, frac) = (value / scale, value % scale);
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    if decimals > 0 {
        let _ = write!(grouped, ",{frac:0width$}", width = decimals as usize);
    }
    grouped
}

/// A term as written: "2020 - 2025", "2020-2025", "2020 – 2025", "2020- 2025".
fn term_text(r: &mut Rng, start: u64) -> String {
    let sep = *r.pick(&[" - ", "-", " – ", "- ", " – "]);
    format!("{start}{sep}{}", start + 5)
}

// ---------------------------------------------------------------------------
// What an article is about: its plan. A plan is computed from its own
// random stream so that article j's headline can be reused by article i (a
// second outlet covering the same congress) or listed in i's related block.

#[derive(Debug, Clone, Copy)]
struct Date {
    y: u64,
    m: u64,
    d: u64,
}

#[derive(Debug, Clone, Copy)]
enum Event {
    /// Đại hội: the congress that opens term `term_start`..+5.
    Congress { ordinal: u64, term_start: u64 },
    /// Hội nghị Ban Chấp hành lần thứ `number`, khóa `khoa`.
    Plenum {
        number: u64,
        khoa: u64,
        term_start: u64,
    },
    /// Lễ kỷ niệm `years` năm Ngày thành lập Đảng (3/2/1930).
    Ceremony { years: u64 },
    /// sơ kết / tổng kết.
    Review {
        kind: u64,
        khoa: u64,
        term_start: u64,
    },
}

struct Plan {
    district: usize,
    event: Event,
    start: Date,
    /// Last day of a multi-day event (same month).
    end_day: Option<u64>,
    title: String,
    kicker: Option<String>,
}

fn plan(seed: u64, index: usize) -> Plan {
    let mut r = Rng::new(seed, index, STREAM_PLAN);
    let district = r.below(DISTRICTS.len() as u64) as usize;
    let dist = &DISTRICTS[district];
    let term_start = *r.pick(&[2010u64, 2015, 2015, 2020, 2020, 2020]);
    let term_offset = (2020 - term_start) / 5;
    let khoa = dist.ordinal_2020.saturating_sub(term_offset).max(1);
    let (event, start, end_day) = match r.below(10) {
        0..=2 => {
            let start = Date {
                y: term_start,
                m: r.range(4, 8),
                d: r.range(1, 24),
            };
            let end = start.d + r.range(0, 2);
            (
                Event::Congress {
                    ordinal: khoa,
                    term_start,
                },
                start,
                (end > start.d).then_some(end),
            )
        }
        3..=5 => {
            let year_in_term = r.range(0, 4);
            let number = (year_in_term * 5 + r.range(1, 5)).max(1);
            let start = Date {
                y: term_start + year_in_term,
                m: r.range(1, 12),
                d: r.range(1, 28),
            };
            (
                Event::Plenum {
                    number,
                    khoa,
                    term_start,
                },
                start,
                None,
            )
        }
        6..=7 => {
            let y = r.range(2011, 2024);
            let (m, d) = if r.chance(60) {
                (1, r.range(20, 31))
            } else {
                (2, r.range(1, 3))
            };
            (Event::Ceremony { years: y - 1930 }, Date { y, m, d }, None)
        }
        _ => {
            let kind = r.below(3);
            let y = term_start + r.range(1, 4);
            let m = match kind {
                0 => r.range(6, 7),
                1 => *r.pick(&[12u64, 1]),
                _ => r.range(3, 10),
            };
            (
                Event::Review {
                    kind,
                    khoa,
                    term_start,
                },
                Date {
                    y,
                    m,
                    d: r.range(1, 28),
                },
                None,
            )
        }
    };
    let (title, kicker) = headline(&mut r, seed, dist, &event, start);
    Plan {
        district,
        event,
        start,
        end_day,
        title,
        kicker,
    }
}

/// The office holder's key: who is Bí thư (role 0), Chủ tịch UBND (1),
/// Chủ tịch HĐND (2) of a district in a term; city guests use district 99.
fn office_key(district: usize, term_start: u64, role: u64) -> u64 {
    (district as u64) << 32 | term_start << 8 | role
}

fn headline(
    r: &mut Rng,
    seed: u64,
    dist: &District,
    event: &Event,
    start: Date,
) -> (String, Option<String>) {
    let name = dist.name;
    let unit = dist.unit.word();
    let committee = dist.committee_spelling(r);
    match *event {
        Event::Congress {
            ordinal: o,
            term_start,
        } => {
            let ord = ordinal(r, o);
            let term = term_text(r, term_start);
            match r.below(5) {
                0 => (
                    format!("Đại hội đại biểu {} {name} lần thứ {ord}, nhiệm kỳ {term}", unit),
                    None,
                ),
                1 => (
                    capitalise(r.pick::<&str>(&[
                        "Xây dựng {unit} theo mô hình “Chính quyền đô thị”",
                        "Khơi dậy khát vọng phát triển, xây dựng quê hương giàu đẹp, văn minh",
                        "Đoàn kết, đổi mới, sáng tạo, phát triển bền vững",
                        "Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ",
                        "Xây dựng {unit} {name} văn minh, hiện đại, phát triển bền vững",
                        "{Name}: Đổi mới phương thức lãnh đạo, phát huy sức mạnh đoàn kết",
                        "{Name} quyết tâm thực hiện thắng lợi Nghị quyết Đại hội",
                    ]))
                    .replace("{unit}", unit)
                    .replace("{Name}", name)
                    .replace("{name}", name),
                    Some(format!(
                        "Đại hội Đảng bộ {} {name} lần thứ {ord}, nhiệm kỳ {term}:",
                        capitalise(unit)
                    )),
                ),
                2 => (
                    format!("Khai mạc Đại hội Đảng bộ {unit} {name} lần thứ {ord}"),
                    None,
                ),
                3 => {
                    let who = person(seed, office_key(dist_index(name), term_start, 0));
                    (
                        format!("Đồng chí {who} tái đắc cử Bí thư {committee} {name} khóa {ord}"),
                        None,
                    )
                }
                _ => (
                    format!(
                        "Bế mạc Đại hội đại biểu Đảng bộ {unit} {name} lần thứ {ord}, nhiệm kỳ {term}"
                    ),
                    None,
                ),
            }
        }
        Event::Plenum { number, khoa, .. } => {
            let n = ordinal(r, number);
            match r.below(8) {
                0..=3 => (
                    format!(
                        "Hội nghị lần thứ {n} Ban Chấp hành Đảng bộ {unit} {name} khóa {}: tập trung hoàn thành các chỉ tiêu năm {}",
                        roman(khoa),
                        start.y
                    ),
                    None,
                ),
                4..=5 => (
                    format!(
                        "Hội nghị Ban Chấp hành Đảng bộ {unit} {name} lần thứ {n} khóa {}",
                        roman(khoa)
                    ),
                    None,
                ),
                6 => (
                    format!(
                        "Đảng bộ {unit} {name} lãnh đạo, chỉ đạo thực hiện hiệu quả các nhiệm vụ chính trị"
                    ),
                    None,
                ),
                _ => {
                    let guest = person(seed, office_key(99, start.y, 1));
                    (
                        format!(
                            "Phó Bí thư Thường trực {guest}: {name} cần khai thác tốt hơn nữa lợi thế của {unit}"
                        ),
                        None,
                    )
                }
            }
        }
        Event::Ceremony { years } => match r.below(2) {
            0 => (
                format!(
                    "{} {name} kỷ niệm {years} năm Ngày thành lập Đảng Cộng sản Việt Nam",
                    capitalise(unit)
                ),
                None,
            ),
            _ => (
                format!("Đảng bộ {unit} {name}: Trao Huy hiệu Đảng và kỷ niệm {years} năm Ngày thành lập Đảng"),
                None,
            ),
        },
        Event::Review { kind, khoa, .. } => match kind {
            0 => (
                format!(
                    "Sơ kết công tác 6 tháng đầu năm {}: {unit} {name} đạt nhiều kết quả nổi bật",
                    start.y
                ),
                None,
            ),
            1 => {
                let y = if start.m == 1 { start.y - 1 } else { start.y };
                (
                    format!("{committee} {name} tổng kết công tác xây dựng Đảng năm {y}"),
                    None,
                )
            }
            _ => (
                format!(
                    "Sơ kết giữa nhiệm kỳ Đại hội Đảng bộ {unit} {name} lần thứ {}",
                    ordinal(r, khoa)
                ),
                None,
            ),
        },
    }
}

fn dist_index(name: &str) -> usize {
    DISTRICTS.iter().position(|d| d.name == name).unwrap_or(0)
}

impl District {
    /// "Quận ủy" or the old tone placement "Quận uỷ", as outlets mix them.
    fn committee_spelling(&self, r: &mut Rng) -> String {
        let c = self.unit.committee();
        if r.chance(25) {
            c.replace("ủy", "uỷ")
        } else {
            c.to_string()
        }
    }

    /// The name as written, now and then with the misspelling seen in the
    /// seeds ("Quận Đóng Đa").
    fn spelled(&self, r: &mut Rng) -> &'static str {
        if self.name == "Đống Đa" && r.chance(3) {
            "Đóng Đa"
        } else {
            self.name
        }
    }
}

// ---------------------------------------------------------------------------
// The outlets: each has its own furniture, as the seeds show.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outlet {
    /// laodongthudo.vn: blank-line paragraphs, captions after a repeated
    /// title, the author's initials and the source URL at the end.
    LaoDongThuDo,
    /// A district portal: banner, "Ngày đăng … | Lượt xem", "????" lines.
    Portal,
    /// kinhtedothi.vn: byline, "Chia sẻ", "Kinhtedothi - " dateline,
    /// captions with a leading space, "Tin đọc nhiều".
    KinhTeDoThi,
    /// phunuthudo.vn: kicker, fused duplicate caption, author in capitals,
    /// a footer with phone and e-mail.
    PhuNuThuDo,
    /// hanoimoi.vn: the title line lost in the scrape, captions ending " |".
    HaNoiMoi,
}

const OUTLETS: [Outlet; 5] = [
    Outlet::LaoDongThuDo,
    Outlet::Portal,
    Outlet::KinhTeDoThi,
    Outlet::PhuNuThuDo,
    Outlet::HaNoiMoi,
];

/// Generate article `index` of seed `seed`. Pure.
pub fn article(seed: u64, index: usize) -> Generated {
    let mut r = Rng::new(seed, index, STREAM_TEXT);
    // About one article in fifteen covers an event an earlier article
    // already reported, under the same headline: a second outlet at the
    // same congress. That exercises slug collisions and event merging.
    let plan_index = if index > 0 && r.chance(7) {
        index - 1 - r.below(index.min(40) as u64) as usize
    } else {
        index
    };
    let p = plan(seed, plan_index);
    let outlet = *r.pick(&OUTLETS);
    let text = write_article(&mut r, seed, index, &p, outlet);
    let hash = Rng::new(seed, index, 0x2545_f491_4f6c_dd1d).next();
    let stem = format!("{}/{index:06}_{hash:016x}", folder_name(index / PER_FOLDER));
    let mut districts = vec![DISTRICTS[p.district].name.to_string()];
    districts.extend(mentioned_districts(seed, index, p.district));
    Generated {
        stem,
        text,
        title: p.title,
        date: format!("{:04}-{:02}-{:02}", p.start.y, p.start.m, p.start.d),
        districts,
    }
}

/// Other districts an article names in passing (a neighbour's delegation,
/// a comparison); stable per article so text and front matter agree.
fn mentioned_districts(seed: u64, index: usize, subject: usize) -> Vec<String> {
    let mut r = Rng::new(seed, index, 0x1656_67b1_9e37_79f9);
    if r.chance(70) {
        return Vec::new();
    }
    let other = (subject + 1 + r.below(DISTRICTS.len() as u64 - 1) as usize) % DISTRICTS.len();
    vec![DISTRICTS[other].name.to_string()]
}

/// The target size of the raw text in bytes: mostly 4–12 KB like the seeds,
/// with short notices (2–4 KB) and long reports (12–20 KB) on either side.
fn target_len(r: &mut Rng) -> usize {
    let n = match r.below(100) {
        0..=14 => r.range(2_000, 4_000),
        15..=84 => r.range(4_000, 12_000),
        // The last paragraph and the tail go past the target: stay under 20 KB.
        _ => r.range(12_000, 18_000),
    };
    n as usize
}

fn write_article(r: &mut Rng, seed: u64, index: usize, p: &Plan, outlet: Outlet) -> String {
    let target = target_len(r);
    let mut lines: Vec<String> = Vec::new();
    let para_gap = matches!(
        outlet,
        Outlet::LaoDongThuDo | Outlet::PhuNuThuDo | Outlet::Portal
    );

    // The head.
    match outlet {
        Outlet::Portal => {
            lines.push("TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN".into());
            lines.push(String::new());
            lines.push(p.title.clone());
            let (h, m) = (r.range(6, 22), r.below(60));
            let views = r.range(12, 3_000);
            let published = published_date(p);
            lines.push(format!(
                "Ngày đăng {:02}/{:02}/{} | {h:02}:{m:02}  | Lượt xem: {views}",
                published.d, published.m, published.y
            ));
            lines.push(String::new());
        }
        Outlet::KinhTeDoThi => {
            lines.push(p.title.clone());
            lines.push(String::new());
            lines.push(person_short(r));
            lines.push("Chia sẻ".into());
            lines.push(String::new());
        }
        Outlet::PhuNuThuDo => {
            if let Some(k) = &p.kicker {
                lines.push(k.clone());
                lines.push(String::new());
            }
            lines.push(p.title.clone());
            lines.push(String::new());
        }
        Outlet::LaoDongThuDo => {
            lines.push(p.title.clone());
            lines.push(String::new());
        }
        Outlet::HaNoiMoi => {}
    }

    // The lede: date, event, who presided.
    let mut lede = lede(r, seed, p);
    if outlet == Outlet::KinhTeDoThi {
        lede = format!("Kinhtedothi - {lede}");
    }
    lines.push(lede);
    if para_gap {
        lines.push(String::new());
    }

    // The body, to the target length.
    let mut size: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut paragraphs = 0;
    while size < target {
        let mut block: Vec<String> = Vec::new();
        match r.below(20) {
            0 if paragraphs > 0 => block.push(heading(r)),
            1 if paragraphs > 0 => block.extend(caption(r, p, outlet)),
            2 if outlet == Outlet::Portal => {
                let q = r.range(12, 48) as usize;
                block.push("?".repeat(q));
            }
            _ => {
                block.push(paragraph(r, seed, index, p));
                paragraphs += 1;
            }
        }
        for l in block {
            size += l.len() + 1;
            lines.push(l);
            if para_gap {
                lines.push(String::new());
            }
        }
    }

    // The tail.
    match outlet {
        Outlet::LaoDongThuDo => {
            lines.push(person_short(r));
            let n = r.range(100_000, 199_999);
            lines.push(format!(
                "https://laodongthudo.vn/{}-{n}.html",
                slug::slugify(&p.title)
            ));
        }
        Outlet::Portal => {
            lines.push(String::new());
            lines.push("?".repeat(r.range(12, 48) as usize));
        }
        Outlet::KinhTeDoThi => {
            lines.push(String::new());
            lines.push("Tin đọc nhiều".into());
            lines.push(String::new());
            for k in 0..r.range(0, 4) {
                let other = (index as u64 + 1 + k * 7 + r.below(500)) as usize;
                lines.push(plan(seed, other).title);
            }
            lines.push("Kinh tế đô thị cuối tuần".into());
        }
        Outlet::PhuNuThuDo => {
            lines.push(person_caps(r));
            lines.push(String::new());
            lines.push(format!(
                "Bạn đang đọc bài viết {} tại chuyên mục Thời sự của Báo phụ nữ thủ đô. Mọi thông tin góp ý và chia sẻ, xin vui lòng liên hệ SĐT: 0243.9421865 hoặc gửi về hòm thư baophunuthudo@gmail.com",
                p.title
            ));
        }
        Outlet::HaNoiMoi => {}
    }
    let mut text = lines.join("\n");
    // Scrapes end without a final newline more often than with one.
    if r.chance(30) {
        text.push('\n');
    }
    text
}

/// The date a portal stamps as "Ngày đăng": the event's last day.
fn published_date(p: &Plan) -> Date {
    Date {
        d: p.end_day.unwrap_or(p.start.d),
        ..p.start
    }
}

/// A byline as initials: "X.Sinh", "Vân Nhi", "H.Anh".
fn person_short(r: &mut Rng) -> String {
    let given = if r.chance(50) {
        *r.pick(GIVEN_M)
    } else {
        *r.pick(GIVEN_F)
    };
    match r.below(3) {
        0 => format!("{}.{given}", r.pick(&["X", "H", "T", "N", "M", "P"])),
        1 => format!("{} {given}", r.pick(GIVEN_F)),
        _ => format!("{} {given}", r.pick(MIDDLE_F)),
    }
}

/// An author in capitals, as "THANH THANH".
fn person_caps(r: &mut Rng) -> String {
    let a = r.pick(GIVEN_F).to_uppercase();
    let b = r.pick(&["THANH", "HÀ", "MINH", "LAN", "HƯƠNG"]).to_string();
    format!("{b} {a}")
}

/// The date phrase that opens a lede, in the forms the seeds use.
fn date_phrase(r: &mut Rng, p: &Plan) -> String {
    let Date { y, m, d } = p.start;
    if let Some(end) = p.end_day {
        return match r.below(3) {
            0 => format!("Từ ngày {d} - {end}/{m}/{y}"),
            1 => format!(
                "Trong {:02} ngày, từ ngày {d} đến ngày {end}/{m}/{y}",
                end - d + 1
            ),
            _ => format!("Từ ngày {d}/{m} đến ngày {end}/{m}/{y}"),
        };
    }
    match r.below(7) {
        0 => format!("Ngày {d}/{m}"),
        1 => format!("Sáng nay ({d}/{m})"),
        2 => format!("Hôm nay ({d}/{m})"),
        3 => format!("Chiều {d}/{m}"),
        4 => format!("Sáng {d}/{m}/{y}"),
        5 => format!("Ngày {d:02}/{m:02}/{y}"),
        _ => format!("Ngày {d} tháng {m} năm {y}"),
    }
}

fn lede(r: &mut Rng, seed: u64, p: &Plan) -> String {
    let dist = &DISTRICTS[p.district];
    let unit = dist.unit.word();
    let name = dist.spelled(r);
    let committee = dist.committee_spelling(r);
    let when = date_phrase(r, p);
    match p.event {
        Event::Congress {
            ordinal: o,
            term_start,
        } => {
            let ord = ordinal(r, o);
            let term = term_text(r, term_start);
            let secretary = person(seed, office_key(p.district, term_start, 0));
            let guest = person(seed, office_key(99, term_start, 2));
            format!(
                "{when}, Đảng bộ {unit} {name} tổ chức Đại hội lần thứ {ord}, nhiệm kỳ {term}. Đại hội có nhiệm vụ đánh giá kết quả thực hiện Nghị quyết Đại hội Đảng bộ {unit} lần thứ {}, bầu Ban Chấp hành Đảng bộ {unit} khóa {}, nhiệm kỳ {term}. Tới dự có đồng chí {guest} - Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tổ chức Thành ủy Hà Nội. Đồng chí {secretary} - Bí thư {committee} {name} chủ trì Đại hội.",
                ordinal(r, o.saturating_sub(1).max(1)),
                roman(o)
            )
        }
        Event::Plenum {
            number,
            khoa,
            term_start,
        } => {
            let term = term_text(r, term_start);
            let secretary = person(seed, office_key(p.district, term_start, 0));
            format!(
                "{when} Đảng bộ {unit} {name} tổ chức Hội nghị Ban Chấp hành lần thứ {} khóa {}, nhiệm kỳ {term}. Hội nghị thông qua Tờ trình Báo cáo tổng kết công tác năm {} và dự thảo Chương trình công tác năm {} của Ban Chấp hành Đảng bộ, Ban Thường vụ, Thường trực {committee}… Đồng chí {secretary} – Bí thư {committee} {name} chủ trì Hội nghị.",
                ordinal(r, number),
                roman(khoa),
                p.start.y.saturating_sub(1),
                p.start.y
            )
        }
        Event::Ceremony { years } => {
            let guest = person(seed, office_key(99, p.start.y, 3));
            let deputy = person(seed, office_key(p.district, p.start.y / 5 * 5, 2));
            format!(
                "{when}, Đảng bộ {unit} {name} long trọng tổ chức Lễ kỷ niệm {years} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/{}) và tổng kết công tác xây dựng Đảng năm {}, triển khai nhiệm vụ năm {}. Tới dự có Phó Trưởng Ban Tuyên giáo Thành ủy Hà Nội {guest}. Phó Bí thư Thường trực {committee}, Chủ tịch HĐND {unit} {deputy} phát biểu khai mạc.",
                p.start.y,
                p.start.y - 1,
                p.start.y
            )
        }
        Event::Review {
            kind,
            khoa,
            term_start,
        } => {
            let secretary = person(seed, office_key(p.district, term_start, 0));
            let what = match kind {
                0 => format!("sơ kết công tác 6 tháng đầu năm {}", p.start.y),
                1 => format!("tổng kết công tác xây dựng Đảng năm {}", p.start.y - 1),
                _ => format!(
                    "sơ kết công tác giữa nhiệm kỳ Đại hội lần thứ {} Đảng bộ {unit} nhiệm kỳ {}",
                    ordinal(r, khoa),
                    term_text(r, term_start)
                ),
            };
            format!(
                "{when}, {committee} {unit} {name} đã tổ chức Hội nghị Ban chấp hành Đảng bộ {unit}, {what}. Đồng chí {secretary}, Bí thư {committee} chủ trì hội nghị."
            )
        }
    }
}

const HEADINGS: &[&str] = &[
    "Đã hoàn thành tốt nhiều nhiệm vụ",
    "Tập trung giải quyết 4 vấn đề",
    "Hiệu quả từ “5 rõ”",
    "Đẩy mạnh cải cách hành chính",
    "Thực hiện 6 nhiệm vụ trọng tâm",
    "Nhiều dấu ấn nổi bật",
    "Quyết tâm hoàn thành thắng lợi nhiệm vụ",
    "Chăm lo đời sống Nhân dân",
    "Đổi mới phương thức lãnh đạo",
];

fn heading(r: &mut Rng) -> String {
    r.pick(HEADINGS).to_string()
}

const CAPTIONS: &[&str] = &[
    "Toàn cảnh Hội nghị.",
    "Quang cảnh Đại hội.",
    "Các đại biểu biểu quyết thông qua Nghị quyết.",
    "Lãnh đạo quận trao Giấy khen cho các tập thể có thành tích xuất sắc",
    "Đồng chí Bí thư phát biểu chỉ đạo tại Hội nghị.",
    "Các đại biểu dự Lễ kỷ niệm.",
    "Ban Chấp hành Đảng bộ khóa mới ra mắt Đại hội.",
];

/// A photo caption in the outlet's style.
fn caption(r: &mut Rng, p: &Plan, outlet: Outlet) -> Vec<String> {
    let c = r.pick(CAPTIONS).to_string();
    match outlet {
        // The image's alt text (the headline again), then the caption.
        Outlet::LaoDongThuDo | Outlet::Portal => vec![p.title.clone(), c],
        Outlet::KinhTeDoThi => vec![format!(" {c}")],
        // Alt text and caption fused into one line.
        Outlet::PhuNuThuDo => vec![format!("{c}{c}")],
        Outlet::HaNoiMoi => vec![format!("{} |", c.trim_end_matches('.'))],
    }
}

const FILLER: &[&str] = &[
    "Với tinh thần đoàn kết, quyết tâm cao, huy động sự vào cuộc của cả hệ thống chính trị và các tầng lớp nhân dân, {C} {D} đã tập trung lãnh đạo, chỉ đạo thực hiện hiệu quả các nhiệm vụ chính trị, đạt kết quả quan trọng.",
    "Ban Thường vụ {C} đã tập trung lãnh đạo quán triệt, triển khai các Chỉ thị, Nghị quyết của Trung ương, Thành ủy; chỉ đạo sâu sát, quyết liệt các cấp ủy Đảng, chính quyền, các phòng, ban, ngành và cả hệ thống chính trị {u} thực hiện đồng bộ các nhiệm vụ chính trị có trọng tâm, trọng điểm.",
    "Công tác quản lý trật tự xây dựng, trật tự đô thị, triển khai các dự án; công tác tài nguyên, môi trường được triển khai đồng bộ, tích cực.",
    "Các hoạt động văn hoá – xã hội; giáo dục; y tế; an sinh xã hội được quan tâm thiết thực, hiệu quả.",
    "An ninh chính trị, trật tự an toàn xã hội được giữ vững; nhiệm vụ quốc phòng, quân sự địa phương được triển khai toàn diện.",
    "Các nội dung thường xuyên, trọng tâm công tác tuyên giáo, tổ chức xây dựng Đảng, kiểm tra, giám sát, dân vận, nội chính, văn phòng cấp ủy tiếp tục được triển khai đồng bộ, đạt kết quả toàn diện.",
    "Hoạt động của Mặt trận Tổ quốc và các đoàn thể nhân dân đã phát huy sức mạnh khối đại đoàn kết toàn dân, tích cực tham gia góp phần hoàn thành thắng lợi nhiệm vụ chung của {u}.",
    "Đẩy mạnh cải cách hành chính theo hướng công khai, minh bạch; tiếp tục tăng tỷ lệ các dịch vụ công trực tuyến mức độ 4 đảm bảo thực chất.",
    "Tăng cường đổi mới, nâng cao chất lượng công tác xây dựng Đảng, xây dựng hệ thống chính trị trong sạch, vững mạnh.",
    "Duy trì các cuộc giao ban Bí thư Đảng ủy {W} định kỳ; các cuộc họp đột xuất khi có nhiệm vụ phát sinh.",
    "Công tác quy hoạch, đầu tư xây dựng, phát triển hạ tầng kỹ thuật đô thị, hạ tầng xã hội được quan tâm đầu tư có trọng tâm, trọng điểm và thực hiện quyết liệt, tạo chuyển biến mạnh.",
    "Việc “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” được triển khai sâu rộng, tạo chuyển biến tích cực trong nhận thức và hành động của cán bộ, đảng viên và Nhân dân.",
    "Năng lực lãnh đạo của các cấp ủy đảng; hiệu lực, hiệu quả quản lý, điều hành của chính quyền được nâng cao, một số việc khó tồn tại qua nhiều nhiệm kỳ được giải quyết thành công.",
    "Thứ nhất, bám sát sự lãnh đạo, chỉ đạo của Thành uỷ, Hội đồng Nhân dân, Uỷ ban Nhân dân Thành phố, vận dụng sáng tạo, có hiệu quả các chủ trương của Trung ương và Thành phố vào tình hình thực tiễn của {u}.",
    "Thứ hai, kế thừa và phát huy truyền thống đoàn kết, khơi dậy mạnh mẽ niềm tự hào, ý chí khát vọng vươn lên trong toàn Đảng bộ, Chính quyền và Nhân dân.",
    "Thứ ba, coi trọng công tác xây dựng đội ngũ cán bộ nhất là người đứng đầu, đề cao tính nêu gương, tự phê bình và phê bình.",
    "Trong bối cảnh khó khăn, thách thức rất lớn do tác động của đại dịch Covid-19, {u} {D} đặt nhiệm vụ chống dịch là nhiệm vụ ưu tiên số một.",
    "Tiếp tục thực hiện hiệu quả “mục tiêu kép” vừa phòng, chống dịch bệnh, vừa phục hồi và phát triển kinh tế.",
    "Tập trung nguồn lực đẩy nhanh tiến độ các dự án đầu tư của {u}; quan tâm phát triển các lĩnh vực văn hóa – xã hội, chăm lo nâng cao đời sống vật chất, tinh thần của nhân dân.",
    "Công tác GPMB, đầu tư XDCB và giải ngân vốn đầu tư có tiến bộ; trật tự văn minh đô thị, quản lý đất đai được tập trung chỉ đạo, chuyển biến rõ nét.",
    "Phương thức lãnh đạo của Ban Chấp hành Đảng bộ {u} và các cấp ủy tiếp tục đổi mới theo hướng khoa học, dân chủ, sâu sát cơ sở, gần dân, sát dân.",
    "Xây dựng {u} {D} giàu đẹp, văn minh, hiện đại, phát triển bền vững, tạo nền tảng vững chắc phấn đấu đến năm 2030.",
    "Đảng bộ, chính quyền và nhân dân {u} {D} đã vinh dự được Thành phố ghi nhận và tặng cờ đơn vị xuất sắc trong phong trào thi đua.",
    "Nâng cao hiệu lực hiệu quả trong quản lý đô thị (dân cư, đất đai, trật tự đô thị, trật tự xây dựng, trật tự an toàn giao thông…); tăng cường ứng dụng công nghệ thông tin trong quản lý.",
    "Giữ vững an ninh chính trị, trật tự an toàn xã hội trong mọi tình huống, bảo đảm cuộc sống an ninh an toàn, bình yên, hạnh phúc cho Nhân dân.",
    "[huyện]Phát triển nông nghiệp theo hướng hàng hóa, ứng dụng công nghệ cao; xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu được đẩy mạnh.",
    "Thường trực {C} đã họp {n} kỳ, Ban Thường vụ đã họp {m} kỳ; đã xây dựng {k} văn bản chỉ đạo thực hiện các nhiệm vụ chính trị của {u}.",
    "Trong năm, toàn Đảng bộ kết nạp được {k} đảng viên mới, trao Huy hiệu Đảng cho {m} đồng chí.",
];

// A sentence built from parts, so that 10,000 articles do not share a few
// dozen sentences: search indexes, related-article scores and compression
// then see a vocabulary closer to the real one.
const SUBJECTS: &[&str] = &[
    "Ban Thường vụ {C}",
    "Các cấp ủy, tổ chức đảng",
    "UBND {u}",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "Các chi bộ, đảng bộ cơ sở",
    "Đội ngũ cán bộ, đảng viên",
    "Chính quyền các cấp",
    "Ủy ban Kiểm tra {C}",
    "Ban Tuyên giáo {C}",
    "Ban Dân vận {C}",
    "Các phòng, ban, ngành của {u}",
    "Hội Cựu chiến binh {u}",
    "Đoàn Thanh niên {u}",
    "Hội Liên hiệp Phụ nữ {u}",
];
const VERBS: &[&str] = &[
    "đã tập trung lãnh đạo",
    "tiếp tục đẩy mạnh",
    "chủ động triển khai",
    "quyết liệt chỉ đạo",
    "tổ chức thực hiện có hiệu quả",
    "quan tâm chỉ đạo",
    "tăng cường kiểm tra, giám sát",
    "phối hợp chặt chẽ trong",
];
const OBJECTS: &[&str] = &[
    "công tác phòng, chống tham nhũng, lãng phí",
    "công tác giải phóng mặt bằng các dự án trọng điểm",
    "việc xây dựng trường chuẩn quốc gia",
    "công tác tiếp công dân, giải quyết đơn thư",
    "chương trình chỉnh trang đô thị",
    "việc cải tạo, nâng cấp hệ thống thoát nước",
    "công tác bảo vệ môi trường, xử lý rác thải",
    "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
    "công tác chuyển đổi số",
    "việc phát triển hợp tác xã kiểu mới",
    "công tác chăm sóc sức khỏe nhân dân",
    "công tác quốc phòng địa phương",
    "việc giữ gìn trật tự an toàn giao thông",
    "công tác đào tạo, bồi dưỡng cán bộ trẻ",
    "công tác phát triển đảng viên mới",
    "các mô hình “Dân vận khéo”",
    "việc xây dựng tuyến phố văn minh",
    "chương trình giảm nghèo bền vững",
    "việc cải tạo các khu tập thể cũ",
    "công tác quản lý chợ và trung tâm thương mại",
];
const COMPLEMENTS: &[&str] = &[
    "",
    ", bảo đảm đúng tiến độ",
    " trên địa bàn {w} {p}",
    ", tạo chuyển biến rõ nét",
    ", đạt và vượt kế hoạch năm",
    ", góp phần giữ vững ổn định chính trị",
    " gắn với trách nhiệm người đứng đầu",
    ", được Nhân dân đồng tình, ủng hộ",
    ", nhất là tại {w} {p}",
];
const PLACES: &[&str] = &[
    "Tân Lập",
    "Kim Mã",
    "Phúc Xá",
    "Đại Mỗ",
    "Yên Viên",
    "Kim Chung",
    "Tiên Dược",
    "Vân Hà",
    "Đông Xuân",
    "Liên Hà",
    "Phú Minh",
    "Tam Hiệp",
    "Đồng Tâm",
    "Tương Mai",
    "Quang Trung",
    "Văn Miếu",
    "Ngọc Thụy",
    "Thụy Phương",
    "Hạ Bằng",
    "Tân Hội",
];

fn composed(r: &mut Rng, dist: &District) -> String {
    let template = format!(
        "{} {} {}{}.",
        r.pick(SUBJECTS),
        r.pick(VERBS),
        r.pick(OBJECTS),
        r.pick(COMPLEMENTS)
    );
    fill(&template, r, dist)
}

/// One paragraph: generic sentences with the article's district slotted in,
/// and now and then a sentence carrying a fact (a document, a figure, a
/// person with a role, a reference to the previous congress).
fn paragraph(r: &mut Rng, seed: u64, index: usize, p: &Plan) -> String {
    let dist = &DISTRICTS[p.district];
    let sentences = r.range(2, 6);
    let mut out = String::new();
    for _ in 0..sentences {
        if !out.is_empty() {
            out.push(' ');
        }
        let s = match r.below(12) {
            0 => document(r),
            1 => figure(r, p),
            2 => person_sentence(r, seed, p),
            3 => reference(r, p),
            4 if index.is_multiple_of(3) => neighbour(r, seed, index, p),
            5..=8 => composed(r, dist),
            _ => filler(r, dist),
        };
        out.push_str(&s);
    }
    out
}

/// A stock sentence; those marked "[huyện]" (farming, new countryside)
/// only for rural districts.
fn filler(r: &mut Rng, dist: &District) -> String {
    loop {
        let t = *r.pick(FILLER);
        match t.strip_prefix("[huyện]") {
            Some(rural) if dist.unit == Unit::Huyen => return fill(rural, r, dist),
            Some(_) => continue,
            None => return fill(t, r, dist),
        }
    }
}

fn fill(template: &str, r: &mut Rng, dist: &District) -> String {
    // "{W}": the wards of the district as a group; "{w} {p}": one of them.
    let (wards, ward) = match dist.unit {
        Unit::Huyen => ("xã, thị trấn", "xã"),
        _ => ("phường", "phường"),
    };
    template
        .replace("{W}", wards)
        .replace("{C}", &dist.committee_spelling(r))
        .replace("{D}", dist.spelled(r))
        .replace("{u}", dist.unit.word())
        .replace("{w}", ward)
        .replace("{p}", r.pick::<&str>(PLACES))
        .replace("{n}", &r.range(20, 60).to_string())
        .replace("{m}", &r.range(10, 40).to_string())
        .replace("{k}", &r.range(50, 400).to_string())
}

fn document(r: &mut Rng) -> String {
    let (kind, suffix, issuer) = *r.pick(&[
        ("Chỉ thị", "CT/TW", "Bộ Chính trị"),
        ("Nghị quyết", "NQ/TW", "Ban Chấp hành Trung ương"),
        ("Kết luận", "KL/TW", "Bộ Chính trị"),
        ("Quy định", "QĐ/TW", "Ban Chấp hành Trung ương"),
        ("Chương trình", "CTr/TU", "Thành ủy"),
        ("Nghị quyết", "NQ/TU", "Thành ủy Hà Nội"),
        ("Kế hoạch", "KH/QU", "Quận ủy"),
    ]);
    let number = r.range(1, 60);
    let y = r.range(2011, 2023);
    let (d, m) = (r.range(1, 28), r.range(1, 12));
    match r.below(3) {
        0 => format!(
            "Thực hiện nghiêm túc {kind} số {number:02}-{suffix} ngày {d}/{m}/{y} của {issuer}."
        ),
        1 => format!("Triển khai có hiệu quả {kind} số {number}-{suffix} của {issuer} gắn với các nhiệm vụ trọng tâm của địa phương."),
        _ => format!(
            "Nghị quyết Trung ương 4 (khóa XI, XII) gắn với {kind} {number:02} của {issuer} được quán triệt sâu rộng."
        ),
    }
}

fn figure(r: &mut Rng, p: &Plan) -> String {
    let y = p.start.y.saturating_sub(1);
    match r.below(4) {
        0 => {
            let budget = r.range(50_000, 1_500_000);
            let pct = r.range(950, 1_350);
            format!(
                "Thu ngân sách nhà nước trên địa bàn tính đến ngày 30/12/{y} là {} tỷ đồng, đạt {}% dự toán Thành phố giao.",
                vn_number(budget, 2),
                vn_number(pct, 1)
            )
        }
        1 => {
            let total = r.range(10, 20);
            let done = total - r.below(3);
            format!("{done}/{total} chỉ tiêu theo Nghị quyết Đại hội đã được hoàn thành và hoàn thành vượt mức.")
        }
        2 => format!(
            "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn đạt {}%; mức độ hài lòng của người dân đạt {}%.",
            r.range(90, 100),
            r.range(85, 99)
        ),
        _ => format!(
            "Tổng thu ngân sách Nhà nước bình quân hằng năm tăng {}%, thu nhập bình quân đầu người đạt {} triệu đồng/năm.",
            r.range(5, 18),
            vn_number(r.range(400, 1_200), 1)
        ),
    }
}

fn person_sentence(r: &mut Rng, seed: u64, p: &Plan) -> String {
    let dist = &DISTRICTS[p.district];
    let unit = dist.unit.word();
    let term = match p.event {
        Event::Congress { term_start, .. }
        | Event::Plenum { term_start, .. }
        | Event::Review { term_start, .. } => term_start,
        Event::Ceremony { .. } => p.start.y.saturating_sub(1) / 5 * 5,
    };
    let committee = dist.committee_spelling(r);
    match r.below(4) {
        0 => format!(
            "Phát biểu tại hội nghị, đồng chí {} - Bí thư {committee} {} nhấn mạnh yêu cầu nâng cao chất lượng công tác xây dựng Đảng.",
            person(seed, office_key(p.district, term, 0)),
            dist.name
        ),
        1 => format!(
            "Chủ tịch UBND {unit} {} cho biết, {unit} sẽ tập trung tháo gỡ khó khăn cho sản xuất kinh doanh.",
            person(seed, office_key(p.district, term, 1))
        ),
        2 => format!(
            "Phó Bí thư Thường trực {committee}, Chủ tịch HĐND {unit} {} trao Giấy khen cho các tập thể có thành tích xuất sắc.",
            person(seed, office_key(p.district, term, 2))
        ),
        _ => format!(
            "Phó Bí thư Thường trực Thành ủy Hà Nội {} ghi nhận và đánh giá cao những kết quả mà Đảng bộ, Nhân dân {unit} {} đã đạt được.",
            person(seed, office_key(99, term, 1)),
            dist.name
        ),
    }
}

fn reference(r: &mut Rng, p: &Plan) -> String {
    let dist = &DISTRICTS[p.district];
    let unit = dist.unit.word();
    let o = dist.ordinal_2020;
    let (prev, term) = match r.below(3) {
        0 => (o.saturating_sub(1).max(1), 2015),
        1 => (o.saturating_sub(2).max(1), 2010),
        _ => (o, 2020),
    };
    format!(
        "Đảng bộ {unit} đã bám sát sự lãnh đạo, chỉ đạo của Thành phố, thực hiện đồng bộ, có hiệu quả Nghị quyết Đại hội Đảng bộ {unit} lần thứ {}, nhiệm kỳ {}.",
        ordinal(r, prev),
        term_text(r, term)
    )
}

fn neighbour(r: &mut Rng, seed: u64, index: usize, p: &Plan) -> String {
    match mentioned_districts(seed, index, p.district).first() {
        Some(other) => format!(
            "Đoàn đại biểu Đảng bộ {} đã đến dự và chúc mừng, trao đổi kinh nghiệm trong công tác xây dựng Đảng.",
            other
        ),
        None => filler(r, &DISTRICTS[p.district]),
    }
}

/// The seeds and `n` articles generated from `seed`, each loaded and
/// processed with the built-in gazetteer and linked: an archive for tests
/// of what is made from one.
#[cfg(test)]
pub(crate) fn sample_archive(seed: u64, n: usize) -> crate::link::Archive {
    let g = crate::extract::districts::Gazetteer::builtin();
    let mut texts: Vec<(String, Vec<u8>)> = crate::text::seed_texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| (format!("seed{i}.txt"), t.into_bytes()))
        .collect();
    texts.extend((0..n).map(|i| (format!("gen{i}.txt"), article(seed, i).text.into_bytes())));
    let articles: Vec<crate::model::Article> = texts
        .into_iter()
        .filter_map(|(name, bytes)| crate::load::raw_doc(&name, bytes).ok())
        .filter_map(|raw| crate::process(&raw, &g).ok())
        .collect();
    crate::link::link(articles, Vec::new(), &g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(28), "XXVIII");
        assert_eq!(roman(26), "XXVI");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(19), "XIX");
    }

    #[test]
    fn ordinals_in_words() {
        assert_eq!(ordinal_words(10), "Mười");
        assert_eq!(ordinal_words(1), "Nhất");
        assert_eq!(ordinal_words(4), "Tư");
        assert_eq!(ordinal_words(12), "Mười hai");
        assert_eq!(ordinal_words(15), "Mười lăm");
        assert_eq!(ordinal_words(21), "Hai mươi mốt");
        assert_eq!(ordinal_words(24), "Hai mươi tư");
        assert_eq!(ordinal_words(30), "Ba mươi");
    }

    #[test]
    fn vietnamese_number_format() {
        assert_eq!(vn_number(1_206_506, 2), "12.065,06");
        assert_eq!(vn_number(1115, 1), "111,5");
        assert_eq!(vn_number(12_789, 0), "12.789");
        assert_eq!(vn_number(7, 2), "0,07");
    }

    #[test]
    fn toml_strings_escape_quotes() {
        assert_eq!(toml_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }

    #[test]
    fn office_holders_keep_their_names() {
        let a = person(7, office_key(5, 2020, 0));
        assert_eq!(a, person(7, office_key(5, 2020, 0)));
        assert!((3..=4).contains(&a.split(' ').count()), "{a}");
    }
}

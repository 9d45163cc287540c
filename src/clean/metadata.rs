//! Lines whose content is metadata: the publication date line, source
//! attributions ("Theo TTXVN"), a trailing source URL, a dateline prefix on
//! the lede ("Kinhtedothi - "), the publication named in a footer.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::WordRegex;

/// A date d/m/yyyy (also with "-" or "."): "19/07/2020", "6-1-2022".
static DATE: LazyLock<WordRegex> =
    LazyLock::new(|| crate::text::static_word_regex(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b"));

/// A clock time: "18:40", "10h30".
static TIME: LazyLock<WordRegex> =
    LazyLock::new(|| crate::text::static_word_regex(r"\b(\d{1,2})[:h](\d{2})\b"));

/// What a date line may hold besides the date and time: "Ngày đăng",
/// "Cập nhật lúc", weekdays ("Thứ hai", "Chủ nhật"), "(GMT+7)", a view
/// counter ("Lượt xem: 174"), and separators.
static DATE_LINE_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|xuất\s+bản|cập\s+nhật(?:\s+lúc|\s+ngày)?|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|ngày|lúc|gmt(?:\s*\+\s*(?:0?7(?::00)?)?)?|\b(?:am|pm|sa|ch)\b|(?:lượt\s+(?:xem|đọc)|views?)\s*:?\s*[\d.,]+|[\s|,:()\-–—/]",
    )
});

/// A source attribution on its own line: "Theo TTXVN", "(Theo Hà Nội Mới)",
/// "Nguồn: VOV", "Theo báo Kinh tế & Đô thị", "Nguồn: hanoimoi.vn". The name
/// starts with a capital or is a site's domain, so "Theo đó, …" and "Theo
/// báo cáo, …" are not attributions.
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^\(?\s*(?:Theo|Nguồn)\s*:?\s+(?:(?:báo|tạp chí|trang|cổng thông tin(?:\s+điện tử)?|đài)\s+)?(\p{Lu}[^,;()\d]{0,59}?|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\s*\)?\s*\.?$",
    )
});

/// A bare URL line, optionally labelled: "https://laodongthudo.vn/….html",
/// "Nguồn: https://…", "www.hanoimoi.com.vn/…".
static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"^(?:(?:Nguồn|Link|Source)\s*:\s*)?((?:https?://|www\.)\S+)$")
});

/// A dateline prefix on the lede: a site name as one token, or in
/// parentheses, then a dash, then the lede's first capital: "Kinhtedothi - ",
/// "(HNMO) - ", "VOV.VN – ", "(Dân trí) – ". A place dateline of two words
/// ("Hà Nội - ") does not match.
///
/// The name's length (3 to 25 characters bare, 2 to 30 in parentheses) is
/// counted after the match, not written as `{2,24}`: each counted copy of a
/// Unicode class made the pattern slow to compile. The name is the whole run
/// of its class either way (what may follow it, white space, a dash or ")",
/// is not in the class), so counting after gives the same answer. The
/// pattern also ends at the capital, not at the end of the lede: the lede
/// is the rest of the line, and matching it with `.*$` ran the slow capture
/// engine over every lede with a dateline.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"^(\p{L}[\p{L}\p{N}.]+|\([\p{L}\p{N}. ]+\))\s*[-–—]\s+\p{Lu}")
});

/// The publication a footer names: "… của Báo phụ nữ thủ đô.", "Bản
/// quyền thuộc về Báo Đại biểu Nhân dân", "© 1997 Báo VietNamNet. All
/// rights reserved.", and the line naming the paper's owner, "Báo Lao Động
/// - Cơ quan của Tổng Liên đoàn Lao động Việt Nam" (see `OWNER_LINE`).
static FOOTER_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?:của|thuộc\s+về)\s+((?:Báo|Tạp chí|Đài|Cổng thông tin)\s+[^.,;]{2,60})",
    )
});

/// A copyright line's holder: "© 1997 Báo VietNamNet. All rights
/// reserved.", "© Tuổi trẻ Thủ đô 2024".
static COPYRIGHT_HOLDER: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^©\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(?:(?:Bản\s+quyền|Copyright)\s+(?:thuộc\s+(?:về\s+)?)?)?((?:Báo|Tạp chí|Đài)\s+[^.,;©\d]{2,40}|\p{Lu}[^.,;©\d]{1,40})",
    )
});

/// A paper's name and its owner: "Báo Sài Gòn Giải Phóng - Cơ quan của
/// Đảng bộ …", "Người Hà Nội - Cơ quan của Hội Liên hiệp …", "Báo Công an
/// nhân dân - Cơ quan Trung ương của Bộ Công an". A site footer's line.
static OWNER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^((?:Báo|Tạp chí|Đài)\s+[^.,;\-–]{2,50}?|\p{Lu}[^.,;\-–]{1,40}?)\s+[-–]\s+Cơ\s+quan\s+(?:chủ\s+quản|của|ngôn\s+luận|Trung\s+ương|thông\s+tấn)",
    )
});

/// `OWNER_LINE`.
pub fn is_owner_line(text: &str) -> bool {
    // A searcher made once: every line is asked.
    static CO_QUAN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Cơ quan"));
    text.len() <= 400 && CO_QUAN.find(text.as_bytes()).is_some() && OWNER_LINE.is_match(text)
}

/// The publication time of a date line ("Ngày đăng 19/07/2020 | 18:40 |
/// Lượt xem: 174" -> "2020-07-19T18:40"), or `None` when the line says
/// anything besides a date, a time and the usual labels.
pub fn published_from_line(text: &str) -> Option<String> {
    // A date line is a date, a time and filler and nothing else: a line with
    // a character none of them can match is not one. Checking that first
    // spares most lines the regexes (their Unicode `\b` runs on the slow
    // engines, and body sentences with a date in them used to run all three).
    if !text.chars().all(may_be_in_date_line) {
        return None;
    }
    let date = DATE.captures(text)?;
    let (d, m, y) = (
        date[1].parse::<u32>().ok()?,
        date[2].parse::<u32>().ok()?,
        &date[3],
    );
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    let without_date = DATE.replace_all(text, " ");
    let time = TIME.captures(&without_date).and_then(|t| {
        let (h, min) = (t[1].parse::<u32>().ok()?, t[2].parse::<u32>().ok()?);
        (h < 24 && min < 60).then(|| format!("T{h:02}:{min:02}"))
    });
    let rest = TIME.replace_all(&without_date, " ");
    let rest = DATE_LINE_FILLER.replace_all(&rest, "");
    if !rest.trim().is_empty() {
        return None;
    }
    Some(format!("{y}-{m:02}-{d:02}{}", time.unwrap_or_default()))
}

/// A date line that gives a weekday and a day but no year: "Thứ Sáu,
/// 17/12", "Chủ nhật, 5/3 - 08:30". It is the page's, not the article's
/// text, and no date can be read from it.
static YEARLESS_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)^(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}(?:\s*[,|\-–]?\s*(?:lúc\s+)?\d{1,2}[:h]\d{2})?$",
    )
});

/// `YEARLESS_DATE_LINE`.
pub fn is_yearless_date_line(text: &str) -> bool {
    text.len() < 60 && YEARLESS_DATE_LINE.is_match(text)
}

/// A date line led by the site's name: "Hànộimới   09/08/2015 08:15" ->
/// ("Hànộimới", "2015-08-09T08:15"). The name is one to four words, the
/// first capitalised, with no sentence punctuation.
pub fn site_then_date(text: &str) -> Option<(String, String)> {
    // Such a line is short, and opens with the name's capital: most lines,
    // paragraphs, are spared the rest.
    if text.len() > 100 || !text.starts_with(char::is_uppercase) {
        return None;
    }
    let digit = text.find(|c: char| c.is_ascii_digit())?;
    let (name, rest) = text.split_at(digit);
    let name = name.trim().trim_end_matches(['-', '–', '|', ' ']).trim();
    let words = name.split_whitespace().count();
    let shaped = (1..=4).contains(&words)
        && name.chars().next().is_some_and(char::is_uppercase)
        && !name.contains(['.', ',', ';', ':', '!', '?', '(', ')']);
    if !shaped || published_from_line(name).is_some() || DATE_LINE_FILLER.is_match(name) {
        return None;
    }
    Some((name.to_string(), published_from_line(rest)?))
}

/// The lower-case letters and the punctuation written in DATE, TIME and
/// DATE_LINE_FILLER. The patterns use no `.` outside a class and no letter
/// ranges, so any character they match is one of these (case-insensitively),
/// a digit or white space.
static DATE_LINE_CHARS: LazyLock<HashSet<char>> = LazyLock::new(|| {
    [DATE.as_str(), TIME.as_str(), DATE_LINE_FILLER.as_str()]
        .iter()
        .flat_map(|p| p.chars())
        .flat_map(char::to_lowercase)
        .collect()
});

/// `date_line_char`, read from a table made from it for the characters
/// below U+2100 (Latin with the Vietnamese letters, and the quotes and dashes of General Punctuation): every line is tested
/// character by character, and hashing each into the set cost more than
/// the rest of the date line rules.
fn may_be_in_date_line(c: char) -> bool {
    static BELOW_2100: LazyLock<Vec<bool>> = LazyLock::new(|| {
        (0..0x2100)
            .map(|u| char::from_u32(u).is_some_and(date_line_char))
            .collect()
    });
    match BELOW_2100.get(c as usize) {
        Some(&yes) => yes,
        None => date_line_char(c),
    }
}

/// Can this character be part of a date line? A superset: digits (a
/// wider class than `\d`), white space, and what the patterns spell.
fn date_line_char(c: char) -> bool {
    if c.is_ascii_digit() || c == ' ' {
        return true;
    }
    let set = &*DATE_LINE_CHARS;
    c.is_numeric()
        || c.is_whitespace()
        || c.to_lowercase().all(|l| set.contains(&l))
        // Case-insensitive `s` and `k` also match these two.
        || (c == 'ſ' && set.contains(&'s'))
        || (c == '\u{212A}' && set.contains(&'k'))
}

/// The source a line attributes the article to: "Theo TTXVN" -> "TTXVN",
/// "(Theo Hà Nội Mới)" -> "Hà Nội Mới".
pub fn source_attribution(text: &str) -> Option<String> {
    // The pattern's opening, checked first: few lines open with the word.
    if !opens_attribution(text) || text.split_whitespace().nth(10).is_some() {
        return None;
    }
    let caps = SOURCE_LINE.captures(text)?;
    Some(caps[1].trim().to_string())
}

/// Does `text` open as `SOURCE_LINE` does: an optional "(", white space
/// (`\s`, which is `char::is_whitespace`), then "Theo" or "Nguồn"?
fn opens_attribution(text: &str) -> bool {
    let rest = text.strip_prefix('(').unwrap_or(text).trim_start();
    rest.starts_with("Theo") || rest.starts_with("Nguồn")
}

/// The URL of a bare URL line.
pub fn url_line(text: &str) -> Option<String> {
    URL_LINE.captures(text.trim()).map(|c| {
        let url = c[1].trim_end_matches(['.', ',', ')']);
        if url.starts_with("www.") {
            format!("https://{url}")
        } else {
            url.to_string()
        }
    })
}

/// The site of a URL: "https://www.laodongthudo.vn/x.html" -> "laodongthudo.vn".
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// Split a dateline prefix off the lede: "Kinhtedothi - Ngày 5/4, …" ->
/// ("Kinhtedothi", "Kinhtedothi -", "Ngày 5/4, …"): the publisher, the text
/// cut, and the lede that stays.
pub fn split_dateline(text: &str) -> Option<(String, String, String)> {
    let caps = DATELINE.captures(text)?;
    let site = caps.get(1)?.as_str();
    let name_chars = match site.strip_prefix('(') {
        Some(inside) => (2..=30).contains(&(inside.chars().count() - 1)),
        None => (3..=25).contains(&site.chars().count()),
    };
    // The lede starts at the capital that ends the match, and is the rest
    // of the text (which `.` would not cross at a line break).
    let head = caps.get(0)?.as_str();
    let capital = head.chars().next_back()?;
    let lede = &text[head.len() - capital.len_utf8()..];
    if !name_chars || lede.contains('\n') {
        return None;
    }
    let name = site.trim_matches(['(', ')', ' ']).to_string();
    let cut = text[..head.len() - capital.len_utf8()].trim().to_string();
    Some((name, cut, lede.to_string()))
}

/// The publication a site footer names.
pub fn footer_publication(text: &str) -> Option<String> {
    let owner = || {
        is_owner_line(text)
            .then(|| OWNER_LINE.captures(text))
            .flatten()
            .and_then(|c| c.get(1))
    };
    let copyright = || {
        text.starts_with('©')
            .then(|| COPYRIGHT_HOLDER.captures(text))
            .flatten()
            .and_then(|c| c.get(1))
    };
    let found = copyright()
        .or_else(|| FOOTER_PUBLICATION.captures(text).and_then(|c| c.get(1)))
        .or_else(owner)?;
    Some(found.as_str().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_give_the_publication_time() {
        assert_eq!(
            published_from_line("Ngày đăng 19/07/2020 | 18:40 | Lượt xem: 174").as_deref(),
            Some("2020-07-19T18:40")
        );
        assert_eq!(
            published_from_line("Thứ hai, 06/01/2022 - 10:30 (GMT+7)").as_deref(),
            Some("2022-01-06T10:30")
        );
        assert_eq!(
            published_from_line("Cập nhật: 05/04/2018").as_deref(),
            Some("2018-04-05")
        );
        assert_eq!(
            published_from_line("10:15, 2-6-2020").as_deref(),
            Some("2020-06-02T10:15")
        );
        assert_eq!(
            published_from_line("06/01/2022 10:30 AM").as_deref(),
            Some("2022-01-06T10:30")
        );
    }

    #[test]
    fn a_date_line_with_the_zone_written_in_full_or_a_site_before_it() {
        assert_eq!(
            published_from_line("18/10/2025   17:35 (GMT+07:00)").as_deref(),
            Some("2025-10-18T17:35")
        );
        assert_eq!(
            site_then_date("Hànộimới   09/08/2015 08:15"),
            Some(("Hànộimới".to_string(), "2015-08-09T08:15".to_string()))
        );
        assert_eq!(
            site_then_date("VietNamNet - 18/10/2025 17:35"),
            Some(("VietNamNet".to_string(), "2025-10-18T17:35".to_string()))
        );
        assert_eq!(site_then_date("Thứ Hai, 20/07/2020"), None);
        assert!(is_yearless_date_line("Thứ Sáu, 17/12"));
        assert!(is_yearless_date_line("Chủ nhật, 5/3 - 08:30"));
        assert!(!is_yearless_date_line(
            "Thứ Sáu, 17/12, quận tổ chức hội nghị"
        ));
        assert_eq!(site_then_date("Ngày 20/7/2020, quận tổ chức Đại hội"), None);
        assert_eq!(
            site_then_date("Đại hội Đảng bộ quận Ba Đình 20/7/2020"),
            None
        );
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        assert_eq!(
            published_from_line("Thu ngân sách tính đến ngày 30/12/2021 là 12.065,06 tỷ đồng."),
            None
        );
        assert_eq!(published_from_line("Ngày 45/13/2020"), None);
    }

    #[test]
    fn source_attributions() {
        assert_eq!(source_attribution("Theo TTXVN").as_deref(), Some("TTXVN"));
        assert_eq!(
            source_attribution("(Theo Hà Nội Mới)").as_deref(),
            Some("Hà Nội Mới")
        );
        assert_eq!(source_attribution("Nguồn: VOV").as_deref(), Some("VOV"));
        assert_eq!(
            source_attribution("Nguồn: hanoimoi.vn").as_deref(),
            Some("hanoimoi.vn")
        );
        assert_eq!(
            source_attribution("(Theo baotintuc.vn)").as_deref(),
            Some("baotintuc.vn")
        );
        assert_eq!(source_attribution("Theo quy định."), None);
        assert_eq!(
            source_attribution("Theo báo Kinh tế & Đô thị").as_deref(),
            Some("Kinh tế & Đô thị")
        );
        assert_eq!(
            source_attribution("Theo đó, năm 2021 quận đạt kết quả tốt."),
            None
        );
        assert_eq!(source_attribution("Theo báo cáo, nửa nhiệm kỳ qua"), None);
        assert_eq!(source_attribution("Theo Nghị quyết số 12"), None);
    }

    #[test]
    fn date_line_characters_by_table_agree_with_the_set() {
        for c in (0..=0x3000)
            .filter_map(char::from_u32)
            .chain(['ſ', '\u{212A}'])
        {
            assert_eq!(may_be_in_date_line(c), date_line_char(c), "{c:?}");
        }
    }

    #[test]
    fn attributions_are_opened_as_the_pattern_opens_them() {
        let opening = Regex::new(r"^\(?\s*(?:Theo|Nguồn)").unwrap();
        for start in ["", "(", "((", " (", "\u{a0}", "(\u{2003}\t", "x"] {
            for word in [
                "Theo", "Nguồn", "theo", "Nguon", "THEO", "Theo:", "Nguồn:", "The",
            ] {
                for tail in ["", " TTXVN", ": VOV)", "dõi"] {
                    let text = format!("{start}{word}{tail}");
                    assert_eq!(
                        opens_attribution(&text),
                        opening.is_match(&text),
                        "{text:?}"
                    );
                }
            }
        }
        assert!(SOURCE_LINE.as_str().starts_with(r"^\(?\s*(?:Theo|Nguồn)"));
    }

    #[test]
    fn url_lines_and_hosts() {
        let u = "https://laodongthudo.vn/dang-bo-quan-dong-da-134856.html";
        assert_eq!(url_line(u).as_deref(), Some(u));
        assert_eq!(
            url_line("Nguồn: https://hanoimoi.vn/a.html").as_deref(),
            Some("https://hanoimoi.vn/a.html")
        );
        assert_eq!(url_line("Xem tại https://hanoimoi.vn/a.html"), None);
        assert_eq!(host_of(u).as_deref(), Some("laodongthudo.vn"));
        assert_eq!(
            host_of("https://www.hanoimoi.com.vn/x").as_deref(),
            Some("hanoimoi.com.vn")
        );
    }

    #[test]
    fn datelines_name_the_site() {
        let (name, cut, rest) =
            split_dateline("Kinhtedothi - Ngày 5/4, Quận ủy quận Ba Đình đã tổ chức").unwrap();
        assert_eq!(name, "Kinhtedothi");
        assert_eq!(cut, "Kinhtedothi -");
        assert_eq!(rest, "Ngày 5/4, Quận ủy quận Ba Đình đã tổ chức");
        let (name, _, _) = split_dateline("(HNMO) – Sáng 6/1, quận Đống Đa").unwrap();
        assert_eq!(name, "HNMO");
        assert!(split_dateline("Hà Nội - Sáng 6/1, quận Đống Đa").is_none());
        assert!(split_dateline("Từ ngày 2 – 4/6/2020, Đảng bộ quận").is_none());
    }

    #[test]
    fn datelines_are_found_as_by_the_whole_pattern() {
        // The definition: the name's length counted in the pattern, and the
        // lede matched to the end of the text.
        let whole = Regex::new(
            r"^(\p{L}[\p{L}\p{N}.]{2,24}|\([\p{L}\p{N}. ]{2,30}\))\s*[-–—]\s+(\p{Lu}.*)$",
        )
        .unwrap();
        let by_definition = |text: &str| {
            let caps = whole.captures(text)?;
            let name = caps[1].trim_matches(['(', ')', ' ']).to_string();
            let rest = caps.get(2)?;
            let cut = text[..rest.start()].trim().to_string();
            Some((name, cut, rest.as_str().to_string()))
        };
        let mut names: Vec<String> = [
            "",
            "K",
            "Kt",
            "Kin",
            "VOV.VN",
            "Kinhtedothi",
            "Đô",
            "Đống",
            "HNMO1",
            "2020",
            "a.b",
            "ĐẢNG",
            "(HNMO)",
            "(Dân trí)",
            "( )",
            "(a)",
            "(ab)",
            "(  )",
            "(a b c)",
            "(Hà-Nội)",
            "(HNMO",
            "HNMO)",
            "Hà Nội",
            "Kinh tế",
        ]
        .map(String::from)
        .to_vec();
        for n in 23..=26 {
            names.push("x".repeat(n));
            names.push("ồ".repeat(n));
        }
        for n in 29..=31 {
            names.push(format!("({})", "y".repeat(n)));
            names.push(format!("({})", "ộ ".repeat(n / 2)));
        }
        let gaps = ["", " ", "  ", "\u{a0}", "\t", " \u{2003}"];
        let dashes = ["-", "–", "—", "--", "~"];
        let ledes = [
            "Ngày 5/4, Quận ủy",
            "Sáng 6/1",
            "ngày 5/4",
            "Đ",
            "Ước tính\nHai dòng",
            "1 ngày",
            "Ǆ ghép",
            "",
        ];
        let (mut checked, mut matched) = (0, 0);
        for name in &names {
            for before in gaps {
                for dash in dashes {
                    for after in gaps {
                        for lede in ledes {
                            let text = format!("{name}{before}{dash}{after}{lede}");
                            let found = split_dateline(&text);
                            assert_eq!(found, by_definition(&text), "{text:?}");
                            checked += 1;
                            matched += usize::from(found.is_some());
                        }
                    }
                }
            }
        }
        assert!(checked > 40_000 && matched > 1_000, "{checked} {matched}");
    }

    #[test]
    fn footers_name_their_publication() {
        assert_eq!(
            footer_publication("tại chuyên mục Thời sự của Báo phụ nữ thủ đô. Mọi thông tin")
                .as_deref(),
            Some("Báo phụ nữ thủ đô")
        );
        assert_eq!(
            footer_publication("Bản quyền thuộc về Báo Đại biểu Nhân dân").as_deref(),
            Some("Báo Đại biểu Nhân dân")
        );
        assert_eq!(
            footer_publication("© 1997 Báo VietNamNet. All rights reserved.").as_deref(),
            Some("Báo VietNamNet")
        );
        assert_eq!(
            footer_publication("© Tuổi trẻ Thủ đô 2024").as_deref(),
            Some("Tuổi trẻ Thủ đô")
        );
        assert_eq!(
            footer_publication("Báo Lao Động - Cơ quan của Tổng Liên đoàn Lao động Việt Nam")
                .as_deref(),
            Some("Báo Lao Động")
        );
        assert_eq!(
            footer_publication(
                "Người Hà Nội - Cơ quan của Hội Liên hiệp các Hội Văn học Nghệ thuật Hà Nội"
            )
            .as_deref(),
            Some("Người Hà Nội")
        );
        assert!(is_owner_line(
            "Báo Công an nhân dân - Cơ quan Trung ương của Bộ Công an"
        ));
        assert!(!is_owner_line(
            "Quận ủy Ba Đình - cơ quan lãnh đạo của Đảng bộ quận."
        ));
    }
}

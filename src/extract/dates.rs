//! Dates as the articles write them ("ngày 02/9/1945", "Sáng nay (6/1)",
//! "Từ ngày 2 - 4/6/2020", "từ ngày 21 đến ngày 23/7/2020", "30/6 – 2/7/2020",
//! "tháng 7/2020"), and the year of a date written without one, inferred
//! from the text with its basis in words.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Precision;

/// A date with the parts the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub day: Option<u32>,
    pub month: u32,
    pub year: Option<i32>,
}

impl PartialDate {
    /// ISO at the precision the parts allow, given a year.
    pub fn iso(&self, year: i32) -> String {
        match self.day {
            Some(d) => format!("{year:04}-{:02}-{d:02}", self.month),
            None => format!("{year:04}-{:02}", self.month),
        }
    }

    /// The day, if the calendar has it in `year` ("30/2" and "31/4" are
    /// typos, not dates); `None` too for a month without a day.
    pub fn day_in(&self, year: i32) -> Option<time::Date> {
        let month = time::Month::try_from(u8::try_from(self.month).ok()?).ok()?;
        time::Date::from_calendar_date(year, month, u8::try_from(self.day?).ok()?).ok()
    }

    /// Whether the calendar has this date in `year`: a month always, a day
    /// only if the month has it.
    pub fn exists_in(&self, year: i32) -> bool {
        self.day.is_none() || self.day_in(year).is_some()
    }

    pub fn precision(&self) -> Precision {
        if self.day.is_some() {
            Precision::Day
        } else {
            Precision::Month
        }
    }
}

/// A date or range found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateSpan {
    pub start: PartialDate,
    pub end: PartialDate,
    /// Byte span in the text searched.
    pub span: Range<usize>,
    /// Written after "ngày", "từ ngày", or alone in brackets "(6/1)": a date
    /// for sure, not a fraction like "12/12 chỉ tiêu".
    pub cued: bool,
}

impl DateSpan {
    /// Is the year written (at the end, which gives it to the start too)?
    pub fn has_year(&self) -> bool {
        self.end.year.is_some()
    }

    /// A range over many years is an anniversary span ("3/2/1930 – 3/2/2020"),
    /// not an event's dates.
    pub fn is_anniversary_span(&self) -> bool {
        matches!((self.start.year, self.end.year), (Some(a), Some(b)) if b - a > 1)
    }

    /// Resolve to ISO (start, end) given the year of the end; `None` when
    /// either is a day the calendar does not have.
    pub fn resolve(&self, end_year: i32) -> Option<(String, String)> {
        let end_year = self.end.year.unwrap_or(end_year);
        let start_year = self.start.year.unwrap_or(
            // "30/12 – 2/1/2022": the start is in the year before.
            if self.start.month > self.end.month {
                end_year - 1
            } else {
                end_year
            },
        );
        (self.start.exists_in(start_year) && self.end.exists_in(end_year))
            .then(|| (self.start.iso(start_year), self.end.iso(end_year)))
    }
}

/// Every date form, leftmost-first, longest form first:
/// - `r`: "30/6 – 2/7/2020", "3/2/1930 – 3/2/2020", "21/7 đến ngày 23/7/2020"
/// - `dr`: "2 - 4/6/2020", "21 đến ngày 23/7/2020", "21 và 22/7" (days of
///   one month)
/// - `dh`: "8 và 9-7", "19 đến 21-7-2020" (the same with hyphens; only cued)
/// - `w`: "ngày 5 tháng 4 năm 2018"
/// - `m`: "tháng 7/2020", "tháng 7 năm 2020"
/// - `s`: "02/9/1945", "6/1", "19/07/2020"
/// - `h`: "12-8-2025", "Sáng 12-8" (the hyphens of Hà Nội mới, Nhân Dân and
///   others; without a year only where a word cues it, see `date_of`)
/// - `p`: "14.4.2025", "Chiều 8.1" (the dots of Lao Động and others; the
///   same rule: a dot also groups thousands, "1.102 tỷ đồng")
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?xi)
        (?P<r> (?P<rd1>\d{1,2})/(?P<rm1>\d{1,2})(?:/(?P<ry1>\d{4}))?
               \s*(?:-|–|—|đến(?:\s+ngày)?)\s*
               (?P<rd2>\d{1,2})/(?P<rm2>\d{1,2})(?:/(?P<ry2>\d{4}))? )
        | (?P<dr> (?P<dd1>\d{1,2})\s*(?:-|–|—|và|đến(?:\s+ngày)?)\s*
               (?P<dd2>\d{1,2})[/.](?P<dm>\d{1,2})(?:[/.](?P<dy>\d{4}))? )
        | (?P<dh> (?P<hd1>\d{1,2})\s+(?:và|đến(?:\s+ngày)?)\s+
               (?P<hd2>\d{1,2})-(?P<hm2>\d{1,2})(?:-(?P<hy2>\d{4}))? )
        | (?P<w> ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})(?:\s+năm\s+(?P<wy>\d{4}))? )
        | (?P<m> tháng\s+(?P<mm>\d{1,2})(?:/|\.|\s+năm\s+)(?P<my>\d{4}) )
        | (?P<s> (?P<sd>\d{1,2})/(?P<sm>\d{1,2})(?:/(?P<sy>\d{4}))? )
        | (?P<h> (?P<hd>\d{1,2})-(?P<hm>\d{1,2})(?:-(?P<hy>\d{4}))? )
        | (?P<p> (?P<pd>\d{1,2})\.(?P<pm>\d{1,2})(?:\.(?P<py>\d{4}))? )
        ",
    )
});

/// Find the dates of a text. Digits glued to other digits or slashes
/// ("35/2021/NĐ-CP", "05-CT/TW") are not dates.
pub fn find_dates(text: &str) -> Vec<DateSpan> {
    dates_in(text).collect()
}

/// `find_dates`, found as they are asked for: a caller that needs only the
/// first reads no further (each date is a search for its groups).
pub fn dates_in(text: &str) -> impl Iterator<Item = DateSpan> + '_ {
    DATE.captures_iter(text)
        .filter_map(|caps| date_of(text, &caps))
}

/// The date a match of `DATE` in `text` gives, if it is one.
fn date_of(text: &str, caps: &regex::Captures) -> Option<DateSpan> {
    let whole = caps.get(0)?;
    let glued_before = text[..whole.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '-' || c == '.');
    let glued_after = text[whole.end()..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '/');
    if glued_before || glued_after {
        return None;
    }
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let pd = |d: Option<u32>, m: Option<u32>, y: Option<i32>| -> Option<PartialDate> {
        let month = m.filter(|m| (1..=12).contains(m))?;
        if d.is_some_and(|d| !(1..=31).contains(&d)) {
            return None;
        }
        Some(PartialDate {
            day: d,
            month,
            year: y,
        })
    };
    let parsed = if caps.name("r").is_some() {
        pd(num("rd1"), num("rm1"), year("ry1")).zip(pd(num("rd2"), num("rm2"), year("ry2")))
    } else if caps.name("dr").is_some() {
        let end = pd(num("dd2"), num("dm"), year("dy"));
        let start = pd(num("dd1"), num("dm"), year("dy"));
        start.zip(end).filter(|(s, e)| s.day < e.day)
    } else if caps.name("dh").is_some() {
        let end = pd(num("hd2"), num("hm2"), year("hy2"));
        let start = pd(num("hd1"), num("hm2"), year("hy2"));
        start.zip(end).filter(|(s, e)| s.day < e.day)
    } else if caps.name("w").is_some() {
        pd(num("wd"), num("wm"), year("wy")).map(|d| (d, d))
    } else if caps.name("m").is_some() {
        pd(None, num("mm"), year("my")).map(|d| (d, d))
    } else if caps.name("s").is_some() {
        pd(num("sd"), num("sm"), year("sy")).map(|d| (d, d))
    } else if caps.name("h").is_some() {
        pd(num("hd"), num("hm"), year("hy")).map(|d| (d, d))
    } else {
        pd(num("pd"), num("pm"), year("py")).map(|d| (d, d))
    };
    let (start, end) = parsed?;
    // "từ 6 đến 8/7/2020": a span opened by "từ" is one of days.
    // The last word before the span is read, not all the text before it.
    let span_form = ["r", "dr", "dh"].iter().any(|g| caps.name(g).is_some());
    let opened_by_tu = span_form
        && text[..whole.start()]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.to_lowercase().ends_with("từ"));
    let cued = is_cued(text, whole.range()) || opened_by_tu;
    if caps.name("dr").is_some() && whole.as_str().contains('.') && !cued {
        // "25 và 26.7": dotted, on the dotted days' terms.
        return None;
    }
    if caps.name("dh").is_some() && (!cued || text[whole.end()..].starts_with('-')) {
        // "8 và 9-7": as a day with a hyphen, only where a word cues it.
        return None;
    }
    if caps.name("h").is_some() {
        // "3-5" is as often a count, a score or a range as a day: only a
        // year or a cue ("Sáng 12-8") makes it a date, and "12-8-20" is no
        // date this form reads.
        let year_glued = text[whole.end()..].starts_with('-');
        if year_glued || caps.name("hy").is_none() && !cued {
            return None;
        }
    }
    if caps.name("p").is_some() {
        // The same for dots; "8.1.20" is no date either.
        let year_glued = text[whole.end()..].starts_with('.')
            && text[whole.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
        if year_glued || caps.name("py").is_none() && !cued {
            return None;
        }
    }
    Some(DateSpan {
        start,
        end,
        span: whole.range(),
        cued: cued || caps.name("w").is_some() || caps.name("m").is_some(),
    })
}

/// "ngày 6/1", "Từ ngày 2 - 4/6", "(6/1)", "Sáng 5/4": words that make a
/// bare d/m a date.
fn is_cued(text: &str, span: Range<usize>) -> bool {
    let before: String = text[..span.start]
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let before = before.trim_end();
    let bracketed = before.ends_with('(') && text[span.end..].trim_start().starts_with(')');
    bracketed
        || ["ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// A year with why we believe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBasis {
    pub year: i32,
    pub basis: String,
}

/// "kỷ niệm 91 năm Ngày thành lập Đảng": anniversaries of dates every
/// reader knows, so the ceremony's year is founding year + N.
const KNOWN_FOUNDINGS: &[(&str, i32)] = &[
    ("thanh lap dang", 1930),
    ("thanh lap dang cong san", 1930),
    ("cach mang thang tam", 1945),
    ("quoc khanh", 1945),
    ("sinh chu tich ho chi minh", 1890),
    ("sinh bac ho", 1890),
    ("giai phong thu do", 1954),
    ("chien thang dien bien phu", 1954),
    ("giai phong hoan toan mien nam", 1975),
    ("giai phong mien nam", 1975),
    ("thanh lap quan doi nhan dan", 1944),
    ("thanh lap doan thanh nien", 1931),
    ("thanh lap mat tran", 1930),
    ("thanh lap hoi lien hiep phu nu", 1930),
    ("thanh lap cong doan", 1929),
    ("truyen thong cong an nhan dan", 1945),
];

/// "kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam" and its kin.
static ANNIVERSARY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(r"(?i)kỷ\s+niệm\s+(\d{1,3})\s+năm\s+([^.;:()]{3,60})")
});

/// The years an anniversary spans, in brackets right after it: "(1996 –
/// 2021)", "(22/11/1996 - 22/11/2021)"; the first year is captured.
static ANNIVERSARY_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"^\s*\(\s*(?:\d{1,2}/\d{1,2}/)?(\d{4})\s*[-–—]\s*(?:\d{1,2}/\d{1,2}/)?\d{4}\s*\)",
    )
});

/// The year of an event that is an anniversary of a known founding, or of
/// one whose years are written after it:
/// "Lễ kỷ niệm 91 năm Ngày thành lập Đảng" -> 1930 + 91 = 2021.
pub fn year_from_anniversary(text: &str) -> Option<YearBasis> {
    for caps in ANNIVERSARY.captures_iter(text) {
        let (Some(n), Some(what)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let Ok(n) = n.as_str().parse::<i32>() else {
            continue;
        };
        let folded = crate::text::ascii_fold(what.as_str());
        let folded = folded.trim_start_matches("ngay ");
        let hit = KNOWN_FOUNDINGS
            .iter()
            .filter(|(k, _)| folded.starts_with(k))
            .max_by_key(|(k, _)| k.len());
        // "kỷ niệm 25 năm ngày thành lập quận (1996 – 2021)": a founding
        // no list holds, its years written after it.
        let written = || {
            ANNIVERSARY_YEARS
                .captures(&text[caps.get(0).map_or(0, |m| m.end())..])
                .and_then(|y| Some((y.get(1)?.as_str().parse::<i32>().ok()?, y.get(0)?.as_str())))
                .and_then(|(from, years)| Some((from, years.split_once(')')?.0)))
                .filter(|(from, years)| years.ends_with(&(from + n).to_string()))
        };
        if hit.is_none() {
            if let Some((from, years)) = written() {
                let phrase = format!("kỷ niệm {n} năm {} {})", what.as_str().trim(), years.trim());
                return Some(YearBasis {
                    year: from + n,
                    basis: format!("năm suy ra từ: '{phrase}'"),
                });
            }
        }
        if let Some((_, founded)) = hit {
            // Quote the anniversary itself, not what follows "và" or a comma.
            let what: Vec<&str> = what
                .as_str()
                .split([',', '“', '"'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .take_while(|w| *w != "và")
                .take(8)
                .collect();
            let phrase = format!("kỷ niệm {n} năm {}", what.join(" "));
            return Some(YearBasis {
                year: founded + n,
                basis: format!("năm suy ra từ: '{phrase}' (mốc năm {founded} + {n} năm)"),
            });
        }
    }
    None
}

/// "tổng kết công tác năm 2021", "tổng kết công tác xây dựng Đảng năm 2020".
static ANNUAL_REVIEW: LazyLock<Regex> =
    LazyLock::new(|| crate::text::static_regex(r"(?i)tổng\s+kết\s+[^.;]{0,60}?năm\s+(\d{4})"));

/// "chương trình công tác năm 2022", "triển khai nhiệm vụ năm 2021",
/// "nhiệm vụ trong năm 2018", "phương hướng năm 2022".
static YEAR_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::static_regex(
        r"(?i)(?:nhiệm\s+vụ|chương\s+trình\s+công\s+tác|phương\s+hướng|kế\s+hoạch\s+công\s+tác)\s+(?:trọng\s+tâm\s+)?(?:trong\s+|của\s+)?năm\s+(\d{4})",
    )
});

/// A year-end review is held in December of its year or early the next:
/// "tổng kết công tác năm 2021" on 6/1 -> 2022; on 28/12 -> 2021.
pub fn year_from_annual_review(text: &str, month: u32) -> Option<YearBasis> {
    let caps = ANNUAL_REVIEW.captures(text)?;
    let reviewed: i32 = caps.get(1)?.as_str().parse().ok()?;
    let year = match month {
        1..=3 => reviewed + 1,
        11 | 12 => reviewed,
        _ => return None,
    };
    let phrase = caps.get(0)?.as_str().trim();
    let ahead = YEAR_AHEAD
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.as_str(), c.get(1)?.as_str().parse::<i32>().ok()?)))
        .find(|(_, y)| *y == reviewed + 1);
    let basis = match ahead {
        Some((a, _)) => format!("năm suy ra từ: '{phrase} … {}'", a.trim()),
        None => format!("năm suy ra từ: '{phrase}'"),
    };
    Some(YearBasis { year, basis })
}

/// The tasks of a year are set in that year, or in its last weeks:
/// "nhiệm vụ trong năm 2018" on 5/4 -> 2018.
pub fn year_from_year_ahead(text: &str, month: u32) -> Option<YearBasis> {
    let caps = YEAR_AHEAD.captures(text)?;
    let y: i32 = caps.get(1)?.as_str().parse().ok()?;
    let year = if month >= 11 { y - 1 } else { y };
    Some(YearBasis {
        year,
        basis: format!("năm suy ra từ: '{}'", caps.get(0)?.as_str().trim()),
    })
}

/// The publication date gives the year of a recent day/month: an event more
/// than two months after publication must be from the year before.
pub fn year_from_published(published: &str, month: u32, day: u32) -> Option<YearBasis> {
    let y: i32 = published.get(..4)?.parse().ok()?;
    let pm: u32 = published.get(5..7)?.parse().ok()?;
    let pd: u32 = published
        .get(8..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or(1);
    let after_months = (month as i32 - pm as i32) * 31 + (day as i32 - pd as i32);
    let year = if after_months > 62 { y - 1 } else { y };
    Some(YearBasis {
        year,
        basis: format!("năm suy ra từ ngày đăng bài: {published}"),
    })
}

/// The year of a date written without one, from the strongest rule that
/// applies: publication date, a known anniversary (in the event's own
/// sentence), a year-end review, the year's tasks.
pub fn infer_year(
    date: &PartialDate,
    event_sentence: &str,
    article_text: &str,
    published: Option<&str>,
) -> Option<YearBasis> {
    if let Some(p) = published {
        if let Some(y) = year_from_published(p, date.month, date.day.unwrap_or(1)) {
            return Some(y);
        }
    }
    year_from_anniversary(event_sentence)
        .or_else(|| year_from_annual_review(event_sentence, date.month))
        .or_else(|| year_from_half_year_review(event_sentence, date.month))
        .or_else(|| year_from_annual_review(article_text, date.month))
        .or_else(|| year_from_half_year_review(article_text, date.month))
        .or_else(|| year_from_year_ahead(article_text, date.month))
}

/// "sơ kết công tác 6 tháng đầu năm 2022": the review of a year's first
/// half is held in its middle months, June to August, of that year.
pub fn year_from_half_year_review(text: &str, month: u32) -> Option<YearBasis> {
    static HALF_YEAR: LazyLock<Regex> =
        LazyLock::new(|| crate::text::static_regex(r"(?i)(?:6|sáu)\s+tháng\s+đầu\s+năm\s+(\d{4})"));
    if !(6..=8).contains(&month) {
        return None;
    }
    let caps = HALF_YEAR.captures(text)?;
    Some(YearBasis {
        year: caps.get(1)?.as_str().parse().ok()?,
        basis: format!("năm suy ra từ: '{}'", caps.get(0)?.as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> DateSpan {
        let d = find_dates(text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        d.into_iter().next().unwrap()
    }

    #[test]
    fn full_date_with_leading_zero() {
        let d = one("Quốc khánh ngày 02/9/1945");
        assert_eq!(d.start.iso(d.start.year.unwrap()), "1945-09-02");
        assert!(d.cued);
    }

    #[test]
    fn bracketed_day_month_is_cued() {
        let d = one("Sáng nay (6/1) Đảng bộ quận");
        assert_eq!(
            (d.start.day, d.start.month, d.start.year),
            (Some(6), 1, None)
        );
        assert!(d.cued);
        assert!(one("Hôm nay (27/1), Đảng bộ").cued);
        assert!(one("Ngày 5/4, Quận ủy").cued);
    }

    #[test]
    fn fractions_are_not_cued() {
        assert!(!one("12/12 chỉ tiêu công tác").cued);
        // 14/15: month 15 is not a month at all.
        assert!(find_dates("14/15 chỉ tiêu hoàn thành").is_empty());
    }

    #[test]
    fn day_range_in_one_month() {
        let d = one("Từ ngày 2 - 4/6/2020, Đảng bộ");
        assert_eq!(
            d.resolve(0).unwrap(),
            ("2020-06-02".into(), "2020-06-04".into())
        );
        let d = one("trong 03 ngày từ ngày 21 đến ngày 23/7/2020, đây là");
        assert_eq!(
            d.resolve(0).unwrap(),
            ("2020-07-21".into(), "2020-07-23".into())
        );
        let d = one("Trong hai ngày 8 và 9-7, Đảng bộ huyện");
        assert_eq!(
            d.resolve(2020).unwrap(),
            ("2020-07-08".into(), "2020-07-09".into())
        );
        let d = one("Đại hội diễn ra từ ngày 19 đến 21-7-2020.");
        assert_eq!(
            d.resolve(0).unwrap(),
            ("2020-07-19".into(), "2020-07-21".into())
        );
        let d = one("Trong 3 ngày, từ 6 đến 8/7/2020, Đại hội");
        assert_eq!(
            d.resolve(0).unwrap(),
            ("2020-07-06".into(), "2020-07-08".into())
        );
        assert!(d.cued);
        // Without a cue, a hyphen before the month is a count's.
        assert!(find_dates("tăng 2 và 3-5 lần").is_empty());
        let d = one("Trong 2 ngày 21 và 22/7, Đảng bộ quận");
        assert_eq!(
            d.resolve(2020).unwrap(),
            ("2020-07-21".into(), "2020-07-22".into())
        );
        assert!(d.cued);
    }

    #[test]
    fn range_across_months_and_years() {
        let d = one("từ ngày 30/6 – 2/7/2020");
        assert_eq!(
            d.resolve(0).unwrap(),
            ("2020-06-30".into(), "2020-07-02".into())
        );
        let d = one("từ 30/12 - 2/1/2022");
        assert_eq!(
            d.resolve(0).unwrap(),
            ("2021-12-30".into(), "2022-01-02".into())
        );
    }

    #[test]
    fn anniversary_span_is_recognised() {
        let d = one("(3/2/1930 – 3/2/2020)");
        assert!(d.is_anniversary_span());
    }

    #[test]
    fn month_forms() {
        let d = one("trong tháng 7/2020");
        assert_eq!(d.start.precision(), Precision::Month);
        assert_eq!(d.start.iso(2020), "2020-07");
        let d = one("tháng 12 năm 2019");
        assert_eq!((d.start.month, d.start.year), (12, Some(2019)));
    }

    #[test]
    fn written_out_date() {
        let d = one("ngày 5 tháng 4 năm 2018");
        assert_eq!(d.start.iso(2018), "2018-04-05");
    }

    #[test]
    fn hyphenated_dates_need_a_year_or_a_cue() {
        let d = one("Sáng 12-8, Đảng bộ phường khai mạc Đại hội");
        assert_eq!(
            (d.start.day, d.start.month, d.start.year),
            (Some(12), 8, None)
        );
        assert!(d.cued);
        let d = one("Đại hội diễn ra ngày 21-7-2020 tại Hội trường");
        assert_eq!(d.start.iso(d.start.year.unwrap()), "2020-07-21");
        assert!(d.cued);
        let d = one("được tổ chức 12-8-2025.");
        assert!(!d.cued);
        for not_a_date in [
            "tỷ lệ tăng 3-5% mỗi năm",
            "thắng 2-1 trong trận",
            "nhiệm kỳ 2020-2025",
            "ký hiệu 05-CT/TW",
            "ngày 12-8-20 tại",
            "ngày 35-8",
        ] {
            assert!(find_dates(not_a_date).is_empty(), "{not_a_date:?}");
        }
    }

    #[test]
    fn dotted_dates_need_a_year_or_a_cue_as_hyphenated_ones_do() {
        let d = one("Chiều 8.1, Đảng ủy xã tổ chức Hội nghị");
        assert_eq!(
            (d.start.day, d.start.month, d.start.year),
            (Some(8), 1, None)
        );
        assert!(d.cued);
        let d = one("Kết luận số 150-KL/TW ngày 14.4.2025 của Bộ Chính trị");
        assert_eq!(d.start.iso(2025), "2025-04-14");
        let d = one("Trong hai ngày 25 và 26.7, Đảng bộ phường tổ chức Đại hội");
        assert_eq!(
            (d.start.day, d.end.day, d.end.month),
            (Some(25), Some(26), 7)
        );
        assert!(find_dates("tăng 1 và 2.5 lần").is_empty());
        let d = one("được tổ chức thành công vào tháng 8.2025.");
        assert_eq!(
            (d.start.day, d.start.month, d.start.year),
            (None, 8, Some(2025))
        );
        for not_a_date in [
            "thu ngân sách đạt 1.102 tỷ đồng",
            "12.065,06 tỷ đồng",
            "phiên bản 2.0 của phần mềm",
            "ngày 8.1.20 tại",
            "mục 3.2 của báo cáo",
        ] {
            assert!(find_dates(not_a_date).is_empty(), "{not_a_date:?}");
        }
    }

    #[test]
    fn document_numbers_are_not_dates() {
        assert!(find_dates("Nghị định 35/2021/NĐ-CP").is_empty());
        assert!(find_dates("Chỉ thị số 05-CT/TW").is_empty());
    }

    #[test]
    fn anniversary_of_the_party() {
        let y = year_from_anniversary(
            "Lễ kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam và tổng kết",
        )
        .unwrap();
        assert_eq!(y.year, 2021);
        assert!(y.basis.contains("91 năm Ngày thành lập Đảng"));
        assert_eq!(
            year_from_anniversary("kỷ niệm 75 năm Cách mạng Tháng Tám").map(|y| y.year),
            Some(2020)
        );
        assert_eq!(year_from_anniversary("kỷ niệm 10 năm ngày cưới"), None);
        let y = year_from_anniversary(
            "Lễ kỷ niệm 25 năm ngày thành lập quận (1996–2021) và đón nhận Huân chương",
        )
        .unwrap();
        assert_eq!(y.year, 2021);
        assert!(y.basis.contains("(1996–2021)"), "{}", y.basis);
        assert_eq!(
            year_from_anniversary("kỷ niệm 20 năm thành lập huyện (22/11/2000 - 22/11/2020)")
                .map(|y| y.year),
            Some(2020)
        );
        // Years that do not span the anniversary say nothing of it.
        assert_eq!(
            year_from_anniversary("kỷ niệm 25 năm thành lập quận (1990–2021)"),
            None
        );
    }

    #[test]
    fn a_half_year_review_in_july_is_that_year() {
        let d = PartialDate {
            day: Some(8),
            month: 7,
            year: None,
        };
        let t = "Sáng 8/7, Quận ủy Hà Đông tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2022.";
        let y = infer_year(&d, t, t, None).unwrap();
        assert_eq!(y.year, 2022);
        assert!(y.basis.contains("6 tháng đầu năm 2022"));
        assert_eq!(year_from_half_year_review(t, 12), None);
    }

    #[test]
    fn year_end_review_in_january_is_the_next_year() {
        let t = "thông qua Tờ trình Báo cáo tổng kết công tác năm 2021 và dự thảo Chương trình công tác năm 2022 của Ban Chấp hành";
        let y = year_from_annual_review(t, 1).unwrap();
        assert_eq!(y.year, 2022);
        assert!(y.basis.contains("tổng kết công tác năm 2021"));
        assert!(y.basis.contains("Chương trình công tác năm 2022"));
        assert_eq!(year_from_annual_review(t, 12).map(|y| y.year), Some(2021));
        assert_eq!(year_from_annual_review(t, 6), None);
    }

    #[test]
    fn tasks_of_the_year() {
        let t = "Đối với nhiệm vụ trong năm 2018, Phó Bí thư yêu cầu";
        assert_eq!(year_from_year_ahead(t, 4).map(|y| y.year), Some(2018));
    }

    #[test]
    fn published_date_gives_the_year() {
        assert_eq!(
            year_from_published("2020-07-19T18:40", 7, 21).map(|y| y.year),
            Some(2020)
        );
        // "30/12" in an article published on 2 January: last year.
        assert_eq!(
            year_from_published("2022-01-02", 12, 30).map(|y| y.year),
            Some(2021)
        );
    }

    #[test]
    fn no_support_no_year() {
        let d = PartialDate {
            day: Some(6),
            month: 1,
            year: None,
        };
        assert_eq!(
            infer_year(&d, "Sáng nay (6/1) hội nghị", "không có năm", None),
            None
        );
    }
}

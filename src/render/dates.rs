//! Dates for readers, at the precision the text supports: a day
//! "6/1/2022", a month "tháng 6/2020", a year "2020" — never a made-up day.

use serde::Serialize;

use crate::model::Precision;

/// A date as shown: the Vietnamese label and, when the value is a well-formed
/// ISO date, the machine form for `<time datetime>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateView {
    pub label: String,
    pub iso: Option<String>,
}

/// The parts of an ISO date string `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// (anything after the day, such as a time, is ignored here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
}

fn parse(iso: &str) -> Option<Parts> {
    let date = iso.split('T').next()?;
    let mut it = date.split('-');
    let year = it.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month = match it.next() {
        Some(m) if m.len() == 2 => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        Some(_) => return None,
        None => None,
    };
    let day = match it.next() {
        Some(d) if d.len() == 2 && month.is_some() => {
            Some(d.parse().ok().filter(|d| (1..=31).contains(d))?)
        }
        Some(_) => return None,
        None => None,
    };
    if it.next().is_some() {
        return None;
    }
    Some(Parts { year, month, day })
}

/// Cut the parts down to what `precision` allows: a month-precise date
/// never shows a day, even if the string carries one.
fn at_precision(p: Parts, precision: Option<Precision>) -> Parts {
    match precision {
        Some(Precision::Year) => Parts {
            month: None,
            day: None,
            ..p
        },
        Some(Precision::Month) => Parts { day: None, ..p },
        _ => p,
    }
}

// A page lists thousands of dates and a rebuild makes them all again:
// `format!` cost more than everything else a date takes, so the digits
// are pushed as they are (itoa, the digits serde_json writes with).

/// `n` in decimal, at least `width` digits (zero-padded like `{:0width$}`).
fn push_number(s: &mut String, n: u32, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    s.extend(std::iter::repeat_n('0', width.saturating_sub(digits.len())));
    s.push_str(digits);
}

fn label(p: Parts) -> String {
    let mut s = String::with_capacity(16);
    match (p.month, p.day) {
        (Some(m), Some(d)) => {
            push_number(&mut s, d, 1);
            s.push('/');
            push_number(&mut s, m, 1);
            s.push('/');
        }
        (Some(m), None) => {
            s.push_str("tháng ");
            push_number(&mut s, m, 1);
            s.push('/');
        }
        _ => {}
    }
    push_number(&mut s, p.year, 1);
    s
}

fn iso(p: Parts) -> String {
    let mut s = String::with_capacity(10);
    push_number(&mut s, p.year, 4);
    for part in [p.month, p.day].into_iter().map_while(|x| x) {
        s.push('-');
        push_number(&mut s, part, 2);
    }
    s
}

/// One date at its precision. A string that is not an ISO date is shown as
/// it is (an editor may have written something else), without `datetime`.
pub fn date(value: &str, precision: Option<Precision>) -> DateView {
    match parse(value) {
        Some(p) => {
            let p = at_precision(p, precision);
            DateView {
                label: label(p),
                iso: Some(iso(p)),
            }
        }
        None => DateView {
            label: value.to_string(),
            iso: None,
        },
    }
}

/// An event's span: "6/1/2022", "21–23/7/2020", "30/6/2020 – 2/7/2020",
/// "tháng 6/2020". The `datetime` is the start.
pub fn range(start: &str, end: Option<&str>, precision: Option<Precision>) -> DateView {
    let first = date(start, precision);
    let Some(end) = end.filter(|e| *e != start) else {
        return first;
    };
    let last = date(end, precision);
    if first.label == last.label {
        return first;
    }
    let same_month = match (parse(start), parse(end)) {
        (Some(a), Some(b)) => {
            a.year == b.year
                && a.month.is_some()
                && a.month == b.month
                && a.day.is_some()
                && b.day.is_some()
                && precision.is_none_or(|p| p == Precision::Day)
        }
        _ => false,
    };
    let label = match (same_month, parse(start).and_then(|p| p.day)) {
        (true, Some(d)) => format!("{d}–{}", last.label),
        _ => format!("{} – {}", first.label, last.label),
    };
    DateView {
        label,
        iso: first.iso,
    }
}

/// A publication stamp: `2020-07-19T18:40` -> "19/7/2020, 18:40".
pub fn published(value: &str) -> DateView {
    let (day, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let mut view = date(day, None);
    let good_time = time.filter(|t| {
        let b = t.as_bytes();
        t.len() == 5
            && b[2] == b':'
            && t[..2].parse::<u32>().is_ok_and(|h| h < 24)
            && t[3..].parse::<u32>().is_ok_and(|m| m < 60)
    });
    match (good_time, &view.iso) {
        (Some(t), Some(iso)) if iso.len() == 10 => {
            view.label = format!("{}, {t}", view.label);
            view.iso = Some(format!("{iso}T{t}"));
        }
        (None, _) if time.is_none() => {}
        _ => {
            view = DateView {
                label: value.to_string(),
                iso: None,
            }
        }
    }
    view
}

/// RFC 3339 for Atom, in Hanoi time; a month or a year is pinned to its
/// first day (Atom needs a full timestamp; the page shows the real precision).
pub fn rfc3339(value: &str) -> Option<String> {
    let (day, time) = match value.split_once('T') {
        Some((d, t)) => (d, t),
        None => (value, "00:00"),
    };
    let p = parse(day)?;
    let time = if time.len() == 5 && time.as_bytes()[2] == b':' {
        time
    } else {
        "00:00"
    };
    let mut s = String::with_capacity(25);
    push_number(&mut s, p.year, 4);
    s.push('-');
    push_number(&mut s, p.month.unwrap_or(1), 2);
    s.push('-');
    push_number(&mut s, p.day.unwrap_or(1), 2);
    s.push('T');
    s.push_str(time);
    s.push_str(":00+07:00");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_iso_forms_are_those_format_writes() {
        // The definitions the digit pushing replaced.
        let label_by_format = |p: Parts| match (p.month, p.day) {
            (Some(m), Some(d)) => format!("{d}/{m}/{}", p.year),
            (Some(m), None) => format!("tháng {m}/{}", p.year),
            _ => p.year.to_string(),
        };
        let iso_by_format = |p: Parts| match (p.month, p.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", p.year),
            (Some(m), None) => format!("{:04}-{m:02}", p.year),
            _ => format!("{:04}", p.year),
        };
        for year in [0, 7, 99, 999, 1000, 2020, 9999, 12345, u32::MAX] {
            for month in [None, Some(1), Some(9), Some(10), Some(12)] {
                for day in [None, Some(1), Some(9), Some(10), Some(31)] {
                    let p = Parts { year, month, day };
                    // A day is only ever parsed with a month.
                    if day.is_some() && month.is_none() {
                        continue;
                    }
                    assert_eq!(label(p), label_by_format(p), "{p:?}");
                    assert_eq!(iso(p), iso_by_format(p), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn atom_timestamps_are_those_format_writes() {
        // The definition the digit pushing replaced.
        let by_format = |value: &str| {
            let (day, time) = value.split_once('T').unwrap_or((value, "00:00"));
            let p = parse(day)?;
            let time = if time.len() == 5 && time.as_bytes()[2] == b':' {
                time
            } else {
                "00:00"
            };
            Some(format!(
                "{:04}-{:02}-{:02}T{time}:00+07:00",
                p.year,
                p.month.unwrap_or(1),
                p.day.unwrap_or(1)
            ))
        };
        let mut values = 0;
        for day in [
            "2020",
            "0999",
            "2020-06",
            "2022-01-06",
            "2024-12-31",
            "2020-13-01",
            "x",
        ] {
            for time in ["", "T08:30", "T8:30", "T23:59:59", "T", "T12:3x"] {
                let value = format!("{day}{time}");
                assert_eq!(rfc3339(&value), by_format(&value), "{value:?}");
                values += usize::from(rfc3339(&value).is_some());
            }
        }
        assert!(values >= 30, "{values}");
        assert_eq!(
            rfc3339("2022-01-06T08:30").as_deref(),
            Some("2022-01-06T08:30:00+07:00")
        );
    }

    #[test]
    fn each_precision_shows_only_what_is_known() {
        assert_eq!(date("2022-01-06", Some(Precision::Day)).label, "6/1/2022");
        assert_eq!(
            date("2020-06", Some(Precision::Month)).label,
            "tháng 6/2020"
        );
        assert_eq!(date("2020", Some(Precision::Year)).label, "2020");
        // A month-precise event never gains a day from a padded string.
        assert_eq!(
            date("2020-06-01", Some(Precision::Month)).label,
            "tháng 6/2020"
        );
        assert_eq!(
            date("2020-06-01", Some(Precision::Month)).iso.as_deref(),
            Some("2020-06")
        );
    }

    #[test]
    fn not_a_date_is_shown_as_written() {
        let d = date("mùa xuân 2020", None);
        assert_eq!(d.label, "mùa xuân 2020");
        assert_eq!(d.iso, None);
        assert_eq!(date("2020-13-01", None).iso, None);
    }

    #[test]
    fn ranges_share_month_and_year() {
        let r = range("2020-06-02", Some("2020-06-04"), Some(Precision::Day));
        assert_eq!(r.label, "2–4/6/2020");
        let r = range("2020-06-30", Some("2020-07-02"), Some(Precision::Day));
        assert_eq!(r.label, "30/6/2020 – 2/7/2020");
        let r = range("2022-01-06", Some("2022-01-06"), Some(Precision::Day));
        assert_eq!(r.label, "6/1/2022");
    }

    #[test]
    fn publication_stamp_with_time() {
        let p = published("2020-07-19T18:40");
        assert_eq!(p.label, "19/7/2020, 18:40");
        assert_eq!(p.iso.as_deref(), Some("2020-07-19T18:40"));
        assert_eq!(published("2020-07-19").label, "19/7/2020");
        assert_eq!(published("2020-07-19T99:99").iso, None);
    }

    #[test]
    fn atom_timestamps() {
        assert_eq!(
            rfc3339("2020-07-19T18:40").as_deref(),
            Some("2020-07-19T18:40:00+07:00")
        );
        assert_eq!(
            rfc3339("2020-06").as_deref(),
            Some("2020-06-01T00:00:00+07:00")
        );
        assert_eq!(rfc3339("x"), None);
    }
}

//! An editor's sidecar corrections (`NAME.toml` beside `NAME.txt`) applied
//! over the extracted facts. Corrected facts are marked as the editor's, so
//! the page and the export can say who stated them.

use super::Gazetteer;
use crate::model::{
    Article, Corrections, Event, EventCorrection, EventKind, Evidence, FactSource, Level, Person,
    Precision,
};
use crate::text::{canonical, name_key};

/// Apply an editor's corrections; returns the corrected field names
/// ("title", "event.start", "districts", "people"), or a message naming the
/// key whose value is malformed.
pub fn apply_corrections(
    article: &mut Article,
    c: &Corrections,
    g: &Gazetteer,
) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    if let Some(t) = &c.title {
        if t.trim().is_empty() {
            return Err("title: must not be empty".into());
        }
        article.title = canonical(t.trim());
        article.title_derived = false;
        fields.push("title".to_string());
    }
    if let Some(k) = &c.kicker {
        article.kicker = (!k.trim().is_empty()).then(|| canonical(k.trim()));
        fields.push("kicker".to_string());
    }
    if let Some(p) = &c.published {
        if !is_iso_datetime(p) {
            return Err(format!(
                "published: `{p}` is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
            ));
        }
        article.published = Some(p.clone());
        fields.push("published".to_string());
    }
    if let Some(a) = &c.authors {
        article.authors = a.iter().map(|s| canonical(s.trim())).collect();
        fields.push("authors".to_string());
    }
    if let Some(p) = &c.publisher {
        article.publisher = Some(canonical(p.trim()));
        // The line the build read is no longer where the value came from.
        article.publisher_evidence = None;
        fields.push("publisher".to_string());
    }
    if let Some(u) = &c.source_url {
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            return Err(format!("source_url: `{u}` is not an http(s) URL"));
        }
        article.source_url = Some(u.clone());
        fields.push("source_url".to_string());
    }
    if let Some(ds) = &c.districts {
        let mut names = Vec::new();
        for d in ds {
            let name = g
                .canonical(d)
                .ok_or_else(|| format!("districts: unknown district `{d}`"))?;
            if !names.contains(&name) {
                names.push(name);
            }
        }
        article.district_evidence = names
            .iter()
            .map(|n| Evidence::editor(format!("quận, huyện do biên tập viên sửa: {n}")))
            .collect();
        article.districts = names;
        fields.push("districts".to_string());
    }
    if let Some(ec) = &c.event {
        fields.extend(correct_event(article, ec, g)?);
    }
    if let Some(people) = &c.people {
        for pc in people {
            let name = canonical(pc.name.trim());
            if name.is_empty() {
                return Err("people.name: must not be empty".into());
            }
            let roles: Vec<String> = pc.roles.iter().map(|r| canonical(r.trim())).collect();
            match article
                .people
                .iter_mut()
                .find(|p| name_key(&p.name) == name_key(&name))
            {
                Some(p) => {
                    if !roles.is_empty() {
                        p.roles = roles;
                    }
                    p.name = name;
                    p.source = FactSource::Editor;
                }
                None => article.people.push(Person {
                    evidence: vec![Evidence::editor(format!(
                        "người do biên tập viên thêm: {name}"
                    ))],
                    name,
                    roles,
                    source: FactSource::Editor,
                }),
            }
        }
        fields.push("people".to_string());
    }
    Ok(fields)
}

fn correct_event(
    article: &mut Article,
    ec: &EventCorrection,
    g: &Gazetteer,
) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let e = match &mut article.event {
        Some(e) => e,
        None => {
            let kind = ec.kind.ok_or(
                "event.kind: the article has no extracted event, so a correction must give its kind",
            )?;
            let mut e = Event::new(kind, ec.level.unwrap_or(Level::District));
            e.evidence = Some(Evidence::editor("sự kiện do biên tập viên thêm"));
            if e.level == Level::District {
                e.district = article.districts.first().cloned();
            }
            article.event.insert(e)
        }
    };
    if let Some(k) = ec.kind {
        e.kind = k;
        fields.push("event.kind".into());
    }
    if let Some(l) = ec.level {
        e.level = l;
        if l != Level::District {
            e.district = None;
        }
        if l != Level::Commune {
            e.unit = None;
        }
        fields.push("event.level".into());
    }
    if let Some(u) = &ec.unit {
        if e.level != Level::Commune {
            return Err(
                "event.unit: only a commune-level event (level = \"commune\") has a unit".into(),
            );
        }
        e.unit = Some(canonical(u.trim()));
        fields.push("event.unit".into());
    }
    if let Some(d) = &ec.district {
        let name = g
            .canonical(d)
            .ok_or_else(|| format!("event.district: unknown district `{d}`"))?;
        e.district = Some(name);
        fields.push("event.district".into());
    }
    if let Some(o) = ec.ordinal {
        e.ordinal = Some(o);
        if e.kind == EventKind::Congress && ec.term_number.is_none() {
            e.term_number = Some(o);
        }
        fields.push("event.ordinal".into());
    }
    if let Some(t) = ec.term_number {
        e.term_number = Some(t);
        fields.push("event.term_number".into());
    }
    if let Some(t) = &ec.term {
        e.term = Some(
            parse_term(t)
                .ok_or_else(|| format!("event.term: `{t}` is not a term like \"2020-2025\""))?,
        );
        fields.push("event.term".into());
    }
    if let Some(s) = &ec.start {
        let p = date_precision(s).ok_or_else(|| {
            format!("event.start: `{s}` is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
        })?;
        e.start = Some(s.clone());
        e.precision = Some(p);
        // A stale end from the text must not end before the new start.
        let stale = e
            .end
            .as_deref()
            .is_none_or(|en| en.len() != s.len() || en < s.as_str());
        if ec.end.is_none() && stale {
            e.end = Some(s.clone());
        }
        fields.push("event.start".into());
    }
    if let Some(en) = &ec.end {
        let p = date_precision(en).ok_or_else(|| {
            format!("event.end: `{en}` is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
        })?;
        if e.start.as_deref().is_some_and(|s| s > en.as_str()) {
            return Err(format!("event.end: `{en}` is before the event's start"));
        }
        e.end = Some(en.clone());
        e.precision = e.precision.or(Some(p));
        fields.push("event.end".into());
    }
    if let Some(p) = ec.precision {
        e.precision = Some(p);
        fields.push("event.precision".into());
    }
    if ec.start.is_some() || ec.end.is_some() {
        // The editor's date is stated, not inferred.
        e.inferred = false;
        e.basis = None;
    }
    e.source = FactSource::Editor;
    Ok(fields)
}

/// "2020-2025", "2020 – 2025" -> "2020-2025".
fn parse_term(t: &str) -> Option<String> {
    let parts: Vec<&str> = t.split(['-', '–', '—']).map(str::trim).collect();
    match parts.as_slice() {
        [a, b] if a.len() == 4 && b.len() == 4 => {
            let (a, b): (i32, i32) = (a.parse().ok()?, b.parse().ok()?);
            (b > a).then(|| format!("{a}-{b}"))
        }
        _ => None,
    }
}

/// The precision of an ISO date, or None if it is not one.
fn date_precision(s: &str) -> Option<Precision> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] if num(y, 4) => Some(Precision::Year),
        [y, m] if num(y, 4) && num(m, 2) && in_range(m, 1, 12) => Some(Precision::Month),
        [y, m, d]
            if num(y, 4) && num(m, 2) && num(d, 2) && in_range(m, 1, 12) && in_range(d, 1, 31) =>
        {
            Some(Precision::Day)
        }
        _ => None,
    }
}

fn in_range(s: &str, lo: u32, hi: u32) -> bool {
    s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

/// "2020-07-19" or "2020-07-19T18:40".
fn is_iso_datetime(s: &str) -> bool {
    match s.split_once('T') {
        None => date_precision(s) == Some(Precision::Day),
        Some((d, t)) => {
            let hm: Vec<&str> = t.split(':').collect();
            date_precision(d) == Some(Precision::Day)
                && hm.len() == 2
                && in_range(hm[0], 0, 23)
                && hm[0].len() == 2
                && in_range(hm[1], 0, 59)
                && hm[1].len() == 2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CleanDoc, Facts, PersonCorrection};

    fn article() -> Article {
        let mut facts = Facts::default();
        let mut e = Event::new(EventKind::Plenum, Level::District);
        e.start = Some("2022-01-06".into());
        e.end = Some("2022-01-06".into());
        e.inferred = true;
        e.basis = Some("x".into());
        facts.event = Some(e);
        Article::assemble(CleanDoc::default(), facts, "utf-8")
    }

    #[test]
    fn corrected_start_is_marked_editor() {
        let mut a = article();
        let c = Corrections {
            event: Some(EventCorrection {
                start: Some("2022-01-07".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let fields = apply_corrections(&mut a, &c, &Gazetteer::builtin()).unwrap();
        assert_eq!(fields, vec!["event.start".to_string()]);
        let e = a.event.unwrap();
        assert_eq!(e.start.as_deref(), Some("2022-01-07"));
        assert_eq!(e.end.as_deref(), Some("2022-01-07"));
        assert_eq!(e.source, FactSource::Editor);
        assert!(!e.inferred);
    }

    #[test]
    fn a_commune_event_takes_its_unit_and_only_it_does() {
        let g = Gazetteer::builtin();
        let mut a = article();
        let c = Corrections {
            event: Some(EventCorrection {
                level: Some(Level::Commune),
                unit: Some("phường Hoàn Kiếm".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let fields = apply_corrections(&mut a, &c, &g).unwrap();
        assert_eq!(
            fields,
            vec!["event.level".to_string(), "event.unit".to_string()]
        );
        let e = a.event.unwrap();
        assert_eq!(
            (e.level, e.district, e.unit.as_deref()),
            (Level::Commune, None, Some("phường Hoàn Kiếm"))
        );
        let c = Corrections {
            event: Some(EventCorrection {
                unit: Some("phường Hoàn Kiếm".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let err = apply_corrections(&mut article(), &c, &g).unwrap_err();
        assert!(err.starts_with("event.unit"), "{err}");
    }

    #[test]
    fn malformed_values_name_their_key() {
        let g = Gazetteer::builtin();
        let bad_date = Corrections {
            event: Some(EventCorrection {
                start: Some("6/1/2022".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let err = apply_corrections(&mut article(), &bad_date, &g).unwrap_err();
        assert!(err.starts_with("event.start"), "{err}");
        let bad_district = Corrections {
            districts: Some(vec!["Hải Châu".into()]),
            ..Default::default()
        };
        let err = apply_corrections(&mut article(), &bad_district, &g).unwrap_err();
        assert!(
            err.starts_with("districts") && err.contains("Hải Châu"),
            "{err}"
        );
    }

    #[test]
    fn districts_are_canonicalised_and_people_added() {
        let mut a = article();
        let c = Corrections {
            districts: Some(vec!["Q. Đóng Đa".into()]),
            people: Some(vec![PersonCorrection {
                name: "Nguyễn Văn A".into(),
                roles: vec!["Bí thư Quận uỷ Đống Đa".into()],
            }]),
            ..Default::default()
        };
        let fields = apply_corrections(&mut a, &c, &Gazetteer::builtin()).unwrap();
        assert_eq!(fields, vec!["districts".to_string(), "people".to_string()]);
        assert_eq!(a.districts, vec!["Đống Đa".to_string()]);
        assert_eq!(a.district_evidence[0].place, crate::model::Place::Editor);
        assert_eq!(
            a.people[0].roles,
            vec!["Bí thư Quận ủy Đống Đa".to_string()]
        );
        assert_eq!(a.people[0].source, FactSource::Editor);
    }

    #[test]
    fn iso_forms() {
        assert!(is_iso_datetime("2020-07-19T18:40"));
        assert!(is_iso_datetime("2020-07-19"));
        assert!(!is_iso_datetime("19/07/2020"));
        assert_eq!(date_precision("2020-06"), Some(Precision::Month));
        assert_eq!(parse_term("2020 – 2025").as_deref(), Some("2020-2025"));
    }
}

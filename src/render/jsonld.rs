//! Structured data for search engines and citation tools: JSON-LD
//! (schema.org NewsArticle, Event, Place), and the "Trích dẫn" text.
//!
//! The JSON goes inside a `<script>` element, where HTML escaping does not
//! apply, so `<`, `>` and `&` are written as JSON escapes: article text
//! holding `</script>` can never close the element.

use serde_json::{json, Value};

use crate::config::Config;
use crate::link::DistrictEntry;
use crate::model::{ArchiveEvent, Article, EventKind};

/// Serialise for a `<script type="application/ld+json">` element.
pub fn script_safe(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    // The characters to replace are ASCII but for U+2028/U+2029
    // (E2 80 A8, E2 80 A9).
    crate::text::replace_runs(&s, |bytes, i| match bytes[i] {
        b'<' => Some(("\\u003c", 1)),
        b'>' => Some(("\\u003e", 1)),
        b'&' => Some(("\\u0026", 1)),
        0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8])) => Some(("\\u2028", 3)),
        0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA9])) => Some(("\\u2029", 3)),
        _ => None,
    })
}

fn place(name: &str, config: &Config, slug: &str) -> Value {
    json!({
        "@type": "Place",
        "name": name,
        "url": config.absolute(&format!("quan-huyen/{slug}/")),
        "containedInPlace": {"@type": "City", "name": "Hà Nội"},
    })
}

fn event_name(kind: EventKind) -> &'static str {
    kind.label_vi()
}

pub fn event(e: &ArchiveEvent, config: &Config) -> Value {
    let mut v = json!({
        "@type": "Event",
        "name": e.title,
        "url": config.absolute(&format!("dong-thoi-gian/#{}", e.id)),
        "eventStatus": "https://schema.org/EventScheduled",
        "description": event_name(e.kind),
    });
    if let Some(s) = &e.start {
        v["startDate"] = json!(s);
    }
    if let Some(s) = &e.end {
        v["endDate"] = json!(s);
    }
    if let Some(d) = &e.district {
        v["location"] = place(d, config, &crate::text::slug_of(d, 80));
    }
    v
}

pub fn article(a: &Article, config: &Config, about: Option<&ArchiveEvent>) -> Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "url": config.absolute(&a.url),
        "inLanguage": config.language,
        "author": a.authors.iter().map(|n| json!({"@type": "Person", "name": n})).collect::<Vec<_>>(),
        "isPartOf": {"@type": "WebSite", "name": config.title, "url": config.absolute("")},
    });
    if let Some(p) = &a.published {
        v["datePublished"] = json!(p);
    }
    if let Some(p) = &a.publisher {
        v["publisher"] = json!({"@type": "Organization", "name": p});
    }
    if let Some(u) = &a.source_url {
        v["isBasedOn"] = json!(u);
    }
    let places: Vec<Value> = a
        .districts
        .iter()
        .map(|d| place(d, config, &crate::text::slug_of(d, 80)))
        .collect();
    if !places.is_empty() {
        v["contentLocation"] = json!(places);
    }
    if let Some(e) = about {
        v["about"] = event(e, config);
    }
    v
}

pub fn district(d: &DistrictEntry, config: &Config) -> Value {
    let mut v = place(&d.name, config, &d.slug);
    v["@context"] = json!("https://schema.org");
    v
}

/// The timeline's JSON-LD list of events as one `Value`: the definition
/// `write_events`, which the build uses, is tested against.
#[cfg(test)]
fn events(events: &[ArchiveEvent], config: &Config) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": events.iter().enumerate().map(|(i, e)| event_item(i, e, config)).collect::<Vec<_>>(),
    })
}

fn event_item(i: usize, e: &ArchiveEvent, config: &Config) -> Value {
    json!({
        "@type": "ListItem", "position": i + 1, "item": event(e, config),
    })
}

/// `script_safe(&events(…))` written an event at a time: on a large
/// archive the whole list as one `Value` is hundreds of megabytes.
pub fn write_events(
    events: &[ArchiveEvent],
    config: &Config,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // `json!` objects are key-sorted maps: these keys come in this order.
    w.write_all(
        b"{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":[",
    )?;
    for (i, e) in events.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(script_safe(&event_item(i, e, config)).as_bytes())?;
    }
    w.write_all(b"]}")
}

/// A citation of the archived page: who, what, where first published,
/// and where it is kept.
pub fn citation(a: &Article, config: &Config) -> String {
    let mut parts = Vec::new();
    if !a.authors.is_empty() {
        parts.push(a.authors.join(", "));
    }
    parts.push(format!("“{}”", a.title));
    let mut origin = Vec::new();
    if let Some(p) = &a.publisher {
        origin.push(p.clone());
    }
    if let Some(d) = &a.published {
        let date = d.get(..10).unwrap_or(d);
        let mut ymd = date.split('-');
        if let (Some(y), Some(m), Some(dd)) = (ymd.next(), ymd.next(), ymd.next()) {
            let n = |s: &str| s.trim_start_matches('0').to_string();
            origin.push(format!("{}/{}/{}", n(dd), n(m), y));
        }
    }
    if !origin.is_empty() {
        parts.push(origin.join(", "));
    }
    if let Some(u) = &a.source_url {
        parts.push(format!("nguồn: {u}"));
    }
    parts.push(format!(
        "lưu tại {}, {}",
        config.title,
        config.absolute(&a.url)
    ));
    parts.join(". ") + "."
}

#[cfg(test)]
mod tests {
    #[test]
    fn events_written_one_at_a_time_equal_the_whole_list() {
        use crate::model::{ArchiveEvent, EventKind, FactSource, Level, Precision};
        let config = Config::default();
        let event = |n: u32, title: &str| ArchiveEvent {
            id: format!("tay-ho-dai-hoi-{n}"),
            kind: EventKind::Congress,
            level: Level::District,
            district: Some("Tây Hồ".into()),
            ordinal: Some(n),
            term_number: Some(n),
            term: Some("2020-2025".into()),
            start: Some("2020-07-15".into()),
            end: None,
            precision: Some(Precision::Day),
            inferred: false,
            basis: None,
            articles: vec![],
            sources: vec![],
            main_articles: vec![],
            title: title.into(),
            conflicts: vec![],
            source: FactSource::Text,
        };
        for list in [
            vec![],
            vec![event(26, "Đại hội <b>&</b> \u{2028} “Tây Hồ”")],
            vec![
                event(25, "Đại hội XXV"),
                event(26, "</script> Đại hội XXVI"),
            ],
        ] {
            let mut streamed = Vec::new();
            write_events(&list, &config, &mut streamed).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                script_safe(&events(&list, &config))
            );
        }
    }

    use super::*;

    #[test]
    fn script_end_tags_cannot_close_the_element() {
        let s = script_safe(&json!({"headline": "</script><script>alert(1)</script> & co"}));
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & co");
        let s = script_safe(&json!("Hà Nội\u{2028}\u{2029}\u{2027}"));
        assert_eq!(s, "\"Hà Nội\\u2028\\u2029\u{2027}\"");
    }
}

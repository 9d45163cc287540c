//! Structured data for search engines and citation tools: JSON-LD
//! (schema.org NewsArticle, Event, Place), and the "Trích dẫn" text.
//!
//! The JSON goes inside a `<script>` element, where HTML escaping does not
//! apply, so `<`, `>` and `&` are written as JSON escapes: article text
//! holding `</script>` can never close the element.

use serde::Serialize;

use crate::config::Config;
use crate::link::DistrictEntry;
use crate::model::{ArchiveEvent, Article, EventKind};

/// Serialise for a `<script type="application/ld+json">` element.
pub fn script_safe<T: Serialize + ?Sized>(v: &T) -> String {
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

// The structured data as typed records that borrow what they show: every
// page has one, and the timeline one per event, where building each as a
// `json!` value cost tens of thousands of instructions. The fields are in
// the order the `json!` objects (key-sorted maps) write their keys, and
// the test-only `json!` definitions below hold them to it.

#[derive(Serialize)]
struct City {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
pub struct Place<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "containedInPlace")]
    contained_in: City,
    name: &'a str,
    url: String,
}

fn place<'a>(name: &'a str, config: &Config, slug: &str) -> Place<'a> {
    Place {
        context: None,
        kind: "Place",
        contained_in: City {
            kind: "City",
            name: "Hà Nội",
        },
        name,
        url: config.absolute(&format!("quan-huyen/{slug}/")),
    }
}

fn event_name(kind: EventKind) -> &'static str {
    kind.label_vi()
}

#[derive(Serialize)]
pub struct Event<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    description: &'static str,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end: Option<&'a str>,
    #[serde(rename = "eventStatus")]
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Place<'a>>,
    name: &'a str,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start: Option<&'a str>,
    url: String,
}

pub fn event<'a>(e: &'a ArchiveEvent, config: &Config) -> Event<'a> {
    Event {
        kind: "Event",
        description: event_name(e.kind),
        end: e.end.as_deref(),
        status: "https://schema.org/EventScheduled",
        location: e
            .district
            .as_deref()
            .map(|d| place(d, config, &crate::text::slug_of(d, 80))),
        name: &e.title,
        start: e.start.as_deref(),
        url: config.absolute(&format!("dong-thoi-gian/#{}", e.id)),
    }
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
pub struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<Event<'a>>,
    author: Vec<Named<'a>>,
    #[serde(rename = "contentLocation", skip_serializing_if = "Vec::is_empty")]
    content_location: Vec<Place<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    based_on: Option<&'a str>,
    #[serde(rename = "isPartOf")]
    part_of: WebSite<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Named<'a>>,
    url: String,
}

pub fn article<'a>(
    a: &'a Article,
    config: &'a Config,
    about: Option<&'a ArchiveEvent>,
) -> NewsArticle<'a> {
    NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        about: about.map(|e| event(e, config)),
        author: a
            .authors
            .iter()
            .map(|n| Named {
                kind: "Person",
                name: n,
            })
            .collect(),
        content_location: a
            .districts
            .iter()
            .map(|d| place(d, config, &crate::text::slug_of(d, 80)))
            .collect(),
        published: a.published.as_deref(),
        headline: &a.title,
        language: &config.language,
        based_on: a.source_url.as_deref(),
        part_of: WebSite {
            kind: "WebSite",
            name: &config.title,
            url: config.absolute(""),
        },
        publisher: a.publisher.as_deref().map(|p| Named {
            kind: "Organization",
            name: p,
        }),
        url: config.absolute(&a.url),
    }
}

pub fn district<'a>(d: &'a DistrictEntry, config: &Config) -> Place<'a> {
    Place {
        context: Some("https://schema.org"),
        ..place(&d.name, config, &d.slug)
    }
}

/// The timeline's JSON-LD list of events, written an event at a time: on
/// a large archive the whole list at once is hundreds of megabytes.
pub fn write_events(
    events: &[ArchiveEvent],
    config: &Config,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_events_with(events, &|e, w| w.write_all(&event_item(e, config)), w)
}

/// An event as the timeline's list holds it, script-safe: the `item` of
/// its `ListItem`.
pub fn event_item(e: &ArchiveEvent, config: &Config) -> Vec<u8> {
    script_safe(&event(e, config)).into_bytes()
}

/// `write_events`, each event's item written by `item` (`event_item`'s
/// bytes, or the last build's). The test below holds it to the list made
/// as one `json!` value.
pub fn write_events_with(
    events: &[ArchiveEvent],
    item: &(dyn Fn(&ArchiveEvent, &mut dyn std::io::Write) -> std::io::Result<()> + Sync),
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    w.write_all(
        b"{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":[",
    )?;
    let mut position = itoa::Buffer::new();
    for (i, e) in events.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"{\"@type\":\"ListItem\",\"item\":")?;
        item(e, w)?;
        w.write_all(b",\"position\":")?;
        w.write_all(position.format(i + 1).as_bytes())?;
        w.write_all(b"}")?;
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

/// The `json!` definitions the typed records are held to.
#[cfg(test)]
mod by_value {
    use super::*;
    use serde_json::{json, Value};

    pub fn place(name: &str, config: &Config, slug: &str) -> Value {
        json!({
            "@type": "Place",
            "name": name,
            "url": config.absolute(&format!("quan-huyen/{slug}/")),
            "containedInPlace": {"@type": "City", "name": "Hà Nội"},
        })
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

    /// The timeline's whole list as one value.
    pub fn events(events: &[ArchiveEvent], config: &Config) -> Value {
        json!({
            "@context": "https://schema.org",
            "@type": "ItemList",
            "itemListElement": events.iter().enumerate().map(|(i, e)| json!({
                "@type": "ListItem", "position": i + 1, "item": event(e, config),
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    /// The typed records write what the `json!` definitions write, on the
    /// seeds and 60 generated articles linked into an archive (events with
    /// and without district, dates, end; articles with and without
    /// publisher, source, districts, event), and on a site under a base path.
    #[test]
    fn typed_records_write_what_the_json_definitions_write() {
        let archive = crate::corpus::sample_archive(3, 60);
        assert!(archive.events.iter().any(|e| e.district.is_none()));
        assert!(archive.events.iter().any(|e| e.end.is_some()));
        let based = Config::parse("base_url = \"https://vd.github.io/luu-tru/\"\n").unwrap();
        assert_eq!(based.base_path, "/luu-tru/");
        for config in [Config::default(), based] {
            for a in &archive.articles {
                let about = a
                    .event_id
                    .as_deref()
                    .and_then(|id| archive.events.iter().find(|e| e.id == id));
                assert_eq!(
                    script_safe(&article(a, &config, about)),
                    script_safe(&by_value::article(a, &config, about)),
                    "{}",
                    a.source_file
                );
            }
            for e in &archive.events {
                assert_eq!(
                    script_safe(&event(e, &config)),
                    script_safe(&by_value::event(e, &config))
                );
            }
            for d in &archive.districts {
                assert_eq!(
                    script_safe(&district(d, &config)),
                    script_safe(&by_value::district(d, &config))
                );
            }
            let mut streamed = Vec::new();
            write_events(&archive.events, &config, &mut streamed).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                script_safe(&by_value::events(&archive.events, &config))
            );
        }
    }

    #[test]
    fn events_written_one_at_a_time_equal_the_whole_list() {
        use crate::model::{ArchiveEvent, EventKind, FactSource, Level, Precision};
        let config = Config::default();
        let event = |n: u32, title: &str| ArchiveEvent {
            id: format!("tay-ho-dai-hoi-{n}"),
            kind: EventKind::Congress,
            level: Level::District,
            district: Some("Tây Hồ".into()),
            unit: None,
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
                script_safe(&by_value::events(&list, &config))
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

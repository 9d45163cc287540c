//! The XML and text files for machines: the Atom feed, the sitemap and
//! robots.txt. Written directly (not through templates): their shape is
//! fixed by standards, and every text goes through `xml_escape`.

use rayon::prelude::*;

use crate::config::Config;
use crate::link::{article_date, Archive};
use crate::model::Article;
use crate::render::dates;
use crate::render::views::Lookups;

/// The sitemap protocol allows at most this many URLs per file; beyond it
/// `sitemap.xml` becomes an index of numbered sitemaps.
const SITEMAP_MAX: usize = 50_000;

/// Atom's `updated` when an article has no date at all.
const UNDATED: &str = "1970-01-01T00:00:00Z";

/// Escape for XML text and attributes. The special characters are all
/// ASCII but for U+FFFE/U+FFFF, so the runs between them are copied whole.
pub fn xml_escape(s: &str) -> String {
    crate::text::replace_runs(s, |bytes, i| match bytes[i] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\'' => Some(("&apos;", 1)),
        b'\t' | b'\n' | b'\r' => None,
        // Control characters other than tab and newlines are not
        // allowed in XML 1.0 at all, even escaped.
        0..0x20 => Some(("", 1)),
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
        0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => Some(("", 3)),
        _ => None,
    })
}

/// An id for Atom: the absolute URL when the site has a host, else a URN
/// (an Atom id must be an absolute IRI; a bare path is not).
fn atom_id(config: &Config, path: &str) -> String {
    if config.base_url.contains("://") {
        config.absolute(path)
    } else {
        format!("urn:civic-archive:{}", path.trim_matches('/'))
    }
}

/// `feed.xml`, every article, newest first, written to `w` a batch of
/// entries at a time (at 100,000 articles the feed is 80 MB).
pub fn write_atom(
    archive: &Archive,
    lk: &Lookups,
    config: &Config,
    pieces: Option<&dyn super::Pieces>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // Each article's Atom date, worked out once for the feed's own date
    // and the article's entry, and where each article is by id.
    let stamps: Vec<String> = archive
        .articles
        .par_iter()
        .map(|a| {
            article_date(a)
                .and_then(dates::rfc3339)
                .unwrap_or_else(|| UNDATED.to_string())
        })
        .collect();
    let at: rustc_hash::FxHashMap<&str, usize> = archive
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let updated = stamps
        .iter()
        .max()
        .cloned()
        .unwrap_or_else(|| UNDATED.to_string());
    let mut x = String::with_capacity(1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&config.language)
    ));
    x.push_str(&format!("<title>{}</title>\n", xml_escape(&config.title)));
    x.push_str(&format!(
        "<subtitle>{}</subtitle>\n",
        xml_escape(&config.description)
    ));
    x.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&config.absolute("feed.xml"))
    ));
    x.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&config.absolute(""))
    ));
    x.push_str(&format!("<id>{}</id>\n", xml_escape(&atom_id(config, ""))));
    x.push_str(&format!("<updated>{updated}</updated>\n"));
    x.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&config.title)
    ));
    x.push_str("<generator>civic-archive</generator>\n");
    w.write_all(x.as_bytes())?;
    // Entries are made on all cores, in runs of the newest-first order.
    // An entry is made from its article alone (the summary is its first
    // paragraph's), so a kept one stands for a new one.
    super::data::write_in_runs(&lk.newest, w, |run| {
        let articles = run.iter().filter_map(|id| {
            let i = *at.get(id)?;
            let summary = lk.refs.get(id).map(|r| r.summary.as_str()).unwrap_or("");
            Some((i, &archive.articles[i], summary))
        });
        match pieces {
            None => {
                let mut x = String::with_capacity(run.len() * 700);
                for (i, a, summary) in articles {
                    entry(&mut x, a, summary, &stamps[i], config);
                }
                Ok(x.into_bytes())
            }
            Some(memo) => {
                let mut x = Vec::with_capacity(run.len() * 700);
                for (i, a, summary) in articles {
                    let make = || {
                        let mut one = String::with_capacity(700);
                        entry(&mut one, a, summary, &stamps[i], config);
                        Ok(one.into_bytes())
                    };
                    x.extend_from_slice(&memo.of_article(super::Piece::FeedEntry, i, a, &make)?);
                }
                Ok(x)
            }
        }
    })?;
    w.write_all(b"</feed>\n")
}

/// One article's `<entry>`, appended to `x`; `when` is its Atom date.
fn entry(x: &mut String, a: &Article, summary: &str, when: &str, config: &Config) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let _ = write!(
        x,
        "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{when}</updated>\n",
        xml_escape(&a.title),
        xml_escape(&config.absolute(&a.url)),
        xml_escape(&atom_id(config, &a.url)),
    );
    if a.published.is_some() {
        let _ = writeln!(x, "<published>{when}</published>");
    }
    for author in &a.authors {
        let _ = writeln!(x, "<author><name>{}</name></author>", xml_escape(author));
    }
    for d in &a.districts {
        let _ = writeln!(x, "<category term=\"{}\"/>", xml_escape(d));
    }
    if !summary.is_empty() {
        let _ = writeln!(x, "<summary>{}</summary>", xml_escape(summary));
    }
    x.push_str("</entry>\n");
}

fn urlset(urls: &[String]) -> Vec<u8> {
    let mut x = String::with_capacity(128 + urls.len() * 80);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        x.push_str(&format!("<url><loc>{}</loc></url>\n", xml_escape(u)));
    }
    x.push_str("</urlset>\n");
    x.into_bytes()
}

/// `sitemap.xml` (and `sitemap-N.xml` when there are too many URLs for one
/// file). `paths` are site paths of HTML pages.
pub fn sitemaps(paths: &[String], config: &Config) -> Vec<(String, Vec<u8>)> {
    let urls: Vec<String> = paths.iter().map(|p| config.absolute(p)).collect();
    if urls.len() <= SITEMAP_MAX {
        return vec![("sitemap.xml".to_string(), urlset(&urls))];
    }
    let mut out = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(SITEMAP_MAX).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&config.absolute(&name))
        ));
        out.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(("sitemap.xml".to_string(), index.into_bytes()));
    out
}

pub fn robots(config: &Config) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.absolute("sitemap.xml")
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text between the first `open` in `s` and the `close` after it.
    fn between<'s>(s: &'s str, open: &str, close: &str) -> &'s str {
        let from = s.find(open).map(|i| i + open.len()).unwrap();
        &s[from..from + s[from..].find(close).unwrap()]
    }

    /// A feed joined from entries made one by one, as a rebuild joins kept
    /// ones, is the feed written whole.
    #[test]
    fn the_feed_is_its_entries_joined() {
        let archive = crate::corpus::sample_archive(9, 300);
        let based = Config::parse("base_url = \"https://vd.github.io/luu-tru/\"\n").unwrap();
        for config in [Config::default(), based] {
            let lk = Lookups::new(&archive, &config);
            let (mut whole, mut joined) = (Vec::new(), Vec::new());
            write_atom(&archive, &lk, &config, None, &mut whole).unwrap();
            let each = crate::render::MakeEach;
            write_atom(&archive, &lk, &config, Some(&each), &mut joined).unwrap();
            assert_eq!(
                String::from_utf8(joined).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    /// Each entry carries its own article's date, the entries come newest
    /// first, one per article, and the feed's date is the newest of them.
    #[test]
    fn entries_carry_their_articles_dates_and_the_feed_the_newest() {
        let archive = crate::corpus::sample_archive(5, 60);
        let config = Config::default();
        let lk = Lookups::new(&archive, &config);
        let mut out = Vec::new();
        write_atom(&archive, &lk, &config, None, &mut out).unwrap();
        let feed = String::from_utf8(out).unwrap();
        let mut parts = feed.split("<entry>");
        let head = parts.next().unwrap();
        let entries: Vec<&str> = parts.collect();
        assert_eq!(entries.len(), archive.articles.len());
        let mut dates = Vec::new();
        for (e, id) in entries.iter().zip(&lk.newest) {
            let a = archive.articles.iter().find(|a| a.id == *id).unwrap();
            assert!(e.contains(&xml_escape(&config.absolute(&a.url))), "{e}");
            let want = article_date(a).and_then(dates::rfc3339);
            let want = want.as_deref().unwrap_or(UNDATED);
            assert_eq!(between(e, "<updated>", "</updated>"), want, "{e}");
            dates.push(want.to_string());
        }
        let newest = dates.iter().max().unwrap();
        assert_eq!(between(head, "<updated>", "</updated>"), newest);
        assert!(dates.iter().any(|d| d != newest));
    }

    #[test]
    fn escaping_drops_characters_xml_forbids() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(
            xml_escape("Đống\tĐa\u{FFFE}\u{FFFF}\u{FFFD}\n"),
            "Đống\tĐa\u{FFFD}\n"
        );
    }

    #[test]
    fn big_sitemaps_are_split() {
        let paths: Vec<String> = (0..SITEMAP_MAX + 1).map(|i| format!("p{i}/")).collect();
        let files = sitemaps(&paths, &Config::default());
        assert_eq!(files.len(), 3);
        assert_eq!(files[2].0, "sitemap.xml");
        assert!(String::from_utf8_lossy(&files[2].1).contains("sitemap-2.xml"));
    }
}

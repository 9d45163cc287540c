//! News outlets (`data/outlets.toml`): the one name an outlet goes by in
//! the archive, whatever form an article writes it in ("HNM", "Báo
//! Hànộimới", "hanoimoi.vn" -> "Hà Nội Mới"), so researchers can group
//! articles by publisher.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::text::ascii_fold;

/// The built-in table, embedded so a build needs no data path.
const BUILTIN: &str = include_str!("../../data/outlets.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Outlet {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    sites: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutlets {
    #[serde(rename = "outlet")]
    outlets: Vec<Outlet>,
}

/// Name keys and host names, each to its outlet's canonical name.
#[derive(Debug, Default)]
pub struct Outlets {
    by_name: FxHashMap<String, String>,
    by_site: FxHashMap<String, String>,
}

static BUILTIN_OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    // The table is part of the program, and a test parses it: a mistake in
    // it fails the tests, never a user's build.
    Outlets::from_toml(BUILTIN).unwrap_or_default()
});

impl Outlets {
    pub fn builtin() -> &'static Outlets {
        &BUILTIN_OUTLETS
    }

    pub fn from_toml(text: &str) -> Result<Outlets, toml::de::Error> {
        let raw: RawOutlets = toml::from_str(text)?;
        let mut outlets = Outlets::default();
        for o in raw.outlets {
            let name = crate::text::nfc(&o.name);
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                outlets.by_name.insert(name_key(form), name.clone());
            }
            for site in &o.sites {
                outlets
                    .by_site
                    .insert(site.to_ascii_lowercase(), name.clone());
            }
        }
        Ok(outlets)
    }

    /// The canonical name of the outlet `written` names, if the table
    /// knows it: a name in any case, spelling of tones or spacing, or a
    /// site's host name ("VOV.VN", "m.hanoimoi.vn/x").
    pub fn canonical(&self, written: &str) -> Option<&str> {
        if let Some(name) = site_of(written).and_then(|h| self.by_host(&h)) {
            return Some(name);
        }
        self.by_name.get(&name_key(written)).map(String::as_str)
    }

    /// A host or any of its parent domains: "amp.vnexpress.net" is VnExpress.
    fn by_host(&self, host: &str) -> Option<&str> {
        let mut rest = host;
        loop {
            if let Some(name) = self.by_site.get(rest) {
                return Some(name);
            }
            // Stop before a bare top-level domain ("vn").
            match rest.split_once('.') {
                Some((_, parent)) if parent.contains('.') => rest = parent,
                _ => return None,
            }
        }
    }
}

/// The host a written name is, when it is one: "hanoimoi.vn",
/// "https://www.qdnd.vn/", "VOV.VN". A name with a space is not a host.
fn site_of(written: &str) -> Option<String> {
    let host = crate::clean::metadata::host_of(written.trim())?;
    let labels_ok = host.contains('.')
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    labels_ok.then_some(host)
}

/// What two spellings of one name share: folded to ASCII and lower case,
/// letters, digits and "+" only ("Vietnam+" is not "Vietnam"), without a
/// leading "báo" or "báo điện tử".
fn name_key(written: &str) -> String {
    let folded = ascii_fold(written.trim());
    let mut words: Vec<&str> = folded
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '+'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words[0] == "bao" {
        words.remove(0);
        if words.len() > 2 && words[0] == "dien" && words[1] == "tu" {
            words.drain(..2);
        }
    }
    words.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(written: &str) -> Option<&'static str> {
        Outlets::builtin().canonical(written)
    }

    #[test]
    fn the_builtin_table_parses_and_has_no_key_twice() {
        let raw: RawOutlets = toml::from_str(BUILTIN).expect("data/outlets.toml parses");
        let mut names = std::collections::HashMap::new();
        let mut sites = std::collections::HashMap::new();
        for o in &raw.outlets {
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                if let Some(other) = names.insert(name_key(form), &o.name) {
                    assert_eq!(other, &o.name, "{form} names two outlets");
                }
            }
            for s in &o.sites {
                assert!(sites.insert(s.clone(), &o.name).is_none(), "{s} twice");
                assert!(site_of(s).is_some(), "{s} is not a host name");
            }
        }
    }

    #[test]
    fn an_abbreviation_and_a_site_name_the_outlet() {
        assert_eq!(canonical("HNM"), Some("Hà Nội Mới"));
        assert_eq!(canonical("hanoimoi.vn"), Some("Hà Nội Mới"));
        assert_eq!(canonical("Báo Hànộimới"), Some("Hà Nội Mới"));
        assert_eq!(canonical("ANTĐ"), Some("An ninh Thủ đô"));
        assert_eq!(canonical("QĐND"), Some("Quân đội nhân dân"));
    }

    #[test]
    fn case_spacing_and_a_leading_bao_do_not_matter() {
        assert_eq!(canonical("Báo phụ nữ thủ đô"), Some("Phụ nữ Thủ đô"));
        assert_eq!(canonical("NHÂN DÂN"), Some("Nhân Dân"));
        assert_eq!(canonical("Kinhtedothi"), Some("Kinh tế & Đô thị"));
        assert_eq!(canonical("Kinh tế & Đô thị"), Some("Kinh tế & Đô thị"));
        assert_eq!(
            canonical("Báo điện tử Đảng Cộng sản Việt Nam"),
            Some("Báo điện tử Đảng Cộng sản Việt Nam")
        );
    }

    #[test]
    fn a_host_matches_with_its_subdomain_scheme_and_path() {
        assert_eq!(canonical("VOV.VN"), Some("VOV"));
        assert_eq!(
            canonical("https://www.qdnd.vn/chinh-tri"),
            Some("Quân đội nhân dân")
        );
        assert_eq!(canonical("m.laodongthudo.vn"), Some("Lao Động Thủ Đô"));
        assert_eq!(canonical("amp.vnexpress.net"), Some("VnExpress"));
    }

    #[test]
    fn an_unknown_or_near_name_is_not_matched() {
        assert_eq!(canonical("Báo Hà Nội Mới Cuối tuần"), None);
        assert_eq!(canonical("Vietnam"), None);
        assert_eq!(canonical("Cổng thông tin điện tử quận Hoàng Mai"), None);
        assert_eq!(canonical("example.vn"), None);
        // A lookalike host is not the outlet's.
        assert_eq!(canonical("hanoimoi.vn.example.com"), None);
        // "Báo" alone is a word, not a prefix to strip.
        assert_eq!(canonical("Báo"), None);
    }
}

//! archive.toml -> Config. Raw (serde, deny_unknown_fields), then resolved
//! into checked values, so a typo in a key is an error naming the key.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
}

/// The checked site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute URL with a trailing slash: `https://user.github.io/repo/`
    /// or just `/` for a site served at the root of its host.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`
    /// (`/repo/`). Every internal link is built on it.
    pub base_path: String,
    pub language: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Lưu trữ Đảng bộ quận, huyện Hà Nội".to_string(),
            description: "Kho lưu trữ các bài báo về đại hội, hội nghị và sự kiện của Đảng bộ các quận, huyện Hà Nội, đã làm sạch và trích xuất dữ kiện.".to_string(),
            base_url: "/".to_string(),
            base_path: "/".to_string(),
            language: "vi".to_string(),
        }
    }
}

impl Config {
    /// Read `archive.toml`. A missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        Config::parse(&text).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parse and check the text of an `archive.toml`.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut config = Config::default();
        if let Some(title) = raw.title {
            if title.trim().is_empty() {
                return Err("key `title`: must not be empty".into());
            }
            config.title = title.trim().to_string();
        }
        if let Some(d) = raw.description {
            config.description = d.trim().to_string();
        }
        if let Some(lang) = raw.language {
            let ok = !lang.is_empty()
                && lang.len() <= 12
                && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok {
                return Err(format!(
                    "key `language`: `{lang}` is not a language tag such as `vi`"
                ));
            }
            config.language = lang;
        }
        if let Some(url) = raw.base_url {
            config
                .set_base_url(&url)
                .map_err(|m| format!("key `base_url`: {m}"))?;
        }
        Ok(config)
    }

    /// Set `base_url` (and the derived `base_path`), checking its form.
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), String> {
        let url = url.trim();
        let path = if let Some(rest) = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
        {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            if host.is_empty() || host.contains(char::is_whitespace) {
                return Err(format!("`{url}` has no host"));
            }
            format!("/{path}")
        } else if url.starts_with('/') {
            url.to_string()
        } else {
            return Err(format!(
                "`{url}` must be an absolute URL (https://user.github.io/repo/) or a path starting with /"
            ));
        };
        if path.contains(['?', '#', '"', '<', '>', '\'', ' ', '\\']) {
            return Err(format!(
                "`{url}` must not contain a query, fragment, quotes or spaces"
            ));
        }
        let path = if path.ends_with('/') {
            path
        } else {
            format!("{path}/")
        };
        self.base_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        self.base_path = path;
        Ok(())
    }

    /// The absolute URL of a site path (`bai-viet/x/`), for feeds and canonical links.
    /// Falls back to the base path when no host is configured.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url, site_path.trim_start_matches('/'))
    }

    /// The root-relative URL of a site path under the base path.
    pub fn href(&self, site_path: &str) -> String {
        // Joined, not `format!`ed: every link of every page is made here.
        [self.base_path.as_str(), site_path.trim_start_matches('/')].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_the_url() {
        let c = Config::parse("base_url = \"https://example.org/archive\"").unwrap();
        assert_eq!(c.base_path, "/archive/");
        assert_eq!(c.base_url, "https://example.org/archive/");
        assert_eq!(c.href("bai-viet/a/"), "/archive/bai-viet/a/");
    }

    #[test]
    fn root_site_has_slash_path() {
        let c = Config::parse("base_url = \"https://user.github.io/\"").unwrap();
        assert_eq!(c.base_path, "/");
        // A site path's own leading slashes do not double the base's.
        assert_eq!(c.href("//quan-huyen/dong-da/"), "/quan-huyen/dong-da/");
        assert_eq!(c.href(""), "/");
    }

    #[test]
    fn unknown_key_is_named() {
        let e = Config::parse("titel = \"x\"").unwrap_err();
        assert!(e.contains("titel"), "{e}");
    }

    #[test]
    fn bad_base_url_is_named() {
        let e = Config::parse("base_url = \"example.org\"").unwrap_err();
        assert!(e.contains("base_url"), "{e}");
    }

    #[test]
    fn bad_language_is_named() {
        let e = Config::parse("language = \"vi vn\"").unwrap_err();
        assert!(e.contains("language"), "{e}");
    }
}

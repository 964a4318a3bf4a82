//! `corpus/<stem>.toml`: facts about an article that its text lacks.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Per-article metadata kept next to the article. Each key, when present,
/// overrides what extraction found.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Sidecar {
    /// The article's title.
    pub title: Option<String>,
    /// Its authors, in byline order.
    pub authors: Option<Vec<String>>,
    /// Publication date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub date: Option<String>,
    /// The original publisher or source.
    pub source: Option<String>,
    /// Where the article lives on the web.
    pub url: Option<String>,
    /// BCP 47 language of the text.
    pub language: Option<String>,
    /// The site it was scraped from.
    pub site: Option<String>,
    /// Categories or tags.
    pub categories: Option<Vec<String>>,
}

impl Sidecar {
    /// The sidecar path for an article: same folder, same stem, `.toml`.
    pub fn path_for(article: &Path) -> PathBuf {
        article.with_extension("toml")
    }

    /// Reads the sidecar of `article`, if there is one.
    pub fn read_for(article: &Path) -> Result<Option<Sidecar>> {
        let path = Self::path_for(article);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(Error::Read { path, source }),
        };
        Self::parse(&text, &path).map(Some)
    }

    /// Parses sidecar `text` read from `path`, checking the date's shape.
    pub fn parse(text: &str, path: &Path) -> Result<Sidecar> {
        let sidecar: Sidecar = toml::from_str(text).map_err(|e| Error::Toml {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        if let Some(date) = &sidecar.date
            && !is_iso_date(date)
        {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!("date = {date:?} is not YYYY-MM-DD, YYYY-MM or YYYY"),
            });
        }
        Ok(sidecar)
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && chrono::NaiveDate::from_ymd_opt(
                    y.parse().unwrap_or(0),
                    m.parse().unwrap_or(0),
                    d.parse().unwrap_or(0),
                )
                .is_some()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_keys() {
        let s = Sidecar::parse(
            "title = \"T\"\nauthors = [\"A B\"]\ndate = \"2017-05-17\"\n",
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(s.title.as_deref(), Some("T"));
        assert_eq!(s.date.as_deref(), Some("2017-05-17"));
    }

    // A typo in a key is an error naming the file and line.
    #[test]
    fn errors_on_unknown_key() {
        let err = Sidecar::parse(
            "title = \"T\"\nauthor = \"A\"\n",
            Path::new("corpus/x.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("corpus/x.toml") && err.contains("line 2"),
            "{err}"
        );
    }

    #[test]
    fn errors_on_bad_date() {
        let err = Sidecar::parse("date = \"17 May 2017\"\n", Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(Sidecar::parse("date = \"2017-02-30\"\n", Path::new("x.toml")).is_err());
    }
}

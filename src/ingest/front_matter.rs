//! Markdown articles: TOML (`+++`) or YAML (`---`) front matter above an
//! already clean body. Known keys become facts; other keys are ignored, as
//! static-site front matter often carries keys meant for other tools.

use std::path::Path;

use super::Sidecar;
use crate::error::{Error, Result};

/// A front matter parser: TOML or YAML text to a value, or the parser's message.
type ParseFn = fn(&str) -> std::result::Result<serde_json::Value, String>;

/// Splits `text` into its front matter (as facts) and the Markdown body.
pub fn split_front_matter(text: &str, path: &Path) -> Result<(Option<Sidecar>, String)> {
    let (fence, parse): (&str, ParseFn) = if text.starts_with("+++\n") {
        ("+++", |s| {
            toml::from_str::<serde_json::Value>(s).map_err(|e| e.to_string())
        })
    } else if text.starts_with("---\n") {
        ("---", |s| {
            serde_norway::from_str::<serde_json::Value>(s).map_err(|e| e.to_string())
        })
    } else {
        return Ok((None, text.to_string()));
    };
    let rest = &text[fence.len() + 1..];
    let Some(end) = rest.find(&format!("\n{fence}")) else {
        return Err(Error::Decode {
            path: path.to_path_buf(),
            message: format!("front matter opened with {fence} on line 1 is never closed"),
        });
    };
    let value = parse(&rest[..end + 1]).map_err(|message| Error::Toml {
        path: path.to_path_buf(),
        message: format!("front matter: {}", message.trim_end()),
    })?;
    let body_start = end + 1 + fence.len();
    let body = rest[body_start..]
        .trim_start_matches(['\r', '\n'])
        .to_string();
    Ok((Some(facts_from(&value)), body))
}

/// The known keys of a front matter table.
fn facts_from(value: &serde_json::Value) -> Sidecar {
    let text = |keys: &[&str]| {
        keys.iter().find_map(|k| match value.get(k) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                Some(s.trim().to_string())
            }
            // TOML and YAML both read unquoted dates as dates: keep the day.
            Some(v @ serde_json::Value::Object(_)) => v
                .get("$__toml_private_datetime")
                .and_then(|d| d.as_str())
                .map(str::to_string),
            _ => None,
        })
    };
    let list = |keys: &[&str]| {
        keys.iter().find_map(|k| match value.get(k) {
            Some(serde_json::Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(|s| s.trim().to_string()))
                    .filter(|s| !s.is_empty())
                    .collect(),
            ),
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                Some(vec![s.trim().to_string()])
            }
            _ => None,
        })
    };
    let date = text(&["date", "published"]).and_then(|d| d.get(..10).map(str::to_string));
    Sidecar {
        title: text(&["title"]),
        authors: list(&["authors", "author"]),
        date: date.filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()),
        source: text(&["source", "publisher"]),
        url: text(&["url", "link"]),
        language: text(&["language", "lang"]),
        site: text(&["site"]),
        categories: list(&["categories", "tags"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_and_yaml_front_matter() {
        let (facts, body) =
            split_front_matter("+++\ntitle = \"T\"\nauthors = [\"A B\"]\ndate = 2019-06-03\ndraft = true\n+++\n\n# Body\n", Path::new("a.md")).unwrap();
        let facts = facts.unwrap();
        assert_eq!(
            (facts.title.as_deref(), facts.date.as_deref()),
            (Some("T"), Some("2019-06-03"))
        );
        assert_eq!(body, "# Body\n");
        let (facts, _) = split_front_matter(
            "---\ntitle: Y\nauthor: C D\ntags: [x, y]\ndate: 2020-01-02\n---\nText\n",
            Path::new("b.md"),
        )
        .unwrap();
        let facts = facts.unwrap();
        assert_eq!(facts.authors, Some(vec!["C D".to_string()]));
        assert_eq!(
            facts.categories,
            Some(vec!["x".to_string(), "y".to_string()])
        );
        assert_eq!(facts.date.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        let err = split_front_matter("---\ntitle: x\n", Path::new("c.md"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("c.md") && err.contains("never closed"),
            "{err}"
        );
    }
}

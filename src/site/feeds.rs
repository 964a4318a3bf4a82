//! What machines read: the JSON-LD `Article` of each page, and the entries
//! of the Atom feed and the sitemap (their markup is in feed.xml and
//! sitemap.xml).

use serde::Serialize;
use serde_json::json;

use crate::config::Settings;
use crate::markdown::RenderedArticle;

use super::views::{non_empty, valid_date};

/// The JSON-LD `Article` object for `a`, ready to sit in a `<script>`
/// element: `<`, `>` and `&` are escaped so no text can close it.
pub(crate) fn json_ld(a: &RenderedArticle, s: &Settings) -> String {
    let mut obj = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": a.title,
        "inLanguage": a.lang.as_deref().unwrap_or(&s.language),
        "wordCount": a.meta.word_count,
        "isPartOf": { "@type": "Book", "name": s.title },
    });
    let authors: Vec<_> = a
        .meta
        .authors
        .iter()
        .filter_map(|n| non_empty(n))
        .map(|n| json!({"@type": "Person", "name": n}))
        .collect();
    if !authors.is_empty() {
        obj["author"] = authors.into();
    }
    if let Some(date) = valid_date(&a.meta.date) {
        obj["datePublished"] = date.into();
    }
    if let Some(publisher) = non_empty(&a.meta.source).or_else(|| non_empty(&a.meta.site)) {
        obj["publisher"] = json!({"@type": "Organization", "name": publisher});
    }
    if !a.summary.is_empty() {
        obj["description"] = a.summary.as_str().into();
    }
    if let Some(base) = &s.base_url {
        obj["url"] = format!("{base}{}.html", a.slug).into();
    }
    obj.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// One entry of feed.xml and sitemap.xml (`entries[]`).
#[derive(Debug, Serialize)]
pub(crate) struct FeedEntry<'a> {
    /// The page: absolute with a base URL, else relative to the site root.
    href: String,
    /// The Atom id: the page's address, or a `tag:`-free URN without one.
    id: String,
    title: &'a str,
    authors: &'a [String],
    /// RFC 3339, at midnight UTC of the article's date.
    updated: Option<String>,
    summary: &'a str,
}

/// How many articles the feed carries: a feed says what is new, and
/// readers fetch it again and again, so it must not grow with the dossier.
pub(crate) const FEED_ENTRIES: usize = 50;

/// The feed's entries: the [`FEED_ENTRIES`] newest, newest first, undated
/// ones last.
pub(crate) fn feed_entries<'a>(
    articles: &'a [RenderedArticle],
    s: &Settings,
) -> Vec<FeedEntry<'a>> {
    let mut entries: Vec<FeedEntry<'a>> = articles
        .iter()
        .map(|a| {
            let href = format!("{}{}.html", s.base_url.as_deref().unwrap_or(""), a.slug);
            let id = match &s.base_url {
                Some(_) => href.clone(),
                None => format!("urn:dossier:{}:{}", s.slug, a.slug),
            };
            FeedEntry {
                href,
                id,
                title: &a.title,
                authors: &a.meta.authors,
                updated: valid_date(&a.meta.date).map(|d| format!("{d}T00:00:00Z")),
                summary: &a.summary,
            }
        })
        .collect();
    // Descending, and `None` sorts below every date; the sort is stable.
    entries.sort_by(|a, b| b.updated.cmp(&a.updated));
    entries.truncate(FEED_ENTRIES);
    entries
}

/// When the feed last changed: its newest article's date (never the clock,
/// so builds stay reproducible).
pub(crate) fn feed_updated(entries: &[FeedEntry<'_>]) -> String {
    entries
        .iter()
        .filter_map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata;

    // Only the newest articles, newest first.
    #[test]
    fn feed_keeps_the_newest() {
        let mut d = testdata::dossier();
        let template = d.articles[0].clone();
        d.articles = (0..FEED_ENTRIES + 10)
            .map(|i| {
                let mut a = template.clone();
                a.slug = format!("a{i}");
                a.meta.date = format!("2020-01-{:02}", i % 28 + 1);
                a
            })
            .collect();
        let entries = feed_entries(&d.articles, &testdata::settings());
        assert_eq!(entries.len(), FEED_ENTRIES);
        assert_eq!(entries[0].updated.as_deref(), Some("2020-01-28T00:00:00Z"));
        assert!(entries.windows(2).all(|w| w[0].updated >= w[1].updated));
    }

    // The JSON-LD parses, names the article's facts and cannot close its script.
    #[test]
    fn json_ld_is_inert_and_complete() {
        let d = testdata::dossier();
        let s = testdata::settings();
        for a in &d.articles {
            let text = json_ld(a, &s);
            assert!(!text.contains('<'), "{text}");
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["@type"], "Article");
            assert_eq!(v["headline"], a.title.as_str());
        }
    }
}

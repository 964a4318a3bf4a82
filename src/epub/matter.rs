//! The facts of the front and back matter, gathered once from the dossier:
//! date range, sources, author notes, what the cleaner removed, and the
//! navigation tree shared by the nav document and the inline contents page.
//!
//! Everything here is text from the corpus, so the only markup it writes
//! (the nested contents list) escapes every title it puts in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::{Dossier, RenderedArticle, escape_text};
use crate::site::{display_date, valid_date};

/// Names and files of the pages around the articles.
pub(crate) const COVER_PAGE: &str = "cover.xhtml";
pub(crate) const TITLE_PAGE: &str = "title.xhtml";
pub(crate) const CONTENTS_PAGE: &str = "contents.xhtml";
pub(crate) const ABOUT_PAGE: &str = "about.xhtml";
pub(crate) const AUTHORS_PAGE: &str = "authors.xhtml";
pub(crate) const SOURCES_PAGE: &str = "sources.xhtml";
pub(crate) const CONTENTS_TITLE: &str = "Contents";
pub(crate) const ABOUT_TITLE: &str = "About this dossier";
pub(crate) const AUTHORS_TITLE: &str = "About the authors";
pub(crate) const SOURCES_TITLE: &str = "Sources";
pub(crate) const GLOSSARY_PAGE: &str = "glossary.xhtml";
pub(crate) const GLOSSARY_TITLE: &str = "Glossary";
pub(crate) const NAMES_PAGE: &str = "names.xhtml";
pub(crate) const NAMES_TITLE: &str = "Index of names";
pub(crate) const EVENTS_PAGE: &str = "events.xhtml";
pub(crate) const EVENTS_TITLE: &str = "Timeline";
/// Where chapters are, seen from the back matter.
pub(crate) const CHAPTER_DIR: &str = "text/";

/// Chapter files live in `text/` so a slug can never clash with the
/// package's own files.
pub(crate) fn chapter_href(slug: &str) -> String {
    chapter_link(slug, None)
}

/// The link to the chapter `slug`, at `anchor` when given: made at its
/// size, since the index of names makes one for every name in every
/// chapter.
pub(crate) fn chapter_link(slug: &str, anchor: Option<&str>) -> String {
    const EXTENSION: &str = ".xhtml";
    let anchor_len = anchor.map_or(0, |a| a.len() + 1);
    let mut href =
        String::with_capacity(CHAPTER_DIR.len() + slug.len() + EXTENSION.len() + anchor_len);
    href.push_str(CHAPTER_DIR);
    href.push_str(slug);
    href.push_str(EXTENSION);
    if let Some(anchor) = anchor {
        href.push('#');
        href.push_str(anchor);
    }
    href
}

/// The facts of the dossier as a whole (`book` in the EPUB templates).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BookFacts {
    /// The first and last article dates, displayed; `None` without dates.
    pub first_date: Option<String>,
    /// See `first_date`.
    pub last_date: Option<String>,
    /// "2012–2018", or "2016" when all articles are from one year.
    pub years: Option<String>,
    /// Each publication the articles come from, with how many.
    pub sources: Vec<SourceCount>,
    /// One note per author (or group of co-authors) who has a bio.
    pub author_notes: Vec<AuthorNote>,
    /// One entry per article, in reading order, for the sources list.
    pub articles: Vec<ArticleSource>,
    /// How many lines the cleaner removed, per rule, most first.
    pub removed: Vec<RuleCount>,
    /// All removed lines.
    pub removed_total: usize,
    /// The nested contents list as XHTML (titles escaped).
    pub toc_html: String,
}

/// A publication and its article count.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceCount {
    pub name: String,
    pub count: usize,
}

/// An author's bio and the articles they wrote.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuthorNote {
    pub names: String,
    pub bio: Vec<String>,
    pub articles: Vec<Link>,
}

/// A link to a chapter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub href: String,
    /// The article's language when it differs from the book's.
    pub lang: Option<String>,
}

/// Where one article came from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArticleSource {
    pub title: String,
    /// The article's language when it differs from the book's.
    pub lang: Option<String>,
    pub href: String,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub source: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub file: String,
}

/// A cleaning rule and how many lines it removed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RuleCount {
    pub rule: &'static str,
    pub count: usize,
}

/// One entry of the navigation: a page, an article or a section heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NavPoint {
    pub title: String,
    /// The title's language when it differs from the book's.
    pub lang: Option<String>,
    pub href: String,
    pub children: Vec<NavPoint>,
}

/// The article's language, when known and not the book's.
fn other_language(a: &RenderedArticle, book_language: &str) -> Option<String> {
    a.lang.clone().filter(|l| l != book_language)
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl BookFacts {
    /// Gathers the facts; `nav` is the tree the contents list shows.
    pub(crate) fn new(d: &Dossier, language: &str, nav: &[NavPoint]) -> BookFacts {
        let dates: Vec<&str> = d
            .articles
            .iter()
            .filter_map(|a| valid_date(&a.meta.date))
            .collect();
        let first = dates.iter().min().copied();
        let last = dates.iter().max().copied();
        let years = match (first, last) {
            (Some(f), Some(l)) if f[..4] == l[..4] => Some(f[..4].to_string()),
            (Some(f), Some(l)) => Some(format!("{}–{}", &f[..4], &l[..4])),
            _ => None,
        };

        let mut sources: BTreeMap<String, usize> = BTreeMap::new();
        for a in &d.articles {
            if let Some(name) = non_empty(&a.meta.source).or_else(|| non_empty(&a.meta.site)) {
                *sources.entry(name).or_default() += 1;
            }
        }

        let mut removed: BTreeMap<&'static str, usize> = BTreeMap::new();
        for a in &d.articles {
            for r in &a.provenance {
                *removed.entry(r.rule).or_default() += 1;
            }
        }
        let removed_total = removed.values().sum();
        let mut removed: Vec<RuleCount> = removed
            .into_iter()
            .map(|(rule, count)| RuleCount { rule, count })
            .collect();
        removed.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));

        BookFacts {
            first_date: first.map(|f| display_date(f, language)),
            last_date: last.map(|l| display_date(l, language)),
            years,
            sources: sources
                .into_iter()
                .map(|(name, count)| SourceCount { name, count })
                .collect(),
            author_notes: author_notes(d, language),
            articles: d
                .articles
                .iter()
                .map(|a| article_source(a, language))
                .collect(),
            removed,
            removed_total,
            toc_html: nav_list_html(nav, 1),
        }
    }
}

/// Notes keyed by the article's author line, so co-authors share one note
/// and an author who wrote several articles gets one note listing them.
fn author_notes(d: &Dossier, language: &str) -> Vec<AuthorNote> {
    let mut notes: Vec<AuthorNote> = Vec::new();
    for a in &d.articles {
        let bio: Vec<String> = a
            .meta
            .author_bio
            .iter()
            .filter_map(|b| non_empty(b))
            .collect();
        if bio.is_empty() {
            continue;
        }
        let names = a
            .meta
            .authors
            .iter()
            .filter_map(|n| non_empty(n))
            .collect::<Vec<_>>()
            .join(", ");
        let link = Link {
            title: a.title.clone(),
            href: chapter_href(&a.slug),
            lang: other_language(a, language),
        };
        match notes
            .iter_mut()
            .find(|n| n.names == names && !names.is_empty())
        {
            Some(note) => {
                for line in bio {
                    if !note.bio.contains(&line) {
                        note.bio.push(line);
                    }
                }
                note.articles.push(link);
            }
            None => notes.push(AuthorNote {
                names,
                bio,
                articles: vec![link],
            }),
        }
    }
    notes
}

fn article_source(a: &RenderedArticle, language: &str) -> ArticleSource {
    let date = valid_date(&a.meta.date);
    let url = non_empty(&a.meta.url).filter(|u| {
        let lower = u.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    });
    ArticleSource {
        title: a.title.clone(),
        lang: other_language(a, language),
        href: chapter_href(&a.slug),
        authors: a.meta.authors.iter().filter_map(|n| non_empty(n)).collect(),
        date: date.map(str::to_string),
        date_display: date.map(|d| display_date(d, language)),
        source: non_empty(&a.meta.source),
        site: non_empty(&a.meta.site),
        url,
        file: a.path.display().to_string().replace('\\', "/"),
    }
}

/// The article and its section headings, nested by heading level (an `h3`
/// goes under the `h2` before it; one without an `h2` goes under the article).
pub(crate) fn article_nav(a: &RenderedArticle, book_language: &str) -> NavPoint {
    let href = chapter_href(&a.slug);
    let lang = other_language(a, book_language);
    let mut root = NavPoint {
        title: a.title.clone(),
        lang: lang.clone(),
        href: href.clone(),
        children: Vec::new(),
    };
    // The path of open headings: (level, index among its parent's children).
    let mut open: Vec<u8> = Vec::new();
    for entry in &a.toc {
        while open.last().is_some_and(|&level| level >= entry.level) {
            open.pop();
        }
        let mut parent = &mut root;
        for _ in 0..open.len() {
            parent = parent.children.last_mut().expect("open heading exists");
        }
        parent.children.push(NavPoint {
            title: entry.title.clone(),
            lang: lang.clone(),
            href: format!("{href}#{}", entry.id),
            children: Vec::new(),
        });
        open.push(entry.level);
    }
    root
}

/// The depth of the deepest entry (1 for a flat list).
pub(crate) fn nav_depth(nav: &[NavPoint]) -> usize {
    nav.iter()
        .map(|p| 1 + nav_depth(&p.children))
        .max()
        .unwrap_or(0)
}

/// `<ol>` of `nav`, nested; never an empty `<ol>` (EPUBCheck rejects one).
pub(crate) fn nav_list_html(nav: &[NavPoint], indent: usize) -> String {
    if nav.is_empty() {
        return String::new();
    }
    let pad = "  ".repeat(indent);
    let mut html = format!("{pad}<ol>\n");
    for p in nav {
        // Language tags are BCP 47-shaped (checked upstream); escaped anyway.
        let lang = p.lang.as_deref().map_or(String::new(), |l| {
            let l = escape_text(l).replace('"', "&quot;");
            format!(" xml:lang=\"{l}\" lang=\"{l}\"")
        });
        let link = format!(
            "<a href=\"{}\"{lang}>{}</a>",
            escape_text(&p.href).replace('"', "&quot;"),
            escape_text(&p.title)
        );
        if p.children.is_empty() {
            html.push_str(&format!("{pad}  <li>{link}</li>\n"));
        } else {
            html.push_str(&format!("{pad}  <li>{link}\n"));
            html.push_str(&nav_list_html(&p.children, indent + 2));
            html.push_str(&format!("{pad}  </li>\n"));
        }
    }
    html.push_str(&format!("{pad}</ol>\n"));
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TocEntry;
    use crate::testdata;

    #[test]
    fn chapter_links() {
        assert_eq!(chapter_href("01-a"), "text/01-a.xhtml");
        let link = chapter_link("01-a", Some("p-3"));
        assert_eq!(link, "text/01-a.xhtml#p-3");
        assert_eq!(link.capacity(), link.len());
    }

    fn entry(level: u8, id: &str) -> TocEntry {
        TocEntry {
            id: id.into(),
            title: format!("T <{id}>"),
            level,
        }
    }

    // h3 nests under the h2 before it; an h2 after closes it; a leading h3 sits under the article.
    #[test]
    fn headings_nest_by_level() {
        let mut a = testdata::dossier().articles.remove(0);
        a.toc = vec![
            entry(3, "a"),
            entry(2, "b"),
            entry(3, "c"),
            entry(4, "d"),
            entry(2, "e"),
        ];
        a.lang = Some("ru".into());
        let nav = article_nav(&a, "en");
        let shape: Vec<(String, usize)> = nav
            .children
            .iter()
            .map(|c| {
                (
                    c.href.rsplit('#').next().unwrap().to_string(),
                    c.children.len(),
                )
            })
            .collect();
        assert_eq!(shape, [("a".into(), 0), ("b".into(), 1), ("e".into(), 0)]);
        assert_eq!(
            nav.children[1].children[0].children[0].href,
            format!("{}#d", nav.href)
        );
        assert_eq!(nav_depth(std::slice::from_ref(&nav)), 4);
        let html = nav_list_html(&[nav], 0);
        assert!(
            html.contains("xml:lang=\"ru\" lang=\"ru\">T &lt;a&gt;"),
            "{html}"
        );
        assert!(!html.contains("<ol>\n</ol>"));
    }

    #[test]
    fn empty_nav_writes_nothing() {
        assert_eq!(nav_list_html(&[], 0), "");
    }

    // Facts: date range, sources and the author note of the test dossier.
    #[test]
    fn gathers_book_facts() {
        let d = testdata::dossier();
        let facts = BookFacts::new(&d, "en", &[]);
        assert!(facts.years.is_some());
        assert_eq!(facts.articles.len(), d.articles.len());
        assert!(facts.first_date <= facts.last_date || facts.first_date.is_some());
    }
}

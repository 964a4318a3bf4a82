//! [`Dossier`] + [`Templates`] + [`Settings`] → the static site, as a list of
//! [`OutputFile`]s under `html/`.
//!
//! Steps: 1. the book's facts and description become a small `site` value
//! shared by every page; 2. the index gets a one-line entry per article;
//! 3. each article page gets its own article, its neighbours' titles and
//! nothing else (a page must never see the whole dossier: that is what made
//! large Zola sites slow); 4. the stylesheet and icon are rendered as
//! templates too, so users can override them.
//!
//! It must not touch the disk (that is [`crate::output`]), read the clock, or
//! iterate a hash map into output: the same input gives the same bytes.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Settings;
use crate::error::Result;
use crate::highlight;
use crate::markdown::{
    Dossier, Profile, RenderedArticle, RenderedFootnote, TocEntry, render_markdown_flagged,
};
use crate::normalize::Removed;
use crate::output::OutputFile;
use crate::templates::Templates;

/// The folder of the site inside the output folder.
pub const SITE_DIR: &str = "html";

/// Renders every page of the site, the stylesheet and the icon.
pub fn render_site(d: &Dossier, t: &Templates, s: &Settings) -> Result<Vec<OutputFile>> {
    let (description_html, has_code) = render_markdown_flagged(&s.description);
    let site = SiteInfo::new(s, description_html, d.articles.len());
    let mut files = Vec::with_capacity(d.articles.len() + 3);

    let entries: Vec<IndexEntry<'_>> = d
        .articles
        .iter()
        .map(|a| IndexEntry::new(a, &s.language))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("site", &site);
    ctx.insert("articles", &entries);
    files.push(page("index.html", t.render("index.html", &ctx)?));

    let pages: Vec<OutputFile> = d
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
            let neighbour = |j: Option<usize>| j.and_then(|j| d.articles.get(j)).map(Link::new);
            let mut ctx = Context::new();
            ctx.insert("site", &site);
            ctx.insert(
                "article",
                &ArticleView::new(article, Profile::Site, &s.language),
            );
            ctx.insert("prev", &neighbour(i.checked_sub(1)));
            ctx.insert("next", &neighbour(Some(i + 1)));
            ctx.insert("position", &(i + 1));
            ctx.insert("total", &d.articles.len());
            Ok(page(
                &format!("{}.html", article.slug),
                t.render("article.html", &ctx)?,
            ))
        })
        .collect::<Result<_>>()?;
    files.extend(pages);

    let mut ctx = Context::new();
    ctx.insert("site", &site);
    let mut css = t.render("style.css", &ctx)?;
    if has_code {
        css.push('\n');
        css.push_str(&highlight::stylesheet());
    }
    files.push(page("style.css", css));
    files.push(page("favicon.svg", t.render("favicon.svg", &ctx)?));
    Ok(files)
}

fn page(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: PathBuf::from(SITE_DIR).join(name),
        bytes: text.into_bytes(),
    }
}

/// The book's facts, the same for every page (`site` in templates).
#[derive(Debug, Serialize)]
pub(crate) struct SiteInfo<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    editors: &'a [String],
    language: &'a str,
    publisher: Option<&'a str>,
    /// The description rendered from the user's Markdown (trusted HTML).
    description_html: String,
    /// Where the EPUB is, relative to the site's pages.
    epub_href: String,
    article_count: usize,
}

impl<'a> SiteInfo<'a> {
    pub(crate) fn new(s: &'a Settings, description_html: String, article_count: usize) -> Self {
        SiteInfo {
            title: &s.title,
            subtitle: s.subtitle.as_deref().filter(|t| !t.trim().is_empty()),
            editors: &s.editors,
            language: &s.language,
            publisher: s.publisher.as_deref().filter(|t| !t.trim().is_empty()),
            description_html,
            epub_href: format!("../{}", crate::epub::epub_path(s).display()).replace('\\', "/"),
            article_count,
        }
    }
}

/// One line of the index (`articles[]` in index.html).
#[derive(Debug, Serialize)]
struct IndexEntry<'a> {
    slug: &'a str,
    title: &'a str,
    lang: Option<&'a str>,
    authors: &'a [String],
    date: Option<&'a str>,
    date_display: Option<String>,
    source: Option<&'a str>,
    reading_minutes: u32,
    summary: &'a str,
}

impl<'a> IndexEntry<'a> {
    fn new(a: &'a RenderedArticle, site_language: &str) -> Self {
        let date = valid_date(&a.meta.date);
        IndexEntry {
            slug: &a.slug,
            title: &a.title,
            lang: a.lang.as_deref(),
            authors: &a.meta.authors,
            date,
            date_display: date.map(|d| display_date(d, site_language)),
            source: non_empty(&a.meta.source),
            reading_minutes: a.reading_minutes,
            summary: &a.summary,
        }
    }
}

/// A neighbouring article (`prev`/`next`).
#[derive(Debug, Serialize)]
struct Link<'a> {
    slug: &'a str,
    title: &'a str,
}

impl<'a> Link<'a> {
    fn new(a: &'a RenderedArticle) -> Self {
        Link {
            slug: &a.slug,
            title: &a.title,
        }
    }
}

/// One article as templates see it (`article` in article.html and
/// epub/chapter.xhtml): its facts with empty values as `none`, and the body
/// for one profile.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView<'a> {
    slug: &'a str,
    title: &'a str,
    lang: Option<&'a str>,
    authors: &'a [String],
    author_bio: &'a [String],
    date: Option<&'a str>,
    date_display: Option<String>,
    source: Option<&'a str>,
    site: Option<&'a str>,
    /// Only `http(s)` addresses, so a sidecar cannot smuggle in a script link.
    url: Option<&'a str>,
    categories: &'a [String],
    word_count: usize,
    reading_minutes: u32,
    summary: &'a str,
    body: &'a str,
    footnotes: &'a [RenderedFootnote],
    toc: &'a [TocEntry],
    provenance: &'a [Removed],
}

impl<'a> ArticleView<'a> {
    pub(crate) fn new(a: &'a RenderedArticle, profile: Profile, site_language: &str) -> Self {
        let m = &a.meta;
        let date = valid_date(&m.date);
        let url = non_empty(&m.url).filter(|u| {
            let lower = u.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        });
        ArticleView {
            slug: &a.slug,
            title: &a.title,
            lang: a.lang.as_deref(),
            authors: &m.authors,
            author_bio: &m.author_bio,
            date,
            date_display: date.map(|d| display_date(d, site_language)),
            source: non_empty(&m.source),
            site: non_empty(&m.site),
            url,
            categories: &m.categories,
            word_count: m.word_count,
            reading_minutes: a.reading_minutes,
            summary: &a.summary,
            body: a.body(profile),
            footnotes: &a.footnotes,
            toc: &a.toc,
            provenance: &a.provenance,
        }
    }
}

fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// The date if it is a real `YYYY-MM-DD` day (`<time datetime>` must be).
pub(crate) fn valid_date(date: &str) -> Option<&str> {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|_| date)
}

/// "5 March 2024" for English dossiers; other languages keep the ISO date,
/// which every reader can parse, rather than English month names.
pub(crate) fn display_date(iso: &str, language: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let english = language == "en" || language.starts_with("en-");
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) if english => {
            use chrono::Datelike;
            format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
        }
        _ => iso.to_string(),
    }
}

/// A context with what base.html needs, for tests of overriding templates.
#[cfg(test)]
pub(crate) fn test_base_context() -> Context {
    let s = crate::testdata::settings();
    let mut ctx = Context::new();
    ctx.insert("site", &SiteInfo::new(&s, String::new(), 0));
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata;

    fn build() -> Vec<OutputFile> {
        let d = testdata::dossier();
        let t = Templates::load(None).unwrap();
        render_site(&d, &t, &testdata::settings()).unwrap()
    }

    fn file<'a>(files: &'a [OutputFile], name: &str) -> &'a str {
        let f = files
            .iter()
            .find(|f| f.path == PathBuf::from(SITE_DIR).join(name))
            .unwrap_or_else(|| panic!("no {name}"));
        std::str::from_utf8(&f.bytes).unwrap()
    }

    // Every article has a page, plus index, stylesheet and icon.
    #[test]
    fn writes_every_page() {
        let files = build();
        let names: Vec<_> = files
            .iter()
            .map(|f| f.path.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names.len(),
            testdata::dossier().articles.len() + 3,
            "{names:?}"
        );
        assert!(names.contains(&"html/index.html".to_string()));
        assert!(names.contains(&"html/style.css".to_string()));
    }

    // Scraped text and metadata never become markup on the page.
    #[test]
    fn escapes_corpus_text_in_pages() {
        let files = build();
        for f in &files {
            let text = std::str::from_utf8(&f.bytes).unwrap();
            assert!(!text.contains("<script>"), "{}", f.path.display());
        }
        let page = file(&files, "escaping.html");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(page.contains("Tom &amp; Jerry"), "{page}");
    }

    // Notes link to their reference and back.
    #[test]
    fn footnotes_link_both_ways() {
        let files = build();
        let page = file(&files, "energy.html");
        assert!(page.contains("href=\"#fn-1\" id=\"fnref-1\""), "{page}");
        assert!(page.contains("id=\"fn-1\""), "{page}");
        assert!(page.contains("href=\"#fnref-1\""), "{page}");
        assert!(!page.contains("epub:type"), "{page}");
    }

    // The first page has only a next link, the last only a previous one.
    #[test]
    fn prev_next_links() {
        let d = testdata::dossier();
        let files = build();
        let first = file(&files, &format!("{}.html", d.articles[0].slug));
        let second = &d.articles[1].slug;
        assert!(
            first.contains(&format!("rel=\"next\" href=\"{second}.html\"")),
            "{first}"
        );
        assert!(!first.contains("rel=\"prev\""));
        let last_slug = &d.articles.last().unwrap().slug;
        let last = file(&files, &format!("{last_slug}.html"));
        assert!(last.contains("rel=\"prev\""));
        assert!(!last.contains("rel=\"next\""));
    }

    // The same input gives the same bytes.
    #[test]
    fn deterministic() {
        assert_eq!(build(), build());
    }

    #[test]
    fn dates_are_checked_and_shown() {
        assert_eq!(valid_date("2024-02-30"), None);
        assert_eq!(display_date("2024-03-05", "en-GB"), "5 March 2024");
        assert_eq!(display_date("2024-03-05", "ru"), "2024-03-05");
    }
}

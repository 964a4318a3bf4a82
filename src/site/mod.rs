//! [`Dossier`] + [`Templates`] + [`Settings`] → the static site, as a list of
//! [`OutputFile`]s under `html/`.
//!
//! Every page gets `site` (the book's facts), `root` (the way back to the
//! site's root: `""` or `"../"`, so every link is relative and the site works
//! under any sub-path and from disk), `crumbs` and `canonical`, plus its own
//! small part of the dossier: an article page its article and its
//! neighbours' titles, an author page that author's articles. No page but
//! the print page sees the whole dossier (that is what made large Zola and
//! mdBook sites slow and huge).
//!
//! It must not touch the disk (that is [`crate::output`]), read the clock, or
//! iterate a hash map into output: the same input gives the same bytes.

pub(crate) mod annotations;
mod feeds;
mod groups;
pub(crate) mod paging;
mod print;
mod search;
mod timeline;
mod views;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Settings;
use crate::error::Result;
use crate::highlight;
use crate::markdown::{Dossier, Profile, render_markdown_flagged};
use crate::memo::{Hashed, MemoKey, Page, PageContext, PageMemo, render_page};
use crate::output::OutputFile;
use crate::templates::Templates;

use groups::{Group, GroupKind};
pub(crate) use views::{ArticleView, SiteInfo, display_date, valid_date};
use views::{IndexEntry, Link};

/// The folder of the site inside the output folder.
pub const SITE_DIR: &str = "html";

/// Page names (without `.html`) the site itself uses at its root; an
/// article whose slug would take one gets another.
pub const RESERVED_SLUGS: &[&str] = &[
    "index",
    "search",
    "timeline",
    "print",
    "404",
    "glossary",
    "people",
    "organisations",
    "places",
    "dossier",
];

/// MiniSearch, the search library the search page runs (MIT licence, kept
/// beside it in the output as required).
const MINISEARCH_JS: &str = include_str!("../../assets/minisearch/minisearch.js");
const MINISEARCH_LICENSE: &str = include_str!("../../assets/minisearch/LICENSE.txt");

/// A link in the breadcrumb trail (`crumbs[]`); the last has no `href`.
#[derive(Debug, Serialize)]
pub(crate) struct Crumb<'a> {
    pub(crate) title: &'a str,
    pub(crate) href: Option<String>,
}

impl<'a> Crumb<'a> {
    /// The first crumb of every page: the dossier's title, linking home.
    pub(crate) fn home(s: &'a Settings) -> Crumb<'a> {
        Crumb {
            title: &s.title,
            href: Some("index.html".into()),
        }
    }
}

/// Builds the context every page shares.
fn base_context(site: &SiteInfo<'_>, s: &Settings, path: &str, crumbs: &[Crumb<'_>]) -> Context {
    base_page(site, s, path, crumbs).to_context()
}

/// [`base_context`], as a [`PageContext`] the page memo can key.
pub(crate) fn base_page<'a>(
    site: &'a SiteInfo<'a>,
    s: &Settings,
    path: &str,
    crumbs: impl Serialize + 'a,
) -> PageContext<'a> {
    let depth = path.matches('/').count();
    let mut ctx = PageContext::new();
    ctx.insert("site", site);
    ctx.insert("root", "../".repeat(depth));
    ctx.insert("crumbs", crumbs);
    ctx.insert("page_path", path.to_string());
    let canonical = s.base_url.as_ref().map(|b| {
        let p = path.strip_suffix("index.html").unwrap_or(path);
        format!("{b}{p}")
    });
    ctx.insert("canonical", canonical);
    ctx
}

/// The context of a page under the home page: Home › `title`.
fn single_page<'b>(
    site: &'b SiteInfo<'b>,
    s: &'b Settings,
    path: &str,
    title: &'b str,
) -> PageContext<'b> {
    let crumbs = [Crumb::home(s), Crumb { title, href: None }];
    base_page(site, s, path, crumbs)
}

/// The context of a page under an index page: Home › `parent` › `title`.
fn nested_page<'b>(
    site: &'b SiteInfo<'b>,
    s: &'b Settings,
    path: &str,
    (parent, parent_href): (&'b str, &str),
    title: &'b str,
) -> PageContext<'b> {
    let crumbs = [
        Crumb::home(s),
        Crumb {
            title: parent,
            href: Some(parent_href.to_string()),
        },
        Crumb { title, href: None },
    ];
    base_page(site, s, path, crumbs)
}

/// Where the site's files go as soon as they are made, from any thread, so
/// a build never holds the whole site in memory.
pub trait SiteSink: Sync {
    /// Files this build rendered.
    fn files(&self, files: Vec<OutputFile>) -> Result<()>;
    /// Pages (paths relative to the output folder) the page memo found
    /// unchanged in the previous output, to be taken from it.
    fn unchanged(&self, paths: Vec<PathBuf>) -> Result<()>;
}

/// A build writes the site into the next output folder as it goes.
impl SiteSink for crate::output::Staging {
    fn files(&self, files: Vec<OutputFile>) -> Result<()> {
        self.write(files)
    }

    fn unchanged(&self, paths: Vec<PathBuf>) -> Result<()> {
        self.link_unchanged(paths)
    }
}

/// Collects the files, for [`render_site`].
struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl SiteSink for Collect {
    fn files(&self, files: Vec<OutputFile>) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(files);
        Ok(())
    }

    fn unchanged(&self, _: Vec<PathBuf>) -> Result<()> {
        unreachable!("no page memo, no unchanged page")
    }
}

/// Renders every page of the site and the files it needs, sorted by path.
pub fn render_site(d: &Dossier, t: &Templates, s: &Settings) -> Result<Vec<OutputFile>> {
    let all = Collect(std::sync::Mutex::new(Vec::new()));
    render_site_to(d, t, s, None, &all)?;
    let mut files = all.0.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// How many files the site has, and how many of them the page memo kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteCount {
    /// Every file of the site.
    pub files: usize,
    /// Those taken unchanged from the previous output.
    pub unchanged: usize,
}

/// Renders every page of the site and the files it needs into `sink`, each
/// as soon as it is made, leaving out of the rendering the article and group
/// pages `memo` finds unchanged in the previous output.
pub fn render_site_to(
    d: &Dossier,
    t: &Templates,
    s: &Settings,
    memo: Option<&PageMemo>,
    sink: &dyn SiteSink,
) -> Result<SiteCount> {
    let count = std::sync::atomic::AtomicUsize::new(0);
    let unchanged = std::sync::atomic::AtomicUsize::new(0);
    let put = |files: Vec<OutputFile>| {
        count.fetch_add(files.len(), std::sync::atomic::Ordering::Relaxed);
        sink.files(files)
    };
    let emit = |path: PathBuf, page: Page| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match page {
            Page::Rendered(text) => sink.files(vec![OutputFile {
                path,
                bytes: text.into_bytes(),
            }]),
            Page::Unchanged => {
                unchanged.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                sink.unchanged(vec![path])
            }
        }
    };
    // A page that goes through the memo: rendered only when its key changed.
    let memo_page = |path: &str, template: &str, ctx: &PageContext<'_>| {
        let out = site_path(path);
        let page = render_page(memo, t, template, &out, ctx)?;
        emit(out, page)
    };
    let (description_html, has_code) = render_markdown_flagged(&s.description);
    let lang = s.language.as_str();
    let authors = groups::group(&d.articles, GroupKind::Author, lang);
    let sources = groups::group(&d.articles, GroupKind::Source, lang);
    let categories = groups::group(&d.articles, GroupKind::Category, lang);
    let site = SiteInfo::with_indexes(
        s,
        description_html,
        d.articles.len(),
        [
            !authors.is_empty(),
            !sources.is_empty(),
            !categories.is_empty(),
        ],
    )
    .with_annotations(d)
    .with_volumes(s, &d.articles);
    let home = Crumb::home(s);
    let mut files = Vec::with_capacity(64);

    let entries: Vec<IndexEntry<'_>> = d
        .articles
        .iter()
        .map(|a| IndexEntry::new(a, lang))
        .collect();
    let mut ctx = base_page(&site, s, "index.html", [(); 0]);
    ctx.insert("articles", &entries);
    memo_page("index.html", "index.html", &ctx)?;

    let single = |path: &str, title| single_page(&site, s, path, title);
    // The year pages come first: an article's dates link to the page of
    // their year that holds them.
    let event_years = annotations::event_years(d, lang);
    let date_pages = annotations::DatePages::new(&event_years);
    let years = timeline::year_pages(event_years, groups::timeline(&d.articles, lang));
    // Each article's site body is shown by its page, its print part and its
    // search part: keyed once here, so their keys hash 16 bytes for it.
    let body_keys: Vec<Option<MemoKey>> = match memo {
        Some(_) => d
            .articles
            .par_iter()
            .map(|a| views::body_key(a, Profile::Site))
            .collect(),
        None => Vec::new(),
    };
    // Each article's view is shown by its page and its print part: made
    // and keyed once here.
    let shown: Vec<Hashed<ArticleView<'_>>> = d
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let view = ArticleView::new(a, Profile::Site, lang)
                .with_date_pages(&date_pages)
                .with_body_key(body_keys.get(i).copied().flatten());
            match memo {
                Some(_) => Hashed::new(view),
                None => Hashed::unkeyed(view),
            }
        })
        .collect();
    let print_pages = || print::print_pages(d, t, s, memo, &site, &date_pages, &shown);
    let article_pages = || {
        d.articles
            .par_iter()
            .zip(&shown)
            .enumerate()
            .map(|(i, (article, view))| {
                let neighbour = |j: Option<usize>| j.and_then(|j| d.articles.get(j)).map(Link::new);
                let path = format!("{}.html", article.slug);
                let crumbs = [
                    Crumb {
                        title: home.title,
                        href: home.href.clone(),
                    },
                    Crumb {
                        title: &article.title,
                        href: None,
                    },
                ];
                let mut ctx = base_page(&site, s, &path, &crumbs);
                ctx.insert("article", view);
                ctx.insert("prev", neighbour(i.checked_sub(1)));
                ctx.insert("next", neighbour(Some(i + 1)));
                ctx.insert("position", i + 1);
                ctx.insert("total", d.articles.len());
                ctx.insert("json_ld", feeds::json_ld(article, s));
                ctx.insert(
                    "author_links",
                    author_links(&authors, &article.meta.authors),
                );
                let out = site_path(&path);
                emit(
                    out.clone(),
                    render_page(memo, t, "article.html", &out, &ctx)?,
                )
            })
            .collect::<Result<()>>()
    };
    // The search index and the print pages copy every article's text: made
    // before the article pages, so those copies are gone before the pages
    // pile up in memory.
    let (search_parts, print_files) = rayon::join(
        || search::search_index_parts(&d.articles, lang, memo, &body_keys),
        print_pages,
    );
    for (path, page) in print_files? {
        emit(path, page)?;
    }
    let search_parts = search_parts?;
    let part_paths: Vec<String> = search_parts
        .iter()
        .map(|(p, _)| {
            let under_site = p.strip_prefix(SITE_DIR).unwrap_or(p);
            under_site.to_string_lossy().replace('\\', "/")
        })
        .collect();
    for (path, page) in search_parts {
        emit(path, page)?;
    }
    article_pages()?;

    for (kind, dir, list_title, groups) in [
        ("author", "authors", "Authors", &authors),
        ("source", "sources", "Sources", &sources),
        ("category", "categories", "Categories", &categories),
    ] {
        if groups.is_empty() {
            continue;
        }
        let list_path = format!("{dir}/index.html");
        let lines: Vec<_> = groups.iter().map(Group::line).collect();
        let mut ctx = single(&list_path, list_title);
        ctx.insert("groups", &lines);
        ctx.insert("kind", kind);
        memo_page(&list_path, &format!("{dir}.html"), &ctx)?;
        for g in groups.iter() {
            let path = format!("{dir}/{}.html", g.slug);
            let crumbs = [
                Crumb::home(s),
                Crumb {
                    title: list_title,
                    href: Some(format!("{dir}/index.html")),
                },
                Crumb {
                    title: g.name,
                    href: None,
                },
            ];
            let mut ctx = base_page(&site, s, &path, &crumbs);
            ctx.insert("group", g);
            let out = site_path(&path);
            let page = render_page(memo, t, &format!("{kind}.html"), &out, &ctx)?;
            emit(out, page)?;
        }
    }

    let mut ctx = single("timeline.html", "Timeline");
    let lines: Vec<_> = years.iter().map(timeline::YearPage::line).collect();
    ctx.insert("years", lines);
    memo_page("timeline.html", "timeline.html", &ctx)?;
    // The pages of years, terms and names go to the sink as they are made,
    // each page of each through the memo.
    let year_pages: Vec<(&timeline::YearPage<'_>, usize)> = years
        .iter()
        .flat_map(|y| (1..=y.pages()).map(move |n| (y, n)))
        .collect();
    year_pages.par_iter().try_for_each(|&(y, n)| {
        let path = format!("timeline/{}.html", paging::page_name(&y.key, n));
        let mut ctx = nested_page(&site, s, &path, ("Timeline", "timeline.html"), &y.title);
        ctx.insert("year", y.part(n));
        ctx.insert("pager", paging::Pager::new(&y.key, n, y.pages()));
        memo_page(&path, "year.html", &ctx)
    })?;

    let terms = annotations::term_lines(&d.glossary);
    if !terms.is_empty() {
        let mut ctx = single("glossary.html", "Glossary");
        ctx.insert("terms", &terms);
        memo_page("glossary.html", "glossary.html", &ctx)?;
        d.glossary
            .par_iter()
            .zip(&terms)
            .try_for_each(|(term, line)| {
                let path = format!("glossary/{}.html", line.page);
                let mut ctx =
                    nested_page(&site, s, &path, ("Glossary", "glossary.html"), &term.term);
                ctx.insert("term", term);
                memo_page(&path, "term.html", &ctx)
            })?;
    }
    let name_indexes = annotations::name_indexes(d);
    // What the name pages' keys hash for each article they list, made once.
    let link_keys: Vec<Option<MemoKey>> = match memo {
        Some(_) => d
            .articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| annotations::link_key(a, i))
            .collect(),
        None => Vec::new(),
    };
    // Each index's name pages, for the sitemap.
    let mut name_pages: Vec<Vec<String>> = Vec::new();
    for index in &name_indexes {
        let path = format!("{}.html", index.page);
        let mut ctx = single(&path, index.title);
        ctx.insert("index", index);
        memo_page(&path, "names.html", &ctx)?;
        let entries: Vec<_> = index.letters.iter().flat_map(|l| &l.entries).collect();
        let parent = format!("{}.html", index.page);
        let pages = entries
            .par_iter()
            .map(|e| {
                let all = e.articles_keyed(d, &link_keys);
                let count = paging::page_count(all.len());
                for n in 1..=count {
                    let path = format!("names/{}.html", paging::page_name(e.id, n));
                    let mut ctx = nested_page(&site, s, &path, (index.title, &parent), e.name);
                    ctx.insert("name", index.name_page(e, &all, n));
                    ctx.insert("pager", paging::Pager::new(e.id, n, count));
                    memo_page(&path, "name.html", &ctx)?;
                }
                Ok((1..=count).map(|n| paging::page_name(e.id, n)).collect())
            })
            .collect::<Result<Vec<Vec<String>>>>()?;
        name_pages.push(pages.into_iter().flatten().collect());
    }
    files.extend(citation_files(d, s.citation_files));

    let mut ctx = single("search.html", "Search");
    ctx.insert("search_parts", &part_paths);
    memo_page("search.html", "search.html", &ctx)?;
    files.push(page("minisearch.js", MINISEARCH_JS.to_string()));
    files.push(page(
        "minisearch-LICENSE.txt",
        MINISEARCH_LICENSE.to_string(),
    ));

    // The 404 page is served at any depth, so its links need the base URL.
    let mut ctx = single("404.html", "Not found");
    ctx.insert("root", s.base_url.clone().unwrap_or_default());
    ctx.insert("canonical", None::<String>);
    memo_page("404.html", "404.html", &ctx)?;

    let feed = feeds::feed_entries(&d.articles, s);
    let mut ctx = base_context(&site, s, "feed.xml", &[]);
    ctx.insert("updated", &feeds::feed_updated(&feed));
    let feed_id = match &s.base_url {
        Some(b) => b.clone(),
        None => format!("urn:dossier:{}", s.slug),
    };
    ctx.insert("feed_id", &feed_id);
    ctx.insert("entries", &feed);
    files.push(page("feed.xml", t.render("feed.xml", &ctx)?));
    if s.base_url.is_some() {
        let mut ctx = base_context(&site, s, "sitemap.xml", &[]);
        let mut urls: Vec<String> = vec![String::new()];
        urls.extend(d.articles.iter().map(|a| format!("{}.html", a.slug)));
        for (dir, groups) in [
            ("authors", &authors),
            ("sources", &sources),
            ("categories", &categories),
        ] {
            if !groups.is_empty() {
                urls.push(format!("{dir}/"));
                urls.extend(groups.iter().map(|g| format!("{dir}/{}.html", g.slug)));
            }
        }
        urls.push("timeline.html".into());
        urls.extend(
            year_pages
                .iter()
                .map(|(y, n)| format!("timeline/{}.html", paging::page_name(&y.key, *n))),
        );
        if !terms.is_empty() {
            urls.push("glossary.html".into());
            urls.extend(terms.iter().map(|t| format!("glossary/{}.html", t.page)));
        }
        for (index, pages) in name_indexes.iter().zip(&name_pages) {
            urls.push(format!("{}.html", index.page));
            urls.extend(pages.iter().map(|p| format!("names/{p}.html")));
        }
        ctx.insert("urls", &urls);
        files.push(page("sitemap.xml", t.render("sitemap.xml", &ctx)?));
    }
    let ctx = base_context(&site, s, "robots.txt", &[]);
    files.push(page("robots.txt", t.render("robots.txt", &ctx)?));

    let ctx = base_context(&site, s, "style.css", &[]);
    let mut css = t.render("style.css", &ctx)?;
    if has_code {
        css.push('\n');
        css.push_str(&highlight::stylesheet());
    }
    files.push(page("style.css", css));
    files.push(page("favicon.svg", t.render("favicon.svg", &ctx)?));
    files.push(page("site.js", t.render("site.js", &ctx)?));
    files.push(page("search.js", t.render("search.js", &ctx)?));
    put(files)?;
    Ok(SiteCount {
        files: count.into_inner(),
        unchanged: unchanged.into_inner(),
    })
}

/// An article's authors with their pages (`author_links[]`: `name`, `href`
/// relative to the site root).
#[derive(Debug, Serialize)]
struct AuthorLink<'a> {
    name: &'a str,
    href: String,
}

fn author_links<'a>(groups: &'a [Group<'a>], names: &[String]) -> Vec<AuthorLink<'a>> {
    names
        .iter()
        .filter_map(|n| groups.iter().find(|g| g.name == n.trim()))
        .map(|g| AuthorLink {
            name: g.name,
            href: format!("authors/{}.html", g.slug),
        })
        .collect()
}

/// The whole dossier's citations as `dossier.bib` and `dossier.json`, and
/// with `per_article` each article's BibTeX and CSL-JSON under `cite/`.
fn citation_files(d: &Dossier, per_article: bool) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(d.articles.len() * 2 + 2);
    let mut entries = Vec::with_capacity(d.articles.len());
    let mut items = Vec::with_capacity(d.articles.len());
    for a in &d.articles {
        let c = &a.citation;
        entries.push(c.bibtex.clone());
        items.push(c.csl_json.as_str());
        if !per_article {
            continue;
        }
        files.push(page(
            &format!("cite/{}.bib", a.slug),
            format!("{}\n", c.bibtex.trim_end()),
        ));
        files.push(page(
            &format!("cite/{}.json", a.slug),
            format!("{}\n", c.csl_json),
        ));
    }
    files.push(page(
        "dossier.bib",
        crate::annotate::cite::bibtex_file(&entries),
    ));
    files.push(page(
        "dossier.json",
        format!("[\n{}\n]\n", items.join(",\n")),
    ));
    files
}

pub(crate) fn page(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: site_path(name),
        bytes: text.into_bytes(),
    }
}

/// Where the site's file `name` goes, relative to the output folder.
pub(crate) fn site_path(name: &str) -> PathBuf {
    Path::new(SITE_DIR).join(name)
}

/// A context with what base.html needs, for tests of overriding templates.
#[cfg(test)]
pub(crate) fn test_base_context() -> Context {
    let s = crate::testdata::settings();
    base_context(&SiteInfo::new(&s, String::new(), 0), &s, "index.html", &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::views::{display_date, valid_date};
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
        for name in [
            "html/search.html",
            "html/search/index-1.js",
            "html/timeline.html",
            "html/print.html",
            "html/404.html",
            "html/feed.xml",
            "html/robots.txt",
            "html/authors/index.html",
        ] {
            assert!(names.contains(&name.to_string()), "{name}: {names:?}");
        }
        // Without a base URL there is no sitemap (it needs absolute addresses).
        assert!(!names.contains(&"html/sitemap.xml".to_string()));
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

    // With a base URL: canonical links, og:url, absolute feed ids and a sitemap.
    #[test]
    fn base_url_gives_canonical_links_and_sitemap() {
        let d = testdata::dossier();
        let t = Templates::load(None).unwrap();
        let mut s = testdata::settings();
        s.base_url = Some("https://example.org/d/".into());
        let files = render_site(&d, &t, &s).unwrap();
        let slug = &d.articles[0].slug;
        let page = file(&files, &format!("{slug}.html"));
        let url = format!("https://example.org/d/{slug}.html");
        assert!(
            page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{page}"
        );
        assert!(
            page.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")),
            "{page}"
        );
        let index = file(&files, "index.html");
        assert!(index.contains("href=\"https://example.org/d/\""), "{index}");
        let sitemap = file(&files, "sitemap.xml");
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{sitemap}");
        // The pages of the annotation indexes are listed too (the test
        // dossier has publication years, not always names).
        for e in &d.entities {
            let loc = format!("<loc>https://example.org/d/names/{}.html</loc>", e.id);
            assert!(sitemap.contains(&loc), "{sitemap}");
        }
        assert!(
            sitemap.contains("<loc>https://example.org/d/timeline/"),
            "{sitemap}"
        );
        let feed = file(&files, "feed.xml");
        assert!(feed.contains(&format!("<id>{url}</id>")), "{feed}");
        assert!(file(&files, "robots.txt").contains("Sitemap: https://example.org/d/sitemap.xml"));
        // Links between pages stay relative, so the site still works from disk.
        assert!(page.contains("href=\"index.html\""), "{page}");
    }

    // An author page holds that author's articles and is linked from them.
    #[test]
    fn author_pages_link_both_ways() {
        let d = testdata::dossier();
        let files = build();
        let a = d
            .articles
            .iter()
            .find(|a| !a.meta.authors.is_empty())
            .unwrap();
        let author = a.meta.authors[0].trim();
        let slug = groups::name_slug(author);
        let page = file(&files, &format!("authors/{slug}.html"));
        assert!(
            page.contains(&format!("href=\"../{}.html\"", a.slug)),
            "{page}"
        );
        assert!(page.contains("href=\"../style.css\""), "{page}");
        let article = file(&files, &format!("{}.html", a.slug));
        assert!(
            article.contains(&format!("href=\"authors/{slug}.html\"")),
            "{article}"
        );
    }

    /// The test dossier with 450 articles, every one mentioning the first
    /// name and having an event on the first date.
    fn crowded_dossier() -> Dossier {
        use crate::annotate::Place;
        let mut d = testdata::dossier();
        let first = d.articles[0].clone();
        d.articles = (0..450)
            .map(|i| {
                let mut a = first.clone();
                a.slug = format!("a{i}");
                a.title = format!("Article {i}");
                a
            })
            .collect();
        let places = (0..450).map(|article| Place { article, block: 0 });
        d.entities = vec![crate::annotate::entities::Entity {
            id: "japan".into(),
            name: "Japan".into(),
            kind: crate::annotate::EntityKind::Place,
            variants: Vec::new(),
            places: places.clone().collect(),
        }];
        let when = crate::annotate::dates::When {
            from: crate::annotate::dates::PartialDate {
                year: 2018,
                month: Some(5),
                day: Some(26),
            },
            to: None,
        };
        let events = places
            .map(|place| crate::annotate::timeline::Event {
                when,
                phrase: "On 26 May 2018".into(),
                sentence: "On 26 May 2018 they met.".into(),
                place,
            })
            .collect();
        d.timeline = vec![crate::annotate::timeline::TimelineEntry { when, events }];
        for a in &mut d.articles {
            a.event_dates = vec![when];
        }
        d
    }

    // A name or a year with more than a page's worth is paged: 200 a page,
    // the first page under the plain name, the others numbered, each
    // linked to its neighbours; articles link to the page with the date.
    // See: issue #7
    #[test]
    fn crowded_names_and_years_are_paged() {
        let d = crowded_dossier();
        let t = Templates::load(None).unwrap();
        let files = render_site(&d, &t, &testdata::settings()).unwrap();
        let id = &d.entities[0].id;
        let first = file(&files, &format!("names/{id}.html"));
        assert!(first.contains("Mentioned in 450 articles"), "{first}");
        assert!(first.contains(&format!("rel=\"next\" href=\"{id}.2.html\"")));
        assert_eq!(first.matches("\">Article ").count(), 200);
        let last = file(&files, &format!("names/{id}.3.html"));
        assert_eq!(last.matches("\">Article ").count(), 50);
        assert!(last.contains(&format!("rel=\"prev\" href=\"{id}.2.html\"")));
        assert!(!last.contains("rel=\"next\""));
        assert!(
            !files
                .iter()
                .any(|f| f.path.ends_with(format!("names/{id}.4.html")))
        );

        let year = d.timeline[0].when.from.year;
        let page = |n: &str| file(&files, &format!("timeline/{n}.html"));
        assert!(page(&year.to_string()).contains("(1–200 of 450)"));
        let third = page(&format!("{year}.3"));
        assert!(third.contains("(401–450 of 450)"), "{third}");
        assert!(third.contains("(continued)"), "{third}");
        // The date starts on the year's first page: every article links there.
        let article = file(&files, "a449.html");
        let date = annotations::date_id(&d.timeline[0].when);
        assert!(
            article.contains(&format!("timeline/{year}.html#{date}")),
            "{article}"
        );
    }

    // The EPUB's timeline and index of names are paged the same way.
    #[test]
    fn crowded_epub_indexes_are_paged() {
        use std::io::Read;
        let d = crowded_dossier();
        let t = Templates::load(None).unwrap();
        let epub = crate::epub::build_epub(&d, &t, &testdata::settings(), None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
        let names: Vec<String> = zip.file_names().map(str::to_string).collect();
        let year = d.timeline[0].when.from.year;
        for n in [format!("{year}"), format!("{year}.2"), format!("{year}.3")] {
            let name = format!("OEBPS/events-{n}.xhtml");
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        let id = &d.entities[0].id;
        let more: Vec<&String> = names
            .iter()
            .filter(|n| n.contains(&format!(".{id}.")))
            .collect();
        assert_eq!(more.len(), 2, "{names:?}");
        let mut text = String::new();
        zip.by_name(more[1])
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text.matches("<a href=\"text/").count(), 50, "{text}");
        assert!(text.contains("previous page"), "{text}");
    }

    // An article page's key (its view keyed once, its body by the key
    // computed once for all its pages) still changes when only the body
    // does, and only then. See: issue #7
    #[test]
    fn page_key_follows_the_body() {
        use crate::memo::{Hashed, RenderKeys, key_of};
        let d = testdata::dossier();
        let s = testdata::settings();
        let keys = RenderKeys::new(&Templates::load(None).unwrap(), &s);
        let key = |body: &str| {
            let mut a = d.articles[0].clone();
            a.body_html = body.to_string().into();
            let view = ArticleView::new(&a, Profile::Site, "en")
                .with_body_key(key_of(a.body_html.as_str()));
            let mut ctx = PageContext::new();
            ctx.insert("article", Hashed::new(view));
            keys.key("article.html", &ctx).unwrap()
        };
        let body = d.articles[0].body_html.clone();
        assert_eq!(key(&body), key(&body));
        assert_ne!(key(&body), key(&format!("{body}<p>One more.</p>")));
        assert_ne!(key(&body), key(&body.replacen('e', "f", 1)));
    }

    // An article from the render memo is keyed by its render's stamp and
    // what each build links to it: another render, another key; other
    // mentions or related links, another key; templates still see every
    // field. See: issue #7
    #[test]
    fn stamped_views_key_by_render_and_links() {
        use crate::memo::{RenderStamp, key_of};
        let d = testdata::dossier();
        let mut a = d.articles[0].clone();
        a.render_stamp = RenderStamp::new([1; 16]);
        let key = |a: &crate::markdown::RenderedArticle| {
            key_of(&ArticleView::new(a, Profile::Site, "en")).unwrap()
        };
        let base = key(&a);
        assert_eq!(key(&a.clone()), base);
        let mut other = a.clone();
        other.render_stamp = RenderStamp::new([2; 16]);
        assert_ne!(key(&other), base);
        let mut mentioned = a.clone();
        mentioned.mentions.push(crate::markdown::MentionLink {
            id: "x".into(),
            name: "X".into(),
            index: "people",
            letter: "x".into(),
        });
        assert_ne!(key(&mentioned), base);
        let mut related = a.clone();
        related.related.clear();
        related
            .related
            .push(crate::testdata::related_link("b", "B"));
        assert_ne!(key(&related), base);
        assert_ne!(
            key_of(&ArticleView::new(&a, Profile::Epub, "en")).unwrap(),
            base
        );
        let json = serde_json::to_value(ArticleView::new(&a, Profile::Site, "en")).unwrap();
        assert_eq!(json["slug"], a.slug.as_str());
        assert_eq!(json["body"], a.body_html.as_str());
    }

    // Keying a chapter's view of a stamped render does not make its EPUB
    // body (a rebuild keys thousands and renders a few); showing it does.
    // See: issue #7
    #[test]
    fn keying_a_chapter_leaves_its_epub_body_unmade() {
        use crate::memo::{RenderStamp, key_of};
        let d = testdata::dossier();
        let mut a = d.articles[0].clone();
        a.render_stamp = RenderStamp::new([1; 16]);
        (a.body_html, a.body_epub) = crate::markdown::Body::stored_pair(&a.body_html);
        let view = ArticleView::new(&a, Profile::Epub, "en");
        assert!(key_of(&view).is_some());
        assert!(a.body_epub.is_unmade());
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["body"], a.body_epub.as_str());
        assert!(!a.body_epub.is_unmade());
    }

    // An index line of a stamped article is keyed by its render and its
    // display date; templates see all nine fields.
    #[test]
    fn stamped_index_lines_key_by_render_and_date() {
        use crate::memo::{RenderStamp, key_of};
        let d = testdata::dossier();
        let mut a = d
            .articles
            .iter()
            .find(|a| valid_date(&a.meta.date).is_some())
            .unwrap()
            .clone();
        a.render_stamp = RenderStamp::new([1; 16]);
        let base = key_of(&IndexEntry::new(&a, "en")).unwrap();
        assert_eq!(key_of(&IndexEntry::new(&a, "en")), Some(base));
        assert_ne!(key_of(&IndexEntry::new(&a, "ru")), Some(base));
        let mut other = a.clone();
        other.render_stamp = RenderStamp::new([2; 16]);
        assert_ne!(key_of(&IndexEntry::new(&other, "en")), Some(base));
        let json = serde_json::to_value(IndexEntry::new(&a, "en")).unwrap();
        let fields = json.as_object().unwrap();
        assert_eq!(fields.len(), 9, "{json}");
        assert_eq!(json["slug"], a.slug.as_str());
        assert_eq!(json["summary"], a.summary.as_str());
        assert!(json["date_display"].is_string(), "{json}");
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

//! The print pages: every article on one page, for printing the dossier.
//!
//! A dossier of more than [`PART_ARTICLES`] articles is printed in parts
//! (`print/1.html`, `print/2.html`, …) and `print.html` lists them: one page
//! holding thousands of articles would be the whole dossier again, too big
//! for a browser to lay out, and too long to print in one go anyway. The
//! parts are rendered on every core.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Settings;
use crate::error::Result;
use crate::markdown::{Dossier, Profile};
use crate::memo::{Hashed, Page, PageContext, PageMemo, memoised, render_page};
use crate::templates::Templates;

use super::annotations::DatePages;
use super::views::{ArticleView, SiteInfo};
use super::{Crumb, base_page, site_path};

/// The most articles one print page holds. Fifty articles of a few pages
/// each is already a long print job and a page of under a megabyte; a
/// part is rendered again whenever one of its articles changes, so this is
/// also how many bodies such a rebuild puts through the template again.
pub(crate) const PART_ARTICLES: usize = 50;

/// One part of the print, as `print.html` lists it (`parts[]`).
#[derive(Debug, Serialize)]
struct PrintPart<'a> {
    /// Relative to the site root.
    href: String,
    number: usize,
    /// The titles of its first and last article.
    first: &'a str,
    last: &'a str,
    count: usize,
}

/// The context of a print page holding `articles`.
fn part_context<'a>(
    site: &'a SiteInfo<'a>,
    s: &Settings,
    path: &str,
    crumbs: &'a [Crumb<'a>],
    articles: impl Serialize + 'a,
    part: Option<usize>,
) -> PageContext<'a> {
    let mut ctx = base_page(site, s, path, crumbs);
    ctx.insert("articles", articles);
    ctx.insert("parts", Vec::<PrintPart<'_>>::new());
    ctx.insert("part", part);
    ctx
}

/// The print page(s), as (path under the output folder, page); a part the
/// page `memo` finds unchanged is not rendered. `shown` are the articles'
/// views as their own pages show them (keyed when there is a memo).
pub(crate) fn print_pages(
    d: &Dossier,
    t: &Templates,
    s: &Settings,
    memo: Option<&PageMemo>,
    site: &SiteInfo<'_>,
    date_pages: &DatePages,
    shown: &[Hashed<ArticleView<'_>>],
) -> Result<Vec<(PathBuf, Page)>> {
    let home = || Crumb::home(s);
    let lang = s.language.as_str();
    let render_part =
        |path: &str, crumbs: &[Crumb<'_>], part: Option<usize>, range: std::ops::Range<usize>| {
            // Keyed by the views before their ids are prefixed (the ones
            // the article pages show, each hashed once): the prefix is the
            // slug and `--`, so they decide the prefixed ones, and a part
            // found unchanged is spared copying every body.
            let mut key = part_context(site, s, path, crumbs, shown.get(range.clone()), part);
            key.insert("id_prefix", "slug--");
            let out = site_path(path);
            memoised(memo, "print.html", &out, &key, || {
                let prefixed: Vec<ArticleView<'_>> = d.articles[range.clone()]
                    .iter()
                    .map(|a| {
                        ArticleView::new(a, Profile::Site, lang)
                            .with_date_pages(date_pages)
                            .with_id_prefix(&format!("{}--", a.slug))
                    })
                    .collect();
                let ctx = part_context(site, s, path, crumbs, prefixed, part);
                t.render("print.html", &ctx.to_context())
            })
            .map(|page| (out, page))
        };
    let title = "Print";
    if d.articles.len() <= PART_ARTICLES {
        let crumbs = [home(), Crumb { title, href: None }];
        return Ok(vec![render_part(
            "print.html",
            &crumbs,
            None,
            0..d.articles.len(),
        )?]);
    }
    let chunks: Vec<_> = d.articles.chunks(PART_ARTICLES).collect();
    let parts: Vec<PrintPart<'_>> = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| PrintPart {
            href: format!("print/{}.html", i + 1),
            number: i + 1,
            first: &chunk[0].title,
            last: &chunk[chunk.len() - 1].title,
            count: chunk.len(),
        })
        .collect();
    let crumbs = [home(), Crumb { title, href: None }];
    let mut ctx = base_page(site, s, "print.html", &crumbs);
    ctx.insert("articles", Vec::<ArticleView<'_>>::new());
    ctx.insert("parts", &parts);
    ctx.insert("part_size", PART_ARTICLES);
    ctx.insert("part", None::<usize>);
    let out = site_path("print.html");
    let mut files = vec![(out.clone(), render_page(memo, t, "print.html", &out, &ctx)?)];
    let rendered: Vec<(PathBuf, Page)> = parts
        .par_iter()
        .map(|p| {
            let label = format!("Part {}", p.number);
            let crumbs = [
                home(),
                Crumb {
                    title,
                    href: Some("print.html".into()),
                },
                Crumb {
                    title: &label,
                    href: None,
                },
            ];
            let start = (p.number - 1) * PART_ARTICLES;
            render_part(&p.href, &crumbs, Some(p.number), start..start + p.count)
        })
        .collect::<Result<_>>()?;
    files.extend(rendered);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;
    use crate::testdata;

    fn text(files: &[OutputFile], name: &str) -> String {
        let f = files
            .iter()
            .find(|f| f.path == std::path::Path::new(super::super::SITE_DIR).join(name))
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(f.bytes.clone()).unwrap()
    }

    // A big dossier prints in parts; each article is in exactly one, in
    // order, and print.html links every part.
    #[test]
    fn big_dossier_prints_in_parts() {
        let mut d = testdata::dossier();
        let template = d.articles[0].clone();
        let count = 2 * PART_ARTICLES + 7;
        d.articles = (0..count)
            .map(|i| {
                let mut a = template.clone();
                a.slug = format!("a{i:04}");
                a.title = format!("Article {i}");
                a
            })
            .collect();
        let files =
            crate::site::render_site(&d, &Templates::load(None).unwrap(), &testdata::settings())
                .unwrap();
        let index = text(&files, "print.html");
        for n in 1..=3 {
            assert!(
                index.contains(&format!("href=\"print/{n}.html\"")),
                "{index}"
            );
        }
        assert!(!index.contains("a0000--top"), "{index}");
        let mut seen = Vec::new();
        for n in 1..=3 {
            let part = text(&files, &format!("print/{n}.html"));
            assert!(part.contains("href=\"../style.css\""), "{part}");
            seen.extend(
                part.match_indices("--top\"")
                    .map(|(at, _)| part[at - 5..at].to_string()),
            );
        }
        let expected: Vec<String> = (0..count).map(|i| format!("a{i:04}")).collect();
        assert_eq!(seen, expected);
    }

    // A small one is one page, as before.
    #[test]
    fn small_dossier_prints_on_one_page() {
        let d = testdata::dossier();
        let files =
            crate::site::render_site(&d, &Templates::load(None).unwrap(), &testdata::settings())
                .unwrap();
        let page = text(&files, "print.html");
        assert!(
            page.contains(&format!("{}--top", d.articles[0].slug)),
            "{page}"
        );
        assert!(
            !files
                .iter()
                .any(|f| f.path.starts_with("html/print") && f.path.components().count() > 2)
        );
    }
}

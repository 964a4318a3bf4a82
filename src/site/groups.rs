//! The index pages' groupings: articles by author, by source and by
//! category, and the timeline by year. Each group borrows its articles'
//! index lines; a group page sees its own group and nothing else.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::slugify;
use crate::markdown::RenderedArticle;

use super::views::{IndexEntry, non_empty};

/// One author, source or category with its articles (`group` in
/// author.html, source.html, category.html).
#[derive(Debug, Serialize)]
pub(crate) struct Group<'a> {
    pub(crate) name: &'a str,
    /// File name of the group's page, without `.html`, unique in its kind.
    pub(crate) slug: String,
    /// The author's bio: lines an article by this author alone prints.
    pub(crate) bio: &'a [String],
    pub(crate) articles: Vec<IndexEntry<'a>>,
}

/// One line of a group list (`groups[]` in authors.html, sources.html,
/// categories.html): no articles, so the list stays small.
#[derive(Debug, Serialize)]
pub(crate) struct GroupLine<'a> {
    name: &'a str,
    slug: &'a str,
    count: usize,
}

impl<'a> Group<'a> {
    pub(crate) fn line(&'a self) -> GroupLine<'a> {
        GroupLine {
            name: self.name,
            slug: &self.slug,
            count: self.articles.len(),
        }
    }
}

/// What a grouping is keyed on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum GroupKind {
    Author,
    Source,
    Category,
}

/// Groups `articles` (in reading order) by `kind`, sorted by name without
/// regard to case; an article appears once in each group it names.
pub(crate) fn group<'a>(
    articles: &'a [RenderedArticle],
    kind: GroupKind,
    language: &str,
) -> Vec<Group<'a>> {
    let mut by_name: BTreeMap<(String, &'a str), Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let names: Vec<&str> = match kind {
            GroupKind::Author => a.meta.authors.iter().filter_map(|n| non_empty(n)).collect(),
            GroupKind::Source => non_empty(&a.meta.source)
                .or_else(|| non_empty(&a.meta.site))
                .into_iter()
                .collect(),
            GroupKind::Category => a
                .meta
                .categories
                .iter()
                .filter_map(|n| non_empty(n))
                .collect(),
        };
        for name in names {
            let list = by_name.entry((name.to_lowercase(), name)).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut taken = std::collections::BTreeSet::new();
    by_name
        .into_iter()
        .map(|((_, name), indices)| {
            let base = name_slug(name);
            let mut slug = base.clone();
            let mut n = 1;
            while !taken.insert(slug.clone()) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            let bio = match kind {
                GroupKind::Author => indices
                    .iter()
                    .map(|&i| &articles[i].meta)
                    .find(|m| m.authors.len() == 1 && !m.author_bio.is_empty())
                    .map(|m| m.author_bio.as_slice())
                    .unwrap_or(&[]),
                _ => &[],
            };
            Group {
                name,
                slug,
                bio,
                articles: indices
                    .into_iter()
                    .map(|i| IndexEntry::new(&articles[i], language))
                    .collect(),
            }
        })
        .collect()
}

/// A file name for a name: its ASCII slug, or for names in other scripts
/// (which [`slugify`] drops) a short hash, stable from build to build.
pub(crate) fn name_slug(name: &str) -> String {
    let s = slugify(name);
    if !s.is_empty() {
        return s;
    }
    let digest = Sha256::digest(name.as_bytes());
    let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    format!("n-{hex}")
}

/// One year of the timeline (`years[]` in timeline.html); `year` is
/// `None` for undated articles, which come last.
#[derive(Debug, Serialize)]
pub(crate) struct Year<'a> {
    pub(crate) year: Option<&'a str>,
    pub(crate) articles: Vec<IndexEntry<'a>>,
}

/// The articles by year of publication, oldest first (the dossier's reading
/// order is already by date, undated last).
pub(crate) fn timeline<'a>(articles: &'a [RenderedArticle], language: &str) -> Vec<Year<'a>> {
    let mut years: Vec<Year<'a>> = Vec::new();
    for a in articles {
        let year = a
            .meta
            .date
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
        match years.last_mut() {
            Some(last) if last.year == year => last.articles.push(IndexEntry::new(a, language)),
            _ => years.push(Year {
                year,
                articles: vec![IndexEntry::new(a, language)],
            }),
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata;

    #[test]
    fn non_latin_names_get_stable_slugs() {
        assert_eq!(name_slug("Ann Smith"), "ann-smith");
        let ru = name_slug("Иван Петров");
        assert!(ru.starts_with("n-") && ru.len() == 12, "{ru}");
        assert_eq!(ru, name_slug("Иван Петров"));
        assert_ne!(ru, name_slug("Пётр Иванов"));
    }

    // Every author of every article has a group holding that article.
    #[test]
    fn groups_every_author() {
        let d = testdata::dossier();
        let groups = group(&d.articles, GroupKind::Author, "en");
        for a in &d.articles {
            for name in a.meta.authors.iter().filter(|n| !n.trim().is_empty()) {
                let g = groups.iter().find(|g| g.name == name.trim()).unwrap();
                assert!(g.articles.iter().any(|e| e.slug == a.slug), "{name}");
            }
        }
        let slugs: std::collections::BTreeSet<_> = groups.iter().map(|g| &g.slug).collect();
        assert_eq!(slugs.len(), groups.len());
    }

    #[test]
    fn timeline_keeps_every_article_once() {
        let d = testdata::dossier();
        let years = timeline(&d.articles, "en");
        let n: usize = years.iter().map(|y| y.articles.len()).sum();
        assert_eq!(n, d.articles.len());
    }
}

//! The back matter that grows with the dossier, split so that no file holds
//! all of it: the index of names as a landing page (`names.xhtml`, listing
//! the letters) and one file per initial letter (`names-a.xhtml`, …), like a
//! printed book's index with one link per chapter; the timeline as a
//! landing page (`events.xhtml`, listing the years) and one file per year
//! (`events-2018.xhtml`, …), a year with more events than a page holds
//! in several (`events-2018.2.xhtml`, …). A name mentioned in more chapters
//! than a page holds (see [`crate::site::paging`]) lists the first ones in
//! its letter's file and continues in files of its own
//! (`names-j.japan.2.xhtml`, …), each linking to the next.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::markdown::Dossier;
use crate::site::annotations::{EventYear, NameIndex};
use crate::site::paging::{chunk, page_count, page_name};

use super::matter::chapter_link;

/// The file of an index letter, from its [`crate::markdown::letter_key`].
pub(crate) fn letter_href(key: &str) -> String {
    format!("names-{key}.xhtml")
}

/// The file of a page of a year of the timeline, from its page name
/// (`2018`, `2018.2`: see [`crate::site::paging`]).
pub(crate) fn year_href(page: &str) -> String {
    format!("events-{page}.xhtml")
}

/// One letter of the index of names: its file and its names of each kind
/// (`letter` in epub/names-letter.xhtml).
#[derive(Debug, Serialize)]
pub(crate) struct LetterFile<'a> {
    pub(crate) letter: String,
    pub(crate) href: String,
    /// How many names it has.
    pub(crate) count: usize,
    /// People, organisations, places: only the kinds with names here.
    pub(crate) kinds: Vec<LetterKind<'a>>,
    /// On a file that continues one name's chapters: the file before it
    /// (none on a letter's own file).
    pub(crate) prev: Option<String>,
}

/// The names of one kind under one letter.
#[derive(Debug, Serialize)]
pub(crate) struct LetterKind<'a> {
    /// "People", …
    title: &'static str,
    /// `people`, …: for ids.
    page: &'static str,
    entries: Vec<BookEntry<'a>>,
}

/// A name and the chapters that mention it (at most a page's worth).
#[derive(Debug, Clone, Serialize)]
struct BookEntry<'a> {
    id: &'a str,
    name: &'a str,
    variants: &'a [String],
    chapters: Vec<ChapterRef>,
    /// How many chapters mention it in all.
    count: usize,
    /// The file that continues its chapters, if any.
    next: Option<String>,
}

/// A link to the first paragraph of a chapter that mentions a name.
#[derive(Debug, Clone, Serialize)]
struct ChapterRef {
    /// The chapter's file and the paragraph's id.
    href: String,
    /// The chapter's 1-based number in the contents.
    number: usize,
}

/// The index of names by letter, in the order of the letters, each
/// letter's file followed by the files that continue its names' chapters.
pub(crate) fn letter_files<'a>(d: &'a Dossier, indexes: &[NameIndex<'a>]) -> Vec<LetterFile<'a>> {
    let mut files: BTreeMap<String, (LetterFile<'a>, Vec<LetterFile<'a>>)> = BTreeMap::new();
    for index in indexes {
        for l in &index.letters {
            let (file, more) = files.entry(l.key.clone()).or_insert_with(|| {
                let file = LetterFile {
                    letter: l.letter.clone(),
                    href: letter_href(&l.key),
                    count: 0,
                    kinds: Vec::new(),
                    prev: None,
                };
                (file, Vec::new())
            });
            file.count += l.entries.len();
            let mut entries = Vec::with_capacity(l.entries.len());
            // The links are most of the work: made on every core.
            let mentions: Vec<Vec<ChapterRef>> = l
                .entries
                .par_iter()
                .map(|e| first_mentions(d, e.entity.places.iter().map(|p| (p.article, p.block))))
                .collect();
            for (e, chapters) in l.entries.iter().zip(mentions) {
                let count = chapters.len();
                let pages = page_count(count);
                // Each page's chapters, moved rather than copied when
                // they fit on one (as nearly all do).
                let mut parts: Vec<Option<Vec<ChapterRef>>> = match pages {
                    1 => vec![Some(chapters)],
                    _ => (1..=pages)
                        .map(|n| Some(chunk(&chapters, n).to_vec()))
                        .collect(),
                };
                let base = format!("names-{}.{}", l.key, e.id);
                let href = |n: usize| match n {
                    1 => file.href.clone(),
                    n => format!("{}.xhtml", page_name(&base, n)),
                };
                let mut entry = |n: usize| BookEntry {
                    id: e.id,
                    name: e.name,
                    variants: e.variants,
                    chapters: parts[n - 1].take().unwrap_or_default(),
                    count,
                    next: (n < pages).then(|| href(n + 1)),
                };
                entries.push(entry(1));
                more.extend((2..=pages).map(|n| LetterFile {
                    letter: l.letter.clone(),
                    href: href(n),
                    count: 1,
                    kinds: vec![LetterKind {
                        title: index.title,
                        page: index.page,
                        entries: vec![entry(n)],
                    }],
                    prev: Some(href(n - 1)),
                }));
            }
            file.kinds.push(LetterKind {
                title: index.title,
                page: index.page,
                entries,
            });
        }
    }
    let mut files: Vec<(LetterFile<'a>, Vec<LetterFile<'a>>)> = files.into_values().collect();
    // By the letter as shown, so digits come first and scripts stay together.
    files.sort_by(|(a, _), (b, _)| a.letter.cmp(&b.letter));
    files
        .into_iter()
        .flat_map(|(file, more)| std::iter::once(file).chain(more))
        .collect()
}

/// The letters' own files among `files` (for the index's landing page).
pub(crate) fn letters_only<'f, 'a>(files: &'f [LetterFile<'a>]) -> Vec<&'f LetterFile<'a>> {
    files.iter().filter(|f| f.prev.is_none()).collect()
}

/// One link per article: its first mentioning block, in dossier order.
/// (Sorted and deduplicated in a vector, and each link written into one
/// string: this runs for every name on every build.)
fn first_mentions(d: &Dossier, places: impl Iterator<Item = (usize, usize)>) -> Vec<ChapterRef> {
    let mut first: Vec<(usize, usize)> = places.collect();
    first.sort_unstable();
    // The lowest block of each article is the first of its run.
    first.dedup_by_key(|(article, _)| *article);
    first
        .into_iter()
        .filter_map(|(i, block)| {
            let a = d.articles.get(i)?;
            let made;
            let anchor = match a.anchors.get(block) {
                Some(anchor) => anchor.as_str(),
                None => {
                    made = a.anchor(crate::annotate::Place { article: i, block });
                    made.as_str()
                }
            };
            Some(ChapterRef {
                href: chapter_link(&a.slug, Some(anchor)),
                number: i + 1,
            })
        })
        .collect()
}

/// One line of the timeline's landing page.
#[derive(Debug, Serialize)]
pub(crate) struct YearLine {
    year: i32,
    href: String,
    count: usize,
}

/// The timeline's years, for its landing page.
pub(crate) fn year_lines(years: &[EventYear<'_>]) -> Vec<YearLine> {
    years
        .iter()
        .map(|y| YearLine {
            year: y.year,
            href: year_href(&y.year.to_string()),
            count: y.count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::annotations::name_indexes;
    use crate::testdata;

    // Every name is in exactly one letter file, and each of its chapters
    // is linked once.
    #[test]
    fn letters_hold_every_name_once() {
        let d = testdata::dossier();
        let indexes = name_indexes(&d);
        let files = letter_files(&d, &indexes);
        let files = letters_only(&files);
        let names: usize = files.iter().map(|f| f.count).sum();
        assert_eq!(names, d.entities.len());
        let hrefs: std::collections::BTreeSet<_> = files.iter().map(|f| &f.href).collect();
        assert_eq!(hrefs.len(), files.len());
        for f in &files {
            for k in &f.kinds {
                for e in &k.entries {
                    let mut numbers: Vec<usize> = e.chapters.iter().map(|c| c.number).collect();
                    let n = numbers.len();
                    numbers.dedup();
                    assert_eq!(numbers.len(), n, "{}", e.name);
                }
            }
        }
    }
}

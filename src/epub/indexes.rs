//! The back matter that grows with the dossier, split so that no file holds
//! all of it: the index of names as a landing page (`names.xhtml`, listing
//! the letters) and one file per initial letter (`names-a.xhtml`, …), like a
//! printed book's index with one link per chapter; the timeline as a
//! landing page (`events.xhtml`, listing the years) and one file per year
//! (`events-2018.xhtml`, …).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::Dossier;
use crate::site::annotations::{EventYear, NameIndex};

use super::matter::chapter_href;

/// The file of an index letter, from its [`crate::markdown::letter_key`].
pub(crate) fn letter_href(key: &str) -> String {
    format!("names-{key}.xhtml")
}

/// The file of a year of the timeline.
pub(crate) fn year_href(year: i32) -> String {
    format!("events-{year}.xhtml")
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

/// A name and the chapters that mention it.
#[derive(Debug, Serialize)]
struct BookEntry<'a> {
    id: &'a str,
    name: &'a str,
    variants: &'a [String],
    chapters: Vec<ChapterRef>,
}

/// A link to the first paragraph of a chapter that mentions a name.
#[derive(Debug, Serialize)]
struct ChapterRef {
    /// The chapter's file and the paragraph's id.
    href: String,
    /// The chapter's 1-based number in the contents.
    number: usize,
}

/// The index of names by letter, in the order of the letters.
pub(crate) fn letter_files<'a>(d: &'a Dossier, indexes: &[NameIndex<'a>]) -> Vec<LetterFile<'a>> {
    let mut files: BTreeMap<String, LetterFile<'a>> = BTreeMap::new();
    for index in indexes {
        for l in &index.letters {
            let file = files.entry(l.key.clone()).or_insert_with(|| LetterFile {
                letter: l.letter.clone(),
                href: letter_href(&l.key),
                count: 0,
                kinds: Vec::new(),
            });
            file.count += l.entries.len();
            let entries = l
                .entries
                .iter()
                .map(|e| BookEntry {
                    id: e.id,
                    name: e.name,
                    variants: e.variants,
                    chapters: first_mentions(
                        d,
                        e.entity.places.iter().map(|p| (p.article, p.block)),
                    ),
                })
                .collect();
            file.kinds.push(LetterKind {
                title: index.title,
                page: index.page,
                entries,
            });
        }
    }
    let mut files: Vec<LetterFile<'a>> = files.into_values().collect();
    // By the letter as shown, so digits come first and scripts stay together.
    files.sort_by(|a, b| a.letter.cmp(&b.letter));
    files
}

/// One link per article: its first mentioning block, in dossier order.
fn first_mentions(d: &Dossier, places: impl Iterator<Item = (usize, usize)>) -> Vec<ChapterRef> {
    let mut first: BTreeMap<usize, usize> = BTreeMap::new();
    for (article, block) in places {
        let b = first.entry(article).or_insert(block);
        *b = (*b).min(block);
    }
    first
        .into_iter()
        .filter_map(|(i, block)| {
            let a = d.articles.get(i)?;
            let anchor = a.anchor(crate::annotate::Place { article: i, block });
            Some(ChapterRef {
                href: format!("{}#{anchor}", chapter_href(&a.slug)),
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
            href: year_href(y.year),
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

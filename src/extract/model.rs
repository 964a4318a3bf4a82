//! The extract stage's output types: what one article is once its
//! furniture is gone and its facts are named.

use std::path::PathBuf;

use serde::Serialize;

use crate::normalize::{Block, Removed};

/// One article, cleaned and annotated: the input of every renderer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// URL- and file-safe name, unique in the dossier (from the file name).
    pub slug: String,
    /// The source file, relative to the corpus folder.
    pub path: PathBuf,
    /// Title, authors, date, source and the rest.
    pub meta: Meta,
    /// The article's text: headings, paragraphs, a lead, in reading order.
    /// Footnote markers such as `[1]` stay in the text; renderers link them.
    pub body: Vec<Block>,
    /// The author's own notes, in number order.
    pub footnotes: Vec<Footnote>,
    /// Every line that was removed, with the rule that removed it.
    pub provenance: Vec<Removed>,
    /// The article cache entry it was loaded from or stored as, if any.
    #[serde(skip)]
    pub stamp: crate::memo::EntryStamp,
}

/// An article's facts. Empty strings and lists mean "not found": a field is
/// never guessed from furniture.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// The title the text (or the sidecar) gives; "" when neither does.
    pub title: String,
    /// A title made from the text when none is given (see [`Meta::display_title`]).
    pub derived_title: Option<String>,
    /// Authors, in byline order.
    pub authors: Vec<String>,
    /// What the article says about its authors (credentials, affiliation).
    pub author_bio: Vec<String>,
    /// Publication date, `YYYY-MM-DD`, or "".
    pub date: String,
    /// Who first published it: the publisher or the original source credited.
    pub source: String,
    /// The site the text was scraped from, where it names itself.
    pub site: String,
    /// Where the article lives on the web, from the sidecar.
    pub url: String,
    /// Categories or tags the site gives.
    pub categories: Vec<String>,
    /// BCP 47 language of the body.
    pub language: String,
    /// Words in the body.
    pub word_count: usize,
    /// Where each field came from.
    pub origins: Vec<Origin>,
}

impl Meta {
    /// The title to show: the given one, else the derived one, else "Untitled".
    pub fn display_title(&self) -> &str {
        if !self.title.is_empty() {
            &self.title
        } else {
            self.derived_title.as_deref().unwrap_or("Untitled")
        }
    }
}

/// Where one metadata field came from, for `--explain` and the provenance panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The field: "title", "authors", "date", ...
    pub field: &'static str,
    /// 1-based line in the source file; 0 for the sidecar or a derivation.
    pub line: usize,
    /// How it was found, in a few words ("breadcrumb", "sidecar", "byline").
    pub how: String,
    /// How sure the extractor is.
    pub confidence: Confidence,
}

/// How sure the extractor is of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A guess from shape or position alone.
    Low,
    /// A pattern that usually means this field.
    Medium,
    /// Stated outright (a labelled line, a sidecar).
    High,
}

/// One of the author's notes: a `[n]` marker in the body and its end note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Footnote {
    /// The number the marker and the note share.
    pub number: u32,
    /// The note's text, without its number.
    pub text: String,
    /// The note's line in the source file.
    pub line: usize,
}

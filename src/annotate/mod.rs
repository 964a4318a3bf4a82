//! `[Article]` → [`Annotations`]: the editor's layer over the whole dossier.
//!
//! Once every article is cleaned, this stage reads them together and finds
//! what a reader of a dossier wants beside the text:
//!
//! - [`glossary`]: the user's `glossary.toml` terms, and each article's first
//!   mention of each (rendered as an editor's note);
//! - [`entities`]: people, organisations and places, with name variants
//!   merged ("Shinzo Abe", "Mr. Abe", "Abe");
//! - [`dates`] and [`timeline`]: dated events the text mentions, with the
//!   sentence they come from;
//! - [`related`]: articles that share people, terms or events, and
//!   republished or near-duplicate articles;
//! - [`cite`]: citations (Chicago, APA, BibTeX, CSL-JSON) from the metadata.
//!
//! Everything here is pure and works through indexes (term → articles,
//! entity → mentions), never by comparing every pair of articles.

pub mod cite;
pub mod dates;
pub mod entities;
pub mod glossary;
pub mod related;
pub mod timeline;

use serde::Serialize;

/// A place in the dossier: one body block of one article.
///
/// `article` is the article's index in dossier order; `block` the index in
/// its `body`. Renderers turn it into a link to the paragraph's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    /// Index of the article in dossier order.
    pub article: usize,
    /// Index of the block in the article's body.
    pub block: usize,
}

/// The kind of a named thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, ministry, party, institute, forum, ...
    Organisation,
    /// A country, city, region, island, ...
    Place,
}

/// One article's body, as the annotators read it.
#[derive(Debug, Clone, Copy)]
pub struct ArticleText<'a> {
    /// The article's language (BCP 47), for date and name patterns.
    pub language: &'a str,
    /// The text of each body block, in order (headings included).
    pub blocks: &'a [&'a str],
}

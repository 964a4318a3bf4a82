//! People, organisations and places named in the articles, each with the
//! variants of its name merged and every block that mentions it.

use serde::Serialize;

use super::{ArticleText, EntityKind, Place};

/// A name the user gave (from the glossary): found wherever it or one of
/// its variants is written, and never split or re-classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    /// The name to show.
    pub name: String,
    /// Other ways the text writes it.
    pub variants: Vec<String>,
    /// What it is.
    pub kind: EntityKind,
}

/// One person, organisation or place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// A slug, unique across all entities, for ids and file names.
    pub id: String,
    /// The fullest form of the name ("Shinzo Abe").
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// Every other form seen in the text ("Mr. Abe", "Abe"), sorted.
    pub variants: Vec<String>,
    /// The blocks that mention it, in dossier order, each once.
    pub places: Vec<Place>,
}

/// Every entity the articles mention, sorted by kind, then name.
pub fn find_entities(articles: &[ArticleText<'_>], seeds: &[Seed]) -> Vec<Entity> {
    let _ = (articles, seeds);
    Vec::new()
}

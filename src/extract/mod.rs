//! Stage 3: [`CleanDoc`] → [`Article`].
//!
//! Turns the facts normalize found into metadata (each field with its
//! origin), applies the sidecar, pairs footnote markers with their end notes,
//! and reports what is missing as diagnostics naming the file and line.
//! Pure: no disk; it never invents a fact from furniture.

mod language;
mod metadata;
mod model;

use std::collections::BTreeSet;
use std::path::Path;

pub use language::detect_language;
pub use model::*;

use crate::config::SiteProfile;
use crate::error::Diagnostics;
use crate::ingest::Sidecar;
use crate::normalize::CleanDoc;

/// What `annotate` needs besides the cleaned text.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Facts the user gave next to the article.
    pub sidecar: Option<&'a Sidecar>,
    /// Facts the file declares itself (front matter, HTML meta tags).
    pub embedded: Option<&'a Sidecar>,
    /// How to name where `embedded` facts came from ("front matter", "html meta").
    pub embedded_label: &'static str,
    /// The site profile that claims the article: its name, source and
    /// language stand in for facts the text does not state.
    pub site: Option<&'a SiteProfile>,
    /// The article's path as diagnostics show it (relative to the project).
    pub shown_path: &'a Path,
    /// The language assumed when the text does not tell.
    pub fallback_language: &'a str,
}

/// Annotates one cleaned article.
pub fn annotate(doc: CleanDoc, cx: Context<'_>, diags: &mut Diagnostics) -> Article {
    let meta = metadata::build_meta(&doc, cx, diags);
    let footnotes = pair_footnotes(&doc, cx.shown_path, diags);
    let slug = slug_for(&doc.path);
    Article {
        slug,
        path: doc.path,
        meta,
        body: doc.blocks,
        footnotes,
        provenance: doc.removed,
        stamp: Default::default(),
    }
}

/// The slug of a corpus file: its path without extension, slugified
/// ("sub/My Article.txt" → "sub-my-article").
pub fn slug_for(path: &Path) -> String {
    let stem = path.with_extension("");
    let slug = crate::config::slugify(&stem.to_string_lossy());
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    }
}

/// Pairs `[n]` markers in the body with end notes; either one alone is a warning.
fn pair_footnotes(doc: &CleanDoc, shown: &Path, diags: &mut Diagnostics) -> Vec<Footnote> {
    let mut marked = BTreeSet::new();
    for block in &doc.blocks {
        for (n, _) in crate::normalize::footnote_markers(&block.text) {
            marked.insert(n);
            if !doc.notes.iter().any(|(number, _, _)| *number == n) {
                diags.warn(
                    shown,
                    block.line,
                    format!("footnote marker [{n}] has no end note"),
                );
            }
        }
    }
    let mut seen = BTreeSet::new();
    let mut notes = Vec::new();
    for (number, text, line) in &doc.notes {
        if !seen.insert(*number) {
            diags.warn(
                shown,
                *line,
                format!("end note {number} appears twice; the second is dropped"),
            );
            continue;
        }
        if !marked.contains(number) {
            diags.warn(
                shown,
                *line,
                format!("end note {number} has no [{number}] marker in the text"),
            );
        }
        notes.push(Footnote {
            number: *number,
            text: text.clone(),
            line: *line,
        });
    }
    notes.sort_by_key(|n| n.number);
    notes
}

#[cfg(test)]
mod tests;

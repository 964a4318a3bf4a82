//! The user's `glossary.toml`: terms with their variants and a short
//! explanation, and each article's first mention of each term.
//!
//! ```toml
//! [[term]]
//! term = "Kuril Islands"
//! variants = ["Kurils", "Northern Territories"]
//! kind = "place"          # optional: person, organisation or place
//! note = "A chain of islands between Hokkaido and Kamchatka."
//! ```
//!
//! Terms are matched as written (case-sensitive) and as whole words, so
//! "RIAC" never matches inside "RIACS" and "Abe" not inside "Aberdeen".

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use super::{ArticleText, EntityKind, Place};
use crate::error::{Error, Result};

/// One glossary term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// A slug unique in the glossary, for ids and links (`g-kuril-islands`).
    pub id: String,
    /// The term as the glossary lists it.
    pub term: String,
    /// Other ways the articles write it.
    pub variants: Vec<String>,
    /// The explanation, in Markdown (the user's own text).
    pub note: String,
    /// Set when the term names a person, organisation or place, so the
    /// index lists it under that kind.
    pub kind: Option<EntityKind>,
}

/// The glossary as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<TermEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    term: String,
    #[serde(default)]
    variants: Vec<String>,
    note: String,
    kind: Option<KindName>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Person,
    #[serde(alias = "organization")]
    Organisation,
    Place,
}

impl From<KindName> for EntityKind {
    fn from(k: KindName) -> Self {
        match k {
            KindName::Person => EntityKind::Person,
            KindName::Organisation => EntityKind::Organisation,
            KindName::Place => EntityKind::Place,
        }
    }
}

/// The terms of a glossary and a matcher for all their forms.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The terms, sorted by term (case-insensitive).
    pub terms: Vec<Term>,
    /// Every form (term and variants) with the index of its term.
    forms: Vec<(String, usize)>,
    matcher: Option<AhoCorasick>,
}

/// An article's first mention of a glossary term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryHit {
    /// Index of the term in [`Glossary::terms`].
    pub term: usize,
    /// The block of the first mention.
    pub place: Place,
    /// Byte range of the first mention in the block's text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// The form as written there ("Kurils").
    pub form: String,
    /// Every block of the article that mentions the term, in order.
    pub blocks: Vec<usize>,
}

impl Glossary {
    /// Parses the glossary `text` read from `path`; errors name the file
    /// and, for TOML errors, the line.
    pub fn parse(text: &str, path: &Path) -> Result<Glossary> {
        let file: GlossaryFile = toml::from_str(text).map_err(|e| Error::Toml {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        let bad = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let mut entries = file.term;
        entries.sort_by(|a, b| {
            a.term
                .to_lowercase()
                .cmp(&b.term.to_lowercase())
                .then_with(|| a.term.cmp(&b.term))
        });
        let mut terms: Vec<Term> = Vec::with_capacity(entries.len());
        let mut owner: std::collections::BTreeMap<String, String> = Default::default();
        for entry in entries {
            let name = entry.term.trim().to_string();
            if name.is_empty() {
                return Err(bad("a [[term]] has an empty `term`".into()));
            }
            if entry.note.trim().is_empty() {
                return Err(bad(format!("term {name:?} has an empty `note`")));
            }
            let mut variants: Vec<String> = entry
                .variants
                .iter()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty() && *v != name)
                .collect();
            variants.sort();
            variants.dedup();
            for form in std::iter::once(&name).chain(&variants) {
                if let Some(other) = owner.insert(form.clone(), name.clone()) {
                    return Err(bad(format!(
                        "{form:?} is listed under both {other:?} and {name:?}; a form can belong to one term only"
                    )));
                }
            }
            terms.push(Term {
                id: String::new(),
                term: name,
                variants,
                note: entry.note.trim().to_string(),
                kind: entry.kind.map(Into::into),
            });
        }
        assign_ids(&mut terms);
        Ok(Glossary::from_terms(terms))
    }

    /// Reads and parses the glossary file at `path`.
    pub fn load(path: &Path) -> Result<Glossary> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Glossary::parse(&text, path)
    }

    fn from_terms(terms: Vec<Term>) -> Glossary {
        let forms: Vec<(String, usize)> = terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                std::iter::once(&t.term)
                    .chain(&t.variants)
                    .map(move |f| (f.clone(), i))
            })
            .collect();
        let matcher = (!forms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(forms.iter().map(|(f, _)| f.as_str()))
                .expect("glossary forms are plain strings")
        });
        Glossary {
            terms,
            forms,
            matcher,
        }
    }

    /// Whether the glossary has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms `text` mentions: for each, its first mention and every
    /// block that mentions it, ordered by first mention. `article` is the
    /// article's index, recorded in each hit's [`Place`].
    pub fn mentions(&self, text: &ArticleText<'_>, article: usize) -> Vec<GlossaryHit> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut hits: Vec<GlossaryHit> = Vec::new();
        let mut by_term: std::collections::BTreeMap<usize, usize> = Default::default();
        for (block, body) in text.blocks.iter().enumerate() {
            for m in matcher.find_iter(*body) {
                if !is_whole_word(body, m.start(), m.end()) {
                    continue;
                }
                let (form, term) = &self.forms[m.pattern().as_usize()];
                match by_term.get(term) {
                    Some(&i) => {
                        let blocks = &mut hits[i].blocks;
                        if blocks.last() != Some(&block) {
                            blocks.push(block);
                        }
                    }
                    None => {
                        by_term.insert(*term, hits.len());
                        hits.push(GlossaryHit {
                            term: *term,
                            place: Place { article, block },
                            start: m.start(),
                            end: m.end(),
                            form: form.clone(),
                            blocks: vec![block],
                        });
                    }
                }
            }
        }
        hits
    }
}

/// Whether `text[start..end]` is not part of a longer word.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start].chars().next_back().is_some_and(word);
    let after = text[end..].chars().next().is_some_and(word);
    !before && !after
}

/// `g-` and the term slugified (any script kept), `-2`, `-3` for repeats.
fn assign_ids(terms: &mut [Term]) {
    let mut used = std::collections::BTreeSet::new();
    for (i, term) in terms.iter_mut().enumerate() {
        let mut slug = String::new();
        for c in term.term.chars() {
            if c.is_alphanumeric() {
                slug.extend(c.to_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        let base = if slug.is_empty() {
            format!("g-{}", i + 1)
        } else {
            format!("g-{slug}")
        };
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        term.id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[term]]
term = "Kuril Islands"
variants = ["Kurils", "Northern Territories"]
kind = "place"
note = "Islands between *Hokkaido* and Kamchatka."

[[term]]
term = "RIAC"
variants = ["Russian International Affairs Council"]
kind = "organization"
note = "A Moscow think tank."

[[term]]
term = "2+2"
note = "Talks of foreign and defence ministers."
"#;

    fn glossary() -> Glossary {
        Glossary::parse(SAMPLE, Path::new("glossary.toml")).unwrap()
    }

    fn hits(blocks: &[&str]) -> Vec<(String, usize, String, Vec<usize>)> {
        let g = glossary();
        let text = ArticleText {
            language: "en",
            blocks,
        };
        g.mentions(&text, 3)
            .into_iter()
            .map(|h| {
                assert_eq!(h.place.article, 3);
                assert_eq!(&blocks[h.place.block][h.start..h.end], h.form);
                (
                    g.terms[h.term].term.clone(),
                    h.place.block,
                    h.form,
                    h.blocks,
                )
            })
            .collect()
    }

    // Terms are sorted, get ids, and keep their kind; "organization" is accepted.
    #[test]
    fn parses_terms() {
        let g = glossary();
        let names: Vec<&str> = g.terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(names, ["2+2", "Kuril Islands", "RIAC"]);
        let ids: Vec<&str> = g.terms.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["g-2-2", "g-kuril-islands", "g-riac"]);
        assert_eq!(g.terms[2].kind, Some(EntityKind::Organisation));
        assert_eq!(g.terms[0].kind, None);
    }

    // Only the first mention of a term is a hit, whichever form it uses;
    // later blocks that mention it are listed once each.
    #[test]
    fn first_mention_only() {
        let found = hits(&[
            "Talks on the Northern Territories resumed.",
            "The Kuril Islands and the Kurils again; the Kurils.",
            "No term here.",
            "The Kuril Islands once more.",
        ]);
        assert_eq!(
            found,
            [(
                "Kuril Islands".to_string(),
                0,
                "Northern Territories".to_string(),
                vec![0, 1, 3]
            )]
        );
    }

    // Whole words only, case-sensitive; a form made of symbols still matches.
    #[test]
    fn whole_words_and_symbols() {
        let found = hits(&["RIACS and riac are not RIAC's cousin; the 2+2 talks."]);
        let names: Vec<(&str, &str)> = found.iter().map(|h| (h.0.as_str(), h.2.as_str())).collect();
        assert_eq!(names, [("RIAC", "RIAC"), ("2+2", "2+2")]);
    }

    // The longest form wins where forms overlap.
    #[test]
    fn longest_form_wins() {
        let found = hits(&["The Russian International Affairs Council (RIAC) said."]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "Russian International Affairs Council");
        assert_eq!(found[0].3, vec![0]);
    }

    // Cyrillic text next to a form does not make it part of a word.
    #[test]
    fn unicode_boundaries() {
        assert!(is_whole_word("в RIAC.", 3, 7));
        assert!(!is_whole_word("ЖRIAC", 2, 6));
    }

    // Errors name the file and what is wrong.
    #[test]
    fn bad_glossaries_are_errors() {
        let path = Path::new("g.toml");
        let twice = "[[term]]\nterm = \"A\"\nnote = \"x\"\n[[term]]\nterm = \"B\"\nvariants = [\"A\"]\nnote = \"y\"\n";
        let err = Glossary::parse(twice, path).unwrap_err().to_string();
        assert!(err.contains("g.toml") && err.contains("\"A\""), "{err}");
        let empty_note = "[[term]]\nterm = \"A\"\nnote = \" \"\n";
        assert!(Glossary::parse(empty_note, path).is_err());
        let unknown = "[[term]]\nterm = \"A\"\nnote = \"x\"\ncolour = 1\n";
        let err = Glossary::parse(unknown, path).unwrap_err().to_string();
        assert!(err.contains("line 4"), "{err}");
        let kind = "[[term]]\nterm = \"A\"\nnote = \"x\"\nkind = \"planet\"\n";
        assert!(Glossary::parse(kind, path).is_err());
    }
}

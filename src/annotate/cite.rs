//! Citations of one article from its metadata: Chicago (notes and
//! bibliography, 17th ed.) and APA (7th ed.) as text and HTML, BibTeX and
//! CSL-JSON.

use serde::Serialize;

/// What a citation is made from.
#[derive(Debug, Clone, Copy, Default)]
pub struct CiteFacts<'a> {
    /// A key unique in the dossier (BibTeX key, CSL id), e.g. the slug.
    pub key: &'a str,
    /// The article's title.
    pub title: &'a str,
    /// Authors as written ("Shinzo Abe", "Д. В. Стрельцов").
    pub authors: &'a [String],
    /// Publication date, `YYYY-MM-DD`, or "".
    pub date: &'a str,
    /// Who first published it.
    pub source: &'a str,
    /// The site it was taken from.
    pub site: &'a str,
    /// Its address, or "".
    pub url: &'a str,
    /// BCP 47 language.
    pub language: &'a str,
}

/// A citation as plain text and as HTML (titles of containers in `<i>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Styled {
    /// Plain text.
    pub text: String,
    /// HTML, with every value escaped.
    pub html: String,
}

/// Chicago bibliography entry.
pub fn chicago(f: &CiteFacts<'_>) -> Styled {
    let _ = f;
    Styled {
        text: String::new(),
        html: String::new(),
    }
}

/// APA reference-list entry.
pub fn apa(f: &CiteFacts<'_>) -> Styled {
    let _ = f;
    Styled {
        text: String::new(),
        html: String::new(),
    }
}

/// One BibTeX entry (`@article` when there is a source, else `@online`).
pub fn bibtex(f: &CiteFacts<'_>) -> String {
    let _ = f;
    String::new()
}

/// One CSL-JSON item.
pub fn csl_json(f: &CiteFacts<'_>) -> serde_json::Value {
    let _ = f;
    serde_json::Value::Null
}

/// Entries joined into one `.bib` file, a blank line between them.
pub fn bibtex_file(entries: &[String]) -> String {
    let mut out = String::new();
    for entry in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(entry);
        out.push('\n');
    }
    out
}

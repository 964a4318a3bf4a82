//! Editor's notes: the glossary's explanation of a term, attached to the
//! term's first mention in an article. They are marked with letters
//! (a, b, …) so they never read as the author's numbered notes.

use serde::Serialize;

use super::{Profile, render_markdown};
use crate::annotate::glossary::{Glossary, GlossaryHit};

/// Where an editor's note is referenced: after the term's first mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EditorNoteMark {
    /// The body block of the mention.
    pub(crate) block: usize,
    /// Byte offset just past the mention in the block's text.
    pub(crate) offset: usize,
    /// 1-based number of the note in the article (its letter is derived).
    pub(crate) number: usize,
}

/// One editor's note of an article, rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditorNote {
    /// The letter that marks it ("a", "b", …, "z", "aa", …).
    pub mark: String,
    /// Its id in the page (`ed-1`); the reference is `edref-1`.
    pub id: String,
    /// The glossary entry's id (`g-kuril-islands`), for a link to it.
    pub term_id: String,
    /// The term as the glossary lists it.
    pub term: String,
    /// The form the article used, when it differs from the term.
    pub form: Option<String>,
    /// The explanation as HTML, from the glossary's Markdown.
    pub html: String,
}

/// The notes of an article's glossary hits, and where to mark them.
pub(crate) fn editor_notes(
    hits: &[GlossaryHit],
    glossary: &Glossary,
) -> (Vec<EditorNoteMark>, Vec<EditorNote>) {
    let mut marks = Vec::with_capacity(hits.len());
    let mut notes = Vec::with_capacity(hits.len());
    for (i, hit) in hits.iter().enumerate() {
        let Some(term) = glossary.terms.get(hit.term) else {
            continue;
        };
        let number = i + 1;
        marks.push(EditorNoteMark {
            block: hit.place.block,
            offset: hit.end,
            number,
        });
        notes.push(EditorNote {
            mark: letter(number),
            id: format!("ed-{number}"),
            term_id: term.id.clone(),
            term: term.term.clone(),
            form: (hit.form != term.term).then(|| hit.form.clone()),
            html: render_markdown(&term.note),
        });
    }
    marks.sort_by_key(|m| (m.block, m.offset));
    (marks, notes)
}

/// The reference to an editor's note, set after the term.
pub(crate) fn editor_note_ref(mark: &EditorNoteMark, profile: Profile) -> String {
    let epub_type = match profile {
        Profile::Site => "",
        Profile::Epub => " epub:type=\"noteref\"",
    };
    let n = mark.number;
    format!(
        "<sup class=\"editor-noteref\"><a{epub_type} role=\"doc-noteref\" href=\"#ed-{n}\" id=\"edref-{n}\" title=\"Editor's note\">{}</a></sup>",
        letter(n)
    )
}

/// 1 → "a", 26 → "z", 27 → "aa": spreadsheet-style letters.
fn letter(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Letters run a–z, then aa, ab…, so any number of notes stays distinct.
    #[test]
    fn letters() {
        let got: Vec<String> = [1, 2, 26, 27, 28, 52, 53, 702, 703]
            .into_iter()
            .map(letter)
            .collect();
        assert_eq!(got, ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]);
    }
}

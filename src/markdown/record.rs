//! A rendered article as the render memo stores it: a mirror of
//! [`RenderedArticle`] with owned strings where the model has `&'static str`
//! names, encoded with bincode (varint lengths, no escaping, unlike JSON: the bodies are
//! HTML full of quotes).
//!
//! Conversions build and take apart the model types with full struct
//! patterns, so a field added to them fails to compile here rather than
//! vanish from memoised articles.

use std::path::PathBuf;

use bincode::Options;
use serde::{Deserialize, Serialize};

use super::{Citation, EditorNote, RenderedArticle, RenderedFootnote, TocEntry};
use crate::annotate::cite::Styled;
use crate::cache::{MetaRecord, intern};
use crate::normalize::Removed;

/// Everything [`super::render_annotated`] produces. Related links, mentions
/// and event dates are not in it: they are the whole dossier's, filled in
/// afresh by [`super::Dossier::annotated`] on every build.
#[derive(Serialize, Deserialize)]
struct Record {
    slug: String,
    title: String,
    meta: MetaRecord,
    path: PathBuf,
    lang: Option<String>,
    body_html: String,
    body_epub: String,
    /// (number, html, referenced)
    footnotes: Vec<(u32, String, bool)>,
    /// (id, title, level)
    toc: Vec<(String, String, u8)>,
    anchors: Vec<String>,
    /// (mark, id, term_id, term, form, html)
    editor_notes: Vec<(String, String, String, String, Option<String>, String)>,
    /// (chicago text, chicago html, apa text, apa html, bibtex, csl_json)
    citation: (String, String, String, String, String, String),
    reading_minutes: u32,
    summary: String,
    /// (line, text, rule)
    provenance: Vec<(usize, String, String)>,
}

/// The stored form of `page`, as [`super::render_annotated`] returned it
/// (its related links, mentions and event dates are not stored); `None`
/// if it cannot be encoded.
pub(super) fn encode(page: &RenderedArticle) -> Option<Vec<u8>> {
    let RenderedArticle {
        slug,
        title,
        meta,
        path,
        lang,
        body_html,
        body_epub,
        footnotes,
        toc,
        anchors,
        editor_notes,
        related: _,
        mentions: _,
        event_dates: _,
        citation,
        reading_minutes,
        summary,
        provenance,
    } = page;
    let Citation {
        chicago,
        apa,
        bibtex,
        csl_json,
    } = citation;
    let record = Record {
        slug: slug.clone(),
        title: title.clone(),
        meta: MetaRecord::new(meta),
        path: path.clone(),
        lang: lang.clone(),
        body_html: body_html.clone(),
        body_epub: body_epub.clone(),
        footnotes: footnotes
            .iter()
            .map(|f| {
                let RenderedFootnote {
                    number,
                    html,
                    referenced,
                } = f;
                (*number, html.clone(), *referenced)
            })
            .collect(),
        toc: toc
            .iter()
            .map(|t| {
                let TocEntry { id, title, level } = t;
                (id.clone(), title.clone(), *level)
            })
            .collect(),
        anchors: anchors.clone(),
        editor_notes: editor_notes
            .iter()
            .map(|n| {
                let EditorNote {
                    mark,
                    id,
                    term_id,
                    term,
                    form,
                    html,
                } = n;
                (
                    mark.clone(),
                    id.clone(),
                    term_id.clone(),
                    term.clone(),
                    form.clone(),
                    html.clone(),
                )
            })
            .collect(),
        citation: (
            chicago.text.clone(),
            chicago.html.clone(),
            apa.text.clone(),
            apa.html.clone(),
            bibtex.clone(),
            csl_json.clone(),
        ),
        reading_minutes: *reading_minutes,
        summary: summary.clone(),
        provenance: provenance
            .iter()
            .map(|r| {
                let Removed { line, text, rule } = r;
                (*line, text.clone(), rule.to_string())
            })
            .collect(),
    };
    bincode::DefaultOptions::new().serialize(&record).ok()
}

/// The article stored as `bytes` by [`encode`], with no related links,
/// mentions or event dates; `None` when the bytes are not such a record
/// (a corrupt or older entry: the article is rendered again).
pub(super) fn decode(bytes: &[u8]) -> Option<RenderedArticle> {
    // The limit keeps a damaged length from asking for more than the
    // bytes hold.
    let r: Record = bincode::DefaultOptions::new()
        .with_limit(bytes.len() as u64)
        .deserialize(bytes)
        .ok()?;
    let (chicago_text, chicago_html, apa_text, apa_html, bibtex, csl_json) = r.citation;
    Some(RenderedArticle {
        slug: r.slug,
        title: r.title,
        meta: r.meta.into_meta(),
        path: r.path,
        lang: r.lang,
        body_html: r.body_html,
        body_epub: r.body_epub,
        footnotes: r
            .footnotes
            .into_iter()
            .map(|(number, html, referenced)| RenderedFootnote {
                number,
                html,
                referenced,
            })
            .collect(),
        toc: r
            .toc
            .into_iter()
            .map(|(id, title, level)| TocEntry { id, title, level })
            .collect(),
        anchors: r.anchors,
        editor_notes: r
            .editor_notes
            .into_iter()
            .map(|(mark, id, term_id, term, form, html)| EditorNote {
                mark,
                id,
                term_id,
                term,
                form,
                html,
            })
            .collect(),
        related: Vec::new(),
        mentions: Vec::new(),
        event_dates: Vec::new(),
        citation: Citation {
            chicago: Styled {
                text: chicago_text,
                html: chicago_html,
            },
            apa: Styled {
                text: apa_text,
                html: apa_html,
            },
            bibtex,
            csl_json,
        },
        reading_minutes: r.reading_minutes,
        summary: r.summary,
        provenance: r
            .provenance
            .into_iter()
            .map(|(line, text, rule)| Removed {
                line,
                text,
                rule: intern(rule),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render_annotated;
    use crate::markdown::tests::rich_article;

    // Every field of a render comes back as it went in: headings, notes,
    // editor's notes, citation, provenance, metadata origins.
    #[test]
    fn round_trips_a_render() {
        let (article, glossary, hits) = rich_article();
        let page = render_annotated(&article, &hits, &glossary);
        assert!(!page.editor_notes.is_empty());
        assert!(!page.footnotes.is_empty());
        assert!(!page.toc.is_empty());
        assert!(!page.provenance.is_empty());
        assert!(!page.meta.origins.is_empty());
        let bytes = encode(&page).unwrap();
        assert_eq!(decode(&bytes), Some(page));
    }

    // Bytes that are not a record, or a record cut short, decode to
    // nothing (and never panic).
    #[test]
    fn rejects_damaged_records() {
        let (article, glossary, hits) = rich_article();
        let bytes = encode(&render_annotated(&article, &hits, &glossary)).unwrap();
        for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "{cut}");
        }
        assert_eq!(decode(b"{not a record"), None);
        let mut huge = bytes.clone();
        huge[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(decode(&huge), None);
    }
}

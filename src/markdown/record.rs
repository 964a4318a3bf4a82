//! A rendered article as the render memo stores it: a mirror of
//! [`RenderedArticle`] with strings where the model has `&'static str`
//! names, encoded with bincode (varint lengths, no escaping, unlike JSON:
//! the bodies are HTML full of quotes). It borrows from the article when
//! encoding, so storing a render copies nothing but the bytes written.
//!
//! The EPUB body is stored only when it is not the site body with
//! [`super::body::epub_body`] applied, which it always is today: that keeps the memo to
//! about two thirds of the size, and the check keeps it exact whatever the
//! profiles come to differ by.
//!
//! Conversions build and take apart the model types with full struct
//! patterns, so a field added to them fails to compile here rather than
//! vanish from memoised articles.

use std::borrow::Cow;
use std::path::Path;

use bincode::Options;
use serde::{Deserialize, Serialize};

use super::body::Body;
use super::{Citation, EditorNote, RenderedArticle, RenderedFootnote, TocEntry};
use crate::annotate::cite::Styled;
use crate::cache::{MetaRecord, SharedBytes, intern};
use crate::normalize::Removed;

type Str<'a> = Cow<'a, str>;

/// Everything [`super::render_annotated`] produces. Related links, mentions
/// and event dates are not in it: they are the whole dossier's, filled in
/// afresh by [`super::Dossier::annotated`] on every build.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    slug: Str<'a>,
    title: Str<'a>,
    meta: MetaRecord,
    path: Cow<'a, Path>,
    lang: Option<Str<'a>>,
    /// Borrowed when decoded: the decoded render keeps it where it is.
    /// (Spelled out: serde borrows only what it sees is a `Cow<str>`.)
    #[serde(borrow)]
    body_html: Cow<'a, str>,
    /// `None` when it is [`super::body::epub_body`] of `body_html`.
    body_epub: Option<Str<'a>>,
    /// (number, html, referenced)
    footnotes: Vec<(u32, Str<'a>, bool)>,
    /// (id, title, level)
    toc: Vec<(Str<'a>, Str<'a>, u8)>,
    anchors: Vec<Str<'a>>,
    /// (mark, id, term_id, term, form, html)
    editor_notes: Vec<EditorNoteRecord<'a>>,
    /// (chicago text, chicago html, apa text, apa html, bibtex, csl_json)
    citation: (Str<'a>, Str<'a>, Str<'a>, Str<'a>, Str<'a>, Str<'a>),
    reading_minutes: u32,
    summary: Str<'a>,
    /// (line, text, rule)
    provenance: Vec<(usize, Str<'a>, Str<'a>)>,
}

/// (mark, id, term_id, term, form, html) of an [`EditorNote`].
type EditorNoteRecord<'a> = (Str<'a>, Str<'a>, Str<'a>, Str<'a>, Option<Str<'a>>, Str<'a>);

fn s(text: &str) -> Str<'_> {
    Cow::Borrowed(text)
}

/// Appends the stored form of `page` to `out`, as
/// [`super::render_annotated`] returned it (its related links, mentions
/// and event dates are not stored); false if it cannot be encoded.
pub(super) fn encode_into(page: &RenderedArticle, out: &mut Vec<u8>) -> bool {
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
        render_stamp: _,
    } = page;
    let Citation {
        chicago,
        apa,
        bibtex,
        csl_json,
    } = citation;
    let record = Record {
        slug: s(slug),
        title: s(title),
        meta: MetaRecord::new(meta),
        path: Cow::Borrowed(path.as_path()),
        lang: lang.as_deref().map(s),
        body_html: s(body_html),
        body_epub: (!body_epub.is_epub_of(body_html)).then(|| s(body_epub)),
        footnotes: footnotes
            .iter()
            .map(|f| {
                let RenderedFootnote {
                    number,
                    html,
                    referenced,
                } = f;
                (*number, s(html), *referenced)
            })
            .collect(),
        toc: toc
            .iter()
            .map(|t| {
                let TocEntry { id, title, level } = t;
                (s(id), s(title), *level)
            })
            .collect(),
        anchors: anchors.iter().map(|a| s(a)).collect(),
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
                    s(mark),
                    s(id),
                    s(term_id),
                    s(term),
                    form.as_deref().map(s),
                    s(html),
                )
            })
            .collect(),
        citation: (
            s(&chicago.text),
            s(&chicago.html),
            s(&apa.text),
            s(&apa.html),
            s(bibtex),
            s(csl_json),
        ),
        reading_minutes: *reading_minutes,
        summary: s(summary),
        provenance: provenance
            .iter()
            .map(|r| {
                let Removed { line, text, rule } = r;
                (*line, s(text), s(rule))
            })
            .collect(),
    };
    bincode::DefaultOptions::new()
        .serialize_into(out, &record)
        .is_ok()
}

/// The article stored as `blob` by [`encode_into`], with no related
/// links, mentions or event dates; `None` when the bytes are not such a
/// record (a corrupt or older entry: the article is rendered again). The
/// site body stays in `blob` (see [`Body`]), and the EPUB body made from
/// it is made when first read.
pub(super) fn decode(blob: &SharedBytes) -> Option<RenderedArticle> {
    let bytes = blob.bytes();
    // The limit keeps a damaged length from asking for more than the
    // bytes hold.
    let r: Record<'_> = bincode::DefaultOptions::new()
        .with_limit(bytes.len() as u64)
        .deserialize(bytes)
        .ok()?;
    let own = Cow::into_owned;
    let (chicago_text, chicago_html, apa_text, apa_html, bibtex, csl_json) = r.citation;
    let body_html = match &r.body_html {
        Cow::Borrowed(text) => Body::stored(blob, text)?,
        Cow::Owned(text) => Body::from(text.clone()),
    };
    let body_epub = match r.body_epub {
        Some(body) => Body::from(own(body)),
        None => Body::epub_of(&body_html),
    };
    Some(RenderedArticle {
        render_stamp: Default::default(),
        slug: own(r.slug),
        title: own(r.title),
        meta: r.meta.into_meta(),
        path: r.path.into_owned(),
        lang: r.lang.map(own),
        body_html,
        body_epub,
        footnotes: r
            .footnotes
            .into_iter()
            .map(|(number, html, referenced)| RenderedFootnote {
                number,
                html: own(html),
                referenced,
            })
            .collect(),
        toc: r
            .toc
            .into_iter()
            .map(|(id, title, level)| TocEntry {
                id: own(id),
                title: own(title),
                level,
            })
            .collect(),
        anchors: r.anchors.into_iter().map(own).collect(),
        editor_notes: r
            .editor_notes
            .into_iter()
            .map(|(mark, id, term_id, term, form, html)| EditorNote {
                mark: own(mark),
                id: own(id),
                term_id: own(term_id),
                term: own(term),
                form: form.map(own),
                html: own(html),
            })
            .collect(),
        related: Vec::new(),
        mentions: Vec::new(),
        event_dates: Vec::new(),
        citation: Citation {
            chicago: Styled {
                text: own(chicago_text),
                html: own(chicago_html),
            },
            apa: Styled {
                text: own(apa_text),
                html: own(apa_html),
            },
            bibtex: own(bibtex),
            csl_json: own(csl_json),
        },
        reading_minutes: r.reading_minutes,
        summary: own(r.summary),
        provenance: r
            .provenance
            .into_iter()
            .map(|(line, text, rule)| Removed {
                line,
                text: own(text),
                rule: intern(own(rule)),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render_annotated;
    use crate::markdown::tests::rich_article;

    use crate::markdown::body::EPUB_NOTEREF;

    fn encode(page: &RenderedArticle) -> Vec<u8> {
        let mut out = Vec::new();
        assert!(encode_into(page, &mut out));
        out
    }

    fn decode(bytes: &[u8]) -> Option<RenderedArticle> {
        super::decode(&SharedBytes::from_vec(bytes.to_vec()))
    }

    // Every field of a render comes back as it went in: headings, notes,
    // editor's notes, citation, provenance, metadata origins; the EPUB
    // body is made again from the site body, or stored when it cannot be.
    #[test]
    fn round_trips_a_render() {
        let (article, glossary, hits) = rich_article();
        let page = render_annotated(&article, &hits, &glossary);
        assert!(!page.editor_notes.is_empty());
        assert!(!page.footnotes.is_empty());
        assert!(!page.toc.is_empty());
        assert!(!page.provenance.is_empty());
        assert!(!page.meta.origins.is_empty());
        assert!(page.body_epub.contains(EPUB_NOTEREF));
        let bytes = encode(&page);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded, page);
        // The bodies are not copied out of the record.
        assert!(decoded.body_html.is_stored());
        assert!(decoded.body_epub.is_stored());

        let mut odd = page.clone();
        odd.body_epub = format!("{}<p>only in the EPUB</p>", odd.body_epub.as_str()).into();
        let odd_bytes = encode(&odd);
        assert!(odd_bytes.len() > bytes.len() + page.body_epub.len());
        assert_eq!(decode(&odd_bytes), Some(odd));
    }

    // Bytes that are not a record, or a record cut short, decode to
    // nothing (and never panic).
    #[test]
    fn rejects_damaged_records() {
        let (article, glossary, hits) = rich_article();
        let bytes = encode(&render_annotated(&article, &hits, &glossary));
        for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "{cut}");
        }
        assert_eq!(decode(b"{not a record"), None);
        assert_eq!(decode(&[0xff; 64]), None);
        let mut long = bytes.clone();
        long.push(0);
        assert_eq!(decode(&long), None);
    }
}

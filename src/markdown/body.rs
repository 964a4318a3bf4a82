//! An article's rendered body: owned when it was rendered by this build,
//! else the bytes of the render memo where it is stored, kept mapped and
//! not copied. A rebuild takes thousands of renders from the memo and
//! renders only the few pages whose inputs changed, so most stored bodies
//! are never read; copying each into a fresh string was the largest part
//! of taking a render from the memo.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::cache::SharedBytes;

/// How a note reference opens in the site's body, and in the EPUB's: the
/// one difference between the two profiles' bodies (scraped text is
/// escaped, so only the renderer's own tags can match).
pub(super) const SITE_NOTEREF: &str = "<a role=\"doc-noteref\"";
pub(super) const EPUB_NOTEREF: &str = "<a epub:type=\"noteref\" role=\"doc-noteref\"";

/// An article's body (HTML or XHTML), read as a `str`.
#[derive(Clone)]
pub struct Body(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    /// Bytes known to be UTF-8 (see [`Body::stored`]).
    Stored(SharedBytes),
    /// The EPUB body of a stored site body, made when first read.
    EpubOf(SharedBytes, OnceLock<String>),
}

impl Body {
    /// The body `text`, which lies in `bytes`, kept there; `None` when it
    /// does not lie there.
    pub(super) fn stored(bytes: &SharedBytes, text: &str) -> Option<Body> {
        bytes
            .part(text.as_bytes())
            .map(|part| Body(Repr::Stored(part)))
    }

    /// The EPUB body of the site body `site` ([`epub_body`]), made when
    /// first read if `site` is stored.
    pub(super) fn epub_of(site: &Body) -> Body {
        match &site.0 {
            Repr::Stored(bytes) => Body(Repr::EpubOf(bytes.clone(), OnceLock::new())),
            _ => Body(Repr::Owned(epub_body(site))),
        }
    }

    /// Whether this is the EPUB body `epub_body` makes of `site`. Known
    /// without reading either when it was made from `site` by
    /// `Body::epub_of`.
    pub fn is_epub_of(&self, site: &Body) -> bool {
        match (&self.0, &site.0) {
            (Repr::EpubOf(from, _), Repr::Stored(stored)) if from.same(stored) => true,
            _ => is_epub_body(site, self),
        }
    }

    /// Whether the text is kept where it is stored (or made from text that
    /// is), not copied.
    #[cfg(test)]
    pub(super) fn is_stored(&self) -> bool {
        !matches!(self.0, Repr::Owned(_))
    }

    /// A stored copy of `site`, and the EPUB body made from it when read,
    /// as the render memo gives them.
    #[cfg(test)]
    pub(crate) fn stored_pair(site: &str) -> (Body, Body) {
        let bytes = SharedBytes::from_vec(site.as_bytes().to_vec());
        let text = std::str::from_utf8(bytes.bytes()).expect("was a str");
        let stored = Body::stored(&bytes, text).expect("lies in its bytes");
        let epub = Body::epub_of(&stored);
        (stored, epub)
    }

    /// Whether this is an EPUB body still to be made from its site body.
    #[cfg(test)]
    pub(crate) fn is_unmade(&self) -> bool {
        matches!(&self.0, Repr::EpubOf(_, made) if made.get().is_none())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(text) => text,
            Repr::Stored(bytes) => stored_text(bytes),
            Repr::EpubOf(bytes, made) => made.get_or_init(|| epub_body(stored_text(bytes))),
        }
    }
}

/// The text of stored bytes.
fn stored_text(bytes: &SharedBytes) -> &str {
    // SAFETY: `Body::stored` keeps only bytes that a `&str` was made of, so
    // they were UTF-8 then; the pack's bytes do not change while they are
    // mapped (see `PackBytes::open` in the cache module).
    unsafe { std::str::from_utf8_unchecked(bytes.bytes()) }
}

/// The EPUB body made from the site body. Tags are found by their `<`
/// (a byte search), several times faster than searching for the whole
/// string; `record::encode_into` checks the result either way.
pub(super) fn epub_body(body_html: &str) -> String {
    let mut out = String::with_capacity(body_html.len() + body_html.len() / 16);
    let mut rest = 0;
    for (at, _) in body_html.match_indices('<') {
        if body_html[at..].starts_with(SITE_NOTEREF) {
            out.push_str(&body_html[rest..at]);
            out.push_str(EPUB_NOTEREF);
            rest = at + SITE_NOTEREF.len();
        }
    }
    out.push_str(&body_html[rest..]);
    out
}

/// Whether `epub` is [`epub_body`] of `site`, found without making it.
pub(super) fn is_epub_body(site: &str, epub: &str) -> bool {
    let mut epub_rest = epub;
    let mut rest = 0;
    for (at, _) in site.match_indices('<') {
        if site[at..].starts_with(SITE_NOTEREF) {
            let Some(after) = epub_rest
                .strip_prefix(&site[rest..at])
                .and_then(|after| after.strip_prefix(EPUB_NOTEREF))
            else {
                return false;
            };
            epub_rest = after;
            rest = at + SITE_NOTEREF.len();
        }
    }
    epub_rest == &site[rest..]
}

impl Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body(Repr::Owned(text))
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epub_body_marks_note_references() {
        let site = "<p id=\"p-1\">a &lt;a role=\"doc-noteref\"<sup class=\"noteref\"><a role=\"doc-noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p>\n";
        assert_eq!(
            epub_body(site),
            "<p id=\"p-1\">a &lt;a role=\"doc-noteref\"<sup class=\"noteref\"><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p>\n"
        );
        assert_eq!(epub_body("no tags"), "no tags");
    }

    // A stored body reads as the text it was made from, and so does the
    // EPUB body made from it, which is the same as one made from an owned
    // body.
    #[test]
    fn stored_bodies_read_as_their_text() {
        let site = "<p>a<sup><a role=\"doc-noteref\" href=\"#fn-1\">1</a></sup> é</p>";
        let bytes = SharedBytes::from_vec(format!("xx{site}yy").into_bytes());
        let text = std::str::from_utf8(bytes.bytes()).unwrap();
        let stored = Body::stored(&bytes, &text[2..2 + site.len()]).unwrap();
        assert_eq!(stored.as_str(), site);
        let owned = Body::from(site.to_string());
        assert_eq!(stored, owned);
        let epub = Body::epub_of(&stored);
        assert_eq!(epub, Body::epub_of(&owned));
        assert!(epub.contains(EPUB_NOTEREF));
        assert!(epub.is_epub_of(&stored));
        assert!(epub.is_epub_of(&owned));
        assert!(!epub.is_epub_of(&Body::from(format!("{site}x"))));
        assert!(Body::epub_of(&owned).is_epub_of(&owned));
        assert!(!owned.is_epub_of(&owned));
        for (site, epub) in [
            (site, epub.as_str()),
            ("no tags", "no tags"),
            ("", ""),
            ("<a role=\"doc-noteref\"", EPUB_NOTEREF),
        ] {
            assert!(is_epub_body(site, epub), "{site}");
            assert!(!is_epub_body(site, &format!("{epub}x")), "{site}");
            assert!(!is_epub_body(&format!("{site}x"), epub), "{site}");
        }
        assert!(!is_epub_body(site, site));
        // Text that is not in the bytes is not taken for a part of them.
        assert!(Body::stored(&bytes, site).is_none());
    }
}

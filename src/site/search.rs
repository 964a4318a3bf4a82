//! The client-side search index: one small record per article (title,
//! authors, date, plain text) in scripts that append them to a global, so
//! the search page loads them with `<script>` tags — which work from
//! `file://`, where `fetch` of a JSON file does not.
//!
//! The records are split into parts of about [`PART_BYTES`] each
//! (`search/index-1.js`, `search/index-2.js`, …), so no file grows with the
//! dossier and the parts are written on every core.
//!
//! The index itself is built in the reader's browser by MiniSearch
//! (assets/minisearch/), with a Unicode tokenizer and diacritic folding
//! (templates/search.js); this module only collects the text.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::markdown::RenderedArticle;
use crate::memo::{Hashed, MemoKey, Page, PageContext, PageMemo, memoised};

use super::views::{display_date, valid_date};

/// The global the index's parts append to.
pub(crate) const GLOBAL: &str = "dossierSearchDocs";

/// The folder of the index's parts, under the site's root.
pub(crate) const DIR: &str = "search";

/// A part is closed once its articles' text reaches this many bytes.
const PART_BYTES: usize = 2 << 20;

/// One searchable article; short keys because the file has one per article.
#[derive(Debug, Serialize)]
struct SearchDoc<'a> {
    /// Page, relative to the site root.
    u: String,
    t: &'a str,
    a: String,
    /// The date as pages show it.
    d: String,
    /// The body as plain text, for matching and for snippets.
    x: String,
}

/// The index's parts: (path under the output folder, script), in order.
/// A part whose articles the page `memo` finds unchanged is not made again;
/// `body_keys` are the keys of the articles' site bodies
/// ([`super::views::body_key`]), where known.
pub(crate) fn search_index_parts(
    articles: &[RenderedArticle],
    language: &str,
    memo: Option<&PageMemo>,
    body_keys: &[Option<MemoKey>],
) -> Result<Vec<(PathBuf, Page)>> {
    // Parts are cut by the size of the articles' HTML, which is known
    // without making their plain text (a rebuild makes only changed parts).
    part_ranges(articles.iter().map(|a| a.body_html.len()), PART_BYTES)
        .into_par_iter()
        .enumerate()
        .map(|(i, range)| {
            let keys = body_keys.get(range.clone()).unwrap_or_default();
            let part = &articles[range];
            let path = super::site_path(&format!("{DIR}/index-{}.js", i + 1));
            // What the records are made of: the key of the memo.
            let mut ctx = PageContext::new();
            let inputs: Vec<_> = part
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let key = keys.get(i).copied().flatten();
                    (
                        &a.slug,
                        &a.title,
                        &a.meta.authors,
                        &a.meta.date,
                        Hashed::identified_by(a.body_html.as_str(), key),
                    )
                })
                .collect();
            ctx.insert("articles", inputs);
            ctx.insert("language", language);
            let page = memoised(memo, "search-index-part", &path, &ctx, || {
                let docs: Vec<SearchDoc<'_>> =
                    part.iter().map(|a| search_doc(a, language)).collect();
                Ok(part_script(&docs))
            })?;
            Ok((path, page))
        })
        .collect()
}

/// The record of article `a`.
fn search_doc<'a>(a: &'a RenderedArticle, language: &str) -> SearchDoc<'a> {
    SearchDoc {
        u: format!("{}.html", a.slug),
        t: &a.title,
        a: a.meta.authors.join(", "),
        d: valid_date(&a.meta.date)
            .map(|d| display_date(d, language))
            .unwrap_or_default(),
        x: plain_text(&a.body_html),
    }
}

/// One part: a script appending its records to the global. `<` is escaped
/// so the file stays inert even if someone inlines it in a page.
fn part_script(docs: &[SearchDoc<'_>]) -> String {
    let json = serde_json::to_string(docs)
        .expect("strings serialize")
        .replace('<', "\\u003c");
    format!("window.{GLOBAL} = (window.{GLOBAL} || []).concat({json});\n")
}

/// Consecutive ranges of items whose sizes add up to at least `limit`
/// (the last may be smaller); one range, maybe empty, when all fit.
fn part_ranges(sizes: impl Iterator<Item = usize>, limit: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut filled, mut end) = (0, 0, 0);
    for (i, size) in sizes.enumerate() {
        end = i + 1;
        filled += size;
        if filled >= limit {
            ranges.push(start..end);
            (start, filled) = (end, 0);
        }
    }
    if start < end || ranges.is_empty() {
        ranges.push(start..end);
    }
    ranges
}

/// The text of the body HTML (which markdown.rs built, so tags never occur
/// inside text): note markers dropped, tags turned into spaces, the five
/// entities it writes decoded, whitespace collapsed.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_rest = &rest[start..];
        // A note reference's number is not part of the text.
        let skip_to = if tag_rest.starts_with("<sup class=\"noteref\">") {
            tag_rest.find("</sup>").map(|e| e + "</sup>".len())
        } else {
            tag_rest.find('>').map(|e| e + 1)
        };
        let Some(end) = skip_to else {
            break;
        };
        out.push(' ');
        rest = &tag_rest[end..];
    }
    if !rest.contains('<') {
        out.push_str(rest);
    }
    decode_and_fold(&out)
}

/// The entities `plain_text` decodes, and what each stands for.
const ENTITIES: &[(&str, char)] = &[
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&#x27;", '\''),
    ("&amp;", '&'),
];

/// `text` with [`ENTITIES`] decoded and runs of whitespace made one space,
/// in one pass (the index holds the text of every article). Entities never
/// overlap and decode to no part of another, so this equals replacing them
/// one kind after another, `&amp;` last.
fn decode_and_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        let mut c = c;
        if c == '&'
            && let Some((entity, decoded)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e))
        {
            len = entity.len();
            c = *decoded;
        }
        rest = &rest[len..];
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_note_numbers() {
        let html = "<h2 id=\"a\">Power &amp; light</h2>\n<p>Grid<sup class=\"noteref\"><a href=\"#fn-1\">1</a></sup> is &lt;big&gt;.</p>";
        assert_eq!(plain_text(html), "Power & light Grid is <big>.");
    }

    // The one-pass decoding gives what replacing each entity in turn gave.
    #[test]
    fn decoding_matches_replacing_in_turn() {
        fn in_turn(text: &str) -> String {
            let decoded = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
            decoded.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        for text in [
            "",
            "   ",
            "a &amp;lt; b &lt;&gt; &amp;amp; &&lt; &#39;x&#x27; &quot;",
            " \u{a0}Москва\t&amp;\n Токио  ",
            "&am&amp;p; &#x2; & &lt",
        ] {
            assert_eq!(decode_and_fold(text), in_turn(text), "{text:?}");
        }
    }

    #[test]
    fn index_is_a_script_appending_to_a_global() {
        let d = crate::testdata::dossier();
        let parts = search_index_parts(&d.articles, "en", None, &[]).unwrap();
        assert_eq!(parts.len(), 1);
        let (path, Page::Rendered(js)) = &parts[0] else {
            panic!("no memo, so rendered")
        };
        assert_eq!(path, &PathBuf::from("html/search/index-1.js"));
        assert!(
            js.starts_with("window.dossierSearchDocs = (window.dossierSearchDocs || []).concat([{"),
            "{js}"
        );
        assert!(!js.contains("<script"), "{js}");
        assert!(js.contains("\"u\":\"energy.html\""), "{js}");
    }

    // Parts close once full; every item is in exactly one, in order.
    #[test]
    fn parts_split_by_size() {
        assert_eq!(part_ranges([].into_iter(), 10), vec![0..0]);
        assert_eq!(part_ranges([3, 4].into_iter(), 10), vec![0..2]);
        assert_eq!(
            part_ranges([6, 6, 20, 1, 2].into_iter(), 10),
            vec![0..2, 2..3, 3..5]
        );
        assert_eq!(part_ranges([10, 10].into_iter(), 10), vec![0..1, 1..2]);
    }
}

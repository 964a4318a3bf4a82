//! [`Article`] → [`RenderedArticle`]: the article's blocks as HTML fragments,
//! plus what the templates need around them (table of contents, notes,
//! summary, reading time). Also renders the Markdown the *user* wrote (the
//! book description) with [`render_markdown`].
//!
//! Scraped text is text, never markup: every block becomes pulldown-cmark
//! `Event::Text` (escaped by `push_html`), and the only HTML this module
//! writes itself is tags it builds from numbers and ids it made. It must not
//! parse corpus text as Markdown, read files, or know about templates.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

use crate::annotate::dates::When;
use crate::annotate::entities::Entity;
use crate::annotate::glossary::{Glossary, GlossaryHit};
use crate::annotate::timeline::TimelineEntry;
use crate::extract::{Article, Meta};
use crate::highlight;
use crate::normalize::{BlockKind, Removed};

mod annotated;
mod body;
mod memo;
mod notes;
mod record;

pub use self::annotated::{
    Citation, MentionLink, RelatedLink, RenderedTerm, TermUse, first_letter, index_page,
    letter_key, reading_order,
};
pub use self::body::Body;
pub use self::memo::{RENDER_PACK, RenderMemo, render_key};
pub use self::notes::EditorNote;
use self::notes::{EditorNoteMark, editor_note_ref};

/// Which reader the HTML is for. The text is the same; the note markup differs
/// because EPUB reading systems need `epub:type` for pop-up notes, and that
/// attribute is invalid in the HTML5 the site serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// The static site: HTML5, notes as an end-note list.
    Site,
    /// EPUB 3 XHTML: `epub:type="noteref"` links and `<aside>` notes.
    Epub,
}

/// One article, rendered: the input of the site and EPUB renderers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedArticle {
    /// The article's slug (file name of its page and chapter).
    pub slug: String,
    /// The title to show ([`Meta::display_title`]).
    pub title: String,
    /// The article's facts, with characters that HTML and XML forbid removed.
    pub meta: Meta,
    /// The source file, relative to the corpus folder.
    pub path: PathBuf,
    /// The article's language when it has one that looks like a BCP 47 tag.
    pub lang: Option<String>,
    /// The body as HTML for [`Profile::Site`].
    pub body_html: Body,
    /// The body as XHTML for [`Profile::Epub`] (note references differ).
    pub body_epub: Body,
    /// The author's notes, their text as escaped inline HTML.
    pub footnotes: Vec<RenderedFootnote>,
    /// The section headings, in order, with the ids the body gives them.
    pub toc: Vec<TocEntry>,
    /// The id of each body block (a heading's id, else `p-<n>`), for
    /// links from the indexes to the paragraph that mentions a name.
    pub anchors: Vec<String>,
    /// The editor's notes on glossary terms, in order of reference.
    pub editor_notes: Vec<EditorNote>,
    /// Other articles of the dossier related to this one.
    pub related: Vec<RelatedLink>,
    /// The people, organisations and places it mentions.
    pub mentions: Vec<MentionLink>,
    /// The dates of its events, each once, in text order (for links to
    /// the timeline).
    pub event_dates: Vec<When>,
    /// How to cite it.
    pub citation: Citation,
    /// Minutes to read, at 220 words a minute, at least 1.
    pub reading_minutes: u32,
    /// The first paragraph as plain text, cut at about 40 words.
    pub summary: String,
    /// The lines the cleaner removed, for the "what was removed" panel.
    pub provenance: Vec<Removed>,
    /// Which render this is (the render memo's key of its inputs), when
    /// it went through the memo: pages key its bodies by this instead of
    /// hashing them. Whoever changes what a render made must clear it.
    #[serde(skip)]
    pub render_stamp: crate::memo::RenderStamp,
}

impl RenderedArticle {
    /// The body for `profile`. An EPUB body is made from the site body
    /// only when its text is read.
    pub fn body(&self, profile: Profile) -> &Body {
        match profile {
            Profile::Site => &self.body_html,
            Profile::Epub => &self.body_epub,
        }
    }
}

/// One of the author's notes, ready for a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedFootnote {
    /// The number the marker and the note share; ids are `fn-<n>` and `fnref-<n>`.
    pub number: u32,
    /// The note's text as escaped inline HTML (no wrapper element).
    pub html: String,
    /// Whether the body has a marker for this note, i.e. whether `#fnref-<n>`
    /// exists for a back link.
    pub referenced: bool,
}

/// A section heading of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// The heading's id, `s-<slug of its text>`, unique in the article.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// The HTML heading level (2–6; the article title is the `h1`).
    pub level: u8,
}

/// Every article of the dossier, rendered and in reading order, with the
/// annotations that span articles.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Dossier {
    /// The articles, sorted by date (undated last), then title, then slug.
    pub articles: Vec<RenderedArticle>,
    /// The glossary terms some article mentions, sorted by term.
    pub glossary: Vec<RenderedTerm>,
    /// People, organisations and places; their places index `articles`.
    pub entities: Vec<Entity>,
    /// Dated events, earliest first; their places index `articles`.
    pub timeline: Vec<TimelineEntry>,
}

/// Reading speed used for [`RenderedArticle::reading_minutes`].
const WORDS_PER_MINUTE: usize = 220;
/// Length of [`RenderedArticle::summary`], in words.
const SUMMARY_WORDS: usize = 40;

/// A note marker in the text: `[12]`.
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(\d{1,4})\]").expect("valid marker pattern"));

/// Renders one article for both profiles, without annotations.
pub fn render_article(article: &Article) -> RenderedArticle {
    render_annotated(article, &[], &Glossary::default())
}

/// Renders one article for both profiles, with an editor's note at the
/// first mention of each glossary term in `hits`. Related articles and
/// mentions are filled in by [`Dossier::annotated`], which sees them all.
pub fn render_annotated(
    article: &Article,
    hits: &[GlossaryHit],
    glossary: &Glossary,
) -> RenderedArticle {
    let known: BTreeSet<u32> = article.footnotes.iter().map(|f| f.number).collect();
    let toc = heading_ids(article);
    let (marks, editor_notes) = notes::editor_notes(hits, glossary);
    let body_html = render_body(article, &toc, &known, &marks, Profile::Site);
    let body_epub = render_body(article, &toc, &known, &marks, Profile::Epub);
    let referenced = referenced_notes(article, &known);
    let footnotes = article
        .footnotes
        .iter()
        .map(|f| RenderedFootnote {
            number: f.number,
            html: escape_text(&clean_text(&f.text)),
            referenced: referenced.contains(&f.number),
        })
        .collect();
    let meta = clean_meta(&article.meta);
    let words = if meta.word_count > 0 {
        meta.word_count
    } else {
        article
            .body
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    };
    let lang = Some(meta.language.clone()).filter(|l| looks_like_language_tag(l));
    RenderedArticle {
        slug: article.slug.clone(),
        title: meta.display_title().to_string(),
        path: article.path.clone(),
        lang,
        body_html: body_html.into(),
        body_epub: body_epub.into(),
        footnotes,
        anchors: block_anchors(article, &toc),
        toc,
        editor_notes,
        related: Vec::new(),
        mentions: Vec::new(),
        event_dates: Vec::new(),
        citation: Citation::new(&article.slug, &meta),
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        summary: summary(article, &known),
        render_stamp: Default::default(),
        provenance: article
            .provenance
            .iter()
            .map(|r| Removed {
                line: r.line,
                text: clean_text(&r.text).into_owned(),
                rule: r.rule,
            })
            .collect(),
        meta,
    }
}

/// Gives each heading a stable id: `s-` and its text slugified, with `-2`,
/// `-3`… for repeats. The prefix keeps ids from starting with a digit and
/// apart from the `fn-`/`fnref-` note ids.
fn heading_ids(article: &Article) -> Vec<TocEntry> {
    let mut used = BTreeSet::new();
    let mut toc = Vec::new();
    for block in &article.body {
        let BlockKind::Heading(level) = block.kind else {
            continue;
        };
        let title = clean_text(&block.text).into_owned();
        let slug = id_slug(&title);
        let base = if slug.is_empty() {
            format!("s-{}", toc.len() + 1)
        } else {
            format!("s-{slug}")
        };
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        toc.push(TocEntry {
            id,
            title,
            level: level.clamp(2, 6),
        });
    }
    toc
}

/// Lowercase letters and digits of any script, joined by single hyphens.
/// Non-Latin headings keep readable ids (`s-история`) instead of numbers.
fn id_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn render_body(
    article: &Article,
    toc: &[TocEntry],
    known: &BTreeSet<u32>,
    notes: &[EditorNoteMark],
    profile: Profile,
) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut headings = toc.iter();
    let mut refs = RefCounter::default();
    for (index, block) in article.body.iter().enumerate() {
        let inserts: Vec<(usize, String)> = notes
            .iter()
            .filter(|n| n.block == index)
            .map(|n| (n.offset, editor_note_ref(n, profile)))
            .collect();
        let anchor = block_anchor(index);
        match block.kind {
            BlockKind::Heading(_) => {
                let entry = headings.next().expect("one toc entry per heading");
                let level = heading_level(entry.level);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(entry.id.clone())),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                push_marked_text(&mut events, &block.text, &inserts, None, &mut refs, profile);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            BlockKind::Paragraph => {
                // pulldown-cmark's paragraph takes no id; the tag is ours.
                events.push(Event::Html(CowStr::from(format!("<p id=\"{anchor}\">"))));
                push_marked_text(
                    &mut events,
                    &block.text,
                    &inserts,
                    Some(known),
                    &mut refs,
                    profile,
                );
                events.push(Event::Html(CowStr::Borrowed("</p>\n")));
            }
            BlockKind::Lead => {
                events.push(Event::Html(CowStr::from(format!(
                    "<p class=\"lead\" id=\"{anchor}\">"
                ))));
                push_marked_text(
                    &mut events,
                    &block.text,
                    &inserts,
                    Some(known),
                    &mut refs,
                    profile,
                );
                events.push(Event::Html(CowStr::Borrowed("</p>\n")));
            }
            BlockKind::Quote => {
                events.push(Event::Html(CowStr::from(format!(
                    "<blockquote id=\"{anchor}\">\n<p>"
                ))));
                push_marked_text(
                    &mut events,
                    &block.text,
                    &inserts,
                    Some(known),
                    &mut refs,
                    profile,
                );
                events.push(Event::Html(CowStr::Borrowed("</p>\n</blockquote>\n")));
            }
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The id of every body block: the heading's id, else [`block_anchor`].
fn block_anchors(article: &Article, toc: &[TocEntry]) -> Vec<String> {
    let mut headings = toc.iter();
    article
        .body
        .iter()
        .enumerate()
        .map(|(i, block)| match block.kind {
            BlockKind::Heading(_) => headings
                .next()
                .map_or_else(|| block_anchor(i), |h| h.id.clone()),
            _ => block_anchor(i),
        })
        .collect()
}

/// The id of a body block that is not a heading: `p-` and its 1-based
/// index in the body, stable while the article's text is.
pub fn block_anchor(index: usize) -> String {
    format!("p-{}", index + 1)
}

fn heading_level(level: u8) -> HeadingLevel {
    match level {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Counts references per note, so a note cited twice gets `fnref-3` and
/// `fnref-3-2` (ids must be unique; the note links back to the first).
#[derive(Default)]
struct RefCounter(BTreeMap<u32, u32>);

impl RefCounter {
    fn next_id(&mut self, number: u32) -> String {
        let count = self.0.entry(number).or_insert(0);
        *count += 1;
        if *count == 1 {
            format!("fnref-{number}")
        } else {
            format!("fnref-{number}-{count}")
        }
    }
}

/// Pushes `text` as escaped text, with `inserts` (byte offset in `text`,
/// trusted HTML the renderer built) placed at their offsets and, when
/// `known` is given, known note markers turned into reference links (an
/// unknown `[7]` may be a citation or a year in brackets and stays text).
fn push_marked_text<'a>(
    events: &mut Vec<Event<'a>>,
    text: &str,
    inserts: &[(usize, String)],
    known: Option<&BTreeSet<u32>>,
    refs: &mut RefCounter,
    profile: Profile,
) {
    let mut start = 0;
    for (offset, html) in inserts {
        let offset = (*offset).min(text.len());
        if offset < start || !text.is_char_boundary(offset) {
            continue;
        }
        push_segment(events, &text[start..offset], known, refs, profile);
        events.push(Event::InlineHtml(CowStr::from(html.clone())));
        start = offset;
    }
    push_segment(events, &text[start..], known, refs, profile);
}

/// One stretch of [`push_marked_text`] between inserts.
fn push_segment<'a>(
    events: &mut Vec<Event<'a>>,
    text: &str,
    known: Option<&BTreeSet<u32>>,
    refs: &mut RefCounter,
    profile: Profile,
) {
    let text = clean_text(text);
    let mut rest = 0;
    if let Some(known) = known {
        for cap in MARKER.captures_iter(&text) {
            let whole = cap.get(0).expect("group 0");
            let Ok(number) = cap[1].parse::<u32>() else {
                continue;
            };
            if !known.contains(&number) {
                continue;
            }
            if whole.start() > rest {
                events.push(Event::Text(CowStr::from(
                    text[rest..whole.start()].to_string(),
                )));
            }
            events.push(Event::InlineHtml(CowStr::from(note_ref(
                number,
                &refs.next_id(number),
                profile,
            ))));
            rest = whole.end();
        }
    }
    if rest < text.len() {
        events.push(Event::Text(CowStr::from(text[rest..].to_string())));
    }
}

/// The reference link. `<sup>` wraps the link, never sits inside it: Apple
/// Books does not treat a link whose content is a `<sup>` as a note reference.
fn note_ref(number: u32, id: &str, profile: Profile) -> String {
    let epub_type = match profile {
        Profile::Site => "",
        Profile::Epub => " epub:type=\"noteref\"",
    };
    format!(
        "<sup class=\"noteref\"><a{epub_type} role=\"doc-noteref\" href=\"#fn-{number}\" id=\"{id}\">{number}</a></sup>"
    )
}

/// Note numbers that have at least one marker in the body.
fn referenced_notes(article: &Article, known: &BTreeSet<u32>) -> BTreeSet<u32> {
    article
        .body
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Heading(_)))
        .flat_map(|b| {
            MARKER
                .captures_iter(&b.text)
                .filter_map(|c| c[1].parse::<u32>().ok())
        })
        .filter(|n| known.contains(n))
        .collect()
}

/// The first paragraph (or lead) as plain text without note markers, cut at
/// [`SUMMARY_WORDS`] words.
fn summary(article: &Article, known: &BTreeSet<u32>) -> String {
    let Some(first) = article
        .body
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Lead))
    else {
        return String::new();
    };
    let text = clean_text(&first.text);
    let text = MARKER.replace_all(&text, |c: &regex::Captures<'_>| match c[1].parse::<u32>() {
        Ok(n) if known.contains(&n) => String::new(),
        _ => c[0].to_string(),
    });
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= SUMMARY_WORDS {
        words.join(" ")
    } else {
        let cut = words[..SUMMARY_WORDS].join(" ");
        format!(
            "{}…",
            cut.trim_end_matches(|c: char| c.is_ascii_punctuation())
        )
    }
}

fn clean_meta(meta: &Meta) -> Meta {
    let c = |s: &String| clean_text(s).into_owned();
    let all = |v: &Vec<String>| v.iter().map(c).collect::<Vec<_>>();
    Meta {
        title: c(&meta.title),
        derived_title: meta.derived_title.as_ref().map(c),
        authors: all(&meta.authors),
        author_bio: all(&meta.author_bio),
        date: c(&meta.date),
        source: c(&meta.source),
        site: c(&meta.site),
        url: c(&meta.url),
        categories: all(&meta.categories),
        language: c(&meta.language),
        word_count: meta.word_count,
        origins: meta.origins.clone(),
    }
}

/// Removes characters that XML 1.0 forbids and HTML reports as parse errors
/// (C0/C1 controls other than tab and newlines, noncharacters). Scraped text
/// carries them often enough (form feeds, stray `\u{85}`) to break an EPUB.
pub(crate) fn clean_text(text: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || ('\u{FDD0}'..='\u{FDEF}').contains(&c)
            || (c as u32 & 0xFFFE) == 0xFFFE
    };
    if text.chars().any(bad) {
        Cow::Owned(text.chars().filter(|&c| !bad(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Escapes text for an HTML or XML body (`&`, `<`, `>`).
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A shape check for BCP 47 tags, so a stray value never reaches `lang`.
fn looks_like_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The one place parser options for user-written Markdown are chosen.
/// Footnotes stay off: pulldown-cmark's note ids would clash with ours.
fn parser(text: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(text, options)
}

/// Renders Markdown the user wrote (the book description) to HTML that is
/// also well-formed XHTML. Raw HTML in it is shown as text, code blocks are
/// highlighted, `javascript:` links are dropped, and images become links
/// (the EPUB has no copy of a remote image).
pub fn render_markdown(text: &str) -> String {
    render_markdown_flagged(text).0
}

/// [`render_markdown`], also saying whether a code block was highlighted (so
/// the site writes the highlight stylesheet only when it is needed).
pub(crate) fn render_markdown_flagged(text: &str) -> (String, bool) {
    let text = clean_text(text);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut has_code = false;
    let mut dropped_link = false;
    for event in parser(&text) {
        if let Some((lang, body)) = code.as_mut() {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(CowStr::from(highlight::highlight(body, lang))));
                    code = None;
                    has_code = true;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            // Images become links; links to scripts become their bare text.
            // Links do not nest, so one flag pairs a dropped start with its end.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if !is_safe_url(&dest_url) {
                    dropped_link = true;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if std::mem::take(&mut dropped_link) {
                    continue;
                }
                Event::End(TagEnd::Link)
            }
            other => other,
        };
        events.push(event);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (html, has_code)
}

fn is_safe_url(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    !["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// User-written Markdown as plain text, for metadata such as `dc:description`.
pub fn markdown_to_plain(text: &str) -> String {
    let mut out = String::new();
    for event in parser(text) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => out.push('\n'),
            _ => {}
        }
    }
    clean_text(out.trim()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Footnote;
    use crate::normalize::Block;

    fn article(body: Vec<Block>, notes: &[(u32, &str)]) -> Article {
        Article {
            slug: "a".into(),
            path: "a.txt".into(),
            meta: Meta {
                title: "T".into(),
                ..Meta::default()
            },
            body,
            footnotes: notes
                .iter()
                .map(|&(number, text)| Footnote {
                    number,
                    text: text.into(),
                    line: 9,
                })
                .collect(),
            provenance: Vec::new(),
            stamp: Default::default(),
        }
    }

    fn para(text: &str) -> Block {
        Block::new(BlockKind::Paragraph, text, 1)
    }

    /// An article with a bit of everything a render holds (a heading, a
    /// lead, a quote, a note, an editor's note, removed lines, metadata
    /// with origins), its glossary and its hits: for the memo's tests.
    pub(super) fn rich_article() -> (Article, Glossary, Vec<GlossaryHit>) {
        let glossary = Glossary::parse(
            "[[term]]\nterm = \"ESPO\"\nvariants = [\"ESPO line\"]\nnote = \"A *pipeline*.\"\n\n\
             [[term]]\nterm = \"Kurils\"\nnote = \"Islands.\"\n",
            std::path::Path::new("g.toml"),
        )
        .unwrap();
        let mut a = article(
            vec![
                Block::new(BlockKind::Lead, "A lead about the ESPO.", 1),
                Block::new(BlockKind::Heading(2), "Background", 2),
                para("The ESPO[1] pipeline & the Kurils."),
                Block::new(BlockKind::Quote, "Said <loudly>.", 4),
            ],
            &[(1, "A note.")],
        );
        a.meta.authors = vec!["Ann Author".into()];
        a.meta.date = "2020-02-03".into();
        a.meta.language = "en".into();
        a.meta.origins.push(crate::extract::Origin {
            field: "title",
            line: 1,
            how: "title line".into(),
            confidence: crate::extract::Confidence::High,
        });
        a.provenance.push(Removed {
            line: 7,
            text: "Print E-mail".into(),
            rule: "toolbar",
        });
        let blocks: Vec<&str> = a.body.iter().map(|b| b.text.as_str()).collect();
        let text = crate::annotate::ArticleText {
            language: "en",
            blocks: &blocks,
        };
        let hits = glossary.mentions(&text, 0);
        (a, glossary, hits)
    }

    // Scraped text that looks like HTML or Markdown stays text.
    #[test]
    fn escapes_scraped_text() {
        let a = article(
            vec![para("<script>alert(1)</script> & *not emphasis* [link](x)")],
            &[],
        );
        let r = render_article(&a);
        assert_eq!(
            r.body_html,
            "<p id=\"p-1\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; *not emphasis* [link](x)</p>\n"
        );
    }

    // A known marker links to its note and the note knows it can link back;
    // an unknown marker stays text.
    #[test]
    fn links_known_markers_only() {
        let a = article(
            vec![para("Claim[1] and year [1905].")],
            &[(1, "Source & more")],
        );
        let r = render_article(&a);
        assert!(
            r.body_html.contains(
                "<sup class=\"noteref\"><a role=\"doc-noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"
            ),
            "{}",
            r.body_html
        );
        assert!(r.body_html.contains("year [1905]."));
        assert!(r.body_epub.contains(
            "<a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a>"
        ));
        assert_eq!(r.footnotes[0].html, "Source &amp; more");
        assert!(r.footnotes[0].referenced);
    }

    // A note cited twice gets two distinct reference ids.
    #[test]
    fn repeated_marker_gets_unique_ids() {
        let a = article(vec![para("A[2] b[2]")], &[(2, "n")]);
        let r = render_article(&a);
        assert!(r.body_html.contains("id=\"fnref-2\""));
        assert!(r.body_html.contains("id=\"fnref-2-2\""));
    }

    // Heading ids are prefixed, unique, and keep non-Latin text.
    #[test]
    fn heading_ids_are_unique_and_prefixed() {
        let a = article(
            vec![
                Block::new(BlockKind::Heading(2), "Background", 1),
                Block::new(BlockKind::Heading(2), "Background", 2),
                Block::new(BlockKind::Heading(3), "1905: История", 3),
                Block::new(BlockKind::Heading(2), "—", 4),
            ],
            &[],
        );
        let ids: Vec<_> = render_article(&a).toc.into_iter().map(|t| t.id).collect();
        assert_eq!(
            ids,
            ["s-background", "s-background-2", "s-1905-история", "s-4"]
        );
    }

    // An editor's note is referenced right after the first mention, once,
    // lettered, beside the author's numbered markers; the term's text and
    // the scraped text around it stay escaped text.
    #[test]
    fn editor_note_follows_first_mention() {
        let glossary = Glossary::parse(
            "[[term]]\nterm = \"ESPO\"\nnote = \"A *pipeline*.\"\n",
            std::path::Path::new("g.toml"),
        )
        .unwrap();
        let a = article(
            vec![
                para("No term <here>."),
                para("The ESPO[1] pipeline; ESPO again."),
                para("ESPO."),
            ],
            &[(1, "Note.")],
        );
        let blocks: Vec<&str> = a.body.iter().map(|b| b.text.as_str()).collect();
        let text = crate::annotate::ArticleText {
            language: "en",
            blocks: &blocks,
        };
        let hits = glossary.mentions(&text, 0);
        let r = render_annotated(&a, &hits, &glossary);
        let lines: Vec<&str> = r.body_html.lines().collect();
        assert_eq!(lines[0], "<p id=\"p-1\">No term &lt;here&gt;.</p>");
        assert_eq!(
            lines[1],
            "<p id=\"p-2\">The ESPO<sup class=\"editor-noteref\"><a role=\"doc-noteref\" href=\"#ed-1\" id=\"edref-1\" title=\"Editor's note\">a</a></sup><sup class=\"noteref\"><a role=\"doc-noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a></sup> pipeline; ESPO again.</p>"
        );
        assert_eq!(lines[2], "<p id=\"p-3\">ESPO.</p>");
        assert!(
            r.body_epub
                .contains("epub:type=\"noteref\" role=\"doc-noteref\" href=\"#ed-1\"")
        );
        assert_eq!(r.editor_notes.len(), 1);
        assert_eq!(r.editor_notes[0].mark, "a");
        assert_eq!(r.editor_notes[0].html, "<p>A <em>pipeline</em>.</p>\n");
        assert_eq!(r.anchors, ["p-1", "p-2", "p-3"]);
    }

    // Control characters that break XML are dropped.
    #[test]
    fn drops_forbidden_characters() {
        let a = article(vec![para("a\u{0C}b\u{85}c")], &[]);
        assert_eq!(render_article(&a).body_epub, "<p id=\"p-1\">abc</p>\n");
    }

    #[test]
    fn summary_is_first_paragraph_without_markers() {
        let long = "word ".repeat(60);
        let a = article(
            vec![
                Block::new(BlockKind::Heading(2), "H", 1),
                para("First[1] one."),
                para(&long),
            ],
            &[(1, "n")],
        );
        assert_eq!(render_article(&a).summary, "First one.");
        let b = article(vec![para(&long)], &[]);
        let s = render_article(&b).summary;
        assert_eq!(s.split_whitespace().count(), SUMMARY_WORDS);
        assert!(s.ends_with('…'));
    }

    // The user's Markdown is rendered, but raw HTML in it is shown as text.
    #[test]
    fn user_markdown_escapes_raw_html() {
        let html = render_markdown(
            "Some *emphasis* <b onclick=x>bold</b>\n\n<script>x</script>\n\n[a](javascript:alert(1))",
        );
        assert!(html.contains("<em>emphasis</em>"), "{html}");
        assert!(html.contains("&lt;b onclick=x&gt;"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<p>a</p>"), "{html}");
    }

    // An image in the description becomes a link to it: the EPUB holds no
    // copy of remote images, and EPUBCheck rejects remote resources.
    #[test]
    fn user_markdown_images_become_links() {
        let html =
            render_markdown("![a chart](https://example.org/c.png) ![x](data:image/png;base64,AA)");
        assert_eq!(
            html,
            "<p><a href=\"https://example.org/c.png\">a chart</a> x</p>\n"
        );
    }

    #[test]
    fn user_markdown_highlights_code() {
        let (html, has_code) = render_markdown_flagged("```rust\nlet x = 1;\n```\n");
        assert!(has_code);
        assert!(
            html.contains("<pre class=\"code\"><code class=\"language-rust\">"),
            "{html}"
        );
        assert!(!render_markdown_flagged("plain").1);
    }

    #[test]
    fn dossier_sorts_by_date_then_title_undated_last() {
        let mk = |slug: &str, title: &str, date: &str| {
            let mut a = article(vec![para("x")], &[]);
            a.slug = slug.into();
            a.meta.title = title.into();
            a.meta.date = date.into();
            a
        };
        let d = Dossier::from_articles(&[
            mk("u", "Undated", ""),
            mk("b", "B", "2020-01-01"),
            mk("a", "A", "2020-01-01"),
            mk("c", "C", "2019-05-05"),
        ]);
        let order: Vec<_> = d.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(order, ["c", "a", "b", "u"]);
    }
}

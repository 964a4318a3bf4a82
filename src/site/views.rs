//! The values templates see: the book's facts, index lines, article views
//! and dates. Borrowed from the rendered dossier, never copied whole.

use std::borrow::Cow;

use serde::Serialize;

use crate::config::Settings;
use crate::extract::Origin;
use crate::markdown::{
    Body, Citation, EditorNote, MentionLink, Profile, RelatedLink, RenderedArticle,
    RenderedFootnote, TocEntry,
};
use crate::memo::{Hashed, MemoKey, key_of};
use crate::normalize::Removed;

/// The book's facts, the same for every page (`site` in templates).
#[derive(Debug, Serialize)]
pub(crate) struct SiteInfo<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    editors: &'a [String],
    language: &'a str,
    publisher: Option<&'a str>,
    /// The description rendered from the user's Markdown (trusted HTML).
    description_html: String,
    /// Where the EPUB is, relative to the site's root (its first volume's
    /// when it has several).
    epub_href: String,
    /// Its volumes (one when it is not split).
    epub_volumes: Vec<crate::epub::volumes::VolumeLink>,
    article_count: usize,
    /// `[site] base-url`, ending in `/`, when set.
    base_url: Option<&'a str>,
    /// Which index pages exist (the masthead links only to those).
    has_authors: bool,
    has_sources: bool,
    has_categories: bool,
    /// Which annotation pages exist.
    has_glossary: bool,
    has_people: bool,
    has_organisations: bool,
    has_places: bool,
    /// Whether each article's citation files are under `cite/`.
    citation_files: bool,
}

impl<'a> SiteInfo<'a> {
    pub(crate) fn new(s: &'a Settings, description_html: String, article_count: usize) -> Self {
        Self::with_indexes(s, description_html, article_count, [false; 3])
    }

    /// As [`SiteInfo::new`], saying which of the author, source and
    /// category indexes the site has.
    pub(crate) fn with_indexes(
        s: &'a Settings,
        description_html: String,
        article_count: usize,
        [has_authors, has_sources, has_categories]: [bool; 3],
    ) -> Self {
        SiteInfo {
            title: &s.title,
            subtitle: s.subtitle.as_deref().filter(|t| !t.trim().is_empty()),
            editors: &s.editors,
            language: &s.language,
            publisher: s.publisher.as_deref().filter(|t| !t.trim().is_empty()),
            description_html,
            epub_href: format!("../{}", crate::epub::epub_path(s).display()).replace('\\', "/"),
            article_count,
            base_url: s.base_url.as_deref(),
            has_authors,
            has_sources,
            has_categories,
            has_glossary: false,
            has_people: false,
            has_organisations: false,
            has_places: false,
            citation_files: s.citation_files,
            epub_volumes: Vec::new(),
        }
    }

    /// The same facts, with the EPUB's volumes for the articles `articles`.
    pub(crate) fn with_volumes(
        mut self,
        s: &Settings,
        articles: &[crate::markdown::RenderedArticle],
    ) -> Self {
        self.epub_volumes = crate::epub::volumes::volume_links(s, articles);
        if let Some(first) = self.epub_volumes.first() {
            self.epub_href = first.href.clone();
        }
        self
    }

    /// The same facts, saying which annotation pages `d` has.
    pub(crate) fn with_annotations(mut self, d: &crate::markdown::Dossier) -> Self {
        use crate::annotate::EntityKind;
        let has = |kind| d.entities.iter().any(|e| e.kind == kind);
        self.has_glossary = !d.glossary.is_empty();
        self.has_people = has(EntityKind::Person);
        self.has_organisations = has(EntityKind::Organisation);
        self.has_places = has(EntityKind::Place);
        self
    }
}

/// One line of the index (`articles[]` in index.html), and of the author,
/// source, category and publication-year pages.
///
/// A page key sees it as its render's stamp and its display date when the
/// article has a stamp (every other field is the render's).
#[derive(Debug)]
pub(crate) struct IndexEntry<'a> {
    pub(crate) slug: &'a str,
    title: &'a str,
    lang: Option<&'a str>,
    authors: &'a [String],
    date: Option<&'a str>,
    date_display: Option<String>,
    source: Option<&'a str>,
    reading_minutes: u32,
    summary: &'a str,
    /// The render's key for index lines (not shown to templates).
    render: Option<MemoKey>,
}

impl<'a> IndexEntry<'a> {
    pub(crate) fn new(a: &'a RenderedArticle, site_language: &str) -> Self {
        let date = valid_date(&a.meta.date);
        IndexEntry {
            slug: &a.slug,
            title: &a.title,
            lang: a.lang.as_deref(),
            authors: &a.meta.authors,
            date,
            date_display: date.map(|d| display_date(d, site_language)),
            source: non_empty(&a.meta.source),
            reading_minutes: a.reading_minutes,
            summary: &a.summary,
            render: a.render_stamp.body_key("index-entry"),
        }
    }
}

impl Serialize for IndexEntry<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // A full pattern, so a field added to the entry does not compile
        // until it is shown and put on one side of the key or the other.
        let IndexEntry {
            // The render's (the stamp's inputs).
            slug,
            title,
            lang,
            authors,
            date,
            source,
            reading_minutes,
            summary,
            // Made with the site's language.
            date_display,
            render,
        } = self;
        if let Some(render) = render
            && crate::memo::is_fingerprinting(&serializer)
        {
            return (render, date_display).serialize(serializer);
        }
        let mut s = serializer.serialize_struct("IndexEntry", 9)?;
        s.serialize_field("slug", slug)?;
        s.serialize_field("title", title)?;
        s.serialize_field("lang", lang)?;
        s.serialize_field("authors", authors)?;
        s.serialize_field("date", date)?;
        s.serialize_field("date_display", date_display)?;
        s.serialize_field("source", source)?;
        s.serialize_field("reading_minutes", reading_minutes)?;
        s.serialize_field("summary", summary)?;
        s.end()
    }
}

/// A neighbouring article (`prev`/`next`).
#[derive(Debug, Serialize)]
pub(crate) struct Link<'a> {
    slug: &'a str,
    title: &'a str,
}

impl<'a> Link<'a> {
    pub(crate) fn new(a: &'a RenderedArticle) -> Self {
        Link {
            slug: &a.slug,
            title: &a.title,
        }
    }
}

/// One article as templates see it (`article` in article.html and
/// epub/chapter.xhtml): its facts with empty values as `none`, and the body
/// for one profile.
///
/// A page key sees it as [`ViewKey`] when the article has a render stamp
/// (see its `Serialize`), the rest of it being made from the render.
#[derive(Debug)]
pub(crate) struct ArticleView<'a> {
    /// What a page key hashes instead of the view's render-made fields:
    /// the render's key for this profile (not shown to templates).
    render: Option<MemoKey>,
    /// The site's language, which the display dates are made with.
    site_language: &'a str,
    fields: ViewFields<'a>,
}

/// The view's fields, as templates see them.
#[derive(Debug, Serialize)]
struct ViewFields<'a> {
    slug: &'a str,
    title: &'a str,
    lang: Option<&'a str>,
    authors: &'a [String],
    author_bio: &'a [String],
    date: Option<&'a str>,
    date_display: Option<String>,
    source: Option<&'a str>,
    site: Option<&'a str>,
    /// Only `http(s)` addresses, so a sidecar cannot smuggle in a script link.
    url: Option<&'a str>,
    categories: &'a [String],
    word_count: usize,
    reading_minutes: u32,
    summary: &'a str,
    /// Keyed once per build where several pages show it (see
    /// [`crate::memo::Hashed`]). The render's body is borrowed unread: a
    /// page found unchanged by its key never makes an EPUB body from its
    /// site body.
    body: Hashed<Cow<'a, Body>>,
    /// Put before every id and `#` link of the body and notes, so that many
    /// articles can share a page (print.html); `""` elsewhere.
    id_prefix: String,
    footnotes: &'a [RenderedFootnote],
    toc: &'a [TocEntry],
    provenance: &'a [Removed],
    /// Where each metadata field came from.
    origins: &'a [Origin],
    editor_notes: &'a [EditorNote],
    related: &'a [RelatedLink],
    /// The names it mentions, by kind (only kinds with names).
    mentions: Vec<MentionGroup<'a>>,
    /// The dates of its events, linked to the timeline.
    dates: Vec<super::annotations::DateLink>,
    citation: &'a Citation,
}

/// The names of one kind an article mentions.
#[derive(Debug, Serialize)]
struct MentionGroup<'a> {
    /// The index page, without extension.
    index: &'static str,
    /// "People", "Organisations", "Places".
    label: &'static str,
    names: Vec<&'a MentionLink>,
}

fn mention_groups(mentions: &[MentionLink]) -> Vec<MentionGroup<'_>> {
    [
        ("people", "People"),
        ("organisations", "Organisations"),
        ("places", "Places"),
    ]
    .into_iter()
    .map(|(index, label)| MentionGroup {
        index,
        label,
        names: mentions.iter().filter(|m| m.index == index).collect(),
    })
    .filter(|g| !g.names.is_empty())
    .collect()
}

impl<'a> ArticleView<'a> {
    pub(crate) fn new(a: &'a RenderedArticle, profile: Profile, site_language: &'a str) -> Self {
        let m = &a.meta;
        let date = valid_date(&m.date);
        let url = non_empty(&m.url).filter(|u| {
            let lower = u.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        });
        let fields = ViewFields {
            slug: &a.slug,
            title: &a.title,
            lang: a.lang.as_deref(),
            authors: &m.authors,
            author_bio: &m.author_bio,
            date,
            date_display: date.map(|d| display_date(d, site_language)),
            source: non_empty(&m.source),
            site: non_empty(&m.site),
            url,
            categories: &m.categories,
            word_count: m.word_count,
            reading_minutes: a.reading_minutes,
            summary: &a.summary,
            body: Hashed::identified_by(
                Cow::Borrowed(a.body(profile)),
                a.render_stamp.body_key(profile_name(profile)),
            ),
            id_prefix: String::new(),
            footnotes: &a.footnotes,
            toc: &a.toc,
            provenance: &a.provenance,
            origins: &m.origins,
            editor_notes: &a.editor_notes,
            related: &a.related,
            mentions: mention_groups(&a.mentions),
            dates: super::annotations::date_links(a, site_language),
            citation: &a.citation,
        };
        ArticleView {
            render: a
                .render_stamp
                .body_key(&format!("view:{}", profile_name(profile))),
            site_language,
            fields,
        }
    }
}

/// What a page key hashes for an [`ArticleView`] of a stamped article:
/// the render's key, and every field the render did not make. Built with
/// a full pattern of the view's fields, so a field added to the view does
/// not compile until it is put on one side or the other.
#[derive(Serialize)]
struct ViewKey<'v> {
    render: &'v MemoKey,
    site_language: &'v str,
    id_prefix: &'v str,
    related: &'v [RelatedLink],
    mentions: &'v [MentionGroup<'v>],
    dates: &'v [super::annotations::DateLink],
}

impl Serialize for ArticleView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(render) = &self.render else {
            return self.fields.serialize(serializer);
        };
        if !crate::memo::is_fingerprinting(&serializer) {
            return self.fields.serialize(serializer);
        }
        let ViewFields {
            // Made by the render (the stamp's inputs) and the site's
            // language, from the article's facts.
            slug: _,
            title: _,
            lang: _,
            authors: _,
            author_bio: _,
            date: _,
            date_display: _,
            source: _,
            site: _,
            url: _,
            categories: _,
            word_count: _,
            reading_minutes: _,
            summary: _,
            body: _,
            footnotes: _,
            toc: _,
            provenance: _,
            origins: _,
            editor_notes: _,
            citation: _,
            // Not the render's: linked on every build, or the page's.
            id_prefix,
            related,
            mentions,
            dates,
        } = &self.fields;
        ViewKey {
            render,
            site_language: self.site_language,
            id_prefix,
            related,
            mentions,
            dates,
        }
        .serialize(serializer)
    }
}

impl ArticleView<'_> {
    /// The same view with `key`, which must be [`body_key`] of its
    /// article for its profile, so page keys hash the key instead of the
    /// body (`None` leaves the view as it is).
    pub(crate) fn with_body_key(mut self, key: Option<MemoKey>) -> Self {
        if key.is_some() {
            self.fields.body = Hashed::identified_by(self.fields.body.into_inner(), key);
        }
        self
    }

    /// The same view with its dates linked to the pages of the timeline
    /// that hold them.
    pub(crate) fn with_date_pages(mut self, pages: &super::annotations::DatePages) -> Self {
        super::annotations::set_date_pages(&mut self.fields.dates, pages);
        self
    }

    /// The same view with every id and fragment link of the body prefixed
    /// by `prefix`. The body is HTML that markdown.rs built, in which text
    /// has its quotes escaped, so `id="` and `href="#` only occur in tags.
    pub(crate) fn with_id_prefix(mut self, prefix: &str) -> Self {
        self.fields.body = Hashed::unkeyed(Cow::Owned(Body::from(
            self.fields
                .body
                .get()
                .replace("id=\"", &format!("id=\"{prefix}"))
                .replace("href=\"#", &format!("href=\"#{prefix}")),
        )));
        self.fields.id_prefix = prefix.to_string();
        self
    }
}

/// The key pages hash for `a`'s body for `profile`: made from its render
/// stamp when it has one (no hashing of the body), else the body's own
/// key.
pub(crate) fn body_key(a: &RenderedArticle, profile: Profile) -> Option<MemoKey> {
    a.render_stamp
        .body_key(profile_name(profile))
        .or_else(|| key_of(a.body(profile)))
}

fn profile_name(profile: Profile) -> &'static str {
    match profile {
        Profile::Site => "site",
        Profile::Epub => "epub",
    }
}

pub(crate) fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// The date if it is a real `YYYY-MM-DD` day (`<time datetime>` must be).
pub(crate) fn valid_date(date: &str) -> Option<&str> {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|_| date)
}

/// "5 March 2024" for English dossiers; other languages keep the ISO date,
/// which every reader can parse, rather than English month names.
pub(crate) fn display_date(iso: &str, language: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let english = language == "en" || language.starts_with("en-");
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) if english => {
            use chrono::Datelike;
            format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
        }
        _ => iso.to_string(),
    }
}

//! The dossier assembled: articles put in reading order, annotated
//! together, rendered one by one, then linked to each other (related
//! articles, the names they mention, the glossary's uses of each term).

use rayon::prelude::*;
use serde::Serialize;

use super::{Dossier, RenderMemo, RenderedArticle, clean_text, render_annotated};
use crate::annotate::block_memo::BlockMemo;
use crate::annotate::cite::{self, CiteFacts, Styled};
use crate::annotate::dates::When;
use crate::annotate::glossary::Glossary;
use crate::annotate::text_memo::TextMemo;
use crate::annotate::{self, EntityKind, Place};
use crate::extract::{Article, Meta};

/// Another article of the dossier, linked from an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedLink {
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Whether it is the same text published again.
    pub near_duplicate: bool,
    /// How much of the text the two share, in percent.
    pub similarity: u8,
    /// The names, terms and dates they share.
    pub shared: Vec<String>,
    /// In an EPUB split into volumes: the other volume it is in.
    pub volume: Option<usize>,
}

/// A person, organisation or place an article mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionLink {
    /// The entity's id in its index page.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The index page that lists it, without extension (`people`, …).
    pub index: &'static str,
    /// [`letter_key`] of its first letter: the EPUB's index file for it.
    pub letter: String,
}

/// One glossary term and the articles that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedTerm {
    /// Its id (`g-…`).
    pub id: String,
    /// The term.
    pub term: String,
    /// Its other forms.
    pub variants: Vec<String>,
    /// The explanation as HTML.
    pub html: String,
    /// Every article that mentions it, with the anchor of the first mention.
    pub uses: Vec<TermUse>,
}

/// An article's first mention of a glossary term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermUse {
    /// The article's slug.
    pub slug: String,
    /// The article's title.
    pub title: String,
    /// The article's 1-based place in the reading order (its chapter number).
    pub number: usize,
    /// The id of the block with the first mention.
    pub anchor: String,
}

/// How to cite an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Chicago bibliography entry.
    pub chicago: Styled,
    /// APA reference.
    pub apa: Styled,
    /// BibTeX entry.
    pub bibtex: String,
    /// CSL-JSON item, pretty-printed.
    pub csl_json: String,
}

impl Citation {
    /// The citation of the article with `slug` and (cleaned) `meta`.
    pub fn new(slug: &str, meta: &Meta) -> Citation {
        let facts = CiteFacts {
            key: slug,
            title: meta.display_title(),
            authors: &meta.authors,
            date: &meta.date,
            source: &meta.source,
            site: &meta.site,
            url: &meta.url,
            language: &meta.language,
        };
        Citation {
            chicago: cite::chicago(&facts),
            apa: cite::apa(&facts),
            bibtex: cite::bibtex(&facts),
            csl_json: serde_json::to_string_pretty(&cite::csl_json(&facts))
                .expect("JSON values serialize"),
        }
    }
}

/// The index page of a kind of entity, without extension.
pub fn index_page(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "people",
        EntityKind::Organisation => "organisations",
        EntityKind::Place => "places",
    }
}

/// The upper-case first letter of a name (`""` for an empty one), under
/// which an index lists it.
pub fn first_letter(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

/// A file-name-safe key for an index letter: `a` for A, `0-9` for digits,
/// `u41f` for П (any other character by its code point), `other` for none.
pub fn letter_key(letter: &str) -> String {
    match letter.chars().next() {
        None => "other".into(),
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_lowercase().to_string(),
        Some(c) if c.is_ascii_digit() => "0-9".into(),
        Some(c) => format!("u{:x}", u32::from(c)),
    }
}

/// Sorts articles the way the dossier shows them: by date (undated last),
/// then title, then slug.
pub fn reading_order(articles: &mut [Article]) {
    articles.sort_by_cached_key(|a| {
        (
            a.meta.date.is_empty(),
            clean_text(&a.meta.date).into_owned(),
            clean_text(a.meta.display_title()).into_owned(),
            a.slug.clone(),
        )
    });
}

impl Dossier {
    /// Puts already rendered `articles` in reading order, without
    /// annotations.
    pub fn new(mut articles: Vec<RenderedArticle>) -> Self {
        articles.sort_by(|a, b| {
            let key = |r: &RenderedArticle| (r.meta.date.is_empty(), r.meta.date.clone());
            key(a)
                .cmp(&key(b))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        Dossier {
            articles,
            ..Dossier::default()
        }
    }

    /// Annotates and renders `articles` with an empty glossary.
    pub fn from_articles(articles: &[Article]) -> Self {
        Self::annotated(
            articles.to_vec(),
            &Glossary::default(),
            5,
            &TextMemo::empty(),
            &BlockMemo::empty(),
            None,
            &|| {},
        )
    }

    /// Puts `articles` in reading order, annotates them with `glossary`
    /// (at most `max_related` related articles each), renders them in
    /// parallel (taking unchanged renders from `memo`, calling `rendered`
    /// after each) and links them together. What a previous build found
    /// comparing texts comes from `text_memo`, and reading blocks from
    /// `block_memo`.
    pub fn annotated(
        mut articles: Vec<Article>,
        glossary: &Glossary,
        max_related: usize,
        text_memo: &TextMemo,
        block_memo: &BlockMemo,
        memo: Option<&RenderMemo>,
        rendered: &(dyn Fn() + Sync),
    ) -> Self {
        reading_order(&mut articles);
        let notes =
            annotate::annotate_with(&articles, glossary, max_related, text_memo, block_memo);
        let mut pages: Vec<RenderedArticle> = articles
            .par_iter()
            .zip(&notes.articles)
            .enumerate()
            .map(|(i, (article, found))| {
                let page = match memo {
                    Some(memo) => memo.render(i, article, &found.glossary, glossary),
                    None => render_annotated(article, &found.glossary, glossary),
                };
                rendered();
                page
            })
            .collect();
        let _freeing = crate::drop_in_background(articles);

        let link = |i: usize| (pages[i].slug.clone(), pages[i].title.clone());
        // Each article's links depend only on the annotations and the
        // other pages' slugs and titles: made on every core.
        let links: Vec<ArticleLinks> = notes
            .articles
            .par_iter()
            .map(|found| {
                let related = found
                    .related
                    .iter()
                    .filter(|r| r.article < pages.len())
                    .map(|r| {
                        let (slug, title) = link(r.article);
                        RelatedLink {
                            slug,
                            title,
                            near_duplicate: r.near_duplicate,
                            similarity: r.similarity,
                            shared: r.shared.clone(),
                            volume: None,
                        }
                    })
                    .collect();
                let mentions = found
                    .entities
                    .iter()
                    .filter_map(|&e| notes.entities.get(e))
                    .map(|e| MentionLink {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        index: index_page(e.kind),
                        letter: letter_key(&first_letter(&e.name)),
                    })
                    .collect();
                let mut seen = std::collections::BTreeSet::new();
                let event_dates = found
                    .events
                    .iter()
                    .map(|e| e.when)
                    .filter(|w| seen.insert(*w))
                    .collect();
                ArticleLinks {
                    related,
                    mentions,
                    event_dates,
                }
            })
            .collect();
        let mut uses: Vec<Vec<TermUse>> = vec![Vec::new(); glossary.terms.len()];
        for (i, found) in notes.articles.iter().enumerate() {
            for hit in &found.glossary {
                let (slug, title) = link(i);
                uses[hit.term].push(TermUse {
                    slug,
                    title,
                    number: i + 1,
                    anchor: pages[i].anchor(hit.place),
                });
            }
        }
        pages.par_iter_mut().zip(links).for_each(|(page, links)| {
            page.related = links.related;
            page.mentions = links.mentions;
            page.event_dates = links.event_dates;
        });
        let glossary = glossary
            .terms
            .iter()
            .zip(uses)
            .filter(|(_, uses)| !uses.is_empty())
            .map(|(term, uses)| RenderedTerm {
                id: term.id.clone(),
                term: term.term.clone(),
                variants: term.variants.clone(),
                html: super::render_markdown(&term.note),
                uses,
            })
            .collect();
        Dossier {
            articles: pages,
            glossary,
            entities: notes.entities,
            timeline: notes.timeline,
        }
    }
}

/// What links an article to the rest of the dossier, made in
/// [`Dossier::annotated`] once every article is rendered.
struct ArticleLinks {
    related: Vec<RelatedLink>,
    mentions: Vec<MentionLink>,
    event_dates: Vec<When>,
}

impl RenderedArticle {
    /// The id of the block at `place` (its article is assumed to be this one).
    pub fn anchor(&self, place: Place) -> String {
        self.anchors
            .get(place.block)
            .cloned()
            .unwrap_or_else(|| super::block_anchor(place.block))
    }
}

//! `[Article]` → [`Annotations`]: the editor's layer over the whole dossier.
//!
//! Once every article is cleaned, this stage reads them together and finds
//! what a reader of a dossier wants beside the text:
//!
//! - [`glossary`]: the user's `glossary.toml` terms, and each article's first
//!   mention of each (rendered as an editor's note);
//! - [`entities`]: people, organisations and places, with name variants
//!   merged ("Shinzo Abe", "Mr. Abe", "Abe");
//! - [`dates`] and [`timeline`]: dated events the text mentions, with the
//!   sentence they come from;
//! - [`related`]: articles that share people, terms or events, and
//!   republished or near-duplicate articles;
//! - [`cite`]: citations (Chicago, APA, BibTeX, CSL-JSON) from the metadata.
//!
//! Everything here is pure and works through indexes (term → articles,
//! entity → mentions), never by comparing every pair of articles.

pub mod block_memo;
pub mod cite;
pub mod dates;
pub mod distinct;
pub mod entities;
pub mod glossary;
pub mod related;
mod sorted_sets;
pub mod text_memo;
pub mod timeline;

use serde::Serialize;

/// A place in the dossier: one body block of one article.
///
/// `article` is the article's index in dossier order; `block` the index in
/// its `body`. Renderers turn it into a link to the paragraph's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    /// Index of the article in dossier order.
    pub article: usize,
    /// Index of the block in the article's body.
    pub block: usize,
}

/// The kind of a named thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, ministry, party, institute, forum, ...
    Organisation,
    /// A country, city, region, island, ...
    Place,
}

/// One article's body, as the annotators read it.
#[derive(Debug, Clone, Copy)]
pub struct ArticleText<'a> {
    /// The article's language (BCP 47), for date and name patterns.
    pub language: &'a str,
    /// The text of each body block, in order (headings included).
    pub blocks: &'a [&'a str],
}

use std::collections::BTreeSet;

use rayon::prelude::*;

use self::block_memo::BlockMemo;
use self::dates::When;
use self::distinct::DistinctBlocks;
use self::entities::{Entity, Seed};
use self::glossary::{Glossary, GlossaryHit};
use self::related::Related;
use self::text_memo::TextMemo;
use self::timeline::{Event, TimelineEntry};
use crate::extract::Article;

/// What the annotators found in the whole dossier.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotations {
    /// Per article, in the order of the articles given to [`annotate`].
    pub articles: Vec<ArticleAnnotations>,
    /// People, organisations and places, sorted by kind, then name.
    pub entities: Vec<Entity>,
    /// Dated events of all articles, earliest first.
    pub timeline: Vec<TimelineEntry>,
}

/// What the annotators found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleAnnotations {
    /// The glossary terms it mentions, by first mention.
    pub glossary: Vec<GlossaryHit>,
    /// Indexes in [`Annotations::entities`] of the entities it mentions.
    pub entities: Vec<usize>,
    /// Its dated events, in text order.
    pub events: Vec<Event>,
    /// Other articles of the dossier that share people, terms or events
    /// with it, or repeat its text.
    pub related: Vec<Related>,
}

/// Annotates `articles` (in the order they will be shown) with `glossary`,
/// listing at most `max_related` related articles for each.
pub fn annotate(articles: &[Article], glossary: &Glossary, max_related: usize) -> Annotations {
    annotate_with(
        articles,
        glossary,
        max_related,
        &TextMemo::empty(),
        &BlockMemo::empty(),
    )
}

/// [`annotate`], taking what a previous build found comparing texts from
/// `memo`, and reading blocks from `blocks_memo`, and recording what it
/// finds in both.
pub fn annotate_with(
    articles: &[Article],
    glossary: &Glossary,
    max_related: usize,
    memo: &TextMemo,
    blocks_memo: &BlockMemo,
) -> Annotations {
    let blocks: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.body.iter().map(|b| b.text.as_str()).collect())
        .collect();
    let texts: Vec<ArticleText<'_>> = articles
        .iter()
        .zip(&blocks)
        .map(|(a, blocks)| ArticleText {
            language: &a.meta.language,
            blocks,
        })
        .collect();

    let hits: Vec<Vec<GlossaryHit>> = texts
        .par_iter()
        .enumerate()
        .map(|(i, text)| glossary.mentions(text, i))
        .collect();
    let seeds: Vec<Seed> = glossary
        .terms
        .iter()
        .filter_map(|t| {
            Some(Seed {
                name: t.term.clone(),
                variants: t.variants.clone(),
                kind: t.kind?,
            })
        })
        .collect();
    // Names, dates and the comparison of texts (for near duplicates) need
    // nothing from one another, and each has a serial part (building its
    // index, sorting its samples): side by side, the others fill the cores
    // while one is in its serial part.
    let distinct = DistinctBlocks::new(&texts);
    let ((entities, events), same_text) = rayon::join(
        || {
            rayon::join(
                || entities::find_entities_in(&distinct, &seeds, blocks_memo),
                || timeline::events_in(&distinct, blocks_memo),
            )
        },
        || (max_related > 0).then(|| related::SameText::find(&distinct, articles.len(), memo)),
    );
    let mut per_article_entities = vec![BTreeSet::new(); articles.len()];
    for (index, entity) in entities.iter().enumerate() {
        for place in &entity.places {
            if let Some(set) = per_article_entities.get_mut(place.article) {
                set.insert(index);
            }
        }
    }
    // The timeline (a sort of every event) is made beside the related lists.
    let (timeline, related) = rayon::join(
        || timeline::timeline(&events),
        || {
            // What relates two articles: the people and terms they name
            // and the days their events happened (a year alone relates
            // too much).
            let features: Vec<Vec<String>> = (0..articles.len())
                .into_par_iter()
                .map(|i| {
                    let mut labels: BTreeSet<String> = per_article_entities[i]
                        .iter()
                        .map(|&e| entities[e].name.clone())
                        .collect();
                    labels.extend(hits[i].iter().map(|h| glossary.terms[h.term].term.clone()));
                    labels.extend(
                        events[i]
                            .iter()
                            .filter(|e| e.when.from.day.is_some())
                            .map(|e| event_label(&e.when)),
                    );
                    labels.into_iter().collect()
                })
                .collect();
            match &same_text {
                Some(same) => related::related(&features, same, max_related),
                None => vec![Vec::new(); articles.len()],
            }
        },
    );

    let articles = hits
        .into_iter()
        .zip(per_article_entities)
        .zip(events)
        .zip(related)
        .map(
            |(((glossary, entities), events), related)| ArticleAnnotations {
                glossary,
                entities: entities.into_iter().collect(),
                events,
                related,
            },
        )
        .collect();
    Annotations {
        articles,
        entities,
        timeline,
    }
}

/// How a shared event date is named in "also in this dossier".
fn event_label(when: &When) -> String {
    when.iso()
}

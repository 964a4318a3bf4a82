//! The values the annotation pages see (glossary, people, organisations,
//! places, the timeline of events), shared by the site and the EPUB: each
//! link is an article slug and a block anchor; the caller makes the href.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::annotate::EntityKind;
use crate::annotate::dates::{PartialDate, When};
use crate::markdown::{Dossier, RenderedArticle, index_page};

/// One entity index page: people, organisations or places.
#[derive(Debug, Serialize)]
pub(crate) struct NameIndex<'a> {
    /// The page's file name without extension (`people`).
    pub(crate) page: &'static str,
    /// Its title ("People").
    pub(crate) title: &'static str,
    /// The names, sorted.
    pub(crate) entries: Vec<NameEntry<'a>>,
}

/// One name of an index and where it is mentioned.
#[derive(Debug, Serialize)]
pub(crate) struct NameEntry<'a> {
    id: &'a str,
    name: &'a str,
    variants: &'a [String],
    /// The first letter, for the index's letter headings.
    letter: String,
    articles: Vec<ArticlePlaces<'a>>,
}

/// An article and the blocks of it that mention something.
#[derive(Debug, Serialize)]
pub(crate) struct ArticlePlaces<'a> {
    slug: &'a str,
    title: &'a str,
    /// The anchors of the blocks, with their 1-based paragraph numbers.
    places: Vec<PlaceLink>,
}

#[derive(Debug, Serialize)]
struct PlaceLink {
    anchor: String,
    number: usize,
}

/// The three name indexes, each only when it has entries.
pub(crate) fn name_indexes(d: &Dossier) -> Vec<NameIndex<'_>> {
    let kinds = [
        (EntityKind::Person, "People"),
        (EntityKind::Organisation, "Organisations"),
        (EntityKind::Place, "Places"),
    ];
    kinds
        .into_iter()
        .map(|(kind, title)| NameIndex {
            page: index_page(kind),
            title,
            entries: d
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| NameEntry {
                    id: &e.id,
                    name: &e.name,
                    variants: &e.variants,
                    letter: e
                        .name
                        .chars()
                        .next()
                        .map(|c| c.to_uppercase().collect())
                        .unwrap_or_default(),
                    articles: group_places(d, e.places.iter().map(|p| (p.article, p.block))),
                })
                .collect(),
        })
        .filter(|index| !index.entries.is_empty())
        .collect()
}

/// Groups (article, block) pairs by article, in dossier order.
fn group_places(
    d: &Dossier,
    places: impl Iterator<Item = (usize, usize)>,
) -> Vec<ArticlePlaces<'_>> {
    let mut by_article: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (article, block) in places {
        let blocks = by_article.entry(article).or_default();
        if !blocks.contains(&block) {
            blocks.push(block);
        }
    }
    by_article
        .into_iter()
        .filter_map(|(i, blocks)| {
            let a = d.articles.get(i)?;
            Some(ArticlePlaces {
                slug: &a.slug,
                title: &a.title,
                places: blocks
                    .into_iter()
                    .map(|b| PlaceLink {
                        anchor: anchor(a, b),
                        number: b + 1,
                    })
                    .collect(),
            })
        })
        .collect()
}

fn anchor(a: &RenderedArticle, block: usize) -> String {
    a.anchor(crate::annotate::Place { article: 0, block })
}

/// One year of the events timeline.
#[derive(Debug, Serialize)]
pub(crate) struct EventYear<'a> {
    year: i32,
    dates: Vec<EventDate<'a>>,
}

/// One date of the timeline and what the articles say of it.
#[derive(Debug, Serialize)]
struct EventDate<'a> {
    /// The date's id on the timeline page ([`date_id`]).
    id: String,
    /// ISO 8601 date or interval, for `<time datetime>` when it is one.
    iso: String,
    /// Whether `iso` is a valid `datetime` value (a single date is; an
    /// interval is not).
    is_datetime: bool,
    display: String,
    events: Vec<EventView<'a>>,
}

#[derive(Debug, Serialize)]
struct EventView<'a> {
    slug: &'a str,
    title: &'a str,
    anchor: String,
    sentence: &'a str,
}

/// The dossier's dated events by year, for the timeline page.
pub(crate) fn event_years<'a>(d: &'a Dossier, language: &str) -> Vec<EventYear<'a>> {
    let mut years: Vec<EventYear<'a>> = Vec::new();
    for entry in &d.timeline {
        let events: Vec<EventView<'a>> = entry
            .events
            .iter()
            .filter_map(|e| {
                let a = d.articles.get(e.place.article)?;
                Some(EventView {
                    slug: &a.slug,
                    title: &a.title,
                    anchor: anchor(a, e.place.block),
                    sentence: &e.sentence,
                })
            })
            .collect();
        if events.is_empty() {
            continue;
        }
        let date = EventDate {
            id: date_id(&entry.when),
            iso: entry.when.iso(),
            is_datetime: entry.when.to.is_none(),
            display: display_when(&entry.when, language),
            events,
        };
        let year = entry.when.from.year;
        match years.last_mut() {
            Some(y) if y.year == year => y.dates.push(date),
            _ => years.push(EventYear {
                year,
                dates: vec![date],
            }),
        }
    }
    years
}

/// A date of an article's events, linked to the timeline.
#[derive(Debug, Serialize)]
pub(crate) struct DateLink {
    id: String,
    display: String,
}

/// The article's event dates as links to the timeline's entries.
pub(crate) fn date_links(a: &RenderedArticle, language: &str) -> Vec<DateLink> {
    a.event_dates
        .iter()
        .map(|w| DateLink {
            id: date_id(w),
            display: display_when(w, language),
        })
        .collect()
}

/// The id of a date's entry on the timeline: `t-2018-05-25`, a range as
/// `t-2018-05-25_2018-05-26`.
pub(crate) fn date_id(when: &When) -> String {
    format!("t-{}", when.iso().replace('/', "_"))
}

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

/// "25–26 May 2018", "November 2014", "1956" in English dossiers; the ISO
/// form in others (as for publication dates).
pub(crate) fn display_when(when: &When, language: &str) -> String {
    let english = language == "en" || language.starts_with("en-");
    if !english {
        return when.iso().replace('/', " – ");
    }
    let Some(to) = when.to else {
        return display_partial(&when.from);
    };
    let from = when.from;
    let same_month = from.year == to.year && from.month == to.month && from.month.is_some();
    match (from.day, to.day) {
        (Some(d1), Some(d2)) if same_month => {
            format!(
                "{d1}–{d2} {}",
                display_partial(&PartialDate { day: None, ..to })
            )
        }
        _ => format!("{} – {}", display_partial(&from), display_partial(&to)),
    }
}

fn display_partial(date: &PartialDate) -> String {
    let month = date
        .month
        .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
    match (date.day, month) {
        (Some(day), Some(month)) => format!("{day} {month} {}", date.year),
        (None, Some(month)) => format!("{month} {}", date.year),
        _ => date.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    // Ranges in one month share it; other ranges spell both ends; other
    // languages get ISO dates rather than English month names.
    #[test]
    fn displays_dates_and_ranges() {
        let range = When {
            from: day(2018, 5, 25),
            to: Some(day(2018, 5, 26)),
        };
        assert_eq!(display_when(&range, "en"), "25–26 May 2018");
        let month = When {
            from: PartialDate {
                year: 2014,
                month: Some(11),
                day: None,
            },
            to: None,
        };
        assert_eq!(display_when(&month, "en-GB"), "November 2014");
        let across = When {
            from: day(2016, 12, 30),
            to: Some(day(2017, 1, 2)),
        };
        assert_eq!(
            display_when(&across, "en"),
            "30 December 2016 – 2 January 2017"
        );
        assert_eq!(display_when(&range, "ru"), "2018-05-25 – 2018-05-26");
    }
}

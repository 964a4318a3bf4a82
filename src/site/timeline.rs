//! The site's timeline: `timeline.html` lists the years, each with how many
//! events and publications it has, and links to `timeline/<year>.html`, the
//! year's events and the articles published in it. No page of it holds the
//! whole dossier.

use std::collections::BTreeMap;

use serde::Serialize;

use super::annotations::{DatePart, EventDate, EventYear, dates_on_page};
use super::groups::Year;
use super::paging::{PER_PAGE, chunk, page_count};
use super::views::IndexEntry;

/// The file name (without `.html`) of the page of undated articles.
pub(crate) const UNDATED: &str = "undated";

/// One year of the timeline (`year` in year.html).
#[derive(Debug, Serialize)]
pub(crate) struct YearPage<'a> {
    /// The year; none for the articles without a publication date.
    pub(crate) year: Option<i32>,
    /// Its page's file name without extension: the year, or `undated`.
    pub(crate) key: String,
    /// The year as shown: "2018", or "Undated".
    pub(crate) title: String,
    /// Whether it is a year (false for the undated articles).
    dated: bool,
    /// The dates of the year's events, oldest first.
    pub(crate) dates: Vec<EventDate<'a>>,
    /// How many events `dates` hold.
    pub(crate) events: usize,
    /// The articles published in the year, in reading order.
    pub(crate) articles: Vec<IndexEntry<'a>>,
}

/// One page of a year (`year` in year.html): the year's facts and this
/// page's run of its events and of its articles (see [`super::paging`]).
#[derive(Debug, Serialize)]
pub(crate) struct YearPart<'p, 'a> {
    year: Option<i32>,
    key: &'p str,
    title: &'p str,
    dated: bool,
    /// This page's events, by date.
    dates: Vec<DatePart<'p, 'a>>,
    /// How many events the whole year has.
    events: usize,
    /// The 1-based positions of this page's first and last event in the
    /// year.
    first_event: usize,
    last_event: usize,
    /// This page's articles published in the year, in reading order.
    articles: &'p [IndexEntry<'a>],
    /// How many articles were published in the whole year.
    published: usize,
    /// The 1-based positions of this page's first and last article among
    /// them.
    first_article: usize,
    last_article: usize,
}

impl<'a> YearPage<'a> {
    /// How many pages the year takes: its events and its articles are
    /// paged side by side, so page `n` holds the `n`th run of each.
    pub(crate) fn pages(&self) -> usize {
        page_count(self.events).max(page_count(self.articles.len()))
    }

    /// Page `number` (1-based) of the year.
    pub(crate) fn part(&self, number: usize) -> YearPart<'_, 'a> {
        let first = (number - 1) * PER_PAGE + 1;
        let dates = dates_on_page(&self.dates, number);
        let events = dates.iter().map(DatePart::len).sum::<usize>();
        let articles = chunk(&self.articles, number);
        YearPart {
            year: self.year,
            key: &self.key,
            title: &self.title,
            dated: self.dated,
            dates,
            events: self.events,
            first_event: first,
            last_event: first + events - 1,
            articles,
            published: self.articles.len(),
            first_article: first,
            last_article: first + articles.len() - 1,
        }
    }
}

/// One line of the timeline's index (`years[]` in timeline.html).
#[derive(Debug, Serialize)]
pub(crate) struct YearLine<'a> {
    year: Option<i32>,
    key: &'a str,
    title: &'a str,
    events: usize,
    published: usize,
}

impl YearPage<'_> {
    pub(crate) fn line(&self) -> YearLine<'_> {
        YearLine {
            year: self.year,
            key: &self.key,
            title: &self.title,
            events: self.events,
            published: self.articles.len(),
        }
    }
}

/// The years of `events` and of `published` together, oldest first, the
/// undated articles last. Every event has a year (a date is at least one).
pub(crate) fn year_pages<'a>(
    events: Vec<EventYear<'a>>,
    published: Vec<Year<'a>>,
) -> Vec<YearPage<'a>> {
    // Keyed so that undated (`true`) sorts after every year.
    let mut years: BTreeMap<(bool, i32), YearPage<'a>> = BTreeMap::new();
    for y in events {
        let p = page(&mut years, Some(y.year));
        p.events += y.count;
        p.dates.extend(y.dates);
    }
    for y in published {
        let year = y.year.and_then(|y| y.parse::<i32>().ok());
        page(&mut years, year).articles.extend(y.articles);
    }
    years.into_values().collect()
}

/// The page of `year` in `years`, made empty when missing.
fn page<'m, 'a>(
    years: &'m mut BTreeMap<(bool, i32), YearPage<'a>>,
    year: Option<i32>,
) -> &'m mut YearPage<'a> {
    years
        .entry((year.is_none(), year.unwrap_or(0)))
        .or_insert_with(|| YearPage {
            year,
            key: year.map_or_else(|| UNDATED.to_string(), |y| y.to_string()),
            title: year.map_or_else(|| "Undated".to_string(), |y| y.to_string()),
            dated: year.is_some(),
            dates: Vec::new(),
            events: 0,
            articles: Vec::new(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{annotations, groups};
    use crate::testdata;

    // Every event and every article is on exactly one year's page, and
    // the years are in order with the undated last.
    #[test]
    fn every_event_and_article_on_one_year_page() {
        let d = testdata::dossier();
        let events = annotations::event_years(&d, "en");
        let total_events: usize = events.iter().map(|y| y.count).sum();
        let pages = year_pages(events, groups::timeline(&d.articles, "en"));
        let articles: usize = pages.iter().map(|p| p.articles.len()).sum();
        assert_eq!(articles, d.articles.len());
        assert_eq!(pages.iter().map(|p| p.events).sum::<usize>(), total_events);
        let keys: Vec<(bool, i32)> = pages
            .iter()
            .map(|p| (p.year.is_none(), p.year.unwrap_or(0)))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted);
        if let Some(last) = pages.last().filter(|p| p.year.is_none()) {
            assert_eq!(last.key, UNDATED);
        }
    }
}

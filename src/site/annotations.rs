//! The values the annotation pages see (glossary, people, organisations,
//! places, the timeline of events), shared by the site and the EPUB: each
//! link is an article slug and a block anchor; the caller makes the href.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::paging::{PER_PAGE, page_count, page_name, page_of};
use crate::annotate::EntityKind;
use crate::annotate::dates::{PartialDate, When};
use crate::annotate::entities::Entity;
use crate::markdown::{
    Dossier, RenderedArticle, RenderedTerm, first_letter, index_page, letter_key,
};
use crate::memo::{Hashed, MemoKey, is_fingerprinting, key_of};

/// One entity index page: people, organisations or places. It lists the
/// names by letter and how many articles mention each; what each article
/// says is on the name's own page ([`NamePage`]), so the index grows with
/// the number of names, not with the number of mentions.
#[derive(Debug, Serialize)]
pub(crate) struct NameIndex<'a> {
    /// The page's file name without extension (`people`).
    pub(crate) page: &'static str,
    /// Its title ("People").
    pub(crate) title: &'static str,
    /// How many names it has.
    pub(crate) count: usize,
    /// The names by first letter, sorted.
    pub(crate) letters: Vec<NameLetter<'a>>,
}

/// The names of an index that start with one letter.
#[derive(Debug, Serialize)]
pub(crate) struct NameLetter<'a> {
    /// The letter as shown ("A", "П").
    pub(crate) letter: String,
    /// [`letter_key`] of it, for ids and file names.
    pub(crate) key: String,
    pub(crate) entries: Vec<NameEntry<'a>>,
}

/// One name of an index and how many articles mention it.
#[derive(Debug, Serialize)]
pub(crate) struct NameEntry<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) variants: &'a [String],
    /// How many articles mention it.
    pub(crate) count: usize,
    /// The entity, for its own page (not given to templates).
    #[serde(skip)]
    pub(crate) entity: &'a Entity,
}

/// One page of a name's own pages (`name` in name.html): the name and
/// this page's run of the articles that mention it (see [`super::paging`]).
#[derive(Debug, Serialize)]
pub(crate) struct NamePage<'p, 'a> {
    id: &'a str,
    name: &'a str,
    variants: &'a [String],
    /// The index it belongs to, without extension (`people`), and its title.
    index: &'static str,
    index_title: &'static str,
    /// How many articles mention it, on all its pages.
    count: usize,
    /// The 1-based positions of this page's first and last article among
    /// them.
    first: usize,
    last: usize,
    articles: &'p [ArticlePlaces<'a>],
}

/// An article and the blocks of it that mention something.
#[derive(Debug)]
pub(crate) struct ArticlePlaces<'a> {
    pub(crate) slug: &'a str,
    pub(crate) title: &'a str,
    /// Its 1-based place in the reading order (the EPUB's chapter number).
    pub(crate) number: usize,
    /// The anchors of the blocks, with their 1-based paragraph numbers.
    pub(crate) places: Vec<PlaceLink<'a>>,
    /// [`link_key`] of the article, when known: what a page key hashes
    /// for slug, title, number and the anchors of the places (a name's
    /// pages list thousands of articles and places).
    link: Option<MemoKey>,
}

/// The key of what [`ArticlePlaces`] shows of article `a` besides its
/// block numbers (`index` is its place in the dossier, from 0): slug,
/// title, number, and its anchors, which with a block's number decide
/// that place's anchor ([`anchor_ref`]).
pub(crate) fn link_key(a: &RenderedArticle, index: usize) -> Option<MemoKey> {
    key_of(&(a.slug.as_str(), a.title.as_str(), index + 1, &a.anchors))
}

/// Places as a page key sees them when their article's [`link_key`] is
/// known: their block numbers.
struct PlaceNumbers<'p>(&'p [PlaceLink<'p>]);

impl Serialize for PlaceNumbers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|p| p.number))
    }
}

impl Serialize for ArticlePlaces<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.link.is_some() && is_fingerprinting(&serializer) {
            let link = Hashed::identified_by((), self.link);
            let mut s = serializer.serialize_struct("ArticlePlaces", 2)?;
            s.serialize_field("link", &link)?;
            s.serialize_field("blocks", &PlaceNumbers(&self.places))?;
            return s.end();
        }
        let mut s = serializer.serialize_struct("ArticlePlaces", 4)?;
        s.serialize_field("slug", self.slug)?;
        s.serialize_field("title", self.title)?;
        s.serialize_field("number", &self.number)?;
        s.serialize_field("places", &self.places)?;
        s.end()
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct PlaceLink<'a> {
    pub(crate) anchor: Cow<'a, str>,
    number: usize,
}

const NAME_KINDS: [(EntityKind, &str); 3] = [
    (EntityKind::Person, "People"),
    (EntityKind::Organisation, "Organisations"),
    (EntityKind::Place, "Places"),
];

/// The three name indexes, each only when it has entries.
pub(crate) fn name_indexes(d: &Dossier) -> Vec<NameIndex<'_>> {
    NAME_KINDS
        .into_iter()
        .map(|(kind, title)| {
            let mut letters: Vec<NameLetter<'_>> = Vec::new();
            let mut count = 0;
            for e in d.entities.iter().filter(|e| e.kind == kind) {
                count += 1;
                let entry = NameEntry {
                    id: &e.id,
                    name: &e.name,
                    variants: &e.variants,
                    count: article_count(e.places.iter().map(|p| p.article)),
                    entity: e,
                };
                let mut letter = first_letter(&e.name);
                let key = letter_key(&letter);
                if key == "0-9" {
                    letter = "0–9".into();
                }
                // Names are sorted, so a letter's names follow each other;
                // letters that share a key ("ß" upper-cases to "SS") share a group.
                match letters.iter_mut().rev().find(|l| l.key == key) {
                    Some(group) => group.entries.push(entry),
                    None => letters.push(NameLetter {
                        letter,
                        key,
                        entries: vec![entry],
                    }),
                }
            }
            NameIndex {
                page: index_page(kind),
                title,
                count,
                letters,
            }
        })
        .filter(|index| index.count > 0)
        .collect()
}

impl<'a> NameIndex<'a> {
    /// Page `number` (1-based) of the entry `e` of this index, showing
    /// `articles`: that page's run of [`NameEntry::articles`].
    pub(crate) fn name_page<'p>(
        &self,
        e: &NameEntry<'a>,
        all: &'p [ArticlePlaces<'a>],
        number: usize,
    ) -> NamePage<'p, 'a> {
        NamePage {
            id: e.id,
            name: e.name,
            variants: e.variants,
            index: self.page,
            index_title: self.title,
            count: all.len(),
            first: (number - 1) * PER_PAGE + 1,
            last: (number - 1) * PER_PAGE + super::paging::chunk(all, number).len(),
            articles: super::paging::chunk(all, number),
        }
    }
}

impl<'a> NameEntry<'a> {
    /// Every article that mentions the name, with the blocks, in order,
    /// each with its [`link_key`] from `links` (by place in the dossier)
    /// where that has one.
    pub(crate) fn articles_keyed(
        &self,
        d: &'a Dossier,
        links: &[Option<MemoKey>],
    ) -> Vec<ArticlePlaces<'a>> {
        let mut all = group_places(d, self.entity.places.iter().map(|p| (p.article, p.block)));
        for a in &mut all {
            a.link = links.get(a.number - 1).copied().flatten();
        }
        all
    }
}

/// The number of distinct articles among `articles` (given in order).
fn article_count(articles: impl Iterator<Item = usize>) -> usize {
    let mut last = None;
    let mut n = 0;
    for a in articles {
        if last != Some(a) {
            n += 1;
            last = Some(a);
        }
    }
    n
}

/// Groups (article, block) pairs by article, in dossier order, each block
/// once, in the order given. Run on every build for every name (whether
/// its pages are kept or not), so it allocates little: places come sorted
/// by article, and anchors are borrowed from the article.
pub(crate) fn group_places(
    d: &Dossier,
    places: impl Iterator<Item = (usize, usize)>,
) -> Vec<ArticlePlaces<'_>> {
    let mut places: Vec<(usize, usize)> = places.collect();
    if !places.is_sorted_by_key(|&(article, _)| article) {
        // Stable: a article's blocks keep their order.
        places.sort_by_key(|&(article, _)| article);
    }
    let mut groups: Vec<ArticlePlaces<'_>> = Vec::new();
    let mut current = None;
    // Whether the current group's blocks are in ascending order.
    let mut ascending = true;
    for (i, block) in places {
        let Some(a) = d.articles.get(i) else {
            continue;
        };
        if current != Some(i) {
            current = Some(i);
            groups.push(ArticlePlaces {
                slug: &a.slug,
                title: &a.title,
                number: i + 1,
                places: Vec::new(),
                link: None,
            });
            ascending = true;
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        // Blocks usually come in order: then a block past the last one is
        // new, and only others need looking for among the group's.
        let past_last = group.places.last().is_none_or(|p| p.number < block + 1);
        let new = (ascending && past_last) || !group.places.iter().any(|p| p.number == block + 1);
        if new {
            // Whether the group's blocks are still in ascending order.
            ascending &= past_last;
            group.places.push(PlaceLink {
                anchor: anchor_ref(a, block),
                number: block + 1,
            });
        }
    }
    groups
}

/// [`anchor`], borrowed from the article when it has it.
fn anchor_ref(a: &RenderedArticle, block: usize) -> Cow<'_, str> {
    match a.anchors.get(block) {
        Some(anchor) => Cow::Borrowed(anchor),
        None => Cow::Owned(anchor(a, block)),
    }
}

fn anchor(a: &RenderedArticle, block: usize) -> String {
    a.anchor(crate::annotate::Place { article: 0, block })
}

/// One glossary term on the glossary page (`terms[]` in glossary.html): its
/// note and how many articles use it; the uses are on the term's own page.
#[derive(Debug, Serialize)]
pub(crate) struct TermLine<'a> {
    id: &'a str,
    term: &'a str,
    variants: &'a [String],
    /// The explanation as HTML.
    html: &'a str,
    /// How many articles use it.
    count: usize,
    /// Its page's file name under `glossary/`, without extension.
    pub(crate) page: String,
}

/// The glossary page's lines, one per term.
pub(crate) fn term_lines(terms: &[RenderedTerm]) -> Vec<TermLine<'_>> {
    terms
        .iter()
        .map(|t| TermLine {
            id: &t.id,
            term: &t.term,
            variants: &t.variants,
            html: &t.html,
            count: t.uses.len(),
            page: term_page(&t.id),
        })
        .collect()
}

/// A term's page name: its id when that is plain ASCII, else `g-` and a
/// short hash of it (ids keep the term's script; file names should not).
pub(crate) fn term_page(id: &str) -> String {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return id.to_string();
    }
    let digest = Sha256::digest(id.as_bytes());
    let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    format!("g-{hex}")
}

/// One year of the events timeline.
#[derive(Debug, Serialize)]
pub(crate) struct EventYear<'a> {
    pub(crate) year: i32,
    /// How many events `dates` hold.
    pub(crate) count: usize,
    pub(crate) dates: Vec<EventDate<'a>>,
}

/// One date of the timeline and what the articles say of it.
#[derive(Debug, Serialize)]
pub(crate) struct EventDate<'a> {
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
pub(crate) struct EventView<'a> {
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
        let count = date.events.len();
        match years.last_mut() {
            Some(y) if y.year == year => {
                y.count += count;
                y.dates.push(date);
            }
            _ => years.push(EventYear {
                year,
                count,
                dates: vec![date],
            }),
        }
    }
    years
}

/// The part of a date's events that falls on one page of its year
/// (`year.dates[]` in year.html and epub/events-year.xhtml).
#[derive(Debug, Serialize)]
pub(crate) struct DatePart<'p, 'a> {
    id: &'p str,
    iso: &'p str,
    is_datetime: bool,
    display: &'p str,
    /// Whether the date's first events are on an earlier page.
    continued: bool,
    events: &'p [EventView<'a>],
}

impl DatePart<'_, '_> {
    /// How many events of the date are on the page.
    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }
}

/// The events of `dates` (a year's, in order) that fall on page `number`
/// of the year, by date (see [`super::paging`]).
pub(crate) fn dates_on_page<'p, 'a>(
    dates: &'p [EventDate<'a>],
    number: usize,
) -> Vec<DatePart<'p, 'a>> {
    let start = number.saturating_sub(1) * PER_PAGE;
    let end = start + PER_PAGE;
    let mut parts = Vec::new();
    let mut offset = 0;
    for d in dates {
        if offset >= end {
            break;
        }
        let len = d.events.len();
        let (from, to) = (start.max(offset), end.min(offset + len));
        if from < to {
            parts.push(DatePart {
                id: &d.id,
                iso: &d.iso,
                is_datetime: d.is_datetime,
                display: &d.display,
                continued: from > offset,
                events: &d.events[from - offset..to - offset],
            });
        }
        offset += len;
    }
    parts
}

impl<'a> EventYear<'a> {
    /// Page `number` of the year, for the EPUB's timeline
    /// (`year` in epub/events-year.xhtml).
    pub(crate) fn part(&self, number: usize) -> EventYearPart<'_, 'a> {
        let dates = dates_on_page(&self.dates, number);
        let first = (number - 1) * PER_PAGE + 1;
        EventYearPart {
            year: self.year,
            count: self.count,
            first,
            last: first + dates.iter().map(DatePart::len).sum::<usize>() - 1,
            dates,
        }
    }

    /// How many pages the year's events take.
    pub(crate) fn pages(&self) -> usize {
        page_count(self.count)
    }
}

/// A page of a year of the EPUB's timeline.
#[derive(Debug, Serialize)]
pub(crate) struct EventYearPart<'p, 'a> {
    year: i32,
    /// How many events the whole year has.
    count: usize,
    /// The 1-based positions of this page's first and last event in the
    /// year.
    first: usize,
    last: usize,
    dates: Vec<DatePart<'p, 'a>>,
}

/// Which page of its year each date of the timeline starts on, by date id:
/// the page's file name without extension (`2018`, `2018.2`), the same on
/// the site (`timeline/`) and in the EPUB (`events-`).
#[derive(Debug, Default)]
pub(crate) struct DatePages(BTreeMap<String, String>);

impl DatePages {
    /// The pages of `years`' dates.
    pub(crate) fn new(years: &[EventYear<'_>]) -> Self {
        let mut pages = BTreeMap::new();
        for y in years {
            let key = y.year.to_string();
            let mut offset = 0;
            for d in &y.dates {
                pages.insert(d.id.clone(), page_name(&key, page_of(offset)));
                offset += d.events.len();
            }
        }
        DatePages(pages)
    }
}

/// A date of an article's events, linked to the timeline.
#[derive(Debug, Serialize)]
pub(crate) struct DateLink {
    id: String,
    /// The year whose timeline pages hold the date.
    year: i32,
    /// The page of the year that holds it, without extension (the year,
    /// or `<year>.<n>` when its events take more than one page).
    page: String,
    display: String,
}

/// Points each of `links` at the page of its year that holds it.
pub(crate) fn set_date_pages(links: &mut [DateLink], pages: &DatePages) {
    for l in links {
        if let Some(page) = pages.0.get(&l.id) {
            l.page.clone_from(page);
        }
    }
}

/// The article's event dates as links to the timeline's entries.
pub(crate) fn date_links(a: &RenderedArticle, language: &str) -> Vec<DateLink> {
    a.event_dates
        .iter()
        .map(|w| DateLink {
            id: date_id(w),
            year: w.from.year,
            page: w.from.year.to_string(),
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

    // Letters get file-safe keys; names sharing a key share a group.
    #[test]
    fn letter_keys_are_file_safe() {
        assert_eq!(letter_key(&first_letter("abe")), "a");
        assert_eq!(letter_key(&first_letter("Путин")), "u41f");
        assert_eq!(letter_key(&first_letter("1956 Declaration")), "0-9");
        assert_eq!(letter_key(&first_letter("")), "other");
        assert_eq!(letter_key(&first_letter("ßtraße")), "s");
    }

    // Term pages: plain ids as they are, others hashed, stable.
    #[test]
    fn term_pages_are_file_safe() {
        assert_eq!(term_page("g-kuril-islands"), "g-kuril-islands");
        let ru = term_page("g-курилы");
        assert!(ru.starts_with("g-") && ru.len() == 12, "{ru}");
        assert_eq!(ru, term_page("g-курилы"));
    }

    // Places are grouped by article in dossier order, each block once in
    // the order given, whatever order the articles come in.
    #[test]
    fn groups_places_by_article() {
        let d = crate::testdata::dossier();
        let groups = group_places(&d, [(1, 4), (0, 2), (1, 0), (0, 2), (9999, 0)].into_iter());
        let got: Vec<(usize, Vec<usize>)> = groups
            .iter()
            .map(|g| (g.number, g.places.iter().map(|p| p.number).collect()))
            .collect();
        assert_eq!(got, [(1, vec![3]), (2, vec![5, 1])]);
        let repeated = group_places(
            &d,
            [
                (0, 1),
                (0, 1),
                (0, 3),
                (0, 2),
                (0, 3),
                (0, 1),
                (0, 4),
                (1, 2),
                (1, 2),
            ]
            .into_iter(),
        );
        let got: Vec<Vec<usize>> = repeated
            .iter()
            .map(|g| g.places.iter().map(|p| p.number).collect())
            .collect();
        assert_eq!(got, [vec![2, 4, 3, 5], vec![3]]);
        assert_eq!(groups[0].places[0].anchor, anchor(&d.articles[0], 2));
    }

    // A name page's key, with the articles' link keys made once, still
    // follows their titles, blocks and anchors; templates see the same
    // fields.
    #[test]
    fn keyed_places_follow_titles_and_blocks() {
        let mut d = crate::testdata::dossier();
        let key = |d: &Dossier, blocks: &[usize]| {
            let links: Vec<_> = d
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| link_key(a, i))
                .collect();
            let mut all = group_places(d, blocks.iter().map(|&b| (1, b)));
            for a in &mut all {
                a.link = links[a.number - 1];
            }
            (key_of(&all).unwrap(), serde_json::to_value(&all).unwrap())
        };
        let (base, json) = key(&d, &[0, 2]);
        assert_eq!(key(&d, &[0, 2]).0, base);
        assert_ne!(key(&d, &[0, 3]).0, base);
        assert_eq!(json[0]["title"], d.articles[1].title.as_str());
        assert_eq!(json[0]["number"], 2);
        assert!(json[0].get("link").is_none());
        let plain = group_places(&d, [(1, 0), (1, 2)].into_iter());
        assert_eq!(serde_json::to_value(&plain).unwrap(), json);
        d.articles[1].anchors[0].push('x');
        let (anchored, _) = key(&d, &[0, 2]);
        assert_ne!(anchored, base);
        d.articles[1].title.push('!');
        assert_ne!(key(&d, &[0, 2]).0, anchored);
    }

    // Every name of the test dossier is in one letter group of its index,
    // and its page lists each article that mentions it once.
    #[test]
    fn name_indexes_group_by_letter() {
        let d = crate::testdata::dossier();
        let indexes = name_indexes(&d);
        let names: usize = indexes.iter().map(|i| i.count).sum();
        assert_eq!(names, d.entities.len());
        for index in &indexes {
            let in_letters: usize = index.letters.iter().map(|l| l.entries.len()).sum();
            assert_eq!(in_letters, index.count);
            for l in &index.letters {
                for e in &l.entries {
                    let all = e.articles_keyed(&d, &[]);
                    assert_eq!(all.len(), e.count);
                    let page = index.name_page(e, &all, 1);
                    assert_eq!(page.count, e.count);
                    assert_eq!(
                        page.articles.len(),
                        e.count.min(super::super::paging::PER_PAGE)
                    );
                }
            }
        }
    }
}

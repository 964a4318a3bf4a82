//! Dated events: each sentence that mentions a date, with the date, merged
//! across articles into one ordered timeline.

use serde::Serialize;

use super::dates::When;
use super::{ArticleText, Place};

/// A sentence of an article that mentions a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The date the sentence mentions.
    pub when: When,
    /// The date phrase as written ("On May 25–26, 2018").
    pub phrase: String,
    /// The whole sentence the phrase is in.
    pub sentence: String,
    /// The block the sentence is in.
    pub place: Place,
}

/// One date of the timeline and what every article says happened then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// The date.
    pub when: When,
    /// The sentences that mention it, in dossier order.
    pub events: Vec<Event>,
}

/// The dated events of each article, in text order. `articles[i]` is the
/// article with index `i` in [`Place::article`].
pub fn events(articles: &[ArticleText<'_>]) -> Vec<Vec<Event>> {
    articles.iter().map(|_| Vec::new()).collect()
}

/// The events of all articles merged by date and ordered, earliest first.
pub fn timeline(per_article: &[Vec<Event>]) -> Vec<TimelineEntry> {
    let _ = per_article;
    Vec::new()
}

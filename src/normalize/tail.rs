//! Author bios and the tail: the lines after the last prose line, where
//! sites put credits, their own name and leftovers of widgets.

use super::dates::find_dates;
use super::names::{is_credentials, is_name, leading_author_name, same_person};
use super::rules::source_credit;
use super::text::{ends_sentence, words_at_most};
use super::{FactKind, Facts, Line, State, prose_runs};

/// Verbs and marks that follow a name at the start of a bio paragraph.
const BIO_CONTINUATIONS: &[&str] = &[
    " is ",
    " was ",
    " has ",
    " works ",
    " teaches ",
    ", ",
    " – ",
    " — ",
    " (",
    " является ",
    " è ",
    " est ",
    " ist ",
    " es ",
    " – ",
];

/// Reads author bios and the tail, marking what it recognises.
pub(super) fn parse_tail(lines: &mut [Line], facts: &mut Facts) {
    let Some((body_start, _, _)) = prose_runs(lines).next() else {
        return;
    };
    strip_bio_blocks(lines, facts, body_start);
    let authors = facts.values(FactKind::Author);

    let runs: Vec<_> = prose_runs(lines).collect();
    let Some((last_start, mut body_end, last_text)) = runs.last().cloned() else {
        return;
    };
    // A last paragraph that opens with the author's name is the author's bio.
    if runs.len() > 1
        && let Some(n) = leading_author_name(&last_text, &authors)
        && BIO_CONTINUATIONS
            .iter()
            .any(|c| last_text[n..].starts_with(c))
    {
        for line in &mut lines[last_start..=body_end] {
            line.remove("author-bio");
        }
        facts.add(FactKind::AuthorBio, last_text.clone(), lines[last_start].no);
        if let Some(src) = source_credit(&last_text) {
            facts.add(FactKind::Source, src, lines[last_start].no);
        }
        body_end = runs[runs.len() - 2].1;
    }

    let tail: Vec<usize> = (body_end + 1..lines.len())
        .filter(|&i| lines[i].is_open())
        .collect();
    let last_kept = tail.last().copied();
    for &i in &tail {
        let line = &mut lines[i];
        let t = line.text.clone();
        if is_name(&t) && authors.iter().any(|a| same_person(a, &t)) {
            line.remove("author-bio");
        } else if let Some((publisher, date)) = publisher_and_date(&t) {
            line.remove("source-credit");
            facts.add(FactKind::Source, publisher, line.no);
            facts.add(FactKind::CreditDate, date, line.no);
        } else if Some(i) == last_kept && is_site_name(&t) {
            line.remove("site-footer");
            facts.add(FactKind::Site, t, line.no);
        } else if line.state == State::Recurring {
            line.remove("site-recurring");
        } else if words_at_most(&t, 25) && !ends_sentence(&t) || words_at_most(&t, 6) {
            line.remove("tail-furniture");
        }
    }
}

/// A name line followed by a credentials line, below the body's start: the
/// author box sites print under an article.
fn strip_bio_blocks(lines: &mut [Line], facts: &mut Facts, body_start: usize) {
    let kept: Vec<usize> = (body_start..lines.len())
        .filter(|&i| lines[i].is_kept())
        .collect();
    for pair in kept.windows(2) {
        let (name_i, bio_i) = (pair[0], pair[1]);
        if lines[name_i].is_kept()
            && is_name(&lines[name_i].text)
            && is_credentials(&lines[bio_i].text)
        {
            let authors = facts.values(FactKind::Author);
            let name = lines[name_i].text.clone();
            if authors.is_empty() {
                facts.add(FactKind::Author, name.clone(), lines[name_i].no);
            }
            if authors.is_empty() || authors.iter().any(|a| same_person(a, &name)) {
                lines[name_i].remove("author-bio");
                lines[bio_i].remove("author-bio");
                facts.add(
                    FactKind::AuthorBio,
                    lines[bio_i].text.clone(),
                    lines[bio_i].no,
                );
            }
        }
    }
}

/// "RIAC 02 february 2015": a publisher's short name, then a date, alone on a line.
fn publisher_and_date(text: &str) -> Option<(String, String)> {
    let found = find_dates(text).into_iter().last()?;
    if !text[found.end..]
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .is_empty()
    {
        return None;
    }
    let publisher = text[..found.start]
        .trim()
        .trim_end_matches([',', '-', '–', '—', '|'])
        .trim();
    let words = publisher.split_whitespace().count();
    let named = publisher
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    ((1..=6).contains(&words) && named).then(|| (publisher.to_string(), found.iso()))
}

/// A site's name in its footer: a few capitalized words, no sentence.
fn is_site_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=8).contains(&words.len())
        && !ends_sentence(text)
        && words.iter().all(|w| {
            let c = w.chars().next().unwrap_or(' ');
            c.is_uppercase()
                || c.is_numeric()
                || matches!(
                    *w,
                    "of" | "for" | "and" | "the" | "de" | "du" | "des" | "der" | "für" | "и"
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_trailing_publisher_date() {
        assert_eq!(
            publisher_and_date("RIAC 02 february 2015"),
            Some(("RIAC".into(), "2015-02-02".into()))
        );
        assert_eq!(publisher_and_date("it ended on 02 february 2015"), None);
    }

    #[test]
    fn recognises_site_names() {
        assert!(is_site_name("Институт Дальнего Востока РАН"));
        assert!(is_site_name("Russian International Affairs Council"));
        assert!(!is_site_name("For students"));
    }
}

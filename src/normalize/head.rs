//! The head: lines above the first prose line. A title, a byline, the
//! author's credentials and a standfirst live here, among furniture.

use std::sync::LazyLock;

use regex::Regex;

use super::names::{is_credentials, name_list, split_name_and_credentials};
use super::text::{ends_open, ends_sentence, word_count};
use super::{FactKind, Facts, Line, State, prose_runs};

static BY_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:by|written by|author(?:'s name|s)?|author name|автор(?:ы| статьи)?|текст|par|auteur|von|autor(?:in)?|verfasser|por|autora)\b\s*:?\s*(?P<names>.*)$",
    )
    .expect("byline pattern is valid")
});

/// Reads the head, marking what it recognises and recording its facts.
pub(super) fn parse_head(lines: &mut [Line], facts: &mut Facts) {
    let body_start = prose_runs(lines).first().map_or(lines.len(), |run| run.0);
    let mut have_title = !facts.values(FactKind::Title).is_empty();
    let mut expect_name = false;
    let mut after_author = false;
    for line in lines[..body_start].iter_mut().filter(|l| l.is_open()) {
        let t = line.text.clone();
        if let Some(caps) = BY_LABEL.captures(&t) {
            let list = caps.name("names").map_or("", |m| m.as_str());
            if list.is_empty() {
                line.remove("byline");
                expect_name = true;
                continue;
            }
            if let Some(names) = name_list(list) {
                line.remove("byline");
                for name in names {
                    facts.add(FactKind::Author, name, line.no);
                }
                after_author = true;
                continue;
            }
        }
        // After a bare "By", the next short line is the byline whatever its shape
        // ("Staff Reporter", "Reuters").
        let after_by = expect_name && word_count(&t) <= 6 && !ends_sentence(&t);
        if let Some(names) = name_list(&t).or_else(|| after_by.then(|| vec![t.clone()])) {
            line.remove("byline");
            for name in names {
                facts.add(FactKind::Author, name, line.no);
            }
            expect_name = false;
            after_author = true;
            continue;
        }
        if let Some((name, credentials)) = split_name_and_credentials(&t) {
            line.remove("byline");
            facts.add(FactKind::Author, name, line.no);
            facts.add(FactKind::AuthorBio, credentials, line.no);
            after_author = true;
            continue;
        }
        if after_author && is_credentials(&t) {
            line.remove("author-bio");
            facts.add(FactKind::AuthorBio, t, line.no);
            continue;
        }
        if line.state == State::Recurring {
            line.remove("site-recurring");
            continue;
        }
        expect_name = false;
        if word_count(&t) > 20 {
            // Too long for a title, no sentence punctuation: a standfirst.
            line.state = State::Lead;
            continue;
        }
        // A title may ask or exclaim, but does not end like a statement or trail off.
        let title_shaped = !(ends_open(&t) || ends_sentence(&t) && !t.ends_with(['?', '!']));
        if !have_title && title_shaped {
            line.remove("title");
            facts.add(FactKind::Title, t, line.no);
            have_title = true;
            continue;
        }
        line.remove("head-furniture");
    }
}

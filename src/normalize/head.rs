//! The head: lines above the first prose line. A title, a byline, the
//! author's credentials and a standfirst live here, among furniture.

use super::dates::date_line;
use super::names::{BY_LABEL, is_byline, is_credentials, name_list, split_name_and_credentials};
use super::text::{ends_open, ends_sentence, word_count, words_at_least, words_at_most};
use super::{FactKind, Facts, Line, State, prose_runs};

/// Rules whose lines state when or by whom: a prose run followed by one of
/// these is a standfirst, not yet the body.
const META_RULES: &[&str] = &["byline", "dateline", "meta-line", "reading-time", "counter"];

/// Whether a line states who wrote the article or when.
fn is_meta_line(line: &Line) -> bool {
    match line.state {
        State::Removed(rule) => META_RULES.contains(&rule),
        State::Kept | State::Recurring => {
            let t = &line.text;
            is_byline(t) || date_line(t).is_some() || split_name_and_credentials(t).is_some()
        }
        _ => false,
    }
}

/// Where the body starts: the first prose run that no byline or date line
/// follows before the next one. Prose above it is a standfirst.
fn body_start(lines: &[Line]) -> usize {
    // The loop below looks at the first four runs at most.
    let runs: Vec<_> = prose_runs(lines).take(4).collect();
    let mut k = 0;
    while k + 1 < runs.len()
        && k < 3
        && lines[runs[k].1 + 1..runs[k + 1].0].iter().any(is_meta_line)
    {
        k += 1;
    }
    runs.get(k).map_or(lines.len(), |run| run.0)
}

/// How a head line was read in the first pass.
#[derive(Debug, Clone, PartialEq)]
enum HeadLine {
    /// A bare name line: a byline, or a section or site name.
    Name(Vec<String>),
    /// A line that could be the title.
    TitleCandidate,
}

/// Reads the head, marking what it recognises and recording its facts.
pub(super) fn parse_head(lines: &mut [Line], facts: &mut Facts) {
    let start = body_start(lines);
    // Runs come in order, so the first that reaches `start` ends the standfirst.
    let standfirst: Vec<usize> = prose_runs(lines)
        .take_while(|run| run.1 < start)
        .flat_map(|run| run.0..=run.1)
        .collect();
    for (i, line) in lines[..start]
        .iter_mut()
        .enumerate()
        .filter(|(_, l)| l.is_kept())
    {
        if !words_at_most(&line.text, 20) || standfirst.contains(&i) {
            // Prose above the byline, or too long for a title: a standfirst.
            line.state = State::Lead;
        }
    }
    let open: Vec<usize> = (0..start).filter(|&i| lines[i].is_open()).collect();
    let mut pending: Vec<(usize, HeadLine)> = Vec::new();
    let mut expect_name = false;
    let mut after_author = false;
    let mut labelled_byline = false;
    for &i in &open {
        let line = &mut lines[i];
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
                add_all(facts, FactKind::Author, names, line.no);
                after_author = true;
                labelled_byline = true;
                continue;
            }
        }
        // After a bare "By", the next short line is the byline whatever its
        // shape ("Staff Reporter").
        if expect_name && words_at_most(&t, 6) && !ends_sentence(&t) {
            line.remove("byline");
            add_all(
                facts,
                FactKind::Author,
                name_list(&t).unwrap_or_else(|| vec![t.clone()]),
                line.no,
            );
            expect_name = false;
            after_author = true;
            labelled_byline = true;
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
        expect_name = false;
        if line.state == State::Recurring {
            // A masthead: the same name line above every article of the site.
            if facts.values(FactKind::Site).is_empty() && is_masthead(&t) {
                facts.add(FactKind::Site, t, line.no);
            }
            line.remove("site-recurring");
            continue;
        }
        if line.state == State::Lead {
            continue;
        }
        if let Some(names) = name_list(&t) {
            pending.push((i, HeadLine::Name(names)));
            after_author = true;
            continue;
        }
        pending.push((i, HeadLine::TitleCandidate));
    }
    let head_end = lines.get(start).map_or(usize::MAX, |l| l.no);
    let title = choose_title(lines, &pending, facts, start, head_end);
    for (i, kind) in pending {
        let line = &mut lines[i];
        match kind {
            HeadLine::Name(names) => {
                // A bare name is a byline below the title, or when no title
                // follows it; above the title it is a section or site label.
                let title_after = title.is_some_and(|t| t > i);
                if !labelled_byline && !title_after {
                    line.remove("byline");
                    add_all(facts, FactKind::Author, names, line.no);
                } else {
                    line.remove("head-furniture");
                }
            }
            HeadLine::TitleCandidate if Some(i) == title => {
                line.remove("title");
                facts.add(FactKind::Title, line.text.clone(), line.no);
            }
            HeadLine::TitleCandidate => {
                // A heading-shaped line just above the body that is not the
                // title opens the text; anything else is furniture.
                let next_open = (i + 1..lines.len())
                    .find(|&j| !matches!(lines[j].state, State::Blank | State::Removed(_)));
                if next_open == Some(start)
                    && title.is_none_or(|t| t <= i)
                    && words_at_least(&lines[i].text, 3)
                {
                    continue;
                }
                lines[i].remove("head-furniture");
            }
        }
    }
}

fn add_all(facts: &mut Facts, kind: FactKind, values: Vec<String>, line: usize) {
    for value in values {
        facts.add(kind, value, line);
    }
}

/// A site's name as a masthead: a few capitalized words, no sentence.
fn is_masthead(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=8).contains(&words.len())
        && !ends_sentence(text)
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 2
            > words.len()
}

/// Picks the title among the head's candidate lines, by shape: a title has
/// several words, is not set in capitals, carries no issue numbers, and sits
/// near the byline. When the page repeats a title in its toolbar or
/// breadcrumb, only a line agreeing with it is the title.
fn choose_title(
    lines: &[Line],
    pending: &[(usize, HeadLine)],
    facts: &Facts,
    start: usize,
    head_end: usize,
) -> Option<usize> {
    if !facts.values(FactKind::Title).is_empty() {
        return None;
    }
    // Titles repeated in a toolbar or breadcrumb above the body.
    let repeated: Vec<String> = facts
        .0
        .iter()
        .filter(|f| {
            matches!(f.kind, FactKind::ToolbarTitle | FactKind::BreadcrumbTitle)
                && f.line < head_end
        })
        .map(|f| f.value.to_lowercase())
        .collect();
    let byline_lines: Vec<usize> = facts
        .0
        .iter()
        .filter(|f| matches!(f.kind, FactKind::Author | FactKind::Date))
        .map(|f| f.line)
        .collect();
    let score = |i: usize| -> Option<i64> {
        let t = &lines[i].text;
        let words = word_count(t) as i64;
        if ends_open(t) || ends_sentence(t) && !t.ends_with(['?', '!']) {
            return None;
        }
        if !repeated.is_empty() {
            let lower = t.to_lowercase();
            return repeated
                .iter()
                .any(|r| r.ends_with(&lower) || lower.ends_with(r.as_str()))
                .then_some(100);
        }
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
        let numbered =
            t.chars().any(|c| c.is_ascii_digit()) && t.contains(['|', '№']) || t.contains("No.");
        // Headlines are short and often in Title Case; a subtitle under them
        // is longer and reads as a sentence.
        let long_words: Vec<&str> = t
            .split_whitespace()
            .filter(|w| w.chars().count() >= 4)
            .collect();
        let title_case = !long_words.is_empty()
            && long_words
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count()
                * 10
                >= long_words.len() * 7;
        let mut score = words.min(8);
        if title_case {
            score += 5;
        }
        if words < 2 {
            score -= 6;
        }
        if capitals {
            score -= 8;
        }
        if numbered {
            score -= 8;
        }
        // Closeness to the byline or date: the title sits just above them.
        let no = lines[i].no;
        if byline_lines.iter().any(|&b| b > no && b - no <= 4) {
            score += 3;
        }
        Some(score)
    };
    pending
        .iter()
        .filter(|(i, kind)| *kind == HeadLine::TitleCandidate && *i < start)
        .filter_map(|&(i, _)| score(i).map(|s| (s, i)))
        .filter(|&(s, _)| s > 1)
        .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

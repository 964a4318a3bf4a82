//! Stage 2: [`RawDoc`] → [`CleanDoc`].
//!
//! Strips site furniture, keeps every sentence of the article, rebuilds
//! paragraphs and section headings, and folds pull quotes. Every removed line
//! is recorded with the rule that removed it. Lines that state the article's
//! facts (title, byline, date, credits) are handed on as [`Fact`]s; turning
//! them into metadata is the extract stage's job. Pure: no disk, no config.
//!
//! The passes, in order:
//! 1. fold whitespace; lines of only invisible characters are spacers;
//! 2. polls (a header and its questions, answers and counts);
//! 3. line rules (`rules/`): one furniture class each;
//! 4. end notes paired with `[n]` markers;
//! 5. the head: title, byline, credentials, standfirst, above the first prose;
//! 6. author bios and the tail: credits, site footer, leftovers after the last prose;
//! 7. paragraphs and headings, then pull quotes folded.

pub mod dates;
mod head;
pub mod line_memo;
mod markdown;
mod model;
pub mod names;
mod notes;
mod paragraphs;
mod pullquotes;
mod recurring;
pub mod rules;
mod tail;
pub mod text;

pub use line_memo::LineMemo;
pub use model::*;
pub use notes::markers as footnote_markers;
pub use recurring::{recurring_lines, recurring_lines_of, recurring_lines_with};

use std::collections::BTreeSet;

use crate::config::LinePatterns;
use crate::ingest::RawDoc;

/// What became of one source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Empty in the source.
    Blank,
    /// Article text.
    Kept,
    /// Article text set above the body (a standfirst).
    Lead,
    /// An end note, moved to the footnotes.
    Note,
    /// A line that recurs across the site's articles: furniture, unless the
    /// head or tail passes find a byline or credit in it.
    Recurring,
    /// Furniture, removed by the named rule.
    Removed(&'static str),
}

/// One source line and what the passes made of it.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based line number.
    no: usize,
    /// The line with whitespace folded.
    text: String,
    state: State,
    /// A user pattern says never to remove this line.
    protected: bool,
}

impl Line {
    fn is_kept(&self) -> bool {
        self.state == State::Kept
    }

    fn remove(&mut self, rule: &'static str) {
        self.state = State::Removed(rule);
    }

    /// Whether the head and tail passes may read this line: article text or
    /// a recurring line, and not protected by the user.
    fn is_open(&self) -> bool {
        matches!(self.state, State::Kept | State::Recurring) && !self.protected
    }
}

/// Runs of consecutive kept lines (no blank or removed line between) that
/// read as prose when joined: `(first index, last index, joined text)`, in
/// order. Lazy, so a pass that needs only the first runs reads only the
/// head of the article.
fn prose_runs(lines: &[Line]) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < lines.len() {
            if !lines[i].is_kept() {
                i += 1;
                continue;
            }
            let start = i;
            // A run ends at a blank or removed line, or after a heading-shaped
            // line with a new sentence under it (a title above its standfirst).
            while i + 1 < lines.len()
                && lines[i + 1].is_kept()
                && !(paragraphs::is_heading(&lines[i].text)
                    && text::starts_upper(&lines[i + 1].text))
                && !names::is_byline(&lines[i + 1].text)
                && dates::date_line(&lines[i + 1].text).is_none()
            {
                i += 1;
            }
            let end = i;
            i += 1;
            let joined = lines[start..=end]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if text::is_prose(&joined) {
                return Some((start, end, joined));
            }
        }
        None
    })
}

/// Facts found so far, with a helper to add them by line.
#[derive(Debug, Default)]
struct Facts(Vec<Fact>);

impl Facts {
    fn add(&mut self, kind: FactKind, value: impl Into<String>, line: usize) {
        let value = value.into();
        if !value.trim().is_empty() {
            self.0.push(Fact {
                kind,
                value: value.trim().to_string(),
                line,
            });
        }
    }

    fn values(&self, kind: FactKind) -> Vec<String> {
        self.0
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.value.clone())
            .collect()
    }
}

/// What normalization knows beyond the article itself.
#[derive(Debug, Clone, Default)]
pub struct Tuning<'a> {
    /// The user's line patterns that apply to this article (global, then its site's).
    pub patterns: Vec<&'a LinePatterns>,
    /// Lines that recur across this article's site (see [`recurring_lines`]).
    pub recurring: BTreeSet<String>,
}

/// Cleans one article.
pub fn clean(doc: &RawDoc, tuning: &Tuning<'_>) -> CleanDoc {
    if doc.format == crate::ingest::SourceFormat::Markdown {
        return markdown::markdown_blocks(doc);
    }
    let mut lines: Vec<Line> = doc
        .text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let text = text::fold_whitespace(raw);
            // Only ASCII space makes a blank line: a line of no-break spaces is
            // a spacer the site inserted, recorded like other furniture.
            let state = if raw.trim_matches([' ', '\t']).is_empty() {
                State::Blank
            } else if text.is_empty() {
                State::Removed("spacer-line")
            } else {
                State::Kept
            };
            let protected = tuning.patterns.iter().any(|p| p.keeps(&text));
            Line {
                no: i + 1,
                text,
                state,
                protected,
            }
        })
        .collect();
    let mut facts = Facts::default();

    for line in lines.iter_mut().filter(|l| l.is_kept()) {
        if tuning.patterns.iter().any(|p| p.drops(&line.text)) {
            line.remove("user-rule");
        }
    }
    strip_polls(&mut lines);
    for line in lines.iter_mut().filter(|l| l.is_kept() && !l.protected) {
        let hit = rules::match_line(&line.text);
        if hit.is_none() && tuning.recurring.contains(&line.text) {
            line.state = State::Recurring;
            continue;
        }
        if let Some(hit) = hit {
            line.remove(hit.rule);
            for (kind, value) in hit.facts {
                facts.add(kind, value, line.no);
            }
        }
    }
    extend_labelled_blocks(&mut lines, &mut facts);
    let notes = notes::take_end_notes(&mut lines);
    head::parse_head(&mut lines, &mut facts);
    tail::parse_tail(&mut lines, &mut facts);
    // After the head and tail passes, so a byline repeated in the bio box is read first.
    strip_repeated_lines(&mut lines);
    for line in lines.iter_mut().filter(|l| l.state == State::Recurring) {
        line.remove("site-recurring");
    }

    let mut blocks = paragraphs::build(&lines);
    if facts.values(FactKind::Date).is_empty()
        && let Some(first) = blocks.iter().find(|b| b.kind == BlockKind::Paragraph)
        && let Some(date) = dates::opening_dateline(&first.text)
    {
        facts.add(FactKind::Date, date.iso(), first.line);
    }
    let mut removed: Vec<Removed> = lines
        .iter()
        .filter_map(|l| match l.state {
            State::Removed(rule) => Some(Removed {
                line: l.no,
                text: l.text.clone(),
                rule,
            }),
            _ => None,
        })
        .collect();
    removed.extend(pullquotes::fold(&mut blocks));
    removed.sort_by_key(|r| r.line);

    CleanDoc {
        path: doc.path.clone(),
        blocks,
        notes,
        facts: facts.0,
        removed,
    }
}

/// Removes what a furniture label introduces: the list under "Most read",
/// the teaser under "Sponsored", the bio under "About the author".
fn extend_labelled_blocks(lines: &mut [Line], facts: &mut Facts) {
    let open = |l: &Line| matches!(l.state, State::Kept | State::Recurring) && !l.protected;
    for i in 0..lines.len() {
        let State::Removed(rule) = lines[i].state else {
            continue;
        };
        let Some(block) = rules::labelled_block(rule, &lines[i].text) else {
            continue;
        };
        let mut j = i + 1;
        if block != rules::LabelledBlock::List
            && lines.get(j).is_some_and(|l| l.state == State::Blank)
        {
            j += 1;
        }
        let run_end = (j..lines.len())
            .find(|&k| !open(&lines[k]))
            .unwrap_or(lines.len());
        if run_end == j {
            continue;
        }
        let short = |l: &Line| text::words_at_most(&l.text, 15) && !text::ends_sentence(&l.text);
        let take = match block {
            rules::LabelledBlock::List => (j..run_end).take_while(|&k| short(&lines[k])).count(),
            rules::LabelledBlock::Teaser if lines[j..run_end].iter().all(short) => run_end - j,
            rules::LabelledBlock::Teaser => 0,
            rules::LabelledBlock::Paragraph => run_end - j,
        };
        if take == 0 {
            continue;
        }
        if rule == "author-bio" {
            let bio = lines[j..j + take]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            facts.add(FactKind::AuthorBio, bio, lines[j].no);
        }
        for line in &mut lines[j..j + take] {
            line.remove(rule);
        }
    }
}

/// A short line printed twice or more in one article (a running header of a
/// converted PDF, a repeated widget) is furniture.
fn strip_repeated_lines(lines: &mut [Line]) {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for line in lines.iter().filter(|l| l.is_kept()) {
        *counts.entry(line.text.as_str()).or_default() += 1;
    }
    let repeated: BTreeSet<String> = counts
        .into_iter()
        .filter(|(text, n)| *n >= 2 && text::words_at_most(text, 12) && !text::ends_sentence(text))
        .map(|(text, _)| text.to_string())
        .collect();
    for line in lines
        .iter_mut()
        .filter(|l| l.is_kept() && !l.protected && repeated.contains(&l.text))
    {
        line.remove("repeated-line");
    }
}

/// Marks every poll block (header, questions, answers, counts) as removed.
fn strip_polls(lines: &mut [Line]) {
    // Find the blocks first (reading only the texts), then mark them: no
    // copy of every line's text is needed to read while marking.
    let mut blocks = Vec::new();
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_kept() && !lines[i].protected {
            if let Some(n) = rules::poll_block_len(&texts[i..]) {
                blocks.push(i..i + n);
                i += n;
                continue;
            }
        }
        i += 1;
    }
    for block in blocks {
        for line in &mut lines[block] {
            if line.is_kept() && !line.protected {
                line.remove("poll");
            }
        }
    }
}

#[cfg(test)]
mod tests;

//! Line rules: each recognises one class of site furniture on a single line,
//! by the words and shape sites use for it, never by this corpus's sentences.
//!
//! A rule sees one line (whitespace already folded) and answers with a
//! [`Hit`]: the rule's name for the provenance record, and any facts the line
//! states (a breadcrumb's last crumb is a title, a credit names a source).
//! Rules match whole lines or anchored labels, so an article sentence that
//! merely mentions printing, voting or sharing is kept.

mod counters;
mod credits;
mod dateline;
mod navigation;
mod poll;
mod related;
mod separators;
mod toolbar;
mod widgets;

use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

pub use credits::{copyright_site, photo_caption, source_credit};
pub use related::is_sponsored_label;

/// What a furniture label says about the lines under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelledBlock {
    /// A list of links ("Most read", "Mehr zum Thema"): the short lines right under it.
    List,
    /// A teaser ("Sponsored"): the next short run, past one blank line.
    Teaser,
    /// One paragraph ("About the author", "Cite this article"): the next run.
    Paragraph,
}

/// The block a removed label line introduces, if any.
pub fn labelled_block(rule: &str, line: &str) -> Option<LabelledBlock> {
    match rule {
        "related-link" if related::list_header(&line.into()).is_some() => Some(LabelledBlock::List),
        "advertising" if is_sponsored_label(line) => Some(LabelledBlock::Teaser),
        "author-bio" if credits::about_author(&line.into()).is_some() => {
            Some(LabelledBlock::Paragraph)
        }
        "citation" if !line.contains('(') => Some(LabelledBlock::Paragraph),
        "press-contact" => Some(LabelledBlock::Paragraph),
        _ => None,
    }
}
pub use poll::poll_block_len;

use super::FactKind;

/// What a rule found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The rule's name, recorded in the provenance.
    pub rule: &'static str,
    /// Facts the line states.
    pub facts: Vec<(FactKind, String)>,
}

impl Hit {
    /// A hit that states no fact.
    pub fn new(rule: &'static str) -> Self {
        Hit {
            rule,
            facts: Vec::new(),
        }
    }

    /// Adds a fact.
    pub fn with(mut self, kind: FactKind, value: impl Into<String>) -> Self {
        self.facts.push((kind, value.into()));
        self
    }
}

/// One line as the rules see it: its text, and the measures several rules
/// share, computed on first use and then reused by every later rule (a
/// line goes through thirty rules; its phrase key used to be rebuilt by
/// a dozen of them).
#[derive(Debug)]
pub struct LineView<'a> {
    /// The line, whitespace already folded.
    pub text: &'a str,
    key: OnceCell<String>,
    words: OnceCell<usize>,
}

impl<'a> LineView<'a> {
    /// A view of `text`; nothing is computed yet.
    pub fn new(text: &'a str) -> Self {
        LineView {
            text,
            key: OnceCell::new(),
            words: OnceCell::new(),
        }
    }

    /// [`phrase_key`] of the line.
    pub fn key(&self) -> &str {
        self.key.get_or_init(|| phrase_key(self.text))
    }

    /// How many whitespace-separated words the line has.
    pub fn words(&self) -> usize {
        *self
            .words
            .get_or_init(|| self.text.split_whitespace().count())
    }
}

impl<'a> From<&'a str> for LineView<'a> {
    fn from(text: &'a str) -> Self {
        LineView::new(text)
    }
}

/// A rule over one line.
pub type LineRule = fn(&LineView<'_>) -> Option<Hit>;

/// Every line rule, tried in order; the first that matches names the line.
/// More specific rules come first (a breadcrumb before a toolbar line).
pub const LINE_RULES: &[LineRule] = &[
    separators::separator,
    navigation::menu,
    navigation::breadcrumb,
    navigation::prev_next,
    widgets::rating,
    widgets::share,
    widgets::comments,
    widgets::subscribe,
    widgets::cookie,
    related::related_link,
    related::list_header,
    dateline::last_updated,
    dateline::submitted_by,
    dateline::translator,
    dateline::meta_line,
    dateline::dated_byline,
    dateline::dateline,
    dateline::tag_line,
    counters::counter,
    counters::pagination,
    counters::advert,
    counters::link_like,
    credits::citation,
    credits::about_author,
    credits::about_publisher,
    credits::press_contact,
    credits::copyright,
    credits::photo_credit,
    credits::source_credit_line,
    toolbar::toolbar,
];

/// The first rule that recognises `line`.
pub fn match_line(line: &str) -> Option<Hit> {
    // Every rule bounds the length of what it matches (the longest, a photo
    // caption, at 60 words); a long paragraph skips them all. Most of a
    // corpus's text is such paragraphs, so this is where cleaning saves time.
    if line.len() > 1200 {
        return None;
    }
    let words = line.split_whitespace().take(MAX_RULE_WORDS + 1).count();
    if words > MAX_RULE_WORDS {
        return None;
    }
    // Counted whole here, so the rules need not count again.
    let view = LineView {
        words: OnceCell::from(words),
        ..LineView::new(line)
    };
    LINE_RULES.iter().find_map(|rule| rule(&view))
}

/// The most words any line rule matches (see `photo_caption`).
const MAX_RULE_WORDS: usize = 60;

/// `text` lowercased with punctuation turned to spaces and runs of spaces
/// folded: the form phrase lists are compared against.
pub fn phrase_key(text: &str) -> String {
    // Every line goes through several rules that each ask for this key, so
    // it is hot: ASCII takes a fast path, and a separating space is written
    // only when another word follows (no trim and copy at the end).
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let word = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !word {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Compiles a case-insensitive pattern that is known to be valid.
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?} is invalid: {e}"))
}

/// A lazily compiled built-in pattern.
type Pattern = LazyLock<Regex>;

/// The leftmost match of `pattern` in `line` whose named runs are at most
/// so many characters long (`bounds`).
///
/// Rules bound their runs here rather than in their patterns: a bounded
/// repeat of a Unicode class (`[\p{L} ]{1,40}`) makes an automaton that
/// takes tens of milliseconds to build and that the fast engines refuse.
/// The pattern's runs must be lazy, or unable to overlap what follows
/// them, so that the match from a start has its runs as short as any match
/// from there: when they are too long, no match from there fits, and the
/// next start is tried.
fn fitting_match<'h>(
    pattern: &Regex,
    line: &'h str,
    bounds: &[(&str, usize)],
) -> Option<regex::Captures<'h>> {
    let mut from = 0;
    loop {
        let caps = pattern.captures_at(line, from)?;
        let start = caps.get(0)?.start();
        let fits = bounds.iter().all(|&(name, max)| {
            caps.name(name)
                .is_none_or(|m| m.as_str().chars().count() <= max)
        });
        if fits {
            return Some(caps);
        }
        from = start + line[start..].chars().next()?.len_utf8();
    }
}

/// Asserts that a rule rewritten without bounded runs (`new`) answers as
/// the pattern it replaced (`old`) on every line, and that more than
/// `each` lines get an answer and more than `each` get none.
#[cfg(test)]
fn assert_same_answers<'l, T: PartialEq + std::fmt::Debug>(
    lines: &'l [String],
    each: usize,
    new: impl Fn(&'l str) -> Option<T>,
    old: impl Fn(&'l str) -> Option<T>,
) {
    let mut answered = 0;
    for line in lines {
        let expected = old(line);
        answered += usize::from(expected.is_some());
        assert_eq!(new(line), expected, "{line:?}");
    }
    assert!(
        answered > each && answered < lines.len() - each,
        "{answered} of {}",
        lines.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    // The fast path gives what the plain definition gives: lowercase the
    // letters and digits, one space between runs of them.
    #[test]
    fn phrase_key_matches_plain_definition() {
        fn plain(text: &str) -> String {
            let mut out = String::new();
            for c in text.chars() {
                if c.is_alphanumeric() {
                    out.extend(c.to_lowercase());
                } else if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            out.trim().to_string()
        }
        for text in [
            "",
            "  --  ",
            "Главная arrow Publications arrow Economy",
            "İstanbul — ÉTÉ 2019! naïve\u{301} x",
            "a--b__c  d\u{a0}e",
            "(votes: 2, rating: 5)",
            "ΣΊΣΥΦΟΣ 東京 ＡＢＣ",
        ] {
            assert_eq!(phrase_key(text), plain(text), "{text:?}");
        }
    }

    // A line view gives the same key and word count as computing them
    // directly, and computes each once.
    #[test]
    fn line_view_shares_measures() {
        let text = "  Rate THIS — article!  Оцените ";
        let view = LineView::new(text);
        assert_eq!(view.key(), phrase_key(text));
        assert!(std::ptr::eq(view.key(), view.key()));
        assert_eq!(view.words(), 5);
    }

    #[test]
    fn phrase_key_folds_case_and_punctuation() {
        assert_eq!(phrase_key("  Rate THIS — article! "), "rate this article");
        assert_eq!(phrase_key("(votes: 2, rating: 5)"), "votes 2 rating 5");
    }

    // Ordinary prose passes through every rule untouched.
    #[test]
    fn keeps_ordinary_sentences() {
        for s in [
            "Russo-Japanese relations are clearly on hold.",
            "The newspaper refused to print the story, and readers voted with their feet.",
            "Readers may share this view, but the comments of officials suggest otherwise.",
            "Building a dialogue in politics and security",
            "Japan’s Ukrainian principles",
        ] {
            assert_eq!(match_line(s), None, "{s}");
        }
    }
}

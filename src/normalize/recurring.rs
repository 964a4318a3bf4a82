//! Corpus-level evidence: a line that recurs across many articles of one
//! site is that site's furniture, whatever its words.
//!
//! Articles are grouped by site fingerprint: two articles are from the same
//! site when they share a distinctive line near their head or tail (a
//! menu, a footer, a byline block). Within a group, a line found in at least
//! half the articles (and at least two) is furniture. Long prose lines are
//! never counted: a paragraph shared by two articles is a republication, not
//! furniture, and no sentence of an article may be lost.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::line_memo::LineMemo;
use super::text::{fold_whitespace, is_blank, is_prose, word_count_up_to, words_at_least};

/// How many non-blank lines from each end of an article form its fingerprint.
const EDGE_LINES: usize = 12;
/// Longest line, in words, that can count as recurring furniture.
const MAX_WORDS: usize = 30;

/// For each text (in order), the lines that recur across its site's articles.
pub fn recurring_lines(texts: &[&str]) -> Vec<BTreeSet<String>> {
    recurring_lines_with(texts, &LineMemo::empty())
}

/// [`recurring_lines`], taking each text's own lines from `memo` when a
/// previous build read the same text, and recording the others.
pub fn recurring_lines_with(texts: &[&str], memo: &LineMemo) -> Vec<BTreeSet<String>> {
    let texts: Vec<(u128, &str)> = texts
        .par_iter()
        .map(|t| (crate::ingest::text_digest(t), *t))
        .collect();
    recurring_lines_of(&texts, memo)
}

/// [`recurring_lines_with`] for texts given with their fingerprints
/// ([`crate::ingest::text_digest`]). A text may be left empty (unread)
/// where `memo` [knows](LineMemo::knows) its fingerprint.
pub fn recurring_lines_of(texts: &[(u128, &str)], memo: &LineMemo) -> Vec<BTreeSet<String>> {
    // Each article's own part (picking candidates and edges) is independent
    // of the others: done on every core, and remembered between builds,
    // since this runs over the whole corpus on every build.
    // Borrowed from the memo when it holds them (most, on a rebuild).
    let own: Vec<Cow<'_, OwnLines>> = texts
        .par_iter()
        .map(|&(digest, t)| memo.own_lines(digest, || OwnLines::read(t)))
        .collect();
    let docs: Vec<&Candidates> = own.iter().map(|o| &o.candidates).collect();
    let groups = site_groups(own.iter().map(|o| &o.edges));
    // Each site's group is counted on its own, its members a chunk at a
    // time on every core (one site may hold most of a dossier); a line's
    // verdict is reached once per distinct line, not once per article.
    let groups: Vec<&Vec<usize>> = groups.values().filter(|m| m.len() >= 2).collect();
    let verdicts: Vec<HashMap<(&str, Region), bool>> = groups
        .par_iter()
        .map(|members| site_verdicts(members, &docs))
        .collect();
    let mut group_of = vec![None; texts.len()];
    for (g, members) in groups.iter().enumerate() {
        for &d in *members {
            group_of[d] = Some(g);
        }
    }
    group_of
        .par_iter()
        .zip(&docs)
        .map(|(group, lines)| match group {
            Some(g) => lines
                .iter()
                .filter(|(line, region)| verdicts[*g][&(line.as_str(), *region)])
                .map(|(line, _)| line.clone())
                .collect(),
            None => BTreeSet::new(),
        })
        .collect()
}

/// Whether each candidate line of one site's articles (`members` of
/// `docs`) recurs: is in at least half of them, and two; three when it
/// reads as a sentence, which needs stronger evidence.
fn site_verdicts<'d>(
    members: &[usize],
    docs: &[&'d Candidates],
) -> HashMap<(&'d str, Region), bool> {
    // Furniture recurs in the same part of the page; a headline that
    // other articles list in their "more from" box does not.
    let counts = members
        .par_chunks(COUNT_CHUNK)
        .map(|chunk| {
            let mut counts: HashMap<(&str, Region), usize> = HashMap::new();
            for &d in chunk {
                for (line, region) in docs[d] {
                    *counts.entry((line.as_str(), *region)).or_default() += 1;
                }
            }
            counts
        })
        .reduce(HashMap::new, |mut all, part| {
            for (key, n) in part {
                *all.entry(key).or_default() += n;
            }
            all
        });
    let needed = members.len().div_ceil(2).max(2);
    counts
        .into_par_iter()
        .map(|((line, region), n)| {
            let needed = if is_prose(line) {
                needed.max(3)
            } else {
                needed
            };
            ((line, region), n >= needed)
        })
        .collect()
}

/// Articles of one site counted per task (see [`site_verdicts`]).
const COUNT_CHUNK: usize = 256;

/// One article's candidate lines with their regions (see [`candidate_lines`]).
type Candidates = Vec<(String, Region)>;

/// What [`recurring_lines`] reads from one text alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnLines {
    /// Its candidate lines (see [`candidate_lines`]).
    pub(super) candidates: Candidates,
    /// Its edge lines (see [`edge_lines`]) that can tie it to a site: only
    /// distinctive ones that are also candidates, since no other edge line
    /// is ever compared. Most edge lines are long paragraphs, so keeping
    /// them all made the line memo ten times larger.
    pub(super) edges: BTreeSet<String>,
}

impl OwnLines {
    /// Reads `text`'s own lines.
    pub(super) fn read(text: &str) -> OwnLines {
        let lines = Lines::new(text);
        let candidates = candidate_lines(&lines);
        let edges = edge_lines(&lines)
            .into_iter()
            .filter(|line| {
                is_distinctive(line)
                    && candidates
                        .binary_search_by(|(c, _)| c.as_str().cmp(line.as_str()))
                        .is_ok()
            })
            .collect();
        OwnLines { candidates, edges }
    }
}

/// Where on the page a line stands, relative to the prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    /// Above the first prose line.
    Head,
    /// Between the first and the last prose line.
    Body,
    /// Below the last prose line.
    Tail,
}

/// The lines of one text, folded only when asked for. This runs over the
/// whole corpus on every build (its result is part of each article's cache
/// key), and most of a text is long paragraphs that need only their word
/// count, which folding does not change.
struct Lines<'a> {
    raw: Vec<&'a str>,
    /// Each line's word count, up to `MAX_WORDS + 1`.
    words: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let raw: Vec<&str> = text.lines().collect();
        // Nothing here asks whether a line has more than `MAX_WORDS` words.
        let words = raw
            .iter()
            .map(|l| word_count_up_to(l, MAX_WORDS + 1))
            .collect();
        Lines { raw, words }
    }

    fn folded(&self, i: usize) -> String {
        fold_whitespace(self.raw[i])
    }

    /// Whether line `i` reads as prose (see [`is_prose`]); too few words
    /// settle it without folding.
    fn is_prose(&self, i: usize) -> bool {
        self.words[i] >= 12 && is_prose(&self.folded(i))
    }

    /// Whether line `i` folds to nothing (it has no visible character).
    fn is_blank(&self, i: usize) -> bool {
        is_blank(self.raw[i])
    }
}

/// The distinct lines of a text that could be furniture, folded, with the
/// region each stands in, sorted.
fn candidate_lines(lines: &Lines<'_>) -> Candidates {
    let n = lines.raw.len();
    let first_prose = (0..n).find(|&i| lines.is_prose(i)).unwrap_or(n);
    let last_prose = (0..n).rev().find(|&i| lines.is_prose(i)).unwrap_or(0);
    // Folding keeps every letter and digit, so the raw line tells which
    // lines are short and have any; only those are folded.
    let set: BTreeSet<(String, Region)> = (0..n)
        .filter(|&i| lines.words[i] <= MAX_WORDS && lines.raw[i].chars().any(char::is_alphanumeric))
        .map(|i| {
            let region = if i < first_prose {
                Region::Head
            } else if i > last_prose {
                Region::Tail
            } else {
                Region::Body
            };
            (lines.folded(i), region)
        })
        .collect();
    set.into_iter().collect()
}

/// Groups articles that share an edge line (each article's as
/// [`OwnLines::edges`] keeps them): group id → members.
fn site_groups<'a>(
    edges: impl ExactSizeIterator<Item = &'a BTreeSet<String>>,
) -> BTreeMap<usize, Vec<usize>> {
    let n = edges.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_holder: HashMap<&str, usize> = HashMap::new();
    for (d, lines) in edges.enumerate() {
        // Only lines that can tie articles: see [`OwnLines::edges`].
        for line in lines {
            match first_holder.entry(line) {
                Entry::Occupied(other) => {
                    let (a, b) = (find(&mut parent, d), find(&mut parent, *other.get()));
                    parent[a.max(b)] = a.min(b);
                }
                Entry::Vacant(slot) => {
                    slot.insert(d);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for d in 0..n {
        let root = find(&mut parent, d);
        groups.entry(root).or_default().push(d);
    }
    groups
}

/// The first and last non-blank lines of a text, folded.
fn edge_lines(lines: &Lines<'_>) -> BTreeSet<String> {
    let n = lines.raw.len();
    let head = (0..n).filter(|&i| !lines.is_blank(i)).take(EDGE_LINES);
    let tail = (0..n)
        .rev()
        .filter(|&i| !lines.is_blank(i))
        .take(EDGE_LINES);
    head.chain(tail).map(|i| lines.folded(i)).collect()
}

/// Generic labels ("Share", "Menu") are shared by unrelated sites; a
/// fingerprint line has a few words or a name in it.
fn is_distinctive(line: &str) -> bool {
    words_at_least(line, 2) && line.chars().count() >= 12
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY_A: &str =
        "The first article talks about fisheries near the islands, at length and in detail.";
    const BODY_B: &str =
        "The second article is about energy exports to Asia, with figures for each year.";
    const BODY_C: &str =
        "The third article covers the 1956 declaration and what both sides read into it.";

    // A footer line shared by every article of a site is found, whatever its words.
    #[test]
    fn finds_lines_recurring_across_a_site() {
        let a = format!(
            "Institute of Studies\nNews Analysis\n{BODY_A}\nJoin the Friends of the Institute\n"
        );
        let b = format!(
            "Institute of Studies\nNews Analysis\n{BODY_B}\nJoin the Friends of the Institute\n"
        );
        let c = format!("Other Site Header Line\n{BODY_C}\nSomething else entirely here\n");
        let found = recurring_lines(&[&a, &b, &c]);
        assert!(found[0].contains("Join the Friends of the Institute"));
        assert!(found[1].contains("News Analysis"));
        assert!(!found[0].contains(BODY_A));
        assert!(
            found[2].is_empty(),
            "a site with one article has no recurring lines"
        );
    }

    // A site larger than one counting chunk is counted as a whole: a line
    // in exactly half of its articles recurs, one in one fewer does not.
    #[test]
    fn counts_a_large_site_across_chunks() {
        let n = 3 * COUNT_CHUNK + 10;
        let needed = n.div_ceil(2);
        let texts: Vec<String> = (0..n)
            .map(|i| {
                let mut text = format!("Institute of Studies\nArticle number {i} of the site\n");
                // Both spread over every chunk.
                if i % 2 == 0 {
                    text += "Subscribe to the weekly letter\n";
                }
                if i % 2 == 1 && i != n - 1 {
                    text += "Advertising partner block\n";
                }
                text + BODY_A + "\n"
            })
            .collect();
        let count = |line: &str| texts.iter().filter(|t| t.contains(line)).count();
        assert_eq!(count("Subscribe to the weekly letter"), needed);
        assert_eq!(count("Advertising partner block"), needed - 1);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = recurring_lines(&refs);
        assert!(found[0].contains("Subscribe to the weekly letter"));
        assert!(found[0].contains("Institute of Studies"));
        assert!(!found[1].contains("Advertising partner block"));
        assert!(!found[1].contains("Subscribe to the weekly letter"));
    }

    // A single article, or articles from unrelated sites, yield nothing.
    #[test]
    fn one_article_has_no_recurring_lines() {
        let a = format!("Header\n{BODY_A}\n");
        assert!(recurring_lines(&[&a])[0].is_empty());
    }

    // A paragraph republished in two articles is kept: prose needs three witnesses.
    #[test]
    fn keeps_prose_shared_by_two_articles() {
        let shared = "Both governments said the talks would continue next year, and neither ruled out a summit.";
        let a = format!("Institute of Studies\n{shared}\n{BODY_A}\n");
        let b = format!("Institute of Studies\n{shared}\n{BODY_B}\n");
        let found = recurring_lines(&[&a, &b]);
        assert!(found[0].contains("Institute of Studies"));
        assert!(!found[0].contains(shared));
    }

    // An article keeps only the edge lines that can tie it to a site: short,
    // distinctive candidate lines, not the long paragraph it ends with nor a
    // generic label.
    #[test]
    fn keeps_only_edge_lines_that_can_tie_a_site() {
        let long_end = "This closing paragraph runs on for a good deal more than thirty words, so it can never count as furniture: it goes on about fisheries, energy exports, the 1956 declaration, the talks, the summit and what both governments said afterwards.";
        let text = format!("Institute of Studies\nMenu\n{BODY_A}\n{long_end}\n");
        let own = OwnLines::read(&text);
        let edges: Vec<&str> = own.edges.iter().map(String::as_str).collect();
        assert_eq!(edges, ["Institute of Studies", BODY_A]);
    }
}

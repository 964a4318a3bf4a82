//! Pull quotes: a short paragraph that repeats words of another paragraph
//! (whole, or with a few words left out) is the site's display copy of that
//! sentence. It is folded into the provenance, so no sentence is lost.

use super::text::word_keys;
use super::{Block, BlockKind, Removed};

/// Shortest pull quote considered, in words: shorter repeats ("Not at all.")
/// are too likely to be chance.
const MIN_WORDS: usize = 8;
/// Longest pull quote considered, in words.
const MAX_WORDS: usize = 90;
/// Most stretches a quote may be cut into (each gap is an elision).
const MAX_RUNS: usize = 3;

/// Removes pull quotes from `blocks` and returns them as removed lines.
pub(super) fn fold(blocks: &mut Vec<Block>) -> Vec<Removed> {
    let keys: Vec<Vec<String>> = blocks.iter().map(|b| word_keys(&b.text)).collect();
    let mut folded = vec![false; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        let quote = &keys[i];
        if block.kind != BlockKind::Paragraph || !(MIN_WORDS..=MAX_WORDS).contains(&quote.len()) {
            continue;
        }
        let repeats = keys.iter().enumerate().any(|(j, other)| {
            j != i
                && !folded[j]
                && matches!(blocks[j].kind, BlockKind::Paragraph | BlockKind::Lead)
                // An identical paragraph: keep the first copy.
                && (other.len() > quote.len() || other == quote && j < i)
                && contained_in_runs(quote, other, MAX_RUNS)
        });
        folded[i] = repeats;
    }
    let mut removed = Vec::new();
    let mut index = 0;
    blocks.retain(|b| {
        let keep = !folded[index];
        index += 1;
        if !keep {
            removed.push(Removed {
                line: b.line,
                text: b.text.clone(),
                rule: "pull-quote",
            });
        }
        keep
    });
    removed
}

/// Whether `quote` appears in `text` in order, as at most `max_runs`
/// stretches of consecutive words (all but the last at least 3 words long).
fn contained_in_runs(quote: &[String], text: &[String], max_runs: usize) -> bool {
    let Some(first) = quote.first() else {
        return false;
    };
    'start: for start in (0..text.len()).filter(|&j| &text[j] == first) {
        let (mut i, mut j, mut runs) = (0, start, 0);
        loop {
            let run = quote[i..]
                .iter()
                .zip(&text[j..])
                .take_while(|(a, b)| a == b)
                .count();
            if run == 0 {
                continue 'start;
            }
            runs += 1;
            i += run;
            j += run;
            if i == quote.len() {
                // The elisions must be short: the quote spans about its own length.
                if j - start <= quote.len() * 2 + 40 {
                    return true;
                }
                continue 'start;
            }
            if runs == max_runs {
                continue 'start;
            }
            let need = (quote.len() - i).min(3);
            let next = &quote[i..i + need];
            match (j..text.len()).find(|&k| text[k..].starts_with(next)) {
                Some(k) => j = k,
                None => continue 'start,
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, line: usize) -> Block {
        Block::new(BlockKind::Paragraph, text, line)
    }

    // A pull quote that repeats a body sentence word for word is folded.
    #[test]
    fn folds_verbatim_pull_quote() {
        let mut blocks = vec![
            para(
                "The Russian leadership is interested in this. Moscow desperately wants to avoid looking like an ally of Japan in a conflict. And more follows here.",
                1,
            ),
            para(
                "Moscow desperately wants to avoid looking like an ally of Japan in a conflict.",
                3,
            ),
        ];
        let removed = fold(&mut blocks);
        assert_eq!(blocks.len(), 1);
        assert_eq!((removed[0].line, removed[0].rule), (3, "pull-quote"));
    }

    // A pull quote with words left out ("…") still repeats the body.
    #[test]
    fn folds_elided_pull_quote() {
        let mut blocks = vec![
            para(
                "The opportunities for economic cooperation, are hardly enough to produce a new “economic miracle.”",
                1,
            ),
            para(
                "The economic interest is limited. The opportunities for economic cooperation, particularly in the Russian Far East, are hardly enough to produce a new “economic miracle.” Meanwhile, more.",
                3,
            ),
        ];
        fold(&mut blocks);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].line, 3);
    }

    // A short sentence that happens to share words with another paragraph stays.
    #[test]
    fn keeps_paragraph_sharing_only_some_words() {
        let mut blocks = vec![
            para(
                "Japan and Russia signed eleven documents on energy and the economy in May.",
                1,
            ),
            para(
                "In May, Japan and Russia signed documents on energy; eleven more on the economy followed later in the year, after long talks.",
                3,
            ),
        ];
        assert!(fold(&mut blocks).is_empty());
        assert_eq!(blocks.len(), 2);
    }
}

//! Pull quotes: a short paragraph that repeats words of another paragraph
//! (whole, or with a few words left out) is the site's display copy of that
//! sentence. It is folded into the provenance, so no sentence is lost.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::words;
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
    // Only paragraphs and leads take part (as quotes or as what they repeat).
    let mut ids = WordIds::default();
    let keys: Vec<Vec<u32>> = blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Paragraph | BlockKind::Lead => ids.of(&b.text),
            _ => Vec::new(),
        })
        .collect();
    let signatures: Vec<Signature> = keys.iter().map(|k| Signature::of(k)).collect();
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
                && signatures[i].within(&signatures[j])
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

/// Which word numbers a block has, folded into 256 bits. A quote's words
/// all appear in the paragraph it repeats, so a quote with a bit the other
/// lacks cannot be in it: most pairs of paragraphs are told apart here,
/// without walking either.
struct Signature([u64; 4]);

impl Signature {
    fn of(ids: &[u32]) -> Signature {
        let mut bits = [0u64; 4];
        for &id in ids {
            let bit = id.wrapping_mul(0x9e37_79b9) >> 24;
            bits[(bit >> 6) as usize & 3] |= 1 << (bit & 63);
        }
        Signature(bits)
    }

    /// Whether every bit of `self` is also in `other`.
    fn within(&self, other: &Signature) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }
}

/// Numbers for the words of one article, equal when their keys are equal
/// (`text::word_keys`: lowercased, typographic apostrophes made plain), so
/// comparing word sequences compares numbers instead of strings. A number is
/// only ever compared, never ordered or printed, so the map's order does not
/// matter.
#[derive(Default)]
struct WordIds {
    ids: HashMap<String, u32, BuildHasherDefault<Fnv>>,
    buf: String,
}

/// FNV-1a, for the short word keys of one article (the default hasher's
/// resistance to chosen collisions costs more than it buys here).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordIds {
    /// The numbers of `text`'s words, in order.
    fn of(&mut self, text: &str) -> Vec<u32> {
        words(text).map(|w| self.id(w)).collect()
    }

    fn id(&mut self, word: &str) -> u32 {
        self.buf.clear();
        if word.is_ascii() {
            self.buf
                .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // `str::to_lowercase` knows word-final sigma; char by char would not.
            self.buf.push_str(&word.to_lowercase().replace('’', "'"));
        }
        if let Some(&id) = self.ids.get(self.buf.as_str()) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(self.buf.clone(), id);
        id
    }
}

/// Whether `quote` appears in `text` in order, as at most `max_runs`
/// stretches of consecutive words (all but the last at least 3 words long).
fn contained_in_runs(quote: &[u32], text: &[u32], max_runs: usize) -> bool {
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

    // Two words get the same number exactly when their `word_keys` agree
    // (case, typographic apostrophes, Greek final sigma).
    #[test]
    fn word_ids_follow_word_keys() {
        let text = "Japan’s JAPAN'S japan's ΟΔΟΣ οδος οδοσ Öl öl Ol";
        let mut ids = WordIds::default();
        let numbers = ids.of(text);
        let keys = crate::normalize::text::word_keys(text);
        assert_eq!(numbers.len(), keys.len());
        for i in 0..keys.len() {
            for j in 0..keys.len() {
                assert_eq!(numbers[i] == numbers[j], keys[i] == keys[j], "{i} {j}");
            }
        }
    }

    // A quote's signature lies within that of a paragraph holding its words,
    // and not within one missing a word.
    #[test]
    fn signature_needs_every_word() {
        let mut ids = WordIds::default();
        let quote = ids.of("wants to avoid looking like an ally");
        let body = ids.of("Moscow wants to avoid looking like an ally of Japan");
        let other = ids.of("Moscow wants to avoid looking like a partner");
        assert!(Signature::of(&quote).within(&Signature::of(&body)));
        assert!(!Signature::of(&quote).within(&Signature::of(&other)));
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

//! Pull quotes: a short paragraph that repeats words of another paragraph
//! (whole, or with a few words left out) is the site's display copy of that
//! sentence. It is folded into the provenance, so no sentence is lost.

use super::text::{word_keys, words};
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
    // Words are compared by a hash of their key first: equal keys have equal
    // hashes, so no repeat is missed, and the rare pairs that pass on hashes
    // are confirmed on the keys themselves, so a collision folds nothing.
    // Only paragraphs and leads take part (as quotes or as what they repeat).
    let takes_part = |b: &Block| matches!(b.kind, BlockKind::Paragraph | BlockKind::Lead);
    let hashes: Vec<Vec<u64>> = blocks
        .iter()
        .map(|b| {
            if takes_part(b) {
                words(&b.text).map(word_hash).collect()
            } else {
                Vec::new()
            }
        })
        .collect();
    let signatures: Vec<Signature> = hashes.iter().map(|h| Signature::of(h)).collect();
    let mut keys: Vec<Option<Vec<String>>> = vec![None; blocks.len()];
    let mut folded = vec![false; blocks.len()];
    for i in 0..blocks.len() {
        let quote = &hashes[i];
        if blocks[i].kind != BlockKind::Paragraph || !(MIN_WORDS..=MAX_WORDS).contains(&quote.len())
        {
            continue;
        }
        for j in 0..blocks.len() {
            let other = &hashes[j];
            let maybe = j != i
                && !folded[j]
                && takes_part(&blocks[j])
                // An identical paragraph: keep the first copy.
                && (other.len() > quote.len() || other == quote && j < i)
                && signatures[i].within(&signatures[j])
                && contained_in_runs(quote, other, MAX_RUNS);
            if !maybe {
                continue;
            }
            for k in [i, j] {
                if keys[k].is_none() {
                    keys[k] = Some(word_keys(&blocks[k].text));
                }
            }
            let (quote, other) = (keys[i].as_deref(), keys[j].as_deref());
            let (Some(quote), Some(other)) = (quote, other) else {
                continue;
            };
            if (other.len() > quote.len() || other == quote && j < i)
                && contained_in_runs(quote, other, MAX_RUNS)
            {
                folded[i] = true;
                break;
            }
        }
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

/// Which word hashes a block has, folded into 256 bits. A quote's words
/// all appear in the paragraph it repeats, so a quote with a bit the other
/// lacks cannot be in it: most pairs of paragraphs are told apart here,
/// without walking either.
struct Signature([u64; 4]);

impl Signature {
    fn of(hashes: &[u64]) -> Signature {
        let mut bits = [0u64; 4];
        for &h in hashes {
            let bit = h >> 56;
            bits[(bit >> 6) as usize & 3] |= 1 << (bit & 63);
        }
        Signature(bits)
    }

    /// Whether every bit of `self` is also in `other`.
    fn within(&self, other: &Signature) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }
}

/// A 64-bit FNV-1a hash of a word's key (`text::word_keys`: lowercased,
/// typographic apostrophes made plain), computed without building the key
/// for an ASCII word.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    if word.is_ascii() {
        word.bytes().for_each(|b| add(b.to_ascii_lowercase()));
    } else {
        // `str::to_lowercase` knows word-final sigma; char by char would not.
        word.to_lowercase()
            .replace('’', "'")
            .bytes()
            .for_each(&mut add);
    }
    h
}

/// Whether `quote` appears in `text` in order, as at most `max_runs`
/// stretches of consecutive words (all but the last at least 3 words long).
fn contained_in_runs<T: PartialEq>(quote: &[T], text: &[T], max_runs: usize) -> bool {
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

    fn hashes(text: &str) -> Vec<u64> {
        words(text).map(word_hash).collect()
    }

    // Two words get the same hash when their `word_keys` agree (case,
    // typographic apostrophes, Greek final sigma), and here only then.
    #[test]
    fn word_hashes_follow_word_keys() {
        let text = "Japan’s JAPAN'S japan's don’t don't ΟΔΟΣ οδος οδοσ Öl öl Ol";
        let hashed = hashes(text);
        let keys = word_keys(text);
        assert_eq!(hashed.len(), keys.len());
        for i in 0..keys.len() {
            for j in 0..keys.len() {
                assert_eq!(hashed[i] == hashed[j], keys[i] == keys[j], "{i} {j}");
            }
        }
    }

    // A quote's signature lies within that of a paragraph holding its words,
    // and not within one missing a word.
    #[test]
    fn signature_needs_every_word() {
        let quote = hashes("wants to avoid looking like an ally");
        let body = hashes("Moscow wants to avoid looking like an ally of Japan");
        let other = hashes("Moscow wants to avoid looking like a partner");
        assert!(Signature::of(&quote).within(&Signature::of(&body)));
        assert!(!Signature::of(&quote).within(&Signature::of(&other)));
    }

    // A pair that passes on hashes is still checked on the words: with every
    // word hashed alike, nothing would differ, yet nothing is folded.
    #[test]
    fn hash_matches_are_confirmed_on_words() {
        let quote = ["alpha", "beta", "gamma"].map(String::from);
        let text = ["alpha", "beta", "delta", "epsilon"].map(String::from);
        assert!(contained_in_runs(&[7u64; 3], &[7u64; 4], MAX_RUNS));
        assert!(!contained_in_runs(&quote, &text, MAX_RUNS));
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

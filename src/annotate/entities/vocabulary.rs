//! The dossier's [`Vocabulary`], made from every distinct block's words.
//!
//! Tokenizing every block again was most of a rebuild's work on names once
//! the readings themselves were remembered. A block's words depend only on
//! its text, so the block memo keeps them, as indexes into its word table:
//! a remembered block only marks its words in a bit set over that table,
//! and only new blocks are tokenized. Words the table lacks are added to
//! its end (sorted, so the same input gives the same table), and new
//! blocks' words are kept as indexes into the grown table.

use std::collections::HashMap;

use rayon::prelude::*;

use super::scan::{Vocabulary, VocabularyWord, block_words};
use crate::annotate::block_memo::{BlockMemo, Encoded, Reading, block_key};
use crate::annotate::distinct::DistinctBlocks;
use crate::memo_file::{MemoReader, MemoWriter};

/// How many blocks one task reads.
const CHUNK: usize = 256;

/// What one task found: which table words its remembered blocks hold, and
/// the words of the blocks it had to tokenize (block index, words).
struct Part {
    marked: Vec<u64>,
    fresh: Vec<(usize, Vec<VocabularyWord>)>,
}

/// The vocabulary of `distinct`'s blocks, their words taken from `memo`
/// where it remembers them, and new blocks' words kept there.
pub(super) fn vocabulary_of(distinct: &DistinctBlocks<'_>, memo: &BlockMemo) -> Vocabulary {
    let table = memo.word_table();
    let key_of = |i: usize| block_key(distinct.texts[i].0, distinct.text_hashes[i]);
    let parts: Vec<Part> = distinct
        .texts
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk, texts)| {
            let mut part = Part {
                marked: vec![0; table.len().div_ceil(64)],
                fresh: Vec::new(),
            };
            for (k, &(_, text)) in texts.iter().enumerate() {
                let i = chunk * CHUNK + k;
                let remembered = memo.recall(Reading::Words, key_of(i), |b| decode(b, table.len()));
                match remembered {
                    Some(indexes) => {
                        for j in indexes {
                            part.marked[j / 64] |= 1 << (j % 64);
                        }
                    }
                    None => part.fresh.push((i, block_words(text))),
                }
            }
            part
        })
        .collect();

    let mut vocab = Vocabulary::default();
    let mut marked = vec![0u64; table.len().div_ceil(64)];
    for part in &parts {
        for (all, these) in marked.iter_mut().zip(&part.marked) {
            *all |= these;
        }
    }
    for (j, &word) in table.iter().enumerate() {
        if marked[j / 64] >> (j % 64) & 1 == 1 {
            vocab.insert(word);
        }
    }
    let fresh = || parts.iter().flat_map(|p| &p.fresh);
    if fresh().next().is_none() {
        return vocab;
    }

    let mut index: HashMap<VocabularyWord, usize> =
        table.iter().enumerate().map(|(j, &w)| (w, j)).collect();
    let mut added: Vec<VocabularyWord> = Vec::new();
    for (_, words) in fresh() {
        for &word in words {
            vocab.insert(word);
            if !index.contains_key(&word) {
                added.push(word);
            }
        }
    }
    added.sort_unstable();
    added.dedup();
    for (k, &word) in added.iter().enumerate() {
        index.insert(word, table.len() + k);
    }
    memo.add_to_word_table(&added);
    fresh()
        .collect::<Vec<_>>()
        .par_iter()
        .for_each(|(i, words)| {
            let mut indexes: Vec<usize> = words.iter().map(|w| index[w]).collect();
            indexes.sort_unstable();
            memo.keep(Reading::Words, key_of(*i), encode(&indexes));
        });
    vocab
}

/// Sorted indexes as [`BlockMemo`] keeps them: their count, the first,
/// then each one's distance from the one before.
fn encode(indexes: &[usize]) -> Encoded {
    let mut out = MemoWriter::default();
    out.number(indexes.len() as u64);
    let mut last = 0;
    for &j in indexes {
        out.number((j - last) as u64);
        last = j;
    }
    out.finish().into_boxed_slice()
}

/// The indexes [`encode`] wrote; `None` if one is not below `table_len` or
/// anything else is out of place.
fn decode(bytes: &[u8], table_len: usize) -> Option<Vec<usize>> {
    let mut r = MemoReader::new(bytes, b"")?;
    let n = r.number_count(1)?;
    let mut indexes = Vec::with_capacity(n);
    let mut at = 0usize;
    for _ in 0..n {
        at = at.checked_add(usize::try_from(r.number()?).ok()?)?;
        (at < table_len).then_some(())?;
        indexes.push(at);
    }
    r.at_end().then_some(indexes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::ArticleText;
    use crate::memo_file::SavedMemo;

    /// Every word of a vocabulary, sorted, by asking it of every block's
    /// words.
    fn words_of(vocab: &Vocabulary, blocks: &[&str]) -> Vec<(VocabularyWord, bool)> {
        let mut all: Vec<VocabularyWord> = blocks.iter().flat_map(|b| block_words(b)).collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter()
            .map(|w| (w, vocab.answers(&[super::super::scan::Asked(w | 1)])))
            .collect()
    }

    // Built from the memo of an earlier build, with blocks gone and new,
    // the vocabulary holds exactly the words of the blocks there now.
    #[test]
    fn remembered_words_give_the_same_vocabulary() {
        let build = |blocks: &[&str], memo: &BlockMemo| {
            let texts = [ArticleText {
                language: "en",
                blocks,
            }];
            vocabulary_of(&DistinctBlocks::new(&texts), memo)
        };
        let first: &[&str] = &[
            "The summit in Sochi was brief.",
            "Officials from Tokyo and Moscow met there.",
            "Nothing else happened.",
        ];
        let second: &[&str] = &[
            "The summit in Sochi was brief.",
            "Delegates of Kyoto arrived late, and sochi tea was served.",
        ];
        let memo = BlockMemo::empty();
        let fresh = build(first, &memo);
        assert!(words_of(&fresh, first).iter().all(|&(_, held)| held));

        let memo = BlockMemo::from_bytes(&memo.to_bytes());
        let table = memo.word_table().len();
        assert!(table > 0);
        let again = build(first, &memo);
        assert_eq!(words_of(&again, first), words_of(&fresh, first));
        assert!(!memo.changed(), "every block's words were remembered");

        let memo = BlockMemo::from_bytes(&memo.to_bytes());
        let changed = build(second, &memo);
        let expected = build(second, &BlockMemo::empty());
        // The words of "first" only, and those of "second", are asked of both.
        let both: Vec<&str> = first.iter().chain(second).copied().collect();
        assert_eq!(words_of(&changed, &both), words_of(&expected, &both));
        assert!(
            words_of(&changed, &both).iter().any(|&(_, held)| !held),
            "the words of the block that went are gone"
        );
        let next = BlockMemo::from_bytes(&memo.to_bytes());
        assert!(next.word_table().len() > table, "the new words were added");
        assert_eq!(next.word_table()[..table], memo.word_table()[..]);
    }

    #[test]
    fn damaged_indexes_are_no_words() {
        let bytes = encode(&[1, 5, 9]);
        assert_eq!(decode(&bytes, 10), Some(vec![1, 5, 9]));
        assert_eq!(decode(&bytes, 9), None, "an index past the table");
        assert_eq!(decode(&bytes[..bytes.len() - 1], 10), None);
    }
}

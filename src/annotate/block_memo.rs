//! What reading each block found, remembered between builds.
//!
//! Names and dates are found block by block, and on a rebuild after one
//! article changed nearly every block is one the previous build read. A
//! block's dated events depend only on its text and language, so they are
//! remembered under a fingerprint of both ([`block_key`]). Its names also
//! depend on what the whole dossier says about words (which it writes in
//! lower case, which it capitalises mid-sentence): a remembered reading
//! keeps the questions it asked of that vocabulary and their answers, and is
//! used only if every answer is still the same (see
//! `entities::scan::Scanned`).
//!
//! The vocabulary itself is made from every block's words, so those are
//! remembered too, as indexes into a table of every word the memo has met
//! (the table only grows: indexes stay valid as words are added).
//!
//! Values are kept encoded (one allocation per block): the memo of a large
//! dossier holds hundreds of thousands of them.

use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3;

use crate::memo_file::{KeyedMemo, MemoReader, MemoWriter, SavedMemo, lock};

/// One block's encoded reading.
pub type Encoded = Box<[u8]>;

/// The fingerprint of a block under which its readings are remembered:
/// its language and the XXH3 hash of its text (see
/// [`DistinctBlocks::text_hashes`](super::distinct::DistinctBlocks)).
pub fn block_key(language: &str, text_hash: u64) -> u64 {
    let mut h = Xxh3::with_seed(0x626c_6f63_6b73_2101);
    h.update(&text_hash.to_le_bytes());
    h.update(language.as_bytes());
    h.digest()
}

/// The blocks' events and names a previous build found, and the ones this
/// build used.
#[derive(Debug, Default)]
pub struct BlockMemo {
    events: KeyedMemo<u64, Encoded>,
    names: KeyedMemo<u64, Encoded>,
    /// Each block's words, as indexes into `table`.
    words: KeyedMemo<u64, Encoded>,
    /// Every word a previous build met.
    table: Vec<u64>,
    /// The words this build met that `table` lacks, to add to it.
    added: Mutex<Vec<u64>>,
}

/// The first bytes of a saved memo; a file without them is ignored.
const MAGIC: &[u8] = b"dossier-block-memo-2\n";

impl BlockMemo {
    /// A memo remembering nothing (everything is computed).
    pub fn empty() -> BlockMemo {
        BlockMemo::default()
    }

    /// How many blocks' events and names a previous build left.
    pub fn remembered(&self) -> (usize, usize) {
        (self.events.remembered(), self.names.remembered())
    }

    /// The words a previous build met, which remembered words index.
    pub fn word_table(&self) -> &[u64] {
        &self.table
    }

    /// Adds `words` to the end of the word table the next build reads.
    pub fn add_to_word_table(&self, words: &[u64]) {
        lock(&self.added).extend_from_slice(words);
    }

    /// What `accept` makes of the remembered `reading` of the block `key`,
    /// if any and if it takes it (then it is kept; otherwise the caller
    /// reads the block again and keeps that).
    pub fn recall<T>(
        &self,
        reading: Reading,
        key: u64,
        accept: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Option<T> {
        self.memo(reading).recall_if(key, |b| accept(b))
    }

    /// Keeps the `reading` just made of the block `key` for the next build
    /// (words as indexes into the word table with this build's additions).
    pub fn keep(&self, reading: Reading, key: u64, value: Encoded) {
        self.memo(reading).keep(key, value);
    }

    fn memo(&self, reading: Reading) -> &KeyedMemo<u64, Encoded> {
        match reading {
            Reading::Events => &self.events,
            Reading::Names => &self.names,
            Reading::Words => &self.words,
        }
    }
}

/// What the memo remembers of a block.
#[derive(Debug, Clone, Copy)]
pub enum Reading {
    /// Its dated events.
    Events,
    /// The names in it, with the questions asked of the vocabulary.
    Names,
    /// Its vocabulary words.
    Words,
}

impl SavedMemo for BlockMemo {
    fn from_bytes(bytes: &[u8]) -> BlockMemo {
        MemoReader::stamped(bytes, MAGIC)
            .and_then(read_memo)
            .unwrap_or_default()
    }

    /// The word table, then the events, the names and the words, each
    /// list led by its length, each entry a key and its bytes, sorted by
    /// key.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = MemoWriter::stamped(MAGIC);
        let added = lock(&self.added);
        out.words(&[&self.table[..], &added[..]].concat());
        for memo in [&self.events, &self.names, &self.words] {
            memo.with_used(|used| {
                out.word(used.len() as u64);
                for &(key, value) in used {
                    out.word(key);
                    out.bytes(value);
                }
            });
        }
        out.finish()
    }

    fn changed(&self) -> bool {
        self.events.changed() || self.names.changed() || self.words.changed()
    }
}

/// The records of a saved memo; `None` at the first thing out of place.
fn read_memo(mut r: MemoReader<'_>) -> Option<BlockMemo> {
    let table = r.words()?;
    let mut read_list = || -> Option<KeyedMemo<u64, Encoded>> {
        let n = r.count(16)?;
        let mut known = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.word()?;
            known.push((key, Box::from(r.bytes()?)));
        }
        Some(KeyedMemo::from_known(known))
    };
    let events = read_list()?;
    let names = read_list()?;
    let words = read_list()?;
    r.at_end().then_some(BlockMemo {
        events,
        names,
        words,
        table,
        added: Mutex::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_what_was_used() {
        let memo = BlockMemo::empty();
        memo.keep(Reading::Events, 1, Box::new([1, 2]));
        memo.keep(Reading::Names, 1, Box::new([3]));
        memo.keep(Reading::Names, 2, Box::new([]));
        assert!(memo.changed());
        let again = BlockMemo::from_bytes(&memo.to_bytes());
        assert_eq!(again.remembered(), (1, 2));
        assert_eq!(
            again.recall(Reading::Events, 1, |b| Some(b.to_vec())),
            Some(vec![1, 2])
        );
        assert_eq!(again.recall(Reading::Names, 2, |b| Some(b.len())), Some(0));
        assert_eq!(again.recall(Reading::Names, 3, |b| Some(b.len())), None);
        // Block 1's names no longer hold: they are not kept.
        assert_eq!(again.recall(Reading::Names, 1, |_| None::<()>), None);
        let last = BlockMemo::from_bytes(&again.to_bytes());
        assert_eq!(last.remembered(), (1, 1));
    }

    // The word table grows build by build; what a block's words index
    // stays where it was.
    #[test]
    fn the_word_table_only_grows() {
        let memo = BlockMemo::empty();
        memo.add_to_word_table(&[70, 80]);
        memo.keep(Reading::Words, 9, Box::new([1]));
        let next = BlockMemo::from_bytes(&memo.to_bytes());
        assert_eq!(next.word_table(), [70, 80]);
        assert_eq!(
            next.recall(Reading::Words, 9, |b| Some(b.to_vec())),
            Some(vec![1])
        );
        next.add_to_word_table(&[5]);
        let last = BlockMemo::from_bytes(&next.to_bytes());
        assert_eq!(last.word_table(), [70, 80, 5]);
        assert_eq!(
            last.recall(Reading::Words, 9, |b| Some(b.to_vec())),
            Some(vec![1])
        );
    }

    #[test]
    fn damaged_bytes_are_an_empty_memo() {
        let memo = BlockMemo::empty();
        memo.keep(Reading::Events, 1, Box::new([1, 2]));
        let bytes = memo.to_bytes();
        let short = BlockMemo::from_bytes(&bytes[..bytes.len() - 1]);
        assert_eq!(short.remembered(), (0, 0));
        assert_eq!(BlockMemo::from_bytes(b"else").remembered(), (0, 0));
    }

    #[test]
    fn keys_follow_language_and_text() {
        assert_eq!(block_key("en", 7), block_key("en", 7));
        assert_ne!(block_key("en", 7), block_key("ru", 7));
        assert_ne!(block_key("en", 7), block_key("en", 8));
    }
}

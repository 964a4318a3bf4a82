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

use std::collections::HashMap;
use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3;

use crate::memo_file::{KeyedMemo, MemoReader, MemoWriter, SavedMemo};

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
        self.added
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(words);
    }

    /// What `accept` makes of the remembered words of the block `key`, if
    /// any and if it takes them (then they are kept).
    pub fn recall_words<T>(&self, key: u64, accept: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        self.words.recall_if(key, |b| accept(b))
    }

    /// Keeps the words of the block `key`, as indexes into the word table
    /// with this build's additions, for the next build.
    pub fn keep_words(&self, key: u64, words: Encoded) {
        self.words.keep(key, words);
    }

    /// What `accept` makes of the remembered events of the block `key`, if
    /// any and if it takes them (then they are kept).
    pub fn recall_events<T>(&self, key: u64, accept: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        self.events.recall_if(key, |b| accept(b))
    }

    /// Keeps the events just found in the block `key` for the next build.
    pub fn keep_events(&self, key: u64, events: Encoded) {
        self.events.keep(key, events);
    }

    /// What `accept` makes of the remembered names of the block `key`, if
    /// any and if it takes them (then they are kept; otherwise the caller
    /// reads the block again and keeps that).
    pub fn recall_names<T>(&self, key: u64, accept: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        self.names.recall_if(key, |b| accept(b))
    }

    /// Keeps the names just found in the block `key` for the next build.
    pub fn keep_names(&self, key: u64, names: Encoded) {
        self.names.keep(key, names);
    }
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
        let added = self.added.lock().unwrap_or_else(|e| e.into_inner());
        out.word((self.table.len() + added.len()) as u64);
        for &word in self.table.iter().chain(added.iter()) {
            out.word(word);
        }
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
    let table = (0..r.count(8)?)
        .map(|_| r.word())
        .collect::<Option<Vec<u64>>>()?;
    let mut read_list = || -> Option<KeyedMemo<u64, Encoded>> {
        let mut known = HashMap::new();
        for _ in 0..r.count(16)? {
            let key = r.word()?;
            known.insert(key, Box::from(r.bytes()?));
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
        memo.keep_events(1, Box::new([1, 2]));
        memo.keep_names(1, Box::new([3]));
        memo.keep_names(2, Box::new([]));
        assert!(memo.changed());
        let again = BlockMemo::from_bytes(&memo.to_bytes());
        assert_eq!(again.remembered(), (1, 2));
        assert_eq!(
            again.recall_events(1, |b| Some(b.to_vec())),
            Some(vec![1, 2])
        );
        assert_eq!(again.recall_names(2, |b| Some(b.len())), Some(0));
        assert_eq!(again.recall_names(3, |b| Some(b.len())), None);
        // Block 1's names no longer hold: they are not kept.
        assert_eq!(again.recall_names(1, |_| None::<()>), None);
        let last = BlockMemo::from_bytes(&again.to_bytes());
        assert_eq!(last.remembered(), (1, 1));
    }

    // The word table grows build by build; what a block's words index
    // stays where it was.
    #[test]
    fn the_word_table_only_grows() {
        let memo = BlockMemo::empty();
        memo.add_to_word_table(&[70, 80]);
        memo.keep_words(9, Box::new([1]));
        let next = BlockMemo::from_bytes(&memo.to_bytes());
        assert_eq!(next.word_table(), [70, 80]);
        assert_eq!(next.recall_words(9, |b| Some(b.to_vec())), Some(vec![1]));
        next.add_to_word_table(&[5]);
        let last = BlockMemo::from_bytes(&next.to_bytes());
        assert_eq!(last.word_table(), [70, 80, 5]);
        assert_eq!(last.recall_words(9, |b| Some(b.to_vec())), Some(vec![1]));
    }

    #[test]
    fn damaged_bytes_are_an_empty_memo() {
        let memo = BlockMemo::empty();
        memo.keep_events(1, Box::new([1, 2]));
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

//! Memos kept in the cache between builds: values computed from one input
//! (a text, a pair of texts) remembered under a fingerprint of that input,
//! and their binary files, little-endian 64-bit words and length-prefixed
//! byte strings after a magic line. A memo only saves time, so reading is
//! all-or-nothing: anything out of place makes the reader give up, and the
//! caller starts from an empty memo.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// A memo that is saved in the cache as one file.
pub trait SavedMemo: Sized {
    /// The memo saved as `bytes`; empty when they are not a whole saved
    /// memo, since a memo only saves time.
    fn from_bytes(bytes: &[u8]) -> Self;
    /// What this build used, in the form `from_bytes` reads.
    fn to_bytes(&self) -> Vec<u8>;
    /// Whether saving the memo would change it.
    fn changed(&self) -> bool;
}

/// Values a previous build computed, by key, and the ones this build used
/// (which are what is worth keeping for the next).
#[derive(Debug)]
pub struct KeyedMemo<K, V> {
    /// Each remembered value, and whether this build used it. A flag per
    /// value rather than a shared list of used keys: the annotate stage
    /// asks for millions of pairs from every core, and a lock per lookup
    /// made them queue.
    known: HashMap<K, (V, AtomicBool), BuildHasherDefault<KeyHasher>>,
    /// Values this build computed (a key may appear twice when two threads
    /// computed it at once).
    new: Mutex<Vec<(K, V)>>,
}

impl<K, V> Default for KeyedMemo<K, V> {
    fn default() -> Self {
        KeyedMemo {
            known: HashMap::default(),
            new: Mutex::new(Vec::new()),
        }
    }
}

impl<K: Copy + Eq + Hash + Ord, V: Clone> KeyedMemo<K, V> {
    /// A memo holding `known`, as read from a previous build.
    pub fn from_known(known: impl IntoIterator<Item = (K, V)>) -> Self {
        KeyedMemo {
            known: known
                .into_iter()
                .map(|(key, value)| (key, (value, AtomicBool::new(false))))
                .collect(),
            new: Mutex::new(Vec::new()),
        }
    }

    /// The value under `key`: remembered, or made by `compute` and kept.
    pub fn get_or(&self, key: K, compute: impl FnOnce() -> V) -> V {
        match self.recall(key) {
            Some(value) => value.clone(),
            None => {
                let value = compute();
                self.keep(key, value.clone());
                value
            }
        }
    }

    /// The remembered value under `key`, if any (then kept).
    pub fn recall(&self, key: K) -> Option<&V> {
        let (value, used) = self.known.get(&key)?;
        used.store(true, Ordering::Relaxed);
        Some(value)
    }

    /// Keeps `value`, just computed under `key`, for the next build.
    pub fn keep(&self, key: K, value: V) {
        lock(&self.new).push((key, value));
    }

    /// How many values a previous build left.
    pub fn remembered(&self) -> usize {
        self.known.len()
    }

    /// Whether saving the memo would change it: something was computed
    /// that it did not hold, or something it held went unused.
    pub fn changed(&self) -> bool {
        let new = lock(&self.new);
        new.iter().any(|(key, _)| !self.known.contains_key(key))
            || self
                .known
                .values()
                .any(|(_, used)| !used.load(Ordering::Relaxed))
    }

    /// What this build used, sorted by key, each key once.
    pub fn used(&self) -> Vec<(K, V)> {
        let new = lock(&self.new);
        let mut out: Vec<(K, V)> = self
            .known
            .iter()
            .filter(|(_, (_, used))| used.load(Ordering::Relaxed))
            .map(|(key, (value, _))| (*key, value.clone()))
            .chain(new.iter().cloned())
            .collect();
        out.sort_unstable_by_key(|&(key, _)| key);
        out.dedup_by_key(|&mut (key, _)| key);
        out
    }
}

/// The hasher of memo keys. They are fingerprints already (XXH3 of a
/// text, or pairs of them), so mixing their words is enough; hashing them
/// again with the standard SipHash was most of the cost of a lookup.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A memo's mutex, even if a thread panicked holding it (the list is only
/// ever appended to, so it stays whole).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Appends words and strings to a memo being written.
#[derive(Debug, Default)]
pub struct MemoWriter {
    out: Vec<u8>,
}

impl MemoWriter {
    /// A memo that starts with `magic`.
    pub fn new(magic: &[u8]) -> MemoWriter {
        MemoWriter {
            out: magic.to_vec(),
        }
    }

    /// Appends one word.
    pub fn word(&mut self, w: u64) {
        self.out.extend_from_slice(&w.to_le_bytes());
    }

    /// Appends a list of words, led by its length.
    pub fn words(&mut self, list: &[u64]) {
        self.word(list.len() as u64);
        for &w in list {
            self.word(w);
        }
    }

    /// Appends a string, led by its length in bytes.
    pub fn str(&mut self, s: &str) {
        self.word(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// The memo's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// Reads back what a [`MemoWriter`] wrote; every method gives `None` at
/// the first thing out of place.
#[derive(Debug)]
pub struct MemoReader<'b> {
    rest: &'b [u8],
}

impl<'b> MemoReader<'b> {
    /// A reader of `bytes`, if they start with `magic`.
    pub fn new(bytes: &'b [u8], magic: &[u8]) -> Option<MemoReader<'b>> {
        Some(MemoReader {
            rest: bytes.strip_prefix(magic)?,
        })
    }

    /// The next word.
    pub fn word(&mut self) -> Option<u64> {
        let (head, rest) = self.rest.split_first_chunk::<8>()?;
        self.rest = rest;
        Some(u64::from_le_bytes(*head))
    }

    /// A count of things of at least `each` bytes, checked against what is
    /// left, so a damaged count cannot ask for a huge allocation.
    pub fn count(&mut self, each: usize) -> Option<usize> {
        let n = usize::try_from(self.word()?).ok()?;
        (n <= self.rest.len() / each.max(1)).then_some(n)
    }

    /// A list of words written by [`MemoWriter::words`].
    pub fn words(&mut self) -> Option<Vec<u64>> {
        let n = self.count(8)?;
        (0..n).map(|_| self.word()).collect()
    }

    /// A string written by [`MemoWriter::str`].
    pub fn str(&mut self) -> Option<&'b str> {
        let n = self.count(1)?;
        let (s, rest) = self.rest.split_at(n);
        self.rest = rest;
        std::str::from_utf8(s).ok()
    }

    /// Whether everything was read.
    pub fn at_end(&self) -> bool {
        self.rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_memo_keeps_what_was_used() {
        let memo: KeyedMemo<u64, String> = KeyedMemo::default();
        assert_eq!(memo.get_or(2, || "two".into()), "two");
        memo.keep(1, "one".into());
        assert!(memo.changed());
        let next = KeyedMemo::from_known(memo.used());
        assert_eq!(next.remembered(), 2);
        assert_eq!(next.get_or(2, || panic!("recomputed")), "two");
        assert_eq!(next.recall(1).map(String::as_str), Some("one"));
        assert_eq!(next.recall(3), None);
        assert!(!next.changed());
        next.recall(1);
        assert_eq!(next.used().len(), 2, "each key once");
        let last: KeyedMemo<u64, String> = KeyedMemo::from_known(next.used().into_iter().take(1));
        last.get_or(1, || "one".into());
        assert!(!last.changed());
        last.get_or(5, || "five".into());
        assert!(last.changed());
    }

    #[test]
    fn reads_back_what_was_written() {
        let mut w = MemoWriter::new(b"magic\n");
        w.word(7);
        w.words(&[1, 2, 3]);
        w.str("Главная");
        let bytes = w.finish();
        let mut r = MemoReader::new(&bytes, b"magic\n").unwrap();
        assert_eq!(r.word(), Some(7));
        assert_eq!(r.words(), Some(vec![1, 2, 3]));
        assert_eq!(r.str(), Some("Главная"));
        assert!(r.at_end());
        assert_eq!(r.word(), None);
    }

    #[test]
    fn damage_is_noticed() {
        let mut w = MemoWriter::new(b"m");
        w.str("abc");
        let bytes = w.finish();
        assert!(MemoReader::new(&bytes, b"other").is_none());
        let mut short = MemoReader::new(&bytes[..bytes.len() - 1], b"m").unwrap();
        assert_eq!(short.str(), None);
        let mut huge = bytes.clone();
        huge[1..9].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(MemoReader::new(&huge, b"m").unwrap().str(), None);
        let mut bad = bytes.clone();
        bad[9] = 0xff;
        assert_eq!(MemoReader::new(&bad, b"m").unwrap().str(), None);
    }
}

//! Memos kept in the cache between builds: values computed from one input
//! (a text, a pair of texts) remembered under a fingerprint of that input,
//! and their binary files, little-endian 64-bit words and length-prefixed
//! byte strings after a magic line and the identity of the dossier that
//! wrote them (a rebuilt binary may read texts differently, so it starts
//! afresh). A memo only saves time, so reading is all-or-nothing: anything
//! out of place makes the reader give up, and the caller starts from an
//! empty memo.
//!
//! The large memos keep their entries in checked sections (a length and a
//! checksum before the bytes), so that a build which added a few entries
//! to a memo it read whole appends one section rather than writing the
//! whole memo again (see [`MemoSave`]); an append cut short or interleaved
//! with another fails its checksum, and the memo is read as empty.

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
    /// How to save it: by default written whole whenever it changed.
    fn how_to_save(&self) -> MemoSave {
        if self.changed() {
            MemoSave::Rewrite
        } else {
            MemoSave::Keep
        }
    }
}

/// How a memo is saved at the end of a build.
#[derive(Debug, PartialEq, Eq)]
pub enum MemoSave {
    /// The file holds what the next build needs.
    Keep,
    /// A section appended to the file makes it hold what the next build
    /// needs; when the file is no longer the one the memo was read from,
    /// the memo is written whole instead.
    Append {
        /// The length of the file the memo was read from.
        to_len: u64,
        /// What to append.
        section: Vec<u8>,
    },
    /// Written whole ([`SavedMemo::to_bytes`]).
    Rewrite,
}

/// How much of a memo a build used, for [`MemoSave`]: counts over one or
/// more [`KeyedMemo`]s (added with `+`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Values a previous build left.
    pub remembered: usize,
    /// Of those, the ones this build did not use.
    pub unused: usize,
    /// Values this build computed that were not remembered.
    pub fresh: usize,
}

impl std::ops::Add for Usage {
    type Output = Usage;

    fn add(self, other: Usage) -> Usage {
        Usage {
            remembered: self.remembered + other.remembered,
            unused: self.unused + other.unused,
            fresh: self.fresh + other.fresh,
        }
    }
}

impl Usage {
    /// The plan for a memo used this way, read whole from a file of
    /// `read_len` bytes (`None`: not read, or not whole). Unused values are
    /// left in the file until they are a quarter of it, then the memo is
    /// written whole without them; until then fresh values are appended as
    /// the section `fresh_section` makes.
    pub fn plan(self, read_len: Option<u64>, fresh_section: impl FnOnce() -> Vec<u8>) -> MemoSave {
        let changed = self.fresh > 0 || self.unused > 0;
        match read_len {
            Some(to_len) if self.unused * 4 <= self.remembered => {
                if self.fresh == 0 {
                    MemoSave::Keep
                } else {
                    MemoSave::Append {
                        to_len,
                        section: fresh_section(),
                    }
                }
            }
            _ if changed => MemoSave::Rewrite,
            _ => MemoSave::Keep,
        }
    }
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

    /// Whether a previous build left a value under `key`.
    pub fn knows(&self, key: K) -> bool {
        self.known.contains_key(&key)
    }

    /// The remembered value under `key`, if any (then kept).
    pub fn recall(&self, key: K) -> Option<&V> {
        let (value, used) = self.known.get(&key)?;
        used.store(true, Ordering::Relaxed);
        Some(value)
    }

    /// What `accept` makes of the remembered value under `key`, if there is
    /// one and `accept` takes it (only then is the value kept): for values
    /// that may no longer hold.
    pub fn recall_if<T>(&self, key: K, accept: impl FnOnce(&V) -> Option<T>) -> Option<T> {
        let (value, used) = self.known.get(&key)?;
        let accepted = accept(value)?;
        used.store(true, Ordering::Relaxed);
        Some(accepted)
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

    /// How much of the memo this build used.
    pub fn usage(&self) -> Usage {
        Usage {
            remembered: self.known.len(),
            unused: self
                .known
                .values()
                .filter(|(_, used)| !used.load(Ordering::Relaxed))
                .count(),
            fresh: self.with_fresh(|fresh| fresh.len()),
        }
    }

    /// `f` given the values this build computed that were not remembered,
    /// sorted by key, each key once: what a section appended to the memo's
    /// file holds.
    pub fn with_fresh<R>(&self, f: impl FnOnce(&[(K, &V)]) -> R) -> R {
        let new = lock(&self.new);
        let mut fresh: Vec<(K, &V)> = new
            .iter()
            .filter(|(key, _)| !self.known.contains_key(key))
            .map(|(key, value)| (*key, value))
            .collect();
        fresh.sort_unstable_by_key(|&(key, _)| key);
        fresh.dedup_by_key(|&mut (key, _)| key);
        f(&fresh)
    }

    /// What this build used, sorted by key, each key once.
    pub fn used(&self) -> Vec<(K, V)> {
        self.with_used(|used| used.iter().map(|&(k, v)| (k, v.clone())).collect())
    }

    /// `f` given what this build used, sorted by key, each key once,
    /// without copying the values (a memo may hold hundreds of megabytes).
    pub fn with_used<R>(&self, f: impl FnOnce(&[(K, &V)]) -> R) -> R {
        let new = lock(&self.new);
        let mut used: Vec<(K, &V)> = self
            .known
            .iter()
            .filter(|(_, (_, used))| used.load(Ordering::Relaxed))
            .map(|(key, (value, _))| (*key, value))
            .chain(new.iter().map(|(key, value)| (*key, value)))
            .collect();
        used.sort_unstable_by_key(|&(key, _)| key);
        used.dedup_by_key(|&mut (key, _)| key);
        f(&used)
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
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
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
        self.out.reserve(8 * (list.len() + 1));
        self.word(list.len() as u64);
        for &w in list {
            self.word(w);
        }
    }

    /// A memo file: `magic`, then the identity of the running dossier
    /// (see [`MemoReader::stamped`]).
    pub fn stamped(magic: &[u8]) -> MemoWriter {
        let mut out = MemoWriter::new(magic);
        out.str(&crate::cache::tool_identity().unwrap_or_default());
        out
    }

    /// Appends a number in as few bytes as it needs (LEB128: seven bits a
    /// byte, the high bit set on all but the last), for the small numbers
    /// of values kept by the hundred thousand.
    pub fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }

    /// Appends a string led by its length as a [`MemoWriter::number`].
    pub fn text(&mut self, s: &str) {
        self.number(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Appends a string, led by its length in bytes.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Appends bytes, led by their length.
    pub fn bytes(&mut self, b: &[u8]) {
        self.word(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    /// Appends what `write` writes as a checked section: its length, its
    /// checksum, then its bytes ([`MemoReader::section`] reads it back).
    pub fn section(&mut self, write: impl FnOnce(&mut MemoWriter)) {
        let head = self.out.len();
        self.out.extend_from_slice(&[0; 16]);
        write(self);
        let payload = &self.out[head + 16..];
        let (len, checksum) = (payload.len() as u64, xxhash_rust::xxh3::xxh3_64(payload));
        self.out[head..head + 8].copy_from_slice(&len.to_le_bytes());
        self.out[head + 8..head + 16].copy_from_slice(&checksum.to_le_bytes());
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

    /// A reader of a memo file written by [`MemoWriter::stamped`], if it
    /// starts with `magic` and was written by this very dossier.
    pub fn stamped(bytes: &'b [u8], magic: &[u8]) -> Option<MemoReader<'b>> {
        let mut r = MemoReader::new(bytes, magic)?;
        let identity = crate::cache::tool_identity()?;
        (r.str()? == identity).then_some(r)
    }

    /// The next word.
    pub fn word(&mut self) -> Option<u64> {
        let (head, rest) = self.rest.split_first_chunk::<8>()?;
        self.rest = rest;
        Some(u64::from_le_bytes(*head))
    }

    /// A number written by [`MemoWriter::number`].
    pub fn number(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.rest.split_first()?;
            self.rest = rest;
            n |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A [`MemoReader::count`] written as a [`MemoWriter::number`].
    pub fn number_count(&mut self, each: usize) -> Option<usize> {
        let n = self.number()?;
        self.fits(n, each)
    }

    /// A string written by [`MemoWriter::text`].
    pub fn text(&mut self) -> Option<&'b str> {
        let n = self.number_count(1)?;
        std::str::from_utf8(self.take(n)).ok()
    }

    /// A count of things of at least `each` bytes, checked against what is
    /// left, so a damaged count cannot ask for a huge allocation.
    pub fn count(&mut self, each: usize) -> Option<usize> {
        let n = self.word()?;
        self.fits(n, each)
    }

    /// `n`, if `n` things of at least `each` bytes fit in what is left.
    fn fits(&self, n: u64, each: usize) -> Option<usize> {
        let n = usize::try_from(n).ok()?;
        (n <= self.rest.len() / each.max(1)).then_some(n)
    }

    /// The next `n` bytes (`n` is known to fit).
    fn take(&mut self, n: usize) -> &'b [u8] {
        let (b, rest) = self.rest.split_at(n);
        self.rest = rest;
        b
    }

    /// A list of words written by [`MemoWriter::words`].
    pub fn words(&mut self) -> Option<Vec<u64>> {
        let n = self.count(8)?;
        // Made at its size in one pass (collecting `word()`s through an
        // `Option` grew the list a word at a time).
        Some(
            self.take(n * 8)
                .chunks_exact(8)
                .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
                .collect(),
        )
    }

    /// A string written by [`MemoWriter::str`].
    pub fn str(&mut self) -> Option<&'b str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// Bytes written by [`MemoWriter::bytes`].
    pub fn bytes(&mut self) -> Option<&'b [u8]> {
        let n = self.count(1)?;
        Some(self.take(n))
    }

    /// A reader of the next section written by [`MemoWriter::section`],
    /// if it is whole and its checksum holds.
    pub fn section(&mut self) -> Option<MemoReader<'b>> {
        let n = self.word()?;
        let checksum = self.word()?;
        let n = self.fits(n, 1)?;
        let payload = self.take(n);
        (xxhash_rust::xxh3::xxh3_64(payload) == checksum).then_some(MemoReader { rest: payload })
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

    // A section reads back whole; cut short or altered, it does not read.
    #[test]
    fn sections_are_checked() {
        let mut w = MemoWriter::new(b"m");
        w.section(|w| w.str("one"));
        w.section(|w| w.words(&[2, 3]));
        let bytes = w.finish();
        let mut r = MemoReader::new(&bytes, b"m").unwrap();
        assert_eq!(r.section().unwrap().str(), Some("one"));
        assert_eq!(r.section().unwrap().words(), Some(vec![2, 3]));
        assert!(r.at_end());
        let mut cut = MemoReader::new(&bytes[..bytes.len() - 1], b"m").unwrap();
        assert!(cut.section().is_some());
        assert!(cut.section().is_none());
        let mut altered = bytes.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        let mut r = MemoReader::new(&altered, b"m").unwrap();
        assert!(r.section().is_some());
        assert!(r.section().is_none());
    }

    // Fresh values are appended while unused ones are under a quarter of
    // what was remembered; a memo not read whole is written whole.
    #[test]
    fn usage_decides_how_a_memo_is_saved() {
        let usage = |remembered, unused, fresh| Usage {
            remembered,
            unused,
            fresh,
        };
        let section = || vec![1];
        let append = MemoSave::Append {
            to_len: 10,
            section: vec![1],
        };
        assert_eq!(usage(8, 0, 0).plan(Some(10), section), MemoSave::Keep);
        assert_eq!(usage(8, 2, 0).plan(Some(10), section), MemoSave::Keep);
        assert_eq!(usage(8, 2, 1).plan(Some(10), section), append);
        assert_eq!(usage(8, 3, 1).plan(Some(10), section), MemoSave::Rewrite);
        assert_eq!(usage(8, 3, 0).plan(Some(10), section), MemoSave::Rewrite);
        assert_eq!(usage(0, 0, 1).plan(None, section), MemoSave::Rewrite);
        assert_eq!(usage(0, 0, 0).plan(None, section), MemoSave::Keep);
        let memo: KeyedMemo<u64, u8> = KeyedMemo::from_known([(1, 1), (2, 2)]);
        memo.recall(1);
        memo.get_or(3, || 3);
        memo.keep(3, 3);
        assert_eq!(memo.usage(), usage(2, 1, 1));
        assert_eq!(
            memo.with_fresh(|fresh| fresh.iter().map(|&(k, &v)| (k, v)).collect::<Vec<_>>()),
            vec![(3, 3)]
        );
    }

    #[test]
    fn numbers_and_texts_take_few_bytes() {
        let mut w = MemoWriter::default();
        for n in [0, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.number(n);
        }
        w.text("Главная");
        let bytes = w.finish();
        assert_eq!(bytes.len(), 1 + 1 + 2 + 2 + 5 + 10 + 1 + "Главная".len());
        let mut r = MemoReader::new(&bytes, b"").unwrap();
        for n in [0, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.number(), Some(n));
        }
        assert_eq!(r.text(), Some("Главная"));
        assert!(r.at_end());
        // Cut short, or with too many continuation bytes: nothing.
        assert_eq!(MemoReader::new(&[0x80], b"").unwrap().number(), None);
        assert_eq!(MemoReader::new(&[0xff; 11], b"").unwrap().number(), None);
        assert_eq!(MemoReader::new(&[9, b'a'], b"").unwrap().text(), None);
    }

    #[test]
    fn stamped_files_are_read_by_the_dossier_that_wrote_them() {
        let mut w = MemoWriter::stamped(b"m\n");
        w.bytes(&[1, 2]);
        let bytes = w.finish();
        let mut r = MemoReader::stamped(&bytes, b"m\n").unwrap();
        assert_eq!(r.bytes(), Some(&[1u8, 2][..]));
        assert!(r.at_end());
        // Another binary's memo (here: another identity) is not read.
        let mut other = MemoWriter::new(b"m\n");
        other.str("dossier 0.0.0 elsewhere");
        other.bytes(&[1, 2]);
        assert!(MemoReader::stamped(&other.finish(), b"m\n").is_none());
    }
}

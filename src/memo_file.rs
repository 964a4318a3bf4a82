//! The binary form of the cache's memo files: little-endian 64-bit words
//! and length-prefixed byte strings after a magic line. A memo only saves
//! time, so reading is all-or-nothing: anything out of place makes the
//! reader give up, and the caller starts from an empty memo.

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

//! What comparing texts for near-duplicates found, remembered between
//! builds.
//!
//! Finding near-duplicates is the costliest part of annotation: every text
//! is cut into word shingles and sketched (a MinHash signature, a sample of
//! shingles), and tens of thousands of candidate pairs of sets of thousands
//! of shingles are compared exactly. On a rebuild after one article changed,
//! all of that is the same as before except for the changed text. A sketch
//! depends only on its text and an overlap only on its two texts, so both
//! are remembered under a fingerprint of the text ([`text_key`]): a changed
//! text has a new fingerprint and is sketched and compared again, and
//! nothing else can make a remembered value wrong.

use xxhash_rust::xxh3::Xxh3;

use crate::memo_file::{KeyedMemo, MemoReader, MemoSave, MemoWriter, SavedMemo};

/// What two texts' shingle sets share: the near-duplicate check and the
/// similarity shown are made from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    /// Shingles in both sets.
    pub common: u32,
    /// The size of the smaller set.
    pub smaller: u32,
}

/// What finding candidate pairs needs of one text's shingle set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sketch {
    /// How many distinct shingles the text has (0 for a text too short to
    /// compare).
    pub shingles: u32,
    /// One key per MinHash band (none for a text without shingles).
    pub bands: Vec<u64>,
    /// The sampled shingles, sorted.
    pub samples: Vec<u64>,
}

/// A pair of text fingerprints, the smaller first.
pub type PairKey = (u64, u64);

/// The fingerprint of a text given as its blocks' hashes (see
/// [`DistinctBlocks`](super::distinct::DistinctBlocks)), under which its
/// sketch and overlaps are remembered. `salt` stands for the way texts are
/// compared (shingle length, number of hashes, sampling), so changing that
/// changes every key.
pub fn text_key(block_hashes: impl IntoIterator<Item = u64>, salt: u64) -> u64 {
    let mut h = Xxh3::with_seed(0x646f_7373_6965_7221 ^ salt);
    for hash in block_hashes {
        h.update(&hash.to_le_bytes());
    }
    h.digest()
}

/// The sketches and overlaps a previous build computed, and the ones this
/// build used.
#[derive(Debug, Default)]
pub struct TextMemo {
    overlaps: KeyedMemo<PairKey, Overlap>,
    sketches: KeyedMemo<u64, Sketch>,
    /// The length of the file it was read from, when read whole.
    read_len: Option<u64>,
}

/// The first bytes of a saved memo; a file without them is ignored.
const MAGIC: &[u8] = b"dossier-text-memo-4\n";

impl TextMemo {
    /// A memo remembering nothing (everything is computed).
    pub fn empty() -> TextMemo {
        TextMemo::default()
    }

    /// How many overlaps and sketches a previous build left.
    pub fn remembered(&self) -> (usize, usize) {
        (self.overlaps.remembered(), self.sketches.remembered())
    }

    /// The overlap of the texts fingerprinted `a` and `b`: remembered, or
    /// computed by `compute` and remembered for the next build.
    pub fn overlap(&self, a: u64, b: u64, compute: impl FnOnce() -> Overlap) -> Overlap {
        self.overlaps.get_or((a.min(b), a.max(b)), compute)
    }

    /// The remembered sketch of the text fingerprinted `key`, if any (then
    /// kept for the next build).
    pub fn recall_sketch(&self, key: u64) -> Option<&Sketch> {
        self.sketches.recall(key)
    }

    /// Keeps `sketch`, just computed for the text fingerprinted `key`, for
    /// the next build.
    pub fn keep_sketch(&self, key: u64, sketch: Sketch) {
        self.sketches.keep(key, sketch);
    }
}

impl SavedMemo for TextMemo {
    /// The memo saved as `bytes` by [`TextMemo::to_bytes`] and appended to
    /// since; empty when they are not a whole saved memo, since a memo only
    /// saves time.
    fn from_bytes(bytes: &[u8]) -> TextMemo {
        MemoReader::stamped(bytes, MAGIC)
            .and_then(read_memo)
            .map(|memo| TextMemo {
                read_len: Some(bytes.len() as u64),
                ..memo
            })
            .unwrap_or_default()
    }

    /// What this build used, in the form [`TextMemo::from_bytes`] reads:
    /// one section of every value used.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = MemoWriter::stamped(MAGIC);
        self.overlaps.with_used(|overlaps| {
            self.sketches
                .with_used(|sketches| out.section(|w| write_section(w, overlaps, sketches)))
        });
        out.finish()
    }

    /// Whether saving the memo would change it.
    fn changed(&self) -> bool {
        self.overlaps.changed() || self.sketches.changed()
    }

    /// A section of the values this build computed, appended, while the
    /// values no longer used are few.
    fn how_to_save(&self) -> MemoSave {
        let usage = self.overlaps.usage() + self.sketches.usage();
        usage.plan(self.read_len, || {
            let mut out = MemoWriter::default();
            self.overlaps.with_fresh(|overlaps| {
                self.sketches
                    .with_fresh(|sketches| out.section(|w| write_section(w, overlaps, sketches)))
            });
            out.finish()
        })
    }
}

/// One section: the overlaps, then the sketches, each list led by its
/// length.
fn write_section(
    out: &mut MemoWriter,
    overlaps: &[(PairKey, &Overlap)],
    sketches: &[(u64, &Sketch)],
) {
    out.word(overlaps.len() as u64);
    for &((a, b), overlap) in overlaps {
        out.word(a);
        out.word(b);
        out.word(u64::from(overlap.common) << 32 | u64::from(overlap.smaller));
    }
    out.word(sketches.len() as u64);
    for &(key, sketch) in sketches {
        out.word(key);
        out.word(u64::from(sketch.shingles));
        out.words(&sketch.bands);
        out.words(&sketch.samples);
    }
}

/// The values of a saved memo, section by section (a later value under a
/// key replaces an earlier: they are the same); `None` at the first thing
/// out of place.
fn read_memo(mut file: MemoReader<'_>) -> Option<TextMemo> {
    let mut overlaps = Vec::new();
    let mut sketches = Vec::new();
    while !file.at_end() {
        let mut r = file.section()?;
        let n = r.count(24)?;
        overlaps.reserve(n);
        for _ in 0..n {
            let key = (r.word()?, r.word()?);
            let counts = r.word()?;
            let overlap = Overlap {
                common: (counts >> 32) as u32,
                smaller: counts as u32,
            };
            overlaps.push((key, overlap));
        }
        let n = r.count(32)?;
        sketches.reserve(n);
        for _ in 0..n {
            let key = r.word()?;
            let sketch = Sketch {
                shingles: u32::try_from(r.word()?).ok()?,
                bands: r.words()?,
                samples: r.words()?,
            };
            sketches.push((key, sketch));
        }
        if !r.at_end() {
            return None;
        }
    }
    Some(TextMemo {
        overlaps: KeyedMemo::from_known(overlaps),
        sketches: KeyedMemo::from_known(sketches),
        read_len: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(common: u32) -> Overlap {
        Overlap {
            common,
            smaller: 40,
        }
    }

    fn sketch(n: u64) -> Sketch {
        Sketch {
            shingles: 90,
            bands: vec![n, n + 1],
            samples: vec![n * 3, n * 5, n * 7],
        }
    }

    #[test]
    fn computes_once_and_round_trips() {
        let memo = TextMemo::empty();
        assert_eq!(memo.overlap(9, 3, || some(7)), some(7));
        assert_eq!(memo.overlap(1, 2, || some(5)), some(5));
        assert_eq!(memo.recall_sketch(4), None);
        memo.keep_sketch(4, sketch(4));
        assert!(memo.changed());
        let again = TextMemo::from_bytes(&memo.to_bytes());
        assert_eq!(again.remembered(), (2, 1));
        // Remembered under the pair, whichever order it is asked in.
        assert_eq!(again.overlap(3, 9, || panic!("recomputed")), some(7));
        assert_eq!(again.overlap(2, 1, || panic!("recomputed")), some(5));
        assert_eq!(again.recall_sketch(4), Some(&sketch(4)));
        assert!(!again.changed());
        assert_eq!(TextMemo::from_bytes(&again.to_bytes()).remembered(), (2, 1));
    }

    #[test]
    fn unused_entries_are_not_kept() {
        let memo = TextMemo::empty();
        memo.overlap(1, 2, || some(1));
        memo.overlap(3, 4, || some(2));
        memo.overlap(4, 3, || some(2));
        memo.keep_sketch(5, sketch(5));
        memo.keep_sketch(6, sketch(6));
        let next = TextMemo::from_bytes(&memo.to_bytes());
        next.overlap(1, 2, || panic!("recomputed"));
        next.recall_sketch(6);
        assert!(
            next.changed(),
            "a remembered overlap and sketch went unused"
        );
        let last = TextMemo::from_bytes(&next.to_bytes());
        assert_eq!(last.remembered(), (1, 1));
        assert_eq!(last.recall_sketch(6), Some(&sketch(6)));
    }

    #[test]
    fn damaged_bytes_are_an_empty_memo() {
        let memo = TextMemo::empty();
        memo.overlap(1, 2, || some(1));
        memo.keep_sketch(5, sketch(5));
        let bytes = memo.to_bytes();
        for cut in [1, 8, 9] {
            let short = TextMemo::from_bytes(&bytes[..bytes.len() - cut]);
            assert_eq!(short.remembered(), (0, 0), "cut {cut}");
        }
        let mut huge = bytes.clone();
        // The overlaps' count, after the magic line and the stamp.
        let count_at = MemoWriter::stamped(MAGIC).finish().len();
        huge[count_at..count_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(TextMemo::from_bytes(&huge).remembered(), (0, 0));
        assert_eq!(TextMemo::from_bytes(b"something else").remembered(), (0, 0));
        assert_eq!(TextMemo::from_bytes(&[]).remembered(), (0, 0));
    }

    #[test]
    fn text_key_follows_blocks_and_salt() {
        let key = text_key([1, 2], 1);
        assert_eq!(key, text_key([1, 2], 1));
        assert_ne!(key, text_key([2, 1], 1));
        assert_ne!(key, text_key([1, 2, 0], 1));
        assert_ne!(key, text_key([1, 2], 2));
    }
}

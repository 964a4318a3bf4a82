//! Overlaps of shingle sets remembered between builds.
//!
//! Checking a near-duplicate candidate pair exactly is the costliest part of
//! annotation (tens of thousands of pairs of sets of thousands of shingles
//! on a large dossier), and on a rebuild after one article changed almost
//! every pair is the same as before. An overlap depends only on the two
//! sets, so it is remembered under the sets' fingerprints: a changed text has
//! a new fingerprint and is compared again, and nothing else can make a
//! remembered overlap wrong.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// What two shingle sets share: the near-duplicate check and the
/// similarity shown are made from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    /// Shingles in both sets.
    pub common: u32,
    /// The size of the smaller set.
    pub smaller: u32,
}

/// A pair of shingle-set fingerprints, the smaller first.
pub type PairKey = (u64, u64);

/// The overlaps a previous build computed, and the ones this build used
/// (which are what is worth keeping for the next).
#[derive(Debug, Default)]
pub struct OverlapMemo {
    known: HashMap<PairKey, Overlap>,
    used: Mutex<Vec<(PairKey, Overlap)>>,
}

/// The first bytes of a saved memo; a file without them is ignored.
const MAGIC: &[u8] = b"dossier-overlaps-1\n";

/// Bytes of one saved record: two fingerprints and two counts.
const RECORD: usize = 24;

impl OverlapMemo {
    /// A memo remembering nothing (every overlap is computed).
    pub fn empty() -> OverlapMemo {
        OverlapMemo::default()
    }

    /// The memo saved as `bytes` by [`OverlapMemo::to_bytes`]; empty when
    /// they are not a whole saved memo, since a memo only saves time.
    pub fn from_bytes(bytes: &[u8]) -> OverlapMemo {
        let Some(records) = bytes.strip_prefix(MAGIC) else {
            return OverlapMemo::empty();
        };
        if records.len() % RECORD != 0 {
            return OverlapMemo::empty();
        }
        let word = |r: &[u8], at: usize| u64::from_le_bytes(r[at..at + 8].try_into().unwrap());
        let count = |r: &[u8], at: usize| u32::from_le_bytes(r[at..at + 4].try_into().unwrap());
        let known = records
            .chunks_exact(RECORD)
            .map(|r| {
                let overlap = Overlap {
                    common: count(r, 16),
                    smaller: count(r, 20),
                };
                ((word(r, 0), word(r, 8)), overlap)
            })
            .collect();
        OverlapMemo {
            known,
            used: Mutex::default(),
        }
    }

    /// The overlaps this build used, sorted, in the form
    /// [`OverlapMemo::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner()).clone();
        used.sort_unstable_by_key(|&(key, _)| key);
        used.dedup_by_key(|&mut (key, _)| key);
        let mut out = Vec::with_capacity(MAGIC.len() + used.len() * RECORD);
        out.extend_from_slice(MAGIC);
        for ((a, b), overlap) in used {
            out.extend_from_slice(&a.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
            out.extend_from_slice(&overlap.common.to_le_bytes());
            out.extend_from_slice(&overlap.smaller.to_le_bytes());
        }
        out
    }

    /// How many overlaps a previous build left.
    pub fn remembered(&self) -> usize {
        self.known.len()
    }

    /// Whether this build computed an overlap the memo did not hold, or
    /// left one unused (so saving it would change the file).
    pub fn changed(&self) -> bool {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        // A pair may be asked for more than once (from each side).
        let distinct: HashSet<PairKey> = used.iter().map(|&(key, _)| key).collect();
        distinct.len() != self.known.len()
            || distinct.iter().any(|key| !self.known.contains_key(key))
    }

    /// The overlap of the sets fingerprinted `a` and `b`: remembered, or
    /// computed by `compute` and remembered for the next build.
    pub fn overlap(&self, a: u64, b: u64, compute: impl FnOnce() -> Overlap) -> Overlap {
        let key = (a.min(b), a.max(b));
        let overlap = self.known.get(&key).copied().unwrap_or_else(compute);
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, overlap));
        overlap
    }
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

    #[test]
    fn computes_once_and_round_trips() {
        let memo = OverlapMemo::empty();
        assert_eq!(memo.overlap(9, 3, || some(7)), some(7));
        assert_eq!(memo.overlap(1, 2, || some(5)), some(5));
        assert!(memo.changed());
        let again = OverlapMemo::from_bytes(&memo.to_bytes());
        assert_eq!(again.remembered(), 2);
        // Remembered under the pair, whichever order it is asked in.
        assert_eq!(again.overlap(3, 9, || panic!("recomputed")), some(7));
        assert_eq!(again.overlap(2, 1, || panic!("recomputed")), some(5));
        assert!(!again.changed());
    }

    #[test]
    fn unused_overlaps_are_not_kept() {
        let memo = OverlapMemo::empty();
        memo.overlap(1, 2, || some(1));
        memo.overlap(3, 4, || some(2));
        memo.overlap(4, 3, || some(2));
        let next = OverlapMemo::from_bytes(&memo.to_bytes());
        next.overlap(1, 2, || panic!("recomputed"));
        assert!(next.changed(), "one remembered overlap went unused");
        assert_eq!(OverlapMemo::from_bytes(&next.to_bytes()).remembered(), 1);
    }

    #[test]
    fn damaged_bytes_are_an_empty_memo() {
        let memo = OverlapMemo::empty();
        memo.overlap(1, 2, || some(1));
        let bytes = memo.to_bytes();
        assert_eq!(
            OverlapMemo::from_bytes(&bytes[..bytes.len() - 1]).remembered(),
            0
        );
        assert_eq!(OverlapMemo::from_bytes(b"something else").remembered(), 0);
        assert_eq!(OverlapMemo::from_bytes(&[]).remembered(), 0);
    }
}

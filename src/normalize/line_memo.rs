//! Each text's own lines for [`recurring_lines`](super::recurring_lines),
//! remembered between builds.
//!
//! Finding a site's recurring lines reads every article of the corpus on
//! every build, because its result is part of each article's cache key. The
//! part that reads one text alone (its short candidate lines and its edge
//! lines) depends only on that text, so it is remembered under a
//! fingerprint of the text; only the counting across texts runs each time.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::recurring::{OwnLines, Region};
use crate::memo_file::{KeyedMemo, MemoReader, MemoSave, MemoWriter, SavedMemo};

/// Texts' own lines, by fingerprint of the text.
#[derive(Debug, Default)]
pub struct LineMemo {
    known: KeyedMemo<u64, OwnLines>,
    /// The length of the file it was read from, when read whole.
    read_len: Option<u64>,
}

/// The first bytes of a saved memo; a file without them is ignored.
const MAGIC: &[u8] = b"dossier-line-memo-5\n";

const REGIONS: [Region; 3] = [Region::Head, Region::Body, Region::Tail];

impl LineMemo {
    /// A memo remembering nothing.
    pub fn empty() -> LineMemo {
        LineMemo::default()
    }

    /// The own lines of the text fingerprinted `digest`: remembered, or
    /// read by `read` and kept.
    pub(super) fn own_lines(
        &self,
        digest: u128,
        read: impl FnOnce() -> OwnLines,
    ) -> Cow<'_, OwnLines> {
        let key = key(digest);
        match self.known.recall(key) {
            Some(own) => Cow::Borrowed(own),
            None => {
                let own = read();
                self.known.keep(key, own.clone());
                Cow::Owned(own)
            }
        }
    }

    /// Whether the memo holds the own lines of the text fingerprinted
    /// `digest` (then the text need not be read for them).
    pub fn knows(&self, digest: u128) -> bool {
        self.known.knows(key(digest))
    }
}

/// A text's key in the memo, from its fingerprint
/// ([`crate::ingest::text_digest`]).
fn key(digest: u128) -> u64 {
    xxh3_64_with_seed(&digest.to_le_bytes(), 0x6c69_6e65_7321)
}

impl SavedMemo for LineMemo {
    /// The memo saved as `bytes` by [`LineMemo::to_bytes`] and appended to
    /// since; empty when they are not a whole saved memo.
    fn from_bytes(bytes: &[u8]) -> LineMemo {
        MemoReader::stamped(bytes, MAGIC)
            .and_then(read_memo)
            .map(|known| LineMemo {
                known: KeyedMemo::from_known(known),
                read_len: Some(bytes.len() as u64),
            })
            .unwrap_or_default()
    }

    /// What this build used, in the form [`LineMemo::from_bytes`] reads:
    /// one section of every text's lines used.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = MemoWriter::stamped(MAGIC);
        self.known
            .with_used(|used| out.section(|w| write_section(w, used)));
        out.finish()
    }

    /// Whether saving the memo would change it.
    fn changed(&self) -> bool {
        self.known.changed()
    }

    /// A section of the texts read this build, appended, while the texts
    /// no longer in the corpus are few.
    fn how_to_save(&self) -> MemoSave {
        self.known.usage().plan(self.read_len, || {
            let mut out = MemoWriter::default();
            self.known
                .with_fresh(|fresh| out.section(|w| write_section(w, fresh)));
            out.finish()
        })
    }
}

/// One section: the number of texts, then each text's key, candidate lines
/// and edge lines.
fn write_section(out: &mut MemoWriter, texts: &[(u64, &OwnLines)]) {
    out.word(texts.len() as u64);
    for &(key, own) in texts {
        out.word(key);
        out.word(own.candidates.len() as u64);
        for (line, region) in &own.candidates {
            let index = REGIONS.iter().position(|r| r == region).unwrap_or(0);
            out.word(index as u64);
            out.str(line);
        }
        // Edge lines are candidates too (see `OwnLines::edges`): kept as
        // their place in the list.
        let places: Vec<u64> = own
            .edges
            .iter()
            .filter_map(|edge| own.candidates.iter().position(|(line, _)| line == edge))
            .map(|i| i as u64)
            .collect();
        out.words(&places);
    }
}

/// The texts' lines of a saved memo, section by section; `None` at the
/// first thing out of place.
fn read_memo(mut file: MemoReader<'_>) -> Option<HashMap<u64, OwnLines>> {
    let mut known = HashMap::new();
    while !file.at_end() {
        let mut r = file.section()?;
        for _ in 0..r.count(24)? {
            let key = r.word()?;
            let n = r.count(16)?;
            let mut candidates = Vec::with_capacity(n);
            for _ in 0..n {
                let region = *REGIONS.get(usize::try_from(r.word()?).ok()?)?;
                candidates.push((r.str()?.to_owned(), region));
            }
            let mut edges = BTreeSet::new();
            for place in r.words()? {
                let (line, _) = candidates.get(usize::try_from(place).ok()?)?;
                edges.insert(line.clone());
            }
            known.insert(key, OwnLines { candidates, edges });
        }
        if !r.at_end() {
            return None;
        }
    }
    Some(known)
}

#[cfg(test)]
mod tests {
    use super::super::recurring::recurring_lines_with;
    use super::*;

    fn site(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    "Institute of Studies\nNews Analysis\nArticle {i} talks about fisheries near the islands, at length and in detail.\nJoin the Friends of the Institute\n"
                )
            })
            .collect()
    }

    // Lines read from the memo give the same result as lines read afresh;
    // a changed text is read again.
    #[test]
    fn remembered_lines_give_the_same_result() {
        let mut texts = site(4);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let memo = LineMemo::empty();
        let cold = recurring_lines_with(&refs, &memo);
        assert!(cold[0].contains("Join the Friends of the Institute"));
        let again = LineMemo::from_bytes(&memo.to_bytes());
        assert_eq!(again.known.remembered(), 4);
        assert_eq!(recurring_lines_with(&refs, &again), cold);
        assert!(!again.changed());

        texts[1].push_str("A new line at the foot of one article\n");
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let edited = LineMemo::from_bytes(&memo.to_bytes());
        assert_eq!(
            recurring_lines_with(&refs, &edited),
            recurring_lines_with(&refs, &LineMemo::empty())
        );
        assert!(edited.changed());
    }

    #[test]
    fn damaged_bytes_are_an_empty_memo() {
        let texts = site(2);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let memo = LineMemo::empty();
        recurring_lines_with(&refs, &memo);
        let bytes = memo.to_bytes();
        assert_eq!(LineMemo::from_bytes(&bytes).known.remembered(), 2);
        assert_eq!(
            LineMemo::from_bytes(&bytes[..bytes.len() - 1])
                .known
                .remembered(),
            0
        );
        assert_eq!(
            LineMemo::from_bytes(b"dossier-line-memo-1\nxx")
                .known
                .remembered(),
            0
        );
    }
}

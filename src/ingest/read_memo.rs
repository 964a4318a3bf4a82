//! What reading each plain-text file gave, remembered between builds by
//! the file's stamp (size, times and identity on its file system).
//!
//! A rebuild after one article changed read and decoded the whole corpus
//! again only to hash it: every cache key downstream is a fingerprint of
//! the text. A file whose stamp is the one it had when it was read keeps
//! its text's fingerprint (and how it was decoded), and is read again only
//! if a later stage needs its text.
//!
//! The stamp includes the change time, which no program can set, so an
//! edit that keeps the size and puts the modification time back is still
//! seen. A file changed less than [`SETTLED`] before it was read is not
//! remembered: file system clocks tick coarsely (two seconds on FAT), and a
//! second edit within the same tick would leave the stamp as it was.

use std::path::Path;
use std::time::{Duration, SystemTime};

use xxhash_rust::xxh3::xxh3_64;

use crate::memo_file::{KeyedMemo, MemoReader, MemoWriter, SavedMemo};

/// How long before it is read a file must have last changed for its stamp
/// to be trusted next time.
pub const SETTLED: Duration = Duration::from_secs(2);

/// The first bytes of a saved memo; a file without them is ignored.
const MAGIC: &[u8] = b"dossier-read-memo-1\n";

/// A file's size, modification and change times, device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    /// Seconds and nanoseconds since the epoch, as the file system says.
    modified: (i64, i64),
    changed: (i64, i64),
    dev: u64,
    ino: u64,
}

impl FileStamp {
    /// The stamp of the file at `path`; `None` where it cannot be told
    /// (no change time outside Unix), and then the file is always read.
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<FileStamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: m.size(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
            dev: m.dev(),
            ino: m.ino(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_path: &Path) -> Option<FileStamp> {
        None
    }

    /// Whether the file last changed at least `SETTLED` before `read`.
    pub fn settled_before(&self, read: SystemTime) -> bool {
        let at = |(secs, nanos): (i64, i64)| {
            let secs = u64::try_from(secs).ok()?;
            let nanos = u32::try_from(nanos).ok()?;
            SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
        };
        [self.modified, self.changed]
            .into_iter()
            .all(|time| at(time).is_some_and(|t| t + SETTLED <= read))
    }

    fn words(&self) -> [u64; 7] {
        [
            self.len,
            self.modified.0 as u64,
            self.modified.1 as u64,
            self.changed.0 as u64,
            self.changed.1 as u64,
            self.dev,
            self.ino,
        ]
    }

    fn from_words(w: [u64; 7]) -> FileStamp {
        FileStamp {
            len: w[0],
            modified: (w[1] as i64, w[2] as i64),
            changed: (w[3] as i64, w[4] as i64),
            dev: w[5],
            ino: w[6],
        }
    }
}

/// What reading a file gave, but its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFacts {
    /// The text's fingerprint ([`super::text_digest`]).
    pub digest: u128,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Whether some bytes were invalid and replaced.
    pub lossy: bool,
}

/// One remembered file.
#[derive(Debug, Clone)]
struct Record {
    /// Relative to the corpus folder (the memo's key is its hash).
    path: String,
    stamp: FileStamp,
    facts: ReadFacts,
}

/// The files a previous build read, and the ones this build read or
/// reused.
#[derive(Debug, Default)]
pub struct ReadMemo(KeyedMemo<u64, Record>);

impl ReadMemo {
    /// A memo remembering nothing.
    pub fn empty() -> ReadMemo {
        ReadMemo::default()
    }

    /// What reading `path` (relative to the corpus) gave, if the file's
    /// stamp is still `stamp`.
    pub fn recall(&self, path: &str, stamp: &FileStamp) -> Option<ReadFacts> {
        self.0.recall_if(xxh3_64(path.as_bytes()), |r| {
            (r.path == path && r.stamp == *stamp).then(|| r.facts.clone())
        })
    }

    /// Remembers what reading `path` gave, its file stamped `stamp`.
    pub fn keep(&self, path: &str, stamp: FileStamp, facts: ReadFacts) {
        let record = Record {
            path: path.to_string(),
            stamp,
            facts,
        };
        self.0.keep(xxh3_64(path.as_bytes()), record);
    }
}

impl SavedMemo for ReadMemo {
    fn from_bytes(bytes: &[u8]) -> ReadMemo {
        MemoReader::stamped(bytes, MAGIC)
            .and_then(read_memo)
            .map(|known| ReadMemo(KeyedMemo::from_known(known)))
            .unwrap_or_default()
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = MemoWriter::stamped(MAGIC);
        self.0.with_used(|used| {
            out.word(used.len() as u64);
            for (key, r) in used {
                out.word(*key);
                out.str(&r.path);
                for w in r.stamp.words() {
                    out.word(w);
                }
                out.word(r.facts.digest as u64);
                out.word((r.facts.digest >> 64) as u64);
                out.str(r.facts.encoding);
                out.word(u64::from(r.facts.lossy));
            }
        });
        out.finish()
    }

    fn changed(&self) -> bool {
        self.0.changed()
    }
}

/// The records of a saved memo; `None` at the first thing out of place.
fn read_memo(mut r: MemoReader<'_>) -> Option<Vec<(u64, Record)>> {
    let n = r.count(8 * 12)?;
    let mut known = Vec::with_capacity(n);
    for _ in 0..n {
        let key = r.word()?;
        let path = r.str()?.to_string();
        let mut stamp = [0; 7];
        for w in &mut stamp {
            *w = r.word()?;
        }
        let digest = u128::from(r.word()?) | u128::from(r.word()?) << 64;
        // Names the decoder gave: known to encoding_rs, which has them as
        // `&'static str`.
        let encoding = encoding_rs::Encoding::for_label(r.str()?.as_bytes())?.name();
        let lossy = r.word()? != 0;
        known.push((
            key,
            Record {
                path,
                stamp: FileStamp::from_words(stamp),
                facts: ReadFacts {
                    digest,
                    encoding,
                    lossy,
                },
            },
        ));
    }
    r.at_end().then_some(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(len: u64) -> FileStamp {
        FileStamp {
            len,
            modified: (1_700_000_000, 5),
            changed: (1_700_000_001, 7),
            dev: 3,
            ino: 42,
        }
    }

    fn facts(digest: u128) -> ReadFacts {
        ReadFacts {
            digest,
            encoding: "windows-1251",
            lossy: true,
        }
    }

    // Facts come back for the same path and stamp only, across a save.
    #[test]
    fn recalls_by_path_and_stamp() {
        let memo = ReadMemo::empty();
        memo.keep("a.txt", stamp(10), facts(u128::MAX - 1));
        let again = ReadMemo::from_bytes(&memo.to_bytes());
        assert_eq!(
            again.recall("a.txt", &stamp(10)),
            Some(facts(u128::MAX - 1))
        );
        assert_eq!(again.recall("a.txt", &stamp(11)), None);
        assert_eq!(again.recall("b.txt", &stamp(10)), None);
        let mut touched = stamp(10);
        touched.changed.1 += 1;
        assert_eq!(again.recall("a.txt", &touched), None);
        assert!(!again.changed());
        let short = memo.to_bytes();
        assert!(
            ReadMemo::from_bytes(&short[..short.len() - 1])
                .recall("a.txt", &stamp(10))
                .is_none()
        );
    }

    // Only a file that has not changed for a while is trusted by its stamp.
    #[test]
    fn settles_after_the_clock_tick() {
        let s = stamp(1);
        let changed = SystemTime::UNIX_EPOCH + Duration::new(1_700_000_001, 7);
        assert!(!s.settled_before(changed));
        assert!(!s.settled_before(changed + SETTLED / 2));
        assert!(s.settled_before(changed + SETTLED));
    }

    #[cfg(unix)]
    #[test]
    fn a_rewrite_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap();
        let first = FileStamp::of(&path).unwrap();
        assert_eq!(FileStamp::of(&path), Some(first));
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&path, "two").unwrap();
        assert_ne!(FileStamp::of(&path), Some(first));
    }
}

//! The article cache: cleaned and annotated articles kept on disk between
//! builds, so a rebuild redoes only the articles that changed.
//!
//! An entry is keyed by a 128-bit hash (XXH3) of everything the clean and
//! extract stages read: the article's path, decoded text and encoding, its
//! sidecar, the fallback language, and the identity of the running dossier
//! (version plus the executable's size and modification time, so a rebuilt
//! binary with changed rules never reuses an old entry). Entries are bincode
//! records in one [`PackCache`] file,
//! `<output's parent>/.dossier-cache/articles.pack`, beside the output folder
//! and not in it, because the output folder is replaced as a whole on every
//! build. One file rather than one per article: creating thousands of small
//! files costs more than cleaning the articles.
//! The cache only saves time: a missing, unreadable or corrupt entry is a
//! miss, and a failed write is ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::error::{Diagnostics, Severity};
use crate::extract::{Article, Confidence, Footnote, Meta, Origin};
use crate::ingest::RawDoc;
use crate::memo::{Fingerprint, MemoKey};
use crate::memo_file::{MemoSave, SavedMemo};
use crate::normalize::{Block, BlockKind, Removed};

/// The cache folder's name, next to the output folder.
pub const CACHE_DIR: &str = ".dossier-cache";

/// Bumped whenever the entry format below changes.
const FORMAT: &str = "dossier-article-cache-4";

/// The pack of cleaned articles, in the cache folder.
pub const ARTICLE_PACK: &str = "articles.pack";

/// The pack of the EPUB's compressed files, in the cache folder.
pub const EPUB_PACK: &str = "epub-files.pack";

/// What comparing texts found (see [`TextMemo`](crate::annotate::text_memo::TextMemo)),
/// in the cache folder.
pub const TEXT_MEMO: &str = "texts.memo";

/// What reading each block found (see
/// [`BlockMemo`](crate::annotate::block_memo::BlockMemo)), in the cache folder.
pub const BLOCK_MEMO: &str = "blocks.memo";

/// What reading each plain-text file gave, by its file's stamp (see
/// [`ReadMemo`](crate::ingest::ReadMemo)), in the cache folder.
pub const READ_MEMO: &str = "reads.memo";

/// Each text's own lines for finding recurring lines (see
/// [`LineMemo`](crate::normalize::LineMemo)),
/// in the cache folder.
pub const LINE_MEMO: &str = "lines.memo";

/// The memo `name` a previous build left in the cache folder `dir` (empty
/// when there is none or it cannot be read).
pub fn load_memo<M: SavedMemo>(dir: &Path, name: &str) -> M {
    // Mapped, not read: the memo is parsed once, and a copy would cost
    // fresh (zeroed) pages for every byte of it.
    M::from_bytes(&PackBytes::open(&dir.join(name)))
}

/// [`load_memo`] on a thread of its own, for a memo needed only later in
/// the build: [`LoadingMemo::wait`] gives it.
pub fn load_memo_in_background<M: SavedMemo + Send + 'static>(
    dir: PathBuf,
    name: &'static str,
) -> LoadingMemo<M> {
    LoadingMemo(load_in_background(move || load_memo(&dir, name)))
}

/// A memo being read by [`load_memo_in_background`].
#[derive(Debug)]
pub struct LoadingMemo<M>(Loading<M>);

impl<M: SavedMemo> LoadingMemo<M> {
    /// The memo, once read; empty when no thread could read it (the memo
    /// only saves time).
    pub fn wait(self) -> M {
        self.0.wait().unwrap_or_else(|| M::from_bytes(&[]))
    }
}

/// Makes a value on a thread of its own, for a cache opened while the
/// build does something else: reading a pack or memo is serial work.
pub fn load_in_background<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Loading<T> {
    Loading(std::thread::Builder::new().spawn(job).ok())
}

/// A value being made by [`load_in_background`].
#[derive(Debug)]
pub struct Loading<T>(Option<std::thread::JoinHandle<T>>);

impl<T> Loading<T> {
    /// The value, once made; `None` when no thread could be started (or
    /// the job panicked): a cache then goes unused, which only costs time.
    pub fn wait(self) -> Option<T> {
        self.0.and_then(|handle| handle.join().ok())
    }
}

/// Keeps what this build used of a memo for the next, when it differs from
/// what was there: a section appended when the memo says that is enough
/// ([`MemoSave`]), else the whole memo. Best effort, like every cache
/// write: a whole memo goes through a temporary file and a rename, and a
/// failure leaves no memo.
pub fn save_memo<M: SavedMemo>(dir: &Path, name: &str, memo: &M) {
    let path = dir.join(name);
    match memo.how_to_save() {
        MemoSave::Keep => {}
        MemoSave::Append { to_len, section } if append_to(&path, to_len, &section) => {}
        MemoSave::Append { .. } | MemoSave::Rewrite => write_atomically(&path, &memo.to_bytes()),
    }
}

/// Appends `bytes` to the file at `path` if it is `len` bytes long (still
/// the file they extend); false when it is not, or cannot be written
/// (then a part written is removed with the file).
fn append_to(path: &Path, len: u64, bytes: &[u8]) -> bool {
    let Ok(mut file) = fs::OpenOptions::new().append(true).open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(len) {
        return false;
    }
    if file.write_all(bytes).is_err() {
        let _ = fs::remove_file(path);
        return false;
    }
    true
}

/// [`save_memo`] on a thread of its own (see [`in_background`]).
#[must_use = "the memo is saved by the time the guard is dropped"]
pub fn save_memo_in_background<M: SavedMemo + Send + 'static>(
    dir: PathBuf,
    name: &'static str,
    memo: M,
) -> BackgroundJob {
    in_background(move || save_memo(&dir, name, &memo))
}

/// Runs `job` on a thread of its own, so the build goes on meanwhile; the
/// returned guard waits for it when dropped (on every path out of the
/// build, errors included). With no thread to be had, the job is dropped
/// unrun: a cache write is skipped (the cache only saves time), and what
/// the job owns is freed at once.
#[must_use = "the job is done by the time the guard is dropped"]
pub fn in_background(job: impl FnOnce() + Send + 'static) -> BackgroundJob {
    BackgroundJob(std::thread::Builder::new().spawn(job).ok())
}

/// Waits, when dropped, for a job [`in_background`] is running.
#[derive(Debug)]
pub struct BackgroundJob(Option<std::thread::JoinHandle<()>>);

impl Drop for BackgroundJob {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

/// Writes `bytes` to `path` through a temporary file renamed over it, so a
/// reader never sees half a file; on failure, removes both.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let written = path
        .parent()
        .map_or(Ok(()), fs::create_dir_all)
        .and_then(|()| fs::write(&tmp, bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
        let _ = fs::remove_file(path);
    }
}

/// The cache folder for an output folder: its sibling [`CACHE_DIR`].
pub fn cache_dir(out_dir: &Path) -> PathBuf {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(CACHE_DIR)
}

/// The cached articles: a [`PackCache`] of bincode entries, plus the entries
/// this build adds, written when it ends ([`ArticleCache::retain`]).
#[derive(Debug)]
pub struct ArticleCache {
    pack: PackCache,
    dir: PathBuf,
    added: Mutex<Vec<(PackKey, Vec<u8>)>>,
}

/// What [`ArticleCache::key`] needs besides the document: the inputs of
/// the clean and extract stages that do not come from the file.
#[derive(Debug, Clone, Copy)]
pub struct KeyInputs<'a> {
    /// The path diagnostics name the file by.
    pub shown_path: &'a Path,
    /// The dossier's language, used when an article's cannot be detected.
    pub fallback_language: &'a str,
    /// What else decides how the article is cleaned: the user's patterns, its
    /// site profile, and the lines it shares with its site's other articles.
    pub context: &'a str,
}

impl ArticleCache {
    /// The cache in `dir`, or `None` when the running program cannot be
    /// identified (then a stale entry could not be told from a fresh one).
    pub fn open(dir: &Path) -> Option<ArticleCache> {
        Some(ArticleCache {
            pack: PackCache::open(dir, ARTICLE_PACK)?,
            dir: dir.to_path_buf(),
            added: Mutex::new(Vec::new()),
        })
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entry's key for `doc`, whose text has the fingerprint
    /// `text_digest` ([`crate::ingest::text_digest`]; the text itself may
    /// not have been read), in hex.
    pub fn key(&self, doc: &RawDoc, text_digest: u128, inputs: KeyInputs<'_>) -> String {
        let sidecar = format!("{:?}", doc.sidecar);
        let format = format!("{:?}|{:?}", doc.format, doc.embedded);
        let shown = inputs.shown_path.to_string_lossy();
        let path = doc.path.to_string_lossy();
        // The sidecar as parsed: its Debug form is stable for one build of
        // the tool, and the tool's identity is part of every pack key.
        let key = self.pack.key(&[
            FORMAT.as_bytes(),
            path.as_bytes(),
            shown.as_bytes(),
            inputs.fallback_language.as_bytes(),
            doc.encoding.as_bytes(),
            sidecar.as_bytes(),
            format.as_bytes(),
            inputs.context.as_bytes(),
            &text_digest.to_le_bytes(),
        ]);
        key.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The article and its diagnostics stored under `key`, if any.
    pub fn get(&self, key: &str) -> Option<(Article, Diagnostics)> {
        let bytes = self.pack.get(&parse_key(key)?)?;
        // The limit keeps a damaged length from asking for more than the
        // bytes hold.
        let entry: Entry = bincode::DefaultOptions::new()
            .with_limit(bytes.len() as u64)
            .deserialize(bytes)
            .ok()?;
        Some(entry.into_parts())
    }

    /// Stores `article` and its diagnostics under `key`, in memory until
    /// [`ArticleCache::retain`] writes them.
    pub fn put(&self, key: &str, article: &Article, diags: &Diagnostics) {
        let Some(key) = parse_key(key) else {
            return;
        };
        let Ok(bytes) =
            bincode::DefaultOptions::new().serialize(&Entry::from_parts(article, diags))
        else {
            return;
        };
        self.added
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, bytes));
    }

    /// Writes the pack for the entries whose key is in `live` (the current
    /// corpus): the ones added by this build join; the others are dropped
    /// when the pack is next rewritten (see [`PackCache::save`]). Returns how
    /// many stored entries were dropped now.
    pub fn retain(&self, live: &BTreeSet<String>) -> usize {
        let added = self.added.lock().unwrap_or_else(|e| e.into_inner());
        let dropped = self.pack.save(&self.used(live, &added));
        // The per-file layout of earlier versions is only clutter now.
        let _ = fs::remove_dir_all(self.dir.join("articles"));
        dropped
    }

    /// [`ArticleCache::retain`] on a thread of its own (see
    /// [`in_background`]); returns at once how many stored entries it drops.
    pub fn retain_in_background(self, live: BTreeSet<String>) -> (usize, BackgroundJob) {
        let dropped = {
            let added = self.added.lock().unwrap_or_else(|e| e.into_inner());
            self.pack.dropped_by_save(&self.used(&live, &added))
        };
        (
            dropped,
            in_background(move || {
                self.retain(&live);
            }),
        )
    }

    /// The entries to keep for the keys in `live`: the stored ones as the
    /// pack gives them, and the ones this build `added`.
    fn used<'a>(
        &'a self,
        live: &BTreeSet<String>,
        added: &'a [(PackKey, Vec<u8>)],
    ) -> Vec<(PackKey, &'a [u8])> {
        let live: BTreeSet<PackKey> = live.iter().filter_map(|k| parse_key(k)).collect();
        // A stored entry that was read back as corrupt was added again: the
        // new one wins.
        let mut used: BTreeMap<PackKey, &[u8]> = self
            .pack
            .keys()
            .filter(|key| live.contains(*key))
            .filter_map(|key| Some((*key, self.pack.get(key)?)))
            .collect();
        for (key, bytes) in added.iter().filter(|(key, _)| live.contains(key)) {
            used.insert(*key, bytes);
        }
        used.into_iter().collect()
    }
}

/// The bytes of a hex key.
fn parse_key(hex: &str) -> Option<PackKey> {
    let bytes = hex.as_bytes();
    if bytes.len() != 2 * PACK_KEY_BYTES {
        return None;
    }
    let mut key = [0u8; PACK_KEY_BYTES];
    for (i, pair) in bytes.chunks(2).enumerate() {
        let pair = std::str::from_utf8(pair).ok()?;
        key[i] = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(key)
}

/// A [`PackCache`] key: the [`Fingerprint`] of the blob's inputs and the
/// dossier binary (a cache key, not a signature).
pub type PackKey = MemoKey;

/// The length of a [`PackKey`].
const PACK_KEY_BYTES: usize = std::mem::size_of::<PackKey>();

/// The first bytes of a pack file; bumped whenever its layout changes.
const PACK_MAGIC: &[u8; 8] = b"dpack-02";

/// Bytes of a record besides its blob: the key and the blob's length.
const RECORD_HEAD: usize = PACK_KEY_BYTES + 8;

/// Blobs of bytes in one file, each keyed by a hash of what it was made
/// from (the article cache's entries, the EPUB's compressed files). One
/// file rather than one per blob, because a build reads thousands of them
/// and creating a file costs more than writing a blob.
///
/// The file is the magic bytes, then records: key, blob length (u64, little
/// endian), blob. It is mapped into memory when opened (see [`PackBytes`]);
/// [`PackCache::save`] appends
/// the new blobs and rewrites the file only when more than a third of it
/// would be blobs no longer used, so a build that changed one article writes
/// one record, and one after a new dossier binary rewrites the pack. Like
/// the article cache it only saves time: a missing, short or
/// corrupt file is an empty pack, and a failed write leaves none. Keys
/// include the running dossier's identity, so a rebuilt binary never reuses
/// a blob.
#[derive(Debug)]
pub struct PackCache {
    path: PathBuf,
    tool: String,
    data: Arc<PackBytes>,
    index: BTreeMap<PackKey, Range<usize>>,
    /// Whether `data` is a pack and nothing but whole records (so records
    /// can be appended to it).
    whole: bool,
}

impl PackCache {
    /// The pack `name` in the cache folder `dir` (empty if there is none
    /// yet), or `None` when the running program cannot be identified.
    pub fn open(dir: &Path, name: &str) -> Option<PackCache> {
        let path = dir.join(name);
        let data = Arc::new(PackBytes::open(&path));
        let (index, whole) = pack_index(&data);
        Some(PackCache {
            path,
            tool: tool_identity()?,
            data,
            index,
            whole,
        })
    }

    /// The key of a blob made from `parts` (each part counted with its
    /// length, so no two lists of parts share a key).
    pub fn key(&self, parts: &[&[u8]]) -> PackKey {
        let mut key = Fingerprint::new();
        for part in [PACK_MAGIC.as_slice(), self.tool.as_bytes()]
            .iter()
            .chain(parts)
        {
            key.part(part);
        }
        key.key()
    }

    /// The blob stored under `key`, if any.
    pub fn get(&self, key: &PackKey) -> Option<&[u8]> {
        self.index.get(key).map(|range| &self.data[range.clone()])
    }

    /// The blob stored under `key`, if any, as bytes that can outlive the
    /// pack (they keep its file mapped).
    pub fn get_shared(&self, key: &PackKey) -> Option<SharedBytes> {
        self.index.get(key).map(|range| SharedBytes {
            data: Arc::clone(&self.data),
            range: range.clone(),
        })
    }

    /// The keys of the stored blobs.
    pub fn keys(&self) -> impl Iterator<Item = &PackKey> {
        self.index.keys()
    }

    /// How many blobs the pack holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the pack holds no blob.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Leaves the pack holding `blobs` (what the build used; the caller
    /// passes stored blobs it still uses as [`PackCache::get`] gave them).
    /// Appends the blobs it lacks; rewrites the file with only `blobs` when
    /// the unused ones would be more than a third of it, or when it is not a
    /// whole pack. Returns how many stored blobs a rewrite dropped. Best
    /// effort: a rewrite goes through a temporary file and a rename, and any
    /// failure just leaves a shorter or no pack.
    pub fn save(&self, blobs: &[(PackKey, &[u8])]) -> usize {
        let plan = self.plan(blobs);
        if !plan.rewrite && plan.new.is_empty() {
            return 0;
        }
        if let Some(dir) = self.path.parent()
            && fs::create_dir_all(dir).is_err()
        {
            return 0;
        }
        if !plan.rewrite {
            let appended = fs::OpenOptions::new()
                .append(true)
                .open(&self.path)
                .and_then(|file| {
                    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
                    for (key, blob) in plan.new {
                        write_record(&mut out, key, blob)?;
                    }
                    out.flush()
                });
            if appended.is_err() {
                let _ = fs::remove_file(&self.path);
            }
            return 0;
        }
        let mut out = Vec::with_capacity(plan.size);
        out.extend_from_slice(PACK_MAGIC);
        let mut seen = BTreeSet::new();
        for (key, blob) in blobs {
            if seen.insert(key) {
                let _ = write_record(&mut out, key, blob);
            }
        }
        write_atomically(&self.path, &out);
        plan.dropped
    }

    /// How many stored blobs [`PackCache::save`] of `blobs` drops.
    pub fn dropped_by_save(&self, blobs: &[(PackKey, &[u8])]) -> usize {
        self.plan(blobs).dropped
    }

    /// What [`PackCache::save`] of `blobs` does: the blobs it appends, or
    /// a rewrite with only `blobs` when the unused ones would be more than a
    /// third of the file, or when it is not a whole pack.
    fn plan<'a>(&self, blobs: &'a [(PackKey, &'a [u8])]) -> SavePlan<'a> {
        let live: usize = blobs.iter().map(|(_, b)| b.len() + RECORD_HEAD).sum();
        // Blobs read from this pack are its own slices; any other blob is
        // new (a later record of a key replaces an earlier one).
        let stored = |key: &PackKey, blob: &[u8]| {
            self.get(key)
                .is_some_and(|own| std::ptr::eq(own, blob) || own == blob)
        };
        let mut seen = BTreeSet::new();
        let new: Vec<(&PackKey, &[u8])> = blobs
            .iter()
            .filter(|(key, blob)| !stored(key, blob) && seen.insert(*key))
            .map(|(key, blob)| (key, *blob))
            .collect();
        let appended: usize = new.iter().map(|(_, b)| b.len() + RECORD_HEAD).sum();
        let size = live + PACK_MAGIC.len();
        let rewrite = !self.whole || self.data.len() + appended > size + size / 2;
        let dropped = if rewrite {
            let kept: BTreeSet<&PackKey> = blobs.iter().map(|(key, _)| key).collect();
            self.index.keys().filter(|key| !kept.contains(key)).count()
        } else {
            0
        };
        SavePlan {
            rewrite,
            new,
            dropped,
            size,
        }
    }
}

/// What [`PackCache::save`] does (see [`PackCache::plan`]).
struct SavePlan<'a> {
    rewrite: bool,
    /// The blobs to append when not rewriting.
    new: Vec<(&'a PackKey, &'a [u8])>,
    /// How many stored blobs a rewrite drops.
    dropped: usize,
    /// The size of a pack of only the blobs saved.
    size: usize,
}

impl PackCache {
    /// [`PackCache::save`] for new blobs made only as they are written, one
    /// at a time, so the new blobs are never all in memory: `kept` are the
    /// stored blobs still used, `new` the keys of blobs to add (they replace
    /// stored blobs of the same key), and `make(i, buf)` writes the blob of
    /// `new[i]` into the empty `buf` (false: leave it out). Appends, or
    /// rewrites the file with only these blobs when it is not a whole pack
    /// or when the stored blobs not kept are more than a third of the
    /// stored ones (the new blobs' sizes are not known before they are made).
    /// Returns how many stored blobs a rewrite dropped. Best effort, like
    /// [`PackCache::save`].
    pub fn save_made(
        &self,
        kept: &[PackKey],
        new: &[PackKey],
        mut make: impl FnMut(usize, &mut Vec<u8>) -> bool,
    ) -> usize {
        let replaced: BTreeSet<&PackKey> = new.iter().collect();
        let kept: BTreeSet<&PackKey> = kept
            .iter()
            .filter(|key| self.index.contains_key(*key) && !replaced.contains(key))
            .collect();
        let kept_len: usize = kept
            .iter()
            .filter_map(|key| self.get(key))
            .map(|blob| blob.len() + RECORD_HEAD)
            .sum();
        let stored_len = self.data.len().saturating_sub(PACK_MAGIC.len());
        let unused = stored_len.saturating_sub(kept_len);
        let rewrite = !self.whole || unused * 2 > kept_len;
        if !rewrite && new.is_empty() {
            return 0;
        }
        if let Some(dir) = self.path.parent()
            && fs::create_dir_all(dir).is_err()
        {
            return 0;
        }
        let write = |file: fs::File, make: &mut dyn FnMut(usize, &mut Vec<u8>) -> bool| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            if rewrite {
                out.write_all(PACK_MAGIC)?;
                for key in &kept {
                    write_record(&mut out, key, self.get(key).unwrap_or_default())?;
                }
            }
            let mut blob = Vec::new();
            for (i, key) in new.iter().enumerate() {
                blob.clear();
                if make(i, &mut blob) {
                    write_record(&mut out, key, &blob)?;
                }
            }
            out.flush()
        };
        if !rewrite {
            let appended = fs::OpenOptions::new()
                .append(true)
                .open(&self.path)
                .and_then(|file| write(file, &mut make));
            if appended.is_err() {
                let _ = fs::remove_file(&self.path);
            }
            return 0;
        }
        let tmp = self
            .path
            .with_extension(format!("tmp-{}", std::process::id()));
        let written = fs::File::create(&tmp).and_then(|file| write(file, &mut make));
        if written.is_err() || fs::rename(&tmp, &self.path).is_err() {
            let _ = fs::remove_file(&tmp);
        }
        self.index
            .keys()
            .filter(|key| !kept.contains(key) && !replaced.contains(key))
            .count()
    }
}

/// Bytes of a pack (or of memory) that a value read from it can keep
/// instead of copying them: a rendered body stays in the mapped file until
/// a page that shows it is rendered, which on a rebuild is a few pages.
#[derive(Debug, Clone)]
pub struct SharedBytes {
    data: Arc<PackBytes>,
    range: Range<usize>,
}

impl SharedBytes {
    /// Bytes held in memory.
    pub fn from_vec(bytes: Vec<u8>) -> SharedBytes {
        let range = 0..bytes.len();
        SharedBytes {
            data: Arc::new(PackBytes::Read(bytes)),
            range,
        }
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.data[self.range.clone()]
    }

    /// Whether both are the same bytes of the same pack (or buffer).
    pub fn same(&self, other: &SharedBytes) -> bool {
        Arc::ptr_eq(&self.data, &other.data) && self.range == other.range
    }

    /// The part of these bytes that `part` is (a slice of [`Self::bytes`]),
    /// sharing them; `None` when `part` lies elsewhere.
    pub fn part(&self, part: &[u8]) -> Option<SharedBytes> {
        let whole = self.bytes();
        let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
        let end = start.checked_add(part.len())?;
        (end <= whole.len()).then(|| SharedBytes {
            data: Arc::clone(&self.data),
            range: self.range.start + start..self.range.start + end,
        })
    }
}

/// A pack file's bytes: mapped, or read when it cannot be mapped. A warm
/// build opens three packs of tens of megabytes each and reads only part
/// of them; mapping spares copying them whole into fresh memory, which
/// the kernel must first clear.
#[derive(Debug)]
enum PackBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl PackBytes {
    /// The bytes of the file at `path` (none when it cannot be read).
    fn open(path: &Path) -> PackBytes {
        let Ok(file) = fs::File::open(path) else {
            return PackBytes::Read(Vec::new());
        };
        // Windows will not rename a file over a mapped one, which is how a
        // pack is rewritten.
        if cfg!(not(unix)) {
            return PackBytes::Read(fs::read(path).unwrap_or_default());
        }
        // SAFETY: the mapping is read-only, and lives as long as this pack
        // or a value that keeps its bytes ([`SharedBytes`]). dossier never
        // changes a pack file's existing bytes: it
        // appends records past them, or writes a new file and renames it
        // over the old one (a mapping keeps the old file). Only another
        // program truncating the file while a build runs could invalidate
        // it, as with every tool that maps its inputs.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => PackBytes::Mapped(map),
            Err(_) => PackBytes::Read(fs::read(path).unwrap_or_default()),
        }
    }
}

impl std::ops::Deref for PackBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            PackBytes::Mapped(map) => map,
            PackBytes::Read(bytes) => bytes,
        }
    }
}

/// Writes one pack record: key, blob length, blob.
fn write_record(out: &mut impl Write, key: &PackKey, blob: &[u8]) -> std::io::Result<()> {
    out.write_all(key)?;
    out.write_all(&(blob.len() as u64).to_le_bytes())?;
    out.write_all(blob)
}

/// Where each blob of a pack file lies (a later record of a key wins), and
/// whether the file is a pack of whole records. Reading stops at the first
/// record cut short, so a torn append costs only the records after it.
fn pack_index(data: &[u8]) -> (BTreeMap<PackKey, Range<usize>>, bool) {
    let mut index = BTreeMap::new();
    let Some(mut rest) = data.strip_prefix(PACK_MAGIC.as_slice()) else {
        return (index, false);
    };
    while !rest.is_empty() {
        let start = data.len() - rest.len() + RECORD_HEAD;
        let record = rest.get(..RECORD_HEAD).and_then(|head| {
            let key: PackKey = head[..PACK_KEY_BYTES].try_into().ok()?;
            let len = u64::from_le_bytes(head[PACK_KEY_BYTES..].try_into().ok()?);
            let end = start.checked_add(usize::try_from(len).ok()?)?;
            Some((key, end, data.get(end..)?))
        });
        let Some((key, end, after)) = record else {
            return (index, false);
        };
        index.insert(key, start..end);
        rest = after;
    }
    (index, true)
}

/// The running dossier: its version and its executable's size and time.
pub(crate) fn tool_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len(),
        modified.as_nanos()
    ))
}

/// Rule and field names are `&'static str` in the model; names read back
/// from the cache are interned, so each distinct name is leaked once.
pub(crate) fn intern(name: String) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = names.get(name.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.insert(leaked);
    leaked
}

// The entry format. It mirrors the model types field by field (building
// them with struct literals, so a field added to the model fails to compile
// here rather than vanish from cached articles) and is independent of the
// JSON that `dossier extract` writes.

#[derive(Serialize, Deserialize)]
struct Entry {
    slug: String,
    path: PathBuf,
    meta: MetaRecord,
    body: Vec<BlockRecord>,
    footnotes: Vec<(u32, String, usize)>,
    provenance: Vec<(usize, String, String)>,
    diagnostics: Vec<(PathBuf, usize, bool, String)>,
}

/// [`Meta`] as stored: its `&'static str` field names as strings. Also the
/// render memo's (`markdown::memo`).
#[derive(Serialize, Deserialize)]
pub(crate) struct MetaRecord {
    title: String,
    derived_title: Option<String>,
    authors: Vec<String>,
    author_bio: Vec<String>,
    date: String,
    source: String,
    site: String,
    url: String,
    categories: Vec<String>,
    language: String,
    word_count: usize,
    origins: Vec<(String, usize, String, u8)>,
}

impl MetaRecord {
    /// The record of `m`.
    pub(crate) fn new(m: &Meta) -> MetaRecord {
        MetaRecord {
            title: m.title.clone(),
            derived_title: m.derived_title.clone(),
            authors: m.authors.clone(),
            author_bio: m.author_bio.clone(),
            date: m.date.clone(),
            source: m.source.clone(),
            site: m.site.clone(),
            url: m.url.clone(),
            categories: m.categories.clone(),
            language: m.language.clone(),
            word_count: m.word_count,
            origins: m
                .origins
                .iter()
                .map(|o| {
                    let confidence = match o.confidence {
                        Confidence::Low => 0,
                        Confidence::Medium => 1,
                        Confidence::High => 2,
                    };
                    (o.field.to_string(), o.line, o.how.clone(), confidence)
                })
                .collect(),
        }
    }

    /// The [`Meta`] it records.
    pub(crate) fn into_meta(self) -> Meta {
        Meta {
            title: self.title,
            derived_title: self.derived_title,
            authors: self.authors,
            author_bio: self.author_bio,
            date: self.date,
            source: self.source,
            site: self.site,
            url: self.url,
            categories: self.categories,
            language: self.language,
            word_count: self.word_count,
            origins: self
                .origins
                .into_iter()
                .map(|(field, line, how, confidence)| Origin {
                    field: intern(field),
                    line,
                    how,
                    confidence: match confidence {
                        0 => Confidence::Low,
                        1 => Confidence::Medium,
                        _ => Confidence::High,
                    },
                })
                .collect(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct BlockRecord {
    /// 0 paragraph, 1 lead, 2 quote, 10 + n heading level n.
    kind: u8,
    text: String,
    line: usize,
}

impl Entry {
    fn from_parts(a: &Article, diags: &Diagnostics) -> Entry {
        Entry {
            slug: a.slug.clone(),
            path: a.path.clone(),
            meta: MetaRecord::new(&a.meta),
            body: a
                .body
                .iter()
                .map(|b| BlockRecord {
                    kind: match b.kind {
                        BlockKind::Paragraph => 0,
                        BlockKind::Lead => 1,
                        BlockKind::Quote => 2,
                        BlockKind::Heading(n) => 10u8.saturating_add(n),
                    },
                    text: b.text.clone(),
                    line: b.line,
                })
                .collect(),
            footnotes: a
                .footnotes
                .iter()
                .map(|f| (f.number, f.text.clone(), f.line))
                .collect(),
            provenance: a
                .provenance
                .iter()
                .map(|r| (r.line, r.text.clone(), r.rule.to_string()))
                .collect(),
            diagnostics: diags
                .iter()
                .map(|d| {
                    let is_error = d.severity == Severity::Error;
                    (d.path.clone(), d.line, is_error, d.message.clone())
                })
                .collect(),
        }
    }

    fn into_parts(self) -> (Article, Diagnostics) {
        let article = Article {
            slug: self.slug,
            path: self.path,
            meta: self.meta.into_meta(),
            body: self
                .body
                .into_iter()
                .map(|b| {
                    let kind = match b.kind {
                        0 => BlockKind::Paragraph,
                        1 => BlockKind::Lead,
                        2 => BlockKind::Quote,
                        n => BlockKind::Heading(n.saturating_sub(10)),
                    };
                    Block::new(kind, b.text, b.line)
                })
                .collect(),
            footnotes: self
                .footnotes
                .into_iter()
                .map(|(number, text, line)| Footnote { number, text, line })
                .collect(),
            provenance: self
                .provenance
                .into_iter()
                .map(|(line, text, rule)| Removed {
                    line,
                    text,
                    rule: intern(rule),
                })
                .collect(),
            stamp: Default::default(),
        };
        let mut diags = Diagnostics::new();
        for (path, line, is_error, message) in self.diagnostics {
            if is_error {
                diags.error(path, line, message);
            } else {
                diags.warn(path, line, message);
            }
        }
        (article, diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::text_memo::{Overlap, TextMemo};

    // A memo read in the background is the one saved; with none saved, or
    // an unreadable one, it is empty.
    #[test]
    fn memo_loads_in_background() {
        let dir = tempfile::tempdir().unwrap();
        let load =
            || load_memo_in_background::<TextMemo>(dir.path().to_path_buf(), TEXT_MEMO).wait();
        assert_eq!(load().remembered(), (0, 0));
        let memo = TextMemo::empty();
        let overlap = Overlap {
            common: 3,
            smaller: 4,
        };
        memo.overlap(1, 2, || overlap);
        save_memo(dir.path(), TEXT_MEMO, &memo);
        let loaded = load();
        assert_eq!(loaded.remembered(), (1, 0));
        assert_eq!(loaded.overlap(1, 2, || unreachable!("remembered")), overlap);
        fs::write(dir.path().join(TEXT_MEMO), "not a memo").unwrap();
        assert_eq!(load().remembered(), (0, 0));
    }

    // A build that adds to a memo it read whole appends a section to its
    // file; one that finds the file changed since, or that used too little
    // of the memo, writes it whole. Every way, the next build reads what
    // was used and added.
    // See: issue #7
    #[test]
    fn memos_grow_by_appending() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(TEXT_MEMO);
        let overlap = |common| Overlap { common, smaller: 9 };
        let first = TextMemo::empty();
        for pair in 0..8 {
            first.overlap(pair, 100, || overlap(1));
        }
        save_memo(dir.path(), TEXT_MEMO, &first);
        let whole = fs::metadata(&path).unwrap().len();

        // All used, one added: appended.
        let second = load_memo::<TextMemo>(dir.path(), TEXT_MEMO);
        for pair in 0..8 {
            second.overlap(pair, 100, || unreachable!("remembered"));
        }
        second.overlap(50, 100, || overlap(2));
        save_memo(dir.path(), TEXT_MEMO, &second);
        let appended = fs::metadata(&path).unwrap().len();
        assert!(
            appended > whole && appended < whole + 64,
            "{whole} -> {appended}"
        );
        let third = load_memo::<TextMemo>(dir.path(), TEXT_MEMO);
        assert_eq!(third.remembered(), (9, 0));
        assert_eq!(
            third.overlap(100, 50, || unreachable!("remembered")),
            overlap(2)
        );

        // Nothing added and little unused: the file is left as it is.
        for pair in 1..8 {
            third.overlap(pair, 100, || unreachable!("remembered"));
        }
        save_memo(dir.path(), TEXT_MEMO, &third);
        assert_eq!(fs::metadata(&path).unwrap().len(), appended);

        // The file changed under the build: written whole, not appended to.
        let fourth = load_memo::<TextMemo>(dir.path(), TEXT_MEMO);
        fourth.overlap(60, 100, || overlap(3));
        fs::write(&path, b"replaced").unwrap();
        save_memo(dir.path(), TEXT_MEMO, &fourth);
        let fifth = load_memo::<TextMemo>(dir.path(), TEXT_MEMO);
        assert_eq!(fifth.remembered(), (1, 0));

        // Most of it unused: written whole, without the unused values.
        fifth.overlap(70, 100, || overlap(4));
        save_memo(dir.path(), TEXT_MEMO, &fifth);
        assert_eq!(
            load_memo::<TextMemo>(dir.path(), TEXT_MEMO).remembered(),
            (1, 0)
        );
    }

    fn key(cache: &ArticleCache, doc: &RawDoc, inputs: KeyInputs<'_>) -> String {
        cache.key(doc, crate::ingest::text_digest(&doc.text), inputs)
    }

    fn doc(text: &str) -> RawDoc {
        RawDoc {
            path: "a.txt".into(),
            text: text.to_string(),
            encoding: "UTF-8",
            sidecar: None,
            format: crate::ingest::SourceFormat::Text,
            embedded: None,
        }
    }

    fn inputs() -> KeyInputs<'static> {
        KeyInputs {
            shown_path: Path::new("corpus/a.txt"),
            fallback_language: "en",
            context: "",
        }
    }

    fn article() -> Article {
        let raw = doc("Title\n\nSome words [1] of an article about things.\n\n1 – A note.\n");
        let mut diags = Diagnostics::new();
        let cx = crate::extract::Context {
            sidecar: None,
            embedded: None,
            embedded_label: "front matter",
            site: None,
            shown_path: Path::new("corpus/a.txt"),
            fallback_language: "en",
        };
        let mut a = crate::extract::annotate(
            crate::normalize::clean(&raw, &Default::default()),
            cx,
            &mut diags,
        );
        a.body.push(Block::new(BlockKind::Heading(3), "Part", 9));
        a.body.push(Block::new(BlockKind::Quote, "Said.", 10));
        a
    }

    // What goes in comes back out, diagnostics included, once the build
    // has ended and the pack is read again.
    #[test]
    fn round_trips_article_and_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::open(dir.path()).unwrap();
        let a = article();
        let mut diags = Diagnostics::new();
        diags.warn("corpus/a.txt", 3, "a warning");
        diags.error("corpus/a.txt", 0, "an error");
        let stored = key(&cache, &doc("text"), inputs());
        cache.put(&stored, &a, &diags);
        assert_eq!(cache.retain(&BTreeSet::from([stored.clone()])), 0);
        let cache = ArticleCache::open(dir.path()).unwrap();
        let (back, back_diags) = cache.get(&stored).unwrap();
        assert_eq!(back, a);
        assert_eq!(back_diags, diags);
        assert!(cache.get(&key(&cache, &doc("other"), inputs())).is_none());
        assert!(cache.get("not a key").is_none());
    }

    // Any input of the clean stage changes the key.
    #[test]
    fn key_follows_every_input() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::open(dir.path()).unwrap();
        let base = key(&cache, &doc("text"), inputs());
        assert_eq!(base, key(&cache, &doc("text"), inputs()));
        assert_ne!(base, key(&cache, &doc("text!"), inputs()));
        let mut moved = doc("text");
        moved.path = "b.txt".into();
        assert_ne!(base, key(&cache, &moved, inputs()));
        let mut with_sidecar = doc("text");
        with_sidecar.sidecar = Some(Default::default());
        assert_ne!(base, key(&cache, &with_sidecar, inputs()));
        let french = KeyInputs {
            fallback_language: "fr",
            ..inputs()
        };
        assert_ne!(base, key(&cache, &doc("text"), french));
    }

    // A pack gives back what was saved, under keys that depend on every
    // part. Saving the same keys writes nothing; a new blob is appended;
    // when most of the file is unused blobs it is rewritten without them.
    #[test]
    fn pack_appends_and_compacts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.pack");
        let open = || PackCache::open(dir.path(), "p.pack").unwrap();
        let pack = open();
        assert!(pack.is_empty());
        let a = pack.key(&[b"name", b"bytes"]);
        assert_eq!(a, pack.key(&[b"name", b"bytes"]));
        assert_ne!(a, pack.key(&[b"nameb", b"ytes"]));
        let b = pack.key(&[b"other"]);
        let c = pack.key(&[b"third"]);
        pack.save(&[(a, b"first blob"), (b, b"")]);
        let pack = open();
        assert_eq!(pack.len(), 2);
        assert_eq!(pack.get(&a), Some(&b"first blob"[..]));
        assert_eq!(pack.get(&b), Some(&b""[..]));
        let size = fs::metadata(&path).unwrap().len();

        pack.save(&[(b, b""), (a, b"first blob")]);
        assert_eq!(fs::metadata(&path).unwrap().len(), size);
        pack.save(&[(a, b"first blob"), (b, b""), (c, b"3")]);
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            size + RECORD_HEAD as u64 + 1
        );
        let pack = open();
        assert_eq!(pack.get(&c), Some(&b"3"[..]));
        // Only `c` is used now: the rest of the file is dropped.
        pack.save(&[(c, b"3")]);
        let pack = open();
        assert_eq!(pack.len(), 1);
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            (PACK_MAGIC.len() + RECORD_HEAD + 1) as u64
        );
    }

    // Blobs made as they are written: appended while most of the file is
    // kept, the file rewritten once the unused blobs are more than a third
    // of it; a new blob replaces a stored one of the same key.
    #[test]
    fn pack_saves_made_blobs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.pack");
        let open = || PackCache::open(dir.path(), "p.pack").unwrap();
        let pack = open();
        let [a, b, c] = [b"a", b"b", b"c"].map(|k| pack.key(&[k]));
        let blobs = |i: usize, buf: &mut Vec<u8>| {
            buf.extend_from_slice(format!("blob {i}").as_bytes());
            true
        };
        assert_eq!(pack.save_made(&[], &[a, b], blobs), 0);
        let pack = open();
        assert_eq!(pack.get(&a), Some(&b"blob 0"[..]));
        assert_eq!(pack.get(&b), Some(&b"blob 1"[..]));
        let size = fs::metadata(&path).unwrap().len();

        // Nothing new, all kept: the file is left as it is.
        assert_eq!(pack.save_made(&[a, b], &[], blobs), 0);
        assert_eq!(fs::metadata(&path).unwrap().len(), size);
        // `c` new: appended; then `b` replaced: appended too.
        pack.save_made(&[a, b], &[c], blobs);
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            size + RECORD_HEAD as u64 + 6
        );
        let pack = open();
        assert_eq!(pack.get(&c), Some(&b"blob 0"[..]));
        pack.save_made(&[a, b, c], &[b], blobs);
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            size + 2 * (RECORD_HEAD as u64 + 6)
        );
        let pack = open();
        assert_eq!(pack.get(&b), Some(&b"blob 0"[..]));
        // A blob `make` leaves out is not written.
        pack.save_made(&[a, b, c], &[pack.key(&[b"d"])], |_, _| false);
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            size + 2 * (RECORD_HEAD as u64 + 6)
        );
        // Only `c` kept: the rest is more than a third, rewritten.
        assert_eq!(pack.save_made(&[c], &[], blobs), 2);
        let pack = open();
        assert_eq!(pack.len(), 1);
        assert_eq!(pack.get(&c), Some(&b"blob 0"[..]));
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            (PACK_MAGIC.len() + RECORD_HEAD + 6) as u64
        );
        // A damaged file is rewritten whole.
        fs::write(&path, b"dpack-00 old").unwrap();
        assert_eq!(open().save_made(&[c], &[a], blobs), 0);
        let pack = open();
        assert_eq!(pack.len(), 1);
        assert_eq!(pack.get(&a), Some(&b"blob 0"[..]));
    }

    // A pack file cut short or of another format is read as empty, never a panic.
    #[test]
    fn damaged_pack_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let pack = PackCache::open(dir.path(), "p.pack").unwrap();
        let key = pack.key(&[b"x"]);
        pack.save(&[(key, b"0123456789")]);
        let path = dir.path().join("p.pack");
        let whole = fs::read(&path).unwrap();
        let length_at = PACK_MAGIC.len() + PACK_KEY_BYTES;
        for cut in [0, 5, 8, 20, length_at, whole.len() - 1] {
            fs::write(&path, &whole[..cut]).unwrap();
            assert!(
                PackCache::open(dir.path(), "p.pack").unwrap().is_empty(),
                "{cut}"
            );
        }
        let mut huge = whole.clone();
        huge[length_at..length_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        fs::write(&path, &huge).unwrap();
        assert!(PackCache::open(dir.path(), "p.pack").unwrap().is_empty());
    }

    // Kept in the background, the pack is the same: the count of dropped
    // entries is known at once, the entries are there once the guard goes.
    #[test]
    fn retain_in_background_writes_the_same_pack() {
        let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        let packs = [true, false].map(|background| {
            let dir = dirs[usize::from(background)].path();
            let cache = ArticleCache::open(dir).unwrap();
            let (live, dead) = (
                key(&cache, &doc("live"), inputs()),
                key(&cache, &doc("dead"), inputs()),
            );
            cache.put(&live, &article(), &Diagnostics::new());
            cache.put(&dead, &article(), &Diagnostics::new());
            assert_eq!(cache.retain(&BTreeSet::from([live.clone(), dead])), 0);
            let cache = ArticleCache::open(dir).unwrap();
            let wanted = BTreeSet::from([live.clone()]);
            let dropped = if background {
                let (dropped, saving) = cache.retain_in_background(wanted);
                drop(saving);
                dropped
            } else {
                cache.retain(&wanted)
            };
            assert_eq!(dropped, 1);
            let cache = ArticleCache::open(dir).unwrap();
            assert!(cache.get(&live).is_some());
            fs::read(dir.join(ARTICLE_PACK)).unwrap()
        });
        assert_eq!(packs[0], packs[1]);
    }

    // A corrupt entry is a miss, not an error, and is replaced when the
    // article is stored again; retain prunes dead entries.
    #[test]
    fn corrupt_entries_miss_and_dead_ones_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::open(dir.path()).unwrap();
        let key = |text: &str| key(&cache, &doc(text), inputs());
        let (live, dead, bad) = (key("live"), key("dead"), key("bad"));
        cache.put(&live, &article(), &Diagnostics::new());
        cache.put(&dead, &article(), &Diagnostics::new());
        let all = BTreeSet::from([live.clone(), dead.clone()]);
        assert_eq!(cache.retain(&all), 0);
        let pack = PackCache::open(dir.path(), ARTICLE_PACK).unwrap();
        pack.save(&[
            (
                parse_key(&live).unwrap(),
                pack.get(&parse_key(&live).unwrap()).unwrap(),
            ),
            (
                parse_key(&dead).unwrap(),
                pack.get(&parse_key(&dead).unwrap()).unwrap(),
            ),
            (parse_key(&bad).unwrap(), b"{not an entry"),
        ]);

        let cache = ArticleCache::open(dir.path()).unwrap();
        assert!(cache.get(&bad).is_none());
        cache.put(&bad, &article(), &Diagnostics::new());
        let wanted = BTreeSet::from([live.clone(), bad.clone()]);
        // With `bad` stored again, `dead` is a third of the file: rewritten.
        assert_eq!(cache.retain(&wanted), 1);
        let cache = ArticleCache::open(dir.path()).unwrap();
        assert!(cache.get(&live).is_some());
        assert!(cache.get(&bad).is_some());
        // Once most of the pack is entries no longer wanted, it is rewritten
        // without them.
        assert_eq!(cache.retain(&BTreeSet::from([live.clone()])), 1);
        let cache = ArticleCache::open(dir.path()).unwrap();
        assert!(cache.get(&live).is_some());
        assert!(cache.get(&bad).is_none());
        assert!(cache.get(&dead).is_none());
    }
}

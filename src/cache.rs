//! The article cache: cleaned and annotated articles kept on disk between
//! builds, so a rebuild redoes only the articles that changed.
//!
//! An entry is keyed by a SHA-256 of everything the clean and extract stages
//! read: the article's path, decoded text and encoding, its sidecar, the
//! fallback language, and the identity of the running dossier (version plus
//! the executable's size and modification time, so a rebuilt binary with
//! changed rules never reuses an old entry). Entries are JSON files under
//! `<output's parent>/.dossier-cache/articles/`, beside the output folder and
//! not in it, because the output folder is replaced as a whole on every
//! build. The cache only saves time: a missing, unreadable or corrupt entry
//! is a miss, and a failed write is ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Diagnostics, Severity};
use crate::extract::{Article, Confidence, Footnote, Meta, Origin};
use crate::ingest::RawDoc;
use crate::normalize::{Block, BlockKind, Removed};

/// The cache folder's name, next to the output folder.
pub const CACHE_DIR: &str = ".dossier-cache";

/// Bumped whenever the entry format below changes.
const FORMAT: &str = "dossier-article-cache-1";

/// The cache folder for an output folder: its sibling [`CACHE_DIR`].
pub fn cache_dir(out_dir: &Path) -> PathBuf {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(CACHE_DIR)
}

/// A folder of cached articles.
#[derive(Debug)]
pub struct ArticleCache {
    articles: PathBuf,
    tool: String,
    /// Makes temporary file names unique within this process.
    writes: AtomicUsize,
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
            articles: dir.join("articles"),
            tool: tool_identity()?,
            writes: AtomicUsize::new(0),
        })
    }

    /// The entry's key for `doc`: a hex SHA-256.
    pub fn key(&self, doc: &RawDoc, inputs: KeyInputs<'_>) -> String {
        let mut h = Sha256::new();
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(FORMAT.as_bytes());
        field(self.tool.as_bytes());
        field(doc.path.to_string_lossy().as_bytes());
        field(inputs.shown_path.to_string_lossy().as_bytes());
        field(inputs.fallback_language.as_bytes());
        field(doc.encoding.as_bytes());
        // The sidecar as parsed: its Debug form is stable for one build of
        // the tool, and the tool's identity is part of the key.
        field(format!("{:?}", doc.sidecar).as_bytes());
        field(format!("{:?}|{:?}", doc.format, doc.embedded).as_bytes());
        field(inputs.context.as_bytes());
        field(doc.text.as_bytes());
        let digest = h.finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The article and its diagnostics stored under `key`, if any.
    pub fn get(&self, key: &str) -> Option<(Article, Diagnostics)> {
        let bytes = fs::read(self.entry(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        Some(entry.into_parts())
    }

    /// Stores `article` and its diagnostics under `key`. Best effort: the
    /// entry is written to a temporary file and renamed, so a reader never
    /// sees half of it, and any failure just leaves no entry.
    pub fn put(&self, key: &str, article: &Article, diags: &Diagnostics) {
        let Ok(json) = serde_json::to_vec(&Entry::from_parts(article, diags)) else {
            return;
        };
        if fs::create_dir_all(&self.articles).is_err() {
            return;
        }
        let n = self.writes.fetch_add(1, Ordering::Relaxed);
        let tmp = self
            .articles
            .join(format!(".{key}.tmp-{}-{n}", std::process::id()));
        if fs::write(&tmp, json).is_err() || fs::rename(&tmp, self.entry(key)).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    /// Deletes the entries whose key is not in `live`, so the cache holds
    /// only the current corpus. Returns how many were deleted.
    pub fn retain(&self, live: &BTreeSet<String>) -> usize {
        let Ok(dir) = fs::read_dir(&self.articles) else {
            return 0;
        };
        let mut removed = 0;
        for entry in dir.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Some(key) = name.strip_suffix(".json") else {
                continue;
            };
            if !live.contains(key) && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.articles.join(format!("{key}.json"))
    }
}

/// The pack of the EPUB's compressed files, in the cache folder.
pub const EPUB_PACK: &str = "epub-files.pack";

/// A [`PackCache`] key: a SHA-256.
pub type PackKey = [u8; 32];

/// The first bytes of a pack file; bumped whenever its layout changes.
const PACK_MAGIC: &[u8; 8] = b"dpack-01";

/// Blobs of bytes in one file, each keyed by a hash of what it was made
/// from: the EPUB's compressed entries, so that a rebuild compresses only
/// the files that changed. One file rather than one per blob, because a
/// build reads thousands of them; it is read whole when opened and written
/// whole by [`PackCache::save`], and only when its contents changed.
///
/// Like the article cache it only saves time: a missing, short or corrupt
/// file is an empty pack, and a failed write leaves none. Keys include the
/// running dossier's identity, so a rebuilt binary never reuses a blob.
#[derive(Debug)]
pub struct PackCache {
    path: PathBuf,
    tool: String,
    data: Vec<u8>,
    index: BTreeMap<PackKey, Range<usize>>,
}

impl PackCache {
    /// The pack `name` in the cache folder `dir` (empty if there is none
    /// yet), or `None` when the running program cannot be identified.
    pub fn open(dir: &Path, name: &str) -> Option<PackCache> {
        let path = dir.join(name);
        let data = fs::read(&path).unwrap_or_default();
        let index = pack_index(&data).unwrap_or_default();
        Some(PackCache {
            path,
            tool: tool_identity()?,
            data,
            index,
        })
    }

    /// The key of a blob made from `parts` (each part counted with its
    /// length, so no two lists of parts share a key).
    pub fn key(&self, parts: &[&[u8]]) -> PackKey {
        let mut h = Sha256::new();
        for part in [PACK_MAGIC.as_slice(), self.tool.as_bytes()]
            .iter()
            .chain(parts)
        {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.finalize().into()
    }

    /// The blob stored under `key`, if any.
    pub fn get(&self, key: &PackKey) -> Option<&[u8]> {
        self.index.get(key).map(|range| &self.data[range.clone()])
    }

    /// How many blobs the pack holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the pack holds no blob.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Replaces the pack's contents with `blobs` (what the build used, so
    /// blobs no longer needed go). Does nothing when the keys are the ones
    /// already stored; best effort, through a temporary file and a rename.
    pub fn save(&self, blobs: &[(PackKey, &[u8])]) {
        let same = blobs.len() == self.index.len()
            && blobs.iter().all(|(key, _)| self.index.contains_key(key));
        if same {
            return;
        }
        let size = blobs.iter().map(|(_, b)| b.len() + 40).sum::<usize>() + PACK_MAGIC.len();
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(PACK_MAGIC);
        for (key, blob) in blobs {
            out.extend_from_slice(key);
            out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
            out.extend_from_slice(blob);
        }
        let Some(dir) = self.path.parent() else {
            return;
        };
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = self
            .path
            .with_extension(format!("tmp-{}", std::process::id()));
        if fs::write(&tmp, out).is_err() || fs::rename(&tmp, &self.path).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}

/// Where each blob of a pack file lies; `None` when the file is not a
/// whole pack (another format, or cut short).
fn pack_index(data: &[u8]) -> Option<BTreeMap<PackKey, Range<usize>>> {
    let mut rest = data.strip_prefix(PACK_MAGIC.as_slice())?;
    let mut index = BTreeMap::new();
    while !rest.is_empty() {
        let key: PackKey = rest.get(..32)?.try_into().ok()?;
        let len: [u8; 8] = rest.get(32..40)?.try_into().ok()?;
        let len = usize::try_from(u64::from_le_bytes(len)).ok()?;
        let start = data.len() - rest.len() + 40;
        let end = start.checked_add(len)?;
        rest = data.get(end..)?;
        index.insert(key, start..end);
    }
    Some(index)
}

/// The running dossier: its version and its executable's size and time.
fn tool_identity() -> Option<String> {
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
fn intern(name: String) -> &'static str {
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

#[derive(Serialize, Deserialize)]
struct MetaRecord {
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

#[derive(Serialize, Deserialize)]
struct BlockRecord {
    /// 0 paragraph, 1 lead, 2 quote, 10 + n heading level n.
    kind: u8,
    text: String,
    line: usize,
}

impl Entry {
    fn from_parts(a: &Article, diags: &Diagnostics) -> Entry {
        let m = &a.meta;
        Entry {
            slug: a.slug.clone(),
            path: a.path.clone(),
            meta: MetaRecord {
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
            },
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
        let m = self.meta;
        let article = Article {
            slug: self.slug,
            path: self.path,
            meta: Meta {
                title: m.title,
                derived_title: m.derived_title,
                authors: m.authors,
                author_bio: m.author_bio,
                date: m.date,
                source: m.source,
                site: m.site,
                url: m.url,
                categories: m.categories,
                language: m.language,
                word_count: m.word_count,
                origins: m
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
            },
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

    // What goes in comes back out, diagnostics included.
    #[test]
    fn round_trips_article_and_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::open(dir.path()).unwrap();
        let a = article();
        let mut diags = Diagnostics::new();
        diags.warn("corpus/a.txt", 3, "a warning");
        diags.error("corpus/a.txt", 0, "an error");
        cache.put("k", &a, &diags);
        let (back, back_diags) = cache.get("k").unwrap();
        assert_eq!(back, a);
        assert_eq!(back_diags, diags);
        assert!(cache.get("other").is_none());
    }

    // Any input of the clean stage changes the key.
    #[test]
    fn key_follows_every_input() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::open(dir.path()).unwrap();
        let base = cache.key(&doc("text"), inputs());
        assert_eq!(base, cache.key(&doc("text"), inputs()));
        assert_ne!(base, cache.key(&doc("text!"), inputs()));
        let mut moved = doc("text");
        moved.path = "b.txt".into();
        assert_ne!(base, cache.key(&moved, inputs()));
        let mut with_sidecar = doc("text");
        with_sidecar.sidecar = Some(Default::default());
        assert_ne!(base, cache.key(&with_sidecar, inputs()));
        let french = KeyInputs {
            fallback_language: "fr",
            ..inputs()
        };
        assert_ne!(base, cache.key(&doc("text"), french));
    }

    // A pack gives back what was saved, under keys that depend on every
    // part; saving the same keys again leaves the file alone.
    #[test]
    fn pack_round_trips_and_skips_unchanged_saves() {
        let dir = tempfile::tempdir().unwrap();
        let pack = PackCache::open(dir.path(), "p.pack").unwrap();
        assert!(pack.is_empty());
        let a = pack.key(&[b"name", b"bytes"]);
        assert_eq!(a, pack.key(&[b"name", b"bytes"]));
        assert_ne!(a, pack.key(&[b"nameb", b"ytes"]));
        let b = pack.key(&[b"other"]);
        pack.save(&[(a, b"first blob"), (b, b"")]);
        let pack = PackCache::open(dir.path(), "p.pack").unwrap();
        assert_eq!(pack.len(), 2);
        assert_eq!(pack.get(&a), Some(&b"first blob"[..]));
        assert_eq!(pack.get(&b), Some(&b""[..]));
        let stamp = fs::metadata(dir.path().join("p.pack"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        pack.save(&[(b, b""), (a, b"first blob")]);
        let again = fs::metadata(dir.path().join("p.pack"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(stamp, again);
        pack.save(&[(a, b"first blob")]);
        assert_eq!(PackCache::open(dir.path(), "p.pack").unwrap().len(), 1);
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
        for cut in [0, 5, 8, 20, 40, whole.len() - 1] {
            fs::write(&path, &whole[..cut]).unwrap();
            assert!(
                PackCache::open(dir.path(), "p.pack").unwrap().is_empty(),
                "{cut}"
            );
        }
        let mut huge = whole.clone();
        huge[40..48].copy_from_slice(&u64::MAX.to_le_bytes());
        fs::write(&path, &huge).unwrap();
        assert!(PackCache::open(dir.path(), "p.pack").unwrap().is_empty());
    }

    // A corrupt entry is a miss, not an error; retain prunes dead entries.
    #[test]
    fn corrupt_entries_miss_and_dead_ones_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ArticleCache::open(dir.path()).unwrap();
        cache.put("live", &article(), &Diagnostics::new());
        cache.put("dead", &article(), &Diagnostics::new());
        fs::write(cache.entry("bad"), "{not json").unwrap();
        assert!(cache.get("bad").is_none());
        let live = BTreeSet::from(["live".to_string()]);
        assert_eq!(cache.retain(&live), 2);
        assert!(cache.get("live").is_some());
        assert!(cache.get("dead").is_none());
    }
}

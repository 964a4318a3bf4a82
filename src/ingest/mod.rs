//! Stage 1: files → [`RawDoc`]s.
//!
//! Walks the corpus folder (sorted, so every run sees the same order), decodes
//! each article and reads its optional sidecar. This stage and `output` are the
//! only ones that touch the disk; it never interprets the text. On a rebuild,
//! a text file the read memo remembers as it is now is left unread until a
//! later stage asks for its text (see [`ReadMemo`]).

mod decode;
mod front_matter;
mod html;
mod read_memo;
mod sidecar;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use decode::{Decoded, decode};
pub use front_matter::split_front_matter;
pub use html::html_to_text;
pub use read_memo::{FileStamp, ReadFacts, ReadMemo};
pub use sidecar::Sidecar;

use crate::error::{Diagnostics, Error, Result};

/// One article as read from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    /// The file, relative to the corpus folder.
    pub path: PathBuf,
    /// The file as text, with line endings folded to `\n` and any BOM removed.
    pub text: String,
    /// The encoding the bytes were decoded from ("UTF-8", "windows-1251", ...).
    pub encoding: &'static str,
    /// Facts given next to the article in `<stem>.toml`.
    pub sidecar: Option<Sidecar>,
    /// What kind of file it was; `text` is already plain text for HTML.
    pub format: SourceFormat,
    /// Facts the file declares itself: Markdown front matter, HTML meta tags.
    /// The sidecar wins over these; these win over what the text suggests.
    pub embedded: Option<Sidecar>,
}

/// The kind of file an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// Scraped plain text: cleaned by every normalize rule.
    #[default]
    Text,
    /// Markdown with front matter: taken as already clean.
    Markdown,
    /// An HTML page, reduced to text, then cleaned like scraped text.
    Html,
}

impl SourceFormat {
    /// The format a file extension stands for.
    fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// Reads every article under `corpus_dir`, in file-name order.
///
/// A file that cannot be read, or a sidecar that is not valid, is an error
/// naming it; bytes that are not UTF-8 are decoded with a warning in `diags`.
pub fn read_corpus(corpus_dir: &Path, diags: &mut Diagnostics) -> Result<Vec<RawDoc>> {
    let found = read_corpus_with(corpus_dir, None, diags)?;
    Ok(found.into_iter().map(|f| f.doc).collect())
}

/// The fingerprint of a document's text, which caches key it by.
pub fn text_digest(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// A corpus file as [`read_corpus_with`] found it.
#[derive(Debug)]
pub struct FoundDoc {
    /// The document. Its text is empty while [`FoundDoc::unread`].
    pub doc: RawDoc,
    /// The fingerprint of its text ([`text_digest`]).
    pub digest: u128,
    /// The file is as the read memo remembers it, and its text was not
    /// read: [`FoundDoc::read_text`] reads it.
    pub unread: bool,
    /// Its path as walked.
    file: PathBuf,
}

impl FoundDoc {
    /// Reads the text of an unread document. The file must still hold the
    /// text the memo remembers: one changed since the corpus was read is an
    /// error naming it (the build would key it by the old text).
    pub fn read_text(&mut self) -> Result<()> {
        if !self.unread {
            return Ok(());
        }
        let (doc, _) = read_doc(
            Path::new(""),
            &self.file,
            self.doc.format,
            false,
            &mut Diagnostics::new(),
        )?;
        if text_digest(&doc.text) != self.digest {
            return Err(Error::Read {
                path: self.file.clone(),
                source: std::io::Error::other(
                    "the file changed while the corpus was being built; build again",
                ),
            });
        }
        self.doc.text = doc.text;
        self.unread = false;
        Ok(())
    }
}

/// [`read_corpus`], leaving unread the plain-text files `memo` remembers
/// as they are now (with the text's fingerprint and encoding it
/// remembers), and remembering there the others that last changed well
/// before `now` (two seconds: see [`ReadMemo`]). Without a memo every file is
/// read.
pub fn read_corpus_with(
    corpus_dir: &Path,
    memo: Option<(&ReadMemo, SystemTime)>,
    diags: &mut Diagnostics,
) -> Result<Vec<FoundDoc>> {
    if !corpus_dir.is_dir() {
        return Err(Error::Read {
            path: corpus_dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the corpus folder does not exist",
            ),
        });
    }
    // The walk is in name order; the files are then read and decoded on
    // every core, and their results taken in that order, so the documents,
    // diagnostics and first error are the ones a file-by-file read gives.
    let mut found = Vec::new();
    // Sidecars are read only where the walk saw one: asking the file system
    // for each article's, mostly absent, cost a failed open per article.
    let mut sidecars = HashSet::new();
    let mut walk_error = None;
    let walker = WalkDir::new(corpus_dir)
        .sort_by_file_name()
        .follow_links(true);
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(corpus_dir).to_path_buf();
                walk_error = Some(Error::Read {
                    path,
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("file system loop")),
                });
                break;
            }
        };
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            sidecars.insert(path.to_path_buf());
        }
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(SourceFormat::from_extension);
        let Some(format) = format.filter(|_| entry.file_type().is_file()) else {
            continue;
        };
        if is_hidden(path, corpus_dir) {
            continue;
        }
        found.push((path.to_path_buf(), format));
    }
    let read: Vec<(Result<FoundDoc>, Diagnostics)> = found
        .par_iter()
        .map(|(path, format)| {
            let mut local = Diagnostics::new();
            let has_sidecar = sidecars.contains(&Sidecar::path_for(path));
            let doc =
                match memo.filter(|_| *format == SourceFormat::Text) {
                    Some((memo, now)) => {
                        read_text_file(corpus_dir, path, has_sidecar, memo, now, &mut local)
                    }
                    None => read_doc(corpus_dir, path, *format, has_sidecar, &mut local).map(
                        |(doc, _)| FoundDoc {
                            digest: text_digest(&doc.text),
                            doc,
                            unread: false,
                            file: path.clone(),
                        },
                    ),
                };
            (doc, local)
        })
        .collect();
    let mut docs = Vec::with_capacity(read.len());
    for (doc, local) in read {
        diags.extend(local);
        docs.push(doc?);
    }
    if let Some(e) = walk_error {
        return Err(e);
    }
    if docs.is_empty() {
        return Err(Error::EmptyCorpus {
            path: corpus_dir.to_path_buf(),
        });
    }
    Ok(docs)
}

/// A plain-text article, left unread when `memo` remembers its file as it
/// is now, else read and remembered when it has settled.
fn read_text_file(
    corpus_dir: &Path,
    path: &Path,
    has_sidecar: bool,
    memo: &ReadMemo,
    now: SystemTime,
    diags: &mut Diagnostics,
) -> Result<FoundDoc> {
    let rel = path.strip_prefix(corpus_dir).unwrap_or(path);
    let key = rel.to_string_lossy();
    // Stamped before it is read: a change made while reading shows next time.
    let stamp = FileStamp::of(path);
    let remembered = stamp.as_ref().and_then(|s| memo.recall(&key, s));
    if let Some(facts) = remembered {
        warn_decoding(path, facts.encoding, facts.lossy, diags);
        let sidecar = sidecar_of(path, has_sidecar)?;
        return Ok(FoundDoc {
            doc: RawDoc {
                path: rel.to_path_buf(),
                text: String::new(),
                encoding: facts.encoding,
                sidecar,
                format: SourceFormat::Text,
                embedded: None,
            },
            digest: facts.digest,
            unread: true,
            file: path.to_path_buf(),
        });
    }
    let (doc, lossy) = read_doc(corpus_dir, path, SourceFormat::Text, has_sidecar, diags)?;
    let digest = text_digest(&doc.text);
    if let Some(stamp) = stamp.filter(|s| s.settled_before(now)) {
        let facts = ReadFacts {
            digest,
            encoding: doc.encoding,
            lossy,
        };
        memo.keep(&key, stamp, facts);
    }
    Ok(FoundDoc {
        doc,
        digest,
        unread: false,
        file: path.to_path_buf(),
    })
}

/// The sidecar of the article at `path`, when it has one.
fn sidecar_of(path: &Path, has_sidecar: bool) -> Result<Option<Sidecar>> {
    match has_sidecar {
        true => Sidecar::read_for(path),
        false => Ok(None),
    }
}

/// The warnings decoding a file as `encoding` gives.
fn warn_decoding(path: &Path, encoding: &str, lossy: bool, diags: &mut Diagnostics) {
    if encoding != "UTF-8" {
        diags.warn(path, 0, format!("not UTF-8; decoded as {encoding}"));
    }
    if lossy {
        diags.warn(
            path,
            0,
            format!("some bytes are not valid {encoding} and were replaced with U+FFFD"),
        );
    }
}

/// Reads one article and, when it has one, its sidecar; and whether some
/// of its bytes were invalid.
fn read_doc(
    corpus_dir: &Path,
    path: &Path,
    format: SourceFormat,
    has_sidecar: bool,
    diags: &mut Diagnostics,
) -> Result<(RawDoc, bool)> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let rel = path.strip_prefix(corpus_dir).unwrap_or(path).to_path_buf();
    let Decoded {
        text,
        encoding,
        lossy,
    } = decode(bytes);
    warn_decoding(path, encoding, lossy, diags);
    let sidecar = sidecar_of(path, has_sidecar)?;
    let (text, embedded) = match format {
        SourceFormat::Text => (text, None),
        SourceFormat::Markdown => {
            let (facts, body) = split_front_matter(&text, path)?;
            (body, facts)
        }
        SourceFormat::Html => {
            let (body, facts) = html_to_text(&text);
            (body, Some(facts))
        }
    };
    Ok((
        RawDoc {
            path: rel,
            text,
            encoding,
            sidecar,
            format,
            embedded,
        },
        lossy,
    ))
}

/// Dot-files and dot-folders (editor swap files, `.git`) are not articles.
fn is_hidden(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo_file::SavedMemo;

    // Files come back sorted by name, sidecars attached, other files skipped.
    #[test]
    fn reads_sorted_with_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path();
        std::fs::create_dir(c.join("sub")).unwrap();
        std::fs::write(c.join("b.txt"), "B text").unwrap();
        std::fs::write(c.join("a.txt"), "\u{feff}A text\r\nline 2").unwrap();
        std::fs::write(c.join("a.toml"), "title = \"A title\"\n").unwrap();
        std::fs::write(c.join("sub/c.txt"), "C").unwrap();
        std::fs::write(c.join("sub/c.toml"), "title = \"C title\"\n").unwrap();
        std::fs::write(c.join("notes.docx"), "not an article").unwrap();
        std::fs::write(c.join(".hidden.txt"), "no").unwrap();
        let mut diags = Diagnostics::new();
        let docs = read_corpus(c, &mut diags).unwrap();
        let names: Vec<_> = docs
            .iter()
            .map(|d| d.path.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
        assert_eq!(docs[0].text, "A text\nline 2");
        assert_eq!(
            docs[0].sidecar.as_ref().unwrap().title.as_deref(),
            Some("A title")
        );
        assert!(docs[1].sidecar.is_none());
        assert_eq!(
            docs[2].sidecar.as_ref().unwrap().title.as_deref(),
            Some("C title")
        );
        assert!(diags.is_empty());
    }

    // A plain-text file the memo remembers as it is is left unread, with
    // its fingerprint, encoding and warnings; its text reads back on
    // demand. Other formats are always read.
    #[test]
    fn remembered_files_are_left_unread() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path();
        std::fs::write(c.join("a.txt"), "A text").unwrap();
        std::fs::write(c.join("cp.txt"), b"\xcf\xf0\xe8\xe2\xe5\xf2").unwrap();
        std::fs::write(c.join("m.md"), "---\ntitle: M\n---\nBody").unwrap();
        let memo = ReadMemo::empty();
        // Long after the files were written: they have settled.
        let later = SystemTime::now() + std::time::Duration::from_secs(3600);
        let mut first_diags = Diagnostics::new();
        let first = read_corpus_with(c, Some((&memo, later)), &mut first_diags).unwrap();
        assert!(first.iter().all(|d| !d.unread));

        // The next build's memo: what this one saved.
        let memo = ReadMemo::from_bytes(&memo.to_bytes());
        let mut diags = Diagnostics::new();
        let mut again = read_corpus_with(c, Some((&memo, later)), &mut diags).unwrap();
        let unread: Vec<bool> = again.iter().map(|d| d.unread).collect();
        assert_eq!(unread, [true, true, false]);
        assert_eq!(diags.sorted(), first_diags.sorted());
        for (found, read) in again.iter_mut().zip(&first) {
            assert_eq!(found.digest, text_digest(&read.doc.text));
            assert_eq!(found.doc.encoding, read.doc.encoding);
            found.read_text().unwrap();
            assert_eq!(found.doc, read.doc);
        }
    }

    // A file changed after it was found unread fails to read, naming it;
    // one changed before is read again.
    #[test]
    fn a_file_changed_since_it_was_remembered_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "before").unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(3600);
        // One build: reads with the memo the previous one saved.
        let build = |previous: &ReadMemo| {
            let memo = ReadMemo::from_bytes(&previous.to_bytes());
            let found = read_corpus_with(dir.path(), Some((&memo, later)), &mut Diagnostics::new());
            (found.unwrap(), memo)
        };
        let (_, memo) = build(&ReadMemo::empty());
        let (mut found, memo) = build(&memo);
        assert!(found[0].unread);
        std::fs::write(&path, "after!").unwrap();
        let err = found[0].read_text().unwrap_err().to_string();
        assert!(err.contains("a.txt"), "{err}");
        let (found, _) = build(&memo);
        assert!(!found[0].unread);
        assert_eq!(found[0].doc.text, "after!");
    }

    // A file that changed just now is read, and read again next time.
    #[test]
    fn a_file_not_settled_is_not_remembered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        let mut memo = ReadMemo::empty();
        let now = SystemTime::now();
        for _ in 0..2 {
            let found = read_corpus_with(dir.path(), Some((&memo, now)), &mut Diagnostics::new());
            assert!(!found.unwrap()[0].unread);
            memo = ReadMemo::from_bytes(&memo.to_bytes());
        }
    }

    // An empty corpus is an error that names the folder.
    #[test]
    fn errors_on_empty_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_corpus(dir.path(), &mut Diagnostics::new()).unwrap_err();
        assert!(err.to_string().contains("no articles"), "{err}");
    }

    // Legacy bytes decode with a warning naming the file, never a panic.
    #[test]
    fn warns_on_legacy_encoding() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("cp.txt"),
            b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0",
        )
        .unwrap();
        let mut diags = Diagnostics::new();
        let docs = read_corpus(dir.path(), &mut diags).unwrap();
        assert_eq!(docs[0].text, "Привет мир");
        let msg = diags.sorted()[0].to_string();
        assert!(
            msg.contains("cp.txt") && msg.contains("windows-1251"),
            "{msg}"
        );
    }
}

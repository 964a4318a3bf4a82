//! Stage 1: files → [`RawDoc`]s.
//!
//! Walks the corpus folder (sorted, so every run sees the same order), decodes
//! each article and reads its optional sidecar. This stage and `output` are the
//! only ones that touch the disk; it never interprets the text.

mod decode;
mod front_matter;
mod html;
mod sidecar;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

pub use decode::{Decoded, decode};
pub use front_matter::split_front_matter;
pub use html::html_to_text;
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
    let read: Vec<(Result<RawDoc>, Diagnostics)> = found
        .par_iter()
        .map(|(path, format)| {
            let mut local = Diagnostics::new();
            let has_sidecar = sidecars.contains(&Sidecar::path_for(path));
            let doc = read_doc(corpus_dir, path, *format, has_sidecar, &mut local);
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

/// Reads one article and, when it has one, its sidecar.
fn read_doc(
    corpus_dir: &Path,
    path: &Path,
    format: SourceFormat,
    has_sidecar: bool,
    diags: &mut Diagnostics,
) -> Result<RawDoc> {
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
    let sidecar = match has_sidecar {
        true => Sidecar::read_for(path)?,
        false => None,
    };
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
    Ok(RawDoc {
        path: rel,
        text,
        encoding,
        sidecar,
        format,
        embedded,
    })
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

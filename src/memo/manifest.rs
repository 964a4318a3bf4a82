//! [`PageManifest`]: which key each page of the current output folder was
//! rendered under, so a rebuild can link a page whose key did not change
//! instead of rendering it.
//!
//! The file, `.dossier-cache/pages.memo`, is three header lines (format,
//! the dossier binary's identity, the output folder) and a line per page:
//! key in hex, length in bytes, path under the output folder, tab
//! separated. It describes one output folder as it is on disk, so it is
//! removed before a build replaces the folder and written again after
//! ([`PageManifest::withdraw`], [`PageManifest::save`]); a missing, foreign
//! or unreadable file is an empty manifest, and a page is reused only when
//! its file is still there with the recorded length.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::fingerprint::{MemoKey, hex, parse_hex};

/// The manifest's file name in the cache folder.
pub const MANIFEST: &str = "pages.memo";

/// Bumped whenever the file's layout changes.
const FORMAT: &str = "dossier-page-memo-1";

/// A page as recorded: its key and its length.
type Record = (MemoKey, u64);

/// The previous build's pages and this build's.
#[derive(Debug)]
pub struct PageManifest {
    file: PathBuf,
    out_dir: PathBuf,
    header: String,
    previous: BTreeMap<PathBuf, Record>,
    next: Mutex<BTreeMap<PathBuf, Record>>,
}

impl PageManifest {
    /// The manifest in `cache_dir` for `out_dir`, written by the dossier
    /// binary `tool`.
    pub fn open(cache_dir: &Path, out_dir: &Path, tool: &str) -> PageManifest {
        let file = cache_dir.join(MANIFEST);
        let header = format!(
            "{FORMAT}\n{}\n{}\n",
            one_line(tool),
            one_line(&out_dir.to_string_lossy())
        );
        let previous = fs::read_to_string(&file)
            .ok()
            .and_then(|text| Some(parse(text.strip_prefix(&header)?)))
            .unwrap_or_default();
        PageManifest {
            file,
            out_dir: out_dir.to_path_buf(),
            header,
            previous,
            next: Mutex::new(BTreeMap::new()),
        }
    }

    /// Whether the output folder holds `path` (relative to it) as rendered
    /// under `key`.
    pub fn holds(&self, path: &Path, key: &MemoKey) -> bool {
        let Some((recorded, len)) = self.previous.get(path) else {
            return false;
        };
        recorded == key
            && fs::symlink_metadata(self.out_dir.join(path))
                .is_ok_and(|m| m.is_file() && m.len() == *len)
    }

    /// The length of `path` in the output folder, as recorded.
    pub fn recorded_len(&self, path: &Path) -> Option<u64> {
        self.previous.get(path).map(|(_, len)| *len)
    }

    /// Notes that this build's output holds `path` rendered under `key`,
    /// `len` bytes long.
    pub fn record(&self, path: &Path, key: MemoKey, len: u64) {
        let text = path.to_string_lossy();
        // A name the file format cannot hold is just never reused.
        if text.contains(['\n', '\t']) {
            return;
        }
        self.next
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), (key, len));
    }

    /// Removes the manifest file, before the output folder it describes is
    /// replaced. Best effort, like all of the cache.
    pub fn withdraw(cache_dir: &Path) {
        let _ = fs::remove_file(cache_dir.join(MANIFEST));
    }

    /// Writes this build's pages, once its output folder is in place.
    pub fn save(&self) {
        let next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let mut text = self.header.clone();
        for (path, (key, len)) in next.iter() {
            text.push_str(&format!(
                "{}\t{len}\t{}\n",
                hex(key),
                path.to_string_lossy()
            ));
        }
        crate::cache::write_atomically(&self.file, text.as_bytes());
    }
}

/// `text` on one line (a path or identity with a line break cannot shift
/// the header).
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The records after the header; a malformed line is skipped.
fn parse(body: &str) -> BTreeMap<PathBuf, Record> {
    body.lines()
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            let key = parse_hex(fields.next()?)?;
            let len = fields.next()?.parse().ok()?;
            Some((PathBuf::from(fields.next()?), (key, len)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A saved manifest is read back by the same binary for the same
    // output folder, and only then; a page counts only while its file is
    // there with the recorded length.
    #[test]
    fn round_trips_and_checks_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join(".cache");
        let out = dir.path().join("book");
        fs::create_dir_all(out.join("html")).unwrap();
        fs::write(out.join("html/a.html"), "four").unwrap();
        let page = Path::new("html/a.html");
        let key = [7u8; 16];

        let first = PageManifest::open(&cache, &out, "tool 1");
        assert!(!first.holds(page, &key));
        first.record(page, key, 4);
        first.save();

        let second = PageManifest::open(&cache, &out, "tool 1");
        assert!(second.holds(page, &key));
        assert!(!second.holds(page, &[8u8; 16]));
        assert!(!PageManifest::open(&cache, &out, "tool 2").holds(page, &key));
        assert!(!PageManifest::open(&cache, &dir.path().join("other"), "tool 1").holds(page, &key));

        fs::write(out.join("html/a.html"), "changed").unwrap();
        assert!(!second.holds(page, &key));

        PageManifest::withdraw(&cache);
        fs::write(out.join("html/a.html"), "four").unwrap();
        assert!(!PageManifest::open(&cache, &out, "tool 1").holds(page, &key));
    }
}

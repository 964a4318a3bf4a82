//! Rendered files → the output folder on disk, replaced as a whole.
//!
//! Input: the output folder and the [`OutputFile`]s of every renderer.
//! Output: the folder holding exactly those files and a marker file.
//! Everything is written into a sibling temporary folder first and swapped in
//! with renames, so a failed build never leaves a half-written or deleted
//! output (mdBook and Zola both delete the last good output first). It must
//! never delete a folder dossier did not make: the marker file proves it did.
//!
//! A file whose bytes are those of the same file in the previous output is
//! hard-linked from it rather than written again: on a rebuild most pages
//! are unchanged, and creating thousands of files is most of the cost of
//! writing them. The previous output's files are only ever linked, never
//! changed, so it stays intact until the swap.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use crate::error::{Error, Result};

/// The file that marks a folder as dossier's output, which [`clean`] and
/// [`publish`] require before they delete or replace a folder.
pub const MARKER: &str = ".dossier-output";

const MARKER_TEXT: &str = "This folder is written by dossier. `dossier build` replaces it and `dossier clean` deletes it.\n";

/// One file to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes, relative to the output folder, e.g. `html/index.html`.
    pub path: PathBuf,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Replaces `out_dir` with a folder holding `files` (and the marker). On
/// any failure the previous `out_dir` is left as it was and the temporary
/// folder is removed.
pub fn publish(out_dir: &Path, files: Vec<OutputFile>) -> Result<()> {
    let staging = Staging::begin(out_dir)?;
    staging.write(files)?;
    staging.commit()
}

/// The next output folder, being written beside the current one: files go
/// in as they are rendered ([`Staging::write`]), so a build need not hold
/// the whole site in memory, and [`Staging::commit`] swaps it in. Dropped
/// without a commit (a failed build), it is removed and the previous output
/// stays as it was.
///
/// One thread of its own writes every file, in the order they were given,
/// while the renderers go on. Creating a file locks its folder, so writers
/// on several cores only queue for the lock (and spin while they wait);
/// one writer beside the renderers keeps the cores rendering instead.
#[derive(Debug)]
pub struct Staging {
    out_dir: PathBuf,
    /// The temporary folder, until committed.
    dir: Option<PathBuf>,
    retired: PathBuf,
    /// The writing thread, until committed or dropped.
    writer: Option<Writer>,
}

/// What the writing thread is asked to do.
enum Job {
    /// Write these files (or link them from the previous output when their
    /// bytes are the same).
    Write(Vec<OutputFile>),
    /// Link these paths from the previous output.
    Link(Vec<PathBuf>),
}

impl Job {
    /// The bytes it holds in memory until written.
    fn size(&self) -> usize {
        match self {
            Job::Write(files) => files.iter().map(|f| f.bytes.len()).sum(),
            Job::Link(_) => 0,
        }
    }
}

#[derive(Debug)]
struct Writer {
    jobs: Sender<(usize, Job)>,
    backlog: Arc<Backlog>,
    /// The first error the thread met; it stops there.
    failure: Arc<Mutex<Option<Error>>>,
    thread: JoinHandle<()>,
}

/// The bytes sent to the writing thread and not written yet.
#[derive(Debug, Default)]
struct Backlog {
    queued: Mutex<Queued>,
    drained: Condvar,
}

#[derive(Debug, Default)]
struct Queued {
    bytes: usize,
    /// The thread has ended (on an error, by a panic, or with the
    /// staging finished): nothing will drain.
    stopped: bool,
}

/// Marks the backlog stopped when the writing thread ends.
struct StopOnExit(Arc<Backlog>);

impl Drop for StopOnExit {
    fn drop(&mut self) {
        lock(&self.0.queued).stopped = true;
        self.0.drained.notify_all();
    }
}

/// What an error of the writing thread itself names as its file.
const WRITER: &str = "(output writer thread)";

/// How many bytes of rendered files may wait for the writing thread before
/// a renderer waits for it: enough to ride out a slow file, little beside
/// the dossier in memory. (A count of batches would not do: a print or
/// search part is a thousand times an article page.)
const QUEUED_BYTES: usize = 32 << 20;

impl Writer {
    fn start(dir: PathBuf, previous: Option<PathBuf>) -> Result<Writer> {
        let (jobs, queue) = channel::<(usize, Job)>();
        let backlog = Arc::new(Backlog::default());
        let failure = Arc::new(Mutex::new(None));
        let (failed, drains) = (Arc::clone(&failure), Arc::clone(&backlog));
        let thread = std::thread::Builder::new()
            .name("dossier-writer".into())
            .spawn(move || {
                // However the thread ends, even by a panic, no sender waits
                // on it afterwards.
                let _stops = StopOnExit(Arc::clone(&drains));
                let mut made = BTreeSet::new();
                for (size, job) in queue {
                    let done = match job {
                        Job::Write(files) => {
                            write_all(&dir, &files, previous.as_deref(), &mut made)
                        }
                        Job::Link(paths) => link_all(&dir, &paths, previous.as_deref(), &mut made),
                    };
                    lock(&drains.queued).bytes -= size;
                    drains.drained.notify_all();
                    if let Err(e) = done {
                        // Kept before the thread ends and marks itself
                        // stopped: the next send fails with it, so the
                        // build stops instead of rendering on.
                        *lock(&failed) = Some(e);
                        return;
                    }
                }
            })
            .map_err(|source| Error::Write {
                path: PathBuf::from(WRITER),
                source,
            })?;
        Ok(Writer {
            jobs,
            backlog,
            failure,
            thread,
        })
    }

    /// Queues `job`, first waiting while the files queued already are too
    /// many bytes (one batch always goes in, however large).
    fn send(&self, job: Job) -> Result<()> {
        let size = job.size();
        {
            let mut queued = lock(&self.backlog.queued);
            while queued.bytes > 0 && queued.bytes + size > QUEUED_BYTES && !queued.stopped {
                queued = self
                    .backlog
                    .drained
                    .wait(queued)
                    .unwrap_or_else(|e| e.into_inner());
            }
            if queued.stopped {
                return Err(self.failure());
            }
            queued.bytes += size;
        }
        match self.jobs.send((size, job)) {
            Ok(()) => Ok(()),
            Err(_) => Err(self.failure()),
        }
    }

    /// The thread's error, once it has stopped on one: a copy, so that the
    /// commit still finds it.
    fn failure(&self) -> Error {
        let failed = lock(&self.failure);
        let (path, source) = match &*failed {
            Some(Error::Write { path, source }) => (
                path.clone(),
                io::Error::new(source.kind(), source.to_string()),
            ),
            Some(other) => (PathBuf::from(WRITER), io::Error::other(other.to_string())),
            None => (
                PathBuf::from(WRITER),
                io::Error::other("the output writer stopped"),
            ),
        };
        Error::Write { path, source }
    }

    /// Waits until every file sent is written: the first error, if any.
    fn finish(self) -> Result<()> {
        let Writer {
            jobs,
            failure,
            thread,
            ..
        } = self;
        drop(jobs);
        let panicked = thread.join().is_err();
        let failed = lock(&failure).take();
        match failed {
            Some(e) => Err(e),
            None if panicked => Err(Error::Write {
                path: PathBuf::from(WRITER),
                source: io::Error::other("the output writer panicked"),
            }),
            None => Ok(()),
        }
    }
}

impl Staging {
    /// Starts the next output for `out_dir`: checks that an existing folder
    /// there is dossier's (or empty), makes the temporary folder and starts
    /// the thread that writes into it.
    pub fn begin(out_dir: &Path) -> Result<Staging> {
        let (parent, name) = split(out_dir)?;
        // An empty folder (say, made by hand for the output) is safe to replace.
        if out_dir.exists() && !is_ours(out_dir) && !is_empty_dir(out_dir) {
            return Err(not_ours(out_dir));
        }
        fs::create_dir_all(&parent).map_err(|source| Error::Write {
            path: parent.clone(),
            source,
        })?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.tmp-{pid}"));
        remove_if_exists(&dir)?;
        fs::create_dir_all(&dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        let previous = is_ours(out_dir).then(|| out_dir.to_path_buf());
        let writer = match Writer::start(dir.clone(), previous) {
            Ok(writer) => writer,
            Err(e) => {
                let _ = fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            dir: Some(dir),
            retired: parent.join(format!(".{name}.old-{pid}")),
            writer: Some(writer),
        })
    }

    /// Writes `files` into the next output. A file whose bytes are the
    /// previous output's is linked from it instead.
    /// Any thread may write at any time, as pages are rendered; the files
    /// are written in the order given, and an error shows at the latest
    /// from [`Staging::commit`].
    pub fn write(&self, files: Vec<OutputFile>) -> Result<()> {
        match &self.writer {
            Some(writer) => writer.send(Job::Write(files)),
            None => Ok(()),
        }
    }

    /// Links `paths` (relative to the output folder) from the previous
    /// output into the next: pages the caller knows are unchanged and has
    /// not rendered. A file that cannot be linked is copied; one missing
    /// from the previous output is an error (the caller checked it was
    /// there, so something removed it during the build).
    pub fn link_unchanged(&self, paths: Vec<PathBuf>) -> Result<()> {
        match &self.writer {
            Some(writer) => writer.send(Job::Link(paths)),
            None => Ok(()),
        }
    }

    /// Adds the marker and swaps the next output in for the previous one.
    pub fn commit(mut self) -> Result<()> {
        let Some(staging) = self.dir.take() else {
            return Ok(());
        };
        let written = match self.writer.take() {
            Some(writer) => writer.finish(),
            None => Ok(()),
        };
        let result = written.and_then(|()| self.swap(&staging));
        if result.is_err() {
            let _ = fs::remove_dir_all(&staging);
        }
        result
    }

    fn swap(&self, staging: &Path) -> Result<()> {
        let marker = staging.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|source| Error::Write {
            path: marker,
            source,
        })?;
        let out_dir = self.out_dir.as_path();
        let had_old = out_dir.exists();
        if had_old {
            remove_if_exists(&self.retired)?;
            fs::rename(out_dir, &self.retired).map_err(|source| Error::Write {
                path: out_dir.to_path_buf(),
                source,
            })?;
        }
        if let Err(source) = fs::rename(staging, out_dir) {
            if had_old {
                // Put the previous output back where it was.
                let _ = fs::rename(&self.retired, out_dir);
            }
            return Err(Error::Write {
                path: out_dir.to_path_buf(),
                source,
            });
        }
        if had_old {
            // The new output is in place; a leftover old copy is only clutter,
            // and the next build removes it (same name per process id aside).
            let _ = fs::remove_dir_all(&self.retired);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            // Stopped before the folder goes, or it could write into it again.
            let _ = writer.finish();
        }
        if let Some(dir) = self.dir.take() {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

/// Deletes `out_dir` if dossier made it (it holds [`MARKER`]); a missing
/// folder is fine, a folder without the marker is an error.
pub fn clean(out_dir: &Path) -> Result<()> {
    if !out_dir.exists() {
        return Ok(());
    }
    if !is_ours(out_dir) {
        return Err(not_ours(out_dir));
    }
    fs::remove_dir_all(out_dir).map_err(|source| Error::Write {
        path: out_dir.to_path_buf(),
        source,
    })
}

fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

fn not_ours(dir: &Path) -> Error {
    Error::Write {
        path: dir.to_path_buf(),
        source: io::Error::other(format!(
            "this folder was not made by dossier (it has no {MARKER} file), so dossier will not replace or delete it; \
             choose another output folder or remove it yourself"
        )),
    }
}

/// The folder that holds `out_dir`, and `out_dir`'s own name.
fn split(out_dir: &Path) -> Result<(PathBuf, String)> {
    let name = out_dir
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string);
    let parent = out_dir.parent().map(|p| {
        if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            p.to_path_buf()
        }
    });
    match (parent, name) {
        (Some(parent), Some(name)) => Ok((parent, name)),
        _ => Err(Error::Write {
            path: out_dir.to_path_buf(),
            source: io::Error::other(
                "the output folder must be a named folder, not a root or `..`",
            ),
        }),
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes `files` under `staging`, making the folders not in `made` yet.
/// A file whose bytes are those of the same file in `previous` is linked
/// from it instead.
fn write_all(
    staging: &Path,
    files: &[OutputFile],
    previous: Option<&Path>,
    made: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    make_dirs(staging, files.iter().map(|f| f.path.as_path()), made)?;
    for file in files {
        let path = staging.join(&file.path);
        if let Some(previous) = previous {
            let old = previous.join(&file.path);
            if same_bytes(&old, &file.bytes) && fs::hard_link(&old, &path).is_ok() {
                continue;
            }
        }
        write_new(&path, &file.bytes).map_err(|source| Error::Write { path, source })?;
    }
    Ok(())
}

/// Links `paths` from `previous` under `staging` (copies them where a link
/// cannot be made), making the folders not in `made` yet.
fn link_all(
    staging: &Path,
    paths: &[PathBuf],
    previous: Option<&Path>,
    made: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    make_dirs(staging, paths.iter().map(PathBuf::as_path), made)?;
    for path in paths {
        let new = staging.join(path);
        let Some(previous) = previous else {
            return Err(Error::Write {
                path: new,
                source: io::Error::other("there is no previous output to take it from"),
            });
        };
        let old = previous.join(path);
        if fs::hard_link(&old, &new).is_err() {
            fs::copy(&old, &new).map_err(|source| Error::Write { path: new, source })?;
        }
    }
    Ok(())
}

/// Checks that every one of `paths` stays inside the output folder and
/// makes the folders under `staging` they need that are not in `made` yet.
fn make_dirs<'a>(
    staging: &Path,
    paths: impl Iterator<Item = &'a Path>,
    made: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    let mut dirs = BTreeSet::new();
    for path in paths {
        // A renderer bug must not write outside the output folder.
        let safe = !path.as_os_str().is_empty()
            && path.components().all(|c| matches!(c, Component::Normal(_)))
            && path != Path::new(MARKER);
        if !safe {
            return Err(Error::Write {
                path: path.to_path_buf(),
                source: io::Error::other(
                    "output paths must be relative and stay inside the output folder",
                ),
            });
        }
        if let Some(dir) = path.parent() {
            dirs.insert(dir);
        }
    }
    for dir in dirs {
        if made.contains(dir) {
            continue;
        }
        let path = staging.join(dir);
        fs::create_dir_all(&path).map_err(|source| Error::Write { path, source })?;
        made.insert(dir.to_path_buf());
    }
    Ok(())
}

/// Writes `bytes` to a new file at `path`. A file already there (the same
/// path given twice) is unlinked first rather than overwritten: it may be a
/// link to the previous output's file, which must not change.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = match fs::File::create_new(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            fs::File::create_new(path)?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Whether `path` is a regular file holding exactly `bytes` (its length is
/// checked first, so most changed files are told apart without reading).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut buf = [0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            _ => return false,
        }
    }
}

fn remove_if_exists(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::Write {
            path: dir.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn siblings(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    // A second publish replaces the first completely and leaves no temp dirs.
    #[test]
    fn publish_replaces_output() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        publish(
            &out,
            vec![file("html/index.html", "one"), file("html/old.html", "x")],
        )
        .unwrap();
        publish(&out, vec![file("html/index.html", "two")]).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("html/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("html/old.html").exists());
        assert!(out.join(MARKER).is_file());
        assert_eq!(siblings(root.path()), ["book"]);
    }

    // A failed publish keeps the previous output and cleans up after itself.
    #[test]
    fn failed_publish_keeps_previous_output() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        publish(&out, vec![file("html/index.html", "good")]).unwrap();
        let err = publish(
            &out,
            vec![file("html/index.html", "bad"), file("../escape.html", "x")],
        )
        .unwrap_err();
        assert!(matches!(err, Error::Write { .. }), "{err:?}");
        assert_eq!(
            fs::read_to_string(out.join("html/index.html")).unwrap(),
            "good"
        );
        assert_eq!(siblings(root.path()), ["book"]);
    }

    // A folder dossier did not make is neither replaced nor deleted.
    #[test]
    fn refuses_foreign_folder() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("precious");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.tex"), "years of work").unwrap();
        let err = publish(&out, vec![file("a.html", "x")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("precious"), "{err}");
        let err = clean(&out).unwrap_err();
        assert!(format!("{err}: {}", std::error::Error::source(&err).unwrap()).contains(MARKER));
        assert!(out.join("thesis.tex").is_file());
        assert_eq!(siblings(root.path()), ["precious"]);
    }

    // An unchanged file is linked from the previous output (the same file
    // on disk), a changed one written anew; the previous output is not
    // touched when the next publish fails.
    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        publish(
            &out,
            vec![file("html/a.html", "same"), file("html/b.html", "old")],
        )
        .unwrap();
        let (a, b) = (inode("html/a.html"), inode("html/b.html"));
        publish(
            &out,
            vec![file("html/a.html", "same"), file("html/b.html", "new")],
        )
        .unwrap();
        assert_eq!(inode("html/a.html"), a);
        assert_ne!(inode("html/b.html"), b);
        assert_eq!(fs::read_to_string(out.join("html/b.html")).unwrap(), "new");
        assert_eq!(fs::metadata(out.join("html/a.html")).unwrap().nlink(), 1);

        let err = publish(
            &out,
            vec![file("html/a.html", "same"), file("../escape.html", "x")],
        );
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(out.join("html/a.html")).unwrap(), "same");
        assert_eq!(fs::metadata(out.join("html/a.html")).unwrap().nlink(), 1);
        assert_eq!(siblings(root.path()), ["book"]);
    }

    // A path given twice is written anew the second time: the first, linked
    // from the previous output, is not written through.
    #[test]
    fn second_write_of_a_path_does_not_touch_the_previous_output() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        publish(&out, vec![file("a.html", "same")]).unwrap();
        let staging = Staging::begin(&out).unwrap();
        staging.write(vec![file("a.html", "same")]).unwrap();
        staging.write(vec![file("a.html", "changed")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "same");
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "same");
        assert_eq!(siblings(root.path()), ["book"]);
    }

    // The writer stops at its first error: later batches are refused, the
    // commit reports that error (naming the file) and nothing is published.
    #[test]
    fn writer_error_fails_the_commit() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        let staging = Staging::begin(&out).unwrap();
        staging.write(vec![file("../escape.html", "x")]).unwrap();
        // The thread stops when it gets to the bad batch; until then writes
        // are queued.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let refused = loop {
            if staging.write(vec![file("a.html", "a")]).is_err() {
                break true;
            }
            if std::time::Instant::now() > deadline {
                break false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert!(refused);
        let err = staging.commit().unwrap_err();
        assert!(
            matches!(&err, Error::Write { path, .. } if path.ends_with("escape.html")),
            "{err:?}"
        );
        assert!(!out.exists());
        assert!(siblings(root.path()).is_empty());
    }

    // A batch larger than the whole backlog still goes in, alone, and the
    // next waits for it rather than for ever.
    #[test]
    fn batches_larger_than_the_backlog_are_written() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        let staging = Staging::begin(&out).unwrap();
        let big = |path: &str, byte: u8| OutputFile {
            path: path.into(),
            bytes: vec![byte; QUEUED_BYTES + 1],
        };
        staging.write(vec![big("a.bin", b'a')]).unwrap();
        staging.write(vec![big("b.bin", b'b')]).unwrap();
        staging.commit().unwrap();
        for (name, byte) in [("a.bin", b'a'), ("b.bin", b'b')] {
            let bytes = fs::read(out.join(name)).unwrap();
            assert_eq!(bytes.len(), QUEUED_BYTES + 1);
            assert!(bytes.iter().all(|&b| b == byte));
        }
    }

    // Bytes are compared whole: same length but different content is a change.
    #[test]
    fn same_bytes_compares_contents() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("f");
        fs::write(&path, "abc").unwrap();
        assert!(same_bytes(&path, b"abc"));
        assert!(!same_bytes(&path, b"abd"));
        assert!(!same_bytes(&path, b"abcd"));
        assert!(!same_bytes(&root.path().join("missing"), b""));
        assert!(!same_bytes(root.path(), b""));
    }

    #[test]
    fn clean_removes_own_output_and_tolerates_missing() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("book");
        clean(&out).unwrap();
        publish(&out, vec![file("epub/x.epub", "zip")]).unwrap();
        clean(&out).unwrap();
        assert!(!out.exists());
    }
}

//! Helpers: copy a fixture project to a temp dir, run the binary there.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of fixture projects.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository root, which is also the sample dossier.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture project copied into a fresh temp dir, so tests can write into it.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>` (or any folder) into a temp dir.
    pub fn copy(name: &str) -> Fixture {
        Self::copy_from(&fixtures_dir().join(name))
    }

    /// Copies the folder `from` into a temp dir.
    pub fn copy_from(from: &Path) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(from, dir.path());
        Fixture { dir }
    }

    /// The sample dossier: the repo's book.toml, glossary.toml, corpus/ and templates/.
    pub fn sample() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = repo_root();
        std::fs::copy(root.join("book.toml"), dir.path().join("book.toml"))
            .expect("copy book.toml");
        if root.join("glossary.toml").is_file() {
            std::fs::copy(root.join("glossary.toml"), dir.path().join("glossary.toml"))
                .expect("copy glossary.toml");
        }
        for sub in ["corpus", "templates"] {
            if root.join(sub).is_dir() {
                copy_tree(&root.join(sub), &dir.path().join(sub));
            }
        }
        Fixture { dir }
    }

    /// The project folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `dossier ARGS` with the project folder as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Writes `text` to `rel` inside the project.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// The outcome of one run of the binary.
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error, with the project folder replaced by `[ROOT]`.
    pub stderr: String,
}

/// Runs the binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run dossier");
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let redact = |s: &[u8]| {
        String::from_utf8_lossy(s)
            .replace(&root.display().to_string(), "[ROOT]")
            .replace(&dir.display().to_string(), "[ROOT]")
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: redact(&output.stdout),
        stderr: redact(&output.stderr),
    }
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("under root");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Reads a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

//! Library errors (fatal: the build stops) and diagnostics (per-article
//! findings: the build goes on and they decide the exit code).
//!
//! Every message names the file it is about; the `Display` impls here are the
//! one place those messages are worded.

use std::fmt;
use std::path::PathBuf;

/// A fatal error: the build cannot go on and leaves the previous output alone.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The underlying failure.
        #[source]
        source: std::io::Error,
    },
    /// `dossier serve` could not listen on its address.
    #[error("cannot listen on {addr}")]
    Listen {
        /// The address asked for.
        addr: String,
        /// The underlying failure.
        #[source]
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The underlying failure.
        #[source]
        source: std::io::Error,
    },
    /// A TOML file (book.toml or a sidecar) is malformed or has unknown keys.
    /// toml's own message carries the line and column.
    #[error("invalid {}: {message}", path.display())]
    Toml {
        /// The TOML file.
        path: PathBuf,
        /// toml's message, with line, column and a caret excerpt.
        message: String,
    },
    /// A setting in book.toml has a value dossier cannot use.
    #[error("invalid {}: {message}", path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A corpus file is not text dossier can decode.
    #[error("{}: {message}", path.display())]
    Decode {
        /// The corpus file.
        path: PathBuf,
        /// What was found.
        message: String,
    },
    /// A template failed to parse or render.
    #[error("template {name}")]
    Template {
        /// The template's name (its path relative to `templates/`).
        name: String,
        /// Tera's error, whose chain has the template line.
        #[source]
        source: tera::Error,
    },
    /// The EPUB could not be assembled.
    #[error("cannot build the EPUB {}: {message}", path.display())]
    Epub {
        /// The EPUB being written.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The corpus folder holds no article.
    #[error("{}: no articles found (dossier reads .txt files under this folder)", path.display())]
    EmptyCorpus {
        /// The corpus folder.
        path: PathBuf,
    },
}

/// A library result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the output is still right.
    Warning,
    /// The output is missing something the input asked for.
    Error,
}

/// One finding about one input file, at a line where there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// 1-based line, or 0 when the finding is about the whole file.
    pub line: usize,
    /// How serious it is.
    pub severity: Severity,
    /// What was found, as one sentence.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if self.line > 0 {
            write!(
                f,
                "{}:{}: {level}: {}",
                self.path.display(),
                self.line,
                self.message
            )
        } else {
            write!(f, "{}: {level}: {}", self.path.display(), self.message)
        }
    }
}

/// The findings of a run, collected from every stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a warning about `path` at `line` (0 for the whole file).
    pub fn warn(&mut self, path: impl Into<PathBuf>, line: usize, message: impl Into<String>) {
        self.push(path.into(), line, Severity::Warning, message.into());
    }

    /// Records an error about `path` at `line` (0 for the whole file).
    pub fn error(&mut self, path: impl Into<PathBuf>, line: usize, message: impl Into<String>) {
        self.push(path.into(), line, Severity::Error, message.into());
    }

    fn push(&mut self, path: PathBuf, line: usize, severity: Severity, message: String) {
        self.0.push(Diagnostic {
            path,
            line,
            severity,
            message,
        });
    }

    /// Adds every finding of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// The findings sorted by file, line and text, so output is stable
    /// whatever order the parallel stages finished in.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut all = self.0.clone();
        all.sort();
        all.dedup();
        all
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many findings there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no finding.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The findings in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A diagnostic prints as `path:line: level: message`, the form editors jump to.
    #[test]
    fn diagnostic_names_file_and_line() {
        let mut d = Diagnostics::new();
        d.warn("corpus/a.txt", 12, "footnote [3] has no end note");
        d.error("corpus/b.txt", 0, "not UTF-8");
        let lines: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "corpus/a.txt:12: warning: footnote [3] has no end note",
                "corpus/b.txt: error: not UTF-8"
            ]
        );
        assert!(d.has_errors());
    }
}

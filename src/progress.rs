//! How a build tells its caller what it is doing, without knowing who listens.
//!
//! The library reports stages and per-item steps to a [`Progress`]; the CLI
//! turns them into a progress bar or a summary line, tests pass [`Silent`].
//! Calls may come from several threads at once (the stages run on rayon).

use std::time::Duration;

/// One stage of a build, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and decoding the corpus.
    Read,
    /// Cleaning and annotating the articles (or taking them from the cache).
    Clean,
    /// Rendering the articles' HTML.
    Render,
    /// Rendering the site's pages and assembling the EPUB, side by side.
    Pages,
    /// Writing the output folder.
    Write,
}

impl Stage {
    /// A short lower-case name, for progress lines.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "reading",
            Stage::Clean => "cleaning",
            Stage::Render => "rendering",
            Stage::Pages => "pages",
            Stage::Write => "writing",
        }
    }
}

/// Receives a build's progress. Every method has an empty default.
pub trait Progress: Sync {
    /// A stage starts; `total` is how many steps it will report (0 when it
    /// reports none).
    fn start(&self, stage: Stage, total: usize) {
        let _ = (stage, total);
    }

    /// `n` more steps of the current stage are done.
    fn advance(&self, n: usize) {
        let _ = n;
    }

    /// A stage ended after `elapsed`; `note` says something about it worth a
    /// verbose line (such as how many articles came from the cache).
    fn finish(&self, stage: Stage, elapsed: Duration, note: &str) {
        let _ = (stage, elapsed, note);
    }
}

/// Listens to nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

//! What `dossier build` shows while it works: a progress bar with counts and
//! elapsed time once a build has run for a second on an interactive
//! terminal, one line per stage with `--verbose`, nothing with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use dossier::progress::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before the bar appears: quick builds stay quiet.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// How much `dossier build` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Only diagnostics.
    Quiet,
    /// A bar on a terminal, then one summary line.
    Normal,
    /// Also one line per stage with its time.
    Verbose,
}

/// A [`Progress`] that draws on stderr.
pub struct BuildReporter {
    verbosity: Verbosity,
    started: Instant,
    /// Hidden until the build has run for [`SHOW_AFTER`]; `None` when
    /// stderr is not a terminal or the build is quiet.
    bar: Option<ProgressBar>,
    shown: AtomicBool,
    /// The process's CPU time when the last stage finished.
    cpu_before: Mutex<Option<Duration>>,
}

impl BuildReporter {
    /// A reporter for a build starting now.
    pub fn new(verbosity: Verbosity) -> Self {
        let interactive = std::io::stderr().is_terminal();
        let bar = (interactive && verbosity != Verbosity::Quiet).then(|| {
            let bar = ProgressBar::hidden();
            bar.set_style(counted_style());
            bar
        });
        BuildReporter {
            verbosity,
            started: Instant::now(),
            bar,
            shown: AtomicBool::new(false),
            cpu_before: Mutex::new(crate::usage::cpu_time()),
        }
    }

    /// The time since the build started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// " [CPU 5.52 s, peak 612 MiB]": the CPU time since the last stage
    /// finished and the peak memory so far; empty where unknown.
    fn usage_since_last_stage(&self) -> String {
        let now = crate::usage::cpu_time();
        let before = std::mem::replace(
            &mut *self.cpu_before.lock().unwrap_or_else(|e| e.into_inner()),
            now,
        );
        let cpu = match (now, before) {
            (Some(now), Some(before)) => {
                format!("CPU {:.2} s", now.saturating_sub(before).as_secs_f64())
            }
            _ => return String::new(),
        };
        match crate::usage::peak_memory() {
            Some(peak) => format!(" [{cpu}, peak {} MiB]", peak >> 20),
            None => format!(" [{cpu}]"),
        }
    }

    /// Removes the bar, before the summary line is printed.
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Shows the bar once the build has taken long enough.
    fn reveal_if_slow(&self) {
        let Some(bar) = &self.bar else { return };
        if self.started.elapsed() >= SHOW_AFTER && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

fn counted_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} articles, {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>10} {spinner} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

impl Progress for BuildReporter {
    fn start(&self, stage: Stage, total: usize) {
        if let Some(bar) = &self.bar {
            // The message first: each setter may redraw.
            bar.set_message(stage.name());
            bar.set_style(if total > 0 {
                counted_style()
            } else {
                spinner_style()
            });
            bar.set_length(total as u64);
            bar.set_position(0);
        }
        self.reveal_if_slow();
    }

    fn advance(&self, n: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        self.reveal_if_slow();
    }

    fn finish(&self, stage: Stage, elapsed: Duration, note: &str) {
        if self.verbosity == Verbosity::Verbose {
            let sep = if note.is_empty() { "" } else { ": " };
            let line = format!(
                "{:>10} {:7.3} s{}{sep}{note}",
                stage.name(),
                elapsed.as_secs_f64(),
                self.usage_since_last_stage()
            );
            match &self.bar {
                Some(bar) => bar.suspend(|| eprintln!("{line}")),
                None => eprintln!("{line}"),
            }
        }
        self.reveal_if_slow();
    }
}

//! Command-line interface: clap types and the thin `run` that hands each
//! command to the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use dossier::config::Settings;
use dossier::error::Diagnostics;

/// Turn a folder of scraped web articles into an annotated HTML dossier and an EPUB.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract each article's text and metadata without building the site.
    Extract {
        /// The project folder (holds book.toml and corpus/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// What to write per article.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Where to write one file per article.
        #[arg(long, default_value = "extract")]
        out: PathBuf,
    },
}

/// Output format of `dossier extract`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One `<stem>.json` per article (the extraction contract).
    Json,
    /// One `<stem>.md` per article: cleaned Markdown with TOML front matter.
    Markdown,
}

/// Runs a parsed command line; the exit code says whether errors were found.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { dir, format, out } => {
            let settings = load_settings(&dir)?;
            let mut diags = Diagnostics::new();
            let articles = dossier::load_articles(&settings, &mut diags)?;
            let format = match format {
                Format::Json => dossier::ExportFormat::Json,
                Format::Markdown => dossier::ExportFormat::Markdown,
            };
            let written = dossier::write_extracts(&articles, &out, format)?;
            report(&diags);
            eprintln!("extracted {} articles to {}", written.len(), out.display());
            Ok(exit_code(&diags))
        }
    }
}

fn load_settings(dir: &Path) -> Result<Settings> {
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot open the project folder {}", dir.display()))?;
    Ok(Settings::load(&root)?)
}

/// Prints the diagnostics, sorted, to stderr.
fn report(diags: &Diagnostics) {
    for d in diags.sorted() {
        eprintln!("{d}");
    }
}

/// 1 when any diagnostic is an error, else 0.
fn exit_code(diags: &Diagnostics) -> ExitCode {
    if diags.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

//! Command-line interface: clap types and the thin `run` that hands each
//! command to the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use dossier::config::Settings;
use dossier::error::Diagnostics;

use crate::reporter::{BuildReporter, Verbosity};

/// Turn a folder of scraped web articles into an annotated HTML dossier and an EPUB.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the HTML site (book/html/) and the EPUB (book/epub/) from corpus/.
    Build {
        /// The project folder (holds book.toml and corpus/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Print only errors and warnings.
        #[arg(short, long, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print each stage's time and how many articles came from the cache.
        #[arg(short, long)]
        verbose: bool,
        /// Neither read nor write the article cache (.dossier-cache/ beside the output).
        #[arg(long)]
        no_cache: bool,
    },
    /// Build, serve the site on localhost, and rebuild and reload open pages
    /// when corpus/, templates/ or book.toml change.
    Serve {
        /// The project folder (holds book.toml and corpus/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
    },
    /// Delete the output folder that `dossier build` wrote (and nothing else).
    Clean {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Start a new dossier: book.toml and an empty corpus/ folder.
    Init {
        /// Where to create it (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also write the default templates to templates/ for editing.
        #[arg(long)]
        templates: bool,
    },
    /// Preflight a built EPUB against the rules that make stores reject it.
    Check {
        /// An .epub file, or a project folder whose built EPUB to check.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
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
        /// Also print, per article, each removed line with its rule and each
        /// metadata field with where it came from.
        #[arg(long)]
        explain: bool,
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
        Command::Build {
            dir,
            quiet,
            verbose,
            no_cache,
        } => {
            let settings = load_settings(&dir)?;
            let verbosity = match (quiet, verbose) {
                (true, _) => Verbosity::Quiet,
                (_, true) => Verbosity::Verbose,
                _ => Verbosity::Normal,
            };
            let reporter = BuildReporter::new(verbosity);
            let options = dossier::BuildOptions {
                use_cache: !no_cache,
                progress: &reporter,
                // The command exits once the build returns.
                free_memory: false,
            };
            let mut diags = Diagnostics::new();
            let built = dossier::build_with(&settings, options, &mut diags);
            reporter.clear();
            report(&diags);
            let built = built.with_context(|| {
                format!(
                    "the build failed; {} was left as it was",
                    settings.out_dir.display()
                )
            })?;
            if !quiet {
                let cached = if built.cached > 0 {
                    format!(" ({} unchanged)", built.cached)
                } else {
                    String::new()
                };
                eprintln!(
                    "built {} articles{cached} in {:.2} s: {} ({} files) and {}",
                    built.articles,
                    reporter.elapsed().as_secs_f64(),
                    built.out_dir.join(dossier::site::SITE_DIR).display(),
                    built.site_files,
                    built
                        .epubs
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Ok(exit_code(&diags))
        }
        Command::Serve { dir, port, host } => {
            let root = dir
                .canonicalize()
                .with_context(|| format!("cannot open the project folder {}", dir.display()))?;
            let server =
                dossier::serve::Server::start(&root, &format!("{host}:{port}"), |outcome| {
                    match outcome {
                        dossier::serve::BuildOutcome::Built(diags) => {
                            report(diags);
                            eprintln!("built");
                        }
                        dossier::serve::BuildOutcome::Failed(message) => {
                            eprintln!(
                                "error: {message}\nthe build failed; serving the last good build"
                            );
                        }
                    }
                })?;
            eprintln!(
                "serving http://{}/ (Ctrl-C to stop); watching the corpus, templates and book.toml",
                server.addr()
            );
            server.run();
            Ok(ExitCode::SUCCESS)
        }
        Command::Clean { dir } => {
            let settings = load_settings(&dir)?;
            dossier::output::clean(&settings.out_dir)?;
            let cache = dossier::cache::cache_dir(&settings.out_dir);
            if cache.is_dir() {
                std::fs::remove_dir_all(&cache)
                    .with_context(|| format!("cannot remove {}", cache.display()))?;
            }
            eprintln!("removed {}", settings.out_dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, templates } => {
            init(&dir, templates)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { path } => check(&path),
        Command::Extract {
            dir,
            format,
            out,
            explain,
        } => {
            let settings = load_settings(&dir)?;
            let mut diags = Diagnostics::new();
            let glossary = dossier::load_glossary(&settings)?;
            let mut articles = dossier::load_articles(&settings, &mut diags)?;
            // The dossier's reading order, so the annotations match the site's.
            dossier::markdown::reading_order(&mut articles);
            let annotations = dossier::annotate::annotate(&articles, &glossary, settings.related);
            let format = match format {
                Format::Json => dossier::ExportFormat::Json,
                Format::Markdown => dossier::ExportFormat::Markdown,
            };
            let written =
                dossier::write_extracts(&articles, Some((&annotations, &glossary)), &out, format)?;
            if explain {
                let shown = settings
                    .corpus_dir
                    .strip_prefix(&settings.root)
                    .unwrap_or(&settings.corpus_dir);
                for article in &articles {
                    print!("{}", dossier::export::explain(article, shown));
                }
            }
            report(&diags);
            eprintln!("extracted {} articles to {}", written.len(), out.display());
            Ok(exit_code(&diags))
        }
    }
}

/// Checks the EPUB at `path`, or the one(s) `dossier build` wrote for the
/// project at `path` (one per volume); prints each finding and exits 1 on
/// errors.
fn check(path: &Path) -> Result<ExitCode> {
    let epubs = if path.is_dir() {
        let settings = load_settings(path)?;
        let single = settings.out_dir.join(dossier::epub::epub_path(&settings));
        let volumes: Vec<PathBuf> = (1..)
            .map(|n| {
                let paths = dossier::epub::volumes::epub_paths(&settings, n.max(2));
                settings.out_dir.join(&paths[n - 1])
            })
            .take_while(|p| p.is_file())
            .collect();
        match (single.is_file(), volumes.is_empty()) {
            (true, _) => vec![single],
            (false, false) => volumes,
            (false, true) => {
                anyhow::bail!("no EPUB at {}; run `dossier build` first", single.display())
            }
        }
    } else {
        vec![path.to_path_buf()]
    };
    let mut failed = false;
    for epub in &epubs {
        failed |= check_one(epub)?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks one EPUB and prints its findings; true when it has errors.
fn check_one(epub: &Path) -> Result<bool> {
    let findings = dossier::check::check_file(epub)?;
    for f in &findings {
        println!("{f}");
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == dossier::check::Severity::Error)
        .count();
    eprintln!(
        "{}: {errors} error{}, {} warning{}",
        epub.display(),
        if errors == 1 { "" } else { "s" },
        findings.len() - errors,
        if findings.len() - errors == 1 {
            ""
        } else {
            "s"
        },
    );
    Ok(errors > 0)
}

fn load_settings(dir: &Path) -> Result<Settings> {
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot open the project folder {}", dir.display()))?;
    let mut settings = Settings::load(&root)?;
    settings.source_date_epoch = source_date_epoch()?;
    Ok(settings)
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): seconds since 1970 that
/// date the EPUB instead of the articles' newest date.
fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => {
            v.trim().parse().map(Some).with_context(|| {
                format!("SOURCE_DATE_EPOCH={v:?} is not a whole number of seconds")
            })
        }
        Err(_) => Ok(None),
    }
}

/// The book.toml `dossier init` writes.
const INIT_CONFIG: &str = r#"[book]
title = "TITLE"
editors = []
language = "en"
description = """
What this dossier is about, in Markdown.
"""

[build]
corpus = "corpus"
output = "book"
"#;

/// Writes a new project: book.toml, corpus/, and the templates if asked.
/// Never overwrites a file that exists.
fn init(dir: &Path, with_templates: bool) -> Result<()> {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus)
        .with_context(|| format!("cannot create {}", corpus.display()))?;
    let config = dir.join(dossier::config::CONFIG_FILE);
    if config.exists() {
        eprintln!("kept the existing {}", config.display());
    } else {
        let title = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Dossier".to_string());
        let title = toml::Value::String(title).to_string();
        let text = INIT_CONFIG.replace("\"TITLE\"", &title);
        std::fs::write(&config, text)
            .with_context(|| format!("cannot write {}", config.display()))?;
        eprintln!("wrote {}", config.display());
    }
    if with_templates {
        let dest = dir.join("templates");
        let written = dossier::templates::write_defaults(&dest)?;
        eprintln!("wrote {} templates to {}", written.len(), dest.display());
    }
    eprintln!(
        "put the articles (.txt files) in {} and run `dossier build`",
        corpus.display()
    );
    Ok(())
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

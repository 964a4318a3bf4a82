//! dossier turns a folder of scraped web articles into an annotated HTML
//! site and an EPUB.
//!
//! The pipeline is a chain of stages, each a module that takes a plain value
//! and returns the next:
//!
//! ```text
//! corpus/ ──ingest──▶ RawDoc ──normalize──▶ CleanDoc ──extract──▶ Article
//!   ──markdown──▶ RenderedArticle ──site / epub──▶ OutputFile ──output──▶ book/
//! ```
//!
//! Only `ingest` reads the disk and only `output` writes it; every stage in
//! between is pure and tested in memory.

#![warn(missing_docs)]

pub mod check;
pub mod config;
pub mod epub;
pub mod error;
pub mod export;
pub mod extract;
pub mod highlight;
pub mod ingest;
pub mod markdown;
pub mod normalize;
pub mod output;
pub mod serve;
pub mod site;
pub mod templates;
#[cfg(test)]
mod testdata;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Settings;
use crate::error::{Diagnostics, Result};
use crate::extract::Article;

/// Reads, cleans and annotates every article of the project, in corpus
/// order, with slugs made unique.
pub fn load_articles(settings: &Settings, diags: &mut Diagnostics) -> Result<Vec<Article>> {
    let docs = ingest::read_corpus(&settings.corpus_dir, diags)?;
    let shown_dir = settings
        .corpus_dir
        .strip_prefix(&settings.root)
        .unwrap_or(&settings.corpus_dir);
    let tuning = &settings.normalize;
    let recurring = if tuning.recurring_lines {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        normalize::recurring_lines(&texts)
    } else {
        vec![Default::default(); docs.len()]
    };
    let results: Vec<(Article, Diagnostics)> = docs
        .par_iter()
        .zip(recurring)
        .map(|(doc, recurring)| {
            let mut local = Diagnostics::new();
            let shown = shown_dir.join(&doc.path);
            let site = tuning.site_for(&doc.path, &doc.text);
            let mut patterns = vec![&tuning.global];
            patterns.extend(site.map(|s| &s.patterns));
            let cleaned = normalize::clean(
                doc,
                &normalize::Tuning {
                    patterns,
                    recurring,
                },
            );
            let cx = extract::Context {
                sidecar: doc.sidecar.as_ref(),
                embedded: doc.embedded.as_ref(),
                embedded_label: match doc.format {
                    ingest::SourceFormat::Html => "html meta",
                    _ => "front matter",
                },
                site,
                shown_path: &shown,
                fallback_language: &settings.language,
            };
            let article = extract::annotate(cleaned, cx, &mut local);
            (article, local)
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for (article, local) in results {
        diags.extend(local);
        articles.push(article);
    }
    make_slugs_unique(&mut articles);
    Ok(articles)
}

/// What a build made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// How many articles went in.
    pub articles: usize,
    /// How many files the site has.
    pub site_files: usize,
    /// The EPUB, as a path under the output folder.
    pub epub: PathBuf,
    /// The output folder.
    pub out_dir: PathBuf,
}

/// Builds the site and the EPUB of the project described by `settings`.
///
/// Everything is rendered in memory first; the output folder is replaced
/// only when all of it succeeded, so a failed build leaves the previous one.
pub fn build(settings: &Settings, diags: &mut Diagnostics) -> Result<BuildReport> {
    let articles = load_articles(settings, diags)?;
    let cover = load_cover(settings)?;
    let templates = templates::Templates::load(settings.templates_dir.as_deref())?;
    let dossier = markdown::Dossier::from_articles(&articles);
    let mut files = site::render_site(&dossier, &templates, settings)?;
    let site_files = files.len();
    let epub = epub::epub_path(settings);
    files.push(output::OutputFile {
        path: epub.clone(),
        bytes: epub::build_epub(&dossier, &templates, settings, cover.as_ref())?,
    });
    output::publish(&settings.out_dir, files)?;
    Ok(BuildReport {
        articles: articles.len(),
        site_files,
        epub: settings.out_dir.join(epub),
        out_dir: settings.out_dir.clone(),
    })
}

/// Reads the cover image `book.cover` names; it must be a PNG or JPEG.
fn load_cover(settings: &Settings) -> Result<Option<epub::cover::CoverImage>> {
    let Some(path) = &settings.cover else {
        return Ok(None);
    };
    let bytes = std::fs::read(path).map_err(|source| error::Error::Read {
        path: path.clone(),
        source,
    })?;
    epub::cover::CoverImage::from_bytes(bytes)
        .map(Some)
        .ok_or_else(|| error::Error::Config {
            path: settings.root.join(config::CONFIG_FILE),
            message: format!(
                "book.cover = {:?} is not a PNG or JPEG image; e-readers show only those reliably",
                path.display()
            ),
        })
}

/// Two files can slugify alike ("a b.txt", "a-b.txt"): later ones get "-2",
/// "-3"; so does an article whose slug is one of the site's own page names.
fn make_slugs_unique(articles: &mut [Article]) {
    // The site's own pages take these names first.
    let mut seen: std::collections::BTreeSet<String> =
        site::RESERVED_SLUGS.iter().map(|s| s.to_string()).collect();
    for article in articles {
        let base = article.slug.clone();
        let mut n = 1;
        while !seen.insert(article.slug.clone()) {
            n += 1;
            article.slug = format!("{base}-{n}");
        }
    }
}

/// Writes one extraction file per article into `out_dir`, named after the
/// article's file stem, and returns the paths written.
pub fn write_extracts(
    articles: &[Article],
    out_dir: &Path,
    format: ExportFormat,
) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(out_dir).map_err(|source| error::Error::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for article in articles {
        let stem = article
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (name, text) = match format {
            ExportFormat::Json => (format!("{stem}.json"), export::to_json(article)),
            ExportFormat::Markdown => (format!("{stem}.md"), export::to_markdown(article)),
        };
        let path = out_dir.join(name);
        std::fs::write(&path, text).map_err(|source| error::Error::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// What `dossier extract` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per article.
    Json,
    /// Cleaned Markdown with TOML front matter.
    Markdown,
}

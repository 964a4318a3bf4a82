//! dossier turns a folder of scraped web articles into an annotated HTML
//! site and an EPUB.
//!
//! The pipeline is a chain of stages, each a module that takes a plain value
//! and returns the next:
//!
//! ```text
//! corpus/ ──ingest──▶ RawDoc ──normalize──▶ CleanDoc ──extract──▶ Article
//!   ──annotate──▶ Annotations ──markdown──▶ RenderedArticle
//!   ──site / epub──▶ OutputFile ──output──▶ book/
//! ```
//!
//! Only `ingest` reads the disk and only `output` writes it; every stage in
//! between is pure and tested in memory.

#![warn(missing_docs)]

pub mod annotate;
pub mod cache;
pub mod check;
pub mod config;
pub mod epub;
pub mod error;
pub mod export;
pub mod extract;
pub mod highlight;
pub mod ingest;
pub mod markdown;
pub mod memo;
pub mod memo_file;
pub mod normalize;
pub mod output;
pub mod progress;
pub mod serve;
pub mod site;
pub mod templates;
#[cfg(test)]
mod testdata;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::annotate::block_memo::BlockMemo;
use crate::annotate::text_memo::TextMemo;
use crate::cache::{ArticleCache, KeyInputs};
use crate::config::Settings;
use crate::error::{Diagnostics, Result};
use crate::extract::Article;
use crate::memo::EntryStamp;
use crate::progress::{Progress, Silent, Stage};

/// Reads, cleans and annotates every article of the project, in corpus
/// order, with slugs made unique.
pub fn load_articles(settings: &Settings, diags: &mut Diagnostics) -> Result<Vec<Article>> {
    Ok(load_articles_with(settings, None, &Silent, diags)?.articles)
}

/// The caches reading and cleaning use, being opened while the build
/// starts.
struct OpeningCaches {
    reads: cache::LoadingMemo<ingest::ReadMemo>,
    articles: cache::Loading<Option<ArticleCache>>,
    lines: cache::LoadingMemo<normalize::LineMemo>,
}

impl OpeningCaches {
    /// Starts opening the caches in `dir`.
    fn start(dir: &Path) -> Self {
        let reads = cache::load_memo_in_background(dir.to_path_buf(), cache::READ_MEMO);
        let lines = cache::load_memo_in_background(dir.to_path_buf(), cache::LINE_MEMO);
        let dir = dir.to_path_buf();
        OpeningCaches {
            reads,
            articles: cache::load_in_background(move || ArticleCache::open(&dir)),
            lines,
        }
    }
}

/// What [`load_articles_with`] loaded.
struct Loaded {
    articles: Vec<Article>,
    /// How many came from the cache.
    cached: usize,
    /// The cache being written, meanwhile.
    _saving: Option<cache::BackgroundJob>,
}

/// [`load_articles`], taking unchanged articles from `cache` and storing
/// the others in it.
fn load_articles_with(
    settings: &Settings,
    caches: Option<OpeningCaches>,
    progress: &dyn Progress,
    diags: &mut Diagnostics,
) -> Result<Loaded> {
    let started = Instant::now();
    progress.start(Stage::Read, 0);
    let tuning = &settings.normalize;
    let (read_memo, owned_cache, line_memo) = match caches {
        Some(c) => (Some(c.reads.wait()), Some(c.articles), Some(c.lines)),
        None => (None, None, None),
    };
    // A site told by its articles' lines needs every text to place them.
    let reuse = read_memo
        .as_ref()
        .filter(|_| tuning.sites.iter().all(|s| s.matches.is_empty()))
        .map(|memo| (memo, std::time::SystemTime::now()));
    let mut docs = ingest::read_corpus_with(&settings.corpus_dir, reuse, diags)?;
    let unread = docs.iter().filter(|d| d.unread).count();
    let note = if reuse.is_some() {
        format!("{} files, {unread} not read again", docs.len())
    } else {
        format!("{} files", docs.len())
    };
    let owned_cache = owned_cache.and_then(cache::Loading::wait).flatten();
    let cache = owned_cache.as_ref();
    let _saving_reads = cache.zip(read_memo).map(|(c, memo)| {
        cache::save_memo_in_background(c.dir().to_path_buf(), cache::READ_MEMO, memo)
    });
    progress.finish(Stage::Read, started.elapsed(), &note);

    let started = Instant::now();
    progress.start(Stage::Clean, docs.len());
    let shown_dir = settings
        .corpus_dir
        .strip_prefix(&settings.root)
        .unwrap_or(&settings.corpus_dir);
    // The line memo is saved while the articles are cleaned.
    let (recurring, _saving_lines) = if tuning.recurring_lines {
        let memo: normalize::LineMemo = match (cache, line_memo) {
            (Some(_), Some(loading)) => loading.wait(),
            _ => Default::default(),
        };
        read_texts(&mut docs, |d| !memo.knows(d.digest))?;
        let texts: Vec<(u128, &str)> = docs
            .iter()
            .map(|d| (d.digest, d.doc.text.as_str()))
            .collect();
        let lines = normalize::recurring_lines_of(&texts, &memo);
        let saving = cache
            .map(|c| cache::save_memo_in_background(c.dir().to_path_buf(), cache::LINE_MEMO, memo));
        (lines, saving)
    } else {
        (vec![Default::default(); docs.len()], None)
    };
    // Each article is taken from the cache or, when the cache lacks it,
    // read and cleaned, in one pass on every core: a rebuild cleans its
    // few changed articles (and compiles the rules' patterns, the first
    // time they are used) while the unchanged ones are decoded.
    let results: Vec<(Article, Diagnostics, Option<String>, bool)> = docs
        .par_iter_mut()
        .zip(recurring)
        .map(|(found, recurring)| {
            let site = tuning.site_for(&found.doc.path, &found.doc.text);
            let shown = shown_dir.join(&found.doc.path);
            // Everything outside the file that changes how it is cleaned:
            // the user's patterns, its site profile, and the lines its
            // site's other articles share with it.
            let patterns = patterns(tuning, site);
            let context = format!("{patterns:?}|{site:?}|{recurring:?}");
            let inputs = KeyInputs {
                shown_path: &shown,
                fallback_language: &settings.language,
                context: &context,
            };
            let key = cache.map(|c| c.key(&found.doc, found.digest, inputs));
            if let (Some(cache), Some(key)) = (cache, &key)
                && let Some((mut article, local)) = cache.get(key)
            {
                article.stamp = EntryStamp::new(key);
                progress.advance(1);
                return Ok((article, local, Some(key.clone()), true));
            }
            found.read_text()?;
            let doc = &found.doc;
            let mut local = Diagnostics::new();
            let normalize_tuning = normalize::Tuning {
                patterns,
                recurring,
            };
            let cleaned = normalize::clean(doc, &normalize_tuning);
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
            let mut article = extract::annotate(cleaned, cx, &mut local);
            if let (Some(cache), Some(key)) = (cache, &key) {
                cache.put(key, &article, &local);
                article.stamp = EntryStamp::new(key);
            }
            progress.advance(1);
            Ok((article, local, key, false))
        })
        .collect::<Result<_>>()?;
    let mut articles = Vec::with_capacity(results.len());
    let mut live = BTreeSet::new();
    let mut hits = 0;
    for (article, local, key, hit) in results {
        diags.extend(local);
        articles.push(article);
        live.extend(key);
        hits += usize::from(hit);
    }
    // The pack is written while the articles are rendered.
    let (pruned, saving) = owned_cache.map(|c| c.retain_in_background(live)).unzip();
    make_slugs_unique(&mut articles);
    let note = match pruned {
        Some(pruned) => format!(
            "{} articles, {hits} from the cache, {pruned} stale entries pruned",
            articles.len()
        ),
        None => format!("{} articles, cache off", articles.len()),
    };
    progress.finish(Stage::Clean, started.elapsed(), &note);
    Ok(Loaded {
        articles,
        cached: hits,
        _saving: saving,
    })
}

/// The line patterns an article is cleaned with: the user's, then its
/// site's.
fn patterns<'s>(
    tuning: &'s config::NormalizeSettings,
    site: Option<&'s config::SiteProfile>,
) -> Vec<&'s config::LinePatterns> {
    let mut patterns = vec![&tuning.global];
    patterns.extend(site.map(|s| &s.patterns));
    patterns
}

/// Reads, on every core, the text of each unread document that `wanted`
/// picks.
fn read_texts(
    docs: &mut [ingest::FoundDoc],
    wanted: impl Fn(&ingest::FoundDoc) -> bool + Sync,
) -> Result<()> {
    docs.par_iter_mut()
        .filter(|d| d.unread && wanted(d))
        .try_for_each(ingest::FoundDoc::read_text)
}

/// How to run a build.
#[derive(Clone, Copy)]
pub struct BuildOptions<'a> {
    /// Keep cleaned articles in [`cache::CACHE_DIR`] beside the output
    /// folder and reuse the unchanged ones.
    pub use_cache: bool,
    /// Who hears about the build's progress.
    pub progress: &'a dyn Progress,
    /// Free the annotated dossier before returning (the default). A
    /// command that exits once the build returns may leave it to the
    /// system, which takes a process's memory back at once: freeing the
    /// strings of 5,000 articles one by one was 5% of a rebuild's CPU. A
    /// process that goes on (`serve`, a library user) must free it.
    pub free_memory: bool,
}

impl Default for BuildOptions<'_> {
    fn default() -> Self {
        BuildOptions {
            use_cache: true,
            progress: &Silent,
            free_memory: true,
        }
    }
}

/// What a build made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// How many articles went in.
    pub articles: usize,
    /// How many files the site has.
    pub site_files: usize,
    /// The EPUB (one per volume), as paths under the output folder.
    pub epubs: Vec<PathBuf>,
    /// The output folder.
    pub out_dir: PathBuf,
    /// How many articles came from the cache unchanged.
    pub cached: usize,
}

/// Builds the site and the EPUB of the project described by `settings`,
/// with the cache on and no progress reports.
pub fn build(settings: &Settings, diags: &mut Diagnostics) -> Result<BuildReport> {
    build_with(settings, BuildOptions::default(), diags)
}

/// Builds the site and the EPUB of the project described by `settings`.
///
/// Everything is rendered in memory first; the output folder is replaced
/// only when all of it succeeded, so a failed build leaves the previous one.
/// The output is the same with the cache on or off.
pub fn build_with(
    settings: &Settings,
    options: BuildOptions<'_>,
    diags: &mut Diagnostics,
) -> Result<BuildReport> {
    let progress = options.progress;
    let cache_dir = cache::cache_dir(&settings.out_dir);
    // Every cache is opened while the corpus is read: each is serial work.
    let opening = options.use_cache.then(|| OpeningCaches::start(&cache_dir));
    let loading_texts = options
        .use_cache
        .then(|| cache::load_memo_in_background::<TextMemo>(cache_dir.clone(), cache::TEXT_MEMO));
    let loading_blocks = options
        .use_cache
        .then(|| cache::load_memo_in_background::<BlockMemo>(cache_dir.clone(), cache::BLOCK_MEMO));
    let opening_renders = options.use_cache.then(|| {
        let dir = cache_dir.clone();
        cache::load_in_background(move || markdown::RenderMemo::open(&dir))
    });
    let Loaded {
        articles,
        cached,
        _saving: _saving_articles,
    } = load_articles_with(settings, opening, progress, diags)?;
    let cover = load_cover(settings)?;
    let templates = templates::Templates::load(settings.templates_dir.as_deref())?;

    let glossary = load_glossary(settings)?;

    let started = Instant::now();
    let article_count = articles.len();
    progress.start(Stage::Render, article_count);
    // Annotation reads every article at once; rendering then runs per
    // article, unchanged renders taken from the render memo. The cleaned
    // articles are freed once rendered.
    let text_memo = loading_texts.map_or_else(TextMemo::empty, cache::LoadingMemo::wait);
    let block_memo = loading_blocks.map_or_else(BlockMemo::empty, cache::LoadingMemo::wait);
    let render_memo = opening_renders.and_then(cache::Loading::wait).flatten();
    let dossier = markdown::Dossier::annotated(
        articles,
        &glossary,
        settings.related,
        &text_memo,
        &block_memo,
        render_memo.as_ref(),
        &|| progress.advance(1),
    );
    // Saved while the site is made; waited for before the build returns.
    let _saving_texts = options
        .use_cache
        .then(|| cache::save_memo_in_background(cache_dir.clone(), cache::TEXT_MEMO, text_memo));
    let _saving_blocks = options
        .use_cache
        .then(|| cache::save_memo_in_background(cache_dir.clone(), cache::BLOCK_MEMO, block_memo));
    let mut summary = annotation_summary(&dossier);
    // The stored renders are not needed after this stage: the pack is
    // written while the pages are made.
    let _saving_renders = render_memo.map(|memo| {
        summary += &format!(", {} renders reused", memo.reused());
        memo.save_in_background()
    });
    progress.finish(Stage::Render, started.elapsed(), &summary);

    // The site's pages go into the next output folder as they are rendered,
    // so they are never all in memory; the folder is swapped in last, so a
    // failed build leaves the previous output.
    let staging = output::Staging::begin(&settings.out_dir)?;
    let started = Instant::now();
    progress.start(Stage::Pages, 0);
    // Pages keyed as the previous output recorded them are linked from it
    // rather than rendered (see `memo`).
    let memo = options
        .use_cache
        .then(cache::tool_identity)
        .flatten()
        .map(|tool| memo::PageMemo {
            keys: memo::RenderKeys::new(&templates, settings),
            manifest: memo::PageManifest::open(&cache_dir, &settings.out_dir, &tool),
        });
    let ranges = epub::volumes::volume_ranges(&dossier.articles, &settings.volumes);
    let epub_paths = epub::volumes::epub_paths(settings, ranges.len());
    // The site and the EPUB read the same dossier and each has serial
    // parts (the index pages, the archive): made side by side, one fills
    // the cores while the other waits on its serial part.
    let (site, epubs) = rayon::join(
        || site::render_site_to(&dossier, &templates, settings, memo.as_ref(), &staging),
        || build_volumes(&dossier, &ranges, &templates, settings, &cover, options),
    );
    let site::SiteCount {
        files: site_files,
        unchanged,
    } = site?;
    let epubs = epubs?;
    // Everything is rendered: its memory goes back while the EPUB is
    // written, or with the whole process when it is about to exit.
    let _freeing = if options.free_memory {
        Some(drop_in_background(dossier))
    } else {
        std::mem::forget(dossier);
        None
    };
    let epub_bytes: usize = epubs.iter().map(Vec::len).sum();
    let volumes = match epubs.len() {
        1 => String::new(),
        n => format!(" in {n} volumes"),
    };
    progress.finish(
        Stage::Pages,
        started.elapsed(),
        &format!(
            "{site_files} site files, {unchanged} unchanged; EPUB {epub_bytes} bytes{volumes}"
        ),
    );

    let started = Instant::now();
    progress.start(Stage::Write, 0);
    let epub_files: Vec<output::OutputFile> = epub_paths
        .iter()
        .zip(epubs)
        .map(|(path, bytes)| output::OutputFile {
            path: path.clone(),
            bytes,
        })
        .collect();
    staging.write(epub_files)?;
    // The manifest describes the output folder being replaced: it goes
    // first and comes back describing the new one.
    memo::PageManifest::withdraw(&cache_dir);
    staging.commit()?;
    if let Some(memo) = &memo {
        memo.manifest.save();
    }
    progress.finish(Stage::Write, started.elapsed(), "");
    Ok(BuildReport {
        articles: article_count,
        site_files,
        epubs: epub_paths
            .iter()
            .map(|p| settings.out_dir.join(p))
            .collect(),
        out_dir: settings.out_dir.clone(),
        cached,
    })
}

/// Frees `value` on a thread of its own: freeing a dossier's thousands of
/// strings takes tens of milliseconds that the build need not wait for.
/// The returned guard waits for it, so the memory is back by the time the
/// build returns.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) -> cache::BackgroundJob {
    cache::in_background(move || drop(value))
}

/// Builds the EPUB, or one per volume when `ranges` has several; each
/// volume keeps its compressed files in a cache pack of its own.
fn build_volumes(
    dossier: &markdown::Dossier,
    ranges: &[std::ops::Range<usize>],
    templates: &templates::Templates,
    settings: &Settings,
    cover: &Option<epub::cover::CoverImage>,
    options: BuildOptions<'_>,
) -> Result<Vec<Vec<u8>>> {
    let count = ranges.len();
    (0..count)
        .map(|i| {
            let pack = match count {
                1 => cache::EPUB_PACK.to_string(),
                _ => format!("epub-files-{}.pack", i + 1),
            };
            let epub_cache = options
                .use_cache
                .then(|| cache::PackCache::open(&cache::cache_dir(&settings.out_dir), &pack))
                .flatten();
            epub::build_epub_cached(
                &epub::volumes::volume(dossier, ranges, i),
                templates,
                &epub::volumes::volume_settings(settings, i + 1, count),
                cover.as_ref(),
                epub_cache.as_ref(),
            )
        })
        .collect()
}

/// Reads the project's glossary, or an empty one when it has none.
pub fn load_glossary(settings: &Settings) -> Result<annotate::glossary::Glossary> {
    match &settings.glossary {
        Some(path) => annotate::glossary::Glossary::load(path),
        None => Ok(Default::default()),
    }
}

/// "12 glossary terms, 85 names, 40 dated events" for the progress line.
fn annotation_summary(d: &markdown::Dossier) -> String {
    let events: usize = d.timeline.iter().map(|t| t.events.len()).sum();
    format!(
        "{} glossary terms used, {} names, {} dated events",
        d.glossary.len(),
        d.entities.len(),
        events
    )
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
/// article's file stem, and returns the paths written. JSON carries the
/// articles' annotations when `annotations` (made from `articles` in this
/// order, with this glossary) is given.
pub fn write_extracts(
    articles: &[Article],
    annotations: Option<(&annotate::Annotations, &annotate::glossary::Glossary)>,
    out_dir: &Path,
    format: ExportFormat,
) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(out_dir).map_err(|source| error::Error::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        let stem = article
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (name, text) = match (format, annotations) {
            (ExportFormat::Json, Some((all, glossary))) => (
                format!("{stem}.json"),
                export::to_json_annotated(articles, index, all, glossary),
            ),
            (ExportFormat::Json, None) => (format!("{stem}.json"), export::to_json(article)),
            (ExportFormat::Markdown, _) => (format!("{stem}.md"), export::to_markdown(article)),
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;

    /// Records what a build reports.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<(Stage, usize, usize)>>);

    impl Progress for Recorder {
        fn start(&self, stage: Stage, total: usize) {
            self.0.lock().unwrap().push((stage, total, 0));
        }
        fn advance(&self, n: usize) {
            self.0.lock().unwrap().last_mut().unwrap().2 += n;
        }
        fn finish(&self, _: Stage, _: Duration, _: &str) {}
    }

    fn project(articles: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
        for i in 0..articles {
            let text = format!(
                "Article {i}\n\nThe first paragraph of article {i} is a sentence long enough to read as prose.\n"
            );
            std::fs::write(corpus.join(format!("{i:02}.txt")), text).unwrap();
        }
        dir
    }

    // Every stage is reported in order; the counted ones count every article.
    #[test]
    fn reports_each_stage_and_article() {
        let dir = project(3);
        let settings = Settings::load(dir.path()).unwrap();
        let recorder = Recorder::default();
        let options = BuildOptions {
            use_cache: false,
            progress: &recorder,
            ..BuildOptions::default()
        };
        let report = build_with(&settings, options, &mut Diagnostics::new()).unwrap();
        assert_eq!(report.articles, 3);
        assert_eq!(report.cached, 0);
        let seen = recorder.0.into_inner().unwrap();
        let stages: Vec<Stage> = seen.iter().map(|s| s.0).collect();
        assert_eq!(
            stages,
            [
                Stage::Read,
                Stage::Clean,
                Stage::Render,
                Stage::Pages,
                Stage::Write
            ]
        );
        assert_eq!(seen[1], (Stage::Clean, 3, 3));
        assert_eq!(seen[2], (Stage::Render, 3, 3));
        assert!(!dir.path().join(cache::CACHE_DIR).exists());
    }

    // The second build takes every article from the cache beside the output.
    #[test]
    fn second_build_uses_cache() {
        let dir = project(2);
        let settings = Settings::load(dir.path()).unwrap();
        let first = build(&settings, &mut Diagnostics::new()).unwrap();
        assert_eq!(first.cached, 0);
        let second = build(&settings, &mut Diagnostics::new()).unwrap();
        assert_eq!(second.cached, 2);
        assert!(dir.path().join(cache::CACHE_DIR).is_dir());
    }
}

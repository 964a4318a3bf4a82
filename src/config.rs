//! `book.toml` → [`BookConfig`] → [`Settings`].
//!
//! [`BookConfig`] is the file as written (serde, unknown keys rejected with
//! line and column); [`Settings`] is what the stages use: paths made absolute
//! and every default filled in, once. Stages never see the CLI's types.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result};

/// The name of the project file.
pub const CONFIG_FILE: &str = "book.toml";
/// The glossary read when `[annotate] glossary` is not set and it exists.
pub const DEFAULT_GLOSSARY: &str = "glossary.toml";
/// How many related articles an article lists by default.
const DEFAULT_RELATED: usize = 5;

/// `book.toml` as written. Every key is optional; a missing file means all defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    /// `[book]`: what the dossier is.
    pub book: BookSection,
    /// `[build]`: where things are read from and written to.
    pub build: BuildSection,
    /// `[normalize]`: the user's line rules and site profiles.
    pub normalize: NormalizeSection,
    /// `[site]`: how the HTML site is published.
    pub site: SiteSection,
    /// `[annotate]`: the glossary and the other editor's annotations.
    pub annotate: AnnotateSection,
    /// `[epub]`.
    pub epub: EpubSection,
    /// The file's text, kept to turn pattern positions into line numbers.
    #[serde(skip)]
    source: String,
}

/// `[normalize]` in `book.toml`: line rules that apply to every article.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct NormalizeSection {
    /// Patterns (regular expressions) of lines to remove.
    pub drop: Vec<Spanned<String>>,
    /// Patterns of lines never to remove, whatever a built-in rule says.
    pub keep: Vec<Spanned<String>>,
    /// Whether a line that recurs across articles of one site counts as
    /// furniture (default true).
    pub recurring_lines: Option<bool>,
    /// `[[normalize.site]]`: per-site profiles.
    pub site: Vec<SiteProfileSection>,
}

/// `[[normalize.site]]`: what dossier should know about one site.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteProfileSection {
    /// The site's name, given to its articles that do not name a site.
    pub name: String,
    /// Patterns: an article with a line matching any of them is from this site.
    #[serde(rename = "match")]
    pub matches: Vec<Spanned<String>>,
    /// A folder under the corpus whose articles are from this site.
    pub folder: Option<PathBuf>,
    /// Patterns of lines to remove from this site's articles.
    pub drop: Vec<Spanned<String>>,
    /// Patterns of lines never to remove from this site's articles.
    pub keep: Vec<Spanned<String>>,
    /// The source credited when an article of this site names none.
    pub source: Option<String>,
    /// The language of this site's articles, when detection is not wanted.
    pub language: Option<String>,
}

/// `[annotate]` in `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct AnnotateSection {
    /// The glossary file, relative to the project (default: `glossary.toml`
    /// when it exists).
    pub glossary: Option<PathBuf>,
    /// How many related articles each article lists (default 5; 0 for none).
    pub related: Option<usize>,
}

/// `[epub]` in `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubSection {
    /// Starts a new volume (a separate EPUB) after this many articles.
    pub volume_articles: Option<usize>,
    /// Starts a new volume before the chapters' text passes this many megabytes.
    pub volume_megabytes: Option<f64>,
}

/// When the EPUB is split into volumes; no limit, one book.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct VolumeLimits {
    /// The most articles a volume holds.
    pub articles: Option<usize>,
    /// The most bytes of chapter text a volume holds (an article larger
    /// than this gets a volume of its own).
    pub bytes: Option<usize>,
}

/// `[site]` in `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteSection {
    /// The address the site is published at, e.g. `https://example.org/dossier/`.
    /// Enables canonical links, `og:url`, `sitemap.xml` and absolute feed links.
    pub base_url: Option<String>,
    /// Writes each article's BibTeX and CSL-JSON as files under `cite/`
    /// (two files per article, so off by default; pages show the BibTeX).
    pub citation_files: Option<bool>,
}

/// `[book]` in `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookSection {
    /// The dossier's title (default: "Dossier").
    pub title: Option<String>,
    /// A subtitle, shown under the title.
    pub subtitle: Option<String>,
    /// The people who compiled the dossier (the EPUB's editors).
    pub editors: Vec<String>,
    /// BCP 47 language of the dossier (default: "en").
    pub language: Option<String>,
    /// A short description, in Markdown.
    pub description: Option<String>,
    /// Who publishes the dossier (EPUB `dc:publisher`).
    pub publisher: Option<String>,
    /// The file name of the EPUB without `.epub` (default: the title, slugified).
    pub slug: Option<String>,
    /// A PNG or JPEG to use as the EPUB's cover, relative to the project
    /// (default: a cover drawn from the title, subtitle, editors and dates).
    pub cover: Option<PathBuf>,
}

/// `[build]` in `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildSection {
    /// The folder of articles, relative to the project (default: "corpus").
    pub corpus: Option<PathBuf>,
    /// The output folder, relative to the project (default: "book").
    pub output: Option<PathBuf>,
    /// The user's template folder, relative to the project (default: "templates").
    pub templates: Option<PathBuf>,
}

impl BookConfig {
    /// Parses `text`, the contents of `path`; errors name the file, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut config: BookConfig = toml::from_str(text).map_err(|e| Error::Toml {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.source = text.to_string();
        Ok(config)
    }

    /// Reads `dir/book.toml`; a missing file gives the defaults.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(Error::Read { path, source }),
        }
    }
}

/// Line patterns: lines to remove and lines to protect.
#[derive(Debug, Clone, Default)]
pub struct LinePatterns {
    /// A kept line matching one of these is removed.
    pub drop: Vec<Regex>,
    /// A line matching one of these is never removed.
    pub keep: Vec<Regex>,
}

impl LinePatterns {
    /// Whether a pattern says to drop `line` (and none says to keep it).
    pub fn drops(&self, line: &str) -> bool {
        self.drop.iter().any(|r| r.is_match(line)) && !self.keeps(line)
    }

    /// Whether a pattern protects `line`.
    pub fn keeps(&self, line: &str) -> bool {
        self.keep.iter().any(|r| r.is_match(line))
    }
}

/// A resolved `[[normalize.site]]`.
#[derive(Debug, Clone, Default)]
pub struct SiteProfile {
    /// The site's name.
    pub name: String,
    /// An article with a line matching one of these is from this site.
    pub matches: Vec<Regex>,
    /// Articles under this folder (relative to the corpus) are from this site.
    pub folder: Option<PathBuf>,
    /// The site's own line patterns.
    pub patterns: LinePatterns,
    /// Source credited by default.
    pub source: Option<String>,
    /// Language of the site's articles.
    pub language: Option<String>,
}

impl SiteProfile {
    /// Whether the article at `path` (relative to the corpus) with `text` is from this site.
    pub fn claims(&self, path: &Path, text: &str) -> bool {
        self.folder.as_ref().is_some_and(|f| path.starts_with(f))
            || !self.matches.is_empty()
                && text
                    .lines()
                    .any(|l| self.matches.iter().any(|r| r.is_match(l.trim())))
    }
}

/// How normalization is tuned.
#[derive(Debug, Clone)]
pub struct NormalizeSettings {
    /// Patterns for every article.
    pub global: LinePatterns,
    /// Site profiles, in book.toml order; the first that claims an article applies.
    pub sites: Vec<SiteProfile>,
    /// Whether lines recurring across a site's articles are furniture.
    pub recurring_lines: bool,
}

impl Default for NormalizeSettings {
    fn default() -> Self {
        NormalizeSettings {
            global: LinePatterns::default(),
            sites: Vec::new(),
            recurring_lines: true,
        }
    }
}

impl NormalizeSettings {
    /// The profile that claims the article, if any.
    pub fn site_for(&self, path: &Path, text: &str) -> Option<&SiteProfile> {
        self.sites.iter().find(|s| s.claims(path, text))
    }
}

/// Everything the stages need, resolved once.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The project folder (holds book.toml).
    pub root: PathBuf,
    /// The articles folder.
    pub corpus_dir: PathBuf,
    /// The output folder; the site goes to `html/`, the EPUB to `epub/`.
    pub out_dir: PathBuf,
    /// The user's template folder, when it exists.
    pub templates_dir: Option<PathBuf>,
    /// The dossier's title.
    pub title: String,
    /// The subtitle, if any.
    pub subtitle: Option<String>,
    /// The editors.
    pub editors: Vec<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// Description in Markdown (may be empty).
    pub description: String,
    /// Publisher, if any.
    pub publisher: Option<String>,
    /// The book slug: the EPUB file name without extension.
    pub slug: String,
    /// The user's cover image, when `book.cover` names one.
    pub cover: Option<PathBuf>,
    /// `SOURCE_DATE_EPOCH`, when the caller wants it to date the EPUB.
    pub source_date_epoch: Option<i64>,
    /// The user's line rules and site profiles.
    pub normalize: NormalizeSettings,
    /// The site's public address, always ending in `/`, when `[site] base-url` is set.
    pub base_url: Option<String>,
    /// The glossary file, when the project has one.
    pub glossary: Option<PathBuf>,
    /// How many related articles each article lists.
    pub related: usize,
    /// Whether each article's citation is also written as files under `cite/`.
    pub citation_files: bool,
    /// When the EPUB is split into volumes.
    pub volumes: VolumeLimits,
}

impl Settings {
    /// Resolves `config` for the project in `root`.
    pub fn resolve(root: &Path, config: BookConfig) -> Result<Self> {
        let config_path = root.join(CONFIG_FILE);
        let bad = |message: String| Error::Config {
            path: config_path.clone(),
            message,
        };
        let book = config.book;
        let title = book.title.unwrap_or_else(|| "Dossier".to_string());
        if title.trim().is_empty() {
            return Err(bad("book.title is empty; give the dossier a title".into()));
        }
        let language = book.language.unwrap_or_else(|| "en".to_string());
        if !is_language_tag(&language) {
            return Err(bad(format!(
                "book.language = {language:?} is not a BCP 47 language tag (for example \"en\" or \"ru\")"
            )));
        }
        let slug = match book.slug {
            Some(s) if slugify(&s) == s && !s.is_empty() => s,
            Some(s) => {
                return Err(bad(format!(
                    "book.slug = {s:?} must be lowercase letters, digits and hyphens (for example {:?})",
                    slugify(&s)
                )));
            }
            None => {
                let s = slugify(&title);
                if s.is_empty() {
                    "dossier".to_string()
                } else {
                    s
                }
            }
        };
        let normalize = resolve_normalize(&config.normalize, &config.source, &config_path)?;
        let volumes = VolumeLimits {
            articles: match config.epub.volume_articles {
                Some(0) => return Err(bad("epub.volume-articles must be at least 1".into())),
                n => n,
            },
            bytes: match config.epub.volume_megabytes {
                Some(mb) if !(mb.is_finite() && mb > 0.0) => {
                    return Err(bad(format!(
                        "epub.volume-megabytes = {mb} must be a positive number"
                    )));
                }
                mb => mb.map(|mb| (mb * 1_048_576.0) as usize),
            },
        };
        let base_url = match config.site.base_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                if u.contains(['"', '<', '>', ' ', '?', '#']) {
                    return Err(bad(format!(
                        "site.base-url = {u:?} must be a plain address without spaces, quotes, a query or a fragment"
                    )));
                }
                Some(format!("{}/", u.trim_end_matches('/')))
            }
            Some(u) => {
                return Err(bad(format!(
                    "site.base-url = {u:?} must start with https:// or http://"
                )));
            }
        };
        let build = config.build;
        let under_root =
            |p: Option<PathBuf>, default: &str| root.join(p.unwrap_or_else(|| default.into()));
        let templates_dir = under_root(build.templates, "templates");
        let glossary = match config.annotate.glossary {
            Some(path) => {
                let path = root.join(path);
                if !path.is_file() {
                    return Err(bad(format!(
                        "annotate.glossary = {:?}: no such file",
                        path.display()
                    )));
                }
                Some(path)
            }
            None => Some(root.join(DEFAULT_GLOSSARY)).filter(|p| p.is_file()),
        };
        Ok(Settings {
            root: root.to_path_buf(),
            corpus_dir: under_root(build.corpus, "corpus"),
            out_dir: under_root(build.output, "book"),
            templates_dir: templates_dir.is_dir().then_some(templates_dir),
            title,
            subtitle: book.subtitle,
            editors: book.editors,
            language,
            description: book.description.unwrap_or_default(),
            publisher: book.publisher,
            slug,
            cover: book.cover.map(|c| root.join(c)),
            source_date_epoch: None,
            normalize,
            base_url,
            glossary,
            related: config.annotate.related.unwrap_or(DEFAULT_RELATED),
            citation_files: config.site.citation_files.unwrap_or(false),
            volumes,
        })
    }

    /// Loads `root/book.toml` and resolves it.
    pub fn load(root: &Path) -> Result<Self> {
        Self::resolve(root, BookConfig::load(root)?)
    }
}

/// Compiles `[normalize]`; a bad pattern is an error naming its key and line.
fn resolve_normalize(
    section: &NormalizeSection,
    text: &str,
    path: &Path,
) -> Result<NormalizeSettings> {
    let compile = |key: String, patterns: &[Spanned<String>]| -> Result<Vec<Regex>> {
        patterns
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Regex::new(p.get_ref()).map_err(|e| {
                    let line = text[..p.span().start.min(text.len())].matches('\n').count() + 1;
                    Error::Config {
                        path: path.to_path_buf(),
                        message: format!(
                            "line {line}: {key}[{i}] = {:?} is not a valid pattern: {}",
                            p.get_ref(),
                            e.to_string().lines().last().unwrap_or("").trim()
                        ),
                    }
                })
            })
            .collect()
    };
    let mut sites = Vec::new();
    for (i, site) in section.site.iter().enumerate() {
        let key = |k: &str| format!("normalize.site[{i}].{k}");
        if site.matches.is_empty() && site.folder.is_none() {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "normalize.site[{i}] ({:?}) needs `match` patterns or a `folder` to know its articles",
                    site.name
                ),
            });
        }
        sites.push(SiteProfile {
            name: site.name.clone(),
            matches: compile(key("match"), &site.matches)?,
            folder: site.folder.clone(),
            patterns: LinePatterns {
                drop: compile(key("drop"), &site.drop)?,
                keep: compile(key("keep"), &site.keep)?,
            },
            source: site.source.clone(),
            language: site.language.clone(),
        });
    }
    Ok(NormalizeSettings {
        global: LinePatterns {
            drop: compile("normalize.drop".into(), &section.drop)?,
            keep: compile("normalize.keep".into(), &section.keep)?,
        },
        sites,
        recurring_lines: section.recurring_lines.unwrap_or(true),
    })
}

/// Lowercase ASCII letters and digits joined by single hyphens; other
/// scripts are dropped, so a Cyrillic-only title gives "" (the caller falls back).
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A shape check for BCP 47: a 2–3 letter primary tag and alphanumeric subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // An unknown key is an error that names the file, the line and the key.
    #[test]
    fn errors_on_unknown_key_with_line() {
        let err = BookConfig::parse(
            "[book]\ntitle = \"x\"\ntitel = \"y\"\n",
            Path::new("/p/book.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("/p/book.toml"), "{err}");
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("titel"), "{err}");
    }

    // Defaults fill every setting when book.toml is empty.
    #[test]
    fn resolves_defaults() {
        let s = Settings::resolve(Path::new("/p"), BookConfig::default()).unwrap();
        assert_eq!(s.title, "Dossier");
        assert_eq!(s.language, "en");
        assert_eq!(s.slug, "dossier");
        assert_eq!(s.corpus_dir, Path::new("/p/corpus"));
        assert_eq!(s.out_dir, Path::new("/p/book"));
    }

    // A language that is not a tag is caught before it reaches the EPUB.
    #[test]
    fn rejects_bad_language() {
        let cfg =
            BookConfig::parse("[book]\nlanguage = \"English\"\n", Path::new("book.toml")).unwrap();
        let err = Settings::resolve(Path::new("/p"), cfg)
            .unwrap_err()
            .to_string();
        assert!(err.contains("BCP 47"), "{err}");
    }

    // A bad pattern names its key and the line it is on.
    #[test]
    fn errors_on_bad_pattern_with_key_and_line() {
        let text = "[normalize]\ndrop = [\"^ok$\"]\n\n[[normalize.site]]\nname = \"x\"\nmatch = [\"x\"]\ndrop = [\"fine\",\n  \"(unclosed\"]\n";
        let cfg = BookConfig::parse(text, Path::new("/p/book.toml")).unwrap();
        let err = Settings::resolve(Path::new("/p"), cfg)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("/p/book.toml: line 8: normalize.site[0].drop[1]"),
            "{err}"
        );
    }

    // Site profiles claim articles by folder or by a matching line.
    #[test]
    fn site_profiles_claim_articles() {
        let text = "[[normalize.site]]\nname = \"A\"\nfolder = \"a\"\n[[normalize.site]]\nname = \"B\"\nmatch = [\"^Institute B$\"]\n";
        let s = Settings::resolve(
            Path::new("/p"),
            BookConfig::parse(text, Path::new("b.toml")).unwrap(),
        )
        .unwrap();
        assert_eq!(
            s.normalize.site_for(Path::new("a/x.txt"), "").unwrap().name,
            "A"
        );
        assert_eq!(
            s.normalize
                .site_for(Path::new("x.txt"), "text\nInstitute B\n")
                .unwrap()
                .name,
            "B"
        );
        assert!(
            s.normalize
                .site_for(Path::new("x.txt"), "Institute Bee")
                .is_none()
        );
    }

    // base-url gets exactly one trailing slash; anything but http(s) is refused.
    #[test]
    fn resolves_base_url() {
        let cfg = |u: &str| {
            BookConfig::parse(
                &format!("[site]\nbase-url = {u:?}\n"),
                Path::new("book.toml"),
            )
            .unwrap()
        };
        let s = Settings::resolve(Path::new("/p"), cfg("https://e.org/d")).unwrap();
        assert_eq!(s.base_url.as_deref(), Some("https://e.org/d/"));
        let err = Settings::resolve(Path::new("/p"), cfg("javascript:x"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("base-url"), "{err}");
    }

    #[test]
    fn slugifies_titles() {
        assert_eq!(
            slugify("Russia–Japan: A Dossier!"),
            "russia-japan-a-dossier"
        );
        assert_eq!(slugify("Россия"), "");
    }
}

//! `book.toml` → [`BookConfig`] → [`Settings`].
//!
//! [`BookConfig`] is the file as written (serde, unknown keys rejected with
//! line and column); [`Settings`] is what the stages use: paths made absolute
//! and every default filled in, once. Stages never see the CLI's types.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The name of the project file.
pub const CONFIG_FILE: &str = "book.toml";

/// `book.toml` as written. Every key is optional; a missing file means all defaults.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    /// `[book]`: what the dossier is.
    pub book: BookSection,
    /// `[build]`: where things are read from and written to.
    pub build: BuildSection,
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
        toml::from_str(text).map_err(|e| Error::Toml {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })
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

/// Everything the stages need, resolved once.
#[derive(Debug, Clone, PartialEq)]
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
        let build = config.build;
        let under_root =
            |p: Option<PathBuf>, default: &str| root.join(p.unwrap_or_else(|| default.into()));
        let templates_dir = under_root(build.templates, "templates");
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
        })
    }

    /// Loads `root/book.toml` and resolves it.
    pub fn load(root: &Path) -> Result<Self> {
        Self::resolve(root, BookConfig::load(root)?)
    }
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

    #[test]
    fn slugifies_titles() {
        assert_eq!(
            slugify("Russia–Japan: A Dossier!"),
            "russia-japan-a-dossier"
        );
        assert_eq!(slugify("Россия"), "");
    }
}

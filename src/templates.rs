//! The templates: defaults embedded in the binary, overridden file by file by
//! the user's `templates/` folder.
//!
//! Input: an optional user template folder. Output: [`Templates`], which
//! renders a named template with a tera context. It reads the user folder
//! once, at load; it must not write anything (except [`write_defaults`], the
//! `dossier init --templates` helper) nor know what the contexts hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};
use walkdir::WalkDir;

use crate::error::{Error, Result};

/// Every default template: its name (path under `templates/`) and contents.
/// The only list of them; a unit test checks it against the folder.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    (
        "partials/byline.html",
        include_str!("../templates/partials/byline.html"),
    ),
    (
        "partials/footnotes.html",
        include_str!("../templates/partials/footnotes.html"),
    ),
    (
        "partials/provenance.html",
        include_str!("../templates/partials/provenance.html"),
    ),
    ("authors.html", include_str!("../templates/authors.html")),
    ("author.html", include_str!("../templates/author.html")),
    ("sources.html", include_str!("../templates/sources.html")),
    ("source.html", include_str!("../templates/source.html")),
    (
        "categories.html",
        include_str!("../templates/categories.html"),
    ),
    ("category.html", include_str!("../templates/category.html")),
    ("timeline.html", include_str!("../templates/timeline.html")),
    ("year.html", include_str!("../templates/year.html")),
    ("glossary.html", include_str!("../templates/glossary.html")),
    ("term.html", include_str!("../templates/term.html")),
    ("names.html", include_str!("../templates/names.html")),
    ("name.html", include_str!("../templates/name.html")),
    (
        "partials/pages.html",
        include_str!("../templates/partials/pages.html"),
    ),
    (
        "partials/editor_notes.html",
        include_str!("../templates/partials/editor_notes.html"),
    ),
    (
        "partials/annotations.html",
        include_str!("../templates/partials/annotations.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
    ("print.html", include_str!("../templates/print.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("feed.xml", include_str!("../templates/feed.xml")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    ("robots.txt", include_str!("../templates/robots.txt")),
    ("site.js", include_str!("../templates/site.js")),
    ("search.js", include_str!("../templates/search.js")),
    (
        "partials/crumbs.html",
        include_str!("../templates/partials/crumbs.html"),
    ),
    (
        "partials/entry.html",
        include_str!("../templates/partials/entry.html"),
    ),
    ("style.css", include_str!("../templates/style.css")),
    ("favicon.svg", include_str!("../templates/favicon.svg")),
    (
        "epub/title.xhtml",
        include_str!("../templates/epub/title.xhtml"),
    ),
    (
        "epub/chapter.xhtml",
        include_str!("../templates/epub/chapter.xhtml"),
    ),
    (
        "epub/style.css",
        include_str!("../templates/epub/style.css"),
    ),
    (
        "epub/cover.xhtml",
        include_str!("../templates/epub/cover.xhtml"),
    ),
    (
        "epub/contents.xhtml",
        include_str!("../templates/epub/contents.xhtml"),
    ),
    (
        "epub/about.xhtml",
        include_str!("../templates/epub/about.xhtml"),
    ),
    (
        "epub/authors.xhtml",
        include_str!("../templates/epub/authors.xhtml"),
    ),
    (
        "epub/sources.xhtml",
        include_str!("../templates/epub/sources.xhtml"),
    ),
    (
        "epub/glossary.xhtml",
        include_str!("../templates/epub/glossary.xhtml"),
    ),
    (
        "epub/names.xhtml",
        include_str!("../templates/epub/names.xhtml"),
    ),
    (
        "epub/names-letter.xhtml",
        include_str!("../templates/epub/names-letter.xhtml"),
    ),
    (
        "epub/events.xhtml",
        include_str!("../templates/epub/events.xhtml"),
    ),
    (
        "epub/events-year.xhtml",
        include_str!("../templates/epub/events-year.xhtml"),
    ),
    (
        "epub/nav.xhtml",
        include_str!("../templates/epub/nav.xhtml"),
    ),
];

/// Defaults are also registered under this prefix, so a user template can
/// `{% extends "default/article.html" %}` and replace a single block.
pub const DEFAULT_PREFIX: &str = "default/";

/// File types read from the user's folder; anything else there (images,
/// editor backups) is not a template.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xhtml", "xml", "css", "svg", "txt", "js"];

/// The loaded templates, ready to render.
#[derive(Debug, Clone)]
pub struct Templates {
    tera: Tera,
    /// A hash of every template's name and text (see [`Templates::fingerprint`]).
    fingerprint: crate::memo::MemoKey,
}

impl Templates {
    /// Loads the defaults, then the user's templates under `user_dir` (named
    /// by their path relative to it, with `/`), which replace defaults of the
    /// same name. A template that does not parse is an [`Error::Template`]
    /// naming it.
    pub fn load(user_dir: Option<&Path>) -> Result<Templates> {
        let mut all: BTreeMap<String, String> = BTreeMap::new();
        for &(name, text) in DEFAULTS {
            all.insert(name.to_string(), text.to_string());
            all.insert(format!("{DEFAULT_PREFIX}{name}"), text.to_string());
        }
        if let Some(dir) = user_dir {
            all.extend(read_user_templates(dir)?);
        }
        let mut hash = crate::memo::Fingerprint::new();
        for (name, text) in &all {
            hash.part(name.as_bytes()).part(text.as_bytes());
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xhtml", ".xml"]);
        // One batch, so a user template may extend one that sorts after it.
        tera.add_raw_templates(&all)
            .map_err(|source| Error::Template {
                name: failing_template(&source).unwrap_or_else(|| "(templates)".to_string()),
                source,
            })?;
        Ok(Templates {
            tera,
            fingerprint: hash.key(),
        })
    }

    /// A hash of the whole template set, defaults and overrides: a page
    /// rendered by one set is reused only while the set is the same.
    pub fn fingerprint(&self) -> crate::memo::MemoKey {
        self.fingerprint
    }

    /// Renders the template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|source| Error::Template {
                name: failing_template(&source).unwrap_or_else(|| name.to_string()),
                source,
            })
    }
}

/// The template a tera error is about, where tera says.
fn failing_template(err: &tera::Error) -> Option<String> {
    let name = match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            report.filename().to_string()
        }
        ErrorKind::MissingParent { current, .. } => current.clone(),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            tpl.clone()
        }
        ErrorKind::TemplateNotFound(name) => name.clone(),
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

/// Reads every template file under `dir`, sorted, named relative to `dir`.
fn read_user_templates(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into(),
        })?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let is_template = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e));
        if !entry.file_type().is_file() || hidden || !is_template {
            continue;
        }
        let relative = path
            .strip_prefix(dir)
            .expect("walkdir stays under its root");
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        found.push((name, text));
    }
    Ok(found)
}

/// Writes the default templates into `dir` for the user to edit, leaving
/// any file that already exists alone. Returns the files written.
pub fn write_defaults(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for &(name, text) in DEFAULTS {
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    // Every embedded default parses on its own and together.
    #[test]
    fn every_default_parses() {
        for &(name, text) in DEFAULTS {
            let mut tera = Tera::new();
            // Partials and bases are only complete with the rest loaded.
            let mut all: Vec<(&str, &str)> = DEFAULTS.to_vec();
            all.retain(|(n, _)| *n != name);
            all.push((name, text));
            tera.add_raw_templates(all)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        Templates::load(None).unwrap();
    }

    // The table and the templates/ folder list the same files.
    #[test]
    fn defaults_table_matches_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let on_disk: BTreeSet<String> = read_user_templates(&root)
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let every_file: BTreeSet<String> = WalkDir::new(&root)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let table: BTreeSet<String> = DEFAULTS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, table);
        assert_eq!(
            every_file, table,
            "a file in templates/ is not a template dossier reads"
        );
    }

    // A user file replaces the default of the same name, and can extend the
    // default through the `default/` prefix.
    #[test]
    fn user_template_overrides_default() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("partials")).unwrap();
        std::fs::write(dir.path().join("partials/byline.html"), "BYLINE {{ who }}").unwrap();
        std::fs::write(
            dir.path().join("base.html"),
            "{% extends \"default/base.html\" %}{% block footer %}MY FOOTER{% endblock footer %}",
        )
        .unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let mut ctx = Context::new();
        ctx.insert("who", "<me>");
        assert_eq!(
            t.render("partials/byline.html", &ctx).unwrap(),
            "BYLINE &lt;me&gt;"
        );
        let base = t
            .render("base.html", &crate::site::test_base_context())
            .unwrap();
        assert!(base.contains("MY FOOTER"), "{base}");
        assert!(base.contains("<!DOCTYPE html>"), "{base}");
    }

    // A broken user template is an error naming it, with the line.
    #[test]
    fn broken_user_template_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<h1>\n{% if x %}\nno end\n").unwrap();
        let err = Templates::load(Some(dir.path())).unwrap_err();
        let Error::Template { name, source } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(name, "index.html");
        let report = source.to_string();
        assert!(report.contains("index.html:"), "{report}");
    }

    // A render error names the template and the line in it.
    #[test]
    fn render_error_names_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.html"), "ok\n{{ missing.field }}\n").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let err = t.render("x.html", &Context::new()).unwrap_err();
        let Error::Template { name, source } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(name, "x.html");
        let report = source.to_string();
        assert!(report.contains("x.html:2"), "{report}");
    }

    #[test]
    fn writes_defaults_without_clobbering() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("style.css"), "mine").unwrap();
        let written = write_defaults(dir.path()).unwrap();
        assert_eq!(written.len(), DEFAULTS.len() - 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("style.css")).unwrap(),
            "mine"
        );
        assert!(dir.path().join("epub/chapter.xhtml").is_file());
    }
}

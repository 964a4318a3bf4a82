//! `dossier build`, `clean` and `init` on fixture projects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{Fixture, fixtures_dir};

/// Every file under `dir` with its bytes, keyed by relative path.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

// The sample builds an index, five article pages and one EPUB.
#[test]
fn builds_sample_site_and_epub() {
    let f = Fixture::sample();
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let book = f.path().join("book");
    assert!(book.join("html/index.html").is_file());
    let pages = std::fs::read_dir(book.join("html"))
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            // Article pages: every page but the site's own.
            name.ends_with(".html")
                && ![
                    "index.html",
                    "search.html",
                    "timeline.html",
                    "print.html",
                    "404.html",
                    "glossary.html",
                    "people.html",
                    "organisations.html",
                    "places.html",
                ]
                .contains(&name.as_str())
        })
        .count();
    assert_eq!(pages, 5);
    assert!(book.join("epub/russia-and-japan-a-dossier.epub").is_file());
    assert!(
        run.stderr.contains(
            "corpus/002_beb0c7472119ff11.txt:1: warning: no title in the text or sidecar; derived"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("built 5 articles"), "{}", run.stderr);
}

// Two builds of the same input are byte-identical, EPUB included.
#[test]
fn two_builds_are_byte_identical() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let first = snapshot(&f.path().join("book"));
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let second = snapshot(&f.path().join("book"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{} differs between builds",
            path.display()
        );
    }
}

// A failed build (a broken template) leaves the previous output untouched.
#[test]
fn failed_build_keeps_previous_output() {
    let f = Fixture::copy("minimal");
    assert_eq!(f.run(&["build"]).code, 0);
    let before = snapshot(&f.path().join("book"));
    f.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ article.title \n{% endblock main %}\n",
    );
    let run = f.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("article.html"),
        "the error names the template: {}",
        run.stderr
    );
    assert!(run.stderr.contains("left as it was"), "{}", run.stderr);
    assert_eq!(snapshot(&f.path().join("book")), before);
    let leftovers: Vec<_> = std::fs::read_dir(f.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp") || n.contains(".old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// A user's template overrides the default of the same name, and only that one.
#[test]
fn user_template_overrides_default() {
    let f = Fixture::copy("template-override");
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = std::fs::read_to_string(f.path().join("book/html/index.html")).unwrap();
    assert!(
        index.contains("<p class=\"house-style\">Our own index</p>"),
        "{index}"
    );
    let article = std::fs::read_to_string(f.path().join("book/html/article.html")).unwrap();
    assert!(
        article.contains("A Minimal Article"),
        "article.html still uses the default"
    );
    assert!(!article.contains("house-style"));
}

// Scraped text that looks like HTML stays text on the page and in the EPUB.
#[test]
fn escapes_scraped_markup() {
    let f = Fixture::copy("escaping");
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(f.path().join("book/html/article.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("Tom &amp; Jerry"), "{page}");
    let title_tag = page.lines().find(|l| l.contains("<title>")).unwrap();
    assert!(title_tag.contains("&lt;b&gt;"), "{title_tag}");
}

// `clean` removes the output and nothing else; it refuses a folder it did not make.
#[test]
fn clean_removes_only_its_output() {
    let f = Fixture::copy("minimal");
    assert_eq!(f.run(&["build", "-q"]).code, 0);
    let run = f.run(&["clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!f.path().join("book").exists());
    assert!(f.path().join("corpus/article.txt").is_file());
    f.write("book/precious.txt", "not dossier's");
    let run = f.run(&["clean"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(f.path().join("book/precious.txt").is_file());
}

// `init` starts a project that builds; `--templates` writes the defaults for editing.
#[test]
fn init_starts_a_project_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::support::run_in(dir.path(), &["init", "my-dossier", "--templates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let project = dir.path().join("my-dossier");
    let config = std::fs::read_to_string(project.join("book.toml")).unwrap();
    assert!(config.contains("title = \"my-dossier\""), "{config}");
    assert!(project.join("templates/article.html").is_file());
    assert!(project.join("templates/epub/chapter.xhtml").is_file());
    std::fs::copy(
        fixtures_dir().join("minimal/corpus/article.txt"),
        project.join("corpus/article.txt"),
    )
    .unwrap();
    let run = crate::support::run_in(&project, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.join("book/epub/my-dossier.epub").is_file());
}

// SOURCE_DATE_EPOCH dates the EPUB, so it changes the bytes; without it the date comes from the articles.
#[test]
fn source_date_epoch_dates_the_epub() {
    let f = Fixture::copy("minimal");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "-q"])
        .current_dir(f.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .status()
        .unwrap();
    assert!(status.success());
    let epub = std::fs::read(f.path().join("book/epub/minimal.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut opf = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/content.opf").unwrap(), &mut opf)
        .unwrap();
    assert!(opf.contains("2023-11-14T22:13:20Z"), "{opf}");
}

// The golden files under a fixture's expected/ match the build, and every one of them is built.
#[test]
fn golden_files_match() {
    for case in ["minimal"] {
        let f = Fixture::copy(case);
        let run = f.run(&["build", "-q"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let expected_dir = fixtures_dir().join(case).join("expected");
        let expected = snapshot(&expected_dir);
        assert!(!expected.is_empty(), "{case} has no golden files");
        let bless = std::env::var_os("DOSSIER_BLESS").is_some();
        for (rel, want) in expected {
            let built = f.path().join("book").join(&rel);
            let got = std::fs::read(&built).unwrap_or_else(|_| {
                panic!("{case}: golden {} is not built (dangling)", rel.display())
            });
            if bless {
                std::fs::write(expected_dir.join(&rel), &got).unwrap();
            } else {
                assert!(
                    got == want,
                    "{case}: {} differs from its golden file; rerun with DOSSIER_BLESS=1 to update after review",
                    rel.display()
                );
            }
        }
    }
}

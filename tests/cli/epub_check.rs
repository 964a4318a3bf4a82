//! `dossier check`: the built EPUB passes, and for each rule an EPUB broken
//! on purpose fails with that rule's code, the file and a fix.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::support::{Fixture, Run, run_in};

/// The `minimal` fixture's EPUB, built once for all tests.
fn built_epub() -> &'static [u8] {
    static EPUB: OnceLock<Vec<u8>> = OnceLock::new();
    EPUB.get_or_init(|| {
        let f = Fixture::copy("minimal");
        let run = f.run(&["build", "-q"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let dir = f.path().join("book/epub");
        let path = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::read(path).unwrap()
    })
}

/// The EPUB's entries, to edit and write back.
struct Entries(Vec<(String, Vec<u8>)>);

impl Entries {
    fn of_built() -> Entries {
        let mut archive = ZipArchive::new(Cursor::new(built_epub())).unwrap();
        let mut out = Vec::new();
        for i in 0..archive.len() {
            let mut e = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            out.push((e.name().to_string(), bytes));
        }
        Entries(out)
    }

    fn name_starting(&self, prefix: &str) -> String {
        self.0
            .iter()
            .map(|(n, _)| n.clone())
            .find(|n| n.starts_with(prefix))
            .unwrap_or_else(|| panic!("no entry starts with {prefix}"))
    }

    /// Replaces `from` (which must occur) with `to` in entry `name`.
    fn replace(mut self, name: &str, from: &str, to: &str) -> Entries {
        let entry = self.0.iter_mut().find(|(n, _)| n == name).unwrap();
        let text = String::from_utf8(entry.1.clone()).unwrap();
        assert!(text.contains(from), "{name} lacks {from:?}:\n{text}");
        entry.1 = text.replacen(from, to, 1).into_bytes();
        self
    }

    fn add(mut self, name: &str, bytes: Vec<u8>) -> Entries {
        self.0.push((name.to_string(), bytes));
        self
    }

    /// Writes the archive; `mimetype` stored unless `compress_all`.
    fn zip(&self, compress_all: bool) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in &self.0 {
            let method = if name == "mimetype" && !compress_all {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            zip.start_file(
                name.as_str(),
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

/// Runs `dossier check` on `epub` written to a temp file.
fn check(epub: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("book.epub");
    std::fs::write(&path, epub).unwrap();
    run_in(dir.path(), &["check", "book.epub"])
}

/// Asserts the check failed with `code` at a location starting with `at`.
fn assert_fails(run: &Run, code: &str, at: &str) {
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let needle = format!("error[{code}]: {at}");
    assert!(
        run.stdout.contains(&needle),
        "expected {needle:?} in:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("\n  fix: "), "{}", run.stdout);
}

fn chapter(e: &Entries) -> String {
    e.name_starting("OEBPS/text/")
}

// The EPUB dossier builds passes, by file and by project folder.
#[test]
fn built_epub_passes() {
    let run = check(built_epub());
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );

    let f = Fixture::copy("minimal");
    let before = f.run(&["check"]);
    assert_eq!(before.code, 2, "a usage error, not a failed check");
    assert!(
        before.stderr.contains("run `dossier build` first"),
        "{}",
        before.stderr
    );
    assert_eq!(f.run(&["build", "-q"]).code, 0);
    let after = f.run(&["check", "."]);
    assert_eq!(after.code, 0, "{}\n{}", after.stdout, after.stderr);
}

#[test]
fn rule_zip() {
    assert_fails(&check(b"PK\x03\x04 this is not really a zip"), "zip", "-");
}

#[test]
fn rule_mimetype_first_and_stored() {
    let mut e = Entries::of_built();
    e.0.swap(0, 1);
    assert_fails(&check(&e.zip(false)), "mimetype", "mimetype");
    let run = check(&Entries::of_built().zip(true));
    assert_fails(&run, "mimetype", "mimetype");
    assert!(run.stdout.contains("compressed"), "{}", run.stdout);
}

#[test]
fn rule_container() {
    let e = Entries::of_built().replace(
        "META-INF/container.xml",
        "OEBPS/content.opf",
        "OEBPS/package.opf",
    );
    assert_fails(&check(&e.zip(false)), "container", "META-INF/container.xml");
}

#[test]
fn rule_well_formed() {
    let e = Entries::of_built();
    let name = chapter(&e);
    let e = e.replace(&name, "</h1>", "</h2>");
    assert_fails(&check(&e.zip(false)), "well-formed", &format!("{name}:"));
}

#[test]
fn rule_comment_dashes() {
    let e = Entries::of_built();
    let name = chapter(&e);
    let e = e.replace(&name, "<head>", "<head>\n<!-- built -- by hand -->");
    let run = check(&e.zip(false));
    assert_fails(&run, "comment-dashes", &format!("{name}:5"));
    assert!(!run.stdout.contains("well-formed"), "{}", run.stdout);
}

#[test]
fn rule_language() {
    let e = Entries::of_built().replace(
        "OEBPS/content.opf",
        "<dc:language id=\"epub-creator-0\">en</dc:language>",
        "",
    );
    let run = check(&e.zip(false));
    assert_fails(&run, "language", "OEBPS/content.opf");
    assert!(run.stdout.contains("dc:language"), "{}", run.stdout);
}

#[test]
fn rule_metadata() {
    let e = Entries::of_built().replace(
        "OEBPS/content.opf",
        "<meta property=\"dcterms:modified\">",
        "<meta property=\"dcterms:created\">",
    );
    assert_fails(&check(&e.zip(false)), "metadata", "OEBPS/content.opf");
}

#[test]
fn rule_xml_id() {
    let e = Entries::of_built();
    let name = chapter(&e);
    let e = e.replace(&name, "id=\"chapter-title\"", "id=\"1 chapter\"");
    let run = check(&e.zip(false));
    assert_fails(&run, "xml-id", &format!("{name}:"));
    assert!(run.stdout.contains("\"1 chapter\""), "{}", run.stdout);
}

#[test]
fn rule_nav_list() {
    let e = Entries::of_built().replace("OEBPS/nav.xhtml", "</nav>", "<ol></ol></nav>");
    assert_fails(&check(&e.zip(false)), "nav-list", "OEBPS/nav.xhtml:");
}

#[test]
fn rule_manifest_properties() {
    let e = Entries::of_built();
    let name = chapter(&e);
    let svg = e.replace(
        &name,
        "</header>",
        "</header><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"><title>x</title></svg>",
    );
    let run = check(&svg.zip(false));
    assert_fails(&run, "manifest-properties", &name);
    assert!(run.stdout.contains("properties=\"svg\""), "{}", run.stdout);

    let no_cover =
        Entries::of_built().replace("OEBPS/content.opf", "properties=\"cover-image\" ", "");
    let run = check(&no_cover.zip(false));
    assert_fails(&run, "manifest-properties", "-");
    assert!(run.stdout.contains("cover-image"), "{}", run.stdout);
}

#[test]
fn rule_manifest() {
    let e = Entries::of_built().add("OEBPS/stray.css", b"p{}".to_vec());
    assert_fails(&check(&e.zip(false)), "manifest", "OEBPS/stray.css");
}

// A content document over 300 KB is a warning: reported, exit code 0.
#[test]
fn rule_size() {
    let e = Entries::of_built();
    let name = chapter(&e);
    let long = format!(
        "</header>{}",
        "<p>Filler text for size.</p>\n".repeat(12_000)
    );
    let e = e.replace(&name, "</header>", &long);
    let run = check(&e.zip(false));
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("warning[size]: {name}")),
        "{}",
        run.stdout
    );
}

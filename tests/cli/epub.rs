//! The EPUB as readers get it: the `cover` key of book.toml, and a real
//! reading system (pandoc's EPUB reader) parsing the larger fixture fully.

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;

use zip::ZipArchive;

use crate::support::Fixture;

fn epub_of(f: &Fixture) -> Vec<u8> {
    let dir = f.path().join("book/epub");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::read(path).unwrap()
}

fn entry(epub: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(epub)).unwrap();
    let mut file = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    Some(bytes)
}

// `cover = "…"` puts the user's PNG in the EPUB instead of the drawn cover.
#[test]
fn cover_key_uses_the_users_image() {
    let f = Fixture::copy("minimal");
    assert_eq!(f.run(&["build", "-q"]).code, 0);
    let drawn = entry(&epub_of(&f), "OEBPS/cover.png").expect("a drawn cover");
    assert!(drawn.starts_with(b"\x89PNG"));
    // Any PNG will do as the user's: the drawn one with a byte appended
    // after IEND is still a PNG, and differs.
    let mut mine = drawn.clone();
    mine.extend_from_slice(b"user");
    std::fs::write(f.path().join("my-cover.png"), &mine).unwrap();
    let toml = std::fs::read_to_string(f.path().join("book.toml")).unwrap();
    f.write(
        "book.toml",
        &toml.replace("[book]\n", "[book]\ncover = \"my-cover.png\"\n"),
    );
    let run = f.run(&["build", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(entry(&epub_of(&f), "OEBPS/cover.png"), Some(mine));
}

// A cover that is not PNG or JPEG fails the build, naming book.toml and the file.
#[test]
fn cover_key_rejects_other_formats() {
    let f = Fixture::copy("minimal");
    f.write("cover.gif", "GIF89a not really");
    let toml = std::fs::read_to_string(f.path().join("book.toml")).unwrap();
    f.write(
        "book.toml",
        &toml.replace("[book]\n", "[book]\ncover = \"cover.gif\"\n"),
    );
    let run = f.run(&["build", "-q"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("cover.gif"), "{}", run.stderr);
    assert!(run.stderr.contains("PNG or JPEG"), "{}", run.stderr);
    assert!(!f.path().join("book").exists());
}

/// pandoc, or `None` (skip) when validators are not required.
fn pandoc() -> Option<PathBuf> {
    let path = std::env::var_os("PANDOC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("pandoc"));
    if Command::new(&path).arg("--version").output().is_ok() {
        return Some(path);
    }
    assert!(
        std::env::var_os("DOSSIER_REQUIRE_VALIDATORS").is_none(),
        "pandoc is required (scripts/install-validators.sh installs it)"
    );
    eprintln!("skipped: pandoc not found");
    None
}

// pandoc's EPUB reader finds every chapter, the Russian text, and each note
// reference as a note (it follows `epub:type="noteref"` to the aside).
#[test]
fn pandoc_reads_every_chapter_and_note() {
    let Some(pandoc) = pandoc() else { return };
    let f = Fixture::copy("large");
    let run = f.run(&["build", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let epub = f
        .path()
        .join("book/epub/rivers-and-grids-a-reading-dossier.epub");
    let out = Command::new(&pandoc)
        .args(["-f", "epub", "-t", "json"])
        .arg(&epub)
        .output()
        .expect("run pandoc");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pandoc JSON");
    fn count_notes(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(m) => {
                usize::from(m.get("t").and_then(|t| t.as_str()) == Some("Note"))
                    + m.values().map(count_notes).sum::<usize>()
            }
            serde_json::Value::Array(a) => a.iter().map(count_notes).sum(),
            _ => 0,
        }
    }
    let bytes = std::fs::read(&epub).unwrap();
    let mut archive = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut refs = 0;
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        if e.name().starts_with("OEBPS/text/") {
            let mut text = String::new();
            e.read_to_string(&mut text).unwrap();
            refs += text.matches("epub:type=\"noteref\"").count();
        }
    }
    assert!(refs >= 8, "{refs}");
    assert_eq!(count_notes(&doc["blocks"]), refs);
    let meta = &doc["meta"];
    assert!(meta["language"].to_string().contains("en"), "{meta}");
    assert!(meta["title"].to_string().contains("Rivers"), "{meta}");

    let plain = Command::new(&pandoc)
        .args(["-f", "epub", "-t", "plain", "--wrap=none"])
        .arg(&epub)
        .output()
        .expect("run pandoc");
    let text = String::from_utf8_lossy(&plain.stdout);
    for needle in [
        "Old Dams and New Jobs",
        "District Heat in Cold Cities",
        "Такие карты уже есть в нескольких регионах",
        "Pumped storage",
        "About this dossier",
        "About the authors",
    ] {
        assert!(text.contains(needle), "pandoc lost {needle:?}");
    }
}

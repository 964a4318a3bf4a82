//! The article cache and the render memos: a rebuild reuses unchanged
//! articles, their HTML and their pages, and its output is byte-identical
//! to a cold build of the same input.

use crate::build::snapshot;
use crate::support::{Fixture, Run};

const CHANGED: &str = "corpus/002_beb0c7472119ff11.txt";

/// Asserts that the run's diagnostics say `text` (a `--verbose` summary).
#[track_caller]
fn says(run: &Run, text: &str) {
    assert!(run.stderr.contains(text), "{}", run.stderr);
}

// Build, change one article, rebuild from the cache; then build the same
// input cold in a fresh copy. Same files, same bytes, same diagnostics.
#[test]
fn warm_rebuild_matches_cold_build() {
    let warm = Fixture::sample();
    let first = warm.run(&["build", "--verbose"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    says(&first, "0 from the cache");
    says(&first, "0 renders reused");
    assert!(warm.path().join(".dossier-cache").is_dir());
    assert!(!warm.path().join("book/.dossier-cache").exists());

    let unchanged = warm.run(&["build", "--verbose"]);
    says(&unchanged, "5 from the cache");
    says(&unchanged, "5 renders reused");
    // Nothing changed: every article page and group page is linked from
    // the previous output, none rendered.
    let all_reused = unchanged_pages(&unchanged.stderr);
    assert!(all_reused >= 5, "{}", unchanged.stderr);

    let text = std::fs::read_to_string(warm.path().join(CHANGED)).unwrap();
    let edited = format!(
        "{text}\n\nA paragraph added after the first build, long enough to read as prose, \
         so the rebuilt article must differ from the cached one.\n"
    );
    warm.write(CHANGED, &edited);
    let rebuilt = warm.run(&["build", "--verbose"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    says(&rebuilt, "4 from the cache");
    // Only the changed article is rendered again.
    says(&rebuilt, "4 renders reused");
    // The changed article's page at least is rendered again.
    assert!(
        unchanged_pages(&rebuilt.stderr) < all_reused,
        "{}",
        rebuilt.stderr
    );
    let warm_quiet = warm.run(&["build", "--quiet"]);

    let cold = Fixture::sample();
    cold.write(CHANGED, &edited);
    let cold_quiet = cold.run(&["build", "--quiet", "--no-cache"]);
    assert_eq!(cold_quiet.code, 0, "{}", cold_quiet.stderr);
    assert!(!cold.path().join(".dossier-cache").exists());
    assert_eq!(warm_quiet.stderr, cold_quiet.stderr, "diagnostics differ");
    assert_same_output(&warm, &cold);
}

/// How many pages the site stage reports unchanged ("N files, M unchanged").
fn unchanged_pages(stderr: &str) -> usize {
    let at = stderr
        .find(" unchanged")
        .expect("the site stage reports unchanged pages");
    let digits: String = stderr[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

/// The article pages of `f`'s site (the pages with a position in the dossier).
fn article_pages(f: &Fixture) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<_> = std::fs::read_dir(f.path().join("book/html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| t.contains("class=\"masthead-position\""))
        })
        .collect();
    pages.sort();
    pages
}

/// Asserts that `warm`'s output is what a cold build of its input gives.
fn assert_matches_cold(warm: &Fixture) {
    let cold = Fixture::copy_from(warm.path());
    let run = cold.run(&["build", "--quiet", "--no-cache"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_same_output(warm, &cold);
}

/// The two projects' `book/` folders hold the same files, byte for byte.
fn assert_same_output(warm: &Fixture, cold: &Fixture) {
    let warm_files = snapshot(&warm.path().join("book"));
    let cold_files = snapshot(&cold.path().join("book"));
    assert_eq!(
        warm_files.keys().collect::<Vec<_>>(),
        cold_files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &warm_files {
        assert!(
            bytes == &cold_files[path],
            "{} differs between the warm and the cold build",
            path.display()
        );
    }
}

// A template override or a settings change reaches every memoised page
// and chapter: none is taken from the previous build.
#[test]
fn template_and_settings_changes_invalidate_the_memo() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    for template in ["article.html", "epub/chapter.xhtml"] {
        let default =
            std::fs::read_to_string(crate::support::repo_root().join("templates").join(template))
                .unwrap();
        f.write(
            &format!("templates/{template}"),
            &default.replace("{{ article.title }}", "{{ article.title }} (memo test)"),
        );
    }
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(unchanged_pages(&run.stderr), 0, "{}", run.stderr);
    let pages = article_pages(&f);
    assert_eq!(pages.len(), 5);
    for page in pages {
        assert!(
            std::fs::read_to_string(&page)
                .unwrap()
                .contains("(memo test)")
        );
    }
    assert_matches_cold(&f);

    let toml = std::fs::read_to_string(f.path().join("book.toml")).unwrap();
    f.write(
        "book.toml",
        &toml.replacen("title = ", "title = \"Renamed\" #", 1),
    );
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(unchanged_pages(&run.stderr), 0, "{}", run.stderr);
    assert_matches_cold(&f);
}

// The memo trusts only the output it recorded: a build without the cache,
// or a page edited by hand in the output, is not mistaken for it.
#[test]
fn memo_follows_the_output_folder() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let original = std::fs::read_to_string(f.path().join(CHANGED)).unwrap();
    f.write(
        CHANGED,
        &format!(
            "{original}\n\nA paragraph that is there for one build only, long enough to be prose.\n"
        ),
    );
    assert_eq!(f.run(&["build", "--quiet", "--no-cache"]).code, 0);
    f.write(CHANGED, &original);
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    assert_matches_cold(&f);

    let page = article_pages(&f).remove(0);
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, format!("{text}<!-- edited -->")).unwrap();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    assert_matches_cold(&f);
}

/// Fills every record's blob in the pack file at `path` with `byte`,
/// keeping the records' keys and lengths, and returns how many there are.
/// A pack is 8 magic bytes, then per record a 16-byte key, a little-endian
/// u64 length and the blob.
fn spoil_records(path: &std::path::Path, byte: u8) -> usize {
    const HEAD: usize = 16 + 8;
    let mut bytes = std::fs::read(path).unwrap();
    let mut at = 8;
    let mut records = 0;
    while at < bytes.len() {
        let len = u64::from_le_bytes(bytes[at + 16..at + HEAD].try_into().unwrap()) as usize;
        bytes[at + HEAD..at + HEAD + len].fill(byte);
        at += HEAD + len;
        records += 1;
    }
    std::fs::write(path, bytes).unwrap();
    records
}

// A corrupt cache entry or memo is rebuilt, not trusted and not an error.
#[test]
fn corrupt_cache_is_rebuilt() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let before = snapshot(&f.path().join("book"));
    // Every entry spoilt in place, the pack itself still readable.
    let pack = f.path().join(".dossier-cache/articles.pack");
    assert_eq!(spoil_records(&pack, b'{'), 5);
    // The texts' remembered sketches and overlaps: a file that is not a memo is ignored.
    let overlaps = f.path().join(".dossier-cache/texts.memo");
    assert!(overlaps.is_file());
    std::fs::write(&overlaps, "not a memo").unwrap();
    // Each block's remembered names and dates: cut short, it is ignored.
    let blocks = f.path().join(".dossier-cache/blocks.memo");
    let bytes = std::fs::read(&blocks).unwrap();
    std::fs::write(&blocks, &bytes[..bytes.len() / 2]).unwrap();
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run, "0 from the cache");
    assert_eq!(snapshot(&f.path().join("book")), before);
}

// A corrupt render memo, record by record or as a whole, is rendered again,
// never trusted and never an error.
#[test]
fn corrupt_render_memo_is_rebuilt() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let before = snapshot(&f.path().join("book"));
    // The records are bincode: bytes of 0xff are no valid record.
    let pack = f.path().join(".dossier-cache/rendered-articles.pack");
    assert_eq!(spoil_records(&pack, 0xff), 5);
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run, "0 renders reused");
    assert_eq!(snapshot(&f.path().join("book")), before);
    // Rendered again and stored: the next build reuses them all.
    let run = f.run(&["build", "--verbose"]);
    says(&run, "5 renders reused");

    // A file of another format (an older dossier's, or damaged) is no memo.
    std::fs::write(&pack, b"dpack-00 an older layout").unwrap();
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run, "0 renders reused");
    assert_eq!(snapshot(&f.path().join("book")), before);
}

// A glossary entry's note is part of every render that cites it: editing
// it renders those articles again, and the output is a cold build's.
#[test]
fn glossary_change_renders_its_articles_again() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let glossary = std::fs::read_to_string(f.path().join("glossary.toml")).unwrap();
    assert!(glossary.contains("A chain of volcanic islands"));
    f.write(
        "glossary.toml",
        &glossary.replace(
            "A chain of volcanic islands",
            "A chain of volcanic islands (memo test)",
        ),
    );
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("5 renders reused"), "{}", run.stderr);
    let noted = article_pages(&f)
        .iter()
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains("volcanic islands (memo test)")
        })
        .count();
    assert!(noted > 0);
    assert_matches_cold(&f);
}

// A file is not read again while its stamp is the one it had when last
// read. An edit that keeps the file's size and puts its modification time
// back still moves its change time, so the rebuild reads it.
#[cfg(unix)]
#[test]
fn same_size_edit_with_the_old_mtime_is_read() {
    let warm = Fixture::sample();
    // A stamp is trusted only once the file has not changed for a while.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let first = warm.run(&["build", "--verbose"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    says(&first, "0 not read again");
    let again = warm.run(&["build", "--verbose"]);
    says(&again, "5 not read again");

    let path = warm.path().join(CHANGED);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(" the ", " THE ", 1);
    assert_ne!(edited, text);
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, &edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );

    let rebuilt = warm.run(&["build", "--verbose"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    says(&rebuilt, "4 not read again");
    says(&rebuilt, "4 from the cache");
    assert_matches_cold(&warm);
}

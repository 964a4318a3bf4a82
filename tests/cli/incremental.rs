//! The article cache: a rebuild reuses unchanged articles and its output is
//! byte-identical to a cold build of the same input.

use crate::build::snapshot;
use crate::support::Fixture;

const CHANGED: &str = "corpus/002_beb0c7472119ff11.txt";

// Build, change one article, rebuild from the cache; then build the same
// input cold in a fresh copy. Same files, same bytes, same diagnostics.
#[test]
fn warm_rebuild_matches_cold_build() {
    let warm = Fixture::sample();
    let first = warm.run(&["build", "--verbose"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("0 from the cache"),
        "{}",
        first.stderr
    );
    assert!(warm.path().join(".dossier-cache").is_dir());
    assert!(!warm.path().join("book/.dossier-cache").exists());

    let unchanged = warm.run(&["build", "--verbose"]);
    assert!(
        unchanged.stderr.contains("5 from the cache"),
        "{}",
        unchanged.stderr
    );

    let text = std::fs::read_to_string(warm.path().join(CHANGED)).unwrap();
    let edited = format!(
        "{text}\n\nA paragraph added after the first build, long enough to read as prose, \
         so the rebuilt article must differ from the cached one.\n"
    );
    warm.write(CHANGED, &edited);
    let rebuilt = warm.run(&["build", "--verbose"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert!(
        rebuilt.stderr.contains("4 from the cache"),
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

// A corrupt cache entry is rebuilt, not trusted and not an error.
#[test]
fn corrupt_cache_is_rebuilt() {
    let f = Fixture::sample();
    assert_eq!(f.run(&["build", "--quiet"]).code, 0);
    let before = snapshot(&f.path().join("book"));
    // The articles are records of one pack file (8 magic bytes, then per
    // record a 32-byte key, a little-endian u64 length and the JSON entry):
    // spoil every entry in place, keeping the pack itself readable.
    let pack = f.path().join(".dossier-cache/articles.pack");
    let mut bytes = std::fs::read(&pack).unwrap();
    let mut at = 8;
    let mut records = 0;
    while at < bytes.len() {
        let len = u64::from_le_bytes(bytes[at + 32..at + 40].try_into().unwrap()) as usize;
        bytes[at + 40..at + 40 + len].fill(b'{');
        at += 40 + len;
        records += 1;
    }
    assert_eq!(records, 5);
    std::fs::write(&pack, bytes).unwrap();
    let run = f.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 from the cache"), "{}", run.stderr);
    assert_eq!(snapshot(&f.path().join("book")), before);
}

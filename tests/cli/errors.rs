//! Bad input: each error names the file (and line), and nothing panics.

use crate::support::Fixture;

// An unknown key in book.toml is an error naming the file, line and key.
#[test]
fn errors_on_unknown_book_toml_key() {
    let f = Fixture::copy("broken-config");
    let run = f.run(&["extract", "--out", "out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("[ROOT]/book.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(run.stderr.contains("titel"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

// A sidecar with a typo is an error naming the sidecar and its line.
#[test]
fn errors_on_bad_sidecar() {
    let f = Fixture::copy("broken-sidecar");
    let run = f.run(&["extract", "--out", "out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("corpus/article.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
}

// A project without articles says where it looked.
#[test]
fn errors_on_empty_corpus() {
    let f = Fixture::copy("minimal");
    std::fs::remove_file(f.path().join("corpus/article.txt")).unwrap();
    let run = f.run(&["extract", "--out", "out"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("[ROOT]/corpus: no articles found"),
        "{}",
        run.stderr
    );
}

// A missing project folder is an error, not a panic.
#[test]
fn errors_on_missing_project_folder() {
    let f = Fixture::copy("minimal");
    let run = f.run(&["extract", "no-such-dir"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-dir"), "{}", run.stderr);
}

// Text in a legacy encoding is decoded with a warning that names the file.
#[test]
fn warns_on_legacy_encoding() {
    let f = Fixture::copy("minimal");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Заголовок статьи\n\nЯпония присоединилась к санкционной политике Запада против России с первого дня эскалации.\n",
    );
    std::fs::write(f.path().join("corpus/cyrillic.txt"), &bytes).unwrap();
    let run = f.run(&["extract", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("corpus/cyrillic.txt: warning: not UTF-8; decoded as windows-1251"),
        "{}",
        run.stderr
    );
    let json = crate::support::read_json(&f.path().join("out/cyrillic.json"));
    assert_eq!(json["title"], "Заголовок статьи");
    assert_eq!(json["language"], "ru");
}

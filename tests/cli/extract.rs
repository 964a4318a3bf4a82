//! `dossier extract`: the JSON contract and the Markdown export.

use crate::support::{Fixture, read_json};

// The JSON has every field of the contract, with the right types.
#[test]
fn writes_json_contract_per_article() {
    let f = Fixture::copy("minimal");
    let run = f.run(&["extract", "--format", "json", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = read_json(&f.path().join("out/article.json"));
    assert_eq!(json["title"], "A Minimal Article");
    assert_eq!(json["authors"], serde_json::json!(["Jane Doe"]));
    assert_eq!(json["date"], "2019-06-03");
    assert_eq!(json["source"], "The Review");
    assert_eq!(json["headings"], serde_json::json!(["The second part"]));
    assert_eq!(json["footnotes"], serde_json::json!(["A note."]));
    assert_eq!(json["body"].as_array().unwrap().len(), 3);
    let removed: Vec<&str> = json["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(removed.contains(&"Share this article"), "{removed:?}");
    assert!(removed.contains(&"Leave a Reply"), "{removed:?}");
}

// The Markdown export has TOML front matter and escapes scraped text.
#[test]
fn writes_markdown_with_front_matter() {
    let f = Fixture::copy("minimal");
    let run = f.run(&["extract", "--format", "markdown", "--out", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(f.path().join("md/article.md")).unwrap();
    assert!(
        md.starts_with("+++\ntitle = \"A Minimal Article\"\n"),
        "{md}"
    );
    assert!(md.contains("\n## The second part\n"), "{md}");
    assert!(md.contains("[^1]: A note."), "{md}");
    assert!(md.contains("\\<b\\>"), "scraped tags are escaped: {md}");
}

// `--help` on every command says what it does.
#[test]
fn every_command_has_help() {
    let f = Fixture::copy("minimal");
    for cmd in [
        ["--help"].as_slice(),
        &["build", "--help"],
        &["extract", "--help"],
        &["clean", "--help"],
        &["init", "--help"],
    ] {
        let run = f.run(cmd);
        assert_eq!(run.code, 0);
        assert!(run.stdout.len() > 100, "{}", run.stdout);
    }
}

// Only .txt files are articles; dot-files and other files are skipped.
#[test]
fn skips_non_article_files() {
    let f = Fixture::copy("minimal");
    f.write("corpus/notes.docx", "not an article");
    f.write("corpus/.draft.txt", "an editor's swap file");
    let run = f.run(&["extract", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = std::fs::read_dir(f.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["article.json"]);
}

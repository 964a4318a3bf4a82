//! Issue #3 through the binary: user rules, site profiles, sidecar
//! overrides, `--explain`, Markdown and HTML articles.

use serde_json::Value;

use crate::support::{Fixture, read_json};

fn extract(f: &Fixture) -> (crate::support::Run, impl Fn(&str) -> Value + '_) {
    let run = f.run(&["extract", "--out", "out", "--explain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (run, move |stem: &str| {
        read_json(&f.path().join(format!("out/{stem}.json")))
    })
}

fn removed_rule(json: &Value, text: &str) -> Option<String> {
    json["removed_details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["text"] == text)
        .map(|r| r["rule"].as_str().unwrap().to_string())
}

// A `drop` pattern removes a line no built-in rule knows; a `keep` pattern
// protects a line a built-in rule would remove.
#[test]
fn user_rules_drop_and_keep_lines() {
    let f = Fixture::copy("tuning");
    let (_, json) = extract(&f);
    let plain = json("plain");
    assert_eq!(
        removed_rule(&plain, "Join our Telegram channel for daily updates").as_deref(),
        Some("user-rule")
    );
    assert!(
        plain["body"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Share"),
        "{}",
        plain["body"]
    );
}

// A site profile claims its folder's articles: its patterns apply and its
// name and source fill what the text does not give.
#[test]
fn site_profile_applies_to_its_articles() {
    let f = Fixture::copy("tuning");
    let (_, json) = extract(&f);
    let issue = json("issue");
    assert_eq!(
        removed_rule(&issue, "Bulletin No. 12").as_deref(),
        Some("user-rule")
    );
    assert_eq!(issue["site"], "The Bulletin");
    assert_eq!(issue["source"], "The Bulletin of Studies");
    assert_eq!(issue["title"], "Policy in the North");
    // Other articles are not the site's.
    assert_eq!(json("plain")["site"], "");
}

// The sidecar overrides a field the text gives and fills one it lacks.
#[test]
fn sidecar_overrides_extracted_fields() {
    let f = Fixture::copy("tuning");
    let (_, json) = extract(&f);
    let plain = json("plain");
    assert_eq!(plain["title"], "A Better Title");
    assert_eq!(plain["date"], "2020-02-02");
    assert_eq!(plain["authors"], serde_json::json!(["Jane Doe"]));
}

// --explain prints each removed line with its rule and each field with its origin.
#[test]
fn explain_prints_rules_and_origins() {
    let f = Fixture::copy("tuning");
    let (run, _) = extract(&f);
    assert!(run.stdout.contains("corpus/plain.txt\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("title       -        high    sidecar \"A Better Title\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("authors     line 2   high    byline [\"Jane Doe\"]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    6  user-rule        Join our Telegram channel"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("source      -        -       not found"),
        "{}",
        run.stdout
    );
}

// A Markdown article is taken as clean: front matter gives its facts, its
// footnotes pair up, and nothing is removed.
#[test]
fn reads_markdown_with_front_matter() {
    let f = Fixture::copy("tuning");
    let (_, json) = extract(&f);
    let md = json("notes");
    assert_eq!(md["title"], "Notes in Markdown");
    assert_eq!(md["authors"], serde_json::json!(["Ann Lee"]));
    assert_eq!(md["date"], "2021-03-04");
    assert_eq!(md["categories"], serde_json::json!(["arctic", "shipping"]));
    assert_eq!(md["headings"], serde_json::json!(["A section"]));
    assert_eq!(md["footnotes"], serde_json::json!(["A Markdown footnote."]));
    assert_eq!(md["removed"].as_array().unwrap().len(), 0);
    assert!(
        md["body"][2]
            .as_str()
            .unwrap()
            .starts_with("Share this article is a sentence here")
    );
}

// An HTML page is parsed (scripts dropped), its meta tags give facts, and
// the text goes through the same furniture rules.
#[test]
fn reads_html_pages() {
    let f = Fixture::copy("tuning");
    let (_, json) = extract(&f);
    let page = json("page");
    assert_eq!(page["title"], "A Page in HTML");
    assert_eq!(page["authors"], serde_json::json!(["Kim Park"]));
    assert_eq!(page["date"], "2018-05-06");
    let body: Vec<&str> = page["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(body.len(), 2, "{body:?}");
    assert!(body[0].starts_with(
        "The page's first paragraph is article text, with emphasis and a line wrapped"
    ));
    assert_eq!(
        removed_rule(&page, "Rate this article").as_deref(),
        Some("rating-widget")
    );
    assert!(!body.iter().any(|b| b.contains("not text")));
}

// The whole fixture project builds: Markdown and HTML articles reach the site and the EPUB.
#[test]
fn builds_markdown_and_html_articles() {
    let f = Fixture::copy("tuning");
    let run = f.run(&["build", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(f.path().join("book/html/notes.html")).unwrap();
    assert!(page.contains("Notes in Markdown"));
    assert!(page.contains("A Markdown footnote."));
}

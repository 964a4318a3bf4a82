//! Whole-pass tests of `clean` on small inline scrapes.

use std::path::PathBuf;

use super::*;

fn doc(text: &str) -> RawDoc {
    RawDoc {
        path: PathBuf::from("t.txt"),
        text: text.to_string(),
        encoding: "UTF-8",
        sidecar: None,
        format: crate::ingest::SourceFormat::Text,
        embedded: None,
    }
}

fn texts(clean: &CleanDoc) -> Vec<&str> {
    clean.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn rule_of(clean: &CleanDoc, line: usize) -> Option<&'static str> {
    clean
        .removed
        .iter()
        .find(|r| r.line == line)
        .map(|r| r.rule)
}

fn fact(clean: &CleanDoc, kind: FactKind) -> Vec<&str> {
    clean
        .facts
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.value.as_str())
        .collect()
}

const PROSE_1: &str = "Russo-Japanese relations are clearly on hold. The visit was canceled on November 8 at Russia’s request.";
const PROSE_2: &str = "Both Russia and Japan have become less interested in their partner, and two factors have contributed to that.";

// The head's title, byline and credentials become facts; the body starts at the first prose.
#[test]
fn reads_title_byline_and_credentials_from_head() {
    let text = format!(
        "Share this article\nA Title About Things\n\nBy\n\nJane Doe\n\nPhD in History, Senior Fellow at the Institute of Studies\n\n{PROSE_1}\n\n{PROSE_2}\n"
    );
    let c = clean(&doc(&text), &Tuning::default());
    assert_eq!(texts(&c), [PROSE_1, PROSE_2]);
    assert_eq!(fact(&c, FactKind::Title), ["A Title About Things"]);
    assert_eq!(fact(&c, FactKind::Author), ["Jane Doe"]);
    assert_eq!(
        fact(&c, FactKind::AuthorBio),
        ["PhD in History, Senior Fellow at the Institute of Studies"]
    );
    assert_eq!(rule_of(&c, 1), Some("share-links"));
    assert_eq!(rule_of(&c, 4), Some("byline"));
}

// A short line between paragraphs is a heading; paragraphs keep their line numbers.
#[test]
fn rebuilds_headings_between_paragraphs() {
    let text = format!("{PROSE_1}\n\nWhat the sanctions changed\n\n{PROSE_2}\n");
    let c = clean(&doc(&text), &Tuning::default());
    assert_eq!(c.blocks[1].kind, BlockKind::Heading(2));
    assert_eq!(c.blocks[1].line, 3);
    assert_eq!(c.blocks[2].line, 5);
}

// Hard-wrapped lines of one paragraph are joined into one.
#[test]
fn joins_wrapped_lines_into_paragraphs() {
    let c = clean(
        &doc(
            "Russo-Japanese relations are clearly on hold, and\nthe visit was canceled on November 8 at Russia’s request.\n",
        ),
        &Tuning::default(),
    );
    assert_eq!(
        texts(&c),
        [
            "Russo-Japanese relations are clearly on hold, and the visit was canceled on November 8 at Russia’s request."
        ]
    );
}

// End notes after the body pair with markers and leave the text.
#[test]
fn moves_end_notes_out_of_the_body() {
    let text = format!(
        "{PROSE_1} It matters [1].\n\n{PROSE_2} Again [2].\n\n1 – The first note.\n\n2 – The second note.\n"
    );
    let c = clean(&doc(&text), &Tuning::default());
    assert_eq!(c.notes.len(), 2);
    assert_eq!(c.notes[0], (1, "The first note.".to_string(), 5));
    assert_eq!(c.blocks.len(), 2);
}

// A numbered list without markers stays in the body.
#[test]
fn keeps_numbered_line_without_markers() {
    let text = format!("{PROSE_1}\n\n1 – a single numbered point that is part of the text.\n");
    let c = clean(&doc(&text), &Tuning::default());
    assert!(c.notes.is_empty());
    assert_eq!(c.blocks.len(), 2);
}

// The tail's credit, bio paragraph and site name are recognised.
#[test]
fn reads_tail_credit_bio_and_site() {
    let text = format!(
        "Jane Doe\n\n{PROSE_1}\n\n{PROSE_2}\n\nJane Q. Doe is a senior fellow at the Institute. This article was written expressly for The Review.\n\nRIAC 02 february 2015\n\n« Prev   Next »\nInstitute of Far Eastern Studies\n"
    );
    let c = clean(&doc(&text), &Tuning::default());
    assert_eq!(texts(&c), [PROSE_1, PROSE_2]);
    assert_eq!(fact(&c, FactKind::Source), ["The Review", "RIAC"]);
    assert_eq!(fact(&c, FactKind::CreditDate), ["2015-02-02"]);
    assert_eq!(
        fact(&c, FactKind::Site),
        ["Institute of Far Eastern Studies"]
    );
    assert_eq!(rule_of(&c, 7), Some("author-bio"));
}

// Lines of only no-break spaces are removed and split paragraphs.
#[test]
fn strips_nbsp_spacer_lines() {
    let c = clean(
        &doc(&format!("{PROSE_1}\n\u{a0}\n{PROSE_2}\n")),
        &Tuning::default(),
    );
    assert_eq!(texts(&c), [PROSE_1, PROSE_2]);
    assert_eq!(rule_of(&c, 2), Some("spacer-line"));
}

// Every word of the input is either kept, moved to a note, a fact, or recorded as removed.
#[test]
fn loses_no_line_silently() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/003_6583139472fcbe27.txt"
    ))
    .unwrap();
    let c = clean(&doc(&text), &Tuning::default());
    for (i, raw) in text.lines().enumerate() {
        let line = text::fold_whitespace(raw);
        if line.is_empty() {
            continue;
        }
        let accounted = c.blocks.iter().any(|b| b.text.contains(&line))
            || c.removed.iter().any(|r| r.line == i + 1)
            || c.notes.iter().any(|(_, _, l)| *l == i + 1);
        assert!(
            accounted,
            "line {} is neither kept nor recorded: {line}",
            i + 1
        );
    }
}

//! Tests of `annotate` on small inline scrapes.

use std::path::{Path, PathBuf};

use super::*;
use crate::ingest::{RawDoc, Sidecar};
use crate::normalize::clean;

fn annotate_text(text: &str, sidecar: Option<&Sidecar>) -> (Article, Diagnostics) {
    let raw = RawDoc {
        path: PathBuf::from("a/My Article.txt"),
        text: text.to_string(),
        encoding: "UTF-8",
        sidecar: None,
        format: crate::ingest::SourceFormat::Text,
        embedded: None,
    };
    let mut diags = Diagnostics::new();
    let cx = Context {
        site: None,
        embedded: None,
        embedded_label: "front matter",
        sidecar,
        shown_path: Path::new("corpus/a/My Article.txt"),
        fallback_language: "en",
    };
    (
        annotate(
            clean(&raw, &crate::normalize::Tuning::default()),
            cx,
            &mut diags,
        ),
        diags,
    )
}

const BODY: &str = "Russo-Japanese relations are clearly on hold. The visit was canceled on November 8 at Russia’s request.";

// Facts in the text fill the metadata, each with its origin line.
#[test]
fn fills_meta_from_text_with_origins() {
    let (a, diags) = annotate_text(
        &format!("The Title\n30.11.2012 г.\nJane Doe\n\n{BODY}\n"),
        None,
    );
    assert_eq!(a.meta.title, "The Title");
    assert_eq!(a.meta.date, "2012-11-30");
    assert_eq!(a.meta.authors, ["Jane Doe"]);
    assert_eq!(a.meta.language, "en");
    assert_eq!(a.slug, "a-my-article");
    let date = a.meta.origins.iter().find(|o| o.field == "date").unwrap();
    assert_eq!((date.line, date.confidence), (2, Confidence::High));
    assert!(diags.is_empty(), "{diags:?}");
}

// The sidecar overrides what the text says.
#[test]
fn sidecar_overrides_extracted_fields() {
    let sidecar = Sidecar {
        title: Some("Given".into()),
        source: Some("The Council".into()),
        ..Sidecar::default()
    };
    let (a, _) = annotate_text(&format!("The Title\n\n{BODY}\n"), Some(&sidecar));
    assert_eq!(a.meta.title, "Given");
    assert_eq!(a.meta.source, "The Council");
    assert_eq!(
        a.meta
            .origins
            .iter()
            .find(|o| o.field == "title")
            .unwrap()
            .how,
        "sidecar"
    );
}

// Without a title, one is derived and a warning names the file and line.
#[test]
fn warns_when_title_is_derived() {
    let (a, diags) = annotate_text(&format!("{BODY}\n"), None);
    assert_eq!(a.meta.title, "");
    assert_eq!(
        a.meta.derived_title.as_deref(),
        Some("Russo-Japanese relations are clearly on hold")
    );
    let msg = diags.sorted()[0].to_string();
    assert!(
        msg.starts_with("corpus/a/My Article.txt:1: warning: no title"),
        "{msg}"
    );
}

// A marker without a note, and a note without a marker, are warnings with lines.
#[test]
fn errors_on_footnote_without_end_note() {
    let text = format!("{BODY} One [1] and two [2].\n\n1 – Note one.\n\n3 – Note three.\n");
    let (a, diags) = annotate_text(&text, None);
    assert_eq!(a.footnotes.len(), 1);
    let msgs: Vec<String> = diags.sorted().iter().map(ToString::to_string).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains(":1: warning: footnote marker [2] has no end note")),
        "{msgs:?}"
    );
}

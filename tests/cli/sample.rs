//! The sample dossier (the repo's own corpus/) against the facts a careful
//! reader states for each article: the project's copy of the gold facts.

use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{Fixture, read_json};

/// What a careful reader says one sample article contains.
struct Facts {
    stem: &'static str,
    title: &'static str,
    authors: &'static [&'static str],
    date: &'static str,
    source: &'static str,
    first: &'static str,
    last: &'static str,
    headings: &'static [&'static str],
    footnotes: usize,
    /// Lines of site furniture that must not reach the body.
    furniture: &'static [&'static str],
}

const SAMPLE: &[Facts] = &[
    Facts {
        stem: "000_491cbaa9d767cc4d",
        title: "Russia–Japan Political Dialogue at the Highest Level: Opportunities and Perspectives",
        authors: &["Vitaly Shvydko"],
        date: "2017-05-17",
        source: "Russian International Affairs Council",
        first: "Prime Minister Shinzo Abe’s visit to Moscow in late April turned out to be a rather low-key affair",
        last: "on the basis of a broad dialogue that takes all the complex circumstances and objective difficulties into account.",
        headings: &[],
        footnotes: 0,
        furniture: &[
            "Rate this article",
            "(votes: 2, rating: 5)",
            "Share this article",
            "Poll conducted",
            "33 (31%)",
            "For students",
        ],
    },
    Facts {
        stem: "001_ea460054a5c60c50",
        title: "Japan: Where Is the Dialogue with Russia Headed?",
        authors: &["Dmitry Streltzov"],
        date: "2012-11-30",
        source: "New Eastern Outlook",
        first: "Russo-Japanese relations are clearly on hold.",
        last: "Moscow understands that it is not too late to foster relations with Japan.",
        headings: &[],
        footnotes: 0,
        furniture: &[
            "Menu Content/Inhalt",
            "Главная arrow",
            "Печать E-mail",
            "Последнее обновление",
            "Институт Дальнего Востока РАН",
            "This article was written expressly",
        ],
    },
    Facts {
        stem: "002_beb0c7472119ff11",
        title: "",
        authors: &[],
        date: "",
        source: "",
        first: "Japanese Prime Minister Shinzo Abe’s visit to Russia, which is scheduled for May 6",
        last: "Igor Dyachenko, the executive director of the Russian-Japanese Business Council",
        headings: &[],
        footnotes: 0,
        furniture: &["Photo: AP", "Also read:", "Recommended:"],
    },
    Facts {
        stem: "003_6583139472fcbe27",
        title: "Asymmetry of Russia–Japan Relations",
        authors: &["Anna Kireeva"],
        date: "2018-06-14",
        source: "RIAC",
        first: "On May 25–26, 2018, Prime Minister of Japan Shinzo Abe made an official visit to Russia.",
        last: "as well as cultural and humanitarian cooperation.",
        headings: &[
            "Building a dialogue in politics and security",
            "Economic cooperation and launching “cross years” of Russia and Japan",
        ],
        footnotes: 3,
        furniture: &[
            "AP photo",
            "OPINION/NEWS",
            "originally published",
            "Editor review",
            "0 Comments",
            "Leave a Reply",
            "Akismet",
            "PhD in Political Science",
        ],
    },
    Facts {
        stem: "004_7b243dc745806699",
        title: "Russian-Japanese Relations: a Systemic Crisis or a New Opportunity?",
        authors: &["Dmitry Streltsov"],
        date: "2015-03-28",
        source: "RIAC",
        first: "Japan joined the sanctions policy initiated by the West against Russia from day one",
        last: "will not rush with new initiatives towards Russia.",
        headings: &[
            "Japan’s Ukrainian principles",
            "Russia's reaction to Japanese sanctions",
            "Three scenarios for the development of bilateral relations",
        ],
        footnotes: 0,
        furniture: &["RIAC 02 february 2015", "« Пред.", "Doctor of History"],
    },
];

/// `dossier extract` run once on the sample, shared by the tests below.
fn extracted() -> &'static Vec<(String, Value)> {
    static OUT: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    OUT.get_or_init(|| {
        let f = Fixture::sample();
        let run = f.run(&["extract", "--format", "json", "--out", "out"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        SAMPLE
            .iter()
            .map(|facts| {
                (
                    facts.stem.to_string(),
                    read_json(&f.path().join(format!("out/{}.json", facts.stem))),
                )
            })
            .collect()
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

// Each sample article's metadata matches what a careful reader says.
#[test]
fn sample_metadata_matches_the_facts() {
    for (facts, (_, json)) in SAMPLE.iter().zip(extracted()) {
        assert_eq!(json["title"], facts.title, "{}", facts.stem);
        assert_eq!(strings(&json["authors"]), facts.authors, "{}", facts.stem);
        assert_eq!(json["date"], facts.date, "{}", facts.stem);
        assert_eq!(json["source"], facts.source, "{}", facts.stem);
        assert_eq!(strings(&json["headings"]), facts.headings, "{}", facts.stem);
        assert_eq!(
            json["footnotes"].as_array().unwrap().len(),
            facts.footnotes,
            "{}",
            facts.stem
        );
    }
}

// The body starts and ends where the article does, with no furniture inside.
#[test]
fn sample_body_is_the_article_and_only_the_article() {
    for (facts, (_, json)) in SAMPLE.iter().zip(extracted()) {
        let body = strings(&json["body"]);
        let first_para = body.iter().find(|p| p.contains(facts.first));
        assert!(
            first_para.is_some(),
            "{}: first sentence missing",
            facts.stem
        );
        assert!(
            body.last().unwrap().contains(facts.last),
            "{}: ends with {:?}",
            facts.stem,
            body.last()
        );
        for line in facts.furniture {
            assert!(
                !body.iter().any(|p| p.contains(line)),
                "{}: furniture {line:?} in the body",
                facts.stem
            );
        }
    }
}

// The four pull quotes of 000 are folded: each sentence appears once.
#[test]
fn sample_pull_quotes_are_folded() {
    let (_, json) = &extracted()[0];
    let body = strings(&json["body"]).join("\n");
    assert_eq!(
        body.matches("Moscow desperately wants to avoid looking like an ally of Japan")
            .count(),
        1
    );
    let rules: Vec<&str> = json["removed_details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules.iter().filter(|r| **r == "pull-quote").count(), 4);
}

// 002 has no title: one is derived for display and the JSON keeps "" as the text's title.
#[test]
fn sample_derives_missing_title() {
    let (_, json) = &extracted()[2];
    assert_eq!(json["title"], "");
    assert_eq!(
        json["derived_title"],
        "Ahead of the upcoming visit of Japanese Prime Minister Shinzo Abe to Russia"
    );
}

//! The fixture corpus of scrapes from sites the sample does not cover
//! (tests/fixtures/sites: 40 articles, 10 layouts), scored the way
//! ../shared/tools/score.py scores the sample: body kept, furniture leaked,
//! and title, authors and date right where the gold states them.

use serde_json::Value;

use crate::support::{Fixture, read_json};

/// Typography- and whitespace-folded text, for comparisons.
fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a name list matches the gold's, ignoring order, case and titles.
fn same_names(got: &[String], want: &[String]) -> bool {
    let key = |n: &str| {
        let mut parts: Vec<String> = fold(n)
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty() && !matches!(*p, "dr" | "prof" | "mr" | "ms"))
            .map(str::to_string)
            .collect();
        parts.sort();
        parts.join(" ")
    };
    let mut a: Vec<String> = got.iter().map(|n| key(n)).collect();
    let mut b: Vec<String> = want.iter().map(|n| key(n)).collect();
    a.sort();
    b.sort();
    a == b
}

struct Score {
    articles: usize,
    body_kept: usize,
    furniture: usize,
    leaked: Vec<String>,
    stated: [usize; 3],
    right: [usize; 3],
    misses: Vec<String>,
}

impl Score {
    /// Share of the articles stating title (0), authors (1) or date (2) that got it right.
    fn rate(&self, i: usize) -> f64 {
        self.right[i] as f64 / self.stated[i].max(1) as f64
    }

    /// Share of furniture lines that reached a body.
    fn leak(&self) -> f64 {
        self.leaked.len() as f64 / self.furniture.max(1) as f64
    }

    /// The figures and every miss, for a failing assertion.
    fn report(&self) -> String {
        format!(
            "articles {}, body kept {}, leak {:.3} ({} of {}), title {:.3}, authors {:.3}, date {:.3}\nleaked: {:#?}\nmisses: {:#?}",
            self.articles,
            self.body_kept,
            self.leak(),
            self.leaked.len(),
            self.furniture,
            self.rate(0),
            self.rate(1),
            self.rate(2),
            self.leaked,
            self.misses
        )
    }
}

fn score(case: &str) -> Score {
    let f = Fixture::copy(case);
    let run = f.run(&["extract", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gold_dir = crate::support::fixtures_dir().join(case).join("gold");
    let mut s = Score {
        articles: 0,
        body_kept: 0,
        furniture: 0,
        leaked: vec![],
        stated: [0; 3],
        right: [0; 3],
        misses: vec![],
    };
    let mut golds: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    golds.sort();
    for gold_path in golds {
        let stem = gold_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let gold: toml::Value =
            toml::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let got = read_json(&f.path().join(format!("out/{stem}.json")));
        s.articles += 1;
        let body: Vec<String> = strings(&got["body"]).iter().map(|p| fold(p)).collect();
        let joined = body.join("\n");
        let line = |k: &str| fold(gold.get(k).and_then(|v| v.as_str()).unwrap_or(""));
        if joined.contains(&line("first_body_line")) && joined.contains(&line("last_body_line")) {
            s.body_kept += 1;
        } else {
            s.misses
                .push(format!("{stem}: body lost its first or last line"));
        }
        let gold_body = fold(
            &gold
                .get("body")
                .and_then(|b| b.as_array())
                .map(|b| {
                    b.iter()
                        .filter_map(|p| p.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default(),
        );
        for bp in gold
            .get("boilerplate")
            .and_then(|b| b.as_array())
            .into_iter()
            .flatten()
            .filter_map(|b| b.as_str())
        {
            let bp = fold(bp);
            if bp.is_empty() {
                continue;
            }
            s.furniture += 1;
            // Long furniture leaks anywhere; short furniture only as a whole paragraph
            // (a short label may also be words of the article).
            let leaked = if bp.chars().count() >= 25 {
                body.iter().any(|p| p.contains(&bp))
            } else {
                body.contains(&bp) && !gold_body.split('\n').any(|g| g == bp)
            };
            if leaked {
                s.leaked.push(format!("{stem}: {bp}"));
            }
        }
        let text = |v: &Value| fold(v.as_str().unwrap_or(""));
        let alts = |k: &str| -> Vec<toml::Value> {
            gold.get(format!("{k}_alt"))
                .and_then(|a| a.as_array())
                .cloned()
                .unwrap_or_default()
        };
        // title
        let want = line("title");
        if !want.is_empty() {
            s.stated[0] += 1;
            let got_t = text(&got["title"]).to_lowercase();
            if got_t == want.to_lowercase()
                || alts("title")
                    .iter()
                    .any(|a| fold(a.as_str().unwrap_or("")).to_lowercase() == got_t)
            {
                s.right[0] += 1;
            } else {
                s.misses.push(format!("{stem}: title {got_t:?}"));
            }
        }
        // authors
        let want_a: Vec<String> = gold
            .get("authors")
            .and_then(|a| a.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if !want_a.is_empty() {
            s.stated[1] += 1;
            let got_a = strings(&got["authors"]);
            let alt_ok = alts("authors").iter().any(|a| {
                let names: Vec<String> = a
                    .as_array()
                    .map(|x| {
                        x.iter()
                            .filter_map(|n| n.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                same_names(&got_a, &names)
            });
            if same_names(&got_a, &want_a) || alt_ok {
                s.right[1] += 1;
            } else {
                s.misses.push(format!("{stem}: authors {got_a:?}"));
            }
        }
        // date
        let want_d = line("date");
        if !want_d.is_empty() {
            s.stated[2] += 1;
            let got_d = text(&got["date"]);
            if got_d == want_d
                || alts("date")
                    .iter()
                    .any(|a| a.as_str() == Some(got_d.as_str()))
            {
                s.right[2] += 1;
            } else {
                s.misses.push(format!("{stem}: date {got_d:?}"));
            }
        }
    }
    s
}

// On 40 scrapes from 10 site layouts: no body lost, under 2% of furniture
// lines leaked, title, authors and date right on at least 95% of the
// articles that state them.
#[test]
fn fixture_sites_score_within_targets() {
    let s = score("sites");
    let report = s.report();
    eprintln!("{report}");
    assert_eq!(s.articles, 40, "{report}");
    assert_eq!(s.body_kept, s.articles, "{report}");
    assert!(s.leak() < 0.02, "{report}");
    for i in 0..3 {
        assert!(s.rate(i) >= 0.95, "{report}");
    }
}

// The second corpus (tests/fixtures/sites2: 24 scrapes, 6 more layouts,
// written after the rules above were tuned) measures how the rules carry to
// sites they were not tuned on. Its floors are today's figures, so a change
// that makes the rules worse on unseen layouts fails here. See its README.
#[test]
fn second_fixture_corpus_keeps_its_floor() {
    let s = score("sites2");
    let report = s.report();
    eprintln!("{report}");
    assert_eq!(s.articles, 24, "{report}");
    assert!(s.body_kept >= 20, "{report}");
    assert!(s.leak() < 0.025, "{report}");
    assert!(
        s.rate(0) >= 0.85 && s.rate(1) >= 0.8 && s.rate(2) >= 0.9,
        "{report}"
    );
}

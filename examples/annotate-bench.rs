//! Times the annotation stage on a project's articles.
//!
//! ```text
//! cargo run --release --example annotate-bench -- DIR [--runs N] [--dump FILE]
//! ```
//!
//! Cleaning a large corpus takes far longer than annotating it, so the
//! articles' annotation inputs (language and block texts) are kept in
//! `DIR/annotate-inputs.json` after the first run and read from there
//! afterwards. `--dump` writes the annotations as JSON, to compare the
//! output of two versions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dossier::annotate::block_memo::BlockMemo;
use dossier::annotate::text_memo::TextMemo;
use dossier::annotate::{self, ArticleText, glossary::Glossary};
use dossier::config::Settings;
use dossier::error::Diagnostics;
use dossier::extract::{Article, Meta};
use dossier::memo_file::SavedMemo;
use dossier::normalize::{Block, BlockKind};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annotate-bench: {e}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: annotate-bench DIR [--runs N] [--dump FILE]";

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut runs = 3usize;
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args.next().and_then(|v| v.parse().ok()).ok_or(USAGE)?;
            }
            "--dump" => dump = Some(PathBuf::from(args.next().ok_or(USAGE)?)),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(USAGE.into()),
        }
    }
    let dir = dir.ok_or(USAGE)?;
    let articles = load(&dir)?;
    let glossary = Glossary::default();
    println!("{} articles", articles.len());

    let blocks: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.body.iter().map(|b| b.text.as_str()).collect())
        .collect();
    let texts: Vec<ArticleText<'_>> = articles
        .iter()
        .zip(&blocks)
        .map(|(a, blocks)| ArticleText {
            language: &a.meta.language,
            blocks,
        })
        .collect();
    let mut result = None;
    // The first run compares texts cold; the others take the sketches,
    // overlaps and block readings the run before made from its memos, as a
    // rebuild does.
    let mut memo = TextMemo::empty();
    let mut blocks = BlockMemo::empty();
    for run in 0..runs {
        let cpu = cpu_seconds();
        let started = Instant::now();
        let entities = annotate::entities::find_entities(&texts, &[]);
        let t_entities = started.elapsed();
        let started = Instant::now();
        let events = annotate::timeline::events(&texts);
        let t_events = started.elapsed();
        let started = Instant::now();
        let all = annotate::annotate_with(&articles, &glossary, 5, &memo, &blocks);
        let t_all = started.elapsed();
        let cpu = cpu_seconds() - cpu;
        memo = TextMemo::from_bytes(&memo.to_bytes());
        blocks = BlockMemo::from_bytes(&blocks.to_bytes());
        println!(
            "{}  entities {:7.3} s ({} found)  events {:7.3} s ({} articles)  annotate() {:7.3} s  (all three: {cpu:.2} s of CPU)",
            if run == 0 { "cold" } else { "warm" },
            t_entities.as_secs_f64(),
            entities.len(),
            t_events.as_secs_f64(),
            events.len(),
            t_all.as_secs_f64(),
        );
        result = Some(all);
    }
    if let (Some(path), Some(all)) = (dump, result) {
        let json = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
        std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The articles of `dir`, from the saved inputs if there are any.
fn load(dir: &Path) -> Result<Vec<Article>, String> {
    let saved = dir.join("annotate-inputs.json");
    if let Ok(text) = std::fs::read_to_string(&saved) {
        let inputs: Vec<(String, String, Vec<String>)> =
            serde_json::from_str(&text).map_err(|e| e.to_string())?;
        return Ok(inputs
            .into_iter()
            .map(|(slug, language, blocks)| Article {
                slug,
                path: PathBuf::new(),
                meta: Meta {
                    language,
                    ..Meta::default()
                },
                body: blocks
                    .into_iter()
                    .enumerate()
                    .map(|(line, text)| Block {
                        kind: BlockKind::Paragraph,
                        text,
                        line,
                    })
                    .collect(),
                footnotes: Vec::new(),
                provenance: Vec::new(),
                stamp: Default::default(),
            })
            .collect());
    }
    let settings = Settings::load(dir).map_err(|e| e.to_string())?;
    let mut diags = Diagnostics::new();
    let articles = dossier::load_articles(&settings, &mut diags).map_err(|e| e.to_string())?;
    let inputs: Vec<(&str, &str, Vec<&str>)> = articles
        .iter()
        .map(|a| {
            (
                a.slug.as_str(),
                a.meta.language.as_str(),
                a.body.iter().map(|b| b.text.as_str()).collect(),
            )
        })
        .collect();
    let json = serde_json::to_string(&inputs).map_err(|e| e.to_string())?;
    std::fs::write(&saved, json).map_err(|e| format!("{}: {e}", saved.display()))?;
    Ok(articles)
}

/// CPU time this process has used (user and system, all threads), from
/// `/proc/self/stat`; 0 where there is no such file. The machine is shared,
/// so wall time alone says little.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here;
    // the kernel counts in clock ticks, 100 a second on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

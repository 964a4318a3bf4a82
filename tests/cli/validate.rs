//! The official checkers over the built output: EPUBCheck on the EPUB and the
//! Nu HTML Checker on every page. Each runs once over all the output (they
//! are slow to start). `scripts/test.sh` installs them and sets
//! `DOSSIER_REQUIRE_VALIDATORS=1`, so under CI a missing checker fails the
//! test instead of skipping it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::Fixture;

/// The checker (a jar, or for `ACE` the Ace binary) named by `var`, or
/// `None` (skip) when checkers are not required.
fn jar(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var).map(PathBuf::from) {
        Some(path) if path.is_file() => Some(path),
        _ if std::env::var_os("DOSSIER_REQUIRE_VALIDATORS").is_some() => {
            panic!("{var} must name the checker's jar (scripts/install-validators.sh installs it)")
        }
        _ => {
            eprintln!("skipped: set {var} (bash scripts/test.sh does) to run this checker");
            None
        }
    }
}

/// Fixture projects built for validation: the sample and the edge cases.
fn built_projects() -> Vec<(&'static str, Fixture)> {
    let mut out = vec![("sample", Fixture::sample())];
    for case in ["minimal", "escaping", "russian", "large"] {
        out.push((case, Fixture::copy(case)));
    }
    // The sample split into volumes of two articles: three EPUBs.
    let volumes = Fixture::sample();
    let config = std::fs::read_to_string(volumes.path().join("book.toml")).unwrap();
    volumes.write(
        "book.toml",
        &format!("{config}\n[epub]\nvolume-articles = 2\n"),
    );
    out.push(("volumes", volumes));
    for (name, f) in &out {
        let run = f.run(&["build", "-q"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    }
    out
}

// EPUBCheck 5 reports no error, no warning and (with `--usage`) no usage
// message, which is where it reports missing accessibility metadata.
#[test]
fn epubcheck_passes() {
    let Some(jar) = jar("EPUBCHECK_JAR") else {
        return;
    };
    for (name, f) in built_projects() {
        let mut epubs: Vec<PathBuf> = std::fs::read_dir(f.path().join("book/epub"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        epubs.sort();
        let expected = if name == "volumes" { 3 } else { 1 };
        assert_eq!(epubs.len(), expected, "{name}: {epubs:?}");
        for (i, epub) in epubs.iter().enumerate() {
            let report = f.path().join(format!("epubcheck-{i}.json"));
            let out = Command::new("java")
                .arg("-jar")
                .arg(&jar)
                .arg(epub)
                .arg("--usage")
                .arg("--json")
                .arg(&report)
                .output()
                .expect("run java");
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&report).unwrap_or_else(|_| {
                    panic!(
                        "{name}: EPUBCheck wrote no report: {}",
                        String::from_utf8_lossy(&out.stderr)
                    )
                }))
                .expect("EPUBCheck JSON");
            let messages: Vec<String> = json["messages"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| {
                    matches!(
                        m["severity"].as_str(),
                        Some("FATAL" | "ERROR" | "WARNING" | "USAGE")
                    )
                })
                .map(|m| {
                    format!(
                        "{} {}: {} at {}",
                        m["severity"], m["ID"], m["message"], m["locations"]
                    )
                })
                .collect();
            assert!(
                messages.is_empty(),
                "{name} ({}): EPUBCheck found:\n{}",
                epub.display(),
                messages.join("\n")
            );
        }
    }
}

// DAISY Ace (through scripts/ace.sh, on Debian's Chromium) reports no
// accessibility violation in any built EPUB.
#[test]
fn daisy_ace_passes() {
    let Some(_) = jar("ACE") else { return };
    let projects = built_projects();
    let epubs: Vec<PathBuf> = projects
        .iter()
        .flat_map(|(_, f)| std::fs::read_dir(f.path().join("book/epub")).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    let out = Command::new("bash")
        .arg(crate::support::repo_root().join("scripts/ace.sh"))
        .args(&epubs)
        .output()
        .expect("run scripts/ace.sh");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Ace found:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        report.matches(": pass, 0 violations").count(),
        epubs.len(),
        "{report}"
    );
}

// The Nu HTML Checker reports no error on any page.
#[test]
fn nu_html_checker_passes() {
    let Some(jar) = jar("VNU_JAR") else { return };
    let projects = built_projects();
    let mut pages: Vec<PathBuf> = Vec::new();
    for (_, f) in &projects {
        pages.extend(html_files(&f.path().join("book/html")));
    }
    assert!(pages.len() >= 8, "{pages:?}");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--also-check-css"])
        .args(&pages)
        .output()
        .expect("run java");
    let json: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|_| {
        panic!(
            "vnu did not report JSON: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let errors: Vec<String> = json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| matches!(m["type"].as_str(), Some("error" | "non-document-error")))
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect();
    assert!(
        errors.is_empty(),
        "Nu HTML Checker found:\n{}",
        errors.join("\n")
    );
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "css"))
        .collect()
}

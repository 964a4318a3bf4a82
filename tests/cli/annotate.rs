//! The annotation layer end to end: the sample dossier's glossary, name
//! indexes, timeline and citations in the site, the EPUB and the JSON, and
//! every link between them resolving.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::support::{Fixture, read_json};

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]+)""#).unwrap());
static HREF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\shref="([^"]+)""#).unwrap());

/// Files by path (with `/`), for the site folder or the EPUB's entries.
type Files = BTreeMap<String, String>;

fn site_files(dir: &Path) -> Files {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), text))
        })
        .collect()
}

fn epub_files(path: &Path) -> Files {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = Files::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok() {
            files.insert(entry.name().to_string(), text);
        }
    }
    files
}

/// `base`'s folder joined with `href`, `..` resolved.
fn resolve(base: &str, href: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for c in Path::new(href).components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_str().unwrap()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Every relative link of every HTML/XHTML file in `files` to a file that
/// exists and, with a fragment, to an id in it. Returns the broken ones.
fn broken_links(files: &Files) -> Vec<String> {
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .map(|(path, text)| {
            let set = ID.captures_iter(text).map(|c| c[1].to_string()).collect();
            (path.as_str(), set)
        })
        .collect();
    let mut broken = Vec::new();
    for (path, text) in files {
        if !(path.ends_with(".html") || path.ends_with(".xhtml")) {
            continue;
        }
        for cap in HREF.captures_iter(text) {
            let href = cap[1].replace("&amp;", "&");
            if href.contains(':') || href.starts_with("//") || href.contains('?') {
                continue;
            }
            let (file, fragment) = match href.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (href.as_str(), None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                resolve(path, file)
            };
            // The site links to the EPUB beside it, outside the site folder.
            if target.ends_with(".epub") {
                continue;
            }
            match ids.get(target.as_str()) {
                None => broken.push(format!("{path}: {href} (no file)")),
                Some(set) => {
                    if let Some(frag) = fragment
                        && !frag.is_empty()
                        && !set.contains(frag)
                    {
                        broken.push(format!("{path}: {href} (no id)"));
                    }
                }
            }
        }
    }
    broken
}

fn built_sample() -> (Fixture, PathBuf, PathBuf) {
    let f = Fixture::sample();
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = f.path().join("book/html");
    let epub = f.path().join("book/epub/russia-and-japan-a-dossier.epub");
    (f, site, epub)
}

// Every internal link of the site and of the EPUB reaches its file and id:
// notes, glossary uses, index entries, timeline sources, related articles.
#[test]
fn every_link_resolves_in_site_and_epub() {
    let (_f, site, epub) = built_sample();
    let files = site_files(&site);
    for page in [
        "glossary.html",
        "glossary/g-kuril-islands.html",
        "timeline.html",
        "timeline/2018.html",
        "timeline/undated.html",
        "people.html",
        "names/shinzo-abe.html",
        "dossier.bib",
        "dossier.json",
    ] {
        assert!(files.contains_key(page), "site has no {page}");
    }
    assert_eq!(broken_links(&files), Vec::<String>::new());
    let files = epub_files(&epub);
    for page in [
        "glossary.xhtml",
        "names.xhtml",
        "names-s.xhtml",
        "events.xhtml",
        "events-2018.xhtml",
    ] {
        assert!(
            files.contains_key(&format!("OEBPS/{page}")),
            "EPUB has no {page}"
        );
    }
    assert_eq!(broken_links(&files), Vec::<String>::new());
    // Every file is in the manifest and the spine; only the landing pages
    // of the index and the timeline are in the navigation.
    let opf = &files["OEBPS/content.opf"];
    let nav = &files["OEBPS/nav.xhtml"];
    for name in files
        .keys()
        .filter(|n| n.ends_with(".xhtml") && !n.ends_with("nav.xhtml"))
    {
        let href = name.strip_prefix("OEBPS/").unwrap();
        assert!(
            opf.contains(&format!("href=\"{href}\"")),
            "{href} not in the manifest"
        );
        assert!(
            opf.contains(&format!("<itemref idref=\"id_{}", href.replace('/', "_"))),
            "{href} not in the spine"
        );
    }
    assert!(nav.contains("href=\"names.xhtml\"") && nav.contains("href=\"events.xhtml\""));
    assert!(!nav.contains("names-s.xhtml") && !nav.contains("events-2018.xhtml"));
    // The landing pages hold no links to chapters: they do not grow with them.
    for landing in ["OEBPS/names.xhtml", "OEBPS/events.xhtml"] {
        assert!(!files[landing].contains("href=\"text/"), "{landing}");
    }
}

// The glossary and the articles link both ways, and a term gets one
// editor's note per article however often the article uses it.
#[test]
fn glossary_notes_first_mention_only_and_link_both_ways() {
    let (_f, site, _) = built_sample();
    let glossary = std::fs::read_to_string(site.join("glossary.html")).unwrap();
    assert!(glossary.contains(r#"<dt id="g-kuril-islands">Kuril Islands"#));
    // The glossary counts the uses; the term's own page lists them.
    assert!(glossary.contains(r#"<a href="glossary/g-kuril-islands.html">Used in "#));
    let uses = std::fs::read_to_string(site.join("glossary/g-kuril-islands.html")).unwrap();
    assert!(
        uses.contains(r#"href="../glossary.html#g-kuril-islands""#),
        "{uses}"
    );
    // 003 names the Kuril Islands in several paragraphs; one note.
    let page = std::fs::read_to_string(site.join("003-6583139472fcbe27.html")).unwrap();
    assert!(page.matches("Kuril Islands").count() > 2);
    let kuril_notes = page
        .matches(r#"href="glossary.html#g-kuril-islands""#)
        .count();
    assert_eq!(kuril_notes, 1, "one editor's note for the Kuril Islands");
    // The glossary links to the paragraph of that first mention…
    let use_link = Regex::new(r#"href="\.\./(003-6583139472fcbe27\.html#(p-\d+))">"#).unwrap();
    let anchor = use_link.captures(&uses).expect("use in 003")[2].to_string();
    // …and that paragraph carries the note's reference.
    let para = page.find(&format!(r#"id="{anchor}""#)).unwrap();
    let end = para + page[para..].find("</p>").unwrap();
    assert!(
        page[para..end].contains("editor-noteref"),
        "{}",
        &page[para..end]
    );
    // Editor's notes are lettered, never numbered like the author's.
    assert!(page.contains(r#"id="edref-1" title="Editor's note">a</a>"#));
}

// Each article page offers Chicago, APA and BibTeX; the whole dossier has
// one BibTeX file with an entry per article and one CSL-JSON file. Files per
// article only when `[site] citation-files` asks for them.
#[test]
fn citations_on_pages_and_as_files() {
    let (f, site, _) = built_sample();
    let page = std::fs::read_to_string(site.join("003-6583139472fcbe27.html")).unwrap();
    assert!(page.contains("Cite this article"));
    assert!(
        page.contains(r#"<pre class="bibtex" tabindex="0">@"#),
        "{page}"
    );
    assert!(!page.contains(r#"href="cite/"#), "{page}");
    assert!(!site.join("cite").exists());
    let all = std::fs::read_to_string(site.join("dossier.bib")).unwrap();
    assert_eq!(
        all.matches("\n@").count() + usize::from(all.starts_with('@')),
        5
    );
    let csl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("dossier.json")).unwrap()).unwrap();
    assert_eq!(csl.as_array().map(Vec::len), Some(5));

    let config = std::fs::read_to_string(f.path().join("book.toml")).unwrap();
    f.write(
        "book.toml",
        &format!("{config}\n[site]\ncitation-files = true\n"),
    );
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(site.join("003-6583139472fcbe27.html")).unwrap();
    assert!(page.contains(r#"href="cite/003-6583139472fcbe27.bib""#));
    let bib = std::fs::read_to_string(site.join("cite/003-6583139472fcbe27.bib")).unwrap();
    assert!(bib.starts_with('@'), "{bib}");
    let item: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.join("cite/003-6583139472fcbe27.json")).unwrap(),
    )
    .unwrap();
    assert!(item.is_object(), "{item}");
}

// `dossier extract` puts the annotations in each article's JSON.
#[test]
fn extract_json_carries_annotations() {
    let f = Fixture::sample();
    let run = f.run(&["extract", ".", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = read_json(&f.path().join("out/003_6583139472fcbe27.json"));
    let notes = &json["annotations"];
    let terms: Vec<&str> = notes["glossary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(terms.contains(&"Kuril Islands"), "{terms:?}");
    assert!(terms.contains(&"SPIEF"), "{terms:?}");
    assert!(
        notes["citation"]["bibtex"]
            .as_str()
            .unwrap()
            .starts_with('@')
    );
    for key in ["entities", "events", "related"] {
        assert!(notes[key].is_array(), "{key}");
    }
}

// A broken glossary stops the build with its file and line, and the
// previous output stays.
#[test]
fn bad_glossary_is_an_error_naming_file_and_line() {
    let (f, site, _) = built_sample();
    let before = std::fs::read(site.join("index.html")).unwrap();
    f.write(
        "glossary.toml",
        "[[term]]\nterm = \"A\"\nnote = \"x\"\nsee = 1\n",
    );
    let run = f.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("glossary.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("line 4"), "{}", run.stderr);
    assert_eq!(std::fs::read(site.join("index.html")).unwrap(), before);
}

/// Reads a hand-checked list: `date<TAB>words` lines, `#` comments.
fn hand_list(name: &str) -> Vec<(String, String)> {
    let path = crate::support::fixtures_dir().join("annotate").join(name);
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("a tab");
            (a.to_string(), b.to_string())
        })
        .collect()
}

// The timeline finds the dated events a reader finds in one article, with
// few extras: recall and precision against a hand-checked list.
#[test]
fn events_against_hand_checked_list() {
    let f = Fixture::sample();
    let run = f.run(&["extract", ".", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = read_json(&f.path().join("out/003_6583139472fcbe27.json"));
    let found: Vec<(String, String)> = json["annotations"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let date = e["date"].as_str().unwrap();
            let from = date.split('/').next().unwrap().to_string();
            (from, e["sentence"].as_str().unwrap().to_string())
        })
        .collect();
    let expected = hand_list("events-003.txt");
    let mut used = vec![false; found.len()];
    let mut missed = Vec::new();
    for (date, words) in &expected {
        let from = date.split('/').next().unwrap();
        let hit = found
            .iter()
            .enumerate()
            .position(|(i, (d, s))| !used[i] && d == from && s.contains(words.as_str()));
        match hit {
            Some(i) => used[i] = true,
            None => missed.push(format!("{date} {words}")),
        }
    }
    let matched = expected.len() - missed.len();
    let recall = matched as f64 / expected.len() as f64;
    let precision = matched as f64 / found.len().max(1) as f64;
    eprintln!(
        "events in 003: {} found, {matched}/{} hand-checked found (recall {recall:.2}, precision {precision:.2}); missed {missed:?}",
        found.len(),
        expected.len()
    );
    assert!(recall >= 0.9, "recall {recall:.2}, missed {missed:?}");
    assert!(precision >= 0.85, "precision {precision:.2}");
}

// An article republished under other furniture is linked as the same text,
// both ways, rather than shown as unrelated.
#[test]
fn republished_article_is_linked_as_same_text() {
    let f = Fixture::sample();
    let original =
        std::fs::read_to_string(f.path().join("corpus/003_6583139472fcbe27.txt")).unwrap();
    // Another site's copy: its own menu above, its own footer below.
    let copy = format!(
        "Home | World | Analysis\n\n{original}\n\nAll rights reserved. Reprinted with permission.\n"
    );
    f.write("corpus/reprint.txt", &copy);
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = f.path().join("book/html");
    let page = std::fs::read_to_string(site.join("reprint.html")).unwrap();
    let related = &page[page.find("Also in this dossier").expect("a related list")..];
    assert!(
        related.contains(r#"href="003-6583139472fcbe27.html""#) && related.contains("same text"),
        "{related:.600}"
    );
    let page = std::fs::read_to_string(site.join("003-6583139472fcbe27.html")).unwrap();
    let related = &page[page.find("Also in this dossier").expect("a related list")..];
    assert!(related.contains(r#"href="reprint.html""#), "{related:.600}");
}

// The timeline and the articles link both ways: a dated sentence links to
// its paragraph, and the article lists its dates with links to the timeline.
#[test]
fn timeline_and_names_link_both_ways() {
    let (_f, site, _) = built_sample();
    let page = std::fs::read_to_string(site.join("003-6583139472fcbe27.html")).unwrap();
    let timeline = std::fs::read_to_string(site.join("timeline.html")).unwrap();
    assert!(timeline.contains(r#"<a href="timeline/2018.html">2018</a>"#));
    let year = std::fs::read_to_string(site.join("timeline/2018.html")).unwrap();
    assert!(
        page.contains(r#"href="timeline/2018.html#t-2018-05-25_2018-05-26">25–26 May 2018</a>"#)
    );
    let entry = year
        .find(r#"<li id="t-2018-05-25_2018-05-26">"#)
        .expect("the visit's date on the year's page");
    let end = entry
        + year[entry..]
            .find("</li>\n    <li")
            .unwrap_or(year.len() - entry);
    assert!(
        year[entry..end].contains(r#"href="../003-6583139472fcbe27.html#p-1""#),
        "{}",
        &year[entry..end]
    );
    // The people index, the name's page and the article: Shinzo Abe, with
    // variants merged.
    let people = std::fs::read_to_string(site.join("people.html")).unwrap();
    let abe = people
        .find(r#"<li id="shinzo-abe"><a href="names/shinzo-abe.html">Shinzo Abe</a> <span"#)
        .expect("Abe in the index");
    assert!(people[abe..].contains("Mr. Abe"));
    let name = std::fs::read_to_string(site.join("names/shinzo-abe.html")).unwrap();
    assert!(name.contains("Mr. Abe"), "{name}");
    assert!(
        name.contains(r#"href="../003-6583139472fcbe27.html#p-1""#),
        "{name}"
    );
    assert!(page.contains(r#"<a href="names/shinzo-abe.html">Shinzo Abe</a>"#));
}

// The same both ways in the EPUB: a chapter names Shinzo Abe and the 2018
// visit, linking to the letter's and the year's files, which link back.
#[test]
fn epub_index_and_timeline_link_both_ways() {
    let (_f, _, epub) = built_sample();
    let files = epub_files(&epub);
    let chapter = &files["OEBPS/text/003-6583139472fcbe27.xhtml"];
    assert!(chapter.contains(r#"<a href="../names-s.xhtml#shinzo-abe">Shinzo Abe</a>"#));
    assert!(chapter.contains(r#"<a href="../events-2018.xhtml#t-2018-05-25_2018-05-26">"#));
    let letter = &files["OEBPS/names-s.xhtml"];
    let abe = letter.find(r#"<li id="shinzo-abe">"#).expect("Abe under S");
    let end = abe + letter[abe..].find("</li>").unwrap();
    // One link per chapter, to its first mention, labelled with its number.
    let links = Regex::new(r##"<a href="text/([^"#]+)\.xhtml#p-\d+">(\d+)</a>"##).unwrap();
    let chapters: Vec<String> = links
        .captures_iter(&letter[abe..end])
        .map(|c| c[1].to_string())
        .collect();
    assert!(
        chapters.contains(&"003-6583139472fcbe27".to_string()),
        "{}",
        &letter[abe..end]
    );
    let unique: BTreeSet<&String> = chapters.iter().collect();
    assert_eq!(unique.len(), chapters.len());
    let year = &files["OEBPS/events-2018.xhtml"];
    assert!(year.contains(r#"id="t-2018-05-25_2018-05-26""#));
    assert!(year.contains(r#"href="text/003-6583139472fcbe27.xhtml#p-1""#));
    // The contents number the chapters the index refers to.
    assert!(files["OEBPS/nav.xhtml"].contains(">1. "));
}

// `[epub] volume-articles` splits the EPUB: every article is in exactly one
// volume, each volume's links resolve inside it (a related article in
// another volume is named, not linked), and the site links every volume.
#[test]
fn volumes_split_the_epub_and_keep_links_whole() {
    let f = Fixture::sample();
    let config = std::fs::read_to_string(f.path().join("book.toml")).unwrap();
    f.write(
        "book.toml",
        &format!("{config}\n[epub]\nvolume-articles = 2\n"),
    );
    let run = f.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("russia-and-japan-a-dossier-3.epub"),
        "{}",
        run.stderr
    );
    let dir = f.path().join("book/epub");
    let mut chapters = Vec::new();
    for n in 1..=3 {
        let path = dir.join(format!("russia-and-japan-a-dossier-{n}.epub"));
        let files = epub_files(&path);
        assert_eq!(broken_links(&files), Vec::<String>::new(), "volume {n}");
        let opf = &files["OEBPS/content.opf"];
        assert!(opf.contains(&format!("volume {n} of 3")), "{opf}");
        let mine: Vec<String> = files
            .keys()
            .filter(|k| k.starts_with("OEBPS/text/"))
            .cloned()
            .collect();
        assert!(!mine.is_empty() && mine.len() <= 2, "volume {n}: {mine:?}");
        chapters.extend(mine);
    }
    assert!(!dir.join("russia-and-japan-a-dossier.epub").exists());
    let mut unique = chapters.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((chapters.len(), unique.len()), (5, 5), "{chapters:?}");

    let site = f.path().join("book/html");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for n in 1..=3 {
        assert!(
            index.contains(&format!(
                "href=\"../epub/russia-and-japan-a-dossier-{n}.epub\""
            )),
            "{index}"
        );
    }
    let run = f.run(&["check", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches(": 0 errors").count(),
        3,
        "{}",
        run.stderr
    );
}

//! The package layer: the container, the package document's metadata,
//! manifest and spine.

use std::collections::{BTreeMap, BTreeSet};

use roxmltree::{Document, Node};

use super::archive::Entry;
use super::rules::{Finding, Rule};
use super::xml::{DC_NS, OPF_NS, line_of, parse};

/// One manifest item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its id.
    pub id: String,
    /// Its path in the archive (resolved against the package document).
    pub path: String,
    /// Its media type.
    pub media_type: String,
    /// Its `properties`, split.
    pub properties: BTreeSet<String>,
}

/// What the rest of the check needs from the package document.
#[derive(Debug, Default)]
pub struct Manifest {
    /// The items, in document order.
    pub items: Vec<Item>,
}

/// Finds the package document through `META-INF/container.xml`.
pub fn package_path(entries: &[Entry], out: &mut Vec<Finding>) -> Option<String> {
    const CONTAINER: &str = "META-INF/container.xml";
    let Some(container) = entries.iter().find(|e| e.name == CONTAINER) else {
        out.push(Finding::error(
            Rule::Container,
            CONTAINER,
            "the file is missing",
        ));
        return None;
    };
    let text = String::from_utf8_lossy(&container.bytes);
    // Malformed XML is reported by the well-formedness rule.
    let doc = parse(&text).ok()?;
    let full_path = doc
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .and_then(|n| n.attribute("full-path"))
        .map(str::to_string);
    match full_path {
        Some(path) if entries.iter().any(|e| e.name == path) => Some(path),
        Some(path) => {
            out.push(Finding::error(
                Rule::Container,
                CONTAINER,
                format!("the rootfile `{path}` is not in the archive"),
            ));
            None
        }
        None => {
            out.push(Finding::error(
                Rule::Container,
                CONTAINER,
                "no <rootfile full-path=\"...\"> names the package document",
            ));
            None
        }
    }
}

/// Checks the package document's metadata, manifest and spine, and returns
/// the manifest for the content checks.
pub fn check_package(opf_path: &str, entries: &[Entry], out: &mut Vec<Finding>) -> Manifest {
    let Some(opf) = entries.iter().find(|e| e.name == opf_path) else {
        return Manifest::default();
    };
    let text = String::from_utf8_lossy(&opf.bytes);
    let Ok(doc) = parse(&text) else {
        return Manifest::default();
    };
    check_metadata(opf_path, &doc, out);
    let manifest = read_manifest(opf_path, &doc, out);
    check_files(opf_path, &doc, &manifest, entries, out);
    manifest
}

fn opf_elements<'a, 'input>(
    doc: &'a Document<'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    doc.descendants()
        .filter(move |n| n.tag_name().namespace() == Some(OPF_NS) && n.tag_name().name() == name)
}

fn dc_elements<'a, 'input>(
    doc: &'a Document<'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    doc.descendants()
        .filter(move |n| n.tag_name().namespace() == Some(DC_NS) && n.tag_name().name() == name)
}

fn text_of(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect::<String>()
        .trim()
        .to_string()
}

fn check_metadata(opf_path: &str, doc: &Document<'_>, out: &mut Vec<Finding>) {
    let at = |n: Node<'_, '_>| format!("{opf_path}:{}", line_of(doc, n));
    let languages: Vec<Node<'_, '_>> = dc_elements(doc, "language").collect();
    if languages.is_empty() {
        out.push(Finding::error(
            Rule::Language,
            opf_path,
            "the package has no <dc:language>; stores reject it and readers cannot pick hyphenation or voices",
        ));
    }
    for lang in languages {
        let tag = text_of(lang);
        if !looks_like_language_tag(&tag) {
            out.push(Finding::error(
                Rule::Language,
                at(lang),
                format!("<dc:language> is {tag:?}, which is not a BCP 47 language tag"),
            ));
        }
    }

    if !dc_elements(doc, "title").any(|t| !text_of(t).is_empty()) {
        out.push(Finding::error(
            Rule::Metadata,
            opf_path,
            "the package has no non-empty <dc:title>",
        ));
    }
    let unique = doc.root_element().attribute("unique-identifier");
    let identified = dc_elements(doc, "identifier")
        .any(|i| unique.is_some() && i.attribute("id") == unique && !text_of(i).is_empty());
    if !identified {
        out.push(Finding::error(
            Rule::Metadata,
            opf_path,
            format!(
                "no non-empty <dc:identifier> has the id the package's unique-identifier names ({})",
                unique.unwrap_or("none given")
            ),
        ));
    }
    let modified: Vec<String> = opf_elements(doc, "meta")
        .filter(|m| m.attribute("property") == Some("dcterms:modified"))
        .map(text_of)
        .collect();
    match modified.as_slice() {
        [one] if is_modified_date(one) => {}
        [one] => out.push(Finding::error(
            Rule::Metadata,
            opf_path,
            format!("dcterms:modified is {one:?}; it must be CCYY-MM-DDThh:mm:ssZ"),
        )),
        [] => out.push(Finding::error(
            Rule::Metadata,
            opf_path,
            "the package has no dcterms:modified date",
        )),
        _ => out.push(Finding::error(
            Rule::Metadata,
            opf_path,
            "the package has more than one dcterms:modified date",
        )),
    }
}

/// `2024-03-05T00:00:00Z`, as EPUB 3 requires.
fn is_modified_date(s: &str) -> bool {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").is_ok() && s.len() == 20
}

/// A shape check: a 2–3 letter primary tag (or `x` for a private tag) and
/// alphanumeric subtags. (BCP 47 reserves 5–8 letter primaries, but none is
/// registered, and "English" is the usual mistake.)
fn looks_like_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (matches!(primary.len(), 2 | 3) || primary.eq_ignore_ascii_case("x"))
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn read_manifest(opf_path: &str, doc: &Document<'_>, out: &mut Vec<Finding>) -> Manifest {
    let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut items = Vec::new();
    for item in opf_elements(doc, "item") {
        let (Some(id), Some(href), Some(media_type)) = (
            item.attribute("id"),
            item.attribute("href"),
            item.attribute("media-type"),
        ) else {
            out.push(Finding::error(
                Rule::Manifest,
                format!("{opf_path}:{}", line_of(doc, item)),
                "a manifest <item> lacks id, href or media-type",
            ));
            continue;
        };
        items.push(Item {
            id: id.to_string(),
            path: resolve(base, href),
            media_type: media_type.to_string(),
            properties: item
                .attribute("properties")
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        });
    }
    Manifest { items }
}

/// `href` (relative, percent-encoded) resolved against the folder `base`.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let mut parts: Vec<String> = if base.is_empty() {
        Vec::new()
    } else {
        base.split('/').map(str::to_string).collect()
    };
    for segment in percent_decode(href).split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s.to_string()),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn check_files(
    opf_path: &str,
    doc: &Document<'_>,
    manifest: &Manifest,
    entries: &[Entry],
    out: &mut Vec<Finding>,
) {
    let in_archive: BTreeSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let mut ids: BTreeMap<&str, &Item> = BTreeMap::new();
    for item in &manifest.items {
        if ids.insert(item.id.as_str(), item).is_some() {
            out.push(Finding::error(
                Rule::Manifest,
                opf_path,
                format!("two manifest items have the id `{}`", item.id),
            ));
        }
        if !in_archive.contains(item.path.as_str()) {
            out.push(Finding::error(
                Rule::Manifest,
                opf_path,
                format!(
                    "the manifest lists `{}`, which is not in the archive",
                    item.path
                ),
            ));
        }
    }
    let listed: BTreeSet<&str> = manifest.items.iter().map(|i| i.path.as_str()).collect();
    for name in &in_archive {
        let packaging = *name == "mimetype" || name.starts_with("META-INF/") || *name == opf_path;
        if !packaging && !listed.contains(name) {
            out.push(Finding::error(
                Rule::Manifest,
                *name,
                "the file is in the archive but not in the manifest",
            ));
        }
    }
    let mut spine_len = 0;
    for itemref in opf_elements(doc, "itemref") {
        spine_len += 1;
        let idref = itemref.attribute("idref").unwrap_or("");
        if !ids.contains_key(idref) {
            out.push(Finding::error(
                Rule::Manifest,
                format!("{opf_path}:{}", line_of(doc, itemref)),
                format!("the spine refers to `{idref}`, which is not a manifest id"),
            ));
        }
    }
    if spine_len == 0 {
        out.push(Finding::error(
            Rule::Manifest,
            opf_path,
            "the spine is empty: the book has no reading order",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_hrefs() {
        assert_eq!(
            resolve("OEBPS", "text/a%20b.xhtml#x"),
            "OEBPS/text/a b.xhtml"
        );
        assert_eq!(resolve("OEBPS/text", "../cover.png"), "OEBPS/cover.png");
        assert_eq!(resolve("", "nav.xhtml"), "nav.xhtml");
    }

    #[test]
    fn modified_dates() {
        assert!(is_modified_date("2024-03-05T00:00:00Z"));
        assert!(!is_modified_date("2024-03-05"));
        assert!(!is_modified_date("2024-03-05T00:00:00+01:00"));
    }

    #[test]
    fn language_tags() {
        assert!(looks_like_language_tag("ru"));
        assert!(looks_like_language_tag("en-GB"));
        assert!(!looks_like_language_tag("English"));
        assert!(!looks_like_language_tag(""));
        assert!(looks_like_language_tag("x-private"));
    }
}

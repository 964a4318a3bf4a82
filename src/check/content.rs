//! The content layer: every XML file's syntax and ids, the nav document,
//! and the manifest properties each content document needs.

use std::collections::BTreeSet;

use roxmltree::Node;

use super::archive::Entry;
use super::package::Manifest;
use super::rules::{Finding, Rule};
use super::xml::{OPS_NS, XHTML_NS, comments_with_dashes, is_xml_id, line_at, line_of, parse};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The manifest properties dossier checks against content.
const CONTENT_PROPERTIES: [&str; 4] = ["svg", "scripted", "mathml", "remote-resources"];

fn is_xml_file(name: &str) -> bool {
    [".xhtml", ".html", ".htm", ".opf", ".ncx", ".xml", ".svg"]
        .iter()
        .any(|ext| name.to_ascii_lowercase().ends_with(ext))
}

/// Comments, well-formedness and ids of every XML file in the archive.
pub fn check_xml_files(entries: &[Entry], out: &mut Vec<Finding>) {
    for e in entries.iter().filter(|e| is_xml_file(&e.name)) {
        let Ok(text) = std::str::from_utf8(&e.bytes) else {
            out.push(Finding::error(
                Rule::WellFormed,
                e.name.as_str(),
                "the file is not valid UTF-8",
            ));
            continue;
        };
        let dashes = comments_with_dashes(text);
        for offset in &dashes {
            out.push(Finding::error(
                Rule::CommentDashes,
                format!("{}:{}", e.name, line_at(text, *offset)),
                "a comment contains `--`",
            ));
        }
        let doc = match parse(text) {
            Ok(doc) => doc,
            Err(err) => {
                // The comment finding already names the cause.
                if dashes.is_empty() {
                    out.push(Finding::error(
                        Rule::WellFormed,
                        format!("{}:{}", e.name, err.pos().row),
                        format!("not well-formed XML: {err}"),
                    ));
                }
                continue;
            }
        };
        let mut seen = BTreeSet::new();
        for node in doc.descendants().filter(Node::is_element) {
            let id = node
                .attribute("id")
                .or_else(|| node.attribute((XML_NS, "id")));
            let Some(id) = id else { continue };
            let at = format!("{}:{}", e.name, line_of(&doc, node));
            if !is_xml_id(id) {
                out.push(Finding::error(
                    Rule::XmlId,
                    at,
                    format!("id {id:?} is not an XML name"),
                ));
            } else if !seen.insert(id) {
                out.push(Finding::error(
                    Rule::XmlId,
                    at,
                    format!("id {id:?} is used more than once in the file"),
                ));
            }
        }
    }
}

/// The nav document, the cover image and the content properties.
pub fn check_manifest_properties(manifest: &Manifest, entries: &[Entry], out: &mut Vec<Finding>) {
    let bytes_of = |path: &str| {
        entries
            .iter()
            .find(|e| e.name == path)
            .map(|e| &e.bytes[..])
    };
    let navs: Vec<_> = manifest
        .items
        .iter()
        .filter(|i| i.properties.contains("nav"))
        .collect();
    match navs.as_slice() {
        [] => out.push(Finding::error(
            Rule::ManifestProperties,
            "-",
            "no manifest item has properties=\"nav\"; EPUB 3 readers need the nav document",
        )),
        [nav] => {
            if let Some(bytes) = bytes_of(&nav.path) {
                check_nav(&nav.path, bytes, out);
            }
        }
        _ => out.push(Finding::error(
            Rule::ManifestProperties,
            "-",
            "more than one manifest item has properties=\"nav\"",
        )),
    }

    let covers: Vec<_> = manifest
        .items
        .iter()
        .filter(|i| i.properties.contains("cover-image"))
        .collect();
    match covers.as_slice() {
        [] => out.push(Finding::error(
            Rule::ManifestProperties,
            "-",
            "no manifest item has properties=\"cover-image\"; stores and library views show no cover",
        )),
        [cover] if !cover.media_type.starts_with("image/") => out.push(Finding::error(
            Rule::ManifestProperties,
            cover.path.as_str(),
            format!("the cover-image is {}, not an image", cover.media_type),
        )),
        [_] => {}
        _ => out.push(Finding::error(
            Rule::ManifestProperties,
            "-",
            "more than one manifest item has properties=\"cover-image\"",
        )),
    }

    for item in manifest
        .items
        .iter()
        .filter(|i| i.media_type == "application/xhtml+xml")
    {
        let Some(text) = bytes_of(&item.path).and_then(|b| std::str::from_utf8(b).ok()) else {
            continue;
        };
        let Ok(doc) = parse(text) else { continue };
        let used = used_properties(doc.root_element());
        for property in CONTENT_PROPERTIES {
            let declared = item.properties.contains(property);
            let uses = used.contains(property);
            if uses && !declared {
                out.push(Finding::error(
                    Rule::ManifestProperties,
                    item.path.as_str(),
                    format!("the file uses {property} content but its manifest item lacks properties=\"{property}\""),
                ));
            } else if declared && !uses {
                out.push(Finding::error(
                    Rule::ManifestProperties,
                    item.path.as_str(),
                    format!("the manifest item declares properties=\"{property}\" but the file has no such content"),
                ));
            }
        }
    }
}

/// Which of [`CONTENT_PROPERTIES`] the document needs.
fn used_properties(root: Node<'_, '_>) -> BTreeSet<&'static str> {
    let mut used = BTreeSet::new();
    for n in root.descendants().filter(Node::is_element) {
        let ns = n.tag_name().namespace();
        let name = n.tag_name().name();
        if ns == Some(SVG_NS) {
            used.insert("svg");
        }
        if ns == Some(MATHML_NS) {
            used.insert("mathml");
        }
        if ns == Some(XHTML_NS) {
            if name == "script" || name == "form" {
                used.insert("scripted");
            }
            let fetched = match name {
                "img" | "audio" | "video" | "source" | "script" | "iframe" | "embed" => {
                    n.attribute("src")
                }
                "link" => n.attribute("href"),
                "object" => n.attribute("data"),
                _ => None,
            };
            if fetched.is_some_and(|u| {
                let u = u.trim().to_ascii_lowercase();
                u.starts_with("http://") || u.starts_with("https://") || u.starts_with("//")
            }) {
                used.insert("remote-resources");
            }
        }
    }
    used
}

/// The nav document has a `toc` nav, and every list in it has entries.
fn check_nav(path: &str, bytes: &[u8], out: &mut Vec<Finding>) {
    let Some(doc) = std::str::from_utf8(bytes).ok().and_then(|t| parse(t).ok()) else {
        return;
    };
    let navs: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name((XHTML_NS, "nav")))
        .collect();
    let is_toc = |n: &Node<'_, '_>| {
        n.attribute((OPS_NS, "type"))
            .is_some_and(|t| t.split_whitespace().any(|t| t == "toc"))
    };
    if !navs.iter().any(is_toc) {
        out.push(Finding::error(
            Rule::NavList,
            path,
            "the nav document has no <nav epub:type=\"toc\">",
        ));
    }
    for nav in &navs {
        let lists = nav
            .descendants()
            .filter(|n| n.has_tag_name((XHTML_NS, "ol")));
        let mut any = false;
        for ol in lists {
            any = true;
            let items = ol.children().filter(|c| c.has_tag_name((XHTML_NS, "li")));
            if items.clone().count() == 0 {
                out.push(Finding::error(
                    Rule::NavList,
                    format!("{path}:{}", line_of(&doc, ol)),
                    "an <ol> in the nav document has no entries",
                ));
            }
            for li in items {
                let labelled = li.children().any(|c| {
                    (c.has_tag_name((XHTML_NS, "a")) || c.has_tag_name((XHTML_NS, "span")))
                        && c.descendants()
                            .any(|d| d.text().is_some_and(|t| !t.trim().is_empty()))
                });
                if !labelled {
                    out.push(Finding::error(
                        Rule::NavList,
                        format!("{path}:{}", line_of(&doc, li)),
                        "a nav entry has no <a> or <span> with text",
                    ));
                }
            }
        }
        if !any {
            out.push(Finding::error(
                Rule::NavList,
                format!("{path}:{}", line_of(&doc, *nav)),
                "a <nav> has no list of entries",
            ));
        }
    }
}

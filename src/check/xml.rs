//! XML helpers shared by the rules: parsing, namespaces, positions, names.

use roxmltree::{Document, Node, ParsingOptions};

/// The OPF namespace.
pub const OPF_NS: &str = "http://www.idpf.org/2007/opf";
/// The Dublin Core elements namespace.
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// The XHTML namespace.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// The EPUB structural semantics namespace (`epub:type`).
pub const OPS_NS: &str = "http://www.idpf.org/2007/ops";

/// Parses `text`, allowing the `<!DOCTYPE html>` every XHTML file has.
pub fn parse(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    Document::parse_with_options(
        text,
        ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        },
    )
}

/// The 1-based line where `node` starts.
pub fn line_of(doc: &Document<'_>, node: Node<'_, '_>) -> u32 {
    doc.text_pos_at(node.range().start).row
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Byte offsets of comments whose body contains `--` (XML forbids it; a
/// comment like `<!-- a -- b -->` stops strict parsers).
pub fn comments_with_dashes(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(start) = text[rest..].find("<!--") {
        let body_start = rest + start + 4;
        // The body ends at the first `--` followed by `>`; a `--` before that
        // is the error.
        let Some(end) = text[body_start..].find("-->") else {
            break;
        };
        let body = &text[body_start..body_start + end];
        if body.contains("--") || body.ends_with('-') {
            found.push(rest + start);
        }
        rest = body_start + end + 3;
    }
    found
}

/// Whether `id` is an XML name without colons (an NCName), as ids must be.
pub fn is_xml_id(id: &str) -> bool {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '\u{B7}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_double_dashes_in_comments() {
        assert_eq!(
            comments_with_dashes("<!-- fine - ok --><p/>"),
            Vec::<usize>::new()
        );
        assert_eq!(comments_with_dashes("x<!-- a -- b -->"), vec![1]);
        assert_eq!(comments_with_dashes("<!-- ends with a dash --->"), vec![0]);
    }

    #[test]
    fn xml_ids() {
        assert!(is_xml_id("s-история"));
        assert!(is_xml_id("_a.b"));
        assert!(!is_xml_id("1st"));
        assert!(!is_xml_id("a b"));
        assert!(!is_xml_id("a:b"));
        assert!(!is_xml_id(""));
    }
}

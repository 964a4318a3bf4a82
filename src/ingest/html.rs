//! `.html` / `.htm` articles: reduced to text with a real HTML parser
//! (html5ever through scraper), one block element per paragraph, so the
//! same normalize rules read them as they read scraped text. The page's
//! own metadata (`<title>`, author and date meta tags) comes back as facts.

use scraper::{ElementRef, Html, Node, Selector};

use super::Sidecar;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "canvas", "button",
    "select", "form",
];

/// Elements that start a new line (and, for the paragraph-like ones, a new paragraph).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "address",
    "details",
    "summary",
];

/// The text of an HTML page, paragraphs separated by blank lines, and the
/// facts its `<head>` declares.
pub fn html_to_text(html: &str) -> (String, Sidecar) {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    walk(doc.root_element(), &mut out);
    // Fold the blank lines that nested blocks leave behind.
    let mut text = String::new();
    let mut blank = true;
    for line in out.lines().map(str::trim) {
        if line.is_empty() {
            if !blank {
                text.push('\n');
            }
            blank = true;
        } else {
            text.push_str(line);
            text.push('\n');
            blank = false;
        }
    }
    (text.trim_end().to_string() + "\n", head_facts(&doc))
}

fn walk(element: ElementRef<'_>, out: &mut String) {
    let name = element.value().name();
    if SKIPPED.contains(&name) {
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.push_str("\n\n");
    }
    for child in element.children() {
        match child.value() {
            Node::Text(t) => {
                // Whitespace inside text is layout, not content.
                let folded: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if folded.is_empty() && !t.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                } else if !folded.is_empty() {
                    if t.starts_with(char::is_whitespace) && !out.ends_with(['\n', ' ']) {
                        out.push(' ');
                    }
                    out.push_str(&folded);
                    if t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    walk(child, out);
                }
            }
            _ => {}
        }
    }
    if block {
        out.push_str("\n\n");
    }
}

/// `<title>`, `<meta name="author">`, `article:published_time`, `og:site_name`, `<html lang>`.
fn head_facts(doc: &Html) -> Sidecar {
    let select = |css: &str| Selector::parse(css).expect("built-in selectors are valid");
    let meta = |css: &str| {
        doc.select(&select(css))
            .find_map(|e| e.value().attr("content"))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
    };
    let title = meta(r#"meta[property="og:title"]"#).or_else(|| {
        doc.select(&select("title"))
            .next()
            .map(|t| {
                t.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
    });
    // "Article title | Site name": the page title carries the site's name.
    let title = title.map(|t| {
        match t
            .rsplit_once(" | ")
            .or_else(|| t.rsplit_once(" — "))
            .or_else(|| t.rsplit_once(" - "))
        {
            Some((head, tail)) if tail.split_whitespace().count() <= 4 && !head.is_empty() => {
                head.trim().to_string()
            }
            _ => t,
        }
    });
    let date = meta(r#"meta[property="article:published_time"]"#)
        .or_else(|| meta(r#"meta[name="date"]"#))
        .or_else(|| meta(r#"meta[name="dc.date"]"#))
        .and_then(|d| d.get(..10).map(str::to_string))
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
    let language = doc
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    Sidecar {
        title,
        authors: meta(r#"meta[name="author"]"#).map(|a| vec![a]),
        date,
        site: meta(r#"meta[property="og:site_name"]"#),
        url: meta(r#"meta[property="og:url"]"#).or_else(|| {
            doc.select(&select(r#"link[rel="canonical"]"#))
                .find_map(|e| e.value().attr("href"))
                .map(str::to_string)
        }),
        language,
        ..Sidecar::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_html_to_paragraph_text() {
        let html = r#"<!doctype html><html lang="en"><head><title>T | Site</title>
            <meta name="author" content="Jane Doe"><meta property="article:published_time" content="2019-06-03T10:00:00Z">
            <style>p{}</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/a">Articles</a></nav>
            <h1>The Title</h1><p>First <b>bold</b> paragraph,
            wrapped.</p><p>Second&nbsp;one &amp; more.<br>After a break.</p></body></html>"#;
        let (text, facts) = html_to_text(html);
        assert_eq!(
            text,
            "Home Articles\n\nThe Title\n\nFirst bold paragraph, wrapped.\n\nSecond one & more.\nAfter a break.\n"
        );
        assert_eq!(facts.authors, Some(vec!["Jane Doe".to_string()]));
        assert_eq!(facts.date.as_deref(), Some("2019-06-03"));
        assert_eq!(facts.title.as_deref(), Some("T"));
        assert_eq!(facts.language.as_deref(), Some("en"));
    }
}

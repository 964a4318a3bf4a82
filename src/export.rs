//! `dossier extract`: an [`Article`] as JSON (the extraction contract) or as
//! cleaned Markdown with TOML front matter.

use serde::Serialize;

use crate::annotate::Annotations;
use crate::annotate::cite::{self, CiteFacts};
use crate::annotate::glossary::Glossary;
use crate::extract::{Article, Footnote, Origin};
use crate::normalize::{BlockKind, Removed};

/// The JSON contract of `dossier extract --format json`: one object per article.
#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    /// The title the text or sidecar gives; "" when neither does.
    pub title: &'a str,
    /// The title shown when `title` is empty, made from the text.
    pub derived_title: Option<&'a str>,
    /// Authors, in byline order.
    pub authors: &'a [String],
    /// The authors' credentials or bios.
    pub author_bio: &'a [String],
    /// `YYYY-MM-DD` or "".
    pub date: &'a str,
    /// Original publisher or source credited.
    pub source: &'a str,
    /// The site the text was scraped from.
    pub site: &'a str,
    /// The article's URL, from the sidecar.
    pub url: &'a str,
    /// Categories or tags.
    pub categories: &'a [String],
    /// BCP 47 language tag.
    pub language: &'a str,
    /// Words in the body.
    pub word_count: usize,
    /// Each heading and paragraph, in order (footnote markers kept as `[n]`).
    pub body: Vec<&'a str>,
    /// The section headings.
    pub headings: Vec<&'a str>,
    /// The footnotes' texts, in number order.
    pub footnotes: Vec<&'a str>,
    /// The removed lines' texts, in line order.
    pub removed: Vec<&'a str>,
    /// The slug used for the article's page.
    pub slug: &'a str,
    /// The source file, relative to the corpus folder.
    pub path: String,
    /// Body blocks with their kind and line.
    pub blocks: &'a [crate::normalize::Block],
    /// Footnotes with their numbers and lines.
    pub footnote_details: &'a [Footnote],
    /// Removed lines with the rule that removed each.
    pub removed_details: &'a [Removed],
    /// Where each metadata field came from.
    pub origins: &'a [Origin],
    /// What the annotators found, when the caller ran them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<AnnotationsJson<'a>>,
}

/// The annotations of one article in the JSON contract. Blocks are indexes
/// into `blocks`; other articles are named by slug.
#[derive(Debug, Serialize)]
pub struct AnnotationsJson<'a> {
    /// Glossary terms, by first mention.
    pub glossary: Vec<GlossaryJson<'a>>,
    /// People, organisations and places it mentions.
    pub entities: Vec<EntityJson<'a>>,
    /// Dated events, in text order.
    pub events: Vec<EventJson<'a>>,
    /// Related articles, best first.
    pub related: Vec<RelatedJson<'a>>,
    /// Citations built from the metadata.
    pub citation: CitationJson,
}

/// A glossary term's mentions in one article.
#[derive(Debug, Serialize)]
pub struct GlossaryJson<'a> {
    /// The term's id in the glossary.
    pub id: &'a str,
    /// The term.
    pub term: &'a str,
    /// The form of the first mention.
    pub form: &'a str,
    /// The block of the first mention.
    pub block: usize,
    /// Its line in the source file.
    pub line: usize,
    /// Every block that mentions the term.
    pub blocks: &'a [usize],
}

/// An entity's mentions in one article.
#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    /// Its id, unique in the dossier.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// person, organisation or place.
    pub kind: crate::annotate::EntityKind,
    /// Every form seen in the dossier.
    pub variants: &'a [String],
    /// The blocks of this article that mention it.
    pub blocks: Vec<usize>,
}

/// A dated event of one article.
#[derive(Debug, Serialize)]
pub struct EventJson<'a> {
    /// ISO 8601 date or interval at the precision the text gives.
    pub date: String,
    /// The date phrase as written.
    pub phrase: &'a str,
    /// The sentence.
    pub sentence: &'a str,
    /// Its block.
    pub block: usize,
}

/// A related article.
#[derive(Debug, Serialize)]
pub struct RelatedJson<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Whether it is the same text published again.
    pub near_duplicate: bool,
    /// Shared text in percent.
    pub similarity: u8,
    /// Shared names, terms and dates.
    pub shared: &'a [String],
}

/// Citations of one article.
#[derive(Debug, Serialize)]
pub struct CitationJson {
    /// Chicago, plain text.
    pub chicago: String,
    /// APA, plain text.
    pub apa: String,
    /// BibTeX entry.
    pub bibtex: String,
    /// CSL-JSON item.
    pub csl: serde_json::Value,
}

impl<'a> AnnotationsJson<'a> {
    /// The annotations of `articles[index]`, from the whole dossier's.
    pub fn new(
        articles: &'a [Article],
        index: usize,
        all: &'a Annotations,
        glossary: &'a Glossary,
    ) -> Self {
        let article = &articles[index];
        let found = &all.articles[index];
        let m = &article.meta;
        let facts = CiteFacts {
            key: &article.slug,
            title: m.display_title(),
            authors: &m.authors,
            date: &m.date,
            source: &m.source,
            site: &m.site,
            url: &m.url,
            language: &m.language,
        };
        AnnotationsJson {
            glossary: found
                .glossary
                .iter()
                .map(|h| GlossaryJson {
                    id: &glossary.terms[h.term].id,
                    term: &glossary.terms[h.term].term,
                    form: &h.form,
                    block: h.place.block,
                    line: article.body.get(h.place.block).map_or(0, |b| b.line),
                    blocks: &h.blocks,
                })
                .collect(),
            entities: found
                .entities
                .iter()
                .map(|&e| {
                    let entity = &all.entities[e];
                    // Places are in dossier order: this article's are one
                    // run, found by binary search (a scan per article would
                    // make the export quadratic).
                    let from = entity.places.partition_point(|p| p.article < index);
                    let to = entity.places.partition_point(|p| p.article <= index);
                    EntityJson {
                        id: &entity.id,
                        name: &entity.name,
                        kind: entity.kind,
                        variants: &entity.variants,
                        blocks: entity.places[from..to].iter().map(|p| p.block).collect(),
                    }
                })
                .collect(),
            events: found
                .events
                .iter()
                .map(|e| EventJson {
                    date: e.when.iso(),
                    phrase: &e.phrase,
                    sentence: &e.sentence,
                    block: e.place.block,
                })
                .collect(),
            related: found
                .related
                .iter()
                .filter_map(|r| {
                    let other = articles.get(r.article)?;
                    Some(RelatedJson {
                        slug: &other.slug,
                        title: other.meta.display_title(),
                        near_duplicate: r.near_duplicate,
                        similarity: r.similarity,
                        shared: &r.shared,
                    })
                })
                .collect(),
            citation: CitationJson {
                chicago: cite::chicago(&facts).text,
                apa: cite::apa(&facts).text,
                bibtex: cite::bibtex(&facts),
                csl: cite::csl_json(&facts),
            },
        }
    }
}

impl<'a> ArticleJson<'a> {
    /// The JSON view of `article`.
    pub fn new(article: &'a Article) -> Self {
        let m = &article.meta;
        ArticleJson {
            title: &m.title,
            derived_title: m.derived_title.as_deref(),
            authors: &m.authors,
            author_bio: &m.author_bio,
            date: &m.date,
            source: &m.source,
            site: &m.site,
            url: &m.url,
            categories: &m.categories,
            language: &m.language,
            word_count: m.word_count,
            body: article.body.iter().map(|b| b.text.as_str()).collect(),
            headings: article
                .body
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
                .map(|b| b.text.as_str())
                .collect(),
            footnotes: article.footnotes.iter().map(|f| f.text.as_str()).collect(),
            removed: article.provenance.iter().map(|r| r.text.as_str()).collect(),
            slug: &article.slug,
            path: article.path.to_string_lossy().replace('\\', "/"),
            blocks: &article.body,
            footnote_details: &article.footnotes,
            removed_details: &article.provenance,
            origins: &m.origins,
            annotations: None,
        }
    }
}

/// `article` as pretty JSON, ending with a newline.
pub fn to_json(article: &Article) -> String {
    json_text(&ArticleJson::new(article))
}

/// `articles[index]` as pretty JSON with its annotations, ending with a
/// newline.
pub fn to_json_annotated(
    articles: &[Article],
    index: usize,
    all: &Annotations,
    glossary: &Glossary,
) -> String {
    let mut json = ArticleJson::new(&articles[index]);
    json.annotations = Some(AnnotationsJson::new(articles, index, all, glossary));
    json_text(&json)
}

fn json_text(json: &ArticleJson<'_>) -> String {
    let mut s = serde_json::to_string_pretty(json).expect("article JSON has only string keys");
    s.push('\n');
    s
}

/// Front matter of the Markdown export.
#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    date: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    site: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    categories: &'a [String],
    language: &'a str,
}

/// `article` as Markdown with TOML front matter: headings as `##`, the
/// article's notes as Markdown footnotes, and Markdown syntax in the
/// scraped text escaped so it reads back as the same text.
pub fn to_markdown(article: &Article) -> String {
    let m = &article.meta;
    let front = FrontMatter {
        title: m.display_title(),
        authors: &m.authors,
        date: &m.date,
        source: &m.source,
        site: &m.site,
        url: &m.url,
        categories: &m.categories,
        language: &m.language,
    };
    let mut out = String::from("+++\n");
    out.push_str(&toml::to_string(&front).expect("front matter is plain strings"));
    out.push_str("+++\n");
    let known: Vec<u32> = article.footnotes.iter().map(|f| f.number).collect();
    for block in &article.body {
        out.push('\n');
        let text = escape_markdown(&block.text);
        let text = link_markers(&text, &known);
        match block.kind {
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                out.push(' ');
                out.push_str(&text);
            }
            BlockKind::Quote | BlockKind::Lead => {
                out.push_str("> ");
                out.push_str(&text);
            }
            BlockKind::Paragraph => out.push_str(&text),
        }
        out.push('\n');
    }
    if !article.footnotes.is_empty() {
        out.push('\n');
        for note in &article.footnotes {
            out.push_str(&format!(
                "[^{}]: {}\n",
                note.number,
                escape_markdown(&note.text)
            ));
        }
    }
    out
}

/// A plain-text account of what extraction did to one article: each
/// metadata field with its origin, then each removed line with its rule.
/// `corpus` is the corpus folder as it should be shown.
pub fn explain(article: &Article, corpus: &std::path::Path) -> String {
    use std::fmt::Write;
    let m = &article.meta;
    let mut out = String::new();
    let _ = writeln!(out, "{}", corpus.join(&article.path).display());
    let value = |field: &str| -> String {
        match field {
            "title" if m.title.is_empty() => format!("{:?} (derived)", m.display_title()),
            "title" => format!("{:?}", m.title),
            "authors" => format!("{:?}", m.authors),
            "author_bio" => format!("{} line(s)", m.author_bio.len()),
            "date" => format!("{:?}", m.date),
            "source" => format!("{:?}", m.source),
            "site" => format!("{:?}", m.site),
            "url" => format!("{:?}", m.url),
            "categories" => format!("{:?}", m.categories),
            "language" => format!("{:?}", m.language),
            _ => String::new(),
        }
    };
    let _ = writeln!(out, "  metadata:");
    let mut seen = Vec::new();
    for origin in &m.origins {
        let place = if origin.line > 0 {
            format!("line {}", origin.line)
        } else {
            "-".to_string()
        };
        let shown_value = if seen.contains(&origin.field) {
            String::new()
        } else {
            value(origin.field)
        };
        seen.push(origin.field);
        let _ = writeln!(
            out,
            "    {:<11} {:<8} {:<7} {} {}",
            origin.field,
            place,
            format!("{:?}", origin.confidence).to_lowercase(),
            origin.how,
            shown_value
        );
    }
    for field in ["title", "authors", "date", "source"] {
        if !seen.contains(&field) {
            let _ = writeln!(out, "    {field:<11} -        -       not found");
        }
    }
    let _ = writeln!(out, "  removed ({} lines):", article.provenance.len());
    for r in &article.provenance {
        let _ = writeln!(out, "    {:>5}  {:<16} {}", r.line, r.rule, r.text);
    }
    let _ = writeln!(
        out,
        "  kept: {} blocks, {} words, {} notes",
        article.body.len(),
        m.word_count,
        article.footnotes.len()
    );
    out
}

/// Escapes the characters Markdown would read as syntax.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
            || at_start && matches!(c, '#' | '+' | '-' | '=')
        {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " at the start would become a list.
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

/// Turns escaped `\[n\]` markers with a known note into `[^n]` references.
fn link_markers(text: &str, known: &[u32]) -> String {
    let mut out = text.to_string();
    for n in known {
        out = out.replace(&format!("\\[{n}\\]"), &format!("[^{n}]"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_syntax() {
        assert_eq!(
            escape_markdown("*bold* <b>x</b> [1]"),
            "\\*bold\\* \\<b\\>x\\</b\\> \\[1\\]"
        );
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list"), "1\\. not a list");
        assert_eq!(
            link_markers("time \\[1\\], and \\[9\\]", &[1]),
            "time [^1], and \\[9\\]"
        );
    }
}

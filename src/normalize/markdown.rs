//! Markdown articles are already clean: no furniture rule runs on them.
//! Their blocks are read with pulldown-cmark: headings, paragraphs, block
//! quotes, list items, code and table rows as text, and `[^n]` footnotes
//! paired with their definitions.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, CleanDoc, Fact, FactKind};
use crate::ingest::RawDoc;

/// The blocks of a Markdown article. A leading `# Title` is its title.
pub(super) fn markdown_blocks(doc: &RawDoc) -> CleanDoc {
    let text = &doc.text;
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut options = Options::empty();
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);

    let mut blocks = Vec::new();
    let mut notes: Vec<(u32, String, usize)> = Vec::new();
    let mut facts = Vec::new();
    let mut numbers: BTreeMap<String, u32> = BTreeMap::new();
    let number_of = |label: &str, numbers: &mut BTreeMap<String, u32>| -> u32 {
        if let Some(n) = numbers.get(label) {
            return *n;
        }
        let n = label.parse().unwrap_or(numbers.len() as u32 + 1);
        numbers.insert(label.to_string(), n);
        n
    };

    let mut current = String::new();
    let mut start_line = 1;
    let mut quote_depth = 0;
    let mut in_note: Option<(u32, usize)> = None;
    let mut note_text = String::new();
    let mut heading: Option<u8> = None;
    let mut list_item = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level as u8);
                start_line = line_of(range.start);
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead) => {
                start_line = line_of(range.start)
            }
            Event::Start(Tag::Item) => {
                list_item = true;
                start_line = line_of(range.start);
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth -= 1,
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_note = Some((number_of(&label, &mut numbers), line_of(range.start)));
                note_text.clear();
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((n, line)) = in_note.take() {
                    notes.push((n, note_text.trim().to_string(), line));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                let target = if in_note.is_some() {
                    &mut note_text
                } else {
                    &mut current
                };
                target.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                let target = if in_note.is_some() {
                    &mut note_text
                } else {
                    &mut current
                };
                target.push(' ');
            }
            Event::FootnoteReference(label) => {
                let n = number_of(&label, &mut numbers);
                current.push_str(&format!("[{n}]"));
            }
            Event::End(TagEnd::TableCell) => current.push_str(" | "),
            Event::End(TagEnd::Heading(_)) => {
                let level = heading.take().unwrap_or(2);
                let title = std::mem::take(&mut current).trim().to_string();
                if level == 1 && blocks.is_empty() && facts.is_empty() {
                    facts.push(Fact {
                        kind: FactKind::Title,
                        value: title,
                        line: start_line,
                    });
                } else if !title.is_empty() {
                    blocks.push(Block::new(
                        BlockKind::Heading(level.clamp(2, 6)),
                        title,
                        start_line,
                    ));
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::Item,
            ) => {
                if in_note.is_some() {
                    note_text.push(' ');
                    continue;
                }
                let mut body = std::mem::take(&mut current)
                    .trim()
                    .trim_end_matches('|')
                    .trim()
                    .to_string();
                if body.is_empty() {
                    continue;
                }
                if list_item {
                    body = format!("• {body}");
                    list_item = false;
                }
                let kind = if quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(Block::new(
                    kind,
                    body.split_whitespace().collect::<Vec<_>>().join(" "),
                    start_line,
                ));
            }
            _ => {}
        }
    }
    CleanDoc {
        path: doc.path.clone(),
        blocks,
        notes,
        facts,
        removed: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SourceFormat;

    #[test]
    fn reads_markdown_blocks_and_notes() {
        let doc = RawDoc {
            path: "a.md".into(),
            text: "# The Title\n\nA *first* paragraph[^1].\n\n## A section\n\n> A quote.\n\n- one\n- two\n\n[^1]: The note.\n".into(),
            encoding: "UTF-8",
            sidecar: None,
            format: SourceFormat::Markdown,
            embedded: None,
        };
        let c = markdown_blocks(&doc);
        assert_eq!(c.facts[0].value, "The Title");
        let texts: Vec<(BlockKind, &str)> =
            c.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (BlockKind::Paragraph, "A first paragraph[1]."),
                (BlockKind::Heading(2), "A section"),
                (BlockKind::Quote, "A quote."),
                (BlockKind::Paragraph, "• one"),
                (BlockKind::Paragraph, "• two"),
            ]
        );
        assert_eq!(c.notes, [(1, "The note.".to_string(), 12)]);
        assert_eq!(c.blocks[1].line, 5);
    }
}

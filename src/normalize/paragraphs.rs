//! Paragraphs and headings: runs of kept lines become paragraphs; a short
//! line without sentence punctuation, standing alone inside the body, is a
//! section heading.

use super::text::{ends_open, ends_sentence, starts_upper, word_count_up_to};
use super::{Block, BlockKind, Line, State};

/// Whether `text` is shaped like a section heading.
pub fn is_heading(text: &str) -> bool {
    let n = word_count_up_to(text, 16);
    (1..=15).contains(&n)
        && text.chars().count() <= 120
        && !ends_sentence(text)
        && !ends_open(text)
        && starts_upper(text)
        && text.chars().any(char::is_alphabetic)
}

/// Builds the blocks: any line that is not article text ends a paragraph.
pub(super) fn build(lines: &[Line]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(BlockKind, Vec<&Line>)> = None;
    let flush = |current: &mut Option<(BlockKind, Vec<&Line>)>, blocks: &mut Vec<Block>| {
        if let Some((kind, group)) = current.take() {
            blocks.extend(group_blocks(kind, &group));
        }
    };
    for line in lines {
        let kind = match line.state {
            State::Kept => BlockKind::Paragraph,
            State::Lead => BlockKind::Lead,
            _ => {
                flush(&mut current, &mut blocks);
                continue;
            }
        };
        match &mut current {
            Some((k, group)) if *k == kind => group.push(line),
            _ => {
                flush(&mut current, &mut blocks);
                current = Some((kind, vec![line]));
            }
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// The blocks of one run of lines: headings split off, the rest joined.
fn group_blocks(kind: BlockKind, group: &[&Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&Line> = Vec::new();
    let flush = |para: &mut Vec<&Line>, out: &mut Vec<Block>| {
        if let Some(first) = para.first() {
            let text = para
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Block::new(kind, text, first.no));
            para.clear();
        }
    };
    for (i, line) in group.iter().enumerate() {
        // A heading-shaped line stands alone, or opens a run of prose lines
        // (a heading with no blank line under it).
        let opens_run = para.is_empty()
            && group
                .get(i + 1)
                .is_some_and(|next| starts_upper(&next.text));
        let alone = group.len() == 1;
        if kind == BlockKind::Paragraph && (alone || opens_run) && is_heading(&line.text) {
            flush(&mut para, &mut out);
            out.push(Block::new(
                BlockKind::Heading(2),
                line.text.clone(),
                line.no,
            ));
            continue;
        }
        para.push(line);
    }
    flush(&mut para, &mut out);
    out
}

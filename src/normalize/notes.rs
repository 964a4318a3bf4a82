//! End notes: "1 – text" lines after the body, paired with `[1]` markers in it.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{Line, State};

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(\d{1,3})\]").expect("marker pattern is valid"));

/// "1 – text", "[1] text", "1) text" at the start of a line.
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[(?P<a>\d{1,3})\]\s*[–—-]?\s*|(?P<b>\d{1,3})\s*[–—]\s+|(?P<c>\d{1,3})\s+-\s+|(?P<d>\d{1,3})\)\s+)(?P<text>\S.*)$")
        .expect("note pattern is valid")
});

static NOTES_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(notes|endnotes|footnotes|references|sources|примечания|сноски|источники|anmerkungen|fußnoten|notas|referencias)\s*:?$")
        .expect("heading pattern is valid")
});

/// The `[n]` markers in `text`: each number with its byte range.
pub fn markers(text: &str) -> impl Iterator<Item = (u32, std::ops::Range<usize>)> + '_ {
    MARKER.captures_iter(text).filter_map(|c| {
        let whole = c.get(0)?;
        Some((c[1].parse().ok()?, whole.range()))
    })
}

/// Moves end notes out of the text: `(number, text, line)` in line order.
///
/// A note line counts when its number has a marker above it, or when the
/// notes after the last marker run 1, 2, 3 … (notes whose markers were lost).
pub(super) fn take_end_notes(lines: &mut [Line]) -> Vec<(u32, String, usize)> {
    let mut marked = BTreeSet::new();
    let mut last_marker_line = None;
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.is_kept()) {
        for (n, range) in markers(&line.text) {
            // A "[1]" that opens a line is a note, not a marker.
            if range.start > 0 {
                marked.insert(n);
                last_marker_line = Some(i);
            }
        }
    }
    let search_from = last_marker_line.map_or(0, |i| i + 1);
    let mut notes = Vec::new();
    let mut expected = 1;
    for line in lines.iter_mut().skip(search_from).filter(|l| l.is_kept()) {
        let Some(caps) = NOTE.captures(&line.text) else {
            continue;
        };
        let number: u32 = ["a", "b", "c", "d"]
            .iter()
            .find_map(|g| caps.name(g))
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0);
        if marked.contains(&number) || number == expected {
            let text = caps["text"].to_string();
            notes.push((number, text, line.no));
            line.state = State::Note;
            expected = number + 1;
        }
    }
    // Without markers, a lone "1 – ..." line is more likely a list item than a note.
    if marked.is_empty() && notes.len() < 2 {
        for (_, _, no) in &notes {
            if let Some(line) = lines.iter_mut().find(|l| l.no == *no) {
                line.state = State::Kept;
            }
        }
        notes.clear();
    }
    if let Some(&(_, _, first_note)) = notes.first() {
        // A "Notes" heading just above the first note goes with them.
        if let Some(heading) = lines
            .iter_mut()
            .rev()
            .filter(|l| l.no < first_note && l.is_kept())
            .take(1)
            .find(|l| NOTES_HEADING.is_match(&l.text))
        {
            heading.remove("notes-heading");
        }
    }
    notes
}

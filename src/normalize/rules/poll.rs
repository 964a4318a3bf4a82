//! Polls: a header line, then questions, answers and their vote counts.

use super::{Pattern, phrase_key, regex};

static POLL_HEADER: Pattern = Pattern::new(|| {
    regex(
        r"^(poll|polls|poll conducted|opinion poll|quick poll|vote|survey|опрос|голосование|sondage|umfrage|encuesta|votación)( results)?$",
    )
});

static VOTE_COUNT: Pattern = Pattern::new(|| {
    regex(r"^\d+([.,]\d+)?\s*%?\s*(\(\s*\d+([.,]\d+)?\s*%\s*\))?$|^\(\s*\d+([.,]\d+)?\s*%\s*\)$")
});

static POLL_BUTTON: Pattern = Pattern::new(|| {
    regex(
        r"^(vote|results|view results|show results|голосовать|результаты|voter|résultats|abstimmen|ergebnisse|votar|resultados)$",
    )
});

/// When `lines[0]` opens a poll, how many lines (from 0, blank lines
/// included) the poll takes; `None` when it does not open one.
///
/// After the header a poll is questions (ending in "?"), answers (each
/// followed by its vote count), counts and buttons; the first other line ends it.
pub fn poll_block_len(lines: &[&str]) -> Option<usize> {
    // Every line of an article is asked this; a header has at most three
    // words, which is checked without building the line's phrase key.
    let first = lines.first()?;
    if key_words_exceed(first, 3) || !POLL_HEADER.is_match(&phrase_key(first)) {
        return None;
    }
    let is_count = |s: &str| VOTE_COUNT.is_match(s.trim());
    let mut end = 1;
    let mut i = 1;
    while i < lines.len() {
        let line = lines[i].trim();
        let next = lines.get(i + 1).map(|s| s.trim()).unwrap_or("");
        let part_of_poll = line.is_empty()
            || is_count(line)
            || POLL_BUTTON.is_match(&phrase_key(line))
            || line.ends_with('?') && line.split_whitespace().count() <= 30
            || is_count(next) && line.split_whitespace().count() <= 30;
        if !part_of_poll {
            break;
        }
        i += 1;
        if !line.is_empty() {
            end = i;
        }
    }
    Some(end)
}

/// Whether `phrase_key(text)` would have more than `n` words: its words
/// are the runs of letters and digits in `text`.
fn key_words_exceed(text: &str, n: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if word_char && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = word_char;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // The word count of a phrase key is read off the text itself.
    #[test]
    fn counts_key_words_without_the_key() {
        for text in [
            "",
            "Poll",
            "Poll results:",
            "(votes: 2, rating: 5)",
            "Don't — vote!",
            "Опрос  дня",
        ] {
            for n in 0..5 {
                let words = phrase_key(text)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .count();
                assert_eq!(key_words_exceed(text, n), words > n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn strips_poll_and_answers() {
        let lines = [
            "Poll conducted",
            "",
            "1. In your opinion, what are the goals?",
            "Partnership on conditions",
            "33 (31%)",
            "Deterrence",
            "30 (28%)",
            "For business",
        ];
        assert_eq!(poll_block_len(&lines), Some(7));
    }

    #[test]
    fn keeps_sentence_about_a_poll() {
        assert_eq!(
            poll_block_len(&["A poll conducted in May showed 60% support."]),
            None
        );
    }
}

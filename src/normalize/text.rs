//! Small text measures shared by the normalize rules: whitespace folding,
//! word counts, and the "does this read like a sentence" tests that position
//! and shape rules lean on.

/// Folds every run of whitespace (including no-break and zero-width spaces)
/// to one space and trims the ends.
pub fn fold_whitespace(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if c.is_whitespace() || is_invisible(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Characters that render as nothing or as a space but are not `char::is_whitespace`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Words: runs of letters or digits (apostrophes and hyphens inside a word keep it whole).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
}

/// How many words `text` has.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// Closing quotes and brackets that may follow a sentence's final mark.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '›'];

/// Whether `text` ends the way a sentence ends (`.`, `!`, `?`, `…`), allowing
/// closing quotes after the mark.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', '…'])
}

/// Whether `text` ends with punctuation that continues a sentence (`,`, `:`, `;`).
pub fn ends_open(text: &str) -> bool {
    text.trim_end().ends_with([',', ':', ';'])
}

/// Whether `text` reads like running prose: long enough, and built of
/// sentences. Furniture is short or has no sentence punctuation.
pub fn is_prose(text: &str) -> bool {
    let n = word_count(text);
    n >= 12 && (ends_sentence(text) || has_inner_sentence_break(text)) || n >= 40
}

/// A sentence break inside the text: ". " followed by a capital.
fn has_inner_sentence_break(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && w[2].is_uppercase())
}

/// Whether the first letter-or-digit of `text` is uppercase or a digit, after
/// any opening quote.
pub fn starts_upper(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Lowercased words, for comparing text regardless of typography.
pub fn word_keys(text: &str) -> Vec<String> {
    words(text)
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_nbsp_and_zero_width() {
        assert_eq!(
            fold_whitespace("\u{a0} a\u{a0}\u{a0}b\u{200b} c  "),
            "a b c"
        );
        assert_eq!(fold_whitespace("\u{a0}"), "");
    }

    #[test]
    fn tells_prose_from_furniture() {
        assert!(is_prose(
            "Russo-Japanese relations are clearly on hold. Prime Minister Noda's visit was canceled."
        ));
        assert!(!is_prose("Share this article"));
        assert!(!is_prose("Building a dialogue in politics and security"));
        assert!(ends_sentence("a new “economic miracle.”"));
    }

    #[test]
    fn counts_words_with_apostrophes() {
        assert_eq!(word_count("Japan’s well-known “cross years” (2018)"), 5);
    }
}

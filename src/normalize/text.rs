//! Small text measures shared by the normalize rules: whitespace folding,
//! word counts, and the "does this read like a sentence" tests that position
//! and shape rules lean on.

/// Folds every run of whitespace (including no-break and zero-width spaces)
/// to one space and trims the ends.
pub fn fold_whitespace(line: &str) -> String {
    // Every line of every article passes here, and most are folded already:
    // those are copied whole.
    if is_folded(line) {
        return line.to_owned();
    }
    // Otherwise whole runs of visible characters are copied, rather than
    // one character at a time.
    let mut out = String::with_capacity(line.len());
    let mut run_start = None;
    let push_run = |out: &mut String, run: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(run);
    };
    for (i, c) in line.char_indices() {
        if c.is_whitespace() || is_invisible(c) {
            if let Some(start) = run_start.take() {
                push_run(&mut out, &line[start..i]);
            }
        } else if run_start.is_none() {
            run_start = Some(i);
        }
    }
    if let Some(start) = run_start {
        push_run(&mut out, &line[start..]);
    }
    out
}

/// Whether folding would leave `line` as it is: no whitespace but single
/// ASCII spaces between visible characters, and no invisible character.
fn is_folded(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b == b' ' {
                if after_space {
                    return false;
                }
                after_space = true;
            } else if char::from(b).is_whitespace() {
                return false;
            } else {
                after_space = false;
            }
            i += 1;
            continue;
        }
        // `i` is on a character boundary: only whole characters are skipped.
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() || is_invisible(c) {
            return false;
        }
        after_space = false;
        i += c.len_utf8();
    }
    true
}

/// Whether `line` folds to nothing: it has no visible character.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Characters that render as nothing or as a space but are not `char::is_whitespace`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Words: runs of letters or digits (apostrophes and hyphens inside a word keep it whole).
pub fn words(text: &str) -> Words<'_> {
    Words { rest: text }
}

/// The words of a text, in order (see [`words`]): each is a run of letters,
/// digits, apostrophes and hyphens, without the apostrophes and hyphens at
/// its ends. Scanned byte by byte for ASCII, which most text is.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest;
        let bytes = text.as_bytes();
        // A word starts at a letter or digit: apostrophes and hyphens before
        // it are trimmed, like everything between words.
        let mut i = 0;
        let start = loop {
            let Some(&b) = bytes.get(i) else {
                self.rest = "";
                return None;
            };
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
                continue;
            }
            // `i` is on a character boundary: only whole characters are skipped.
            let c = char_at(text, i);
            if c.is_alphanumeric() {
                break i;
            }
            i += c.len_utf8();
        };
        // It runs on through letters, digits, apostrophes and hyphens, and
        // ends after its last letter or digit.
        let (mut end, mut j) = (start, start);
        while let Some(&b) = bytes.get(j) {
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    j += 1;
                    end = j;
                } else if b == b'\'' || b == b'-' {
                    j += 1;
                } else {
                    break;
                }
                continue;
            }
            let c = char_at(text, j);
            if c.is_alphanumeric() {
                j += c.len_utf8();
                end = j;
            } else if c == '’' {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        self.rest = &text[j..];
        Some(&text[start..end])
    }
}

/// The character that starts at byte `i` of `text` (a character boundary
/// before its end).
fn char_at(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// How many words `text` has: the same count as `words(text).count()`,
/// in one pass and without splitting (it is asked of every line and run).
pub fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// Whether `text` has at most `n` words; reads no further than word `n + 1`.
pub fn words_at_most(text: &str, n: usize) -> bool {
    word_count_up_to(text, n + 1) <= n
}

/// Whether `text` has at least `n` words; reads no further than word `n`.
pub fn words_at_least(text: &str, n: usize) -> bool {
    word_count_up_to(text, n) >= n
}

/// [`word_count`], but stopping once `limit` words are seen: the count, or
/// `limit` when there are at least that many. Enough to tell a short line
/// from a paragraph without reading the whole paragraph.
pub fn word_count_up_to(text: &str, limit: usize) -> usize {
    // A word is a run of letters, digits, apostrophes and hyphens that holds
    // at least one letter or digit. ASCII bytes are classed directly; other
    // characters are decoded.
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if count >= limit {
            return limit;
        }
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                count += usize::from(!counted);
                counted = true;
            } else if b != b'\'' && b != b'-' {
                counted = false;
            }
            i += 1;
            continue;
        }
        // `i` is on a character boundary: only whole characters are skipped.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            count += usize::from(!counted);
            counted = true;
        } else if c != '’' {
            counted = false;
        }
        i += c.len_utf8();
    }
    count.min(limit)
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
    // Past 40 words the count decides nothing more.
    let n = word_count_up_to(text, 40);
    n >= 12 && (ends_sentence(text) || has_inner_sentence_break(text)) || n >= 40
}

/// A sentence break inside the text: ". " followed by a capital.
fn has_inner_sentence_break(text: &str) -> bool {
    let mut before = ['\0', '\0'];
    for c in text.chars() {
        if matches!(before[0], '.' | '!' | '?') && before[1] == ' ' && c.is_uppercase() {
            return true;
        }
        before = [before[1], c];
    }
    false
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

    // The one-pass count agrees with counting `words`, on the edge cases of
    // its definition: bare hyphens and apostrophes, scripts, digits.
    #[test]
    fn word_count_agrees_with_words() {
        for text in [
            "",
            " - ' ’ -- ",
            "-a- 'b' ’c’ d-e",
            "Москва–Токио: 2-й раунд ‘переговоров’",
            "x\u{a0}y\tz  ümlaut naïve 東京 ٣٤",
            "rock'n'roll — mid-1990s … U.S.-Japan",
        ] {
            assert_eq!(word_count(text), words(text).count(), "{text:?}");
            for limit in 0..8 {
                assert_eq!(
                    word_count_up_to(text, limit),
                    word_count(text).min(limit),
                    "{text:?} {limit}"
                );
                assert_eq!(words_at_most(text, limit), word_count(text) <= limit);
                assert_eq!(words_at_least(text, limit), word_count(text) >= limit);
            }
        }
    }

    // Runs of any whitespace or invisible characters become one space, at
    // the ends none; Cyrillic text is copied whole.
    #[test]
    fn folds_mixed_whitespace_runs() {
        assert_eq!(
            fold_whitespace("\t Главная\u{200b} \u{a0}страница\r"),
            "Главная страница"
        );
        assert_eq!(fold_whitespace("a\u{feff}\u{ad}b"), "a b");
        assert_eq!(fold_whitespace("already folded"), "already folded");
    }

    // Lines taken as already folded are exactly those folding leaves alone.
    #[test]
    fn folded_lines_are_recognised() {
        for line in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{b}b",
            "Главная страница",
            "Главная\u{a0}страница",
            "a\u{200b}b",
            "end\u{feff}",
            "x\u{1c}y",
        ] {
            let folded = fold_whitespace(line);
            assert_eq!(is_folded(line), folded == line, "{line:?}");
        }
    }

    // The word scanner gives the words of the plain definition: split at
    // anything but letters, digits, apostrophes and hyphens, trim those two
    // from each piece, drop empty pieces.
    #[test]
    fn words_match_plain_definition() {
        fn plain(text: &str) -> Vec<&str> {
            text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
                .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
                .filter(|w| !w.is_empty())
                .collect()
        }
        for text in [
            "",
            "-",
            "' - ’",
            "a",
            "-a- 'b' ’c’ d-e x'",
            "rock'n'roll a--b '--' 'y",
            "Москва–Токио: 2-й раунд ‘переговоров’",
            "x\u{a0}y\tz  ümlaut naïve 東京 ٣٤",
            "U.S.-Japan mid-1990s … end.",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), plain(text), "{text:?}");
        }
    }

    // A line is blank exactly when it folds to nothing.
    #[test]
    fn blank_means_folds_to_nothing() {
        for line in ["", " \t", "\u{a0}\u{200b}\u{feff}", "a", " x ", "\u{ad}-"] {
            assert_eq!(is_blank(line), fold_whitespace(line).is_empty(), "{line:?}");
        }
    }

    // A sentence break inside the text needs ". " and a capital right after.
    #[test]
    fn finds_inner_sentence_breaks() {
        assert!(has_inner_sentence_break("One. Two"));
        assert!(has_inner_sentence_break("Да! Нет"));
        assert!(!has_inner_sentence_break("One.Two"));
        assert!(!has_inner_sentence_break("one. two"));
        assert!(!has_inner_sentence_break(". "));
    }
}

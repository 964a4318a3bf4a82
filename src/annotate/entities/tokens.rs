//! A block's words and punctuation, with what the entity finder needs to
//! know of each word: its shape, whether capitalisation there says anything
//! (not at a sentence's start), and whether it carried a possessive "’s".
//! Also the keys names are grouped by: Cyrillic words by stem, so the case
//! forms of one name ("Путин", "Путина", "Путину") meet.

use super::lexicon;

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// First letter upper case, some lower case after: "Japan", "McDonald".
    Cap,
    /// Every letter upper case, two or more (or one with digits): "NATO", "G7", "U.S.".
    Upper,
    /// An initial with its period ("V.", "Д.", "В.В.").
    Initial,
    /// Starts lower case.
    Lower,
    /// Starts with a digit.
    Number,
}

/// One word or one punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A word of the given shape.
    Word(Shape),
    /// A punctuation character.
    Punct(char),
}

/// A token of a block.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'t> {
    /// The word as written, without a possessive ending; an abbreviation or
    /// initial keeps its period ("Mr.", "V.").
    pub text: &'t str,
    /// Word or punctuation.
    pub kind: Kind,
    /// Capitalisation here says nothing: the first word of a sentence, or
    /// after a colon or an abbreviation that may end one.
    pub sentence_start: bool,
    /// The word was written with a possessive "’s" (or "s’").
    pub possessive: bool,
}

impl Token<'_> {
    /// The word's shape, or `None` for punctuation.
    pub fn shape(&self) -> Option<Shape> {
        match self.kind {
            Kind::Word(shape) => Some(shape),
            Kind::Punct(_) => None,
        }
    }

    /// Is this the punctuation character `c`?
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Is this a word starting lower case?
    pub fn is_lower(&self) -> bool {
        self.shape() == Some(Shape::Lower)
    }
}

/// Is this a Cyrillic letter?
pub(super) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

/// Does this word start with a Cyrillic letter?
pub(super) fn is_cyrillic_word(word: &str) -> bool {
    word.chars().next().is_some_and(is_cyrillic)
}

/// Russian case endings, longest first (see [`ru_stem`]).
const RU_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ою", "ею", "ом", "ем",
    "ым", "им", "ах", "ях", "ую", "юю", "ая", "яя", "ый", "ий", "ое", "ее", "а", "я", "у", "ю",
    "е", "ы", "и", "о", "й", "ь",
];

/// A Russian word without its case ending, so that "Путин", "Путина",
/// "Путиным" and "Россия", "России", "Россией" each share one stem. Crude
/// on purpose: one ending, then trailing vowels, never below three letters;
/// it only has to make the forms of one name meet. Words with no lower-case
/// Cyrillic letter (acronyms, other scripts) come back unchanged.
pub(super) fn ru_stem(word: &str) -> String {
    if !word.chars().any(|c| is_cyrillic(c) && c.is_lowercase()) {
        return word.to_string();
    }
    let mut chars: Vec<char> = word.chars().collect();
    for ending in RU_ENDINGS {
        let len = ending.chars().count();
        if chars.len() >= len + 3
            && chars[chars.len() - len..]
                .iter()
                .copied()
                .eq(ending.chars())
        {
            chars.truncate(chars.len() - len);
            break;
        }
    }
    while chars.len() > 3 && chars.last().is_some_and(|c| "аяуюеёыиоьй".contains(*c)) {
        chars.pop();
    }
    chars.into_iter().collect()
}

/// The key a word is grouped by: the stem for Russian, the word otherwise.
pub(super) fn word_key(word: &str) -> String {
    if is_cyrillic_word(word) {
        ru_stem(word)
    } else {
        word.to_string()
    }
}

/// The key of a phrase: its words' keys, one space apart.
pub(super) fn phrase_key(phrase: &str) -> String {
    let mut key = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word_key(word));
    }
    key
}

/// Dotted acronyms that are acronyms, not initials ("U.S." but "J.R.").
const DOTTED_ACRONYMS: &[&str] = &[
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.S.S.R.", "U.A.E.", "D.C.",
];

/// Splits a block into tokens. Linear in the text; never slices inside a
/// character.
pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let alnum = |i: usize| ch(i).is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut at_start = true;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                at_start = true;
            }
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                text: &text[at(i)..at(i + 1)],
                kind: Kind::Punct(c),
                sentence_start: at_start,
                possessive: false,
            });
            if matches!(c, '.' | '!' | '?' | '…' | ':') {
                at_start = true;
            }
            i += 1;
            continue;
        }
        // Dotted capitals: "U.S." (an acronym) or "В.В." (initials).
        let mut j = i;
        while ch(j).is_some_and(char::is_uppercase) && ch(j + 1) == Some('.') {
            j += 2;
        }
        if j - i >= 4 && !alnum(j) {
            let word = &text[at(i)..at(j)];
            let acronym = DOTTED_ACRONYMS.contains(&word);
            out.push(Token {
                text: word,
                kind: Kind::Word(if acronym {
                    Shape::Upper
                } else {
                    Shape::Initial
                }),
                sentence_start: at_start,
                possessive: false,
            });
            // An acronym's period may also end the sentence.
            at_start = acronym;
            i = j;
            continue;
        }
        // A word: letters and digits, joined by inner hyphens and apostrophes.
        let mut j = i;
        loop {
            while alnum(j) {
                j += 1;
            }
            match ch(j) {
                Some('-' | '‐' | '‑') if alnum(j + 1) => j += 1,
                Some('\'' | '’') if ch(j + 1).is_some_and(char::is_alphabetic) => {
                    if ch(j + 1) == Some('s') && !alnum(j + 2) {
                        break;
                    }
                    j += 1;
                }
                _ => break,
            }
        }
        let word = &text[at(i)..at(j)];
        let mut next = j;
        let mut possessive = false;
        if matches!(ch(j), Some('\'' | '’')) {
            if ch(j + 1) == Some('s') && !alnum(j + 2) {
                possessive = true;
                next = j + 2;
            } else if word.ends_with('s') && word.chars().next().is_some_and(char::is_uppercase) {
                // "Governors’": the apostrophe is the plural possessive.
                possessive = true;
                next = j + 1;
            }
        }
        let mut shape = shape_of(word);
        let mut end = j;
        let mut starts_next = false;
        if !possessive && ch(j) == Some('.') {
            let single_capital = word.chars().count() == 1 && shape == Shape::Upper
                || word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if single_capital {
                shape = Shape::Initial;
                end = j + 1;
                next = j + 1;
            } else if let Some(may_end) = lexicon::abbreviation(word) {
                end = j + 1;
                next = j + 1;
                starts_next = may_end;
            }
        }
        out.push(Token {
            text: &text[at(i)..at(end)],
            kind: Kind::Word(shape),
            sentence_start: at_start,
            possessive,
        });
        at_start = starts_next;
        i = next;
    }
    out
}

/// How a word (without a trailing period) is written.
fn shape_of(word: &str) -> Shape {
    let Some(first) = word.chars().next() else {
        return Shape::Lower;
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let lower = word.chars().any(char::is_lowercase);
    if !first.is_uppercase() {
        return Shape::Lower;
    }
    if !lower && (letters >= 2 || word.chars().any(|c| c.is_numeric())) {
        return Shape::Upper;
    }
    if !lower {
        // A lone capital letter without a period: "Plan B", "Vitamin C".
        return Shape::Cap;
    }
    Shape::Cap
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, Option<Shape>, bool, bool)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.text, t.shape(), t.sentence_start, t.possessive))
            .collect()
    }

    // Possessives are cut off and flagged; abbreviations and initials keep
    // their period without ending the sentence.
    #[test]
    fn possessives_abbreviations_initials() {
        let w = words("Mr. Abe’s visit. V. Putin met the U.S. envoy");
        assert_eq!(w[0], ("Mr.", Some(Shape::Cap), true, false));
        assert_eq!(w[1], ("Abe", Some(Shape::Cap), false, true));
        assert_eq!(w[3], (".", None, false, false));
        assert_eq!(w[4], ("V.", Some(Shape::Initial), true, false));
        assert_eq!(w[5], ("Putin", Some(Shape::Cap), false, false));
        assert_eq!(w[8], ("U.S.", Some(Shape::Upper), false, false));
        // The word after "U.S." may start a sentence, so it is not trusted.
        assert!(w[9].2);
    }

    // Cyrillic initials, hyphenated words and multibyte text never split a
    // character.
    #[test]
    fn cyrillic_and_hyphens() {
        let w = words("Д. В. Стрельцов и В.В. Путин; Russia-Japan «Газпрома»");
        assert_eq!(w[0].0, "Д.");
        assert_eq!(w[0].1, Some(Shape::Initial));
        assert_eq!(w[1].0, "В.");
        assert_eq!(w[2].0, "Стрельцов");
        assert!(!w[2].2);
        assert_eq!(w[4], ("В.В.", Some(Shape::Initial), false, false));
        assert_eq!(w[7].0, "Russia-Japan");
        assert_eq!(w[9].0, "Газпрома");
    }

    // One stem for the case forms of a name; short words stay whole.
    #[test]
    fn russian_stems_meet() {
        for (a, b) in [
            ("Путин", "Путина"),
            ("Путину", "Путиным"),
            ("Россия", "России"),
            ("Россией", "Россию"),
            ("Сергей", "Сергея"),
            ("Лавров", "Лаврова"),
            ("Киреева", "Киреевой"),
        ] {
            assert_eq!(ru_stem(a), ru_stem(b), "{a} / {b}");
        }
        assert_ne!(ru_stem("Иран"), ru_stem("Ирак"));
        assert_eq!(ru_stem("Рим"), "Рим");
        assert_eq!(ru_stem("МИД"), "МИД");
        assert_eq!(ru_stem("Japan"), "Japan");
    }
}

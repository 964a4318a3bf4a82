//! The language of a text, from its script and its commonest words.

use crate::normalize::text::words;

/// Function words that mark a Latin-script language.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "with", "was",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "pour", "dans", "que",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "zu",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "que", "del", "una", "por", "con", "para",
        ],
    ),
];

/// A BCP 47 tag for `text`, or `None` when it is too short or unclear.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // Every article's whole body passes here: ASCII letters are counted
    // without the Unicode tables.
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        match c {
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            '\u{00c0}'..='\u{024f}' => latin += 1,
            _ => {}
        }
    }
    if cyrillic + latin < 20 {
        return None;
    }
    if cyrillic > latin {
        // Ukrainian-only letters tell it from Russian.
        let ukrainian = text
            .chars()
            .filter(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ'))
            .count();
        return Some(if ukrainian * 50 > cyrillic {
            "uk"
        } else {
            "ru"
        });
    }
    // The stop words are lowercase ASCII without a 'k' (the one ASCII letter
    // a non-ASCII capital, the Kelvin sign, lowercases to), so only a short
    // ASCII word can lowercase to one, and its ASCII lowercase is its
    // lowercase: no lowercased copy of every word is needed.
    let longest = STOPWORDS
        .iter()
        .flat_map(|(_, stops)| stops.iter().map(|s| s.len()))
        .max()
        .unwrap_or(0);
    let mut hits = [0usize; STOPWORDS.len()];
    let mut sampled = 0;
    for word in words(text).take(2000) {
        sampled += 1;
        if word.len() > longest || !word.is_ascii() {
            continue;
        }
        let mut buf = [0u8; 16];
        let lower = match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                std::borrow::Cow::Borrowed(&*lower)
            }
            None => std::borrow::Cow::Owned(word.to_ascii_lowercase().into_bytes()),
        };
        for (hit, (_, stops)) in hits.iter_mut().zip(STOPWORDS) {
            *hit += usize::from(stops.iter().any(|s| s.as_bytes() == &*lower));
        }
    }
    STOPWORDS
        .iter()
        .zip(hits)
        .map(|((lang, _), hits)| (lang, hits))
        .max_by_key(|(_, hits)| *hits)
        .filter(|(_, hits)| *hits * 25 >= sampled.min(400))
        .map(|(lang, _)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    // What the case-insensitive comparison relies on.
    #[test]
    fn stopwords_are_plain_lowercase_ascii() {
        for (_, stops) in STOPWORDS {
            for s in *stops {
                assert!(
                    s.bytes().all(|b| b.is_ascii_lowercase() && b != b'k'),
                    "{s}"
                );
            }
        }
        // Capitals count like the lowercase word.
        assert_eq!(
            detect_language(
                "THE CAT AND THE DOG OF THE HOUSE WAS IN THE GARDEN WITH THE OWNER TO THE END"
            ),
            Some("en")
        );
    }

    #[test]
    fn detects_scripts_and_languages() {
        assert_eq!(
            detect_language(
                "Japan joined the sanctions policy initiated by the West against Russia from day one."
            ),
            Some("en")
        );
        assert_eq!(
            detect_language(
                "Япония присоединилась к санкционной политике Запада против России с первого дня."
            ),
            Some("ru")
        );
        assert_eq!(
            detect_language(
                "Le Japon a rejoint la politique des sanctions et la position est une surprise pour les experts."
            ),
            Some("fr")
        );
        assert_eq!(detect_language("short"), None);
    }
}

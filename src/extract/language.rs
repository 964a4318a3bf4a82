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
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match c {
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            c if c.is_ascii_alphabetic() || ('\u{00c0}'..='\u{024f}').contains(&c) => latin += 1,
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
    let lower: Vec<String> = words(text).take(2000).map(str::to_lowercase).collect();
    STOPWORDS
        .iter()
        .map(|(lang, stops)| {
            (
                lang,
                lower.iter().filter(|w| stops.contains(&w.as_str())).count(),
            )
        })
        .max_by_key(|(_, hits)| *hits)
        .filter(|(_, hits)| *hits * 25 >= lower.len().min(400))
        .map(|(lang, _)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;

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

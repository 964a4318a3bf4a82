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
    // Every article's whole body passes here: ASCII bytes are counted
    // directly, and only other characters are decoded.
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            latin += usize::from(bytes[i].is_ascii_alphabetic());
            i += 1;
            continue;
        }
        // `i` is on a character boundary: only whole characters are skipped.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
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
    // Words of up to eight bytes compare as one number each.
    let pack = |word: &[u8]| {
        let mut packed = [0u8; 8];
        packed[..word.len()].copy_from_slice(word);
        packed.make_ascii_lowercase();
        u64::from_le_bytes(packed)
    };
    let stops: Vec<Vec<u64>> = STOPWORDS
        .iter()
        .map(|(_, stops)| stops.iter().map(|s| pack(s.as_bytes())).collect())
        .collect();
    let mut hits = [0usize; STOPWORDS.len()];
    let mut sampled = 0;
    for word in words(text).take(2000) {
        sampled += 1;
        // Stop words are shorter than eight bytes and ASCII.
        if word.len() >= 8 || !word.is_ascii() {
            continue;
        }
        let word = pack(word.as_bytes());
        for (hit, stops) in hits.iter_mut().zip(&stops) {
            *hit += usize::from(stops.contains(&word));
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

    // What the comparison relies on: short lowercase ASCII stop words
    // without a 'k', each packed into a number with the rest of it zero.
    #[test]
    fn stopwords_are_plain_lowercase_ascii() {
        for (_, stops) in STOPWORDS {
            for s in *stops {
                assert!(
                    s.bytes().all(|b| b.is_ascii_lowercase() && b != b'k'),
                    "{s}"
                );
                assert!(s.len() < 8, "{s}");
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

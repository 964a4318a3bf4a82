//! The language of a text, from its script and its commonest words.

use std::sync::LazyLock;

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

/// The stop words as numbers (see [`pack`]), sorted, each with the set of
/// languages (bit `i` for `STOPWORDS[i]`) it is a stop word of: a word is
/// looked up once rather than compared with every list.
struct StopTable {
    words: Vec<(u64, u8)>,
    /// The length of the longest stop word, in bytes.
    longest: usize,
}

static STOP_TABLE: LazyLock<StopTable> = LazyLock::new(|| {
    let mut words: Vec<(u64, u8)> = Vec::new();
    for (lang, (_, stops)) in STOPWORDS.iter().enumerate() {
        for stop in *stops {
            words.push((pack(stop.as_bytes()), 1 << lang));
        }
    }
    words.sort_unstable();
    // A word in several lists (French and Spanish "que") is one entry.
    words.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
        }
        same
    });
    let longest = STOPWORDS
        .iter()
        .flat_map(|(_, stops)| stops.iter().map(|s| s.len()))
        .max()
        .unwrap_or(0);
    StopTable { words, longest }
});

/// An ASCII word of up to eight bytes as one number, lowercased. The stop
/// words are lowercase ASCII without a 'k' (the one ASCII letter a
/// non-ASCII capital, the Kelvin sign, lowercases to), so only a short
/// ASCII word can lowercase to one, and its ASCII lowercase is its
/// lowercase: no lowercased copy of every word is needed.
fn pack(word: &[u8]) -> u64 {
    let mut packed = [0u8; 8];
    packed[..word.len()].copy_from_slice(word);
    packed.make_ascii_lowercase();
    u64::from_le_bytes(packed)
}

/// A BCP 47 tag for `text`, or `None` when it is too short or unclear.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // Every article's whole body passes here: ASCII bytes are counted
    // directly, and only other characters are decoded.
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII bytes, its letters counted in one pass the
        // compiler vectorizes.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        latin += bytes[i..i + run]
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .count();
        i += run;
        if i == bytes.len() {
            break;
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
    let stops = &*STOP_TABLE;
    let mut hits = [0usize; STOPWORDS.len()];
    let mut sampled = 0;
    for word in words(text).take(2000) {
        sampled += 1;
        // Stop words are short and ASCII.
        if word.len() > stops.longest || !word.is_ascii() {
            continue;
        }
        if let Ok(at) = stops
            .words
            .binary_search_by_key(&pack(word.as_bytes()), |&(w, _)| w)
        {
            let languages = stops.words[at].1;
            for (lang, hit) in hits.iter_mut().enumerate() {
                *hit += usize::from(languages & (1 << lang) != 0);
            }
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
        assert!(STOPWORDS.len() <= 8, "one bit per language in a u8");
        // "que" is French and Spanish: a word counts for every list it is in.
        let que = STOP_TABLE
            .words
            .iter()
            .find(|(w, _)| *w == pack(b"que"))
            .map(|&(_, languages)| languages);
        assert_eq!(que, Some(0b1010));
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

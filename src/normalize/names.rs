//! People's names: what a byline looks like, where credentials begin, and
//! whether two spellings ("Dmitry Streltzov", "Streltsov Dmitry",
//! "Dmitry Viktorovich Streltsov") are the same person.

/// Capitalized words that open furniture or organisations, never a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "home",
    "menu",
    "share",
    "print",
    "email",
    "e-mail",
    "reply",
    "comments",
    "comment",
    "contact",
    "about",
    "search",
    "news",
    "login",
    "read",
    "more",
    "next",
    "previous",
    "prev",
    "editor",
    "review",
    "photo",
    "video",
    "subscribe",
    "follow",
    "related",
    "tags",
    "the",
    "this",
    "our",
    "institute",
    "university",
    "council",
    "center",
    "centre",
    "ministry",
    "department",
    "agency",
    "foundation",
    "forum",
    "club",
    "journal",
    "magazine",
    "press",
    "group",
    "all",
    "rights",
    "главная",
    "меню",
    "институт",
    "университет",
    "центр",
    "совет",
    "новости",
    "печать",
];

/// Words that open a line of credentials ("Ph.D. in Economics, Head of ...").
const CREDENTIAL_WORDS: &[&str] = &[
    "phd",
    "ph.d",
    "ph.d.",
    "dr",
    "dr.",
    "doctor",
    "professor",
    "prof",
    "prof.",
    "associate",
    "assistant",
    "head",
    "director",
    "deputy",
    "senior",
    "junior",
    "research",
    "researcher",
    "fellow",
    "expert",
    "candidate",
    "chair",
    "chairman",
    "editor",
    "analyst",
    "lecturer",
    "dean",
    "ambassador",
    "president",
    "vice",
    "member",
    "journalist",
    "correspondent",
    "columnist",
    "founder",
    "chief",
    "programme",
    "program",
    "visiting",
    "adjunct",
    "former",
    "md",
    "ma",
    "m.a.",
    "msc",
    "mba",
    "leading",
    "principal",
    "кандидат",
    "доктор",
    "профессор",
    "заведующий",
    "заведующая",
    "директор",
    "руководитель",
    "научный",
    "старший",
    "ведущий",
    "главный",
    "эксперт",
    "доцент",
    "docteur",
    "professeur",
    "chercheur",
    "chercheuse",
    "directeur",
    "directrice",
    "doktor",
    "direktor",
    "leiter",
    "leiterin",
    "investigador",
    "investigadora",
    "profesor",
    "profesora",
];

/// Particles that may stand lowercase inside a name.
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "du", "da", "di", "la", "le", "bin", "al", "ibn",
];

/// Whether `token` can be part of a person's name: a capitalized word
/// (hyphens and apostrophes allowed), an initial such as "A." or "J.R.", or a particle.
fn is_name_token(token: &str) -> bool {
    let letters: Vec<char> = token.chars().collect();
    if letters.is_empty() {
        return false;
    }
    let is_initial = token.len() <= 5
        && token.ends_with('.')
        && token.split('.').filter(|p| !p.is_empty()).all(|p| {
            let mut cs = p.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
        });
    if is_initial {
        return true;
    }
    if NAME_PARTICLES.contains(&token) {
        return true;
    }
    // "Turkey's Drone Diplomacy": a possessive makes a headline, not a name.
    if token.ends_with("'s") || token.ends_with("’s") {
        return false;
    }
    let first = letters[0];
    let rest_ok = letters[1..]
        .iter()
        .all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’') || c.is_uppercase());
    // "McDonald", "O'Neil", "Jean-Pierre" pass; "РАН", "USA" (all capitals) do not.
    let has_lower = letters.iter().any(|c| c.is_lowercase());
    first.is_uppercase()
        && rest_ok
        && has_lower
        && letters
            .iter()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
}

/// A byline label and what follows it: "By X", "Autoren: X und Y", "Par X".
pub static BY_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:by|written by|author(?:'s name|s)?|author name|автор(?:ы| статьи)?|текст|par|auteurs?|von|autor(?:in|en|innen)?|verfasser|por|autora|autores|a cura (?:di|della|del|dello)|autore|autrice|autori|беседовал[аи]?|интервью (?:записал[аи]?|взял[аи]?)|interview(?:ed)? by)\b\s*:?\s*(?P<names>.*)$",
    )
    .expect("byline pattern is valid")
});

/// Whether `text` is a byline: a label with names (or alone), or a list of names.
pub fn is_byline(text: &str) -> bool {
    name_list(text).is_some()
        || BY_LABEL
            .captures(text)
            .is_some_and(|c| c["names"].is_empty() || name_list(&c["names"]).is_some())
}

/// Courtesy and academic titles written in front of a name.
const HONORIFICS: &[&str] = &[
    "dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame",
];

/// `name` without a leading "Dr.", "Prof." and the like.
pub fn strip_honorifics(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some((first, tail)) = rest.split_once(' ') {
        if HONORIFICS.contains(&first.to_lowercase().as_str()) {
            rest = tail.trim_start();
        } else {
            break;
        }
    }
    rest
}

/// Degrees and suffixes written after a name.
const DEGREES: &[&str] = &[
    "phd", "ph.d", "dphil", "md", "mba", "ma", "msc", "jr", "sr", "ii", "iii", "prof", "dr",
];

/// The names in a byline's list, "X, Y and Z", without honorifics; `None`
/// unless every part is a name.
pub fn name_list(list: &str) -> Option<Vec<String>> {
    static SEPARATORS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\s*(?:,|;|&|\band\b|\bи\b|\bet\b|\bund\b|\by\b|\be\b)\s*")
            .expect("separator pattern is valid")
    });
    let names: Vec<String> = SEPARATORS
        .split(list.trim().trim_end_matches('.'))
        .map(|s| strip_honorifics(s).to_string())
        // "Selin Aydın, PhD": a degree after a comma belongs to the name before it.
        .filter(|s| !s.is_empty() && !DEGREES.contains(&s.to_lowercase().trim_end_matches('.')))
        .collect();
    (!names.is_empty() && names.iter().all(|n| is_name(n))).then_some(names)
}

/// Whether `text` is a person's name and nothing else: 2 to 4 name tokens.
pub fn is_name(text: &str) -> bool {
    // Six tokens are enough to know there are too many (a paragraph is
    // asked too, and need not be split whole).
    let tokens: Vec<&str> = text.split_whitespace().take(6).collect();
    (2..=5).contains(&tokens.len())
        && text.chars().count() <= 60
        && tokens.iter().all(|t| is_name_token(t))
        && tokens
            .iter()
            .filter(|t| !NAME_PARTICLES.contains(t))
            .count()
            >= 2
        && !tokens
            .iter()
            .any(|t| NOT_NAME_WORDS.contains(&t.to_lowercase().as_str()))
}

/// Whether a word opens a line of credentials.
pub fn is_credential_word(word: &str) -> bool {
    let w = word.trim_end_matches(',').to_lowercase();
    // German compounds carry the post at the end: "Programmleiterin", "Europareferent".
    const POST_ENDINGS: &[&str] = &[
        "leiter",
        "leiterin",
        "referent",
        "referentin",
        "direktor",
        "direktorin",
        "forscher",
        "forscherin",
        "experte",
        "expertin",
        "professorin",
    ];
    CREDENTIAL_WORDS.contains(&w.as_str())
        || w.len() > 8 && POST_ENDINGS.iter().any(|e| w.ends_with(e))
}

/// Whether `text` reads like an author's credentials: it opens with a
/// credential word, or names a post held at an institution.
pub fn is_credentials(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    if is_credential_word(first) {
        return true;
    }
    // "Programmleiterin Südosteuropa", "Senior Fellow, Centre for ...": a post word early on.
    if text.split_whitespace().take(3).any(is_credential_word) && !super::text::ends_sentence(text)
    {
        return true;
    }
    let lower = text.to_lowercase();
    let posts = [
        "professor",
        "researcher",
        "fellow",
        "director",
        "head of",
        "expert",
        "lecturer",
        "analyst",
    ];
    let places = [
        "university",
        "institute",
        "department",
        "academy",
        "center",
        "centre",
        "council",
        "school",
    ];
    posts.iter().any(|p| lower.contains(p)) && places.iter().any(|p| lower.contains(p))
}

/// Splits a name glued to its credentials ("Dmitry Streltsov Doctor of
/// History, Head of ...") into the name and the credentials.
pub fn split_name_and_credentials(text: &str) -> Option<(String, String)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for n in 2..=4.min(tokens.len().saturating_sub(1)) {
        let name = tokens[..n].join(" ");
        if is_name(&name) && is_credential_word(tokens[n]) {
            return Some((name, tokens[n..].join(" ")));
        }
    }
    None
}

/// The lowercase letter-only parts of a name, without titles.
fn name_parts(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphabetic())
        .filter(|p| p.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|p| !matches!(p.as_str(), "dr" | "mr" | "mrs" | "ms" | "prof"))
        .collect()
}

/// Whether two parts of names are the same up to one transliteration slip
/// ("Streltsov" and "Streltzov").
fn parts_match(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 5 && b.chars().count() >= 5 && edit_distance(a, b) <= 1)
}

/// Whether `a` and `b` name the same person, in any order, allowing middle
/// names and one-letter transliteration differences.
pub fn same_person(a: &str, b: &str) -> bool {
    let (pa, pb) = (name_parts(a), name_parts(b));
    let (short, long) = if pa.len() <= pb.len() {
        (&pa, &pb)
    } else {
        (&pb, &pa)
    };
    if short.is_empty() {
        return false;
    }
    let hits = short
        .iter()
        .filter(|s| long.iter().any(|l| parts_match(s, l)))
        .count();
    hits == short.len() && (hits >= 2 || long.len() == 1)
}

/// When `text` opens with the name of one of `authors` (middle names
/// allowed), the byte length of that name.
pub fn leading_author_name(text: &str, authors: &[String]) -> Option<usize> {
    let mut tokens = Vec::new();
    let mut ends = Vec::new();
    // "Dr. Hans Müller is …": the honorific stands before the name.
    let mut offset = text.len() - strip_honorifics(text).len();
    for token in text[offset..].split_whitespace().take(5) {
        let start = offset + text[offset..].find(token)?;
        let bare = token.trim_end_matches([',', ':']);
        if !is_name_token(bare) {
            break;
        }
        tokens.push(bare);
        ends.push(start + bare.len());
        offset = start + token.len();
    }
    // The longest run that is one of the authors: middle names belong to the name.
    (2..=tokens.len())
        .rev()
        .find(|&n| {
            authors
                .iter()
                .any(|a| same_person(a, &tokens[..n].join(" ")))
        })
        .map(|n| ends[n - 1])
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_bylines() {
        assert!(is_name("Vitaly Shvydko"));
        assert!(is_name("Anna Kireeva"));
        assert!(is_name("J. R. Smith"));
        assert!(is_name("Ludwig van Beethoven"));
        assert!(!is_name("Share this article"));
        assert!(!is_name("Menu Content/Inhalt"));
        assert!(!is_name("Институт Дальнего Востока РАН"));
        assert!(!is_name("Leave a Reply"));
        assert!(!is_name("Editor Review"));
        assert!(!is_name("Moscow"));
    }

    #[test]
    fn reads_name_lists_with_honorifics() {
        assert_eq!(name_list("Dr. Hans Müller").unwrap(), ["Hans Müller"]);
        assert_eq!(
            name_list("Anna Kireeva, J. R. Smith and Ivan Petrov").unwrap(),
            ["Anna Kireeva", "J. R. Smith", "Ivan Petrov"]
        );
        assert!(name_list("Japan and Russia").is_none());
    }

    #[test]
    fn splits_glued_credentials() {
        let (name, cred) = split_name_and_credentials(
            "Dmitry Streltsov Doctor of History, Head of the Department",
        )
        .unwrap();
        assert_eq!(name, "Dmitry Streltsov");
        assert_eq!(cred, "Doctor of History, Head of the Department");
        assert!(split_name_and_credentials("Japan joined the sanctions policy").is_none());
    }

    #[test]
    fn matches_spelling_and_order_variants() {
        assert!(same_person("Dmitry Streltzov", "Streltsov Dmitry"));
        assert!(same_person(
            "Dmitry Streltzov",
            "Dmitry Viktorovich Streltsov"
        ));
        assert!(!same_person("Dmitry Streltsov", "Dmitry Medvedev"));
        assert!(!same_person("Anna", "Anna Kireeva"));
    }

    #[test]
    fn finds_author_at_paragraph_start() {
        let authors = vec!["Dmitry Streltzov".to_string()];
        let text = "Dmitry Viktorovich Streltsov is head of the Department.";
        let n = leading_author_name(text, &authors).unwrap();
        assert_eq!(&text[..n], "Dmitry Viktorovich Streltsov");
        assert_eq!(
            leading_author_name("Moscow understands that", &authors),
            None
        );
    }

    #[test]
    fn recognises_credentials() {
        assert!(is_credentials(
            "Ph.D. in Economics, Head of the Sector of Economics and Politics of Japan"
        ));
        assert!(is_credentials(
            "PhD in Political Science, Associate Professor, Department of Oriental Studies"
        ));
        assert!(!is_credentials(
            "Building a dialogue in politics and security"
        ));
    }
}

//! Citations of one article from its metadata: Chicago (notes and
//! bibliography, 17th ed.) and APA (7th ed.) as text and HTML, BibTeX and
//! CSL-JSON.
//!
//! Everything is built from [`CiteFacts`] alone: nothing is looked up, and a
//! missing fact leaves its element out rather than being guessed. Names are
//! split into family and given names by general rules (see `Name`):
//! byline order, initials, Russian patronymics, surnames in capitals, East
//! Asian scripts, and organisations, which are never inverted.

use serde::Serialize;
use serde_json::{Map, Value, json};

/// What a citation is made from.
#[derive(Debug, Clone, Copy, Default)]
pub struct CiteFacts<'a> {
    /// A key unique in the dossier (BibTeX key, CSL id), e.g. the slug.
    pub key: &'a str,
    /// The article's title.
    pub title: &'a str,
    /// Authors as written ("Shinzo Abe", "Д. В. Стрельцов").
    pub authors: &'a [String],
    /// Publication date, `YYYY-MM-DD`, or "".
    pub date: &'a str,
    /// Who first published it.
    pub source: &'a str,
    /// The site it was taken from.
    pub site: &'a str,
    /// Its address, or "".
    pub url: &'a str,
    /// BCP 47 language.
    pub language: &'a str,
}

/// A citation as plain text and as HTML (titles of containers in `<i>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Styled {
    /// Plain text.
    pub text: String,
    /// HTML, with every value escaped.
    pub html: String,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// BibTeX's month macros (biblatex maps them to numbers).
const MONTH_MACROS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Chicago bibliography entry for a newspaper, magazine or web article:
/// `Last, First, and First Last. "Title." Source, Month D, YYYY. URL.`
///
/// The first author is inverted, the others are not; 4 to 10 authors are
/// all listed, more than 10 give the first seven and "et al.". With no
/// author the entry opens with the title; with no date the date is left
/// out. The container is the source, else the site, in italics. Double
/// quotation marks inside the title become single ones, and a title ending
/// in "?" or "!" takes no period. The plain text carries no markup, so the
/// italics exist only in the HTML.
pub fn chicago(f: &CiteFacts<'_>) -> Styled {
    let names = names_of(f.authors);
    let mut out = Pieces::default();
    let authors = chicago_authors(&names);
    if !authors.is_empty() {
        out.text(&authors);
        out.text(if ends_with_stop(&authors) { " " } else { ". " });
    }
    let title = f.title.trim();
    if !title.is_empty() {
        out.text(&chicago_title(title));
        out.text(" ");
    }
    let container = container(f);
    let date = parse_date(f.date);
    if !container.is_empty() {
        out.italic(container);
        match &date {
            Some(d) => out.text(&format!(", {}. ", d.month_day_year())),
            None => out.text(if ends_with_stop(container) { " " } else { ". " }),
        }
    } else if let Some(d) = &date {
        out.text(&format!("{}. ", d.month_day_year()));
    }
    let url = f.url.trim();
    if !url.is_empty() {
        out.link(url);
        out.text(".");
    }
    out.finish()
}

/// APA reference-list entry:
/// `Last, F. M., & Last, F. (YYYY, Month D). Title. Source. URL`
///
/// Titles stay as written: APA asks for sentence case, but recasing would
/// need to know which words are proper nouns, and a wrong guess is worse
/// than the publisher's casing. Up to 20 authors are listed; more give the
/// first 19, an ellipsis and the last. With no author the title takes the
/// author's place; with no date the date is "(n.d.)". With a source (a
/// periodical) the source is italic; with only a site, the entry is an APA
/// web page: the title is italic and the site follows in roman, left out
/// when it is also the sole author.
pub fn apa(f: &CiteFacts<'_>) -> Styled {
    let names = names_of(f.authors);
    let mut out = Pieces::default();
    let title = f.title.trim();
    let source = f.source.trim();
    let site = f.site.trim();
    let is_periodical = !source.is_empty();
    let date = match parse_date(f.date) {
        Some(d) => format!("({}).", d.apa()),
        None => "(n.d.).".to_string(),
    };
    // The title as its own element: italic for a web page, roman in a periodical.
    let title_element = |out: &mut Pieces| {
        if title.is_empty() {
            return;
        }
        if is_periodical {
            out.text(title);
        } else {
            out.italic(title);
        }
        out.text(if ends_with_stop(title) { " " } else { ". " });
    };
    let authors = apa_authors(&names);
    if authors.is_empty() {
        title_element(&mut out);
        out.text(&date);
        out.text(" ");
    } else {
        out.text(&authors);
        out.text(if ends_with_stop(&authors) { " " } else { ". " });
        out.text(&date);
        out.text(" ");
        title_element(&mut out);
    }
    let site_is_sole_author = names.len() == 1 && same_words(&names[0].display(), site);
    if is_periodical {
        out.italic(source);
        out.text(if ends_with_stop(source) { " " } else { ". " });
    } else if !site.is_empty() && !site_is_sole_author {
        out.text(site);
        out.text(if ends_with_stop(site) { " " } else { ". " });
    }
    let url = f.url.trim();
    if !url.is_empty() {
        out.link(url);
    }
    out.finish()
}

/// One BibTeX entry (`@article` when there is a source, else `@online`).
///
/// Written for biblatex with biber, which reads UTF-8, so Unicode stays as
/// it is; BibTeX's special characters are escaped. The title is wrapped in
/// a second pair of braces so that no style recases it. Fields: `author`
/// ("Last, First" joined with " and "; organisations braced whole),
/// `title`, `journal` (source) or `organization` (site), `date`, `year`,
/// `month`, `url`, `langid`. The key is [`bibtex_key`] of the given key.
pub fn bibtex(f: &CiteFacts<'_>) -> String {
    let names = names_of(f.authors);
    let source = f.source.trim();
    let site = f.site.trim();
    let kind = if source.is_empty() {
        "online"
    } else {
        "article"
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !names.is_empty() {
        let authors: Vec<String> = names.iter().map(Name::bibtex).collect();
        fields.push(("author", format!("{{{}}}", authors.join(" and "))));
    }
    let title = f.title.trim();
    if !title.is_empty() {
        fields.push(("title", format!("{{{{{}}}}}", bibtex_escape(title))));
    }
    if !source.is_empty() {
        fields.push(("journal", format!("{{{}}}", bibtex_escape(source))));
    } else if !site.is_empty() {
        fields.push(("organization", format!("{{{}}}", bibtex_escape(site))));
    }
    if let Some(d) = parse_date(f.date) {
        fields.push(("date", format!("{{{}}}", d.iso())));
        fields.push(("year", format!("{{{}}}", d.year)));
        if let Some(m) = d.month {
            // A month macro, unbraced: both BibTeX and biblatex define them.
            fields.push(("month", MONTH_MACROS[m as usize - 1].to_string()));
        }
    }
    let url = f.url.trim();
    if !url.is_empty() {
        fields.push(("url", format!("{{{}}}", bibtex_url(url))));
    }
    if let Some(langid) = langid(f.language) {
        fields.push(("langid", format!("{{{langid}}}")));
    }
    let mut out = format!("@{kind}{{{},\n", bibtex_key(f.key));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push_str("}\n");
    out
}

/// A BibTeX file of `entries`, in the order given (the dossier's order),
/// one blank line between entries and a final newline; "" for none.
pub fn bibtex_file(entries: &[String]) -> String {
    let mut out = String::new();
    for entry in entries {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(entry);
        out.push('\n');
    }
    out
}

/// A valid BibTeX key made from `key`: ASCII letters, digits and `-_:`
/// kept, every other run of characters turned into one `-`. When anything
/// had to change, a short hash of the original is appended, so that two
/// keys that differ only in the characters dropped stay distinct.
pub fn bibtex_key(key: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':');
    let mut out = String::new();
    for c in key.trim().chars() {
        if allowed(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed == key && !key.is_empty() {
        return out;
    }
    let hash = fnv1a(key.as_bytes()) as u32;
    if trimmed.is_empty() {
        format!("item-{hash:08x}")
    } else {
        format!("{trimmed}-{hash:08x}")
    }
}

/// One CSL-JSON item, for Zotero, pandoc and other CSL processors.
///
/// `type` is "article-newspaper" when there is a source, else "webpage";
/// authors are `{family, given}` (with `suffix` and
/// `non-dropping-particle` when the name has them), or `{literal}` for
/// organisations and one-word names; `issued` has as many date parts as the
/// date gives. Empty facts are left out.
pub fn csl_json(f: &CiteFacts<'_>) -> Value {
    let names = names_of(f.authors);
    let source = f.source.trim();
    let mut item = Map::new();
    item.insert("id".into(), json!(f.key));
    let kind = if source.is_empty() {
        "webpage"
    } else {
        "article-newspaper"
    };
    item.insert("type".into(), json!(kind));
    let title = f.title.trim();
    if !title.is_empty() {
        item.insert("title".into(), json!(title));
    }
    if !names.is_empty() {
        let authors: Vec<Value> = names.iter().map(Name::csl).collect();
        item.insert("author".into(), Value::Array(authors));
    }
    if let Some(d) = parse_date(f.date) {
        let mut parts = vec![json!(d.year)];
        if let Some(m) = d.month {
            parts.push(json!(m));
            if let Some(day) = d.day {
                parts.push(json!(day));
            }
        }
        item.insert("issued".into(), json!({ "date-parts": [parts] }));
    }
    let container = container(f);
    if !container.is_empty() {
        item.insert("container-title".into(), json!(container));
    }
    let url = f.url.trim();
    if !url.is_empty() {
        item.insert("URL".into(), json!(url));
    }
    let language = f.language.trim();
    if !language.is_empty() {
        item.insert("language".into(), json!(language));
    }
    Value::Object(item)
}

/// The source, else the site.
fn container<'a>(f: &CiteFacts<'a>) -> &'a str {
    let source = f.source.trim();
    if source.is_empty() {
        f.site.trim()
    } else {
        source
    }
}

/// Whether two names are the same up to case.
fn same_words(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Whether a text already ends in a mark that a following period would double.
fn ends_with_stop(text: &str) -> bool {
    text.ends_with(['.', '?', '!'])
}

// ---------------------------------------------------------------------------
// Text and HTML in step

/// One piece of a styled citation.
enum Piece {
    Text(String),
    Italic(String),
    Link(String),
}

/// A citation built once and written twice, as text and as HTML, so the
/// two can never disagree.
#[derive(Default)]
struct Pieces(Vec<Piece>);

impl Pieces {
    fn text(&mut self, s: &str) {
        self.0.push(Piece::Text(s.to_string()));
    }
    fn italic(&mut self, s: &str) {
        self.0.push(Piece::Italic(s.to_string()));
    }
    fn link(&mut self, s: &str) {
        self.0.push(Piece::Link(s.to_string()));
    }

    fn finish(self) -> Styled {
        let mut text = String::new();
        let mut html = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(s) => {
                    text.push_str(s);
                    html.push_str(&escape_html(s));
                }
                Piece::Italic(s) => {
                    text.push_str(s);
                    html.push_str(&format!("<i>{}</i>", escape_html(s)));
                }
                Piece::Link(url) => {
                    text.push_str(url);
                    let escaped = escape_html(url);
                    if is_web_url(url) {
                        html.push_str(&format!("<a href=\"{escaped}\">{escaped}</a>"));
                    } else {
                        html.push_str(&escaped);
                    }
                }
            }
        }
        Styled {
            text: text.trim_end().to_string(),
            html: html.trim_end().to_string(),
        }
    }
}

/// Escapes text for an HTML body or a quoted attribute.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Only http and https addresses become links; anything else
/// (`javascript:`, a file path) is shown as text.
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// A title in double quotes with the period inside, Chicago style: inner
/// double quotes turn single, and a closing "?" or "!" replaces the period.
fn chicago_title(title: &str) -> String {
    let inner: String = title
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '“' => '‘',
            '”' => '’',
            _ => c,
        })
        .collect();
    if ends_with_stop(&inner) {
        return format!("\"{inner}\"");
    }
    // A title ending in a quotation takes the period inside that too.
    if title.ends_with(['"', '”']) {
        let mut chars = inner.chars();
        let closing = chars.next_back().unwrap_or('\'');
        return format!("\"{}.{closing}\"", chars.as_str());
    }
    format!("\"{inner}.\"")
}

// ---------------------------------------------------------------------------
// Dates

/// A publication date as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PubDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PubDate {
    /// "May 17, 2017", "May 2017" or "2017".
    fn month_day_year(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {d}, {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// "2017, May 17", "2017, May" or "2017".
    fn apa(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}, {} {d}", self.year, MONTHS[m as usize - 1]),
            (Some(m), None) => format!("{}, {}", self.year, MONTHS[m as usize - 1]),
            _ => self.year.to_string(),
        }
    }

    /// "2017-05-17", "2017-05" or "2017" (biblatex's `date`).
    fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, checked against the calendar; anything
/// else is no date.
fn parse_date(s: &str) -> Option<PubDate> {
    let s = s.trim();
    let mut parts = s.split('-');
    let year_part = parts.next()?;
    let month_part = parts.next();
    let day_part = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let number = |p: &str, len: usize| -> Option<u32> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = number(year_part, 4)? as i32;
    let month = match month_part {
        Some(p) => Some(number(p, 2).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match day_part {
        Some(p) => {
            let d = number(p, 2)?;
            chrono::NaiveDate::from_ymd_opt(year, month?, d)?;
            Some(d)
        }
        None => None,
    };
    Some(PubDate { year, month, day })
}

// ---------------------------------------------------------------------------
// Names

/// An author's name, split for citation.
///
/// A person's name has a family name (with any lowercase particle such as
/// "de" or "van" kept in front of it), given names and a suffix ("Jr.").
/// An organisation, or a name of one word, is `literal` and always printed
/// as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Name {
    family: String,
    particle: String,
    given: String,
    suffix: String,
    literal: bool,
    /// Written family name first with no comma (East Asian scripts).
    family_first: bool,
}

/// Honorifics that citations drop.
const HONORIFICS: &[&str] = &[
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mx",
    "mx.",
    "проф.",
    "д-р",
    "м-р",
];

/// Academic degrees that citations drop.
const DEGREES: &[&str] = &[
    "phd", "ph.d.", "ph.d", "md", "m.d.", "dphil", "d.phil.", "mba", "ma", "m.a.", "msc", "m.sc.",
];

/// Name suffixes, kept after the given names.
const SUFFIXES: &[&str] = &["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"];

/// Lowercase particles that belong to the family name.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "des", "du", "la", "le", "van", "von", "ter",
    "ten", "dos", "das", "do", "bin", "ibn", "al", "el", "zu",
];

/// Words that mark an organisation, in the dossier's languages.
const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "association",
    "board",
    "bureau",
    "center",
    "centre",
    "club",
    "college",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "department",
    "desk",
    "editorial",
    "editors",
    "forum",
    "foundation",
    "group",
    "inc",
    "inc.",
    "institute",
    "institution",
    "llc",
    "ltd",
    "ltd.",
    "media",
    "ministry",
    "network",
    "news",
    "newsroom",
    "office",
    "press",
    "service",
    "society",
    "staff",
    "team",
    "university",
    "novosti",
    // Russian
    "агентство",
    "институт",
    "министерство",
    "новости",
    "редакция",
    "служба",
    "совет",
    "университет",
    "фонд",
    "центр",
    // French
    "agence",
    "centre",
    "conseil",
    "institut",
    "ministère",
    "rédaction",
    "université",
    // German
    "agentur",
    "institut",
    "ministerium",
    "redaktion",
    "stiftung",
    "universität",
    "zentrum",
    // Spanish
    "agencia",
    "centro",
    "consejo",
    "fundación",
    "instituto",
    "ministerio",
    "redacción",
    "universidad",
    // Italian
    "agenzia",
    "consiglio",
    "fondazione",
    "istituto",
    "ministero",
    "redazione",
    "università",
];

/// Lowercase words that join the parts of an institution's name, never a
/// person's ("Council on Foreign Relations", "Ministry of Defence").
const CONNECTORS: &[&str] = &[
    "of", "for", "on", "the", "and", "und", "für", "pour", "per", "и", "по", "для",
];

fn names_of(authors: &[String]) -> Vec<Name> {
    authors.iter().filter_map(|a| Name::parse(a)).collect()
}

impl Name {
    /// Splits a name as written; `None` when nothing is left of it.
    fn parse(raw: &str) -> Option<Name> {
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let clean = collapsed.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
        if clean.is_empty() {
            return None;
        }
        if is_organisation(clean) {
            return Some(Name::literal(clean));
        }
        let mut parts = clean.split(',').map(str::trim).filter(|p| !p.is_empty());
        let head = parts.next()?;
        let mut rest: Vec<&str> = parts.collect();
        // "Smith, PhD" and "King, Jr." are not inverted names.
        rest.retain(|p| !is_degree(p));
        let suffix = match rest.last() {
            Some(last) if is_suffix(last) => {
                let s = last.to_string();
                rest.pop();
                s
            }
            _ => String::new(),
        };
        let mut name = if let Some(given) = rest.first() {
            // Already inverted: "Abe, Shinzo", "Beethoven, Ludwig van".
            let mut given_tokens: Vec<&str> = given.split(' ').collect();
            let mut particle = Vec::new();
            let mut family_tokens: Vec<&str> = head.split(' ').collect();
            while given_tokens.len() > 1 && given_tokens.last().is_some_and(|t| is_particle(t)) {
                particle.insert(0, given_tokens.pop().unwrap_or_default());
            }
            while family_tokens.len() > 1 && is_particle(family_tokens[0]) {
                particle.push(family_tokens.remove(0));
            }
            Name {
                family: family_tokens.join(" "),
                particle: particle.join(" "),
                given: strip_honorifics(&given_tokens).join(" "),
                ..Name::default()
            }
        } else {
            Name::from_tokens(head.split(' ').collect())
        };
        if name.literal {
            return Some(name);
        }
        if !suffix.is_empty() {
            name.suffix = suffix;
        }
        if name.family.is_empty() {
            return Some(Name::literal(clean));
        }
        Some(name)
    }

    fn literal(text: &str) -> Name {
        Name {
            family: text.to_string(),
            literal: true,
            ..Name::default()
        }
    }

    /// Splits a name in reading order ("Shinzo Abe", "Стрельцов Д. В.").
    fn from_tokens(tokens: Vec<&str>) -> Name {
        let mut tokens = strip_honorifics(&tokens);
        while tokens.len() > 1 && tokens.last().is_some_and(|t| is_degree(t)) {
            tokens.pop();
        }
        let mut suffix = String::new();
        if tokens.len() >= 3 && tokens.last().is_some_and(|t| is_suffix(t)) {
            suffix = tokens.pop().unwrap_or_default().to_string();
        }
        if tokens.len() == 1 {
            return Name::literal(tokens[0]);
        }
        let split_at = |family: usize| -> (String, String) {
            let given: Vec<&str> = tokens
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != family)
                .map(|(_, t)| *t)
                .collect();
            (tokens[family].to_string(), given.join(" "))
        };
        // East Asian names in their own script are written family name first.
        if tokens.iter().any(|t| t.chars().any(is_east_asian)) {
            let (family, given) = split_at(0);
            return Name {
                family,
                given,
                suffix,
                family_first: true,
                ..Name::default()
            };
        }
        // Russian full names: the patronymic follows the given name, so a
        // patronymic last means the family name came first.
        if tokens.len() == 3 {
            if is_patronymic(tokens[2]) && !is_patronymic(tokens[1]) {
                let (family, given) = split_at(0);
                return Name {
                    family,
                    given,
                    suffix,
                    ..Name::default()
                };
            }
            if is_patronymic(tokens[1]) {
                let (family, given) = split_at(2);
                return Name {
                    family,
                    given,
                    suffix,
                    ..Name::default()
                };
            }
        }
        // Initials after a word: "Стрельцов Д. В.", "Putin V.V.".
        if !is_initial(tokens[0]) && tokens[1..].iter().all(|t| is_initial(t)) {
            let (family, given) = split_at(0);
            return Name {
                family,
                given,
                suffix,
                ..Name::default()
            };
        }
        // A surname in capitals among mixed-case names: "Jean DUPONT", "DUPONT Jean".
        let capitals: Vec<usize> = (0..tokens.len())
            .filter(|&i| is_all_capitals(tokens[i]))
            .collect();
        if capitals.len() == 1 && tokens.iter().any(|t| !is_all_capitals(t) && !is_initial(t)) {
            let (family, given) = split_at(capitals[0]);
            return Name {
                family,
                given,
                suffix,
                ..Name::default()
            };
        }
        // Default, Western order: the last word, with any particles before it.
        let mut start = tokens.len() - 1;
        while start > 1 && is_particle(tokens[start - 1]) {
            start -= 1;
        }
        Name {
            family: tokens[tokens.len() - 1].to_string(),
            particle: tokens[start..tokens.len() - 1].join(" "),
            given: tokens[..start].join(" "),
            suffix,
            ..Name::default()
        }
    }

    /// The family name with its particles: "de Gaulle".
    fn full_family(&self) -> String {
        if self.particle.is_empty() {
            self.family.clone()
        } else {
            format!("{} {}", self.particle, self.family)
        }
    }

    /// Reading order: "Martin Luther King Jr.", "Дмитрий Стрельцов".
    fn display(&self) -> String {
        if self.literal {
            return self.family.clone();
        }
        let mut out = if self.family_first {
            format!("{} {}", self.full_family(), self.given)
        } else {
            format!("{} {}", self.given, self.full_family())
        };
        if !self.suffix.is_empty() {
            out.push(' ');
            out.push_str(&self.suffix);
        }
        out.trim().to_string()
    }

    /// Chicago's inverted order: "King, Martin Luther, Jr."; names written
    /// family name first are not inverted.
    fn chicago_inverted(&self) -> String {
        if self.literal || self.family_first || self.given.is_empty() {
            return self.display();
        }
        let mut out = format!("{}, {}", self.full_family(), self.given);
        if !self.suffix.is_empty() {
            out.push_str(", ");
            out.push_str(&self.suffix);
        }
        out
    }

    /// Whether [`Name::chicago_inverted`] puts a comma after the family name.
    fn is_inverted(&self) -> bool {
        !(self.literal || self.family_first || self.given.is_empty())
    }

    /// APA's order: "Abe, S.", "King, M. L., Jr.", "Стрельцов, Д. В.".
    fn apa(&self) -> String {
        if self.literal {
            return self.family.clone();
        }
        let given = if self.family_first {
            // East Asian given names have no initials to take.
            self.given.clone()
        } else {
            initials(&self.given)
        };
        let mut out = if given.is_empty() {
            self.full_family()
        } else {
            format!("{}, {given}", self.full_family())
        };
        if !self.suffix.is_empty() {
            out.push_str(", ");
            out.push_str(&self.suffix);
        }
        out
    }

    /// BibTeX's "von Last, Jr, First"; organisations braced whole so that
    /// BibTeX never splits them.
    fn bibtex(&self) -> String {
        if self.literal {
            return format!("{{{}}}", bibtex_escape(&self.family));
        }
        let mut parts = vec![bibtex_escape(&self.full_family())];
        if !self.suffix.is_empty() {
            parts.push(bibtex_escape(&self.suffix));
        }
        if !self.given.is_empty() {
            parts.push(bibtex_escape(&self.given));
        }
        parts.join(", ")
    }

    /// A CSL name object.
    fn csl(&self) -> Value {
        if self.literal {
            return json!({ "literal": self.family });
        }
        let mut name = Map::new();
        name.insert("family".into(), json!(self.family));
        if !self.given.is_empty() {
            name.insert("given".into(), json!(self.given));
        }
        if !self.particle.is_empty() {
            name.insert("non-dropping-particle".into(), json!(self.particle));
        }
        if !self.suffix.is_empty() {
            name.insert("suffix".into(), json!(self.suffix));
        }
        Value::Object(name)
    }
}

fn chicago_authors(names: &[Name]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let lead = first.chicago_inverted();
    match names.len() {
        1 => lead,
        2 => {
            let comma = if first.is_inverted() { "," } else { "" };
            format!("{lead}{comma} and {}", names[1].display())
        }
        n if n <= 10 => {
            let middle: Vec<String> = names[1..n - 1].iter().map(Name::display).collect();
            format!(
                "{lead}, {}, and {}",
                middle.join(", "),
                names[n - 1].display()
            )
        }
        _ => {
            let next: Vec<String> = names[1..7].iter().map(Name::display).collect();
            format!("{lead}, {}, et al.", next.join(", "))
        }
    }
}

fn apa_authors(names: &[Name]) -> String {
    let all: Vec<String> = names.iter().map(Name::apa).collect();
    match all.len() {
        0 => String::new(),
        1 => all[0].clone(),
        n if n <= 20 => format!("{}, & {}", all[..n - 1].join(", "), all[n - 1]),
        n => format!("{}, . . . {}", all[..19].join(", "), all[n - 1]),
    }
}

/// "Shinzo" → "S.", "Jean-Paul" → "J.-P.", "D.V." → "D. V.", "Дж." stays.
fn initials(given: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for token in given.split_whitespace() {
        if token.ends_with('.') {
            // Already initials, perhaps run together: "D.V." → "D.", "V.".
            out.extend(
                token
                    .split_inclusive('.')
                    .filter(|p| p.chars().any(char::is_alphabetic))
                    .map(str::to_string),
            );
            continue;
        }
        let parts: Vec<String> = token
            .split('-')
            .filter_map(|part| part.chars().find(|c| c.is_alphabetic()))
            .map(|c| format!("{c}."))
            .collect();
        if !parts.is_empty() {
            out.push(parts.join("-"));
        }
    }
    out.join(" ")
}

fn strip_honorifics<'a>(tokens: &[&'a str]) -> Vec<&'a str> {
    let mut start = 0;
    while tokens.len() - start > 1 && HONORIFICS.contains(&tokens[start].to_lowercase().as_str()) {
        start += 1;
    }
    tokens[start..].to_vec()
}

fn is_degree(token: &str) -> bool {
    DEGREES.contains(&token.to_lowercase().as_str())
}

fn is_suffix(token: &str) -> bool {
    SUFFIXES.contains(&token.to_lowercase().as_str())
}

fn is_particle(token: &str) -> bool {
    PARTICLES.contains(&token)
}

/// "V.", "D.V.", "Дж.", "J.-P.", or a lone capital "J".
fn is_initial(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let starts_upper = token.chars().next().is_some_and(char::is_uppercase);
    starts_upper && ((token.ends_with('.') && letters <= 3) || token.chars().count() == 1)
}

/// A word of two or more letters, all capitals ("DUPONT").
fn is_all_capitals(token: &str) -> bool {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && !token.contains('.') && letters.iter().all(|c| c.is_uppercase())
}

/// A Russian patronymic, in Cyrillic or transliterated.
fn is_patronymic(token: &str) -> bool {
    let lower = token.to_lowercase();
    let count = lower.chars().count();
    count >= 6
        && ["вич", "вна", "чна", "ична", "vich", "vna", "ichna"]
            .iter()
            .any(|end| lower.ends_with(end))
}

fn is_east_asian(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

/// Whether an author is an organisation rather than a person.
fn is_organisation(name: &str) -> bool {
    // "The Economist", "Smith & Sons": never a person.
    if name.contains('&') || name.starts_with("The ") {
        return true;
    }
    name.split(' ').any(|word| {
        let lower = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .to_lowercase();
        ORGANISATION_WORDS.contains(&lower.as_str()) || CONNECTORS.contains(&word)
    })
}

// ---------------------------------------------------------------------------
// BibTeX details

/// Escapes BibTeX's special characters; Unicode passes through.
fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// biblatex reads `url` verbatim, so escapes would show; instead the few
/// characters that could break the entry (braces, backslash, spaces) are
/// percent-encoded, which leaves the address unchanged for a browser.
fn bibtex_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            ' ' => out.push_str("%20"),
            c if c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out
}

/// biblatex's `langid` (a babel language name) for a BCP 47 tag.
fn langid(language: &str) -> Option<&'static str> {
    let primary = language
        .trim()
        .split(['-', '_'])
        .next()?
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" => "english",
        "ru" => "russian",
        "fr" => "french",
        "de" => "german",
        "es" => "spanish",
        "it" => "italian",
        "uk" => "ukrainian",
        "pl" => "polish",
        "pt" => "portuguese",
        "nl" => "dutch",
        "ja" => "japanese",
        _ => return None,
    })
}

/// 64-bit FNV-1a: a fixed, dependency-free hash for key suffixes.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    const URL: &str = "https://russiancouncil.ru/en/analytics/russia-japan/";
    const LINK: &str = "<a href=\"https://russiancouncil.ru/en/analytics/russia-japan/\">https://russiancouncil.ru/en/analytics/russia-japan/</a>";

    fn facts(authors: &[String]) -> CiteFacts<'_> {
        CiteFacts {
            key: "000-russia-japan",
            title: "Russia–Japan Political Dialogue at the Highest Level",
            authors,
            date: "2017-05-17",
            source: "Russian International Affairs Council",
            site: "russiancouncil.ru",
            url: URL,
            language: "en",
        }
    }

    // One author, a full date and a source: the basic entry of each style,
    // text and HTML, written out by hand from the style manuals.
    #[test]
    fn one_author_with_date_and_source() {
        let a = authors(&["Vitaly Shvydko"]);
        let f = facts(&a);
        let c = chicago(&f);
        assert_eq!(
            c.text,
            format!(
                "Shvydko, Vitaly. \"Russia–Japan Political Dialogue at the Highest Level.\" \
                 Russian International Affairs Council, May 17, 2017. {URL}."
            )
        );
        assert_eq!(
            c.html,
            format!(
                "Shvydko, Vitaly. &quot;Russia–Japan Political Dialogue at the Highest Level.&quot; \
                 <i>Russian International Affairs Council</i>, May 17, 2017. {LINK}."
            )
        );
        let a = apa(&f);
        assert_eq!(
            a.text,
            format!(
                "Shvydko, V. (2017, May 17). Russia–Japan Political Dialogue at the Highest Level. \
                 Russian International Affairs Council. {URL}"
            )
        );
        assert_eq!(
            a.html,
            format!(
                "Shvydko, V. (2017, May 17). Russia–Japan Political Dialogue at the Highest Level. \
                 <i>Russian International Affairs Council</i>. {LINK}"
            )
        );
    }

    // Two authors: Chicago inverts only the first and puts a comma before
    // "and"; APA inverts both and joins them with ", &".
    #[test]
    fn two_authors() {
        let a = authors(&["Shinzo Abe", "Vladimir Putin"]);
        let f = facts(&a);
        assert!(
            chicago(&f)
                .text
                .starts_with("Abe, Shinzo, and Vladimir Putin. \"Russia–Japan")
        );
        assert!(
            apa(&f)
                .text
                .starts_with("Abe, S., & Putin, V. (2017, May 17). Russia–Japan")
        );
    }

    // Three authors: serial comma in both styles; initials and a particle
    // ("de Gaulle") are kept with the family name.
    #[test]
    fn three_authors() {
        let a = authors(&["Shinzo Abe", "V. Putin", "Charles de Gaulle"]);
        let f = facts(&a);
        assert!(
            chicago(&f)
                .text
                .starts_with("Abe, Shinzo, V. Putin, and Charles de Gaulle. \"Russia")
        );
        assert!(
            apa(&f)
                .text
                .starts_with("Abe, S., Putin, V., & de Gaulle, C. (2017, May 17).")
        );
    }

    // Eleven authors: Chicago lists seven and "et al."; 21 authors: APA
    // lists nineteen, an ellipsis and the last.
    #[test]
    fn long_author_lists_are_cut_per_style() {
        let eleven: Vec<String> = (1..=11).map(|i| format!("Ann Author{i}")).collect();
        let c = chicago(&facts(&eleven)).text;
        assert!(c.starts_with(
            "Author1, Ann, Ann Author2, Ann Author3, Ann Author4, Ann Author5, \
             Ann Author6, Ann Author7, et al. \"Russia"
        ));
        let four: Vec<String> = (1..=4).map(|i| format!("Ann Author{i}")).collect();
        assert!(
            chicago(&facts(&four))
                .text
                .starts_with("Author1, Ann, Ann Author2, Ann Author3, and Ann Author4. ")
        );
        let many: Vec<String> = (1..=21).map(|i| format!("Ann Author{i}")).collect();
        let a = apa(&facts(&many)).text;
        assert!(a.contains("Author18, A., Author19, A., . . . Author21, A. (2017, May 17)."));
        assert!(!a.contains("Author20"));
    }

    // No author: Chicago opens with the title; APA moves the title to the
    // author's place, before the date.
    #[test]
    fn no_author() {
        let f = facts(&[]);
        assert_eq!(
            chicago(&f).text,
            format!(
                "\"Russia–Japan Political Dialogue at the Highest Level.\" \
                 Russian International Affairs Council, May 17, 2017. {URL}."
            )
        );
        assert_eq!(
            apa(&f).text,
            format!(
                "Russia–Japan Political Dialogue at the Highest Level. (2017, May 17). \
                 Russian International Affairs Council. {URL}"
            )
        );
    }

    // No date: Chicago leaves it out; APA writes "(n.d.)". No URL: the
    // entry ends with the container.
    #[test]
    fn no_date() {
        let a = authors(&["Vitaly Shvydko"]);
        let f = CiteFacts {
            date: "",
            url: "",
            ..facts(&a)
        };
        assert_eq!(
            chicago(&f).text,
            "Shvydko, Vitaly. \"Russia–Japan Political Dialogue at the Highest Level.\" \
             Russian International Affairs Council."
        );
        assert_eq!(
            apa(&f).text,
            "Shvydko, V. (n.d.). Russia–Japan Political Dialogue at the Highest Level. \
             Russian International Affairs Council."
        );
        // An impossible date is no date, never a guess.
        let bad = CiteFacts {
            date: "2017-02-30",
            url: "",
            ..facts(&a)
        };
        assert!(apa(&bad).text.contains("(n.d.)"));
        // A date known to the month only.
        let month = CiteFacts {
            date: "2017-05",
            url: "",
            ..facts(&a)
        };
        assert!(chicago(&month).text.ends_with("Council, May 2017."));
        assert!(apa(&month).text.contains("(2017, May)."));
    }

    // Cyrillic authors with initials: inverted without a doubled period;
    // a full Russian name in official order (family, given, patronymic)
    // is recognised by its patronymic.
    #[test]
    fn cyrillic_author() {
        let a = authors(&["Д. В. Стрельцов"]);
        let f = CiteFacts {
            title: "Япония и Россия",
            date: "2012-11-30",
            source: "Новое восточное обозрение",
            url: "",
            ..facts(&a)
        };
        assert_eq!(
            chicago(&f).text,
            "Стрельцов, Д. В. \"Япония и Россия.\" Новое восточное обозрение, November 30, 2012."
        );
        assert_eq!(
            apa(&f).text,
            "Стрельцов, Д. В. (2012, November 30). Япония и Россия. Новое восточное обозрение."
        );
        let full = authors(&["Стрельцов Дмитрий Викторович"]);
        let f = CiteFacts {
            authors: &full,
            ..f
        };
        assert!(
            chicago(&f)
                .text
                .starts_with("Стрельцов, Дмитрий Викторович. \"")
        );
        assert!(apa(&f).text.starts_with("Стрельцов, Д. В. (2012"));
    }

    // A title ending in "?" takes no period in either style.
    #[test]
    fn question_title() {
        let a = authors(&["Dmitry Streltsov"]);
        let f = CiteFacts {
            title: "Japan: Where Is the Dialogue with Russia Headed?",
            date: "2012-11-30",
            source: "New Eastern Outlook",
            url: "",
            ..facts(&a)
        };
        assert_eq!(
            chicago(&f).text,
            "Streltsov, Dmitry. \"Japan: Where Is the Dialogue with Russia Headed?\" \
             New Eastern Outlook, November 30, 2012."
        );
        assert_eq!(
            apa(&f).text,
            "Streltsov, D. (2012, November 30). Japan: Where Is the Dialogue with Russia Headed? \
             New Eastern Outlook."
        );
    }

    // Quotations inside a Chicago title turn single, and a title ending in
    // one takes the period inside it.
    #[test]
    fn chicago_title_quotes() {
        assert_eq!(
            chicago_title("Beyond the “Groundhog Day” Syndrome"),
            "\"Beyond the ‘Groundhog Day’ Syndrome.\""
        );
        assert_eq!(
            chicago_title("Putin’s \"busy schedule\""),
            "\"Putin’s 'busy schedule.'\""
        );
        assert_eq!(chicago_title("Done."), "\"Done.\"");
    }

    // Every value is escaped in HTML, `<script>` never survives, and only
    // http(s) addresses become links.
    #[test]
    fn html_escaping() {
        let a = authors(&["O'Hara & Sons"]);
        let f = CiteFacts {
            title: "Tom & Jerry <script>alert(\"x\")</script>",
            date: "",
            source: "A <b>Journal</b>",
            url: "javascript:alert(1)",
            ..facts(&a)
        };
        let c = chicago(&f);
        assert_eq!(
            c.html,
            "O&#39;Hara &amp; Sons. &quot;Tom &amp; Jerry &lt;script&gt;alert(&#39;x&#39;)\
             &lt;/script&gt;.&quot; <i>A &lt;b&gt;Journal&lt;/b&gt;</i>. javascript:alert(1)."
        );
        let a = apa(&f);
        assert_eq!(
            a.html,
            "O&#39;Hara &amp; Sons. (n.d.). Tom &amp; Jerry &lt;script&gt;alert(&quot;x&quot;)\
             &lt;/script&gt;. <i>A &lt;b&gt;Journal&lt;/b&gt;</i>. javascript:alert(1)"
        );
        // A quote in an address cannot break out of the href attribute.
        let f = CiteFacts {
            url: "https://example.org/?q=\"><script>",
            ..f
        };
        assert!(
            chicago(&f)
                .html
                .contains("<a href=\"https://example.org/?q=&quot;&gt;&lt;script&gt;\">")
        );
    }

    // A web page with no source: APA italicises the title and names the
    // site in roman, dropping it when the site is also the author.
    #[test]
    fn apa_web_page() {
        let a = authors(&["Carnegie Moscow Center"]);
        let f = CiteFacts {
            title: "Russia and Japan",
            source: "",
            site: "Carnegie Moscow Center",
            url: "",
            ..facts(&a)
        };
        assert_eq!(
            apa(&f).html,
            "Carnegie Moscow Center. (2017, May 17). <i>Russia and Japan</i>."
        );
        let b = authors(&["Anna Kireeva"]);
        let f = CiteFacts { authors: &b, ..f };
        assert_eq!(
            apa(&f).html,
            "Kireeva, A. (2017, May 17). <i>Russia and Japan</i>. Carnegie Moscow Center."
        );
        // Chicago's container falls back to the site.
        assert_eq!(
            chicago(&f).html,
            "Kireeva, Anna. &quot;Russia and Japan.&quot; <i>Carnegie Moscow Center</i>, May 17, 2017."
        );
    }

    // The whole BibTeX entry for an article in a periodical.
    #[test]
    fn bibtex_article() {
        let a = authors(&["Vitaly Shvydko", "Д. В. Стрельцов"]);
        let expected = format!(
            "@article{{000-russia-japan,\n  \
             author = {{Shvydko, Vitaly and Стрельцов, Д. В.}},\n  \
             title = {{{{Russia–Japan Political Dialogue at the Highest Level}}}},\n  \
             journal = {{Russian International Affairs Council}},\n  \
             date = {{2017-05-17}},\n  \
             year = {{2017}},\n  \
             month = may,\n  \
             url = {{{URL}}},\n  \
             langid = {{english}},\n}}\n"
        );
        assert_eq!(bibtex(&facts(&a)), expected);
    }

    // With no source the entry is @online with the site as organisation;
    // an organisation author is braced whole; specials are escaped.
    #[test]
    fn bibtex_online_and_escaping() {
        let a = authors(&["Research & Analysis Group"]);
        let f = CiteFacts {
            key: "profits_2024",
            title: "Profits up 50% at AT&T_Corp, {#1} ~ $5^2 \\ more",
            authors: &a,
            date: "",
            source: "",
            site: "Example News",
            url: "https://example.org/a b{c}",
            language: "xx",
        };
        let expected = "@online{profits_2024,\n  \
             author = {{Research \\& Analysis Group}},\n  \
             title = {{Profits up 50\\% at AT\\&T\\_Corp, \\{\\#1\\} \\textasciitilde{} \
             \\$5\\textasciicircum{}2 \\textbackslash{} more}},\n  \
             organization = {Example News},\n  \
             url = {https://example.org/a%20b%7Bc%7D},\n}\n";
        assert_eq!(bibtex(&f), expected);
    }

    // Keys keep only BibTeX-safe characters; a changed key gets a hash so
    // two keys differing only in dropped characters stay distinct.
    #[test]
    fn bibtex_keys() {
        assert_eq!(bibtex_key("002-beb0c:x_y"), "002-beb0c:x_y");
        let cyrillic = bibtex_key("статья-1");
        assert!(cyrillic.starts_with("1-"), "{cyrillic}");
        assert!(
            cyrillic
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:".contains(c))
        );
        assert_ne!(bibtex_key("статья-1"), bibtex_key("заметка-1"));
        assert!(bibtex_key("").starts_with("item-"));
        assert_eq!(bibtex_key("a b"), bibtex_key("a b"));
    }

    // The file joins entries in order with one blank line between them.
    #[test]
    fn bibtex_file_joins_entries() {
        let entries = vec![
            "@online{a,\n}\n".to_string(),
            String::new(),
            "@online{b,\n}\n".to_string(),
        ];
        assert_eq!(bibtex_file(&entries), "@online{a,\n}\n\n@online{b,\n}\n");
        assert_eq!(bibtex_file(&[]), "");
    }

    // The CSL-JSON item has the shape CSL processors read.
    #[test]
    fn csl_json_shape() {
        let a = authors(&["Charles de Gaulle", "Martin Luther King Jr.", "Reuters"]);
        let item = csl_json(&facts(&a));
        assert_eq!(
            item,
            json!({
                "id": "000-russia-japan",
                "type": "article-newspaper",
                "title": "Russia–Japan Political Dialogue at the Highest Level",
                "author": [
                    {"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de"},
                    {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
                    {"literal": "Reuters"}
                ],
                "issued": {"date-parts": [[2017, 5, 17]]},
                "container-title": "Russian International Affairs Council",
                "URL": URL,
                "language": "en"
            })
        );
        let web = csl_json(&CiteFacts {
            source: "",
            date: "2017",
            url: "",
            ..facts(&[])
        });
        assert_eq!(web["type"], "webpage");
        assert_eq!(web["container-title"], "russiancouncil.ru");
        assert_eq!(web["issued"], json!({"date-parts": [[2017]]}));
        assert!(web.get("author").is_none() && web.get("URL").is_none());
    }

    fn split(raw: &str) -> (String, String) {
        let n = Name::parse(raw).expect("a name");
        (n.full_family(), n.given)
    }

    // Name splitting by general rules: byline order, inverted input,
    // initials before or after, patronymics, capitals, honorifics,
    // suffixes, one word, organisations, East Asian script.
    #[test]
    fn names_split() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(split("Shinzo Abe"), pair("Abe", "Shinzo"));
        assert_eq!(split("Abe, Shinzo"), pair("Abe", "Shinzo"));
        assert_eq!(split("V. Putin"), pair("Putin", "V."));
        assert_eq!(split("Putin V.V."), pair("Putin", "V.V."));
        assert_eq!(split("Стрельцов Д. В."), pair("Стрельцов", "Д. В."));
        assert_eq!(
            split("Дмитрий Викторович Стрельцов"),
            pair("Стрельцов", "Дмитрий Викторович")
        );
        assert_eq!(
            split("Roman Arkadyevich Abramovich"),
            pair("Abramovich", "Roman Arkadyevich")
        );
        assert_eq!(split("DUPONT Jean"), pair("DUPONT", "Jean"));
        assert_eq!(split("Dr. Dmitri Trenin"), pair("Trenin", "Dmitri"));
        assert_eq!(
            split("Ludwig van Beethoven"),
            pair("van Beethoven", "Ludwig")
        );
        assert_eq!(
            split("Beethoven, Ludwig van"),
            pair("van Beethoven", "Ludwig")
        );
        assert_eq!(split("Anna Kireeva, PhD"), pair("Kireeva", "Anna"));
        assert_eq!(split("安倍 晋三"), pair("安倍", "晋三"));
        let king = Name::parse("King, Martin Luther, Jr.").expect("a name");
        assert_eq!(king.chicago_inverted(), "King, Martin Luther, Jr.");
        assert_eq!(king.display(), "Martin Luther King Jr.");
        assert_eq!(king.apa(), "King, M. L., Jr.");
        for literal in [
            "Madonna",
            "Russian International Affairs Council",
            "Council on Foreign Relations",
            "Редакция журнала",
            "RIA Novosti",
            "The Moscow Times",
        ] {
            let n = Name::parse(literal).expect("a name");
            assert!(n.literal, "{literal}");
            assert_eq!(n.chicago_inverted(), literal);
        }
        assert!(Name::parse("  , ").is_none());
        assert_eq!(initials("Jean-Paul"), "J.-P.");
        assert_eq!(initials("D.V."), "D. V.");
        assert_eq!(initials("Дмитрий Викторович"), "Д. В.");
    }

    // Odd input never panics and never yields an empty citation.
    #[test]
    fn odd_input_does_not_panic() {
        let a = authors(&["", " , ", "Д.", "é", "-", "X, Y, Z, W"]);
        for date in [
            "",
            "2017",
            "17-05-2017",
            "2017-13-01",
            "२०१७-०५-१७",
            "2017-05-17-01",
        ] {
            let f = CiteFacts {
                key: "",
                title: "",
                authors: &a,
                date,
                source: "",
                site: "",
                url: "",
                language: "",
            };
            assert!(!chicago(&f).text.is_empty());
            assert!(!apa(&f).text.is_empty());
            assert!(bibtex(&f).starts_with("@online{item-"));
            assert!(csl_json(&f).is_object());
        }
    }
}

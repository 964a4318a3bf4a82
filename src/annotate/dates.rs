//! Date phrases in running text: "On May 25–26, 2018", "in November 2014",
//! "December 2016", "in 1956", "25 мая 2018 года", "le 7 mai 2018".
//!
//! Unlike `normalize::dates`, which reads a dateline that is only a date,
//! this finds dates inside sentences and keeps how precise each one is.
//!
//! Forms read (month names in English, Russian, French, German, Spanish and
//! Italian; day and month ranges joined by a dash or "to", "au", "bis",
//! "al", "по", "до"):
//!
//! - month first: "May 25, 2018", "Sept. 5, 2016", "May 25–26, 2018",
//!   "May 30 – June 2, 2018";
//! - day first: "25 May 2018", "the 25th of May 2018", "25–26 мая 2018 г.",
//!   "le 1er mai 2018", "am 7. Mai 2018", "el 7 de mayo de 2018",
//!   "30 May – 2 June 2018";
//! - month and year: "November 2014", "в ноябре 2014 года",
//!   "noviembre de 2014", "November–December 2014";
//! - numeric: "2018-05-25", "25.05.2018";
//! - a year alone, only where the words around it say it is a year (see
//!   [`find_dates`]);
//! - two of the above joined into a range: "November 2014 – January 2015",
//!   "from 2014 to 2016", "between 2014 and 2016", "September 2018 to 2021",
//!   "2014–2016 гг.", "2014–15";
//! - years listed after a year: "in 2014, 2015 and 2016" (three dates).
//!
//! A leading preposition or modifier ("On", "in early", "since", "в",
//! "le", "am", "the end of") belongs to the phrase, as written.
//!
//! Not read: dates without a year ("on May 25"), decades ("the 1990s",
//! "1990-х годов"; a decade is not an event's date), centuries, and
//! slash dates such as "05/06/2018" (day or month first is a guess).

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};
use serde::Serialize;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month, 1–12, when the text gives it.
    pub month: Option<u8>,
    /// The day of the month, when the text gives it (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// ISO 8601 at the known precision: `2018`, `2018-05` or `2018-05-25`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    fn month(year: i32, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// The day, or `None` when it is not in the calendar (30 February).
    fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))?;
        Some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// 1 for a year, 2 for a month, 3 for a day: how much the date says.
    fn precision(&self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }
}

/// A date or a range of dates ("May 25–26, 2018").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct When {
    /// The date, or the first day of the range.
    pub from: PartialDate,
    /// The last day of a range.
    pub to: Option<PartialDate>,
}

impl When {
    /// ISO 8601: `2018-05-25`, or an interval `2018-05-25/2018-05-26`.
    pub fn iso(&self) -> String {
        match &self.to {
            Some(to) => format!("{}/{}", self.from.iso(), to.iso()),
            None => self.from.iso(),
        }
    }

    fn single(from: PartialDate) -> Self {
        When { from, to: None }
    }

    /// A range, or `None` when `to` does not come after `from`.
    fn range(from: PartialDate, to: PartialDate) -> Option<Self> {
        (to > from).then_some(When { from, to: Some(to) })
    }
}

/// One date phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatePhrase {
    /// Byte offset where the phrase starts in the text searched.
    pub start: usize,
    /// Byte offset just past the phrase.
    pub end: usize,
    /// What the phrase means.
    pub when: When,
}

/// Every date phrase in `text`, in order and not overlapping.
///
/// `language` (BCP 47) says which month names to expect first; the others
/// are still tried.
///
/// Where readings overlap, the longest wins, then the most precise. A
/// well-formed date that is not in the calendar ("30 February 2018") is no
/// date, and no shorter reading inside it ("February 2018") is taken
/// either.
///
/// A month name of another language than `language` (or English) counts
/// only with a day ("7 mai 2018" in an English text, but not "Mars 2020").
/// Month names that English and German capitalise must be capitalised
/// ("may 2018" is not a date).
///
/// A four-digit year alone (1800–2100) is a date only when the text says
/// so: a preposition or modifier before it ("in 1956", "since 2014", "by
/// 2019", "for 2018", "up to 2020", "in early 2014", "mid-2015", "the end of 2014",
/// "в 1956", "depuis 2014", "seit 2014", "desde 2014", "nel 2014"), the
/// word for "year" ("im Jahr 2014"), a Russian "года"/"г." after it, a
/// determiner or possessive before it and a word after it ("the 1956 Joint
/// Declaration", "Putin’s 2016 visit"), "of" after a name or a dated noun
/// ("the Final Act of 1975", "the statute of 1921"), or a year before it
/// in a list ("in 2014, 2015 and 2016"). Even then a counted noun after it
/// ("in 2018 roubles", "by 2000 votes") makes it a number, and so does
/// anything glued to it ("1990s", "2018/19", "2000-600", "1,500").
pub fn find_dates(text: &str, language: &str) -> Vec<DatePhrase> {
    let years = four_digit_runs(text);
    if years.is_empty() {
        return Vec::new();
    }
    let lang = language_bit(language);
    let mut candidates = Vec::new();
    for &year_start in &years {
        let year_end = year_start + 4;
        // Written dates end with their year: search just before it.
        let mut from = year_start.saturating_sub(LOOK_BACK);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let head = &text[..year_end];
        month_day_year(text, head, from, lang, &mut candidates);
        day_month_year(text, head, from, lang, &mut candidates);
        month_year(text, head, from, lang, &mut candidates);
        numeric(text, head, from, year_start, &mut candidates);
        year_alone(text, year_start, &mut candidates);
    }
    let cores = choose(candidates);
    let cores = continue_lists(text, join_ranges(text, cores));
    let mut phrases: Vec<DatePhrase> = Vec::with_capacity(cores.len());
    for core in cores {
        let floor = phrases.last().map_or(0, |p| p.end);
        let start = match lead_in(text, core.start) {
            Some(lead) if lead >= floor => lead,
            _ => core.start,
        };
        phrases.push(DatePhrase {
            start,
            end: core.end,
            when: core.when,
        });
    }
    phrases
}

/// The month a month name or abbreviation stands for ("Sept.", "мая",
/// "ноябре", "März"), in any of the languages read.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let key = word.trim_end_matches('.').to_lowercase();
    MONTH_WORDS.get(&key).map(|w| w.month)
}

/// Where each run of exactly four ASCII digits starts. Every date form has
/// a four-digit year, so the patterns only run near these, and text
/// without one needs no regex at all.
fn four_digit_runs(text: &str) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut run = 0;
    for (i, b) in text.bytes().chain(std::iter::once(b' ')).enumerate() {
        if b.is_ascii_digit() {
            run += 1;
        } else {
            if run == 4 {
                runs.push(i - 4);
            }
            run = 0;
        }
    }
    runs
}

/// How far before a year a written date may start, in bytes ("vom 7. bis
/// 9. Dezember 2019" and its Cyrillic equivalents fit).
const LOOK_BACK: usize = 160;

// --- Month names ------------------------------------------------------------

/// The languages whose month names are known, in the order of
/// [`MONTH_TABLES`]; a language is a bit in a mask.
const LANGUAGES: [&str; 6] = ["en", "ru", "fr", "de", "es", "it"];
const ENGLISH: u8 = 1;

/// One language's month names and abbreviations, lowercase, per month.
struct MonthTable {
    /// Whether the language capitalises month names (English, German).
    capitalised: bool,
    names: [&'static [&'static str]; 12],
}

/// Month names, in the order of [`LANGUAGES`]. Russian has the nominative,
/// the genitive ("25 мая") and the prepositional ("в мае") forms.
const MONTH_TABLES: [MonthTable; 6] = [
    MonthTable {
        capitalised: true,
        names: [
            &["january", "jan"],
            &["february", "feb"],
            &["march", "mar"],
            &["april", "apr"],
            &["may"],
            &["june", "jun"],
            &["july", "jul"],
            &["august", "aug"],
            &["september", "sept", "sep"],
            &["october", "oct"],
            &["november", "nov"],
            &["december", "dec"],
        ],
    },
    MonthTable {
        capitalised: false,
        names: [
            &["январь", "января", "январе", "янв"],
            &["февраль", "февраля", "феврале", "фев", "февр"],
            &["март", "марта", "марте", "мар"],
            &["апрель", "апреля", "апреле", "апр"],
            &["май", "мая", "мае"],
            &["июнь", "июня", "июне", "июн"],
            &["июль", "июля", "июле", "июл"],
            &["август", "августа", "августе", "авг"],
            &["сентябрь", "сентября", "сентябре", "сен", "сент"],
            &["октябрь", "октября", "октябре", "окт"],
            &["ноябрь", "ноября", "ноябре", "ноя", "нояб"],
            &["декабрь", "декабря", "декабре", "дек"],
        ],
    },
    MonthTable {
        capitalised: false,
        names: [
            &["janvier", "janv"],
            &["février", "fevrier", "févr", "fevr"],
            &["mars"],
            &["avril", "avr"],
            &["mai"],
            &["juin"],
            &["juillet", "juil"],
            &["août", "aout"],
            &["septembre"],
            &["octobre"],
            &["novembre"],
            &["décembre", "decembre", "déc"],
        ],
    },
    MonthTable {
        capitalised: true,
        names: [
            &["januar", "jänner", "jan"],
            &["februar", "feb"],
            &["märz", "maerz", "mär"],
            &["april", "apr"],
            &["mai"],
            &["juni"],
            &["juli"],
            &["august", "aug"],
            &["september", "sept", "sep"],
            &["oktober", "okt"],
            &["november", "nov"],
            &["dezember", "dez"],
        ],
    },
    MonthTable {
        capitalised: false,
        names: [
            &["enero", "ene"],
            &["febrero"],
            &["marzo"],
            &["abril"],
            &["mayo"],
            &["junio"],
            &["julio"],
            &["agosto"],
            &["septiembre", "setiembre"],
            &["octubre"],
            &["noviembre"],
            &["diciembre"],
        ],
    },
    MonthTable {
        capitalised: false,
        names: [
            &["gennaio"],
            &["febbraio"],
            &["marzo"],
            &["aprile"],
            &["maggio"],
            &["giugno"],
            &["luglio"],
            &["agosto"],
            &["settembre"],
            &["ottobre"],
            &["novembre"],
            &["dicembre"],
        ],
    },
];

/// What a month word means and who writes it.
#[derive(Debug, Clone, Copy)]
struct MonthWord {
    month: u8,
    /// The languages that write it, a mask of [`LANGUAGES`] bits.
    languages: u8,
    /// Whether some language writing it writes months in lowercase.
    lowercase_ok: bool,
}

/// Lowercase month word → meaning (lookup only, never iterated).
static MONTH_WORDS: LazyLock<HashMap<String, MonthWord>> = LazyLock::new(|| {
    let mut words: HashMap<String, MonthWord> = HashMap::new();
    for (i, table) in MONTH_TABLES.iter().enumerate() {
        for (m, names) in table.names.iter().enumerate() {
            for name in names.iter() {
                let entry = words.entry((*name).to_string()).or_insert(MonthWord {
                    month: m as u8 + 1,
                    languages: 0,
                    lowercase_ok: false,
                });
                entry.languages |= 1 << i;
                entry.lowercase_ok |= !table.capitalised;
            }
        }
    }
    words
});

/// The month words as a regex alternation, longest first so that
/// "september" is not read as "sep".
fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTH_TABLES
        .iter()
        .flat_map(|t| t.names.iter().flat_map(|n| n.iter().copied()))
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    let escaped: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    format!("(?i:{})", escaped.join("|"))
}

/// The mask bit of a BCP 47 tag's language, when its months are known.
fn language_bit(language: &str) -> Option<u8> {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .position(|l| l.eq_ignore_ascii_case(primary))
        .map(|i| 1 << i)
}

/// The month `word` names, if it may be read as one here. `with_day`: the
/// phrase also has a day, which makes a foreign month name believable.
fn read_month(word: &str, lang: Option<u8>, with_day: bool) -> Option<u8> {
    let key = word.trim_end_matches('.').to_lowercase();
    let meaning = MONTH_WORDS.get(&key)?;
    // "may 2018", "march 2018": English words first, months only when
    // capitalised; between a day and a year ("02 february 2015") the
    // case says nothing.
    if !with_day && !meaning.lowercase_ok && word.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    if let Some(bit) = lang
        && !with_day
        && meaning.languages & (bit | ENGLISH) == 0
    {
        return None;
    }
    Some(meaning.month)
}

// --- Patterns ---------------------------------------------------------------

/// A day: "25", "25th", "1er", German "7.".
const DAY: &str = r"[0-9]{1,2}(?i:st|nd|rd|th|er|\.)?";
/// What joins the two ends of a range inside one date.
const RANGE: &str = r"(?:\s*[-‐‑‒–—]\s*|\s+(?i:to|through|thru|until|till|au|bis|al|по|до)\s+)";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let mon = month_alternation();
    Regex::new(&format!(
        r"(?P<m1>{mon})\.?\s+(?P<d1>{DAY})(?:{RANGE}(?:(?P<m2>{mon})\.?\s+)?(?P<d2>{DAY}))?,?\s+(?P<y>[0-9]{{4}})$"
    ))
    .expect("month-day-year pattern is valid")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let mon = month_alternation();
    Regex::new(&format!(
        r"(?P<d1>{DAY})(?:\s+(?i:de\s+)?(?P<m1>{mon})\.?)?(?:{RANGE}(?P<d2>{DAY}))?\s+(?i:(?:of|de)\s+)?(?P<m2>{mon})\.?,?\s+(?i:(?:de|del)\s+)?(?P<y>[0-9]{{4}})$"
    ))
    .expect("day-month-year pattern is valid")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let mon = month_alternation();
    Regex::new(&format!(
        r"(?:(?P<m1>{mon})\.?{RANGE})?(?P<m2>{mon})\.?,?\s+(?i:(?:of|de|del)\s+)?(?P<y>[0-9]{{4}})$"
    ))
    .expect("month-year pattern is valid")
});

/// "25.05.2018", ending at its year.
static NUMERIC_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})$")
        .expect("numeric date pattern is valid")
});

/// "2018-05-25", starting at its year.
static NUMERIC_ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})")
        .expect("ISO date pattern is valid")
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<y1>[0-9]{{4}})(?:-(?:го|м|й))?(?:{RANGE}(?P<y2>[0-9]{{4}})(?:-(?:го|м|й))?|[-–](?P<yy>[0-9]{{2}}))?"
    ))
    .expect("year pattern is valid")
});

/// Russian words for "year" after a year: "2018 года", "2018 г.", "2014–2016 гг.".
static RUSSIAN_YEAR_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:года|году|год|гг\.|г\.|г)").expect("year word pattern is valid")
});

/// What may stand between two dates that make a range.
static RANGE_BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:{RANGE}|\s+(?i:and|и|et|und|y|e)\s+)$"))
        .expect("range joiner pattern is valid")
});

/// A bare year closing a range after a date: "… to 2021".
static RANGE_TO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{RANGE}|\s+(?i:and|и|et|und|y|e)\s+)(?P<y>[0-9]{{4}})"
    ))
    .expect("range-to-year pattern is valid")
});

// --- Candidates -------------------------------------------------------------

/// A reading of part of the text as a date, before overlaps are resolved.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    /// `None`: shaped like a date but not one (30 February); it still
    /// keeps shorter readings of the same words out.
    when: Option<When>,
}

/// A chosen date, without its lead-in words.
#[derive(Debug, Clone, Copy)]
struct Core {
    start: usize,
    end: usize,
    when: When,
}

/// Runs `re`, which ends at the end of `head`, from `from` on, and hands
/// the longest match to `read`. `read` returns the candidate, or `None`
/// when the match does not stand on its own ("x25 May 2018"); then a
/// shorter match starting one character later is tried.
fn scan(
    head: &str,
    from: usize,
    re: &Regex,
    out: &mut Vec<Candidate>,
    mut read: impl FnMut(&Captures<'_>) -> Option<Candidate>,
) {
    let mut at = from;
    while let Some(caps) = re.captures_at(head, at) {
        let start = caps.get(0).expect("group 0 always exists").start();
        if let Some(candidate) = read(&caps) {
            out.push(candidate);
            return;
        }
        at = start + head[start..].chars().next().map_or(1, char::len_utf8);
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether a match starting at `start` is not glued to a word or number
/// before it ("125 May", "x2018", "3.25 May").
fn free_start(text: &str, start: usize) -> bool {
    match char_before(text, start) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',' | '/' | '-' | ':') => {
            !char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit())
        }
        Some(_) => true,
    }
}

/// The end of a date whose year ends at `end`, past a Russian "года"/"г."
/// if there is one; `None` when letters or digits are glued to it.
fn date_end(text: &str, end: usize) -> Option<(usize, bool)> {
    if let Some(word) = RUSSIAN_YEAR_WORD.find(&text[end..]) {
        let after = end + word.end();
        if !char_after(text, after).is_some_and(char::is_alphanumeric) {
            return Some((after, true));
        }
    }
    match char_after(text, end) {
        Some(c) if c.is_alphanumeric() => None,
        Some('.' | ',' | '/' | ':')
            if text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            None
        }
        _ => Some((end, false)),
    }
}

fn number(caps: &Captures<'_>, name: &str) -> Option<u32> {
    let digits: String = caps
        .name(name)?
        .as_str()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A year written with a month or day (1000–2199: older than year-alone
/// mentions are allowed, since the month vouches for it).
fn dated_year(caps: &Captures<'_>, name: &str) -> Option<i32> {
    let y = number(caps, name)?;
    (1000..=2199).contains(&y).then_some(y as i32)
}

/// A day with a month, or a day range within or across months, in `year`;
/// `None` when a day is not in the calendar or the range runs backwards.
fn days(year: i32, m1: u8, d1: u32, end: Option<(u8, u32)>) -> Option<When> {
    let day = |y: i32, m: u8, d: u32| u8::try_from(d).ok().and_then(|d| PartialDate::day(y, m, d));
    match end {
        None => Some(When::single(day(year, m1, d1)?)),
        Some((m2, d2)) => {
            // "December 30 – January 2, 2019": the range starts the year before.
            let first_year = if m1 > m2 { year - 1 } else { year };
            When::range(day(first_year, m1, d1)?, day(year, m2, d2)?)
        }
    }
}

/// "May 25, 2018", "May 25–26, 2018", "May 30 – June 2, 2018".
fn month_day_year(text: &str, head: &str, from: usize, lang: Option<u8>, out: &mut Vec<Candidate>) {
    scan(head, from, &MONTH_DAY_YEAR, out, |caps| {
        let whole = caps.get(0)?;
        if !free_start(text, whole.start()) {
            return None;
        }
        let (end, _) = date_end(text, whole.end())?;
        let m1 = read_month(caps.name("m1")?.as_str(), lang, true)?;
        let m2 = match caps.name("m2") {
            Some(m) => Some(read_month(m.as_str(), lang, true)?),
            None => None,
        };
        let year = dated_year(caps, "y")?;
        let d1 = number(caps, "d1")?;
        let range = number(caps, "d2").map(|d2| (m2.unwrap_or(m1), d2));
        Some(Candidate {
            start: whole.start(),
            end,
            when: days(year, m1, d1, range),
        })
    });
}

/// "25 May 2018", "25–26 мая 2018 г.", "30 May – 2 June 2018",
/// "el 7 de mayo de 2018", "am 7. Mai 2018".
fn day_month_year(text: &str, head: &str, from: usize, lang: Option<u8>, out: &mut Vec<Candidate>) {
    scan(head, from, &DAY_MONTH_YEAR, out, |caps| {
        let whole = caps.get(0)?;
        if !free_start(text, whole.start()) {
            return None;
        }
        let (end, _) = date_end(text, whole.end())?;
        let last_month = read_month(caps.name("m2")?.as_str(), lang, true)?;
        let first_month = match caps.name("m1") {
            Some(m) => read_month(m.as_str(), lang, true)?,
            None => last_month,
        };
        let year = dated_year(caps, "y")?;
        let d1 = number(caps, "d1")?;
        let when = match number(caps, "d2") {
            Some(d2) => days(year, first_month, d1, Some((last_month, d2))),
            // Two month names need two days: "25 May June 2018" is no date.
            None if caps.name("m1").is_some() => return None,
            None => days(year, last_month, d1, None),
        };
        Some(Candidate {
            start: whole.start(),
            end,
            when,
        })
    });
}

/// "November 2014", "в ноябре 2014 года", "noviembre de 2014",
/// "November–December 2014".
fn month_year(text: &str, head: &str, from: usize, lang: Option<u8>, out: &mut Vec<Candidate>) {
    scan(head, from, &MONTH_YEAR, out, |caps| {
        let whole = caps.get(0)?;
        if !free_start(text, whole.start()) {
            return None;
        }
        let (end, _) = date_end(text, whole.end())?;
        let last = read_month(caps.name("m2")?.as_str(), lang, false)?;
        let year = dated_year(caps, "y")?;
        let when = match caps.name("m1") {
            Some(m) => {
                let first = read_month(m.as_str(), lang, false)?;
                let first_year = if first > last { year - 1 } else { year };
                When::range(
                    PartialDate::month(first_year, first),
                    PartialDate::month(year, last),
                )
            }
            None => Some(When::single(PartialDate::month(year, last))),
        };
        Some(Candidate {
            start: whole.start(),
            end,
            when,
        })
    });
}

/// "25.05.2018" ending at the year, "2018-05-25" starting at it.
fn numeric(text: &str, head: &str, from: usize, year_start: usize, out: &mut Vec<Candidate>) {
    let read = |caps: &Captures<'_>, offset: usize| {
        let whole = caps.get(0)?;
        let start = offset + whole.start();
        if char_before(text, start)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '/' | ','))
        {
            return None;
        }
        let (end, _) = date_end(text, offset + whole.end())?;
        if matches!(char_after(text, end), Some('-' | '.'))
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        let year = dated_year(caps, "y")?;
        let month = u8::try_from(number(caps, "m")?)
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let day = u8::try_from(number(caps, "d")?).ok()?;
        // "31.02.2018" is shaped like a date but is none.
        let when = PartialDate::day(year, month, day).map(When::single);
        Some(Candidate { start, end, when })
    };
    scan(head, from, &NUMERIC_DAY_FIRST, out, |caps| read(caps, 0));
    if let Some(caps) = NUMERIC_ISO.captures(&text[year_start..])
        && let Some(candidate) = read(&caps, year_start)
    {
        out.push(candidate);
    }
}

/// Years that may stand alone as a date.
const YEAR_ALONE: std::ops::RangeInclusive<u32> = 1800..=2100;

/// Words after a number that say it counts things: "2018 roubles",
/// "2000 people", "1900 km".
const COUNTED: &[&str] = &[
    "people",
    "persons",
    "person",
    "men",
    "women",
    "children",
    "troops",
    "soldiers",
    "officers",
    "residents",
    "inhabitants",
    "workers",
    "employees",
    "students",
    "members",
    "delegates",
    "participants",
    "visitors",
    "tourists",
    "refugees",
    "victims",
    "cases",
    "deaths",
    "votes",
    "seats",
    "copies",
    "pages",
    "units",
    "items",
    "times",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "roubles",
    "rubles",
    "dollars",
    "euros",
    "euro",
    "yen",
    "yuan",
    "pounds",
    "usd",
    "eur",
    "rub",
    "jpy",
    "tons",
    "tonnes",
    "kilograms",
    "kg",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "ft",
    "hectares",
    "barrels",
    "cubic",
    "square",
    "sq",
    "megawatts",
    "mw",
    "gw",
    "kw",
    "percent",
    "per",
    "points",
    "ships",
    "vessels",
    "aircraft",
    "planes",
    "tanks",
    "missiles",
    "warheads",
    "companies",
    "firms",
    "projects",
    "jobs",
    "households",
    "families",
    "signatures",
    "words",
    "characters",
    "человек",
    "людей",
    "жителей",
    "рублей",
    "руб",
    "долларов",
    "евро",
    "иен",
    "юаней",
    "тонн",
    "км",
    "километров",
    "метров",
    "гектаров",
    "баррелей",
    "процентов",
    "раз",
    "лет",
    "голосов",
    "экземпляров",
    "страниц",
    "единиц",
    "компаний",
    "проектов",
    "военных",
    "солдат",
    "personnes",
    "habitants",
    "euros",
    "dollars",
    "tonnes",
    "kilomètres",
    "mètres",
    "fois",
    "ans",
    "voix",
    "personen",
    "einwohner",
    "menschen",
    "soldaten",
    "tonnen",
    "kilometer",
    "meter",
    "prozent",
    "jahre",
    "stimmen",
    "personas",
    "habitantes",
    "dólares",
    "toneladas",
    "kilómetros",
    "metros",
    "años",
    "votos",
    "persone",
    "abitanti",
    "dollari",
    "tonnellate",
    "chilometri",
    "metri",
    "anni",
    "voti",
];

/// Words before a year that make "the 1956 Joint Declaration" a year.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "whose",
];

/// "in 1956", "since 2014", "2014–2016 гг.", "the 1956 Joint Declaration".
fn year_alone(text: &str, year_start: usize, out: &mut Vec<Candidate>) {
    if let Some(candidate) = read_year_alone(text, year_start) {
        out.push(candidate);
    }
}

/// The year (or year range) starting at `start`, if its context makes it
/// one (see [`find_dates`]).
fn read_year_alone(text: &str, start: usize) -> Option<Candidate> {
    let caps = YEAR.captures(&text[start..])?;
    let whole = caps.get(0)?;
    if let Some(c) = char_before(text, start) {
        if c.is_alphanumeric() || "$€£¥₽#№+/\\@&*=^".contains(c) {
            return None;
        }
        // "2016-2018" is read whole; "x-2018" only as "mid-2018".
        if matches!(c, '-' | '‐' | '–' | '—') && glued_mid(text, start).is_none() {
            return None;
        }
        if matches!(c, '.' | ',' | ':') && !free_start(text, start) {
            return None;
        }
    }
    let y1 = number(&caps, "y1")?;
    if !YEAR_ALONE.contains(&y1) {
        return None;
    }
    // "2014–15": the second year in two digits, in the same century or,
    // after 99, the next.
    let short = number(&caps, "yy").map(|yy| {
        let y2 = y1 - y1 % 100 + yy;
        if y2 <= y1 { y2 + 100 } else { y2 }
    });
    let y2 = match number(&caps, "y2").or(short) {
        Some(y2) if YEAR_ALONE.contains(&y2) && y2 > y1 && (short.is_none() || y2 - y1 < 10) => {
            Some(y2)
        }
        Some(_) => return None,
        None => None,
    };
    let (end, year_word) = date_end(text, start + whole.end())?;
    let rest = &text[end..];
    // "1990’s" is a decade; "2014’s" a possessive year.
    let possessive = rest.starts_with("'s") || rest.starts_with("’s");
    if possessive
        && (y1 % 10 == 0
            || text[end..]
                .chars()
                .nth(2)
                .is_some_and(char::is_alphanumeric))
    {
        return None;
    }
    if !year_word && !possessive {
        if is_count(text, end) {
            return None;
        }
        // "2014 to 3000 people": the number is a count, not a year.
        if RANGE_TO_YEAR.find(rest).is_none() && starts_range_to_number(rest) {
            return None;
        }
        let cue = lead_in(text, start).is_some()
            || determiner_before(text, start) && next_word(text, end).is_some()
            || named_of(text, start);
        if !cue {
            return None;
        }
    }
    let from = PartialDate::year(y1 as i32);
    let when = match y2 {
        Some(y2) => When::range(from, PartialDate::year(y2 as i32)),
        None => Some(When::single(from)),
    };
    Some(Candidate { start, end, when })
}

/// Whether what follows a number ending at `end` makes it a count or an
/// amount: a sign glued on ("2018-style", "1990-х", "2000-600", "50%",
/// "2018+") or a counted noun ("2018 roubles", "2000 people").
fn is_count(text: &str, end: usize) -> bool {
    matches!(
        char_after(text, end),
        Some('-' | '‐' | '%' | '+' | '‰' | '/' | '$' | '€' | '₽')
    ) || next_word(text, end).is_some_and(|w| COUNTED.contains(&w.to_lowercase().as_str()))
}

/// Whether `rest` goes on with a range to a number ("–3000").
fn starts_range_to_number(rest: &str) -> bool {
    static RANGE_TO_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^{RANGE}[0-9]")).expect("range-to-number pattern is valid")
    });
    RANGE_TO_NUMBER.is_match(rest)
}

/// The word (letters only) after `at`, past spaces.
fn next_word(text: &str, at: usize) -> Option<&str> {
    let rest = text[at..].trim_start();
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| &rest[..len])
}

/// The word before `at` (letters and apostrophes), past at least one space,
/// with its start.
fn prev_word(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = &text[..at];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    let len: usize = trimmed
        .chars()
        .rev()
        .take_while(|&c| c.is_alphabetic() || c == '\'' || c == '’')
        .map(char::len_utf8)
        .sum();
    let start = trimmed.len() - len;
    (len > 0).then(|| (start, &trimmed[start..]))
}

/// Nouns of things named by their year ("the statute of 1921", "la loi de
/// 1905"), lowercase.
const DATED_NOUNS: &[&str] = &[
    "treaty",
    "act",
    "statute",
    "law",
    "agreement",
    "accord",
    "declaration",
    "convention",
    "constitution",
    "protocol",
    "charter",
    "pact",
    "crisis",
    "war",
    "revolution",
    "election",
    "elections",
    "summit",
    "census",
    "conference",
    "congress",
    "reform",
    "reforms",
    "doctrine",
    "resolution",
    "memorandum",
    "communiqué",
    "olympics",
    "games",
    "traité",
    "loi",
    "déclaration",
    "crise",
    "guerre",
    "révolution",
    "élection",
    "élections",
    "sommet",
    "tratado",
    "acuerdo",
    "declaración",
    "convención",
    "constitución",
    "ley",
    "revolución",
    "elecciones",
    "cumbre",
    "trattato",
    "accordo",
    "dichiarazione",
    "costituzione",
    "legge",
    "crisi",
    "elezioni",
    "vertice",
];

/// Whether a year at `at` follows "of"/"de" after a name or a dated noun:
/// "the Helsinki Final Act of 1975", "the statute of 1921", "la
/// Constitución de 1978".
fn named_of(text: &str, at: usize) -> bool {
    let Some((s, of)) = prev_word(text, at) else {
        return false;
    };
    if !matches!(
        of.to_lowercase().as_str(),
        "of" | "de" | "del" | "di" | "des"
    ) {
        return false;
    }
    prev_word(text, s).is_some_and(|(_, noun)| {
        noun.chars().next().is_some_and(char::is_uppercase)
            || listed(DATED_NOUNS, &noun.to_lowercase())
    })
}

/// Whether the word before `at` is a determiner or a possessive.
fn determiner_before(text: &str, at: usize) -> bool {
    prev_word(text, at).is_some_and(|(_, w)| {
        let lower = w.to_lowercase();
        DETERMINERS.contains(&lower.as_str())
            || (lower.len() > 2 && (lower.ends_with("'s") || lower.ends_with("’s")))
    })
}

/// Prepositions that may open a date phrase ("On May 25", "в 1956 году",
/// "seit 2014"), lowercase.
const PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "since",
    "by",
    "until",
    "till",
    "before",
    "after",
    "during",
    "from",
    "through",
    "throughout",
    "between",
    "for",
    "into",
    "в",
    "во",
    "с",
    "со",
    "до",
    "после",
    "к",
    "по",
    "от",
    "между",
    "le",
    "en",
    "depuis",
    "dès",
    "avant",
    "après",
    "jusqu'en",
    "jusqu’en",
    "jusqu'au",
    "jusqu’au",
    "du",
    "au",
    "entre",
    "pendant",
    "am",
    "im",
    "seit",
    "bis",
    "vor",
    "nach",
    "ab",
    "von",
    "vom",
    "zwischen",
    "el",
    "desde",
    "hasta",
    "durante",
    "del",
    "il",
    "nel",
    "dal",
    "entro",
    "tra",
    "fra",
    "dopo",
    "prima",
];

/// Words that narrow a date down ("in early 2014", "в конце 2014 года",
/// "Anfang 2014"), lowercase.
const MODIFIERS: &[&str] = &[
    "early",
    "late",
    "mid",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "начале",
    "конце",
    "середине",
    "начала",
    "конца",
    "середины",
    "весной",
    "летом",
    "осенью",
    "зимой",
    "début",
    "fin",
    "anfang",
    "ende",
    "mitte",
    "frühjahr",
    "sommer",
    "herbst",
    "principios",
    "finales",
    "mediados",
    "inizio",
    "fine",
    "metà",
];

/// Words that say "year" ("im Jahr 2014", "the year 2014"), lowercase.
const YEAR_NOUNS: &[&str] = &["year", "jahr", "jahre", "année", "an", "año", "anno"];

/// Nouns before "of" that make what follows a time ("the end of 2014",
/// "the autumn of 2018"), lowercase.
const TIME_NOUNS: &[&str] = &[
    "end",
    "beginning",
    "start",
    "middle",
    "half",
    "quarter",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "course",
    "fin",
    "début",
    "principios",
    "finales",
    "mediados",
    "inizio",
    "fine",
];

/// The start of "mid-" glued before a year at `at` ("mid-2015", "mi-2015").
fn glued_mid(text: &str, at: usize) -> Option<usize> {
    let before = &text[..at];
    ["mid-", "mid‐", "mi-"].iter().find_map(|glued| {
        let start = before.len().checked_sub(glued.len())?;
        (before.is_char_boundary(start)
            && before[start..].eq_ignore_ascii_case(glued)
            && !char_before(text, start).is_some_and(char::is_alphanumeric))
        .then_some(start)
    })
}

/// Whether `word` (lowercase) is in `list`, also without an elided article
/// ("l'an" → "an").
fn listed(list: &[&str], word: &str) -> bool {
    list.contains(&word)
        || word
            .rsplit(['\'', '’'])
            .next()
            .is_some_and(|bare| bare != word && list.contains(&bare))
}

/// Where the preposition or modifier words just before a date starting at
/// `at` begin ("On", "in early", "the end of", "в конце", "im Jahr"), if
/// there are any; they also say that a number after them is a year.
fn lead_in(text: &str, at: usize) -> Option<usize> {
    let mut start = at;
    let mut found = false;
    if let Some(s) = glued_mid(text, at) {
        start = s;
        found = true;
    } else if let Some((s, w)) = prev_word(text, at) {
        let w = w.to_lowercase();
        if listed(MODIFIERS, &w) || listed(YEAR_NOUNS, &w) {
            start = s;
            found = true;
        } else if matches!(w.as_str(), "of" | "de" | "del" | "di" | "des")
            && let Some((s2, noun)) = prev_word(text, s)
            && listed(TIME_NOUNS, &noun.to_lowercase())
        {
            start = s2;
            found = true;
        }
    }
    if let Some((s, w)) = prev_word(text, start) {
        let w = w.to_lowercase();
        if listed(PREPOSITIONS, &w) {
            start = s;
            found = true;
        } else if w == "to"
            && let Some((s2, up)) = prev_word(text, s)
            && up.eq_ignore_ascii_case("up")
        {
            // "up to 2020".
            start = s2;
            found = true;
        } else if matches!(w.as_str(), "de" | "del")
            && let Some((s2, head)) = prev_word(text, s)
            && matches!(
                head.to_lowercase().as_str(),
                "antes" | "después" | "despues" | "partir"
            )
        {
            start = s2;
            found = true;
        }
    }
    found.then_some(start)
}

// --- Choosing and joining ----------------------------------------------------

/// The readings to keep: longest first, then most precise, then leftmost;
/// none overlapping a reading kept before it. Blockers are kept and then
/// dropped, so their words give no date at all.
fn choose(mut candidates: Vec<Candidate>) -> Vec<Core> {
    candidates.sort_by(|a, b| {
        let precision = |c: &Candidate| c.when.map_or(9, |w| w.from.precision());
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(precision(b).cmp(&precision(a)))
            .then(a.start.cmp(&b.start))
    });
    // Kept readings by start. They never overlap, so the one starting last
    // before a candidate's end is the only one that can overlap it.
    let mut kept: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in candidates {
        let clear = kept
            .range(..c.end)
            .next_back()
            .is_none_or(|(_, k)| k.end <= c.start);
        if clear {
            kept.insert(c.start, c);
        }
    }
    kept.into_values()
        .filter_map(|c| {
            c.when.map(|when| Core {
                start: c.start,
                end: c.end,
                when,
            })
        })
        .collect()
}

/// Words for "and", which join a range only after "between".
const AND_WORDS: &[&str] = &["and", "и", "et", "und", "y", "e"];

/// Whether the phrase before `at` opens with "between" (which makes
/// "and" join a range).
fn after_between(text: &str, at: usize) -> bool {
    lead_in(text, at)
        .map(|start| text[start..at].to_lowercase())
        .is_some_and(|lead| {
            ["between", "между", "entre", "zwischen", "tra", "fra"]
                .iter()
                .any(|b| lead.starts_with(b))
        })
}

/// Joins neighbours into ranges: "November 2014 – January 2015", "from
/// 2014 to 2016", "September 2018 to 2021", "between 2014 and 2016".
fn join_ranges(text: &str, cores: Vec<Core>) -> Vec<Core> {
    let mut joined: Vec<Core> = Vec::with_capacity(cores.len());
    let mut rest = cores.into_iter().peekable();
    while let Some(mut core) = rest.next() {
        if core.when.to.is_none() {
            let and_ok = after_between(text, core.start);
            // "in 2014 and 2016" is two years; "between 2014 and 2016" a range.
            let joins = |between: &str| {
                RANGE_BETWEEN.is_match(between)
                    && (and_ok || !AND_WORDS.contains(&between.trim().to_lowercase().as_str()))
            };
            if let Some(next) = rest.peek()
                && next.when.to.is_none()
                && joins(&text[core.end..next.start])
                && let Some(when) = When::range(core.when.from, next.when.from)
            {
                core = Core {
                    start: core.start,
                    end: next.end,
                    when,
                };
                rest.next();
            } else if let Some(caps) = RANGE_TO_YEAR.captures(&text[core.end..])
                && let Some(y) = caps.name("y")
                && joins(&text[core.end..core.end + y.start()])
                && let Some((year, end)) = bare_year(text, core.end + y.start())
                && rest.peek().is_none_or(|n| n.start >= end)
                && year > core.when.from.year
                && let Some(when) = When::range(core.when.from, PartialDate::year(year))
            {
                core = Core {
                    start: core.start,
                    end,
                    when,
                };
            }
        }
        joined.push(core);
    }
    joined
}

/// A year that goes on a list of years: "in 2014, 2015 and 2016".
static LIST_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,\s*|\s*,?\s+(?i:and|or|и|или|et|ou|und|oder|y|o|e)\s+)(?P<y>[0-9]{4})")
        .expect("year list pattern is valid")
});

/// The years listed after a year: "in 2014, 2015 and 2016" is three
/// dates, though only the first has "in" before it.
fn continue_lists(text: &str, cores: Vec<Core>) -> Vec<Core> {
    let mut out: Vec<Core> = Vec::with_capacity(cores.len());
    let mut rest = cores.into_iter().peekable();
    while let Some(core) = rest.next() {
        out.push(core);
        let mut last = core;
        while last.when.from.month.is_none()
            && let Some(caps) = LIST_NEXT.captures(&text[last.end..])
            && let Some(y) = caps.name("y")
            && let Some((year, end)) = bare_year(text, last.end + y.start())
            && rest.peek().is_none_or(|n| n.start >= end)
        {
            last = Core {
                start: last.end + y.start(),
                end,
                when: When::single(PartialDate::year(year)),
            };
            out.push(last);
        }
    }
    out
}

/// A year written alone at `start` that the words after it do not make a
/// count: its value and where it ends (past "года").
fn bare_year(text: &str, start: usize) -> Option<(i32, usize)> {
    let digits = text.get(start..start + 4)?;
    let year: u32 = digits.parse().ok()?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !YEAR_ALONE.contains(&year) {
        return None;
    }
    let (end, year_word) = date_end(text, start + 4)?;
    (year_word || !is_count(text, end)).then_some((year as i32, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each phrase found, as written, with its ISO meaning.
    fn found(text: &str, language: &str) -> Vec<(String, String)> {
        find_dates(text, language)
            .into_iter()
            .map(|p| (text[p.start..p.end].to_string(), p.when.iso()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    // English month-first dates, single and ranged, with the "On" kept.
    #[test]
    fn english_month_first_days_and_ranges() {
        let t = "On May 25–26, 2018, Abe visited. On May 25, 2018 he spoke; \
                 May 25-26, 2018 and May 25 to 26, 2018 too. Sept. 5, 2016 was \
                 earlier, and May 30 – June 2, 2018 later.";
        assert_eq!(
            found(t, "en"),
            pairs(&[
                ("On May 25–26, 2018", "2018-05-25/2018-05-26"),
                ("On May 25, 2018", "2018-05-25"),
                ("May 25-26, 2018", "2018-05-25/2018-05-26"),
                ("May 25 to 26, 2018", "2018-05-25/2018-05-26"),
                ("Sept. 5, 2016", "2016-09-05"),
                ("May 30 – June 2, 2018", "2018-05-30/2018-06-02"),
            ])
        );
    }

    // English day-first dates and ranges within and across months.
    #[test]
    fn english_day_first() {
        let t = "It opened on 25 May 2018, met on the 25th of May 2018, ran \
                 25–26 May 2018 and 30 May – 2 June 2018.";
        assert_eq!(
            found(t, "en"),
            pairs(&[
                ("on 25 May 2018", "2018-05-25"),
                ("25th of May 2018", "2018-05-25"),
                ("25–26 May 2018", "2018-05-25/2018-05-26"),
                ("30 May – 2 June 2018", "2018-05-30/2018-06-02"),
            ])
        );
    }

    // Month and year, alone and joined into ranges.
    #[test]
    fn english_months() {
        let t = "In November 2014, talks began; December 2016 saw a visit; \
                 from November 2014 – January 2015 and in November–December 2014 \
                 little happened, nor in May 2018.";
        assert_eq!(
            found(t, "en"),
            pairs(&[
                ("In November 2014", "2014-11"),
                ("December 2016", "2016-12"),
                ("from November 2014 – January 2015", "2014-11/2015-01"),
                ("in November–December 2014", "2014-11/2014-12"),
                ("in May 2018", "2018-05"),
            ])
        );
    }

    // Years alone count after a preposition, modifier or determiner.
    #[test]
    fn english_years_in_context() {
        let t = "Lost in 1945, claimed since 2014, due by 2019, planned for 2018, \
                 in early 2014 and mid-2015, at the end of 2014, under the 1956 \
                 Joint Declaration, after Putin’s 2016 visit.";
        assert_eq!(
            found(t, "en"),
            pairs(&[
                ("in 1945", "1945"),
                ("since 2014", "2014"),
                ("by 2019", "2019"),
                ("for 2018", "2018"),
                ("in early 2014", "2014"),
                ("mid-2015", "2015"),
                ("end of 2014", "2014"),
                ("1956", "1956"),
                ("2016", "2016"),
            ])
        );
    }

    // Year ranges: with a dash, "from … to", "between … and", month to year.
    #[test]
    fn year_ranges() {
        let t = "It grew in 2014–2016, from 2010 to 2012 and between 2001 and \
                 2003, re-elected in September 2018 to 2021. In 2014 and 2016 \
                 there were votes.";
        assert_eq!(
            found(t, "en"),
            pairs(&[
                ("in 2014–2016", "2014/2016"),
                ("from 2010 to 2012", "2010/2012"),
                ("between 2001 and 2003", "2001/2003"),
                ("in September 2018 to 2021", "2018-09/2021"),
                // "and" without "between" lists two years, not a range.
                ("In 2014", "2014"),
                ("2016", "2016"),
            ])
        );
        // Lists of years: each is a date; counts are not.
        assert_eq!(
            found(
                "In 2014, 2015 and 2016 trade fell; in 2018, 2000 troops left.",
                "en"
            ),
            pairs(&[
                ("In 2014", "2014"),
                ("2015", "2015"),
                ("2016", "2016"),
                ("in 2018", "2018"),
            ])
        );
        assert_eq!(
            found("valid up to 2020", "en"),
            pairs(&[("up to 2020", "2020")])
        );
        // A two-digit end year, also across a century.
        assert_eq!(
            found(
                "In 2014–15 and in 1999-00 it grew; 2000-600 is a number.",
                "en"
            ),
            pairs(&[("In 2014–15", "2014/2015"), ("in 1999-00", "1999/2000")])
        );
    }

    // A year after "of" counts when a name or a dated noun comes before it;
    // an English month in lowercase counts between a day and a year.
    #[test]
    fn years_after_of_and_lowercase_months_with_days() {
        let t = "The Helsinki Final Act of 1975 held; the statute of 1921 did \
                 not. RIAC 02 february 2015.";
        assert_eq!(
            found(t, "en"),
            pairs(&[
                ("1975", "1975"),
                ("1921", "1921"),
                ("02 february 2015", "2015-02-02")
            ])
        );
        assert_eq!(found("a total of 2000 were counted", "en"), vec![]);
        assert_eq!(found("what may 2018 bring", "en"), vec![]);
    }

    // Numbers that are not years, and shapes that are not dates.
    #[test]
    fn rejects_numbers_that_are_not_dates() {
        for t in [
            "the 2+2 format of talks",
            "some 1,500 people came",
            "we met at 10:30 sharp",
            "see No. 2018 of the series",
            "call +7 495 2018 5566 now",
            "on page 1956 of the report",
            "prices in 2018 roubles rose",
            "he won by 2000 votes",
            "in the 1990s and the 1980's",
            "в 1990-х годах",
            "the 2018/19 season",
            "a 2000-strong crowd",
            "between 1000 and 2000",
            "up 2017%",
            "code 20180525",
            "we may 2018 differently",
            "Mars 2020 landed",
            "in 2014 to 3000 people",
        ] {
            assert_eq!(found(t, "en"), vec![], "{t}");
        }
    }

    // A date that is not in the calendar is no date, nor is part of it.
    #[test]
    fn rejects_invalid_days() {
        assert_eq!(found("On February 30, 2018 nothing.", "en"), vec![]);
        assert_eq!(found("On 30 February 2018 nothing.", "en"), vec![]);
        assert_eq!(found("On 31.02.2018 nothing.", "ru"), vec![]);
        assert_eq!(found("On May 26–25, 2018 nothing.", "en"), vec![]);
        // A leap day is a day.
        assert_eq!(
            found("On 29 February 2016.", "en"),
            pairs(&[("On 29 February 2016", "2016-02-29")])
        );
    }

    // Russian: genitive days, prepositional months, "года"/"г." kept.
    #[test]
    fn russian() {
        let t = "Встреча 25 мая 2018 года прошла, саммит 25–26 мая 2018 г. тоже; \
                 в ноябре 2014 года и в декабре 2016 г. были визиты, а в 1956 году \
                 подписали декларацию; с 2014 по 2016 год шли переговоры.";
        assert_eq!(
            found(t, "ru"),
            pairs(&[
                ("25 мая 2018 года", "2018-05-25"),
                ("25–26 мая 2018 г.", "2018-05-25/2018-05-26"),
                ("в ноябре 2014 года", "2014-11"),
                ("в декабре 2016 г.", "2016-12"),
                ("в 1956 году", "1956"),
                ("с 2014 по 2016 год", "2014/2016"),
            ])
        );
    }

    // Every Russian prepositional month form is a month.
    #[test]
    fn russian_prepositional_months() {
        let forms = [
            "январе",
            "феврале",
            "марте",
            "апреле",
            "мае",
            "июне",
            "июле",
            "августе",
            "сентябре",
            "октябре",
            "ноябре",
            "декабре",
        ];
        for (i, form) in forms.iter().enumerate() {
            let t = format!("в {form} 2014 года");
            let expected = format!("2014-{:02}", i + 1);
            assert_eq!(found(&t, "ru"), pairs(&[(&t, &expected)]), "{form}");
        }
    }

    // French, German, Spanish and Italian days and months.
    #[test]
    fn other_languages() {
        assert_eq!(
            found(
                "Signé le 7 mai 2018, puis le 1er février 2021 ; en novembre 2014 déjà.",
                "fr"
            ),
            pairs(&[
                ("le 7 mai 2018", "2018-05-07"),
                ("le 1er février 2021", "2021-02-01"),
                ("en novembre 2014", "2014-11"),
            ])
        );
        assert_eq!(
            found(
                "Am 7. Mai 2018 und im November 2014, vom 7. bis 9. März 2019, seit 2014.",
                "de"
            ),
            pairs(&[
                ("Am 7. Mai 2018", "2018-05-07"),
                ("im November 2014", "2014-11"),
                ("vom 7. bis 9. März 2019", "2019-03-07/2019-03-09"),
                ("seit 2014", "2014"),
            ])
        );
        assert_eq!(
            found(
                "El 7 de mayo de 2018 y en noviembre de 2014, del 7 al 9 de mayo de 2018.",
                "es"
            ),
            pairs(&[
                ("El 7 de mayo de 2018", "2018-05-07"),
                ("en noviembre de 2014", "2014-11"),
                ("del 7 al 9 de mayo de 2018", "2018-05-07/2018-05-09"),
            ])
        );
        assert_eq!(
            found("Il 7 maggio 2018 e nel 2014.", "it"),
            pairs(&[("Il 7 maggio 2018", "2018-05-07"), ("nel 2014", "2014")])
        );
    }

    // Foreign month names count with a day, not alone.
    #[test]
    fn foreign_months_need_a_day() {
        assert_eq!(
            found("Published 7 mai 2018 in Paris.", "en"),
            pairs(&[("7 mai 2018", "2018-05-07")])
        );
        assert_eq!(found("The Mars 2020 rover.", "en"), vec![]);
        // In French the same word is a month.
        assert_eq!(
            found("Depuis mars 2020.", "fr"),
            pairs(&[("Depuis mars 2020", "2020-03")])
        );
    }

    // Numeric dates, and a range that crosses the new year.
    #[test]
    fn numeric_and_new_year_ranges() {
        assert_eq!(
            found("Принят 25.05.2018 г., опубликован 2018-05-30.", "ru"),
            pairs(&[
                ("25.05.2018 г.", "2018-05-25"),
                ("2018-05-30", "2018-05-30")
            ])
        );
        assert_eq!(
            found("From December 30 – January 2, 2019 it closed.", "en"),
            pairs(&[(
                "From December 30 – January 2, 2019",
                "2018-12-30/2019-01-02"
            )])
        );
    }

    // Offsets are byte offsets on char boundaries, and odd input never panics.
    #[test]
    fn offsets_and_odd_input() {
        let t = "«Заявление» — в 1956 году, ёж 2018";
        let found = find_dates(t, "ru");
        assert_eq!(found.len(), 1);
        assert_eq!(&t[found[0].start..found[0].end], "в 1956 году");
        for t in [
            "",
            "2018",
            "—2018—",
            "мая 2018",
            "31 2018",
            "May 2018",
            "2018 г",
            "mid-2018",
            "0000-00-00",
            "99.99.9999",
            "ё1956",
            "1956ё",
            "в–2018",
            "May 25–",
        ] {
            let _ = find_dates(t, "ru");
            let _ = find_dates(t, "");
        }
    }

    // Mixed scraps of dates, Cyrillic, digits and dashes: no panic, and
    // every phrase lies on char boundaries, in order, without overlaps.
    #[test]
    fn random_text_keeps_invariants() {
        let pieces = [
            "May",
            "мая",
            "ноябре",
            "mai",
            "de",
            "в",
            "in",
            "the",
            "2018",
            "1956",
            "25",
            "7.",
            "–",
            "-",
            "—",
            ",",
            ".",
            " ",
            " ",
            " ",
            "года",
            "г.",
            "ё",
            "1,500",
            "2+2",
            "to",
            "25.05.2018",
            "2018-05-25",
            "Sept.",
            "of",
            "end",
            "mid-",
            "’s",
            "s",
            "\u{a0}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut total = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for lang in ["en", "ru", "de", ""] {
                let found = find_dates(&text, lang);
                let mut last_end = 0;
                for p in &found {
                    assert!(p.start < p.end && p.start >= last_end, "{text:?}");
                    assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
                    last_end = p.end;
                }
                total += found.len();
            }
        }
        // The scraps do make dates, so the checks above were exercised.
        assert!(total > 500, "only {total} phrases");
    }

    // Precision ordering: a year sorts before its months and days, a day
    // before a range starting that day.
    #[test]
    fn when_orders_by_precision() {
        let year = When::single(PartialDate::year(2018));
        let month = When::single(PartialDate::month(2018, 5));
        let day = When::single(PartialDate::day(2018, 5, 25).unwrap());
        let range = When::range(
            PartialDate::day(2018, 5, 25).unwrap(),
            PartialDate::day(2018, 5, 26).unwrap(),
        )
        .unwrap();
        let later = When::single(PartialDate::year(2019));
        let mut all = vec![later, range, day, month, year];
        all.sort();
        assert_eq!(all, vec![year, month, day, range, later]);
    }

    // The shared month lookup reads names and abbreviations in any language.
    #[test]
    fn month_number_reads_all_languages() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("ноябре"), Some(11));
        assert_eq!(month_number("März"), Some(3));
        assert_eq!(month_number("giugno"), Some(6));
        assert_eq!(month_number("Monday"), None);
    }
}

//! Dates as sites print them: `30.11.2012 г.`, `2016-04-28`, `June 14, 2018`,
//! `02 february 2015`, `17 мая 2017`, `17. Mai 2017`, `17 de mayo de 2017`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Month names and abbreviations in English, Russian, French, German and
/// Spanish, lowercase, each with its month number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("января", 1),
    ("январь", 1),
    ("янв", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("фев", 2),
    ("марта", 3),
    ("март", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июня", 6),
    ("июнь", 6),
    ("июля", 7),
    ("июль", 7),
    ("августа", 8),
    ("август", 8),
    ("авг", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("сен", 9),
    ("сент", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("окт", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("ноя", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("дек", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
];

/// A month name token: letters, optionally abbreviated with a period.
const MONTH_WORD: &str = r"(?P<mon>[\p{L}]{3,10})\.?";
/// Words after a Russian date ("г.", "года").
const YEAR_SUFFIX: &str = r"(?:\s*(?:г\.?|года|год))?";

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})".to_string(),
        format!(r"(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>\d{{4}}){YEAR_SUFFIX}"),
        format!(r"(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?{MONTH_WORD},?\s+(?:de\s+)?(?P<y>\d{{4}}){YEAR_SUFFIX}"),
        format!(r"{MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"),
    ]
    .iter()
    .map(|p| Regex::new(&format!("(?i){p}")).expect("date patterns are valid"))
    .collect()
});

/// Labels sites put in front of a date line.
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:published(?:\s+(?:online|on))?|first published|posted(?:\s+on)?|date|dated|on|опубликовано|дата(?:\s+публикации)?|publié\s+le|veröffentlicht(?:\s+am)?|publicado(?:\s+el)?|pubblicato(?:\s+il)?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?)\s*:?\s*",
    )
    .expect("label pattern is valid")
});

/// A date found in a string, with the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The calendar date.
    pub date: NaiveDate,
    /// Where it starts in the searched string.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
}

impl FoundDate {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }
}

/// Whether `text` has four ASCII digits in a row. Every date pattern needs
/// a four-digit year and only ASCII digits parse as one, so text without
/// them has no date; most lines are turned away here, before any regex.
fn has_year_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Every date in `text`, left to right, not overlapping.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    if !has_year_digits(text) {
        return found;
    }
    for re in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always exists");
            // A match must stand alone: not glued to letters or digits.
            let before = text[..whole.start()].chars().next_back();
            let after = text[whole.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some(date) = date_from(&caps) else {
                continue;
            };
            let overlaps = found
                .iter()
                .any(|f| f.start < whole.end() && whole.start() < f.end);
            if !overlaps {
                found.push(FoundDate {
                    date,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

fn date_from(caps: &regex::Captures<'_>) -> Option<NaiveDate> {
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = num("y")? as i32;
    let month = match caps.name("mon") {
        Some(m) => month_number(m.as_str())?,
        None => num("m")?,
    };
    if !(1000..=2999).contains(&year) {
        return None;
    }
    let day = num("d")?;
    // "05/14/2019" can only be month first.
    let (month, day) = if caps.name("mon").is_none() && month > 12 && day <= 12 {
        (day, month)
    } else {
        (month, day)
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The month a name or abbreviation stands for.
pub fn month_number(name: &str) -> Option<u32> {
    let key = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == key).map(|&(_, m)| m)
}

/// The date when `text` is a date and nothing else (a label such as
/// "Published:" and brackets around it allowed).
pub fn whole_date(text: &str) -> Option<FoundDate> {
    // The date is found in a part of `text`; without a year there is none.
    if !has_year_digits(text) {
        return None;
    }
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '|' | '-' | '–' | '—' | ' '));
    let t = DATE_LABEL.replace(t, "");
    let t = t.trim();
    let found = find_dates(t);
    match found.as_slice() {
        [one]
            if one.start == 0
                && t[one.end..]
                    .trim_matches(|c: char| c == '.' || c.is_whitespace())
                    .is_empty() =>
        {
            Some(*one)
        }
        _ => None,
    }
}

static TIME_AND_EXTRAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s,/·|–—-]*(?:(?:at|à|um|a las|в)\s+)?(?:\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:[A-Z]{2,5}|GMT[+-]?\d*|UTC[+-]?\d*))?)?[\s,/·|–—-]*(?P<rest>.*)$",
    )
    .expect("time pattern is valid")
});

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}.-]+(?:\s\p{Lu}[\p{L}.-]+){0,2},\s*").expect("place pattern is valid")
});

/// The date of a date line: a date, perhaps after a label ("Published:") or
/// a place ("Brussels, "), perhaps followed by a time and a short note
/// ("10:42 AM / Updated 2 years ago", "· 5 min read"). `None` for a sentence.
pub fn date_line(text: &str) -> Option<FoundDate> {
    if !has_year_digits(text) {
        return None;
    }
    if let Some(found) = whole_date(text) {
        return Some(found);
    }
    let t = text.trim();
    let t = DATE_LABEL.replace(t, "");
    let t = PLACE.replace(&t, "");
    let mut first = find_dates(&t).into_iter().next()?;
    if first.start != 0 {
        return None;
    }
    first.date = match_weekday(text, &t[first.start..first.end], first.date);
    let rest = TIME_AND_EXTRAS
        .captures(&t[first.end..])?
        .name("rest")
        .map_or("", |m| m.as_str())
        .trim();
    let note = rest.split_whitespace().count() <= 5 && !rest.ends_with('.') && !rest.contains(',');
    (rest.is_empty() || note).then_some(first)
}

static OPENING_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\p{L} .'’/-]{1,40},\s+(?P<date>[^—–]{6,30}?)\s*(?:\([^)]{1,30}\))?\s*[—–-]\s")
        .expect("dateline pattern is valid")
});

/// The date of a news dateline opening a paragraph: "GENEVA, 3 June 2020 — …".
pub fn opening_dateline(paragraph: &str) -> Option<FoundDate> {
    let caps = OPENING_DATELINE.captures(paragraph)?;
    whole_date(caps.name("date")?.as_str())
}

/// "Tue, 09/03/2019": when a line names the weekday, a numeric date whose
/// day and month could swap is read the way that falls on that weekday.
fn match_weekday(line: &str, numeric: &str, date: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let lower = line.to_lowercase();
    let named = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|d| {
            lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.starts_with(d) && w.len() <= 9)
        });
    let Some(named) = named else { return date };
    if !numeric
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.'))
    {
        return date;
    }
    let swapped = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month());
    match swapped {
        Some(other)
            if date.weekday().num_days_from_monday() as usize != named
                && other.weekday().num_days_from_monday() as usize == named =>
        {
            other
        }
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        whole_date(s).map(|f| f.iso())
    }

    // Only a four-digit ASCII year makes a date; the check that turns lines
    // away early agrees with the full search.
    #[test]
    fn year_digits_gate_every_date() {
        assert!(has_year_digits("on 3 June 2019"));
        assert!(!has_year_digits("on 3 June 19, page 201"));
        // Arabic-Indic digits match `\d` but never parse as a year.
        assert!(!has_year_digits("٢٠١٩-٠٦-٠٣"));
        assert!(find_dates("٢٠١٩-٠٦-٠٣").is_empty());
        assert!(date_line("June 3").is_none());
        assert_eq!(iso("2016-04-28").as_deref(), Some("2016-04-28"));
    }

    #[test]
    fn parses_numeric_forms() {
        assert_eq!(iso("30.11.2012 г.").as_deref(), Some("2012-11-30"));
        assert_eq!(iso("2016-04-28").as_deref(), Some("2016-04-28"));
        assert_eq!(iso("Published: 28.03.2015").as_deref(), Some("2015-03-28"));
    }

    #[test]
    fn parses_written_forms_in_several_languages() {
        assert_eq!(iso("June 14, 2018").as_deref(), Some("2018-06-14"));
        assert_eq!(iso("02 february 2015").as_deref(), Some("2015-02-02"));
        assert_eq!(iso("17 мая 2017 г.").as_deref(), Some("2017-05-17"));
        assert_eq!(iso("17. Mai 2017").as_deref(), Some("2017-05-17"));
        assert_eq!(iso("17 de mayo de 2017").as_deref(), Some("2017-05-17"));
        assert_eq!(iso("3 août 2019").as_deref(), Some("2019-08-03"));
        assert_eq!(iso("Sept. 3, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(
            iso("Publié le 1er février 2021").as_deref(),
            Some("2021-02-01")
        );
        assert_eq!(
            iso("Published online: 14 June 2019").as_deref(),
            Some("2019-06-14")
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(iso("31.02.2012"), None);
        assert_eq!(iso("May 25–26, 2018, Prime Minister"), None);
        assert_eq!(iso("In 2012"), None);
        assert_eq!(iso("Version 1.2.2012b"), None);
    }

    #[test]
    fn reads_date_lines_with_times_and_notes() {
        let iso = |s: &str| date_line(s).map(|f| f.iso());
        assert_eq!(
            iso("March 3, 2019 / 10:42 AM / Updated 2 years ago").as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(
            iso("Published: October 4, 2021 6:00 a.m.").as_deref(),
            Some("2021-10-04")
        );
        assert_eq!(
            iso("Mar 31, 2021 · 5 min read").as_deref(),
            Some("2021-03-31")
        );
        assert_eq!(iso("Brussels, 21 June 2018").as_deref(), Some("2018-06-21"));
        assert_eq!(
            iso("June 14, 2018 was the day the talks collapsed, officials said."),
            None
        );
    }

    #[test]
    fn finds_dates_inside_text() {
        let found = find_dates("June 14, 2018 Asia , Europe");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].iso().as_str()), (0, "2018-06-14"));
    }
}

//! Date lines: a publication date alone on its line, a date followed by the
//! site's category list, tag lines, and "last updated" stamps.

use super::{Hit, LineView, Pattern, fitting_match, regex};
use crate::normalize::FactKind;
use crate::normalize::dates::{date_line, find_dates};
use crate::normalize::names::name_list;

static LAST_UPDATED: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(last (updated|modified)|updated( on)?|modified|последнее обновление|обновлено|изменено|dernière mise à jour|mis à jour( le)?|zuletzt (aktualisiert|geändert)|aktualisiert( am)?|última (actualización|modificación)|actualizado( el)?)\s*[:(]?\s*(.*)$",
    )
});

/// "Last updated ( 26.12.2012 г. )": the page's edit stamp, not its
/// publication date.
pub fn last_updated(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let caps = LAST_UPDATED.captures(line)?;
    let rest = caps.get(caps.len() - 1).map_or("", |m| m.as_str());
    // The stamp is the label plus a date (or nothing); a sentence that starts
    // with "Updated" goes on with words.
    let rest = rest.trim().trim_end_matches(')').trim();
    if rest.is_empty() {
        return Some(Hit::new("last-updated"));
    }
    // The stamp's date is the page's edit date: a last resort for the article's.
    let date = date_line(rest)?;
    Some(Hit::new("last-updated").with(FactKind::UpdatedDate, date.iso()))
}

/// A date alone on its line: the publication date.
pub fn dateline(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let date = date_line(line)?;
    Some(Hit::new("dateline").with(FactKind::Date, date.iso()))
}

/// A date followed by the site's categories: "June 14, 2018 Asia , Europe , Opinion".
pub fn meta_line(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let first = find_dates(line).into_iter().next()?;
    if first.start != 0 {
        return None;
    }
    let rest = line[first.end..].trim_start_matches([',', ' ', '|', '-', '–', '—', '·']);
    let items = list_items(rest)?;
    let mut hit = Hit::new("meta-line").with(FactKind::Date, first.iso());
    for item in items {
        hit = hit.with(FactKind::Category, item);
    }
    Some(hit)
}

static POSTED_LABEL: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(posted|published|updated|опубликовано|publié|veröffentlicht|publicado)?\s*(on|le|am|el)?\s*:?\s*$",
    )
});

static BY_NAMES: Pattern =
    Pattern::new(|| regex(r"(?i)^[\s,|·–—-]*(by|автор:?|par|von|por)\s+(?P<names>.+?)\s*$"));

static NAMES_THEN_DATE: Pattern =
    Pattern::new(|| regex(r"(?i)^(by|автор:?|par|von|por)?\s*(?P<names>.+?)[\s,|·–—-]*$"));

/// A date and a byline on one line: "Posted on June 3, 2019 by Jane Doe",
/// "By Jane Doe | 3 June 2019".
pub fn dated_byline(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let found = find_dates(line);
    let [date] = found.as_slice() else {
        return None;
    };
    let (before, after) = (&line[..date.start], &line[date.end..]);
    let names = if POSTED_LABEL.is_match(before) {
        name_list(BY_NAMES.captures(after)?.name("names")?.as_str())?
    } else if after
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '|'))
        .is_empty()
    {
        let caps = NAMES_THEN_DATE.captures(before)?;
        // "Jane Doe | 3 June 2019" or "By Jane Doe, 3 June 2019"; a bare
        // "Name Name 3 June 2019" is as likely a publisher's closing credit.
        let labelled =
            caps.get(1).is_some() || before.trim_end().ends_with(['|', '·', ',', '–', '—', '-']);
        if !labelled {
            return None;
        }
        name_list(caps.name("names")?.as_str())?
    } else {
        return None;
    };
    let hit = Hit::new("byline").with(FactKind::Date, date.iso());
    Some(
        names
            .into_iter()
            .fold(hit, |hit, name| hit.with(FactKind::Author, name)),
    )
}

static SUBMITTED: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(?:submitted|posted|written|published|added|uploaded)\s+by\s+(?P<who>.+?)\s+on\s+(?P<date>.+)$",
    )
});

/// "Submitted by jdoe on Tue, 05/14/2019 - 10:22": a CMS's stamp. The
/// account name is an author only when it reads as a person's name.
pub fn submitted_by(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let caps = SUBMITTED.captures(line)?;
    let date = date_line(caps.name("date")?.as_str().replace(" - ", " ").as_str())?;
    let hit = Hit::new("byline").with(FactKind::Date, date.iso());
    Some(match name_list(&caps["who"]) {
        Some(names) => names
            .into_iter()
            .fold(hit, |hit, n| hit.with(FactKind::Author, n)),
        None => hit,
    })
}

/// A translator's label, then the names. Their length (at most 80
/// characters) is checked in code (see [`fitting_match`]); every run
/// before the names is greedy, so the match has the shortest names any
/// match has.
static TRANSLATED: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(translated( from [\p{L} ]+)? by|translation by|перевод(ил[аи]?)?|переведено|traduit( de [\p{L} ]+)? par|traduction|übersetzt von|übersetzung|traducido por|traducción|tradotto da|traduzione)\s*:?\s*(?P<who>[\p{L} .,'’-]{2,})$",
    )
});

/// Most characters a translator credit names.
const MAX_TRANSLATOR_CHARS: usize = 80;

/// How every label of `TRANSLATED` begins, under the same case folding;
/// a line that does not begin so cannot match it.
static TRANSLATED_HINT: Pattern = Pattern::new(|| regex(r"(?i)^(translat|перев|trad|übersetz)"));

/// The names a translator credit gives ("Translated by Mark Ellis").
fn translator_names(line: &str) -> Option<&str> {
    if !TRANSLATED_HINT.is_match(line) {
        return None;
    }
    let caps = fitting_match(&TRANSLATED, line, &[("who", MAX_TRANSLATOR_CHARS)])?;
    Some(caps.name("who")?.as_str())
}

/// "Translated by Mark Ellis": a translator's credit, not a byline.
pub fn translator(view: &LineView<'_>) -> Option<Hit> {
    name_list(translator_names(view.text.trim())?).map(|_| Hit::new("credit"))
}

static TAG_LABEL: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(tags?|categories|category|filed under|topics?|keywords|рубрик[аи]|теги|метки|ключевые слова|catégories?|mots[- ]clés|schlagwörter|kategorien?|etiquetas|categorías?)\s*:\s*(.+)$",
    )
});

/// "Tags: Japan, Russia": the site's tag list.
pub fn tag_line(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let caps = TAG_LABEL.captures(line)?;
    let items = list_items(caps.get(2)?.as_str())?;
    Some(items.into_iter().fold(Hit::new("tag-line"), |hit, item| {
        hit.with(FactKind::Category, item)
    }))
}

/// Splits a list of short labels ("Asia , Europe , OPINION/NEWS"); `None`
/// when the text is not such a list (a sentence, or a single long phrase).
fn list_items(text: &str) -> Option<Vec<String>> {
    let sep = if text.contains(',') {
        ','
    } else if text.contains('|') {
        '|'
    } else {
        ','
    };
    let items: Vec<String> = text
        .split(sep)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let labels = items.iter().all(|i| {
        i.split_whitespace().count() <= 3
            && !i.ends_with('.')
            && i.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    });
    (!items.is_empty() && labels && (items.len() >= 2 || items[0].split_whitespace().count() <= 2))
        .then_some(items)
}

#[cfg(test)]
mod tests {
    use super::super::assert_same_answers;
    use super::*;

    // Every label the translator pattern knows passes the quick check.
    #[test]
    fn translator_hint_covers_every_label() {
        for line in [
            "Translated by Mark Ellis",
            "Translated from the Russian by Mark Ellis",
            "TRANSLATION BY Mark Ellis",
            "Перевод: Марк Эллис",
            "Переводила Анна Петрова",
            "Переведено: Анна Петрова",
            "Traduit de russe par Marc Ellis",
            "Traduction : Marc Ellis",
            "Übersetzt von Mark Ellis",
            "ÜBERSETZUNG: Mark Ellis",
            "Traducido por Marcos Ellis",
            "Traducción: Marcos Ellis",
            "Tradotto da Marco Ellis",
            "Traduzione: Marco Ellis",
        ] {
            assert!(translator_names(line).is_some(), "{line}");
        }
        assert!(translator(&"Translated by Mark Ellis".into()).is_some());
        assert!(translator(&"The translation was by then complete.".into()).is_none());
    }

    // The names are those the pattern with a bounded run of names found,
    // on lines made around the bound.
    #[test]
    fn translator_names_are_those_the_bounded_pattern_found() {
        let bounded = regex(
            r"(?i)^(translated( from [\p{L} ]+)? by|translation by|перевод(ил[аи]?)?|переведено|traduit( de [\p{L} ]+)? par|traduction|übersetzt von|übersetzung|traducido por|traducción|tradotto da|traduzione)\s*:?\s*(?P<who>[\p{L} .,'’-]{2,80})$",
        );
        let mut lines = Vec::new();
        for n in [0, 1, 2, 3, 78, 79, 80, 81, 82] {
            for names in ["a".repeat(n), "я".repeat(n), "Ab ".repeat(n / 3)] {
                for label in [
                    "Translated by",
                    "Translated by  ",
                    "Translated from Russian by",
                    "Translated from Russian by by",
                    "Переводила",
                    "Перевод:",
                    "Traduction :",
                    "Traduit de russe par",
                    "translation by:",
                ] {
                    lines.push(format!("{label} {names}"));
                    lines.push(format!("{label}{names}"));
                }
            }
        }
        assert_same_answers(&lines, 50, translator_names, |line| {
            Some(bounded.captures(line)?.name("who")?.as_str())
        });
    }

    #[test]
    fn strips_last_updated_stamp() {
        assert!(last_updated(&"Последнее обновление ( 26.12.2012 г. )".into()).is_some());
        assert!(last_updated(&"Last updated: June 3, 2019".into()).is_some());
        assert!(
            last_updated(&"Updated rules came into force in 2019, changing the regime.".into())
                .is_none()
        );
    }

    #[test]
    fn takes_date_from_dateline() {
        let hit = dateline(&"30.11.2012 г.".into()).unwrap();
        assert_eq!(hit.facts, [(FactKind::Date, "2012-11-30".to_string())]);
        assert!(dateline(&"On 30.11.2012 the visit was canceled.".into()).is_none());
    }

    #[test]
    fn splits_date_and_categories() {
        let hit =
            meta_line(&"June 14, 2018 Asia , Europe , Opinion , OPINION/NEWS , Russia".into())
                .unwrap();
        assert_eq!(hit.facts[0], (FactKind::Date, "2018-06-14".to_string()));
        let cats: Vec<&str> = hit.facts[1..].iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(
            cats,
            ["Asia", "Europe", "Opinion", "OPINION/NEWS", "Russia"]
        );
    }

    #[test]
    fn keeps_sentence_starting_with_date() {
        assert!(
            meta_line(&"June 14, 2018 was the day the talks collapsed, officials said.".into())
                .is_none()
        );
        assert!(
            meta_line(&"May 25, 2018, Prime Minister of Japan Shinzo Abe made an official visit to Russia.".into())
            .is_none()
        );
    }

    #[test]
    fn reads_date_and_byline_on_one_line() {
        let hit = dated_byline(&"Posted on June 3, 2019 by Jane Doe".into()).unwrap();
        assert_eq!(
            hit.facts,
            [
                (FactKind::Date, "2019-06-03".into()),
                (FactKind::Author, "Jane Doe".into())
            ]
        );
        let hit = dated_byline(&"By Jane Doe and J. R. Smith | 3 June 2019".into()).unwrap();
        assert_eq!(hit.facts.len(), 3);
        assert!(dated_byline(&"On June 3, 2019 the talks were held by Japan.".into()).is_none());
    }

    #[test]
    fn reads_cms_stamps_and_translator_credits() {
        let hit =
            submitted_by(&"Submitted by cisseditor on Tue, 05/14/2019 - 10:22".into()).unwrap();
        assert_eq!(hit.facts, [(FactKind::Date, "2019-05-14".to_string())]);
        let hit =
            submitted_by(&"Submitted by Thomas Greer on Tue, 09/03/2019 - 16:05".into()).unwrap();
        assert_eq!(hit.facts[1], (FactKind::Author, "Thomas Greer".to_string()));
        assert!(translator(&"Translated by Mark Ellis".into()).is_some());
        assert!(
            translator(&"Translated by hand, the memo reached Tokyo a week later.".into())
                .is_none()
        );
    }

    #[test]
    fn strips_tag_line() {
        let hit = tag_line(&"Tags: Japan, Russia, Kuril Islands".into()).unwrap();
        assert_eq!(hit.facts.len(), 3);
        assert!(
            tag_line(&"Topics: the talks covered energy and fisheries in some depth.".into())
                .is_none()
        );
    }
}

//! Dated events: each sentence that mentions a date, with the date, merged
//! across articles into one ordered timeline.
//!
//! An event is a sentence and one date phrase in it; a sentence with two
//! dates is two events. Headings are skipped: "Chronology 2016" or "The
//! summit of May 2018" names a section, it does not say something happened.
//! Blocks carry no kind here, so a heading is recognised by its shape: a
//! short block (at most [`HEADING_WORDS`] words) without closing
//! punctuation that does not open with its date (a list item such as "25
//! May 2018 – summit in Sochi" opens with it and is kept).

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::block_memo::{BlockMemo, Encoded, Reading, block_key};
use super::dates::{self, PartialDate, When};
use super::distinct::DistinctBlocks;
use super::{ArticleText, Place};
use crate::memo_file::{MemoReader, MemoWriter};

/// A sentence of an article that mentions a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The date the sentence mentions.
    pub when: When,
    /// The date phrase as written ("On May 25–26, 2018").
    pub phrase: String,
    /// The whole sentence the phrase is in.
    pub sentence: String,
    /// The block the sentence is in.
    pub place: Place,
}

/// One date of the timeline and what every article says happened then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// The date.
    pub when: When,
    /// The sentences that mention it, in dossier order.
    pub events: Vec<Event>,
}

/// The dated events of each article, in text order. `articles[i]` is the
/// article with index `i` in [`Place::article`].
///
/// A block's events depend only on its text and language, so each
/// distinct block is read once (a republished story, a paragraph quoted
/// in several articles), in parallel.
pub fn events(articles: &[ArticleText<'_>]) -> Vec<Vec<Event>> {
    events_in(&DistinctBlocks::new(articles), &BlockMemo::empty())
}

/// [`events`] in blocks already folded: each distinct block is read once,
/// or not at all when `memo` remembers it.
pub fn events_in(blocks: &DistinctBlocks<'_>, memo: &BlockMemo) -> Vec<Vec<Event>> {
    let DistinctBlocks {
        texts: distinct,
        text_hashes,
        of_article,
    } = blocks;
    let found: Vec<Vec<BlockEvent>> = distinct
        .par_iter()
        .zip(text_hashes)
        .map(|(&(language, body), &hash)| {
            let key = block_key(language, hash);
            if let Some(events) = memo.recall(Reading::Events, key, |b| decode(b, body)) {
                return events;
            }
            let events = block_events(body, language);
            memo.keep(Reading::Events, key, encode(&events));
            events
        })
        .collect();
    of_article
        .par_iter()
        .enumerate()
        .map(|(article, blocks)| {
            let mut events = Vec::new();
            for (block, &which) in blocks.iter().enumerate() {
                let (_, body) = distinct[which];
                events.extend(found[which].iter().map(|e| Event {
                    when: e.when,
                    phrase: body[e.phrase.clone()].to_string(),
                    sentence: body[e.sentence.clone()].to_string(),
                    place: Place { article, block },
                }));
            }
            events
        })
        .collect()
}

/// The events of all articles merged by date and ordered, earliest first.
///
/// Events with the same [`When`] (the same day, month, year or range) make
/// one entry, their events in dossier order (article, then block, then
/// position). Entries follow the total order of [`When`]: by start date,
/// a less precise date before a more precise one it contains (2018, then
/// May 2018, then 25 May 2018), a single date before a range starting on
/// it, and of two ranges starting together the shorter first.
pub fn timeline(per_article: &[Vec<Event>]) -> Vec<TimelineEntry> {
    let mut by_date: BTreeMap<When, Vec<Event>> = BTreeMap::new();
    for event in per_article.iter().flatten() {
        by_date.entry(event.when).or_default().push(event.clone());
    }
    by_date
        .into_iter()
        .map(|(when, mut events)| {
            // Callers may hand articles in any order; the entry lists
            // events in dossier order all the same.
            events.sort_by_key(|e| e.place);
            TimelineEntry { when, events }
        })
        .collect()
}

/// At most this many words make a block without closing punctuation a
/// heading.
pub const HEADING_WORDS: usize = 12;

/// One event of a block: its date and, as byte ranges of the block, the
/// date phrase and the sentence.
struct BlockEvent {
    when: When,
    phrase: Range<usize>,
    sentence: Range<usize>,
}

/// A block's events as [`BlockMemo`] keeps them: per event the dates and
/// the two ranges' ends, each a number.
fn encode(events: &[BlockEvent]) -> Encoded {
    let mut out = MemoWriter::default();
    for e in events {
        out.number(date_number(Some(e.when.from)));
        out.number(date_number(e.when.to));
        for range in [&e.phrase, &e.sentence] {
            out.number(range.start as u64);
            out.number(range.end as u64);
        }
    }
    out.finish().into_boxed_slice()
}

/// The events [`encode`] wrote for `body`; `None` if anything is out of
/// place, a range that does not cut `body` at characters included.
fn decode(bytes: &[u8], body: &str) -> Option<Vec<BlockEvent>> {
    let mut r = MemoReader::new(bytes, b"")?;
    let mut events = Vec::new();
    while !r.at_end() {
        let when = When {
            from: number_date(r.number()?)??,
            to: number_date(r.number()?)?,
        };
        let mut range = || -> Option<Range<usize>> {
            let start = usize::try_from(r.number()?).ok()?;
            let range = start..usize::try_from(r.number()?).ok()?;
            body.get(range.clone()).map(|_| range)
        };
        let (phrase, sentence) = (range()?, range()?);
        events.push(BlockEvent {
            when,
            phrase,
            sentence,
        });
    }
    Some(events)
}

/// A date, or none (0), as one number: the year, then the month and the
/// day plus one (0 for none), 9 bits each, the whole plus one.
fn date_number(date: Option<PartialDate>) -> u64 {
    let Some(d) = date else { return 0 };
    let part = |p: Option<u8>| p.map_or(0, |p| u64::from(p) + 1);
    (u64::from(d.year as u32) << 18 | part(d.month) << 9 | part(d.day)) + 1
}

/// The date [`date_number`] wrote (`Some(None)` for none); `None` for a number
/// it cannot have written.
fn number_date(w: u64) -> Option<Option<PartialDate>> {
    let Some(w) = w.checked_sub(1) else {
        return Some(None);
    };
    let part = |p: u64| -> Option<Option<u8>> {
        match p {
            0 => Some(None),
            1..=256 => Some(Some(u8::try_from(p - 1).ok()?)),
            _ => None,
        }
    };
    Some(Some(PartialDate {
        year: u32::try_from(w >> 18).ok()? as i32,
        month: part(w >> 9 & 0x1ff)?,
        day: part(w & 0x1ff)?,
    }))
}

/// The events of one block (none for a heading), in text order.
fn block_events(body: &str, language: &str) -> Vec<BlockEvent> {
    let phrases = dates::find_dates(body, language);
    let Some(first) = phrases.first() else {
        return Vec::new();
    };
    if looks_like_heading(body, first.start) {
        return Vec::new();
    }
    let sentences = sentence_spans(body);
    phrases
        .iter()
        .map(|phrase| {
            let sentence =
                sentence_around(&sentences, phrase.start, phrase.end).unwrap_or(0..body.len());
            BlockEvent {
                when: phrase.when,
                phrase: phrase.start..phrase.end,
                sentence: trimmed(body, sentence),
            }
        })
        .collect()
}

/// `range` of `text` without the whitespace at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.end - (part.len() - part.trim_end().len());
    start..end.max(start)
}

/// Whether `block` reads as a heading rather than prose: short, with no
/// closing punctuation, and not opening with its first date (at
/// `first_date`).
fn looks_like_heading(block: &str, first_date: usize) -> bool {
    let trimmed = block.trim();
    let closed = trimmed.ends_with(|c: char| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | ':' | ';' | '"' | '”' | '»' | ')' | '’'
        )
    });
    let opens_with_date = block[..first_date].trim().is_empty();
    !closed && !opens_with_date && trimmed.split_whitespace().count() <= HEADING_WORDS
}

/// The span covering every sentence that `start..end` touches (a phrase
/// the splitter cut in two keeps both halves' sentences).
fn sentence_around(sentences: &[Range<usize>], start: usize, end: usize) -> Option<Range<usize>> {
    let first = sentences.iter().position(|s| start < s.end)?;
    let last = sentences[first..]
        .iter()
        .position(|s| end <= s.end)
        .map_or(sentences.len() - 1, |i| first + i);
    Some(sentences[first].start..sentences[last].end)
}

/// Abbreviations that end in a period inside a sentence and come before a
/// capital or a number ("Mr. Abe", "No. 5"), lowercase and without the
/// period: titles, references, months, and Russian, French, German,
/// Spanish and Italian equivalents. Single letters are initials and need
/// no entry; "Inc." and "etc." often end a sentence and have none.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "nr", "jr", "sr", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "vs", "approx", "ca",
    "cf", "fig", "figs", "vol", "vols", "pp", "ch", "art", "arts", "sec", "para", "dept", "mt",
    "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "гг", "др", "им", "ул", "стр", "тыс", "млн", "млрд", "руб", "проф", "акад", "ст", "см", "напр",
    "рис", "табл", "гл", "пп", "mme", "mlle", "mm", "av", "env", "hr", "fr", "bzw", "vgl", "sra",
    "srta", "dra", "núm", "pág", "sig", "sigg", "dott",
];

/// The sentences of `text` as byte ranges, trimmed, in order.
///
/// A sentence ends at ".", "!", "?" or "…" (with any closing quotes or
/// brackets after it) followed by a space and a capital, a digit or an
/// opening quote. A period does not end a sentence after an abbreviation
/// ("Mr.", "St.", "No. 5", "Sept."), an initial ("V. Putin", "В. Путин"),
/// a word with inner periods ("U.S.", "e.g.", "т.е."), or a German
/// ordinal day before a month ("am 7. Mai"); decimals ("3.5") never have
/// the space.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Take in further stops and closing quotes or brackets: `?!`, `.”`, `…)`.
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(
                next,
                '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | '»' | ')' | ']'
            ) {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let next_start = end + (rest.len() - rest.trim_start().len());
        if next_start == end || next_start == text.len() {
            continue;
        }
        let opens_sentence = text[next_start..].chars().next().is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(
                    n,
                    '"' | '“' | '«' | '„' | '‘' | '\'' | '(' | '[' | '—' | '–'
                )
        });
        if !opens_sentence || (c == '.' && period_inside_sentence(text, i, next_start)) {
            continue;
        }
        push_trimmed(text, start..end, &mut spans);
        start = next_start;
    }
    push_trimmed(text, start..text.len(), &mut spans);
    spans
}

fn push_trimmed(text: &str, span: Range<usize>, spans: &mut Vec<Range<usize>>) {
    let piece = &text[span.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = span.start + lead;
        spans.push(start..start + trimmed.len());
    }
}

/// Whether the period at `dot` belongs to the word before it rather than
/// ending the sentence; `next` is where the following word starts.
fn period_inside_sentence(text: &str, dot: usize, next: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    // "U.S.", "e.g.", "т.е.": periods inside the word.
    if word.contains('.') {
        return true;
    }
    let letters = word.chars().count();
    // An initial: "V. Putin", "J. R. Smith".
    if letters == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    if ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
        return true;
    }
    // "am 7. Mai 2018": a German ordinal day before a month name.
    if letters <= 2 && word.chars().all(|c| c.is_ascii_digit()) {
        let next_word: String = text[next..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        return dates::month_number(&next_word).is_some();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::dates::PartialDate;

    // What the block memo keeps of a block's events is what was found,
    // and a remembered range that does not fit the text is no reading.
    #[test]
    fn block_events_round_trip_through_the_memo() {
        let body =
            "On May 25–26, 2018, Abe visited. In 2016 talks began; by March 2017 they had stalled.";
        let events = block_events(body, "en");
        assert_eq!(events.len(), 3);
        let bytes = encode(&events);
        let back = decode(&bytes, body).expect("decodes");
        let parts = |e: &[BlockEvent]| {
            e.iter()
                .map(|e| (e.when, e.phrase.clone(), e.sentence.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(parts(&back), parts(&events));
        assert!(decode(&bytes, &body[..20]).is_none());
        assert!(decode(&bytes[..bytes.len() - 1], body).is_none());
        for date in [
            None,
            Some(PartialDate {
                year: -44,
                month: Some(3),
                day: Some(15),
            }),
            Some(PartialDate {
                year: 2018,
                month: None,
                day: None,
            }),
        ] {
            assert_eq!(number_date(date_number(date)), Some(date));
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    // A block shared by two articles (read once) gives each the same
    // events at its own place; the same text in another language is read
    // with that language's date patterns.
    #[test]
    fn shared_blocks_give_each_article_its_events() {
        let shared = "  The summit opened on 25 May 2018 in Sochi.  ";
        let first: &[&str] = &["Nothing dated here.", shared];
        let second: &[&str] = &[shared];
        let found = events(&[
            ArticleText {
                language: "en",
                blocks: first,
            },
            ArticleText {
                language: "en",
                blocks: second,
            },
        ]);
        assert_eq!(found[0].len(), 1);
        assert_eq!(found[1].len(), 1);
        assert_eq!(
            found[0][0].place,
            Place {
                article: 0,
                block: 1
            }
        );
        assert_eq!(
            found[1][0].place,
            Place {
                article: 1,
                block: 0
            }
        );
        for list in &found {
            assert_eq!(
                list[0].sentence,
                "The summit opened on 25 May 2018 in Sochi."
            );
            assert_eq!(list[0].phrase, found[0][0].phrase);
        }
        // Ranges are trimmed of whitespace at both ends, never past each other.
        assert_eq!(trimmed("  ab  ", 0..6), 2..4);
        assert_eq!(trimmed("    ", 0..4), 4..4);
    }

    // Sentences end at stops before capitals, and trailing quotes stay.
    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("  One thing happened. Then another! Did it? “Yes.” 2018 was late…  "),
            vec![
                "One thing happened.",
                "Then another!",
                "Did it?",
                "“Yes.”",
                "2018 was late…"
            ]
        );
    }

    // Abbreviations, initials, inner periods, decimals and German ordinal
    // days do not end a sentence.
    #[test]
    fn does_not_split_at_abbreviations() {
        let t = "Mr. Abe met V. Putin in St. Petersburg. The U.S. Navy sent ship No. 5 \
                 with 3.5 tons. It was Sept. 5, 2016 then. Am 7. Mai 2018 war es so. \
                 В. Путин прибыл в 2014 г. в Токио. Ob der 7. Das ist es.";
        assert_eq!(
            sentences(t),
            vec![
                "Mr. Abe met V. Putin in St. Petersburg.",
                "The U.S. Navy sent ship No. 5 with 3.5 tons.",
                "It was Sept. 5, 2016 then.",
                "Am 7. Mai 2018 war es so.",
                "В. Путин прибыл в 2014 г. в Токио.",
                "Ob der 7.",
                "Das ist es.",
            ]
        );
    }

    // A lowercase word after a stop continues the sentence ("he asked").
    #[test]
    fn lowercase_continues_sentence() {
        assert_eq!(
            sentences("“Why now?” he asked. Fine."),
            vec!["“Why now?” he asked.", "Fine."]
        );
    }

    fn article<'a>(language: &'a str, blocks: &'a [&'a str]) -> ArticleText<'a> {
        ArticleText { language, blocks }
    }

    // Each dated sentence is an event; two dates make two events; the
    // sentence is the one holding the phrase; headings give none.
    #[test]
    fn events_from_sentences() {
        let a = [
            "Chronology 2016",
            "The summit of May 2018",
            "Talks stalled. On May 25–26, 2018, Abe visited Russia. In 2016 and in \
             December 2016 Putin went to Japan. Nothing else.",
            "25 May 2018 – summit in St. Petersburg",
        ];
        let b = ["В ноябре 2014 года лидеры встретились."];
        let all = events(&[article("en", &a), article("ru", &b)]);
        assert_eq!(all.len(), 2);
        let first: Vec<(&str, &str, String, usize)> = all[0]
            .iter()
            .map(|e| {
                (
                    e.phrase.as_str(),
                    e.sentence.as_str(),
                    e.when.iso(),
                    e.place.block,
                )
            })
            .collect();
        let visit = "On May 25–26, 2018, Abe visited Russia.";
        let japan = "In 2016 and in December 2016 Putin went to Japan.";
        assert_eq!(
            first,
            vec![
                (
                    "On May 25–26, 2018",
                    visit,
                    "2018-05-25/2018-05-26".to_string(),
                    2
                ),
                ("In 2016", japan, "2016".to_string(), 2),
                ("in December 2016", japan, "2016-12".to_string(), 2),
                ("25 May 2018", a[3], "2018-05-25".to_string(), 3),
            ]
        );
        assert_eq!(all[1].len(), 1);
        assert_eq!(
            all[1][0].place,
            Place {
                article: 1,
                block: 0
            }
        );
        assert_eq!(all[1][0].sentence, b[0]);
    }

    fn event(article: usize, when: When) -> Event {
        Event {
            when,
            phrase: when.iso(),
            sentence: format!("Sentence of article {article}."),
            place: Place { article, block: 0 },
        }
    }

    fn day(y: i32, m: u8, d: u8) -> PartialDate {
        PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    // Same dates merge in dossier order; entries run earliest first, a
    // year before its months, a day before a range starting that day.
    #[test]
    fn timeline_merges_and_orders() {
        let year = When {
            from: PartialDate {
                year: 2018,
                month: None,
                day: None,
            },
            to: None,
        };
        let may = When {
            from: PartialDate {
                year: 2018,
                month: Some(5),
                day: None,
            },
            to: None,
        };
        let d25 = When {
            from: day(2018, 5, 25),
            to: None,
        };
        let range = When {
            from: day(2018, 5, 25),
            to: Some(day(2018, 5, 26)),
        };
        let early = When {
            from: day(1956, 10, 19),
            to: None,
        };
        // Articles handed out of order: entries still list article 0 first.
        let per_article = vec![
            vec![event(1, range), event(1, d25)],
            vec![event(0, d25), event(0, year), event(0, early)],
            vec![event(2, may)],
        ];
        let entries = timeline(&per_article);
        let order: Vec<String> = entries.iter().map(|e| e.when.iso()).collect();
        assert_eq!(
            order,
            vec![
                "1956-10-19",
                "2018",
                "2018-05",
                "2018-05-25",
                "2018-05-25/2018-05-26"
            ]
        );
        let merged = &entries[3];
        assert_eq!(merged.events.len(), 2);
        assert_eq!(
            merged
                .events
                .iter()
                .map(|e| e.place.article)
                .collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert!(timeline(&[]).is_empty());
    }

    // The whole chain, from text to timeline, is deterministic.
    #[test]
    fn timeline_from_text_is_deterministic() {
        let a = ["In 2014 talks began. On May 25, 2018 they met."];
        let b = ["They met on 25 May 2018. Talks began in 2014."];
        let articles = [article("en", &a), article("en", &b)];
        let first = timeline(&events(&articles));
        let again = timeline(&events(&articles));
        assert_eq!(first, again);
        let shape: Vec<(String, usize)> = first
            .iter()
            .map(|e| (e.when.iso(), e.events.len()))
            .collect();
        assert_eq!(
            shape,
            vec![("2014".to_string(), 2), ("2018-05-25".to_string(), 2)]
        );
    }
}

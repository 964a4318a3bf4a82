//! Article toolbars: print, e-mail, PDF and language links, alone or after
//! the title they were scraped next to ("Title Печать E-mail").

use super::{Hit, LineView, phrase_key};
use crate::normalize::FactKind;

/// Toolbar labels, as `phrase_key` writes them. Longer phrases first, so
/// "e mail" is stripped before "mail".
const LABELS: &[&str] = &[
    "printer friendly version",
    "версия для печати",
    "send by email",
    "send to a friend",
    "читать на русском",
    "read in english",
    "read in russian",
    "english version",
    "russian version",
    "русская версия",
    "английская версия",
    "на русском",
    "in english",
    "en français",
    "auf deutsch",
    "en español",
    "lire en français",
    "version imprimable",
    "druckversion",
    "versión para imprimir",
    "font size",
    "размер шрифта",
    "print",
    "печать",
    "распечатать",
    "imprimer",
    "drucken",
    "imprimir",
    "e mail",
    "email",
    "pdf",
    "save",
    "сохранить",
    "english",
    "русский",
    "français",
    "deutsch",
    "español",
    "a a a",
    "a a",
];

/// Words a title does not end with; a remainder ending in one is a sentence
/// that merely closes on a toolbar word ("sent it by e-mail").
const DANGLING: &[&str] = &[
    "by", "to", "via", "the", "a", "an", "of", "in", "on", "for", "and", "or", "with", "as", "per",
];

/// A toolbar line, alone or after a title: the title is kept as a fact.
pub fn toolbar(view: &LineView<'_>) -> Option<Hit> {
    let mut rest = view.text.trim();
    let mut stripped = 0;
    loop {
        // Trimming changes no phrase key, so the whole line's is the line's own.
        let key = if stripped == 0 {
            std::borrow::Cow::Borrowed(view.key())
        } else {
            std::borrow::Cow::Owned(phrase_key(rest))
        };
        let Some(label) = LABELS
            .iter()
            // `key` is `l` or ends with " l" (checked without building " l").
            .find(|l| {
                key.strip_suffix(**l)
                    .is_some_and(|head| head.is_empty() || head.ends_with(' '))
            })
        else {
            break;
        };
        // Labels are buttons: they start with a capital (or are all one case
        // of a non-cased script), unlike the same word inside a sentence.
        let words = label.split(' ').count();
        let cut = nth_word_from_end(rest, words)?;
        let label_text = &rest[cut..];
        if !label_text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        {
            break;
        }
        rest = rest[..cut].trim_end();
        stripped += 1;
        if rest.is_empty() {
            break;
        }
    }
    if stripped == 0 {
        return None;
    }
    if rest.is_empty() {
        return Some(Hit::new("toolbar"));
    }
    let last = rest.split_whitespace().last().unwrap_or("").to_lowercase();
    let title_like = rest.split_whitespace().count() <= 25
        && !rest.ends_with(['.', ',', ';', ':'])
        && !DANGLING.contains(&last.as_str());
    title_like.then(|| Hit::new("toolbar").with(FactKind::ToolbarTitle, rest))
}

/// The byte offset where the `n`th word from the end starts.
fn nth_word_from_end(text: &str, n: usize) -> Option<usize> {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices().rev() {
        let word_char = c.is_alphanumeric();
        if word_char {
            in_word = true;
        } else if in_word {
            count += 1;
            in_word = false;
            if count == n {
                return Some(i + c.len_utf8());
            }
        }
    }
    (in_word && count + 1 == n).then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_print_and_language_links() {
        assert_eq!(
            toolbar(&"Print Читать на русском".into()).unwrap().facts,
            []
        );
        assert!(toolbar(&"Печать E-mail".into()).is_some());
    }

    #[test]
    fn keeps_title_before_toolbar() {
        let hit = toolbar(
            &"Streltsov Dmitry, Japan: Where Is the Dialogue with Russia Headed? Печать E-mail"
                .into(),
        )
        .unwrap();
        assert_eq!(
            hit.facts,
            [(
                FactKind::ToolbarTitle,
                "Streltsov Dmitry, Japan: Where Is the Dialogue with Russia Headed?".to_string()
            )]
        );
    }

    #[test]
    fn keeps_sentence_that_mentions_print() {
        assert!(toolbar(&"The newspaper refused to print".into()).is_none());
        assert!(toolbar(&"The statement was sent to journalists by E-mail".into()).is_none());
        assert!(toolbar(&"Tokyo decided to go to print.".into()).is_none());
    }
}

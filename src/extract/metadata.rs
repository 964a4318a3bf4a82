//! Facts → [`Meta`]: the best evidence for each field wins, the sidecar
//! overrides, and every field records where it came from.

use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Context, Meta, Origin, detect_language};
use crate::error::Diagnostics;
use crate::ingest::Sidecar;
use crate::normalize::names::{is_name, same_person};
use crate::normalize::text::{word_count, words_at_least, words_at_most};
use crate::normalize::{BlockKind, CleanDoc, Fact, FactKind};

/// Builds the metadata of one article.
pub(super) fn build_meta(doc: &CleanDoc, cx: Context<'_>, diags: &mut Diagnostics) -> Meta {
    // The user's sidecar wins over what the file declares (front matter,
    // HTML meta tags), which wins over what the text suggests.
    let user = cx.sidecar.cloned().unwrap_or_default();
    let own = cx.embedded.cloned().unwrap_or_default();
    let label = |field: &str| -> &'static str {
        let from_user = match field {
            "title" => user.title.is_some(),
            "authors" => user.authors.is_some(),
            "date" => user.date.is_some(),
            "source" => user.source.is_some(),
            "site" => user.site.is_some(),
            "url" => user.url.is_some(),
            "categories" => user.categories.is_some(),
            _ => user.language.is_some(),
        };
        if from_user {
            "sidecar"
        } else {
            cx.embedded_label
        }
    };
    let language_by = match (&user.language, &own.language) {
        (Some(_), _) => "sidecar",
        (None, Some(_)) => cx.embedded_label,
        (None, None) => "site profile in book.toml",
    };
    let sidecar = Sidecar {
        title: user.title.clone().or(own.title),
        authors: user.authors.clone().or(own.authors),
        date: user.date.clone().or(own.date),
        source: user.source.clone().or(own.source),
        url: user.url.clone().or(own.url),
        language: user.language.clone().or(own.language),
        site: user.site.clone().or(own.site),
        categories: user.categories.clone().or(own.categories),
    };
    let mut meta = Meta::default();
    let facts = |kind: FactKind| doc.facts.iter().filter(move |f| f.kind == kind);
    let first = |kind: FactKind| facts(kind).next();
    let origin = |field: &'static str, line: usize, how: &str, confidence: Confidence| Origin {
        field,
        line,
        how: how.to_string(),
        confidence,
    };

    // Authors first: a title may start with the author's name, to be cut off.
    if let Some(authors) = sidecar.authors {
        meta.authors = authors;
        meta.origins
            .push(origin("authors", 0, label("authors"), Confidence::High));
    } else {
        for fact in facts(FactKind::Author) {
            if !meta.authors.iter().any(|a| same_person(a, &fact.value)) {
                meta.authors.push(fact.value.clone());
                meta.origins
                    .push(origin("authors", fact.line, "byline", Confidence::High));
            }
        }
    }

    if let Some(title) = sidecar.title {
        meta.title = title;
        meta.origins
            .push(origin("title", 0, label("title"), Confidence::High));
    } else if let Some(fact) = first(FactKind::Title) {
        meta.title = fact.value.clone();
        meta.origins
            .push(origin("title", fact.line, "title line", Confidence::High));
    } else if let Some((fact, how)) = first(FactKind::ToolbarTitle)
        .map(|f| (f, "title before the print/e-mail links"))
        .or_else(|| first(FactKind::BreadcrumbTitle).map(|f| (f, "last crumb of the breadcrumb")))
    {
        let (title, prefix_name) = strip_author_prefix(&fact.value, &meta.authors);
        meta.title = title;
        meta.origins
            .push(origin("title", fact.line, how, Confidence::Medium));
        if meta.authors.is_empty()
            && let Some(name) = prefix_name
        {
            meta.authors.push(name);
            meta.origins.push(origin(
                "authors",
                fact.line,
                "name in front of the title",
                Confidence::Low,
            ));
        }
    }
    if meta.title.is_empty() {
        derive_title(doc, &mut meta, cx, diags);
    }

    for fact in facts(FactKind::AuthorBio) {
        if !meta.author_bio.contains(&fact.value) {
            meta.author_bio.push(fact.value.clone());
            meta.origins.push(origin(
                "author_bio",
                fact.line,
                "credentials",
                Confidence::Medium,
            ));
        }
    }

    if let Some(date) = sidecar.date {
        meta.date = date;
        meta.origins
            .push(origin("date", 0, label("date"), Confidence::High));
    } else if let Some(fact) = first(FactKind::Date) {
        meta.date = fact.value.clone();
        meta.origins
            .push(origin("date", fact.line, "date line", Confidence::High));
    } else if let Some(fact) = first(FactKind::CreditDate) {
        meta.date = fact.value.clone();
        meta.origins.push(origin(
            "date",
            fact.line,
            "date in the closing credit",
            Confidence::Medium,
        ));
    }

    set_text(
        &mut meta.source,
        &mut meta.origins,
        "source",
        sidecar.source,
        label("source"),
        first(FactKind::Source),
        "source credit",
    );
    set_text(
        &mut meta.site,
        &mut meta.origins,
        "site",
        sidecar.site,
        label("site"),
        first(FactKind::Site),
        "site footer",
    );
    if let Some(profile) = cx.site {
        // The profile fills only what neither the sidecar nor the text gave.
        if meta.site.is_empty() && !profile.name.is_empty() {
            meta.site = profile.name.clone();
            meta.origins.push(origin(
                "site",
                0,
                "site profile in book.toml",
                Confidence::High,
            ));
        }
        if meta.source.is_empty()
            && let Some(source) = &profile.source
        {
            meta.source = source.clone();
            meta.origins.push(origin(
                "source",
                0,
                "site profile in book.toml",
                Confidence::Medium,
            ));
        }
    }
    if let Some(url) = sidecar.url {
        meta.url = url;
        meta.origins
            .push(origin("url", 0, label("url"), Confidence::High));
    }

    if let Some(categories) = sidecar.categories {
        meta.categories = categories;
        meta.origins.push(origin(
            "categories",
            0,
            label("categories"),
            Confidence::High,
        ));
    } else {
        for fact in facts(FactKind::Category) {
            if !meta.categories.contains(&fact.value) {
                meta.categories.push(fact.value.clone());
            }
        }
        if let Some(fact) = first(FactKind::Category) {
            meta.origins.push(origin(
                "categories",
                fact.line,
                "category line",
                Confidence::Medium,
            ));
        }
    }

    let body_text: String = doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    meta.word_count = word_count(&body_text);
    if let Some(language) = sidecar
        .language
        .or_else(|| cx.site.and_then(|p| p.language.clone()))
    {
        meta.language = language;
        meta.origins
            .push(origin("language", 0, language_by, Confidence::High));
    } else if let Some(language) = detect_language(&body_text) {
        meta.language = language.to_string();
        meta.origins.push(origin(
            "language",
            0,
            "detected from the text",
            Confidence::Medium,
        ));
    } else {
        meta.language = cx.fallback_language.to_string();
        meta.origins
            .push(origin("language", 0, "book language", Confidence::Low));
    }
    meta
}

/// Sets a text field from the sidecar, else from a fact.
fn set_text(
    field: &mut String,
    origins: &mut Vec<Origin>,
    name: &'static str,
    sidecar: Option<String>,
    given_by: &str,
    fact: Option<&Fact>,
    how: &str,
) {
    let (value, line, how, confidence) = match (sidecar, fact) {
        (Some(v), _) => (v, 0, given_by, Confidence::High),
        (None, Some(f)) => (f.value.clone(), f.line, how, Confidence::Medium),
        (None, None) => return,
    };
    *field = value;
    origins.push(Origin {
        field: name,
        line,
        how: how.to_string(),
        confidence,
    });
}

static NAME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,2})\s*[,.:]\s+(?P<rest>\S.*)$",
    )
    .expect("prefix pattern is valid")
});

/// Cuts "Surname Name, " off the front of a title taken from a breadcrumb
/// or toolbar: when it is one of `authors`, or a plain name when no author
/// is known (then the name is returned too).
fn strip_author_prefix(title: &str, authors: &[String]) -> (String, Option<String>) {
    let mut rest = title.to_string();
    let mut first_name = None;
    // "Balakina Irina, Sorokin Oleg, Title": as many names as there are authors.
    while let Some(caps) = NAME_PREFIX.captures(&rest) {
        let (name, tail) = (caps["name"].to_string(), caps["rest"].to_string());
        let is_author = authors.iter().any(|a| same_person(a, &name));
        if !(is_author
            || authors.is_empty()
                && first_name.is_none()
                && is_name(&name)
                && words_at_least(&tail, 3))
        {
            break;
        }
        first_name.get_or_insert(name);
        rest = tail;
    }
    (rest, first_name)
}

/// Most words in a derived title.
const DERIVED_TITLE_WORDS: usize = 14;

/// Makes a title from the lead or the first paragraph when the text gives
/// none, and warns that it did.
fn derive_title(doc: &CleanDoc, meta: &mut Meta, cx: Context<'_>, diags: &mut Diagnostics) {
    let source = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Lead)
        .or_else(|| doc.blocks.iter().find(|b| b.kind == BlockKind::Paragraph));
    let Some(block) = source else {
        diags.warn(
            cx.shown_path,
            0,
            "no title in the text and no text to derive one from; set `title` in the sidecar",
        );
        return;
    };
    let title = title_from_sentence(&block.text);
    let sidecar = crate::ingest::Sidecar::path_for(cx.shown_path);
    diags.warn(
        cx.shown_path,
        block.line,
        format!(
            "no title in the text or sidecar; derived \"{title}\" from this line (set `title` in {} to choose one)",
            sidecar.display()
        ),
    );
    meta.origins.push(Origin {
        field: "title",
        line: block.line,
        how: "derived from the opening sentence".to_string(),
        confidence: Confidence::Low,
    });
    meta.derived_title = Some(title);
}

/// The opening clause of a text's first sentence, short enough for a title.
fn title_from_sentence(text: &str) -> String {
    let sentence_end = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' '))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    let sentence = text[..sentence_end].trim().trim_end_matches('.');
    if words_at_most(sentence, DERIVED_TITLE_WORDS) {
        return sentence.to_string();
    }
    // Cut at the first clause boundary that leaves a title of sensible length.
    let mut count = 0;
    let mut last_word_end = 0;
    for (i, c) in sentence.char_indices() {
        if matches!(c, ',' | ';' | ':' | '—' | '–') && (5..=DERIVED_TITLE_WORDS).contains(&count)
        {
            return sentence[..i].trim().to_string();
        }
        if c.is_whitespace() && i > 0 && !sentence[..i].ends_with(char::is_whitespace) {
            count += 1;
            if count == DERIVED_TITLE_WORDS {
                last_word_end = i;
            }
        }
    }
    let cut = if last_word_end > 0 {
        last_word_end
    } else {
        sentence.len()
    };
    format!(
        "{}…",
        sentence[..cut].trim_end_matches([',', ';', ':', ' '])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_author_name_from_crumb_title() {
        let authors = vec!["Dmitry Streltzov".to_string()];
        let (title, name) = strip_author_prefix(
            "Streltsov Dmitry, Japan: Where Is the Dialogue with Russia Headed?",
            &authors,
        );
        assert_eq!(title, "Japan: Where Is the Dialogue with Russia Headed?");
        assert_eq!(name.as_deref(), Some("Streltsov Dmitry"));
        let (title, _) = strip_author_prefix("Russia and Japan: Where Next?", &authors);
        assert_eq!(title, "Russia and Japan: Where Next?");
    }

    #[test]
    fn derives_title_from_opening_clause() {
        assert_eq!(
            title_from_sentence(
                "Ahead of the upcoming visit of Japanese Prime Minister Shinzo Abe to Russia, top experts debate the importance of improved relations"
            ),
            "Ahead of the upcoming visit of Japanese Prime Minister Shinzo Abe to Russia"
        );
        assert_eq!(
            title_from_sentence("Talks resume. More later."),
            "Talks resume"
        );
    }
}

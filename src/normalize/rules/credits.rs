//! Credits: photo credits and captions, "originally published by" source
//! credits, and copyright footers.

use regex::Regex;

use super::{Hit, LineView, Pattern, fitting_match, regex};
use crate::normalize::FactKind;

/// A credit line alone is one of four shapes; [`is_credit_alone`] checks
/// them. The runs of letters are bounded in code (see [`fitting_match`]):
/// bounded in the patterns, they took tens of milliseconds to build, paid
/// by every build that cleans an article.
///
/// "Photo: Reuters", "(Photo by John Smith)": a credit word, then up to
/// 60 characters of names.
static CREDIT_FIRST: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^\(?(?:photo|image|picture|illustration|фото|foto|bild|source de l'image|crédit photo)\s*(?:by|credit|:|©|—|-)?\s*(?P<names>[\p{L}\p{N}./&, -]*?)\)?$",
    )
});

/// "AP photo", "Reuters / Maxim Shemetov photo": up to 30 characters of
/// names (twice), then a credit word.
static CREDIT_LAST: Pattern = Pattern::new(|| {
    regex(r"(?i)^(?P<who>[\p{L}./&-]+)(?: /(?P<also>[\p{L} ./&-]+?))? (?:photo|image|фото|foto)$")
});

/// An agency or photo bank alone.
static AGENCY_ALONE: Pattern = Pattern::new(|| {
    regex(r"(?i)^(?:getty images|shutterstock|reuters|ap|afp|tass|ria novosti|epa)$")
});

/// Whether `line` is a photo credit and nothing else.
fn is_credit_alone(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix('©') {
        return !rest.contains('\n') && rest.chars().count() <= 60;
    }
    AGENCY_ALONE.is_match(line)
        || fitting_match(&CREDIT_FIRST, line, &[("names", 60)]).is_some()
        || fitting_match(&CREDIT_LAST, line, &[("who", 30), ("also", 30)]).is_some()
}

/// A caption's closing credit has one of three shapes, each ending the
/// line; [`credit_start`] finds where the leftmost begins. As for a credit
/// alone, the upper bounds of runs are checked in code; the lower ones are
/// cheap in the patterns.
///
/// "… in Moscow. Photo: AP", "(Photo by Jane Roe)": a credit word, "by" or
/// ":", then up to 50 characters of names.
static WORD_CREDIT_TAIL: Pattern = Pattern::new(|| {
    regex(
        r"(?i)(?:\s|^)\(?(?:photo|image|фото|foto|source|источник|crédit|credit)\s*(?:by|:)\s*(?P<names>[\p{L}\p{N}./&, -]+?)\)?\s*$",
    )
});

/// "… on Monday. AFP", "… May 4. REUTERS/Eloisa Lopez": capitals after a
/// sentence, then up to 40 characters after a '/'.
static AGENCY_TAIL: Pattern =
    Pattern::new(|| regex(r"(?i)[.!?]\s+(?-i:\p{Lu}{3,})(?:/(?P<names>[\p{L}.' -]+?))?\s*$"));

/// "… May 4. Philippine Coast Guard/Handout via MERIDIAN": 2 to 40
/// characters on each side of a '/'.
static SLASHED_TAIL: Pattern =
    Pattern::new(|| regex(r"(?i)[.!?]\s+(?P<from>[\p{L}.' -]{2,}?)/(?P<names>[\p{L}.' -]{2,}?)$"));

/// Where the credit that closes `line` begins, if one does: the leftmost
/// start of any shape.
fn credit_start(line: &str) -> Option<usize> {
    let start = |pattern: &Regex, bounds: &[(&str, usize)]| {
        Some(fitting_match(pattern, line, bounds)?.get(0)?.start())
    };
    [
        start(&WORD_CREDIT_TAIL, &[("names", 50)]),
        start(&AGENCY_TAIL, &[("names", 40)]),
        start(&SLASHED_TAIL, &[("from", 40), ("names", 40)]),
    ]
    .into_iter()
    .flatten()
    .min()
}

/// The words [`WORD_CREDIT_TAIL`] needs, under the same case folding: a
/// line without any of them, without a '/' and not ending in capitals
/// closes with no credit.
static CAPTION_HINT: Pattern =
    Pattern::new(|| regex(r"(?i)photo|image|фото|foto|source|источник|crédit|credit"));

/// Whether `line` has what some credit shape (see [`credit_start`]) needs:
/// a credit word, a '/', or three capitals at the end. Almost every line is
/// prose with none of these, so checking them first gives the same answers
/// sooner.
fn may_end_with_credit(line: &str) -> bool {
    let capitals_at_end = line
        .trim_end()
        .chars()
        .rev()
        .take(3)
        .filter(|c| c.is_uppercase())
        .count()
        == 3;
    line.contains('/') || capitals_at_end || CAPTION_HINT.is_match(line)
}

/// A photo credit alone ("AP photo", "Photo: Reuters"), or a caption that
/// ends with one ("... in Moscow on Jan. 12. Photo: AP").
pub fn photo_credit(line: &LineView<'_>) -> Option<Hit> {
    if line.words() <= 8 && is_credit_alone(line.text) {
        return Some(Hit::new("photo-credit"));
    }
    (line.words() <= 60 && photo_caption(line.text)).then(|| Hit::new("photo-caption"))
}

/// Whether `line` is a caption closed by a credit: "…, left, in Moscow. Photo: AP".
pub fn photo_caption(line: &str) -> bool {
    if !may_end_with_credit(line) {
        return false;
    }
    let Some(start) = credit_start(line) else {
        return false;
    };
    let credit = &line[start..];
    let lower = credit.to_lowercase();
    // "Source: X" closes captions and citations alike; accept it only after a caption-sized line.
    // "… in Moscow, May 4. REUTERS/Maxim Shemetov": an agency in capitals closes the caption.
    let agency = credit
        .trim_start_matches(['.', '!', '?', ' '])
        .chars()
        .take_while(|c| *c != '/')
        .all(|c| c.is_uppercase() || c == ' ')
        || credit.contains('/');
    let photo_word = agency
        || ["photo", "image", "фото", "foto", "crédit", "credit"]
            .iter()
            .any(|w| lower.contains(w));
    photo_word && line.split_whitespace().count() <= 60
}

static CREDIT: Pattern = Pattern::new(|| {
    regex(
        r"(?i)(?:originally (?:published|appeared)|first (?:published|appeared)|(?:was )?published originally|reprinted|republished|reproduced|written (?:expressly|exclusively|specially|especially) for|(?:впервые )?опубликовано(?: впервые)?|впервые опубликовано|publié (?:initialement|à l'origine|d'abord)|erstmals (?:veröffentlicht|erschienen)|publicado originalmente)\s+(?:(?:by|in|on|at|from|with permission (?:of|from)|на|в|по|par|dans|sur|bei|von|in|en|por)\s+)?(?-i:the\s+)?(?P<src>[^.;,]+?)(?:\s+(?:and|which|with|who)\b.*)?\s*(?:[.;,]|$)",
    )
});

static SOURCE_LABEL: Pattern = Pattern::new(|| {
    regex(r"(?i)^(?:source|источник|quelle|fuente|originally at)\s*:\s*(?P<src>.{2,80}?)\.?$")
});

/// The publisher a credit names: "This article was originally published by
/// the RIAC and is reproduced with their kind permission" → "RIAC".
pub fn source_credit(text: &str) -> Option<String> {
    let caps = SOURCE_LABEL
        .captures(text)
        .or_else(|| CREDIT.captures(text))?;
    let src = caps.name("src")?.as_str().trim();
    let src = src.trim_end_matches([',', ':', ' ']);
    let words = src.split_whitespace().count();
    // A publisher is a name: "first published in 2016" credits nobody.
    let named = src.chars().next().is_some_and(char::is_uppercase);
    (named && (1..=10).contains(&words)).then(|| src.to_string())
}

/// The words `CREDIT` needs, under the same case folding; a line without
/// any of them skips it.
static CREDIT_HINT: Pattern = Pattern::new(|| {
    regex(
        r"(?i)originally|first|published|reprinted|republished|reproduced|written|опубликовано|publié|erstmals|publicado",
    )
});

/// A line that is a source credit and nothing else: the credit opens the
/// line ("This article was originally published by …"), so a bio or a
/// paragraph that ends with a credit is left to the passes that read those.
pub fn source_credit_line(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    if view.words() > 35 {
        return None;
    }
    if !SOURCE_LABEL.is_match(line) && !CREDIT_HINT.is_match(line) {
        return None;
    }
    let start = SOURCE_LABEL
        .find(line)
        .or_else(|| CREDIT.find(line))?
        .start();
    if line[..start].split_whitespace().count() > 4 {
        return None;
    }
    let src = source_credit(line)?;
    Some(Hit::new("source-credit").with(FactKind::Source, src))
}

static CITE_LABEL: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(cite this( article| page| paper| brief)?|how to cite( this article)?|citation|suggested citation|для цитирования|как цитировать|pour citer( cet article)?|citer cet article|zitierweise|zitiervorschlag|cómo citar( este artículo)?|citar como)\s*:?$",
    )
});

static CITATION: Pattern = Pattern::new(|| {
    regex(
        r"^\p{Lu}[\p{L}'’-]+, (?:\p{Lu}\.\s?)+(?:,?\s*(?:and|&|и|et|und|y)\s+\p{Lu}[\p{L}'’-]+, (?:\p{Lu}\.\s?)+)*\s*\(\d{4}\)\.",
    )
});

/// A "Cite this article" label, or a reference to the article itself
/// ("Smith, J. R. (2017). Title. Journal, 12(3), 41–60.").
pub fn citation(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    (CITE_LABEL.is_match(line) || CITATION.is_match(line)).then(|| Hit::new("citation"))
}

static ABOUT_AUTHOR: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(about the authors?|the authors?|author bio(graphy)?|об авторах?|сведения об авторах?|à propos de l'auteur|à propos des auteurs|l'auteur|les auteurs|über den autor|über die autorin|über die autoren|zum autor|zur autorin|sobre el autor|sobre la autora|sobre los autores|el autor|la autora)\s*:?$",
    )
});

/// "About the author": the label above an author's bio.
pub fn about_author(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    ABOUT_AUTHOR
        .is_match(line.trim())
        .then(|| Hit::new("author-bio"))
}

static ABOUT_PUBLISHER: Pattern = Pattern::new(|| {
    regex(
        r"^(?:About|À propos d[eu']|Über|Acerca de|Sobre|Chi è|О)\s+(?:the\s+)?\p{Lu}[^:]{1,80}:\s+\S",
    )
});

/// "About the Humanitarian Corridors Initiative: The … is an independent …":
/// the publisher's standing description under a press release.
pub fn about_publisher(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    ABOUT_PUBLISHER
        .is_match(line.trim())
        .then(|| Hit::new("publisher-blurb"))
}

static PRESS_CONTACT: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(notes? to editors?|editors'? notes?|media (contact|enquiries|inquiries)|press (contact|office|enquiries)|for (more|further) information|контакты для (прессы|сми)|contact presse|pressekontakt|contacto de prensa|contatti stampa)\s*(:.{0,80})?$",
    )
});

/// "Notes to editors:", "Media contact: …": a press release's back matter.
pub fn press_contact(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    PRESS_CONTACT
        .is_match(line.trim())
        .then(|| Hit::new("press-contact"))
}

static COPYRIGHT: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(©|\(c\)|copyright\s+(©\s*)?\d{4}|все права защищены|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|all rights reserved)|(all rights reserved|все права защищены|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados)\.?$",
    )
});

/// A copyright footer: "© 2015 Site. All rights reserved".
pub fn copyright(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    if view.words() > 25 || !COPYRIGHT.is_match(line) {
        return None;
    }
    let hit = Hit::new("site-footer");
    Some(match copyright_site(line) {
        Some(site) => hit.with(FactKind::Site, site),
        None => hit,
    })
}

/// The holder named in a copyright line: "© 2015 The Site. All rights reserved" → "The Site".
pub fn copyright_site(line: &str) -> Option<String> {
    let rest = line
        .trim_start_matches(|c: char| !c.is_alphabetic() || c == 'c' && line.starts_with("(c)"))
        .trim_start_matches("Copyright")
        .trim_start_matches(|c: char| !c.is_alphabetic());
    let holder = rest.split(['.', ',', '|']).next()?.trim();
    let lower = holder.to_lowercase();
    let words = holder.split_whitespace().count();
    ((1..=6).contains(&words) && !lower.starts_with("all rights")).then(|| holder.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::assert_same_answers;
    use super::*;

    /// Every line of the sample corpus, its whitespace folded.
    fn sample_corpus_lines() -> Vec<String> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut lines = Vec::new();
        for entry in std::fs::read_dir(corpus).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            lines.extend(text.lines().map(crate::normalize::text::fold_whitespace));
        }
        lines
    }

    #[test]
    fn strips_photo_credit() {
        assert!(photo_credit(&"AP photo".into()).is_some());
        assert!(photo_credit(&"Photo: Reuters".into()).is_some());
        assert!(photo_credit(&"Getty Images".into()).is_some());
        let caption = "Former Japanese Foreign Minister Masahiko Komura, right, hands over an envelope to Russian Foreign Minister Sergey Lavrov, left, in Moscow on Jan. 12. Photo: AP";
        assert_eq!(photo_credit(&caption.into()).unwrap().rule, "photo-caption");
        let agency = "A coast guard ship sails near the shoal in the South China Sea, May 4, 2021. REUTERS/Eloisa Lopez";
        assert_eq!(photo_credit(&agency.into()).unwrap().rule, "photo-caption");
        let handout =
            "A ship sails near the shoal, May 4, 2021. Philippine Coast Guard/Handout via MERIDIAN";
        assert_eq!(photo_credit(&handout.into()).unwrap().rule, "photo-caption");
    }

    // The quick check never turns away a line a credit closes:
    // over every line of the sample corpus and lines made for each branch.
    #[test]
    fn caption_check_lets_every_match_through() {
        let mut lines = vec![
            "Crowds gathered in Moscow on Monday. AFP".to_string(),
            "Crowds gathered in Moscow on Monday. Source: TASS".to_string(),
            "Crowds gathered on Monday. Kyodo/Handout".to_string(),
            "Дети на площади. Фото: ТАСС".to_string(),
            "Leaders met (PHOTO BY Jane Roe)".to_string(),
            "The talks went on. Both sides agreed".to_string(),
        ];
        lines.extend(sample_corpus_lines());
        let mut matched = 0;
        for line in &lines {
            if credit_start(line).is_some() {
                matched += 1;
                assert!(may_end_with_credit(line), "{line}");
            }
        }
        assert!(matched >= 5, "{matched}");
        assert!(photo_caption("Crowds gathered in Moscow on Monday. AFP"));
        assert!(!may_end_with_credit(
            "Crowds gathered in Moscow on Monday, and the police watched."
        ));
    }

    // The credit check answers as the one pattern with bounded runs it
    // replaced does, on lines made around every bound and on every line of
    // the sample corpus.
    #[test]
    fn credit_check_answers_as_the_bounded_pattern() {
        let bounded = regex(
            r"(?i)^(\(?(photo|image|picture|illustration|фото|foto|bild|source de l'image|crédit photo)\s*(by|credit|:|©|—|-)?\s*[\p{L}\p{N}./&, -]{0,60}\)?|[\p{L}./&-]{1,30}( /[\p{L} ./&-]{1,30})? (photo|image|фото|foto)|getty images|shutterstock|reuters|ap|afp|tass|ria novosti|epa|©.{0,60})$",
        );
        let run = |unit: &str, n: usize| unit.repeat(n);
        let mut lines: Vec<String> = Vec::new();
        for n in [0, 1, 29, 30, 31, 58, 59, 60, 61, 62] {
            for names in [
                run("a", n),
                run("я", n),
                run("ab ", n / 3),
                run("x-", n / 2),
            ] {
                for head in [
                    "Photo",
                    "(Photo",
                    "photo by ",
                    "Фото: ",
                    "Image —",
                    "crédit photo",
                    "Photo:",
                ] {
                    lines.push(format!("{head}{names}"));
                    lines.push(format!("{head} {names})"));
                    lines.push(format!("{head} {names} photo"));
                }
                lines.push(format!("{names} photo"));
                lines.push(format!("AP /{names} photo"));
                lines.push(format!("{names} / Reuters photo"));
                lines.push(format!("{names} /{names} фото"));
                lines.push(format!("AP / x /{names} photo"));
                lines.push(format!("©{names}"));
                lines.push(format!("© 2020 {names}"));
            }
        }
        lines.extend(
            [
                "Getty Images",
                "REUTERS",
                "Ria Novosti",
                "ap photo photo",
                "(Photo: AP)",
            ]
            .map(String::from),
        );
        lines.extend(sample_corpus_lines());
        assert_same_answers(
            &lines,
            100,
            |line| is_credit_alone(line).then_some(()),
            |line| bounded.is_match(line).then_some(()),
        );
    }

    // The closing credit starts where the one pattern with bounded runs
    // it replaced found it, on lines made around every bound and on every
    // line of the sample corpus.
    #[test]
    fn credit_start_is_where_the_bounded_pattern_found_it() {
        let bounded = regex(
            r"(?i)(\s|^)\(?(photo|image|фото|foto|source|источник|crédit|credit)\s*(by|:)\s*[\p{L}\p{N}./&, -]{1,50}\)?\s*$|[.!?]\s+(?-i:\p{Lu}{3,})(/[\p{L}.' -]{1,40})?\s*$|[.!?]\s+[\p{L}.' -]{2,40}/[\p{L}.' -]{2,40}$",
        );
        let mut lines: Vec<String> = Vec::new();
        let heads = [
            "Leaders met in Moscow.",
            "Leaders met. Then more. In Moscow!",
            "Leaders met in Moscow on Monday, May 4",
            "",
        ];
        for n in [0, 1, 2, 3, 38, 39, 40, 41, 42, 48, 49, 50, 51, 52] {
            for names in [
                "a".repeat(n),
                "я".repeat(n),
                "ab ".repeat(n / 3),
                "x.".repeat(n / 2),
            ] {
                for head in heads {
                    for tail in [
                        format!(" Photo: {names}"),
                        format!(" (Photo by {names})"),
                        format!(" source:{names}  "),
                        format!(" Фото: {names}"),
                        format!(" AFP/{names}"),
                        format!(" REUTERS/{names} "),
                        format!("  {names}/Handout"),
                        format!(" Coast Guard/{names}"),
                        format!(" {names}/{names}"),
                        format!(" . {names}. X/ab"),
                    ] {
                        lines.push(format!("{head}{tail}"));
                    }
                }
            }
        }
        lines.extend(sample_corpus_lines());
        assert_same_answers(&lines, 500, credit_start, |line| {
            bounded.find(line).map(|m| m.start())
        });
    }

    #[test]
    fn keeps_sentence_about_photos() {
        assert!(
            photo_credit(
                &"The photo of the two leaders was published on the front page of every newspaper."
                    .into()
            )
            .is_none()
        );
        assert!(photo_credit(&"AP reported the visit first.".into()).is_none());
    }

    #[test]
    fn finds_source_in_credits() {
        assert_eq!(
            source_credit("This article was originally published by the RIAC and is reproduced with their kind permission").as_deref(),
            Some("RIAC")
        );
        assert_eq!(
            source_credit("This article was written expressly for New Eastern Outlook.").as_deref(),
            Some("New Eastern Outlook")
        );
        assert_eq!(
            source_credit("Source: Russia in Global Affairs").as_deref(),
            Some("Russia in Global Affairs")
        );
        assert_eq!(
            source_credit("First published in Kommersant.").as_deref(),
            Some("Kommersant")
        );
    }

    // Every credit the full pattern finds has one of the hint words, so
    // skipping lines without them loses none.
    #[test]
    fn credit_hint_covers_every_credit() {
        for line in [
            "This article was originally published by the RIAC.",
            "First appeared in Kommersant.",
            "Republished with permission from The Diplomat.",
            "Written exclusively for New Eastern Outlook.",
            "Впервые опубликовано в «Коммерсанте».",
            "Publié initialement dans Le Monde.",
            "Erstmals erschienen bei der FAZ.",
            "Publicado originalmente en El País.",
            "It was PUBLISHED ORIGINALLY in Tokyo.",
        ] {
            assert!(CREDIT.is_match(line), "{line}");
            assert!(CREDIT_HINT.is_match(line), "{line}");
        }
    }

    #[test]
    fn keeps_sentence_mentioning_publication() {
        assert!(source_credit_line(&"The plan was first published in 2016 and has since been revised many times by both governments, which disagree.".into()).is_none());
    }

    #[test]
    fn strips_citations_and_author_labels() {
        assert!(citation(&"Cite this article:".into()).is_some());
        assert!(
            citation(&"Smith, J. R. (2017). Energy in the Caspian. Eurasian Policy Review, 12(3), 41–60.".into())
            .is_some()
        );
        assert!(
            citation(
                &"Beridze, N. and Andersen, P. K. (2019). Georgia. Review, 14(2), 1–9.".into()
            )
            .is_some()
        );
        assert!(
            citation(&"Smith, the minister, said in 2017 that the talks had failed.".into())
                .is_none()
        );
        assert!(about_author(&"Über den Autor".into()).is_some());
        assert!(about_author(&"About the authors".into()).is_some());
        assert!(about_author(&"About the authors of the plan, little is known.".into()).is_none());
    }

    #[test]
    fn strips_press_release_back_matter() {
        assert!(about_publisher(&"About the Humanitarian Corridors Initiative: The initiative is an independent group.".into()).is_some());
        assert!(about_publisher(&"About the treaty, little was said in public.".into()).is_none());
        assert!(press_contact(&"Notes to editors:".into()).is_some());
        assert!(press_contact(&"Media contact: Jane Roe, +41 22 000 00 00".into()).is_some());
        assert!(press_contact(&"For more information on the talks, the ministry referred reporters to its spokesman in Geneva.".into()).is_none());
    }

    #[test]
    fn strips_copyright_footer() {
        let hit =
            copyright(&"© 2015 Institute of Far Eastern Studies. All rights reserved.".into())
                .unwrap();
        assert_eq!(
            hit.facts,
            [(
                FactKind::Site,
                "Institute of Far Eastern Studies".to_string()
            )]
        );
        assert!(
            copyright(
                &"Copyright law in Japan differs from that of Russia in three respects.".into()
            )
            .is_none()
        );
    }
}

//! Links to other articles: "Also read:", "Recommended:", "See also:".

use super::{Hit, LineView, Pattern, regex};

static RELATED: Pattern = Pattern::new(|| {
    regex(
        r#"(?i)^(also read|read also|read more|recommended|related( articles?| stories| posts)?|see also|more on (this|the) topic|you may also like|читайте также|читать также|смотрите также|по теме|рекомендуем|à lire aussi|lire aussi|voir aussi|lesen sie auch|mehr zum thema|siehe auch|lee también|te puede interesar|ver también)\s*(:|»|>|→|-|–)\s*(.+)$"#,
    )
});

static QUOTED: Pattern = Pattern::new(|| {
    regex(r#"^(also read|read also|recommended|see also|читайте также)\s+["“«].+["”»]$"#)
});

/// A related-article line: a label, then the linked title.
pub fn related_link(line: &LineView<'_>) -> Option<Hit> {
    let short = line.words() <= 30;
    (short && (RELATED.is_match(line.text) || QUOTED.is_match(&line.text.to_lowercase())))
        .then(|| Hit::new("related-link"))
}

static LIST_HEADER: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(most (read|popular|viewed|shared)|popular( (now|posts|articles))?|trending( now)?|related (posts|articles|stories|content)|more (stories|articles|from \w+( \w+)?)|recommended (for you|articles|reading)|editor'?s picks|самое (читаемое|популярное)|популярное|читайте также|по теме|les plus lus|à lire aussi|meistgelesen|beliebt|lo más (leído|visto)|te puede interesar)\s*:?$",
    )
});

/// The header of a list of other articles: "Most read", "Related posts".
pub fn list_header(line: &LineView<'_>) -> Option<Hit> {
    LIST_HEADER
        .is_match(line.text.trim())
        .then(|| Hit::new("related-link"))
}

static SPONSORED: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(sponsored( content| post)?|promoted|partner content|спонсорский материал|партнерский материал|contenu sponsorisé|gesponsert|contenido patrocinado|patrocinado)$",
    )
});

/// Whether an advertising label introduces a teaser ("Sponsored"), unlike a
/// bare "Advertisement" marker.
pub fn is_sponsored_label(line: &str) -> bool {
    SPONSORED.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_also_read_lines() {
        assert!(
            related_link(
                &r#"Also read: "Should the US worry about closer Russia-China cooperation?""#
                    .into()
            )
            .is_some()
        );
        assert!(
            related_link(&r#"Recommended: "Making sense of Russian Foreign Minister Lavrov's visit to Japan""#.into())
            .is_some()
        );
        assert!(related_link(&"Читайте также: Россия и Япония".into()).is_some());
        assert!(related_link(&r#"See also “The Kuril question”"#.into()).is_some());
    }

    #[test]
    fn strips_list_headers() {
        assert!(list_header(&"Most read".into()).is_some());
        assert!(list_header(&"Related posts".into()).is_some());
        assert!(list_header(&"Самое читаемое".into()).is_some());
        assert!(list_header(&"Most read newspapers in Japan supported the deal.".into()).is_none());
    }

    #[test]
    fn keeps_sentence_that_recommends() {
        assert!(
            related_link(&"Recommended reading lists rarely include Japanese sources.".into())
                .is_none()
        );
        assert!(
            related_link(
                &"See also the appendix, where the figures are broken down by year and region."
                    .into()
            )
            .is_none()
        );
    }
}

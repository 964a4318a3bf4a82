//! Site navigation: menus, breadcrumb trails, previous/next arrows.

use super::{Hit, LineView, Pattern, phrase_key, regex};
use crate::normalize::FactKind;

static MENU: Pattern = Pattern::new(|| {
    regex(
        r"^(main )?(menu|navigation|nav)( content( inhalt)?)?$|^(skip to (main )?content|toggle navigation|jump to navigation|меню|главное меню|перейти к содержанию|aller au contenu|zum inhalt springen|ir al contenido|menú|hauptmenü)$",
    )
});

/// A menu or "skip to content" line.
pub fn menu(line: &LineView<'_>) -> Option<Hit> {
    MENU.is_match(line.key()).then(|| Hit::new("menu"))
}

/// Words that open a breadcrumb trail.
const HOME_WORDS: &[&str] = &[
    "home",
    "главная",
    "главная страница",
    "accueil",
    "startseite",
    "inicio",
    "start",
    "portada",
];

/// Separators between crumbs. " arrow " is what an arrow image leaves behind
/// when its alt text is scraped.
const CRUMB_SEPARATORS: &[&str] = &[
    " arrow ", " > ", " » ", " › ", " → ", " / ", " | ", " :: ", " >> ",
];

/// A breadcrumb trail: "Home arrow Publications arrow Economy arrow Title".
/// The last crumb is the page's title.
pub fn breadcrumb(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    // "You are here: Home » News » Title": the label goes before the trail.
    let line = YOU_ARE_HERE.find(line).map_or(line, |m| &line[m.end()..]);
    let sep = CRUMB_SEPARATORS
        .iter()
        .filter(|s| line.matches(*s).count() >= 1)
        .max_by_key(|s| line.matches(*s).count())?;
    let crumbs: Vec<&str> = line.split(sep).map(str::trim).collect();
    let first = phrase_key(crumbs[0]);
    let from_home = HOME_WORDS.contains(&first.as_str());
    // Without a home word, only a longer trail of short crumbs counts: a
    // sentence with one "/" or ">" is not a breadcrumb.
    let short_crumbs = crumbs[..crumbs.len() - 1]
        .iter()
        .all(|c| c.split_whitespace().count() <= 4);
    if !(from_home && crumbs.len() >= 2
        || crumbs.len() >= 3 && short_crumbs && crumbs[0].split_whitespace().count() <= 2)
    {
        return None;
    }
    let hit = Hit::new("breadcrumb");
    let last = crumbs[crumbs.len() - 1];
    // A last crumb of a few words is the page's title; a short one is a
    // section, and "Vol. 12, No. 3 (2017)" is an issue.
    let issue = ISSUE_LABEL.is_match(last)
        || last.chars().filter(char::is_ascii_digit).count() * 4 > last.len();
    if crumbs.len() >= 3 && last.split_whitespace().count() >= 3 && !issue {
        Some(hit.with(FactKind::BreadcrumbTitle, last))
    } else {
        Some(hit)
    }
}

static YOU_ARE_HERE: Pattern = Pattern::new(|| {
    regex(
        r"(?i)^(you are here|вы здесь|vous êtes ici|sie sind hier|usted está aquí|estás aquí|ti trovi in|sei qui)\s*:\s*",
    )
});

static ISSUE_LABEL: Pattern =
    Pattern::new(|| regex(r"(?i)\b(vol|no|issue|nr|№|том|выпуск|n°|núm)\b\.?\s*\d"));

static PREV_NEXT: Pattern = Pattern::new(|| {
    regex(
        r"^((пред(ыдущая)?|след(ующая)?|prev(ious)?|next|older|newer|précédent(e)?|suivant(e)?|zurück|weiter|vorherige|nächste|anterior|siguiente)( (article|post|story|page|entry|статья|запись|artikel|artículo|entrada|posts|entries))?\s*)+$",
    )
});

/// Previous/next links: "« Пред. След. »", "← Previous article".
pub fn prev_next(line: &LineView<'_>) -> Option<Hit> {
    let key = line.key();
    (!key.is_empty() && PREV_NEXT.is_match(key)).then(|| Hit::new("prev-next"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_menu_lines() {
        assert!(menu(&"Menu Content/Inhalt".into()).is_some());
        assert!(menu(&"Skip to content".into()).is_some());
        assert!(menu(&"The menu of options narrowed.".into()).is_none());
    }

    #[test]
    fn strips_breadcrumb_and_keeps_title() {
        let hit = breadcrumb(&"Главная arrow Publications arrow Economy arrow Streltsov Dmitry, Japan: Where Is It Headed?".into()).unwrap();
        assert_eq!(hit.rule, "breadcrumb");
        assert_eq!(
            hit.facts,
            [(
                FactKind::BreadcrumbTitle,
                "Streltsov Dmitry, Japan: Where Is It Headed?".to_string()
            )]
        );
        assert!(breadcrumb(&"Home > News > World".into()).is_some());
        let hit = breadcrumb(
            &"You are here: Home » News » Workshop Report: Sanctions and Exemptions".into(),
        )
        .unwrap();
        assert_eq!(hit.facts[0].1, "Workshop Report: Sanctions and Exemptions");
    }

    #[test]
    fn keeps_sentences_with_slashes() {
        assert!(
            breadcrumb(&"The ratio rose from 3 / 4 to nearly one in the last decade.".into())
                .is_none()
        );
        assert!(
            breadcrumb(&"Profits > costs is what investors expect from the fund.".into()).is_none()
        );
    }

    #[test]
    fn strips_prev_next() {
        assert!(prev_next(&"« Пред.   След. »".into()).is_some());
        assert!(prev_next(&"← Previous article".into()).is_some());
        assert!(prev_next(&"Next →".into()).is_some());
        assert!(prev_next(&"Next year the talks resume.".into()).is_none());
    }
}

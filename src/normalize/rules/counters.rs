//! Counters and link-like lines: view and like counts, reading-time
//! badges, pagination, bare URLs, and advertising markers.

use super::{Hit, LineView, Pattern, regex};

static COUNTER: Pattern = Pattern::new(|| {
    regex(
        r"^((views?|reads?|hits|likes?|claps?|responses?|shares?|просмотр(ов|а|ы)?|прочтени[йяе]|лайк(ов|а)?|vues?|lectures?|aufrufe|gelesen|visitas|lecturas|vistas)\s*\d+( \d+)?\s*[kкm]?|\d+( \d+)?\s*[kкm]?\s*(views?|reads?|hits|likes?|claps?|responses?|shares?|просмотр(ов|а|ы)?|лайк(ов|а)?|vues?|lectures?|aufrufe|mal gelesen|visitas|lecturas|vistas))$",
    )
});

/// "Sep 22 · 7 min read": a reading-time badge after other metadata.
static READING_SUFFIX: Pattern = Pattern::new(|| regex(r"\b\d+ (min|mins|minute|minutes) read$"));

static BARE_COUNT: Pattern = Pattern::new(|| regex(r"^\d{1,4}( \d)?\s*[kкm]?$"));

static READING_TIME: Pattern = Pattern::new(|| {
    regex(
        r"^((reading time\s*)?\d+\s*(min|mins|minutes?)( read)?|время чтения\s*\d+\s*мин(ут[ыа]?)?|\d+\s*мин(ут[ыа]?)?( чтения)?|(temps de )?lecture\s*\d+\s*min|\d+\s*min(uten)? lesezeit|lesezeit\s*\d+\s*min(uten)?|\d+\s*min(utos)? de lectura|lectura de\s*\d+\s*min(utos)?)$",
    )
});

static PAGE_OF: Pattern =
    Pattern::new(|| regex(r"^(page|страница|стр|seite|página)\s*\d+\s*(of|из|sur|von|de)\s*\d+$"));

static PAGE_WORDS: Pattern = Pattern::new(|| {
    regex(
        r"^(first|previous|prev|next|last|далее|назад|вперед|вперёд|suivant|précédent|weiter|zurück|siguiente|anterior)$",
    )
});

/// A view, like or response count, or a reading-time badge: "1.2K claps",
/// "Просмотров: 123", "5 min read".
pub fn counter(line: &LineView<'_>) -> Option<Hit> {
    let key = line.key();
    if key.is_empty() {
        return None;
    }
    // A bare count ("1.2K", "14") under a headline is a like or comment counter.
    let bare_count = key.len() <= 8 && BARE_COUNT.is_match(key);
    if bare_count || COUNTER.is_match(key) {
        return Some(Hit::new("counter"));
    }
    (key.split(' ').count() <= 8 && READING_SUFFIX.is_match(key) || READING_TIME.is_match(key))
        .then(|| Hit::new("reading-time"))
}

/// Pagination: "Page 1 of 3", "1 2 3 Next", "« 1 2 3 »".
pub fn pagination(line: &LineView<'_>) -> Option<Hit> {
    let key = line.key();
    if PAGE_OF.is_match(key) {
        return Some(Hit::new("pagination"));
    }
    // A run of page numbers counting up from 1, perhaps with page words.
    let mut numbers = Vec::new();
    for word in key.split(' ') {
        match word.parse::<u32>() {
            Ok(n) if word.len() <= 3 => numbers.push(n),
            _ if PAGE_WORDS.is_match(word) => {}
            _ => return None,
        }
    }
    let counting =
        numbers.len() >= 2 && numbers[0] == 1 && numbers.windows(2).all(|w| w[1] == w[0] + 1);
    counting.then(|| Hit::new("pagination"))
}

static ADVERT: Pattern = Pattern::new(|| {
    regex(
        r"^(advertisement|advertising|ad|ads|sponsored( content| post)?|promoted|partner content|реклама|рекламный материал|партнерский материал|спонсорский материал|publicité|contenu sponsorisé|anzeige|werbung|gesponsert|publicidad|contenido patrocinado|patrocinado)$",
    )
});

/// An advertising marker: "Advertisement", "Sponsored", "Реклама".
pub fn advert(line: &LineView<'_>) -> Option<Hit> {
    ADVERT.is_match(line.key()).then(|| Hit::new("advertising"))
}

static URL: Pattern = Pattern::new(|| regex(r"(?i)^(https?://|www\.)\S+$"));

/// A line that is only links: a bare URL, or a row of short items split by
/// "|" or "•" (a scraped link bar).
pub fn link_like(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    if URL.is_match(line) {
        return Some(Hit::new("link-line"));
    }
    let items: Vec<&str> = line
        .split(['|', '•', '·'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let bar = items.len() >= 3
        && items
            .iter()
            .all(|i| i.split_whitespace().count() <= 3 && !i.ends_with(['.', '!', '?']));
    bar.then(|| Hit::new("link-bar"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_counters_and_reading_time() {
        for s in [
            "Просмотров: 123",
            "1.2K claps",
            "Views: 4,512",
            "5 min read",
            "Время чтения 7 минут",
            "12 responses",
        ] {
            assert!(counter(&s.into()).is_some(), "{s}");
        }
    }

    #[test]
    fn keeps_sentences_with_numbers() {
        assert!(counter(&"The reactor took 5 minutes to shut down.".into()).is_none());
        assert!(
            counter(&"About 1,200 views were expressed at the hearing, officials said.".into())
                .is_none()
        );
    }

    #[test]
    fn strips_pagination() {
        assert!(pagination(&"Page 2 of 5".into()).is_some());
        assert!(pagination(&"1 2 3 Next".into()).is_some());
        assert!(pagination(&"Страница 1 из 3".into()).is_some());
        assert!(pagination(&"In 2014 there were 3 rounds of talks.".into()).is_none());
        assert!(pagination(&"03.06.2019".into()).is_none());
        assert!(pagination(&"12 15".into()).is_none());
    }

    #[test]
    fn strips_advertising_markers() {
        assert!(advert(&"ADVERTISEMENT".into()).is_some());
        assert!(advert(&"Реклама".into()).is_some());
        assert!(advert(&"Advertising revenue fell by a third in 2020.".into()).is_none());
    }

    #[test]
    fn strips_link_bars() {
        assert!(link_like(&"https://example.org/a/b".into()).is_some());
        assert!(link_like(&"About | Contact | Privacy | Terms".into()).is_some());
        assert!(
            link_like(&"Tokyo | a city that never sleeps, as the saying goes, is tired.".into())
                .is_none()
        );
    }
}

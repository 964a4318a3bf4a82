//! Page widgets: ratings and votes, share buttons, comment boxes, newsletter
//! and cookie prompts. Each matches the whole line, so a sentence about
//! voting, sharing or commenting stays in the article.

use super::{Hit, LineView, Pattern, regex};

static RATING: Pattern = Pattern::new(|| {
    regex(
        r"^(rate (this|the) (article|post|story|page|material)|rate this|your rating|rating|оцените (статью|материал|публикацию)|рейтинг|noter cet article|votre note|artikel bewerten|bewertung|valora este artículo|valoración)( \d+( \d+)?( of \d+)?)?$|^(votes?|голос(ов|а)?|stimmen|votos?) \d+( (rating|рейтинг|note|bewertung|valoración) \d+( \d+)?)?$|^\d+ (votes?|голос(ов|а)?|stimmen|votos?)$|^(rating|рейтинг) \d+( \d+)?( (out )?of \d+)?$",
    )
});

/// A rating widget: "Rate this article", "(votes: 2, rating: 5)", "(2 votes)".
pub fn rating(line: &LineView<'_>) -> Option<Hit> {
    let stars = !line.text.is_empty()
        && line
            .text
            .chars()
            .all(|c| matches!(c, '★' | '☆' | '✩' | '✭' | ' '));
    (stars || RATING.is_match(line.key())).then(|| Hit::new("rating-widget"))
}

static SHARE: Pattern = Pattern::new(|| {
    regex(
        r"^(share|share (this|the) (article|post|story|page)|share (on|via) \w+|share this|tweet|pin it|like|поделиться|поделитесь( (статьей|ссылкой))?|partager( (cet article|sur \w+))?|teilen|artikel teilen|compartir( (este artículo|en \w+))?|(facebook|twitter|x|telegram|whatsapp|vk|linkedin|reddit|email|e mail)( (facebook|twitter|x|telegram|whatsapp|vk|linkedin|reddit|email|e mail))*)$",
    )
});

/// Share buttons: "Share this article", "Share on Facebook", a row of network names.
pub fn share(line: &LineView<'_>) -> Option<Hit> {
    let key = line.key();
    (!key.is_empty() && SHARE.is_match(key)).then(|| Hit::new("share-links"))
}

static COMMENTS: Pattern = Pattern::new(|| {
    regex(
        r"^(\d+ comments?|no comments( yet)?|comments?( \d+)?|leave a (reply|comment)|add (a )?comment|post a comment|write a comment|cancel reply|you can be (the )?first to comment( on)? this( post| article)?|be the first to comment|log in to (comment|reply)|комментарии( \d+)?|\d+ комментари(ев|й|я)|добавить комментарий|оставить комментарий|написать комментарий|commentaires?( \d+)?|laisser un commentaire|kommentare?( \d+)?|kommentar schreiben|comentarios?( \d+)?|deja un comentario)$|^your email address will not be published|^this site uses akismet to reduce spam|^you must be logged in to post a comment",
    )
});

/// Comment sections: counts, "Leave a Reply", the form's fine print.
pub fn comments(line: &LineView<'_>) -> Option<Hit> {
    COMMENTS.is_match(line.key()).then(|| Hit::new("comments"))
}

static SUBSCRIBE: Pattern = Pattern::new(|| {
    regex(
        r"^(subscribe( to (our|the) (newsletter|channel|feed|updates))?|sign up for (our|the) newsletter|newsletter|follow us( on \w+)?|подписаться( на (рассылку|новости|канал))?|подпишитесь( на (рассылку|наш канал))?|s abonner( à la newsletter)?|abonnieren|newsletter abonnieren|suscríbete|suscribirse)$",
    )
});

/// Newsletter and follow prompts.
pub fn subscribe(line: &LineView<'_>) -> Option<Hit> {
    let key = line.key();
    // "Thanks for reading X! Subscribe for free to receive new posts": a
    // newsletter's plea, which names itself but no fact of the article.
    let plea = key.split(' ').count() <= 30
        && [
            "thanks for reading",
            "thank you for reading",
            "if you enjoyed",
            "if you liked",
            "enjoyed this",
        ]
        .iter()
        .any(|p| key.starts_with(p))
        && key.contains("subscri");
    (plea || SUBSCRIBE.is_match(key)).then(|| Hit::new("subscribe-prompt"))
}

static COOKIE_BANNER: Pattern = Pattern::new(|| {
    regex(
        r"^(this (web)?site uses cookies|we use cookies|by (continuing to use|using) (this|our) (web)?site|этот сайт использует (файлы )?cookie|мы используем (файлы )?cookie|ce site utilise des cookies|diese (web)?seite verwendet cookies|este sitio (web )?utiliza cookies)",
    )
});

/// What a cookie banner asks or promises, in the languages above.
static COOKIE_PURPOSE: Pattern = Pattern::new(|| {
    regex(
        r"experience|agree|consent|policy|accept|browsing|privacy|settings|опыт|соглас|политик|expérience|accept|zustimm|erfahrung|datenschutz|experiencia|acepta|privacidad",
    )
});

static COOKIE_BUTTON: Pattern = Pattern::new(|| {
    regex(
        r"^(accept( all)? cookies|cookie settings|принять( все)? cookie|accepter les cookies|cookies akzeptieren|aceptar cookies)$",
    )
});

/// Cookie banners and their buttons.
pub fn cookie(line: &LineView<'_>) -> Option<Hit> {
    let key = line.key();
    // The banner is one or two sentences about cookies and the reader's consent.
    let banner =
        key.split(' ').count() <= 40 && COOKIE_BANNER.is_match(key) && COOKIE_PURPOSE.is_match(key);
    (banner || COOKIE_BUTTON.is_match(key)).then(|| Hit::new("cookie-prompt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_rating_widget() {
        for s in [
            "Rate this article",
            "(votes: 2, rating: 5)",
            "\u{a0}(2 votes)",
            "★★★★☆",
            "Оцените статью",
        ] {
            assert!(rating(&s.trim().into()).is_some(), "{s}");
        }
    }

    #[test]
    fn keeps_sentence_that_mentions_votes() {
        assert!(
            rating(&"The rating agencies downgraded Japan's debt twice that year.".into())
                .is_none()
        );
        assert!(rating(&"Only 2 votes separated the two candidates.".into()).is_none());
    }

    #[test]
    fn strips_share_links() {
        for s in [
            "Share this article",
            "Share",
            "Share on Facebook",
            "Facebook Twitter Telegram",
            "Поделиться",
        ] {
            assert!(share(&s.into()).is_some(), "{s}");
        }
    }

    #[test]
    fn keeps_sentence_that_mentions_sharing() {
        assert!(
            share(&"Both sides share this article of faith about the alliance.".into()).is_none()
        );
        assert!(share(&"Tokyo and Moscow share a border at sea.".into()).is_none());
    }

    #[test]
    fn strips_comment_section() {
        for s in [
            "0 Comments",
            "No Comments Yet!",
            "You can be first to comment this post!",
            "Leave a Reply",
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
            "Комментарии (3)",
        ] {
            assert!(comments(&s.into()).is_some(), "{s}");
        }
    }

    #[test]
    fn keeps_sentence_that_mentions_comments() {
        assert!(comments(&"The ministry declined to comment on the report.".into()).is_none());
        assert!(
            comments(&"No comments were made by the Japanese side at the time.".into()).is_none()
        );
    }

    #[test]
    fn strips_subscribe_and_cookie_prompts() {
        assert!(subscribe(&"Subscribe to our newsletter".into()).is_some());
        assert!(
            subscribe(
                &"Thanks for reading The Letter! Subscribe for free to receive new posts.".into()
            )
            .is_some()
        );
        assert!(cookie(&"This website uses cookies to improve your experience.".into()).is_some());
        assert!(
            subscribe(&"Few readers subscribe to the theory that sanctions work.".into()).is_none()
        );
        assert!(cookie(&"We use cookies as an example of a bad metaphor in diplomacy, he said, and laughed at length about it.".into()).is_none());
    }
}

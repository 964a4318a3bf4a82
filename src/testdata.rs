//! A small hand-made dossier for the renderers' tests and the
//! `render_check` example: notes (known, unknown, repeated, unreferenced),
//! headings, a lead and a quote, Cyrillic text, text that looks like HTML,
//! an article with no authors, date or source, and one with only a derived
//! title. Written with `crate::` paths so the example can include it too.

use std::path::PathBuf;

use crate::config::Settings;
use crate::extract::{Article, Footnote, Meta};
use crate::markdown::Dossier;
use crate::normalize::{Block, BlockKind, Removed};

/// A link to a related article `slug` that is no near-duplicate.
pub fn related_link(slug: &str, title: &str) -> crate::markdown::RelatedLink {
    crate::markdown::RelatedLink {
        slug: slug.into(),
        title: title.into(),
        near_duplicate: false,
        similarity: 40,
        shared: Vec::new(),
        volume: None,
    }
}

/// Settings for the sample dossier.
pub fn settings() -> Settings {
    Settings {
        root: PathBuf::from("/sample"),
        corpus_dir: PathBuf::from("/sample/corpus"),
        out_dir: PathBuf::from("/sample/book"),
        templates_dir: None,
        title: "The Grid in Transition".to_string(),
        subtitle: Some("Articles on energy, power and the people who keep the lights on".to_string()),
        editors: vec!["Ann Editor & Co".to_string()],
        language: "en".to_string(),
        description: "A reading dossier collected from the web for the *energy seminar*. \
                      Each article keeps its notes; what the scraper removed is listed under it.\n\n\
                      Raw HTML such as <b onclick=\"x()\">this</b> is shown, not obeyed. \
                      See [the seminar page](https://example.org/seminar)."
            .to_string(),
        publisher: Some("Seminar Press".to_string()),
        slug: "grid-in-transition".to_string(),
        cover: None,
        source_date_epoch: None,
        normalize: crate::config::NormalizeSettings::default(),
        base_url: None,
        glossary: None,
        related: 5,
        citation_files: false,
        volumes: Default::default(),
    }
}

fn block(kind: BlockKind, text: &str, line: usize) -> Block {
    Block::new(kind, text, line)
}

fn note(number: u32, text: &str, line: usize) -> Footnote {
    Footnote {
        number,
        text: text.to_string(),
        line,
    }
}

fn removed(line: usize, rule: &'static str, text: &str) -> Removed {
    Removed {
        line,
        text: text.to_string(),
        rule,
    }
}

/// The sample articles, in no particular order.
pub fn articles() -> Vec<Article> {
    use BlockKind::{Heading, Lead, Paragraph, Quote};
    let energy_body = vec![
        block(
            Lead,
            "Grid operators are learning to balance a system in which the weather, not the dispatcher, decides how much power is made.",
            5,
        ),
        block(
            Paragraph,
            "For most of the twentieth century the electricity grid worked like a conveyor belt: large plants made power at a steady pace and demand was met by turning a few of them up or down.[1] That model is ending. Wind and solar now supply a quarter of the power in many markets, and their output follows the sky.",
            7,
        ),
        block(Heading(2), "Balancing in real time", 9),
        block(
            Paragraph,
            "Frequency is the grid's pulse. When supply falls short of demand, the spinning generators slow down and frequency drops; operators have seconds to respond. Batteries, which can inject power in milliseconds, have turned out to be far better at this than anyone predicted.[2]",
            11,
        ),
        block(
            Quote,
            "We used to plan the day around the plants. Now we plan it around the forecast.",
            13,
        ),
        block(
            Paragraph,
            "The same shift shows up in prices. In hours with strong wind, wholesale prices can fall below zero, a signal that used to be rare and is now routine [1]. A figure like [7] in the scraped text, with no note behind it, stays as it was.",
            15,
        ),
        block(Heading(3), "Storage: the missing piece", 17),
        block(
            Paragraph,
            "Pumped hydro still holds most of the world's stored electricity, but new lithium-ion plants are built in months rather than decades. Each costs less than the one before, and each makes the next renewable plant easier to connect.",
            19,
        ),
        block(Heading(2), "Who pays for the wires", 21),
        block(
            Paragraph,
            "Transmission lines are slow to build and easy to oppose. The projects that succeed tend to share costs widely and to start talking to landowners early; the ones that fail are often technically sound and politically alone.",
            23,
        ),
        block(
            Paragraph,
            "None of this is settled. But the direction is clear enough that the argument has moved from whether the grid will change to how fast, and who will bear the cost of the change.",
            25,
        ),
    ];
    vec![
        Article {
            slug: "energy".to_string(),
            path: "energy.txt".into(),
            meta: Meta {
                title: "How the Grid Learned to Love the Weather".to_string(),
                authors: vec!["Maria Okafor".to_string(), "Lars Lindqvist".to_string()],
                author_bio: vec![
                    "Maria Okafor covers energy markets; Lars Lindqvist is a former grid engineer."
                        .to_string(),
                ],
                date: "2024-03-05".to_string(),
                source: "The Energy Review".to_string(),
                site: "energy-review.example".to_string(),
                url: "https://energy-review.example/grid-weather".to_string(),
                categories: vec!["Energy".to_string(), "Infrastructure".to_string()],
                language: "en".to_string(),
                word_count: 1450,
                ..Meta::default()
            },
            body: energy_body,
            footnotes: vec![
                note(
                    1,
                    "Load-following plants were the main tool; see the 1998 industry survey.",
                    30,
                ),
                note(
                    2,
                    "A 100 MW battery in South Australia cut frequency-control costs by 90% in its first year.",
                    31,
                ),
                note(3, "A note the text never cites.", 32),
            ],
            provenance: vec![
                removed(1, "menu", "Home | News | Energy | Subscribe"),
                removed(3, "share", "Share on Facebook  Tweet  Email"),
                removed(27, "rating-widget", "Rate this article: ★★★★☆ (12 votes)"),
            ],
            stamp: Default::default(),
        },
        Article {
            slug: "escaping".to_string(),
            path: "escaping.txt".into(),
            meta: Meta {
                title: "Tom & Jerry <b>explain</b> escaping".to_string(),
                authors: vec!["Tom & Jerry".to_string()],
                date: "2023-11-20".to_string(),
                source: "A & B <i>Weekly</i>".to_string(),
                categories: vec!["<script>".to_string()],
                language: "en".to_string(),
                url: "javascript:alert(1)".to_string(),
                ..Meta::default()
            },
            body: vec![
                block(
                    Paragraph,
                    "Scraped text is text: <script>alert(1)</script> must show as written, & so must a lone ampersand, \"quotes\" and 'apostrophes'.",
                    3,
                ),
                block(
                    Heading(2),
                    "<em>Not</em> a tag & not a heading id problem",
                    5,
                ),
                block(
                    Paragraph,
                    "Markdown-looking text such as *stars*, _underscores_, [a link](http://x) and # hashes stays literal.[1]",
                    7,
                ),
            ],
            footnotes: vec![note(1, "A note with <tags> & ampersands.", 9)],
            provenance: vec![removed(2, "ads", "<div class=\"ad\">Buy now!</div>")],
            stamp: Default::default(),
        },
        Article {
            slug: "setevye-operatory".to_string(),
            path: "ru/setevye-operatory.txt".into(),
            meta: Meta {
                title: "Сетевые операторы и погода".to_string(),
                authors: vec!["Иван Петров".to_string()],
                author_bio: vec!["Иван Петров — инженер-энергетик, Москва.".to_string()],
                date: "2022-06-14".to_string(),
                source: "Энергетика сегодня".to_string(),
                language: "ru".to_string(),
                ..Meta::default()
            },
            body: vec![
                block(
                    Lead,
                    "Как ветер и солнце меняют работу диспетчеров энергосистемы.",
                    4,
                ),
                block(Heading(2), "История вопроса", 6),
                block(
                    Paragraph,
                    "Ещё двадцать лет назад диспетчер знал, сколько энергии выработает каждая станция завтра.[1] Теперь прогноз погоды важнее графика ремонтов.",
                    8,
                ),
                block(Heading(2), "Что дальше", 10),
                block(
                    Paragraph,
                    "Накопители энергии и гибкий спрос позволяют сглаживать колебания выработки, но требуют новых правил рынка.",
                    12,
                ),
            ],
            footnotes: vec![note(1, "По данным отраслевого обзора за 2003 год.", 15)],
            provenance: vec![removed(1, "menu", "Главная | Новости | Подписка")],
            stamp: Default::default(),
        },
        Article {
            slug: "untitled-notes".to_string(),
            path: "untitled-notes.txt".into(),
            meta: Meta {
                derived_title: Some("Notes from a control room night shift".to_string()),
                ..Meta::default()
            },
            body: vec![
                block(
                    Paragraph,
                    "Notes from a control room night shift: the quiet hours are never quiet. Someone is always watching the interconnectors, the reservoirs, the forecast for the morning ramp.",
                    1,
                ),
                block(
                    Paragraph,
                    "This article came with no byline, no date and no source; the renderer must simply leave those out.",
                    3,
                ),
            ],
            footnotes: Vec::new(),
            provenance: Vec::new(),
            stamp: Default::default(),
        },
    ]
}

/// The sample articles rendered and sorted.
pub fn dossier() -> Dossier {
    Dossier::from_articles(&articles())
}

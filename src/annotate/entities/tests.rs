use super::*;
use std::path::Path;

/// Runs the pass over articles given as lists of blocks, all in `language`.
fn entities_in(language: &str, articles: &[&[&str]]) -> Vec<Entity> {
    entities_with(language, articles, &[])
}

fn entities_with(language: &str, articles: &[&[&str]], seeds: &[Seed]) -> Vec<Entity> {
    let views: Vec<ArticleText<'_>> = articles
        .iter()
        .map(|blocks| ArticleText { language, blocks })
        .collect();
    find_entities(&views, seeds)
}

/// The entity shown as `name`, if any.
fn named<'e>(entities: &'e [Entity], name: &str) -> Option<&'e Entity> {
    entities.iter().find(|e| e.name == name)
}

/// Every shown name and variant, to check that a word became no entity.
fn all_forms(entities: &[Entity]) -> Vec<&str> {
    entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.as_str()).chain(e.variants.iter().map(String::as_str)))
        .collect()
}

fn place(article: usize, block: usize) -> Place {
    Place { article, block }
}

// The brief's example: every way of writing Abe is one person, named by
// the full name, titles kept as variants, the possessive cut.
#[test]
fn merges_the_variants_of_a_name() {
    let blocks: &[&str] = &[
        "Prime Minister Shinzo Abe arrived in Moscow on Monday.",
        "Mr. Abe’s visit was his third this year.",
        "Talks between Prime Minister Abe and the Russian side lasted four hours.",
        "Observers said Abe's approach had changed.",
        "Later, Abe met business leaders.",
    ];
    let entities = entities_in("en", &[blocks]);
    let abe = named(&entities, "Shinzo Abe").expect("Shinzo Abe found");
    assert_eq!(abe.kind, EntityKind::Person);
    assert_eq!(
        abe.variants,
        [
            "Abe",
            "Mr. Abe",
            "Prime Minister Abe",
            "Prime Minister Shinzo Abe"
        ]
    );
    assert_eq!(abe.places.len(), 5);
    assert!(named(&entities, "Abe").is_none());
    assert!(
        !all_forms(&entities)
            .iter()
            .any(|f| f.contains("Abe’s") || f.contains("Abe's"))
    );
}

// A surname shared by two known full names is not guessed: with a title it
// stays a person of its own, and neither full name takes it.
#[test]
fn ambiguous_surname_stays_apart() {
    let blocks: &[&str] = &[
        "Prime Minister Shinzo Abe and his wife Akie Abe visited Sochi.",
        "Later Mr. Abe spoke to reporters.",
    ];
    let entities = entities_in("en", &[blocks]);
    let shinzo = named(&entities, "Shinzo Abe").expect("Shinzo Abe");
    let akie = named(&entities, "Akie Abe").expect("Akie Abe");
    assert!(!shinzo.variants.contains(&"Abe".to_string()));
    assert!(!akie.variants.contains(&"Abe".to_string()));
    let abe = named(&entities, "Abe").expect("the titled surname stays");
    assert_eq!(abe.kind, EntityKind::Person);
    assert_eq!(abe.variants, ["Mr. Abe"]);
}

// "Name (ABBR)" merges the acronym with its expansion, and so does an
// acronym spelling the initials of exactly one organisation.
#[test]
fn merges_acronyms_with_their_expansion() {
    let blocks: &[&str] = &[
        "The Russian International Affairs Council (RIAC) held a round table.",
        "RIAC experts disagreed with the North Atlantic Treaty Organization.",
        "NATO officials declined to comment.",
    ];
    let entities = entities_in("en", &[blocks]);
    let riac = named(&entities, "Russian International Affairs Council").expect("RIAC");
    assert_eq!(riac.kind, EntityKind::Organisation);
    assert_eq!(riac.variants, ["RIAC"]);
    assert_eq!(riac.places, [place(0, 0), place(0, 1)]);
    let nato = named(&entities, "North Atlantic Treaty Organization").expect("NATO");
    assert_eq!(nato.variants, ["NATO"]);
    assert!(named(&entities, "RIAC").is_none());
    assert!(named(&entities, "NATO").is_none());
}

// Capitalised function words and sentence openers never become entities;
// a word capitalised only at sentence starts is not a name.
#[test]
fn sentence_initial_words_are_not_names() {
    let blocks: &[&str] = &[
        "The talks began. However, nothing was agreed. In Moscow, officials were silent.",
        "This was expected. Sanctions remain. Nevertheless, Moscow hopes for progress.",
        "Sanctions were discussed at length. Meanwhile trade fell.",
    ];
    let entities = entities_in("en", &[blocks]);
    let forms = all_forms(&entities);
    for word in [
        "The",
        "However",
        "In",
        "This",
        "Sanctions",
        "Nevertheless",
        "Meanwhile",
    ] {
        assert!(!forms.contains(&word), "{word} became an entity: {forms:?}");
    }
    assert_eq!(forms, ["Moscow"]);
}

// A single word at a sentence's start counts once the dossier also
// capitalises it mid-sentence.
#[test]
fn sentence_initial_word_counts_when_seen_mid_sentence() {
    let only_initial: &[&str] = &["Zorgov said nothing. Zorgov left early."];
    assert!(entities_in("en", &[only_initial]).is_empty());
    let also_mid: &[&str] = &[
        "Zorgov said nothing.",
        "Reporters waited for Zorgov, who said nothing.",
    ];
    let entities = entities_in("en", &[also_mid]);
    let zorgov = named(&entities, "Zorgov").expect("Zorgov");
    assert_eq!(zorgov.kind, EntityKind::Person);
    assert_eq!(zorgov.places, [place(0, 0), place(0, 1)]);
}

// Each kind by its clue: titles and roles for people, head words for
// organisations, the gazetteer, feature words and "in X" for places.
#[test]
fn types_by_title_head_word_gazetteer_and_context() {
    let blocks: &[&str] = &[
        "Carnegie Moscow Center director Dmitri Trenin spoke at the Ministry of Foreign Affairs.",
        "Alexander Panov, former Russian Ambassador to Japan, disagreed. Panov said so twice.",
        "Japanese ships crossed the Sea of Japan to the Kuril Islands and the Talas region.",
        "Grain arrives in Zlatogorsk by rail; traders in Zlatogorsk are pleased.",
        "Gazprom PJSC and the Bank of Japan signed. Senator Kowalczyk objected.",
    ];
    let entities = entities_in("en", &[blocks]);
    let kind = |name: &str| named(&entities, name).map(|e| e.kind);
    assert_eq!(kind("Dmitri Trenin"), Some(EntityKind::Person));
    assert_eq!(kind("Alexander Panov"), Some(EntityKind::Person));
    assert_eq!(kind("Kowalczyk"), Some(EntityKind::Person));
    assert_eq!(
        kind("Carnegie Moscow Center"),
        Some(EntityKind::Organisation)
    );
    assert_eq!(
        kind("Ministry of Foreign Affairs"),
        Some(EntityKind::Organisation)
    );
    assert_eq!(kind("Gazprom PJSC"), Some(EntityKind::Organisation));
    assert_eq!(kind("Bank of Japan"), Some(EntityKind::Organisation));
    assert_eq!(kind("Sea of Japan"), Some(EntityKind::Place));
    assert_eq!(kind("Kuril Islands"), Some(EntityKind::Place));
    assert_eq!(kind("Talas"), Some(EntityKind::Place));
    assert_eq!(kind("Zlatogorsk"), Some(EntityKind::Place));
    assert_eq!(
        named(&entities, "Alexander Panov").unwrap().variants,
        ["Panov"]
    );
    // "Japanese" is an adjective, not a place; "Japan" is mentioned by the
    // ambassador's title only, not inside the names "Sea of Japan", "Bank of Japan".
    assert!(!all_forms(&entities).contains(&"Japanese"));
    assert_eq!(named(&entities, "Japan").unwrap().places, [place(0, 1)]);
}

// A title word that also starts other names ("General Electric") does
// not make a person of a common word; before a surname it does.
#[test]
fn ambiguous_titles_need_a_name() {
    let blocks: &[&str] = &[
        "The contract went to General Electric. General Gerasimov visited Tokyo.",
        "An electric grid needs turbines.",
    ];
    let entities = entities_in("en", &[blocks]);
    assert!(named(&entities, "Electric").is_none());
    let gerasimov = named(&entities, "Gerasimov").expect("Gerasimov");
    assert_eq!(gerasimov.variants, ["General Gerasimov"]);
}

// An acronym beside a place is an organisation of its own ("МИД России").
#[test]
fn acronym_beside_a_place() {
    let blocks: &[&str] = &[
        "Заявление МИД России вышло утром.",
        "В МИД России ответили.",
    ];
    let entities = entities_in("ru", &[blocks]);
    assert_eq!(
        named(&entities, "МИД").map(|e| e.kind),
        Some(EntityKind::Organisation)
    );
    assert_eq!(named(&entities, "Россия").map(|e| e.places.len()), Some(2));
}

// Weak clues need two mentions; strong ones are enough once.
#[test]
fn single_weak_mentions_are_dropped() {
    let once: &[&str] = &["The report was prepared by the ASEZ office in Zlatogorsk."];
    let entities = entities_in("en", &[once]);
    assert!(named(&entities, "ASEZ").is_none());
    assert!(named(&entities, "Zlatogorsk").is_none());
    let twice: &[&str] = &[
        "The report was prepared by the ASEZ office in Zlatogorsk.",
        "ASEZ rules apply in Zlatogorsk.",
    ];
    let entities = entities_in("en", &[twice]);
    assert_eq!(
        named(&entities, "ASEZ").unwrap().kind,
        EntityKind::Organisation
    );
    assert_eq!(
        named(&entities, "Zlatogorsk").unwrap().kind,
        EntityKind::Place
    );
    // A gazetteer place is enough once.
    let france: &[&str] = &["Wine came from France."];
    assert!(named(&entities_in("en", &[france]), "France").is_some());
}

// Seeds are found as written (whole words, case-sensitive), keep their
// name and kind even against the gazetteer, and absorb equal automatic forms.
#[test]
fn seeds_are_found_and_never_reclassified() {
    let seeds = [
        Seed {
            name: "Aegis Ashore".to_string(),
            variants: vec!["Aegis".to_string()],
            kind: EntityKind::Organisation,
        },
        Seed {
            name: "Georgia Nakamura".to_string(),
            variants: vec!["Georgia".to_string()],
            kind: EntityKind::Person,
        },
        Seed {
            name: "Never Mentioned".to_string(),
            variants: vec![],
            kind: EntityKind::Place,
        },
    ];
    let blocks: &[&str] = &[
        "Japan chose Aegis Ashore. Critics said Aegis was costly; aegisx and aegis are not it.",
        "Georgia said the system worked. Analysts in Georgia agreed.",
        "Грузия ответила.",
    ];
    let entities = entities_with("en", &[blocks], &seeds);
    let aegis = named(&entities, "Aegis Ashore").expect("seed found");
    assert_eq!(aegis.kind, EntityKind::Organisation);
    assert_eq!(aegis.variants, ["Aegis"]);
    assert_eq!(aegis.places, [place(0, 0)]);
    let georgia = named(&entities, "Georgia Nakamura").expect("seed found");
    assert_eq!(georgia.kind, EntityKind::Person);
    assert_eq!(georgia.places, [place(0, 1)]);
    assert!(named(&entities, "Georgia").is_none());
    assert!(named(&entities, "Never Mentioned").is_none());
    // The gazetteer's other names for the country stay a place of their own.
    assert_eq!(named(&entities, "Грузия").unwrap().kind, EntityKind::Place);
}

// Russian names: initials with a surname, case forms of one name, a title
// before it, places in their case forms; ids are transliterated.
#[test]
fn cyrillic_names_initials_and_case_forms() {
    let blocks: &[&str] = &[
        "Статья Д. В. Стрельцова вышла в Москве.",
        "Дмитрий Стрельцов считает, что президент Владимир Путин прав.",
        "Встреча Путина с Абэ прошла в России. Путину понравилось.",
        "Россия и Япония ведут диалог.",
    ];
    let entities = entities_in("ru", &[blocks]);
    let putin = named(&entities, "Владимир Путин").expect("Путин");
    assert_eq!(putin.kind, EntityKind::Person);
    assert_eq!(putin.id, "vladimir-putin");
    assert!(
        putin.variants.contains(&"Путина".to_string()),
        "{:?}",
        putin.variants
    );
    assert!(putin.variants.contains(&"Путину".to_string()));
    let streltsov = named(&entities, "Дмитрий Стрельцов").expect("Стрельцов");
    assert_eq!(streltsov.variants, ["Д. В. Стрельцова"]);
    let russia = named(&entities, "Россия").expect("Россия");
    assert_eq!(russia.kind, EntityKind::Place);
    assert_eq!(russia.variants, ["России"]);
    // Seen only as "в Москве": shown in the gazetteer's nominative.
    let moscow = named(&entities, "Москва").expect("Москва");
    assert_eq!(moscow.kind, EntityKind::Place);
    assert_eq!(moscow.variants, ["Москве"]);
    assert!(named(&entities, "Статья").is_none());
}

// Output is the same on every run, sorted by kind then name, with unique ids.
#[test]
fn output_is_deterministic_and_sorted() {
    let a: &[&str] = &[
        "Vladimir Putin met Shinzo Abe in Sochi and Tokyo. The Eastern Economic Forum opened.",
        "President Putin and Mr. Abe spoke about the Kuril Islands and China.",
    ];
    let b: &[&str] = &["Putin called Beijing. Abe called Washington and the World Bank."];
    let first = entities_in("en", &[a, b]);
    for _ in 0..5 {
        assert_eq!(entities_in("en", &[a, b]), first);
    }
    let order: Vec<(EntityKind, String)> = first
        .iter()
        .map(|e| (e.kind, e.name.to_lowercase()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let ids: HashSet<&str> = first.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), first.len());
    assert!(first.len() >= 9, "{first:?}");
}

// Places list every mentioning block once, in dossier order.
#[test]
fn places_are_each_block_once_in_order() {
    let a: &[&str] = &["Tokyo and Tokyo again.", "Nothing here.", "Back to Tokyo."];
    let b: &[&str] = &["Tokyo once more."];
    let entities = entities_in("en", &[a, b]);
    let tokyo = named(&entities, "Tokyo").unwrap();
    assert_eq!(tokyo.places, [place(0, 0), place(0, 2), place(1, 0)]);
}

// Ids are ASCII slugs, unique even when two names slug alike, and valid for
// names in any script.
#[test]
fn ids_are_unique_ascii_slugs() {
    let mut taken = HashSet::new();
    assert_eq!(unique_slug("Shinzo Abe", &mut taken), "shinzo-abe");
    assert_eq!(unique_slug("Shinzō Abe", &mut taken), "shinzo-abe-2");
    assert_eq!(unique_slug("Сергей Лавров", &mut taken), "sergey-lavrov");
    assert_eq!(unique_slug("Ōsaka Bank", &mut taken), "osaka-bank");
    assert_eq!(
        unique_slug("安倍晋三", &mut taken),
        "u5b89-u500d-u664b-u4e09"
    );
    assert_eq!(
        unique_slug("1956 Declaration", &mut taken),
        "e-1956-declaration"
    );
    assert_eq!(unique_slug("—", &mut taken), "entity");
    assert_eq!(unique_slug("…", &mut taken), "entity-2");
}

// Other Latin-script languages give their real names, not every
// capitalised noun (German) or article (French, Spanish, Italian).
#[test]
fn other_languages_do_not_produce_garbage() {
    let german: &[&str] = &[
        "Die Regierung in Berlin hat am Montag die Zukunft der Energiepolitik beraten.",
        "Bundeskanzler Olaf Scholz sagte, die Versorgung sei in Zukunft gesichert.",
        "Die Deutsche Bank und die Europäische Union reagierten in Brüssel.",
    ];
    let entities = entities_in("de", &[german]);
    let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Olaf Scholz",
            "Deutsche Bank",
            "Europäische Union",
            "Berlin",
            "Brüssel"
        ]
    );
    let french: &[&str] = &[
        "Le président Emmanuel Macron a reçu M. Poutine à Paris.",
        "Les entreprises françaises restent prudentes. Selon M. Macron, le dialogue continue.",
    ];
    let entities = entities_in("fr", &[french]);
    let macron = named(&entities, "Emmanuel Macron").expect("Macron");
    assert_eq!(macron.variants, ["M. Macron", "Macron"]);
    assert!(named(&entities, "Paris").is_some());
    assert!(
        !all_forms(&entities)
            .iter()
            .any(|f| ["Le", "Les", "Selon"].contains(f))
    );
    let italian: &[&str] = &[
        "Il presidente del Consiglio Giorgia Meloni ha incontrato a Roma il ministro degli Esteri.",
    ];
    let names: Vec<String> = entities_in("it", &[italian])
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["Giorgia Meloni", "Roma"]);
    let spanish: &[&str] = &["El presidente Pedro Sánchez viajó a Madrid. Los mercados esperan."];
    let names: Vec<String> = entities_in("es", &[spanish])
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["Pedro Sánchez", "Madrid"]);
}

// Odd input never panics: empty blocks, lone punctuation, apostrophes at
// the edges, combining marks, emoji, Cyrillic cut at odd places.
#[test]
fn odd_input_does_not_panic() {
    let blocks: &[&str] = &[
        "",
        " ",
        "’s",
        "'",
        "A.",
        "U.S.",
        "The U.S. And",
        "Д.",
        "e\u{301}cole Éric 🙂 Ωmega",
        "Mr.",
        "Prime Minister",
        "Prime Minister of",
        "(RIAC)",
        "Russia (",
        "Москва-",
        "-Москва",
        "…”«»",
        "Abe’",
        "in",
    ];
    let _ = entities_in("en", &[blocks]);
    let _ = entities_in("ru", &[blocks]);
    let _ = entities_in("de", &[blocks]);
}

// Title Case headings do not turn their common words into names, but the
// names in them still count.
#[test]
fn title_case_headings_add_no_noise() {
    let blocks: &[&str] = &[
        "Economic Cooperation And Launching Cross Years With Japan",
        "Japan and Russia signed eleven documents on economic cooperation.",
    ];
    let entities = entities_in("en", &[blocks]);
    let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Japan", "Russia"]);
    assert_eq!(
        named(&entities, "Japan").unwrap().places,
        [place(0, 0), place(0, 1)]
    );
}

/// Loads a project's cleaned articles.
fn load(root: &Path) -> Vec<crate::extract::Article> {
    let settings = crate::config::Settings::load(root).unwrap();
    crate::load_articles(&settings, &mut crate::error::Diagnostics::new()).unwrap()
}

/// The repository's sample corpus, cleaned, as the pass reads it.
fn sample() -> (Vec<crate::extract::Article>, Vec<Vec<String>>) {
    let articles = load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let texts = articles
        .iter()
        .map(|a| a.body.iter().map(|b| b.text.clone()).collect())
        .collect();
    (articles, texts)
}

// Evaluation on sample articles against hand-checked lists
// (tests/fixtures/annotate/entities-<stem>.txt): recall and precision (the
// share of the entities the pass gives for the article that are on the
// list) must stay at or above the floors measured when the lists were
// written. Both are printed (`cargo test -- --nocapture`).
#[test]
fn recall_and_precision_on_sample_articles() {
    let (articles, texts) = sample();
    let blocks: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.iter().map(String::as_str).collect())
        .collect();
    let views: Vec<ArticleText<'_>> = articles
        .iter()
        .zip(&blocks)
        .map(|(a, b)| ArticleText {
            language: &a.meta.language,
            blocks: b,
        })
        .collect();
    let entities = find_entities(&views, &[]);
    for &(stem, recall_floor, precision_floor) in FLOORS {
        let gold_text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/fixtures/annotate/entities-{stem}.txt")),
        )
        .unwrap();
        let gold: Vec<(EntityKind, &str)> = gold_text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (kind, name) = l.split_once('\t').unwrap();
                let kind = match kind {
                    "person" => EntityKind::Person,
                    "organisation" => EntityKind::Organisation,
                    "place" => EntityKind::Place,
                    other => panic!("unknown kind {other}"),
                };
                (kind, name)
            })
            .collect();
        let target = articles
            .iter()
            .position(|a| a.path.file_stem().is_some_and(|s| s == stem))
            .unwrap();
        let found: Vec<&Entity> = entities
            .iter()
            .filter(|e| e.places.iter().any(|p| p.article == target))
            .collect();
        let matches = |e: &Entity, (kind, name): (EntityKind, &str)| {
            e.kind == kind && (e.name == name || e.variants.iter().any(|v| v == name))
        };
        let missed: Vec<_> = gold
            .iter()
            .filter(|&&g| !found.iter().any(|e| matches(e, g)))
            .collect();
        let wrong: Vec<&str> = found
            .iter()
            .filter(|e| !gold.iter().any(|&g| matches(e, g)))
            .map(|e| e.name.as_str())
            .collect();
        let recalled = gold.len() - missed.len();
        let recall = recalled as f64 / gold.len() as f64;
        let right = found.len() - wrong.len();
        let precision = right as f64 / found.len().max(1) as f64;
        let count = |kind| found.iter().filter(|e| e.kind == kind).count();
        println!(
            "{stem}: {} entities ({} people, {} organisations, {} places); \
             recall {recalled}/{} = {recall:.2}; precision {right}/{} = {precision:.2}",
            found.len(),
            count(EntityKind::Person),
            count(EntityKind::Organisation),
            count(EntityKind::Place),
            gold.len(),
            found.len(),
        );
        println!("  missed: {missed:?}");
        println!("  not on the list: {wrong:?}");
        assert!(
            recall >= recall_floor,
            "{stem}: recall {recall:.2}; missed {missed:?}"
        );
        assert!(
            precision >= precision_floor,
            "{stem}: precision {precision:.2}; wrong {wrong:?}"
        );
    }
}

/// Each evaluated article with its recall and precision floors, measured
/// when its list was written (003: recall 43/54, precision 43/43; 002:
/// recall 24/26, precision 24/24).
const FLOORS: &[(&str, f64, f64)] = &[
    ("003_6583139472fcbe27", 0.79, 0.95),
    ("002_beb0c7472119ff11", 0.90, 0.95),
];

#[test]
#[ignore]
fn large_dossier_in_seconds() {
    let (articles, texts) = sample();
    let count: usize = std::env::var("ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let blocks: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.iter().map(String::as_str).collect())
        .collect();
    let views: Vec<ArticleText<'_>> = (0..count)
        .map(|i| ArticleText {
            language: &articles[i % articles.len()].meta.language,
            blocks: &blocks[i % blocks.len()],
        })
        .collect();
    let bytes: usize = views
        .iter()
        .flat_map(|v| v.blocks.iter())
        .map(|b| b.len())
        .sum();
    let started = std::time::Instant::now();
    let entities = find_entities(&views, &[]);
    let elapsed = started.elapsed();
    println!(
        "{count} articles, {:.1} MB, {} entities in {elapsed:?}",
        bytes as f64 / 1e6,
        entities.len()
    );
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
    let abe = named(&entities, "Shinzo Abe").unwrap();
    assert!(
        abe.places
            .iter()
            .any(|p| p.article == count - 1 || p.article == count - 2 || p.article == count - 3)
    );
}

// A block repeated across articles is read once but counted at every
// place it occurs; the same text in another language is read apart (its
// rules differ).
#[test]
fn repeated_blocks_are_read_once_and_found_everywhere() {
    let text = "President Vladimir Putin met Prime Minister Shinzo Abe in Sochi.";
    let other = "Nothing of note happened.";
    let english: &[&str] = &[text, other];
    let german: &[&str] = &[text];
    let views = [
        ArticleText {
            language: "en",
            blocks: english,
        },
        ArticleText {
            language: "de",
            blocks: german,
        },
        ArticleText {
            language: "en",
            blocks: &[other, text],
        },
    ];
    let distinct = DistinctBlocks::new(&views);
    assert_eq!(
        distinct.texts,
        vec![("en", text), ("en", other), ("de", text)]
    );
    assert_eq!(distinct.of_article, vec![vec![0, 1], vec![2], vec![1, 0]]);

    let entities = find_entities(&views, &[]);
    let putin = named(&entities, "Vladimir Putin").expect("Putin found");
    assert_eq!(putin.places, vec![place(0, 0), place(1, 0), place(2, 1)]);
}

// A repeated block is read once but weighs as often as it occurs: a name
// with a weak place clue in a block met three times and a weak person
// clue in one met twice is a place, as when every copy differs.
#[test]
fn repeated_blocks_weigh_as_often_as_they_occur() {
    let place_clue = "Talks were held in Zorvak last week.";
    let person_clue = "Zorvak said the talks went well.";
    // One block an article.
    let folded = [place_clue, place_clue, place_clue, person_clue, person_clue].map(String::from);
    // The same blocks made distinct by trailing spaces, which no rule reads.
    let unfolded: Vec<String> = folded
        .iter()
        .enumerate()
        .map(|(i, block)| format!("{block}{}", " ".repeat(i)))
        .collect();
    let find = |blocks: &[String]| {
        let articles: Vec<[&str; 1]> = blocks.iter().map(|b| [b.as_str()]).collect();
        let refs: Vec<&[&str]> = articles.iter().map(|a| &a[..]).collect();
        entities_in("en", &refs)
    };
    let entities = find(&folded);
    let zorvak = named(&entities, "Zorvak").expect("Zorvak found");
    assert_eq!(zorvak.kind, EntityKind::Place);
    assert_eq!(zorvak.places.len(), 5);
    assert_eq!(find(&unfolded), entities);
}

// A block's remembered reading is used while the rest of the dossier says
// the same about its words, and read again when it does not: with the
// memo of an earlier build, the names are those a fresh reading finds.
#[test]
fn remembered_readings_follow_the_vocabulary() {
    use crate::annotate::block_memo::BlockMemo;
    use crate::memo_file::SavedMemo;
    let run = |articles: &[&[&str]], memo: &BlockMemo| {
        let views: Vec<ArticleText<'_>> = articles
            .iter()
            .map(|blocks| ArticleText {
                language: "en",
                blocks,
            })
            .collect();
        find_entities_in(&DistinctBlocks::new(&views), &[], memo)
    };
    let first: &[&str] = &[
        "Zorgov said nothing.",
        "Prime Minister Shinzo Abe arrived in Moscow on Monday.",
        "The Russian International Affairs Council (RIAC) hosted him.",
    ];
    let second: &[&str] = &["Reporters waited for Zorgov, who said nothing."];
    let memo = BlockMemo::empty();
    let alone = run(&[first], &memo);
    assert!(named(&alone, "Zorgov").is_none());
    assert!(named(&alone, "Shinzo Abe").is_some());

    let memo = BlockMemo::from_bytes(&memo.to_bytes());
    assert_eq!(memo.remembered().1, 3);
    assert_eq!(run(&[first], &memo), alone);
    assert!(!memo.changed(), "every reading was taken from the memo");

    let memo = BlockMemo::from_bytes(&memo.to_bytes());
    let both = run(&[first, second], &memo);
    assert_eq!(both, run(&[first, second], &BlockMemo::empty()));
    let zorgov = named(&both, "Zorgov").expect("Zorgov, now seen mid-sentence");
    assert_eq!(zorgov.places, [place(0, 0), place(1, 0)]);

    let memo = BlockMemo::from_bytes(&memo.to_bytes());
    assert_eq!(run(&[first], &memo), alone);
}

// What the memo keeps of a reading is what was read.
#[test]
fn readings_round_trip_through_the_memo() {
    use super::remembered::{decode, encode};
    let text = "Prime Minister Shinzo Abe met V. Putin, the President of Russia, and the \
                Russian International Affairs Council (RIAC) in Москва.";
    let scanned = scan::scan_block(
        text,
        &scan::Vocabulary::default(),
        Rules::for_language("en"),
    );
    let found = &scanned.finds.found;
    assert!(found.len() >= 3, "{found:?}");
    // Both ways of writing each string: once, and apart.
    assert!(found.iter().any(|f| f.key == f.form), "{found:?}");
    assert!(found.iter().any(|f| f.key != f.form), "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| f.gazetteer.is_some_and(|g| g != f.form)),
        "{found:?}"
    );
    assert!(!scanned.asked.is_empty());
    let bytes = encode(&scanned);
    let back = decode(&bytes).expect("decodes");
    assert_eq!(format!("{:?}", back.finds), format!("{:?}", scanned.finds));
    assert_eq!(back.asked, scanned.asked);
    for cut in 1..bytes.len() {
        assert!(decode(&bytes[..bytes.len() - cut]).is_none(), "cut {cut}");
    }
}

//! People, organisations and places named in the articles, each with the
//! variants of its name merged and every block that mentions it.
//!
//! The pass reads the dossier twice, linearly. First it learns which words
//! the dossier writes in lower case and which it capitalises mid-sentence;
//! then it reads each block's runs of capitalised words and
//! types each by what it is or by its context:
//!
//! - **Person**: after a title or honorific ("Prime Minister Abe", "Mr.
//!   Abe", "director Dmitri Trenin", "президент Путин"), before an
//!   appositive title (", former Russian Ambassador to Japan"), initials and
//!   a surname ("V. Putin", "Д. В. Стрельцов"), a common given name and a
//!   surname, or a "First Last" whose last word is seen alone with a title;
//!   a verb of saying beside it ("Panov said") is a weak clue. English
//!   context clues (appositives, verbs) are used for English articles only.
//! - **Organisation**: a head word or company suffix among its words
//!   ("Council", "Ministry of Foreign Affairs", "Gazprom PJSC"), a
//!   well-known single name ("Kremlin"), or an acronym ("RIAC"; a weak clue).
//! - **Place**: the built-in gazetteer (countries in several languages,
//!   major cities, regions; "Japanese" is an adjective, not a place), a
//!   feature word ("Kuril Islands", "Sea of Japan", "the Talas region"), or
//!   "in X"/"from X" (a weak clue; not in German, which capitalises nouns).
//!
//! Documents and events ("… Treaty", "… Declaration", "… Summit") are not
//! entities, nor is a head word alone ("the Council", "Parliament").
//!
//! A capitalised word at a sentence's start is a name only if the dossier
//! also capitalises it mid-sentence; function words never are. Names with
//! no clue are dropped, as are names seen once with only a weak clue:
//! fewer, right entities beat noise.
//!
//! Variants are merged: a title is stripped for the name ("Prime Minister
//! Shinzo Abe" → "Shinzo Abe") and the titled form kept as a variant; a
//! possessive is cut ("Abe’s" → "Abe"); a lone surname joins the one full
//! name in the dossier that ends with it — with two or more ("Shinzo Abe",
//! "Akie Abe") it stays its own entity if a title types it, else it is
//! dropped; initials join the one full name with that surname and first
//! letter; an acronym joins its expansion, written "Name (ABBR)" or matching
//! its initials; Russian case forms share a stem ("Путин", "Путина"); the
//! gazetteer's names of one place are one entity ("Russia", "Россия").
//!
//! The name shown is the fullest form (most words, no initials, not the
//! acronym; of equals the shortest, which for Russian is the nominative);
//! a place shows the gazetteer's spelling seen in the text ("Москва" even
//! when only "в Москве" is written). Every other form, titled ones
//! included, is a variant. Ids are ASCII slugs of the name, made unique
//! with "-2", "-3" in output order.
//!
//! Seeds (the user's glossary) are found wherever their name or a variant
//! is written (whole words, case-sensitive), keep their name and kind, and
//! absorb the automatic forms equal to theirs. A seed never mentioned is
//! not listed; its variants are the forms seen.
//!
//! Articles are read in parallel but indexed in dossier order, and every
//! map that reaches the output is ordered, so the result is deterministic.

mod gazetteer;
mod lexicon;
mod remembered;
mod scan;
mod tokens;
mod vocabulary;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use regex::{Regex, RegexBuilder};
use serde::Serialize;

use super::block_memo::{BlockMemo, Reading, block_key};
use super::distinct::DistinctBlocks;
use super::{ArticleText, EntityKind, Place};
use rayon::prelude::*;
use scan::{BlockFinds, Found, Rules, Strength};
use tokens::phrase_key;

/// A name the user gave (from the glossary): found wherever it or one of
/// its variants is written, and never split or re-classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    /// The name to show.
    pub name: String,
    /// Other ways the text writes it.
    pub variants: Vec<String>,
    /// What it is.
    pub kind: EntityKind,
}

/// One person, organisation or place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// A slug, unique across all entities, for ids and file names.
    pub id: String,
    /// The fullest form of the name ("Shinzo Abe").
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// Every other form seen in the text ("Mr. Abe", "Abe"), sorted.
    pub variants: Vec<String>,
    /// The blocks that mention it, in dossier order, each once.
    pub places: Vec<Place>,
}

/// Every entity the articles mention, sorted by kind, then name.
pub fn find_entities(articles: &[ArticleText<'_>], seeds: &[Seed]) -> Vec<Entity> {
    find_entities_in(&DistinctBlocks::new(articles), seeds, &BlockMemo::empty())
}

/// [`find_entities`] in blocks already folded, each block's reading taken
/// from `memo` when it still holds.
pub fn find_entities_in(
    distinct: &DistinctBlocks<'_>,
    seeds: &[Seed],
    memo: &BlockMemo,
) -> Vec<Entity> {
    // Each distinct block is read once, in parallel; what they find is
    // added to the index in dossier order, so the result does not depend on
    // threads.
    let vocab = vocabulary::vocabulary_of(distinct, memo);
    let mut index = Index::default();
    let seed_finder = SeedFinder::new(seeds);
    for i in 0..seeds.len() {
        index.seed_key(i);
    }
    let read: Vec<BlockRead<'_>> = distinct
        .texts
        .par_iter()
        .zip(&distinct.text_hashes)
        .map(|(&(language, text), &hash)| {
            let key = block_key(language, hash);
            let finds = memo
                .recall(Reading::Names, key, |bytes| {
                    remembered::decode(bytes).filter(|s| vocab.answers(&s.asked))
                })
                .unwrap_or_else(|| {
                    let scanned = scan::scan_block(text, &vocab, Rules::for_language(language));
                    memo.keep(Reading::Names, key, remembered::encode(&scanned));
                    scanned
                })
                .finds;
            (seed_finder.find(text), finds)
        })
        .collect();
    // A block met n times counts n times, but is counted once: its names
    // are added with that weight, block by block in order of first
    // appearance, which meets each name first where a walk of the dossier
    // would (the first place that holds a name is its block's first
    // appearance). Then every place gets its mentions, in dossier order.
    let mut times = vec![0u32; read.len()];
    for &which in distinct.of_article.iter().flatten() {
        times[which] += 1;
    }
    let block_ids: Vec<(Vec<usize>, Vec<usize>)> = read
        .iter()
        .zip(&times)
        .map(|((seed_mentions, finds), &n)| {
            let seeds = seed_mentions
                .iter()
                .map(|&(seed, form)| index.count_seed_mention(seed, form, n))
                .collect();
            let ids = finds.found.iter().map(|f| index.count(f, n)).collect();
            (seeds, ids)
        })
        .collect();
    for (article, blocks) in distinct.of_article.iter().enumerate() {
        for (block, &which) in blocks.iter().enumerate() {
            let place = Place { article, block };
            let (seed_ids, ids) = &block_ids[which];
            index
                .mentions
                .extend(seed_ids.iter().map(|&id| (place, id)));
            index.mentions.extend(ids.iter().map(|&id| (place, id)));
            let aliases = &read[which].1.aliases;
            index
                .aliases
                .extend(aliases.iter().map(|&(x, y)| (ids[x], ids[y])));
        }
    }
    index.resolve(seeds)
}

/// What reading one block gives: the seeds written in it (seed index and
/// form) and the names found in it.
type BlockRead<'t> = (Vec<(usize, &'t str)>, BlockFinds);

/// Position of a kind in vote arrays; also the tie order when votes are
/// equal (an organisation's head word is the surest clue).
fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Organisation => 0,
        EntityKind::Person => 1,
        EntityKind::Place => 2,
    }
}

const KINDS: [EntityKind; 3] = [
    EntityKind::Organisation,
    EntityKind::Person,
    EntityKind::Place,
];

/// The kind with the most votes, ties going to the earlier kind; `None`
/// without votes.
fn top_kind(votes: [u32; 3]) -> Option<EntityKind> {
    let best = *votes.iter().max()?;
    (best > 0).then(|| KINDS[votes.iter().position(|&v| v == best).unwrap_or(0)])
}

/// Everything seen about one key (one way of writing a name, case forms
/// folded).
#[derive(Debug, Default)]
struct KeyStats {
    key: String,
    /// Forms as written, with how often.
    forms: BTreeMap<String, u32>,
    /// Forms with their title ("Mr. Abe").
    titled_forms: BTreeSet<String>,
    mentions: u32,
    strong: [u32; 3],
    weak: [u32; 3],
    /// Mentions with a title.
    titled: u32,
    gazetteer: Option<&'static str>,
    acronym: bool,
    initials: bool,
    words: usize,
    first_char: Option<char>,
    last_word: String,
    seed: Option<usize>,
}

/// Keys, their mentions, and the links found between them.
#[derive(Debug, Default)]
struct Index {
    ids: HashMap<String, usize>,
    keys: Vec<KeyStats>,
    /// Every mention: where, and which key.
    mentions: Vec<(Place, usize)>,
    /// Pairs of keys written as "Name (ABBR)".
    aliases: Vec<(usize, usize)>,
}

impl Index {
    fn id(&mut self, key: &str) -> usize {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len();
        self.ids.insert(key.to_string(), id);
        self.keys.push(KeyStats {
            key: key.to_string(),
            ..KeyStats::default()
        });
        id
    }

    /// The key of seed `i`, which no text can produce.
    fn seed_key(&mut self, i: usize) -> usize {
        let id = self.id(&format!("\u{0}seed {i}"));
        self.keys[id].seed = Some(i);
        id
    }

    /// Counts `times` mentions of seed `seed` written `form`; returns its
    /// key (the mentions' places are the caller's to record).
    fn count_seed_mention(&mut self, seed: usize, form: &str, times: u32) -> usize {
        let id = self.seed_key(seed);
        let stats = &mut self.keys[id];
        bump(&mut stats.forms, form, times);
        stats.mentions += times;
        id
    }

    /// Counts `times` mentions of `found`; returns its key (the mentions'
    /// places are the caller's to record).
    fn count(&mut self, found: &Found, times: u32) -> usize {
        let id = self.id(&found.key);
        let stats = &mut self.keys[id];
        if stats.mentions == 0 {
            stats.words = found.words;
            stats.first_char = found.first_char;
            stats.last_word.clone_from(&found.last_word);
            stats.acronym = found.acronym;
            stats.initials = found.initials;
        }
        bump(&mut stats.forms, &found.form, times);
        if let Some(titled) = &found.titled_form
            && !stats.titled_forms.contains(titled)
        {
            stats.titled_forms.insert(titled.clone());
        }
        stats.mentions += times;
        if let Some(kind) = found.kind {
            match found.strength {
                Strength::Strong => stats.strong[kind_index(kind)] += times,
                Strength::Weak => stats.weak[kind_index(kind)] += times,
                Strength::Untyped => {}
            }
        }
        stats.titled += u32::from(found.titled) * times;
        stats.gazetteer = stats.gazetteer.or(found.gazetteer);
        id
    }

    /// Merges keys into entities, types and names them.
    fn resolve(self, seeds: &[Seed]) -> Vec<Entity> {
        let n = self.keys.len();
        // Strong votes, with "First Last" promoted to a person when its
        // last word is seen alone with a title ("Vladimir Putin" after
        // "President Putin").
        let mut strong: Vec<[u32; 3]> = self.keys.iter().map(|k| k.strong).collect();
        for (id, stats) in self.keys.iter().enumerate() {
            if strong[id].iter().all(|&v| v == 0)
                && (2..=4).contains(&stats.words)
                && !stats.initials
                && let Some(&last) = self.ids.get(&stats.last_word)
                && self.keys[last].words == 1
                && self.keys[last].titled > 0
            {
                strong[id][kind_index(EntityKind::Person)] += stats.mentions;
            }
        }
        let own_kind = |id: usize| -> Option<EntityKind> {
            match self.keys[id].seed {
                Some(seed) => Some(seeds[seed].kind),
                None => top_kind(strong[id]),
            }
        };
        let mut sets = Sets::new(
            (0..n)
                .map(|id| (own_kind(id), self.keys[id].seed))
                .collect(),
        );

        // Seeds take the automatic forms equal to theirs.
        for (i, seed) in seeds.iter().enumerate() {
            let seed_id = self.ids[&format!("\u{0}seed {i}")];
            for form in std::iter::once(&seed.name).chain(&seed.variants) {
                for key in [form.clone(), phrase_key(form)] {
                    if let Some(&id) = self.ids.get(&key) {
                        sets.union(seed_id, id, true);
                    }
                }
            }
        }
        // One place, many names (a seed's form stays the seed's).
        let mut by_place: BTreeMap<&str, usize> = BTreeMap::new();
        for (id, stats) in self.keys.iter().enumerate() {
            if let Some(place) = stats.gazetteer {
                let root = sets.find(id);
                if sets.facts[root].1.is_some() {
                    continue;
                }
                let first = *by_place.entry(place).or_insert(id);
                sets.union(first, id, false);
            }
        }
        // A surname joins the one full name that ends with it.
        let mut full_names: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (id, stats) in self.keys.iter().enumerate() {
            if stats.words >= 2 && !stats.initials && own_kind(id) == Some(EntityKind::Person) {
                full_names.entry(&stats.last_word).or_default().push(id);
            }
        }
        for (id, stats) in self.keys.iter().enumerate() {
            let lone = stats.words == 1 && !stats.acronym && stats.gazetteer.is_none();
            let by_initials = stats.initials;
            if !(lone || by_initials) || stats.seed.is_some() {
                continue;
            }
            let Some(candidates) = full_names.get(stats.last_word.as_str()) else {
                continue;
            };
            let roots: BTreeSet<usize> = candidates
                .iter()
                .filter(|&&c| {
                    c != id
                        && (!by_initials
                            || self.keys[c]
                                .first_char
                                .map(|c| c.to_lowercase().to_string())
                                == stats.first_char.map(|c| c.to_lowercase().to_string()))
                })
                .map(|&c| sets.find(c))
                .collect();
            if roots.len() == 1
                && let Some(&root) = roots.first()
            {
                sets.union(root, id, false);
            }
        }
        // "Name (ABBR)".
        for &(a, b) in &self.aliases {
            sets.union(a, b, false);
        }
        // An acronym joins the one organisation whose initials it spells.
        let mut by_initials: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (id, stats) in self.keys.iter().enumerate() {
            if stats.words >= 2 && own_kind(id) == Some(EntityKind::Organisation) {
                for form in stats.forms.keys() {
                    for initials in initials_of(form) {
                        by_initials.entry(initials).or_default().insert(id);
                    }
                }
            }
        }
        for (id, stats) in self.keys.iter().enumerate() {
            if !stats.acronym {
                continue;
            }
            let letters: String = stats.key.chars().filter(|c| c.is_alphabetic()).collect();
            if let Some(orgs) = by_initials.get(&letters) {
                let roots: BTreeSet<usize> = orgs.iter().map(|&o| sets.find(o)).collect();
                if roots.len() == 1
                    && let Some(&root) = roots.first()
                {
                    sets.union(root, id, false);
                }
            }
        }

        // Gather each set into an entity.
        let mut clusters: BTreeMap<usize, Cluster> = BTreeMap::new();
        for (id, stats) in self.keys.iter().enumerate() {
            let cluster = clusters.entry(sets.find(id)).or_default();
            cluster.members.push(id);
            cluster.mentions += stats.mentions;
            for (k, votes) in strong[id].iter().enumerate() {
                cluster.strong[k] += votes;
                cluster.weak[k] += stats.weak[k];
            }
            cluster.seed = cluster.seed.or(stats.seed);
            cluster.gazetteer = cluster.gazetteer.or(stats.gazetteer);
        }
        let mut places: BTreeMap<usize, Vec<Place>> = BTreeMap::new();
        for &(place, id) in &self.mentions {
            places.entry(sets.find(id)).or_default().push(place);
        }
        let mut entities = Vec::new();
        for (root, cluster) in clusters {
            let kind = match cluster.seed {
                Some(seed) => Some(seeds[seed].kind),
                None => top_kind(cluster.strong).or_else(|| top_kind(cluster.weak)),
            };
            let Some(kind) = kind else { continue };
            let sure = cluster.seed.is_some() || cluster.strong.iter().any(|&v| v > 0);
            if cluster.mentions == 0 || !(sure || cluster.mentions >= 2) {
                continue;
            }
            let (name, variants) = self.name(&cluster, kind, seeds);
            let mut places = places.remove(&root).unwrap_or_default();
            places.sort_unstable();
            places.dedup();
            entities.push(Entity {
                id: String::new(),
                name,
                kind,
                variants,
                places,
            });
        }
        entities.sort_by(|a, b| {
            (a.kind, a.name.to_lowercase(), &a.name).cmp(&(b.kind, b.name.to_lowercase(), &b.name))
        });
        let mut taken = HashSet::new();
        for entity in &mut entities {
            entity.id = unique_slug(&entity.name, &mut taken);
        }
        entities
    }

    /// The name to show and the other forms seen.
    fn name(&self, cluster: &Cluster, kind: EntityKind, seeds: &[Seed]) -> (String, Vec<String>) {
        struct Candidate<'a> {
            form: &'a str,
            count: u32,
            initials: bool,
            acronym: bool,
            words: usize,
        }
        let mut candidates: BTreeMap<&str, Candidate<'_>> = BTreeMap::new();
        let mut variants: BTreeSet<String> = BTreeSet::new();
        for &id in &cluster.members {
            let stats = &self.keys[id];
            for (form, &count) in &stats.forms {
                let c = candidates.entry(form).or_insert(Candidate {
                    form,
                    count: 0,
                    initials: stats.initials,
                    acronym: stats.acronym,
                    words: stats.words,
                });
                c.count += count;
                variants.insert(form.clone());
            }
            variants.extend(stats.titled_forms.iter().cloned());
        }
        let name = match cluster.seed {
            Some(seed) => seeds[seed].name.clone(),
            None => {
                let mut list: Vec<&Candidate<'_>> = candidates.values().collect();
                if kind == EntityKind::Place {
                    // The gazetteer's spelling (nominative), not an acronym,
                    // its English name, then the commonest.
                    list.sort_by_key(|c| {
                        (
                            !gazetteer::is_listed_form(c.form),
                            c.acronym,
                            cluster.gazetteer != Some(c.form),
                            std::cmp::Reverse(c.count),
                            c.form.chars().count(),
                            c.form,
                        )
                    });
                    // No listed spelling seen: the listed spelling of the same
                    // key ("Москве" → "Москва"), or for a dateline's capitals
                    // ("GENEVA") the gazetteer's name.
                    if let Some(best) = list.first()
                        && !gazetteer::is_listed_form(best.form)
                        && let Some(place) = cluster.gazetteer
                    {
                        let shown = gazetteer::spelling(&phrase_key(best.form))
                            .or(best.acronym.then_some(place));
                        if let Some(shown) = shown {
                            return (shown.to_string(), without(variants, shown));
                        }
                    }
                } else {
                    // The fullest form; of equals, the shortest spelling
                    // (a Russian nominative), then the commonest.
                    list.sort_by_key(|c| {
                        (
                            c.initials,
                            c.acronym,
                            std::cmp::Reverse(c.words),
                            c.form.chars().count(),
                            std::cmp::Reverse(c.count),
                            c.form,
                        )
                    });
                }
                list.first()
                    .map_or_else(String::new, |c| c.form.to_string())
            }
        };
        (name.clone(), without(variants, &name))
    }
}

/// The variants without the shown name, as a sorted list.
fn without(mut variants: BTreeSet<String>, name: &str) -> Vec<String> {
    variants.remove(name);
    variants.into_iter().collect()
}

/// Adds `times` to a form's count, without allocating when it is known.
fn bump(forms: &mut BTreeMap<String, u32>, form: &str, times: u32) {
    match forms.get_mut(form) {
        Some(count) => *count += times,
        None => {
            forms.insert(form.to_string(), times);
        }
    }
}

/// What one entity gathers from its keys.
#[derive(Debug, Default)]
struct Cluster {
    members: Vec<usize>,
    mentions: u32,
    strong: [u32; 3],
    weak: [u32; 3],
    seed: Option<usize>,
    /// The gazetteer's name, if its keys are a known place.
    gazetteer: Option<&'static str>,
}

/// Union-find over keys that refuses to join two seeds, or two sets typed
/// differently unless a seed forces it.
struct Sets {
    parent: Vec<usize>,
    /// For each root: the set's kind (strong clues or seed) and seed.
    facts: Vec<(Option<EntityKind>, Option<usize>)>,
}

impl Sets {
    fn new(facts: Vec<(Option<EntityKind>, Option<usize>)>) -> Sets {
        Sets {
            parent: (0..facts.len()).collect(),
            facts,
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins `b`'s set into `a`'s (the first set's root stays the root).
    fn union(&mut self, a: usize, b: usize, forced: bool) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (kind_a, seed_a) = self.facts[ra];
        let (kind_b, seed_b) = self.facts[rb];
        if seed_a.is_some() && seed_b.is_some() {
            return;
        }
        let seeded = seed_a.or(seed_b);
        if !forced && seeded.is_none() && kind_a.is_some() && kind_b.is_some() && kind_a != kind_b {
            return;
        }
        if !forced && seeded.is_some() {
            let seed_kind = if seed_a.is_some() { kind_a } else { kind_b };
            let other = if seed_a.is_some() { kind_b } else { kind_a };
            if other.is_some() && other != seed_kind {
                return;
            }
        }
        let (root, child) = if seed_b.is_some() && seed_a.is_none() {
            (rb, ra)
        } else {
            (ra, rb)
        };
        self.parent[child] = root;
        let kind = if seeded.is_some() {
            self.facts[root].0
        } else {
            kind_a.or(kind_b)
        };
        self.facts[root] = (kind, seeded);
    }
}

/// The acronyms an organisation's name spells: the first letters of its
/// words (and of the parts of hyphenated ones), connectors skipped, with
/// and without a closing "of X" — without only when X is a place
/// ("Liberal Democratic Party of Japan" → "LDP"; "University of Nairobi"
/// spells no "UN").
fn initials_of(name: &str) -> Vec<String> {
    if let Some((head, tail)) = name.split_once(" of ")
        && gazetteer::place(&phrase_key(tail.trim_start_matches("the "))).is_some()
    {
        return initials_of(head);
    }
    let mut full = String::new();
    let mut before_of = None;
    for word in name.split_whitespace() {
        if word.chars().next().is_some_and(char::is_lowercase) {
            if word == "of" && before_of.is_none() && !full.is_empty() {
                before_of = Some(full.clone());
            }
            continue;
        }
        for part in word.split('-') {
            if let Some(c) = part.chars().next() {
                full.extend(c.to_uppercase());
            }
        }
    }
    let mut out = vec![full];
    out.extend(before_of);
    out.retain(|s| s.chars().count() >= 2);
    out
}

/// Finds the seeds' names and variants in a text.
struct SeedFinder {
    regex: Option<Regex>,
    by_form: HashMap<String, usize>,
}

impl SeedFinder {
    fn new(seeds: &[Seed]) -> SeedFinder {
        let mut by_form = HashMap::new();
        for (i, seed) in seeds.iter().enumerate() {
            for form in std::iter::once(&seed.name).chain(&seed.variants) {
                let form = form.trim();
                if !form.is_empty() {
                    by_form.entry(form.to_string()).or_insert(i);
                }
            }
        }
        let mut forms: Vec<&String> = by_form.keys().collect();
        // Longest first, so the longest form wins where several start.
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternatives: Vec<String> = forms
            .iter()
            .map(|form| {
                let word_edge =
                    |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                format!(
                    "{}{}{}",
                    if word_edge(form.chars().next()) {
                        r"\b"
                    } else {
                        ""
                    },
                    regex::escape(form),
                    if word_edge(form.chars().last()) {
                        r"\b"
                    } else {
                        ""
                    },
                )
            })
            .collect();
        let regex = (!alternatives.is_empty())
            .then(|| {
                RegexBuilder::new(&alternatives.join("|"))
                    .size_limit(1 << 28)
                    .dfa_size_limit(1 << 28)
                    .build()
                    .ok()
            })
            .flatten();
        SeedFinder { regex, by_form }
    }

    /// Every seed mention in `text`: the seed's index and the form written.
    fn find<'t>(&self, text: &'t str) -> Vec<(usize, &'t str)> {
        let Some(regex) = &self.regex else {
            return Vec::new();
        };
        regex
            .find_iter(text)
            .filter_map(|m| self.by_form.get(m.as_str()).map(|&seed| (seed, m.as_str())))
            .collect()
    }
}

/// An ASCII slug of `name` not yet in `taken` ("shinzo-abe", "shinzo-abe-2"):
/// Cyrillic is transliterated, Latin accents dropped, other letters written
/// as their code point ("u5b89"), so every name has a slug without hashing.
fn unique_slug(name: &str, taken: &mut HashSet<String>) -> String {
    let mut base = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let mut push = |s: &str| {
            for ch in s.chars() {
                if ch.is_ascii_alphanumeric() {
                    base.push(ch);
                } else if !base.is_empty() && !base.ends_with('-') {
                    base.push('-');
                }
            }
        };
        match transliterate(c) {
            Some(s) => push(s),
            None if c.is_ascii() => push(c.encode_utf8(&mut [0; 4])),
            None if c.is_alphanumeric() => push(&format!("-u{:x}-", u32::from(c))),
            None => push("-"),
        }
    }
    let base = base.trim_matches('-');
    let base = if base.is_empty() {
        "entity".to_string()
    } else if base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("e-{base}")
    } else {
        base.to_string()
    };
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(slug.clone());
    slug
}

/// ASCII for a lowercase Cyrillic or accented Latin letter.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;

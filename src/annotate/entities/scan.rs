//! One block → the names it mentions, each with the clues to its kind.
//!
//! A block is split into tokens; runs of capitalised words (with connectors
//! such as "of" between them) are cut at titles ("Prime Minister") and at
//! "and", and each piece is typed by what it is (a gazetteer place, a name
//! with an organisation's head word) or by its context (a title before it,
//! "in" before it, an appositive after it). Pieces with no clue are kept
//! untyped: the whole dossier may type them later (a surname seen with
//! "Mr." elsewhere).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use xxhash_rust::xxh3::xxh3_64;

use super::gazetteer;
use super::lexicon;
use super::tokens::{Shape, Token, is_cyrillic_word, phrase_key, tokenize, word_key};
use crate::annotate::EntityKind;
use crate::memo_file::KeyHasher;

/// What the whole dossier says about words: which are written lower case
/// somewhere, and which are capitalised in mid-sentence somewhere (so their
/// capital is not just a sentence's first letter). It holds
/// [`VocabularyWord`]s: the vocabulary only answers whether it holds one.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    words: HashSet<u64, BuildHasherDefault<KeyHasher>>,
}

/// A word as the [`Vocabulary`] holds it: its XXH3 hash with the two low
/// bits cleared, then bit 1 set for "capitalised mid-sentence" (else "in
/// lower case"); an [`Asked`] puts its answer in bit 0.
pub(super) type VocabularyWord = u64;

/// Bit 1 of a [`VocabularyWord`]: capitalised mid-sentence.
const CAP_MID: u64 = 2;

fn vocabulary_word(word: &str, cap_mid: bool) -> VocabularyWord {
    xxh3_64(word.as_bytes()) & !3 | if cap_mid { CAP_MID } else { 0 }
}

/// What one block adds to the [`Vocabulary`], sorted, each word once.
pub(super) fn block_words(text: &str) -> Vec<VocabularyWord> {
    let tokens = tokenize(text);
    let style = Style::of(&tokens);
    let mut words: Vec<VocabularyWord> = tokens
        .iter()
        .filter_map(|token| match token.shape() {
            Some(Shape::Lower) => Some(vocabulary_word(token.text, false)),
            Some(Shape::Cap | Shape::Upper) if !token.sentence_start && !style.title_case => {
                Some(if is_cyrillic_word(token.text) {
                    vocabulary_word(&word_key(token.text), true)
                } else {
                    vocabulary_word(token.text, true)
                })
            }
            _ => None,
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

impl Vocabulary {
    /// Adds one word.
    pub fn insert(&mut self, word: VocabularyWord) {
        self.words.insert(word);
    }

    /// Whether this vocabulary gives every answer in `asked`: then a block
    /// read with those answers reads the same with this vocabulary.
    pub fn answers(&self, asked: &[Asked]) -> bool {
        asked
            .iter()
            .all(|q| self.words.contains(&(q.0 & !1)) == (q.0 & 1 == 1))
    }
}

/// A question a block's reading asked of the [`Vocabulary`], and its
/// answer: the [`VocabularyWord`] asked about, bit 0 set for yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Asked(pub u64);

/// The vocabulary as one block's reading sees it: each answer is noted, so
/// a remembered reading can be checked against a later build's vocabulary
/// (see [`Vocabulary::answers`]).
struct Asking<'a> {
    vocab: &'a Vocabulary,
    asked: RefCell<Vec<Asked>>,
}

impl Asking<'_> {
    /// Whether the dossier writes `word` in lower case somewhere.
    fn lower(&self, word: &str) -> bool {
        self.ask(vocabulary_word(word, false))
    }

    /// Whether the dossier capitalises the word keyed `key` mid-sentence.
    fn cap_mid(&self, key: &str) -> bool {
        self.ask(vocabulary_word(key, true))
    }

    fn ask(&self, word: VocabularyWord) -> bool {
        let answer = self.vocab.words.contains(&word);
        self.asked
            .borrow_mut()
            .push(Asked(word | u64::from(answer)));
        answer
    }
}

/// Rules that depend on the article's language.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    /// English context clues: appositives, verbs of saying.
    pub english: bool,
    /// "in X" makes X a place (not in German, where every noun is capitalised).
    pub place_context: bool,
    /// "M." is French for "Mr.", not an initial.
    pub french: bool,
}

impl Rules {
    /// The rules for a BCP 47 language tag; unknown languages get the
    /// English ones.
    pub fn for_language(language: &str) -> Rules {
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Rules {
            english: matches!(primary.as_str(), "en" | "" | "und"),
            place_context: primary != "de",
            french: primary == "fr",
        }
    }
}

/// How sure a clue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// No clue: the name is typed by the rest of the dossier or dropped.
    Untyped,
    /// A hint (a verb of saying, "in X", an acronym): needs a second mention.
    Weak,
    /// A title, a head word, the gazetteer, a place feature.
    Strong,
}

/// One mention of a name in a block.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The name as written, without title or possessive ending.
    pub form: String,
    /// The key forms are grouped by (see [`phrase_key`]).
    pub key: String,
    /// What the clues say it is.
    pub kind: Option<EntityKind>,
    /// How sure.
    pub strength: Strength,
    /// The form with its title right before it ("Mr. Abe"), if it had one.
    pub titled_form: Option<String>,
    /// A title named this person.
    pub titled: bool,
    /// The form starts with initials ("V. Putin").
    pub initials: bool,
    /// The form is one all-capitals word.
    pub acronym: bool,
    /// The gazetteer's English name for it.
    pub gazetteer: Option<&'static str>,
    /// Its words, connectors not counted.
    pub words: usize,
    /// The first letter of its first word (to match initials).
    pub first_char: Option<char>,
    /// The key of its last word (to match a surname).
    pub last_word: String,
    /// Token range in the block.
    pub span: (usize, usize),
}

/// What one block mentions.
#[derive(Debug, Default)]
pub(super) struct BlockFinds {
    /// The mentions, in text order.
    pub found: Vec<Found>,
    /// Pairs of `found` indexes written as "Name (ABBR)": the same thing.
    pub aliases: Vec<(usize, usize)>,
}

/// A block's names, and what reading them asked of the vocabulary.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    pub finds: BlockFinds,
    /// Sorted, each question once.
    pub asked: Vec<Asked>,
}

/// Finds the names one block mentions.
pub(super) fn scan_block(text: &str, vocab: &Vocabulary, rules: Rules) -> Scanned {
    let tokens = tokenize(text);
    let mut scanner = Scanner {
        lower: tokens
            .iter()
            .map(|t| {
                if t.text.chars().any(char::is_uppercase) {
                    Cow::Owned(t.text.to_lowercase())
                } else {
                    Cow::Borrowed(t.text)
                }
            })
            .collect(),
        style: Style::of(&tokens),
        forced: vec![false; tokens.len()],
        tokens: &tokens,
        vocab: Asking {
            vocab,
            asked: RefCell::default(),
        },
        rules,
        out: BlockFinds::default(),
    };
    scanner.force_gazetteer_phrases();
    scanner.scan();
    let mut asked = scanner.vocab.asked.into_inner();
    asked.sort_unstable();
    asked.dedup();
    Scanned {
        finds: scanner.out,
        asked,
    }
}

/// Facts about a whole block.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// Every content word is capitalised (a Title Case heading): no
    /// capital in it says anything.
    title_case: bool,
    /// Mostly capitals: all-capitals words are not acronyms here.
    shouting: bool,
}

impl Style {
    fn of(tokens: &[Token<'_>]) -> Style {
        let (mut words, mut upper, mut content) = (0, 0, 0);
        let mut lower_content = false;
        for token in tokens {
            let Some(shape) = token.shape() else { continue };
            if shape == Shape::Number {
                continue;
            }
            words += 1;
            upper += usize::from(shape == Shape::Upper);
            if lower_content || lexicon::is_connector(token.text) || lexicon::is_stop(token.text) {
                continue;
            }
            content += 1;
            lower_content = shape == Shape::Lower;
        }
        let shouting = words >= 4 && upper * 2 > words;
        Style {
            title_case: content >= 3 && !lower_content && !shouting,
            shouting,
        }
    }
}

/// A title found inside a run, waiting for the name after it.
#[derive(Debug, Clone)]
struct Title {
    /// The title as written ("Prime Minister").
    text: String,
    /// The name follows right after it (not after "of Japan").
    adjacent: bool,
    /// Its first token.
    start: usize,
}

/// A piece of a run, between titles.
struct Piece {
    start: usize,
    end: usize,
    title: Option<Title>,
    before_title: bool,
}

/// Where a piece sits in its run, for context clues.
#[derive(Debug, Clone, Copy)]
struct RunBounds {
    start: usize,
    end: usize,
}

/// The scanning state of one block.
struct Scanner<'a, 't> {
    tokens: &'a [Token<'t>],
    /// Each token lowercased.
    lower: Vec<Cow<'t, str>>,
    style: Style,
    /// Tokens that belong to a gazetteer name starting with a function word
    /// ("The Hague", "Los Angeles").
    forced: Vec<bool>,
    vocab: Asking<'a>,
    rules: Rules,
    out: BlockFinds,
}

impl Scanner<'_, '_> {
    fn text(&self, i: usize) -> &str {
        self.tokens[i].text
    }

    /// Token `i` lowercased.
    fn low(&self, i: usize) -> &str {
        &self.lower[i]
    }

    fn shape(&self, i: usize) -> Option<Shape> {
        self.tokens.get(i).and_then(Token::shape)
    }

    fn is_lower(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_lower)
    }

    /// The tokens `start..end` as one string.
    fn join(&self, start: usize, end: usize) -> String {
        let mut s = String::new();
        for token in &self.tokens[start..end] {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(token.text);
        }
        s
    }

    /// Marks gazetteer names that start with a capitalised function word.
    fn force_gazetteer_phrases(&mut self) {
        for i in 0..self.tokens.len() {
            if self.shape(i) == Some(Shape::Cap) && lexicon::is_stop(self.text(i)) {
                let end = (i + gazetteer::longest_name()).min(self.tokens.len());
                let words = (i..end).take_while(|&j| self.shape(j).is_some()).count();
                if let Some(len) = self.place_at(i, i + words).filter(|&len| len >= 2) {
                    self.forced[i..i + len].iter_mut().for_each(|f| *f = true);
                }
            }
        }
    }

    /// The longest gazetteer name starting at `start` and ending by `end`,
    /// as a count of tokens.
    fn place_at(&self, start: usize, end: usize) -> Option<usize> {
        let most = gazetteer::longest_name().min(end.saturating_sub(start));
        (1..=most).rev().find(|&len| {
            (start..start + len).all(|i| self.shape(i).is_some())
                && gazetteer::place(&phrase_key(&self.join(start, start + len))).is_some()
        })
    }

    /// Is this word known to be a name wherever it stands?
    fn known_name_word(&self, i: usize) -> bool {
        let text = self.text(i);
        let key = word_key(text);
        self.vocab.cap_mid(&key)
            || matches!(self.shape(i), Some(Shape::Upper | Shape::Initial))
            || gazetteer::place(&key).is_some()
            || self.title_at(i, self.tokens.len()) > 0
            || lexicon::is_org_head(text)
            || lexicon::is_given_name(text)
            || gazetteer::is_nationality(text)
            || lexicon::is_named_institution(text)
    }

    /// Can this token be part of a name?
    fn name_like(&self, i: usize) -> bool {
        if self.forced[i] {
            return true;
        }
        let token = &self.tokens[i];
        match token.shape() {
            Some(Shape::Cap | Shape::Initial) => {}
            Some(Shape::Upper) if !self.style.shouting => {}
            _ => return false,
        }
        if lexicon::is_stop(token.text) {
            return false;
        }
        if !token.sentence_start && !self.style.title_case {
            return true;
        }
        // Sentence case: trust words known as names, and a sentence's first
        // word that the dossier never writes in lower case ("Teruo Asada") —
        // not in Russian, where an inflected noun opens many sentences
        // before a name ("Встреча Путина").
        self.known_name_word(i)
            || (token.sentence_start
                && !self.style.title_case
                && !is_cyrillic_word(token.text)
                && !self.vocab.lower(self.low(i)))
    }

    /// The title starting at token `i` (words before `end`), as a count of tokens.
    fn title_at(&self, i: usize, end: usize) -> usize {
        if self.rules.french && self.text(i) == "M." {
            return 1;
        }
        // No title is longer than a few words: look no further (linear time).
        let end = end.min(self.tokens.len()).min(i + 6);
        if i >= end || self.text(i) == "M." {
            return 0;
        }
        // A title is capitalised inside a run, or ends at a possessive.
        let stop = (i..end)
            .find(|&j| self.tokens[j].possessive || self.shape(j).is_none())
            .map_or(end, |j| j + 1);
        lexicon::title_len(&self.lower[i..stop.min(end)])
    }

    /// Finds every run of capitalised words and reads it.
    fn scan(&mut self) {
        let n = self.tokens.len();
        let mut last_run: Option<(usize, usize)> = None; // (run end, found count then)
        let mut i = 0;
        while i < n {
            if !self.name_like(i) {
                i += 1;
                continue;
            }
            // A sentence's first word trusted only because the dossier never
            // writes it in lower case must be followed by another name word:
            // "Teruo Asada", not "Settlement of the Korean Peninsula".
            let lenient_only = !self.forced[i]
                && (self.tokens[i].sentence_start || self.style.title_case)
                && !self.known_name_word(i)
                && !self.tokens[i].possessive;
            if lenient_only && !(i + 1 < n && self.name_like(i + 1)) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while !self.tokens[end - 1].possessive {
                if end < n && self.name_like(end) {
                    end += 1;
                    continue;
                }
                // Connectors: "of", "for", "de", "von der"; "the" only after
                // one ("Secretary of the Council").
                let mut k = end;
                while k < n
                    && k - end < 2
                    && self.is_lower(k)
                    && lexicon::is_connector(self.low(k))
                    && (k > end || self.low(k) != "the")
                {
                    k += 1;
                }
                if k > end && k < n && self.name_like(k) {
                    end = k + 1;
                    continue;
                }
                break;
            }
            let before = self.out.found.len();
            self.run(start, end);
            self.note_alias(last_run, before, start, end);
            last_run = Some((end, self.out.found.len()));
            i = end;
        }
    }

    /// "Russian International Affairs Council (RIAC)", "Keidanren (Japan
    /// Business Federation)": the run in brackets names the same thing as
    /// the run right before them.
    fn note_alias(
        &mut self,
        last_run: Option<(usize, usize)>,
        before: usize,
        start: usize,
        end: usize,
    ) {
        let Some((last_end, last_count)) = last_run else {
            return;
        };
        let n = self.tokens.len();
        if !(start >= 2
            && last_end == start - 1
            && self.tokens[start - 1].is_punct('(')
            && end < n
            && self.tokens[end].is_punct(')')
            && last_count == before
            && before > 0
            && self.out.found.len() == before + 1)
        {
            return;
        }
        let (x, y) = (&self.out.found[before - 1], &self.out.found[before]);
        if x.span.1 != last_end || y.span != (start, end) || x.gazetteer.is_some() {
            return;
        }
        let initial = |f: &Found| f.form.chars().next().map(|c| c.to_lowercase().to_string());
        let same_initial = initial(x) == initial(y);
        let y_abbr = self.shape(start) == Some(Shape::Upper);
        let x_abbr = x.acronym;
        let ok = (y_abbr && x.words >= 2 && same_initial)
            || (x_abbr && y.words >= 2 && same_initial)
            || (x.words == 1 && y.words >= 2 && y.kind == Some(EntityKind::Organisation));
        if ok {
            self.out.aliases.push((before - 1, before));
        }
    }

    /// Cuts a run at its titles and reads each piece.
    fn run(&mut self, start: usize, end: usize) {
        let mut pieces = Vec::new();
        let mut pending: Option<Title> = None;
        let mut seg_start = start;
        let mut k = start;
        while k < end {
            // A title right after "of" is part of a name ("Council of Governors").
            let after_connector = k > start && self.is_lower(k - 1) && self.low(k - 1) != "and";
            let len = if after_connector {
                0
            } else {
                self.title_at(k, end)
            };
            if len == 0 {
                k += 1;
                continue;
            }
            let mut title_end = k + len;
            while title_end < end && !self.tokens[title_end - 1].possessive {
                let more = self.title_at(title_end, end);
                if more == 0 {
                    break;
                }
                title_end += more;
            }
            if seg_start < k {
                pieces.push(Piece {
                    start: seg_start,
                    end: k,
                    title: pending.take(),
                    before_title: true,
                });
            }
            pending = None;
            let text = self.join(k, title_end);
            let mut after = title_end;
            let mut adjacent = true;
            if self.tokens[title_end - 1].possessive {
                k = title_end;
                seg_start = title_end;
                continue;
            }
            if after < end && self.low(after) == "of" {
                let mut p = after + 1;
                if p < end && self.low(p) == "the" {
                    p += 1;
                }
                let portfolio = self.portfolio_len(p, end);
                if portfolio > 0 {
                    after = p + portfolio;
                    adjacent = false;
                } else if let Some(len) = self
                    .place_at(p, end)
                    .filter(|_| !(p..end).any(|j| lexicon::is_org_head(self.text(j))))
                {
                    self.emit_place(p, p + len);
                    after = p + len;
                    adjacent = false;
                } else {
                    // "Secretary of the Security Council": the rest is an institution.
                    k = p;
                    seg_start = p;
                    continue;
                }
            } else if after + 1 < end
                && is_cyrillic_word(self.text(after))
                && let Some(len) = self.place_at(after, end).filter(|&l| after + l < end)
            {
                // "Президент России Владимир Путин".
                self.emit_place(after, after + len);
                after += len;
                adjacent = false;
            }
            if after >= end || self.tokens[after - 1].possessive {
                k = after;
                seg_start = after;
                continue;
            }
            pending = Some(Title {
                text,
                adjacent,
                start: k,
            });
            k = after;
            seg_start = after;
        }
        if seg_start < end {
            pieces.push(Piece {
                start: seg_start,
                end,
                title: pending.take(),
                before_title: false,
            });
        }
        let bounds = RunBounds { start, end };
        for piece in pieces {
            self.piece(piece, bounds, false);
        }
    }

    /// Portfolio words after "Minister of": "Foreign Affairs", "Trade and Industry".
    fn portfolio_len(&self, start: usize, end: usize) -> usize {
        let mut q = start;
        while q < end {
            let capital_portfolio = !self.is_lower(q) && lexicon::is_portfolio(self.low(q));
            let joined = q > start
                && self.low(q) == "and"
                && q + 1 < end
                && lexicon::is_portfolio(self.low(q + 1));
            if !(capital_portfolio || joined) {
                break;
            }
            q += 1;
            if self.tokens[q - 1].possessive {
                break;
            }
        }
        q - start
    }

    /// Reads one piece of a run: what it is, from the words and the context.
    fn piece(&mut self, piece: Piece, run: RunBounds, person_hint: bool) {
        let Piece {
            mut start,
            mut end,
            title,
            before_title,
        } = piece;
        while start < end && self.is_lower(start) {
            start += 1;
        }
        while end > start && self.is_lower(end - 1) {
            end -= 1;
        }
        if before_title {
            // "Japanese Prime Minister": the adjective qualifies the title.
            while end > start && gazetteer::is_nationality(self.text(end - 1)) {
                end -= 1;
            }
        }
        if start == end {
            return;
        }
        let form = self.join(start, end);
        let key = phrase_key(&form);
        if title.is_none()
            && let Some(place) = gazetteer::place(&key)
        {
            self.emit(
                start,
                end,
                Some(EntityKind::Place),
                Strength::Strong,
                None,
                Some(place),
            );
            return;
        }
        if let Some(parts) = self.split_and(start, end) {
            for (s, e) in parts {
                let piece = Piece {
                    start: s,
                    end: e,
                    title: title.clone(),
                    before_title: false,
                };
                self.piece(piece, run, person_hint);
            }
            return;
        }
        // "России Сергей Лавров": a place, then a person.
        if title.is_none()
            && end - start >= 2
            && let Some(len) = self.place_at(start, end).filter(|&l| start + l < end)
            && (lexicon::is_given_name(self.text(start + len))
                || (start == run.start && self.title_before(start)))
        {
            self.emit_place(start, start + len);
            let rest = Piece {
                start: start + len,
                end,
                title: None,
                before_title: false,
            };
            self.piece(
                rest,
                RunBounds {
                    start: start + len,
                    ..run
                },
                true,
            );
            return;
        }
        if end - start == 1 && self.hyphenated_places(start) {
            return;
        }
        // "Consiglio Giorgia Meloni", "Center Dmitri Trenin": an
        // institution's head word, then a given name and a surname.
        if let Some(given) = (start + 1..end.saturating_sub(1)).find(|&g| {
            lexicon::is_given_name(self.text(g)) && self.shape(g + 1) == Some(Shape::Cap)
        }) && (start..given).any(|i| lexicon::is_org_head(self.text(i)))
        {
            let institution = Piece {
                start,
                end: given,
                title: title.clone(),
                before_title: false,
            };
            self.piece(institution, RunBounds { end: given, ..run }, false);
            let person = Piece {
                start: given,
                end,
                title: None,
                before_title: false,
            };
            self.piece(
                person,
                RunBounds {
                    start: given,
                    ..run
                },
                true,
            );
            return;
        }
        // Documents and events are not entities: "Nuclear Forces Treaty",
        // "Joint Declaration", "Eastern Economic Summit".
        // "Convention on the Law of the Sea", "Treaty of Versailles" too.
        let document = (start..end).any(|i| {
            !self.is_lower(i)
                && lexicon::is_non_entity_tail(self.low(i))
                && (i + 1 == end || self.is_lower(i + 1))
        });
        if document && !lexicon::is_org_head(self.text(start)) {
            return;
        }
        // A "title" may start the name: "General Assembly", "Prince Edward Island".
        let with_title = match &title {
            Some(t) if t.adjacent => t.start,
            _ => start,
        };
        for from in [start, with_title] {
            if self.is_org(from, end) {
                self.emit(
                    from,
                    end,
                    Some(EntityKind::Organisation),
                    Strength::Strong,
                    None,
                    None,
                );
                return;
            }
            if self.is_feature_place(from, end) {
                self.emit_place(from, end);
                return;
            }
        }
        if (start..end).all(|i| gazetteer::is_nationality(self.text(i))) {
            return;
        }
        // A common word capitalised ("International river") is no place.
        let common_word = end - start == 1 && self.vocab.lower(self.low(start));
        if title.is_none() && end == run.end && self.is_lower(end) {
            let next = self.text(end);
            if lexicon::is_place_feature(next) && !common_word {
                // "the Talas region"; in Russian the feature is part of the
                // name ("Сахалинская область").
                let to = if is_cyrillic_word(next) { end + 1 } else { end };
                self.emit_place(start, to);
                return;
            }
            if is_cyrillic_word(next) && lexicon::is_org_head(next) {
                // "Государственная дума".
                self.emit(
                    start,
                    end + 1,
                    Some(EntityKind::Organisation),
                    Strength::Strong,
                    None,
                    None,
                );
                return;
            }
        }
        if title.is_none()
            && start == run.start
            && start >= 2
            && self.low(start - 1) == "of"
            && self.is_lower(start - 2)
            && lexicon::is_place_of(self.low(start - 2))
        {
            // "the city of Kazan".
            self.emit_place(start, end);
            return;
        }
        if end - start == 1 && self.shape(start) == Some(Shape::Upper) {
            let word = self.text(start);
            // "GENEVA, March 3": a dateline's place in capitals.
            let mut letters = word.chars();
            let title_cased: String = letters
                .next()
                .into_iter()
                .chain(letters.flat_map(char::to_lowercase))
                .collect();
            if let Some(place) = gazetteer::place(&word_key(&title_cased)) {
                self.emit(
                    start,
                    end,
                    Some(EntityKind::Place),
                    Strength::Strong,
                    None,
                    Some(place),
                );
                return;
            }
            if !lexicon::is_common_acronym(word) && !self.vocab.lower(self.low(start)) {
                self.emit(
                    start,
                    end,
                    Some(EntityKind::Organisation),
                    Strength::Weak,
                    None,
                    None,
                );
            }
            return;
        }
        // "Western Balkans", "Japanese Shinzo Abe": read the rest without
        // the adjective.
        let mut rest = start;
        while end - rest > 1
            && gazetteer::is_nationality(self.text(rest))
            && !lexicon::is_given_name(self.text(rest))
        {
            rest += 1;
        }
        if rest > start {
            let piece = Piece {
                start: rest,
                end,
                title,
                before_title: false,
            };
            self.piece(piece, RunBounds { start: rest, ..run }, person_hint);
            return;
        }
        // Untyped words joined by "of" or "for": read each part on its own
        // ("Free Port of Vladivostok" → "Vladivostok").
        if (start..end).any(|i| self.is_lower(i) && !is_particle(self.low(i))) {
            let mut s = start;
            for i in start..=end {
                if i == end || (self.is_lower(i) && !is_particle(self.low(i))) {
                    if s < i {
                        let piece = Piece {
                            start: s,
                            end: i,
                            title: None,
                            before_title: false,
                        };
                        self.piece(piece, RunBounds { start: s, end: i }, false);
                    }
                    s = i + 1;
                }
            }
            return;
        }
        let words = end - start;
        let first = self.text(start);
        let sentence_case = self.tokens[start].sentence_start || self.style.title_case;
        if words == 1 && title.is_none() && lexicon::is_named_institution(first) {
            self.emit(
                start,
                end,
                Some(EntityKind::Organisation),
                Strength::Strong,
                None,
                None,
            );
            return;
        }
        if lexicon::is_named_institution_phrase(&self.join(start, end)) {
            self.emit(
                start,
                end,
                Some(EntityKind::Organisation),
                Strength::Strong,
                None,
                None,
            );
            return;
        }
        // A head word alone is a generic mention ("the Council", "Parliament").
        if words == 1 && title.is_none() && lexicon::is_org_head(first) {
            return;
        }
        // A sentence's first word alone is a name only if the dossier
        // capitalises it mid-sentence too.
        if words == 1 && sentence_case && title.is_none() && !self.vocab.cap_mid(&word_key(first)) {
            return;
        }
        let initials = words >= 2
            && (start..end - 1).all(|i| self.shape(i) == Some(Shape::Initial))
            && self.shape(end - 1) == Some(Shape::Cap);
        let last_is_name = self.shape(end - 1) == Some(Shape::Cap);
        // "General Electric", "Captain America": a title word that also
        // starts other names, before a word the dossier writes in lower
        // case, is no person's title.
        if let Some(t) = &title
            && t.adjacent
            && words == 1
            && lexicon::is_ambiguous_title(&t.text.to_lowercase())
            && self.vocab.lower(self.low(start))
        {
            return;
        }
        // A title right before: in the run ("Mr. Abe") or lower case
        // before it ("director Trenin", "президент Путин").
        let lower_title = title.is_none() && start == run.start && self.title_before(start);
        let (kind, strength, titled_form) = if initials {
            (Some(EntityKind::Person), Strength::Strong, None)
        } else if let Some(t) = &title {
            let titled = t
                .adjacent
                .then(|| format!("{} {}", t.text, self.join(start, end)));
            (Some(EntityKind::Person), Strength::Strong, titled)
        } else if person_hint
            || lower_title
            || (self.rules.english
                && end == run.end
                && self.appositive_after(end)
                && !(start == run.start && self.preposition_before(start)))
            || ((2..=4).contains(&words) && lexicon::is_given_name(first) && last_is_name)
        {
            (Some(EntityKind::Person), Strength::Strong, None)
        } else if self.rules.english && words <= 3 && self.speech_near(start, end, run) {
            (Some(EntityKind::Person), Strength::Weak, None)
        } else if self.rules.place_context
            && words == 1
            && !common_word
            && start == run.start
            && start >= 1
            && self.is_lower(start - 1)
            && lexicon::is_place_preposition(self.low(start - 1))
        {
            (Some(EntityKind::Place), Strength::Weak, None)
        } else {
            (None, Strength::Untyped, None)
        };
        let titled = title.is_some() || lower_title;
        let found = self.found(start, end, kind, strength, titled_form, titled, None);
        self.push(found);
        if kind.is_none() && words >= 2 {
            // "Moscow Tokyo Route": the places inside an unknown name; and
            // an acronym beside a place ("МИД России").
            let mut i = start;
            let mut places = 0;
            while i < end {
                match self.place_at(i, end) {
                    Some(len) => {
                        self.emit_place(i, i + len);
                        places += 1;
                        i += len;
                    }
                    None => i += 1,
                }
            }
            if places > 0 && words == 2 {
                for i in start..end {
                    if self.shape(i) == Some(Shape::Upper)
                        && gazetteer::place(&word_key(self.text(i))).is_none()
                        && !lexicon::is_common_acronym(self.text(i))
                    {
                        self.emit(
                            i,
                            i + 1,
                            Some(EntityKind::Organisation),
                            Strength::Weak,
                            None,
                            None,
                        );
                    }
                }
            }
        }
    }

    /// Parts of a piece joined by "and", unless the "and" belongs to an
    /// organisation's name ("Ministry of Trade and Industry").
    fn split_and(&self, start: usize, end: usize) -> Option<Vec<(usize, usize)>> {
        let ands: Vec<usize> = (start..end).filter(|&i| self.low(i) == "and").collect();
        let first_and = *ands.first()?;
        // The "and" of a name joins its own words, not places or names:
        // "Ministries of Defense of Russia and Japan" is two countries' ministries.
        let joins_place = ands.iter().any(|&a| {
            let next = if self.lower.get(a + 1).is_some_and(|w| w == "the") {
                a + 2
            } else {
                a + 1
            };
            self.place_at(next, end).is_some()
                || (next < end && lexicon::is_given_name(self.text(next)))
        });
        let last_and = *ands.last()?;
        // "Ministry of Trade and Industry", "Centre for Strategic and
        // International Studies": a head word and "of" before the "and";
        // "Food and Agriculture Organization": common words before it and a
        // head word after it.
        let head_before = (start..first_and).any(|i| {
            lexicon::is_org_head(self.text(i))
                && i + 1 < end
                && matches!(self.low(i + 1), "of" | "for" | "on")
        });
        let common_before = (start..last_and)
            .filter(|&i| !self.is_lower(i))
            .all(|i| self.vocab.lower(self.low(i)))
            && (last_and..end).any(|i| lexicon::is_org_head(self.text(i)));
        let org_and = !joins_place && (head_before || common_before);
        if org_and {
            return None;
        }
        let mut parts = Vec::new();
        let mut s = start;
        for &a in &ands {
            parts.push((s, a));
            s = a + 1;
        }
        parts.push((s, end));
        Some(parts)
    }

    /// "Russia-Japan", "Moscow-Tokyo": a hyphenated word of places (and
    /// nationality adjectives) mentions each place.
    fn hyphenated_places(&mut self, i: usize) -> bool {
        let text = self.tokens[i].text;
        if !text.contains('-') {
            return false;
        }
        let parts: Vec<&str> = text.split('-').collect();
        let places: Vec<Option<&'static str>> = parts
            .iter()
            .map(|p| gazetteer::place(&word_key(p)))
            .collect();
        let all_known = parts
            .iter()
            .zip(&places)
            .all(|(p, place)| place.is_some() || gazetteer::is_nationality(p));
        if !all_known || places.iter().all(Option::is_none) {
            return false;
        }
        for (part, place) in parts.iter().zip(places) {
            if let Some(place) = place {
                self.push(Found {
                    form: part.to_string(),
                    key: word_key(part),
                    kind: Some(EntityKind::Place),
                    strength: Strength::Strong,
                    titled_form: None,
                    titled: false,
                    initials: false,
                    acronym: false,
                    gazetteer: Some(place),
                    words: 1,
                    first_char: part.chars().next(),
                    last_word: word_key(part),
                    span: (i, i + 1),
                });
            }
        }
        true
    }

    /// Does the piece name an organisation: a head word ("Council",
    /// "Bank", "Inc.") among two or more words, or a well-known one?
    fn is_org(&self, start: usize, end: usize) -> bool {
        let significant: Vec<usize> = (start..end).filter(|&i| !self.is_lower(i)).collect();
        if significant.len() == 1 {
            return lexicon::is_named_institution(self.text(significant[0]));
        }
        significant
            .iter()
            .any(|&i| lexicon::is_org_head(self.text(i)))
            || lexicon::is_named_institution_phrase(&self.join(start, end))
    }

    /// "Kuril Islands", "Korean Peninsula", "Sea of Japan", "Lake Baikal".
    fn is_feature_place(&self, start: usize, end: usize) -> bool {
        if end - start < 2 {
            return false;
        }
        let last = end - 1;
        if self.shape(last) == Some(Shape::Cap) && lexicon::is_place_feature(self.text(last)) {
            return true;
        }
        let first = self.low(start);
        (end - start >= 3 && lexicon::is_place_of(first) && self.low(start + 1) == "of")
            || matches!(first, "mount" | "mt." | "lake" | "cape")
    }

    /// A lower-case title or role right before the name ("director Dmitri
    /// Trenin"); in Russian up to three words back ("министр иностранных дел").
    fn title_before(&self, start: usize) -> bool {
        if start == 0 || !self.is_lower(start - 1) {
            return false;
        }
        let prev = self.low(start - 1);
        if !is_cyrillic_word(prev) {
            return lexicon::title_len(&[prev]) > 0 || is_role(prev);
        }
        (start.saturating_sub(4)..start)
            .rev()
            .take_while(|&j| self.is_lower(j))
            .any(|j| lexicon::title_len(&[self.low(j)]) > 0)
    }

    /// Is the word before the piece a preposition ("In Volgograd, ...")?
    fn preposition_before(&self, start: usize) -> bool {
        start > 0 && self.is_lower(start - 1) && lexicon::is_preposition(self.low(start - 1))
    }

    /// ", former Russian Ambassador to Japan", ", the executive director
    /// of": a comma, a few words, and a title or role that names no one else.
    fn appositive_after(&self, end: usize) -> bool {
        if !self.tokens.get(end).is_some_and(|t| t.is_punct(',')) {
            return false;
        }
        let n = self.tokens.len();
        let mut j = end + 1;
        while j < n && j <= end + 5 {
            let token = &self.tokens[j];
            if token.shape().is_none() {
                return false;
            }
            let len = self.title_at(j, n).max(usize::from(is_role(self.low(j))));
            if len > 0 {
                let after = j + len;
                return !matches!(
                    self.shape(after),
                    Some(Shape::Cap | Shape::Upper | Shape::Initial)
                ) || self.tokens[after - 1].possessive;
            }
            if !(token.is_lower() || token.possessive || gazetteer::is_nationality(token.text)) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// "Panov said", "argues Trenin.", "according to Panov".
    fn speech_near(&self, start: usize, end: usize, run: RunBounds) -> bool {
        let n = self.tokens.len();
        if end == run.end && end < n && self.is_lower(end) && lexicon::is_speech_verb(self.low(end))
        {
            return true;
        }
        if start != run.start || start == 0 || !self.is_lower(start - 1) {
            return false;
        }
        let prev = self.low(start - 1);
        let closes = end == run.end && (end >= n || self.shape(end).is_none());
        (lexicon::is_speech_verb(prev) && closes)
            || (prev == "to" && start >= 2 && self.low(start - 2) == "according")
    }

    /// Records a place found by its name or context.
    fn emit_place(&mut self, start: usize, end: usize) {
        let key = phrase_key(&self.join(start, end));
        // "Asia-Pacific Region", "Sakhalin Oblast": the place the gazetteer
        // knows without its feature word.
        let place = gazetteer::place(&key).or_else(|| {
            (end - start >= 2 && lexicon::is_administrative(self.text(end - 1)))
                .then(|| gazetteer::place(&phrase_key(&self.join(start, end - 1))))
                .flatten()
        });
        self.emit(
            start,
            end,
            Some(EntityKind::Place),
            Strength::Strong,
            None,
            place,
        );
    }

    fn emit(
        &mut self,
        start: usize,
        end: usize,
        kind: Option<EntityKind>,
        strength: Strength,
        titled_form: Option<String>,
        gazetteer: Option<&'static str>,
    ) {
        let found = self.found(start, end, kind, strength, titled_form, false, gazetteer);
        self.push(found);
    }

    #[allow(clippy::too_many_arguments)]
    fn found(
        &self,
        start: usize,
        end: usize,
        kind: Option<EntityKind>,
        strength: Strength,
        titled_form: Option<String>,
        titled: bool,
        gazetteer: Option<&'static str>,
    ) -> Found {
        let form = self.join(start, end);
        let key = phrase_key(&form);
        let words = (start..end).filter(|&i| !self.is_lower(i)).count();
        let initials =
            (start..end - 1).all(|i| self.shape(i) == Some(Shape::Initial)) && words >= 2;
        Found {
            key,
            kind,
            strength,
            titled_form,
            titled,
            initials,
            acronym: end - start == 1 && self.shape(start) == Some(Shape::Upper),
            gazetteer,
            words,
            first_char: self.text(start).chars().next(),
            last_word: word_key(self.text(end - 1)),
            span: (start, end),
            form,
        }
    }

    fn push(&mut self, found: Found) {
        self.out.found.push(found);
    }
}

/// Lower-case particles inside personal names ("Charles de Gaulle").
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "di"
            | "do"
            | "du"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "zu"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
    )
}

/// Nouns for what a person does, which mark a name right before or after
/// them as a person's ("economist Sergei Guriev"; "Teruo Asada, head of").
fn is_role(word: &str) -> bool {
    matches!(
        word,
        "head"
            | "founder"
            | "co-founder"
            | "editor"
            | "editor-in-chief"
            | "author"
            | "expert"
            | "analyst"
            | "researcher"
            | "fellow"
            | "scholar"
            | "economist"
            | "historian"
            | "journalist"
            | "correspondent"
            | "diplomat"
            | "politician"
            | "lawyer"
            | "adviser"
            | "advisor"
            | "aide"
            | "official"
            | "lecturer"
            | "scientist"
            | "commentator"
            | "columnist"
            | "writer"
            | "businessman"
            | "businesswoman"
            | "entrepreneur"
            | "activist"
            | "astronaut"
            | "cosmonaut"
    )
}

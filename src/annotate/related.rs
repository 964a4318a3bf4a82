//! "Also in this dossier": articles that share people, terms or events,
//! and articles that are the same text published twice.
//!
//! Two independent signals, both found through indexes, never by comparing
//! every pair of articles:
//!
//! - **Shared labels.** An inverted index label → articles; each article
//!   adds up, over its labels' posting lists, the IDF weight `ln(N / df)` of
//!   every label it shares with another. A label on one article only, or
//!   (with four or more articles) on more than half of them, weighs nothing;
//!   a label on more than [`MAX_LABEL_ARTICLES`] articles is skipped, which
//!   bounds the work per article whatever the dossier's size.
//! - **Same text.** Each body becomes a set of 5-word shingles (lowercased,
//!   punctuation dropped). Candidate pairs come from two sketches, after
//!   Broder ("On the resemblance and containment of documents", 1997): a
//!   MinHash signature with LSH banding finds texts that mostly coincide
//!   (resemblance), and a consistent sample of shingles (those whose hash is
//!   0 modulo [`SAMPLE_ONE_IN`]) indexed by shingle finds a short excerpt
//!   inside a long article, which MinHash cannot: their Jaccard similarity
//!   is small however much of the excerpt is in the article. Only candidate
//!   pairs have their shingle sets compared exactly, by containment
//!   `|A ∩ B| / min(|A|, |B|)`.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use super::distinct::DistinctBlocks;
use super::sorted_sets::count_common;
use super::text_memo::{Overlap, Sketch, TextMemo, text_key};

/// Another article related to this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Its index in dossier order.
    pub article: usize,
    /// The shared features that relate them, most telling first (labels
    /// as given in the features, e.g. "Shinzo Abe").
    pub shared: Vec<String>,
    /// Whether it is a republication or near-duplicate of this one.
    pub near_duplicate: bool,
    /// How similar the two texts are, in percent (word shingles).
    pub similarity: u8,
}

/// Labels on more articles than this are skipped: they relate too many
/// articles to tell much, and each costs `df²` to score.
pub const MAX_LABEL_ARTICLES: usize = 256;

/// The least summed label weight that relates two articles.
pub const MIN_SCORE: f64 = 0.5;

/// At most this many shared labels are listed in [`Related::shared`].
pub const MAX_SHARED_SHOWN: usize = 5;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// Texts with fewer words than this are never near-duplicates: a few
/// words in common prove nothing.
pub const MIN_WORDS: usize = 30;

/// The least containment, in percent, of a near-duplicate.
pub const DUPLICATE_PERCENT: u8 = 50;

/// One shingle in this many is kept in the containment sample.
pub const SAMPLE_ONE_IN: u64 = 4;

const BANDS: usize = 16;
const ROWS: usize = 4;
const MINHASHES: usize = BANDS * ROWS;

/// A sampled shingle shared by more texts than this is skipped: pairing
/// its members would be quadratic, and a sampled phrase in that many texts
/// is a stock phrase, not a republication.
const MAX_SAMPLE_ARTICLES: usize = 50;

/// In a band bucket, each text is paired with this many texts after it
/// (so with up to twice as many in all): a story republished a thousand
/// times still finds copies of itself, and the work stays linear.
const BUCKET_WINDOW: usize = 8;

/// For each article, the related ones, best first, at most `max`.
///
/// `features[i]` are article `i`'s labels (entities, terms, event dates);
/// a label shared by many articles tells less than a rare one. `same`
/// holds the articles' texts compared; the result has one list per article
/// of the longer of the two.
///
/// Near-duplicates come first (most similar first), whatever labels they
/// share; then articles by summed label weight. Two articles are related by
/// labels when the weight reaches [`MIN_SCORE`] and they share at least two
/// weighted labels, or one label that only the two of them carry: a single
/// common label (a country, a year) is too weak a link, a single unique one
/// (a little-known person, an event's date) is not. Ties go to the lower
/// index, so the result depends only on the input.
///
/// The texts are compared beforehand ([`SameText::find`]): that needs no
/// labels, so it can be done while they are found.
pub fn related(features: &[Vec<String>], same: &SameText<'_>, max: usize) -> Vec<Vec<Related>> {
    let n = features.len().max(same.duplicates.len());
    let mut out = vec![Vec::new(); n];
    if max == 0 || n < 2 {
        return out;
    }
    let labels = LabelIndex::new(features, n);
    // Each article's list depends on the others' labels and texts only, so
    // the lists are made on every core, a chunk of articles at a time, each
    // chunk with its own scratch space.
    out.par_chunks_mut(RELATED_CHUNK)
        .enumerate()
        .for_each(|(chunk, lists)| {
            let mut scratch = Scratch::new(n);
            for (k, list) in lists.iter_mut().enumerate() {
                let i = chunk * RELATED_CHUNK + k;
                *list = related_to(i, &labels, same, max, &mut scratch);
            }
        });
    out
}

/// The dossier's texts compared with one another: their shingle sets and
/// sketches, and each text's near duplicates.
pub struct SameText<'s> {
    sets: Sets<'s>,
    duplicates: Vec<Vec<(usize, u8)>>,
}

impl<'s> SameText<'s> {
    /// Compares the texts of the first `n` articles of `blocks` (an article
    /// past its last has no text). Texts' sketches and exact overlaps are
    /// taken from `memo` when a previous build computed them, and recorded
    /// in it.
    pub fn find(blocks: &'s DistinctBlocks<'s>, n: usize, memo: &'s TextMemo) -> SameText<'s> {
        let sets = Sets::new(blocks, n, memo);
        let duplicates = near_duplicates(&sets);
        SameText { sets, duplicates }
    }
}

/// How many articles' lists one task of [`related`] makes.
const RELATED_CHUNK: usize = 256;

/// Article `i`'s related articles: its near duplicates, most similar
/// first, then the articles its labels relate it to, best first; at most
/// `max`.
fn related_to(
    i: usize,
    labels: &LabelIndex<'_>,
    same: &SameText<'_>,
    max: usize,
    scratch: &mut Scratch,
) -> Vec<Related> {
    let mut list = Vec::new();
    let mut dups = same.duplicates.get(i).cloned().unwrap_or_default();
    dups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    dups.truncate(max);
    for &(j, similarity) in &dups {
        list.push(Related {
            article: j,
            shared: labels.shared(i, j),
            near_duplicate: true,
            similarity,
        });
    }
    if list.len() == max {
        return list;
    }
    for j in labels.scored(i, scratch) {
        if list.len() == max {
            break;
        }
        if dups.iter().any(|&(d, _)| d == j) {
            continue;
        }
        let found = same.sets.overlap(i, j);
        list.push(Related {
            article: j,
            shared: labels.shared(i, j),
            near_duplicate: false,
            similarity: percent(found.common as usize, found.smaller as usize),
        });
    }
    list
}

// ---------------------------------------------------------------------------
// Shared labels

/// Label → articles, and each article's labels, by label id (ids follow
/// the labels' sorted order, so everything downstream is deterministic).
struct LabelIndex<'a> {
    names: Vec<&'a str>,
    of_article: Vec<Vec<u32>>,
    postings: Vec<Vec<u32>>,
    weight: Vec<f64>,
}

impl<'a> LabelIndex<'a> {
    fn new(features: &'a [Vec<String>], n: usize) -> LabelIndex<'a> {
        // Every distinct label, sorted: its place is its id. Sorting and
        // looking up are done on every core; only the postings are serial.
        let mut names: Vec<&'a str> = features
            .par_iter()
            .flat_map_iter(|labels| labels.iter().map(String::as_str))
            .filter(|label| !label.trim().is_empty())
            .collect();
        names.par_sort_unstable();
        names.dedup();
        let mut of_article: Vec<Vec<u32>> = features
            .par_iter()
            .map(|labels| {
                let mut own: Vec<u32> = labels
                    .iter()
                    .filter_map(|l| names.binary_search(&l.as_str()).ok())
                    .map(|id| id as u32)
                    .collect();
                own.sort_unstable();
                own.dedup();
                own
            })
            .collect();
        of_article.resize(n, Vec::new());
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); names.len()];
        for (article, own) in of_article.iter().enumerate() {
            for &id in own {
                postings[id as usize].push(article as u32);
            }
        }
        let weight = postings
            .iter()
            .map(|p| {
                let df = p.len();
                let too_common = (n >= 4 && 2 * df > n) || df > MAX_LABEL_ARTICLES;
                if df < 2 || too_common {
                    0.0
                } else {
                    (n as f64 / df as f64).ln()
                }
            })
            .collect();
        LabelIndex {
            names,
            of_article,
            postings,
            weight,
        }
    }

    /// The articles related to `i` by labels, best first.
    fn scored(&self, i: usize, s: &mut Scratch) -> Vec<usize> {
        for &label in &self.of_article[i] {
            let w = self.weight[label as usize];
            if w <= 0.0 {
                continue;
            }
            let posting = &self.postings[label as usize];
            for &j in posting {
                let j = j as usize;
                if j == i {
                    continue;
                }
                if s.count[j] == 0 {
                    s.touched.push(j);
                    s.rarest[j] = u32::MAX;
                }
                s.score[j] += w;
                s.count[j] += 1;
                s.rarest[j] = s.rarest[j].min(posting.len() as u32);
            }
        }
        let mut found: Vec<(f64, usize)> = Vec::new();
        for &j in &s.touched {
            let enough = s.count[j] >= 2 || s.rarest[j] == 2;
            if enough && s.score[j] >= MIN_SCORE {
                found.push((s.score[j], j));
            }
            s.score[j] = 0.0;
            s.count[j] = 0;
        }
        s.touched.clear();
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, j)| j).collect()
    }

    /// The weighted labels `i` and `j` share, rarest first, at most
    /// [`MAX_SHARED_SHOWN`].
    fn shared(&self, i: usize, j: usize) -> Vec<String> {
        let (a, b) = (&self.of_article[i], &self.of_article[j]);
        let mut common: Vec<u32> = Vec::new();
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    if self.weight[a[x] as usize] > 0.0 {
                        common.push(a[x]);
                    }
                    x += 1;
                    y += 1;
                }
            }
        }
        common.sort_by_key(|&id| (self.postings[id as usize].len(), id));
        common
            .into_iter()
            .take(MAX_SHARED_SHOWN)
            .map(|id| self.names[id as usize].to_string())
            .collect()
    }
}

/// Per-article accumulators, reset through `touched` so each article costs
/// only what its labels' posting lists hold.
struct Scratch {
    score: Vec<f64>,
    count: Vec<u32>,
    rarest: Vec<u32>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            score: vec![0.0; n],
            count: vec![0; n],
            rarest: vec![u32::MAX; n],
            touched: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------
// Same text

/// A text's shingles: hashes of every run of [`SHINGLE_WORDS`] words,
/// sorted and deduplicated; empty for texts under [`MIN_WORDS`] words.
///
/// A word is a run of letters and digits, lowercased, so punctuation,
/// quotation marks and case never tell two copies apart. (One text at a
/// time; [`shingle_sets`] reads a whole dossier.)
fn shingle_set(blocks: &[&str]) -> Vec<u64> {
    let words: Vec<Vec<u64>> = blocks.iter().map(|b| block_words(b)).collect();
    shingles_of(words.iter().map(Vec::as_slice))
}

/// The shingle sets of the texts `which`, in that order. A block's word
/// hashes depend only on its text, so a block repeated across texts (a
/// republished story, a quoted paragraph) is read once.
fn shingle_sets(blocks: &DistinctBlocks<'_>, which: &[usize]) -> Vec<Vec<u64>> {
    // The distinct blocks these texts use, each once, by first use.
    let mut used: Vec<usize> = Vec::new();
    let mut slot = vec![usize::MAX; blocks.texts.len()];
    let of_text: Vec<Vec<usize>> = which
        .iter()
        .map(|&i| {
            blocks
                .of_article
                .get(i)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&b| {
                    if slot[b] == usize::MAX {
                        slot[b] = used.len();
                        used.push(b);
                    }
                    slot[b]
                })
                .collect()
        })
        .collect();
    let words: Vec<Vec<u64>> = used
        .par_iter()
        .map(|&b| block_words(blocks.texts[b].1))
        .collect();
    of_text
        .par_iter()
        .map(|blocks| shingles_of(blocks.iter().map(|&b| words[b].as_slice())))
        .collect()
}

/// The sorted, deduplicated shingles of a text given as its blocks' word
/// hashes (a shingle may run on from one block into the next, as the text
/// reads on).
fn shingles_of<'w>(blocks: impl Iterator<Item = &'w [u64]>) -> Vec<u64> {
    let words: Vec<u64> = blocks.flatten().copied().collect();
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    let mut set: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| w.iter().fold(0x9e37_79b9_7f4a_7c15, |h, &x| mix(h ^ x)))
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// The hashes of a block's words, in order: FNV-1a over the UTF-8 of each
/// word's lowercased letters, computed as it is read, without building the
/// word as a string.
fn block_words(block: &str) -> Vec<u64> {
    const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words: Vec<u64> = Vec::new();
    let mut hash = FNV_START;
    let mut in_word = false;
    let mut utf8 = [0u8; 4];
    for c in block.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                hash = fnv1a_step(hash, c.to_ascii_lowercase() as u8);
            } else {
                for lower in c.to_lowercase() {
                    for &b in lower.encode_utf8(&mut utf8).as_bytes() {
                        hash = fnv1a_step(hash, b);
                    }
                }
            }
        } else if in_word {
            words.push(hash);
            hash = FNV_START;
            in_word = false;
        }
    }
    words
}

/// Pairs of near-duplicate texts: for each article, the others whose
/// containment reaches [`DUPLICATE_PERCENT`], with that percentage.
fn near_duplicates(sets: &Sets<'_>) -> Vec<Vec<(usize, u8)>> {
    let n = sets.sketches.len();
    let mut candidates = resemblance_candidates(&sets.sketches);
    candidates.extend(containment_candidates(&sets.sketches));
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = vec![Vec::new(); n];
    let verified: Vec<(u32, u32, u8)> = candidates
        .par_iter()
        .filter_map(|&(i, j)| {
            let Overlap { common, smaller } = sets.overlap(i as usize, j as usize);
            let similarity = percent(common as usize, smaller as usize);
            (smaller > 0 && similarity >= DUPLICATE_PERCENT).then_some((i, j, similarity))
        })
        .collect();
    for (i, j, similarity) in verified {
        out[i as usize].push((j as usize, similarity));
        out[j as usize].push((i as usize, similarity));
    }
    out
}

/// MinHash with LSH banding: pairs whose signatures agree on every row
/// of at least one band, i.e. texts that mostly coincide.
fn resemblance_candidates(sketches: &[Cow<'_, Sketch>]) -> Vec<(u32, u32)> {
    let mut buckets = Vec::with_capacity(sketches.iter().map(|s| s.bands.len()).sum());
    buckets.extend(
        sketches
            .iter()
            .enumerate()
            .flat_map(|(i, sketch)| sketch.bands.iter().map(move |&key| (key, i as u32))),
    );
    buckets.par_sort_unstable();
    let mut pairs = Vec::new();
    for bucket in buckets.chunk_by(|a, b| a.0 == b.0) {
        for (x, &(_, i)) in bucket.iter().enumerate() {
            let end = bucket.len().min(x + 1 + BUCKET_WINDOW);
            for &(_, j) in &bucket[x + 1..end] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs
}

/// The sampled-shingle index: pairs sharing enough sampled shingles that
/// the smaller text may be mostly inside the larger. The bar is 30% of the
/// smaller sample, below the 50% asked of the exact check, so that sampling
/// noise does not lose true pairs.
fn containment_candidates(sketches: &[Cow<'_, Sketch>]) -> Vec<(u32, u32)> {
    let n = sketches.len();
    let samples = samples_by_hash(sketches);
    let sample_size: Vec<u32> = sketches.iter().map(|s| s.samples.len() as u32).collect();
    // Each article's usable posting lists, as ranges of `samples`.
    let mut lists_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut start = 0;
    for run in samples.chunk_by(|a, b| a.0 == b.0) {
        let range = (start, start + run.len());
        start += run.len();
        if run.len() < 2 || run.len() > MAX_SAMPLE_ARTICLES {
            continue;
        }
        for &(_, i) in run {
            lists_of[i as usize].push(range);
        }
    }
    // Each article's shared samples are counted on every core, a chunk of
    // articles at a time, each task with its own counters.
    let chunks = n.div_ceil(CANDIDATE_CHUNK);
    let found: Vec<Vec<(u32, u32)>> = (0..chunks)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::new()),
            |(count, touched), chunk| {
                let mut pairs = Vec::new();
                for i in chunk * CANDIDATE_CHUNK..n.min((chunk + 1) * CANDIDATE_CHUNK) {
                    for &(from, to) in &lists_of[i] {
                        for &(_, j) in &samples[from..to] {
                            let j = j as usize;
                            if j <= i {
                                continue;
                            }
                            if count[j] == 0 {
                                touched.push(j);
                            }
                            count[j] += 1;
                        }
                    }
                    for &j in touched.iter() {
                        let smaller = sample_size[i].min(sample_size[j]);
                        if count[j] * 10 >= smaller * 3 {
                            pairs.push((i as u32, j as u32));
                        }
                        count[j] = 0;
                    }
                    touched.clear();
                }
                pairs
            },
        )
        .collect();
    found.concat()
}

/// How many articles one task of [`containment_candidates`] counts for.
const CANDIDATE_CHUNK: usize = 64;

/// Every sketch's sampled shingles as (shingle, article), sorted. Shingle
/// hashes are uniform, so one pass puts each in one of 4,096 buckets by
/// its top bits; the buckets, small enough to sort in cache, are sorted on
/// every core. The result is the whole list sorted, as one sort would
/// leave it.
fn samples_by_hash(sketches: &[Cow<'_, Sketch>]) -> Vec<(u64, u32)> {
    const BUCKET_BITS: u32 = 12;
    let bucket = |h: u64| (h >> (64 - BUCKET_BITS)) as usize;
    let mut sizes = vec![0usize; 1 << BUCKET_BITS];
    for sketch in sketches {
        for &h in &sketch.samples {
            sizes[bucket(h)] += 1;
        }
    }
    // Where each bucket's next sample goes: its start, at first.
    let mut next = Vec::with_capacity(sizes.len());
    let mut total = 0;
    for size in &sizes {
        next.push(total);
        total += size;
    }
    let mut samples = vec![(0u64, 0u32); total];
    for (i, sketch) in sketches.iter().enumerate() {
        for &h in &sketch.samples {
            let b = bucket(h);
            samples[next[b]] = (h, i as u32);
            next[b] += 1;
        }
    }
    let mut buckets = Vec::with_capacity(sizes.len());
    let mut rest = samples.as_mut_slice();
    for size in sizes {
        let (part, tail) = rest.split_at_mut(size);
        buckets.push(part);
        rest = tail;
    }
    buckets.into_par_iter().for_each(|b| b.sort_unstable());
    samples
}

fn is_sampled(shingle: u64) -> bool {
    mix(shingle ^ 0xa5a5_a5a5_a5a5_a5a5) % SAMPLE_ONE_IN == 0
}

/// The dossier's texts as the near-duplicate check sees them: each text's
/// fingerprint and sketch, and its shingle set when it had to be computed
/// (all of them on a first build; on a rebuild, only for texts that are new
/// or compared with a new one).
struct Sets<'s> {
    blocks: &'s DistinctBlocks<'s>,
    keys: Vec<u64>,
    /// Borrowed from the memo when it held them (most, on a rebuild).
    sketches: Vec<Cow<'s, Sketch>>,
    shingles: Vec<OnceLock<Vec<u64>>>,
    memo: &'s TextMemo,
}

impl<'s> Sets<'s> {
    fn new(blocks: &'s DistinctBlocks<'s>, n: usize, memo: &'s TextMemo) -> Sets<'s> {
        let salt = (SHINGLE_WORDS * 1_000_000 + MINHASHES * 1_000 + MIN_WORDS) as u64
            ^ SAMPLE_ONE_IN << 40;
        let keys: Vec<u64> = (0..n)
            .into_par_iter()
            .map(|i| text_key(blocks.text_hashes_of(i), salt))
            .collect();
        let mut sketches: Vec<Option<Cow<'s, Sketch>>> = keys
            .iter()
            .map(|&key| memo.recall_sketch(key).map(Cow::Borrowed))
            .collect();
        let shingles: Vec<OnceLock<Vec<u64>>> = (0..n).map(|_| OnceLock::new()).collect();
        let missing: Vec<usize> = (0..n).filter(|&i| sketches[i].is_none()).collect();
        let made = shingle_sets(blocks, &missing);
        let new: Vec<Sketch> = made.par_iter().map(|set| sketch_of(set)).collect();
        for ((&i, set), sketch) in missing.iter().zip(made).zip(new) {
            memo.keep_sketch(keys[i], sketch.clone());
            sketches[i] = Some(Cow::Owned(sketch));
            let _ = shingles[i].set(set);
        }
        Sets {
            blocks,
            keys,
            sketches: sketches
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
            shingles,
            memo,
        }
    }

    /// Text `i`'s shingle set, computed the first time it is needed.
    fn set(&self, i: usize) -> &[u64] {
        self.shingles[i].get_or_init(|| {
            let texts: Vec<&str> = self.blocks.blocks_of(i).collect();
            shingle_set(&texts)
        })
    }

    /// The overlap of texts `i` and `j`, from the memo or computed.
    fn overlap(&self, i: usize, j: usize) -> Overlap {
        let (small, large) = match (self.sketches[i].shingles, self.sketches[j].shingles) {
            (a, b) if a <= b => (i, j),
            _ => (j, i),
        };
        if self.sketches[small].shingles == 0 {
            return Overlap {
                common: 0,
                smaller: 0,
            };
        }
        self.memo.overlap(self.keys[i], self.keys[j], || {
            let (common, smaller) = overlap(self.set(small), self.set(large));
            Overlap {
                common: common as u32,
                smaller: smaller as u32,
            }
        })
    }
}

/// What candidate search needs of a shingle set: its size, its MinHash
/// band keys and its sampled shingles.
fn sketch_of(set: &[u64]) -> Sketch {
    if set.is_empty() {
        return Sketch::default();
    }
    // Shingle hashes are already well mixed, so an affine map with an odd
    // multiplier (a permutation of u64) per hash function is enough, and
    // five times cheaper than mixing again.
    let functions: Vec<(u64, u64)> = (0..MINHASHES as u64)
        .map(|k| (mix(k ^ 0x5151_5151) | 1, mix(k ^ 0x7373_7373_0000)))
        .collect();
    let mut signature = [u64::MAX; MINHASHES];
    for &shingle in set {
        for (slot, &(a, b)) in signature.iter_mut().zip(&functions) {
            *slot = (*slot).min(shingle.wrapping_mul(a).wrapping_add(b));
        }
    }
    let bands = signature
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| rows.iter().fold(mix(band as u64), |h, &r| mix(h ^ r)))
        .collect();
    Sketch {
        shingles: set.len() as u32,
        bands,
        samples: set.iter().copied().filter(|&h| is_sampled(h)).collect(),
    }
}

/// Shingles two sorted sets share, and the size of the smaller set.
fn overlap(a: &[u64], b: &[u64]) -> (usize, usize) {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return (0, 0);
    }
    let common = if large.len() / small.len() >= 8 {
        // A short excerpt against a long text: look each shingle up.
        small
            .iter()
            .filter(|h| large.binary_search(h).is_ok())
            .count()
    } else {
        count_common(small, large)
    };
    (common, small.len())
}

/// `common / smaller` in whole percent, rounded; 0 when there is nothing.
fn percent(common: usize, smaller: usize) -> u8 {
    if smaller == 0 {
        return 0;
    }
    ((common * 100 + smaller / 2) / smaller).min(100) as u8
}

/// One byte of 64-bit FNV-1a: a fixed hash, the same on every run and
/// machine.
fn fnv1a_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// SplitMix64's finaliser: spreads every input bit over the output, so one
/// hash with different seeds behaves as independent hash functions.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::ArticleText;
    use crate::memo_file::SavedMemo;

    /// Deterministic filler prose: `words` words drawn from a large
    /// made-up vocabulary, as sentences, in paragraphs of ~60 words.
    fn prose(seed: u64, words: usize) -> Vec<String> {
        const SYLLABLES: [&str; 24] = [
            "ka", "to", "mi", "ra", "ne", "so", "lu", "ve", "di", "po", "an", "er", "is", "ol",
            "ur", "ba", "ce", "fi", "go", "hu", "je", "ky", "ma", "no",
        ];
        // (SplitMix's finaliser maps 0 to 0: offset the seed.)
        let mut state = mix(seed ^ 0x1234_5678_9abc_def0);
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        for k in 0..words {
            state = mix(state);
            let len = 2 + (state % 3) as usize;
            let word: String = (0..len)
                .map(|s| SYLLABLES[((state >> (8 * s + 8)) % 24) as usize])
                .collect();
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&word);
            if k % 12 == 11 {
                current.push('.');
            }
            if k % 60 == 59 {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        paragraphs
    }

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn run(features: &[Vec<String>], bodies: &[Vec<String>], max: usize) -> Vec<Vec<Related>> {
        run_with(features, bodies, max, &TextMemo::empty())
    }

    fn run_with(
        features: &[Vec<String>],
        bodies: &[Vec<String>],
        max: usize,
        memo: &TextMemo,
    ) -> Vec<Vec<Related>> {
        let blocks: Vec<Vec<&str>> = bodies
            .iter()
            .map(|b| b.iter().map(String::as_str).collect())
            .collect();
        let texts: Vec<ArticleText<'_>> = blocks
            .iter()
            .map(|b| ArticleText {
                language: "en",
                blocks: b,
            })
            .collect();
        let blocks = DistinctBlocks::new(&texts);
        let n = features.len().max(blocks.articles());
        related(features, &SameText::find(&blocks, n, memo), max)
    }

    fn articles(list: &[Related]) -> Vec<usize> {
        list.iter().map(|r| r.article).collect()
    }

    // Words are hashed as read, folded to lower case (Cyrillic and accents
    // included) and split at anything not a letter or digit: the same as
    // FNV-1a over each lowercased word.
    #[test]
    fn word_hashes_fold_case_and_punctuation() {
        let fnv = |word: &str| word.bytes().fold(0xcbf2_9ce4_8422_2325, fnv1a_step);
        let words = "один два три четыре пять шесть семь восемь девять десять";
        let text = std::iter::repeat_n(words, 4).collect::<Vec<_>>().join(" ");
        let shouted = text.to_uppercase().replace(' ', ", ");
        assert_eq!(shingle_set(&[&text]), shingle_set(&[&shouted]));
        let hashes: Vec<u64> = text.split(' ').map(fnv).collect();
        let mut expected: Vec<u64> = hashes
            .windows(SHINGLE_WORDS)
            .map(|w| w.iter().fold(0x9e37_79b9_7f4a_7c15, |h, &x| mix(h ^ x)))
            .collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(shingle_set(&[&text]), expected);
    }

    // Reading each distinct block once gives every text the same shingles
    // as reading it alone, repeated blocks and missing texts included.
    #[test]
    fn shared_blocks_give_the_same_shingles() {
        let a = prose(1, 80).join(" ");
        let b = prose(2, 80).join(" ");
        let bodies: Vec<Vec<&str>> = vec![vec![&a, &b], vec![&b], vec![&b, &a, &b]];
        let texts: Vec<ArticleText<'_>> = bodies
            .iter()
            .map(|blocks| ArticleText {
                language: "en",
                blocks,
            })
            .collect();
        let sets = shingle_sets(&DistinctBlocks::new(&texts), &[2, 0, 1]);
        for (set, i) in sets.iter().zip([2, 0, 1]) {
            assert_eq!(set, &shingle_set(&bodies[i]));
            assert!(!set.is_empty());
        }
    }

    // Sorting the samples bucket by bucket gives the list one sort gives,
    // shingles shared by several articles included.
    #[test]
    fn samples_by_hash_sorts_them_all() {
        let sketch = |seed: u64, len: u64| {
            let mut samples: Vec<u64> = (0..len).map(|k| mix(seed * 1000 + k)).collect();
            // Some shingles every sketch shares, at both ends of the range.
            samples.extend([0, 7, u64::MAX, 1 << 63]);
            samples.sort_unstable();
            Cow::Owned(Sketch {
                samples,
                ..Sketch::default()
            })
        };
        let sketches: Vec<Cow<'_, Sketch>> = (1..=40).map(|i| sketch(i % 7, 50 + i * 13)).collect();
        let mut expected: Vec<(u64, u32)> = sketches
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.samples.iter().map(move |&h| (h, i as u32)))
            .collect();
        expected.sort_unstable();
        assert_eq!(samples_by_hash(&sketches), expected);
        assert!(samples_by_hash(&[]).is_empty());
    }

    // The merge counts exactly the shared shingles, whatever the sizes.
    #[test]
    fn overlap_counts_common_shingles() {
        let a: Vec<u64> = (0..100).map(|x| x * 3).collect();
        let b: Vec<u64> = (0..100).map(|x| x * 2).collect();
        // Multiples of 6 up to 198: 0, 6, ..., 198 (34 of them).
        assert_eq!(overlap(&a, &b), (34, 100));
        let short: Vec<u64> = vec![3, 6, 7];
        assert_eq!(overlap(&short, &a), (2, 3));
        assert_eq!(overlap(&[], &a), (0, 0));
    }

    // A label only two articles carry relates them more than two labels
    // four articles carry; shared labels are listed rarest first.
    #[test]
    fn shared_rare_label_beats_shared_common_label() {
        let mut features = vec![Vec::new(); 10];
        features[0] = labels(&["Kuril Islands", "Masahiko Komura", "Sochi"]);
        features[1] = labels(&["Masahiko Komura", "Kuril Islands"]);
        features[2] = labels(&["Kuril Islands", "Sochi"]);
        features[3] = labels(&["Kuril Islands", "Sochi"]);
        features[4] = labels(&["Sochi"]);
        let result = run(&features, &[], 10);
        // 0–1: ln(10/2) + ln(10/4) = 2.53; 0–2 and 0–3: 2 × ln(10/4) = 1.83;
        // 0–4: one label on four articles, not enough.
        assert_eq!(articles(&result[0]), vec![1, 2, 3]);
        assert_eq!(
            result[0][0].shared,
            vec!["Masahiko Komura", "Kuril Islands"]
        );
        assert!(!result[0][0].near_duplicate);
        // Relations are symmetric.
        assert_eq!(articles(&result[1]), vec![0]);
        assert!(result[4].is_empty());
    }

    // Labels on every article, or on more than half, weigh nothing and are
    // never listed; a label only two carry is enough on its own.
    #[test]
    fn labels_held_by_most_articles_are_ignored() {
        let mut features = vec![labels(&["Russia", "Japan"]); 6];
        for f in features.iter_mut().take(4) {
            f.push("Tokyo".to_string()); // 4 of 6: more than half
        }
        let result = run(&features, &[], 5);
        assert!(result.iter().all(Vec::is_empty), "{result:?}");
        features[0].push("Alexander Panov".to_string());
        features[5].push("Alexander Panov".to_string());
        let result = run(&features, &[], 5);
        assert_eq!(articles(&result[0]), vec![5]);
        assert_eq!(result[0][0].shared, vec!["Alexander Panov"]);
        assert_eq!(articles(&result[5]), vec![0]);
        assert!(result[1].is_empty());
    }

    // One shared label held by three articles does not relate them; two
    // such labels do.
    #[test]
    fn one_label_must_be_unique_to_the_pair() {
        let mut features = vec![Vec::new(); 10];
        for f in features.iter_mut().take(3) {
            f.push("Hokkaido".to_string());
        }
        assert!(run(&features, &[], 5).iter().all(Vec::is_empty));
        for f in features.iter_mut().take(3) {
            f.push("1956 Joint Declaration".to_string());
        }
        let result = run(&features, &[], 5);
        assert_eq!(articles(&result[0]), vec![1, 2]);
    }

    // The same text behind different furniture and a different opening
    // paragraph is a near-duplicate; an unrelated text is not related.
    #[test]
    fn republished_text_is_a_near_duplicate() {
        let original = prose(1, 400);
        let mut republished = vec![
            "Share this article".to_string(),
            "Print".to_string(),
            prose(2, 50).join(" "),
        ];
        republished.extend(original[1..].iter().cloned());
        republished.push("Rate this article (votes: 2, rating: 5)".to_string());
        let unrelated = prose(3, 400);
        let bodies = vec![original, republished, unrelated];
        let result = run(&vec![Vec::new(); 3], &bodies, 5);
        assert_eq!(result[0].len(), 1);
        let dup = &result[0][0];
        assert_eq!(dup.article, 1);
        assert!(dup.near_duplicate);
        assert!(dup.similarity >= 80, "{}", dup.similarity);
        assert_eq!(articles(&result[1]), vec![0]);
        assert!(result[2].is_empty());
    }

    // A short excerpt republished alone is contained in the long article:
    // a near-duplicate both ways, though its Jaccard similarity is ~4%.
    #[test]
    fn excerpt_inside_long_article_is_found() {
        let long = prose(7, 2000);
        // Sixty words from the middle, cut at paragraph boundaries.
        let excerpt = vec![long[10].clone()];
        let result = run(&vec![Vec::new(); 2], &[long, excerpt], 5);
        assert_eq!(result[0].len(), 1);
        assert!(result[0][0].near_duplicate);
        assert_eq!(result[0][0].similarity, 100);
        assert_eq!(result[1][0].article, 0);
    }

    // The same far apart in a larger dossier: the shared samples are
    // counted by chunks of articles, and the pair spans several.
    #[test]
    fn excerpt_found_across_counting_chunks() {
        let n = 3 * CANDIDATE_CHUNK;
        let mut bodies: Vec<Vec<String>> = (0..n as u64).map(|i| prose(100 + i, 150)).collect();
        bodies[3] = prose(7, 2000);
        bodies[n - 2] = vec![bodies[3][10].clone()];
        let result = run(&vec![Vec::new(); n], &bodies, 5);
        assert_eq!(articles(&result[3]), vec![n - 2]);
        assert!(result[3][0].near_duplicate);
        assert_eq!(articles(&result[n - 2]), vec![3]);
        let others: usize = result.iter().map(Vec::len).sum();
        assert_eq!(others, 2);
    }

    // Texts under MIN_WORDS words never count as duplicates, even when equal.
    #[test]
    fn very_short_texts_are_never_duplicates() {
        let short = vec!["Moscow and Tokyo agreed to continue the talks next year in Sochi, officials said on Monday.".to_string()];
        let result = run(&vec![Vec::new(); 2], &[short.clone(), short], 5);
        assert!(result.iter().all(Vec::is_empty));
    }

    // Near-duplicates come first even when another article shares more
    // labels; `max` caps the list.
    #[test]
    fn duplicates_first_and_max_respected() {
        let text = prose(11, 300);
        let bodies = vec![
            text.clone(),
            prose(12, 300),
            text.clone(),
            prose(13, 300),
            text.clone(),
        ];
        let mut features = vec![Vec::new(); 5];
        for &i in &[0usize, 1] {
            features[i] = labels(&["Dmitri Trenin", "Carnegie Moscow Center", "2016-05-06"]);
        }
        let result = run(&features, &bodies, 5);
        assert_eq!(articles(&result[0]), vec![2, 4, 1]);
        assert!(result[0][0].near_duplicate && result[0][1].near_duplicate);
        assert_eq!(result[0][0].similarity, 100);
        assert!(!result[0][2].near_duplicate);
        assert_eq!(result[0][2].shared.len(), 3);
        let capped = run(&features, &bodies, 1);
        assert!(capped.iter().all(|l| l.len() <= 1));
        assert_eq!(articles(&capped[0]), vec![2]);
        assert!(run(&features, &bodies, 0).iter().all(Vec::is_empty));
    }

    // A wire story republished by more outlets than the sample index pairs
    // (MAX_SAMPLE_ARTICLES), and more than a band bucket could pair without
    // its window, is still found by every copy.
    #[test]
    fn widely_republished_text_is_found() {
        let story = prose(21, 120);
        let copies = 300;
        let mut bodies = vec![story; copies];
        bodies.push(prose(22, 120));
        let result = run(&vec![Vec::new(); copies + 1], &bodies, 3);
        for list in &result[..copies] {
            assert_eq!(list.len(), 3);
            assert!(list.iter().all(|r| r.near_duplicate && r.similarity == 100));
        }
        assert_eq!(articles(&result[5]), vec![0, 1, 2]);
        assert_eq!(articles(&result[200]), vec![192, 193, 194]);
        assert!(result[copies].is_empty());
    }

    // Features and texts of different lengths: one list per article of the
    // longer, with no panic.
    #[test]
    fn slices_of_different_lengths() {
        let text = prose(31, 100);
        let bodies = vec![text.clone(), prose(32, 100), text];
        let features = vec![labels(&["Sochi", "Valdai"])];
        let result = run(&features, &bodies, 4);
        assert_eq!(result.len(), 3);
        assert_eq!(articles(&result[0]), vec![2]);
        assert_eq!(articles(&result[2]), vec![0]);
        assert!(result[2][0].shared.is_empty());
        let result = run(&vec![labels(&["Sochi"]); 4], &bodies[..1], 4);
        assert_eq!(result.len(), 4);
    }

    // Shared labels are cut at MAX_SHARED_SHOWN.
    #[test]
    fn shared_list_is_capped() {
        let many: Vec<String> = (0..8).map(|k| format!("Label {k}")).collect();
        let mut features = vec![Vec::new(); 6];
        features[0] = many.clone();
        features[1] = many;
        let result = run(&features, &[], 3);
        assert_eq!(result[0][0].shared.len(), MAX_SHARED_SHOWN);
        assert_eq!(result[0][0].shared[0], "Label 0");
    }

    /// A synthetic dossier: articles with Zipf-like labels, stock phrases
    /// shared by many, and every tenth article republishing the one before.
    fn synthetic(n: usize) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
        let stock = prose(999, 600);
        let mut features = Vec::new();
        let mut bodies: Vec<Vec<String>> = Vec::new();
        for i in 0..n {
            let mut f = vec!["Russia".to_string()];
            let mut state = mix(i as u64 + 17);
            for _ in 0..12 {
                state = mix(state);
                // Skewed draws over 2n labels: label 0 is on about a tenth of
                // the articles' draws at n = 500, the last ones on two.
                let u = (state % 1_000_000) as f64 / 1e6;
                f.push(format!("label {}", (u * u * u * (2 * n) as f64) as usize));
            }
            features.push(f);
            let body = if i % 10 == 9 {
                bodies[i - 1].clone()
            } else {
                let mut b = prose(i as u64, 200 + (state % 400) as usize);
                b.push(stock[i % 10].clone());
                b
            };
            bodies.push(body);
        }
        (features, bodies)
    }

    // Overlaps remembered from a previous run give the same result, and a
    // changed text is compared again, under its new fingerprint.
    #[test]
    fn remembered_overlaps_give_the_same_result() {
        let (features, mut bodies) = synthetic(60);
        let first = TextMemo::empty();
        let cold = run_with(&features, &bodies, 5, &first);
        let memo = TextMemo::from_bytes(&first.to_bytes());
        // Texts 9, 19, ... repeat the text before them: one sketch each pair.
        assert_eq!(memo.remembered().1, 54);
        assert!(memo.remembered().0 > 0);
        assert_eq!(run_with(&features, &bodies, 5, &memo), cold);
        assert!(!memo.changed(), "every overlap came from the memo");

        bodies[8].push("A new closing paragraph.".to_string());
        let memo = TextMemo::from_bytes(&first.to_bytes());
        let warm = run_with(&features, &bodies, 5, &memo);
        assert!(memo.changed());
        assert_eq!(warm, run(&features, &bodies, 5));
    }

    // The same input gives the same output, run after run.
    #[test]
    fn deterministic() {
        let (features, bodies) = synthetic(120);
        let first = run(&features, &bodies, 6);
        for _ in 0..3 {
            assert_eq!(run(&features, &bodies, 6), first);
        }
    }

    // A dossier of 500 articles goes through (a quadratic step would make
    // this test crawl), the planted republications are all found, and the
    // stock paragraph shared by a tenth of the articles makes no duplicates.
    #[test]
    fn five_hundred_articles() {
        let (features, bodies) = synthetic(500);
        let result = run(&features, &bodies, 8);
        assert_eq!(result.len(), 500);
        for i in (9..500).step_by(10) {
            assert!(
                result[i]
                    .iter()
                    .any(|r| r.article == i - 1 && r.near_duplicate && r.similarity == 100),
                "{i}: {:?}",
                result[i]
            );
        }
        let duplicates: usize = result.iter().flatten().filter(|r| r.near_duplicate).count();
        assert_eq!(duplicates, 100);
        assert!(result.iter().all(|l| l.len() <= 8));
    }

    // Measures 2,500- and 5,000-article dossiers, stage by stage; run by hand
    // with `cargo test --release --lib related::tests::scale -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn scale() {
        for n in [2500, 5000] {
            let (features, bodies) = synthetic(n);
            let words: usize = bodies
                .iter()
                .flatten()
                .map(|p| p.split_whitespace().count())
                .sum();
            let blocks: Vec<Vec<&str>> = bodies
                .iter()
                .map(|b| b.iter().map(String::as_str).collect())
                .collect();
            let started = std::time::Instant::now();
            let sets: Vec<Cow<'_, Sketch>> = blocks
                .iter()
                .map(|b| Cow::Owned(sketch_of(&shingle_set(b))))
                .collect();
            let shingled = started.elapsed();
            let resemblance = resemblance_candidates(&sets).len();
            let minhashed = started.elapsed();
            let containment = containment_candidates(&sets).len();
            let sampled = started.elapsed();
            let labels = LabelIndex::new(&features, n);
            let mut scratch = Scratch::new(n);
            let scored: usize = (0..n).map(|i| labels.scored(i, &mut scratch).len()).sum();
            let labelled = started.elapsed();
            let result = run(&features, &bodies, 8);
            let total = started.elapsed() - labelled;
            let dups = result.iter().flatten().filter(|r| r.near_duplicate).count();
            eprintln!(
                "{n} articles, {words} words: related() {total:?} in all; alone, shingles {shingled:?}, \
                 MinHash+LSH {:?} ({resemblance} candidate pairs), sample index {:?} \
                 ({containment} candidate pairs), labels {:?} ({scored} related pairs); \
                 {dups} near-duplicate links",
                minhashed - shingled,
                sampled - minhashed,
                labelled - sampled
            );
            assert_eq!(dups, n / 5);
        }
    }
}

//! The dossier's blocks with repeats folded. What names and dates a block
//! holds depends only on its text and language, so each distinct block is
//! read once: a story republished many times, or a paragraph quoted in
//! several articles, costs one reading.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use super::ArticleText;
use crate::memo_file::KeyHasher;

/// Each distinct (language, text) once, and for each article's blocks the
/// index of their text.
#[derive(Debug)]
pub struct DistinctBlocks<'t> {
    /// Distinct blocks, by first appearance in dossier order.
    pub texts: Vec<(&'t str, &'t str)>,
    /// The hash of each distinct block's text alone (XXH3, language left
    /// out): texts are fingerprinted by their blocks' hashes rather than
    /// read again (see [`DistinctBlocks::text_hashes_of`]).
    pub text_hashes: Vec<u64>,
    /// For each article, for each block, its index in `texts`.
    pub of_article: Vec<Vec<usize>>,
}

impl<'t> DistinctBlocks<'t> {
    /// The blocks of `articles`, folded.
    pub fn new(articles: &[ArticleText<'t>]) -> DistinctBlocks<'t> {
        DistinctBlocks::with_hash(articles, |text| xxh3_64(text.as_bytes()))
    }

    /// [`DistinctBlocks::new`] with the hash of a block's text given.
    fn with_hash(
        articles: &[ArticleText<'t>],
        hash: impl Fn(&str) -> u64 + Sync,
    ) -> DistinctBlocks<'t> {
        // Hashing every text is most of the work, and is done on every
        // core; folding by hash is serial, in dossier order, so the result
        // does not depend on threads. A block folds by its text's hash
        // seeding a hash of its language.
        let hashes: Vec<Vec<(u64, u64)>> = articles
            .par_iter()
            .map(|article| {
                article
                    .blocks
                    .iter()
                    .map(|text| {
                        let text_hash = hash(text);
                        let key = xxh3_64_with_seed(article.language.as_bytes(), text_hash);
                        (key, text_hash)
                    })
                    .collect()
            })
            .collect();
        // The hashes are hashes already: the map only mixes them.
        let mut by_hash: HashMap<u64, usize, BuildHasherDefault<KeyHasher>> = HashMap::default();
        // Blocks whose hash an earlier, different block has (rare).
        let mut collided: HashMap<(&'t str, &'t str), usize> = HashMap::new();
        let mut texts = Vec::new();
        let mut text_hashes = Vec::new();
        let mut index_of = |block: (&'t str, &'t str), (key, text_hash): (u64, u64)| {
            let fresh = texts.len();
            let i = match by_hash.get(&key) {
                None => *by_hash.entry(key).or_insert(fresh),
                Some(&i) if texts[i] == block => i,
                Some(_) => *collided.entry(block).or_insert(fresh),
            };
            if i == fresh {
                texts.push(block);
                text_hashes.push(text_hash);
            }
            i
        };
        let of_article = articles
            .iter()
            .zip(&hashes)
            .map(|(article, hashes)| {
                article
                    .blocks
                    .iter()
                    .zip(hashes)
                    .map(|(&text, &hash)| index_of((article.language, text), hash))
                    .collect()
            })
            .collect();
        DistinctBlocks {
            texts,
            text_hashes,
            of_article,
        }
    }

    /// The number of articles.
    pub fn articles(&self) -> usize {
        self.of_article.len()
    }

    /// Article `i`'s blocks' texts, in order (none past the last article).
    pub fn blocks_of(&self, i: usize) -> impl Iterator<Item = &'t str> + '_ {
        self.of_article
            .get(i)
            .into_iter()
            .flatten()
            .map(|&b| self.texts[b].1)
    }

    /// Article `i`'s blocks' text hashes, in order (none past the last
    /// article).
    pub fn text_hashes_of(&self, i: usize) -> impl Iterator<Item = u64> + '_ {
        self.of_article
            .get(i)
            .into_iter()
            .flatten()
            .map(|&b| self.text_hashes[b])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(d: &DistinctBlocks<'_>) -> (Vec<(String, String)>, Vec<Vec<usize>>) {
        let texts = d
            .texts
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect();
        (texts, d.of_article.clone())
    }

    // Repeats fold to their first appearance, per language; blocks that
    // share a hash but not their text stay apart.
    #[test]
    fn folds_repeats_and_keeps_colliding_blocks_apart() {
        let (a, b, c) = ("Alpha.", "Beta.", "Gamma.");
        let articles = [
            ArticleText {
                language: "en",
                blocks: &[a, b, a],
            },
            ArticleText {
                language: "de",
                blocks: &[a, c],
            },
            ArticleText {
                language: "en",
                blocks: &[c, b],
            },
        ];
        let expected = (
            vec![
                ("en".to_string(), a.to_string()),
                ("en".to_string(), b.to_string()),
                ("de".to_string(), a.to_string()),
                ("de".to_string(), c.to_string()),
                ("en".to_string(), c.to_string()),
            ],
            vec![vec![0, 1, 0], vec![2, 3], vec![4, 1]],
        );
        assert_eq!(folded(&DistinctBlocks::new(&articles)), expected);
        // Every block has the same hash: equal texts still fold, and
        // different ones do not.
        assert_eq!(
            folded(&DistinctBlocks::with_hash(&articles, |_| 7)),
            expected
        );
    }

    // An article's blocks and their hashes read back in order, repeats
    // included; the hash is of the text alone, whatever the language.
    #[test]
    fn reads_an_articles_blocks_back() {
        let articles = [
            ArticleText {
                language: "en",
                blocks: &["One.", "Two.", "One."],
            },
            ArticleText {
                language: "ru",
                blocks: &["Two."],
            },
        ];
        let d = DistinctBlocks::new(&articles);
        assert_eq!(d.articles(), 2);
        assert_eq!(d.blocks_of(0).collect::<Vec<_>>(), ["One.", "Two.", "One."]);
        assert_eq!(d.blocks_of(1).collect::<Vec<_>>(), ["Two."]);
        assert_eq!(d.blocks_of(2).count(), 0);
        let hash = |t: &str| xxh3_64(t.as_bytes());
        assert_eq!(
            d.text_hashes_of(0).collect::<Vec<_>>(),
            [hash("One."), hash("Two."), hash("One.")]
        );
        assert_eq!(d.text_hashes_of(1).collect::<Vec<_>>(), [hash("Two.")]);
    }
}

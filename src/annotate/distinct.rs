//! The dossier's blocks with repeats folded. What names and dates a block
//! holds depends only on its text and language, so each distinct block is
//! read once: a story republished many times, or a paragraph quoted in
//! several articles, costs one reading.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use rayon::prelude::*;

use super::ArticleText;
use crate::memo_file::KeyHasher;

/// Each distinct (language, text) once, and for each article's blocks the
/// index of their text.
#[derive(Debug)]
pub struct DistinctBlocks<'t> {
    /// Distinct blocks, by first appearance in dossier order.
    pub texts: Vec<(&'t str, &'t str)>,
    /// For each article, for each block, its index in `texts`.
    pub of_article: Vec<Vec<usize>>,
}

impl<'t> DistinctBlocks<'t> {
    /// The blocks of `articles`, folded.
    pub fn new(articles: &[ArticleText<'t>]) -> DistinctBlocks<'t> {
        DistinctBlocks::with_hash(articles, |language, text| {
            let mut h = std::hash::DefaultHasher::new();
            (language, text).hash(&mut h);
            h.finish()
        })
    }

    /// [`DistinctBlocks::new`] with the hash of a block given.
    fn with_hash(
        articles: &[ArticleText<'t>],
        hash: impl Fn(&str, &str) -> u64 + Sync,
    ) -> DistinctBlocks<'t> {
        // Hashing every text is most of the work, and is done on every
        // core; folding by hash is serial, in dossier order, so the result
        // does not depend on threads.
        let hashes: Vec<Vec<u64>> = articles
            .par_iter()
            .map(|article| {
                article
                    .blocks
                    .iter()
                    .map(|text| hash(article.language, text))
                    .collect()
            })
            .collect();
        // The hashes are hashes already: the map only mixes them.
        let mut by_hash: HashMap<u64, usize, BuildHasherDefault<KeyHasher>> = HashMap::default();
        // Blocks whose hash an earlier, different block has (rare).
        let mut collided: HashMap<(&'t str, &'t str), usize> = HashMap::new();
        let mut texts = Vec::new();
        let mut index_of = |block: (&'t str, &'t str), hash: u64| {
            let fresh = texts.len();
            let i = match by_hash.get(&hash) {
                None => *by_hash.entry(hash).or_insert(fresh),
                Some(&i) if texts[i] == block => i,
                Some(_) => *collided.entry(block).or_insert(fresh),
            };
            if i == fresh {
                texts.push(block);
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
        DistinctBlocks { texts, of_article }
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
            folded(&DistinctBlocks::with_hash(&articles, |_, _| 7)),
            expected
        );
    }
}

//! The article render memo: [`render_annotated`] is a function of the
//! article, its glossary hits and the glossary terms they name (and of the
//! dossier binary), so its result is kept in a pack in `.dossier-cache/`
//! under a hash of exactly those ([`render_key`]) and not rendered again
//! while the hash is unchanged. Related links, mentions and event dates
//! read the whole dossier; they are no part of a render and are linked
//! afresh on every build by [`super::Dossier::annotated`].
//!
//! Like the other packs it only saves time: a missing, corrupt or
//! older-format entry is rendered again, and a failed write is ignored.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::{RenderedArticle, record, render_annotated};
use crate::annotate::glossary::{Glossary, GlossaryHit};
use crate::cache::{BackgroundJob, PackCache, PackKey, in_background};
use crate::extract::Article;
use crate::memo::{Fingerprint, MemoKey};

/// The pack of rendered articles, in the cache folder.
pub const RENDER_PACK: &str = "rendered-articles.pack";

/// Bumped whenever the key's inputs or the record format change.
const FORMAT: &[u8] = b"dossier-rendered-article-1";

/// What [`render_annotated`] reads of one glossary hit: the block and the
/// end of the first mention (where the note's reference goes), the form
/// written there, and the term's id, name and note (`None` when the index
/// names no term). Not the article's index, which shifts whenever an
/// article is added earlier in the reading order, nor the hit's other
/// mentions, which only the glossary page shows.
#[derive(Serialize)]
struct HitInput<'a> {
    block: usize,
    end: usize,
    form: &'a str,
    term: Option<(&'a str, &'a str, &'a str)>,
}

/// The hash of everything `render_annotated(article, hits, glossary)`
/// reads, or `None` when a value cannot be hashed (then the article is
/// always rendered). The binary's identity is added by the pack's key.
///
/// An article from the article cache stands for itself by its entry's
/// stamp and its slug, the one field set after it is loaded: hashing every
/// article whole was 3.5% of a rebuild's CPU.
pub fn render_key(article: &Article, hits: &[GlossaryHit], glossary: &Glossary) -> Option<MemoKey> {
    let hits: Vec<HitInput<'_>> = hits
        .iter()
        .map(|hit| HitInput {
            block: hit.place.block,
            end: hit.end,
            form: &hit.form,
            term: glossary
                .terms
                .get(hit.term)
                .map(|t| (t.id.as_str(), t.term.as_str(), t.note.as_str())),
        })
        .collect();
    let mut f = Fingerprint::new();
    f.part(FORMAT);
    let article_hashed = match article.stamp.key() {
        Some(stamp) => {
            f.part(b"entry").part(&stamp).part(article.slug.as_bytes());
            true
        }
        None => f.value(article),
    };
    (article_hashed && f.value(&hits)).then(|| f.key())
}

/// The memo of one build: the stored renders, and which of them this
/// build reused and which articles it rendered anew.
#[derive(Debug)]
pub struct RenderMemo {
    pack: PackCache,
    /// Keys of the stored renders this build took.
    kept: Mutex<Vec<PackKey>>,
    /// Place in the reading order, key and record of each article
    /// rendered anew (encoded as it is rendered, on every core).
    rendered: Mutex<Vec<(usize, PackKey, Vec<u8>)>>,
    reused: AtomicUsize,
}

impl RenderMemo {
    /// The memo in the cache folder `dir`, or `None` when the running
    /// program cannot be identified (then a stale render could not be told
    /// from a fresh one).
    pub fn open(dir: &Path) -> Option<RenderMemo> {
        Some(RenderMemo {
            pack: PackCache::open(dir, RENDER_PACK)?,
            kept: Mutex::new(Vec::new()),
            rendered: Mutex::new(Vec::new()),
            reused: AtomicUsize::new(0),
        })
    }

    /// `render_annotated(article, hits, glossary)`, taken from the memo
    /// when it holds that render, else rendered; `index` is the article's
    /// place in the reading order.
    pub fn render(
        &self,
        index: usize,
        article: &Article,
        hits: &[GlossaryHit],
        glossary: &Glossary,
    ) -> RenderedArticle {
        let Some(key) = render_key(article, hits, glossary).map(|k| self.pack.key(&[&k])) else {
            return render_annotated(article, hits, glossary);
        };
        // The pack's key: the render's inputs and the dossier binary.
        let stamp = crate::memo::RenderStamp::new(key);
        if let Some(mut page) = self
            .pack
            .get_shared(&key)
            .and_then(|blob| record::decode(&blob))
        {
            lock(&self.kept).push(key);
            self.reused.fetch_add(1, Ordering::Relaxed);
            page.render_stamp = stamp;
            return page;
        }
        let mut page = render_annotated(article, hits, glossary);
        let mut record = Vec::new();
        if record::encode_into(&page, &mut record) {
            lock(&self.rendered).push((index, key, record));
        }
        page.render_stamp = stamp;
        page
    }

    /// How many articles came from the memo.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Writes the pack: the renders this build took stay, the ones it made
    /// join (as rendered: the links [`super::Dossier::annotated`] adds
    /// later are no part of them), and the others are dropped when the pack
    /// is next rewritten (see [`PackCache::save_made`]). Returns how many
    /// stored renders were dropped.
    pub fn save(self) -> usize {
        let kept = std::mem::take(&mut *lock(&self.kept));
        let mut rendered = std::mem::take(&mut *lock(&self.rendered));
        // In reading order, so the same build writes the same file.
        rendered.sort_unstable_by_key(|(index, key, _)| (*index, *key));
        rendered.dedup_by_key(|(_, key, _)| *key);
        let keys: Vec<PackKey> = rendered.iter().map(|(_, key, _)| *key).collect();
        self.pack.save_made(&kept, &keys, |i, out| {
            out.extend_from_slice(&rendered[i].2);
            true
        })
    }

    /// [`RenderMemo::save`] on a thread of its own (see [`in_background`]).
    pub fn save_in_background(self) -> BackgroundJob {
        in_background(move || {
            self.save();
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::rich_article;
    use crate::memo::EntryStamp;
    use crate::normalize::BlockKind;

    /// A change to one input of a render.
    type Edit<'a, T> = dyn Fn(&mut T) + 'a;

    // The key follows every input of the render: each field of the
    // article, each part of a hit the render reads, and the glossary entry
    // a hit names; and not the parts it does not read.
    #[test]
    fn key_follows_every_input() {
        let (article, glossary, hits) = rich_article();
        let base = render_key(&article, &hits, &glossary).unwrap();
        assert_eq!(render_key(&article, &hits, &glossary), Some(base));

        let changed_article = |edit: &Edit<'_, Article>| {
            let mut a = article.clone();
            edit(&mut a);
            render_key(&a, &hits, &glossary).unwrap()
        };
        let article_edits: [&Edit<'_, Article>; 9] = [
            &|a| a.slug.push('2'),
            &|a| a.path.push("x"),
            &|a| a.meta.title.push('!'),
            &|a| a.meta.date = "1999-01-01".into(),
            &|a| a.meta.origins[0].line += 1,
            &|a| a.body[1].text.push('.'),
            &|a| a.body[0].kind = BlockKind::Heading(3),
            &|a| a.footnotes[0].text.push('.'),
            &|a| a.provenance[0].rule = "other-rule",
        ];
        for (i, edit) in article_edits.iter().enumerate() {
            assert_ne!(changed_article(edit), base, "article edit {i}");
        }

        let changed_hits = |edit: &Edit<'_, Vec<GlossaryHit>>| {
            let mut h = hits.clone();
            edit(&mut h);
            render_key(&article, &h, &glossary).unwrap()
        };
        let hit_edits: [&Edit<'_, Vec<GlossaryHit>>; 5] = [
            &|h| h[0].place.block += 1,
            &|h| h[0].end += 1,
            &|h| h[0].form.push('s'),
            &|h| h[0].term += 1,
            &|h| h.clear(),
        ];
        for (i, edit) in hit_edits.iter().enumerate() {
            assert_ne!(changed_hits(edit), base, "hit edit {i}");
        }
        // The article's place in the reading order and the term's later
        // mentions are not read by the render.
        assert_eq!(changed_hits(&|h| h[0].place.article += 7), base);
        assert_eq!(changed_hits(&|h| h[0].blocks.push(9)), base);

        let changed_glossary = |edit: &Edit<'_, Glossary>| {
            let mut g = glossary.clone();
            edit(&mut g);
            render_key(&article, &hits, &g).unwrap()
        };
        let term = hits[0].term;
        let glossary_edits: [&Edit<'_, Glossary>; 3] = [
            &|g| g.terms[term].note.push_str(" More."),
            &|g| g.terms[term].term.push('s'),
            &|g| g.terms[term].id.push('2'),
        ];
        for (i, edit) in glossary_edits.iter().enumerate() {
            assert_ne!(changed_glossary(edit), base, "glossary edit {i}");
        }
    }

    // An article from the cache is keyed by its entry's stamp and its slug
    // (set after loading), and by its hits as ever; not by hashing it.
    #[test]
    fn stamped_article_is_keyed_by_stamp_and_slug() {
        let (mut article, glossary, hits) = rich_article();
        let unstamped = render_key(&article, &hits, &glossary).unwrap();
        article.stamp = EntryStamp::new("entry-a");
        let base = render_key(&article, &hits, &glossary).unwrap();
        assert_ne!(base, unstamped);
        let key = |a: &Article, h: &[GlossaryHit]| render_key(a, h, &glossary).unwrap();

        let mut renamed = article.clone();
        renamed.slug.push_str("-2");
        assert_ne!(key(&renamed, &hits), base);
        let mut other = article.clone();
        other.stamp = EntryStamp::new("entry-b");
        assert_ne!(key(&other, &hits), base);
        let mut fewer = hits.clone();
        fewer.pop();
        assert_ne!(key(&article, &fewer), base);
        // The entry stands for the rest of the article.
        let mut same_entry = article.clone();
        same_entry.meta.title.push('!');
        assert_eq!(key(&same_entry, &hits), base);
    }

    // A render comes back from the memo of the next build, equal to a
    // fresh one; a key no longer used is pruned when the pack is rewritten;
    // a corrupt entry is rendered again.
    #[test]
    fn reuses_and_prunes_renders() {
        let dir = tempfile::tempdir().unwrap();
        let (article, glossary, hits) = rich_article();
        let mut other = article.clone();
        other.slug = "other".into();
        let fresh = [
            render_annotated(&article, &hits, &glossary),
            render_annotated(&other, &hits, &glossary),
        ];
        // One build of `articles`: its renders, and how many were reused.
        let build = |articles: &[&Article]| {
            let memo = RenderMemo::open(dir.path()).unwrap();
            let pages: Vec<RenderedArticle> = articles
                .iter()
                .enumerate()
                .map(|(i, a)| memo.render(i, a, &hits, &glossary))
                .collect();
            let reused = memo.reused();
            (pages, reused, memo.save())
        };

        assert_eq!(build(&[&article]), (fresh[..1].to_vec(), 0, 0));
        assert_eq!(build(&[&article, &other]), (fresh.to_vec(), 1, 0));
        // Only `other` is used: the first render is dropped.
        assert_eq!(build(&[&other]), (fresh[1..].to_vec(), 1, 1));
        let pack = PackCache::open(dir.path(), RENDER_PACK).unwrap();
        assert_eq!(pack.len(), 1);

        // Spoil the stored render: it is rendered again and replaced.
        let key = *pack.keys().next().unwrap();
        pack.save(&[(key, b"not a record")]);
        assert_eq!(build(&[&other]), (fresh[1..].to_vec(), 0, 0));
        assert_eq!(build(&[&other]), (fresh[1..].to_vec(), 1, 0));
    }
}

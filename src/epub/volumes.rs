//! Splitting a large dossier into several EPUBs ("volumes"), by article
//! count or by size, as `[epub] volume-articles` and `volume-megabytes`
//! ask. E-readers page through a book of thousands of chapters slowly; a
//! volume of a few hundred reads like any book.
//!
//! Volumes follow the dossier's reading order. Each is a dossier of its own:
//! its articles, and the annotations that point into them, re-indexed. A
//! related article in another volume is named with its volume instead of
//! linked, since a book cannot link into another.

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Settings, VolumeLimits};
use crate::markdown::{Dossier, RenderedArticle};

use super::EPUB_DIR;

/// About how many bytes an article adds to a volume: its chapter's text.
fn article_bytes(a: &RenderedArticle) -> usize {
    a.body_epub.len() + a.footnotes.iter().map(|n| n.html.len()).sum::<usize>()
}

/// The articles of each volume: consecutive, in reading order. One range
/// (maybe empty) when no limit is set or everything fits; an article larger
/// than the size limit gets a volume of its own.
pub fn volume_ranges(articles: &[RenderedArticle], limits: &VolumeLimits) -> Vec<Range<usize>> {
    // Sizing an article derives its EPUB body, so it is done only when a
    // size limit asks, and on every core.
    let sizes: Vec<usize> = match limits.bytes {
        Some(_) => articles.par_iter().map(article_bytes).collect(),
        None => Vec::new(),
    };
    let mut ranges = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for i in 0..articles.len() {
        let size = sizes.get(i).copied().unwrap_or(0);
        let full_by_count = limits.articles.is_some_and(|max| i - start >= max);
        let full_by_size = limits
            .bytes
            .is_some_and(|max| i > start && bytes + size > max);
        if full_by_count || full_by_size {
            ranges.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    ranges.push(start..articles.len());
    ranges
}

/// One volume as the site links to it (`site.epub_volumes[]`).
#[derive(Debug, Clone, Serialize)]
pub struct VolumeLink {
    /// Relative to the site's root.
    pub href: String,
    /// 1-based.
    pub number: usize,
    /// Its number of articles.
    pub articles: usize,
}

/// Where each volume's EPUB goes, relative to the output folder:
/// `epub/<slug>.epub` for a single volume, `epub/<slug>-<n>.epub` for each
/// of several.
pub fn epub_paths(s: &Settings, count: usize) -> Vec<PathBuf> {
    if count <= 1 {
        return vec![PathBuf::from(EPUB_DIR).join(format!("{}.epub", s.slug))];
    }
    (1..=count)
        .map(|n| PathBuf::from(EPUB_DIR).join(format!("{}-{n}.epub", s.slug)))
        .collect()
}

/// The site's links to the volumes of `articles`.
pub fn volume_links(s: &Settings, articles: &[RenderedArticle]) -> Vec<VolumeLink> {
    let ranges = volume_ranges(articles, &s.volumes);
    epub_paths(s, ranges.len())
        .into_iter()
        .zip(ranges)
        .enumerate()
        .map(|(i, (path, range))| VolumeLink {
            href: format!("../{}", path.display()).replace('\\', "/"),
            number: i + 1,
            articles: range.len(),
        })
        .collect()
}

/// The settings a volume is built with: its own title and file name.
pub fn volume_settings(s: &Settings, number: usize, count: usize) -> Settings {
    let mut v = s.clone();
    if count > 1 {
        v.title = format!("{}, volume {number} of {count}", s.title);
        v.slug = format!("{}-{number}", s.slug);
    }
    v
}

/// Volume `v` of `d` split by `ranges` (which [`volume_ranges`] made:
/// consecutive, covering every article): `d` itself when there is one
/// volume, else a copy of the volume's articles that keeps the annotations
/// pointing into them, re-indexed. Volumes are made one at a time, as they
/// are built, so only one copy is in memory at once while the site is
/// rendered from `d`.
pub fn volume<'d>(d: &'d Dossier, ranges: &[Range<usize>], v: usize) -> Cow<'d, Dossier> {
    if ranges.len() <= 1 {
        return Cow::Borrowed(d);
    }
    let range = ranges[v].clone();
    let volume_of = |article: usize| ranges.iter().position(|r| r.contains(&article));
    let slug_volume: std::collections::HashMap<&str, usize> = d
        .articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((a.slug.as_str(), volume_of(i)? + 1)))
        .collect();
    let mut articles: Vec<RenderedArticle> = d.articles[range.clone()].to_vec();
    for a in &mut articles {
        for r in &mut a.related {
            let elsewhere = slug_volume.get(r.slug.as_str()).copied();
            r.volume = elsewhere.filter(|&n| n != v + 1);
        }
    }
    let slugs: std::collections::HashSet<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
    let shift = |place: &crate::annotate::Place| {
        range
            .contains(&place.article)
            .then(|| crate::annotate::Place {
                article: place.article - range.start,
                block: place.block,
            })
    };
    let glossary = d
        .glossary
        .iter()
        .filter_map(|term| {
            let mut term = term.clone();
            term.uses.retain(|u| slugs.contains(u.slug.as_str()));
            // Chapter numbers count from the volume's first article.
            for u in &mut term.uses {
                u.number = u.number.saturating_sub(range.start);
            }
            (!term.uses.is_empty()).then_some(term)
        })
        .collect();
    let entities = d
        .entities
        .iter()
        .filter_map(|e| {
            let places: Vec<_> = e.places.iter().filter_map(shift).collect();
            (!places.is_empty()).then(|| crate::annotate::entities::Entity {
                places,
                ..e.clone()
            })
        })
        .collect();
    let timeline = d
        .timeline
        .iter()
        .filter_map(|entry| {
            let events: Vec<_> = entry
                .events
                .iter()
                .filter_map(|ev| {
                    shift(&ev.place).map(|place| crate::annotate::timeline::Event {
                        place,
                        ..ev.clone()
                    })
                })
                .collect();
            (!events.is_empty()).then_some(crate::annotate::timeline::TimelineEntry {
                when: entry.when,
                events,
            })
        })
        .collect();
    Cow::Owned(Dossier {
        articles,
        glossary,
        entities,
        timeline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata;

    fn limits(articles: Option<usize>, bytes: Option<usize>) -> VolumeLimits {
        VolumeLimits { articles, bytes }
    }

    #[test]
    fn ranges_by_count_and_size() {
        let d = testdata::dossier();
        let n = d.articles.len();
        assert!(n >= 3, "{n}");
        assert_eq!(volume_ranges(&d.articles, &limits(None, None)), vec![0..n]);
        let by_two = volume_ranges(&d.articles, &limits(Some(2), None));
        assert_eq!(by_two[0], 0..2);
        assert_eq!(by_two.len(), n.div_ceil(2));
        assert_eq!(by_two.last().unwrap().end, n);
        // A limit below every article: one article per volume.
        let tiny = volume_ranges(&d.articles, &limits(None, Some(1)));
        assert_eq!(tiny.len(), n);
        assert!(tiny.iter().all(|r| r.len() == 1));
        assert_eq!(volume_ranges(&[], &limits(Some(2), Some(1))), vec![0..0]);
    }

    // Each volume keeps its articles and only the annotations that point
    // into them, re-indexed; a related article elsewhere names its volume.
    #[test]
    fn split_reindexes_annotations() {
        let d = testdata::dossier();
        let n = d.articles.len();
        let ranges = volume_ranges(&d.articles, &limits(Some(2), None));
        let places_before: usize = d.entities.iter().map(|e| e.places.len()).sum();
        let events_before: usize = d.timeline.iter().map(|t| t.events.len()).sum();
        let slugs: Vec<String> = d.articles.iter().map(|a| a.slug.clone()).collect();
        assert!(ranges.len() > 1);
        assert!(matches!(volume(&d, &ranges[..1], 0), Cow::Borrowed(_)));
        let mut seen = Vec::new();
        let (mut places, mut events) = (0, 0);
        for v in 0..ranges.len() {
            let vol = volume(&d, &ranges, v);
            seen.extend(vol.articles.iter().map(|a| a.slug.clone()));
            for e in &vol.entities {
                assert!(e.places.iter().all(|p| p.article < vol.articles.len()));
                places += e.places.len();
            }
            for t in &vol.timeline {
                assert!(
                    t.events
                        .iter()
                        .all(|e| e.place.article < vol.articles.len())
                );
                events += t.events.len();
            }
            for a in &vol.articles {
                for r in &a.related {
                    let here = vol.articles.iter().any(|b| b.slug == r.slug);
                    assert_eq!(r.volume.is_none(), here, "volume {v}: {r:?}");
                }
            }
        }
        assert_eq!(seen, slugs);
        assert_eq!(seen.len(), n);
        assert_eq!(places, places_before);
        assert_eq!(events, events_before);
    }

    #[test]
    fn volume_files_and_titles() {
        let s = testdata::settings();
        assert_eq!(
            epub_paths(&s, 1),
            vec![PathBuf::from(format!("epub/{}.epub", s.slug))]
        );
        assert_eq!(
            epub_paths(&s, 2)[1],
            PathBuf::from(format!("epub/{}-2.epub", s.slug))
        );
        let v = volume_settings(&s, 2, 3);
        assert_eq!(v.title, format!("{}, volume 2 of 3", s.title));
        assert_eq!(volume_settings(&s, 1, 1).title, s.title);
    }
}

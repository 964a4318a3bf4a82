//! Pages of a list that would otherwise grow with the dossier (the articles
//! that mention a name, a year's events): at most [`PER_PAGE`] items a page,
//! the first page under the list's own name and page `n` under
//! `<name>.<n>` (`names/japan.html`, `names/japan.2.html`, …). The dot
//! cannot occur in a name id, a glossary page name or a year, so a page
//! never takes another list's file name.

use serde::Serialize;

/// At most this many items (articles, events) on one page.
pub(crate) const PER_PAGE: usize = 200;

/// The file name (without extension) of page `number` (1-based) of the
/// list whose first page is `base`.
pub(crate) fn page_name(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}.{number}")
    }
}

/// The page number (1-based) that holds item `index` (0-based).
pub(crate) fn page_of(index: usize) -> usize {
    index / PER_PAGE + 1
}

/// How many pages `len` items take (at least one, so an empty list still
/// has its page).
pub(crate) fn page_count(len: usize) -> usize {
    len.div_ceil(PER_PAGE).max(1)
}

/// Where a page sits among its list's pages (`pager` in templates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Pager {
    /// This page's number, from 1.
    pub(crate) number: usize,
    /// How many pages the list has.
    pub(crate) pages: usize,
    /// The previous and next pages' file names, without extension (they
    /// are in the same folder); none on the first or last page.
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

impl Pager {
    /// Page `number` of `pages` of the list `base`.
    pub(crate) fn new(base: &str, number: usize, pages: usize) -> Self {
        Pager {
            number,
            pages,
            prev: (number > 1).then(|| page_name(base, number - 1)),
            next: (number < pages).then(|| page_name(base, number + 1)),
        }
    }
}

/// The `number`th (1-based) run of [`PER_PAGE`] items of `items`; empty
/// past the end.
pub(crate) fn chunk<T>(items: &[T], number: usize) -> &[T] {
    let start = (number.saturating_sub(1) * PER_PAGE).min(items.len());
    let end = (start + PER_PAGE).min(items.len());
    &items[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    // The first page keeps the list's name; the others get a number.
    #[test]
    fn names_pages() {
        assert_eq!(page_name("japan", 1), "japan");
        assert_eq!(page_name("japan", 3), "japan.3");
        let p = Pager::new("2018", 2, 3);
        assert_eq!(p.prev.as_deref(), Some("2018"));
        assert_eq!(p.next.as_deref(), Some("2018.3"));
        assert_eq!(Pager::new("x", 1, 1).prev, None);
        assert_eq!(Pager::new("x", 1, 1).next, None);
    }

    // Every item is on exactly one page, none holds more than PER_PAGE.
    #[test]
    fn chunks_cover_every_item_once() {
        for len in [0, 1, PER_PAGE, PER_PAGE + 1, 3 * PER_PAGE - 1] {
            let items: Vec<usize> = (0..len).collect();
            let pages = page_count(len);
            let mut seen = Vec::new();
            for n in 1..=pages {
                let c = chunk(&items, n);
                assert!(c.len() <= PER_PAGE);
                assert!(len == 0 || !c.is_empty(), "page {n} of {len} is empty");
                seen.extend_from_slice(c);
            }
            assert_eq!(seen, items);
            for (i, _) in items.iter().enumerate() {
                assert!(chunk(&items, page_of(i)).contains(&i));
            }
        }
    }
}

//! The render memo: a page or chapter is a function of the dossier binary,
//! the template set, the settings and its tera context, so it is keyed by a
//! hash of exactly those and not rendered again while the key is unchanged.
//!
//! The context is hashed by serialising the same view structs the template
//! will see ([`PageContext`]) into a hasher ([`Fingerprint`]), not
//! by listing a page's inputs by hand, so the key stays right whatever a
//! template or a view comes to hold. Where the reused bytes come from is
//! the caller's: the site links the previous output's file, recorded in
//! a [`PageManifest`]; the EPUB keeps compressed chapters in its pack under
//! the key.

mod context;
mod fingerprint;
mod hashing;
mod manifest;

use std::path::Path;

pub use context::PageContext;
pub use fingerprint::{
    EntryStamp, Fingerprint, Hashed, MemoKey, RenderStamp, is_fingerprinting, key_of,
};
pub use manifest::{MANIFEST, PageManifest};

use crate::config::Settings;
use crate::error::Result;
use crate::templates::Templates;

/// Makes render keys: the template set and settings hashed once, then a
/// page's template name and context.
#[derive(Debug, Clone)]
pub struct RenderKeys {
    seed: Fingerprint,
}

impl RenderKeys {
    /// Keys for pages rendered with `templates` under `settings`. (The
    /// binary's identity is the caller's to add: the manifest and the
    /// EPUB pack hold it.)
    pub fn new(templates: &Templates, settings: &Settings) -> Self {
        let mut seed = Fingerprint::new();
        seed.part(b"dossier-render-memo-1")
            .part(&templates.fingerprint())
            // Everything the settings say, whether or not a page shows it
            // today: a page writer may read a setting outside the context.
            .part(format!("{settings:?}").as_bytes());
        RenderKeys { seed }
    }

    /// The key of `template` rendered with `ctx`, or `None` when the
    /// context cannot be serialised (then the page is always rendered).
    pub fn key(&self, template: &str, ctx: &PageContext<'_>) -> Option<MemoKey> {
        let mut f = self.seed.clone();
        f.part(template.as_bytes());
        ctx.fingerprint(&mut f).then(|| f.key())
    }
}

/// The site's page memo: render keys and the manifest of the output
/// folder being replaced.
#[derive(Debug)]
pub struct PageMemo {
    /// How pages are keyed.
    pub keys: RenderKeys,
    /// The previous output's pages and this build's.
    pub manifest: PageManifest,
}

/// A page from [`render_page`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// Rendered now.
    Rendered(String),
    /// The same as the previous output's file at its path: link that.
    Unchanged,
}

/// Renders `template` with `ctx` as the page at `path` (relative to the
/// output folder), or, when `memo` shows the previous output holds that
/// page rendered under the same key, says so without rendering.
pub fn render_page(
    memo: Option<&PageMemo>,
    t: &Templates,
    template: &str,
    path: &Path,
    ctx: &PageContext<'_>,
) -> Result<Page> {
    memoised(memo, template, path, ctx, || {
        t.render(template, &ctx.to_context())
    })
}

/// The file at `path` as `make` makes it from `ctx` (`what` names the
/// maker, as a template name does), or, when `memo` shows the previous
/// output holds that file made under the same key, [`Page::Unchanged`]
/// without making it: for generated files that are no template's.
pub fn memoised(
    memo: Option<&PageMemo>,
    what: &str,
    path: &Path,
    ctx: &PageContext<'_>,
    make: impl FnOnce() -> Result<String>,
) -> Result<Page> {
    let key = memo.and_then(|m| Some((m, m.keys.key(what, ctx)?)));
    if let Some((memo, key)) = &key
        && memo.manifest.holds(path, key)
    {
        let len = memo.manifest.recorded_len(path).unwrap_or_default();
        memo.manifest.record(path, *key, len);
        return Ok(Page::Unchanged);
    }
    let text = make()?;
    if let Some((memo, key)) = key {
        memo.manifest.record(path, key, text.len() as u64);
    }
    Ok(Page::Rendered(text))
}

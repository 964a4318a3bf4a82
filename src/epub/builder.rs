//! What the book hands epub-builder, recorded rather than handed at once.
//!
//! epub-builder's archive (its package files, and the pages empty: see
//! [`super::package::Held`]) is a function of these calls alone, so it is
//! keyed by them and taken from the cache when it holds them: a rebuild
//! whose chapters, titles and headings did not change does not generate
//! the package again (for a large book, a content.opf, an NCX and a nav of
//! megabytes, each compressed). The identifier is the one thing the
//! package shows that changes with any text, so epub-builder is given a
//! placeholder and [`super::package::repack`] puts the identifier in.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ZipLibrary};
use xxhash_rust::xxh3::Xxh3;

use crate::cache::{PackCache, PackKey};

/// The identifier epub-builder writes, replaced by the book's.
pub(super) const PLACEHOLDER_UUID: uuid::Uuid = uuid::Uuid::nil();

type BuilderResult<T> = std::result::Result<T, epub_builder::Error>;

/// The calls, in order. (Methods named and typed like epub-builder's.)
#[derive(Debug, Default)]
pub(super) struct Recorder {
    calls: Vec<Call>,
}

/// One call to epub-builder.
#[derive(Debug)]
enum Call {
    Title(String),
    Language(String),
    Generator(String),
    TocName(String),
    Modified(DateTime<Utc>),
    Published(DateTime<Utc>),
    Description(String),
    Subject(String),
    Metadata(MetadataOpfV3),
    Stylesheet(Vec<u8>),
    Cover(String, Vec<u8>, String),
    Content(EpubContent<&'static [u8]>),
}

impl Recorder {
    pub fn set_title(&mut self, value: impl Into<String>) {
        self.calls.push(Call::Title(value.into()));
    }

    pub fn add_language(&mut self, value: impl Into<String>) {
        self.calls.push(Call::Language(value.into()));
    }

    pub fn set_generator(&mut self, value: impl Into<String>) {
        self.calls.push(Call::Generator(value.into()));
    }

    pub fn set_toc_name(&mut self, value: impl Into<String>) {
        self.calls.push(Call::TocName(value.into()));
    }

    pub fn set_modified_date(&mut self, date: DateTime<Utc>) {
        self.calls.push(Call::Modified(date));
    }

    pub fn set_publication_date(&mut self, date: DateTime<Utc>) {
        self.calls.push(Call::Published(date));
    }

    pub fn add_description(&mut self, value: impl Into<String>) {
        self.calls.push(Call::Description(value.into()));
    }

    pub fn add_subject(&mut self, value: impl Into<String>) {
        self.calls.push(Call::Subject(value.into()));
    }

    pub fn add_metadata_opf(&mut self, item: MetadataOpfV3) {
        self.calls.push(Call::Metadata(item));
    }

    pub fn stylesheet(&mut self, content: &[u8]) -> BuilderResult<&mut Self> {
        self.calls.push(Call::Stylesheet(content.to_vec()));
        Ok(self)
    }

    pub fn add_cover_image(
        &mut self,
        path: &str,
        content: &[u8],
        mime_type: &str,
    ) -> BuilderResult<&mut Self> {
        self.calls.push(Call::Cover(
            path.to_string(),
            content.to_vec(),
            mime_type.to_string(),
        ));
        Ok(self)
    }

    pub fn add_content(&mut self, content: EpubContent<&'static [u8]>) -> BuilderResult<&mut Self> {
        self.calls.push(Call::Content(content));
        Ok(self)
    }

    /// epub-builder's archive for these calls, and the key it is cached
    /// under (with a cache): from `cache` when it holds it, else generated.
    pub fn package(
        self,
        cache: Option<&PackCache>,
    ) -> BuilderResult<(Cow<'_, [u8]>, Option<PackKey>)> {
        let Some(cache) = cache else {
            return Ok((Cow::Owned(self.generate()?), None));
        };
        let key = self.key(cache);
        if let Some(raw) = cache.get(&key) {
            return Ok((Cow::Borrowed(raw), Some(key)));
        }
        Ok((Cow::Owned(self.generate()?), Some(key)))
    }

    /// The key of the archive: every call, as its `Debug` form shows it
    /// (every value handed over, in order), hashed as it is written.
    fn key(&self, cache: &PackCache) -> PackKey {
        let mut hash = HashWriter(Xxh3::new());
        // Writing into a hasher cannot fail.
        let _ = write!(hash, "{:?}", self.calls);
        cache.key(&[
            b"epub-builder-package-1",
            PLACEHOLDER_UUID.as_bytes(),
            &hash.0.digest128().to_le_bytes(),
        ])
    }

    /// Hands the calls to epub-builder and returns its archive.
    fn generate(self) -> BuilderResult<Vec<u8>> {
        let mut b = EpubBuilder::new(ZipLibrary::new()?)?;
        b.epub_version(EpubVersion::V30);
        b.set_uuid(PLACEHOLDER_UUID);
        for call in self.calls {
            match call {
                Call::Title(v) => b.set_title(v),
                Call::Language(v) => b.add_language(v),
                Call::Generator(v) => b.set_generator(v),
                Call::TocName(v) => b.set_toc_name(v),
                Call::Modified(d) => b.set_modified_date(d),
                Call::Published(d) => b.set_publication_date(d),
                Call::Description(v) => b.add_description(v),
                Call::Subject(v) => b.add_subject(v),
                Call::Metadata(m) => {
                    b.add_metadata_opf(Box::new(m));
                }
                Call::Stylesheet(bytes) => {
                    b.stylesheet(bytes.as_slice())?;
                }
                Call::Cover(path, bytes, mime) => {
                    b.add_cover_image(path, bytes.as_slice(), mime)?;
                }
                Call::Content(content) => {
                    b.add_content(content)?;
                }
            }
        }
        let mut raw = Vec::new();
        b.generate(&mut raw)?;
        Ok(raw)
    }
}

/// A hasher written to like a string.
struct HashWriter(Xxh3);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

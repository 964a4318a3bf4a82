//! The package files: metadata epub-builder cannot express, and the repack
//! that makes its archive deterministic, completes its files and writes the
//! final archive.
//!
//! Each file is compressed once: epub-builder gets the pages empty (see
//! [`Held`]), and the final archive is assembled from files compressed one
//! by one on every core, each taken from the cache when its bytes are
//! unchanged since the last build.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use chrono::{DateTime, Datelike, Timelike, Utc};
use epub_builder::MetadataOpfV3;
use rayon::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::cache::{PackCache, PackKey};
use crate::config::Settings;
use crate::markdown::{Dossier, escape_text};

use super::TOC_NAME;
use super::builder::PLACEHOLDER_UUID;

/// The pages of the book, kept back from epub-builder: it is handed each
/// page empty, so it writes the manifest, spine and tables of contents but
/// compresses nothing; [`repack`] puts the pages in.
#[derive(Debug, Default)]
pub(super) struct Held(BTreeMap<String, HeldFile>);

/// A file of the archive before compression.
#[derive(Debug)]
pub(super) enum HeldFile {
    /// Its bytes, and the key its compressed form is cached under when not
    /// the default one (its name and bytes).
    Bytes(Vec<u8>, Option<PackKey>),
    /// Not rendered: its compressed form is in the cache under this key.
    Packed(PackKey),
    /// Already compressed (a one-entry archive, as [`pack_entry`] makes),
    /// and the key it is cached under.
    Compressed(Vec<u8>, Option<PackKey>),
}

impl Held {
    /// Keeps `file` as the page `href` (relative to `OEBPS/`).
    pub fn hold_file(&mut self, href: &str, file: HeldFile) {
        self.0.insert(format!("OEBPS/{href}"), file);
    }
}

/// One file of the package compressed on its own: a one-entry zip archive,
/// from which the final archive copies the compressed bytes as they are.
/// Deflate level 2: on a 5,000-article book's chapters, 2.1 times as fast as
/// the default (6) for 5.6% more bytes (level 1 is faster still, but 39%
/// bigger).
const DEFLATE_LEVEL: i64 = 2;

pub(super) fn pack_entry(name: &str, bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("{name}: {e}");
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() / 3 + 128)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    zip.start_file(name, options).map_err(|e| fail(&e))?;
    zip.write_all(bytes).map_err(|e| fail(&e))?;
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// Accessibility metadata (schema.org, as EPUB Accessibility 1.1 asks), as
/// true of every book dossier builds: text with one image, the cover, whose
/// alt text says everything the cover shows; a table of contents, headings
/// in order and linked notes; no fixed fonts or colours; nothing that
/// flashes, moves or sounds.
pub(super) fn accessibility_metadata() -> Vec<MetadataOpfV3> {
    [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
        (
            "schema:accessibilitySummary",
            "Text publication: every article is navigable from the table of contents by title and section heading, notes are linked both ways, and the only image, the cover, has a text alternative. Font, size and colours follow the reader's settings.",
        ),
    ]
    .into_iter()
    // MetadataOpfV3 writes its content unescaped; these constants need none.
    .map(|(property, content)| MetadataOpfV3::new(property.to_string(), content.to_string()))
    .collect()
}

/// Metadata epub-builder 0.8.3 cannot write: creators with a role and our
/// own ids (its template gives `dc:creator` the id of `dc:language`, which
/// EPUBCheck rejects as RSC-005, and its `MetadataRenderer` trait is private),
/// and the publisher. Editors are the book's creators; article authors are
/// contributors.
pub(super) fn package_metadata(d: &Dossier, s: &Settings) -> String {
    let mut xml = String::new();
    let mut add = |element: &str, id: String, name: &str, role: &str| {
        xml.push_str(&format!(
            "    <dc:{element} id=\"{id}\">{}</dc:{element}>\n    <meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">{role}</meta>\n",
            escape_text(name)
        ));
    };
    let editors: Vec<&str> = s
        .editors
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    for (i, editor) in editors.iter().enumerate() {
        add("creator", format!("editor-{}", i + 1), editor, "edt");
    }
    let mut seen = BTreeSet::new();
    let authors = d
        .articles
        .iter()
        .flat_map(|a| a.meta.authors.iter().map(|n| n.trim()))
        .filter(|n| !n.is_empty() && !editors.contains(n) && seen.insert(*n));
    for (i, author) in authors.enumerate() {
        add("contributor", format!("author-{}", i + 1), author, "aut");
    }
    if let Some(publisher) = s
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        xml.push_str(&format!(
            "    <dc:publisher>{}</dc:publisher>\n",
            escape_text(publisher)
        ));
    }
    xml
}

/// What [`repack`] adds to epub-builder's package files.
pub(super) struct Package<'a> {
    /// `dc:` elements for content.opf (see [`package_metadata`]).
    pub metadata: String,
    /// The book's title, for the NCX.
    pub title: &'a str,
    /// The book's language, for the package element.
    pub language: &'a str,
    /// The identifier, for the NCX's `dtb:uid`.
    pub uuid: uuid::Uuid,
    /// Our navigation document, which replaces epub-builder's.
    pub nav_xhtml: String,
    /// How deep the NCX nests (its `dtb:depth`).
    pub ncx_depth: usize,
}

/// Rewrites epub-builder's archive so it depends on the input only:
/// `mimetype` first and stored, the container next, every other entry in
/// name order, all stamped with `modified` and mode 0644. (epub-builder 0.8.3
/// keeps its `Zip` trait private, so a deterministic `Zip` of our own cannot
/// be plugged in; and its zip backend takes the clock as soon as any crate
/// turns on zip's `time` feature.)
///
/// `raw` may come from the cache (see [`super::builder`]); `kept` are the
/// blobs of the cache the build used besides the archive's files, which
/// the cache keeps.
///
/// On the way it completes what epub-builder's templates leave out: the
/// book's identifier in `content.opf` (epub-builder writes a placeholder),
/// the creators and publisher in `content.opf`, and the book's identifier, title
/// and depth in `toc.ncx` (older readers show the NCX title and match its
/// `dtb:uid` to the package). It replaces `nav.xhtml` with ours (landmarks
/// for cover, title page, contents and body; nested headings), and drops
/// the guide's `toc` entry for that nav, which is not in the reading order,
/// so Kindle's "Go to contents" finds the inline contents page.
pub(super) fn repack(
    raw: &[u8],
    kept: &[(PackKey, &[u8])],
    modified: DateTime<Utc>,
    package: &Package<'_>,
    mut held: Held,
    cache: Option<&PackCache>,
) -> std::result::Result<Vec<u8>, String> {
    let mut archive = ZipArchive::new(Cursor::new(raw))
        .map_err(|e| format!("reading epub-builder's archive: {e}"))?;
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        // A held page comes back empty from epub-builder: put it in.
        let file = held.0.remove(&name).unwrap_or(HeldFile::Bytes(bytes, None));
        entries.push((name, file));
    }
    if let Some(name) = held.0.keys().next() {
        return Err(format!(
            "{name} was held back but epub-builder wrote no such file"
        ));
    }
    let rank = |name: &str| match name {
        "mimetype" => 0,
        "META-INF/container.xml" => 1,
        _ => 2,
    };
    entries.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));

    for (name, file) in &mut entries {
        let HeldFile::Bytes(bytes, _) = file else {
            continue;
        };
        let patched = match name.as_str() {
            "OEBPS/content.opf" => {
                let identifier = |uuid: uuid::Uuid| {
                    format!(
                        "<dc:identifier id=\"epub-id-1\">{}</dc:identifier>",
                        uuid.urn()
                    )
                };
                let bytes = &replace_once(
                    bytes,
                    &identifier(PLACEHOLDER_UUID),
                    &identifier(package.uuid),
                )?
                .into_bytes();
                let anchor = "    <meta property=\"dcterms:modified\">";
                let with_metadata =
                    replace_once(bytes, anchor, &format!("{}{anchor}", package.metadata))?;
                let root = "<package version=\"3.0\" xmlns=\"http://www.idpf.org/2007/opf\"";
                let lang = escape_text(package.language).replace('"', "&quot;");
                let with_metadata = replace_once(
                    with_metadata.as_bytes(),
                    root,
                    &format!("{root} xml:lang=\"{lang}\""),
                )?;
                let cover_guide = "<reference type=\"cover\" title=\"\"";
                let with_metadata = replace_once(
                    with_metadata.as_bytes(),
                    cover_guide,
                    "<reference type=\"cover\" title=\"Cover\"",
                )?;
                let nav_guide = format!(
                    "    <reference type=\"toc\" title=\"{TOC_NAME}\" href=\"nav.xhtml\"/>\n"
                );
                replace_once(with_metadata.as_bytes(), &nav_guide, "")?
            }
            "OEBPS/toc.ncx" => {
                let depth = "<meta name=\"dtb:depth\" content=\"1\" />";
                let with_uid = replace_once(
                    bytes,
                    depth,
                    &format!(
                        "<meta name=\"dtb:uid\" content=\"{}\" />\n    <meta name=\"dtb:depth\" content=\"{}\" />",
                        package.uuid.urn(),
                        package.ncx_depth.max(1)
                    ),
                )?;
                let title = format!("<text>{TOC_NAME}</text>\n  </docTitle>");
                let book_title =
                    format!("<text>{}</text>\n  </docTitle>", escape_text(package.title));
                replace_once(with_uid.as_bytes(), &title, &book_title)?
            }
            "OEBPS/nav.xhtml" => package.nav_xhtml.clone(),
            _ => continue,
        };
        *bytes = patched.into_bytes();
    }

    write_archive(&entries, zip_time(modified), cache, kept)
}

/// Writes the archive: `mimetype` stored, every other file compressed, in
/// the given order, each stamped with `stamp` and mode 0644. Files are
/// compressed in parallel, or taken from `cache` when the same name and
/// bytes (or the same memo key) were compressed before; the cache is then
/// left holding exactly this archive's files and `kept` (epub-builder's
/// archive, see [`super::builder`], and the drawn cover).
fn write_archive(
    entries: &[(String, HeldFile)],
    stamp: zip::DateTime,
    cache: Option<&PackCache>,
    kept: &[(PackKey, &[u8])],
) -> std::result::Result<Vec<u8>, String> {
    let packed: Vec<(Option<PackKey>, std::borrow::Cow<'_, [u8]>)> = entries
        .par_iter()
        .filter(|(name, _)| name != "mimetype")
        .map(|(name, file)| {
            let bytes = match file {
                HeldFile::Bytes(bytes, _) => bytes,
                HeldFile::Compressed(blob, key) => {
                    return Ok((cache.and(*key), std::borrow::Cow::Borrowed(&blob[..])));
                }
                HeldFile::Packed(key) => {
                    return match cache.and_then(|c| c.get(key)) {
                        Some(blob) => Ok((Some(*key), std::borrow::Cow::Borrowed(blob))),
                        None => Err(format!("{name}: its compressed form left the cache")),
                    };
                }
            };
            let key = match file {
                HeldFile::Bytes(_, Some(key)) => cache.map(|_| *key),
                _ => cache.map(|c| c.key(&[name.as_bytes(), bytes])),
            };
            if let (Some(cache), Some(key)) = (cache, &key)
                && let Some(blob) = cache.get(key)
            {
                return Ok((Some(*key), std::borrow::Cow::Borrowed(blob)));
            }
            Ok((key, std::borrow::Cow::Owned(pack_entry(name, bytes)?)))
        })
        .collect::<std::result::Result<_, String>>()?;

    let mimetype = match entries.iter().find(|(name, _)| name == "mimetype") {
        Some((_, HeldFile::Bytes(bytes, _))) => Some(bytes.as_slice()),
        _ => None,
    };
    let blobs: Vec<&[u8]> = packed.iter().map(|(_, blob)| &blob[..]).collect();
    let archive = match assemble(mimetype, &blobs, stamp)? {
        Some(archive) => archive,
        None => zip_archive(mimetype, &blobs, stamp)?,
    };
    if let Some(cache) = cache {
        let used: Vec<(PackKey, &[u8])> = packed
            .iter()
            .filter_map(|(key, blob)| Some(((*key)?, &blob[..])))
            .chain(kept.iter().copied())
            .collect();
        cache.save(&used);
    }
    Ok(archive)
}

/// The archive of `mimetype` (stored) and the one-entry archives `blobs`,
/// as [`zip_archive`] writes it, each entry stamped with `stamp` and mode
/// 0644, assembled by copying: each entry's local record (header, name,
/// data) as it is in its blob, and its central header, with the stamp and
/// its new offset put in. For a book of thousands of files this saves
/// reading each blob as an archive and copying it through the zip writer.
/// `Ok(None)` when a blob is not a plain one-entry archive (data
/// descriptor, zip64, comment) or the book needs zip64: then
/// [`zip_archive`] writes it.
fn assemble(
    mimetype: Option<&[u8]>,
    blobs: &[&[u8]],
    stamp: zip::DateTime,
) -> std::result::Result<Option<Vec<u8>>, String> {
    let first = mimetype
        .map(|bytes| zip_archive(Some(bytes), &[], stamp))
        .transpose()?;
    let mut parts = Vec::with_capacity(blobs.len() + 1);
    for blob in first.as_deref().into_iter().chain(blobs.iter().copied()) {
        match one_entry(blob) {
            Some(part) => parts.push(part),
            None => return Ok(None),
        }
    }
    if parts.len() > usize::from(u16::MAX) {
        return Ok(None);
    }
    let (time, date) = (
        stamp.timepart().to_le_bytes(),
        stamp.datepart().to_le_bytes(),
    );
    let local_len: usize = parts.iter().map(|(local, _)| local.len()).sum();
    let central_len: usize = parts.iter().map(|(_, central)| central.len()).sum();
    // zip64 from here on (the zip writer switches at u32::MAX).
    let limit = u32::MAX as usize;
    if local_len >= limit || central_len >= limit || local_len + central_len >= limit {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(local_len + central_len + EOCD_LEN);
    let mut central_dir = Vec::with_capacity(central_len);
    for (local, central) in parts {
        let offset = (out.len() as u32).to_le_bytes();
        let at = out.len();
        out.extend_from_slice(local);
        out[at + 10..at + 12].copy_from_slice(&time);
        out[at + 12..at + 14].copy_from_slice(&date);
        let at = central_dir.len();
        central_dir.extend_from_slice(central);
        central_dir[at + 12..at + 14].copy_from_slice(&time);
        central_dir[at + 14..at + 16].copy_from_slice(&date);
        central_dir[at + 42..at + 46].copy_from_slice(&offset);
    }
    let count = (blobs.len() + usize::from(first.is_some())) as u16;
    let central_at = out.len() as u32;
    out.extend_from_slice(&central_dir);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central_len as u32).to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&[0; 2]);
    Ok(Some(out))
}

/// The end of central directory record's length, without comment.
const EOCD_LEN: usize = 22;

/// The local record (header, name, extra field, data) and the central
/// header of the one entry of `blob`, a zip archive as [`pack_entry`]
/// makes it; `None` unless it is exactly that, with no data descriptor,
/// zip64 size or comment.
fn one_entry(blob: &[u8]) -> Option<(&[u8], &[u8])> {
    let u16_at = |b: &[u8], i: usize| Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?));
    let u32_at = |b: &[u8], i: usize| Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?));
    let end = blob.len().checked_sub(EOCD_LEN)?;
    let eocd = &blob[end..];
    let single = eocd.starts_with(b"PK\x05\x06")
        && u16_at(eocd, 4)? == 0
        && u16_at(eocd, 6)? == 0
        && u16_at(eocd, 8)? == 1
        && u16_at(eocd, 10)? == 1
        && u16_at(eocd, 20)? == 0;
    let central_at = u32_at(eocd, 16)? as usize;
    if !single || central_at.checked_add(u32_at(eocd, 12)? as usize)? != end {
        return None;
    }
    let (local, central) = (blob.get(..central_at)?, blob.get(central_at..end)?);
    let central_len = 46
        + usize::from(u16_at(central, 28)?)
        + usize::from(u16_at(central, 30)?)
        + usize::from(u16_at(central, 32)?);
    let local_len = 30
        + usize::from(u16_at(local, 26)?)
        + usize::from(u16_at(local, 28)?)
        + u32_at(local, 18)? as usize;
    let plain = local.starts_with(b"PK\x03\x04")
        && central.starts_with(b"PK\x01\x02")
        && central.len() == central_len
        && local.len() == local_len
        && u32_at(central, 42)? == 0
        && u16_at(local, 6)? & 0x8 == 0
        && u32_at(central, 20)? != u32::MAX
        && u32_at(central, 24)? != u32::MAX;
    plain.then_some((local, central))
}

/// The archive of `mimetype` (stored) and the one-entry archives `blobs`,
/// written with the zip crate: every entry stamped with `stamp` and mode
/// 0644.
fn zip_archive(
    mimetype: Option<&[u8]>,
    blobs: &[&[u8]],
    stamp: zip::DateTime,
) -> std::result::Result<Vec<u8>, String> {
    let total = blobs.iter().map(|blob| blob.len()).sum::<usize>() + 4096;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(total)));
    let base = SimpleFileOptions::default()
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    if let Some(bytes) = mimetype {
        zip.start_file(
            "mimetype",
            base.compression_method(CompressionMethod::Stored),
        )
        .map_err(|e| format!("mimetype: {e}"))?;
        zip.write_all(bytes).map_err(|e| format!("mimetype: {e}"))?;
    }
    for blob in blobs {
        let mut one = ZipArchive::new(Cursor::new(*blob)).map_err(|e| e.to_string())?;
        let file = one.by_index_raw(0).map_err(|e| e.to_string())?;
        let name = file.name().to_string();
        zip.raw_copy_file_touch(file, stamp, Some(0o644))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Replaces the one occurrence of `anchor` in `file`. Fails loudly if
/// epub-builder's templates changed, rather than writing a package without
/// the metadata.
fn replace_once(
    file: &[u8],
    anchor: &str,
    replacement: &str,
) -> std::result::Result<String, String> {
    let file = std::str::from_utf8(file).map_err(|e| e.to_string())?;
    match file.matches(anchor).count() {
        1 => Ok(file.replacen(anchor, replacement, 1)),
        _ => Err(format!(
            "epub-builder's package layout changed: expected `{anchor}` exactly once"
        )),
    }
}

/// The zip timestamp for `t`; zip dates cannot go before 1980 or after 2107.
pub(super) fn zip_time(t: DateTime<Utc>) -> zip::DateTime {
    let year = t.year().clamp(1980, 2107) as u16;
    zip::DateTime::from_date_and_time(
        year,
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Assembling the archive by copying gives the bytes the zip writer
    // gives, with and without mimetype, for empty, small and larger files.
    #[test]
    fn assembled_archive_is_the_zip_writers() {
        let stamp = zip::DateTime::from_date_and_time(2024, 3, 5, 1, 2, 3).unwrap();
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let files: Vec<(&str, &[u8])> = vec![
            ("META-INF/container.xml", b"<container/>"),
            ("OEBPS/empty.xhtml", b""),
            ("OEBPS/text/a.xhtml", &big),
            ("OEBPS/\u{e9}t\u{e9}.xhtml", b"<p>\xc3\xa9</p>"),
        ];
        let blobs: Vec<Vec<u8>> = files
            .iter()
            .map(|(name, bytes)| pack_entry(name, bytes).unwrap())
            .collect();
        let blobs: Vec<&[u8]> = blobs.iter().map(Vec::as_slice).collect();
        for mimetype in [Some(&b"application/epub+zip"[..]), None] {
            let assembled = assemble(mimetype, &blobs, stamp).unwrap().unwrap();
            assert!(assembled == zip_archive(mimetype, &blobs, stamp).unwrap());
        }
        // Anything but a plain one-entry archive goes to the zip writer.
        assert_eq!(one_entry(b"not a zip"), None);
        let two = zip_archive(None, &blobs[..2], stamp).unwrap();
        assert_eq!(assemble(None, &[&two], stamp).unwrap(), None);
    }
}

//! [`Dossier`] + [`Templates`] + [`Settings`] → one EPUB 3 file, as bytes.
//!
//! Steps: 1. render the title page and one XHTML chapter per article from
//! the `epub/` templates (notes as EPUB 3 footnote asides); 2. hand them to
//! epub-builder with the metadata it can express, an identifier derived from
//! the content and a date from the input; 3. repack its archive so the bytes
//! depend on the input alone, and add the metadata its templates cannot
//! express (see [`repack`]).
//!
//! It must not touch the disk or read the clock, and must not pass anything
//! to epub-builder unescaped: epub-builder validates nothing.

use std::collections::BTreeSet;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tera::Context;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::markdown::{Dossier, Profile, escape_text, markdown_to_plain, render_markdown_flagged};
use crate::site::{ArticleView, SiteInfo};
use crate::templates::Templates;

/// The folder of the EPUB inside the output folder.
pub const EPUB_DIR: &str = "epub";

/// Where the EPUB goes, relative to the output folder: `epub/<slug>.epub`.
pub fn epub_path(s: &Settings) -> PathBuf {
    PathBuf::from(EPUB_DIR).join(format!("{}.epub", s.slug))
}

/// The heading of the navigation document.
const TOC_NAME: &str = "Contents";

/// The date used when neither `SOURCE_DATE_EPOCH` nor any article has one.
const FALLBACK_DATE: (i32, u32, u32) = (2000, 1, 1);

/// Builds the EPUB. The same dossier and settings give the same bytes.
pub fn build_epub(d: &Dossier, t: &Templates, s: &Settings) -> Result<Vec<u8>> {
    let fail = |message: String| Error::Epub {
        path: s.out_dir.join(epub_path(s)),
        message,
    };
    let lib = |e: epub_builder::Error| fail(e.to_string());

    let (description_html, _) = render_markdown_flagged(&s.description);
    let site = SiteInfo::new(s, description_html, d.articles.len());
    let modified = modified_date(d, s);

    let mut b = EpubBuilder::new(ZipLibrary::new().map_err(lib)?).map_err(lib)?;
    b.epub_version(EpubVersion::V30);
    b.set_title(s.title.as_str());
    b.add_language(s.language.as_str());
    b.set_generator("dossier");
    b.set_toc_name(TOC_NAME);
    let uuid = content_uuid(d, s);
    b.set_uuid(uuid);
    b.set_modified_date(modified);
    b.set_publication_date(modified);
    let description = markdown_to_plain(&s.description);
    if !description.is_empty() {
        b.add_description(description);
    }
    let subjects: BTreeSet<&str> = d
        .articles
        .iter()
        .flat_map(|a| a.meta.categories.iter().map(|c| c.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    for subject in subjects {
        b.add_subject(subject);
    }
    for meta in accessibility_metadata() {
        b.add_metadata_opf(Box::new(meta));
    }

    let mut ctx = Context::new();
    ctx.insert("site", &site);
    b.stylesheet(t.render("epub/style.css", &ctx)?.as_bytes())
        .map_err(lib)?;
    let title_page = t.render("epub/title.xhtml", &ctx)?;
    b.add_content(
        EpubContent::new("title.xhtml", title_page.as_bytes())
            .title(s.title.as_str())
            .reftype(ReferenceType::TitlePage),
    )
    .map_err(lib)?;

    // Chapters render in parallel; only packing them is sequential.
    let chapters: Vec<String> = d
        .articles
        .par_iter()
        .map(|article| {
            let mut ctx = Context::new();
            ctx.insert("site", &site);
            ctx.insert(
                "article",
                &ArticleView::new(article, Profile::Epub, &s.language),
            );
            t.render("epub/chapter.xhtml", &ctx)
        })
        .collect::<Result<_>>()?;
    for (i, (article, xhtml)) in d.articles.iter().zip(chapters).enumerate() {
        let href = chapter_href(&article.slug);
        let mut content =
            EpubContent::new(href.as_str(), xhtml.as_bytes()).title(article.title.as_str());
        for entry in &article.toc {
            // The chapter is level 1 and headings start at h2, so `add` nests
            // them under it (and h3 under the h2 before it).
            content.toc.add(
                TocElement::new(format!("{href}#{}", entry.id), entry.title.as_str())
                    .level(i32::from(entry.level)),
            );
        }
        if i == 0 {
            content = content.reftype(ReferenceType::Text);
        }
        b.add_content(content).map_err(lib)?;
    }

    let mut raw = Vec::new();
    b.generate(&mut raw).map_err(lib)?;
    let package = Package {
        metadata: package_metadata(d, s),
        language: &s.language,
        title: &s.title,
        uuid,
    };
    repack(&raw, modified, &package).map_err(fail)
}

/// Chapter files live in `text/` so a slug can never clash with the
/// package's own `nav.xhtml`, `toc.ncx` or `title.xhtml`.
fn chapter_href(slug: &str) -> String {
    format!("text/{slug}.xhtml")
}

/// `SOURCE_DATE_EPOCH` when given, else the newest article date, else
/// 2000-01-01: never the clock, so rebuilding gives the same file.
fn modified_date(d: &Dossier, s: &Settings) -> DateTime<Utc> {
    if let Some(dt) = s
        .source_date_epoch
        .and_then(|epoch| DateTime::from_timestamp(epoch, 0))
    {
        return dt;
    }
    let (y, m, day) = FALLBACK_DATE;
    let fallback = NaiveDate::from_ymd_opt(y, m, day).expect("valid fallback date");
    let newest = d
        .articles
        .iter()
        .filter_map(|a| NaiveDate::parse_from_str(&a.meta.date, "%Y-%m-%d").ok())
        .max()
        .unwrap_or(fallback);
    newest
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
}

/// A UUID v5 of the content, so the identifier changes when the text does
/// and not otherwise.
fn content_uuid(d: &Dossier, s: &Settings) -> uuid::Uuid {
    let mut hash = Sha256::new();
    for part in [s.title.as_str(), s.language.as_str(), s.slug.as_str()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    for a in &d.articles {
        for part in [a.slug.as_str(), a.title.as_str(), a.body_epub.as_str()] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        for note in &a.footnotes {
            hash.update(note.html.as_bytes());
            hash.update([0]);
        }
    }
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &hash.finalize())
}

/// Accessibility metadata (schema.org, as EPUB Accessibility 1.1 asks):
/// the book is text only, with a table of contents and headings.
fn accessibility_metadata() -> Vec<MetadataOpfV3> {
    [
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityHazard", "none"),
        (
            "schema:accessibilitySummary",
            "Text-only publication with a navigable table of contents, section headings and linked notes.",
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
fn package_metadata(d: &Dossier, s: &Settings) -> String {
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
struct Package<'a> {
    /// `dc:` elements for content.opf (see [`package_metadata`]).
    metadata: String,
    language: &'a str,
    title: &'a str,
    uuid: uuid::Uuid,
}

/// Rewrites epub-builder's archive so it depends on the input only:
/// `mimetype` first and stored, the container next, every other entry in
/// name order, all stamped with `modified` and mode 0644. (epub-builder 0.8.3
/// keeps its `Zip` trait private, so a deterministic `Zip` of our own cannot
/// be plugged in; and its zip backend takes the clock as soon as any crate
/// turns on zip's `time` feature.)
///
/// On the way it completes what epub-builder's templates leave out: the
/// creators and publisher in `content.opf`, the language of `nav.xhtml`,
/// and the book's identifier and title in `toc.ncx` (older readers show the
/// NCX title and match its `dtb:uid` to the package).
fn repack(
    raw: &[u8],
    modified: DateTime<Utc>,
    package: &Package<'_>,
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
        entries.push((name, bytes));
    }
    let rank = |name: &str| match name {
        "mimetype" => 0,
        "META-INF/container.xml" => 1,
        _ => 2,
    };
    entries.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));

    for (name, bytes) in &mut entries {
        let patched = match name.as_str() {
            "OEBPS/content.opf" => {
                let anchor = "    <meta property=\"dcterms:modified\">";
                replace_once(bytes, anchor, &format!("{}{anchor}", package.metadata))?
            }
            "OEBPS/toc.ncx" => {
                let uid = "<meta name=\"dtb:depth\"";
                let with_uid = replace_once(
                    bytes,
                    uid,
                    &format!(
                        "<meta name=\"dtb:uid\" content=\"{}\" />\n    {uid}",
                        package.uuid.urn()
                    ),
                )?;
                let title = format!("<text>{TOC_NAME}</text>\n  </docTitle>");
                let book_title =
                    format!("<text>{}</text>\n  </docTitle>", escape_text(package.title));
                replace_once(with_uid.as_bytes(), &title, &book_title)?
            }
            "OEBPS/nav.xhtml" => {
                let lang = escape_text(package.language).replace('"', "&quot;");
                let root = "<html xmlns=\"http://www.w3.org/1999/xhtml\"";
                replace_once(
                    bytes,
                    root,
                    &format!("{root} xml:lang=\"{lang}\" lang=\"{lang}\""),
                )?
            }
            _ => continue,
        };
        *bytes = patched.into_bytes();
    }

    let stamp = zip_time(modified);
    let base = SimpleFileOptions::default()
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &entries {
        let method = if name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(name.as_str(), base.compression_method(method))
            .map_err(|e| format!("{name}: {e}"))?;
        zip.write_all(bytes).map_err(|e| format!("{name}: {e}"))?;
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
fn zip_time(t: DateTime<Utc>) -> zip::DateTime {
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
    use crate::testdata;

    fn build() -> Vec<u8> {
        let t = Templates::load(None).unwrap();
        build_epub(&testdata::dossier(), &t, &testdata::settings()).unwrap()
    }

    fn read(epub: &[u8], name: &str) -> String {
        let mut archive = ZipArchive::new(Cursor::new(epub)).unwrap();
        let mut entry = archive.by_name(name).unwrap();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        text
    }

    // Building twice gives the same bytes.
    #[test]
    fn deterministic_bytes() {
        assert_eq!(build(), build());
    }

    // mimetype comes first, uncompressed; every entry has the fixed date.
    #[test]
    fn archive_layout() {
        let epub = build();
        let mut archive = ZipArchive::new(Cursor::new(&epub[..])).unwrap();
        let stamp = zip_time(modified_date(&testdata::dossier(), &testdata::settings()));
        let entries: Vec<(String, bool)> = (0..archive.len())
            .map(|i| {
                let e = archive.by_index(i).unwrap();
                assert_eq!(e.last_modified(), Some(stamp), "{}", e.name());
                (
                    e.name().to_string(),
                    e.compression() == CompressionMethod::Stored,
                )
            })
            .collect();
        assert_eq!(entries[0], ("mimetype".to_string(), true));
        // Readers sniff the type from the first local header: name at byte 30.
        assert_eq!(&epub[30..38], b"mimetype");
        assert_eq!(entries[1].0, "META-INF/container.xml");
    }

    // Creators have their own ids, and the language keeps its own.
    #[test]
    fn package_metadata_has_unique_ids() {
        let opf = read(&build(), "OEBPS/content.opf");
        assert!(
            opf.contains("<dc:creator id=\"editor-1\">Ann Editor &amp; Co</dc:creator>"),
            "{opf}"
        );
        assert!(opf.contains(
            "<meta refines=\"#editor-1\" property=\"role\" scheme=\"marc:relators\">edt</meta>"
        ));
        assert!(opf.contains("<dc:publisher>"));
        assert!(opf.contains("<dc:language id=\"epub-creator-0\">en</dc:language>"));
        assert_eq!(opf.matches("id=\"epub-creator-0\"").count(), 1);
        assert!(
            opf.contains("<meta property=\"dcterms:modified\">2024-03-05T00:00:00Z</meta>"),
            "{opf}"
        );
    }

    // The NCX names the book and carries the package identifier; the nav has a language.
    #[test]
    fn ncx_and_nav_are_completed() {
        let epub = build();
        let opf = read(&epub, "OEBPS/content.opf");
        let ncx = read(&epub, "OEBPS/toc.ncx");
        let id = opf
            .split("<dc:identifier id=\"epub-id-1\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap();
        assert!(
            ncx.contains(&format!("<meta name=\"dtb:uid\" content=\"{id}\" />")),
            "{ncx}"
        );
        assert!(
            ncx.contains("<text>The Grid in Transition</text>\n  </docTitle>"),
            "{ncx}"
        );
        assert!(read(&epub, "OEBPS/nav.xhtml").contains("xml:lang=\"en\" lang=\"en\""));
    }

    // Notes follow EPUB 3: noteref links out, footnote aside with the back link first.
    #[test]
    fn footnotes_are_epub3_asides() {
        let chapter = read(&build(), "OEBPS/text/energy.xhtml");
        assert!(chapter.contains(
            "<sup class=\"noteref\"><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"
        ));
        assert!(chapter.contains(
            "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-1\" class=\"footnote\">\n      <p><a href=\"#fnref-1\" role=\"doc-backlink\""
        ), "{chapter}");
    }

    // SOURCE_DATE_EPOCH wins over article dates.
    #[test]
    fn source_date_epoch_sets_modified() {
        let mut s = testdata::settings();
        s.source_date_epoch = Some(1_700_000_000);
        assert_eq!(
            modified_date(&testdata::dossier(), &s).to_rfc3339(),
            "2023-11-14T22:13:20+00:00"
        );
        assert_eq!(
            modified_date(&Dossier::default(), &testdata::settings())
                .date_naive()
                .to_string(),
            "2000-01-01"
        );
    }

    // The identifier follows the content.
    #[test]
    fn uuid_follows_content() {
        let s = testdata::settings();
        let mut d = testdata::dossier();
        let a = content_uuid(&d, &s);
        assert_eq!(a, content_uuid(&d, &s));
        d.articles[0].body_epub.push_str("<p>more</p>");
        assert_ne!(a, content_uuid(&d, &s));
        assert_eq!(a.get_version_num(), 5);
    }
}

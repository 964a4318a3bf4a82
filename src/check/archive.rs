//! The archive layer: reading the ZIP, the `mimetype` entry, and sizes.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::rules::{Finding, Rule};

/// The largest EPUB Kindle Direct Publishing accepts (the lowest store limit).
pub const MAX_EPUB_BYTES: u64 = 650 * 1024 * 1024;
/// Content documents above this are split or refused by Adobe-based readers
/// (older Kobo and Nook firmware) and slow on every e-ink device.
pub const MAX_DOCUMENT_BYTES: usize = 300 * 1024;

/// One file of the archive, uncompressed.
pub struct Entry {
    /// Its path in the archive.
    pub name: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Reads every entry, in archive order; `Err` is the finding that stops the check.
pub fn read_entries(epub: &[u8]) -> Result<Vec<Entry>, Finding> {
    let unreadable = |e: zip::result::ZipError| {
        Finding::error(Rule::Zip, "-", format!("not a readable ZIP archive: {e}"))
    };
    let mut archive = ZipArchive::new(Cursor::new(epub)).map_err(unreadable)?;
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(unreadable)?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| {
            Finding::error(
                Rule::Zip,
                name.as_str(),
                format!("cannot be decompressed: {e}"),
            )
        })?;
        entries.push(Entry { name, bytes });
    }
    Ok(entries)
}

/// Checks the first local file header: readers identify an EPUB by finding
/// `mimetype` at byte 30 and `application/epub+zip` right after it.
pub fn check_mimetype(epub: &[u8], entries: &[Entry], out: &mut Vec<Finding>) {
    let mut fail = |message: String| out.push(Finding::error(Rule::Mimetype, "mimetype", message));
    let u16_at = |i: usize| u16::from_le_bytes([epub[i], epub[i + 1]]);
    if epub.len() < 30 || epub[..4] != *b"PK\x03\x04" {
        fail("the archive does not start with a file entry".into());
        return;
    }
    let method = u16_at(8);
    let name_len = usize::from(u16_at(26));
    let extra_len = u16_at(28);
    let name = epub.get(30..30 + name_len).unwrap_or_default();
    if name != b"mimetype" {
        fail(format!(
            "the first entry is `{}`, not `mimetype`",
            String::from_utf8_lossy(name)
        ));
        return;
    }
    if method != 0 {
        fail("`mimetype` is compressed; it must be stored".into());
    }
    if extra_len != 0 {
        fail(format!(
            "`mimetype` has a {extra_len}-byte extra field; readers expect its content at byte 38"
        ));
    }
    match entries.iter().find(|e| e.name == "mimetype") {
        Some(e) if e.bytes == b"application/epub+zip" => {}
        Some(e) => fail(format!(
            "`mimetype` says {:?}; it must say exactly \"application/epub+zip\" (no newline)",
            String::from_utf8_lossy(&e.bytes)
        )),
        None => fail("`mimetype` cannot be read".into()),
    }
}

/// The whole file and each content document against store and reader limits.
pub fn check_sizes(epub: &[u8], entries: &[Entry], out: &mut Vec<Finding>) {
    if epub.len() as u64 > MAX_EPUB_BYTES {
        out.push(Finding::error(
            Rule::Size,
            "-",
            format!(
                "the EPUB is {} MB; stores accept at most {} MB",
                epub.len() / (1024 * 1024),
                MAX_EPUB_BYTES / (1024 * 1024)
            ),
        ));
    }
    for e in entries {
        let document = e.name.ends_with(".xhtml") || e.name.ends_with(".html");
        if document && e.bytes.len() > MAX_DOCUMENT_BYTES {
            out.push(Finding::warning(
                Rule::Size,
                e.name.as_str(),
                format!(
                    "{} KB of XHTML; keep content documents under {} KB",
                    e.bytes.len() / 1024,
                    MAX_DOCUMENT_BYTES / 1024
                ),
            ));
        }
    }
}

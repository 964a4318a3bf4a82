//! `dossier check`: a preflight of a built EPUB against the rules that make
//! stores reject a file or readers misshow it, without Java.
//!
//! It is not EPUBCheck: it checks the handful of things that most often go
//! wrong after a template edit or a hand repack (see [`Rule`]), and says
//! how to fix each. Input: the EPUB's bytes. Output: [`Finding`]s, errors
//! first. Only [`check_file`] reads the disk.

mod archive;
mod content;
mod package;
mod rules;
mod xml;

use std::path::Path;

pub use archive::{MAX_DOCUMENT_BYTES, MAX_EPUB_BYTES};
pub use rules::{Finding, Rule, Severity};

use crate::error::{Error, Result};

/// Checks one EPUB given as bytes. An empty result means it passed.
pub fn check_epub(epub: &[u8]) -> Vec<Finding> {
    let mut out = Vec::new();
    let entries = match archive::read_entries(epub) {
        Ok(entries) => entries,
        Err(finding) => return vec![finding],
    };
    archive::check_mimetype(epub, &entries, &mut out);
    content::check_xml_files(&entries, &mut out);
    if let Some(opf) = package::package_path(&entries, &mut out) {
        let manifest = package::check_package(&opf, &entries, &mut out);
        content::check_manifest_properties(&manifest, &entries, &mut out);
    }
    archive::check_sizes(epub, &entries, &mut out);
    // Errors first, then by rule, keeping each rule's findings in file order.
    out.sort_by_key(|f| (f.severity, f.rule));
    out
}

/// Reads and checks the EPUB at `path`.
pub fn check_file(path: &Path) -> Result<Vec<Finding>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(check_epub(&bytes))
}

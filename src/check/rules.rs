//! The preflight rules: a code, what each guards against and how to fix it.

use serde::Serialize;

/// How bad a finding is: errors make stores or readers reject the file,
/// warnings make some readers misbehave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// Stores reject the file, or readers cannot open it.
    Error,
    /// Some readers show the book badly.
    Warning,
}

/// One rule of `dossier check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Rule {
    /// The file is a readable ZIP archive.
    Zip,
    /// `mimetype` is the first entry, stored, without extra field, and says
    /// `application/epub+zip`: readers sniff the type from the first bytes.
    Mimetype,
    /// `META-INF/container.xml` names a package document that exists.
    Container,
    /// Every XML file (package, NCX, XHTML) is well-formed.
    WellFormed,
    /// No `--` inside an XML comment (forbidden by XML; strict parsers
    /// reject the whole file).
    CommentDashes,
    /// The package has a `dc:language` that looks like a BCP 47 tag.
    Language,
    /// The package has a title, the identifier it points at, and a
    /// `dcterms:modified` date in the form EPUB requires.
    Metadata,
    /// Every `id` is an XML name (no leading digit, no spaces or colons) and
    /// is unique in its file.
    XmlId,
    /// The nav document exists, has a `toc` nav, and no list in it is empty.
    NavList,
    /// Manifest `properties` match what the files contain: `nav`,
    /// `cover-image`, `svg`, `scripted`, `mathml`, `remote-resources`.
    ManifestProperties,
    /// Every manifest item and spine entry points at a file in the archive,
    /// and every file in the archive is in the manifest.
    Manifest,
    /// The archive and its content documents are within the sizes stores
    /// and older readers accept.
    Size,
}

impl Rule {
    /// Every rule, in the order they run.
    pub const ALL: [Rule; 12] = [
        Rule::Zip,
        Rule::Mimetype,
        Rule::Container,
        Rule::WellFormed,
        Rule::CommentDashes,
        Rule::Language,
        Rule::Metadata,
        Rule::XmlId,
        Rule::NavList,
        Rule::ManifestProperties,
        Rule::Manifest,
        Rule::Size,
    ];

    /// The short name printed with each finding, such as `comment-dashes`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::Zip => "zip",
            Rule::Mimetype => "mimetype",
            Rule::Container => "container",
            Rule::WellFormed => "well-formed",
            Rule::CommentDashes => "comment-dashes",
            Rule::Language => "language",
            Rule::Metadata => "metadata",
            Rule::XmlId => "xml-id",
            Rule::NavList => "nav-list",
            Rule::ManifestProperties => "manifest-properties",
            Rule::Manifest => "manifest",
            Rule::Size => "size",
        }
    }

    /// How to fix a finding of this rule.
    pub fn fix(self) -> &'static str {
        match self {
            Rule::Zip => "rebuild the EPUB; the file is truncated or not a ZIP archive",
            Rule::Mimetype => {
                "write `mimetype` first and uncompressed, e.g. `zip -X0 book.epub mimetype && zip -Xr9D book.epub META-INF OEBPS`"
            }
            Rule::Container => {
                "META-INF/container.xml must have a <rootfile full-path=\"...\"> naming the .opf file in the archive"
            }
            Rule::WellFormed => {
                "fix the XML at the line given (unclosed tag, stray `&` or `<`, bad encoding); a custom template is the usual cause"
            }
            Rule::CommentDashes => {
                "remove `--` from inside the <!-- comment --> (write a single dash or an en dash)"
            }
            Rule::Language => {
                "set `language` in [book] of book.toml to a BCP 47 tag such as \"en\" or \"ru\""
            }
            Rule::Metadata => {
                "the package needs <dc:title>, the <dc:identifier> its unique-identifier names, and <meta property=\"dcterms:modified\">CCYY-MM-DDThh:mm:ssZ</meta>"
            }
            Rule::XmlId => {
                "give the element an id that starts with a letter or `_` and has only letters, digits, `-`, `_` and `.`, unique in its file"
            }
            Rule::NavList => {
                "the nav document needs <nav epub:type=\"toc\"> with at least one entry; remove empty <ol></ol> (a section with no headings must have no list)"
            }
            Rule::ManifestProperties => {
                "declare what each file uses in its manifest <item properties=\"...\">, and nothing it does not use"
            }
            Rule::Manifest => {
                "list every file of the archive once in the manifest, with an href that exists, and point spine itemrefs at manifest ids"
            }
            Rule::Size => {
                "keep the EPUB under 650 MB and each content document under 300 KB (split long articles, shrink images)"
            }
        }
    }
}

/// One problem found in an EPUB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule broken.
    pub rule: Rule,
    /// How bad it is.
    pub severity: Severity,
    /// The file inside the EPUB, with `:line` when known; `-` for the archive.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl Finding {
    /// An error of `rule` at `location`.
    pub fn error(rule: Rule, location: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            location: location.into(),
            message: message.into(),
        }
    }

    /// A warning of `rule` at `location`.
    pub fn warning(rule: Rule, location: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(rule, location, message)
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{level}[{}]: {}: {}\n  fix: {}",
            self.rule.code(),
            self.location,
            self.message,
            self.rule.fix()
        )
    }
}

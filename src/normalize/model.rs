//! The normalize stage's output types.

use std::path::PathBuf;

use serde::Serialize;

/// What a block of the article's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "level")]
pub enum BlockKind {
    /// A section heading inside the body, with its level (2 for a section).
    Heading(u8),
    /// A paragraph of the article.
    Paragraph,
    /// A standfirst or summary set above the body.
    Lead,
    /// A quotation set apart from the paragraphs.
    Quote,
}

/// One heading or paragraph of text, with the line it starts at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// Heading, paragraph, lead or quote.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The text, with inner whitespace folded to single spaces.
    pub text: String,
    /// 1-based line in the source file where the block starts.
    pub line: usize,
}

impl Block {
    /// A block of `kind` from `text` at `line`.
    pub fn new(kind: BlockKind, text: impl Into<String>, line: usize) -> Self {
        Block {
            kind,
            text: text.into(),
            line,
        }
    }
}

/// A line taken out of the text, and the rule that took it (provenance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// 1-based line in the source file.
    pub line: usize,
    /// The line as it was, trimmed.
    pub text: String,
    /// The rule's name, such as `rating-widget` or `pull-quote`.
    pub rule: &'static str,
}

/// A line that was recognised as one of the article's facts rather than its
/// text: the extract stage turns these into [`crate::extract::Meta`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// What the line says.
    pub kind: FactKind,
    /// The value, cleaned (a name, a title, an ISO date, a publisher).
    pub value: String,
    /// 1-based line in the source file.
    pub line: usize,
}

/// What kind of fact a [`Fact`] is. Variants are ordered from the most to the
/// least specific evidence for the same field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// A title line set above the text.
    Title,
    /// The last crumb of a breadcrumb trail, a title with less certainty.
    BreadcrumbTitle,
    /// A title found in front of print/e-mail links.
    ToolbarTitle,
    /// An author's name from a byline.
    Author,
    /// An author's name from a breadcrumb ("Surname Name, Title").
    BreadcrumbAuthor,
    /// An author's credentials or biography.
    AuthorBio,
    /// A publication date (ISO) on its own line or in a meta line.
    Date,
    /// A date from a trailing "PUBLISHER date" credit.
    CreditDate,
    /// A "last updated" date: the page's, used only when nothing else dates the article.
    UpdatedDate,
    /// The original publisher or source credited.
    Source,
    /// The site's own name, from its footer.
    Site,
    /// A category or tag.
    Category,
}

/// One article after normalization: its text blocks, what was removed, and
/// the lines that state its facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CleanDoc {
    /// The source file, relative to the corpus folder.
    pub path: PathBuf,
    /// The text in reading order.
    pub blocks: Vec<Block>,
    /// End notes found after the text: (number, text, line).
    pub notes: Vec<(u32, String, usize)>,
    /// Facts found while cleaning.
    pub facts: Vec<Fact>,
    /// Removed lines, in line order.
    pub removed: Vec<Removed>,
}

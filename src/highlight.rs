//! Syntax highlighting for code blocks in user-written Markdown.
//!
//! Input: a code block's text and its fence language. Output: an HTML
//! `<pre>` whose spans carry `hl-` classes, plus the stylesheet for those
//! classes. It must not emit inline colours (readers and dark mode decide
//! colours through CSS) and must not load syntect's data unless a code block
//! actually appears: most dossiers have none, and loading costs ~20 ms.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix for every highlight class, so they cannot clash with the templates' own.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

/// Highlights `code` as `lang` (a fence token such as `rust` or `py`; unknown
/// or empty means plain text) into a `<pre class="code"><code>` block.
pub fn highlight(code: &str, lang: &str) -> String {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            // A grammar that fails on this input still must not lose the code:
            // fall back to escaped plain text.
            return plain(code);
        }
    }
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", attr_token(lang))
    };
    format!(
        "<pre class=\"code\"><code{lang_class}>{}</code></pre>\n",
        generator.finalize()
    )
}

fn plain(code: &str) -> String {
    format!(
        "<pre class=\"code\"><code>{}</code></pre>\n",
        crate::markdown::escape_text(code)
    )
}

/// Keeps a fence token to characters that are safe in a class name.
fn attr_token(lang: &str) -> String {
    lang.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
        .collect()
}

/// The CSS for the `hl-` classes: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn stylesheet() -> String {
    let light = theme_css("InspiredGitHub");
    let dark = theme_css("base16-ocean.dark");
    format!(
        "/* syntax highlighting */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}}}\n"
    )
}

fn theme_css(name: &str) -> String {
    THEMES
        .themes
        .get(name)
        .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Code is classed, not coloured inline, and its text stays escaped.
    #[test]
    fn highlights_with_classes_and_escapes() {
        let html = highlight("fn main() { let x = 1 < 2; }\n", "rust");
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("&lt;"), "{html}");
    }

    // An unknown language is plain text, not an error.
    #[test]
    fn unknown_language_is_plain() {
        let html = highlight("<b>x</b>\n", "no-such-lang");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"), "{css}");
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}

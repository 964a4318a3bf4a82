//! Lines that are only decoration: `*`, `***`, `---`, `• • •`.

use super::{Hit, LineView};

/// A short line with no letter or digit.
pub fn separator(view: &LineView<'_>) -> Option<Hit> {
    let line = view.text;
    let short = line.chars().count() <= 40;
    let no_text = !line.chars().any(char::is_alphanumeric);
    (short && no_text && !line.is_empty()).then(|| Hit::new("separator"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_separator_lines() {
        for s in ["*", "* * *", "---", "• • •", "___", "~~~"] {
            assert!(separator(&s.into()).is_some(), "{s}");
        }
    }

    #[test]
    fn keeps_text_with_asterisks() {
        assert!(separator(&"* Note: figures are estimates.".into()).is_none());
        assert!(separator(&"2 * 3".into()).is_none());
    }
}

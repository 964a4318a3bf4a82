//! The user's `glossary.toml`: terms with their variants and a short
//! explanation, and each article's first mention of each term.

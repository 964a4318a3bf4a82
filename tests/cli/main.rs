//! Integration tests: the real `dossier` binary on fixture projects.
//! One test crate, split into modules (ripgrep's layout).

mod support;

mod annotate;
mod build;
mod epub;
mod epub_check;
mod errors;
mod extract;
mod incremental;
mod render;
mod sample;
mod serve;
mod sites;
mod tuning;
mod validate;

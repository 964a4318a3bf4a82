//! Integration tests: the real `dossier` binary on fixture projects.
//! One test crate, split into modules (ripgrep's layout).

mod support;

mod build;
mod errors;
mod extract;
mod incremental;
mod sample;
mod validate;

//! Integration tests: the real `dossier` binary on fixture projects.
//! One test crate, split into modules (ripgrep's layout).

mod support;

mod errors;
mod extract;
mod sample;

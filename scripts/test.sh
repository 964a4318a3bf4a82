#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, every test with the
# output checkers (EPUBCheck, Nu HTML Checker) required rather than skipped,
# then the browser tests (tests/browser/: Chromium, axe-core, screenshots in
# target/screenshots/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/install-validators.sh)"
bash scripts/install-browser.sh
export DOSSIER_REQUIRE_VALIDATORS=1
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
cargo build --locked
DOSSIER_BIN="$PWD/target/debug/dossier" node tests/browser/run.mjs

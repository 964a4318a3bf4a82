#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, and every test with
# the output checkers (EPUBCheck, Nu HTML Checker) required rather than skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/install-validators.sh)"
export DOSSIER_REQUIRE_VALIDATORS=1
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked

#!/usr/bin/env bash
# Runs the whole test suite: the engine's and the app's tests natively, then
# the release build end to end in headless Chromium, served from a plain
# static server under a sub-path. Installs what is missing first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh" test
export PATH="${QUIRE_TOOLS:-$HOME/.cache/quire/tools}/bin:$PATH"
cd "$root"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "style gates: cargo fmt --check, cargo clippy -D warnings"
cargo fmt --all --check
cargo fmt --manifest-path fuzz/Cargo.toml --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "native tests: engine, app, invariants and the fuzz targets' seed inputs (cargo test)"
cargo test --workspace --locked

step "release build, default corpus -> dist/"
unset CORPUS_DIR
trunk build --release

step "release build, hostile test corpus -> dist-hostile/"
CORPUS_DIR=tests/fixtures/hostile trunk build --release --dist dist-hostile

step "release build, reuse test corpus -> dist-reuse/"
CORPUS_DIR=tests/fixtures/reuse trunk build --release --dist dist-reuse

step "release build, two long digests -> dist-large/ (generated in target/)"
node tests/e2e/large-corpus.mjs target/large-corpus
CORPUS_DIR=target/large-corpus trunk build --release --dist dist-large

step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/

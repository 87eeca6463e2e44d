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
# The browser-only code (the app's glue, the indexing worker) as built.
cargo clippy --locked -p quire -p quire-worker --target wasm32-unknown-unknown -- -D warnings

step "native tests: engine, app, invariants and the fuzz targets' seed inputs (cargo test)"
cargo test --workspace --locked

step "release build, default corpus -> dist/"
unset CORPUS_DIR
trunk build --release

# The app's code is the same for every corpus: the other corpora are the
# same build with their own data/ folder (scripts/index-corpus.sh).
with_corpus() {
  rm -rf "$1" && mkdir -p "$1"
  (cd dist && tar --exclude=./data -cf - .) | (cd "$1" && tar -xf -)
  scripts/index-corpus.sh "$2" "$1/data"
}

step "hostile test corpus -> dist-hostile/"
with_corpus dist-hostile tests/fixtures/hostile

step "reuse test corpus -> dist-reuse/"
with_corpus dist-reuse tests/fixtures/reuse

step "explore test corpus (keywords, collocates counted by hand) -> dist-explore/"
with_corpus dist-explore tests/fixtures/explore

step "notes test corpus, as built before and after its text changed -> dist-notes/, target/notes-after/"
with_corpus dist-notes tests/fixtures/notes/before
rm -rf target/notes-after
scripts/index-corpus.sh tests/fixtures/notes/after target/notes-after

step "two long digests -> dist-large/ (generated in target/)"
node tests/e2e/large-corpus.mjs target/large-corpus
with_corpus dist-large target/large-corpus

step "Debian package descriptions, all 63,436 -> dist-debian/ (converted by the peers harness)"
# The harness's converter reads Debian's package lists with apt-get (a
# package registry); its corpus is cached with the benchmark's. Without it
# the Debian test is skipped, loudly. The page fetches what it shows, so
# the whole corpus costs the test its index build (about 35 s), not more.
peers_work="${QUIRE_BENCH_WORK:-$HOME/.cache/quire/peers}/work"
debian="$peers_work/corpora/debian/corpus.jsonl"
[ -f "$debian" ] || node ../shared/bench/peers/prepare.mjs --corpora debian --work "$peers_work" >&2 || true
if [ -f "$debian" ]; then
  mkdir -p target/debian
  ln -sf "$debian" target/debian/corpus.jsonl
  with_corpus dist-debian target/debian
else
  rm -rf dist-debian
  printf '\033[1;33mwarning: the Debian corpus could not be prepared; its end-to-end test is skipped\033[0m\n' >&2
fi

step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/

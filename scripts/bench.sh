#!/usr/bin/env bash
# Measures Quire against MiniSearch, FlexSearch, Lunr, Orama and Pagefind on the same
# corpora and queries, in one run of the peers harness (../shared/bench/peers) in headless
# Chromium, and prints its table. A benchmark, not a test: nothing here asserts a time.
#   scripts/bench.sh                       # SpamAssassin corpus, every engine
#   scripts/bench.sh --corpora spam,debian --runs 1   # any harness option
# The harness runs from a copy in $QUIRE_BENCH_WORK (default ~/.cache/quire/peers), since
# ../shared is read-only; its results land in $QUIRE_BENCH_WORK/results/latest.md.
# Then the native engine: criterion on the same queries (cargo bench -p quire-engine), the
# comparison's time and peak memory from 200 KB to 5 MB (examples/compare_scale.rs), and
# the comparison of two 10,000-word documents in Chromium (scripts/bench-compare.mjs), and
# keystroke to painted results in the app on the same corpus (scripts/bench-typing.mjs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh" test
export PATH="${QUIRE_TOOLS:-$HOME/.cache/quire/tools}/bin:$PATH"
work="${QUIRE_BENCH_WORK:-$HOME/.cache/quire/peers}"
peers="$root/../shared/bench/peers"
say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }

say "building quire-index (native) and the engine's wasm module"
cd "$root"
cargo build --release --locked -p quire-indexer
# The search module as the app ships its code: optimised for size (its bytes
# count before the first result); the Comparer in a module of its own, for speed.
flags=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
cargo build --release --locked -p quire-web --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir bench/quire/pkg target/wasm32-unknown-unknown/release/quire_web.wasm
wasm-opt -Oz "${flags[@]}" bench/quire/pkg/quire_web_bg.wasm -o bench/quire/pkg/quire_web_bg.wasm
cargo build --profile bench-wasm --locked -p quire-web --features compare --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir bench/quire/pkg-compare target/wasm32-unknown-unknown/bench-wasm/quire_web.wasm
wasm-opt -O3 "${flags[@]}" bench/quire/pkg-compare/quire_web_bg.wasm -o bench/quire/pkg-compare/quire_web_bg.wasm

say "copying the harness to $work (npm install there)"
mkdir -p "$work/harness"
(cd "$peers" && tar --exclude=./node_modules --exclude=./work --exclude=./results -cf - .) | (cd "$work/harness" && tar -xf -)
(cd "$work/harness" && { npm ci --silent --no-audit --no-fund 2>/dev/null || npm install --silent --no-audit --no-fund; })

say "running the harness (Chromium, every engine, same queries)"
(cd "$work/harness" && PEERS_WORK="$work/work" node run.mjs --out "$work/results" --corpora spam \
  --extra-engines "$root/bench/quire" "$@")
cat "$work/results/latest.md"

say "native engine, same queries (criterion)"
mkdir -p "$work/spam-jsonl"
ln -sf "$work/work/corpora/spam/corpus.jsonl" "$work/spam-jsonl/corpus.jsonl"
target/release/quire-index "$work/spam-jsonl" "$work/index-spam" >/dev/null
QUIRE_BENCH_INDEX="$work/index-spam" QUIRE_BENCH_QUERIES="$peers/queries/spam.json" \
  cargo bench -p quire-engine --bench engine

say "comparison at scale: time and peak memory, 200 KB to 5 MB (native)"
cargo build --release --locked -p quire-engine --example compare_scale
for shape in repetitive prose; do
  for bytes in 200000 1000000 5000000; do
    target/release/examples/compare_scale "$shape" "$bytes"
  done
done

say "comparing two 10,000-word documents in Chromium (wasm engine)"
node "$root/scripts/bench-compare.mjs" "$work/work/corpora/spam/corpus.jsonl" 30 --app

say "keystroke to painted results in the app, SpamAssassin corpus (release build)"
CORPUS_DIR="$work/spam-jsonl" trunk build --release --dist "$work/dist-spam" >/dev/null
node "$root/scripts/bench-typing.mjs" "$work/dist-spam"

#!/bin/sh
# Trunk's post-build hook (Trunk.toml): indexes the corpus folder (CORPUS_DIR,
# default corpus/) into the build's data/ folder with quire-index, so the
# app's code is the same for every corpus, then writes the single-file
# build (quire.html) beside the app. Also usable by hand:
#   scripts/index-corpus.sh CORPUS OUT_DIR/data
# QUIRE_STRICT=1 makes warnings (skipped files, dropped dates) fail the build.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-${CORPUS_DIR:-corpus}}"
out="${2:-${TRUNK_STAGING_DIR:?run by trunk, or give CORPUS and OUT}/data}"
case "$corpus" in /*) ;; *) corpus="$root/$corpus" ;; esac
strict=""
[ "${QUIRE_STRICT:-}" = 1 ] && strict="--strict"
cargo build --quiet --release --locked -p quire-indexer --manifest-path "$root/Cargo.toml"
"$root/target/release/quire-index" "$corpus" "$out" $strict >/dev/null
# Beside a built app (Trunk's output, or a copy of it), also the single-file
# build, quire.html: the app and this corpus in one file that opens from disk.
app="$(dirname "$out")"
if [ -f "$app/index.html" ]; then
  "$root/target/release/quire-single-file" "$app"
fi

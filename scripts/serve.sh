#!/usr/bin/env bash
# Builds the app with the default corpus (or CORPUS_DIR) and serves it at
# http://127.0.0.1:8080/, rebuilding when the code or the corpus changes.
# Installs what is missing first (see scripts/bootstrap.sh).
# Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh" build
export PATH="${QUIRE_TOOLS:-$HOME/.cache/quire/tools}/bin:$PATH"
cd "$root"
args=()
if [ -n "${CORPUS_DIR:-}" ]; then
  # A corpus outside the project is watched too (Trunk's --watch replaces
  # the list in Trunk.toml, so repeat that list).
  for path in $(sed -n 's/^watch = \[\(.*\)\]/\1/p' Trunk.toml | tr -d '",'); do
    args+=(--watch "$path")
  done
  args+=(--watch "$CORPUS_DIR")
fi
exec trunk serve "${args[@]}" "$@"

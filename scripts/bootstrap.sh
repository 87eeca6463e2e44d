#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there
# at the pinned version. Nothing is downloaded from GitHub: crates come from
# crates.io, wasm-opt from the npm registry, Chromium from Debian.
#
# Usage: scripts/bootstrap.sh [build|test]
#   build: Rust wasm target, trunk, wasm-bindgen-cli, wasm-opt
#   test:  the above, plus Chromium, chromedriver and the e2e npm packages
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-build}"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TOOLS="${QUIRE_TOOLS:-$HOME/.cache/quire/tools}"
mkdir -p "$TOOLS/bin"
export PATH="$TOOLS/bin:$PATH"

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")"
if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" "$root/Trunk.toml"; then
  say "Trunk.toml pins a wasm_bindgen other than Cargo.lock's $WASM_BINDGEN_VERSION; fix Trunk.toml"
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$("$TOOLS/bin/trunk" --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 5 minutes the first time)"
  cargo install --locked --quiet --force --root "$TOOLS" "trunk@$TRUNK_VERSION"
fi

if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes the first time)"
  # Not --locked: its lockfile pins a crate version the registry does not serve.
  cargo install --quiet --force --root "$TOOLS" "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! "$TOOLS/bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION"
  ln -sf "$TOOLS/binaryen/node_modules/binaryen/bin/wasm-opt" "$TOOLS/bin/wasm-opt"
fi

(cd "$root" && cargo fetch --locked --quiet)

if [ "$mode" = test ]; then
  # Debian's browsers: Chromium for most end-to-end tests, Firefox ESR for
  # tests/e2e/firefox.test.mjs.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v firefox-esr >/dev/null; then
    say "installing Debian's chromium, chromium-driver and firefox-esr"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver firefox-esr >/dev/null
  fi
  # playwright-core drives Debian's Chromium; it never downloads a browser.
  lock_sum="$(sha256sum "$root/tests/e2e/package-lock.json" | cut -d' ' -f1)"
  stamp="$root/tests/e2e/node_modules/.quire-installed"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
    say "installing the end-to-end test packages (npm ci)"
    (cd "$root/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
    echo "$lock_sum" > "$stamp"
  fi
fi
say "tools ready in $TOOLS"

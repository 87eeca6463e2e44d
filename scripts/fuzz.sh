#!/usr/bin/env bash
# Runs the fuzz targets in fuzz/ (cargo-fuzz, libFuzzer, on the nightly
# toolchain) for a given time each, one after the other, and prints how
# many inputs each ran. New inputs go to fuzz/corpus/<target>/ (not
# committed); a crash is written to fuzz/artifacts/<target>/ and stops the
# run with its reproduction command. Commit a crash's input to
# fuzz/seeds/<target>/ with its fix: the test suite replays every seed.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 60, all seven)
#        scripts/fuzz.sh --runs N [TARGET...]               (N inputs each)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = --runs ]; then
  limit="-runs=${2:?--runs needs a number}"
  what="$2 inputs"
  shift 2
else
  limit="-max_total_time=${1:-60}"
  what="${1:-60} s"
  shift || true
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(query decode ingest compare library entities notes)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install --locked cargo-fuzz
fi

cd "$root/fuzz"
summary=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log="$(mktemp)"
  echo "== $t: $what" >&2
  start=$(date +%s)
  # -rss_limit_mb: the engine must stay within bounded memory on any input.
  # No sanitizer: the code is safe Rust, so ASan adds cost and little else;
  # debug assertions (overflow checks) stay on.
  # Inputs no longer than a user would type or drop (a query is short; a
  # long input only slows the search for new paths).
  case "$t" in
    query) max_len=256 ;;
    decode) max_len=512 ;;
    *) max_len=4096 ;;
  esac
  set +e
  cargo +nightly fuzz run --sanitizer none "$t" "corpus/$t" "seeds/$t" -- \
    "$limit" -max_len=$max_len -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 2>&1 | tee "$log" | grep -E '^(#[0-9]+.*(pulse|DONE)|==|SUMMARY|artifact)' >&2
  status=${PIPESTATUS[0]}
  set -e
  runs="$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
  summary+=("$t: ${runs:-?} executions in $(( $(date +%s) - start )) s")
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $t failed; its input is in fuzz/artifacts/$t/ (cargo +nightly fuzz run $t <file> reproduces it)" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  rm -f "$log"
done
printf '%s\n' "${summary[@]}"

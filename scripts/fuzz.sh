#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) each, growing the corpus in
# fuzz/corpus/. CI runs a short smoke run: scripts/fuzz.sh 20
# Needs the nightly toolchain (installed on this kind of machine) and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "[fuzz] no nightly toolchain on this machine: fuzzing skipped" >&2
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz (about 2 minutes)"
  cargo install --locked cargo-fuzz
fi
cd fuzz
for target in $(cargo +nightly fuzz list); do
  echo "[fuzz] $target for ${seconds}s"
  log="target/fuzz-$target.log"
  mkdir -p target
  # A crash (or a build failure) exits non-zero: show its report and stop.
  if ! cargo +nightly fuzz run "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "[fuzz] $target failed: see fuzz/$log and fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E '^(stat::number_of_executed_runs|stat::new_units_added|stat::peak_rss_mb|Done )' "$log" || true
done
echo "[fuzz] no crash"

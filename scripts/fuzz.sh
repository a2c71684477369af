#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) each, growing the corpus in
# fuzz/corpus/. The test command, and so CI, runs a smoke run: scripts/fuzz.sh 15
# Needs the nightly toolchain and cargo-fuzz (`scripts/setup.sh test` installs
# cargo-fuzz). Either missing is a failure under CI (CI=true) and elsewhere,
# unless SORAMIC_ALLOW_MISSING_NIGHTLY=1 (outside CI only) turns it into a
# skip, which the test command's summary lists.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}

is_set() { case "${1:-}" in "" | 0 | false) return 1 ;; *) return 0 ;; esac; }
# What is missing, and how to get it: fails, or (opted out, outside CI) skips.
missing() {
  if is_set "${CI:-}"; then
    echo "[fuzz] FAILED: $1, and CI runs the fuzz smoke run: $2" >&2
    exit 1
  elif is_set "${SORAMIC_ALLOW_MISSING_NIGHTLY:-}"; then
    echo "[fuzz] SKIPPED: $1 (SORAMIC_ALLOW_MISSING_NIGHTLY is set)" >&2
    if [ -n "${SORAMIC_SKIP_LOG:-}" ]; then echo "fuzz smoke run ($1; SORAMIC_ALLOW_MISSING_NIGHTLY is set)" >>"$SORAMIC_SKIP_LOG"; fi
    exit 0
  else
    echo "[fuzz] FAILED: $1: $2, or set SORAMIC_ALLOW_MISSING_NIGHTLY=1 to skip fuzzing (outside CI only)" >&2
    exit 1
  fi
}

if ! rustup toolchain list | grep -q '^nightly'; then
  missing "no nightly Rust toolchain" "install it with \`rustup toolchain install nightly --profile minimal\`"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  missing "cargo-fuzz is not installed" "run scripts/setup.sh test (cargo install --locked cargo-fuzz)"
fi
cd fuzz
for target in $(cargo +nightly fuzz list); do
  echo "[fuzz] $target for ${seconds}s"
  log="target/fuzz-$target.log"
  mkdir -p target "corpus/$target"
  # A crash (or a build failure) exits non-zero: show its report and stop.
  # Seeds beside the growing corpus, and inputs long enough for them: the
  # workbook reader starts from the committed workbooks (a ZIP cut short is
  # only ever "not a workbook").
  seeds=()
  max_len=4096
  if [ "$target" = workbook_opening ]; then
    seeds=(../crates/workbook/fixtures)
    max_len=65536
  fi
  if ! cargo +nightly fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
      -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "[fuzz] $target failed: see fuzz/$log and fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E '^(stat::number_of_executed_runs|stat::new_units_added|stat::peak_rss_mb|Done )' "$log" || true
done
echo "[fuzz] no crash"

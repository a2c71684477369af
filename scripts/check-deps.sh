#!/usr/bin/env bash
# The crate graph of docs/architecture.md, checked: each crate's direct
# (normal) dependencies must be exactly those listed here. A new dependency
# is a decision: add it here and to docs/architecture.md together.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [study]=""
  [survival]=""
  [r-harness]=""
  [calculator-core]="study"
  [wording]="calculator-core text"
  [text]=""
  [workbook]="calamine cohort serde"
  [workbook-reader]="js-sys serde_json wasm-bindgen web-sys workbook"
  [reference-cohort]="study survival"
  [km-chart]="plotters reference-cohort study survival text wording"
  [cohort]="calculator-core encoding_rs serde serde_json survival wording"
  [soramic-il-calculator]="calculator-core js-sys km-chart text wasm-bindgen wasm-bindgen-futures web-sys wording yew"
  [cohort-tool]="calculator-core cohort js-sys km-chart serde serde_json soramic-il-calculator text wasm-bindgen wasm-bindgen-futures web-sys wording workbook yew"
)

status=0
for crate in "${!allowed[@]}"; do
  actual=$(cargo tree --offline -q -p "$crate" -e normal --depth 1 --prefix none \
    | tail -n +2 | awk '{print $1}' | sort -u | tr '\n' ' ' | sed 's/ $//')
  expected=$(echo "${allowed[$crate]}" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
  if [[ "$actual" != "$expected" ]]; then
    echo "check-deps: $crate depends on [$actual], docs/architecture.md allows [$expected]" >&2
    status=1
  fi
done
# Every workspace crate must be listed (a new crate states its place).
for manifest in Cargo.toml crates/*/Cargo.toml; do
  name=$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -1)
  if [[ -z "${allowed[$name]+x}" ]]; then
    echo "check-deps: crate $name ($manifest) is not in scripts/check-deps.sh" >&2
    status=1
  fi
done
[[ $status == 0 ]] && echo "check-deps: every crate depends only on what docs/architecture.md allows"
exit $status

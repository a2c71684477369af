#!/usr/bin/env bash
# Runs every test: formatting and lints, the native tests (domain, survival
# engine against R, reference cohort), the component tests in headless
# Chromium, and the end-to-end tests of the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p soramic-il-calculator --all-targets -- -D warnings

step "native tests (includes the comparisons with R when Rscript is installed)"
cargo test --workspace

step "component tests in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown -p soramic-il-calculator

step "release build"
trunk build --release --offline

step "end-to-end tests of the release build in headless Chromium"
node --test e2e/

step "fuzz smoke run (scripts/fuzz.sh 600 for the full run)"
scripts/fuzz.sh 15

step "all tests passed"

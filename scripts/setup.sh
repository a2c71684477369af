#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there.
# Versions are the ones verified on this kind of machine (../shared/TOOLCHAIN.md).
#   scripts/setup.sh build   – what building and serving need
#   scripts/setup.sh test    – that, plus Chromium, chromedriver, R and cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
CARGO_FUZZ_VERSION=0.13.2      # scripts/fuzz.sh (the fuzz runs themselves need nightly)
mode=${1:-test}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes the first time)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # No --locked: a locked dependency version is not served by the registry mirror.
  cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js"
  apt_install nodejs npm
fi

# wasm-opt (binaryen 132), playwright-core and eslint, pinned by package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
   || [ ! -x node_modules/.bin/eslint ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tooling (binaryen, playwright-core, eslint)"
  npm ci --no-audit --no-fund
fi

# Chromium renders the static first paint at build time (scripts/prerender.mjs)
# and runs the browser tests.
if [ ! -x /usr/bin/chromium ] || { [ "$mode" = test ] && [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Chromium and chromedriver"
  apt_install chromium chromium-driver
fi

if [ "$mode" = test ]; then
  if ! command -v pdfinfo >/dev/null || ! command -v pdftoppm >/dev/null; then
    say "installing poppler-utils (PDF checks of the print view)"
    apt_install poppler-utils
  fi
  if ! command -v Rscript >/dev/null || ! Rscript -e "library(survival); library(maxstat); library(metafor); library(readxl)" >/dev/null 2>&1; then
    say "installing R and the survival, maxstat, metafor and readxl packages"
    apt_install r-base-core r-cran-survival r-cran-maxstat r-cran-metafor r-cran-readxl
  fi
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 3 minutes)"
    cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION"
  fi
fi
say "tools ready"

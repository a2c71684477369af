#!/usr/bin/env bash
# Saves a new sample of Trunk's and wasm-bindgen's output in
# scripts/test/sample/ (see its README.md): a release build whose post-build
# hook first copies the staging folder aside.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SORAMIC_SAVE_TRUNK_OUTPUT="$out/staging" trunk build --release --offline
sample=scripts/test/sample
find "$sample" -mindepth 1 ! -name README.md -delete
cp -r "$out/staging/." "$sample/"
# The wasm is only hashed and copied as base64: the empty module will do.
for f in "$sample"/*.wasm; do printf '\0asm\1\0\0\0' >"$f"; done
# Nothing reads the install icons (the service worker skips them).
rm -f "$sample"/icons/*.png
rmdir "$sample/icons" 2>/dev/null || true
{ trunk --version; wasm-bindgen --version; } >"$sample/VERSIONS"
echo "saved in $sample:"
ls -la "$sample"
cat "$sample/VERSIONS"

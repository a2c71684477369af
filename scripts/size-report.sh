#!/usr/bin/env bash
# Prints the raw and gzip (-9) size of every file in dist/ and the totals.
# Run after a release build: scripts/serve.sh, or
#   PATH=$PWD/node_modules/.bin:$PATH trunk build --release --offline
set -euo pipefail
cd "$(dirname "$0")/.."
total_raw=0
total_gz=0
printf '| file | raw bytes | gzip bytes |\n| --- | ---: | ---: |\n'
for file in dist/*; do
  [ -f "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  # Strip Trunk's content hash so the table reads the same from build to build.
  name=$(basename "$file" | sed -E 's/-[0-9a-f]{12,20}(_bg)?\./\1./')
  printf '| %s | %d | %d |\n' "$name" "$raw" "$gz"
done
printf '| **total** | **%d** | **%d** |\n' "$total_raw" "$total_gz"

# What a first visit downloads: index.html, the files the service worker
# precaches at install (sw.js's `files`; the page's own requests are among
# them), sw.js itself and the manifest. Not: sw.js's `onFirstUse` files (the
# cohort tool, downloaded when its view is first opened) and
# calculator-offline.html (only ever downloaded on request). The browser's
# own count of the same visit: e2e/size-budget.test.mjs.
first_visit=$( { echo index.html; echo sw.js; echo manifest.webmanifest;
  sed -n '/^  files: \[/,/^  \],/p' dist/sw.js | grep -oE '^\s+\["[^"]+"' | sed -E 's/^\s+\["//; s/"$//'; } | sort -u)
visit_gz=0
for name in $first_visit; do
  [ "$name" = "./" ] && continue # index.html, counted above
  [ -f "dist/$name" ] && visit_gz=$((visit_gz + $(gzip -9 -c "dist/$name" | wc -c)))
done
printf '\nFirst visit (index.html, sw.js, manifest and every precached file), gzip: **%d bytes** (%s)\n' \
  "$visit_gz" "$(echo $first_visit | tr ' ' ',')"

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

#!/usr/bin/env bash
# Builds the release site and serves it on http://127.0.0.1:8080/ (PORT to change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
exec node e2e/static-server.mjs dist "${PORT:-8080}"

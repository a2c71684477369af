#!/usr/bin/env bash
# The committed tree on its own: exports HEAD (`git archive`) into an empty
# temporary folder, with nothing beside it (no ../shared, no untracked or
# ignored file), and runs the native tests there. Fails if a test or the
# build reads a file outside the repository or one that is not committed.
# Uncommitted changes are not tested here (it says so): commit first.
#   scripts/test-export.sh [REVISION]   (default HEAD)
#
# Fast: it reuses this checkout's target directory (CARGO_TARGET_DIR), so
# only the workspace's own crates compile, not their dependencies. Those
# crates get their own artifacts: Cargo names artifacts after paths relative
# to the workspace, so the export's would otherwise replace this checkout's,
# and Cargo would then run them here, with the deleted export's paths compiled
# in (`env!("CARGO_MANIFEST_DIR")`). A profile setting for the workspace's
# crates only (line tables only as debug info: quicker to build) gives them
# names of their own. The exported files get the current time as their
# modification time, so Cargo always rebuilds them from the export.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rev=${1:-HEAD}
head=$(git rev-parse --short "$rev")
if [ "$rev" = HEAD ] && [ -n "$(git status --porcelain)" ]; then
  echo "[export] NOTE: this checkout has uncommitted changes, which this step does not test: it tests HEAD ($head) only"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/repo"
# -m: extraction time as modification time (see above).
git archive --format=tar "$head" | tar -x -m -C "$tmp/repo"
if [ "$(ls -A "$tmp")" != repo ]; then
  echo "[export] $tmp should hold only the export" >&2
  exit 1
fi
echo "[export] $rev ($head) exported to $tmp/repo; nothing beside it"

target_dir=${CARGO_TARGET_DIR:-target}
case $target_dir in /*) ;; *) target_dir=$root/$target_dir ;; esac

cd "$tmp/repo"
members=$(cargo metadata --no-deps --format-version 1 --offline --locked |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).packages.map((p) => p.name).join(" ")))')
own=()
for member in $members; do
  for profile in dev test; do own+=(--config "profile.$profile.package.$member.debug=\"line-tables-only\""); done
done
start=$(date +%s)
CARGO_TARGET_DIR=$target_dir cargo test "${own[@]}" --workspace --locked
echo "[export] native tests of the export passed in $(($(date +%s) - start)) s"

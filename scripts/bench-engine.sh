#!/usr/bin/env bash
# The survival engine against R's survival on the same data, 10^3 to 10^6
# subjects: Kaplan–Meier with CIs and median, log-rank, Cox (Efron).
# Prints a Markdown table (engine median, R median, R/engine) for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-data
cargo run --quiet --release -p survival --example write_bench_data -- "$dir" >/dev/null
cargo bench -p survival --bench engine -- --noplot >"$dir/criterion.log" 2>&1
Rscript crates/survival/benches/bench.R "$dir" >"$dir/r.csv"
python3 - "$dir/r.csv" <<'PY'
import csv, json, sys
r = {(row["routine"], int(row["n"])): float(row["median_seconds"]) for row in csv.DictReader(open(sys.argv[1]))}
print("| routine | n | engine (median) | R survival (median) | R / engine |")
print("| --- | ---: | ---: | ---: | ---: |")
def fmt(seconds):
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.3f} s"
for routine in ["kaplan_meier", "log_rank", "cox_efron"]:
    for n in [1000, 10000, 100000, 1000000]:
        est = json.load(open(f"target/criterion/{routine}/{n}/new/estimates.json"))
        engine = est["median"]["point_estimate"] / 1e9
        theirs = r[(routine, n)]
        print(f"| {routine} | {n} | {fmt(engine)} | {fmt(theirs)} | {theirs / engine:.1f}× |")
PY

#!/usr/bin/env bash
# The survival engine against R's survival on the same data, 10^3 to 10^6
# subjects: Kaplan–Meier with CIs and median, log-rank, Cox (Efron) with one
# and with six covariates; natively (criterion), in wasm in headless Chromium
# (performance.now()), and R: the whole call (survfit, survdiff, coxph) and,
# for Cox, R's fitting routine alone (coxph.fit, i.e. the sort and coxfit6).
# Prints a Markdown table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-data
cargo run --quiet --release -p survival --example write_bench_data -- "$dir" >/dev/null
cargo bench -p survival --bench engine -- --noplot >"$dir/criterion.log" 2>&1
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} cargo test --release \
  --target wasm32-unknown-unknown -p survival --test wasm_bench -- --include-ignored --nocapture \
  2>/dev/null | grep '^wasm,' >"$dir/wasm.csv"
Rscript crates/survival/benches/bench.R "$dir" >"$dir/r.csv"
python3 - "$dir/r.csv" "$dir/wasm.csv" <<'PY'
import csv, json, sys
r = {(row["routine"], int(row["n"])): float(row["median_seconds"]) for row in csv.DictReader(open(sys.argv[1]))}
wasm = {}
for line in open(sys.argv[2]):
    _, routine, n, seconds = line.strip().split(",")
    wasm[(routine, int(n))] = float(seconds)
print("| routine | n | engine, native | engine, wasm in Chromium | R survival | R / native | R / wasm | R fitting routine (coxph.fit) | coxph.fit / native |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
def fmt(seconds):
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.3f} s"
for routine in ["kaplan_meier", "log_rank", "cox_efron", "cox_efron_6"]:
    for n in [1000, 10000, 100000, 1000000]:
        est = json.load(open(f"target/criterion/{routine}/{n}/new/estimates.json"))
        engine = est["median"]["point_estimate"] / 1e9
        theirs = r[(routine, n)]
        in_wasm = wasm[(routine, n)]
        fit = r.get((routine + "_fit", n))
        fit_cells = f"{fmt(fit)} | {fit / engine:.1f}×" if fit else "– | –"
        print(f"| {routine} | {n} | {fmt(engine)} | {fmt(in_wasm)} | {fmt(theirs)} | {theirs / engine:.1f}× | {theirs / in_wasm:.1f}× | {fit_cells} |")
PY

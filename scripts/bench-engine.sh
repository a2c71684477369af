#!/usr/bin/env bash
# The survival engine against R's survival on the same data, 10^3 to 10^6
# subjects: Kaplan–Meier with CIs and median, log-rank, Cox (Efron) with one
# and with six covariates; natively (criterion), in wasm in headless Chromium
# (performance.now()), and R: the whole call (survfit, survdiff, coxph) and,
# for Cox, R's fitting routine alone (coxph.fit, i.e. the sort and coxfit6).
# All three in one run; prints one Markdown table for BENCHMARKS.md (native,
# wasm and R side by side; "–" where a part was not measured), and the load
# average before and after each part (the machine is shared).
#
#   scripts/bench-engine.sh            every size, 10^3 to 10^6
#   BENCH_MAX_N=100000 scripts/bench-engine.sh   stop at 10^5 (a quick run)
#
# In wasm the six-covariate fit stops at 10^5 (crates/survival/tests/
# wasm_bench.rs), and the test runner's timeout is raised to 30 minutes
# (WASM_BINDGEN_TEST_TIMEOUT): the whole page runs as one test.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-data
max_n=${BENCH_MAX_N:-1000000}
load() { echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
case $max_n in
  1000) sizes='1000' ;;
  10000) sizes='1000|10000' ;;
  100000) sizes='1000|10000|100000' ;;
  1000000) sizes='1000|10000|100000|1000000' ;;
  *) echo "BENCH_MAX_N must be 1000, 10000, 100000 or 1000000" >&2; exit 2 ;;
esac
cargo run --quiet --release -p survival --example write_bench_data -- "$dir" >/dev/null
rm -rf target/criterion/{kaplan_meier,log_rank,cox_efron,cox_efron_6}
load "before native"
cargo bench -p survival --bench engine -- --noplot "/($sizes)\$" >"$dir/criterion.log" 2>&1
load "after native, before wasm"
BENCH_MAX_N=$max_n WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-1800} \
  CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} cargo test --release \
  --target wasm32-unknown-unknown -p survival --test wasm_bench -- --include-ignored --nocapture \
  2>"$dir/wasm.stderr" | tee "$dir/wasm.log" | grep '^wasm,' >"$dir/wasm.csv" ||
  echo "the wasm run gave no figures: see $dir/wasm.log and $dir/wasm.stderr" >&2
load "after wasm, before R"
Rscript crates/survival/benches/bench.R "$dir" "$max_n" >"$dir/r.csv"
load "after R"
python3 - "$dir/r.csv" "$dir/wasm.csv" "$max_n" <<'PY'
import csv, json, os, sys
r = {(row["routine"], int(row["n"])): float(row["median_seconds"]) for row in csv.DictReader(open(sys.argv[1]))}
wasm = {}
for line in open(sys.argv[2]):
    _, routine, n, seconds = line.strip().split(",")
    wasm[(routine, int(n))] = float(seconds)
max_n = int(sys.argv[3])
print("| routine | n | engine, native | engine, wasm in Chromium | R survival | R / native | R / wasm | R fitting routine (coxph.fit) | coxph.fit / native | coxph.fit / wasm |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
def fmt(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.3f} s"
def ratio(a, b):
    return f"{a / b:.1f}×" if a is not None and b is not None else "–"
for routine in ["kaplan_meier", "log_rank", "cox_efron", "cox_efron_6"]:
    for n in [1000, 10000, 100000, 1000000]:
        if n > max_n:
            continue
        path = f"target/criterion/{routine}/{n}/new/estimates.json"
        native = json.load(open(path))["median"]["point_estimate"] / 1e9 if os.path.exists(path) else None
        theirs = r.get((routine, n))
        in_wasm = wasm.get((routine, n))
        fit = r.get((routine + "_fit", n))
        fit_cells = f"{fmt(fit)} | {ratio(fit, native)} | {ratio(fit, in_wasm)}" if fit else "– | – | –"
        print(f"| {routine} | {n} | {fmt(native)} | {fmt(in_wasm)} | {fmt(theirs)} | {ratio(theirs, native)} | {ratio(theirs, in_wasm)} | {fit_cells} |")
PY

//! The engine's timings in WebAssembly, in headless Chromium (ignored by
//! default; `scripts/bench-engine.sh` runs it in release mode):
//! `cargo test --release --target wasm32-unknown-unknown -p survival --test wasm_bench -- --include-ignored`
//! Prints `wasm,<routine>,<n>,<median seconds>` lines. `BENCH_MAX_N` (read
//! at compile time) stops at a smaller size. The six-covariate fit stops at
//! 10^5 (`COX6_MAX_N`): at 10^6 each call takes seconds, and with it the page
//! outlasted the test runner's webdriver timeouts on a loaded machine.
#![cfg(target_arch = "wasm32")]

use survival::{Covariates, CoxFit, KaplanMeierFit, LogRankTest, SurvivalData};
use wasm_bindgen_test::*;

#[path = "../benches/bench_data.rs"]
mod bench_data;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| js_sys::Reflect::get(&p, &"now".into()).ok().map(|f| (p, f)))
        .and_then(|(p, f)| js_sys::Function::from(f).call0(&p).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or_else(js_sys::Date::now)
}

/// Median seconds per call over batches that each last at least 50 ms.
fn time(mut f: impl FnMut()) -> f64 {
    let mut batch = 1u32;
    loop {
        let start = now_ms();
        for _ in 0..batch {
            f();
        }
        if now_ms() - start >= 50.0 || batch >= 1 << 16 {
            break;
        }
        batch *= 4;
    }
    let mut samples: Vec<f64> = (0..7)
        .map(|_| {
            let start = now_ms();
            for _ in 0..batch {
                f();
            }
            (now_ms() - start) / 1000.0 / f64::from(batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The largest six-covariate data set timed in wasm (see the module's note).
const COX6_MAX_N: usize = 100_000;

/// `BENCH_MAX_N` at compile time (scripts/bench-engine.sh passes it on), else 10^6.
fn max_n() -> usize {
    option_env!("BENCH_MAX_N")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

#[wasm_bindgen_test]
#[ignore]
fn engine_timings_in_wasm() {
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        if n > max_n() {
            break;
        }
        let data = bench_data::generate(n);
        let km = time(|| {
            let all = SurvivalData::new(data.times.clone(), data.events.clone()).expect("valid");
            std::hint::black_box(KaplanMeierFit::fit(&all).median());
        });
        let lr = time(|| {
            let (low, high) = (
                bench_data::split(&data, false),
                bench_data::split(&data, true),
            );
            std::hint::black_box(
                LogRankTest::compute(&[&low, &high])
                    .map(|t| t.p_value())
                    .ok(),
            );
        });
        let covariate = Covariates::single(data.group.clone()).expect("finite");
        let cox = time(|| {
            let all = SurvivalData::new(data.times.clone(), data.events.clone()).expect("valid");
            std::hint::black_box(
                CoxFit::fit(&all, &covariate)
                    .map(|f| f.likelihood_ratio_p())
                    .ok(),
            );
        });
        console_log!("wasm,kaplan_meier,{n},{km:.9}");
        console_log!("wasm,log_rank,{n},{lr:.9}");
        console_log!("wasm,cox_efron,{n},{cox:.9}");
        if n > COX6_MAX_N {
            continue;
        }
        let covariates = Covariates::from_columns(data.covariates.clone()).expect("finite");
        let cox6 = time(|| {
            let all = SurvivalData::new(data.times.clone(), data.events.clone()).expect("valid");
            std::hint::black_box(
                CoxFit::fit(&all, &covariates)
                    .map(|f| f.likelihood_ratio_p())
                    .ok(),
            );
        });
        console_log!("wasm,cox_efron_6,{n},{cox6:.9}");
    }
}

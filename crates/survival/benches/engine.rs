//! Native timings of the engine at 10^3 to 10^6 subjects (criterion).
//! R's `survival` is timed on the same data by `benches/bench.R`;
//! `scripts/bench-engine.sh` runs both and prints the ratio.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use survival::{Covariates, CoxFit, KaplanMeierFit, LogRankTest, SurvivalData};

/// The routines, in the order of the table `scripts/bench-engine.sh` prints.
const ROUTINES: [&str; 4] = ["kaplan_meier", "log_rank", "cox_efron", "cox_efron_6"];

#[path = "bench_data.rs"]
mod bench_data;

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn engine(c: &mut Criterion) {
    for (run, name) in ROUTINES.into_iter().enumerate() {
        let mut group = c.benchmark_group(name);
        group.sampling_mode(SamplingMode::Flat).sample_size(10);
        for n in SIZES {
            let data = bench_data::generate(n);
            // Building SurvivalData (validation, sorting, R's timefix) is part
            // of each call, as survfit/survdiff/coxph do it inside each call.
            group.bench_function(BenchmarkId::from_parameter(n), |b| match run {
                0 => b.iter(|| {
                    let all =
                        SurvivalData::new(data.times.clone(), data.events.clone()).expect("valid");
                    KaplanMeierFit::fit(&all).median()
                }),
                1 => b.iter(|| {
                    let low = bench_data::split(&data, false);
                    let high = bench_data::split(&data, true);
                    LogRankTest::compute(&[&low, &high]).map(|t| t.p_value())
                }),
                2 => b.iter(|| {
                    let all =
                        SurvivalData::new(data.times.clone(), data.events.clone()).expect("valid");
                    let covariate = Covariates::single(data.group.clone()).expect("finite");
                    CoxFit::fit(&all, &covariate).map(|fit| fit.likelihood_ratio_p())
                }),
                _ => b.iter(|| {
                    let all =
                        SurvivalData::new(data.times.clone(), data.events.clone()).expect("valid");
                    let covariates =
                        Covariates::from_columns(data.covariates.clone()).expect("finite");
                    CoxFit::fit(&all, &covariates).map(|fit| fit.likelihood_ratio_p())
                }),
            });
        }
        group.finish();
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);

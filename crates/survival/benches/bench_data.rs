//! Deterministic benchmark data shared by the native benchmark, the wasm
//! benchmark and the R comparison: two groups, exponential event times with
//! hazard ratio 1.5, uniform censoring, times rounded to 0.01 so that ties
//! occur as in real follow-up data. A fixed linear congruential generator
//! (Knuth's MMIX constants) keeps it reproducible without a `rand` crate.
//!
//! For the multi-covariate Cox fit, [`BenchData::covariates`] holds six
//! columns on the scales of a clinical file (as R's `flchain`, 7,874 rows
//! and six covariates, which motivated the case): the group (0/1), age in
//! years, sex (0/1), a log-normal lab value, a skewed count, and a three-level
//! factor coded −1/0/1. The event times do not depend on them beyond the
//! group, which changes nothing in the work a fit does.

use survival::SurvivalData;

pub struct BenchData {
    pub times: Vec<f64>,
    pub events: Vec<bool>,
    pub group: Vec<f64>,
    /// Six covariate columns, the first being `group`.
    pub covariates: Vec<Vec<f64>>,
}

/// Names of [`BenchData::covariates`], as written for R.
// Used by the R data writer only.
#[allow(dead_code)]
pub const COVARIATES: [&str; 6] = ["group", "age", "sex", "lab", "count", "level"];

use r_harness::simulate::Lcg;

pub fn generate(n: usize) -> BenchData {
    let mut rng = Lcg(0x2545_F491_4F6C_DD1D ^ n as u64);
    let mut uniform = move || rng.uniform();
    // A stream of its own, so that the times and groups are those of the
    // single-covariate benchmarks before the six-covariate case was added.
    let mut extra = Lcg(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let mut times = Vec::with_capacity(n);
    let mut events = Vec::with_capacity(n);
    let mut group = Vec::with_capacity(n);
    let mut covariates: Vec<Vec<f64>> = (0..6).map(|_| Vec::with_capacity(n)).collect();
    for _ in 0..n {
        let high = uniform() < 0.5;
        let rate = if high { 0.09 } else { 0.06 };
        let event_time = -uniform().ln() / rate;
        let censor_time = 48.0 * uniform();
        let time = (event_time.min(censor_time) * 100.0).round().max(1.0) / 100.0;
        times.push(time);
        events.push(event_time <= censor_time);
        group.push(if high { 1.0 } else { 0.0 });
        let age = (62.0 + 10.0 * extra.sum_of_twelve()).round();
        let lab = ((0.3 * extra.sum_of_twelve()).exp() * 100.0).round() / 100.0;
        let sex = if extra.uniform() < 0.45 { 1.0 } else { 0.0 };
        let count = (-extra.uniform().ln() * 3.0).floor();
        let level = (extra.uniform() * 3.0).floor() - 1.0;
        for (column, value) in
            covariates
                .iter_mut()
                .zip([if high { 1.0 } else { 0.0 }, age, sex, lab, count, level])
        {
            column.push(value);
        }
    }
    BenchData {
        times,
        events,
        group,
        covariates,
    }
}

/// One group of `data` (the high group when `high`), for the log-rank test.
// Shared by three targets; the R data writer does not need it.
#[allow(dead_code)]
pub fn split(data: &BenchData, high: bool) -> SurvivalData {
    let (times, events): (Vec<f64>, Vec<bool>) = data
        .times
        .iter()
        .zip(&data.events)
        .zip(&data.group)
        .filter(|(_, g)| (**g == 1.0) == high)
        .map(|((t, e), _)| (*t, *e))
        .unzip();
    SurvivalData::new(times, events).expect("valid benchmark data")
}

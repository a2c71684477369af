//! Deterministic benchmark data shared by the native benchmark, the wasm
//! benchmark and the R comparison: two groups, exponential event times with
//! hazard ratio 1.5, uniform censoring, times rounded to 0.01 so that ties
//! occur as in real follow-up data. A fixed linear congruential generator
//! (Knuth's MMIX constants) keeps it reproducible without a `rand` crate.

use survival::SurvivalData;

pub struct BenchData {
    pub times: Vec<f64>,
    pub events: Vec<bool>,
    pub group: Vec<f64>,
}

pub fn generate(n: usize) -> BenchData {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D ^ n as u64;
    let mut uniform = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // 53 high bits to a double in (0, 1).
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut times = Vec::with_capacity(n);
    let mut events = Vec::with_capacity(n);
    let mut group = Vec::with_capacity(n);
    for _ in 0..n {
        let high = uniform() < 0.5;
        let rate = if high { 0.09 } else { 0.06 };
        let event_time = -uniform().ln() / rate;
        let censor_time = 48.0 * uniform();
        let time = (event_time.min(censor_time) * 100.0).round().max(1.0) / 100.0;
        times.push(time);
        events.push(event_time <= censor_time);
        group.push(if high { 1.0 } else { 0.0 });
    }
    BenchData {
        times,
        events,
        group,
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

//! The cutoff explorer and the optimal-cutoff search.
//!
//! [`explore_cutoff`] splits the cohort at any IL6 or IL8 value (strictly
//! above = high, as the published cutoffs) and gives group sizes, Kaplan–Meier
//! curves, log-rank p and the Cox HR of high vs low.
//!
//! [`MaxStatTest`] is the maximally selected log-rank statistic with the
//! p value corrected for having picked the best of many cutoffs by the
//! approximation of Lausen & Schumacher (1992), Biometrics 48:73–85, as R's
//! `maxstat` package computes it (Hothorn & Lausen 2003, R News 2/1;
//! `maxstat.test(Surv(time, event) ~ x, smethod = "LogRank",
//! pmethod = "Lau92")`, `minprop = 0.1`, `maxprop = 0.9` by default):
//!
//! 1. log-rank scores (`exactRankTests::cscores` / `coin`): with the times
//!    in increasing order and `r(i)` the largest rank among the times tied
//!    with subject i, `a_i = δ_i − Σ_{j: r(j) ≤ r(i)} δ_j / (N − r(j) + 1)`;
//! 2. for each distinct marker value x with `m` patients at or below it,
//!    `max(1, ⌊N·minprop⌋) ≤ m ≤ ⌊N·maxprop⌋`, the standardised linear rank
//!    statistic `|S_m − E_m| / √V_m` with `S_m` the sum of the scores of
//!    those `m` patients, `E_m = m/N · Σa`, and the permutation variance
//!    `V_m = m(N−m) / (N²(N−1)) · (N Σa² − (Σa)²)`;
//! 3. M = the largest statistic, the estimated cutoff the smallest x that
//!    reaches it, and `p = 4φ(M)/M + φ(M)(M − 1/M) log(maxprop(1−minprop) /
//!    ((1−maxprop) minprop))` (1 when M < 1; 0 when the formula is negative).
//!
//! `tests/r_cohort.rs` compares the statistic, cutoff and p with R's
//! `maxstat` 0.7-25 (Debian's `r-cran-maxstat`) on the test files.
//!
//! A cutoff chosen on the same data is optimistically biased:
//! [`OPTIMISM_WARNING`] says so in plain words, and goes with every result.

use calculator_core::published::Marker;

use crate::analysis::{AnalysisError, EndpointData, GroupComparison};
use crate::import::Cohort;
use crate::mapping::EndpointRole;

/// What the UI shows beside any cutoff other than the published one.
pub const OPTIMISM_WARNING: &str = "A cutoff chosen by looking at the same patients' survival is \
optimistically biased: the separation of the curves, the hazard ratio and the uncorrected \
p value all look better than they would in new patients. Only a cutoff fixed in advance \
(such as the published 6.53 and 60.8 pg/mL) and tested on independent data validates it; \
the corrected p value of the optimal-cutoff search accounts for the search, not for the bias \
of the hazard ratio.";

/// The cohort split at one cutoff.
#[derive(Debug, Clone, PartialEq)]
pub struct CutoffResult {
    /// IL6 or IL8.
    pub marker: Marker,
    /// The cutoff, pg/mL (high = strictly above).
    pub cutoff_pg_ml: f64,
    /// Patients with the endpoint but no marker value (left out).
    pub missing: usize,
    /// Curves, log-rank and Cox HR of high vs low.
    pub comparison: GroupComparison,
}

/// Splits the cohort's patients with `role`'s endpoint and a value of
/// `marker` at `cutoff_pg_ml` (must be finite and ≥ 0).
pub fn explore_cutoff(
    cohort: &Cohort,
    role: EndpointRole,
    marker: Marker,
    cutoff_pg_ml: f64,
) -> Result<CutoffResult, AnalysisError> {
    if !cutoff_pg_ml.is_finite() || cutoff_pg_ml < 0.0 {
        return Err(AnalysisError::InvalidCutoff(cutoff_pg_ml));
    }
    let data = EndpointData::new(cohort, role);
    let (times, events, high) =
        data.select(role, |p| p.marker(marker).map(|v| v.value > cutoff_pg_ml));
    if times.is_empty() {
        return Err(AnalysisError::NoPatients);
    }
    Ok(CutoffResult {
        marker,
        cutoff_pg_ml,
        missing: data.patients.len() - times.len(),
        comparison: GroupComparison::compute(&times, &events, &high),
    })
}

/// The range of group sizes the search may choose from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxStatOptions {
    min_prop: f64,
    max_prop: f64,
}

impl Default for MaxStatOptions {
    /// `maxstat`'s defaults: 10% to 90% of the patients in the low group.
    fn default() -> Self {
        MaxStatOptions {
            min_prop: 0.1,
            max_prop: 0.9,
        }
    }
}

impl MaxStatOptions {
    /// The low group holds between `min_prop` and `max_prop` of the patients
    /// (0 < min_prop < max_prop < 1).
    pub fn new(min_prop: f64, max_prop: f64) -> Result<Self, AnalysisError> {
        if min_prop > 0.0 && min_prop < max_prop && max_prop < 1.0 {
            Ok(MaxStatOptions { min_prop, max_prop })
        } else {
            Err(AnalysisError::InvalidProportions { min_prop, max_prop })
        }
    }

    /// Smallest fraction of patients in the low group.
    pub fn min_prop(&self) -> f64 {
        self.min_prop
    }

    /// Largest fraction of patients in the low group.
    pub fn max_prop(&self) -> f64 {
        self.max_prop
    }
}

/// One candidate cutoff of the search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateCutoff {
    /// The cutoff (a marker value; high = strictly above).
    pub cutoff: f64,
    /// Patients at or below it.
    pub n_low: usize,
    /// Its standardised log-rank statistic.
    pub statistic: f64,
}

/// The maximally selected log-rank statistic (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct MaxStatTest {
    /// M, the largest standardised statistic.
    pub statistic: f64,
    /// The estimated cutoff (smallest value reaching M).
    pub cutoff: f64,
    /// The p value corrected for the search (Lausen & Schumacher 1992).
    pub p_value: f64,
    /// Every candidate, in increasing cutoff order.
    pub candidates: Vec<CandidateCutoff>,
    /// Patients in the search.
    pub n: usize,
}

impl MaxStatTest {
    /// Searches the cutoffs of `values` for the survival data `times`,
    /// `events` (slices of equal length; extra elements are ignored).
    pub fn compute(
        times: &[f64],
        events: &[bool],
        values: &[f64],
        options: &MaxStatOptions,
    ) -> Result<MaxStatTest, AnalysisError> {
        let n = times.len().min(events.len()).min(values.len());
        if n < 2 {
            return Err(AnalysisError::NoCandidateCutoffs);
        }
        if let Some(bad) = values[..n].iter().find(|v| !v.is_finite()) {
            return Err(AnalysisError::InvalidCutoff(*bad));
        }
        let scores = log_rank_scores(&times[..n], &events[..n]);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
        let nf = n as f64;
        let sum: f64 = scores.iter().sum();
        let sum_sq: f64 = scores.iter().map(|a| a * a).sum();
        let spread = nf * sum_sq - sum * sum;
        let lowest = 1usize.max((nf * options.min_prop).floor() as usize);
        let highest = (nf * options.max_prop).floor() as usize;
        let mut candidates = Vec::new();
        let mut cumulative = 0.0;
        for m in 1..n {
            cumulative += scores[order[m - 1]];
            let (below, here) = (values[order[m - 1]], values[order[m]]);
            if below == here || m < lowest || m > highest {
                continue;
            }
            let mf = m as f64;
            let expected = mf / nf * sum;
            let variance = mf * (nf - mf) / (nf * nf * (nf - 1.0)) * spread;
            candidates.push(CandidateCutoff {
                cutoff: below,
                n_low: m,
                statistic: ((cumulative - expected) / variance.sqrt()).abs(),
            });
        }
        if candidates.is_empty() {
            return Err(AnalysisError::NoCandidateCutoffs);
        }
        if spread.is_nan() || spread <= 0.0 || candidates.iter().any(|c| !c.statistic.is_finite()) {
            return Err(AnalysisError::ConstantScores);
        }
        let mut best = candidates[0];
        for c in &candidates[1..] {
            if c.statistic > best.statistic {
                best = *c;
            }
        }
        Ok(MaxStatTest {
            statistic: best.statistic,
            cutoff: best.cutoff,
            p_value: lausen_schumacher_p(best.statistic, options.min_prop, options.max_prop),
            candidates,
            n,
        })
    }
}

/// Log-rank scores as `exactRankTests::cscores(Surv(time, event))`.
pub fn log_rank_scores(times: &[f64], events: &[bool]) -> Vec<f64> {
    let n = times.len().min(events.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| times[*a].total_cmp(&times[*b]));
    // The largest rank (1-based) of each subject's tie group, in sorted order.
    let mut max_rank = vec![0usize; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && times[order[end]] == times[order[start]] {
            end += 1;
        }
        for slot in &mut max_rank[start..end] {
            *slot = end;
        }
        start = end;
    }
    let mut cumulative = vec![0.0; n];
    let mut running = 0.0;
    for k in 0..n {
        let i = order[k];
        let fact = if events[i] {
            1.0 / (n - max_rank[k] + 1) as f64
        } else {
            0.0
        };
        running += fact;
        cumulative[k] = running;
    }
    let mut scores = vec![0.0; n];
    for k in 0..n {
        let i = order[k];
        let delta = if events[i] { 1.0 } else { 0.0 };
        scores[i] = delta - cumulative[max_rank[k] - 1];
    }
    scores
}

/// Lausen & Schumacher (1992) approximation of P(M ≥ b) for the maximally
/// selected standardised statistic over the group fractions
/// `[min_prop, max_prop]`, as `maxstat:::pLausen92`.
pub fn lausen_schumacher_p(b: f64, min_prop: f64, max_prop: f64) -> f64 {
    if b < 1.0 || b.is_nan() {
        return 1.0;
    }
    let density = (-0.5 * b * b).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let p = 4.0 * density / b
        + density
            * (b - 1.0 / b)
            * ((max_prop * (1.0 - min_prop)) / ((1.0 - max_prop) * min_prop)).ln();
    p.max(0.0)
}

/// The optimal-cutoff search on the cohort, with the comparison at the cutoff found.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimalCutoff {
    /// IL6 or IL8.
    pub marker: Marker,
    /// The search and its corrected p value.
    pub test: MaxStatTest,
    /// The cohort split at the cutoff found (its log-rank p is *not*
    /// corrected for the search).
    pub at_cutoff: CutoffResult,
    /// [`OPTIMISM_WARNING`].
    pub warning: &'static str,
}

/// Searches the cutoff of `marker` that best separates `role`'s endpoint.
pub fn optimal_cutoff(
    cohort: &Cohort,
    role: EndpointRole,
    marker: Marker,
    options: &MaxStatOptions,
) -> Result<OptimalCutoff, AnalysisError> {
    let data = EndpointData::new(cohort, role);
    let (times, events, values) = data.select(role, |p| p.marker(marker).map(|v| v.value));
    if times.is_empty() {
        return Err(AnalysisError::NoPatients);
    }
    let test = MaxStatTest::compute(&times, &events, &values, options)?;
    let at_cutoff = explore_cutoff(cohort, role, marker, test.cutoff)?;
    Ok(OptimalCutoff {
        marker,
        test,
        at_cutoff,
        warning: OPTIMISM_WARNING,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_rank_scores_match_exact_rank_tests_on_a_small_example() {
        // R: exactRankTests::cscores(Surv(c(1,2,2,3,4), c(1,1,0,1,0)))
        //    0.80000000  0.46666667 -0.53333333 -0.03333333 -1.03333333
        // By hand: ranks (max over ties) 1,3,3,4,5; increments 1/5, 1/3,
        // 0, 1/2, 0; cumulative at the ranks 0.2, 0.5333, 0.5333, 1.0333, 1.0333.
        let s = log_rank_scores(
            &[1.0, 2.0, 2.0, 3.0, 4.0],
            &[true, true, false, true, false],
        );
        let expected = [
            0.8,
            1.0 - 8.0 / 15.0,
            -8.0 / 15.0,
            1.0 - 31.0 / 30.0,
            -31.0 / 30.0,
        ];
        for (a, b) in s.iter().zip(expected) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
    }

    #[test]
    fn lausen_schumacher_p_matches_the_formula_by_hand() {
        // b = 2, minprop 0.1, maxprop 0.9: φ(2) = 0.05399096651318806;
        // log(0.81/0.01) = log(81) = 4.394449154672439;
        // p = 4φ/2 + φ·1.5·4.394449 = 0.107981933 + 0.355887... = 0.46387...
        let phi = 0.053_990_966_513_188_06_f64;
        let by_hand = 2.0 * phi + phi * 1.5 * 81f64.ln();
        assert!((lausen_schumacher_p(2.0, 0.1, 0.9) - by_hand).abs() < 1e-15);
        assert_eq!(lausen_schumacher_p(0.5, 0.1, 0.9), 1.0);
        assert_eq!(lausen_schumacher_p(f64::NAN, 0.1, 0.9), 1.0);
        assert_eq!(lausen_schumacher_p(40.0, 0.1, 0.9), 0.0);
    }

    #[test]
    fn the_search_range_must_be_a_proper_sub_interval() {
        assert!(MaxStatOptions::new(0.1, 0.9).is_ok());
        for (a, b) in [(0.0, 0.9), (0.5, 0.5), (0.2, 1.0), (f64::NAN, 0.5)] {
            assert!(MaxStatOptions::new(a, b).is_err(), "{a} {b}");
        }
    }

    #[test]
    fn a_marker_with_one_value_has_no_candidate_cutoff() {
        let t = [1.0, 2.0, 3.0, 4.0];
        let e = [true, false, true, true];
        assert_eq!(
            MaxStatTest::compute(&t, &e, &[5.0; 4], &MaxStatOptions::default()),
            Err(AnalysisError::NoCandidateCutoffs)
        );
    }
}

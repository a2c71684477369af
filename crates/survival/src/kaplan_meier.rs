//! Kaplan–Meier estimate of the survival function, with Greenwood variance,
//! pointwise confidence intervals on the log scale, medians, quantiles and
//! risk tables.
//!
//! Method: Kaplan & Meier (1958); variance by Greenwood's formula,
//! `Var(log S(t)) = Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ))`.
//!
//! Reference implementation: R `survival` 3.5, `survfit(Surv(time, status) ~ 1)`
//! with its defaults (`conf.type = "log"`, `conf.int = 0.95`):
//!
//! * one step per distinct time, censoring-only times included (`censor = TRUE`);
//! * `lower`/`upper` = `exp(log S ∓ z·se)`, the upper bound capped at 1, and
//!   `NA` (here `None`) where the curve has reached 0;
//! * [`KaplanMeierFit::median`] follows `print.survfit` (R's internal
//!   `survmean`/`minmin`): the first time the curve is below 0.5, or the
//!   midpoint of a flat stretch lying exactly at 0.5 (within `sqrt(.Machine$double.eps)`),
//!   its CI bounds the same rule applied to the lower and upper curves;
//! * [`KaplanMeierFit::quantile`] follows `quantile.survfit` (internal
//!   `findq`), which differs from `print.survfit` only when the curve *ends*
//!   on a flat stretch exactly at the requested level: it then averages with
//!   the last time, where `print.survfit` reports the start of the flat;
//! * [`KaplanMeierFit::survival_at`] follows `summary(fit, times = t, extend = TRUE)`;
//! * [`KaplanMeierFit::risk_table`] gives `summary(fit, times = ...)`'s
//!   `n.risk` and the running totals of its `n.event` and `n.censor`.

use crate::data::SurvivalData;
use crate::distribution::normal_quantile;
use std::fmt;

/// R's `sqrt(.Machine$double.eps)`, the tolerance `print.survfit` and
/// `quantile.survfit` use to decide that a curve sits exactly at a level.
const LEVEL_TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// One row of the Kaplan–Meier curve, at one distinct observed time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KmStep {
    /// The distinct time (event or censoring).
    pub time: f64,
    /// Number at risk just before `time` (subjects censored at `time` included).
    pub n_risk: usize,
    /// Number of events at `time`.
    pub n_event: usize,
    /// Number censored at `time`.
    pub n_censor: usize,
    /// Kaplan–Meier survival just after `time`.
    pub surv: f64,
    /// Greenwood standard error of `surv` itself, as `summary(fit)$std.err`
    /// (`surv · log_std_err`); `None` where the curve has reached 0 (R: `NA`).
    pub std_err: Option<f64>,
    /// Standard error of `log(surv)` (Greenwood), as `fit$std.err`;
    /// infinite where the curve has reached 0.
    pub log_std_err: f64,
    /// Lower pointwise confidence bound (log scale); `None` where R gives `NA`.
    pub lower: Option<f64>,
    /// Upper pointwise confidence bound (log scale, capped at 1); `None` where R gives `NA`.
    pub upper: Option<f64>,
}

/// A time-to-event summary with its confidence interval. `None` means
/// "not reached" for the estimate and "NA in R" for a bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MedianSurvival {
    /// The median (or other quantile) survival time; `None` if the curve
    /// never drops to the level.
    pub estimate: Option<f64>,
    /// Lower confidence bound (from the lower pointwise band).
    pub lower: Option<f64>,
    /// Upper confidence bound (from the upper pointwise band).
    pub upper: Option<f64>,
}

/// Survival at a requested time, as `summary(fit, times = t, extend = TRUE)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurvivalEstimate {
    /// The requested time.
    pub time: f64,
    /// Survival at `time` (1 before the first event).
    pub surv: f64,
    /// Standard error of `surv` (Greenwood); `None` where R gives `NA`
    /// (the curve has reached 0).
    pub std_err: Option<f64>,
    /// Lower confidence bound; `None` where R gives `NA`.
    pub lower: Option<f64>,
    /// Upper confidence bound; `None` where R gives `NA`.
    pub upper: Option<f64>,
}

/// One row of a risk table (the numbers printed under a KM plot).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskRow {
    /// The requested time.
    pub time: f64,
    /// Subjects still under observation at `time` (follow-up time ≥ `time`).
    pub at_risk: usize,
    /// Events at or before `time`.
    pub cumulative_events: usize,
    /// Censorings at or before `time`.
    pub cumulative_censored: usize,
}

/// Why a [`KaplanMeierFit`] could not be built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KaplanMeierError {
    /// The confidence level must lie strictly between 0 and 1.
    InvalidConfidenceLevel(f64),
}

impl fmt::Display for KaplanMeierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidConfidenceLevel(level) => write!(
                f,
                "confidence level should lie strictly between 0 and 1, but is {level}"
            ),
        }
    }
}

impl std::error::Error for KaplanMeierError {}

/// A fitted Kaplan–Meier curve.
#[derive(Debug, Clone, PartialEq)]
pub struct KaplanMeierFit {
    steps: Vec<KmStep>,
    n: usize,
    conf_level: f64,
}

impl KaplanMeierFit {
    /// Fits the curve with 95% pointwise confidence intervals.
    pub fn fit(data: &SurvivalData) -> Self {
        Self::build(data, 0.95)
    }

    /// Fits the curve with pointwise confidence intervals at `level`
    /// (R's `conf.int`).
    ///
    /// # Errors
    /// [`KaplanMeierError::InvalidConfidenceLevel`] unless `0 < level < 1`.
    pub fn fit_with_level(data: &SurvivalData, level: f64) -> Result<Self, KaplanMeierError> {
        if !(level > 0.0 && level < 1.0) {
            return Err(KaplanMeierError::InvalidConfidenceLevel(level));
        }
        Ok(Self::build(data, level))
    }

    fn build(data: &SurvivalData, conf_level: f64) -> Self {
        let z = normal_quantile(1.0 - (1.0 - conf_level) / 2.0);
        let mut n_risk = data.len();
        let mut surv = 1.0_f64;
        let mut greenwood = 0.0_f64;
        let mut steps = Vec::new();
        for (time, d, c) in data.distinct_times() {
            if d > 0 {
                let (nf, df) = (n_risk as f64, d as f64);
                surv *= (nf - df) / nf;
                greenwood += if d < n_risk {
                    df / (nf * (nf - df))
                } else {
                    f64::INFINITY
                };
            }
            let log_std_err = greenwood.sqrt();
            let (std_err, lower, upper) = band(surv, log_std_err, z);
            steps.push(KmStep {
                time,
                n_risk,
                n_event: d,
                n_censor: c,
                surv,
                std_err,
                log_std_err,
                lower,
                upper,
            });
            n_risk -= d + c;
        }
        Self {
            steps,
            n: data.len(),
            conf_level,
        }
    }

    /// One row per distinct observed time, in increasing time order.
    pub fn steps(&self) -> &[KmStep] {
        &self.steps
    }

    /// Number of subjects.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Total number of events.
    pub fn n_events(&self) -> usize {
        self.steps.iter().map(|s| s.n_event).sum()
    }

    /// The confidence level of the pointwise bands (0.95 by default).
    pub fn conf_level(&self) -> f64 {
        self.conf_level
    }

    /// Survival at time `t` with its CI: the value of the last step at or
    /// before `t`, 1 before the first step; past the last observed time the
    /// last value is carried forward (R's `extend = TRUE`). A NaN `t` gives
    /// NaN survival and `None` bounds.
    pub fn survival_at(&self, t: f64) -> SurvivalEstimate {
        if t.is_nan() {
            return SurvivalEstimate {
                time: t,
                surv: f64::NAN,
                std_err: None,
                lower: None,
                upper: None,
            };
        }
        let count = self.steps.partition_point(|s| s.time <= t);
        match count.checked_sub(1).and_then(|i| self.steps.get(i)) {
            None => SurvivalEstimate {
                time: t,
                surv: 1.0,
                std_err: Some(0.0),
                lower: Some(1.0),
                upper: Some(1.0),
            },
            Some(step) => SurvivalEstimate {
                time: t,
                surv: step.surv,
                std_err: step.std_err,
                lower: step.lower,
                upper: step.upper,
            },
        }
    }

    /// Number at risk at each requested time, and the events and censorings
    /// that occurred up to and including it. Times need not be sorted; a NaN
    /// time gives a row of zeros.
    pub fn risk_table(&self, times: &[f64]) -> Vec<RiskRow> {
        times
            .iter()
            .map(|&t| {
                let mut row = RiskRow {
                    time: t,
                    at_risk: 0,
                    cumulative_events: 0,
                    cumulative_censored: 0,
                };
                for s in &self.steps {
                    if s.time <= t {
                        row.cumulative_events += s.n_event;
                        row.cumulative_censored += s.n_censor;
                    }
                    if s.time >= t {
                        row.at_risk += s.n_event + s.n_censor;
                    }
                }
                row
            })
            .collect()
    }

    /// Median survival with its CI, as R's `print.survfit` reports it.
    pub fn median(&self) -> MedianSurvival {
        let times: Vec<f64> = self.steps.iter().map(|s| s.time).collect();
        let surv: Vec<Option<f64>> = self.steps.iter().map(|s| Some(s.surv)).collect();
        let lower: Vec<Option<f64>> = self.steps.iter().map(|s| s.lower).collect();
        let upper: Vec<Option<f64>> = self.steps.iter().map(|s| s.upper).collect();
        MedianSurvival {
            estimate: print_median(&times, &surv),
            lower: print_median(&times, &lower),
            upper: print_median(&times, &upper),
        }
    }

    /// The time by which a fraction `p` of subjects have had the event
    /// (`p = 0.5` is the median), with its CI, as R's
    /// `quantile(fit, probs = p)`. `None` estimate if not reached; all
    /// `None` for `p` outside `[0, 1]` or NaN.
    pub fn quantile(&self, p: f64) -> MedianSurvival {
        if !(0.0..=1.0).contains(&p) {
            return MedianSurvival {
                estimate: None,
                lower: None,
                upper: None,
            };
        }
        let mut times = vec![0.0];
        times.extend(self.steps.iter().map(|s| s.time));
        let curve = |f: &dyn Fn(&KmStep) -> Option<f64>| -> Vec<Option<f64>> {
            let mut y = vec![Some(0.0)];
            y.extend(self.steps.iter().map(|s| f(s).map(|v| 1.0 - v)));
            y
        };
        MedianSurvival {
            estimate: find_quantile(&times, &curve(&|s| Some(s.surv)), p),
            lower: find_quantile(&times, &curve(&|s| s.lower), p),
            upper: find_quantile(&times, &curve(&|s| s.upper), p),
        }
    }
}

/// Standard error of S and the log-scale band `exp(log S ∓ z·se)`, upper
/// capped at 1; no band where S = 0 (R: `NA`).
fn band(surv: f64, log_std_err: f64, z: f64) -> (Option<f64>, Option<f64>, Option<f64>) {
    if surv > 0.0 && log_std_err.is_finite() {
        let log_s = surv.ln();
        let lower = (log_s - z * log_std_err).exp();
        let upper = (log_s + z * log_std_err).exp().min(1.0);
        (Some(surv * log_std_err), Some(lower), Some(upper))
    } else {
        (None, None, None)
    }
}

/// `print.survfit`'s rule (R's internal `minmin`): the first time the curve
/// is below 0.5 (+ tolerance); if it sits at 0.5 there and later drops
/// further, the midpoint between that time and the time of the drop.
fn print_median(times: &[f64], curve: &[Option<f64>]) -> Option<f64> {
    let kept: Vec<(f64, f64)> = times
        .iter()
        .zip(curve)
        .filter_map(|(&t, y)| y.filter(|&v| v < 0.5 + LEVEL_TOLERANCE).map(|v| (t, v)))
        .collect();
    let &(x1, y1) = kept.first()?;
    if (y1 - 0.5).abs() < LEVEL_TOLERANCE {
        if let Some(&(x2, _)) = kept.iter().find(|(_, y)| *y < y1) {
            return Some((x1 + x2) / 2.0);
        }
    }
    Some(x1)
}

/// `quantile.survfit`'s rule (R's internal `findq`) on a cumulative
/// distribution `y` (0 at `x[0]`, then `1 - curve`), `None` entries being NA.
fn find_quantile(x: &[f64], y: &[Option<f64>], p: f64) -> Option<f64> {
    let max_y = y
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if max_y < p {
        return None;
    }
    let xmax = *x.last()?;
    // Drop exact duplicate y values (the censoring-only steps), keeping the
    // first occurrence, as `duplicated()` does (NA counts as a value).
    let mut seen = std::collections::HashSet::new();
    let mut pairs: Vec<(f64, Option<f64>)> = Vec::new();
    for (&xi, &yi) in x.iter().zip(y) {
        // Bit patterns identify equal values; +0.0 stands for both zeros.
        let key = yi.map(|v| {
            if v == 0.0 {
                0.0_f64.to_bits()
            } else {
                v.to_bits()
            }
        });
        if seen.insert(key) {
            pairs.push((xi, yi));
        }
    }
    let last_y = pairs.last().and_then(|&(_, yl)| yl);
    // `approx(y ± tol, x-index, p, method = "constant", f = 1)`: the point
    // with the smallest shifted y that is at least p, NA outside the range.
    let step_index = |shift: f64| -> Option<f64> {
        let shifted: Vec<(f64, f64)> = pairs
            .iter()
            .filter_map(|&(xi, yi)| yi.map(|v| (xi, v + shift)))
            .collect();
        let min = shifted
            .iter()
            .map(|&(_, v)| v)
            .fold(f64::INFINITY, f64::min);
        if p < min {
            return None;
        }
        shifted
            .iter()
            .filter(|&&(_, v)| v >= p)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|&(xi, _)| xi)
    };
    if p == 0.0 {
        return x.first().copied();
    }
    let x1 = step_index(LEVEL_TOLERANCE);
    let x2 = step_index(-LEVEL_TOLERANCE);
    if let (Some(yl), Some(a)) = (last_y, x1) {
        if (p - yl).abs() < LEVEL_TOLERANCE {
            return Some((a + xmax) / 2.0);
        }
    }
    Some((x1? + x2?) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prec::{close, HAND_COMPUTED};

    const Z95: f64 = 1.959_963_984_540_054;

    fn data(times: &[f64], events: &[bool]) -> SurvivalData {
        SurvivalData::new(times.to_vec(), events.to_vec()).unwrap()
    }

    #[track_caller]
    fn assert_close(actual: f64, expected: f64) {
        assert!(
            close(actual, expected, HAND_COMPUTED),
            "{actual} != {expected}"
        );
    }

    /// Times 1, 2, 2, 2(censored), 3(censored), 4:
    /// t=1: n=6, d=1        S = 5/6,           Σ d/(n(n-d)) = 1/30
    /// t=2: n=5, d=2, c=1   S = 5/6·3/5 = 1/2, Σ = 1/30 + 2/15 = 1/6
    ///      (the subject censored at 2 is still at risk at 2)
    /// t=3: n=2, c=1        S = 1/2
    /// t=4: n=1, d=1        S = 0, variance infinite, no CI (R: NA)
    #[test]
    fn counts_ties_and_keeps_censored_subjects_at_risk_at_their_time() {
        let fit = KaplanMeierFit::fit(&data(
            &[1.0, 2.0, 2.0, 2.0, 3.0, 4.0],
            &[true, true, true, false, false, true],
        ));
        let s = fit.steps();
        assert_eq!(s.len(), 4);
        assert_eq!(
            s.iter()
                .map(|s| (s.n_risk, s.n_event, s.n_censor))
                .collect::<Vec<_>>(),
            vec![(6, 1, 0), (5, 2, 1), (2, 0, 1), (1, 1, 0)]
        );
        assert_close(s[0].surv, 5.0 / 6.0);
        assert_close(s[1].surv, 0.5);
        assert_close(s[2].surv, 0.5);
        assert_eq!(s[3].surv, 0.0);
        assert_close(s[0].log_std_err, (1.0_f64 / 30.0).sqrt());
        assert_close(s[1].log_std_err, (1.0_f64 / 6.0).sqrt());
        assert_close(s[1].std_err.unwrap(), 0.5 * (1.0_f64 / 6.0).sqrt());
        assert_close(
            s[0].lower.unwrap(),
            ((5.0_f64 / 6.0).ln() - Z95 * (1.0_f64 / 30.0).sqrt()).exp(),
        );
        // exp(log(5/6) + 1.96·0.18) > 1: capped.
        assert_eq!(s[0].upper, Some(1.0));
        assert!(s[3].log_std_err.is_infinite());
        assert_eq!((s[3].std_err, s[3].lower, s[3].upper), (None, None, None));
        assert_eq!(fit.n(), 6);
        assert_eq!(fit.n_events(), 4);
    }

    /// Same data: the curve is exactly 1/2 from t=2 until it drops at t=4,
    /// so both R rules give the midpoint (2 + 4)/2 = 3.
    #[test]
    fn median_on_a_flat_stretch_at_one_half_is_the_midpoint() {
        let fit = KaplanMeierFit::fit(&data(
            &[1.0, 2.0, 2.0, 2.0, 3.0, 4.0],
            &[true, true, true, false, false, true],
        ));
        assert_eq!(fit.median().estimate, Some(3.0));
        assert_eq!(fit.quantile(0.5).estimate, Some(3.0));
    }

    /// Times 1, 2, 3+, 4+: S = 3/4, 1/2, 1/2, 1/2. The curve ends at 1/2:
    /// print.survfit reports 2 (start of the flat), quantile.survfit
    /// averages with the last time, (2 + 4)/2 = 3.
    #[test]
    fn median_of_a_curve_ending_at_one_half_follows_each_r_rule() {
        let fit = KaplanMeierFit::fit(&data(&[1.0, 2.0, 3.0, 4.0], &[true, true, false, false]));
        assert_eq!(fit.median().estimate, Some(2.0));
        assert_eq!(fit.quantile(0.5).estimate, Some(3.0));
        // S = 3/4 exactly at t=1 until t=2: the 25% quantile is (1 + 2)/2.
        assert_eq!(fit.quantile(0.25).estimate, Some(1.5));
        assert_eq!(fit.quantile(0.0).estimate, Some(0.0));
        assert_eq!(fit.quantile(0.75).estimate, None);
    }

    #[test]
    fn median_is_not_reached_when_the_curve_stays_above_one_half() {
        let fit = KaplanMeierFit::fit(&data(&[1.0, 2.0, 3.0], &[true, false, false]));
        let m = fit.median();
        assert_eq!(m.estimate, None);
        assert_eq!(m.upper, None);
        // Lower band at t=1: exp(log(2/3) - 1.96·sqrt(1/6)) = 0.2995 < 0.5.
        assert_eq!(m.lower, Some(1.0));
    }

    /// All censored: S = 1 everywhere, zero variance, CI [1, 1], no median.
    #[test]
    fn all_censored_data_give_a_flat_curve_at_one() {
        let fit = KaplanMeierFit::fit(&data(&[3.0, 1.0, 2.0], &[false, false, false]));
        for s in fit.steps() {
            assert_eq!((s.surv, s.log_std_err), (1.0, 0.0));
            assert_eq!(
                (s.lower, s.upper, s.std_err),
                (Some(1.0), Some(1.0), Some(0.0))
            );
        }
        assert_eq!(fit.steps().len(), 3);
        assert_eq!(
            fit.median(),
            MedianSurvival {
                estimate: None,
                lower: None,
                upper: None
            }
        );
        assert_eq!(fit.quantile(0.5).estimate, None);
    }

    /// One subject dying at 5: S drops from 1 to 0 at 5, the median is 5,
    /// and R gives NA for both bounds (the bands are NA at S = 0).
    #[test]
    fn a_single_subject_with_an_event_has_median_at_its_time() {
        let fit = KaplanMeierFit::fit(&data(&[5.0], &[true]));
        assert_eq!(fit.steps()[0].surv, 0.0);
        assert_eq!(
            fit.median(),
            MedianSurvival {
                estimate: Some(5.0),
                lower: None,
                upper: None
            }
        );
        assert_eq!(fit.survival_at(4.9).surv, 1.0);
        assert_eq!(fit.survival_at(5.0).surv, 0.0);
        assert_eq!(fit.survival_at(5.0).lower, None);
    }

    #[test]
    fn survival_at_is_a_right_continuous_step_function_carried_forward() {
        let fit = KaplanMeierFit::fit(&data(&[1.0, 2.0, 3.0, 4.0], &[true, true, false, false]));
        assert_eq!(fit.survival_at(0.5).surv, 1.0);
        assert_eq!(fit.survival_at(0.5).std_err, Some(0.0));
        assert_close(fit.survival_at(1.0).surv, 0.75);
        assert_close(fit.survival_at(1.99).surv, 0.75);
        assert_close(fit.survival_at(100.0).surv, 0.5);
        assert!(fit.survival_at(f64::NAN).surv.is_nan());
    }

    /// Times 1, 2, 2, 2+, 3+, 4 again. At 2.5: subjects with time >= 2.5
    /// are 3+ and 4 (2 at risk); events up to 2.5: 1 + 2; censored: the 2+.
    #[test]
    fn risk_table_counts_at_risk_and_cumulative_events_and_censorings() {
        let fit = KaplanMeierFit::fit(&data(
            &[1.0, 2.0, 2.0, 2.0, 3.0, 4.0],
            &[true, true, true, false, false, true],
        ));
        let rows = fit.risk_table(&[0.0, 2.0, 2.5, 5.0, f64::NAN]);
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.at_risk, r.cumulative_events, r.cumulative_censored))
            .collect();
        assert_eq!(
            got,
            vec![(6, 0, 0), (5, 3, 1), (2, 3, 1), (0, 4, 2), (0, 0, 0)]
        );
    }

    #[test]
    fn rejects_confidence_levels_outside_zero_and_one() {
        let d = data(&[1.0], &[true]);
        for level in [0.0, 1.0, -0.5, f64::NAN] {
            assert!(matches!(
                KaplanMeierFit::fit_with_level(&d, level),
                Err(KaplanMeierError::InvalidConfidenceLevel(_))
            ));
        }
        let fit = KaplanMeierFit::fit_with_level(&data(&[1.0, 2.0], &[true, false]), 0.9).unwrap();
        assert_eq!(fit.conf_level(), 0.9);
    }

    /// 20 000 subjects with distinct times: every query stays fast
    /// (nothing quadratic in the number of steps).
    #[test]
    fn large_data_are_summarised_quickly() {
        let n = 20_000;
        let times: Vec<f64> = (0..n).map(|i| f64::from(i) + 1.0).collect();
        let events: Vec<bool> = (0..n).map(|i| i % 3 != 0).collect();
        let fit = KaplanMeierFit::fit(&data(&times, &events));
        assert_eq!(fit.steps().len(), n as usize);
        assert!(fit.median().estimate.is_some());
        assert!(fit.quantile(0.5).estimate.is_some());
        assert_eq!(fit.risk_table(&[0.0, 1e9]).len(), 2);
    }

    #[test]
    fn quantile_outside_zero_to_one_is_not_available() {
        let fit = KaplanMeierFit::fit(&data(&[1.0, 2.0], &[true, true]));
        assert_eq!(fit.quantile(1.5).estimate, None);
        assert_eq!(fit.quantile(f64::NAN).estimate, None);
    }
}

//! Log-rank test comparing the survival of two or more groups.
//!
//! Method: Mantel (1966), Peto & Peto (1972): at each distinct event time,
//! the deaths in each group are compared with those expected under a common
//! hazard, `E_k = Σ d · n_k / n`, with the hypergeometric covariance
//! `V_kl = Σ d (n − d)/(n − 1) · (n_k/n) (δ_kl − n_l/n)`; the statistic is
//! `(O − E)ᵀ V⁻ (O − E)` on k − 1 degrees of freedom.
//!
//! Reference implementation: R `survival` 3.5, `survdiff(Surv(time, status) ~ group)`
//! with `rho = 0`, including its handling of degenerate groups: groups with
//! zero expected events are left out of the statistic and the degrees of
//! freedom (`df = #groups with E > 0 − 1`). Where R would report `chisq = 0`
//! on 0 degrees of freedom (fewer than two groups with expected events), this
//! crate returns [`LogRankError::FewerThanTwoComparableGroups`] instead of a
//! meaningless p-value.

// Index loops read like the matrix formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::data::{merge_near_ties, SurvivalData};
use crate::distribution::chi_square_sf;
use crate::linalg::{cholesky, quadratic_form_inverse};
use std::fmt;

/// Observed and expected events in one group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogRankGroup {
    /// Number of subjects in the group.
    pub n: usize,
    /// Observed number of events.
    pub observed: f64,
    /// Expected number of events under the null hypothesis.
    pub expected: f64,
    /// Diagonal of the variance matrix for this group, `V_kk`.
    pub variance: f64,
}

/// Why a [`LogRankTest`] could not be computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LogRankError {
    /// There must be at least two groups to compare.
    TooFewGroups(usize),
    /// There must be at least one event across all groups.
    NoEvents,
    /// At least two groups must have subjects at risk at some event time
    /// (groups with zero expected events are left out, as in R).
    FewerThanTwoComparableGroups,
    /// The variance matrix of the compared groups must be invertible.
    SingularVariance,
}

impl fmt::Display for LogRankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFewGroups(k) => {
                write!(f, "log-rank test needs at least two groups, but has {k}")
            }
            Self::NoEvents => write!(f, "log-rank test needs at least one event"),
            Self::FewerThanTwoComparableGroups => write!(
                f,
                "log-rank test needs two groups with subjects at risk at an event time"
            ),
            Self::SingularVariance => write!(f, "log-rank variance matrix is singular"),
        }
    }
}

impl std::error::Error for LogRankError {}

/// Result of a log-rank test.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRankTest {
    groups: Vec<LogRankGroup>,
    variance: Vec<Vec<f64>>,
    chi_square: f64,
    df: usize,
    p_value: f64,
}

impl LogRankTest {
    /// Compares the groups, in the order given.
    ///
    /// # Errors
    /// See [`LogRankError`].
    pub fn compute(groups: &[&SurvivalData]) -> Result<Self, LogRankError> {
        let k = groups.len();
        if k < 2 {
            return Err(LogRankError::TooFewGroups(k));
        }
        // (time, group, event), sorted by time.
        let mut all: Vec<(f64, usize, bool)> = Vec::new();
        for (g, data) in groups.iter().enumerate() {
            all.extend(
                data.times()
                    .iter()
                    .zip(data.events())
                    .map(|(&t, &e)| (t, g, e)),
            );
        }
        // R applies `timefix` to the pooled data of a `survdiff` call.
        if groups.iter().all(|d| d.timefix()) {
            let mut times: Vec<f64> = all.iter().map(|r| r.0).collect();
            merge_near_ties(&mut times);
            for (r, t) in all.iter_mut().zip(times) {
                r.0 = t;
            }
        }
        all.sort_by(|a, b| a.0.total_cmp(&b.0));
        if !all.iter().any(|&(_, _, e)| e) {
            return Err(LogRankError::NoEvents);
        }

        let mut at_risk: Vec<f64> = groups.iter().map(|d| d.len() as f64).collect();
        let mut observed = vec![0.0; k];
        let mut expected = vec![0.0; k];
        let mut variance = vec![vec![0.0; k]; k];
        let mut start = 0;
        while start < all.len() {
            let t = all[start].0;
            let end = start + all[start..].iter().take_while(|r| r.0 == t).count();
            let mut deaths = vec![0.0; k];
            let mut leaving = vec![0.0; k];
            for &(_, g, e) in &all[start..end] {
                leaving[g] += 1.0;
                if e {
                    deaths[g] += 1.0;
                }
            }
            let d: f64 = deaths.iter().sum();
            let n: f64 = at_risk.iter().sum();
            if d > 0.0 {
                for g in 0..k {
                    observed[g] += deaths[g];
                    expected[g] += d * at_risk[g] / n;
                }
                if n > 1.0 {
                    let factor = d * (n - d) / (n - 1.0);
                    for g in 0..k {
                        for h in 0..k {
                            let delta = if g == h { 1.0 } else { 0.0 };
                            variance[g][h] += factor * (at_risk[g] / n) * (delta - at_risk[h] / n);
                        }
                    }
                }
            }
            for g in 0..k {
                at_risk[g] -= leaving[g];
            }
            start = end;
        }

        let kept: Vec<usize> = (0..k).filter(|&g| expected[g] > 0.0).collect();
        if kept.len() < 2 {
            return Err(LogRankError::FewerThanTwoComparableGroups);
        }
        // R drops the first of the kept groups and solves the rest.
        let rest = &kept[1..];
        let diff: Vec<f64> = rest.iter().map(|&g| observed[g] - expected[g]).collect();
        let sub: Vec<Vec<f64>> = rest
            .iter()
            .map(|&g| rest.iter().map(|&h| variance[g][h]).collect())
            .collect();
        let l = cholesky(&sub).ok_or(LogRankError::SingularVariance)?;
        let chi_square = quadratic_form_inverse(&l, &diff).max(0.0);
        let df = rest.len();
        let groups_out = groups
            .iter()
            .enumerate()
            .map(|(g, data)| LogRankGroup {
                n: data.len(),
                observed: observed[g],
                expected: expected[g],
                variance: variance[g][g],
            })
            .collect();
        Ok(Self {
            groups: groups_out,
            variance,
            chi_square,
            df,
            p_value: chi_square_sf(chi_square, df),
        })
    }

    /// The chi-square statistic (R's `chisq`).
    pub fn chi_square(&self) -> f64 {
        self.chi_square
    }

    /// Degrees of freedom: groups with expected events, minus one.
    pub fn df(&self) -> usize {
        self.df
    }

    /// Upper-tail p-value of the chi-square statistic.
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// Per-group observed and expected events, in input order.
    pub fn groups(&self) -> &[LogRankGroup] {
        &self.groups
    }

    /// The full k × k variance matrix of `O − E` (R's `var`).
    pub fn variance(&self) -> &[Vec<f64>] {
        &self.variance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prec::{close, HAND_COMPUTED};

    fn data(times: &[f64], events: &[bool]) -> SurvivalData {
        SurvivalData::new(times.to_vec(), events.to_vec()).unwrap()
    }

    /// A: deaths at 1 and 3; B: death at 2, censored at 4.
    /// t=1: n=4 (2+2), d=1: E_B += 1/2, V_BB += 1·3/3·(2/4)(2/4) = 1/4
    /// t=2: n=3 (1+2), d=1: E_B += 2/3, V_BB += 1·2/2·(2/3)(1/3) = 2/9
    /// t=3: n=2 (1+1), d=1: E_B += 1/2, V_BB += 1·1/1·(1/2)(1/2) = 1/4
    /// O_B = 1, E_B = 5/3, V = 13/18: χ² = (1 − 5/3)² / (13/18) = 8/13.
    #[test]
    fn two_groups_give_the_hand_computed_statistic() {
        let a = data(&[1.0, 3.0], &[true, true]);
        let b = data(&[2.0, 4.0], &[true, false]);
        let t = LogRankTest::compute(&[&a, &b]).unwrap();
        assert!(close(t.chi_square(), 8.0 / 13.0, HAND_COMPUTED));
        assert_eq!(t.df(), 1);
        assert!(close(t.groups()[0].observed, 2.0, HAND_COMPUTED));
        assert!(close(t.groups()[0].expected, 4.0 / 3.0, HAND_COMPUTED));
        assert!(close(t.groups()[1].expected, 5.0 / 3.0, HAND_COMPUTED));
        assert!(close(t.groups()[1].variance, 13.0 / 18.0, HAND_COMPUTED));
        assert!(close(
            t.p_value(),
            chi_square_sf(8.0 / 13.0, 1),
            HAND_COMPUTED
        ));
    }

    /// A: deaths at 1 and 2; B: one subject censored at 3, at risk at both.
    /// E_B = 1/3 + 1/2 = 5/6, V_BB = 2/9 + 1/4 = 17/36, O_B = 0:
    /// χ² = (5/6)² / (17/36) = 25/17.
    #[test]
    fn a_group_without_events_still_counts_when_it_was_at_risk() {
        let a = data(&[1.0, 2.0], &[true, true]);
        let b = data(&[3.0], &[false]);
        let t = LogRankTest::compute(&[&a, &b]).unwrap();
        assert!(close(t.chi_square(), 25.0 / 17.0, HAND_COMPUTED));
        assert_eq!(t.groups()[1].observed, 0.0);
    }

    /// B is censored before anyone dies: it expects no events, R drops it
    /// and is left with one group (chisq 0 on 0 df); here that is an error.
    #[test]
    fn a_group_never_at_risk_at_an_event_leaves_nothing_to_compare() {
        let a = data(&[5.0, 6.0], &[true, true]);
        let b = data(&[1.0], &[false]);
        assert_eq!(
            LogRankTest::compute(&[&a, &b]),
            Err(LogRankError::FewerThanTwoComparableGroups)
        );
    }

    #[test]
    fn rejects_fewer_than_two_groups_and_data_without_events() {
        let a = data(&[1.0], &[true]);
        assert_eq!(
            LogRankTest::compute(&[]),
            Err(LogRankError::TooFewGroups(0))
        );
        assert_eq!(
            LogRankTest::compute(&[&a]),
            Err(LogRankError::TooFewGroups(1))
        );
        let c = data(&[1.0, 2.0], &[false, false]);
        assert_eq!(LogRankTest::compute(&[&c, &c]), Err(LogRankError::NoEvents));
    }

    /// Two single subjects dying at the same time: n = d = 2, so the
    /// variance term d(n−d)/(n−1) is 0 and the statistic is undefined.
    #[test]
    fn a_zero_variance_is_reported_not_divided_by() {
        let a = data(&[1.0], &[true]);
        assert_eq!(
            LogRankTest::compute(&[&a, &a]),
            Err(LogRankError::SingularVariance)
        );
    }
}

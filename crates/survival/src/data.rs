//! Right-censored survival data: one follow-up time and one event flag per
//! subject, validated once.
//!
//! This is the input every estimator in the crate takes, the equivalent of R's
//! `Surv(time, status)` for right-censored data. It is validated at
//! construction: times must be finite and non-negative, and there must be as
//! many event flags as times and at least one subject. After that nothing
//! downstream re-checks.
//!
//! Unlike `Surv`, missing values are not allowed (R drops them with
//! `na.action`; here the caller decides what to drop before building the data).
//!
//! Like R's `survfit`, `survdiff` and `coxph` (argument `timefix = TRUE`, the
//! default, which calls `aeqSurv`), [`SurvivalData::new`] treats times that
//! differ only by floating-point noise as tied: over the sorted distinct
//! times, a time whose gap to the previous one is at most `sqrt(eps)`
//! (≈1.5e-8), absolutely or relative to the mean of the distinct times, is
//! replaced by the first time of its chain. So `0.1 * 3` and `0.3` are one
//! time, as in R. [`SurvivalData::new_without_timefix`] keeps times exactly
//! (R's `timefix = FALSE`). Note that R applies the rule to the whole data
//! of a call: when groups are built separately, a near-tie *across* groups
//! is only merged if the caller rounds the times.

use std::fmt;

/// R's `sqrt(.Machine$double.eps)`, `aeqSurv`'s default tolerance.
const TIMEFIX_TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// Follow-up times and event indicators for a set of subjects.
///
/// `events[i] == true` means subject `i` had the event at `times[i]`;
/// `false` means the subject was right-censored at `times[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SurvivalData {
    times: Vec<f64>,
    events: Vec<bool>,
    timefix: bool,
}

/// Why a [`SurvivalData`] could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum SurvivalDataError {
    /// There must be at least one subject.
    Empty,
    /// There must be exactly one event flag per time.
    LengthMismatch {
        /// Number of times given.
        times: usize,
        /// Number of event flags given.
        events: usize,
    },
    /// Every time must be a finite number (not NaN, not infinite).
    NonFiniteTime {
        /// Position of the offending subject.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// Every time must be zero or positive.
    NegativeTime {
        /// Position of the offending subject.
        index: usize,
        /// The offending value.
        value: f64,
    },
}

impl fmt::Display for SurvivalDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "survival data must have at least one subject"),
            Self::LengthMismatch { times, events } => write!(
                f,
                "survival data needs one event flag per time, but has {times} times and {events} event flags"
            ),
            Self::NonFiniteTime { index, value } => write!(
                f,
                "survival time of subject {index} should be finite, but is {value}"
            ),
            Self::NegativeTime { index, value } => write!(
                f,
                "survival time of subject {index} should be zero or positive, but is {value}"
            ),
        }
    }
}

impl std::error::Error for SurvivalDataError {}

impl SurvivalData {
    /// Validates and builds survival data.
    ///
    /// # Errors
    /// See [`SurvivalDataError`]: empty input, length mismatch, a NaN or
    /// infinite time, or a negative time.
    pub fn new(times: Vec<f64>, events: Vec<bool>) -> Result<Self, SurvivalDataError> {
        let mut data = Self::new_without_timefix(times, events)?;
        data.merge_near_ties();
        Ok(data)
    }

    /// Validates and builds survival data, keeping every time exactly as
    /// given (R's `timefix = FALSE`).
    ///
    /// # Errors
    /// As [`SurvivalData::new`].
    pub fn new_without_timefix(
        times: Vec<f64>,
        events: Vec<bool>,
    ) -> Result<Self, SurvivalDataError> {
        if times.len() != events.len() {
            return Err(SurvivalDataError::LengthMismatch {
                times: times.len(),
                events: events.len(),
            });
        }
        if times.is_empty() {
            return Err(SurvivalDataError::Empty);
        }
        for (index, &value) in times.iter().enumerate() {
            if !value.is_finite() {
                return Err(SurvivalDataError::NonFiniteTime { index, value });
            }
            if value < 0.0 {
                return Err(SurvivalDataError::NegativeTime { index, value });
            }
        }
        Ok(Self {
            times,
            events,
            timefix: false,
        })
    }

    /// R's `aeqSurv`: snap times closer than `sqrt(eps)` (absolutely, or
    /// relative to the mean distinct time) to the first time of their chain.
    fn merge_near_ties(&mut self) {
        self.timefix = true;
        merge_near_ties(&mut self.times);
    }

    /// Whether near-tied times were merged ([`SurvivalData::new`]) or kept
    /// exactly ([`SurvivalData::new_without_timefix`]).
    pub fn timefix(&self) -> bool {
        self.timefix
    }

    /// Number of subjects (always at least one).
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Always `false`: empty data cannot be built. Present for API symmetry.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Follow-up times, in input order.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Event flags (`true` = event, `false` = censored), in input order.
    pub fn events(&self) -> &[bool] {
        &self.events
    }

    /// Number of events.
    pub fn n_events(&self) -> usize {
        self.events.iter().filter(|&&e| e).count()
    }

    /// Subject indices sorted by time; at equal times events come before
    /// censorings (R's convention), then input order.
    pub(crate) fn order(&self) -> Vec<usize> {
        // Sorting (time, censored, index) keys directly is several times
        // faster than sorting indices with a comparator that looks the
        // values up. Times are ≥ 0, so their bit patterns sort as the
        // numbers do once −0 is made +0 (the two are the same time).
        let mut keys: Vec<(u64, bool, usize)> = self
            .times
            .iter()
            .zip(&self.events)
            .enumerate()
            .map(|(i, (t, e))| ((t + 0.0).to_bits(), !e, i))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, _, i)| i).collect()
    }

    /// Distinct times in increasing order with, at each, the number of events
    /// and the number of censorings.
    pub(crate) fn distinct_times(&self) -> Vec<(f64, usize, usize)> {
        let mut out: Vec<(f64, usize, usize)> = Vec::new();
        for i in self.order() {
            let t = self.times[i];
            let e = self.events[i];
            match out.last_mut() {
                Some(last) if last.0 == t => {
                    if e {
                        last.1 += 1;
                    } else {
                        last.2 += 1;
                    }
                }
                _ => out.push((t, usize::from(e), usize::from(!e))),
            }
        }
        out
    }
}

/// R's `aeqSurv` on a vector of times, in place.
pub(crate) fn merge_near_ties(times: &mut [f64]) {
    let mut distinct = times.to_vec();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if distinct.len() < 2 {
        return;
    }
    let mean = distinct.iter().map(|t| t.abs()).sum::<f64>() / distinct.len() as f64;
    let mut cuts = vec![distinct[0]];
    let mut any_tied = false;
    for w in distinct.windows(2) {
        let gap = w[1] - w[0];
        if gap <= TIMEFIX_TOLERANCE || gap / mean <= TIMEFIX_TOLERANCE {
            any_tied = true;
        } else {
            cuts.push(w[1]);
        }
    }
    if !any_tied {
        return;
    }
    for t in times.iter_mut() {
        // The largest cut at or below t (R's `findInterval`).
        let i = cuts.partition_point(|&c| c <= *t);
        if let Some(&c) = i.checked_sub(1).and_then(|i| cuts.get(i)) {
            *t = c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_data() {
        assert_eq!(
            SurvivalData::new(vec![], vec![]),
            Err(SurvivalDataError::Empty)
        );
    }

    #[test]
    fn rejects_a_length_mismatch() {
        assert_eq!(
            SurvivalData::new(vec![1.0, 2.0], vec![true]),
            Err(SurvivalDataError::LengthMismatch {
                times: 2,
                events: 1
            })
        );
    }

    #[test]
    fn rejects_nan_and_infinite_times() {
        assert!(matches!(
            SurvivalData::new(vec![1.0, f64::NAN], vec![true, true]),
            Err(SurvivalDataError::NonFiniteTime { index: 1, .. })
        ));
        assert!(matches!(
            SurvivalData::new(vec![f64::INFINITY], vec![false]),
            Err(SurvivalDataError::NonFiniteTime { index: 0, .. })
        ));
        assert!(matches!(
            SurvivalData::new(vec![f64::NEG_INFINITY], vec![false]),
            Err(SurvivalDataError::NonFiniteTime { index: 0, .. })
        ));
    }

    #[test]
    fn rejects_negative_times_but_accepts_zero() {
        assert_eq!(
            SurvivalData::new(vec![0.0, -1.0], vec![true, false]),
            Err(SurvivalDataError::NegativeTime {
                index: 1,
                value: -1.0
            })
        );
        assert!(SurvivalData::new(vec![0.0], vec![true]).is_ok());
    }

    #[test]
    fn times_differing_by_rounding_noise_are_tied_as_in_r() {
        // 0.1 * 3 = 0.30000000000000004 and 0.3 become one time (the
        // smaller); 2 and 2 + 1e-9 likewise; 1 and 1.001 stay apart.
        let d = SurvivalData::new(
            vec![0.1 * 3.0, 0.3, 1.0, 1.001, 2.0 + 1e-9, 2.0],
            vec![true; 6],
        )
        .unwrap();
        assert_eq!(d.times(), &[0.3, 0.3, 1.0, 1.001, 2.0, 2.0]);
        let exact =
            SurvivalData::new_without_timefix(vec![0.1 * 3.0, 0.3], vec![true, true]).unwrap();
        assert_eq!(exact.times(), &[0.1 * 3.0, 0.3]);
    }

    #[test]
    fn distinct_times_count_events_and_censorings_per_time() {
        let d = SurvivalData::new(
            vec![3.0, 1.0, 3.0, 3.0, 2.0],
            vec![false, true, true, true, false],
        )
        .unwrap();
        assert_eq!(
            d.distinct_times(),
            vec![(1.0, 1, 0), (2.0, 0, 1), (3.0, 2, 1)]
        );
    }
}

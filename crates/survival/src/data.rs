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

use std::fmt;

/// Follow-up times and event indicators for a set of subjects.
///
/// `events[i] == true` means subject `i` had the event at `times[i]`;
/// `false` means the subject was right-censored at `times[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SurvivalData {
    times: Vec<f64>,
    events: Vec<bool>,
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
        Ok(Self { times, events })
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
        let mut idx: Vec<usize> = (0..self.len()).collect();
        idx.sort_by(|&a, &b| {
            self.times[a]
                .total_cmp(&self.times[b])
                .then(self.events[b].cmp(&self.events[a]))
                .then(a.cmp(&b))
        });
        idx
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

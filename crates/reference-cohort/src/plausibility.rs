//! Plausibility rules: what the reconstruction holds itself to beyond the
//! published figures, so that its curves show nothing the paper does not.
//!
//! **Tied events.** A Kaplan–Meier curve drops at each event time by the
//! share of the patients at risk who have the event then. Several events of
//! one group at one time draw a cliff, and a reader takes a cliff for a
//! finding (an earlier version had six IL6-high liver-dysfunction events at
//! 9.70 months: a fall from 54% to 31% in one instant). The paper reports no
//! such thing, so at most [`MAX_EVENTS_AT_ONE_TIME`] events of a group
//! (endpoint × marker × group) may share a time, unless
//! [`TIE_EXCEPTIONS`] names that time with the paper's justification.

use survival::{KaplanMeierFit, SurvivalDataError};

use crate::cohort::ReferenceCohort;
use study::{Endpoint, Group, Marker};

/// At most this many events of one group may share a time. Two allows a
/// chance coincidence at the CSV's resolution of 0.01 month (about 7 hours);
/// three or more at one time would be a pattern the paper does not show.
pub const MAX_EVENTS_AT_ONE_TIME: usize = 2;

/// A time allowed to carry more than [`MAX_EVENTS_AT_ONE_TIME`] events of a
/// group, because the paper implies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TieException {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The marker that splits the cohort.
    pub marker: Marker,
    /// The group.
    pub group: Group,
    /// The time, months, as written in the CSV.
    pub time_months: f64,
    /// The number of events at that time.
    pub events: usize,
    /// Where the paper implies the tie, and how.
    pub justification: &'static str,
}

/// The documented exceptions to [`MAX_EVENTS_AT_ONE_TIME`]: none. The paper
/// implies no tied events: it gives medians, CIs, hazard ratios and p values,
/// and its Figures 2, 3, S2 and S3 show no step that stands out from its
/// neighbours. An entry needs the paper's justification, and a test checks
/// that each entry names a tie that is really there.
pub const TIE_EXCEPTIONS: &[TieException] = &[];

/// The largest number of events at one time in one group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LargestTie {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The marker.
    pub marker: Marker,
    /// The group.
    pub group: Group,
    /// The most events at one time (0 if the group has no event).
    pub events: usize,
    /// The earliest time that carries them (`None` if no event).
    pub time_months: Option<f64>,
}

impl LargestTie {
    /// Whether the rule allows it: at most [`MAX_EVENTS_AT_ONE_TIME`], or
    /// exactly as a [`TIE_EXCEPTIONS`] entry says.
    pub fn is_allowed(&self) -> bool {
        self.events <= MAX_EVENTS_AT_ONE_TIME
            || self.time_months.is_some_and(|t| {
                exception_for(self.endpoint, self.marker, self.group, t)
                    .is_some_and(|e| e.events == self.events)
            })
    }
}

/// The exception for a group and time, if one is listed.
pub fn exception_for(
    endpoint: Endpoint,
    marker: Marker,
    group: Group,
    time_months: f64,
) -> Option<&'static TieException> {
    TIE_EXCEPTIONS.iter().find(|e| {
        (e.endpoint, e.marker, e.group) == (endpoint, marker, group) && e.time_months == time_months
    })
}

/// Every event time of a group with its number of events, in time order.
/// Times are compared exactly: they are parsed from 2-decimal text, so equal
/// text gives equal numbers.
pub fn events_per_time(
    cohort: &ReferenceCohort,
    endpoint: Endpoint,
    marker: Marker,
    group: Group,
) -> Vec<(f64, usize)> {
    let mut times: Vec<f64> = cohort
        .observations(endpoint, marker, group)
        .into_iter()
        .filter(|o| o.event)
        .map(|o| o.time_months)
        .collect();
    times.sort_by(f64::total_cmp);
    let mut counts: Vec<(f64, usize)> = Vec::new();
    for t in times {
        match counts.last_mut() {
            Some((last, n)) if *last == t => *n += 1,
            _ => counts.push((t, 1)),
        }
    }
    counts
}

/// The largest tie of every endpoint × marker × group, in the CSV's order
/// (os, pfs, ttld; il6, il8; low, high).
pub fn largest_ties(cohort: &ReferenceCohort) -> Vec<LargestTie> {
    let mut out = Vec::with_capacity(12);
    for endpoint in Endpoint::ALL {
        for marker in Marker::ALL {
            for group in Group::ALL {
                // `max_by_key` keeps the last of equal maxima: iterating
                // backwards makes that the earliest time.
                let largest = events_per_time(cohort, endpoint, marker, group)
                    .into_iter()
                    .rev()
                    .max_by_key(|&(_, n)| n);
                out.push(LargestTie {
                    endpoint,
                    marker,
                    group,
                    events: largest.map_or(0, |(_, n)| n),
                    time_months: largest.map(|(t, _)| t),
                });
            }
        }
    }
    out
}

/// The window of [`largest_fall_within`] in the report: half a month, much
/// less than the 2 months between visits.
pub const FALL_WINDOW_MONTHS: f64 = 0.5;

/// The largest fall of a group's Kaplan–Meier curve within any window of
/// `window_months` (from just before an event to just after the last event
/// at most `window_months` later), as a fraction of 1. This is what a reader
/// sees as a cliff; it is reported, not held to a bound, because its size
/// also depends on how few patients remain at risk.
///
/// # Errors
/// If the group has no patient.
pub fn largest_fall_within(
    cohort: &ReferenceCohort,
    endpoint: Endpoint,
    marker: Marker,
    group: Group,
    window_months: f64,
) -> Result<f64, SurvivalDataError> {
    let data = cohort.survival_data(endpoint, marker, group)?;
    let fit = KaplanMeierFit::fit(&data);
    let events: Vec<(f64, f64, f64)> = fit
        .steps()
        .iter()
        .scan(1.0, |before, step| {
            let row = (step.time, *before, step.surv);
            *before = step.surv;
            Some((row, step.n_event > 0))
        })
        .filter_map(|(row, is_event)| is_event.then_some(row))
        .collect();
    let mut largest: f64 = 0.0;
    for (i, &(start, before, _)) in events.iter().enumerate() {
        for &(time, _, after) in events.get(i..).unwrap_or_default() {
            // 2-decimal times: a small allowance for their binary representation.
            if time > start + window_months + 1e-9 {
                break;
            }
            largest = largest.max(before - after);
        }
    }
    Ok(largest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohort(rows: &str) -> ReferenceCohort {
        ReferenceCohort::from_csv(&format!("{}\n{rows}", crate::CSV_HEADER)).unwrap()
    }

    fn ttld_il6_high(ties: &[LargestTie]) -> LargestTie {
        *ties
            .iter()
            .find(|t| {
                (t.endpoint, t.marker, t.group)
                    == (Endpoint::TimeToLiverDysfunction, Marker::Il6, Group::High)
            })
            .unwrap()
    }

    #[test]
    fn three_events_at_one_time_break_the_rule_and_two_do_not() {
        let three = "ttld,il6,high,9.70,1\nttld,il6,high,9.70,1\nttld,il6,high,9.70,1\n\
                     ttld,il6,high,3.00,1\n";
        let tie = ttld_il6_high(&largest_ties(&cohort(three)));
        assert_eq!((tie.events, tie.time_months), (3, Some(9.7)));
        assert!(!tie.is_allowed());

        let two = "ttld,il6,high,9.70,1\nttld,il6,high,9.70,1\nttld,il6,high,9.71,1\n";
        let tie = ttld_il6_high(&largest_ties(&cohort(two)));
        assert_eq!((tie.events, tie.time_months), (2, Some(9.7)));
        assert!(tie.is_allowed());
    }

    #[test]
    fn censored_rows_and_other_groups_do_not_count_towards_a_tie() {
        let rows = "ttld,il6,high,9.70,1\nttld,il6,high,9.70,1\nttld,il6,high,9.70,0\n\
                    ttld,il6,low,9.70,1\nttld,il8,high,9.70,1\npfs,il6,high,9.70,1\n";
        let ties = largest_ties(&cohort(rows));
        assert_eq!(ttld_il6_high(&ties).events, 2);
        assert!(ties.iter().all(LargestTie::is_allowed));
    }

    #[test]
    fn the_earliest_of_equally_large_ties_is_reported_and_no_event_is_zero() {
        let rows = "os,il6,low,5.00,1\nos,il6,low,5.00,1\nos,il6,low,2.00,1\nos,il6,low,2.00,1\n";
        let ties = largest_ties(&cohort(rows));
        assert_eq!((ties[0].events, ties[0].time_months), (2, Some(2.0)));
        assert_eq!((ties[1].events, ties[1].time_months), (0, None));
    }

    #[test]
    fn the_largest_fall_spans_the_events_within_the_window() {
        // 4 patients: events at 1.0, 1.4 and 3.0, one censored at 5.0.
        // S = 3/4 after 1.0, 2/4 after 1.4, 1/4 after 3.0: within 0.5 month
        // the largest fall is 1.0 to 1.4, from 1 to 1/2.
        let rows = "os,il6,low,1.00,1\nos,il6,low,1.40,1\nos,il6,low,3.00,1\nos,il6,low,5.00,0\n";
        let fall = |w| {
            largest_fall_within(
                &cohort(rows),
                Endpoint::OverallSurvival,
                Marker::Il6,
                Group::Low,
                w,
            )
            .unwrap()
        };
        assert!((fall(0.5) - 0.5).abs() < 1e-12);
        // Within 0.3 month each event stands alone: 1/4 each.
        assert!((fall(0.3) - 0.25).abs() < 1e-12);
        // Within 2 months: from 1 to 1/4.
        assert!((fall(2.0) - 0.75).abs() < 1e-12);
    }
}

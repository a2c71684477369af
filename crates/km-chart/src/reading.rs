//! One reading off a reference curve: the share of a group still free of
//! the endpoint at a given time (issue 13: the patient's course beside the
//! study). Kept apart from the chart's geometry and labels: the caller words
//! it, and it is a reading of the reconstruction, not a published figure.

use study::{Endpoint, Group, Marker};
use survival::KaplanMeierFit;

use crate::cohort::ReferenceCurves;

/// The reconstruction's Kaplan–Meier estimate at a time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveReading {
    /// The share of the group still free of the endpoint (0–1).
    pub share: f64,
    /// The time lies after the group's last follow-up: the curve's last
    /// value is carried forward there.
    pub beyond_follow_up: bool,
}

impl ReferenceCurves {
    /// The share of `group` (by `marker`) free of `endpoint` at `months`;
    /// `None` for a time that is not a finite, non-negative number or a
    /// group without data.
    pub fn reading(
        &self,
        endpoint: Endpoint,
        marker: Marker,
        group: Group,
        months: f64,
    ) -> Option<CurveReading> {
        if !months.is_finite() || months < 0.0 {
            return None;
        }
        let data = self.group(endpoint, marker, group)?;
        let last = data.times().iter().copied().fold(0.0, f64::max);
        let share = KaplanMeierFit::fit(data).survival_at(months).surv;
        share.is_finite().then_some(CurveReading {
            share,
            beyond_follow_up: months > last,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use study::published::km_comparison;

    fn curves() -> ReferenceCurves {
        ReferenceCurves::load().expect("the embedded reconstruction loads")
    }

    #[test]
    fn everyone_is_free_at_the_time_of_radioembolization() {
        let reading = curves()
            .reading(
                Endpoint::TimeToLiverDysfunction,
                Marker::Il6,
                Group::High,
                0.0,
            )
            .expect("a reading");
        assert_eq!(reading.share, 1.0);
        assert!(!reading.beyond_follow_up);
    }

    #[test]
    fn at_the_published_median_about_half_the_group_is_free() {
        // The reconstruction is built to reproduce the published medians
        // (Results, Liver dysfunction; Fig. 3a: 32.6 months): at the low-IL6 group's
        // published median time to liver dysfunction, its curve stands at
        // or just below one half (the step that reaches 0.5 is the median).
        let median = km_comparison(Endpoint::TimeToLiverDysfunction, Marker::Il6)
            .low
            .months;
        let reading = curves()
            .reading(
                Endpoint::TimeToLiverDysfunction,
                Marker::Il6,
                Group::Low,
                median,
            )
            .expect("a reading");
        assert!(
            (0.4..=0.5).contains(&reading.share),
            "{} at {median} months",
            reading.share
        );
    }

    #[test]
    fn the_share_never_rises_and_bad_times_give_nothing() {
        let curves = curves();
        let at = |m: f64| {
            curves
                .reading(
                    Endpoint::TimeToLiverDysfunction,
                    Marker::Il6,
                    Group::High,
                    m,
                )
                .map(|r| r.share)
        };
        let mut previous = 1.0;
        for month in 0..60 {
            let share = at(f64::from(month)).expect("a reading");
            assert!(share <= previous, "rises at {month} months");
            previous = share;
        }
        assert_eq!(at(f64::NAN), None);
        assert_eq!(at(-1.0), None);
        let far = curves
            .reading(
                Endpoint::TimeToLiverDysfunction,
                Marker::Il6,
                Group::High,
                1000.0,
            )
            .expect("a reading");
        assert!(far.beyond_follow_up);
    }
}

//! ADAPTER: the one place that knows where the chart's patient-level data
//! comes from. The chart and the reference cohort speak the same vocabulary
//! (`study::{Endpoint, Marker, Group}`), so nothing is translated here.
//!
//! The data are the `reference-cohort` crate's deterministic reconstruction
//! of the study's patient-level data from the published figures
//! (`static/reference/reconstructed_cohort.csv`, embedded as
//! [`RECONSTRUCTED_COHORT_CSV`], columns `endpoint,marker,group,time_months,event`).
//! It is parsed once; every view is cut from it.

use std::fmt;

use reference_cohort::{ReferenceCohort, ReferenceCohortError, RECONSTRUCTED_COHORT_CSV};
use study::{Endpoint, Group, Marker};
use survival::{SurvivalData, SurvivalDataError};

/// Why the reference data could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum CohortError {
    /// The embedded CSV must parse; carries the parser's reason.
    Csv(ReferenceCohortError),
    /// Every group must be valid survival data.
    InvalidGroup {
        /// `os/il6/low`.
        group: String,
        /// The engine's reason.
        reason: SurvivalDataError,
    },
}

impl fmt::Display for CohortError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CohortError::Csv(reason) => write!(f, "the reconstructed cohort is invalid: {reason}"),
            CohortError::InvalidGroup { group, reason } => {
                write!(f, "reference data for {group} is invalid: {reason}")
            }
        }
    }
}

impl std::error::Error for CohortError {}

/// The follow-up of every (endpoint, marker, group) the chart can show.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceCurves {
    groups: Vec<((Endpoint, Marker, Group), SurvivalData)>,
}

impl ReferenceCurves {
    /// Parses the embedded reconstruction and splits it into groups.
    pub fn load() -> Result<Self, CohortError> {
        let cohort =
            ReferenceCohort::from_csv(RECONSTRUCTED_COHORT_CSV).map_err(CohortError::Csv)?;
        let mut groups = Vec::new();
        for endpoint in Endpoint::ALL {
            for marker in Marker::ALL {
                for group in Group::ALL {
                    let data = cohort
                        .survival_data(endpoint, marker, group)
                        .map_err(|reason| CohortError::InvalidGroup {
                            group: format!(
                                "{}/{}/{}",
                                endpoint.code(),
                                marker.code(),
                                group.code()
                            ),
                            reason,
                        })?;
                    groups.push(((endpoint, marker, group), data));
                }
            }
        }
        Ok(ReferenceCurves { groups })
    }

    /// One group's follow-up.
    pub fn group(&self, endpoint: Endpoint, marker: Marker, group: Group) -> Option<&SurvivalData> {
        self.groups
            .iter()
            .find(|(key, _)| *key == (endpoint, marker, group))
            .map(|(_, data)| data)
    }

    /// The data as CSV (`endpoint,marker,group,time_months,event`), for the
    /// download link: the embedded file itself.
    pub fn csv(&self) -> &'static str {
        RECONSTRUCTED_COHORT_CSV
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use study::published::km_comparison;
    use survival::KaplanMeierFit;

    #[test]
    fn every_view_has_both_groups() {
        let curves = ReferenceCurves::load().unwrap();
        for endpoint in Endpoint::ALL {
            for marker in Marker::ALL {
                for group in Group::ALL {
                    assert!(curves.group(endpoint, marker, group).is_some());
                }
            }
        }
    }

    #[test]
    fn group_sizes_are_the_published_ones() {
        // Table 1 header: IL6 35/48, IL8 45/38; Results: PFS n = 82, liver dysfunction n = 78.
        let curves = ReferenceCurves::load().unwrap();
        let n = |e, m, g| curves.group(e, m, g).map_or(0, SurvivalData::len);
        use Endpoint::*;
        use Group::{High, Low};
        assert_eq!(n(OverallSurvival, Marker::Il6, Low), 35);
        assert_eq!(n(OverallSurvival, Marker::Il6, High), 48);
        assert_eq!(n(OverallSurvival, Marker::Il8, Low), 45);
        assert_eq!(n(OverallSurvival, Marker::Il8, High), 38);
        for marker in Marker::ALL {
            assert_eq!(
                n(ProgressionFreeSurvival, marker, Low) + n(ProgressionFreeSurvival, marker, High),
                82
            );
            assert_eq!(
                n(TimeToLiverDysfunction, marker, Low) + n(TimeToLiverDysfunction, marker, High),
                78
            );
        }
    }

    #[test]
    fn kaplan_meier_medians_match_the_published_ones_within_a_tenth_of_a_month() {
        // published.toml [[km]]: e.g. OS IL6 low 19.0, high 7.8; TTLD IL6 low 32.6.
        // The reconstruction guarantees them to 0.1 month.
        let curves = ReferenceCurves::load().unwrap();
        for endpoint in Endpoint::ALL {
            for marker in Marker::ALL {
                let published = km_comparison(endpoint, marker);
                for (group, expected) in [
                    (Group::Low, published.low.months),
                    (Group::High, published.high.months),
                ] {
                    let data = curves.group(endpoint, marker, group).unwrap();
                    let median = KaplanMeierFit::fit(data).median().estimate.unwrap();
                    assert!(
                        (median - expected).abs() <= 0.1,
                        "{endpoint:?} {marker:?} {group:?}: {median} vs {expected}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_csv_has_the_documented_columns_and_one_row_per_patient() {
        let curves = ReferenceCurves::load().unwrap();
        let mut lines = curves.csv().lines();
        assert_eq!(
            lines.next(),
            Some("endpoint,marker,group,time_months,event")
        );
        // 2 × 83 (OS) + 2 × 82 (PFS) + 2 × 78 (liver dysfunction).
        assert_eq!(lines.clone().count(), 2 * (83 + 82 + 78));
        assert!(lines.all(|l| l.split(',').count() == 5));
    }
}

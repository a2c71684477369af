//! The published figures the reconstruction must reproduce, and the
//! tolerances it is held to, in one place.
//!
//! Every value is transcribed from `reference/published.toml` (itself
//! transcribed from Öcal et al.), with the table or paragraph it comes from;
//! a test compares them with that file.

use crate::codes::{Endpoint, Marker};

/// A published median with its 95% CI, where the paper gives one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedMedian {
    /// Median, months.
    pub estimate: f64,
    /// 95% CI of the median, months (`None`: not published).
    pub ci: Option<(f64, f64)>,
}

/// A published log-rank p value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PublishedP {
    /// Printed as a value, e.g. `p = 0.009`.
    Equal(f64),
    /// Printed as a bound, e.g. `p < 0.001`.
    Below(f64),
}

/// A published univariate Cox hazard ratio (high vs low) with its 95% CI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedHazardRatio {
    /// Point estimate.
    pub estimate: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
}

/// Everything the paper publishes for one endpoint split by one marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedComparison {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The marker that splits the cohort.
    pub marker: Marker,
    /// Patients with this endpoint recorded.
    pub n: usize,
    /// Group sizes low/high, where published (only for the whole cohort of 83).
    pub group_sizes: Option<(usize, usize)>,
    /// Total events, where published.
    pub events: Option<usize>,
    /// The low group's median.
    pub low: PublishedMedian,
    /// The high group's median.
    pub high: PublishedMedian,
    /// Univariate Cox hazard ratio high vs low, where published.
    pub hazard_ratio: Option<PublishedHazardRatio>,
    /// Log-rank p value.
    pub p_log_rank: PublishedP,
    /// Where in the paper.
    pub source: &'static str,
}

/// Tolerance on a median, months.
pub const MEDIAN_TOLERANCE: f64 = 0.1;
/// Tolerance on a bound of a median's CI, months.
pub const MEDIAN_CI_TOLERANCE: f64 = 1.5;
/// Relative tolerance on a hazard ratio's point estimate.
pub const HAZARD_RATIO_RELATIVE_TOLERANCE: f64 = 0.10;
/// Tolerance on the whole cohort's median OS and its CI bounds, months.
pub const WHOLE_COHORT_TOLERANCE: f64 = 1.0;
/// The significance level the log-rank p must stay on the same side of.
pub const SIGNIFICANCE_LEVEL: f64 = 0.05;

/// Cohort size ("A total of 83 patients", Abstract).
pub const COHORT_SIZE: usize = 83;
/// Deaths ("73 (87.9%) patients had died", Results, Baseline characteristics).
pub const DEATHS: usize = 73;
/// IL6 low/high (Table 1 header).
pub const IL6_GROUPS: (usize, usize) = (35, 48);
/// IL8 low/high (Table 1 header).
pub const IL8_GROUPS: (usize, usize) = (45, 38);
/// Patients with PFS ("PFS information was missing in one patient").
pub const PFS_N: usize = 82;
/// Patients with follow-up bilirubin (Results, Liver dysfunction).
pub const TTLD_N: usize = 78;
/// Liver dysfunction events ("seen in 33 (42.3%) patients").
pub const TTLD_EVENTS: usize = 33;

/// Median OS of the whole cohort, 12.0 (95% CI 9.7–16.0) months
/// (Results, Baseline characteristics).
pub const WHOLE_COHORT_OS: PublishedMedian = PublishedMedian {
    estimate: 12.0,
    ci: Some((9.7, 16.0)),
};

const fn median(estimate: f64) -> PublishedMedian {
    PublishedMedian { estimate, ci: None }
}

/// The six endpoint × marker comparisons, in the order of the paper.
pub const PUBLISHED: [PublishedComparison; 6] = [
    PublishedComparison {
        endpoint: Endpoint::OverallSurvival,
        marker: Marker::Il6,
        n: COHORT_SIZE,
        group_sizes: Some(IL6_GROUPS),
        events: Some(DEATHS),
        low: PublishedMedian {
            estimate: 19.0,
            ci: Some((15.0, 24.7)),
        },
        high: PublishedMedian {
            estimate: 7.8,
            ci: Some((6.6, 11.8)),
        },
        // Table 2 gives 1.5-3.88; the text rounds the upper limit to 3.8.
        hazard_ratio: Some(PublishedHazardRatio {
            estimate: 2.4,
            lower: 1.5,
            upper: 3.88,
        }),
        p_log_rank: PublishedP::Below(0.001),
        source: "Results, Overall survival; Fig. 2a; Table 2",
    },
    PublishedComparison {
        endpoint: Endpoint::OverallSurvival,
        marker: Marker::Il8,
        n: COHORT_SIZE,
        group_sizes: Some(IL8_GROUPS),
        events: Some(DEATHS),
        low: median(16.0),
        high: median(8.4),
        hazard_ratio: Some(PublishedHazardRatio {
            estimate: 1.8,
            lower: 1.1,
            upper: 2.9,
        }),
        // The text's log-rank p (Fig. 2b); Table 2 gives the Cox p 0.011.
        p_log_rank: PublishedP::Equal(0.009),
        source: "Results, Overall survival; Fig. 2b; Table 2",
    },
    PublishedComparison {
        endpoint: Endpoint::ProgressionFreeSurvival,
        marker: Marker::Il6,
        n: PFS_N,
        group_sizes: None,
        events: None,
        low: median(17.9),
        high: median(5.5),
        hazard_ratio: None,
        p_log_rank: PublishedP::Below(0.001),
        source: "Results; Additional file 1: Fig. S2a",
    },
    PublishedComparison {
        endpoint: Endpoint::ProgressionFreeSurvival,
        marker: Marker::Il8,
        n: PFS_N,
        group_sizes: None,
        events: None,
        low: median(15.0),
        high: median(7.8),
        hazard_ratio: None,
        p_log_rank: PublishedP::Equal(0.017),
        source: "Results; Additional file 2: Fig. S2b",
    },
    PublishedComparison {
        endpoint: Endpoint::TimeToLiverDysfunction,
        marker: Marker::Il6,
        n: TTLD_N,
        group_sizes: None,
        events: Some(TTLD_EVENTS),
        low: median(32.6),
        high: median(9.7),
        hazard_ratio: Some(PublishedHazardRatio {
            estimate: 3.1,
            lower: 1.4,
            upper: 6.6,
        }),
        p_log_rank: PublishedP::Equal(0.003),
        source: "Results, Liver dysfunction; Fig. 3a; Table 3",
    },
    PublishedComparison {
        endpoint: Endpoint::TimeToLiverDysfunction,
        marker: Marker::Il8,
        n: TTLD_N,
        group_sizes: None,
        events: Some(TTLD_EVENTS),
        low: median(30.4),
        high: median(9.7),
        hazard_ratio: Some(PublishedHazardRatio {
            estimate: 1.5,
            lower: 0.75,
            upper: 3.0,
        }),
        p_log_rank: PublishedP::Equal(0.25),
        source: "Results, Liver dysfunction; Fig. 3b; Table 3",
    },
];

/// The published comparison for an endpoint and marker.
pub fn published(endpoint: Endpoint, marker: Marker) -> Option<&'static PublishedComparison> {
    PUBLISHED
        .iter()
        .find(|c| c.endpoint == endpoint && c.marker == marker)
}

/// A median as printed in the sensitivity analysis, where `NA` (not reached)
/// is `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedMedianNa {
    /// Median, months (`None`: NA).
    pub estimate: Option<f64>,
    /// Lower 95% limit (`None`: NA).
    pub lower: Option<f64>,
    /// Upper 95% limit (`None`: NA).
    pub upper: Option<f64>,
}

/// The sensitivity analysis of time to liver dysfunction censored at
/// progression (the 4 events after progression censored there). Not a
/// target of the reconstruction: the CSV cannot carry it (it does not link a
/// patient's PFS to its TTLD), so it is reported for information only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedSensitivity {
    /// The marker.
    pub marker: Marker,
    /// The low group.
    pub low: PublishedMedianNa,
    /// The high group.
    pub high: PublishedMedianNa,
    /// Log-rank p.
    pub p_log_rank: f64,
    /// Where in the paper.
    pub source: &'static str,
}

/// Liver dysfunction events that came after progression ("only four
/// patients were diagnosed with disease progression at the time of liver
/// dysfunction", Results).
pub const TTLD_EVENTS_AFTER_PROGRESSION: usize = 4;

/// Time to liver dysfunction censored at progression, by IL6 and by IL8
/// (Results; Additional file 3: Fig. S3a and S3b).
pub const SENSITIVITY: [PublishedSensitivity; 2] = [
    PublishedSensitivity {
        marker: Marker::Il6,
        low: PublishedMedianNa {
            estimate: None,
            lower: Some(32.6),
            upper: None,
        },
        high: PublishedMedianNa {
            estimate: Some(9.7),
            lower: Some(5.87),
            upper: None,
        },
        p_log_rank: 0.01,
        source: "Results; Additional file 3: Fig. S3a",
    },
    PublishedSensitivity {
        marker: Marker::Il8,
        low: PublishedMedianNa {
            estimate: Some(32.6),
            lower: Some(11.74),
            upper: None,
        },
        high: PublishedMedianNa {
            estimate: Some(9.7),
            lower: Some(5.87),
            upper: None,
        },
        p_log_rank: 0.22,
        source: "Results; Additional file 3: Fig. S3b",
    },
];

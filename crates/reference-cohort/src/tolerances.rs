//! How close the reconstruction must come to each published figure.
//!
//! The figures themselves are the study's (`study::published`); only the
//! tolerances belong to the reconstruction. `docs/reconstruction.md` says
//! why each is what it is.

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

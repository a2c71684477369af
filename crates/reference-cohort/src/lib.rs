//! A deterministic pseudo patient-level reconstruction of the SORAMIC IL
//! sub-study (Öcal et al.: 83 patients with advanced HCC, 90Y
//! radioembolization plus sorafenib, baseline IL6 and IL8).
//!
//! **This is not patient data.** The paper publishes none. The cohort here is
//! constructed ([`construction`]) so that, computed with the `survival`
//! engine or with R, it reproduces what the paper does publish: group sizes,
//! event counts, Kaplan–Meier medians (and their CIs where given), univariate
//! Cox hazard ratios and the side of 0.05 of each log-rank p, for overall
//! survival, progression-free survival and time to liver dysfunction, each
//! split by IL6 and by IL8 ([`report`]). Everything the paper leaves open is
//! a documented choice: see `docs/reconstruction.md`.
//!
//! The data ship as `static/reference/reconstructed_cohort.csv` (header
//! `endpoint,marker,group,time_months,event`), embedded here as
//! [`RECONSTRUCTED_COHORT_CSV`] and read with [`ReferenceCohort::from_csv`].
//! The library has no file access, no clock and no randomness, and does not
//! panic on any input, so the web app can use it in `wasm32-unknown-unknown`.
//!
//! ```
//! use reference_cohort::{Endpoint, Group, Marker, ReferenceCohort};
//! use survival::KaplanMeierFit;
//!
//! let cohort = ReferenceCohort::embedded().unwrap();
//! let data = cohort
//!     .survival_data(Endpoint::OverallSurvival, Marker::Il6, Group::Low)
//!     .unwrap();
//! assert_eq!(data.len(), 35);
//! assert_eq!(KaplanMeierFit::fit(&data).median().estimate, Some(19.0));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cohort;
pub mod construction;
pub mod plausibility;
pub mod report;
pub mod tolerances;

pub use cohort::{Observation, ReferenceCohort, ReferenceCohortError, CSV_HEADER};
/// The study's vocabulary, which the CSV's codes spell (`Endpoint::code` …).
pub use study::{Endpoint, Group, Marker};

/// The committed reconstructed cohort, `static/reference/reconstructed_cohort.csv`.
pub const RECONSTRUCTED_COHORT_CSV: &str =
    include_str!("../../../static/reference/reconstructed_cohort.csv");

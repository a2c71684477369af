//! Survival statistics in pure Rust, matching R 4.2 with `survival` 3.5.
//!
//! No dependencies, no clock, no randomness, no unsafe code and no panics on
//! any input: everything builds for `wasm32-unknown-unknown`. Every figure is
//! tested against values produced by R itself (`fixtures/generate.R`) at a
//! relative tolerance of 1e-6.
//!
//! # The nouns
//!
//! | type | what it is | R equivalent |
//! | --- | --- | --- |
//! | [`SurvivalData`] | validated follow-up times and event flags | `Surv(time, status)` |
//! | [`KaplanMeierFit`] | Kaplan–Meier curve, Greenwood variance, log-scale CI | `survfit(Surv(time, status) ~ 1)` |
//! | [`KmStep`] | one row of the curve per distinct time | `summary(fit, censored = TRUE)` |
//! | [`MedianSurvival`] | median and its CI (`None` = not reached / NA) | `print(fit)` |
//! | [`SurvivalEstimate`] | survival at a time and its CI | `summary(fit, times = t, extend = TRUE)` |
//! | [`RiskRow`] | number at risk, cumulative events and censorings | `summary(fit, times = ...)` |
//! | [`LogRankTest`] | log-rank test of two or more groups | `survdiff(Surv(time, status) ~ group)` |
//! | [`Covariates`] | validated design matrix (subjects × covariates) | the right-hand side of a `coxph` formula |
//! | [`CoxModel`] | fitting options (ties, iterations, tolerance) | `coxph(..., ties = "efron")` |
//! | [`CoxFit`] | fitted Cox model: coefficients, HRs, CIs, Wald/score/LR tests | `summary(coxph(...))` |
//!
//! # The API in one place
//!
//! ```text
//! SurvivalData::new(times: Vec<f64>, events: Vec<bool>) -> Result<SurvivalData, SurvivalDataError>
//!
//! KaplanMeierFit::fit(&SurvivalData) -> KaplanMeierFit                     // 95% CI
//! KaplanMeierFit::fit_with_level(&SurvivalData, level: f64) -> Result<KaplanMeierFit, KaplanMeierError>
//!   .steps() -> &[KmStep]        // time, n_risk, n_event, n_censor, surv, std_err, log_std_err, lower, upper
//!   .survival_at(t: f64) -> SurvivalEstimate   // { time, surv, std_err, lower, upper }
//!   .median() -> MedianSurvival                // { estimate, lower, upper: Option<f64> }, as print.survfit
//!   .quantile(p: f64) -> MedianSurvival        // as quantile.survfit
//!   .risk_table(times: &[f64]) -> Vec<RiskRow> // { time, at_risk, cumulative_events, cumulative_censored }
//!
//! LogRankTest::compute(groups: &[&SurvivalData]) -> Result<LogRankTest, LogRankError>
//!   .chi_square(), .df(), .p_value(), .groups() -> &[LogRankGroup]   // { n, observed, expected }
//!
//! Covariates::single(values: Vec<f64>) -> Result<Covariates, CoxError>
//! Covariates::from_columns(columns: Vec<Vec<f64>>) -> Result<Covariates, CoxError>
//! CoxModel::default().fit(&SurvivalData, &Covariates) -> Result<CoxFit, CoxError>   // Efron ties
//! CoxFit::fit(&SurvivalData, &Covariates) -> Result<CoxFit, CoxError>               // same, defaults
//!   .terms() -> &[CoxTerm]   // { coefficient, std_err, hazard_ratio, lower, upper, z, wald_p }
//!   .term(0)?.hazard_ratio, .wald_p(), .score_p(), .likelihood_ratio_p(),
//!   .log_likelihood_null(), .log_likelihood(), .iterations(), .converged()
//! ```
//!
//! # Conventions shared with R
//!
//! * At a time where both events and censorings occur, the events come first:
//!   censored subjects are still at risk at their censoring time.
//! * Times are compared exactly. R's `timefix = TRUE` additionally merges
//!   times that differ by less than about 1e-8 relative (floating-point
//!   noise); this crate does not, so such near-ties stay distinct.
//! * Where R prints `NA` (a CI bound on a curve that reaches 0, a median that
//!   is not reached) this crate gives `None`.
//!
//! # Example
//!
//! ```
//! use survival::{KaplanMeierFit, LogRankTest, SurvivalData};
//!
//! let a = SurvivalData::new(vec![1.0, 2.0, 2.0, 3.0], vec![true, true, false, true]).unwrap();
//! let b = SurvivalData::new(vec![2.0, 4.0, 5.0], vec![true, false, true]).unwrap();
//! let km = KaplanMeierFit::fit(&a);
//! // S = 3/4 after t = 1, exactly 1/2 from t = 2, 0 at t = 3: the curve is
//! // flat at 0.5 between 2 and 3, so R's median is the midpoint 2.5.
//! assert_eq!(km.median().estimate, Some(2.5));
//! let test = LogRankTest::compute(&[&a, &b]).unwrap();
//! assert_eq!(test.df(), 1);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod covariates;
mod cox;
mod data;
pub mod distribution;
mod kaplan_meier;
mod linalg;
mod log_rank;
pub mod prec;

pub use covariates::Covariates;
pub use cox::{CoxError, CoxFit, CoxModel, CoxTerm, Ties};
pub use data::{SurvivalData, SurvivalDataError};
pub use kaplan_meier::{
    KaplanMeierError, KaplanMeierFit, KmStep, MedianSurvival, RiskRow, SurvivalEstimate,
};
pub use log_rank::{LogRankError, LogRankGroup, LogRankTest};

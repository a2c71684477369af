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
//! SurvivalData::new_without_timefix(times, events) -> Result<SurvivalData, SurvivalDataError>
//!   .len(), .times() -> &[f64], .events() -> &[bool], .n_events(), .timefix()
//!
//! KaplanMeierFit::fit(&SurvivalData) -> KaplanMeierFit                     // 95% CI
//! KaplanMeierFit::fit_with_level(&SurvivalData, level: f64) -> Result<KaplanMeierFit, KaplanMeierError>
//!   .steps() -> &[KmStep]
//!       // KmStep { time, n_risk, n_event, n_censor, surv,
//!       //          std_err: Option<f64> (of S), log_std_err: f64 (R's fit$std.err),
//!       //          lower: Option<f64>, upper: Option<f64> }
//!   .survival_at(t: f64) -> SurvivalEstimate
//!       // SurvivalEstimate { time, surv, std_err: Option<f64>, lower: Option<f64>, upper: Option<f64> }
//!   .median() -> MedianSurvival                // as print.survfit
//!       // MedianSurvival { estimate: Option<f64>, lower: Option<f64>, upper: Option<f64> }
//!   .quantile(p: f64) -> MedianSurvival        // as quantile.survfit
//!   .risk_table(times: &[f64]) -> Vec<RiskRow>
//!       // RiskRow { time, at_risk, cumulative_events, cumulative_censored }
//!   .n(), .n_events(), .conf_level()
//!
//! LogRankTest::compute(groups: &[&SurvivalData]) -> Result<LogRankTest, LogRankError>
//!   .chi_square(), .df() -> usize, .p_value(), .variance() -> &[Vec<f64>]
//!   .groups() -> &[LogRankGroup]   // LogRankGroup { n, observed, expected, variance }
//!
//! Covariates::single(values: Vec<f64>) -> Result<Covariates, CoxError>              // named "x"
//! Covariates::from_columns(columns: Vec<Vec<f64>>) -> Result<Covariates, CoxError>  // "x1", "x2", …
//! Covariates::from_named_columns(Vec<(String, Vec<f64>)>) -> Result<Covariates, CoxError>
//!
//! CoxFit::fit(&SurvivalData, &Covariates) -> Result<CoxFit, CoxError>   // R defaults, Efron ties
//! CoxModel::new()                                                        // same defaults, adjustable:
//!     .ties(Ties::Efron | Ties::Breslow).max_iterations(20).tolerance(1e-9).conf_level(0.95)
//!     .fit(&SurvivalData, &Covariates) -> Result<CoxFit, CoxError>
//!   .terms() -> &[CoxTerm], .term(i) -> Option<&CoxTerm>
//!       // CoxTerm { name, coefficient, std_err, hazard_ratio, lower, upper, z, wald_p }
//!   .wald_chi_square(), .wald_p(), .score_chi_square(), .score_p(),
//!   .likelihood_ratio_chi_square(), .likelihood_ratio_p(), .df(),
//!   .log_likelihood_null(), .log_likelihood(), .variance(),
//!   .iterations(), .converged(), .may_be_infinite(i), .n(), .n_events()
//!
//! distribution::{normal_cdf, normal_sf, normal_quantile, chi_square_sf, erfc}
//! prec::{close_to_r, R_RELATIVE, R_ABSOLUTE, within}   // the tolerances the tests use
//! ```
//!
//! # Conventions shared with R
//!
//! * At a time where both events and censorings occur, the events come first:
//!   censored subjects are still at risk at their censoring time.
//! * Times that differ only by floating-point noise (≈1.5e-8, absolute or
//!   relative) are tied, as R's default `timefix = TRUE` does
//!   ([`SurvivalData::new`]; the pooled data again in [`LogRankTest`]).
//!   R applies it to the whole data of a call, so a per-group
//!   [`KaplanMeierFit`] equals R's `survfit` on that group's subset.
//! * Categorical covariates are expanded by the caller into 0/1 columns
//!   (treatment contrasts, as `model.matrix`); the groups of a log-rank test
//!   are given in the order the caller wants them reported.
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
pub mod meta_analysis;
pub mod prec;

pub use covariates::Covariates;
pub use cox::{CoxError, CoxFit, CoxModel, CoxTerm, Ties};
pub use data::{SurvivalData, SurvivalDataError};
pub use kaplan_meier::{
    KaplanMeierError, KaplanMeierFit, KmStep, MedianSurvival, RiskRow, SurvivalEstimate,
};
pub use log_rank::{LogRankError, LogRankGroup, LogRankTest};

//! The cohort's figures by the published cutoffs, each set beside the
//! paper's figure for the same factor.
//!
//! For each endpoint of the file (the first, and the second if mapped):
//!
//! * per marker (IL6 > 6.53, IL8 > 60.8 pg/mL; strictly above = high, as
//!   `calculator_core::assessment::Group::classify`): Kaplan–Meier
//!   per group with its median (`None` = not reached, as R's
//!   `print.survfit`), the log-rank test (`survdiff`), and the univariate Cox
//!   hazard ratio high vs low (`coxph`, Efron ties), beside the published
//!   medians, log-rank p and HR (`calculator_core::published`);
//! * univariate Cox for each of the paper's factors the file has (Tables 2
//!   and 3 rows: IL6, IL8, cirrhosis, Child–Pugh B, albumin < 36 g/L,
//!   bilirubin ≥ 17 µmol/L, mALBI 2b–3);
//! * the paper's multivariable Model 1 and Model 2 for that endpoint, with
//!   the covariates the published table lists for the model (Table 2, OS:
//!   Model 1 = IL6, IL8, cirrhosis, Child–Pugh B, albumin, bilirubin;
//!   Model 2 = IL6, IL8, cirrhosis, Child–Pugh B, mALBI. Table 3, liver
//!   dysfunction: Model 1 = IL6, albumin, bilirubin; Model 2 = IL6, mALBI).
//!
//! Missing values are handled per analysis, as R's default `na.omit`: an
//! analysis uses the patients who have its endpoint and every value it
//! needs, and reports how many it left out. In a multivariable model a
//! factor the file does not have is left out of the model, and so is a
//! factor that is constant among the complete cases (R would report `NA`
//! for it; the `survival` engine refuses a singular model), each with the
//! reason ([`DroppedFactor`]).
//!
//! A Cox hazard ratio that did not converge, may be infinite (R's warning),
//! or compares a group without events is not an estimate: it is
//! [`AnalysisError::NotEstimable`] (univariate) or an `Err` term (models),
//! with the reason ([`NotEstimable`]), never a number.
//!
//! Every statistic comes from the `survival` crate, which matches R 4.2 /
//! survival 3.5 to a relative 1e-6; `tests/r_cohort.rs` checks the whole
//! pipeline (CSV to hazard ratio) against R on messy files.

use std::borrow::Borrow;
use std::fmt;

use calculator_core::published::{
    km_comparison, CoxEndpoint, CoxModel as PublishedModel, HazardRatio, KmComparison, Marker,
    RiskFactor,
};
use survival::{
    Covariates, CoxFit, CoxTerm, KaplanMeierFit, LogRankTest, MedianSurvival, SurvivalData,
};
/// The survival engine's errors an [`AnalysisError`] carries, for those
/// who word them (the cohort tool) without depending on `survival`.
pub use survival::{CoxError, LogRankError, SurvivalDataError};

use crate::import::{Cohort, Patient};
use crate::mapping::EndpointRole;
use calculator_core::Endpoint;

/// Why one analysis gives no figure. The others are unaffected.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisError {
    /// The analysis needs at least one patient with its endpoint and values.
    NoPatients,
    /// Both groups must have patients; this one has none.
    EmptyGroup {
        /// `"low"`/`"high"`, or `"without"`/`"with"` for a factor.
        group: &'static str,
    },
    /// The survival engine refused the data.
    Data(SurvivalDataError),
    /// The log-rank test could not be computed (e.g. no events).
    LogRank(LogRankError),
    /// The Cox model could not be fitted (e.g. no events, collinear factors).
    Cox(CoxError),
    /// The Cox model was fitted, but its hazard ratio is not an estimate
    /// (shown as "not estimable" with the reason, never as a number).
    NotEstimable(NotEstimable),
    /// A cutoff must be a finite number ≥ 0, but is this.
    InvalidCutoff(f64),
    /// The search range needs 0 < min_prop < max_prop < 1, but is this.
    InvalidProportions {
        /// The smallest group fraction given.
        min_prop: f64,
        /// The largest group fraction given.
        max_prop: f64,
    },
    /// The cutoff search needs a marker value between the `min_prop` and
    /// `max_prop` quantiles that splits the patients; there is none.
    NoCandidateCutoffs,
    /// The cutoff search needs scores that vary (at least one event, and
    /// at least one patient without an event before the last time).
    ConstantScores,
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::NoPatients => {
                f.write_str("no patient has both the endpoint and the values this analysis needs")
            }
            AnalysisError::EmptyGroup { group } => {
                write!(f, "the {group} group is empty: nothing to compare")
            }
            AnalysisError::Data(error) => write!(f, "{error}"),
            AnalysisError::LogRank(error) => write!(f, "{error}"),
            AnalysisError::Cox(error) => write!(f, "{error}"),
            AnalysisError::NotEstimable(reason) => write!(f, "not estimable: {reason}"),
            AnalysisError::InvalidCutoff(value) => {
                write!(f, "a cutoff should be a finite number ≥ 0, but is {value}")
            }
            AnalysisError::InvalidProportions { min_prop, max_prop } => write!(
                f,
                "the group fractions should satisfy 0 < min < max < 1, but are {min_prop} and {max_prop}"
            ),
            AnalysisError::NoCandidateCutoffs => {
                f.write_str("no cutoff leaves enough patients in both groups")
            }
            AnalysisError::ConstantScores => {
                f.write_str("the log-rank scores do not vary (no events?)")
            }
        }
    }
}

impl std::error::Error for AnalysisError {}

/// Why a fitted Cox hazard ratio is not an estimate. R prints a number for
/// each of these (with a warning for the last two); the cohort view says
/// "not estimable" and gives this reason instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEstimable {
    /// One group has no events, so the hazard ratio is 0 or infinite (R
    /// fits it and warns "coefficient may be infinite").
    NoEventsInGroup {
        /// `"low"`/`"high"`, or `"without"`/`"with"` for a factor.
        group: &'static str,
    },
    /// Newton–Raphson did not converge within R's 20 iterations.
    DidNotConverge,
    /// The log-likelihood converged while the coefficient was still growing
    /// (R: "coefficient may be infinite"), or the estimate or its interval
    /// is not finite.
    Infinite,
}

impl fmt::Display for NotEstimable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotEstimable::NoEventsInGroup { group } => write!(
                f,
                "the {group} group has no events, so the hazard ratio is 0 or infinite"
            ),
            NotEstimable::DidNotConverge => {
                f.write_str("the Cox fit did not converge in 20 iterations")
            }
            NotEstimable::Infinite => {
                f.write_str("the estimate is infinite: the likelihood keeps rising as it grows")
            }
        }
    }
}

/// Term `index` of `fit` as an estimate, or why it is not one.
fn term_estimate(fit: &CoxFit, index: usize) -> Result<HazardRatioEstimate, NotEstimable> {
    let term = fit.term(index).ok_or(NotEstimable::Infinite)?;
    let finite = [
        term.coefficient,
        term.std_err,
        term.hazard_ratio,
        term.lower,
        term.upper,
    ]
    .iter()
    .all(|v| v.is_finite());
    if !fit.converged() {
        Err(NotEstimable::DidNotConverge)
    } else if fit.may_be_infinite(index) || !finite {
        Err(NotEstimable::Infinite)
    } else {
        Ok(HazardRatioEstimate::from(term))
    }
}

/// The univariate Cox HR of a 0/1 column, with the groups' event counts
/// (`(name, events)`, without then with) checked first: a group without
/// events has no finite HR, whatever the iteration reports.
fn univariate_hazard_ratio(
    times: &[f64],
    events: &[bool],
    name: &str,
    flags: &[bool],
    groups: [&'static str; 2],
) -> Result<HazardRatioEstimate, AnalysisError> {
    let mut counts = [0usize; 2];
    for (event, flag) in events.iter().zip(flags) {
        if *event {
            counts[usize::from(*flag)] += 1;
        }
    }
    if counts[0] + counts[1] > 0 {
        if let Some(k) = counts.iter().position(|c| *c == 0) {
            return Err(AnalysisError::NotEstimable(NotEstimable::NoEventsInGroup {
                group: groups[k],
            }));
        }
    }
    let column = flags.iter().map(|f| f64::from(u8::from(*f))).collect();
    let fit = fit_cox(times, events, vec![(name.to_owned(), column)])?;
    term_estimate(&fit, 0).map_err(AnalysisError::NotEstimable)
}

/// A fitted hazard ratio with its Wald 95% CI and p value (R: `summary(coxph)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HazardRatioEstimate {
    /// log HR (R: `coef`).
    pub coefficient: f64,
    /// Its standard error (R: `se(coef)`).
    pub std_err: f64,
    /// HR (R: `exp(coef)`).
    pub hazard_ratio: f64,
    /// Lower 95% bound (R: `lower .95`).
    pub lower: f64,
    /// Upper 95% bound (R: `upper .95`).
    pub upper: f64,
    /// Two-sided Wald p (R: `Pr(>|z|)`).
    pub p_value: f64,
}

impl From<&CoxTerm> for HazardRatioEstimate {
    fn from(term: &CoxTerm) -> Self {
        HazardRatioEstimate {
            coefficient: term.coefficient,
            std_err: term.std_err,
            hazard_ratio: term.hazard_ratio,
            lower: term.lower,
            upper: term.upper,
            p_value: term.wald_p,
        }
    }
}

/// One group's Kaplan–Meier curve.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSurvival {
    /// Patients in the group.
    pub n: usize,
    /// Events in the group.
    pub events: usize,
    /// The curve (`None` for an empty group).
    pub fit: Option<KaplanMeierFit>,
    /// The group's follow-up (`None` for an empty group): the one split a
    /// chart of the group draws, so that no view splits the patients again.
    pub data: Option<SurvivalData>,
}

impl GroupSurvival {
    /// Median survival and its CI, as R's `print.survfit` (`estimate: None`
    /// = not reached); `None` for an empty group.
    pub fn median(&self) -> Option<MedianSurvival> {
        self.fit.as_ref().map(KaplanMeierFit::median)
    }
}

/// Months with one decimal, or `NR` when not reached (the UI's
/// `cohort-median-*` hooks); `-` for an empty group.
pub fn median_label(group: &GroupSurvival) -> String {
    match group.median() {
        None => "-".to_owned(),
        Some(MedianSurvival {
            estimate: Some(months),
            ..
        }) => format!("{months:.1}"),
        Some(_) => "NR".to_owned(),
    }
}

/// The log-rank test of low vs high (R: `survdiff`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogRankSummary {
    /// χ² on 1 degree of freedom.
    pub chi_square: f64,
    /// Its p value.
    pub p_value: f64,
    /// Observed events, low then high.
    pub observed: [f64; 2],
    /// Expected events, low then high.
    pub expected: [f64; 2],
}

/// Two groups compared: curves, log-rank, and Cox HR of high vs low.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupComparison {
    /// Patients compared.
    pub n: usize,
    /// The low group (at or below the cutoff; factor absent).
    pub low: GroupSurvival,
    /// The high group (above the cutoff; factor present).
    pub high: GroupSurvival,
    /// Log-rank test.
    pub log_rank: Result<LogRankSummary, AnalysisError>,
    /// Univariate Cox HR, high vs low (Efron ties).
    pub hazard_ratio: Result<HazardRatioEstimate, AnalysisError>,
}

impl GroupComparison {
    /// Compares patients by a flag (`true` = high).
    pub fn compute(times: &[f64], events: &[bool], high: &[bool]) -> GroupComparison {
        let n = times.len().min(events.len()).min(high.len());
        let mut groups: [(Vec<f64>, Vec<bool>); 2] = Default::default();
        for i in 0..n {
            let g = &mut groups[usize::from(high[i])];
            g.0.push(times[i]);
            g.1.push(events[i]);
        }
        let [(low_t, low_e), (high_t, high_e)] = groups;
        let data = |t: Vec<f64>, e: Vec<bool>| SurvivalData::new(t, e).ok();
        let low = data(low_t, low_e);
        let high_data = data(high_t, high_e);
        let survival = |d: &Option<SurvivalData>| GroupSurvival {
            n: d.as_ref().map_or(0, SurvivalData::len),
            events: d.as_ref().map_or(0, SurvivalData::n_events),
            fit: d.as_ref().map(KaplanMeierFit::fit),
            data: d.clone(),
        };
        let (low_survival, high_survival) = (survival(&low), survival(&high_data));
        let (log_rank, hazard_ratio) = match (&low, &high_data) {
            (None, _) => (
                Err(AnalysisError::EmptyGroup { group: "low" }),
                Err(AnalysisError::EmptyGroup { group: "low" }),
            ),
            (_, None) => (
                Err(AnalysisError::EmptyGroup { group: "high" }),
                Err(AnalysisError::EmptyGroup { group: "high" }),
            ),
            (Some(l), Some(h)) => {
                let log_rank = LogRankTest::compute(&[l, h])
                    .map(|t| {
                        let g = t.groups();
                        LogRankSummary {
                            chi_square: t.chi_square(),
                            p_value: t.p_value(),
                            observed: [g[0].observed, g[1].observed],
                            expected: [g[0].expected, g[1].expected],
                        }
                    })
                    .map_err(AnalysisError::LogRank);
                let hazard_ratio = univariate_hazard_ratio(
                    &times[..n],
                    &events[..n],
                    "high",
                    &high[..n],
                    ["low", "high"],
                );
                (log_rank, hazard_ratio)
            }
        };
        GroupComparison {
            n,
            low: low_survival,
            high: high_survival,
            log_rank,
            hazard_ratio,
        }
    }
}

fn fit_cox(
    times: &[f64],
    events: &[bool],
    columns: Vec<(String, Vec<f64>)>,
) -> Result<CoxFit, AnalysisError> {
    let data = SurvivalData::new(times.to_vec(), events.to_vec()).map_err(AnalysisError::Data)?;
    let covariates = Covariates::from_named_columns(columns).map_err(AnalysisError::Cox)?;
    CoxFit::fit(&data, &covariates).map_err(AnalysisError::Cox)
}

/// One marker at its published cutoff, beside the paper.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerAnalysis {
    /// IL6 or IL8.
    pub marker: Marker,
    /// Patients with the endpoint but no value of the marker (left out).
    pub missing: usize,
    /// The comparison of low vs high.
    pub comparison: GroupComparison,
    /// The paper's medians and log-rank p for this endpoint and marker.
    pub published_km: KmComparison,
    /// The paper's univariate HR (Table 2 or 3), if it has one.
    pub published_hr: Option<HazardRatio>,
}

/// A univariate Cox model of one of the paper's factors.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorAnalysis {
    /// The factor.
    pub factor: RiskFactor,
    /// Patients in the model.
    pub n: usize,
    /// Of them, with the factor (high / yes).
    pub n_with_factor: usize,
    /// Patients with the endpoint but without the factor's values.
    pub missing: usize,
    /// HR with vs without the factor.
    pub hazard_ratio: Result<HazardRatioEstimate, AnalysisError>,
    /// The paper's univariate HR for the factor and endpoint.
    pub published: Option<HazardRatio>,
}

/// Why a factor of the paper's model is not in the cohort's model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// The file has no column for it.
    NotInFile,
    /// Every complete case has the same value (R would report `NA`).
    Constant,
}

/// A factor of the paper's model left out, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DroppedFactor {
    /// The factor.
    pub factor: RiskFactor,
    /// Why.
    pub reason: DropReason,
}

/// One term of a fitted multivariable model, beside the paper's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelTerm {
    /// The factor.
    pub factor: RiskFactor,
    /// The cohort's adjusted HR, or why it is not an estimate.
    pub estimate: Result<HazardRatioEstimate, NotEstimable>,
    /// The paper's adjusted HR for the same factor in the same model.
    pub published: Option<HazardRatio>,
}

/// A fitted multivariable model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFit {
    /// One term per factor used, in the order of the paper's table.
    pub terms: Vec<ModelTerm>,
    /// Likelihood-ratio test p of the whole model.
    pub likelihood_ratio_p: f64,
    /// Whether Newton–Raphson converged (R warns when not).
    pub converged: bool,
    /// The coefficients (log hazard ratios), in the order of `terms`.
    pub coefficients: Vec<f64>,
    /// Their variance–covariance matrix (R's `vcov(fit)`), for a centre
    /// summary (issue 14).
    pub covariance: Vec<Vec<f64>>,
}

/// The paper's Model 1 or 2 fitted on the cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelAnalysis {
    /// Which published model.
    pub model: PublishedModel,
    /// The paper's factors of this model that are in this fit.
    pub factors: Vec<RiskFactor>,
    /// The paper's factors left out, with the reason.
    pub dropped: Vec<DroppedFactor>,
    /// Complete cases used.
    pub n: usize,
    /// Events among them.
    pub events: usize,
    /// Patients with the endpoint left out for a missing value.
    pub missing: usize,
    /// The fit.
    pub fit: Result<ModelFit, AnalysisError>,
}

/// Everything for one endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointAnalysis {
    /// First or second endpoint of the file.
    pub role: EndpointRole,
    /// What it measures (decides the published comparison).
    pub kind: Endpoint,
    /// Patients with this endpoint.
    pub n: usize,
    /// Valid rows without this endpoint (time or event missing).
    pub missing_endpoint: usize,
    /// Per marker the file has.
    pub markers: Vec<MarkerAnalysis>,
    /// Univariate Cox per factor the file has.
    pub factors: Vec<FactorAnalysis>,
    /// The paper's multivariable models (none for an endpoint the paper has
    /// no Cox table for).
    pub models: Vec<ModelAnalysis>,
}

/// Everything for the cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortAnalysis {
    /// The first endpoint, then the second if mapped.
    pub endpoints: Vec<EndpointAnalysis>,
}

impl CohortAnalysis {
    /// Runs every analysis at once.
    pub fn compute(cohort: &Cohort) -> CohortAnalysis {
        AnalysisJob::new(cohort).finish()
    }

    /// The analysis of one endpoint.
    pub fn endpoint(&self, role: EndpointRole) -> Option<&EndpointAnalysis> {
        self.endpoints.iter().find(|e| e.role == role)
    }
}

/// The endpoint's data: times, events, and the patients they belong to.
pub(crate) struct EndpointData<'c> {
    pub(crate) patients: Vec<&'c Patient>,
}

impl<'c> EndpointData<'c> {
    pub(crate) fn new(cohort: &'c Cohort, role: EndpointRole) -> Self {
        EndpointData {
            patients: cohort
                .patients()
                .iter()
                .filter(|p| p.outcome(role).is_some())
                .collect(),
        }
    }

    /// Times, events and the patients for which `keep` gives a value.
    pub(crate) fn select<T>(
        &self,
        role: EndpointRole,
        keep: impl Fn(&Patient) -> Option<T>,
    ) -> (Vec<f64>, Vec<bool>, Vec<T>) {
        let mut times = Vec::new();
        let mut events = Vec::new();
        let mut values = Vec::new();
        for p in &self.patients {
            if let (Some(outcome), Some(value)) = (p.outcome(role), keep(p)) {
                times.push(outcome.time_months);
                events.push(outcome.event);
                values.push(value);
            }
        }
        (times, events, values)
    }
}

fn published_univariate(kind: Endpoint, factor: RiskFactor) -> Option<HazardRatio> {
    kind.cox().and_then(|e| e.row(factor)).map(|r| r.univariate)
}

fn marker_factor(marker: Marker) -> RiskFactor {
    match marker {
        Marker::Il6 => RiskFactor::Il6High,
        Marker::Il8 => RiskFactor::Il8High,
    }
}

fn marker_role(marker: Marker) -> crate::mapping::Role {
    match marker {
        Marker::Il6 => crate::mapping::Role::Il6,
        Marker::Il8 => crate::mapping::Role::Il8,
    }
}

/// The factors of the paper's `model` for `endpoint`, in table order.
pub fn model_factors(endpoint: CoxEndpoint, model: PublishedModel) -> Vec<RiskFactor> {
    endpoint
        .rows()
        .iter()
        .filter(|row| row.in_model(model).is_some())
        .map(|row| row.factor)
        .collect()
}

fn analyse_marker(
    cohort: &Cohort,
    role: EndpointRole,
    kind: Endpoint,
    marker: Marker,
) -> MarkerAnalysis {
    let data = EndpointData::new(cohort, role);
    let (times, events, high) = data.select(role, |p| p.factor(marker_factor(marker)));
    MarkerAnalysis {
        marker,
        missing: data.patients.len() - times.len(),
        comparison: GroupComparison::compute(&times, &events, &high),
        published_km: *km_comparison(kind, marker),
        published_hr: published_univariate(kind, marker_factor(marker)),
    }
}

fn analyse_factors(cohort: &Cohort, role: EndpointRole, kind: Endpoint) -> Vec<FactorAnalysis> {
    let data = EndpointData::new(cohort, role);
    RiskFactor::ALL
        .into_iter()
        .filter(|f| cohort.has_factor(*f))
        .map(|factor| {
            let (times, events, flags) = data.select(role, |p| p.factor(factor));
            let n_with_factor = flags.iter().filter(|f| **f).count();
            let hazard_ratio = if times.is_empty() {
                Err(AnalysisError::NoPatients)
            } else if n_with_factor == 0 {
                Err(AnalysisError::EmptyGroup { group: "with" })
            } else if n_with_factor == flags.len() {
                Err(AnalysisError::EmptyGroup { group: "without" })
            } else {
                univariate_hazard_ratio(&times, &events, factor.code(), &flags, ["without", "with"])
            };
            FactorAnalysis {
                factor,
                n: times.len(),
                n_with_factor,
                missing: data.patients.len() - times.len(),
                hazard_ratio,
                published: published_univariate(kind, factor),
            }
        })
        .collect()
}

fn analyse_model(
    cohort: &Cohort,
    role: EndpointRole,
    endpoint: CoxEndpoint,
    model: PublishedModel,
) -> ModelAnalysis {
    let data = EndpointData::new(cohort, role);
    let mut dropped = Vec::new();
    let mut factors = Vec::new();
    for factor in model_factors(endpoint, model) {
        if cohort.has_factor(factor) {
            factors.push(factor);
        } else {
            dropped.push(DroppedFactor {
                factor,
                reason: DropReason::NotInFile,
            });
        }
    }
    let (times, events, rows) = data.select(role, |p| {
        factors
            .iter()
            .map(|f| p.factor(*f))
            .collect::<Option<Vec<bool>>>()
    });
    let mut used = Vec::new();
    let mut columns = Vec::new();
    for (j, factor) in factors.iter().enumerate() {
        let column: Vec<f64> = rows.iter().map(|r| f64::from(u8::from(r[j]))).collect();
        let constant = column.windows(2).all(|w| w[0] == w[1]);
        if constant && !column.is_empty() {
            dropped.push(DroppedFactor {
                factor: *factor,
                reason: DropReason::Constant,
            });
        } else {
            used.push(*factor);
            columns.push((factor.code().to_owned(), column));
        }
    }
    let fit = if times.is_empty() {
        Err(AnalysisError::NoPatients)
    } else if columns.is_empty() {
        Err(AnalysisError::Cox(CoxError::NoCovariates))
    } else {
        fit_cox(&times, &events, columns).map(|fit| ModelFit {
            terms: used
                .iter()
                .enumerate()
                .map(|(index, factor)| ModelTerm {
                    factor: *factor,
                    estimate: term_estimate(&fit, index),
                    published: endpoint.row(*factor).and_then(|r| r.in_model(model)),
                })
                .collect(),
            likelihood_ratio_p: fit.likelihood_ratio_p(),
            converged: fit.converged(),
            coefficients: fit.terms().iter().map(|t| t.coefficient).collect(),
            covariance: fit.variance().to_vec(),
        })
    };
    ModelAnalysis {
        model,
        factors: used,
        dropped,
        n: times.len(),
        events: events.iter().filter(|e| **e).count(),
        missing: data.patients.len() - times.len(),
        fit,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Task {
    Marker(usize, Marker),
    Factors(usize),
    Model(usize, CoxEndpoint, PublishedModel),
}

/// How far an analysis has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisProgress {
    /// Analyses finished.
    pub completed: usize,
    /// Analyses in all.
    pub total: usize,
}

impl AnalysisProgress {
    /// Whether everything is computed.
    pub fn is_done(&self) -> bool {
        self.completed >= self.total
    }

    /// Fraction done, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.completed as f64 / self.total as f64
        }
    }
}

/// The analyses of a cohort, run one at a time so that a web worker can
/// report progress and stop between them. `C` is `&Cohort`, `Rc<Cohort>`,
/// `Cohort`, … anything that borrows as a [`Cohort`].
#[derive(Debug, Clone)]
pub struct AnalysisJob<C: Borrow<Cohort>> {
    cohort: C,
    tasks: Vec<Task>,
    next: usize,
    result: CohortAnalysis,
}

impl<C: Borrow<Cohort>> AnalysisJob<C> {
    /// Plans the analyses the file's columns allow.
    pub fn new(cohort: C) -> Self {
        let c = cohort.borrow();
        let mut roles = vec![(EndpointRole::Primary, c.mapping().mapping().endpoint)];
        if c.mapping().has_second_endpoint() {
            roles.push((EndpointRole::Second, c.mapping().mapping().second_endpoint));
        }
        let mut tasks = Vec::new();
        let mut endpoints = Vec::new();
        for (index, (role, kind)) in roles.into_iter().enumerate() {
            let n = c
                .patients()
                .iter()
                .filter(|p| p.outcome(role).is_some())
                .count();
            endpoints.push(EndpointAnalysis {
                role,
                kind,
                n,
                missing_endpoint: c.rows_used() - n,
                markers: Vec::new(),
                factors: Vec::new(),
                models: Vec::new(),
            });
            for marker in Marker::ALL {
                if c.has(marker_role(marker)) {
                    tasks.push(Task::Marker(index, marker));
                }
            }
            tasks.push(Task::Factors(index));
            if let Some(cox) = kind.cox() {
                for model in PublishedModel::ALL {
                    tasks.push(Task::Model(index, cox, model));
                }
            }
        }
        AnalysisJob {
            cohort,
            tasks,
            next: 0,
            result: CohortAnalysis { endpoints },
        }
    }

    /// Computes the next analysis.
    pub fn step(&mut self) -> AnalysisProgress {
        if let Some(task) = self.tasks.get(self.next).copied() {
            let cohort = self.cohort.borrow();
            match task {
                Task::Marker(i, marker) => {
                    let e = &mut self.result.endpoints[i];
                    e.markers
                        .push(analyse_marker(cohort, e.role, e.kind, marker));
                }
                Task::Factors(i) => {
                    let e = &mut self.result.endpoints[i];
                    e.factors = analyse_factors(cohort, e.role, e.kind);
                }
                Task::Model(i, endpoint, model) => {
                    let e = &mut self.result.endpoints[i];
                    e.models
                        .push(analyse_model(cohort, e.role, endpoint, model));
                }
            }
            self.next += 1;
        }
        self.progress()
    }

    /// Where the job stands.
    pub fn progress(&self) -> AnalysisProgress {
        AnalysisProgress {
            completed: self.next,
            total: self.tasks.len(),
        }
    }

    /// The results (computes whatever is left first).
    pub fn finish(mut self) -> CohortAnalysis {
        while !self.step().is_done() {}
        self.result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Low: deaths at 1, 3, 5 and a censoring at 7; high: censored at 2, 4,
    /// 6 — the high group has no events.
    #[test]
    fn a_group_without_events_has_no_hazard_ratio_but_keeps_its_curve_and_log_rank() {
        let times = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        let events = [true, false, true, false, true, false, false];
        let high = [false, true, false, true, false, true, false];
        let c = GroupComparison::compute(&times, &events, &high);
        assert_eq!(
            c.hazard_ratio,
            Err(AnalysisError::NotEstimable(NotEstimable::NoEventsInGroup {
                group: "high"
            }))
        );
        assert!(c.log_rank.is_ok());
        assert_eq!((c.low.events, c.high.events), (3, 0));
        assert_eq!(median_label(&c.high), "NR");
        let text = c.hazard_ratio.unwrap_err().to_string();
        assert!(
            text.starts_with("not estimable: the high group has no events"),
            "{text}"
        );
    }

    /// Both groups have events, but every high subject dies before every
    /// low one: the likelihood rises for ever. R 4.2.2 / survival 3.5-3,
    /// `coxph(Surv(1:4, rep(1, 4)) ~ c(1, 1, 0, 0))`, runs out of its 20
    /// iterations (see `survival`'s cox tests).
    #[test]
    fn a_fit_that_does_not_converge_is_not_estimable() {
        let c = GroupComparison::compute(
            &[1.0, 2.0, 3.0, 4.0],
            &[true; 4],
            &[true, true, false, false],
        );
        assert_eq!(
            c.hazard_ratio,
            Err(AnalysisError::NotEstimable(NotEstimable::DidNotConverge))
        );
    }

    /// The engine's "coefficient may be infinite" (R's warning) makes the
    /// term not estimable even when the fit reports convergence.
    #[test]
    fn a_coefficient_that_may_be_infinite_is_not_an_estimate() {
        let data = SurvivalData::new(
            vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            vec![true, true, false, true, false, true],
        )
        .unwrap();
        let x = Covariates::single(vec![0.0, 0.0, 1.0, 0.0, 1.0, 0.0]).unwrap();
        let fit = CoxFit::fit(&data, &x).unwrap();
        assert!(fit.converged());
        assert_eq!(term_estimate(&fit, 0), Err(NotEstimable::Infinite));
    }

    /// Events on both sides, interleaved: an ordinary estimate.
    #[test]
    fn groups_with_events_on_both_sides_give_an_estimate() {
        let c = GroupComparison::compute(
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            &[true, true, true, false, true, true],
            &[false, true, true, false, false, true],
        );
        let hr = c.hazard_ratio.expect("estimable");
        assert!(hr.hazard_ratio.is_finite() && hr.upper.is_finite());
    }
}

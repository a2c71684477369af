//! Published versus reconstructed: every target figure computed on the
//! cohort with the `survival` engine (R's `survfit`, `survdiff`, `coxph`
//! conventions), and the markdown table that `docs/reconstruction.md` carries.

use std::fmt;

use survival::{
    Covariates, CoxError, CoxFit, KaplanMeierFit, LogRankError, LogRankTest, MedianSurvival,
    SurvivalDataError,
};

use crate::cohort::{Observation, ReferenceCohort};
use crate::construction::PseudoPatient;
use crate::plausibility::{
    largest_fall_within, largest_ties, LargestTie, FALL_WINDOW_MONTHS, MAX_EVENTS_AT_ONE_TIME,
    TIE_EXCEPTIONS,
};
use crate::tolerances::{
    HAZARD_RATIO_RELATIVE_TOLERANCE, MEDIAN_CI_TOLERANCE, MEDIAN_TOLERANCE, SIGNIFICANCE_LEVEL,
    WHOLE_COHORT_TOLERANCE,
};
use study::published::{
    printed, KmComparison, PValue, PublishedMedian, PublishedMedianNa, COHORT_DEATHS,
    COHORT_MEDIAN_OS, COHORT_SIZE, KM_COMPARISONS, SENSITIVITY, TTLD_EVENTS_AFTER_PROGRESSION,
};
use study::{Endpoint, Group, Marker};

/// Why the figures could not be computed on a cohort.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportError {
    /// A group must have at least one patient.
    Data {
        /// Which subset.
        what: String,
        /// The engine's reason.
        source: SurvivalDataError,
    },
    /// The log-rank test must be computable.
    LogRank {
        /// Which comparison.
        what: String,
        /// The engine's reason.
        source: LogRankError,
    },
    /// The Cox model must be fittable.
    Cox {
        /// Which comparison.
        what: String,
        /// The engine's reason.
        source: CoxError,
    },
    /// The Cox fit must report one term.
    MissingCoxTerm {
        /// Which comparison.
        what: String,
    },
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Data { what, source } => write!(f, "{what}: {source}"),
            Self::LogRank { what, source } => write!(f, "{what}: log-rank test failed: {source}"),
            Self::Cox { what, source } => write!(f, "{what}: Cox model failed: {source}"),
            Self::MissingCoxTerm { what } => write!(f, "{what}: Cox fit has no term"),
        }
    }
}

impl std::error::Error for ReportError {}

/// Size, events and median of one group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupFigures {
    /// Patients.
    pub n: usize,
    /// Events.
    pub events: usize,
    /// Kaplan–Meier median and its 95% CI (log scale, as R's default).
    pub median: MedianSurvival,
}

/// A univariate Cox hazard ratio with its 95% CI and Wald p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HazardRatioFigures {
    /// exp(coefficient).
    pub estimate: f64,
    /// Lower 95% limit.
    pub lower: f64,
    /// Upper 95% limit.
    pub upper: f64,
    /// Wald p of the coefficient.
    pub wald_p: f64,
}

/// The reconstructed figures of one endpoint split by one marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComparisonFigures {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The marker.
    pub marker: Marker,
    /// The low group.
    pub low: GroupFigures,
    /// The high group.
    pub high: GroupFigures,
    /// Univariate Cox model, high vs low (Efron ties).
    pub hazard_ratio: HazardRatioFigures,
    /// Log-rank p (1 degree of freedom).
    pub p_log_rank: f64,
}

fn what(endpoint: Endpoint, marker: Marker) -> String {
    format!("{} by {}", endpoint.code(), marker.code())
}

fn group_figures(
    cohort: &ReferenceCohort,
    endpoint: Endpoint,
    marker: Marker,
    group: Group,
) -> Result<GroupFigures, ReportError> {
    let data = cohort
        .survival_data(endpoint, marker, group)
        .map_err(|source| ReportError::Data {
            what: format!("{} {}", what(endpoint, marker), group.code()),
            source,
        })?;
    let fit = KaplanMeierFit::fit(&data);
    Ok(GroupFigures {
        n: data.len(),
        events: data.n_events(),
        median: fit.median(),
    })
}

/// Computes the figures of one endpoint split by one marker.
///
/// # Errors
/// If a group is empty or a test cannot be computed: see [`ReportError`].
pub fn comparison_figures(
    cohort: &ReferenceCohort,
    endpoint: Endpoint,
    marker: Marker,
) -> Result<ComparisonFigures, ReportError> {
    let label = || what(endpoint, marker);
    let low = group_figures(cohort, endpoint, marker, Group::Low)?;
    let high = group_figures(cohort, endpoint, marker, Group::High)?;
    let low_data = cohort
        .survival_data(endpoint, marker, Group::Low)
        .map_err(|source| ReportError::Data {
            what: label(),
            source,
        })?;
    let high_data = cohort
        .survival_data(endpoint, marker, Group::High)
        .map_err(|source| ReportError::Data {
            what: label(),
            source,
        })?;
    let log_rank =
        LogRankTest::compute(&[&low_data, &high_data]).map_err(|source| ReportError::LogRank {
            what: label(),
            source,
        })?;
    let (pooled, high_indicator) =
        cohort
            .pooled_survival_data(endpoint, marker)
            .map_err(|source| ReportError::Data {
                what: label(),
                source,
            })?;
    let covariate = Covariates::single(high_indicator).map_err(|source| ReportError::Cox {
        what: label(),
        source,
    })?;
    let cox = CoxFit::fit(&pooled, &covariate).map_err(|source| ReportError::Cox {
        what: label(),
        source,
    })?;
    let term = cox
        .term(0)
        .ok_or_else(|| ReportError::MissingCoxTerm { what: label() })?;
    Ok(ComparisonFigures {
        endpoint,
        marker,
        low,
        high,
        hazard_ratio: HazardRatioFigures {
            estimate: term.hazard_ratio,
            lower: term.lower,
            upper: term.upper,
            wald_p: term.wald_p,
        },
        p_log_rank: log_rank.p_value(),
    })
}

/// The whole cohort's OS (all 83 rows of the IL6 split, which are the same
/// patients as the IL8 split).
///
/// # Errors
/// If the cohort has no OS rows.
pub fn whole_cohort_os(cohort: &ReferenceCohort) -> Result<GroupFigures, ReportError> {
    let (data, _) = cohort
        .pooled_survival_data(Endpoint::OverallSurvival, Marker::Il6)
        .map_err(|source| ReportError::Data {
            what: "os, whole cohort".to_owned(),
            source,
        })?;
    Ok(GroupFigures {
        n: data.len(),
        events: data.n_events(),
        median: KaplanMeierFit::fit(&data).median(),
    })
}

/// Whether a reconstructed figure meets its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the tolerance.
    Met,
    /// Outside the tolerance.
    NotMet,
    /// No published target: shown for information.
    Reported,
}

impl Verdict {
    fn from_bool(met: bool) -> Self {
        if met {
            Verdict::Met
        } else {
            Verdict::NotMet
        }
    }

    /// The word used in the table.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "NOT MET",
            Verdict::Reported => "(no target)",
        }
    }
}

/// One line of the published-versus-reconstructed table.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetCheck {
    /// e.g. "OS by IL6".
    pub comparison: String,
    /// e.g. "median, low".
    pub figure: String,
    /// As the paper prints it.
    pub published: String,
    /// As the engine computes it on the cohort.
    pub reconstructed: String,
    /// Against the tolerances of [`crate::published`].
    pub verdict: Verdict,
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "NA".to_owned(), |v| format!("{v:.2}"))
}

fn fmt_median(m: &MedianSurvival) -> String {
    format!(
        "{} ({}–{})",
        fmt_opt(m.estimate),
        fmt_opt(m.lower),
        fmt_opt(m.upper)
    )
}

fn fmt_published_median(m: &PublishedMedian) -> String {
    match m.ci {
        Some((lo, hi)) => format!("{} ({}–{})", printed(m.months), printed(lo), printed(hi)),
        None => printed(m.months),
    }
}

fn fmt_p(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}

fn within(x: Option<f64>, target: f64, tolerance: f64) -> bool {
    // A small allowance for the binary representation of 2-decimal times.
    x.is_some_and(|v| (v - target).abs() <= tolerance + 1e-9)
}

fn median_meets(
    m: &MedianSurvival,
    published: &PublishedMedian,
    tolerance: f64,
    ci_tolerance: f64,
) -> bool {
    within(m.estimate, published.months, tolerance)
        && published.ci.is_none_or(|(lo, hi)| {
            within(m.lower, lo, ci_tolerance) && within(m.upper, hi, ci_tolerance)
        })
}

fn p_meets(p: f64, published: PValue) -> bool {
    match published {
        PValue::Exact(q) => (p < SIGNIFICANCE_LEVEL) == (q < SIGNIFICANCE_LEVEL),
        PValue::Below(bound) => p < bound,
    }
}

fn comparison_checks(published: &KmComparison, figures: &ComparisonFigures) -> Vec<TargetCheck> {
    let counts = published.endpoint.counts();
    let published_n = counts.patients as usize;
    let comparison = format!(
        "{} by {}",
        endpoint_label(published.endpoint),
        published.marker.label()
    );
    let check = |figure: &str, published: String, reconstructed: String, verdict| TargetCheck {
        comparison: comparison.clone(),
        figure: figure.to_owned(),
        published,
        reconstructed,
        verdict,
    };
    let (low, high) = (&figures.low, &figures.high);
    let n = low.n + high.n;
    let events = low.events + high.events;
    let mut checks = Vec::new();
    checks.push(match published.group_sizes() {
        Some((pl, ph)) => check(
            "n low / high",
            format!("{pl} / {ph}"),
            format!("{} / {}", low.n, high.n),
            Verdict::from_bool((low.n, high.n) == (pl as usize, ph as usize) && n == published_n),
        ),
        None => check(
            "n low / high (total)",
            format!("total {published_n}"),
            format!("{} / {} ({n})", low.n, high.n),
            Verdict::from_bool(n == published_n),
        ),
    });
    checks.push(check(
        "events low + high",
        counts
            .events
            .map_or_else(|| "—".to_owned(), |e| format!("total {e}")),
        format!("{} + {} = {events}", low.events, high.events),
        counts.events.map_or(Verdict::Reported, |e| {
            Verdict::from_bool(e as usize == events)
        }),
    ));
    for (name, group, target) in [
        ("median, low (95% CI)", low, &published.low),
        ("median, high (95% CI)", high, &published.high),
    ] {
        checks.push(check(
            name,
            fmt_published_median(target),
            fmt_median(&group.median),
            Verdict::from_bool(median_meets(
                &group.median,
                target,
                MEDIAN_TOLERANCE,
                MEDIAN_CI_TOLERANCE,
            )),
        ));
    }
    let hr = figures.hazard_ratio;
    let reconstructed_hr = format!("{:.2} ({:.2}–{:.2})", hr.estimate, hr.lower, hr.upper);
    checks.push(match published.hazard_ratio() {
        Some(target) => check(
            "HR high vs low (95% CI)",
            format!(
                "{} ({}–{})",
                printed(target.estimate),
                printed(target.lower),
                printed(target.upper)
            ),
            reconstructed_hr,
            Verdict::from_bool(
                (hr.estimate / target.estimate - 1.0).abs() <= HAZARD_RATIO_RELATIVE_TOLERANCE,
            ),
        ),
        None => check(
            "HR high vs low (95% CI)",
            "—".to_owned(),
            reconstructed_hr,
            Verdict::Reported,
        ),
    });
    checks.push(check(
        "log-rank p",
        published.p_logrank.to_string(),
        fmt_p(figures.p_log_rank),
        Verdict::from_bool(p_meets(figures.p_log_rank, published.p_logrank)),
    ));
    checks
}

/// Every target of the reconstruction, checked on `cohort`.
///
/// # Errors
/// If some figure cannot be computed (an empty group): see [`ReportError`].
pub fn check_targets(cohort: &ReferenceCohort) -> Result<Vec<TargetCheck>, ReportError> {
    let mut checks = Vec::new();
    for published in &KM_COMPARISONS {
        let figures = comparison_figures(cohort, published.endpoint, published.marker)?;
        checks.extend(comparison_checks(published, &figures));
    }
    let whole = whole_cohort_os(cohort)?;
    let comparison = "OS, whole cohort".to_owned();
    checks.push(TargetCheck {
        comparison: comparison.clone(),
        figure: "n, deaths".to_owned(),
        published: format!("{COHORT_SIZE}, {COHORT_DEATHS}"),
        reconstructed: format!("{}, {}", whole.n, whole.events),
        verdict: Verdict::from_bool(
            whole.n == COHORT_SIZE as usize && whole.events == COHORT_DEATHS as usize,
        ),
    });
    checks.push(TargetCheck {
        comparison,
        figure: "median (95% CI)".to_owned(),
        published: fmt_published_median(&COHORT_MEDIAN_OS),
        reconstructed: fmt_median(&whole.median),
        verdict: Verdict::from_bool(median_meets(
            &whole.median,
            &COHORT_MEDIAN_OS,
            WHOLE_COHORT_TOLERANCE,
            WHOLE_COHORT_TOLERANCE,
        )),
    });
    Ok(checks)
}

/// Time to liver dysfunction with the events that came after progression
/// censored at progression: the paper's sensitivity analysis.
fn ttld_censored_at_progression(patient: &PseudoPatient) -> Option<Observation> {
    let ttld = patient.ttld?;
    match patient.pfs {
        Some(pfs) if ttld.event && pfs.event && pfs.time_months < ttld.time_months => {
            Some(Observation {
                time_months: pfs.time_months,
                event: false,
            })
        }
        _ => Some(ttld),
    }
}

fn fmt_published_na(m: &PublishedMedianNa) -> String {
    let f = |x: Option<f64>| x.map_or_else(|| "NA".to_owned(), printed);
    format!("{} ({}–{})", f(m.estimate), f(m.lower), f(m.upper))
}

/// The paper's sensitivity analysis (time to liver dysfunction censored at
/// progression) on the patient-level construction, for information: it is
/// not a target, and the CSV cannot carry it because it does not link a
/// patient's PFS to its liver follow-up.
///
/// # Errors
/// If a group is empty or a test cannot be computed.
pub fn sensitivity_checks(patients: &[PseudoPatient]) -> Result<Vec<TargetCheck>, ReportError> {
    let after = patients
        .iter()
        .filter(|p| p.ttld.is_some_and(|t| t.event) && ttld_censored_at_progression(p) != p.ttld)
        .count();
    let mut checks = vec![TargetCheck {
        comparison: "TTLD censored at progression".to_owned(),
        figure: "events after progression".to_owned(),
        published: format!(
            "{TTLD_EVENTS_AFTER_PROGRESSION} of {}",
            Endpoint::TimeToLiverDysfunction
                .counts()
                .events
                .unwrap_or_default()
        ),
        reconstructed: format!(
            "{after} of {}",
            patients
                .iter()
                .filter(|p| p.ttld.is_some_and(|t| t.event))
                .count()
        ),
        verdict: Verdict::Reported,
    }];
    for published in &SENSITIVITY {
        let what = format!(
            "ttld censored at progression by {}",
            published.marker.code()
        );
        let comparison = format!(
            "TTLD censored at progression by {}",
            published.marker.label()
        );
        let mut data = Vec::new();
        for group in Group::ALL {
            let (times, events): (Vec<f64>, Vec<bool>) = patients
                .iter()
                .filter(|p| p.group(published.marker) == group)
                .filter_map(ttld_censored_at_progression)
                .map(|o| (o.time_months, o.event))
                .unzip();
            data.push(
                survival::SurvivalData::new(times, events).map_err(|source| ReportError::Data {
                    what: what.clone(),
                    source,
                })?,
            );
        }
        let [low, high] = data.as_slice() else {
            continue;
        };
        for (name, group, target) in [
            ("median, low (95% CI)", low, &published.low),
            ("median, high (95% CI)", high, &published.high),
        ] {
            checks.push(TargetCheck {
                comparison: comparison.clone(),
                figure: name.to_owned(),
                published: fmt_published_na(target),
                reconstructed: fmt_median(&KaplanMeierFit::fit(group).median()),
                verdict: Verdict::Reported,
            });
        }
        let p = LogRankTest::compute(&[low, high])
            .map_err(|source| ReportError::LogRank {
                what: what.clone(),
                source,
            })?
            .p_value();
        checks.push(TargetCheck {
            comparison,
            figure: "log-rank p".to_owned(),
            published: format!("{}", published.p_log_rank),
            reconstructed: fmt_p(p),
            verdict: Verdict::Reported,
        });
    }
    Ok(checks)
}

fn endpoint_label(endpoint: Endpoint) -> &'static str {
    match endpoint {
        Endpoint::OverallSurvival => "OS",
        Endpoint::ProgressionFreeSurvival => "PFS",
        Endpoint::TimeToLiverDysfunction => "TTLD",
    }
}

/// The plausibility rule of [`crate::plausibility`] on `cohort`: for every
/// endpoint × marker, the most events at one time in each group, held to
/// [`MAX_EVENTS_AT_ONE_TIME`] (or a listed exception); and, for information,
/// the largest fall of each curve within [`FALL_WINDOW_MONTHS`].
///
/// # Errors
/// If a group has no patient.
pub fn plausibility_checks(cohort: &ReferenceCohort) -> Result<Vec<TargetCheck>, ReportError> {
    let ties = largest_ties(cohort);
    let rule = if TIE_EXCEPTIONS.is_empty() {
        format!("at most {MAX_EVENTS_AT_ONE_TIME} (rule)")
    } else {
        format!("at most {MAX_EVENTS_AT_ONE_TIME} (rule) or a listed exception")
    };
    let mut checks = Vec::new();
    for endpoint in Endpoint::ALL {
        for marker in Marker::ALL {
            let comparison = format!("{} by {}", endpoint_label(endpoint), marker.label());
            let of = |group| {
                ties.iter()
                    .find(|t| (t.endpoint, t.marker, t.group) == (endpoint, marker, group))
            };
            let (Some(low), Some(high)) = (of(Group::Low), of(Group::High)) else {
                continue;
            };
            let fmt_tie = |t: &LargestTie| match t.time_months {
                Some(time) => format!("{} (at {time:.2})", t.events),
                None => "0".to_owned(),
            };
            checks.push(TargetCheck {
                comparison: comparison.clone(),
                figure: "most events at one time, low / high".to_owned(),
                published: rule.clone(),
                reconstructed: format!("{} / {}", fmt_tie(low), fmt_tie(high)),
                verdict: Verdict::from_bool(low.is_allowed() && high.is_allowed()),
            });
            let mut falls = Vec::with_capacity(2);
            for group in Group::ALL {
                let fall = largest_fall_within(cohort, endpoint, marker, group, FALL_WINDOW_MONTHS)
                    .map_err(|source| ReportError::Data {
                        what: format!("{} {}", what(endpoint, marker), group.code()),
                        source,
                    })?;
                falls.push(format!("{:.0}%", 100.0 * fall));
            }
            checks.push(TargetCheck {
                comparison,
                figure: format!("largest fall within {FALL_WINDOW_MONTHS} month, low / high"),
                published: "—".to_owned(),
                reconstructed: falls.join(" / "),
                verdict: Verdict::Reported,
            });
        }
    }
    Ok(checks)
}

/// The line before the generated table in `docs/reconstruction.md`.
pub const TABLE_BEGIN: &str =
    "<!-- BEGIN GENERATED TABLE: cargo run -p reference-cohort --bin generate-reference-cohort -->";
/// The line after the generated table.
pub const TABLE_END: &str = "<!-- END GENERATED TABLE -->";

/// The checks as a markdown table.
pub fn markdown_table(checks: &[TargetCheck]) -> String {
    let mut out = String::from(
        "| comparison | figure | published | reconstructed | verdict |\n| --- | --- | --- | --- | --- |\n",
    );
    for c in checks {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            c.comparison,
            c.figure,
            c.published,
            c.reconstructed,
            c.verdict.label()
        ));
    }
    out
}

/// The text between the markers of `docs/reconstruction.md`: the targets
/// checked on `cohort`, the sensitivity analysis on `patients`, then the
/// plausibility rule on `cohort`.
///
/// # Errors
/// If some figure cannot be computed.
pub fn generated_section(
    cohort: &ReferenceCohort,
    patients: &[PseudoPatient],
) -> Result<String, ReportError> {
    Ok(format!(
        "{}\nSensitivity analysis, for information (not a target; computed on the \
         patient-level construction, which links PFS and liver follow-up):\n\n{}\n\
         Plausibility, a rule of the reconstruction rather than a published figure \
         (`src/plausibility.rs`): no time carries more than {MAX_EVENTS_AT_ONE_TIME} \
         events of one group unless a documented exception names it (there are {}); \
         the largest fall of each curve within {FALL_WINDOW_MONTHS} month is shown for \
         information:\n\n{}",
        markdown_table(&check_targets(cohort)?),
        markdown_table(&sensitivity_checks(patients)?),
        if TIE_EXCEPTIONS.is_empty() {
            "none".to_owned()
        } else {
            TIE_EXCEPTIONS.len().to_string()
        },
        markdown_table(&plausibility_checks(cohort)?)
    ))
}

/// `doc` with the text between [`TABLE_BEGIN`] and [`TABLE_END`] replaced by
/// `table`; `None` if the markers are missing or out of order.
pub fn replace_generated_table(doc: &str, table: &str) -> Option<String> {
    let start = doc.find(TABLE_BEGIN)? + TABLE_BEGIN.len();
    let end = start + doc.get(start..)?.find(TABLE_END)?;
    Some(format!(
        "{}\n{}{}",
        doc.get(..start)?,
        table,
        doc.get(end..)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_section_is_replaced_and_nothing_else() {
        let doc = format!("intro\n{TABLE_BEGIN}\nold\n{TABLE_END}\noutro\n");
        let new = replace_generated_table(&doc, "| new |\n").unwrap();
        assert_eq!(
            new,
            format!("intro\n{TABLE_BEGIN}\n| new |\n{TABLE_END}\noutro\n")
        );
        assert_eq!(replace_generated_table(&new, "| new |\n").unwrap(), new);
        assert_eq!(replace_generated_table("no markers", "x"), None);
        assert_eq!(
            replace_generated_table(&format!("{TABLE_END}{TABLE_BEGIN}"), "x"),
            None
        );
    }

    #[test]
    fn a_bound_p_must_be_below_it_and_a_value_on_its_side_of_005() {
        assert!(p_meets(0.0004, PValue::Below(0.001)));
        assert!(!p_meets(0.002, PValue::Below(0.001)));
        assert!(p_meets(0.3, PValue::Exact(0.25)));
        assert!(!p_meets(0.04, PValue::Exact(0.25)));
    }
}

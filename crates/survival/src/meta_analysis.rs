//! Meta-analysis of per-centre estimates (issue 14): fixed effect (inverse
//! variance) and random effects (DerSimonian–Laird, REML), with τ², I², H²,
//! Cochran's Q and its p value.
//!
//! Matches R's `metafor::rma(yi, vi, method = "FE" | "DL" | "REML")`
//! (Viechtbauer, J Stat Softw 2010): the same estimators and the same
//! definitions of I² and H², checked to 1e-6 in `tests/r_meta_analysis.rs`.
//! Where it differs: REML is iterated to a relative change below 1e-12
//! (metafor stops at an absolute 1e-5 by default; the R check tightens it),
//! by the fixed-point update of Viechtbauer (2005), truncated at zero.
//!
//! The estimates are on the scale given (log hazard ratios, for the cohort
//! tool); exponentiating is the caller's.

use crate::distribution::{chi_square_sf, normal_quantile, normal_sf};

/// One centre's estimate and its sampling variance (the squared standard
/// error).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Study {
    /// The estimate (a log hazard ratio, for the cohort tool).
    pub estimate: f64,
    /// Its sampling variance.
    pub variance: f64,
}

/// The pooling model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Inverse-variance fixed (common) effect.
    FixedEffect,
    /// Random effects, τ² by the method of moments of DerSimonian and Laird.
    DerSimonianLaird,
    /// Random effects, τ² by restricted maximum likelihood.
    Reml,
}

impl Method {
    /// metafor's name of the method.
    pub fn code(self) -> &'static str {
        match self {
            Method::FixedEffect => "FE",
            Method::DerSimonianLaird => "DL",
            Method::Reml => "REML",
        }
    }
}

/// Why studies cannot be pooled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetaAnalysisError {
    /// No study at all; random effects need at least two.
    TooFewStudies {
        /// How many were given.
        studies: usize,
        /// How many the model needs.
        needed: usize,
    },
    /// A study's estimate or variance is not finite.
    NotFinite {
        /// 0-based position of the study.
        study: usize,
    },
    /// A study's variance is zero or negative.
    NonPositiveVariance {
        /// 0-based position of the study.
        study: usize,
        /// The variance given.
        variance: f64,
    },
    /// REML did not converge within the iteration limit.
    NotConverged {
        /// The iteration limit reached.
        iterations: usize,
    },
}

impl std::fmt::Display for MetaAnalysisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MetaAnalysisError::TooFewStudies { studies, needed } => {
                write!(f, "{studies} studies; this model needs at least {needed}")
            }
            MetaAnalysisError::NotFinite { study } => {
                write!(
                    f,
                    "study {} has an estimate or variance that is not finite",
                    study + 1
                )
            }
            MetaAnalysisError::NonPositiveVariance { study, variance } => write!(
                f,
                "study {} has variance {variance}; a variance must be positive",
                study + 1
            ),
            MetaAnalysisError::NotConverged { iterations } => {
                write!(f, "REML did not converge in {iterations} iterations")
            }
        }
    }
}

impl std::error::Error for MetaAnalysisError {}

/// The pooled estimate and the heterogeneity statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetaAnalysis {
    /// The model.
    pub method: Method,
    /// Number of studies pooled.
    pub studies: usize,
    /// The pooled estimate.
    pub estimate: f64,
    /// Its standard error.
    pub standard_error: f64,
    /// Estimate / standard error.
    pub z: f64,
    /// Two-sided p value of the pooled estimate.
    pub p: f64,
    /// Lower end of the 95% confidence interval.
    pub lower: f64,
    /// Upper end of the 95% confidence interval.
    pub upper: f64,
    /// Between-centre variance (0 for the fixed-effect model).
    pub tau2: f64,
    /// I², in percent.
    pub i2: f64,
    /// H².
    pub h2: f64,
    /// Cochran's Q.
    pub q: f64,
    /// Its degrees of freedom (studies − 1).
    pub q_df: usize,
    /// Its p value (χ² with `q_df` degrees of freedom).
    pub q_p: f64,
    /// REML iterations (0 for the closed-form methods).
    pub iterations: usize,
}

/// REML's iteration limit and tolerance (relative change of τ²).
const REML_MAX_ITERATIONS: usize = 1000;
const REML_TOLERANCE: f64 = 1e-12;

/// Pools `studies` with `method`.
pub fn meta_analyse(studies: &[Study], method: Method) -> Result<MetaAnalysis, MetaAnalysisError> {
    let needed = match method {
        Method::FixedEffect => 1,
        Method::DerSimonianLaird | Method::Reml => 2,
    };
    if studies.len() < needed {
        return Err(MetaAnalysisError::TooFewStudies {
            studies: studies.len(),
            needed,
        });
    }
    for (study, s) in studies.iter().enumerate() {
        if !s.estimate.is_finite() || !s.variance.is_finite() {
            return Err(MetaAnalysisError::NotFinite { study });
        }
        if s.variance <= 0.0 {
            return Err(MetaAnalysisError::NonPositiveVariance {
                study,
                variance: s.variance,
            });
        }
    }
    let k = studies.len();
    let df = k - 1;

    // Cochran's Q from the fixed-effect weights, whatever the model.
    let (fixed, _) = weighted_mean(studies, 0.0);
    let weights: Vec<f64> = studies.iter().map(|s| 1.0 / s.variance).collect();
    let sum_w: f64 = weights.iter().sum();
    let sum_w2: f64 = weights.iter().map(|w| w * w).sum();
    let q: f64 = studies
        .iter()
        .zip(&weights)
        .map(|(s, w)| w * (s.estimate - fixed).powi(2))
        .sum();
    let q_p = if df == 0 { 1.0 } else { chi_square_sf(q, df) };

    let (tau2, iterations) = match method {
        Method::FixedEffect => (0.0, 0),
        Method::DerSimonianLaird => {
            let c = sum_w - sum_w2 / sum_w;
            (((q - df as f64) / c).max(0.0), 0)
        }
        Method::Reml => reml_tau2(studies)?,
    };

    let (estimate, standard_error) = weighted_mean(studies, tau2);
    let z = estimate / standard_error;
    let p = 2.0 * normal_sf(z.abs());
    let crit = normal_quantile(0.975);

    // metafor: for the fixed-effect model I² = (Q − df)/Q; for random
    // effects I² = τ²/(τ² + s²), with s² the "typical" within-study variance
    // (Higgins & Thompson 2002).
    let (i2, h2) = match method {
        Method::FixedEffect => {
            let i2 = if q > 0.0 {
                ((q - df as f64) / q).max(0.0) * 100.0
            } else {
                0.0
            };
            let h2 = if df > 0 { q / df as f64 } else { 1.0 };
            (i2, h2)
        }
        Method::DerSimonianLaird | Method::Reml => {
            let s2 = df as f64 * sum_w / (sum_w * sum_w - sum_w2);
            (100.0 * tau2 / (tau2 + s2), (tau2 + s2) / s2)
        }
    };

    Ok(MetaAnalysis {
        method,
        studies: k,
        estimate,
        standard_error,
        z,
        p,
        lower: estimate - crit * standard_error,
        upper: estimate + crit * standard_error,
        tau2,
        i2,
        h2,
        q,
        q_df: df,
        q_p,
        iterations,
    })
}

/// The inverse-variance weighted mean with weights 1/(vᵢ + τ²), and its
/// standard error.
fn weighted_mean(studies: &[Study], tau2: f64) -> (f64, f64) {
    let mut sum_w = 0.0;
    let mut sum_wy = 0.0;
    for s in studies {
        let w = 1.0 / (s.variance + tau2);
        sum_w += w;
        sum_wy += w * s.estimate;
    }
    (sum_wy / sum_w, (1.0 / sum_w).sqrt())
}

/// REML τ² by the fixed-point update τ² ← Σwᵢ²((yᵢ − μ̂)² − vᵢ)/Σwᵢ² + 1/Σwᵢ
/// (Viechtbauer 2005, eq. 10), started at the DerSimonian–Laird value and
/// truncated at zero.
fn reml_tau2(studies: &[Study]) -> Result<(f64, usize), MetaAnalysisError> {
    let mut tau2 = {
        let weights: Vec<f64> = studies.iter().map(|s| 1.0 / s.variance).collect();
        let sum_w: f64 = weights.iter().sum();
        let sum_w2: f64 = weights.iter().map(|w| w * w).sum();
        let (fixed, _) = weighted_mean(studies, 0.0);
        let q: f64 = studies
            .iter()
            .zip(&weights)
            .map(|(s, w)| w * (s.estimate - fixed).powi(2))
            .sum();
        ((q - (studies.len() - 1) as f64) / (sum_w - sum_w2 / sum_w)).max(0.0)
    };
    for iteration in 1..=REML_MAX_ITERATIONS {
        let (mu, _) = weighted_mean(studies, tau2);
        let mut sum_w = 0.0;
        let mut sum_w2 = 0.0;
        let mut numerator = 0.0;
        for s in studies {
            let w = 1.0 / (s.variance + tau2);
            sum_w += w;
            sum_w2 += w * w;
            numerator += w * w * ((s.estimate - mu).powi(2) - s.variance);
        }
        let next = (numerator / sum_w2 + 1.0 / sum_w).max(0.0);
        let change = (next - tau2).abs();
        tau2 = next;
        if change <= REML_TOLERANCE * tau2.max(1e-300) || (tau2 == 0.0 && change == 0.0) {
            return Ok((tau2, iteration));
        }
    }
    Err(MetaAnalysisError::NotConverged {
        iterations: REML_MAX_ITERATIONS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn studies(pairs: &[(f64, f64)]) -> Vec<Study> {
        pairs
            .iter()
            .map(|&(estimate, variance)| Study { estimate, variance })
            .collect()
    }

    #[test]
    fn two_equal_precision_studies_pool_to_their_mean_by_hand() {
        // y = 0.2 and 0.6, v = 0.04 each: w = 25 each; mean 0.4;
        // SE = sqrt(1/50) = 0.141421…; Q = 25·0.04 + 25·0.04 = 2, df 1.
        let s = studies(&[(0.2, 0.04), (0.6, 0.04)]);
        let fe = meta_analyse(&s, Method::FixedEffect).expect("pools");
        assert!((fe.estimate - 0.4).abs() < 1e-15);
        assert!((fe.standard_error - (1.0f64 / 50.0).sqrt()).abs() < 1e-15);
        assert!((fe.q - 2.0).abs() < 1e-12);
        // I² = (Q − df)/Q = 50%.
        assert!((fe.i2 - 50.0).abs() < 1e-9);
        // DL: C = 50 − 1250/50 = 25; τ² = (2 − 1)/25 = 0.04.
        let dl = meta_analyse(&s, Method::DerSimonianLaird).expect("pools");
        assert!((dl.tau2 - 0.04).abs() < 1e-15);
        // Weights 1/0.08 = 12.5 each: SE = sqrt(1/25) = 0.2.
        assert!((dl.standard_error - 0.2).abs() < 1e-15);
        // s² = 1·50/(2500 − 1250) = 0.04: I² = 0.04/0.08 = 50%, H² = 2.
        assert!((dl.i2 - 50.0).abs() < 1e-9);
        assert!((dl.h2 - 2.0).abs() < 1e-12);
    }

    #[test]
    fn homogeneous_studies_have_no_between_centre_variance() {
        let s = studies(&[(0.5, 0.1), (0.5, 0.2), (0.5, 0.05)]);
        for method in [Method::DerSimonianLaird, Method::Reml] {
            let m = meta_analyse(&s, method).expect("pools");
            assert_eq!(m.tau2, 0.0, "{method:?}");
            assert!((m.estimate - 0.5).abs() < 1e-15);
        }
    }

    #[test]
    fn bad_input_is_named_by_study() {
        assert_eq!(
            meta_analyse(&studies(&[(0.1, 0.1)]), Method::Reml),
            Err(MetaAnalysisError::TooFewStudies {
                studies: 1,
                needed: 2
            })
        );
        assert_eq!(
            meta_analyse(&studies(&[(0.1, 0.1), (0.2, 0.0)]), Method::FixedEffect),
            Err(MetaAnalysisError::NonPositiveVariance {
                study: 1,
                variance: 0.0
            })
        );
        assert_eq!(
            meta_analyse(
                &studies(&[(f64::INFINITY, 0.1), (0.2, 0.1)]),
                Method::FixedEffect
            ),
            Err(MetaAnalysisError::NotFinite { study: 0 })
        );
        assert!(meta_analyse(&[], Method::FixedEffect).is_err());
    }
}

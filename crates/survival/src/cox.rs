//! Cox proportional hazards regression, one or several covariates, Efron
//! (default) or Breslow handling of tied event times.
//!
//! Method: Cox (1972) partial likelihood; ties by Efron (1977) or Breslow
//! (1974); maximised by Newton–Raphson from β = 0 with step halving.
//!
//! Reference implementation: R `survival` 3.5, `coxph(Surv(time, status) ~ x, ties = "efron")`
//! (C routine `coxfit6`) with its defaults `iter.max = 20`, `eps = 1e-9`:
//!
//! * covariates are centred before fitting (this changes nothing in the
//!   estimates, only keeps `exp(xβ)` in range);
//! * iteration stops when `|1 − ℓ_best / ℓ_new| ≤ eps`; a step that lowers
//!   the log-likelihood (or overflows) is pulled back towards the last good β,
//!   `β_new ← (β_new + h·β)/(h + 1)` on the h-th consecutive halving;
//! * the score test is `U(0)ᵀ I(0)⁻¹ U(0)`, the Wald test `β̂ᵀ I(β̂) β̂`, the
//!   likelihood-ratio test `2 (ℓ(β̂) − ℓ(0))`, each on p degrees of freedom;
//!   each term's Wald p is `P(χ²₁ > (β/se)²)` and its CI `exp(β ∓ z·se)`.
//!
//! Deliberate differences from R: a singular information matrix (a constant
//! or collinear covariate) is an error here, where R drops the column and
//! reports `NA`; no strata, weights, offsets or robust variance (yet); a
//! model that did not converge in `max_iterations` is still returned, with
//! [`CoxFit::converged`] false (R warns).

// Index loops read like the matrix formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::covariates::Covariates;
use crate::data::SurvivalData;
use crate::distribution::{chi_square_sf, normal_quantile};
use crate::linalg::{cholesky, cholesky_inverse, cholesky_solve};
use std::fmt;

/// How tied event times enter the partial likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ties {
    /// Efron's approximation (R's default).
    #[default]
    Efron,
    /// Breslow's approximation.
    Breslow,
}

/// Why a Cox model could not be built or fitted.
#[derive(Debug, Clone, PartialEq)]
pub enum CoxError {
    /// There must be at least one covariate column.
    NoCovariates,
    /// There must be at least one subject (row).
    NoSubjects,
    /// Every covariate column must have the same number of rows as the first.
    RaggedColumns {
        /// Index of the offending column.
        column: usize,
        /// Its length.
        len: usize,
        /// The length of the first column.
        expected: usize,
    },
    /// Every covariate value must be finite.
    NonFiniteCovariate {
        /// Column of the offending value.
        column: usize,
        /// Row of the offending value.
        row: usize,
        /// The offending value.
        value: f64,
    },
    /// The covariates must have one row per subject of the survival data.
    LengthMismatch {
        /// Number of subjects in the survival data.
        subjects: usize,
        /// Number of covariate rows.
        rows: usize,
    },
    /// There must be at least one event.
    NoEvents,
    /// The information matrix must be invertible: no covariate may be
    /// constant among the subjects at risk, nor a combination of others.
    SingularInformation,
    /// The confidence level must lie strictly between 0 and 1.
    InvalidConfidenceLevel(f64),
    /// The convergence tolerance must be a positive finite number.
    InvalidTolerance(f64),
}

impl fmt::Display for CoxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCovariates => write!(f, "Cox model needs at least one covariate"),
            Self::NoSubjects => write!(f, "Cox model needs at least one subject"),
            Self::RaggedColumns {
                column,
                len,
                expected,
            } => write!(
                f,
                "covariate column {column} should have {expected} rows, but has {len}"
            ),
            Self::NonFiniteCovariate { column, row, value } => write!(
                f,
                "covariate column {column} row {row} should be finite, but is {value}"
            ),
            Self::LengthMismatch { subjects, rows } => write!(
                f,
                "covariates should have one row per subject ({subjects}), but have {rows}"
            ),
            Self::NoEvents => write!(f, "Cox model needs at least one event"),
            Self::SingularInformation => write!(
                f,
                "information matrix is singular (constant or collinear covariate)"
            ),
            Self::InvalidConfidenceLevel(level) => write!(
                f,
                "confidence level should lie strictly between 0 and 1, but is {level}"
            ),
            Self::InvalidTolerance(eps) => write!(
                f,
                "convergence tolerance should be positive and finite, but is {eps}"
            ),
        }
    }
}

impl std::error::Error for CoxError {}

/// Fitting options, R's defaults unless changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoxModel {
    ties: Ties,
    max_iterations: usize,
    tolerance: f64,
    conf_level: f64,
}

impl Default for CoxModel {
    /// Efron ties, 20 iterations, tolerance 1e-9, 95% CIs (R's defaults).
    fn default() -> Self {
        Self {
            ties: Ties::Efron,
            max_iterations: 20,
            tolerance: 1e-9,
            conf_level: 0.95,
        }
    }
}

/// One fitted coefficient.
#[derive(Debug, Clone, PartialEq)]
pub struct CoxTerm {
    /// Covariate name.
    pub name: String,
    /// Log hazard ratio β.
    pub coefficient: f64,
    /// Standard error of β (from the inverse information).
    pub std_err: f64,
    /// Hazard ratio `exp(β)`.
    pub hazard_ratio: f64,
    /// Lower Wald confidence bound of the hazard ratio.
    pub lower: f64,
    /// Upper Wald confidence bound of the hazard ratio.
    pub upper: f64,
    /// Wald z statistic `β / se`.
    pub z: f64,
    /// Two-sided Wald p-value of this coefficient.
    pub wald_p: f64,
}

/// A fitted Cox model.
#[derive(Debug, Clone, PartialEq)]
pub struct CoxFit {
    terms: Vec<CoxTerm>,
    variance: Vec<Vec<f64>>,
    log_likelihood_null: f64,
    log_likelihood: f64,
    wald_chi_square: f64,
    score_chi_square: f64,
    iterations: usize,
    converged: bool,
    n: usize,
    n_events: usize,
    conf_level: f64,
}

impl CoxModel {
    /// R's defaults: Efron ties, 20 iterations, tolerance 1e-9, 95% CIs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the handling of ties.
    pub fn ties(mut self, ties: Ties) -> Self {
        self.ties = ties;
        self
    }

    /// Sets the maximum number of Newton–Raphson iterations (R's `iter.max`).
    pub fn max_iterations(mut self, max_iterations: usize) -> Self {
        self.max_iterations = max_iterations;
        self
    }

    /// Sets the relative log-likelihood convergence tolerance (R's `eps`).
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Sets the level of the hazard-ratio confidence intervals.
    pub fn conf_level(mut self, conf_level: f64) -> Self {
        self.conf_level = conf_level;
        self
    }

    /// Fits the model.
    ///
    /// # Errors
    /// See [`CoxError`]: mismatched lengths, no events, a singular
    /// information matrix, or invalid options.
    pub fn fit(&self, data: &SurvivalData, covariates: &Covariates) -> Result<CoxFit, CoxError> {
        if !(self.conf_level > 0.0 && self.conf_level < 1.0) {
            return Err(CoxError::InvalidConfidenceLevel(self.conf_level));
        }
        if !(self.tolerance > 0.0 && self.tolerance.is_finite()) {
            return Err(CoxError::InvalidTolerance(self.tolerance));
        }
        if covariates.n_rows() != data.len() {
            return Err(CoxError::LengthMismatch {
                subjects: data.len(),
                rows: covariates.n_rows(),
            });
        }
        let n_events = data.n_events();
        if n_events == 0 {
            return Err(CoxError::NoEvents);
        }
        let problem = Problem::new(data, covariates, self.ties);
        let p = covariates.n_columns();

        let beta0 = vec![0.0; p];
        let start = problem.evaluate(&beta0);
        let l0 = cholesky(&start.information).ok_or(CoxError::SingularInformation)?;
        let step0 = cholesky_solve(&l0, &start.score);
        let score_chi_square: f64 = start.score.iter().zip(&step0).map(|(a, b)| a * b).sum();

        let mut beta = beta0;
        let mut best = start.log_likelihood;
        let mut new_beta: Vec<f64> = beta.iter().zip(&step0).map(|(b, s)| b + s).collect();
        let mut halving = 0.0_f64;
        let mut outcome: Option<(Vec<f64>, Evaluation, usize)> = None;
        if self.max_iterations == 0 {
            outcome = Some((beta.clone(), start.clone(), 0));
        }
        for iteration in 1..=self.max_iterations {
            let eval = problem.evaluate(&new_beta);
            let finite = eval.log_likelihood.is_finite()
                && eval.score.iter().all(|v| v.is_finite())
                && eval.information.iter().flatten().all(|v| v.is_finite());
            if finite && (1.0 - best / eval.log_likelihood).abs() <= self.tolerance {
                outcome = Some((new_beta.clone(), eval, iteration));
                break;
            }
            let factor = if finite && eval.log_likelihood >= best {
                cholesky(&eval.information)
            } else {
                None
            };
            match factor {
                Some(l) => {
                    halving = 0.0;
                    best = eval.log_likelihood;
                    let step = cholesky_solve(&l, &eval.score);
                    beta.clone_from(&new_beta);
                    for (b, s) in new_beta.iter_mut().zip(&step) {
                        *b += s;
                    }
                }
                None => {
                    halving += 1.0;
                    for (nb, b) in new_beta.iter_mut().zip(&beta) {
                        *nb = (*nb + halving * b) / (halving + 1.0);
                    }
                }
            }
        }
        let (converged, (beta, eval, iterations)) = match outcome {
            Some(o) => (true, o),
            None => {
                let eval = problem.evaluate(&beta);
                (false, (beta, eval, self.max_iterations))
            }
        };
        let l = cholesky(&eval.information).ok_or(CoxError::SingularInformation)?;
        let variance = cholesky_inverse(&l);
        let wald_chi_square: f64 = (0..p)
            .map(|i| {
                (0..p)
                    .map(|j| beta[i] * eval.information[i][j] * beta[j])
                    .sum::<f64>()
            })
            .sum();
        let zq = normal_quantile(1.0 - (1.0 - self.conf_level) / 2.0);
        let terms = covariates
            .names()
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let coefficient = beta[i];
                let std_err = variance[i][i].sqrt();
                let z = coefficient / std_err;
                CoxTerm {
                    name: name.clone(),
                    coefficient,
                    std_err,
                    hazard_ratio: coefficient.exp(),
                    lower: (coefficient - zq * std_err).exp(),
                    upper: (coefficient + zq * std_err).exp(),
                    z,
                    wald_p: chi_square_sf(z * z, 1),
                }
            })
            .collect();
        Ok(CoxFit {
            terms,
            variance,
            log_likelihood_null: start.log_likelihood,
            log_likelihood: eval.log_likelihood,
            wald_chi_square,
            score_chi_square,
            iterations,
            converged: converged || self.max_iterations == 0,
            n: data.len(),
            n_events,
            conf_level: self.conf_level,
        })
    }
}

impl CoxFit {
    /// Fits with R's defaults (Efron ties); same as `CoxModel::default().fit`.
    ///
    /// # Errors
    /// See [`CoxModel::fit`].
    pub fn fit(data: &SurvivalData, covariates: &Covariates) -> Result<Self, CoxError> {
        CoxModel::default().fit(data, covariates)
    }

    /// One term per covariate, in column order.
    pub fn terms(&self) -> &[CoxTerm] {
        &self.terms
    }

    /// The term of covariate `index`, if it exists.
    pub fn term(&self, index: usize) -> Option<&CoxTerm> {
        self.terms.get(index)
    }

    /// Variance–covariance matrix of the coefficients (R's `vcov(fit)`).
    pub fn variance(&self) -> &[Vec<f64>] {
        &self.variance
    }

    /// Degrees of freedom of the global tests: the number of covariates.
    pub fn df(&self) -> usize {
        self.terms.len()
    }

    /// Log partial likelihood at β = 0 (R's `fit$loglik[1]`).
    pub fn log_likelihood_null(&self) -> f64 {
        self.log_likelihood_null
    }

    /// Log partial likelihood at the estimate (R's `fit$loglik[2]`).
    pub fn log_likelihood(&self) -> f64 {
        self.log_likelihood
    }

    /// Likelihood-ratio statistic `2 (ℓ(β̂) − ℓ(0))`.
    pub fn likelihood_ratio_chi_square(&self) -> f64 {
        2.0 * (self.log_likelihood - self.log_likelihood_null)
    }

    /// p-value of the likelihood-ratio test.
    pub fn likelihood_ratio_p(&self) -> f64 {
        chi_square_sf(self.likelihood_ratio_chi_square(), self.df())
    }

    /// Global Wald statistic `β̂ᵀ V⁻¹ β̂` (R's `fit$wald.test`).
    pub fn wald_chi_square(&self) -> f64 {
        self.wald_chi_square
    }

    /// p-value of the global Wald test (for one covariate, that term's `wald_p`).
    pub fn wald_p(&self) -> f64 {
        chi_square_sf(self.wald_chi_square, self.df())
    }

    /// Score (log-rank) statistic at β = 0 (R's `fit$score`).
    pub fn score_chi_square(&self) -> f64 {
        self.score_chi_square
    }

    /// p-value of the score test.
    pub fn score_p(&self) -> f64 {
        chi_square_sf(self.score_chi_square, self.df())
    }

    /// Newton–Raphson iterations used (R's `fit$iter`).
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Whether the iteration converged within the allowed iterations.
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Number of subjects.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Number of events.
    pub fn n_events(&self) -> usize {
        self.n_events
    }

    /// Level of the hazard-ratio confidence intervals.
    pub fn conf_level(&self) -> f64 {
        self.conf_level
    }
}

/// Log partial likelihood, score vector and information matrix at one β.
#[derive(Debug, Clone)]
struct Evaluation {
    log_likelihood: f64,
    score: Vec<f64>,
    information: Vec<Vec<f64>>,
}

/// Subjects sorted by decreasing time, covariates centred, one row each.
struct Problem {
    time: Vec<f64>,
    event: Vec<bool>,
    x: Vec<Vec<f64>>,
    ties: Ties,
}

impl Problem {
    fn new(data: &SurvivalData, covariates: &Covariates, ties: Ties) -> Self {
        let n = data.len();
        let columns = covariates.columns();
        let means: Vec<f64> = columns
            .iter()
            .map(|c| c.iter().sum::<f64>() / n as f64)
            .collect();
        let mut order = data.order();
        order.reverse();
        let time = order.iter().map(|&i| data.times()[i]).collect();
        let event = order.iter().map(|&i| data.events()[i]).collect();
        let x = order
            .iter()
            .map(|&i| columns.iter().zip(&means).map(|(c, m)| c[i] - m).collect())
            .collect();
        Self {
            time,
            event,
            x,
            ties,
        }
    }

    fn evaluate(&self, beta: &[f64]) -> Evaluation {
        let p = beta.len();
        let n = self.time.len();
        let mut log_likelihood = 0.0;
        let mut score = vec![0.0; p];
        let mut information = vec![vec![0.0; p]; p];
        // Running sums over the risk set: Σ r, Σ r x, Σ r x xᵀ.
        let mut s0 = 0.0;
        let mut s1 = vec![0.0; p];
        let mut s2 = vec![vec![0.0; p]; p];
        let mut i = 0;
        while i < n {
            let t = self.time[i];
            // The same sums over the deaths at t, and Σ x, Σ η over them.
            let mut d0 = 0.0;
            let mut d1 = vec![0.0; p];
            let mut d2 = vec![vec![0.0; p]; p];
            let mut x_sum = vec![0.0; p];
            let mut eta_sum = 0.0;
            let mut deaths = 0usize;
            while i < n && self.time[i] == t {
                let xi = &self.x[i];
                let eta: f64 = xi.iter().zip(beta).map(|(a, b)| a * b).sum();
                let r = eta.exp();
                s0 += r;
                for a in 0..p {
                    s1[a] += r * xi[a];
                    for b in 0..p {
                        s2[a][b] += r * xi[a] * xi[b];
                    }
                }
                if self.event[i] {
                    deaths += 1;
                    eta_sum += eta;
                    d0 += r;
                    for a in 0..p {
                        x_sum[a] += xi[a];
                        d1[a] += r * xi[a];
                        for b in 0..p {
                            d2[a][b] += r * xi[a] * xi[b];
                        }
                    }
                }
                i += 1;
            }
            if deaths == 0 {
                continue;
            }
            log_likelihood += eta_sum;
            for a in 0..p {
                score[a] += x_sum[a];
            }
            for l in 0..deaths {
                let f = match self.ties {
                    Ties::Efron => l as f64 / deaths as f64,
                    Ties::Breslow => 0.0,
                };
                let denom = s0 - f * d0;
                log_likelihood -= denom.ln();
                let mean: Vec<f64> = (0..p).map(|a| (s1[a] - f * d1[a]) / denom).collect();
                for a in 0..p {
                    score[a] -= mean[a];
                    for b in 0..p {
                        information[a][b] += (s2[a][b] - f * d2[a][b]) / denom - mean[a] * mean[b];
                    }
                }
            }
        }
        Evaluation {
            log_likelihood,
            score,
            information,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prec::{close, HAND_COMPUTED};

    fn data(times: &[f64], events: &[bool]) -> SurvivalData {
        SurvivalData::new(times.to_vec(), events.to_vec()).unwrap()
    }

    /// Deaths at 1, 2, 3 with x = 1, 0, 1; at β = 0 every risk score is 1.
    /// t=1: risk {1,0,1}, mean 2/3, death x=1: U += 1/3, I += 2/9
    /// t=2: risk {0,1},   mean 1/2, death x=0: U −= 1/2, I += 1/4
    /// t=3: risk {1}: nothing. U = −1/6, I = 17/36, score χ² = U²/I = 1/17;
    /// log-likelihood at 0 = −(ln 3 + ln 2 + ln 1) = −ln 6.
    #[test]
    fn score_test_without_ties_matches_the_hand_computation() {
        let fit = CoxFit::fit(
            &data(&[1.0, 2.0, 3.0], &[true, true, true]),
            &Covariates::single(vec![1.0, 0.0, 1.0]).unwrap(),
        )
        .unwrap();
        assert!(close(fit.score_chi_square(), 1.0 / 17.0, HAND_COMPUTED));
        assert!(close(
            fit.log_likelihood_null(),
            -(6.0_f64.ln()),
            HAND_COMPUTED
        ));
        assert!(fit.converged());
        assert!(fit.log_likelihood() >= fit.log_likelihood_null());
    }

    /// Two deaths tied at t=1 (x = 1, 0), a third death at 2 (x = 0).
    /// Efron at β = 0: denominators 3 and 3 − ½·2 = 2, so ℓ(0) = −ln 6;
    /// Breslow: 3 and 3, ℓ(0) = −ln 9.
    /// Efron score: U = 1 − 1/3 − (1 − ½)/2 = 5/12; information
    /// (1/3 − 1/9) + ((1 − ½)/2 − 1/16) = 59/144, χ² = (5/12)²/(59/144) = 25/59.
    #[test]
    fn efron_and_breslow_treat_tied_deaths_as_hand_computed() {
        let d = data(&[1.0, 1.0, 2.0], &[true, true, true]);
        let x = Covariates::single(vec![1.0, 0.0, 0.0]).unwrap();
        let efron = CoxModel::new().fit(&d, &x).unwrap();
        assert!(close(
            efron.log_likelihood_null(),
            -(6.0_f64.ln()),
            HAND_COMPUTED
        ));
        assert!(close(efron.score_chi_square(), 25.0 / 59.0, HAND_COMPUTED));
        let breslow = CoxModel::new().ties(Ties::Breslow).fit(&d, &x).unwrap();
        assert!(close(
            breslow.log_likelihood_null(),
            -(9.0_f64.ln()),
            HAND_COMPUTED
        ));
    }

    #[test]
    fn hazard_ratio_and_interval_are_exponentials_of_the_wald_interval() {
        let fit = CoxFit::fit(
            &data(&[1.0, 2.0, 3.0, 4.0, 5.0], &[true, true, false, true, true]),
            &Covariates::single(vec![1.0, 0.0, 1.0, 1.0, 0.0]).unwrap(),
        )
        .unwrap();
        let t = fit.term(0).unwrap();
        assert!(close(t.hazard_ratio, t.coefficient.exp(), HAND_COMPUTED));
        let z = 1.959_963_984_540_054;
        assert!(close(t.lower, (t.coefficient - z * t.std_err).exp(), 1e-9));
        assert!(close(t.upper, (t.coefficient + z * t.std_err).exp(), 1e-9));
        assert!(close(t.wald_p, fit.wald_p(), 1e-9));
        assert_eq!(fit.df(), 1);
        assert_eq!(t.name, "x");
    }

    #[test]
    fn rejects_a_constant_covariate_a_single_subject_and_no_events() {
        let d = data(&[1.0, 2.0, 3.0], &[true, true, false]);
        let constant = Covariates::single(vec![2.0, 2.0, 2.0]).unwrap();
        assert_eq!(
            CoxFit::fit(&d, &constant),
            Err(CoxError::SingularInformation)
        );
        let one = data(&[1.0], &[true]);
        let x1 = Covariates::single(vec![0.5]).unwrap();
        assert_eq!(CoxFit::fit(&one, &x1), Err(CoxError::SingularInformation));
        let none = data(&[1.0, 2.0], &[false, false]);
        let x2 = Covariates::single(vec![0.0, 1.0]).unwrap();
        assert_eq!(CoxFit::fit(&none, &x2), Err(CoxError::NoEvents));
    }

    #[test]
    fn rejects_invalid_covariates_and_options() {
        assert_eq!(
            Covariates::from_columns(vec![]),
            Err(CoxError::NoCovariates)
        );
        assert_eq!(Covariates::single(vec![]), Err(CoxError::NoSubjects));
        assert_eq!(
            Covariates::from_columns(vec![vec![1.0, 2.0], vec![1.0]]),
            Err(CoxError::RaggedColumns {
                column: 1,
                len: 1,
                expected: 2
            })
        );
        assert!(matches!(
            Covariates::single(vec![1.0, f64::NAN]),
            Err(CoxError::NonFiniteCovariate {
                column: 0,
                row: 1,
                ..
            })
        ));
        let d = data(&[1.0, 2.0, 3.0], &[true, true, false]);
        let x = Covariates::single(vec![0.0, 1.0]).unwrap();
        assert_eq!(
            CoxFit::fit(&d, &x),
            Err(CoxError::LengthMismatch {
                subjects: 3,
                rows: 2
            })
        );
        let x = Covariates::single(vec![0.0, 1.0, 0.0]).unwrap();
        assert!(matches!(
            CoxModel::new().conf_level(1.0).fit(&d, &x),
            Err(CoxError::InvalidConfidenceLevel(_))
        ));
        assert!(matches!(
            CoxModel::new().tolerance(0.0).fit(&d, &x),
            Err(CoxError::InvalidTolerance(_))
        ));
    }

    /// Every subject with x = 1 dies before every subject with x = 0: the
    /// partial likelihood keeps rising as β → ∞. R 4.2.2 / survival 3.5-3,
    /// `coxph(Surv(c(1,2,3,4), rep(1,4)) ~ c(1,1,0,0))`, warns "Ran out of
    /// iterations and did not converge" and reports β = 21.67833782,
    /// loglik −3.17805383 → −1.386294362 (= −ln 4).
    #[test]
    fn a_monotone_likelihood_stops_where_r_stops_and_says_it_did_not_converge() {
        let d = data(&[1.0, 2.0, 3.0, 4.0], &[true, true, true, true]);
        let x = Covariates::single(vec![1.0, 1.0, 0.0, 0.0]).unwrap();
        let fit = CoxFit::fit(&d, &x).unwrap();
        assert!(!fit.converged());
        assert_eq!(fit.iterations(), 20);
        assert!(close(fit.term(0).unwrap().coefficient, 21.67833782, 1e-8));
        assert!(close(fit.log_likelihood(), -1.386294362, 1e-8));
    }

    #[test]
    fn zero_iterations_report_the_model_at_beta_zero() {
        let d = data(&[1.0, 2.0, 3.0], &[true, true, true]);
        let x = Covariates::single(vec![1.0, 0.0, 1.0]).unwrap();
        let fit = CoxModel::new().max_iterations(0).fit(&d, &x).unwrap();
        assert_eq!(fit.term(0).unwrap().coefficient, 0.0);
        assert_eq!(fit.iterations(), 0);
    }
}

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
//!   estimates, only keeps `exp(xβ)` in range), and each column not coded
//!   in {−1, 0, 1} is scaled by `n / Σ|x − x̄|`, then the estimates are
//!   unscaled, as `coxfit6` does: the singularity test then sees covariates
//!   of comparable size, so an age in seconds beside a 0/1 factor fits as R
//!   fits it;
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
    infinite: Vec<bool>,
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
        let mut workspace = Workspace::new(p);

        // Everything below works on the centred and scaled covariates
        // (`Problem::new`), with β_s = β / scale; it is unscaled at the end.
        let beta0 = vec![0.0; p];
        let start = problem.evaluate(&beta0, &mut workspace);
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
            let eval = problem.evaluate(&new_beta, &mut workspace);
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
        let (converged, (scaled_beta, eval, iterations)) = match outcome {
            Some(o) => (true, o),
            None => {
                let eval = problem.evaluate(&beta, &mut workspace);
                (false, (beta, eval, self.max_iterations))
            }
        };
        let l = cholesky(&eval.information).ok_or(CoxError::SingularInformation)?;
        // β̂ᵀ I(β̂) β̂ is the same on either scale; on the scaled one its
        // terms are of comparable size.
        let wald_chi_square: f64 = (0..p)
            .map(|i| {
                (0..p)
                    .map(|j| scaled_beta[i] * eval.information[i][j] * scaled_beta[j])
                    .sum::<f64>()
            })
            .sum();
        // Back to the caller's units, as coxfit6 does: β = β_s · s,
        // V = V_s · s sᵀ.
        let scale = &problem.scale;
        let beta: Vec<f64> = scaled_beta.iter().zip(scale).map(|(b, s)| b * s).collect();
        let mut variance = cholesky_inverse(&l);
        for (i, row) in variance.iter_mut().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v *= scale[i] * scale[j];
            }
        }
        // R's test for a coefficient that is really infinite (coxph.fit:
        // "Loglik converged before variable …; coefficient may be
        // infinite"): the next Newton step V·U is still larger than `eps`
        // and than `sqrt(eps)·|β|`. Only after more than one iteration, as R.
        let next_step = cholesky_solve(&l, &eval.score);
        let infinite: Vec<bool> = (0..p)
            .map(|i| {
                let step = (next_step[i] * scale[i]).abs();
                self.max_iterations > 1
                    && step > self.tolerance
                    && step > self.tolerance.sqrt() * beta[i].abs()
            })
            .collect();
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
            infinite,
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

    /// Whether the coefficient of covariate `index` may be infinite: the
    /// log-likelihood converged while that coefficient was still moving
    /// (R warns "coefficient may be infinite"), as happens when one group of
    /// a 0/1 covariate has no events. Its hazard ratio and CI are then not
    /// estimates of anything. `false` for an index out of range.
    pub fn may_be_infinite(&self, index: usize) -> bool {
        self.infinite.get(index).copied().unwrap_or(false)
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

/// Log partial likelihood, score vector and information matrix at one β
/// (of the scaled problem).
#[derive(Debug, Clone)]
struct Evaluation {
    log_likelihood: f64,
    score: Vec<f64>,
    information: Vec<Vec<f64>>,
}

/// Subjects sorted by decreasing time, one row of `p` covariates each,
/// centred and scaled.
///
/// Scaling follows R's `coxfit6`: a column whose values are not all in
/// {−1, 0, 1} is multiplied by `n / Σ|x − x̄|` (1 if that sum is 0), so that
/// the information matrix has diagonal entries of comparable size. Without
/// it the singularity test (a pivot below 1.8e-12 × the largest diagonal
/// entry) rejects covariates on very different scales, e.g. an age in
/// seconds beside a 0/1 factor, which R fits. Columns in {−1, 0, 1} are
/// left unscaled, as R leaves them; unlike R, every column is centred
/// (which keeps `exp(xβ)` in range and changes nothing else).
struct Problem {
    time: Vec<f64>,
    event: Vec<bool>,
    /// Row-major, `n × p`.
    x: Vec<f64>,
    p: usize,
    /// Per column: the factor the centred column was multiplied by.
    scale: Vec<f64>,
    ties: Ties,
}

/// The running sums of [`Problem::evaluate`], allocated once per fit rather
/// than once per event time. Matrices are `p × p`, row-major; only the lower
/// triangle (`b ≤ a`) is used.
struct Workspace {
    /// Σ r x and Σ r x xᵀ over the risk set.
    s1: Vec<f64>,
    s2: Vec<f64>,
    /// The same over the deaths at the current time.
    d1: Vec<f64>,
    d2: Vec<f64>,
    /// Information accumulated so far (lower triangle).
    information: Vec<f64>,
    /// Weighted mean of x in the current Efron step.
    mean: Vec<f64>,
}

impl Workspace {
    fn new(p: usize) -> Self {
        Workspace {
            s1: vec![0.0; p],
            s2: vec![0.0; p * p],
            d1: vec![0.0; p],
            d2: vec![0.0; p * p],
            information: vec![0.0; p * p],
            mean: vec![0.0; p],
        }
    }
}

impl Problem {
    fn new(data: &SurvivalData, covariates: &Covariates, ties: Ties) -> Self {
        let n = data.len();
        let columns = covariates.columns();
        let p = columns.len();
        let means: Vec<f64> = columns
            .iter()
            .map(|c| c.iter().sum::<f64>() / n as f64)
            .collect();
        let scale: Vec<f64> = columns
            .iter()
            .zip(&means)
            .map(|(c, m)| {
                if c.iter().all(|v| *v == 0.0 || *v == 1.0 || *v == -1.0) {
                    return 1.0;
                }
                let spread: f64 = c.iter().map(|v| (v - m).abs()).sum();
                if spread > 0.0 {
                    n as f64 / spread
                } else {
                    1.0
                }
            })
            .collect();
        let mut order = data.order();
        order.reverse();
        let time = order.iter().map(|&i| data.times()[i]).collect();
        let event = order.iter().map(|&i| data.events()[i]).collect();
        let mut x = Vec::with_capacity(n * p);
        for &i in &order {
            for ((c, m), s) in columns.iter().zip(&means).zip(&scale) {
                x.push((c[i] - m) * s);
            }
        }
        Self {
            time,
            event,
            x,
            p,
            scale,
            ties,
        }
    }

    /// ℓ(β), U(β) and I(β), in one pass from the longest time down: the
    /// risk set only grows. Subjects who die at a time are summed apart
    /// (`d*`) for the tie correction, then joined to the risk set.
    fn evaluate(&self, beta: &[f64], w: &mut Workspace) -> Evaluation {
        let p = self.p;
        let mut log_likelihood = 0.0;
        let mut score = vec![0.0; p];
        let mut s0 = 0.0;
        w.s1.fill(0.0);
        w.s2.fill(0.0);
        w.information.fill(0.0);
        let rows = self.x.chunks_exact(p.max(1));
        let mut rows = rows.zip(self.event.iter().zip(&self.time)).peekable();
        while let Some(&(_, (_, &t))) = rows.peek() {
            let mut d0 = 0.0;
            let mut deaths = 0usize;
            // Filled lazily: most times have no death, or one.
            let mut first_death = true;
            while let Some((xi, (&dead, _))) = rows.next_if(|(_, (_, &ti))| ti == t) {
                let eta: f64 = xi.iter().zip(beta).map(|(a, b)| a * b).sum();
                let r = eta.exp();
                let (sum0, sum1, sum2) = if dead {
                    if first_death {
                        w.d1.fill(0.0);
                        w.d2.fill(0.0);
                        first_death = false;
                    }
                    deaths += 1;
                    log_likelihood += eta;
                    for (u, x) in score.iter_mut().zip(xi) {
                        *u += x;
                    }
                    (&mut d0, &mut w.d1, &mut w.d2)
                } else {
                    (&mut s0, &mut w.s1, &mut w.s2)
                };
                *sum0 += r;
                for (a, (&xa, s1a)) in xi.iter().zip(sum1.iter_mut()).enumerate() {
                    let rxa = r * xa;
                    *s1a += rxa;
                    let row = &mut sum2[a * p..a * p + a + 1];
                    for (s2ab, &xb) in row.iter_mut().zip(xi) {
                        *s2ab += rxa * xb;
                    }
                }
            }
            if deaths == 0 {
                continue;
            }
            // The deaths join the risk set.
            s0 += d0;
            for (s, d) in w.s1.iter_mut().zip(&w.d1) {
                *s += d;
            }
            for (s, d) in w.s2.iter_mut().zip(&w.d2) {
                *s += d;
            }
            // Breslow (or a single death): every death sees the whole risk
            // set, so the `deaths` terms are equal; Efron: the l-th removes
            // l/deaths of the dying subjects' weight.
            let (steps, weight) = match self.ties {
                Ties::Efron if deaths > 1 => (deaths, 1.0),
                _ => (1, deaths as f64),
            };
            for l in 0..steps {
                let f = l as f64 / deaths as f64;
                let denom = s0 - f * d0;
                log_likelihood -= weight * denom.ln();
                let inverse = 1.0 / denom;
                for (((m, u), s1), d1) in w.mean.iter_mut().zip(&mut score).zip(&w.s1).zip(&w.d1) {
                    *m = (s1 - f * d1) * inverse;
                    *u -= weight * *m;
                }
                // Row a of the lower triangles, as slices: no index checks
                // in the innermost loop.
                let rows = w
                    .information
                    .chunks_exact_mut(p)
                    .zip(w.s2.chunks_exact(p).zip(w.d2.chunks_exact(p)));
                for (a, (info, (s2, d2))) in rows.enumerate() {
                    let mean_a = w.mean[a];
                    let terms = info[..=a]
                        .iter_mut()
                        .zip(&s2[..=a])
                        .zip(&d2[..=a])
                        .zip(&w.mean[..=a]);
                    for (((i, s2), d2), mean_b) in terms {
                        *i += weight * ((s2 - f * d2) * inverse - mean_a * mean_b);
                    }
                }
            }
        }
        let information = (0..p)
            .map(|a| {
                (0..p)
                    .map(|b| w.information[a.max(b) * p + a.min(b)])
                    .collect()
            })
            .collect();
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

    /// The same model with age in years and in seconds: R's `coxfit6`
    /// scales each column before fitting, so both fit, with the coefficient
    /// divided by the unit change and every statistic unchanged. Without the
    /// scaling the information matrix has diagonal entries ~1e17 apart and
    /// the seconds fit was refused as singular.
    #[test]
    fn a_covariate_in_seconds_beside_a_0_1_factor_fits_as_in_years() {
        let d = data(
            &[
                5.0, 8.0, 12.0, 3.0, 9.0, 15.0, 7.0, 2.0, 11.0, 6.0, 14.0, 10.0,
            ],
            &[
                true, true, false, true, true, false, true, true, true, false, true, true,
            ],
        );
        let years = [
            50.0, 61.0, 45.0, 70.0, 66.0, 58.0, 49.0, 72.0, 63.0, 55.0, 68.0, 60.0,
        ];
        let sex = vec![0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0];
        let per_year = 365.25 * 86_400.0;
        let seconds: Vec<f64> = years.iter().map(|y| y * per_year).collect();
        let in_years = CoxFit::fit(
            &d,
            &Covariates::from_columns(vec![years.to_vec(), sex.clone()]).unwrap(),
        )
        .unwrap();
        let in_seconds =
            CoxFit::fit(&d, &Covariates::from_columns(vec![seconds, sex]).unwrap()).unwrap();
        let (y, s) = (in_years.term(0).unwrap(), in_seconds.term(0).unwrap());
        assert!(close(s.coefficient * per_year, y.coefficient, 1e-9));
        assert!(close(s.std_err * per_year, y.std_err, 1e-9));
        assert!(close(s.z, y.z, 1e-9));
        assert!(close(s.wald_p, y.wald_p, 1e-9));
        assert!(close(
            in_seconds.term(1).unwrap().coefficient,
            in_years.term(1).unwrap().coefficient,
            1e-9
        ));
        assert!(close(
            in_seconds.log_likelihood(),
            in_years.log_likelihood(),
            1e-12
        ));
        assert!(close(
            in_seconds.wald_chi_square(),
            in_years.wald_chi_square(),
            1e-9
        ));
        assert!(close(
            in_seconds.variance()[0][0] * per_year * per_year,
            in_years.variance()[0][0],
            1e-9
        ));
    }

    /// Scaling must not hide a real singularity: `age × 1e5 + meno` beside
    /// `age` and `meno` is an exact combination of them.
    #[test]
    fn an_exactly_collinear_column_is_still_singular_after_scaling() {
        let d = data(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[true; 6]);
        let age = vec![50.0, 61.0, 45.0, 70.0, 66.0, 58.0];
        let meno = vec![0.0, 1.0, 0.0, 1.0, 1.0, 0.0];
        let combined: Vec<f64> = age.iter().zip(&meno).map(|(a, m)| a * 1e5 + m).collect();
        assert_eq!(
            CoxFit::fit(
                &d,
                &Covariates::from_columns(vec![age, meno, combined]).unwrap()
            ),
            Err(CoxError::SingularInformation)
        );
    }

    /// One group without events: R 4.2.2 / survival 3.5-3,
    /// `coxph(Surv(c(1,2,3,4,5,6), c(1,1,0,1,0,1)) ~ c(0,0,1,0,1,0))`,
    /// warns "Loglik converged before variable 1; coefficient may be
    /// infinite" (the x = 1 group has no events). A group with events on
    /// both sides is an ordinary estimate.
    #[test]
    fn a_group_without_events_makes_the_coefficient_possibly_infinite_as_r_warns() {
        let d = data(
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            &[true, true, false, true, false, true],
        );
        let x = Covariates::single(vec![0.0, 0.0, 1.0, 0.0, 1.0, 0.0]).unwrap();
        let fit = CoxFit::fit(&d, &x).unwrap();
        assert!(fit.may_be_infinite(0), "{:?}", fit.term(0));
        assert!(!fit.may_be_infinite(1));
        let x = Covariates::single(vec![1.0, 0.0, 1.0, 0.0, 1.0, 0.0]).unwrap();
        assert!(!CoxFit::fit(&d, &x).unwrap().may_be_infinite(0));
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

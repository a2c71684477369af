//! Pooling centre summaries (issue 14): per endpoint and marker, the pooled
//! binned tables and Kaplan–Meier curves, the log-rank test stratified by
//! centre, and the meta-analysis of the centres' univariate hazard ratios.
//!
//! * Grids: summaries on different grids are re-binned to the coarsest when
//!   it is a whole multiple of every other (1 and 3 months: to 3), and
//!   refused otherwise; the result says whether it re-binned.
//! * The stratified log-rank test sums each centre's observed-minus-expected
//!   and variance (recomputed from the tables on the common grid): equal to
//!   R's `survdiff(Surv(t, e) ~ group + strata(centre))` on times rounded up
//!   to the grid's bin ends (`tests/r_pooling.rs`).
//! * The pooled curves multiply `1 − d/n` over the summed tables: R's
//!   `survfit` on those binned times, which approximates the exact pooled
//!   Kaplan–Meier curve within the grid (measured in the same test).
//! * The hazard ratios are pooled by `survival::meta_analysis` (fixed effect,
//!   DerSimonian–Laird, REML; equal to `metafor::rma`).
//! * Two files with the same content (the same export twice) are refused.

use survival::distribution::chi_square_sf;
use survival::meta_analysis::{meta_analyse, Study};
/// The meta-analysis's results, as the pooled comparisons carry them.
pub use survival::meta_analysis::{MetaAnalysis, MetaAnalysisError, Method};

use crate::centre_summary::{binned_log_rank, CentreSummary, GroupTable, VERSION};

/// Why summaries cannot be pooled.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolError {
    /// Fewer than two summaries.
    TooFewCentres(usize),
    /// Two files are the same export (positions in the list, 0-based).
    SameExport {
        /// The first of the two.
        first: usize,
        /// The second.
        second: usize,
    },
    /// A summary of another schema version.
    OtherVersion {
        /// Its position.
        centre: usize,
        /// Its version.
        version: u32,
    },
    /// The grids cannot be brought to one (the coarsest is not a whole
    /// multiple of this one).
    IncompatibleGrids {
        /// The coarsest grid, months.
        coarsest: f64,
        /// The grid that does not divide it.
        other: f64,
    },
}

/// The log-rank test stratified by centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StratifiedLogRank {
    /// Σ (O − E) of the high group.
    pub observed_minus_expected: f64,
    /// Σ variances.
    pub variance: f64,
    /// (Σ (O − E))² / Σ V, one degree of freedom.
    pub chi_square: f64,
    /// Its p value.
    pub p: f64,
}

/// One endpoint by one marker, pooled.
#[derive(Debug, Clone, PartialEq)]
pub struct PooledComparison {
    /// The endpoint's code.
    pub endpoint: String,
    /// The marker's code.
    pub marker: String,
    /// Centres whose tables were pooled.
    pub centres_used: usize,
    /// Centres that withheld this comparison.
    pub centres_withheld: usize,
    /// The summed tables on the common grid.
    pub low: GroupTable,
    /// The summed tables on the common grid.
    pub high: GroupTable,
    /// Survival at the end of each bin, from the summed tables.
    pub low_survival: Vec<f64>,
    /// Survival at the end of each bin, from the summed tables.
    pub high_survival: Vec<f64>,
    /// `None` without any event.
    pub log_rank: Option<StratifiedLogRank>,
    /// The centres' log hazard ratios pooled by each method (an error where
    /// a method cannot pool them, e.g. random effects with one centre).
    pub meta: Vec<(Method, Result<MetaAnalysis, MetaAnalysisError>)>,
}

/// One coefficient of one of the paper's models, pooled across the centres
/// whose model had the factor: each centre's log hazard ratio with its
/// variance (the covariance matrix's diagonal), meta-analysed like the
/// univariate hazard ratios.
#[derive(Debug, Clone, PartialEq)]
pub struct PooledCoefficient {
    /// The endpoint's code.
    pub endpoint: String,
    /// `model1` or `model2`.
    pub model: String,
    /// The factor's code.
    pub factor: String,
    /// Centres whose model had the factor.
    pub centres: usize,
    /// By each method.
    pub meta: Vec<(Method, Result<MetaAnalysis, MetaAnalysisError>)>,
}

/// The pooled analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Pooled {
    /// The common grid, months.
    pub grid_months: f64,
    /// Whether any summary was re-binned to it.
    pub rebinned: bool,
    /// One per endpoint and marker found in any summary, in first-seen order.
    pub comparisons: Vec<PooledComparison>,
    /// One per endpoint, model and factor found in any summary's models, in
    /// first-seen order.
    pub coefficients: Vec<PooledCoefficient>,
}

/// The pooling models, in the order every pooled result lists them.
pub const METHODS: [Method; 3] = [Method::FixedEffect, Method::DerSimonianLaird, Method::Reml];

/// The models' coefficients pooled per factor (see [`PooledCoefficient`]).
fn pooled_coefficients(summaries: &[CentreSummary]) -> Vec<PooledCoefficient> {
    let mut keys: Vec<(&str, &str, &str)> = Vec::new();
    for s in summaries {
        for m in &s.models {
            for f in &m.factors {
                let key = (m.endpoint.as_str(), m.model.as_str(), f.as_str());
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys.into_iter()
        .map(|(endpoint, model, factor)| {
            let studies: Vec<Study> = summaries
                .iter()
                .filter_map(|s| {
                    let m = s
                        .models
                        .iter()
                        .find(|m| m.endpoint == endpoint && m.model == model)?;
                    let j = m.factors.iter().position(|f| f == factor)?;
                    Some(Study {
                        estimate: *m.coefficients.get(j)?,
                        variance: *m.covariance.get(j)?.get(j)?,
                    })
                })
                .collect();
            PooledCoefficient {
                endpoint: endpoint.to_owned(),
                model: model.to_owned(),
                factor: factor.to_owned(),
                centres: studies.len(),
                meta: METHODS
                    .into_iter()
                    .map(|m| (m, meta_analyse(&studies, m)))
                    .collect(),
            }
        })
        .collect()
}

/// A table on grid `fine` re-binned to `factor` times as wide bins.
pub fn rebin(table: &GroupTable, factor: usize) -> GroupTable {
    if factor <= 1 {
        return table.clone();
    }
    let bins = table.at_risk.len().div_ceil(factor);
    let sum = |v: &Vec<u32>, k: usize| v[k * factor..((k + 1) * factor).min(v.len())].iter().sum();
    GroupTable {
        patients: table.patients,
        at_risk: (0..bins).map(|k| table.at_risk[k * factor]).collect(),
        events: (0..bins).map(|k| sum(&table.events, k)).collect(),
        censored: (0..bins).map(|k| sum(&table.censored, k)).collect(),
    }
}

fn summed(tables: &[GroupTable]) -> GroupTable {
    let bins = tables.iter().map(|t| t.at_risk.len()).max().unwrap_or(0);
    let mut out = GroupTable {
        patients: tables.iter().map(|t| t.patients).sum(),
        at_risk: vec![0; bins],
        events: vec![0; bins],
        censored: vec![0; bins],
    };
    for t in tables {
        for k in 0..t.at_risk.len() {
            out.at_risk[k] += t.at_risk[k];
            out.events[k] += t.events[k];
            out.censored[k] += t.censored[k];
        }
    }
    out
}

/// Survival at the end of each bin: Π (1 − dₖ/nₖ).
pub fn survival_curve(table: &GroupTable) -> Vec<f64> {
    let mut s = 1.0;
    table
        .at_risk
        .iter()
        .zip(&table.events)
        .map(|(&n, &d)| {
            if n > 0 {
                s *= 1.0 - f64::from(d) / f64::from(n);
            }
            s
        })
        .collect()
}

/// A binned table as follow-up data: each bin's events and censorings at
/// the end of the bin (`(k + 1) · grid` months), the times R's `survfit` is
/// given in `tests/r_pooling.rs`. `None` for an empty table.
pub fn binned_data(table: &GroupTable, grid_months: f64) -> Option<survival::SurvivalData> {
    let mut times = Vec::new();
    let mut events = Vec::new();
    for (k, (&d, &c)) in table.events.iter().zip(&table.censored).enumerate() {
        let end = (k as f64 + 1.0) * grid_months;
        for (count, event) in [(d, true), (c, false)] {
            for _ in 0..count {
                times.push(end);
                events.push(event);
            }
        }
    }
    survival::SurvivalData::new_without_timefix(times, events).ok()
}

/// Pools the summaries (see the module docs).
pub fn pool(summaries: &[CentreSummary]) -> Result<Pooled, PoolError> {
    if summaries.len() < 2 {
        return Err(PoolError::TooFewCentres(summaries.len()));
    }
    for (centre, s) in summaries.iter().enumerate() {
        if s.version != VERSION {
            return Err(PoolError::OtherVersion {
                centre,
                version: s.version,
            });
        }
    }
    let hashes: Vec<u64> = summaries.iter().map(CentreSummary::content_hash).collect();
    for second in 1..hashes.len() {
        if let Some(first) = hashes[..second].iter().position(|h| *h == hashes[second]) {
            return Err(PoolError::SameExport { first, second });
        }
    }
    let coarsest = summaries
        .iter()
        .map(|s| s.grid_months)
        .fold(0.0f64, f64::max);
    let mut factors = Vec::with_capacity(summaries.len());
    for s in summaries {
        let ratio = coarsest / s.grid_months;
        let factor = ratio.round();
        if (ratio - factor).abs() > 1e-9 * ratio || factor < 1.0 {
            return Err(PoolError::IncompatibleGrids {
                coarsest,
                other: s.grid_months,
            });
        }
        factors.push(factor as usize);
    }
    let rebinned = factors.iter().any(|f| *f > 1);

    let mut keys: Vec<(String, String)> = Vec::new();
    for s in summaries {
        for c in &s.comparisons {
            let key = (c.endpoint.clone(), c.marker.clone());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    let comparisons = keys
        .into_iter()
        .map(|(endpoint, marker)| {
            let mut lows = Vec::new();
            let mut highs = Vec::new();
            let mut withheld = 0;
            let mut o_minus_e = 0.0;
            let mut variance = 0.0;
            let mut any_event = false;
            let mut studies = Vec::new();
            for (s, factor) in summaries.iter().zip(&factors) {
                let Some(c) = s
                    .comparisons
                    .iter()
                    .find(|c| c.endpoint == endpoint && c.marker == marker)
                else {
                    continue;
                };
                let (Some(low), Some(high)) = (&c.low, &c.high) else {
                    withheld += 1;
                    continue;
                };
                let (low, high) = (rebin(low, *factor), rebin(high, *factor));
                if let Some(lr) = binned_log_rank(&low, &high) {
                    any_event = true;
                    o_minus_e += lr.observed_minus_expected;
                    variance += lr.variance;
                }
                if let Some(cox) = c.cox {
                    studies.push(Study {
                        estimate: cox.log_hazard_ratio,
                        variance: cox.standard_error * cox.standard_error,
                    });
                }
                lows.push(low);
                highs.push(high);
            }
            let (low, high) = (summed(&lows), summed(&highs));
            let log_rank = (any_event && variance > 0.0).then(|| {
                let chi_square = o_minus_e * o_minus_e / variance;
                StratifiedLogRank {
                    observed_minus_expected: o_minus_e,
                    variance,
                    chi_square,
                    p: chi_square_sf(chi_square, 1),
                }
            });
            PooledComparison {
                endpoint,
                marker,
                centres_used: lows.len(),
                centres_withheld: withheld,
                low_survival: survival_curve(&low),
                high_survival: survival_curve(&high),
                low,
                high,
                log_rank,
                meta: METHODS
                    .into_iter()
                    .map(|m| (m, meta_analyse(&studies, m)))
                    .collect(),
            }
        })
        .collect();
    Ok(Pooled {
        grid_months: coarsest,
        rebinned,
        comparisons,
        coefficients: pooled_coefficients(summaries),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_models_coefficient_is_pooled_across_the_centres_that_had_its_factor() {
        use crate::centre_summary::{CentreSummary, ModelSummary};
        let model = |coefficients: Vec<f64>, variances: Vec<f64>, factors: &[&str]| ModelSummary {
            endpoint: "os".into(),
            model: "model1".into(),
            factors: factors.iter().map(|f| (*f).to_owned()).collect(),
            covariance: (0..variances.len())
                .map(|i| {
                    (0..variances.len())
                        .map(|j| if i == j { variances[i] } else { 0.001 })
                        .collect()
                })
                .collect(),
            coefficients,
            patients: 50,
            events: 40,
        };
        let centre = |m: ModelSummary, grid: f64| CentreSummary {
            models: vec![m],
            ..CentreSummary::new(grid, Vec::new())
        };
        let summaries = [
            centre(
                model(vec![0.5, 0.2], vec![0.04, 0.01], &["il6_high", "cirrhosis"]),
                1.0,
            ),
            centre(model(vec![1.0], vec![0.09], &["il6_high"]), 3.0),
        ];
        let pooled = pool(&summaries).expect("pools");
        assert_eq!(pooled.coefficients.len(), 2);
        let il6 = &pooled.coefficients[0];
        assert_eq!((il6.factor.as_str(), il6.centres), ("il6_high", 2));
        // Inverse variance by hand: weights 1/0.04 = 25 and 1/0.09 = 11.111…;
        // (25 · 0.5 + 11.111 · 1.0) / 36.111 = 0.653846; SE = √(1/36.111) = 0.166410.
        let fe = il6.meta[0].1.as_ref().expect("fixed effect");
        assert!(
            (fe.estimate - 0.653_846_153_8).abs() < 1e-9,
            "{}",
            fe.estimate
        );
        assert!((fe.standard_error - 0.166_410_058_9).abs() < 1e-9);
        // Cirrhosis is in one centre's model only: its own estimate, and no
        // random-effects model (which needs two).
        let cirrhosis = &pooled.coefficients[1];
        assert_eq!(cirrhosis.centres, 1);
        assert!((cirrhosis.meta[0].1.as_ref().expect("FE").estimate - 0.2).abs() < 1e-12);
        assert!(cirrhosis.meta[1].1.is_err());
        // The models survive the file.
        let back = CentreSummary::from_json(&summaries[0].to_json()).expect("reads");
        assert_eq!(back, summaries[0]);
        // A file written before models were added reads as none.
        let old = summaries[0].to_json().replace("\"models\"", "\"ignored\"");
        assert!(CentreSummary::from_json(&old)
            .expect("reads")
            .models
            .is_empty());
    }

    #[test]
    fn a_binned_table_becomes_events_and_censorings_at_the_end_of_their_bin() {
        // Bin 0: 1 event, 1 censored; bin 1: none; bin 2: 2 events.
        let table = GroupTable {
            patients: 4,
            at_risk: vec![4, 2, 2],
            events: vec![1, 0, 2],
            censored: vec![1, 0, 0],
        };
        let data = binned_data(&table, 3.0).expect("data");
        assert_eq!(data.times(), &[3.0, 3.0, 9.0, 9.0]);
        assert_eq!(data.events(), &[true, false, true, true]);
        let empty = GroupTable {
            patients: 0,
            at_risk: vec![],
            events: vec![],
            censored: vec![],
        };
        assert!(binned_data(&empty, 1.0).is_none());
    }

    use super::*;
    use crate::centre_summary::{comparison, group_table};

    fn centre(seed: u64, grid: f64) -> CentreSummary {
        // Deterministic small cohorts: times spread by a multiplicative hash.
        let rows = |n: u64, scale: f64| -> Vec<(f64, bool)> {
            (0..n)
                .map(|i| {
                    let h = (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ seed;
                    ((h % 1000) as f64 / 1000.0 * scale, h % 3 != 0)
                })
                .collect()
        };
        CentreSummary::new(
            grid,
            vec![comparison(
                "os",
                "il6",
                &rows(20, 30.0),
                &rows(15, 15.0),
                grid,
            )],
        )
    }

    #[test]
    fn rebinning_sums_events_and_keeps_the_first_at_risk() {
        // Grid 1 → 3: bins 0–2 become bin 0, 3 stays bin 1.
        let t = group_table(
            &[(0.5, true), (1.5, false), (2.5, true), (3.5, true)],
            1.0,
            4,
        );
        let r = rebin(&t, 3);
        assert_eq!(r.at_risk, vec![4, 1]);
        assert_eq!(r.events, vec![2, 1]);
        assert_eq!(r.censored, vec![1, 0]);
        // The same as binning on the coarse grid directly.
        assert_eq!(
            r,
            group_table(
                &[(0.5, true), (1.5, false), (2.5, true), (3.5, true)],
                3.0,
                2
            )
        );
    }

    #[test]
    fn the_same_export_twice_is_refused_and_grids_must_divide() {
        let a = centre(1, 1.0);
        assert_eq!(
            pool(&[a.clone(), a.clone()]),
            Err(PoolError::SameExport {
                first: 0,
                second: 1
            })
        );
        assert_eq!(
            pool(std::slice::from_ref(&a)),
            Err(PoolError::TooFewCentres(1))
        );
        let b = centre(2, 2.5);
        assert_eq!(
            pool(&[a.clone(), b]),
            Err(PoolError::IncompatibleGrids {
                coarsest: 2.5,
                other: 1.0
            })
        );
        let c = centre(3, 3.0);
        let pooled = pool(&[a, c]).expect("1 divides 3");
        assert!(pooled.rebinned);
        assert_eq!(pooled.grid_months, 3.0);
    }

    #[test]
    fn the_pooled_table_counts_every_patient_once() {
        let pooled = pool(&[centre(1, 1.0), centre(2, 1.0), centre(3, 1.0)]).expect("pools");
        let c = &pooled.comparisons[0];
        assert_eq!((c.centres_used, c.centres_withheld), (3, 0));
        assert_eq!((c.low.patients, c.high.patients), (60, 45));
        assert_eq!(c.low.at_risk[0], 60);
        let meta = c
            .meta
            .iter()
            .find(|(m, _)| *m == Method::FixedEffect)
            .expect("FE");
        assert_eq!(meta.1.as_ref().map(|m| m.studies), Ok(3));
    }
}

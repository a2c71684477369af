//! The centre summary (issue 14): what one centre shares so that several
//! can pool their validation without moving a patient row.
//!
//! Per endpoint and marker: each group's table of number at risk, events and
//! censored on a time grid (default 1 month; coarser is more private), the
//! log-rank observed-minus-expected of the high group and its variance
//! computed from those tables, and the univariate Cox log hazard ratio (high
//! vs low, Efron ties) with its standard error from the exact times. A
//! comparison with a group of fewer than [`MIN_GROUP_PATIENTS`] patients is
//! withheld, with the reason in the file. No row-level data, no ids, no
//! dates. The file is JSON with a schema name and version
//! (`docs/centre-summary.md`); writing then reading it gives the same numbers
//! bit for bit (serde_json writes the shortest decimal that reads back to the
//! same `f64`).
//!
//! Times are binned as `k = floor(t / grid)`, and the log-rank statistics
//! treat every event and censoring of bin `k` as happening at its end,
//! `(k + 1) · grid`: exactly R's `survdiff` on times rounded up to the grid.

use serde::{Deserialize, Serialize};
use survival::{Covariates, CoxFit, SurvivalData};

/// The file's schema name.
pub const SCHEMA: &str = "soramic-centre-summary";
/// The schema version this build writes and reads.
pub const VERSION: u32 = 1;
/// A comparison with a smaller group is withheld.
pub const MIN_GROUP_PATIENTS: usize = 5;
/// The default time grid, months.
pub const DEFAULT_GRID_MONTHS: f64 = 1.0;

/// One centre's shared summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreSummary {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The schema version ([`VERSION`] when written by this build).
    pub version: u32,
    /// Width of a time bin, months.
    pub grid_months: f64,
    /// The smallest group shared ([`MIN_GROUP_PATIENTS`] when written here).
    pub minimum_group: usize,
    /// One entry per endpoint and marker.
    pub comparisons: Vec<Comparison>,
    /// The paper's multivariable models fitted on the cohort, where the
    /// file had their factors (absent from files written before they were
    /// added: read as none).
    #[serde(default)]
    pub models: Vec<ModelSummary>,
}

/// One of the paper's Cox models (Tables 2 and 3) fitted on a centre's
/// cohort: coefficients and their covariance, no patient row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    /// The endpoint's code (`os`, `ttld`).
    pub endpoint: String,
    /// `model1` or `model2`.
    pub model: String,
    /// The factors' codes, in the order of the coefficients.
    pub factors: Vec<String>,
    /// Log hazard ratios.
    pub coefficients: Vec<f64>,
    /// Their variance–covariance matrix.
    pub covariance: Vec<Vec<f64>>,
    /// Complete cases used.
    pub patients: usize,
    /// Events among them.
    pub events: usize,
}

/// One endpoint by one marker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The endpoint's code (`os`, `pfs`, `ld`).
    pub endpoint: String,
    /// The marker's code (`il6`, `il8`).
    pub marker: String,
    /// Why the comparison is not shared, when it is not.
    pub withheld: Option<Withheld>,
    /// The low group's table (absent when withheld).
    pub low: Option<GroupTable>,
    /// The high group's table (absent when withheld).
    pub high: Option<GroupTable>,
    /// From the tables; absent when withheld or without events.
    pub log_rank: Option<BinnedLogRank>,
    /// From the exact times; absent when withheld or not estimable.
    pub cox: Option<CoxEstimate>,
}

/// Why a comparison is not shared (the view words it in the reader's
/// language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Withheld {
    /// A group is smaller than the minimum shared.
    SmallGroup {
        /// Patients in the smaller group.
        smallest_group: usize,
        /// The minimum ([`MIN_GROUP_PATIENTS`]).
        minimum: usize,
    },
}

/// A group's counts per time bin; bin `k` is `[k · grid, (k + 1) · grid)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTable {
    /// Patients in the group.
    pub patients: usize,
    /// At risk at the start of each bin.
    pub at_risk: Vec<u32>,
    /// Events in each bin.
    pub events: Vec<u32>,
    /// Censored in each bin.
    pub censored: Vec<u32>,
}

/// The log-rank test's parts for the high group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BinnedLogRank {
    /// Observed minus expected events in the high group.
    pub observed_minus_expected: f64,
    /// Its variance.
    pub variance: f64,
}

/// The univariate Cox estimate, high vs low.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CoxEstimate {
    /// log hazard ratio.
    pub log_hazard_ratio: f64,
    /// Its standard error.
    pub standard_error: f64,
}

/// Why a file is not a centre summary this build can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryFileError {
    /// Not JSON of this shape; serde's message.
    Malformed(String),
    /// Another kind of JSON file.
    OtherSchema(String),
    /// Another version of the schema.
    OtherVersion(u32),
    /// A table whose columns differ in length, or a grid that is not a
    /// positive number.
    Inconsistent(String),
}

impl std::fmt::Display for SummaryFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SummaryFileError::Malformed(why) => write!(f, "not a centre summary: {why}"),
            SummaryFileError::OtherSchema(name) => {
                write!(
                    f,
                    "a file of another kind (\"{name}\"), not a centre summary"
                )
            }
            SummaryFileError::OtherVersion(v) => write!(
                f,
                "a centre summary of version {v}; this version of the app reads version {VERSION}"
            ),
            SummaryFileError::Inconsistent(why) => {
                write!(f, "an inconsistent centre summary: {why}")
            }
        }
    }
}

impl std::error::Error for SummaryFileError {}

/// The bin of a time: `floor(t / grid)`.
fn bin_of(time: f64, grid: f64) -> usize {
    (time / grid).floor().max(0.0) as usize
}

/// One group's table over `bins` bins.
pub fn group_table(patients: &[(f64, bool)], grid: f64, bins: usize) -> GroupTable {
    let mut events = vec![0u32; bins];
    let mut censored = vec![0u32; bins];
    for &(time, event) in patients {
        let k = bin_of(time, grid).min(bins.saturating_sub(1));
        if event {
            events[k] += 1;
        } else {
            censored[k] += 1;
        }
    }
    let mut at_risk = vec![0u32; bins];
    let mut remaining = patients.len() as u32;
    for k in 0..bins {
        at_risk[k] = remaining;
        remaining -= events[k] + censored[k];
    }
    GroupTable {
        patients: patients.len(),
        at_risk,
        events,
        censored,
    }
}

/// The log-rank parts of the high group from two tables on the same grid,
/// every bin's deaths tied at its end; `None` without any event.
pub fn binned_log_rank(low: &GroupTable, high: &GroupTable) -> Option<BinnedLogRank> {
    let bins = low.at_risk.len().max(high.at_risk.len());
    let get = |v: &Vec<u32>, k: usize| f64::from(v.get(k).copied().unwrap_or(0));
    let mut o_minus_e = 0.0;
    let mut variance = 0.0;
    let mut any = false;
    for k in 0..bins {
        let (n1, n0) = (get(&high.at_risk, k), get(&low.at_risk, k));
        let (d1, d0) = (get(&high.events, k), get(&low.events, k));
        let (n, d) = (n1 + n0, d1 + d0);
        if d == 0.0 || n == 0.0 {
            continue;
        }
        any = true;
        o_minus_e += d1 - d * n1 / n;
        if n > 1.0 {
            variance += d * (n1 / n) * (1.0 - n1 / n) * (n - d) / (n - 1.0);
        }
    }
    any.then_some(BinnedLogRank {
        observed_minus_expected: o_minus_e,
        variance,
    })
}

/// The univariate Cox estimate (high = 1) from exact times; `None` when it
/// cannot be estimated (no events in a group, no convergence).
pub fn cox_estimate(low: &[(f64, bool)], high: &[(f64, bool)]) -> Option<CoxEstimate> {
    let all: Vec<(f64, bool, f64)> = low
        .iter()
        .map(|&(t, e)| (t, e, 0.0))
        .chain(high.iter().map(|&(t, e)| (t, e, 1.0)))
        .collect();
    let data = SurvivalData::new(
        all.iter().map(|r| r.0).collect(),
        all.iter().map(|r| r.1).collect(),
    )
    .ok()?;
    let covariates = Covariates::single(all.iter().map(|r| r.2).collect()).ok()?;
    let fit = CoxFit::fit(&data, &covariates).ok()?;
    let term = fit.term(0)?;
    (term.coefficient.is_finite() && term.std_err.is_finite() && term.std_err > 0.0).then_some(
        CoxEstimate {
            log_hazard_ratio: term.coefficient,
            standard_error: term.std_err,
        },
    )
}

/// One comparison from the patients of the two groups (months, event).
pub fn comparison(
    endpoint: &str,
    marker: &str,
    low: &[(f64, bool)],
    high: &[(f64, bool)],
    grid: f64,
) -> Comparison {
    let smallest = low.len().min(high.len());
    if smallest < MIN_GROUP_PATIENTS {
        return Comparison {
            endpoint: endpoint.to_owned(),
            marker: marker.to_owned(),
            withheld: Some(Withheld::SmallGroup {
                smallest_group: smallest,
                minimum: MIN_GROUP_PATIENTS,
            }),
            low: None,
            high: None,
            log_rank: None,
            cox: None,
        };
    }
    let last = low
        .iter()
        .chain(high)
        .map(|&(t, _)| bin_of(t, grid))
        .max()
        .unwrap_or(0);
    let low_table = group_table(low, grid, last + 1);
    let high_table = group_table(high, grid, last + 1);
    Comparison {
        endpoint: endpoint.to_owned(),
        marker: marker.to_owned(),
        withheld: None,
        log_rank: binned_log_rank(&low_table, &high_table),
        cox: cox_estimate(low, high),
        low: Some(low_table),
        high: Some(high_table),
    }
}

impl CentreSummary {
    /// The summary of an analysed cohort: every endpoint by every marker the
    /// analysis compared, split as the analysis split them (one split, no
    /// second code path), on a grid of `grid_months`. Endpoints by their
    /// vocabulary codes (`os`, `pfs`, `ttld`).
    pub fn from_analysis(
        analysis: &crate::analysis::CohortAnalysis,
        grid_months: f64,
    ) -> CentreSummary {
        let pairs = |data: &Option<SurvivalData>| -> Vec<(f64, bool)> {
            data.as_ref().map_or_else(Vec::new, |d| {
                d.times()
                    .iter()
                    .copied()
                    .zip(d.events().iter().copied())
                    .collect()
            })
        };
        let comparisons = analysis
            .endpoints
            .iter()
            .flat_map(|endpoint| {
                endpoint.markers.iter().map(move |m| {
                    comparison(
                        endpoint.kind.code(),
                        m.marker.code(),
                        &pairs(&m.comparison.low.data),
                        &pairs(&m.comparison.high.data),
                        grid_months,
                    )
                })
            })
            .collect();
        // A model is shared when it was fitted and every coefficient is an
        // estimate (not a separated factor), on at least the minimum number
        // of patients.
        let models = analysis
            .endpoints
            .iter()
            .flat_map(|endpoint| {
                endpoint.models.iter().filter_map(move |m| {
                    let fit = m.fit.as_ref().ok()?;
                    let estimable = fit.converged
                        && fit.terms.iter().all(|t| t.estimate.is_ok())
                        && fit.coefficients.len() == fit.terms.len();
                    (estimable && m.n >= MIN_GROUP_PATIENTS).then(|| ModelSummary {
                        endpoint: endpoint.kind.code().to_owned(),
                        model: m.model.code().to_owned(),
                        factors: fit
                            .terms
                            .iter()
                            .map(|t| t.factor.code().to_owned())
                            .collect(),
                        coefficients: fit.coefficients.clone(),
                        covariance: fit.covariance.clone(),
                        patients: m.n,
                        events: m.events,
                    })
                })
            })
            .collect();
        CentreSummary {
            models,
            ..CentreSummary::new(grid_months, comparisons)
        }
    }

    /// A summary on `grid` months from its comparisons.
    pub fn new(grid_months: f64, comparisons: Vec<Comparison>) -> CentreSummary {
        CentreSummary {
            schema: SCHEMA.to_owned(),
            version: VERSION,
            grid_months,
            minimum_group: MIN_GROUP_PATIENTS,
            comparisons,
            models: Vec::new(),
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        // Serialising plain data to a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a file, checking its schema, version and tables.
    pub fn from_json(text: &str) -> Result<CentreSummary, SummaryFileError> {
        #[derive(Deserialize)]
        struct Header {
            schema: String,
            version: u32,
        }
        let header: Header =
            serde_json::from_str(text).map_err(|e| SummaryFileError::Malformed(e.to_string()))?;
        if header.schema != SCHEMA {
            return Err(SummaryFileError::OtherSchema(header.schema));
        }
        if header.version != VERSION {
            return Err(SummaryFileError::OtherVersion(header.version));
        }
        let summary: CentreSummary =
            serde_json::from_str(text).map_err(|e| SummaryFileError::Malformed(e.to_string()))?;
        if !(summary.grid_months.is_finite() && summary.grid_months > 0.0) {
            return Err(SummaryFileError::Inconsistent(format!(
                "time grid {} months",
                summary.grid_months
            )));
        }
        for c in &summary.comparisons {
            for table in [&c.low, &c.high].into_iter().flatten() {
                let n = table.at_risk.len();
                if table.events.len() != n || table.censored.len() != n {
                    return Err(SummaryFileError::Inconsistent(format!(
                        "{} by {}: table columns of different lengths",
                        c.endpoint, c.marker
                    )));
                }
            }
        }
        for m in &summary.models {
            let k = m.factors.len();
            if m.coefficients.len() != k
                || m.covariance.len() != k
                || m.covariance.iter().any(|row| row.len() != k)
            {
                return Err(SummaryFileError::Inconsistent(format!(
                    "{} {}: coefficients and covariance of different sizes",
                    m.endpoint, m.model
                )));
            }
        }
        Ok(summary)
    }

    /// A fingerprint of the content (FNV-1a of the compact JSON): two files
    /// from the same export have the same one.
    pub fn content_hash(&self) -> u64 {
        let text = serde_json::to_string(self).unwrap_or_default();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patients(rows: &[(f64, bool)]) -> Vec<(f64, bool)> {
        rows.to_vec()
    }

    #[test]
    fn the_table_counts_by_hand() {
        // Grid 1 month: 0.5 (event) and 0.9 (censored) in bin 0; 1.0 (event,
        // exactly on the boundary) in bin 1; 2.5 (event) in bin 2.
        let t = group_table(
            &patients(&[(0.5, true), (0.9, false), (1.0, true), (2.5, true)]),
            1.0,
            3,
        );
        assert_eq!(t.at_risk, vec![4, 2, 1]);
        assert_eq!(t.events, vec![1, 1, 1]);
        assert_eq!(t.censored, vec![1, 0, 0]);
    }

    #[test]
    fn the_binned_log_rank_by_hand() {
        // Bin 0: high 2 at risk, 1 event; low 2 at risk, 0 events.
        // n = 4, d = 1: E_high = 1·2/4 = 0.5, O − E = 0.5;
        // V = 1 · (2/4)(2/4) · 3/3 = 0.25. Nothing else has events.
        let high = GroupTable {
            patients: 2,
            at_risk: vec![2, 1],
            events: vec![1, 0],
            censored: vec![0, 1],
        };
        let low = GroupTable {
            patients: 2,
            at_risk: vec![2, 2],
            events: vec![0, 0],
            censored: vec![0, 2],
        };
        let lr = binned_log_rank(&low, &high).expect("an event");
        assert!((lr.observed_minus_expected - 0.5).abs() < 1e-15);
        assert!((lr.variance - 0.25).abs() < 1e-15);
    }

    #[test]
    fn a_small_group_is_withheld_with_its_reason() {
        let low: Vec<(f64, bool)> = (0..10).map(|i| (f64::from(i), i % 2 == 0)).collect();
        let high = patients(&[(1.0, true), (2.0, true), (3.0, false), (4.0, true)]);
        let c = comparison("os", "il6", &low, &high, 1.0);
        assert_eq!(
            c.withheld,
            Some(Withheld::SmallGroup {
                smallest_group: 4,
                minimum: 5
            })
        );
        // In the file: `"withheld": {"reason": "small_group", …}`.
        let json = CentreSummary::new(1.0, vec![c.clone()]).to_json();
        assert!(json.contains("\"reason\": \"small_group\""), "{json}");
        assert!(c.low.is_none() && c.high.is_none() && c.cox.is_none() && c.log_rank.is_none());
    }

    #[test]
    fn the_file_round_trips_bit_for_bit_and_refuses_other_kinds() {
        let low: Vec<(f64, bool)> = (0..12)
            .map(|i| (0.37 * f64::from(i) + 0.1, i % 3 != 0))
            .collect();
        let high: Vec<(f64, bool)> = (0..9)
            .map(|i| (0.21 * f64::from(i) + 0.05, i % 2 == 0))
            .collect();
        let summary = CentreSummary::new(1.0, vec![comparison("os", "il6", &low, &high, 1.0)]);
        let cox = summary.comparisons[0].cox.expect("estimable");
        let back = CentreSummary::from_json(&summary.to_json()).expect("reads back");
        assert_eq!(back, summary);
        let back_cox = back.comparisons[0].cox.expect("estimable");
        assert_eq!(
            back_cox.log_hazard_ratio.to_bits(),
            cox.log_hazard_ratio.to_bits()
        );
        assert_eq!(
            back_cox.standard_error.to_bits(),
            cox.standard_error.to_bits()
        );
        assert_eq!(back.content_hash(), summary.content_hash());

        let other = summary.to_json().replace(SCHEMA, "something-else");
        assert_eq!(
            CentreSummary::from_json(&other),
            Err(SummaryFileError::OtherSchema("something-else".into()))
        );
        let newer = summary
            .to_json()
            .replace("\"version\": 1", "\"version\": 2");
        assert_eq!(
            CentreSummary::from_json(&newer),
            Err(SummaryFileError::OtherVersion(2))
        );
        assert!(matches!(
            CentreSummary::from_json("{"),
            Err(SummaryFileError::Malformed(_))
        ));
    }
}

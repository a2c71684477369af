//! Reading the CSV fixtures written by `fixtures/generate.R`.
//!
//! The format is deliberately trivial (comma separated, no quoting, `NA` for
//! missing, `Inf` for infinity), so a few lines of parsing suffice.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use survival::prec::close_to_r;
use survival::SurvivalData;

/// The data sets written by `generate.R`.
pub const SETS: [&str; 10] = [
    "lung", "veteran", "ovarian", "aml", "colon", "kidney", "pbc", "flat", "nearties", "scales",
];

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// One CSV table: rows as maps from column name to text.
pub struct Table {
    pub rows: Vec<HashMap<String, String>>,
}

pub fn read_table(set_kind: &str, set: &str) -> Table {
    let path = fixtures_dir().join(format!("{set_kind}_{set}.csv"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(str::to_string))
                .collect()
        })
        .collect();
    Table { rows }
}

pub trait Row {
    fn text(&self, key: &str) -> &str;
    fn num(&self, key: &str) -> f64;
    fn opt(&self, key: &str) -> Option<f64>;
    fn count(&self, key: &str) -> usize;
}

impl Row for HashMap<String, String> {
    fn text(&self, key: &str) -> &str {
        self.get(key)
            .unwrap_or_else(|| panic!("no column {key}"))
            .as_str()
    }
    fn num(&self, key: &str) -> f64 {
        self.opt(key)
            .unwrap_or_else(|| panic!("column {key} is NA"))
    }
    fn opt(&self, key: &str) -> Option<f64> {
        match self.text(key) {
            "NA" => None,
            "Inf" => Some(f64::INFINITY),
            "-Inf" => Some(f64::NEG_INFINITY),
            t => Some(
                t.parse()
                    .unwrap_or_else(|_| panic!("{key}={t} is not a number")),
            ),
        }
    }
    fn count(&self, key: &str) -> usize {
        self.text(key)
            .parse()
            .unwrap_or_else(|_| panic!("{key} is not a count"))
    }
}

/// The input data of one set.
pub struct DataSet {
    pub table: Table,
    /// Group labels in factor-level order (as in `survdiff_<set>.csv`).
    pub levels: Vec<String>,
}

impl DataSet {
    pub fn load(set: &str) -> Self {
        let table = read_table("data", set);
        let levels = read_table("survdiff", set)
            .rows
            .iter()
            .map(|r| r.text("group").to_string())
            .collect();
        Self { table, levels }
    }

    /// Survival data of one group, or of everyone for `"all"`.
    pub fn survival(&self, group: &str) -> SurvivalData {
        let rows: Vec<_> = self
            .table
            .rows
            .iter()
            .filter(|r| group == "all" || r.text("group") == group)
            .collect();
        SurvivalData::new(
            rows.iter().map(|r| r.num("time")).collect(),
            rows.iter().map(|r| r.text("status") == "1").collect(),
        )
        .expect("fixture data are valid")
    }

    pub fn column(&self, name: &str) -> Vec<f64> {
        self.table.rows.iter().map(|r| r.num(name)).collect()
    }
}

/// Asserts `actual` matches R's `expected` under the project's rule
/// (`survival::prec::close_to_r`: relative 1e-6, absolute 1e-14).
#[track_caller]
pub fn assert_r(actual: f64, expected: f64, what: &str) {
    assert!(
        close_to_r(actual, expected),
        "{what}: got {actual:.17e}, R gives {expected:.17e}"
    );
}

/// Same for values R may report as `NA` (`None`).
#[track_caller]
pub fn assert_r_opt(actual: Option<f64>, expected: Option<f64>, what: &str) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert_r(a, e, what),
        (None, None) => {}
        _ => panic!("{what}: got {actual:?}, R gives {expected:?}"),
    }
}

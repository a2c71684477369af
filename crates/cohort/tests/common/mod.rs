//! Shared by the integration tests: the test files, their mappings, the
//! crate's results flattened to the keys `fixtures/generate.R` writes.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calculator_core::published::Marker;
use cohort::analysis::{AnalysisError, CohortAnalysis, GroupSurvival, HazardRatioEstimate};
use cohort::cutoff::{explore_cutoff, optimal_cutoff, MaxStatOptions};
use cohort::import::Cohort;
use cohort::mapping::{ColumnMapping, EndpointRole, EventCoding};

/// The files R and the crate both read: two messy ones, and one of edge
/// cases (a group with no events whose median is not reached, an empty
/// group, a constant factor).
pub const SETS: [&str; 3] = ["messy_semicolon_days", "messy_comma_months", "edge_cases"];

pub fn crate_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

pub fn read_set(set: &str) -> String {
    let bytes = std::fs::read(crate_dir().join("tests/data").join(format!("{set}.csv")))
        .expect("test file readable");
    cohort::csv::decode_utf8(bytes).expect("UTF-8")
}

/// The mapping a user would end with: the suggested one, plus the event
/// coding of the semicolon file (dead/alive).
pub fn import_set(set: &str) -> Cohort {
    let text = read_set(set);
    let preview = cohort::import::preview(&text, None, 5).expect("header");
    let mut mapping: ColumnMapping = preview.mapping;
    if set == "messy_semicolon_days" {
        mapping.event_coding = EventCoding::dead_alive();
    }
    Cohort::import(&text, None, &mapping).expect("imports")
}

/// A value as R wrote it: a number (`None` = NA) or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Option<f64>),
    Text(String),
}

fn n(x: f64) -> Value {
    Value::Number(if x.is_finite() { Some(x) } else { None })
}

fn opt(x: Option<f64>) -> Value {
    Value::Number(x)
}

fn count(x: usize) -> Value {
    Value::Number(Some(x as f64))
}

/// The text `generate.R` writes in place of a figure the crate does not
/// give: `empty_group` when a group has no patients, `not_estimable` for a
/// Cox HR that is not an estimate (R warns that it did not converge or that
/// the coefficient may be infinite, or a group has no events).
fn missing_text(error: &AnalysisError) -> Value {
    Value::Text(
        match error {
            AnalysisError::EmptyGroup { .. } => "empty_group",
            AnalysisError::NotEstimable(_) => "not_estimable",
            other => panic!("no figure: {other}"),
        }
        .into(),
    )
}

/// The keys of one hazard ratio, or `text` under each.
fn put_hr_outcome(
    out: &mut BTreeMap<String, Value>,
    key: &str,
    hr: Result<&HazardRatioEstimate, Value>,
    with_coef: bool,
) {
    match hr {
        Ok(hr) => put_hr(out, key, hr, with_coef),
        Err(text) => {
            let suffixes: &[&str] = if with_coef {
                &["coef", "se", "hr", "hr_lower", "hr_upper", "hr_p"]
            } else {
                &["hr", "hr_lower", "hr_upper", "hr_p"]
            };
            for suffix in suffixes {
                out.insert(format!("{key}/{suffix}"), text.clone());
            }
        }
    }
}

fn put_hr(out: &mut BTreeMap<String, Value>, key: &str, hr: &HazardRatioEstimate, with_coef: bool) {
    if with_coef {
        out.insert(format!("{key}/coef"), n(hr.coefficient));
        out.insert(format!("{key}/se"), n(hr.std_err));
    }
    out.insert(format!("{key}/hr"), n(hr.hazard_ratio));
    out.insert(format!("{key}/hr_lower"), n(hr.lower));
    out.insert(format!("{key}/hr_upper"), n(hr.upper));
    out.insert(format!("{key}/hr_p"), n(hr.p_value));
}

fn put_group(out: &mut BTreeMap<String, Value>, key: &str, name: &str, g: &GroupSurvival) {
    out.insert(format!("{key}/n_{name}"), count(g.n));
    out.insert(format!("{key}/events_{name}"), count(g.events));
    let (estimate, lower, upper) = match g.median() {
        Some(m) => (opt(m.estimate), opt(m.lower), opt(m.upper)),
        None => {
            let empty = Value::Text("empty".into());
            (empty.clone(), empty.clone(), empty)
        }
    };
    out.insert(format!("{key}/median_{name}"), estimate);
    out.insert(format!("{key}/median_{name}_lower"), lower);
    out.insert(format!("{key}/median_{name}_upper"), upper);
}

/// Every figure of the crate under the keys of `generate.R`.
pub fn crate_values(cohort: &Cohort) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    out.insert("rows_read".into(), count(cohort.rows_read()));
    out.insert("rows_used".into(), count(cohort.rows_used()));
    out.insert("rows_excluded".into(), count(cohort.rows_excluded()));
    let mut ids: Vec<String> = cohort
        .excluded_rows()
        .iter()
        .map(|r| r.id.clone().unwrap_or_default())
        .collect();
    ids.sort();
    out.insert("excluded_ids".into(), Value::Text(ids.join(" ")));
    for p in cohort.patients() {
        if let (Some(id), Some(albi)) = (&p.id, p.albi()) {
            out.insert(format!("albi/{id}"), n(albi.value()));
        }
    }
    let analysis = CohortAnalysis::compute(cohort);
    for e in &analysis.endpoints {
        let ep = match e.role {
            EndpointRole::Primary => "primary",
            EndpointRole::Second => "second",
        };
        out.insert(format!("{ep}/n"), count(e.n));
        out.insert(format!("{ep}/missing_endpoint"), count(e.missing_endpoint));
        for m in &e.markers {
            let key = format!("{ep}/{}", m.marker.code());
            let c = &m.comparison;
            out.insert(format!("{key}/n"), count(c.n));
            out.insert(format!("{key}/missing"), count(m.missing));
            put_group(&mut out, &key, "low", &c.low);
            put_group(&mut out, &key, "high", &c.high);
            let (chisq, p) = match &c.log_rank {
                Ok(lr) => (n(lr.chi_square), n(lr.p_value)),
                Err(e) => (missing_text(e), missing_text(e)),
            };
            out.insert(format!("{key}/logrank_chisq"), chisq);
            out.insert(format!("{key}/logrank_p"), p);
            put_hr_outcome(
                &mut out,
                &key,
                c.hazard_ratio.as_ref().map_err(missing_text),
                true,
            );

            let ms = optimal_cutoff(cohort, e.role, m.marker, &MaxStatOptions::default())
                .expect("maxstat");
            out.insert(format!("{key}/maxstat/statistic"), n(ms.test.statistic));
            out.insert(format!("{key}/maxstat/cutoff"), n(ms.test.cutoff));
            out.insert(format!("{key}/maxstat/p"), n(ms.test.p_value));
            out.insert(
                format!("{key}/maxstat/candidates"),
                count(ms.test.candidates.len()),
            );

            let cut = match m.marker {
                Marker::Il6 => 10.0,
                Marker::Il8 => 100.0,
            };
            let x = explore_cutoff(cohort, e.role, m.marker, cut).expect("explore");
            out.insert(format!("{key}/explore/n_low"), count(x.comparison.low.n));
            out.insert(format!("{key}/explore/n_high"), count(x.comparison.high.n));
            out.insert(
                format!("{key}/explore/logrank_p"),
                x.comparison
                    .log_rank
                    .as_ref()
                    .map_or_else(missing_text, |t| n(t.p_value)),
            );
            out.insert(
                format!("{key}/explore/hr"),
                x.comparison
                    .hazard_ratio
                    .as_ref()
                    .map_or_else(missing_text, |hr| n(hr.hazard_ratio)),
            );
        }
        for f in &e.factors {
            let key = format!("{ep}/factor/{}", f.factor.code());
            out.insert(format!("{key}/n"), count(f.n));
            out.insert(format!("{key}/n_with"), count(f.n_with_factor));
            put_hr_outcome(
                &mut out,
                &key,
                f.hazard_ratio.as_ref().map_err(missing_text),
                false,
            );
        }
        for model in &e.models {
            let key = format!("{ep}/{}", model.model.code());
            out.insert(format!("{key}/n"), count(model.n));
            out.insert(format!("{key}/events"), count(model.events));
            let dropped: Vec<String> = model
                .dropped
                .iter()
                .map(|d| {
                    format!(
                        "{}:{}",
                        d.factor.code(),
                        match d.reason {
                            cohort::analysis::DropReason::NotInFile => "not_in_file",
                            cohort::analysis::DropReason::Constant => "constant",
                        }
                    )
                })
                .collect();
            out.insert(format!("{key}/dropped"), Value::Text(dropped.join(" ")));
            let fit = model.fit.as_ref().expect("model fits");
            out.insert(format!("{key}/lr_p"), n(fit.likelihood_ratio_p));
            for term in &fit.terms {
                put_hr_outcome(
                    &mut out,
                    &format!("{key}/{}", term.factor.code()),
                    term.estimate
                        .as_ref()
                        .map_err(|_| Value::Text("not_estimable".into())),
                    true,
                );
            }
        }
    }
    out
}

/// `expected_<set>.csv` as key → text.
pub fn read_expected(dir: &Path, set: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join(format!("expected_{set}.csv")))
        .unwrap_or_else(|e| panic!("expected_{set}.csv: {e}"));
    text.lines()
        .skip(1)
        .map(|line| {
            let (k, v) = line.split_once(',').unwrap_or((line, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

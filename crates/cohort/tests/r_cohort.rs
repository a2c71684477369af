//! The whole pipeline, CSV text to hazard ratio, against R on messy files.
//!
//! `tests/data/*.csv` are written for the purpose (`tests/data/make_messy.py`):
//! a semicolon file with BOM, CRLF, decimal commas, follow-up in days, albumin
//! in g/dL, bilirubin in mg/dL, dead/alive coding, quoted comments holding
//! separators, doubled quotes and line breaks, blank lines, six malformed rows
//! and missing values; and a comma file in months with quoted decimal commas,
//! a second endpoint, no Child–Pugh column, four malformed rows (an unquoted
//! decimal comma, an event "yes", albumin 0, bilirubin "1e3") and missing
//! values. `tests/fixtures/generate.R` reads them with R's own reader and
//! writes `expected_<set>.csv`; every key it writes is compared here at a
//! relative 1e-6 (`survival::prec::close_to_r`; absolute 1e-14 only for zeros):
//!
//! * counts: `rows_read`, `rows_used`, `rows_excluded`, `excluded_ids`;
//! * `albi/<id>`: ALBI score per patient;
//! * per endpoint (`primary`, `second`): `n`, `missing_endpoint`;
//! * per marker `<ep>/<il6|il8>/…`: group sizes and events, KM median and its
//!   95% CI per group (`survfit`; NA = not reached), `logrank_chisq`/`_p`
//!   (`survdiff`), `coef`, `se`, `hr`, `hr_lower`, `hr_upper`, `hr_p`
//!   (`coxph`, Efron); `maxstat/statistic`, `cutoff`, `p`, `candidates`
//!   (`maxstat.test(..., smethod = "LogRank", pmethod = "Lau92")`);
//!   `explore/…` at IL6 > 10 and IL8 > 100 pg/mL;
//! * `<ep>/factor/<factor>/…`: univariate Cox of each factor;
//! * `<ep>/model1|model2/…`: `n`, `events`, `dropped`, `lr_p`, and each term.
//!
//! Where the crate gives no figure R writes a text instead, compared as
//! text: `empty` (the median of an empty group), `empty_group` (log-rank and
//! HR when a group has no patients, or a factor is constant), and
//! `not_estimable` (a Cox HR that did not converge, may be infinite by R's
//! own warning, or compares a group without events). `tests/data/
//! edge_cases.csv` holds each of these.

mod common;

use common::{crate_values, import_set, read_expected, Value, SETS};
use survival::prec::close_to_r;

fn check_set(set: &str) {
    let cohort = import_set(set);
    let ours = crate_values(&cohort);
    let expected = read_expected(&common::crate_dir().join("tests/fixtures"), set);
    assert!(expected.len() > 150, "{set}: too few expected values");
    let mut failures = Vec::new();
    for (key, text) in &expected {
        let Some(value) = ours.get(key) else {
            failures.push(format!("{key}: R has {text}, the crate has no such figure"));
            continue;
        };
        let ok = match value {
            Value::Text(t) => t == text,
            Value::Number(None) => text == "NA",
            Value::Number(Some(x)) => text.parse::<f64>().is_ok_and(|r| close_to_r(*x, r)),
        };
        if !ok {
            failures.push(format!("{key}: R {text}, crate {value:?}"));
        }
    }
    // Every figure the crate computes for these keys is one R checked.
    for key in ours.keys() {
        if !expected.iter().any(|(k, _)| k == key) {
            failures.push(format!("{key}: computed by the crate but not by R"));
        }
    }
    assert!(failures.is_empty(), "{set}:\n{}", failures.join("\n"));
}

#[test]
fn the_semicolon_file_in_days_matches_r() {
    check_set(SETS[0]);
}

#[test]
fn the_comma_file_with_a_second_endpoint_matches_r() {
    check_set(SETS[1]);
}

/// The edge cases: IL6 > 6.53 has patients but no events (median not
/// reached, HR not estimable), IL8 > 60.8 has nobody (one patient sits on
/// the cutoff), cirrhosis is constant (no univariate HR, left out of the
/// models as R would give NA).
#[test]
fn the_file_of_edge_cases_matches_r() {
    let expected = read_expected(&common::crate_dir().join("tests/fixtures"), SETS[2]);
    let get = |key: &str| {
        expected
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("R wrote no {key}"))
    };
    // The fixture holds the cases it is for.
    assert_eq!(get("primary/il6/events_high"), "0");
    assert_eq!(get("primary/il6/median_high"), "NA");
    assert_eq!(get("primary/il6/hr"), "not_estimable");
    assert_eq!(get("primary/il8/n_high"), "0");
    assert_eq!(get("primary/il8/median_high"), "empty");
    assert_eq!(get("primary/il8/hr"), "empty_group");
    assert_eq!(get("primary/factor/cirrhosis/hr"), "empty_group");
    assert!(get("primary/model1/dropped").contains("cirrhosis:constant"));
    check_set(SETS[2]);
}

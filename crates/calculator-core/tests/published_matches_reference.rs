//! Every published figure embedded in the app is compared with the project's
//! transcription of the paper, `reference/published.toml` (the project's copy), which
//! records where each figure stands in the paper.

use calculator_core::published::{
    CoxEndpoint, KmComparison, PValue, PublishedMedian, COHORT_DEATHS, COHORT_MEDIAN_OS,
    COHORT_SIZE, IL6_HIGH_N, IL6_LOW_N, IL8_HIGH_N, IL8_LOW_N, KM_COMPARISONS,
};
use calculator_core::{published, Decimal};
use toml::Value;

fn reference() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../reference/published.toml"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read {path}: {e} (the project copy of the paper's figures)")
    });
    text.parse::<Value>().expect("published.toml parses")
}

fn float(value: &Value) -> f64 {
    value
        .as_float()
        .or_else(|| value.as_integer().map(|i| i as f64))
        .unwrap_or_else(|| panic!("not a number: {value:?}"))
}

fn p_value(value: &Value) -> PValue {
    match value {
        Value::String(text) => {
            let bound = text.trim().trim_start_matches('<').trim();
            PValue::Below(bound.parse().expect("p bound"))
        }
        other => PValue::Exact(float(other)),
    }
}

fn decimal(value: f64) -> Decimal {
    calculator_core::number_input::parse_number(&value.to_string()).expect("decimal")
}

#[test]
fn study_size_deaths_groups_and_cohort_median_match() {
    let r = reference();
    assert_eq!(r["study"]["n"].as_integer(), Some(COHORT_SIZE.into()));
    assert_eq!(
        r["study"]["deaths"].as_integer(),
        Some(COHORT_DEATHS.into())
    );
    let median = &r["study"]["median_os"];
    assert_eq!(float(&median["value"]), COHORT_MEDIAN_OS.months);
    let ci = median["ci"].as_array().expect("ci");
    assert_eq!(Some((float(&ci[0]), float(&ci[1]))), COHORT_MEDIAN_OS.ci);
    let groups = &r["groups"];
    assert_eq!(groups["il6"]["low"].as_integer(), Some(IL6_LOW_N.into()));
    assert_eq!(groups["il6"]["high"].as_integer(), Some(IL6_HIGH_N.into()));
    assert_eq!(groups["il8"]["low"].as_integer(), Some(IL8_LOW_N.into()));
    assert_eq!(groups["il8"]["high"].as_integer(), Some(IL8_HIGH_N.into()));
}

#[test]
fn cutoffs_match() {
    let c = &reference()["cutoffs"];
    assert_eq!(
        decimal(float(&c["il6_pg_ml"]["value"])),
        published::IL6_CUTOFF_PG_ML
    );
    assert_eq!(
        decimal(float(&c["il8_pg_ml"]["value"])),
        published::IL8_CUTOFF_PG_ML
    );
    assert_eq!(
        decimal(float(&c["albumin_g_l"]["value"])),
        published::ALBUMIN_CUTOFF_G_L
    );
    assert_eq!(
        decimal(float(&c["bilirubin_umol_l"]["value"])),
        published::BILIRUBIN_CUTOFF_UMOL_L
    );
    assert_eq!(c["il6_pg_ml"]["rule"].as_str(), Some("> is high"));
    assert_eq!(c["il8_pg_ml"]["rule"].as_str(), Some("> is high"));
    assert_eq!(c["albumin_g_l"]["rule"].as_str(), Some("< is low (risk)"));
    assert_eq!(
        c["bilirubin_umol_l"]["rule"].as_str(),
        Some(">= is high (risk)")
    );
}

fn triple(value: &Value) -> (f64, f64, f64) {
    let a = value.as_array().expect("[hr, lower, upper]");
    (float(&a[0]), float(&a[1]), float(&a[2]))
}

#[test]
fn every_embedded_cox_row_matches_tables_2_and_3() {
    let r = reference();
    let mut compared = 0;
    for table in r["cox"].as_array().expect("cox tables") {
        let endpoint = match table["endpoint"].as_str() {
            Some("overall_survival") => CoxEndpoint::OverallSurvival,
            Some("time_to_liver_dysfunction") => CoxEndpoint::LiverDysfunction,
            other => panic!("unexpected endpoint {other:?}"),
        };
        assert_eq!(table["src"].as_str(), Some(endpoint.table()));
        for row in endpoint.rows() {
            let reference_row = table["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .find(|r| r["factor"].as_str() == Some(row.factor.key()))
                .unwrap_or_else(|| panic!("{:?} not in published.toml", row.factor));
            let hr = row.univariate;
            assert_eq!(
                triple(&reference_row["uni"]),
                (hr.estimate, hr.lower, hr.upper)
            );
            assert_eq!(p_value(&reference_row["p"]), hr.p, "{:?}", row.factor);
            for (key, p_key, embedded) in [("m1", "m1_p", row.model1), ("m2", "m2_p", row.model2)] {
                match (reference_row.get(key), embedded) {
                    (None, None) => {}
                    (Some(values), Some(hr)) => {
                        assert_eq!(triple(values), (hr.estimate, hr.lower, hr.upper));
                        assert_eq!(p_value(&reference_row[p_key]), hr.p);
                    }
                    (reference, embedded) => panic!(
                        "{:?} {key}: reference {reference:?}, embedded {embedded:?}",
                        row.factor
                    ),
                }
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 14);
}

fn median_matches(reference: &Value, embedded: &PublishedMedian) {
    assert_eq!(float(&reference["median"]), embedded.months);
    let ci = reference
        .get("ci")
        .and_then(Value::as_array)
        .map(|ci| (float(&ci[0]), float(&ci[1])));
    assert_eq!(ci, embedded.ci);
}

#[test]
fn every_published_median_and_log_rank_p_matches() {
    let r = reference();
    let embedded = |endpoint: &str, marker: &str| -> &KmComparison {
        KM_COMPARISONS
            .iter()
            .find(|c| c.endpoint.key() == endpoint && c.marker.key() == marker)
            .unwrap_or_else(|| panic!("no embedded {endpoint} {marker}"))
    };
    let mut compared = 0;
    for km in r["km"].as_array().expect("km") {
        let endpoint = km["endpoint"].as_str().expect("endpoint");
        if endpoint == "time_to_liver_dysfunction_censored_at_progression" {
            continue; // a sensitivity analysis the calculator does not show
        }
        let comparison = embedded(endpoint, km["marker"].as_str().expect("marker"));
        median_matches(&km["low"], &comparison.low);
        median_matches(&km["high"], &comparison.high);
        assert_eq!(p_value(&km["p_logrank"]), comparison.p_logrank);
        compared += 1;
    }
    assert_eq!(compared, KM_COMPARISONS.len());
}

//! Every published figure embedded in the app is compared with the project's
//! transcription of the paper, `reference/published.toml` (the project's copy), which
//! records where each figure stands in the paper.

use study::published::{
    CoxEndpoint, KmComparison, PValue, PublishedMedian, COHORT_DEATHS, COHORT_MEDIAN_OS,
    COHORT_SIZE, IL6_HIGH_N, IL6_LOW_N, IL8_HIGH_N, IL8_LOW_N, KM_COMPARISONS,
};
use study::{published, Decimal};
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
    Decimal::parse_plain(&value.to_string()).expect("decimal")
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
                .find(|r| r["factor"].as_str() == Some(row.factor.code()))
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
            .find(|c| c.endpoint.published_toml_name() == endpoint && c.marker.code() == marker)
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

#[test]
fn the_citation_is_the_bibliographic_record_of_published_toml() {
    // A made-up title once reached the app: every field must be the record's.
    let r = reference();
    let c = &r["citation"];
    let text = |key: &str| {
        c[key]
            .as_str()
            .unwrap_or_else(|| panic!("[citation] {key}"))
    };
    let int = |key: &str| {
        c[key]
            .as_integer()
            .unwrap_or_else(|| panic!("[citation] {key}"))
    };
    let s = &published::SOURCE;
    assert_eq!(s.authors, text("authors"));
    assert_eq!(s.title, text("title"));
    assert_eq!(s.journal, text("journal"));
    assert_eq!(i64::from(s.year), int("year"));
    assert_eq!(i64::from(s.volume), int("volume"));
    assert_eq!(i64::from(s.issue), int("issue"));
    assert_eq!(i64::from(s.article), int("article"));
    assert_eq!(s.doi, text("doi"));
    assert_eq!(s.pmid, text("pmid"));
    assert_eq!(s.short, text("short"));
    assert_eq!(published::SHORT_CITATION, text("short"));
    assert_eq!(published::STUDY_DESIGN, text("design"));
    let full = published::citation();
    for piece in [
        text("title"),
        text("doi"),
        text("pmid"),
        "EJNMMI Res. 2021;11(1):51",
    ] {
        assert!(full.contains(piece), "{piece:?} missing from {full:?}");
    }
}

#[test]
fn every_other_reference_is_cited_as_clinical_md_gives_it() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../reference/clinical.md");
    let clinical = std::fs::read_to_string(path).expect("reference/clinical.md");
    let references = clinical
        .split("## References with their identifiers")
        .nth(1)
        .expect("clinical.md has its references section");
    // clinical.md wraps lines: compare with whitespace collapsed.
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let references = flat(references);
    for reference in published::REFERENCES {
        if let Some(doi) = reference.doi {
            assert!(
                references.contains(&format!("doi:{doi}")),
                "{doi} is not in clinical.md"
            );
        }
        // The first author and the journal/year part are written the same.
        let first_author = reference.text.split(',').next().expect("an author");
        assert!(references.contains(first_author), "{first_author}");
        let title_start: String = reference
            .text
            .split(". ")
            .nth(1)
            .expect("a title")
            .chars()
            .take(40)
            .collect();
        assert!(
            references.contains(&title_start),
            "{title_start:?} is not in clinical.md"
        );
    }
}

#[test]
fn endpoint_counts_match_the_papers_denominators() {
    let r = reference();
    for endpoint in published::Endpoint::ALL {
        let counts = endpoint.counts();
        let block = r["km"]
            .as_array()
            .expect("[[km]]")
            .iter()
            .find(|km| km["endpoint"].as_str() == Some(endpoint.published_toml_name()))
            .expect("the endpoint is in published.toml");
        assert_eq!(
            block["n"].as_integer(),
            Some(i64::from(counts.patients)),
            "{endpoint:?}"
        );
        let events = match endpoint {
            published::Endpoint::OverallSurvival => r["study"]["deaths"].as_integer(),
            _ => block.get("events").and_then(Value::as_integer),
        };
        assert_eq!(events, counts.events.map(i64::from), "{endpoint:?}");
    }
}

#[test]
fn table1_counts_for_applicability_match() {
    use published::table1;
    let r = reference();
    let row = |item: &str| -> i64 {
        r["baseline"]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|row| row["item"].as_str() == Some(item))
            .and_then(|row| row["v"][0].as_integer())
            .unwrap_or_else(|| panic!("Table 1 row {item}"))
    };
    assert_eq!(row("ecog_0"), i64::from(table1::ECOG_0));
    assert_eq!(row("ecog_1"), i64::from(table1::ECOG_1));
    assert_eq!(row("child_pugh_a"), i64::from(table1::CHILD_PUGH_A));
    assert_eq!(row("child_pugh_b"), i64::from(table1::CHILD_PUGH_B));
    assert_eq!(row("bclc_b"), i64::from(table1::BCLC_B));
    assert_eq!(row("bclc_c"), i64::from(table1::BCLC_C));
    assert_eq!(
        row("extrahepatic_spread"),
        i64::from(table1::EXTRAHEPATIC_SPREAD)
    );
    let cirrhosis_il6_low = r["baseline"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["item"].as_str() == Some("cirrhosis"))
        .and_then(|row| row["v"][1].as_integer());
    assert_eq!(
        cirrhosis_il6_low,
        Some(i64::from(table1::CIRRHOSIS_IN_IL6_LOW))
    );
    let il6_low = |item: &str| -> i64 {
        r["baseline"]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|row| row["item"].as_str() == Some(item))
            .and_then(|row| row["v"][1].as_integer())
            .unwrap_or_else(|| panic!("Table 1 row {item}"))
    };
    assert_eq!(
        il6_low("child_pugh_b"),
        i64::from(table1::CHILD_PUGH_B_IN_IL6_LOW)
    );
    assert_eq!(
        il6_low("albumin_below_36"),
        i64::from(table1::ALBUMIN_BELOW_36_IN_IL6_LOW)
    );
    assert_eq!(
        il6_low("bilirubin_17_or_more"),
        i64::from(table1::BILIRUBIN_17_OR_MORE_IN_IL6_LOW)
    );
    assert_eq!(
        il6_low("malbi_2b_or_3"),
        i64::from(table1::MALBI_2B_OR_3_IN_IL6_LOW)
    );
}

#[test]
fn the_sensitivity_analysis_matches_published_toml() {
    use study::published::{PublishedMedianNa, SENSITIVITY};
    let reference = reference();
    let na = |v: &Value| match v {
        Value::String(s) if s == "NA" => None,
        other => Some(float(other)),
    };
    let median = |v: &Value| {
        let ci = v["ci"].as_array().expect("ci");
        PublishedMedianNa {
            estimate: na(&v["median"]),
            lower: na(&ci[0]),
            upper: na(&ci[1]),
        }
    };
    let rows: Vec<&Value> = reference["km"]
        .as_array()
        .expect("[[km]]")
        .iter()
        .filter(|r| {
            r["endpoint"].as_str() == Some("time_to_liver_dysfunction_censored_at_progression")
        })
        .collect();
    assert_eq!(rows.len(), SENSITIVITY.len());
    for (row, ours) in rows.iter().zip(SENSITIVITY.iter()) {
        assert_eq!(row["marker"].as_str(), Some(ours.marker.code()));
        assert_eq!(median(&row["low"]), ours.low);
        assert_eq!(median(&row["high"]), ours.high);
        assert_eq!(float(&row["p_logrank"]), ours.p_log_rank);
    }
}

#[test]
fn the_derived_group_sizes_and_hazard_ratios_are_the_tables() {
    // Table 1 header: IL6 35/48, IL8 45/38 (whole cohort, so OS only);
    // Tables 2 and 3 univariate: IL6 OS 2.4, IL8 TTLD 1.5, none for PFS.
    use study::{Endpoint, Marker};
    let os_il6 = published::km_comparison(Endpoint::OverallSurvival, Marker::Il6);
    assert_eq!(os_il6.group_sizes(), Some((35, 48)));
    assert_eq!(os_il6.hazard_ratio().map(|h| h.estimate), Some(2.4));
    let pfs_il8 = published::km_comparison(Endpoint::ProgressionFreeSurvival, Marker::Il8);
    assert_eq!(pfs_il8.group_sizes(), None);
    assert_eq!(pfs_il8.hazard_ratio(), None);
    let ttld_il8 = published::km_comparison(Endpoint::TimeToLiverDysfunction, Marker::Il8);
    assert_eq!(
        ttld_il8
            .hazard_ratio()
            .map(|h| (h.estimate, h.lower, h.upper)),
        Some((1.5, 0.75, 3.0))
    );
}

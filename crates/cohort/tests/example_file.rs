//! `static/cohort-example.csv` (the file the README points researchers to)
//! imports with the default mapping alone, every role found.

use cohort::analysis::CohortAnalysis;
use cohort::import::{preview, Cohort};
use cohort::mapping::Role;

#[test]
fn the_example_file_maps_every_role_by_its_canonical_header() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../static/cohort-example.csv"
    );
    let text = std::fs::read_to_string(path).expect("example file");
    let p = preview(&text, None, 3).expect("header");
    // Dates are the other way to give follow-up (issue 15): not in this file.
    for role in Role::ALL.into_iter().filter(|r| !Role::DATES.contains(r)) {
        assert!(p.mapping.column(role).is_some(), "{role:?} not mapped");
    }
    let cohort = Cohort::import(&text, None, &p.mapping).expect("imports");
    // 40 made-up patients, written by `cargo run -p cohort --example example_file`
    // (the cutoffs themselves are checked by the per-patient CSV's e2e test).
    assert_eq!((cohort.rows_read(), cohort.rows_excluded()), (40, 0));
    assert_eq!(CohortAnalysis::compute(&cohort).endpoints.len(), 2);
}

#[test]
fn the_centre_summary_of_the_example_file_is_its_analysis_binned() {
    use cohort::centre_summary::{comparison, CentreSummary};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../static/cohort-example.csv"
    );
    let text = std::fs::read_to_string(path).expect("example file");
    let p = preview(&text, None, 3).expect("header");
    let cohort = Cohort::import(&text, None, &p.mapping).expect("imports");
    let analysis = CohortAnalysis::compute(&cohort);
    let summary = CentreSummary::from_analysis(&analysis, 1.0);
    // Two endpoints by two markers.
    assert_eq!(summary.comparisons.len(), 4);
    // Each comparison is `comparison()` of the analysis's own groups: the
    // same numbers, and the group sizes add up to the patients compared.
    for (c, (endpoint, m)) in summary.comparisons.iter().zip(
        analysis
            .endpoints
            .iter()
            .flat_map(|e| e.markers.iter().map(move |m| (e, m))),
    ) {
        assert_eq!(c.endpoint, endpoint.kind.code());
        assert_eq!(c.marker, m.marker.code());
        let pairs = |d: &Option<survival::SurvivalData>| -> Vec<(f64, bool)> {
            d.as_ref().map_or_else(Vec::new, |d| {
                d.times()
                    .iter()
                    .copied()
                    .zip(d.events().iter().copied())
                    .collect()
            })
        };
        let (low, high) = (
            pairs(&m.comparison.low.data),
            pairs(&m.comparison.high.data),
        );
        assert_eq!(
            *c,
            comparison(c.endpoint.as_str(), c.marker.as_str(), &low, &high, 1.0)
        );
        if let (Some(l), Some(h)) = (&c.low, &c.high) {
            assert_eq!(l.patients + h.patients, m.comparison.n);
        }
    }
    // The paper's models, where fitted with every coefficient estimable:
    // the fit's own coefficients and covariance (checked against R's coxph
    // in tests/r_cohort.rs).
    assert!(
        !summary.models.is_empty(),
        "the example file has every factor"
    );
    for m in &summary.models {
        let endpoint = analysis
            .endpoints
            .iter()
            .find(|e| e.kind.code() == m.endpoint)
            .expect("its endpoint");
        let fitted = endpoint
            .models
            .iter()
            .find(|x| x.model.code() == m.model)
            .and_then(|x| x.fit.as_ref().ok())
            .expect("its fit");
        assert_eq!(m.coefficients, fitted.coefficients);
        assert_eq!(m.covariance, fitted.covariance);
        assert_eq!(m.factors.len(), m.coefficients.len());
    }
    // Round trip through the file, bit for bit.
    assert_eq!(
        CentreSummary::from_json(&summary.to_json()).expect("reads"),
        summary
    );
}

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

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
    for role in Role::ALL {
        assert!(p.mapping.column(role).is_some(), "{role:?} not mapped");
    }
    let cohort = Cohort::import(&text, None, &p.mapping).expect("imports");
    assert_eq!((cohort.rows_read(), cohort.rows_excluded()), (8, 0));
    // Patient 6 sits exactly on both cutoffs: 6.53 and 60.8 are low (strictly above = high).
    let on_cutoff = &cohort.patients()[5];
    assert_eq!(
        on_cutoff
            .group(calculator_core::published::Marker::Il6)
            .map(|g| g.code()),
        Some("low")
    );
    assert_eq!(
        on_cutoff
            .group(calculator_core::published::Marker::Il8)
            .map(|g| g.code()),
        Some("low")
    );
    assert_eq!(CohortAnalysis::compute(&cohort).endpoints.len(), 2);
}

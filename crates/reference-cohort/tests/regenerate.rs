//! The committed CSV and the table in `docs/reconstruction.md` are exactly
//! what the generator produces now.

use std::path::PathBuf;

use reference_cohort::construction::{build_cohort, generate_csv};
use reference_cohort::report::{generated_section, TABLE_BEGIN, TABLE_END};
use reference_cohort::{ReferenceCohort, RECONSTRUCTED_COHORT_CSV};

fn repository_file(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_generator_reproduces_the_committed_csv_byte_for_byte() {
    let generated = generate_csv();
    let on_disk = repository_file("static/reference/reconstructed_cohort.csv");
    assert!(
        generated == on_disk,
        "static/reference/reconstructed_cohort.csv is stale: run \
         `cargo run -p reference-cohort --bin generate-reference-cohort`"
    );
    assert_eq!(generated, RECONSTRUCTED_COHORT_CSV);
}

#[test]
fn the_csv_has_the_contracted_header_and_two_decimals() {
    let mut lines = RECONSTRUCTED_COHORT_CSV.lines();
    assert_eq!(
        lines.next(),
        Some("endpoint,marker,group,time_months,event")
    );
    for line in lines {
        let time = line.split(',').nth(3).unwrap();
        let decimals = time.split('.').nth(1).map_or(0, str::len);
        assert_eq!(decimals, 2, "{line}");
    }
    // 83 OS + 82 PFS + 78 TTLD patients, each once per marker.
    assert_eq!(
        ReferenceCohort::embedded().unwrap().len(),
        2 * (83 + 82 + 78)
    );
}

#[test]
fn the_docs_table_is_the_generated_one() {
    let doc = repository_file("docs/reconstruction.md");
    let cohort = ReferenceCohort::embedded().unwrap();
    let table = generated_section(&cohort, &build_cohort()).unwrap();
    let expected = format!("{TABLE_BEGIN}\n{table}{TABLE_END}");
    assert!(
        doc.contains(&expected),
        "docs/reconstruction.md is stale: run \
         `cargo run -p reference-cohort --bin generate-reference-cohort`"
    );
}

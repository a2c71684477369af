//! Any bytes dropped in as a cohort file: decoding, preview with the
//! suggested column mapping, import, every analysis and the export never
//! panic, and the row counts always add up.
#![no_main]

use cohort::analysis::CohortAnalysis;
use cohort::csv::decode_utf8;
use cohort::export::patients_csv;
use cohort::import::{preview, Cohort};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode_utf8(data.to_vec()) else {
        return;
    };
    let Ok(preview) = preview(&text, None, 20) else {
        return;
    };
    if let Ok(cohort) = Cohort::import(&text, Some(preview.separator), &preview.mapping) {
        assert_eq!(
            cohort.rows_read(),
            cohort.rows_used() + cohort.rows_excluded()
        );
        let _ = CohortAnalysis::compute(&cohort);
        let _ = patients_csv(&cohort);
    }
});

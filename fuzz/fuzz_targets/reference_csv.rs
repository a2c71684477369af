//! Any text given to the reference-cohort CSV parser (the same code reads the
//! embedded file): never a panic; a file that parses can be queried.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reference_cohort::{Endpoint, Group, Marker, ReferenceCohort};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(cohort) = ReferenceCohort::from_csv(&text) {
        for endpoint in Endpoint::ALL {
            for marker in Marker::ALL {
                for group in Group::ALL {
                    let _ = cohort.survival_data(endpoint, marker, group);
                }
            }
        }
    }
});

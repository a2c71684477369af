//! Any URL fragment: never a panic; it gives a state whose results compute
//! and whose field errors and warnings can be worded, and writing that state
//! back gives the same state (less any text too long to be a lab value, which
//! the link leaves out). The note summary is the app crate's (src/summary.rs),
//! checked on any link in every language by its property tests.
#![no_main]

use calculator_core::fragment::MAX_LINK_TEXT_CHARS;
use calculator_core::published::{CoxEndpoint, CoxModel};
use calculator_core::{parse_fragment, to_fragment, Assessment, LabField};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let state = parse_fragment(&text);
    let assessment = Assessment::new(&state);
    if let Some(albi) = assessment.albi {
        assert!(albi.value().is_finite());
        let _ = albi.to_string();
    }
    for endpoint in CoxEndpoint::ALL {
        for model in CoxModel::ALL {
            let _ = assessment.relative_hazard(endpoint, model);
        }
    }
    let english = wording::Text::english();
    for field in LabField::ALL {
        match assessment.lab(field) {
            Err(error) => assert!(!wording::lab_value_error(&english, error).is_empty()),
            Ok(checked) => {
                for warning in &checked.warnings {
                    assert!(!wording::lab_warning(&english, warning).is_empty());
                }
            }
        }
    }
    // The link carries the state, less texts too long to be a lab value.
    let mut linkable = state.clone();
    for field in LabField::ALL {
        if linkable.text(field).chars().count() > MAX_LINK_TEXT_CHARS {
            linkable.text_mut(field).clear();
        }
    }
    assert_eq!(parse_fragment(&to_fragment(&state)), linkable);
});

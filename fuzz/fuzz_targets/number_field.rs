//! Any text typed into any number field, in any unit: never a panic, and a
//! value that passes is finite and prints as a plain decimal that reads back
//! as itself (with a trailing zero where three decimals would be ambiguous).
#![no_main]

use calculator_core::lab_values::{check_albumin, check_bilirubin, check_interleukin};
use calculator_core::number_input::{parse_number, unambiguous_text, NumberInputError};
use calculator_core::{AlbuminUnit, BilirubinUnit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = parse_number(&text) {
        assert!(value.to_f64().is_finite());
        let printed = unambiguous_text(value);
        assert_eq!(parse_number(&printed).ok(), Some(value));
    }
    // The message's advice for each reading of an ambiguous number, and the
    // plain number for a grouped one, are accepted as typed.
    match parse_number(&text) {
        Err(NumberInputError::AmbiguousGrouping {
            as_decimal,
            as_thousands,
            ..
        }) => {
            assert_eq!(parse_number(&unambiguous_text(as_decimal)), Ok(as_decimal));
            assert_eq!(parse_number(&unambiguous_text(as_thousands)), Ok(as_thousands));
        }
        Err(NumberInputError::DigitGrouping { ungrouped, .. }) => {
            assert_eq!(parse_number(&unambiguous_text(ungrouped)), Ok(ungrouped));
        }
        _ => {}
    }
    let _ = check_interleukin(&text);
    for unit in AlbuminUnit::ALL {
        if let Ok(checked) = check_albumin(&text, unit) {
            assert!(checked.value.to_f64() > 0.0);
        }
    }
    for unit in BilirubinUnit::ALL {
        if let Ok(checked) = check_bilirubin(&text, unit) {
            assert!(checked.value.to_f64() > 0.0);
        }
    }
});

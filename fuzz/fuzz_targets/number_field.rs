//! Any text typed into any number field, in any unit: never a panic, and a
//! value that passes is finite and prints as a plain decimal.
#![no_main]

use calculator_core::lab_values::{check_albumin, check_bilirubin, check_interleukin};
use calculator_core::number_input::parse_number;
use calculator_core::{AlbuminUnit, BilirubinUnit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = parse_number(&text) {
        assert!(value.to_f64().is_finite());
        let printed = value.to_string();
        assert_eq!(parse_number(&printed).ok(), Some(value));
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

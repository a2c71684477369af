//! The English text of the domain's typed errors and warnings.
//!
//! The domain crates return values (the field, the value typed, the limit,
//! the unit); the sentences a reader sees are made here, one function per
//! type, so that a text layer (issue 12, items 5–8) has one place to swap
//! English for a catalog. Unit symbols (g/L, µmol/L, pg/mL) are the same in
//! every language.

#![forbid(unsafe_code)]

use calculator_core::assessment::FieldError;
use calculator_core::inputs::ChoiceError;
use calculator_core::lab_values::{BILIRUBIN_MAX_UMOL_L, BILIRUBIN_WARN_ABOVE_UMOL_L};
use calculator_core::number_input::{unambiguous_text, NumberInputError};
use calculator_core::{AlbuminUnit, Analyte, BilirubinUnit, LabValueError, LabWarning};

/// "a, b or c": a list of codes as a sentence names them.
fn one_of(codes: &[&str]) -> String {
    match codes {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Why a typed number is refused.
pub fn number_input_error(error: &NumberInputError) -> String {
    let text = match error {
        NumberInputError::Empty => "Enter a value.",
        NumberInputError::TooLong => "Too long to be a lab value.",
        NumberInputError::Negative => "Cannot be negative.",
        NumberInputError::NotFinite => "Not a number: enter the measured value.",
        NumberInputError::Exponent => {
            "Scientific notation is not accepted: type the value in plain digits, e.g. 1200."
        }
        NumberInputError::SeveralSeparators => {
            "More than one decimal separator: use a single point or comma, no thousands separator."
        }
        NumberInputError::Censored => {
            "A value given as \"<\" or \">\" a limit cannot be used: enter the measured number."
        }
        NumberInputError::TooPrecise => "Too many digits for a lab value.",
        NumberInputError::NotANumber => {
            "Not a number: type digits with one decimal point or comma, e.g. 6.5 or 6,5."
        }
        NumberInputError::AmbiguousGrouping {
            separator,
            as_decimal,
            as_thousands,
        } => {
            let name = if *separator == ',' { "comma" } else { "point" };
            let thousands = as_thousands.to_string();
            // What was typed, less any leading zeros: the thousands
            // reading's digits with the separator before the last three.
            let (head, tail) = thousands.split_at(thousands.len().saturating_sub(3));
            return format!(
                "Ambiguous: \"{head}{separator}{tail}\" could be {as_decimal} ({name} as decimal \
                 separator) or {thousands} ({name} as thousands separator). Type it without a \
                 thousands separator: {thousands}, or {} for the decimal.",
                unambiguous_text(*as_decimal).replace('.', &separator.to_string()),
            );
        }
        NumberInputError::DigitGrouping { ungrouped, .. } => {
            return format!(
                "Digit grouping is not accepted: type {} without spaces or apostrophes.",
                unambiguous_text(*ungrouped)
            );
        }
    };
    text.to_owned()
}

/// Why a lab value gives no result.
pub fn lab_value_error(error: &LabValueError) -> String {
    match error {
        LabValueError::Number(error) => number_input_error(error),
        LabValueError::Zero => {
            "Must be greater than 0 (the ALBI score needs a positive measured value).".to_owned()
        }
        LabValueError::Impossible {
            analyte,
            maximum,
            unit,
            likely_unit,
        } => {
            // A bilirubin limit in mg/dL is rounded; the exact one follows.
            let exact = if *analyte == Analyte::Bilirubin
                && *unit != BilirubinUnit::MicromolesPerLitre.label()
            {
                format!(" ({BILIRUBIN_MAX_UMOL_L} µmol/L)")
            } else {
                String::new()
            };
            match likely_unit {
                Some(likely) => format!(
                    "Impossible value: above {maximum} {unit}{exact}. Is the report in {likely}? Check the unit selector."
                ),
                None => {
                    format!("Impossible value: above {maximum} {unit}{exact}. Check the number.")
                }
            }
        }
        LabValueError::UnknownUnit {
            given, expected, ..
        } => format!(
            "The link gave the unit \"{given}\", which is not {}: choose the unit.",
            one_of(expected)
        ),
    }
}

/// What to look at again in a value that computes.
pub fn lab_warning(warning: &LabWarning) -> String {
    match warning {
        LabWarning::AlbuminLikelyInUnit(unit) => format!(
            "Implausibly low in {}: serum albumin is usually 35–50 g/L (3.5–5.0 g/dL). Is the report in {}?",
            unit.other().label(),
            unit.label()
        ),
        LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MilligramsPerDecilitre) => {
            "Unusually low in µmol/L (usual range about 3–21 µmol/L, 0.2–1.2 mg/dL). Is the report in mg/dL?"
                .to_owned()
        }
        LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MicromolesPerLitre) => format!(
            "Above {BILIRUBIN_WARN_ABOVE_UMOL_L} µmol/L: implausibly high in mg/dL. Is the report in µmol/L?"
        ),
        LabWarning::Unusual {
            analyte: Analyte::Interleukin,
            limit,
            ..
        } => format!(
            "Above {limit} pg/mL: far beyond the study's range. Check the value and its unit (pg/mL = ng/L)."
        ),
        LabWarning::Unusual {
            analyte: Analyte::Albumin,
            limit,
            above,
        } => {
            // One decimal in g/dL, as albumin is reported in that unit.
            let in_g_dl = format!(
                "{:.1}",
                AlbuminUnit::GramsPerDecilitre
                    .from_grams_per_litre(*limit)
                    .to_f64()
            );
            if *above {
                format!("Above {limit} g/L ({in_g_dl} g/dL): above the usual 35–50 g/L. Check the value and unit.")
            } else {
                format!("Below {limit} g/L ({in_g_dl} g/dL): far below the usual 35–50 g/L. Check the value.")
            }
        }
        LabWarning::Unusual {
            analyte: Analyte::Bilirubin,
            limit,
            ..
        } => format!(
            "Above {limit} µmol/L ({:.0} mg/dL): extremely high. Check the value.",
            BilirubinUnit::MilligramsPerDecilitre.from_micromoles_per_litre(*limit)
        ),
    }
}

/// Why a choice from a link gives no value.
pub fn choice_error(error: &ChoiceError) -> String {
    format!(
        "The link gave \"{}\", which is not {}: choose again.",
        error.given,
        one_of(error.expected)
    )
}

/// What is wrong with a field of the form.
pub fn field_error(error: &FieldError) -> String {
    match error {
        FieldError::Lab(error) => lab_value_error(error),
        FieldError::Choice(error) => choice_error(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calculator_core::number_input::parse_number;
    use calculator_core::Decimal;

    #[test]
    fn every_number_error_has_a_sentence_for_the_field() {
        for error in [
            NumberInputError::Empty,
            NumberInputError::TooLong,
            NumberInputError::Negative,
            NumberInputError::NotFinite,
            NumberInputError::Exponent,
            NumberInputError::SeveralSeparators,
            NumberInputError::Censored,
            NumberInputError::TooPrecise,
            NumberInputError::NotANumber,
            NumberInputError::AmbiguousGrouping {
                separator: ',',
                as_decimal: Decimal::new(1234, 3),
                as_thousands: Decimal::new(1234, 0),
            },
            NumberInputError::DigitGrouping {
                grouping: ' ',
                ungrouped: Decimal::new(1234, 0),
            },
        ] {
            assert!(number_input_error(&error).ends_with('.'), "{error:?}");
        }
    }

    #[test]
    fn the_ambiguity_message_shows_both_readings_and_asks_for_no_grouping() {
        let text = |s: &str| number_input_error(&parse_number(s).expect_err("ambiguous"));
        assert_eq!(
            text("1,234"),
            "Ambiguous: \"1,234\" could be 1.234 (comma as decimal separator) or 1234 \
             (comma as thousands separator). Type it without a thousands separator: 1234, \
             or 1,2340 for the decimal."
        );
        assert_eq!(
            text("100.000"),
            "Ambiguous: \"100.000\" could be 100 (point as decimal separator) or 100000 \
             (point as thousands separator). Type it without a thousands separator: 100000, \
             or 100 for the decimal."
        );
        assert_eq!(
            text("1 234"),
            "Digit grouping is not accepted: type 1234 without spaces or apostrophes."
        );
        // The advice itself must be accepted: 1234.567 has a thousands
        // reading, so the advice adds a zero.
        assert!(text("1 234.567").contains("type 1234.5670 without"));
    }

    /// The sentences as they were written before the errors carried typed
    /// payloads (the on-screen text must not change).
    #[test]
    fn the_lab_limits_read_as_before() {
        use calculator_core::lab_values::{check_albumin, check_bilirubin, check_interleukin};
        let refusal = |r: Result<_, LabValueError>| lab_value_error(&r.expect_err("refused"));
        assert_eq!(
            refusal(check_interleukin("1000001")),
            "Impossible value: above 1000000 pg/mL. Check the number."
        );
        assert_eq!(
            refusal(check_bilirubin("2001", BilirubinUnit::MicromolesPerLitre)),
            "Impossible value: above 2000 µmol/L. Check the number."
        );
        assert_eq!(
            refusal(check_bilirubin("200", BilirubinUnit::MilligramsPerDecilitre)),
            "Impossible value: above 117 mg/dL (2000 µmol/L). Is the report in µmol/L? Check the unit selector."
        );
        assert_eq!(
            refusal(check_albumin("50", AlbuminUnit::GramsPerDecilitre)),
            "Impossible value: above 10 g/dL. Is the report in g/L? Check the unit selector."
        );
        let warning = |w: Vec<LabWarning>| lab_warning(&w[0]);
        assert_eq!(
            warning(check_interleukin("10001").unwrap().warnings),
            "Above 10000 pg/mL: far beyond the study's range. Check the value and its unit (pg/mL = ng/L)."
        );
        assert_eq!(
            warning(
                check_albumin("14", AlbuminUnit::GramsPerLitre)
                    .unwrap()
                    .warnings
            ),
            "Below 15 g/L (1.5 g/dL): far below the usual 35–50 g/L. Check the value."
        );
        assert_eq!(
            warning(
                check_albumin("61", AlbuminUnit::GramsPerLitre)
                    .unwrap()
                    .warnings
            ),
            "Above 60 g/L (6.0 g/dL): above the usual 35–50 g/L. Check the value and unit."
        );
        assert_eq!(
            warning(
                check_bilirubin("801", BilirubinUnit::MicromolesPerLitre)
                    .unwrap()
                    .warnings
            ),
            "Above 800 µmol/L (47 mg/dL): extremely high. Check the value."
        );
        assert!(warning(
            check_albumin("3.4", AlbuminUnit::GramsPerLitre)
                .unwrap()
                .warnings
        )
        .contains("g/dL"));
    }

    #[test]
    fn a_bad_code_from_a_link_names_the_codes_the_field_takes() {
        let error = ChoiceError {
            given: "D".to_owned(),
            expected: &["A", "B7", "B8-9", "C"],
        };
        assert_eq!(
            choice_error(&error),
            "The link gave \"D\", which is not A, B7, B8-9 or C: choose again."
        );
        assert_eq!(
            choice_error(&ChoiceError {
                given: "maybe".to_owned(),
                expected: &["yes", "no"],
            }),
            "The link gave \"maybe\", which is not yes or no: choose again."
        );
    }
}

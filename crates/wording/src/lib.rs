//! The words of the domain's typed errors and warnings, in the reader's
//! language.
//!
//! The domain crates return values (the field, the value typed, the limit,
//! the unit); the sentences a reader sees are made here, one function per
//! type, from the text layer's catalog (`crates/text`, keys `error.*` and
//! `warning.*`). Unit symbols (g/L, µmol/L, pg/mL) are the same in every
//! language; numbers are written the language's way ([`shown`]), and what
//! the reader typed is quoted as typed.

#![forbid(unsafe_code)]

pub mod study;

use calculator_core::assessment::FieldError;
use calculator_core::inputs::ChoiceError;
use calculator_core::lab_values::{BILIRUBIN_MAX_UMOL_L, BILIRUBIN_WARN_ABOVE_UMOL_L};
use calculator_core::number_input::{unambiguous_text, NumberInputError};
use calculator_core::{AlbuminUnit, Analyte, BilirubinUnit, LabValueError, LabWarning};
pub use text::Text;

/// "a, b or c": a list of codes as a sentence names them.
fn one_of(t: &Text, codes: &[&str]) -> String {
    match codes {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => t.error_or(&init.join(", "), last),
    }
}

/// Why a typed number is refused.
pub fn number_input_error(t: &Text, error: &NumberInputError) -> String {
    let text = match error {
        NumberInputError::Empty => t.error_empty(),
        NumberInputError::TooLong => t.error_too_long(),
        NumberInputError::Negative => t.error_negative(),
        NumberInputError::NotFinite => t.error_not_finite(),
        NumberInputError::Exponent => t.error_exponent(),
        NumberInputError::SeveralSeparators => t.error_several_separators(),
        NumberInputError::Censored => t.error_censored(),
        NumberInputError::TooPrecise => t.error_too_precise(),
        NumberInputError::NotANumber => t.error_not_a_number(),
        NumberInputError::AmbiguousGrouping {
            separator,
            as_decimal,
            as_thousands,
        } => {
            let name = if *separator == ',' {
                t.error_separator_comma()
            } else {
                t.error_separator_point()
            };
            let thousands = as_thousands.to_string();
            // What was typed, less any leading zeros: the thousands
            // reading's digits with the separator before the last three.
            let (head, tail) = thousands.split_at(thousands.len().saturating_sub(3));
            // The decimal reading in the reader's form; the advice keeps
            // the separator the reader typed, so it reads as typed again.
            return t.error_ambiguous(
                &format!("{head}{separator}{tail}"),
                &t.shown(&as_decimal.to_string()),
                name,
                &thousands,
                &unambiguous_text(*as_decimal).replace('.', &separator.to_string()),
            );
        }
        NumberInputError::DigitGrouping { ungrouped, .. } => {
            return t.error_digit_grouping(&unambiguous_text(*ungrouped));
        }
    };
    text.to_owned()
}

/// Why a lab value gives no result.
pub fn lab_value_error(t: &Text, error: &LabValueError) -> String {
    match error {
        LabValueError::Number(error) => number_input_error(t, error),
        LabValueError::Zero => t.error_zero().to_owned(),
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
                format!(" ({} µmol/L)", t.shown(&BILIRUBIN_MAX_UMOL_L.to_string()))
            } else {
                String::new()
            };
            let maximum = t.shown(&maximum.to_string());
            match likely_unit {
                Some(likely) => t.error_impossible_unit(&maximum, unit, &exact, likely),
                None => t.error_impossible(&maximum, unit, &exact),
            }
        }
        LabValueError::UnknownUnit {
            given, expected, ..
        } => t.error_unknown_unit(given, &one_of(t, expected)),
    }
}

/// What to look at again in a value that computes.
pub fn lab_warning(t: &Text, warning: &LabWarning) -> String {
    match warning {
        LabWarning::AlbuminLikelyInUnit(unit) => {
            t.warning_albumin_unit(unit.other().label(), unit.label())
        }
        LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MilligramsPerDecilitre) => {
            t.warning_bilirubin_mg_dl().to_owned()
        }
        LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MicromolesPerLitre) => {
            t.warning_bilirubin_umol_l(&t.shown(&BILIRUBIN_WARN_ABOVE_UMOL_L.to_string()))
        }
        LabWarning::Unusual {
            analyte: Analyte::Interleukin,
            limit,
            ..
        } => t.warning_interleukin(&t.shown(&limit.to_string())),
        LabWarning::Unusual {
            analyte: Analyte::Albumin,
            limit,
            above,
        } => {
            // One decimal in g/dL, as albumin is reported in that unit.
            let in_g_dl = t
                .rounded(
                    AlbuminUnit::GramsPerDecilitre
                        .from_grams_per_litre(*limit)
                        .to_f64(),
                    1,
                )
                .unwrap_or_default();
            let limit = t.shown(&limit.to_string());
            if *above {
                t.warning_albumin_high(&limit, &in_g_dl)
            } else {
                t.warning_albumin_low(&limit, &in_g_dl)
            }
        }
        LabWarning::Unusual {
            analyte: Analyte::Bilirubin,
            limit,
            ..
        } => t.warning_bilirubin_high(
            &t.shown(&limit.to_string()),
            &t.rounded(
                BilirubinUnit::MilligramsPerDecilitre.from_micromoles_per_litre(*limit),
                0,
            )
            .unwrap_or_default(),
        ),
    }
}

/// Why a choice from a link gives no value.
pub fn choice_error(t: &Text, error: &ChoiceError) -> String {
    t.error_choice(&error.given, &one_of(t, error.expected))
}

/// What is wrong with a field of the form.
pub fn field_error(t: &Text, error: &FieldError) -> String {
    match error {
        FieldError::Lab(error) => lab_value_error(t, error),
        FieldError::Choice(error) => choice_error(t, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calculator_core::number_input::parse_number;
    use calculator_core::Decimal;

    fn en() -> Text {
        Text::english()
    }

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
            assert!(
                number_input_error(&en(), &error).ends_with('.'),
                "{error:?}"
            );
        }
    }

    #[test]
    fn the_ambiguity_message_shows_both_readings_and_asks_for_no_grouping() {
        let text = |s: &str| number_input_error(&en(), &parse_number(s).expect_err("ambiguous"));
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
        let refusal =
            |r: Result<_, LabValueError>| lab_value_error(&en(), &r.expect_err("refused"));
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
        let warning = |w: Vec<LabWarning>| lab_warning(&en(), &w[0]);
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
            choice_error(&en(), &error),
            "The link gave \"D\", which is not A, B7, B8-9 or C: choose again."
        );
        assert_eq!(
            choice_error(
                &en(),
                &ChoiceError {
                    given: "maybe".to_owned(),
                    expected: &["yes", "no"],
                }
            ),
            "The link gave \"maybe\", which is not yes or no: choose again."
        );
    }

    fn language(lang: text::Lang) -> Text {
        let source = match lang {
            text::Lang::En => return Text::english(),
            text::Lang::De => include_str!("../../text/lang/de.txt"),
            text::Lang::Fr => include_str!("../../text/lang/fr.txt"),
            text::Lang::Es => include_str!("../../text/lang/es.txt"),
            text::Lang::It => include_str!("../../text/lang/it.txt"),
        };
        Text::from_catalog(lang, source).expect("the catalog loads")
    }

    #[test]
    fn every_language_words_every_refusal_in_its_own_sentence() {
        use calculator_core::lab_values::{check_albumin, check_bilirubin, check_interleukin};
        let refusals = [
            check_interleukin("abc").expect_err("not a number"),
            check_interleukin("1,234").expect_err("ambiguous"),
            check_interleukin("1 234").expect_err("grouping"),
            check_albumin("0", AlbuminUnit::GramsPerLitre).expect_err("zero"),
            check_bilirubin("200", BilirubinUnit::MilligramsPerDecilitre).expect_err("impossible"),
        ];
        let warnings = [
            check_albumin("14", AlbuminUnit::GramsPerLitre)
                .unwrap()
                .warnings,
            check_interleukin("10001").unwrap().warnings,
        ];
        for lang in [
            text::Lang::De,
            text::Lang::Fr,
            text::Lang::Es,
            text::Lang::It,
        ] {
            let t = language(lang);
            for error in &refusals {
                let (english, words) = (lab_value_error(&en(), error), lab_value_error(&t, error));
                assert!(!words.is_empty() && words != english, "{lang:?}: {words}");
            }
            for warning in &warnings {
                assert_ne!(
                    lab_warning(&t, &warning[0]),
                    lab_warning(&en(), &warning[0])
                );
            }
        }
    }

    #[test]
    fn german_quotes_what_was_typed_and_writes_its_numbers_with_a_decimal_comma() {
        use calculator_core::lab_values::check_albumin;
        let de = language(text::Lang::De);
        let ambiguous = parse_number("1,234").expect_err("ambiguous");
        // The decimal reading 1.234 is written 1,234 in German; the advice
        // keeps the typed comma and adds a zero (1,2340), as in English.
        assert_eq!(
            number_input_error(&de, &ambiguous),
            "Mehrdeutig: „1,234“ kann 1,234 (Komma als Dezimaltrennzeichen) oder 1234 \
             (Komma als Tausendertrennzeichen) bedeuten. Geben Sie den Wert ohne \
             Tausendertrennzeichen ein: 1234, oder 1,2340 für die Dezimalzahl."
        );
        // 15 g/L = 1.5 g/dL (÷ 10), in German 1,5.
        let low = check_albumin("14", AlbuminUnit::GramsPerLitre)
            .unwrap()
            .warnings;
        assert_eq!(
            lab_warning(&de, &low[0]),
            "Unter 15 g/L (1,5 g/dL): weit unter den üblichen 35–50 g/L. Prüfen Sie den Wert."
        );
        assert_eq!(
            choice_error(
                &de,
                &ChoiceError {
                    given: "maybe".to_owned(),
                    expected: &["yes", "no"],
                }
            ),
            "Der Link gab „maybe“ an, was nicht yes oder no ist: Wählen Sie erneut."
        );
    }
}

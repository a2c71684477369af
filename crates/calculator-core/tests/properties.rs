//! Property tests of the clinical rules: ALBI moves the right way with each
//! lab value, and a value typed in one unit shows exactly the same results
//! as the same value typed in the other unit, once every unit question is
//! answered "right as typed" (mixed unit systems and values that look like
//! the other unit wait for that answer; the assessment tests cover the wait).

use calculator_core::number_input::{
    parse_number, unambiguous_text, NumberInputError, GROUPING_CHARACTERS,
};
use calculator_core::published::{CoxEndpoint, CoxModel, RiskFactor};
use calculator_core::{
    AlbiScore, AlbuminUnit, Assessment, BilirubinUnit, Decimal, RawInputs, Selection,
    UnitConfirmation,
};
use proptest::prelude::*;

fn decimal_text(whole: u32, hundredths: u32) -> String {
    format!("{whole}.{hundredths:02}")
}

/// Everything the results panel shows for one assessment, as text.
fn shown(a: &Assessment) -> String {
    let albi = a
        .albi
        .map(|s| format!("{s} {} {}", s.grade().code(), s.malbi_grade().code()))
        .unwrap_or_default();
    let factors: Vec<String> = RiskFactor::ALL
        .iter()
        .map(|f| format!("{:?}", a.presence(*f)))
        .collect();
    let hazards: Vec<String> = CoxEndpoint::ALL
        .iter()
        .flat_map(|e| CoxModel::ALL.iter().map(move |m| (*e, *m)))
        .map(|(e, m)| format!("{:?}", a.relative_hazard(e, m)))
        .collect();
    // The summary that words these (src/summary.rs in the app crate) has
    // its own unit-equivalence property test there.
    format!("{albi}|{factors:?}|{hazards:?}")
}

fn labs(
    albumin: String,
    albumin_unit: AlbuminUnit,
    bilirubin: String,
    bilirubin_unit: BilirubinUnit,
) -> RawInputs {
    RawInputs {
        il6: "7".into(),
        il8: "50".into(),
        albumin,
        albumin_unit: Selection::Chosen(albumin_unit),
        bilirubin,
        bilirubin_unit: Selection::Chosen(bilirubin_unit),
        unit_confirmed: vec![
            UnitConfirmation::Albumin,
            UnitConfirmation::Bilirubin,
            UnitConfirmation::Mixed,
        ],
        ..RawInputs::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn albi_rises_with_bilirubin(albumin in 10.0f64..60.0, low in 1.0f64..1000.0, step in 0.01f64..500.0) {
        let high = low + step;
        let a = AlbiScore::from_labs(dec(albumin), dec(low)).value();
        let b = AlbiScore::from_labs(dec(albumin), dec(high)).value();
        prop_assert!(b > a, "bilirubin {low} -> {high}: {a} -> {b}");
    }

    #[test]
    fn albi_falls_with_albumin(bilirubin in 1.0f64..1000.0, low in 10.0f64..60.0, step in 0.01f64..30.0) {
        let high = low + step;
        let a = AlbiScore::from_labs(dec(low), dec(bilirubin)).value();
        let b = AlbiScore::from_labs(dec(high), dec(bilirubin)).value();
        prop_assert!(b < a, "albumin {low} -> {high}: {a} -> {b}");
    }

    #[test]
    fn albumin_in_g_per_dl_shows_the_same_as_ten_times_in_g_per_l(
        whole in 1u32..9, hundredths in 0u32..100, bilirubin in 3u32..300,
    ) {
        let g_dl = decimal_text(whole, hundredths);
        let g_l = format!("{}.{}", whole * 10 + hundredths / 10, hundredths % 10);
        let a = Assessment::new(&labs(g_dl, AlbuminUnit::GramsPerDecilitre, bilirubin.to_string(), BilirubinUnit::MicromolesPerLitre));
        let b = Assessment::new(&labs(g_l, AlbuminUnit::GramsPerLitre, bilirubin.to_string(), BilirubinUnit::MicromolesPerLitre));
        prop_assert!(a.albi.is_some());
        prop_assert_eq!(shown(&a), shown(&b));
    }

    #[test]
    fn bilirubin_in_mg_per_dl_shows_the_same_as_its_micromole_echo(
        whole in 0u32..20, hundredths in 1u32..100, albumin in 15u32..55,
    ) {
        let mg_dl = decimal_text(whole, hundredths);
        let a_inputs = labs(albumin.to_string(), AlbuminUnit::GramsPerLitre, mg_dl, BilirubinUnit::MilligramsPerDecilitre);
        let a = Assessment::new(&a_inputs);
        // The echo the form shows ("= 23.94 µmol/L") typed back in µmol/L;
        // an echo with three decimals ("= 1.197 µmol/L") has a thousands
        // reading, so it is typed as the field's advice says ("1.1970").
        let echo = unambiguous_text(a.bilirubin.as_ref().expect("valid").value);
        let b = Assessment::new(&labs(albumin.to_string(), AlbuminUnit::GramsPerLitre, echo, BilirubinUnit::MicromolesPerLitre));
        prop_assert_eq!(shown(&a), shown(&b));
    }
}

fn dec(value: f64) -> calculator_core::Decimal {
    calculator_core::number_input::parse_number(&format!("{value:.4}")).expect("decimal")
}

proptest! {
    /// `Decimal::to_f64` (integer arithmetic, no float parser) gives exactly
    /// what the standard library's correctly rounded parser gives for the
    /// same digits, the independent check.
    #[test]
    fn decimal_to_f64_matches_the_standard_parser(
        mantissa in any::<u64>(),
        scale in 0u32..=14,
    ) {
        let decimal = calculator_core::Decimal::new(mantissa, scale);
        let expected: f64 = decimal.to_string().parse().unwrap();
        prop_assert_eq!(decimal.to_f64().to_bits(), expected.to_bits(), "{}", decimal);
    }

    /// The same for the machine-written form the reference cohort uses.
    #[test]
    fn parse_plain_then_to_f64_matches_the_standard_parser(
        integer in "[0-9]{0,6}",
        fraction in "[0-9]{0,12}",
    ) {
        prop_assume!(!(integer.is_empty() && fraction.is_empty()));
        let text = format!("{integer}.{fraction}");
        let decimal = calculator_core::Decimal::parse_plain(&text).unwrap();
        let expected: f64 = text.parse().unwrap();
        prop_assert_eq!(decimal.to_f64().to_bits(), expected.to_bits(), "{}", text);
    }
}

/// `integer.fraction` computed from the digits with integer arithmetic, the
/// independent expectation for the parser.
fn expected(integer: &str, fraction: &str) -> Decimal {
    let digits = format!("{integer}{fraction}");
    let mantissa = if digits.is_empty() {
        0
    } else {
        digits.parse::<u64>().expect("at most 12 digits")
    };
    Decimal::new(mantissa, fraction.len() as u32)
}

fn separator() -> impl Strategy<Value = char> {
    prop_oneof![Just(','), Just('.')]
}

fn padding() -> impl Strategy<Value = String> {
    "[ \t]{0,2}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The thousands rule (issue 10): one separator before exactly three
    /// digits, non-zero integer part, is always refused, and both readings
    /// are the digits over 1000 and the digits without the separator.
    #[test]
    fn a_separator_before_three_digits_is_always_refused_with_both_readings(
        integer in "[0-9]{0,2}[1-9][0-9]{0,3}", fraction in "[0-9]{3}",
        sep in separator(), before in padding(), after in padding(),
    ) {
        let text = format!("{before}{integer}{sep}{fraction}{after}");
        match parse_number(&text) {
            Err(NumberInputError::AmbiguousGrouping { separator, as_decimal, as_thousands }) => {
                prop_assert_eq!(separator, sep);
                prop_assert_eq!(as_decimal, expected(&integer, &fraction));
                prop_assert_eq!(as_thousands, expected(&format!("{integer}{fraction}"), ""));
                let message = wording::number_input_error(&wording::Text::english(), &NumberInputError::AmbiguousGrouping { separator, as_decimal, as_thousands });
                prop_assert!(message.contains(&format!(" could be {as_decimal} ")), "{}", message);
                prop_assert!(message.contains(&format!(" or {as_thousands} ")), "{}", message);
            }
            other => prop_assert!(false, "{text:?} gave {other:?}"),
        }
    }

    /// Every other count of decimals, or a zero integer part, reads as the
    /// exact decimal the digits say.
    #[test]
    fn a_number_without_a_thousands_reading_parses_to_its_exact_value(
        integer in "[0-9]{0,6}", fraction in "[0-9]{0,6}",
        sep in separator(), before in padding(), after in padding(),
    ) {
        let zero_integer = integer.bytes().all(|b| b == b'0');
        prop_assume!(fraction.len() != 3 || zero_integer);
        prop_assume!(!(integer.is_empty() && fraction.is_empty()));
        let text = format!("{before}{integer}{sep}{fraction}{after}");
        prop_assert_eq!(parse_number(&text), Ok(expected(&integer, &fraction)), "{:?}", text);
        if !integer.is_empty() {
            prop_assert_eq!(parse_number(&integer), Ok(expected(&integer, "")));
        }
    }

    /// Digits grouped in threes by a space, apostrophe or thin space are
    /// refused, and the message shows the number without the grouping.
    #[test]
    fn digits_grouped_by_spaces_or_apostrophes_are_refused_showing_the_plain_number(
        first in "[1-9][0-9]{0,2}", groups in prop::collection::vec("[0-9]{3}", 1..3),
        grouping in prop::sample::select(GROUPING_CHARACTERS.to_vec()),
        decimals in prop::option::of(("[,.]", "[0-9]{1,4}")),
    ) {
        let mut text = first.clone();
        for group in &groups {
            text.push(grouping);
            text.push_str(group);
        }
        let fraction = decimals.as_ref().map(|(_, f)| f.as_str()).unwrap_or("");
        if let Some((sep, digits)) = &decimals {
            text.push_str(sep);
            text.push_str(digits);
        }
        let plain = expected(&format!("{first}{}", groups.concat()), fraction);
        match parse_number(&text) {
            Err(NumberInputError::DigitGrouping { grouping: found, ungrouped }) => {
                prop_assert_eq!(found, grouping);
                prop_assert_eq!(ungrouped, plain);
                let message = wording::number_input_error(&wording::Text::english(), &NumberInputError::DigitGrouping { grouping, ungrouped });
                // The advice is itself a number the field accepts.
                let advice = message.split(' ').nth(6).unwrap_or("");
                prop_assert_eq!(parse_number(advice), Ok(plain), "{}", message);
            }
            other => prop_assert!(false, "{text:?} gave {other:?}"),
        }
    }

    /// What a value prints as, for advice, reads back as the same value.
    #[test]
    fn unambiguous_text_reads_back_as_the_same_value(mantissa in 0u64..10_000_000_000, scale in 0u32..=6) {
        let value = Decimal::new(mantissa, scale);
        prop_assert_eq!(parse_number(&unambiguous_text(value)), Ok(value));
    }
}

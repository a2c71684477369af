//! Text typed into a number field becomes a [`Decimal`] here, once.
//!
//! Clinicians copy values from lab reports written in many locales, so both a
//! decimal point ("6.5") and a decimal comma ("6,5") are accepted. Everything
//! that is not plainly one number is refused with a reason the field can show:
//! a wrongly read value must be caught, never silently used. In particular
//! there is no thousands separator ("1,234.5" is refused: it is ambiguous
//! between locales) and no exponent ("1e999").
//!
//! # Thousands grouping
//!
//! A single comma or point followed by exactly three digits after a non-zero
//! integer part ("1,234", "1.234", "12,500", "6.530") is a decimal in one
//! locale and a thousands separator in another: an English report's IL8
//! "1,234 pg/mL" is 1234, a German report's "1.234" is 1234 too, and read as
//! a decimal either lands in the low group. Such a number is refused with
//! both readings ([`NumberInputError::AmbiguousGrouping`]). With a zero
//! integer part ("0,123", ".123") or any other count of decimals ("6,5",
//! "1,2345") there is no thousands reading, so the number is accepted.
//! Grouping with a space, an apostrophe, a no-break, thin or narrow no-break
//! space ("1 234", "1'234") is refused too ([`NumberInputError::DigitGrouping`]),
//! showing the number without grouping.

use crate::decimal::Decimal;

/// Longer input is refused before any other work (a pasted document, say).
pub const MAX_INPUT_CHARS: usize = 40;

/// Why a field's text is not a usable number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberInputError {
    /// The field is empty (or only white space).
    Empty,
    /// The text is longer than [`MAX_INPUT_CHARS`] characters.
    TooLong,
    /// The number has a minus sign; lab concentrations cannot be negative.
    Negative,
    /// "NaN", "inf", "infinity" and the like.
    NotFinite,
    /// Scientific notation such as "1e3" or "1e999".
    Exponent,
    /// More than one decimal separator, e.g. "1.2.3" or "1,234.5".
    SeveralSeparators,
    /// A censored lab value such as "< 1.5" or "> 1000".
    Censored,
    /// More digits than a lab value can meaningfully have.
    TooPrecise,
    /// Anything else that is not digits with one optional separator.
    NotANumber,
    /// One comma or point followed by exactly three digits after a non-zero
    /// integer part, e.g. "1,234": a decimal separator in one locale, a
    /// thousands separator in another. Both readings are kept.
    AmbiguousGrouping {
        /// The separator typed, `,` or `.`.
        separator: char,
        /// The value if the separator is a decimal separator (1.234).
        as_decimal: Decimal,
        /// The value if it is a thousands separator (1234).
        as_thousands: Decimal,
    },
    /// Digits grouped in threes with a space, an apostrophe or another
    /// [`GROUPING_CHARACTERS`] character, e.g. "1 234" or "1'234,5".
    DigitGrouping {
        /// The grouping character typed.
        grouping: char,
        /// The number the digits make without the grouping (1234.5).
        ungrouped: Decimal,
    },
}

/// Characters that group digits in lab reports and word processors: space,
/// apostrophe (Swiss), right single quotation mark (a typographic
/// apostrophe), no-break space, thin space and narrow no-break space
/// (French, SI). Each is refused as [`NumberInputError::DigitGrouping`] when
/// it groups digits in threes.
pub const GROUPING_CHARACTERS: [char; 6] =
    [' ', '\'', '\u{2019}', '\u{a0}', '\u{2009}', '\u{202f}'];

/// `value` as text that [`parse_number`] reads back as exactly `value`:
/// plain decimal notation ([`Decimal`]'s `Display`), with a trailing zero
/// where three decimals after a non-zero integer part would be ambiguous
/// ("1.2340", not "1.234"). For advice in messages and round-trip checks.
pub fn unambiguous_text(value: Decimal) -> String {
    let mut text = value.to_string();
    if let Some((integer, fraction)) = text.split_once('.') {
        if fraction.len() == 3 && integer != "0" {
            text.push('0');
        }
    }
    text
}

/// Parses one number field. Accepts `12`, `12.5`, `12,5`, `.5`, `5.`,
/// `0,123`, `1234`, `1,2345` with surrounding white space; see
/// [`NumberInputError`] for what is refused (among others `1,234`, `1.234`
/// and `1 234`: see the module docs on thousands grouping).
pub fn parse_number(text: &str) -> Result<Decimal, NumberInputError> {
    if text.chars().count() > MAX_INPUT_CHARS {
        return Err(NumberInputError::TooLong);
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberInputError::Empty);
    }
    let first = trimmed.chars().next().unwrap_or(' ');
    if matches!(first, '<' | '>' | '≤' | '≥') {
        return Err(NumberInputError::Censored);
    }
    // U+2212 is the typographic minus that lab systems and word processors emit.
    if let Some(rest) = trimmed
        .strip_prefix('-')
        .or_else(|| trimmed.strip_prefix('\u{2212}'))
    {
        return match parse_unsigned(rest.trim_start()) {
            Ok(_) => Err(NumberInputError::Negative),
            Err(error) => Err(error),
        };
    }
    parse_unsigned(trimmed)
}

fn parse_unsigned(text: &str) -> Result<Decimal, NumberInputError> {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.trim_start_matches('+'),
        "nan" | "inf" | "infinity" | "∞"
    ) {
        return Err(NumberInputError::NotFinite);
    }
    if let Some(error) = digit_grouping(text) {
        return Err(error);
    }
    let mut separators = 0;
    let mut digits = 0;
    for c in text.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' | ',' => separators += 1,
            'e' | 'E' => {
                if digits > 0 {
                    return Err(NumberInputError::Exponent);
                }
                return Err(NumberInputError::NotANumber);
            }
            _ => return Err(NumberInputError::NotANumber),
        }
    }
    if separators > 1 {
        return Err(NumberInputError::SeveralSeparators);
    }
    if digits == 0 {
        return Err(NumberInputError::NotANumber);
    }
    let (integer, fraction) = match text.find(['.', ',']) {
        Some(index) => (&text[..index], &text[index + 1..]),
        None => (text, ""),
    };
    let value = Decimal::from_digits(integer, fraction).ok_or(NumberInputError::TooPrecise)?;
    if fraction.len() == 3 && integer.bytes().any(|b| b != b'0') {
        if !can_be_typed(value) {
            // 18 significant digits: the unambiguous form of the decimal
            // reading would need a 19th, which no field accepts.
            return Err(NumberInputError::TooPrecise);
        }
        let separator = if text.contains(',') { ',' } else { '.' };
        // Same digits, same count of significant digits: never too precise
        // when the decimal reading was not.
        let as_thousands = Decimal::from_digits(&[integer, fraction].concat(), "")
            .ok_or(NumberInputError::TooPrecise)?;
        return Err(NumberInputError::AmbiguousGrouping {
            separator,
            as_decimal: value,
            as_thousands,
        });
    }
    Ok(value)
}

/// The grouping error when `text` is digits grouped in threes by one of
/// [`GROUPING_CHARACTERS`] ("1 234", "12'345'678", "1 234,5"), `None` for
/// anything else (which the caller then refuses or reads on its own terms:
/// "12 4" is not grouping but not a number).
fn digit_grouping(text: &str) -> Option<NumberInputError> {
    let grouping = text.chars().find(|c| GROUPING_CHARACTERS.contains(c))?;
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(index) => (&text[..index], &text[index + 1..]),
        None => (text, ""),
    };
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mut groups = whole.split(grouping);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !all_digits(first) || !all_digits(fraction) {
        return None;
    }
    let mut digits = first.to_owned();
    let mut count = 0;
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        digits.push_str(group);
        count += 1;
    }
    if count == 0 {
        return None;
    }
    Some(match Decimal::from_digits(&digits, fraction) {
        Some(ungrouped) if can_be_typed(ungrouped) => NumberInputError::DigitGrouping {
            grouping,
            ungrouped,
        },
        _ => NumberInputError::TooPrecise,
    })
}

/// Whether [`unambiguous_text`] of `value` is within the precision a field
/// accepts, so that a message can advise typing it.
fn can_be_typed(value: Decimal) -> bool {
    let text = unambiguous_text(value);
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    Decimal::from_digits(integer, fraction).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> String {
        parse_number(text).expect("a valid number").to_string()
    }

    #[test]
    fn accepts_a_decimal_point_and_a_decimal_comma_alike() {
        assert_eq!(value("6.5"), "6.5");
        assert_eq!(value("6,5"), "6.5");
        assert_eq!(parse_number("6,53"), parse_number("6.53"));
    }

    #[test]
    fn accepts_surrounding_white_space_and_bare_separators() {
        assert_eq!(value("  12.4 "), "12.4");
        assert_eq!(value(".5"), "0.5");
        assert_eq!(value("5."), "5");
        assert_eq!(value("0"), "0");
        assert_eq!(value("007"), "7");
    }

    #[test]
    fn refuses_each_kind_of_bad_input_with_its_own_reason() {
        use NumberInputError::*;
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("abc", NotANumber),
            ("1.2.3", SeveralSeparators),
            ("1,234.5", SeveralSeparators),
            ("-3", Negative),
            ("\u{2212}3", Negative),
            ("- 3", Negative),
            ("NaN", NotFinite),
            ("inf", NotFinite),
            ("-inf", NotFinite),
            ("Infinity", NotFinite),
            ("1e999", Exponent),
            ("1E3", Exponent),
            ("e", NotANumber),
            (".", NotANumber),
            (",", NotANumber),
            ("12 4", NotANumber),
            ("12.4 pg/mL", NotANumber),
            ("+5", NotANumber),
            ("0x10", NotANumber),
            ("٣", NotANumber),
            ("<1.5", Censored),
            ("> 1000", Censored),
            ("1234567890123456789", TooPrecise),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_number(text), Err(expected.clone()), "input {text:?}");
        }
    }

    #[test]
    fn refuses_pasted_text_longer_than_a_lab_value() {
        let pasted = "1".repeat(MAX_INPUT_CHARS + 1);
        assert_eq!(parse_number(&pasted), Err(NumberInputError::TooLong));
    }

    fn ambiguous(text: &str) -> (char, String, String) {
        match parse_number(text) {
            Err(NumberInputError::AmbiguousGrouping {
                separator,
                as_decimal,
                as_thousands,
            }) => (separator, as_decimal.to_string(), as_thousands.to_string()),
            other => panic!("{text:?} should be ambiguous, got {other:?}"),
        }
    }

    /// The cases: a report's "IL8 1,234 pg/mL" is 1234 in English
    /// and 1.234 in German; "1.234" the other way round. Expected readings
    /// by hand: the digits over 1000, and the digits without the separator.
    #[test]
    fn a_single_separator_before_three_digits_is_refused_with_both_readings() {
        let cases = [
            ("1,234", ',', "1.234", "1234"),
            ("1.234", '.', "1.234", "1234"),
            ("12,500", ',', "12.5", "12500"),
            ("100.000", '.', "100", "100000"),
            // 6.530 is a decimal to an English eye, 6530 to a German one.
            ("6.530", '.', "6.53", "6530"),
            (" 1,234 ", ',', "1.234", "1234"),
            ("01,234", ',', "1.234", "1234"),
            // The rule does not look at the integer part's length.
            ("1234,567", ',', "1234.567", "1234567"),
        ];
        for (text, separator, as_decimal, as_thousands) in cases {
            assert_eq!(
                ambiguous(text),
                (separator, as_decimal.to_owned(), as_thousands.to_owned()),
                "input {text:?}"
            );
        }
    }

    #[test]
    fn numbers_without_a_thousands_reading_are_still_read() {
        // A zero integer part, or any count of decimals but three.
        let cases = [
            ("6,5", "6.5"),
            ("0,123", "0.123"),
            ("0.123", "0.123"),
            ("00,123", "0.123"),
            (".123", "0.123"),
            ("12,45", "12.45"),
            ("1234", "1234"),
            ("1234.5", "1234.5"),
            ("1,2345", "1.2345"),
            ("1,2340", "1.234"),
            ("10000,5", "10000.5"),
            ("123,", "123"),
        ];
        for (text, expected) in cases {
            assert_eq!(value(text), expected, "input {text:?}");
        }
    }

    #[test]
    fn grouping_with_spaces_or_apostrophes_is_refused_showing_the_plain_number() {
        let cases = [
            ("1 234", ' ', "1234"),
            ("1'234", '\'', "1234"),
            ("1\u{2019}234", '\u{2019}', "1234"),
            ("1\u{a0}234", '\u{a0}', "1234"),
            ("1\u{2009}234", '\u{2009}', "1234"),
            ("1\u{202f}234", '\u{202f}', "1234"),
            ("12 345 678", ' ', "12345678"),
            ("1 234,5", ' ', "1234.5"),
            (" 1 234.567 ", ' ', "1234.567"),
        ];
        for (text, grouping, ungrouped) in cases {
            match parse_number(text) {
                Err(NumberInputError::DigitGrouping {
                    grouping: found,
                    ungrouped: number,
                }) => {
                    assert_eq!(
                        (found, number.to_string()),
                        (grouping, ungrouped.to_owned())
                    );
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn spaces_that_do_not_group_in_threes_are_not_a_number() {
        for text in [
            "12 4",
            "1 23",
            "1234 567",
            "1 234'567",
            "1 234 pg/mL",
            "1,234 567",
        ] {
            assert_eq!(
                parse_number(text),
                Err(NumberInputError::NotANumber),
                "{text:?}"
            );
        }
    }

    /// Found by fuzzing: 18 significant digits (the most a field takes)
    /// with three decimals; the advice "…787" + "0" would need 19.
    #[test]
    fn an_ambiguous_number_whose_advice_would_be_too_long_is_too_precise() {
        assert_eq!(
            parse_number("896400000000000.787"),
            Err(NumberInputError::TooPrecise)
        );
        assert_eq!(
            parse_number("896 400 000 000 000.787"),
            Err(NumberInputError::TooPrecise)
        );
        assert!(matches!(
            parse_number("89640000000000.787"),
            Err(NumberInputError::AmbiguousGrouping { .. })
        ));
    }

    #[test]
    fn unambiguous_text_reads_back_as_the_same_value() {
        for text in [
            "1,2340",
            "0.123",
            "6.53",
            "100",
            "1234.5",
            "0.0005",
            "12345.678",
        ] {
            let number = parse_number(text)
                .or_else(|e| match e {
                    NumberInputError::AmbiguousGrouping { as_decimal, .. } => Ok(as_decimal),
                    other => Err(other),
                })
                .expect("a number");
            assert_eq!(
                parse_number(&unambiguous_text(number)),
                Ok(number),
                "{text:?}"
            );
        }
        assert_eq!(unambiguous_text(Decimal::new(1234, 3)), "1.2340");
        assert_eq!(unambiguous_text(Decimal::new(123, 3)), "0.123");
    }
}

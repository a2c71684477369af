//! Text typed into a number field becomes a [`Decimal`] here, once.
//!
//! Clinicians copy values from lab reports written in many locales, so both a
//! decimal point ("6.5") and a decimal comma ("6,5") are accepted. Everything
//! that is not plainly one number is refused with a reason the field can show:
//! a wrongly read value must be caught, never silently used. In particular
//! there is no thousands separator ("1,234.5" is refused: it is ambiguous
//! between locales) and no exponent ("1e999").

use std::fmt;

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
}

impl fmt::Display for NumberInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
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
        };
        f.write_str(text)
    }
}

impl std::error::Error for NumberInputError {}

/// Parses one number field. Accepts `12`, `12.5`, `12,5`, `.5`, `5.` with
/// surrounding white space; see [`NumberInputError`] for what is refused.
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
    Decimal::from_digits(integer, fraction).ok_or(NumberInputError::TooPrecise)
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

    #[test]
    fn every_error_has_a_message_for_the_field() {
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
        ] {
            assert!(error.to_string().ends_with('.'), "{error:?}");
        }
    }
}

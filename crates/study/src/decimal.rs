//! An exact, non-negative decimal number as typed on a lab report.
//!
//! Why not `f64` straight away: the published cutoffs are decimal numbers
//! (6.53 pg/mL, 60.8 pg/mL, 36 g/L, 17 µmol/L) and "6.53 is low, 6.54 is high"
//! must hold exactly, also after a unit conversion (3.6 g/dL is exactly
//! 36 g/L, 1.4 mg/dL is exactly 23.94 µmol/L). Keeping the typed digits as an
//! integer mantissa and a power-of-ten scale makes every comparison with a
//! cutoff and every ×10 or ×17.1 conversion exact. Only the ALBI formula, which
//! takes a logarithm, works in `f64`.

use std::cmp::Ordering;
use std::fmt;

/// Largest number of significant digits a [`Decimal`] keeps. Lab values have
/// at most five or six; eighteen leaves room for conversions without overflow.
pub const MAX_SIGNIFICANT_DIGITS: u32 = 18;

/// Largest number of digits after the decimal point.
pub const MAX_SCALE: u32 = 12;

/// A non-negative decimal `mantissa / 10^scale`.
///
/// Invariants (upheld by every constructor): `mantissa < 10^MAX_SIGNIFICANT_DIGITS`
/// times the small factors of unit conversions, `scale <= MAX_SCALE + 2`.
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    mantissa: u128,
    scale: u32,
}

impl Decimal {
    /// `mantissa / 10^scale`. Used for published constants, e.g.
    /// `Decimal::new(653, 2)` for 6.53.
    pub const fn new(mantissa: u64, scale: u32) -> Self {
        Decimal {
            mantissa: mantissa as u128,
            scale,
        }
    }

    /// Builds a decimal from typed digits; `None` when the digits exceed the
    /// precision this type keeps (the parser turns that into a field error).
    pub fn from_digits(integer: &str, fraction: &str) -> Option<Self> {
        let scale = u32::try_from(fraction.len()).ok()?;
        if scale > MAX_SCALE {
            return None;
        }
        let significant = integer.trim_start_matches('0').len() + fraction.len();
        if significant > MAX_SIGNIFICANT_DIGITS as usize {
            return None;
        }
        let mut mantissa: u128 = 0;
        for byte in integer.bytes().chain(fraction.bytes()) {
            let digit = u128::from(byte.checked_sub(b'0').filter(|d| *d <= 9)?);
            mantissa = mantissa.checked_mul(10)?.checked_add(digit)?;
        }
        Some(Decimal { mantissa, scale })
    }

    /// Exact product with `factor / 10^factor_scale` (a unit conversion).
    pub fn times(self, factor: u64, factor_scale: u32) -> Self {
        Decimal {
            mantissa: self.mantissa * factor as u128,
            scale: self.scale + factor_scale,
        }
    }

    /// Exact division by a power of ten (e.g. g/L to g/dL).
    pub fn divided_by_power_of_ten(self, power: u32) -> Self {
        Decimal {
            mantissa: self.mantissa,
            scale: self.scale + power,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// Parses plain decimal digits with at most one point ("19.00", "7",
    /// ".5"), within the precision this type keeps: no sign, exponent,
    /// comma, space, `inf` or `NaN`. For machine-written files (the
    /// reference cohort); what a clinician types goes through `number_input`.
    pub fn parse_plain(text: &str) -> Option<Self> {
        let (integer, fraction) = text.split_once('.').unwrap_or((text, ""));
        if integer.is_empty() && fraction.is_empty() {
            return None;
        }
        Self::from_digits(integer, fraction)
    }

    /// The nearest `f64` (correctly rounded, ties to even), for formulas that
    /// need floating point (ALBI).
    ///
    /// Integer arithmetic rather than `str::parse::<f64>`: the standard
    /// parser carries a 10 KB table of powers of five into the calculator's
    /// wasm (issue 5's size budget). The mantissa is shifted left as far as
    /// `u128` allows, divided by `10^scale`, and the quotient (at least 79
    /// significant bits, as `mantissa < 2^75` and `10^scale < 2^47`) is
    /// rounded once to 53 bits by the `u128 → f64` conversion, a nonzero
    /// remainder setting its lowest bit so that it breaks a tie; scaling by
    /// `2^-shift` is then exact.
    pub fn to_f64(self) -> f64 {
        if self.mantissa == 0 {
            return 0.0;
        }
        // As far left as the mantissa can go without overflow (never below zero).
        let shift = self.mantissa.leading_zeros().saturating_sub(1);
        let divisor = 10u128.pow(self.scale);
        let shifted = self.mantissa << shift;
        let (quotient, remainder) = (shifted / divisor, shifted % divisor);
        let rounded = (quotient | u128::from(remainder != 0)) as f64;
        // 2^-shift, shift <= 127: a normal double, so the product is exact.
        rounded * f64::from_bits(u64::from(1023 - shift) << 52)
    }

    fn scaled_to(self, scale: u32) -> u128 {
        self.mantissa * 10u128.pow(scale - self.scale)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.scaled_to(scale).cmp(&other.scaled_to(scale))
    }
}

/// Plain decimal notation with no trailing zeros: `23.94`, `36`, `0.5`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let divisor = 10u128.pow(self.scale);
        let integer = self.mantissa / divisor;
        let mut fraction = self.mantissa % divisor;
        let mut digits = self.scale as usize;
        while digits > 0 && fraction % 10 == 0 {
            fraction /= 10;
            digits -= 1;
        }
        if digits == 0 {
            write!(f, "{integer}")
        } else {
            write!(f, "{integer}.{fraction:0digits$}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(integer: &str, fraction: &str) -> Decimal {
        Decimal::from_digits(integer, fraction).expect("valid digits")
    }

    #[test]
    fn equal_values_with_different_scales_compare_equal() {
        assert_eq!(dec("6", "530"), Decimal::new(653, 2));
        assert_eq!(dec("36", ""), dec("36", "000"));
    }

    #[test]
    fn ordering_is_exact_at_the_cutoff() {
        let cutoff = Decimal::new(653, 2);
        assert!(dec("6", "53") <= cutoff);
        assert!(dec("6", "54") > cutoff);
        assert!(dec("6", "530000000001") > cutoff);
    }

    #[test]
    fn unit_conversions_are_exact() {
        // 3.6 g/dL × 10 = 36 g/L exactly; 1.4 mg/dL × 17.1 = 23.94 µmol/L exactly.
        assert_eq!(dec("3", "6").times(10, 0), Decimal::new(36, 0));
        assert_eq!(dec("1", "4").times(171, 1), Decimal::new(2394, 2));
        assert_eq!(dec("31", "").divided_by_power_of_ten(1).to_string(), "3.1");
    }

    #[test]
    fn display_drops_trailing_zeros_and_keeps_leading_ones() {
        assert_eq!(dec("23", "940").to_string(), "23.94");
        assert_eq!(dec("0", "05").to_string(), "0.05");
        assert_eq!(dec("100", "").to_string(), "100");
        assert_eq!(dec("0", "").to_string(), "0");
    }

    #[test]
    fn too_many_digits_are_refused_rather_than_rounded() {
        assert!(Decimal::from_digits("1234567890123456789", "").is_none());
        assert!(Decimal::from_digits("0", "1234567890123").is_none());
        assert!(Decimal::from_digits("000000000000000000001", "5").is_some());
    }

    #[test]
    fn parse_plain_accepts_digits_and_one_point_only() {
        assert_eq!(Decimal::parse_plain("19.00"), Some(dec("19", "00")));
        assert_eq!(Decimal::parse_plain("7"), Some(dec("7", "")));
        assert_eq!(Decimal::parse_plain(".5"), Some(dec("", "5")));
        assert_eq!(Decimal::parse_plain("5."), Some(dec("5", "")));
        for bad in [
            "", ".", "-1", "+1", "1e3", "1,5", "1.2.3", " 1", "inf", "NaN", "١",
        ] {
            assert_eq!(Decimal::parse_plain(bad), None, "{bad:?}");
        }
        // More digits than a Decimal keeps: refused, not rounded.
        assert_eq!(Decimal::parse_plain("1234567890123456789"), None);
        assert_eq!(Decimal::parse_plain("0.0000000000001"), None);
    }

    #[test]
    fn to_f64_is_the_nearest_double() {
        assert_eq!(dec("6", "53").to_f64(), 6.53);
        assert_eq!(dec("1", "4").times(171, 1).to_f64(), 23.94);
        assert_eq!(dec("0", "").to_f64(), 0.0);
        assert_eq!(dec("", "000000000001").to_f64(), 1e-12);
        // Halfway between two doubles (2^53 + 1 and 2^53 + 3): ties go to the
        // even neighbour, 2^53 and 2^53 + 4.
        assert_eq!(dec("9007199254740993", "").to_f64(), 9007199254740992.0);
        assert_eq!(dec("9007199254740995", "").to_f64(), 9007199254740996.0);
        // Just above halfway: the remainder decides (2^53 + 1 + 10^-2).
        assert_eq!(dec("9007199254740993", "01").to_f64(), 9007199254740994.0);
    }
}

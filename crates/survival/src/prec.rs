//! Tolerances used when comparing with reference values, kept in one place
//! (after statrs' `prec.rs`). Public so the integration tests of this crate
//! and of the crates built on it (`cohort`, `reference-cohort`) share them.
//!
//! The rule is combined: a value passes when it is within an absolute
//! tolerance **or** within a relative tolerance of the reference,
//! `|a − b| ≤ abs_tol  or  |a − b| ≤ rel_tol · |b|`. The absolute part is
//! kept far below every non-zero figure R gives (the smallest in the fixtures
//! is a p of 3.4e-56, `coxtest_pbc.csv`), so that a tiny p value is compared
//! relatively and the same p × 1.01 fails. The rule it replaces,
//! `|a − b| ≤ rel · |b| + 1e-12`, passed every p below 1e-12 whatever its value.

/// Relative tolerance against figures produced by R (`fixtures/generate.R`):
/// the accuracy this crate promises.
pub const R_RELATIVE: f64 = 1e-6;

/// Absolute tolerance against R: below it two values are equal whatever
/// their ratio. Near the bottom of the normal range on purpose: every zero
/// in the fixtures is an exact 0 on both sides, and every other figure
/// (down to a p of 3.4e-56) must be compared relatively.
pub const R_ABSOLUTE: f64 = 1e-300;

/// Tolerance for hand-computed values in unit tests (exact fractions).
pub const HAND_COMPUTED: f64 = 1e-12;

/// Whether `actual` is within `relative · |expected|` of `expected`, or
/// within [`R_ABSOLUTE`] of it (for values that are 0 in exact arithmetic).
/// Equal infinities compare equal; NaN never does.
pub fn close(actual: f64, expected: f64, relative: f64) -> bool {
    within(actual, expected, relative, R_ABSOLUTE)
}

/// The combined rule with both tolerances given:
/// `|actual − expected| ≤ absolute` or `≤ relative · |expected|`.
/// Equal infinities compare equal; NaN never does.
pub fn within(actual: f64, expected: f64, relative: f64, absolute: f64) -> bool {
    if actual.is_infinite() || expected.is_infinite() {
        return actual == expected;
    }
    let difference = (actual - expected).abs();
    difference <= absolute || difference <= relative * expected.abs()
}

/// Whether `actual` agrees with R's `expected` under the project's rule
/// ([`R_RELATIVE`], [`R_ABSOLUTE`]). Every comparison with an R fixture uses
/// this.
pub fn close_to_r(actual: f64, expected: f64) -> bool {
    within(actual, expected, R_RELATIVE, R_ABSOLUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The case the rule exists for: the old `relative · |b| + 1e-12` passed
    /// any p below 1e-12, so a p of 1e-56 off by 1% (or by 10^40) passed.
    #[test]
    fn a_tiny_p_value_off_by_one_percent_fails() {
        let r_p = 3.2e-56;
        assert!(close_to_r(r_p, r_p));
        assert!(close_to_r(r_p * (1.0 + 1e-7), r_p));
        assert!(!close_to_r(r_p * 1.01, r_p));
        assert!(!close_to_r(r_p * 0.99, r_p));
        assert!(!close_to_r(1e-16, r_p));
        assert!(!close_to_r(0.0, 1e-13));
    }

    #[test]
    fn ordinary_values_are_compared_relatively() {
        assert!(close_to_r(1234.5678, 1234.5678 * (1.0 + 9e-7)));
        assert!(!close_to_r(1234.5678, 1234.5678 * (1.0 + 2e-6)));
        assert!(!close_to_r(0.05, 0.0501));
    }

    #[test]
    fn zero_equals_only_zero_or_values_below_the_absolute_floor() {
        assert!(close_to_r(0.0, 0.0));
        assert!(close_to_r(-0.0, 0.0));
        assert!(close_to_r(1e-301, 0.0));
        assert!(!close_to_r(2.2e-16, 0.0));
    }

    #[test]
    fn within_takes_either_tolerance() {
        assert!(within(1.0, 1.1, 0.1, 0.0));
        assert!(within(1.0, 1.1, 0.0, 0.1 + 1e-15));
        assert!(!within(1.0, 1.1, 0.05, 0.05));
    }

    #[test]
    fn infinities_must_match_and_nan_never_does() {
        assert!(close_to_r(f64::INFINITY, f64::INFINITY));
        assert!(!close_to_r(f64::INFINITY, f64::NEG_INFINITY));
        assert!(!close_to_r(1e308, f64::INFINITY));
        assert!(!close_to_r(f64::NAN, f64::NAN));
        assert!(!close_to_r(f64::NAN, 1.0));
    }
}

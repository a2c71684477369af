//! Tolerances used when comparing with reference values, kept in one place
//! (after statrs' `prec.rs`). Public so the integration tests share them.

/// Relative tolerance against figures produced by R (`fixtures/generate.R`):
/// the accuracy this crate promises.
pub const R_RELATIVE: f64 = 1e-6;

/// Absolute floor added to every relative comparison, so that values that
/// are zero in exact arithmetic (a curve at 0, a coefficient of 0) compare
/// equal to their floating-point rendering.
pub const ABSOLUTE_FLOOR: f64 = 1e-12;

/// Tolerance for hand-computed values in unit tests (exact fractions).
pub const HAND_COMPUTED: f64 = 1e-12;

/// Whether `actual` is within `relative · |expected| + ABSOLUTE_FLOOR` of
/// `expected`. Equal infinities compare equal; NaN never does.
pub fn close(actual: f64, expected: f64, relative: f64) -> bool {
    if actual.is_infinite() || expected.is_infinite() {
        return actual == expected;
    }
    (actual - expected).abs() <= relative * expected.abs() + ABSOLUTE_FLOOR
}

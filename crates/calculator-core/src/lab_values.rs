//! Validation of each lab field: typed text (and its unit) becomes a checked
//! value in the internal unit, with warnings for values that are possible but
//! implausible. Each field is checked on its own, so one bad field never
//! hides the others.
//!
//! Two tiers, as a careful clinician would want them:
//! - an **error** (no result is computed from the field): not a number, a
//!   negative value, zero where the ALBI logarithm needs a positive number,
//!   or a value no human serum has;
//! - a **warning** (results are computed, the field says why to check it):
//!   a value outside the usual range, or one that looks typed in the other unit.
//!
//! Usual ranges: `reference/clinical.md`, "Units" (albumin 35–50 g/L,
//! bilirubin about 3–21 µmol/L; "an albumin 3.4 with g/L selected is almost
//! certainly g/dL"). The warning thresholds for IL6 (> 10 000 pg/mL) and
//! bilirubin (> 800 µmol/L) are the ones the project's issue names.

use crate::decimal::Decimal;
use crate::number_input::{parse_number, NumberInputError};
use crate::units::{AlbuminUnit, BilirubinUnit};

/// The lab fields of the calculator. Their `key` is both the URL fragment
/// key and the suffix of the field's `data-testid="error-…"` hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabField {
    Il6,
    Il8,
    Albumin,
    Bilirubin,
}

impl LabField {
    pub const ALL: [LabField; 4] = [
        LabField::Il6,
        LabField::Il8,
        LabField::Albumin,
        LabField::Bilirubin,
    ];

    /// The field's code: the link key and the `input-…` hook.
    pub fn code(self) -> &'static str {
        match self {
            LabField::Il6 => "il6",
            LabField::Il8 => "il8",
            LabField::Albumin => "albumin",
            LabField::Bilirubin => "bilirubin",
        }
    }

    /// The field named by [`LabField::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            LabField::Il6 => "IL6",
            LabField::Il8 => "IL8",
            LabField::Albumin => "Albumin",
            LabField::Bilirubin => "Total bilirubin",
        }
    }
}

/// Serum IL6 or IL8 above this is refused: beyond any serum level reported
/// even in cytokine storm, so the number must be a typing error.
pub const INTERLEUKIN_MAX_PG_ML: Decimal = Decimal::new(1_000_000, 0);
/// Serum IL6 or IL8 above this computes but warns (the threshold).
pub const INTERLEUKIN_WARN_ABOVE_PG_ML: Decimal = Decimal::new(10_000, 0);
/// No serum albumin reaches this (total serum protein is about 60–80 g/L).
pub const ALBUMIN_MAX_G_L: Decimal = Decimal::new(100, 0);
/// Below this, an albumin typed with g/L selected is almost certainly g/dL.
pub const ALBUMIN_LIKELY_G_DL_BELOW_G_L: Decimal = Decimal::new(10, 0);
/// Usual-range limits for the plausibility warning (g/L).
pub const ALBUMIN_WARN_BELOW_G_L: Decimal = Decimal::new(15, 0);
pub const ALBUMIN_WARN_ABOVE_G_L: Decimal = Decimal::new(60, 0);
/// No living patient's serum bilirubin reaches this (about 117 mg/dL).
pub const BILIRUBIN_MAX_UMOL_L: Decimal = Decimal::new(2_000, 0);
/// Above this, bilirubin computes but warns (the threshold).
pub const BILIRUBIN_WARN_ABOVE_UMOL_L: Decimal = Decimal::new(800, 0);
/// Below this, a bilirubin typed with µmol/L selected is probably mg/dL
/// (the usual range starts at about 3 µmol/L, i.e. 0.2 mg/dL).
pub const BILIRUBIN_LIKELY_MG_DL_BELOW_UMOL_L: Decimal = Decimal::new(3, 0);

/// Why a lab field gives no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabValueError {
    /// The text is not a usable number.
    Number(NumberInputError),
    /// Zero where a positive value is needed (the ALBI score takes the
    /// logarithm of bilirubin; an albumin of zero is not a measurement).
    Zero,
    /// Above what any human serum has, in the unit the user chose.
    Impossible {
        /// What was measured.
        analyte: Analyte,
        /// The largest possible value, in `unit`.
        maximum: Decimal,
        /// The unit the value was typed in (its symbol).
        unit: &'static str,
        /// A unit in which the typed number would be plausible, if any.
        likely_unit: Option<&'static str>,
    },
    /// The unit came from a link and is not one the app knows.
    UnknownUnit {
        /// The field whose unit it is.
        field: LabField,
        /// What the link gave (empty: no unit).
        given: String,
        /// The units the field accepts (their codes).
        expected: &'static [&'static str],
    },
}

impl LabValueError {
    /// The field is simply empty: a prompt to fill it, not a fault.
    pub fn is_empty_input(&self) -> bool {
        matches!(self, LabValueError::Number(NumberInputError::Empty))
    }
}

impl From<NumberInputError> for LabValueError {
    fn from(error: NumberInputError) -> Self {
        LabValueError::Number(error)
    }
}

/// What a lab value measures, as far as its limits go (IL6 and IL8 share
/// theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analyte {
    /// IL6 or IL8, pg/mL.
    Interleukin,
    /// Serum albumin, g/L.
    Albumin,
    /// Total bilirubin, µmol/L.
    Bilirubin,
}

/// A value that computes, but that the clinician should look at again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabWarning {
    /// The albumin looks typed in the other unit; the app offers to switch.
    AlbuminLikelyInUnit(AlbuminUnit),
    /// The bilirubin looks typed in the other unit; the app offers to switch.
    BilirubinLikelyInUnit(BilirubinUnit),
    /// Outside the usual range: above (or below) `limit`, in the field's
    /// internal unit (pg/mL, g/L, µmol/L).
    Unusual {
        /// What was measured.
        analyte: Analyte,
        /// The limit crossed.
        limit: Decimal,
        /// `true`: above the limit; `false`: below it.
        above: bool,
    },
}

/// A validated value in the internal unit, with any warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// pg/mL for IL6 and IL8, g/L for albumin, µmol/L for bilirubin.
    pub value: Decimal,
    pub warnings: Vec<LabWarning>,
}

/// IL6 or IL8 in pg/mL. Zero is allowed (below the assay's detection limit).
pub fn check_interleukin(text: &str) -> Result<Checked, LabValueError> {
    check_interleukin_value(parse_number(text)?)
}

/// [`check_interleukin`] for a number already read (a cohort file's cell
/// whose thousands grouping the column settled).
pub fn check_interleukin_value(value: Decimal) -> Result<Checked, LabValueError> {
    if value > INTERLEUKIN_MAX_PG_ML {
        return Err(LabValueError::Impossible {
            analyte: Analyte::Interleukin,
            maximum: INTERLEUKIN_MAX_PG_ML,
            unit: "pg/mL",
            likely_unit: None,
        });
    }
    let mut warnings = Vec::new();
    if value > INTERLEUKIN_WARN_ABOVE_PG_ML {
        warnings.push(LabWarning::Unusual {
            analyte: Analyte::Interleukin,
            limit: INTERLEUKIN_WARN_ABOVE_PG_ML,
            above: true,
        });
    }
    Ok(Checked { value, warnings })
}

/// Albumin typed in `unit`, checked and converted to g/L.
pub fn check_albumin(text: &str, unit: AlbuminUnit) -> Result<Checked, LabValueError> {
    check_albumin_value(parse_number(text)?, unit)
}

/// [`check_albumin`] for a number already read.
pub fn check_albumin_value(typed: Decimal, unit: AlbuminUnit) -> Result<Checked, LabValueError> {
    if typed.is_zero() {
        return Err(LabValueError::Zero);
    }
    let value = unit.to_grams_per_litre(typed);
    if value > ALBUMIN_MAX_G_L {
        return Err(LabValueError::Impossible {
            analyte: Analyte::Albumin,
            maximum: unit.from_grams_per_litre(ALBUMIN_MAX_G_L),
            unit: unit.label(),
            likely_unit: (unit == AlbuminUnit::GramsPerDecilitre
                && unit.other().to_grams_per_litre(typed) <= ALBUMIN_MAX_G_L)
                .then(|| unit.other().label()),
        });
    }
    let mut warnings = Vec::new();
    if unit == AlbuminUnit::GramsPerLitre && value < ALBUMIN_LIKELY_G_DL_BELOW_G_L {
        warnings.push(LabWarning::AlbuminLikelyInUnit(
            AlbuminUnit::GramsPerDecilitre,
        ));
    } else if value < ALBUMIN_WARN_BELOW_G_L {
        warnings.push(LabWarning::Unusual {
            analyte: Analyte::Albumin,
            limit: ALBUMIN_WARN_BELOW_G_L,
            above: false,
        });
    } else if value > ALBUMIN_WARN_ABOVE_G_L {
        warnings.push(LabWarning::Unusual {
            analyte: Analyte::Albumin,
            limit: ALBUMIN_WARN_ABOVE_G_L,
            above: true,
        });
    }
    Ok(Checked { value, warnings })
}

/// Total bilirubin typed in `unit`, checked and converted to µmol/L.
pub fn check_bilirubin(text: &str, unit: BilirubinUnit) -> Result<Checked, LabValueError> {
    check_bilirubin_value(parse_number(text)?, unit)
}

/// [`check_bilirubin`] for a number already read.
pub fn check_bilirubin_value(
    typed: Decimal,
    unit: BilirubinUnit,
) -> Result<Checked, LabValueError> {
    if typed.is_zero() {
        return Err(LabValueError::Zero);
    }
    let value = unit.to_micromoles_per_litre(typed);
    if value > BILIRUBIN_MAX_UMOL_L {
        // 2000 µmol/L is 116.96 mg/dL: the refusal names it as 117.
        let maximum = match unit {
            BilirubinUnit::MicromolesPerLitre => BILIRUBIN_MAX_UMOL_L,
            BilirubinUnit::MilligramsPerDecilitre => Decimal::new(117, 0),
        };
        return Err(LabValueError::Impossible {
            analyte: Analyte::Bilirubin,
            maximum,
            unit: unit.label(),
            likely_unit: (unit == BilirubinUnit::MilligramsPerDecilitre
                && typed <= BILIRUBIN_MAX_UMOL_L)
                .then(|| unit.other().label()),
        });
    }
    let mut warnings = Vec::new();
    if value > BILIRUBIN_WARN_ABOVE_UMOL_L {
        warnings.push(match unit {
            BilirubinUnit::MilligramsPerDecilitre => {
                LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MicromolesPerLitre)
            }
            BilirubinUnit::MicromolesPerLitre => LabWarning::Unusual {
                analyte: Analyte::Bilirubin,
                limit: BILIRUBIN_WARN_ABOVE_UMOL_L,
                above: true,
            },
        });
    } else if unit == BilirubinUnit::MicromolesPerLitre
        && value < BILIRUBIN_LIKELY_MG_DL_BELOW_UMOL_L
    {
        warnings.push(LabWarning::BilirubinLikelyInUnit(
            BilirubinUnit::MilligramsPerDecilitre,
        ));
    }
    Ok(Checked { value, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_code_reads_back_as_its_field() {
        for field in LabField::ALL {
            assert_eq!(LabField::from_code(field.code()), Some(field));
        }
        assert_eq!(LabField::from_code("Albumin"), None);
    }

    fn dec(text: &str) -> Decimal {
        parse_number(text).expect("valid number")
    }

    #[test]
    fn interleukin_accepts_zero_as_below_detection_limit() {
        assert_eq!(check_interleukin("0").map(|c| c.value), Ok(dec("0")));
    }

    #[test]
    fn interleukin_above_ten_thousand_computes_but_warns() {
        let checked = check_interleukin("10000,5").expect("computes");
        assert_eq!(checked.value, dec("10000.5"));
        assert_eq!(checked.warnings.len(), 1);
        assert!(check_interleukin("10000")
            .expect("computes")
            .warnings
            .is_empty());
    }

    #[test]
    fn interleukin_above_a_million_is_refused() {
        assert!(matches!(
            check_interleukin("1000001"),
            Err(LabValueError::Impossible { .. })
        ));
    }

    #[test]
    fn albumin_three_point_four_in_g_per_l_warns_and_offers_g_per_dl() {
        // clinical.md: 'An albumin "3.4" with g/L selected is almost certainly g/dL.'
        let checked = check_albumin("3.4", AlbuminUnit::GramsPerLitre).expect("computes");
        assert_eq!(checked.value, dec("3.4"));
        assert_eq!(
            checked.warnings,
            vec![LabWarning::AlbuminLikelyInUnit(
                AlbuminUnit::GramsPerDecilitre
            )]
        );
    }

    #[test]
    fn albumin_thirty_four_in_g_per_dl_is_impossible_and_suggests_g_per_l() {
        let error = check_albumin("34", AlbuminUnit::GramsPerDecilitre).expect_err("impossible");
        assert_eq!(
            error,
            // 100 g/L is the most any serum has: 10 g/dL.
            LabValueError::Impossible {
                analyte: Analyte::Albumin,
                maximum: Decimal::new(10, 0),
                unit: "g/dL",
                likely_unit: Some("g/L")
            }
        );
    }

    #[test]
    fn albumin_in_the_usual_range_has_no_warning() {
        let checked = check_albumin("3,5", AlbuminUnit::GramsPerDecilitre).expect("computes");
        assert_eq!(checked.value, dec("35"));
        assert!(checked.warnings.is_empty());
    }

    #[test]
    fn zero_albumin_and_zero_bilirubin_are_refused() {
        assert_eq!(
            check_albumin("0", AlbuminUnit::GramsPerLitre),
            Err(LabValueError::Zero)
        );
        assert_eq!(
            check_bilirubin("0,0", BilirubinUnit::MicromolesPerLitre),
            Err(LabValueError::Zero)
        );
    }

    #[test]
    fn bilirubin_above_800_micromoles_computes_but_warns() {
        let checked = check_bilirubin("801", BilirubinUnit::MicromolesPerLitre).expect("computes");
        assert_eq!(checked.warnings.len(), 1);
        assert!(check_bilirubin("800", BilirubinUnit::MicromolesPerLitre)
            .expect("computes")
            .warnings
            .is_empty());
    }

    #[test]
    fn bilirubin_typed_in_micromoles_with_mg_per_dl_selected_is_flagged() {
        // 50 mg/dL = 855 µmol/L (> 800): probably a µmol/L value.
        let checked =
            check_bilirubin("50", BilirubinUnit::MilligramsPerDecilitre).expect("computes");
        assert_eq!(
            checked.warnings,
            vec![LabWarning::BilirubinLikelyInUnit(
                BilirubinUnit::MicromolesPerLitre
            )]
        );
        // 200 mg/dL = 3420 µmol/L: impossible; 200 µmol/L would be plausible.
        assert!(matches!(
            check_bilirubin("200", BilirubinUnit::MilligramsPerDecilitre),
            Err(LabValueError::Impossible {
                likely_unit: Some(_),
                ..
            })
        ));
    }

    #[test]
    fn bilirubin_in_mg_per_dl_typed_with_micromoles_selected_is_flagged() {
        let checked = check_bilirubin("1.4", BilirubinUnit::MicromolesPerLitre).expect("computes");
        assert_eq!(
            checked.warnings,
            vec![LabWarning::BilirubinLikelyInUnit(
                BilirubinUnit::MilligramsPerDecilitre
            )]
        );
    }

    /// Issue 10: an English report's IL8 "1,234 pg/mL" (1234, high) must not
    /// silently become 1.234 pg/mL (low, cutoff 60.8).
    #[test]
    fn a_thousands_grouped_interleukin_is_refused_not_read_low() {
        assert!(matches!(
            check_interleukin("1,234"),
            Err(LabValueError::Number(
                NumberInputError::AmbiguousGrouping { .. }
            ))
        ));
        assert_eq!(check_interleukin("1234").map(|c| c.value), Ok(dec("1234")));
        assert_eq!(
            check_interleukin_value(dec("1234")),
            check_interleukin("1234")
        );
    }

    #[test]
    fn a_number_error_keeps_its_reason() {
        assert_eq!(
            check_bilirubin("1.2.3", BilirubinUnit::MicromolesPerLitre),
            Err(LabValueError::Number(NumberInputError::SeveralSeparators))
        );
    }
}

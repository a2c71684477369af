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

use std::fmt;

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
        maximum: String,
        /// A unit in which the typed number would be plausible, if any.
        likely_unit: Option<String>,
    },
    /// The unit came from a link and is not one the app knows.
    UnknownUnit { given: String, expected: String },
}

impl fmt::Display for LabValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabValueError::Number(error) => write!(f, "{error}"),
            LabValueError::Zero => f.write_str(
                "Must be greater than 0 (the ALBI score needs a positive measured value).",
            ),
            LabValueError::Impossible {
                maximum,
                likely_unit: Some(unit),
            } => write!(
                f,
                "Impossible value: above {maximum}. Is the report in {unit}? Check the unit selector."
            ),
            LabValueError::Impossible {
                maximum,
                likely_unit: None,
            } => write!(f, "Impossible value: above {maximum}. Check the number."),
            LabValueError::UnknownUnit { given, expected } => write!(
                f,
                "The link gave the unit \"{given}\", which is not {expected}: choose the unit."
            ),
        }
    }
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

/// A value that computes, but that the clinician should look at again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabWarning {
    /// The albumin looks typed in the other unit; the app offers to switch.
    AlbuminLikelyInUnit(AlbuminUnit),
    /// The bilirubin looks typed in the other unit; the app offers to switch.
    BilirubinLikelyInUnit(BilirubinUnit),
    /// Outside the usual range; the text says which range.
    Unusual(String),
}

impl fmt::Display for LabWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabWarning::AlbuminLikelyInUnit(unit) => write!(
                f,
                "Implausibly low in {}: serum albumin is usually 35–50 g/L (3.5–5.0 g/dL). Is the report in {}?",
                unit.other().label(),
                unit.label()
            ),
            LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MilligramsPerDecilitre) => f.write_str(
                "Unusually low in µmol/L (usual range about 3–21 µmol/L, 0.2–1.2 mg/dL). Is the report in mg/dL?",
            ),
            LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MicromolesPerLitre) => f.write_str(
                "Above 800 µmol/L: implausibly high in mg/dL. Is the report in µmol/L?",
            ),
            LabWarning::Unusual(text) => f.write_str(text),
        }
    }
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
            maximum: "1000000 pg/mL".to_owned(),
            likely_unit: None,
        });
    }
    let mut warnings = Vec::new();
    if value > INTERLEUKIN_WARN_ABOVE_PG_ML {
        warnings.push(LabWarning::Unusual(
            "Above 10000 pg/mL: far beyond the study's range. Check the value and its unit (pg/mL = ng/L)."
                .to_owned(),
        ));
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
            maximum: format!(
                "{} {}",
                unit.from_grams_per_litre(ALBUMIN_MAX_G_L),
                unit.label()
            ),
            likely_unit: (unit == AlbuminUnit::GramsPerDecilitre
                && unit.other().to_grams_per_litre(typed) <= ALBUMIN_MAX_G_L)
                .then(|| unit.other().label().to_owned()),
        });
    }
    let mut warnings = Vec::new();
    if unit == AlbuminUnit::GramsPerLitre && value < ALBUMIN_LIKELY_G_DL_BELOW_G_L {
        warnings.push(LabWarning::AlbuminLikelyInUnit(
            AlbuminUnit::GramsPerDecilitre,
        ));
    } else if value < ALBUMIN_WARN_BELOW_G_L {
        warnings.push(LabWarning::Unusual(
            "Below 15 g/L (1.5 g/dL): far below the usual 35–50 g/L. Check the value.".to_owned(),
        ));
    } else if value > ALBUMIN_WARN_ABOVE_G_L {
        warnings.push(LabWarning::Unusual(
            "Above 60 g/L (6.0 g/dL): above the usual 35–50 g/L. Check the value and unit."
                .to_owned(),
        ));
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
        let max_in_unit = match unit {
            BilirubinUnit::MicromolesPerLitre => "2000 µmol/L".to_owned(),
            BilirubinUnit::MilligramsPerDecilitre => "117 mg/dL (2000 µmol/L)".to_owned(),
        };
        return Err(LabValueError::Impossible {
            maximum: max_in_unit,
            likely_unit: (unit == BilirubinUnit::MilligramsPerDecilitre
                && typed <= BILIRUBIN_MAX_UMOL_L)
                .then(|| unit.other().label().to_owned()),
        });
    }
    let mut warnings = Vec::new();
    if value > BILIRUBIN_WARN_ABOVE_UMOL_L {
        warnings.push(match unit {
            BilirubinUnit::MilligramsPerDecilitre => {
                LabWarning::BilirubinLikelyInUnit(BilirubinUnit::MicromolesPerLitre)
            }
            BilirubinUnit::MicromolesPerLitre => LabWarning::Unusual(
                "Above 800 µmol/L (47 mg/dL): extremely high. Check the value.".to_owned(),
            ),
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
        assert!(checked.warnings[0].to_string().contains("g/dL"));
    }

    #[test]
    fn albumin_thirty_four_in_g_per_dl_is_impossible_and_suggests_g_per_l() {
        let error = check_albumin("34", AlbuminUnit::GramsPerDecilitre).expect_err("impossible");
        assert_eq!(
            error,
            LabValueError::Impossible {
                maximum: "10 g/dL".to_owned(),
                likely_unit: Some("g/L".to_owned())
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

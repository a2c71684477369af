//! Units users type, and exact conversion to the project's internal units.
//!
//! Source: `reference/clinical.md`, "Units": albumin 1 g/dL = 10 g/L;
//! total bilirubin 1 mg/dL = 17.1 µmol/L (the clinical convention; the molar
//! mass 584.66 g/mol would give 17.104). IL6 and IL8 are in pg/mL (= ng/L).

use crate::decimal::Decimal;

/// The unit an albumin value was typed in. Internally albumin is g/L.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlbuminUnit {
    GramsPerLitre,
    GramsPerDecilitre,
}

/// The unit a total bilirubin value was typed in. Internally µmol/L.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BilirubinUnit {
    MicromolesPerLitre,
    MilligramsPerDecilitre,
}

impl AlbuminUnit {
    pub const ALL: [AlbuminUnit; 2] = [AlbuminUnit::GramsPerLitre, AlbuminUnit::GramsPerDecilitre];

    /// The code used in the URL fragment (`albumin_unit=`), a public contract.
    pub fn code(self) -> &'static str {
        match self {
            AlbuminUnit::GramsPerLitre => "g/L",
            AlbuminUnit::GramsPerDecilitre => "g/dL",
        }
    }

    /// How the unit is written for people.
    pub fn label(self) -> &'static str {
        self.code()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|unit| unit.code() == code)
    }

    pub fn other(self) -> Self {
        match self {
            AlbuminUnit::GramsPerLitre => AlbuminUnit::GramsPerDecilitre,
            AlbuminUnit::GramsPerDecilitre => AlbuminUnit::GramsPerLitre,
        }
    }

    /// `value` in this unit, as g/L (exact).
    pub fn to_grams_per_litre(self, value: Decimal) -> Decimal {
        match self {
            AlbuminUnit::GramsPerLitre => value,
            AlbuminUnit::GramsPerDecilitre => value.times(10, 0),
        }
    }

    /// A g/L value expressed in this unit (exact).
    pub fn from_grams_per_litre(self, grams_per_litre: Decimal) -> Decimal {
        match self {
            AlbuminUnit::GramsPerLitre => grams_per_litre,
            AlbuminUnit::GramsPerDecilitre => grams_per_litre.divided_by_power_of_ten(1),
        }
    }
}

impl BilirubinUnit {
    pub const ALL: [BilirubinUnit; 2] = [
        BilirubinUnit::MicromolesPerLitre,
        BilirubinUnit::MilligramsPerDecilitre,
    ];

    /// Micromoles per litre per milligram per decilitre, as `171 / 10`.
    pub const MICROMOLES_PER_LITRE_PER_MG_PER_DL: f64 = 17.1;

    /// The code used in the URL fragment (`bilirubin_unit=`), a public
    /// contract: ASCII `umol/L` so that links survive any mail client.
    pub fn code(self) -> &'static str {
        match self {
            BilirubinUnit::MicromolesPerLitre => "umol/L",
            BilirubinUnit::MilligramsPerDecilitre => "mg/dL",
        }
    }

    /// How the unit is written for people.
    pub fn label(self) -> &'static str {
        match self {
            BilirubinUnit::MicromolesPerLitre => "µmol/L",
            BilirubinUnit::MilligramsPerDecilitre => "mg/dL",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|unit| unit.code() == code)
    }

    pub fn other(self) -> Self {
        match self {
            BilirubinUnit::MicromolesPerLitre => BilirubinUnit::MilligramsPerDecilitre,
            BilirubinUnit::MilligramsPerDecilitre => BilirubinUnit::MicromolesPerLitre,
        }
    }

    /// `value` in this unit, as µmol/L (exact: mg/dL × 171 / 10).
    pub fn to_micromoles_per_litre(self, value: Decimal) -> Decimal {
        match self {
            BilirubinUnit::MicromolesPerLitre => value,
            BilirubinUnit::MilligramsPerDecilitre => value.times(171, 1),
        }
    }

    /// A µmol/L value in this unit. Dividing by 17.1 is not exact in decimal,
    /// so this is the nearest `f64`; it is only ever displayed, never compared.
    pub fn from_micromoles_per_litre(self, micromoles_per_litre: Decimal) -> f64 {
        match self {
            BilirubinUnit::MicromolesPerLitre => micromoles_per_litre.to_f64(),
            BilirubinUnit::MilligramsPerDecilitre => {
                micromoles_per_litre.to_f64() / Self::MICROMOLES_PER_LITRE_PER_MG_PER_DL
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number_input::parse_number;

    fn dec(text: &str) -> Decimal {
        parse_number(text).expect("valid number")
    }

    #[test]
    fn albumin_in_grams_per_decilitre_is_ten_times_as_many_grams_per_litre() {
        // clinical.md: 1 g/dL = 10 g/L. 3.1 g/dL -> 31 g/L; 3.6 g/dL -> 36 g/L exactly.
        let unit = AlbuminUnit::GramsPerDecilitre;
        assert_eq!(unit.to_grams_per_litre(dec("3.1")), dec("31"));
        assert_eq!(unit.to_grams_per_litre(dec("3,6")), dec("36"));
        assert_eq!(unit.from_grams_per_litre(dec("31")), dec("3.1"));
    }

    #[test]
    fn bilirubin_in_mg_per_dl_is_17_point_1_times_as_many_micromoles() {
        // clinical.md: 1 mg/dL = 17.1 µmol/L. 1.4 × 17.1 = 23.94 (hand: 17.1 + 0.4 × 17.1 = 17.1 + 6.84).
        let unit = BilirubinUnit::MilligramsPerDecilitre;
        assert_eq!(unit.to_micromoles_per_litre(dec("1.4")), dec("23.94"));
        assert_eq!(unit.to_micromoles_per_litre(dec("1")), dec("17.1"));
        // 17.1 µmol/L back to mg/dL is 1.
        assert!((unit.from_micromoles_per_litre(dec("17.1")) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_internal_units_convert_to_themselves() {
        assert_eq!(
            AlbuminUnit::GramsPerLitre.to_grams_per_litre(dec("35")),
            dec("35")
        );
        assert_eq!(
            BilirubinUnit::MicromolesPerLitre.to_micromoles_per_litre(dec("17")),
            dec("17")
        );
    }

    #[test]
    fn unit_codes_round_trip_and_unknown_codes_are_refused() {
        for unit in AlbuminUnit::ALL {
            assert_eq!(AlbuminUnit::from_code(unit.code()), Some(unit));
        }
        for unit in BilirubinUnit::ALL {
            assert_eq!(BilirubinUnit::from_code(unit.code()), Some(unit));
        }
        assert_eq!(AlbuminUnit::from_code("g/l"), None);
        assert_eq!(BilirubinUnit::from_code("µmol/L"), None);
    }
}

//! The Child–Pugh score from its five parts (issue 13).
//!
//! Definition: `reference/clinical.md`, "Child–Pugh score". The table is in
//! mg/dL and g/dL; the calculator keeps bilirubin in µmol/L and albumin in
//! g/L, so the boundaries are the exact conversions (1 mg/dL = 17.1 µmol/L:
//! 2 mg/dL = 34.2 µmol/L, 3 mg/dL = 51.3 µmol/L; 1 g/dL = 10 g/L), not the
//! usual roundings (34 and 50 µmol/L), and [`bilirubin_readings_differ`] says
//! where the rounded table would give other points. A value exactly on a
//! boundary (2 or 3 mg/dL, 2.8 or 3.5 g/dL, INR 1.7 or 2.3) takes the middle
//! row, as the table reads. Comparisons are exact, in decimal.

use crate::decimal::Decimal;
use crate::inputs::Choice;
use crate::ChildPughClass;

/// Ascites as the Child–Pugh table grades it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ascites {
    None,
    /// Mild, controlled with diuretics.
    Mild,
    /// Moderate to severe.
    Moderate,
}

impl Choice for Ascites {
    const ALL: &'static [Self] = &[Ascites::None, Ascites::Mild, Ascites::Moderate];

    fn code(self) -> &'static str {
        match self {
            Ascites::None => "none",
            Ascites::Mild => "mild",
            Ascites::Moderate => "moderate",
        }
    }

    /// The code: the form words it through the text layer.
    fn label(self) -> &'static str {
        self.code()
    }
}

/// Hepatic encephalopathy as the Child–Pugh table grades it (West Haven).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encephalopathy {
    None,
    Grade1To2,
    Grade3To4,
}

impl Choice for Encephalopathy {
    const ALL: &'static [Self] = &[
        Encephalopathy::None,
        Encephalopathy::Grade1To2,
        Encephalopathy::Grade3To4,
    ];

    fn code(self) -> &'static str {
        match self {
            Encephalopathy::None => "none",
            Encephalopathy::Grade1To2 => "grade1-2",
            Encephalopathy::Grade3To4 => "grade3-4",
        }
    }

    /// The code: the form words it through the text layer.
    fn label(self) -> &'static str {
        self.code()
    }
}

/// The five parts, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Bilirubin,
    Albumin,
    Inr,
    Ascites,
    Encephalopathy,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Bilirubin,
        Part::Albumin,
        Part::Inr,
        Part::Ascites,
        Part::Encephalopathy,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Part::Bilirubin => "bilirubin",
            Part::Albumin => "albumin",
            Part::Inr => "inr",
            Part::Ascites => "ascites",
            Part::Encephalopathy => "encephalopathy",
        }
    }
}

/// What is known of the five parts. Bilirubin and albumin are the
/// calculator's own fields once valid and their units settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChildPughParts {
    /// Total bilirubin, µmol/L.
    pub bilirubin_umol_l: Option<Decimal>,
    /// Albumin, g/L.
    pub albumin_g_l: Option<Decimal>,
    pub inr: Option<Decimal>,
    pub ascites: Option<Ascites>,
    pub encephalopathy: Option<Encephalopathy>,
}

/// 2 mg/dL and 3 mg/dL in µmol/L, exactly (× 17.1).
const BILIRUBIN_2_MG_DL: Decimal = Decimal::new(342, 1);
const BILIRUBIN_3_MG_DL: Decimal = Decimal::new(513, 1);
/// 3.5 g/dL and 2.8 g/dL in g/L.
const ALBUMIN_3_5_G_DL: Decimal = Decimal::new(35, 0);
const ALBUMIN_2_8_G_DL: Decimal = Decimal::new(28, 0);
const INR_1_7: Decimal = Decimal::new(17, 1);
const INR_2_3: Decimal = Decimal::new(23, 1);
/// The usual µmol/L roundings of the table (34 and 50 µmol/L).
const BILIRUBIN_ROUNDED_LOW: Decimal = Decimal::new(34, 0);
const BILIRUBIN_ROUNDED_HIGH: Decimal = Decimal::new(50, 0);

/// 1 below `low`, 3 above `high`, 2 between them, boundaries included.
fn rising(value: Decimal, low: Decimal, high: Decimal) -> u8 {
    if value < low {
        1
    } else if value > high {
        3
    } else {
        2
    }
}

pub fn bilirubin_points(umol_l: Decimal) -> u8 {
    rising(umol_l, BILIRUBIN_2_MG_DL, BILIRUBIN_3_MG_DL)
}

/// Albumin scores the other way: the lower, the more points.
pub fn albumin_points(g_l: Decimal) -> u8 {
    if g_l > ALBUMIN_3_5_G_DL {
        1
    } else if g_l < ALBUMIN_2_8_G_DL {
        3
    } else {
        2
    }
}

pub fn inr_points(inr: Decimal) -> u8 {
    rising(inr, INR_1_7, INR_2_3)
}

pub fn ascites_points(ascites: Ascites) -> u8 {
    match ascites {
        Ascites::None => 1,
        Ascites::Mild => 2,
        Ascites::Moderate => 3,
    }
}

pub fn encephalopathy_points(encephalopathy: Encephalopathy) -> u8 {
    match encephalopathy {
        Encephalopathy::None => 1,
        Encephalopathy::Grade1To2 => 2,
        Encephalopathy::Grade3To4 => 3,
    }
}

/// Whether the rounded µmol/L table (< 34, 34–50, > 50) gives this bilirubin
/// other points than the exact conversion: 34 ≤ b < 34.2 and 50 < b ≤ 51.3.
pub fn bilirubin_readings_differ(umol_l: Decimal) -> bool {
    let rounded = rising(umol_l, BILIRUBIN_ROUNDED_LOW, BILIRUBIN_ROUNDED_HIGH);
    // The rounded table's boundaries: "34–50" includes both ends.
    let rounded = if umol_l == BILIRUBIN_ROUNDED_LOW {
        2
    } else {
        rounded
    };
    rounded != bilirubin_points(umol_l)
}

/// The total (5–15) and the class it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildPughScore {
    total: u8,
}

impl ChildPughScore {
    pub fn total(self) -> u8 {
        self.total
    }

    /// `A`, `B` or `C`.
    pub fn letter(self) -> char {
        match self.total {
            0..=6 => 'A',
            7..=9 => 'B',
            _ => 'C',
        }
    }

    /// `A5` … `C15`, as the `child-pugh-class` hook shows it.
    pub fn label(self) -> String {
        format!("{}{}", self.letter(), self.total)
    }

    /// The calculator's Child–Pugh choice this score fills.
    pub fn class(self) -> ChildPughClass {
        match self.total {
            0..=6 => ChildPughClass::A,
            7 => ChildPughClass::B7,
            8 | 9 => ChildPughClass::B8To9,
            _ => ChildPughClass::C,
        }
    }
}

impl ChildPughParts {
    /// Each part's points, `None` while that part is unknown.
    pub fn points(&self) -> [(Part, Option<u8>); 5] {
        [
            (Part::Bilirubin, self.bilirubin_umol_l.map(bilirubin_points)),
            (Part::Albumin, self.albumin_g_l.map(albumin_points)),
            (Part::Inr, self.inr.map(inr_points)),
            (Part::Ascites, self.ascites.map(ascites_points)),
            (
                Part::Encephalopathy,
                self.encephalopathy.map(encephalopathy_points),
            ),
        ]
    }

    /// The score, only when every part is known.
    pub fn score(&self) -> Option<ChildPughScore> {
        let mut total = 0;
        for (_, points) in self.points() {
            total += points?;
        }
        Some(ChildPughScore { total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{AlbuminUnit, BilirubinUnit};

    fn d(mantissa: u64, scale: u32) -> Decimal {
        Decimal::new(mantissa, scale)
    }

    #[test]
    fn bilirubin_boundaries_take_the_middle_row_on_the_exact_conversion() {
        // 2 mg/dL × 17.1 = 34.2 µmol/L; 3 mg/dL × 17.1 = 51.3 µmol/L.
        assert_eq!(bilirubin_points(d(3419, 2)), 1);
        assert_eq!(bilirubin_points(d(342, 1)), 2);
        assert_eq!(bilirubin_points(d(513, 1)), 2);
        assert_eq!(bilirubin_points(d(5131, 2)), 3);
        // 34 µmol/L is 1.99 mg/dL: one point, though the rounded table says two.
        assert_eq!(bilirubin_points(d(34, 0)), 1);
        assert!(bilirubin_readings_differ(d(34, 0)));
        // 51 µmol/L is 2.98 mg/dL: two points, the rounded table says three.
        assert_eq!(bilirubin_points(d(51, 0)), 2);
        assert!(bilirubin_readings_differ(d(51, 0)));
        assert!(!bilirubin_readings_differ(d(20, 0)));
        assert!(!bilirubin_readings_differ(d(40, 0)));
        assert!(!bilirubin_readings_differ(d(60, 0)));
    }

    #[test]
    fn bilirubin_typed_in_mg_dl_scores_on_its_own_boundaries() {
        // The calculator converts mg/dL × 17.1 exactly: 2.0 mg/dL → 34.2.
        let umol = |mg: Decimal| BilirubinUnit::MilligramsPerDecilitre.to_micromoles_per_litre(mg);
        assert_eq!(bilirubin_points(umol(d(20, 1))), 2);
        assert_eq!(bilirubin_points(umol(d(30, 1))), 2);
        assert_eq!(bilirubin_points(umol(d(199, 2))), 1);
        assert_eq!(bilirubin_points(umol(d(301, 2))), 3);
    }

    #[test]
    fn albumin_boundaries_take_the_middle_row_in_both_units() {
        // 3.5 g/dL = 35 g/L and 2.8 g/dL = 28 g/L: two points each.
        assert_eq!(albumin_points(d(351, 1)), 1);
        assert_eq!(albumin_points(d(35, 0)), 2);
        assert_eq!(albumin_points(d(28, 0)), 2);
        assert_eq!(albumin_points(d(279, 1)), 3);
        let g_l = |g_dl: Decimal| AlbuminUnit::GramsPerDecilitre.to_grams_per_litre(g_dl);
        assert_eq!(albumin_points(g_l(d(35, 1))), 2);
        assert_eq!(albumin_points(g_l(d(28, 1))), 2);
        assert_eq!(albumin_points(g_l(d(36, 1))), 1);
        assert_eq!(albumin_points(g_l(d(27, 1))), 3);
    }

    #[test]
    fn inr_boundaries_take_the_middle_row() {
        assert_eq!(inr_points(d(169, 2)), 1);
        assert_eq!(inr_points(d(17, 1)), 2);
        assert_eq!(inr_points(d(23, 1)), 2);
        assert_eq!(inr_points(d(231, 2)), 3);
    }

    #[test]
    fn the_score_needs_every_part_and_gives_the_class() {
        let mut parts = ChildPughParts {
            bilirubin_umol_l: Some(d(20, 0)),
            albumin_g_l: Some(d(38, 0)),
            inr: Some(d(11, 1)),
            ascites: Some(Ascites::None),
            encephalopathy: None,
        };
        assert_eq!(parts.score(), None);
        parts.encephalopathy = Some(Encephalopathy::None);
        // 1 + 1 + 1 + 1 + 1 = 5: A5.
        let score = parts.score().expect("every part known");
        assert_eq!((score.total(), score.label()), (5, "A5".to_owned()));
        assert_eq!(score.class(), ChildPughClass::A);
        // Bilirubin 40 (2) + albumin 30 (2) + INR 1.1 (1) + mild ascites (2)
        // + no encephalopathy (1) = 8: B8, outside SORAMIC (A to B7).
        parts.bilirubin_umol_l = Some(d(40, 0));
        parts.albumin_g_l = Some(d(30, 0));
        parts.ascites = Some(Ascites::Mild);
        let score = parts.score().expect("every part known");
        assert_eq!(score.label(), "B8");
        assert_eq!(score.class(), ChildPughClass::B8To9);
    }

    #[test]
    fn every_total_maps_to_the_tables_class() {
        // Class A = 5–6, B = 7–9, C = 10–15 (clinical.md).
        for total in 5..=15u8 {
            let score = ChildPughScore { total };
            let expected = match total {
                5 | 6 => ChildPughClass::A,
                7 => ChildPughClass::B7,
                8 | 9 => ChildPughClass::B8To9,
                _ => ChildPughClass::C,
            };
            assert_eq!(score.class(), expected, "{total}");
            assert_eq!(score.label(), format!("{}{total}", score.letter()));
        }
    }

    #[test]
    fn choice_codes_are_the_links() {
        assert_eq!(Ascites::from_code("moderate"), Some(Ascites::Moderate));
        assert_eq!(
            Encephalopathy::from_code("grade3-4"),
            Some(Encephalopathy::Grade3To4)
        );
        assert_eq!(Encephalopathy::from_code("grade 3-4"), None);
    }

    proptest::proptest! {
        /// More bilirubin or INR never scores fewer points; more albumin never more.
        #[test]
        fn points_move_the_right_way(a in 0u64..200_000, b in 0u64..200_000) {
            let (low, high) = (d(a.min(b), 3), d(a.max(b), 3));
            proptest::prop_assert!(bilirubin_points(low) <= bilirubin_points(high));
            proptest::prop_assert!(inr_points(low) <= inr_points(high));
            proptest::prop_assert!(albumin_points(low) >= albumin_points(high));
        }
    }
}

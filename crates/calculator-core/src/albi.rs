//! ALBI score, ALBI grade and modified ALBI (mALBI) grade.
//!
//! - ALBI score = 0.66 × log10(total bilirubin, µmol/L) − 0.085 × (albumin, g/L).
//!   Johnson PJ et al., J Clin Oncol 2015;33:550–558. Some calculators use
//!   −0.0852; this project follows the published −0.085
//!   (`reference/clinical.md`).
//! - ALBI grade: 1 if score ≤ −2.60; 2 if −2.60 < score ≤ −1.39; 3 if > −1.39.
//! - mALBI grade splits grade 2 at −2.270: 2a if ≤ −2.270, 2b above.
//!   Hiraoka A et al., Liver Cancer 2017;6:204–215 (the source paper's ref. 11).
//! - The source paper groups mALBI 1 with 2a and 2b with 3.
//!
//! Grading uses the unrounded score; only the display rounds to two decimals.

use std::fmt;

use crate::decimal::Decimal;

/// Coefficient of log10(bilirubin µmol/L) (Johnson 2015).
pub const BILIRUBIN_COEFFICIENT: f64 = 0.66;
/// Coefficient of albumin g/L (Johnson 2015; not the −0.0852 variant).
pub const ALBUMIN_COEFFICIENT: f64 = -0.085;
/// Upper bound (inclusive) of ALBI grade 1 and mALBI grade 1.
pub const GRADE_1_UPPER: f64 = -2.60;
/// Upper bound (inclusive) of mALBI grade 2a (Hiraoka 2017).
pub const GRADE_2A_UPPER: f64 = -2.270;
/// Upper bound (inclusive) of ALBI grade 2 and mALBI grade 2b.
pub const GRADE_2_UPPER: f64 = -1.39;

/// An ALBI score, computed from validated albumin and bilirubin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlbiScore(f64);

impl AlbiScore {
    /// `albumin_g_l` and `bilirubin_umol_l` come from the lab-value checks,
    /// which guarantee both are positive and bounded, so the score is finite.
    pub fn from_labs(albumin_g_l: Decimal, bilirubin_umol_l: Decimal) -> Self {
        AlbiScore(Self::formula(
            albumin_g_l.to_f64(),
            bilirubin_umol_l.to_f64(),
        ))
    }

    /// Grades a score value directly (the boundaries are defined on scores).
    pub fn from_value(score: f64) -> Self {
        AlbiScore(score)
    }

    fn formula(albumin_g_l: f64, bilirubin_umol_l: f64) -> f64 {
        BILIRUBIN_COEFFICIENT * bilirubin_umol_l.log10() + ALBUMIN_COEFFICIENT * albumin_g_l
    }

    /// The unrounded score.
    pub fn value(self) -> f64 {
        self.0
    }

    pub fn grade(self) -> AlbiGrade {
        if self.0 <= GRADE_1_UPPER {
            AlbiGrade::One
        } else if self.0 <= GRADE_2_UPPER {
            AlbiGrade::Two
        } else {
            AlbiGrade::Three
        }
    }

    /// The grade boundary the score lies close enough to that two decimals
    /// could mislead (within 0.01, so the rounded score may print as the
    /// boundary or on its other side).
    pub fn near_boundary(self) -> Option<f64> {
        [GRADE_1_UPPER, GRADE_2A_UPPER, GRADE_2_UPPER]
            .into_iter()
            .find(|boundary| (self.0 - boundary).abs() < 0.01)
    }

    /// The score with at least three decimals, and more (up to six) until it
    /// no longer prints as the boundary it is near: −2.59988 → `-2.5999`.
    pub fn precise(self) -> String {
        let boundary = self.near_boundary();
        let mut text = String::new();
        for decimals in 3..=6 {
            text = format!("{:.*}", decimals, self.0);
            let shows_boundary =
                boundary.is_some_and(|b| format!("{:.*}", decimals, b) == text && b != self.0);
            if !shows_boundary {
                break;
            }
        }
        text
    }

    /// Two decimals, or the precise form when near a grade boundary.
    pub fn precise_if_near_boundary(self) -> String {
        if self.near_boundary().is_some() {
            self.precise()
        } else {
            self.to_string()
        }
    }

    pub fn malbi_grade(self) -> MalbiGrade {
        if self.0 <= GRADE_1_UPPER {
            MalbiGrade::One
        } else if self.0 <= GRADE_2A_UPPER {
            MalbiGrade::TwoA
        } else if self.0 <= GRADE_2_UPPER {
            MalbiGrade::TwoB
        } else {
            MalbiGrade::Three
        }
    }
}

/// Two decimals with an ASCII minus, e.g. `-2.11` (the `albi-score` hook).
/// A score that rounds to zero is shown as `0.00`, never `-0.00`.
impl fmt::Display for AlbiScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = (self.0 * 100.0).round() / 100.0;
        let rounded = if rounded == 0.0 { 0.0 } else { rounded };
        write!(f, "{rounded:.2}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlbiGrade {
    One,
    Two,
    Three,
}

impl AlbiGrade {
    /// `1`, `2` or `3` (the `albi-grade` hook).
    pub fn code(self) -> &'static str {
        match self {
            AlbiGrade::One => "1",
            AlbiGrade::Two => "2",
            AlbiGrade::Three => "3",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MalbiGrade {
    One,
    TwoA,
    TwoB,
    Three,
}

impl MalbiGrade {
    /// `1`, `2a`, `2b` or `3` (the `malbi-grade` hook).
    pub fn code(self) -> &'static str {
        match self {
            MalbiGrade::One => "1",
            MalbiGrade::TwoA => "2a",
            MalbiGrade::TwoB => "2b",
            MalbiGrade::Three => "3",
        }
    }

    /// The source paper's grouping: 1 and 2a low, 2b and 3 high.
    pub fn paper_group(self) -> MalbiGroup {
        match self {
            MalbiGrade::One | MalbiGrade::TwoA => MalbiGroup::OneOrTwoA,
            MalbiGrade::TwoB | MalbiGrade::Three => MalbiGroup::TwoBOrThree,
        }
    }
}

/// The source paper's mALBI grouping (Tables 1–3: "2b and 3 vs. 1 and 2a").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MalbiGroup {
    OneOrTwoA,
    TwoBOrThree,
}

impl MalbiGroup {
    pub fn label(self) -> &'static str {
        match self {
            MalbiGroup::OneOrTwoA => "mALBI 1–2a",
            MalbiGroup::TwoBOrThree => "mALBI 2b–3",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number_input::parse_number;

    fn score(albumin_g_l: &str, bilirubin_umol_l: &str) -> AlbiScore {
        AlbiScore::from_labs(
            parse_number(albumin_g_l).expect("number"),
            parse_number(bilirubin_umol_l).expect("number"),
        )
    }

    #[test]
    fn score_matches_a_hand_calculation() {
        // Albumin 40 g/L, bilirubin 10 µmol/L:
        // 0.66 × log10(10) − 0.085 × 40 = 0.66 − 3.40 = −2.74.
        assert!((score("40", "10").value() - (-2.74)).abs() < 1e-12);
        // Albumin 31 g/L, bilirubin 23.94 µmol/L (1.4 mg/dL):
        // log10(23.94) = 1.379124...; 0.66 × 1.379124 = 0.910222; 0.085 × 31 = 2.635;
        // 0.910222 − 2.635 = −1.724778.
        assert!((score("31", "23.94").value() - (-1.724_778)).abs() < 1e-6);
    }

    #[test]
    fn the_clinical_md_example_uses_the_published_coefficient() {
        // clinical.md: albumin 38 g/L, bilirubin 9.01 µmol/L gives −2.5999 with −0.085.
        let value = score("38", "9.01").value();
        assert!((value - (-2.5999)).abs() < 5e-5, "{value}");
        assert_eq!(score("38", "9.01").grade(), AlbiGrade::Two);
    }

    #[test]
    fn grade_boundaries_belong_to_the_lower_grade() {
        // clinical.md: grade 1 if score ≤ −2.60; 2 if −2.60 < score ≤ −1.39; 3 above.
        let grade = |s: f64| AlbiScore::from_value(s).grade();
        assert_eq!(grade(-2.60), AlbiGrade::One);
        assert_eq!(grade(-2.599_999_9), AlbiGrade::Two);
        assert_eq!(grade(-1.39), AlbiGrade::Two);
        assert_eq!(grade(-1.389_999_9), AlbiGrade::Three);
        assert_eq!(grade(-4.0), AlbiGrade::One);
        assert_eq!(grade(0.5), AlbiGrade::Three);
    }

    #[test]
    fn malbi_splits_grade_two_at_minus_2_270() {
        // clinical.md: 2a if −2.60 < score ≤ −2.270; 2b if −2.270 < score ≤ −1.39.
        let grade = |s: f64| AlbiScore::from_value(s).malbi_grade();
        assert_eq!(grade(-2.60), MalbiGrade::One);
        assert_eq!(grade(-2.599_999_9), MalbiGrade::TwoA);
        assert_eq!(grade(-2.270), MalbiGrade::TwoA);
        assert_eq!(grade(-2.269_999_9), MalbiGrade::TwoB);
        assert_eq!(grade(-1.39), MalbiGrade::TwoB);
        assert_eq!(grade(-1.389_999_9), MalbiGrade::Three);
    }

    #[test]
    fn the_paper_groups_one_with_two_a_and_two_b_with_three() {
        assert_eq!(MalbiGrade::One.paper_group(), MalbiGroup::OneOrTwoA);
        assert_eq!(MalbiGrade::TwoA.paper_group(), MalbiGroup::OneOrTwoA);
        assert_eq!(MalbiGrade::TwoB.paper_group(), MalbiGroup::TwoBOrThree);
        assert_eq!(MalbiGrade::Three.paper_group(), MalbiGroup::TwoBOrThree);
    }

    #[test]
    fn grading_uses_the_unrounded_score() {
        // −2.603 displays as −2.60 and is grade 1; −2.596 also displays as −2.60
        // but is grade 2: the display must not decide the grade.
        let below = AlbiScore::from_value(-2.603);
        let above = AlbiScore::from_value(-2.596);
        assert_eq!(below.to_string(), "-2.60");
        assert_eq!(above.to_string(), "-2.60");
        assert_eq!(below.grade(), AlbiGrade::One);
        assert_eq!(above.grade(), AlbiGrade::Two);
    }

    #[test]
    fn display_has_two_decimals_and_an_ascii_minus() {
        assert_eq!(AlbiScore::from_value(-2.1149).to_string(), "-2.11");
        assert_eq!(AlbiScore::from_value(-0.001).to_string(), "0.00");
        assert_eq!(AlbiScore::from_value(0.256).to_string(), "0.26");
    }

    #[test]
    fn a_score_just_above_minus_2_60_shows_its_fourth_decimal_near_the_boundary() {
        // −2.59988 rounds to "−2.60" but is grade 2 (−2.60 < s): the precise
        // form must not print as the boundary. Three decimals give −2.600,
        // so a fourth is shown.
        let score = AlbiScore::from_value(-2.59988);
        assert_eq!(score.to_string(), "-2.60");
        assert_eq!(score.grade(), AlbiGrade::Two);
        assert_eq!(score.near_boundary(), Some(GRADE_1_UPPER));
        assert_eq!(score.precise(), "-2.5999");
    }

    #[test]
    fn near_the_2a_2b_and_2_3_boundaries_three_decimals_are_shown() {
        let score = AlbiScore::from_value(-2.2651);
        assert_eq!(score.near_boundary(), Some(GRADE_2A_UPPER));
        assert_eq!(score.precise(), "-2.265");
        let score = AlbiScore::from_value(-1.3849);
        assert_eq!(score.near_boundary(), Some(GRADE_2_UPPER));
        assert_eq!(score.grade(), AlbiGrade::Three);
        assert_eq!(score.precise(), "-1.385");
    }

    #[test]
    fn far_from_every_boundary_there_is_no_note() {
        assert_eq!(AlbiScore::from_value(-1.7248).near_boundary(), None);
        assert_eq!(AlbiScore::from_value(-2.50).near_boundary(), None);
    }

    #[test]
    fn a_score_exactly_on_the_boundary_prints_as_the_boundary() {
        let score = AlbiScore::from_value(GRADE_1_UPPER);
        assert_eq!(score.grade(), AlbiGrade::One);
        assert_eq!(score.precise(), "-2.600");
    }
}

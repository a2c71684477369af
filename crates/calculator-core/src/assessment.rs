//! Everything the calculator derives from one input state, computed once.
//!
//! Each field is validated on its own; a result appears only when every input
//! it depends on is valid, and otherwise says which inputs it is waiting for.

use crate::albi::AlbiScore;
use crate::applicability::Applicability;
use crate::child_pugh::{Ascites, ChildPughParts, ChildPughScore, Encephalopathy};
use crate::decimal::Decimal;
use crate::followup::{check_inr, FollowUp, InrError};
use crate::inputs::{
    BclcStage, ChoiceError, Cirrhosis, EcogStatus, ExtrahepaticDisease, RawInputs, Selection,
    UnitConfirmation,
};
use crate::lab_values::{
    check_albumin, check_bilirubin, check_interleukin, Checked, LabField, LabValueError, LabWarning,
};
use crate::published::{
    km_comparison, CoxEndpoint, CoxModel, Endpoint, HazardRatio, KmComparison, Marker,
    PublishedMedian, RiskFactor, ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L,
};
use crate::units::{AlbuminUnit, BilirubinUnit};
use crate::{ChildPughClass, Group};

/// Whether a risk factor applies to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Present,
    Absent,
    Unknown,
}

impl Presence {
    fn from_flag(flag: Option<bool>) -> Self {
        match flag {
            Some(true) => Presence::Present,
            Some(false) => Presence::Absent,
            None => Presence::Unknown,
        }
    }
}

/// The patient's relative hazard under one published multivariable model:
/// model arithmetic, not a survival estimate (the baseline hazard is not
/// published), so the app shows it folded away, to one decimal, with the
/// range the published rounding allows.
#[derive(Debug, Clone, PartialEq)]
pub enum RelativeHazard {
    /// The product of the published hazard ratios of the factors present,
    /// relative to the model's reference profile (none of its factors).
    Computed {
        value: f64,
        /// The product with every ratio at the low and at the high end of
        /// its printed rounding (2.35 stands for 2.345–2.355).
        rounding_range: (f64, f64),
        /// The factors present and the published ratio each contributes.
        contributions: Vec<(RiskFactor, HazardRatio)>,
    },
    /// A factor of the model is unknown; names the inputs still needed.
    CannotCompute { missing_inputs: Vec<&'static str> },
}

/// Half a unit of the last printed decimal of a published figure: the
/// paper prints 2.35 for anything in [2.345, 2.355).
pub fn rounding_half_width(printed_value: f64) -> f64 {
    let text = crate::published::printed(printed_value);
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    0.5 / 10f64.powi(i32::try_from(decimals).unwrap_or(0))
}

/// A "likely the other unit" question still open for a lab field: the
/// results that use the field wait until the user switches the unit or
/// confirms the value as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitCheck {
    /// The value looks typed in the other unit (a [`LabWarning`] names it).
    LikelyOtherUnit,
    /// Albumin and bilirubin are in different unit systems (g/dL with
    /// µmol/L, or g/L with mg/dL); laboratories report in one system, so
    /// one of them may be wrong even though each value looks plausible.
    MixedSystems {
        albumin: AlbuminUnit,
        bilirubin: BilirubinUnit,
    },
}

impl UnitCheck {
    /// The confirmation that answers this question.
    pub fn confirmation(self, field: LabField) -> UnitConfirmation {
        match (self, field) {
            (UnitCheck::MixedSystems { .. }, _) => UnitConfirmation::Mixed,
            (UnitCheck::LikelyOtherUnit, LabField::Bilirubin) => UnitConfirmation::Bilirubin,
            (UnitCheck::LikelyOtherUnit, _) => UnitConfirmation::Albumin,
        }
    }
}

/// A field of the form and what is wrong with it, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Lab(LabValueError),
    Choice(ChoiceError),
}

/// All results for one input state.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub il6: Result<Checked, LabValueError>,
    pub il8: Result<Checked, LabValueError>,
    pub albumin: Result<Checked, LabValueError>,
    pub bilirubin: Result<Checked, LabValueError>,
    /// The typed unit, when the unit itself is valid (for the other-unit echo).
    pub albumin_unit: Option<AlbuminUnit>,
    pub bilirubin_unit: Option<BilirubinUnit>,
    pub cirrhosis: Result<Option<Cirrhosis>, ChoiceError>,
    pub child_pugh: Result<Option<ChildPughClass>, ChoiceError>,
    pub bclc: Result<Option<BclcStage>, ChoiceError>,
    pub ecog: Result<Option<EcogStatus>, ChoiceError>,
    pub extrahepatic: Result<Option<ExtrahepaticDisease>, ChoiceError>,
    /// Open unit questions; results using the field wait while one stands.
    pub albumin_check: Option<UnitCheck>,
    pub bilirubin_check: Option<UnitCheck>,
    /// Computed only from values whose unit is not in question.
    pub albi: Option<AlbiScore>,
    pub applicability: Applicability,
    /// The Child–Pugh parts the calculator does not ask elsewhere (issue 13).
    pub inr: Result<Option<Decimal>, InrError>,
    pub ascites: Result<Option<Ascites>, ChoiceError>,
    pub encephalopathy: Result<Option<Encephalopathy>, ChoiceError>,
    /// Every part as far as known (bilirubin and albumin: the usable fields).
    pub child_pugh_parts: ChildPughParts,
    /// The class chosen by hand, if any; `child_pugh` is this, or else the
    /// class of the score from the parts.
    pub child_pugh_by_hand: Option<ChildPughClass>,
    /// The bilirubin follow-up after radioembolization.
    pub follow_up: FollowUp,
}

/// A value within this fraction of a cutoff is marked "near the cutoff": a
/// convention of this app for assay imprecision, not the paper's.
pub const NEAR_CUTOFF_PERCENT: u32 = 10;

impl Assessment {
    pub fn new(inputs: &RawInputs) -> Self {
        let albumin_unit = unit_of(LabField::Albumin, &inputs.albumin_unit, &["g/L", "g/dL"]);
        let bilirubin_unit = unit_of(
            LabField::Bilirubin,
            &inputs.bilirubin_unit,
            &["umol/L", "mg/dL"],
        );
        let albumin = albumin_unit.and_then(|unit| check_albumin(&inputs.albumin, unit));
        let bilirubin = bilirubin_unit.and_then(|unit| check_bilirubin(&inputs.bilirubin, unit));
        let (albumin_check, bilirubin_check) = unit_checks(
            inputs,
            &albumin,
            &bilirubin,
            inputs.albumin_unit.chosen(),
            inputs.bilirubin_unit.chosen(),
        );
        let albi = match (&albumin, &bilirubin, albumin_check, bilirubin_check) {
            (Ok(albumin), Ok(bilirubin), None, None) => {
                Some(AlbiScore::from_labs(albumin.value, bilirubin.value))
            }
            _ => None,
        };
        let usable = |checked: &Result<Checked, LabValueError>, check: Option<UnitCheck>| {
            checked
                .as_ref()
                .ok()
                .filter(|_| check.is_none())
                .map(|c| c.value)
        };
        let inr = check_inr(&inputs.inr);
        let ascites = choice_of(&inputs.ascites, &["none", "mild", "moderate"]);
        let encephalopathy = choice_of(&inputs.encephalopathy, &["none", "grade1-2", "grade3-4"]);
        let child_pugh_parts = ChildPughParts {
            bilirubin_umol_l: usable(&bilirubin, bilirubin_check),
            albumin_g_l: usable(&albumin, albumin_check),
            inr: inr.clone().ok().flatten(),
            ascites: ascites.clone().ok().flatten(),
            encephalopathy: encephalopathy.clone().ok().flatten(),
        };
        let by_hand = choice_of(&inputs.child_pugh, &["A", "B7", "B8-9", "C"]);
        let child_pugh_by_hand = by_hand.clone().ok().flatten();
        // The score fills the class unless one was chosen by hand (or the
        // link's choice is unreadable, which the field says).
        let child_pugh = match (by_hand, child_pugh_parts.score()) {
            (Ok(None), Some(score)) => Ok(Some(score.class())),
            (by_hand, _) => by_hand,
        };
        let follow_up = FollowUp::new(
            &inputs.uln,
            &inputs.follow_up,
            inputs.bilirubin_unit.chosen(),
            usable(&bilirubin, bilirubin_check),
            inputs.is_confirmed(UnitConfirmation::Uln),
        );
        Assessment {
            applicability: Applicability::judge(inputs, child_pugh.clone().ok().flatten()),
            child_pugh,
            inr,
            ascites,
            encephalopathy,
            child_pugh_parts,
            child_pugh_by_hand,
            follow_up,
            il6: check_interleukin(&inputs.il6),
            il8: check_interleukin(&inputs.il8),
            albumin,
            bilirubin,
            albumin_unit: inputs.albumin_unit.chosen(),
            bilirubin_unit: inputs.bilirubin_unit.chosen(),
            cirrhosis: choice_of(&inputs.cirrhosis, &["yes", "no"]),
            bclc: choice_of(&inputs.bclc, &["B", "C", "other"]),
            ecog: choice_of(&inputs.ecog, &["0", "1", "2", "3"]),
            extrahepatic: choice_of(
                &inputs.extrahepatic,
                &["none", "liver-dominant", "lung-or-not-liver-dominant"],
            ),
            albumin_check,
            bilirubin_check,
            albi,
        }
    }

    /// The score from the five parts, when every part is known.
    pub fn child_pugh_score(&self) -> Option<ChildPughScore> {
        self.child_pugh_parts.score()
    }

    /// The class chosen by hand and the score's, when both exist and differ
    /// (a "B" without points agrees with any B score).
    pub fn child_pugh_disagreement(&self) -> Option<(ChildPughClass, ChildPughScore)> {
        let chosen = self.child_pugh_by_hand?;
        let score = self.child_pugh_score()?;
        let agrees = chosen == score.class()
            || (chosen == ChildPughClass::BUnspecified && score.letter() == 'B');
        (!agrees).then_some((chosen, score))
    }

    /// The open unit question of `field`, if any.
    pub fn unit_check(&self, field: LabField) -> Option<UnitCheck> {
        match field {
            LabField::Albumin => self.albumin_check,
            LabField::Bilirubin => self.bilirubin_check,
            LabField::Il6 | LabField::Il8 => None,
        }
    }

    /// The value of `field` for results: valid, and its unit not in question.
    pub fn usable(&self, field: LabField) -> Option<Decimal> {
        if self.unit_check(field).is_some() {
            return None;
        }
        self.lab(field).as_ref().ok().map(|checked| checked.value)
    }

    /// Whether `marker`'s valid value lies within [`NEAR_CUTOFF_PERCENT`] of
    /// its cutoff (inclusive), where assay imprecision could move it across.
    pub fn near_cutoff(&self, marker: Marker) -> bool {
        let checked = match marker {
            Marker::Il6 => &self.il6,
            Marker::Il8 => &self.il8,
        };
        let Ok(checked) = checked else {
            return false;
        };
        let (lower, upper) = near_cutoff_band(marker);
        lower <= checked.value && checked.value <= upper
    }

    pub fn lab(&self, field: LabField) -> &Result<Checked, LabValueError> {
        match field {
            LabField::Il6 => &self.il6,
            LabField::Il8 => &self.il8,
            LabField::Albumin => &self.albumin,
            LabField::Bilirubin => &self.bilirubin,
        }
    }

    /// The patient's group for `marker`, when its value is valid.
    pub fn group(&self, marker: Marker) -> Option<Group> {
        let checked = match marker {
            Marker::Il6 => &self.il6,
            Marker::Il8 => &self.il8,
        };
        checked.as_ref().ok().map(|c| marker.group(c.value))
    }

    /// Whether `factor` applies, as the paper defines it.
    pub fn presence(&self, factor: RiskFactor) -> Presence {
        let flag = match factor {
            RiskFactor::Il6High => self.group(Marker::Il6).map(|g| g == Group::High),
            RiskFactor::Il8High => self.group(Marker::Il8).map(|g| g == Group::High),
            RiskFactor::Cirrhosis => self
                .cirrhosis
                .as_ref()
                .ok()
                .copied()
                .flatten()
                .map(|c| c == Cirrhosis::Yes),
            RiskFactor::ChildPughB => self
                .child_pugh
                .as_ref()
                .ok()
                .copied()
                .flatten()
                .map(ChildPughClass::is_class_b),
            RiskFactor::AlbuminBelow36 => self
                .usable(LabField::Albumin)
                .map(|value| value < ALBUMIN_CUTOFF_G_L),
            RiskFactor::Bilirubin17OrMore => self
                .usable(LabField::Bilirubin)
                .map(|value| value >= BILIRUBIN_CUTOFF_UMOL_L),
            RiskFactor::MalbiTwoBOrThree => self.albi.map(|score| {
                score.malbi_grade().paper_group() == crate::albi::MalbiGroup::TwoBOrThree
            }),
        };
        Presence::from_flag(flag)
    }

    /// The product of the published hazard ratios of `model` for the factors
    /// the patient has, or the inputs still needed.
    pub fn relative_hazard(&self, endpoint: CoxEndpoint, model: CoxModel) -> RelativeHazard {
        let mut contributions = Vec::new();
        let mut missing_inputs: Vec<&'static str> = Vec::new();
        for row in endpoint.rows() {
            let Some(hazard_ratio) = row.in_model(model) else {
                continue;
            };
            match self.presence(row.factor) {
                Presence::Present => contributions.push((row.factor, hazard_ratio)),
                Presence::Absent => {}
                Presence::Unknown => {
                    for input in row.factor.inputs() {
                        if !missing_inputs.contains(input) {
                            missing_inputs.push(input);
                        }
                    }
                }
            }
        }
        if missing_inputs.is_empty() {
            let product = |shift: f64| -> f64 {
                contributions
                    .iter()
                    .map(|(_, hr)| hr.estimate + shift * rounding_half_width(hr.estimate))
                    .product()
            };
            RelativeHazard::Computed {
                value: product(0.0),
                rounding_range: (product(-1.0), product(1.0)),
                contributions,
            }
        } else {
            RelativeHazard::CannotCompute { missing_inputs }
        }
    }

    /// The published median of `endpoint` for the patient's `marker` group.
    pub fn published_median(
        &self,
        endpoint: Endpoint,
        marker: Marker,
    ) -> Option<(Group, PublishedMedian, &'static KmComparison)> {
        let group = self.group(marker)?;
        let comparison = km_comparison(endpoint, marker);
        let median = match group {
            Group::Low => comparison.low,
            Group::High => comparison.high,
        };
        Some((group, median, comparison))
    }

    /// The error to show next to each field, in form order.
    pub fn cirrhosis_error(&self) -> Option<FieldError> {
        self.cirrhosis.clone().err().map(FieldError::Choice)
    }

    pub fn child_pugh_error(&self) -> Option<FieldError> {
        self.child_pugh.clone().err().map(FieldError::Choice)
    }

    pub fn bclc_error(&self) -> Option<FieldError> {
        self.bclc.clone().err().map(FieldError::Choice)
    }

    pub fn ecog_error(&self) -> Option<FieldError> {
        self.ecog.clone().err().map(FieldError::Choice)
    }

    pub fn extrahepatic_error(&self) -> Option<FieldError> {
        self.extrahepatic.clone().err().map(FieldError::Choice)
    }
}

/// The inclusive band of values within [`NEAR_CUTOFF_PERCENT`] of `marker`'s
/// cutoff, exact in decimal: IL6 6.53 ± 0.653 = 5.877–7.183 pg/mL; IL8
/// 60.8 ± 6.08 = 54.72–66.88 pg/mL.
pub fn near_cutoff_band(marker: Marker) -> (Decimal, Decimal) {
    match marker {
        Marker::Il6 => (Decimal::new(5_877, 3), Decimal::new(7_183, 3)),
        Marker::Il8 => (Decimal::new(5_472, 2), Decimal::new(6_688, 2)),
    }
}

/// The open unit question of albumin and of bilirubin. A "likely the other
/// unit" warning asks about its own field; a mixed pair of unit systems asks
/// about both (one confirmation answers it). Each is closed by switching the
/// unit or by its confirmation in the inputs.
fn unit_checks(
    inputs: &RawInputs,
    albumin: &Result<Checked, LabValueError>,
    bilirubin: &Result<Checked, LabValueError>,
    albumin_unit: Option<AlbuminUnit>,
    bilirubin_unit: Option<BilirubinUnit>,
) -> (Option<UnitCheck>, Option<UnitCheck>) {
    let likely_other = |checked: &Result<Checked, LabValueError>, confirmation| {
        let suspicious = checked.as_ref().is_ok_and(|c| {
            c.warnings.iter().any(|w| {
                matches!(
                    w,
                    LabWarning::AlbuminLikelyInUnit(_) | LabWarning::BilirubinLikelyInUnit(_)
                )
            })
        });
        (suspicious && !inputs.is_confirmed(confirmation)).then_some(UnitCheck::LikelyOtherUnit)
    };
    let mut albumin_check = likely_other(albumin, UnitConfirmation::Albumin);
    let mut bilirubin_check = likely_other(bilirubin, UnitConfirmation::Bilirubin);
    if let (Ok(_), Ok(_), Some(albumin_unit), Some(bilirubin_unit)) =
        (albumin, bilirubin, albumin_unit, bilirubin_unit)
    {
        let mixed = matches!(
            (albumin_unit, bilirubin_unit),
            (
                AlbuminUnit::GramsPerDecilitre,
                BilirubinUnit::MicromolesPerLitre
            ) | (
                AlbuminUnit::GramsPerLitre,
                BilirubinUnit::MilligramsPerDecilitre
            )
        );
        if mixed && !inputs.is_confirmed(UnitConfirmation::Mixed) {
            let check = UnitCheck::MixedSystems {
                albumin: albumin_unit,
                bilirubin: bilirubin_unit,
            };
            albumin_check = albumin_check.or(Some(check));
            bilirubin_check = bilirubin_check.or(Some(check));
        }
    }
    (albumin_check, bilirubin_check)
}

fn unit_of<U: Copy>(
    field: LabField,
    selection: &Selection<U>,
    expected: &'static [&'static str],
) -> Result<U, LabValueError> {
    match selection {
        Selection::Chosen(unit) => Ok(*unit),
        Selection::Unknown => Err(LabValueError::UnknownUnit {
            field,
            given: String::new(),
            expected,
        }),
        Selection::Invalid(given) => Err(LabValueError::UnknownUnit {
            field,
            given: given.clone(),
            expected,
        }),
    }
}

fn choice_of<T: Copy>(
    selection: &Selection<T>,
    expected: &'static [&'static str],
) -> Result<Option<T>, ChoiceError> {
    match selection {
        Selection::Unknown => Ok(None),
        Selection::Chosen(value) => Ok(Some(*value)),
        Selection::Invalid(given) => Err(ChoiceError {
            given: given.clone(),
            expected,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::albi::{AlbiGrade, MalbiGrade};

    fn inputs(il6: &str, il8: &str, albumin: &str, bilirubin: &str) -> RawInputs {
        RawInputs {
            il6: il6.to_owned(),
            il8: il8.to_owned(),
            albumin: albumin.to_owned(),
            bilirubin: bilirubin.to_owned(),
            ..RawInputs::default()
        }
    }

    #[test]
    fn il6_at_the_cutoff_is_low_and_just_above_is_high() {
        // Tables 2 and 3: "IL6 (> 6.53 pg/mL)" — strictly above is high.
        let group = |text: &str| Assessment::new(&inputs(text, "", "", "")).group(Marker::Il6);
        assert_eq!(group("6.53"), Some(Group::Low));
        assert_eq!(group("6,53"), Some(Group::Low));
        assert_eq!(group("6.54"), Some(Group::High));
        assert_eq!(group("6.5300001"), Some(Group::High));
        assert_eq!(group("0"), Some(Group::Low));
        assert_eq!(group("x"), None);
    }

    #[test]
    fn il8_at_the_cutoff_is_low_and_just_above_is_high() {
        // Tables 2 and 3: "IL8 (> 60.8 pg/mL)".
        let group = |text: &str| Assessment::new(&inputs("", text, "", "")).group(Marker::Il8);
        assert_eq!(group("60.8"), Some(Group::Low));
        assert_eq!(group("60.80"), Some(Group::Low));
        assert_eq!(group("60.81"), Some(Group::High));
        assert_eq!(group("61"), Some(Group::High));
    }

    #[test]
    fn albumin_below_36_and_bilirubin_17_or_more_follow_the_tables() {
        // Tables 1–3: albumin < 36 g/L; total bilirubin ≥ 17 µmol/L.
        let a = Assessment::new(&inputs("", "", "36", "17"));
        assert_eq!(a.presence(RiskFactor::AlbuminBelow36), Presence::Absent);
        assert_eq!(a.presence(RiskFactor::Bilirubin17OrMore), Presence::Present);
        let b = Assessment::new(&inputs("", "", "35.9", "16.9"));
        assert_eq!(b.presence(RiskFactor::AlbuminBelow36), Presence::Present);
        assert_eq!(b.presence(RiskFactor::Bilirubin17OrMore), Presence::Absent);
    }

    #[test]
    fn albumin_three_point_six_g_per_dl_is_exactly_the_cutoff() {
        let mut raw = inputs("", "", "3.6", "");
        raw.albumin_unit = Selection::Chosen(AlbuminUnit::GramsPerDecilitre);
        let a = Assessment::new(&raw);
        assert_eq!(a.presence(RiskFactor::AlbuminBelow36), Presence::Absent);
    }

    #[test]
    fn the_issue_example_link_gives_the_hand_calculated_albi() {
        // albumin 3.1 g/dL = 31 g/L; bilirubin 1.4 mg/dL = 23.94 µmol/L.
        // ALBI = 0.66 × log10(23.94) − 0.085 × 31 = 0.910222 − 2.635 = −1.7248
        // → shown −1.72, ALBI grade 2 (−2.60 < s ≤ −1.39), mALBI 2b (> −2.270).
        let mut raw = inputs("12.4", "85.2", "3.1", "1.4");
        raw.albumin_unit = Selection::Chosen(AlbuminUnit::GramsPerDecilitre);
        raw.bilirubin_unit = Selection::Chosen(BilirubinUnit::MilligramsPerDecilitre);
        let a = Assessment::new(&raw);
        let albi = a.albi.expect("albi computed");
        assert_eq!(albi.to_string(), "-1.72");
        assert_eq!(albi.grade(), AlbiGrade::Two);
        assert_eq!(albi.malbi_grade(), MalbiGrade::TwoB);
        assert_eq!(a.presence(RiskFactor::MalbiTwoBOrThree), Presence::Present);
    }

    #[test]
    fn an_invalid_field_blocks_only_what_depends_on_it() {
        let a = Assessment::new(&inputs("12", "abc", "40", "-1"));
        assert_eq!(a.group(Marker::Il6), Some(Group::High));
        assert_eq!(a.group(Marker::Il8), None);
        assert!(a.albumin.is_ok());
        assert!(a.bilirubin.is_err());
        assert_eq!(a.albi, None);
        assert_eq!(a.presence(RiskFactor::AlbuminBelow36), Presence::Absent);
        assert_eq!(a.presence(RiskFactor::MalbiTwoBOrThree), Presence::Unknown);
    }

    #[test]
    fn model_one_overall_survival_needs_cirrhosis_and_child_pugh() {
        let a = Assessment::new(&inputs("12", "30", "40", "10"));
        assert_eq!(
            a.relative_hazard(CoxEndpoint::OverallSurvival, CoxModel::Model1),
            RelativeHazard::CannotCompute {
                missing_inputs: vec!["cirrhosis", "Child–Pugh class"]
            }
        );
        // Liver dysfunction models use neither, so they compute: IL6 high only.
        assert_eq!(
            a.relative_hazard(CoxEndpoint::LiverDysfunction, CoxModel::Model1),
            RelativeHazard::Computed {
                value: 2.67,
                rounding_range: (2.665, 2.675),
                contributions: vec![(
                    RiskFactor::Il6High,
                    CoxEndpoint::LiverDysfunction
                        .row(RiskFactor::Il6High)
                        .and_then(|row| row.model1)
                        .expect("Table 3 Model 1 has IL6")
                )]
            }
        );
    }

    #[test]
    fn relative_hazard_is_the_product_of_the_published_ratios_present() {
        // IL6 high, IL8 high, cirrhosis yes, Child–Pugh A, albumin 31 g/L (< 36),
        // bilirubin 23.94 µmol/L (≥ 17), mALBI 2b.
        // OS Model 1 (Table 2): 2.35 × 1.32 × 2.33 × 0.68 × 1.71 = 8.404323048
        //   2.35 × 1.32 = 3.102; × 2.33 = 7.22766; × 0.68 = 4.9148088; × 1.71 = 8.404323048.
        // OS Model 2: 2.2 × 1.2 × 2.4 × 1.13 = 7.15968.
        // Liver dysfunction Model 1 (Table 3): 2.67 × 1.41 × 3.73 = 14.042331.
        // Liver dysfunction Model 2: 2.5 × 3.1 = 7.75.
        let mut raw = inputs("12.4", "85.2", "3.1", "1.4");
        raw.albumin_unit = Selection::Chosen(AlbuminUnit::GramsPerDecilitre);
        raw.bilirubin_unit = Selection::Chosen(BilirubinUnit::MilligramsPerDecilitre);
        raw.cirrhosis = Selection::Chosen(Cirrhosis::Yes);
        raw.child_pugh = Selection::Chosen(ChildPughClass::A);
        let a = Assessment::new(&raw);
        let value = |endpoint, model| match a.relative_hazard(endpoint, model) {
            RelativeHazard::Computed { value, .. } => value,
            other => panic!("expected a value, got {other:?}"),
        };
        let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
        assert!(close(
            value(CoxEndpoint::OverallSurvival, CoxModel::Model1),
            8.404_323_048
        ));
        assert!(close(
            value(CoxEndpoint::OverallSurvival, CoxModel::Model2),
            7.159_68
        ));
        assert!(close(
            value(CoxEndpoint::LiverDysfunction, CoxModel::Model1),
            14.042_331
        ));
        assert!(close(
            value(CoxEndpoint::LiverDysfunction, CoxModel::Model2),
            7.75
        ));
    }

    #[test]
    fn the_reference_profile_has_relative_hazard_one() {
        let mut raw = inputs("2", "10", "45", "8");
        raw.cirrhosis = Selection::Chosen(Cirrhosis::No);
        raw.child_pugh = Selection::Chosen(ChildPughClass::A);
        let a = Assessment::new(&raw);
        for endpoint in CoxEndpoint::ALL {
            for model in CoxModel::ALL {
                assert_eq!(
                    a.relative_hazard(endpoint, model),
                    RelativeHazard::Computed {
                        value: 1.0,
                        rounding_range: (1.0, 1.0),
                        contributions: vec![]
                    }
                );
            }
        }
    }

    #[test]
    fn published_medians_follow_the_patients_group() {
        let a = Assessment::new(&inputs("12.4", "30", "", ""));
        let (group, median, _) = a
            .published_median(Endpoint::OverallSurvival, Marker::Il6)
            .expect("IL6 valid");
        assert_eq!(group, Group::High);
        assert_eq!(median.months, 7.8);
        assert_eq!(median.ci, Some((6.6, 11.8)));
        let (group, median, _) = a
            .published_median(Endpoint::TimeToLiverDysfunction, Marker::Il8)
            .expect("IL8 valid");
        assert_eq!(group, Group::Low);
        assert_eq!(median.months, 30.4);
    }

    #[test]
    fn a_bad_choice_from_a_link_is_an_error_not_unknown() {
        let raw = RawInputs {
            cirrhosis: Selection::Invalid("maybe".to_owned()),
            albumin_unit: Selection::Invalid("kg".to_owned()),
            albumin: "40".to_owned(),
            ..RawInputs::default()
        };
        let a = Assessment::new(&raw);
        assert!(a.cirrhosis_error().is_some());
        assert!(matches!(a.albumin, Err(LabValueError::UnknownUnit { .. })));
        assert_eq!(a.presence(RiskFactor::Cirrhosis), Presence::Unknown);
    }

    fn computed(a: &Assessment, endpoint: CoxEndpoint, model: CoxModel) -> (f64, (f64, f64)) {
        match a.relative_hazard(endpoint, model) {
            RelativeHazard::Computed {
                value,
                rounding_range,
                ..
            } => (value, rounding_range),
            other => panic!("expected a value, got {other:?}"),
        }
    }

    #[test]
    fn the_product_carries_the_range_its_published_rounding_allows() {
        // OS Model 1 (Table 2) with every factor present but albumin:
        // IL6 2.35, IL8 1.32, cirrhosis 2.33, Child–Pugh B 2.91, bilirubin 1.71,
        // each printed to 2 decimals, so each stands for ± 0.005.
        // value = 2.35 × 1.32 × 2.33 × 2.91 × 1.71 (2.35×1.32 = 3.102;
        //   × 2.33 = 7.22766; × 2.91 = 21.0324906; × 1.71 = 35.96555893)
        // low  = 2.345 × 1.315 × 2.325 × 2.905 × 1.705 = 35.49...
        // high = 2.355 × 1.325 × 2.335 × 2.915 × 1.715 = 36.44...
        let raw = parse("il6=12&il8=85&albumin=40&bilirubin=20&cirrhosis=yes&child_pugh=B7");
        let (value, (low, high)) = computed(
            &Assessment::new(&raw),
            CoxEndpoint::OverallSurvival,
            CoxModel::Model1,
        );
        assert!((value - 35.965_558_93).abs() < 1e-6, "{value}");
        let expected_low = 2.345 * 1.315 * 2.325 * 2.905 * 1.705;
        let expected_high = 2.355 * 1.325 * 2.335 * 2.915 * 1.715;
        assert!((low - expected_low).abs() < 1e-9 && (high - expected_high).abs() < 1e-9);
        assert!(low < value && value < high);
        // A ratio printed to one decimal (Model 2's 2.2) stands for ± 0.05.
        assert_eq!(rounding_half_width(2.2), 0.05);
        assert_eq!(rounding_half_width(2.35), 0.005);
        assert_eq!(rounding_half_width(2.0), 0.05);
    }

    fn parse(fragment: &str) -> RawInputs {
        crate::fragment::parse_fragment(fragment)
    }

    #[test]
    fn any_child_pugh_b_is_the_models_b_and_c_is_not_b() {
        for code in ["B7", "B8-9", "B"] {
            let a = Assessment::new(&parse(&format!("child_pugh={code}")));
            assert_eq!(
                a.presence(RiskFactor::ChildPughB),
                Presence::Present,
                "{code}"
            );
        }
        let a = Assessment::new(&parse("child_pugh=C"));
        assert_eq!(a.presence(RiskFactor::ChildPughB), Presence::Absent);
        assert!(a.applicability.is_outside());
    }

    #[test]
    fn albumin_3_1_left_at_g_per_l_gives_no_albi_until_the_unit_is_settled() {
        // 3.1 "g/L" would give ALBI 0.66·log10(10) − 0.085·3.1 = 0.3965 (grade 3).
        let a = Assessment::new(&parse("albumin=3.1&bilirubin=10"));
        assert_eq!(a.albumin_check, Some(UnitCheck::LikelyOtherUnit));
        assert_eq!(a.albi, None);
        assert_eq!(a.presence(RiskFactor::AlbuminBelow36), Presence::Unknown);
        assert_eq!(a.presence(RiskFactor::MalbiTwoBOrThree), Presence::Unknown);
        // The bilirubin is not in question: its factor is still placed.
        assert_eq!(a.presence(RiskFactor::Bilirubin17OrMore), Presence::Absent);
        // Confirming the value as typed releases the results.
        let confirmed = Assessment::new(&parse("albumin=3.1&bilirubin=10&unit_confirmed=albumin"));
        assert_eq!(confirmed.albumin_check, None);
        assert!(confirmed.albi.is_some());
        // Switching the unit releases them too: 3.1 g/dL = 31 g/L.
        let switched = Assessment::new(&parse(
            "albumin=3.1&albumin_unit=g/dL&bilirubin=0.6&bilirubin_unit=mg/dL",
        ));
        assert_eq!(
            (switched.albumin_check, switched.bilirubin_check),
            (None, None)
        );
        assert_eq!(
            switched.presence(RiskFactor::AlbuminBelow36),
            Presence::Present
        );
    }

    #[test]
    fn a_normal_looking_bilirubin_in_micromoles_beside_albumin_in_g_per_dl_is_asked_once() {
        // Bilirubin 5 typed from a mg/dL report (85.5 µmol/L) with µmol/L selected
        // looks normal; only the mixed unit systems reveal it.
        let raw = parse("albumin=3.1&albumin_unit=g/dL&bilirubin=5");
        let a = Assessment::new(&raw);
        let mixed = Some(UnitCheck::MixedSystems {
            albumin: AlbuminUnit::GramsPerDecilitre,
            bilirubin: BilirubinUnit::MicromolesPerLitre,
        });
        assert_eq!((a.albumin_check, a.bilirubin_check), (mixed, mixed));
        assert_eq!(a.albi, None);
        assert_eq!(a.presence(RiskFactor::Bilirubin17OrMore), Presence::Unknown);
        // One confirmation answers both fields.
        let mut confirmed = raw.clone();
        confirmed.unit_confirmed.push(UnitConfirmation::Mixed);
        let a = Assessment::new(&confirmed);
        assert_eq!((a.albumin_check, a.bilirubin_check), (None, None));
        assert!(a.albi.is_some());
        // g/L with mg/dL is mixed too; one system is not.
        let a = Assessment::new(&parse("albumin=35&bilirubin=1.2&bilirubin_unit=mg/dL"));
        assert!(matches!(
            a.bilirubin_check,
            Some(UnitCheck::MixedSystems { .. })
        ));
        let a = Assessment::new(&parse("albumin=35&bilirubin=12"));
        assert_eq!((a.albumin_check, a.bilirubin_check), (None, None));
    }

    #[test]
    fn values_within_ten_percent_of_a_cutoff_are_near_it() {
        // IL6 6.53 × 0.9 = 5.877, × 1.1 = 7.183; IL8 60.8 × 0.9 = 54.72, × 1.1 = 66.88.
        let near = |il6: &str, il8: &str| {
            let a = Assessment::new(&inputs(il6, il8, "", ""));
            (a.near_cutoff(Marker::Il6), a.near_cutoff(Marker::Il8))
        };
        // (Three decimals after a non-zero integer are ambiguous with thousands
        // grouping, so the band's ends are typed with a fourth.)
        assert_eq!(near("5.8770", "54.72"), (true, true));
        assert_eq!(near("5.8769", "54.71"), (false, false));
        assert_eq!(near("7.1830", "66.88"), (true, true));
        assert_eq!(near("7.1831", "66.89"), (false, false));
        assert_eq!(near("6.53", "60.8"), (true, true));
        assert_eq!(near("", "x"), (false, false));
        for marker in Marker::ALL {
            let (low, high) = near_cutoff_band(marker);
            let cutoff = marker.cutoff_pg_ml().to_f64();
            assert!((low.to_f64() - 0.9 * cutoff).abs() < 1e-12);
            assert!((high.to_f64() - 1.1 * cutoff).abs() < 1e-12);
        }
    }

    #[test]
    fn the_child_pugh_score_from_parts_fills_the_class_and_applicability() {
        // Bilirubin 2.5 mg/dL = 42.75 µmol/L (2 points), albumin 3.0 g/dL =
        // 30 g/L (2), INR 1.2 (1), mild ascites (2), no encephalopathy (1):
        // 8 points, B8, outside SORAMIC (eligibility A to B7).
        let a = Assessment::new(&parse(
            "albumin=3.0&albumin_unit=g/dL&bilirubin=2.5&bilirubin_unit=mg/dL&inr=1,2&ascites=mild&encephalopathy=none",
        ));
        let score = a.child_pugh_score().expect("every part known");
        assert_eq!(score.label(), "B8");
        assert_eq!(a.child_pugh, Ok(Some(ChildPughClass::B8To9)));
        assert_eq!(a.child_pugh_by_hand, None);
        assert!(a.applicability.is_outside());
        assert_eq!(a.presence(RiskFactor::ChildPughB), Presence::Present);
    }

    #[test]
    fn a_class_chosen_by_hand_wins_and_a_disagreement_is_reported() {
        // Same parts, 8 points; A chosen by hand.
        let a = Assessment::new(&parse(
            "albumin=30&bilirubin=42.75&inr=1.2&ascites=mild&encephalopathy=none&child_pugh=A",
        ));
        assert_eq!(a.child_pugh, Ok(Some(ChildPughClass::A)));
        let (chosen, score) = a.child_pugh_disagreement().expect("they differ");
        assert_eq!((chosen, score.total()), (ChildPughClass::A, 8));
        // "B" without points agrees with a B score.
        let b = Assessment::new(&parse(
            "albumin=30&bilirubin=42.75&inr=1.2&ascites=mild&encephalopathy=none&child_pugh=B",
        ));
        assert_eq!(b.child_pugh_disagreement(), None);
    }

    #[test]
    fn a_bilirubin_waiting_for_its_unit_leaves_the_score_unknown() {
        // Bilirubin 1.5 with µmol/L selected asks whether it is mg/dL.
        let a = Assessment::new(&parse(
            "albumin=40&bilirubin=1.5&inr=1&ascites=none&encephalopathy=none",
        ));
        assert!(a.unit_check(LabField::Bilirubin).is_some());
        assert_eq!(a.child_pugh_score(), None);
        assert_eq!(a.child_pugh, Ok(None));
    }

    #[test]
    fn the_follow_up_grades_against_the_calculators_baseline() {
        // Baseline 30 µmol/L above ULN 21: graded against the baseline;
        // 46 > 1.5 × 30 = 45: grade 2 at 2 months.
        let a = Assessment::new(&parse("bilirubin=30&uln=21&fu=44@1;46@2"));
        assert_eq!(
            a.follow_up.reference(),
            Some(crate::ctcae::Reference::Baseline)
        );
        assert_eq!(a.follow_up.grade(0).map(|g| g.value()), Some(1));
        assert_eq!(
            a.follow_up.outcome().map(|o| o.months()),
            Some(Decimal::new(2, 0))
        );
    }
}

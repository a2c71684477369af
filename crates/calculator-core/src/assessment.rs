//! Everything the calculator derives from one input state, computed once.
//!
//! Each field is validated on its own; a result appears only when every input
//! it depends on is valid, and otherwise says which inputs it is waiting for.

use crate::albi::AlbiScore;
use crate::decimal::Decimal;
use crate::inputs::{ChildPughClass, ChoiceError, Cirrhosis, RawInputs, Selection};
use crate::lab_values::{
    check_albumin, check_bilirubin, check_interleukin, Checked, LabField, LabValueError,
};
use crate::published::{
    km_comparison, CoxEndpoint, CoxModel, KmComparison, KmEndpoint, Marker, PublishedMedian,
    RiskFactor, ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L,
};
use crate::units::{AlbuminUnit, BilirubinUnit};

/// Low or high against a published interleukin cutoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BiomarkerGroup {
    Low,
    High,
}

impl BiomarkerGroup {
    /// High means strictly above the cutoff (Tables 2 and 3: "> 6.53 pg/mL"),
    /// so a value equal to the cutoff is low.
    pub fn classify(value_pg_ml: Decimal, cutoff_pg_ml: Decimal) -> Self {
        if value_pg_ml > cutoff_pg_ml {
            BiomarkerGroup::High
        } else {
            BiomarkerGroup::Low
        }
    }

    /// `high` or `low` (the `il6-group` and `il8-group` hooks).
    pub fn code(self) -> &'static str {
        match self {
            BiomarkerGroup::Low => "low",
            BiomarkerGroup::High => "high",
        }
    }
}

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

/// The patient's relative hazard under one published multivariable model.
#[derive(Debug, Clone, PartialEq)]
pub enum RelativeHazard {
    /// The product of the published hazard ratios of the factors present,
    /// relative to a patient with none of the model's factors. No CI: the
    /// paper publishes no covariance matrix.
    Computed {
        value: f64,
        /// The factors present and the hazard ratio each contributes.
        contributions: Vec<(RiskFactor, f64)>,
    },
    /// A factor of the model is unknown; names the inputs still needed.
    CannotCompute { missing_inputs: Vec<&'static str> },
}

/// A field of the form and what is wrong with it, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Lab(LabValueError),
    Choice(ChoiceError),
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldError::Lab(error) => write!(f, "{error}"),
            FieldError::Choice(error) => write!(f, "{error}"),
        }
    }
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
    pub albi: Option<AlbiScore>,
}

impl Assessment {
    pub fn new(inputs: &RawInputs) -> Self {
        let albumin_unit = unit_of(&inputs.albumin_unit, "g/L or g/dL");
        let bilirubin_unit = unit_of(&inputs.bilirubin_unit, "umol/L or mg/dL");
        let albumin = albumin_unit.and_then(|unit| check_albumin(&inputs.albumin, unit));
        let bilirubin = bilirubin_unit.and_then(|unit| check_bilirubin(&inputs.bilirubin, unit));
        let albi = match (&albumin, &bilirubin) {
            (Ok(albumin), Ok(bilirubin)) => {
                Some(AlbiScore::from_labs(albumin.value, bilirubin.value))
            }
            _ => None,
        };
        Assessment {
            il6: check_interleukin(&inputs.il6),
            il8: check_interleukin(&inputs.il8),
            albumin,
            bilirubin,
            albumin_unit: inputs.albumin_unit.chosen(),
            bilirubin_unit: inputs.bilirubin_unit.chosen(),
            cirrhosis: choice_of(&inputs.cirrhosis, "yes or no"),
            child_pugh: choice_of(&inputs.child_pugh, "A or B"),
            albi,
        }
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
    pub fn group(&self, marker: Marker) -> Option<BiomarkerGroup> {
        let checked = match marker {
            Marker::Il6 => &self.il6,
            Marker::Il8 => &self.il8,
        };
        checked
            .as_ref()
            .ok()
            .map(|c| BiomarkerGroup::classify(c.value, marker.cutoff_pg_ml()))
    }

    /// Whether `factor` applies, as the paper defines it.
    pub fn presence(&self, factor: RiskFactor) -> Presence {
        let flag = match factor {
            RiskFactor::Il6High => self.group(Marker::Il6).map(|g| g == BiomarkerGroup::High),
            RiskFactor::Il8High => self.group(Marker::Il8).map(|g| g == BiomarkerGroup::High),
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
                .map(|c| c == ChildPughClass::B),
            RiskFactor::AlbuminBelow36 => self
                .albumin
                .as_ref()
                .ok()
                .map(|c| c.value < ALBUMIN_CUTOFF_G_L),
            RiskFactor::Bilirubin17OrMore => self
                .bilirubin
                .as_ref()
                .ok()
                .map(|c| c.value >= BILIRUBIN_CUTOFF_UMOL_L),
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
                Presence::Present => contributions.push((row.factor, hazard_ratio.estimate)),
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
            RelativeHazard::Computed {
                value: contributions.iter().map(|(_, hr)| hr).product(),
                contributions,
            }
        } else {
            RelativeHazard::CannotCompute { missing_inputs }
        }
    }

    /// The published median of `endpoint` for the patient's `marker` group.
    pub fn published_median(
        &self,
        endpoint: KmEndpoint,
        marker: Marker,
    ) -> Option<(BiomarkerGroup, PublishedMedian, &'static KmComparison)> {
        let group = self.group(marker)?;
        let comparison = km_comparison(endpoint, marker);
        let median = match group {
            BiomarkerGroup::Low => comparison.low,
            BiomarkerGroup::High => comparison.high,
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
}

fn unit_of<U: Copy>(selection: &Selection<U>, expected: &'static str) -> Result<U, LabValueError> {
    match selection {
        Selection::Chosen(unit) => Ok(*unit),
        Selection::Unknown => Err(LabValueError::UnknownUnit {
            given: String::new(),
            expected: expected.to_owned(),
        }),
        Selection::Invalid(given) => Err(LabValueError::UnknownUnit {
            given: given.clone(),
            expected: expected.to_owned(),
        }),
    }
}

fn choice_of<T: Copy>(
    selection: &Selection<T>,
    expected: &'static str,
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
        assert_eq!(group("6.53"), Some(BiomarkerGroup::Low));
        assert_eq!(group("6,53"), Some(BiomarkerGroup::Low));
        assert_eq!(group("6.54"), Some(BiomarkerGroup::High));
        assert_eq!(group("6.5300001"), Some(BiomarkerGroup::High));
        assert_eq!(group("0"), Some(BiomarkerGroup::Low));
        assert_eq!(group("x"), None);
    }

    #[test]
    fn il8_at_the_cutoff_is_low_and_just_above_is_high() {
        // Tables 2 and 3: "IL8 (> 60.8 pg/mL)".
        let group = |text: &str| Assessment::new(&inputs("", text, "", "")).group(Marker::Il8);
        assert_eq!(group("60.8"), Some(BiomarkerGroup::Low));
        assert_eq!(group("60.80"), Some(BiomarkerGroup::Low));
        assert_eq!(group("60.81"), Some(BiomarkerGroup::High));
        assert_eq!(group("61"), Some(BiomarkerGroup::High));
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
        assert_eq!(a.group(Marker::Il6), Some(BiomarkerGroup::High));
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
                contributions: vec![(RiskFactor::Il6High, 2.67)]
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
            .published_median(KmEndpoint::OverallSurvival, Marker::Il6)
            .expect("IL6 valid");
        assert_eq!(group, BiomarkerGroup::High);
        assert_eq!(median.months, 7.8);
        assert_eq!(median.ci, Some((6.6, 11.8)));
        let (group, median, _) = a
            .published_median(KmEndpoint::TimeToLiverDysfunction, Marker::Il8)
            .expect("IL8 valid");
        assert_eq!(group, BiomarkerGroup::Low);
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
}

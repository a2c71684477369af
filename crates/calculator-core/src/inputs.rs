//! The calculator's whole input state, exactly as the user typed or chose it.
//!
//! Number fields stay text: validation never rewrites what was typed, so an
//! error in one field loses nothing, and the URL fragment carries the text
//! back exactly. Choices are explicit: "unknown" is a value the user sees
//! selected, never a silent default standing in for "no".

use study::ChildPughClass;

use crate::child_pugh::{Ascites, Encephalopathy};
use crate::followup::FollowUpText;
use crate::lab_values::LabField;
use crate::units::{AlbuminUnit, BilirubinUnit};

/// A choice from a fixed list, where the list's value may also be unknown
/// (nothing chosen) or, when it came from a link, not one of the list's codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection<T> {
    Unknown,
    Chosen(T),
    /// A code from the URL fragment that is not one of the allowed codes.
    Invalid(String),
}

impl<T: Copy> Selection<T> {
    pub fn chosen(&self) -> Option<T> {
        match self {
            Selection::Chosen(value) => Some(*value),
            _ => None,
        }
    }
}

/// Liver cirrhosis at baseline (Tables 2 and 3: "Cirrhosis (Yes vs. No)").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cirrhosis {
    Yes,
    No,
}

impl Choice for Cirrhosis {
    const ALL: &'static [Self] = &[Cirrhosis::Yes, Cirrhosis::No];

    fn code(self) -> &'static str {
        match self {
            Cirrhosis::Yes => "yes",
            Cirrhosis::No => "no",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Cirrhosis::Yes => "Yes",
            Cirrhosis::No => "No",
        }
    }
}

/// A fixed list of choices with fragment codes: one implementation of
/// `code` / `from_code` for every choice the form offers.
pub trait Choice: Copy + PartialEq + 'static {
    /// Every value a link may carry, in form order.
    const ALL: &'static [Self];
    /// The fragment code (a public contract).
    fn code(self) -> &'static str;
    /// How the form labels the choice.
    fn label(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }
}

// The class itself is the study's vocabulary (`study::ChildPughClass`); the
// form's words for it are here with the other choices'.
impl Choice for ChildPughClass {
    const ALL: &'static [Self] = &ChildPughClass::ALL;

    fn code(self) -> &'static str {
        ChildPughClass::code(self)
    }

    fn label(self) -> &'static str {
        match self {
            ChildPughClass::A => "A (5–6)",
            ChildPughClass::B7 => "B7",
            ChildPughClass::B8To9 => "B8–9",
            ChildPughClass::C => "C (10–15)",
            ChildPughClass::BUnspecified => "B (points not given)",
        }
    }
}

/// BCLC stage as SORAMIC's eligibility names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BclcStage {
    /// Intermediate stage, not eligible for TACE.
    BNotForTace,
    C,
    /// 0, A, D, or B eligible for TACE.
    Other,
}

impl Choice for BclcStage {
    const ALL: &'static [Self] = &[BclcStage::BNotForTace, BclcStage::C, BclcStage::Other];

    fn code(self) -> &'static str {
        match self {
            BclcStage::BNotForTace => "B",
            BclcStage::C => "C",
            BclcStage::Other => "other",
        }
    }

    fn label(self) -> &'static str {
        match self {
            BclcStage::BNotForTace => "B, not eligible for TACE",
            BclcStage::C => "C",
            BclcStage::Other => "other",
        }
    }
}

/// ECOG performance status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EcogStatus {
    Zero,
    One,
    Two,
    ThreeOrMore,
}

impl Choice for EcogStatus {
    const ALL: &'static [Self] = &[
        EcogStatus::Zero,
        EcogStatus::One,
        EcogStatus::Two,
        EcogStatus::ThreeOrMore,
    ];

    fn code(self) -> &'static str {
        match self {
            EcogStatus::Zero => "0",
            EcogStatus::One => "1",
            EcogStatus::Two => "2",
            EcogStatus::ThreeOrMore => "3",
        }
    }

    fn label(self) -> &'static str {
        match self {
            EcogStatus::Zero => "0",
            EcogStatus::One => "1",
            EcogStatus::Two => "2",
            EcogStatus::ThreeOrMore => "3 or more",
        }
    }
}

/// Extrahepatic disease as SORAMIC's eligibility distinguishes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExtrahepaticDisease {
    None,
    /// Extrahepatic spread, disease liver-dominant, lungs not involved.
    LiverDominant,
    /// Lung involvement, or disease not liver-dominant.
    LungOrNotLiverDominant,
}

impl Choice for ExtrahepaticDisease {
    const ALL: &'static [Self] = &[
        ExtrahepaticDisease::None,
        ExtrahepaticDisease::LiverDominant,
        ExtrahepaticDisease::LungOrNotLiverDominant,
    ];

    fn code(self) -> &'static str {
        match self {
            ExtrahepaticDisease::None => "none",
            ExtrahepaticDisease::LiverDominant => "liver-dominant",
            ExtrahepaticDisease::LungOrNotLiverDominant => "lung-or-not-liver-dominant",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ExtrahepaticDisease::None => "none",
            ExtrahepaticDisease::LiverDominant => "liver-dominant, lungs not involved",
            ExtrahepaticDisease::LungOrNotLiverDominant => "lungs involved, or not liver-dominant",
        }
    }
}

/// A "likely the other unit" question the user answered with "the value is
/// right as typed". Part of the link state (`unit_confirmed=`), and dropped
/// as soon as the field it confirms changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitConfirmation {
    /// The albumin is right in its selected unit.
    Albumin,
    /// The bilirubin is right in its selected unit.
    Bilirubin,
    /// Albumin and bilirubin are right in different unit systems.
    Mixed,
    /// The follow-up's ULN of bilirubin is right as typed (issue 13's
    /// panel), though it is not a usual upper limit of normal.
    Uln,
}

impl Choice for UnitConfirmation {
    const ALL: &'static [Self] = &[
        UnitConfirmation::Albumin,
        UnitConfirmation::Bilirubin,
        UnitConfirmation::Mixed,
        UnitConfirmation::Uln,
    ];

    fn code(self) -> &'static str {
        match self {
            UnitConfirmation::Albumin => "albumin",
            UnitConfirmation::Bilirubin => "bilirubin",
            UnitConfirmation::Mixed => "mixed",
            UnitConfirmation::Uln => "uln",
        }
    }

    fn label(self) -> &'static str {
        self.code()
    }
}

/// Why a choice gives no value: a link gave a code the field does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceError {
    /// What the link gave.
    pub given: String,
    /// The codes the field accepts, in form order.
    pub expected: &'static [&'static str],
}

/// Everything on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInputs {
    pub il6: String,
    pub il8: String,
    pub albumin: String,
    pub albumin_unit: Selection<AlbuminUnit>,
    pub bilirubin: String,
    pub bilirubin_unit: Selection<BilirubinUnit>,
    pub cirrhosis: Selection<Cirrhosis>,
    pub child_pugh: Selection<ChildPughClass>,
    pub bclc: Selection<BclcStage>,
    pub ecog: Selection<EcogStatus>,
    pub extrahepatic: Selection<ExtrahepaticDisease>,
    /// Unit questions answered "right as typed", in the order answered.
    pub unit_confirmed: Vec<UnitConfirmation>,
    /// The Child–Pugh parts the calculator does not already ask (issue 13).
    pub inr: String,
    pub ascites: Selection<Ascites>,
    pub encephalopathy: Selection<Encephalopathy>,
    /// The local laboratory's upper limit of normal for total bilirubin, in
    /// the bilirubin field's unit.
    pub uln: String,
    /// Bilirubin after radioembolization, in the order entered.
    pub follow_up: Vec<FollowUpText>,
}

impl Default for RawInputs {
    /// An empty form: SI units preselected (the paper's units), covariates unknown.
    fn default() -> Self {
        RawInputs {
            il6: String::new(),
            il8: String::new(),
            albumin: String::new(),
            albumin_unit: Selection::Chosen(AlbuminUnit::GramsPerLitre),
            bilirubin: String::new(),
            bilirubin_unit: Selection::Chosen(BilirubinUnit::MicromolesPerLitre),
            cirrhosis: Selection::Unknown,
            child_pugh: Selection::Unknown,
            bclc: Selection::Unknown,
            ecog: Selection::Unknown,
            extrahepatic: Selection::Unknown,
            unit_confirmed: Vec::new(),
            inr: String::new(),
            ascites: Selection::Unknown,
            encephalopathy: Selection::Unknown,
            uln: String::new(),
            follow_up: Vec::new(),
        }
    }
}

impl RawInputs {
    pub fn text(&self, field: LabField) -> &str {
        match field {
            LabField::Il6 => &self.il6,
            LabField::Il8 => &self.il8,
            LabField::Albumin => &self.albumin,
            LabField::Bilirubin => &self.bilirubin,
        }
    }

    pub fn text_mut(&mut self, field: LabField) -> &mut String {
        match field {
            LabField::Il6 => &mut self.il6,
            LabField::Il8 => &mut self.il8,
            LabField::Albumin => &mut self.albumin,
            LabField::Bilirubin => &mut self.bilirubin,
        }
    }

    pub fn is_confirmed(&self, confirmation: UnitConfirmation) -> bool {
        self.unit_confirmed.contains(&confirmation)
    }

    /// Drops the confirmations that a change of `field` (its text or unit)
    /// makes stale: a confirmation is of one value in one unit.
    pub fn forget_confirmations_of(&mut self, field: LabField) {
        let stale: &[UnitConfirmation] = match field {
            LabField::Albumin => &[UnitConfirmation::Albumin, UnitConfirmation::Mixed],
            LabField::Bilirubin => &[UnitConfirmation::Bilirubin, UnitConfirmation::Mixed],
            LabField::Il6 | LabField::Il8 => &[],
        };
        self.unit_confirmed.retain(|c| !stale.contains(c));
    }

    /// Drops one confirmation (the ULN's, when the ULN or the bilirubin's
    /// unit changes: the follow-up is read in that unit).
    pub fn forget_confirmation(&mut self, confirmation: UnitConfirmation) {
        self.unit_confirmed.retain(|c| *c != confirmation);
    }

    pub fn is_empty(&self) -> bool {
        *self == RawInputs::default()
    }
}

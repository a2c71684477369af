//! The calculator's whole input state, exactly as the user typed or chose it.
//!
//! Number fields stay text: validation never rewrites what was typed, so an
//! error in one field loses nothing, and the URL fragment carries the text
//! back exactly. Choices are explicit: "unknown" is a value the user sees
//! selected, never a silent default standing in for "no".

use std::fmt;

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

impl Cirrhosis {
    pub const ALL: [Cirrhosis; 2] = [Cirrhosis::Yes, Cirrhosis::No];

    /// The `cirrhosis=` fragment code.
    pub fn code(self) -> &'static str {
        match self {
            Cirrhosis::Yes => "yes",
            Cirrhosis::No => "no",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Cirrhosis::Yes => "Yes",
            Cirrhosis::No => "No",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Child–Pugh class. SORAMIC enrolled Child–Pugh A to B7, so C is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChildPughClass {
    A,
    B,
}

impl ChildPughClass {
    pub const ALL: [ChildPughClass; 2] = [ChildPughClass::A, ChildPughClass::B];

    /// The `child_pugh=` fragment code.
    pub fn code(self) -> &'static str {
        match self {
            ChildPughClass::A => "A",
            ChildPughClass::B => "B",
        }
    }

    pub fn label(self) -> &'static str {
        self.code()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Why a choice gives no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceError {
    pub given: String,
    pub expected: &'static str,
}

impl fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The link gave \"{}\", which is not {}: choose again.",
            self.given, self.expected
        )
    }
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

    pub fn is_empty(&self) -> bool {
        *self == RawInputs::default()
    }
}

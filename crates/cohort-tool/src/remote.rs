//! The domain's typed errors as JSON (issue 12): the worker sends the
//! `cohort`, `survival` and `calculator_core` error values themselves, not
//! their English `Display`, and the page words them in its language
//! (`crate::words`). The domain crates carry no serde; these are serde's
//! "remote" definitions of their types, field for field, so a variant added
//! there fails to compile here instead of arriving as English text.
//!
//! Roles, units and fields cross as their codes; decimals as their exact
//! text (`Decimal`'s `Display`, read back by `Decimal::parse_plain`);
//! floats as text too, so a NaN or an infinity (which JSON has no number
//! for) crosses as well.

#![allow(missing_docs)]

use calculator_core::lab_values::LabField;
use calculator_core::number_input::NumberInputError;
use calculator_core::{AlbuminUnit, Analyte, BilirubinUnit, Decimal, LabValueError, LabWarning};
use cohort::analysis::{AnalysisError, CoxError, LogRankError, NotEstimable, SurvivalDataError};
use cohort::csv::CsvError;
use cohort::import::ImportError;
use cohort::mapping::{EndpointRole, MappingError, Role};
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::by_code;

/// A [`Decimal`] as its exact text.
pub mod decimal {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::parse_plain(&text)
            .ok_or_else(|| D::Error::custom(format!("not a decimal {text:?}")))
    }
}

/// An `f64` as text (`NaN`, `inf` included).
pub mod float {
    use super::*;

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| D::Error::custom(format!("not a number {text:?}")))
    }
}

/// A `&'static str` the domain takes from a fixed set (a unit symbol, a
/// group's name): the text, read back as the set's own.
fn known<'de, D: Deserializer<'de>>(
    deserializer: D,
    set: &[&'static str],
) -> Result<&'static str, D::Error> {
    let text = String::deserialize(deserializer)?;
    in_set(&text, set).ok_or_else(|| D::Error::custom(format!("unknown {text:?}")))
}

/// `text` as the member of `set` it equals.
fn in_set(text: &str, set: &[&'static str]) -> Option<&'static str> {
    set.iter().find(|known| **known == text).copied()
}

/// `&'static str` by another name: serde's derive would otherwise borrow a
/// `&str` field from the input (and ask the input to live for `'static`),
/// though the field is read through `with` into one of a fixed set.
type Known = &'static str;

fn static_str<S: Serializer>(value: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value)
}

/// A unit symbol of the lab values (`LabValueError::Impossible`).
pub mod unit {
    use super::*;

    pub const SYMBOLS: [&str; 5] = ["pg/mL", "g/L", "g/dL", "µmol/L", "mg/dL"];

    pub fn serialize<S: Serializer>(
        value: &&'static str,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        static_str(value, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static str, D::Error> {
        known(deserializer, &SYMBOLS)
    }

    /// The same, optional.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            value: &Option<&'static str>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => serializer.serialize_some(*value),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<&'static str>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                None => Ok(None),
                Some(text) => in_set(&text, &SYMBOLS)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom(format!("unknown unit {text:?}"))),
            }
        }
    }
}

/// The units a field accepts (`LabValueError::UnknownUnit`): crossed as
/// the field's, which is what the calculator gives.
pub mod expected_units {
    use super::*;

    const ALBUMIN: [&str; 2] = ["g/L", "g/dL"];
    const BILIRUBIN: [&str; 2] = ["umol/L", "mg/dL"];
    const ALL: [&[&str]; 2] = [&ALBUMIN, &BILIRUBIN];

    pub fn serialize<S: Serializer>(
        value: &&'static [&'static str],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static [&'static str], D::Error> {
        let given = Vec::<String>::deserialize(deserializer)?;
        if given.is_empty() {
            return Ok(&[]);
        }
        ALL.into_iter()
            .find(|set| set.iter().eq(given.iter()))
            .ok_or_else(|| D::Error::custom(format!("unknown units {given:?}")))
    }

    #[cfg(test)]
    #[test]
    fn the_units_a_field_accepts_are_the_calculators() {
        // Codes, as `calculator_core::assessment` lists them for its error.
        let albumin: Vec<&str> = AlbuminUnit::ALL.iter().map(|u| u.code()).collect();
        let bilirubin: Vec<&str> = BilirubinUnit::ALL.iter().map(|u| u.code()).collect();
        assert_eq!(albumin, ALBUMIN);
        assert_eq!(bilirubin, BILIRUBIN);
    }
}

/// A group's name in the analysis's errors (`"low"`, `"high"`, and
/// `"without"`/`"with"` for a factor).
pub mod group {
    use super::*;

    pub const NAMES: [&str; 4] = ["low", "high", "without", "with"];

    pub fn serialize<S: Serializer>(
        value: &&'static str,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        static_str(value, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static str, D::Error> {
        known(deserializer, &NAMES)
    }
}

impl by_code::Coded for Role {
    fn code(self) -> &'static str {
        Role::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        Role::from_code(code)
    }
}

impl by_code::Coded for LabField {
    fn code(self) -> &'static str {
        LabField::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        LabField::from_code(code)
    }
}

impl by_code::Coded for AlbuminUnit {
    fn code(self) -> &'static str {
        AlbuminUnit::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        AlbuminUnit::from_code(code)
    }
}

impl by_code::Coded for BilirubinUnit {
    fn code(self) -> &'static str {
        BilirubinUnit::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        BilirubinUnit::from_code(code)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Analyte")]
pub enum AnalyteDef {
    Interleukin,
    Albumin,
    Bilirubin,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "NumberInputError")]
pub enum NumberInputErrorDef {
    Empty,
    TooLong,
    Negative,
    NotFinite,
    Exponent,
    SeveralSeparators,
    Censored,
    TooPrecise,
    NotANumber,
    AmbiguousGrouping {
        separator: char,
        #[serde(with = "decimal")]
        as_decimal: Decimal,
        #[serde(with = "decimal")]
        as_thousands: Decimal,
    },
    DigitGrouping {
        grouping: char,
        #[serde(with = "decimal")]
        ungrouped: Decimal,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LabValueError")]
pub enum LabValueErrorDef {
    Number(#[serde(with = "NumberInputErrorDef")] NumberInputError),
    Zero,
    Impossible {
        #[serde(with = "AnalyteDef")]
        analyte: Analyte,
        #[serde(with = "decimal")]
        maximum: Decimal,
        #[serde(with = "unit")]
        unit: Known,
        #[serde(with = "unit::option")]
        likely_unit: Option<Known>,
    },
    UnknownUnit {
        #[serde(with = "by_code")]
        field: LabField,
        given: String,
        #[serde(with = "expected_units")]
        expected: &'static [&'static str],
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LabWarning")]
pub enum LabWarningDef {
    AlbuminLikelyInUnit(#[serde(with = "by_code")] AlbuminUnit),
    BilirubinLikelyInUnit(#[serde(with = "by_code")] BilirubinUnit),
    Unusual {
        #[serde(with = "AnalyteDef")]
        analyte: Analyte,
        #[serde(with = "decimal")]
        limit: Decimal,
        above: bool,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "CsvError")]
pub enum CsvErrorDef {
    UnterminatedQuote { line: usize, last_line: usize },
    QuoteInsideField { line: usize, field: usize },
    TextAfterClosingQuote { line: usize, field: usize },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "MappingError")]
pub enum MappingErrorDef {
    Required(#[serde(with = "by_code")] Role),
    UnknownColumn {
        #[serde(with = "by_code")]
        role: Role,
        name: String,
    },
    AmbiguousColumn {
        #[serde(with = "by_code")]
        role: Role,
        name: String,
        count: usize,
    },
    SameColumn {
        name: String,
        #[serde(with = "by_code")]
        first: Role,
        #[serde(with = "by_code")]
        second: Role,
    },
    SecondEndpointIncomplete {
        #[serde(with = "by_code")]
        missing: Role,
    },
    EmptyEventCoding,
    TimeAndDates {
        #[serde(with = "by_code")]
        endpoint: EndpointRole,
    },
    DateFormatNeeded,
    OverlappingEventCode {
        code: String,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "ImportError")]
pub enum ImportErrorDef {
    NoHeader,
    Header(#[serde(with = "CsvErrorDef")] CsvError),
    Mapping(#[serde(with = "MappingErrorDef")] MappingError),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "SurvivalDataError")]
pub enum SurvivalDataErrorDef {
    Empty,
    LengthMismatch {
        times: usize,
        events: usize,
    },
    NonFiniteTime {
        index: usize,
        #[serde(with = "float")]
        value: f64,
    },
    NegativeTime {
        index: usize,
        #[serde(with = "float")]
        value: f64,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "LogRankError")]
pub enum LogRankErrorDef {
    TooFewGroups(usize),
    NoEvents,
    FewerThanTwoComparableGroups,
    SingularVariance,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "CoxError")]
pub enum CoxErrorDef {
    NoCovariates,
    NoSubjects,
    RaggedColumns {
        column: usize,
        len: usize,
        expected: usize,
    },
    NonFiniteCovariate {
        column: usize,
        row: usize,
        #[serde(with = "float")]
        value: f64,
    },
    LengthMismatch {
        subjects: usize,
        rows: usize,
    },
    NoEvents,
    SingularInformation,
    InvalidConfidenceLevel(#[serde(with = "float")] f64),
    InvalidTolerance(#[serde(with = "float")] f64),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "NotEstimable")]
pub enum NotEstimableDef {
    NoEventsInGroup {
        #[serde(with = "group")]
        group: Known,
    },
    DidNotConverge,
    Infinite,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "AnalysisError")]
pub enum AnalysisErrorDef {
    NoPatients,
    EmptyGroup {
        #[serde(with = "group")]
        group: Known,
    },
    Data(#[serde(with = "SurvivalDataErrorDef")] SurvivalDataError),
    LogRank(#[serde(with = "LogRankErrorDef")] LogRankError),
    Cox(#[serde(with = "CoxErrorDef")] CoxError),
    NotEstimable(#[serde(with = "NotEstimableDef")] NotEstimable),
    InvalidCutoff(#[serde(with = "float")] f64),
    InvalidProportions {
        #[serde(with = "float")]
        min_prop: f64,
        #[serde(with = "float")]
        max_prop: f64,
    },
    NoCandidateCutoffs,
    ConstantScores,
}

/// An optional [`AnalysisError`].
pub mod analysis_error_option {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Wrap(#[serde(with = "AnalysisErrorDef")] AnalysisError);

    pub fn serialize<S: Serializer>(
        value: &Option<AnalysisError>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.clone().map(Wrap).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<AnalysisError>, D::Error> {
        Ok(Option::<Wrap>::deserialize(deserializer)?.map(|w| w.0))
    }
}

/// An optional [`NotEstimable`].
pub mod not_estimable_option {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Wrap(#[serde(with = "NotEstimableDef")] NotEstimable);

    pub fn serialize<S: Serializer>(
        value: &Option<NotEstimable>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.map(Wrap).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NotEstimable>, D::Error> {
        Ok(Option::<Wrap>::deserialize(deserializer)?.map(|w| w.0))
    }
}

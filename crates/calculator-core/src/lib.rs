//! Pure domain core of the SORAMIC IL calculator.
//!
//! Text typed by a clinician (or read from a link) becomes validated values
//! once, at the edge ([`number_input`], [`lab_values`], [`fragment`]); the rest
//! computes on valid values only: the ALBI score and grades ([`albi`]), the
//! patient's groups and risk factors against the published cutoffs, and the
//! published Cox models ([`assessment`], [`published`]).
//!
//! No UI types, no clock, no randomness: everything here is tested natively
//! with `cargo test -p calculator-core`.

#![forbid(unsafe_code)]

pub mod albi;
pub mod applicability;
pub mod assessment;
pub mod child_pugh;
pub mod ctcae;
pub mod followup;
pub mod fragment;
pub mod inputs;
pub mod lab_values;
pub mod number_input;
pub mod summary;
pub mod units;

// The study's vocabulary and figures live in the `study` crate; they are
// re-exported here so the calculator's code names one crate.
pub use study::{decimal, published};
pub use study::{ChildPughClass, CoxEndpoint, CoxModel, Endpoint, Group, Marker, RiskFactor};

pub use albi::{AlbiGrade, AlbiScore, MalbiGrade, MalbiGroup};
pub use applicability::{Applicability, Verdict};
pub use assessment::{Assessment, Presence, RelativeHazard, UnitCheck};
pub use fragment::{parse_fragment, to_fragment};
pub use inputs::{
    BclcStage, Choice, Cirrhosis, EcogStatus, ExtrahepaticDisease, RawInputs, Selection,
    UnitConfirmation,
};
pub use lab_values::{Analyte, LabField, LabValueError, LabWarning};
pub use study::Decimal;
pub use units::{AlbuminUnit, BilirubinUnit};

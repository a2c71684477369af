//! The vocabulary of one study, Öcal et al., EJNMMI Res 2021 (the SORAMIC
//! IL6/IL8 sub-study, 83 patients), and every figure it publishes.
//!
//! One type per concept ([`Marker`], [`Endpoint`], [`Group`], [`RiskFactor`],
//! [`CoxEndpoint`], [`CoxModel`], [`ChildPughClass`]), one accessor for its
//! machine code (`code()`), and the published numbers keyed by them
//! ([`published`]). The calculator, the reconstructed reference cohort, the
//! cohort tool and the charts all read these; none defines its own.
//!
//! The types carry codes and numbers only. The English words for them live
//! in one file (`english.rs`), for a text layer to replace.
//!
//! No dependencies, no I/O, no panics: builds for `wasm32-unknown-unknown`.

#![forbid(unsafe_code)]

pub mod decimal;
mod english;
pub mod published;
mod vocabulary;

pub use decimal::Decimal;
pub use vocabulary::{ChildPughClass, CoxEndpoint, CoxModel, Endpoint, Group, Marker, RiskFactor};

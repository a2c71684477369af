//! Validate the published IL6/IL8 cutoffs on your own cohort.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod csv;
pub mod cutoff;
pub mod export;
pub mod import;
pub mod mapping;

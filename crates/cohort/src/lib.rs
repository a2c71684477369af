//! Validate the published IL6/IL8 cutoffs on your own cohort.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod csv;
pub mod import;
pub mod mapping;

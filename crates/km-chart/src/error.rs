//! Why a chart could not be drawn.

use std::fmt;

/// A chart that could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KmChartError {
    /// The drawing backend reported an error (for the SVG backend writing
    /// into a string, none is expected); carries the backend's message.
    Drawing(String),
}

impl fmt::Display for KmChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KmChartError::Drawing(message) => write!(f, "the chart could not be drawn: {message}"),
        }
    }
}

impl std::error::Error for KmChartError {}

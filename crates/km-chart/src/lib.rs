//! The Kaplan–Meier reference chart: the study's curves for one endpoint and
//! one marker, low against high, with the patient's group drawn prominently.
//!
//! Modelled on KMunicate (Morris et al., BMJ Open 2019;9:e030215: curves with
//! pointwise confidence bands, and under the plot a table of the number at
//! risk, cumulative events and cumulative censored at each time tick) and on
//! survminer's `ggsurvplot` (censor marks, median drawn, published p value
//! annotated).
//!
//! # Two steps
//!
//! 1. [`KmChartGeometry::compute`] turns the groups' data into plain data in
//!    study units (months, survival probability): step polylines, confidence
//!    band polygons, censor marks, median markers, axis ticks, risk-table
//!    columns, the survival table and every text label. No drawing, no
//!    pixels: this is what the native tests check against the survival engine
//!    and against hand-computed values.
//! 2. [`draw`] paints a geometry on any plotters [`DrawingBackend`]
//!    (`plotters::prelude::DrawingBackend`), mapping study units to pixels
//!    through a [`Layout`] (wide for a desk, narrow for a phone,
//!    presentation for a shared screen: large type, thick lines, no risk
//!    table); [`render_svg`] uses it to produce an SVG document
//!    as a string that scales with its container (`width="100%"` and a
//!    `viewBox`, no fixed height).
//!
//! [`KmChartGeometry::compute_overlay`] draws a centre's own cohort over the
//! reference curves with the same code (the cohort view, issue 6).
//!
//! # Text without fonts
//!
//! plotters is used without its `ttf` feature, so no font file is ever
//! loaded. The drawing only ever *places* text at explicit anchors (SVG's
//! `text-anchor` and `dy`) and never asks plotters to measure it: plotters'
//! measuring code needs font-kit natively and the DOM in wasm. For the same
//! reason it does not use `ChartBuilder`, whose axis labels are measured.
//!
//! # Robustness
//!
//! Nothing here panics on data: every value derived from the data is mapped
//! with saturating conversions, and drawing errors come back as
//! [`KmChartError`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cohort;
mod draw;
mod error;
mod export;
mod forest;
mod geometry;
mod labels;
mod layout;
mod marker;
mod overlay;
mod palette;
mod reading;

pub use draw::{draw, render_svg, render_svg_file};
pub use error::KmChartError;
pub use export::{csv_data_url, svg_data_url};
pub use forest::{forest_height, render_forest_svg, ForestPlot, ForestRow, FOREST_WIDTH};
pub use geometry::{
    BandPolygon, ChartText, CurveGeometry, Emphasis, KmChartGeometry, KmChartInput, MedianMarker,
    RiskTableColumn, RiskTableGeometry, SurvivalTableRow, Tick, RISK_TABLE_MONTHS,
    SURVIVAL_TABLE_MONTHS, X_AXIS_MAX_MONTHS,
};
pub use labels::{figure_name, group_label, published_hazard_ratio};
pub use layout::{FontSizes, Layout, Strokes};
pub use marker::{with_marker, ChartMarker};
pub use overlay::OverlayInput;
pub use palette::{LineDash, Rgb, GROUP_HIGH_COLOUR, GROUP_LOW_COLOUR};
pub use reading::CurveReading;

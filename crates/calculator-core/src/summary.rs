//! The two statements every result carries, in English. The summary for the
//! note and every screen word them through the text layer (`crates/text`,
//! `app.caveat` and `summary.separate_markers`, in five languages); these
//! English copies remain for the places not yet moved there, and the app
//! crate's tests keep them identical to the catalog's English.

/// The persistent statement: shown on every view, in presentation mode and
/// on paper, and closing every summary. What the evidence supports and what
/// it does not: `reference/clinical.md`, last section.
pub const CAVEAT: &str = "Post hoc analysis of 83 of the SORAMIC trial's patients treated with \
90Y radioembolization plus sorafenib. The figures are prognostic associations in that cohort: \
not a prediction for this patient, and not a tool to choose or withhold a treatment. The study \
had no comparison arm for the interleukins, and in SORAMIC adding radioembolization to \
sorafenib did not improve survival.";

/// Why the IL6 and IL8 figures must not be combined, in one sentence.
pub const SEPARATE_MARKERS: &str = "The IL6 and IL8 figures are separate comparisons with no \
joint estimate; in the multivariable models IL6 was the only independent factor for overall \
survival (Table 2).";

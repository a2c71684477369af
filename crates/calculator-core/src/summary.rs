//! A one-paragraph plain-language summary a clinician can paste into a note.
//!
//! It states only what the inputs support: a sentence whose inputs are
//! missing or invalid is left out rather than guessed. It always ends by
//! saying what the figures are: one study cohort, not a prediction.

use crate::assessment::Assessment;
use crate::lab_values::LabField;
use crate::published::{Endpoint, Marker, SHORT_CITATION};
use crate::Group;

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

/// The summary, or `None` while no input is valid.
pub fn summary(assessment: &Assessment) -> Option<String> {
    let mut sentences: Vec<String> = Vec::new();

    let markers: Vec<String> = Marker::ALL
        .into_iter()
        .filter_map(|marker| {
            let checked = match marker {
                Marker::Il6 => assessment.il6.as_ref().ok()?,
                Marker::Il8 => assessment.il8.as_ref().ok()?,
            };
            let group = assessment.group(marker)?;
            let relation = match group {
                Group::High => "above",
                Group::Low => "at or below",
            };
            let near = if assessment.near_cutoff(marker) {
                ", near the cutoff"
            } else {
                ""
            };
            Some(format!(
                "{} {} pg/mL ({}: {} the published cutoff of {} pg/mL{near})",
                marker.label(),
                checked.value,
                group.code(),
                relation,
                marker.cutoff_pg_ml()
            ))
        })
        .collect();
    if !markers.is_empty() {
        sentences.push(format!("Baseline {}.", markers.join("; ")));
    }

    let albumin = assessment.usable(LabField::Albumin);
    let bilirubin = assessment.usable(LabField::Bilirubin);
    if let (Some(albi), Some(albumin), Some(bilirubin)) = (assessment.albi, albumin, bilirubin) {
        sentences.push(format!(
            "Albumin {albumin} g/L and total bilirubin {bilirubin} µmol/L give an ALBI score of {} (ALBI grade {}, mALBI grade {}).",
            albi.precise_if_near_boundary(),
            albi.grade().code(),
            albi.malbi_grade().code()
        ));
    }
    let waiting: Vec<&str> = [LabField::Albumin, LabField::Bilirubin]
        .into_iter()
        .filter(|field| assessment.unit_check(*field).is_some())
        .map(|field| match field {
            LabField::Albumin => "albumin",
            _ => "total bilirubin",
        })
        .collect();
    if !waiting.is_empty() {
        sentences.push(format!(
            "Left out until the unit is checked: {}.",
            waiting.join(" and ")
        ));
    }

    let medians: Vec<String> = Marker::ALL
        .into_iter()
        .filter_map(|marker| {
            let (group, median, _) =
                assessment.published_median(Endpoint::OverallSurvival, marker)?;
            Some(format!(
                "patients with {} {} had a median overall survival of {}",
                group.code(),
                marker.label(),
                median
            ))
        })
        .collect();
    if !medians.is_empty() {
        let counts = Endpoint::OverallSurvival.counts();
        sentences.push(format!(
            "In {SHORT_CITATION} (overall survival in {} patients, {} deaths), {}.",
            counts.patients,
            counts.events.unwrap_or_default(),
            medians.join(", and ")
        ));
        if medians.len() == 2 {
            sentences.push(SEPARATE_MARKERS.to_owned());
        }
    }

    if sentences.is_empty() {
        return None;
    }
    if assessment.applicability.is_outside() {
        let reasons: Vec<&str> = assessment
            .applicability
            .outside_reasons()
            .map(|f| f.reason)
            .collect();
        sentences.insert(
            0,
            format!(
                "Outside the studied population ({}): these figures describe patients unlike this one.",
                reasons.join("; ")
            ),
        );
    }
    sentences.push(CAVEAT.to_owned());
    Some(sentences.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fragment::parse_fragment;

    #[test]
    fn the_issue_example_gives_a_complete_summary() {
        let inputs = parse_fragment(
            "il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A",
        );
        let text = summary(&Assessment::new(&inputs)).expect("a summary");
        for expected in [
            "IL6 12.4 pg/mL (high: above the published cutoff of 6.53 pg/mL)",
            "IL8 85.2 pg/mL (high",
            "Albumin 31 g/L and total bilirubin 23.94 µmol/L give an ALBI score of -1.72 (ALBI grade 2, mALBI grade 2b)",
            "median overall survival of 7.8 months (95% CI 6.6–11.8)",
            "8.4 months (95% CI not published)",
            "Öcal et al., EJNMMI Res 2021 (overall survival in 83 patients, 73 deaths)",
            SEPARATE_MARKERS,
            CAVEAT,
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        // The model arithmetic is not note material (issue 10, item 5).
        assert!(!text.contains("elative hazard"), "{text}");
        assert!(!text.contains("Outside the studied population"));
    }

    #[test]
    fn a_value_waiting_for_its_unit_is_kept_out_of_the_summary() {
        // Albumin 3.1 left at g/L would give ALBI +0.65 (grade 3).
        let inputs = parse_fragment("il6=12&albumin=3.1&bilirubin=20");
        let text = summary(&Assessment::new(&inputs)).expect("a summary");
        assert!(!text.contains("ALBI"), "{text}");
        assert!(!text.contains("3.1"), "{text}");
        assert!(text.contains("Left out until the unit is checked: albumin."));
    }

    #[test]
    fn a_patient_outside_the_cohort_is_said_so_first() {
        let inputs = parse_fragment("il6=12&child_pugh=C&ecog=3");
        let text = summary(&Assessment::new(&inputs)).expect("a summary");
        assert!(
            text.starts_with("Outside the studied population (ECOG 3 or more was not eligible; Child–Pugh C: the trial took A to B7)"),
            "{text}"
        );
    }

    #[test]
    fn near_cutoff_values_and_boundary_scores_are_said_with_their_precision() {
        // Albumin 38 g/L, bilirubin 9.01 µmol/L: 0.66·log10(9.01) − 3.23 = −2.59988
        // (clinical.md's example), grade 2 although it rounds to −2.60.
        let inputs = parse_fragment("il6=6.6&albumin=38&bilirubin=9.01");
        let text = summary(&Assessment::new(&inputs)).expect("a summary");
        assert!(
            text.contains(
                "IL6 6.6 pg/mL (high: above the published cutoff of 6.53 pg/mL, near the cutoff)"
            ),
            "{text}"
        );
        assert!(
            text.contains("ALBI score of -2.5999 (ALBI grade 2"),
            "{text}"
        );
    }

    #[test]
    fn sentences_without_valid_inputs_are_left_out() {
        let text = summary(&Assessment::new(&parse_fragment("il6=3"))).expect("a summary");
        assert!(text.contains("IL6 3 pg/mL (low: at or below"));
        assert!(!text.contains("ALBI"));
        assert!(!text.contains("Relative hazard of death"));
        assert_eq!(summary(&Assessment::new(&parse_fragment(""))), None);
    }
}

//! A one-paragraph plain-language summary a clinician can paste into a note.
//!
//! It states only what the inputs support: a sentence whose inputs are
//! missing or invalid is left out rather than guessed. It always ends by
//! saying what the figures are: one study cohort, not a prediction.

use crate::assessment::{Assessment, BiomarkerGroup, RelativeHazard};
use crate::published::{CoxEndpoint, CoxModel, KmEndpoint, Marker, COHORT_SIZE};

/// The first author, as the summary names the study.
const SHORT_CITATION_AUTHORS: &str = "Öcal et al.";

/// The closing caveat, also shown permanently on the page.
pub const CAVEAT: &str = "These are figures of one study cohort (SORAMIC, n = 83, 90Y \
radioembolization + sorafenib), not a validated prediction for this patient.";

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
                BiomarkerGroup::High => "above",
                BiomarkerGroup::Low => "at or below",
            };
            Some(format!(
                "{} {} pg/mL ({}: {} the published cutoff of {} pg/mL)",
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

    if let (Some(albi), Ok(albumin), Ok(bilirubin)) =
        (assessment.albi, &assessment.albumin, &assessment.bilirubin)
    {
        sentences.push(format!(
            "Albumin {} g/L and total bilirubin {} µmol/L give an ALBI score of {} (ALBI grade {}, mALBI grade {}).",
            albumin.value,
            bilirubin.value,
            albi,
            albi.grade().code(),
            albi.malbi_grade().code()
        ));
    }

    let medians: Vec<String> = Marker::ALL
        .into_iter()
        .filter_map(|marker| {
            let (group, median, _) =
                assessment.published_median(KmEndpoint::OverallSurvival, marker)?;
            Some(format!(
                "patients with {} {} had a median overall survival of {}",
                group.code(),
                marker.label(),
                median
            ))
        })
        .collect();
    if !medians.is_empty() {
        sentences.push(format!(
            "In the SORAMIC IL sub-study ({SHORT_CITATION_AUTHORS}; {COHORT_SIZE} patients with advanced HCC treated with 90Y radioembolization plus sorafenib), {}.",
            medians.join(", and ")
        ));
    }

    for endpoint in CoxEndpoint::ALL {
        let computed: Vec<String> = CoxModel::ALL
            .into_iter()
            .filter_map(|model| match assessment.relative_hazard(endpoint, model) {
                RelativeHazard::Computed { value, .. } => {
                    Some(format!("{value:.2} ({})", model.label()))
                }
                RelativeHazard::CannotCompute { .. } => None,
            })
            .collect();
        if !computed.is_empty() {
            sentences.push(format!(
                "Relative hazard of {} against a patient with none of the model's risk factors: {} (product of the published hazard ratios; no confidence interval can be given).",
                endpoint.event(),
                computed.join(" and ")
            ));
        }
    }

    if sentences.is_empty() {
        return None;
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
            // Hand products, see assessment.rs tests: 8.404, 7.160, 14.042, 7.75.
            "Relative hazard of death against a patient with none of the model's risk factors: 8.40 (Model 1) and 7.16 (Model 2)",
            "Relative hazard of liver dysfunction against a patient with none of the model's risk factors: 14.04 (Model 1) and 7.75 (Model 2)",
            CAVEAT,
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
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

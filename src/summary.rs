//! A one-paragraph plain-language summary a clinician can paste into a note,
//! in the chosen language (issue 12: "the summary for the note and the print
//! are in the chosen language").
//!
//! It states only what the inputs support: a sentence whose inputs are
//! missing or invalid is left out rather than guessed. It always ends with the
//! persistent statement: one study cohort, not a prediction.

use calculator_core::lab_values::LabField;
use calculator_core::published::{Endpoint, Marker, SHORT_CITATION};
use calculator_core::{Assessment, Group};
use text::Text;

use calculator_core::child_pugh::Part;
use calculator_core::ctcae::Reference;
use calculator_core::followup::Outcome;

use crate::components::follow_up_course::course;
use crate::form_text::FormLabel;
use crate::study_text::reason;

/// The summary, or `None` while no input is valid.
pub fn summary(t: &Text, assessment: &Assessment) -> Option<String> {
    let mut sentences: Vec<String> = Vec::new();

    let markers: Vec<String> = Marker::ALL
        .into_iter()
        .filter_map(|marker| {
            let checked = match marker {
                Marker::Il6 => assessment.il6.as_ref().ok()?,
                Marker::Il8 => assessment.il8.as_ref().ok()?,
            };
            let value = t.shown(&checked.value.to_string());
            let cutoff = t.shown(&marker.cutoff_pg_ml().to_string());
            let near = assessment.near_cutoff(marker);
            let label = marker.label();
            Some(match (assessment.group(marker)?, near) {
                (Group::High, false) => t.summary_marker_high(label, &value, &cutoff),
                (Group::High, true) => t.summary_marker_high_near(label, &value, &cutoff),
                (Group::Low, false) => t.summary_marker_low(label, &value, &cutoff),
                (Group::Low, true) => t.summary_marker_low_near(label, &value, &cutoff),
            })
        })
        .collect();
    if !markers.is_empty() {
        sentences.push(t.summary_baseline(&markers.join("; ")));
    }

    let albumin = assessment.usable(LabField::Albumin);
    let bilirubin = assessment.usable(LabField::Bilirubin);
    if let (Some(albi), Some(albumin), Some(bilirubin)) = (assessment.albi, albumin, bilirubin) {
        sentences.push(t.summary_albi(
            &t.shown(&albumin.to_string()),
            &t.shown(&bilirubin.to_string()),
            &t.shown(&albi.precise_if_near_boundary()),
            albi.grade().code(),
            albi.malbi_grade().code(),
        ));
    }
    let albumin_waits = assessment.unit_check(LabField::Albumin).is_some();
    let bilirubin_waits = assessment.unit_check(LabField::Bilirubin).is_some();
    match (albumin_waits, bilirubin_waits) {
        (true, true) => sentences.push(t.summary_waiting_both().to_owned()),
        (true, false) => sentences.push(t.summary_waiting_albumin().to_owned()),
        (false, true) => sentences.push(t.summary_waiting_bilirubin().to_owned()),
        (false, false) => {}
    }

    let medians: Vec<String> = Marker::ALL
        .into_iter()
        .filter_map(|marker| {
            let (group, median, _) =
                assessment.published_median(Endpoint::OverallSurvival, marker)?;
            let median = crate::study_text::median(t, median);
            Some(match group {
                Group::High => t.summary_median_high(marker.label(), &median),
                Group::Low => t.summary_median_low(marker.label(), &median),
            })
        })
        .collect();
    if !medians.is_empty() {
        let counts = Endpoint::OverallSurvival.counts();
        let medians = match medians.as_slice() {
            [first, second] => t.summary_two(first, second),
            _ => medians.join(" "),
        };
        sentences.push(t.summary_medians(
            SHORT_CITATION,
            &counts.patients.to_string(),
            &counts.events.unwrap_or_default().to_string(),
            &medians,
        ));
        if assessment.group(Marker::Il6).is_some() && assessment.group(Marker::Il8).is_some() {
            sentences.push(t.summary_separate_markers().to_owned());
        }
    }

    sentences.extend(child_pugh_and_follow_up(t, assessment));
    if let Some((_, sentence)) = assessment
        .follow_up
        .outcome()
        .and_then(|outcome| course(t, assessment.group(Marker::Il6)?, outcome))
    {
        sentences.push(sentence);
        sentences.push(t.results_ttld_caveat().to_owned());
    }

    if sentences.is_empty() {
        return None;
    }
    if assessment.applicability.is_outside() {
        let reasons: Vec<&str> = assessment
            .applicability
            .outside_reasons()
            .map(|f| reason(t, f.reason))
            .collect();
        sentences.insert(0, t.summary_outside(&reasons.join("; ")));
    }
    sentences.push(t.app_caveat().to_owned());
    Some(sentences.join(" "))
}

/// The Child–Pugh score from its parts and the bilirubin follow-up (issue
/// 13), each only when computed. The print shows these too (the note
/// summary is not printed); the course beside the study, with its caveat,
/// is added by the caller.
pub fn child_pugh_and_follow_up(t: &Text, a: &Assessment) -> Vec<String> {
    let mut sentences = Vec::new();
    if let Some(score) = a.child_pugh_score() {
        let parts: Vec<String> = a
            .child_pugh_parts
            .points()
            .into_iter()
            .map(|(part, points)| {
                let name = match part {
                    Part::Bilirubin => t.cp_part_bilirubin(),
                    Part::Albumin => t.cp_part_albumin(),
                    Part::Inr => t.cp_inr(),
                    Part::Ascites => t.cp_ascites(),
                    Part::Encephalopathy => t.cp_encephalopathy(),
                };
                format!("{name} {}", points.unwrap_or_default())
            })
            .collect();
        sentences.push(t.summary_child_pugh(
            &score.label(),
            &score.total().to_string(),
            &parts.join(", "),
        ));
        if let Some((chosen, _)) = a.child_pugh_disagreement() {
            sentences.push(t.summary_child_pugh_disagree(chosen.form_label(t)));
        }
    }
    let f = &a.follow_up;
    let (Some(reference), Ok(uln)) = (f.reference(), &f.uln) else {
        return sentences;
    };
    let values: Vec<String> = f
        .values
        .iter()
        .enumerate()
        .filter_map(|(index, value)| {
            let value = value.as_ref().ok()?;
            let grade = f.grade(index)?;
            Some(t.summary_follow_up_value(
                &t.shown(&value.months.to_string()),
                &t.shown(&value.bilirubin_umol_l.to_string()),
                &grade.value().to_string(),
            ))
        })
        .collect();
    if values.is_empty() {
        return sentences;
    }
    let reference = match reference {
        Reference::UpperLimitOfNormal => t.summary_reference_uln(),
        Reference::Baseline => t.summary_reference_baseline(),
    };
    sentences.push(t.summary_follow_up(&t.shown(&uln.to_string()), reference, &values.join("; ")));
    // What the screen says beside the fields goes on paper and in the note too.
    if f.uln_confirmed_unusual {
        sentences.push(t.summary_uln_unusual_confirmed().to_owned());
    }
    let flagged: Vec<String> = f
        .warnings
        .iter()
        .enumerate()
        .filter(|(index, warnings)| !warnings.is_empty() && f.grade(*index).is_some())
        .map(|(index, _)| (index + 1).to_string())
        .collect();
    if !flagged.is_empty() {
        sentences.push(t.summary_fu_values_flagged(&flagged.join(", ")));
    }
    let Some(outcome) = f.outcome() else {
        return sentences;
    };
    sentences.push(match outcome {
        Outcome::Event { months, .. } => t.fu_event(&t.shown(&months.to_string())),
        Outcome::EventFree { last_months } => t.fu_no_event(&t.shown(&last_months.to_string())),
    });
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;
    use calculator_core::parse_fragment;
    use text::Lang;

    fn english(fragment: &str) -> Option<String> {
        summary(
            &Text::english(),
            &Assessment::new(&parse_fragment(fragment)),
        )
    }

    #[test]
    fn the_issue_example_gives_a_complete_summary() {
        let text = english(
            "il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A",
        )
        .expect("a summary");
        // Figures: the paper's Table 4 (medians 7.8 and 8.4 months for the
        // high groups), ALBI by hand: 0.66·log10(23.94) − 0.085·31 = −1.7246.
        for expected in [
            "IL6 12.4 pg/mL (high: above the published cutoff of 6.53 pg/mL)",
            "IL8 85.2 pg/mL (high",
            "Albumin 31 g/L and total bilirubin 23.94 µmol/L give an ALBI score of -1.72 (ALBI grade 2, mALBI grade 2b)",
            "median overall survival of 7.8 months (95% CI 6.6–11.8)",
            "8.4 months (95% CI not published)",
            "Öcal et al., EJNMMI Res 2021 (overall survival in 83 patients, 73 deaths)",
            Text::english().summary_separate_markers(),
            Text::english().app_caveat(),
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
        let text = english("il6=12&albumin=3.1&bilirubin=20").expect("a summary");
        assert!(!text.contains("ALBI"), "{text}");
        assert!(!text.contains("3.1"), "{text}");
        assert!(text.contains("Left out until the unit is checked: albumin."));
    }

    #[test]
    fn a_patient_outside_the_cohort_is_said_so_first() {
        let text = english("il6=12&child_pugh=C&ecog=3").expect("a summary");
        assert!(
            text.starts_with("Outside the studied population (ECOG 3 or more was not eligible; Child–Pugh C: the trial took A to B7)"),
            "{text}"
        );
    }

    #[test]
    fn near_cutoff_values_and_boundary_scores_are_said_with_their_precision() {
        // Albumin 38 g/L, bilirubin 9.01 µmol/L: 0.66·log10(9.01) − 3.23 = −2.59988
        // (clinical.md's example), grade 2 although it rounds to −2.60.
        let text = english("il6=6.6&albumin=38&bilirubin=9.01").expect("a summary");
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
        let text = english("il6=3").expect("a summary");
        assert!(text.contains("IL6 3 pg/mL (low: at or below"));
        assert!(!text.contains("ALBI"));
        assert_eq!(english(""), None);
    }

    #[test]
    fn a_german_summary_writes_german_numbers_and_keeps_the_figures() {
        let german = Text::from_catalog(Lang::De, include_str!("../crates/text/lang/de.txt"))
            .expect("the German catalog");
        let text = summary(
            &german,
            &Assessment::new(&parse_fragment(
                "il6=12.4&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL",
            )),
        )
        .expect("a summary");
        // The same figures as in English, written the German way.
        assert!(text.contains("12,4 pg/mL"), "{text}");
        assert!(text.contains("6,53 pg/mL"), "{text}");
        assert!(text.contains("\u{2212}1,72"), "{text}");
        assert!(text.contains("7,8"), "{text}");
        assert!(text.ends_with(german.app_caveat()), "{text}");
        assert!(!text.contains("Baseline"), "{text}");
    }

    /// Bilirubin 40 (2 points: 34.2–51.3), albumin 30 (2: 28–35), INR 1.2
    /// (1), mild ascites (2), no encephalopathy (1): 8 points, B8. ULN 21,
    /// baseline 40 > 21: graded against the baseline (1.5 × 40 = 60,
    /// 3 × 40 = 120): 50 at 1 month is grade 1, 61.5 at 2.5 months grade 2.
    const FOLLOW_UP: &str = "il6=12&albumin=30&bilirubin=40&inr=1.2&ascites=mild&encephalopathy=none&uln=21&fu=50@1;61.5@2.5";

    #[test]
    fn the_note_has_the_child_pugh_parts_and_the_follow_up() {
        let text = english(FOLLOW_UP).expect("a summary");
        for expected in [
            "Child–Pugh B8 (8 points) from its parts, in points: Total bilirubin 2, Albumin 2, INR 1, Ascites 2, Hepatic encephalopathy 1.",
            "Bilirubin after radioembolization (ULN 21 µmol/L, graded against the baseline): 1 months 50 µmol/L grade 1; 2.5 months 61.5 µmol/L grade 2.",
            "Liver dysfunction as the study defined it (the first grade ≥ 2 increase) at 2.5 months.",
            "in the reconstructed time-to-liver-dysfunction curve of the IL6 high group",
            Text::english().results_ttld_caveat(),
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        // The class chosen by hand that disagrees is said too.
        let text = english(&format!("{FOLLOW_UP}&child_pugh=A")).expect("a summary");
        assert!(
            text.contains("The class chosen by hand, A (5–6), differs; the results use it."),
            "{text}"
        );
    }

    #[test]
    fn a_german_note_writes_the_follow_up_the_german_way() {
        let german = Text::from_catalog(Lang::De, include_str!("../crates/text/lang/de.txt"))
            .expect("the German catalog");
        let text =
            summary(&german, &Assessment::new(&parse_fragment(FOLLOW_UP))).expect("a summary");
        assert!(text.contains("2,5 Monate 61,5 µmol/L Grad 2"), "{text}");
        assert!(text.contains(german.results_ttld_caveat()), "{text}");
    }

    #[test]
    fn an_unusual_uln_is_left_out_until_confirmed_and_then_said_with_the_flagged_values() {
        // ULN 1,2 in the µmol/L panel: asked on screen, nothing graded, so
        // nothing of the follow-up in the note.
        let asked = english("il6=12&bilirubin=10&uln=1,2&fu=40@3;2,5@4").expect("a summary");
        assert!(!asked.contains("Bilirubin after"), "{asked}");
        // Confirmed: graded (baseline 10 > ULN 1.2: against the baseline;
        // 40 = 4 × 10, grade 3; 2.5 below it, grade 0), and both the
        // confirmation and the value that looks typed in mg/dL are said.
        let text = english("il6=12&bilirubin=10&uln=1,2&fu=40@3;2,5@4&unit_confirmed=uln")
            .expect("a summary");
        for expected in [
            "(ULN 1.2 µmol/L, graded against the baseline): 3 months 40 µmol/L grade 3; 4 months 2.5 µmol/L grade 0.",
            "The ULN was confirmed as typed, though it is not a usual upper limit of normal.",
            "Unit to check (looks typed in the other unit): follow-up value 2.",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
    }

    #[test]
    fn without_the_uln_the_follow_up_is_left_out() {
        let text = english("il6=12&bilirubin=40&fu=61.5@2.5").expect("a summary");
        assert!(!text.contains("Bilirubin after"), "{text}");
        assert!(!text.contains("grade"), "{text}");
    }
}

/// No text in any field, in any language, makes the summary panic (a panic
/// kills the wasm app); and a value typed in g/dL or mg/dL gives the same
/// summary as the same value in g/L or µmol/L once the units are confirmed.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use calculator_core::{parse_fragment, AlbuminUnit, BilirubinUnit};
    use proptest::prelude::*;
    use text::Lang;

    fn catalogs() -> Vec<Text> {
        let sources = [
            (Lang::De, include_str!("../crates/text/lang/de.txt")),
            (Lang::Fr, include_str!("../crates/text/lang/fr.txt")),
            (Lang::Es, include_str!("../crates/text/lang/es.txt")),
            (Lang::It, include_str!("../crates/text/lang/it.txt")),
        ];
        let mut all = vec![Text::english()];
        all.extend(
            sources
                .iter()
                .map(|(lang, source)| Text::from_catalog(*lang, source).expect("catalog loads")),
        );
        all
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_link_gives_a_summary_or_none_in_every_language(fragment in any::<String>()) {
            let assessment = Assessment::new(&parse_fragment(&fragment));
            let english = summary(&Text::english(), &assessment);
            for t in catalogs() {
                // The same sentences are present or absent in every language.
                prop_assert_eq!(summary(&t, &assessment).is_some(), english.is_some());
            }
        }

        #[test]
        fn the_same_values_in_either_unit_give_the_same_summary(
            albumin_dl in 15u32..=55, bilirubin_tenths in 2u32..=60, il6 in 0u32..=400
        ) {
            // Working: 1 g/dL = 10 g/L; 1 mg/dL = 17.1 µmol/L (clinical.md).
            let albumin_dl = f64::from(albumin_dl) / 10.0;
            let bilirubin_mg = f64::from(bilirubin_tenths) / 10.0;
            let si = parse_fragment(&format!(
                "il6={il6}&albumin={}&albumin_unit={}&bilirubin={:.2}&bilirubin_unit={}&unit_confirmed=albumin,bilirubin,mixed",
                albumin_dl * 10.0,
                AlbuminUnit::GramsPerLitre.code(),
                bilirubin_mg * 17.1,
                BilirubinUnit::MicromolesPerLitre.code(),
            ));
            let conventional = parse_fragment(&format!(
                "il6={il6}&albumin={albumin_dl:.1}&albumin_unit={}&bilirubin={bilirubin_mg:.1}&bilirubin_unit={}&unit_confirmed=albumin,bilirubin,mixed",
                AlbuminUnit::GramsPerDecilitre.code(),
                BilirubinUnit::MilligramsPerDecilitre.code(),
            ));
            let t = Text::english();
            let a = summary(&t, &Assessment::new(&si));
            let b = summary(&t, &Assessment::new(&conventional));
            prop_assert!(a.is_some());
            // Both name the same ALBI score and grades.
            let albi = |s: &str| s.split("ALBI score of ").nth(1).map(|r| r.split(')').next().unwrap_or("").to_owned());
            let score = albi(a.as_deref().unwrap_or(""));
            prop_assert!(score.is_some(), "no ALBI sentence in {:?}", a);
            prop_assert_eq!(score, albi(b.as_deref().unwrap_or("")));
        }
    }
}

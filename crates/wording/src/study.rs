//! The study's vocabulary (calculator-core's endpoints, models, factors,
//! groups, applicability findings and published figures) worded in the
//! chosen language.
//!
//! Used by the calculator's views, the chart (`km-chart`) and the cohort
//! tool: one wording of the study for all three. The tests below hold the
//! English catalog equal to the vocabulary's English words in
//! `study::english`, which the domain's own messages still use.
//!
//! Numbers: results keep the machine form (`-1.72`, dot decimal, ASCII minus)
//! in English, which is what the README promises for the result hooks and
//! what the e2e tests read; the other languages get [`Text::number`]'s form
//! (`−1,72`). `data-value` always carries the machine form.

use calculator_core::applicability::{Criterion, Verdict};
use calculator_core::published::{
    printed, table1, CoxEndpoint, CoxModel, Endpoint, HazardRatio, Marker, PValue, PublishedMedian,
    RiskFactor, ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L, COHORT_SIZE,
};
use calculator_core::{Group, Presence};
use text::Text;

/// A published figure as the paper prints it (`2.0`, `3.88`), in the
/// reader's form.
pub fn figure(t: &Text, value: f64) -> String {
    t.shown(&printed(value))
}

pub fn cox_endpoint(t: &Text, endpoint: CoxEndpoint) -> &str {
    match endpoint {
        CoxEndpoint::OverallSurvival => t.study_endpoint_os(),
        CoxEndpoint::LiverDysfunction => t.study_endpoint_ld(),
    }
}

pub fn km_endpoint(t: &Text, endpoint: Endpoint) -> &str {
    match endpoint {
        Endpoint::OverallSurvival => t.study_endpoint_os(),
        Endpoint::ProgressionFreeSurvival => t.study_endpoint_pfs(),
        Endpoint::TimeToLiverDysfunction => t.study_endpoint_ttld(),
    }
}

pub fn table(t: &Text, endpoint: CoxEndpoint) -> &str {
    match endpoint {
        CoxEndpoint::OverallSurvival => t.study_table2(),
        CoxEndpoint::LiverDysfunction => t.study_table3(),
    }
}

pub fn model(t: &Text, model: CoxModel) -> &str {
    match model {
        CoxModel::Model1 => t.study_model1(),
        CoxModel::Model2 => t.study_model2(),
    }
}

/// `high` or `low` as the reader says it (the hook's `data-value` keeps the code).
pub fn group(t: &Text, group: Group) -> &str {
    match group {
        Group::High => t.study_group_high(),
        Group::Low => t.study_group_low(),
    }
}

fn cutoff(t: &Text, marker: Marker) -> String {
    t.shown(&marker.cutoff_pg_ml().to_string())
}

/// The row's label in Tables 2 and 3.
pub fn paper_row(t: &Text, factor: RiskFactor) -> String {
    match factor {
        RiskFactor::Il6High => t.study_row_il6(&cutoff(t, Marker::Il6)),
        RiskFactor::Il8High => t.study_row_il8(&cutoff(t, Marker::Il8)),
        RiskFactor::Cirrhosis => t.study_row_cirrhosis().to_owned(),
        RiskFactor::ChildPughB => t.study_row_child_pugh().to_owned(),
        RiskFactor::AlbuminBelow36 => {
            t.study_row_albumin(&t.shown(&ALBUMIN_CUTOFF_G_L.to_string()))
        }
        RiskFactor::Bilirubin17OrMore => {
            t.study_row_bilirubin(&t.shown(&BILIRUBIN_CUTOFF_UMOL_L.to_string()))
        }
        RiskFactor::MalbiTwoBOrThree => t.study_row_malbi().to_owned(),
    }
}

/// The factor's absence, as a model's reference profile states it.
pub fn absent(t: &Text, factor: RiskFactor) -> String {
    match factor {
        RiskFactor::Il6High => t.study_absent_il6(&cutoff(t, Marker::Il6)),
        RiskFactor::Il8High => t.study_absent_il8(&cutoff(t, Marker::Il8)),
        RiskFactor::Cirrhosis => t.study_absent_cirrhosis().to_owned(),
        RiskFactor::ChildPughB => t.study_absent_child_pugh().to_owned(),
        RiskFactor::AlbuminBelow36 => {
            t.study_absent_albumin(&t.shown(&ALBUMIN_CUTOFF_G_L.to_string()))
        }
        RiskFactor::Bilirubin17OrMore => {
            t.study_absent_bilirubin(&t.shown(&BILIRUBIN_CUTOFF_UMOL_L.to_string()))
        }
        RiskFactor::MalbiTwoBOrThree => t.study_absent_malbi().to_owned(),
    }
}

/// An input named by `RiskFactor::inputs` (core's English names), in the
/// reader's language; the interleukins' names are the same in every language.
pub fn input_name<'a>(t: &'a Text, input: &'a str) -> &'a str {
    match input {
        "cirrhosis" => t.study_input_cirrhosis(),
        "Child–Pugh class" => t.study_input_child_pugh(),
        "albumin" => t.study_input_albumin(),
        "total bilirubin" => t.study_input_bilirubin(),
        other => other,
    }
}

pub fn criterion(t: &Text, criterion: Criterion) -> &str {
    match criterion {
        Criterion::Bclc => t.study_criterion_bclc(),
        Criterion::Ecog => t.study_criterion_ecog(),
        Criterion::Extrahepatic => t.study_criterion_extrahepatic(),
        Criterion::ChildPugh => t.study_criterion_child_pugh(),
    }
}

/// Who was in the cohort for the criterion (Table 1 and the eligibility).
pub fn cohort(t: &Text, criterion: Criterion) -> String {
    let size = COHORT_SIZE.to_string();
    match criterion {
        Criterion::Bclc => t.study_cohort_bclc(
            &table1::BCLC_B.to_string(),
            &table1::BCLC_C.to_string(),
            &size,
        ),
        Criterion::Ecog => t.study_cohort_ecog(
            &table1::ECOG_0.to_string(),
            &table1::ECOG_1.to_string(),
            &table1::ECOG_MISSING.to_string(),
        ),
        Criterion::Extrahepatic => {
            t.study_cohort_extrahepatic(&table1::EXTRAHEPATIC_SPREAD.to_string(), &size)
        }
        Criterion::ChildPugh => t.study_cohort_child_pugh(
            &table1::CHILD_PUGH_A.to_string(),
            &table1::CHILD_PUGH_B.to_string(),
            &size,
        ),
    }
}

pub fn verdict(t: &Text, verdict: Verdict) -> &str {
    match verdict {
        Verdict::Within => t.study_verdict_within(),
        Verdict::Outside => t.study_verdict_outside(),
        Verdict::Unknown => t.study_verdict_unknown(),
    }
}

pub fn presence(t: &Text, presence: Presence) -> &str {
    match presence {
        Presence::Present => t.study_presence_present(),
        Presence::Absent => t.study_presence_absent(),
        Presence::Unknown => t.study_presence_unknown(),
    }
}

/// An applicability finding's reason. Core words it in English (a
/// `&'static str`); each of its wordings has a catalog entry, and the test
/// below walks every input so a new wording in core cannot go untranslated
/// unnoticed (it would show in English meanwhile).
pub fn reason<'a>(t: &'a Text, english: &'a str) -> &'a str {
    match english {
        "not given" => t.study_reason_not_given(),
        "BCLC B not eligible for TACE, as in the cohort" => t.study_reason_bclc_b(),
        "BCLC C, as in the cohort" => t.study_reason_bclc_c(),
        "the trial took only BCLC B not eligible for TACE, or BCLC C" => {
            t.study_reason_bclc_other()
        }
        "ECOG 0–1, as in the cohort" => t.study_reason_ecog_0_1(),
        "ECOG 2 was eligible, but no patient of the 83 had it" => t.study_reason_ecog_2(),
        "ECOG 3 or more was not eligible" => t.study_reason_ecog_3(),
        "none, as most of the cohort" => t.study_reason_extrahepatic_none(),
        "liver-dominant without lung involvement, as the trial allowed" => {
            t.study_reason_extrahepatic_liver_dominant()
        }
        "the trial excluded lung involvement and disease that was not liver-dominant" => {
            t.study_reason_extrahepatic_lung()
        }
        "Child–Pugh A, as most of the cohort" => t.study_reason_child_pugh_a(),
        "Child–Pugh B7, the most the trial took" => t.study_reason_child_pugh_b7(),
        "class B without its points: B7 is within the trial, B8–9 is not" => {
            t.study_reason_child_pugh_b()
        }
        "Child–Pugh B8–9: the trial took A to B7" => t.study_reason_child_pugh_b8_9(),
        "Child–Pugh C: the trial took A to B7" => t.study_reason_child_pugh_c(),
        other => other,
    }
}

/// `p = 0.002` or `p < 0.001`, in the reader's form.
pub fn p_value(t: &Text, p: PValue) -> String {
    match p {
        PValue::Exact(value) => format!("p = {}", t.shown(&value.to_string())),
        PValue::Below(bound) => format!("p < {}", t.shown(&bound.to_string())),
    }
}

/// `2.35 (95% CI 1.35–4.1)`.
pub fn hazard_ratio(t: &Text, hr: HazardRatio) -> String {
    t.results_hazard_ratio(
        &figure(t, hr.estimate),
        &figure(t, hr.lower),
        &figure(t, hr.upper),
    )
}

/// `7.8 months (95% CI 6.6–11.8)`.
pub fn median(t: &Text, median: PublishedMedian) -> String {
    let months = figure(t, median.months);
    match median.ci {
        Some((lower, upper)) => t.results_median_ci(&months, &figure(t, lower), &figure(t, upper)),
        None => t.results_median_no_ci(&months),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calculator_core::published::{
        CoxEndpoint, CoxModel, Endpoint, KM_COMPARISONS, OVERALL_SURVIVAL_COX,
    };
    use calculator_core::summary::SEPARATE_MARKERS;
    use calculator_core::{parse_fragment, Applicability};
    use text::Lang;

    fn english() -> Text {
        Text::english()
    }

    #[test]
    fn the_english_catalog_words_the_vocabulary_as_core_does() {
        let t = english();
        for endpoint in CoxEndpoint::ALL {
            assert_eq!(cox_endpoint(&t, endpoint), endpoint.label());
            assert_eq!(table(&t, endpoint), endpoint.table());
        }
        for endpoint in Endpoint::ALL {
            assert_eq!(km_endpoint(&t, endpoint), endpoint.label());
        }
        for m in CoxModel::ALL {
            assert_eq!(model(&t, m), m.label());
        }
        for g in [Group::High, Group::Low] {
            assert_eq!(group(&t, g), g.code());
        }
        for factor in RiskFactor::ALL {
            assert_eq!(paper_row(&t, factor), factor.paper_row());
            assert_eq!(absent(&t, factor), factor.absent());
            for input in factor.inputs() {
                assert_eq!(input_name(&t, input), *input);
            }
        }
        for c in Criterion::ALL {
            assert_eq!(criterion(&t, c), c.label());
            assert_eq!(cohort(&t, c), c.cohort());
        }
        for v in [Verdict::Within, Verdict::Outside, Verdict::Unknown] {
            assert_eq!(verdict(&t, v), v.code());
        }
        assert_eq!(t.results_separate_markers(), SEPARATE_MARKERS);
    }

    #[test]
    fn published_figures_read_as_core_prints_them_in_english() {
        let t = english();
        for row in OVERALL_SURVIVAL_COX {
            assert_eq!(hazard_ratio(&t, row.univariate), row.univariate.to_string());
            // Results printed `p = 0.002` and `p < 0.001` from core's PValue.
            let expected = match row.univariate.p {
                PValue::Exact(_) => format!("p = {}", row.univariate.p),
                PValue::Below(_) => format!("p {}", row.univariate.p),
            };
            assert_eq!(p_value(&t, row.univariate.p), expected);
        }
        for comparison in KM_COMPARISONS {
            assert_eq!(median(&t, comparison.low), comparison.low.to_string());
            assert_eq!(median(&t, comparison.high), comparison.high.to_string());
        }
    }

    #[test]
    fn german_writes_the_figures_with_a_decimal_comma() {
        let german = Text::from_catalog(Lang::De, include_str!("../../text/lang/de.txt"))
            .expect("the German catalog loads");
        // Table 2, IL6 univariate: 2.4 (1.5–3.88), p < 0.001.
        assert_eq!(
            hazard_ratio(&german, OVERALL_SURVIVAL_COX[0].univariate),
            "2,4 (95% CI 1,5–3,88)"
        );
        assert_eq!(
            p_value(&german, OVERALL_SURVIVAL_COX[0].univariate.p),
            "p < 0,001"
        );
        assert_eq!(
            paper_row(&german, RiskFactor::Il6High),
            "IL6 (> 6,53 pg/mL)"
        );
        assert_eq!(german.shown("-1.72"), "\u{2212}1,72");
        assert_eq!(english().shown("-1.72"), "-1.72");
    }

    #[test]
    fn every_applicability_reason_core_gives_has_its_own_entry() {
        // Every value of every criterion, one fragment each; `reason` must
        // map each wording to a catalog entry equal to it in English, and to
        // a different text in German (not the English fallback).
        let german = Text::from_catalog(Lang::De, include_str!("../../text/lang/de.txt"))
            .expect("the German catalog loads");
        let fragments = [
            "",
            "bclc=B",
            "bclc=C",
            "bclc=other",
            "ecog=0",
            "ecog=1",
            "ecog=2",
            "ecog=3",
            "extrahepatic=none",
            "extrahepatic=liver-dominant",
            "extrahepatic=lung-or-not-liver-dominant",
            "child_pugh=A",
            "child_pugh=B7",
            "child_pugh=B",
            "child_pugh=B8-9",
            "child_pugh=C",
        ];
        let mut seen = Vec::new();
        for fragment in fragments {
            for finding in Applicability::new(&parse_fragment(fragment)).findings {
                assert_eq!(reason(&english(), finding.reason), finding.reason);
                assert_ne!(
                    reason(&german, finding.reason),
                    finding.reason,
                    "{fragment}: {:?} has no catalog entry",
                    finding.reason
                );
                if !seen.contains(&finding.reason) {
                    seen.push(finding.reason);
                }
            }
        }
        // 1 "not given" + BCLC 3 + ECOG 3 + extrahepatic 3 + Child–Pugh 5.
        assert_eq!(seen.len(), 15);
    }
}

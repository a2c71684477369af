//! Does the study's cohort describe this patient at all?
//!
//! Judged against who was *in* the 83-patient cohort (Table 1), not only who
//! was eligible for SORAMIC (Methods, "Study design and patient population"):
//! ECOG 2 was eligible, but no patient of the 83 had it, so the figures say
//! nothing about such a patient. Each criterion is `within`, `outside` or
//! `unknown`; the verdict is `outside` if any criterion is, otherwise
//! `unknown` while any is unknown, otherwise `within`.

use crate::inputs::{BclcStage, EcogStatus, ExtrahepaticDisease, RawInputs};
use crate::published::{table1, COHORT_SIZE};
use crate::ChildPughClass;

/// The verdict, and the `applicability` hook's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Within,
    Outside,
    Unknown,
}

impl Verdict {
    /// `within`, `outside` or `unknown`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Within => "within",
            Verdict::Outside => "outside",
            Verdict::Unknown => "unknown",
        }
    }
}

/// The characteristics that decide applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    Bclc,
    Ecog,
    Extrahepatic,
    ChildPugh,
}

impl Criterion {
    pub const ALL: [Criterion; 4] = [
        Criterion::Bclc,
        Criterion::Ecog,
        Criterion::Extrahepatic,
        Criterion::ChildPugh,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Criterion::Bclc => "BCLC stage",
            Criterion::Ecog => "ECOG performance status",
            Criterion::Extrahepatic => "Extrahepatic disease",
            Criterion::ChildPugh => "Child–Pugh class",
        }
    }

    /// Who was in the cohort, from Table 1 (and the eligibility in Methods).
    pub fn cohort(self) -> String {
        match self {
            Criterion::Bclc => format!(
                "BCLC B (not eligible for TACE): {}, BCLC C: {} of {COHORT_SIZE}",
                table1::BCLC_B,
                table1::BCLC_C
            ),
            Criterion::Ecog => format!(
                "ECOG 0: {}, ECOG 1: {}, missing: {}; none with ECOG 2 (eligible up to 2)",
                table1::ECOG_0,
                table1::ECOG_1,
                table1::ECOG_MISSING
            ),
            Criterion::Extrahepatic => format!(
                "extrahepatic spread in {} of {COHORT_SIZE}, only if liver-dominant without lung involvement (eligibility)",
                table1::EXTRAHEPATIC_SPREAD
            ),
            Criterion::ChildPugh => format!(
                "Child–Pugh A: {}, B: {} of {COHORT_SIZE} (eligibility: A to B7)",
                table1::CHILD_PUGH_A,
                table1::CHILD_PUGH_B
            ),
        }
    }
}

/// One criterion judged for this patient, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub criterion: Criterion,
    pub verdict: Verdict,
    pub reason: &'static str,
}

/// The verdict and every criterion's finding, in form order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicability {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl Applicability {
    pub fn new(inputs: &RawInputs) -> Self {
        Applicability::judge(inputs, inputs.child_pugh.chosen())
    }

    /// As [`Applicability::new`], with the Child–Pugh class given: the one
    /// chosen by hand or, without one, the class of the score from its parts.
    pub fn judge(inputs: &RawInputs, child_pugh_class: Option<ChildPughClass>) -> Self {
        let findings = vec![
            bclc(inputs.bclc.chosen()),
            ecog(inputs.ecog.chosen()),
            extrahepatic(inputs.extrahepatic.chosen()),
            child_pugh(child_pugh_class),
        ];
        let any = |verdict| findings.iter().any(|f| f.verdict == verdict);
        let verdict = if any(Verdict::Outside) {
            Verdict::Outside
        } else if any(Verdict::Unknown) {
            Verdict::Unknown
        } else {
            Verdict::Within
        };
        Applicability { verdict, findings }
    }

    pub fn is_outside(&self) -> bool {
        self.verdict == Verdict::Outside
    }

    /// The findings that put the patient outside the cohort.
    pub fn outside_reasons(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.verdict == Verdict::Outside)
    }
}

fn finding(criterion: Criterion, verdict: Verdict, reason: &'static str) -> Finding {
    Finding {
        criterion,
        verdict,
        reason,
    }
}

fn unknown(criterion: Criterion) -> Finding {
    finding(criterion, Verdict::Unknown, "not given")
}

fn bclc(stage: Option<BclcStage>) -> Finding {
    let c = Criterion::Bclc;
    match stage {
        None => unknown(c),
        Some(BclcStage::BNotForTace) => finding(
            c,
            Verdict::Within,
            "BCLC B not eligible for TACE, as in the cohort",
        ),
        Some(BclcStage::C) => finding(c, Verdict::Within, "BCLC C, as in the cohort"),
        Some(BclcStage::Other) => finding(
            c,
            Verdict::Outside,
            "the trial took only BCLC B not eligible for TACE, or BCLC C",
        ),
    }
}

fn ecog(status: Option<EcogStatus>) -> Finding {
    let c = Criterion::Ecog;
    match status {
        None => unknown(c),
        Some(EcogStatus::Zero | EcogStatus::One) => {
            finding(c, Verdict::Within, "ECOG 0–1, as in the cohort")
        }
        Some(EcogStatus::Two) => finding(
            c,
            Verdict::Outside,
            "ECOG 2 was eligible, but no patient of the 83 had it",
        ),
        Some(EcogStatus::ThreeOrMore) => {
            finding(c, Verdict::Outside, "ECOG 3 or more was not eligible")
        }
    }
}

fn extrahepatic(disease: Option<ExtrahepaticDisease>) -> Finding {
    let c = Criterion::Extrahepatic;
    match disease {
        None => unknown(c),
        Some(ExtrahepaticDisease::None) => {
            finding(c, Verdict::Within, "none, as most of the cohort")
        }
        Some(ExtrahepaticDisease::LiverDominant) => finding(
            c,
            Verdict::Within,
            "liver-dominant without lung involvement, as the trial allowed",
        ),
        Some(ExtrahepaticDisease::LungOrNotLiverDominant) => finding(
            c,
            Verdict::Outside,
            "the trial excluded lung involvement and disease that was not liver-dominant",
        ),
    }
}

fn child_pugh(class: Option<ChildPughClass>) -> Finding {
    let c = Criterion::ChildPugh;
    match class {
        None => unknown(c),
        Some(ChildPughClass::A) => {
            finding(c, Verdict::Within, "Child–Pugh A, as most of the cohort")
        }
        Some(ChildPughClass::B7) => {
            finding(c, Verdict::Within, "Child–Pugh B7, the most the trial took")
        }
        Some(ChildPughClass::BUnspecified) => finding(
            c,
            Verdict::Unknown,
            "class B without its points: B7 is within the trial, B8–9 is not",
        ),
        Some(ChildPughClass::B8To9) => finding(
            c,
            Verdict::Outside,
            "Child–Pugh B8–9: the trial took A to B7",
        ),
        Some(ChildPughClass::C) => {
            finding(c, Verdict::Outside, "Child–Pugh C: the trial took A to B7")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fragment::parse_fragment;

    fn verdict(fragment: &str) -> Verdict {
        Applicability::new(&parse_fragment(fragment)).verdict
    }

    #[test]
    fn nothing_given_is_unknown() {
        assert_eq!(verdict(""), Verdict::Unknown);
    }

    #[test]
    fn a_patient_like_the_cohort_is_within() {
        assert_eq!(
            verdict("bclc=C&ecog=1&extrahepatic=liver-dominant&child_pugh=B7"),
            Verdict::Within
        );
        assert_eq!(
            verdict("bclc=B&ecog=0&extrahepatic=none&child_pugh=A"),
            Verdict::Within
        );
    }

    #[test]
    fn child_pugh_c_alone_is_outside_even_with_the_rest_unknown() {
        // Methods: "Child–Pugh scores A to B7".
        let a = Applicability::new(&parse_fragment("child_pugh=C"));
        assert_eq!(a.verdict, Verdict::Outside);
        let reasons: Vec<_> = a.outside_reasons().map(|f| f.criterion).collect();
        assert_eq!(reasons, vec![Criterion::ChildPugh]);
    }

    #[test]
    fn ecog_two_was_eligible_but_is_outside_the_cohort() {
        // Table 1: ECOG 0 58, ECOG 1 24, missing 1 — no ECOG 2 among the 83.
        assert_eq!(table1::ECOG_0 + table1::ECOG_1 + table1::ECOG_MISSING, 83);
        assert_eq!(
            verdict("bclc=C&ecog=2&extrahepatic=none&child_pugh=A"),
            Verdict::Outside
        );
        assert_eq!(verdict("ecog=3"), Verdict::Outside);
    }

    #[test]
    fn bclc_other_lung_involvement_and_child_pugh_b8_9_are_outside() {
        assert_eq!(verdict("bclc=other"), Verdict::Outside);
        assert_eq!(
            verdict("extrahepatic=lung-or-not-liver-dominant"),
            Verdict::Outside
        );
        assert_eq!(verdict("child_pugh=B8-9"), Verdict::Outside);
    }

    #[test]
    fn an_old_link_with_b_and_no_points_cannot_be_placed() {
        assert_eq!(
            verdict("bclc=C&ecog=0&extrahepatic=none&child_pugh=B"),
            Verdict::Unknown
        );
    }

    #[test]
    fn the_cohort_lines_add_up_to_the_83_patients() {
        assert_eq!(table1::BCLC_B + table1::BCLC_C, 83);
        assert_eq!(table1::CHILD_PUGH_A + table1::CHILD_PUGH_B, 83);
        assert!(Criterion::Ecog.cohort().contains("none with ECOG 2"));
    }
}

//! CTCAE v5.0 "blood bilirubin increased", the paper's liver-dysfunction
//! event (issue 13).
//!
//! Definition: `reference/clinical.md`, "CTCAE v5.0: blood bilirubin
//! increased". The reference is the local laboratory's upper limit of normal
//! (ULN) when the baseline was normal (≤ ULN), and the baseline itself when it
//! was abnormal (> ULN). Each grade's range includes its upper end ("> 1.5 –
//! 3.0 × ULN" is grade 2 up to and including 3.0 × ULN). Liver dysfunction in
//! the paper = the first grade ≥ 2 increase during follow-up. All values in
//! µmol/L (the calculator converts mg/dL exactly); comparisons are exact.

use crate::decimal::Decimal;

/// Which reference a follow-up value is graded against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reference {
    /// Baseline ≤ ULN: multiples of the ULN.
    UpperLimitOfNormal,
    /// Baseline > ULN: multiples of the baseline.
    Baseline,
}

impl Reference {
    pub fn code(self) -> &'static str {
        match self {
            Reference::UpperLimitOfNormal => "uln",
            Reference::Baseline => "baseline",
        }
    }
}

/// A CTCAE grade, 0 (no increase) to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

impl Grade {
    pub fn value(self) -> u8 {
        self.0
    }

    /// Grade ≥ 2: the paper's liver-dysfunction event.
    pub fn is_liver_dysfunction(self) -> bool {
        self.0 >= 2
    }
}

/// The reference for a baseline and a ULN.
pub fn reference(baseline: Decimal, uln: Decimal) -> Reference {
    if baseline > uln {
        Reference::Baseline
    } else {
        Reference::UpperLimitOfNormal
    }
}

/// The grade of one follow-up value.
pub fn grade(value: Decimal, baseline: Decimal, uln: Decimal) -> Grade {
    let base = match reference(baseline, uln) {
        Reference::UpperLimitOfNormal => uln,
        Reference::Baseline => baseline,
    };
    // Upper ends of grades 1, 2 and 3: 1.5×, 3.0× and 10.0× the reference.
    let upper_1 = base.times(15, 1);
    let upper_2 = base.times(3, 0);
    let upper_3 = base.times(10, 0);
    Grade(if value <= base {
        0
    } else if value <= upper_1 {
        1
    } else if value <= upper_2 {
        2
    } else if value <= upper_3 {
        3
    } else {
        4
    })
}

/// One bilirubin measured after radioembolization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpValue {
    /// Months since radioembolization.
    pub months: Decimal,
    /// Total bilirubin, µmol/L.
    pub bilirubin_umol_l: Decimal,
}

/// The first follow-up value (in time) graded ≥ 2, with its position in
/// `values` (as entered) and its grade; `None` if there is none.
pub fn first_liver_dysfunction(
    values: &[FollowUpValue],
    baseline: Decimal,
    uln: Decimal,
) -> Option<(usize, Grade)> {
    values
        .iter()
        .enumerate()
        .map(|(index, v)| (index, v, grade(v.bilirubin_umol_l, baseline, uln)))
        .filter(|(_, _, g)| g.is_liver_dysfunction())
        .min_by(|(ia, a, _), (ib, b, _)| a.months.cmp(&b.months).then(ia.cmp(ib)))
        .map(|(index, _, g)| (index, g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(mantissa: u64, scale: u32) -> Decimal {
        Decimal::new(mantissa, scale)
    }

    #[test]
    fn a_normal_baseline_grades_against_the_uln_with_each_upper_end_included() {
        // ULN 21 µmol/L, baseline 10 (normal): 1.5 × 21 = 31.5, 3 × 21 = 63,
        // 10 × 21 = 210.
        let (baseline, uln) = (d(10, 0), d(21, 0));
        assert_eq!(reference(baseline, uln), Reference::UpperLimitOfNormal);
        let g = |v: Decimal| grade(v, baseline, uln).value();
        assert_eq!(g(d(21, 0)), 0);
        assert_eq!(g(d(211, 1)), 1);
        assert_eq!(g(d(315, 1)), 1);
        assert_eq!(g(d(316, 1)), 2);
        assert_eq!(g(d(63, 0)), 2);
        assert_eq!(g(d(631, 1)), 3);
        assert_eq!(g(d(210, 0)), 3);
        assert_eq!(g(d(2101, 1)), 4);
    }

    #[test]
    fn a_baseline_equal_to_the_uln_is_normal() {
        assert_eq!(reference(d(21, 0), d(21, 0)), Reference::UpperLimitOfNormal);
    }

    #[test]
    fn an_abnormal_baseline_grades_against_itself() {
        // ULN 21, baseline 30 (abnormal): 1.5 × 30 = 45, 3 × 30 = 90, 10 × 30 = 300.
        let (baseline, uln) = (d(30, 0), d(21, 0));
        assert_eq!(reference(baseline, uln), Reference::Baseline);
        let g = |v: Decimal| grade(v, baseline, uln).value();
        // 25 is above the ULN but not above the baseline: no increase.
        assert_eq!(g(d(25, 0)), 0);
        assert_eq!(g(d(30, 0)), 0);
        assert_eq!(g(d(301, 1)), 1);
        assert_eq!(g(d(45, 0)), 1);
        assert_eq!(g(d(451, 1)), 2);
        assert_eq!(g(d(90, 0)), 2);
        assert_eq!(g(d(901, 1)), 3);
        assert_eq!(g(d(300, 0)), 3);
        assert_eq!(g(d(3001, 1)), 4);
    }

    #[test]
    fn mg_dl_values_grade_exactly_after_conversion() {
        // ULN 1.2 mg/dL = 20.52 µmol/L; 3.6 mg/dL = 61.56 = exactly 3 × ULN: grade 2.
        let to_umol = |mg: Decimal| {
            crate::units::BilirubinUnit::MilligramsPerDecilitre.to_micromoles_per_litre(mg)
        };
        let uln = to_umol(d(12, 1));
        let baseline = to_umol(d(8, 1));
        assert_eq!(grade(to_umol(d(36, 1)), baseline, uln).value(), 2);
        assert_eq!(grade(to_umol(d(361, 2)), baseline, uln).value(), 3);
        assert_eq!(grade(to_umol(d(18, 1)), baseline, uln).value(), 1);
    }

    #[test]
    fn the_first_event_is_the_earliest_grade_2_whatever_the_order_typed() {
        let (baseline, uln) = (d(10, 0), d(21, 0));
        let values = [
            FollowUpValue {
                months: d(6, 0),
                bilirubin_umol_l: d(70, 0),
            },
            FollowUpValue {
                months: d(1, 0),
                bilirubin_umol_l: d(25, 0),
            },
            FollowUpValue {
                months: d(3, 0),
                bilirubin_umol_l: d(40, 0),
            },
        ];
        // 25 is grade 1 (≤ 31.5); 40 is grade 2 at 3 months: the event.
        assert_eq!(
            first_liver_dysfunction(&values, baseline, uln),
            Some((2, Grade(2)))
        );
        assert_eq!(first_liver_dysfunction(&values[1..2], baseline, uln), None);
        assert_eq!(first_liver_dysfunction(&[], baseline, uln), None);
    }

    #[test]
    fn an_abnormal_baseline_in_mg_dl_grades_against_itself_at_each_boundary() {
        // ULN 1.2 mg/dL = 20.52 µmol/L; baseline 2.0 mg/dL = 34.2 (abnormal).
        // 1.5 × 34.2 = 51.3 (= 3.0 mg/dL), 3 × 34.2 = 102.6 (= 6.0 mg/dL),
        // 10 × 34.2 = 342 (= 20.0 mg/dL).
        let to_umol = |mg: Decimal| {
            crate::units::BilirubinUnit::MilligramsPerDecilitre.to_micromoles_per_litre(mg)
        };
        let (baseline, uln) = (to_umol(d(20, 1)), to_umol(d(12, 1)));
        assert_eq!(reference(baseline, uln), Reference::Baseline);
        let g = |mg: Decimal| grade(to_umol(mg), baseline, uln).value();
        assert_eq!(g(d(20, 1)), 0);
        assert_eq!(g(d(201, 2)), 1);
        assert_eq!(g(d(30, 1)), 1);
        assert_eq!(g(d(301, 2)), 2);
        assert_eq!(g(d(60, 1)), 2);
        assert_eq!(g(d(601, 2)), 3);
        assert_eq!(g(d(200, 1)), 3);
        assert_eq!(g(d(2001, 2)), 4);
    }

    proptest::proptest! {
        /// A higher value never has a lower grade, whatever the baseline and ULN.
        #[test]
        fn the_grade_never_falls_as_the_value_rises(
            a in 0u64..1_000_000, b in 0u64..1_000_000,
            baseline in 1u64..200_000, uln in 1u64..100_000
        ) {
            let (low, high) = (d(a.min(b), 2), d(a.max(b), 2));
            let (baseline, uln) = (d(baseline, 2), d(uln, 2));
            proptest::prop_assert!(grade(low, baseline, uln) <= grade(high, baseline, uln));
        }
    }
}

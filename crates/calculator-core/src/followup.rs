//! What the calculator reads of the patient after baseline (issue 13): the
//! INR for the Child–Pugh score, and the bilirubin follow-up after
//! radioembolization graded by CTCAE v5 ([`crate::ctcae`]).
//!
//! As everywhere, the texts stay as typed ([`FollowUpText`]) and become values
//! here, each on its own, so one bad follow-up value loses nothing else.
//! Follow-up values and the ULN are in the unit of the calculator's
//! bilirubin field (one laboratory, one unit); times are months since
//! radioembolization, not dates, so that a link carries no patient's dates
//! and stays short.

use crate::ctcae::{self, FollowUpValue, Grade, Reference};
use crate::decimal::Decimal;
use crate::lab_values::{check_bilirubin, LabValueError};
use crate::number_input::{parse_number, NumberInputError};
use crate::units::BilirubinUnit;

/// The most follow-up values a link carries (and the form offers): a
/// monthly bilirubin for well over a year, with the link still short.
pub const MAX_FOLLOW_UP_VALUES: usize = 20;

/// Months since radioembolization above this are refused as a typing error:
/// the study's longest follow-up was under 5 years.
pub const MAX_FOLLOW_UP_MONTHS: Decimal = Decimal::new(120, 0);

/// No laboratory reports an INR above this; a larger number is a typing error.
pub const INR_MAX: Decimal = Decimal::new(20, 0);

/// One follow-up bilirubin as typed: the value and the months since RE.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowUpText {
    pub bilirubin: String,
    pub months: String,
}

/// Why an INR gives no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InrError {
    Number(NumberInputError),
    /// Zero is no measured INR.
    Zero,
    /// Above [`INR_MAX`].
    Above {
        maximum: Decimal,
    },
}

/// The INR typed: `Ok(None)` while the field is empty (unknown).
pub fn check_inr(text: &str) -> Result<Option<Decimal>, InrError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value = parse_number(text).map_err(InrError::Number)?;
    if value.is_zero() {
        Err(InrError::Zero)
    } else if value > INR_MAX {
        Err(InrError::Above { maximum: INR_MAX })
    } else {
        Ok(Some(value))
    }
}

/// Why a follow-up value gives no grade: its bilirubin or its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpError {
    /// The bilirubin, read like the calculator's own field.
    Bilirubin(LabValueError),
    /// The months since RE are not a number (empty included).
    Months(NumberInputError),
    /// More months than [`MAX_FOLLOW_UP_MONTHS`].
    MonthsAbove { maximum: Decimal },
}

/// The patient's liver-dysfunction outcome, read off the graded values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The first grade ≥ 2 increase: the paper's liver-dysfunction event.
    Event {
        /// Its position among the values as entered (0-based).
        index: usize,
        months: Decimal,
        grade: Grade,
    },
    /// No grade ≥ 2 increase; the last event-free value's time (the time
    /// the study would have censored at).
    EventFree { last_months: Decimal },
}

impl Outcome {
    pub fn months(self) -> Decimal {
        match self {
            Outcome::Event { months, .. } => months,
            Outcome::EventFree { last_months } => last_months,
        }
    }
}

/// The follow-up as far as it can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Whether anything of the panel was entered (ULN or a value).
    pub entered: bool,
    /// The local ULN in µmol/L; an empty field is `Number(Empty)`: a prompt.
    pub uln: Result<Decimal, LabValueError>,
    /// The baseline bilirubin in µmol/L, when the calculator's field is usable.
    pub baseline: Option<Decimal>,
    /// Each value as entered, read.
    pub values: Vec<Result<FollowUpValue, FollowUpError>>,
}

impl FollowUp {
    /// Reads the panel. `unit` is the bilirubin field's unit (`None` when a
    /// link gave an unknown one: nothing can be read then), `baseline` the
    /// calculator's usable bilirubin in µmol/L.
    pub fn new(
        uln: &str,
        texts: &[FollowUpText],
        unit: Option<BilirubinUnit>,
        baseline: Option<Decimal>,
    ) -> Self {
        let read = |text: &str| -> Result<Decimal, LabValueError> {
            let unit = unit.ok_or(LabValueError::Number(NumberInputError::Empty))?;
            check_bilirubin(text, unit).map(|checked| checked.value)
        };
        let values = texts
            .iter()
            .map(|text| {
                let bilirubin_umol_l = read(&text.bilirubin).map_err(FollowUpError::Bilirubin)?;
                let months = parse_number(&text.months).map_err(FollowUpError::Months)?;
                if months > MAX_FOLLOW_UP_MONTHS {
                    return Err(FollowUpError::MonthsAbove {
                        maximum: MAX_FOLLOW_UP_MONTHS,
                    });
                }
                Ok(FollowUpValue {
                    months,
                    bilirubin_umol_l,
                })
            })
            .collect();
        FollowUp {
            entered: !uln.trim().is_empty() || !texts.is_empty(),
            uln: read(uln),
            baseline,
            values,
        }
    }

    /// ULN and baseline, once both are known: what grading needs.
    fn basis(&self) -> Option<(Decimal, Decimal)> {
        Some((self.baseline?, *self.uln.as_ref().ok()?))
    }

    /// The reference the values are graded against.
    pub fn reference(&self) -> Option<Reference> {
        self.basis()
            .map(|(baseline, uln)| ctcae::reference(baseline, uln))
    }

    /// The grade of the `index`-th value, when it and the basis are valid.
    pub fn grade(&self, index: usize) -> Option<Grade> {
        let (baseline, uln) = self.basis()?;
        let value = self.values.get(index)?.as_ref().ok()?;
        Some(ctcae::grade(value.bilirubin_umol_l, baseline, uln))
    }

    /// The outcome from the valid values; `None` until the basis and at
    /// least one value are valid.
    pub fn outcome(&self) -> Option<Outcome> {
        let (baseline, uln) = self.basis()?;
        let valid: Vec<(usize, FollowUpValue)> = self
            .values
            .iter()
            .enumerate()
            .filter_map(|(index, v)| v.as_ref().ok().map(|v| (index, *v)))
            .collect();
        let only: Vec<FollowUpValue> = valid.iter().map(|(_, v)| *v).collect();
        if let Some((position, grade)) = ctcae::first_liver_dysfunction(&only, baseline, uln) {
            let (index, value) = valid[position.min(valid.len().saturating_sub(1))];
            return Some(Outcome::Event {
                index,
                months: value.months,
                grade,
            });
        }
        only.iter()
            .map(|v| v.months)
            .max()
            .map(|last_months| Outcome::EventFree { last_months })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(mantissa: u64, scale: u32) -> Decimal {
        Decimal::new(mantissa, scale)
    }

    fn text(bilirubin: &str, months: &str) -> FollowUpText {
        FollowUpText {
            bilirubin: bilirubin.into(),
            months: months.into(),
        }
    }

    #[test]
    fn an_empty_inr_is_unknown_and_a_decimal_comma_is_read() {
        assert_eq!(check_inr(""), Ok(None));
        assert_eq!(check_inr("1,7"), Ok(Some(d(17, 1))));
        assert_eq!(check_inr("0"), Err(InrError::Zero));
        assert_eq!(check_inr("21"), Err(InrError::Above { maximum: INR_MAX }));
        assert_eq!(
            check_inr("abc"),
            Err(InrError::Number(NumberInputError::NotANumber))
        );
    }

    #[test]
    fn a_bad_value_is_reported_alone_and_the_others_are_graded() {
        // ULN 21 µmol/L, baseline 10 (normal): grade 2 is above 31.5 up to 63.
        let follow_up = FollowUp::new(
            "21",
            &[
                text("25", "1"),
                text("4x", "2"),
                text("40", "3"),
                text("30", ""),
            ],
            Some(BilirubinUnit::MicromolesPerLitre),
            Some(d(10, 0)),
        );
        assert_eq!(follow_up.grade(0).map(Grade::value), Some(1));
        assert!(matches!(
            follow_up.values[1],
            Err(FollowUpError::Bilirubin(_))
        ));
        assert_eq!(follow_up.grade(1), None);
        assert_eq!(follow_up.grade(2).map(Grade::value), Some(2));
        assert_eq!(
            follow_up.values[3],
            Err(FollowUpError::Months(NumberInputError::Empty))
        );
        assert_eq!(
            follow_up.outcome(),
            Some(Outcome::Event {
                index: 2,
                months: d(3, 0),
                grade: follow_up.grade(2).expect("graded"),
            })
        );
    }

    #[test]
    fn without_an_event_the_outcome_is_the_last_event_free_time() {
        let follow_up = FollowUp::new(
            "21",
            &[text("25", "6"), text("20", "1,5")],
            Some(BilirubinUnit::MicromolesPerLitre),
            Some(d(10, 0)),
        );
        assert_eq!(
            follow_up.outcome(),
            Some(Outcome::EventFree {
                last_months: d(6, 0)
            })
        );
    }

    #[test]
    fn nothing_is_graded_without_the_uln_or_the_baseline() {
        let values = [text("40", "3")];
        let unit = Some(BilirubinUnit::MicromolesPerLitre);
        let no_uln = FollowUp::new("", &values, unit, Some(d(10, 0)));
        assert_eq!(
            no_uln.uln,
            Err(LabValueError::Number(NumberInputError::Empty))
        );
        assert_eq!((no_uln.grade(0), no_uln.outcome()), (None, None));
        let no_baseline = FollowUp::new("21", &values, unit, None);
        assert_eq!((no_baseline.grade(0), no_baseline.outcome()), (None, None));
        assert!(!FollowUp::new("", &[], unit, None).entered);
    }

    #[test]
    fn follow_up_values_and_uln_are_read_in_the_bilirubin_fields_unit() {
        // ULN 1.2 mg/dL = 20.52 µmol/L; baseline 0.8 mg/dL = 13.68 (normal);
        // 2.0 mg/dL = 34.2 > 1.5 × 20.52 = 30.78: grade 2 at 2 months.
        let follow_up = FollowUp::new(
            "1,2",
            &[text("2.0", "2"), text("1.8", "1")],
            Some(BilirubinUnit::MilligramsPerDecilitre),
            Some(d(1368, 2)),
        );
        assert_eq!(follow_up.uln, Ok(d(2052, 2)));
        assert_eq!(follow_up.reference(), Some(Reference::UpperLimitOfNormal));
        // 1.8 mg/dL = 30.78 = exactly 1.5 × ULN: still grade 1.
        assert_eq!(follow_up.grade(1).map(Grade::value), Some(1));
        assert_eq!(follow_up.outcome().map(Outcome::months), Some(d(2, 0)));
    }

    #[test]
    fn months_beyond_ten_years_are_a_typing_error() {
        let follow_up = FollowUp::new(
            "21",
            &[text("20", "121"), text("20", "120")],
            Some(BilirubinUnit::MicromolesPerLitre),
            Some(d(10, 0)),
        );
        assert_eq!(
            follow_up.values[0],
            Err(FollowUpError::MonthsAbove {
                maximum: MAX_FOLLOW_UP_MONTHS
            })
        );
        assert!(follow_up.values[1].is_ok());
    }

    proptest::proptest! {
        /// Any texts: no panic, a grade for every valid value once ULN and
        /// baseline are valid, and an event only at a grade of 2 or more.
        #[test]
        fn any_follow_up_reads_without_panicking(
            uln in "\\PC{0,8}", baseline in 0u64..100_000,
            values in proptest::collection::vec(("[0-9.,]{0,6}", "[0-9.,]{0,4}"), 0..6),
        ) {
            let texts: Vec<FollowUpText> = values
                .into_iter()
                .map(|(bilirubin, months)| FollowUpText { bilirubin, months })
                .collect();
            let follow_up = FollowUp::new(
                &uln,
                &texts,
                Some(BilirubinUnit::MicromolesPerLitre),
                Some(d(baseline, 2)),
            );
            for (index, value) in follow_up.values.iter().enumerate() {
                proptest::prop_assert_eq!(
                    follow_up.grade(index).is_some(),
                    value.is_ok() && follow_up.uln.is_ok()
                );
            }
            if let Some(Outcome::Event { index, grade, .. }) = follow_up.outcome() {
                proptest::prop_assert!(grade.is_liver_dysfunction());
                proptest::prop_assert_eq!(follow_up.grade(index), Some(grade));
            }
        }
    }
}

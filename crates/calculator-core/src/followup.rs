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
use crate::lab_values::{check_bilirubin_value, Checked, LabValueError, LabWarning};
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

/// The ULNs of total bilirubin that are graded against without a question,
/// in µmol/L: half to double the usual upper limit of about 21 µmol/L
/// (1.2 mg/dL; the usual range the bilirubin field's warnings give, about
/// 3–21 µmol/L). Every grade is a multiple of the ULN (CTCAE v5,
/// `reference/clinical.md`), so a ULN typed in the other unit would grade
/// every value wrongly — 1.2 read as µmol/L makes a normal bilirubin grade
/// 3, 21 read as mg/dL (359 µmol/L) hides every event.
pub const ULN_USUAL_UMOL_L: (Decimal, Decimal) = (Decimal::new(10, 0), Decimal::new(42, 0));

/// A ULN outside [`ULN_USUAL_UMOL_L`] that was not confirmed: nothing is
/// graded until it is corrected or confirmed (`unit_confirmed=uln`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UlnQuestion {
    /// The number is a usual ULN in this unit: likely typed in it.
    LikelyInUnit(BilirubinUnit),
    /// Not a usual ULN in either unit.
    Unusual,
}

/// The question a ULN typed as `typed` in `unit` raises, if any.
pub fn uln_question(typed: Decimal, unit: BilirubinUnit) -> Option<UlnQuestion> {
    let (low, high) = ULN_USUAL_UMOL_L;
    let usual = |umol: Decimal| umol >= low && umol <= high;
    if usual(unit.to_micromoles_per_litre(typed)) {
        None
    } else if usual(unit.other().to_micromoles_per_litre(typed)) {
        Some(UlnQuestion::LikelyInUnit(unit.other()))
    } else {
        Some(UlnQuestion::Unusual)
    }
}

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
    /// The ULN's unanswered question: while there is one, nothing is graded.
    pub uln_question: Option<UlnQuestion>,
    /// The ULN raised a question that was answered "right as typed": said
    /// again wherever the grades are (the note, the print).
    pub uln_confirmed_unusual: bool,
    /// Each value's warnings (the bilirubin field's: a value that looks
    /// typed in the other unit), by the values' positions; shown beside the
    /// value, which is still graded.
    pub warnings: Vec<Vec<LabWarning>>,
    /// The baseline bilirubin in µmol/L, when the calculator's field is usable.
    pub baseline: Option<Decimal>,
    /// Each value as entered, read.
    pub values: Vec<Result<FollowUpValue, FollowUpError>>,
}

impl FollowUp {
    /// Reads the panel. `unit` is the bilirubin field's unit (`None` when a
    /// link gave an unknown one: nothing can be read then), `baseline` the
    /// calculator's usable bilirubin in µmol/L, `uln_confirmed` whether an
    /// unusual ULN was confirmed as typed.
    pub fn new(
        uln: &str,
        texts: &[FollowUpText],
        unit: Option<BilirubinUnit>,
        baseline: Option<Decimal>,
        uln_confirmed: bool,
    ) -> Self {
        // The number as typed (the ULN's question is about it) and as read.
        let read = |text: &str| -> Result<(Decimal, Checked), LabValueError> {
            let unit = unit.ok_or(LabValueError::Number(NumberInputError::Empty))?;
            let typed = parse_number(text)?;
            Ok((typed, check_bilirubin_value(typed, unit)?))
        };
        let mut warnings = Vec::with_capacity(texts.len());
        let values = texts
            .iter()
            .map(|text| {
                let read = read(&text.bilirubin);
                warnings.push(
                    read.as_ref()
                        .map(|(_, checked)| checked.warnings.clone())
                        .unwrap_or_default(),
                );
                let bilirubin_umol_l = read.map_err(FollowUpError::Bilirubin)?.1.value;
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
        let uln_read = read(uln);
        // The ULN's own question replaces the field's warnings: its usual
        // range is much narrower than a bilirubin's.
        let question = uln_read
            .as_ref()
            .ok()
            .zip(unit)
            .and_then(|((typed, _), unit)| uln_question(*typed, unit));
        let uln_read = uln_read.map(|(_, checked)| checked.value);
        FollowUp {
            entered: !uln.trim().is_empty() || !texts.is_empty(),
            uln: uln_read,
            uln_question: question.filter(|_| !uln_confirmed),
            uln_confirmed_unusual: question.is_some() && uln_confirmed,
            warnings,
            baseline,
            values,
        }
    }

    /// ULN and baseline, once both are known and the ULN raises no
    /// question: what grading needs.
    fn basis(&self) -> Option<(Decimal, Decimal)> {
        if self.uln_question.is_some() {
            return None;
        }
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
            false,
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
            false,
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
        let no_uln = FollowUp::new("", &values, unit, Some(d(10, 0)), false);
        assert_eq!(
            no_uln.uln,
            Err(LabValueError::Number(NumberInputError::Empty))
        );
        assert_eq!((no_uln.grade(0), no_uln.outcome()), (None, None));
        let no_baseline = FollowUp::new("21", &values, unit, None, false);
        assert_eq!((no_baseline.grade(0), no_baseline.outcome()), (None, None));
        assert!(!FollowUp::new("", &[], unit, None, false).entered);
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
            false,
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
            false,
        );
        assert_eq!(
            follow_up.values[0],
            Err(FollowUpError::MonthsAbove {
                maximum: MAX_FOLLOW_UP_MONTHS
            })
        );
        assert!(follow_up.values[1].is_ok());
    }

    #[test]
    fn a_uln_typed_in_the_other_unit_is_asked_about_before_anything_is_graded() {
        let values = [text("40", "3")];
        let umol = Some(BilirubinUnit::MicromolesPerLitre);
        let mg = Some(BilirubinUnit::MilligramsPerDecilitre);
        // 1,2 in the µmol/L field: 1.2 µmol/L is far below any ULN, 1.2 mg/dL
        // (× 17.1 = 20.52 µmol/L) is the usual one. Against a ULN of 1.2 the
        // normal baseline of 10 would count as abnormal and 40 µmol/L as
        // grade 3 (4 × baseline, CTCAE's > 3.0–10.0 × baseline): held back.
        let asked = FollowUp::new("1,2", &values, umol, Some(d(10, 0)), false);
        assert_eq!(
            asked.uln_question,
            Some(UlnQuestion::LikelyInUnit(
                BilirubinUnit::MilligramsPerDecilitre
            ))
        );
        assert_eq!(asked.grade(0), None);
        assert_eq!(asked.outcome(), None);
        // Confirmed as typed: graded so (40 / 10 = 4 × baseline: grade 3).
        let confirmed = FollowUp::new("1,2", &values, umol, Some(d(10, 0)), true);
        assert_eq!(confirmed.uln_question, None);
        assert!(confirmed.uln_confirmed_unusual);
        assert!(!asked.uln_confirmed_unusual);
        assert_eq!(confirmed.grade(0).map(Grade::value), Some(3));
        // 21 in the mg/dL field (359.1 µmol/L) hides every event: asked,
        // 21 µmol/L being the usual ULN. (The values are then in mg/dL too.)
        let hidden = FollowUp::new("21", &[text("2", "3")], mg, Some(d(10, 0)), false);
        assert_eq!(
            hidden.uln_question,
            Some(UlnQuestion::LikelyInUnit(BilirubinUnit::MicromolesPerLitre))
        );
        // Usual ULNs in either unit ask nothing: 17 and 21 µmol/L, 1.2 mg/dL.
        for (uln, unit) in [("17", umol), ("21", umol), ("1.2", mg)] {
            assert_eq!(
                FollowUp::new(uln, &values, unit, Some(d(10, 0)), false).uln_question,
                None
            );
        }
    }

    #[test]
    fn the_usual_uln_range_has_its_edges_inside_and_a_number_usual_in_neither_unit_is_unusual() {
        let umol = BilirubinUnit::MicromolesPerLitre;
        assert_eq!(uln_question(d(10, 0), umol), None);
        assert_eq!(uln_question(d(42, 0), umol), None);
        // 9.9 µmol/L: below; as mg/dL 169.29 µmol/L: above too.
        assert_eq!(uln_question(d(99, 1), umol), Some(UlnQuestion::Unusual));
        // 100 µmol/L: neither (as mg/dL 1710 µmol/L).
        assert_eq!(uln_question(d(100, 0), umol), Some(UlnQuestion::Unusual));
        // 0.6 mg/dL = 10.26 µmol/L: inside; 2.5 mg/dL = 42.75: outside, and
        // 2.5 µmol/L is no ULN either.
        let mg = BilirubinUnit::MilligramsPerDecilitre;
        assert_eq!(uln_question(d(6, 1), mg), None);
        assert_eq!(uln_question(d(25, 1), mg), Some(UlnQuestion::Unusual));
    }

    #[test]
    fn a_follow_up_value_that_looks_typed_in_mg_dl_is_warned_about_and_still_graded() {
        // 2,5 in the µmol/L field: below 3 µmol/L, the field's own warning
        // (2.5 mg/dL would be 42.75 µmol/L, a grade 2 against ULN 21).
        let f = FollowUp::new(
            "21",
            &[text("2,5", "3"), text("25", "4")],
            Some(BilirubinUnit::MicromolesPerLitre),
            Some(d(10, 0)),
            false,
        );
        assert_eq!(
            f.warnings,
            vec![
                vec![LabWarning::BilirubinLikelyInUnit(
                    BilirubinUnit::MilligramsPerDecilitre
                )],
                vec![],
            ]
        );
        assert_eq!(f.grade(0).map(Grade::value), Some(0));
    }

    proptest::proptest! {
        /// Any texts: no panic, a grade for every valid value once ULN and
        /// baseline are valid, and an event only at a grade of 2 or more.
        #[test]
        fn any_follow_up_reads_without_panicking(
            uln in "\\PC{0,8}", baseline in 0u64..100_000,
            values in proptest::collection::vec(("[0-9.,]{0,6}", "[0-9.,]{0,4}"), 0..6),
            confirmed in proptest::bool::ANY,
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
                confirmed,
            );
            // A confirmed ULN raises no question; an unanswered one holds
            // every grade back.
            if confirmed {
                proptest::prop_assert!(follow_up.uln_question.is_none());
            }
            proptest::prop_assert_eq!(follow_up.warnings.len(), texts.len());
            for (index, value) in follow_up.values.iter().enumerate() {
                proptest::prop_assert_eq!(
                    follow_up.grade(index).is_some(),
                    value.is_ok() && follow_up.uln.is_ok() && follow_up.uln_question.is_none()
                );
            }
            if let Some(Outcome::Event { index, grade, .. }) = follow_up.outcome() {
                proptest::prop_assert!(grade.is_liver_dysfunction());
                proptest::prop_assert_eq!(follow_up.grade(index), Some(grade));
            }
        }
    }
}

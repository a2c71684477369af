//! The calculator's UI state: one plain struct, an `Action` enum and a pure
//! `reduce`, so every transition is testable natively.

use std::rc::Rc;

use calculator_core::child_pugh::{Ascites, Encephalopathy};
use calculator_core::followup::{FollowUpText, MAX_FOLLOW_UP_VALUES};
use calculator_core::{
    AlbuminUnit, BclcStage, BilirubinUnit, ChildPughClass, Cirrhosis, EcogStatus,
    ExtrahepaticDisease, LabField, RawInputs, Selection, UnitConfirmation,
};
use text::Lang;
use yew::Reducible;

/// Which view is shown: in the address as `view=about|cohort` (absent = the
/// calculator), with a history entry per change so Back returns to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Calculator,
    About,
    /// "Validate on your cohort" (issue 6).
    Cohort,
}

impl View {
    /// The `view=` fragment code; `None` for the calculator (the key is left out).
    pub fn code(self) -> Option<&'static str> {
        match self {
            View::Calculator => None,
            View::About => Some("about"),
            View::Cohort => Some("cohort"),
        }
    }

    /// The view a fragment names; an absent or unknown `view` is the calculator.
    pub fn from_fragment(fragment: &str) -> View {
        match fragment_value(fragment, "view") {
            Some("about") => View::About,
            Some("cohort") => View::Cohort,
            _ => View::Calculator,
        }
    }
}

/// The language a fragment names (`lang=de`); `None` when absent or unknown
/// (an unknown code falls back without an error, as the README promises).
pub fn lang_from_fragment(fragment: &str) -> Option<Lang> {
    fragment_value(fragment, "lang").and_then(Lang::from_code)
}

/// The value of `key` in a fragment (the last one wins, as in
/// `calculator_core::parse_fragment`). The UI's own keys (`view`, `lang`)
/// are plain ASCII codes, so no percent-decoding is needed.
fn fragment_value<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    body.rsplit('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, value)| value)
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CalculatorState {
    pub inputs: RawInputs,
    pub view: View,
    /// Large type and high contrast for a shared screen.
    pub presentation: bool,
    /// The inputs before the last Clear, while its Undo is offered.
    pub undo: Option<RawInputs>,
    /// The language chosen (in the address as `lang=`).
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    SetText(LabField, String),
    SetAlbuminUnit(AlbuminUnit),
    SetBilirubinUnit(BilirubinUnit),
    SetCirrhosis(Selection<Cirrhosis>),
    SetChildPugh(Selection<ChildPughClass>),
    SetBclc(Selection<BclcStage>),
    SetEcog(Selection<EcogStatus>),
    SetExtrahepatic(Selection<ExtrahepaticDisease>),
    SetInr(String),
    SetAscites(Selection<Ascites>),
    SetEncephalopathy(Selection<Encephalopathy>),
    SetUln(String),
    /// The `n`-th follow-up value (0-based), as typed.
    SetFollowUp(usize, FollowUpText),
    /// A new, empty follow-up value at the end (up to the link's maximum).
    AddFollowUp,
    RemoveFollowUp(usize),
    /// "The value is right as typed": answers a unit question.
    ConfirmUnit(UnitConfirmation),
    /// A new fragment arrived (a pasted link, back/forward).
    ReplaceInputs(Box<RawInputs>),
    Clear,
    /// Puts back the inputs the last Clear removed.
    UndoClear,
    /// The Undo offer ran out.
    ForgetUndo,
    Show(View),
    SetLang(Lang),
    SetPresentation(bool),
    TogglePresentation,
}

impl CalculatorState {
    pub fn with_inputs(inputs: RawInputs) -> Self {
        CalculatorState {
            inputs,
            ..CalculatorState::default()
        }
    }

    /// The state after `action`; pure, and `None` when nothing changes.
    pub fn apply(&self, action: Action) -> Option<CalculatorState> {
        let mut next = self.clone();
        match action {
            // A confirmation is of one value in one unit: changing either
            // asks the question again.
            Action::SetText(field, text) => {
                if *next.inputs.text(field) != text {
                    next.inputs.forget_confirmations_of(field);
                }
                *next.inputs.text_mut(field) = text;
            }
            // A unit change reinterprets the typed number rather than
            // converting it: the selector says what unit the report is in.
            Action::SetAlbuminUnit(unit) => {
                if next.inputs.albumin_unit != Selection::Chosen(unit) {
                    next.inputs.forget_confirmations_of(LabField::Albumin);
                }
                next.inputs.albumin_unit = Selection::Chosen(unit);
            }
            Action::SetBilirubinUnit(unit) => {
                if next.inputs.bilirubin_unit != Selection::Chosen(unit) {
                    next.inputs.forget_confirmations_of(LabField::Bilirubin);
                    // The follow-up's ULN is read in this unit too.
                    next.inputs.forget_confirmation(UnitConfirmation::Uln);
                }
                next.inputs.bilirubin_unit = Selection::Chosen(unit);
            }
            Action::SetCirrhosis(choice) => next.inputs.cirrhosis = choice,
            Action::SetChildPugh(choice) => next.inputs.child_pugh = choice,
            Action::SetBclc(choice) => next.inputs.bclc = choice,
            Action::SetEcog(choice) => next.inputs.ecog = choice,
            Action::SetExtrahepatic(choice) => next.inputs.extrahepatic = choice,
            Action::SetInr(text) => next.inputs.inr = text,
            Action::SetAscites(choice) => next.inputs.ascites = choice,
            Action::SetEncephalopathy(choice) => next.inputs.encephalopathy = choice,
            Action::SetUln(text) => {
                if next.inputs.uln != text {
                    next.inputs.forget_confirmation(UnitConfirmation::Uln);
                }
                next.inputs.uln = text;
            }
            Action::SetFollowUp(index, text) => {
                if let Some(entry) = next.inputs.follow_up.get_mut(index) {
                    *entry = text;
                }
            }
            Action::AddFollowUp => {
                if next.inputs.follow_up.len() < MAX_FOLLOW_UP_VALUES {
                    next.inputs.follow_up.push(FollowUpText::default());
                }
            }
            Action::RemoveFollowUp(index) => {
                if index < next.inputs.follow_up.len() {
                    next.inputs.follow_up.remove(index);
                }
            }
            Action::ConfirmUnit(confirmation) => {
                if !next.inputs.is_confirmed(confirmation) {
                    next.inputs.unit_confirmed.push(confirmation);
                }
            }
            Action::ReplaceInputs(inputs) => next.inputs = *inputs,
            Action::Clear => {
                if !self.inputs.is_empty() {
                    next.undo = Some(std::mem::take(&mut next.inputs));
                }
            }
            Action::UndoClear => {
                if let Some(inputs) = next.undo.take() {
                    next.inputs = inputs;
                }
            }
            Action::ForgetUndo => next.undo = None,
            Action::Show(view) => next.view = view,
            Action::SetLang(lang) => next.lang = lang,
            Action::SetPresentation(on) => next.presentation = on,
            Action::TogglePresentation => next.presentation = !self.presentation,
        }
        (next != *self).then_some(next)
    }
}

impl Reducible for CalculatorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_in_one_field_leaves_the_others_as_they_were() {
        let state = CalculatorState::with_inputs(RawInputs {
            il8: "abc".into(),
            albumin: "3,4".into(),
            ..RawInputs::default()
        });
        let next = state
            .apply(Action::SetText(LabField::Il6, "1.2.3".into()))
            .expect("changed");
        assert_eq!(next.inputs.il6, "1.2.3");
        assert_eq!(next.inputs.il8, "abc");
        assert_eq!(next.inputs.albumin, "3,4");
    }

    #[test]
    fn changing_the_unit_keeps_the_typed_number() {
        let state = CalculatorState::with_inputs(RawInputs {
            albumin: "3.4".into(),
            ..RawInputs::default()
        });
        let next = state
            .apply(Action::SetAlbuminUnit(AlbuminUnit::GramsPerDecilitre))
            .expect("changed");
        assert_eq!(next.inputs.albumin, "3.4");
        assert_eq!(
            next.inputs.albumin_unit,
            Selection::Chosen(AlbuminUnit::GramsPerDecilitre)
        );
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = Rc::new(CalculatorState::default());
        let same = state.clone().reduce(Action::Clear);
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn presentation_mode_toggles_and_leaves_the_inputs_alone() {
        let state = CalculatorState::with_inputs(RawInputs {
            il6: "12".into(),
            ..RawInputs::default()
        });
        let on = state.apply(Action::TogglePresentation).expect("changed");
        assert!(on.presentation);
        assert_eq!(on.inputs, state.inputs);
        let off = on.apply(Action::TogglePresentation).expect("changed");
        assert!(!off.presentation);
        assert_eq!(off.apply(Action::SetPresentation(false)), None);
    }

    #[test]
    fn clear_empties_every_field_and_resets_choices_to_unknown() {
        let state = CalculatorState::with_inputs(calculator_core::parse_fragment(
            "il6=1&il8=2&albumin=3&albumin_unit=g/dL&bilirubin=4&cirrhosis=yes&child_pugh=B",
        ));
        let next = state.apply(Action::Clear).expect("changed");
        assert_eq!(next.inputs, RawInputs::default());
    }

    #[test]
    fn a_confirmed_unit_is_asked_again_when_its_field_changes() {
        let state = CalculatorState::with_inputs(calculator_core::parse_fragment(
            "albumin=3.1&bilirubin=5&unit_confirmed=albumin,bilirubin",
        ));
        let next = state
            .apply(Action::SetText(LabField::Albumin, "3.2".into()))
            .expect("changed");
        assert_eq!(
            next.inputs.unit_confirmed,
            vec![UnitConfirmation::Bilirubin]
        );
        let next = next
            .apply(Action::SetBilirubinUnit(
                BilirubinUnit::MilligramsPerDecilitre,
            ))
            .expect("changed");
        assert!(next.inputs.unit_confirmed.is_empty());
        // Confirming twice changes nothing the second time.
        let confirmed = next
            .apply(Action::ConfirmUnit(UnitConfirmation::Mixed))
            .expect("changed");
        assert_eq!(
            confirmed.apply(Action::ConfirmUnit(UnitConfirmation::Mixed)),
            None
        );
    }

    #[test]
    fn clear_can_be_undone_until_the_offer_is_forgotten() {
        let state = CalculatorState::with_inputs(calculator_core::parse_fragment("il6=12&ecog=1"));
        let cleared = state.apply(Action::Clear).expect("changed");
        assert_eq!(cleared.inputs, RawInputs::default());
        let undone = cleared.apply(Action::UndoClear).expect("changed");
        assert_eq!(undone.inputs, state.inputs);
        assert_eq!(undone.undo, None);
        let forgotten = cleared.apply(Action::ForgetUndo).expect("changed");
        assert_eq!(forgotten.apply(Action::UndoClear), None);
    }

    #[test]
    fn the_view_is_read_from_the_fragment_and_defaults_to_the_calculator() {
        assert_eq!(View::from_fragment("#il6=1&view=about"), View::About);
        assert_eq!(View::from_fragment("view=cohort"), View::Cohort);
        assert_eq!(View::from_fragment("#il6=1"), View::Calculator);
        assert_eq!(View::from_fragment("#view=nonsense"), View::Calculator);
        for view in [View::About, View::Cohort] {
            let code = view.code().expect("a code");
            assert_eq!(View::from_fragment(&format!("view={code}")), view);
        }
        assert_eq!(View::Calculator.code(), None);
    }

    #[test]
    fn the_language_is_read_from_the_fragment_and_an_unknown_code_is_none() {
        assert_eq!(lang_from_fragment("#il6=3&lang=de"), Some(Lang::De));
        assert_eq!(lang_from_fragment("lang=it&view=about"), Some(Lang::It));
        assert_eq!(lang_from_fragment("#lang=xx"), None);
        assert_eq!(lang_from_fragment("#il6=3"), None);
        // The last occurrence wins, as for the inputs.
        assert_eq!(lang_from_fragment("#lang=fr&lang=es"), Some(Lang::Es));
    }

    #[test]
    fn choosing_a_language_keeps_the_inputs() {
        let state = CalculatorState::with_inputs(RawInputs {
            il6: "12,4".into(),
            ..RawInputs::default()
        });
        let next = state.apply(Action::SetLang(Lang::Fr)).expect("a change");
        assert_eq!(next.lang, Lang::Fr);
        assert_eq!(next.inputs, state.inputs);
        assert_eq!(next.apply(Action::SetLang(Lang::Fr)), None);
    }

    #[test]
    fn follow_up_values_are_added_edited_and_removed_one_at_a_time() {
        let state = CalculatorState::with_inputs(calculator_core::parse_fragment("uln=21&fu=25@1"));
        let added = state.apply(Action::AddFollowUp).expect("changed");
        assert_eq!(added.inputs.follow_up.len(), 2);
        let edited = added
            .apply(Action::SetFollowUp(
                1,
                FollowUpText {
                    bilirubin: "40".into(),
                    months: "3".into(),
                },
            ))
            .expect("changed");
        assert_eq!(
            calculator_core::to_fragment(&edited.inputs),
            "uln=21&fu=25@1;40@3"
        );
        let removed = edited.apply(Action::RemoveFollowUp(0)).expect("changed");
        assert_eq!(removed.inputs.follow_up[0].bilirubin, "40");
        // Out of range: nothing changes, nothing panics.
        assert_eq!(removed.apply(Action::RemoveFollowUp(5)), None);
        assert_eq!(
            removed.apply(Action::SetFollowUp(5, FollowUpText::default())),
            None
        );
    }

    #[test]
    fn no_more_follow_up_values_than_a_link_carries() {
        let mut state = CalculatorState::default();
        for _ in 0..MAX_FOLLOW_UP_VALUES {
            state = state.apply(Action::AddFollowUp).expect("changed");
        }
        assert_eq!(state.apply(Action::AddFollowUp), None);
    }

    #[test]
    fn a_confirmed_uln_is_asked_again_when_the_uln_or_the_bilirubin_unit_changes() {
        let state = CalculatorState::default()
            .apply(Action::SetUln("1,2".into()))
            .expect("changed")
            .apply(Action::ConfirmUnit(UnitConfirmation::Uln))
            .expect("changed");
        assert!(state.inputs.is_confirmed(UnitConfirmation::Uln));
        // The same text again changes nothing.
        assert!(state.apply(Action::SetUln("1,2".into())).is_none());
        let retyped = state.apply(Action::SetUln("1,3".into())).expect("changed");
        assert!(!retyped.inputs.is_confirmed(UnitConfirmation::Uln));
        let other_unit = state
            .apply(Action::SetBilirubinUnit(
                BilirubinUnit::MilligramsPerDecilitre,
            ))
            .expect("changed");
        assert!(!other_unit.inputs.is_confirmed(UnitConfirmation::Uln));
    }
}

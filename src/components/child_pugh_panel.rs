//! The Child–Pugh score from its five parts (issue 13), folded under the
//! class choice: INR, ascites and encephalopathy asked here, bilirubin and
//! albumin taken from the form's own fields. It renders and emits actions;
//! the score is core's (`calculator_core::child_pugh`).

use calculator_core::child_pugh::{bilirubin_readings_differ, Ascites, Encephalopathy, Part};
use calculator_core::followup::InrError;
use calculator_core::{Assessment, Choice, RawInputs, Selection};
use text::Text;
use yew::prelude::*;

use crate::components::choice_input::{ChoiceInput, ChoiceOption, UNKNOWN};
use crate::components::follow_up_panel::{error_line, number_field};
use crate::form_text::FormLabel;
use crate::state::Action;

/// What the form shows right under the class choice: the score's class when
/// it fills the choice, or the disagreement with the hand choice.
pub fn child_pugh_note(t: &Text, a: &Assessment) -> Html {
    let Some(score) = a.child_pugh_score() else {
        return Html::default();
    };
    let total = score.total().to_string();
    if let Some(_disagreement) = a.child_pugh_disagreement() {
        return html! {
            <p class="warning" data-testid="child-pugh-disagreement">
                <span class="icon" aria-hidden="true">{ "⚠ " }</span>
                { t.cp_disagree_choice(&score.label()) }
            </p>
        };
    }
    if a.child_pugh_by_hand.is_none() {
        return html! {
            <p class="note" data-testid="child-pugh-from-parts">
                { t.cp_total(&total, &score.label()) }{ ". " }{ t.cp_fills() }
            </p>
        };
    }
    Html::default()
}

pub fn child_pugh_panel(
    t: &Text,
    inputs: &RawInputs,
    a: &Assessment,
    on_action: &Callback<Action>,
) -> Html {
    let on_inr = on_action.reform(Action::SetInr);
    let on_ascites = on_action.reform(|code: String| Action::SetAscites(selection(&code)));
    let on_encephalopathy =
        on_action.reform(|code: String| Action::SetEncephalopathy(selection(&code)));
    let inr_error = a.inr.as_ref().err().map(|e| match e {
        InrError::Number(e) => wording::number_input_error(t, e),
        InrError::Zero => t.cp_inr_zero().to_owned(),
        InrError::Above { maximum } => t.cp_inr_above(&t.shown(&maximum.to_string())),
    });
    let parts = &a.child_pugh_parts;
    let part_name = |part: Part| -> String {
        match part {
            Part::Bilirubin => t.cp_part_bilirubin().to_owned(),
            Part::Albumin => t.cp_part_albumin().to_owned(),
            Part::Inr => t.cp_inr().to_owned(),
            Part::Ascites => t.cp_ascites().to_owned(),
            Part::Encephalopathy => t.cp_encephalopathy().to_owned(),
        }
    };
    let score = a.child_pugh_score();
    let open = !inputs.inr.is_empty()
        || inputs.ascites != Selection::Unknown
        || inputs.encephalopathy != Selection::Unknown;
    html! {
        <details class="optional-parts child-pugh-parts" data-testid="child-pugh-parts" {open}>
            <summary>{ t.cp_summary() }</summary>
            <p class="hint">{ t.cp_hint() }</p>
            <div class={classes!("lab-input", inr_error.as_ref().map(|_| "invalid"))}>
                <label for="input-inr">{ t.cp_inr() }</label>
                <div class="input-row">
                    { number_field("input-inr".to_owned(), t.cp_inr().to_owned(), &inputs.inr, inr_error.is_some(), on_inr) }
                </div>
                <div class="messages" aria-live="polite">
                    if let Some(error) = inr_error {
                        { error_line("error-inr".to_owned(), error) }
                    }
                </div>
            </div>
            <ChoiceInput
                name="ascites"
                legend={t.cp_ascites().to_owned()}
                options={options::<Ascites>(t)}
                selected={selected(&inputs.ascites)}
                error={a.ascites.as_ref().err().map(|e| AttrValue::from(wording::choice_error(t, e)))}
                on_change={on_ascites}
            />
            <ChoiceInput
                name="encephalopathy"
                legend={t.cp_encephalopathy().to_owned()}
                options={options::<Encephalopathy>(t)}
                selected={selected(&inputs.encephalopathy)}
                error={a.encephalopathy.as_ref().err().map(|e| AttrValue::from(wording::choice_error(t, e)))}
                on_change={on_encephalopathy}
            />
            <ul class="child-pugh-points">
                { for parts.points().into_iter().map(|(part, points)| {
                    let value = points.map_or_else(|| "unknown".to_owned(), |p| p.to_string());
                    // The digit alone: "1 points" would be wrong, and the total says "points".
                    let shown = points.map_or_else(|| t.cp_part_unknown().to_owned(), |p| p.to_string());
                    html! {
                        <li>
                            { format!("{}: ", part_name(part)) }
                            <span data-testid={format!("child-pugh-points-{}", part.code())} data-value={value}>{ shown }</span>
                        </li>
                    }
                }) }
            </ul>
            if parts.bilirubin_umol_l.is_some_and(bilirubin_readings_differ) {
                <p class="note" data-testid="child-pugh-rounded-table">{ t.cp_rounded_table() }</p>
            }
            if let Some(score) = score {
                <p class="child-pugh-total">
                    <span data-testid="child-pugh-score" data-value={score.total().to_string()}>{ t.cp_points(&score.total().to_string()) }</span>
                    { ": " }
                    <strong data-testid="child-pugh-class" data-value={score.label()}>{ format!("{} {}", t.app_values_child_pugh(), score.label()) }</strong>
                </p>
                if let Some((chosen, _)) = a.child_pugh_disagreement() {
                    <p class="warning" data-testid="child-pugh-disagreement-score">
                        <span class="icon" aria-hidden="true">{ "⚠ " }</span>
                        { t.cp_disagree_score(chosen.form_label(t)) }
                    </p>
                }
            } else {
                <p class="prompt">{ t.cp_needs() }</p>
            }
        </details>
    }
}

fn options<T: FormLabel>(t: &Text) -> Vec<ChoiceOption> {
    T::ALL
        .iter()
        .map(|&c| ChoiceOption {
            code: c.code(),
            label: AttrValue::from(c.form_label(t).to_owned()),
        })
        .collect()
}

fn selection<T: Choice>(code: &str) -> Selection<T> {
    if code == UNKNOWN {
        return Selection::Unknown;
    }
    match T::from_code(code) {
        Some(value) => Selection::Chosen(value),
        None => Selection::Invalid(code.to_owned()),
    }
}

fn selected<T: Choice>(selection: &Selection<T>) -> Option<&'static str> {
    match selection {
        Selection::Unknown => Some(UNKNOWN),
        Selection::Chosen(value) => Some(value.code()),
        Selection::Invalid(_) => None,
    }
}

//! The bilirubin follow-up after radioembolization (issue 13), folded at the
//! end of the form: the local ULN, the baseline (the form's bilirubin) and
//! any number of follow-up values, each graded by CTCAE v5 beside it, the
//! first grade ≥ 2 marked as the paper's liver-dysfunction event, and the
//! REILD criteria as questions. Grading is core's (`calculator_core::ctcae`).

use calculator_core::ctcae::Reference;
use calculator_core::followup::{
    FollowUpError, FollowUpText, Outcome, UlnQuestion, MAX_FOLLOW_UP_VALUES,
};
use calculator_core::lab_values::LabValueError;
use calculator_core::{Assessment, RawInputs, UnitConfirmation};
use text::Text;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::Action;

/// One short number field of the two panels (INR, ULN, a follow-up value or
/// its months): one copy of the markup for all of them, to keep the wasm small.
#[inline(never)]
pub fn number_field(
    testid: String,
    label: String,
    value: &str,
    invalid: bool,
    on_input: Callback<String>,
) -> Html {
    let oninput = Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        on_input.emit(input.value());
    });
    html! {
        <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" maxlength="64"
            id={testid.clone()} data-testid={testid} aria-label={label}
            value={value.to_owned()}
            aria-invalid={if invalid { "true" } else { "false" }}
            {oninput} />
    }
}

/// A field's error, beside it.
#[inline(never)]
pub fn error_line(testid: String, message: String) -> Html {
    html! {
        <p class="error" data-testid={testid}>
            <span class="icon" aria-hidden="true">{ "✖ " }</span>{ message }
        </p>
    }
}

/// A field's warning, beside it (the value is still used).
#[inline(never)]
fn warning_line(testid: String, message: String) -> Html {
    html! {
        <p class="warning" role="note" data-testid={testid}>
            <span class="icon" aria-hidden="true">{ "⚠ " }</span>{ message }
        </p>
    }
}

/// The words for a bilirubin (ULN or follow-up value) that gives no value.
fn bilirubin_error(t: &Text, error: &LabValueError) -> String {
    match error {
        // The form's zero message speaks of ALBI's logarithm.
        LabValueError::Zero => t.fu_zero().to_owned(),
        other => wording::lab_value_error(t, other),
    }
}

fn follow_up_error(t: &Text, error: &FollowUpError) -> String {
    match error {
        FollowUpError::Bilirubin(e) => bilirubin_error(t, e),
        FollowUpError::Months(e) => wording::number_input_error(t, e),
        FollowUpError::MonthsAbove { maximum } => t.fu_months_above(&t.shown(&maximum.to_string())),
    }
}

/// An empty part of a row is still being filled in: no error to show.
fn is_empty_input(error: &FollowUpError) -> bool {
    match error {
        FollowUpError::Bilirubin(e) => e.is_empty_input(),
        FollowUpError::Months(e) => *e == calculator_core::number_input::NumberInputError::Empty,
        FollowUpError::MonthsAbove { .. } => false,
    }
}

pub fn follow_up_panel(
    t: &Text,
    inputs: &RawInputs,
    a: &Assessment,
    on_action: &Callback<Action>,
) -> Html {
    let f = &a.follow_up;
    let unit = inputs.bilirubin_unit.chosen().map_or("?", |u| u.label());
    let on_uln = on_action.reform(Action::SetUln);
    let uln_error = f
        .uln
        .as_ref()
        .err()
        .filter(|e| !e.is_empty_input())
        .map(|e| bilirubin_error(t, e));
    let outcome = f.outcome();
    let event_index = match outcome {
        Some(Outcome::Event { index, .. }) => Some(index),
        _ => None,
    };
    let row = |index: usize, entry: &FollowUpText| {
        let n = (index + 1).to_string();
        let edit = |months: bool| {
            let entry = entry.clone();
            on_action.reform(move |text: String| {
                let mut next = entry.clone();
                if months {
                    next.months = text;
                } else {
                    next.bilirubin = text;
                }
                Action::SetFollowUp(index, next)
            })
        };
        let remove = on_action.reform(move |_: MouseEvent| Action::RemoveFollowUp(index));
        let error = f
            .values
            .get(index)
            .and_then(|v| v.as_ref().err())
            .filter(|e| !is_empty_input(e))
            .map(|e| follow_up_error(t, e));
        let grade = f.grade(index);
        let warnings: Vec<String> = f
            .warnings
            .get(index)
            .map(|w| w.iter().map(|w| wording::lab_warning(t, w)).collect())
            .unwrap_or_default();
        html! {
            <li class={classes!("follow-up-value", error.as_ref().map(|_| "invalid"))}>
                <div class="input-row">
                    { number_field(format!("input-fu-value-{n}"), t.fu_value_label(&n), &entry.bilirubin, error.is_some(), edit(false)) }
                    <span class="unit" aria-hidden="true">{ unit }</span>
                    { number_field(format!("input-fu-months-{n}"), t.fu_months_label(&n), &entry.months, error.is_some(), edit(true)) }
                    // The second number's unit on screen too: months since
                    // radioembolization, not a second bilirubin.
                    <span class="unit" aria-hidden="true">{ t.fu_months_unit() }</span>
                    <button type="button" class="secondary" data-testid={format!("followup-remove-{n}")}
                        aria-label={t.fu_remove(&n)} onclick={remove}>{ "×" }</button>
                </div>
                if let Some(grade) = grade {
                    <span class={classes!("ctcae-grade", grade.is_liver_dysfunction().then_some("high"))}
                        data-testid={format!("ctcae-grade-{n}")} data-value={grade.value().to_string()}>
                        { t.fu_grade(&grade.value().to_string()) }
                    </span>
                    if event_index == Some(index) {
                        { " " }<strong class="event" data-testid="liver-dysfunction-mark">{ t.fu_event_mark() }</strong>
                    }
                }
                if let Some(error) = error {
                    { error_line(format!("followup-error-{n}"), error) }
                }
                if !warnings.is_empty() {
                    { warning_line(format!("warning-fu-value-{n}"), warnings.join(" ")) }
                }
            </li>
        }
    };
    let on_add = on_action.reform(|_: MouseEvent| Action::AddFollowUp);
    // A ULN typed in the other unit would misgrade every value: asked.
    let uln_question = f.uln_question.map(|question| {
        let value = t.shown(inputs.uln.trim());
        match question {
            UlnQuestion::LikelyInUnit(likely) => t.fu_uln_other_unit(&value, unit, likely.label()),
            UlnQuestion::Unusual => t.fu_uln_unusual(&value, unit),
        }
    });
    let on_confirm_uln =
        on_action.reform(|_: MouseEvent| Action::ConfirmUnit(UnitConfirmation::Uln));
    html! {
        <details class="optional-parts follow-up" data-testid="follow-up" open={f.entered}>
            <summary>{ t.fu_summary() }</summary>
            <div class={classes!("lab-input", uln_error.as_ref().map(|_| "invalid"))}>
                <label for="input-uln">{ t.fu_uln(unit) }</label>
                <div class="hint">{ t.fu_uln_hint() }</div>
                <div class="input-row">
                    { number_field("input-uln".to_owned(), t.fu_uln(unit), &inputs.uln, uln_error.is_some(), on_uln) }
                    <span class="unit" aria-hidden="true">{ unit }</span>
                </div>
                <div class="messages" aria-live="polite">
                    if let Some(error) = uln_error {
                        { error_line("error-uln".to_owned(), error) }
                    }
                    if let Some(question) = uln_question {
                        { warning_line("warning-uln".to_owned(), question) }
                        <button type="button" class="secondary" data-testid="confirm-unit-uln"
                            onclick={on_confirm_uln}>{ t.fu_uln_confirm() }</button>
                    }
                </div>
            </div>
            <p class="note">
                if f.baseline.is_some() {
                    { t.fu_baseline(&t.shown(inputs.bilirubin.trim()), unit) }
                } else {
                    { t.fu_baseline_needed() }
                }
                { " " }
                { match f.reference() {
                    Some(Reference::UpperLimitOfNormal) => t.fu_reference_uln(),
                    Some(Reference::Baseline) => t.fu_reference_baseline(),
                    None => "",
                } }
            </p>
            <p class="hint">{ t.fu_unit_note(unit) }{ " " }{ t.fu_why_months() }</p>
            <ol class="follow-up-values">
                { for inputs.follow_up.iter().enumerate().map(|(i, e)| row(i, e)) }
            </ol>
            <button type="button" class="secondary" data-testid="followup-add" onclick={on_add}
                disabled={inputs.follow_up.len() >= MAX_FOLLOW_UP_VALUES}>{ t.fu_add() }</button>
            { outcome_line(t, outcome) }
            <div class="reild" data-testid="reild-checklist">
                <h4>{ t.fu_reild_heading() }</h4>
                <ul>
                    <li>{ t.fu_reild_bilirubin() }</li>
                    <li>{ t.fu_reild_time() }</li>
                    <li>{ t.fu_reild_progression() }</li>
                    <li>{ t.fu_reild_obstruction() }</li>
                </ul>
                <p class="source">{ t.fu_reild_source() }</p>
            </div>
        </details>
    }
}

/// The outcome, with the `liver-dysfunction-event` hook: the event's months
/// (machine form) or `none`.
pub fn outcome_line(t: &Text, outcome: Option<Outcome>) -> Html {
    match outcome {
        Some(Outcome::Event { months, .. }) => html! {
            <p class="outcome event" data-testid="liver-dysfunction-event" data-value={months.to_string()}>
                { t.fu_event(&t.shown(&months.to_string())) }
            </p>
        },
        Some(Outcome::EventFree { last_months }) => html! {
            <p class="outcome" data-testid="liver-dysfunction-event" data-value="none">
                { t.fu_no_event(&t.shown(&last_months.to_string())) }
            </p>
        },
        None => Html::default(),
    }
}

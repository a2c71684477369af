//! One lab value: its text field, unit (fixed or selectable), the value
//! echoed in the other unit, and its error or warnings right beside it.

use calculator_core::lab_values::Checked;
use calculator_core::{LabField, LabValueError, LabWarning};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::focus::focus_after_render;
use crate::form_text::field_label;
use crate::i18n::use_text;
use text::Text;

/// The browser cuts a paste longer than this: a pasted document never
/// reaches the app, while anything over the parser's 40 characters still
/// gets its "too long" message.
const INPUT_MAX_LENGTH: &str = "64";

/// A unit the user can select: its fragment code and how it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOption {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct LabInputProps {
    pub field: LabField,
    pub text: AttrValue,
    pub status: Result<Checked, LabValueError>,
    /// Selectable units; empty for a fixed unit.
    #[prop_or_default]
    pub units: Vec<UnitOption>,
    /// The selected unit's code, `None` when the link gave an unknown one.
    #[prop_or_default]
    pub selected_unit: Option<AttrValue>,
    /// The unit shown when there is no choice (IL6, IL8).
    #[prop_or_default]
    pub fixed_unit: AttrValue,
    /// The valid value in the other unit, e.g. "= 31 g/L".
    #[prop_or_default]
    pub echo: Option<AttrValue>,
    /// A short note under the label (reference range, cutoff).
    #[prop_or_default]
    pub hint: AttrValue,
    /// An open unit question: the results that use this field wait.
    #[prop_or_default]
    pub unit_check: Option<UnitCheckView>,
    pub on_text: Callback<String>,
    #[prop_or_default]
    pub on_unit: Callback<String>,
}

/// What the field says while its unit is in question, and what it offers.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCheckView {
    pub message: AttrValue,
    /// "Use <unit>": the unit code and label to switch to, if one is offered
    /// here (a warning's own button offers it otherwise).
    pub switch_to: Option<UnitOption>,
    /// The confirm button's text; `None` where another field asks the question.
    pub confirm_label: Option<AttrValue>,
    pub on_confirm: Callback<()>,
}

#[component]
pub fn LabInput(props: &LabInputProps) -> Html {
    let t = use_text();
    let t: &Text = &t;
    let key = props.field.code();
    let label = field_label(t, props.field);
    let input_id = format!("input-{key}");
    let message_id = format!("message-{key}");

    // Messages wait while the field is being typed into and appear when it
    // is left (as GOV.UK does), so a warning that comes and goes with each
    // keystroke never moves the fields below it.
    let editing = use_state(|| false);
    let on_input = {
        let on_text = props.on_text.clone();
        let editing = editing.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            editing.set(true);
            on_text.emit(input.value());
        })
    };
    let on_blur = {
        let editing = editing.clone();
        Callback::from(move |_: FocusEvent| editing.set(false))
    };
    let quiet = *editing;
    let on_select = {
        let on_unit = props.on_unit.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            on_unit.emit(select.value());
        })
    };

    let (error, warnings): (Option<&LabValueError>, &[LabWarning]) = match &props.status {
        Ok(checked) => (None, &checked.warnings),
        Err(error) => (Some(error), &[]),
    };
    // An empty field is a prompt, not a fault: it is said quietly.
    let empty = error.is_some_and(|e| e.is_empty_input());

    let unit = if props.units.is_empty() {
        html! { <span class="unit" aria-hidden="true">{ props.fixed_unit.clone() }</span> }
    } else {
        html! {
            <select
                id={format!("unit-{key}")}
                data-testid={format!("unit-{key}")}
                aria-label={t.form_unit_label(label)}
                onchange={on_select}
            >
                if props.selected_unit.is_none() {
                    <option value="" selected=true disabled=true>{ t.form_choose_unit() }</option>
                }
                { for props.units.iter().map(|unit| html! {
                    <option
                        value={unit.code}
                        selected={props.selected_unit.as_deref() == Some(unit.code)}
                    >{ unit.label }</option>
                }) }
            </select>
        }
    };

    html! {
        <div class={classes!("lab-input", error.filter(|_| !empty).map(|_| "invalid"))}>
            <label for={input_id.clone()}>
                { label }
                if !props.fixed_unit.is_empty() {
                    <span class="label-unit">{ format!(" ({})", props.fixed_unit) }</span>
                }
            </label>
            if !props.hint.is_empty() {
                <div class="hint">{ props.hint.clone() }</div>
            }
            <div class="input-row">
                <input
                    id={input_id}
                    data-testid={format!("input-{key}")}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength={INPUT_MAX_LENGTH}
                    value={props.text.clone()}
                    aria-invalid={if error.is_some() && !empty { "true" } else { "false" }}
                    aria-describedby={message_id.clone()}
                    oninput={on_input}
                    onblur={on_blur}
                />
                { unit }
            </div>
            <div id={message_id} class="messages" aria-live="polite">
                if quiet {
                    <p class="typing-note">{ t.form_checked_on_leave() }</p>
                } else if let Some(error) = error {
                    <p class={if empty { "prompt" } else { "error" }} data-testid={format!("error-{key}")}>
                        if !empty { <span class="icon" aria-hidden="true">{ "✖ " }</span> }
                        { wording::lab_value_error(t, error) }
                    </p>
                }
                if !quiet {
                    if let Some(echo) = &props.echo {
                        <p class="echo" data-testid={format!("echo-{key}")}>{ echo.clone() }</p>
                    }
                    { for warnings.iter().map(|warning| warning_view(t, key, warning, &props.on_unit)) }
                    if let Some(check) = &props.unit_check {
                        { unit_check_view(t, key, check, &props.on_unit) }
                    }
                }
            </div>
        </div>
    }
}

fn warning_view(t: &Text, key: &str, warning: &LabWarning, on_unit: &Callback<String>) -> Html {
    let suggestion = match warning {
        LabWarning::AlbuminLikelyInUnit(unit) => Some((unit.code(), unit.label())),
        LabWarning::BilirubinLikelyInUnit(unit) => Some((unit.code(), unit.label())),
        LabWarning::Unusual { .. } => None,
    };
    html! {
        <p class="warning" data-testid={format!("warning-{key}")}>
            <span class="icon" aria-hidden="true">{ "⚠ " }</span>
            { wording::lab_warning(t, warning) }
            if let Some((code, label)) = suggestion {
                { " " }
                { switch_unit_button(t, key, code, label, on_unit) }
            }
        </p>
    }
}

fn unit_check_view(t: &Text, key: &str, check: &UnitCheckView, on_unit: &Callback<String>) -> Html {
    html! {
        <div class="unit-check" data-testid={format!("unit-check-{key}")}>
            <p>{ check.message.clone() }</p>
            if let Some(unit) = &check.switch_to {
                { switch_unit_button(t, key, unit.code, unit.label, on_unit) }
                { " " }
            }
            if let Some(label) = &check.confirm_label {
                <button
                    type="button"
                    class="suggest"
                    data-testid={format!("confirm-unit-{key}")}
                    onclick={let on_confirm = check.on_confirm.clone(); let key = key.to_owned(); move |_| { on_confirm.emit(()); focus_after_render(format!("input-{key}")); }}
                >{ label.clone() }</button>
            }
        </div>
    }
}

/// "Use <unit>": switches the field's unit and keeps the focus on its unit
/// selector, since the button itself disappears once the unit is settled.
fn switch_unit_button(
    t: &Text,
    key: &str,
    code: &'static str,
    label: &'static str,
    on_unit: &Callback<String>,
) -> Html {
    let onclick = {
        let on_unit = on_unit.clone();
        let key = key.to_owned();
        move |_: MouseEvent| {
            on_unit.emit(code.to_owned());
            focus_after_render(format!("unit-{key}"));
        }
    };
    html! {
        <button type="button" class="suggest" data-testid={format!("suggest-unit-{key}")} {onclick}>
            { t.form_use_unit(label) }
        </button>
    }
}

//! The form: four lab values and two covariates. It renders the raw inputs
//! and emits actions; the app owns the state.

use std::rc::Rc;

use calculator_core::lab_values::Checked;
use calculator_core::{
    AlbuminUnit, Assessment, BilirubinUnit, ChildPughClass, Cirrhosis, LabField, RawInputs,
    Selection,
};
use yew::prelude::*;

use crate::components::choice_input::{ChoiceInput, ChoiceOption, UNKNOWN};
use crate::components::lab_input::{LabInput, UnitOption};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct InputFormProps {
    pub inputs: RawInputs,
    pub assessment: Rc<Assessment>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn InputForm(props: &InputFormProps) -> Html {
    let inputs = &props.inputs;
    let assessment = &props.assessment;
    let on_text = |field: LabField| {
        let on_action = props.on_action.clone();
        Callback::from(move |text: String| on_action.emit(Action::SetText(field, text)))
    };
    let on_albumin_unit = {
        let on_action = props.on_action.clone();
        Callback::from(move |code: String| {
            if let Some(unit) = AlbuminUnit::from_code(&code) {
                on_action.emit(Action::SetAlbuminUnit(unit));
            }
        })
    };
    let on_bilirubin_unit = {
        let on_action = props.on_action.clone();
        Callback::from(move |code: String| {
            if let Some(unit) = BilirubinUnit::from_code(&code) {
                on_action.emit(Action::SetBilirubinUnit(unit));
            }
        })
    };
    let on_cirrhosis = {
        let on_action = props.on_action.clone();
        Callback::from(move |code: String| {
            on_action.emit(Action::SetCirrhosis(choice(&code, Cirrhosis::from_code)))
        })
    };
    let on_child_pugh = {
        let on_action = props.on_action.clone();
        Callback::from(move |code: String| {
            on_action.emit(Action::SetChildPugh(choice(
                &code,
                ChildPughClass::from_code,
            )))
        })
    };

    let albumin_echo = match (&assessment.albumin, assessment.albumin_unit) {
        (Ok(checked), Some(unit)) => Some(echo_albumin(checked, unit)),
        _ => None,
    };
    let bilirubin_echo = match (&assessment.bilirubin, assessment.bilirubin_unit) {
        (Ok(checked), Some(unit)) => Some(echo_bilirubin(checked, unit)),
        _ => None,
    };

    html! {
        <form class="input-form" aria-label="Patient's baseline values" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h2>{ "Baseline values" }</h2>
            <LabInput
                field={LabField::Il6}
                text={inputs.il6.clone()}
                status={assessment.il6.clone()}
                fixed_unit="pg/mL"
                hint="Serum IL6. Cutoff: high if above 6.53 pg/mL."
                on_text={on_text(LabField::Il6)}
            />
            <LabInput
                field={LabField::Il8}
                text={inputs.il8.clone()}
                status={assessment.il8.clone()}
                fixed_unit="pg/mL"
                hint="Serum IL8. Cutoff: high if above 60.8 pg/mL."
                on_text={on_text(LabField::Il8)}
            />
            <LabInput
                field={LabField::Albumin}
                text={inputs.albumin.clone()}
                status={assessment.albumin.clone()}
                units={AlbuminUnit::ALL.iter().map(|u| UnitOption { code: u.code(), label: u.label() }).collect::<Vec<_>>()}
                selected_unit={inputs.albumin_unit.chosen().map(|u| AttrValue::from(u.code()))}
                echo={albumin_echo.map(AttrValue::from)}
                hint="Usual range 35–50 g/L (3.5–5.0 g/dL)."
                on_text={on_text(LabField::Albumin)}
                on_unit={on_albumin_unit}
            />
            <LabInput
                field={LabField::Bilirubin}
                text={inputs.bilirubin.clone()}
                status={assessment.bilirubin.clone()}
                units={BilirubinUnit::ALL.iter().map(|u| UnitOption { code: u.code(), label: u.label() }).collect::<Vec<_>>()}
                selected_unit={inputs.bilirubin_unit.chosen().map(|u| AttrValue::from(u.code()))}
                echo={bilirubin_echo.map(AttrValue::from)}
                hint="Usual range about 3–21 µmol/L (0.2–1.2 mg/dL)."
                on_text={on_text(LabField::Bilirubin)}
                on_unit={on_bilirubin_unit}
            />
            <ChoiceInput
                name="cirrhosis"
                legend="Liver cirrhosis"
                options={Cirrhosis::ALL.iter().map(|c| ChoiceOption { code: c.code(), label: c.label() }).collect::<Vec<_>>()}
                selected={selected_code(&inputs.cirrhosis, |c| c.code())}
                error={assessment.cirrhosis_error().map(|e| AttrValue::from(e.to_string()))}
                hint="Needed for the overall-survival models."
                on_change={on_cirrhosis}
            />
            <ChoiceInput
                name="child_pugh"
                legend="Child–Pugh class"
                options={ChildPughClass::ALL.iter().map(|c| ChoiceOption { code: c.code(), label: c.label() }).collect::<Vec<_>>()}
                selected={selected_code(&inputs.child_pugh, |c| c.code())}
                error={assessment.child_pugh_error().map(|e| AttrValue::from(e.to_string()))}
                hint="The study enrolled Child–Pugh A to B7. Needed for the overall-survival models."
                on_change={on_child_pugh}
            />
            <button
                type="button"
                class="secondary"
                data-testid="clear"
                onclick={let on_action = props.on_action.clone(); move |_| on_action.emit(Action::Clear)}
            >{ "Clear all fields" }</button>
        </form>
    }
}

fn choice<T>(code: &str, from_code: impl Fn(&str) -> Option<T>) -> Selection<T> {
    if code == UNKNOWN {
        return Selection::Unknown;
    }
    match from_code(code) {
        Some(value) => Selection::Chosen(value),
        None => Selection::Invalid(code.to_owned()),
    }
}

fn selected_code<T>(
    selection: &Selection<T>,
    code: impl Fn(&T) -> &'static str,
) -> Option<&'static str> {
    match selection {
        Selection::Unknown => Some(UNKNOWN),
        Selection::Chosen(value) => Some(code(value)),
        Selection::Invalid(_) => None,
    }
}

fn echo_albumin(checked: &Checked, typed_in: AlbuminUnit) -> String {
    let other = typed_in.other();
    format!(
        "= {} {}",
        other.from_grams_per_litre(checked.value),
        other.label()
    )
}

fn echo_bilirubin(checked: &Checked, typed_in: BilirubinUnit) -> String {
    match typed_in.other() {
        // mg/dL → µmol/L is an exact decimal (× 17.1).
        BilirubinUnit::MicromolesPerLitre => format!("= {} µmol/L", checked.value),
        BilirubinUnit::MilligramsPerDecilitre => format!(
            "= {:.2} mg/dL",
            BilirubinUnit::MilligramsPerDecilitre.from_micromoles_per_litre(checked.value)
        ),
    }
}

//! The form: four lab values and two covariates. It renders the raw inputs
//! and emits actions; the app owns the state.

use std::rc::Rc;

use calculator_core::lab_values::Checked;
use calculator_core::{
    AlbuminUnit, Assessment, BclcStage, BilirubinUnit, ChildPughClass, Choice, Cirrhosis,
    EcogStatus, ExtrahepaticDisease, LabField, Marker, RawInputs, Selection, UnitCheck,
};
use yew::prelude::*;

use crate::components::choice_input::{ChoiceInput, ChoiceOption, UNKNOWN};
use crate::components::lab_input::{LabInput, UnitCheckView, UnitOption};
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
    let on_choice = |make: fn(String) -> Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |code: String| on_action.emit(make(code)))
    };
    let on_cirrhosis = on_choice(|code| Action::SetCirrhosis(choice(&code)));
    let on_child_pugh = on_choice(|code| Action::SetChildPugh(choice(&code)));
    let on_bclc = on_choice(|code| Action::SetBclc(choice(&code)));
    let on_ecog = on_choice(|code| Action::SetEcog(choice(&code)));
    let on_extrahepatic = on_choice(|code| Action::SetExtrahepatic(choice(&code)));
    let unit_check = |field: LabField| {
        assessment
            .unit_check(field)
            .map(|check| unit_check_view(field, check, inputs, &props.on_action))
    };
    // The unspecified "B" of older links is shown only while it is chosen.
    let child_pugh_options: Vec<ChoiceOption> = ChildPughClass::FORM
        .into_iter()
        .chain(
            (inputs.child_pugh == Selection::Chosen(ChildPughClass::BUnspecified))
                .then_some(ChildPughClass::BUnspecified),
        )
        .map(option)
        .collect();

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
            <h2 class="visually-hidden">{ "Baseline values" }</h2>
            <LabInput
                field={LabField::Il6}
                text={inputs.il6.clone()}
                status={assessment.il6.clone()}
                fixed_unit="pg/mL"
                hint={format!("Serum IL6. Cutoff: high if above {} pg/mL.", Marker::Il6.cutoff_pg_ml())}
                on_text={on_text(LabField::Il6)}
            />
            <LabInput
                field={LabField::Il8}
                text={inputs.il8.clone()}
                status={assessment.il8.clone()}
                fixed_unit="pg/mL"
                hint={format!("Serum IL8. Cutoff: high if above {} pg/mL.", Marker::Il8.cutoff_pg_ml())}
                on_text={on_text(LabField::Il8)}
            />
            <LabInput
                field={LabField::Albumin}
                text={inputs.albumin.clone()}
                status={assessment.albumin.clone()}
                units={AlbuminUnit::ALL.iter().map(|u| UnitOption { code: u.code(), label: u.label() }).collect::<Vec<_>>()}
                selected_unit={inputs.albumin_unit.chosen().map(|u| AttrValue::from(u.code()))}
                echo={albumin_echo.map(AttrValue::from)}
                unit_check={unit_check(LabField::Albumin)}
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
                unit_check={unit_check(LabField::Bilirubin)}
                hint="Usual range about 3–21 µmol/L (0.2–1.2 mg/dL)."
                on_text={on_text(LabField::Bilirubin)}
                on_unit={on_bilirubin_unit}
            />
            <ChoiceInput
                name="cirrhosis"
                legend="Liver cirrhosis"
                options={Cirrhosis::ALL.iter().copied().map(option).collect::<Vec<_>>()}
                selected={selected_code(&inputs.cirrhosis, |c| c.code())}
                error={assessment.cirrhosis_error().map(|e| AttrValue::from(wording::field_error(&e)))}
                hint="Needed for the overall-survival models."
                on_change={on_cirrhosis}
            />
            <ChoiceInput
                name="child_pugh"
                legend="Child–Pugh class"
                options={child_pugh_options}
                selected={selected_code(&inputs.child_pugh, |c| c.code())}
                error={assessment.child_pugh_error().map(|e| AttrValue::from(wording::field_error(&e)))}
                hint="The trial enrolled Child–Pugh A to B7. The models' \"B vs A\" ratio applies to any B; B8–9 and C are outside the trial."
                on_change={on_child_pugh}
            />
            <h3 class="form-section">{ "Who the figures apply to" }</h3>
            <ChoiceInput
                name="bclc"
                legend="BCLC stage"
                options={BclcStage::ALL.iter().copied().map(option).collect::<Vec<_>>()}
                selected={selected_code(&inputs.bclc, |c| c.code())}
                error={assessment.bclc_error().map(|e| AttrValue::from(wording::field_error(&e)))}
                on_change={on_bclc}
            />
            <ChoiceInput
                name="ecog"
                legend="ECOG performance status"
                options={EcogStatus::ALL.iter().copied().map(option).collect::<Vec<_>>()}
                selected={selected_code(&inputs.ecog, |c| c.code())}
                error={assessment.ecog_error().map(|e| AttrValue::from(wording::field_error(&e)))}
                on_change={on_ecog}
            />
            <ChoiceInput
                name="extrahepatic"
                legend="Extrahepatic disease"
                options={ExtrahepaticDisease::ALL.iter().copied().map(option).collect::<Vec<_>>()}
                selected={selected_code(&inputs.extrahepatic, |c| c.code())}
                error={assessment.extrahepatic_error().map(|e| AttrValue::from(wording::field_error(&e)))}
                on_change={on_extrahepatic}
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

fn option<T: Choice>(choice: T) -> ChoiceOption {
    ChoiceOption {
        code: choice.code(),
        label: choice.label(),
    }
}

fn choice<T: Choice>(code: &str) -> Selection<T> {
    if code == UNKNOWN {
        return Selection::Unknown;
    }
    match T::from_code(code) {
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

/// What a field says while its unit is in question. A mixed pair of unit
/// systems is asked once, at the bilirubin field; albumin points there.
fn unit_check_view(
    field: LabField,
    check: UnitCheck,
    inputs: &RawInputs,
    on_action: &Callback<Action>,
) -> UnitCheckView {
    let confirmation = check.confirmation(field);
    let on_confirm = {
        let on_action = on_action.clone();
        Callback::from(move |()| on_action.emit(Action::ConfirmUnit(confirmation)))
    };
    let waiting = match field {
        LabField::Albumin => "ALBI, mALBI and the albumin factor",
        _ => "ALBI, mALBI and the bilirubin factor",
    };
    match check {
        UnitCheck::LikelyOtherUnit => {
            let unit = match field {
                LabField::Albumin => inputs.albumin_unit.chosen().map(|u| u.label()),
                _ => inputs.bilirubin_unit.chosen().map(|u| u.label()),
            }
            .unwrap_or("the selected unit");
            UnitCheckView {
                message: format!("Check the unit: {waiting} wait until the unit is switched or the value is confirmed in {unit}.").into(),
                switch_to: None,
                confirm_label: Some(format!("The value is right in {unit}").into()),
                on_confirm,
            }
        }
        UnitCheck::MixedSystems { albumin, bilirubin } => match field {
            LabField::Albumin => UnitCheckView {
                message: format!("Check the unit: albumin is in {} but bilirubin in {} (see below); {waiting} wait.", albumin.label(), bilirubin.label()).into(),
                switch_to: Some(UnitOption { code: albumin.other().code(), label: albumin.other().label() }),
                confirm_label: None,
                on_confirm,
            },
            _ => UnitCheckView {
                message: format!(
                    "Check the units: albumin in {} with bilirubin in {}. Laboratories report both in one system (g/dL with mg/dL, or g/L with µmol/L), so one of them may be in the wrong unit even though the value looks plausible. ALBI, mALBI and both factors wait.",
                    albumin.label(),
                    bilirubin.label()
                )
                .into(),
                switch_to: Some(UnitOption { code: bilirubin.other().code(), label: bilirubin.other().label() }),
                confirm_label: Some("Both units are right as selected".into()),
                on_confirm,
            },
        },
    }
}

//! The form: four lab values and two covariates. It renders the raw inputs
//! and emits actions; the app owns the state.

use std::rc::Rc;

use calculator_core::lab_values::Checked;
use calculator_core::{
    AlbuminUnit, Assessment, BclcStage, BilirubinUnit, ChildPughClass, Choice, Cirrhosis,
    EcogStatus, ExtrahepaticDisease, LabField, Marker, RawInputs, Selection, UnitCheck,
};
use yew::prelude::*;

use crate::components::child_pugh_panel::{child_pugh_note, child_pugh_panel};
use crate::components::choice_input::{ChoiceInput, ChoiceOption, UNKNOWN};
use crate::components::follow_up_panel::follow_up_panel;
use crate::components::lab_input::{LabInput, UnitCheckView, UnitOption};
use crate::form_text::FormLabel;
use crate::i18n::use_text;
use crate::state::Action;
use text::Text;

#[derive(Properties, PartialEq)]
pub struct InputFormProps {
    pub inputs: RawInputs,
    pub assessment: Rc<Assessment>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn InputForm(props: &InputFormProps) -> Html {
    let t = use_text();
    let t: &Text = &t;
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
            .map(|check| unit_check_view(t, field, check, inputs, &props.on_action))
    };
    // The unspecified "B" of older links is shown only while it is chosen.
    let child_pugh_options: Vec<ChoiceOption> = ChildPughClass::FORM
        .into_iter()
        .chain(
            (inputs.child_pugh == Selection::Chosen(ChildPughClass::BUnspecified))
                .then_some(ChildPughClass::BUnspecified),
        )
        .map(|c| option(t, c))
        .collect();

    let albumin_echo = match (&assessment.albumin, assessment.albumin_unit) {
        (Ok(checked), Some(unit)) => Some(echo_albumin(t, checked, unit)),
        _ => None,
    };
    let bilirubin_echo = match (&assessment.bilirubin, assessment.bilirubin_unit) {
        (Ok(checked), Some(unit)) => Some(echo_bilirubin(t, checked, unit)),
        _ => None,
    };

    html! {
        <form class="input-form" aria-label={t.form_label().to_owned()} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h2 class="visually-hidden">{ t.form_heading() }</h2>
            <LabInput
                field={LabField::Il6}
                text={inputs.il6.clone()}
                status={assessment.il6.clone()}
                fixed_unit="pg/mL"
                hint={marker_hint(t, Marker::Il6)}
                on_text={on_text(LabField::Il6)}
            />
            <LabInput
                field={LabField::Il8}
                text={inputs.il8.clone()}
                status={assessment.il8.clone()}
                fixed_unit="pg/mL"
                hint={marker_hint(t, Marker::Il8)}
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
                hint={t.form_hint_albumin().to_owned()}
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
                hint={t.form_hint_bilirubin().to_owned()}
                on_text={on_text(LabField::Bilirubin)}
                on_unit={on_bilirubin_unit}
            />
            <ChoiceInput
                name="cirrhosis"
                legend={t.form_legend_cirrhosis().to_owned()}
                options={Cirrhosis::ALL.iter().copied().map(|c| option(t, c)).collect::<Vec<_>>()}
                selected={selected_code(&inputs.cirrhosis, |c| c.code())}
                error={assessment.cirrhosis_error().map(|e| AttrValue::from(wording::field_error(t, &e)))}
                hint={t.form_hint_cirrhosis().to_owned()}
                on_change={on_cirrhosis}
            />
            <ChoiceInput
                name="child_pugh"
                legend={t.study_criterion_child_pugh().to_owned()}
                options={child_pugh_options}
                selected={selected_code(&inputs.child_pugh, |c| c.code())}
                error={assessment.child_pugh_error().map(|e| AttrValue::from(wording::field_error(t, &e)))}
                hint={t.form_hint_child_pugh().to_owned()}
                on_change={on_child_pugh}
            />
            { child_pugh_note(t, assessment) }
            { child_pugh_panel(t, inputs, assessment, &props.on_action) }
            <h3 class="form-section">{ t.results_applicability_heading() }</h3>
            <ChoiceInput
                name="bclc"
                legend={t.study_criterion_bclc().to_owned()}
                options={BclcStage::ALL.iter().copied().map(|c| option(t, c)).collect::<Vec<_>>()}
                selected={selected_code(&inputs.bclc, |c| c.code())}
                error={assessment.bclc_error().map(|e| AttrValue::from(wording::field_error(t, &e)))}
                on_change={on_bclc}
            />
            <ChoiceInput
                name="ecog"
                legend={t.study_criterion_ecog().to_owned()}
                options={EcogStatus::ALL.iter().copied().map(|c| option(t, c)).collect::<Vec<_>>()}
                selected={selected_code(&inputs.ecog, |c| c.code())}
                error={assessment.ecog_error().map(|e| AttrValue::from(wording::field_error(t, &e)))}
                on_change={on_ecog}
            />
            <ChoiceInput
                name="extrahepatic"
                legend={t.study_criterion_extrahepatic().to_owned()}
                options={ExtrahepaticDisease::ALL.iter().copied().map(|c| option(t, c)).collect::<Vec<_>>()}
                selected={selected_code(&inputs.extrahepatic, |c| c.code())}
                error={assessment.extrahepatic_error().map(|e| AttrValue::from(wording::field_error(t, &e)))}
                on_change={on_extrahepatic}
            />
            { follow_up_panel(t, inputs, assessment, &props.on_action) }
            <button
                type="button"
                class="secondary"
                data-testid="clear"
                onclick={let on_action = props.on_action.clone(); move |_| on_action.emit(Action::Clear)}
            >{ t.form_clear() }</button>
        </form>
    }
}

fn option<T: FormLabel>(t: &Text, choice: T) -> ChoiceOption {
    ChoiceOption {
        code: choice.code(),
        label: AttrValue::from(choice.form_label(t).to_owned()),
    }
}

/// "Serum IL6. Cutoff: high if above 6.53 pg/mL."
fn marker_hint(t: &Text, marker: Marker) -> String {
    t.form_hint_marker(marker.label(), &t.shown(&marker.cutoff_pg_ml().to_string()))
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

fn echo_albumin(t: &Text, checked: &Checked, typed_in: AlbuminUnit) -> String {
    let other = typed_in.other();
    format!(
        "= {} {}",
        t.shown(&other.from_grams_per_litre(checked.value).to_string()),
        other.label()
    )
}

fn echo_bilirubin(t: &Text, checked: &Checked, typed_in: BilirubinUnit) -> String {
    match typed_in.other() {
        // mg/dL → µmol/L is an exact decimal (× 17.1).
        BilirubinUnit::MicromolesPerLitre => {
            format!("= {} µmol/L", t.shown(&checked.value.to_string()))
        }
        BilirubinUnit::MilligramsPerDecilitre => format!(
            "= {} mg/dL",
            t.shown(&format!(
                "{:.2}",
                BilirubinUnit::MilligramsPerDecilitre.from_micromoles_per_litre(checked.value)
            ))
        ),
    }
}

/// What a field says while its unit is in question. A mixed pair of unit
/// systems is asked once, at the bilirubin field; albumin points there.
fn unit_check_view(
    t: &Text,
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
    match check {
        UnitCheck::LikelyOtherUnit => {
            let unit = match field {
                LabField::Albumin => inputs.albumin_unit.chosen().map(|u| u.label()),
                _ => inputs.bilirubin_unit.chosen().map(|u| u.label()),
            }
            .unwrap_or(t.form_selected_unit());
            let message = match field {
                LabField::Albumin => t.form_check_unit_albumin(unit),
                _ => t.form_check_unit_bilirubin(unit),
            };
            UnitCheckView {
                message: message.into(),
                switch_to: None,
                confirm_label: Some(t.form_confirm_unit(unit).into()),
                on_confirm,
            }
        }
        UnitCheck::MixedSystems { albumin, bilirubin } => match field {
            LabField::Albumin => UnitCheckView {
                message: t
                    .form_mixed_albumin(albumin.label(), bilirubin.label())
                    .into(),
                switch_to: Some(UnitOption {
                    code: albumin.other().code(),
                    label: albumin.other().label(),
                }),
                confirm_label: None,
                on_confirm,
            },
            _ => UnitCheckView {
                message: t
                    .form_mixed_bilirubin(albumin.label(), bilirubin.label())
                    .into(),
                switch_to: Some(UnitOption {
                    code: bilirubin.other().code(),
                    label: bilirubin.other().label(),
                }),
                confirm_label: Some(t.form_confirm_both().to_owned().into()),
                on_confirm,
            },
        },
    }
}

//! A covariate chosen from a short list, with "Unknown" as an explicit,
//! visible option (never a silent default for "no").

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::use_text;

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub code: &'static str,
    /// In the reader's language (`form_text::FormLabel`).
    pub label: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct ChoiceInputProps {
    /// The fragment key; also names the radio group and its hooks.
    pub name: &'static str,
    pub legend: AttrValue,
    pub options: Vec<ChoiceOption>,
    /// The chosen code; `Some("unknown")` for unknown, `None` when the link
    /// gave a code that is not allowed (nothing is checked then).
    pub selected: Option<&'static str>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: AttrValue,
    /// Emits the chosen code, or "unknown".
    pub on_change: Callback<String>,
}

pub const UNKNOWN: &str = "unknown";

#[component]
pub fn ChoiceInput(props: &ChoiceInputProps) -> Html {
    let t = use_text();
    let name = props.name;
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_change.emit(input.value());
        })
    };
    let all = props
        .options
        .iter()
        .map(|option| (option.code, option.label.clone()))
        .chain(std::iter::once((
            UNKNOWN,
            AttrValue::from(t.choice_unknown().to_owned()),
        )));
    html! {
        <fieldset class={classes!("choice-input", props.error.as_ref().map(|_| "invalid"))}>
            <legend>{ props.legend.clone() }</legend>
            if !props.hint.is_empty() {
                <div class="hint">{ props.hint.clone() }</div>
            }
            <div class="choices">
                { for all.map(|(code, label)| {
                    let id = format!("{name}-{code}");
                    html! {
                        <label class="choice" for={id.clone()}>
                            <input
                                type="radio"
                                id={id.clone()}
                                data-testid={id}
                                name={name}
                                value={code}
                                checked={props.selected == Some(code)}
                                onchange={on_change.clone()}
                            />
                            { label }
                        </label>
                    }
                }) }
            </div>
            <div class="messages" aria-live="polite">
                if let Some(error) = &props.error {
                    <p class="error" data-testid={format!("error-{name}")}>
                        <span class="icon" aria-hidden="true">{ "✖ " }</span>{ error.clone() }
                    </p>
                }
            </div>
        </fieldset>
    }
}

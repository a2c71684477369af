//! The visible language switch: the five languages by their own names, so a
//! reader finds theirs whatever language the page is in.

use text::Lang;
use yew::prelude::*;

use crate::i18n::use_text;

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
    /// Why the chosen language is not shown (it could not be loaded).
    pub problem: Option<AttrValue>,
}

#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    let t = use_text();
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Some(lang) = Lang::from_code(&select.value()) {
                on_change.emit(lang);
            }
        })
    };
    html! {
        <div class="language-switch">
            // The label is for screen readers: the select shows the language by
            // its own name, which every reader recognises, and the header keeps
            // one row in the longer languages (issue 12: the first field on a
            // laptop's first screen).
            <label for="lang-switch" class="visually-hidden">{ t.lang_label() }</label>
            <select id="lang-switch" data-testid="lang-switch" title={t.lang_label().to_owned()} {onchange}>
                { for Lang::ALL.iter().map(|lang| html! {
                    <option value={lang.code()} lang={lang.code()} selected={*lang == props.lang}>{ lang.endonym() }</option>
                }) }
            </select>
            if let Some(problem) = &props.problem {
                <p class="field-error" role="alert" data-testid="lang-problem">{ problem.clone() }</p>
            }
        </div>
    }
}

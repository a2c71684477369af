//! Actions on the whole view: copy the link or the summary, print, and the
//! presentation mode for a shared screen. Each reports its outcome in a live
//! region, so a screen reader hears whether the copy worked.

use yew::prelude::*;

use crate::clipboard::copy_text;
use crate::location::current_link;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The note summary, when the inputs give one.
    pub summary: Option<AttrValue>,
    pub presentation: bool,
    pub on_toggle_presentation: Callback<()>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let status = use_state(String::new);

    let on_copy_link = {
        let status = status.clone();
        // Read at click time: the fragment changes as the user types.
        Callback::from(move |_: MouseEvent| {
            copy_and_report(
                Some(current_link()),
                "Link copied: it holds the lab values only.",
                status.clone(),
            )
        })
    };
    let on_copy_summary = {
        let status = status.clone();
        let summary = props.summary.clone();
        Callback::from(move |_: MouseEvent| {
            copy_and_report(
                summary.as_ref().map(|s| s.to_string()),
                "Summary copied.",
                status.clone(),
            )
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let on_presentation = {
        let toggle = props.on_toggle_presentation.clone();
        Callback::from(move |_: MouseEvent| toggle.emit(()))
    };

    html! {
        <div class="toolbar" role="toolbar" aria-label="Share and present">
            <button type="button" data-testid="copy-link" onclick={on_copy_link}>{ "Copy link" }</button>
            <button type="button" data-testid="copy-summary" onclick={on_copy_summary}>{ "Copy summary" }</button>
            <button type="button" data-testid="print" onclick={on_print}>{ "Print" }</button>
            <button
                type="button"
                data-testid="toggle-presentation"
                aria-pressed={if props.presentation { "true" } else { "false" }}
                title="Presentation mode (Alt+P; Esc to leave)"
                onclick={on_presentation}
            >{ if props.presentation { "Leave presentation" } else { "Presentation mode" } }</button>
            <span class="status" data-testid="toolbar-status" role="status">{ (*status).clone() }</span>
        </div>
    }
}

fn copy_and_report(text: Option<String>, done: &'static str, status: UseStateHandle<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let message = match text {
            Some(text) => match copy_text(&text).await {
                Ok(()) => done,
                Err(_) => "Could not copy: select the text and copy it by hand.",
            },
            None => "Nothing to copy yet: enter the patient's values.",
        };
        status.set(message.to_owned());
    });
}

//! Actions on the whole view: copy the link or the summary, print, and the
//! presentation mode for a shared screen. Each reports its outcome in a live
//! region, so a screen reader hears whether the copy worked.

use yew::prelude::*;

use crate::clipboard::copy_text;
use crate::i18n::{use_text, TextHandle};
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
    let t = use_text();
    let status = use_state(String::new);

    let on_copy_link = {
        let status = status.clone();
        let t = t.clone();
        // Read at click time: the fragment changes as the user types.
        Callback::from(move |_: MouseEvent| {
            copy_and_report(
                Some(current_link()),
                Copied::Link,
                t.clone(),
                status.clone(),
            )
        })
    };
    let on_copy_summary = {
        let status = status.clone();
        let summary = props.summary.clone();
        let t = t.clone();
        Callback::from(move |_: MouseEvent| {
            copy_and_report(
                summary.as_ref().map(|s| s.to_string()),
                Copied::Summary,
                t.clone(),
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
        <div class="toolbar" role="toolbar" aria-label={t.toolbar_label().to_owned()}>
            <button type="button" data-testid="copy-link" onclick={on_copy_link}>{ t.toolbar_copy_link() }</button>
            <button type="button" data-testid="copy-summary" onclick={on_copy_summary}>{ t.toolbar_copy_summary() }</button>
            <button type="button" data-testid="print" onclick={on_print}>{ t.toolbar_print() }</button>
            <button
                type="button"
                data-testid="toggle-presentation"
                aria-pressed={if props.presentation { "true" } else { "false" }}
                title={t.toolbar_presentation_title().to_owned()}
                onclick={on_presentation}
            >{ if props.presentation { t.toolbar_leave_presentation() } else { t.toolbar_presentation() } }</button>
            <span class="status" data-testid="toolbar-status" role="status">{ (*status).clone() }</span>
        </div>
    }
}

/// What a copy button copies, for its status message.
#[derive(Clone, Copy)]
enum Copied {
    Link,
    Summary,
}

/// Copies and reports the outcome in the language of the click.
fn copy_and_report(
    text: Option<String>,
    what: Copied,
    t: TextHandle,
    status: UseStateHandle<String>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let message = match text {
            Some(text) => match (copy_text(&text).await, what) {
                (Ok(()), Copied::Link) => t.toolbar_link_copied(),
                (Ok(()), Copied::Summary) => t.toolbar_summary_copied(),
                (Err(_), _) => t.toolbar_copy_failed(),
            },
            None => t.toolbar_nothing_to_copy(),
        };
        status.set(message.to_owned());
    });
}

//! The URL fragment as the single shareable copy of the inputs.
//!
//! Edits are written with `history.replaceState`, so typing does not fill the
//! back button with one entry per keystroke and no `hashchange` echoes back.
//! A fragment changed from outside (a pasted link, back/forward) arrives as a
//! `hashchange` event and replaces the inputs.

use calculator_core::{parse_fragment, to_fragment, RawInputs};
use wasm_bindgen::JsValue;

use crate::state::View;
use crate::window_events::WindowListener;

/// The inputs in the page's current fragment (empty when there is none or
/// the page has no window, as in a test harness).
pub fn read_fragment() -> RawInputs {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| parse_fragment(&hash))
        .unwrap_or_default()
}

/// The view in the page's current fragment.
pub fn read_view() -> View {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| View::from_fragment(&hash))
        .unwrap_or_default()
}

/// The inputs and the view as one fragment (the view last, left out for the
/// calculator).
pub fn fragment_of(inputs: &RawInputs, view: View) -> String {
    let inputs = to_fragment(inputs);
    match (view.code(), inputs.is_empty()) {
        (None, _) => inputs,
        (Some(code), true) => format!("view={code}"),
        (Some(code), false) => format!("{inputs}&view={code}"),
    }
}

/// How a new fragment enters the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryEntry {
    /// An edit: replaces the current entry (typing never fills Back).
    Replace,
    /// A change of view: a new entry, so Back returns to the previous view.
    Push,
}

/// Writes `inputs` into the fragment without a navigation. Does nothing when
/// the fragment already says the same.
pub fn write_fragment(inputs: &RawInputs) {
    write_address(inputs, read_view(), HistoryEntry::Replace);
}

/// Writes the inputs and the view into the address. Does nothing when the
/// fragment already says the same.
pub fn write_address(inputs: &RawInputs, view: View, entry: HistoryEntry) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = fragment_of(inputs, view);
    let current = window.location().hash().unwrap_or_default();
    if current.trim_start_matches('#') == fragment {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    let href = window.location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    // An empty fragment is written as the bare URL, so a cleared form leaves no `#`.
    let url = if fragment.is_empty() {
        base.to_owned()
    } else {
        format!("{base}#{fragment}")
    };
    let _ = match entry {
        HistoryEntry::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryEntry::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
}

/// Calls `on_change` with the new inputs and view on every `hashchange`
/// (a pasted link, Back and Forward), until the returned listener is dropped.
pub fn listen_for_fragment_changes(
    on_change: impl Fn(RawInputs, View) + 'static,
) -> WindowListener {
    WindowListener::new("hashchange", move |_| {
        on_change(read_fragment(), read_view())
    })
}

/// The page's full address, fragment included: the link a colleague opens.
pub fn current_link() -> String {
    web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}

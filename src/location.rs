//! The URL fragment as the single shareable copy of the inputs.
//!
//! Edits are written with `history.replaceState`, so typing does not fill the
//! back button with one entry per keystroke and no `hashchange` echoes back.
//! A fragment changed from outside (a pasted link, back/forward) arrives as a
//! `hashchange` event and replaces the inputs.

use calculator_core::{parse_fragment, to_fragment, RawInputs};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The inputs in the page's current fragment (empty when there is none or
/// the page has no window, as in a test harness).
pub fn read_fragment() -> RawInputs {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| parse_fragment(&hash))
        .unwrap_or_default()
}

/// Writes `inputs` into the fragment without a navigation. Does nothing when
/// the fragment already says the same.
pub fn write_fragment(inputs: &RawInputs) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = to_fragment(inputs);
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
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
}

/// Calls `on_change` with the new inputs on every `hashchange`, until the
/// returned guard is dropped.
pub fn listen_for_fragment_changes(on_change: impl Fn(RawInputs) + 'static) -> FragmentListener {
    let closure = Closure::<dyn Fn()>::new(move || on_change(read_fragment()));
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    }
    FragmentListener { closure }
}

/// Removes the `hashchange` listener when dropped.
pub struct FragmentListener {
    closure: Closure<dyn Fn()>,
}

impl Drop for FragmentListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "hashchange",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

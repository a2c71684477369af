//! The URL fragment as the single shareable copy of the inputs.
//!
//! Edits are written with `history.replaceState`, so typing does not fill the
//! back button with one entry per keystroke and no `hashchange` echoes back.
//! A fragment changed from outside (a pasted link, back/forward) arrives as a
//! `hashchange` event and replaces the inputs.

use calculator_core::{parse_fragment, to_fragment, RawInputs};
use wasm_bindgen::JsValue;

use text::Lang;

use crate::state::{lang_from_fragment, View};
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

/// The language the page's address names, if any.
pub fn read_lang() -> Option<Lang> {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .and_then(|hash| lang_from_fragment(&hash))
}

/// The inputs, the view and the language as one fragment: the view and the
/// language last, each left out when it is the default (the calculator;
/// the language the browser would choose anyway, when that is English).
pub fn fragment_of(inputs: &RawInputs, view: View, lang: Lang, preferred: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let inputs = to_fragment(inputs);
    if !inputs.is_empty() {
        parts.push(inputs);
    }
    if let Some(code) = view.code() {
        parts.push(format!("view={code}"));
    }
    if lang != Lang::En || preferred != Lang::En {
        parts.push(format!("lang={}", lang.code()));
    }
    parts.join("&")
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
    let lang = read_lang().unwrap_or_else(crate::i18n::preferred_lang);
    write_address(inputs, read_view(), lang, HistoryEntry::Replace);
}

/// Writes the inputs and the view into the address. Does nothing when the
/// fragment already says the same.
pub fn write_address(inputs: &RawInputs, view: View, lang: Lang, entry: HistoryEntry) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = fragment_of(inputs, view, lang, crate::i18n::preferred_lang());
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

/// Calls `on_change` with the new inputs, view and language on every
/// `hashchange` (a pasted link, Back and Forward), until the returned
/// listener is dropped.
pub fn listen_for_fragment_changes(
    on_change: impl Fn(RawInputs, View, Option<Lang>) + 'static,
) -> WindowListener {
    WindowListener::new("hashchange", move |_| {
        on_change(read_fragment(), read_view(), read_lang())
    })
}

/// The page's full address, fragment included: the link a colleague opens.
pub fn current_link() -> String {
    web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}
